/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The writer: canonical order and layout, escaping, unknown members, and
 * saving that never damages the file already on disk. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

static char *
write_text (WaymarkDocument *doc)
{
  g_autoptr(GBytes) bytes = waymark_jmap_write (doc);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static WaymarkDocument *
read_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc = waymark_jmap_read (bytes, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_empty_document (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  g_autofree char *text = write_text (doc);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"jmap-format\": 1,\n"
                   "  \"title\": \"\",\n"
                   "  \"stages\": [],\n"
                   "  \"lanes\": [],\n"
                   "  \"cards\": [],\n"
                   "  \"personas\": []\n"
                   "}\n");
  g_assert_finalize_object (doc);
}

static void
test_order_and_defaults (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  g_autofree char *text = NULL;
  WaymarkStage *stage;
  WaymarkCard *card;

  waymark_document_set_title (doc, "Map");
  stage = waymark_document_add_stage (doc, "Awareness", -1);
  waymark_document_add_lane (doc, "emotions", "Feelings", -1);
  {
    g_autoptr(WaymarkLane) lane = g_list_model_get_item (waymark_document_get_lanes (doc), 0);
    card = waymark_document_add_card (doc, waymark_stage_get_id (stage), waymark_lane_get_id (lane), "Calm", -1);
  }
  /* Set in an order unlike the file's: the writer puts them in order. */
  waymark_document_set_string (doc, card, "color", "#ffffff");
  waymark_document_set_boolean (doc, card, "moment-of-truth", TRUE);
  waymark_document_set_card_emotion (doc, card, TRUE, 0);
  waymark_document_set_string (doc, card, "notes", "");
  waymark_document_set_string (doc, card, "owner", "Ops");
  text = write_text (doc);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"jmap-format\": 1,\n"
                   "  \"title\": \"Map\",\n"
                   "  \"stages\": [\n"
                   "    {\n"
                   "      \"id\": \"stage-1\",\n"
                   "      \"name\": \"Awareness\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"lanes\": [\n"
                   "    {\n"
                   "      \"id\": \"lane-2\",\n"
                   "      \"kind\": \"emotions\",\n"
                   "      \"name\": \"Feelings\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"cards\": [\n"
                   "    {\n"
                   "      \"id\": \"card-3\",\n"
                   "      \"stage\": \"stage-1\",\n"
                   "      \"lane\": \"lane-2\",\n"
                   "      \"title\": \"Calm\",\n"
                   "      \"emotion\": 0,\n"
                   "      \"owner\": \"Ops\",\n"
                   "      \"moment-of-truth\": true,\n"
                   "      \"color\": \"#ffffff\"\n"
                   "    }\n"
                   "  ],\n"
                   "  \"personas\": []\n"
                   "}\n");
  g_assert_finalize_object (doc);
}

static void
test_escaping (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  WaymarkDocument *reread;

  waymark_document_set_title (doc, "<b>&amp; \"quoted\" back\\slash\ttab\nline\x01\x1f ünï ✓");
  text = write_text (doc);
  g_assert_nonnull (strstr (text, "\"title\": \"<b>&amp; \\\"quoted\\\" back\\\\slash\\ttab\\nline\\u0001\\u001f ünï ✓\""));
  /* No control character survives in the text itself. */
  for (const char *p = text; *p; p++)
    g_assert_true ((unsigned char) *p >= 0x20 || *p == '\n');

  reread = read_text (text);
  /* Control characters are dropped on load, as the format says. */
  g_assert_cmpstr (waymark_document_get_title (reread), ==,
                   "<b>&amp; \"quoted\" back\\slash\ttab\nline ünï ✓");
  again = write_text (reread);
  g_assert_finalize_object (reread);
  reread = read_text (again);
  {
    g_autofree char *third = write_text (reread);
    g_assert_cmpstr (third, ==, again);
  }
  g_assert_finalize_object (reread);
  g_assert_finalize_object (doc);
}

static void
test_unknown_members (void)
{
  const char *input =
    "{\n"
    "  \"jmap-format\": 1,\n"
    "  \"title\": \"T\",\n"
    "  \"stages\": [\n"
    "    {\n"
    "      \"id\": \"s1\",\n"
    "      \"name\": \"S\",\n"
    "      \"kpis\": [\n"
    "        {\n"
    "          \"name\": \"NPS\",\n"
    "          \"x-trend\": \"up\"\n"
    "        }\n"
    "      ],\n"
    "      \"x-stage\": []\n"
    "    }\n"
    "  ],\n"
    "  \"lanes\": [\n"
    "    {\n"
    "      \"id\": \"l1\",\n"
    "      \"kind\": \"future-kind\",\n"
    "      \"name\": \"L\",\n"
    "      \"x-lane\": {}\n"
    "    }\n"
    "  ],\n"
    "  \"cards\": [\n"
    "    {\n"
    "      \"id\": \"c1\",\n"
    "      \"stage\": \"s1\",\n"
    "      \"lane\": \"l1\",\n"
    "      \"title\": \"C\",\n"
    "      \"z-first\": 1,\n"
    "      \"a-second\": {\n"
    "        \"nested\": [\n"
    "          1.5,\n"
    "          -0.25,\n"
    "          1e+22,\n"
    "          1.0,\n"
    "          null,\n"
    "          false\n"
    "        ]\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  \"personas\": [\n"
    "    {\n"
    "      \"id\": \"p1\",\n"
    "      \"name\": \"P\",\n"
    "      \"x-persona\": \"kept\"\n"
    "    }\n"
    "  ],\n"
    "  \"x-root\": 12345678901234\n"
    "}\n";
  WaymarkDocument *doc = read_text (input);
  g_autofree char *text = write_text (doc);

  g_assert_cmpstr (text, ==, input);
  g_assert_finalize_object (doc);
}

static void
test_doubles (void)
{
  const char *input = "{\"jmap-format\": 1, \"title\": \"\", \"stages\": [], \"lanes\": [], \"cards\": [],"
                      " \"personas\": [], \"x\": [0.1, 1E22, -1.0e-78, 2.5e-5, 100.0, 123456789.125]}";
  WaymarkDocument *doc = read_text (input);
  g_autofree char *text = write_text (doc);

  /* json-glib would write 1e+22.0, which is not JSON. */
  g_assert_nonnull (strstr (text, "0.1,\n"));
  g_assert_nonnull (strstr (text, "1e+22,\n"));
  g_assert_nonnull (strstr (text, "-1e-78,\n"));
  g_assert_nonnull (strstr (text, "100.0,\n"));
  g_assert_nonnull (strstr (text, "123456789.125\n"));
  g_assert_finalize_object (doc);
  doc = read_text (text);
  {
    g_autofree char *again = write_text (doc);
    g_assert_cmpstr (again, ==, text);
  }
  g_assert_finalize_object (doc);
}

static void
test_save_replaces (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-writer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WaymarkDocument *doc = waymark_document_new ();

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  waymark_document_set_title (doc, "New");
  g_assert_true (waymark_jmap_save_file (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"title\": \"New\""));
  /* No temporary file is left beside it. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    g_assert_cmpstr (g_dir_read_name (d), ==, "map.jmap");
    g_assert_null (g_dir_read_name (d));
  }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_finalize_object (doc);
}

static void
test_save_failure_keeps_old (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-writer-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "map.jmap", NULL);
  g_autofree char *inside = g_build_filename (target, "inside", NULL);
  g_autoptr(GFile) missing_dir = g_file_new_for_path ("/nonexistent-waymark-dir/map.jmap");
  g_autoptr(GFile) dir_target = NULL;
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc = waymark_document_new ();

  /* Into a folder that does not exist: fails, with the name in the message. */
  g_assert_false (waymark_jmap_save_file (doc, missing_dir, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-waymark-dir/map.jmap"));
  g_clear_error (&error);

  /* Over a folder (root can't write there either): fails, and the
   * folder and what it holds are untouched. */
  g_assert_cmpint (g_mkdir (target, 0700), ==, 0);
  g_assert_true (g_file_set_contents (inside, "precious", -1, NULL));
  dir_target = g_file_new_for_path (target);
  g_assert_false (waymark_jmap_save_file (doc, dir_target, NULL, &error));
  g_assert_nonnull (error);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (inside, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "precious");
  }
  g_assert_cmpint (g_unlink (inside), ==, 0);
  g_assert_cmpint (g_rmdir (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_finalize_object (doc);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_save_async_snapshot (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-writer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WaymarkDocument *doc = waymark_document_new ();

  waymark_document_set_title (doc, "Saved");
  waymark_jmap_save_file_async (doc, file, NULL, NULL, save_cb, &result);
  /* Editing on while the save runs does not change what is saved. */
  waymark_document_set_string (doc, doc, "title", "Edited after");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (waymark_jmap_save_file_finish (result, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"title\": \"Saved\""));
  g_clear_object (&result);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writer/empty-document", test_empty_document);
  g_test_add_func ("/writer/order-and-defaults", test_order_and_defaults);
  g_test_add_func ("/writer/escaping", test_escaping);
  g_test_add_func ("/writer/unknown-members", test_unknown_members);
  g_test_add_func ("/writer/doubles", test_doubles);
  g_test_add_func ("/writer/save/replaces", test_save_replaces);
  g_test_add_func ("/writer/save/failure-keeps-old", test_save_failure_keeps_old);
  g_test_add_func ("/writer/save/async-snapshot", test_save_async_snapshot);

  return g_test_run ();
}
