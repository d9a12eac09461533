/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog's insides, for its tests: the controls, and the
 * step Export takes once the file chooser has answered. */
#pragma once

#include "waymark-export-dialog.h"

G_BEGIN_DECLS

typedef struct _WaymarkSizeCopy WaymarkSizeCopy;

struct _WaymarkExportDialog
{
  AdwWindow             parent_instance;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *cancel_button;
  GtkWidget            *export_button;
  GtkPicture           *preview_picture;
  GtkSpinner           *preview_spinner;
  GtkLabel             *size_label;
  GtkLabel             *error_label;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkWidget            *settings_page;
  AdwComboRow          *format_row;
  AdwComboRow          *page_row;
  AdwActionRow         *split_row;
  GtkSwitch            *split_switch;
  AdwComboRow          *preset_row;
  AdwComboRow          *size_mode_row;
  AdwActionRow         *scale_row;
  GtkSpinButton        *scale_spin;
  AdwActionRow         *width_row;
  GtkSpinButton        *width_spin;
  AdwComboRow          *range_row;
  AdwComboRow          *first_stage_row;
  AdwComboRow          *last_stage_row;
  AdwComboRow          *persona_row;
  AdwComboRow          *theme_row;
  AdwActionRow         *transparent_row;
  GtkSwitch            *transparent_switch;

  /* NULL once the dialog is destroyed: late results then touch nothing. */
  WaymarkWindow        *window;
  WaymarkDocument      *document;
  /* NULL when the schema is not installed: nothing is remembered. */
  GSettings            *settings;
  /* Persona ids in the order of persona_row's items after "All". */
  GPtrArray            *persona_ids;

  /* What the controls say, and whether it can be exported (as far as
   * the last size check knows). */
  WaymarkExportOptions *options;
  gboolean              size_ok;
  /* The size is checked in a worker thread, on this copy of the map. */
  WaymarkSizeCopy      *size_copy;
  guint                 size_running : 1;
  /* The options changed while a check ran: check again after it. */
  guint                 size_dirty : 1;

  /* The preview render running now, if any. */
  GCancellable         *preview_cancellable;
  guint                 preview_timeout;
  /* The options changed while it ran: render again after it. */
  guint                 preview_dirty : 1;
  /* From the last size check; 0 when no preview can be drawn. */
  int                   preview_width;

  GtkFileChooserNative *chooser;
  GCancellable         *export_cancellable;
  GFile                *export_target;
  guint                 export_split : 1;
  guint                 progress_timeout;

  /* Set while the controls are changed from code. */
  guint                 updating : 1;
};

/* What Export does with the file (with one file per stage, the folder)
 * the user chose: remembers the settings and exports in a worker thread.
 * On success the dialog closes and the window shows a toast; on failure
 * it stays open and says why. */
void waymark_export_dialog_export_to (WaymarkExportDialog *self,
                                      GFile               *target);

G_END_DECLS
