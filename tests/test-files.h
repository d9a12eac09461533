/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Temporary folders for the tests that write files. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new empty folder under the temporary directory; prefix names it. */
static inline char *
test_files_make_temp_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", prefix);
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* The contents of the file at path, which must be readable. */
static inline char *
test_files_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* Removes path and everything in it, read-only folders too; symbolic
 * links are removed, never followed. */
static inline void
test_files_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    g_chmod (path, 0700);
  dir = g_file_test (path, G_FILE_TEST_IS_SYMLINK) ? NULL : g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_assert_cmpint (g_unlink (path), ==, 0);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_files_remove_tree (child);
    }
  g_dir_close (dir);
  g_assert_cmpint (g_rmdir (path), ==, 0);
}
