/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A read-only picture of the whole map made of plain widgets in a GtkGrid:
 * stage headers across the top, one tinted band per lane, and the cards
 * of each cell. Document changes are coalesced into one rebuild in an
 * idle, and the number of card widgets is capped, so that a map of
 * 100,000 cards opens and scrolls smoothly. The editing canvas replaces
 * this view later. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "waymark-map-view.h"

/* Wide enough for a short sentence per line when projected. */
#define STAGE_COLUMN_WIDTH 248
#define LANE_HEADER_WIDTH  172
#define MAX_LEGEND_PERSONAS 8

#define NO_BREAK_SPACE "\xc2\xa0"

typedef struct
{
  guint      n_cards;
  /* The cards shown, in stacking order; NULL while none. */
  GPtrArray *shown;
} Cell;

struct _WaymarkMapView
{
  GtkWidget        parent_instance;

  WaymarkDocument *document;

  GtkWidget       *stack;
  GtkWidget       *title_label;
  GtkWidget       *description_label;
  GtkWidget       *legend_box;
  GtkWidget       *grid;

  /* Colours named in the file ("#rrggbb") become CSS classes; this is
   * the style sheet defining them. */
  GtkCssProvider  *color_provider;
  char            *color_css;
  GHashTable      *colors;

  guint            rebuild_source;
  guint            n_cards_shown;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkMapView, waymark_map_view, GTK_TYPE_WIDGET)

/* ---- Small helpers ---- */

static gboolean
is_hex_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }
  return TRUE;
}

/* Paints the widget's background in a colour from the file. Only
 * "#rrggbb" gets through, so a file cannot inject style rules. */
static gboolean
add_color_class (WaymarkMapView *self,
                 GtkWidget      *widget,
                 const char     *color)
{
  g_autofree char *hex = NULL;
  g_autofree char *class_name = NULL;

  if (!is_hex_color (color))
    return FALSE;

  hex = g_ascii_strdown (color + 1, -1);
  class_name = g_strconcat ("wm-color-", hex, NULL);
  gtk_widget_add_css_class (widget, class_name);
  g_hash_table_add (self->colors, g_steal_pointer (&hex));
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
update_color_css (WaymarkMapView *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GPtrArray) hexes = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->colors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (hexes, key);
  g_ptr_array_sort (hexes, compare_strings);
  for (guint i = 0; i < hexes->len; i++)
    {
      const char *hex = g_ptr_array_index (hexes, i);

      g_string_append_printf (css, ".wm-color-%s { background-color: #%s; }\n", hex, hex);
    }

  /* Loading a style sheet restyles every widget: only when it changed. */
  if (g_strcmp0 (css->str, self->color_css) == 0)
    return;

  g_free (self->color_css);
  self->color_css = g_strdup (css->str);
  gtk_css_provider_load_from_data (self->color_provider, self->color_css, -1);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* A small natural width lets the column, not the longest title,
       * decide how wide the cards are; the label then wraps to it. */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
new_add_button (const char *label,
                const char *action_name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "map-add-button");
  return button;
}

/* ---- Words for the card's meta line ---- */

static const char *
channel_label (const char *channel)
{
  static const struct { const char *id; const char *label; } channels[] = {
    { "website", N_("website") },
    { "email", N_("email") },
    { "social", N_("social") },
    { "search", N_("search") },
    { "ads", N_("ads") },
    { "mobile-app", N_("mobile app") },
    { "chat", N_("chat") },
    { "phone", N_("phone") },
    { "store", N_("store") },
    { "event", N_("event") },
    { "mail", N_("mail") },
    { "print", N_("print") },
    { "packaging", N_("packaging") },
    { "support", N_("support") },
    { "other", N_("other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      if (g_str_equal (channel, channels[i].id))
        return _(channels[i].label);
    }
  /* Free text, as the user wrote it. */
  return channel;
}

static char *
dup_priority_label (const char *priority)
{
  if (g_str_equal (priority, "low"))
    return g_strdup (_("low priority"));
  if (g_str_equal (priority, "medium"))
    return g_strdup (_("medium priority"));
  if (g_str_equal (priority, "high"))
    return g_strdup (_("high priority"));
  /* Translators: a priority the user typed in, e.g. "urgent priority". */
  return g_strdup_printf (_("%s priority"), priority);
}

static const char *
status_label (const char *status)
{
  if (g_str_equal (status, "open"))
    return _("open");
  if (g_str_equal (status, "planned"))
    return _("planned");
  if (g_str_equal (status, "in-progress"))
    return _("in progress");
  if (g_str_equal (status, "done"))
    return _("done");
  return status;
}

static const char *
emotion_icon_name (int emotion)
{
  switch (CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX))
    {
    case -2:
      return "face-sad-symbolic";
    case -1:
      return "face-worried-symbolic";
    case 1:
      return "face-smile-symbolic";
    case 2:
      return "face-smile-big-symbolic";
    case 0:
    default:
      return "face-plain-symbolic";
    }
}

static const char *
emotion_words (int emotion)
{
  switch (CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX))
    {
    case -2:
      return _("very negative");
    case -1:
      return _("negative");
    case 1:
      return _("positive");
    case 2:
      return _("very positive");
    case 0:
    default:
      return _("neutral");
    }
}

static char *
dup_emotion_number (int emotion)
{
  /* A real minus sign: the hyphen looks like a dash on a projector. */
  if (emotion < 0)
    return g_strdup_printf ("−%d", -emotion);
  if (emotion > 0)
    return g_strdup_printf ("+%d", emotion);
  return g_strdup ("0");
}

/* ---- Building blocks ---- */

static GtkWidget *
create_persona_dot (WaymarkMapView *self,
                    WaymarkPersona *persona)
{
  GtkWidget *dot = g_object_new (GTK_TYPE_BOX,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                 "valign", GTK_ALIGN_CENTER,
                                 "halign", GTK_ALIGN_CENTER,
                                 NULL);

  gtk_widget_add_css_class (dot, "persona-dot");
  add_color_class (self, dot, waymark_persona_get_color (persona));
  gtk_widget_set_tooltip_text (dot, waymark_persona_get_name (persona));
  return dot;
}

static void
build_legend (WaymarkMapView *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  guint n_personas = g_list_model_get_n_items (personas);

  remove_all_children (self->legend_box);
  gtk_widget_set_visible (self->legend_box, n_personas > 0);

  for (guint i = 0; i < n_personas && i < MAX_LEGEND_PERSONAS; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      const char *name = waymark_persona_get_name (persona);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = new_label (name[0] ? name : _("Unnamed persona"), NULL, FALSE);

      gtk_widget_add_css_class (chip, "persona-chip");
      gtk_widget_set_valign (chip, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (chip), create_persona_dot (self, persona));
      gtk_box_append (GTK_BOX (chip), label);
      gtk_box_append (GTK_BOX (self->legend_box), chip);
    }

  if (n_personas > MAX_LEGEND_PERSONAS)
    {
      guint rest = n_personas - MAX_LEGEND_PERSONAS;
      g_autofree char *text =
        g_strdup_printf (ngettext ("+%u more persona", "+%u more personas", rest), rest);
      GtkWidget *label = new_label (text, "more-cards", FALSE);

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (self->legend_box), label);
    }
}

/* "41 %" must not break between number and unit. */
static char *
dup_unbreakable (const char *text)
{
  g_autoptr(GString) result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append (result, NO_BREAK_SPACE);
      else
        g_string_append_c (result, *p);
    }
  return g_string_free (g_steal_pointer (&result), FALSE);
}

static char *
dup_kpi_text (const WaymarkKpi *kpi)
{
  g_autofree char *value = dup_unbreakable (kpi->value ? kpi->value : "");
  g_autofree char *target = dup_unbreakable (kpi->target ? kpi->target : "");

  if (value[0] != '\0' && target[0] != '\0')
    {
      /* The arrow stays with the value; a line may break before the target. */
      g_autofree char *progress = g_strdup_printf ("%s" NO_BREAK_SPACE "→ %s", value, target);

      /* Translators: a stage's indicator: its name, then its value. */
      return g_strdup_printf (_("%s: %s"), kpi->name, progress);
    }
  if (value[0] != '\0')
    return g_strdup_printf (_("%s: %s"), kpi->name, value);
  if (target[0] != '\0')
    return g_strdup_printf (_("%s: target %s"), kpi->name, target);
  return g_strdup (kpi->name);
}

static GtkWidget *
create_stage_header (WaymarkMapView *self,
                     WaymarkStage   *stage)
{
  const char *name = waymark_stage_get_name (stage);
  const char *description = waymark_stage_get_description (stage);
  GPtrArray *kpis = waymark_stage_get_kpis (stage);
  g_autoptr(GString) accessible_description = g_string_new (description);
  GtkWidget *header;

  header = g_object_new (GTK_TYPE_BOX,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                         "orientation", GTK_ORIENTATION_VERTICAL,
                         "spacing", 6,
                         "width-request", STAGE_COLUMN_WIDTH,
                         NULL);
  gtk_widget_add_css_class (header, "stage-header");

  if (is_hex_color (waymark_stage_get_color (stage)))
    {
      GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (bar, "stage-color-bar");
      add_color_class (self, bar, waymark_stage_get_color (stage));
      gtk_box_append (GTK_BOX (header), bar);
    }

  gtk_box_append (GTK_BOX (header),
                  new_label (name[0] ? name : _("Untitled stage"), "stage-name", TRUE));

  for (guint i = 0; kpis != NULL && i < kpis->len; i++)
    {
      g_autofree char *text = dup_kpi_text (g_ptr_array_index (kpis, i));
      GtkWidget *chip = new_label (text, "kpi-chip", TRUE);

      /* Most indicators fit on one line of the column; longer ones wrap,
       * filling the line before breaking rather than balancing lines. */
      gtk_label_set_max_width_chars (GTK_LABEL (chip), 28);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (chip), GTK_NATURAL_WRAP_NONE);
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), chip);
      if (accessible_description->len > 0)
        g_string_append (accessible_description, "; ");
      g_string_append (accessible_description, text);
    }

  if (description[0] != '\0')
    gtk_widget_set_tooltip_text (header, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name[0] ? name : _("Untitled stage"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  accessible_description->str,
                                  -1);
  return header;
}

static GtkWidget *
create_lane_header (WaymarkLane *lane)
{
  WaymarkLaneKind kind = waymark_lane_get_kind_enum (lane);
  const char *name = waymark_lane_get_name (lane);
  const char *description = waymark_lane_get_description (lane);
  g_autofree char *kind_text = g_utf8_strdown (waymark_lane_kind_get_label (kind), -1);
  g_autofree char *name_folded = g_utf8_strdown (name, -1);
  g_autofree char *accessible_description = NULL;
  GtkWidget *header;

  header = g_object_new (GTK_TYPE_BOX,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_ROW_HEADER,
                         "orientation", GTK_ORIENTATION_VERTICAL,
                         "spacing", 2,
                         "width-request", LANE_HEADER_WIDTH,
                         "valign", GTK_ALIGN_START,
                         NULL);
  gtk_widget_add_css_class (header, "lane-header");
  gtk_box_append (GTK_BOX (header),
                  new_label (name[0] ? name : _("Untitled lane"), "lane-name", TRUE));
  /* The kind, unless the name already says it ("Touchpoints" lanes of
   * kind touchpoints); the coloured strip shows it too. */
  if (g_utf8_collate (kind_text, name_folded) != 0)
    gtk_box_append (GTK_BOX (header), new_label (kind_text, "lane-kind", TRUE));

  if (description[0] != '\0')
    {
      gtk_widget_set_tooltip_text (header, description);
      /* Translators: a lane's kind, then its description. */
      accessible_description = g_strdup_printf (_("%s lane. %s"),
                                                waymark_lane_kind_get_label (kind),
                                                description);
    }
  else
    {
      /* Translators: a lane's kind, e.g. "Pain points lane". */
      accessible_description = g_strdup_printf (_("%s lane"), waymark_lane_kind_get_label (kind));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name[0] ? name : _("Untitled lane"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  accessible_description,
                                  -1);
  return header;
}

static GtkWidget *
create_card (WaymarkMapView  *self,
             WaymarkCard     *card,
             WaymarkLaneKind  kind)
{
  const char *title = waymark_card_get_title (card);
  const char *channel = waymark_card_get_channel (card);
  const char *priority = waymark_card_get_priority (card);
  const char *status = waymark_card_get_status (card);
  const char *owner = waymark_card_get_owner (card);
  const char * const *persona_ids = waymark_card_get_personas (card);
  g_autoptr(GPtrArray) meta = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *meta_text = NULL;
  GtkWidget *box;
  GtkWidget *bar;
  GtkWidget *content;
  GtkWidget *top_row;
  GtkWidget *title_label;
  GtkWidget *markers;

  box = g_object_new (GTK_TYPE_BOX,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                      "orientation", GTK_ORIENTATION_HORIZONTAL,
                      "spacing", 10,
                      /* Focusable so keyboard and screen reader users can
                       * walk through the cards; the viewport follows. */
                      "focusable", TRUE,
                      NULL);
  gtk_widget_add_css_class (box, "map-card");

  bar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (bar, "card-bar");
  if (!add_color_class (self, bar, waymark_card_get_color (card)))
    {
      g_autofree char *kind_class =
        g_strconcat ("kind-", waymark_lane_kind_to_string (kind), NULL);

      gtk_widget_add_css_class (bar, kind_class);
    }
  gtk_box_append (GTK_BOX (box), bar);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_hexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);

  top_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (content), top_row);

  title_label = new_label (title[0] ? title : _("Untitled card"), "card-title", TRUE);
  gtk_widget_set_hexpand (title_label, TRUE);
  if (title[0] == '\0')
    gtk_widget_add_css_class (title_label, "untitled");
  gtk_box_append (GTK_BOX (top_row), title_label);

  markers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_set_valign (markers, GTK_ALIGN_START);
  gtk_widget_add_css_class (markers, "card-markers");
  gtk_box_append (GTK_BOX (top_row), markers);

  if (waymark_card_get_moment_of_truth (card))
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_add_css_class (star, "moment-of-truth");
      gtk_widget_set_tooltip_text (star, _("Moment of truth"));
      gtk_box_append (GTK_BOX (markers), star);
      g_string_append (description, _("Moment of truth."));
    }

  if (persona_ids != NULL && persona_ids[0] != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; persona_ids[i] != NULL; i++)
        {
          WaymarkPersona *persona = waymark_document_lookup_persona (self->document, persona_ids[i]);

          if (persona == NULL)
            continue;
          gtk_box_append (GTK_BOX (markers), create_persona_dot (self, persona));
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, waymark_persona_get_name (persona));
        }
      if (names->len > 0)
        {
          if (description->len > 0)
            g_string_append_c (description, ' ');
          /* Translators: the personas a card applies to. */
          g_string_append_printf (description, _("For %s."), names->str);
        }
    }

  if (channel[0] != '\0')
    g_ptr_array_add (meta, g_strdup (channel_label (channel)));
  if (priority[0] != '\0')
    g_ptr_array_add (meta, dup_priority_label (priority));
  if (status[0] != '\0')
    g_ptr_array_add (meta, g_strdup (status_label (status)));
  if (owner[0] != '\0')
    g_ptr_array_add (meta, g_strdup (owner));
  g_ptr_array_add (meta, NULL);
  meta_text = g_strjoinv (" · ", (char **) meta->pdata);

  if (meta_text[0] != '\0' || waymark_card_get_has_emotion (card))
    {
      GtkWidget *meta_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_box_append (GTK_BOX (content), meta_row);

      if (waymark_card_get_has_emotion (card))
        {
          int emotion = waymark_card_get_emotion (card);
          g_autofree char *number = dup_emotion_number (emotion);
          GtkWidget *emotion_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
          GtkWidget *face = gtk_image_new_from_icon_name (emotion_icon_name (emotion));

          gtk_widget_add_css_class (emotion_box, "card-emotion");
          if (emotion < 0)
            gtk_widget_add_css_class (emotion_box, "negative");
          else if (emotion > 0)
            gtk_widget_add_css_class (emotion_box, "positive");
          gtk_box_append (GTK_BOX (emotion_box), face);
          gtk_box_append (GTK_BOX (emotion_box), new_label (number, NULL, FALSE));
          gtk_box_append (GTK_BOX (meta_row), emotion_box);

          if (description->len > 0)
            g_string_append_c (description, ' ');
          /* Translators: a card's emotion, e.g. "Feeling: positive (+1)." */
          g_string_append_printf (description, _("Feeling: %s (%s)."),
                                  emotion_words (emotion), number);
        }

      if (meta_text[0] != '\0')
        {
          GtkWidget *meta_label = new_label (meta_text, "card-meta", TRUE);

          gtk_widget_set_hexpand (meta_label, TRUE);
          gtk_box_append (GTK_BOX (meta_row), meta_label);
          if (description->len > 0)
            g_string_append_c (description, ' ');
          g_string_append (description, meta_text);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title[0] ? title : _("Untitled card"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str,
                                  -1);
  return box;
}

static GtkWidget *
create_cell (WaymarkMapView  *self,
             Cell            *cell,
             WaymarkStage    *stage,
             WaymarkLane     *lane)
{
  WaymarkLaneKind kind = waymark_lane_get_kind_enum (lane);
  g_autofree char *label = NULL;
  GtkWidget *box;

  box = g_object_new (GTK_TYPE_BOX,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                      "orientation", GTK_ORIENTATION_VERTICAL,
                      "spacing", 8,
                      "valign", GTK_ALIGN_START,
                      NULL);
  gtk_widget_add_css_class (box, "map-cell");

  for (guint i = 0; i < cell->shown->len; i++)
    gtk_box_append (GTK_BOX (box), create_card (self, g_ptr_array_index (cell->shown, i), kind));
  self->n_cards_shown += cell->shown->len;

  if (cell->n_cards > cell->shown->len)
    {
      guint rest = cell->n_cards - cell->shown->len;
      g_autofree char *text =
        g_strdup_printf (ngettext ("+%u more card", "+%u more cards", rest), rest);

      gtk_box_append (GTK_BOX (box), new_label (text, "more-cards", FALSE));
    }

  /* Translators: the cards where a stage and a lane cross, e.g.
   * "Decision, Pain points: 3 cards". */
  label = g_strdup_printf (ngettext ("%s, %s: %u card", "%s, %s: %u cards", cell->n_cards),
                           waymark_stage_get_name (stage), waymark_lane_get_name (lane),
                           cell->n_cards);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return box;
}

static GtkWidget *
create_lane_band (WaymarkLane *lane)
{
  g_autofree char *kind_class =
    g_strconcat ("kind-", waymark_lane_kind_to_string (waymark_lane_get_kind_enum (lane)), NULL);
  GtkWidget *band = g_object_new (GTK_TYPE_BOX,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "can-target", FALSE,
                                  NULL);

  gtk_widget_add_css_class (band, "lane-band");
  gtk_widget_add_css_class (band, kind_class);
  return band;
}

/* ---- Rebuilding ---- */

static void
build_grid (WaymarkMapView *self)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  GListModel *lanes = waymark_document_get_lanes (self->document);
  GListModel *cards = waymark_document_get_cards (self->document);
  guint n_stages = g_list_model_get_n_items (stages);
  guint n_lanes = g_list_model_get_n_items (lanes);
  guint n_cards = g_list_model_get_n_items (cards);
  g_autoptr(GHashTable) stage_columns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lane_rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stage_objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lane_objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Cell *cells = NULL;
  guint n_filled = 0;
  guint per_cell;
  GtkGrid *grid = GTK_GRID (self->grid);

  /* One pass over the cards with the cells indexed by id, rather than
   * asking the document cell by cell: that is linear in the cards for
   * every cell, too slow for 200 stages × 100 lanes of a big map. */
  for (guint i = 0; i < n_stages; i++)
    {
      WaymarkStage *stage = g_list_model_get_item (stages, i);

      g_ptr_array_add (stage_objects, stage);
      g_hash_table_insert (stage_columns, (gpointer) waymark_stage_get_id (stage), GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_lanes; i++)
    {
      WaymarkLane *lane = g_list_model_get_item (lanes, i);

      g_ptr_array_add (lane_objects, lane);
      g_hash_table_insert (lane_rows, (gpointer) waymark_lane_get_id (lane), GUINT_TO_POINTER (i + 1));
    }

  cells = g_new0 (Cell, (gsize) n_stages * n_lanes + 1);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (stage_columns, waymark_card_get_stage (card)));
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (lane_rows, waymark_card_get_lane (card)));

      /* The reader repairs such cards; never crash on one anyway. */
      if (column == 0 || row == 0)
        continue;
      if (cells[(gsize) (row - 1) * n_stages + (column - 1)].n_cards++ == 0)
        n_filled++;
    }

  /* Share the card budget between the cells that have cards. */
  per_cell = CLAMP (WAYMARK_MAP_VIEW_CARD_BUDGET / MAX (n_filled, 1), 1,
                    WAYMARK_MAP_VIEW_MAX_CARDS_PER_CELL);
  for (guint i = 0; i < n_cards; i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (stage_columns, waymark_card_get_stage (card)));
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (lane_rows, waymark_card_get_lane (card)));
      Cell *cell;

      if (column == 0 || row == 0)
        continue;
      cell = &cells[(gsize) (row - 1) * n_stages + (column - 1)];
      if (cell->shown == NULL)
        cell->shown = g_ptr_array_new_full (MIN (cell->n_cards, per_cell), g_object_unref);
      if (cell->shown->len < per_cell)
        g_ptr_array_add (cell->shown, g_object_ref (card));
    }

  for (guint i = 0; i < n_stages; i++)
    gtk_grid_attach (grid, create_stage_header (self, g_ptr_array_index (stage_objects, i)),
                     i + 1, 0, 1, 1);
  {
    GtkWidget *add_stage = new_add_button (_("Add _Stage"), "win.add-stage");

    gtk_widget_set_valign (add_stage, GTK_ALIGN_CENTER);
    gtk_grid_attach (grid, add_stage, n_stages + 1, 0, 1, 1);
  }

  for (guint j = 0; j < n_lanes; j++)
    {
      WaymarkLane *lane = g_ptr_array_index (lane_objects, j);

      /* The band first: later children are drawn on top of it. */
      gtk_grid_attach (grid, create_lane_band (lane), 0, j + 1, n_stages + 1, 1);
      gtk_grid_attach (grid, create_lane_header (lane), 0, j + 1, 1, 1);

      for (guint i = 0; i < n_stages; i++)
        {
          Cell *cell = &cells[(gsize) j * n_stages + i];

          if (cell->shown == NULL)
            continue;
          gtk_grid_attach (grid,
                           create_cell (self, cell, g_ptr_array_index (stage_objects, i), lane),
                           i + 1, j + 1, 1, 1);
          g_clear_pointer (&cell->shown, g_ptr_array_unref);
        }
    }

  {
    GtkWidget *add_lane = new_add_button (_("Add _Lane"), "win.add-lane");

    gtk_widget_set_halign (add_lane, GTK_ALIGN_START);
    gtk_grid_attach (grid, add_lane, 0, n_lanes + 1, 1, 1);
  }
}

static void
rebuild (WaymarkMapView *self)
{
  const char *title;
  const char *description;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  remove_all_children (self->grid);
  self->n_cards_shown = 0;
  g_hash_table_remove_all (self->colors);

  if (self->document == NULL
      || (g_list_model_get_n_items (waymark_document_get_stages (self->document)) == 0
          && g_list_model_get_n_items (waymark_document_get_lanes (self->document)) == 0))
    {
      if (self->document != NULL)
        build_legend (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      update_color_css (self);
      return;
    }

  title = waymark_document_get_title (self->document);
  description = waymark_document_get_description (self->document);
  gtk_label_set_text (GTK_LABEL (self->title_label), title[0] ? title : _("Untitled Map"));
  if (title[0] == '\0')
    gtk_widget_add_css_class (self->title_label, "untitled");
  else
    gtk_widget_remove_css_class (self->title_label, "untitled");
  gtk_label_set_text (GTK_LABEL (self->description_label), description);
  gtk_widget_set_visible (self->description_label, description[0] != '\0');

  build_legend (self);
  build_grid (self);
  update_color_css (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "map");
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  WaymarkMapView *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (WaymarkMapView *self)
{
  /* Before the next frame is laid out, once for any number of changes. */
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, rebuild_idle_cb, self, NULL);
}

static void
document_changed_cb (WaymarkMapView *self)
{
  queue_rebuild (self);
}

static void
items_changed_cb (WaymarkMapView *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  queue_rebuild (self);
}

static void
disconnect_document (WaymarkMapView *self)
{
  if (self->document == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (waymark_document_get_stages (self->document), self);
  g_signal_handlers_disconnect_by_data (waymark_document_get_lanes (self->document), self);
  g_signal_handlers_disconnect_by_data (waymark_document_get_cards (self->document), self);
  g_signal_handlers_disconnect_by_data (waymark_document_get_personas (self->document), self);
}

/* ---- Public API ---- */

GtkWidget *
waymark_map_view_new (void)
{
  return g_object_new (WAYMARK_TYPE_MAP_VIEW, NULL);
}

WaymarkDocument *
waymark_map_view_get_document (WaymarkMapView *self)
{
  g_return_val_if_fail (WAYMARK_IS_MAP_VIEW (self), NULL);

  return self->document;
}

void
waymark_map_view_set_document (WaymarkMapView  *self,
                               WaymarkDocument *document)
{
  g_return_if_fail (WAYMARK_IS_MAP_VIEW (self));
  g_return_if_fail (!document || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  disconnect_document (self);
  g_set_object (&self->document, document);

  if (document != NULL)
    {
      GListModel *lists[] = {
        waymark_document_get_stages (document),
        waymark_document_get_lanes (document),
        waymark_document_get_cards (document),
        waymark_document_get_personas (document),
      };

      g_signal_connect_object (document, "changed",
                               G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        g_signal_connect_object (lists[i], "items-changed",
                                 G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* A new map shows at once, without waiting for an idle. */
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

guint
waymark_map_view_get_n_cards_shown (WaymarkMapView *self)
{
  g_return_val_if_fail (WAYMARK_IS_MAP_VIEW (self), 0);

  return self->n_cards_shown;
}

void
waymark_map_view_flush (WaymarkMapView *self)
{
  g_return_if_fail (WAYMARK_IS_MAP_VIEW (self));

  if (self->rebuild_source != 0)
    rebuild (self);
}

/* ---- GObject ---- */

static GtkWidget *
create_empty_page (void)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *add_stage = gtk_button_new_with_mnemonic (_("Add _Stage"));
  GtkWidget *add_lane = gtk_button_new_with_mnemonic (_("Add _Lane"));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "view-grid-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("This map is empty"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Add a stage for each step of the journey, "
                                     "and a lane for each thing to note along it: "
                                     "actions, touchpoints, thoughts, pain points."));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_stage), "win.add-stage");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_lane), "win.add-lane");
  gtk_widget_add_css_class (add_stage, "pill");
  gtk_widget_add_css_class (add_stage, "suggested-action");
  gtk_widget_add_css_class (add_lane, "pill");
  gtk_box_append (GTK_BOX (buttons), add_stage);
  gtk_box_append (GTK_BOX (buttons), add_lane);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), buttons);
  return page;
}

static void
waymark_map_view_dispose (GObject *object)
{
  WaymarkMapView *self = (WaymarkMapView *) object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  disconnect_document (self);
  g_clear_object (&self->document);

  if (self->color_provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->color_provider));
      g_clear_object (&self->color_provider);
    }

  g_clear_pointer (&self->stack, gtk_widget_unparent);

  G_OBJECT_CLASS (waymark_map_view_parent_class)->dispose (object);
}

static void
waymark_map_view_finalize (GObject *object)
{
  WaymarkMapView *self = (WaymarkMapView *) object;

  g_clear_pointer (&self->color_css, g_free);
  g_clear_pointer (&self->colors, g_hash_table_unref);

  G_OBJECT_CLASS (waymark_map_view_parent_class)->finalize (object);
}

static void
waymark_map_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WaymarkMapView *self = WAYMARK_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_map_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WaymarkMapView *self = WAYMARK_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_map_view_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_map_view_class_init (WaymarkMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_map_view_dispose;
  object_class->finalize = waymark_map_view_finalize;
  object_class->get_property = waymark_map_view_get_property;
  object_class->set_property = waymark_map_view_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "waymark-map-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
waymark_map_view_init (WaymarkMapView *self)
{
  GtkWidget *scrolled;
  GtkWidget *viewport;
  GtkWidget *sheet;
  GtkWidget *heading;
  GtkWidget *titles;

  self->colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->color_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->color_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey map"),
                                  -1);

  self->stack = gtk_stack_new ();
  gtk_stack_set_transition_type (GTK_STACK (self->stack), GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));

  gtk_stack_add_named (GTK_STACK (self->stack), create_empty_page (), "empty");

  sheet = gtk_box_new (GTK_ORIENTATION_VERTICAL, 20);
  gtk_widget_add_css_class (sheet, "map-sheet");
  gtk_widget_set_halign (sheet, GTK_ALIGN_START);

  /* Title, description and personas on the left, where they stay in
   * view however wide the map is. */
  heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (heading, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (sheet), heading);

  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_box_append (GTK_BOX (heading), titles);

  self->title_label = new_label (NULL, "map-title", TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), 60);
  gtk_box_append (GTK_BOX (titles), self->title_label);

  self->description_label = new_label (NULL, "map-description", TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->description_label), 100);
  gtk_box_append (GTK_BOX (titles), self->description_label);

  self->legend_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_halign (self->legend_box, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Personas"),
                                  -1);
  gtk_box_append (GTK_BOX (heading), self->legend_box);

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 12);
  gtk_widget_add_css_class (self->grid, "map-grid");
  gtk_box_append (GTK_BOX (sheet), self->grid);

  viewport = gtk_viewport_new (NULL, NULL);
  /* Tabbing to a card off screen scrolls it into view. */
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), sheet);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), viewport);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "map");
}
