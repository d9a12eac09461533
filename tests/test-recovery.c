/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash recovery end to end, with real processes on a private D-Bus and
 * fresh XDG folders: Waymark opens a copy of an example and is edited
 * over D-Bus; once its draft is on disk it is killed with SIGKILL. The
 * next Waymark offers the map back; recovering it gives a window with
 * exactly the edited map, unsaved, pointing at the original file (its
 * tracker rewrites the draft from that window, which is what this test
 * reads). Killed again, the draft is offered again; Discard removes it.
 * The original file is never touched. Every wait is bounded. */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "waymark-draft-store.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "test-edits.h"
#include "test-examples.h"
#include "test-files.h"

#define APP_ID "io.github.waymark.Waymark"
#define APP_PATH "/io/github/waymark/Waymark"
#define WAIT_SECONDS 20

typedef struct
{
  char            *root;
  char            *state;
  char            *log;
  /* GTestDBus unsets it; Waymark needs it. */
  char            *display;
  GDBusConnection *connection;
} Fixture;

/* Set while a child runs, so a failed wait can show what it said, and
 * fail at once if the child is gone. */
static const char *current_log;
static GSubprocess *current_process;

static void
print_log (void)
{
  g_autofree char *text = NULL;

  if (current_log != NULL && g_file_get_contents (current_log, &text, NULL, NULL))
    g_printerr ("--- what Waymark printed ---\n%s\n---\n", text);
}

/* Iterates the main context until cond holds; after WAIT_SECONDS the
 * test fails, saying what it waited for. */
#define WAIT_FOR(cond, what)                                                \
  G_STMT_START {                                                            \
    gint64 wait_deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > wait_deadline)                        \
          {                                                                 \
            print_log ();                                                   \
            g_error ("gave up after %d s waiting for %s", WAIT_SECONDS, what); \
          }                                                                 \
        if (current_process != NULL                                         \
            && g_subprocess_get_identifier (current_process) == NULL)       \
          {                                                                 \
            print_log ();                                                   \
            g_error ("Waymark ended while waiting for %s", what);           \
          }                                                                 \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (10 * 1000);                                             \
      }                                                                     \
  } G_STMT_END

static void
die_with_parent (gpointer user_data)
{
  /* A failing test must not leave Waymark running. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
start_waymark (Fixture    *fixture,
               const char *binary,
               const char *file_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *config = g_build_filename (fixture->root, "config", NULL);
  g_autofree char *data = g_build_filename (fixture->root, "data", NULL);
  g_autofree char *cache = g_build_filename (fixture->root, "cache", NULL);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  /* The launcher passes on our environment, where g_test_dbus_up() put
   * the private bus's address. */
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", fixture->state, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (fixture->display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", fixture->display, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, fixture->log);
  g_subprocess_launcher_set_stderr_file_path (launcher, fixture->log);

  process = g_subprocess_launcher_spawn (launcher, &error, binary, file_path, NULL);
  g_assert_no_error (error);
  current_log = fixture->log;
  current_process = process;
  return process;
}

static void
kill_waymark (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  current_process = NULL;
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  current_log = NULL;
}

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Waymark's exported actions, once it is on the bus. */
static GDBusActionGroup *
connect_to_waymark (Fixture     *fixture,
                    GSubprocess *process)
{
  gboolean appeared = FALSE;
  GDBusActionGroup *group;
  guint watch;

  watch = g_bus_watch_name_on_connection (fixture->connection, APP_ID,
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, &appeared, NULL);
  WAIT_FOR (appeared, "Waymark on the bus");
  g_bus_unwatch_name (watch);

  group = g_dbus_action_group_get (fixture->connection, APP_ID, APP_PATH);
  /* Listing is what makes the group fetch the actions and follow
   * their changes. */
  g_strfreev (g_action_group_list_actions (G_ACTION_GROUP (group)));
  return group;
}

static gboolean
action_enabled (GDBusActionGroup *group,
                const char       *action)
{
  return g_action_group_has_action (G_ACTION_GROUP (group), action)
         && g_action_group_get_action_enabled (G_ACTION_GROUP (group), action);
}

/* The only draft in the store, if it holds expected and (unless
 * not_owner is NULL) is not not_owner's; NULL otherwise. */
static WaymarkDraftInfo *
draft_holding (WaymarkDraftStore *store,
               GBytes            *expected,
               const char        *not_owner)
{
  g_autoptr(GPtrArray) drafts = waymark_draft_store_list (store, NULL);
  g_autoptr(GBytes) bytes = NULL;
  WaymarkDraftInfo *info;

  if (drafts == NULL || drafts->len != 1)
    return NULL;
  info = g_ptr_array_index (drafts, 0);
  if (not_owner != NULL && g_strcmp0 (info->owner, not_owner) == 0)
    return NULL;
  bytes = waymark_draft_store_read (store, info->id, NULL, NULL);
  if (bytes == NULL || !g_bytes_equal (bytes, expected))
    return NULL;
  return waymark_draft_info_copy (info);
}

static guint
count_drafts (WaymarkDraftStore *store)
{
  g_autoptr(GPtrArray) drafts = waymark_draft_store_list (store, NULL);

  return drafts != NULL ? drafts->len : 0;
}

static void
assert_unchanged (GFile  *file,
                  GBytes *original)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) now = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (now, original));
}

static void
test_recovery_end_to_end (void)
{
  static const char * const edits[] = {
    "title:Grocery workshop (unsaved)",
    "stage:Aftercare",
    "card:Call the customer back",
    "stage:Loyalty",
  };
  const char *waymark = g_getenv ("WAYMARK_BINARY");
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "waymark-recovery-app", NULL);
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) example = test_examples_file ("grocery-first-order.jmap");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(WaymarkDocument) document = NULL;
  g_autoptr(WaymarkDraftStore) store = NULL;
  g_autoptr(GFile) drafts_dir = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDBusActionGroup) group = NULL;
  g_autoptr(WaymarkDraftInfo) draft = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *first_owner = NULL;
  g_autofree char *draft_id = NULL;
  Fixture fixture = { 0 };

  g_assert_nonnull (waymark);
  g_assert_true (g_file_test (helper, G_FILE_TEST_IS_EXECUTABLE));

  fixture.root = test_files_make_temp_dir ("waymark-recovery");
  fixture.state = g_build_filename (fixture.root, "state", NULL);
  fixture.log = g_build_filename (fixture.root, "waymark.log", NULL);
  path = g_build_filename (fixture.root, "grocery.jmap", NULL);
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  g_file_copy (example, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  original = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  /* What the map must be after the edits, made here on our own copy. */
  document = waymark_jmap_read_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    g_assert_true (test_edit_apply (document, edits[i]));
  expected = waymark_jmap_write (document);

  drafts_dir = g_file_new_build_filename (fixture.state, "waymark", "drafts", NULL);
  store = waymark_draft_store_new (drafts_dir);

  /* A bus of our own: no other Waymark (or test) can answer for us. */
  fixture.display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  fixture.connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);

  /* 1. Open the file, edit it, wait for the draft, kill. */
  process = start_waymark (&fixture, helper, path);
  group = connect_to_waymark (&fixture, process);
  WAIT_FOR (action_enabled (group, "test-edit"), "the map to open");
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    g_action_group_activate_action (G_ACTION_GROUP (group), "test-edit", g_variant_new_string (edits[i]));
  WAIT_FOR ((draft = draft_holding (store, expected, NULL)) != NULL, "a draft of the edited map");
  g_assert_no_error (draft->error);
  g_assert_cmpstr (draft->uri, ==, uri);
  g_assert_cmpstr (draft->title, ==, "Grocery workshop (unsaved)");
  draft_id = g_strdup (draft->id);
  first_owner = g_strdup (draft->owner);
  g_clear_pointer (&draft, waymark_draft_info_free);

  kill_waymark (process);
  g_clear_object (&process);
  g_clear_object (&group);
  assert_unchanged (file, original);
  g_assert_cmpuint (count_drafts (store), ==, 1);

  /* 2. Start Waymark again: it offers the map; recover it. */
  process = start_waymark (&fixture, waymark, NULL);
  group = connect_to_waymark (&fixture, process);
  WAIT_FOR (action_enabled (group, "recover-all-drafts"), "Waymark to offer the draft");
  /* Offered, not touched. */
  draft = draft_holding (store, expected, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->owner, ==, first_owner);
  g_clear_pointer (&draft, waymark_draft_info_free);

  g_action_group_activate_action (G_ACTION_GROUP (group), "recover-all-drafts", NULL);
  /* The recovered window's tracker takes the draft over at once: it
   * writes what the window holds, unsaved, and where it would save. */
  WAIT_FOR ((draft = draft_holding (store, expected, first_owner)) != NULL,
            "the recovered window to take the draft over");
  g_assert_cmpstr (draft->id, ==, draft_id);
  g_assert_cmpstr (draft->uri, ==, uri);
  g_assert_cmpstr (draft->title, ==, "Grocery workshop (unsaved)");
  WAIT_FOR (!action_enabled (group, "recover-all-drafts"), "nothing left to recover");
  g_clear_pointer (&draft, waymark_draft_info_free);
  assert_unchanged (file, original);

  kill_waymark (process);
  g_clear_object (&process);
  g_clear_object (&group);

  /* 3. Killed again, offered again; this time discard it, then quit. */
  process = start_waymark (&fixture, waymark, NULL);
  group = connect_to_waymark (&fixture, process);
  WAIT_FOR (action_enabled (group, "discard-all-drafts"), "Waymark to offer the draft again");
  g_assert_cmpuint (count_drafts (store), ==, 1);
  g_action_group_activate_action (G_ACTION_GROUP (group), "discard-all-drafts", NULL);
  WAIT_FOR (count_drafts (store) == 0, "the draft to be discarded");
  g_action_group_activate_action (G_ACTION_GROUP (group), "quit", NULL);
  current_process = NULL;
  WAIT_FOR (g_subprocess_get_identifier (process) == NULL, "Waymark to quit");
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  current_log = NULL;
  assert_unchanged (file, original);

  g_clear_object (&group);
  g_clear_object (&process);
  g_dbus_connection_close_sync (fixture.connection, NULL, NULL);
  g_clear_object (&fixture.connection);
  g_test_dbus_down (bus);
  test_files_remove_tree (fixture.root);
  g_free (fixture.root);
  g_free (fixture.state);
  g_free (fixture.log);
  g_free (fixture.display);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/end-to-end", test_recovery_end_to_end);

  return g_test_run ();
}
