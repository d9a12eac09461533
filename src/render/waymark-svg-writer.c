/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SVG of a journey map. It draws what waymark-canvas-paint.c draws
 * for a card at rest, from the same WaymarkLayout, so an export looks
 * like the screen; what only makes sense on screen (selection, focus,
 * hover, the "+" buttons) is left out. */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "waymark-render-resources.h"
#include "waymark-svg-writer.h"

/* A slide's margin around the fitted map, in slide pixels at 1×. */
#define FRAME_MARGIN 40.0
/* Cards that do not apply to the focused persona. */
#define DIMMED_OPACITY "0.3"

typedef struct
{
  WaymarkLayout            *layout;
  WaymarkDocument          *document;
  const WaymarkSvgOptions  *options;
  const WaymarkThemeColors *theme;
  GString                  *out;
  char                     *font_family;
  /* persona id → WaymarkColor * */
  GHashTable               *persona_colors;
  /* icon name → its inner SVG (char *), "" when missing */
  GHashTable               *icons;
  guint                     n_clips;
} Writer;

/* ---- Numbers, colours and text ---- */

/* Map units with two decimals, independent of the locale (printf's %f
 * would write a comma in a German session). */
static void
put_num (GString *out,
         double   value)
{
  gint64 hundredths;
  gint64 whole;
  int fraction;

  if (!isfinite (value))
    value = 0;
  hundredths = (gint64) llround (value * 100);
  if (hundredths < 0)
    {
      g_string_append_c (out, '-');
      hundredths = -hundredths;
    }
  whole = hundredths / 100;
  fraction = (int) (hundredths % 100);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, whole);
  if (fraction != 0)
    {
      g_string_append_c (out, '.');
      g_string_append_c (out, (char) ('0' + fraction / 10));
      if (fraction % 10 != 0)
        g_string_append_c (out, (char) ('0' + fraction % 10));
    }
}

/* name="value" with a leading space. */
static void
put_attr_num (GString    *out,
              const char *name,
              double      value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  put_num (out, value);
  g_string_append_c (out, '"');
}

static void
put_hex (GString            *out,
         const WaymarkColor *color)
{
  static const char digits[] = "0123456789abcdef";
  float components[3] = { color->red, color->green, color->blue };

  g_string_append_c (out, '#');
  for (guint i = 0; i < 3; i++)
    {
      int v = (int) lroundf (CLAMP (components[i], 0.f, 1.f) * 255.f);

      g_string_append_c (out, digits[v >> 4]);
      g_string_append_c (out, digits[v & 15]);
    }
}

/* fill="#rrggbb" (and fill-opacity when it is not opaque); property is
 * "fill" or "stroke". */
static void
put_paint (GString            *out,
           const char         *property,
           const WaymarkColor *color,
           double              opacity)
{
  double alpha = color->alpha * opacity;

  g_string_append_printf (out, " %s=\"", property);
  put_hex (out, color);
  g_string_append_c (out, '"');
  if (alpha < 0.999)
    {
      g_string_append_printf (out, " %s-opacity=\"", property);
      put_num (out, MAX (alpha, 0));
      g_string_append_c (out, '"');
    }
}

void
waymark_svg_append_escaped (GString    *string,
                            const char *text,
                            gssize      length)
{
  const char *end;

  g_return_if_fail (string != NULL);

  if (text == NULL)
    return;
  end = length < 0 ? text + strlen (text) : text + length;
  for (const char *p = text; p < end; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '&':
          g_string_append (string, "&amp;");
          break;
        case '<':
          g_string_append (string, "&lt;");
          break;
        case '>':
          g_string_append (string, "&gt;");
          break;
        case '"':
          g_string_append (string, "&quot;");
          break;
        case '\'':
          g_string_append (string, "&apos;");
          break;
        case '\t':
          g_string_append_c (string, ' ');
          break;
        default:
          if (c >= 0x20 && c != 0x7f)
            g_string_append_c (string, (char) c);
          break;
        }
    }
}

/* The families the text was really set in, first, so that a viewer
 * with that font lays it out exactly as Pango measured it. */
static char *
resolve_font_family (WaymarkLayout *layout)
{
  PangoContext *context = waymark_layout_get_pango_context (layout);
  const PangoFontDescription *desc = waymark_layout_get_font (layout, WAYMARK_FONT_CARD_TITLE);
  g_autoptr (PangoFont) font = pango_context_load_font (context, desc);
  g_autoptr (GString) families = g_string_new (NULL);
  g_auto (GStrv) listed = g_strsplit (pango_font_description_get_family (desc), ",", -1);
  const char *resolved = NULL;
  PangoFontDescription *described = NULL;

  if (font != NULL)
    {
      described = pango_font_describe (font);
      resolved = pango_font_description_get_family (described);
    }
  if (resolved != NULL)
    {
      g_string_append_printf (families, "'%s'", resolved);
    }
  for (guint i = 0; listed[i] != NULL; i++)
    {
      const char *family = g_strstrip (listed[i]);

      if (*family == '\0' || g_strcmp0 (family, resolved) == 0)
        continue;
      if (families->len > 0)
        g_string_append_c (families, ',');
      if (g_ascii_strcasecmp (family, "Sans") == 0)
        g_string_append (families, "sans-serif");
      else
        g_string_append_printf (families, "'%s'", family);
    }
  if (described != NULL)
    pango_font_description_free (described);
  /* Font names come from fontconfig: keep them to what is safe inside an
   * attribute. */
  g_strdelimit (families->str, "\"<>&", ' ');
  return g_string_free (g_steal_pointer (&families), FALSE);
}

typedef struct
{
  int start;
  int length;
  gboolean ellipsis;
} Piece;

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = a, *pb = b;

  if (pa->start != pb->start)
    return pa->start < pb->start ? -1 : 1;
  /* The ellipsis stands for the text it starts at. */
  return pa->ellipsis ? -1 : pb->ellipsis ? 1 : 0;
}

/* The characters a line shows, in logical order. An ellipsized line has
 * a run for the ellipsis whose item covers the text it replaces. */
static void
put_line_text (GString         *out,
               const char      *text,
               PangoLayoutLine *line,
               gboolean         ellipsized)
{
  GArray *pieces;
  int line_end = line->start_index + line->length;
  gboolean has_ellipsis = FALSE;
  int cut = line_end;

  if (!ellipsized)
    {
      int end = line_end;

      /* A wrapped line keeps its break's spaces: they show as nothing. */
      while (end > line->start_index && (text[end - 1] == ' ' || text[end - 1] == '\n'))
        end--;
      waymark_svg_append_escaped (out, text + line->start_index, end - line->start_index);
      return;
    }

  pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      Piece piece = { run->item->offset, run->item->length,
                      (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) != 0 };

      has_ellipsis |= piece.ellipsis;
      g_array_append_val (pieces, piece);
    }
  if (!has_ellipsis)
    {
      g_array_unref (pieces);
      put_line_text (out, text, line, FALSE);
      return;
    }
  g_array_sort (pieces, compare_pieces);
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = &g_array_index (pieces, Piece, i);

      if (piece->ellipsis)
        {
          g_string_append (out, "…");
          cut = piece->start + piece->length;
          continue;
        }
      /* Skip what the ellipsis stands for. */
      if (piece->start + piece->length <= cut && i > 0 &&
          g_array_index (pieces, Piece, i - 1).ellipsis)
        continue;
      waymark_svg_append_escaped (out, text + MAX (piece->start, 0),
                                  MIN (piece->length, line_end - piece->start));
    }
  g_array_unref (pieces);
}

/* One <text> with one <tspan> a line, at the layout's own line breaks
 * and baselines; x_offset and y_offset move it (stage range shifts). */
static void
put_text (Writer             *w,
          const WaymarkText  *text,
          const WaymarkColor *color)
{
  const PangoFontDescription *desc;
  PangoLayout *layout;
  PangoLayoutIter *iter;
  const char *content;
  gboolean ellipsized;
  GString *out = w->out;

  if (text->text == NULL || *text->text == '\0')
    return;

  layout = waymark_layout_create_text (w->layout, text);
  desc = waymark_layout_get_font (w->layout, text->font);
  content = pango_layout_get_text (layout);
  ellipsized = pango_layout_is_ellipsized (layout);

  g_string_append (out, "<text");
  put_attr_num (out, "font-size", (double) pango_font_description_get_size (desc) / PANGO_SCALE);
  if (pango_font_description_get_weight (desc) != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (out, " font-weight=\"%d\"", (int) pango_font_description_get_weight (desc));
  put_paint (out, "fill", color, 1);
  g_string_append (out, ">");

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      if (line->length == 0 && !ellipsized)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      g_string_append (out, "<tspan");
      put_attr_num (out, "x", text->rect.x + (double) logical.x / PANGO_SCALE);
      put_attr_num (out, "y", text->rect.y + baseline);
      g_string_append_c (out, '>');
      put_line_text (out, content, line, ellipsized);
      g_string_append (out, "</tspan>");
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_object_unref (layout);

  g_string_append (out, "</text>\n");
}

/* ---- Shapes ---- */

static void
put_rect (Writer             *w,
          const WaymarkRect  *rect,
          double              radius,
          const WaymarkColor *fill,
          const WaymarkColor *stroke,
          double              stroke_width)
{
  GString *out = w->out;
  WaymarkRect r = *rect;

  if (r.width <= 0 || r.height <= 0)
    return;
  if (stroke != NULL)
    {
      /* Keep the stroke inside the shape, like a GTK border. */
      r.x += stroke_width / 2;
      r.y += stroke_width / 2;
      r.width -= stroke_width;
      r.height -= stroke_width;
      radius = MAX (radius - stroke_width / 2, 0);
    }
  radius = MIN (radius, MIN (r.width, r.height) / 2);
  g_string_append (out, "<rect");
  put_attr_num (out, "x", r.x);
  put_attr_num (out, "y", r.y);
  put_attr_num (out, "width", r.width);
  put_attr_num (out, "height", r.height);
  if (radius > 0)
    put_attr_num (out, "rx", radius);
  if (fill != NULL)
    put_paint (out, "fill", fill, 1);
  else
    g_string_append (out, " fill=\"none\"");
  if (stroke != NULL)
    {
      put_paint (out, "stroke", stroke, 1);
      put_attr_num (out, "stroke-width", stroke_width);
    }
  g_string_append (out, "/>\n");
}

static void
put_circle (Writer             *w,
            double              cx,
            double              cy,
            double              r,
            const WaymarkColor *fill)
{
  g_string_append (w->out, "<circle");
  put_attr_num (w->out, "cx", cx);
  put_attr_num (w->out, "cy", cy);
  put_attr_num (w->out, "r", r);
  put_paint (w->out, "fill", fill, 1);
  g_string_append (w->out, "/>\n");
}

static const char *
icon_body (Writer     *w,
           const char *name)
{
  char *body = g_hash_table_lookup (w->icons, name);

  if (body == NULL)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/waymark/Waymark/map-icons/%s.svg", name);
      g_autoptr (GBytes) bytes = g_resource_lookup_data (waymark_render_get_resource (), path,
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, NULL) : NULL;
      const char *start = data != NULL ? strstr (data, "<svg") : NULL;
      const char *end = data != NULL ? g_strrstr (data, "</svg>") : NULL;

      if (start != NULL)
        start = strchr (start, '>');
      if (start != NULL && end != NULL && end > start)
        body = g_strndup (start + 1, end - start - 1);
      else
        body = g_strdup ("");
      g_hash_table_insert (w->icons, g_strdup (name), body);
    }
  return body;
}

/* A 16 × 16 symbolic icon scaled into rect, in the colour given. */
static void
put_icon (Writer             *w,
          const char         *name,
          const WaymarkRect  *rect,
          const WaymarkColor *color,
          double              opacity)
{
  const char *body;

  if (name == NULL || rect->width <= 0)
    return;
  body = icon_body (w, name);
  if (*body == '\0')
    return;
  g_string_append (w->out, "<g transform=\"translate(");
  put_num (w->out, rect->x);
  g_string_append_c (w->out, ' ');
  put_num (w->out, rect->y);
  g_string_append (w->out, ") scale(");
  put_num (w->out, rect->width / 16.0);
  g_string_append (w->out, ")\" style=\"color:");
  put_hex (w->out, color);
  g_string_append (w->out, "\"");
  /* fill-opacity, not opacity: group opacity makes librsvg draw the
   * group on a surface of its own, which is slow on big pictures. */
  if (color->alpha * opacity < 0.999)
    put_attr_num (w->out, "fill-opacity", color->alpha * opacity);
  g_string_append_c (w->out, '>');
  g_string_append (w->out, body);
  g_string_append (w->out, "</g>\n");
}

static void
put_star (Writer *w,
          double  cx,
          double  cy,
          double  r)
{
  g_string_append (w->out, "<path fill=\"#e6a50a\" d=\"");
  for (int i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + i * G_PI / 5;
      double radius = i % 2 == 0 ? r : r * 0.45;

      g_string_append_c (w->out, i == 0 ? 'M' : 'L');
      put_num (w->out, cx + radius * cos (angle));
      g_string_append_c (w->out, ' ');
      put_num (w->out, cy + radius * sin (angle));
    }
  g_string_append (w->out, "Z\"/>\n");
}

/* ---- Colours of things ---- */

static void
lane_tint (Writer          *w,
           WaymarkLaneKind  kind,
           WaymarkColor    *tint)
{
  WaymarkColor strong;

  waymark_lane_kind_get_color (kind, &strong);
  waymark_color_mix (&strong, &w->theme->background, w->theme->band_alpha, tint);
}

static void
persona_color (Writer       *w,
               const char   *persona_id,
               WaymarkColor *color)
{
  const WaymarkColor *known = g_hash_table_lookup (w->persona_colors, persona_id);

  if (known != NULL)
    *color = *known;
  else
    waymark_persona_color (NULL, 0, color);
}

static void
collect_persona_colors (Writer *w)
{
  GListModel *personas = waymark_document_get_personas (w->document);
  guint n = g_list_model_get_n_items (personas);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WaymarkPersona) persona = g_list_model_get_item (personas, i);
      WaymarkColor *color = g_new (WaymarkColor, 1);

      waymark_persona_color (waymark_persona_get_color (persona), i, color);
      g_hash_table_insert (w->persona_colors, g_strdup (waymark_persona_get_id (persona)), color);
    }
}

static gboolean
card_dimmed (Writer      *w,
             WaymarkCard *card)
{
  return w->options->persona_id != NULL &&
         !waymark_card_applies_to (card, w->options->persona_id);
}

/* ---- The parts of the map ---- */

static void
put_title_block (Writer *w)
{
  WaymarkLayout *layout = w->layout;
  const WaymarkThemeColors *theme = w->theme;
  const WaymarkText *title = waymark_layout_get_title (layout);
  guint n_legend = waymark_layout_get_n_legend_items (layout);

  put_text (w, title, title->placeholder ? &theme->ink_muted : &theme->ink);
  put_text (w, waymark_layout_get_subtitle (layout), &theme->ink_muted);
  put_text (w, waymark_layout_get_description (layout), &theme->ink_muted);

  for (guint i = 0; i < n_legend; i++)
    {
      const WaymarkLayoutLegendItem *item = waymark_layout_get_legend_item (layout, i);
      const char *id = waymark_persona_get_id (item->persona);
      const char *photo = waymark_persona_get_photo (item->persona);
      gboolean dimmed = w->options->persona_id != NULL && g_strcmp0 (w->options->persona_id, id) != 0;
      WaymarkColor dot;

      if (dimmed)
        g_string_append (w->out, "<g opacity=\"0.35\">\n");
      put_rect (w, &item->rect, item->rect.height / 2, &theme->card, &theme->card_border, 1);
      persona_color (w, id, &dot);
      if (photo != NULL && g_str_has_prefix (photo, "data:image/"))
        {
          /* The photo in a ring of the persona's colour. */
          double r = item->dot.width / 2 + 2;
          double cx = item->dot.x + item->dot.width / 2, cy = item->dot.y + item->dot.height / 2;
          guint clip = ++w->n_clips;

          put_circle (w, cx, cy, r + 1.5, &dot);
          g_string_append_printf (w->out, "<clipPath id=\"photo-%u\"><circle", clip);
          put_attr_num (w->out, "cx", cx);
          put_attr_num (w->out, "cy", cy);
          put_attr_num (w->out, "r", r);
          g_string_append (w->out, "/></clipPath><image");
          put_attr_num (w->out, "x", cx - r);
          put_attr_num (w->out, "y", cy - r);
          put_attr_num (w->out, "width", 2 * r);
          put_attr_num (w->out, "height", 2 * r);
          g_string_append_printf (w->out, " preserveAspectRatio=\"xMidYMid slice\" clip-path=\"url(#photo-%u)\" href=\"", clip);
          waymark_svg_append_escaped (w->out, photo, -1);
          g_string_append (w->out, "\"/>\n");
        }
      else
        put_circle (w, item->dot.x + item->dot.width / 2, item->dot.y + item->dot.height / 2,
                    item->dot.width / 2, &dot);
      put_text (w, &item->name, &theme->ink);
      if (dimmed)
        g_string_append (w->out, "</g>\n");
    }
}

static void
put_emotion_scale (Writer *w,
                   guint   lane)
{
  WaymarkLayout *layout = w->layout;
  const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, lane);
  double left = ll->header.x + ll->header.width;
  double right = ll->band.x + ll->band.width - 8;
  double y0 = waymark_layout_emotion_y (layout, lane, 0);
  double top = waymark_layout_emotion_y (layout, lane, WAYMARK_EMOTION_MAX);
  double bottom = waymark_layout_emotion_y (layout, lane, WAYMARK_EMOTION_MIN);
  double x = left - 14;
  GString *out = w->out;

  if (right <= left)
    return;
  g_string_append (out, "<path stroke-width=\"1.2\" stroke-dasharray=\"5 5\" fill=\"none\"");
  put_paint (out, "stroke", &w->theme->neutral_line, 1);
  g_string_append (out, " d=\"M");
  put_num (out, left + 4);
  g_string_append_c (out, ' ');
  put_num (out, y0);
  g_string_append (out, "H");
  put_num (out, right);
  g_string_append (out, "\"/>\n");

  /* "+" and "−" at the top and bottom of the scale. */
  g_string_append (out, "<path stroke-width=\"1.6\" fill=\"none\"");
  put_paint (out, "stroke", &w->theme->ink_muted, 0.7);
  g_string_append (out, " d=\"M");
  put_num (out, x - 5);
  g_string_append_c (out, ' ');
  put_num (out, top);
  g_string_append (out, "h10M");
  put_num (out, x);
  g_string_append_c (out, ' ');
  put_num (out, top - 5);
  g_string_append (out, "v10M");
  put_num (out, x - 5);
  g_string_append_c (out, ' ');
  put_num (out, bottom);
  g_string_append (out, "h10\"/>\n");
}

static void
put_lanes (Writer *w)
{
  WaymarkLayout *layout = w->layout;
  guint n_lanes = waymark_layout_get_n_lanes (layout);

  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, j);
      WaymarkRect strip = { ll->band.x, ll->band.y, 5, ll->band.height };
      WaymarkColor tint, strong;

      lane_tint (w, ll->kind, &tint);
      waymark_lane_kind_get_color (ll->kind, &strong);
      put_rect (w, &ll->band, WAYMARK_LAYOUT_BAND_RADIUS, &tint, NULL, 0);
      put_rect (w, &strip, 2.5, &strong, NULL, 0);
      if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
        put_emotion_scale (w, j);

      put_text (w, &ll->name, ll->name.placeholder ? &w->theme->ink_muted : &w->theme->ink);
      put_icon (w, waymark_lane_kind_get_icon_name (ll->kind), &ll->icon, &strong, 1);
      put_text (w, &ll->kind_label, &w->theme->ink_muted);
    }
}

static void
put_curves (Writer *w)
{
  WaymarkLayout *layout = w->layout;
  guint n = waymark_layout_get_n_curves (layout);
  GString *out = w->out;

  for (guint c = 0; c < n; c++)
    {
      const WaymarkLayoutCurve *curve = waymark_layout_get_curve (layout, c);
      WaymarkColor color;

      if (curve->n_points < 2)
        continue;
      if (curve->persona != NULL)
        {
          const char *id = waymark_persona_get_id (curve->persona);

          /* Persona focus: that persona's curve only. */
          if (w->options->persona_id != NULL && g_strcmp0 (w->options->persona_id, id) != 0)
            continue;
          persona_color (w, id, &color);
        }
      else
        {
          waymark_lane_kind_get_color (WAYMARK_LANE_KIND_ACTIONS, &color);
          color.red *= 0.8f;
          color.green *= 0.8f;
          color.blue *= 0.9f;
        }

      g_string_append (out, "<path fill=\"none\" stroke-width=\"3\" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
      put_paint (out, "stroke", &color, 1);
      g_string_append (out, " d=\"M");
      put_num (out, curve->points[0]);
      g_string_append_c (out, ' ');
      put_num (out, curve->points[1]);
      for (guint i = 1; i < curve->n_points; i++)
        {
          double x0 = curve->points[2 * i - 2], y0 = curve->points[2 * i - 1];
          double x1 = curve->points[2 * i], y1 = curve->points[2 * i + 1];
          double mid = (x1 - x0) / 2;

          g_string_append_c (out, 'C');
          put_num (out, x0 + mid);
          g_string_append_c (out, ' ');
          put_num (out, y0);
          g_string_append_c (out, ' ');
          put_num (out, x1 - mid);
          g_string_append_c (out, ' ');
          put_num (out, y1);
          g_string_append_c (out, ' ');
          put_num (out, x1);
          g_string_append_c (out, ' ');
          put_num (out, y1);
        }
      g_string_append (out, "\"/>\n");
    }
}

static void
put_stage_headers (Writer *w)
{
  WaymarkLayout *layout = w->layout;
  const WaymarkThemeColors *theme = w->theme;
  guint n = waymark_layout_get_n_stages (layout);

  for (guint i = 0; i < n; i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (layout, i);
      WaymarkRect under = { ls->header.x, ls->header.y + 1, ls->header.width, ls->header.height };
      WaymarkColor own;

      if (theme->shadow.alpha > 0)
        put_rect (w, &under, WAYMARK_LAYOUT_HEADER_RADIUS, &theme->shadow, NULL, 0);
      put_rect (w, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, &theme->card, NULL, 0);
      put_rect (w, &ls->header, WAYMARK_LAYOUT_HEADER_RADIUS, NULL, &theme->card_border, 1);
      if (waymark_color_parse (waymark_stage_get_color (ls->stage), &own))
        {
          WaymarkRect bar = { ls->header.x + 14, ls->header.y + 10, ls->header.width - 28, 4 };

          put_rect (w, &bar, 2, &own, NULL, 0);
        }
      put_text (w, &ls->name, ls->name.placeholder ? &theme->ink_muted : &theme->ink);
      for (guint k = 0; k < ls->n_chips; k++)
        {
          const WaymarkLayoutChip *c = &ls->chips[k];
          WaymarkText text = { c->text_rect, WAYMARK_FONT_KPI, c->text, WAYMARK_LAYOUT_KPI_LINES, FALSE };

          put_rect (w, &c->rect, MIN (c->rect.height / 2, 10), &theme->chip, NULL, 0);
          put_text (w, &text, &theme->ink);
        }
    }
}

static void
put_marks (Writer                  *w,
           const WaymarkLayoutCard *lc)
{
  const char * const *personas = waymark_card_get_personas (lc->card);
  double x = lc->marks_x;
  double y = lc->marks_y + 5;

  if (waymark_card_get_moment_of_truth (lc->card))
    {
      put_star (w, x - 6, y, 6.5);
      x -= 14;
    }
  for (guint i = 0; personas != NULL && personas[i] != NULL; i++)
    {
      WaymarkColor color;

      persona_color (w, personas[i], &color);
      put_circle (w, x - 4.5, y, 4.5, &color);
      x -= 12;
    }
}

static void
put_face (Writer             *w,
          double              cx,
          double              cy,
          double              r,
          gboolean            has_emotion,
          int                 emotion,
          const WaymarkColor *fill,
          const WaymarkColor *line)
{
  GString *out = w->out;
  double mouth_y = cy + r * 0.32;
  double bend = emotion * r * 0.16;

  g_string_append (out, "<circle");
  put_attr_num (out, "cx", cx);
  put_attr_num (out, "cy", cy);
  put_attr_num (out, "r", r);
  put_paint (out, "fill", fill, 1);
  put_paint (out, "stroke", line, 1);
  g_string_append (out, " stroke-width=\"2.2\"");
  if (!has_emotion)
    g_string_append (out, " stroke-dasharray=\"3 3\"");
  g_string_append (out, "/>\n");
  put_circle (w, cx - r * 0.36, cy - r * 0.22, r * 0.12, line);
  put_circle (w, cx + r * 0.36, cy - r * 0.22, r * 0.12, line);

  g_string_append (out, "<path fill=\"none\" stroke-width=\"1.8\" stroke-linecap=\"round\"");
  put_paint (out, "stroke", line, 1);
  g_string_append (out, " d=\"M");
  put_num (out, cx - r * 0.45);
  g_string_append_c (out, ' ');
  put_num (out, mouth_y - bend * 0.5);
  g_string_append_c (out, 'C');
  put_num (out, cx - r * 0.2);
  g_string_append_c (out, ' ');
  put_num (out, mouth_y + bend);
  g_string_append_c (out, ' ');
  put_num (out, cx + r * 0.2);
  g_string_append_c (out, ' ');
  put_num (out, mouth_y + bend);
  g_string_append_c (out, ' ');
  put_num (out, cx + r * 0.45);
  g_string_append_c (out, ' ');
  put_num (out, mouth_y - bend * 0.5);
  g_string_append (out, "\"/>\n");
}

static void
put_point (Writer                  *w,
           const WaymarkLayoutCard *lc)
{
  const WaymarkThemeColors *theme = w->theme;
  const char * const *personas = waymark_card_get_personas (lc->card);
  WaymarkColor line = theme->ink;
  WaymarkColor own;

  if (waymark_color_parse (waymark_card_get_color (lc->card), &own))
    line = own;
  else if (personas != NULL && personas[0] != NULL && personas[1] == NULL)
    persona_color (w, personas[0], &line);

  /* The label on a pill that keeps it readable over the curve. */
  if (lc->title.text != NULL)
    {
      PangoLayout *layout = waymark_layout_create_text (w->layout, &lc->title);
      PangoRectangle logical;
      WaymarkRect label;
      WaymarkColor chip = theme->card;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      g_object_unref (layout);
      label = (WaymarkRect) { lc->title.rect.x + logical.x - 7, lc->title.rect.y - 1,
                              logical.width + 14, lc->title.rect.height + 2 };
      chip.alpha = 0.92f;
      put_rect (w, &label, MIN (10, label.height / 2), &chip, NULL, 0);
      put_text (w, &lc->title, lc->title.placeholder ? &theme->ink_muted : &theme->ink);
    }

  put_face (w, lc->point_x, lc->point_y, WAYMARK_LAYOUT_EMOTION_RADIUS,
            waymark_card_get_has_emotion (lc->card),
            waymark_card_get_has_emotion (lc->card) ? waymark_card_get_emotion (lc->card) : 0,
            &theme->card, &line);
  put_marks (w, lc);
}

/* Tinted pills behind the priority and the status. */
static void
put_badges (Writer                  *w,
            const WaymarkLayoutCard *lc)
{
  WaymarkRect priority, status;
  WaymarkColor color;
  float alpha = MIN (0.35f, w->theme->band_alpha * 1.6f + 0.02f);

  waymark_layout_get_card_badges (w->layout, lc, &priority, &status);
  if (priority.width > 0 && waymark_priority_get_color (waymark_card_get_priority (lc->card), &color))
    {
      color.alpha = alpha;
      put_rect (w, &priority, priority.height / 2, &color, NULL, 0);
    }
  if (status.width > 0 && waymark_status_get_color (waymark_card_get_status (lc->card), &color))
    {
      color.alpha = alpha;
      put_rect (w, &status, status.height / 2, &color, NULL, 0);
    }
}

static void
put_card (Writer                  *w,
          const WaymarkLayoutCard *lc)
{
  const WaymarkThemeColors *theme = w->theme;
  WaymarkColor surface = theme->card;
  WaymarkColor strong;
  WaymarkColor edge = theme->card_border;
  WaymarkRect under = { lc->rect.x, lc->rect.y + 1, lc->rect.width, lc->rect.height };
  WaymarkRect bar = { lc->rect.x + 10, lc->rect.y + 10, 4, lc->rect.height - 20 };

  if (lc->is_point)
    {
      put_point (w, lc);
      return;
    }

  if (!waymark_color_parse (waymark_card_get_color (lc->card), &strong))
    waymark_lane_kind_get_color (waymark_layout_get_lane (w->layout, lc->lane)->kind, &strong);
  else
    {
      /* A recoloured card also takes a light wash of its colour. */
      surface.red = surface.red * 0.88f + strong.red * 0.12f;
      surface.green = surface.green * 0.88f + strong.green * 0.12f;
      surface.blue = surface.blue * 0.88f + strong.blue * 0.12f;
    }

  /* A pixel deeper at the bottom, for a hint of elevation. */
  edge.alpha = MIN (1.0f, edge.alpha + theme->shadow.alpha * 0.6f);
  put_rect (w, &under, WAYMARK_LAYOUT_CARD_RADIUS, &edge, NULL, 0);
  put_rect (w, &lc->rect, WAYMARK_LAYOUT_CARD_RADIUS, &surface, &theme->card_border, 1);
  put_rect (w, &bar, 0, &strong, NULL, 0);
  put_text (w, &lc->title, lc->title.placeholder ? &theme->ink_muted : &theme->ink);
  if (lc->meta.text != NULL)
    {
      put_icon (w, waymark_channel_get_icon_name (waymark_card_get_channel (lc->card)),
                &lc->icon, &theme->ink_muted, 1);
      put_badges (w, lc);
      put_text (w, &lc->meta, &theme->ink_muted);
    }
  put_marks (w, lc);
}

/* ---- The document ---- */

static double
text_right (WaymarkLayout     *layout,
            const WaymarkText *text)
{
  PangoLayout *pango;
  PangoRectangle logical;

  if (text->text == NULL || *text->text == '\0')
    return 0;
  pango = waymark_layout_create_text (layout, text);
  pango_layout_get_pixel_extents (pango, NULL, &logical);
  g_object_unref (pango);
  return text->rect.x + logical.x + logical.width;
}

void
waymark_svg_get_map_size (WaymarkLayout *layout,
                          double        *width,
                          double        *height)
{
  guint n_stages, n_lanes, n_legend;
  double right = 0, bottom = 0;

  g_return_if_fail (WAYMARK_IS_LAYOUT (layout));

  waymark_layout_update (layout);
  n_stages = waymark_layout_get_n_stages (layout);
  n_lanes = waymark_layout_get_n_lanes (layout);
  n_legend = waymark_layout_get_n_legend_items (layout);

  right = MAX (right, text_right (layout, waymark_layout_get_title (layout)));
  right = MAX (right, text_right (layout, waymark_layout_get_subtitle (layout)));
  right = MAX (right, text_right (layout, waymark_layout_get_description (layout)));
  bottom = MAX (bottom, waymark_layout_get_description (layout)->rect.y +
                        waymark_layout_get_description (layout)->rect.height);
  bottom = MAX (bottom, waymark_layout_get_title (layout)->rect.y +
                        waymark_layout_get_title (layout)->rect.height);
  for (guint i = 0; i < n_legend; i++)
    {
      const WaymarkLayoutLegendItem *item = waymark_layout_get_legend_item (layout, i);

      right = MAX (right, item->rect.x + item->rect.width);
      bottom = MAX (bottom, item->rect.y + item->rect.height);
    }
  for (guint i = 0; i < n_stages; i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (layout, i);

      right = MAX (right, ls->header.x + ls->header.width);
      bottom = MAX (bottom, ls->header.y + ls->header.height + 1);
    }
  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, j);

      right = MAX (right, ll->band.x + ll->band.width);
      bottom = MAX (bottom, ll->band.y + ll->band.height);
    }

  if (width != NULL)
    *width = ceil (MAX (right + WAYMARK_LAYOUT_MARGIN, 320));
  if (height != NULL)
    *height = ceil (MAX (bottom + WAYMARK_LAYOUT_MARGIN, 120));
}

void
waymark_svg_options_init (WaymarkSvgOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (WaymarkSvgOptions) { 0 };
  options->theme = WAYMARK_THEME_LIGHT;
}

char *
waymark_svg_write (WaymarkLayout           *layout,
                   const WaymarkSvgOptions *options,
                   double                  *width,
                   double                  *height)
{
  Writer w = { 0 };
  double map_width, map_height;
  double out_width, out_height;
  WaymarkRect view;
  const char *title;
  guint n_cards;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (layout), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  waymark_svg_get_map_size (layout, &map_width, &map_height);
  view = (WaymarkRect) { 0, 0, map_width, map_height };
  out_width = map_width;
  out_height = map_height;
  if (options->frame_width > 0 && options->frame_height > 0)
    {
      /* Fit the map into the frame with a margin, centred; the view box
       * grows around the map to the frame's proportions. */
      double margin = FRAME_MARGIN * MIN (options->frame_width / 1920, options->frame_height / 1080);
      double scale = MIN ((options->frame_width - 2 * margin) / map_width,
                          (options->frame_height - 2 * margin) / map_height);

      out_width = options->frame_width;
      out_height = options->frame_height;
      view.width = out_width / scale;
      view.height = out_height / scale;
      view.x = -(view.width - map_width) / 2;
      view.y = -(view.height - map_height) / 2;
    }

  w.layout = layout;
  w.document = waymark_layout_get_document (layout);
  w.options = options;
  w.theme = waymark_theme_get_colors (options->theme);
  w.out = g_string_sized_new (4096 + 1200 * waymark_layout_get_n_cards (layout));
  w.font_family = resolve_font_family (layout);
  w.persona_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collect_persona_colors (&w);

  g_string_append (w.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  put_attr_num (w.out, "width", out_width);
  put_attr_num (w.out, "height", out_height);
  g_string_append (w.out, " viewBox=\"");
  put_num (w.out, view.x);
  g_string_append_c (w.out, ' ');
  put_num (w.out, view.y);
  g_string_append_c (w.out, ' ');
  put_num (w.out, view.width);
  g_string_append_c (w.out, ' ');
  put_num (w.out, view.height);
  g_string_append_printf (w.out, "\" font-family=\"%s\" xml:space=\"preserve\">\n", w.font_family);

  title = waymark_document_get_title (w.document);
  g_string_append (w.out, "<title>");
  waymark_svg_append_escaped (w.out, title != NULL ? title : "", -1);
  g_string_append (w.out, "</title>\n");
  if (waymark_document_get_description (w.document) != NULL &&
      *waymark_document_get_description (w.document) != '\0')
    {
      g_string_append (w.out, "<desc>");
      waymark_svg_append_escaped (w.out, waymark_document_get_description (w.document), -1);
      g_string_append (w.out, "</desc>\n");
    }

  if (!options->transparent)
    {
      /* A little past the edges, so that no renderer leaves a faint
       * antialiased seam there. */
      WaymarkRect page = { view.x - 2, view.y - 2, view.width + 4, view.height + 4 };

      put_rect (&w, &page, 0, &w.theme->background, NULL, 0);
    }

  put_title_block (&w);
  put_lanes (&w);
  put_curves (&w);
  put_stage_headers (&w);

  /* Cards that do not apply to the focused persona, faded as one group
   * (a group each would cost librsvg a surface each), under the rest. */
  n_cards = waymark_layout_get_n_cards (layout);
  if (options->persona_id != NULL)
    {
      g_string_append (w.out, "<g opacity=\"" DIMMED_OPACITY "\">\n");
      for (guint i = 0; i < n_cards; i++)
        {
          const WaymarkLayoutCard *lc = waymark_layout_get_card_at (layout, i);

          if (card_dimmed (&w, lc->card))
            put_card (&w, lc);
        }
      g_string_append (w.out, "</g>\n");
    }
  for (guint i = 0; i < n_cards; i++)
    {
      const WaymarkLayoutCard *lc = waymark_layout_get_card_at (layout, i);

      if (!card_dimmed (&w, lc->card))
        put_card (&w, lc);
    }

  g_string_append (w.out, "</svg>\n");

  g_free (w.font_family);
  g_hash_table_unref (w.persona_colors);
  g_hash_table_unref (w.icons);
  if (width != NULL)
    *width = out_width;
  if (height != NULL)
    *height = out_height;
  return g_string_free (w.out, FALSE);
}
