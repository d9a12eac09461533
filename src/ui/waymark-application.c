/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application: opens one window per map, holds the app-wide actions
 * and keyboard shortcuts, and quits only after every window with unsaved
 * changes has had its answer. Every window keeps drafts of unsaved work;
 * the first start offers back what a crashed process left. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-draft-store.h"
#include "waymark-draft-tracker.h"
#include "waymark-recovery-dialog.h"
#include "waymark-template-chooser.h"
#include "waymark-window-private.h"

#if defined(__SANITIZE_ADDRESS__)
# define WAYMARK_LSAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define WAYMARK_LSAN 1
# endif
#endif
#ifdef WAYMARK_LSAN
# include <sanitizer/lsan_interface.h>
#endif

/* The About window's links; the issue tracker lives under it. */
#define WAYMARK_WEBSITE "https://github.com/waymark/waymark"
/* The installed Mallard help (gnome.yelp installs it under this name). */
#define WAYMARK_HELP_URI "help:waymark"

struct _WaymarkApplication
{
  AdwApplication parent_instance;

  /* Asking the windows about unsaved changes, one after the other. */
  gboolean           quitting;

  /* Where every window keeps its drafts, and draft-interval (NULL
   * without the schema). */
  WaymarkDraftStore *drafts;
  GSettings         *settings;
  /* Looked for drafts to recover (once, at the first activation). */
  gboolean           recovery_started;
  /* What is left to recover or discard, or NULL. */
  GListStore        *recoverable;
};

G_DEFINE_FINAL_TYPE (WaymarkApplication, waymark_application, ADW_TYPE_APPLICATION)

static WaymarkWindow *
find_pristine_window (WaymarkApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (WAYMARK_IS_WINDOW (active) && waymark_window_is_pristine (WAYMARK_WINDOW (active)))
    return WAYMARK_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (WAYMARK_IS_WINDOW (l->data) && waymark_window_is_pristine (l->data))
        return l->data;
    }
  return NULL;
}

GtkWindow *
waymark_application_new_window (WaymarkApplication *self)
{
  WaymarkWindow *window;

  g_return_val_if_fail (WAYMARK_IS_APPLICATION (self), NULL);

  window = waymark_window_new (GTK_APPLICATION (self));
  waymark_window_show_start_page (window);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

GtkWindow *
waymark_application_open_file (WaymarkApplication *self,
                               GFile              *file)
{
  return waymark_application_open_file_for (self, file, NULL);
}

GtkWindow *
waymark_application_open_file_for (WaymarkApplication *self,
                                   GFile              *file,
                                   GtkWindow          *current)
{
  WaymarkWindow *window = NULL;

  g_return_val_if_fail (WAYMARK_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!current || GTK_IS_WINDOW (current), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (WAYMARK_IS_WINDOW (l->data) && waymark_window_has_file (l->data, file))
        {
          /* Without a word, picking an open file would seem to do nothing. */
          waymark_window_add_toast (l->data, adw_toast_new (_("This map is already open")));
          gtk_window_present (l->data);
          return l->data;
        }
    }

  if (WAYMARK_IS_WINDOW (current) && waymark_window_is_pristine (WAYMARK_WINDOW (current)))
    window = WAYMARK_WINDOW (current);
  if (window == NULL)
    window = find_pristine_window (self);
  if (window == NULL)
    {
      window = waymark_window_new (GTK_APPLICATION (self));
      /* Where to go from here, should the file fail to open. */
      waymark_window_show_start_page (window);
    }
  gtk_window_present (GTK_WINDOW (window));
  /* Errors are shown in the window. */
  waymark_window_load_file_async (window, file, NULL, NULL, NULL);
  return GTK_WINDOW (window);
}

GtkWindow *
waymark_application_new_from_template (WaymarkApplication *self,
                                       const char         *template_id,
                                       GtkWindow          *current)
{
  WaymarkWindow *window;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (WAYMARK_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (!current || GTK_IS_WINDOW (current), NULL);

  /* The window showing the start page takes the map; any other keeps
   * its own. */
  if (WAYMARK_IS_WINDOW (current) && waymark_window_is_pristine (WAYMARK_WINDOW (current)))
    window = WAYMARK_WINDOW (current);
  else
    window = waymark_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));

  if (!waymark_window_load_template (window, template_id, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      waymark_window_add_toast (window, adw_toast_new (escaped));
    }
  return GTK_WINDOW (window);
}

/* ---- Actions ---- */

static void
new_map_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *chooser = waymark_template_chooser_new (GTK_APPLICATION (self), parent);

  gtk_window_present (GTK_WINDOW (chooser));
}

static void
new_from_template_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  WaymarkApplication *self = user_data;

  waymark_application_new_from_template (self, g_variant_get_string (parameter, NULL),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  waymark_application_new_window (WAYMARK_APPLICATION (user_data));
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(WaymarkApplication) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          waymark_application_open_file (self, file);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Maps"),
                                        parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  waymark_window_add_file_filters (GTK_FILE_CHOOSER (native));

  /* Start where the current map lives: related maps sit side by side. */
  if (WAYMARK_IS_WINDOW (parent) && waymark_window_get_file (WAYMARK_WINDOW (parent)) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (waymark_window_get_file (WAYMARK_WINDOW (parent)));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* No help viewer (no handler for help: URIs) fails here, where
 * gtk_show_uri() would have failed silently: say so in the window. */
static void
help_launched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WaymarkApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  message = g_strdup_printf (_("Could not open the help: %s"), error->message);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (WAYMARK_IS_WINDOW (window))
    {
      escaped = g_markup_escape_text (message, -1);
      waymark_window_add_toast (WAYMARK_WINDOW (window), adw_toast_new (escaped));
    }
  else
    g_message ("%s", message);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GAppLaunchContext) context = NULL;

  /* The viewer then starts on the right screen, with startup
   * notification. */
  if (parent != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent))));
  g_app_info_launch_default_for_uri_async (WAYMARK_HELP_URI, context, NULL,
                                           help_launched_cb, g_object_ref (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;
  const char *developers[] = { _("The Waymark developers https://github.com/waymark/waymark"), NULL };

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Waymark"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Waymark developers"),
                        "comments", _("Map customer journeys with your team: stages, "
                                      "lanes, touchpoints, emotions and pain points, "
                                      "in one file you can share."),
                        "website", WAYMARK_WEBSITE,
                        "issue-url", WAYMARK_WEBSITE "/issues",
                        "developers", developers,
                        "copyright", _("© 2026 The Waymark developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one a line, with
                         * e-mail addresses or web sites if you like. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void quit_next (WaymarkApplication *self);

static void
quit_confirmed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WaymarkApplication) self = user_data;
  WaymarkWindow *window = WAYMARK_WINDOW (source);

  if (!waymark_window_confirm_close_finish (window, result))
    {
      /* Cancel on one window cancels the whole quit. */
      self->quitting = FALSE;
      return;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  quit_next (self);
}

static void
quit_next (WaymarkApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  g_autoptr(GPtrArray) rest = NULL;

  for (GList *l = windows; l != NULL; l = l->next)
    {
      WaymarkWindow *window = l->data;

      if (WAYMARK_IS_WINDOW (window)
          && waymark_document_get_modified (waymark_window_get_document (window)))
        {
          waymark_window_confirm_close_async (window, quit_confirmed_cb, g_object_ref (self));
          return;
        }
    }

  /* Nothing unsaved is left anywhere. The next start opens at the size
   * of the window the user was in. */
  self->quitting = FALSE;
  if (WAYMARK_IS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self))))
    waymark_window_save_size (WAYMARK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self))));
  rest = g_ptr_array_new ();
  for (GList *l = windows; l != NULL; l = l->next)
    g_ptr_array_add (rest, l->data);
  for (guint i = 0; i < rest->len; i++)
    gtk_window_destroy (g_ptr_array_index (rest, i));
  g_application_quit (G_APPLICATION (self));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkApplication *self = user_data;

  /* Ctrl+Q again while a "Save Changes?" dialog is up: that dialog is
   * still the question. */
  if (self->quitting)
    return;

  self->quitting = TRUE;
  quit_next (self);
}

/* ---- Crash recovery ---- */

/* The recovery dialog's answers are also actions, so that they can be
 * given over D-Bus (org.gtk.Actions), as the end-to-end test does. They
 * are enabled only while there are drafts to answer for. */
static const char * const recovery_actions[] = {
  "recover-draft", "discard-draft", "recover-all-drafts", "discard-all-drafts",
};

static void
update_recovery_actions (WaymarkApplication *self)
{
  gboolean enabled = self->recoverable != NULL
                     && g_list_model_get_n_items (G_LIST_MODEL (self->recoverable)) > 0;

  for (guint i = 0; i < G_N_ELEMENTS (recovery_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), recovery_actions[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
    }
}

static WaymarkRecoverable *
lookup_recoverable (WaymarkApplication *self,
                    GVariant           *parameter)
{
  if (self->recoverable == NULL)
    return NULL;
  return waymark_recovery_lookup (G_LIST_MODEL (self->recoverable),
                                  g_variant_get_string (parameter, NULL));
}

static void
show_recovery_error (WaymarkApplication *self,
                     const GError       *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (WAYMARK_IS_WINDOW (window))
    waymark_window_add_toast (WAYMARK_WINDOW (window), adw_toast_new (escaped));
  else
    g_message ("%s", error->message);
}

static void
recover_draft_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  WaymarkRecoverable *item = lookup_recoverable (self, parameter);

  /* Only drafts this process claimed: never another window's. */
  if (item != NULL)
    waymark_recovery_restore (GTK_APPLICATION (self), self->recoverable, item);
}

static void
discard_draft_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  WaymarkRecoverable *item = lookup_recoverable (self, parameter);
  g_autoptr(GError) error = NULL;

  if (item != NULL && !waymark_recovery_discard (self->recoverable, item, &error))
    show_recovery_error (self, error);
}

static void
recover_all_drafts_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  WaymarkApplication *self = user_data;

  if (self->recoverable != NULL)
    waymark_recovery_restore_all (GTK_APPLICATION (self), self->recoverable);
}

static void
discard_all_drafts_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  WaymarkApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->recoverable != NULL && !waymark_recovery_discard_all (self->recoverable, &error))
    show_recovery_error (self, error);
}

static void
recovery_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WaymarkApplication) self = user_data;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  GtkWidget *dialog;

  items = waymark_recovery_find_finish (result, &error);
  if (items == NULL)
    {
      /* No drafts folder we can read: nothing to offer, and the
       * windows say so themselves when they cannot write drafts. */
      g_message ("%s", error->message);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (items)) == 0)
    return;

  g_set_object (&self->recoverable, items);
  g_signal_connect_object (items, "items-changed",
                           G_CALLBACK (update_recovery_actions), self,
                           G_CONNECT_SWAPPED);
  update_recovery_actions (self);

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = waymark_recovery_dialog_new (parent, GTK_APPLICATION (self), items);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Once per process, at the first activation or open: by then this
 * process's own windows exist, and their drafts are ours anyway. */
static void
start_recovery (WaymarkApplication *self)
{
  if (self->recovery_started)
    return;
  self->recovery_started = TRUE;
  waymark_recovery_find_async (self->drafts, NULL, recovery_found_cb, g_object_ref (self));
}

static const GActionEntry app_actions[] = {
  { .name = "new-window", .activate = new_window_action },
  { .name = "new-map", .activate = new_map_action },
  { .name = "new-from-template", .activate = new_from_template_action, .parameter_type = "s" },
  { .name = "open", .activate = open_action },
  { .name = "help", .activate = help_action },
  { .name = "about", .activate = about_action },
  { .name = "quit", .activate = quit_action },
  { .name = "recover-draft", .activate = recover_draft_action, .parameter_type = "s" },
  { .name = "discard-draft", .activate = discard_draft_action, .parameter_type = "s" },
  { .name = "recover-all-drafts", .activate = recover_all_drafts_action },
  { .name = "discard-all-drafts", .activate = discard_all_drafts_action },
};

/* ---- GApplication ---- */

#ifdef WAYMARK_LSAN
/* Only in AddressSanitizer builds: GTK 4.8's GtkRecentManager leaks a
 * GDateTime each time it writes the recent list (in its "changed"
 * handler, a static function no suppression can name). What that
 * handler allocates is not reported; everything else still is. */
static void (*recent_changed_unchecked) (GtkRecentManager *manager);

static void
recent_changed_without_leak_check (GtkRecentManager *manager)
{
  __lsan_disable ();
  recent_changed_unchecked (manager);
  __lsan_enable ();
}

static void
ignore_recent_manager_leaks (void)
{
  /* Kept for the life of the process, as GTK keeps the default manager. */
  GtkRecentManagerClass *klass = g_type_class_ref (GTK_TYPE_RECENT_MANAGER);

  if (klass->changed != recent_changed_without_leak_check)
    {
      recent_changed_unchecked = klass->changed;
      klass->changed = recent_changed_without_leak_check;
    }
}

/* GtkApplication's shutdown writes the recent list the same way, calling
 * that handler directly. */
static void
waymark_application_shutdown_without_leak_check (GApplication *application)
{
  __lsan_disable ();
  G_APPLICATION_CLASS (waymark_application_parent_class)->shutdown (application);
  __lsan_enable ();
}
#endif

static void
waymark_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    /* As in Text Editor and Builder: Ctrl+N a new map, from a template;
     * Ctrl+Shift+N a window with the start page. */
    { "app.new-map", { "<Primary>n", NULL } },
    { "app.new-window", { "<Primary><Shift>n", NULL } },
    { "app.open", { "<Primary>o", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.undo", { "<Primary>z", NULL } },
    { "win.redo", { "<Primary><Shift>z", "<Primary>y", NULL } },
    { "win.close", { "<Primary>w", NULL } },
    { "win.export", { "<Primary>e", NULL } },
    /* Not Ctrl+C: that copies the selected cards on the canvas. */
    { "win.copy-image", { "<Primary><Shift>c", NULL } },
    { "win.print", { "<Primary>p", NULL } },
    { "win.zoom-in", { "<Primary>plus", "<Primary>equal", NULL } },
    { "win.zoom-out", { "<Primary>minus", NULL } },
    { "win.zoom-reset", { "<Primary>0", NULL } },
  };

  G_APPLICATION_CLASS (waymark_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
waymark_application_activate (GApplication *application)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* Launched again from the shell: show what is there rather than pile
   * up empty windows; New Window makes one on purpose. */
  if (window != NULL)
    gtk_window_present (window);
  else
    waymark_application_new_window (self);
  start_recovery (self);
}

static void
waymark_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    waymark_application_open_file (self, files[i]);
  start_recovery (self);
}

/* The desktop file's New Window action, for launchers that run it
 * rather than activating app.new-window over D-Bus. */
static int
waymark_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "new-window"))
    return -1;
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* The first instance makes its first window when activated. */
  if (!g_application_get_is_remote (application))
    return -1;
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-window", NULL);
  return 0;
}

static void
waymark_application_window_added (GtkApplication *application,
                                  GtkWindow      *window)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (application);

  GTK_APPLICATION_CLASS (waymark_application_parent_class)->window_added (application, window);

  if (WAYMARK_IS_WINDOW (window) && waymark_draft_tracker_get_for_window (WAYMARK_WINDOW (window)) == NULL)
    waymark_draft_tracker_attach (WAYMARK_WINDOW (window), self->drafts, self->settings);
}

static void
waymark_application_finalize (GObject *object)
{
  WaymarkApplication *self = WAYMARK_APPLICATION (object);

  g_clear_object (&self->recoverable);
  g_clear_object (&self->drafts);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (waymark_application_parent_class)->finalize (object);
}

static void
waymark_application_class_init (WaymarkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

#ifdef WAYMARK_LSAN
  ignore_recent_manager_leaks ();
  application_class->shutdown = waymark_application_shutdown_without_leak_check;
#endif

  object_class->finalize = waymark_application_finalize;
  application_class->startup = waymark_application_startup;
  application_class->activate = waymark_application_activate;
  application_class->open = waymark_application_open;
  application_class->handle_local_options = waymark_application_handle_local_options;
  gtk_application_class->window_added = waymark_application_window_added;
}

static void
waymark_application_init (WaymarkApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option (G_APPLICATION (self), "new-window", 0,
                                 G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Open a new window"), NULL);
  update_recovery_actions (self);

  /* Nothing touches the disk before the first draft or recovery. */
  self->drafts = waymark_draft_store_new (NULL);
  self->settings = waymark_settings_new_or_null ();
}

WaymarkApplication *
waymark_application_new (void)
{
  return g_object_new (WAYMARK_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
waymark_settings_new_or_null (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

char *
waymark_dup_one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\n\r\t", ' ');
  return g_strstrip (line);
}
