/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inspector, beside a canvas in a real window (under Xvfb), on the
 * grocery example: it shows what the document holds, every kind of edit
 * it offers changes the document and one undo gives back exactly what
 * was there, and it follows the document and the canvas's selection. */
#include "config.h"

#include <adwaita.h>

#include "test-examples.h"
#include "test-panel.h"
#include "test-util.h"
#include "waymark-canvas.h"
#include "waymark-inspector.h"

typedef struct
{
  GtkWidget        *window;
  WaymarkCanvas    *canvas;
  WaymarkInspector *inspector;
  WaymarkDocument  *document;
  WaymarkHistory   *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = test_examples_load ("grocery-first-order.jmap");
  f->history = waymark_document_get_history (f->document);
  f->inspector = WAYMARK_INSPECTOR (waymark_inspector_new ());
  g_object_add_weak_pointer (G_OBJECT (f->inspector), (gpointer *) &f->inspector);
  waymark_inspector_set_document (f->inspector, f->document);
  f->window = test_panel_window_new (f->document, GTK_WIDGET (f->inspector), 360, FALSE, 1400, 1000,
                                     &f->canvas, NULL);
  waymark_inspector_set_canvas (f->inspector, f->canvas);
  drain_main_context ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_main_context ();
  g_assert_null (f->inspector);
  g_assert_finalize_object (f->document);
}

/* ---- Finding things ---- */

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->inspector),
                                                   WAYMARK_TYPE_INSPECTOR, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
find_named_in (GtkWidget  *widget,
               const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named_in (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
named (Fixture    *f,
       const char *name)
{
  GtkWidget *found = find_named_in (GTK_WIDGET (f->inspector), name);

  g_assert_nonnull (found);
  return found;
}

static WaymarkCard *
card (Fixture    *f,
      const char *id)
{
  WaymarkCard *c = waymark_document_lookup_card (f->document, id);

  g_assert_nonnull (c);
  return c;
}

static WaymarkStage *
stage (Fixture    *f,
       const char *id)
{
  WaymarkStage *s = waymark_document_lookup_stage (f->document, id);

  g_assert_nonnull (s);
  return s;
}

static char *
text_of (gpointer widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (widget);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

#define assert_text(widget, expected) \
  G_STMT_START { g_autofree char *t_ = text_of (widget); g_assert_cmpstr (t_, ==, expected); } G_STMT_END

/* Appends text one character at a time, as typing does. */
static void
type_text (gpointer    widget,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int length = g_utf8_next_char (p) - p;

      if (GTK_IS_TEXT_VIEW (widget))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (widget);
          GtkTextIter end;

          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert (buffer, &end, p, length);
        }
      else
        {
          int position = (int) g_utf8_strlen (gtk_editable_get_text (widget), -1);

          gtk_editable_insert_text (widget, p, length, &position);
        }
    }
}

/* As a click does; gtk_widget_activate() on a button clicks only after
 * a short animation. */
static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static const char *
links_string (WaymarkCard *c)
{
  static char buffer[256];
  g_autofree char *joined = g_strjoinv (",", (char **) waymark_card_get_links (c));

  g_strlcpy (buffer, joined, sizeof buffer);
  return buffer;
}

/* ---- Showing values ---- */

static void
test_card_values (Fixture       *f,
                  gconstpointer  data)
{
  GtkListBox *links = child (f, "links_list");
  AdwActionRow *row;

  waymark_inspector_show (f->inspector, card (f, "c-p1"));
  g_assert_true (waymark_inspector_get_shown (f->inspector) == card (f, "c-p1"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "card");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_title")), ==, "Card");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "Pain points · Consideration");
  assert_text (child (f, "card_title_row"), "Delivery fee shown only at checkout");
  assert_text (child (f, "evidence_view"), "Exit survey, Oct 2026 (n=412): 31 % name surprise fees");
  assert_text (child (f, "card_notes_view"), "");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "priority_row")), ==, 3); /* high */
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "status_row")), ==, 1);   /* open */
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 0);  /* none */
  g_assert_false (gtk_widget_get_visible (child (f, "channel_entry_row")));
  g_assert_true (gtk_toggle_button_get_active (child (f, "emotion_none_button")));
  g_assert_false (gtk_switch_get_active (child (f, "moment_switch")));
  g_assert_true (gtk_toggle_button_get_active (named (f, "default")));
  g_assert_cmpuint (n_rows (links), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (links, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Landing page and price list");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Touchpoints · Consideration");
  /* No persona listed: both unticked (the card is for everyone). */
  g_assert_false (gtk_check_button_get_active (named (f, "p-maria")));
  g_assert_false (gtk_check_button_get_active (named (f, "p-george")));

  waymark_inspector_show (f->inspector, card (f, "c-t1"));
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 3); /* social */
  g_assert_false (gtk_widget_get_visible (child (f, "channel_entry_row")));
  g_assert_true (gtk_check_button_get_active (named (f, "p-maria")));
  g_assert_false (gtk_check_button_get_active (named (f, "p-george")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "priority_row")), ==, 0);
  g_assert_cmpuint (n_rows (links), ==, 0);

  waymark_inspector_show (f->inspector, card (f, "c-t5"));
  g_assert_true (gtk_switch_get_active (child (f, "moment_switch")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 6); /* mobile-app */

  waymark_inspector_show (f->inspector, card (f, "c-e3"));
  g_assert_true (gtk_toggle_button_get_active (named (f, "emotion-2")));
  g_assert_false (gtk_toggle_button_get_active (child (f, "emotion_none_button")));
  g_assert_cmpstr (gtk_label_get_label (child (f, "emotion_label")), ==, "Very negative (−2)");

  waymark_inspector_show (f->inspector, card (f, "c-s2"));
  assert_text (child (f, "owner_row"), "Logistics");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "status_row")), ==, 3); /* in-progress */

  waymark_inspector_show (f->inspector, card (f, "c-b1"));
  assert_text (child (f, "card_notes_view"), "Planning runs nightly at 02:00.");

  /* A stage, then the map. */
  waymark_inspector_show (f->inspector, stage (f, "st-retain"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "stage");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_title")), ==, "Stage");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "Column 4 of 5");
  assert_text (child (f, "stage_name_row"), "Retention");
  assert_text (child (f, "stage_description_view"), "Delivery, unpacking, second order.");
  g_assert_cmpuint (n_rows (child (f, "kpi_list")), ==, 2);
  assert_text (named (f, "kpi-0-0"), "CSAT");
  assert_text (named (f, "kpi-0-1"), "4.1 / 5");
  assert_text (named (f, "kpi-0-2"), "4.5 / 5");
  assert_text (named (f, "kpi-1-0"), "Repeat order within 30 days");
  assert_text (named (f, "kpi-1-2"), "");

  waymark_inspector_show (f->inspector, NULL);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "map");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_title")), ==, "Map");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "5 stages · 7 lanes · 30 cards");
  assert_text (child (f, "map_title_row"), "Online grocery: the first order");
  assert_text (child (f, "map_description_view"), waymark_document_get_description (f->document));
}

/* ---- Editing a card ---- */

static void
check_typing (Fixture     *f,
              gpointer     widget,
              gpointer     object,
              const char  *property,
              const char  *typed)
{
  g_autofree char *before = test_util_dump (f->document);
  g_autofree char *old_value = NULL;
  g_autofree char *value = NULL;
  g_autofree char *expected = NULL;
  guint n_undo = waymark_history_get_n_undo (f->history);

  waymark_history_break_coalescing (f->history);
  g_object_get (object, property, &old_value, NULL);
  type_text (widget, typed);
  expected = g_strconcat (old_value, typed, NULL);
  g_object_get (object, property, &value, NULL);
  g_assert_cmpstr (value, ==, expected);
  /* Several characters, one step. */
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_text (widget, old_value);
}

static void
test_card_text (Fixture       *f,
                gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-p1");

  waymark_inspector_show (f->inspector, c);
  check_typing (f, child (f, "card_title_row"), c, "title", " (web)");
  check_typing (f, child (f, "card_notes_view"), c, "notes", "Seen in\nthree interviews");
  check_typing (f, child (f, "owner_row"), c, "owner", "Pricing");
  check_typing (f, child (f, "evidence_view"), c, "evidence", "; call logs");
}

/* Runs an edit and checks that it changed the document, in one step
 * that undo takes back exactly. */
#define CHECK_EDIT(f, edit, check)                                      \
  G_STMT_START {                                                        \
    g_autofree char *before_ = test_util_dump ((f)->document);          \
    guint n_undo_ = waymark_history_get_n_undo ((f)->history);          \
    edit;                                                               \
    check;                                                              \
    test_util_assert_one_step_undone ((f)->document, before_, n_undo_);  \
  } G_STMT_END

static void
test_card_choices (Fixture       *f,
                   gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-t1");
  AdwComboRow *channel = child (f, "channel_row");
  AdwEntryRow *custom = child (f, "channel_entry_row");

  waymark_inspector_show (f->inspector, c);

  /* Channel, a known one: "email" is the second. */
  CHECK_EDIT (f, adw_combo_row_set_selected (channel, 2),
              g_assert_cmpstr (waymark_card_get_channel (c), ==, "email"));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, 3);
  CHECK_EDIT (f, adw_combo_row_set_selected (channel, 0),
              g_assert_cmpstr (waymark_card_get_channel (c), ==, ""));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, 3);

  /* Free text: "Custom…" opens the entry, typing sets the channel. */
  adw_combo_row_set_selected (channel, 16);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (custom)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (custom)));
  g_assert_cmpstr (waymark_card_get_channel (c), ==, "social");
  CHECK_EDIT (f, { gtk_editable_set_text (GTK_EDITABLE (custom), ""); type_text (custom, "Word of mouth"); },
              g_assert_cmpstr (waymark_card_get_channel (c), ==, "Word of mouth"));
  g_assert_cmpstr (waymark_card_get_channel (c), ==, "social");
  /* While the entry has the focus it stays open, whatever its value. */
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, 16);
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "card_title_row")));
  /* Free text from the file shows in the entry. */
  waymark_document_set_string (f->document, c, "channel", "Radio");
  waymark_inspector_show (f->inspector, card (f, "c-t2"));
  waymark_inspector_show (f->inspector, c);
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, 16);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (custom)));
  assert_text (custom, "Radio");
  g_assert_true (waymark_history_undo (f->history));
  g_assert_cmpuint (adw_combo_row_get_selected (channel), ==, 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (custom)));

  /* Priority and status. */
  CHECK_EDIT (f, adw_combo_row_set_selected (child (f, "priority_row"), 1),
              g_assert_cmpstr (waymark_card_get_priority (c), ==, "low"));
  CHECK_EDIT (f, adw_combo_row_set_selected (child (f, "status_row"), 4),
              g_assert_cmpstr (waymark_card_get_status (c), ==, "done"));
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "status_row")), ==, 0);

  /* Moment of truth. */
  CHECK_EDIT (f, gtk_switch_set_active (child (f, "moment_switch"), TRUE),
              g_assert_true (waymark_card_get_moment_of_truth (c)));
  g_assert_false (gtk_switch_get_active (child (f, "moment_switch")));

  /* Personas: ticking one limits the card to it. */
  CHECK_EDIT (f, gtk_check_button_set_active (named (f, "p-george"), TRUE),
              g_assert_true (g_strv_contains (waymark_card_get_personas (c), "p-george")));
  CHECK_EDIT (f, gtk_check_button_set_active (named (f, "p-maria"), FALSE),
              g_assert_cmpuint (g_strv_length ((char **) waymark_card_get_personas (c)), ==, 0));
  g_assert_true (gtk_check_button_get_active (named (f, "p-maria")));

  /* Colour: a swatch, then back to the default. */
  CHECK_EDIT (f, click (named (f, "#2ec27e")),
              g_assert_cmpstr (waymark_card_get_color (c), ==, "#2ec27e"));
  g_assert_true (gtk_toggle_button_get_active (named (f, "default")));
  click (named (f, "#e01b24"));
  g_assert_cmpstr (waymark_card_get_color (c), ==, "#e01b24");
  CHECK_EDIT (f, click (named (f, "default")),
              g_assert_cmpstr (waymark_card_get_color (c), ==, ""));
  g_assert_true (gtk_toggle_button_get_active (named (f, "#e01b24")));
}

static void
test_card_emotion (Fixture       *f,
                   gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-e1");
  WaymarkCard *plain = card (f, "c-a1");

  waymark_inspector_show (f->inspector, c);
  g_assert_true (gtk_toggle_button_get_active (named (f, "emotion+1")));
  g_assert_true (gtk_widget_get_focusable (named (f, "emotion+1")));

  CHECK_EDIT (f, click (named (f, "emotion-2")),
              {
                g_assert_true (waymark_card_get_has_emotion (c));
                g_assert_cmpint (waymark_card_get_emotion (c), ==, -2);
              });
  g_assert_true (gtk_toggle_button_get_active (named (f, "emotion+1")));

  /* Clearing it. */
  CHECK_EDIT (f, click (child (f, "emotion_none_button")),
              g_assert_false (waymark_card_get_has_emotion (c)));
  g_assert_true (gtk_toggle_button_get_active (named (f, "emotion+1")));
  g_assert_false (gtk_toggle_button_get_active (child (f, "emotion_none_button")));

  /* Setting one on a card without. */
  waymark_inspector_show (f->inspector, plain);
  g_assert_true (gtk_toggle_button_get_active (child (f, "emotion_none_button")));
  CHECK_EDIT (f, click (named (f, "emotion+2")),
              {
                g_assert_true (waymark_card_get_has_emotion (plain));
                g_assert_cmpint (waymark_card_get_emotion (plain), ==, 2);
              });
  g_assert_true (gtk_toggle_button_get_active (child (f, "emotion_none_button")));
}

static GtkEventController *
capture_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  g_assert_not_reached ();
}

static void
test_card_links (Fixture       *f,
                 gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-a3");
  GtkListBox *links = child (f, "links_list");
  GtkPopover *popover = child (f, "link_popover");
  GtkWidget *search = child (f, "link_search");
  GtkListView *list_view = child (f, "link_list_view");
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);
  GtkEventController *keys;
  gboolean handled = FALSE;

  waymark_inspector_show (f->inspector, c);
  g_assert_cmpuint (n_rows (links), ==, 0);

  /* Add: open the picker, type, go down one, Enter. */
  gtk_menu_button_popup (child (f, "add_link_button"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  /* All other cards are offered. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 29);
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));
  gtk_editable_set_text (GTK_EDITABLE (search), "CHECKOUT");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 2);
  {
    g_autoptr(WaymarkCard) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(WaymarkCard) second = g_list_model_get_item (G_LIST_MODEL (model), 1);

    g_assert_cmpstr (waymark_card_get_id (first), ==, "c-t5");
    g_assert_cmpstr (waymark_card_get_id (second), ==, "c-p1");
  }
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 0);
  keys = capture_key_controller (search);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model)), ==, 1);
  {
    g_autofree char *before = test_util_dump (f->document);
    guint n_undo = waymark_history_get_n_undo (f->history);

    g_signal_emit_by_name (search, "activate");
    g_assert_cmpstr (links_string (c), ==, "c-p1");
    WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_assert_cmpuint (n_rows (links), ==, 1);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (links, 0))),
                     ==, "Delivery fee shown only at checkout");
    test_util_assert_one_step_undone (f->document, before, n_undo);
    g_assert_cmpuint (n_rows (links), ==, 0);
  }

  /* Already linked cards are not offered again; a click links too. */
  waymark_document_link_cards (f->document, c, card (f, "c-t5"));
  gtk_menu_button_popup (child (f, "add_link_button"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 28);
  gtk_editable_set_text (GTK_EDITABLE (search), "checkout");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 1);
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_cmpstr (links_string (c), ==, "c-t5,c-p1");
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (n_rows (links), ==, 2);

  /* Remove: the row's button. */
  CHECK_EDIT (f, click (named (f, "c-t5")),
              {
                g_assert_cmpstr (links_string (c), ==, "c-p1");
                g_assert_cmpuint (n_rows (links), ==, 1);
              });
  g_assert_cmpuint (n_rows (links), ==, 2);

  /* Searching for nothing known. */
  gtk_menu_button_popup (child (f, "add_link_button"));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  gtk_editable_set_text (GTK_EDITABLE (search), "zzz");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "link_stack")), ==, "empty");
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (links_string (c), ==, "c-t5,c-p1");
  gtk_popover_popdown (popover);
}

/* ---- Stage and map ---- */

static void
test_stage (Fixture       *f,
            gconstpointer  data)
{
  WaymarkStage *s = stage (f, "st-retain");
  GtkListBox *kpis = child (f, "kpi_list");
  GtkWidget *entry;

  waymark_inspector_show (f->inspector, s);
  check_typing (f, child (f, "stage_name_row"), s, "name", " phase");
  check_typing (f, child (f, "stage_description_view"), s, "description", " Second order too.");

  /* Typing in a KPI cell changes the map at once, as one step; Enter
   * ends the step. */
  {
    g_autofree char *before = test_util_dump (f->document);
    guint n_undo = waymark_history_get_n_undo (f->history);
    WaymarkKpi *kpi;

    entry = named (f, "kpi-0-1");
    gtk_widget_grab_focus (entry);
    type_text (entry, "0!");
    kpi = g_ptr_array_index (waymark_stage_get_kpis (s), 0);
    g_assert_cmpstr (kpi->value, ==, "4.1 / 50!");
    g_assert_cmpstr (kpi->name, ==, "CSAT");
    g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 1);
    g_signal_emit_by_name (entry, "activate");
    type_text (entry, "?");
    g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 2);
    g_assert_true (waymark_history_undo (f->history));
    test_util_assert_one_step_undone (f->document, before, n_undo);
    assert_text (named (f, "kpi-0-1"), "4.1 / 5");
  }

  /* Leaving the cell ends the step too. */
  {
    g_autofree char *before = test_util_dump (f->document);
    guint n_undo = waymark_history_get_n_undo (f->history);

    entry = named (f, "kpi-1-2");
    gtk_widget_grab_focus (entry);
    type_text (entry, "50 %");
    gtk_widget_grab_focus (GTK_WIDGET (child (f, "stage_name_row")));
    g_assert_cmpstr (((WaymarkKpi *) g_ptr_array_index (waymark_stage_get_kpis (s), 1))->target, ==, "50 %");
    gtk_widget_grab_focus (entry);
    type_text (entry, "!");
    g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 2);
    g_assert_true (waymark_history_undo (f->history));
    test_util_assert_one_step_undone (f->document, before, n_undo);
    assert_text (named (f, "kpi-1-2"), "");
  }

  /* Adding one: a new row, with the focus in its name. */
  CHECK_EDIT (f, click (child (f, "add_kpi_button")),
              {
                g_assert_cmpuint (waymark_stage_get_kpis (s)->len, ==, 3);
                g_assert_cmpuint (n_rows (kpis), ==, 3);
                g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                                       named (f, "kpi-2-0")) ||
                               gtk_root_get_focus (GTK_ROOT (f->window)) == named (f, "kpi-2-0"));
                assert_text (named (f, "kpi-2-0"), "New KPI");
              });
  g_assert_cmpuint (n_rows (kpis), ==, 2);
  gtk_widget_grab_focus (GTK_WIDGET (child (f, "stage_name_row")));

  /* Removing one. */
  CHECK_EDIT (f, click (named (f, "kpi-0-remove")),
              {
                g_assert_cmpuint (waymark_stage_get_kpis (s)->len, ==, 1);
                g_assert_cmpuint (n_rows (kpis), ==, 1);
                assert_text (named (f, "kpi-0-0"), "Repeat order within 30 days");
              });
  g_assert_cmpuint (n_rows (kpis), ==, 2);
  assert_text (named (f, "kpi-0-0"), "CSAT");
}

static void
test_map (Fixture       *f,
          gconstpointer  data)
{
  waymark_inspector_show (f->inspector, f->document);
  check_typing (f, child (f, "map_title_row"), f->document, "title", " (v2)");
  check_typing (f, child (f, "map_description_view"), f->document, "description", "\nWorkshop notes.");
}

/* ---- Following the document and the canvas ---- */

static void
test_follows_document (Fixture       *f,
                       gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-p1");
  WaymarkStage *s = stage (f, "st-consider");
  g_autoptr(WaymarkKpi) kpi = waymark_kpi_new ("Bounce rate", "40 %", "30 %");

  waymark_inspector_show (f->inspector, c);
  waymark_document_set_string (f->document, c, "title", "Fee shown late");
  assert_text (child (f, "card_title_row"), "Fee shown late");
  waymark_document_set_string (f->document, c, "priority", "low");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "priority_row")), ==, 1);
  waymark_document_set_string (f->document, c, "status", "done");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "status_row")), ==, 4);
  waymark_document_set_string (f->document, c, "channel", "email");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 2);
  waymark_document_set_card_emotion (f->document, c, TRUE, -1);
  g_assert_true (gtk_toggle_button_get_active (named (f, "emotion-1")));
  waymark_document_set_boolean (f->document, c, "moment-of-truth", TRUE);
  g_assert_true (gtk_switch_get_active (child (f, "moment_switch")));
  waymark_document_set_card_persona (f->document, c, "p-george", TRUE);
  g_assert_true (gtk_check_button_get_active (named (f, "p-george")));
  waymark_document_set_string (f->document, c, "color", "#9141ac");
  g_assert_true (gtk_toggle_button_get_active (named (f, "#9141ac")));
  waymark_document_link_cards (f->document, c, card (f, "c-a2"));
  g_assert_cmpuint (n_rows (child (f, "links_list")), ==, 2);
  /* A linked card's new title, a lane renamed, a persona added. */
  waymark_document_set_string (f->document, card (f, "c-a2"), "title", "Compares apps");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (child (f, "links_list"), 1))),
                   ==, "Compares apps");
  waymark_document_set_string (f->document, s, "name", "Comparing");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "Pain points · Comparing");
  waymark_document_add_persona (f->document, "Sam, the student", -1);
  g_assert_cmpuint (n_rows (child (f, "personas_list")), ==, 3);

  /* Undo all of it: every field is back. */
  while (waymark_history_get_can_undo (f->history))
    waymark_history_undo (f->history);
  assert_text (child (f, "card_title_row"), "Delivery fee shown only at checkout");
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "priority_row")), ==, 3);
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "status_row")), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 0);
  g_assert_true (gtk_toggle_button_get_active (child (f, "emotion_none_button")));
  g_assert_false (gtk_switch_get_active (child (f, "moment_switch")));
  g_assert_false (gtk_check_button_get_active (named (f, "p-george")));
  g_assert_true (gtk_toggle_button_get_active (named (f, "default")));
  g_assert_cmpuint (n_rows (child (f, "links_list")), ==, 1);
  g_assert_cmpuint (n_rows (child (f, "personas_list")), ==, 2);
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "Pain points · Consideration");

  /* A stage's KPIs and name from the model, and undo. */
  waymark_inspector_show (f->inspector, s);
  waymark_document_insert_kpi (f->document, s, 0, kpi);
  g_assert_cmpuint (n_rows (child (f, "kpi_list")), ==, 2);
  assert_text (named (f, "kpi-0-0"), "Bounce rate");
  assert_text (named (f, "kpi-1-0"), "Site visits to sign-up");
  waymark_document_set_string (f->document, s, "name", "Comparing");
  assert_text (child (f, "stage_name_row"), "Comparing");
  waymark_history_undo (f->history);
  waymark_history_undo (f->history);
  g_assert_cmpuint (n_rows (child (f, "kpi_list")), ==, 1);
  assert_text (named (f, "kpi-0-0"), "Site visits to sign-up");
  assert_text (child (f, "stage_name_row"), "Consideration");

  /* The map. */
  waymark_inspector_show (f->inspector, f->document);
  waymark_document_set_string (f->document, f->document, "title", "Grocery");
  assert_text (child (f, "map_title_row"), "Grocery");
  waymark_document_add_card (f->document, "st-aware", "ln-act", "New", -1);
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "5 stages · 7 lanes · 31 cards");
  waymark_history_undo (f->history);
  waymark_history_undo (f->history);
  assert_text (child (f, "map_title_row"), "Online grocery: the first order");
}

static void
test_follows_selection (Fixture       *f,
                        gconstpointer  data)
{
  WaymarkCard *cards[3] = { card (f, "c-a1"), card (f, "c-t2"), card (f, "c-p3") };

  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  g_assert_true (waymark_inspector_get_canvas (f->inspector) == f->canvas);

  waymark_canvas_set_selection (f->canvas, cards + 1, 1);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == cards[1]);
  assert_text (child (f, "card_title_row"), "Flyer in the letterbox");

  waymark_canvas_set_selection (f->canvas, cards, 3);
  g_assert_null (waymark_inspector_get_shown (f->inspector));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "several");
  g_assert_cmpstr (adw_status_page_get_title (child (f, "several_page")), ==, "3 cards selected");
  g_assert_cmpstr (gtk_label_get_label (child (f, "header_subtitle")), ==, "3 cards");

  waymark_canvas_set_selection (f->canvas, NULL, 0);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "map");

  /* The canvas's "reveal" of a linked card selects it, so the link rows
   * lead there. */
  waymark_inspector_show (f->inspector, card (f, "c-s1"));
  g_signal_emit_by_name (child (f, "links_list"), "row-activated",
                         gtk_list_box_get_row_at_index (child (f, "links_list"), 0));
  g_assert_true (waymark_inspector_get_shown (f->inspector) == card (f, "c-p1"));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-p1")));

  /* Without a canvas, explicit showing only. */
  waymark_inspector_set_canvas (f->inspector, NULL);
  waymark_canvas_set_selection (f->canvas, cards, 1);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == card (f, "c-p1"));
  waymark_inspector_set_canvas (f->inspector, f->canvas);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == cards[0]);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_shown_removed (Fixture       *f,
                    gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-p2");
  WaymarkStage *s = stage (f, "st-advocate");
  guint notified = 0;

  waymark_inspector_show (f->inspector, c);
  g_signal_connect_swapped (f->inspector, "notify::shown", G_CALLBACK (count_cb), &notified);

  waymark_document_remove_card (f->document, c);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "map");
  /* The card's fields let go of it. */
  assert_text (child (f, "card_title_row"), "");
  waymark_history_undo (f->history);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);

  /* A card whose stage goes, and the stage itself. */
  waymark_inspector_show (f->inspector, card (f, "c-e5"));
  waymark_document_remove_stage (f->document, s);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  waymark_history_undo (f->history);
  waymark_inspector_show (f->inspector, s);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "stack")), ==, "stage");
  waymark_document_remove_stage (f->document, s);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);

  /* Deleting the selected card on the canvas. */
  waymark_canvas_set_selection (f->canvas, &c, 1);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == c);
  waymark_document_remove_cards (f->document, &c, 1);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) f->document);
  drain_main_context ();
}

static void
test_document_replaced (Fixture       *f,
                        gconstpointer  data)
{
  WaymarkDocument *other = test_examples_load ("grocery-first-order.jmap");
  WaymarkDocument *first = f->document;

  waymark_inspector_show (f->inspector, card (f, "c-p1"));
  waymark_canvas_set_document (f->canvas, other);
  waymark_inspector_set_document (f->inspector, other);
  g_assert_true (waymark_inspector_get_document (f->inspector) == other);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) other);
  assert_text (child (f, "map_title_row"), "Online grocery: the first order");
  /* Nothing of the inspector keeps the first document alive. */
  f->document = other;
  f->history = waymark_document_get_history (other);
  g_assert_finalize_object (first);

  waymark_inspector_show (f->inspector, card (f, "c-t1"));
  g_assert_cmpuint (adw_combo_row_get_selected (child (f, "channel_row")), ==, 3);

  /* No document at all. */
  waymark_inspector_set_document (f->inspector, NULL);
  g_assert_null (waymark_inspector_get_shown (f->inspector));
  g_assert_false (gtk_widget_get_sensitive (child (f, "stack")));
  waymark_inspector_show (f->inspector, NULL);
  waymark_inspector_set_document (f->inspector, other);
  g_assert_true (waymark_inspector_get_shown (f->inspector) == (gpointer) other);
}

/* ---- Accessibility ---- */

static void
assert_labelled (gpointer widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    g_error ("%s %s has no accessible label", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget));
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const fields[] = {
    "card_title_row", "card_notes_view", "channel_row", "channel_entry_row", "priority_row",
    "status_row", "owner_row", "moment_switch", "emotion_none_button", "personas_list",
    "links_list", "add_link_button", "evidence_view", "color_box", "stage_name_row",
    "stage_description_view", "kpi_list", "add_kpi_button", "map_title_row",
    "map_description_view", "link_search", "link_list_view",
  };
  static const char * const dynamic[] = {
    "emotion-2", "emotion-1", "emotion+0", "emotion+1", "emotion+2", "default", "#3584e4",
    "p-maria", "p-george", "c-t3",
  };

  waymark_inspector_show (f->inspector, card (f, "c-p1"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    assert_labelled (child (f, fields[i]));
  for (guint i = 0; i < G_N_ELEMENTS (dynamic); i++)
    assert_labelled (named (f, dynamic[i]));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (named (f, "c-t3")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove link to Landing page and price list");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_list_box_get_row_at_index (child (f, "links_list"), 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Link to card: Landing page and price list, Touchpoints · Consideration");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (named (f, "emotion-2")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Very negative (−2)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_list_box_get_row_at_index (child (f, "personas_list"), 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Persona: Maria, the busy parent");

  waymark_inspector_show (f->inspector, stage (f, "st-retain"));
  for (guint row = 0; row < 2; row++)
    for (guint field = 0; field < 3; field++)
      {
        g_autofree char *name = g_strdup_printf ("kpi-%u-%u", row, field);

        assert_labelled (named (f, name));
      }
  assert_labelled (named (f, "kpi-1-remove"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (named (f, "kpi-1-2")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "KPI 2 target");
}

/* ---- Screenshots ---- */

static void
screenshot (Fixture    *f,
            const char *name)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
  gint64 start = gdk_frame_clock_get_frame_counter (clock);

  gtk_widget_queue_draw (f->window);
  WAIT_UNTIL (gdk_frame_clock_get_frame_counter (clock) > start);
  drain_main_context ();
  save_screenshot (GTK_WIDGET (f->inspector), name);
}

static void
take_screenshots (Fixture    *f,
                  const char *suffix)
{
  g_autofree char *card_name = g_strdup_printf ("inspector-card-%s.png", suffix);
  g_autofree char *card2_name = g_strdup_printf ("inspector-card-more-%s.png", suffix);
  g_autofree char *stage_name = g_strdup_printf ("inspector-stage-%s.png", suffix);
  g_autofree char *map_name = g_strdup_printf ("inspector-map-%s.png", suffix);
  g_autofree char *several_name = g_strdup_printf ("inspector-several-%s.png", suffix);
  WaymarkCard *c = card (f, "c-p1");
  WaymarkCard *selection[2] = { c, card (f, "c-p2") };
  GtkWidget *page;
  GtkAdjustment *adjustment;

  waymark_inspector_show (f->inspector, c);
  screenshot (f, card_name);
  /* The lower half of the card page. */
  page = gtk_stack_get_child_by_name (child (f, "stack"), "card");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (page)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  screenshot (f, card2_name);
  waymark_inspector_show (f->inspector, stage (f, "st-retain"));
  screenshot (f, stage_name);
  waymark_inspector_show (f->inspector, f->document);
  screenshot (f, map_name);
  waymark_canvas_set_selection (f->canvas, selection, 2);
  screenshot (f, several_name);
  waymark_canvas_set_selection (f->canvas, NULL, 0);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-t1");

  /* A card with more set than the example has. */
  waymark_document_set_string (f->document, card (f, "c-p1"), "notes",
                               "Customers only learn the fee on the last page; several abandon the basket there.");
  waymark_document_set_string (f->document, card (f, "c-p1"), "owner", "Pricing team");
  waymark_document_set_card_persona (f->document, card (f, "c-p1"), "p-maria", TRUE);
  waymark_document_set_string (f->document, card (f, "c-p1"), "color", "#ff7800");
  waymark_document_link_cards (f->document, card (f, "c-p1"), card (f, "c-t5"));
  waymark_document_set_card_emotion (f->document, card (f, "c-p1"), TRUE, -1);
  take_screenshots (f, "light");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  take_screenshots (f, "dark");

  /* The link picker, open. */
  waymark_inspector_show (f->inspector, c);
  gtk_menu_button_popup (child (f, "add_link_button"));
  WAIT_UNTIL (gtk_widget_get_mapped (child (f, "link_popover")));
  gtk_editable_set_text (GTK_EDITABLE (child (f, "link_search")), "e");
  WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (child (f, "link_list_view")))) < 29);
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
    gint64 start = gdk_frame_clock_get_frame_counter (clock);

    gtk_widget_queue_draw (child (f, "link_popover"));
    WAIT_UNTIL (gdk_frame_clock_get_frame_counter (clock) > start);
    drain_main_context ();
    save_screenshot (child (f, "link_popover"), "inspector-link-picker-dark.png");
  }
  gtk_popover_popdown (child (f, "link_popover"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  test_panel_init (&argc, &argv);

  add_test ("/inspector/card/values", test_card_values);
  add_test ("/inspector/card/text", test_card_text);
  add_test ("/inspector/card/choices", test_card_choices);
  add_test ("/inspector/card/emotion", test_card_emotion);
  add_test ("/inspector/card/links", test_card_links);
  add_test ("/inspector/stage", test_stage);
  add_test ("/inspector/map", test_map);
  add_test ("/inspector/follows-document", test_follows_document);
  add_test ("/inspector/follows-selection", test_follows_selection);
  add_test ("/inspector/shown-removed", test_shown_removed);
  add_test ("/inspector/document-replaced", test_document_replaced);
  add_test ("/inspector/accessible", test_accessible);
  add_test ("/inspector/screenshots", test_screenshots);

  return g_test_run ();
}
