/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A stage: one column of the journey map. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_STAGE (waymark_stage_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkStage, waymark_stage, WAYMARK, STAGE, GObject)

/* Properties: "id" (construct-only), "name", "description", "color",
 * "kpis" (GPtrArray of WaymarkKpi, never mutated once set), "extras"
 * (GBytes of unknown file members, opaque to the model).
 *
 * The setters change the object directly, without undo: they are for
 * objects not yet in a document (readers, tests). Edits a user makes go
 * through WaymarkDocument so that they can be undone. */
WaymarkStage *waymark_stage_new             (const char   *id,
                                             const char   *name);
const char   *waymark_stage_get_id          (WaymarkStage *self);
const char   *waymark_stage_get_name        (WaymarkStage *self);
void          waymark_stage_set_name        (WaymarkStage *self,
                                             const char   *name);
const char   *waymark_stage_get_description (WaymarkStage *self);
void          waymark_stage_set_description (WaymarkStage *self,
                                             const char   *description);
const char   *waymark_stage_get_color       (WaymarkStage *self);
void          waymark_stage_set_color       (WaymarkStage *self,
                                             const char   *color);
GPtrArray    *waymark_stage_get_kpis        (WaymarkStage *self);
void          waymark_stage_set_kpis        (WaymarkStage *self,
                                             GPtrArray    *kpis);
GBytes       *waymark_stage_get_extras      (WaymarkStage *self);
void          waymark_stage_set_extras      (WaymarkStage *self,
                                             GBytes       *extras);

G_END_DECLS
