/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The export user interface on the grocery example in a real window:
 * the Export dialog's controls and options, its live preview, exports
 * through the dialog's own code path (and their cancellation), remembered
 * settings, accessible labels, Copy Map as Image and printing to a PDF.
 * Runs under Xvfb with the cairo renderer; saves a screenshot of the
 * dialog into the build directory. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-examples.h"
#include "test-pdf.h"
#include "test-app.h"
#include "test-files.h"
#include "test-leaks.h"
#include "test-widgets.h"
#include "waymark-application.h"
#include "waymark-canvas.h"
#include "waymark-export-dialog-private.h"
#include "waymark-print.h"
#include "waymark-window.h"

static WaymarkApplication *app;

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (handle);
  while (g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

static void
assert_file_starts_with (const char *path,
                         const char *magic,
                         gsize       magic_length)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, magic_length);
  g_assert_cmpmem (contents, magic_length, magic, magic_length);
}

#define PNG_MAGIC "\x89PNG\r\n\x1a\n"
#define PDF_MAGIC "%PDF-"

/* Pages of the PDF at path. */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return test_count_pdf_pages (contents, length);
}

/* Every key back to its default, so tests do not depend on each other. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* ---- Windows and dialogs ---- */

static WaymarkWindow *
open_grocery (void)
{
  g_autoptr(GFile) file = test_examples_file ("grocery-first-order.jmap");
  WaymarkWindow *window = waymark_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  load_window (window, file);
  return window;
}

static WaymarkExportDialog *
find_export_dialog (WaymarkWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (WAYMARK_IS_EXPORT_DIALOG (l->data)
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window)
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* The picture's size is worked out in a worker thread. */
static void
wait_for_size (WaymarkExportDialog *dialog)
{
  WAIT_UNTIL (!dialog->size_running);
}

/* Through the window's action, as Ctrl+E and the menu do. */
static WaymarkExportDialog *
open_export_dialog (WaymarkWindow *window)
{
  WaymarkExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  dialog = find_export_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
  wait_for_size (dialog);
  return dialog;
}

/* Waits until nothing (a preview, an export) holds the dialog any more,
 * then checks that it is finalized. The dialog must be destroyed. */
static void
assert_dialog_finalized (WaymarkExportDialog *dialog)
{
  WAIT_UNTIL (G_OBJECT (dialog)->ref_count == 1);
  g_assert_finalize_object (dialog);
}

static void
destroy_dialog (WaymarkExportDialog *dialog)
{
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_dialog_finalized (dialog);
}

static const char *
combo_row_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (item);
}

static gboolean
visible (gpointer widget)
{
  return gtk_widget_get_visible (GTK_WIDGET (widget));
}

static GdkPaintable *
wait_for_preview (WaymarkExportDialog *dialog,
                  GdkPaintable        *previous)
{
  WAIT_UNTIL (gtk_picture_get_paintable (dialog->preview_picture) != NULL
              && gtk_picture_get_paintable (dialog->preview_picture) != previous
              && !dialog->size_running
              && dialog->preview_cancellable == NULL
              && dialog->preview_timeout == 0);
  return gtk_picture_get_paintable (dialog->preview_picture);
}

static void save_screenshot (GtkWidget  *widget,
                             const char *name);
static void wait_frames     (GtkWidget  *widget,
                             guint       n);

/* ---- Tests ---- */

static void
test_controls (void)
{
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  WaymarkDocument *document;
  const WaymarkExportOptions *options;
  GListModel *stages;
  int width = 0;
  int height = 0;
  int width_2x = 0;
  int height_2x = 0;
  g_autofree char *size_text = NULL;

  reset_settings ();
  window = open_grocery ();
  document = waymark_window_get_document (window);
  stages = waymark_document_get_stages (document);
  /* The dialog starts from the persona the map is focused on. */
  waymark_canvas_set_persona_focus (WAYMARK_CANVAS (waymark_window_get_map_view (window)), "p-maria");

  dialog = open_export_dialog (window);
  options = waymark_export_dialog_get_options (dialog);
  g_assert_true (waymark_export_dialog_get_window (dialog) == window);

  /* Opening it again presents the same dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  g_assert_true (find_export_dialog (window) == dialog);

  /* Defaults: PNG, whole map, scale 1, all stages, light. */
  g_assert_cmpint (options->format, ==, WAYMARK_EXPORT_PNG);
  g_assert_cmpint (options->preset, ==, WAYMARK_EXPORT_WHOLE_MAP);
  g_assert_cmpfloat (options->scale, ==, 1.0);
  g_assert_cmpint (options->width, ==, 0);
  g_assert_cmpint (options->first_stage, ==, -1);
  g_assert_cmpint (options->last_stage, ==, -1);
  g_assert_cmpint (options->theme, ==, WAYMARK_THEME_LIGHT);
  g_assert_false (options->transparent);
  g_assert_cmpstr (options->persona_id, ==, "p-maria");
  g_assert_cmpstr (combo_row_text (dialog->persona_row), ==, "Maria, the busy parent");
  g_assert_cmpstr (adw_window_title_get_subtitle (dialog->window_title), ==, "Online grocery: the first order");

  /* The size shown is the exporter's. */
  g_assert_true (waymark_export_get_size (document, options, &width, &height, NULL));
  size_text = g_strdup_printf ("%d × %d pixels", width, height);
  g_assert_cmpstr (gtk_label_get_text (dialog->size_label), ==, size_text);
  g_assert_true (visible (dialog->size_label));
  g_assert_false (visible (dialog->error_label));
  g_assert_true (gtk_widget_get_sensitive (dialog->export_button));

  /* PNG: a transparent background, no pages. */
  g_assert_true (visible (dialog->transparent_row));
  g_assert_false (visible (dialog->page_row));
  gtk_switch_set_active (dialog->transparent_switch, TRUE);
  g_assert_true (options->transparent);

  /* PDF: pages, and no transparency. */
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PDF);
  g_assert_cmpint (options->format, ==, WAYMARK_EXPORT_PDF);
  g_assert_true (visible (dialog->page_row));
  g_assert_false (visible (dialog->transparent_row));
  g_assert_false (options->transparent);
  wait_for_size (dialog);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (dialog->size_label), "One page of "));
  adw_combo_row_set_selected (dialog->page_row, WAYMARK_EXPORT_PAGE_A4);
  g_assert_cmpint (options->page, ==, WAYMARK_EXPORT_PAGE_A4);
  wait_for_size (dialog);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (dialog->size_label), "tiled across A4 pages"));

  /* SVG: neither. */
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_SVG);
  g_assert_cmpint (options->format, ==, WAYMARK_EXPORT_SVG);
  g_assert_false (visible (dialog->page_row));
  g_assert_false (visible (dialog->transparent_row));
  g_assert_cmpint (options->page, ==, WAYMARK_EXPORT_PAGE_FIT);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PNG);
  g_assert_true (options->transparent);

  /* Scale 2 doubles the picture. */
  g_assert_true (visible (dialog->scale_row));
  g_assert_false (visible (dialog->width_row));
  gtk_spin_button_set_value (dialog->scale_spin, 2.0);
  g_assert_cmpfloat (options->scale, ==, 2.0);
  g_assert_true (waymark_export_get_size (document, options, &width_2x, &height_2x, NULL));
  g_assert_cmpint (width_2x, >=, 2 * width - 1);
  g_assert_cmpint (width_2x, <=, 2 * width + 1);

  /* A width instead of a scale. */
  adw_combo_row_set_selected (dialog->size_mode_row, 1);
  g_assert_false (visible (dialog->scale_row));
  g_assert_true (visible (dialog->width_row));
  gtk_spin_button_set_value (dialog->width_spin, 1200);
  g_assert_cmpint (options->width, ==, 1200);
  wait_for_size (dialog);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (dialog->size_label), "1200 × "));

  /* Too large: said inline, and Export is off until it fits again. */
  gtk_spin_button_set_value (dialog->width_spin, 90000);
  wait_for_size (dialog);
  g_assert_false (visible (dialog->size_label));
  g_assert_true (visible (dialog->error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->error_label), "90000"));
  g_assert_false (gtk_widget_get_sensitive (dialog->export_button));
  gtk_spin_button_set_value (dialog->width_spin, 1920);
  wait_for_size (dialog);
  g_assert_false (visible (dialog->error_label));
  g_assert_true (gtk_widget_get_sensitive (dialog->export_button));
  adw_combo_row_set_selected (dialog->size_mode_row, 0);
  g_assert_cmpint (options->width, ==, 0);

  /* Slides. */
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_SLIDE_16_9);
  g_assert_cmpint (options->preset, ==, WAYMARK_EXPORT_SLIDE_16_9);
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_SLIDE_4_3);
  g_assert_cmpint (options->preset, ==, WAYMARK_EXPORT_SLIDE_4_3);

  /* A range of stages, by the map's stage names; it never runs
   * backwards. */
  g_assert_false (visible (dialog->first_stage_row));
  adw_combo_row_set_selected (dialog->range_row, 1);
  g_assert_true (visible (dialog->first_stage_row));
  g_assert_true (visible (dialog->last_stage_row));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (dialog->first_stage_row)), ==,
                    g_list_model_get_n_items (stages));
  g_assert_cmpstr (combo_row_text (dialog->first_stage_row), ==, "Awareness");
  g_assert_cmpstr (combo_row_text (dialog->last_stage_row), ==, "Advocacy");
  g_assert_cmpint (options->first_stage, ==, 0);
  g_assert_cmpint (options->last_stage, ==, 4);
  adw_combo_row_set_selected (dialog->last_stage_row, 2);
  adw_combo_row_set_selected (dialog->first_stage_row, 1);
  g_assert_cmpint (options->first_stage, ==, 1);
  g_assert_cmpint (options->last_stage, ==, 2);
  g_assert_cmpstr (combo_row_text (dialog->first_stage_row), ==, "Consideration");
  adw_combo_row_set_selected (dialog->first_stage_row, 3);
  g_assert_cmpint (options->first_stage, ==, 3);
  g_assert_cmpint (options->last_stage, ==, 3);
  adw_combo_row_set_selected (dialog->last_stage_row, 0);
  g_assert_cmpint (options->first_stage, ==, 0);
  g_assert_cmpint (options->last_stage, ==, 0);
  adw_combo_row_set_selected (dialog->range_row, 0);
  g_assert_cmpint (options->first_stage, ==, -1);
  g_assert_false (visible (dialog->first_stage_row));

  /* All personas, then another one. */
  adw_combo_row_set_selected (dialog->persona_row, 0);
  g_assert_null (options->persona_id);
  adw_combo_row_set_selected (dialog->persona_row, 2);
  g_assert_cmpstr (options->persona_id, ==, "p-george");

  adw_combo_row_set_selected (dialog->theme_row, 1);
  g_assert_cmpint (options->theme, ==, WAYMARK_THEME_DARK);

  gtk_switch_set_active (dialog->split_switch, TRUE);
  g_assert_true (waymark_export_dialog_get_split (dialog));

  /* Cancel closes; nothing was exported, so nothing is remembered. */
  g_object_ref (dialog);
  g_signal_emit_by_name (dialog->cancel_button, "clicked");
  drain_main_context ();
  g_assert_false (visible (dialog));
  assert_dialog_finalized (dialog);
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

    g_assert_cmpint (g_settings_get_enum (settings, "export-theme"), ==, 0);
    g_assert_cmpfloat (g_settings_get_double (settings, "export-scale"), ==, 1.0);
  }

  destroy_window (window);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_preview (void)
{
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  GdkPaintable *first;
  GdkPaintable *second;
  GdkPaintable *third;
  int scale_factor;
  guint n_previews = 0;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);
  scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (dialog));

  /* A small PNG of the same picture, 640 wide for a wide map. */
  first = wait_for_preview (dialog, NULL);
  g_assert_true (GDK_IS_TEXTURE (first));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (first)), ==, 640 * scale_factor);
  g_assert_false (visible (dialog->preview_spinner));

  /* Changes in quick succession render once, after the last; nothing
   * is rendered while the controls change. */
  g_signal_connect (dialog->preview_picture, "notify::paintable", G_CALLBACK (count_cb), &n_previews);
  adw_combo_row_set_selected (dialog->theme_row, 1);
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_SLIDE_16_9);
  g_assert_true (gtk_picture_get_paintable (dialog->preview_picture) == first);
  second = wait_for_preview (dialog, first);
  g_assert_cmpuint (n_previews, ==, 1);
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (second)), ==, 640 * scale_factor);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (second)), ==, 360 * scale_factor);

  /* A tall picture (one stage of the whole map) gets a narrower preview
   * rather than a longer one. */
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_WHOLE_MAP);
  adw_combo_row_set_selected (dialog->range_row, 1);
  adw_combo_row_set_selected (dialog->last_stage_row, 0);
  third = wait_for_preview (dialog, second);
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (third)), <, 640 * scale_factor);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (third)), <=, 640 * scale_factor + 1);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (third)), >=, 640 * scale_factor - 1);

  /* A picture too large to export still has a preview. */
  adw_combo_row_set_selected (dialog->size_mode_row, 1);
  gtk_spin_button_set_value (dialog->width_spin, 90000);
  wait_for_size (dialog);
  g_assert_true (visible (dialog->error_label));
  wait_for_preview (dialog, third);

  /* Closing with a preview on its way leaves nothing running. */
  g_signal_handlers_disconnect_by_func (dialog->preview_picture, count_cb, &n_previews);
  adw_combo_row_set_selected (dialog->theme_row, 0);
  destroy_dialog (dialog);
  destroy_window (window);
}

static gboolean
window_shows_text (WaymarkWindow *window,
                   const char    *text)
{
  return find_label (GTK_WIDGET (window), text) != NULL;
}

static void
export_and_wait (WaymarkExportDialog *dialog,
                 GFile               *target)
{
  wait_for_size (dialog);
  g_object_ref (dialog);
  waymark_export_dialog_export_to (dialog, target);
  g_assert_true (waymark_export_dialog_get_exporting (dialog));
  /* While it runs the options cannot change and Cancel stops it. */
  g_assert_false (gtk_widget_get_sensitive (dialog->export_button));
  g_assert_false (gtk_widget_get_sensitive (dialog->settings_page));
  /* Success closes the dialog. */
  assert_dialog_finalized (dialog);
}

static void
test_export_files (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *png_path = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "map.svg", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *slides = g_build_filename (dir, "slides", NULL);
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  guint n_stages;

  reset_settings ();
  window = open_grocery ();
  n_stages = g_list_model_get_n_items (waymark_document_get_stages (waymark_window_get_document (window)));

  dialog = open_export_dialog (window);
  export_and_wait (dialog, png);
  assert_file_starts_with (png_path, PNG_MAGIC, strlen (PNG_MAGIC));
  /* The window says so, with a button to open the file. */
  WAIT_UNTIL (window_shows_text (window, "Exported “map.png”"));
  g_assert_null (find_export_dialog (window));

  dialog = open_export_dialog (window);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PDF);
  export_and_wait (dialog, pdf);
  assert_file_starts_with (pdf_path, PDF_MAGIC, strlen (PDF_MAGIC));
  g_assert_cmpuint (count_pdf_pages (pdf_path), ==, 1);

  dialog = open_export_dialog (window);
  /* The format is remembered from the last export. */
  g_assert_cmpint (waymark_export_dialog_get_options (dialog)->format, ==, WAYMARK_EXPORT_PDF);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_SVG);
  export_and_wait (dialog, svg);
  assert_file_starts_with (svg_path, "<?xml", 5);

  /* One picture per stage, into a folder. */
  g_assert_cmpint (g_mkdir (slides, 0700), ==, 0);
  folder = g_file_new_for_path (slides);
  dialog = open_export_dialog (window);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PNG);
  gtk_switch_set_active (dialog->split_switch, TRUE);
  export_and_wait (dialog, folder);
  g_assert_cmpuint (count_files (slides), ==, n_stages);
  {
    g_autofree char *first = g_build_filename (slides, "Online grocery- the first order-01.png", NULL);

    assert_file_starts_with (first, PNG_MAGIC, strlen (PNG_MAGIC));
  }
  WAIT_UNTIL (window_shows_text (window, "Exported 5 pictures to “slides”"));

  destroy_window (window);
  test_files_remove_tree (slides);
  test_files_remove_tree (dir);
}

static GtkWidget *
find_file_chooser (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Export through the file chooser, as a user does; GtkFileChooserNative
 * shows GTK's own dialog here (no portal in the test session). */
static void
file_chooser_steps (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *chosen = g_build_filename (dir, "chosen.pdf", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *folder_uri = NULL;
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  GtkWidget *chooser;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;

  reset_settings ();
  folder_uri = g_file_get_uri (folder);
  g_settings_set_string (settings, "export-last-folder", folder_uri);
  window = open_grocery ();
  dialog = open_export_dialog (window);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PDF);

  g_signal_emit_by_name (dialog->export_button, "clicked");
  WAIT_UNTIL ((chooser = find_file_chooser (GTK_WINDOW (dialog))) != NULL);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The map's title, made a file name, with the format's extension. */
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, "Online grocery- the first order.pdf");
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (filter);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "PDF documents");

  /* It opens where the last export went (once it has loaded it). */
  {
    g_autoptr(GFile) current = NULL;

    WAIT_UNTIL ((current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser))) != NULL);
    g_assert_true (g_file_equal (current, folder));
  }

  /* A name typed without its extension gets it. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "chosen");
  g_object_ref (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  assert_dialog_finalized (dialog);
  assert_file_starts_with (chosen, PDF_MAGIC, strlen (PDF_MAGIC));

  /* One file per stage asks for a folder; cancelling it exports nothing. */
  dialog = open_export_dialog (window);
  gtk_switch_set_active (dialog->split_switch, TRUE);
  g_signal_emit_by_name (dialog->export_button, "clicked");
  WAIT_UNTIL ((chooser = find_file_chooser (GTK_WINDOW (dialog))) != NULL);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  drain_main_context ();
  g_assert_null (dialog->chooser);
  g_assert_false (waymark_export_dialog_get_exporting (dialog));
  g_assert_true (visible (dialog));
  g_assert_cmpuint (count_files (dir), ==, 1);

  destroy_dialog (dialog);
  destroy_window (window);
  test_files_remove_tree (dir);
}

/* GTK 4.8's file chooser leaks (see test-leaks.h). */
static void
test_file_chooser (void)
{
  if (run_in_child_without_leak_check ())
    return;
  file_chooser_steps ();
}

static void
test_export_cancel (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *path = g_build_filename (dir, "big.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);
  gtk_spin_button_set_value (dialog->scale_spin, 2.0);

  /* Cancel stops the export; the dialog stays, nothing is written. */
  waymark_export_dialog_export_to (dialog, file);
  g_assert_true (waymark_export_dialog_get_exporting (dialog));
  g_signal_emit_by_name (dialog->cancel_button, "clicked");
  WAIT_UNTIL (!waymark_export_dialog_get_exporting (dialog));
  g_assert_true (visible (dialog));
  g_assert_true (gtk_widget_get_sensitive (dialog->export_button));
  g_assert_true (gtk_widget_get_sensitive (dialog->settings_page));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Export cancelled"));
  g_assert_null (find_message_dialog (GTK_WINDOW (dialog)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* Closing the dialog during an export gives it up too. */
  g_object_ref (dialog);
  waymark_export_dialog_export_to (dialog, file);
  g_assert_true (waymark_export_dialog_get_exporting (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  assert_dialog_finalized (dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_assert_false (window_shows_text (window, "Exported “big.png”"));

  destroy_window (window);
  test_files_remove_tree (dir);
}

static void
test_export_error (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "map.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  AdwMessageDialog *message;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);

  /* The dialog stays, and a message names the file and the cause. */
  waymark_export_dialog_export_to (dialog, file);
  WAIT_UNTIL (!waymark_export_dialog_get_exporting (dialog));
  message = find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Could Not Export “map.png”");
  g_assert_cmpstr (adw_message_dialog_get_body (message), !=, "");
  g_assert_true (visible (dialog));
  gtk_window_destroy (GTK_WINDOW (message));

  destroy_dialog (dialog);
  destroy_window (window);
  test_files_remove_tree (dir);
}

static void
test_settings_remembered (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *last_folder = NULL;
  g_autofree char *folder_uri = g_file_get_uri (folder);
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  const WaymarkExportOptions *options;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);
  g_assert_nonnull (dialog->settings);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PDF);
  adw_combo_row_set_selected (dialog->page_row, WAYMARK_EXPORT_PAGE_A3);
  adw_combo_row_set_selected (dialog->theme_row, 1);
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_SLIDE_4_3);
  adw_combo_row_set_selected (dialog->size_mode_row, 1);
  gtk_spin_button_set_value (dialog->width_spin, 2400);
  gtk_spin_button_set_value (dialog->scale_spin, 3.0);
  gtk_switch_set_active (dialog->transparent_switch, TRUE);
  export_and_wait (dialog, file);
  assert_file_starts_with (path, PDF_MAGIC, strlen (PDF_MAGIC));
  /* A3 tiles: a wall poster of several pages. */
  g_assert_cmpuint (count_pdf_pages (path), >, 1);

  g_assert_cmpint (g_settings_get_enum (settings, "export-format"), ==, WAYMARK_EXPORT_PDF);
  last_folder = g_settings_get_string (settings, "export-last-folder");
  g_assert_cmpstr (last_folder, ==, folder_uri);

  /* The next dialog starts where the last export left off. */
  dialog = open_export_dialog (window);
  options = waymark_export_dialog_get_options (dialog);
  g_assert_cmpint (options->format, ==, WAYMARK_EXPORT_PDF);
  g_assert_cmpint (options->page, ==, WAYMARK_EXPORT_PAGE_A3);
  g_assert_cmpint (options->theme, ==, WAYMARK_THEME_DARK);
  g_assert_cmpint (options->preset, ==, WAYMARK_EXPORT_SLIDE_4_3);
  g_assert_cmpint (options->width, ==, 2400);
  g_assert_cmpfloat (gtk_spin_button_get_value (dialog->scale_spin), ==, 3.0);
  g_assert_true (gtk_switch_get_active (dialog->transparent_switch));
  g_assert_true (visible (dialog->width_row));
  g_assert_true (visible (dialog->page_row));
  destroy_dialog (dialog);

  destroy_window (window);
  test_files_remove_tree (dir);
}

/* Without the schema (an uninstalled build run by hand), the dialog
 * works and remembers nothing, rather than aborting. */
static void
test_settings_without_schema (void)
{
  g_autofree char *saved_dir = NULL;

  if (g_test_subprocess ())
    {
      WaymarkWindow *window;
      WaymarkExportDialog *dialog;
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GSettingsSchema) schema = NULL;

      schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                APPLICATION_ID, TRUE);
      if (schema != NULL)
        {
          g_test_skip ("The schema is installed on this system");
          return;
        }

      dir = test_files_make_temp_dir ("waymark-test-export-ui");
      path = g_build_filename (dir, "map.png", NULL);
      file = g_file_new_for_path (path);
      window = open_grocery ();
      dialog = open_export_dialog (window);
      g_assert_null (dialog->settings);
      export_and_wait (dialog, file);
      assert_file_starts_with (path, PNG_MAGIC, strlen (PNG_MAGIC));
      destroy_window (window);
      test_files_remove_tree (dir);
      return;
    }

  /* The child looks for schemas afresh; this process keeps its own. */
  saved_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_setenv ("GSETTINGS_SCHEMA_DIR", "/nonexistent", TRUE);
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (saved_dir != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", saved_dir, TRUE);
  else
    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_test_trap_assert_passed ();
}

static void
assert_label (gpointer    widget,
              const char *label)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

static void
test_accessible (void)
{
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  GtkShortcutController *shortcuts = NULL;
  g_autoptr(GListModel) controllers = NULL;
  g_autoptr(GtkShortcutTrigger) escape = gtk_shortcut_trigger_parse_string ("Escape");
  gboolean closed = FALSE;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);

  /* Controls without a row title of their own have a label. */
  assert_label (dialog->scale_spin, "Scale, times the map’s own size");
  assert_label (dialog->width_spin, "Width in pixels");
  assert_label (dialog->transparent_switch, "Transparent background");
  assert_label (dialog->split_switch, "One file per stage");
  assert_label (dialog->preview_picture, "Preview of the exported map");
  /* The size controls are described by the size they make, or the
   * error; the error is an alert. */
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (dialog->scale_spin),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (dialog->width_spin),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog->error_label), GTK_ACCESSIBLE_ROLE_ALERT);

  /* Every row is titled, reachable by keyboard, and its mnemonic is
   * unique in the dialog. */
  {
    AdwPreferencesRow *all[] = {
      ADW_PREFERENCES_ROW (dialog->format_row), ADW_PREFERENCES_ROW (dialog->page_row),
      ADW_PREFERENCES_ROW (dialog->split_row), ADW_PREFERENCES_ROW (dialog->preset_row),
      ADW_PREFERENCES_ROW (dialog->size_mode_row), ADW_PREFERENCES_ROW (dialog->scale_row),
      ADW_PREFERENCES_ROW (dialog->width_row), ADW_PREFERENCES_ROW (dialog->range_row),
      ADW_PREFERENCES_ROW (dialog->first_stage_row), ADW_PREFERENCES_ROW (dialog->last_stage_row),
      ADW_PREFERENCES_ROW (dialog->persona_row), ADW_PREFERENCES_ROW (dialog->theme_row),
      ADW_PREFERENCES_ROW (dialog->transparent_row),
    };
    g_autoptr(GHashTable) mnemonics = g_hash_table_new (g_direct_hash, g_direct_equal);

    g_hash_table_add (mnemonics, GUINT_TO_POINTER ('c')); /* _Cancel */
    g_hash_table_add (mnemonics, GUINT_TO_POINTER ('e')); /* _Export… */
    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        const char *title = adw_preferences_row_get_title (all[i]);
        const char *underscore = strchr (title, '_');

        g_assert_true (adw_preferences_row_get_use_underline (all[i]));
        g_assert_nonnull (underscore);
        g_assert_true (g_hash_table_add (mnemonics, GUINT_TO_POINTER (g_ascii_tolower (underscore[1]))));
        g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (all[i])));
        /* Screen readers read the row by its title. */
        g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (all[i]),
                                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY));
        g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (all[i])));
      }
  }

  /* The keyboard starts on the first option; Enter elsewhere exports. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == GTK_WIDGET (dialog->format_row));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == dialog->export_button);
  g_assert_true (gtk_widget_get_focusable (dialog->export_button));
  g_assert_true (gtk_widget_get_focusable (dialog->cancel_button));

  /* Escape closes the dialog. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            {
              shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
              g_object_ref (dialog);
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                            GTK_WIDGET (dialog), gtk_shortcut_get_arguments (shortcut));
              closed = TRUE;
              break;
            }
        }
      if (closed)
        break;
    }
  g_assert_nonnull (shortcuts);
  g_clear_object (&controllers);
  drain_main_context ();
  g_assert_null (find_export_dialog (window));
  assert_dialog_finalized (dialog);

  destroy_window (window);
}

static GtkShortcutController *
find_class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (controller)),
                     "gtk-widget-class-shortcuts") == 0)
        return GTK_SHORTCUT_CONTROLLER (controller);
    }
  return NULL;
}

static gboolean
has_trigger (GtkShortcutController *controller,
             const char            *accelerator)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

      if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
        return TRUE;
    }
  return FALSE;
}

static void
assert_accelerator (const char      *accelerator,
                    guint            keyval,
                    GdkModifierType  modifiers)
{
  guint parsed_keyval = 0;
  GdkModifierType parsed_modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &parsed_keyval, &parsed_modifiers));
  g_assert_cmpuint (parsed_keyval, ==, keyval);
  g_assert_cmpuint (parsed_modifiers, ==, modifiers);
}

static void
write_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gdk_content_provider_write_mime_type_finish (GDK_CONTENT_PROVIDER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* What the clipboard would give another application asking for mime. */
static GBytes *
clipboard_bytes (GdkClipboard *clipboard,
                 const char   *mime_type)
{
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  gboolean done = FALSE;

  g_assert_nonnull (content);
  gdk_content_provider_write_mime_type_async (content, mime_type, stream, G_PRIORITY_DEFAULT,
                                              NULL, write_ready_cb, &done);
  WAIT_UNTIL (done);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_copy_image (void)
{
  WaymarkWindow *window;
  GdkClipboard *clipboard;
  GdkContentFormats *formats;
  GtkShortcutController *canvas_shortcuts;
  g_auto(GStrv) accels = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;

  /* The X11 clipboard leaks (see test-leaks.h). */
  if (run_in_child_without_leak_check ())
    return;

  window = open_grocery ();
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  /* Ctrl+Shift+C, which is not the canvas's Ctrl+C for cards. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.copy-image");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  assert_accelerator (accels[0], GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  canvas_shortcuts = find_class_shortcuts (waymark_window_get_map_view (window));
  g_assert_nonnull (canvas_shortcuts);
  g_assert_true (has_trigger (canvas_shortcuts, "<Control>c"));
  g_assert_false (has_trigger (canvas_shortcuts, "<Control><Shift>c"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-image", NULL));
  WAIT_UNTIL (window_shows_text (window, "Map copied as image"));

  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/png"));
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "image/svg+xml"));

  png = clipboard_bytes (clipboard, "image/png");
  g_assert_cmpuint (g_bytes_get_size (png), >, 8);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, PNG_MAGIC, 8);
  svg = clipboard_bytes (clipboard, "image/svg+xml");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));

  /* At twice the map's own size. */
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (png, NULL);
    g_autoptr(WaymarkExportOptions) options = waymark_export_options_new ();
    int width = 0;
    int height = 0;

    g_assert_nonnull (texture);
    g_assert_true (waymark_export_get_size (waymark_window_get_document (window), options,
                                            &width, &height, NULL));
    g_assert_cmpint (gdk_texture_get_width (texture), >=, 2 * width - 1);
    g_assert_cmpint (gdk_texture_get_width (texture), <=, 2 * width + 1);
  }

  gdk_clipboard_set_content (clipboard, NULL);
  destroy_window (window);
}

static GtkWidget *
find_check_button (GtkWidget  *widget,
                   const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GtkPrintUnixDialog, by name: its header is not in gtk4's pkg-config. */
static GtkWidget *
find_print_dialog (GtkWindow *parent)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_str_equal (G_OBJECT_TYPE_NAME (l->data), "GtkPrintUnixDialog")
        && gtk_window_get_transient_for (l->data) == parent
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_print (void)
{
  g_autoptr(WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
  g_autofree char *fit_path = g_build_filename (dir, "fit.pdf", NULL);
  g_autofree char *tile_path = g_build_filename (dir, "tile.pdf", NULL);
  g_autoptr(GError) error = NULL;
  WaymarkPrintOperation *operation;
  g_auto(GStrv) accels = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.print");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  assert_accelerator (accels[0], GDK_KEY_p, GDK_CONTROL_MASK);
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.export");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  assert_accelerator (accels[0], GDK_KEY_e, GDK_CONTROL_MASK);

  /* The print dialog's tab chooses the layout. */
  operation = waymark_print_operation_new (document, NULL, &error);
  g_assert_no_error (error);
  {
    GObject *tab = NULL;
    GtkWidget *tile;

    g_signal_emit_by_name (operation, "create-custom-widget", &tab);
    g_assert_true (GTK_IS_WIDGET (tab));
    g_object_ref_sink (tab);
    tile = find_check_button (GTK_WIDGET (tab), "_Tile the map across pages at its actual size");
    g_assert_nonnull (tile);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (tile)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (tile), TRUE);
    g_signal_emit_by_name (operation, "custom-widget-apply", tab);
    g_assert_cmpint (waymark_print_operation_get_layout (operation), ==, WAYMARK_PRINT_TILE);
    g_assert_finalize_object (tab);
  }
  g_assert_finalize_object (operation);

  /* Fit: one page. */
  operation = waymark_print_operation_new (document, "p-maria", &error);
  g_assert_no_error (error);
  g_assert_cmpint (waymark_print_operation_get_layout (operation), ==, WAYMARK_PRINT_FIT);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), fit_path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_file_starts_with (fit_path, PDF_MAGIC, strlen (PDF_MAGIC));
  g_assert_cmpuint (count_pdf_pages (fit_path), ==, 1);
  g_assert_finalize_object (operation);

  /* Tiles at actual size: the map is wider than an A4 page. */
  operation = waymark_print_operation_new (document, NULL, &error);
  g_assert_no_error (error);
  waymark_print_operation_set_layout (operation, WAYMARK_PRINT_TILE);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), tile_path);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_file_starts_with (tile_path, PDF_MAGIC, strlen (PDF_MAGIC));
  g_assert_cmpuint (count_pdf_pages (tile_path), >, 1);
  g_assert_finalize_object (operation);

  /* win.print shows the print dialog with the layout tab; Cancel there
   * prints nothing and says nothing. */
  {
    WaymarkWindow *window = open_grocery ();
    GtkWidget *print_dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
    WAIT_UNTIL ((print_dialog = find_print_dialog (GTK_WINDOW (window))) != NULL);
    WAIT_UNTIL (find_label (print_dialog, "Map Layout") != NULL);
    g_assert_nonnull (find_check_button (print_dialog, "_Fit the map on one page"));
    {
      GtkWidget *tile = find_check_button (print_dialog, "_Tile the map across pages at its actual size");
      GtkWidget *notebook = gtk_widget_get_ancestor (tile, GTK_TYPE_NOTEBOOK);
      int page;

      g_assert_nonnull (notebook);
      for (page = 0; page < gtk_notebook_get_n_pages (GTK_NOTEBOOK (notebook)); page++)
        if (gtk_widget_is_ancestor (tile, gtk_notebook_get_nth_page (GTK_NOTEBOOK (notebook), page)))
          break;
      gtk_notebook_set_current_page (GTK_NOTEBOOK (notebook), page);
      wait_frames (print_dialog, 3);
      save_screenshot (print_dialog, "print-dialog-layout.png");
    }
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    gtk_dialog_response (GTK_DIALOG (print_dialog), GTK_RESPONSE_CANCEL);
    G_GNUC_END_IGNORE_DEPRECATIONS
    drain_main_context ();
    g_assert_null (find_print_dialog (GTK_WINDOW (window)));
    g_assert_null (find_message_dialog (GTK_WINDOW (window)));
    destroy_window (window);
  }

  /* An unknown persona is a map that cannot be drawn. */
  operation = waymark_print_operation_new (document, "p-nobody", &error);
  g_assert_null (operation);
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID);

  test_files_remove_tree (dir);
}

/* ---- Screenshots ---- */

static void
test_screenshots (void)
{
  WaymarkWindow *window;
  WaymarkExportDialog *dialog;
  GdkPaintable *preview;

  reset_settings ();
  window = open_grocery ();
  dialog = open_export_dialog (window);
  preview = wait_for_preview (dialog, NULL);
  wait_for_size (dialog);
  wait_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");

  /* A PDF poster, a stage range, a persona, dark, too large. */
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PNG);
  gtk_switch_set_active (dialog->transparent_switch, TRUE);
  adw_combo_row_set_selected (dialog->range_row, 1);
  adw_combo_row_set_selected (dialog->first_stage_row, 1);
  adw_combo_row_set_selected (dialog->last_stage_row, 3);
  adw_combo_row_set_selected (dialog->persona_row, 1);
  adw_combo_row_set_selected (dialog->theme_row, 1);
  adw_combo_row_set_selected (dialog->size_mode_row, 1);
  gtk_spin_button_set_value (dialog->width_spin, 40000);
  wait_for_preview (dialog, preview);
  wait_for_size (dialog);
  wait_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-options.png");

  /* The dialog in the dark style, showing a PDF poster. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PDF);
  adw_combo_row_set_selected (dialog->page_row, WAYMARK_EXPORT_PAGE_A4);
  adw_combo_row_set_selected (dialog->size_mode_row, 0);
  adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_SLIDE_16_9);
  preview = wait_for_preview (dialog, gtk_picture_get_paintable (dialog->preview_picture));
  wait_for_size (dialog);
  wait_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* A large export shows its progress. */
  {
    g_autofree char *dir = test_files_make_temp_dir ("waymark-test-export-ui");
    g_autofree char *path = g_build_filename (dir, "large.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    adw_combo_row_set_selected (dialog->format_row, WAYMARK_EXPORT_PNG);
    adw_combo_row_set_selected (dialog->preset_row, WAYMARK_EXPORT_WHOLE_MAP);
    gtk_spin_button_set_value (dialog->scale_spin, 4.0);
    preview = wait_for_preview (dialog, gtk_picture_get_paintable (dialog->preview_picture));
    /* Success would destroy the dialog; keep it to look at. */
    g_object_ref (dialog);
    waymark_export_dialog_export_to (dialog, file);
    WAIT_UNTIL (gtk_revealer_get_child_revealed (dialog->progress_revealer)
                || !waymark_export_dialog_get_exporting (dialog));
    if (waymark_export_dialog_get_exporting (dialog))
      {
        g_assert_cmpstr (gtk_progress_bar_get_text (dialog->progress_bar), ==, "Exporting…");
        wait_frames (GTK_WIDGET (dialog), 2);
        save_screenshot (GTK_WIDGET (dialog), "export-dialog-progress.png");
        g_signal_emit_by_name (dialog->cancel_button, "clicked");
        WAIT_UNTIL (!waymark_export_dialog_get_exporting (dialog));
        g_object_unref (dialog);
      }
    else
      {
        /* Done before the progress bar was due: the dialog is gone. */
        g_test_message ("The large export took less than the progress delay");
        assert_dialog_finalized (dialog);
        dialog = NULL;
      }
    test_files_remove_tree (dir);
  }

  if (dialog != NULL)
    destroy_dialog (dialog);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = test_app_new ();

  g_test_add_func ("/export/dialog/controls", test_controls);
  g_test_add_func ("/export/dialog/preview", test_preview);
  g_test_add_func ("/export/dialog/export-files", test_export_files);
  g_test_add_func ("/export/dialog/file-chooser", test_file_chooser);
  g_test_add_func ("/export/dialog/cancel", test_export_cancel);
  g_test_add_func ("/export/dialog/error", test_export_error);
  g_test_add_func ("/export/dialog/settings-remembered", test_settings_remembered);
  g_test_add_func ("/export/dialog/settings-without-schema", test_settings_without_schema);
  g_test_add_func ("/export/dialog/accessible", test_accessible);
  g_test_add_func ("/export/copy-image", test_copy_image);
  g_test_add_func ("/export/print", test_print);
  g_test_add_func ("/export/dialog/screenshots", test_screenshots);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
