/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The maps a new map can start from, shipped as .jmap resources. Their
 * names and descriptions live here, in C, so that they are translated;
 * the cards inside the files stay in English. */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

G_BEGIN_DECLS

typedef struct
{
  /* Stable: the action parameter and the resource's base name. */
  const char *id;
  /* Untranslated (N_()): pass through _() to show. */
  const char *name;
  const char *description;
} WaymarkTemplate;

/* The template a plain "New Map" starts from. */
#define WAYMARK_DEFAULT_TEMPLATE "customer-journey"

guint                  waymark_templates_get_n_items (void);
const WaymarkTemplate *waymark_templates_get_item    (guint       position);
/* NULL for an unknown id. */
const WaymarkTemplate *waymark_templates_lookup      (const char *id);

/* The template as a new, untitled map that counts as unmodified, or NULL
 * with an error for an unknown id. */
WaymarkDocument       *waymark_templates_load        (const char  *id,
                                                      GError     **error);

G_END_DECLS
