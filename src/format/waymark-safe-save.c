/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Safe saving: a temporary file beside the target, written, flushed and
 * renamed over it. GIO's g_file_replace() is not used for local files
 * because it rewrites a symbolic link's target in place (a failure then
 * leaves a half-written file) and offers no way to test each step. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "waymark-safe-save-private.h"

/* Symbolic links followed before giving up, as the kernel's ELOOP. */
#define MAX_LINK_DEPTH 40

/* The test seam. */
static WaymarkSaveStep fail_step = WAYMARK_SAVE_STEP_NONE;
static gsize fail_after_bytes;
static int fail_errno;
G_LOCK_DEFINE_STATIC (fail);

void
waymark_safe_save_inject_failure (WaymarkSaveStep step,
                                  gsize           after_bytes,
                                  int             errno_value)
{
  G_LOCK (fail);
  fail_step = step;
  fail_after_bytes = after_bytes;
  fail_errno = errno_value;
  G_UNLOCK (fail);
}

/* The injected errno for step, or 0. */
static int
injected_failure (WaymarkSaveStep step,
                  gsize          *after_bytes)
{
  int result = 0;

  G_LOCK (fail);
  if (fail_step == step)
    {
      result = fail_errno;
      if (after_bytes != NULL)
        *after_bytes = fail_after_bytes;
    }
  G_UNLOCK (fail);
  return result;
}

/* ---- Messages ---- */

static char *
dup_display_name (const char *path)
{
  return g_filename_display_name (path);
}

/* Sets error from errno err, in plain words; dir is the target's folder. */
static void
set_errno_error (GError          **error,
                 int               err,
                 WaymarkSaveStep   step,
                 const char       *dir)
{
  g_autofree char *dir_name = dup_display_name (dir);
  const char *message = NULL;
  g_autofree char *owned = NULL;
  GIOErrorEnum code;

  switch (err)
    {
    case ENOSPC:
      message = _("The disk is full. Free some space, or save the map somewhere else.");
      break;
#ifdef EDQUOT
    case EDQUOT:
      message = _("Your disk quota is used up. Free some space, or save the map somewhere else.");
      break;
#endif
    case EROFS:
      message = _("The disk is read-only.");
      break;
    case EACCES:
    case EPERM:
      if (step == WAYMARK_SAVE_STEP_OPEN || step == WAYMARK_SAVE_STEP_RENAME)
        message = owned = g_strdup_printf (_("You do not have permission to save in the folder “%s”."),
                                           dir_name);
      else
        message = _("Permission was denied.");
      break;
    case ENOENT:
    case ENOTDIR:
      message = owned = g_strdup_printf (_("The folder “%s” does not exist. "
                                           "It may have been removed, renamed or unmounted."),
                                         dir_name);
      break;
    case EIO:
      message = _("The disk reported an error while writing. "
                  "It may have been removed, or it may be failing.");
      break;
    case ECANCELED:
      message = _("Saving was cancelled.");
      break;
    case ENAMETOOLONG:
      message = _("The file name is too long.");
      break;
    case ELOOP:
      message = _("The file is a symbolic link that points to itself.");
      break;
    default:
      message = g_strerror (err);
      break;
    }

  code = g_io_error_from_errno (err);
#ifdef EDQUOT
  /* GLib calls this G_IO_ERROR_FAILED; for people it is a full disk. */
  if (err == EDQUOT)
    code = G_IO_ERROR_NO_SPACE;
#endif
  g_set_error_literal (error, G_IO_ERROR, code, message);
}

static void
set_changed_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       _("Another program changed the file after it was opened."));
}

/* ---- Stamps ---- */

static char *
stamp_from_stat (const GStatBuf *st)
{
  /* Identity as well as time and size: another program's save usually
   * renames a new file over the old one. */
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ".%09ld:%" G_GINT64_FORMAT,
                          (guint64) st->st_dev, (guint64) st->st_ino,
                          (gint64) st->st_mtim.tv_sec, (long) st->st_mtim.tv_nsec,
                          (gint64) st->st_size);
}

#define REMOTE_ATTRIBUTES \
  G_FILE_ATTRIBUTE_ETAG_VALUE "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
  G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE

static char *
stamp_from_info (GFileInfo *info)
{
  const char *etag = g_file_info_get_etag (info);

  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, etag ? etag : "", g_file_info_get_size (info));
}

/* Follows symbolic links from path to the file they end at, which may
 * not exist yet. */
static char *
resolve_links (const char  *path,
               int         *err)
{
  g_autofree char *current = g_strdup (path);

  for (int depth = 0; depth < MAX_LINK_DEPTH; depth++)
    {
      GStatBuf st;
      g_autofree char *target = NULL;

      if (g_lstat (current, &st) != 0)
        {
          if (errno == ENOENT)
            return g_steal_pointer (&current);
          *err = errno;
          return NULL;
        }
      if (!S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, NULL);
      if (target == NULL)
        {
          *err = EIO;
          return NULL;
        }
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_autofree char *joined = g_build_filename (dir, target, NULL);

          g_free (target);
          target = g_steal_pointer (&joined);
        }
      g_free (current);
      current = g_steal_pointer (&target);
    }

  *err = ELOOP;
  return NULL;
}

/* A file anyone may not write, or whose mode says nobody should (root
 * can write anything, so access() alone misses a 0444 file). */
static gboolean
path_is_read_only (const char    *path,
                   const GStatBuf *st)
{
  return (st->st_mode & 0222) == 0 || g_access (path, W_OK) != 0;
}

void
waymark_file_state_clear (WaymarkFileState *state)
{
  g_clear_pointer (&state->stamp, g_free);
  g_clear_object (&state->target);
  state->read_only = FALSE;
}

void
waymark_file_state_free (WaymarkFileState *state)
{
  if (state == NULL)
    return;
  waymark_file_state_clear (state);
  g_free (state);
}

gboolean
waymark_file_query_state (GFile             *file,
                          WaymarkFileState  *state,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  GStatBuf st, dir_st;
  int err = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  state->stamp = NULL;
  state->read_only = FALSE;
  state->target = g_object_ref (file);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      info = g_file_query_info (file, REMOTE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      state->stamp = stamp_from_info (info);
      if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
        state->read_only = !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
      return TRUE;
    }

  resolved = resolve_links (path, &err);
  if (resolved == NULL)
    {
      g_autofree char *parent = g_path_get_dirname (path);

      set_errno_error (error, err, WAYMARK_SAVE_STEP_NONE, parent);
      return FALSE;
    }
  if (!g_str_equal (resolved, path))
    {
      g_object_unref (state->target);
      state->target = g_file_new_for_path (resolved);
    }

  if (g_stat (resolved, &st) == 0)
    {
      state->stamp = stamp_from_stat (&st);
      state->read_only = path_is_read_only (resolved, &st);
    }
  else if (errno != ENOENT)
    {
      g_autofree char *parent = g_path_get_dirname (resolved);

      set_errno_error (error, errno, WAYMARK_SAVE_STEP_NONE, parent);
      return FALSE;
    }

  /* Saving creates a file beside the target. */
  dir = g_path_get_dirname (resolved);
  if (g_stat (dir, &dir_st) == 0 && path_is_read_only (dir, &dir_st))
    state->read_only = TRUE;

  return TRUE;
}

static void
query_state_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_autoptr(WaymarkFileState) state = g_new0 (WaymarkFileState, 1);
  GError *error = NULL;

  if (waymark_file_query_state (task_data, state, cancellable, &error))
    g_task_return_pointer (task, g_steal_pointer (&state), (GDestroyNotify) waymark_file_state_free);
  else
    g_task_return_error (task, error);
}

void
waymark_file_query_state_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_file_query_state_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, query_state_thread);
}

WaymarkFileState *
waymark_file_query_state_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Saving ---- */

gboolean
waymark_write_all (int            fd,
                   gconstpointer  data,
                   gsize          size,
                   int           *err)
{
  const guint8 *next = data;

  while (size > 0)
    {
      gssize n = write (fd, next, size);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *err = errno;
          return FALSE;
        }
      next += n;
      size -= n;
    }
  return TRUE;
}

/* waymark_write_all(), or, with a write failure injected, the bytes
 * before it and then the failure. */
static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size,
           int           *err)
{
  gsize fail_after = 0;
  int injected = injected_failure (WAYMARK_SAVE_STEP_WRITE, &fail_after);

  if (injected == 0 || fail_after > size)
    return waymark_write_all (fd, data, size, err);
  if (!waymark_write_all (fd, data, fail_after, err))
    return FALSE;
  *err = injected;
  return FALSE;
}

/* Not every file system can flush a folder, so failures are ignored. */
void
waymark_sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  (void) fsync (fd);
  g_close (fd, NULL);
}

static gboolean
save_local (const char    *path,
            GBytes        *bytes,
            const char    *expected_stamp,
            char         **new_stamp,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean exists;
  GStatBuf st;
  WaymarkSaveStep step = WAYMARK_SAVE_STEP_OPEN;
  int fd = -1;
  int err = 0;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  target = resolve_links (path, &err);
  dir = g_path_get_dirname (target ? target : path);
  if (target == NULL)
    {
      set_errno_error (error, err, WAYMARK_SAVE_STEP_OPEN, dir);
      return FALSE;
    }

  exists = g_stat (target, &st) == 0;
  if (!exists && errno != ENOENT)
    {
      set_errno_error (error, errno, WAYMARK_SAVE_STEP_OPEN, dir);
      return FALSE;
    }
  if (exists)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                               _("A folder or other special file has that name."));
          return FALSE;
        }
      if (expected_stamp != NULL)
        {
          g_autofree char *stamp = stamp_from_stat (&st);

          if (!g_str_equal (stamp, expected_stamp))
            {
              set_changed_error (error);
              return FALSE;
            }
        }
      if (path_is_read_only (target, &st))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                               _("The file is read-only."));
          return FALSE;
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Hidden, beside the target: rename() is atomic only within one file
   * system, and file managers do not show it meanwhile. */
  base = g_path_get_basename (target);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);

  err = injected_failure (WAYMARK_SAVE_STEP_OPEN, NULL);
  if (err == 0)
    {
      /* A new file gets the usual mode (0666 less the umask); an old one
       * keeps its own, set below before anyone can see the new bytes. */
      fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, exists ? 0600 : 0666);
      if (fd < 0)
        err = errno;
    }
  if (fd < 0)
    {
      set_errno_error (error, err, WAYMARK_SAVE_STEP_OPEN, dir);
      return FALSE;
    }

  step = WAYMARK_SAVE_STEP_WRITE;
  if (!write_all (fd, data, size, &err))
    goto failed;

  if (exists)
    {
      /* Best effort: only root may give a file to someone else. */
      if (st.st_uid != getuid () || st.st_gid != getgid ())
        (void) fchown (fd, st.st_uid, st.st_gid);
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          err = errno;
          goto failed;
        }
    }

  step = WAYMARK_SAVE_STEP_FSYNC;
  err = injected_failure (WAYMARK_SAVE_STEP_FSYNC, NULL);
  if (err != 0 || fsync (fd) != 0)
    {
      if (err == 0)
        err = errno;
      goto failed;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      err = errno;
      goto failed;
    }
  fd = -1;

  if (g_cancellable_is_cancelled (cancellable))
    {
      err = ECANCELED;
      goto failed;
    }

  step = WAYMARK_SAVE_STEP_RENAME;
  err = injected_failure (WAYMARK_SAVE_STEP_RENAME, NULL);
  if (err != 0 || g_rename (tmp_path, target) != 0)
    {
      if (err == 0)
        err = errno;
      goto failed;
    }
  waymark_sync_directory (dir);

  if (new_stamp != NULL)
    {
      GStatBuf new_st;

      *new_stamp = g_stat (target, &new_st) == 0 ? stamp_from_stat (&new_st) : NULL;
    }
  return TRUE;

failed:
  if (fd >= 0)
    close (fd);
  (void) g_unlink (tmp_path);
  if (err == ECANCELED)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Saving was cancelled."));
  else
    set_errno_error (error, err, step, dir);
  return FALSE;
}

/* A file that is not on a local disk (a GVfs mount): GIO's own
 * replace, which writes a temporary file there too. */
static gboolean
save_remote (GFile         *file,
             GBytes        *bytes,
             const char    *expected_stamp,
             char         **new_stamp,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (expected_stamp != NULL)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      info = g_file_query_info (file, REMOTE_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                cancellable, &local_error);
      if (info != NULL)
        {
          g_autofree char *stamp = stamp_from_info (info);

          if (!g_str_equal (stamp, expected_stamp))
            {
              set_changed_error (error);
              return FALSE;
            }
        }
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, cancellable, error))
    return FALSE;

  if (new_stamp != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (file, REMOTE_ATTRIBUTES,
                                                     G_FILE_QUERY_INFO_NONE,
                                                     cancellable, NULL);

      *new_stamp = info ? stamp_from_info (info) : NULL;
    }
  return TRUE;
}

gboolean
waymark_safe_save (GFile         *file,
                   GBytes        *bytes,
                   const char    *expected_stamp,
                   char         **new_stamp,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (new_stamp != NULL)
    *new_stamp = NULL;

  path = g_file_get_path (file);
  if (path != NULL)
    return save_local (path, bytes, expected_stamp, new_stamp, cancellable, error);
  return save_remote (file, bytes, expected_stamp, new_stamp, cancellable, error);
}
