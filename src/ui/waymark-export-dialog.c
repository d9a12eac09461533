/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog. Every change of a control becomes a new
 * WaymarkExportOptions: the picture's size is checked in a worker thread
 * (a picture too large is said inline and Export turns insensitive), then
 * a small PNG preview is rendered in another, shortly after the last
 * change. Export asks for a file or a folder and hands the work to the
 * exporter's thread, with progress and Cancel; the window announces the
 * result. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-canvas.h"
#include "waymark-export-dialog-private.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-window-private.h"

/* The preview follows the controls this long after the last change, so
 * that dragging a spin button renders once, not at every step. */
#define PREVIEW_DELAY_MS 150
/* The preview fits in a square this big, in logical pixels. */
#define PREVIEW_SIZE 640
/* The progress bar appears only for exports that take longer than this,
 * so that it does not flash for a small map. */
#define PROGRESS_DELAY_MS 200

enum
{
  PROP_0,
  PROP_WINDOW,
  PROP_EXPORTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkExportDialog, waymark_export_dialog, ADW_TYPE_WINDOW)

/* Items of size_mode_row, range_row and theme_row. */
enum { SIZE_BY_SCALE, SIZE_BY_WIDTH };
enum { RANGE_ALL, RANGE_SPAN };
enum { THEME_LIGHT, THEME_DARK };

static gboolean
is_gone (WaymarkExportDialog *self)
{
  return self->window == NULL;
}

static WaymarkCanvas *
get_canvas (WaymarkExportDialog *self)
{
  return WAYMARK_CANVAS (waymark_window_get_map_view (self->window));
}

/* ---- Settings ---- */

/* An enum value from the settings, or fallback when the stored one is
 * not an item of the row (a newer version's value). */
static guint
settings_get_item (GSettings   *settings,
                   const char  *key,
                   AdwComboRow *row,
                   guint        fallback)
{
  int value = g_settings_get_enum (settings, key);
  GListModel *model = adw_combo_row_get_model (row);

  if (value < 0 || (guint) value >= g_list_model_get_n_items (model))
    return fallback;
  return value;
}

static void
load_settings (WaymarkExportDialog *self)
{
  GSettings *settings = self->settings;

  if (settings == NULL)
    return;

  adw_combo_row_set_selected (self->format_row,
                              settings_get_item (settings, "export-format", self->format_row, 0));
  adw_combo_row_set_selected (self->page_row,
                              settings_get_item (settings, "export-page", self->page_row, 0));
  adw_combo_row_set_selected (self->preset_row,
                              settings_get_item (settings, "export-preset", self->preset_row, 0));
  adw_combo_row_set_selected (self->size_mode_row,
                              settings_get_item (settings, "export-size-mode", self->size_mode_row, 0));
  adw_combo_row_set_selected (self->theme_row,
                              settings_get_item (settings, "export-theme", self->theme_row, 0));
  gtk_spin_button_set_value (self->scale_spin, g_settings_get_double (settings, "export-scale"));
  gtk_spin_button_set_value (self->width_spin, g_settings_get_int (settings, "export-width"));
  gtk_switch_set_active (self->transparent_switch, g_settings_get_boolean (settings, "export-transparent"));
}

/* Remembers what the user exported with; folder is where it went. The
 * stage range and the persona belong to one map and are not kept. */
static void
save_settings (WaymarkExportDialog *self,
               GFile               *folder)
{
  GSettings *settings = self->settings;
  g_autofree char *uri = NULL;

  if (settings == NULL)
    return;

  g_settings_delay (settings);
  g_settings_set_enum (settings, "export-format", adw_combo_row_get_selected (self->format_row));
  g_settings_set_enum (settings, "export-page", adw_combo_row_get_selected (self->page_row));
  g_settings_set_enum (settings, "export-preset", adw_combo_row_get_selected (self->preset_row));
  g_settings_set_enum (settings, "export-size-mode", adw_combo_row_get_selected (self->size_mode_row));
  g_settings_set_enum (settings, "export-theme", adw_combo_row_get_selected (self->theme_row));
  g_settings_set_double (settings, "export-scale", gtk_spin_button_get_value (self->scale_spin));
  g_settings_set_int (settings, "export-width", gtk_spin_button_get_value_as_int (self->width_spin));
  g_settings_set_boolean (settings, "export-transparent", gtk_switch_get_active (self->transparent_switch));
  if (folder != NULL)
    {
      uri = g_file_get_uri (folder);
      g_settings_set_string (settings, "export-last-folder", uri);
    }
  g_settings_apply (settings);
}

/* ---- The map's stages and personas ---- */

static void
fill_stage_rows (WaymarkExportDialog *self)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  guint n_stages = g_list_model_get_n_items (stages);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
      g_autofree char *name = waymark_dup_one_line (waymark_stage_get_name (stage));

      if (name[0] == '\0')
        {
          g_free (name);
          /* Translators: a stage without a name; %u is its position. */
          name = g_strdup_printf (_("Stage %u"), i + 1);
        }
      gtk_string_list_append (names, name);
    }

  /* Both rows show the same names; each keeps its own selection. */
  adw_combo_row_set_model (self->first_stage_row, G_LIST_MODEL (names));
  adw_combo_row_set_model (self->last_stage_row, G_LIST_MODEL (names));
  if (n_stages > 0)
    {
      adw_combo_row_set_selected (self->first_stage_row, 0);
      adw_combo_row_set_selected (self->last_stage_row, n_stages - 1);
    }
  /* With no stage there is nothing to choose from or to split. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->range_row), n_stages > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->split_row), n_stages > 0);
}

static void
fill_persona_row (WaymarkExportDialog *self)
{
  GListModel *personas = waymark_document_get_personas (self->document);
  guint n_personas = g_list_model_get_n_items (personas);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *focus = waymark_canvas_get_persona_focus (get_canvas (self));
  guint selected = 0;

  g_ptr_array_set_size (self->persona_ids, 0);
  gtk_string_list_append (names, _("All Personas"));
  for (guint i = 0; i < n_personas; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);
      g_autofree char *name = waymark_dup_one_line (waymark_persona_get_name (persona));
      const char *id = waymark_persona_get_id (persona);

      if (name[0] == '\0')
        {
          g_free (name);
          /* Translators: a persona without a name; %u is its position. */
          name = g_strdup_printf (_("Persona %u"), i + 1);
        }
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->persona_ids, g_strdup (id));
      /* The map's own persona focus is the natural default. */
      if (g_strcmp0 (focus, id) == 0)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->persona_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->persona_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->persona_row), n_personas > 0);
}

/* ---- From the controls to the options ---- */

static guint
n_stages (WaymarkExportDialog *self)
{
  return g_list_model_get_n_items (waymark_document_get_stages (self->document));
}

static void
read_controls (WaymarkExportDialog *self)
{
  WaymarkExportOptions *options = self->options;
  guint persona = adw_combo_row_get_selected (self->persona_row);

  options->format = adw_combo_row_get_selected (self->format_row);
  options->page = options->format == WAYMARK_EXPORT_PDF
                  ? (WaymarkExportPage) adw_combo_row_get_selected (self->page_row)
                  : WAYMARK_EXPORT_PAGE_FIT;
  options->preset = adw_combo_row_get_selected (self->preset_row);
  options->scale = gtk_spin_button_get_value (self->scale_spin);
  options->width = adw_combo_row_get_selected (self->size_mode_row) == SIZE_BY_WIDTH
                   ? gtk_spin_button_get_value_as_int (self->width_spin)
                   : 0;
  options->theme = adw_combo_row_get_selected (self->theme_row) == THEME_DARK
                   ? WAYMARK_THEME_DARK
                   : WAYMARK_THEME_LIGHT;
  /* Only PNG has an alpha channel worth the name. */
  options->transparent = options->format == WAYMARK_EXPORT_PNG
                         && gtk_switch_get_active (self->transparent_switch);

  if (adw_combo_row_get_selected (self->range_row) == RANGE_SPAN && n_stages (self) > 0)
    {
      options->first_stage = adw_combo_row_get_selected (self->first_stage_row);
      options->last_stage = adw_combo_row_get_selected (self->last_stage_row);
    }
  else
    {
      options->first_stage = -1;
      options->last_stage = -1;
    }

  g_clear_pointer (&options->persona_id, g_free);
  if (persona != GTK_INVALID_LIST_POSITION && persona > 0 && persona <= self->persona_ids->len)
    options->persona_id = g_strdup (g_ptr_array_index (self->persona_ids, persona - 1));
}

static void
update_visibility (WaymarkExportDialog *self)
{
  WaymarkExportFormat format = self->options->format;
  gboolean by_width = adw_combo_row_get_selected (self->size_mode_row) == SIZE_BY_WIDTH;
  gboolean span = adw_combo_row_get_selected (self->range_row) == RANGE_SPAN && n_stages (self) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->page_row), format == WAYMARK_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->transparent_row), format == WAYMARK_EXPORT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), !by_width);
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), by_width);
  gtk_widget_set_visible (GTK_WIDGET (self->first_stage_row), span);
  gtk_widget_set_visible (GTK_WIDGET (self->last_stage_row), span);

  if (self->options->transparent)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_picture), "transparent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_picture), "transparent");
}

static char *
format_size (const WaymarkExportOptions *options,
             int                         width,
             int                         height)
{
  /* A PDF is measured in paper: 96 pixels an inch. */
  double width_mm = width * 25.4 / 96.0;
  double height_mm = height * 25.4 / 96.0;

  if (options->format != WAYMARK_EXPORT_PDF)
    /* Translators: the size of the exported picture. */
    return g_strdup_printf (_("%d × %d pixels"), width, height);

  switch (options->page)
    {
    case WAYMARK_EXPORT_PAGE_A4:
      /* Translators: the size of the map in a PDF poster. */
      return g_strdup_printf (_("%.0f × %.0f mm, tiled across A4 pages"), width_mm, height_mm);
    case WAYMARK_EXPORT_PAGE_A3:
      return g_strdup_printf (_("%.0f × %.0f mm, tiled across A3 pages"), width_mm, height_mm);
    case WAYMARK_EXPORT_PAGE_FIT:
    default:
      /* Translators: the size of the page of a PDF. */
      return g_strdup_printf (_("One page of %.0f × %.0f mm"), width_mm, height_mm);
    }
}

static void
update_sensitivity (WaymarkExportDialog *self)
{
  gboolean exporting = self->export_cancellable != NULL;

  gtk_widget_set_sensitive (self->export_button, self->size_ok && !exporting);
  gtk_widget_set_sensitive (self->settings_page, !exporting);
}

static void
show_size (WaymarkExportDialog        *self,
           const WaymarkExportOptions *options,
           int                         width,
           int                         height,
           const GError               *error)
{
  self->size_ok = error == NULL;
  if (self->size_ok)
    {
      g_autofree char *text = format_size (options, width, height);

      gtk_label_set_text (self->size_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->size_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  else
    {
      /* The exporter says what is wrong and, for a picture too large,
       * how large it would be and what the limits are. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->size_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  update_sensitivity (self);
}

/* ---- Preview ----
 *
 * One render at a time: rendering a big map takes long, and librsvg
 * cannot stop halfway, so a change cancels the running render and the
 * next one starts once it has returned. */

typedef struct
{
  WaymarkExportDialog *dialog;
  GCancellable        *cancellable;
} PreviewRequest;

static void
preview_request_free (PreviewRequest *request)
{
  g_object_unref (request->dialog);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PreviewRequest, preview_request_free)

static void start_preview (WaymarkExportDialog *self);

static void
show_preview (WaymarkExportDialog *self,
              GdkPaintable        *paintable)
{
  gtk_spinner_stop (self->preview_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), FALSE);
  gtk_picture_set_paintable (self->preview_picture, paintable);
}

static void
preview_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PreviewRequest) request = user_data;
  WaymarkExportDialog *self = request->dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = waymark_export_bytes_finish (result, &error);
  if (is_gone (self))
    return;
  if (self->preview_cancellable == request->cancellable)
    g_clear_object (&self->preview_cancellable);

  /* Superseded: the newest options are rendered now or soon. */
  if (self->preview_dirty)
    {
      self->preview_dirty = FALSE;
      start_preview (self);
      return;
    }
  if (g_cancellable_is_cancelled (request->cancellable))
    return;

  if (bytes != NULL)
    texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      /* The line under the preview says what is wrong with the options;
       * an empty preview says the rest. */
      g_debug ("No export preview: %s", error->message);
      show_preview (self, NULL);
      return;
    }
  show_preview (self, GDK_PAINTABLE (texture));
}

static void
start_preview (WaymarkExportDialog *self)
{
  g_autoptr(WaymarkExportOptions) options = NULL;
  PreviewRequest *request;

  /* Not even a small picture of these options can be drawn. */
  if (self->preview_width <= 0)
    {
      show_preview (self, NULL);
      return;
    }

  /* The same picture, small, and as a PNG whatever the file's format. */
  options = waymark_export_options_copy (self->options);
  options->format = WAYMARK_EXPORT_PNG;
  options->page = WAYMARK_EXPORT_PAGE_FIT;
  options->width = self->preview_width * gtk_widget_get_scale_factor (GTK_WIDGET (self));

  self->preview_cancellable = g_cancellable_new ();
  request = g_new0 (PreviewRequest, 1);
  request->dialog = g_object_ref (self);
  request->cancellable = g_object_ref (self->preview_cancellable);

  /* A spinner only while there is nothing to look at yet. */
  if (gtk_picture_get_paintable (self->preview_picture) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), TRUE);
      gtk_spinner_start (self->preview_spinner);
    }

  waymark_export_bytes_async (self->document, options, self->preview_cancellable,
                              preview_ready_cb, request);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  WaymarkExportDialog *self = user_data;

  self->preview_timeout = 0;
  if (self->preview_cancellable != NULL)
    self->preview_dirty = TRUE;
  else
    start_preview (self);
  return G_SOURCE_REMOVE;
}

/* The options changed: what is being rendered is stale. */
static void
cancel_preview (WaymarkExportDialog *self)
{
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  self->preview_dirty = FALSE;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
}

static void
schedule_preview (WaymarkExportDialog *self)
{
  cancel_preview (self);
  self->preview_timeout = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

/* ---- The picture's size ----
 *
 * Working out the size lays the whole map out, which takes a good part
 * of a second for ten thousand cards: it runs in a worker thread, on the
 * dialog's own copy of the map (the modal dialog keeps the map as it is
 * while open), one check at a time; changes meanwhile ask for one more
 * check when the running one ends. The check also sizes the preview, and
 * the preview follows it. */

struct _WaymarkSizeCopy
{
  GBytes          *snapshot;
  /* Read from the snapshot by the first check, in its thread. */
  WaymarkDocument *document;
};

static void
size_copy_free (WaymarkSizeCopy *copy)
{
  g_clear_pointer (&copy->snapshot, g_bytes_unref);
  g_clear_object (&copy->document);
  g_free (copy);
}

typedef struct
{
  /* The dialog's; the task holds the dialog, and so the copy. */
  WaymarkSizeCopy      *copy;
  WaymarkExportOptions *options;
  int                   width;
  int                   height;
  /* The preview's width in logical pixels, 0 for no preview. */
  int                   preview_width;
} SizeJob;

static void
size_job_free (SizeJob *job)
{
  waymark_export_options_free (job->options);
  g_free (job);
}

/* The preview fits in a PREVIEW_SIZE square: a tall map gets a narrower
 * preview, not a needlessly long one. */
static int
fit_preview (int width,
             int height)
{
  if (width <= 0 || height <= 0)
    return 0;
  if (height <= width)
    return PREVIEW_SIZE;
  return MAX (1, (int) ((double) PREVIEW_SIZE * width / height));
}

static void
size_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SizeJob *job = task_data;
  GError *error = NULL;

  if (job->copy->document == NULL)
    {
      job->copy->document = waymark_jmap_read (job->copy->snapshot, NULL, &error);
      if (job->copy->document == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (waymark_export_get_size (job->copy->document, job->options, &job->width, &job->height, &error))
    {
      job->preview_width = fit_preview (job->width, job->height);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Too large to export, but a small picture still shows what the
   * options do (the same shape at a fixed width). */
  if (g_error_matches (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE))
    {
      g_autoptr(WaymarkExportOptions) small = waymark_export_options_copy (job->options);
      int width = 0;
      int height = 0;

      small->width = PREVIEW_SIZE;
      if (waymark_export_get_size (job->copy->document, small, &width, &height, NULL))
        job->preview_width = fit_preview (width, height);
    }
  g_task_return_error (task, error);
}

static void request_size (WaymarkExportDialog *self);

static void
size_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (source);
  SizeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  self->size_running = FALSE;
  if (is_gone (self))
    return;

  /* The options changed while this one ran: its answer is stale. */
  if (self->size_dirty)
    {
      self->size_dirty = FALSE;
      request_size (self);
      return;
    }
  show_size (self, job->options, job->width, job->height, error);
  self->preview_width = job->preview_width;
  schedule_preview (self);
}

static void
request_size (WaymarkExportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  SizeJob *job;

  if (self->size_running)
    {
      self->size_dirty = TRUE;
      return;
    }

  job = g_new0 (SizeJob, 1);
  job->copy = self->size_copy;
  job->options = waymark_export_options_copy (self->options);
  task = g_task_new (self, NULL, size_ready_cb, NULL);
  g_task_set_source_tag (task, request_size);
  g_task_set_task_data (task, job, (GDestroyNotify) size_job_free);
  self->size_running = TRUE;
  g_task_run_in_thread (task, size_thread);
}

/* ---- Reacting to the controls ---- */

static void
options_changed (WaymarkExportDialog *self)
{
  if (self->updating || is_gone (self))
    return;

  read_controls (self);
  update_visibility (self);
  /* The preview follows once the size is known. */
  cancel_preview (self);
  request_size (self);
}

static void
control_changed_cb (WaymarkExportDialog *self)
{
  options_changed (self);
}

/* The range never runs backwards: moving one end past the other brings
 * the other along. */
static void
first_stage_changed_cb (WaymarkExportDialog *self)
{
  guint first;
  guint last;

  if (self->updating || is_gone (self))
    return;

  first = adw_combo_row_get_selected (self->first_stage_row);
  last = adw_combo_row_get_selected (self->last_stage_row);
  if (first != GTK_INVALID_LIST_POSITION && last != GTK_INVALID_LIST_POSITION && first > last)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->last_stage_row, first);
      self->updating = FALSE;
    }
  options_changed (self);
}

static void
last_stage_changed_cb (WaymarkExportDialog *self)
{
  guint first;
  guint last;

  if (self->updating || is_gone (self))
    return;

  first = adw_combo_row_get_selected (self->first_stage_row);
  last = adw_combo_row_get_selected (self->last_stage_row);
  if (first != GTK_INVALID_LIST_POSITION && last != GTK_INVALID_LIST_POSITION && last < first)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->first_stage_row, last);
      self->updating = FALSE;
    }
  options_changed (self);
}

/* ---- Announcing the result ---- */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
launch_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error)
      && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
      && WAYMARK_IS_WINDOW (parent) && gtk_widget_get_mapped (GTK_WIDGET (parent)))
    waymark_window_show_message (WAYMARK_WINDOW (parent), _("Could Not Open the Export"), error->message);
}
#endif

static void
launch_file (GtkWindow *parent,
             GFile     *file)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_launch (launcher, parent, NULL, launch_ready_cb, g_object_ref (parent));
#else
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

static void
toast_open_cb (AdwToast      *toast,
               WaymarkWindow *window)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "waymark-exported-file");

  launch_file (GTK_WINDOW (window), file);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *parse_name = g_file_get_parse_name (file);
  const char *path = g_file_peek_path (file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_path_get_basename (parse_name);
}

static void
announce_export (WaymarkExportDialog *self,
                 GFile               *target,
                 gboolean             split,
                 guint                n_files)
{
  g_autofree char *name = dup_display_name (target);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (split)
    /* Translators: a toast after exporting one picture per stage; %u
     * counts them, %s names the folder. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Exported %u picture to “%s”",
                                          "Exported %u pictures to “%s”", n_files),
                             n_files, name);
  else
    /* Translators: a toast after an export; %s is the file's name. */
    title = g_strdup_printf (_("Exported “%s”"), name);

  toast = adw_toast_new (title);
  /* The latest export is the one worth opening: it replaces an older
   * announcement rather than waiting behind it. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "waymark-exported-file",
                          g_object_ref (target), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open_cb), self->window, 0);
  waymark_window_add_toast (self->window, toast);
}

/* ---- Exporting ---- */

static void
set_exporting (WaymarkExportDialog *self,
               gboolean             exporting)
{
  if (exporting == (self->export_cancellable != NULL))
    return;

  if (exporting)
    {
      self->export_cancellable = g_cancellable_new ();
    }
  else
    {
      g_clear_object (&self->export_cancellable);
      g_clear_handle_id (&self->progress_timeout, g_source_remove);
      gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
    }
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  WaymarkExportDialog *self = user_data;

  self->progress_timeout = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  WaymarkExportDialog *self = user_data;

  if (self->export_cancellable != NULL && !is_gone (self))
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static guint
n_stages_in_range (WaymarkExportDialog *self)
{
  if (self->options->first_stage < 0)
    return n_stages (self);
  return self->options->last_stage - self->options->first_stage + 1;
}

static void
show_export_error (WaymarkExportDialog *self,
                   GFile               *target,
                   const GError        *error)
{
  g_autofree char *name = dup_display_name (target);
  g_autofree char *heading = g_strdup_printf (_("Could Not Export “%s”"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(WaymarkExportDialog) self = user_data;
  g_autoptr(GFile) target = g_steal_pointer (&self->export_target);
  g_autoptr(GError) error = NULL;
  gboolean split = self->export_split;

  if (waymark_export_finish (result, &error))
    {
      if (!is_gone (self))
        {
          set_exporting (self, FALSE);
          announce_export (self, target, split, n_stages_in_range (self));
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }

  if (is_gone (self))
    return;

  set_exporting (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Export cancelled")));
  else
    show_export_error (self, target, error);
}

void
waymark_export_dialog_export_to (WaymarkExportDialog *self,
                                 GFile               *target)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (WAYMARK_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (target));
  g_return_if_fail (!is_gone (self));

  if (self->export_cancellable != NULL || !self->size_ok)
    return;

  self->export_split = gtk_switch_get_active (self->split_switch);
  folder = self->export_split ? g_object_ref (target) : g_file_get_parent (target);
  save_settings (self, folder);
  if (self->export_split)
    basename = waymark_window_dup_file_stem (self->window);

  g_set_object (&self->export_target, target);
  set_exporting (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  self->progress_timeout = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, self);

  waymark_export_async (self->document, self->options, target,
                        self->export_split, basename,
                        self->export_cancellable,
                        export_progress_cb, self,
                        export_ready_cb, g_object_ref (self));
}

/* ---- Choosing the file ---- */

/* name with the format's extension, unless it has it already. */
static GFile *
with_extension (GFile               *file,
                WaymarkExportFormat  format)
{
  g_autofree char *basename = g_file_get_basename (file);
  WaymarkExportFormat named;
  g_autofree char *fixed = NULL;
  g_autoptr(GFile) parent = NULL;

  if (basename == NULL
      || (waymark_export_format_from_filename (basename, &named) && named == format))
    return g_object_ref (file);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_object_ref (file);
  fixed = g_strdup_printf ("%s.%s", basename, waymark_export_format_get_extension (format));
  return g_file_get_child (parent, fixed);
}

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  WaymarkExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_clear_object (&self->chooser);

  if (file == NULL || is_gone (self))
    return;

  if (gtk_switch_get_active (self->split_switch))
    {
      waymark_export_dialog_export_to (self, file);
    }
  else
    {
      g_autoptr(GFile) target = with_extension (file, self->options->format);

      waymark_export_dialog_export_to (self, target);
    }
}

static void
add_format_filter (GtkFileChooser      *chooser,
                   WaymarkExportFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", waymark_export_format_get_extension (format));

  switch (format)
    {
    case WAYMARK_EXPORT_SVG:
      gtk_file_filter_set_name (filter, _("SVG drawings"));
      break;
    case WAYMARK_EXPORT_PDF:
      gtk_file_filter_set_name (filter, _("PDF documents"));
      break;
    case WAYMARK_EXPORT_PNG:
    default:
      gtk_file_filter_set_name (filter, _("PNG images"));
      break;
    }
  gtk_file_filter_add_mime_type (filter, waymark_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_set_filter (chooser, filter);
}

static void
set_last_folder (WaymarkExportDialog *self,
                 GtkFileChooser      *chooser)
{
  g_autofree char *uri = NULL;
  g_autoptr(GFile) folder = NULL;

  if (self->settings != NULL)
    uri = g_settings_get_string (self->settings, "export-last-folder");

  if (uri != NULL && uri[0] != '\0')
    folder = g_file_new_for_uri (uri);
  else if (waymark_window_get_file (self->window) != NULL)
    folder = g_file_get_parent (waymark_window_get_file (self->window));

  /* A folder that is gone (an unplugged disk) is no help. */
  if (folder != NULL && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
export_clicked_cb (WaymarkExportDialog *self)
{
  gboolean split = gtk_switch_get_active (self->split_switch);
  GtkFileChooserNative *native;

  if (!gtk_widget_get_sensitive (self->export_button) || self->chooser != NULL)
    return;

  if (split)
    native = gtk_file_chooser_native_new (_("Export Into Folder"),
                                          GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                          _("_Export"),
                                          _("_Cancel"));
  else
    native = gtk_file_chooser_native_new (_("Export Map"),
                                          GTK_WINDOW (self),
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Export"),
                                          _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  set_last_folder (self, GTK_FILE_CHOOSER (native));
  if (!split)
    {
      g_autofree char *stem = waymark_window_dup_file_stem (self->window);
      g_autofree char *name = g_strdup_printf ("%s.%s", stem,
                                               waymark_export_format_get_extension (self->options->format));

      add_format_filter (GTK_FILE_CHOOSER (native), self->options->format);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }

  self->chooser = native;
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Cancel stops a running export; otherwise it closes the dialog. */
static void
cancel_clicked_cb (WaymarkExportDialog *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  cancel_clicked_cb (WAYMARK_EXPORT_DIALOG (widget));
  return TRUE;
}

/* ---- GObject ---- */

static gboolean
waymark_export_dialog_close_request (GtkWindow *window)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (window);

  /* Closing while exporting gives up the export: nothing is left. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  return GTK_WINDOW_CLASS (waymark_export_dialog_parent_class)->close_request (window);
}

static void
waymark_export_dialog_constructed (GObject *object)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (waymark_export_dialog_parent_class)->constructed (object);

  g_assert (WAYMARK_IS_WINDOW (self->window));
  self->document = g_object_ref (waymark_window_get_document (self->window));
  self->size_copy = g_new0 (WaymarkSizeCopy, 1);
  self->size_copy->snapshot = waymark_jmap_write (self->document);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (self->window));

  title = waymark_window_dup_display_title (self->window);
  adw_window_title_set_subtitle (self->window_title, title);

  self->updating = TRUE;
  fill_stage_rows (self);
  fill_persona_row (self);
  load_settings (self);
  self->updating = FALSE;
  options_changed (self);

  /* The keyboard starts on the first option, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->format_row));
}

static void
waymark_export_dialog_dispose (GObject *object)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);

  cancel_preview (self);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (waymark_export_dialog_parent_class)->dispose (object);
}

static void
waymark_export_dialog_finalize (GObject *object)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_target);
  g_clear_pointer (&self->persona_ids, g_ptr_array_unref);
  g_clear_pointer (&self->options, waymark_export_options_free);
  g_clear_pointer (&self->size_copy, size_copy_free);

  G_OBJECT_CLASS (waymark_export_dialog_parent_class)->finalize (object);
}

static void
waymark_export_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    case PROP_EXPORTING:
      g_value_set_boolean (value, waymark_export_dialog_get_exporting (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_export_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WaymarkExportDialog *self = WAYMARK_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_object (&self->window, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_export_dialog_class_init (WaymarkExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = waymark_export_dialog_constructed;
  object_class->dispose = waymark_export_dialog_dispose;
  object_class->finalize = waymark_export_dialog_finalize;
  object_class->get_property = waymark_export_dialog_get_property;
  object_class->set_property = waymark_export_dialog_set_property;

  window_class->close_request = waymark_export_dialog_close_request;

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, WAYMARK_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, settings_page);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, split_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, split_switch);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, preset_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, size_mode_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, first_stage_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, last_stage_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, persona_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, theme_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, transparent_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkExportDialog, transparent_switch);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, first_stage_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, last_stage_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
waymark_export_dialog_init (WaymarkExportDialog *self)
{
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;

  /* The size controls say what size they make, or why it is too large. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->scale_spin),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->size_label, self->error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->width_spin),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->size_label, self->error_label, NULL,
                                  -1);

  self->options = waymark_export_options_new ();
  self->persona_ids = g_ptr_array_new_with_free_func (g_free);
  self->settings = waymark_settings_new_or_null ();
}

/* ---- Public ---- */

WaymarkExportDialog *
waymark_export_dialog_new (WaymarkWindow *window)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (window), NULL);

  return g_object_new (WAYMARK_TYPE_EXPORT_DIALOG,
                       "window", window,
                       NULL);
}

WaymarkWindow *
waymark_export_dialog_get_window (WaymarkExportDialog *self)
{
  g_return_val_if_fail (WAYMARK_IS_EXPORT_DIALOG (self), NULL);

  return self->window;
}

const WaymarkExportOptions *
waymark_export_dialog_get_options (WaymarkExportDialog *self)
{
  g_return_val_if_fail (WAYMARK_IS_EXPORT_DIALOG (self), NULL);

  return self->options;
}

gboolean
waymark_export_dialog_get_split (WaymarkExportDialog *self)
{
  g_return_val_if_fail (WAYMARK_IS_EXPORT_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->split_switch);
}

gboolean
waymark_export_dialog_get_exporting (WaymarkExportDialog *self)
{
  g_return_val_if_fail (WAYMARK_IS_EXPORT_DIALOG (self), FALSE);

  return self->export_cancellable != NULL;
}
