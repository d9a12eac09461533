/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waymark's entry point: the display-free command line first, so that
 * --check and --export work on a server; otherwise the application. */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WaymarkApplication) app = NULL;
  const char *localedir;

  /* WAYMARK_LOCALEDIR points at the catalogues a build has made but not
   * installed (BUILDDIR/po, holding de/LC_MESSAGES/waymark.mo), so that
   * the tests and build-aux/dev run see the translations; gettext itself
   * has no such variable. */
  localedir = g_getenv ("WAYMARK_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (waymark_cli_wants (argc, argv))
    return waymark_cli_main (argc, argv);

  app = waymark_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
