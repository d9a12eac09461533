/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The inspector: a sidebar page with every field of the selected card,
 * of a stage (with its KPIs) or of the map. Every edit is a document
 * operation, so it can be undone, and the fields follow the document
 * whatever changed it. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-canvas.h"
#include "waymark-document.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_INSPECTOR (waymark_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkInspector, waymark_inspector, WAYMARK, INSPECTOR, GtkWidget)

/* Properties: "document", "canvas" (may be NULL; the inspector follows
 * its selection: one card shows the card, none the map, several a short
 * summary) and "shown" (read-only: the card, stage or document shown;
 * NULL while several cards are selected or without a document). */
GtkWidget       *waymark_inspector_new          (void);
WaymarkDocument *waymark_inspector_get_document (WaymarkInspector *self);
void             waymark_inspector_set_document (WaymarkInspector *self,
                                                 WaymarkDocument  *document);
WaymarkCanvas   *waymark_inspector_get_canvas   (WaymarkInspector *self);
void             waymark_inspector_set_canvas   (WaymarkInspector *self,
                                                 WaymarkCanvas    *canvas);
/* Shows a card, a stage or the document (the map); NULL shows the map.
 * The object must belong to the inspector's document. */
void             waymark_inspector_show         (WaymarkInspector *self,
                                                 gpointer          object);
gpointer         waymark_inspector_get_shown    (WaymarkInspector *self);

G_END_DECLS
