/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What waymark-window.c and waymark-window-actions.c share: the instance
 * struct and the few helpers the actions need. */
#pragma once

#include "waymark-window.h"

G_BEGIN_DECLS

struct _WaymarkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children. */
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *save_button;
  GtkRevealer          *repair_banner;
  GtkWidget            *repair_details_button;
  GtkRevealer          *file_banner;
  GtkLabel             *file_banner_label;
  GtkButton            *file_banner_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  GtkWidget            *map_view;
  GtkWidget            *empty_hint;
  GtkSpinner           *loading_spinner;
  /* The start page, shown while the window holds an untouched new map
   * it was asked to show it for; and what opens dropped files. */
  GtkWidget            *start_page;
  GtkDropTarget        *drop_target;
  guint                 start_page_wanted : 1;
  /* The side panels (waymark-window-panels.c). */
  AdwFlap              *persona_flap;
  AdwFlap              *side_flap;
  GtkWidget            *persona_sidebar;
  GtkWidget            *side_sidebar;
  AdwClamp             *persona_clamp;
  AdwClamp             *side_clamp;
  GtkWidget            *persona_handle;
  GtkWidget            *side_handle;
  GtkWidget            *persona_panel;
  GtkWidget            *notes_panel;
  GtkWidget            *inspector;
  AdwViewStack         *side_stack;
  GtkWidget            *find_bar;
  GtkWidget            *focus_button;
  GtkWidget            *focus_label;

  WaymarkDocument      *document;
  GFile                *file;
  /* The file being opened, so that opening it twice finds this window. */
  GFile                *loading_file;
  /* Repair messages of the last load, shown by the banner's Details. */
  GStrv                 repairs;

  /* Cancelled on dispose so no finished load or save touches a window
   * that is gone. */
  GCancellable         *cancellable;
  guint                 loading_page_timeout;
  guint                 loading : 1;
  guint                 saving : 1;
  /* The file on disk: its stamp when we last read or wrote it (NULL
   * before that is known), whether it can be written, the monitor that
   * notices other programs' changes, and the debounce of its events. */
  char                 *file_stamp;
  GFileMonitor         *file_monitor;
  /* What file_monitor watches: the file, or its symbolic link's target. */
  GFile                *monitored_file;
  GCancellable         *file_state_cancellable;
  guint                 file_check_timeout;
  guint                 file_banner_kind;
  guint                 file_stamp_known : 1;
  guint                 read_only : 1;
  /* Set once the user agreed to lose or saved the changes. */
  guint                 close_confirmed : 1;

  /* The open "Save Changes?" dialog, and the GTasks waiting for it. */
  GtkWidget            *close_dialog;
  GPtrArray            *close_tasks;

  /* The open Export dialog (a weak pointer), so Export presents it again. */
  GtkWidget            *export_dialog;
  /* The running Copy Map as Image; a newer one cancels it. */
  GCancellable         *copy_cancellable;

  /* NULL when the schema is not installed. */
  GSettings            *settings;
  /* A side panel's width when its handle was grabbed, and the range
   * it may be dragged within. */
  int                   drag_start_width;
  int                   drag_min_width;
  int                   drag_max_width;
};

/* waymark-window-actions.c */
/* The "Journey maps (*.jmap)" and "All files" filters, for every chooser. */
void     waymark_window_add_file_filters        (GtkFileChooser      *chooser);
void     waymark_window_class_install_actions   (GtkWidgetClass      *widget_class);
void     waymark_window_update_actions          (WaymarkWindow       *self);
/* Saves to the window's file, or asks for one first (always when
 * choose_file). Finishes with FALSE and G_IO_ERROR_CANCELLED when the
 * user cancelled the file chooser. */
void     waymark_window_save_interactive_async  (WaymarkWindow       *self,
                                                 gboolean             choose_file,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean waymark_window_save_interactive_finish (WaymarkWindow       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* A file name without extension for the map: its title, else its
 * file's name, else "Untitled Map"; safe to use as a file name. */
char    *waymark_window_dup_file_stem           (WaymarkWindow       *self);

/* waymark-window-panels.c */
void     waymark_window_panels_class_init       (GtkWidgetClass      *widget_class);
void     waymark_window_panels_init             (WaymarkWindow       *self);
void     waymark_window_panels_dispose          (WaymarkWindow       *self);
void     waymark_window_save_size               (WaymarkWindow       *self);
void     waymark_window_panels_set_document     (WaymarkWindow       *self,
                                                 WaymarkDocument     *document);
/* persona: the persona panel, else the pain points and details. */
gboolean waymark_window_get_panel_visible       (WaymarkWindow       *self,
                                                 gboolean             persona);
void     waymark_window_set_panel_visible       (WaymarkWindow       *self,
                                                 gboolean             persona,
                                                 gboolean             visible);
/* Opens the details page of the side panel on a card, a stage or the
 * document, with the keyboard focus in it. */
void     waymark_window_show_details            (WaymarkWindow       *self,
                                                 gpointer             object);

/* waymark-window-file.c: the file on disk while the map is open. */
void     waymark_window_file_class_init         (GtkWidgetClass      *widget_class);
void     waymark_window_file_dispose            (WaymarkWindow       *self);
/* Starts watching file (NULL: stops). stamp is the state just written,
 * or NULL to take what is on disk now (after opening it). */
void     waymark_window_watch_file              (WaymarkWindow       *self,
                                                 GFile               *file,
                                                 const char          *stamp);
/* A save found the file changed by another program: asks whether to
 * overwrite, reload or save elsewhere. */
void     waymark_window_ask_about_conflict      (WaymarkWindow       *self);

/* waymark-window.c */
/* The map title for people: "Untitled Map" when empty. */
char    *waymark_window_dup_display_title       (WaymarkWindow       *self);
/* A window-modal message dialog with a single Close response. */
void     waymark_window_show_message            (WaymarkWindow       *self,
                                                 const char          *heading,
                                                 const char          *body);
/* A window-modal dialog that goes away with the window. */
AdwMessageDialog *waymark_window_new_message_dialog (WaymarkWindow   *self,
                                                     const char      *heading,
                                                     const char      *body);
/* The file's name for messages: its base name, for people. */
char    *waymark_window_dup_file_display_name   (GFile               *file);
/* Saves to file; with force, even over another program's changes. */
void     waymark_window_save_to_file_full       (WaymarkWindow       *self,
                                                 GFile               *file,
                                                 gboolean             force,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);

G_END_DECLS
