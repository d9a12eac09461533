/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark --check and --export. The output is made for people and for
 * editors alike: "FILE:LINE:COLUMN: error: MESSAGE" is what compilers
 * print, so editors and CI logs link it to the place. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "waymark-cli.h"
#include "waymark-format-error.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

gboolean
waymark_cli_wants (int    argc,
                   char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--check") == 0 ||
          strcmp (argv[i], "--export") == 0 ||
          g_str_has_prefix (argv[i], "--export=") ||
          strcmp (argv[i], "--version") == 0 ||
          strcmp (argv[i], "--help") == 0 ||
          strcmp (argv[i], "-h") == 0 ||
          strcmp (argv[i], "-?") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
print_error (FILE         *stream,
             const char   *name,
             const GError *error)
{
  if (error->domain == WAYMARK_FORMAT_ERROR && waymark_format_error_get_line (error) > 0)
    fprintf (stream, "%s:%d:%d: %s: %s\n", name,
             waymark_format_error_get_line (error), waymark_format_error_get_column (error),
             _("error"), waymark_format_error_get_detail (error));
  else if (error->domain == WAYMARK_FORMAT_ERROR && waymark_format_error_get_path (error) != NULL)
    fprintf (stream, "%s: %s: %s: %s\n", name, _("error"),
             waymark_format_error_get_path (error), waymark_format_error_get_detail (error));
  else
    fprintf (stream, "%s: %s: %s\n", name, _("error"), error->message);
}

static void
print_repairs (FILE        *stream,
               const char  *name,
               char       **repairs)
{
  for (guint i = 0; repairs != NULL && repairs[i] != NULL; i++)
    fprintf (stream, "%s: %s: %s\n", name, _("repaired"), repairs[i]);
}

static WaymarkDocument *
load (const char  *name,
      FILE        *report,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (name);
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *document;

  document = waymark_jmap_read_file (file, NULL, &repairs, error);
  if (document != NULL)
    print_repairs (report, name, repairs);
  return document;
}

static int
run_check (char **files)
{
  int status = 0;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) document = NULL;
      g_auto(GStrv) repairs = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);

      document = waymark_jmap_read_file (file, NULL, &repairs, &error);
      if (document == NULL)
        {
          print_error (stdout, files[i], error);
          status = 1;
        }
      else if (repairs != NULL && repairs[0] != NULL)
        print_repairs (stdout, files[i], repairs);
      else
        printf ("%s: %s\n", files[i], _("ok"));
    }
  return status;
}

static int
run_export (const char  *output,
            char       **files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GFile) target = NULL;
  const char *dot = strrchr (output, '.');

  if (files[0] == NULL || files[1] != NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: --export takes exactly one map to export"));
      return 2;
    }
  if (dot == NULL || g_ascii_strcasecmp (dot, ".jmap") != 0)
    {
      /* PNG, SVG and PDF come with the export work; say so plainly. */
      fprintf (stderr, _("%s: error: export to “%s” files is not supported yet; use a .jmap file name\n"),
               output, dot ? dot : output);
      return 1;
    }

  document = load (files[0], stderr, &error);
  if (document == NULL)
    {
      print_error (stderr, files[0], error);
      return 1;
    }
  target = g_file_new_for_commandline_arg (output);
  if (!waymark_jmap_save_file (document, target, NULL, &error))
    {
      fprintf (stderr, "%s: %s: %s\n", output, _("error"), error->message);
      return 1;
    }
  return 0;
}

int
waymark_cli_main (int    argc,
                  char **argv)
{
  gboolean check = FALSE, version = FALSE;
  g_autofree char *export_to = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check that each map loads; print what is wrong or was repaired"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_to,
      N_("Write the map to OUT (a .jmap file, in canonical form)"), N_("OUT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Waymark edits customer journey maps (.jmap files).\n"
                                  "With FILEs and no option, it opens them in windows."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      fprintf (stderr, "waymark: %s\n", error->message);
      return 2;
    }
  if (version)
    {
      printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }
  if (check && export_to != NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: use either --check or --export, not both"));
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: name at least one map file"));
      return 2;
    }
  if (check)
    return run_check (files);
  return run_export (export_to, files);
}
