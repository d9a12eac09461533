/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every example reads and writes back byte for byte, and json-glib sees
 * the same tree in both; a large generated map survives too. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

static GBytes *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"), name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static JsonNode *
parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_example (gconstpointer data)
{
  g_autoptr(GBytes) original = load_example (data);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) tree_a = NULL;
  g_autoptr(JsonNode) tree_b = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  doc = waymark_jmap_read (original, &repairs, &error);
  g_assert_no_error (error);
  g_assert_null (repairs);
  written = waymark_jmap_write (doc);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                   g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  tree_a = parse (original);
  tree_b = parse (written);
  g_assert_true (json_node_equal (tree_a, tree_b));
  g_assert_finalize_object (doc);
}

/* The shape gen-jmap writes, built here so the test needs nothing
 * outside the project. */
static GBytes *
generate (guint n_cards)
{
  static const char * const kinds[] = { "actions", "touchpoints", "thoughts", "emotions",
                                        "pain-points", "solutions", "backstage", "text" };
  GString *out = g_string_new ("{\n  \"jmap-format\": 1,\n  \"generator\": \"test\",\n"
                               "  \"title\": \"Generated\",\n  \"stages\": [\n");
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 8; i++)
    g_string_append_printf (out, "    {\n      \"id\": \"st%u\",\n      \"name\": \"Stage %u\",\n"
                            "      \"kpis\": [\n        {\n          \"name\": \"CSAT\",\n"
                            "          \"value\": \"%u / 5\"\n        }\n      ]\n    }%s\n",
                            i, i, i % 5, i < 7 ? "," : "");
  g_string_append (out, "  ],\n  \"lanes\": [\n");
  for (guint i = 0; i < 8; i++)
    g_string_append_printf (out, "    {\n      \"id\": \"ln%u\",\n      \"kind\": \"%s\",\n"
                            "      \"name\": \"Lane %u\"\n    }%s\n", i, kinds[i], i, i < 7 ? "," : "");
  g_string_append (out, "  ],\n  \"cards\": [\n");
  for (guint i = 0; i < n_cards; i++)
    {
      guint lane = g_rand_int_range (rand, 0, 8);

      g_string_append_printf (out, "    {\n      \"id\": \"c%u\",\n      \"stage\": \"st%u\",\n"
                              "      \"lane\": \"ln%u\",\n      \"title\": \"Card “%u” <&>\"",
                              i, g_rand_int_range (rand, 0, 8), lane, i);
      if (lane == 3)
        g_string_append_printf (out, ",\n      \"emotion\": %d", g_rand_int_range (rand, -2, 3));
      if (i % 7 == 0)
        g_string_append (out, ",\n      \"personas\": [\n        \"p1\"\n      ]");
      if (i > 0 && lane == 4)
        g_string_append_printf (out, ",\n      \"links\": [\n        \"c%u\"\n      ]",
                                g_rand_int_range (rand, 0, i));
      g_string_append_printf (out, "\n    }%s\n", i + 1 < n_cards ? "," : "");
    }
  g_string_append (out, "  ],\n  \"personas\": [\n    {\n      \"id\": \"p1\",\n"
                        "      \"name\": \"Persona\",\n      \"goals\": [\n        \"One\",\n"
                        "        \"Two\"\n      ]\n    }\n  ]\n}\n");
  g_rand_free (rand);
  return g_string_free_to_bytes (out);
}

static void
test_generated (void)
{
  g_autoptr(GBytes) original = generate (20000);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  doc = waymark_jmap_read (original, &repairs, &error);
  g_assert_no_error (error);
  g_assert_null (repairs);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 20000);
  written = waymark_jmap_write (doc);
  g_assert_true (g_bytes_equal (written, original));
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/roundtrip/example/grocery", "grocery-first-order.jmap", test_example);
  g_test_add_data_func ("/roundtrip/example/saas", "saas-trial-to-renewal.jmap", test_example);
  g_test_add_data_func ("/roundtrip/example/empty", "empty.jmap", test_example);
  g_test_add_func ("/roundtrip/generated", test_generated);

  return g_test_run ();
}
