/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Pain Points panel beside a real canvas, on the grocery example, in
 * a window under Xvfb: the rows it shows against the document, adding a
 * solution, the filters and the count, following the document, and what
 * a screen reader is told. */
#include "config.h"

#include <adwaita.h>

#include "test-examples.h"
#include "test-panel.h"
#include "test-util.h"
#include "test-widgets.h"
#include "waymark-canvas.h"
#include "waymark-notes-panel.h"

typedef struct
{
  GtkWidget         *window;
  GtkWidget         *scroller;
  WaymarkCanvas     *canvas;
  WaymarkNotesPanel *panel;
  WaymarkDocument   *document;
  WaymarkHistory    *history;
} Fixture;

/* The grocery example as the panel must show it. */
static const char grocery_rows[] =
  "# Consideration\n"
  "- Delivery fee shown only at checkout [High] [Open] @Landing page and price list"
  " +Show the fee on every product page (Web team) [Planned]\n"
  "# Decision\n"
  "- Evening slots sell out by noon [High] [Planned] @Checkout in the app"
  " +Let customers reserve a slot for 2 hours (Logistics) [In Progress]\n"
  "# Retention\n"
  "- Substitutions without asking [Medium] [Open] @Driver at the door"
  " +Ask before substituting, in the app (App team) [Open]\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = test_examples_load ("grocery-first-order.jmap");
  f->history = waymark_document_get_history (f->document);
  f->panel = WAYMARK_NOTES_PANEL (waymark_notes_panel_new ());
  waymark_notes_panel_set_document (f->panel, f->document);
  f->window = test_panel_window_new (f->document, GTK_WIDGET (f->panel), 360, FALSE, 1400, 900,
                                     &f->canvas, &f->scroller);
  waymark_notes_panel_set_canvas (f->panel, f->canvas);
  drain_main_context ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->panel), (gpointer *) &f->panel);
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_main_context ();
  g_assert_null (f->panel);
  g_assert_finalize_object (f->document);
}

static WaymarkCard *
card (Fixture    *f,
      const char *id)
{
  WaymarkCard *c = waymark_document_lookup_card (f->document, id);

  g_assert_nonnull (c);
  return c;
}

/* ---- Reading the panel ---- */

static GtkWidget *
find_class (GtkWidget  *widget,
            const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text (GtkWidget *widget)
{
  GtkWidget *label = find_type (widget, GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The list as a string: "# Stage" lines, and per pain point its title,
 * [priority] [status] pills, @touchpoints and +solutions (owner)
 * [status]. */
static void
dump_widget (GtkWidget *widget,
             GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (gtk_widget_has_css_class (widget, "notes-stage-heading"))
    {
      g_string_append_printf (out, "# %s\n", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-title"))
    {
      g_string_append_printf (out, "- %s", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-pill"))
    {
      g_string_append_printf (out, " [%s]", label_text (widget));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-chip"))
    {
      g_string_append_printf (out, " @%s", label_text (widget));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-solution-title"))
    {
      g_string_append_printf (out, " +%s", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-solution-owner"))
    {
      g_string_append_printf (out, " (%s)", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  if (gtk_widget_has_css_class (widget, "notes-add-solution"))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dump_widget (child, out);
  if (gtk_widget_has_css_class (widget, "notes-row"))
    g_string_append_c (out, '\n');
}

static char *
dump_panel_now (Fixture *f)
{
  GString *out = g_string_new (NULL);

  dump_widget (find_class (GTK_WIDGET (f->panel), "notes-list"), out);
  return g_string_free (out, FALSE);
}

static char *
dump_panel (Fixture *f)
{
  GString *out = g_string_new (NULL);

  waymark_notes_panel_flush (f->panel);
  dump_widget (find_class (GTK_WIDGET (f->panel), "notes-list"), out);
  return g_string_free (out, FALSE);
}

static char *
shown_ids (Fixture *f)
{
  g_autoptr(GPtrArray) cards = waymark_notes_panel_get_shown_cards (f->panel);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", waymark_card_get_id (cards->pdata[i]));
  return g_string_free (out, FALSE);
}

/* The pain points of a document in map order, from the model alone:
 * stages, then lanes, then the order within the cell. */
static char *
expected_ids (WaymarkDocument *document)
{
  GListModel *stages = waymark_document_get_stages (document);
  GListModel *lanes = waymark_document_get_lanes (document);
  GString *out = g_string_new (NULL);

  for (guint s = 0; s < g_list_model_get_n_items (stages); s++)
    for (guint l = 0; l < g_list_model_get_n_items (lanes); l++)
      {
        g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
        g_autoptr(WaymarkLane) lane = g_list_model_get_item (lanes, l);
        g_autoptr(GPtrArray) cell = NULL;

        if (waymark_lane_get_kind_enum (lane) != WAYMARK_LANE_KIND_PAIN_POINTS)
          continue;
        cell = waymark_document_get_cell_cards (document, waymark_stage_get_id (stage),
                                                waymark_lane_get_id (lane));
        for (guint i = 0; i < cell->len; i++)
          g_string_append_printf (out, "%s%s", out->len ? "," : "", waymark_card_get_id (cell->pdata[i]));
      }
  return g_string_free (out, FALSE);
}

static GtkWidget *
row (Fixture    *f,
     const char *id)
{
  GtkWidget *r = waymark_notes_panel_get_row (f->panel, card (f, id));

  g_assert_nonnull (r);
  return r;
}

static GtkWidget *
find_status_page (Fixture    *f,
                  const char *title)
{
  GtkWidget *stack = find_class (GTK_WIDGET (f->panel), "notes-stack");

  for (GtkWidget *child = gtk_widget_get_first_child (stack);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_STATUS_PAGE (child) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (child)), title) == 0)
      return child;
  g_assert_not_reached ();
  return NULL;
}

static const char *
stack_page (Fixture *f)
{
  GtkWidget *stack = find_class (GTK_WIDGET (f->panel), "notes-stack");

  waymark_notes_panel_flush (f->panel);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static char *
selection_ids (Fixture *f)
{
  g_autoptr(GPtrArray) cards = waymark_canvas_get_selection (f->canvas);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cards->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", waymark_card_get_id (cards->pdata[i]));
  return g_string_free (out, FALSE);
}

/* What a click does (gtk_widget_activate() on a button waits for its
 * pressed look to show first). */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* ---- Rows ---- */

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dump = dump_panel (f);
  g_autofree char *ids = shown_ids (f);
  g_autofree char *expected = expected_ids (f->document);

  g_assert_cmpstr (dump, ==, grocery_rows);
  g_assert_cmpstr (ids, ==, "c-p1,c-p2,c-p3");
  g_assert_cmpstr (ids, ==, expected);
  g_assert_cmpstr (stack_page (f), ==, "list");
}

/* Stage order, then lane order, then the order within the cell; links
 * drawn the other way round (touchpoint → pain point, pain point →
 * solution) count too. */
static void
test_rows_map_order (Fixture       *f,
                     gconstpointer  data)
{
  WaymarkLane *lane2;
  WaymarkCard *upper, *first, *c;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *original = test_util_dump (f->document);

  /* A second pain points lane above the first, and a card in each. */
  lane2 = waymark_document_add_lane (f->document, "pain-points", "More pain", 0);
  upper = waymark_document_add_card (f->document, "st-consider", waymark_lane_get_id (lane2), "Upper lane", -1);
  first = waymark_document_add_card (f->document, "st-consider", "ln-pain", "First in cell", 0);
  g_free (ids);
  ids = shown_ids (f);
  expected = g_strdup_printf ("%s,%s,c-p1,c-p2,c-p3", waymark_card_get_id (upper), waymark_card_get_id (first));
  g_assert_cmpstr (ids, ==, expected);
  g_free (expected);
  expected = expected_ids (f->document);
  g_assert_cmpstr (ids, ==, expected);

  /* Stages in their new order. */
  waymark_document_move_stage (f->document, waymark_document_lookup_stage (f->document, "st-retain"), 0);
  g_free (ids);
  ids = shown_ids (f);
  g_free (expected);
  expected = g_strdup_printf ("c-p3,%s,%s,c-p1,c-p2", waymark_card_get_id (upper), waymark_card_get_id (first));
  g_assert_cmpstr (ids, ==, expected);
  dump = dump_panel (f);
  g_assert_true (g_str_has_prefix (dump, "# Retention\n- Substitutions without asking"));

  /* Links in either direction: Instagram story → c-p1, c-p1 → c-s2.
   * Touchpoints and solutions are listed in map order too. */
  waymark_document_link_cards (f->document, card (f, "c-t1"), card (f, "c-p1"));
  waymark_document_link_cards (f->document, card (f, "c-p1"), card (f, "c-s2"));
  /* An action where it happens, and a thought (not listed). */
  waymark_document_link_cards (f->document, card (f, "c-p1"), card (f, "c-a2"));
  waymark_document_link_cards (f->document, card (f, "c-p1"), card (f, "c-q1"));
  g_free (dump);
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "- Delivery fee shown only at checkout [High] [Open]"
                                  " @Instagram story @Compares three apps on price and slots"
                                  " @Landing page and price list"
                                  " +Show the fee on every product page (Web team) [Planned]"
                                  " +Let customers reserve a slot for 2 hours (Logistics) [In Progress]\n"));
  /* The solution linked from the pain point stays under c-p2 too. */
  g_assert_nonnull (strstr (dump, "- Evening slots sell out by noon [High] [Planned] @Checkout in the app"
                                  " +Let customers reserve a slot for 2 hours (Logistics) [In Progress]\n"));

  /* A card with an empty title, in a stage without a name. */
  c = waymark_document_add_card (f->document, "st-aware", "ln-pain", "", -1);
  waymark_document_set_string (f->document, waymark_document_lookup_stage (f->document, "st-aware"), "name", "");
  g_free (dump);
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "# Stage 2\n- Untitled [No Priority] [No Status]\n"));
  g_assert_nonnull (waymark_notes_panel_get_row (f->panel, c));

  while (waymark_history_undo (f->history))
    ;
  g_free (dump);
  dump = dump_panel (f);
  g_assert_cmpstr (dump, ==, grocery_rows);
  {
    g_autofree char *now = test_util_dump (f->document);

    g_assert_cmpstr (now, ==, original);
  }
}

/* ---- Adding a solution ---- */

static GtkWidget *
add_button (Fixture    *f,
            const char *id)
{
  GtkWidget *button = find_class (row (f, id), "notes-add-solution");

  g_assert_nonnull (button);
  return button;
}

static void
test_add_solution (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autoptr(GPtrArray) cell_before = waymark_document_get_cell_cards (f->document, "st-decide", "ln-sol");
  g_autoptr(GPtrArray) cell = NULL;
  g_autofree char *selection = NULL;
  g_autofree char *dump = NULL;
  WaymarkCard *solution;
  const char * const *links;

  click (add_button (f, "c-p2"));
  cell = waymark_document_get_cell_cards (f->document, "st-decide", "ln-sol");
  g_assert_cmpuint (cell->len, ==, cell_before->len + 1);
  solution = cell->pdata[cell->len - 1];
  links = waymark_card_get_links (solution);
  g_assert_cmpuint (g_strv_length ((char **) links), ==, 1);
  g_assert_cmpstr (links[0], ==, "c-p2");
  g_assert_cmpstr (waymark_card_get_title (solution), ==, "New solution");
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (f->document)), ==, 7);

  /* Selected and being edited on the canvas. */
  selection = selection_ids (f);
  g_assert_cmpstr (selection, ==, waymark_card_get_id (solution));
  g_assert_nonnull (waymark_canvas_get_editor (f->canvas));
  waymark_canvas_cancel_edit (f->canvas);

  /* Listed under its pain point at once. */
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, " +Let customers reserve a slot for 2 hours (Logistics) [In Progress]"
                                  " +New solution [No Status]\n"));

  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_free (dump);
  dump = dump_panel (f);
  g_assert_cmpstr (dump, ==, grocery_rows);
}

/* No solutions lane: one is made below the pain points lane, in the same
 * undo step. */
static void
test_add_solution_new_lane (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *before = NULL;
  guint n_undo;
  WaymarkCard *solution;
  WaymarkLane *lane;
  GListModel *lanes = waymark_document_get_lanes (f->document);

  waymark_document_remove_lane (f->document, waymark_document_lookup_lane (f->document, "ln-sol"));
  g_assert_null (waymark_document_lookup_card (f->document, "c-s1"));
  before = test_util_dump (f->document);
  n_undo = waymark_history_get_n_undo (f->history);
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 6);

  solution = waymark_notes_panel_add_solution (f->panel, card (f, "c-p1"));
  g_assert_nonnull (solution);
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 7);
  lane = g_list_model_get_item (lanes, 5);
  g_assert_cmpint (waymark_lane_get_kind_enum (lane), ==, WAYMARK_LANE_KIND_SOLUTIONS);
  g_assert_cmpstr (waymark_lane_get_name (lane), ==, "Solutions");
  g_assert_cmpstr (waymark_card_get_lane (solution), ==, waymark_lane_get_id (lane));
  g_assert_cmpstr (waymark_card_get_stage (solution), ==, "st-consider");
  g_assert_cmpstr (waymark_card_get_links (solution)[0], ==, "c-p1");
  g_object_unref (lane);
  waymark_canvas_cancel_edit (f->canvas);

  test_util_assert_one_step_undone (f->document, before, n_undo);
  g_assert_cmpuint (g_list_model_get_n_items (lanes), ==, 6);
}

/* Without a canvas the new solution's row takes the focus. */
static void
test_add_solution_no_canvas (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) cell = NULL;
  GtkWidget *focus;
  WaymarkCard *solution;

  waymark_notes_panel_set_canvas (f->panel, NULL);
  g_assert_null (waymark_notes_panel_get_canvas (f->panel));
  gtk_widget_grab_focus (add_button (f, "c-p3"));
  click (add_button (f, "c-p3"));
  drain_main_context ();

  cell = waymark_document_get_cell_cards (f->document, "st-retain", "ln-sol");
  g_assert_cmpuint (cell->len, ==, 2);
  solution = cell->pdata[1];
  g_assert_cmpstr (waymark_card_get_links (solution)[0], ==, "c-p3");
  g_assert_null (waymark_canvas_get_editor (f->canvas));

  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, row (f, "c-p3")));
  g_assert_true (gtk_widget_has_css_class (focus, "notes-solution-button"));
  g_assert_cmpstr (label_text (focus), ==, "New solution");
}

/* ---- Filters and the count ---- */

static void
filter (Fixture    *f,
        const char *action,
        const char *value)
{
  gtk_widget_activate_action (GTK_WIDGET (f->panel), action, "s", value);
}

static void
assert_shown (Fixture    *f,
              const char *expected)
{
  g_autofree char *ids = shown_ids (f);

  g_assert_cmpstr (ids, ==, expected);
}

static void
search (Fixture    *f,
        const char *text)
{
  GtkWidget *entry = find_type (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  WAIT_UNTIL (g_str_equal (waymark_notes_panel_get_search_text (f->panel), text));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  WaymarkCard *fresh;
  g_autofree char *all = NULL;
  GtkWidget *persona_button;
  GMenuModel *menu;
  GMenuModel *section;
  g_autofree char *name = NULL;

  waymark_document_set_card_persona (f->document, card (f, "c-p1"), "p-george", TRUE);
  waymark_document_set_card_persona (f->document, card (f, "c-p3"), "p-maria", TRUE);
  fresh = waymark_document_add_card (f->document, "st-aware", "ln-pain", "Hard to find the app", -1);
  waymark_document_set_string (f->document, fresh, "notes", "Poor search ranking");
  all = g_strdup_printf ("%s,c-p1,c-p2,c-p3", waymark_card_get_id (fresh));
  assert_shown (f, all);

  /* Status. */
  filter (f, "notes.status-filter", "open");
  g_assert_cmpstr (waymark_notes_panel_get_status_filter (f->panel), ==, "open");
  assert_shown (f, "c-p1,c-p3");
  filter (f, "notes.status-filter", "planned");
  assert_shown (f, "c-p2");
  filter (f, "notes.status-filter", "done");
  assert_shown (f, "");
  g_assert_cmpstr (stack_page (f), ==, "no-match");
  g_assert_true (gtk_widget_get_mapped (find_status_page (f, "No Matching Pain Points")));
  filter (f, "notes.status-filter", WAYMARK_NOTES_FILTER_NOT_SET);
  assert_shown (f, waymark_card_get_id (fresh));
  filter (f, "notes.status-filter", "");

  /* Priority, alone and with a status. */
  filter (f, "notes.priority-filter", "high");
  assert_shown (f, "c-p1,c-p2");
  filter (f, "notes.status-filter", "open");
  assert_shown (f, "c-p1");
  filter (f, "notes.priority-filter", "medium");
  assert_shown (f, "c-p3");
  filter (f, "notes.priority-filter", WAYMARK_NOTES_FILTER_NOT_SET);
  assert_shown (f, "");
  filter (f, "notes.status-filter", "");
  assert_shown (f, waymark_card_get_id (fresh));
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "notes.clear-filters", NULL);
  assert_shown (f, all);

  /* Persona: cards for everyone count for each persona. */
  persona_button = find_tooltip (GTK_WIDGET (f->panel), "Filter by persona");
  g_assert_true (GTK_IS_MENU_BUTTON (persona_button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (persona_button));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &name));
  g_assert_cmpstr (name, ==, "Maria, the busy parent");
  g_object_unref (section);

  filter (f, "notes.persona-filter", "p-maria");
  {
    g_autofree char *expected = g_strdup_printf ("%s,c-p2,c-p3", waymark_card_get_id (fresh));

    assert_shown (f, expected);
  }
  g_assert_cmpstr (label_text (persona_button), ==, "Maria, the busy parent");
  filter (f, "notes.persona-filter", "p-george");
  {
    g_autofree char *expected = g_strdup_printf ("%s,c-p1,c-p2", waymark_card_get_id (fresh));

    assert_shown (f, expected);
  }
  /* With status and priority. */
  filter (f, "notes.status-filter", "open");
  assert_shown (f, "c-p1");
  filter (f, "notes.priority-filter", "medium");
  assert_shown (f, "");
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "notes.clear-filters", NULL);
  assert_shown (f, all);

  /* Free text: case and accents aside, every word, in the title, notes,
   * evidence or a solution's title. */
  search (f, "FEE");
  assert_shown (f, "c-p1");
  search (f, "reserve slot");
  assert_shown (f, "c-p2");
  search (f, "ranking");
  assert_shown (f, waymark_card_get_id (fresh));
  search (f, "support tickets");
  assert_shown (f, "c-p3");
  search (f, "slot fee");
  assert_shown (f, "");
  search (f, "a");
  assert_shown (f, all);
  /* Text with a persona and a status. */
  filter (f, "notes.persona-filter", "p-maria");
  filter (f, "notes.status-filter", "open");
  assert_shown (f, "c-p3");
  search (f, "slot");
  assert_shown (f, "");
  g_assert_cmpstr (stack_page (f), ==, "no-match");

  /* The Clear Filters button of the empty result. */
  click (find_type (find_status_page (f, "No Matching Pain Points"), GTK_TYPE_BUTTON));
  assert_shown (f, all);
  g_assert_cmpstr (waymark_notes_panel_get_search_text (f->panel), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_type (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY))), ==, "");
  g_assert_cmpstr (waymark_notes_panel_get_persona_filter (f->panel), ==, "");
  g_assert_cmpstr (stack_page (f), ==, "list");

  /* A persona that leaves the map stops filtering. */
  filter (f, "notes.persona-filter", "p-george");
  waymark_document_remove_persona (f->document, waymark_document_lookup_persona (f->document, "p-george"));
  assert_shown (f, all);
  g_assert_cmpstr (waymark_notes_panel_get_persona_filter (f->panel), ==, "");
}

static void
test_count (Fixture       *f,
            gconstpointer  data)
{
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkCard *fresh;

  /* c-p1 only: c-p2 is planned, c-p3 medium. */
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (f->panel), "1 open, high priority"));

  /* Changed from the row's status menu: one step. */
  gtk_widget_activate_action (row (f, "c-p2"), "card.status", "s", "open");
  g_assert_cmpstr (waymark_card_get_status (card (f, "c-p2")), ==, "open");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 1);
  waymark_notes_panel_flush (f->panel);
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 2);
  g_assert_nonnull (find_label (GTK_WIDGET (f->panel), "2 open, high priority"));

  /* And the priority menu; filters do not change the count. */
  gtk_widget_activate_action (row (f, "c-p1"), "card.priority", "s", "medium");
  g_assert_cmpstr (waymark_card_get_priority (card (f, "c-p1")), ==, "medium");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 2);
  filter (f, "notes.status-filter", "done");
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 1);
  filter (f, "notes.status-filter", "");

  /* An unset status is not open. */
  fresh = waymark_document_add_card (f->document, "st-aware", "ln-pain", "Unknown brand", -1);
  waymark_document_set_string (f->document, fresh, "priority", "high");
  waymark_notes_panel_flush (f->panel);
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 1);
  waymark_document_set_string (f->document, fresh, "status", "open");
  waymark_notes_panel_flush (f->panel);
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 2);

  while (waymark_history_get_n_undo (f->history) > n_undo)
    waymark_history_undo (f->history);
  waymark_notes_panel_flush (f->panel);
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 1);
  g_assert_nonnull (find_label (GTK_WIDGET (f->panel), "1 open, high priority"));
}

/* Status and priority from the pills' menus, for a pain point and a
 * solution: document operations, one undo step each. */
static void
test_change_from_row (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  GtkWidget *solution_row = find_class (row (f, "c-p3"), "notes-solution");
  g_autofree char *dump = NULL;

  gtk_widget_activate_action (solution_row, "card.status", "s", "done");
  g_assert_cmpstr (waymark_card_get_status (card (f, "c-s3")), ==, "done");
  g_assert_cmpstr (waymark_card_get_status (card (f, "c-p3")), ==, "open");
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "+Ask before substituting, in the app (App team) [Done]"));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Two choices of one field are two steps. */
  gtk_widget_activate_action (row (f, "c-p3"), "card.status", "s", "planned");
  gtk_widget_activate_action (row (f, "c-p3"), "card.status", "s", "done");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo + 2);
  g_assert_true (waymark_history_undo (f->history));
  g_assert_cmpstr (waymark_card_get_status (card (f, "c-p3")), ==, "planned");
  g_assert_true (waymark_history_undo (f->history));

  gtk_widget_activate_action (row (f, "c-p3"), "card.priority", "s", "");
  g_assert_cmpstr (waymark_card_get_priority (card (f, "c-p3")), ==, "");
  g_free (dump);
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "- Substitutions without asking [No Priority] [Open]"));
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

/* ---- Following the document ---- */

static void
test_follows_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autofree char *ids = NULL;
  WaymarkCard *fresh;
  WaymarkCard *moved;
  WaymarkCard *gone;
  guint n_undo = waymark_history_get_n_undo (f->history);

  /* A new pain point. */
  fresh = waymark_document_add_card (f->document, "st-aware", "ln-pain", "Flyer is hard to read", -1);
  drain_main_context ();
  dump = dump_panel (f);
  g_assert_true (g_str_has_prefix (dump, "# Awareness\n- Flyer is hard to read [No Priority] [No Status]\n"
                                         "# Consideration\n"));
  g_assert_nonnull (waymark_notes_panel_get_row (f->panel, fresh));

  /* Retitled, from the model. */
  waymark_document_set_string (f->document, card (f, "c-p1"), "title", "Fee appears late");
  drain_main_context ();
  g_free (dump);
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "- Fee appears late [High] [Open]"));
  g_assert_null (strstr (dump, "Delivery fee shown only at checkout"));

  /* Moved to another stage. */
  moved = card (f, "c-p3");
  waymark_document_move_cards (f->document, &moved, 1, "st-aware", "ln-pain", -1);
  drain_main_context ();
  ids = shown_ids (f);
  {
    g_autofree char *expected = g_strdup_printf ("%s,c-p3,c-p1,c-p2", waymark_card_get_id (fresh));

    g_assert_cmpstr (ids, ==, expected);
  }
  g_free (dump);
  dump = dump_panel (f);
  g_assert_null (strstr (dump, "# Retention"));

  /* Deleted. */
  gone = card (f, "c-p2");
  waymark_document_remove_card (f->document, gone);
  drain_main_context ();
  g_free (ids);
  ids = shown_ids (f);
  {
    g_autofree char *expected = g_strdup_printf ("%s,c-p3,c-p1", waymark_card_get_id (fresh));

    g_assert_cmpstr (ids, ==, expected);
  }
  g_free (dump);
  dump = dump_panel (f);
  g_assert_null (strstr (dump, "# Decision"));

  /* A solution deleted: gone from its pain point. */
  waymark_document_remove_card (f->document, card (f, "c-s1"));
  drain_main_context ();
  g_free (dump);
  dump = dump_panel (f);
  g_assert_nonnull (strstr (dump, "- Fee appears late [High] [Open] @Landing page and price list\n"));

  /* Undo, all of it. */
  while (waymark_history_get_n_undo (f->history) > n_undo)
    waymark_history_undo (f->history);
  drain_main_context ();
  g_free (dump);
  dump = dump_panel (f);
  g_assert_cmpstr (dump, ==, grocery_rows);
}

/* Another map, then none. */
static void
test_replace_document (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(WaymarkDocument) other = test_examples_load ("saas-trial-to-renewal.jmap");
  g_autoptr(WaymarkDocument) empty = test_examples_load ("empty.jmap");
  g_autofree char *expected = expected_ids (other);
  g_autofree char *ids = NULL;
  GListModel *cards = waymark_document_get_cards (other);
  guint n_open_high = 0;
  WaymarkCard *hidden;

  g_assert_cmpstr (expected, !=, "");
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(WaymarkCard) c = g_list_model_get_item (cards, i);
      WaymarkLane *lane = waymark_document_lookup_lane (other, waymark_card_get_lane (c));

      if (waymark_lane_get_kind_enum (lane) == WAYMARK_LANE_KIND_PAIN_POINTS &&
          g_str_equal (waymark_card_get_status (c), "open") &&
          g_str_equal (waymark_card_get_priority (c), "high"))
        n_open_high++;
    }

  filter (f, "notes.persona-filter", "p-maria");
  waymark_canvas_set_document (f->canvas, other);
  waymark_notes_panel_set_document (f->panel, other);
  g_assert_true (waymark_notes_panel_get_document (f->panel) == other);
  g_assert_cmpstr (waymark_notes_panel_get_persona_filter (f->panel), ==, "");
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, expected);
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, n_open_high);

  /* The old document no longer reaches the panel. */
  hidden = waymark_document_add_card (f->document, "st-aware", "ln-pain", "Not shown", -1);
  drain_main_context ();
  g_free (ids);
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, expected);

  waymark_notes_panel_set_document (f->panel, empty);
  g_assert_cmpstr (stack_page (f), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (find_status_page (f, "No Pain Points")));
  g_assert_nonnull (find_label (GTK_WIDGET (f->panel), "No pain points"));

  waymark_notes_panel_set_document (f->panel, NULL);
  g_assert_cmpstr (stack_page (f), ==, "empty");
  g_free (ids);
  ids = shown_ids (f);
  g_assert_cmpstr (ids, ==, "");

  waymark_canvas_set_document (f->canvas, f->document);
  waymark_notes_panel_set_document (f->panel, f->document);
  g_free (ids);
  ids = shown_ids (f);
  g_free (expected);
  expected = g_strdup_printf ("%s,c-p1,c-p2,c-p3", waymark_card_get_id (hidden));
  g_assert_cmpstr (ids, ==, expected);
}

/* ---- The canvas ---- */

static void
test_activate_row (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *selection = NULL;
  GtkWidget *button;
  WaymarkCard *c;

  gtk_widget_activate (row (f, "c-p3"));
  selection = selection_ids (f);
  g_assert_cmpstr (selection, ==, "c-p3");
  g_assert_true (gtk_widget_has_css_class (row (f, "c-p3"), "notes-selected"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row (f, "c-p3")), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);
  g_assert_false (gtk_widget_has_css_class (row (f, "c-p1"), "notes-selected"));

  /* A solution's row shows the solution. */
  button = find_class (row (f, "c-p1"), "notes-solution-button");
  click (button);
  g_free (selection);
  selection = selection_ids (f);
  g_assert_cmpstr (selection, ==, "c-s1");
  g_assert_false (gtk_widget_has_css_class (row (f, "c-p3"), "notes-selected"));
  g_assert_true (gtk_widget_has_css_class (find_class (row (f, "c-p1"), "notes-solution"), "notes-selected"));

  /* And a touchpoint chip, the touchpoint. */
  click (find_class (row (f, "c-p2"), "notes-chip"));
  g_free (selection);
  selection = selection_ids (f);
  g_assert_cmpstr (selection, ==, "c-t5");

  /* Selecting on the canvas marks the row. */
  c = card (f, "c-p2");
  waymark_canvas_set_selection (f->canvas, &c, 1);
  g_assert_true (gtk_widget_has_css_class (row (f, "c-p2"), "notes-selected"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row (f, "c-p2")), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row (f, "c-p3")), GTK_ACCESSIBLE_STATE_SELECTED, FALSE);
  /* … and still after a rebuild. */
  waymark_document_set_string (f->document, card (f, "c-p2"), "owner", "Ops");
  waymark_notes_panel_flush (f->panel);
  g_assert_true (gtk_widget_has_css_class (row (f, "c-p2"), "notes-selected"));
}

/* Focus stays on the same control across a rebuild, and moves to the
 * next row when its pain point goes. */
static void
test_focus_kept (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *pill = find_class (row (f, "c-p2"), "notes-pill");
  GtkWidget *focus;

  gtk_widget_grab_focus (pill);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == pill || gtk_widget_is_ancestor (focus, pill));

  gtk_widget_activate_action (row (f, "c-p2"), "card.priority", "s", "low");
  waymark_notes_panel_flush (f->panel);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  pill = find_class (row (f, "c-p2"), "notes-pill");
  g_assert_cmpstr (label_text (pill), ==, "Low");
  g_assert_true (focus == pill || gtk_widget_is_ancestor (focus, pill));

  gtk_widget_grab_focus (row (f, "c-p2"));
  waymark_document_remove_card (f->document, card (f, "c-p2"));
  waymark_notes_panel_flush (f->panel);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == row (f, "c-p3"));

  /* Focus elsewhere is left alone. */
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (f->panel)));
  waymark_document_set_string (f->document, card (f, "c-p3"), "title", "Renamed");
  waymark_notes_panel_flush (f->panel);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus);
}

/* Hidden, the panel keeps only its count up to date, and catches up
 * when shown. */
static void
test_hidden (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dump = NULL;

  gtk_widget_set_visible (GTK_WIDGET (f->panel), FALSE);
  waymark_document_set_string (f->document, card (f, "c-p2"), "status", "open");
  waymark_document_set_string (f->document, card (f, "c-p2"), "title", "Slots gone by noon");
  drain_main_context ();
  g_assert_cmpuint (waymark_notes_panel_get_n_open_high (f->panel), ==, 2);
  dump = dump_panel_now (f);
  g_assert_null (strstr (dump, "Slots gone by noon"));

  gtk_widget_set_visible (GTK_WIDGET (f->panel), TRUE);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->panel)));
  g_free (dump);
  dump = dump_panel_now (f);
  g_assert_nonnull (strstr (dump, "- Slots gone by noon [High] [Open]"));
}

/* A rebuild keeps the list where it was scrolled to. */
static void
test_scroll_kept (Fixture       *f,
                  gconstpointer  data)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (find_class (GTK_WIDGET (f->panel),
                                                                                          "notes-list"),
                                                                              GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  double value;

  for (guint i = 0; i < 6; i++)
    waymark_document_add_card (f->document, "st-advocate", "ln-pain", "Referral code hard to find", -1);
  waymark_notes_panel_flush (f->panel);
  WAIT_UNTIL (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 400);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 100);
  value = 300;
  gtk_adjustment_set_value (adjustment, value);
  waymark_document_set_string (f->document, card (f, "c-p3"), "title", "Substitutions made without asking");
  drain_main_context ();
  WAIT_UNTIL (strstr (label_text (find_class (row (f, "c-p3"), "notes-title")), "made") != NULL);
  drain_main_context ();
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), value, 0.5);
}

/* ---- Accessibility ---- */

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *r = row (f, "c-p1");
  GtkWidget *widget;
  const char *filters[][2] = {
    { "Filter by status", "Status" },
    { "Filter by priority", "Priority" },
    { "Filter by persona", "Persona" },
  };

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (r), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pain point: Delivery fee shown only at checkout, priority High, "
                                       "status Open, 1 solution");
  g_assert_true (gtk_widget_get_focusable (r));
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (r)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (r)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pain points in Consideration");

  widget = find_class (r, "notes-pill");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Priority: High");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, "Change priority");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_next_sibling (widget)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Status: Open");
  widget = find_class (r, "notes-chip");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Touchpoint: Landing page and price list, website");
  widget = find_class (r, "notes-solution-button");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Solution: Show the fee on every product page, Planned, owner Web team");
  widget = find_class (r, "notes-add-solution");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add solution to Delivery fee shown only at checkout");
  g_assert_true (gtk_widget_get_focusable (widget));

  /* The label follows the document. */
  waymark_document_set_string (f->document, card (f, "c-p1"), "status", "done");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row (f, "c-p1")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pain point: Delivery fee shown only at checkout, priority High, "
                                       "status Done, 1 solution");

  widget = find_type (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search pain points");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      widget = find_tooltip (GTK_WIDGET (f->panel), filters[i][0]);
      g_assert_true (GTK_IS_MENU_BUTTON (widget));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, filters[i][0]);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           filters[i][1]);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (widget)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, filters[i][0]);
    }
  filter (f, "notes.status-filter", "in-progress");
  widget = find_tooltip (GTK_WIDGET (f->panel), "Filter by status");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "In Progress");
  g_assert_cmpstr (label_text (widget), ==, "In Progress");
}

/* ---- Looks ---- */

static void
take_screenshots (Fixture    *f,
                  const char *suffix)
{
  g_autofree char *panel_name = g_strdup_printf ("notes-panel-%s.png", suffix);
  g_autofree char *window_name = g_strdup_printf ("notes-window-%s.png", suffix);

  wait_frames (f->window, 3);
  save_screenshot (GTK_WIDGET (f->panel), panel_name);
  save_screenshot (f->window, window_name);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  WaymarkCard *c = card (f, "c-p2");

  waymark_canvas_set_selection (f->canvas, &c, 1);
  take_screenshots (f, "light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  take_screenshots (f, "dark");

  filter (f, "notes.status-filter", "done");
  take_screenshots (f, "no-match-dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  {
    g_autoptr(WaymarkDocument) empty = test_examples_load ("empty.jmap");

    waymark_notes_panel_set_document (f->panel, empty);
    take_screenshots (f, "empty-light");
    waymark_notes_panel_set_document (f->panel, f->document);
  }
}

/* A change elsewhere in the map rebuilds no row; a changed pain point
 * (or a card shown in its row) replaces only that row. On a large map a
 * full rebuild per edit took seconds (bench-panels). */
static GtkWidget *
row_of (Fixture    *f,
        const char *id)
{
  return waymark_notes_panel_get_row (f->panel, waymark_document_lookup_card (f->document, id));
}

static void
test_rebuilds_only_changed (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *p1 = row_of (f, "c-p1");
  GtkWidget *p2 = row_of (f, "c-p2");
  GtkWidget *p3 = row_of (f, "c-p3");
  WaymarkHistory *history = waymark_document_get_history (f->document);

  g_assert_nonnull (p1);
  g_assert_nonnull (p2);
  g_assert_nonnull (p3);

  /* A thought is in no row. */
  waymark_document_set_string (f->document, waymark_document_lookup_card (f->document, "c-q1"),
                               "title", "Another thought");
  waymark_notes_panel_flush (f->panel);
  g_assert_true (row_of (f, "c-p1") == p1);
  g_assert_true (row_of (f, "c-p2") == p2);
  g_assert_true (row_of (f, "c-p3") == p3);

  /* The solution of the second pain point: its row only. */
  waymark_document_set_string (f->document, waymark_document_lookup_card (f->document, "c-s2"),
                               "owner", "Planning");
  waymark_notes_panel_flush (f->panel);
  g_assert_true (row_of (f, "c-p1") == p1);
  g_assert_false (row_of (f, "c-p2") == p2);
  g_assert_true (row_of (f, "c-p3") == p3);
  g_assert_nonnull (find_label (row_of (f, "c-p2"), "Planning"));

  g_assert_true (waymark_history_undo (history));
  g_assert_true (waymark_history_undo (history));
  waymark_notes_panel_flush (f->panel);
  g_assert_null (find_label (row_of (f, "c-p2"), "Planning"));
  g_assert_nonnull (find_label (row_of (f, "c-p2"), "Logistics"));

  /* A pain point moved to another stage: the other rows stay. */
  p2 = row_of (f, "c-p2");
  {
    WaymarkCard *moved = waymark_document_lookup_card (f->document, "c-p3");

    waymark_document_move_cards (f->document, &moved, 1, "st-decide", "ln-pain", -1);
  }
  waymark_notes_panel_flush (f->panel);
  g_assert_true (row_of (f, "c-p1") == p1);
  g_assert_true (row_of (f, "c-p2") == p2);
  g_assert_true (gtk_widget_get_parent (row_of (f, "c-p3")) == gtk_widget_get_parent (p2));
  g_assert_true (waymark_history_undo (history));
  waymark_notes_panel_flush (f->panel);
  g_assert_true (row_of (f, "c-p1") == p1);
  g_assert_true (row_of (f, "c-p2") == p2);
  g_assert_false (gtk_widget_get_parent (row_of (f, "c-p3")) == gtk_widget_get_parent (p2));
}

int
main (int   argc,
      char *argv[])
{
  test_panel_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/notes-panel/rows", test_rows);
  ADD ("/notes-panel/rows/map-order", test_rows_map_order);
  ADD ("/notes-panel/add-solution", test_add_solution);
  ADD ("/notes-panel/add-solution/new-lane", test_add_solution_new_lane);
  ADD ("/notes-panel/add-solution/no-canvas", test_add_solution_no_canvas);
  ADD ("/notes-panel/filters", test_filters);
  ADD ("/notes-panel/count", test_count);
  ADD ("/notes-panel/change-from-row", test_change_from_row);
  ADD ("/notes-panel/follows-document", test_follows_document);
  ADD ("/notes-panel/rebuilds-only-changed", test_rebuilds_only_changed);
  ADD ("/notes-panel/replace-document", test_replace_document);
  ADD ("/notes-panel/activate-row", test_activate_row);
  ADD ("/notes-panel/focus-kept", test_focus_kept);
  ADD ("/notes-panel/hidden", test_hidden);
  ADD ("/notes-panel/scroll-kept", test_scroll_kept);
  ADD ("/notes-panel/accessible", test_accessible);
  ADD ("/notes-panel/screenshots", test_screenshots);

  return g_test_run ();
}
