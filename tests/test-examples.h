/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bundled example maps, for tests that read them: meson points
 * $WAYMARK_EXAMPLES_DIR at data/examples. */
#pragma once

#include "waymark-jmap-reader.h"

static inline GFile *
test_examples_file (const char *name)
{
  const char *dir = g_getenv ("WAYMARK_EXAMPLES_DIR");
  g_autofree char *path = NULL;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  return g_file_new_for_path (path);
}

/* The example, loaded; any error fails the test. */
static inline WaymarkDocument *
test_examples_load (const char *name)
{
  g_autoptr(GFile) file = test_examples_file (name);
  g_autoptr(GError) error = NULL;
  WaymarkDocument *document = waymark_jmap_read_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return document;
}
