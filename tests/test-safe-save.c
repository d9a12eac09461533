/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Safe saving: a failure at any step (creating the temporary file,
 * writing, flushing, renaming; injected through the test seam) leaves the
 * previous file byte for byte intact and no temporary file behind;
 * symbolic links are followed, permissions kept, read-only files and
 * missing folders refused with a plain message, and a file another
 * program changed is not overwritten. */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "waymark-jmap-writer.h"
#include "waymark-safe-save-private.h"
#include "test-examples.h"
#include "test-files.h"

#define OLD_CONTENTS "{\"jmap-format\": 1, \"title\": \"The version on disk\"}\n"

typedef struct
{
  char  *dir;
  char  *path;
  GFile *file;
  GBytes *bytes;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(GBytes) map = waymark_jmap_write (document);
  g_autoptr(GByteArray) big = g_byte_array_new ();

  fixture->dir = test_files_make_temp_dir ("waymark-safe-save");
  fixture->path = g_build_filename (fixture->dir, "map.jmap", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  g_file_set_contents (fixture->path, OLD_CONTENTS, -1, &error);
  g_assert_no_error (error);
  /* Big enough to be written in several pieces (the bytes need not be a
   * map for this). */
  while (big->len < 200 * 1024)
    g_byte_array_append (big, g_bytes_get_data (map, NULL), g_bytes_get_size (map));
  fixture->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&big));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_NONE, 0, 0);
  test_files_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_assert_finalize_object (fixture->file);
  g_bytes_unref (fixture->bytes);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length,
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* Nothing but the names given is left in dir (no temporary files). */
static void
assert_dir_holds (const char *dir_path,
                  const char *const *names)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_strv_contains (names, name))
        g_error ("unexpected file left behind: %s", name);
      n++;
    }
  g_assert_cmpuint (n, ==, g_strv_length ((char **) names));
}

static void
test_save_replaces (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;
  WaymarkFileState state = { 0 };
  const char *names[] = { "map.jmap", NULL };

  g_assert_true (waymark_safe_save (fixture->file, fixture->bytes, NULL, &stamp, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (fixture->path, fixture->bytes);
  assert_dir_holds (fixture->dir, names);

  /* The stamp returned is the file's state now. */
  g_assert_true (waymark_file_query_state (fixture->file, &state, NULL, &error));
  g_assert_cmpstr (state.stamp, ==, stamp);
  g_assert_false (state.read_only);
  waymark_file_state_clear (&state);
}

static const struct
{
  const char     *name;
  WaymarkSaveStep step;
  gsize           after_bytes;
  int             errno_value;
  int             code;
  const char     *words;
} failures[] = {
  { "open-denied", WAYMARK_SAVE_STEP_OPEN, 0, EACCES, G_IO_ERROR_PERMISSION_DENIED, "permission" },
  { "open-full", WAYMARK_SAVE_STEP_OPEN, 0, ENOSPC, G_IO_ERROR_NO_SPACE, "disk is full" },
  { "write-first-byte", WAYMARK_SAVE_STEP_WRITE, 0, ENOSPC, G_IO_ERROR_NO_SPACE, "disk is full" },
  { "write-one-byte", WAYMARK_SAVE_STEP_WRITE, 1, ENOSPC, G_IO_ERROR_NO_SPACE, "disk is full" },
  { "write-middle", WAYMARK_SAVE_STEP_WRITE, 70000, EIO, G_IO_ERROR_FAILED, "error while writing" },
  { "write-quota", WAYMARK_SAVE_STEP_WRITE, 4096, EDQUOT, G_IO_ERROR_NO_SPACE, "quota" },
  { "fsync", WAYMARK_SAVE_STEP_FSYNC, 0, EIO, G_IO_ERROR_FAILED, "error while writing" },
  { "rename-denied", WAYMARK_SAVE_STEP_RENAME, 0, EACCES, G_IO_ERROR_PERMISSION_DENIED, "permission" },
  { "rename-gone", WAYMARK_SAVE_STEP_RENAME, 0, ENOENT, G_IO_ERROR_NOT_FOUND, "does not exist" },
  { "cancelled", WAYMARK_SAVE_STEP_RENAME, 0, ECANCELED, G_IO_ERROR_CANCELLED, "cancelled" },
};

static void
test_failure_keeps_old_file (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *names[] = { "map.jmap", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *lower = NULL;

      g_test_message ("failure: %s", failures[i].name);
      waymark_safe_save_inject_failure (failures[i].step, failures[i].after_bytes,
                                        failures[i].errno_value);
      g_assert_false (waymark_safe_save (fixture->file, fixture->bytes, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, failures[i].code);
      lower = g_utf8_strdown (error->message, -1);
      g_assert_nonnull (strstr (lower, failures[i].words));

      contents = test_files_read (fixture->path);
      g_assert_cmpstr (contents, ==, OLD_CONTENTS);
      assert_dir_holds (fixture->dir, names);
    }

  /* And once the disk is well again, saving works. */
  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_NONE, 0, 0);
  g_assert_true (waymark_safe_save (fixture->file, fixture->bytes, NULL, NULL, NULL, NULL));
  assert_file_is (fixture->path, fixture->bytes);
}

/* A new file that fails to be written does not appear at all. */
static void
test_failure_creates_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "new.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *names[] = { "map.jmap", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autoptr(GError) error = NULL;

      waymark_safe_save_inject_failure (failures[i].step, failures[i].after_bytes,
                                        failures[i].errno_value);
      g_assert_false (waymark_safe_save (file, fixture->bytes, NULL, NULL, NULL, &error));
      g_assert_nonnull (error);
      assert_dir_holds (fixture->dir, names);
    }
}

/* The document-level save names the file and keeps the old one too. */
static void
test_document_save_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  waymark_safe_save_inject_failure (WAYMARK_SAVE_STEP_WRITE, 100, ENOSPC);
  g_assert_false (waymark_jmap_save_file (document, fixture->file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "map.jmap"));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  contents = test_files_read (fixture->path);
  g_assert_cmpstr (contents, ==, OLD_CONTENTS);
}

static void
test_cancelled_before (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (waymark_safe_save (fixture->file, fixture->bytes, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  contents = test_files_read (fixture->path);
  g_assert_cmpstr (contents, ==, OLD_CONTENTS);
}

static void
test_symlink_followed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "real", NULL);
  g_autofree char *target = g_build_filename (sub, "target.jmap", NULL);
  g_autofree char *link1 = g_build_filename (fixture->dir, "link.jmap", NULL);
  g_autofree char *link2 = g_build_filename (fixture->dir, "link2.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link2);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_back = NULL;
  const char *names[] = { "target.jmap", NULL };
  GStatBuf st;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_file_set_contents (target, OLD_CONTENTS, -1, &error);
  g_assert_no_error (error);
  /* A relative link to a link. */
  g_assert_cmpint (symlink ("real/target.jmap", link1), ==, 0);
  g_assert_cmpint (symlink (link1, link2), ==, 0);

  g_assert_true (waymark_safe_save (file, fixture->bytes, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The links are still links, the target has the new bytes. */
  g_assert_cmpint (g_lstat (link1, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (link2, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  read_back = g_file_read_link (link2, NULL);
  g_assert_cmpstr (read_back, ==, link1);
  assert_file_is (target, fixture->bytes);
  assert_dir_holds (sub, names);
}

static void
test_symlink_loop (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *a = g_build_filename (fixture->dir, "a.jmap", NULL);
  g_autofree char *b = g_build_filename (fixture->dir, "b.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (a);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (b, a), ==, 0);
  g_assert_cmpint (symlink (a, b), ==, 0);
  g_assert_false (waymark_safe_save (file, fixture->bytes, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
}

static void
test_permissions_kept (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *new_path = g_build_filename (fixture->dir, "new.jmap", NULL);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  GStatBuf st;
  mode_t mask;

  g_assert_cmpint (g_chmod (fixture->path, 0640), ==, 0);
  g_assert_true (waymark_safe_save (fixture->file, fixture->bytes, NULL, NULL, NULL, NULL));
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  /* A new file gets what any program would give it. */
  mask = umask (022);
  umask (mask);
  g_assert_true (waymark_safe_save (new_file, fixture->bytes, NULL, NULL, NULL, NULL));
  g_assert_cmpint (g_stat (new_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~mask);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WaymarkFileState state = { 0 };

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  g_assert_true (waymark_file_query_state (fixture->file, &state, NULL, &error));
  g_assert_nonnull (state.stamp);
  g_assert_true (state.read_only);
  waymark_file_state_clear (&state);

  g_assert_false (waymark_safe_save (fixture->file, fixture->bytes, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "read-only"));
  contents = test_files_read (fixture->path);
  g_assert_cmpstr (contents, ==, OLD_CONTENTS);
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  WaymarkFileState state = { 0 };

  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  g_assert_true (waymark_file_query_state (fixture->file, &state, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (state.stamp);
  g_assert_true (state.read_only);
  waymark_file_state_clear (&state);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "gone", "map.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WaymarkFileState state = { 0 };

  g_assert_true (waymark_file_query_state (file, &state, NULL, &error));
  g_assert_null (state.stamp);
  waymark_file_state_clear (&state);

  g_assert_false (waymark_safe_save (file, fixture->bytes, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/gone”"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "folder.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (waymark_safe_save (file, fixture->bytes, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_changed_on_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other", NULL);
  WaymarkFileState state = { 0 };

  g_assert_true (waymark_file_query_state (fixture->file, &state, NULL, &error));
  stamp = g_steal_pointer (&state.stamp);
  g_assert_nonnull (stamp);
  waymark_file_state_clear (&state);

  /* Another program saves the way editors do: a new file renamed over
   * the old one, of the same size and within the same second. */
  g_file_set_contents (other_path, "{\"jmap-format\": 1, \"title\": \"Another program’s!\"}\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (other_path, fixture->path), ==, 0);

  g_assert_false (waymark_safe_save (fixture->file, fixture->bytes, stamp, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  contents = test_files_read (fixture->path);
  g_assert_nonnull (strstr (contents, "Another program"));
  g_clear_error (&error);

  /* A file that was removed is written again. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (waymark_safe_save (fixture->file, fixture->bytes, stamp, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (fixture->path, fixture->bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/safe-save/replaces", test_save_replaces);
  ADD ("/safe-save/failure-keeps-old-file", test_failure_keeps_old_file);
  ADD ("/safe-save/failure-creates-nothing", test_failure_creates_nothing);
  ADD ("/safe-save/document-save-failure", test_document_save_failure);
  ADD ("/safe-save/cancelled-before", test_cancelled_before);
  ADD ("/safe-save/symlink-followed", test_symlink_followed);
  ADD ("/safe-save/symlink-loop", test_symlink_loop);
  ADD ("/safe-save/permissions-kept", test_permissions_kept);
  ADD ("/safe-save/read-only-file", test_read_only_file);
  ADD ("/safe-save/read-only-folder", test_read_only_folder);
  ADD ("/safe-save/missing-folder", test_missing_folder);
  ADD ("/safe-save/not-a-file", test_not_a_file);
  ADD ("/safe-save/changed-on-disk", test_changed_on_disk);
#undef ADD

  return g_test_run ();
}
