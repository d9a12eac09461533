/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The side panels in the real window, on the grocery example (under
 * Xvfb): showing and hiding them from their actions, remembering that
 * and their widths, folding on a narrow window, Details for the focused
 * card, the persona focus in the header bar, and Find. Saves screenshots
 * of the window with its panels, light and dark. */
#include "config.h"

#include <adwaita.h>

#include "test-examples.h"
#include "test-app.h"
#include "waymark-application.h"
#include "waymark-canvas.h"
#include "waymark-find-bar.h"
#include "waymark-inspector.h"
#include "waymark-window-private.h"

static WaymarkApplication *app;

static WaymarkWindow *
open_grocery (int width,
              int height)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_window_new (GTK_APPLICATION (app)));
  g_autoptr(GFile) file = test_examples_file ("grocery-first-order.jmap");

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  load_window (window, file);
  WAIT_UNTIL (gtk_widget_get_mapped (window->map_view) && gtk_widget_get_width (window->map_view) > 0);
  drain_main_context ();
  return window;
}

static GSettings *
settings (void)
{
  GSettings *settings = waymark_settings_new_or_null ();

  g_assert_nonnull (settings);
  return settings;
}

static gboolean
panel_visible (WaymarkWindow *window,
               const char    *property)
{
  gboolean visible;

  g_object_get (window, property, &visible, NULL);
  return visible;
}

/* A new window opens at the size of the last one closed; the first one
 * at the default size. */
static void
test_size_remembered (void)
{
  g_autoptr(GSettings) s = settings ();
  WaymarkWindow *window;
  WaymarkWindow *second;
  int width = 0;
  int height = 0;

  g_settings_reset (s, "window-width");
  g_settings_reset (s, "window-height");
  g_settings_reset (s, "window-maximized");
  window = WAYMARK_WINDOW (waymark_window_new (GTK_APPLICATION (app)));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1360);
  g_assert_cmpint (height, ==, 880);

  /* As a user's resize leaves it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  drain_main_context ();
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_finalize_object (window);
  g_assert_cmpint (g_settings_get_int (s, "window-width"), ==, 1024);
  g_assert_cmpint (g_settings_get_int (s, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (s, "window-maximized"));

  second = WAYMARK_WINDOW (waymark_window_new (GTK_APPLICATION (app)));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 700);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (second)));
  destroy_window (second);

  /* (Maximizing is not checked: Xvfb has no window manager to do it.) */
  g_settings_reset (s, "window-width");
  g_settings_reset (s, "window-height");
  g_settings_reset (s, "window-maximized");
}

/* The toggles show and hide the panels, and a new window shows what the
 * last choice was, at the width the handle was dragged to. */
static void
test_show_hide_remembered (void)
{
  g_autoptr(GSettings) s = settings ();
  WaymarkWindow *window = open_grocery (1600, 1000);
  WaymarkWindow *second;

  g_settings_reset (s, "persona-panel-visible");
  g_settings_reset (s, "side-panel-visible");
  g_assert_false (panel_visible (window, "persona-panel-visible"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-personas", NULL));
  g_assert_true (panel_visible (window, "persona-panel-visible"));
  g_assert_true (adw_flap_get_reveal_flap (window->persona_flap));
  g_assert_true (g_settings_get_boolean (s, "persona-panel-visible"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-side-panel", NULL));
  g_assert_true (adw_flap_get_reveal_flap (window->side_flap));
  g_assert_true (g_settings_get_boolean (s, "side-panel-visible"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-side-panel", NULL));
  g_assert_false (adw_flap_get_reveal_flap (window->side_flap));
  g_assert_false (g_settings_get_boolean (s, "side-panel-visible"));
  /* Once slid away, a hidden panel is not laid out with the window. */
  WAIT_UNTIL (!gtk_widget_get_visible (window->side_sidebar));
  g_assert_true (gtk_widget_get_visible (window->persona_sidebar));

  /* Side by side with the map on a wide window. */
  WAIT_UNTIL (gtk_widget_get_mapped (window->persona_panel));
  g_assert_false (adw_flap_get_folded (window->persona_flap));

  g_settings_set_int (s, "persona-panel-width", 400);
  second = open_grocery (1600, 1000);
  g_assert_true (adw_flap_get_reveal_flap (second->persona_flap));
  g_assert_false (adw_flap_get_reveal_flap (second->side_flap));
  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (second->persona_clamp)) == 400);
  g_assert_cmpint (gtk_widget_get_width (second->persona_panel), ==, 400);

  /* Dragging the handle resizes the panel, within the setting's range,
   * and remembers the width. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (second->persona_handle);
    g_autoptr(GtkEventController) drag = g_list_model_get_item (controllers, 0);
    int width;

    g_assert_true (GTK_IS_GESTURE_DRAG (drag));
    g_signal_emit_by_name (drag, "drag-begin", 0.0, 0.0);
    g_signal_emit_by_name (drag, "drag-update", 80.0, 0.0);
    gtk_widget_get_size_request (GTK_WIDGET (second->persona_clamp), &width, NULL);
    g_assert_cmpint (width, ==, 480);
    g_signal_emit_by_name (drag, "drag-end", 5000.0, 0.0);
    gtk_widget_get_size_request (GTK_WIDGET (second->persona_clamp), &width, NULL);
    g_assert_cmpint (width, ==, 640);
    g_assert_cmpint (g_settings_get_int (s, "persona-panel-width"), ==, 640);
  }

  destroy_window (second);
  destroy_window (window);
  g_settings_reset (s, "persona-panel-visible");
  g_settings_reset (s, "persona-panel-width");
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* On a narrow window the panels fold into overlays and start hidden,
 * without forgetting that the user wants them. */
static void
test_narrow_window_folds (void)
{
  g_autoptr(GSettings) s = settings ();
  WaymarkWindow *window;

  g_settings_set_boolean (s, "persona-panel-visible", TRUE);
  g_settings_set_boolean (s, "side-panel-visible", TRUE);
  window = open_grocery (760, 700);
  WAIT_UNTIL (adw_flap_get_folded (window->persona_flap) && adw_flap_get_folded (window->side_flap));
  g_assert_false (adw_flap_get_reveal_flap (window->persona_flap));
  g_assert_false (adw_flap_get_reveal_flap (window->side_flap));

  /* Folded for good: hiding the panel must not make room that unfolds
   * the flap again (it did, at every frame). */
  {
    guint n_folds = 0;
    gulong id = g_signal_connect_swapped (window->persona_flap, "notify::folded",
                                          G_CALLBACK (count_cb), &n_folds);

    wait_frames (GTK_WIDGET (window), 5);
    g_signal_handler_disconnect (window->persona_flap, id);
    g_assert_cmpuint (n_folds, ==, 0);
    g_assert_true (adw_flap_get_folded (window->persona_flap));
  }

  /* Opened over the map for the moment; the choice stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-personas", NULL));
  g_assert_true (adw_flap_get_reveal_flap (window->persona_flap));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-personas", NULL));
  g_assert_false (adw_flap_get_reveal_flap (window->persona_flap));
  g_assert_true (g_settings_get_boolean (s, "persona-panel-visible"));

  destroy_window (window);
  g_settings_reset (s, "persona-panel-visible");
  g_settings_reset (s, "side-panel-visible");
}

/* Alt+Return (win.show-details) opens the details of the focused card in
 * the side panel. */
static void
test_details (void)
{
  g_autoptr(GSettings) s = settings ();
  WaymarkWindow *window = open_grocery (1600, 1000);
  WaymarkCanvas *canvas = WAYMARK_CANVAS (window->map_view);
  WaymarkCard *card = waymark_document_lookup_card (window->document, "c-p2");

  gtk_widget_grab_focus (waymark_canvas_get_card_item (canvas, card));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
  g_assert_true (adw_flap_get_reveal_flap (window->side_flap));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->side_stack), ==, "details");
  g_assert_true (waymark_inspector_get_shown (WAYMARK_INSPECTOR (window->inspector)) == (gpointer) card);

  destroy_window (window);
  g_settings_reset (s, "side-panel-visible");
  g_settings_reset (s, "side-panel-page");
}

/* The header bar says whose journey is in focus; its button, Escape
 * (win.clear-persona-focus) and deleting the persona end the focus. */
static void
test_persona_focus (void)
{
  WaymarkWindow *window = open_grocery (1600, 1000);
  WaymarkCanvas *canvas = WAYMARK_CANVAS (window->map_view);
  WaymarkHistory *history = waymark_document_get_history (window->document);

  g_assert_false (gtk_widget_get_visible (window->focus_button));
  waymark_canvas_set_persona_focus (canvas, "p-maria");
  g_assert_true (gtk_widget_get_visible (window->focus_button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window->focus_label)), ==, "Focus: Maria, the busy parent");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (window->focus_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Stop focusing on Maria, the busy parent");

  /* Renaming the persona renames the focus. */
  waymark_document_set_string (window->document, waymark_document_lookup_persona (window->document, "p-maria"),
                               "name", "Maria");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window->focus_label)), ==, "Focus: Maria");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-persona-focus", NULL));
  g_assert_null (waymark_canvas_get_persona_focus (canvas));
  g_assert_false (gtk_widget_get_visible (window->focus_button));

  waymark_canvas_set_persona_focus (canvas, "p-george");
  waymark_document_remove_persona (window->document, waymark_document_lookup_persona (window->document, "p-george"));
  g_assert_null (waymark_canvas_get_persona_focus (canvas));
  g_assert_false (gtk_widget_get_visible (window->focus_button));
  g_assert_true (waymark_history_undo (history));

  destroy_window (window);
}

static void
test_find (void)
{
  WaymarkWindow *window = open_grocery (1600, 1000);
  WaymarkFindBar *bar = WAYMARK_FIND_BAR (window->find_bar);
  g_autoptr(GPtrArray) matches = NULL;

  g_assert_false (waymark_find_bar_is_open (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (waymark_find_bar_is_open (bar));
  gtk_editable_set_text (waymark_find_bar_get_entry (bar), "reserve");
  waymark_find_bar_update (bar);
  matches = waymark_find_bar_get_matches (bar);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (waymark_card_get_id (matches->pdata[0]), ==, "c-s2");

  destroy_window (window);
}

static void
screenshot (const char *name,
            gboolean    dark)
{
  g_autoptr(GSettings) s = settings ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  WaymarkWindow *window;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_boolean (s, "persona-panel-visible", TRUE);
  g_settings_set_boolean (s, "side-panel-visible", TRUE);
  window = open_grocery (1700, 1000);
  waymark_canvas_set_persona_focus (WAYMARK_CANVAS (window->map_view), "p-maria");
  waymark_window_show_details (window, waymark_document_lookup_card (window->document, "c-p2"));
  WAIT_UNTIL (gtk_widget_get_mapped (window->inspector));
  wait_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), name);

  destroy_window (window);
  g_settings_reset (s, "persona-panel-visible");
  g_settings_reset (s, "side-panel-visible");
  g_settings_reset (s, "side-panel-page");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_screenshots (void)
{
  screenshot ("window-panels.png", FALSE);
  screenshot ("window-panels-dark.png", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = test_app_new ();

  g_test_add_func ("/panels/window/show-hide-remembered", test_show_hide_remembered);
  g_test_add_func ("/panels/window/size-remembered", test_size_remembered);
  g_test_add_func ("/panels/window/narrow-window-folds", test_narrow_window_folds);
  g_test_add_func ("/panels/window/details", test_details);
  g_test_add_func ("/panels/window/persona-focus", test_persona_focus);
  g_test_add_func ("/panels/window/find", test_find);
  g_test_add_func ("/panels/window/screenshots", test_screenshots);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
