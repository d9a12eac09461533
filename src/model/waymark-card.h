/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A card: one note placed in the cell where a stage and a lane cross. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_EMOTION_MIN (-2)
#define WAYMARK_EMOTION_MAX 2

#define WAYMARK_TYPE_CARD (waymark_card_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCard, waymark_card, WAYMARK, CARD, GObject)

/* Properties, named as the file's members: "id" (construct-only), "stage",
 * "lane" (ids; change them only with waymark_document_move_cards()),
 * "title", "notes", "channel", "emotion" (-2..+2) with "has-emotion",
 * "personas" and "links" (GStrv of ids, never NULL), "priority", "status",
 * "owner", "moment-of-truth", "evidence", "color", "extras".
 *
 * Strings are never NULL: an absent member reads as "". Setters as for
 * WaymarkStage: no undo, for objects not yet in a document. */
WaymarkCard        *waymark_card_new                 (const char  *id,
                                                      const char  *stage,
                                                      const char  *lane,
                                                      const char  *title);
/* A copy with another id, for duplicating. */
WaymarkCard        *waymark_card_copy                (WaymarkCard *self,
                                                      const char  *new_id);

const char         *waymark_card_get_id              (WaymarkCard *self);
const char         *waymark_card_get_stage           (WaymarkCard *self);
void                waymark_card_set_stage           (WaymarkCard *self,
                                                      const char  *stage);
const char         *waymark_card_get_lane            (WaymarkCard *self);
void                waymark_card_set_lane            (WaymarkCard *self,
                                                      const char  *lane);
const char         *waymark_card_get_title           (WaymarkCard *self);
void                waymark_card_set_title           (WaymarkCard *self,
                                                      const char  *title);
const char         *waymark_card_get_notes           (WaymarkCard *self);
void                waymark_card_set_notes           (WaymarkCard *self,
                                                      const char  *notes);
const char         *waymark_card_get_channel         (WaymarkCard *self);
void                waymark_card_set_channel         (WaymarkCard *self,
                                                      const char  *channel);
gboolean            waymark_card_get_has_emotion     (WaymarkCard *self);
int                 waymark_card_get_emotion         (WaymarkCard *self);
void                waymark_card_set_emotion         (WaymarkCard *self,
                                                      int          emotion);
void                waymark_card_unset_emotion       (WaymarkCard *self);
const char * const *waymark_card_get_personas        (WaymarkCard *self);
void                waymark_card_set_personas        (WaymarkCard *self,
                                                      const char * const *personas);
const char * const *waymark_card_get_links           (WaymarkCard *self);
void                waymark_card_set_links           (WaymarkCard *self,
                                                      const char * const *links);
const char         *waymark_card_get_priority        (WaymarkCard *self);
void                waymark_card_set_priority        (WaymarkCard *self,
                                                      const char  *priority);
const char         *waymark_card_get_status          (WaymarkCard *self);
void                waymark_card_set_status          (WaymarkCard *self,
                                                      const char  *status);
const char         *waymark_card_get_owner           (WaymarkCard *self);
void                waymark_card_set_owner           (WaymarkCard *self,
                                                      const char  *owner);
gboolean            waymark_card_get_moment_of_truth (WaymarkCard *self);
void                waymark_card_set_moment_of_truth (WaymarkCard *self,
                                                      gboolean     moment_of_truth);
const char         *waymark_card_get_evidence        (WaymarkCard *self);
void                waymark_card_set_evidence        (WaymarkCard *self,
                                                      const char  *evidence);
const char         *waymark_card_get_color           (WaymarkCard *self);
void                waymark_card_set_color           (WaymarkCard *self,
                                                      const char  *color);
GBytes             *waymark_card_get_extras          (WaymarkCard *self);
void                waymark_card_set_extras          (WaymarkCard *self,
                                                      GBytes      *extras);

/* TRUE when the card applies to the persona: its list is empty (all
 * personas) or names it. */
gboolean            waymark_card_applies_to          (WaymarkCard *self,
                                                      const char  *persona_id);

/* Find. waymark_text_fold() gives text in the form matching compares
 * (compatibility-normalized, case-folded); waymark_card_matches() says
 * whether any text field of the card (title, notes, channel, priority,
 * status, owner, evidence) contains the folded needle. An empty needle
 * matches nothing. */
char               *waymark_text_fold                (const char  *text);
gboolean            waymark_card_matches             (WaymarkCard *self,
                                                      const char  *folded_needle);

G_END_DECLS
