/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Pain Points sidebar page. The list is rebuilt from the document at
 * most once per main-loop idle after it changes: a map has tens, not
 * thousands, of pain points, and a rebuild keeps no pointer to an object
 * the document may drop (rows know their cards by id). Keyboard focus
 * survives a rebuild by a key per focusable control ("card-id/role"). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-layout.h"
#include "waymark-notes-panel.h"
#include "waymark-palette.h"
#include "waymark-resources.h"

#define CARD_ID_KEY "waymark-card-id"
#define GROUP_KEY "waymark-notes-group"
#define FOCUS_KEY "waymark-notes-focus"
#define CSS_KEY "waymark-notes-panel-css"

struct _WaymarkNotesPanel
{
  GtkWidget        parent_instance;

  WaymarkDocument *document;
  WaymarkCanvas   *canvas;
  gulong           changed_id;
  gulong           selection_id;
  gulong           canvas_document_id;

  char            *status_filter;
  char            *priority_filter;
  char            *persona_filter;
  char            *search_text;
  guint            n_open_high;

  guint            rebuild_id;
  gboolean         stale;          /* hidden: the list waits for map */
  GPtrArray       *shown;          /* ids of the pain points listed */
  /* What the list shows: its stages and rows in order, and each row's
   * content, so that a change elsewhere in the map rebuilds nothing and
   * a changed pain point replaces only its row. */
  char            *layout_signature;
  GHashTable      *row_signatures; /* pain point id → what its row shows */
  GHashTable      *rows;           /* pain point id → its GtkListBoxRow */
  GPtrArray       *card_widgets;   /* rows and solution rows, for selection */
  GHashTable      *focus_widgets;  /* focus key → widget */
  char            *pending_focus;  /* focus key to take after the next rebuild */
  GMenu           *persona_menu;
  char            *persona_signature;

  GMenuModel      *priority_menu;
  GMenuModel      *status_menu;

  /* Template children. */
  GtkWidget       *main_box;
  GtkLabel        *count_label;
  GtkSearchEntry  *search_entry;
  GtkWidget       *filter_box;
  GtkMenuButton   *status_button;
  GtkMenuButton   *priority_button;
  GtkMenuButton   *persona_button;
  GtkLabel        *status_button_label;
  GtkLabel        *priority_button_label;
  GtkLabel        *persona_button_label;
  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkWidget       *list_box;
  AdwStatusPage   *empty_page;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_CANVAS,
  PROP_STATUS_FILTER,
  PROP_PRIORITY_FILTER,
  PROP_PERSONA_FILTER,
  PROP_SEARCH_TEXT,
  PROP_N_OPEN_HIGH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkNotesPanel, waymark_notes_panel, GTK_TYPE_WIDGET)

static void queue_rebuild (WaymarkNotesPanel *self);
static void rebuild (WaymarkNotesPanel *self);
static gboolean set_filter (WaymarkNotesPanel *self,
                            char             **field,
                            const char        *value,
                            int                prop);

/* ---- Labels ---- */

static const struct
{
  const char *value;
  const char *label;
} priority_labels[] = {
  { "high", NC_("priority", "High") },
  { "medium", NC_("priority", "Medium") },
  { "low", NC_("priority", "Low") },
}, status_labels[] = {
  { "open", NC_("status", "Open") },
  { "planned", NC_("status", "Planned") },
  { "in-progress", NC_("status", "In Progress") },
  { "done", NC_("status", "Done") },
};

/* "High", "In Progress"; a value the format does not know as it is. */
static const char *
value_label (const char *context,
             const char *value)
{
  gboolean priority = g_str_equal (context, "priority");
  guint n = priority ? G_N_ELEMENTS (priority_labels) : G_N_ELEMENTS (status_labels);

  if (value == NULL || value[0] == '\0' || g_str_equal (value, WAYMARK_NOTES_FILTER_NOT_SET))
    return priority ? _("No Priority") : _("No Status");
  for (guint i = 0; i < n; i++)
    {
      const char *v = priority ? priority_labels[i].value : status_labels[i].value;
      const char *l = priority ? priority_labels[i].label : status_labels[i].label;

      if (g_str_equal (value, v))
        return g_dpgettext2 (GETTEXT_PACKAGE, context, l);
    }
  return value;
}

static char *
card_title (WaymarkCard *card)
{
  char *title = waymark_dup_one_line (waymark_card_get_title (card));

  if (title[0] == '\0')
    {
      g_free (title);
      return g_strdup (_("Untitled"));
    }
  return title;
}

/* ---- Colours ---- */

/* The pills take the palette's priority and status colours, so that the
 * panel, the canvas and the exports agree; the rules are made from the
 * palette once per display. The shapes are in style.css. */
static void
append_color_rules (GString     *css,
                    const char  *kind,
                    const char  *value,
                    WaymarkColor *color)
{
  g_autofree char *hex = waymark_color_to_hex (color);

  g_string_append_printf (css,
                          "menubutton.notes-%s-%s > button { background-color: alpha(%s, 0.16); }\n"
                          "menubutton.notes-%s-%s > button:hover { background-color: alpha(%s, 0.24); }\n"
                          "menubutton.notes-%s-%s > button:active,"
                          " menubutton.notes-%s-%s > button:checked { background-color: alpha(%s, 0.32); }\n"
                          "menubutton.notes-%s-%s .notes-dot { background-color: %s; }\n",
                          kind, value, hex, kind, value, hex,
                          kind, value, kind, value, hex, kind, value, hex);
}

static void
ensure_colors (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  WaymarkColor color;

  if (g_object_get_data (G_OBJECT (display), CSS_KEY) != NULL)
    return;

  css = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (priority_labels); i++)
    if (waymark_priority_get_color (priority_labels[i].value, &color))
      append_color_rules (css, "priority", priority_labels[i].value, &color);
  for (guint i = 0; i < G_N_ELEMENTS (status_labels); i++)
    if (waymark_status_get_color (status_labels[i].value, &color))
      append_color_rules (css, "status", status_labels[i].value, &color);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), CSS_KEY, g_steal_pointer (&provider), g_object_unref);
}

/* ---- The map, indexed for one rebuild ---- */

typedef struct
{
  WaymarkCard     *card;
  guint            stage;
  guint            lane;
  guint            index;
  WaymarkLaneKind  kind;
} Item;

typedef struct
{
  guint       n_items;
  Item       *items;
  GHashTable *by_id;        /* card id → Item */
  GHashTable *linked_from;  /* card id → GPtrArray of the Items linking to it */
  GPtrArray  *pain_points;  /* Items, in map order */
} Index;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(const Item * const *) a;
  const Item *y = *(const Item * const *) b;

  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Position + 1 of each stage and lane, by id (0: none). */
static GHashTable *
index_positions (WaymarkDocument *document,
                 gboolean         lanes)
{
  GHashTable *positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *list = lanes ? waymark_document_get_lanes (document) : waymark_document_get_stages (document);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      const char *id = lanes ? waymark_lane_get_id (WAYMARK_LANE (object))
                             : waymark_stage_get_id (WAYMARK_STAGE (object));

      g_hash_table_insert (positions, g_strdup (id), GUINT_TO_POINTER (i + 1));
    }
  return positions;
}

static void
index_init (Index           *index,
            WaymarkDocument *document)
{
  GListModel *cards = waymark_document_get_cards (document);
  GListModel *lanes = waymark_document_get_lanes (document);
  g_autoptr(GHashTable) stage_pos = index_positions (document, FALSE);
  g_autoptr(GHashTable) lane_pos = index_positions (document, TRUE);

  index->n_items = g_list_model_get_n_items (cards);
  index->items = g_new0 (Item, index->n_items);
  index->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->linked_from = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
  index->pain_points = g_ptr_array_new ();

  for (guint i = 0; i < index->n_items; i++)
    {
      Item *item = &index->items[i];
      g_autoptr(WaymarkLane) lane = NULL;

      item->card = g_list_model_get_item (cards, i);
      item->index = i;
      item->stage = GPOINTER_TO_UINT (g_hash_table_lookup (stage_pos, waymark_card_get_stage (item->card)));
      item->lane = GPOINTER_TO_UINT (g_hash_table_lookup (lane_pos, waymark_card_get_lane (item->card)));
      lane = item->lane > 0 ? g_list_model_get_item (lanes, item->lane - 1) : NULL;
      item->kind = lane != NULL ? waymark_lane_get_kind_enum (lane) : WAYMARK_LANE_KIND_TEXT;
      g_hash_table_insert (index->by_id, (gpointer) waymark_card_get_id (item->card), item);
      if (item->kind == WAYMARK_LANE_KIND_PAIN_POINTS && item->stage > 0)
        g_ptr_array_add (index->pain_points, item);
    }

  for (guint i = 0; i < index->n_items; i++)
    {
      Item *item = &index->items[i];
      const char * const *links = waymark_card_get_links (item->card);

      for (guint l = 0; links[l] != NULL; l++)
        {
          GPtrArray *sources = g_hash_table_lookup (index->linked_from, links[l]);

          if (sources == NULL)
            {
              sources = g_ptr_array_new ();
              g_hash_table_insert (index->linked_from, (gpointer) links[l], sources);
            }
          g_ptr_array_add (sources, item);
        }
    }

  g_ptr_array_sort (index->pain_points, compare_items);
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->pain_points, g_ptr_array_unref);
  g_clear_pointer (&index->linked_from, g_hash_table_unref);
  g_clear_pointer (&index->by_id, g_hash_table_unref);
  for (guint i = 0; i < index->n_items; i++)
    g_clear_object (&index->items[i].card);
  g_clear_pointer (&index->items, g_free);
  index->n_items = 0;
}

static void
add_unique (GPtrArray *array,
            Item      *item)
{
  if (!g_ptr_array_find (array, item, NULL))
    g_ptr_array_add (array, item);
}

/* The cards of the kinds given that a pain point is linked with, in
 * either direction: the format has solutions link the pain points they
 * address and pain points link where they happen, but a link drawn the
 * other way round means the same to the person reading the map. */
static GPtrArray *
index_related (Index           *index,
               Item            *pain_point,
               WaymarkLaneKind  kind,
               WaymarkLaneKind  other_kind)
{
  GPtrArray *related = g_ptr_array_new ();
  const char * const *links = waymark_card_get_links (pain_point->card);
  GPtrArray *sources = g_hash_table_lookup (index->linked_from, waymark_card_get_id (pain_point->card));

  for (guint l = 0; links[l] != NULL; l++)
    {
      Item *item = g_hash_table_lookup (index->by_id, links[l]);

      if (item != NULL && item->stage > 0 && (item->kind == kind || item->kind == other_kind))
        add_unique (related, item);
    }
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      Item *item = sources->pdata[i];

      if (item->stage > 0 && (item->kind == kind || item->kind == other_kind))
        add_unique (related, item);
    }
  g_ptr_array_sort (related, compare_items);
  return related;
}

/* ---- Filters ---- */

static gboolean
value_matches (const char *filter,
               const char *value)
{
  if (filter[0] == '\0')
    return TRUE;
  if (g_str_equal (filter, WAYMARK_NOTES_FILTER_NOT_SET))
    return value[0] == '\0';
  return g_str_equal (filter, value);
}

/* Every word of the search is somewhere in the pain point's title,
 * notes, evidence or owner, or in the title of a solution to it. */
static gboolean
text_matches (char      **words,
              Item       *pain_point,
              GPtrArray  *solutions)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *folded = NULL;
  WaymarkCard *card = pain_point->card;

  if (words == NULL || words[0] == NULL)
    return TRUE;

  text = g_string_new (waymark_card_get_title (card));
  g_string_append_printf (text, "\n%s\n%s\n%s", waymark_card_get_notes (card),
                          waymark_card_get_evidence (card), waymark_card_get_owner (card));
  for (guint i = 0; i < solutions->len; i++)
    g_string_append_printf (text, "\n%s", waymark_card_get_title (((Item *) solutions->pdata[i])->card));
  folded = waymark_text_fold (text->str);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static char **
search_words (const char *search)
{
  g_autofree char *folded = waymark_text_fold (search);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

static gboolean
is_open_high (WaymarkCard *card)
{
  return g_str_equal (waymark_card_get_status (card), "open") &&
         g_str_equal (waymark_card_get_priority (card), "high");
}

/* ---- Looking things up by id ---- */

static WaymarkCard *
lookup_card (WaymarkNotesPanel *self,
             const char        *id)
{
  if (self->document == NULL || id == NULL)
    return NULL;
  return waymark_document_lookup_card (self->document, id);
}

static WaymarkCard *
widget_card (WaymarkNotesPanel *self,
             GtkWidget         *widget)
{
  return lookup_card (self, g_object_get_data (G_OBJECT (widget), CARD_ID_KEY));
}

static void
set_card_id (GtkWidget   *widget,
             WaymarkCard *card)
{
  g_object_set_data_full (G_OBJECT (widget), CARD_ID_KEY,
                          g_strdup (waymark_card_get_id (card)), g_free);
}

static void
set_focus_key (WaymarkNotesPanel *self,
               GtkWidget         *widget,
               const char        *pain_point_id,
               const char        *role,
               const char        *other_id)
{
  char *key = g_strconcat (pain_point_id, "/", role, other_id != NULL ? "/" : NULL, other_id, NULL);

  g_object_set_data_full (G_OBJECT (widget), FOCUS_KEY, key, g_free);
  g_hash_table_replace (self->focus_widgets, key, widget);
}

static gboolean
canvas_shows_document (WaymarkNotesPanel *self)
{
  return self->canvas != NULL && self->document != NULL &&
         waymark_canvas_get_document (self->canvas) == self->document;
}

static void
reveal_card (WaymarkNotesPanel *self,
             WaymarkCard       *card)
{
  if (card != NULL && canvas_shows_document (self))
    waymark_canvas_reveal_card (self->canvas, card, FALSE);
}

/* ---- Rows ---- */

static void
card_change_state_cb (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       user_data)
{
  WaymarkNotesPanel *self = user_data;
  WaymarkCard *card = lookup_card (self, g_object_get_data (G_OBJECT (action), CARD_ID_KEY));

  if (card == NULL)
    return;
  /* Each choice from a menu is a step of its own, even of one field. */
  waymark_document_set_string_step (self->document, card, g_action_get_name (G_ACTION (action)),
                                    g_variant_get_string (value, NULL));
  g_simple_action_set_state (action, value);
}

/* The "card" action group of a row: "priority" and "status" of the card,
 * for the menus of its pills. */
static void
insert_card_actions (WaymarkNotesPanel *self,
                     GtkWidget         *widget,
                     WaymarkCard       *card,
                     gboolean           with_priority)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  const char *names[] = { "status", "priority" };

  for (guint i = 0; i < (with_priority ? 2u : 1u); i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(GSimpleAction) action = NULL;

      g_object_get (card, names[i], &value, NULL);
      action = g_simple_action_new_stateful (names[i], G_VARIANT_TYPE_STRING,
                                             g_variant_new_string (value));
      g_object_set_data_full (G_OBJECT (action), CARD_ID_KEY,
                              g_strdup (waymark_card_get_id (card)), g_free);
      g_signal_connect (action, "change-state", G_CALLBACK (card_change_state_cb), self);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (widget, "card", G_ACTION_GROUP (group));
}

static void
pill_create_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  /* Popovers made on demand: a row costs no menus until used. */
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

/* A pill showing a priority or status in its colour; a menu changes it.
 * kind is "priority" or "status". */
static GtkWidget *
new_pill (WaymarkNotesPanel *self,
          const char        *kind,
          const char        *value,
          GMenuModel        *menu)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *text = value_label (kind, value);
  gboolean known;
  g_autofree char *a11y = NULL;
  WaymarkColor color;

  gtk_widget_add_css_class (dot, "notes-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), pill_create_popup_cb,
                                         g_object_ref (menu), g_object_unref);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "notes-pill");

  known = g_str_equal (kind, "priority") ? waymark_priority_get_color (value, &color)
                                         : waymark_status_get_color (value, &color);
  if (known)
    {
      g_autofree char *css_class = g_strdup_printf ("notes-%s-%s", kind, value);

      gtk_widget_add_css_class (button, css_class);
    }
  else
    gtk_widget_add_css_class (button, value[0] == '\0' ? "notes-pill-unset" : "notes-pill-other");

  if (g_str_equal (kind, "priority"))
    {
      gtk_widget_set_tooltip_text (button, _("Change priority"));
      /* Translators: a button's accessible name; %s is "High", "Low", … */
      a11y = g_strdup_printf (_("Priority: %s"), text);
    }
  else
    {
      gtk_widget_set_tooltip_text (button, _("Change status"));
      /* Translators: a button's accessible name; %s is "Open", "Done", … */
      a11y = g_strdup_printf (_("Status: %s"), text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  /* GtkMenuButton 4.8 focuses an inner button that a screen reader
   * names from its own content; name it too. */
  if (gtk_widget_get_first_child (button) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (button)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return button;
}

/* A small button for a touchpoint or an action where the pain point
 * happens: its channel icon and title; it shows the card on the map. */
static GtkWidget *
new_place_chip (WaymarkNotesPanel *self,
                Item              *pain_point,
                Item              *place)
{
  WaymarkCard *card = place->card;
  const char *channel = waymark_card_get_channel (card);
  const char *icon = waymark_channel_get_icon_name (channel);
  const char *channel_label = waymark_channel_get_label (channel);
  g_autofree char *title = card_title (card);
  g_autofree char *a11y = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  if (icon == NULL)
    icon = waymark_lane_kind_get_icon_name (place->kind);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "notes-chip");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "notes.reveal-card");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", waymark_card_get_id (card));
  set_card_id (button, card);

  if (place->kind == WAYMARK_LANE_KIND_TOUCHPOINTS)
    {
      if (channel_label != NULL)
        /* Translators: accessible name of a chip: a touchpoint's title
         * and its channel, e.g. "website". */
        a11y = g_strdup_printf (_("Touchpoint: %s, %s"), title, channel_label);
      else
        a11y = g_strdup_printf (_("Touchpoint: %s"), title);
    }
  else
    a11y = g_strdup_printf (_("Customer action: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_tooltip_text (button, _("Show on the map"));
  set_focus_key (self, button, waymark_card_get_id (pain_point->card), "place", waymark_card_get_id (card));
  return button;
}

static GtkWidget *
new_solution_row (WaymarkNotesPanel *self,
                  Item              *pain_point,
                  Item              *solution)
{
  WaymarkCard *card = solution->card;
  const char *pain_point_id = waymark_card_get_id (pain_point->card);
  const char *owner = waymark_card_get_owner (card);
  const char *status = waymark_card_get_status (card);
  g_autofree char *title = card_title (card);
  g_autofree char *a11y = NULL;
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name (waymark_lane_kind_get_icon_name (WAYMARK_LANE_KIND_SOLUTIONS));
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *pill;

  gtk_widget_add_css_class (row, "notes-solution");
  set_card_id (row, card);
  g_ptr_array_add (self->card_widgets, row);

  gtk_widget_add_css_class (icon, "notes-solution-icon");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (content), icon);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "notes-solution-title");
  gtk_box_append (GTK_BOX (text), label);
  if (owner[0] != '\0')
    {
      GtkWidget *owner_label = gtk_label_new (owner);

      gtk_label_set_xalign (GTK_LABEL (owner_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (owner_label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (owner_label, "caption");
      gtk_widget_add_css_class (owner_label, "dim-label");
      gtk_widget_add_css_class (owner_label, "notes-solution-owner");
      gtk_box_append (GTK_BOX (text), owner_label);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (content), text);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "notes-solution-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "notes.reveal-card");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", waymark_card_get_id (card));
  gtk_widget_set_tooltip_text (button, _("Show on the map"));

  /* Translators: accessible name of a solution's row: its title, then
   * its status (e.g. "Planned") and owner. */
  if (owner[0] != '\0')
    a11y = g_strdup_printf (_("Solution: %s, %s, owner %s"), title, value_label ("status", status), owner);
  else
    a11y = g_strdup_printf (_("Solution: %s, %s"), title, value_label ("status", status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  set_focus_key (self, button, pain_point_id, "solution", waymark_card_get_id (card));
  gtk_box_append (GTK_BOX (row), button);

  pill = new_pill (self, "status", status, self->status_menu);
  set_focus_key (self, pill, pain_point_id, "solution-status", waymark_card_get_id (card));
  gtk_box_append (GTK_BOX (row), pill);

  insert_card_actions (self, row, card, FALSE);
  return row;
}

static GtkWidget *
new_pain_point_row (WaymarkNotesPanel *self,
                    Item              *pain_point,
                    GPtrArray         *places,
                    GPtrArray         *solutions)
{
  WaymarkCard *card = pain_point->card;
  const char *id = waymark_card_get_id (card);
  const char *priority = waymark_card_get_priority (card);
  const char *status = waymark_card_get_status (card);
  g_autofree char *title = card_title (card);
  g_autofree char *a11y = NULL;
  g_autofree char *n_solutions = NULL;
  g_autofree char *add_a11y = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *pill;
  GtkWidget *add;
  GtkWidget *add_box;

  gtk_widget_add_css_class (row, "notes-row");
  set_card_id (row, card);
  g_ptr_array_add (self->card_widgets, row);
  g_hash_table_replace (self->rows, g_strdup (id), row);
  set_focus_key (self, row, id, "row", NULL);

  gtk_widget_add_css_class (box, "notes-row-box");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "notes-title");
  gtk_box_append (GTK_BOX (box), label);

  pill = new_pill (self, "priority", priority, self->priority_menu);
  set_focus_key (self, pill, id, "priority", NULL);
  gtk_box_append (GTK_BOX (meta), pill);
  pill = new_pill (self, "status", status, self->status_menu);
  set_focus_key (self, pill, id, "status", NULL);
  gtk_box_append (GTK_BOX (meta), pill);
  gtk_box_append (GTK_BOX (box), meta);

  if (places->len > 0)
    {
      GtkWidget *chips = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (chips, "notes-places");
      for (guint i = 0; i < places->len; i++)
        gtk_box_append (GTK_BOX (chips), new_place_chip (self, pain_point, places->pdata[i]));
      gtk_box_append (GTK_BOX (box), chips);
    }

  if (solutions->len > 0)
    {
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_add_css_class (list, "notes-solutions");
      for (guint i = 0; i < solutions->len; i++)
        gtk_box_append (GTK_BOX (list), new_solution_row (self, pain_point, solutions->pdata[i]));
      gtk_box_append (GTK_BOX (box), list);
    }

  add = gtk_button_new ();
  add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (add_box), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_box_append (GTK_BOX (add_box), gtk_label_new_with_mnemonic (_("Add Solution")));
  gtk_button_set_child (GTK_BUTTON (add), add_box);
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_add_css_class (add, "notes-add-solution");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "notes.add-solution");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (add), "s", id);
  /* Translators: accessible name of the Add Solution button of a pain
   * point; %s is the pain point's title. */
  add_a11y = g_strdup_printf (_("Add solution to %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_a11y, -1);
  set_focus_key (self, add, id, "add", NULL);
  gtk_box_append (GTK_BOX (box), add);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  insert_card_actions (self, row, card, TRUE);

  n_solutions = g_strdup_printf (ngettext ("%u solution", "%u solutions", solutions->len),
                                 solutions->len);
  /* Translators: accessible name of a pain point's row: its title,
   * priority ("High"), status ("Open") and "2 solutions". */
  a11y = g_strdup_printf (_("Pain point: %s, priority %s, status %s, %s"), title,
                          value_label ("priority", priority), value_label ("status", status),
                          n_solutions);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  return row;
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  WaymarkNotesPanel *self)
{
  reveal_card (self, widget_card (self, GTK_WIDGET (row)));
}

/* ---- Selection, as the canvas has it ---- */

static void
sync_selection (WaymarkNotesPanel *self)
{
  for (guint i = 0; i < self->card_widgets->len; i++)
    {
      GtkWidget *widget = self->card_widgets->pdata[i];
      WaymarkCard *card = widget_card (self, widget);
      gboolean selected = card != NULL && canvas_shows_document (self) &&
                          waymark_canvas_is_selected (self->canvas, card);

      if (selected)
        gtk_widget_add_css_class (widget, "notes-selected");
      else
        gtk_widget_remove_css_class (widget, "notes-selected");
      if (GTK_IS_LIST_BOX_ROW (widget))
        gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
    }
}

static void
selection_changed_cb (WaymarkCanvas     *canvas,
                      WaymarkNotesPanel *self)
{
  sync_selection (self);
}

/* ---- Focus across rebuilds ---- */

typedef struct
{
  char *key;
  int   row;   /* position of the focused pain point among those shown */
} SavedFocus;

static void
save_focus (WaymarkNotesPanel *self,
            SavedFocus        *saved)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  saved->key = NULL;
  saved->row = -1;
  if (focus == NULL || (focus != self->list_box && !gtk_widget_is_ancestor (focus, self->list_box)))
    return;
  for (GtkWidget *w = focus; w != NULL && w != self->list_box; w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), FOCUS_KEY);

      if (key != NULL && saved->key == NULL)
        saved->key = g_strdup (key);
      if (GTK_IS_LIST_BOX_ROW (w))
        {
          const char *id = g_object_get_data (G_OBJECT (w), CARD_ID_KEY);
          guint pos;

          if (id != NULL && g_ptr_array_find_with_equal_func (self->shown, id, g_str_equal, &pos))
            saved->row = (int) pos;
        }
    }
  if (saved->key == NULL)
    saved->row = MAX (saved->row, 0);
}

static void
restore_focus (WaymarkNotesPanel *self,
               SavedFocus        *saved)
{
  GtkWidget *target = NULL;

  if (self->pending_focus != NULL)
    {
      target = g_hash_table_lookup (self->focus_widgets, self->pending_focus);
      g_clear_pointer (&self->pending_focus, g_free);
    }

  if (target == NULL && saved->key == NULL && saved->row < 0)
    return;

  if (target == NULL && saved->key != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (saved->key, "/", 2);

      target = g_hash_table_lookup (self->focus_widgets, saved->key);
      /* The control is gone (a solution unlinked): its pain point's row. */
      if (target == NULL)
        target = g_hash_table_lookup (self->rows, parts[0]);
    }
  /* The pain point is gone: the one that took its place. */
  if (target == NULL && self->shown->len > 0 && saved->row >= 0)
    target = g_hash_table_lookup (self->rows,
                                  self->shown->pdata[MIN ((guint) saved->row, self->shown->len - 1)]);
  if (target == NULL)
    target = GTK_WIDGET (self->search_entry);
  gtk_widget_grab_focus (target);
}

/* ---- Persona filter menu ---- */

static void
update_persona_menu (WaymarkNotesPanel *self)
{
  GListModel *personas = self->document != NULL ? waymark_document_get_personas (self->document) : NULL;
  guint n = personas != NULL ? g_list_model_get_n_items (personas) : 0;
  g_autoptr(GString) signature = g_string_new (NULL);
  gboolean filter_found = self->persona_filter[0] == '\0';
  g_autoptr(GMenu) all = NULL;
  g_autoptr(GMenu) each = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

      g_string_append_printf (signature, "%s\x1f%s\x1e", waymark_persona_get_id (persona),
                              waymark_persona_get_name (persona));
      filter_found |= g_str_equal (waymark_persona_get_id (persona), self->persona_filter);
    }

  /* A persona that left the map filters nothing any more. */
  if (!filter_found)
    set_filter (self, &self->persona_filter, "", PROP_PERSONA_FILTER);

  if (g_strcmp0 (signature->str, self->persona_signature) == 0)
    return;
  g_free (self->persona_signature);
  self->persona_signature = g_strdup (signature->str);

  g_menu_remove_all (self->persona_menu);
  all = g_menu_new ();
  g_menu_append (all, _("All Personas"), "notes.persona-filter::");
  g_menu_append_section (self->persona_menu, NULL, G_MENU_MODEL (all));
  each = g_menu_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = waymark_dup_one_line (waymark_persona_get_name (persona));
      g_autoptr(GString) label = g_string_new (name[0] != '\0' ? name : _("Unnamed Persona"));

      /* Menus read "_" as a mnemonic. */
      g_string_replace (label, "_", "__", 0);
      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target (item, "notes.persona-filter", "s", waymark_persona_get_id (persona));
      g_menu_append_item (each, item);
    }
  if (n > 0)
    g_menu_append_section (self->persona_menu, NULL, G_MENU_MODEL (each));
}

/* ---- Rebuild ---- */

static void
update_count (WaymarkNotesPanel *self,
              guint              n_pain_points,
              guint              n_open_high)
{
  g_autofree char *text = NULL;

  if (n_pain_points == 0)
    text = g_strdup (_("No pain points"));
  else
    /* Translators: the subtitle of the Pain Points panel. */
    text = g_strdup_printf (ngettext ("%u open, high priority",
                                         "%u open, high priority", n_open_high),
                            n_open_high);
  gtk_label_set_text (self->count_label, text);
  /* Nothing to search or filter. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_pain_points > 0);
  gtk_widget_set_sensitive (self->filter_box, n_pain_points > 0);

  if (self->n_open_high != n_open_high)
    {
      self->n_open_high = n_open_high;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN_HIGH]);
    }
}

static void
clear_list (WaymarkNotesPanel *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->focus_widgets);
  g_ptr_array_set_size (self->card_widgets, 0);
  g_ptr_array_set_size (self->shown, 0);
  g_clear_pointer (&self->layout_signature, g_free);
  g_hash_table_remove_all (self->row_signatures);
  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->list_box), child);
}

/* A stage's heading and list, after the widget after (NULL: first);
 * returns the list. */
static GtkWidget *
new_stage_group (WaymarkNotesPanel *self,
                 guint              stage_pos,
                 GtkWidget         *after)
{
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (self->document),
                                                         stage_pos - 1);
  g_autofree char *name = waymark_dup_one_line (waymark_stage_get_name (stage));
  g_autofree char *a11y = NULL;
  GtkWidget *heading;
  GtkWidget *list;

  if (name[0] == '\0')
    {
      g_free (name);
      /* Translators: a stage without a name; %u is its position. */
      name = g_strdup_printf (_("Stage %u"), stage_pos);
    }
  heading = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "notes-stage-heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  g_object_set_data_full (G_OBJECT (heading), GROUP_KEY, g_strdup_printf ("%u\x1f%s", stage_pos, name), g_free);
  gtk_box_insert_child_after (GTK_BOX (self->list_box), heading, after);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "notes-stage-list");
  /* Translators: accessible name of the list of one stage's pain points. */
  a11y = g_strdup_printf (_("Pain points in %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_box_insert_child_after (GTK_BOX (self->list_box), list, heading);
  return list;
}

/* A pain point the list shows, with what its row is made of. */
typedef struct
{
  Item      *pain_point;
  GPtrArray *places;
  GPtrArray *solutions;
  char      *signature;
} Planned;

static void
planned_free (gpointer data)
{
  Planned *planned = data;

  g_ptr_array_unref (planned->places);
  g_ptr_array_unref (planned->solutions);
  g_free (planned->signature);
  g_free (planned);
}

static void
append_card_signature (GString     *out,
                       WaymarkCard *card)
{
  g_string_append_printf (out, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1e",
                          waymark_card_get_id (card), waymark_card_get_title (card),
                          waymark_card_get_priority (card), waymark_card_get_status (card),
                          waymark_card_get_owner (card), waymark_card_get_channel (card));
}

/* Everything new_pain_point_row() shows. */
static char *
row_signature (Item      *pain_point,
               GPtrArray *places,
               GPtrArray *solutions)
{
  GString *out = g_string_new (NULL);

  append_card_signature (out, pain_point->card);
  for (guint i = 0; i < places->len; i++)
    {
      Item *place = places->pdata[i];

      g_string_append_printf (out, "p%d", place->kind);
      append_card_signature (out, place->card);
    }
  for (guint i = 0; i < solutions->len; i++)
    {
      g_string_append_c (out, 's');
      append_card_signature (out, ((Item *) solutions->pdata[i])->card);
    }
  return g_string_free (out, FALSE);
}

/* Removes a pain point's row, and forgets its widgets. */
static gboolean
is_in_row (gpointer key,
           gpointer value,
           gpointer row)
{
  return value == row || gtk_widget_is_ancestor (value, row);
}

static void
remove_row (WaymarkNotesPanel *self,
            GtkWidget         *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), CARD_ID_KEY);

  g_hash_table_foreach_remove (self->focus_widgets, is_in_row, row);
  for (guint i = self->card_widgets->len; i > 0; i--)
    if (is_in_row (NULL, self->card_widgets->pdata[i - 1], row))
      g_ptr_array_remove_index (self->card_widgets, i - 1);
  /* A pain point moved to another stage may have its new row already. */
  if (id != NULL && g_hash_table_lookup (self->rows, id) == row)
    {
      g_hash_table_remove (self->rows, id);
      g_hash_table_remove (self->row_signatures, id);
    }
  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
}

static void
insert_row (WaymarkNotesPanel *self,
            GtkWidget         *list,
            Planned           *planned,
            int                position)
{
  const char *id = waymark_card_get_id (planned->pain_point->card);

  gtk_list_box_insert (GTK_LIST_BOX (list),
                       new_pain_point_row (self, planned->pain_point, planned->places, planned->solutions),
                       position);
  g_hash_table_replace (self->row_signatures, g_strdup (id), g_strdup (planned->signature));
}

static void
replace_row (WaymarkNotesPanel *self,
             Planned           *planned)
{
  GtkWidget *old = g_hash_table_lookup (self->rows, waymark_card_get_id (planned->pain_point->card));
  GtkWidget *list = gtk_widget_get_parent (old);
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (old));

  remove_row (self, old);
  insert_row (self, list, planned, position);
}

static const char *
row_id (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), CARD_ID_KEY);
}

/* Brings one stage's list to the planned rows, keeping the rows that
 * still show the same thing where they are: a pain point added, moved
 * or deleted makes or removes one row, not the whole list. */
static void
update_group (WaymarkNotesPanel *self,
              GtkWidget         *list,
              Planned          **planned,
              guint              n)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GtkListBoxRow *row;
  GPtrArray *stale = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_hash_table_insert (wanted, (gpointer) waymark_card_get_id (planned[i]->pain_point->card), planned[i]);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    {
      Planned *p = g_hash_table_lookup (wanted, row_id (row));

      if (p == NULL || GTK_WIDGET (row) != g_hash_table_lookup (self->rows, row_id (row)) ||
          g_strcmp0 (p->signature, g_hash_table_lookup (self->row_signatures, row_id (row))) != 0)
        g_ptr_array_add (stale, row);
    }
  for (guint i = 0; i < stale->len; i++)
    remove_row (self, stale->pdata[i]);
  g_ptr_array_unref (stale);

  for (guint i = 0; i < n; i++)
    {
      const char *id = waymark_card_get_id (planned[i]->pain_point->card);

      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) i);
      if (row != NULL && g_strcmp0 (row_id (row), id) == 0)
        continue;
      /* Out of place (the cell's order changed): made again here. */
      if (g_hash_table_lookup (self->rows, id) != NULL &&
          gtk_widget_get_parent (g_hash_table_lookup (self->rows, id)) == list)
        remove_row (self, g_hash_table_lookup (self->rows, id));
      insert_row (self, list, planned[i], (int) i);
    }
  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) n)) != NULL)
    remove_row (self, GTK_WIDGET (row));
}

static void
remove_group (WaymarkNotesPanel *self,
              GtkWidget         *heading)
{
  GtkWidget *list = gtk_widget_get_next_sibling (heading);
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0)) != NULL)
    remove_row (self, GTK_WIDGET (row));
  gtk_box_remove (GTK_BOX (self->list_box), list);
  gtk_box_remove (GTK_BOX (self->list_box), heading);
}

static void
rebuild (WaymarkNotesPanel *self)
{
  Index map = { 0, };
  SavedFocus saved;
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  g_autoptr(GString) layout = NULL;
  GtkWidget *list = NULL;
  guint list_stage = 0;
  guint n_open_high = 0;
  const char *page;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->stale = FALSE;
  update_persona_menu (self);

  if (self->document == NULL)
    {
      save_focus (self, &saved);
      clear_list (self);
      update_count (self, 0, 0);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      restore_focus (self, &saved);
      g_free (saved.key);
      return;
    }

  index_init (&map, self->document);
  words = search_words (self->search_text);
  plan = g_ptr_array_new_with_free_func (planned_free);
  layout = g_string_new (NULL);

  for (guint i = 0; i < map.pain_points->len; i++)
    {
      Item *pain_point = map.pain_points->pdata[i];
      WaymarkCard *card = pain_point->card;
      g_autoptr(GPtrArray) solutions = NULL;
      Planned *planned;

      n_open_high += is_open_high (card);
      if (!value_matches (self->status_filter, waymark_card_get_status (card)) ||
          !value_matches (self->priority_filter, waymark_card_get_priority (card)) ||
          (self->persona_filter[0] != '\0' && !waymark_card_applies_to (card, self->persona_filter)))
        continue;
      solutions = index_related (&map, pain_point, WAYMARK_LANE_KIND_SOLUTIONS, WAYMARK_LANE_KIND_SOLUTIONS);
      if (!text_matches (words, pain_point, solutions))
        continue;

      planned = g_new0 (Planned, 1);
      planned->pain_point = pain_point;
      planned->solutions = g_steal_pointer (&solutions);
      planned->places = index_related (&map, pain_point, WAYMARK_LANE_KIND_TOUCHPOINTS, WAYMARK_LANE_KIND_ACTIONS);
      planned->signature = row_signature (pain_point, planned->places, planned->solutions);
      g_ptr_array_add (plan, planned);
      if (list_stage != pain_point->stage)
        {
          g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (self->document),
                                                                 pain_point->stage - 1);

          g_string_append_printf (layout, "\x1d%u\x1f%s", pain_point->stage, waymark_stage_get_name (stage));
          list_stage = pain_point->stage;
        }
      g_string_append_printf (layout, "\x1e%s", waymark_card_get_id (card));
    }

  update_count (self, map.pain_points->len, n_open_high);
  if (map.pain_points->len == 0)
    page = "empty";
  else if (plan->len == 0)
    page = "no-match";
  else
    page = "list";
  g_string_append_printf (layout, "\x1d%s", page);

  if (g_strcmp0 (layout->str, self->layout_signature) == 0)
    {
      /* The same rows in the same places: replace those whose content
       * changed, if any. */
      gboolean replaced = FALSE;

      save_focus (self, &saved);
      for (guint i = 0; i < plan->len; i++)
        {
          Planned *planned = plan->pdata[i];

          if (g_strcmp0 (planned->signature,
                         g_hash_table_lookup (self->row_signatures,
                                              waymark_card_get_id (planned->pain_point->card))) != 0)
            {
              replace_row (self, planned);
              replaced = TRUE;
            }
        }
      sync_selection (self);
      if (replaced || self->pending_focus != NULL)
        restore_focus (self, &saved);
      g_free (saved.key);
      index_clear (&map);
      return;
    }

  /* Stage by stage: a stage's group stays while it has pain points shown
   * (and its name), and only its rows that changed are made again. */
  save_focus (self, &saved);
  g_ptr_array_set_size (self->shown, 0);
  {
    GtkWidget *next = gtk_widget_get_first_child (self->list_box);
    GtkWidget *after = NULL;

    for (guint i = 0; i < plan->len;)
      {
        guint stage = ((Planned *) plan->pdata[i])->pain_point->stage;
        g_autoptr(WaymarkStage) stage_object = g_list_model_get_item (waymark_document_get_stages (self->document),
                                                                      stage - 1);
        g_autofree char *name = waymark_dup_one_line (waymark_stage_get_name (stage_object));
        g_autofree char *key = NULL;
        GtkWidget *found = NULL;
        guint end = i;

        while (end < plan->len && ((Planned *) plan->pdata[end])->pain_point->stage == stage)
          {
            g_ptr_array_add (self->shown, g_strdup (waymark_card_get_id (((Planned *) plan->pdata[end])->pain_point->card)));
            end++;
          }
        if (name[0] == '\0')
          {
            g_free (name);
            name = g_strdup_printf (_("Stage %u"), stage);
          }
        key = g_strdup_printf ("%u\x1f%s", stage, name);
        for (GtkWidget *w = next; w != NULL; w = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (w)))
          if (g_strcmp0 (g_object_get_data (G_OBJECT (w), GROUP_KEY), key) == 0)
            {
              found = w;
              break;
            }
        if (found != NULL)
          {
            /* Groups before it are gone. */
            while (next != found)
              {
                GtkWidget *gone = next;

                next = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (next));
                remove_group (self, gone);
              }
            list = gtk_widget_get_next_sibling (found);
            next = gtk_widget_get_next_sibling (list);
          }
        else
          list = new_stage_group (self, stage, after);
        update_group (self, list, (Planned **) plan->pdata + i, end - i);
        after = list;
        i = end;
      }
    while (next != NULL)
      {
        GtkWidget *gone = next;

        next = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (next));
        remove_group (self, gone);
      }
  }
  g_free (self->layout_signature);
  self->layout_signature = g_string_free (g_steal_pointer (&layout), FALSE);
  gtk_stack_set_visible_child_name (self->stack, page);
  index_clear (&map);

  sync_selection (self);
  restore_focus (self, &saved);
  g_free (saved.key);
}

/* While the panel is hidden only the count follows the document (the
 * window may show it); the list is built when the panel shows again. */
static void
update_count_only (WaymarkNotesPanel *self)
{
  Index map = { 0, };
  guint n_open_high = 0;

  if (self->document == NULL)
    {
      update_count (self, 0, 0);
      return;
    }
  index_init (&map, self->document);
  for (guint i = 0; i < map.pain_points->len; i++)
    n_open_high += is_open_high (((Item *) map.pain_points->pdata[i])->card);
  update_count (self, map.pain_points->len, n_open_high);
  index_clear (&map);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  WaymarkNotesPanel *self = user_data;

  self->rebuild_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    {
      self->stale = TRUE;
      update_count_only (self);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (WaymarkNotesPanel *self)
{
  /* Before GTK lays out and draws, so a change shows in the same frame. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

static void
document_changed_cb (WaymarkDocument   *document,
                     WaymarkNotesPanel *self)
{
  queue_rebuild (self);
}

static void
canvas_document_cb (WaymarkCanvas     *canvas,
                    GParamSpec        *pspec,
                    WaymarkNotesPanel *self)
{
  sync_selection (self);
}

/* ---- Filters ---- */

static void
update_filter_buttons (WaymarkNotesPanel *self)
{
  const char *text;
  g_autofree char *persona_name = NULL;

  text = self->status_filter[0] == '\0' ? _("Status") : value_label ("status", self->status_filter);
  gtk_label_set_text (self->status_button_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);

  text = self->priority_filter[0] == '\0' ? _("Priority") : value_label ("priority", self->priority_filter);
  gtk_label_set_text (self->priority_button_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);

  if (self->persona_filter[0] != '\0' && self->document != NULL)
    {
      WaymarkPersona *persona = waymark_document_lookup_persona (self->document, self->persona_filter);

      if (persona != NULL)
        persona_name = waymark_dup_one_line (waymark_persona_get_name (persona));
    }
  text = persona_name != NULL && persona_name[0] != '\0' ? persona_name : _("Persona");
  gtk_label_set_text (self->persona_button_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persona_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);

  {
    GtkWidget *buttons[] = { GTK_WIDGET (self->status_button), GTK_WIDGET (self->priority_button),
                             GTK_WIDGET (self->persona_button) };
    const char *filters[] = { self->status_filter, self->priority_filter, self->persona_filter };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      {
        if (filters[i][0] != '\0')
          gtk_widget_add_css_class (buttons[i], "notes-filter-active");
        else
          gtk_widget_remove_css_class (buttons[i], "notes-filter-active");
      }
  }
}

static gboolean
set_filter (WaymarkNotesPanel *self,
            char             **field,
            const char        *value,
            int                prop)
{
  if (value == NULL)
    value = "";
  if (g_str_equal (*field, value))
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  update_filter_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
search_changed_cb (GtkSearchEntry    *entry,
                   WaymarkNotesPanel *self)
{
  waymark_notes_panel_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
stop_search_cb (GtkSearchEntry    *entry,
                WaymarkNotesPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- Actions ---- */

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  waymark_notes_panel_clear_filters (WAYMARK_NOTES_PANEL (widget));
}

static void
add_solution_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (widget);
  WaymarkCard *card = lookup_card (self, g_variant_get_string (parameter, NULL));
  WaymarkLane *lane;

  if (card == NULL)
    return;
  lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (card));
  if (lane == NULL || waymark_lane_get_kind_enum (lane) != WAYMARK_LANE_KIND_PAIN_POINTS)
    return;
  waymark_notes_panel_add_solution (self, card);
}

static void
reveal_card_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (widget);

  reveal_card (self, lookup_card (self, g_variant_get_string (parameter, NULL)));
}

/* ---- GObject ---- */

static void
waymark_notes_panel_realize (GtkWidget *widget)
{
  ensure_colors (widget);
  GTK_WIDGET_CLASS (waymark_notes_panel_parent_class)->realize (widget);
}

static void
waymark_notes_panel_map (GtkWidget *widget)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (widget);

  GTK_WIDGET_CLASS (waymark_notes_panel_parent_class)->map (widget);
  if (self->stale)
    rebuild (self);
}

static void
waymark_notes_panel_dispose (GObject *object)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->focus_widgets);
  g_ptr_array_set_size (self->card_widgets, 0);
  if (self->canvas != NULL)
    {
      g_clear_signal_handler (&self->selection_id, self->canvas);
      g_clear_signal_handler (&self->canvas_document_id, self->canvas);
      g_clear_object (&self->canvas);
    }
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_object (&self->document);
    }
  /* Our own references to the row menus, before disposing the template
   * clears the pointers. */
  g_clear_object (&self->priority_menu);
  g_clear_object (&self->status_menu);
  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_NOTES_PANEL);
  g_clear_object (&self->persona_menu);

  G_OBJECT_CLASS (waymark_notes_panel_parent_class)->dispose (object);
}

static void
waymark_notes_panel_finalize (GObject *object)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (object);

  g_free (self->status_filter);
  g_free (self->priority_filter);
  g_free (self->persona_filter);
  g_free (self->search_text);
  g_free (self->pending_focus);
  g_free (self->persona_signature);
  g_ptr_array_unref (self->shown);
  g_hash_table_unref (self->row_signatures);
  g_free (self->layout_signature);
  g_ptr_array_unref (self->card_widgets);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->focus_widgets);

  G_OBJECT_CLASS (waymark_notes_panel_parent_class)->finalize (object);
}

static void
waymark_notes_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_STATUS_FILTER:
      g_value_set_string (value, self->status_filter);
      break;
    case PROP_PRIORITY_FILTER:
      g_value_set_string (value, self->priority_filter);
      break;
    case PROP_PERSONA_FILTER:
      g_value_set_string (value, self->persona_filter);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_N_OPEN_HIGH:
      g_value_set_uint (value, self->n_open_high);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_notes_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  WaymarkNotesPanel *self = WAYMARK_NOTES_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_notes_panel_set_document (self, g_value_get_object (value));
      break;
    case PROP_CANVAS:
      waymark_notes_panel_set_canvas (self, g_value_get_object (value));
      break;
    case PROP_STATUS_FILTER:
      waymark_notes_panel_set_status_filter (self, g_value_get_string (value));
      break;
    case PROP_PRIORITY_FILTER:
      waymark_notes_panel_set_priority_filter (self, g_value_get_string (value));
      break;
    case PROP_PERSONA_FILTER:
      waymark_notes_panel_set_persona_filter (self, g_value_get_string (value));
      break;
    case PROP_SEARCH_TEXT:
      waymark_notes_panel_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_notes_panel_class_init (WaymarkNotesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_notes_panel_dispose;
  object_class->finalize = waymark_notes_panel_finalize;
  object_class->get_property = waymark_notes_panel_get_property;
  object_class->set_property = waymark_notes_panel_set_property;
  widget_class->realize = waymark_notes_panel_realize;
  widget_class->map = waymark_notes_panel_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, WAYMARK_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_FILTER] =
    g_param_spec_string ("status-filter", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIORITY_FILTER] =
    g_param_spec_string ("priority-filter", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONA_FILTER] =
    g_param_spec_string ("persona-filter", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPEN_HIGH] =
    g_param_spec_uint ("n-open-high", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "notes.status-filter", "status-filter");
  gtk_widget_class_install_property_action (widget_class, "notes.priority-filter", "priority-filter");
  gtk_widget_class_install_property_action (widget_class, "notes.persona-filter", "persona-filter");
  gtk_widget_class_install_action (widget_class, "notes.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "notes.add-solution", "s", add_solution_action);
  gtk_widget_class_install_action (widget_class, "notes.reveal-card", "s", reveal_card_action);

  /* The template lives in the resources of this static library:
   * referring to them keeps them, and their registration, in every
   * binary. */
  g_assert (waymark_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-notes-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, main_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, filter_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, status_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, priority_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, persona_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, status_button_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, priority_button_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, persona_button_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, priority_menu);
  gtk_widget_class_bind_template_child (widget_class, WaymarkNotesPanel, status_menu);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "waymark-notes-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
waymark_notes_panel_init (WaymarkNotesPanel *self)
{
  self->status_filter = g_strdup ("");
  self->priority_filter = g_strdup ("");
  self->persona_filter = g_strdup ("");
  self->search_text = g_strdup ("");
  self->shown = g_ptr_array_new_with_free_func (g_free);
  self->row_signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->card_widgets = g_ptr_array_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Keys belong to the widgets (object data). */
  self->focus_widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->persona_menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The row menus are in no widget until a pill opens one. */
  g_object_ref (self->priority_menu);
  g_object_ref (self->status_menu);

  gtk_menu_button_set_menu_model (self->persona_button, G_MENU_MODEL (self->persona_menu));
  /* Typing over the list searches it. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter by status"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->priority_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter by priority"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->persona_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter by persona"), -1);
  {
    GtkWidget *buttons[] = { GTK_WIDGET (self->status_button), GTK_WIDGET (self->priority_button),
                             GTK_WIDGET (self->persona_button) };

    /* GtkMenuButton 4.8 focuses an inner button; it gets the name too. */
    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (buttons[i])),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (buttons[i]), -1);
  }
  adw_status_page_set_icon_name (self->empty_page,
                                 waymark_lane_kind_get_icon_name (WAYMARK_LANE_KIND_PAIN_POINTS));
  update_filter_buttons (self);
  rebuild (self);
}

/* ---- Public API ---- */

GtkWidget *
waymark_notes_panel_new (void)
{
  return g_object_new (WAYMARK_TYPE_NOTES_PANEL, NULL);
}

WaymarkDocument *
waymark_notes_panel_get_document (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->document;
}

void
waymark_notes_panel_set_document (WaymarkNotesPanel *self,
                                  WaymarkDocument   *document)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_object (&self->document);
    }
  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (document_changed_cb), self);
    }
  g_clear_pointer (&self->pending_focus, g_free);
  /* Personas are per map; the other filters carry over. */
  set_filter (self, &self->persona_filter, "", PROP_PERSONA_FILTER);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WaymarkCanvas *
waymark_notes_panel_get_canvas (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->canvas;
}

void
waymark_notes_panel_set_canvas (WaymarkNotesPanel *self,
                                WaymarkCanvas     *canvas)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));
  g_return_if_fail (canvas == NULL || WAYMARK_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    {
      g_clear_signal_handler (&self->selection_id, self->canvas);
      g_clear_signal_handler (&self->canvas_document_id, self->canvas);
      g_clear_object (&self->canvas);
    }
  if (canvas != NULL)
    {
      self->canvas = g_object_ref (canvas);
      self->selection_id = g_signal_connect (canvas, "selection-changed",
                                             G_CALLBACK (selection_changed_cb), self);
      self->canvas_document_id = g_signal_connect (canvas, "notify::document",
                                                   G_CALLBACK (canvas_document_cb), self);
    }
  sync_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

const char *
waymark_notes_panel_get_status_filter (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->status_filter;
}

void
waymark_notes_panel_set_status_filter (WaymarkNotesPanel *self,
                                       const char        *status)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  if (set_filter (self, &self->status_filter, status, PROP_STATUS_FILTER))
    rebuild (self);
}

const char *
waymark_notes_panel_get_priority_filter (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->priority_filter;
}

void
waymark_notes_panel_set_priority_filter (WaymarkNotesPanel *self,
                                         const char        *priority)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  if (set_filter (self, &self->priority_filter, priority, PROP_PRIORITY_FILTER))
    rebuild (self);
}

const char *
waymark_notes_panel_get_persona_filter (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->persona_filter;
}

void
waymark_notes_panel_set_persona_filter (WaymarkNotesPanel *self,
                                        const char        *persona_id)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  if (set_filter (self, &self->persona_filter, persona_id, PROP_PERSONA_FILTER))
    rebuild (self);
}

const char *
waymark_notes_panel_get_search_text (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  return self->search_text;
}

void
waymark_notes_panel_set_search_text (WaymarkNotesPanel *self,
                                     const char        *text)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  if (text == NULL)
    text = "";
  if (g_str_equal (self->search_text, text))
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
  rebuild (self);
}

void
waymark_notes_panel_clear_filters (WaymarkNotesPanel *self)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_filter (self, &self->status_filter, "", PROP_STATUS_FILTER);
  set_filter (self, &self->priority_filter, "", PROP_PRIORITY_FILTER);
  set_filter (self, &self->persona_filter, "", PROP_PERSONA_FILTER);
  if (self->search_text[0] != '\0')
    {
      g_free (self->search_text);
      self->search_text = g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  rebuild (self);
}

guint
waymark_notes_panel_get_n_open_high (WaymarkNotesPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), 0);

  return self->n_open_high;
}

static WaymarkLane *
first_lane_of_kind (WaymarkDocument *document,
                    WaymarkLaneKind  kind)
{
  GListModel *lanes = waymark_document_get_lanes (document);

  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, i);

      if (waymark_lane_get_kind_enum (lane) == kind)
        return lane;
    }
  return NULL;
}

WaymarkCard *
waymark_notes_panel_add_solution (WaymarkNotesPanel *self,
                                  WaymarkCard       *pain_point)
{
  WaymarkHistory *history;
  WaymarkLane *lane;
  WaymarkCard *card;

  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);
  g_return_val_if_fail (WAYMARK_IS_CARD (pain_point), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);
  g_return_val_if_fail (waymark_document_index_of (self->document, pain_point) >= 0, NULL);

  history = waymark_document_get_history (self->document);
  lane = first_lane_of_kind (self->document, WAYMARK_LANE_KIND_SOLUTIONS);

  waymark_history_begin_group (history, _("Add Solution"));
  if (lane == NULL)
    {
      WaymarkLane *pain_lane = waymark_document_lookup_lane (self->document,
                                                             waymark_card_get_lane (pain_point));
      int position = pain_lane != NULL ? waymark_document_index_of (self->document, pain_lane) + 1 : -1;

      /* Right below the pain points, as in the usual map layout. */
      lane = waymark_document_add_lane (self->document,
                                        waymark_lane_kind_to_string (WAYMARK_LANE_KIND_SOLUTIONS),
                                        waymark_lane_kind_get_label (WAYMARK_LANE_KIND_SOLUTIONS),
                                        position);
    }
  card = waymark_document_add_card (self->document, waymark_card_get_stage (pain_point),
                                    waymark_lane_get_id (lane), _("New solution"), -1);
  waymark_document_link_cards (self->document, card, pain_point);
  waymark_history_end_group (history);
  waymark_history_break_coalescing (history);

  if (canvas_shows_document (self))
    {
      waymark_canvas_reveal_card (self->canvas, card, FALSE);
      waymark_canvas_edit_card (self->canvas, card);
    }
  else
    {
      g_free (self->pending_focus);
      self->pending_focus = g_strconcat (waymark_card_get_id (pain_point), "/solution/",
                                         waymark_card_get_id (card), NULL);
      queue_rebuild (self);
    }
  return card;
}

void
waymark_notes_panel_flush (WaymarkNotesPanel *self)
{
  g_return_if_fail (WAYMARK_IS_NOTES_PANEL (self));

  if (self->rebuild_id != 0 || self->stale)
    rebuild (self);
}

GPtrArray *
waymark_notes_panel_get_shown_cards (WaymarkNotesPanel *self)
{
  GPtrArray *cards;

  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);

  waymark_notes_panel_flush (self);
  cards = g_ptr_array_new ();
  for (guint i = 0; i < self->shown->len; i++)
    {
      WaymarkCard *card = lookup_card (self, self->shown->pdata[i]);

      if (card != NULL)
        g_ptr_array_add (cards, card);
    }
  return cards;
}

GtkWidget *
waymark_notes_panel_get_row (WaymarkNotesPanel *self,
                             WaymarkCard       *pain_point)
{
  g_return_val_if_fail (WAYMARK_IS_NOTES_PANEL (self), NULL);
  g_return_val_if_fail (WAYMARK_IS_CARD (pain_point), NULL);

  waymark_notes_panel_flush (self);
  return g_hash_table_lookup (self->rows, waymark_card_get_id (pain_point));
}
