/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the side panel tests share: the set-up of a GTK test program with
 * the application's style sheet, and a window that shows a panel beside
 * a map canvas, as the application window does. */
#pragma once

#include <adwaita.h>

#include "test-gtk.h"
#include "waymark-canvas.h"

/* gtk_test_init() and adw_init(), no animations, and style.css, which
 * AdwApplication would load in the application. */
static inline void
test_panel_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GtkCssProvider) style = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  style = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (style, "/io/github/waymark/Waymark/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* A presented width × height window with a canvas on document in a
 * scrolled window, and panel (panel_width wide) on its left when
 * panel_first, else on its right; returns when both are mapped. The
 * canvas and its scrolled window are returned through the pointers. */
static inline GtkWidget *
test_panel_window_new (WaymarkDocument  *document,
                       GtkWidget        *panel,
                       int               panel_width,
                       gboolean          panel_first,
                       int               width,
                       int               height,
                       WaymarkCanvas   **canvas,
                       GtkWidget       **scroller)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  WaymarkCanvas *map = WAYMARK_CANVAS (waymark_canvas_new ());

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (map));
  gtk_widget_set_size_request (panel, panel_width, -1);
  gtk_box_append (GTK_BOX (box), panel_first ? panel : scrolled);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), panel_first ? scrolled : panel);
  gtk_window_set_child (GTK_WINDOW (window), box);
  waymark_canvas_set_document (map, document);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (panel) && gtk_widget_get_width (GTK_WIDGET (map)) > 500);
  drain_main_context ();

  *canvas = map;
  if (scroller != NULL)
    *scroller = scrolled;
  return window;
}
