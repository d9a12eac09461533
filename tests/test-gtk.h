/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waiting on the main loop and taking screenshots, for the GTK tests
 * (they run under Xvfb with the cairo renderer). */
#pragma once

#include <gtk/gtk.h>

/* Iterates the main context until cond holds, failing after 30 s rather
 * than hanging the test run. */
#define WAIT_UNTIL(cond)                                                  \
  G_STMT_START {                                                          \
    gint64 wait_deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; \
    while (!(cond))                                                       \
      {                                                                   \
        g_assert_cmpint (g_get_monotonic_time (), <, wait_deadline);      \
        if (!g_main_context_iteration (NULL, FALSE))                      \
          g_usleep (1000);                                                \
      }                                                                   \
  } G_STMT_END

/* Runs what is pending until nothing is. A widget that asks for frames
 * for ever keeps the context busy when frames are slower than the frame
 * interval (as under AddressSanitizer): fail after 30 s instead of
 * hanging. */
static inline void
drain_pending (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
}

/* Runs what is pending, a few rounds, so that idles queued by idles run
 * too. */
static inline void
drain_main_context (void)
{
  for (guint i = 0; i < 5; i++)
    {
      drain_pending ();
      g_usleep (2000);
    }
}

/* Redraws widget and waits until n frames have been drawn. */
static inline void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_assert_nonnull (clock);
  for (guint i = 0; i < n; i++)
    {
      gint64 start = gdk_frame_clock_get_frame_counter (clock);

      gtk_widget_queue_draw (widget);
      WAIT_UNTIL (gdk_frame_clock_get_frame_counter (clock) > start);
    }
  drain_pending ();
}

/* Renders widget as it is now into G_TEST_BUILDDIR/name (a PNG). */
static inline void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  /* A widget that has not been drawn since it last changed gives no
   * picture yet: let a few frames pass. */
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        wait_frames (widget, 1);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}
