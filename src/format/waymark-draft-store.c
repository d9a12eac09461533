/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The draft store. A draft is ID.draft: a key-file header, a NUL byte,
 * then the .jmap bytes. It is written to a temporary file that is
 * flushed and renamed over the old one, so a kill at any moment leaves
 * the old draft or the new one, never half of one. OWNER.lock is held
 * (flock) by the live process that owns the drafts naming OWNER; the
 * kernel releases it when that process dies, however it dies. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "waymark-jmap-reader.h"
#include "waymark-draft-store-private.h"
#include "waymark-safe-save-private.h"

#define HEADER_GROUP    "Waymark Draft"
#define FORMAT_VERSION  1
#define MAX_HEADER_SIZE (64 * 1024)
/* Titles are for the recovery list; a huge one must not bloat the
 * header past MAX_HEADER_SIZE. */
#define MAX_TITLE_CHARS 256
#define MAX_ID_LENGTH   64
#define DRAFT_SUFFIX    ".draft"
#define LOCK_SUFFIX     ".lock"
/* Taking our own lock can meet another store removing a stale lock
 * file of the same name for a moment; give it this many tries. */
#define LOCK_ATTEMPTS   200

struct _WaymarkDraftStore
{
  GObject                parent_instance;

  GFile                 *directory;
  char                  *path;
  char                  *owner;

  /* Guards everything below; writes come from worker threads. */
  GMutex                 mutex;
  /* Our own lock, taken before the first draft is written. */
  int                    own_lock_fd;
  /* Owner id → lock fd of the dead owners whose drafts we claimed. */
  GHashTable            *claimed;
  /* Ids of the drafts on disk that this store wrote. */
  GHashTable            *written;
  WaymarkDraftWriteHook  hook;
  gpointer               hook_data;
};

G_DEFINE_FINAL_TYPE (WaymarkDraftStore, waymark_draft_store, G_TYPE_OBJECT)

/* ---- WaymarkDraftInfo ---- */

WaymarkDraftInfo *
waymark_draft_info_copy (const WaymarkDraftInfo *info)
{
  WaymarkDraftInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_new0 (WaymarkDraftInfo, 1);
  copy->id = g_strdup (info->id);
  copy->owner = g_strdup (info->owner);
  copy->uri = g_strdup (info->uri);
  copy->title = g_strdup (info->title);
  copy->time = info->time != NULL ? g_date_time_ref (info->time) : NULL;
  copy->size = info->size;
  copy->error = info->error != NULL ? g_error_copy (info->error) : NULL;
  return copy;
}

void
waymark_draft_info_free (WaymarkDraftInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->id);
  g_free (info->owner);
  g_free (info->uri);
  g_free (info->title);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_clear_error (&info->error);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (WaymarkDraftInfo, waymark_draft_info,
                     waymark_draft_info_copy, waymark_draft_info_free)

/* ---- Helpers ---- */

gboolean
waymark_draft_id_is_valid (const char *id)
{
  gsize length = 0;

  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++, length++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }
  return length > 0 && length <= MAX_ID_LENGTH;
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (waymark_draft_id_is_valid (id))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("This is not the name of a draft."));
  return FALSE;
}

static char *
build_path (WaymarkDraftStore *self,
            const char        *prefix,
            const char        *id,
            const char        *suffix)
{
  g_autofree char *name = g_strconcat (prefix, id, suffix, NULL);

  return g_build_filename (self->path, name, NULL);
}

typedef enum
{
  FAILED_READ,
  FAILED_WRITE,
  FAILED_REMOVE,
  FAILED_LOCK,
} Failure;

static void
set_errno_error (GError  **error,
                 int       err,
                 Failure   failure)
{
  const char *reason = g_strerror (err);
  GIOErrorEnum code = g_io_error_from_errno (err);

  switch (failure)
    {
    case FAILED_READ:
      g_set_error (error, G_IO_ERROR, code, _("The draft cannot be read: %s"), reason);
      break;
    case FAILED_WRITE:
      g_set_error (error, G_IO_ERROR, code, _("Could not write the draft: %s"), reason);
      break;
    case FAILED_REMOVE:
      g_set_error (error, G_IO_ERROR, code, _("Could not remove the draft: %s"), reason);
      break;
    case FAILED_LOCK:
    default:
      g_set_error (error, G_IO_ERROR, code, _("Could not lock the drafts: %s"), reason);
      break;
    }
}

static void
set_damaged_error (GError     **error,
                   const char  *detail)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The draft is damaged: %s"), detail);
}

static gboolean
ensure_directory (WaymarkDraftStore  *self,
                  GError            **error)
{
  /* Drafts are private work: only the user may look into the folder. */
  if (g_mkdir_with_parents (self->path, 0700) != 0 || g_chmod (self->path, 0700) != 0)
    {
      int err = errno;
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
                   _("Could not create the folder for drafts “%s”: %s"),
                   name, g_strerror (err));
      return FALSE;
    }
  return TRUE;
}

/* Opens and locks path without waiting: the fd, or -1 with *err set
 * (EWOULDBLOCK: a live process holds it). */
static int
lock_file (const char *path,
           int        *err)
{
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      struct stat held, now;
      int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);

      if (fd < 0)
        {
          *err = errno;
          return -1;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          *err = errno;
          close (fd);
          return -1;
        }
      /* The previous holder may have removed the file between our open
       * and our lock: a lock on a removed file guards nothing. */
      if (fstat (fd, &held) == 0 && stat (path, &now) == 0
          && held.st_dev == now.st_dev && held.st_ino == now.st_ino)
        return fd;
      close (fd);
    }
  *err = EAGAIN;
  return -1;
}

/* With the mutex held. */
static gboolean
ensure_own_lock (WaymarkDraftStore  *self,
                 GError            **error)
{
  g_autofree char *path = NULL;
  int err = 0;

  if (self->own_lock_fd >= 0)
    return TRUE;
  if (!ensure_directory (self, error))
    return FALSE;

  path = build_path (self, "", self->owner, LOCK_SUFFIX);
  for (guint attempt = 0; attempt < LOCK_ATTEMPTS; attempt++)
    {
      self->own_lock_fd = lock_file (path, &err);
      if (self->own_lock_fd >= 0)
        return TRUE;
      /* Only another store tidying up a lock file it thought stale
       * holds a fresh random name, and only for a moment. */
      if (err != EWOULDBLOCK && err != EAGAIN)
        break;
      g_usleep (5000);
    }
  set_errno_error (error, err, FAILED_LOCK);
  return FALSE;
}

/* Removes the temporary files a dead owner left behind. With the mutex
 * held, and the owner's lock. */
static void
remove_temporaries (WaymarkDraftStore *self,
                    const char        *owner)
{
  g_autoptr(GDir) dir = g_dir_open (self->path, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", owner, ".", NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix))
        {
          g_autofree char *path = g_build_filename (self->path, name, NULL);

          g_unlink (path);
        }
    }
}

/* ---- Header ---- */

static char *
make_header (const char *owner,
             const char *uri,
             const char *title,
             GDateTime  *time,
             GBytes     *contents,
             gsize      *length)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *valid_title = g_utf8_make_valid (title != NULL ? title : "", -1);
  g_autofree char *short_title = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);

  if (time == NULL)
    time = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (time);
  iso = g_date_time_format_iso8601 (utc);
  if (g_utf8_strlen (valid_title, -1) > MAX_TITLE_CHARS)
    short_title = g_utf8_substring (valid_title, 0, MAX_TITLE_CHARS);

  g_key_file_set_integer (key_file, HEADER_GROUP, "Version", FORMAT_VERSION);
  g_key_file_set_string (key_file, HEADER_GROUP, "Owner", owner);
  if (uri != NULL)
    g_key_file_set_string (key_file, HEADER_GROUP, "Uri", uri);
  g_key_file_set_string (key_file, HEADER_GROUP, "Title",
                         short_title != NULL ? short_title : valid_title);
  g_key_file_set_string (key_file, HEADER_GROUP, "Time", iso);
  g_key_file_set_uint64 (key_file, HEADER_GROUP, "Size", g_bytes_get_size (contents));
  g_key_file_set_string (key_file, HEADER_GROUP, "SHA256", checksum);
  return g_key_file_to_data (key_file, length, NULL);
}

/* Fills info from the header text; sets info->error when it is not a
 * header we understand. *checksum (may be NULL) receives the body's. */
static void
parse_header (WaymarkDraftInfo  *info,
              const char        *data,
              gsize              length,
              char             **checksum)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *time = NULL;
  g_autofree char *sum = NULL;
  int version;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &error)
      || !g_key_file_has_group (key_file, HEADER_GROUP))
    {
      set_damaged_error (&info->error, _("its header cannot be read."));
      return;
    }

  /* The owner first, so that even a draft we cannot read otherwise is
   * not taken from a live window. */
  owner = g_key_file_get_string (key_file, HEADER_GROUP, "Owner", NULL);
  if (waymark_draft_id_is_valid (owner))
    info->owner = g_steal_pointer (&owner);

  version = g_key_file_get_integer (key_file, HEADER_GROUP, "Version", &error);
  if (error == NULL && version > FORMAT_VERSION)
    {
      g_set_error_literal (&info->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The draft was written by a newer version of Waymark."));
      return;
    }

  info->uri = g_key_file_get_string (key_file, HEADER_GROUP, "Uri", NULL);
  info->title = g_key_file_get_string (key_file, HEADER_GROUP, "Title", NULL);
  time = g_key_file_get_string (key_file, HEADER_GROUP, "Time", NULL);
  if (time != NULL)
    info->time = g_date_time_new_from_iso8601 (time, NULL);
  info->size = g_key_file_get_uint64 (key_file, HEADER_GROUP, "Size", error == NULL ? &error : NULL);
  sum = g_key_file_get_string (key_file, HEADER_GROUP, "SHA256", NULL);

  if (error != NULL || version < 1 || info->owner == NULL || info->title == NULL
      || info->time == NULL || sum == NULL || strlen (sum) != 64
      || info->size > WAYMARK_JMAP_MAX_FILE_SIZE
      || (info->uri != NULL && !g_uri_is_valid (info->uri, G_URI_FLAGS_NONE, NULL)))
    {
      g_clear_pointer (&info->uri, g_free);
      set_damaged_error (&info->error, _("its header cannot be read."));
      return;
    }
  if (checksum != NULL)
    *checksum = g_steal_pointer (&sum);
}

/* The header of the draft at path, read up to the NUL that ends it;
 * never NULL (info->error tells what is wrong). *header_length (may
 * be NULL) receives where the body starts, less its NUL. */
static WaymarkDraftInfo *
read_info (const char  *path,
           const char  *id,
           char       **checksum,
           gsize       *header_length)
{
  WaymarkDraftInfo *info = g_new0 (WaymarkDraftInfo, 1);
  g_autofree char *buffer = g_malloc (MAX_HEADER_SIZE + 1);
  gsize filled = 0;
  const char *nul = NULL;
  struct stat st;
  int fd;

  info->id = g_strdup (id);
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      set_errno_error (&info->error, errno, FAILED_READ);
      if (fd >= 0)
        close (fd);
      return info;
    }

  while (nul == NULL && filled < MAX_HEADER_SIZE + 1)
    {
      gssize n = read (fd, buffer + filled, MAX_HEADER_SIZE + 1 - filled);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (&info->error, errno, FAILED_READ);
          close (fd);
          return info;
        }
      if (n == 0)
        break;
      nul = memchr (buffer + filled, '\0', n);
      filled += n;
    }
  close (fd);

  if (nul == NULL)
    {
      set_damaged_error (&info->error, _("its header cannot be read."));
      return info;
    }
  if (header_length != NULL)
    *header_length = nul - buffer;
  parse_header (info, buffer, nul - buffer, checksum);
  if (info->error == NULL && (guint64) st.st_size != (guint64) (nul - buffer) + 1 + info->size)
    set_damaged_error (&info->error, _("it is incomplete."));
  return info;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const WaymarkDraftInfo *x = *(WaymarkDraftInfo * const *) a;
  const WaymarkDraftInfo *y = *(WaymarkDraftInfo * const *) b;

  if (x->time == NULL || y->time == NULL)
    return (x->time == NULL) - (y->time == NULL);
  return -g_date_time_compare (x->time, y->time);
}

/* ---- Writing ---- */

static gboolean
sync_file (int  fd,
           int *err)
{
  if (fsync (fd) == 0)
    return TRUE;
  *err = errno;
  return FALSE;
}

static gboolean
call_hook (WaymarkDraftStore  *self,
           WaymarkDraftStep    step,
           const char         *id,
           GError            **error)
{
  WaymarkDraftWriteHook hook;
  gpointer data;

  g_mutex_lock (&self->mutex);
  hook = self->hook;
  data = self->hook_data;
  g_mutex_unlock (&self->mutex);

  if (hook == NULL || hook (self, step, id, data))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Stopped by the test seam");
  return FALSE;
}

gboolean
waymark_draft_store_write (WaymarkDraftStore  *self,
                           const char         *id,
                           GBytes             *contents,
                           const char         *uri,
                           const char         *title,
                           GDateTime          *time,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_autofree char *header = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *path = NULL;
  gsize header_length = 0;
  gsize size;
  gconstpointer data;
  gboolean locked;
  int fd;
  int err = 0;

  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  if (!check_id (id, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_mutex_lock (&self->mutex);
  locked = ensure_own_lock (self, error);
  g_mutex_unlock (&self->mutex);
  if (!locked)
    return FALSE;

  header = make_header (self->owner, uri, title, time, contents, &header_length);
  data = g_bytes_get_data (contents, &size);
  path = build_path (self, "", id, DRAFT_SUFFIX);
  /* Named after the owner, so that whoever claims a dead owner's
   * drafts can remove what its last write left. */
  temp_path = g_strdup_printf ("%s/.%s.%s.XXXXXX", self->path, self->owner, id);

  if (!call_hook (self, WAYMARK_DRAFT_STEP_OPEN, id, error))
    return FALSE;
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, FAILED_WRITE);
      return FALSE;
    }
  if (!waymark_write_all (fd, header, header_length + 1 /* the NUL */, &err)
      || !waymark_write_all (fd, data, size, &err)
      || !sync_file (fd, &err))
    {
      close (fd);
      g_unlink (temp_path);
      set_errno_error (error, err, FAILED_WRITE);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      err = errno;
      g_unlink (temp_path);
      set_errno_error (error, err, FAILED_WRITE);
      return FALSE;
    }

  if (!call_hook (self, WAYMARK_DRAFT_STEP_RENAME, id, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  if (g_rename (temp_path, path) != 0)
    {
      err = errno;
      g_unlink (temp_path);
      set_errno_error (error, err, FAILED_WRITE);
      return FALSE;
    }
  waymark_sync_directory (self->path);

  g_mutex_lock (&self->mutex);
  g_hash_table_add (self->written, g_strdup (id));
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

typedef struct
{
  char      *id;
  GBytes    *contents;
  char      *uri;
  char      *title;
  GDateTime *time;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->id);
  g_bytes_unref (data->contents);
  g_free (data->uri);
  g_free (data->title);
  g_clear_pointer (&data->time, g_date_time_unref);
  g_free (data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (waymark_draft_store_write (source_object, data->id, data->contents, data->uri,
                                 data->title, data->time, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
waymark_draft_store_write_async (WaymarkDraftStore   *self,
                                 const char          *id,
                                 GBytes              *contents,
                                 const char          *uri,
                                 const char          *title,
                                 GDateTime           *time,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (WAYMARK_IS_DRAFT_STORE (self));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->id = g_strdup (id);
  data->contents = g_bytes_ref (contents);
  data->uri = g_strdup (uri);
  data->title = g_strdup (title);
  data->time = time != NULL ? g_date_time_ref (time) : g_date_time_new_now_utc ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_draft_store_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
waymark_draft_store_write_finish (WaymarkDraftStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Reading and removing ---- */

gboolean
waymark_draft_store_delete (WaymarkDraftStore  *self,
                            const char         *id,
                            GError            **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), FALSE);

  if (!check_id (id, error))
    return FALSE;

  path = build_path (self, "", id, DRAFT_SUFFIX);
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, FAILED_REMOVE);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->written, id);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

GBytes *
waymark_draft_store_read (WaymarkDraftStore  *self,
                          const char         *id,
                          WaymarkDraftInfo  **info_out,
                          GError            **error)
{
  g_autoptr(WaymarkDraftInfo) info = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *contents = NULL;
  gsize header_length = 0;
  gsize length = 0;

  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), NULL);

  if (!check_id (id, error))
    return NULL;

  path = build_path (self, "", id, DRAFT_SUFFIX);
  info = read_info (path, id, &checksum, &header_length);
  if (info->error == NULL)
    {
      /* The header checked the size against the file's; the file may
       * still have been replaced since. */
      if (!g_file_get_contents (path, &contents, &length, &local_error))
        g_set_error (&info->error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("The draft cannot be read: %s"), local_error->message);
      else if (length != header_length + 1 + info->size)
        set_damaged_error (&info->error, _("it is incomplete."));
      else
        {
          whole = g_bytes_new_take (g_steal_pointer (&contents), length);
          body = g_bytes_new_from_bytes (whole, header_length + 1, info->size);
          actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
          if (g_strcmp0 (actual, checksum) != 0)
            set_damaged_error (&info->error, _("its contents do not match their checksum."));
        }
    }

  if (info->error != NULL)
    {
      g_propagate_error (error, g_error_copy (info->error));
      g_clear_pointer (&body, g_bytes_unref);
    }
  if (info_out != NULL)
    *info_out = g_steal_pointer (&info);
  return g_steal_pointer (&body);
}

GPtrArray *
waymark_draft_store_list (WaymarkDraftStore  *self,
                          GError            **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), NULL);

  drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_draft_info_free);
  dir = g_dir_open (self->path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&drafts);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;

      /* Temporary files start with a dot and never end in .draft. */
      if (!g_str_has_suffix (name, DRAFT_SUFFIX))
        continue;
      id = g_strndup (name, strlen (name) - strlen (DRAFT_SUFFIX));
      if (!waymark_draft_id_is_valid (id))
        continue;
      path = g_build_filename (self->path, name, NULL);
      g_ptr_array_add (drafts, read_info (path, id, NULL, NULL));
    }
  g_ptr_array_sort (drafts, compare_newest_first);
  return g_steal_pointer (&drafts);
}

/* Locks owner's lock file for good if its process is gone. With the
 * mutex held. */
static gboolean
claim_owner (WaymarkDraftStore *self,
             const char        *owner,
             gboolean          *live)
{
  g_autofree char *path = build_path (self, "", owner, LOCK_SUFFIX);
  int err = 0;
  int fd;

  *live = FALSE;
  if (g_hash_table_contains (self->claimed, owner))
    return TRUE;

  fd = lock_file (path, &err);
  if (fd < 0)
    {
      *live = err == EWOULDBLOCK || err == EAGAIN;
      return FALSE;
    }
  g_hash_table_insert (self->claimed, g_strdup (owner), GINT_TO_POINTER (fd));
  remove_temporaries (self, owner);
  return TRUE;
}

/* Removes the lock files (and temporary files) of dead owners that
 * left no draft. With the mutex held. */
static void
remove_stale_locks (WaymarkDraftStore *self,
                    GHashTable        *owners_with_drafts)
{
  g_autoptr(GDir) dir = g_dir_open (self->path, 0, NULL);
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *owner = NULL;

      if (!g_str_has_suffix (name, LOCK_SUFFIX))
        continue;
      owner = g_strndup (name, strlen (name) - strlen (LOCK_SUFFIX));
      if (waymark_draft_id_is_valid (owner)
          && strcmp (owner, self->owner) != 0
          && !g_hash_table_contains (self->claimed, owner)
          && !g_hash_table_contains (owners_with_drafts, owner))
        g_ptr_array_add (stale, g_steal_pointer (&owner));
    }

  for (guint i = 0; i < stale->len; i++)
    {
      const char *owner = g_ptr_array_index (stale, i);
      g_autofree char *path = build_path (self, "", owner, LOCK_SUFFIX);
      int err = 0;
      int fd = lock_file (path, &err);

      if (fd < 0)
        continue;
      remove_temporaries (self, owner);
      /* Removed while still locked: whoever opened it meanwhile finds it
       * gone once it gets the lock, and opens a fresh one. */
      g_unlink (path);
      close (fd);
    }
}

GPtrArray *
waymark_draft_store_claim_orphans (WaymarkDraftStore  *self,
                                   GError            **error)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  g_autoptr(GHashTable) owners = NULL;

  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), NULL);

  drafts = waymark_draft_store_list (self, error);
  if (drafts == NULL)
    return NULL;

  orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) waymark_draft_info_free);
  owners = g_hash_table_new (g_str_hash, g_str_equal);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < drafts->len; i++)
    {
      WaymarkDraftInfo *info = g_ptr_array_index (drafts, i);
      gboolean live = FALSE;

      if (info->owner != NULL)
        {
          g_hash_table_add (owners, info->owner);
          if (strcmp (info->owner, self->owner) == 0)
            continue;
          if (!claim_owner (self, info->owner, &live) && live)
            continue;
        }
      /* Unknown owner, a dead one, or a lock we cannot even take (a
       * read-only folder): better listed twice than never. */
      g_ptr_array_add (orphans, waymark_draft_info_copy (info));
    }
  remove_stale_locks (self, owners);
  g_mutex_unlock (&self->mutex);

  return g_steal_pointer (&orphans);
}

/* ---- Test seam ---- */

void
waymark_draft_store_set_write_hook (WaymarkDraftStore     *self,
                                    WaymarkDraftWriteHook  hook,
                                    gpointer               user_data)
{
  g_return_if_fail (WAYMARK_IS_DRAFT_STORE (self));

  g_mutex_lock (&self->mutex);
  self->hook = hook;
  self->hook_data = user_data;
  g_mutex_unlock (&self->mutex);
}

/* ---- GObject ---- */

GFile *
waymark_draft_store_get_directory (WaymarkDraftStore *self)
{
  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), NULL);

  return self->directory;
}

const char *
waymark_draft_store_get_owner (WaymarkDraftStore *self)
{
  g_return_val_if_fail (WAYMARK_IS_DRAFT_STORE (self), NULL);

  return self->owner;
}

static void
waymark_draft_store_finalize (GObject *object)
{
  WaymarkDraftStore *self = WAYMARK_DRAFT_STORE (object);
  GHashTableIter iter;
  gpointer fd;

  /* Claimed drafts nobody recovered or discarded stay for the next
   * start; their locks go with us. */
  g_hash_table_iter_init (&iter, self->claimed);
  while (g_hash_table_iter_next (&iter, NULL, &fd))
    close (GPOINTER_TO_INT (fd));
  if (self->own_lock_fd >= 0)
    {
      if (g_hash_table_size (self->written) == 0)
        {
          g_autofree char *path = build_path (self, "", self->owner, LOCK_SUFFIX);

          g_unlink (path);
        }
      close (self->own_lock_fd);
    }

  g_clear_pointer (&self->claimed, g_hash_table_unref);
  g_clear_pointer (&self->written, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_clear_object (&self->directory);
  g_free (self->path);
  g_free (self->owner);

  G_OBJECT_CLASS (waymark_draft_store_parent_class)->finalize (object);
}

static void
waymark_draft_store_class_init (WaymarkDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = waymark_draft_store_finalize;
}

static void
waymark_draft_store_init (WaymarkDraftStore *self)
{
  g_mutex_init (&self->mutex);
  self->own_lock_fd = -1;
  self->owner = g_uuid_string_random ();
  self->claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

WaymarkDraftStore *
waymark_draft_store_new (GFile *directory)
{
  WaymarkDraftStore *self;

  g_return_val_if_fail (!directory || G_IS_FILE (directory), NULL);

  self = g_object_new (WAYMARK_TYPE_DRAFT_STORE, NULL);
  if (directory != NULL)
    self->directory = g_object_ref (directory);
  else
    self->directory = g_file_new_build_filename (g_get_user_state_dir (), "waymark", "drafts", NULL);
  self->path = g_file_get_path (self->directory);
  if (self->path == NULL)
    {
      /* Drafts are local files; a non-local folder gets a local
       * stand-in rather than a crash. */
      g_clear_object (&self->directory);
      self->directory = g_file_new_build_filename (g_get_user_state_dir (), "waymark", "drafts", NULL);
      self->path = g_file_get_path (self->directory);
    }
  return self;
}
