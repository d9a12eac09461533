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

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (waymark_cli_wants (argc, argv))
    return waymark_cli_main (argc, argv);

  app = waymark_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
