/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The format layer's error domain, extended (GLib 2.68) with the place
 * of the problem so that the command line can print FILE:LINE:COLUMN. */
#include "config.h"

#include <glib/gi18n.h>

#include "waymark-format-error.h"

typedef struct
{
  int   line;
  int   column;
  char *path;
  char *detail;
} WaymarkFormatErrorPrivate;

static void
waymark_format_error_private_init (WaymarkFormatErrorPrivate *priv)
{
}

static void
waymark_format_error_private_copy (const WaymarkFormatErrorPrivate *src,
                                   WaymarkFormatErrorPrivate       *dest)
{
  dest->line = src->line;
  dest->column = src->column;
  dest->path = g_strdup (src->path);
  dest->detail = g_strdup (src->detail);
}

static void
waymark_format_error_private_clear (WaymarkFormatErrorPrivate *priv)
{
  g_clear_pointer (&priv->path, g_free);
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (WaymarkFormatError, waymark_format_error)

int
waymark_format_error_get_line (const GError *error)
{
  WaymarkFormatErrorPrivate *priv = waymark_format_error_get_private (error);
  return priv ? priv->line : 0;
}

int
waymark_format_error_get_column (const GError *error)
{
  WaymarkFormatErrorPrivate *priv = waymark_format_error_get_private (error);
  return priv ? priv->column : 0;
}

const char *
waymark_format_error_get_path (const GError *error)
{
  WaymarkFormatErrorPrivate *priv = waymark_format_error_get_private (error);
  return priv ? priv->path : NULL;
}

const char *
waymark_format_error_get_detail (const GError *error)
{
  WaymarkFormatErrorPrivate *priv = waymark_format_error_get_private (error);

  if (priv != NULL && priv->detail != NULL)
    return priv->detail;
  return error ? error->message : NULL;
}

void
waymark_format_set_error (GError            **error,
                          WaymarkFormatError  code,
                          int                 line,
                          int                 column,
                          const char         *path,
                          const char         *format,
                          ...)
{
  WaymarkFormatErrorPrivate *priv;
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* Translators: the place of a problem in a file, then the problem */
    message = g_strdup_printf (_("Line %d, column %d: %s"), line, column, detail);
  else if (path != NULL)
    message = g_strdup_printf ("%s: %s", path, detail);
  else
    message = g_strdup (detail);

  g_set_error_literal (error, WAYMARK_FORMAT_ERROR, code, message);
  priv = waymark_format_error_get_private (*error);
  priv->line = line;
  priv->column = column;
  priv->path = g_strdup (path);
  priv->detail = g_steal_pointer (&detail);
}
