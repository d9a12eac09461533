/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line that works without a display: --check, --export,
 * --help and --version are handled here, before GTK starts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when argv asks for something this module handles. */
gboolean waymark_cli_wants (int    argc,
                            char **argv);
/* Runs it; returns the exit status (0 ok, 1 a file failed, 2 usage). */
int      waymark_cli_main  (int    argc,
                            char **argv);

G_END_DECLS
