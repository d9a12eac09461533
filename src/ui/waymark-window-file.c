/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's file on disk while the map is open: a monitor notices when
 * another program changes, removes or moves it, and a banner says so and
 * offers Reload (or Save, to write a removed file again); a read-only
 * file gets a banner offering Save As. The stamp of what we last read or
 * wrote lets a save refuse to overwrite someone else's changes, and then
 * the user chooses: overwrite, reload, or save elsewhere. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-safe-save.h"
#include "waymark-window-private.h"

/* Editors write a file in bursts of events; look once they settle. */
#define FILE_CHECK_DELAY_MS 400

enum
{
  BANNER_NONE,
  BANNER_READ_ONLY,
  BANNER_CHANGED,
  BANNER_DELETED,
};

static void
show_file_banner (WaymarkWindow *self,
                  guint          kind)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *button = NULL;
  gboolean modified;

  self->file_banner_kind = kind;
  if (kind == BANNER_NONE || self->file == NULL)
    {
      gtk_revealer_set_reveal_child (self->file_banner, FALSE);
      return;
    }

  name = waymark_window_dup_file_display_name (self->file);
  modified = waymark_document_get_modified (self->document);
  gtk_widget_remove_css_class (GTK_WIDGET (self->file_banner_button), "destructive-action");

  switch (kind)
    {
    case BANNER_READ_ONLY:
      text = g_strdup_printf (_("“%s” is read-only. Use Save As to keep your changes in another file."),
                              name);
      button = _("Save _As…");
      break;
    case BANNER_CHANGED:
      if (modified)
        {
          text = g_strdup_printf (_("“%s” was changed by another program, and this window has "
                                    "unsaved changes. Reloading shows the other program’s "
                                    "version and discards yours."),
                                  name);
          gtk_widget_add_css_class (GTK_WIDGET (self->file_banner_button), "destructive-action");
        }
      else
        {
          text = g_strdup_printf (_("“%s” was changed by another program."), name);
        }
      button = _("_Reload");
      break;
    case BANNER_DELETED:
      text = g_strdup_printf (_("“%s” was deleted, moved or renamed by another program. "
                                "Save the map to write it again."),
                              name);
      button = _("_Save");
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (self->file_banner_label, text);
  gtk_button_set_label (self->file_banner_button, button);
  gtk_widget_add_css_class (gtk_revealer_get_child (self->file_banner), "warning");
  gtk_revealer_set_reveal_child (self->file_banner, TRUE);
}

/* ---- Checking the file ---- */

static void monitor_changed_cb (GFileMonitor      *monitor,
                                GFile             *file,
                                GFile             *other_file,
                                GFileMonitorEvent  event,
                                gpointer           user_data);

static void
stop_monitor (WaymarkWindow *self)
{
  if (self->file_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_monitor, self);
      g_file_monitor_cancel (self->file_monitor);
      g_clear_object (&self->file_monitor);
    }
  g_clear_object (&self->monitored_file);
}

static void
start_monitor (WaymarkWindow *self,
               GFile         *file)
{
  g_autoptr(GError) error = NULL;

  stop_monitor (self);
  self->monitored_file = g_object_ref (file);
  self->file_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->file_monitor != NULL)
    g_signal_connect (self->file_monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
  else
    g_debug ("Cannot watch the map’s file for changes: %s", error->message);
}

static void
state_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WaymarkWindow) self = user_data;
  g_autoptr(WaymarkFileState) state = NULL;
  g_autoptr(GError) error = NULL;
  guint kind = BANNER_NONE;

  state = waymark_file_query_state_finish (result, &error);
  if (state == NULL)
    {
      /* Cancelled (a newer check, another file, the window closed), or
       * the disk cannot tell: nothing new is known. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not check the map’s file: %s", error->message);
      return;
    }

  if (!self->file_stamp_known)
    {
      /* Just opened: this is the version the map shows. */
      self->file_stamp = g_strdup (state->stamp);
      self->file_stamp_known = TRUE;
    }
  self->read_only = state->read_only;

  /* A symbolic link: it is the file it leads to that other programs
   * change (often in another folder). */
  if (self->monitored_file != NULL && !g_file_equal (state->target, self->monitored_file))
    start_monitor (self, state->target);

  if (state->stamp == NULL)
    kind = BANNER_DELETED;
  else if (g_strcmp0 (state->stamp, self->file_stamp) != 0)
    kind = BANNER_CHANGED;
  else if (state->read_only)
    kind = BANNER_READ_ONLY;

  show_file_banner (self, kind);
}

static void
check_file (WaymarkWindow *self)
{
  if (self->file_state_cancellable != NULL)
    g_cancellable_cancel (self->file_state_cancellable);
  g_clear_object (&self->file_state_cancellable);

  if (self->file == NULL)
    return;

  self->file_state_cancellable = g_cancellable_new ();
  waymark_file_query_state_async (self->file, self->file_state_cancellable,
                                  state_ready_cb, g_object_ref (self));
}

static gboolean
check_file_timeout_cb (gpointer user_data)
{
  WaymarkWindow *self = user_data;

  /* Our own save (or a reload) is under way: its renames are not news,
   * and it sets the stamp itself. Look again when it is done. */
  if (self->saving || self->loading)
    return G_SOURCE_CONTINUE;

  self->file_check_timeout = 0;
  check_file (self);
  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    gpointer           user_data)
{
  WaymarkWindow *self = user_data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      g_clear_handle_id (&self->file_check_timeout, g_source_remove);
      self->file_check_timeout = g_timeout_add (FILE_CHECK_DELAY_MS, check_file_timeout_cb, self);
      break;
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    default:
      break;
    }
}

static void
stop_watching (WaymarkWindow *self)
{
  if (self->file_state_cancellable != NULL)
    g_cancellable_cancel (self->file_state_cancellable);
  g_clear_object (&self->file_state_cancellable);
  g_clear_handle_id (&self->file_check_timeout, g_source_remove);
  stop_monitor (self);
  g_clear_pointer (&self->file_stamp, g_free);
  self->file_stamp_known = FALSE;
  self->read_only = FALSE;
}

void
waymark_window_watch_file (WaymarkWindow *self,
                           GFile         *file,
                           const char    *stamp)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  stop_watching (self);
  show_file_banner (self, BANNER_NONE);
  if (file == NULL)
    return;

  if (stamp != NULL)
    {
      self->file_stamp = g_strdup (stamp);
      self->file_stamp_known = TRUE;
    }

  start_monitor (self, file);
  check_file (self);
}

void
waymark_window_file_dispose (WaymarkWindow *self)
{
  stop_watching (self);
}

/* ---- Reloading ---- */

static void
reload_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* A failure was shown by the window, which keeps the map it had. */
  waymark_window_load_file_finish (WAYMARK_WINDOW (source), result, NULL);
}

static void
reload (WaymarkWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->file == NULL)
    return;

  file = g_object_ref (self->file);
  show_file_banner (self, BANNER_NONE);
  waymark_window_load_file_async (self, file, NULL, reload_ready_cb, NULL);
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  WaymarkWindow *self = user_data;

  if (g_str_equal (response, "reload"))
    reload (self);
}

/* Reloading discards unsaved edits: ask first. */
static void
ask_reload (WaymarkWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (!waymark_document_get_modified (self->document))
    {
      reload (self);
      return;
    }

  name = waymark_window_dup_file_display_name (self->file);
  heading = g_strdup_printf (_("Reload “%s”?"), name);
  dialog = waymark_window_new_message_dialog (self, heading,
                                              _("The map will show the version another program "
                                                "saved. The unsaved changes in this window will "
                                                "be permanently lost."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Discard Changes and Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- The banner ---- */

static void
file_banner_button_clicked_cb (WaymarkWindow *self)
{
  switch (self->file_banner_kind)
    {
    case BANNER_READ_ONLY:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
      break;
    case BANNER_CHANGED:
      ask_reload (self);
      break;
    case BANNER_DELETED:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
      break;
    default:
      break;
    }
}

static void
file_banner_close_clicked_cb (WaymarkWindow *self)
{
  gtk_revealer_set_reveal_child (self->file_banner, FALSE);
}

/* ---- A save that found the file changed ---- */

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  WaymarkWindow *self = user_data;

  if (g_str_equal (response, "overwrite") && self->file != NULL)
    waymark_window_save_to_file_full (self, self->file, TRUE, NULL, NULL, NULL);
  else if (g_str_equal (response, "reload"))
    reload (self);
  else if (g_str_equal (response, "save-as"))
    waymark_window_save_interactive_async (self, TRUE, NULL, NULL);
}

void
waymark_window_ask_about_conflict (WaymarkWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (self->file != NULL);

  show_file_banner (self, BANNER_CHANGED);

  name = waymark_window_dup_file_display_name (self->file);
  /* Translators: a dialog heading; %s is a file name. */
  heading = g_strdup_printf (_("“%s” Changed on Disk"), name);
  dialog = waymark_window_new_message_dialog (self, heading,
                                              _("Another program changed the file after you opened "
                                                "it. Overwrite replaces those changes with yours; "
                                                "Reload discards your unsaved changes instead. "
                                                "Save As keeps both."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    "overwrite", _("_Overwrite"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
waymark_window_file_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_banner);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_banner_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, file_banner_button);
  gtk_widget_class_bind_template_callback (widget_class, file_banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, file_banner_close_clicked_cb);
}
