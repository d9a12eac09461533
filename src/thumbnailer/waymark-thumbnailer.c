/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark-thumbnailer -s SIZE INPUT OUTPUT: the thumbnail of a .jmap file
 * for file managers (see data/io.github.waymark.Waymark.thumbnailer), a
 * PNG of the whole map whose larger side is SIZE pixels. It uses the
 * exporter and nothing of GTK, so it runs without a display. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "waymark-exporter.h"
#include "waymark-jmap-reader.h"

/* Makes the larger side of the picture size pixels: the width, or for a
 * map taller than wide the height. */
static gboolean
fit_size (WaymarkDocument       *document,
          WaymarkExportOptions  *options,
          int                    size,
          GError               **error)
{
  int width, height;

  options->width = size;
  options->height = 0;
  if (!waymark_export_get_size (document, options, &width, &height, error))
    return FALSE;
  if (height > size)
    {
      options->width = 0;
      options->height = size;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int size = 0;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkExportOptions) options = NULL;
  const GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT, &size,
      N_("The larger side of the thumbnail, in pixels"), N_("SIZE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT OUTPUT") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Writes a PNG thumbnail of a Waymark journey map (.jmap file).\n"
                                  "INPUT is a path or a URI; OUTPUT is a path."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "waymark-thumbnailer: %s\n", error->message);
      return 1;
    }
  if (files == NULL || g_strv_length (files) != 2)
    {
      fprintf (stderr, "%s\n", _("waymark-thumbnailer: give -s SIZE, then INPUT and OUTPUT"));
      return 1;
    }
  if (size < 1 || size > WAYMARK_EXPORT_MAX_SIDE)
    {
      fprintf (stderr, _("waymark-thumbnailer: -s takes a size from 1 to %d pixels\n"),
               WAYMARK_EXPORT_MAX_SIDE);
      return 1;
    }

  input = g_file_new_for_commandline_arg (files[0]);
  document = waymark_jmap_read_file (input, NULL, NULL, &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", files[0], _("error"), error->message);
      return 1;
    }

  options = waymark_export_options_new ();
  options->format = WAYMARK_EXPORT_PNG;
  options->theme = WAYMARK_THEME_LIGHT;
  /* A thumbnail shows the file, not the day it was made. */
  g_free (options->date);
  options->date = g_strdup ("");
  output = g_file_new_for_commandline_arg (files[1]);
  if (!fit_size (document, options, size, &error) ||
      !waymark_export_to_file (document, options, output, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "%s: %s: %s\n", files[1], _("error"), error->message);
      return 1;
    }
  return 0;
}
