/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Find (Ctrl+F): a search bar over the canvas that finds cards by any
 * of their text fields, highlights every match on the canvas, and moves
 * between them in map order (stage by stage, lane by lane) with Enter
 * and Shift+Enter (or Ctrl+G and Ctrl+Shift+G), selecting the current
 * match and scrolling it into view. It follows the document: edits,
 * undo and new cards update the matches. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-canvas.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_FIND_BAR (waymark_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkFindBar, waymark_find_bar, WAYMARK, FIND_BAR, GtkWidget)

/* Property "canvas"; "search-mode-enabled" (read-only): the bar is
 * open. */
GtkWidget     *waymark_find_bar_new          (void);
WaymarkCanvas *waymark_find_bar_get_canvas   (WaymarkFindBar *self);
void           waymark_find_bar_set_canvas   (WaymarkFindBar *self,
                                              WaymarkCanvas  *canvas);
/* Shows the bar and puts the keyboard focus in its entry, with the
 * text selected; close hides it and clears the highlights. */
void           waymark_find_bar_open         (WaymarkFindBar *self);
void           waymark_find_bar_close        (WaymarkFindBar *self);
gboolean       waymark_find_bar_is_open      (WaymarkFindBar *self);
GtkEditable   *waymark_find_bar_get_entry    (WaymarkFindBar *self);
/* Runs the search for the entry's text now (it otherwise runs shortly
 * after typing stops). */
void           waymark_find_bar_update       (WaymarkFindBar *self);
/* The matches in map order (transfer container). */
GPtrArray     *waymark_find_bar_get_matches  (WaymarkFindBar *self);
/* The next or previous match, wrapping around. */
void           waymark_find_bar_next         (WaymarkFindBar *self);
void           waymark_find_bar_previous     (WaymarkFindBar *self);

G_END_DECLS
