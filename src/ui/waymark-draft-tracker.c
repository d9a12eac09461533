/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The draft tracker. Every edit restarts a short timer and, unless one
 * runs already, starts a long one (draft-interval); whichever fires
 * first writes the draft, so a pause saves soon and continuous editing
 * is saved regularly. Edits made while a write is under way are
 * written once it is done, in one more write. */

#include "config.h"

#include "waymark-jmap-writer.h"
#include "waymark-draft-tracker.h"

#define TRACKER_KEY "waymark-draft-tracker"

struct _WaymarkDraftTracker
{
  GObject            parent_instance;

  /* Weak: the window owns the tracker. */
  WaymarkWindow     *window;
  WaymarkDraftStore *store;
  GSettings         *settings;
  WaymarkDocument   *document;
  char              *id;
  /* Drafts to remove once the write under way is done. */
  GPtrArray         *stale_ids;
  GCancellable      *cancellable;

  guint              debounce_source;
  guint              interval_source;
  /* Unsaved edits that are not in the draft yet. */
  guint              dirty : 1;
  guint              writing : 1;
  /* A draft may be on disk under id. */
  guint              on_disk : 1;
  /* The next draft is wanted at once (adopted from a recovery). */
  guint              urgent : 1;
  /* The window is gone. */
  guint              closed : 1;
  /* Not to repeat the same complaint every few seconds. */
  guint              failed : 1;
};

G_DEFINE_FINAL_TYPE (WaymarkDraftTracker, waymark_draft_tracker, G_TYPE_OBJECT)

static void write_now (WaymarkDraftTracker *self);

static gboolean
wants_draft (WaymarkDraftTracker *self)
{
  return !self->closed && self->document != NULL
         && waymark_document_get_modified (self->document);
}

static guint
get_interval_ms (WaymarkDraftTracker *self)
{
  guint seconds = WAYMARK_DRAFT_DEFAULT_INTERVAL;

  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      /* An older installed schema may lack the key; GSettings aborts on
       * a key it does not know. */
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (schema != NULL && g_settings_schema_has_key (schema, "draft-interval"))
        seconds = g_settings_get_uint (self->settings, "draft-interval");
    }
  return CLAMP (seconds, 5, 600) * 1000;
}

static void
clear_timers (WaymarkDraftTracker *self)
{
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  g_clear_handle_id (&self->interval_source, g_source_remove);
}

static void
delete_draft (WaymarkDraftTracker *self,
              const char          *id)
{
  g_autoptr(GError) error = NULL;

  if (!waymark_draft_store_delete (self->store, id, &error))
    g_message ("%s", error->message);
}

/* No draft is wanted any more: the map was saved, replaced or closed. */
static void
remove_draft (WaymarkDraftTracker *self)
{
  clear_timers (self);
  self->dirty = FALSE;
  self->urgent = FALSE;
  /* The write under way would bring it back: it is removed when that
   * write is done. */
  if (self->writing || !self->on_disk)
    return;
  delete_draft (self, self->id);
  self->on_disk = FALSE;
}

static void
remove_stale_drafts (WaymarkDraftTracker *self)
{
  for (guint i = 0; i < self->stale_ids->len; i++)
    delete_draft (self, g_ptr_array_index (self->stale_ids, i));
  g_ptr_array_set_size (self->stale_ids, 0);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WaymarkDraftTracker) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (waymark_draft_store_write_finish (self->store, result, &error))
    self->failed = FALSE;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->failed)
    {
      /* Nothing to show in the window: the map itself is fine, and
       * the next edit tries again. */
      g_message ("%s", error->message);
      self->failed = TRUE;
    }
  remove_stale_drafts (self);

  if (!wants_draft (self))
    remove_draft (self);
  else if (self->dirty && self->debounce_source == 0 && self->interval_source == 0)
    write_now (self);
}

static void
write_now (WaymarkDraftTracker *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = NULL;
  GFile *file;

  clear_timers (self);
  if (!self->dirty || !wants_draft (self) || self->writing)
    return;

  /* The snapshot on the main thread, where the document lives: it is
   * quick (about 10 ms for 10,000 cards), the file system is not. */
  bytes = waymark_jmap_write (self->document);
  file = self->window != NULL ? waymark_window_get_file (self->window) : NULL;
  if (file != NULL)
    uri = g_file_get_uri (file);

  self->dirty = FALSE;
  self->urgent = FALSE;
  self->writing = TRUE;
  self->on_disk = TRUE;
  waymark_draft_store_write_async (self->store, self->id, bytes, uri,
                                   waymark_document_get_title (self->document),
                                   NULL, self->cancellable,
                                   write_done_cb, g_object_ref (self));
}

static gboolean
debounce_cb (gpointer user_data)
{
  WaymarkDraftTracker *self = user_data;

  self->debounce_source = 0;
  write_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
interval_cb (gpointer user_data)
{
  WaymarkDraftTracker *self = user_data;

  self->interval_source = 0;
  write_now (self);
  return G_SOURCE_REMOVE;
}

/* Something a draft holds changed. */
static void
schedule_write (WaymarkDraftTracker *self)
{
  if (!wants_draft (self))
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  self->debounce_source = g_timeout_add (self->urgent ? 0 : WAYMARK_DRAFT_DEBOUNCE_MS,
                                         debounce_cb, self);
  g_source_set_name_by_id (self->debounce_source, "[waymark] draft debounce");
  if (self->interval_source == 0)
    {
      self->interval_source = g_timeout_add (get_interval_ms (self), interval_cb, self);
      g_source_set_name_by_id (self->interval_source, "[waymark] draft interval");
    }
}

static void
modified_changed_cb (WaymarkDraftTracker *self)
{
  if (wants_draft (self))
    schedule_write (self);
  else
    remove_draft (self);
}

static void
set_document (WaymarkDraftTracker *self,
              WaymarkDocument     *document)
{
  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document == NULL)
    return;

  g_signal_connect_swapped (document, "changed", G_CALLBACK (schedule_write), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (modified_changed_cb), self);

  /* A map that arrives unsaved (recovered, or repaired while opening)
   * gets its draft right away; a saved one needs none. */
  if (wants_draft (self))
    {
      self->urgent = TRUE;
      schedule_write (self);
    }
  else
    remove_draft (self);
}

static void
window_document_cb (WaymarkDraftTracker *self)
{
  set_document (self, waymark_window_get_document (self->window));
}

static void
window_file_cb (WaymarkDraftTracker *self)
{
  /* Save As: the draft names the new file. */
  schedule_write (self);
}

/* The window only closes once the user saved or discarded the changes,
 * so its draft is not wanted. */
static void
window_gone_cb (gpointer  user_data,
                GObject  *where_the_window_was)
{
  WaymarkDraftTracker *self = user_data;

  self->window = NULL;
  self->closed = TRUE;
  set_document (self, NULL);
  g_cancellable_cancel (self->cancellable);
  remove_draft (self);
}

static void
waymark_draft_tracker_finalize (GObject *object)
{
  WaymarkDraftTracker *self = WAYMARK_DRAFT_TRACKER (object);

  if (self->window != NULL)
    g_object_weak_unref (G_OBJECT (self->window), window_gone_cb, self);
  set_document (self, NULL);
  clear_timers (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->stale_ids, g_ptr_array_unref);
  g_free (self->id);

  G_OBJECT_CLASS (waymark_draft_tracker_parent_class)->finalize (object);
}

static void
waymark_draft_tracker_class_init (WaymarkDraftTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_draft_tracker_finalize;
}

static void
waymark_draft_tracker_init (WaymarkDraftTracker *self)
{
  self->id = g_uuid_string_random ();
  self->cancellable = g_cancellable_new ();
  self->stale_ids = g_ptr_array_new_with_free_func (g_free);
}

WaymarkDraftTracker *
waymark_draft_tracker_attach (WaymarkWindow     *window,
                              WaymarkDraftStore *store,
                              GSettings         *settings)
{
  WaymarkDraftTracker *self;

  g_return_val_if_fail (WAYMARK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (waymark_draft_tracker_get_for_window (window) == NULL, NULL);

  self = g_object_new (WAYMARK_TYPE_DRAFT_TRACKER, NULL);
  self->window = window;
  self->store = g_object_ref (store);
  if (settings != NULL)
    self->settings = g_object_ref (settings);

  g_object_weak_ref (G_OBJECT (window), window_gone_cb, self);
  g_object_set_data_full (G_OBJECT (window), TRACKER_KEY, self, g_object_unref);
  g_signal_connect_swapped (window, "notify::document", G_CALLBACK (window_document_cb), self);
  g_signal_connect_swapped (window, "notify::file", G_CALLBACK (window_file_cb), self);
  set_document (self, waymark_window_get_document (window));
  return self;
}

WaymarkDraftTracker *
waymark_draft_tracker_get_for_window (WaymarkWindow *window)
{
  g_return_val_if_fail (WAYMARK_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), TRACKER_KEY);
}

WaymarkDraftStore *
waymark_draft_tracker_get_store (WaymarkDraftTracker *self)
{
  g_return_val_if_fail (WAYMARK_IS_DRAFT_TRACKER (self), NULL);

  return self->store;
}

const char *
waymark_draft_tracker_get_id (WaymarkDraftTracker *self)
{
  g_return_val_if_fail (WAYMARK_IS_DRAFT_TRACKER (self), NULL);

  return self->id;
}

gboolean
waymark_draft_tracker_get_writing (WaymarkDraftTracker *self)
{
  g_return_val_if_fail (WAYMARK_IS_DRAFT_TRACKER (self), FALSE);

  return self->writing;
}

void
waymark_draft_tracker_adopt (WaymarkDraftTracker *self,
                             const char          *id)
{
  g_return_if_fail (WAYMARK_IS_DRAFT_TRACKER (self));
  g_return_if_fail (waymark_draft_id_is_valid (id));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  /* Our own draft, if any, is superseded by the adopted one. */
  if (self->writing)
    g_ptr_array_add (self->stale_ids, g_strdup (self->id));
  else if (self->on_disk)
    delete_draft (self, self->id);

  g_free (self->id);
  self->id = g_strdup (id);
  self->on_disk = TRUE;
  self->urgent = TRUE;
  if (wants_draft (self))
    schedule_write (self);
}
