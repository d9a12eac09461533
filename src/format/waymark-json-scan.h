/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A strict RFC 8259 check that runs before json-glib parses a file, so
 * that nothing json-glib mishandles (deep nesting, huge integers, "\u0000",
 * lenient syntax) ever reaches it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WAYMARK_JSON_MAX_DEPTH 64

/* On success, *json and *json_length are what to hand to json-glib: a
 * slice of data (a byte order mark skipped), or *owned, a copy with the
 * "\u0000" escapes removed, which the caller frees. Errors are of
 * WAYMARK_FORMAT_ERROR with line and column. */
gboolean waymark_json_scan (const char  *data,
                            gsize        length,
                            const char **json,
                            gsize       *json_length,
                            char       **owned,
                            GError     **error);

G_END_DECLS
