/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the model's classes: field setters that report
 * whether anything changed, so that notify is only emitted on change. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

gboolean waymark_field_set_string (char              **field,
                                   const char         *value);
gboolean waymark_field_set_strv   (char             ***field,
                                   const char * const *value);
gboolean waymark_field_set_bytes  (GBytes            **field,
                                   GBytes             *value);
gboolean waymark_strv_equal0      (const char * const *a,
                                   const char * const *b);
/* NULL reads as the empty list. */
const char * const *waymark_strv_or_empty (char **strv);
/* Stored strings are NULL when empty; readers see "". */
#define WAYMARK_STR(s) ((s) ? (s) : "")

G_END_DECLS
