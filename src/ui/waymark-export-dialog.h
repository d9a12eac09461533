/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog: the options of an export with a live preview, then
 * a file (or, for one picture per stage, a folder) and the export itself
 * in a worker thread, with progress and Cancel. It remembers its last
 * settings when the schema is installed. */
#pragma once

#include <adwaita.h>

#include "waymark-exporter.h"
#include "waymark-window.h"

G_BEGIN_DECLS

#define WAYMARK_TYPE_EXPORT_DIALOG (waymark_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkExportDialog, waymark_export_dialog, WAYMARK, EXPORT_DIALOG, AdwWindow)

/* Modal, transient for window, destroyed with it. Properties: "window"
 * (construct-only), "exporting" (read-only). */
WaymarkExportDialog        *waymark_export_dialog_new           (WaymarkWindow       *window);

WaymarkWindow              *waymark_export_dialog_get_window    (WaymarkExportDialog *self);
/* The options the controls show now. */
const WaymarkExportOptions *waymark_export_dialog_get_options   (WaymarkExportDialog *self);
/* TRUE with "one picture per stage": Export asks for a folder. */
gboolean                    waymark_export_dialog_get_split     (WaymarkExportDialog *self);
gboolean                    waymark_export_dialog_get_exporting (WaymarkExportDialog *self);

G_END_DECLS
