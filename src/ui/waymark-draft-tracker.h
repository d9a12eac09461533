/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keeps a draft of a window's map while it has unsaved changes: written
 * a few seconds after editing pauses and at least every draft-interval
 * seconds while it goes on, removed once the map is saved or the window
 * closes. The snapshot is taken on the main thread, the file written in
 * a worker thread, one write at a time. */
#pragma once

#include "waymark-draft-store.h"
#include "waymark-window.h"

G_BEGIN_DECLS

/* How long editing must pause before a draft is written. */
#define WAYMARK_DRAFT_DEBOUNCE_MS      3000
/* The draft-interval setting's default, used without the schema. */
#define WAYMARK_DRAFT_DEFAULT_INTERVAL 30

#define WAYMARK_TYPE_DRAFT_TRACKER (waymark_draft_tracker_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkDraftTracker, waymark_draft_tracker, WAYMARK, DRAFT_TRACKER, GObject)

/* Starts keeping drafts of window's maps in store; settings (may be
 * NULL) gives draft-interval. The tracker lives as long as the window
 * (transfer none). */
WaymarkDraftTracker *waymark_draft_tracker_attach         (WaymarkWindow       *window,
                                                           WaymarkDraftStore   *store,
                                                           GSettings           *settings);
/* The window's tracker, or NULL. */
WaymarkDraftTracker *waymark_draft_tracker_get_for_window (WaymarkWindow       *window);

WaymarkDraftStore   *waymark_draft_tracker_get_store      (WaymarkDraftTracker *self);
/* The id of the window's draft (the draft need not exist). */
const char          *waymark_draft_tracker_get_id         (WaymarkDraftTracker *self);
/* TRUE while a draft is being written. */
gboolean             waymark_draft_tracker_get_writing    (WaymarkDraftTracker *self);

/* The window shows the map recovered from draft id (call it after
 * waymark_window_show_recovered()): carry on with that draft, rewriting
 * it as this process's at once, rather than leave a second copy. */
void                 waymark_draft_tracker_adopt          (WaymarkDraftTracker *self,
                                                           const char          *id);

G_END_DECLS
