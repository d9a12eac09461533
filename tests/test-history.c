/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for WaymarkHistory: steps, groups, labels and notifications. */
#include "config.h"

#include <libglib-testing/signal-logger.h>

#include "test-util.h"
#include "waymark-document.h"

static void
test_empty (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  WaymarkHistory *history = waymark_document_get_history (doc);

  g_assert_false (waymark_history_undo (history));
  g_assert_false (waymark_history_redo (history));
  g_assert_null (waymark_history_get_undo_label (history));
  g_assert_null (waymark_history_get_redo_label (history));
  g_assert_finalize_object (doc);
}

static void
test_notify (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, history, "notify::can-undo");
  gt_signal_logger_connect (logger, history, "notify::can-redo");

  waymark_document_add_stage (doc, "One", -1);
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-undo");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Add Stage");

  waymark_document_add_stage (doc, "Two", -1);
  gt_signal_logger_assert_no_emissions (logger);

  waymark_history_undo (history);
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-redo");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpstr (waymark_history_get_redo_label (history), ==, "Add Stage");

  waymark_history_undo (history);
  gt_signal_logger_assert_notify_emission_pop (logger, history, "can-undo");
  gt_signal_logger_assert_no_emissions (logger);

  /* A new edit drops the redo steps. Both notifications come (GLib does
   * not promise their order). */
  waymark_document_add_lane (doc, "text", "Lane", -1);
  g_assert_cmpuint (gt_signal_logger_get_n_emissions (logger), ==, 2);
  g_assert_true (gt_signal_logger_pop_emission (logger, NULL, NULL, NULL, NULL));
  g_assert_true (gt_signal_logger_pop_emission (logger, NULL, NULL, NULL, NULL));
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (waymark_history_get_can_undo (history));
  g_assert_false (waymark_history_get_can_redo (history));
  gt_signal_logger_free (g_steal_pointer (&logger));
  g_assert_finalize_object (doc);
}

static void
test_group (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  g_autofree char *before = test_util_dump (doc);
  g_autofree char *after = NULL;
  WaymarkCard *a1 = waymark_document_lookup_card (doc, "c-a1");

  /* A drag: several moves and an edit are one step. */
  waymark_history_begin_group (history, "Drag Card");
  waymark_document_move_cards (doc, &a1, 1, "st-b", "ln-act", 0);
  waymark_document_move_cards (doc, &a1, 1, "st-c", "ln-act", 0);
  waymark_history_begin_group (history, NULL);
  waymark_document_set_string (doc, a1, "title", "Dragged");
  waymark_document_set_string (doc, a1, "title", "Dragged!");
  waymark_history_end_group (history);
  waymark_history_end_group (history);
  after = test_util_dump (doc);

  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Drag Card");
  g_assert_true (waymark_history_undo (history));
  {
    g_autofree char *undone = test_util_dump (doc);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_true (waymark_history_redo (history));
  {
    g_autofree char *redone = test_util_dump (doc);
    g_assert_cmpstr (redone, ==, after);
  }

  /* An empty group records nothing. */
  waymark_history_begin_group (history, "Nothing");
  waymark_history_end_group (history);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Drag Card");

  /* A group of one takes the group's label. */
  waymark_history_begin_group (history, "Rename");
  waymark_document_set_string (doc, a1, "title", "Renamed");
  waymark_history_end_group (history);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 2);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Rename");

  /* Typing, then a one-edit gesture on the same field: two steps. */
  waymark_history_break_coalescing (history);
  waymark_document_set_string (doc, a1, "notes", "typed");
  waymark_history_begin_group (history, "Gesture");
  waymark_document_set_string (doc, a1, "notes", "by gesture");
  waymark_history_end_group (history);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 4);
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_notes (a1), ==, "typed");
  g_assert_finalize_object (doc);
}

static void
test_group_label_default (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);

  waymark_history_begin_group (history, NULL);
  waymark_document_add_stage (doc, "One", -1);
  waymark_document_add_lane (doc, "text", "L", -1);
  waymark_history_end_group (history);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Add Stage");
  g_assert_finalize_object (doc);
}

static void
test_clear (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);

  waymark_document_add_stage (doc, "One", -1);
  waymark_document_add_stage (doc, "Two", -1);
  waymark_history_undo (history);
  waymark_history_clear (history);
  g_assert_false (waymark_history_get_can_undo (history));
  g_assert_false (waymark_history_get_can_redo (history));
  /* The content is unsaved still: clearing forgets steps, not edits. */
  g_assert_true (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);
}

/* Removed objects live on in the history; dropping the document frees
 * them too. */
static void
test_history_owns_removed (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *card = g_object_ref (waymark_document_lookup_card (doc, "c-a1"));

  waymark_document_remove_card (doc, card);
  g_assert_cmpuint (G_OBJECT (card)->ref_count, >=, 2);
  g_assert_finalize_object (doc);
  g_assert_finalize_object (card);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/empty", test_empty);
  g_test_add_func ("/history/notify", test_notify);
  g_test_add_func ("/history/group", test_group);
  g_test_add_func ("/history/group-label-default", test_group_label_default);
  g_test_add_func ("/history/clear", test_clear);
  g_test_add_func ("/history/owns-removed", test_history_owns_removed);

  return g_test_run ();
}
