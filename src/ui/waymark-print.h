/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing a map: the exporter's picture (light, with no page background)
 * either fitted onto one page or tiled across pages at its actual size,
 * for a wall poster. The print dialog has a tab to choose between them. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"
#include "waymark-window.h"

G_BEGIN_DECLS

typedef enum
{
  /* The whole map on one page, as large as it fits. */
  WAYMARK_PRINT_FIT,
  /* At 96 pixels an inch, across as many pages as it takes; neighbouring
   * pages overlap by 10 mm to glue them together. */
  WAYMARK_PRINT_TILE,
} WaymarkPrintLayout;

#define WAYMARK_TYPE_PRINT_OPERATION (waymark_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPrintOperation, waymark_print_operation, WAYMARK, PRINT_OPERATION, GtkPrintOperation)

/* The picture is drawn now, so a map that cannot be drawn fails here.
 * persona_id: the persona focus, or NULL. Landscape by default. */
WaymarkPrintOperation *waymark_print_operation_new        (WaymarkDocument       *document,
                                                           const char            *persona_id,
                                                           GError               **error);
WaymarkPrintLayout     waymark_print_operation_get_layout (WaymarkPrintOperation *self);
void                   waymark_print_operation_set_layout (WaymarkPrintOperation *self,
                                                           WaymarkPrintLayout     layout);

/* Shows the print dialog for the window's map (with its persona focus)
 * and prints; failures are shown in a message dialog. The print
 * settings are kept for the next time while the application runs. */
void                   waymark_print_map                  (WaymarkWindow         *window);

G_END_DECLS
