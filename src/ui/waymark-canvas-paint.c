/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "waymark-canvas-paint.h"

void
gdk_rgba_from_waymark (GdkRGBA            *rgba,
                       const WaymarkColor *color)
{
  rgba->red = color->red;
  rgba->green = color->green;
  rgba->blue = color->blue;
  rgba->alpha = color->alpha;
}

static GdkRGBA
rgba (const WaymarkColor *color)
{
  GdkRGBA result;

  gdk_rgba_from_waymark (&result, color);
  return result;
}

static GdkRGBA
with_alpha (GdkRGBA color,
            double  alpha)
{
  color.alpha *= alpha;
  return color;
}

static graphene_rect_t
grect (const WaymarkRect *rect)
{
  return GRAPHENE_RECT_INIT (rect->x, rect->y, rect->width, rect->height);
}

/* A filled rounded rectangle. As a border node as thick as the shape,
 * not a colour under a rounded clip: the cairo renderer draws a border
 * as one antialiased path, but a rounded clip as a mask per shape. */
static void
fill_rounded (GtkSnapshot       *snapshot,
              const WaymarkRect *rect,
              double             radius,
              const GdkRGBA     *color)
{
  GskRoundedRect r;
  graphene_rect_t bounds = grect (rect);
  float w = (float) MAX (rect->width, rect->height);
  float widths[4] = { w, w, w, w };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  if (radius <= 0)
    {
      gtk_snapshot_append_color (snapshot, color, &bounds);
      return;
    }
  gsk_rounded_rect_init_from_rect (&r, &bounds, MIN (radius, MIN (rect->width, rect->height) / 2));
  gtk_snapshot_append_border (snapshot, &r, widths, colors);
}

static void
stroke_rounded (GtkSnapshot       *snapshot,
                const WaymarkRect *rect,
                double             radius,
                double             width,
                const GdkRGBA     *color)
{
  GskRoundedRect r;
  graphene_rect_t bounds = grect (rect);
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&r, &bounds, radius);
  gtk_snapshot_append_border (snapshot, &r, widths, colors);
}

static void
shadow_rounded (GtkSnapshot       *snapshot,
                const WaymarkRect *rect,
                double             radius,
                const GdkRGBA     *color,
                double             dy,
                double             blur)
{
  GskRoundedRect r;
  graphene_rect_t bounds = grect (rect);

  if (color->alpha <= 0)
    return;
  if (blur <= 0)
    {
      /* A hairline under the shape: cheap enough for every card. */
      WaymarkRect under = { rect->x, rect->y + dy, rect->width, rect->height };

      fill_rounded (snapshot, &under, radius, color);
      return;
    }
  gsk_rounded_rect_init_from_rect (&r, &bounds, radius);
  gtk_snapshot_append_outset_shadow (snapshot, &r, color, 0, dy, 0, blur);
}

static void
draw_text (const WaymarkPainter *painter,
           GtkSnapshot          *snapshot,
           const WaymarkText    *text,
           const GdkRGBA        *color)
{
  PangoLayout *layout;

  if (text->text == NULL)
    return;
  layout = waymark_layout_create_text (painter->layout, text);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text->rect.x, text->rect.y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

void
waymark_paint_focus_ring (const WaymarkPainter *painter,
                          GtkSnapshot          *snapshot,
                          const WaymarkRect    *rect,
                          double                radius)
{
  WaymarkRect ring = { rect->x - 4, rect->y - 4, rect->width + 8, rect->height + 8 };
  GdkRGBA accent = with_alpha (rgba (&painter->theme->accent), 0.7);

  stroke_rounded (snapshot, &ring, radius + 4, 2.5, &accent);
}

static void
lane_tint (const WaymarkPainter *painter,
           WaymarkLaneKind       kind,
           GdkRGBA              *tint)
{
  WaymarkColor strong, mixed;

  waymark_lane_kind_get_color (kind, &strong);
  waymark_color_mix (&strong, &painter->theme->background, painter->theme->band_alpha, &mixed);
  gdk_rgba_from_waymark (tint, &mixed);
}

void
waymark_paint_persona_color (const WaymarkPainter *painter,
                             const char           *persona_id,
                             GdkRGBA              *color)
{
  WaymarkPersona *persona = waymark_document_lookup_persona (painter->document, persona_id);
  int index = persona != NULL ? waymark_document_index_of (painter->document, persona) : 0;
  WaymarkColor c;

  waymark_persona_color (persona != NULL ? waymark_persona_get_color (persona) : NULL,
                         (guint) MAX (index, 0), &c);
  gdk_rgba_from_waymark (color, &c);
}

void
waymark_paint_card_color (const WaymarkPainter    *painter,
                          const WaymarkLayoutCard *card,
                          GdkRGBA                 *color)
{
  WaymarkColor c;

  if (!waymark_color_parse (waymark_card_get_color (card->card), &c))
    waymark_lane_kind_get_color (waymark_layout_get_lane (painter->layout, card->lane)->kind, &c);
  gdk_rgba_from_waymark (color, &c);
}

/* ---- Background ---- */

static void
paint_curves (const WaymarkPainter *painter,
              GtkSnapshot          *snapshot,
              const WaymarkRect    *visible)
{
  WaymarkLayout *layout = painter->layout;
  guint n = waymark_layout_get_n_curves (layout);

  for (guint c = 0; c < n; c++)
    {
      const WaymarkLayoutCurve *curve = waymark_layout_get_curve (layout, c);
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, curve->lane);
      graphene_rect_t bounds = grect (&ll->band);
      GdkRGBA color;
      cairo_t *cr;

      if (!waymark_rect_intersects (&ll->band, visible) || curve->n_points < 2)
        continue;
      if (curve->persona != NULL)
        waymark_paint_persona_color (painter, waymark_persona_get_id (curve->persona), &color);
      else
        {
          WaymarkColor strong;

          waymark_lane_kind_get_color (WAYMARK_LANE_KIND_ACTIONS, &strong);
          gdk_rgba_from_waymark (&color, &strong);
          color.red *= 0.8f;
          color.green *= 0.8f;
          color.blue *= 0.9f;
        }
      if (curve->dimmed)
        color.alpha = 0.22f;

      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_set_line_width (cr, curve->dimmed ? 2.0 : 3.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, curve->points[0], curve->points[1]);
      for (guint i = 1; i < curve->n_points; i++)
        {
          double x0 = curve->points[2 * i - 2], y0 = curve->points[2 * i - 1];
          double x1 = curve->points[2 * i], y1 = curve->points[2 * i + 1];
          double mid = (x1 - x0) / 2;

          cairo_curve_to (cr, x0 + mid, y0, x1 - mid, y1, x1, y1);
        }
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
}

static void
paint_emotion_scale (const WaymarkPainter    *painter,
                     GtkSnapshot             *snapshot,
                     guint                    lane)
{
  WaymarkLayout *layout = painter->layout;
  const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, lane);
  double left = ll->header.x + ll->header.width;
  double right = ll->band.x + ll->band.width - 8;
  double y0 = waymark_layout_emotion_y (layout, lane, 0);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (left, ll->band.y, right - left, ll->band.height);
  GdkRGBA line = rgba (&painter->theme->neutral_line);
  GdkRGBA muted = with_alpha (rgba (&painter->theme->ink_muted), 0.7);
  double dashes[] = { 5, 5 };
  cairo_t *cr;

  if (right <= left)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_width (cr, 1.2);
  cairo_set_dash (cr, dashes, 2, 0);
  gdk_cairo_set_source_rgba (cr, &line);
  cairo_move_to (cr, left + 4, y0);
  cairo_line_to (cr, right, y0);
  cairo_stroke (cr);

  /* "+" and "−" at the top and bottom of the scale. */
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, 1.6);
  gdk_cairo_set_source_rgba (cr, &muted);
  {
    double top = waymark_layout_emotion_y (layout, lane, WAYMARK_EMOTION_MAX);
    double bottom = waymark_layout_emotion_y (layout, lane, WAYMARK_EMOTION_MIN);
    double x = left - 14;

    cairo_move_to (cr, x - 5, top);
    cairo_line_to (cr, x + 5, top);
    cairo_move_to (cr, x, top - 5);
    cairo_line_to (cr, x, top + 5);
    cairo_move_to (cr, x - 5, bottom);
    cairo_line_to (cr, x + 5, bottom);
    cairo_stroke (cr);
  }
  cairo_destroy (cr);
}

void
waymark_paint_background (const WaymarkPainter *painter,
                          GtkSnapshot          *snapshot,
                          const WaymarkRect    *visible)
{
  WaymarkLayout *layout = painter->layout;
  const WaymarkThemeColors *theme = painter->theme;
  GdkRGBA ink = rgba (&theme->ink);
  GdkRGBA muted = rgba (&theme->ink_muted);
  GdkRGBA card = rgba (&theme->card);
  GdkRGBA border = rgba (&theme->card_border);
  const WaymarkText *title = waymark_layout_get_title (layout);
  const WaymarkText *description = waymark_layout_get_description (layout);
  guint n_lanes = waymark_layout_get_n_lanes (layout);
  guint n_legend = waymark_layout_get_n_legend_items (layout);

  /* Title, description and the persona legend. */
  draw_text (painter, snapshot, title, title->placeholder ? &muted : &ink);
  draw_text (painter, snapshot, description, &muted);
  for (guint i = 0; i < n_legend; i++)
    {
      const WaymarkLayoutLegendItem *item = waymark_layout_get_legend_item (layout, i);
      GdkRGBA dot;

      if (!waymark_rect_intersects (&item->rect, visible))
        continue;
      fill_rounded (snapshot, &item->rect, item->rect.height / 2, &card);
      stroke_rounded (snapshot, &item->rect, item->rect.height / 2, 1, &border);
      waymark_paint_persona_color (painter, waymark_persona_get_id (item->persona), &dot);
      fill_rounded (snapshot, &item->dot, 5, &dot);
      draw_text (painter, snapshot, &item->name, &ink);
    }

  /* Lane bands with their kind's strip. */
  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, j);
      WaymarkRect strip = { ll->band.x, ll->band.y, 5, ll->band.height };
      WaymarkColor strong;
      GdkRGBA tint, strip_color;

      if (!waymark_rect_intersects (&ll->band, visible))
        continue;
      lane_tint (painter, ll->kind, &tint);
      waymark_lane_kind_get_color (ll->kind, &strong);
      gdk_rgba_from_waymark (&strip_color, &strong);
      fill_rounded (snapshot, &ll->band, WAYMARK_LAYOUT_BAND_RADIUS, &tint);
      fill_rounded (snapshot, &strip, 2.5, &strip_color);
      if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
        paint_emotion_scale (painter, snapshot, j);
    }

  paint_curves (painter, snapshot, visible);
}

/* ---- Cards ---- */

static void
paint_star (cairo_t *cr,
            double   cx,
            double   cy,
            double   r)
{
  for (int i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + i * G_PI / 5;
      double radius = i % 2 == 0 ? r : r * 0.45;

      if (i == 0)
        cairo_move_to (cr, cx + radius * cos (angle), cy + radius * sin (angle));
      else
        cairo_line_to (cr, cx + radius * cos (angle), cy + radius * sin (angle));
    }
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
paint_marks (const WaymarkPainter    *painter,
             GtkSnapshot             *snapshot,
             const WaymarkLayoutCard *lc)
{
  const char * const *personas = waymark_card_get_personas (lc->card);
  gboolean star = waymark_card_get_moment_of_truth (lc->card);
  double x = lc->marks_x;
  double y = lc->marks_y + 5;
  guint n = personas != NULL ? g_strv_length ((char **) personas) : 0;
  graphene_rect_t bounds;
  cairo_t *cr;

  if (n == 0 && !star)
    return;
  bounds = GRAPHENE_RECT_INIT (x - (n + 1) * 12 - 4, y - 8, (n + 1) * 12 + 8, 16);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  if (star)
    {
      cairo_set_source_rgb (cr, 0.90, 0.65, 0.04);
      paint_star (cr, x - 6, y, 6.5);
      x -= 14;
    }
  for (guint i = 0; i < n; i++)
    {
      GdkRGBA color;

      waymark_paint_persona_color (painter, personas[i], &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_arc (cr, x - 4.5, y, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
      x -= 12;
    }
  cairo_destroy (cr);
}

static void
paint_named_icon (const WaymarkPainter *painter,
                  GtkSnapshot          *snapshot,
                  const char           *name,
                  const WaymarkRect    *rect,
                  const GdkRGBA        *color)
{
  GtkIconTheme *icons;
  GtkIconPaintable *icon;
  int size;

  if (name == NULL || rect->width <= 0 || painter->widget == NULL)
    return;
  icons = gtk_icon_theme_get_for_display (gtk_widget_get_display (painter->widget));
  size = (int) ceil (rect->width * MAX (painter->zoom, 0.25));
  icon = gtk_icon_theme_lookup_icon (icons, name, NULL, size,
                                     gtk_widget_get_scale_factor (painter->widget),
                                     GTK_TEXT_DIR_NONE, 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect->x, rect->y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            rect->width, rect->height, color, 1);
  gtk_snapshot_restore (snapshot);
  g_object_unref (icon);
}

static void
paint_icon (const WaymarkPainter    *painter,
            GtkSnapshot             *snapshot,
            const WaymarkLayoutCard *lc,
            const GdkRGBA           *color)
{
  paint_named_icon (painter, snapshot, waymark_channel_get_icon_name (waymark_card_get_channel (lc->card)),
                    &lc->icon, color);
}

static void
paint_face (cairo_t       *cr,
            double         cx,
            double         cy,
            double         r,
            gboolean       has_emotion,
            int            emotion,
            const GdkRGBA *fill,
            const GdkRGBA *line)
{
  double mouth_y = cy + r * 0.32;
  double bend = emotion * r * 0.16;

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, fill);
  cairo_fill_preserve (cr);
  gdk_cairo_set_source_rgba (cr, line);
  cairo_set_line_width (cr, 2.2);
  if (!has_emotion)
    {
      double dashes[] = { 3, 3 };

      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  cairo_arc (cr, cx - r * 0.36, cy - r * 0.22, r * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, cx + r * 0.36, cy - r * 0.22, r * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);

  cairo_set_line_width (cr, 1.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, cx - r * 0.45, mouth_y - bend * 0.5);
  cairo_curve_to (cr, cx - r * 0.2, mouth_y + bend, cx + r * 0.2, mouth_y + bend,
                  cx + r * 0.45, mouth_y - bend * 0.5);
  cairo_stroke (cr);
}

static void
paint_point (const WaymarkPainter    *painter,
             GtkSnapshot             *snapshot,
             const WaymarkLayoutCard *lc,
             WaymarkPaintFlags        flags)
{
  const WaymarkThemeColors *theme = painter->theme;
  double r = WAYMARK_LAYOUT_EMOTION_RADIUS;
  const char * const *personas = waymark_card_get_personas (lc->card);
  GdkRGBA fill = rgba (&theme->card);
  GdkRGBA line = rgba (&theme->ink);
  GdkRGBA chip = rgba (&theme->card);
  GdkRGBA ink = rgba (&theme->ink);
  GdkRGBA muted = rgba (&theme->ink_muted);
  GdkRGBA accent = rgba (&theme->accent);
  WaymarkColor own;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (lc->point_x - r - 4, lc->point_y - r - 4,
                                               2 * r + 8, 2 * r + 8);
  WaymarkRect label;
  cairo_t *cr;

  if (waymark_color_parse (waymark_card_get_color (lc->card), &own))
    gdk_rgba_from_waymark (&line, &own);
  else if (personas != NULL && personas[0] != NULL && personas[1] == NULL)
    waymark_paint_persona_color (painter, personas[0], &line);

  /* The label on a pill that keeps it readable over the curve. */
  if (lc->title.text != NULL)
    {
      PangoLayout *layout = waymark_layout_create_text (painter->layout, &lc->title);
      PangoRectangle ink_rect, logical;

      pango_layout_get_pixel_extents (layout, &ink_rect, &logical);
      label = (WaymarkRect) { lc->title.rect.x + logical.x - 7, lc->title.rect.y - 1,
                              logical.width + 14, lc->title.rect.height + 2 };
      chip.alpha = 0.92f;
      fill_rounded (snapshot, &label, MIN (10, label.height / 2), &chip);
      if (flags & WAYMARK_PAINT_SELECTED)
        stroke_rounded (snapshot, &label, MIN (10, label.height / 2), 2, &accent);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (lc->title.rect.x, lc->title.rect.y));
      gtk_snapshot_append_layout (snapshot, layout, lc->title.placeholder ? &muted : &ink);
      gtk_snapshot_restore (snapshot);
      g_object_unref (layout);
    }

  if (flags & WAYMARK_PAINT_LIFTED)
    {
      GdkRGBA shadow = rgba (&theme->shadow);
      WaymarkRect disc = { lc->point_x - r, lc->point_y - r, 2 * r, 2 * r };

      shadow.alpha = MAX (shadow.alpha * 2.5f, 0.25f);
      shadow_rounded (snapshot, &disc, r, &shadow, 3, 10);
    }

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  paint_face (cr, lc->point_x, lc->point_y, r, waymark_card_get_has_emotion (lc->card),
              waymark_card_get_has_emotion (lc->card) ? waymark_card_get_emotion (lc->card) : 0,
              &fill, &line);
  if (flags & WAYMARK_PAINT_SELECTED)
    {
      cairo_new_path (cr);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_set_line_width (cr, 2.5);
      cairo_arc (cr, lc->point_x, lc->point_y, r + 3, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  paint_marks (painter, snapshot, lc);

  if (flags & WAYMARK_PAINT_FOCUSED)
    waymark_paint_focus_ring (painter, snapshot, &lc->rect, 10);
}

/* Tinted pills behind the priority and the status, as on exports. */
static void
paint_badges (const WaymarkPainter    *painter,
              GtkSnapshot             *snapshot,
              const WaymarkLayoutCard *lc)
{
  WaymarkRect priority, status;
  WaymarkColor color;
  GdkRGBA fill;
  float alpha = MIN (0.35f, painter->theme->band_alpha * 1.6f + 0.02f);

  waymark_layout_get_card_badges (painter->layout, lc, &priority, &status);
  if (priority.width > 0 && waymark_priority_get_color (waymark_card_get_priority (lc->card), &color))
    {
      color.alpha = alpha;
      gdk_rgba_from_waymark (&fill, &color);
      fill_rounded (snapshot, &priority, priority.height / 2, &fill);
    }
  if (status.width > 0 && waymark_status_get_color (waymark_card_get_status (lc->card), &color))
    {
      color.alpha = alpha;
      gdk_rgba_from_waymark (&fill, &color);
      fill_rounded (snapshot, &status, status.height / 2, &fill);
    }
}

/* Find's highlight: a yellow ring around every match, an orange one
 * (thicker) around the current match; the GNOME palette's Yellow 3 and
 * Orange 3, which read on light and dark cards alike. */
static void
paint_match (GtkSnapshot             *snapshot,
             const WaymarkLayoutCard *lc,
             WaymarkPaintFlags        flags)
{
  GdkRGBA yellow = { 0.965f, 0.827f, 0.176f, 1.0f };
  GdkRGBA orange = { 1.0f, 0.471f, 0.0f, 1.0f };
  gboolean current = (flags & WAYMARK_PAINT_CURRENT) != 0;
  double width = current ? 4 : 3;
  WaymarkRect ring;
  double radius;

  if (!(flags & (WAYMARK_PAINT_MATCH | WAYMARK_PAINT_CURRENT)))
    return;
  if (lc->is_point)
    {
      double r = WAYMARK_LAYOUT_EMOTION_RADIUS + 3;

      ring = (WaymarkRect) { lc->point_x - r, lc->point_y - r, 2 * r, 2 * r };
      radius = r;
    }
  else
    {
      ring = (WaymarkRect) { lc->rect.x - 3, lc->rect.y - 3, lc->rect.width + 6, lc->rect.height + 6 };
      radius = WAYMARK_LAYOUT_CARD_RADIUS + 3;
    }
  stroke_rounded (snapshot, &ring, radius, width, current ? &orange : &yellow);
}

void
waymark_paint_card (const WaymarkPainter    *painter,
                    GtkSnapshot             *snapshot,
                    const WaymarkLayoutCard *lc,
                    WaymarkPaintFlags        flags)
{
  const WaymarkThemeColors *theme = painter->theme;
  GdkRGBA surface = rgba (&theme->card);
  GdkRGBA border = rgba (&theme->card_border);
  GdkRGBA shadow = rgba (&theme->shadow);
  GdkRGBA ink = rgba (&theme->ink);
  GdkRGBA muted = rgba (&theme->ink_muted);
  GdkRGBA accent = rgba (&theme->accent);
  GdkRGBA strong;
  WaymarkRect bar = { lc->rect.x + 10, lc->rect.y + 10, 4, lc->rect.height - 20 };
  double radius = WAYMARK_LAYOUT_CARD_RADIUS;

  if (lc->is_point)
    {
      paint_point (painter, snapshot, lc, flags);
      paint_match (snapshot, lc, flags);
      return;
    }

  waymark_paint_card_color (painter, lc, &strong);
  if (waymark_card_get_color (lc->card)[0] != '\0')
    {
      /* A recoloured card also takes a light wash of its colour. */
      surface.red = surface.red * 0.88f + strong.red * 0.12f;
      surface.green = surface.green * 0.88f + strong.green * 0.12f;
      surface.blue = surface.blue * 0.88f + strong.blue * 0.12f;
    }

  if (flags & (WAYMARK_PAINT_LIFTED | WAYMARK_PAINT_SELECTED))
    {
      if (flags & WAYMARK_PAINT_LIFTED)
        {
          shadow.alpha = MAX (shadow.alpha * 2.5f, 0.25f);
          shadow_rounded (snapshot, &lc->rect, radius, &shadow, 6, 18);
        }
      fill_rounded (snapshot, &lc->rect, radius, &surface);
      if (flags & WAYMARK_PAINT_SELECTED)
        {
          GdkRGBA wash = with_alpha (accent, 0.10);

          fill_rounded (snapshot, &lc->rect, radius, &wash);
          stroke_rounded (snapshot, &lc->rect, radius, 2, &accent);
        }
      else
        stroke_rounded (snapshot, &lc->rect, radius, 1, &border);
    }
  else
    {
      /* The common card in two fills, the fewest the cairo renderer can
       * draw it with: its edge (a pixel deeper at the bottom, for a
       * hint of elevation) and its surface. */
      WaymarkRect edge = { lc->rect.x, lc->rect.y, lc->rect.width, lc->rect.height + 1 };
      WaymarkRect inner = { lc->rect.x + 1, lc->rect.y + 1, lc->rect.width - 2, lc->rect.height - 2 };
      GdkRGBA edge_color = border;

      edge_color.alpha = MIN (1.0f, border.alpha + shadow.alpha * 0.6f);
      fill_rounded (snapshot, &edge, radius, &edge_color);
      fill_rounded (snapshot, &inner, radius - 1, &surface);
    }
  if (flags & WAYMARK_PAINT_HOVER && !(flags & WAYMARK_PAINT_SELECTED))
    {
      GdkRGBA hover = with_alpha (ink, 0.04);

      fill_rounded (snapshot, &lc->rect, radius, &hover);
    }

  gtk_snapshot_append_color (snapshot, &strong, &GRAPHENE_RECT_INIT (bar.x, bar.y, bar.width, bar.height));
  draw_text (painter, snapshot, &lc->title, lc->title.placeholder ? &muted : &ink);
  if (lc->meta.text != NULL)
    {
      paint_icon (painter, snapshot, lc, &muted);
      paint_badges (painter, snapshot, lc);
      draw_text (painter, snapshot, &lc->meta, &muted);
    }
  paint_marks (painter, snapshot, lc);
  paint_match (snapshot, lc, flags);
  if (flags & WAYMARK_PAINT_DROP)
    stroke_rounded (snapshot, &lc->rect, radius, 3, &accent);

  if (flags & WAYMARK_PAINT_FOCUSED)
    waymark_paint_focus_ring (painter, snapshot, &lc->rect, radius);
}

/* ---- Headers and cells ---- */

void
waymark_paint_stage_header (const WaymarkPainter *painter,
                            GtkSnapshot          *snapshot,
                            guint                 stage,
                            WaymarkPaintFlags     flags)
{
  const WaymarkThemeColors *theme = painter->theme;
  const WaymarkLayoutStage *ls = waymark_layout_get_stage (painter->layout, stage);
  GdkRGBA surface = rgba (&theme->card);
  GdkRGBA border = rgba (&theme->card_border);
  GdkRGBA shadow = rgba (&theme->shadow);
  GdkRGBA ink = rgba (&theme->ink);
  GdkRGBA muted = rgba (&theme->ink_muted);
  GdkRGBA chip = rgba (&theme->chip);
  WaymarkColor own;

  shadow_rounded (snapshot, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, &shadow,
                  flags & WAYMARK_PAINT_LIFTED ? 6 : 1, flags & WAYMARK_PAINT_LIFTED ? 18 : 0);
  fill_rounded (snapshot, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, &surface);
  if (flags & (WAYMARK_PAINT_SELECTED | WAYMARK_PAINT_DROP))
    {
      GdkRGBA accent = rgba (&theme->accent);

      stroke_rounded (snapshot, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, 2, &accent);
    }
  else
    stroke_rounded (snapshot, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, 1, &border);
  if (waymark_color_parse (waymark_stage_get_color (ls->stage), &own))
    {
      WaymarkRect bar = { ls->header.x + 14, ls->header.y + 10, ls->header.width - 28, 4 };
      GdkRGBA color = rgba (&own);

      fill_rounded (snapshot, &bar, 2, &color);
    }
  draw_text (painter, snapshot, &ls->name, ls->name.placeholder ? &muted : &ink);
  for (guint k = 0; k < ls->n_chips; k++)
    {
      const WaymarkLayoutChip *c = &ls->chips[k];
      WaymarkText text = { c->text_rect, WAYMARK_FONT_KPI, c->text, WAYMARK_LAYOUT_KPI_LINES, FALSE };

      fill_rounded (snapshot, &c->rect, MIN (c->rect.height / 2, 10), &chip);
      draw_text (painter, snapshot, &text, &ink);
    }
  if (flags & WAYMARK_PAINT_FOCUSED)
    waymark_paint_focus_ring (painter, snapshot, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS);
}

void
waymark_paint_lane_header (const WaymarkPainter *painter,
                           GtkSnapshot          *snapshot,
                           guint                 lane,
                           gboolean              opaque,
                           WaymarkPaintFlags     flags)
{
  const WaymarkThemeColors *theme = painter->theme;
  const WaymarkLayoutLane *ll = waymark_layout_get_lane (painter->layout, lane);
  GdkRGBA ink = rgba (&theme->ink);
  GdkRGBA muted = rgba (&theme->ink_muted);

  if (opaque)
    {
      WaymarkRect strip = { ll->header.x, ll->header.y, 5, ll->header.height };
      WaymarkColor strong;
      GdkRGBA tint, strip_color;

      lane_tint (painter, ll->kind, &tint);
      waymark_lane_kind_get_color (ll->kind, &strong);
      gdk_rgba_from_waymark (&strip_color, &strong);
      fill_rounded (snapshot, &ll->header, WAYMARK_LAYOUT_BAND_RADIUS, &tint);
      fill_rounded (snapshot, &strip, 2.5, &strip_color);
    }
  if (flags & (WAYMARK_PAINT_SELECTED | WAYMARK_PAINT_DROP))
    {
      GdkRGBA accent = rgba (&theme->accent);

      stroke_rounded (snapshot, &ll->header, WAYMARK_LAYOUT_BAND_RADIUS, 2, &accent);
    }
  draw_text (painter, snapshot, &ll->name, ll->name.placeholder ? &muted : &ink);
  {
    WaymarkColor strong;
    GdkRGBA icon_color;

    waymark_lane_kind_get_color (ll->kind, &strong);
    gdk_rgba_from_waymark (&icon_color, &strong);
    paint_named_icon (painter, snapshot, waymark_lane_kind_get_icon_name (ll->kind), &ll->icon, &icon_color);
  }
  draw_text (painter, snapshot, &ll->kind_label, &muted);
  if (flags & WAYMARK_PAINT_FOCUSED)
    waymark_paint_focus_ring (painter, snapshot, &ll->header, WAYMARK_LAYOUT_BAND_RADIUS);
}

void
waymark_paint_cell (const WaymarkPainter *painter,
                    GtkSnapshot          *snapshot,
                    guint                 stage,
                    guint                 lane,
                    WaymarkPaintFlags     flags)
{
  WaymarkRect cell;
  WaymarkLayoutCard **cards;
  guint n = waymark_layout_get_cell_cards (painter->layout, stage, lane, &cards);

  waymark_layout_get_cell_rect (painter->layout, stage, lane, &cell);
  cell.x += 3;
  cell.y += 3;
  cell.width -= 6;
  cell.height -= 6;

  if ((flags & (WAYMARK_PAINT_HOVER | WAYMARK_PAINT_FOCUSED)) && n == 0)
    {
      /* A quiet "+" where a double-click or Enter adds a card. */
      GdkRGBA muted = with_alpha (rgba (&painter->theme->ink_muted), 0.6);
      double cx = cell.x + cell.width / 2, cy = cell.y + MIN (cell.height / 2, 34);
      WaymarkRect h = { cx - 8, cy - 1, 16, 2 };
      WaymarkRect v = { cx - 1, cy - 8, 2, 16 };

      fill_rounded (snapshot, &h, 1, &muted);
      fill_rounded (snapshot, &v, 1, &muted);
    }
  if (flags & WAYMARK_PAINT_DROP)
    {
      GdkRGBA accent = with_alpha (rgba (&painter->theme->accent), 0.10);

      fill_rounded (snapshot, &cell, WAYMARK_LAYOUT_CARD_RADIUS, &accent);
    }
  if (flags & WAYMARK_PAINT_FOCUSED)
    waymark_paint_focus_ring (painter, snapshot, &cell, WAYMARK_LAYOUT_CARD_RADIUS - 2);
}

void
waymark_paint_link (const WaymarkPainter    *painter,
                    GtkSnapshot             *snapshot,
                    const WaymarkLayoutCard *from,
                    const WaymarkLayoutCard *to)
{
  double x0, y0, x1, y1, bend;
  graphene_rect_t bounds;
  GdkRGBA color = with_alpha (rgba (&painter->theme->accent), 0.55);
  cairo_t *cr;

  x0 = from->is_point ? from->point_x : from->rect.x + from->rect.width / 2;
  y0 = from->is_point ? from->point_y : from->rect.y + from->rect.height / 2;
  x1 = to->is_point ? to->point_x : to->rect.x + to->rect.width / 2;
  y1 = to->is_point ? to->point_y : to->rect.y + to->rect.height / 2;
  /* Leave from the edge that faces the other card. */
  if (!from->is_point)
    y0 = y1 < y0 ? from->rect.y : from->rect.y + from->rect.height;
  if (!to->is_point)
    y1 = y0 < y1 ? to->rect.y : to->rect.y + to->rect.height;
  bend = (y1 - y0) / 2;

  bounds = GRAPHENE_RECT_INIT (MIN (x0, x1) - 8, MIN (y0, y1) - 8,
                               fabs (x1 - x0) + 16, fabs (y1 - y0) + 16);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr, x0, y0 + bend, x1, y1 - bend, x1, y1);
  cairo_stroke (cr);
  cairo_arc (cr, x0, y0, 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x1, y1, 3.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}
