/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Takes the screenshots in data/screenshots/ (for the metainfo and the
 * README) of the grocery example, the way the app draws them: not a
 * test. Under Xvfb, from the top of the source tree:
 *
 *   ninja -C BUILD tests/take-screenshots
 *   xvfb-run -a -s "-screen 0 1920x1200x24" dbus-run-session -- \
 *     env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=BUILD/data \
 *     GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable \
 *     BUILD/tests/take-screenshots data/examples data/screenshots
 */

#include "config.h"

#include <glib/gi18n.h>

#include "test-app.h"
#include "waymark-export-dialog-private.h"
#include "waymark-persona-panel.h"
#include "waymark-window-private.h"

#define WIDTH  1600
#define HEIGHT 1000

static const char *out_dir;

/* The widget as drawn now. */
static GskRenderNode *
render_node (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GskRenderNode *node = NULL;

  wait_frames (widget, 3);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        wait_frames (widget, 1);
      gdk_paintable_snapshot (paintable, snapshot,
                              gtk_widget_get_width (widget), gtk_widget_get_height (widget));
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return node;
}

static void
save_node (GtkWidget     *widget,
           GskRenderNode *node,
           const char    *name)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkTexture) texture = NULL;

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s: %d×%d\n", path, width, height);
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autoptr(GskRenderNode) node = render_node (widget);

  save_node (widget, node, name);
}

/* A dialog over its dimmed parent, as the desktop shows a modal one. */
static void
shoot_dialog (GtkWidget  *parent,
              GtkWidget  *dialog,
              const char *name)
{
  g_autoptr(GskRenderNode) parent_node = render_node (parent);
  g_autoptr(GskRenderNode) dialog_node = render_node (dialog);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (parent);
  int height = gtk_widget_get_height (parent);
  int dialog_width = gtk_widget_get_width (dialog);
  int dialog_height = gtk_widget_get_height (dialog);
  GskRoundedRect outline;

  gtk_snapshot_append_node (snapshot, parent_node);
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 0.25 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - dialog_width) / 2,
                                                          (height - dialog_height) / 2));
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, dialog_width, dialog_height), 8);
  gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.3 }, 0, 4, 1, 18);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_node (snapshot, dialog_node);
  gtk_snapshot_pop (snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  save_node (parent, node, name);
}

static WaymarkWindow *
open_example (WaymarkApplication *app,
              const char         *examples)
{
  g_autofree char *path = g_build_filename (examples, "grocery-first-order.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_window_new (GTK_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  load_window (window, file);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  wait_frames (GTK_WIDGET (window), 3);
  drain_main_context ();
  return window;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(WaymarkApplication) app = NULL;
  WaymarkWindow *window;
  WaymarkPersonaPanel *personas;
  g_autoptr(WaymarkPersona) persona = NULL;
  WaymarkExportDialog *dialog;

  if (argc != 3)
    {
      g_printerr ("usage: %s EXAMPLES-DIR OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  out_dir = argv[2];

  gtk_init ();
  adw_init ();
  app = test_app_new ();

  /* The map with both side panels: personas, pain points and solutions. */
  window = open_example (app, argv[1]);
  waymark_window_set_panel_visible (window, TRUE, TRUE);
  waymark_window_set_panel_visible (window, FALSE, TRUE);
  /* A little more of the map beside the panels. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  drain_main_context ();
  shoot (GTK_WIDGET (window), "main-window.png");

  /* One persona's profile. */
  personas = WAYMARK_PERSONA_PANEL (window->persona_panel);
  persona = g_list_model_get_item (waymark_document_get_personas (window->document), 0);
  waymark_persona_panel_show_persona (personas, persona);
  waymark_window_set_panel_visible (window, FALSE, FALSE);
  drain_main_context ();
  shoot (GTK_WIDGET (window), "personas.png");

  /* The export dialog. */
  waymark_persona_panel_show_persona (personas, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  WAIT_UNTIL (window->export_dialog != NULL && gtk_widget_get_mapped (window->export_dialog));
  dialog = WAYMARK_EXPORT_DIALOG (window->export_dialog);
  /* The preview is rendered in a worker thread. */
  WAIT_UNTIL (gtk_picture_get_paintable (dialog->preview_picture) != NULL &&
              dialog->preview_cancellable == NULL && !dialog->preview_dirty &&
              dialog->preview_timeout == 0 &&
              !dialog->size_running);
  drain_main_context ();
  shoot_dialog (GTK_WIDGET (window), window->export_dialog, "export.png");

  gtk_window_destroy (GTK_WINDOW (window->export_dialog));
  destroy_window (window);
  return 0;
}
