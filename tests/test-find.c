/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Find (Ctrl+F) on the grocery example: the search bar over a canvas in a
 * real window (under Xvfb), and the matching rule underneath it. */
#include "config.h"

#include <adwaita.h>

#include "test-examples.h"
#include "test-gtk.h"
#include "test-util.h"
#include "waymark-canvas.h"
#include "waymark-find-bar.h"

typedef struct
{
  GtkWidget       *window;
  WaymarkCanvas   *canvas;
  WaymarkFindBar  *bar;
  WaymarkDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  f->document = test_examples_load ("grocery-first-order.jmap");
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  f->canvas = WAYMARK_CANVAS (waymark_canvas_new ());
  f->bar = WAYMARK_FIND_BAR (waymark_find_bar_new ());
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (f->canvas));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->bar));
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  waymark_canvas_set_document (f->canvas, f->document);
  waymark_find_bar_set_canvas (f->bar, f->canvas);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->canvas)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain_main_context ();
  g_assert_finalize_object (f->document);
}

/* The matches' ids, "a,b,c". */
static char *
match_ids (Fixture *f)
{
  g_autoptr(GPtrArray) matches = waymark_find_bar_get_matches (f->bar);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    g_string_append_printf (ids, "%s%s", i ? "," : "", waymark_card_get_id (matches->pdata[i]));
  return g_string_free (ids, FALSE);
}

static void
find (Fixture    *f,
      const char *text)
{
  gtk_editable_set_text (waymark_find_bar_get_entry (f->bar), text);
  waymark_find_bar_update (f->bar);
}

static WaymarkCard *
card (Fixture    *f,
      const char *id)
{
  WaymarkCard *c = waymark_document_lookup_card (f->document, id);

  g_assert_nonnull (c);
  return c;
}

static WaymarkCard *
selected (Fixture *f)
{
  g_autoptr(GPtrArray) selection = waymark_canvas_get_selection (f->canvas);

  g_assert_cmpuint (selection->len, ==, 1);
  return selection->pdata[0];
}

static const char *
count_text (Fixture *f)
{
  GtkWidget *entry = GTK_WIDGET (waymark_find_bar_get_entry (f->bar));
  GtkWidget *count = gtk_widget_get_last_child (gtk_widget_get_parent (entry));

  g_assert_true (GTK_IS_LABEL (count));
  return gtk_label_get_text (GTK_LABEL (count));
}

/* The rule under find: any text field, case and width folded. */
static void
test_matches_rule (Fixture       *f,
                   gconstpointer  data)
{
  struct { const char *needle; const char *ids; } cases[] = {
    /* Titles, in map order: stage by stage, then lane by lane. */
    { "slot", "c-a2,c-a3,c-q2,c-e3,c-p2,c-s2,c-b1" },
    { "SLOT", "c-a2,c-a3,c-q2,c-e3,c-p2,c-s2,c-b1" },
    /* Fullwidth letters fold to the same text. */
    { "\xEF\xBC\xB3lot", "c-a2,c-a3,c-q2,c-e3,c-p2,c-s2,c-b1" },
    /* A channel, as written and as read. */
    { "mobile-app", "c-t4,c-t5" },
    { "mobile app", "c-t4,c-t5" },
    /* Owner, notes and evidence. */
    { "logistics", "c-s2" },
    { "nightly", "c-b1" },
    { "analytics", "c-p2" },
    { "in progress", "c-s2" },
    { "no such text", "" },
    { "", "" },
  };

  waymark_find_bar_open (f->bar);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = NULL;

      find (f, cases[i].needle);
      ids = match_ids (f);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_navigate (Fixture       *f,
               gconstpointer  data)
{
  GtkEditable *entry = waymark_find_bar_get_entry (f->bar);

  g_assert_false (waymark_find_bar_is_open (f->bar));
  waymark_find_bar_open (f->bar);
  g_assert_true (waymark_find_bar_is_open (f->bar));
  WAIT_UNTIL (gtk_window_get_focus (GTK_WINDOW (f->window)) != NULL
              && gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_WIDGET (entry)));

  /* Typing makes the first match current, selects it and highlights
   * every match on the canvas. */
  find (f, "slot");
  g_assert_true (waymark_canvas_get_current_match (f->canvas) == card (f, "c-a2"));
  g_assert_true (selected (f) == card (f, "c-a2"));
  g_assert_true (waymark_canvas_is_match (f->canvas, card (f, "c-b1")));
  g_assert_false (waymark_canvas_is_match (f->canvas, card (f, "c-a1")));
  g_assert_cmpstr (count_text (f), ==, "1 of 7");

  /* Enter, and Shift+Enter back, wrapping at both ends. */
  waymark_find_bar_next (f->bar);
  g_assert_true (selected (f) == card (f, "c-a3"));
  g_assert_cmpstr (count_text (f), ==, "2 of 7");
  waymark_find_bar_previous (f->bar);
  waymark_find_bar_previous (f->bar);
  g_assert_true (selected (f) == card (f, "c-b1"));
  g_assert_true (waymark_canvas_get_current_match (f->canvas) == card (f, "c-b1"));
  g_assert_cmpstr (count_text (f), ==, "7 of 7");
  waymark_find_bar_next (f->bar);
  g_assert_true (selected (f) == card (f, "c-a2"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (selected (f) == card (f, "c-a3"));

  /* Enter right after typing searches first; the entry's own delayed
   * search afterwards does not jump back. */
  gtk_editable_set_text (entry, "SLOT");
  waymark_find_bar_next (f->bar);
  g_assert_true (selected (f) == card (f, "c-a2"));
  waymark_find_bar_next (f->bar);
  g_assert_true (selected (f) == card (f, "c-a3"));
  {
    gint64 until = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;

    WAIT_UNTIL (g_get_monotonic_time () > until);
  }
  g_assert_true (selected (f) == card (f, "c-a3"));

  /* Nothing found: said, and nothing highlighted. */
  find (f, "zebra");
  g_assert_cmpstr (count_text (f), ==, "No matches");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_false (waymark_canvas_is_match (f->canvas, card (f, "c-a3")));
  waymark_find_bar_next (f->bar);

  /* Closing clears the highlights and gives the map the focus back. */
  find (f, "slot");
  g_assert_true (waymark_canvas_is_match (f->canvas, card (f, "c-a3")));
  waymark_find_bar_close (f->bar);
  g_assert_false (waymark_find_bar_is_open (f->bar));
  g_assert_false (waymark_canvas_is_match (f->canvas, card (f, "c-a3")));
  g_assert_null (waymark_canvas_get_current_match (f->canvas));

  /* Opening again starts afresh (GtkSearchBar empties its entry). */
  waymark_find_bar_open (f->bar);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_false (waymark_canvas_is_match (f->canvas, card (f, "c-a3")));
  g_assert_cmpstr (count_text (f), ==, "");
}

/* Edits, undo and new cards change what is found; the current match
 * stays current while it matches. */
static void
test_follows_document (Fixture       *f,
                       gconstpointer  data)
{
  WaymarkHistory *history = waymark_document_get_history (f->document);
  g_autofree char *ids = NULL;
  WaymarkCard *added;

  waymark_find_bar_open (f->bar);
  find (f, "slot");
  waymark_find_bar_next (f->bar);
  waymark_find_bar_next (f->bar);
  g_assert_true (waymark_canvas_get_current_match (f->canvas) == card (f, "c-q2"));

  waymark_document_set_string (f->document, card (f, "c-e3"), "title", "Frustrated");
  WAIT_UNTIL (!waymark_canvas_is_match (f->canvas, card (f, "c-e3")));
  ids = match_ids (f);
  g_assert_cmpstr (ids, ==, "c-a2,c-a3,c-q2,c-p2,c-s2,c-b1");
  g_assert_true (waymark_canvas_get_current_match (f->canvas) == card (f, "c-q2"));
  g_assert_cmpstr (count_text (f), ==, "3 of 6");

  g_assert_true (waymark_history_undo (history));
  WAIT_UNTIL (waymark_canvas_is_match (f->canvas, card (f, "c-e3")));

  /* A new card in the first stage comes first. */
  added = waymark_document_add_card (f->document, "st-aware", "ln-back", "Slot grid published", -1);
  WAIT_UNTIL (waymark_canvas_is_match (f->canvas, added));
  g_clear_pointer (&ids, g_free);
  ids = match_ids (f);
  g_assert_true (g_str_has_prefix (ids, waymark_card_get_id (added)));

  /* The current match deleted: none is current, and Enter goes on from
   * the start. */
  waymark_document_remove_card (f->document, card (f, "c-q2"));
  WAIT_UNTIL (waymark_canvas_get_current_match (f->canvas) == NULL);
  waymark_find_bar_next (f->bar);
  g_assert_true (waymark_canvas_get_current_match (f->canvas) == added);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (waymark_find_bar_get_entry (f->bar));

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->bar)), ==, GTK_ACCESSIBLE_ROLE_SEARCH);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Find cards by their text");
  for (GtkWidget *w = gtk_widget_get_next_sibling (entry); w != NULL; w = gtk_widget_get_next_sibling (w))
    for (GtkWidget *button = gtk_widget_get_first_child (w); button != NULL; button = gtk_widget_get_next_sibling (button))
      if (GTK_IS_BUTTON (button))
        g_assert_nonnull (gtk_widget_get_tooltip_text (button));
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *content = gtk_window_get_child (GTK_WINDOW (f->window));

  WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 1000);
  waymark_find_bar_open (f->bar);
  find (f, "slot");
  waymark_find_bar_next (f->bar);
  waymark_find_bar_next (f->bar);
  wait_frames (content, 3);
  save_screenshot (content, "find-slot.png");
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  add_test ("/find/matches", test_matches_rule);
  add_test ("/find/navigate", test_navigate);
  add_test ("/find/follows-document", test_follows_document);
  add_test ("/find/accessible", test_accessible);
  add_test ("/find/screenshot", test_screenshot);
  return g_test_run ();
}
