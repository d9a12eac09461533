/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a window shows while it holds no map: New Map and Open, the
 * templates, and the maps opened lately (GtkRecentManager) by title. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_START_PAGE (waymark_start_page_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkStartPage, waymark_start_page, WAYMARK, START_PAGE, AdwBin)

/* The MIME type of .jmap files, as recorded in the recent list. */
#define WAYMARK_JMAP_MIME_TYPE "application/x-jmap"
/* How many recent maps the page lists. */
#define WAYMARK_START_PAGE_MAX_RECENT 8

GtkWidget  *waymark_start_page_new              (void);

/* The recent maps' list box and the template tiles' flow box, for
 * tests. A recent row's title is the map's title once read (the file's
 * name until then); waymark_start_page_row_get_file() is the file a
 * row opens. */
GtkListBox *waymark_start_page_get_recent_list  (WaymarkStartPage *self);
GtkFlowBox *waymark_start_page_get_template_box (WaymarkStartPage *self);
GFile      *waymark_start_page_row_get_file     (GtkListBoxRow    *row);
/* Rows whose titles are still being read. */
guint       waymark_start_page_get_n_pending    (WaymarkStartPage *self);

/* Adds file to the recent list as a journey map (main thread). */
void        waymark_add_recent_map              (GFile            *file);

/* The title of the map in file, read from its first 64 KiB without
 * building the document; NULL when it has none there, or an empty one,
 * or cannot be read. Blocking: for worker threads. */
char       *waymark_read_map_title              (GFile            *file,
                                                 GCancellable     *cancellable);

G_END_DECLS
