/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Errors of the .jmap format layer. A GError of this domain carries where
 * the problem is: a line and column for syntax problems, a member path
 * such as cards[3].title for content problems. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WAYMARK_FORMAT_ERROR (waymark_format_error_quark ())

typedef enum
{
  WAYMARK_FORMAT_ERROR_EMPTY,
  WAYMARK_FORMAT_ERROR_ENCODING,
  WAYMARK_FORMAT_ERROR_SYNTAX,
  WAYMARK_FORMAT_ERROR_TOO_DEEP,
  WAYMARK_FORMAT_ERROR_TOO_LARGE,
  WAYMARK_FORMAT_ERROR_NOT_A_MAP,
  WAYMARK_FORMAT_ERROR_TOO_NEW,
  WAYMARK_FORMAT_ERROR_INVALID,
} WaymarkFormatError;

GQuark      waymark_format_error_quark      (void);
/* 1-based; 0 when the error has no position. */
int         waymark_format_error_get_line   (const GError *error);
int         waymark_format_error_get_column (const GError *error);
/* The member path, e.g. "cards[3].title", or NULL. */
const char *waymark_format_error_get_path   (const GError *error);
/* The message without its location. */
const char *waymark_format_error_get_detail (const GError *error);

/* Sets error (if not NULL) with a translated detail; the message names
 * the location: "Line 3, column 14: …" or "cards[3].title: …". */
void        waymark_format_set_error        (GError            **error,
                                             WaymarkFormatError  code,
                                             int                 line,
                                             int                 column,
                                             const char         *path,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (6, 7);

G_END_DECLS
