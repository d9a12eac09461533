/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading .jmap files into a WaymarkDocument, per docs/jmap-format.md:
 * hostile input gives a clear error, repairable input a document and the
 * list of what was repaired. */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"
#include "waymark-format-error.h"

G_BEGIN_DECLS

#define WAYMARK_JMAP_MAX_FILE_SIZE (64 * 1024 * 1024)

/* repairs (may be NULL) receives a NULL-terminated list of translated
 * sentences, or NULL when nothing was repaired. A repaired document is
 * marked unsaved; otherwise it is marked saved. */
WaymarkDocument *waymark_jmap_read             (GBytes               *contents,
                                                char               ***repairs,
                                                GError              **error);
/* Checks the size before reading; G_IO_ERROR errors name the file. */
WaymarkDocument *waymark_jmap_read_file        (GFile                *file,
                                                GCancellable         *cancellable,
                                                char               ***repairs,
                                                GError              **error);
/* Reads, parses and builds the document in a worker thread. */
void             waymark_jmap_read_file_async  (GFile                *file,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
WaymarkDocument *waymark_jmap_read_file_finish (GAsyncResult         *result,
                                                char               ***repairs,
                                                GError              **error);

/* The root's "title" member from data, the first length bytes of a file
 * (which may end anywhere): NULL when it is not found in them, is not a
 * string, or something before it is not JSON. Cheap: no document is
 * built, only the members before the title are skipped. */
char            *waymark_jmap_peek_title       (const char           *data,
                                                gsize                 length);

G_END_DECLS
