/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash recovery: finding the drafts that a process which is gone left
 * behind, the "Recover Unsaved Maps?" dialog that lists them, and
 * recovering or discarding each. The dialog and the application's
 * recover-draft and discard-draft actions share these functions. */
#pragma once

#include <adwaita.h>

#include "waymark-document.h"
#include "waymark-draft-store.h"

G_BEGIN_DECLS

/* One draft found at start-up: its header, and the map read from it or
 * why it cannot be read. */
#define WAYMARK_TYPE_RECOVERABLE (waymark_recoverable_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkRecoverable, waymark_recoverable, WAYMARK, RECOVERABLE, GObject)

WaymarkDraftStore      *waymark_recoverable_get_store    (WaymarkRecoverable *self);
const WaymarkDraftInfo *waymark_recoverable_get_info     (WaymarkRecoverable *self);
const char             *waymark_recoverable_get_id       (WaymarkRecoverable *self);
/* NULL when the draft cannot be recovered; then the error says why. */
WaymarkDocument        *waymark_recoverable_get_document (WaymarkRecoverable *self);
const GError           *waymark_recoverable_get_error    (WaymarkRecoverable *self);

/* Claims the drafts whose owner is gone (see
 * waymark_draft_store_claim_orphans()) and reads them, in a worker
 * thread. Finishes with a GListStore of WaymarkRecoverable, newest
 * first; empty when there is nothing to recover. */
void        waymark_recovery_find_async   (WaymarkDraftStore   *store,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GListStore *waymark_recovery_find_finish  (GAsyncResult        *result,
                                           GError             **error);

WaymarkRecoverable *waymark_recovery_lookup (GListModel         *items,
                                             const char         *id);
/* Shows the item's map in a window of application (an untouched new
 * one, else a new one) as unsaved, pointing at its original file; that
 * window's draft tracker carries on with the draft. Removes item from
 * items and returns the window, or NULL when the item cannot be
 * recovered. */
GtkWindow  *waymark_recovery_restore      (GtkApplication      *application,
                                           GListStore          *items,
                                           WaymarkRecoverable  *item);
/* Restores every item that can be recovered; returns how many. */
guint       waymark_recovery_restore_all  (GtkApplication      *application,
                                           GListStore          *items);
/* Deletes the item's draft and removes it from items. */
gboolean    waymark_recovery_discard      (GListStore          *items,
                                           WaymarkRecoverable  *item,
                                           GError             **error);
gboolean    waymark_recovery_discard_all  (GListStore          *items,
                                           GError             **error);

/* "Today at 14:05", "Yesterday at 09:12", "3 March at 17:40", or with
 * the year when it is not now's (local time). */
char       *waymark_recovery_format_time  (GDateTime           *time,
                                           GDateTime           *now);

#define WAYMARK_TYPE_RECOVERY_DIALOG (waymark_recovery_dialog_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkRecoveryDialog, waymark_recovery_dialog, WAYMARK, RECOVERY_DIALOG, AdwMessageDialog)

/* Lists items (it follows their changes and closes once none is left)
 * with Recover and Discard for each, Recover All and Discard All.
 * Closing it otherwise keeps the drafts for the next start. */
GtkWidget  *waymark_recovery_dialog_new   (GtkWindow           *parent,
                                           GtkApplication      *application,
                                           GListStore          *items);

G_END_DECLS
