/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reader against every row of the format's bad-input table and every
 * json-glib trap in json-glib-notes.md: each gives a document or a clear
 * error in the right place, never a crash. */
#include "config.h"

#include <string.h>

#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

#define MINIMAL_HEAD "{\"jmap-format\": 1, \"title\": \"T\", "
#define STAGES "\"stages\": [{\"id\": \"s1\", \"name\": \"Awareness\"}], "
#define LANES "\"lanes\": [{\"id\": \"l1\", \"kind\": \"actions\", \"name\": \"Actions\"}], "

static WaymarkDocument *
read_text (const char   *text,
           gsize         length,
           char       ***repairs,
           GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length == (gsize) -1 ? strlen (text) : length);

  return waymark_jmap_read (bytes, repairs, error);
}

/* A map with the given cards and personas arrays. */
static WaymarkDocument *
read_map (const char   *cards,
          const char   *personas,
          char       ***repairs,
          GError      **error)
{
  g_autofree char *text = g_strdup_printf (MINIMAL_HEAD STAGES LANES "\"cards\": %s, \"personas\": %s}",
                                           cards, personas);

  return read_text (text, -1, repairs, error);
}

static void
assert_error_at (const char         *text,
                 gssize              length,
                 WaymarkFormatError  code,
                 int                 line,
                 int                 column)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc = read_text (text, length < 0 ? (gsize) -1 : (gsize) length, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, (int) code);
  g_assert_cmpint (waymark_format_error_get_line (error), ==, line);
  if (column > 0)
    g_assert_cmpint (waymark_format_error_get_column (error), ==, column);
  g_assert_nonnull (strstr (error->message, "Line"));
}

static void
assert_error_path (const char         *cards,
                   const char         *personas,
                   WaymarkFormatError  code,
                   const char         *path)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc = read_map (cards, personas, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, WAYMARK_FORMAT_ERROR, (int) code);
  g_assert_cmpstr (waymark_format_error_get_path (error), ==, path);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (read_text ("", 0, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (read_text (" \n\t ", -1, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (read_text ("\xEF\xBB\xBF", -1, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY);
}

static void
test_not_json (void)
{
  assert_error_at ("hello", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 1);
  assert_error_at ("{\n  \"jmap-format\": 1,\n  \"title\": x\n}", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 3, 12);
  /* Truncated: the error is at the end. */
  assert_error_at ("{\n  \"jmap-format\": 1,\n  \"ti", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 3, 6);
  assert_error_at ("{\"a\": [1, 2", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 12);
  assert_error_at ("{} {}", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 4);
}

static void
test_invalid_utf8 (void)
{
  assert_error_at ("{\"title\": \"caf\xC3\"}", -1, WAYMARK_FORMAT_ERROR_ENCODING, 1, 15);
  assert_error_at ("{\n\"t\": \"\xFF\"}", -1, WAYMARK_FORMAT_ERROR_ENCODING, 2, 7);
  /* Columns count characters, not bytes. */
  assert_error_at ("[\"ééé\", \xFE]", -1, WAYMARK_FORMAT_ERROR_ENCODING, 1, 9);
  assert_error_at ("{\"a\": \"x\0y\"}", 12, WAYMARK_FORMAT_ERROR_ENCODING, 1, 9);
}

/* Everything RFC 8259 rejects and json-glib 1.6 accepts. */
static void
test_strict_json (void)
{
  static const char * const bad[] = {
    "[0x10]", "[01]", "[.5]", "[2.]", "['a']", "[1] // c", "/* c */ [1]",
    "[\"a\tb\"]", "[\"a\nb\"]", "[1,]", "{\"a\": 1,}", "[NaN]", "[Infinity]",
    "[-Infinity]", "[+1]", "[1e]", "[\"\\x41\"]", "[\"\\ud800\"]", "[\"\\udc00x\"]",
    "[tru]", "[nul]", "{\"a\" 1}", "{a: 1}", "[1 2]", "[-]", "[1e999]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      WaymarkDocument *doc = read_text (bad[i], -1, NULL, &error);

      if (doc != NULL || error == NULL || error->code != WAYMARK_FORMAT_ERROR_SYNTAX)
        g_error ("“%s” should be refused as a syntax error", bad[i]);
      g_assert_cmpint (waymark_format_error_get_line (error), ==, 1);
    }
}

static void
test_huge_integer (void)
{
  /* json-glib makes this -1 without a word. */
  assert_error_at ("{\"jmap-format\": 123456789012345678901234567890}", -1,
                   WAYMARK_FORMAT_ERROR_SYNTAX, 1, 17);
  assert_error_at ("[9223372036854775808]", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 2);
  {
    g_autoptr(GError) error = NULL;
    /* The largest int64 is JSON, but not a format version. */
    g_assert_null (read_text ("{\"jmap-format\": 9223372036854775807}", -1, NULL, &error));
    g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
  }
}

static void
test_deep_nesting (void)
{
  GString *deep = g_string_new (NULL);

  /* 100,000 levels: json-glib would overflow the stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_error_at (deep->str, deep->len, WAYMARK_FORMAT_ERROR_TOO_DEEP, 1, 65);
  g_string_free (deep, TRUE);

  deep = g_string_new (NULL);
  for (guint i = 0; i < 50000; i++)
    g_string_append (deep, "{\"a\":");
  assert_error_at (deep->str, deep->len, WAYMARK_FORMAT_ERROR_TOO_DEEP, 1, 321);
  g_string_free (deep, TRUE);

  /* Truncated nestings that crash json-glib. */
  assert_error_at ("[{\"\":", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 6);
  assert_error_at ("[{\"\":[{\"\":[", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 1, 12);

  /* 64 levels are fine as JSON (then not a map). */
  deep = g_string_new (NULL);
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 64; i++)
    g_string_append_c (deep, ']');
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (read_text (deep->str, deep->len, NULL, &error));
    g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP);
  }
  g_string_free (deep, TRUE);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  gsize size = WAYMARK_JMAP_MAX_FILE_SIZE + 1;
  g_autofree char *big = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;

  memset (big, ' ', size);
  bytes = g_bytes_new_static (big, size);
  g_assert_null (waymark_jmap_read (bytes, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE);
}

static void
test_not_a_map (void)
{
  static const char * const texts[] = { "[]", "42", "\"map\"", "{}", "{\"title\": \"x\"}", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (read_text (texts[i], -1, NULL, &error));
      g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP);
      g_assert_nonnull (strstr (error->message, "not a journey map"));
    }
}

static void
test_newer_version (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (read_text ("{\"jmap-format\": 2, \"future\": true}", -1, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  g_assert_null (read_text ("{\"jmap-format\": 1.5}", -1, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (read_text ("{\"jmap-format\": 0}", -1, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
}

static void
test_wrong_types (void)
{
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": 5}]", "[]",
                     WAYMARK_FORMAT_ERROR_INVALID, "cards[0].title");
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"a\"},"
                     " {\"id\": \"c2\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"b\", \"emotion\": 1.5}]",
                     "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[1].emotion");
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"a\", \"emotion\": 4294967296}]",
                     "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[0].emotion");
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"a\", \"links\": \"c2\"}]",
                     "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[0].links");
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"a\", \"moment-of-truth\": 1}]",
                     "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[0].moment-of-truth");
  assert_error_path ("[]", "[{\"id\": \"p1\", \"name\": \"P\", \"goals\": [\"a\", 3]}]",
                     WAYMARK_FORMAT_ERROR_INVALID, "personas[0].goals[1]");
  assert_error_path ("[\"card\"]", "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[0]");
  assert_error_path ("{}", "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards");
}

static void
test_missing_required (void)
{
  assert_error_path ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\"}]", "[]",
                     WAYMARK_FORMAT_ERROR_INVALID, "cards[0].title");
  assert_error_path ("[{\"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"x\"}]", "[]",
                     WAYMARK_FORMAT_ERROR_INVALID, "cards[0].id");
  assert_error_path ("[]", "[{\"id\": \"p1\"}]", WAYMARK_FORMAT_ERROR_INVALID, "personas[0].name");
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (read_text (MINIMAL_HEAD STAGES LANES "\"cards\": []}", -1, NULL, &error));
    g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
    g_assert_cmpstr (waymark_format_error_get_path (error), ==, "personas");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (read_text ("{\"jmap-format\": 1, \"stages\": [], \"lanes\": [], \"cards\": [], \"personas\": []}",
                              -1, NULL, &error));
    g_assert_cmpstr (waymark_format_error_get_path (error), ==, "title");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (read_text (MINIMAL_HEAD "\"stages\": [{\"id\": \"s1\", \"name\": \"A\", \"kpis\": [{\"value\": \"1\"}]}], "
                              LANES "\"cards\": [], \"personas\": []}", -1, NULL, &error));
    g_assert_cmpstr (waymark_format_error_get_path (error), ==, "stages[0].kpis[0].name");
  }
}

static void
test_bad_ids (void)
{
  static const char * const ids[] = {
    "\"\"", "\"has space\"", "\"ünï\"", "\"a/b\"", "7",
    "\"0123456789012345678901234567890123456789012345678901234567890123456789\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *cards = g_strdup_printf ("[{\"id\": %s, \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"x\"}]",
                                                ids[i]);
      assert_error_path (cards, "[]", WAYMARK_FORMAT_ERROR_INVALID, "cards[0].id");
    }
}

static void
test_repair_missing_cell (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;
  WaymarkCard *a, *b;
  GListModel *stages;

  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"gone\", \"lane\": \"l1\", \"title\": \"Lost stage\"},"
                  " {\"id\": \"c2\", \"stage\": \"s1\", \"lane\": \"c1\", \"title\": \"Lane is a card\"},"
                  " {\"id\": \"c3\", \"stage\": \"nope\", \"lane\": \"l1\", \"title\": \"Also lost\"}]",
                  "[]", &repairs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpuint (g_strv_length (repairs), ==, 3);
  g_assert_nonnull (strstr (repairs[0], "Lost stage"));
  g_assert_nonnull (strstr (repairs[0], "Recovered"));
  g_assert_true (waymark_document_get_modified (doc));

  /* One "Recovered" stage and lane, at the end; no card is lost. */
  stages = waymark_document_get_stages (doc);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (doc)), ==, 2);
  a = waymark_document_lookup_card (doc, "c1");
  b = waymark_document_lookup_card (doc, "c3");
  g_assert_cmpstr (waymark_card_get_title (a), ==, "Lost stage");
  g_assert_cmpstr (waymark_card_get_stage (a), ==, waymark_card_get_stage (b));
  g_assert_cmpstr (waymark_stage_get_name (waymark_document_lookup_stage (doc, waymark_card_get_stage (a))),
                   ==, "Recovered");
  g_assert_cmpstr (waymark_lane_get_kind (waymark_document_lookup_lane (doc, waymark_card_get_lane (
                     waymark_document_lookup_card (doc, "c2")))), ==, "text");
  g_assert_finalize_object (doc);
}

static void
test_repair_duplicate_id (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  /* c1 is taken twice, and c1-2 is taken later by a persona: the fresh
   * id must clash with neither. The stage s1 id is reused by a card. */
  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"First\"},"
                  " {\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"Second\"},"
                  " {\"id\": \"s1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"Third\"}]",
                  "[{\"id\": \"c1-2\", \"name\": \"P\"}]", &repairs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (repairs), ==, 2);
  g_assert_cmpstr (waymark_card_get_title (waymark_document_lookup_card (doc, "c1")), ==, "First");
  g_assert_nonnull (waymark_document_lookup_persona (doc, "c1-2"));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 3);
  {
    g_autoptr(WaymarkCard) second = g_list_model_get_item (waymark_document_get_cards (doc), 1);
    g_autoptr(WaymarkCard) third = g_list_model_get_item (waymark_document_get_cards (doc), 2);

    g_assert_cmpstr (waymark_card_get_title (second), ==, "Second");
    g_assert_cmpstr (waymark_card_get_id (second), ==, "c1-3");
    g_assert_cmpstr (waymark_card_get_id (third), ==, "s1-2");
    /* The stage keeps its id, and the cards stay in it. */
    g_assert_cmpstr (waymark_card_get_stage (third), ==, "s1");
  }
  g_assert_finalize_object (doc);
}

static void
test_repair_references (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;
  WaymarkCard *card;

  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\","
                  "  \"personas\": [\"p1\", \"ghost\", \"c2\"], \"links\": [\"c2\", \"nothing\", \"p1\"]},"
                  " {\"id\": \"c2\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"B\"}]",
                  "[{\"id\": \"p1\", \"name\": \"Maria\"}]", &repairs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (repairs), ==, 4);
  card = waymark_document_lookup_card (doc, "c1");
  g_assert_cmpstrv (waymark_card_get_personas (card), ((const char *[]) { "p1", NULL }));
  g_assert_cmpstrv (waymark_card_get_links (card), ((const char *[]) { "c2", NULL }));
  g_assert_finalize_object (doc);
}

static void
test_repair_emotion (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\", \"emotion\": 9},"
                  " {\"id\": \"c2\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"B\", \"emotion\": -3},"
                  " {\"id\": \"c3\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"C\", \"emotion\": 0}]",
                  "[]", &repairs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (repairs), ==, 2);
  g_assert_cmpint (waymark_card_get_emotion (waymark_document_lookup_card (doc, "c1")), ==, 2);
  g_assert_cmpint (waymark_card_get_emotion (waymark_document_lookup_card (doc, "c2")), ==, -2);
  g_assert_true (waymark_card_get_has_emotion (waymark_document_lookup_card (doc, "c3")));
  g_assert_finalize_object (doc);
}

static void
test_repair_color_photo (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\", \"color\": \"red\"}]",
                  "[{\"id\": \"p1\", \"name\": \"P\", \"color\": \"#E01B24\", \"photo\": \"file:///etc/passwd\"}]",
                  &repairs, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (repairs), ==, 2);
  g_assert_cmpstr (waymark_card_get_color (waymark_document_lookup_card (doc, "c1")), ==, "");
  g_assert_cmpstr (waymark_persona_get_color (waymark_document_lookup_persona (doc, "p1")), ==, "#E01B24");
  g_assert_cmpstr (waymark_persona_get_photo (waymark_document_lookup_persona (doc, "p1")), ==, "");
  g_assert_finalize_object (doc);
}

static void
test_control_characters (void)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc;
  WaymarkCard *card;

  /* \u0000 would truncate the string in json-glib: removed instead. */
  doc = read_map ("[{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"x\\u0000y\\u0007z\\tt\\nn\\r\","
                  " \"notes\": \"a\\u007fb\\u0085c\", \"x-\\u0000k\": \"v\\u0000w\"}]", "[]", NULL, &error);
  g_assert_no_error (error);
  card = waymark_document_lookup_card (doc, "c1");
  g_assert_cmpstr (waymark_card_get_title (card), ==, "xyz\tt\nn");
  g_assert_cmpstr (waymark_card_get_notes (card), ==, "abc");
  g_assert_cmpmem (g_bytes_get_data (waymark_card_get_extras (card), NULL),
                   g_bytes_get_size (waymark_card_get_extras (card)),
                   "{\"x-k\":\"vw\"}", strlen ("{\"x-k\":\"vw\"}"));
  g_assert_finalize_object (doc);
}

static void
test_bom_crlf (void)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc;

  doc = read_text ("\xEF\xBB\xBF{\r\n\"jmap-format\": 1,\r\n\"title\": \"Caf\\u00e9 \xE2\x9C\x93\",\r\n"
                   "\"stages\": [], \"lanes\": [], \"cards\": [], \"personas\": []\r\n}\r\n", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "Café ✓");
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);

  /* Line numbers count \r\n as one line end. */
  assert_error_at ("{\r\n\"a\": 1,\r\n\"b\": x}", -1, WAYMARK_FORMAT_ERROR_SYNTAX, 3, 6);
}

static void
test_unknown_kept (void)
{
  g_autoptr(GError) error = NULL;
  WaymarkDocument *doc;
  WaymarkLane *lane;

  doc = read_text ("{\"jmap-format\": 1, \"title\": \"T\", \"x-root\": {\"deep\": [1, 2.5, null, true]},"
                   " \"stages\": [], \"lanes\": [{\"id\": \"l1\", \"kind\": \"journey-steps\", \"name\": \"N\", \"x-l\": 1}],"
                   " \"cards\": [], \"personas\": [], \"x-last\": \"z\"}", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (waymark_document_get_extras (doc), NULL),
                   g_bytes_get_size (waymark_document_get_extras (doc)),
                   "{\"x-root\":{\"deep\":[1,2.5,null,true]},\"x-last\":\"z\"}",
                   strlen ("{\"x-root\":{\"deep\":[1,2.5,null,true]},\"x-last\":\"z\"}"));
  lane = waymark_document_lookup_lane (doc, "l1");
  /* An unknown kind reads as text and is kept as written. */
  g_assert_cmpstr (waymark_lane_get_kind (lane), ==, "journey-steps");
  g_assert_cmpint (waymark_lane_get_kind_enum (lane), ==, WAYMARK_LANE_KIND_TEXT);
  g_assert_finalize_object (doc);
}

static void
test_limits (void)
{
  GString *text = g_string_new (MINIMAL_HEAD "\"stages\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"S\"}", i ? ", " : "", i);
  g_string_append (text, "], \"lanes\": [], \"cards\": [], \"personas\": []}");
  g_assert_null (read_text (text->str, text->len, NULL, &error));
  g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE);
  g_assert_cmpstr (waymark_format_error_get_path (error), ==, "stages");
  g_string_free (text, TRUE);
}

static void
read_async_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_file_async (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"),
                                            "grocery-first-order.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/map.jmap");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *doc;

  waymark_jmap_read_file_async (file, NULL, read_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  doc = waymark_jmap_read_file_finish (result, &repairs, &error);
  g_assert_no_error (error);
  g_assert_null (repairs);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 30);
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "Online grocery: the first order");
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);

  g_clear_object (&result);
  waymark_jmap_read_file_async (missing, NULL, read_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (waymark_jmap_read_file_finish (result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/map.jmap"));
}

/* Every prefix of a real map is refused cleanly (or, for the whole
 * file, read): truncation at any byte never crashes. */
static void
test_truncated_everywhere (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"),
                                            "grocery-first-order.jmap", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize cut = 0; cut < length - 2; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_null (read_text (contents, cut, NULL, &error));
      g_assert_nonnull (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader/empty", test_empty);
  g_test_add_func ("/reader/not-json", test_not_json);
  g_test_add_func ("/reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/reader/strict-json", test_strict_json);
  g_test_add_func ("/reader/huge-integer", test_huge_integer);
  g_test_add_func ("/reader/deep-nesting", test_deep_nesting);
  g_test_add_func ("/reader/too-large", test_too_large);
  g_test_add_func ("/reader/not-a-map", test_not_a_map);
  g_test_add_func ("/reader/newer-version", test_newer_version);
  g_test_add_func ("/reader/wrong-types", test_wrong_types);
  g_test_add_func ("/reader/missing-required", test_missing_required);
  g_test_add_func ("/reader/bad-ids", test_bad_ids);
  g_test_add_func ("/reader/repair/missing-cell", test_repair_missing_cell);
  g_test_add_func ("/reader/repair/duplicate-id", test_repair_duplicate_id);
  g_test_add_func ("/reader/repair/references", test_repair_references);
  g_test_add_func ("/reader/repair/emotion", test_repair_emotion);
  g_test_add_func ("/reader/repair/color-photo", test_repair_color_photo);
  g_test_add_func ("/reader/control-characters", test_control_characters);
  g_test_add_func ("/reader/bom-crlf", test_bom_crlf);
  g_test_add_func ("/reader/unknown-kept", test_unknown_kept);
  g_test_add_func ("/reader/limits", test_limits);
  g_test_add_func ("/reader/file-async", test_file_async);
  g_test_add_func ("/reader/truncated-everywhere", test_truncated_everywhere);

  return g_test_run ();
}
