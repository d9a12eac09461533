/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waymark for the crash-recovery test: the real application with one
 * more action, app.test-edit (a string, see test-edits.h), that edits
 * the map in the first window, so that the test can edit over D-Bus
 * (org.gtk.Actions). Window actions are widget actions, which are not
 * exported. Built for the tests only, never installed: the waymark
 * binary has no such action. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-window.h"
#include "test-edits.h"

static WaymarkWindow *
first_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    {
      if (WAYMARK_IS_WINDOW (l->data))
        return l->data;
    }
  return NULL;
}

/* Edits only once the map from the command line is open, or they would
 * go into the empty map that it replaces. */
static void
update_enabled (GSimpleAction *action)
{
  GtkApplication *app = g_object_get_data (G_OBJECT (action), "app");
  WaymarkWindow *window = first_window (app);

  g_simple_action_set_enabled (action, window != NULL && !waymark_window_get_busy (window)
                                       && waymark_window_get_file (window) != NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 GSimpleAction  *action)
{
  if (!WAYMARK_IS_WINDOW (window))
    return;
  g_signal_connect_object (window, "notify::busy", G_CALLBACK (update_enabled), action, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::file", G_CALLBACK (update_enabled), action, G_CONNECT_SWAPPED);
  update_enabled (action);
}

static void
test_edit_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  WaymarkWindow *window = first_window (user_data);
  const char *edit = g_variant_get_string (parameter, NULL);

  if (window == NULL || !test_edit_apply (waymark_window_get_document (window), edit))
    g_printerr ("waymark-recovery-app: could not apply the edit “%s”\n", edit);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WaymarkApplication) app = NULL;
  g_autoptr(GSimpleAction) action = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = waymark_application_new ();
  action = g_simple_action_new ("test-edit", G_VARIANT_TYPE_STRING);
  g_object_set_data (G_OBJECT (action), "app", app);
  g_simple_action_set_enabled (action, FALSE);
  g_signal_connect (action, "activate", G_CALLBACK (test_edit_cb), app);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), action);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
