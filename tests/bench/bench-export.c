/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export: what `waymark --export=x.png --scale=2` costs next to
 * rsvg-convert drawing Waymark's own SVG of the same map into a PNG of
 * the same pixel size: the floor, since the exporter draws that SVG with
 * the same librsvg. Also the SVG alone (load, layout and writing, in
 * this process), and Inkscape on the same SVG when it is installed. All
 * in one run, so the machine's speed cancels out of the ratio.
 *
 *   bench-export [--sizes 500,2000] [--stages 16] [--repeat N]
 *
 * Maps come from gen-jmap (../shared/tools/gen-jmap, or
 * $WAYMARK_GEN_JMAP) with 7 lanes and 16 stages: with fewer, 2,000 cards
 * make a map taller at 2× than an export may be. $WAYMARK_BINARY
 * overrides the waymark that is timed. The last line is "cards=2000 export_vs_rsvg_convert=X",
 * our export's median time over rsvg-convert's. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "waymark-jmap-reader.h"
#include "waymark-svg-writer.h"

/* Seconds that the command took, from spawning it to its exit; exits
 * the benchmark when the command fails. */
static double
time_command (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error))
    {
      g_printerr ("bench-export: could not run %s: %s\n", argv[0], error->message);
      exit (1);
    }
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  if (!g_subprocess_get_successful (process))
    {
      g_printerr ("bench-export: %s failed:\n%s\n", argv[0], err);
      exit (1);
    }
  return elapsed;
}

/* The size a PNG declares in its IHDR chunk. */
static gboolean
png_size (const char *path,
          int        *width,
          int        *height)
{
  guchar head[24];
  FILE *f = g_fopen (path, "rb");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fread (head, 1, sizeof head, f) == sizeof head && memcmp (head + 1, "PNG", 3) == 0 &&
       memcmp (head + 12, "IHDR", 4) == 0;
  fclose (f);
  if (ok)
    {
      *width = (head[16] << 24) | (head[17] << 16) | (head[18] << 8) | head[19];
      *height = (head[20] << 24) | (head[21] << 16) | (head[22] << 8) | head[23];
    }
  return ok;
}

/* Load, layout and SVG, as the exporter does before librsvg draws. */
static double
time_svg (GBytes *bytes,
          gsize  *svg_length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkLayout) layout = NULL;
  g_autofree char *svg = NULL;
  WaymarkSvgOptions options;
  gint64 start = g_get_monotonic_time ();

  document = waymark_jmap_read (bytes, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      exit (1);
    }
  layout = waymark_layout_new (document);
  waymark_svg_options_init (&options);
  svg = waymark_svg_write (layout, &options, NULL, NULL);
  *svg_length = strlen (svg);
  return (g_get_monotonic_time () - start) / 1e6;
}

typedef struct
{
  int    width, height;
  gsize  svg_bytes;
  double svg, export_svg, export_png, rsvg, inkscape;
} Result;

static Result
measure (const char *waymark,
         const char *rsvg_convert,
         const char *inkscape,
         const char *dir,
         GBytes     *bytes,
         guint       repeat)
{
  g_autofree char *map = g_build_filename (dir, "map.jmap", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *rsvg_png = g_build_filename (dir, "rsvg.png", NULL);
  g_autofree char *inkscape_png = g_build_filename (dir, "inkscape.png", NULL);
  g_autofree char *export_svg = g_strconcat ("--export=", svg, NULL);
  g_autofree char *export_png = g_strconcat ("--export=", png, NULL);
  g_autofree char *inkscape_out = g_strconcat ("--export-filename=", inkscape_png, NULL);
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *inkscape_width = NULL;
  g_autoptr(GArray) svg_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) svg_cli_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) png_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rsvg_times = g_array_new (FALSE, FALSE, sizeof (double));
  Result result = { 0 };
  int w, h;

  if (!g_file_set_contents (map, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    {
      g_printerr ("bench-export: could not write %s\n", map);
      exit (1);
    }

  /* Once to learn the size, and to warm the caches for both sides. */
  {
    const char *argv[] = { waymark, export_png, "--scale=2", map, NULL };

    time_command (argv);
  }
  if (!png_size (png, &result.width, &result.height))
    {
      g_printerr ("bench-export: %s wrote no PNG\n", waymark);
      exit (1);
    }
  width = g_strdup_printf ("%d", result.width);
  height = g_strdup_printf ("%d", result.height);

  for (guint r = 0; r < repeat; r++)
    {
      const char *svg_argv[] = { waymark, export_svg, map, NULL };
      const char *png_argv[] = { waymark, export_png, "--scale=2", map, NULL };
      const char *rsvg_argv[] = { rsvg_convert, "-w", width, "-h", height, "-o", rsvg_png, svg, NULL };
      double t;

      /* Interleaved, so drift in the machine's speed hits every side. */
      t = time_svg (bytes, &result.svg_bytes);
      g_array_append_val (svg_times, t);
      t = time_command (svg_argv);
      g_array_append_val (svg_cli_times, t);
      t = time_command (png_argv);
      g_array_append_val (png_times, t);
      t = time_command (rsvg_argv);
      g_array_append_val (rsvg_times, t);
    }
  if (!png_size (rsvg_png, &w, &h) || w != result.width || h != result.height)
    {
      g_printerr ("bench-export: rsvg-convert drew %d×%d, not %d×%d\n", w, h, result.width, result.height);
      exit (1);
    }

  result.svg = bench_percentile (svg_times, 0.5);
  result.export_svg = bench_percentile (svg_cli_times, 0.5);
  result.export_png = bench_percentile (png_times, 0.5);
  result.rsvg = bench_percentile (rsvg_times, 0.5);

  if (inkscape != NULL)
    {
      /* Slow to start and to draw: one run. */
      const char *argv[] = { inkscape, "--export-type=png", NULL, inkscape_out, svg, NULL };

      inkscape_width = g_strdup_printf ("--export-width=%d", result.width);
      argv[2] = inkscape_width;
      result.inkscape = time_command (argv);
    }

  g_unlink (map);
  g_unlink (svg);
  g_unlink (png);
  g_unlink (rsvg_png);
  g_unlink (inkscape_png);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_arg = g_strdup ("500,2000");
  g_autofree char *stages_arg = g_strdup ("16");
  g_autofree char *tool = NULL;
  g_autofree char *waymark = NULL;
  g_autofree char *rsvg_convert = NULL;
  g_autofree char *inkscape = NULL;
  g_autofree char *dir = NULL;
  int repeat = 0;
  g_auto(GStrv) sizes = NULL;
  double ratio = 0;
  gboolean have_2000 = FALSE;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Card counts, comma-separated", "N,N,…" },
    { "stages", 0, 0, G_OPTION_ARG_STRING, &stages_arg, "Stages of the generated maps (default 16)", "N" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs of each command (default: 5, 3 from 2000 cards)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time PNG export against rsvg-convert");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 2;
    }

  tool = bench_gen_jmap_path ();
  if (!g_file_test (tool, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-export: gen-jmap not found at %s; set WAYMARK_GEN_JMAP\n", tool);
      return 77;
    }
  waymark = g_strdup (g_getenv ("WAYMARK_BINARY") != NULL ? g_getenv ("WAYMARK_BINARY") : WAYMARK_BUILT_BINARY);
  if (!g_file_test (waymark, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("bench-export: no waymark at %s; build it, or set WAYMARK_BINARY\n", waymark);
      return 1;
    }
  rsvg_convert = g_find_program_in_path ("rsvg-convert");
  if (rsvg_convert == NULL)
    {
      g_printerr ("bench-export: rsvg-convert is not installed (Debian: librsvg2-bin)\n");
      return 1;
    }
  inkscape = g_find_program_in_path ("inkscape");
  dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }

  printf ("maps: gen-jmap, %s stages, 7 lanes; PNG at --scale=2; rsvg-convert draws waymark's SVG "
          "at the same pixel size; medians of repeated runs (inkscape: one run)\n", stages_arg);
  printf ("%6s %13s %7s %9s | %9s %10s %10s %9s %6s | %11s\n", "cards", "png pixels", "Mpx", "svg KiB",
          "svg ms", "--svg ms", "--png ms", "rsvg ms", "ratio", "inkscape ms");
  sizes = g_strsplit (sizes_arg, ",", -1);
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      const char *gen_options[] = { "--stages", stages_arg, "--lanes", "7", "--seed", "7", NULL };
      g_autoptr(GBytes) bytes = bench_gen_jmap ("bench-export", tool, n, gen_options);
      guint reps = repeat > 0 ? (guint) repeat : (n >= 2000 ? 3 : 5);
      Result r = measure (waymark, rsvg_convert, inkscape, dir, bytes, reps);
      g_autofree char *pixels = g_strdup_printf ("%dx%d", r.width, r.height);
      g_autofree char *inkscape_ms = inkscape != NULL ? g_strdup_printf ("%.0f", r.inkscape * 1e3)
                                                      : g_strdup ("not installed");

      printf ("%6u %13s %7.1f %9.0f | %9.1f %10.1f %10.1f %9.1f %6.2f | %11s\n", n, pixels,
              r.width * (double) r.height / 1e6, r.svg_bytes / 1024.0,
              r.svg * 1e3, r.export_svg * 1e3, r.export_png * 1e3, r.rsvg * 1e3,
              r.export_png / r.rsvg, inkscape_ms);
      if (n == 2000)
        {
          have_2000 = TRUE;
          ratio = r.export_png / r.rsvg;
        }
      fflush (stdout);
    }
  printf ("(svg ms: load, layout and SVG in-process; --svg/--png ms: waymark --export as a process, "
          "start to exit; ratio: --png over rsvg)\n");
  g_rmdir (dir);
  if (have_2000)
    printf ("cards=2000 export_vs_rsvg_convert=%.2f\n", ratio);
  return 0;
}
