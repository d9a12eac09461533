/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The colours of a journey map, shared by the canvas and the exporters:
 * the GNOME palette for lane kinds, persona colours, and the colours a
 * card can be given. Surfaces come in a light, a dark and a high-contrast
 * variant so the map reads well in each. GTK-free. */
#pragma once

#include <glib.h>

#include "waymark-lane.h"

G_BEGIN_DECLS

/* Same layout as GdkRGBA, components 0 … 1. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} WaymarkColor;

typedef enum
{
  WAYMARK_THEME_LIGHT,
  WAYMARK_THEME_DARK,
  WAYMARK_THEME_HIGH_CONTRAST,
  WAYMARK_THEME_HIGH_CONTRAST_DARK,
} WaymarkTheme;

/* The surfaces and inks of a theme. */
typedef struct
{
  WaymarkColor background;
  WaymarkColor ink;          /* main text */
  WaymarkColor ink_muted;    /* secondary text */
  WaymarkColor card;         /* card and header surface */
  WaymarkColor card_border;
  WaymarkColor shadow;
  WaymarkColor chip;         /* KPI chip and label pill */
  WaymarkColor neutral_line;
  WaymarkColor accent;
  /* Opacity of a lane's tint over the background. */
  float        band_alpha;
} WaymarkThemeColors;

const WaymarkThemeColors *waymark_theme_get_colors (WaymarkTheme theme);

/* "#rrggbb" only; FALSE (and *color untouched) otherwise. */
gboolean waymark_color_parse          (const char   *text,
                                       WaymarkColor *color);
/* "#rrggbb", ignoring alpha (transfer full). */
char    *waymark_color_to_hex         (const WaymarkColor *color);
/* a over b by a's alpha, then with alpha 1. */
void     waymark_color_mix            (const WaymarkColor *a,
                                       const WaymarkColor *b,
                                       float               amount,
                                       WaymarkColor       *result);

/* A symbolic icon of the Adwaita theme for a lane kind. */
const char *waymark_lane_kind_get_icon_name (WaymarkLaneKind kind);
/* The strong colour of a lane kind (bars, strips, icons). */
void     waymark_lane_kind_get_color  (WaymarkLaneKind kind,
                                       WaymarkColor   *color);
/* A persona's colour: its own if set, else one from the palette picked
 * by its position. */
void     waymark_persona_color        (const char   *color,
                                       guint         position,
                                       WaymarkColor *result);

/* The colour of a priority ("low", "medium", "high") or a status
 * ("open", "planned", "in-progress", "done") badge; FALSE for other
 * values. */
gboolean waymark_priority_get_color  (const char   *priority,
                                      WaymarkColor *color);
gboolean waymark_status_get_color    (const char   *status,
                                      WaymarkColor *color);

/* Colours offered for cards: a translated name and "#rrggbb". */
guint        waymark_card_colors_get_n    (void);
const char  *waymark_card_colors_get_name (guint i);
const char  *waymark_card_colors_get_hex  (guint i);

G_END_DECLS
