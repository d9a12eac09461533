/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The journey map document: stages, lanes, cards and personas as
 * GListModels, and every edit a user can make as an operation that is
 * recorded in the document's WaymarkHistory. */
#pragma once

#include <gio/gio.h>

#include "waymark-card.h"
#include "waymark-history.h"
#include "waymark-kpi.h"
#include "waymark-lane.h"
#include "waymark-persona.h"
#include "waymark-stage.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_DOCUMENT (waymark_document_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkDocument, waymark_document, WAYMARK, DOCUMENT, GObject)

/* Properties: "title", "description", "generator", "created-time" and
 * "modified-time" (ISO 8601 strings, the file's "created" and "modified"),
 * "extras" (unknown root members), "modified" (read-only: unsaved edits),
 * "history".
 * Signal "changed": after every operation, undo and redo. */
WaymarkDocument *waymark_document_new                (void);

GListModel      *waymark_document_get_stages         (WaymarkDocument *self);
GListModel      *waymark_document_get_lanes          (WaymarkDocument *self);
/* In file order; within one cell, that order is the stacking order. */
GListModel      *waymark_document_get_cards          (WaymarkDocument *self);
GListModel      *waymark_document_get_personas       (WaymarkDocument *self);
WaymarkHistory  *waymark_document_get_history        (WaymarkDocument *self);

const char      *waymark_document_get_title          (WaymarkDocument *self);
const char      *waymark_document_get_description    (WaymarkDocument *self);
const char      *waymark_document_get_generator      (WaymarkDocument *self);
const char      *waymark_document_get_created_time   (WaymarkDocument *self);
const char      *waymark_document_get_modified_time  (WaymarkDocument *self);
GBytes          *waymark_document_get_extras         (WaymarkDocument *self);
/* Direct setters without undo: for readers, and for the metadata the
 * window stamps when saving. */
void             waymark_document_set_title          (WaymarkDocument *self,
                                                      const char      *title);
void             waymark_document_set_description    (WaymarkDocument *self,
                                                      const char      *description);
void             waymark_document_set_generator      (WaymarkDocument *self,
                                                      const char      *generator);
void             waymark_document_set_created_time   (WaymarkDocument *self,
                                                      const char      *created);
void             waymark_document_set_modified_time  (WaymarkDocument *self,
                                                      const char      *modified);
void             waymark_document_set_extras         (WaymarkDocument *self,
                                                      GBytes          *extras);

/* Replaces the whole content in one go, without undo, and clears the
 * history: for readers. Takes the arrays' objects (refs them). Ids must be
 * unique across all four arrays and cards must name existing stages and
 * lanes: the reader repairs files before calling this. */
void             waymark_document_load_contents      (WaymarkDocument *self,
                                                      GPtrArray       *stages,
                                                      GPtrArray       *lanes,
                                                      GPtrArray       *cards,
                                                      GPtrArray       *personas);

/* Unsaved-changes tracking. */
gboolean         waymark_document_get_modified       (WaymarkDocument *self);
/* The current state is what is on disk. */
void             waymark_document_set_saved          (WaymarkDocument *self);
/* No state matches the disk (a repaired or recovered document). */
void             waymark_document_mark_unsaved       (WaymarkDocument *self);
/* For a save that runs while the user goes on editing: take a checkpoint
 * when the snapshot is written, and once the file is safely on disk mark
 * that state saved. Edits made in between stay unsaved, even a burst of
 * typing that began before the checkpoint. */
guint64          waymark_document_checkpoint         (WaymarkDocument *self);
void             waymark_document_set_saved_at       (WaymarkDocument *self,
                                                      guint64          checkpoint);

/* Lookups by id, O(1). */
GObject         *waymark_document_lookup             (WaymarkDocument *self,
                                                      const char      *id);
WaymarkStage    *waymark_document_lookup_stage       (WaymarkDocument *self,
                                                      const char      *id);
WaymarkLane     *waymark_document_lookup_lane        (WaymarkDocument *self,
                                                      const char      *id);
WaymarkCard     *waymark_document_lookup_card        (WaymarkDocument *self,
                                                      const char      *id);
WaymarkPersona  *waymark_document_lookup_persona     (WaymarkDocument *self,
                                                      const char      *id);
/* The format's Id rule: 1 to 64 characters from A-Z a-z 0-9 _ . : - */
gboolean         waymark_id_is_valid                 (const char      *id);
/* A fresh id, "PREFIX-N", not used by any object of the document. */
char            *waymark_document_make_id            (WaymarkDocument *self,
                                                      const char      *prefix);
/* Index of the object in its list, or -1. */
int              waymark_document_index_of           (WaymarkDocument *self,
                                                      gpointer         object);
/* The cards of one cell in stacking order (transfer container). */
GPtrArray       *waymark_document_get_cell_cards     (WaymarkDocument *self,
                                                      const char      *stage_id,
                                                      const char      *lane_id);

/* ---- Operations: each is recorded in the history ---- */

/* Map, stage, lane, card or persona fields. object is the document itself
 * or one of its objects; property is a writable property other than "id"
 * and a card's "stage" and "lane". Does nothing if the value is unchanged.
 * Consecutive string edits of the same field coalesce into one step. */
void             waymark_document_set_value          (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      const GValue    *value);
void             waymark_document_set_string         (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      const char      *value);
/* As waymark_document_set_string(), as an undo step of its own that
 * never coalesces with typing before or after it: for a value chosen
 * in one go (from a menu, a dialog, a file). */
void             waymark_document_set_string_step    (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      const char      *value);
void             waymark_document_set_int            (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      int              value);
void             waymark_document_set_boolean        (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      gboolean         value);
void             waymark_document_set_strv           (WaymarkDocument *self,
                                                      gpointer         object,
                                                      const char      *property,
                                                      const char * const *value);
/* Sets or clears a card's emotion (has-emotion and emotion as one step). */
void             waymark_document_set_card_emotion   (WaymarkDocument *self,
                                                      WaymarkCard     *card,
                                                      gboolean         has_emotion,
                                                      int              emotion);

/* Stages, lanes and personas. position -1 appends. Removing a stage or a
 * lane removes its cards (and links to them); removing a persona drops it
 * from every card; undo brings all of it back in place. */
void             waymark_document_insert_stage       (WaymarkDocument *self,
                                                      WaymarkStage    *stage,
                                                      int              position);
void             waymark_document_remove_stage       (WaymarkDocument *self,
                                                      WaymarkStage    *stage);
void             waymark_document_move_stage         (WaymarkDocument *self,
                                                      WaymarkStage    *stage,
                                                      guint            position);
void             waymark_document_insert_lane        (WaymarkDocument *self,
                                                      WaymarkLane     *lane,
                                                      int              position);
void             waymark_document_remove_lane        (WaymarkDocument *self,
                                                      WaymarkLane     *lane);
void             waymark_document_move_lane          (WaymarkDocument *self,
                                                      WaymarkLane     *lane,
                                                      guint            position);
void             waymark_document_insert_persona     (WaymarkDocument *self,
                                                      WaymarkPersona  *persona,
                                                      int              position);
void             waymark_document_remove_persona     (WaymarkDocument *self,
                                                      WaymarkPersona  *persona);
void             waymark_document_move_persona       (WaymarkDocument *self,
                                                      WaymarkPersona  *persona,
                                                      guint            position);
/* Convenience: a new stage, lane or persona with a fresh id. */
WaymarkStage    *waymark_document_add_stage          (WaymarkDocument *self,
                                                      const char      *name,
                                                      int              position);
WaymarkLane     *waymark_document_add_lane           (WaymarkDocument *self,
                                                      const char      *kind,
                                                      const char      *name,
                                                      int              position);
WaymarkPersona  *waymark_document_add_persona        (WaymarkDocument *self,
                                                      const char      *name,
                                                      int              position);

/* Cards. The card's "stage" and "lane" name its cell; position is the
 * place within that cell (-1: last). */
void             waymark_document_insert_card        (WaymarkDocument *self,
                                                      WaymarkCard     *card,
                                                      int              position);
WaymarkCard     *waymark_document_add_card           (WaymarkDocument *self,
                                                      const char      *stage_id,
                                                      const char      *lane_id,
                                                      const char      *title,
                                                      int              position);
void             waymark_document_remove_cards       (WaymarkDocument *self,
                                                      WaymarkCard    **cards,
                                                      guint            n_cards);
void             waymark_document_remove_card        (WaymarkDocument *self,
                                                      WaymarkCard     *card);
/* Each copy lands right after its original. Returns the copies
 * (transfer container). */
GPtrArray       *waymark_document_duplicate_cards    (WaymarkDocument *self,
                                                      WaymarkCard    **cards,
                                                      guint            n_cards);
/* Moves the cards, in their current order, into the cell, before the
 * position-th of the cell's other cards (-1: after the last). */
void             waymark_document_move_cards         (WaymarkDocument *self,
                                                      WaymarkCard    **cards,
                                                      guint            n_cards,
                                                      const char      *stage_id,
                                                      const char      *lane_id,
                                                      int              position);

/* Links and persona assignment. */
void             waymark_document_link_cards         (WaymarkDocument *self,
                                                      WaymarkCard     *from,
                                                      WaymarkCard     *to);
void             waymark_document_unlink_cards       (WaymarkDocument *self,
                                                      WaymarkCard     *from,
                                                      WaymarkCard     *to);
/* applies: the card lists the persona. An empty list means "all". */
void             waymark_document_set_card_persona   (WaymarkDocument *self,
                                                      WaymarkCard     *card,
                                                      const char      *persona_id,
                                                      gboolean         applies);

/* Persona list entries; list is "goals", "pain-points", "behaviors" or
 * "preferences". Consecutive edits of one entry's text coalesce into one
 * step, as typing in a text field does. */
void             waymark_document_insert_persona_entry (WaymarkDocument *self,
                                                        WaymarkPersona  *persona,
                                                        const char      *list,
                                                        int              position,
                                                        const char      *text);
void             waymark_document_set_persona_entry    (WaymarkDocument *self,
                                                        WaymarkPersona  *persona,
                                                        const char      *list,
                                                        guint            position,
                                                        const char      *text);
void             waymark_document_remove_persona_entry (WaymarkDocument *self,
                                                        WaymarkPersona  *persona,
                                                        const char      *list,
                                                        guint            position);
void             waymark_document_move_persona_entry   (WaymarkDocument *self,
                                                        WaymarkPersona  *persona,
                                                        const char      *list,
                                                        guint            from,
                                                        guint            to);

/* Stage KPIs. Consecutive waymark_document_set_kpi() calls on the same
 * KPI coalesce into one step (typing in its cells). */
void             waymark_document_insert_kpi         (WaymarkDocument *self,
                                                      WaymarkStage    *stage,
                                                      int              position,
                                                      const WaymarkKpi *kpi);
void             waymark_document_set_kpi            (WaymarkDocument *self,
                                                      WaymarkStage    *stage,
                                                      guint            position,
                                                      const WaymarkKpi *kpi);
void             waymark_document_remove_kpi         (WaymarkDocument *self,
                                                      WaymarkStage    *stage,
                                                      guint            position);

G_END_DECLS
