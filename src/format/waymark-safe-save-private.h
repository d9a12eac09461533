/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A test seam: make the next saves fail at one step, as a full disk, a
 * permission error or a failing rename would, to check that the previous
 * file survives every one of them. And the pieces of a safe write that
 * the draft store shares. */

#pragma once

#include "waymark-safe-save.h"

G_BEGIN_DECLS

typedef enum
{
  WAYMARK_SAVE_STEP_NONE,
  /* Creating the temporary file. */
  WAYMARK_SAVE_STEP_OPEN,
  /* Writing: fails once after_bytes have been written. */
  WAYMARK_SAVE_STEP_WRITE,
  WAYMARK_SAVE_STEP_FSYNC,
  WAYMARK_SAVE_STEP_RENAME,
} WaymarkSaveStep;

/* Every following save fails at step with errno_value until this is
 * called again with WAYMARK_SAVE_STEP_NONE. */
void waymark_safe_save_inject_failure (WaymarkSaveStep step,
                                       gsize           after_bytes,
                                       int             errno_value);

/* Writes all of data to fd, again after EINTR; FALSE with *err set to
 * the errno of the failed write. */
gboolean waymark_write_all (int            fd,
                            gconstpointer  data,
                            gsize          size,
                            int           *err);

/* Flushes folder dir, so that a rename in it survives a power cut. */
void     waymark_sync_directory (const char *dir);

G_END_DECLS
