/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A persona: who the map is about, with the profile a facilitator keeps. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_PERSONA (waymark_persona_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersona, waymark_persona, WAYMARK, PERSONA, GObject)

/* Properties, named as the file's members: "id" (construct-only), "name",
 * "role", "quote", "color", "demographics", "goals", "pain-points",
 * "behaviors", "preferences" (GStrv, never NULL), "evidence", "photo"
 * (a data: URI), "extras". Setters as for WaymarkStage. */
WaymarkPersona     *waymark_persona_new              (const char     *id,
                                                      const char     *name);
const char         *waymark_persona_get_id           (WaymarkPersona *self);
const char         *waymark_persona_get_name         (WaymarkPersona *self);
void                waymark_persona_set_name         (WaymarkPersona *self,
                                                      const char     *name);
const char         *waymark_persona_get_role         (WaymarkPersona *self);
void                waymark_persona_set_role         (WaymarkPersona *self,
                                                      const char     *role);
const char         *waymark_persona_get_quote        (WaymarkPersona *self);
void                waymark_persona_set_quote        (WaymarkPersona *self,
                                                      const char     *quote);
const char         *waymark_persona_get_color        (WaymarkPersona *self);
void                waymark_persona_set_color        (WaymarkPersona *self,
                                                      const char     *color);
const char         *waymark_persona_get_demographics (WaymarkPersona *self);
void                waymark_persona_set_demographics (WaymarkPersona *self,
                                                      const char     *demographics);
/* list is one of "goals", "pain-points", "behaviors", "preferences". */
const char * const *waymark_persona_get_list         (WaymarkPersona *self,
                                                      const char     *list);
void                waymark_persona_set_list         (WaymarkPersona *self,
                                                      const char     *list,
                                                      const char * const *entries);
gboolean            waymark_persona_is_list_name     (const char     *list);
const char         *waymark_persona_get_evidence     (WaymarkPersona *self);
void                waymark_persona_set_evidence     (WaymarkPersona *self,
                                                      const char     *evidence);
const char         *waymark_persona_get_photo        (WaymarkPersona *self);
void                waymark_persona_set_photo        (WaymarkPersona *self,
                                                      const char     *photo);
GBytes             *waymark_persona_get_extras       (WaymarkPersona *self);
void                waymark_persona_set_extras       (WaymarkPersona *self,
                                                      GBytes         *extras);

G_END_DECLS
