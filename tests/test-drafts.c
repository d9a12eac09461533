/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drafts for crash recovery: the store (byte-identical round trips, the
 * header, atomic replacement, damaged drafts, permissions, ownership
 * between live and dead processes), each window's tracker (a draft soon
 * after editing pauses and regularly during continuous editing, written
 * off the main thread, gone after saving or closing), and the recovery
 * dialog. Runs under Xvfb; $XDG_STATE_HOME is a fresh folder. */

#include "config.h"

#include <sys/stat.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "waymark-draft-store-private.h"
#include "waymark-draft-tracker.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-recovery-dialog.h"
#include "test-app.h"
#include "test-examples.h"
#include "test-files.h"
#include "test-widgets.h"

static WaymarkApplication *app;

/* ---- Helpers ---- */

static GBytes *
example_bytes (const char *name)
{
  g_autoptr(GFile) file = test_examples_file (name);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static char *
draft_path (WaymarkDraftStore *store,
            const char        *id)
{
  g_autofree char *dir = g_file_get_path (waymark_draft_store_get_directory (store));
  g_autofree char *name = g_strconcat (id, ".draft", NULL);

  return g_build_filename (dir, name, NULL);
}

static gboolean
draft_exists (WaymarkDraftStore *store,
              const char        *id)
{
  g_autofree char *path = draft_path (store, id);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The draft's header, or NULL when there is no such draft. */
static WaymarkDraftInfo *
find_draft (WaymarkDraftStore *store,
            const char        *id)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = waymark_draft_store_list (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < drafts->len; i++)
    {
      WaymarkDraftInfo *info = g_ptr_array_index (drafts, i);

      if (strcmp (info->id, id) == 0)
        return waymark_draft_info_copy (info);
    }
  return NULL;
}

static guint
count_files_with_prefix (const char *dir_path,
                         const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpmem (g_bytes_get_data (a, NULL), g_bytes_get_size (a),
                   g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

static void
assert_draft_holds (WaymarkDraftStore *store,
                    const char        *id,
                    WaymarkDocument   *document)
{
  g_autoptr(GBytes) expected = waymark_jmap_write (document);
  g_autoptr(GBytes) actual = NULL;
  g_autoptr(GError) error = NULL;

  actual = waymark_draft_store_read (store, id, NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (actual, expected);
}

/* Whether the draft holds exactly what document would write. */
static gboolean
draft_matches (WaymarkDraftStore *store,
               const char        *id,
               WaymarkDocument   *document)
{
  g_autoptr(GBytes) expected = waymark_jmap_write (document);
  g_autoptr(GBytes) actual = waymark_draft_store_read (store, id, NULL, NULL);

  return actual != NULL && g_bytes_equal (actual, expected);
}

/* Replaces the draft file with contents (a damaged draft). */
static void
overwrite_draft (WaymarkDraftStore *store,
                 const char        *id,
                 const char        *contents,
                 gssize             length)
{
  g_autofree char *path = draft_path (store, id);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static WaymarkDraftStore *
temp_store (char **dir_out)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-draft-store");
  g_autofree char *drafts = g_build_filename (dir, "state", "waymark", "drafts", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (drafts);

  *dir_out = g_steal_pointer (&dir);
  return waymark_draft_store_new (directory);
}

/* ---- The store ---- */

static void
test_store_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) store = temp_store (&dir);
  g_autoptr(GBytes) contents = example_bytes ("grocery-first-order.jmap");
  g_autoptr(GBytes) other = example_bytes ("saas-trial-to-renewal.jmap");
  g_autoptr(GDateTime) time = g_date_time_new_utc (2024, 3, 5, 14, 5, 30);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(WaymarkDraftInfo) info = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = draft_path (store, id);
  g_autofree char *drafts_dir = g_file_get_path (waymark_draft_store_get_directory (store));
  const char *title = "Grocery: first order\nwith a “newline”";
  struct stat st;

  /* Nothing on disk before the first write. */
  g_assert_false (g_file_test (drafts_dir, G_FILE_TEST_EXISTS));
  drafts = waymark_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_assert_true (waymark_draft_store_write (store, id, contents, "file:///home/ana/Maps/grocery%20map.jmap",
                                            title, time, NULL, &error));
  g_assert_no_error (error);

  /* Private: only the user may read drafts, or list them. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (drafts_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  drafts = waymark_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  info = waymark_draft_info_copy (g_ptr_array_index (drafts, 0));
  g_assert_no_error (info->error);
  g_assert_cmpstr (info->id, ==, id);
  g_assert_cmpstr (info->owner, ==, waymark_draft_store_get_owner (store));
  g_assert_cmpstr (info->uri, ==, "file:///home/ana/Maps/grocery%20map.jmap");
  g_assert_cmpstr (info->title, ==, title);
  g_assert_true (g_date_time_equal (info->time, time));
  g_assert_cmpuint (info->size, ==, g_bytes_get_size (contents));
  g_clear_pointer (&info, waymark_draft_info_free);

  read = waymark_draft_store_read (store, id, &info, &error);
  g_assert_no_error (error);
  assert_bytes_equal (read, contents);
  g_assert_cmpstr (info->title, ==, title);
  g_clear_pointer (&read, g_bytes_unref);
  g_clear_pointer (&info, waymark_draft_info_free);

  /* Replacing: the new bytes, never the old. */
  g_assert_true (waymark_draft_store_write (store, id, other, NULL, "", NULL, NULL, &error));
  g_assert_no_error (error);
  read = waymark_draft_store_read (store, id, &info, &error);
  g_assert_no_error (error);
  assert_bytes_equal (read, other);
  g_assert_null (info->uri);
  g_assert_cmpstr (info->title, ==, "");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* No temporary file left over. */
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, "."), ==, 0);

  g_assert_true (waymark_draft_store_delete (store, id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Deleting what is gone is no error. */
  g_assert_true (waymark_draft_store_delete (store, id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = waymark_draft_store_list (store, &error);
  g_assert_cmpuint (drafts->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&store));
  /* A store that keeps no draft leaves no lock behind. */
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, ""), ==, 0);
  test_files_remove_tree (dir);
}

static void
test_store_empty_and_long (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) store = temp_store (&dir);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(WaymarkDraftInfo) info = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (long_title, "é");
  g_assert_true (waymark_draft_store_write (store, "a", empty, NULL, long_title->str, NULL, NULL, &error));
  g_assert_no_error (error);
  read = waymark_draft_store_read (store, "a", &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (read), ==, 0);
  /* Titles are cut for the list, where a line is all there is room for. */
  g_assert_cmpuint (g_utf8_strlen (info->title, -1), ==, 256);

  g_assert_true (waymark_draft_store_delete (store, "a", &error));
  g_assert_finalize_object (g_steal_pointer (&store));
  test_files_remove_tree (dir);
}

static void
test_store_bad_ids (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) store = temp_store (&dir);
  g_autoptr(GBytes) contents = g_bytes_new_static ("{}", 2);
  g_autofree char *too_long = g_strnfill (65, 'a');
  g_autofree char *longest = g_strnfill (64, 'a');
  const char *bad[] = { "", "../escape", "a/b", "a.b", ".hidden", "x y", too_long };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (waymark_draft_id_is_valid (bad[i]));
      g_assert_false (waymark_draft_store_write (store, bad[i], contents, NULL, "", NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_null (waymark_draft_store_read (store, bad[i], NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_false (waymark_draft_store_delete (store, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  g_assert_false (waymark_draft_id_is_valid (NULL));
  g_assert_true (waymark_draft_id_is_valid (longest));
  {
    /* Where "../escape" would have gone. */
    g_autofree char *escaped = g_build_filename (dir, "state", "waymark", "escape.draft", NULL);

    g_assert_false (g_file_test (escaped, G_FILE_TEST_EXISTS));
  }

  g_assert_finalize_object (g_steal_pointer (&store));
  test_files_remove_tree (dir);
}

typedef struct
{
  WaymarkDraftStep  stop_at;
  guint             calls;
} StopData;

static gboolean
stop_hook (WaymarkDraftStore *store,
           WaymarkDraftStep   step,
           const char        *id,
           gpointer           user_data)
{
  StopData *data = user_data;

  data->calls++;
  return step != data->stop_at;
}

/* A write killed part-way leaves the previous draft whole; its
 * temporary file is never listed, and whoever claims the dead owner's
 * drafts removes it. */
static void
test_store_interrupted_write (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) store = temp_store (&dir);
  g_autoptr(WaymarkDraftStore) heir = NULL;
  g_autoptr(GBytes) first = example_bytes ("grocery-first-order.jmap");
  g_autoptr(GBytes) second = example_bytes ("saas-trial-to-renewal.jmap");
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts_dir = g_file_get_path (waymark_draft_store_get_directory (store));
  g_autofree char *temp_prefix = g_strconcat (".", waymark_draft_store_get_owner (store), ".", NULL);
  StopData data = { WAYMARK_DRAFT_STEP_RENAME, 0 };

  g_assert_true (waymark_draft_store_write (store, "map", first, NULL, "First", NULL, NULL, &error));
  g_assert_no_error (error);

  waymark_draft_store_set_write_hook (store, stop_hook, &data);
  g_assert_false (waymark_draft_store_write (store, "map", second, NULL, "Second", NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (data.calls, ==, 2);
  /* The complete new version waits in a temporary file... */
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, temp_prefix), ==, 1);
  /* ...which is not a draft: the old one is listed, whole. */
  drafts = waymark_draft_store_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((WaymarkDraftInfo *) g_ptr_array_index (drafts, 0))->title, ==, "First");
  read = waymark_draft_store_read (store, "map", NULL, &error);
  g_assert_no_error (error);
  assert_bytes_equal (read, first);

  /* Stopped before the temporary file exists: nothing at all. */
  data.stop_at = WAYMARK_DRAFT_STEP_OPEN;
  g_assert_false (waymark_draft_store_write (store, "other", second, NULL, "", NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (draft_exists (store, "other"));
  waymark_draft_store_set_write_hook (store, NULL, NULL);

  /* The process dies; the next one recovers the old draft and tidies. */
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, temp_prefix), ==, 1);
  {
    g_autoptr(GFile) directory = g_file_new_for_path (drafts_dir);

    heir = waymark_draft_store_new (directory);
  }
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = waymark_draft_store_claim_orphans (heir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (((WaymarkDraftInfo *) g_ptr_array_index (drafts, 0))->id, ==, "map");
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, temp_prefix), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&heir));
  test_files_remove_tree (dir);
}

/* Every kind of damage is reported, with a reason, never a crash. */
static void
test_store_damaged (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) store = temp_store (&dir);
  g_autoptr(GBytes) contents = example_bytes ("grocery-first-order.jmap");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = draft_path (store, "good");
  g_autofree char *good = NULL;
  g_autofree char *no_nul = g_strnfill (100 * 1024, 'a');
  gsize length = 0;
#define CASE(name, literal, code) { name, literal, sizeof (literal) - 1, code }
  struct
  {
    const char *name;
    const char *contents;
    gssize      length;
    int         code;
  } cases[] = {
    CASE ("empty", "", G_IO_ERROR_INVALID_DATA),
    CASE ("no-header-end", "[Waymark Draft]\nVersion=1\n", G_IO_ERROR_INVALID_DATA),
    { "huge-header", no_nul, -1, G_IO_ERROR_INVALID_DATA },
    CASE ("not-a-key-file", "garbage\0{}", G_IO_ERROR_INVALID_DATA),
    CASE ("other-group", "[Desktop Entry]\nName=x\n\0{}", G_IO_ERROR_INVALID_DATA),
    CASE ("newer", "[Waymark Draft]\nVersion=99\n\0{}", G_IO_ERROR_NOT_SUPPORTED),
    CASE ("missing-keys", "[Waymark Draft]\nVersion=1\nOwner=abc\n\0{}", G_IO_ERROR_INVALID_DATA),
    CASE ("bad-utf8", "[Waymark Draft]\nVersion=1\nTitle=\xff\xfe\n\0{}", G_IO_ERROR_INVALID_DATA),
    CASE ("bad-size", "[Waymark Draft]\nVersion=1\nOwner=abc\nTitle=\nTime=2024-01-01T00:00:00Z\n"
                      "Size=-5\nSHA256=0000000000000000000000000000000000000000000000000000000000000000\n\0{}",
          G_IO_ERROR_INVALID_DATA),
    CASE ("bad-uri", "[Waymark Draft]\nVersion=1\nOwner=abc\nUri=not a uri\nTitle=\nTime=2024-01-01T00:00:00Z\n"
                     "Size=2\nSHA256=0000000000000000000000000000000000000000000000000000000000000000\n\0{}",
          G_IO_ERROR_INVALID_DATA),
  };
#undef CASE

  g_assert_true (waymark_draft_store_write (store, "good", contents, "file:///tmp/x.jmap", "Good",
                                            NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &good, &length, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WaymarkDraftInfo) info = NULL;
      g_autoptr(GBytes) read = NULL;

      g_test_message ("damage: %s", cases[i].name);
      overwrite_draft (store, cases[i].name, cases[i].contents, cases[i].length);
      info = find_draft (store, cases[i].name);
      g_assert_nonnull (info);
      g_assert_error (info->error, G_IO_ERROR, cases[i].code);
      g_assert_nonnull (info->error->message);
      read = waymark_draft_store_read (store, cases[i].name, NULL, &error);
      g_assert_null (read);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  /* Cut short: the header says how long the body is. */
  overwrite_draft (store, "good", good, length - 10);
  {
    g_autoptr(WaymarkDraftInfo) info = find_draft (store, "good");

    g_assert_error (info->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (info->error->message, "incomplete"));
  }
  /* One byte changed: the checksum catches it when reading. */
  good[length - 3] ^= 0x20;
  overwrite_draft (store, "good", good, length);
  {
    g_autoptr(WaymarkDraftInfo) info = find_draft (store, "good");
    g_autoptr(GBytes) read = NULL;

    g_assert_no_error (info->error);
    read = waymark_draft_store_read (store, "good", NULL, &error);
    g_assert_null (read);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "checksum"));
    g_clear_error (&error);
  }

  /* Files that are not drafts are not listed. */
  overwrite_draft (store, "not a draft!", "x", 1);
  {
    g_autoptr(GPtrArray) drafts = waymark_draft_store_list (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (drafts->len, ==, G_N_ELEMENTS (cases) + 1);
  }

  g_assert_finalize_object (g_steal_pointer (&store));
  test_files_remove_tree (dir);
}

/* A live owner's drafts are never claimed; a dead owner's are, by one
 * store only. */
static void
test_store_ownership (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(WaymarkDraftStore) first = temp_store (&dir);
  g_autoptr(WaymarkDraftStore) second = NULL;
  g_autoptr(WaymarkDraftStore) third = NULL;
  g_autoptr(GFile) directory = g_object_ref (waymark_draft_store_get_directory (first));
  g_autofree char *drafts_dir = g_file_get_path (directory);
  g_autoptr(GBytes) contents = example_bytes ("grocery-first-order.jmap");
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_lock = g_strconcat (waymark_draft_store_get_owner (first), ".lock", NULL);

  g_assert_true (waymark_draft_store_write (first, "live", contents, NULL, "", NULL, NULL, &error));
  g_assert_no_error (error);

  second = waymark_draft_store_new (directory);
  g_assert_cmpstr (waymark_draft_store_get_owner (second), !=, waymark_draft_store_get_owner (first));
  orphans = waymark_draft_store_claim_orphans (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  /* Its own drafts are not orphans either. */
  orphans = waymark_draft_store_claim_orphans (first, &error);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* The first process dies with its draft on disk. */
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_true (draft_exists (second, "live"));
  orphans = waymark_draft_store_claim_orphans (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);
  /* Asking again gives the same: claimed drafts stay ours. */
  orphans = waymark_draft_store_claim_orphans (second, &error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* A third process started meanwhile does not get them. */
  third = waymark_draft_store_new (directory);
  orphans = waymark_draft_store_claim_orphans (third, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* The second ends without answering: the drafts wait for the next. */
  g_assert_finalize_object (g_steal_pointer (&second));
  orphans = waymark_draft_store_claim_orphans (third, &error);
  g_assert_cmpuint (orphans->len, ==, 1);
  g_clear_pointer (&orphans, g_ptr_array_unref);

  /* Discarded: the dead owner's lock file goes at the next look. */
  g_assert_true (waymark_draft_store_delete (third, "live", &error));
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, first_lock), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&third));
  third = waymark_draft_store_new (directory);
  orphans = waymark_draft_store_claim_orphans (third, &error);
  g_assert_cmpuint (orphans->len, ==, 0);
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, first_lock), ==, 0);

  g_assert_finalize_object (g_steal_pointer (&third));
  g_assert_cmpuint (count_files_with_prefix (drafts_dir, ""), ==, 0);
  test_files_remove_tree (dir);
}

/* ---- The tracker ---- */

static GSettings *
settings_new (void)
{
  GSettings *settings = waymark_settings_new_or_null ();

  g_assert_nonnull (settings);
  return settings;
}

static WaymarkWindow *
new_window (void)
{
  WaymarkWindow *window = waymark_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static WaymarkDraftTracker *
tracker_of (WaymarkWindow *window)
{
  WaymarkDraftTracker *tracker = waymark_draft_tracker_get_for_window (window);

  g_assert_nonnull (tracker);
  return tracker;
}

static void
add_stage (WaymarkWindow *window,
           const char    *name)
{
  WaymarkDocument *document = waymark_window_get_document (window);

  waymark_document_add_stage (document, name, -1);
}

static void
save_window (WaymarkWindow *window,
             GFile         *file)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  waymark_window_save_to_file_async (window, file, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (waymark_window_save_to_file_finish (window, result, &error));
  g_assert_no_error (error);
}

/* An untitled map: a draft once editing pauses, gone once saved. */
static void
test_tracker_pause_and_save (void)
{
  WaymarkWindow *window = new_window ();
  WaymarkDraftTracker *tracker = tracker_of (window);
  WaymarkDraftStore *store = waymark_draft_tracker_get_store (tracker);
  WaymarkDocument *document = waymark_window_get_document (window);
  g_autofree char *id = g_strdup (waymark_draft_tracker_get_id (tracker));
  g_autofree char *dir = test_files_make_temp_dir ("waymark-drafts-save");
  g_autofree char *path = g_build_filename (dir, "saved.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(WaymarkDraftInfo) info = NULL;

  g_assert_true (waymark_draft_id_is_valid (id));
  /* An untouched map needs no draft. */
  drain_main_context ();
  g_assert_false (draft_exists (store, id));

  add_stage (window, "Discover");
  waymark_document_set_string (document, document, "title", "Workshop");
  /* Not while typing: after the pause. */
  g_assert_false (draft_exists (store, id));
  WAIT_UNTIL (draft_exists (store, id) && !waymark_draft_tracker_get_writing (tracker));
  assert_draft_holds (store, id, document);
  info = find_draft (store, id);
  g_assert_no_error (info->error);
  g_assert_null (info->uri);
  g_assert_cmpstr (info->title, ==, "Workshop");
  g_assert_cmpstr (info->owner, ==, waymark_draft_store_get_owner (store));

  /* More edits, a newer draft. */
  add_stage (window, "Buy");
  WAIT_UNTIL (draft_matches (store, id, document));

  save_window (window, file);
  g_assert_false (waymark_document_get_modified (document));
  WAIT_UNTIL (!draft_exists (store, id));

  /* Edited again after saving: a draft again, naming the file. */
  add_stage (window, "Use");
  WAIT_UNTIL (draft_matches (store, id, document));
  g_clear_pointer (&info, waymark_draft_info_free);
  info = find_draft (store, id);
  {
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_cmpstr (info->uri, ==, uri);
  }

  /* Undo back to what is on disk: no unsaved changes, no draft. */
  waymark_history_undo (waymark_document_get_history (document));
  g_assert_false (waymark_document_get_modified (document));
  WAIT_UNTIL (!draft_exists (store, id));

  destroy_window (window);
  test_files_remove_tree (dir);
}

typedef struct
{
  WaymarkWindow *window;
  guint          edits;
} EditLoop;

static gboolean
edit_again_cb (gpointer user_data)
{
  EditLoop *loop = user_data;
  WaymarkDocument *document = waymark_window_get_document (loop->window);
  g_autofree char *title = g_strdup_printf ("Edit %u", ++loop->edits);

  waymark_document_set_string (document, document, "title", title);
  return G_SOURCE_CONTINUE;
}

/* Editing that never pauses long enough still gets a draft, within
 * draft-interval. */
static void
test_tracker_continuous_editing (void)
{
  g_autoptr(GSettings) settings = settings_new ();
  WaymarkWindow *window = new_window ();
  WaymarkDraftTracker *tracker = tracker_of (window);
  WaymarkDraftStore *store = waymark_draft_tracker_get_store (tracker);
  g_autofree char *id = g_strdup (waymark_draft_tracker_get_id (tracker));
  EditLoop loop = { window, 0 };
  guint source;

  g_settings_set_uint (settings, "draft-interval", 5);
  /* Far more often than the pause that would write a draft. */
  source = g_timeout_add (WAYMARK_DRAFT_DEBOUNCE_MS / 6, edit_again_cb, &loop);
  edit_again_cb (&loop);
  WAIT_UNTIL (draft_exists (store, id));
  g_source_remove (source);
  g_test_message ("draft after %u edits", loop.edits);
  /* It was written while the edits went on: the interval wrote it. */
  g_assert_cmpuint (loop.edits, >, 1);
  {
    g_autoptr(WaymarkDraftInfo) info = NULL;

    WAIT_UNTIL (!waymark_draft_tracker_get_writing (tracker));
    info = find_draft (store, id);
    g_assert_true (g_str_has_prefix (info->title, "Edit "));
  }

  g_settings_reset (settings, "draft-interval");
  destroy_window (window);
  /* Closing the window removes its draft: it only closes once the user
   * saved or discarded. */
  g_assert_false (draft_exists (store, id));
}

/* A map with a file: the draft names it; closing removes the draft. */
static void
test_tracker_close (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-drafts-close");
  g_autofree char *path = g_build_filename (dir, "grocery.jmap", NULL);
  g_autoptr(GFile) example = test_examples_file ("grocery-first-order.jmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  WaymarkWindow *window;
  WaymarkDraftTracker *tracker;
  WaymarkDraftStore *store;
  g_autofree char *id = NULL;
  g_autoptr(WaymarkDraftInfo) info = NULL;

  g_file_copy (example, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  window = new_window ();
  tracker = tracker_of (window);
  store = waymark_draft_tracker_get_store (tracker);
  id = g_strdup (waymark_draft_tracker_get_id (tracker));
  load_window (window, file);
  drain_main_context ();
  g_assert_false (draft_exists (store, id));

  add_stage (window, "Aftercare");
  WAIT_UNTIL (draft_exists (store, id) && !waymark_draft_tracker_get_writing (tracker));
  assert_draft_holds (store, id, waymark_window_get_document (window));
  info = find_draft (store, id);
  g_assert_cmpstr (info->uri, ==, uri);
  g_assert_cmpstr (info->title, ==, waymark_document_get_title (waymark_window_get_document (window)));

  /* Closed with the draft being written: it is still removed. */
  add_stage (window, "Loyalty");
  WAIT_UNTIL (waymark_draft_tracker_get_writing (tracker));
  destroy_window (window);
  WAIT_UNTIL (!draft_exists (store, id));
  drain_main_context ();
  g_assert_false (draft_exists (store, id));

  test_files_remove_tree (dir);
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  GThread *thread;
  guint    calls;
  gboolean hold;
} HoldData;

static gboolean
hold_hook (WaymarkDraftStore *store,
           WaymarkDraftStep   step,
           const char        *id,
           gpointer           user_data)
{
  HoldData *data = user_data;

  if (step != WAYMARK_DRAFT_STEP_OPEN)
    return TRUE;
  g_mutex_lock (&data->mutex);
  data->thread = g_thread_self ();
  data->calls++;
  g_cond_broadcast (&data->cond);
  while (data->hold)
    g_cond_wait (&data->cond, &data->mutex);
  g_mutex_unlock (&data->mutex);
  return TRUE;
}

static guint
hold_calls (HoldData *data)
{
  guint calls;

  g_mutex_lock (&data->mutex);
  calls = data->calls;
  g_mutex_unlock (&data->mutex);
  return calls;
}

/* A slow disk never stalls editing: the write is in a worker thread,
 * and edits made meanwhile go into one more write, not one each. */
static void
test_tracker_slow_disk (void)
{
  WaymarkWindow *window = new_window ();
  WaymarkDraftTracker *tracker = tracker_of (window);
  WaymarkDraftStore *store = waymark_draft_tracker_get_store (tracker);
  WaymarkDocument *document = waymark_window_get_document (window);
  g_autofree char *id = g_strdup (waymark_draft_tracker_get_id (tracker));
  HoldData data = { .hold = TRUE };

  g_mutex_init (&data.mutex);
  g_cond_init (&data.cond);
  waymark_draft_store_set_write_hook (store, hold_hook, &data);

  add_stage (window, "One");
  WAIT_UNTIL (hold_calls (&data) == 1);
  g_assert_true (data.thread != g_thread_self ());
  g_assert_true (waymark_draft_tracker_get_writing (tracker));

  /* The disk is stuck; the user goes on, and the main loop with them. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stage %u", i);
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

      add_stage (window, name);
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (hold_calls (&data), ==, 1);

  g_mutex_lock (&data.mutex);
  data.hold = FALSE;
  g_cond_broadcast (&data.cond);
  g_mutex_unlock (&data.mutex);

  WAIT_UNTIL (draft_matches (store, id, document) && !waymark_draft_tracker_get_writing (tracker));
  drain_main_context ();
  g_assert_cmpuint (hold_calls (&data), ==, 2);

  waymark_draft_store_set_write_hook (store, NULL, NULL);
  destroy_window (window);
  g_assert_false (draft_exists (store, id));
  g_mutex_clear (&data.mutex);
  g_cond_clear (&data.cond);
}

/* ---- Recovery ---- */

static void
test_format_time (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2024, 3, 5, 18, 30, 0);
  g_autoptr(GDateTime) today = g_date_time_new (zone, 2024, 3, 5, 14, 5, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new (zone, 2024, 3, 4, 9, 12, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new (zone, 2024, 1, 17, 17, 40, 0);
  g_autoptr(GDateTime) last_year = g_date_time_new (zone, 2023, 12, 31, 23, 59, 0);
  g_autofree char *a = waymark_recovery_format_time (today, now);
  g_autofree char *b = waymark_recovery_format_time (yesterday, now);
  g_autofree char *c = waymark_recovery_format_time (earlier, now);
  g_autofree char *d = waymark_recovery_format_time (last_year, now);

  g_assert_cmpstr (a, ==, "Today at 14:05");
  g_assert_cmpstr (b, ==, "Yesterday at 09:12");
  g_assert_cmpstr (c, ==, "17 January at 17:40");
  g_assert_cmpstr (d, ==, "31 December 2023 at 23:59");
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GListStore *
find_recoverable (WaymarkDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *items;

  waymark_recovery_find_async (store, NULL, store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  items = waymark_recovery_find_finish (result, &error);
  g_assert_no_error (error);
  return items;
}

static WaymarkWindow *
window_showing (const char *title)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      if (WAYMARK_IS_WINDOW (l->data)
          && g_strcmp0 (waymark_document_get_title (waymark_window_get_document (l->data)), title) == 0)
        return l->data;
    }
  return NULL;
}

/* Drafts left by a dead process: the dialog lists them, recovers each
 * into a window (unsaved, pointing at its file), reports the one that
 * cannot be read, and discards on request only. */
static void
test_recovery_dialog (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-drafts-recover");
  g_autofree char *path = g_build_filename (dir, "grocery.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GFile) example = test_examples_file ("grocery-first-order.jmap");
  g_autoptr(WaymarkDocument) grocery = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(WaymarkDocument) untitled = waymark_document_new ();
  g_autoptr(GBytes) grocery_bytes = NULL;
  g_autoptr(GBytes) untitled_bytes = NULL;
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GBytes) not_a_map_bytes = g_bytes_new_static ("[1,2", 4);
  g_autoptr(WaymarkDraftStore) dead = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_now_utc ();
  WaymarkWindow *first = new_window ();
  WaymarkDraftTracker *tracker = tracker_of (first);
  WaymarkDraftStore *store = waymark_draft_tracker_get_store (tracker);
  WaymarkWindow *recovered;
  WaymarkWindow *second;
  AdwMessageDialog *dialog;
  AdwActionRow *row;
  g_autofree char *broken_body = NULL;
  gsize broken_length = 0;
  g_autofree char *broken_path = NULL;

  g_file_copy (example, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  on_disk = g_file_load_bytes (file, NULL, NULL, &error);

  /* What a process that died would have left. */
  waymark_document_add_stage (grocery, "Unsaved stage", -1);
  waymark_document_set_string (grocery, grocery, "title", "Grocery (edited)");
  waymark_document_add_stage (untitled, "Idea", -1);
  grocery_bytes = waymark_jmap_write (grocery);
  untitled_bytes = waymark_jmap_write (untitled);
  dead = waymark_draft_store_new (waymark_draft_store_get_directory (store));
  g_assert_true (waymark_draft_store_write (dead, "grocery", grocery_bytes, uri,
                                            "Grocery (edited)", time, NULL, &error));
  g_assert_true (waymark_draft_store_write (dead, "untitled", untitled_bytes, NULL, "", time, NULL, &error));
  g_assert_true (waymark_draft_store_write (dead, "broken", untitled_bytes, NULL, "Broken", time, NULL, &error));
  g_assert_true (waymark_draft_store_write (dead, "not-a-map", not_a_map_bytes, NULL,
                                            "Not a map", time, NULL, &error));
  g_assert_no_error (error);
  broken_path = draft_path (dead, "broken");
  g_assert_true (g_file_get_contents (broken_path, &broken_body, &broken_length, NULL));
  broken_body[broken_length - 2] ^= 0x01;
  overwrite_draft (dead, "broken", broken_body, broken_length);
  g_assert_finalize_object (g_steal_pointer (&dead));

  items = find_recoverable (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 4);
  {
    WaymarkRecoverable *broken = waymark_recovery_lookup (G_LIST_MODEL (items), "broken");
    WaymarkRecoverable *not_a_map = waymark_recovery_lookup (G_LIST_MODEL (items), "not-a-map");
    WaymarkRecoverable *good = waymark_recovery_lookup (G_LIST_MODEL (items), "grocery");

    g_assert_null (waymark_recoverable_get_document (broken));
    g_assert_error (waymark_recoverable_get_error (broken), G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_null (waymark_recoverable_get_document (not_a_map));
    g_assert_nonnull (waymark_recoverable_get_error (not_a_map));
    g_assert_nonnull (waymark_recoverable_get_document (good));
    g_assert_null (waymark_recoverable_get_error (good));
    g_assert_null (waymark_recovery_lookup (G_LIST_MODEL (items), "../../etc/passwd"));
  }

  gtk_window_set_default_size (GTK_WINDOW (first), 1000, 700);
  dialog = ADW_MESSAGE_DIALOG (waymark_recovery_dialog_new (GTK_WINDOW (first), GTK_APPLICATION (app), items));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_frames (GTK_WIDGET (dialog), 2);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Maps?");

  row = find_row (GTK_WIDGET (dialog), "Grocery (edited)");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "grocery.jmap — Today at "));
  row = find_row (GTK_WIDGET (dialog), "Untitled Map");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Never saved — "));
  row = find_row (GTK_WIDGET (dialog), "Broken");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Cannot be recovered. "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "checksum"));
  /* What cannot be recovered can only be discarded. */
  g_assert_null (find_button_with_label (GTK_WIDGET (row), "Recover"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (row), "Discard"));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "recovery-dialog-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "recovery-dialog-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Recover one: into the untouched window, unsaved, at its file. */
  row = find_row (GTK_WIDGET (dialog), "Grocery (edited)");
  g_signal_emit_by_name (find_button_with_label (GTK_WIDGET (row), "Recover"), "clicked");
  drain_main_context ();
  recovered = window_showing ("Grocery (edited)");
  g_assert_true (recovered == first);
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (first)));
  g_assert_true (g_file_equal (waymark_window_get_file (first), file));
  {
    g_autoptr(GBytes) shown = waymark_jmap_write (waymark_window_get_document (first));

    assert_bytes_equal (shown, grocery_bytes);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 3);
  g_assert_null (find_row (GTK_WIDGET (dialog), "Grocery (edited)"));
  /* The window carries on with that draft, now this process's. */
  g_assert_cmpstr (waymark_draft_tracker_get_id (tracker), ==, "grocery");
  WAIT_UNTIL (!waymark_draft_tracker_get_writing (tracker));
  {
    g_autoptr(WaymarkDraftInfo) info = find_draft (store, "grocery");

    g_assert_nonnull (info);
    g_assert_cmpstr (info->owner, ==, waymark_draft_store_get_owner (store));
    g_assert_cmpstr (info->uri, ==, uri);
  }
  /* Nothing was saved over the file behind the user's back. */
  {
    g_autoptr(GBytes) now_on_disk = g_file_load_bytes (file, NULL, NULL, &error);

    assert_bytes_equal (now_on_disk, on_disk);
  }

  /* Discard the broken one. */
  row = find_row (GTK_WIDGET (dialog), "Broken");
  g_signal_emit_by_name (find_button_with_label (GTK_WIDGET (row), "Discard"), "clicked");
  drain_main_context ();
  g_assert_false (draft_exists (store, "broken"));
  g_assert_true (draft_exists (store, "untitled"));
  g_assert_true (draft_exists (store, "not-a-map"));

  /* Recover All takes what can be recovered; the rest stays listed... */
  click_response (dialog, "recover-all");
  second = window_showing ("");
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_null (waymark_window_get_file (second));
  g_assert_true (waymark_document_get_modified (waymark_window_get_document (second)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (items)), ==, 1);
  g_assert_cmpstr (waymark_draft_tracker_get_id (tracker_of (second)), ==, "untitled");
  /* ...and stays on disk: only Discard removes it. */
  g_assert_true (draft_exists (store, "not-a-map"));
  g_assert_true (waymark_recovery_discard_all (items, &error));
  g_assert_no_error (error);
  g_assert_false (draft_exists (store, "not-a-map"));

  /* Saving the recovered map is what retires its draft. */
  save_window (first, file);
  WAIT_UNTIL (!draft_exists (store, "grocery"));
  g_assert_true (draft_exists (store, "untitled") || waymark_draft_tracker_get_writing (tracker_of (second)));

  destroy_window (first);
  destroy_window (second);
  g_assert_false (draft_exists (store, "untitled"));
  test_files_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = test_files_make_temp_dir ("waymark-drafts-state");
  int status;

  /* Before anything asks GLib where the state folder is. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = test_app_new ();

  g_test_add_func ("/drafts/store/round-trip", test_store_round_trip);
  g_test_add_func ("/drafts/store/empty-and-long", test_store_empty_and_long);
  g_test_add_func ("/drafts/store/bad-ids", test_store_bad_ids);
  g_test_add_func ("/drafts/store/interrupted-write", test_store_interrupted_write);
  g_test_add_func ("/drafts/store/damaged", test_store_damaged);
  g_test_add_func ("/drafts/store/ownership", test_store_ownership);
  g_test_add_func ("/drafts/tracker/pause-and-save", test_tracker_pause_and_save);
  g_test_add_func ("/drafts/tracker/continuous-editing", test_tracker_continuous_editing);
  g_test_add_func ("/drafts/tracker/close", test_tracker_close);
  g_test_add_func ("/drafts/tracker/slow-disk", test_tracker_slow_disk);
  g_test_add_func ("/drafts/recovery/format-time", test_format_time);
  g_test_add_func ("/drafts/recovery/dialog", test_recovery_dialog);

  status = g_test_run ();

  g_object_unref (app);
  test_files_remove_tree (state);
  return status;
}
