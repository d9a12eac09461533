/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drafts of maps with unsaved changes, so that a crash, a power loss or
 * a kill loses a few seconds of work at most. A draft is one file: a
 * small header (who wrote it, the map's file and title, when) and the
 * .jmap bytes, replaced atomically. Each process owns its drafts through
 * a lock that the kernel drops when the process dies; the drafts of a
 * dead owner can be claimed, by one process only, and recovered. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a draft's header says. */
typedef struct
{
  char      *id;
  /* The store that wrote it; NULL when the header cannot be read. */
  char      *owner;
  /* The map's file; NULL for a map never saved. */
  char      *uri;
  /* The map's title; "" when it has none. */
  char      *title;
  /* When it was written; NULL when the header cannot be read. */
  GDateTime *time;
  /* Of the .jmap bytes. */
  guint64    size;
  /* Why the draft cannot be recovered, or NULL. */
  GError    *error;
} WaymarkDraftInfo;

#define WAYMARK_TYPE_DRAFT_INFO (waymark_draft_info_get_type ())
GType             waymark_draft_info_get_type (void) G_GNUC_CONST;
WaymarkDraftInfo *waymark_draft_info_copy     (const WaymarkDraftInfo *info);
void              waymark_draft_info_free     (WaymarkDraftInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaymarkDraftInfo, waymark_draft_info_free)

#define WAYMARK_TYPE_DRAFT_STORE (waymark_draft_store_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkDraftStore, waymark_draft_store, WAYMARK, DRAFT_STORE, GObject)

/* A store in directory, or in $XDG_STATE_HOME/waymark/drafts when NULL.
 * Nothing is created on disk before the first write or claim. */
WaymarkDraftStore *waymark_draft_store_new           (GFile              *directory);
GFile             *waymark_draft_store_get_directory (WaymarkDraftStore  *self);
/* This store's owner id, written into its drafts. */
const char        *waymark_draft_store_get_owner     (WaymarkDraftStore  *self);

/* Draft and owner ids: 1 to 64 of A-Z a-z 0-9 and '-' (they name
 * files). g_uuid_string_random() makes good ones. */
gboolean           waymark_draft_id_is_valid         (const char         *id);

/* Writes (or replaces) draft id with contents; uri (NULL: never saved),
 * title and time (NULL: now) go into the header. The previous version
 * stays intact until the new one is complete on disk. Blocking and
 * thread-safe. */
gboolean           waymark_draft_store_write         (WaymarkDraftStore  *self,
                                                      const char         *id,
                                                      GBytes             *contents,
                                                      const char         *uri,
                                                      const char         *title,
                                                      GDateTime          *time,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
/* The same in a worker thread. */
void               waymark_draft_store_write_async   (WaymarkDraftStore  *self,
                                                      const char         *id,
                                                      GBytes             *contents,
                                                      const char         *uri,
                                                      const char         *title,
                                                      GDateTime          *time,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
gboolean           waymark_draft_store_write_finish  (WaymarkDraftStore  *self,
                                                      GAsyncResult       *result,
                                                      GError            **error);

/* Removes draft id; a draft that is not there is no error. */
gboolean           waymark_draft_store_delete        (WaymarkDraftStore  *self,
                                                      const char         *id,
                                                      GError            **error);

/* The .jmap bytes of draft id, checked against the header's size and
 * checksum; info (may be NULL) receives the header. Blocking. */
GBytes            *waymark_draft_store_read          (WaymarkDraftStore  *self,
                                                      const char         *id,
                                                      WaymarkDraftInfo  **info,
                                                      GError            **error);

/* Every draft in the directory, live or not, newest first (an array of
 * WaymarkDraftInfo; unreadable ones have error set). Blocking. */
GPtrArray         *waymark_draft_store_list          (WaymarkDraftStore  *self,
                                                      GError            **error);
/* The drafts whose owner is gone (its process ended without removing
 * them), newest first. This store takes over those owners' locks, so
 * no other store lists them while it lives; drafts of live owners are
 * left alone. Blocking. */
GPtrArray         *waymark_draft_store_claim_orphans (WaymarkDraftStore  *self,
                                                      GError            **error);

G_END_DECLS
