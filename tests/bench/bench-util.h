/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmarks share: generated maps and sorting times. */
#pragma once

#include <stdlib.h>

#include <gio/gio.h>

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The p-th percentile of times (sorts them; 0.5: the median), or 0 when
 * there are none. */
static inline double
bench_percentile (GArray *times,
                  double  p)
{
  guint i;

  if (times->len == 0)
    return 0;
  g_array_sort (times, bench_compare_doubles);
  i = (guint) (p * (times->len - 1) + 0.5);
  return g_array_index (times, double, MIN (i, times->len - 1));
}

/* $WAYMARK_GEN_JMAP, or ../shared/tools/gen-jmap beside the source tree;
 * the caller checks that it exists. */
static inline char *
bench_gen_jmap_path (void)
{
  const char *tool = g_getenv ("WAYMARK_GEN_JMAP");

  if (tool != NULL)
    return g_strdup (tool);
  return g_build_filename (WAYMARK_SOURCE_ROOT, "..", "shared", "tools", "gen-jmap", NULL);
}

/* A map of n_cards from gen-jmap, with its further options (NULL-ended);
 * exits naming the benchmark (who) when the tool fails. */
static inline GBytes *
bench_gen_jmap (const char         *who,
                const char         *tool,
                guint               n_cards,
                const char * const *options)
{
  g_autofree char *count = g_strdup_printf ("%u", n_cards);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) "python3");
  g_ptr_array_add (argv, (gpointer) tool);
  g_ptr_array_add (argv, (gpointer) "--cards");
  g_ptr_array_add (argv, count);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &out, NULL, &error) ||
      !g_subprocess_get_successful (process))
    {
      g_printerr ("%s: could not run %s: %s\n", who, tool, error ? error->message : "failed");
      exit (1);
    }
  return g_steal_pointer (&out);
}
