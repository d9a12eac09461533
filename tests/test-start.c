/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start page, the templates and their chooser, the recent maps, and
 * opening maps dropped on a window. The recent list lives in a temporary
 * XDG_DATA_HOME, never in the user's. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "test-app.h"
#include "test-examples.h"
#include "test-files.h"
#include "waymark-application.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"
#include "waymark-start-page.h"
#include "waymark-template-chooser.h"
#include "waymark-templates.h"
#include "waymark-window.h"

static WaymarkApplication *app;
static char *data_home;

/* ---- Helpers ---- */

static GFile *
write_map (const char *dir,
           const char *name,
           const char *title)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(WaymarkDocument) document = waymark_document_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  waymark_document_set_title (document, title);
  bytes = waymark_jmap_write (document);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static WaymarkStartPage *
get_start_page (WaymarkWindow *window)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (window), WAYMARK_TYPE_START_PAGE);

  g_assert_nonnull (page);
  return WAYMARK_START_PAGE (page);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static guint
n_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static GtkDropTarget *
get_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller)
          && g_type_is_a (GDK_TYPE_FILE_LIST,
                          gdk_content_formats_get_gtypes (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                                          NULL)[0]))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Drops files on window as a file manager would; returns whether the
 * drop was accepted. */
static gboolean
drop_files (WaymarkWindow *window,
            GFile         *first,
            ...)
{
  GtkDropTarget *target = get_drop_target (GTK_WIDGET (window));
  g_autoptr(GSList) files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  va_list args;

  g_assert_nonnull (target);
  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    files = g_slist_append (files, file);
  va_end (args);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  return accepted;
}

static void
destroy_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    {
      WaymarkWindow *window = windows->data;

      WAIT_UNTIL (!waymark_window_get_busy (window));
      WAIT_UNTIL (waymark_start_page_get_n_pending (get_start_page (window)) == 0);
      destroy_window (window);
    }
}

static char *
dup_names (GListModel *list,
           const char *(*get_name) (gpointer))
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_string_append_printf (names, "%s%s", i ? "|" : "", get_name (item));
    }
  return g_string_free (names, FALSE);
}

static char *
dup_kpi_names (WaymarkDocument *document)
{
  GListModel *stages = waymark_document_get_stages (document);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (stages, i);
      GPtrArray *kpis = waymark_stage_get_kpis (stage);

      g_string_append_printf (names, "%s[", i ? " " : "");
      for (guint k = 0; kpis != NULL && k < kpis->len; k++)
        g_string_append_printf (names, "%s%s", k ? "," : "", ((WaymarkKpi *) g_ptr_array_index (kpis, k))->name);
      g_string_append (names, "]");
    }
  return g_string_free (names, FALSE);
}

/* ---- Templates ---- */

static void
test_templates_load_cleanly (void)
{
  g_assert_cmpuint (waymark_templates_get_n_items (), ==, 5);

  for (guint i = 0; i < waymark_templates_get_n_items (); i++)
    {
      const WaymarkTemplate *template = waymark_templates_get_item (i);
      g_autofree char *path = g_strdup_printf ("/io/github/waymark/Waymark/templates/%s.jmap", template->id);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(WaymarkDocument) document = NULL;
      g_autoptr(WaymarkDocument) loaded = NULL;
      g_autoptr(GBytes) written = NULL;
      g_auto(GStrv) repairs = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("template %s", template->id);
      g_assert_nonnull (bytes);
      g_assert_cmpstr (template->name, !=, "");
      g_assert_cmpstr (template->description, !=, "");
      g_assert_true (waymark_templates_lookup (template->id) == template);

      /* No repair, and exactly what the writer writes: the templates
       * follow docs/jmap-format.md to the byte. */
      document = waymark_jmap_read (bytes, &repairs, &error);
      g_assert_no_error (error);
      g_assert_null (repairs);
      g_assert_false (waymark_document_get_modified (document));
      written = waymark_jmap_write (document);
      g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                       g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      /* A new map: untitled and unmodified. */
      loaded = waymark_templates_load (template->id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (waymark_document_get_title (loaded), ==, "");
      g_assert_false (waymark_document_get_modified (loaded));
      g_assert_cmpuint (waymark_history_get_n_undo (waymark_document_get_history (loaded)), ==, 0);

      if (!g_str_equal (template->id, "blank"))
        g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (loaded)), >, 0);
      else
        g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (loaded)), ==, 0);
    }

  g_assert_null (waymark_templates_lookup ("no-such-template"));
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (waymark_templates_load ("no-such-template", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static void
test_templates_content (void)
{
  g_autoptr(WaymarkDocument) journey = waymark_templates_load ("customer-journey", NULL);
  g_autoptr(WaymarkDocument) blueprint = waymark_templates_load ("service-blueprint", NULL);
  g_autoptr(WaymarkDocument) b2b = waymark_templates_load ("b2b-purchase", NULL);
  g_autoptr(WaymarkDocument) onboarding = waymark_templates_load ("employee-onboarding", NULL);
  g_autofree char *stages = NULL;
  g_autofree char *lanes = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *kpis = NULL;

  stages = dup_names (waymark_document_get_stages (journey), (gpointer) waymark_stage_get_name);
  g_assert_cmpstr (stages, ==, "Awareness|Consideration|Decision|Retention|Advocacy");
  kinds = dup_names (waymark_document_get_lanes (journey), (gpointer) waymark_lane_get_kind);
  g_assert_cmpstr (kinds, ==, "actions|touchpoints|thoughts|emotions|pain-points|solutions");
  kpis = dup_kpi_names (journey);
  g_assert_cmpstr (kpis, ==, "[Reach] [Engagement] [Conversion] [CSAT] [NPS]");
  g_clear_pointer (&kinds, g_free);

  lanes = dup_names (waymark_document_get_lanes (blueprint), (gpointer) waymark_lane_get_name);
  g_assert_cmpstr (lanes, ==, "Customer actions|Frontstage|Backstage|Support processes|Evidence");
  g_clear_pointer (&stages, g_free);

  stages = dup_names (waymark_document_get_stages (b2b), (gpointer) waymark_stage_get_name);
  g_assert_cmpstr (stages, ==, "Problem identification|Solution exploration|Requirements building|"
                               "Supplier selection|Validation|Consensus");
  g_clear_pointer (&stages, g_free);

  stages = dup_names (waymark_document_get_stages (onboarding), (gpointer) waymark_stage_get_name);
  g_assert_cmpstr (stages, ==, "Before day one|First day|First week|First month|First 90 days");
  kinds = dup_names (waymark_document_get_lanes (onboarding), (gpointer) waymark_lane_get_kind);
  g_assert_cmpstr (kinds, ==, "actions|touchpoints|thoughts|emotions|pain-points|solutions|backstage");
}

/* ---- Start page ---- */

static void
test_start_page_until_template (void)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  GtkFlowBox *tiles;
  GtkFlowBoxChild *tile = NULL;

  g_assert_true (waymark_window_get_start_page_visible (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Waymark");

  /* The tiles are the five templates, the first the default. */
  tiles = waymark_start_page_get_template_box (get_start_page (window));
  for (guint i = 0; i < waymark_templates_get_n_items (); i++)
    g_assert_nonnull (gtk_flow_box_get_child_at_index (tiles, i));
  g_assert_null (gtk_flow_box_get_child_at_index (tiles, waymark_templates_get_n_items ()));

  /* The service blueprint tile makes the map in this window. */
  for (guint i = 0; tile == NULL; i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (tiles, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "waymark-template-id"), "service-blueprint") == 0)
        tile = child;
    }
  g_signal_emit_by_name (tiles, "child-activated", tile);
  drain_main_context ();

  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_false (waymark_window_get_start_page_visible (window));
  g_assert_null (waymark_window_get_file (window));
  g_assert_false (waymark_document_get_modified (waymark_window_get_document (window)));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (waymark_window_get_document (window))), ==, 5);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Map");

  /* Another template from a window with a map: a new window. */
  g_assert_true (waymark_application_new_from_template (app, "blank", GTK_WINDOW (window))
                 != GTK_WINDOW (window));
  g_assert_cmpuint (n_windows (), ==, 2);

  destroy_all_windows ();
}

static void
test_start_page_leaves_on_edit (void)
{
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));

  g_assert_true (waymark_window_get_start_page_visible (window));
  /* Nothing to save, change or export on the start page itself: the
   * actions are disabled (GTK 4.8 ignores them then, and still returns
   * TRUE), so no dialog opens and the map stays empty. */
  {
    const char *disabled[] = { "save", "save-as", "add-stage", "add-lane", "rename-map",
                               "export", "copy-image", "print" };
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n_toplevels = g_list_model_get_n_items (toplevels);

    for (guint i = 0; i < G_N_ELEMENTS (disabled); i++)
      {
        g_autofree char *name = g_strconcat ("win.", disabled[i], NULL);

        gtk_widget_activate_action (GTK_WIDGET (window), name, NULL);
        drain_main_context ();
        g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_toplevels);
      }
    g_assert_true (waymark_window_get_start_page_visible (window));
    g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (waymark_window_get_document (window))), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_lanes (waymark_window_get_document (window))), ==, 0);
    g_assert_false (waymark_document_get_modified (waymark_window_get_document (window)));
  }

  /* An edit from elsewhere (the model) leaves it, and the actions come
   * back. */
  waymark_document_add_stage (waymark_window_get_document (window), "Awareness", -1);
  drain_main_context ();
  g_assert_false (waymark_window_get_start_page_visible (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-lane", NULL));
  drain_main_context ();

  /* Undoing does not bring it back: the user chose to edit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  drain_main_context ();
  g_assert_false (waymark_window_get_start_page_visible (window));

  destroy_all_windows ();
}

static void
test_start_page_after_failed_open (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-start");
  g_autofree char *path = g_build_filename (dir, "broken.jmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  WaymarkWindow *window;

  g_assert_true (g_file_set_contents (path, "{ not json", -1, NULL));
  window = WAYMARK_WINDOW (waymark_application_open_file (app, file));
  WAIT_UNTIL (!waymark_window_get_busy (window));
  drain_main_context ();
  /* The error dialog is over the start page, not an empty grid. */
  g_assert_true (waymark_window_get_start_page_visible (window));

  destroy_all_windows ();
  test_files_remove_tree (dir);
}

/* ---- Recent maps ---- */

static void
test_recent_titles (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-recent");
  g_autoptr(GFile) older = write_map (dir, "older.jmap", "Onboarding <v2> & pilots");
  g_autoptr(GFile) newer = write_map (dir, "newer.jmap", "Online grocery: the first order");
  g_autoptr(GFile) untitled = write_map (dir, "workshop-notes.jmap", "");
  g_autoptr(GFile) gone = write_map (dir, "gone.jmap", "Gone");
  g_autofree char *text_path = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *xbel = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_autoptr(GBookmarkFile) bookmarks = g_bookmark_file_new ();
  g_autoptr(GError) error = NULL;
  /* Within the last hour: GTK drops entries older than 30 days when
   * it next writes the list. */
  gint64 base = g_get_real_time () / G_USEC_PER_SEC - 3600;
  struct {
    GFile      *file;
    const char *uri;
    const char *mime;
    gint64      time;
  } entries[] = {
    { older, NULL, WAYMARK_JMAP_MIME_TYPE, base },
    { newer, NULL, WAYMARK_JMAP_MIME_TYPE, base + 300 },
    /* A map some other program recorded as JSON: known by its name. */
    { untitled, NULL, "application/json", base + 200 },
    { gone, NULL, WAYMARK_JMAP_MIME_TYPE, base + 400 },
    { NULL, text_path, "text/plain", base + 500 },
  };
  WaymarkWindow *window;
  GtkListBox *list;
  GtkRecentInfo *info;
  g_autofree char *uri = NULL;

  g_assert_true (g_file_set_contents (text_path, "hello", -1, NULL));

  /* The recent list as GTK keeps it, with times set (the recent manager
   * API cannot), written before anything reads it. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *entry_uri = entries[i].file ? g_file_get_uri (entries[i].file)
                                                   : g_filename_to_uri (entries[i].uri, NULL, NULL);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (entries[i].time);

      g_bookmark_file_set_mime_type (bookmarks, entry_uri, entries[i].mime);
      g_bookmark_file_set_application_info (bookmarks, entry_uri, "test", "test %u", 1, time, &error);
      g_assert_no_error (error);
      /* Last: the other setters make it now. */
      g_bookmark_file_set_added_date_time (bookmarks, entry_uri, time);
      g_bookmark_file_set_visited_date_time (bookmarks, entry_uri, time);
      g_bookmark_file_set_modified_date_time (bookmarks, entry_uri, time);
    }
  g_bookmark_file_to_file (bookmarks, xbel, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_delete (gone, NULL, NULL));

  window = WAYMARK_WINDOW (waymark_application_new_window (app));
  list = waymark_start_page_get_recent_list (get_start_page (window));
  WAIT_UNTIL (waymark_start_page_get_n_pending (get_start_page (window)) == 0);

  /* Newest first; the deleted map and the text file are left out; the
   * title read from the file, or its name without one (as text, not
   * markup). */
  g_assert_cmpuint (count_rows (list), ==, 3);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   ==, "Online grocery: the first order");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 1))),
                   ==, "workshop-notes.jmap");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 2))),
                   ==, "Onboarding <v2> & pilots");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 2))));
  g_assert_true (g_file_equal (waymark_start_page_row_get_file (gtk_list_box_get_row_at_index (list, 0)), newer));

  if (g_getenv ("WAYMARK_SCREENSHOT_DIR") != NULL)
    {
      g_setenv ("G_TEST_BUILDDIR", g_getenv ("WAYMARK_SCREENSHOT_DIR"), TRUE);
      gtk_window_set_default_size (GTK_WINDOW (window), 1100, 860);
      wait_frames (GTK_WIDGET (window), 3);
      save_screenshot (GTK_WIDGET (window), "start-page.png");
    }

  /* Activating a row opens that map in this window, and opening put it
   * first in the recent list, as a journey map. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 2));
  WAIT_UNTIL (waymark_window_get_file (window) != NULL && !waymark_window_get_busy (window));
  g_assert_true (g_file_equal (waymark_window_get_file (window), older));
  g_assert_false (waymark_window_get_start_page_visible (window));
  g_assert_cmpuint (n_windows (), ==, 1);

  uri = g_file_get_uri (older);
  info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_recent_info_get_mime_type (info), ==, WAYMARK_JMAP_MIME_TYPE);
  g_assert_cmpint (g_date_time_to_unix (gtk_recent_info_get_modified (info)), >, base + 500);
  gtk_recent_info_unref (info);

  /* A new window lists it first now. */
  {
    WaymarkWindow *second = WAYMARK_WINDOW (waymark_application_new_window (app));
    GtkListBox *second_list = waymark_start_page_get_recent_list (get_start_page (second));

    WAIT_UNTIL (waymark_start_page_get_n_pending (get_start_page (second)) == 0
                && count_rows (second_list) == 3
                && g_file_equal (waymark_start_page_row_get_file (gtk_list_box_get_row_at_index (second_list, 0)), older));
  }

  destroy_all_windows ();
  test_files_remove_tree (dir);
}

static void
test_recent_title_scan (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-title");
  static const struct {
    const char *contents;
    const char *title;
  } cases[] = {
    { "{\"jmap-format\": 1, \"title\": \"Plain\"}", "Plain" },
    { "\xEF\xBB\xBF{\"jmap-format\":1,\"generator\":\"x\",\"title\":\"BOM \\u00e9\\n\\\"q\\\"\"}", "BOM é \"q\"" },
    { "{\"jmap-format\": 1, \"stages\": [{\"id\": \"a\", \"title\": \"Not this\"}], \"x\": {\"title\": \"nor\"}, \"title\": \"Late\"}", "Late" },
    { "{\"jmap-format\": 1, \"title\": \"\"}", NULL },
    { "{\"jmap-format\": 1, \"title\": 3}", NULL },
    { "{\"jmap-format\": 1, \"title\": \"unterminated", NULL },
    { "[\"title\", \"x\"]", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, "map.jmap", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *title = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      title = waymark_read_map_title (file, NULL);
      g_assert_cmpstr (title, ==, cases[i].title);
    }

  /* A title behind 64 KiB of other members is not looked for. */
  {
    g_autofree char *path = g_build_filename (dir, "map.jmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GString) big = g_string_new ("{\"jmap-format\": 1, \"description\": \"");
    g_autofree char *title = NULL;

    for (guint i = 0; i < 70000; i++)
      g_string_append_c (big, 'x');
    g_string_append (big, "\", \"title\": \"Far\"}");
    g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
    title = waymark_read_map_title (file, NULL);
    g_assert_null (title);
  }

  test_files_remove_tree (dir);
}

/* ---- Dropping files ---- */

static void
test_drop_opens_maps (void)
{
  g_autofree char *dir = test_files_make_temp_dir ("waymark-drop");
  g_autoptr(GFile) first = write_map (dir, "first.jmap", "First");
  g_autoptr(GFile) second = write_map (dir, "second.JMAP", "Second");
  g_autoptr(GFile) text = g_file_new_build_filename (dir, "notes.txt", NULL);
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  GtkWindow *other;

  g_assert_true (g_file_set_contents (g_file_peek_path (text), "hello", -1, NULL));

  /* Not a map: refused with a toast, nothing opens. */
  g_assert_false (drop_files (window, text, NULL));
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_true (waymark_window_get_start_page_visible (window));

  /* Two maps and a text file: the first map here (the start page),
   * the second in a window of its own. */
  g_assert_true (drop_files (window, first, text, second, NULL));
  WAIT_UNTIL (waymark_window_get_file (window) != NULL && !waymark_window_get_busy (window));
  g_assert_true (g_file_equal (waymark_window_get_file (window), first));
  g_assert_cmpuint (n_windows (), ==, 2);
  other = waymark_application_open_file (app, second);
  g_assert_true (other != GTK_WINDOW (window));
  WAIT_UNTIL (!waymark_window_get_busy (WAYMARK_WINDOW (other)));
  g_assert_true (g_file_equal (waymark_window_get_file (WAYMARK_WINDOW (other)), second));

  /* Dropping a map that is open presents its window, and opens no
   * other. */
  g_assert_true (drop_files (WAYMARK_WINDOW (other), first, NULL));
  g_assert_cmpuint (n_windows (), ==, 2);
  g_assert_true (waymark_application_open_file (app, first) == GTK_WINDOW (window));
  g_assert_cmpuint (n_windows (), ==, 2);

  destroy_all_windows ();
  test_files_remove_tree (dir);
}

/* ---- The chooser and Ctrl+N ---- */

static WaymarkTemplateChooser *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  WaymarkTemplateChooser *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (WAYMARK_IS_TEMPLATE_CHOOSER (window))
        found = WAYMARK_TEMPLATE_CHOOSER (window);
    }
  return found;
}

static void
test_ctrl_n_opens_chooser (void)
{
  g_auto(GStrv) new_map = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.new-map");
  g_auto(GStrv) new_window = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.new-window");
  WaymarkWindow *window = WAYMARK_WINDOW (waymark_application_new_window (app));
  WaymarkTemplateChooser *chooser;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n_rows;

  g_assert_cmpstrv (new_map, ((const char *[]) { "<Control>n", NULL }));
  g_assert_cmpstrv (new_window, ((const char *[]) { "<Shift><Control>n", NULL }));

  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window));
  g_assert_null (find_chooser ());
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-map", NULL);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (window));

  /* One row a template, the first selected and focused, so that Enter
   * makes a customer journey. */
  list = waymark_template_chooser_get_list (chooser);
  n_rows = count_rows (list);
  g_assert_cmpuint (n_rows, ==, waymark_templates_get_n_items ());
  row = gtk_list_box_get_selected_row (list);
  g_assert_true (row == gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (waymark_template_chooser_row_get_id (row), ==, WAYMARK_DEFAULT_TEMPLATE);

  if (g_getenv ("WAYMARK_SCREENSHOT_DIR") != NULL)
    {
      g_setenv ("G_TEST_BUILDDIR", g_getenv ("WAYMARK_SCREENSHOT_DIR"), TRUE);
      WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
      wait_frames (GTK_WIDGET (chooser), 3);
      save_screenshot (GTK_WIDGET (chooser), "template-chooser.png");
    }

  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  g_signal_emit_by_name (list, "row-activated", row);
  drain_main_context ();
  g_assert_null (chooser);

  /* The map is made in the window that showed the start page. */
  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_false (waymark_window_get_start_page_visible (window));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (waymark_window_get_document (window))), ==, 5);

  /* Escape closes the chooser without a map. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-map", NULL);
  chooser = find_chooser ();
  g_assert_nonnull (chooser);
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser), "window.close", NULL));
  drain_main_context ();
  g_assert_null (chooser);
  g_assert_cmpuint (n_windows (), ==, 1);

  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK or GLib look: the recent list of the tests is their own. */
  data_home = g_dir_make_tmp ("waymark-data-home-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpstr (g_get_user_data_dir (), ==, data_home);

  app = test_app_new ();

  g_test_add_func ("/start/templates/load-cleanly", test_templates_load_cleanly);
  g_test_add_func ("/start/templates/content", test_templates_content);
  g_test_add_func ("/start/recent/titles", test_recent_titles);
  g_test_add_func ("/start/recent/title-scan", test_recent_title_scan);
  g_test_add_func ("/start/page/until-template", test_start_page_until_template);
  g_test_add_func ("/start/page/leaves-on-edit", test_start_page_leaves_on_edit);
  g_test_add_func ("/start/page/after-failed-open", test_start_page_after_failed_open);
  g_test_add_func ("/start/drop/opens-maps", test_drop_opens_maps);
  g_test_add_func ("/start/chooser/ctrl-n", test_ctrl_n_opens_chooser);

  status = g_test_run ();

  g_object_unref (app);
  test_files_remove_tree (data_home);
  g_free (data_home);
  return status;
}
