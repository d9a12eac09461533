/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Pain Points sidebar page: every card of the map's pain-points lanes,
 * grouped by stage in map order, with the touchpoints where it happens
 * and the solutions that address it, filters, and the count of open,
 * high-priority pain points. It follows the document live and makes every
 * change through document operations. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-canvas.h"
#include "waymark-document.h"

G_BEGIN_DECLS

/* A filter value that matches cards whose status or priority is not set;
 * "" matches every card. */
#define WAYMARK_NOTES_FILTER_NOT_SET "not-set"

#define WAYMARK_TYPE_NOTES_PANEL (waymark_notes_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkNotesPanel, waymark_notes_panel, WAYMARK, NOTES_PANEL, GtkWidget)

/* Properties: "document", "canvas" (either may be NULL), the filters
 * "status-filter" and "priority-filter" ("" for all, a value of the
 * format, or WAYMARK_NOTES_FILTER_NOT_SET), "persona-filter" ("" or a
 * persona id), "search-text", and "n-open-high" (read-only).
 *
 * Widget actions: "notes.status-filter", "notes.priority-filter",
 * "notes.persona-filter" (stateful, "s"), "notes.clear-filters",
 * "notes.add-solution" and "notes.reveal-card" (a card id, "s"). */
GtkWidget       *waymark_notes_panel_new                (void);

WaymarkDocument *waymark_notes_panel_get_document       (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_document       (WaymarkNotesPanel *self,
                                                         WaymarkDocument   *document);
WaymarkCanvas   *waymark_notes_panel_get_canvas         (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_canvas         (WaymarkNotesPanel *self,
                                                         WaymarkCanvas     *canvas);

const char      *waymark_notes_panel_get_status_filter  (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_status_filter  (WaymarkNotesPanel *self,
                                                         const char        *status);
const char      *waymark_notes_panel_get_priority_filter (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_priority_filter (WaymarkNotesPanel *self,
                                                          const char        *priority);
const char      *waymark_notes_panel_get_persona_filter (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_persona_filter (WaymarkNotesPanel *self,
                                                         const char        *persona_id);
const char      *waymark_notes_panel_get_search_text    (WaymarkNotesPanel *self);
void             waymark_notes_panel_set_search_text    (WaymarkNotesPanel *self,
                                                         const char        *text);
/* Back to showing every pain point. */
void             waymark_notes_panel_clear_filters      (WaymarkNotesPanel *self);

/* Pain points whose status is exactly "open" and priority "high", over
 * the whole map (filters do not change it). An unset status is not
 * "open": the format lists "open" as a value of its own, and the canvas
 * shows no badge for a card without one. */
guint            waymark_notes_panel_get_n_open_high    (WaymarkNotesPanel *self);

/* A solution card in the pain point's stage, in the first solutions
 * lane (made, after the pain point's lane, if there is none), linked to
 * the pain point; one undo step. With a canvas it is selected there and
 * its title edited; without, its row in the panel takes the focus.
 * Returns the new card (transfer none). */
WaymarkCard     *waymark_notes_panel_add_solution       (WaymarkNotesPanel *self,
                                                         WaymarkCard       *pain_point);

/* Brings the list up to date now (it follows the document at the next
 * idle otherwise). */
void             waymark_notes_panel_flush              (WaymarkNotesPanel *self);
/* The pain points listed now, filters applied, in the order shown
 * (transfer container). */
GPtrArray       *waymark_notes_panel_get_shown_cards    (WaymarkNotesPanel *self);
/* The row of a pain point that is shown, else NULL: for tests. */
GtkWidget       *waymark_notes_panel_get_row            (WaymarkNotesPanel *self,
                                                         WaymarkCard       *pain_point);

G_END_DECLS
