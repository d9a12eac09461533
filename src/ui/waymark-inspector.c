/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inspector. Text fields go through waymark-field-binding, which
 * follows the document and coalesces typing; every other control is
 * brought up to date from the document's "changed" signal, which comes
 * after every operation, undo and redo, so the page never needs to know
 * who changed what. Rows that depend on the document are rebuilt only
 * when what they show changed, so that focus stays where it is. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-field-binding.h"
#include "waymark-inspector.h"
#include "waymark-layout.h"
#include "waymark-palette.h"
#include "waymark-persona-avatar.h"

/* Items of channel_row: none, the known channels, then this one. */
#define CHANNEL_CUSTOM "custom:"
#define CHANNEL_CUSTOM_POSITION (waymark_channel_get_n_known () + 1)

/* Items of priority_row and status_row; "" is "none". */
static const char * const priorities[] = { "", "low", "medium", "high" };
static const char * const statuses[] = { "", "open", "planned", "in-progress", "done" };

/* The numbers read better than face icons at button size; the name is
 * in the tooltip, the accessible label and the caption below. */
static const struct
{
  const char *number;
  const char *label;
} emotions[] = {
  { "−2", N_("Very negative (−2)") },
  { "−1", N_("Negative (−1)") },
  { "0", N_("Neutral (0)") },
  { "+1", N_("Positive (+1)") },
  { "+2", N_("Very positive (+2)") },
};

struct _WaymarkInspector
{
  GtkWidget            parent_instance;

  WaymarkDocument     *document;
  WaymarkCanvas       *canvas;
  /* The card, stage or document shown; NULL while several cards are
   * selected. A ref, dropped as soon as the object leaves the document. */
  GObject             *shown;
  gulong               changed_id;
  gulong               selection_id;
  gboolean             syncing;
  /* The user picked "Custom…": keep the channel entry open even while it
   * holds a known value. */
  gboolean             custom_channel;
  char                *channel_value;
  /* Cards selected on the canvas when shown is NULL. */
  guint                n_selected;
  /* What the dynamic rows show now, to rebuild them only on a change. */
  char                *personas_key;
  char                *links_key;
  guint                n_kpi_rows;

  GtkFilterListModel  *link_filter_model;
  GtkCustomFilter     *link_filter;
  GtkSingleSelection  *link_selection;
  char                *link_search_text;

  GtkToggleButton     *emotion_buttons[G_N_ELEMENTS (emotions)];
  GPtrArray           *color_buttons;

  /* Template */
  GtkWidget           *main_box;
  GtkImage            *header_icon;
  GtkLabel            *header_title;
  GtkLabel            *header_subtitle;
  GtkStack            *stack;
  AdwEntryRow         *card_title_row;
  GtkTextView         *card_notes_view;
  AdwComboRow         *channel_row;
  AdwEntryRow         *channel_entry_row;
  AdwComboRow         *priority_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *owner_row;
  AdwActionRow        *moment_row;
  GtkSwitch           *moment_switch;
  GtkBox              *emotion_box;
  GtkToggleButton     *emotion_none_button;
  GtkLabel            *emotion_label;
  GtkListBox          *personas_list;
  GtkListBox          *links_list;
  GtkMenuButton       *add_link_button;
  GtkPopover          *link_popover;
  GtkSearchEntry      *link_search;
  GtkStack            *link_stack;
  GtkListView         *link_list_view;
  GtkTextView         *evidence_view;
  GtkBox              *color_box;
  AdwEntryRow         *stage_name_row;
  GtkTextView         *stage_description_view;
  GtkListBox          *kpi_list;
  GtkButton           *add_kpi_button;
  AdwEntryRow         *map_title_row;
  GtkTextView         *map_description_view;
  AdwStatusPage       *several_page;
};

G_DEFINE_FINAL_TYPE (WaymarkInspector, waymark_inspector, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_CANVAS,
  PROP_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_shown (WaymarkInspector *self);

/* ---- Helpers ---- */

static WaymarkCard *
shown_card (WaymarkInspector *self)
{
  return WAYMARK_IS_CARD (self->shown) ? WAYMARK_CARD (self->shown) : NULL;
}

static WaymarkStage *
shown_stage (WaymarkInspector *self)
{
  return WAYMARK_IS_STAGE (self->shown) ? WAYMARK_STAGE (self->shown) : NULL;
}

static void
set_label (gpointer    widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The labels the layout gives are lower case, to sit inside a sentence
 * on a card; a list item starts with a capital. */
static char *
capitalize (const char *text)
{
  gunichar first;
  char buffer[8];
  int length;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  first = g_utf8_get_char (text);
  length = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (text));
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The placeholder is a child of the list too: go by rows. */
static void
clear_list_box (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static char *
card_place (WaymarkInspector *self,
            WaymarkCard      *card)
{
  WaymarkLane *lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (card));
  WaymarkStage *stage = waymark_document_lookup_stage (self->document, waymark_card_get_stage (card));

  /* TRANSLATORS: where a card sits: "Touchpoints · Decision" (lane, stage). */
  return g_strdup_printf (_("%s · %s"),
                          lane != NULL ? waymark_lane_get_name (lane) : "",
                          stage != NULL ? waymark_stage_get_name (stage) : "");
}

/* ---- Field bindings ---- */

static void
bind_card_fields (WaymarkInspector *self,
                  WaymarkCard      *card)
{
  WaymarkDocument *document = card != NULL ? self->document : NULL;

  waymark_field_bind_editable (GTK_EDITABLE (self->card_title_row), document, card, "title");
  waymark_field_bind_text_view (self->card_notes_view, document, card, "notes");
  waymark_field_bind_editable (GTK_EDITABLE (self->channel_entry_row), document, card, "channel");
  waymark_field_bind_editable (GTK_EDITABLE (self->owner_row), document, card, "owner");
  waymark_field_bind_text_view (self->evidence_view, document, card, "evidence");
}

static void
bind_stage_fields (WaymarkInspector *self,
                   WaymarkStage     *stage)
{
  WaymarkDocument *document = stage != NULL ? self->document : NULL;

  waymark_field_bind_editable (GTK_EDITABLE (self->stage_name_row), document, stage, "name");
  waymark_field_bind_text_view (self->stage_description_view, document, stage, "description");
}

static void
bind_map_fields (WaymarkInspector *self,
                 WaymarkDocument  *document)
{
  waymark_field_bind_editable (GTK_EDITABLE (self->map_title_row), document, document, "title");
  waymark_field_bind_text_view (self->map_description_view, document, document, "description");
}

/* ---- Header ---- */

static void
sync_header (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  WaymarkStage *stage = shown_stage (self);
  g_autofree char *subtitle = NULL;
  const char *title;
  const char *icon;

  if (card != NULL)
    {
      WaymarkLane *lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (card));

      title = _("Card");
      icon = waymark_lane_kind_get_icon_name (lane != NULL ? waymark_lane_get_kind_enum (lane)
                                                           : WAYMARK_LANE_KIND_TEXT);
      subtitle = card_place (self, card);
    }
  else if (stage != NULL)
    {
      GListModel *stages = waymark_document_get_stages (self->document);

      title = _("Stage");
      icon = "view-paged-symbolic";
      /* TRANSLATORS: the place of a stage among the map's columns. */
      subtitle = g_strdup_printf (_("Column %d of %u"),
                                  waymark_document_index_of (self->document, stage) + 1,
                                  g_list_model_get_n_items (stages));
    }
  else if (self->shown != NULL)
    {
      guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (self->document));
      guint n_lanes = g_list_model_get_n_items (waymark_document_get_lanes (self->document));
      guint n_cards = g_list_model_get_n_items (waymark_document_get_cards (self->document));
      g_autofree char *stages = g_strdup_printf (ngettext ("%u stage", "%u stages", n_stages), n_stages);
      g_autofree char *lanes = g_strdup_printf (ngettext ("%u lane", "%u lanes", n_lanes), n_lanes);
      g_autofree char *cards = g_strdup_printf (ngettext ("%u card", "%u cards", n_cards), n_cards);

      title = _("Map");
      icon = "find-location-symbolic";
      /* TRANSLATORS: "5 stages · 7 lanes · 29 cards". */
      subtitle = g_strdup_printf (_("%s · %s · %s"), stages, lanes, cards);
    }
  else if (self->document != NULL && self->n_selected > 1)
    {
      title = _("Selection");
      icon = "edit-select-all-symbolic";
      subtitle = g_strdup_printf (ngettext ("%u card", "%u cards", self->n_selected), self->n_selected);
    }
  else
    {
      title = _("No Map");
      icon = "find-location-symbolic";
      subtitle = g_strdup ("");
    }

  gtk_label_set_label (self->header_title, title);
  gtk_label_set_label (self->header_subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->header_subtitle), *subtitle != '\0');
  gtk_image_set_from_icon_name (self->header_icon, icon);
}

/* ---- Card: channel, priority, status, moment of truth ---- */

static guint
channel_position (const char *channel)
{
  if (channel == NULL || *channel == '\0')
    return 0;
  for (guint i = 0; i < waymark_channel_get_n_known (); i++)
    if (g_str_equal (channel, waymark_channel_get_known (i)))
      return i + 1;
  return CHANNEL_CUSTOM_POSITION;
}

static void
sync_channel (WaymarkInspector *self,
              WaymarkCard      *card)
{
  const char *value = waymark_card_get_channel (card);
  guint position = channel_position (value);
  gboolean custom;

  /* Picking "Custom…" keeps the entry open until the value changes to a
   * known one other than by typing in it. */
  if (position == CHANNEL_CUSTOM_POSITION)
    self->custom_channel = TRUE;
  else if (self->custom_channel && g_strcmp0 (value, self->channel_value) != 0 &&
           !contains_focus (GTK_WIDGET (self->channel_entry_row)))
    self->custom_channel = FALSE;
  g_free (self->channel_value);
  self->channel_value = g_strdup (value);

  custom = self->custom_channel;
  adw_combo_row_set_selected (self->channel_row, custom ? CHANNEL_CUSTOM_POSITION : position);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_entry_row), custom);
}

static void
channel_selected_cb (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  guint position = adw_combo_row_get_selected (self->channel_row);

  if (self->syncing || card == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  if (position == CHANNEL_CUSTOM_POSITION)
    {
      /* Free text is typed, not picked: open the entry and wait. */
      self->custom_channel = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->channel_entry_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->channel_entry_row));
      return;
    }

  self->custom_channel = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->channel_entry_row), FALSE);
  waymark_document_set_string_step (self->document, card, "channel", position == 0 ? "" : waymark_channel_get_known (position - 1));
}

static void
channel_item_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
channel_item_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  const char *value = gtk_string_object_get_string (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  const char *icon;

  if (*value == '\0')
    {
      icon = "action-unavailable-symbolic";
      text = g_strdup (C_("channel", "None"));
    }
  else if (g_str_equal (value, CHANNEL_CUSTOM))
    {
      icon = "document-edit-symbolic";
      text = g_strdup (_("Custom…"));
    }
  else
    {
      icon = waymark_channel_get_icon_name (value);
      text = capitalize (waymark_channel_get_label (value));
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_label_set_label (GTK_LABEL (label), text);
}

static guint
value_position (const char * const *values,
                guint               n_values,
                const char         *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  /* A value the format does not know shows as none: picking another one
   * replaces it, and it is kept otherwise. */
  return 0;
}

static void
priority_selected_cb (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  guint position = adw_combo_row_get_selected (self->priority_row);

  if (self->syncing || card == NULL || position >= G_N_ELEMENTS (priorities))
    return;
  waymark_document_set_string_step (self->document, card, "priority", priorities[position]);
}

static void
status_selected_cb (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  guint position = adw_combo_row_get_selected (self->status_row);

  if (self->syncing || card == NULL || position >= G_N_ELEMENTS (statuses))
    return;
  waymark_document_set_string_step (self->document, card, "status", statuses[position]);
}

static void
moment_active_cb (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);

  if (self->syncing || card == NULL)
    return;
  waymark_document_set_boolean (self->document, card, "moment-of-truth",
                                gtk_switch_get_active (self->moment_switch));
}

/* ---- Card: emotion ---- */

static void
sync_emotion (WaymarkInspector *self,
              WaymarkCard      *card)
{
  gboolean has = waymark_card_get_has_emotion (card);
  int emotion = waymark_card_get_emotion (card);

  if (has && emotion >= WAYMARK_EMOTION_MIN && emotion <= WAYMARK_EMOTION_MAX)
    {
      guint i = emotion - WAYMARK_EMOTION_MIN;

      gtk_toggle_button_set_active (self->emotion_buttons[i], TRUE);
      gtk_label_set_label (self->emotion_label, _(emotions[i].label));
    }
  else
    {
      gtk_toggle_button_set_active (self->emotion_none_button, TRUE);
      gtk_label_set_label (self->emotion_label, _("No emotion set"));
    }
}

static void
emotion_toggled_cb (GtkToggleButton  *button,
                    WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);

  if (self->syncing || card == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->emotion_none_button)
    waymark_document_set_card_emotion (self->document, card, FALSE, 0);
  else
    for (guint i = 0; i < G_N_ELEMENTS (emotions); i++)
      if (button == self->emotion_buttons[i])
        waymark_document_set_card_emotion (self->document, card, TRUE, (int) i + WAYMARK_EMOTION_MIN);
}

/* ---- Card: personas ---- */

static void
persona_toggled_cb (GtkCheckButton   *check,
                    WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  const char *persona_id = g_object_get_data (G_OBJECT (check), "persona-id");

  if (self->syncing || card == NULL)
    return;
  waymark_document_set_card_persona (self->document, card, persona_id,
                                     gtk_check_button_get_active (check));
}

static char *
personas_key (WaymarkInspector *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", waymark_persona_get_id (persona),
                              waymark_persona_get_name (persona), waymark_persona_get_color (persona));
    }
  return g_string_free (key, FALSE);
}

static void
rebuild_personas (WaymarkInspector *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  guint n = g_list_model_get_n_items (personas);

  clear_list_box (self->personas_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      const char *name = waymark_persona_get_name (persona);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *avatar = waymark_persona_avatar_new (28);
      g_autofree char *row_label = g_strdup_printf (_("Persona: %s"), name);

      waymark_persona_avatar_set_persona (WAYMARK_PERSONA_AVATAR (avatar), persona);
      waymark_persona_avatar_set_color_index (WAYMARK_PERSONA_AVATAR (avatar), i);
      gtk_widget_set_valign (avatar, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), "persona-id",
                              g_strdup (waymark_persona_get_id (persona)), g_free);
      gtk_widget_set_name (check, waymark_persona_get_id (persona));
      set_label (check, name);
      g_signal_connect (check, "toggled", G_CALLBACK (persona_toggled_cb), self);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      set_label (row, row_label);
      gtk_list_box_append (self->personas_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->personas_list), n > 0);
}

static void
sync_personas (WaymarkInspector *self,
               WaymarkCard      *card)
{
  g_autofree char *key = personas_key (self);
  GtkListBoxRow *row;

  if (g_strcmp0 (key, self->personas_key) != 0)
    {
      rebuild_personas (self);
      g_free (self->personas_key);
      self->personas_key = g_steal_pointer (&key);
    }

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->personas_list, i)) != NULL; i++)
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains (waymark_card_get_personas (card),
                                                    g_object_get_data (G_OBJECT (check), "persona-id")));
    }
}

/* ---- Card: links ---- */

static void
remove_link_clicked_cb (GtkButton        *button,
                        WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  WaymarkCard *target;

  if (card == NULL)
    return;
  target = waymark_document_lookup_card (self->document,
                                         g_object_get_data (G_OBJECT (button), "card-id"));
  if (target != NULL)
    waymark_document_unlink_cards (self->document, card, target);
}

static void
link_row_activated_cb (WaymarkInspector *self,
                       GtkListBoxRow    *row)
{
  WaymarkCard *target = waymark_document_lookup_card (self->document,
                                                      g_object_get_data (G_OBJECT (row), "card-id"));

  if (target != NULL && self->canvas != NULL)
    waymark_canvas_reveal_card (self->canvas, target, FALSE);
}

static char *
links_key (WaymarkInspector *self,
           WaymarkCard      *card)
{
  const char * const *links = waymark_card_get_links (card);
  GString *key = g_string_new (self->canvas != NULL ? "c" : "-");

  for (guint i = 0; links[i] != NULL; i++)
    {
      WaymarkCard *target = waymark_document_lookup_card (self->document, links[i]);
      g_autofree char *place = target != NULL ? card_place (self, target) : NULL;

      g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", links[i],
                              target != NULL ? waymark_card_get_title (target) : "",
                              place != NULL ? place : "");
    }
  return g_string_free (key, FALSE);
}

static void
rebuild_links (WaymarkInspector *self,
               WaymarkCard      *card)
{
  const char * const *links = waymark_card_get_links (card);

  clear_list_box (self->links_list);
  for (guint i = 0; links[i] != NULL; i++)
    {
      WaymarkCard *target = waymark_document_lookup_card (self->document, links[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      const char *title = target != NULL ? waymark_card_get_title (target) : links[i];
      g_autofree char *place = target != NULL ? card_place (self, target) : g_strdup (_("Missing card"));
      g_autofree char *row_label = g_strdup_printf (_("Link to card: %s, %s"), title, place);
      g_autofree char *remove_label = g_strdup_printf (_("Remove link to %s"), title);

      if (target != NULL)
        {
          WaymarkLane *lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (target));
          GtkWidget *icon = gtk_image_new_from_icon_name (
            waymark_lane_kind_get_icon_name (lane != NULL ? waymark_lane_get_kind_enum (lane)
                                                          : WAYMARK_LANE_KIND_TEXT));

          gtk_widget_add_css_class (icon, "dim-label");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), place);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      set_label (row, row_label);
      g_object_set_data_full (G_OBJECT (row), "card-id", g_strdup (links[i]), g_free);
      /* Activating a link shows the card it leads to. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), self->canvas != NULL && target != NULL);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, _("Remove Link"));
      gtk_widget_set_name (remove, links[i]);
      set_label (remove, remove_label);
      g_object_set_data_full (G_OBJECT (remove), "card-id", g_strdup (links[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_link_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->links_list, row);
    }
}

static void
sync_links (WaymarkInspector *self,
            WaymarkCard      *card)
{
  g_autofree char *key = links_key (self, card);

  if (g_strcmp0 (key, self->links_key) == 0)
    return;
  rebuild_links (self, card);
  g_free (self->links_key);
  self->links_key = g_steal_pointer (&key);
}

/* The link picker: the document's other cards, not linked yet, whose
 * title contains what was typed. */
static gboolean
link_filter_func (gpointer item,
                  gpointer user_data)
{
  WaymarkInspector *self = user_data;
  WaymarkCard *card = item;
  WaymarkCard *from = shown_card (self);
  g_autofree char *title = NULL;

  if (from == NULL || card == from ||
      g_strv_contains (waymark_card_get_links (from), waymark_card_get_id (card)))
    return FALSE;
  if (self->link_search_text == NULL || *self->link_search_text == '\0')
    return TRUE;
  title = waymark_text_fold (waymark_card_get_title (card));
  return strstr (title, self->link_search_text) != NULL;
}

static void
link_refilter (WaymarkInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->link_search));
  guint n;

  g_free (self->link_search_text);
  self->link_search_text = waymark_text_fold (text);
  gtk_filter_changed (GTK_FILTER (self->link_filter), GTK_FILTER_CHANGE_DIFFERENT);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->link_filter_model));
  gtk_stack_set_visible_child_name (self->link_stack, n > 0 ? "list" : "empty");
  if (n > 0)
    {
      gtk_single_selection_set_selected (self->link_selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->link_list_view), "list.scroll-to-item", "u", 0);
    }
}

static void
link_search_changed_cb (WaymarkInspector *self)
{
  link_refilter (self);
}

static void
link_popover_show_cb (WaymarkInspector *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->link_search), "");
  link_refilter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_search));
}

static void
link_to (WaymarkInspector *self,
         guint             position)
{
  WaymarkCard *card = shown_card (self);
  g_autoptr(WaymarkCard) target = NULL;

  if (card == NULL)
    return;
  target = g_list_model_get_item (G_LIST_MODEL (self->link_filter_model), position);
  if (target == NULL)
    return;
  gtk_popover_popdown (self->link_popover);
  waymark_document_link_cards (self->document, card, target);
}

static void
link_search_activate_cb (WaymarkInspector *self)
{
  link_to (self, gtk_single_selection_get_selected (self->link_selection));
}

static void
link_list_activate_cb (WaymarkInspector *self,
                       guint             position)
{
  link_to (self, position);
}

static void
link_search_stop_cb (WaymarkInspector *self)
{
  gtk_popover_popdown (self->link_popover);
}

/* Up and Down in the search entry move through the list, so that the
 * picker works from the keyboard without leaving the entry. */
static gboolean
link_search_key_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    WaymarkInspector      *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->link_filter_model));
  guint selected = gtk_single_selection_get_selected (self->link_selection);
  guint next;

  if (n == 0)
    return FALSE;
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    next = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    next = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1;
  else
    return FALSE;

  gtk_single_selection_set_selected (self->link_selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->link_list_view), "list.scroll-to-item", "u", next);
  return TRUE;
}

static void
link_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *place = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (place), 0);
  gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (place, "dim-label");
  gtk_widget_add_css_class (place, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), place);
  gtk_list_item_set_child (item, box);
}

static void
link_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   WaymarkInspector         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *place_label = gtk_widget_get_next_sibling (title);
  WaymarkCard *card = gtk_list_item_get_item (item);
  g_autofree char *place = card_place (self, card);
  g_autofree char *label = g_strdup_printf (_("Card: %s, %s"), waymark_card_get_title (card), place);

  gtk_label_set_label (GTK_LABEL (title), waymark_card_get_title (card));
  gtk_label_set_label (GTK_LABEL (place_label), place);
  set_label (box, label);
}

/* ---- Card: colour ---- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const char *hex = data;
  double radius = MIN (width, height) / 2.0 - 1;
  WaymarkColor color;

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  if (hex != NULL && waymark_color_parse (hex, &color))
    {
      cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  else
    {
      /* "Default": an empty ring with a slash, in the text colour. */
      GdkRGBA fg;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
      G_GNUC_END_IGNORE_DEPRECATIONS
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_move_to (cr, width / 2.0 + radius * 0.7, height / 2.0 - radius * 0.7);
      cairo_line_to (cr, width / 2.0 - radius * 0.7, height / 2.0 + radius * 0.7);
      cairo_stroke (cr);
    }
}

static void
color_toggled_cb (GtkToggleButton  *button,
                  WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  const char *hex = g_object_get_data (G_OBJECT (button), "color");

  if (self->syncing || card == NULL || !gtk_toggle_button_get_active (button))
    return;
  waymark_document_set_string_step (self->document, card, "color", hex != NULL ? hex : "");
}

static void
add_color_button (WaymarkInspector *self,
                  const char       *hex,
                  const char       *name)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 22);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, (gpointer) hex, NULL);
  gtk_button_set_child (GTK_BUTTON (button), area);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "inspector-swatch");
  gtk_widget_set_tooltip_text (button, name);
  gtk_widget_set_name (button, hex != NULL ? hex : "default");
  set_label (button, name);
  g_object_set_data (G_OBJECT (button), "color", (gpointer) hex);
  if (self->color_buttons->len > 0)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->color_buttons->pdata[0]);
  g_signal_connect (button, "toggled", G_CALLBACK (color_toggled_cb), self);
  gtk_box_append (self->color_box, button);
  g_ptr_array_add (self->color_buttons, button);
}

static void
sync_color (WaymarkInspector *self,
            WaymarkCard      *card)
{
  const char *color = waymark_card_get_color (card);
  gboolean found = FALSE;

  for (guint i = 0; i < self->color_buttons->len; i++)
    {
      GtkToggleButton *button = self->color_buttons->pdata[i];
      const char *hex = g_object_get_data (G_OBJECT (button), "color");

      if ((hex == NULL && *color == '\0') || (hex != NULL && g_ascii_strcasecmp (hex, color) == 0))
        {
          gtk_toggle_button_set_active (button, TRUE);
          found = TRUE;
        }
    }
  /* A colour from the file that is not a swatch: none is ticked. */
  if (!found)
    for (guint i = 0; i < self->color_buttons->len; i++)
      gtk_toggle_button_set_active (self->color_buttons->pdata[i], FALSE);
}

/* ---- Card ---- */

static void
sync_card (WaymarkInspector *self,
           WaymarkCard      *card)
{
  sync_channel (self, card);
  adw_combo_row_set_selected (self->priority_row,
                              value_position (priorities, G_N_ELEMENTS (priorities),
                                              waymark_card_get_priority (card)));
  adw_combo_row_set_selected (self->status_row,
                              value_position (statuses, G_N_ELEMENTS (statuses),
                                              waymark_card_get_status (card)));
  gtk_switch_set_active (self->moment_switch, waymark_card_get_moment_of_truth (card));
  sync_emotion (self, card);
  sync_personas (self, card);
  sync_links (self, card);
  sync_color (self, card);
}

/* ---- Stage: KPIs ---- */

enum { KPI_NAME, KPI_VALUE, KPI_TARGET, N_KPI_FIELDS };

static const char *
kpi_field (const WaymarkKpi *kpi,
           guint             field)
{
  const char *text = field == KPI_NAME ? kpi->name : field == KPI_VALUE ? kpi->value : kpi->target;

  return text != NULL ? text : "";
}

/* Typing in a KPI's cells sets it at once; the history makes a burst of
 * typing in one KPI one step, and Enter or leaving the cell ends it. */
static void
kpi_entry_changed_cb (GtkEditable      *entry,
                      WaymarkInspector *self)
{
  WaymarkStage *stage = shown_stage (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "kpi-index"));
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "kpi-field"));
  const char *text = gtk_editable_get_text (entry);
  GPtrArray *kpis;
  g_autoptr(WaymarkKpi) kpi = NULL;
  char **slot;

  if (self->syncing || stage == NULL || waymark_document_index_of (self->document, stage) < 0)
    return;
  kpis = waymark_stage_get_kpis (stage);
  if (index >= kpis->len || g_strcmp0 (kpi_field (kpis->pdata[index], field), text) == 0)
    return;
  kpi = waymark_kpi_copy (kpis->pdata[index]);
  slot = field == KPI_NAME ? &kpi->name : field == KPI_VALUE ? &kpi->value : &kpi->target;
  g_free (*slot);
  *slot = g_strdup (text);
  waymark_document_set_kpi (self->document, stage, index, kpi);
}

static void
kpi_entry_end_burst (WaymarkInspector *self)
{
  if (self->document != NULL)
    waymark_history_break_coalescing (waymark_document_get_history (self->document));
}

static void
kpi_entry_activate_cb (GtkEditable      *entry,
                       WaymarkInspector *self)
{
  kpi_entry_end_burst (self);
}

static void
kpi_entry_leave_cb (GtkEventControllerFocus *controller,
                    WaymarkInspector        *self)
{
  kpi_entry_end_burst (self);
}

static void
remove_kpi_clicked_cb (GtkButton        *button,
                       WaymarkInspector *self)
{
  WaymarkStage *stage = shown_stage (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kpi-index"));

  if (stage != NULL && index < waymark_stage_get_kpis (stage)->len)
    waymark_document_remove_kpi (self->document, stage, index);
}

static GtkWidget *
kpi_entry_new (WaymarkInspector *self,
               guint             index,
               guint             field)
{
  static const char *placeholders[] = { N_("Name"), N_("Value"), N_("Target") };
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_autofree char *label = NULL;
  g_autofree char *name = g_strdup_printf ("kpi-%u-%u", index, field);

  /* TRANSLATORS: accessible labels of the KPI table's cells: "KPI 2 name". */
  if (field == KPI_NAME)
    label = g_strdup_printf (_("KPI %u name"), index + 1);
  else if (field == KPI_VALUE)
    label = g_strdup_printf (_("KPI %u value"), index + 1);
  else
    label = g_strdup_printf (_("KPI %u target"), index + 1);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _(placeholders[field]));
  gtk_widget_set_name (entry, name);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  if (field == KPI_NAME)
    {
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
    }
  else
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 3);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
    }
  set_label (entry, label);
  g_object_set_data (G_OBJECT (entry), "kpi-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (entry), "kpi-field", GUINT_TO_POINTER (field));
  g_signal_connect (entry, "changed", G_CALLBACK (kpi_entry_changed_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (kpi_entry_activate_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (kpi_entry_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  return entry;
}

static void
rebuild_kpis (WaymarkInspector *self,
              guint             n)
{
  clear_list_box (self->kpi_list);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *row_label = g_strdup_printf (_("KPI %u"), i + 1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove KPI %u"), i + 1);
      g_autofree char *remove_name = g_strdup_printf ("kpi-%u-remove", i);

      for (guint field = 0; field < N_KPI_FIELDS; field++)
        gtk_box_append (GTK_BOX (box), kpi_entry_new (self, i, field));

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, _("Remove KPI"));
      gtk_widget_set_name (remove, remove_name);
      set_label (remove, remove_label);
      g_object_set_data (G_OBJECT (remove), "kpi-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_kpi_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), remove);

      gtk_widget_add_css_class (box, "inspector-kpi");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      set_label (row, row_label);
      gtk_list_box_append (self->kpi_list, row);
    }
  self->n_kpi_rows = n;
}

static void
sync_kpis (WaymarkInspector *self,
           WaymarkStage     *stage)
{
  GPtrArray *kpis = waymark_stage_get_kpis (stage);
  GtkListBoxRow *row;

  if (kpis->len != self->n_kpi_rows)
    rebuild_kpis (self, kpis->len);

  for (guint i = 0; i < kpis->len && (row = gtk_list_box_get_row_at_index (self->kpi_list, i)) != NULL; i++)
    {
      GtkWidget *box = gtk_list_box_row_get_child (row);
      guint field = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (box);
           child != NULL && field < N_KPI_FIELDS;
           child = gtk_widget_get_next_sibling (child), field++)
        {
          const char *text = kpi_field (kpis->pdata[i], field);

          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), text) != 0)
            gtk_editable_set_text (GTK_EDITABLE (child), text);
        }
    }
}

static void
add_kpi_clicked_cb (WaymarkInspector *self)
{
  WaymarkStage *stage = shown_stage (self);
  g_autoptr(WaymarkKpi) kpi = NULL;
  GtkListBoxRow *row;

  if (stage == NULL)
    return;
  kpi = waymark_kpi_new (_("New KPI"), "", "");
  waymark_document_insert_kpi (self->document, stage, -1, kpi);

  /* The rows follow at once (through "changed"): start typing the name. */
  row = gtk_list_box_get_row_at_index (self->kpi_list, waymark_stage_get_kpis (stage)->len - 1);
  if (row != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (gtk_list_box_row_get_child (row)));
}

/* ---- Showing ---- */

static void
sync_shown (WaymarkInspector *self)
{
  WaymarkCard *card = shown_card (self);
  WaymarkStage *stage = shown_stage (self);

  self->syncing = TRUE;
  if (card != NULL)
    sync_card (self, card);
  else if (stage != NULL)
    sync_kpis (self, stage);
  sync_header (self);
  self->syncing = FALSE;
}

/* object: a card, a stage, the document, or NULL with n_selected > 1 for
 * a selection of several cards. */
static void
show_object (WaymarkInspector *self,
             gpointer          object,
             guint             n_selected)
{
  gboolean changed = (GObject *) object != self->shown;
  const char *page;


  if (changed)
    {
      g_clear_object (&self->shown);
      if (object != NULL)
        self->shown = g_object_ref (object);
      self->custom_channel = FALSE;
      g_clear_pointer (&self->channel_value, g_free);
      g_clear_pointer (&self->links_key, g_free);
      self->n_kpi_rows = G_MAXUINT;
    }
  self->n_selected = object == NULL ? n_selected : 0;

  /* Only the page shown is bound, so that no field keeps an object that
   * may leave the document. */
  bind_card_fields (self, shown_card (self));
  bind_stage_fields (self, shown_stage (self));
  bind_map_fields (self, WAYMARK_IS_DOCUMENT (object) ? self->document : NULL);

  if (WAYMARK_IS_CARD (object))
    page = "card";
  else if (WAYMARK_IS_STAGE (object))
    page = "stage";
  else if (object == NULL && self->document != NULL && n_selected > 1)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u card selected", "%u cards selected",
                                                          n_selected), n_selected);

      adw_status_page_set_title (self->several_page, title);
      page = "several";
    }
  else
    page = "map";

  if (changed)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->stack, page);

      /* A new object starts at the top of its page (the page's first
       * child is its scrolled window; scroll_to_top() needs Adw 1.3). */
      if (ADW_IS_PREFERENCES_PAGE (child) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_first_child (child)))
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                                    GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (child))), 0);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), self->document != NULL);
  gtk_stack_set_visible_child_name (self->stack, page);
  sync_shown (self);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static void
document_changed_cb (WaymarkInspector *self)
{
  /* The object shown was removed (or the document reloaded): show the
   * map rather than keep an object the document no longer has. */
  if (self->shown != NULL && (gpointer) self->shown != (gpointer) self->document &&
      waymark_document_index_of (self->document, self->shown) < 0)
    {
      show_object (self, self->document, 0);
      return;
    }
  sync_shown (self);
}

static void
follow_selection (WaymarkInspector *self)
{
  g_autoptr(GPtrArray) selection = NULL;
  guint n = 0;
  WaymarkCard *card = NULL;

  if (self->canvas == NULL || self->document == NULL ||
      waymark_canvas_get_document (self->canvas) != self->document)
    return;

  selection = waymark_canvas_get_selection (self->canvas);
  for (guint i = 0; i < selection->len; i++)
    if (waymark_document_index_of (self->document, selection->pdata[i]) >= 0)
      {
        card = selection->pdata[i];
        n++;
      }

  if (n == 1)
    show_object (self, card, 1);
  else if (n == 0)
    show_object (self, self->document, 0);
  else
    show_object (self, NULL, n);
}

static void
selection_changed_cb (WaymarkInspector *self)
{
  follow_selection (self);
}

/* ---- GObject ---- */

static void
waymark_inspector_dispose (GObject *object)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  if (self->canvas != NULL)
    g_clear_signal_handler (&self->selection_id, self->canvas);
  g_clear_object (&self->canvas);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->shown);
  if (self->link_filter_model != NULL)
    gtk_filter_list_model_set_model (self->link_filter_model, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_INSPECTOR);

  G_OBJECT_CLASS (waymark_inspector_parent_class)->dispose (object);
}

static void
waymark_inspector_finalize (GObject *object)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  g_clear_object (&self->link_selection);
  g_clear_pointer (&self->color_buttons, g_ptr_array_unref);
  g_free (self->personas_key);
  g_free (self->links_key);
  g_free (self->channel_value);
  g_free (self->link_search_text);

  G_OBJECT_CLASS (waymark_inspector_parent_class)->finalize (object);
}

static void
waymark_inspector_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_SHOWN:
      g_value_set_object (value, self->shown);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_inspector_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  WaymarkInspector *self = WAYMARK_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_inspector_set_document (self, g_value_get_object (value));
      break;
    case PROP_CANVAS:
      waymark_inspector_set_canvas (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_inspector_class_init (WaymarkInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_inspector_dispose;
  object_class->finalize = waymark_inspector_finalize;
  object_class->get_property = waymark_inspector_get_property;
  object_class->set_property = waymark_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, WAYMARK_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWN] =
    g_param_spec_object ("shown", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inspector");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, main_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, header_icon);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, header_title);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, header_subtitle);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, card_title_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, card_notes_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, channel_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, channel_entry_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, priority_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, status_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, owner_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, moment_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, moment_switch);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, emotion_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, emotion_none_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, emotion_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, personas_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, links_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, add_link_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, link_popover);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, link_search);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, link_stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, link_list_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, color_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, stage_name_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, stage_description_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, kpi_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, add_kpi_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, map_title_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, map_description_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkInspector, several_page);
  gtk_widget_class_bind_template_callback (widget_class, channel_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, priority_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, moment_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_kpi_clicked_cb);
}

static GtkWidget *
placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "inspector-placeholder");
  return label;
}

static GListModel *
string_list_new (const char * const *values,
                 guint               n_values,
                 const char *      (*get_label) (const char *))
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *label = NULL;

      if (*values[i] == '\0')
        label = g_strdup (C_("priority or status", "None"));
      else
        label = capitalize (get_label (values[i]));
      gtk_string_list_append (list, label);
    }
  return G_LIST_MODEL (list);
}

static void
waymark_inspector_init (WaymarkInspector *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) channel_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) link_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) priority_model = NULL;
  g_autoptr(GListModel) status_model = NULL;
  GtkEventController *key;

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Channel: none, the known channels with their icons, custom. */
  gtk_string_list_append (channels, "");
  for (guint i = 0; i < waymark_channel_get_n_known (); i++)
    gtk_string_list_append (channels, waymark_channel_get_known (i));
  gtk_string_list_append (channels, CHANNEL_CUSTOM);
  g_signal_connect (channel_factory, "setup", G_CALLBACK (channel_item_setup_cb), NULL);
  g_signal_connect (channel_factory, "bind", G_CALLBACK (channel_item_bind_cb), NULL);
  adw_combo_row_set_factory (self->channel_row, channel_factory);
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));

  priority_model = string_list_new (priorities, G_N_ELEMENTS (priorities), waymark_priority_get_label);
  adw_combo_row_set_model (self->priority_row, priority_model);
  status_model = string_list_new (statuses, G_N_ELEMENTS (statuses), waymark_status_get_label);
  adw_combo_row_set_model (self->status_row, status_model);

  /* Emotion: -2 … +2, in one group with "None". */
  for (guint i = 0; i < G_N_ELEMENTS (emotions); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *name = g_strdup_printf ("emotion%+d", (int) i + WAYMARK_EMOTION_MIN);

      gtk_button_set_label (GTK_BUTTON (button), emotions[i].number);
      gtk_widget_add_css_class (button, "numeric");
      gtk_widget_set_tooltip_text (button, _(emotions[i].label));
      gtk_widget_set_name (button, name);
      set_label (button, _(emotions[i].label));
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), self->emotion_none_button);
      g_signal_connect (button, "toggled", G_CALLBACK (emotion_toggled_cb), self);
      gtk_box_append (self->emotion_box, button);
      self->emotion_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
  g_signal_connect (self->emotion_none_button, "toggled", G_CALLBACK (emotion_toggled_cb), self);
  set_label (self->emotion_none_button, _("No emotion"));
  set_label (self->emotion_box, _("Emotion"));

  /* Colour: "Default", then the palette. */
  self->color_buttons = g_ptr_array_new ();
  add_color_button (self, NULL, _("Default colour"));
  for (guint i = 0; i < waymark_card_colors_get_n (); i++)
    add_color_button (self, waymark_card_colors_get_hex (i), waymark_card_colors_get_name (i));

  /* Screen readers name each field. */
  set_label (self->card_title_row, _("Card title"));
  set_label (self->card_notes_view, _("Notes"));
  set_label (self->channel_row, _("Channel"));
  set_label (self->channel_entry_row, _("Custom channel"));
  set_label (self->priority_row, _("Priority"));
  set_label (self->status_row, _("Status"));
  set_label (self->owner_row, _("Owner"));
  set_label (self->moment_switch, _("Moment of truth"));
  set_label (self->evidence_view, _("Evidence"));
  set_label (self->stage_name_row, _("Stage name"));
  set_label (self->stage_description_view, _("Stage description"));
  set_label (self->map_title_row, _("Map title"));
  set_label (self->map_description_view, _("Map description"));

  gtk_list_box_set_placeholder (self->links_list, placeholder_new (_("No links")));
  gtk_list_box_set_placeholder (self->kpi_list, placeholder_new (_("No KPIs")));

  /* The link picker. */
  self->link_filter = gtk_custom_filter_new (link_filter_func, self, NULL);
  self->link_filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->link_filter));
  self->link_selection = gtk_single_selection_new (G_LIST_MODEL (self->link_filter_model));
  g_signal_connect (link_factory, "setup", G_CALLBACK (link_item_setup_cb), NULL);
  g_signal_connect (link_factory, "bind", G_CALLBACK (link_item_bind_cb), self);
  gtk_list_view_set_factory (self->link_list_view, link_factory);
  gtk_list_view_set_model (self->link_list_view, GTK_SELECTION_MODEL (self->link_selection));
  gtk_search_entry_set_key_capture_widget (self->link_search, GTK_WIDGET (self->link_list_view));
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (link_search_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->link_search), key);

  self->syncing = FALSE;
  show_object (self, NULL, 0);
}

/* ---- Public API ---- */

GtkWidget *
waymark_inspector_new (void)
{
  return g_object_new (WAYMARK_TYPE_INSPECTOR, NULL);
}

WaymarkDocument *
waymark_inspector_get_document (WaymarkInspector *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSPECTOR (self), NULL);

  return self->document;
}

void
waymark_inspector_set_document (WaymarkInspector *self,
                                WaymarkDocument  *document)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  /* Unbind first: the fields must let go of the old document's objects. */
  show_object (self, NULL, 0);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->personas_key, g_free);

  gtk_filter_list_model_set_model (self->link_filter_model,
                                   document != NULL ? waymark_document_get_cards (document) : NULL);
  if (document != NULL)
    self->changed_id = g_signal_connect_swapped (document, "changed",
                                                 G_CALLBACK (document_changed_cb), self);

  show_object (self, document, 0);
  follow_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WaymarkCanvas *
waymark_inspector_get_canvas (WaymarkInspector *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSPECTOR (self), NULL);

  return self->canvas;
}

void
waymark_inspector_set_canvas (WaymarkInspector *self,
                              WaymarkCanvas    *canvas)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (canvas == NULL || WAYMARK_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  if (self->canvas != NULL)
    g_clear_signal_handler (&self->selection_id, self->canvas);
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    self->selection_id = g_signal_connect_swapped (canvas, "selection-changed",
                                                   G_CALLBACK (selection_changed_cb), self);
  /* Link rows are activatable only with a canvas to reveal cards on. */
  g_clear_pointer (&self->links_key, g_free);
  sync_shown (self);
  follow_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

void
waymark_inspector_show (WaymarkInspector *self,
                        gpointer          object)
{
  g_return_if_fail (WAYMARK_IS_INSPECTOR (self));
  g_return_if_fail (object == NULL || WAYMARK_IS_CARD (object) || WAYMARK_IS_STAGE (object) ||
                    object == self->document);

  if (self->document == NULL)
    return;
  if (object == NULL || (object != self->document &&
                         waymark_document_index_of (self->document, object) < 0))
    object = self->document;
  show_object (self, object, 0);
}

gpointer
waymark_inspector_get_shown (WaymarkInspector *self)
{
  g_return_val_if_fail (WAYMARK_IS_INSPECTOR (self), NULL);

  return self->shown;
}
