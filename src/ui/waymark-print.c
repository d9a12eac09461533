/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A GtkPrintOperation that draws the exporter's SVG of a map with
 * librsvg: fitted onto one page, or tiled at its actual size. The
 * operation works in points, so 1 px of the map (96 an inch) is 0.75 of a
 * unit whatever the printer's resolution. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "waymark-canvas.h"
#include "waymark-exporter.h"
#include "waymark-print.h"
#include "waymark-window-private.h"

#define POINTS_PER_PIXEL (72.0 / 96.0)
/* Tiles overlap by this much so they can be glued edge on edge. */
#define TILE_OVERLAP_MM 10.0
#define PRINT_SETTINGS_KEY "waymark-print-settings"

struct _WaymarkPrintOperation
{
  GtkPrintOperation   parent_instance;

  RsvgHandle         *handle;
  /* The picture's size at 1×, in pixels. */
  double              map_width;
  double              map_height;
  WaymarkPrintLayout  layout;

  /* Tiling, worked out when printing begins: the pages' grid and how
   * far apart in the map (in pixels) neighbouring pages start. */
  guint               columns;
  guint               rows;
  double              step_x;
  double              step_y;

  /* The custom tab's button for tiling while the dialog shows it. */
  GtkWidget          *tile_button;

  /* The first failure to draw a page. */
  GError             *error;
};

G_DEFINE_FINAL_TYPE (WaymarkPrintOperation, waymark_print_operation, GTK_TYPE_PRINT_OPERATION)

/* Pages for a length of the map: the first page shows page pixels, each
 * further one step more. */
static guint
count_tiles (double length,
             double page,
             double step)
{
  if (length <= page)
    return 1;
  return 1 + (guint) ceil ((length - page) / step - 1e-6);
}

static void
waymark_print_operation_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);
  double page_width;
  double page_height;
  double overlap;

  if (self->layout == WAYMARK_PRINT_FIT)
    {
      self->columns = self->rows = 1;
      gtk_print_operation_set_n_pages (operation, 1);
      return;
    }

  /* The printable area in map pixels at 100 %. */
  page_width = gtk_print_context_get_width (context) / POINTS_PER_PIXEL;
  page_height = gtk_print_context_get_height (context) / POINTS_PER_PIXEL;
  overlap = MIN (TILE_OVERLAP_MM / 25.4 * 96.0, MIN (page_width, page_height) / 4.0);
  self->step_x = page_width - overlap;
  self->step_y = page_height - overlap;
  self->columns = count_tiles (self->map_width, page_width, self->step_x);
  self->rows = count_tiles (self->map_height, page_height, self->step_y);
  gtk_print_operation_set_n_pages (operation, self->columns * self->rows);
}

static void
waymark_print_operation_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  g_autoptr(GError) error = NULL;
  RsvgRectangle viewport;
  gboolean drawn;

  if (self->error != NULL)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);

  if (self->layout == WAYMARK_PRINT_FIT)
    {
      double scale = MIN (page_width / self->map_width, page_height / self->map_height);

      viewport.width = self->map_width * scale;
      viewport.height = self->map_height * scale;
      viewport.x = (page_width - viewport.width) / 2.0;
      viewport.y = (page_height - viewport.height) / 2.0;
    }
  else
    {
      guint column = (guint) page_nr % self->columns;
      guint row = (guint) page_nr / self->columns;

      cairo_scale (cr, POINTS_PER_PIXEL, POINTS_PER_PIXEL);
      viewport.x = -(column * self->step_x);
      viewport.y = -(row * self->step_y);
      viewport.width = self->map_width;
      viewport.height = self->map_height;
    }

  drawn = rsvg_handle_render_document (self->handle, cr, &viewport, &error);
  cairo_restore (cr);

  if (!drawn)
    {
      self->error = g_steal_pointer (&error);
      gtk_print_operation_cancel (operation);
    }
}

static GtkWidget *
waymark_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Map Layout"));
  GtkWidget *fit = gtk_check_button_new_with_mnemonic (_("_Fit the map on one page"));
  GtkWidget *tile = gtk_check_button_new_with_mnemonic (_("_Tile the map across pages at its actual size"));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  /* Indented under their heading, as in the dialog's own tabs. */
  gtk_widget_set_margin_start (fit, 12);
  gtk_widget_set_margin_start (tile, 12);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (tile), GTK_CHECK_BUTTON (fit));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->layout == WAYMARK_PRINT_TILE ? tile : fit), TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), fit);
  gtk_box_append (GTK_BOX (box), tile);

  g_set_weak_pointer (&self->tile_button, tile);
  return box;
}

static void
waymark_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                             GtkWidget         *widget)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);

  if (self->tile_button != NULL)
    self->layout = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->tile_button))
                   ? WAYMARK_PRINT_TILE
                   : WAYMARK_PRINT_FIT;
}

static void
waymark_print_operation_finalize (GObject *object)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (object);

  g_clear_weak_pointer (&self->tile_button);
  g_clear_object (&self->handle);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (waymark_print_operation_parent_class)->finalize (object);
}

static void
waymark_print_operation_class_init (WaymarkPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = waymark_print_operation_finalize;

  operation_class->begin_print = waymark_print_operation_begin_print;
  operation_class->draw_page = waymark_print_operation_draw_page;
  operation_class->create_custom_widget = waymark_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = waymark_print_operation_custom_widget_apply;
}

static void
waymark_print_operation_init (WaymarkPrintOperation *self)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  self->layout = WAYMARK_PRINT_FIT;
  self->columns = self->rows = 1;

  /* Maps are wide. */
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Map Layout"));
}

WaymarkPrintOperation *
waymark_print_operation_new (WaymarkDocument  *document,
                             const char       *persona_id,
                             GError          **error)
{
  g_autoptr(WaymarkPrintOperation) self = NULL;
  g_autoptr(WaymarkExportOptions) options = waymark_export_options_new ();

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Paper is light, and its own background. */
  options->theme = WAYMARK_THEME_LIGHT;
  options->transparent = TRUE;
  options->persona_id = g_strdup (persona_id);

  self = g_object_new (WAYMARK_TYPE_PRINT_OPERATION, NULL);
  self->handle = waymark_export_create_handle (document, options,
                                               &self->map_width, &self->map_height,
                                               error);
  if (self->handle == NULL)
    return NULL;
  if (self->map_width <= 0 || self->map_height <= 0)
    {
      g_set_error_literal (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                           _("The map has no size to print"));
      return NULL;
    }
  return g_steal_pointer (&self);
}

WaymarkPrintLayout
waymark_print_operation_get_layout (WaymarkPrintOperation *self)
{
  g_return_val_if_fail (WAYMARK_IS_PRINT_OPERATION (self), WAYMARK_PRINT_FIT);

  return self->layout;
}

void
waymark_print_operation_set_layout (WaymarkPrintOperation *self,
                                    WaymarkPrintLayout     layout)
{
  g_return_if_fail (WAYMARK_IS_PRINT_OPERATION (self));

  self->layout = layout;
}

/* ---- Printing from a window ---- */

static void
show_print_error (WaymarkWindow *window,
                  const GError  *error)
{
  g_autofree char *title = waymark_window_dup_display_title (window);
  g_autofree char *heading = g_strdup_printf (_("Could Not Print “%s”"), title);

  waymark_window_show_message (window, heading, error->message);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               WaymarkWindow           *window)
{
  WaymarkPrintOperation *self = WAYMARK_PRINT_OPERATION (operation);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_print_error (window, error);
    }
  else if (self->error != NULL)
    {
      show_print_error (window, self->error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY && application != NULL)
    {
      g_object_set_data_full (G_OBJECT (application), PRINT_SETTINGS_KEY,
                              g_object_ref (gtk_print_operation_get_print_settings (operation)),
                              g_object_unref);
    }
}

void
waymark_print_map (WaymarkWindow *window)
{
  g_autoptr(WaymarkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkApplication *application;
  GtkPrintSettings *settings = NULL;
  WaymarkCanvas *canvas;

  g_return_if_fail (WAYMARK_IS_WINDOW (window));

  canvas = WAYMARK_CANVAS (waymark_window_get_map_view (window));
  operation = waymark_print_operation_new (waymark_window_get_document (window),
                                           waymark_canvas_get_persona_focus (canvas),
                                           &error);
  if (operation == NULL)
    {
      show_print_error (window, error);
      return;
    }

  application = gtk_window_get_application (GTK_WINDOW (window));
  if (application != NULL)
    settings = g_object_get_data (G_OBJECT (application), PRINT_SETTINGS_KEY);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), settings);

  title = waymark_window_dup_display_title (window);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (operation), title);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), window, 0);

  /* Asynchronous: the operation holds itself until "done". */
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                               GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (window), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_print_error (window, error);
}
