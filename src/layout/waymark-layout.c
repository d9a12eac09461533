/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "waymark-layout.h"
#include "waymark-palette.h"

#define FONT_FAMILY "Cantarell,Noto Sans,DejaVu Sans,Sans"

/* Inside a card. */
#define CARD_PAD_TOP     10.0
#define CARD_PAD_BOTTOM  11.0
#define CARD_TEXT_LEFT   24.0
#define CARD_PAD_RIGHT   12.0
#define CARD_MIN_HEIGHT  42.0
#define CARD_MAX_LINES   4
#define CARD_INSET       WAYMARK_LAYOUT_CARD_INSET
#define CARD_SPACING     WAYMARK_LAYOUT_CARD_SPACING
#define MARK_STEP        12.0
#define ICON_SIZE        14.0

#define CELL_PAD_TOP     WAYMARK_LAYOUT_CELL_PAD_TOP
#define CELL_PAD_BOTTOM  10.0
#define LANE_MIN_HEIGHT  68.0
#define LANE_SPACING      8.0
#define EMOTION_LANE_HEIGHT 224.0

#define HEADER_PAD       14.0
#define CHIP_SPACING      5.0

/* What a card's text measured to, kept until the text changes. */
typedef struct
{
  char    *title;
  char    *meta;
  char    *channel;
  guint    n_marks;
  gboolean is_point;
  double   title_height;
  double   meta_height;
  gboolean truncated;
  guint    seen;
} Measure;

struct _WaymarkLayout
{
  GObject               parent_instance;

  WaymarkDocument      *document;
  PangoContext         *context;
  PangoLayout          *measure;
  PangoFontDescription *fonts[WAYMARK_N_FONTS];
  char                 *persona_focus;
  char                 *subtitle_text;

  gboolean              valid;
  guint                 generation;

  double                width;
  double                height;
  double                grid_left;
  double                lanes_top;
  double                lanes_bottom;
  double                header_top;
  double                header_bottom;

  WaymarkText           title;
  WaymarkText           subtitle;
  WaymarkText           description;
  GArray               *legend;
  GArray               *stages;
  GArray               *lanes;
  WaymarkRect           add_stage;
  WaymarkRect           add_lane;

  WaymarkLayoutCard    *cards;
  guint                 n_cards;
  /* card → index + 1 */
  GHashTable           *card_index;
  /* Cards sorted by cell (lane-major), then stacking order. */
  WaymarkLayoutCard   **by_cell;
  guint                *cell_start;
  guint                 n_cells;

  GArray               *curves;

  /* WaymarkCard (ref) → Measure */
  GHashTable           *measures;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_PERSONA_FOCUS,
  N_PROPS
};

enum
{
  INVALIDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (WaymarkLayout, waymark_layout, G_TYPE_OBJECT)

/* ---- Rectangles ---- */

gboolean
waymark_rect_contains (const WaymarkRect *rect,
                       double             x,
                       double             y)
{
  return x >= rect->x && y >= rect->y &&
         x < rect->x + rect->width && y < rect->y + rect->height;
}

gboolean
waymark_rect_intersects (const WaymarkRect *a,
                         const WaymarkRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* ---- Labels for card fields ---- */

static const struct
{
  const char *value;
  const char *label;
  const char *icon;
} channels[] = {
  { "website", N_("website"), "web-browser-symbolic" },
  { "email", N_("email"), "mail-unread-symbolic" },
  { "social", N_("social"), "system-users-symbolic" },
  { "search", N_("search"), "system-search-symbolic" },
  { "ads", N_("ads"), "mark-location-symbolic" },
  { "mobile-app", N_("mobile app"), "phone-symbolic" },
  { "chat", N_("chat"), "user-available-symbolic" },
  { "phone", N_("phone"), "call-start-symbolic" },
  { "store", N_("store"), "mark-location-symbolic" },
  { "event", N_("event"), "x-office-calendar-symbolic" },
  { "mail", N_("mail"), "mail-send-symbolic" },
  { "print", N_("print"), "printer-symbolic" },
  { "packaging", N_("packaging"), "package-x-generic-symbolic" },
  { "support", N_("support"), "help-browser-symbolic" },
  { "other", N_("other"), "view-more-horizontal-symbolic" },
};

guint
waymark_channel_get_n_known (void)
{
  return G_N_ELEMENTS (channels);
}

const char *
waymark_channel_get_known (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (channels), NULL);

  return channels[i].value;
}

const char *
waymark_channel_get_label (const char *channel)
{
  if (channel == NULL || *channel == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      if (strcmp (channel, channels[i].value) == 0)
        return _(channels[i].label);
    }
  return channel;
}

const char *
waymark_channel_get_icon_name (const char *channel)
{
  if (channel == NULL || *channel == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      if (strcmp (channel, channels[i].value) == 0)
        return channels[i].icon;
    }
  return "view-more-horizontal-symbolic";
}

const char *
waymark_priority_get_label (const char *priority)
{
  if (priority == NULL || *priority == '\0')
    return NULL;
  if (strcmp (priority, "low") == 0)
    return _("low priority");
  if (strcmp (priority, "medium") == 0)
    return _("medium priority");
  if (strcmp (priority, "high") == 0)
    return _("high priority");
  return priority;
}

const char *
waymark_status_get_label (const char *status)
{
  if (status == NULL || *status == '\0')
    return NULL;
  if (strcmp (status, "open") == 0)
    return _("open");
  if (strcmp (status, "planned") == 0)
    return _("planned");
  if (strcmp (status, "in-progress") == 0)
    return _("in progress");
  if (strcmp (status, "done") == 0)
    return _("done");
  return status;
}

/* "mobile app", "high priority · open", "planned · Web team". */
static char *
card_meta (WaymarkCard *card)
{
  const char *parts[4];
  guint n = 0;

  parts[n] = waymark_channel_get_label (waymark_card_get_channel (card));
  n += parts[n] != NULL;
  parts[n] = waymark_priority_get_label (waymark_card_get_priority (card));
  n += parts[n] != NULL;
  parts[n] = waymark_status_get_label (waymark_card_get_status (card));
  n += parts[n] != NULL;
  parts[n] = waymark_card_get_owner (card);
  n += parts[n] != NULL && *parts[n] != '\0';

  if (n == 0)
    return NULL;

  {
    GString *meta = g_string_new (parts[0]);

    for (guint i = 1; i < n; i++)
      {
        g_string_append (meta, " · ");
        g_string_append (meta, parts[i]);
      }
    return g_string_free (meta, FALSE);
  }
}

static guint
card_n_marks (WaymarkCard *card)
{
  const char * const *personas = waymark_card_get_personas (card);

  return (personas != NULL ? g_strv_length ((char **) personas) : 0) +
         (waymark_card_get_moment_of_truth (card) ? 1 : 0);
}

/* Byte ranges of the priority and the status in card_meta()'s text;
 * start -1 when absent. */
static void
card_meta_ranges (WaymarkCard *card,
                  int         *priority_start,
                  int         *priority_end,
                  int         *status_start,
                  int         *status_end)
{
  const char *channel = waymark_channel_get_label (waymark_card_get_channel (card));
  const char *priority = waymark_priority_get_label (waymark_card_get_priority (card));
  const char *status = waymark_status_get_label (waymark_card_get_status (card));
  int at = 0;

  *priority_start = *status_start = -1;
  *priority_end = *status_end = -1;
  if (channel != NULL)
    at += (int) strlen (channel) + (int) strlen (" · ");
  if (priority != NULL)
    {
      *priority_start = at;
      *priority_end = at + (int) strlen (priority);
      at = *priority_end + (int) strlen (" · ");
    }
  if (status != NULL)
    {
      *status_start = at;
      *status_end = at + (int) strlen (status);
    }
}

/* ---- Text ---- */

static void
text_clear (WaymarkText *text)
{
  g_clear_pointer (&text->text, g_free);
}

static void
text_set (WaymarkText *text,
          WaymarkFont  font,
          const char  *value,
          int          max_lines,
          double       x,
          double       y,
          double       width)
{
  text_clear (text);
  text->font = font;
  text->text = g_strdup (value);
  text->max_lines = max_lines;
  text->placeholder = FALSE;
  text->rect.x = x;
  text->rect.y = y;
  text->rect.width = width;
  text->rect.height = 0;
}

static void
configure (WaymarkLayout     *self,
           PangoLayout       *layout,
           WaymarkFont        font,
           const char        *text,
           double             width,
           int                max_lines)
{
  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, max_lines > 0 ? PANGO_ELLIPSIZE_END
                                                    : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_alignment (layout, font == WAYMARK_FONT_EMOTION_LABEL
                                      ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
}

/* Measures the text, sets its height and returns whether it was cut. */
static gboolean
measure_text (WaymarkLayout *self,
              WaymarkText   *text)
{
  PangoRectangle logical;

  if (text->text == NULL)
    {
      text->rect.height = 0;
      return FALSE;
    }
  configure (self, self->measure, text->font, text->text,
             text->rect.width, text->max_lines);
  pango_layout_get_extents (self->measure, NULL, &logical);
  text->rect.height = (double) logical.height / PANGO_SCALE;
  return pango_layout_is_ellipsized (self->measure);
}

static double
natural_width (WaymarkLayout *self,
               WaymarkFont    font,
               const char    *text)
{
  PangoRectangle logical;

  configure (self, self->measure, font, text, -1, 0);
  pango_layout_get_extents (self->measure, NULL, &logical);
  return ceil ((double) logical.width / PANGO_SCALE);
}

static double
line_height (WaymarkLayout *self,
             WaymarkFont    font)
{
  PangoRectangle logical;

  configure (self, self->measure, font, "Ag", -1, 0);
  pango_layout_get_extents (self->measure, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

PangoLayout *
waymark_layout_create_text (WaymarkLayout     *self,
                            const WaymarkText *text)
{
  PangoLayout *layout;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  layout = pango_layout_new (self->context);
  configure (self, layout, text->font, text->text, text->rect.width,
             text->max_lines);
  return layout;
}

/* ---- Cleanup of computed geometry ---- */

static void
stage_clear (gpointer data)
{
  WaymarkLayoutStage *stage = data;

  text_clear (&stage->name);
  for (guint i = 0; i < stage->n_chips; i++)
    g_free (stage->chips[i].text);
  g_free (stage->chips);
}

static void
lane_clear (gpointer data)
{
  WaymarkLayoutLane *lane = data;

  text_clear (&lane->name);
  text_clear (&lane->kind_label);
}

static void
legend_clear (gpointer data)
{
  WaymarkLayoutLegendItem *item = data;

  text_clear (&item->name);
}

static void
curve_clear (gpointer data)
{
  WaymarkLayoutCurve *curve = data;

  g_free (curve->points);
}

static void
measure_free (gpointer data)
{
  Measure *measure = data;

  g_free (measure->title);
  g_free (measure->meta);
  g_free (measure->channel);
  g_free (measure);
}

static void
clear_cards (WaymarkLayout *self)
{
  for (guint i = 0; i < self->n_cards; i++)
    {
      text_clear (&self->cards[i].title);
      text_clear (&self->cards[i].meta);
    }
  g_clear_pointer (&self->cards, g_free);
  g_clear_pointer (&self->by_cell, g_free);
  g_clear_pointer (&self->cell_start, g_free);
  self->n_cards = 0;
  self->n_cells = 0;
  g_hash_table_remove_all (self->card_index);
}

/* ---- Following the document ---- */

static void
invalidate (WaymarkLayout *self)
{
  if (!self->valid)
    return;
  self->valid = FALSE;
  g_signal_emit (self, signals[INVALIDATED], 0);
}

static void
document_changed_cb (WaymarkLayout *self)
{
  invalidate (self);
}

static void
items_changed_cb (WaymarkLayout *self)
{
  invalidate (self);
}

/* ---- The computation ---- */

static void
layout_title (WaymarkLayout *self,
              double        *bottom)
{
  WaymarkDocument *document = self->document;
  GListModel *personas = waymark_document_get_personas (document);
  guint n_personas = g_list_model_get_n_items (personas);
  double content_width = self->width - 2 * WAYMARK_LAYOUT_MARGIN;
  double legend_width = 0;
  double text_width;
  gboolean legend_beside;
  const char *title = waymark_document_get_title (document);
  const char *description = waymark_document_get_description (document);
  double y = WAYMARK_LAYOUT_MARGIN;
  double chip_height = line_height (self, WAYMARK_FONT_LEGEND) + 12;

  g_array_set_size (self->legend, 0);
  g_array_set_size (self->legend, n_personas);
  for (guint i = 0; i < n_personas; i++)
    {
      g_autoptr (WaymarkPersona) persona = g_list_model_get_item (personas, i);
      WaymarkLayoutLegendItem *item = &g_array_index (self->legend, WaymarkLayoutLegendItem, i);
      const char *name = waymark_persona_get_name (persona);
      double w;

      item->persona = persona;
      if (name == NULL || *name == '\0')
        name = _("Unnamed persona");
      w = MIN (natural_width (self, WAYMARK_FONT_LEGEND, name), 260);
      text_set (&item->name, WAYMARK_FONT_LEGEND, name, 1, 0, 0, w);
      item->rect.width = 10 + 10 + 8 + w + 14;
      item->rect.height = chip_height;
      legend_width += item->rect.width + (i > 0 ? 8 : 0);
    }

  legend_beside = n_personas > 0 && legend_width <= content_width * 0.45;
  text_width = content_width - (legend_beside ? legend_width + 32 : 0);
  text_width = MIN (text_width, 1100);

  text_set (&self->title, WAYMARK_FONT_MAP_TITLE,
            title != NULL && *title != '\0' ? title : _("Untitled Map"),
            2, WAYMARK_LAYOUT_MARGIN, y, text_width);
  self->title.placeholder = title == NULL || *title == '\0';
  measure_text (self, &self->title);
  y += self->title.rect.height;

  if (self->subtitle_text != NULL && *self->subtitle_text != '\0')
    {
      text_set (&self->subtitle, WAYMARK_FONT_LEGEND, self->subtitle_text,
                1, WAYMARK_LAYOUT_MARGIN, y + 2, text_width);
      measure_text (self, &self->subtitle);
      y += 2 + self->subtitle.rect.height;
    }
  else
    {
      text_clear (&self->subtitle);
      self->subtitle.rect = (WaymarkRect) { WAYMARK_LAYOUT_MARGIN, y, 0, 0 };
    }

  if (description != NULL && *description != '\0')
    {
      text_set (&self->description, WAYMARK_FONT_MAP_DESCRIPTION, description,
                3, WAYMARK_LAYOUT_MARGIN, y + 6, text_width);
      measure_text (self, &self->description);
      y += 6 + self->description.rect.height;
    }
  else
    {
      text_clear (&self->description);
      self->description.rect = (WaymarkRect) { WAYMARK_LAYOUT_MARGIN, y, 0, 0 };
    }

  if (legend_beside)
    {
      double x = self->width - WAYMARK_LAYOUT_MARGIN - legend_width;

      for (guint i = 0; i < n_personas; i++)
        {
          WaymarkLayoutLegendItem *item = &g_array_index (self->legend, WaymarkLayoutLegendItem, i);

          item->rect.x = x;
          item->rect.y = WAYMARK_LAYOUT_MARGIN + 4;
          x += item->rect.width + 8;
        }
      y = MAX (y, WAYMARK_LAYOUT_MARGIN + 4 + chip_height);
    }
  else if (n_personas > 0)
    {
      double x = WAYMARK_LAYOUT_MARGIN;

      y += 14;
      for (guint i = 0; i < n_personas; i++)
        {
          WaymarkLayoutLegendItem *item = &g_array_index (self->legend, WaymarkLayoutLegendItem, i);

          if (x > WAYMARK_LAYOUT_MARGIN &&
              x + item->rect.width > self->width - WAYMARK_LAYOUT_MARGIN)
            {
              x = WAYMARK_LAYOUT_MARGIN;
              y += chip_height + 8;
            }
          item->rect.x = x;
          item->rect.y = y;
          x += item->rect.width + 8;
        }
      y += chip_height;
    }

  for (guint i = 0; i < n_personas; i++)
    {
      WaymarkLayoutLegendItem *item = &g_array_index (self->legend, WaymarkLayoutLegendItem, i);

      item->dot = (WaymarkRect) { item->rect.x + 10, item->rect.y + (chip_height - 10) / 2, 10, 10 };
      item->name.rect.x = item->rect.x + 28;
      measure_text (self, &item->name);
      item->name.rect.y = item->rect.y + (chip_height - item->name.rect.height) / 2;
    }

  *bottom = y;
}

static char *
kpi_text (const WaymarkKpi *kpi)
{
  const char *name = kpi->name != NULL ? kpi->name : "";
  gboolean has_value = kpi->value != NULL && *kpi->value != '\0';
  gboolean has_target = kpi->target != NULL && *kpi->target != '\0';

  if (has_value && has_target)
    /* Translators: a KPI on a stage header: name, value now, target. */
    return g_strdup_printf (_("%s: %s\u00a0→ %s"), name, kpi->value, kpi->target);
  if (has_value)
    return g_strdup_printf ("%s: %s", name, kpi->value);
  if (has_target)
    /* Translators: a KPI with a target but no value yet. */
    return g_strdup_printf (_("%s:\u00a0→ %s"), name, kpi->target);
  return g_strdup (name);
}

static void
layout_stages (WaymarkLayout *self)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  guint n = g_list_model_get_n_items (stages);
  double header_height = 64;
  double chip_line = line_height (self, WAYMARK_FONT_KPI);
  double inner = WAYMARK_LAYOUT_COLUMN_WIDTH - 2 * HEADER_PAD;

  g_array_set_size (self->stages, 0);
  g_array_set_size (self->stages, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WaymarkStage) stage = g_list_model_get_item (stages, i);
      WaymarkLayoutStage *ls = &g_array_index (self->stages, WaymarkLayoutStage, i);
      GPtrArray *kpis = waymark_stage_get_kpis (stage);
      const char *name = waymark_stage_get_name (stage);
      double x = self->grid_left + i * (WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP);
      double y = self->header_top + HEADER_PAD;

      ls->stage = stage;
      ls->header = (WaymarkRect) { x, self->header_top, WAYMARK_LAYOUT_COLUMN_WIDTH, 0 };
      if (waymark_color_parse (waymark_stage_get_color (stage), &(WaymarkColor) { 0 }))
        y += 8;
      text_set (&ls->name, WAYMARK_FONT_STAGE_NAME,
                name != NULL && *name != '\0' ? name : _("Untitled stage"),
                2, x + HEADER_PAD, y, inner);
      ls->name.placeholder = name == NULL || *name == '\0';
      measure_text (self, &ls->name);
      y += ls->name.rect.height;

      ls->n_chips = kpis != NULL ? kpis->len : 0;
      ls->chips = g_new0 (WaymarkLayoutChip, ls->n_chips);
      if (ls->n_chips > 0)
        y += 8;
      for (guint k = 0; k < ls->n_chips; k++)
        {
          WaymarkLayoutChip *chip = &ls->chips[k];
          double w;

          double h = chip_line;

          chip->text = kpi_text (g_ptr_array_index (kpis, k));
          w = natural_width (self, WAYMARK_FONT_KPI, chip->text) + 18;
          if (w > inner)
            {
              /* Too long for one line: the name on one, the values on
               * the next, then an ellipsis. */
              char *colon = strstr (chip->text, ": ");
              WaymarkText two = { { 0, 0, inner - 18, 0 }, WAYMARK_FONT_KPI, chip->text, WAYMARK_LAYOUT_KPI_LINES, FALSE };

              if (colon != NULL)
                colon[1] = '\n';
              w = MIN (inner, MAX (natural_width (self, WAYMARK_FONT_KPI, chip->text) + 18, 40));
              measure_text (self, &two);
              h = two.rect.height;
            }
          chip->rect = (WaymarkRect) { x + HEADER_PAD - 4, y, w, h + 6 };
          chip->text_rect = (WaymarkRect) { chip->rect.x + 9, y + 3, w - 18, h };
          y += chip->rect.height + CHIP_SPACING;
        }
      if (ls->n_chips > 0)
        y -= CHIP_SPACING;
      header_height = MAX (header_height, y + HEADER_PAD - self->header_top);
    }

  for (guint i = 0; i < n; i++)
    g_array_index (self->stages, WaymarkLayoutStage, i).header.height = header_height;

  self->header_bottom = self->header_top + (n > 0 ? header_height : 64);
}

/* Measures a card's texts, or reuses what they measured to last time. */
static Measure *
measure_card (WaymarkLayout *self,
              WaymarkCard   *card,
              gboolean       is_point,
              double         point_width)
{
  Measure *m = g_hash_table_lookup (self->measures, card);
  const char *title = waymark_card_get_title (card);
  g_autofree char *meta = is_point ? NULL : card_meta (card);
  guint n_marks = card_n_marks (card);
  const char *channel = waymark_card_get_channel (card);

  if (m != NULL && m->is_point == is_point && m->n_marks == n_marks &&
      g_strcmp0 (m->title, title) == 0 && g_strcmp0 (m->meta, meta) == 0 &&
      g_strcmp0 (m->channel, channel) == 0 &&
      (!is_point || m->title_height >= 0))
    {
      m->seen = self->generation;
      return m;
    }

  if (m == NULL)
    {
      m = g_new0 (Measure, 1);
      g_hash_table_insert (self->measures, g_object_ref (card), m);
    }
  g_free (m->title);
  g_free (m->meta);
  g_free (m->channel);
  m->title = g_strdup (title);
  m->meta = g_steal_pointer (&meta);
  m->channel = g_strdup (channel);
  m->n_marks = n_marks;
  m->is_point = is_point;
  m->seen = self->generation;

  {
    WaymarkText text = { 0 };
    const char *shown = title != NULL && *title != '\0' ? title : _("Untitled card");

    if (is_point)
      {
        text_set (&text, WAYMARK_FONT_EMOTION_LABEL, shown, 2, 0, 0, point_width);
        m->truncated = measure_text (self, &text);
        m->title_height = text.rect.height;
        m->meta_height = 0;
      }
    else
      {
        double marks = n_marks > 0 ? n_marks * MARK_STEP + 4 : 0;
        double width = WAYMARK_LAYOUT_COLUMN_WIDTH - 2 * CARD_INSET -
                       CARD_TEXT_LEFT - CARD_PAD_RIGHT - marks;

        text_set (&text, WAYMARK_FONT_CARD_TITLE, shown, CARD_MAX_LINES, 0, 0, width);
        m->truncated = measure_text (self, &text);
        m->title_height = text.rect.height;
        m->meta_height = m->meta != NULL ? line_height (self, WAYMARK_FONT_CARD_META) : 0;
      }
    text_clear (&text);
  }
  return m;
}

static double
point_label_width (guint n_in_cell)
{
  double share = WAYMARK_LAYOUT_COLUMN_WIDTH / MAX (n_in_cell, 1) - 8;

  return CLAMP (share, 48, 170);
}

static void
place_card (WaymarkLayout     *self,
            WaymarkLayoutCard *lc,
            Measure           *m,
            double             x,
            double             y)
{
  WaymarkCard *card = lc->card;
  const char *title = waymark_card_get_title (card);
  double width = WAYMARK_LAYOUT_COLUMN_WIDTH - 2 * CARD_INSET;
  double marks = m->n_marks > 0 ? m->n_marks * MARK_STEP + 4 : 0;
  double text_x = x + CARD_TEXT_LEFT;
  double text_width = width - CARD_TEXT_LEFT - CARD_PAD_RIGHT;
  double ty = y + CARD_PAD_TOP;
  gboolean has_icon = m->meta != NULL && m->channel != NULL && *m->channel != '\0';

  lc->is_point = FALSE;
  text_set (&lc->title, WAYMARK_FONT_CARD_TITLE,
            title != NULL && *title != '\0' ? title : _("Untitled card"),
            CARD_MAX_LINES, text_x, ty, text_width - marks);
  lc->title.placeholder = title == NULL || *title == '\0';
  lc->title.rect.height = m->title_height;
  lc->truncated = m->truncated;
  ty += m->title_height;

  if (m->meta != NULL)
    {
      double meta_x = text_x + (has_icon ? ICON_SIZE + 5 : 0);

      ty += 3;
      text_set (&lc->meta, WAYMARK_FONT_CARD_META, m->meta, 1, meta_x, ty,
                text_x + text_width - meta_x);
      lc->meta.rect.height = m->meta_height;
      lc->icon = has_icon ? (WaymarkRect) { text_x, ty + (m->meta_height - ICON_SIZE) / 2,
                                            ICON_SIZE, ICON_SIZE }
                          : (WaymarkRect) { 0, 0, 0, 0 };
      ty += m->meta_height;
    }
  else
    {
      text_clear (&lc->meta);
      lc->icon = (WaymarkRect) { 0, 0, 0, 0 };
    }

  lc->rect = (WaymarkRect) { x, y, width,
                             MAX (CARD_MIN_HEIGHT, ty + CARD_PAD_BOTTOM - y) };
  lc->marks_x = x + width - CARD_PAD_RIGHT;
  lc->marks_y = y + CARD_PAD_TOP + 2;
}

static void
place_point (WaymarkLayout     *self,
             WaymarkLayoutCard *lc,
             Measure           *m,
             double             cx,
             double             cy,
             double             label_width)
{
  const char *title = waymark_card_get_title (lc->card);
  double r = WAYMARK_LAYOUT_EMOTION_RADIUS;
  double label_y = cy + r + 5;
  double box_width = MAX (label_width, 2 * r);

  lc->is_point = TRUE;
  lc->point_x = cx;
  lc->point_y = cy;
  text_set (&lc->title, WAYMARK_FONT_EMOTION_LABEL,
            title != NULL && *title != '\0' ? title : _("Untitled card"),
            2, cx - label_width / 2, label_y, label_width);
  lc->title.placeholder = title == NULL || *title == '\0';
  lc->title.rect.height = m->title_height;
  lc->truncated = m->truncated;
  text_clear (&lc->meta);
  lc->icon = (WaymarkRect) { 0, 0, 0, 0 };
  lc->rect = (WaymarkRect) { cx - box_width / 2 - 4, cy - r - 4, box_width + 8,
                             label_y + m->title_height + 4 - (cy - r - 4) };
  lc->marks_x = cx + r + 2 + (m->n_marks > 0 ? m->n_marks * MARK_STEP : 0);
  lc->marks_y = cy - r;
}

double
waymark_layout_emotion_y (WaymarkLayout *self,
                          guint          lane,
                          int            emotion)
{
  const WaymarkLayoutLane *ll;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);

  ll = &g_array_index (self->lanes, WaymarkLayoutLane, lane);
  emotion = CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX);
  return ll->scale_top + (ll->scale_bottom - ll->scale_top) *
         (WAYMARK_EMOTION_MAX - emotion) / (WAYMARK_EMOTION_MAX - WAYMARK_EMOTION_MIN);
}

int
waymark_layout_emotion_at (WaymarkLayout *self,
                           guint          lane,
                           double         y)
{
  const WaymarkLayoutLane *ll;
  double t;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  g_return_val_if_fail (lane < self->lanes->len, 0);

  ll = &g_array_index (self->lanes, WaymarkLayoutLane, lane);
  if (ll->scale_bottom <= ll->scale_top)
    return 0;
  t = (y - ll->scale_top) / (ll->scale_bottom - ll->scale_top);
  return CLAMP ((int) lround (WAYMARK_EMOTION_MAX - t * (WAYMARK_EMOTION_MAX - WAYMARK_EMOTION_MIN)),
                WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX);
}

static void
layout_curves (WaymarkLayout *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  guint n_personas = g_list_model_get_n_items (personas);
  guint n_stages = self->stages->len;

  g_array_set_size (self->curves, 0);

  for (guint j = 0; j < self->lanes->len; j++)
    {
      const WaymarkLayoutLane *ll = &g_array_index (self->lanes, WaymarkLayoutLane, j);
      g_autoptr (GPtrArray) points = NULL;
      gboolean specific = FALSE;

      if (ll->kind != WAYMARK_LANE_KIND_EMOTIONS)
        continue;

      points = g_ptr_array_new ();
      for (guint i = 0; i < n_stages; i++)
        {
          guint cell = j * n_stages + i;

          for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
            {
              WaymarkLayoutCard *lc = self->by_cell[k];
              const char * const *ps = waymark_card_get_personas (lc->card);

              g_ptr_array_add (points, lc);
              specific |= ps != NULL && ps[0] != NULL;
            }
        }
      if (points->len == 0)
        continue;

      for (guint p = 0; p < (specific ? n_personas : 1); p++)
        {
          g_autoptr (WaymarkPersona) persona = specific ? g_list_model_get_item (personas, p) : NULL;
          WaymarkLayoutCurve curve = { 0 };
          guint n = 0;

          curve.persona = persona;
          curve.lane = j;
          curve.points = g_new (double, 2 * points->len);
          for (guint k = 0; k < points->len; k++)
            {
              WaymarkLayoutCard *lc = g_ptr_array_index (points, k);

              if (persona != NULL &&
                  !waymark_card_applies_to (lc->card, waymark_persona_get_id (persona)))
                continue;
              curve.points[2 * n] = lc->point_x;
              curve.points[2 * n + 1] = lc->point_y;
              n++;
            }
          curve.n_points = n;
          curve.dimmed = self->persona_focus != NULL &&
                         (persona == NULL ||
                          g_strcmp0 (self->persona_focus, waymark_persona_get_id (persona)) != 0);
          if (persona == NULL && self->persona_focus != NULL)
            curve.dimmed = FALSE;
          if (n == 0)
            {
              g_free (curve.points);
              continue;
            }
          g_array_append_val (self->curves, curve);
        }
    }
}

static void
layout_lanes_and_cards (WaymarkLayout *self)
{
  GListModel *lanes = waymark_document_get_lanes (self->document);
  GListModel *cards = waymark_document_get_cards (self->document);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_stages = self->stages->len;
  guint n_cards = g_list_model_get_n_items (cards);
  g_autoptr (GHashTable) stage_index = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) lane_index = g_hash_table_new (NULL, NULL);
  g_autofree guint *cell_of = NULL;
  g_autofree guint *fill = NULL;
  double y = self->lanes_top;
  double name_line = line_height (self, WAYMARK_FONT_LANE_KIND);
  guint n_placed = 0;

  for (guint i = 0; i < n_stages; i++)
    g_hash_table_insert (stage_index,
                         g_array_index (self->stages, WaymarkLayoutStage, i).stage,
                         GUINT_TO_POINTER (i + 1));

  g_array_set_size (self->lanes, 0);
  g_array_set_size (self->lanes, n_lanes);
  for (guint j = 0; j < n_lanes; j++)
    {
      g_autoptr (WaymarkLane) lane = g_list_model_get_item (lanes, j);
      WaymarkLayoutLane *ll = &g_array_index (self->lanes, WaymarkLayoutLane, j);

      ll->lane = lane;
      ll->kind = waymark_lane_get_kind_enum (lane);
      g_hash_table_insert (lane_index, lane, GUINT_TO_POINTER (j + 1));
    }

  /* Cards in document order, then grouped by cell with a counting sort,
   * which keeps document order within each cell. */
  self->n_cells = n_lanes * n_stages;
  self->cards = g_new0 (WaymarkLayoutCard, MAX (n_cards, 1));
  self->cell_start = g_new0 (guint, self->n_cells + 1);
  cell_of = g_new (guint, MAX (n_cards, 1));
  for (guint k = 0; k < n_cards; k++)
    {
      WaymarkCard *card = g_list_model_get_item (cards, k);
      WaymarkStage *stage = waymark_document_lookup_stage (self->document,
                                                           waymark_card_get_stage (card));
      WaymarkLane *lane = waymark_document_lookup_lane (self->document,
                                                        waymark_card_get_lane (card));
      guint si = GPOINTER_TO_UINT (g_hash_table_lookup (stage_index, stage));
      guint li = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, lane));
      WaymarkLayoutCard *lc;

      g_object_unref (card);
      if (si == 0 || li == 0)
        continue;
      lc = &self->cards[n_placed];
      lc->card = card;
      lc->stage = si - 1;
      lc->lane = li - 1;
      cell_of[n_placed] = lc->lane * n_stages + lc->stage;
      lc->position = self->cell_start[cell_of[n_placed] + 1]++;
      g_hash_table_insert (self->card_index, card, GUINT_TO_POINTER (n_placed + 1));
      n_placed++;
    }
  self->n_cards = n_placed;
  for (guint c = 0; c < self->n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];
  self->by_cell = g_new (WaymarkLayoutCard *, MAX (n_placed, 1));
  fill = g_memdup2 (self->cell_start, sizeof (guint) * (self->n_cells + 1));
  for (guint k = 0; k < n_placed; k++)
    self->by_cell[fill[cell_of[k]]++] = &self->cards[k];

  for (guint j = 0; j < n_lanes; j++)
    {
      WaymarkLayoutLane *ll = &g_array_index (self->lanes, WaymarkLayoutLane, j);
      const char *name = waymark_lane_get_name (ll->lane);
      double header_height;
      double height;
      double band_right = n_stages > 0
        ? self->grid_left + n_stages * (WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP) - WAYMARK_LAYOUT_GAP
        : WAYMARK_LAYOUT_MARGIN + WAYMARK_LAYOUT_LANE_HEADER;

      text_set (&ll->name, WAYMARK_FONT_LANE_NAME,
                name != NULL && *name != '\0' ? name : _("Untitled lane"),
                3, WAYMARK_LAYOUT_MARGIN + 20, y + 14, WAYMARK_LAYOUT_LANE_HEADER - 30);
      ll->name.placeholder = name == NULL || *name == '\0';
      measure_text (self, &ll->name);
      /* The kind's icon, then its name. */
      ll->icon = (WaymarkRect) { WAYMARK_LAYOUT_MARGIN + 20, y + 14 + ll->name.rect.height + 2 + (name_line - 14) / 2,
                                 14, 14 };
      text_set (&ll->kind_label, WAYMARK_FONT_LANE_KIND,
                waymark_lane_kind_get_label (ll->kind), 1,
                WAYMARK_LAYOUT_MARGIN + 20 + 20, y + 14 + ll->name.rect.height + 2,
                WAYMARK_LAYOUT_LANE_HEADER - 50);
      ll->kind_label.rect.height = name_line;
      header_height = 14 + ll->name.rect.height + 2 + name_line + 14;

      if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
        {
          height = MAX (header_height, EMOTION_LANE_HEIGHT);
          ll->scale_top = y + 30;
          ll->scale_bottom = y + height - 62;
        }
      else
        {
          height = MAX (header_height, LANE_MIN_HEIGHT);
          ll->scale_top = ll->scale_bottom = 0;
        }

      ll->band = (WaymarkRect) { WAYMARK_LAYOUT_MARGIN, y, band_right - WAYMARK_LAYOUT_MARGIN, 0 };
      ll->header = (WaymarkRect) { WAYMARK_LAYOUT_MARGIN, y, WAYMARK_LAYOUT_LANE_HEADER, 0 };

      for (guint i = 0; i < n_stages; i++)
        {
          guint cell = j * n_stages + i;
          guint begin = self->cell_start[cell];
          guint end = self->cell_start[cell + 1];
          double x = self->grid_left + i * (WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP);
          double cy = y + CELL_PAD_TOP;

          for (guint k = begin; k < end; k++)
            {
              WaymarkLayoutCard *lc = self->by_cell[k];

              if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
                {
                  guint n = end - begin;
                  double label_width = point_label_width (n);
                  Measure *m = measure_card (self, lc->card, TRUE, label_width);
                  int emotion = waymark_card_get_has_emotion (lc->card)
                    ? waymark_card_get_emotion (lc->card) : 0;

                  place_point (self, lc, m,
                               x + WAYMARK_LAYOUT_COLUMN_WIDTH * (k - begin + 1) / (n + 1),
                               waymark_layout_emotion_y (self, j, emotion), label_width);
                }
              else
                {
                  Measure *m = measure_card (self, lc->card, FALSE, 0);

                  place_card (self, lc, m, x + CARD_INSET, cy);
                  cy += lc->rect.height + CARD_SPACING;
                }
            }
          if (ll->kind != WAYMARK_LANE_KIND_EMOTIONS && end > begin)
            height = MAX (height, cy - CARD_SPACING + CELL_PAD_BOTTOM - y);
        }

      ll->band.height = height;
      ll->header.height = height;
      y += height + LANE_SPACING;
    }

  self->lanes_bottom = n_lanes > 0 ? y - LANE_SPACING : self->lanes_top;
}

static void
recompute (WaymarkLayout *self)
{
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
  double columns_right;
  double title_bottom;
  GHashTableIter iter;
  gpointer key, value;

  self->generation++;
  clear_cards (self);
  g_array_set_size (self->curves, 0);

  self->grid_left = WAYMARK_LAYOUT_MARGIN + WAYMARK_LAYOUT_LANE_HEADER + WAYMARK_LAYOUT_GAP;
  columns_right = self->grid_left + n_stages * (WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP);
  self->width = MAX (columns_right + WAYMARK_LAYOUT_ADD_SIZE + WAYMARK_LAYOUT_MARGIN, 720);

  layout_title (self, &title_bottom);
  self->header_top = title_bottom + 26;
  layout_stages (self);
  self->lanes_top = self->header_bottom + WAYMARK_LAYOUT_GAP;
  layout_lanes_and_cards (self);
  layout_curves (self);

  self->add_stage = (WaymarkRect) {
    columns_right, self->header_top + 14, WAYMARK_LAYOUT_ADD_SIZE, WAYMARK_LAYOUT_ADD_SIZE };
  self->add_lane = (WaymarkRect) {
    WAYMARK_LAYOUT_MARGIN + 14, self->lanes_bottom + WAYMARK_LAYOUT_GAP,
    WAYMARK_LAYOUT_ADD_SIZE, WAYMARK_LAYOUT_ADD_SIZE };
  self->height = self->add_lane.y + self->add_lane.height + WAYMARK_LAYOUT_MARGIN;

  for (guint i = 0; i < self->stages->len; i++)
    {
      WaymarkLayoutStage *ls = &g_array_index (self->stages, WaymarkLayoutStage, i);

      ls->column = (WaymarkRect) { ls->header.x, self->header_top, ls->header.width,
                                   self->lanes_bottom - self->header_top };
    }

  /* Forget measurements of cards that are gone. */
  g_hash_table_iter_init (&iter, self->measures);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Measure *m = value;

      if (m->seen != self->generation)
        g_hash_table_iter_remove (&iter);
    }

  self->valid = TRUE;
}

gboolean
waymark_layout_update (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);

  if (self->valid)
    return FALSE;
  recompute (self);
  return TRUE;
}

gboolean
waymark_layout_is_valid (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);

  return self->valid;
}

guint
waymark_layout_get_generation (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);

  return self->generation;
}

/* ---- Queries ---- */

#define ENSURE_VALID(self) G_STMT_START { if (!(self)->valid) recompute (self); } G_STMT_END

double
waymark_layout_get_width (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->width;
}

double
waymark_layout_get_height (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->height;
}

const WaymarkText *
waymark_layout_get_title (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  return &self->title;
}

const WaymarkText *
waymark_layout_get_description (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  return &self->description;
}

guint
waymark_layout_get_n_legend_items (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->legend->len;
}

const WaymarkLayoutLegendItem *
waymark_layout_get_legend_item (WaymarkLayout *self,
                                guint          i)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  g_return_val_if_fail (i < self->legend->len, NULL);
  return &g_array_index (self->legend, WaymarkLayoutLegendItem, i);
}

guint
waymark_layout_get_n_stages (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->stages->len;
}

const WaymarkLayoutStage *
waymark_layout_get_stage (WaymarkLayout *self,
                          guint          i)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  g_return_val_if_fail (i < self->stages->len, NULL);
  return &g_array_index (self->stages, WaymarkLayoutStage, i);
}

guint
waymark_layout_get_n_lanes (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->lanes->len;
}

const WaymarkLayoutLane *
waymark_layout_get_lane (WaymarkLayout *self,
                         guint          i)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  g_return_val_if_fail (i < self->lanes->len, NULL);
  return &g_array_index (self->lanes, WaymarkLayoutLane, i);
}

const WaymarkRect *
waymark_layout_get_add_stage (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  return &self->add_stage;
}

const WaymarkRect *
waymark_layout_get_add_lane (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  return &self->add_lane;
}

void
waymark_layout_get_cell_rect (WaymarkLayout *self,
                              guint          stage,
                              guint          lane,
                              WaymarkRect   *rect)
{
  const WaymarkLayoutLane *ll;

  g_return_if_fail (WAYMARK_IS_LAYOUT (self));
  ENSURE_VALID (self);
  g_return_if_fail (stage < self->stages->len && lane < self->lanes->len);

  ll = &g_array_index (self->lanes, WaymarkLayoutLane, lane);
  rect->x = self->grid_left + stage * (WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP);
  rect->y = ll->band.y;
  rect->width = WAYMARK_LAYOUT_COLUMN_WIDTH;
  rect->height = ll->band.height;
}

guint
waymark_layout_get_n_cards (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->n_cards;
}

WaymarkLayoutCard *
waymark_layout_get_card_at (WaymarkLayout *self,
                            guint          i)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  g_return_val_if_fail (i < self->n_cards, NULL);
  return &self->cards[i];
}

WaymarkLayoutCard *
waymark_layout_get_card (WaymarkLayout *self,
                         WaymarkCard   *card)
{
  guint index;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->card_index, card));
  return index > 0 ? &self->cards[index - 1] : NULL;
}

guint
waymark_layout_get_cell_cards (WaymarkLayout       *self,
                               guint                stage,
                               guint                lane,
                               WaymarkLayoutCard ***cards)
{
  guint cell;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);

  if (stage >= self->stages->len || lane >= self->lanes->len)
    {
      *cards = NULL;
      return 0;
    }
  cell = lane * self->stages->len + stage;
  *cards = self->by_cell + self->cell_start[cell];
  return self->cell_start[cell + 1] - self->cell_start[cell];
}

/* The first lane whose band ends below y. */
static guint
lane_search (WaymarkLayout *self,
             double         y)
{
  guint lo = 0, hi = self->lanes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const WaymarkLayoutLane *ll = &g_array_index (self->lanes, WaymarkLayoutLane, mid);

      if (ll->band.y + ll->band.height + LANE_SPACING <= y)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
waymark_layout_get_cell_range (WaymarkLayout     *self,
                               const WaymarkRect *rect,
                               guint             *stage_begin,
                               guint             *stage_end,
                               guint             *lane_begin,
                               guint             *lane_end)
{
  double step = WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP;
  double first, last;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  ENSURE_VALID (self);

  if (self->stages->len == 0 || self->lanes->len == 0)
    return FALSE;

  first = floor ((rect->x - self->grid_left) / step);
  last = floor ((rect->x + rect->width - self->grid_left) / step);
  *stage_begin = (guint) CLAMP (first, 0, self->stages->len);
  *stage_end = (guint) CLAMP (last + 1, 0, self->stages->len);
  *lane_begin = lane_search (self, rect->y);
  *lane_end = MIN (lane_search (self, rect->y + rect->height) + 1, self->lanes->len);

  return *stage_begin < *stage_end && *lane_begin < *lane_end;
}

guint
waymark_layout_get_n_curves (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), 0);
  ENSURE_VALID (self);
  return self->curves->len;
}

const WaymarkLayoutCurve *
waymark_layout_get_curve (WaymarkLayout *self,
                          guint          i)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);
  g_return_val_if_fail (i < self->curves->len, NULL);
  return &g_array_index (self->curves, WaymarkLayoutCurve, i);
}

/* The stage column under x, or -1 in a gap or outside. */
static int
stage_at (WaymarkLayout *self,
          double         x)
{
  double step = WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP;
  double i = floor ((x - self->grid_left) / step);

  if (i < 0 || i >= self->stages->len)
    return -1;
  if (x - self->grid_left - i * step >= WAYMARK_LAYOUT_COLUMN_WIDTH)
    return -1;
  return (int) i;
}

void
waymark_layout_pick (WaymarkLayout *self,
                     double         x,
                     double         y,
                     WaymarkHit    *hit)
{
  int stage;
  guint lane;

  g_return_if_fail (WAYMARK_IS_LAYOUT (self));
  ENSURE_VALID (self);

  *hit = (WaymarkHit) { WAYMARK_HIT_NONE, -1, -1, NULL };

  if (waymark_rect_contains (&self->add_stage, x, y))
    {
      hit->kind = WAYMARK_HIT_ADD_STAGE;
      return;
    }
  if (waymark_rect_contains (&self->add_lane, x, y))
    {
      hit->kind = WAYMARK_HIT_ADD_LANE;
      return;
    }
  if (y < self->header_top)
    {
      WaymarkRect title = { WAYMARK_LAYOUT_MARGIN, WAYMARK_LAYOUT_MARGIN,
                            self->title.rect.width,
                            self->description.rect.y + self->description.rect.height - WAYMARK_LAYOUT_MARGIN };

      if (waymark_rect_contains (&title, x, y))
        hit->kind = WAYMARK_HIT_TITLE;
      return;
    }

  stage = stage_at (self, x);
  if (y < self->header_bottom)
    {
      if (stage >= 0)
        {
          hit->kind = WAYMARK_HIT_STAGE_HEADER;
          hit->stage = stage;
        }
      return;
    }

  lane = lane_search (self, y);
  if (lane >= self->lanes->len)
    return;
  {
    const WaymarkLayoutLane *ll = &g_array_index (self->lanes, WaymarkLayoutLane, lane);

    if (!waymark_rect_contains (&ll->band, x, y))
      return;
    if (waymark_rect_contains (&ll->header, x, y))
      {
        hit->kind = WAYMARK_HIT_LANE_HEADER;
        hit->lane = (int) lane;
        return;
      }
  }
  if (stage < 0)
    return;

  hit->kind = WAYMARK_HIT_CELL;
  hit->stage = stage;
  hit->lane = (int) lane;
  {
    WaymarkLayoutCard **cards;
    guint n = waymark_layout_get_cell_cards (self, (guint) stage, lane, &cards);

    /* Points may overlap: the last drawn is on top. */
    for (guint k = n; k > 0; k--)
      {
        if (waymark_rect_contains (&cards[k - 1]->rect, x, y))
          {
            hit->kind = WAYMARK_HIT_CARD;
            hit->card = cards[k - 1];
            return;
          }
      }
  }
}

gboolean
waymark_layout_drop_target (WaymarkLayout *self,
                            double         x,
                            double         y,
                            GHashTable    *skip,
                            guint         *stage,
                            guint         *lane,
                            guint         *position,
                            int           *emotion)
{
  double step = WAYMARK_LAYOUT_COLUMN_WIDTH + WAYMARK_LAYOUT_GAP;
  WaymarkLayoutCard **cards;
  const WaymarkLayoutLane *ll;
  guint n, pos = 0;
  double s;

  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), FALSE);
  ENSURE_VALID (self);

  if (self->stages->len == 0 || self->lanes->len == 0)
    return FALSE;

  s = floor ((x - self->grid_left + WAYMARK_LAYOUT_GAP / 2) / step);
  *stage = (guint) CLAMP (s, 0, self->stages->len - 1);
  *lane = MIN (lane_search (self, y), self->lanes->len - 1);
  ll = &g_array_index (self->lanes, WaymarkLayoutLane, *lane);

  n = waymark_layout_get_cell_cards (self, *stage, *lane, &cards);
  for (guint k = 0; k < n; k++)
    {
      const WaymarkLayoutCard *lc = cards[k];
      double middle;

      if (skip != NULL && g_hash_table_contains (skip, lc->card))
        continue;
      middle = lc->is_point ? lc->point_x : lc->rect.y + lc->rect.height / 2;
      if ((lc->is_point ? x : y) < middle)
        break;
      pos++;
    }
  *position = pos;

  if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS && emotion != NULL)
    *emotion = waymark_layout_emotion_at (self, *lane, y);
  return TRUE;
}

/* A pill behind text from start to end (bytes) of the meta line, if all
 * of it shows. */
static void
badge_rect (PangoLayout       *layout,
            const WaymarkText *meta,
            int                start,
            int                end,
            WaymarkRect       *rect)
{
  PangoRectangle from, to;
  int line_from, line_to, x_from, x_to;

  *rect = (WaymarkRect) { 0, 0, 0, 0 };
  if (start < 0)
    return;
  pango_layout_index_to_line_x (layout, start, FALSE, &line_from, &x_from);
  pango_layout_index_to_line_x (layout, end, FALSE, &line_to, &x_to);
  if (line_from != 0 || line_to != 0)
    return;
  pango_layout_index_to_pos (layout, start, &from);
  pango_layout_index_to_pos (layout, end, &to);
  if (pango_layout_is_ellipsized (layout))
    {
      PangoRectangle logical;

      /* What an ellipsis cut off has no badge: the end must be well
       * inside the line that is shown. */
      pango_layout_get_extents (layout, NULL, &logical);
      if (MAX (from.x, to.x) > logical.width - 16 * PANGO_SCALE)
        return;
    }
  rect->x = meta->rect.x + (double) MIN (from.x, to.x) / PANGO_SCALE - 3;
  rect->width = (double) ABS (to.x - from.x) / PANGO_SCALE + 6;
  rect->y = meta->rect.y - 1;
  rect->height = meta->rect.height + 2;
}

void
waymark_layout_get_card_badges (WaymarkLayout           *self,
                                const WaymarkLayoutCard *card,
                                WaymarkRect             *priority,
                                WaymarkRect             *status)
{
  PangoLayout *layout;
  int priority_start, priority_end, status_start, status_end;

  g_return_if_fail (WAYMARK_IS_LAYOUT (self));
  g_return_if_fail (card != NULL && priority != NULL && status != NULL);

  *priority = *status = (WaymarkRect) { 0, 0, 0, 0 };
  if (card->is_point || card->meta.text == NULL)
    return;
  card_meta_ranges (card->card, &priority_start, &priority_end, &status_start, &status_end);
  layout = waymark_layout_create_text (self, &card->meta);
  badge_rect (layout, &card->meta, priority_start, priority_end, priority);
  badge_rect (layout, &card->meta, status_start, status_end, status);
  g_object_unref (layout);
}

const PangoFontDescription *
waymark_layout_get_font (WaymarkLayout *self,
                         WaymarkFont    font)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  g_return_val_if_fail (font < WAYMARK_N_FONTS, NULL);

  return self->fonts[font];
}

PangoContext *
waymark_layout_get_pango_context (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);

  return self->context;
}

const char *
waymark_layout_get_persona_focus (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);

  return self->persona_focus;
}

void
waymark_layout_set_persona_focus (WaymarkLayout *self,
                                  const char    *persona_id)
{
  g_return_if_fail (WAYMARK_IS_LAYOUT (self));

  if (g_strcmp0 (self->persona_focus, persona_id) == 0)
    return;
  g_free (self->persona_focus);
  self->persona_focus = g_strdup (persona_id);
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA_FOCUS]);
}

const char *
waymark_layout_get_subtitle_text (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);

  return self->subtitle_text;
}

void
waymark_layout_set_subtitle_text (WaymarkLayout *self,
                                  const char    *text)
{
  g_return_if_fail (WAYMARK_IS_LAYOUT (self));

  if (g_strcmp0 (self->subtitle_text, text) == 0)
    return;
  g_free (self->subtitle_text);
  self->subtitle_text = g_strdup (text);
  invalidate (self);
}

const WaymarkText *
waymark_layout_get_subtitle (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);
  ENSURE_VALID (self);

  return &self->subtitle;
}

WaymarkDocument *
waymark_layout_get_document (WaymarkLayout *self)
{
  g_return_val_if_fail (WAYMARK_IS_LAYOUT (self), NULL);

  return self->document;
}

/* ---- GObject ---- */

static void
set_document (WaymarkLayout   *self,
              WaymarkDocument *document)
{
  GListModel *lists[4];

  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));

  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  lists[0] = waymark_document_get_stages (document);
  lists[1] = waymark_document_get_lanes (document);
  lists[2] = waymark_document_get_cards (document);
  lists[3] = waymark_document_get_personas (document);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_signal_connect_object (lists[i], "items-changed",
                             G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::description",
                           G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
waymark_layout_dispose (GObject *object)
{
  WaymarkLayout *self = (WaymarkLayout *) object;

  clear_cards (self);
  g_array_set_size (self->stages, 0);
  g_array_set_size (self->lanes, 0);
  g_array_set_size (self->legend, 0);
  g_array_set_size (self->curves, 0);
  g_hash_table_remove_all (self->measures);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (waymark_layout_parent_class)->dispose (object);
}

static void
waymark_layout_finalize (GObject *object)
{
  WaymarkLayout *self = (WaymarkLayout *) object;

  text_clear (&self->title);
  text_clear (&self->subtitle);
  text_clear (&self->description);
  g_array_unref (self->stages);
  g_array_unref (self->lanes);
  g_array_unref (self->legend);
  g_array_unref (self->curves);
  g_hash_table_unref (self->card_index);
  g_hash_table_unref (self->measures);
  for (guint i = 0; i < WAYMARK_N_FONTS; i++)
    pango_font_description_free (self->fonts[i]);
  g_object_unref (self->measure);
  g_object_unref (self->context);
  g_free (self->persona_focus);
  g_free (self->subtitle_text);

  G_OBJECT_CLASS (waymark_layout_parent_class)->finalize (object);
}

static void
waymark_layout_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PERSONA_FOCUS:
      g_value_set_string (value, self->persona_focus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_layout_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WaymarkLayout *self = WAYMARK_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      set_document (self, g_value_get_object (value));
      break;
    case PROP_PERSONA_FOCUS:
      waymark_layout_set_persona_focus (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_layout_class_init (WaymarkLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = waymark_layout_dispose;
  object_class->finalize = waymark_layout_finalize;
  object_class->get_property = waymark_layout_get_property;
  object_class->set_property = waymark_layout_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONA_FOCUS] =
    g_param_spec_string ("persona-focus", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[INVALIDATED] = g_signal_new ("invalidated", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 0);
}

static PangoFontDescription *
make_font (double      size,
           PangoWeight weight)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  return font;
}

static void
waymark_layout_init (WaymarkLayout *self)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->context = pango_font_map_create_context (font_map);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 96);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  cairo_font_options_destroy (options);
  self->measure = pango_layout_new (self->context);

  self->fonts[WAYMARK_FONT_MAP_TITLE] = make_font (30, PANGO_WEIGHT_HEAVY);
  self->fonts[WAYMARK_FONT_MAP_DESCRIPTION] = make_font (16, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_LEGEND] = make_font (14, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_STAGE_NAME] = make_font (19, PANGO_WEIGHT_BOLD);
  self->fonts[WAYMARK_FONT_KPI] = make_font (12.5, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_LANE_NAME] = make_font (16.5, PANGO_WEIGHT_BOLD);
  self->fonts[WAYMARK_FONT_LANE_KIND] = make_font (12.5, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_CARD_TITLE] = make_font (15, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_CARD_META] = make_font (12.5, PANGO_WEIGHT_NORMAL);
  self->fonts[WAYMARK_FONT_EMOTION_LABEL] = make_font (13, PANGO_WEIGHT_NORMAL);

  self->stages = g_array_new (FALSE, TRUE, sizeof (WaymarkLayoutStage));
  g_array_set_clear_func (self->stages, stage_clear);
  self->lanes = g_array_new (FALSE, TRUE, sizeof (WaymarkLayoutLane));
  g_array_set_clear_func (self->lanes, lane_clear);
  self->legend = g_array_new (FALSE, TRUE, sizeof (WaymarkLayoutLegendItem));
  g_array_set_clear_func (self->legend, legend_clear);
  self->curves = g_array_new (FALSE, TRUE, sizeof (WaymarkLayoutCurve));
  g_array_set_clear_func (self->curves, curve_clear);
  self->card_index = g_hash_table_new (NULL, NULL);
  self->measures = g_hash_table_new_full (NULL, NULL, g_object_unref, measure_free);
}

WaymarkLayout *
waymark_layout_new (WaymarkDocument *document)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  return g_object_new (WAYMARK_TYPE_LAYOUT, "document", document, NULL);
}
