/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's actions (win.save, win.undo, win.add-stage, win.export,
 * …), installed on the class, and the one place that decides which of
 * them are enabled. Every edit goes through the document so that it can
 * be undone. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "waymark-canvas.h"
#include "waymark-export-dialog.h"
#include "waymark-exporter.h"
#include "waymark-print.h"
#include "waymark-window-private.h"

/* ---- File choosers ---- */

void
waymark_window_add_file_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) maps = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (maps, _("Journey maps (*.jmap)"));
  gtk_file_filter_add_pattern (maps, "*.jmap");
  gtk_file_filter_add_mime_type (maps, "application/x-jmap");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, maps);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, maps);
}

char *
waymark_window_dup_file_stem (WaymarkWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), NULL);

  name = g_strstrip (g_strdup (waymark_document_get_title (self->document)));
  if (name[0] == '\0' && self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      char *dot;

      g_free (name);
      name = g_filename_display_name (basename);
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
    }

  /* What a file name cannot hold, and what a line cannot. */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  g_strdelimit (name, "\n\r\t", ' ');
  /* Keep the name well under the usual 255-byte limit. */
  short_name = g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1), 100));
  g_strstrip (short_name);
  if (short_name[0] == '\0' || short_name[0] == '.')
    return g_strdup (_("Untitled Map"));
  return g_steal_pointer (&short_name);
}

/* "<title>.jmap" */
static char *
dup_suggested_file_name (WaymarkWindow *self)
{
  g_autofree char *stem = waymark_window_dup_file_stem (self);

  return g_strdup_printf ("%s.jmap", stem);
}

static void
interactive_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (waymark_window_save_to_file_finish (WAYMARK_WINDOW (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  GTask *task = user_data;
  WaymarkWindow *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("No file was chosen"));
      g_object_unref (task);
      return;
    }

  waymark_window_save_to_file_async (self, file, NULL, interactive_saved_cb, task);
}

void
waymark_window_save_interactive_async (WaymarkWindow       *self,
                                       gboolean             choose_file,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  GtkFileChooserNative *native;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, waymark_window_save_interactive_async);

  /* A read-only file cannot take the changes: ask where to put them. */
  if (!choose_file && self->file != NULL && !self->read_only)
    {
      waymark_window_save_to_file_async (self, self->file, NULL, interactive_saved_cb, task);
      return;
    }

  native = gtk_file_chooser_native_new (_("Save Map"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  waymark_window_add_file_filters (GTK_FILE_CHOOSER (native));
  if (self->file != NULL)
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), self->file, NULL);
    }
  else
    {
      g_autofree char *name = dup_suggested_file_name (self);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  /* native is ours until the response; the task until saving ends. */
  g_signal_connect (native, "response", G_CALLBACK (save_chooser_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
waymark_window_save_interactive_finish (WaymarkWindow  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Actions ---- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* Failures are shown by the save itself. */
  waymark_window_save_interactive_async (WAYMARK_WINDOW (widget), FALSE, NULL, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  waymark_window_save_interactive_async (WAYMARK_WINDOW (widget), TRUE, NULL, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  waymark_history_undo (waymark_document_get_history (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  waymark_history_redo (waymark_document_get_history (self->document));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  /* Through close-request, which asks about unsaved changes. */
  gtk_window_close (GTK_WINDOW (widget));
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  GListModel *stages = waymark_document_get_stages (self->document);
  g_autofree char *name = NULL;

  /* Translators: the name of a new stage; %u is its position. */
  name = g_strdup_printf (_("Stage %u"), g_list_model_get_n_items (stages) + 1);
  waymark_document_add_stage (self->document, name, -1);
}

static void
add_lane_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  GListModel *lanes = waymark_document_get_lanes (self->document);
  g_autofree char *name = NULL;

  /* Translators: the name of a new lane; %u is its position. */
  name = g_strdup_printf (_("Lane %u"), g_list_model_get_n_items (lanes) + 1);
  waymark_document_add_lane (self->document, "text", name, -1);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  WaymarkWindow *self = user_data;
  GtkWidget *entry;
  const char *title;

  if (!g_str_equal (response, "rename") || waymark_window_get_busy (self))
    return;

  entry = adw_message_dialog_get_extra_child (dialog);
  title = gtk_editable_get_text (GTK_EDITABLE (entry));
  if (g_str_equal (title, waymark_document_get_title (self->document)))
    return;

  /* One rename is one undo step, even right after another one. */
  waymark_document_set_string_step (self->document, self->document, "title", title);
}

static void
rename_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Rename Map"),
                                                       _("The title is shown above the map and suggested as the file name.")));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), waymark_document_get_title (self->document));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Untitled Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map title"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);

  gtk_window_set_focus (GTK_WINDOW (dialog), entry);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Export, Copy Map as Image, Print ---- */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);

  if (self->export_dialog == NULL)
    g_set_weak_pointer (&self->export_dialog, GTK_WIDGET (waymark_export_dialog_new (self)));
  gtk_window_present (GTK_WINDOW (self->export_dialog));
}

/* Both pictures of one Copy Map as Image, rendered in worker threads. */
typedef struct
{
  WaymarkWindow *window;
  GCancellable  *cancellable;
  GBytes        *png;
  GBytes        *svg;
  GError        *error;
  guint          pending;
} CopyImage;

static void
copy_image_free (CopyImage *copy)
{
  g_object_unref (copy->window);
  g_object_unref (copy->cancellable);
  g_clear_pointer (&copy->png, g_bytes_unref);
  g_clear_pointer (&copy->svg, g_bytes_unref);
  g_clear_error (&copy->error);
  g_free (copy);
}

static void
copy_image_take (CopyImage     *copy,
                 GBytes       **bytes,
                 GAsyncResult  *result)
{
  WaymarkWindow *self = copy->window;
  g_autoptr(GError) error = NULL;

  *bytes = waymark_export_bytes_finish (result, &error);
  if (*bytes == NULL && copy->error == NULL)
    copy->error = g_steal_pointer (&error);

  if (--copy->pending > 0)
    return;

  /* A newer copy took over, or the window is gone. */
  if (g_cancellable_is_cancelled (copy->cancellable))
    {
      copy_image_free (copy);
      return;
    }
  g_clear_object (&self->copy_cancellable);

  if (copy->error != NULL)
    {
      waymark_window_show_message (self, _("Could Not Copy the Map"), copy->error->message);
    }
  else
    {
      GdkContentProvider *providers[2] = {
        gdk_content_provider_new_for_bytes ("image/png", copy->png),
        gdk_content_provider_new_for_bytes ("image/svg+xml", copy->svg),
      };
      g_autoptr(GdkContentProvider) content = gdk_content_provider_new_union (providers,
                                                                              G_N_ELEMENTS (providers));

      gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
      waymark_window_add_toast (self, adw_toast_new (_("Map copied as image")));
    }
  copy_image_free (copy);
}

static void
copy_png_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CopyImage *copy = user_data;

  copy_image_take (copy, &copy->png, result);
}

static void
copy_svg_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CopyImage *copy = user_data;

  copy_image_take (copy, &copy->svg, result);
}

/* The whole map as it looks in the window (the style's theme, the
 * persona focus) as a PNG at twice its size, for sharp slides, and as
 * an SVG for drawing programs. */
static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autoptr(WaymarkExportOptions) options = waymark_export_options_new ();
  g_autoptr(GError) error = NULL;
  CopyImage *copy;
  int width;
  int height;

  options->theme = adw_style_manager_get_dark (adw_style_manager_get_default ())
                   ? WAYMARK_THEME_DARK
                   : WAYMARK_THEME_LIGHT;
  options->persona_id = g_strdup (waymark_canvas_get_persona_focus (WAYMARK_CANVAS (self->map_view)));
  options->format = WAYMARK_EXPORT_PNG;
  options->scale = 2;
  /* A very large map is better copied at its own size than not at all. */
  if (!waymark_export_get_size (self->document, options, &width, &height, NULL))
    options->scale = 1;
  if (!waymark_export_get_size (self->document, options, &width, &height, &error))
    {
      waymark_window_show_message (self, _("Could Not Copy the Map"), error->message);
      return;
    }

  if (self->copy_cancellable != NULL)
    g_cancellable_cancel (self->copy_cancellable);
  g_clear_object (&self->copy_cancellable);
  self->copy_cancellable = g_cancellable_new ();

  copy = g_new0 (CopyImage, 1);
  copy->window = g_object_ref (self);
  copy->cancellable = g_object_ref (self->copy_cancellable);
  copy->pending = 2;
  waymark_export_bytes_async (self->document, options, copy->cancellable, copy_png_ready_cb, copy);
  /* A drawing has no pixels to double. */
  options->format = WAYMARK_EXPORT_SVG;
  options->scale = 1;
  waymark_export_bytes_async (self->document, options, copy->cancellable, copy_svg_ready_cb, copy);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  waymark_print_map (WAYMARK_WINDOW (widget));
}

void
waymark_window_update_actions (WaymarkWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  WaymarkHistory *history;
  const char *undo_label;
  const char *redo_label;
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;
  gboolean busy;
  gboolean modified;
  gboolean start;

  g_return_if_fail (WAYMARK_IS_WINDOW (self));

  /* Called while the template is being torn down. */
  if (self->document == NULL || self->undo_button == NULL)
    return;

  history = waymark_document_get_history (self->document);
  busy = self->loading || self->saving;
  modified = waymark_document_get_modified (self->document);
  /* The start page has no map to save, change or export yet. */
  start = waymark_window_get_start_page_visible (self);

  /* While the format layer reads or writes, the document must not
   * change under it. */
  gtk_widget_action_set_enabled (widget, "win.save", !busy && !start && (modified || self->file == NULL));
  gtk_widget_action_set_enabled (widget, "win.save-as", !busy && !start);
  gtk_widget_action_set_enabled (widget, "win.undo", !busy && waymark_history_get_can_undo (history));
  gtk_widget_action_set_enabled (widget, "win.redo", !busy && waymark_history_get_can_redo (history));
  gtk_widget_action_set_enabled (widget, "win.add-stage", !busy && !start);
  gtk_widget_action_set_enabled (widget, "win.add-lane", !busy && !start);
  gtk_widget_action_set_enabled (widget, "win.rename-map", !busy && !start);
  gtk_widget_action_set_enabled (widget, "win.close", TRUE);
  /* Exports work on a copy of the map, so saving does not stop them;
   * while a map is being opened there is nothing to export yet. */
  gtk_widget_action_set_enabled (widget, "win.export", !self->loading && !start);
  gtk_widget_action_set_enabled (widget, "win.copy-image", !self->loading && !start);
  gtk_widget_action_set_enabled (widget, "win.print", !self->loading && !start);

  undo_label = waymark_history_get_undo_label (history);
  redo_label = waymark_history_get_redo_label (history);
  /* Translators: tooltip of the Undo button; %s names the step, such
   * as "Add Stage". */
  undo_tooltip = undo_label ? g_strdup_printf (_("Undo %s"), undo_label) : g_strdup (_("Undo"));
  /* Translators: tooltip of the Redo button; %s names the step. */
  redo_tooltip = redo_label ? g_strdup_printf (_("Redo %s"), redo_label) : g_strdup (_("Redo"));
  gtk_widget_set_tooltip_text (self->undo_button, undo_tooltip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tooltip);
}

/* win.zoom-in, win.zoom-out, win.zoom-reset, win.zoom-fit: the canvas's,
 * reachable from the window's menu and accelerators. */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WaymarkWindow *self = WAYMARK_WINDOW (widget);
  g_autofree char *canvas_action = g_strdup_printf ("canvas.%s", action_name + strlen ("win."));

  gtk_widget_activate_action (self->map_view, canvas_action, NULL);
}

void
waymark_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "win.add-lane", NULL, add_lane_action);
  gtk_widget_class_install_action (widget_class, "win.rename-map", NULL, rename_map_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
}
