/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading back the PDFs Waymark writes. */
#pragma once

#include <glib.h>
#include <string.h>

/* Pages of a PDF written by cairo: one "/Type /Page" object each (not
 * "/Type /Pages"). Compressed streams hold NUL bytes, so no string
 * functions. */
static inline guint
test_count_pdf_pages (const char *data,
                      gsize       length)
{
  static const char needle[] = "/Type /Page";
  gsize needle_length = sizeof needle - 1;
  guint pages = 0;

  for (gsize i = 0; i + needle_length < length; i++)
    if (memcmp (data + i, needle, needle_length) == 0 && data[i + needle_length] != 's')
      pages++;
  return pages;
}
