/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The .jmap reader, then the writer, then the reader again: any input
 * gives a document or a clear error, and a document that loads saves to
 * bytes that load again, without repairs, to the same content (every
 * field, as test_util_dump() lists them), and save to the same bytes. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "../test-util.h"
#include "waymark-jmap-writer.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
dump (const char *label,
      GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  fprintf (stderr, "---- %s (%zu bytes) ----\n%.*s\n", label, size,
           (int) MIN (size, 4096), data);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WaymarkDocument *document, *again;
  GBytes *first, *second;
  char *before, *after;
  char **repairs = NULL;
  char **repairs_again = NULL;

  document = fuzz_read (data, size, &repairs);
  g_strfreev (repairs);
  if (document == NULL)
    return 0;

  first = waymark_jmap_write (document);
  if (first == NULL || g_bytes_get_size (first) == 0)
    fuzz_fail ("the writer wrote nothing");
  before = test_util_dump (document);
  g_object_unref (document);

  again = fuzz_read (g_bytes_get_data (first, NULL), g_bytes_get_size (first), &repairs_again);
  if (again == NULL)
    {
      dump ("written", first);
      fuzz_fail ("what the writer wrote does not load");
    }
  if (repairs_again != NULL)
    {
      dump ("written", first);
      fprintf (stderr, "repair: %s\n", repairs_again[0]);
      fuzz_fail ("what the writer wrote needs repairs to load");
    }
  if (waymark_document_get_modified (again))
    fuzz_fail ("a written map loads as modified");
  after = test_util_dump (again);
  if (strcmp (before, after) != 0)
    {
      fprintf (stderr, "---- loaded ----\n%s\n---- saved and loaded again ----\n%s\n", before, after);
      fuzz_fail ("saving and loading again changed the map");
    }
  g_free (before);
  g_free (after);

  second = waymark_jmap_write (again);
  if (!g_bytes_equal (first, second))
    {
      dump ("first write", first);
      dump ("second write", second);
      fuzz_fail ("writing, reading and writing again changed the bytes");
    }

  g_bytes_unref (second);
  g_object_unref (again);
  g_bytes_unref (first);
  return 0;
}
