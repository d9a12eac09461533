/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "New Map": a dialog listing the templates with a small picture of
 * each; choosing one starts a new untitled map from it. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WAYMARK_TYPE_TEMPLATE_CHOOSER (waymark_template_chooser_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkTemplateChooser, waymark_template_chooser, WAYMARK, TEMPLATE_CHOOSER, AdwWindow)

#define WAYMARK_TYPE_TEMPLATE_PREVIEW (waymark_template_preview_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkTemplatePreview, waymark_template_preview, WAYMARK, TEMPLATE_PREVIEW, GtkWidget)

/* A modal dialog over parent (a WaymarkWindow, or NULL). Choosing a
 * template creates the map with waymark_application_new_from_template()
 * in parent when it shows the start page, else in a new window, and
 * closes the dialog. */
GtkWidget  *waymark_template_chooser_new         (GtkApplication         *application,
                                                  GtkWindow              *parent);
/* The list of templates, for tests. */
GtkListBox *waymark_template_chooser_get_list    (WaymarkTemplateChooser *self);
/* The id of the template a row of that list stands for. */
const char *waymark_template_chooser_row_get_id  (GtkListBoxRow          *row);

/* A thumbnail of a template: its stages as columns, its lanes as tinted
 * rows, a block where a cell holds cards and the emotion curve. */
GtkWidget  *waymark_template_preview_new         (const char             *template_id);

G_END_DECLS
