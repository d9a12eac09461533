/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A window showing one journey map: opening and saving it, undo and
 * redo, and asking before unsaved changes are lost. */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_WINDOW (waymark_window_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkWindow, waymark_window, WAYMARK, WINDOW, AdwApplicationWindow)

/* Properties: "document" (never NULL), "file" (NULL for a map never
 * saved), "busy" (read-only: opening or saving is under way). */
WaymarkWindow   *waymark_window_new              (GtkApplication *application);

WaymarkDocument *waymark_window_get_document     (WaymarkWindow  *self);
GFile           *waymark_window_get_file         (WaymarkWindow  *self);
gboolean         waymark_window_get_busy         (WaymarkWindow  *self);
GtkWidget       *waymark_window_get_map_view     (WaymarkWindow  *self);

/* TRUE while the window holds a new map nobody has touched, so opening a
 * file may replace it. */
gboolean         waymark_window_is_pristine      (WaymarkWindow  *self);
/* TRUE when the window shows file or is opening it. */
gboolean         waymark_window_has_file         (WaymarkWindow  *self,
                                                  GFile          *file);

/* Opens file in a worker thread and shows it in this window. On failure
 * the window keeps what it showed and presents a dialog naming the file
 * and the problem; the error is also returned. Repairs are listed in a
 * banner. */
void             waymark_window_load_file_async  (WaymarkWindow       *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         waymark_window_load_file_finish (WaymarkWindow       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Shows document, recovered from a draft, as an unsaved map whose file
 * (NULL for a map never saved) is where Save writes it. */
void             waymark_window_show_recovered   (WaymarkWindow   *self,
                                                  WaymarkDocument *document,
                                                  GFile           *file);
/* Stamps the generator and modification time, writes the map to file
 * (atomically, in a worker thread) and, once that succeeded, makes file
 * the window's file and marks the map saved. A failure is shown in the
 * window and returned; the map then stays unsaved. This is what Save and
 * Save As do after choosing the file. */
void             waymark_window_save_to_file_async  (WaymarkWindow       *self,
                                                     GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         waymark_window_save_to_file_finish (WaymarkWindow       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Asks "Save Changes?" when the map has unsaved changes. Finishes with
 * TRUE when the window may close: nothing was unsaved, the user chose
 * Discard, or chose Save and the save succeeded. FALSE on Cancel. Does
 * not close the window itself. */
void             waymark_window_confirm_close_async  (WaymarkWindow       *self,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         waymark_window_confirm_close_finish (WaymarkWindow       *self,
                                                      GAsyncResult        *result);

void             waymark_window_add_toast        (WaymarkWindow  *self,
                                                  AdwToast       *toast);

/* Shows the start page (New Map, templates, recent maps) for as long as
 * the window holds an untouched new map; opening or creating a map, or
 * any edit, replaces it. Property "start-page-visible" (read-only). */
void             waymark_window_show_start_page  (WaymarkWindow  *self);
gboolean         waymark_window_get_start_page_visible (WaymarkWindow *self);
/* Replaces the window's map with a new untitled, unmodified map made
 * from the template (see waymark-templates.h). */
gboolean         waymark_window_load_template    (WaymarkWindow  *self,
                                                  const char     *template_id,
                                                  GError        **error);
/* Opens the .jmap files among files, each in its window (this one when
 * it shows the start page) and says in a toast which files were not
 * maps. What a drop on the window does. Returns how many it opened. */
guint            waymark_window_open_dropped_files (WaymarkWindow *self,
                                                    GSList        *files);

G_END_DECLS
