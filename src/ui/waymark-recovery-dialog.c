/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash recovery: the drafts a dead process left, read in a worker
 * thread at start-up, and the dialog that offers them back. Nothing is
 * deleted unless the user says Discard, or recovers the map and saves
 * it (the window's tracker then removes the draft). */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-draft-tracker.h"
#include "waymark-jmap-reader.h"
#include "waymark-recovery-dialog.h"
#include "waymark-window.h"

/* ---- WaymarkRecoverable ---- */

struct _WaymarkRecoverable
{
  GObject            parent_instance;

  WaymarkDraftStore *store;
  WaymarkDraftInfo  *info;
  WaymarkDocument   *document;
  GError            *error;
};

G_DEFINE_FINAL_TYPE (WaymarkRecoverable, waymark_recoverable, G_TYPE_OBJECT)

static void
waymark_recoverable_finalize (GObject *object)
{
  WaymarkRecoverable *self = WAYMARK_RECOVERABLE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->info, waymark_draft_info_free);
  g_clear_object (&self->document);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (waymark_recoverable_parent_class)->finalize (object);
}

static void
waymark_recoverable_class_init (WaymarkRecoverableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = waymark_recoverable_finalize;
}

static void
waymark_recoverable_init (WaymarkRecoverable *self)
{
}

WaymarkDraftStore *
waymark_recoverable_get_store (WaymarkRecoverable *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (self), NULL);

  return self->store;
}

const WaymarkDraftInfo *
waymark_recoverable_get_info (WaymarkRecoverable *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (self), NULL);

  return self->info;
}

const char *
waymark_recoverable_get_id (WaymarkRecoverable *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (self), NULL);

  return self->info->id;
}

WaymarkDocument *
waymark_recoverable_get_document (WaymarkRecoverable *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (self), NULL);

  return self->document;
}

const GError *
waymark_recoverable_get_error (WaymarkRecoverable *self)
{
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (self), NULL);

  return self->error;
}

/* ---- Finding ---- */

static WaymarkRecoverable *
recoverable_new (WaymarkDraftStore      *store,
                 const WaymarkDraftInfo *info)
{
  WaymarkRecoverable *self = g_object_new (WAYMARK_TYPE_RECOVERABLE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->info = waymark_draft_info_copy (info);
  if (info->error != NULL)
    {
      self->error = g_error_copy (info->error);
      return self;
    }

  bytes = waymark_draft_store_read (store, info->id, NULL, &error);
  if (bytes != NULL)
    self->document = waymark_jmap_read (bytes, NULL, &error);
  if (self->document == NULL)
    {
      if (error->domain == WAYMARK_FORMAT_ERROR)
        self->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The map in the draft cannot be read: %s"),
                                   error->message);
      else
        self->error = g_steal_pointer (&error);
    }
  return self;
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WaymarkDraftStore *store = task_data;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GListStore) items = NULL;
  GError *error = NULL;

  orphans = waymark_draft_store_claim_orphans (store, &error);
  if (orphans == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = g_list_store_new (WAYMARK_TYPE_RECOVERABLE);
  for (guint i = 0; i < orphans->len; i++)
    {
      g_autoptr(WaymarkRecoverable) item = recoverable_new (store, g_ptr_array_index (orphans, i));

      g_list_store_append (items, item);
    }
  g_task_return_pointer (task, g_steal_pointer (&items), g_object_unref);
}

void
waymark_recovery_find_async (WaymarkDraftStore   *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WAYMARK_IS_DRAFT_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_recovery_find_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, find_thread);
}

GListStore *
waymark_recovery_find_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Recovering and discarding ---- */

WaymarkRecoverable *
waymark_recovery_lookup (GListModel *items,
                         const char *id)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(WaymarkRecoverable) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (item->info->id, id) == 0)
        return item;
    }
  return NULL;
}

static void
remove_item (GListStore         *items,
             WaymarkRecoverable *item)
{
  guint position;

  if (g_list_store_find (items, item, &position))
    g_list_store_remove (items, position);
}

static WaymarkWindow *
find_pristine_window (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (WAYMARK_IS_WINDOW (l->data) && waymark_window_is_pristine (l->data))
        return l->data;
    }
  return NULL;
}

GtkWindow *
waymark_recovery_restore (GtkApplication     *application,
                          GListStore         *items,
                          WaymarkRecoverable *item)
{
  g_autoptr(WaymarkRecoverable) keep = NULL;
  g_autoptr(GFile) file = NULL;
  WaymarkDraftTracker *tracker;
  WaymarkWindow *window;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (items), NULL);
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (item), NULL);

  if (item->document == NULL)
    return NULL;

  keep = g_object_ref (item);
  /* The empty window of start-up takes the first map. */
  window = find_pristine_window (application);
  if (window == NULL)
    window = waymark_window_new (application);
  if (item->info->uri != NULL)
    file = g_file_new_for_uri (item->info->uri);

  /* Unsaved before the window sees it, so that its tracker never takes
   * it for a saved map whose draft can go. */
  waymark_document_mark_unsaved (item->document);
  waymark_window_show_recovered (window, item->document, file);
  tracker = waymark_draft_tracker_get_for_window (window);
  if (tracker != NULL && waymark_draft_tracker_get_store (tracker) == item->store)
    waymark_draft_tracker_adopt (tracker, item->info->id);
  gtk_window_present (GTK_WINDOW (window));

  remove_item (items, item);
  return GTK_WINDOW (window);
}

/* The items, for loops that remove them from the list. */
static GPtrArray *
snapshot_items (GListStore *items)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    g_ptr_array_add (array, g_list_model_get_item (G_LIST_MODEL (items), i));
  return array;
}

guint
waymark_recovery_restore_all (GtkApplication *application,
                              GListStore     *items)
{
  g_autoptr(GPtrArray) all = NULL;
  guint restored = 0;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), 0);
  g_return_val_if_fail (G_IS_LIST_STORE (items), 0);

  all = snapshot_items (items);
  for (guint i = 0; i < all->len; i++)
    {
      if (waymark_recovery_restore (application, items, g_ptr_array_index (all, i)) != NULL)
        restored++;
    }
  return restored;
}

gboolean
waymark_recovery_discard (GListStore          *items,
                          WaymarkRecoverable  *item,
                          GError             **error)
{
  g_autoptr(WaymarkRecoverable) keep = NULL;

  g_return_val_if_fail (G_IS_LIST_STORE (items), FALSE);
  g_return_val_if_fail (WAYMARK_IS_RECOVERABLE (item), FALSE);

  keep = g_object_ref (item);
  if (!waymark_draft_store_delete (item->store, item->info->id, error))
    return FALSE;
  remove_item (items, item);
  return TRUE;
}

gboolean
waymark_recovery_discard_all (GListStore  *items,
                              GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) first_error = NULL;

  g_return_val_if_fail (G_IS_LIST_STORE (items), FALSE);

  all = snapshot_items (items);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      /* One stubborn file does not keep the others. */
      if (!waymark_recovery_discard (items, g_ptr_array_index (all, i), &local_error)
          && first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }
  return TRUE;
}

char *
waymark_recovery_format_time (GDateTime *time,
                              GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  const char *format;
  int year, month, day;
  int now_year, now_month, now_day;
  int y_year, y_month, y_day;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);
  yesterday = g_date_time_add_days (local_now, -1);
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_time_get_ymd (local_now, &now_year, &now_month, &now_day);
  g_date_time_get_ymd (yesterday, &y_year, &y_month, &y_day);

  if (year == now_year && month == now_month && day == now_day)
    /* Translators: when a draft was written, a g_date_time_format()
     * string; %H:%M is the hour and minute. */
    format = _("Today at %H:%M");
  else if (year == y_year && month == y_month && day == y_day)
    /* Translators: when a draft was written, a g_date_time_format()
     * string. */
    format = _("Yesterday at %H:%M");
  else if (year == now_year)
    /* Translators: when a draft was written, a g_date_time_format()
     * string: %-d is the day of the month, %B the month's name. */
    format = _("%-d %B at %H:%M");
  else
    /* Translators: when a draft was written, a g_date_time_format()
     * string, with the year (%Y). */
    format = _("%-d %B %Y at %H:%M");

  return g_date_time_format (local, format);
}

/* ---- The dialog ---- */

/* More rows than this go into a scrolled window. */
#define MAX_UNSCROLLED_ROWS 4

struct _WaymarkRecoveryDialog
{
  AdwMessageDialog  parent_instance;

  GtkApplication   *application;
  GListStore       *items;
  GtkWidget        *list;
};

G_DEFINE_FINAL_TYPE (WaymarkRecoveryDialog, waymark_recovery_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
report_error (WaymarkRecoveryDialog *self,
              const GError          *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (WAYMARK_IS_WINDOW (parent))
    waymark_window_add_toast (WAYMARK_WINDOW (parent), adw_toast_new (escaped));
  else
    g_message ("%s", error->message);
}

static void
recover_clicked_cb (GtkButton             *button,
                    WaymarkRecoveryDialog *self)
{
  WaymarkRecoverable *item = g_object_get_data (G_OBJECT (button), "waymark-recoverable");

  waymark_recovery_restore (self->application, self->items, item);
}

static void
discard_clicked_cb (GtkButton             *button,
                    WaymarkRecoveryDialog *self)
{
  WaymarkRecoverable *item = g_object_get_data (G_OBJECT (button), "waymark-recoverable");
  g_autoptr(GError) error = NULL;

  if (!waymark_recovery_discard (self->items, item, &error))
    report_error (self, error);
}

static GtkWidget *
row_button_new (WaymarkRecoveryDialog *self,
                WaymarkRecoverable    *item,
                const char            *label,
                const char            *accessible_label,
                GCallback              callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* "Recover" alone does not say which map to a screen reader going
   * from button to button. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "waymark-recoverable",
                          g_object_ref (item), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  WaymarkRecoveryDialog *self = user_data;
  WaymarkRecoverable *item = object;
  const WaymarkDraftInfo *info = item->info;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  GtkWidget *button;

  title = waymark_dup_one_line (info->title != NULL ? info->title : "");
  if (title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Untitled Map"));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  if (item->document != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = waymark_recovery_format_time (info->time, now);
      g_autofree char *where = NULL;

      if (info->uri != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (info->uri);
          g_autofree char *parse_name = g_file_get_parse_name (file);
          g_autofree char *basename = g_file_get_basename (file);

          where = basename != NULL ? g_filename_display_name (basename) : g_strdup (parse_name);
          gtk_widget_set_tooltip_text (row, parse_name);
        }
      else
        where = g_strdup (_("Never saved"));
      /* Translators: a recoverable map's file name (or "Never saved")
       * and when its draft was written. */
      subtitle = g_strdup_printf (_("%s — %s"), where, when);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

      label = g_strdup_printf (_("Recover “%s”"), title);
      button = row_button_new (self, item, _("Recover"), label, G_CALLBACK (recover_clicked_cb));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      /* Enter on the row recovers it. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      g_clear_pointer (&label, g_free);
    }
  else
    {
      subtitle = g_strdup_printf (_("Cannot be recovered. %s"), item->error->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = g_strdup_printf (_("Discard “%s”"), title);
  button = row_button_new (self, item, _("Discard"), label, G_CALLBACK (discard_clicked_cb));
  gtk_widget_add_css_class (button, "flat");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static gboolean
any_recoverable (GListModel *items)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(WaymarkRecoverable) item = g_list_model_get_item (items, i);

      if (item->document != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
items_changed_cb (WaymarkRecoveryDialog *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    {
      /* Everything has been answered; a response closed it already. */
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "recover-all",
                                           any_recoverable (G_LIST_MODEL (self->items)));
}

static void
waymark_recovery_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  WaymarkRecoveryDialog *self = WAYMARK_RECOVERY_DIALOG (dialog);

  /* Closing ("later") keeps every draft for the next start. */
  if (g_strcmp0 (response, "recover-all") == 0)
    waymark_recovery_restore_all (self->application, self->items);
  else if (g_strcmp0 (response, "discard-all") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!waymark_recovery_discard_all (self->items, &error))
        report_error (self, error);
    }
}

static void
waymark_recovery_dialog_dispose (GObject *object)
{
  WaymarkRecoveryDialog *self = WAYMARK_RECOVERY_DIALOG (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_object (&self->items);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (waymark_recovery_dialog_parent_class)->dispose (object);
}

static void
waymark_recovery_dialog_class_init (WaymarkRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = waymark_recovery_dialog_dispose;
  dialog_class->response = waymark_recovery_dialog_response;
}

static void
waymark_recovery_dialog_init (WaymarkRecoveryDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_heading (dialog, _("Recover Unsaved Maps?"));
  adw_message_dialog_add_responses (dialog,
                                    "discard-all", _("_Discard All"),
                                    "recover-all", _("_Recover All"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard-all", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover-all", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover-all");
  /* Escape is neither answer: the drafts wait for the next start. */
  adw_message_dialog_set_close_response (dialog, "later");

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unsaved maps"),
                                  -1);
  /* A message dialog is narrow; the rows need room for a title, a
   * file name and two buttons. This minimum width sets the dialog's. */
  gtk_widget_set_size_request (self->list, 460, -1);
}

GtkWidget *
waymark_recovery_dialog_new (GtkWindow      *parent,
                             GtkApplication *application,
                             GListStore     *items)
{
  WaymarkRecoveryDialog *self;
  guint n;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (items), NULL);

  self = g_object_new (WAYMARK_TYPE_RECOVERY_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->application = g_object_ref (application);
  self->items = g_object_ref (items);

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  if (n > MAX_UNSCROLLED_ROWS)
    {
      /* A long list scrolls rather than push the buttons off the
       * screen. (The dialog measures a scrolled window's natural height
       * short, so a few rows go without one.) */
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), scrolled);
    }
  else
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), self->list);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               ngettext ("Waymark closed before this map was saved. "
                                         "Recover it to carry on where you left off.",
                                         "Waymark closed before these maps were saved. "
                                         "Recover them to carry on where you left off.",
                                         n));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (items),
                           create_row, self, NULL);
  g_signal_connect_swapped (items, "items-changed", G_CALLBACK (items_changed_cb), self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "recover-all",
                                           any_recoverable (G_LIST_MODEL (items)));
  return GTK_WIDGET (self);
}
