/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "waymark-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, 1.f }
#define RGBA(hex, a) { ((hex) >> 16 & 0xff) / 255.f, ((hex) >> 8 & 0xff) / 255.f, ((hex) & 0xff) / 255.f, (a) }

/* libadwaita's window, card and text colours. */
static const WaymarkThemeColors themes[] = {
  [WAYMARK_THEME_LIGHT] = {
    .background = RGB (0xfafafa),
    .ink = RGB (0x1e1e2a),
    .ink_muted = RGBA (0x1e1e2a, 0.62f),
    .card = RGB (0xffffff),
    .card_border = RGBA (0x000000, 0.09f),
    .shadow = RGBA (0x000000, 0.10f),
    .chip = RGBA (0x1e1e2a, 0.07f),
    .neutral_line = RGBA (0x1e1e2a, 0.30f),
    .accent = RGB (0x3584e4),
    .band_alpha = 0.11f,
  },
  [WAYMARK_THEME_DARK] = {
    .background = RGB (0x242424),
    .ink = RGB (0xffffff),
    .ink_muted = RGBA (0xffffff, 0.66f),
    .card = RGB (0x383838),
    .card_border = RGBA (0xffffff, 0.10f),
    .shadow = RGBA (0x000000, 0.35f),
    .chip = RGBA (0xffffff, 0.10f),
    .neutral_line = RGBA (0xffffff, 0.35f),
    .accent = RGB (0x78aeed),
    .band_alpha = 0.16f,
  },
  [WAYMARK_THEME_HIGH_CONTRAST] = {
    .background = RGB (0xffffff),
    .ink = RGB (0x000000),
    .ink_muted = RGB (0x2e2e2e),
    .card = RGB (0xffffff),
    .card_border = RGB (0x000000),
    .shadow = RGBA (0x000000, 0.0f),
    .chip = RGBA (0x000000, 0.12f),
    .neutral_line = RGB (0x000000),
    .accent = RGB (0x1c71d8),
    .band_alpha = 0.08f,
  },
  [WAYMARK_THEME_HIGH_CONTRAST_DARK] = {
    .background = RGB (0x000000),
    .ink = RGB (0xffffff),
    .ink_muted = RGB (0xe0e0e0),
    .card = RGB (0x1a1a1a),
    .card_border = RGB (0xffffff),
    .shadow = RGBA (0x000000, 0.0f),
    .chip = RGBA (0xffffff, 0.18f),
    .neutral_line = RGB (0xffffff),
    .accent = RGB (0x99c1f1),
    .band_alpha = 0.14f,
  },
};

const WaymarkThemeColors *
waymark_theme_get_colors (WaymarkTheme theme)
{
  g_return_val_if_fail (theme <= WAYMARK_THEME_HIGH_CONTRAST_DARK, &themes[0]);

  return &themes[theme];
}

gboolean
waymark_color_parse (const char   *text,
                     WaymarkColor *color)
{
  guint value = 0;

  if (text == NULL || strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
      value = value << 4 | (guint) g_ascii_xdigit_value (text[i]);
    }
  color->red = (value >> 16 & 0xff) / 255.f;
  color->green = (value >> 8 & 0xff) / 255.f;
  color->blue = (value & 0xff) / 255.f;
  color->alpha = 1.f;
  return TRUE;
}

static guint
to_byte (float component)
{
  return (guint) CLAMP (component * 255.f + 0.5f, 0.f, 255.f);
}

char *
waymark_color_to_hex (const WaymarkColor *color)
{
  return g_strdup_printf ("#%02x%02x%02x", to_byte (color->red),
                          to_byte (color->green), to_byte (color->blue));
}

void
waymark_color_mix (const WaymarkColor *a,
                   const WaymarkColor *b,
                   float               amount,
                   WaymarkColor       *result)
{
  float t = CLAMP (amount, 0.f, 1.f);

  result->red = a->red * t + b->red * (1.f - t);
  result->green = a->green * t + b->green * (1.f - t);
  result->blue = a->blue * t + b->blue * (1.f - t);
  result->alpha = 1.f;
}

/* GNOME palette: blue 3, purple 3, yellow 5, green 4, red 3, green 5
 * and dark 1; text lanes in light 5. */
static const WaymarkColor lane_colors[WAYMARK_N_LANE_KINDS] = {
  [WAYMARK_LANE_KIND_ACTIONS] = RGB (0x3584e4),
  [WAYMARK_LANE_KIND_TOUCHPOINTS] = RGB (0x9141ac),
  [WAYMARK_LANE_KIND_THOUGHTS] = RGB (0xe5a50a),
  [WAYMARK_LANE_KIND_EMOTIONS] = RGB (0x2ec27e),
  [WAYMARK_LANE_KIND_PAIN_POINTS] = RGB (0xe01b24),
  [WAYMARK_LANE_KIND_SOLUTIONS] = RGB (0x26a269),
  [WAYMARK_LANE_KIND_BACKSTAGE] = RGB (0x77767b),
  [WAYMARK_LANE_KIND_TEXT] = RGB (0x9a9996),
};

void
waymark_lane_kind_get_color (WaymarkLaneKind kind,
                             WaymarkColor   *color)
{
  if (kind >= WAYMARK_N_LANE_KINDS)
    kind = WAYMARK_LANE_KIND_TEXT;
  *color = lane_colors[kind];
}

static const WaymarkColor persona_colors[] = {
  RGB (0xe01b24), RGB (0x3584e4), RGB (0x2ec27e), RGB (0xff7800),
  RGB (0x9141ac), RGB (0x986a44), RGB (0xf5c211), RGB (0x5e5c64),
};

void
waymark_persona_color (const char   *color,
                       guint         position,
                       WaymarkColor *result)
{
  if (!waymark_color_parse (color, result))
    *result = persona_colors[position % G_N_ELEMENTS (persona_colors)];
}

static const struct
{
  const char *name;
  const char *hex;
} card_colors[] = {
  { N_("Blue"), "#3584e4" },
  { N_("Green"), "#2ec27e" },
  { N_("Yellow"), "#f5c211" },
  { N_("Orange"), "#ff7800" },
  { N_("Red"), "#e01b24" },
  { N_("Purple"), "#9141ac" },
  { N_("Brown"), "#986a44" },
  { N_("Grey"), "#77767b" },
};

guint
waymark_card_colors_get_n (void)
{
  return G_N_ELEMENTS (card_colors);
}

const char *
waymark_card_colors_get_name (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (card_colors), NULL);

  return _(card_colors[i].name);
}

const char *
waymark_card_colors_get_hex (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (card_colors), NULL);

  return card_colors[i].hex;
}

const char *
waymark_lane_kind_get_icon_name (WaymarkLaneKind kind)
{
  static const char *names[WAYMARK_N_LANE_KINDS] = {
    [WAYMARK_LANE_KIND_ACTIONS] = "input-mouse-symbolic",
    [WAYMARK_LANE_KIND_TOUCHPOINTS] = "mark-location-symbolic",
    [WAYMARK_LANE_KIND_THOUGHTS] = "user-available-symbolic",
    [WAYMARK_LANE_KIND_EMOTIONS] = "face-smile-symbolic",
    [WAYMARK_LANE_KIND_PAIN_POINTS] = "dialog-warning-symbolic",
    [WAYMARK_LANE_KIND_SOLUTIONS] = "emblem-ok-symbolic",
    [WAYMARK_LANE_KIND_BACKSTAGE] = "emblem-system-symbolic",
    [WAYMARK_LANE_KIND_TEXT] = "text-x-generic-symbolic",
  };

  return (guint) kind < WAYMARK_N_LANE_KINDS ? names[kind] : names[WAYMARK_LANE_KIND_TEXT];
}

static gboolean
lookup_color (const char   *value,
              const char  **names,
              const guint  *colors,
              guint         n,
              WaymarkColor *color)
{
  for (guint i = 0; value != NULL && i < n; i++)
    if (strcmp (value, names[i]) == 0)
      {
        *color = (WaymarkColor) RGB (colors[i]);
        return TRUE;
      }
  return FALSE;
}

gboolean
waymark_priority_get_color (const char   *priority,
                            WaymarkColor *color)
{
  static const char *names[] = { "low", "medium", "high" };
  /* GNOME palette: light grey, yellow, red. */
  static const guint colors[] = { 0x9a9996, 0xe5a50a, 0xe01b24 };

  g_return_val_if_fail (color != NULL, FALSE);

  return lookup_color (priority, names, colors, G_N_ELEMENTS (names), color);
}

gboolean
waymark_status_get_color (const char   *status,
                          WaymarkColor *color)
{
  static const char *names[] = { "open", "planned", "in-progress", "done" };
  /* Blue, purple, orange, green. */
  static const guint colors[] = { 0x3584e4, 0x9141ac, 0xe66100, 0x2ec27e };

  g_return_val_if_fail (color != NULL, FALSE);

  return lookup_color (status, names, colors, G_N_ELEMENTS (names), color);
}
