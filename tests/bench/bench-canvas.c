/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-canvas: what a frame of the map canvas costs (layout, snapshot
 * and render, from the frame's tick to the end of its paint) in a
 * 1920×1080 window at 100 % zoom, on gen-jmap maps of 8 stages and 7
 * lanes, while (a) scrolling across the map and (b) dragging one card
 * across ten cells; and how long opening a map takes to its first frame.
 * An empty map of the same shape is measured in the same run as the
 * baseline, so the ratios say what the cards cost on this machine.
 *
 * Run under Xvfb with GSK_RENDERER=cairo (build-aux/dev bench does):
 *
 *   bench-canvas [--sizes 500,2000,10000] [--frames N]
 *
 * The last line is "cards=2000 median_frame_ms=X p95_frame_ms=Y", the
 * worse of the two scenarios. Maps come from gen-jmap
 * (../shared/tools/gen-jmap, or $WAYMARK_GEN_JMAP). */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "waymark-canvas.h"
#include "waymark-jmap-reader.h"

/* The floor: a widget that changes every pixel of the window on every
 * frame, so GTK repaints all of it, as it must when the map scrolls. */
#define BENCH_TYPE_FLOOD (bench_flood_get_type ())
G_DECLARE_FINAL_TYPE (BenchFlood, bench_flood, BENCH, FLOOD, GtkWidget)

struct _BenchFlood
{
  GtkWidget parent_instance;
  guint     frame;
};

G_DEFINE_FINAL_TYPE (BenchFlood, bench_flood, GTK_TYPE_WIDGET)

static void
bench_flood_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  BenchFlood *self = BENCH_FLOOD (widget);
  GdkRGBA color = { 0.9f, 0.92f, (self->frame % 2) ? 0.95f : 0.96f, 1 };

  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                  gtk_widget_get_height (widget)));
}

static void
bench_flood_class_init (BenchFloodClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = bench_flood_snapshot;
}

static void
bench_flood_init (BenchFlood *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

static gboolean
flood_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data);

typedef enum
{
  SCENARIO_SCROLL,
  SCENARIO_DRAG,
} Scenario;

typedef struct
{
  GtkWidget     *window;
  WaymarkCanvas *canvas;
  GArray        *times;
  Scenario       scenario;
  guint          frame;
  guint          n_frames;
  gint64         tick_time;
  gboolean       measuring;
  gboolean       done;
  BenchFlood    *flood;
  /* Drag: where the card starts, and the cells it crosses. */
  double         x0, y0;
  double         path[11][2];
} Bench;

/* A map of the same shape with just the card that is dragged: the
 * baseline. */
static WaymarkDocument *
empty_map (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  static const char *kinds[] = { "actions", "touchpoints", "thoughts", "emotions", "pain-points", "solutions", "backstage" };

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stage %u", i + 1);

      waymark_document_add_stage (doc, name, -1);
    }
  for (guint j = 0; j < G_N_ELEMENTS (kinds); j++)
    waymark_document_add_lane (doc, kinds[j], kinds[j], -1);
  {
    g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (doc), 0);
    g_autoptr(WaymarkLane) lane = g_list_model_get_item (waymark_document_get_lanes (doc), 0);

    waymark_document_add_card (doc, waymark_stage_get_id (stage), waymark_lane_get_id (lane), "Dragged", -1);
  }
  return doc;
}

static void
iterate_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->measuring && bench->tick_time > 0)
    {
      double ms = (g_get_monotonic_time () - bench->tick_time) / 1000.0;

      g_array_append_val (bench->times, ms);
      bench->tick_time = 0;
      bench->measuring = FALSE;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (bench->canvas));
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench->canvas));
  double t;

  if (bench->frame >= bench->n_frames)
    {
      if (bench->scenario == SCENARIO_DRAG)
        waymark_canvas_cancel_drag (bench->canvas);
      bench->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  t = bench->frame / (double) MAX (bench->n_frames - 1, 1);
  bench->tick_time = g_get_monotonic_time ();
  bench->measuring = TRUE;

  if (bench->scenario == SCENARIO_SCROLL)
    {
      /* Down and across the map and back: a zig-zag over all of it. */
      double hx = gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h);
      double vy = gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v);
      double phase = t * 4;
      double across = phase - (int) phase;

      if (((int) phase) % 2 == 1)
        across = 1 - across;
      gtk_adjustment_set_value (h, hx * across);
      gtk_adjustment_set_value (v, vy * t);
    }
  else
    {
      /* Through ten cells, frames spread evenly along the path. */
      double s = t * 10;
      guint k = MIN ((guint) s, 9);
      double f = s - k;
      double x = bench->path[k][0] + (bench->path[k + 1][0] - bench->path[k][0]) * f;
      double y = bench->path[k][1] + (bench->path[k + 1][1] - bench->path[k][1]) * f;

      waymark_canvas_pointer_motion (bench->canvas, x, y);
    }
  gtk_widget_queue_draw (GTK_WIDGET (bench->canvas));
  bench->frame++;
  return G_SOURCE_CONTINUE;
}

static gboolean
flood_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  Bench *bench = user_data;

  if (bench->frame >= bench->n_frames)
    {
      bench->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  bench->tick_time = g_get_monotonic_time ();
  bench->measuring = TRUE;
  bench->flood->frame++;
  gtk_widget_queue_draw (widget);
  bench->frame++;
  return G_SOURCE_CONTINUE;
}

/* Median and p95 of a full-window repaint by GTK alone. */
static void
measure_floor (guint   n_frames,
               double *median,
               double *p95)
{
  Bench bench = { 0 };
  GdkFrameClock *clock;
  gulong handler;

  bench.times = g_array_new (FALSE, FALSE, sizeof (double));
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  bench.flood = g_object_new (BENCH_TYPE_FLOOD, NULL);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (bench.flood));
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.flood)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (bench.window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  bench.n_frames = n_frames;
  gtk_widget_add_tick_callback (GTK_WIDGET (bench.flood), flood_tick_cb, &bench, NULL);
  iterate_until (&bench.done);
  g_signal_handler_disconnect (clock, handler);
  *median = bench_percentile (bench.times, 0.5);
  *p95 = bench_percentile (bench.times, 0.95);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_array_unref (bench.times);
}

static void
run_scenario (Bench    *bench,
              Scenario  scenario,
              guint     n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (bench->window);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);

  bench->scenario = scenario;
  bench->frame = 0;
  bench->n_frames = n_frames;
  bench->done = FALSE;
  bench->tick_time = 0;
  bench->measuring = FALSE;
  g_array_set_size (bench->times, 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (bench->canvas), tick_cb, bench, NULL);
  iterate_until (&bench->done);
  g_signal_handler_disconnect (clock, handler);
}

/* A card of the first cell dragged through ten cells in view: along
 * the first lane to the right and back, at two heights (the view does
 * not scroll: that is the other scenario). */
static void
prepare_drag (Bench *bench)
{
  WaymarkLayout *layout = waymark_canvas_get_layout (bench->canvas);
  WaymarkLayoutCard **cards;
  WaymarkLayoutCard *lc;
  double height = gtk_widget_get_height (GTK_WIDGET (bench->canvas));

  if (waymark_layout_get_cell_cards (layout, 0, 0, &cards) == 0)
    {
      g_printerr ("bench-canvas: no card to drag\n");
      exit (1);
    }
  lc = cards[0];
  waymark_canvas_map_to_widget (bench->canvas, lc->rect.x + 40, lc->rect.y + 12, &bench->x0, &bench->y0);
  for (guint k = 0; k < 11; k++)
    {
      guint stage = k <= 5 ? k : 10 - k;
      WaymarkRect cell;
      double x, y;

      waymark_layout_get_cell_rect (layout, stage, 0, &cell);
      waymark_canvas_map_to_widget (bench->canvas, cell.x + 60, cell.y + 20, &x, &y);
      /* Well inside the window, away from the autoscroll edges. */
      bench->path[k][0] = x;
      bench->path[k][1] = CLAMP (y + (k <= 5 ? 180 : 420), 120, height - 120);
    }
  waymark_canvas_pointer_press (bench->canvas, bench->x0, bench->y0, 1, 0);
  waymark_canvas_pointer_motion (bench->canvas, bench->x0 + 20, bench->y0 + 20);
}

typedef struct
{
  double first_frame_ms;
  double open_ms;
  double median[2];
  double p95[2];
  double max[2];
  guint  items;
} Result;

static void
first_frame_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static Result
measure (WaymarkDocument *document,
         double           load_ms,
         guint            n_frames)
{
  Bench bench = { 0 };
  Result result = { 0 };
  GtkWidget *scroller = gtk_scrolled_window_new ();
  gint64 start;
  gboolean painted = FALSE;
  gulong handler;

  bench.times = g_array_new (FALSE, FALSE, sizeof (double));
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1920, 1080);
  bench.canvas = WAYMARK_CANVAS (waymark_canvas_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (bench.canvas));
  gtk_window_set_child (GTK_WINDOW (bench.window), scroller);
  gtk_window_present (GTK_WINDOW (bench.window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (bench.canvas)) || gtk_widget_get_width (GTK_WIDGET (bench.canvas)) < 1000)
    g_main_context_iteration (NULL, TRUE);

  /* Opening: the document goes into a shown window and the first frame
   * with it is painted. */
  start = g_get_monotonic_time ();
  handler = g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                              G_CALLBACK (first_frame_cb), &painted);
  waymark_canvas_set_document (bench.canvas, document);
  iterate_until (&painted);
  result.first_frame_ms = (g_get_monotonic_time () - start) / 1000.0;
  result.open_ms = load_ms + result.first_frame_ms;
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (bench.window), handler);

  /* Settle, then the two scenarios. */
  for (guint i = 0; i < 3; i++)
    {
      painted = FALSE;
      handler = g_signal_connect (gtk_widget_get_frame_clock (bench.window), "after-paint",
                                  G_CALLBACK (first_frame_cb), &painted);
      gtk_widget_queue_draw (GTK_WIDGET (bench.canvas));
      iterate_until (&painted);
      g_signal_handler_disconnect (gtk_widget_get_frame_clock (bench.window), handler);
    }

  run_scenario (&bench, SCENARIO_SCROLL, n_frames);
  result.median[0] = bench_percentile (bench.times, 0.5);
  result.p95[0] = bench_percentile (bench.times, 0.95);
  result.max[0] = bench_percentile (bench.times, 1.0);
  result.items = waymark_canvas_get_n_items (bench.canvas);

  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (bench.canvas)), 0);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (bench.canvas)), 0);
  waymark_canvas_flush (bench.canvas);
  prepare_drag (&bench);
  run_scenario (&bench, SCENARIO_DRAG, n_frames);
  result.median[1] = bench_percentile (bench.times, 0.5);
  result.p95[1] = bench_percentile (bench.times, 0.95);
  result.max[1] = bench_percentile (bench.times, 1.0);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_array_unref (bench.times);
  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_arg = NULL;
  g_autofree char *tool = NULL;
  int n_frames = 240;
  g_auto(GStrv) sizes = NULL;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Map sizes in cards", "500,2000,10000" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &n_frames, "Frames per scenario", "240" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the map canvas");
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) baseline_doc = NULL;
  Result baseline;
  double last_median = 0, last_p95 = 0;
  double floor_median = 0, floor_p95 = 0;
  gboolean have_2000 = FALSE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-canvas: %s\n", error->message);
      return 1;
    }
  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "500,2000,10000", ",", -1);

  tool = bench_gen_jmap_path ();
  if (!g_file_test (tool, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-canvas: gen-jmap not found at %s (set WAYMARK_GEN_JMAP)\n", tool);
      return 1;
    }

  gtk_init ();
  adw_init ();
  /* Frames, not settling animations, are what is measured. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  measure_floor (n_frames, &floor_median, &floor_p95);
  baseline_doc = empty_map ();
  baseline = measure (baseline_doc, 0, n_frames);

  printf ("renderer=%s window=1920x1080 zoom=100%% frames/scenario=%d\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", n_frames);
  printf ("full-window repaint by GTK alone (the floor of a scroll frame): median %.2f ms, p95 %.2f ms\n",
          floor_median, floor_p95);
  printf ("x_floor: scroll median / that floor; x_base: median / the one-card map's\n");
  printf ("%-8s %-7s %10s %10s %10s %8s %8s %8s\n", "cards", "frames", "median_ms", "p95_ms", "max_ms", "x_floor", "x_base", "items");
  printf ("%-8s %-7s %10.2f %10.2f %10.2f %8.2f %8s %8u\n", "1", "scroll", baseline.median[0], baseline.p95[0],
          baseline.max[0], baseline.median[0] / MAX (floor_median, 0.01), "1.00", baseline.items);
  printf ("%-8s %-7s %10.2f %10.2f %10.2f %8s %8s %8s\n", "1", "drag", baseline.median[1], baseline.p95[1],
          baseline.max[1], "", "1.00", "");

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      static const char *gen_options[] = { "--stages", "8", "--lanes", "7", "--seed", "7", NULL };
      g_autoptr(GBytes) bytes = bench_gen_jmap ("bench-canvas", tool, n, gen_options);
      g_autoptr(WaymarkDocument) document = NULL;
      gint64 start = g_get_monotonic_time ();
      double load_ms;
      Result r;

      document = waymark_jmap_read (bytes, NULL, &error);
      if (document == NULL)
        {
          g_printerr ("bench-canvas: %s\n", error->message);
          return 1;
        }
      load_ms = (g_get_monotonic_time () - start) / 1000.0;
      r = measure (document, load_ms, n_frames);
      printf ("%-8u %-7s %10.2f %10.2f %10.2f %8.2f %8.2f %8u\n", n, "scroll", r.median[0], r.p95[0], r.max[0],
              r.median[0] / MAX (floor_median, 0.01), r.median[0] / MAX (baseline.median[0], 0.01), r.items);
      printf ("%-8u %-7s %10.2f %10.2f %10.2f %8s %8.2f %8s\n", n, "drag", r.median[1], r.p95[1], r.max[1],
              "", r.median[1] / MAX (baseline.median[1], 0.01), "");
      printf ("%-8u %-7s load %.0f ms + first frame %.0f ms = %.0f ms to the first frame\n", n, "open",
              load_ms, r.first_frame_ms, r.open_ms);
      if (n == 2000)
        {
          have_2000 = TRUE;
          last_median = MAX (r.median[0], r.median[1]);
          last_p95 = MAX (r.p95[0], r.p95[1]);
        }
      fflush (stdout);
    }
  {
    /* The process's peak: the largest map dominates it. */
    g_autofree char *status = NULL;

    if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
      {
        const char *hwm = strstr (status, "VmHWM:");

        if (hwm != NULL)
          printf ("peak resident memory of the run: %.0f MiB\n",
                  g_ascii_strtod (hwm + 6, NULL) / 1024.0);
      }
  }
  if (have_2000)
    printf ("cards=2000 median_frame_ms=%.2f p95_frame_ms=%.2f\n", last_median, last_p95);
  return 0;
}
