/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The persona panel: the sidebar listing the map's personas (avatar,
 * name, role, how many cards apply to them) with add, duplicate, delete
 * and reorder, and a profile page that edits every field of one persona.
 * Every edit is a document operation; the panel follows the document
 * whatever changed it. With a canvas it also sets and follows the
 * canvas's persona focus. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-canvas.h"
#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_PERSONA_PANEL (waymark_persona_panel_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersonaPanel, waymark_persona_panel, WAYMARK, PERSONA_PANEL, GtkWidget)

/* Properties: "document" and "canvas" (either may be NULL), "persona"
 * (read-only: the persona whose profile is shown, NULL on the list).
 *
 * Actions, in the group "persona" (ids as string parameters): add,
 * open(s), back, duplicate(s), delete(s), move-up(s), move-down(s),
 * focus(s) (stateful: the focused id or ""; activating it with the
 * focused id clears the focus), choose-photo, remove-photo.
 *
 * A card counts for a persona when waymark_card_applies_to() says so:
 * cards without a persona list apply to everyone and count for all,
 * so the count is what stays undimmed when focusing on the persona. */
GtkWidget       *waymark_persona_panel_new            (void);

WaymarkDocument *waymark_persona_panel_get_document   (WaymarkPersonaPanel *self);
void             waymark_persona_panel_set_document   (WaymarkPersonaPanel *self,
                                                       WaymarkDocument     *document);
WaymarkCanvas   *waymark_persona_panel_get_canvas     (WaymarkPersonaPanel *self);
void             waymark_persona_panel_set_canvas     (WaymarkPersonaPanel *self,
                                                       WaymarkCanvas       *canvas);

/* Opens the profile of persona (one of the document's), or goes back to
 * the list with NULL. */
void             waymark_persona_panel_show_persona   (WaymarkPersonaPanel *self,
                                                       WaymarkPersona      *persona);
WaymarkPersona  *waymark_persona_panel_get_persona    (WaymarkPersonaPanel *self);

/* How many cards apply to the persona, as the list shows it. */
guint            waymark_persona_panel_get_card_count (WaymarkPersonaPanel *self,
                                                       WaymarkPersona      *persona);

/* What Choose Photo does once a file is chosen: reads and decodes the
 * image in a worker thread, scales it to at most
 * WAYMARK_PERSONA_PHOTO_MAX_SIZE pixels and stores it as the persona's
 * photo (one undo step). A file that is not a usable image is reported
 * below the avatar (and returned) and leaves the persona unchanged. */
void             waymark_persona_panel_import_photo_async  (WaymarkPersonaPanel *self,
                                                            WaymarkPersona      *persona,
                                                            GFile               *file,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean         waymark_persona_panel_import_photo_finish (WaymarkPersonaPanel *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
