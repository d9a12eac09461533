/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws the parts of a journey map into a GtkSnapshot, in map units,
 * from the geometry of a WaymarkLayout. The canvas uses it for its
 * background and for each of its items. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-layout.h"
#include "waymark-palette.h"

G_BEGIN_DECLS

typedef struct
{
  WaymarkLayout            *layout;
  WaymarkDocument          *document;
  const WaymarkThemeColors *theme;
  /* For icons: their theme and the pixel density to load them at. */
  GtkWidget                *widget;
  double                    zoom;
} WaymarkPainter;

typedef enum
{
  WAYMARK_PAINT_SELECTED = 1 << 0,
  WAYMARK_PAINT_FOCUSED  = 1 << 1,
  WAYMARK_PAINT_HOVER    = 1 << 2,
  WAYMARK_PAINT_LIFTED   = 1 << 3,
  WAYMARK_PAINT_DROP     = 1 << 4,
  /* Find: a match, and the match Enter moved to. */
  WAYMARK_PAINT_MATCH    = 1 << 5,
  WAYMARK_PAINT_CURRENT  = 1 << 6,
} WaymarkPaintFlags;

void gdk_rgba_from_waymark           (GdkRGBA            *rgba,
                                      const WaymarkColor *color);
/* A card's strong colour: its own, else its lane kind's. */
void waymark_paint_card_color        (const WaymarkPainter    *painter,
                                      const WaymarkLayoutCard *card,
                                      GdkRGBA                 *color);
void waymark_paint_persona_color     (const WaymarkPainter    *painter,
                                      const char              *persona_id,
                                      GdkRGBA                 *color);

/* Page, title, legend, lane bands, emotion scales and curves. */
void waymark_paint_background        (const WaymarkPainter *painter,
                                      GtkSnapshot          *snapshot,
                                      const WaymarkRect    *visible);
void waymark_paint_card              (const WaymarkPainter    *painter,
                                      GtkSnapshot             *snapshot,
                                      const WaymarkLayoutCard *card,
                                      WaymarkPaintFlags        flags);
void waymark_paint_stage_header      (const WaymarkPainter *painter,
                                      GtkSnapshot          *snapshot,
                                      guint                 stage,
                                      WaymarkPaintFlags     flags);
void waymark_paint_lane_header       (const WaymarkPainter *painter,
                                      GtkSnapshot          *snapshot,
                                      guint                 lane,
                                      gboolean              opaque,
                                      WaymarkPaintFlags     flags);
void waymark_paint_cell              (const WaymarkPainter *painter,
                                      GtkSnapshot          *snapshot,
                                      guint                 stage,
                                      guint                 lane,
                                      WaymarkPaintFlags     flags);
/* A light connector from one card to another. */
void waymark_paint_link              (const WaymarkPainter    *painter,
                                      GtkSnapshot             *snapshot,
                                      const WaymarkLayoutCard *from,
                                      const WaymarkLayoutCard *to);
/* The accent focus ring libadwaita draws, around rect. */
void waymark_paint_focus_ring        (const WaymarkPainter *painter,
                                      GtkSnapshot          *snapshot,
                                      const WaymarkRect    *rect,
                                      double                radius);

G_END_DECLS
