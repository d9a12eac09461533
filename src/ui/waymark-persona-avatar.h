/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A persona's picture: the photo cropped to a circle, or the initials of
 * the name on the persona's colour. It follows the persona's "name",
 * "color" and "photo" as they change. Also the bounded decoding and
 * encoding of persona photos (data: URIs), shared with the panels. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-persona.h"

G_BEGIN_DECLS

/* The format's limits for a photo: its larger side once imported, and
 * the length of its data: URI. */
#define WAYMARK_PERSONA_PHOTO_MAX_SIZE   512
#define WAYMARK_PERSONA_PHOTO_MAX_LENGTH (3 * 1024 * 1024)

#define WAYMARK_TYPE_PERSONA_AVATAR (waymark_persona_avatar_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersonaAvatar, waymark_persona_avatar, WAYMARK, PERSONA_AVATAR, GtkWidget)

/* Properties: "persona" (NULL draws an empty grey circle), "size" (the
 * diameter in pixels), "color-index" (the persona's position in its
 * document: picks the palette colour when the persona has none of its
 * own, as the canvas does), "shows-photo" (read-only: the photo decoded
 * and is drawn). */
GtkWidget      *waymark_persona_avatar_new             (int                   size);
WaymarkPersona *waymark_persona_avatar_get_persona     (WaymarkPersonaAvatar *self);
void            waymark_persona_avatar_set_persona     (WaymarkPersonaAvatar *self,
                                                        WaymarkPersona       *persona);
int             waymark_persona_avatar_get_size        (WaymarkPersonaAvatar *self);
void            waymark_persona_avatar_set_size        (WaymarkPersonaAvatar *self,
                                                        int                   size);
guint           waymark_persona_avatar_get_color_index (WaymarkPersonaAvatar *self);
void            waymark_persona_avatar_set_color_index (WaymarkPersonaAvatar *self,
                                                        guint                 color_index);
gboolean        waymark_persona_avatar_get_shows_photo (WaymarkPersonaAvatar *self);

/* Up to two letters for a name: "Maria, the busy parent" gives "M"
 * (the part before a comma), "Ana Lima" gives "AL". */
char           *waymark_persona_dup_initials           (const char           *name);

/* Decodes image data (PNG, JPEG, GIF, BMP, TIFF or WebP, sniffed from the
 * bytes) turned as its EXIF orientation says and scaled down, never up,
 * so that its larger side (with cover: its smaller side) is at most
 * max_side pixels. Refuses data that is not such an image and images so
 * large that decoding them would exhaust memory, with a message for the
 * user. Safe to call from a worker thread. */
GdkPixbuf      *waymark_persona_photo_load             (GBytes               *data,
                                                        int                   max_side,
                                                        gboolean              cover,
                                                        GError              **error);
/* The image bytes of a "data:image/…;base64," URI, or NULL. */
GBytes         *waymark_persona_photo_parse_uri        (const char           *uri);
/* The format's photo URI for pixbuf: PNG when it has an alpha channel,
 * else JPEG. Fails when the result exceeds
 * WAYMARK_PERSONA_PHOTO_MAX_LENGTH. Thread-safe. */
char           *waymark_persona_photo_encode           (GdkPixbuf            *pixbuf,
                                                        GError              **error);

G_END_DECLS
