/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark --check and --export, run as a user would, with no display:
 * messages, exit statuses and the .jmap export. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "test-run.h"

/* waymark itself, with the NULL-terminated arguments. */
#define run_waymark(run, ...) run_program ((run), g_getenv ("WAYMARK_BINARY"), __VA_ARGS__)

static char *
example (const char *name)
{
  return g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"), name, NULL);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_check_ok (void)
{
  g_autofree char *grocery = example ("grocery-first-order.jmap");
  g_autofree char *empty = example ("empty.jmap");
  g_autofree char *expected = g_strdup_printf ("%s: ok\n%s: ok\n", grocery, empty);
  g_auto(Run) run = { 0, };

  run_waymark (&run, "--check", grocery, empty, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_check_problems (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *syntax = write_temp (dir, "syntax.jmap", "{\n  \"jmap-format\": 1,\n  \"title\": oops\n}\n");
  g_autofree char *member = write_temp (dir, "member.jmap",
                                        "{\"jmap-format\": 1, \"title\": \"T\", \"stages\": [], \"lanes\": [],"
                                        " \"cards\": [{\"id\": \"c1\", \"stage\": \"s\", \"lane\": \"l\"}], \"personas\": []}");
  g_autofree char *repaired = write_temp (dir, "repaired.jmap",
                                          "{\"jmap-format\": 1, \"title\": \"T\", \"stages\": [], \"lanes\": [],"
                                          " \"cards\": [{\"id\": \"c1\", \"stage\": \"s\", \"lane\": \"l\", \"title\": \"Kept\"}],"
                                          " \"personas\": []}");
  g_autofree char *good = example ("saas-trial-to-renewal.jmap");
  g_auto(Run) run = { 0, };
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = NULL;

  run_waymark (&run, "--check", syntax, member, repaired, good, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  prefix = g_strdup_printf ("%s:3:12: error: ", syntax);
  g_assert_true (g_str_has_prefix (lines[0], prefix));
  g_free (prefix);
  prefix = g_strdup_printf ("%s: error: cards[0].title: ", member);
  g_assert_true (g_str_has_prefix (lines[1], prefix));
  g_free (prefix);
  prefix = g_strdup_printf ("%s: repaired: ", repaired);
  g_assert_true (g_str_has_prefix (lines[2], prefix));
  g_assert_true (g_str_has_prefix (lines[3], prefix));
  g_assert_nonnull (strstr (lines[2], "Kept"));
  g_free (prefix);
  prefix = g_strdup_printf ("%s: ok", good);
  g_assert_cmpstr (lines[4], ==, prefix);
  g_assert_cmpstr (lines[5], ==, "");

  /* Only repairs: still a success. */
  run_clear (&run);
  run_waymark (&run, "--check", repaired, NULL);
  g_assert_cmpint (run.status, ==, 0);

  g_unlink (syntax);
  g_unlink (member);
  g_unlink (repaired);
  g_rmdir (dir);
}

static void
test_check_missing_file (void)
{
  g_auto(Run) run = { 0, };

  run_waymark (&run, "--check", "/nonexistent/map.jmap", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "/nonexistent/map.jmap: error: "));
}

static void
test_export_jmap (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jmap", NULL);
  g_autofree char *option = g_strconcat ("--export=", out, NULL);
  g_autofree char *grocery = example ("grocery-first-order.jmap");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *messy = write_temp (dir, "messy.jmap",
                                       "\xEF\xBB\xBF{\"title\": \"Messy\", \"jmap-format\": 1, \"personas\": [],"
                                       " \"cards\": [], \"lanes\": [], \"stages\": [], \"x\": 1}");
  g_auto(Run) run = { 0, };

  run_waymark (&run, option, grocery, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (out, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (grocery, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);

  /* Canonical form: member order, indentation, unknown members last. */
  run_clear (&run);
  run_waymark (&run, "--export", out, messy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_free (a);
  g_assert_true (g_file_get_contents (out, &a, NULL, NULL));
  g_assert_cmpstr (a, ==, "{\n  \"jmap-format\": 1,\n  \"title\": \"Messy\",\n  \"stages\": [],\n"
                          "  \"lanes\": [],\n  \"cards\": [],\n  \"personas\": [],\n  \"x\": 1\n}\n");
  g_unlink (out);
  g_unlink (messy);
  g_rmdir (dir);
}

static void
test_export_errors (void)
{
  g_autofree char *grocery = example ("grocery-first-order.jmap");
  g_auto(Run) run = { 0, };

  run_waymark (&run, "--export=/tmp/waymark-never.gif", grocery, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/tmp/waymark-never.gif: error: "));
  g_assert_nonnull (strstr (run.err, ".png"));
  g_assert_false (g_file_test ("/tmp/waymark-never.gif", G_FILE_TEST_EXISTS));

  run_clear (&run);
  run_waymark (&run, "--export=/tmp/waymark-never.jmap", "/nonexistent/in.jmap", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "/nonexistent/in.jmap: error: "));
  g_assert_false (g_file_test ("/tmp/waymark-never.jmap", G_FILE_TEST_EXISTS));

  run_clear (&run);
  run_waymark (&run, "--export=/tmp/waymark-never.jmap", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* A picture is written, silently. What is in it is tested by
 * test-export-cli. */
static void
test_export_png (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *option = g_strconcat ("--export=", out, NULL);
  g_autofree char *grocery = example ("grocery-first-order.jmap");
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(Run) run = { 0, };

  run_waymark (&run, option, "--scale=1.5", "--theme=dark", grocery, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_unlink (out);
  g_rmdir (dir);
}

/* Usage mistakes exit with 2, name the option and write nothing. */
static void
test_export_usage (void)
{
  g_autofree char *grocery = example ("grocery-first-order.jmap");
  static const struct
  {
    const char *output;
    const char *option;
    const char *more;
    /* What the message names. */
    const char *what;
  } cases[] = {
    { "--export=/tmp/waymark-never.png", "--scale=2", "--width=100", "--width" },
    { "--export=/tmp/waymark-never.png", "--scale=5", NULL, "--scale" },
    { "--export=/tmp/waymark-never.png", "--scale=0.5", NULL, "--scale" },
    { "--export=/tmp/waymark-never.png", "--scale=two", NULL, "two" },
    { "--export=/tmp/waymark-never.png", "--scale=nan", NULL, "--scale" },
    { "--export=/tmp/waymark-never.png", "--width=0", NULL, "--width" },
    { "--export=/tmp/waymark-never.png", "--width=-5", NULL, "--width" },
    { "--export=/tmp/waymark-never.png", "--width=12px", NULL, "12px" },
    { "--export=/tmp/waymark-never.png", "--preset=5:4", NULL, "5:4" },
    { "--export=/tmp/waymark-never.png", "--theme=blue", NULL, "blue" },
    { "--export=/tmp/waymark-never.png", "--page=a4", NULL, "PDF" },
    { "--export=/tmp/waymark-never.pdf", "--transparent", NULL, "--transparent" },
    { "--export=/tmp/waymark-never.pdf", "--page=letter", NULL, "letter" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0, };

      if (cases[i].more != NULL)
        run_waymark (&run, cases[i].output, cases[i].option, cases[i].more, grocery, NULL);
      else
        run_waymark (&run, cases[i].output, cases[i].option, grocery, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "waymark: "));
      g_assert_nonnull (strstr (run.err, cases[i].what));
      g_assert_false (g_file_test ("/tmp/waymark-never.png", G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test ("/tmp/waymark-never.pdf", G_FILE_TEST_EXISTS));
    }

  {
    g_auto(Run) run = { 0, };

    /* Picture options need --export, to a picture. */
    run_waymark (&run, "--scale=2", grocery, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--scale"));
    g_assert_nonnull (strstr (run.err, "--export"));
    run_clear (&run);
    run_waymark (&run, "--check", "--split-stages", grocery, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--split-stages"));
    run_clear (&run);
    run_waymark (&run, "--export=/tmp/waymark-never.jmap", "--theme=dark", grocery, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--theme"));
    g_assert_false (g_file_test ("/tmp/waymark-never.jmap", G_FILE_TEST_EXISTS));
  }
}

static void
test_version_help (void)
{
  g_auto(Run) run = { 0, };
  static const char * const export_options[] = {
    "--scale=N", "--width=PX", "--preset=16:9|4:3", "--stages=FIRST-LAST", "--persona=ID",
    "--theme=light|dark", "--transparent", "--page=fit|a4|a3", "--split-stages",
  };

  run_waymark (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "Waymark " PACKAGE_VERSION "\n");
  run_clear (&run);
  run_waymark (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--check"));
  g_assert_nonnull (strstr (run.out, "--export"));
  for (guint i = 0; i < G_N_ELEMENTS (export_options); i++)
    g_assert_nonnull (strstr (run.out, export_options[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check/ok", test_check_ok);
  g_test_add_func ("/cli/check/problems", test_check_problems);
  g_test_add_func ("/cli/check/missing-file", test_check_missing_file);
  g_test_add_func ("/cli/export/jmap", test_export_jmap);
  g_test_add_func ("/cli/export/errors", test_export_errors);
  g_test_add_func ("/cli/export/png", test_export_png);
  g_test_add_func ("/cli/export/usage", test_export_usage);
  g_test_add_func ("/cli/version-help", test_version_help);

  return g_test_run ();
}
