/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The German translation inside the GTK interface: with LANGUAGE=de and
 * the catalogue the build made (BUILDDIR/po/de/LC_MESSAGES/waymark.mo),
 * strings from C, plural forms, contexts and a window's menu, built from
 * its .ui template, come out German. Runs under Xvfb. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "test-app.h"
#include "test-examples.h"
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
  g_test_add_func ("/i18n/window-menu", test_window_menu);
  g_test_add_func ("/i18n/window-screenshots", test_window_screenshots);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
