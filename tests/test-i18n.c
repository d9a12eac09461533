/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The German translation inside the GTK interface: with LANGUAGE=de and
 * the catalogue the build made (BUILDDIR/po/de/LC_MESSAGES/waymark.mo),
 * strings from C, plural forms, contexts, a window's menu, built from
 * its .ui template, and the texts of the built-in templates come out
 * German. Runs under Xvfb. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "test-app.h"
#include "test-examples.h"
#include "waymark-jmap-reader.h"
#include "waymark-templates.h"
#include "waymark-window.h"

static WaymarkApplication *app;

static void
test_catalogue (void)
{
  /* A plain string, both plural forms, a message context, and one the
   * translation must keep a placeholder in. */
  g_assert_cmpstr (_("Untitled Map"), ==, "Unbenannte Map");
  g_assert_cmpstr (ngettext ("%u card", "%u cards", 1), ==, "%u Karte");
  g_assert_cmpstr (ngettext ("%u card", "%u cards", 2), ==, "%u Karten");
  g_assert_cmpstr (C_("priority", "High"), ==, "Hoch");
  g_assert_cmpstr (C_("status", "Open"), ==, "Offen");
  g_assert_cmpstr (_("Could Not Save “%s”"), ==, "„%s“ konnte nicht gespeichert werden");
}

/* TRANSLATED is ENGLISH through the catalogue, and differs from it. */
static void
assert_translated (const char *english,
                   const char *translated)
{
  g_assert_cmpstr (english, !=, "");
  g_assert_cmpstr (translated, ==, g_dgettext (GETTEXT_PACKAGE, english));
  g_assert_cmpstr (translated, !=, english);
}

static void
test_template_contents (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(WaymarkDocument) english = NULL;
  g_autoptr(WaymarkDocument) german = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *stages, *lanes, *cards;

  /* The resource as written, in English, beside the loaded template. */
  bytes = g_resources_lookup_data ("/io/github/waymark/Waymark/templates/customer-journey.jmap",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  english = waymark_jmap_read (bytes, NULL, &error);
  g_assert_no_error (error);
  german = waymark_templates_load ("customer-journey", &error);
  g_assert_no_error (error);

  /* A new map all the same: nothing to save, nothing to undo. */
  g_assert_false (waymark_document_get_modified (german));
  g_assert_cmpuint (waymark_history_get_n_undo (waymark_document_get_history (german)), ==, 0);

  stages = waymark_document_get_stages (german);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==,
                    g_list_model_get_n_items (waymark_document_get_stages (english)));
  g_assert_cmpuint (g_list_model_get_n_items (stages), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(WaymarkStage) de = g_list_model_get_item (stages, i);
      g_autoptr(WaymarkStage) en = g_list_model_get_item (waymark_document_get_stages (english), i);
      GPtrArray *de_kpis = waymark_stage_get_kpis (de);
      GPtrArray *en_kpis = waymark_stage_get_kpis (en);

      g_assert_cmpstr (waymark_stage_get_id (de), ==, waymark_stage_get_id (en));
      assert_translated (waymark_stage_get_name (en), waymark_stage_get_name (de));
      assert_translated (waymark_stage_get_description (en), waymark_stage_get_description (de));
      g_assert_cmpuint (de_kpis->len, ==, en_kpis->len);
      for (guint k = 0; k < de_kpis->len; k++)
        {
          const WaymarkKpi *de_kpi = g_ptr_array_index (de_kpis, k);
          const WaymarkKpi *en_kpi = g_ptr_array_index (en_kpis, k);

          g_assert_cmpstr (de_kpi->name, ==, g_dgettext (GETTEXT_PACKAGE, en_kpi->name));
        }
    }

  lanes = waymark_document_get_lanes (german);
  for (guint i = 0; i < g_list_model_get_n_items (lanes); i++)
    {
      g_autoptr(WaymarkLane) de = g_list_model_get_item (lanes, i);
      g_autoptr(WaymarkLane) en = g_list_model_get_item (waymark_document_get_lanes (english), i);

      g_assert_cmpstr (waymark_lane_get_kind (de), ==, waymark_lane_get_kind (en));
      assert_translated (waymark_lane_get_name (en), waymark_lane_get_name (de));
    }

  cards = waymark_document_get_cards (german);
  g_assert_cmpuint (g_list_model_get_n_items (cards), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(WaymarkCard) de = g_list_model_get_item (cards, i);
      g_autoptr(WaymarkCard) en = g_list_model_get_item (waymark_document_get_cards (english), i);

      /* Only the text: a channel is a value, not a word to translate. */
      assert_translated (waymark_card_get_title (en), waymark_card_get_title (de));
      g_assert_cmpstr (waymark_card_get_channel (de), ==, waymark_card_get_channel (en));
    }

  assert_translated (waymark_document_get_description (english),
                     waymark_document_get_description (german));

  /* And the words themselves, for one stage and one lane. */
  {
    g_autoptr(WaymarkStage) first = g_list_model_get_item (stages, 0);
    g_autoptr(WaymarkLane) touchpoints = g_list_model_get_item (lanes, 1);

    g_assert_cmpstr (waymark_stage_get_name (first), ==, "Aufmerksamkeit");
    g_assert_cmpstr (waymark_lane_get_name (touchpoints), ==, "Kontaktpunkte");
  }
}

static void
collect_labels (GMenuModel *model,
                GPtrArray  *labels)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = NULL;
      char *label = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (labels, label);
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          collect_labels (linked, labels);
        }
    }
}

static GtkMenuButton *
find_menu_button_with_tooltip (GtkWidget  *widget,
                               const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *label)
{
  return g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL);
}

static void
test_window_menu (void)
{
  WaymarkWindow *window = waymark_window_new (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GtkMenuButton *button;

  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();

  /* The primary menu's button, found by its German tooltip. */
  button = find_menu_button_with_tooltip (GTK_WIDGET (window), "Hauptmenü");
  g_assert_nonnull (button);
  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  collect_labels (gtk_menu_button_get_menu_model (button), labels);
  g_assert_cmpuint (labels->len, >, 5);
  g_assert_true (labels_contain (labels, "_Tastenkürzel"));
  g_assert_true (labels_contain (labels, "_Neues Fenster"));
  g_assert_false (labels_contain (labels, "_Keyboard Shortcuts"));
  g_assert_false (labels_contain (labels, "_New Window"));

  destroy_window (window);
}

/* Screenshots to look at, for labels that German makes too long:
 * G_TEST_BUILDDIR/i18n-de-start.png and i18n-de-map.png. */
static void
test_window_screenshots (void)
{
  WaymarkWindow *window = waymark_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) file = test_examples_file ("grocery-first-order.jmap");

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  drain_main_context ();
  save_screenshot (GTK_WIDGET (window), "i18n-de-start.png");

  load_window (window, file);
  drain_main_context ();
  save_screenshot (GTK_WIDGET (window), "i18n-de-map.png");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = NULL;
  int status;

  /* Only C.UTF-8 is sure to exist; gettext honours LANGUAGE under any
   * locale but "C". gtk_test_init() sets en_US.UTF-8 (or fails to, on
   * a system without it): set the locale again afterwards, as main()
   * does. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  adw_init ();

  localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = test_app_new ();

  g_test_add_func ("/i18n/catalogue", test_catalogue);
  g_test_add_func ("/i18n/template-contents", test_template_contents);
  g_test_add_func ("/i18n/window-menu", test_window_menu);
  g_test_add_func ("/i18n/window-screenshots", test_window_screenshots);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
