/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a WaymarkDocument as canonical .jmap text, and saving it so
 * that a failure leaves the previous file intact. */
#pragma once

#include <gio/gio.h>

#include "waymark-document.h"

G_BEGIN_DECLS

/* Canonical bytes; reading them back and writing again gives the same. */
GBytes   *waymark_jmap_write            (WaymarkDocument     *document);
/* Replaces file safely (see waymark-safe-save.h). */
gboolean  waymark_jmap_save_file        (WaymarkDocument     *document,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* Serializes now (the user may go on editing), writes in a worker
 * thread. With expected_stamp, refuses (G_IO_ERROR_WRONG_ETAG) to
 * replace a file that changed on disk since it had that stamp. The
 * stamp of the new file is returned in *new_stamp (may be NULL). */
void      waymark_jmap_save_file_async  (WaymarkDocument     *document,
                                         GFile               *file,
                                         const char          *expected_stamp,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  waymark_jmap_save_file_finish (GAsyncResult        *result,
                                         char               **new_stamp,
                                         GError             **error);

G_END_DECLS
