/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A test seam of the draft store: see which thread writes, hold a write
 * back, or stop one part-way as a kill would. */
#pragma once

#include "waymark-draft-store.h"

G_BEGIN_DECLS

typedef enum
{
  /* Before the temporary file is created. */
  WAYMARK_DRAFT_STEP_OPEN,
  /* The temporary file is complete and flushed, not yet renamed. */
  WAYMARK_DRAFT_STEP_RENAME,
} WaymarkDraftStep;

/* Called in the writing thread at each step. Returning FALSE stops the
 * write there as if the process had been killed: nothing is cleaned up,
 * and the write fails. */
typedef gboolean (*WaymarkDraftWriteHook) (WaymarkDraftStore *store,
                                           WaymarkDraftStep   step,
                                           const char        *id,
                                           gpointer           user_data);

void waymark_draft_store_set_write_hook (WaymarkDraftStore     *self,
                                         WaymarkDraftWriteHook  hook,
                                         gpointer               user_data);

G_END_DECLS
