/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start page. Recent maps come from GtkRecentManager, newest first;
 * each row shows the map's title, read in a worker thread from the start
 * of the file (the file's name until then, or when it has none). */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-application.h"
#include "waymark-jmap-reader.h"
#include "waymark-start-page.h"
#include "waymark-template-chooser.h"
#include "waymark-templates.h"

/* The title is the third member a writer puts down; 64 KiB is room for
 * any hand-written file that puts it later but not after the cards. */
#define TITLE_SCAN_BYTES (64 * 1024)

struct _WaymarkStartPage
{
  AdwBin            parent_instance;

  AdwStatusPage    *status_page;
  GtkFlowBox       *template_box;
  GtkWidget        *recent_group;
  GtkListBox       *recent_list;

  GtkRecentManager *recent_manager;
  /* Cancels the title reads of the rows shown. */
  GCancellable     *cancellable;
  guint             n_pending;
};

G_DEFINE_FINAL_TYPE (WaymarkStartPage, waymark_start_page, ADW_TYPE_BIN)

/* ---- Reading a map's title cheaply ---- */

char *
waymark_read_map_title (GFile        *file,
                        GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *title = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL)
    return NULL;
  data = g_malloc (TITLE_SCAN_BYTES);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, TITLE_SCAN_BYTES,
                                &length, cancellable, NULL))
    return NULL;

  raw = waymark_jmap_peek_title (data, length);
  if (raw == NULL)
    return NULL;
  title = waymark_dup_one_line (raw);
  if (title[0] == '\0')
    return NULL;
  return g_steal_pointer (&title);
}

static void
read_title_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, waymark_read_map_title (task_data, cancellable), g_free);
}

/* ---- Recent maps ---- */

void
waymark_add_recent_map (GFile *file)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) WAYMARK_JMAP_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "waymark %u",
  };

  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  if (data.app_name == NULL)
    data.app_name = (char *) "Waymark";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

GFile *
waymark_start_page_row_get_file (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);

  return g_object_get_data (G_OBJECT (row), "waymark-file");
}

static gboolean
is_map (GtkRecentInfo *info)
{
  const char *mime_type = gtk_recent_info_get_mime_type (info);
  g_autofree char *uri = g_ascii_strdown (gtk_recent_info_get_uri (info), -1);

  return g_strcmp0 (mime_type, WAYMARK_JMAP_MIME_TYPE) == 0 || g_str_has_suffix (uri, ".jmap");
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* "~/Maps · 3 March 2026" */
static char *
dup_row_subtitle (GFile     *file,
                  GDateTime *modified)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autoptr(GDateTime) local = g_date_time_to_local (modified);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = NULL;
  g_autofree char *when = NULL;

  if (parent == NULL)
    folder = g_file_get_parse_name (file);
  else if (g_file_equal (parent, home))
    folder = g_strdup ("~");
  else if (g_file_has_prefix (parent, home))
    {
      g_autofree char *relative = g_file_get_relative_path (home, parent);

      folder = g_build_filename ("~", relative, NULL);
    }
  else
    folder = g_file_get_parse_name (parent);

  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: when a recent map was last used, today; a strftime()
     * format. */
    when = g_date_time_format (local, _("Today at %H:%M"));
  else
    /* Translators: when a recent map was last used; a strftime() format. */
    when = g_date_time_format (local, _("%-d %B %Y"));

  /* Translators: a recent map's folder, then when it was last used. */
  return g_strdup_printf (_("%s · %s"), folder, when ? when : "");
}

static void
title_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autofree char *title = g_task_propagate_pointer (G_TASK (result), NULL);
  WaymarkStartPage *self = g_task_get_source_object (G_TASK (result));

  /* The list was rebuilt (or the page went away) meanwhile. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  g_assert (self->n_pending > 0);
  self->n_pending--;
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static GtkWidget *
create_recent_row (WaymarkStartPage *self,
                   GtkRecentInfo    *info)
{
  g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = g_file_get_parse_name (file);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  name = g_strdup (gtk_recent_info_get_display_name (info));
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = g_file_get_basename (file);
    }
  subtitle = dup_row_subtitle (file, gtk_recent_info_get_modified (info));

  /* Titles are the user's text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, tooltip);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("x-office-document-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  g_object_set_data_full (G_OBJECT (row), "waymark-file", g_object_ref (file), g_object_unref);

  self->n_pending++;
  task = g_task_new (self, self->cancellable, title_ready_cb, g_object_ref (row));
  g_task_set_source_tag (task, create_recent_row);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_title_thread);
  return row;
}

static void
reload_recent (WaymarkStartPage *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent_manager);
  g_autoptr(GPtrArray) maps = g_ptr_array_new ();
  GtkWidget *child;
  guint shown = 0;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->n_pending = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL; l = l->next)
    {
      if (is_map (l->data))
        g_ptr_array_add (maps, l->data);
    }
  g_ptr_array_sort (maps, compare_newest_first);

  for (guint i = 0; i < maps->len && shown < WAYMARK_START_PAGE_MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (maps, i);

      /* A map deleted or moved since is not offered. */
      if (!gtk_recent_info_exists (info))
        continue;
      gtk_list_box_append (self->recent_list, create_recent_row (self, info));
      shown++;
    }

  gtk_widget_set_visible (self->recent_group, shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- Activation ---- */

static GtkApplication *
get_application (WaymarkStartPage *self,
                 GtkWindow       **window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  if (*window == NULL)
    return NULL;
  return gtk_window_get_application (*window);
}

static void
recent_activated_cb (WaymarkStartPage *self,
                     GtkListBoxRow    *row)
{
  GtkWindow *window;
  GtkApplication *application = get_application (self, &window);
  GFile *file = waymark_start_page_row_get_file (row);

  if (WAYMARK_IS_APPLICATION (application) && file != NULL)
    waymark_application_open_file_for (WAYMARK_APPLICATION (application), file, window);
}

static void
template_activated_cb (WaymarkStartPage *self,
                       GtkFlowBoxChild  *child)
{
  GtkWindow *window;
  GtkApplication *application = get_application (self, &window);
  const char *id = g_object_get_data (G_OBJECT (child), "waymark-template-id");

  if (WAYMARK_IS_APPLICATION (application) && id != NULL)
    waymark_application_new_from_template (WAYMARK_APPLICATION (application), id, window);
}

static GtkWidget *
create_template_tile (const WaymarkTemplate *template)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 9);
  GtkWidget *label = gtk_label_new (_(template->name));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 3);

  gtk_box_append (GTK_BOX (box), waymark_template_preview_new (template->id));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_widget_add_css_class (child, "card");
  gtk_widget_add_css_class (child, "activatable");
  gtk_widget_add_css_class (child, "waymark-template-tile");
  gtk_widget_set_tooltip_text (child, _(template->description));
  g_object_set_data (G_OBJECT (child), "waymark-template-id", (gpointer) template->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(template->name),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(template->description),
                                  -1);
  return child;
}

/* ---- GObject ---- */

static void
waymark_start_page_dispose (GObject *object)
{
  WaymarkStartPage *self = WAYMARK_START_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->recent_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->recent_manager, self);
  g_clear_object (&self->recent_manager);
  /* AdwBin unparents its child itself (gtk_widget_dispose_template
   * would do it a second time). */

  G_OBJECT_CLASS (waymark_start_page_parent_class)->dispose (object);
}

static void
waymark_start_page_finalize (GObject *object)
{
  WaymarkStartPage *self = WAYMARK_START_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (waymark_start_page_parent_class)->finalize (object);
}

static void
waymark_start_page_class_init (WaymarkStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_start_page_dispose;
  object_class->finalize = waymark_start_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkStartPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, WaymarkStartPage, template_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, WaymarkStartPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, template_activated_cb);
}

static void
waymark_start_page_init (WaymarkStartPage *self)
{
  GtkIconTheme *theme;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The app icon; a map pin where it is not installed (uninstalled
   * builds, tests). */
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  adw_status_page_set_icon_name (self->status_page,
                                 gtk_icon_theme_has_icon (theme, APPLICATION_ID)
                                 ? APPLICATION_ID : "mark-location-symbolic");

  for (guint i = 0; i < waymark_templates_get_n_items (); i++)
    gtk_flow_box_append (self->template_box, create_template_tile (waymark_templates_get_item (i)));

  self->recent_manager = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_swapped (self->recent_manager, "changed", G_CALLBACK (reload_recent), self);
  reload_recent (self);
}

GtkWidget *
waymark_start_page_new (void)
{
  return g_object_new (WAYMARK_TYPE_START_PAGE, NULL);
}

GtkListBox *
waymark_start_page_get_recent_list (WaymarkStartPage *self)
{
  g_return_val_if_fail (WAYMARK_IS_START_PAGE (self), NULL);

  return self->recent_list;
}

GtkFlowBox *
waymark_start_page_get_template_box (WaymarkStartPage *self)
{
  g_return_val_if_fail (WAYMARK_IS_START_PAGE (self), NULL);

  return self->template_box;
}

guint
waymark_start_page_get_n_pending (WaymarkStartPage *self)
{
  g_return_val_if_fail (WAYMARK_IS_START_PAGE (self), 0);

  return self->n_pending;
}
