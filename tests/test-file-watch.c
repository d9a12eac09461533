/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and its file on disk: another program's change shows a
 * banner offering Reload, and with unsaved edits as well the banner says
 * both; a save over another program's change asks (Overwrite, Reload,
 * Save As) instead of overwriting; a removed file is reported and Save
 * writes it again; a read-only file gets a banner and Save asks where
 * to save instead; a failed save names the file and the cause and keeps
 * the map unsaved; our own save shows no banner; edits made while a save
 * is being written stay unsaved. Runs under Xvfb. */

#include "config.h"

#include <errno.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "waymark-jmap-reader.h"
#include "waymark-safe-save-private.h"
#include "waymark-window-private.h"
#include "test-app.h"
#include "test-examples.h"
#include "test-files.h"
#include "test-widgets.h"

static WaymarkApplication *app;

typedef struct
{
  char          *dir;
  char          *path;
  GFile         *file;
  WaymarkWindow *window;
} Fixture;

static void
assert_file_contains (const char *path,
                      const char *text)
{
  g_autofree char *contents = test_files_read (path);

  if (strstr (contents, text) == NULL)
    g_error ("%s does not contain %s", path, text);
}

static void
copy_example (const char *path)
{
  g_autoptr(GFile) example = test_examples_file ("grocery-first-order.jmap");
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_copy (example, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Another program saves the map with a new title, as editors do: a new
 * file renamed over the old one. */
static void
change_on_disk (Fixture    *fixture,
                const char *title)
{
  g_autofree char *contents = test_files_read (fixture->path);
  g_autoptr(GString) changed = g_string_new (contents);
  g_autofree char *member = g_strdup_printf ("\"title\": \"%s\"", title);
  g_autoptr(GError) error = NULL;
  guint n;

  n = g_string_replace (changed, "\"title\": \"Online grocery: the first order\"", member, 1);
  g_assert_cmpuint (n, ==, 1);
  g_file_set_contents (fixture->path, changed->str, changed->len, &error);
  g_assert_no_error (error);
}

enum
{
  PLAIN,
  READ_ONLY,
  /* The window opens a symbolic link to the map in another folder;
   * fixture->path is the map itself. */
  SYMLINK,
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  int kind = GPOINTER_TO_INT (data);

  fixture->dir = test_files_make_temp_dir ("waymark-file-watch");
  if (kind == SYMLINK)
    {
      g_autofree char *real = g_build_filename (fixture->dir, "real", NULL);
      g_autofree char *link = g_build_filename (fixture->dir, "link.jmap", NULL);

      g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
      fixture->path = g_build_filename (real, "map.jmap", NULL);
      g_assert_cmpint (symlink (fixture->path, link), ==, 0);
      fixture->file = g_file_new_for_path (link);
    }
  else
    {
      fixture->path = g_build_filename (fixture->dir, "map.jmap", NULL);
      fixture->file = g_file_new_for_path (fixture->path);
    }
  copy_example (fixture->path);
  if (kind == READ_ONLY)
    g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  fixture->window = waymark_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (fixture->window));
  load_window (fixture->window, fixture->file);
  /* The version on disk is known once the check after opening ran. */
  WAIT_UNTIL (fixture->window->file_stamp_known);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_NONE, 0, 0);
  while ((dialog = find_message_dialog (GTK_WINDOW (fixture->window))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  /* Nothing more to ask: the test is over. */
  waymark_document_set_saved (waymark_window_get_document (fixture->window));
  destroy_window (fixture->window);
  test_files_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_assert_finalize_object (fixture->file);
}

static gboolean
banner_shown (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (fixture->window->file_banner);
}

static const char *
banner_text (Fixture *fixture)
{
  return gtk_label_get_text (fixture->window->file_banner_label);
}

static void
edit_title (Fixture    *fixture,
            const char *title)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);

  waymark_document_set_string_step (document, document, "title", title);
  g_assert_true (waymark_document_get_modified (document));
}

static const char *
shown_title (Fixture *fixture)
{
  return waymark_document_get_title (waymark_window_get_document (fixture->window));
}

/* Runs the main loop for a while, for checking that something does not
 * happen (a banner after our own save). */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
test_changed_clean (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_false (banner_shown (fixture));
  change_on_disk (fixture, "Changed elsewhere");
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "“map.jmap” was changed by another program"));
  g_assert_null (strstr (banner_text (fixture), "unsaved"));
  g_assert_cmpstr (gtk_button_get_label (fixture->window->file_banner_button), ==, "_Reload");

  /* No unsaved edits: Reload reloads at once. */
  g_signal_emit_by_name (fixture->window->file_banner_button, "clicked");
  WAIT_UNTIL (g_strcmp0 (shown_title (fixture), "Changed elsewhere") == 0);
  g_assert_false (waymark_document_get_modified (waymark_window_get_document (fixture->window)));
  g_assert_false (banner_shown (fixture));

  /* What was reloaded is the version a save now replaces silently. */
  edit_title (fixture, "Mine");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  WAIT_UNTIL (!waymark_document_get_modified (waymark_window_get_document (fixture->window)));
  g_assert_null (find_message_dialog (GTK_WINDOW (fixture->window)));
  assert_file_contains (fixture->path, "\"title\": \"Mine\"");
}

static void
test_changed_with_edits (Fixture       *fixture,
                         gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  AdwMessageDialog *dialog;
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;

  edit_title (fixture, "Mine");
  change_on_disk (fixture, "Theirs");
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "changed by another program"));
  g_assert_nonnull (strstr (banner_text (fixture), "unsaved changes"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->window->file_banner_button),
                                           "destructive-action"));
  wait_frames (GTK_WIDGET (fixture->window), 20);
  save_screenshot (GTK_WIDGET (fixture->window), "file-watch-changed.png");

  /* Reload from the banner asks first, as it discards the edits. */
  g_signal_emit_by_name (fixture->window->file_banner_button, "clicked");
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  click_response (dialog, "cancel");
  g_assert_cmpstr (shown_title (fixture), ==, "Mine");

  /* Save asks instead of overwriting. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  WAIT_UNTIL (find_message_dialog (GTK_WINDOW (fixture->window)) != NULL);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "“map.jmap” Changed on Disk");
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  wait_frames (GTK_WIDGET (dialog), 10);
  save_screenshot (GTK_WIDGET (dialog), "file-watch-conflict.png");
  contents = test_files_read (fixture->path);
  g_assert_nonnull (strstr (contents, "\"title\": \"Theirs\""));
  g_assert_true (waymark_document_get_modified (document));

  /* Overwrite: ours is saved after all. */
  click_response (dialog, "overwrite");
  WAIT_UNTIL (!waymark_document_get_modified (document));
  saved = test_files_read (fixture->path);
  g_assert_nonnull (strstr (saved, "\"title\": \"Mine\""));
  g_assert_false (banner_shown (fixture));
}

static void
test_conflict_reload (Fixture       *fixture,
                      gconstpointer  data)
{
  WaymarkDocument *document;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  edit_title (fixture, "Mine");
  change_on_disk (fixture, "Theirs");

  /* Saving before the monitor even noticed: the stamp still catches it. */
  waymark_window_save_to_file_async (fixture->window, fixture->file, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_false (waymark_window_save_to_file_finish (fixture->window, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (fixture->window)));
  assert_file_contains (fixture->path, "\"title\": \"Theirs\"");

  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  click_response (dialog, "reload");
  WAIT_UNTIL (g_strcmp0 (shown_title (fixture), "Theirs") == 0);
  document = waymark_window_get_document (fixture->window);
  g_assert_false (waymark_document_get_modified (document));
}

static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autoptr(WaymarkDocument) saved = NULL;

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "was deleted, moved or renamed"));
  g_assert_cmpstr (gtk_button_get_label (fixture->window->file_banner_button), ==, "_Save");

  /* Save (from the banner) writes it again, edits and all. */
  edit_title (fixture, "Written again");
  g_signal_emit_by_name (fixture->window->file_banner_button, "clicked");
  WAIT_UNTIL (!waymark_document_get_modified (document));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  saved = waymark_jmap_read_file (fixture->file, NULL, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (waymark_document_get_title (saved), ==, "Written again");
  g_assert_false (banner_shown (fixture));
}

/* The link's target changes in its own folder. */
static void
test_symlink_target_changed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *link = g_file_get_path (fixture->file);
  GStatBuf st;

  change_on_disk (fixture, "Changed behind the link");
  WAIT_UNTIL (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "“link.jmap” was changed by another program"));
  g_signal_emit_by_name (fixture->window->file_banner_button, "clicked");
  WAIT_UNTIL (g_strcmp0 (shown_title (fixture), "Changed behind the link") == 0);

  /* Saving through the link writes the target; the link stays. */
  edit_title (fixture, "Mine");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  WAIT_UNTIL (!waymark_document_get_modified (waymark_window_get_document (fixture->window)));
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_file_contains (fixture->path, "\"title\": \"Mine\"");
  run_for (1000);
  g_assert_false (banner_shown (fixture));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autofree char *before = test_files_read (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  g_autofree char *after = NULL;

  WAIT_UNTIL (banner_shown (fixture));
  g_assert_nonnull (strstr (banner_text (fixture), "“map.jmap” is read-only"));
  g_assert_cmpstr (gtk_button_get_label (fixture->window->file_banner_button), ==, "Save _As…");
  g_assert_true (fixture->window->read_only);
  wait_frames (GTK_WIDGET (fixture->window), 20);
  save_screenshot (GTK_WIDGET (fixture->window), "file-watch-read-only.png");

  /* Saving to it anyway is refused, in plain words, and nothing is lost. */
  edit_title (fixture, "Mine");
  waymark_window_save_to_file_async (fixture->window, fixture->file, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_false (waymark_window_save_to_file_finish (fixture->window, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “map.jmap”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "read-only"));
  click_response (dialog, "close");
  g_assert_true (waymark_document_get_modified (document));
  after = test_files_read (fixture->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_save_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autofree char *before = test_files_read (fixture->path);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  edit_title (fixture, "Mine");
  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_WRITE, 1000, ENOSPC);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  WAIT_UNTIL (find_message_dialog (GTK_WINDOW (fixture->window)) != NULL);
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save “map.jmap”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "disk is full"));
  g_assert_true (waymark_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "*Mine");
  after = test_files_read (fixture->path);
  g_assert_cmpstr (after, ==, before);
  click_response (dialog, "close");

  /* The disk has room again: the same Save works. */
  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_NONE, 0, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
  WAIT_UNTIL (!waymark_document_get_modified (document));
}

static void
test_own_save_quiet (Fixture       *fixture,
                     gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Edit %u", i);

      edit_title (fixture, title);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.save", NULL));
      WAIT_UNTIL (!waymark_document_get_modified (document));
    }
  /* Longer than the monitor's debounce. */
  run_for (1500);
  g_assert_false (banner_shown (fixture));
  g_assert_null (find_message_dialog (GTK_WINDOW (fixture->window)));
}

static void
test_edits_during_save (Fixture       *fixture,
                        gconstpointer  data)
{
  WaymarkDocument *document = waymark_window_get_document (fixture->window);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WaymarkDocument) saved = NULL;

  edit_title (fixture, "Before the save");
  waymark_window_save_to_file_async (fixture->window, fixture->file, NULL, store_result_cb, &result);
  /* Typing goes on while the worker thread writes. */
  waymark_document_set_string (document, document, "title", "Typed during the save");
  WAIT_UNTIL (result != NULL);
  g_assert_true (waymark_window_save_to_file_finish (fixture->window, result, NULL));

  saved = waymark_jmap_read_file (fixture->file, NULL, NULL, NULL);
  g_assert_cmpstr (waymark_document_get_title (saved), ==, "Before the save");
  g_assert_true (waymark_document_get_modified (document));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  app = test_app_new ();

#define ADD(path, kind, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (kind), fixture_set_up, func, fixture_tear_down)
  ADD ("/file-watch/changed-clean", PLAIN, test_changed_clean);
  ADD ("/file-watch/changed-with-edits", PLAIN, test_changed_with_edits);
  ADD ("/file-watch/conflict-reload", PLAIN, test_conflict_reload);
  ADD ("/file-watch/deleted", PLAIN, test_deleted);
  ADD ("/file-watch/read-only", READ_ONLY, test_read_only);
  ADD ("/file-watch/symlink-target-changed", SYMLINK, test_symlink_target_changed);
  ADD ("/file-watch/save-failure", PLAIN, test_save_failure);
  ADD ("/file-watch/own-save-quiet", PLAIN, test_own_save_quiet);
  ADD ("/file-watch/edits-during-save", PLAIN, test_edits_during_save);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
