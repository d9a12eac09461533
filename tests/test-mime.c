/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The .jmap MIME type as the desktop sees it: the built
 * io.github.waymark.Waymark.xml goes into a private XDG data dir next to
 * freedesktop.org's own definitions, update-mime-database compiles it,
 * and a child process (GIO reads the MIME database once, from the
 * environment it starts with) reports what GIO makes of a few files:
 * by name and content, by content alone, and as a file manager asks. */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-files.h"

#define JMAP_TYPE "application/x-jmap"

/* Child: one line per file, "NAME<TAB>NAME+DATA<TAB>DATA<TAB>QUERY-INFO",
 * then facts about the type itself. */
static int
report (int    argc,
        char **argv)
{
  g_autofree char *description = NULL;
  g_autofree char *generic_icon = NULL;

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree char *basename = g_path_get_basename (argv[i]);
      g_autofree char *by_both = NULL;
      g_autofree char *by_data = NULL;
      gsize length = 0;

      if (!g_file_get_contents (argv[i], &data, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      by_both = g_content_type_guess (basename, (const guchar *) data, length, NULL);
      by_data = g_content_type_guess (NULL, (const guchar *) data, length, NULL);
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                G_FILE_QUERY_INFO_NONE, NULL, &error);
      if (info == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%s\t%s\t%s\t%s\n", basename, by_both, by_data, g_file_info_get_content_type (info));
    }

  description = g_content_type_get_description (JMAP_TYPE);
  generic_icon = g_content_type_get_generic_icon_name (JMAP_TYPE);
  g_print ("description\t%s\n", description);
  g_print ("generic-icon\t%s\n", generic_icon);
  g_print ("is-json\t%s\n", g_content_type_is_a (JMAP_TYPE, "application/json") ? "yes" : "no");
  return 0;
}

typedef struct
{
  char       *dir;
  GHashTable *lines;  /* first column -> the whole line, split */
} MimeWorld;

static MimeWorld world;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (from, &data, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, data, length, &error);
  g_assert_no_error (error);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Builds the private MIME database and asks the child about every file
 * the tests look at. */
static void
world_set_up (const char *self_path)
{
  const char *mime_xml = g_getenv ("WAYMARK_MIME_XML");
  const char *examples = g_getenv ("WAYMARK_EXAMPLES_DIR");
  const char *freedesktop = "/usr/share/mime/packages/freedesktop.org.xml";
  g_autofree char *update = g_find_program_in_path ("update-mime-database");
  g_autoptr(GError) error = NULL;
  g_autofree char *packages = NULL;
  g_autofree char *files = NULL;
  g_autofree char *home = NULL;
  g_autofree char *mime_dir = NULL;
  g_autofree char *target = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) child_argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  static const char * const examples_used[] = {
    "grocery-first-order.jmap", "saas-trial-to-renewal.jmap", "empty.jmap",
  };
  int status = 0;

  g_assert_nonnull (mime_xml);
  g_assert_nonnull (examples);
  /* shared-mime-info provides both; without them there is nothing to test. */
  g_assert_nonnull (update);
  g_assert_true (g_file_test (freedesktop, G_FILE_TEST_EXISTS));

  world.dir = test_files_make_temp_dir ("waymark-mime");
  mime_dir = g_build_filename (world.dir, "data", "mime", NULL);
  packages = g_build_filename (mime_dir, "packages", NULL);
  files = g_build_filename (world.dir, "files", NULL);
  home = g_build_filename (world.dir, "home", NULL);
  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (files, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);

  target = g_build_filename (packages, "io.github.waymark.Waymark.xml", NULL);
  copy_file (mime_xml, target);
  g_free (target);
  target = g_build_filename (packages, "freedesktop.org.xml", NULL);
  copy_file (freedesktop, target);

  {
    const char *update_argv[] = { update, mime_dir, NULL };

    g_spawn_sync (NULL, (char **) update_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  NULL, &err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, &error))
      g_error ("update-mime-database failed: %s", err);
    g_clear_pointer (&err, g_free);
  }

  g_ptr_array_add (child_argv, g_strdup (self_path));
  g_ptr_array_add (child_argv, g_strdup ("--report"));
  for (guint i = 0; i < G_N_ELEMENTS (examples_used); i++)
    {
      g_autofree char *from = g_build_filename (examples, examples_used[i], NULL);
      g_autofree char *stem = g_strndup (examples_used[i], strlen (examples_used[i]) - strlen (".jmap"));
      g_autofree char *with_ext = g_build_filename (files, examples_used[i], NULL);
      g_autofree char *without_ext = g_build_filename (files, stem, NULL);

      copy_file (from, with_ext);
      copy_file (from, without_ext);
      g_ptr_array_add (child_argv, g_steal_pointer (&with_ext));
      g_ptr_array_add (child_argv, g_steal_pointer (&without_ext));
    }
  /* The name a facilitator might give a downloaded attachment. */
  {
    g_autofree char *from = g_build_filename (examples, "grocery-first-order.jmap", NULL);
    g_autofree char *to = g_build_filename (files, "workshop-map", NULL);

    copy_file (from, to);
    g_ptr_array_add (child_argv, g_steal_pointer (&to));
  }
  write_file (files, "plain.json", "{\n  \"title\": \"Not a map\",\n  \"stages\": []\n}\n");
  write_file (files, "plain-json", "{\n  \"title\": \"Not a map\",\n  \"stages\": []\n}\n");
  /* The member is there, but past the first 64 bytes: not sniffed. */
  write_file (files, "late-member",
              "{\n  \"title\": \"A long title that pushes the version member far back\",\n"
              "  \"jmap-format\": 1\n}\n");
  g_ptr_array_add (child_argv, g_build_filename (files, "plain.json", NULL));
  g_ptr_array_add (child_argv, g_build_filename (files, "plain-json", NULL));
  g_ptr_array_add (child_argv, g_build_filename (files, "late-member", NULL));
  g_ptr_array_add (child_argv, NULL);

  {
    g_autofree char *data_dir = g_build_filename (world.dir, "data", NULL);

    /* Only the private database: a Waymark installed on this machine
     * must not make the test pass. */
    envp = g_environ_setenv (envp, "XDG_DATA_DIRS", data_dir, TRUE);
    envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
    /* GLib's xdgmime drops a few bytes of its first-use set-up (with
     * no symbols to suppress them by): in the sanitizer build, leak
     * checking of this small child would only ever report those. */
    {
      const char *asan = g_environ_getenv (envp, "ASAN_OPTIONS");
      g_autofree char *options = g_strconcat (asan != NULL ? asan : "",
                                              asan != NULL && *asan != '\0' ? ":" : "",
                                              "detect_leaks=0", NULL);

      envp = g_environ_setenv (envp, "ASAN_OPTIONS", options, TRUE);
    }
    /* The English comment, whatever the user's language. */
    envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
    envp = g_environ_unsetenv (envp, "LANGUAGE");
  }
  g_spawn_sync (NULL, (char **) child_argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("the report failed: %s", err);

  world.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields;

      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_hash_table_replace (world.lines, g_strdup (fields[0]), fields);
    }
}

static void
world_tear_down (void)
{
  test_files_remove_tree (world.dir);
  g_clear_pointer (&world.dir, g_free);
  g_clear_pointer (&world.lines, g_hash_table_unref);
}

/* The field-th answer about a file: 1 by name and data, 2 by data, 3 as a
 * file manager asks. */
static const char *
answer (const char *name,
        guint       field)
{
  char **fields = g_hash_table_lookup (world.lines, name);

  if (fields == NULL)
    g_error ("no report for %s", name);
  g_assert_cmpuint (g_strv_length (fields), >, field);
  return fields[field];
}

static void
assert_all_answers (const char *name,
                    const char *type)
{
  for (guint field = 1; field <= 3; field++)
    {
      g_test_message ("%s, answer %u: %s", name, field, answer (name, field));
      g_assert_cmpstr (answer (name, field), ==, type);
    }
}

static void
assert_no_answer (const char *name,
                  const char *type)
{
  for (guint field = 1; field <= 3; field++)
    {
      g_test_message ("%s, answer %u: %s", name, field, answer (name, field));
      g_assert_cmpstr (answer (name, field), !=, type);
    }
}

static void
test_examples_by_name (void)
{
  assert_all_answers ("grocery-first-order.jmap", JMAP_TYPE);
  assert_all_answers ("saas-trial-to-renewal.jmap", JMAP_TYPE);
  assert_all_answers ("empty.jmap", JMAP_TYPE);
}

static void
test_examples_without_extension (void)
{
  assert_all_answers ("workshop-map", JMAP_TYPE);
  assert_all_answers ("grocery-first-order", JMAP_TYPE);
  assert_all_answers ("saas-trial-to-renewal", JMAP_TYPE);
  assert_all_answers ("empty", JMAP_TYPE);
}

static void
test_plain_json (void)
{
  /* By name it is JSON; by content alone, only text. */
  g_assert_cmpstr (answer ("plain.json", 1), ==, "application/json");
  g_assert_cmpstr (answer ("plain.json", 3), ==, "application/json");
  assert_no_answer ("plain.json", JMAP_TYPE);
  assert_no_answer ("plain-json", JMAP_TYPE);
  /* Magic looks at the first 64 bytes only. */
  assert_no_answer ("late-member", JMAP_TYPE);
}

static void
test_type (void)
{
  g_assert_cmpstr (answer ("description", 1), ==, "Customer journey map");
  g_assert_cmpstr (answer ("generic-icon", 1), ==, "x-office-document");
  g_assert_cmpstr (answer ("is-json", 1), ==, "yes");
}

int
main (int    argc,
      char **argv)
{
  int result;
  g_autofree char *self_path = NULL;

  if (argc >= 2 && strcmp (argv[1], "--report") == 0)
    return report (argc, argv);

  g_test_init (&argc, &argv, NULL);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  world_set_up (self_path != NULL ? self_path : argv[0]);

  g_test_add_func ("/mime/examples-by-name", test_examples_by_name);
  g_test_add_func ("/mime/examples-without-extension", test_examples_without_extension);
  g_test_add_func ("/mime/plain-json", test_plain_json);
  g_test_add_func ("/mime/type", test_type);

  result = g_test_run ();
  world_tear_down ();
  return result;
}
