/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports a journey map to PNG, SVG or PDF. The picture is always the
 * SVG of WaymarkSvgWriter; PNG and PDF are that SVG rendered by librsvg
 * onto a cairo image or PDF surface (vector, selectable text). Work on a
 * document happens on a private copy, so exports can run in a worker
 * thread while the user goes on editing.
 *
 * GTK-free: GLib, cairo and librsvg. */
#pragma once

#include <gio/gio.h>
#include <librsvg/rsvg.h>

#include "waymark-document.h"
#include "waymark-palette.h"

G_BEGIN_DECLS

#define WAYMARK_EXPORT_ERROR (waymark_export_error_quark ())

typedef enum
{
  /* The picture would be more than 32,000 px on a side or 250 Mpx. */
  WAYMARK_EXPORT_ERROR_TOO_LARGE,
  /* An option does not fit the map (a stage range beyond its stages,
   * an unknown persona, a file name with no known format). */
  WAYMARK_EXPORT_ERROR_INVALID,
  /* librsvg or cairo failed. */
  WAYMARK_EXPORT_ERROR_RENDER,
} WaymarkExportError;

#define WAYMARK_EXPORT_MAX_SIDE   32000
#define WAYMARK_EXPORT_MAX_PIXELS (250 * 1000 * 1000)

typedef enum
{
  WAYMARK_EXPORT_PNG,
  WAYMARK_EXPORT_SVG,
  WAYMARK_EXPORT_PDF,
} WaymarkExportFormat;

typedef enum
{
  WAYMARK_EXPORT_WHOLE_MAP,
  /* 1920 × 1080 at 1×, the map fitted with margins. */
  WAYMARK_EXPORT_SLIDE_16_9,
  /* 1600 × 1200 at 1×. */
  WAYMARK_EXPORT_SLIDE_4_3,
} WaymarkExportPreset;

typedef enum
{
  /* One page the size of the picture. */
  WAYMARK_EXPORT_PAGE_FIT,
  /* Landscape pages the map is tiled across, at the export's scale
   * (1× = 96 px an inch), overlapping by 10 mm with marks where to cut
   * and glue: a wall poster. */
  WAYMARK_EXPORT_PAGE_A4,
  WAYMARK_EXPORT_PAGE_A3,
} WaymarkExportPage;

typedef struct
{
  WaymarkExportFormat format;
  /* 1 … 4; used when width is 0. */
  double              scale;
  /* > 0: the picture's width in pixels (PNG; points for PDF pages of
   * WAYMARK_EXPORT_PAGE_FIT are pixels × 0.75); the height follows. */
  int                 width;
  /* > 0 and width 0: the picture's height in pixels; the width
   * follows (thumbnails of tall maps). */
  int                 height;
  WaymarkExportPreset preset;
  /* Stage indices, inclusive; -1 and -1 for all stages. */
  int                 first_stage;
  int                 last_stage;
  /* A persona id or NULL. */
  char               *persona_id;
  /* WAYMARK_THEME_LIGHT or WAYMARK_THEME_DARK. */
  WaymarkTheme        theme;
  /* PNG only: no background. */
  gboolean            transparent;
  /* PDF only. */
  WaymarkExportPage   page;
  /* The date in the title block; NULL for today's, "" for none. */
  char               *date;
} WaymarkExportOptions;

GQuark                waymark_export_error_quark   (void);

/* Scale 1, whole map, all stages, all personas, light, PNG. */
WaymarkExportOptions *waymark_export_options_new   (void);
WaymarkExportOptions *waymark_export_options_copy  (const WaymarkExportOptions *options);
void                  waymark_export_options_free  (WaymarkExportOptions       *options);

/* From the extension (.png, .svg, .pdf, any case); FALSE if none. */
gboolean     waymark_export_format_from_filename   (const char          *filename,
                                                    WaymarkExportFormat *format);
/* "png", "svg", "pdf" */
const char  *waymark_export_format_get_extension   (WaymarkExportFormat  format);
/* "image/png", "image/svg+xml", "application/pdf" */
const char  *waymark_export_format_get_mime_type   (WaymarkExportFormat  format);

/* The size of the picture in pixels for these options (for PDF: of the
 * fitted page at 96 px an inch). FALSE, with WAYMARK_EXPORT_ERROR_TOO_LARGE
 * or _INVALID, if it cannot be exported. */
gboolean     waymark_export_get_size      (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           int                        *width,
                                           int                        *height,
                                           GError                    **error);

/* Called from the thread doing the work, fraction 0 … 1. */
typedef void (*WaymarkExportProgress) (double   fraction,
                                       gpointer user_data);

/* The file's bytes in options->format. */
GBytes      *waymark_export_to_bytes      (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           GCancellable               *cancellable,
                                           WaymarkExportProgress       progress,
                                           gpointer                    progress_data,
                                           GError                    **error);
/* Writes the file through a temporary one: a failed or cancelled export
 * leaves whatever was at target untouched. */
gboolean     waymark_export_to_file       (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           GFile                      *target,
                                           GCancellable               *cancellable,
                                           WaymarkExportProgress       progress,
                                           gpointer                    progress_data,
                                           GError                    **error);
/* One picture per stage of the options' range: lane headers and that
 * stage's column, written into folder as BASENAME-01.EXT, -02, … (as
 * many digits as the count needs, at least two). files (may be NULL)
 * receives the GFiles written, in stage order. */
gboolean     waymark_export_split_stages  (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           GFile                      *folder,
                                           const char                 *basename,
                                           GPtrArray                 **files,
                                           GCancellable               *cancellable,
                                           WaymarkExportProgress       progress,
                                           gpointer                    progress_data,
                                           GError                    **error);

/* The SVG of the options as a librsvg handle, for printing; width and
 * height receive its size at 1× in pixels. */
RsvgHandle  *waymark_export_create_handle (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           double                     *width,
                                           double                     *height,
                                           GError                    **error);

/* The same in a worker thread, on a copy of the document taken now, so
 * the document may change meanwhile. progress is called in the thread
 * default main context of the caller. With split, target is a folder
 * and basename names the files; otherwise basename is ignored.
 * Cancelling leaves no file behind. */
void         waymark_export_async         (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           GFile                      *target,
                                           gboolean                    split,
                                           const char                 *basename,
                                           GCancellable               *cancellable,
                                           WaymarkExportProgress       progress,
                                           gpointer                    progress_data,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data);
gboolean     waymark_export_finish        (GAsyncResult               *result,
                                           GError                    **error);

/* waymark_export_to_bytes() in a worker thread, on a copy of the
 * document (previews, the clipboard). */
void         waymark_export_bytes_async   (WaymarkDocument            *document,
                                           const WaymarkExportOptions *options,
                                           GCancellable               *cancellable,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data);
GBytes      *waymark_export_bytes_finish  (GAsyncResult               *result,
                                           GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkExportOptions, waymark_export_options_free)

G_END_DECLS
