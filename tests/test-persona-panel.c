/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The persona panel beside a canvas in a real window (under Xvfb), on the
 * grocery example: the list matches the document, edits in the panel are
 * document operations that undo restores exactly, the panel follows
 * changes made elsewhere, persona focus goes both ways, photos are
 * imported within the format's limits and hostile files are refused. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "test-examples.h"
#include "test-panel.h"
#include "test-util.h"
#include "test-widgets.h"
#include "waymark-canvas.h"
#include "waymark-persona-avatar.h"
#include "waymark-persona-panel.h"

typedef struct
{
  GtkWidget           *window;
  WaymarkPersonaPanel *panel;
  WaymarkCanvas       *canvas;
  WaymarkDocument     *document;
  WaymarkHistory      *history;
} Fixture;

static void
settle (Fixture *f,
        guint    n)
{
  wait_frames (f->window, n);
  drain_main_context ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = test_examples_load ("grocery-first-order.jmap");
  f->history = waymark_document_get_history (f->document);
  f->panel = WAYMARK_PERSONA_PANEL (waymark_persona_panel_new ());
  waymark_persona_panel_set_document (f->panel, f->document);
  f->window = test_panel_window_new (f->document, GTK_WIDGET (f->panel), 320, TRUE, 1400, 1150,
                                     &f->canvas, NULL);
  waymark_persona_panel_set_canvas (f->panel, f->canvas);
  settle (f, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_ref (f->panel);
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_main_context ();
  g_assert_finalize_object (f->panel);
  /* The panel left no handler behind: changing the document now must not
   * reach it. */
  waymark_document_add_persona (f->document, "After", -1);
  g_assert_true (waymark_history_undo (f->history));
  g_assert_finalize_object (f->document);
}

/* ---- Finding what the panel shows ---- */

static gpointer
child (Fixture    *f,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (f->panel),
                                                   WAYMARK_TYPE_PERSONA_PANEL, name);

  g_assert_nonnull (object);
  return object;
}

static WaymarkPersona *
persona (Fixture    *f,
         const char *id)
{
  WaymarkPersona *p = waymark_document_lookup_persona (f->document, id);

  g_assert_nonnull (p);
  return p;
}

static guint
n_personas (Fixture *f)
{
  return g_list_model_get_n_items (waymark_document_get_personas (f->document));
}

static GtkWidget *
row_at (Fixture *f,
        guint    i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (child (f, "list_box"), i);

  return row != NULL ? GTK_WIDGET (row) : NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the map shows undimmed when it focuses on p. */
static guint
expected_count (Fixture        *f,
                WaymarkPersona *p)
{
  GListModel *cards = waymark_document_get_cards (f->document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);

      count += waymark_card_applies_to (card, waymark_persona_get_id (p));
    }
  return count;
}

static char *
count_text (guint count)
{
  return g_strdup_printf (count == 1 ? "%u card" : "%u cards", count);
}

/* Every row shows its persona's avatar, name, role and card count, in
 * the document's order. */
static void
assert_list_matches (Fixture *f)
{
  GListModel *personas = waymark_document_get_personas (f->document);

  g_assert_null (row_at (f, n_personas (f)));
  for (guint i = 0; i < g_list_model_get_n_items (personas); i++)
    {
      g_autoptr(WaymarkPersona) p = g_list_model_get_item (personas, i);
      GtkWidget *row = row_at (f, i);
      g_autofree char *cards = count_text (expected_count (f, p));
      GtkWidget *avatar;

      g_assert_nonnull (row);
      g_assert_nonnull (find_label (row, waymark_persona_get_name (p)));
      if (waymark_persona_get_role (p)[0] != '\0')
        g_assert_nonnull (find_label (row, waymark_persona_get_role (p)));
      g_assert_nonnull (find_label (row, cards));
      g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, p), ==, expected_count (f, p));
      avatar = find_type (row, WAYMARK_TYPE_PERSONA_AVATAR);
      g_assert_nonnull (avatar);
      g_assert_true (waymark_persona_avatar_get_persona (WAYMARK_PERSONA_AVATAR (avatar)) == p);
      g_assert_cmpuint (waymark_persona_avatar_get_color_index (WAYMARK_PERSONA_AVATAR (avatar)), ==, i);
    }
}

/* What a click does, now (gtk_widget_activate() clicks after a delay). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The i-th colour swatch: Automatic, then the card colours. */
static GtkWidget *
swatch (Fixture *f,
        guint    i)
{
  GtkWidget *button = gtk_widget_get_first_child (child (f, "color_box"));

  for (; i > 0 && button != NULL; i--)
    button = gtk_widget_get_next_sibling (button);
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  return button;
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f, "stack"));
}

static void
activate (Fixture    *f,
          const char *action,
          const char *persona_id)
{
  if (persona_id != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), action, "s", persona_id));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), action, NULL));
}

/* ---- The list ---- */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *initials = NULL;

  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "personas");
  assert_list_matches (f);
  /* 26 cards name nobody and apply to both; each names two more. */
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, persona (f, "p-maria")), ==, 28);
  g_assert_nonnull (find_label (row_at (f, 0), "28 cards"));

  /* It fits a narrow sidebar, with either page. */
  {
    int minimum;

    waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
    gtk_widget_set_size_request (GTK_WIDGET (f->panel), -1, -1);
    gtk_widget_measure (GTK_WIDGET (f->panel), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("minimum width %d", minimum);
    g_assert_cmpint (minimum, <=, 300);
    gtk_widget_set_size_request (GTK_WIDGET (f->panel), 320, -1);
    waymark_persona_panel_show_persona (f->panel, NULL);
  }

  initials = waymark_persona_dup_initials ("Maria, the busy parent");
  g_assert_cmpstr (initials, ==, "M");
  g_free (initials);
  initials = waymark_persona_dup_initials ("  ana   lima ");
  g_assert_cmpstr (initials, ==, "AL");
  g_free (initials);
  initials = waymark_persona_dup_initials ("");
  g_assert_cmpstr (initials, ==, "");

  /* Activating a row opens its profile; Back returns. */
  g_signal_emit_by_name (child (f, "list_box"), "row-activated", row_at (f, 1));
  g_assert_cmpstr (visible_page (f), ==, "profile");
  g_assert_true (waymark_persona_panel_get_persona (f->panel) == persona (f, "p-george"));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "George, the retired planner");
  activate (f, "persona.back", NULL);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_null (waymark_persona_panel_get_persona (f->panel));
}

/* ---- Editing in the panel ---- */

/* The i-th row of a bullet list: an entry, or the Add row after them. */
static GtkWidget *
bullet_row (Fixture    *f,
            const char *list,
            guint       i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (child (f, list), i);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static GtkTextBuffer *
bullet_buffer (GtkWidget *row)
{
  GtkWidget *view = find_type (row, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
bullet_text (GtkWidget *row)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (bullet_buffer (row), &start, &end);
  return gtk_text_buffer_get_text (bullet_buffer (row), &start, &end, FALSE);
}

#define assert_bullet(f, list, i, expected)                      \
  G_STMT_START {                                                  \
    g_autofree char *shown = bullet_text (bullet_row (f, list, i)); \
    g_assert_cmpstr (shown, ==, expected);                        \
  } G_STMT_END

/* Typing, as the text view's buffer sees it: the text replaced. */
static void
type_bullet (GtkWidget  *row,
             const char *text)
{
  gtk_text_buffer_set_text (bullet_buffer (row), text, -1);
}

static void
test_edit_fields (Fixture       *f,
                  gconstpointer  data)
{
  WaymarkPersona *maria = persona (f, "p-maria");
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  GtkTextBuffer *buffer;

  waymark_persona_panel_show_persona (f->panel, maria);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "role_row")), ==, "Two kids, works full time");

  /* A burst of typing in the name is one step, and the list follows. */
  gtk_editable_set_text (child (f, "name_row"), "Maria");
  gtk_editable_set_text (child (f, "name_row"), "Maria K");
  gtk_editable_set_text (child (f, "name_row"), "Maria K.");
  g_assert_cmpstr (waymark_persona_get_name (maria), ==, "Maria K.");
  g_assert_nonnull (find_label (row_at (f, 0), "Maria K."));
  g_assert_cmpstr (gtk_label_get_text (child (f, "profile_title")), ==, "Maria K.");
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "Maria, the busy parent");

  gtk_editable_set_text (child (f, "demographics_row"), "40");
  g_assert_cmpstr (waymark_persona_get_demographics (maria), ==, "40");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  buffer = gtk_text_view_get_buffer (child (f, "quote_view"));
  gtk_text_buffer_set_text (buffer, "Five minutes, please.", -1);
  g_assert_cmpstr (waymark_persona_get_quote (maria), ==, "Five minutes, please.");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  buffer = gtk_text_view_get_buffer (child (f, "evidence_view"));
  gtk_text_buffer_set_text (buffer, "3 diary studies", -1);
  g_assert_cmpstr (waymark_persona_get_evidence (maria), ==, "3 diary studies");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* The swatches: Automatic, then the card colours (Blue first). */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 5))));   /* Red: #e01b24 */
  click (swatch (f, 1));
  g_assert_cmpstr (waymark_persona_get_color (maria), ==, "#3584e4");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 1))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 5))));
  /* Clicking the chosen colour again keeps it. */
  click (swatch (f, 1));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 1))));
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 1))));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (swatch (f, 5))));
  click (swatch (f, 0));
  g_assert_cmpstr (waymark_persona_get_color (maria), ==, "");
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_edit_bullets (Fixture       *f,
                   gconstpointer  data)
{
  WaymarkPersona *maria = persona (f, "p-maria");
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  GtkWidget *row, *add;
  const char * const *goals;

  waymark_persona_panel_show_persona (f->panel, maria);
  assert_bullet (f, "goals_list", 1, "Get an evening delivery slot");
  add = bullet_row (f, "goals_list", 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (add)), ==, "Add Goal");

  /* Typing in an entry: one step however many keystrokes. */
  row = bullet_row (f, "goals_list", 0);
  gtk_widget_grab_focus (row);
  type_bullet (row, "Order in under five");
  type_bullet (row, "Order in under five minutes");
  type_bullet (row, "Order in under five minutes!");
  goals = waymark_persona_get_list (maria, "goals");
  g_assert_cmpstr (goals[0], ==, "Order in under five minutes!");
  g_assert_cmpstr (goals[1], ==, "Get an evening delivery slot");
  g_assert_false (waymark_history_get_can_redo (f->history));
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_bullet (f, "goals_list", 0, "Order in under ten minutes");

  /* Another change between keystrokes ends the burst. */
  row = bullet_row (f, "goals_list", 0);
  type_bullet (row, "A");
  waymark_document_set_string (f->document, persona (f, "p-george"), "role", "Retired");
  type_bullet (row, "AB");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 3);
  g_assert_cmpstr (waymark_persona_get_list (maria, "goals")[0], ==, "AB");
  g_assert_true (waymark_history_undo (f->history));
  g_assert_cmpstr (waymark_persona_get_list (maria, "goals")[0], ==, "A");
  g_assert_true (waymark_history_undo (f->history));
  g_assert_true (waymark_history_undo (f->history));
  {
    g_autofree char *after = test_util_dump (f->document);

    g_assert_cmpstr (after, ==, before);
  }

  /* Add: the entry row at the end. */
  gtk_editable_set_text (GTK_EDITABLE (add), "  Free delivery  ");
  g_signal_emit_by_name (add, "apply");
  goals = waymark_persona_get_list (maria, "goals");
  g_assert_cmpuint (g_strv_length ((char **) goals), ==, 3);
  g_assert_cmpstr (goals[2], ==, "Free delivery");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (add)), ==, "");
  assert_bullet (f, "goals_list", 2, "Free delivery");
  g_assert_true (bullet_row (f, "goals_list", 3) == add);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_true (bullet_row (f, "goals_list", 2) == add);

  /* Reorder with the buttons; the first cannot move up. */
  row = bullet_row (f, "goals_list", 0);
  g_assert_false (gtk_widget_get_sensitive (find_button (row, "Move Up")));
  click (find_button (row, "Move Down"));
  goals = waymark_persona_get_list (maria, "goals");
  g_assert_cmpstr (goals[0], ==, "Get an evening delivery slot");
  g_assert_cmpstr (goals[1], ==, "Order in under ten minutes");
  assert_bullet (f, "goals_list", 1, "Order in under ten minutes");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Delete; the pain points list works the same way. */
  click (find_button (bullet_row (f, "pain_points_list", 0), "Delete"));
  g_assert_cmpstrv (waymark_persona_get_list (maria, "pain-points"),
                    ((const char * const[]) { "Wrong substitutions", NULL }));
  g_assert_true (bullet_row (f, "pain_points_list", 1) != NULL);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (bullet_row (f, "pain_points_list", 1))),
                   ==, "Add Pain Point");
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_bullet (f, "pain_points_list", 0, "Surprise fees");

  /* Changes from elsewhere show in the entries. */
  waymark_document_insert_persona_entry (f->document, maria, "behaviors", 0, "Compares prices");
  assert_bullet (f, "behaviors_list", 0, "Compares prices");
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_bullet (f, "behaviors_list", 0, "Orders on her phone during the commute");
}

/* ---- Following the document ---- */

static void
test_follows_model (Fixture       *f,
                    gconstpointer  data)
{
  WaymarkPersona *george = persona (f, "p-george");
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkCard *card;

  /* Rename. */
  waymark_document_set_string (f->document, george, "name", "George");
  g_assert_nonnull (find_label (row_at (f, 1), "George"));
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* A card for everyone counts for both; naming George takes it from
   * Maria. */
  waymark_history_begin_group (f->history, "Add card");
  card = waymark_document_add_card (f->document, "st-retain", "ln-act", "Reorder", -1);
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, george), ==, 29);
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, persona (f, "p-maria")), ==, 29);
  waymark_document_set_card_persona (f->document, card, "p-george", TRUE);
  waymark_history_end_group (f->history);
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, george), ==, 29);
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, persona (f, "p-maria")), ==, 28);
  g_assert_nonnull (find_label (row_at (f, 1), "29 cards"));
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* Removing the persona whose profile is open goes back to the list;
   * undo brings the row back. */
  waymark_persona_panel_show_persona (f->panel, george);
  g_assert_cmpstr (visible_page (f), ==, "profile");
  waymark_document_remove_persona (f->document, george);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_null (waymark_persona_panel_get_persona (f->panel));
  g_assert_cmpstr (gtk_editable_get_text (child (f, "name_row")), ==, "");
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* All personas gone: the empty state. */
  waymark_history_begin_group (f->history, "Remove all");
  waymark_document_remove_persona (f->document, persona (f, "p-maria"));
  waymark_document_remove_persona (f->document, persona (f, "p-george"));
  waymark_history_end_group (f->history);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "empty");
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "personas");
  assert_list_matches (f);
}

/* Another document, none, and no canvas. */
static void
test_replace_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WaymarkDocument) other = waymark_document_new ();

  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  waymark_persona_panel_set_document (f->panel, other);
  g_assert_cmpstr (visible_page (f), ==, "list");
  g_assert_null (row_at (f, 0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (f, "list_stack")), ==, "empty");

  /* The empty state's button adds one to the new document. */
  activate (f, "persona.add", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_personas (other)), ==, 1);
  g_assert_cmpstr (visible_page (f), ==, "profile");
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_personas (f->document)), ==, 2);

  waymark_persona_panel_set_document (f->panel, NULL);
  g_assert_null (row_at (f, 0));
  /* Nothing to add personas to. */
  g_assert_false (gtk_widget_get_sensitive (child (f, "add_button")));

  waymark_persona_panel_set_canvas (f->panel, NULL);
  waymark_persona_panel_set_document (f->panel, f->document);
  assert_list_matches (f);
  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  g_assert_false (gtk_widget_get_sensitive (child (f, "focus_row")));
  g_assert_false (gtk_switch_get_active (child (f, "focus_switch")));
  waymark_persona_panel_set_canvas (f->panel, f->canvas);
  g_assert_true (gtk_widget_get_sensitive (child (f, "focus_row")));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* ---- Persona focus ---- */

static void
test_focus (Fixture       *f,
            gconstpointer  data)
{
  GtkSwitch *sw = child (f, "focus_switch");

  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  g_assert_false (gtk_switch_get_active (sw));

  gtk_switch_set_active (sw, TRUE);
  g_assert_cmpstr (waymark_canvas_get_persona_focus (f->canvas), ==, "p-maria");
  gtk_switch_set_active (sw, FALSE);
  g_assert_null (waymark_canvas_get_persona_focus (f->canvas));

  /* The toggle follows the canvas. */
  waymark_canvas_set_persona_focus (f->canvas, "p-maria");
  g_assert_true (gtk_switch_get_active (sw));
  waymark_canvas_set_persona_focus (f->canvas, NULL);
  g_assert_false (gtk_switch_get_active (sw));
  waymark_canvas_set_persona_focus (f->canvas, "p-george");
  g_assert_false (gtk_switch_get_active (sw));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_at (f, 1)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "George, the retired planner, Lives alone, plans the week ahead, "
                                       "28 cards, focused");

  /* The menu's radio item: the state is the focused id, and choosing
   * the focused persona again clears it. */
  activate (f, "persona.focus", "p-maria");
  g_assert_cmpstr (waymark_canvas_get_persona_focus (f->canvas), ==, "p-maria");
  g_assert_true (gtk_switch_get_active (sw));
  activate (f, "persona.focus", "p-maria");
  g_assert_null (waymark_canvas_get_persona_focus (f->canvas));
  g_assert_false (gtk_switch_get_active (sw));

  /* Deleting the focused persona clears the focus; focus is not part of
   * the document, so nothing to undo there. */
  waymark_canvas_set_persona_focus (f->canvas, "p-george");
  activate (f, "persona.delete", "p-george");
  g_assert_null (waymark_canvas_get_persona_focus (f->canvas));
  g_assert_true (waymark_history_undo (f->history));
}

/* ---- Add, duplicate, delete, reorder ---- */

static void
test_operations (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkPersona *added, *copy;

  /* Add opens the new persona's profile with its name selected. */
  activate (f, "persona.add", NULL);
  g_assert_cmpuint (n_personas (f), ==, 3);
  added = waymark_persona_panel_get_persona (f->panel);
  g_assert_nonnull (added);
  g_assert_cmpstr (waymark_persona_get_name (added), ==, "New Persona");
  g_assert_cmpint (waymark_document_index_of (f->document, added), ==, 2);
  g_assert_cmpstr (visible_page (f), ==, "profile");
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_cmpstr (visible_page (f), ==, "list");
  assert_list_matches (f);

  /* Duplicate: after the original, "(copy)", a fresh id, on the same
   * cards. */
  activate (f, "persona.duplicate", "p-maria");
  g_assert_cmpuint (n_personas (f), ==, 3);
  copy = g_list_model_get_item (waymark_document_get_personas (f->document), 1);
  g_object_unref (copy);
  g_assert_cmpstr (waymark_persona_get_name (copy), ==, "Maria, the busy parent (copy)");
  g_assert_cmpstr (waymark_persona_get_id (copy), !=, "p-maria");
  g_assert_true (waymark_id_is_valid (waymark_persona_get_id (copy)));
  g_assert_cmpstr (waymark_persona_get_quote (copy), ==, waymark_persona_get_quote (persona (f, "p-maria")));
  g_assert_cmpstrv (waymark_persona_get_list (copy, "goals"),
                    waymark_persona_get_list (persona (f, "p-maria"), "goals"));
  g_assert_true (waymark_card_applies_to (waymark_document_lookup_card (f->document, "c-t1"),
                                          waymark_persona_get_id (copy)));
  g_assert_false (waymark_card_applies_to (waymark_document_lookup_card (f->document, "c-t2"),
                                           waymark_persona_get_id (copy)));
  g_assert_cmpuint (waymark_persona_panel_get_card_count (f->panel, copy), ==, 28);
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* Delete: one step, and undo puts its cards back. */
  activate (f, "persona.delete", "p-maria");
  g_assert_cmpuint (n_personas (f), ==, 1);
  g_assert_null (waymark_document_lookup_persona (f->document, "p-maria"));
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* Move Down and Move Up, as the row menu and Alt+arrows do. */
  activate (f, "persona.move-down", "p-maria");
  g_assert_cmpint (waymark_document_index_of (f->document, persona (f, "p-maria")), ==, 1);
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  activate (f, "persona.move-up", "p-george");
  g_assert_cmpint (waymark_document_index_of (f->document, persona (f, "p-george")), ==, 0);
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  /* Nothing above the first. */
  activate (f, "persona.move-up", "p-maria");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_type_is_a (G_OBJECT_TYPE (controller), type))
        return controller;
    }
  return NULL;
}

/* Rows offer the persona as drag content (the canvas takes it to assign
 * cards) and take a persona dropped on them to reorder. */
static void
test_drag_and_drop (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  GtkEventController *source = find_controller (row_at (f, 0), GTK_TYPE_DRAG_SOURCE);
  GtkEventController *target = find_controller (row_at (f, 1), GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_signal_emit_by_name (source, "prepare", 10.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, WAYMARK_TYPE_PERSONA);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  g_assert_true (g_value_get_object (&value) == persona (f, "p-maria"));
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (target)),
                                                    WAYMARK_TYPE_PERSONA));

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_assert_true (dropped);
  g_assert_cmpint (waymark_document_index_of (f->document, persona (f, "p-maria")), ==, 1);
  assert_list_matches (f);
  test_util_assert_one_step_undone (f->document, before, n_undo);
  assert_list_matches (f);

  /* A persona of another map is refused. */
  {
    g_autoptr(WaymarkPersona) stranger = waymark_persona_new ("p-stranger", "Stranger");

    g_value_set_object (&value, stranger);
    target = find_controller (row_at (f, 0), GTK_TYPE_DROP_TARGET);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
    g_assert_false (dropped);
    g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
  }
  g_value_unset (&value);
}

/* ---- Keyboard and menus ---- */

static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  GtkEventController *keys = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        keys = controller;
    }
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  GtkWidget *list_box = child (f, "list_box");
  GtkWidget *view;

  /* Alt+Down on a row moves its persona, and the focus stays on it. */
  gtk_widget_grab_focus (row_at (f, 0));
  g_assert_true (focus_widget (f) == row_at (f, 0));
  g_assert_true (press_key (list_box, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpint (waymark_document_index_of (f->document, persona (f, "p-maria")), ==, 1);
  g_assert_true (focus_widget (f) == row_at (f, 1));
  g_assert_true (press_key (list_box, GDK_KEY_Up, GDK_ALT_MASK));
  g_assert_cmpint (waymark_document_index_of (f->document, persona (f, "p-maria")), ==, 0);
  g_assert_true (focus_widget (f) == row_at (f, 0));
  g_assert_false (press_key (list_box, GDK_KEY_Up, 0));
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 2);
  g_assert_true (waymark_history_undo (f->history));
  g_assert_true (waymark_history_undo (f->history));

  /* Delete deletes (undoably) and moves to the next row. */
  gtk_widget_grab_focus (row_at (f, 0));
  g_assert_true (press_key (list_box, GDK_KEY_Delete, 0));
  g_assert_null (waymark_document_lookup_persona (f->document, "p-maria"));
  g_assert_true (focus_widget (f) == row_at (f, 0));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* In a bullet list: Alt+Down moves the entry, the focus follows it;
   * Enter goes on to the next entry, then to the Add row. */
  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  view = find_type (bullet_row (f, "goals_list", 0), GTK_TYPE_TEXT_VIEW);
  gtk_widget_grab_focus (view);
  g_assert_true (press_key (view, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (waymark_persona_get_list (persona (f, "p-maria"), "goals")[1], ==,
                   "Order in under ten minutes");
  view = find_type (bullet_row (f, "goals_list", 1), GTK_TYPE_TEXT_VIEW);
  g_assert_true (gtk_widget_has_focus (view));
  test_util_assert_one_step_undone (f->document, before, n_undo);
  view = find_type (bullet_row (f, "goals_list", 0), GTK_TYPE_TEXT_VIEW);
  gtk_widget_grab_focus (view);
  g_assert_true (press_key (view, GDK_KEY_Return, 0));
  g_assert_true (gtk_widget_has_focus (find_type (bullet_row (f, "goals_list", 1), GTK_TYPE_TEXT_VIEW)));
  g_assert_true (press_key (find_type (bullet_row (f, "goals_list", 1), GTK_TYPE_TEXT_VIEW), GDK_KEY_Return, 0));
  g_assert_true (gtk_widget_is_ancestor (focus_widget (f), bullet_row (f, "goals_list", 2)));
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
}

/* The labels of a menu model, sections flattened, joined by "|". */
static void
append_labels (GMenuModel *menu,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *label = NULL;

      if (section != NULL)
        append_labels (section, out);
      else if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", label);
    }
}

static char *
row_menu_labels (GtkWidget *row)
{
  GtkWidget *button = find_button (row, "Persona Menu");
  GString *out = g_string_new (NULL);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_nonnull (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
  append_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), out);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  return g_string_free (out, FALSE);
}

static void
test_row_menu (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = row_menu_labels (row_at (f, 0));
  g_autofree char *last = row_menu_labels (row_at (f, 1));
  g_autofree char *after_add = NULL;

  /* Move Up and Move Down only where the row can go. */
  g_assert_cmpstr (first, ==, "_Edit Profile|_Focus on This Persona|Move _Down|D_uplicate|_Delete");
  g_assert_cmpstr (last, ==, "_Edit Profile|_Focus on This Persona|Move _Up|D_uplicate|_Delete");
  waymark_document_add_persona (f->document, "Third", -1);
  after_add = row_menu_labels (row_at (f, 1));
  g_assert_cmpstr (after_add, ==,
                   "_Edit Profile|_Focus on This Persona|Move _Up|Move _Down|D_uplicate|_Delete");

  /* Edit Profile opens it, with the focus switch as the canvas has it. */
  waymark_canvas_set_persona_focus (f->canvas, "p-george");
  activate (f, "persona.open", "p-george");
  g_assert_true (waymark_persona_panel_get_persona (f->panel) == persona (f, "p-george"));
  g_assert_true (gtk_switch_get_active (child (f, "focus_switch")));
}

/* ---- Photos ---- */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
import_photo (Fixture         *f,
              WaymarkPersona  *p,
              const char      *path,
              GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait wait = { NULL };
  gboolean ok;

  waymark_persona_panel_import_photo_async (f->panel, p, file, NULL, store_result_cb, &wait);
  WAIT_UNTIL (wait.result != NULL);
  ok = waymark_persona_panel_import_photo_finish (f->panel, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

static char *
temp_path (const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), name, NULL);
}

static void
decoded_size (const char *uri,
              int        *width,
              int        *height)
{
  const char *comma = strchr (uri, ',');
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guchar *data = NULL;
  gsize length;
  GdkPixbuf *pixbuf;

  g_assert_nonnull (comma);
  data = g_base64_decode (comma + 1, &length);
  g_assert_true (gdk_pixbuf_loader_write (loader, data, length, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
}

static void
test_photo_import (Fixture       *f,
                   gconstpointer  data)
{
  WaymarkPersona *maria = persona (f, "p-maria");
  g_autofree char *before = test_util_dump (f->document);
  g_autofree char *path = temp_path ("persona-photo-2000x1500.png");
  g_autofree char *photo = NULL;
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autoptr(GdkPixbuf) big = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 2000, 1500);
  g_autoptr(GError) error = NULL;
  GtkWidget *row_avatar = find_type (row_at (f, 0), WAYMARK_TYPE_PERSONA_AVATAR);
  int width, height;

  /* A warm gradient-ish picture: two halves of different colours. */
  gdk_pixbuf_fill (big, 0xf6d5b3ff);
  {
    g_autoptr(GdkPixbuf) half = gdk_pixbuf_new_subpixbuf (big, 1000, 0, 1000, 1500);

    gdk_pixbuf_fill (half, 0x3d7fb8ff);
  }
  g_assert_true (gdk_pixbuf_save (big, path, "png", &error, NULL));
  g_assert_no_error (error);

  waymark_persona_panel_show_persona (f->panel, maria);
  g_assert_false (waymark_persona_avatar_get_shows_photo (child (f, "profile_avatar")));
  g_assert_false (gtk_widget_get_visible (child (f, "remove_photo_button")));

  g_assert_true (import_photo (f, maria, path, &error));
  g_assert_no_error (error);
  photo = g_strdup (waymark_persona_get_photo (maria));
  g_assert_true (g_str_has_prefix (photo, "data:image/jpeg;base64,") ||
                 g_str_has_prefix (photo, "data:image/png;base64,"));
  g_assert_cmpuint (strlen (photo), <=, WAYMARK_PERSONA_PHOTO_MAX_LENGTH);
  decoded_size (photo, &width, &height);
  g_assert_cmpint (width, ==, 512);
  g_assert_cmpint (height, ==, 384);
  g_assert_false (gtk_widget_get_visible (child (f, "photo_error_label")));
  g_assert_true (waymark_persona_avatar_get_shows_photo (child (f, "profile_avatar")));
  g_assert_true (waymark_persona_avatar_get_shows_photo (WAYMARK_PERSONA_AVATAR (row_avatar)));
  g_assert_true (gtk_widget_get_visible (child (f, "remove_photo_button")));
  settle (f, 1);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-photo.png");

  /* Remove Photo is one step; undo brings the same photo back. */
  {
    g_autofree char *with_photo = test_util_dump (f->document);
    guint n_with_photo = waymark_history_get_n_undo (f->history);

    g_assert_cmpuint (n_with_photo, ==, n_undo + 1);
    activate (f, "persona.remove-photo", NULL);
    g_assert_cmpstr (waymark_persona_get_photo (maria), ==, "");
    g_assert_false (waymark_persona_avatar_get_shows_photo (child (f, "profile_avatar")));
    g_assert_false (gtk_widget_get_visible (child (f, "remove_photo_button")));
    test_util_assert_one_step_undone (f->document, with_photo, n_with_photo);
    g_assert_cmpstr (waymark_persona_get_photo (maria), ==, photo);
  }
  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_unlink (path);

  /* A small picture with transparency stays a PNG, and is not enlarged. */
  {
    g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 300, 100);
    g_autofree char *small_path = temp_path ("persona-photo-alpha.png");

    gdk_pixbuf_fill (small, 0x2ec27e80);
    g_assert_true (gdk_pixbuf_save (small, small_path, "png", &error, NULL));
    g_assert_true (import_photo (f, maria, small_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (waymark_persona_get_photo (maria), "data:image/png;base64,"));
    decoded_size (waymark_persona_get_photo (maria), &width, &height);
    g_assert_cmpint (width, ==, 300);
    g_assert_cmpint (height, ==, 100);
    test_util_assert_one_step_undone (f->document, before, n_undo);
    g_unlink (small_path);
  }
}

/* The IHDR of a PNG claiming width × height, with a correct CRC, so that
 * the decoder gets as far as reading the size. */
static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static GBytes *
png_header (guint32 width,
            guint32 height)
{
  GByteArray *png = g_byte_array_new ();
  guint8 chunk[17] = { 'I', 'H', 'D', 'R' };
  guint32 be;

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  be = GUINT32_TO_BE (13);
  g_byte_array_append (png, (const guint8 *) &be, 4);
  be = GUINT32_TO_BE (width);
  memcpy (chunk + 4, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (chunk + 8, &be, 4);
  chunk[12] = 8;   /* bit depth */
  chunk[13] = 2;   /* RGB */
  g_byte_array_append (png, chunk, 17);
  be = GUINT32_TO_BE (crc32 (chunk, 17));
  g_byte_array_append (png, (const guint8 *) &be, 4);
  /* A little compressed nothing, as if the pixels followed. */
  {
    static const char idat[] = "\0\0\0\x0cIDAT\x78\x9c\x63\0\x01\0\0\x05\0\x01\x0d\x0a\x2d\xb4";

    g_byte_array_append (png, (const guint8 *) idat, sizeof idat - 1);
  }
  return g_byte_array_free_to_bytes (png);
}

static void
assert_refused (Fixture    *f,
                const char *path,
                const char *before,
                guint       n_undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  GtkLabel *message = child (f, "photo_error_label");

  g_assert_false (import_photo (f, persona (f, "p-maria"), path, &error));
  g_assert_nonnull (error);
  g_test_message ("%s: %s", path, error->message);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "cannot be used as a photo"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), error->message));
  after = test_util_dump (f->document);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
}

static void
test_photo_hostile (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autofree char *text = temp_path ("persona-photo-text.png");
  g_autofree char *truncated = temp_path ("persona-photo-truncated.png");
  g_autofree char *huge = temp_path ("persona-photo-huge.png");
  g_autofree char *missing = temp_path ("persona-photo-missing.png");
  g_autoptr(GBytes) header = png_header (60000, 60000);
  g_autoptr(GBytes) small = png_header (64, 64);
  g_autoptr(GError) error = NULL;
  GtkWidget *avatar;

  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  g_assert_true (g_file_set_contents (text, "<html>not a picture</html>", -1, &error));
  g_assert_true (g_file_set_contents (huge, g_bytes_get_data (header, NULL), g_bytes_get_size (header), &error));
  /* A valid start, then nothing: the pixels are missing. */
  g_assert_true (g_file_set_contents (truncated, g_bytes_get_data (small, NULL), 33, &error));
  g_assert_no_error (error);

  assert_refused (f, text, before, n_undo);
  assert_refused (f, truncated, before, n_undo);
  assert_refused (f, huge, before, n_undo);
  {
    GtkLabel *message = child (f, "photo_error_label");

    g_assert_nonnull (strstr (gtk_label_get_text (message), "too large"));
  }
  assert_refused (f, missing, before, n_undo);
  settle (f, 1);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-photo-error.png");

  /* Another persona's profile does not show Maria's error. */
  waymark_persona_panel_show_persona (f->panel, persona (f, "p-george"));
  g_assert_false (gtk_widget_get_visible (child (f, "photo_error_label")));

  /* A damaged photo in a file: initials instead, no crash. */
  waymark_document_set_string (f->document, persona (f, "p-maria"), "photo", "data:image/png;base64,iVBORw0KGgoAAAA");
  avatar = find_type (row_at (f, 0), WAYMARK_TYPE_PERSONA_AVATAR);
  g_assert_false (waymark_persona_avatar_get_shows_photo (WAYMARK_PERSONA_AVATAR (avatar)));
  waymark_document_set_string (f->document, persona (f, "p-maria"), "photo", "data:text/plain,hello");
  g_assert_false (waymark_persona_avatar_get_shows_photo (WAYMARK_PERSONA_AVATAR (avatar)));
  {
    g_autofree char *base64 = g_base64_encode (g_bytes_get_data (header, NULL), g_bytes_get_size (header));
    g_autofree char *uri = g_strconcat ("data:image/png;base64,", base64, NULL);

    waymark_document_set_string (f->document, persona (f, "p-maria"), "photo", uri);
    g_assert_false (waymark_persona_avatar_get_shows_photo (WAYMARK_PERSONA_AVATAR (avatar)));
  }
  settle (f, 1);

  g_unlink (text);
  g_unlink (truncated);
  g_unlink (huge);
}

/* ---- Accessibility ---- */

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *row;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_at (f, 0)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Maria, the busy parent, Two kids, works full time, 28 cards");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "add_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Add Persona");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "list_box")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Personas");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (find_type (row_at (f, 0), WAYMARK_TYPE_PERSONA_AVATAR)),
                                   GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_button (row_at (f, 0), "Persona Menu")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Persona Menu");
  g_assert_true (gtk_widget_get_focusable (row_at (f, 0)));

  /* The label follows a rename and a new card. */
  waymark_document_set_string (f->document, persona (f, "p-maria"), "role", "");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row_at (f, 0)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Maria, the busy parent, 28 cards");
  g_assert_true (waymark_history_undo (f->history));

  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "remove_photo_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove Photo");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "back_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Back to Personas");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "quote_view")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Quote");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (f, "evidence_view")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Evidence");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (child (f, "photo_error_label")),
                                   GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "name_row")), ==, "Name");
  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "role_row")), ==, "Role");
  g_assert_cmpstr (adw_preferences_row_get_title (child (f, "demographics_row")), ==, "Demographics");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (swatch (f, 1)), GTK_ACCESSIBLE_PROPERTY_LABEL, "Blue");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (swatch (f, 0)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Automatic Color");

  row = bullet_row (f, "goals_list", 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, "Goal 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_type (row, GTK_TYPE_TEXT_VIEW)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Goal 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_button (row, "Delete")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Delete");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (find_button (row, "Move Up")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Move Up");
  row = bullet_row (f, "preferences_list", 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, "Preference 1");
}

/* ---- Screenshots ---- */

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  GtkAdjustment *vadjustment;
  AdwStyleManager *style = adw_style_manager_get_default ();

  waymark_canvas_set_persona_focus (f->canvas, "p-maria");
  settle (f, 2);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-list.png");
  save_screenshot (f->window, "persona-panel-window.png");

  waymark_persona_panel_show_persona (f->panel, persona (f, "p-maria"));
  settle (f, 10);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-profile.png");
  vadjustment = gtk_scrolled_window_get_vadjustment (child (f, "profile_scroller"));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment));
  settle (f, 2);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-profile-bottom.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_adjustment_set_value (vadjustment, 0);
  settle (f, 3);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-profile-dark.png");
  activate (f, "persona.back", NULL);
  settle (f, 2);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-list-dark.png");

  /* The empty state. */
  waymark_history_begin_group (f->history, "Remove all");
  waymark_document_remove_persona (f->document, persona (f, "p-maria"));
  waymark_document_remove_persona (f->document, persona (f, "p-george"));
  waymark_history_end_group (f->history);
  settle (f, 2);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-empty-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  settle (f, 2);
  save_screenshot (GTK_WIDGET (f->panel), "persona-panel-empty.png");
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
  g_type_ensure (WAYMARK_TYPE_PERSONA_PANEL);

  add_test ("/persona-panel/list", test_list);
  add_test ("/persona-panel/edit/fields", test_edit_fields);
  add_test ("/persona-panel/edit/bullets", test_edit_bullets);
  add_test ("/persona-panel/follows-model", test_follows_model);
  add_test ("/persona-panel/replace-document", test_replace_document);
  add_test ("/persona-panel/focus", test_focus);
  add_test ("/persona-panel/operations", test_operations);
  add_test ("/persona-panel/drag-and-drop", test_drag_and_drop);
  add_test ("/persona-panel/keyboard", test_keyboard);
  add_test ("/persona-panel/row-menu", test_row_menu);
  add_test ("/persona-panel/photo/import", test_photo_import);
  add_test ("/persona-panel/photo/hostile", test_photo_hostile);
  add_test ("/persona-panel/accessible", test_accessible);
  add_test ("/persona-panel/screenshots", test_screenshots);

  return g_test_run ();
}
