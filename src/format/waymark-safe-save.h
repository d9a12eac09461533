/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replacing a file so that nothing is ever lost: the bytes go to a
 * temporary file beside the target, are flushed to the disk, and only
 * then renamed over it. A symbolic link is followed (the link stays, its
 * target is replaced), the target's permissions are kept, and any
 * failure leaves the previous file byte for byte as it was.
 *
 * A stamp says which version of a file is on disk (its identity,
 * modification time and size), so that a save can refuse to overwrite
 * changes another program made since the file was opened. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The state of a file on disk, for the window. */
typedef struct
{
  /* NULL when the file does not exist. */
  char     *stamp;
  /* The file, or the folder it is in, cannot be written. */
  gboolean  read_only;
  /* The file itself, or the one its symbolic links lead to: what to
   * watch for changes. */
  GFile    *target;
} WaymarkFileState;

void      waymark_file_state_clear     (WaymarkFileState *state);

/* Fills state; FALSE with error only for unexpected failures (a missing
 * file is not one). Blocking: call it in a worker thread. */
gboolean  waymark_file_query_state     (GFile             *file,
                                        WaymarkFileState  *state,
                                        GCancellable      *cancellable,
                                        GError           **error);
void      waymark_file_query_state_async  (GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns a WaymarkFileState to free with waymark_file_state_free. */
WaymarkFileState *waymark_file_query_state_finish (GAsyncResult  *result,
                                                   GError       **error);
void      waymark_file_state_free      (WaymarkFileState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkFileState, waymark_file_state_free)

/* Replaces file with bytes. When expected_stamp is not NULL and the file
 * exists with another stamp, nothing is written and the error is
 * G_IO_ERROR_WRONG_ETAG; a file that no longer exists is created again.
 * On success *new_stamp (if not NULL) is the stamp of what was written.
 * Error messages say the cause in plain words; the caller names the
 * file. Blocking: call it in a worker thread. */
gboolean  waymark_safe_save            (GFile         *file,
                                        GBytes        *bytes,
                                        const char    *expected_stamp,
                                        char         **new_stamp,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS
