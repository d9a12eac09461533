/* SPDX-License-Identifier: GPL-3.0-or-later */
/* PNG, SVG and PDF from the SVG writer's picture. Every export starts
 * the same way: check the options against the map, take the stages the
 * options ask for (a copy of the document without the others, so that
 * the layout wraps the title and draws the curves for just those), lay
 * it out, write the SVG. SVG stops there; PNG and PDF hand it to
 * librsvg. */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "waymark-exporter.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-layout.h"
#include "waymark-svg-writer.h"

/* CSS pixels to PDF points. */
#define PT_PER_PX (72.0 / 96.0)
/* Poster pages: margin and overlap, in points (10 mm). */
#define POSTER_MARGIN  28.35
#define POSTER_OVERLAP 28.35

G_DEFINE_QUARK (waymark-export-error-quark, waymark_export_error)

/* ---- Options ---- */

WaymarkExportOptions *
waymark_export_options_new (void)
{
  WaymarkExportOptions *options = g_new0 (WaymarkExportOptions, 1);

  options->format = WAYMARK_EXPORT_PNG;
  options->scale = 1;
  options->preset = WAYMARK_EXPORT_WHOLE_MAP;
  options->first_stage = -1;
  options->last_stage = -1;
  options->theme = WAYMARK_THEME_LIGHT;
  options->page = WAYMARK_EXPORT_PAGE_FIT;
  return options;
}

WaymarkExportOptions *
waymark_export_options_copy (const WaymarkExportOptions *options)
{
  WaymarkExportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_memdup2 (options, sizeof *options);
  copy->persona_id = g_strdup (options->persona_id);
  copy->date = g_strdup (options->date);
  return copy;
}

void
waymark_export_options_free (WaymarkExportOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->persona_id);
  g_free (options->date);
  g_free (options);
}

static const struct
{
  const char *extension;
  const char *mime_type;
} formats[] = {
  [WAYMARK_EXPORT_PNG] = { "png", "image/png" },
  [WAYMARK_EXPORT_SVG] = { "svg", "image/svg+xml" },
  [WAYMARK_EXPORT_PDF] = { "pdf", "application/pdf" },
};

gboolean
waymark_export_format_from_filename (const char          *filename,
                                     WaymarkExportFormat *format)
{
  const char *dot;

  g_return_val_if_fail (filename != NULL, FALSE);

  dot = strrchr (filename, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      {
        if (format != NULL)
          *format = (WaymarkExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
waymark_export_format_get_extension (WaymarkExportFormat format)
{
  g_return_val_if_fail (format <= WAYMARK_EXPORT_PDF, NULL);

  return formats[format].extension;
}

const char *
waymark_export_format_get_mime_type (WaymarkExportFormat format)
{
  g_return_val_if_fail (format <= WAYMARK_EXPORT_PDF, NULL);

  return formats[format].mime_type;
}

/* ---- From the options to a picture ---- */

typedef struct
{
  WaymarkExportProgress progress;
  gpointer              data;
  /* The part of the whole this step stands for. */
  double                from;
  double                to;
} Progress;

static void
report (const Progress *progress,
        double          fraction)
{
  if (progress != NULL && progress->progress != NULL)
    progress->progress (progress->from + (progress->to - progress->from) * CLAMP (fraction, 0, 1),
                        progress->data);
}

/* Checks what the options name against the map. */
static gboolean
check_options (WaymarkDocument            *document,
               const WaymarkExportOptions *options,
               GError                    **error)
{
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (document));

  if (options->format > WAYMARK_EXPORT_PDF ||
      options->preset > WAYMARK_EXPORT_SLIDE_4_3 ||
      options->page > WAYMARK_EXPORT_PAGE_A3 ||
      (options->theme != WAYMARK_THEME_LIGHT && options->theme != WAYMARK_THEME_DARK))
    {
      g_set_error_literal (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                           _("The export options are not valid"));
      return FALSE;
    }
  if (options->width <= 0 && options->height <= 0 && !(options->scale >= 1 && options->scale <= 4))
    {
      g_set_error_literal (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                           _("The scale must be between 1 and 4"));
      return FALSE;
    }
  if (options->first_stage >= 0 || options->last_stage >= 0)
    {
      if (options->first_stage < 0 || options->last_stage < options->first_stage ||
          (guint) options->last_stage >= n_stages)
        {
          if (n_stages == 0)
            g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                         _("Stages %d to %d cannot be exported: the map has no stages"),
                         options->first_stage + 1, options->last_stage + 1);
          else
            g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Stages %d to %d cannot be exported: the map has %u stage",
                                      "Stages %d to %d cannot be exported: the map has %u stages",
                                      n_stages),
                         options->first_stage + 1, options->last_stage + 1, n_stages);
          return FALSE;
        }
    }
  if (options->persona_id != NULL &&
      waymark_document_lookup_persona (document, options->persona_id) == NULL)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                   _("The map has no persona with the id “%s”"), options->persona_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
whole_range (WaymarkDocument            *document,
             const WaymarkExportOptions *options)
{
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (document));

  return options->first_stage < 0 ||
         (options->first_stage == 0 && (guint) options->last_stage + 1 == n_stages);
}

/* The document to draw: the document itself, or a copy holding only the
 * stages of the range (their cards go with them). */
static WaymarkDocument *
select_stages (WaymarkDocument            *document,
               const WaymarkExportOptions *options,
               GError                    **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (WaymarkDocument) copy = NULL;
  GListModel *stages;

  if (whole_range (document, options))
    return g_object_ref (document);

  bytes = waymark_jmap_write (document);
  copy = waymark_jmap_read (bytes, NULL, error);
  if (copy == NULL)
    return NULL;
  stages = waymark_document_get_stages (copy);
  for (guint i = g_list_model_get_n_items (stages); i-- > 0;)
    {
      if ((int) i < options->first_stage || (int) i > options->last_stage)
        {
          g_autoptr (WaymarkStage) stage = g_list_model_get_item (stages, i);

          waymark_document_remove_stage (copy, stage);
        }
    }
  return g_steal_pointer (&copy);
}

static char *
export_date (const WaymarkExportOptions *options)
{
  g_autoptr (GDateTime) now = NULL;

  if (options->date != NULL)
    return g_strdup (options->date);
  now = g_date_time_new_now_local ();
  /* Translators: the date on an exported map, see g_date_time_format(). */
  return g_date_time_format (now, C_("export date", "%-d %B %Y"));
}

static void
frame_size (const WaymarkExportOptions *options,
            double                     *width,
            double                     *height)
{
  switch (options->preset)
    {
    case WAYMARK_EXPORT_SLIDE_16_9:
      *width = 1920;
      *height = 1080;
      break;
    case WAYMARK_EXPORT_SLIDE_4_3:
      *width = 1600;
      *height = 1200;
      break;
    case WAYMARK_EXPORT_WHOLE_MAP:
    default:
      *width = *height = 0;
      break;
    }
}

typedef struct
{
  char   *svg;
  gsize   length;
  /* At 1×. */
  double  width;
  double  height;
  /* Of the image at the options' scale or width. */
  int     pixel_width;
  int     pixel_height;
  char   *title;
  WaymarkTheme theme;
  gboolean transparent;
} Picture;

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->svg, g_free);
  g_clear_pointer (&picture->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Picture, picture_clear)

static gboolean
pixel_size (const WaymarkExportOptions *options,
            double                      width,
            double                      height,
            int                        *pixel_width,
            int                        *pixel_height,
            GError                    **error)
{
  double w, h;

  if (options->width > 0)
    {
      w = options->width;
      h = MAX (1, round (height * options->width / width));
    }
  else if (options->height > 0)
    {
      h = options->height;
      w = MAX (1, round (width * options->height / height));
    }
  else
    {
      w = ceil (width * options->scale - 0.01);
      h = ceil (height * options->scale - 0.01);
    }
  if (w > WAYMARK_EXPORT_MAX_SIDE || h > WAYMARK_EXPORT_MAX_SIDE ||
      w * h > WAYMARK_EXPORT_MAX_PIXELS)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE,
                   _("The picture would be %.0f × %.0f pixels, larger than Waymark can export "
                     "(%d pixels on a side and %d megapixels); choose a smaller size"),
                   w, h, WAYMARK_EXPORT_MAX_SIDE, WAYMARK_EXPORT_MAX_PIXELS / 1000000);
      return FALSE;
    }
  *pixel_width = (int) w;
  *pixel_height = (int) h;
  return TRUE;
}

static gboolean
make_picture (WaymarkDocument            *document,
              const WaymarkExportOptions *options,
              gboolean                    write_svg,
              Picture                    *picture,
              GError                    **error)
{
  g_autoptr (WaymarkDocument) drawn = NULL;
  g_autoptr (WaymarkLayout) layout = NULL;
  g_autofree char *date = NULL;
  WaymarkSvgOptions svg_options;
  const char *title;

  if (!check_options (document, options, error))
    return FALSE;
  drawn = select_stages (document, options, error);
  if (drawn == NULL)
    return FALSE;

  layout = waymark_layout_new (drawn);
  date = export_date (options);
  waymark_layout_set_subtitle_text (layout, date);

  waymark_svg_options_init (&svg_options);
  svg_options.theme = options->theme;
  svg_options.transparent = options->transparent && options->format != WAYMARK_EXPORT_PDF;
  svg_options.persona_id = options->persona_id;
  frame_size (options, &svg_options.frame_width, &svg_options.frame_height);

  if (write_svg)
    {
      picture->svg = waymark_svg_write (layout, &svg_options, &picture->width, &picture->height);
      picture->length = strlen (picture->svg);
    }
  else if (svg_options.frame_width > 0)
    {
      picture->width = svg_options.frame_width;
      picture->height = svg_options.frame_height;
    }
  else
    waymark_svg_get_map_size (layout, &picture->width, &picture->height);

  picture->theme = options->theme;
  picture->transparent = svg_options.transparent;
  title = waymark_document_get_title (document);
  picture->title = g_strdup (title != NULL && *title != '\0' ? title : _("Untitled Map"));
  return pixel_size (options, picture->width, picture->height,
                     &picture->pixel_width, &picture->pixel_height, error);
}

gboolean
waymark_export_get_size (WaymarkDocument            *document,
                         const WaymarkExportOptions *options,
                         int                        *width,
                         int                        *height,
                         GError                    **error)
{
  g_auto (Picture) picture = { 0 };

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!make_picture (document, options, FALSE, &picture, error))
    return FALSE;
  if (width != NULL)
    *width = picture.pixel_width;
  if (height != NULL)
    *height = picture.pixel_height;
  return TRUE;
}

static RsvgHandle *
load_handle (const Picture  *picture,
             GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  RsvgHandle *handle;

  handle = rsvg_handle_new_from_data ((const guint8 *) picture->svg, picture->length, &local_error);
  if (handle == NULL)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                   _("The map could not be drawn: %s"), local_error->message);
      return NULL;
    }
  rsvg_handle_set_dpi (handle, 96);
  return handle;
}

static gboolean
render (RsvgHandle   *handle,
        cairo_t      *cr,
        double        width,
        double        height,
        GError      **error)
{
  g_autoptr (GError) local_error = NULL;
  RsvgRectangle viewport = { 0, 0, width, height };

  if (!rsvg_handle_render_document (handle, cr, &viewport, &local_error))
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                   _("The map could not be drawn: %s"), local_error->message);
      return FALSE;
    }
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                   _("The map could not be drawn: %s"), cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

/* cairo writes PNG and PDF through this into a GOutputStream; the first
 * error is kept and the rest of the writing skipped. */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
sink_check (Sink            *sink,
            cairo_status_t   status,
            GError         **error)
{
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                   _("The map could not be written: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_png (const Picture  *picture,
           GOutputStream  *stream,
           GCancellable   *cancellable,
           const Progress *progress,
           GError        **error)
{
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  Sink sink = { stream, cancellable, NULL };
  cairo_status_t status;
  gboolean ok;

  handle = load_handle (picture, error);
  if (handle == NULL)
    return FALSE;
  report (progress, 0.15);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_object_unref (handle);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, picture->pixel_width, picture->pixel_height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE,
                   _("There is not enough memory for a picture of %d × %d pixels"),
                   picture->pixel_width, picture->pixel_height);
      cairo_surface_destroy (surface);
      g_object_unref (handle);
      return FALSE;
    }
  cr = cairo_create (surface);
  if (!picture->transparent)
    {
      /* librsvg keeps the picture's proportions: when the pixel size
       * rounds them differently, it leaves a sub-pixel seam at the
       * edges. The page colour under everything closes it. */
      const WaymarkColor *page = &waymark_theme_get_colors (picture->theme)->background;

      cairo_set_source_rgb (cr, page->red, page->green, page->blue);
      cairo_paint (cr);
    }
  ok = render (handle, cr, picture->pixel_width, picture->pixel_height, error);
  cairo_destroy (cr);
  g_object_unref (handle);
  report (progress, 0.75);
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
      ok = sink_check (&sink, status, error);
    }
  g_clear_error (&sink.error);
  cairo_surface_destroy (surface);
  report (progress, 1);
  return ok;
}

/* Thin marks in the overlap strips, where one page is to be cut and the
 * next glued under it, and the page's place in the poster. */
static void
draw_poster_marks (cairo_t    *cr,
                   double      page_width,
                   double      page_height,
                   guint       row,
                   guint       column,
                   guint       rows,
                   guint       columns)
{
  double left = POSTER_MARGIN, top = POSTER_MARGIN;
  double right = page_width - POSTER_MARGIN, bottom = page_height - POSTER_MARGIN;
  g_autofree char *label = NULL;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (cr, 0.5);
  /* Where this page's own part ends and the overlap with the next one
   * begins: cut along these. */
  if (column + 1 < columns)
    {
      cairo_move_to (cr, right - POSTER_OVERLAP, 0);
      cairo_line_to (cr, right - POSTER_OVERLAP, top * 0.8);
      cairo_move_to (cr, right - POSTER_OVERLAP, page_height);
      cairo_line_to (cr, right - POSTER_OVERLAP, page_height - POSTER_MARGIN * 0.8);
    }
  if (row + 1 < rows)
    {
      cairo_move_to (cr, 0, bottom - POSTER_OVERLAP);
      cairo_line_to (cr, left * 0.8, bottom - POSTER_OVERLAP);
      cairo_move_to (cr, page_width, bottom - POSTER_OVERLAP);
      cairo_line_to (cr, page_width - POSTER_MARGIN * 0.8, bottom - POSTER_OVERLAP);
    }
  /* Corner marks of the printed area. */
  cairo_move_to (cr, left - 10, top);
  cairo_line_to (cr, left - 2, top);
  cairo_move_to (cr, left, top - 10);
  cairo_line_to (cr, left, top - 2);
  cairo_move_to (cr, right + 10, bottom);
  cairo_line_to (cr, right + 2, bottom);
  cairo_move_to (cr, right, bottom + 10);
  cairo_line_to (cr, right, bottom + 2);
  cairo_stroke (cr);

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 7);
  /* Translators: printed in the margin of a poster's page. */
  label = g_strdup_printf (_("Row %u of %u, column %u of %u"), row + 1, rows, column + 1, columns);
  cairo_move_to (cr, left + 4, page_height - POSTER_MARGIN / 2 + 2);
  cairo_show_text (cr, label);
  cairo_restore (cr);
}

static gboolean
write_pdf (const Picture              *picture,
           const WaymarkExportOptions *options,
           GOutputStream              *stream,
           GCancellable               *cancellable,
           const Progress             *progress,
           GError                    **error)
{
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  Sink sink = { stream, cancellable, NULL };
  double width = picture->pixel_width * PT_PER_PX;
  double height = picture->pixel_height * PT_PER_PX;
  double page_width, page_height;
  gboolean ok = TRUE;

  handle = load_handle (picture, error);
  if (handle == NULL)
    return FALSE;
  report (progress, 0.1);

  if (options->page == WAYMARK_EXPORT_PAGE_FIT)
    {
      page_width = width;
      page_height = height;
    }
  else
    {
      /* ISO 216 landscape. */
      page_width = options->page == WAYMARK_EXPORT_PAGE_A3 ? 1190.55 : 841.89;
      page_height = options->page == WAYMARK_EXPORT_PAGE_A3 ? 841.89 : 595.28;
    }
  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, page_width, page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, picture->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
  cr = cairo_create (surface);

  if (options->page == WAYMARK_EXPORT_PAGE_FIT)
    ok = render (handle, cr, width, height, error);
  else
    {
      double area_width = page_width - 2 * POSTER_MARGIN;
      double area_height = page_height - 2 * POSTER_MARGIN;
      double step_x = area_width - POSTER_OVERLAP, step_y = area_height - POSTER_OVERLAP;
      guint columns = (guint) MAX (1, ceil ((width - POSTER_OVERLAP) / step_x));
      guint rows = (guint) MAX (1, ceil ((height - POSTER_OVERLAP) / step_y));

      for (guint r = 0; ok && r < rows; r++)
        for (guint c = 0; ok && c < columns; c++)
          {
            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              {
                ok = FALSE;
                break;
              }
            cairo_save (cr);
            cairo_rectangle (cr, POSTER_MARGIN, POSTER_MARGIN, area_width, area_height);
            cairo_clip (cr);
            cairo_translate (cr, POSTER_MARGIN - c * step_x, POSTER_MARGIN - r * step_y);
            ok = render (handle, cr, width, height, error);
            cairo_restore (cr);
            draw_poster_marks (cr, page_width, page_height, r, c, rows, columns);
            cairo_show_page (cr);
            report (progress, 0.1 + 0.85 * (r * columns + c + 1) / (rows * columns));
          }
    }
  cairo_destroy (cr);

  g_object_unref (handle);
  cairo_surface_finish (surface);
  if (ok)
    ok = sink_check (&sink, cairo_surface_status (surface), error);
  g_clear_error (&sink.error);
  cairo_surface_destroy (surface);
  report (progress, 1);
  return ok;
}

/* The picture, in options->format, into stream. */
static gboolean
write_picture (WaymarkDocument            *document,
               const WaymarkExportOptions *options,
               GOutputStream              *stream,
               GCancellable               *cancellable,
               const Progress             *progress,
               GError                    **error)
{
  g_auto (Picture) picture = { 0 };
  Progress rest = { 0 };

  report (progress, 0);
  if (!make_picture (document, options, TRUE, &picture, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  report (progress, 0.15);

  if (progress != NULL)
    rest = (Progress) { progress->progress, progress->data,
                        progress->from + (progress->to - progress->from) * 0.15, progress->to };
  switch (options->format)
    {
    case WAYMARK_EXPORT_SVG:
      if (!g_output_stream_write_all (stream, picture.svg, picture.length, NULL, cancellable, error))
        return FALSE;
      report (progress, 1);
      return TRUE;
    case WAYMARK_EXPORT_PDF:
      return write_pdf (&picture, options, stream, cancellable, &rest, error);
    case WAYMARK_EXPORT_PNG:
    default:
      return write_png (&picture, stream, cancellable, &rest, error);
    }
}

GBytes *
waymark_export_to_bytes (WaymarkDocument            *document,
                         const WaymarkExportOptions *options,
                         GCancellable               *cancellable,
                         WaymarkExportProgress       progress,
                         gpointer                    progress_data,
                         GError                    **error)
{
  g_autoptr (GOutputStream) stream = NULL;
  Progress whole = { progress, progress_data, 0, 1 };

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_output_stream_new_resizable ();
  if (!write_picture (document, options, stream, cancellable, &whole, error) ||
      !g_output_stream_close (stream, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static gboolean
write_file (WaymarkDocument            *document,
            const WaymarkExportOptions *options,
            GFile                      *target,
            GCancellable               *cancellable,
            const Progress             *progress,
            GError                    **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GCancellable) abandon = NULL;
  gboolean existed = g_file_query_exists (target, NULL);

  stream = g_file_replace (target, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (write_picture (document, options, G_OUTPUT_STREAM (stream), cancellable, progress, error) &&
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return TRUE;

  /* Closing with a cancelled cancellable drops the temporary file and
   * leaves a target that existed as it was. A new target is written in
   * place, so what was begun of it goes. */
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
  if (!existed)
    g_file_delete (target, NULL, NULL);
  return FALSE;
}

gboolean
waymark_export_to_file (WaymarkDocument            *document,
                        const WaymarkExportOptions *options,
                        GFile                      *target,
                        GCancellable               *cancellable,
                        WaymarkExportProgress       progress,
                        gpointer                    progress_data,
                        GError                    **error)
{
  Progress whole = { progress, progress_data, 0, 1 };

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_file (document, options, target, cancellable, &whole, error);
}

gboolean
waymark_export_split_stages (WaymarkDocument            *document,
                             const WaymarkExportOptions *options,
                             GFile                      *folder,
                             const char                 *basename,
                             GPtrArray                 **files,
                             GCancellable               *cancellable,
                             WaymarkExportProgress       progress,
                             gpointer                    progress_data,
                             GError                    **error)
{
  g_autoptr (WaymarkExportOptions) one = NULL;
  g_autoptr (GPtrArray) written = NULL;
  g_autoptr (GPtrArray) temporary = NULL;
  gboolean ok = TRUE;
  guint n_stages;
  int first, last, digits;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (basename != NULL && *basename != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (document, options, error))
    return FALSE;
  n_stages = g_list_model_get_n_items (waymark_document_get_stages (document));
  if (n_stages == 0)
    {
      g_set_error_literal (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                           _("The map has no stages to export one by one"));
      return FALSE;
    }
  first = options->first_stage >= 0 ? options->first_stage : 0;
  last = options->first_stage >= 0 ? options->last_stage : (int) n_stages - 1;
  digits = MAX (2, (int) floor (log10 (last - first + 1)) + 1);

  /* Each picture goes to a hidden file first; only when all are made do
   * they take their names, so a failure leaves neither half a set nor
   * a previous set half overwritten. */
  written = g_ptr_array_new_with_free_func (g_object_unref);
  temporary = g_ptr_array_new_with_free_func (g_object_unref);
  one = waymark_export_options_copy (options);
  for (int i = first; ok && i <= last; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%0*d.%s", basename, digits, i - first + 1,
                                               waymark_export_format_get_extension (options->format));
      g_autofree char *hidden = g_strdup_printf (".%s.%08x.part", name, g_random_int ());
      g_autoptr (GFile) file = g_file_get_child (folder, name);
      g_autoptr (GFile) temp = g_file_get_child (folder, hidden);
      Progress part = { progress, progress_data,
                        (double) (i - first) / (last - first + 1),
                        (double) (i - first + 1) / (last - first + 1) };

      one->first_stage = one->last_stage = i;
      ok = write_file (document, one, temp, cancellable, &part, error);
      if (ok)
        {
          g_ptr_array_add (temporary, g_steal_pointer (&temp));
          g_ptr_array_add (written, g_steal_pointer (&file));
        }
    }
  for (guint k = 0; ok && k < written->len; k++)
    ok = g_file_move (g_ptr_array_index (temporary, k), g_ptr_array_index (written, k),
                      G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                      NULL, NULL, NULL, error);
  if (!ok)
    {
      for (guint k = 0; k < temporary->len; k++)
        g_file_delete (g_ptr_array_index (temporary, k), NULL, NULL);
      return FALSE;
    }
  if (files != NULL)
    *files = g_steal_pointer (&written);
  return TRUE;
}

RsvgHandle *
waymark_export_create_handle (WaymarkDocument            *document,
                              const WaymarkExportOptions *options,
                              double                     *width,
                              double                     *height,
                              GError                    **error)
{
  g_auto (Picture) picture = { 0 };
  RsvgHandle *handle;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!make_picture (document, options, TRUE, &picture, error))
    return NULL;
  handle = load_handle (&picture, error);
  if (handle == NULL)
    return NULL;
  if (width != NULL)
    *width = picture.width;
  if (height != NULL)
    *height = picture.height;
  return handle;
}

/* ---- In a worker thread ---- */

typedef struct
{
  GBytes               *snapshot;
  WaymarkExportOptions *options;
  GFile                *target;
  gboolean              split;
  char                 *basename;
  WaymarkExportProgress progress;
  gpointer              progress_data;
  GMainContext         *context;
  /* The last fraction posted, to post only steps of a percent. */
  double                posted;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_bytes_unref (job->snapshot);
  waymark_export_options_free (job->options);
  g_clear_object (&job->target);
  g_free (job->basename);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  GTask *task;
  double fraction;
} Tick;

static gboolean
tick_dispatch (gpointer data)
{
  Tick *tick = data;
  Job *job = g_task_get_task_data (tick->task);

  /* Nothing after the end has been reported. */
  if (!g_task_get_completed (tick->task))
    job->progress (tick->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
tick_free (gpointer data)
{
  Tick *tick = data;

  g_object_unref (tick->task);
  g_free (tick);
}

static void
post_progress (double   fraction,
               gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  Tick *tick;

  if (fraction < job->posted + 0.01 && fraction < 1)
    return;
  job->posted = fraction;
  tick = g_new (Tick, 1);
  tick->task = g_object_ref (task);
  tick->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, tick_dispatch, tick, tick_free);
}

static WaymarkDocument *
job_document (Job     *job,
              GError **error)
{
  g_autoptr (GError) local_error = NULL;
  WaymarkDocument *document = waymark_jmap_read (job->snapshot, NULL, &local_error);

  if (document == NULL)
    g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_RENDER,
                 _("The map could not be copied for export: %s"), local_error->message);
  return document;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (WaymarkDocument) document = NULL;
  GError *error = NULL;
  WaymarkExportProgress progress = job->progress != NULL ? post_progress : NULL;
  gboolean ok;

  document = job_document (job, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->split)
    ok = waymark_export_split_stages (document, job->options, job->target, job->basename, NULL,
                                      cancellable, progress, task, &error);
  else
    ok = waymark_export_to_file (document, job->options, job->target,
                                 cancellable, progress, task, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static Job *
job_new (WaymarkDocument            *document,
         const WaymarkExportOptions *options)
{
  Job *job = g_new0 (Job, 1);

  job->snapshot = waymark_jmap_write (document);
  job->options = waymark_export_options_copy (options);
  job->context = g_main_context_ref_thread_default ();
  job->posted = -1;
  return job;
}

void
waymark_export_async (WaymarkDocument            *document,
                      const WaymarkExportOptions *options,
                      GFile                      *target,
                      gboolean                    split,
                      const char                 *basename,
                      GCancellable               *cancellable,
                      WaymarkExportProgress       progress,
                      gpointer                    progress_data,
                      GAsyncReadyCallback         callback,
                      gpointer                    user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (target));
  g_return_if_fail (!split || (basename != NULL && *basename != '\0'));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_export_async);
  /* A cancel that comes after the file is written is too late: report
   * what happened. */
  g_task_set_check_cancellable (task, FALSE);
  job = job_new (document, options);
  job->target = g_object_ref (target);
  job->split = split;
  job->basename = g_strdup (basename);
  job->progress = progress;
  job->progress_data = progress_data;
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
waymark_export_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == waymark_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
bytes_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (WaymarkDocument) document = NULL;
  GError *error = NULL;
  GBytes *bytes;

  document = job_document (job, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  bytes = waymark_export_to_bytes (document, job->options, cancellable, NULL, NULL, &error);
  if (bytes != NULL)
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

void
waymark_export_bytes_async (WaymarkDocument            *document,
                            const WaymarkExportOptions *options,
                            GCancellable               *cancellable,
                            GAsyncReadyCallback         callback,
                            gpointer                    user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (options != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_export_bytes_async);
  g_task_set_task_data (task, job_new (document, options), job_free);
  g_task_run_in_thread (task, bytes_thread);
}

GBytes *
waymark_export_bytes_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == waymark_export_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
