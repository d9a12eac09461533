/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The document window: shows one map, opens and saves it through the
 * format layer's asynchronous API, keeps the title and the repair banner
 * up to date, and asks before unsaved changes are lost. Its actions live
 * in waymark-window-actions.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-canvas.h"
#include "waymark-resources.h"
#include "waymark-start-page.h"
#include "waymark-templates.h"
#include "waymark-window-private.h"

/* A small map opens in milliseconds; the loading page only appears when
 * opening takes longer than this, so that it does not flash. */
#define LOADING_PAGE_DELAY_MS 250

/* The repair dialog lists at most this many messages; a badly broken
 * file can produce thousands. */
#define MAX_REPAIRS_LISTED 500

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_BUSY,
  PROP_PERSONA_PANEL_VISIBLE,
  PROP_SIDE_PANEL_VISIBLE,
  PROP_START_PAGE_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkWindow, waymark_window, ADW_TYPE_APPLICATION_WINDOW)

/* Saving writes these; a failed save puts the old values back so the map
 * in memory matches what is still on disk. */
typedef struct
{
  WaymarkDocument *document;
  GFile           *file;
  char            *old_generator;
  char            *old_created;
  char            *old_modified;
  /* The state that was written, to mark saved once it is on disk. */
  guint64          checkpoint;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->document);
  g_clear_object (&data->file);
  g_free (data->old_generator);
  g_free (data->old_created);
  g_free (data->old_modified);
  g_free (data);
}

/* The window has been disposed: late results must not touch widgets. */
static gboolean
window_is_gone (WaymarkWindow *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

char *
waymark_window_dup_file_display_name (GFile *file)
{
  const char *path = g_file_peek_path (file);
  g_autofree char *parse_name = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  parse_name = g_file_get_parse_name (file);
  return g_path_get_basename (parse_name);
}

char *
waymark_window_dup_display_title (WaymarkWindow *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  title = waymark_dup_one_line (waymark_document_get_title (self->document));
  if (title[0] == '\0')
    return g_strdup (_("Untitled Map"));
  return g_steal_pointer (&title);
}

gboolean
waymark_window_get_start_page_visible (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);

  /* NULL once the window is disposed. */
  return self->content_stack != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "start") == 0;
}

static void update_title (WaymarkWindow *self);

/* The start page while it is wanted and the map untouched; the map once
 * there is one (for good: undoing every edit does not bring the page
 * back). The loading page stays until the load is over. */
static void
update_content_page (WaymarkWindow *self)
{
  gboolean was_start;
  gboolean start;

  if (self->content_stack == NULL)
    return;
  if (self->loading && g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "loading") == 0)
    return;

  was_start = waymark_window_get_start_page_visible (self);
  if (self->start_page_wanted && !self->loading && !waymark_window_is_pristine (self))
    self->start_page_wanted = FALSE;
  start = self->start_page_wanted;

  gtk_stack_set_visible_child_name (self->content_stack, start ? "start" : "map");
  if (start != was_start)
    {
      update_title (self);
      waymark_window_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_PAGE_VISIBLE]);
    }
}

static void
update_title (WaymarkWindow *self)
{
  g_autofree char *title = waymark_window_dup_display_title (self);
  g_autofree char *shown_title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  /* No map to name yet: the window is the app's. */
  if (waymark_window_get_start_page_visible (self))
    {
      adw_window_title_set_title (self->window_title, _("Waymark"));
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Waymark"));
      return;
    }

  if (waymark_document_get_modified (self->document))
    {
      /* Translators: the title of a map with unsaved changes. */
      shown_title = g_strdup_printf (_("• %s"), title);
      /* Translators: the window title of a map with unsaved changes,
       * as seen in the window list and the overview. */
      window_title = g_strdup_printf (_("*%s"), title);
    }
  else
    {
      shown_title = g_strdup (title);
      window_title = g_strdup (title);
    }

  if (self->file != NULL)
    {
      subtitle = waymark_window_dup_file_display_name (self->file);
      tooltip = g_file_get_parse_name (self->file);
    }
  else if (self->loading_file != NULL)
    {
      g_autofree char *name = waymark_window_dup_file_display_name (self->loading_file);

      /* Translators: the window's subtitle while a file is being opened. */
      subtitle = g_strdup_printf (_("Opening %s…"), name);
    }

  adw_window_title_set_title (self->window_title, shown_title);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), tooltip);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
document_state_changed_cb (WaymarkWindow *self,
                           GParamSpec    *pspec,
                           gpointer       document)
{
  update_content_page (self);
  update_title (self);
  waymark_window_update_actions (self);
}

static void
history_notify_cb (WaymarkWindow *self,
                   GParamSpec    *pspec,
                   gpointer       history)
{
  waymark_window_update_actions (self);
}

static void
disconnect_document (WaymarkWindow *self)
{
  if (self->document == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->document, self);
  g_signal_handlers_disconnect_by_data (waymark_document_get_history (self->document), self);
}

/* An empty map says how to start. */
static void
update_empty_hint (WaymarkWindow *self)
{
  gboolean empty = g_list_model_get_n_items (waymark_document_get_stages (self->document)) == 0 &&
                   g_list_model_get_n_items (waymark_document_get_lanes (self->document)) == 0;

  gtk_widget_set_visible (self->empty_hint, empty);
  /* The first edit on a new map leaves the start page. */
  update_content_page (self);
}

static void
set_document (WaymarkWindow   *self,
              WaymarkDocument *document)
{
  if (self->document == document)
    return;

  disconnect_document (self);
  g_set_object (&self->document, document);

  g_signal_connect_object (document, "notify::modified",
                           G_CALLBACK (document_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::title",
                           G_CALLBACK (document_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (waymark_document_get_history (document), "notify",
                           G_CALLBACK (history_notify_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (document, "changed",
                           G_CALLBACK (update_empty_hint), self,
                           G_CONNECT_SWAPPED);

  waymark_canvas_set_document (WAYMARK_CANVAS (self->map_view), document);
  waymark_window_panels_set_document (self, document);
  update_empty_hint (self);
  update_title (self);
  waymark_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
set_file (WaymarkWindow *self,
          GFile         *file)
{
  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  update_title (self);
  waymark_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
set_busy (WaymarkWindow *self,
          gboolean       loading,
          gboolean       saving)
{
  gboolean was_busy = self->loading || self->saving;

  self->loading = !!loading;
  self->saving = !!saving;
  waymark_window_update_actions (self);
  if (was_busy != (self->loading || self->saving))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- Messages ---- */

AdwMessageDialog *
waymark_window_new_message_dialog (WaymarkWindow *self,
                                   const char    *heading,
                                   const char    *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  /* A dialog must not outlive the map it talks about. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  return ADW_MESSAGE_DIALOG (dialog);
}

void
waymark_window_show_message (WaymarkWindow *self,
                             const char    *heading,
                             const char    *body)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  dialog = waymark_window_new_message_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
waymark_window_add_toast (WaymarkWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- The repair banner ---- */

static void
show_repairs (WaymarkWindow *self,
              GStrv          repairs)
{
  g_clear_pointer (&self->repairs, g_strfreev);
  self->repairs = repairs;
  gtk_revealer_set_reveal_child (self->repair_banner,
                                 self->repairs != NULL && self->repairs[0] != NULL);
}

static void
repair_close_clicked_cb (WaymarkWindow *self)
{
  gtk_revealer_set_reveal_child (self->repair_banner, FALSE);
}

static void
repair_details_clicked_cb (WaymarkWindow *self)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;
  guint n_repairs;

  if (self->repairs == NULL)
    return;

  n_repairs = g_strv_length (self->repairs);
  for (guint i = 0; i < n_repairs && i < MAX_REPAIRS_LISTED; i++)
    {
      if (i > 0)
        g_string_append_c (list, '\n');
      g_string_append_printf (list, "• %s", self->repairs[i]);
    }
  if (n_repairs > MAX_REPAIRS_LISTED)
    {
      guint rest = n_repairs - MAX_REPAIRS_LISTED;

      g_string_append_c (list, '\n');
      g_string_append_printf (list,
                              ngettext ("…and %u more repair", "…and %u more repairs", rest),
                              rest);
    }

  name = self->file ? waymark_window_dup_file_display_name (self->file) : waymark_window_dup_display_title (self);
  body = g_strdup_printf (_("Waymark fixed these problems in “%s” while opening it. "
                            "Nothing you wrote was removed. Save the map to keep the repairs."),
                          name);
  dialog = waymark_window_new_message_dialog (self, _("What Was Repaired"), body);

  label = gtk_label_new (list->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  /* Selectable so the messages can be copied into a bug report. */
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Loading ---- */

static gboolean
show_loading_page_cb (gpointer user_data)
{
  WaymarkWindow *self = user_data;

  self->loading_page_timeout = 0;
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  return G_SOURCE_REMOVE;
}

static void
hide_loading_page (WaymarkWindow *self)
{
  g_clear_handle_id (&self->loading_page_timeout, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  /* Back to the start page when opening failed in a new window. */
  gtk_stack_set_visible_child_name (self->content_stack, "map");
  update_content_page (self);
}

static void
read_file_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaymarkWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  char **repairs = NULL;

  document = waymark_jmap_read_file_finish (result, &repairs, &error);

  if (window_is_gone (self))
    {
      g_strfreev (repairs);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The window was closed"));
      return;
    }

  g_clear_object (&self->loading_file);
  hide_loading_page (self);
  set_busy (self, FALSE, self->saving);

  if (document == NULL)
    {
      g_strfreev (repairs);
      update_title (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = waymark_window_dup_file_display_name (file);
          g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

          waymark_window_show_message (self, heading, error->message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_document (self, document);
  set_file (self, file);
  waymark_window_watch_file (self, file, NULL);
  update_content_page (self);
  update_title (self);
  show_repairs (self, repairs);
  waymark_add_recent_map (file);
  g_task_return_boolean (task, TRUE);
}

void
waymark_window_load_file_async (WaymarkWindow       *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_window_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  if (self->loading || self->saving || window_is_gone (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The window is busy opening or saving a map"));
      return;
    }

  g_set_object (&self->loading_file, file);
  set_busy (self, TRUE, FALSE);
  update_title (self);
  self->loading_page_timeout = g_timeout_add (LOADING_PAGE_DELAY_MS, show_loading_page_cb, self);

  /* The window's own cancellable, so closing the window stops the read;
   * the caller's is honoured when the task returns. */
  waymark_jmap_read_file_async (file, self->cancellable, read_file_ready_cb,
                                g_steal_pointer (&task));
}

void
waymark_window_show_recovered (WaymarkWindow   *self,
                               WaymarkDocument *document,
                               GFile           *file)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (!file || G_IS_FILE (file));
  g_return_if_fail (!self->loading && !self->saving);

  set_document (self, document);
  set_file (self, file);
  waymark_window_watch_file (self, file, NULL);
  /* What was recovered is not on disk yet. */
  waymark_document_mark_unsaved (document);
  show_repairs (self, NULL);
  update_title (self);
}

gboolean
waymark_window_load_file_finish (WaymarkWindow  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Saving ---- */

static char *
dup_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
save_file_ready_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaymarkWindow *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *new_stamp = NULL;

  if (!waymark_jmap_save_file_finish (result, &new_stamp, &error))
    {
      /* Nothing new is on disk: put back what was there before. */
      waymark_document_set_generator (data->document, data->old_generator);
      waymark_document_set_created_time (data->document, data->old_created);
      waymark_document_set_modified_time (data->document, data->old_modified);

      if (!window_is_gone (self))
        {
          set_busy (self, self->loading, FALSE);
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
            {
              waymark_window_ask_about_conflict (self);
            }
          else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_autofree char *name = waymark_window_dup_file_display_name (data->file);
              g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
              g_autofree char *body =
                g_strdup_printf (_("%s The map is still open with all your changes; "
                                   "try saving it somewhere else."),
                                 error->message);

              waymark_window_show_message (self, heading, body);
            }
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The file holds the state of the checkpoint; edits made while it
   * was being written stay unsaved. */
  waymark_document_set_saved_at (data->document, data->checkpoint);

  if (!window_is_gone (self))
    {
      set_busy (self, self->loading, FALSE);
      set_file (self, data->file);
      waymark_window_watch_file (self, data->file, new_stamp);
      update_content_page (self);
      waymark_add_recent_map (data->file);
      update_title (self);
      waymark_window_update_actions (self);
    }
  g_task_return_boolean (task, TRUE);
}

void
waymark_window_save_to_file_async (WaymarkWindow       *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  waymark_window_save_to_file_full (self, file, FALSE, cancellable, callback, user_data);
}

void
waymark_window_save_to_file_full (WaymarkWindow       *self,
                                  GFile               *file,
                                  gboolean             force,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *now = NULL;
  const char *expected_stamp = NULL;
  SaveData *data;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_window_save_to_file_async);

  if (self->loading || self->saving || window_is_gone (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The window is busy opening or saving a map"));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->document = g_object_ref (self->document);
  data->file = g_object_ref (file);
  data->old_generator = g_strdup (waymark_document_get_generator (self->document));
  data->old_created = g_strdup (waymark_document_get_created_time (self->document));
  data->old_modified = g_strdup (waymark_document_get_modified_time (self->document));
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  /* Stamped only here, when the map really goes to disk, and without
   * undo: these describe the file, not an edit. */
  now = dup_now_iso8601 ();
  waymark_document_set_generator (self->document, "Waymark " PACKAGE_VERSION);
  waymark_document_set_modified_time (self->document, now);
  if (data->old_created == NULL || data->old_created[0] == '\0')
    waymark_document_set_created_time (self->document, now);

  /* Another program's changes to our own file are never overwritten
   * without asking; Save As to another file was asked about by the
   * file chooser. */
  if (!force && self->file != NULL && g_file_equal (file, self->file))
    expected_stamp = self->file_stamp;

  set_busy (self, self->loading, TRUE);
  waymark_jmap_save_file_async (self->document, file, expected_stamp, self->cancellable,
                                save_file_ready_cb, g_steal_pointer (&task));
  data->checkpoint = waymark_document_checkpoint (self->document);
}

gboolean
waymark_window_save_to_file_finish (WaymarkWindow  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Closing ---- */

static void
resolve_close_tasks (WaymarkWindow *self,
                     gboolean       may_close)
{
  g_autoptr(GPtrArray) tasks = NULL;

  if (self->close_tasks == NULL || self->close_tasks->len == 0)
    return;

  tasks = g_steal_pointer (&self->close_tasks);
  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), may_close);
}

static void
close_save_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  WaymarkWindow *self = WAYMARK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  /* A failed save has shown its own message; the window stays open. */
  saved = waymark_window_save_interactive_finish (self, result, &error);
  resolve_close_tasks (self, saved);
}

static void
close_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  WaymarkWindow *self = user_data;

  self->close_dialog = NULL;

  if (g_str_equal (response, "discard"))
    resolve_close_tasks (self, TRUE);
  else if (g_str_equal (response, "save"))
    waymark_window_save_interactive_async (self, FALSE, close_save_ready_cb, NULL);
  else
    resolve_close_tasks (self, FALSE);
}

void
waymark_window_confirm_close_async (WaymarkWindow       *self,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, waymark_window_confirm_close_async);

  if (window_is_gone (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Already asking (or saving on the user's answer): answer this request
   * together with the first one rather than asking twice. */
  if (self->close_tasks->len > 0)
    {
      g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));
      if (self->close_dialog != NULL)
        gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  if (!waymark_document_get_modified (self->document))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));

  title = waymark_window_dup_display_title (self);
  body = g_strdup_printf (_("“%s” has unsaved changes. "
                            "Changes which are not saved will be permanently lost."),
                          title);
  dialog = waymark_window_new_message_dialog (self, _("Save Changes?"), body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (close_dialog_response_cb), self, 0);
  self->close_dialog = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
waymark_window_confirm_close_finish (WaymarkWindow *self,
                                     GAsyncResult  *result)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
close_confirmed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WaymarkWindow *self = WAYMARK_WINDOW (source);

  if (waymark_window_confirm_close_finish (self, result) && !window_is_gone (self))
    {
      self->close_confirmed = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
waymark_window_close_request (GtkWindow *window)
{
  WaymarkWindow *self = WAYMARK_WINDOW (window);

  waymark_window_save_size (self);
  if (self->close_confirmed || !waymark_document_get_modified (self->document))
    return GTK_WINDOW_CLASS (waymark_window_parent_class)->close_request (window);

  waymark_window_confirm_close_async (self, close_confirmed_cb, NULL);
  return TRUE;
}

/* ---- Public accessors ---- */

WaymarkWindow *
waymark_window_new (GtkApplication *application)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (WAYMARK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

WaymarkDocument *
waymark_window_get_document (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->document;
}

GFile *
waymark_window_get_file (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->file;
}

gboolean
waymark_window_get_busy (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);

  return self->loading || self->saving;
}

GtkWidget *
waymark_window_get_map_view (WaymarkWindow *self)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  return self->map_view;
}

gboolean
waymark_window_is_pristine (WaymarkWindow *self)
{
  WaymarkDocument *document;
  WaymarkHistory *history;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);

  document = self->document;
  history = waymark_document_get_history (document);

  return !self->loading && !self->saving && self->file == NULL
         && !waymark_document_get_modified (document)
         && waymark_history_get_n_undo (history) == 0
         && waymark_history_get_n_redo (history) == 0
         && waymark_document_get_title (document)[0] == '\0'
         && g_list_model_get_n_items (waymark_document_get_stages (document)) == 0
         && g_list_model_get_n_items (waymark_document_get_lanes (document)) == 0
         && g_list_model_get_n_items (waymark_document_get_cards (document)) == 0
         && g_list_model_get_n_items (waymark_document_get_personas (document)) == 0;
}

gboolean
waymark_window_has_file (WaymarkWindow *self,
                         GFile         *file)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return (self->file != NULL && g_file_equal (self->file, file))
         || (self->loading_file != NULL && g_file_equal (self->loading_file, file));
}

/* ---- Start page, templates and dropped files ---- */

void
waymark_window_show_start_page (WaymarkWindow *self)
{
  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  if (!waymark_window_is_pristine (self) && !self->loading)
    return;
  self->start_page_wanted = TRUE;
  update_content_page (self);
}

gboolean
waymark_window_load_template (WaymarkWindow  *self,
                              const char     *template_id,
                              GError        **error)
{
  g_autoptr(WaymarkDocument) document = NULL;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (template_id != NULL, FALSE);

  if (self->loading || self->saving || window_is_gone (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("The window is busy opening or saving a map"));
      return FALSE;
    }

  document = waymark_templates_load (template_id, error);
  if (document == NULL)
    return FALSE;

  /* Like a new empty map: untitled, and nothing to save until edited
   * (as in Text Editor). The blank template leaves the window pristine,
   * so say that the empty grid is what was asked for. */
  self->start_page_wanted = FALSE;
  set_document (self, document);
  set_file (self, NULL);
  waymark_window_watch_file (self, NULL, NULL);
  show_repairs (self, NULL);
  update_content_page (self);
  update_title (self);
  return TRUE;
}

static gboolean
is_map_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_utf8_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, ".jmap");
}

guint
waymark_window_open_dropped_files (WaymarkWindow *self,
                                   GSList        *files)
{
  GtkApplication *application;
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);
  guint opened = 0;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), 0);

  application = gtk_window_get_application (GTK_WINDOW (self));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;

      if (!is_map_file (file))
        g_ptr_array_add (refused, waymark_window_dup_file_display_name (file));
      else if (WAYMARK_IS_APPLICATION (application))
        {
          waymark_application_open_file_for (WAYMARK_APPLICATION (application), file, GTK_WINDOW (self));
          opened++;
        }
      else if (waymark_window_is_pristine (self))
        {
          /* A window of no application (tests): it can take one map. */
          waymark_window_load_file_async (self, file, NULL, NULL, NULL);
          opened++;
        }
    }

  if (refused->len == 1)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (refused, 0), -1);
      g_autofree char *text = g_strdup_printf (_("“%s” is not a journey map (.jmap)"), escaped);

      waymark_window_add_toast (self, adw_toast_new (text));
    }
  else if (refused->len > 1)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u file is not a journey map (.jmap)",
                                   "%u files are not journey maps (.jmap)",
                                   refused->len),
                         refused->len);

      waymark_window_add_toast (self, adw_toast_new (text));
    }
  return opened;
}

static gboolean
drop_cb (WaymarkWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  GdkFileList *list;
  g_autoptr(GSList) files = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  if (list == NULL)
    return FALSE;
  files = gdk_file_list_get_files (list);
  return waymark_window_open_dropped_files (self, files) > 0;
}

/* ---- GObject ---- */

static void
waymark_window_dispose (GObject *object)
{
  WaymarkWindow *self = (WaymarkWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->loading_page_timeout, g_source_remove);
  /* Whoever waits for an answer gets one; the window is going anyway. */
  resolve_close_tasks (self, TRUE);
  self->close_dialog = NULL;
  if (self->copy_cancellable != NULL)
    g_cancellable_cancel (self->copy_cancellable);
  g_clear_weak_pointer (&self->export_dialog);

  disconnect_document (self);
  waymark_window_file_dispose (self);
  waymark_window_panels_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_WINDOW);

  G_OBJECT_CLASS (waymark_window_parent_class)->dispose (object);
}

static void
waymark_window_finalize (GObject *object)
{
  WaymarkWindow *self = (WaymarkWindow *) object;

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->copy_cancellable);
  g_clear_pointer (&self->repairs, g_strfreev);
  g_clear_pointer (&self->close_tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_window_parent_class)->finalize (object);
}

static void
waymark_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkWindow *self = WAYMARK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, waymark_window_get_busy (self));
      break;

    case PROP_PERSONA_PANEL_VISIBLE:
      g_value_set_boolean (value, waymark_window_get_panel_visible (self, TRUE));
      break;

    case PROP_SIDE_PANEL_VISIBLE:
      g_value_set_boolean (value, waymark_window_get_panel_visible (self, FALSE));
      break;

    case PROP_START_PAGE_VISIBLE:
      g_value_set_boolean (value, waymark_window_get_start_page_visible (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WaymarkWindow *self = WAYMARK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PERSONA_PANEL_VISIBLE:
      waymark_window_set_panel_visible (self, TRUE, g_value_get_boolean (value));
      break;

    case PROP_SIDE_PANEL_VISIBLE:
      waymark_window_set_panel_visible (self, FALSE, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_window_class_init (WaymarkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = waymark_window_dispose;
  object_class->finalize = waymark_window_finalize;
  object_class->get_property = waymark_window_get_property;
  object_class->set_property = waymark_window_set_property;

  window_class->close_request = waymark_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the persona panel, and the pain points and details, are
   * shown (win.show-personas and win.show-side-panel). */
  properties[PROP_PERSONA_PANEL_VISIBLE] =
    g_param_spec_boolean ("persona-panel-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDE_PANEL_VISIBLE] =
    g_param_spec_boolean ("side-panel-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START_PAGE_VISIBLE] =
    g_param_spec_boolean ("start-page-visible", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources live in a static library: referring to them here makes
   * sure the linker keeps them, and with them their registration. */
  g_assert (waymark_get_resource () != NULL);
  g_type_ensure (WAYMARK_TYPE_CANVAS);
  g_type_ensure (WAYMARK_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, repair_banner);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, repair_details_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, persona_flap);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, side_flap);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, persona_sidebar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, side_sidebar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, persona_clamp);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, side_clamp);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, persona_handle);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, side_handle);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, persona_panel);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, notes_panel);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, find_bar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, focus_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkWindow, focus_label);
  gtk_widget_class_bind_template_callback (widget_class, repair_details_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, repair_close_clicked_cb);

  waymark_window_class_install_actions (widget_class);
  waymark_window_panels_class_init (widget_class);
  waymark_window_file_class_init (widget_class);
}

static void
waymark_window_init (WaymarkWindow *self)
{
  g_autoptr(WaymarkDocument) document = waymark_document_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  waymark_window_panels_init (self);

  self->cancellable = g_cancellable_new ();
  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  set_document (self, document);

  /* Maps dragged from a file manager open, wherever they are dropped. */
  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (self->drop_target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}
