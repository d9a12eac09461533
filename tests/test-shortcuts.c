/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Keyboard Shortcuts window against the shortcuts the application
 * really has: every accelerator the application sets is listed, every
 * listed shortcut exists (an application accelerator, a key binding of
 * one of Waymark's widgets, or one of the few keys handled in code), and
 * every key binding of the canvas, the window and the Export dialog is
 * listed. Also F1: it opens help:waymark in the default help viewer, and
 * says so in the window when there is none. */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "test-app.h"
#include "test-files.h"
#include "waymark-canvas.h"
#include "waymark-export-dialog.h"

#define OVERLAY_RESOURCE "/io/github/waymark/Waymark/gtk/help-overlay.ui"
#define HELP_HANDLER_ID "waymark-test-help.desktop"

static WaymarkApplication *app;
/* The temporary XDG folders, and the file the fake help viewer writes
 * the URI it was given into. */
static char *tmp_dir;
static char *help_uri_file;

/* ---- Keys as comparable strings ---- */

/* Keypad and ISO variants do what their main keys do, and the window
 * lists only those. */
static guint
main_keyval (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      return GDK_KEY_Return;
    case GDK_KEY_KP_Delete:
      return GDK_KEY_Delete;
    case GDK_KEY_KP_Left:
      return GDK_KEY_Left;
    case GDK_KEY_KP_Right:
      return GDK_KEY_Right;
    case GDK_KEY_KP_Up:
      return GDK_KEY_Up;
    case GDK_KEY_KP_Down:
      return GDK_KEY_Down;
    case GDK_KEY_ISO_Left_Tab:
      return GDK_KEY_Tab;
    default:
      return gdk_keyval_to_lower (keyval);
    }
}

static char *
key_name (guint           keyval,
          GdkModifierType mods)
{
  mods &= GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK;
  return gtk_accelerator_name (main_keyval (keyval), mods);
}

static char *
parse_key (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &mods) || keyval == 0)
    return NULL;
  return key_name (keyval, mods);
}

/* ---- What the Keyboard Shortcuts window lists ---- */

typedef struct
{
  char      *title;
  char      *action_name;  /* or NULL */
  GPtrArray *keys;         /* from the accelerator property, normalised */
} Listed;

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->title);
  g_free (listed->action_name);
  g_ptr_array_unref (listed->keys);
  g_free (listed);
}

static GPtrArray *
load_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (OVERLAY_RESOURCE);
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *listed = g_ptr_array_new_with_free_func (listed_free);
  GObject *window = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      Listed *item;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) tokens = NULL;
      GtkShortcutType type;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      item = g_new0 (Listed, 1);
      item->keys = g_ptr_array_new_with_free_func (g_free);
      g_object_get (l->data,
                    "title", &item->title,
                    "action-name", &item->action_name,
                    "accelerator", &accelerator,
                    "shortcut-type", &type,
                    NULL);
      g_assert_cmpint (type, ==, GTK_SHORTCUT_ACCELERATOR);
      g_assert_nonnull (item->title);
      g_assert_cmpstr (item->title, !=, "");
      /* One or the other, never both: with both, GTK shows the action's. */
      g_assert_true ((item->action_name == NULL) != (accelerator == NULL));
      if (accelerator != NULL)
        {
          tokens = g_strsplit (accelerator, " ", -1);
          for (guint i = 0; tokens[i] != NULL; i++)
            {
              char *key = parse_key (tokens[i]);

              if (key == NULL)
                g_error ("“%s”: “%s” is not an accelerator", item->title, tokens[i]);
              g_ptr_array_add (item->keys, key);
            }
        }
      g_ptr_array_add (listed, item);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpuint (listed->len, >, 30);
  /* Each action once. */
  for (guint i = 0; i < listed->len; i++)
    for (guint j = i + 1; j < listed->len; j++)
      {
        Listed *a = g_ptr_array_index (listed, i), *b = g_ptr_array_index (listed, j);

        if (a->action_name != NULL && g_strcmp0 (a->action_name, b->action_name) == 0)
          g_error ("%s is listed twice", a->action_name);
      }
  return listed;
}

static gboolean
overlay_has_action (GPtrArray  *listed,
                    const char *action)
{
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      if (g_strcmp0 (item->action_name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
overlay_has_key (GPtrArray  *listed,
                 const char *key)
{
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      for (guint k = 0; k < item->keys->len; k++)
        if (g_str_equal (g_ptr_array_index (item->keys, k), key))
          return TRUE;
    }
  return FALSE;
}

/* ---- What the application and its widgets have ---- */

/* Every application accelerator, normalised, as keys of a set. */
static GHashTable *
app_keys (void)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint k = 0; accels[k] != NULL; k++)
        {
          char *key = parse_key (accels[k]);

          g_assert_nonnull (key);
          g_hash_table_add (keys, key);
        }
    }
  return keys;
}

static void
add_trigger_keys (GtkShortcutTrigger *trigger,
                  GHashTable         *keys)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_add (keys, key_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      add_trigger_keys (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
      add_trigger_keys (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keys);
    }
}

/* The key shortcuts of the shortcut controllers on widget: with
 * class_only, only those of its class (gtk_widget_class_add_binding*
 * and friends, which GTK puts into one controller per instance). */
static void
add_widget_keys (GtkWidget  *widget,
                 gboolean    class_only,
                 GHashTable *keys)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      if (class_only && g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") != 0)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          add_trigger_keys (gtk_shortcut_get_trigger (shortcut), keys);
        }
    }
}

/* Every shortcut controller in the tree below widget (the panels' own
 * controllers, the search entry's Ctrl+G, …). */
static void
add_tree_keys (GtkWidget  *widget,
               GHashTable *keys)
{
  add_widget_keys (widget, FALSE, keys);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_tree_keys (child, keys);
}

/* The class bindings widget adds to those of its parent class (whose
 * instance is parent, or NULL for GtkWidget, which has none). */
static GHashTable *
own_class_keys (GtkWidget *widget,
                GtkWidget *parent)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  add_widget_keys (widget, TRUE, keys);
  if (parent != NULL)
    {
      g_autoptr(GHashTable) inherited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      gpointer key;

      add_widget_keys (parent, TRUE, inherited);
      g_hash_table_iter_init (&iter, inherited);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_remove (keys, key);
    }
  g_assert_cmpuint (g_hash_table_size (keys), >, 0);
  return keys;
}

/* Keys that key-pressed handlers look at, where no shortcut controller
 * shows them: Space held pans (waymark-canvas.c), Tab ends editing a
 * title (waymark-canvas-actions.c), Shift+Enter is the previous match
 * (waymark-find-bar.c), and the persona panel's lists (Alt+Up/Down,
 * Delete and Enter, in waymark-persona-panel.c). */
static const char * const handled_in_code[] = {
  "space", "Tab", "<Shift>Return", "<Alt>Up", "<Alt>Down", "Delete", "Return",
};

/* ---- Tests ---- */

/* Every accelerator the application sets is in the window: by its
 * action (GTK then shows the action's accelerators) or by its keys. */
static void
test_app_accels_listed (void)
{
  g_autoptr(GPtrArray) listed = load_overlay ();
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_checked = 0;

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      if (accels[0] == NULL || overlay_has_action (listed, actions[i]))
        {
          n_checked += accels[0] != NULL;
          continue;
        }
      for (guint k = 0; accels[k] != NULL; k++)
        {
          g_autofree char *key = parse_key (accels[k]);

          if (!overlay_has_key (listed, key))
            g_error ("%s (%s) is not in the Keyboard Shortcuts window", actions[i], accels[k]);
        }
      n_checked++;
    }
  /* The ones this test was written against, at least. */
  for (guint i = 0; i < 4; i++)
    {
      const char *action = (const char *[]) { "app.open", "app.help", "win.save", "win.show-help-overlay" }[i];
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

      g_assert_nonnull (accels[0]);
    }
  g_assert_cmpuint (n_checked, >=, 16);
}

/* F1 is the help. */
static void
test_f1_is_help (void)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "F1");

  g_assert_cmpuint (g_strv_length (actions), ==, 1);
  g_assert_cmpstr (actions[0], ==, "app.help");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
}

/* Every shortcut in the window exists: its action has accelerators, and
 * its keys are an application accelerator or a key shortcut of one of
 * the widgets in a window or the Export dialog. */
static void
test_listed_shortcuts_exist (void)
{
  g_autoptr(GPtrArray) listed = load_overlay ();
  g_autoptr(GHashTable) known = app_keys ();
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  WaymarkExportDialog *dialog = waymark_export_dialog_new (window);

  add_tree_keys (GTK_WIDGET (window), known);
  add_tree_keys (GTK_WIDGET (dialog), known);
  for (guint i = 0; i < G_N_ELEMENTS (handled_in_code); i++)
    g_hash_table_add (known, parse_key (handled_in_code[i]));

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *item = g_ptr_array_index (listed, i);

      if (item->action_name != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), item->action_name);

          if (accels[0] == NULL)
            g_error ("“%s”: %s has no accelerator", item->title, item->action_name);
        }
      for (guint k = 0; k < item->keys->len; k++)
        if (!g_hash_table_contains (known, g_ptr_array_index (item->keys, k)))
          g_error ("“%s”: nothing in Waymark handles %s", item->title,
                   (char *) g_ptr_array_index (item->keys, k));
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

static void
check_class_keys_listed (GPtrArray  *listed,
                         GHashTable *keys,
                         const char *what)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!overlay_has_key (listed, key))
      g_error ("%s binds %s, which is not in the Keyboard Shortcuts window", what, (char *) key);
}

/* The other way round: every key binding the canvas, the window and the
 * Export dialog add is in the window. */
static void
test_bindings_listed (void)
{
  g_autoptr(GPtrArray) listed = load_overlay ();
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  WaymarkExportDialog *dialog = waymark_export_dialog_new (window);
  GtkWidget *canvas = g_object_ref_sink (g_object_new (WAYMARK_TYPE_CANVAS, NULL));
  GtkWidget *plain_window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *plain_dialog = adw_window_new ();
  g_autoptr(GHashTable) canvas_keys = own_class_keys (canvas, NULL);
  g_autoptr(GHashTable) window_keys = own_class_keys (GTK_WIDGET (window), plain_window);
  g_autoptr(GHashTable) dialog_keys = own_class_keys (GTK_WIDGET (dialog), plain_dialog);
  g_autofree char *ctrl_d = parse_key ("<Primary>d");
  g_autofree char *f9 = parse_key ("F9");

  /* The collection finds what the sources add. */
  g_assert_true (g_hash_table_contains (canvas_keys, ctrl_d));
  g_assert_true (g_hash_table_contains (window_keys, f9));
  g_assert_cmpuint (g_hash_table_size (canvas_keys), >=, 20);

  check_class_keys_listed (listed, canvas_keys, "WaymarkCanvas");
  check_class_keys_listed (listed, window_keys, "WaymarkWindow");
  check_class_keys_listed (listed, dialog_keys, "WaymarkExportDialog");

  gtk_window_destroy (GTK_WINDOW (plain_dialog));
  gtk_window_destroy (GTK_WINDOW (plain_window));
  g_assert_finalize_object (canvas);
  gtk_window_destroy (GTK_WINDOW (dialog));
  destroy_window (window);
}

/* The window the application attaches runs: Ctrl+? has it, and it can be
 * shown and closed. */
static void
test_overlay_attached (void)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");

  g_assert_nonnull (overlay);
  g_assert_cmpuint (g_strv_length (accels), >=, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  wait_frames (GTK_WIDGET (overlay), 2);
  save_screenshot (GTK_WIDGET (overlay), "shortcuts-window.png");
  /* Every section on one page: GTK 4.8's page switcher warns (fatal
   * here) about its own labels. */
  for (guint i = 0; i < 2; i++)
    {
      const char *section = (const char *[]) { "map-editing", "panels" }[i];
      g_autofree char *name = g_strdup_printf ("shortcuts-window-%s.png", section);

      g_object_set (overlay, "section-name", section, NULL);
      /* Past the stack's crossfade. */
      wait_frames (GTK_WIDGET (overlay), 30);
      save_screenshot (GTK_WIDGET (overlay), name);
    }
  gtk_window_close (GTK_WINDOW (overlay));
  WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (overlay)));
  destroy_window (window);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, prefix))
      return TRUE;
  return FALSE;
}

/* F1's action gives help:waymark to the default handler of help: URIs,
 * here a stand-in that writes down what it was given. */
static void
test_help_opens_viewer (void)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  g_autofree char *uri = NULL;

  g_assert_false (g_file_test (help_uri_file, G_FILE_TEST_EXISTS));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  WAIT_UNTIL (g_file_get_contents (help_uri_file, &uri, NULL, NULL) && uri[0] != '\0');
  g_assert_cmpstr (uri, ==, "help:" GETTEXT_PACKAGE);
  g_assert_cmpstr (GETTEXT_PACKAGE, ==, "waymark");
  g_assert_false (find_label (GTK_WIDGET (window), "Could not open the help"));
  destroy_window (window);
}

/* Without any help viewer, the window says so instead of doing nothing.
 * Run in a subprocess that sees no applications at all. */
static void
test_help_without_viewer (void)
{
  WaymarkWindow *window;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  window = WAYMARK_WINDOW (waymark_application_new_window (app));
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  WAIT_UNTIL (find_label (GTK_WIDGET (window), "Could not open the help"));
  destroy_window (window);
}

/* The About window says what the issue asks of it. */
static void
test_about_window (void)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */
  AdwAboutWindow *about = NULL;
  g_autofree char *version = NULL, *website = NULL, *issues = NULL, *icon = NULL;
  g_autofree char *credits = NULL, *copyright = NULL;
  g_auto(GStrv) developers = NULL;
  GtkLicense license;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && about == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }
  g_assert_nonnull (about);
  g_object_get (about,
                "version", &version, "website", &website, "issue-url", &issues,
                "application-icon", &icon, "translator-credits", &credits,
                "copyright", &copyright, "developers", &developers,
                "license-type", &license, NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (website, ==, "https://github.com/waymark/waymark");
  g_assert_cmpstr (issues, ==, "https://github.com/waymark/waymark/issues");
  g_assert_cmpstr (icon, ==, APPLICATION_ID);
  g_assert_nonnull (credits);
  g_assert_nonnull (copyright);
  g_assert_nonnull (developers);
  g_assert_cmpuint (g_strv_length (developers), >=, 1);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (about)));
  wait_frames (GTK_WIDGET (about), 30);
  save_screenshot (GTK_WIDGET (about), "about-window.png");
  gtk_window_destroy (GTK_WINDOW (about));
  destroy_window (window);
}

/* ---- Set-up ---- */

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Before anything reads them (GLib keeps the XDG folders it has seen):
 * our own folders, where the only help viewer is a stand-in; in the
 * subprocess, empty ones. */
static void
set_up_xdg (gboolean subprocess)
{
  tmp_dir = test_files_make_temp_dir ("waymark-test-shortcuts");
  help_uri_file = g_build_filename (tmp_dir, "help-uri", NULL);

  if (subprocess)
    {
      /* The MIME database (GdkPixbuf needs it to load the SVG icons)
       * and the icons of the system, but none of its applications. */
      const char * const *system_dirs = g_get_system_data_dirs ();
      g_autoptr(GString) data_dirs = g_string_new (NULL);

      for (guint i = 0; system_dirs[i] != NULL; i++)
        {
          g_autofree char *dir = g_strdup_printf ("%s/system-%u", tmp_dir, i);

          g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
          for (guint k = 0; k < 2; k++)
            {
              const char *name = (const char *[]) { "mime", "icons" }[k];
              g_autofree char *target = g_build_filename (system_dirs[i], name, NULL);
              g_autofree char *link = g_build_filename (dir, name, NULL);

              if (g_file_test (target, G_FILE_TEST_IS_DIR))
                g_assert_cmpint (symlink (target, link), ==, 0);
            }
          g_string_append_printf (data_dirs, "%s%s", i > 0 ? ":" : "", dir);
        }
      g_setenv ("XDG_DATA_DIRS", data_dirs->str, TRUE);
      g_setenv ("XDG_CONFIG_DIRS", tmp_dir, TRUE);
      g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
      g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
    }
  else
    {
      g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);
      g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
      g_autofree char *viewer = g_build_filename (tmp_dir, "fake-help-viewer", NULL);
      g_autofree char *desktop = g_build_filename (data, "applications", HELP_HANDLER_ID, NULL);
      g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
      g_autofree char *script = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s'\n", help_uri_file);
      g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Help Stand-in\n"
                                                "Exec=%s %%u\nMimeType=x-scheme-handler/help;\n"
                                                "NoDisplay=true\n", viewer);

      write_file (viewer, script, 0700);
      write_file (desktop, entry, 0600);
      write_file (mimeapps, "[Default Applications]\nx-scheme-handler/help=" HELP_HANDLER_ID "\n", 0600);
      g_setenv ("XDG_DATA_HOME", data, TRUE);
      g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  gboolean subprocess = FALSE;
  int status;

  for (int i = 1; i < argc; i++)
    subprocess |= g_str_equal (argv[i], "--GTestSubprocess");
  set_up_xdg (subprocess);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = test_app_new ();

  g_test_add_func ("/desktop/shortcuts/app-accels-listed", test_app_accels_listed);
  g_test_add_func ("/desktop/shortcuts/f1-is-help", test_f1_is_help);
  g_test_add_func ("/desktop/shortcuts/listed-shortcuts-exist", test_listed_shortcuts_exist);
  g_test_add_func ("/desktop/shortcuts/bindings-listed", test_bindings_listed);
  g_test_add_func ("/desktop/shortcuts/overlay-attached", test_overlay_attached);
  g_test_add_func ("/desktop/about", test_about_window);
  g_test_add_func ("/desktop/help/opens-viewer", test_help_opens_viewer);
  g_test_add_func ("/desktop/help/without-viewer", test_help_without_viewer);

  status = g_test_run ();

  g_object_unref (app);
  /* Never into the symbolic links to the system's MIME and icon
   * folders that the subprocess makes: the helper does not follow them. */
  test_files_remove_tree (tmp_dir);
  g_free (help_uri_file);
  g_free (tmp_dir);
  return status;
}
