/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map canvas, driven through the same entry points its gestures and
 * key bindings use, on the grocery example in a real window (under Xvfb).
 * After each gesture the test checks the document, and that undo gives
 * back exactly what was there. */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "test-util.h"
#include "test-examples.h"
#include "test-gtk.h"
#include "test-leaks.h"
#include "waymark-canvas.h"
#include "waymark-jmap-reader.h"

typedef struct
{
  GtkWidget       *window;
  GtkWidget       *scroller;
  WaymarkCanvas   *canvas;
  WaymarkDocument *document;
  WaymarkHistory  *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = test_examples_load ("grocery-first-order.jmap");
  f->history = waymark_document_get_history (f->document);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1600, 1000);
  f->scroller = gtk_scrolled_window_new ();
  f->canvas = WAYMARK_CANVAS (waymark_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (f->scroller), GTK_WIDGET (f->canvas));
  gtk_window_set_child (GTK_WINDOW (f->window), f->scroller);
  waymark_canvas_set_document (f->canvas, f->document);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->canvas)) &&
              gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 1000);
  wait_frames (GTK_WIDGET (f->canvas), 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_pending ();
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

/* Widget coordinates of the middle of a card. */
static void
card_center (Fixture    *f,
             const char *id,
             double     *x,
             double     *y)
{
  WaymarkLayoutCard *lc;

  waymark_canvas_flush (f->canvas);
  lc = waymark_layout_get_card (waymark_canvas_get_layout (f->canvas), card (f, id));
  g_assert_nonnull (lc);
  if (lc->is_point)
    waymark_canvas_map_to_widget (f->canvas, lc->point_x, lc->point_y, x, y);
  else
    waymark_canvas_map_to_widget (f->canvas, lc->rect.x + lc->rect.width / 2,
                                  lc->rect.y + lc->rect.height / 2, x, y);
}

static void
cell_point (Fixture *f,
            guint    stage,
            guint    lane,
            double   fy,
            double  *x,
            double  *y)
{
  WaymarkRect cell;

  waymark_layout_get_cell_rect (waymark_canvas_get_layout (f->canvas), stage, lane, &cell);
  waymark_canvas_map_to_widget (f->canvas, cell.x + cell.width / 2, cell.y + cell.height * fy, x, y);
}

/* A drag in small steps, as a pointer would. */
static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1,
      gboolean release)
{
  waymark_canvas_pointer_press (f->canvas, x0, y0, 1, 0);
  for (int i = 1; i <= 12; i++)
    waymark_canvas_pointer_motion (f->canvas, x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12);
  g_assert_true (waymark_canvas_is_dragging (f->canvas));
  if (release)
    waymark_canvas_pointer_release (f->canvas, x1, y1);
}

static GPtrArray *
cell_ids (Fixture    *f,
          const char *stage,
          const char *lane)
{
  g_autoptr(GPtrArray) cards = waymark_document_get_cell_cards (f->document, stage, lane);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (ids, (gpointer) waymark_card_get_id (cards->pdata[i]));
  return ids;
}

static char *
cell_string (Fixture    *f,
             const char *stage,
             const char *lane)
{
  g_autoptr(GPtrArray) ids = cell_ids (f, stage, lane);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (const char *) ids->pdata[i]);
  return g_string_free (s, FALSE);
}

/* ---- Accessibility ---- */

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *item;

  item = waymark_canvas_get_card_item (f->canvas, card (f, "c-t5"));
  g_assert_nonnull (item);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Card: Checkout in the app, Touchpoints, Decision");
  g_assert_true (gtk_widget_get_focusable (item));

  item = waymark_canvas_get_stage_item (f->canvas, 0);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_COLUMN_HEADER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stage: Awareness");

  item = waymark_canvas_get_lane_item (f->canvas, 1);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_ROW_HEADER);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lane: Touchpoints, Touchpoints");

  item = waymark_canvas_get_cell_item (f->canvas, 0, 2);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_ROLE_GRID_CELL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Thoughts, Awareness, empty");

  /* The label follows a rename. */
  waymark_document_set_string (f->document, card (f, "c-t5"), "title", "Pay in the app");
  item = waymark_canvas_get_card_item (f->canvas, card (f, "c-t5"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Card: Pay in the app, Touchpoints, Decision");

  /* Selection is exposed. */
  {
    WaymarkCard *c = card (f, "c-t5");

    waymark_canvas_set_selection (f->canvas, &c, 1);
    gtk_test_accessible_assert_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);
  }
}

/* Only what is in view has item widgets, even on a big map. */
static void
test_virtualized (Fixture       *f,
                  gconstpointer  data)
{
  waymark_history_begin_group (f->history, "Many");
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Card %u", i);

      waymark_document_add_card (f->document, "st-retain", "ln-act", title, -1);
    }
  waymark_history_end_group (f->history);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  waymark_canvas_flush (f->canvas);
  g_assert_cmpuint (waymark_canvas_get_n_items (f->canvas), <, 400);
  g_assert_cmpuint (waymark_layout_get_n_cards (waymark_canvas_get_layout (f->canvas)), ==, 3030);
  g_assert_true (waymark_history_undo (f->history));
  wait_frames (GTK_WIDGET (f->canvas), 1);
  g_assert_cmpuint (waymark_layout_get_n_cards (waymark_canvas_get_layout (f->canvas)), ==, 30);
}

/* ---- Dragging cards ---- */

static void
test_drag_to_cell (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autofree char *target = NULL;
  double x0, y0, x1, y1;

  /* Instagram story, from Awareness to the bottom of Decision's
   * touchpoints. */
  card_center (f, "c-t1", &x0, &y0);
  cell_point (f, 2, 1, 0.95, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  g_assert_false (waymark_canvas_is_dragging (f->canvas));
  g_assert_cmpstr (waymark_card_get_stage (card (f, "c-t1")), ==, "st-decide");
  g_assert_cmpstr (waymark_card_get_lane (card (f, "c-t1")), ==, "ln-tp");
  target = cell_string (f, "st-decide", "ln-tp");
  g_assert_cmpstr (target, ==, "c-t5,c-t1");
  wait_frames (GTK_WIDGET (f->canvas), 2);
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_drag_within_cell (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autofree char *order = NULL;
  double x0, y0, x1, y1;

  /* The flyer above the Instagram story. */
  card_center (f, "c-t2", &x0, &y0);
  card_center (f, "c-t1", &x1, &y1);
  drag (f, x0, y0, x1, y1 - 12, TRUE);
  order = cell_string (f, "st-aware", "ln-tp");
  g_assert_cmpstr (order, ==, "c-t2,c-t1");
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_drag_selection (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autofree char *order = NULL;
  double x0, y0, x1, y1;

  /* Click one, Ctrl+click another: both go, in one step. */
  card_center (f, "c-t3", &x0, &y0);
  waymark_canvas_pointer_press (f->canvas, x0, y0, 1, 0);
  waymark_canvas_pointer_release (f->canvas, x0, y0);
  card_center (f, "c-t4", &x0, &y0);
  waymark_canvas_pointer_press (f->canvas, x0, y0, 1, GDK_CONTROL_MASK);
  waymark_canvas_pointer_release (f->canvas, x0, y0);
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t3")));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t4")));

  cell_point (f, 4, 1, 0.9, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  order = cell_string (f, "st-advocate", "ln-tp");
  g_assert_cmpstr (order, ==, "c-t8,c-t3,c-t4");
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

/* Holding a dragged card at the bottom edge scrolls the view, and the
 * drop lands where the pointer is on the scrolled map. */
static void
test_drag_autoscroll (Fixture       *f,
                      gconstpointer  data)
{
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double height = gtk_widget_get_height (GTK_WIDGET (f->canvas));
  double x0, y0, start = gtk_adjustment_get_value (v);

  card_center (f, "c-a1", &x0, &y0);
  drag (f, x0, y0, x0, height - 4, FALSE);
  WAIT_UNTIL (gtk_adjustment_get_value (v) >= start + 200 ||
              gtk_adjustment_get_value (v) >= gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  waymark_canvas_pointer_release (f->canvas, x0, height - 4);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, start);
  /* It left the first lane for one further down. */
  g_assert_cmpstr (waymark_card_get_lane (card (f, "c-a1")), !=, "ln-act");
  g_assert_cmpstr (waymark_card_get_stage (card (f, "c-a1")), ==, "st-aware");
}

static void
test_drag_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  g_autofree char *after = NULL;
  guint n_undo = waymark_history_get_n_undo (f->history);
  double x0, y0, x1, y1;

  card_center (f, "c-a1", &x0, &y0);
  cell_point (f, 3, 5, 0.5, &x1, &y1);
  drag (f, x0, y0, x1, y1, FALSE);
  waymark_canvas_cancel_drag (f->canvas);
  g_assert_false (waymark_canvas_is_dragging (f->canvas));
  waymark_canvas_pointer_release (f->canvas, x1, y1);
  after = test_util_dump (f->document);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
}

/* With animations on, cards slide to their places: the drag, the drop
 * and the undo all animate, and the document is the same. */
static void
test_drag_animated (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  double x0, y0, x1, y1;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  card_center (f, "c-t4", &x0, &y0);
  card_center (f, "c-t3", &x1, &y1);
  waymark_canvas_pointer_press (f->canvas, x0, y0, 1, 0);
  for (int i = 1; i <= 10; i++)
    {
      waymark_canvas_pointer_motion (f->canvas, x0 + (x1 - x0) * i / 10, y0 + (y1 - 14 - y0) * i / 10);
      wait_frames (GTK_WIDGET (f->canvas), 1);
    }
  waymark_canvas_pointer_release (f->canvas, x1, y1 - 14);
  wait_frames (GTK_WIDGET (f->canvas), 20);
  {
    g_autofree char *order = cell_string (f, "st-consider", "ln-tp");

    g_assert_cmpstr (order, ==, "c-t4,c-t3");
  }
  g_assert_true (waymark_history_undo (f->history));
  wait_frames (GTK_WIDGET (f->canvas), 20);
  {
    g_autofree char *after = test_util_dump (f->document);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
test_drag_emotion (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkLayout *layout = waymark_canvas_get_layout (f->canvas);
  double x0, y0, x1, y1, mx, top;

  /* "Unsure" (0) up to the top of the scale: +2. */
  card_center (f, "c-e2", &x0, &y0);
  waymark_canvas_widget_to_map (f->canvas, x0, y0, &mx, &top);
  top = waymark_layout_emotion_y (layout, 3, 2);
  waymark_canvas_map_to_widget (f->canvas, mx, top, &x1, &y1);
  drag (f, x0, y0, x0, y1, TRUE);
  g_assert_true (waymark_card_get_has_emotion (card (f, "c-e2")));
  g_assert_cmpint (waymark_card_get_emotion (card (f, "c-e2")), ==, 2);
  g_assert_cmpstr (waymark_card_get_stage (card (f, "c-e2")), ==, "st-consider");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* A thought dropped on the emotions lane becomes a point with the
   * level it was dropped at, still one step. */
  before = (g_free (before), test_util_dump (f->document));
  card_center (f, "c-q1", &x0, &y0);
  cell_point (f, 0, 3, 0.5, &x1, &y1);
  waymark_canvas_widget_to_map (f->canvas, x1, y1, &mx, &top);
  waymark_canvas_map_to_widget (f->canvas, mx, waymark_layout_emotion_y (layout, 3, -1), &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  g_assert_cmpstr (waymark_card_get_lane (card (f, "c-q1")), ==, "ln-emo");
  g_assert_cmpint (waymark_card_get_emotion (card (f, "c-q1")), ==, -1);
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

/* ---- Stages and lanes ---- */

static void
test_reorder_headers (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkLayout *layout = waymark_canvas_get_layout (f->canvas);
  const WaymarkLayoutStage *ls;
  const WaymarkLayoutLane *ll;
  g_autoptr(WaymarkStage) first = NULL;
  g_autoptr(WaymarkLane) lane = NULL;
  double x0, y0, x1, y1;

  /* Awareness dragged past Consideration and Decision. */
  ls = waymark_layout_get_stage (layout, 0);
  waymark_canvas_map_to_widget (f->canvas, ls->header.x + 40, ls->header.y + 20, &x0, &y0);
  ls = waymark_layout_get_stage (layout, 2);
  waymark_canvas_map_to_widget (f->canvas, ls->header.x + ls->header.width * 0.75, ls->header.y + 20, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  first = g_list_model_get_item (waymark_document_get_stages (f->document), 2);
  g_assert_cmpstr (waymark_stage_get_id (first), ==, "st-aware");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Backstage up above Pain points. */
  waymark_canvas_flush (f->canvas);
  ll = waymark_layout_get_lane (layout, 6);
  waymark_canvas_map_to_widget (f->canvas, ll->header.x + 30, ll->header.y + 20, &x0, &y0);
  ll = waymark_layout_get_lane (layout, 4);
  waymark_canvas_map_to_widget (f->canvas, ll->header.x + 30, ll->band.y + 5, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  lane = g_list_model_get_item (waymark_document_get_lanes (f->document), 4);
  g_assert_cmpstr (waymark_lane_get_id (lane), ==, "ln-back");
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_stage_and_lane_actions (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autoptr(WaymarkLane) lane = NULL;
  GtkWidget *editor;

  /* "+": a new stage, named inline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.add-stage", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (f->document)), ==, 6);
  editor = waymark_canvas_get_editor (f->canvas);
  g_assert_true (GTK_IS_TEXT_VIEW (editor));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "Loyalty", -1);
  waymark_canvas_commit_edit (f->canvas);
  g_assert_null (waymark_canvas_get_editor (f->canvas));
  {
    g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (f->document), 5);

    g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Loyalty");
  }
  g_assert_true (waymark_history_undo (f->history));
  g_assert_true (waymark_history_undo (f->history));
  {
    g_autofree char *now = test_util_dump (f->document);

    g_assert_cmpstr (now, ==, before);
  }

  /* A lane's kind, from its header. */
  gtk_widget_grab_focus (waymark_canvas_get_lane_item (f->canvas, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.set-lane-kind", "s", "solutions"));
  lane = g_list_model_get_item (waymark_document_get_lanes (f->document), 2);
  g_assert_cmpstr (waymark_lane_get_kind (lane), ==, "solutions");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Deleting a stage with cards takes them along; undo brings all back. */
  gtk_widget_grab_focus (waymark_canvas_get_stage_item (f->canvas, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (f->document)), ==, 4);
  g_assert_null (waymark_document_lookup_card (f->document, "c-t3"));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Alt+Right on a stage header moves it. */
  gtk_widget_grab_focus (waymark_canvas_get_stage_item (f->canvas, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move", "(ii)", 1, 0));
  {
    g_autoptr(WaymarkStage) second = g_list_model_get_item (waymark_document_get_stages (f->document), 1);

    g_assert_cmpstr (waymark_stage_get_id (second), ==, "st-aware");
  }
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

/* ---- Keyboard ---- */

static WaymarkCard *
focused_card (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  for (guint c = 0; c < g_list_model_get_n_items (waymark_document_get_cards (f->document)); c++)
    {
      g_autoptr(WaymarkCard) candidate = g_list_model_get_item (waymark_document_get_cards (f->document), c);

      if (focus != NULL && focus == waymark_canvas_get_card_item (f->canvas, candidate))
        return candidate;
    }
  return NULL;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autofree char *order = NULL;

  /* Focus goes into the canvas, then moves with the arrows. */
  gtk_widget_grab_focus (GTK_WIDGET (f->canvas));
  g_assert_true (focused_card (f) == card (f, "c-a1"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(iibb)", 0, 1, FALSE, FALSE);
  g_assert_true (focused_card (f) == card (f, "c-t1"));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t1")));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(iibb)", 0, 1, FALSE, FALSE);
  g_assert_true (focused_card (f) == card (f, "c-t2"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(iibb)", 1, 0, FALSE, FALSE);
  g_assert_true (focused_card (f) == card (f, "c-t4"));
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move-focus", "(iibb)", 0, -1, FALSE, FALSE);
  g_assert_true (focused_card (f) == card (f, "c-t3"));

  /* Alt+Down: the card goes below its neighbour, then into the next lane. */
  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move", "(ii)", 0, 1);
  order = cell_string (f, "st-consider", "ln-tp");
  g_assert_cmpstr (order, ==, "c-t4,c-t3");
  g_assert_true (focused_card (f) == card (f, "c-t3"));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move", "(ii)", 1, 0);
  g_assert_cmpstr (waymark_card_get_stage (card (f, "c-t3")), ==, "st-decide");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* In the emotions lane, Alt+Up raises the level. */
  {
    WaymarkCard *e = card (f, "c-e2");

    waymark_canvas_set_selection (f->canvas, &e, 1);
    gtk_widget_grab_focus (waymark_canvas_get_card_item (f->canvas, e));
    gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.move", "(ii)", 0, -1);
    g_assert_cmpint (waymark_card_get_emotion (e), ==, 1);
    test_util_assert_one_step_undone (f->document, before, n_undo);
  }

  /* Enter on an empty cell starts a new card. */
  gtk_widget_grab_focus (waymark_canvas_get_cell_item (f->canvas, 0, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.edit", NULL));
  g_assert_nonnull (waymark_canvas_get_editor (f->canvas));
  waymark_canvas_cancel_edit (f->canvas);
  g_assert_null (waymark_canvas_get_editor (f->canvas));
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);
}

/* ---- Editing, creating, deleting ---- */

static void
type_and_commit (Fixture    *f,
                 const char *text)
{
  GtkWidget *editor = waymark_canvas_get_editor (f->canvas);

  g_assert_true (GTK_IS_TEXT_VIEW (editor));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), text, -1);
  waymark_canvas_commit_edit (f->canvas);
}

static void
test_edit_and_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autoptr(GPtrArray) ids = NULL;
  WaymarkCard *created;
  double x, y;

  /* Double-click a card: its title in the editor; Enter commits. */
  card_center (f, "c-t5", &x, &y);
  waymark_canvas_pointer_press (f->canvas, x, y, 1, 0);
  waymark_canvas_pointer_release (f->canvas, x, y);
  waymark_canvas_pointer_press (f->canvas, x, y, 2, 0);
  waymark_canvas_pointer_release (f->canvas, x, y);
  g_assert_nonnull (waymark_canvas_get_editor (f->canvas));
  wait_frames (GTK_WIDGET (f->canvas), 1);
  type_and_commit (f, "Checkout with Apple Pay");
  g_assert_cmpstr (waymark_card_get_title (card (f, "c-t5")), ==, "Checkout with Apple Pay");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Escape leaves the title alone. */
  waymark_canvas_edit_card (f->canvas, card (f, "c-t5"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (waymark_canvas_get_editor (f->canvas))),
                            "Nope", -1);
  waymark_canvas_cancel_edit (f->canvas);
  g_assert_cmpstr (waymark_card_get_title (card (f, "c-t5")), ==, "Checkout in the app");

  /* Double-click an empty cell: a new card there, one step. */
  cell_point (f, 0, 2, 0.5, &x, &y);
  waymark_canvas_pointer_press (f->canvas, x, y, 1, 0);
  waymark_canvas_pointer_release (f->canvas, x, y);
  waymark_canvas_pointer_press (f->canvas, x, y, 2, 0);
  waymark_canvas_pointer_release (f->canvas, x, y);
  g_assert_nonnull (waymark_canvas_get_editor (f->canvas));
  type_and_commit (f, "“Looks pricey”");
  ids = cell_ids (f, "st-aware", "ln-think");
  g_assert_cmpuint (ids->len, ==, 1);
  created = card (f, ids->pdata[0]);
  g_assert_cmpstr (waymark_card_get_title (created), ==, "“Looks pricey”");
  g_assert_true (waymark_canvas_is_selected (f->canvas, created));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* An empty new card is no card. */
  waymark_canvas_new_card (f->canvas, 0, 2, -1);
  type_and_commit (f, "   ");
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, n_undo);

  /* A new card between two others, and in the emotions lane. */
  waymark_canvas_new_card (f->canvas, 0, 1, 1);
  type_and_commit (f, "Billboard");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = cell_ids (f, "st-aware", "ln-tp");
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpstr (waymark_card_get_title (card (f, ids->pdata[1])), ==, "Billboard");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  waymark_canvas_new_card (f->canvas, 0, 3, -1);
  type_and_commit (f, "Hopeful");
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = cell_ids (f, "st-aware", "ln-emo");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (waymark_card_get_has_emotion (card (f, ids->pdata[1])));
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_delete_duplicate_recolor (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  WaymarkCard *pair[2];
  g_autoptr(GPtrArray) selection = NULL;

  pair[0] = card (f, "c-p1");
  pair[1] = card (f, "c-p2");
  waymark_canvas_set_selection (f->canvas, pair, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.recolor", "s", "#e66100"));
  g_assert_cmpstr (waymark_card_get_color (pair[0]), ==, "#e66100");
  g_assert_cmpstr (waymark_card_get_color (pair[1]), ==, "#e66100");
  test_util_assert_one_step_undone (f->document, before, n_undo);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.duplicate", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (f->document)), ==, 32);
  selection = waymark_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 2);
  g_assert_false (selection->pdata[0] == pair[0]);
  g_assert_cmpstr (waymark_card_get_title (selection->pdata[0]), ==, waymark_card_get_title (pair[0]));
  test_util_assert_one_step_undone (f->document, before, n_undo);

  waymark_canvas_set_selection (f->canvas, pair, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  g_assert_null (waymark_document_lookup_card (f->document, "c-p1"));
  g_assert_null (waymark_document_lookup_card (f->document, "c-p2"));
  g_clear_pointer (&selection, g_ptr_array_unref);
  selection = waymark_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 0);
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

static void
test_rubber_band (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) selection = NULL;
  WaymarkLayout *layout = waymark_canvas_get_layout (f->canvas);
  WaymarkRect a, b;
  double x0, y0, x1, y1;

  /* From the empty top-left of Awareness's thoughts to the middle of
   * Consideration's touchpoints. */
  waymark_layout_get_cell_rect (layout, 0, 2, &a);
  waymark_canvas_map_to_widget (f->canvas, a.x + 4, a.y + a.height - 4, &x0, &y0);
  waymark_layout_get_cell_rect (layout, 1, 1, &b);
  waymark_canvas_map_to_widget (f->canvas, b.x + b.width / 2, b.y + 20, &x1, &y1);
  drag (f, x0, y0, x1, y1, TRUE);
  selection = waymark_canvas_get_selection (f->canvas);
  g_assert_cmpuint (selection->len, ==, 5);
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t1")));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t2")));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t4")));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-t3")));
  g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-q1")));
  g_assert_false (waymark_canvas_is_selected (f->canvas, card (f, "c-a2")));
}

static gboolean
clipboard_has_jmap (GtkWidget *widget)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (gtk_widget_get_clipboard (widget));

  return gdk_content_formats_contain_mime_type (formats, "application/x-jmap");
}

static void
test_copy_paste (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = test_util_dump (f->document);
  guint n_undo = waymark_history_get_n_undo (f->history);
  g_autoptr(GPtrArray) ids = NULL;
  WaymarkCard *pair[2] = { card (f, "c-p1"), card (f, "c-s1") };
  guint n = g_list_model_get_n_items (waymark_document_get_cards (f->document));

  /* The X11 clipboard leaks (see test-leaks.h). */
  if (run_in_child_without_leak_check ())
    return;

  /* The solution links to the pain point: the link comes along,
   * pointing at the pasted copy. */
  waymark_canvas_set_selection (f->canvas, pair, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.copy", NULL));
  g_assert_true (clipboard_has_jmap (GTK_WIDGET (f->canvas)));

  gtk_widget_grab_focus (waymark_canvas_get_cell_item (f->canvas, 0, 4));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.paste", NULL));
  WAIT_UNTIL (g_list_model_get_n_items (waymark_document_get_cards (f->document)) == n + 2);
  ids = cell_ids (f, "st-aware", "ln-pain");
  g_assert_cmpuint (ids->len, ==, 2);
  {
    WaymarkCard *pain = card (f, ids->pdata[0]);
    WaymarkCard *solution = card (f, ids->pdata[1]);

    g_assert_cmpstr (waymark_card_get_title (pain), ==, waymark_card_get_title (pair[0]));
    g_assert_cmpstr (waymark_card_get_id (pain), !=, "c-p1");
    if (g_strv_length ((char **) waymark_card_get_links (pair[1])) > 0 &&
        g_strv_contains (waymark_card_get_links (pair[1]), "c-p1"))
      g_assert_true (g_strv_contains (waymark_card_get_links (solution), waymark_card_get_id (pain)));
  }
  test_util_assert_one_step_undone (f->document, before, n_undo);

  /* Cut: the cards go, in one step, and paste brings them back. */
  waymark_canvas_set_selection (f->canvas, pair, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.cut", NULL));
  g_assert_null (waymark_document_lookup_card (f->document, "c-p1"));
  test_util_assert_one_step_undone (f->document, before, n_undo);
}

/* The canvas follows the document alone: model edits and undo show. */
static void
test_follows_document (Fixture       *f,
                       gconstpointer  data)
{
  WaymarkLayout *layout = waymark_canvas_get_layout (f->canvas);
  WaymarkCard *added;
  GtkWidget *item;

  added = waymark_document_add_card (f->document, "st-aware", "ln-think", "From a panel", -1);
  wait_frames (GTK_WIDGET (f->canvas), 1);
  g_assert_nonnull (waymark_layout_get_card (layout, added));
  item = waymark_canvas_get_card_item (f->canvas, added);
  g_assert_nonnull (item);
  g_object_add_weak_pointer (G_OBJECT (item), (gpointer *) &item);
  waymark_canvas_set_selection (f->canvas, &added, 1);

  g_assert_true (waymark_history_undo (f->history));
  wait_frames (GTK_WIDGET (f->canvas), 1);
  waymark_canvas_flush (f->canvas);
  g_assert_null (item);
  {
    g_autoptr(GPtrArray) selection = waymark_canvas_get_selection (f->canvas);

    g_assert_cmpuint (selection->len, ==, 0);
  }
}

/* ---- Zoom ---- */

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double mx0, my0, mx1, my1;

  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), ==, 1.0);
  waymark_canvas_widget_to_map (f->canvas, 400, 300, &mx0, &my0);
  waymark_canvas_zoom_at (f->canvas, 2.0, 400, 300);
  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), ==, 2.0);
  waymark_canvas_widget_to_map (f->canvas, 400, 300, &mx1, &my1);
  g_assert_cmpfloat_with_epsilon (mx0, mx1, 0.5);
  g_assert_cmpfloat_with_epsilon (my0, my1, 0.5);

  waymark_canvas_set_zoom (f->canvas, 100);
  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), ==, WAYMARK_CANVAS_ZOOM_MAX);
  waymark_canvas_set_zoom (f->canvas, 0.01);
  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), ==, WAYMARK_CANVAS_ZOOM_MIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-in", NULL));
  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), >, WAYMARK_CANVAS_ZOOM_MIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-reset", NULL));
  g_assert_cmpfloat (waymark_canvas_get_zoom (f->canvas), ==, 1.0);

  /* Fit: the whole map in view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-fit", NULL));
  wait_frames (GTK_WIDGET (f->canvas), 1);
  {
    WaymarkLayout *layout = waymark_canvas_get_layout (f->canvas);
    double x, y;

    waymark_canvas_map_to_widget (f->canvas, waymark_layout_get_width (layout),
                                  waymark_layout_get_height (layout), &x, &y);
    g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (f->canvas)) + 1);
    g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (f->canvas)) + 1);
  }

  /* Dragging still lands where the pointer is at another zoom. */
  waymark_canvas_set_zoom (f->canvas, 0.5);
  wait_frames (GTK_WIDGET (f->canvas), 1);
  {
    double x0, y0, x1, y1;

    card_center (f, "c-b1", &x0, &y0);
    cell_point (f, 4, 6, 0.5, &x1, &y1);
    drag (f, x0, y0, x1, y1, TRUE);
    g_assert_cmpstr (waymark_card_get_stage (card (f, "c-b1")), ==, "st-advocate");
  }
}

/* Middle-button drag pans; a context menu acts on what it was opened
 * for. */
static void
test_pan_and_menu (Fixture       *f,
                   gconstpointer  data)
{
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  GtkWidget *editor;
  double before = gtk_adjustment_get_value (v);

  waymark_canvas_pointer_press (f->canvas, 600, 600, 1, GDK_BUTTON2_MASK);
  waymark_canvas_pointer_motion (f->canvas, 600, 500);
  waymark_canvas_pointer_motion (f->canvas, 600, 450);
  waymark_canvas_pointer_release (f->canvas, 600, 450);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (v), before + 150, 0.5);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, before);

  /* Menu key on a stage header, then Rename from the menu. */
  gtk_widget_grab_focus (waymark_canvas_get_stage_item (f->canvas, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.context-menu", NULL));
  wait_frames (GTK_WIDGET (f->canvas), 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.edit", NULL));
  editor = waymark_canvas_get_editor (f->canvas);
  g_assert_nonnull (editor);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "Comparison", -1);
  waymark_canvas_commit_edit (f->canvas);
  {
    g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (f->document), 1);

    g_assert_cmpstr (waymark_stage_get_name (stage), ==, "Comparison");
  }

  /* Right-click on a card selects it and opens its menu; Delete there
   * deletes it. */
  {
    double x, y;

    card_center (f, "c-b2", &x, &y);
    waymark_canvas_pointer_press (f->canvas, x, y, 1, GDK_BUTTON3_MASK);
    waymark_canvas_pointer_release (f->canvas, x, y);
    g_assert_true (waymark_canvas_is_selected (f->canvas, card (f, "c-b2")));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
    g_assert_null (waymark_document_lookup_card (f->document, "c-b2"));
  }
}

/* ---- Details (Alt+Return, context menus) ---- */

static void
details_cb (WaymarkCanvas *canvas,
            GObject       *object,
            GObject      **out)
{
  *out = object;
}

static void
test_details (Fixture       *f,
              gconstpointer  data)
{
  GObject *shown = NULL;

  g_signal_connect (f->canvas, "details-requested", G_CALLBACK (details_cb), &shown);

  /* The focused card, then the focused stage header. */
  gtk_widget_grab_focus (waymark_canvas_get_card_item (f->canvas, card (f, "c-t2")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.details", NULL));
  g_assert_true (shown == G_OBJECT (card (f, "c-t2")));
  gtk_widget_grab_focus (waymark_canvas_get_stage_item (f->canvas, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.details", NULL));
  g_assert_true (shown == G_OBJECT (waymark_document_lookup_stage (f->document, "st-decide")));
}

/* ---- Personas dropped from the persona panel ---- */

static void
test_drop_persona (Fixture       *f,
                   gconstpointer  data)
{
  WaymarkPersona *george = waymark_document_lookup_persona (f->document, "p-george");
  g_autofree char *before = test_util_dump (f->document);
  g_autofree char *after_one = NULL;
  WaymarkCard *pair[2];
  double x, y;

  g_assert_false (waymark_card_applies_to (card (f, "c-t1"), "p-george"));

  /* On one card: it lists the persona, one undo step. */
  card_center (f, "c-t1", &x, &y);
  g_assert_true (waymark_canvas_drop_persona (f->canvas, george, x, y));
  g_assert_true (waymark_card_applies_to (card (f, "c-t1"), "p-george"));
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, 1);
  after_one = test_util_dump (f->document);

  /* On a selected card: on the whole selection, one step. */
  pair[0] = card (f, "c-a1");
  pair[1] = card (f, "c-a2");
  waymark_canvas_set_selection (f->canvas, pair, 2);
  card_center (f, "c-a2", &x, &y);
  g_assert_true (waymark_canvas_drop_persona (f->canvas, george, x, y));
  g_assert_cmpstrv (waymark_card_get_personas (card (f, "c-a1")), ((const char *[]) { "p-george", NULL }));
  g_assert_cmpstrv (waymark_card_get_personas (card (f, "c-a2")), ((const char *[]) { "p-george", NULL }));
  g_assert_cmpuint (waymark_history_get_n_undo (f->history), ==, 2);
  g_assert_true (waymark_history_undo (f->history));
  test_util_assert_dump (f->document, after_one);
  g_assert_true (waymark_history_undo (f->history));
  test_util_assert_dump (f->document, before);

  /* Between cards nothing happens. */
  cell_point (f, 4, 0, 0.95, &x, &y);
  g_assert_false (waymark_canvas_drop_persona (f->canvas, george, x, y));
  test_util_assert_dump (f->document, before);
}

/* ---- Screenshots ---- */

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  WaymarkCard *c = card (f, "c-s2");

  /* A selected solution shows its links. */
  waymark_canvas_set_selection (f->canvas, &c, 1);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-100.png");
  waymark_canvas_set_zoom (f->canvas, 0.5);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-50.png");

  /* A drag in progress: the lifted card and its slot. */
  waymark_canvas_set_zoom (f->canvas, 1.0);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  {
    double x0, y0, x1, y1;

    card_center (f, "c-t6", &x0, &y0);
    card_center (f, "c-t3", &x1, &y1);
    drag (f, x0, y0, x1 + 30, y1 + 10, FALSE);
    wait_frames (GTK_WIDGET (f->canvas), 2);
    save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-drag.png");
    waymark_canvas_cancel_drag (f->canvas);
    waymark_canvas_pointer_release (f->canvas, x1, y1);
  }

  /* Scrolled down and right: the headers stay in view. */
  {
    GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
    GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
    GtkWidget *item;
    graphene_rect_t bounds;

    gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
    gtk_widget_set_size_request (f->window, 1000, 700);
    wait_frames (GTK_WIDGET (f->canvas), 3);
    gtk_adjustment_set_value (h, 300);
    gtk_adjustment_set_value (v, 420);
    wait_frames (GTK_WIDGET (f->canvas), 3);
    save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-scrolled.png");
    /* The header of the first stage is at the top of the view, and its
     * item (and so its focus ring and accessible bounds) with it. */
    item = waymark_canvas_get_stage_item (f->canvas, 1);
    g_assert_true (gtk_widget_compute_bounds (item, GTK_WIDGET (f->canvas), &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y, <, 20);
    gtk_widget_set_size_request (f->window, -1, -1);
    gtk_adjustment_set_value (h, 0);
    gtk_adjustment_set_value (v, 0);
  }

  /* Dark. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  wait_frames (GTK_WIDGET (f->canvas), 1);

  /* Inline editing of a new card. */
  waymark_canvas_new_card (f->canvas, 1, 1, 1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (waymark_canvas_get_editor (f->canvas))),
                            "Comparison site listing", -1);
  wait_frames (GTK_WIDGET (f->canvas), 2);
  save_screenshot (GTK_WIDGET (f->canvas), "canvas-grocery-edit.png");
  waymark_canvas_cancel_edit (f->canvas);
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
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  add_test ("/canvas/accessible", test_accessible);
  add_test ("/canvas/virtualized", test_virtualized);
  add_test ("/canvas/drag/to-cell", test_drag_to_cell);
  add_test ("/canvas/drag/within-cell", test_drag_within_cell);
  add_test ("/canvas/drag/selection", test_drag_selection);
  add_test ("/canvas/drag/cancel", test_drag_cancel);
  add_test ("/canvas/drag/autoscroll", test_drag_autoscroll);
  add_test ("/canvas/drag/emotion", test_drag_emotion);
  add_test ("/canvas/drag/animated", test_drag_animated);
  add_test ("/canvas/headers/reorder", test_reorder_headers);
  add_test ("/canvas/drop-persona", test_drop_persona);
  add_test ("/canvas/details", test_details);
  add_test ("/canvas/headers/actions", test_stage_and_lane_actions);
  add_test ("/canvas/keyboard", test_keyboard);
  add_test ("/canvas/edit", test_edit_and_create);
  add_test ("/canvas/delete-duplicate-recolor", test_delete_duplicate_recolor);
  add_test ("/canvas/rubber-band", test_rubber_band);
  add_test ("/canvas/copy-paste", test_copy_paste);
  add_test ("/canvas/follows-document", test_follows_document);
  add_test ("/canvas/zoom", test_zoom);
  add_test ("/canvas/pan-and-menu", test_pan_and_menu);
  add_test ("/canvas/screenshots", test_screenshots);

  return g_test_run ();
}
