/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A read-only view of a whole journey map: title, personas, stage
 * headers across the top, lanes down the side and the cards of each
 * cell. The editing canvas replaces it later. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_MAP_VIEW (waymark_map_view_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkMapView, waymark_map_view, WAYMARK, MAP_VIEW, GtkWidget)

/* At most this many cards are shown in one cell; the rest are counted in
 * a "+N more" line so that a map of 100,000 cards stays responsive. */
#define WAYMARK_MAP_VIEW_MAX_CARDS_PER_CELL 50
/* And at most about this many card widgets in the whole view. */
#define WAYMARK_MAP_VIEW_CARD_BUDGET 4000

/* Property "document". */
GtkWidget       *waymark_map_view_new          (void);
WaymarkDocument *waymark_map_view_get_document (WaymarkMapView  *self);
void             waymark_map_view_set_document (WaymarkMapView  *self,
                                                WaymarkDocument *document);
/* Card widgets shown after the last rebuild, for tests and diagnostics. */
guint            waymark_map_view_get_n_cards_shown (WaymarkMapView *self);
/* Applies a pending rebuild now (the view coalesces changes in an idle). */
void             waymark_map_view_flush        (WaymarkMapView  *self);

G_END_DECLS
