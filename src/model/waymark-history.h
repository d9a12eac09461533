/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undo and redo for a WaymarkDocument. Every document operation records
 * its inverse here; groups make one gesture (a drag, a multi-card move)
 * one step, and consecutive edits of the same text field coalesce. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_HISTORY (waymark_history_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkHistory, waymark_history, WAYMARK, HISTORY, GObject)

/* Properties: "can-undo", "can-redo", "undo-label", "redo-label". */
gboolean    waymark_history_get_can_undo   (WaymarkHistory *self);
gboolean    waymark_history_get_can_redo   (WaymarkHistory *self);
/* Translated name of the step, e.g. "Move Cards"; NULL when none. */
const char *waymark_history_get_undo_label (WaymarkHistory *self);
const char *waymark_history_get_redo_label (WaymarkHistory *self);
gboolean    waymark_history_undo           (WaymarkHistory *self);
gboolean    waymark_history_redo           (WaymarkHistory *self);
/* Groups nest; the outermost label names the step. */
void        waymark_history_begin_group    (WaymarkHistory *self,
                                            const char     *label);
void        waymark_history_end_group      (WaymarkHistory *self);
/* The next edit starts a new step even if it edits the same field
 * (call when a text field loses focus). */
void        waymark_history_break_coalescing (WaymarkHistory *self);
void        waymark_history_clear          (WaymarkHistory *self);
guint       waymark_history_get_n_undo     (WaymarkHistory *self);
guint       waymark_history_get_n_redo     (WaymarkHistory *self);

G_END_DECLS
