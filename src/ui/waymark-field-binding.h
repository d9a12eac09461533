/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text fields that edit a document: a panel binds a GtkEditable (GtkEntry,
 * AdwEntryRow, …) or a GtkTextView to one string property of the map,
 * a stage, a lane, a card or a persona. The field shows the value and
 * follows it (undo, the canvas, other panels); typing sets it through
 * waymark_document_set_string(), so a burst of typing is one undo step,
 * and leaving the field starts a new one. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"

G_BEGIN_DECLS

/* object is the document itself or one of its objects; NULL unbinds and
 * empties the field. Binding again replaces the previous binding. */
void waymark_field_bind_editable  (GtkEditable     *editable,
                                   WaymarkDocument *document,
                                   gpointer         object,
                                   const char      *property);
void waymark_field_bind_text_view (GtkTextView     *text_view,
                                   WaymarkDocument *document,
                                   gpointer         object,
                                   const char      *property);

G_END_DECLS
