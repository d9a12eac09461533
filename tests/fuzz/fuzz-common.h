/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the libFuzzer harnesses: GLib warnings and criticals abort
 * (so libFuzzer reports them as findings), and a refused input must come
 * with a clear error of the format's domain. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "waymark-jmap-reader.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

G_GNUC_NORETURN static inline void
fuzz_fail (const char *what)
{
  fprintf (stderr, "FINDING: %s\n", what);
  abort ();
}

static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* GSettings or GVfs are never needed; keep them from probing. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
}

/* Reads data; NULL, after checking the error, when it is refused. */
static inline WaymarkDocument *
fuzz_read (const uint8_t   *data,
           size_t           size,
           char          ***repairs)
{
  /* Static: no copy, so ASan sees any read past the input's end. */
  GBytes *bytes = g_bytes_new_static (size ? data : (const uint8_t *) "", size);
  GError *error = NULL;
  WaymarkDocument *document = waymark_jmap_read (bytes, repairs, &error);

  g_bytes_unref (bytes);
  if (document == NULL)
    {
      if (error == NULL)
        fuzz_fail ("the reader refused an input without an error");
      if (error->domain != WAYMARK_FORMAT_ERROR)
        fuzz_fail ("the reader's error is not of WAYMARK_FORMAT_ERROR");
      if (error->message == NULL || error->message[0] == '\0' ||
          !g_utf8_validate (error->message, -1, NULL))
        fuzz_fail ("the reader's error message is empty or not UTF-8");
      g_error_free (error);
      return NULL;
    }
  if (error != NULL)
    fuzz_fail ("the reader returned a document and set an error");
  if (repairs != NULL && *repairs != NULL)
    for (guint i = 0; (*repairs)[i] != NULL; i++)
      if (!g_utf8_validate ((*repairs)[i], -1, NULL) || (*repairs)[i][0] == '\0')
        fuzz_fail ("a repair message is empty or not UTF-8");
  return document;
}
