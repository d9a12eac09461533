/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-panels: what the side panels cost while editing a large map, in
 * a real 1920×1080 WaymarkWindow. The baseline is the same window with
 * both side panels hidden, measured first and again last in the same
 * run; the ratios (x_) are to the mean of those two runs.
 *
 * Configurations: hidden; persona+pain-points and persona+details (both
 * panels shown, the side panel on that page); and, to tell which panel
 * costs what, persona, pain-points and details alone. Each runs in a
 * child process of its own (so that its peak resident memory is its
 * own): it opens the map into a new window (load_file_async until
 * finished, then the first frame: open_1st; and until the main loop
 * has been quiet for 100 ms: open_idle), selects one pain point on the
 * canvas (in every configuration; the inspector shows it on the Details
 * page) and scrolls to the top of the pain-points lane, then times
 * edits. An edit is one document operation, in turn: retitle a card
 * (set_string "title"), move it to the next stage's cell (move_cards),
 * undo; followed by running the main loop until it has drawn at least
 * one frame and been quiet for 30 ms. Its time is the operation plus
 * the main loop's work until then (time spent in dispatches: the frame
 * clock's throttling waits and the quiet period are not counted), split
 * into op (the operation and the document's signal handlers), layout
 * (frames' update and layout phases: style, measure, allocate), paint
 * (snapshot and render) and other (idles, events). A configuration
 * stops after --max-seconds of edits once it has MIN_EDITS.
 *
 * Run under Xvfb with GSK_RENDERER=cairo, GSETTINGS_BACKEND=memory and
 * GSETTINGS_SCHEMA_DIR=<build>/data, in a D-Bus session:
 *
 *   bench-panels [--sizes 2000,10000] [--edits 200] [--max-seconds 90]
 *                [--opens 3] [--configs hidden,persona,...,hidden]
 *
 * One configuration alone, for a profiler:
 *
 *   bench-panels --child FILE.jmap --config pain-points --edits N
 *
 * Maps come from gen-jmap (../shared/tools/gen-jmap, or
 * $WAYMARK_GEN_JMAP) with 8 stages, 7 lanes and seed 7. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "waymark-application.h"
#include "waymark-canvas.h"
#include "waymark-inspector.h"
#include "waymark-window-private.h"

#define WINDOW_WIDTH 1920
#define WINDOW_HEIGHT 1080
/* The main loop counts as idle after this long without dispatching. */
#define EDIT_QUIET_US (30 * 1000)
#define OPEN_QUIET_US (100 * 1000)
/* Warm-up edits before the measured ones (one round), and the fewest
 * measured however long they take (three rounds). */
#define WARMUP_EDITS 3
#define MIN_EDITS 9

typedef struct
{
  const char *name;
  gboolean    persona;
  gboolean    side;
  const char *page;
} Config;

/* The first is the baseline. The two "persona+" rows are the panels as a
 * user shows them; the three single-panel rows attribute the cost. */
static const Config configs[] = {
  { "hidden", FALSE, FALSE, "pain-points" },
  { "persona+pain-points", TRUE, TRUE, "pain-points" },
  { "persona+details", TRUE, TRUE, "details" },
  { "persona", TRUE, FALSE, "pain-points" },
  { "pain-points", FALSE, TRUE, "pain-points" },
  { "details", FALSE, TRUE, "details" },
};

static const Config *
find_config (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    if (g_str_equal (configs[i].name, name))
      return &configs[i];
  return NULL;
}

static double
proc_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtod (line + strlen (field), NULL) : 0;
}

/* ---- The child: one configuration ---- */

typedef struct
{
  WaymarkWindow *window;
  GtkWidget     *canvas;
  guint          frames;
  /* When the first frame since the counters were reset ended, or 0. */
  gint64         first_paint;
  /* In the frame under way: when it began or its last layout pass
   * ended (GTK may run several), else 0. */
  gint64         mark;
  /* Since the counters were reset, in µs: frames' update and layout
   * phases (style, measure, allocate), and their paint phases (snapshot
   * and render). */
  gint64         layout_us;
  gint64         paint_us;
} Watch;

static void
watch_reset (Watch *watch)
{
  watch->frames = 0;
  watch->first_paint = 0;
  watch->mark = 0;
  watch->layout_us = 0;
  watch->paint_us = 0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Watch         *watch)
{
  watch->mark = g_get_monotonic_time ();
}

/* Connected after GTK's own layout handler, so it runs when a layout
 * pass is done. */
static void
layout_cb (GdkFrameClock *clock,
           Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();

  if (watch->mark > 0)
    watch->layout_us += now - watch->mark;
  watch->mark = now;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Watch         *watch)
{
  gint64 now = g_get_monotonic_time ();

  watch->frames++;
  if (watch->first_paint == 0)
    watch->first_paint = now;
  if (watch->mark > 0)
    watch->paint_us += now - watch->mark;
  watch->mark = 0;
}

static void
watch_connect (Watch         *watch,
               GdkFrameClock *clock,
               gulong         handlers[3])
{
  handlers[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), watch);
  handlers[1] = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), watch);
  handlers[2] = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), watch);
}

static void
watch_disconnect (GdkFrameClock *clock,
                  gulong         handlers[3])
{
  for (guint i = 0; i < 3; i++)
    g_signal_handler_disconnect (clock, handlers[i]);
}

/* The main thread's CPU time, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Runs the main loop until it has drawn at least one frame since the
 * watch was reset and then dispatched nothing for quiet_us. Returns the
 * wall time spent dispatching, in µs, and adds the main thread's CPU
 * time for it to *cpu_us; *last_activity is when the last dispatch
 * ended. A change that draws nothing gets a canvas redraw (counted in
 * *forced). */
static gint64
run_until_settled (Watch  *watch,
                   gint64  quiet_us,
                   gint64 *last_activity,
                   gint64 *cpu_us,
                   guint  *forced)
{
  gint64 start = g_get_monotonic_time ();
  gint64 last = start;
  gint64 busy = 0;

  for (;;)
    {
      gint64 t = g_get_monotonic_time ();
      gint64 cpu = thread_cpu_us ();

      if (g_main_context_iteration (NULL, FALSE))
        {
          last = g_get_monotonic_time ();
          busy += last - t;
          if (cpu_us != NULL)
            *cpu_us += thread_cpu_us () - cpu;
          continue;
        }
      if (t - last >= quiet_us)
        {
          if (watch->frames > 0)
            break;
          if (forced != NULL)
            (*forced)++;
          gtk_widget_queue_draw (watch->canvas);
          last = t;
        }
      if (t - start > 60 * G_USEC_PER_SEC)
        {
          g_printerr ("bench-panels: the main loop did not settle in 60 s\n");
          exit (1);
        }
      g_usleep (100);
    }
  if (last_activity != NULL)
    *last_activity = last;
  return busy;
}

static void
wait_until_mapped (Watch *watch)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (watch->canvas) || gtk_widget_get_width (watch->canvas) < 400)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_printerr ("bench-panels: the window was not shown\n");
          exit (1);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
destroy_window (WaymarkWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* A new window showing the configuration's panels, and the map opened
 * into it: *first_ms to the first frame after the load finished,
 * *settled_ms until the main loop was quiet. */
static WaymarkWindow *
open_window (WaymarkApplication *app,
             GSettings          *settings,
             const Config       *config,
             GFile              *file,
             Watch              *watch,
             double             *first_ms,
             double             *settled_ms)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GdkFrameClock *clock;
  gulong handlers[3];
  gint64 start, last;

  /* As the user left them: the window starts that way. */
  if (settings != NULL)
    {
      g_settings_set_boolean (settings, "persona-panel-visible", config->persona);
      g_settings_set_boolean (settings, "side-panel-visible", config->side);
      g_settings_set_string (settings, "side-panel-page", config->page);
    }
  watch->window = WAYMARK_WINDOW (waymark_window_new (GTK_APPLICATION (app)));
  watch->canvas = watch->window->map_view;
  gtk_window_set_default_size (GTK_WINDOW (watch->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (watch->window));
  wait_until_mapped (watch);
  waymark_window_set_panel_visible (watch->window, TRUE, config->persona);
  waymark_window_set_panel_visible (watch->window, FALSE, config->side);
  adw_view_stack_set_visible_child_name (watch->window->side_stack, config->page);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (watch->window));
  watch_connect (watch, clock, handlers);
  watch_reset (watch);
  gtk_widget_queue_draw (GTK_WIDGET (watch->window));
  run_until_settled (watch, OPEN_QUIET_US, NULL, NULL, NULL);

  start = g_get_monotonic_time ();
  waymark_window_load_file_async (watch->window, file, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!waymark_window_load_file_finish (watch->window, result, &error))
    {
      g_printerr ("bench-panels: %s\n", error->message);
      exit (1);
    }
  watch_reset (watch);
  while (watch->frames == 0)
    g_main_context_iteration (NULL, TRUE);
  *first_ms = (watch->first_paint - start) / 1000.0;
  run_until_settled (watch, OPEN_QUIET_US, &last, NULL, NULL);
  *settled_ms = (last - start) / 1000.0;
  watch_disconnect (clock, handlers);
  return watch->window;
}

typedef enum
{
  EDIT_RETITLE,
  EDIT_MOVE,
  EDIT_UNDO,
  N_EDIT_KINDS
} EditKind;

/* The pain points at the top of the first two stages' cells: in view
 * once the canvas is scrolled there, and listed by the Pain Points
 * page. */
static GPtrArray *
edit_targets (WaymarkDocument *document,
              guint           *lane_out)
{
  GListModel *lanes = waymark_document_get_lanes (document);
  GListModel *stages = waymark_document_get_stages (document);
  GPtrArray *targets = g_ptr_array_new_with_free_func (g_object_unref);
  guint lane_index = G_MAXUINT;
  g_autoptr(WaymarkLane) lane = NULL;

  for (guint j = 0; j < g_list_model_get_n_items (lanes) && lane_index == G_MAXUINT; j++)
    {
      g_autoptr(WaymarkLane) l = g_list_model_get_item (lanes, j);

      if (g_str_equal (waymark_lane_get_kind (l), "pain-points"))
        lane_index = j;
    }
  if (lane_index == G_MAXUINT || g_list_model_get_n_items (stages) < 3)
    {
      g_printerr ("bench-panels: the map has no pain-points lane or fewer than 3 stages\n");
      exit (1);
    }
  lane = g_list_model_get_item (lanes, lane_index);
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);
      g_autoptr(GPtrArray) cell = waymark_document_get_cell_cards (document, waymark_stage_get_id (stage),
                                                                  waymark_lane_get_id (lane));

      for (guint k = 0; k < MIN (cell->len, 3); k++)
        g_ptr_array_add (targets, g_object_ref (cell->pdata[k]));
    }
  if (targets->len == 0)
    {
      g_printerr ("bench-panels: no pain point to edit\n");
      exit (1);
    }
  *lane_out = lane_index;
  return targets;
}

/* The cell of the stage after the card's (the first stage after the
 * last). */
static const char *
next_stage_id (WaymarkDocument *document,
               WaymarkCard     *card)
{
  GListModel *stages = waymark_document_get_stages (document);
  guint n = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n; s++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, s);

      if (g_str_equal (waymark_stage_get_id (stage), waymark_card_get_stage (card)))
        {
          g_autoptr(WaymarkStage) next = g_list_model_get_item (stages, (s + 1) % n);

          return waymark_stage_get_id (next);
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static void
do_edit (WaymarkDocument *document,
         WaymarkCard     *card,
         EditKind         kind,
         guint            serial)
{
  switch (kind)
    {
    case EDIT_RETITLE:
      {
        g_autofree char *title = g_strdup_printf ("Benchmark edit %u", serial);

        waymark_document_set_string (document, card, "title", title);
      }
      break;
    case EDIT_MOVE:
      waymark_document_move_cards (document, &card, 1, next_stage_id (document, card),
                                   waymark_card_get_lane (card), 0);
      break;
    case EDIT_UNDO:
      if (!waymark_history_undo (waymark_document_get_history (document)))
        {
          g_printerr ("bench-panels: nothing to undo\n");
          exit (1);
        }
      break;
    case N_EDIT_KINDS:
    default:
      g_assert_not_reached ();
    }
}


/* The measurements of one edit, in ms. */
enum
{
  M_EDIT,    /* operation + main-loop work until settled */
  M_CPU,     /* the main thread's CPU time for the same */
  M_FRAME,   /* wall time from the operation to the end of its first frame */
  M_OP,      /* the operation itself, with the document's signal handlers */
  M_LAYOUT,  /* frames' update and layout phases */
  M_PAINT,   /* frames' paint phases */
  M_OTHER,   /* the rest of the main loop's work: idles, events */
  M_RETITLE, /* M_EDIT by kind */
  M_MOVE,
  M_UNDO,
  N_MEASURES
};

static const char *measure_names[] = {
  "edit", "cpu", "frame", "op", "layout", "paint", "other", "retitle", "move", "undo",
};

static int
run_child (const char *path,
           const char *config_name,
           guint       n_edits,
           guint       n_opens,
           double      max_seconds)
{
  const Config *config = find_config (config_name);
  g_autoptr(WaymarkApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) open_first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) targets = NULL;
  GArray *m[N_MEASURES];
  WaymarkWindow *window = NULL;
  WaymarkDocument *document;
  Watch watch = { 0 };
  GdkFrameClock *clock;
  gulong handlers[3];
  guint lane_index, total_frames = 0, forced = 0, measured = 0;
  gint64 deadline = 0;
  double rss_after_open;

  if (config == NULL)
    {
      g_printerr ("bench-panels: no configuration %s\n", config_name);
      return 1;
    }
  for (guint k = 0; k < N_MEASURES; k++)
    m[k] = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_init ();
  adw_init ();
  /* Frames and work, not settling animations or a blinking cursor. */
  g_object_set (gtk_settings_get_default (),
                "gtk-enable-animations", FALSE,
                "gtk-cursor-blink", FALSE,
                NULL);
  app = waymark_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-panels: %s\n", error->message);
      return 1;
    }
  settings = waymark_settings_new_or_null ();
  if (settings == NULL)
    g_printerr ("bench-panels: no settings schema (set GSETTINGS_SCHEMA_DIR); the panels start hidden\n");

  /* Opening: every window but the last is closed again. */
  for (guint i = 0; i < MAX (n_opens, 1); i++)
    {
      double first_ms, settled_ms;

      if (window != NULL)
        destroy_window (window);
      window = open_window (app, settings, config, file, &watch, &first_ms, &settled_ms);
      g_array_append_val (open_first, first_ms);
      g_array_append_val (open_settled, settled_ms);
    }
  rss_after_open = proc_status_kib ("VmRSS:");
  document = waymark_window_get_document (window);
  if (waymark_window_get_panel_visible (window, TRUE) != config->persona ||
      waymark_window_get_panel_visible (window, FALSE) != config->side ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (window->side_stack), config->page) != 0)
    {
      g_printerr ("bench-panels: %s: the panels are not as configured (window folded?)\n", config->name);
      return 1;
    }

  /* One pain point selected (the inspector shows it on the Details
   * page), and the top of its lane in view. */
  targets = edit_targets (document, &lane_index);
  waymark_canvas_set_selection (WAYMARK_CANVAS (watch.canvas), (WaymarkCard **) targets->pdata, 1);
  {
    WaymarkLayout *layout;
    WaymarkRect cell;
    GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (watch.canvas));
    double x, y;

    waymark_canvas_flush (WAYMARK_CANVAS (watch.canvas));
    layout = waymark_canvas_get_layout (WAYMARK_CANVAS (watch.canvas));
    waymark_layout_get_cell_rect (layout, 0, lane_index, &cell);
    waymark_canvas_map_to_widget (WAYMARK_CANVAS (watch.canvas), cell.x, cell.y, &x, &y);
    gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + y - 80);
  }
  if (g_str_equal (config->page, "details") && config->side &&
      waymark_inspector_get_shown (WAYMARK_INSPECTOR (window->inspector)) != targets->pdata[0])
    {
      g_printerr ("bench-panels: the inspector does not show the selected card\n");
      return 1;
    }
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  watch_connect (&watch, clock, handlers);
  watch_reset (&watch);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run_until_settled (&watch, OPEN_QUIET_US, NULL, NULL, NULL);

  /* Whole retitle, move, undo rounds, until n_edits or, after at least
   * MIN_EDITS, the time budget runs out. */
  for (guint i = 0; i < WARMUP_EDITS + n_edits; i++)
    {
      EditKind kind = i % N_EDIT_KINDS;
      WaymarkCard *card = targets->pdata[(i / N_EDIT_KINDS) % targets->len];
      gint64 start, cpu_start, op_us, busy_us, cpu_us;
      double v[N_MEASURES];

      if (i == WARMUP_EDITS)
        deadline = g_get_monotonic_time () + (gint64) (max_seconds * G_USEC_PER_SEC);
      if (i >= WARMUP_EDITS && kind == EDIT_RETITLE && measured >= MIN_EDITS &&
          g_get_monotonic_time () > deadline)
        break;

      watch_reset (&watch);
      start = g_get_monotonic_time ();
      cpu_start = thread_cpu_us ();
      do_edit (document, card, kind, i);
      op_us = g_get_monotonic_time () - start;
      cpu_us = thread_cpu_us () - cpu_start;
      busy_us = run_until_settled (&watch, EDIT_QUIET_US, NULL, &cpu_us, &forced);
      if (i < WARMUP_EDITS)
        continue;

      v[M_EDIT] = (op_us + busy_us) / 1000.0;
      v[M_CPU] = cpu_us / 1000.0;
      v[M_FRAME] = (watch.first_paint - start) / 1000.0;
      v[M_OP] = op_us / 1000.0;
      v[M_LAYOUT] = watch.layout_us / 1000.0;
      v[M_PAINT] = watch.paint_us / 1000.0;
      v[M_OTHER] = MAX (busy_us - watch.layout_us - watch.paint_us, 0) / 1000.0;
      for (guint k = 0; k <= M_OTHER; k++)
        g_array_append_val (m[k], v[k]);
      g_array_append_val (m[M_RETITLE + kind], v[M_EDIT]);
      total_frames += watch.frames;
      measured++;
    }
  watch_disconnect (clock, handlers);

  printf ("result config=%s n=%u open_first_ms=%.2f open_settled_ms=%.2f frames_per_edit=%.2f forced=%u"
          " canvas_width=%d items=%u rss_open_kib=%.0f hwm_kib=%.0f edit_p95_ms=%.3f",
          config->name, measured, bench_percentile (open_first, 0.5), bench_percentile (open_settled, 0.5),
          total_frames / (double) MAX (measured, 1), forced, gtk_widget_get_width (watch.canvas),
          waymark_canvas_get_n_items (WAYMARK_CANVAS (watch.canvas)), rss_after_open,
          proc_status_kib ("VmHWM:"), bench_percentile (m[M_EDIT], 0.95));
  for (guint k = 0; k < N_MEASURES; k++)
    printf (" %s_median_ms=%.3f", measure_names[k], bench_percentile (m[k], 0.5));
  printf ("\n");
  fflush (stdout);

  for (guint k = 0; k < N_MEASURES; k++)
    g_array_unref (m[k]);
  destroy_window (window);
  return 0;
}

/* ---- The parent: maps, children and the tables ---- */

static GHashTable *
run_config (const char *self_path,
            const char *map_path,
            const char *config,
            guint       n_edits,
            guint       n_opens,
            double      max_seconds)
{
  g_autofree char *edits = g_strdup_printf ("%u", n_edits);
  g_autofree char *opens = g_strdup_printf ("%u", n_opens);
  char budget[G_ASCII_DTOSTR_BUF_SIZE];
  const char *argv[] = { self_path, "--child", map_path, "--config", config,
                         "--edits", edits, "--opens", opens, "--max-seconds", budget, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_ascii_dtostr (budget, sizeof budget, max_seconds);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error) ||
      !g_subprocess_get_successful (process))
    {
      g_printerr ("bench-panels: %s failed: %s\n", config, error ? error->message : "see above");
      exit (1);
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (!g_str_has_prefix (lines[i], "result "))
        continue;
      fields = g_strsplit (lines[i] + 7, " ", -1);
      for (guint f = 0; fields[f] != NULL; f++)
        {
          char *eq = strchr (fields[f], '=');

          if (eq != NULL)
            g_hash_table_insert (values, g_strndup (fields[f], eq - fields[f]), g_strdup (eq + 1));
        }
    }
  if (!g_hash_table_contains (values, "edit_median_ms"))
    {
      g_printerr ("bench-panels: %s gave no result\n", config);
      exit (1);
    }
  return values;
}

static double
value (GHashTable *values,
       const char *key)
{
  const char *text = g_hash_table_lookup (values, key);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0;
}

/* The mean of a value over the baseline runs. */
static double
baseline_value (GPtrArray  *results,
                char      **names,
                const char *key)
{
  double sum = 0;
  guint n = 0;

  for (guint c = 0; c < results->len; c++)
    if (g_str_equal (names[c], names[0]))
      {
        sum += value (results->pdata[c], key);
        n++;
      }
  return MAX (sum / MAX (n, 1), 0.001);
}

static void
print_tables (guint       n_cards,
              char      **names,
              GPtrArray  *results)
{
  double b_med = baseline_value (results, names, "edit_median_ms");
  double b_p95 = baseline_value (results, names, "edit_p95_ms");
  double b_cpu = baseline_value (results, names, "cpu_median_ms");
  double b_open = baseline_value (results, names, "open_settled_ms");

  printf ("\n%u cards: edits (ms; x_ = ratio to the mean of the '%s' runs)\n", n_cards, names[0]);
  printf ("%-20s %4s %9s %9s %6s %6s %9s %6s %9s %5s %6s %6s\n", "config", "n", "edit_med", "edit_p95",
          "x_med", "x_p95", "cpu_med", "x_cpu", "frame_med", "fr/ed", "canvas", "items");
  for (guint c = 0; c < results->len; c++)
    {
      GHashTable *r = results->pdata[c];

      printf ("%-20s %4.0f %9.2f %9.2f %6.2f %6.2f %9.2f %6.2f %9.2f %5.2f %6.0f %6.0f\n", names[c],
              value (r, "n"), value (r, "edit_median_ms"), value (r, "edit_p95_ms"),
              value (r, "edit_median_ms") / b_med, value (r, "edit_p95_ms") / b_p95,
              value (r, "cpu_median_ms"), value (r, "cpu_median_ms") / b_cpu, value (r, "frame_median_ms"),
              value (r, "frames_per_edit"), value (r, "canvas_width"), value (r, "items"));
      if (value (r, "forced") > 0)
        printf ("%-20s (%.0f edits drew nothing by themselves; the canvas was redrawn)\n", "",
                value (r, "forced"));
    }
  printf ("%u cards: where an edit's time goes (medians, ms), opening (median, ms), memory\n", n_cards);
  printf ("%-20s %8s %8s %8s %8s %8s %8s %8s %9s %9s %6s %8s\n", "config", "op", "other", "layout",
          "paint", "retitle", "move", "undo", "open_1st", "open_idle", "x_open", "peak_MiB");
  for (guint c = 0; c < results->len; c++)
    {
      GHashTable *r = results->pdata[c];

      printf ("%-20s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %9.0f %9.0f %6.2f %8.0f\n", names[c],
              value (r, "op_median_ms"), value (r, "other_median_ms"), value (r, "layout_median_ms"),
              value (r, "paint_median_ms"), value (r, "retitle_median_ms"), value (r, "move_median_ms"),
              value (r, "undo_median_ms"), value (r, "open_first_ms"), value (r, "open_settled_ms"),
              value (r, "open_settled_ms") / b_open, value (r, "hwm_kib") / 1024.0);
    }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes_arg = NULL;
  g_autofree char *configs_arg = NULL;
  g_autofree char *child = NULL;
  g_autofree char *child_config = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *tmp_dir = NULL;
  int n_edits = 200, n_opens = 3;
  double max_seconds = 90;
  g_auto(GStrv) sizes = NULL;
  g_auto(GStrv) names = NULL;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Map sizes in cards", "2000,10000" },
    { "edits", 0, 0, G_OPTION_ARG_INT, &n_edits, "Measured edits per configuration", "200" },
    { "max-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &max_seconds,
      "Stop a configuration's edits after this long (at least " G_STRINGIFY (MIN_EDITS) " edits)", "90" },
    { "opens", 0, 0, G_OPTION_ARG_INT, &n_opens, "Opens per configuration (the median is reported)", "3" },
    { "configs", 0, 0, G_OPTION_ARG_STRING, &configs_arg,
      "Configurations; the first is the baseline, and may come again", "hidden,...,hidden" },
    { "child", 0, 0, G_OPTION_ARG_FILENAME, &child, "Measure one configuration on this map", "FILE" },
    { "config", 0, 0, G_OPTION_ARG_STRING, &child_config, "The configuration for --child", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the side panels while editing");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-panels: %s\n", error->message);
      return 1;
    }
  if (child != NULL)
    return run_child (child, child_config != NULL ? child_config : "hidden", MAX (n_edits, MIN_EDITS), n_opens,
                      max_seconds);

  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "2000,10000", ",", -1);
  if (configs_arg != NULL)
    names = g_strsplit (configs_arg, ",", -1);
  else
    {
      /* The baseline first and again last, so drift shows. */
      names = g_new0 (char *, G_N_ELEMENTS (configs) + 2);
      for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
        names[i] = g_strdup (configs[i].name);
      names[G_N_ELEMENTS (configs)] = g_strdup (configs[0].name);
    }
  for (guint i = 0; names[i] != NULL; i++)
    if (find_config (names[i]) == NULL)
      {
        g_printerr ("bench-panels: no configuration %s\n", names[i]);
        return 1;
      }

  tool = bench_gen_jmap_path ();
  if (!g_file_test (tool, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-panels: gen-jmap not found at %s (set WAYMARK_GEN_JMAP)\n", tool);
      return 1;
    }
  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL || (tmp_dir = g_dir_make_tmp ("bench-panels-XXXXXX", &error)) == NULL)
    {
      g_printerr ("bench-panels: %s\n", error->message);
      return 1;
    }

  printf ("renderer=%s window=%dx%d edits/config=%d (retitle, move, undo; +%d warm-up; at most %.0f s)"
          " opens/config=%d\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", WINDOW_WIDTH, WINDOW_HEIGHT,
          MAX (n_edits, MIN_EDITS), WARMUP_EDITS, max_seconds, n_opens);
  printf ("edit: the operation + the main loop's work until idle, >= 1 frame drawn; cpu: the main thread's CPU"
          " time for it; frame: wall time from the operation to the end of its first frame\n");
  fflush (stdout);

  for (guint s = 0; sizes[s] != NULL; s++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[s], NULL, 10);
      static const char *gen_options[] = { "--stages", "8", "--lanes", "7", "--seed", "7", NULL };
      g_autoptr(GBytes) bytes = bench_gen_jmap ("bench-panels", tool, n, gen_options);
      g_autofree char *basename = g_strdup_printf ("map-%u.jmap", n);
      g_autofree char *map_path = g_build_filename (tmp_dir, basename, NULL);
      g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

      if (!g_file_set_contents (map_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
        {
          g_printerr ("bench-panels: %s\n", error->message);
          return 1;
        }
      for (guint c = 0; names[c] != NULL; c++)
        {
          g_ptr_array_add (results, run_config (self_path, map_path, names[c], MAX (n_edits, MIN_EDITS),
                                                n_opens, max_seconds));
          g_printerr ("bench-panels: %u cards, %s: %s ms per edit\n", n, names[c],
                      (char *) g_hash_table_lookup (results->pdata[c], "edit_median_ms"));
        }
      print_tables (n, names, results);
      g_unlink (map_path);
    }
  g_rmdir (tmp_dir);
  return 0;
}
