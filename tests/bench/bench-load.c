/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-load: how much Waymark's reader and writer cost over json-glib
 * alone on the same bytes, measured in one run so that the machine's
 * speed cancels out. Maps come from gen-jmap (../shared/tools/gen-jmap,
 * or $WAYMARK_GEN_JMAP). Peak memory is measured in a child process per
 * size, so one size's peak does not hide the next.
 *
 *   bench-load [--sizes 1000,10000,100000] [--repeat N]
 *
 * The last line is "load_ratio=X save_ratio=Y" for 10,000 cards. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "bench-util.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

typedef struct
{
  double load, json_load, save, json_save;
} Times;

static Times
measure (GBytes *bytes,
         guint   repeat)
{
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) json_save = g_array_new (FALSE, FALSE, sizeof (double));
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  Times t;

  for (guint r = 0; r < repeat; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(WaymarkDocument) doc = NULL;
      g_autoptr(GBytes) written = NULL;
      g_autofree char *generated = NULL;
      gint64 start;
      double elapsed;

      /* Interleaved, so drift in the machine's speed hits both sides. */
      start = g_get_monotonic_time ();
      if (!json_parser_load_from_data (parser, data, size, &error))
        g_error ("json-glib: %s", error->message);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (json_load, elapsed);

      start = g_get_monotonic_time ();
      doc = waymark_jmap_read (bytes, NULL, &error);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      if (doc == NULL)
        g_error ("waymark: %s", error->message);
      g_array_append_val (load, elapsed);

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, json_parser_get_root (parser));
      start = g_get_monotonic_time ();
      generated = json_generator_to_data (generator, NULL);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (json_save, elapsed);

      start = g_get_monotonic_time ();
      written = waymark_jmap_write (doc);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (save, elapsed);
    }

  t.load = bench_percentile (load, 0.5);
  t.json_load = bench_percentile (json_load, 0.5);
  t.save = bench_percentile (save, 0.5);
  t.json_save = bench_percentile (json_save, 0.5);
  return t;
}

/* Peak resident memory of loading the map once, in a fresh process. */
static long
peak_rss_kib (GBytes *bytes)
{
  struct rusage usage;
  int status;
  pid_t pid = fork ();

  if (pid == 0)
    {
      g_autoptr(WaymarkDocument) doc = waymark_jmap_read (bytes, NULL, NULL);
      _exit (doc != NULL ? 0 : 1);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) < 0)
    return -1;
  return usage.ru_maxrss;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_arg = g_strdup ("1000,10000,100000");
  g_autofree char *tool = NULL;
  int repeat = 0;
  g_auto(GStrv) sizes = NULL;
  double load_ratio = 0, save_ratio = 0;
  gboolean have_10k = FALSE;
  long baseline_rss;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Card counts, comma-separated", "N,N,…" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Repetitions (default: by size)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time .jmap loading and saving");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-load: %s\n", error->message);
      return 2;
    }

  tool = bench_gen_jmap_path ();
  if (!g_file_test (tool, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-load: gen-jmap not found at %s; set WAYMARK_GEN_JMAP\n", tool);
      return 77;
    }

  {
    g_autoptr(GBytes) empty = g_bytes_new_static ("{\"jmap-format\":1,\"title\":\"\",\"stages\":[],"
                                                  "\"lanes\":[],\"cards\":[],\"personas\":[]}", 72);
    baseline_rss = peak_rss_kib (empty);
  }

  printf ("%8s %10s | %10s %10s %6s | %10s %10s %6s | %12s\n",
          "cards", "bytes", "load ms", "json ms", "ratio", "save ms", "json ms", "ratio", "peak RSS MiB");
  sizes = g_strsplit (sizes_arg, ",", -1);
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      g_autoptr(GBytes) bytes = bench_gen_jmap ("bench-load", tool, n, NULL);
      guint reps = repeat > 0 ? (guint) repeat : (n >= 100000 ? 5 : n >= 10000 ? 15 : 51);
      Times t = measure (bytes, reps);
      long rss = peak_rss_kib (bytes);

      printf ("%8u %10zu | %10.2f %10.2f %6.2f | %10.2f %10.2f %6.2f | %12.1f\n",
              n, g_bytes_get_size (bytes),
              t.load * 1e3, t.json_load * 1e3, t.load / t.json_load,
              t.save * 1e3, t.json_save * 1e3, t.save / t.json_save,
              rss / 1024.0);
      if (n == 10000)
        {
          have_10k = TRUE;
          load_ratio = t.load / t.json_load;
          save_ratio = t.save / t.json_save;
        }
      fflush (stdout);
    }
  printf ("(peak RSS of a process loading an empty map: %.1f MiB; medians of repeated runs)\n",
          baseline_rss / 1024.0);
  if (have_10k)
    printf ("load_ratio=%.2f save_ratio=%.2f\n", load_ratio, save_ratio);
  return 0;
}
