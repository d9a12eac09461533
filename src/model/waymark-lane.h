/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A lane: one row of the journey map, of a kind that decides how its
 * cards are drawn (the emotions lane as a curve, and so on). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  WAYMARK_LANE_KIND_ACTIONS,
  WAYMARK_LANE_KIND_TOUCHPOINTS,
  WAYMARK_LANE_KIND_THOUGHTS,
  WAYMARK_LANE_KIND_EMOTIONS,
  WAYMARK_LANE_KIND_PAIN_POINTS,
  WAYMARK_LANE_KIND_SOLUTIONS,
  WAYMARK_LANE_KIND_BACKSTAGE,
  WAYMARK_LANE_KIND_TEXT,
} WaymarkLaneKind;

#define WAYMARK_N_LANE_KINDS (WAYMARK_LANE_KIND_TEXT + 1)

#define WAYMARK_TYPE_LANE (waymark_lane_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkLane, waymark_lane, WAYMARK, LANE, GObject)

/* Maps the file's kind string; an unknown kind is WAYMARK_LANE_KIND_TEXT. */
WaymarkLaneKind waymark_lane_kind_from_string (const char     *kind);
const char     *waymark_lane_kind_to_string   (WaymarkLaneKind kind);
/* Translated, for people: "Pain points". */
const char     *waymark_lane_kind_get_label   (WaymarkLaneKind kind);

/* Properties: "id" (construct-only), "kind" (the string as in the file,
 * kept even when unknown), "name", "description", "extras". Setters as
 * for WaymarkStage: no undo, for objects not yet in a document. */
WaymarkLane    *waymark_lane_new             (const char  *id,
                                              const char  *kind,
                                              const char  *name);
const char     *waymark_lane_get_id          (WaymarkLane *self);
const char     *waymark_lane_get_kind        (WaymarkLane *self);
WaymarkLaneKind waymark_lane_get_kind_enum   (WaymarkLane *self);
void            waymark_lane_set_kind        (WaymarkLane *self,
                                              const char  *kind);
const char     *waymark_lane_get_name        (WaymarkLane *self);
void            waymark_lane_set_name        (WaymarkLane *self,
                                              const char  *name);
const char     *waymark_lane_get_description (WaymarkLane *self);
void            waymark_lane_set_description (WaymarkLane *self,
                                              const char  *description);
GBytes         *waymark_lane_get_extras      (WaymarkLane *self);
void            waymark_lane_set_extras      (WaymarkLane *self,
                                              GBytes      *extras);

G_END_DECLS
