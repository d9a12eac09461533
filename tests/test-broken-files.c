/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A corpus of broken files, generated here rather than committed: every
 * row of the format's bad-input table, the examples cut at every tenth
 * byte and with random bytes changed, 200,000 nested brackets, 60 MiB
 * files, invalid UTF-8 in names and values, duplicate names, NUL bytes,
 * byte order marks, huge numbers, deep extras, and the fuzzers'
 * regressions. Each loads to a clear error of the format's domain, or to
 * a document (repaired and marked modified when the file needed it) that
 * saves and loads back to the same bytes; none takes more than a second
 * of CPU time (not checked under sanitizers) or GiBs of memory. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <glib/gstdio.h>

#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-json-scan.h"

#if defined(__SANITIZE_ADDRESS__)
# define UNDER_SANITIZER 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#  define UNDER_SANITIZER 1
# endif
#endif
#ifndef UNDER_SANITIZER
# define UNDER_SANITIZER 0
#endif

#define MiB (1024 * 1024)
/* CPU time a load may take. A real map of 60 MiB (235,000 cards) is
 * legitimate work: about 3 s on a development machine, mostly json-glib
 * building its tree; its bound only catches a quadratic turn. */
#define BUDGET         1.0
#define BUDGET_BIG_MAP 10.0
/* Resident memory a load may add; the 60 MiB map needs about 550 MiB. */
#define MEMORY_LIMIT   (1024 * MiB)

#define HEAD "{\"jmap-format\": 1, \"title\": \"T\", "
#define STAGE "\"stages\": [{\"id\": \"s1\", \"name\": \"Awareness\"}], "
#define LANE "\"lanes\": [{\"id\": \"l1\", \"kind\": \"actions\", \"name\": \"Actions\"}], "
#define CARD(extra) "{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\"" extra "}"
#define MAP_WITH_CARD(extra) HEAD STAGE LANE "\"cards\": [" CARD (extra) "], \"personas\": []}"

typedef enum
{
  EXPECT_ANY,
  EXPECT_ERROR,
  EXPECT_LOAD,   /* without repairs */
  EXPECT_REPAIR,
} Expect;

/* Any error code. */
#define ANY_CODE (-1)

typedef struct
{
  guint   loads;
  guint   errors;
  guint   loaded;
  guint   repaired;
  double  slowest;
  char   *slowest_name;
  /* The same among files held to BUDGET. */
  double  slowest_bounded;
  char   *slowest_bounded_name;
  gsize   peak_memory;
  char   *peak_name;
} Stats;

static Stats totals;
static Stats group;

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Linux keeps the process's peak resident size (VmHWM); writing 5 to
 * clear_refs resets it to the current size. FALSE if not available. */
static gboolean
reset_peak_memory (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static gsize
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static void
stats_begin (void)
{
  g_free (group.slowest_name);
  g_free (group.slowest_bounded_name);
  g_free (group.peak_name);
  memset (&group, 0, sizeof group);
}

static void
stats_merge (Stats *into,
             Stats *from)
{
  into->loads += from->loads;
  into->errors += from->errors;
  into->loaded += from->loaded;
  into->repaired += from->repaired;
  if (from->slowest_name != NULL && from->slowest >= into->slowest)
    {
      into->slowest = from->slowest;
      g_free (into->slowest_name);
      into->slowest_name = g_strdup (from->slowest_name);
    }
  if (from->slowest_bounded_name != NULL && from->slowest_bounded >= into->slowest_bounded)
    {
      into->slowest_bounded = from->slowest_bounded;
      g_free (into->slowest_bounded_name);
      into->slowest_bounded_name = g_strdup (from->slowest_bounded_name);
    }
  if (from->peak_name != NULL && from->peak_memory >= into->peak_memory)
    {
      into->peak_memory = from->peak_memory;
      g_free (into->peak_name);
      into->peak_name = g_strdup (from->peak_name);
    }
}

static void
stats_end (const char *what)
{
  g_test_message ("%s: %u files: %u refused, %u loaded, %u of them repaired; slowest %s (%.4f s CPU)",
                  what, group.loads, group.errors, group.loaded, group.repaired,
                  group.slowest_name ? group.slowest_name : "-", group.slowest);
  stats_merge (&totals, &group);
}

/* Marks the test failed and says why at once (g_test_fail_printf()
 * alone says it only when the test ends, if it ends). */
static void
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("FAILED: %s", message);
  g_test_fail_printf ("%s", message);
}

/* Saving what loaded and loading it back needs no repair and gives the
 * same bytes when saved again. */
static gboolean
check_round_trip (const char      *name,
                  WaymarkDocument *document)
{
  g_autoptr(GBytes) first = waymark_jmap_write (document);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  g_autoptr(WaymarkDocument) again = waymark_jmap_read (first, &repairs, &error);
  g_autoptr(GBytes) second = NULL;

  if (again == NULL)
    {
      fail ("%s: what was saved does not load: %s", name, error->message);
      return FALSE;
    }
  if (repairs != NULL)
    {
      fail ("%s: what was saved needs repairs: %s", name, repairs[0]);
      return FALSE;
    }
  second = waymark_jmap_write (again);
  if (!g_bytes_equal (first, second))
    {
      fail ("%s: saving, loading and saving again changed the bytes", name);
      return FALSE;
    }
  return TRUE;
}

/* Loads the bytes and checks the outcome; returns the document when it
 * loaded (and the caller wants it), for more checks. */
static WaymarkDocument *
check_load_full (const char   *name,
                 const char   *data,
                 gsize         length,
                 Expect        expect,
                 int           code,
                 double        budget,
                 gboolean      round_trip,
                 GError      **error_out)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) repairs = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  gboolean memory = reset_peak_memory ();
  gsize resident_before = memory ? read_status_kib ("VmRSS:") : 0;
  double start, cpu;

  start = cpu_seconds ();
  document = waymark_jmap_read (bytes, &repairs, &error);
  cpu = cpu_seconds () - start;

  group.loads++;
  if (group.slowest_name == NULL || cpu > group.slowest)
    {
      group.slowest = cpu;
      g_free (group.slowest_name);
      group.slowest_name = g_strdup (name);
    }
  if (budget <= BUDGET && (group.slowest_bounded_name == NULL || cpu > group.slowest_bounded))
    {
      group.slowest_bounded = cpu;
      g_free (group.slowest_bounded_name);
      group.slowest_bounded_name = g_strdup (name);
    }
  if (cpu > 0.1)
    g_test_message ("%s: %.2f s of CPU time", name, cpu);
  if (!UNDER_SANITIZER && cpu > budget)
    fail ("%s: loading took %.2f s of CPU time (at most %.1f s)", name, cpu, budget);
  if (memory)
    {
      gsize peak = read_status_kib ("VmHWM:");
      gsize added = peak > resident_before ? (peak - resident_before) * 1024 : 0;

      if (group.peak_name == NULL || added > group.peak_memory)
        {
          group.peak_memory = added;
          g_free (group.peak_name);
          group.peak_name = g_strdup (name);
        }
      if (!UNDER_SANITIZER && added > MEMORY_LIMIT)
        fail ("%s: loading took %" G_GSIZE_FORMAT " MiB of memory", name, added / MiB);
    }

  if (document == NULL)
    {
      group.errors++;
      if (error == NULL)
        {
          fail ("%s: refused without an error", name);
          return NULL;
        }
      if (error->domain != WAYMARK_FORMAT_ERROR || error->message == NULL ||
          error->message[0] == '\0' || !g_utf8_validate (error->message, -1, NULL))
        {
          fail ("%s: refused without a clear error of the format: %s",
                              name, error->message);
          return NULL;
        }
      if (expect == EXPECT_LOAD || expect == EXPECT_REPAIR)
        fail ("%s: should load, but: %s", name, error->message);
      else if (code != ANY_CODE && error->code != code)
        fail ("%s: error %d (%s), expected %d", name, error->code, error->message, code);
      /* Where the problem is: a line for what is not JSON, a member
       * path for what is not a map. */
      if ((error->code == WAYMARK_FORMAT_ERROR_SYNTAX || error->code == WAYMARK_FORMAT_ERROR_ENCODING ||
           error->code == WAYMARK_FORMAT_ERROR_TOO_DEEP) &&
          (waymark_format_error_get_line (error) < 1 || waymark_format_error_get_column (error) < 1))
        fail ("%s: the error names no line and column: %s", name, error->message);
      if (error->code == WAYMARK_FORMAT_ERROR_INVALID && waymark_format_error_get_path (error) == NULL)
        fail ("%s: the error names no member: %s", name, error->message);
      if (error_out != NULL)
        *error_out = g_steal_pointer (&error);
      return NULL;
    }

  group.loaded++;
  if (error != NULL)
    fail ("%s: loaded and set an error", name);
  if (repairs != NULL)
    {
      group.repaired++;
      for (guint i = 0; repairs[i] != NULL; i++)
        if (repairs[i][0] == '\0' || !g_utf8_validate (repairs[i], -1, NULL))
          fail ("%s: a repair is reported without words", name);
      if (!waymark_document_get_modified (document))
        fail ("%s: repaired, but not marked modified", name);
    }
  else if (waymark_document_get_modified (document))
    fail ("%s: marked modified without a reported repair", name);

  if (expect == EXPECT_ERROR)
    fail ("%s: should be refused, but loaded", name);
  else if (expect == EXPECT_LOAD && repairs != NULL)
    fail ("%s: should load as it is, but: %s", name, repairs[0]);
  else if (expect == EXPECT_REPAIR && repairs == NULL)
    fail ("%s: should load with a repair, but none was reported", name);

  if (round_trip)
    check_round_trip (name, document);
  return g_steal_pointer (&document);
}

static void
check_load (const char *name,
            const char *data,
            gssize      length,
            Expect      expect,
            int         code)
{
  WaymarkDocument *document =
    check_load_full (name, data, length < 0 ? strlen (data) : (gsize) length, expect, code,
                     BUDGET, TRUE, NULL);

  g_clear_object (&document);
}

/* ---- The spec's table, row by row ---- */

static void
test_spec_table (void)
{
  static const struct
  {
    const char *name;
    const char *text;
    Expect      expect;
    int         code;
  } rows[] = {
    /* empty file, not JSON, truncated JSON, invalid UTF-8 */
    { "empty file", "", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY },
    { "only white space", " \r\n\t\n", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY },
    { "plain text", "Customer journey, first draft\n", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "XML", "<?xml version=\"1.0\"?>\n<map/>\n", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "JSON with comments", "// map\n" MAP_WITH_CARD (""), EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "truncated JSON", HEAD STAGE "\"lanes\": [{\"id\": \"l1\", \"ki", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "truncated after a comma", HEAD, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "invalid UTF-8", HEAD "\"description\": \"caf\xE9\", " STAGE LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_ENCODING },
    /* root not an object, or no jmap-format */
    { "root is a list", "[" MAP_WITH_CARD ("") "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    { "root is a number", "1", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    { "root is a string", "\"jmap-format\"", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    { "root is null", "null", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    { "no jmap-format", "{\"title\": \"T\", " STAGE LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    { "jmap-format is text", "{\"jmap-format\": \"1\", \"title\": \"T\"}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_NOT_A_MAP },
    /* jmap-format greater than 1 */
    { "format 2", "{\"jmap-format\": 2, \"title\": \"T\", \"stages\": {}}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_NEW },
    { "format 2147483647", "{\"jmap-format\": 2147483647}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_NEW },
    /* a member of the wrong type, a missing required member, a bad id */
    { "title is a number", "{\"jmap-format\": 1, \"title\": 7, " STAGE LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "stages is an object", HEAD "\"stages\": {}, " LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "card title is null", HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": null}], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "emotion is text", MAP_WITH_CARD (", \"emotion\": \"+1\""), EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "personas is text", MAP_WITH_CARD (", \"personas\": \"p1\""), EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "kpi is a list", HEAD "\"stages\": [{\"id\": \"s1\", \"name\": \"A\", \"kpis\": [[]]}], " LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "no lanes", HEAD STAGE "\"cards\": [], \"personas\": []}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "no title", "{\"jmap-format\": 1, " STAGE LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "card without lane", HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"title\": \"A\"}], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "lane without kind", HEAD STAGE "\"lanes\": [{\"id\": \"l1\", \"name\": \"A\"}], \"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "id with a space", HEAD "\"stages\": [{\"id\": \"s 1\", \"name\": \"A\"}], " LANE "\"cards\": [], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "empty id", HEAD STAGE LANE "\"cards\": [], \"personas\": [{\"id\": \"\", \"name\": \"P\"}]}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "id of 65 characters", HEAD STAGE LANE "\"cards\": [], \"personas\": [{\"id\": "
      "\"p1234567890123456789012345678901234567890123456789012345678901234\", \"name\": \"P\"}]}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "id is a number", HEAD STAGE LANE "\"cards\": [{\"id\": 1, \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\"}], \"personas\": []}",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    /* repairs */
    { "card in a missing stage", HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s9\", \"lane\": \"l1\", \"title\": \"A\"}], \"personas\": []}",
      EXPECT_REPAIR, 0 },
    { "card in a missing lane", HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"s1\", \"title\": \"A\"}], \"personas\": []}",
      EXPECT_REPAIR, 0 },
    { "duplicate id", HEAD STAGE LANE "\"cards\": [" CARD ("") ", " CARD ("") "], \"personas\": [{\"id\": \"l1\", \"name\": \"P\"}]}",
      EXPECT_REPAIR, 0 },
    { "persona naming nothing", MAP_WITH_CARD (", \"personas\": [\"p9\"]"), EXPECT_REPAIR, 0 },
    { "link naming nothing", MAP_WITH_CARD (", \"links\": [\"c9\", \"c1\"]"), EXPECT_REPAIR, 0 },
    { "emotion 3", MAP_WITH_CARD (", \"emotion\": 3"), EXPECT_REPAIR, 0 },
    { "emotion -2147483648", MAP_WITH_CARD (", \"emotion\": -2147483648"), EXPECT_REPAIR, 0 },
  };

  stats_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    check_load (rows[i].name, rows[i].text, -1, rows[i].expect, rows[i].code);

  /* Repairs keep everything the user wrote. */
  {
    static const char text[] = HEAD STAGE LANE "\"cards\": ["
      "{\"id\": \"c1\", \"stage\": \"gone\", \"lane\": \"l1\", \"title\": \"Lost\", \"emotion\": -9},"
      "{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"gone\", \"title\": \"Twin\", \"links\": [\"c1\", \"x\"], \"personas\": [\"p1\", \"y\"]}],"
      " \"personas\": [{\"id\": \"p1\", \"name\": \"P\"}]}";
    g_autoptr(WaymarkDocument) document =
      check_load_full ("all repairs at once", text, strlen (text), EXPECT_REPAIR, 0, BUDGET, TRUE, NULL);
    g_autoptr(WaymarkCard) twin = NULL;

    g_assert_nonnull (document);
    g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (document)), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (document)), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (document)), ==, 2);
    g_assert_cmpint (waymark_card_get_emotion (waymark_document_lookup_card (document, "c1")), ==, -2);
    twin = g_list_model_get_item (waymark_document_get_cards (document), 1);
    g_assert_cmpstr (waymark_card_get_title (twin), ==, "Twin");
    g_assert_cmpstr (waymark_card_get_id (twin), !=, "c1");
    g_assert_cmpstrv (waymark_card_get_links (twin), ((const char *[]) { "c1", NULL }));
    g_assert_cmpstrv (waymark_card_get_personas (twin), ((const char *[]) { "p1", NULL }));
  }

  /* Over 64 MiB: refused before parsing, from memory and from a file
   * (a sparse one: its size is checked before anything is read). */
  {
    gsize size = WAYMARK_JMAP_MAX_FILE_SIZE + 1;
    g_autofree char *big = g_malloc (size);
    g_autofree char *dir = g_dir_make_tmp ("waymark-broken-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "big.jmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    double start;
    FILE *f;

    memset (big, '[', size);
    check_load ("over 64 MiB", big, size, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE);

    f = fopen (path, "w");
    g_assert_nonnull (f);
    g_assert_cmpint (fseek (f, WAYMARK_JMAP_MAX_FILE_SIZE, SEEK_SET), ==, 0);
    g_assert_cmpint (fputc ('}', f), ==, '}');
    g_assert_cmpint (fclose (f), ==, 0);
    start = cpu_seconds ();
    g_assert_null (waymark_jmap_read_file (file, NULL, NULL, &error));
    g_assert_error (error, WAYMARK_FORMAT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE);
    if (!UNDER_SANITIZER)
      g_assert_cmpfloat (cpu_seconds () - start, <, 0.1);
    g_assert_cmpint (g_remove (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
  stats_end ("spec table");
}

/* ---- The examples, cut and damaged ---- */

static GPtrArray *
load_examples (void)
{
  const char *dir = g_getenv ("WAYMARK_EXAMPLES_DIR");
  GPtrArray *examples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".jmap"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      char *contents;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_ptr_array_add (examples, g_bytes_new_take (contents, length));
    }
  g_assert_cmpuint (examples->len, >=, 3);
  return examples;
}

static void
test_truncated (void)
{
  g_autoptr(GPtrArray) examples = load_examples ();

  stats_begin ();
  for (guint e = 0; e < examples->len; e++)
    {
      gsize length;
      const char *data = g_bytes_get_data (g_ptr_array_index (examples, e), &length);

      for (gsize cut = 0; cut < length; cut += 10)
        {
          g_autofree char *name = g_strdup_printf ("example %u cut at byte %" G_GSIZE_FORMAT, e, cut);
          /* g_memdup2: a buffer of exactly that size, for the sanitizers. */
          g_autofree char *copy = g_memdup2 (data, cut);

          /* All but the final line end is needed. */
          check_load (name, copy, cut, cut < length - 1 ? EXPECT_ERROR : EXPECT_ANY, ANY_CODE);
        }
    }
  stats_end ("truncated examples");
}

static void
test_byte_flips (void)
{
  static const char specials[] = { '\0', '"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\xFF', '\xC3', '\x80' };
  g_autoptr(GPtrArray) examples = load_examples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);

  stats_begin ();
  for (guint e = 0; e < examples->len; e++)
    {
      gsize length;
      const char *data = g_bytes_get_data (g_ptr_array_index (examples, e), &length);

      for (guint v = 0; v < 120; v++)
        {
          g_autofree char *copy = g_memdup2 (data, length);
          g_autofree char *name = NULL;
          guint flips = g_rand_int_range (rand, 1, 5);
          GString *where = g_string_new (NULL);

          for (guint f = 0; f < flips; f++)
            {
              gsize at = g_rand_int_range (rand, 0, length);

              switch (g_rand_int_range (rand, 0, 3))
                {
                case 0:
                  copy[at] ^= 1 << g_rand_int_range (rand, 0, 8);
                  break;
                case 1:
                  copy[at] = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];
                  break;
                default:
                  copy[at] = g_rand_int_range (rand, 0, 256);
                }
              g_string_append_printf (where, " %" G_GSIZE_FORMAT, at);
            }
          name = g_strdup_printf ("example %u, variant %u, bytes changed at%s", e, v, where->str);
          g_string_free (where, TRUE);
          check_load (name, copy, length, EXPECT_ANY, ANY_CODE);
        }
    }
  stats_end ("random byte changes");
  /* Most variants are refused, but some must load (a changed letter in a
   * title), or the test would say nothing about loading. */
  g_assert_cmpuint (group.loaded, >, 0);
  g_assert_cmpuint (group.errors, >, 0);
}

/* ---- Nesting ---- */

static char *
repeat (const char *open,
        guint       n,
        const char *middle,
        const char *close,
        gsize      *length)
{
  GString *text = g_string_sized_new (n * (strlen (open) + (close ? strlen (close) : 0)) + 64);

  for (guint i = 0; i < n; i++)
    g_string_append (text, open);
  g_string_append (text, middle);
  for (guint i = 0; close != NULL && i < n; i++)
    g_string_append (text, close);
  *length = text->len;
  return g_string_free (text, FALSE);
}

/* A map whose first card has one unknown member holding value. */
static char *
map_with_extra (const char *value,
                gsize      *length)
{
  char *text = g_strconcat (HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\","
                            " \"title\": \"A\", \"x-extra\": ", value, "}], \"personas\": []}", NULL);

  *length = strlen (text);
  return text;
}

static void
test_nesting (void)
{
  static const struct
  {
    const char *name;
    const char *open;
    const char *close;
    int         code;
  } deep[] = {
    { "200,000 [", "[", NULL, WAYMARK_FORMAT_ERROR_TOO_DEEP },
    { "200,000 {", "{", NULL, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "200,000 {\"a\":", "{\"a\":", NULL, WAYMARK_FORMAT_ERROR_TOO_DEEP },
    { "200,000 [{\"\":", "[{\"\":", NULL, WAYMARK_FORMAT_ERROR_TOO_DEEP },
    { "200,000 [ closed", "[", "]", WAYMARK_FORMAT_ERROR_TOO_DEEP },
    { "200,000 {\"a\": closed", "{\"a\":", "}", WAYMARK_FORMAT_ERROR_TOO_DEEP },
  };

  stats_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (deep); i++)
    {
      gsize length;
      g_autofree char *text = repeat (deep[i].open, 200000, deep[i].close ? "1" : "", deep[i].close, &length);

      check_load (deep[i].name, text, length, EXPECT_ERROR, deep[i].code);
    }

  /* The same depths inside a real map's unknown member. */
  {
    gsize length;
    g_autofree char *deep_value = repeat ("[", 200000, "0", "]", &length);
    g_autofree char *text = map_with_extra (deep_value, &length);

    check_load ("200,000 [ in a card's unknown member", text, length, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_DEEP);
  }

  /* Deep but valid: the root, the cards and the card are three levels,
   * so 61 more in an unknown member make 64, the most there may be.
   * Kept exactly. */
  for (guint levels = 58; levels <= 62; levels++)
    {
      gsize length;
      g_autofree char *value = repeat ("{\"k\":[", levels / 2, levels % 2 ? "{}" : "true", "]}", &length);
      g_autofree char *text = map_with_extra (value, &length);
      g_autofree char *name = g_strdup_printf ("%u levels, in a card's unknown member", 3 + levels);
      gboolean fits = 3 + levels <= WAYMARK_JSON_MAX_DEPTH;
      g_autoptr(WaymarkDocument) document =
        check_load_full (name, text, length, fits ? EXPECT_LOAD : EXPECT_ERROR,
                         fits ? 0 : WAYMARK_FORMAT_ERROR_TOO_DEEP, BUDGET, TRUE, NULL);

      if (fits)
        {
          GBytes *extras = waymark_card_get_extras (waymark_document_lookup_card (document, "c1"));
          g_autofree char *compact = g_strdup_printf ("{\"x-extra\":%s}", value);

          /* Kept exactly, as compact JSON (the value has no spaces). */
          g_assert_nonnull (extras);
          g_assert_cmpmem (g_bytes_get_data (extras, NULL), g_bytes_get_size (extras),
                           compact, strlen (compact));
        }
    }
  stats_end ("nesting");
}

/* ---- 60 MiB ---- */

/* A real map of about size bytes: 20 stages, 8 lanes, 50 personas and as
 * many cards as fit, each with notes, personas and a link. */
static char *
big_map (gsize  size,
         gsize *length)
{
  static const char * const kinds[] = {
    "actions", "touchpoints", "thoughts", "emotions", "pain-points", "solutions", "backstage", "text",
  };
  GString *text = g_string_sized_new (size + 4096);

  g_string_append (text, "{\n  \"jmap-format\": 1,\n  \"title\": \"A very large map\",\n  \"stages\": [");
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (text, "%s\n    {\"id\": \"s%u\", \"name\": \"Stage %u\"}", i ? "," : "", i, i);
  g_string_append (text, "\n  ],\n  \"lanes\": [");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_string_append_printf (text, "%s\n    {\"id\": \"l%u\", \"kind\": \"%s\", \"name\": \"Lane %u\"}",
                            i ? "," : "", i, kinds[i], i);
  g_string_append (text, "\n  ],\n  \"personas\": [");
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (text, "%s\n    {\"id\": \"p%u\", \"name\": \"Persona %u\", \"goals\": [\"Save time\", \"Pay less\"]}",
                            i ? "," : "", i, i);
  g_string_append (text, "\n  ],\n  \"cards\": [");
  for (guint i = 0; text->len < size - 400; i++)
    g_string_append_printf (text, "%s\n    {\"id\": \"c%u\", \"stage\": \"s%u\", \"lane\": \"l%u\", "
                            "\"title\": \"Compares delivery slots on the phone before work (%u)\", "
                            "\"notes\": \"Said in interview %u: the cheapest slot is always gone by the time I look.\", "
                            "\"emotion\": %d, \"personas\": [\"p%u\"], \"links\": [\"c%u\"]}",
                            i ? "," : "", i, i % 20, i % 8, i, i, (int) (i % 5) - 2, i % 50, i / 2);
  g_string_append (text, "\n  ]\n}\n");
  *length = text->len;
  return g_string_free (text, FALSE);
}

/* A map whose root has one unknown member: before, unit after unit (or
 * member names "0":0, "1":0 … when unit is NULL, in objects of 99,999
 * when before is "[{"), after; about size bytes in all. */
static char *
padded_map (gsize       size,
            const char *before,
            const char *unit,
            const char *separator,
            const char *after,
            gsize      *length)
{
  GString *text = g_string_sized_new (size + 256);
  gsize end;

  g_string_append (text, HEAD STAGE LANE "\"cards\": [], \"personas\": [], \"x-big\": ");
  g_string_append (text, before);
  end = size - strlen (after) - 4;
  for (guint i = 0; text->len < end; i++)
    {
      gboolean objects = unit == NULL && strcmp (before, "[{") == 0;

      if (objects && i > 0 && i % 99999 == 0)
        g_string_append (text, "},{");
      else if (i > 0)
        g_string_append (text, separator);
      if (unit == NULL)
        g_string_append_printf (text, "\"%x\":0", objects ? i % 99999 : i);
      else
        g_string_append (text, unit);
    }
  g_string_append (text, after);
  g_string_append (text, "}\n");
  *length = text->len;
  return g_string_free (text, FALSE);
}

static void
test_huge (void)
{
  const gsize size = 60 * MiB;
  /* Under the sanitizers a legitimate 60 MiB map (two million small
   * allocations, each recorded) takes minutes: a 12 MiB one goes through
   * the same code. The junk below stays at 60 MiB. */
  const gsize map_size = UNDER_SANITIZER ? 12 * MiB : size;
  gsize length;

  stats_begin ();
  {
    g_autofree char *text = big_map (map_size, &length);
    g_autoptr(WaymarkDocument) document = NULL;
    g_autofree char *name = g_strdup_printf ("%u MiB map of cards", (guint) (map_size / MiB));
    g_autofree char *cut = g_strdup_printf ("%u MiB map, last 3 bytes cut", (guint) (map_size / MiB));
    g_autofree char *bad = g_strdup_printf ("%u MiB map, invalid UTF-8 near the end", (guint) (map_size / MiB));
    guint n_cards;

    g_assert_cmpuint (length, >=, map_size - 1024);
    g_assert_cmpuint (length, <=, WAYMARK_JMAP_MAX_FILE_SIZE);
    /* Legitimate: the spec lets a map be up to 64 MiB. No round trip:
     * that is the writer's test, and seconds more. */
    document = check_load_full (name, text, length, EXPECT_LOAD, 0,
                                BUDGET_BIG_MAP, FALSE, NULL);
    g_assert_nonnull (document);
    n_cards = g_list_model_get_n_items (waymark_document_get_cards (document));
    g_test_message ("the %s holds %u cards", name, n_cards);
    g_assert_cmpuint (n_cards, >, map_size / MiB * 1600);
    g_clear_object (&document);

    /* Cut short, or broken at the very end: refused after one scan. */
    check_load (cut, text, length - 3, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
    /* Inside the last card's notes: a lone lead byte. */
    g_strrstr_len (text, length, "the cheapest slot")[0] = '\xC3';
    check_load (bad, text, length, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_ENCODING);
  }
  {
    g_autofree char *text = g_malloc (size);
    static const char map[] = HEAD STAGE LANE "\"cards\": [], \"personas\": []}";

    memset (text, ' ', size);
    memcpy (text + size - strlen (map), map, strlen (map));
    check_load ("60 MiB of spaces, then a map", text, size, EXPECT_LOAD, 0);
  }
  {
    static const struct
    {
      const char *name;
      const char *before, *unit, *separator, *after;
      Expect      expect;
      int         code;
    } bodies[] = {
      { "one 60 MiB string", "\"", "x", "", "\"", EXPECT_LOAD, 0 },
      { "one 60 MiB string of escapes", "\"", "\\u00e9\\n", "", "\"", EXPECT_LOAD, 0 },
      { "60 MiB of {}", "[", "{}", ",", "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of []", "[", "[]", ",", "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of 0", "[", "0", ",", "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of \"\"", "[", "\"\"", ",", "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of distinct names", "{", NULL, ",", "}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of objects of 99,999 names", "[{", NULL, ",", "}]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of one name", "{", "\"a\":0", ",", "}", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
      { "60 MiB of nested []", "[", "[[[[[[[[[[]]]]]]]]]]", ",", "]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
      { "60 MiB of small objects", "[{", "\"a\":0,\"b\":true,\"c\":\"x\"", "},{", "}]", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autofree char *text = padded_map (size, bodies[i].before, bodies[i].unit,
                                            bodies[i].separator, bodies[i].after, &length);

        check_load (bodies[i].name, text, length, bodies[i].expect, bodies[i].code);
      }
  }
  stats_end ("60 MiB files");
  g_test_message ("60 MiB files: the most memory a load took: %" G_GSIZE_FORMAT " MiB (%s)",
                  group.peak_memory / MiB, group.peak_name ? group.peak_name : "not measured");
}

/* ---- Encoding ---- */

static void
test_invalid_utf8 (void)
{
  static const char * const bad[] = {
    "\x80",             /* a continuation byte alone */
    "\xC3",             /* a sequence cut short by the quote */
    "\xC0\xAF",         /* overlong "/" */
    "\xE0\x80\x80",     /* overlong NUL */
    "\xED\xA0\x80",     /* a UTF-16 surrogate */
    "\xF4\x90\x80\x80", /* beyond U+10FFFF */
    "\xF8\x88\x80\x80\x80",
    "\xFE",
    "\xFF",
  };
  static const char * const places[] = {
    "{\"jmap-format\": 1, \"%s\": 1, \"title\": \"T\"}",
    "{\"jmap-format\": 1, \"title\": \"%s\"}",
    MAP_WITH_CARD (", \"x-%s\": 1"),
    MAP_WITH_CARD (", \"notes\": \"before %s after\""),
    MAP_WITH_CARD (", \"x-a\": {\"b\": [{\"%s\": null}]}"),
    MAP_WITH_CARD (", \"x-a\": [\"%s\"]"),
    HEAD STAGE LANE "\"cards\": [], \"personas\": [{\"id\": \"p1\", \"name\": \"P\", \"goals\": [\"%s\"]}]}",
  };

  stats_begin ();
  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
      {
        g_autofree char *name = g_strdup_printf ("invalid UTF-8 %u in place %u", b, p);
        g_autofree char *text = NULL;
        g_autoptr(GError) error = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        text = g_strdup_printf (places[p], bad[b]);
#pragma GCC diagnostic pop
        g_assert_null (check_load_full (name, text, strlen (text), EXPECT_ERROR,
                                        WAYMARK_FORMAT_ERROR_ENCODING, BUDGET, TRUE, &error));
        /* The column is that of the bad byte. */
        if (error != NULL)
          g_assert_cmpint (waymark_format_error_get_column (error), ==,
                           g_utf8_strlen (text, strstr (text, bad[b]) - text) + 1);
      }

  /* Outside strings, even valid UTF-8 is not JSON. */
  check_load ("é between members", "{\"jmap-format\": 1, \xC3\xA9 \"title\": \"T\"}", -1,
              EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
  /* Unusual but valid: noncharacters, astral planes, escaped pairs. */
  check_load ("noncharacters and emoji", MAP_WITH_CARD (", \"notes\": \"\xEF\xBF\xBE \xEF\xBF\xBF \xF0\x9F\x98\x80 \\ud83d\\ude00 \\uffff\""),
              -1, EXPECT_LOAD, 0);
  /* UTF-16 and UTF-32 are not UTF-8. */
  {
    static const char utf16[] = "\xFF\xFE{\0\"\0j\0m\0a\0p\0-\0f\0o\0r\0m\0a\0t\0\"\0:\0 \0\x31\0}\0";
    static const char utf32[] = "\0\0\xFE\xFF\0\0\0{\0\0\0}";

    check_load ("UTF-16 with its byte order mark", utf16, sizeof utf16 - 1, EXPECT_ERROR, ANY_CODE);
    check_load ("UTF-32 with its byte order mark", utf32, sizeof utf32 - 1, EXPECT_ERROR, ANY_CODE);
  }
  stats_end ("invalid UTF-8");
}

static void
test_nul_bytes (void)
{
  static const char map[] = MAP_WITH_CARD ("");
  gsize length = strlen (map);

  stats_begin ();
  /* A NUL anywhere: at the start, inside a string, between tokens, after
   * the end. */
  {
    gsize places[] = { 0, 1, 20, length / 2, length - 1, length };

    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        g_autofree char *name = g_strdup_printf ("NUL byte at %" G_GSIZE_FORMAT, places[i]);
        g_autofree char *text = g_malloc (length + 1);

        memcpy (text, map, places[i]);
        text[places[i]] = '\0';
        memcpy (text + places[i] + 1, map + places[i], length - places[i]);
        check_load (name, text, length + 1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_ENCODING);
      }
  }
  check_load ("only NUL bytes", "\0\0\0\0", 4, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_ENCODING);

  /* Escaped NULs are control characters, removed on load. */
  {
    static const char text[] = MAP_WITH_CARD (", \"notes\": \"\\u0000a\\u0000\\u0000b\\u0000\", \"x-\\u0000\": \"\\u0000\"");
    g_autoptr(WaymarkDocument) document =
      check_load_full ("escaped NULs", text, strlen (text), EXPECT_LOAD, 0, BUDGET, TRUE, NULL);
    WaymarkCard *card = waymark_document_lookup_card (document, "c1");
    GBytes *extras = waymark_card_get_extras (card);

    g_assert_cmpstr (waymark_card_get_notes (card), ==, "ab");
    g_assert_cmpmem (g_bytes_get_data (extras, NULL), g_bytes_get_size (extras),
                     "{\"x-\":\"\"}", strlen ("{\"x-\":\"\"}"));
  }
  check_load ("escaped NUL as the id", HEAD STAGE LANE "\"cards\": [{\"id\": \"\\u0000\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\"}], \"personas\": []}",
              -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
  stats_end ("NUL bytes");
}

static void
test_bom (void)
{
  static const char map[] = MAP_WITH_CARD ("");

  stats_begin ();
  {
    g_autofree char *text = g_strconcat ("\xEF\xBB\xBF", map, NULL);
    check_load ("BOM, then a map", text, -1, EXPECT_LOAD, 0);
  }
  {
    g_autofree char *text = g_strconcat ("\xEF\xBB\xBF\r\n \r\n", map, "\r\n", NULL);
    check_load ("BOM, CRLF, then a map", text, -1, EXPECT_LOAD, 0);
  }
  check_load ("BOM alone", "\xEF\xBB\xBF", -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_EMPTY);
  check_load ("BOM cut short", "\xEF\xBB", -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_ENCODING);
  {
    g_autofree char *text = g_strconcat ("\xEF\xBB\xBF\xEF\xBB\xBF", map, NULL);
    check_load ("two BOMs", text, -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
  }
  {
    g_autofree char *text = g_strconcat (" \xEF\xBB\xBF", map, NULL);
    check_load ("BOM after a space", text, -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
  }
  /* Inside a string it is a character like any other (U+FEFF). */
  check_load ("BOM inside a title", MAP_WITH_CARD (", \"notes\": \"\xEF\xBB\xBFx\""), -1, EXPECT_LOAD, 0);
  stats_end ("byte order marks");
}

/* ---- Names and numbers ---- */

static void
test_duplicate_names (void)
{
  static const struct
  {
    const char *name;
    const char *text;
  } twice[] = {
    { "jmap-format twice", "{\"jmap-format\": 1, \"jmap-format\": 2, \"title\": \"T\"}" },
    { "title twice", "{\"jmap-format\": 1, \"title\": \"T\", \"title\": \"U\", " STAGE LANE "\"cards\": [], \"personas\": []}" },
    { "stages twice", HEAD STAGE STAGE LANE "\"cards\": [], \"personas\": []}" },
    { "card title twice", MAP_WITH_CARD (", \"title\": \"B\"") },
    { "card id twice", MAP_WITH_CARD (", \"id\": \"c2\"") },
    { "unknown member twice", MAP_WITH_CARD (", \"x-a\": 1, \"x-b\": 2, \"x-a\": 1") },
    { "name twice, once escaped", MAP_WITH_CARD (", \"\\u0074itle\": \"B\"") },
    { "name twice, once with \\/", MAP_WITH_CARD (", \"x/y\": 1, \"x\\/y\": 2") },
    { "name twice after NUL removal", MAP_WITH_CARD (", \"x-k\": 1, \"x-\\u0000k\": 2") },
    { "name twice, astral escape", MAP_WITH_CARD (", \"x-\xF0\x9F\x98\x80\": 1, \"x-\\ud83d\\ude00\": 2") },
    { "name twice in deep extras", MAP_WITH_CARD (", \"x-a\": [[{\"k\": 1, \"j\": {\"k\": 2}, \"k\": 3}]]") },
    { "empty name twice", MAP_WITH_CARD (", \"\": 1, \"\": 2") },
    { "kpi name twice", HEAD "\"stages\": [{\"id\": \"s1\", \"name\": \"A\", \"kpis\": [{\"name\": \"a\", \"name\": \"b\"}]}], "
      LANE "\"cards\": [], \"personas\": []}" },
  };

  stats_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (twice); i++)
    check_load (twice[i].name, twice[i].text, -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);

  /* The same name in different objects, or in other case, is fine. */
  check_load ("one name in many objects", MAP_WITH_CARD (", \"x-a\": {\"id\": {\"id\": [{\"id\": 1}, {\"id\": 2}]}}"),
              -1, EXPECT_LOAD, 0);
  check_load ("names differing in case", MAP_WITH_CARD (", \"Title\": \"B\", \"TITLE\": \"C\""), -1, EXPECT_LOAD, 0);

  /* Many names in one object: hashed, so all outcomes are quick. An
   * object may have up to WAYMARK_JSON_MAX_MEMBERS. */
  {
    GString *text = g_string_new (HEAD STAGE LANE "\"cards\": [], \"personas\": [], \"x-many\": {");
    gsize end;

    for (guint i = 0; i < WAYMARK_JSON_MAX_MEMBERS; i++)
      g_string_append_printf (text, "%s\"n%u\": %u", i ? ", " : "", i, i);
    g_string_append (text, "}}");
    check_load ("100,000 names in one object", text->str, text->len, EXPECT_LOAD, 0);
    end = text->len - 2;
    g_string_insert (text, end, ", \"n100000\": 0");
    check_load ("100,001 names in one object", text->str, text->len, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_TOO_LARGE);
    /* The first name again, at the very end. */
    g_string_erase (text, end, strlen (", \"n100000\": 0"));
    g_string_erase (text, end - strlen (", \"n99999\": 99999"), strlen (", \"n99999\": 99999"));
    end = text->len - 2;
    g_string_insert (text, end, ", \"n0\": 0");
    check_load ("100,000 names, the first again at the end", text->str, text->len,
                EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
    g_string_free (text, TRUE);
  }
  stats_end ("duplicate names");
}

static void
test_numbers (void)
{
  static const struct
  {
    const char *name;
    const char *extra;
    Expect      expect;
    int         code;
  } numbers[] = {
    { "emotion beyond int32", ", \"emotion\": 2147483648", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "emotion below int32", ", \"emotion\": -2147483649", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "emotion beyond int64", ", \"emotion\": 9223372036854775808", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion of 400 digits", ", \"emotion\": "
      "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
      "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
      EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion 1e400", ", \"emotion\": 1e400", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion -1e400", ", \"emotion\": -1e400", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion 1e2", ", \"emotion\": 1e2", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "emotion 1.0", ", \"emotion\": 1.0", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID },
    { "emotion NaN", ", \"emotion\": NaN", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion Infinity", ", \"emotion\": Infinity", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
    { "emotion -0", ", \"emotion\": -0", EXPECT_LOAD, 0 },
    { "emotion 2147483647", ", \"emotion\": 2147483647", EXPECT_REPAIR, 0 },
    { "kept: largest int64", ", \"x-n\": [9223372036854775807, -9223372036854775808]", EXPECT_LOAD, 0 },
    { "kept: largest double", ", \"x-n\": [1.7976931348623157e308, -1.7976931348623157e308]", EXPECT_LOAD, 0 },
    { "kept: smallest double", ", \"x-n\": [4.9e-324, 2.2250738585072014e-308]", EXPECT_LOAD, 0 },
    { "kept: underflow to zero", ", \"x-n\": [1e-400, -0.0, 0e0, 1E22]", EXPECT_LOAD, 0 },
    { "kept: many digits", ", \"x-n\": 3.14159265358979323846264338327950288419716939937510582097494459", EXPECT_LOAD, 0 },
    { "kept: too many digits", ", \"x-n\": 3.14159265358979323846264338327950288419716939937510582097494459"
      "2307816406286208998628034825342117067982148086513282306647093844609550582231725359408128481117450", EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX },
  };

  stats_begin ();
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *text = g_strconcat (HEAD STAGE LANE "\"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"A\"",
                                           numbers[i].extra, "}], \"personas\": []}", NULL);

      check_load (numbers[i].name, text, -1, numbers[i].expect, numbers[i].code);
    }
  check_load ("format 1e400", "{\"jmap-format\": 1e400}", -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_SYNTAX);
  check_load ("format 1.0", "{\"jmap-format\": 1.0}", -1, EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
  check_load ("format -9223372036854775808", "{\"jmap-format\": -9223372036854775808}", -1,
              EXPECT_ERROR, WAYMARK_FORMAT_ERROR_INVALID);
  stats_end ("numbers");
}

/* ---- What the fuzzers found ---- */

static void
test_fuzz_regressions (void)
{
  const char *harnesses[] = { "fuzz-jmap-roundtrip", "fuzz-svg" };
  guint n = 0;

  stats_begin ();
  for (guint h = 0; h < G_N_ELEMENTS (harnesses); h++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", harnesses[h], NULL);
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (listing == NULL)
        continue;
      while ((name = g_dir_read_name (listing)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
          g_autofree char *label = g_strdup_printf ("%s/%s", harnesses[h], (char *) g_ptr_array_index (names, i));
          g_autofree char *contents = NULL;
          gsize length;

          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          check_load (label, contents, length, EXPECT_ANY, ANY_CODE);
          n++;
        }
    }
  g_test_message ("%u regression inputs of the fuzzers", n);
  stats_end ("fuzzer regressions");
}

static void
test_summary (void)
{
  g_test_message ("all: %u files: %u refused, %u loaded, %u of them repaired",
                  totals.loads, totals.errors, totals.loaded, totals.repaired);
  g_test_message ("slowest load: %s, %.3f s of CPU time%s", totals.slowest_name ? totals.slowest_name : "-",
                  totals.slowest, UNDER_SANITIZER ? " (sanitizer build: time not checked)" : "");
  g_test_message ("slowest load held to %.0f s: %s, %.3f s of CPU time", BUDGET,
                  totals.slowest_bounded_name ? totals.slowest_bounded_name : "-", totals.slowest_bounded);
  g_test_message ("most memory for one load: %" G_GSIZE_FORMAT " MiB (%s)", totals.peak_memory / MiB,
                  totals.peak_name ? totals.peak_name : "not measured");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!UNDER_SANITIZER)
    {
      /* Should a load ever try to take GiBs, make it fail here rather
       * than push the machine into swap. */
      struct rlimit limit = { 4096UL * MiB, 4096UL * MiB };
      setrlimit (RLIMIT_AS, &limit);
    }

  g_test_add_func ("/broken-files/spec-table", test_spec_table);
  g_test_add_func ("/broken-files/truncated", test_truncated);
  g_test_add_func ("/broken-files/byte-flips", test_byte_flips);
  g_test_add_func ("/broken-files/nesting", test_nesting);
  g_test_add_func ("/broken-files/60-mib", test_huge);
  g_test_add_func ("/broken-files/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/broken-files/nul-bytes", test_nul_bytes);
  g_test_add_func ("/broken-files/bom", test_bom);
  g_test_add_func ("/broken-files/duplicate-names", test_duplicate_names);
  g_test_add_func ("/broken-files/numbers", test_numbers);
  g_test_add_func ("/broken-files/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/broken-files/summary", test_summary);

  return g_test_run ();
}
