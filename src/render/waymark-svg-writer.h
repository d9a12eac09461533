/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes a journey map as one self-contained SVG document, drawn from
 * the same WaymarkLayout as the canvas: the same geometry, colours and
 * typography. Text is wrapped with Pango and written one <tspan> a line
 * (librsvg wraps nothing); every string is escaped and stripped of
 * control characters; nothing outside the document is referenced (icons
 * are inline symbols, persona photos data: URIs).
 *
 * GTK-free and librsvg-free: it needs the layout and GLib only. */
#pragma once

#include "waymark-layout.h"
#include "waymark-palette.h"

G_BEGIN_DECLS

typedef struct
{
  WaymarkTheme theme;
  /* No page background: what is not drawn stays transparent. */
  gboolean     transparent;
  /* Only the cards that apply to this persona are drawn at full
   * strength, and only their curve; NULL for all. */
  const char  *persona_id;
  /* The size of the picture at 1×, in pixels. 0 × 0: the map's own
   * size. Otherwise the map is fitted into it, centred, with margins,
   * and the background fills all of it (a slide). */
  double       frame_width;
  double       frame_height;
} WaymarkSvgOptions;

void   waymark_svg_options_init (WaymarkSvgOptions       *options);

/* The layout is brought up to date first. The picture's size at 1× is
 * returned in width and height (either may be NULL). Transfer full. */
char  *waymark_svg_write        (WaymarkLayout           *layout,
                                 const WaymarkSvgOptions *options,
                                 double                  *width,
                                 double                  *height);

/* The size of the map without the editing affordances, as
 * waymark_svg_write() draws it when no frame is given. */
void   waymark_svg_get_map_size (WaymarkLayout           *layout,
                                 double                  *width,
                                 double                  *height);

/* Appends text with XML's five special characters escaped, tabs made
 * spaces, and every other C0 control character (newlines too) and DEL
 * removed. length -1: up to the NUL. */
void   waymark_svg_append_escaped (GString               *string,
                                   const char            *text,
                                   gssize                 length);

G_END_DECLS
