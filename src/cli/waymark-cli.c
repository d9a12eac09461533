/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark --check and --export. The output is made for people and for
 * editors alike: "FILE:LINE:COLUMN: error: MESSAGE" is what compilers
 * print, so editors and CI logs link it to the place. Export to PNG, SVG
 * and PDF goes through the GTK-free exporter, so it works on a server. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "waymark-cli.h"
#include "waymark-exporter.h"
#include "waymark-format-error.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

/* The options that only make sense with --export to a picture. */
static const char * const picture_options[] = {
  "--scale", "--width", "--preset", "--stages", "--persona",
  "--theme", "--transparent", "--page", "--split-stages",
};

static gboolean
is_option (const char *arg,
           const char *name)
{
  gsize len = strlen (name);

  return strncmp (arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

gboolean
waymark_cli_wants (int    argc,
                   char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      if (strcmp (argv[i], "--check") == 0 ||
          is_option (argv[i], "--export") ||
          strcmp (argv[i], "--version") == 0 ||
          strcmp (argv[i], "--help") == 0 ||
          strcmp (argv[i], "-h") == 0 ||
          strcmp (argv[i], "-?") == 0)
        return TRUE;
      /* Without --export these are mistakes; say so here rather than
       * letting the application reject an unknown option. */
      for (guint k = 0; k < G_N_ELEMENTS (picture_options); k++)
        if (is_option (argv[i], picture_options[k]))
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

/* What the command line said about the picture, as given. */
typedef struct
{
  char     *scale;
  char     *width;
  char     *preset;
  char     *stages;
  char     *persona;
  char     *theme;
  char     *page;
  gboolean  transparent;
  gboolean  split_stages;
} PictureArgs;

static void
picture_args_clear (PictureArgs *args)
{
  g_clear_pointer (&args->scale, g_free);
  g_clear_pointer (&args->width, g_free);
  g_clear_pointer (&args->preset, g_free);
  g_clear_pointer (&args->stages, g_free);
  g_clear_pointer (&args->persona, g_free);
  g_clear_pointer (&args->theme, g_free);
  g_clear_pointer (&args->page, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PictureArgs, picture_args_clear)

/* The first picture option given, as the user spelt it; NULL if none. */
static const char *
picture_args_first (const PictureArgs *args)
{
  if (args->scale != NULL)
    return "--scale";
  if (args->width != NULL)
    return "--width";
  if (args->preset != NULL)
    return "--preset";
  if (args->stages != NULL)
    return "--stages";
  if (args->persona != NULL)
    return "--persona";
  if (args->theme != NULL)
    return "--theme";
  if (args->page != NULL)
    return "--page";
  if (args->transparent)
    return "--transparent";
  if (args->split_stages)
    return "--split-stages";
  return NULL;
}

/* Values that are wrong whatever the map: usage errors, exit status 2.
 * Fills in options. */
static gboolean
parse_picture_args (const PictureArgs    *args,
                    WaymarkExportOptions *options)
{
  if (args->scale != NULL && args->width != NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: use either --scale or --width, not both"));
      return FALSE;
    }
  if (args->scale != NULL)
    {
      char *end = NULL;
      double scale = g_ascii_strtod (args->scale, &end);

      if (end == args->scale || *end != '\0' || !isfinite (scale) || scale < 1 || scale > 4)
        {
          fprintf (stderr, _("waymark: --scale takes a number from 1 to 4, not “%s”\n"), args->scale);
          return FALSE;
        }
      options->scale = scale;
    }
  if (args->width != NULL)
    {
      gint64 width;

      if (!g_ascii_string_to_signed (args->width, 10, 1, G_MAXINT, &width, NULL))
        {
          fprintf (stderr, _("waymark: --width takes a number of pixels, 1 or more, not “%s”\n"),
                   args->width);
          return FALSE;
        }
      options->width = (int) width;
    }
  if (args->preset != NULL)
    {
      if (strcmp (args->preset, "16:9") == 0)
        options->preset = WAYMARK_EXPORT_SLIDE_16_9;
      else if (strcmp (args->preset, "4:3") == 0)
        options->preset = WAYMARK_EXPORT_SLIDE_4_3;
      else
        {
          fprintf (stderr, _("waymark: --preset takes 16:9 or 4:3, not “%s”\n"), args->preset);
          return FALSE;
        }
    }
  if (args->theme != NULL)
    {
      if (strcmp (args->theme, "light") == 0)
        options->theme = WAYMARK_THEME_LIGHT;
      else if (strcmp (args->theme, "dark") == 0)
        options->theme = WAYMARK_THEME_DARK;
      else
        {
          fprintf (stderr, _("waymark: --theme takes light or dark, not “%s”\n"), args->theme);
          return FALSE;
        }
    }
  if (args->page != NULL)
    {
      if (options->format != WAYMARK_EXPORT_PDF)
        {
          fprintf (stderr, "%s\n", _("waymark: --page applies to PDF files only"));
          return FALSE;
        }
      if (strcmp (args->page, "fit") == 0)
        options->page = WAYMARK_EXPORT_PAGE_FIT;
      else if (strcmp (args->page, "a4") == 0)
        options->page = WAYMARK_EXPORT_PAGE_A4;
      else if (strcmp (args->page, "a3") == 0)
        options->page = WAYMARK_EXPORT_PAGE_A3;
      else
        {
          fprintf (stderr, _("waymark: --page takes fit, a4 or a3, not “%s”\n"), args->page);
          return FALSE;
        }
    }
  if (args->transparent)
    {
      if (options->format == WAYMARK_EXPORT_PDF)
        {
          fprintf (stderr, "%s\n", _("waymark: --transparent applies to PNG and SVG files only"));
          return FALSE;
        }
      options->transparent = TRUE;
    }
  return TRUE;
}

/* "N" or "N-M", counted from 1 as people count stages, into the
 * exporter's 0-based inclusive range. */
static gboolean
parse_stages (const char       *text,
              WaymarkDocument  *document,
              int              *first,
              int              *last,
              GError          **error)
{
  guint n_stages = g_list_model_get_n_items (waymark_document_get_stages (document));
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);
  guint64 a, b;

  if (parts[0] == NULL ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1] != NULL ? parts[1] : parts[0], 10, 0, G_MAXINT, &b, NULL))
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                   _("--stages=%s: give a stage number or a range of them, such as 2 or 2-3"), text);
      return FALSE;
    }
  if (n_stages == 0)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                   _("--stages=%s: the map has no stages"), text);
      return FALSE;
    }
  if (b < a)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                   _("--stages=%s: the first stage must not come after the last"), text);
      return FALSE;
    }
  if (a < 1 || b > n_stages)
    {
      g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "--stages=%s: the map has %u stage; stages go from 1 to %u",
                                "--stages=%s: the map has %u stages; stages go from 1 to %u",
                                n_stages),
                   text, n_stages, n_stages);
      return FALSE;
    }
  *first = (int) a - 1;
  *last = (int) b - 1;
  return TRUE;
}

static gboolean
check_persona (const char       *id,
               WaymarkDocument  *document,
               GError          **error)
{
  GListModel *personas = waymark_document_get_personas (document);
  guint n = g_list_model_get_n_items (personas);
  g_autoptr(GString) known = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, i);

      if (strcmp (waymark_persona_get_id (persona), id) == 0)
        return TRUE;
      g_string_append_printf (known, "%s%s", i ? ", " : "", waymark_persona_get_id (persona));
    }
  if (n == 0)
    g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                 _("--persona=%s: the map has no personas"), id);
  else
    g_set_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID,
                 _("--persona=%s: the map has no persona with that id (its personas: %s)"),
                 id, known->str);
  return FALSE;
}

/* dir/deck.png gives the folder dir and the name deck. */
static gboolean
split_target (const char  *output,
              GFile      **folder,
              char       **basename)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  char *dot = strrchr (base, '.');

  if (dot == NULL || dot == base)
    return FALSE;
  *dot = '\0';
  *folder = g_file_new_for_commandline_arg (dir);
  *basename = g_steal_pointer (&base);
  return TRUE;
}

static int
run_export_jmap (const char *output,
                 const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(GFile) target = NULL;

  document = load (input, stderr, &error);
  if (document == NULL)
    {
      print_error (stderr, input, error);
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

static int
run_export (const char        *output,
            const PictureArgs *args,
            char             **files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkExportOptions) options = waymark_export_options_new ();
  const char *dot = strrchr (output, '.');
  const char *first_option = picture_args_first (args);

  if (files[0] == NULL || files[1] != NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: --export takes exactly one map to export"));
      return 2;
    }
  if (dot != NULL && g_ascii_strcasecmp (dot, ".jmap") == 0)
    {
      if (first_option != NULL)
        {
          fprintf (stderr, _("waymark: %s applies to pictures (.png, .svg, .pdf), not to .jmap files\n"),
                   first_option);
          return 2;
        }
      return run_export_jmap (output, files[0]);
    }
  if (!waymark_export_format_from_filename (output, &options->format))
    {
      fprintf (stderr, "%s: %s: %s\n", output, _("error"),
               _("unknown file type; the name must end in .png, .svg, .pdf or .jmap"));
      return 1;
    }
  if (!parse_picture_args (args, options))
    return 2;

  document = load (files[0], stderr, &error);
  if (document == NULL)
    {
      print_error (stderr, files[0], error);
      return 1;
    }
  if ((args->stages != NULL &&
       !parse_stages (args->stages, document, &options->first_stage, &options->last_stage, &error)) ||
      (args->persona != NULL && !check_persona (args->persona, document, &error)))
    {
      print_error (stderr, files[0], error);
      return 1;
    }
  options->persona_id = g_strdup (args->persona);

  if (args->split_stages)
    {
      g_autoptr(GFile) folder = NULL;
      g_autofree char *basename = NULL;

      if (!split_target (output, &folder, &basename))
        {
          fprintf (stderr, "%s: %s: %s\n", output, _("error"),
                   _("--split-stages needs a file name before the extension"));
          return 1;
        }
      /* A failed export leaves nothing behind: the exporter sees to it. */
      if (!waymark_export_split_stages (document, options, folder, basename, NULL,
                                        NULL, NULL, NULL, &error))
        {
          print_error (stderr, output, error);
          return 1;
        }
    }
  else
    {
      g_autoptr(GFile) target = g_file_new_for_commandline_arg (output);

      if (!waymark_export_to_file (document, options, target, NULL, NULL, NULL, &error))
        {
          print_error (stderr, output, error);
          return 1;
        }
    }
  return 0;
}

int
waymark_cli_main (int    argc,
                  char **argv)
{
  gboolean check = FALSE, version = FALSE;
  g_autofree char *export_to = NULL;
  g_auto(PictureArgs) picture = { 0, };
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *first_option;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Check that each map loads; print what is wrong or was repaired"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_to,
      N_("Write the map to OUT without opening a window: a picture (.png, .svg, .pdf) "
         "or a .jmap file in canonical form"), N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &picture.scale,
      N_("Draw the picture N times its natural size, 1 to 4 (default 1)"), N_("N") },
    { "width", 0, 0, G_OPTION_ARG_STRING, &picture.width,
      N_("Make the picture PX pixels wide; the height follows (instead of --scale)"), N_("PX") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &picture.preset,
      N_("Fit the map on a slide: 16:9 (1920×1080) or 4:3 (1600×1200)"), N_("16:9|4:3") },
    { "stages", 0, 0, G_OPTION_ARG_STRING, &picture.stages,
      N_("Export only these stages, counted from 1: 2-3, or 2 for one"), N_("FIRST-LAST") },
    { "persona", 0, 0, G_OPTION_ARG_STRING, &picture.persona,
      N_("Bring out the cards and emotion curve of the persona with this id"), N_("ID") },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &picture.theme,
      N_("Colours: light (the default) or dark"), N_("light|dark") },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &picture.transparent,
      N_("Leave the background out (PNG and SVG)"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &picture.page,
      N_("PDF pages: fit (one page the size of the map, the default), or a4 or a3 "
         "(a poster tiled across landscape pages)"), N_("fit|a4|a3") },
    { "split-stages", 0, 0, G_OPTION_ARG_NONE, &picture.split_stages,
      N_("Write one file per stage: OUT=dir/deck.png gives dir/deck-01.png, dir/deck-02.png, …"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("[FILE…]") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Waymark edits customer journey maps (.jmap files).\n"
                                  "With FILEs and no option, it opens them in windows."));
  g_option_context_set_description (context,
                                    _("Examples:\n"
                                      "  waymark --check map.jmap\n"
                                      "  waymark --export=map.png --scale=2 map.jmap\n"
                                      "  waymark --export=slide.pdf --preset=16:9 --stages=2-3 map.jmap\n"
                                      "  waymark --export=deck/stage.svg --split-stages map.jmap\n"));
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
  first_option = picture_args_first (&picture);
  if (export_to == NULL && first_option != NULL)
    {
      fprintf (stderr, _("waymark: %s works only with --export\n"), first_option);
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "%s\n", _("waymark: name at least one map file"));
      return 2;
    }
  if (check)
    return run_check (files);
  return run_export (export_to, &picture, files);
}
