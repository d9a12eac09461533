/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window from the outside: open an example, edit through the window's
 * actions, undo and redo, save to a temporary folder and read the file
 * back; the "Save Changes?" question on close and on quit; a broken file;
 * the repair banner; and how the application finds and reuses windows.
 * Runs under Xvfb with the cairo renderer. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "waymark-application.h"
#include "waymark-format-error.h"
#include "waymark-jmap-reader.h"
#include "test-examples.h"
#include "test-app.h"
#include "test-files.h"
#include "test-widgets.h"
#include "waymark-canvas.h"
#include "waymark-window.h"

static WaymarkApplication *app;

static GFile *
write_temp_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static WaymarkWindow *
new_window (void)
{
  WaymarkWindow *window = waymark_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;

  if (GTK_IS_STACK (widget))
    {
      GtkWidget *visible = gtk_stack_get_visible_child (GTK_STACK (widget));

      return visible != NULL && shows_text (visible, text);
    }

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, text))
        return TRUE;
    }
  return FALSE;
}

/* The canvas draws its text: look for it in the geometry it draws. */
static gboolean
map_shows_text (GtkWidget  *view,
                const char *text)
{
  WaymarkLayout *layout = waymark_canvas_get_layout (WAYMARK_CANVAS (view));

  waymark_canvas_flush (WAYMARK_CANVAS (view));
  if (g_strcmp0 (waymark_layout_get_title (layout)->text, text) == 0)
    return TRUE;
  for (guint i = 0; i < waymark_layout_get_n_stages (layout); i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (layout, i);

      if (g_strcmp0 (ls->name.text, text) == 0)
        return TRUE;
      for (guint k = 0; k < ls->n_chips; k++)
        if (g_strcmp0 (ls->chips[k].text, text) == 0)
          return TRUE;
    }
  for (guint j = 0; j < waymark_layout_get_n_lanes (layout); j++)
    if (g_strcmp0 (waymark_layout_get_lane (layout, j)->name.text, text) == 0)
      return TRUE;
  for (guint c = 0; c < waymark_layout_get_n_cards (layout); c++)
    if (g_strcmp0 (waymark_layout_get_card_at (layout, c)->title.text, text) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static char *
dup_stage_name (WaymarkDocument *document,
                guint            position)
{
  g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), position);

  return g_strdup (waymark_stage_get_name (stage));
}

static gboolean
has_stage_named (WaymarkDocument *document,
                 const char      *name)
{
  GListModel *stages = waymark_document_get_stages (document);

  for (guint i = 0; i < n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);

      if (g_str_equal (waymark_stage_get_name (stage), name))
        return TRUE;
    }
  return FALSE;
}

/* ---- Tests ---- */

static void
test_open_edit_save_reload (void)
{
  g_autoptr(GFile) file = test_examples_file ("grocery-first-order.jmap");
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-window");
  g_autofree char *saved_path = g_build_filename (dir, "saved.jmap", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) reloaded = NULL;
  g_autoptr(WaymarkLane) lane = NULL;
  g_auto(GStrv) repairs = NULL;
  g_autofree char *name = NULL;
  static const char *stage_names[] = { "Awareness", "Consideration", "Decision", "Retention", "Advocacy" };
  WaymarkWindow *window;
  WaymarkDocument *document;
  GtkWidget *view;
  WaymarkHistory *history;

  window = new_window ();
  load_window (window, file);

  document = waymark_window_get_document (window);
  view = waymark_window_get_map_view (window);
  history = waymark_document_get_history (document);
  g_assert_true (g_file_equal (waymark_window_get_file (window), file));
  g_assert_false (waymark_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Online grocery: the first order");

  /* The map view shows every stage, lane and card of the example. */
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    g_assert_true (map_shows_text (view, stage_names[i]));
  g_assert_true (map_shows_text (view, "Online grocery: the first order"));
  g_assert_true (map_shows_text (view, "Customer actions"));
  g_assert_true (map_shows_text (view, "Instagram story"));
  g_assert_true (map_shows_text (view, "Reach: 120k\xc2\xa0→ 150k"));
  g_assert_cmpuint (waymark_layout_get_n_cards (waymark_canvas_get_layout (WAYMARK_CANVAS (view))), ==,
                    n_items (waymark_document_get_cards (document)));

  /* An edit through the window's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stage", NULL));
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 6);
  name = dup_stage_name (document, 5);
  g_assert_cmpstr (name, ==, "Stage 6");
  g_assert_true (waymark_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*Online grocery: the first order");
  WAIT_UNTIL (map_shows_text (view, "Stage 6"));

  /* Undo brings back the saved state, redo the edit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 5);
  g_assert_false (waymark_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Online grocery: the first order");
  g_assert_false (map_shows_text (view, "Stage 6"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (n_items (waymark_document_get_stages (document)), ==, 6);
  g_assert_true (waymark_document_get_modified (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-lane", NULL));
  g_assert_cmpuint (n_items (waymark_document_get_lanes (document)), ==, 8);
  lane = g_list_model_get_item (waymark_document_get_lanes (document), 7);
  g_assert_cmpstr (waymark_lane_get_name (lane), ==, "Lane 8");
  g_assert_cmpstr (waymark_lane_get_kind (lane), ==, "text");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 2);

  /* Save through the same path as Save and Save As. */
  waymark_window_save_to_file_async (window, saved, NULL, store_result_cb, &result);
  g_assert_true (waymark_window_get_busy (window));
  WAIT_UNTIL (result != NULL);
  g_assert_true (waymark_window_save_to_file_finish (window, result, &error));
  g_assert_no_error (error);
  /* The result holds the window. */
  g_clear_object (&result);
  g_assert_false (waymark_window_get_busy (window));
  g_assert_false (waymark_document_get_modified (document));
  g_assert_true (g_file_equal (waymark_window_get_file (window), saved));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Online grocery: the first order");
  g_assert_cmpstr (waymark_document_get_generator (document), ==, "Waymark " PACKAGE_VERSION);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                                       waymark_document_get_modified_time (document), 0, 0));
  g_assert_cmpstr (waymark_document_get_created_time (document), ==, "2026-11-01T09:00:00Z");

  /* What is on disk has the edits and the stamp. */
  reloaded = waymark_jmap_read_file (saved, NULL, &repairs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  g_assert_true (repairs == NULL || repairs[0] == NULL);
  g_assert_cmpuint (n_items (waymark_document_get_stages (reloaded)), ==, 6);
  g_assert_true (has_stage_named (reloaded, "Stage 6"));
  g_assert_cmpuint (n_items (waymark_document_get_lanes (reloaded)), ==, 8);
  g_assert_cmpuint (n_items (waymark_document_get_cards (reloaded)), ==,
                    n_items (waymark_document_get_cards (document)));
  g_assert_cmpstr (waymark_document_get_title (reloaded), ==, "Online grocery: the first order");
  g_assert_cmpstr (waymark_document_get_generator (reloaded), ==, "Waymark " PACKAGE_VERSION);
  g_assert_cmpstr (waymark_document_get_modified_time (reloaded), ==,
                   waymark_document_get_modified_time (document));

  /* Undoing past the save makes the map unsaved again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (waymark_document_get_modified (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_false (waymark_document_get_modified (document));

  destroy_window (window);
  g_assert_finalize_object (g_steal_pointer (&reloaded));
  test_files_remove_tree (dir);
}

static void
test_rename_is_undoable (void)
{
  WaymarkWindow *window = new_window ();
  WaymarkDocument *document = waymark_window_get_document (window);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Map");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-map", NULL));
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Renewal journey");
  click_response (dialog, "rename");
  drain_main_context ();

  g_assert_cmpstr (waymark_document_get_title (document), ==, "Renewal journey");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "*Renewal journey");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (waymark_document_get_title (document), ==, "");
  g_assert_false (waymark_document_get_modified (document));

  destroy_window (window);
}

static void
test_close_asks_to_save (void)
{
  g_autoptr(GFile) file = test_examples_file ("grocery-first-order.jmap");
  WaymarkWindow *window = new_window ();
  AdwMessageDialog *dialog;

  load_window (window, file);

  /* Nothing unsaved: closing does not ask. */
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-stage", NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  drain_main_context ();
  g_assert_nonnull (window);
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==,
                   ADW_RESPONSE_SUGGESTED);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");

  /* Closing again while asking asks no second time. */
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  g_assert_true (find_message_dialog (GTK_WINDOW (window)) == dialog);

  /* Cancel keeps the window and the changes. */
  click_response (dialog, "cancel");
  drain_main_context ();
  g_assert_nonnull (window);
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (window)));

  /* Discard closes it, and nothing keeps it alive. */
  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  click_response (dialog, "discard");
  WAIT_UNTIL (window == NULL);
}

static void
test_close_saves_first (void)
{
  g_autoptr(GFile) example = test_examples_file ("grocery-first-order.jmap");
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-window");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(WaymarkDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkWindow *window = new_window ();
  AdwMessageDialog *dialog;

  g_file_load_contents (example, NULL, &contents, NULL, NULL, &error);
  g_assert_no_error (error);
  copy = write_temp_file (dir, "copy.jmap", contents);
  load_window (window, copy);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-lane", NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (GTK_WINDOW (window));
  drain_main_context ();
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  /* The map has a file: Save writes it without asking where. */
  click_response (dialog, "save");
  WAIT_UNTIL (window == NULL);

  reloaded = waymark_jmap_read_file (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (waymark_document_get_lanes (reloaded)), ==, 8);
  g_assert_finalize_object (g_steal_pointer (&reloaded));
  test_files_remove_tree (dir);
}

static void
test_load_error (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-window");
  g_autoptr(GFile) broken = write_temp_file (dir, "broken.jmap", "{\n  \"jmap-format\": 1,\n  \"title\": ");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkWindow *window = new_window ();
  AdwMessageDialog *dialog;

  waymark_window_load_file_async (window, broken, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_false (waymark_window_load_file_finish (window, result, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, error->code);
  g_clear_object (&result);

  /* The window names the file and the problem, and keeps its empty map. */
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "broken.jmap"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
  g_assert_null (waymark_window_get_file (window));
  g_assert_true (waymark_window_is_pristine (window));
  g_assert_false (waymark_window_get_busy (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Map");
  g_assert_true (shows_text (GTK_WIDGET (window), "This map is empty"));

  click_response (dialog, "close");
  drain_main_context ();
  g_assert_null (find_message_dialog (GTK_WINDOW (window)));

  /* A file that is not there is an error too, not a crash. */
  {
    g_autoptr(GFile) missing = g_file_new_build_filename (dir, "missing.jmap", NULL);
    g_autoptr(GAsyncResult) missing_result = NULL;
    g_autoptr(GError) missing_error = NULL;

    waymark_window_load_file_async (window, missing, NULL, store_result_cb, &missing_result);
    WAIT_UNTIL (missing_result != NULL);
    g_assert_false (waymark_window_load_file_finish (window, missing_result, &missing_error));
    g_assert_nonnull (missing_error);
    g_clear_object (&missing_result);
    dialog = find_message_dialog (GTK_WINDOW (window));
    g_assert_nonnull (dialog);
    click_response (dialog, "close");
    drain_main_context ();
  }

  destroy_window (window);
  test_files_remove_tree (dir);
}

static void
test_repairs_banner (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-window");
  g_autoptr(GFile) file =
    write_temp_file (dir, "repaired.jmap",
                     "{\n"
                     "  \"jmap-format\": 1,\n"
                     "  \"title\": \"Repairs\",\n"
                     "  \"stages\": [ { \"id\": \"s1\", \"name\": \"One\" } ],\n"
                     "  \"lanes\": [ { \"id\": \"l1\", \"kind\": \"actions\", \"name\": \"Acts\" } ],\n"
                     "  \"cards\": [ { \"id\": \"c1\", \"stage\": \"nowhere\", \"lane\": \"l1\", \"title\": \"Lost card\" } ],\n"
                     "  \"personas\": []\n"
                     "}\n");
  WaymarkWindow *window = new_window ();
  GtkWidget *banner_label;
  GtkWidget *revealer;
  AdwMessageDialog *dialog;

  banner_label = find_label (GTK_WIDGET (window), "This map was repaired when it was opened");
  g_assert_nonnull (banner_label);
  revealer = gtk_widget_get_ancestor (banner_label, GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  load_window (window, file);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* A repaired map differs from its file. */
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (window)));
  g_assert_true (map_shows_text (waymark_window_get_map_view (window), "Lost card"));

  /* Details lists what was repaired. */
  g_signal_emit_by_name (find_button_with_label (GTK_WIDGET (window), "_Details"), "clicked");
  dialog = find_message_dialog (GTK_WINDOW (window));
  g_assert_nonnull (dialog);
  click_response (dialog, "close");
  drain_main_context ();

  destroy_window (window);
  test_files_remove_tree (dir);
}

static void
test_application_reuses_windows (void)
{
  g_autoptr(GFile) grocery = test_examples_file ("grocery-first-order.jmap");
  g_autoptr(GFile) saas = test_examples_file ("saas-trial-to-renewal.jmap");
  GtkWindow *window;
  GtkWindow *again;
  GtkWindow *other;
  guint n_windows;

  window = waymark_application_new_window (app);
  g_assert_true (waymark_window_is_pristine (WAYMARK_WINDOW (window)));
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* An empty untouched window takes the file. */
  again = waymark_application_open_file (app, grocery);
  g_assert_true (again == window);
  WAIT_UNTIL (!waymark_window_get_busy (WAYMARK_WINDOW (window)));
  g_assert_true (g_file_equal (waymark_window_get_file (WAYMARK_WINDOW (window)), grocery));

  /* Opening it again presents that window. */
  again = waymark_application_open_file (app, grocery);
  g_assert_true (again == window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);

  /* Another file gets a window of its own. */
  other = waymark_application_open_file (app, saas);
  g_assert_true (other != window);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows + 1);
  WAIT_UNTIL (!waymark_window_get_busy (WAYMARK_WINDOW (other)));
  g_assert_true (g_file_equal (waymark_window_get_file (WAYMARK_WINDOW (other)), saas));

  destroy_window (WAYMARK_WINDOW (other));
  destroy_window (WAYMARK_WINDOW (window));
}

static void
test_quit_asks_each_window (void)
{
  WaymarkWindow *windows[2] = { new_window (), new_window () };
  AdwMessageDialog *dialog = NULL;
  WaymarkWindow *kept;
  guint asked = 0;

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (windows[i]), "win.add-stage", NULL));
      g_object_add_weak_pointer (G_OBJECT (windows[i]), (gpointer *) &windows[i]);
    }

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  drain_main_context ();

  /* One question at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (windows) && dialog == NULL; i++)
    {
      dialog = find_message_dialog (GTK_WINDOW (windows[i]));
      asked = i;
    }
  g_assert_nonnull (dialog);
  g_assert_null (find_message_dialog (GTK_WINDOW (windows[1 - asked])));

  /* Discard closes that window and moves on to the next. */
  click_response (dialog, "discard");
  WAIT_UNTIL (windows[asked] == NULL);

  /* Cancel there stops quitting and keeps the window and its changes. */
  kept = windows[1 - asked];
  dialog = find_message_dialog (GTK_WINDOW (kept));
  g_assert_nonnull (dialog);
  click_response (dialog, "cancel");
  drain_main_context ();
  g_assert_nonnull (windows[1 - asked]);
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (kept)));
  g_assert_null (find_message_dialog (GTK_WINDOW (kept)));

  g_object_remove_weak_pointer (G_OBJECT (kept), (gpointer *) &windows[1 - asked]);
  destroy_window (kept);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = test_app_new ();

  g_test_add_func ("/ui/window/open-edit-save-reload", test_open_edit_save_reload);
  g_test_add_func ("/ui/window/rename-is-undoable", test_rename_is_undoable);
  g_test_add_func ("/ui/window/close-asks-to-save", test_close_asks_to_save);
  g_test_add_func ("/ui/window/close-saves-first", test_close_saves_first);
  g_test_add_func ("/ui/window/load-error", test_load_error);
  g_test_add_func ("/ui/window/repairs-banner", test_repairs_banner);
  g_test_add_func ("/ui/application/reuses-windows", test_application_reuses_windows);
  g_test_add_func ("/ui/application/quit-asks-each-window", test_quit_asks_each_window);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
