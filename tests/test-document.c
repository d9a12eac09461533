/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests for WaymarkDocument: every operation, its undo and its redo. */
#include "config.h"

#include <libglib-testing/signal-logger.h>

#include "test-util.h"
#include "waymark-document.h"

/* After an operation: undo gives back before, redo gives back after. */
static void
assert_undo_redo (WaymarkDocument *doc,
                  const char      *before)
{
  WaymarkHistory *history = waymark_document_get_history (doc);
  g_autofree char *after = test_util_dump (doc);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (before, !=, after);
  g_assert_true (waymark_history_undo (history));
  undone = test_util_dump (doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (waymark_history_redo (history));
  redone = test_util_dump (doc);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_new (void)
{
  WaymarkDocument *doc = waymark_document_new ();

  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_stages (doc)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 0);
  g_assert_true (g_list_model_get_item_type (waymark_document_get_cards (doc)) == WAYMARK_TYPE_CARD);
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "");
  g_assert_false (waymark_history_get_can_undo (waymark_document_get_history (doc)));
  g_assert_finalize_object (doc);
}

static void
test_lookup (void)
{
  WaymarkDocument *doc = test_util_sample ();
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  WaymarkCard *card;

  g_assert_nonnull (waymark_document_lookup_stage (doc, "st-a"));
  g_assert_null (waymark_document_lookup_card (doc, "st-a"));
  g_assert_nonnull (waymark_document_lookup_card (doc, "c-p1"));
  g_assert_nonnull (waymark_document_lookup_persona (doc, "p-maria"));
  g_assert_null (waymark_document_lookup (doc, "nope"));
  g_assert_null (waymark_document_lookup (doc, NULL));
  g_assert_cmpint (waymark_document_index_of (doc, waymark_document_lookup_card (doc, "c-p1")), ==, 4);

  /* A removed object's id is never handed out again: undo brings it back. */
  card = waymark_document_add_card (doc, "st-a", "ln-act", "New", -1);
  id1 = g_strdup (waymark_card_get_id (card));
  waymark_history_undo (waymark_document_get_history (doc));
  g_assert_null (waymark_document_lookup (doc, id1));
  id2 = waymark_document_make_id (doc, "card");
  g_assert_cmpstr (id1, !=, id2);
  waymark_history_redo (waymark_document_get_history (doc));
  g_assert_true (waymark_document_lookup_card (doc, id1) == card);
  g_assert_finalize_object (doc);
}

static void
test_set_string (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  WaymarkCard *card = waymark_document_lookup_card (doc, "c-a1");
  g_autofree char *before = test_util_dump (doc);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, card, "notify::title");
  gt_signal_logger_connect (logger, doc, "changed");
  gt_signal_logger_connect (logger, doc, "notify::modified");

  waymark_document_set_string (doc, card, "title", "Sees a post");
  gt_signal_logger_assert_notify_emission_pop (logger, card, "title");
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "modified");
  gt_signal_logger_assert_emission_pop (logger, doc, "changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpstr (waymark_card_get_title (card), ==, "Sees a post");
  g_assert_true (waymark_document_get_modified (doc));
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Edit Card");

  /* Setting the same value records nothing and says nothing. */
  waymark_document_set_string (doc, card, "title", "Sees a post");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 1);

  assert_undo_redo (doc, before);
  gt_signal_logger_free (g_steal_pointer (&logger));

  /* The map's own fields go through the same operation. */
  waymark_document_set_string (doc, doc, "title", "Groceries");
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "Groceries");
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Edit Map");
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "Sample");
  g_assert_finalize_object (doc);
}

static void
test_set_coalesce (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  WaymarkCard *card = waymark_document_lookup_card (doc, "c-a1");
  WaymarkCard *other = waymark_document_lookup_card (doc, "c-a2");

  /* A typing burst in one field is one step... */
  waymark_document_set_string (doc, card, "notes", "H");
  waymark_document_set_string (doc, card, "notes", "He");
  waymark_document_set_string (doc, card, "notes", "Hello");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 1);
  /* ...another field or object starts a new one... */
  waymark_document_set_string (doc, card, "owner", "Web");
  waymark_document_set_string (doc, other, "owner", "App");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 3);
  /* ...and so does a break (focus left the field). */
  waymark_document_set_string (doc, other, "owner", "App team");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 3);
  waymark_history_break_coalescing (history);
  waymark_document_set_string (doc, other, "owner", "App team 2");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 4);

  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_owner (other), ==, "App team");
  waymark_history_undo (history);
  waymark_history_undo (history);
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_notes (card), ==, "");
  g_assert_false (waymark_document_get_modified (doc));

  /* Non-text values never coalesce. */
  waymark_document_set_boolean (doc, card, "moment-of-truth", TRUE);
  waymark_document_set_boolean (doc, card, "moment-of-truth", FALSE);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 2);
  g_assert_finalize_object (doc);
}

/* A value chosen in one go is a step of its own between typing. */
static void
test_set_string_step (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  WaymarkCard *card = waymark_document_lookup_card (doc, "c-a1");

  waymark_document_set_string (doc, card, "owner", "W");
  waymark_document_set_string_step (doc, card, "owner", "Web team");
  waymark_document_set_string (doc, card, "owner", "Web team 2");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 3);
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_owner (card), ==, "Web team");
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_owner (card), ==, "W");
  g_assert_finalize_object (doc);
}

/* Typing in one persona entry or one KPI coalesces too; other list
 * edits, and another element, start a new step. */
static void
test_set_coalesce_elements (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  WaymarkStage *stage = waymark_document_lookup_stage (doc, "st-a");
  WaymarkPersona *persona = waymark_document_add_persona (doc, "Maria", -1);
  g_autofree char *before = NULL;
  g_autoptr(WaymarkKpi) kpi = waymark_kpi_new ("N", "", "");
  guint n;

  waymark_document_insert_persona_entry (doc, persona, "goals", -1, "");
  waymark_document_insert_persona_entry (doc, persona, "goals", -1, "Save time");
  waymark_history_break_coalescing (history);
  before = test_util_dump (doc);
  n = waymark_history_get_n_undo (history);

  waymark_document_set_persona_entry (doc, persona, "goals", 0, "F");
  waymark_document_set_persona_entry (doc, persona, "goals", 0, "Fr");
  waymark_document_set_persona_entry (doc, persona, "goals", 0, "Fresh food");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n + 1);
  waymark_document_set_persona_entry (doc, persona, "goals", 1, "Save money");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n + 2);
  waymark_document_move_persona_entry (doc, persona, "goals", 0, 1);
  waymark_document_move_persona_entry (doc, persona, "goals", 0, 1);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n + 4);
  g_assert_cmpstrv (waymark_persona_get_list (persona, "goals"),
                    ((const char *[]) { "Fresh food", "Save money", NULL }));

  waymark_document_insert_kpi (doc, stage, -1, kpi);
  g_clear_pointer (&kpi, waymark_kpi_free);
  kpi = waymark_kpi_new ("NPS", "", "");
  waymark_document_set_kpi (doc, stage, 1, kpi);
  g_clear_pointer (&kpi, waymark_kpi_free);
  kpi = waymark_kpi_new ("NPS", "+21", "");
  waymark_document_set_kpi (doc, stage, 1, kpi);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n + 6);
  g_clear_pointer (&kpi, waymark_kpi_free);
  kpi = waymark_kpi_new ("Reach", "1", "2");
  waymark_document_set_kpi (doc, stage, 0, kpi);
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n + 7);

  while (waymark_history_get_n_undo (history) > n)
    waymark_history_undo (history);
  test_util_assert_dump (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_set_coalesce_saved (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  WaymarkCard *card = waymark_document_lookup_card (doc, "c-a1");

  waymark_document_set_string (doc, card, "notes", "Draft");
  waymark_document_set_saved (doc);
  g_assert_false (waymark_document_get_modified (doc));
  /* Typing on after a save must not fold into the saved step, or undo
   * could never get back to what is on disk. */
  waymark_document_set_string (doc, card, "notes", "Draft 2");
  g_assert_true (waymark_document_get_modified (doc));
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 2);
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_card_get_notes (card), ==, "Draft");
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);
}

static void
test_set_other_types (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *card = waymark_document_lookup_card (doc, "c-a1");
  static const char * const personas[] = { "p-george", NULL };
  g_autofree char *before = NULL;

  before = test_util_dump (doc);
  waymark_document_set_boolean (doc, card, "moment-of-truth", TRUE);
  g_assert_true (waymark_card_get_moment_of_truth (card));
  assert_undo_redo (doc, before);

  g_free (before);
  before = test_util_dump (doc);
  waymark_document_set_strv (doc, card, "personas", personas);
  g_assert_cmpstrv (waymark_card_get_personas (card), personas);
  assert_undo_redo (doc, before);

  g_free (before);
  before = test_util_dump (doc);
  waymark_document_set_string (doc, waymark_document_lookup_lane (doc, "ln-act"), "kind", "x-future");
  g_assert_cmpint (waymark_lane_get_kind_enum (waymark_document_lookup_lane (doc, "ln-act")), ==,
                   WAYMARK_LANE_KIND_TEXT);
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_emotion (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *plain = waymark_document_lookup_card (doc, "c-a1");
  WaymarkCard *curious = waymark_document_lookup_card (doc, "c-e1");
  g_autofree char *before = test_util_dump (doc);

  /* Absent and 0 are different: setting 0 on a card without emotion is
   * an edit, and undo makes it absent again. */
  waymark_document_set_card_emotion (doc, plain, TRUE, 0);
  g_assert_true (waymark_card_get_has_emotion (plain));
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  waymark_document_set_int (doc, curious, "emotion", 5);
  g_assert_cmpint (waymark_card_get_emotion (curious), ==, 2);
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  waymark_document_set_boolean (doc, curious, "has-emotion", FALSE);
  g_assert_false (waymark_card_get_has_emotion (curious));
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));
  g_assert_cmpint (waymark_card_get_emotion (curious), ==, 1);
  g_assert_finalize_object (doc);
}

static void
test_stage_add_move (void)
{
  WaymarkDocument *doc = test_util_sample ();
  GListModel *stages = waymark_document_get_stages (doc);
  g_autofree char *before = test_util_dump (doc);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  WaymarkStage *stage;

  gt_signal_logger_connect (logger, stages, "items-changed");
  stage = waymark_document_add_stage (doc, "Retention", -1);
  gt_signal_logger_assert_emission_pop (logger, stages, "items-changed", NULL, NULL, NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 4);
  g_assert_cmpint (waymark_document_index_of (doc, stage), ==, 3);
  assert_undo_redo (doc, before);
  gt_signal_logger_free (g_steal_pointer (&logger));

  g_free (before);
  before = test_util_dump (doc);
  waymark_document_move_stage (doc, stage, 0);
  g_assert_cmpint (waymark_document_index_of (doc, stage), ==, 0);
  {
    g_autoptr(WaymarkStage) second = g_list_model_get_item (stages, 1);
    g_assert_cmpstr (waymark_stage_get_id (second), ==, "st-a");
  }
  assert_undo_redo (doc, before);

  g_free (before);
  before = test_util_dump (doc);
  waymark_document_add_stage (doc, "Start", 0);
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_stage_remove (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  g_autofree char *before = test_util_dump (doc);
  WaymarkCard *solution = waymark_document_lookup_card (doc, "c-s1");

  /* st-b holds c-b1, c-t1, c-p1, c-e2; c-s1 (in st-c) links to c-p1. */
  waymark_document_remove_stage (doc, waymark_document_lookup_stage (doc, "st-b"));
  g_assert_null (waymark_document_lookup (doc, "st-b"));
  g_assert_null (waymark_document_lookup (doc, "c-p1"));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 4);
  g_assert_cmpstrv (waymark_card_get_links (solution), ((const char *[]) { NULL }));
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, 1);
  g_assert_cmpstr (waymark_history_get_undo_label (history), ==, "Delete Stage");
  assert_undo_redo (doc, before);

  waymark_history_undo (history);
  g_assert_cmpstrv (waymark_card_get_links (solution), ((const char *[]) { "c-p1", NULL }));
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);
}

static void
test_lane_remove_move (void)
{
  WaymarkDocument *doc = test_util_sample ();
  g_autofree char *before = test_util_dump (doc);
  WaymarkLane *lane;

  waymark_document_remove_lane (doc, waymark_document_lookup_lane (doc, "ln-act"));
  g_assert_null (waymark_document_lookup (doc, "c-a1"));
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, 4);
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  lane = waymark_document_add_lane (doc, "backstage", "Backstage", 1);
  g_assert_cmpstr (waymark_lane_get_kind (lane), ==, "backstage");
  g_assert_cmpint (waymark_document_index_of (doc, lane), ==, 1);
  g_free (before);
  before = test_util_dump (doc);
  waymark_document_move_lane (doc, lane, 99);
  g_assert_cmpint (waymark_document_index_of (doc, lane), ==, 3);
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_card_add (void)
{
  WaymarkDocument *doc = test_util_sample ();
  g_autofree char *before = test_util_dump (doc);
  g_autofree char *cell = NULL;
  WaymarkCard *card;

  card = waymark_document_add_card (doc, "st-a", "ln-act", "First", 0);
  cell = test_util_cell_titles (doc, "st-a", "ln-act");
  g_assert_cmpstr (cell, ==, "First,A1,A2");
  g_assert_cmpint (waymark_document_index_of (doc, card), ==, 0);
  assert_undo_redo (doc, before);

  g_free (cell);
  waymark_document_add_card (doc, "st-a", "ln-act", "Middle", 2);
  cell = test_util_cell_titles (doc, "st-a", "ln-act");
  g_assert_cmpstr (cell, ==, "First,A1,Middle,A2");

  g_free (cell);
  waymark_document_add_card (doc, "st-a", "ln-act", "Last", -1);
  cell = test_util_cell_titles (doc, "st-a", "ln-act");
  g_assert_cmpstr (cell, ==, "First,A1,Middle,A2,Last");

  /* An empty cell: the card goes at the end of the file. */
  card = waymark_document_add_card (doc, "st-c", "ln-act", "Alone", 3);
  g_assert_cmpint (waymark_document_index_of (doc, card), ==,
                   (int) g_list_model_get_n_items (waymark_document_get_cards (doc)) - 1);
  g_assert_finalize_object (doc);
}

static void
test_card_remove (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *pain = waymark_document_lookup_card (doc, "c-p1");
  WaymarkCard *touch = waymark_document_lookup_card (doc, "c-t1");
  WaymarkCard *solution = waymark_document_lookup_card (doc, "c-s1");
  WaymarkCard *both[2] = { touch, pain };
  g_autofree char *before = test_util_dump (doc);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  GListModel *cards = waymark_document_get_cards (doc);
  guint pos = 0, removed = 0, added = 0;

  gt_signal_logger_connect (logger, cards, "items-changed");
  waymark_document_remove_cards (doc, both, 2);
  /* One range changed: c-t1 and c-p1 at 3 and 4. */
  gt_signal_logger_assert_emission_pop (logger, cards, "items-changed", &pos, &removed, &added);
  g_assert_cmpuint (pos, ==, 3);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (added, ==, 0);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_null (waymark_document_lookup (doc, "c-p1"));
  g_assert_cmpstrv (waymark_card_get_links (solution), ((const char *[]) { NULL }));
  g_assert_cmpstr (waymark_history_get_undo_label (waymark_document_get_history (doc)), ==,
                   "Delete Cards");
  assert_undo_redo (doc, before);
  gt_signal_logger_free (g_steal_pointer (&logger));
  g_assert_finalize_object (doc);
}

static void
test_card_duplicate (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *a1 = waymark_document_lookup_card (doc, "c-a1");
  WaymarkCard *p1 = waymark_document_lookup_card (doc, "c-p1");
  WaymarkCard *sel[2] = { p1, a1 };
  g_autofree char *before = test_util_dump (doc);
  g_autofree char *cell = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  WaymarkCard *copy;

  copies = waymark_document_duplicate_cards (doc, sel, 2);
  g_assert_cmpuint (copies->len, ==, 2);
  /* In document order: the copy of a1, then that of p1. */
  copy = g_ptr_array_index (copies, 1);
  g_assert_cmpstr (waymark_card_get_title (copy), ==, "P1");
  g_assert_cmpstr (waymark_card_get_id (copy), !=, "c-p1");
  g_assert_cmpstr (waymark_card_get_priority (copy), ==, "high");
  g_assert_cmpstrv (waymark_card_get_links (copy), ((const char *[]) { "c-t1", NULL }));
  g_assert_cmpint (waymark_document_index_of (doc, copy), ==, waymark_document_index_of (doc, p1) + 1);
  g_assert_cmpint (waymark_document_index_of (doc, g_ptr_array_index (copies, 0)), ==, 1);
  cell = test_util_cell_titles (doc, "st-a", "ln-act");
  g_assert_cmpstr (cell, ==, "A1,A1,A2");
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_card_move (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *a1 = waymark_document_lookup_card (doc, "c-a1");
  WaymarkCard *a2 = waymark_document_lookup_card (doc, "c-a2");
  WaymarkCard *b1 = waymark_document_lookup_card (doc, "c-b1");
  g_autofree char *before = test_util_dump (doc);
  g_autofree char *cell = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  WaymarkCard *pair[2] = { a2, a1 };

  /* Into another cell, between its two cards. */
  gt_signal_logger_connect (logger, a1, "notify::stage");
  waymark_document_move_cards (doc, &a1, 1, "st-b", "ln-act", 1);
  gt_signal_logger_assert_notify_emission_pop (logger, a1, "stage");
  gt_signal_logger_assert_no_emissions (logger);
  cell = test_util_cell_titles (doc, "st-b", "ln-act");
  g_assert_cmpstr (cell, ==, "B1,A1,T1");
  g_assert_cmpstr (waymark_card_get_stage (a1), ==, "st-b");
  g_assert_cmpstr (waymark_history_get_undo_label (waymark_document_get_history (doc)), ==, "Move Card");
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  /* Within the cell: a2 to the top. */
  waymark_document_move_cards (doc, &a2, 1, "st-a", "ln-act", 0);
  g_free (cell);
  cell = test_util_cell_titles (doc, "st-a", "ln-act");
  g_assert_cmpstr (cell, ==, "A2,A1");
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  /* Where it already is: nothing recorded. */
  waymark_document_move_cards (doc, &a1, 1, "st-a", "ln-act", 0);
  g_assert_false (waymark_history_get_can_undo (waymark_document_get_history (doc)) &&
                  waymark_document_get_modified (doc));

  /* Several cards keep their order, to the end of a cell. */
  waymark_document_move_cards (doc, pair, 2, "st-b", "ln-act", -1);
  g_free (cell);
  cell = test_util_cell_titles (doc, "st-b", "ln-act");
  g_assert_cmpstr (cell, ==, "B1,T1,A1,A2");
  g_assert_cmpstr (waymark_history_get_undo_label (waymark_document_get_history (doc)), ==, "Move Cards");
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  /* Into an empty cell: the file order stays, the cell changes. */
  waymark_document_move_cards (doc, &b1, 1, "st-c", "ln-act", 0);
  g_assert_cmpint (waymark_document_index_of (doc, b1), ==, 2);
  g_free (cell);
  cell = test_util_cell_titles (doc, "st-c", "ln-act");
  g_assert_cmpstr (cell, ==, "B1");
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_links_personas (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkCard *a1 = waymark_document_lookup_card (doc, "c-a1");
  WaymarkCard *p1 = waymark_document_lookup_card (doc, "c-p1");
  WaymarkCard *t1 = waymark_document_lookup_card (doc, "c-t1");
  g_autofree char *before = test_util_dump (doc);

  waymark_document_link_cards (doc, p1, a1);
  g_assert_cmpstrv (waymark_card_get_links (p1), ((const char *[]) { "c-t1", "c-a1", NULL }));
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  waymark_document_unlink_cards (doc, p1, t1);
  g_assert_cmpstrv (waymark_card_get_links (p1), ((const char *[]) { NULL }));
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  g_assert_true (waymark_card_applies_to (a1, "p-george"));
  waymark_document_set_card_persona (doc, a1, "p-maria", TRUE);
  g_assert_false (waymark_card_applies_to (a1, "p-george"));
  g_assert_true (waymark_card_applies_to (a1, "p-maria"));
  assert_undo_redo (doc, before);
  g_assert_finalize_object (doc);
}

static void
test_persona_ops (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkPersona *maria = waymark_document_lookup_persona (doc, "p-maria");
  WaymarkCard *t1 = waymark_document_lookup_card (doc, "c-t1");
  g_autofree char *before = test_util_dump (doc);
  WaymarkPersona *added;

  waymark_document_remove_persona (doc, maria);
  g_assert_null (waymark_document_lookup (doc, "p-maria"));
  g_assert_cmpstrv (waymark_card_get_personas (t1), ((const char *[]) { NULL }));
  g_assert_cmpuint (waymark_history_get_n_undo (waymark_document_get_history (doc)), ==, 1);
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  added = waymark_document_add_persona (doc, "Ana", 0);
  g_assert_cmpint (waymark_document_index_of (doc, added), ==, 0);
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  waymark_document_move_persona (doc, maria, 1);
  assert_undo_redo (doc, before);
  waymark_history_undo (waymark_document_get_history (doc));

  waymark_document_insert_persona_entry (doc, maria, "goals", 1, "Cheap");
  g_assert_cmpstrv (waymark_persona_get_list (maria, "goals"),
                    ((const char *[]) { "Order fast", "Cheap", "Evening slot", NULL }));
  assert_undo_redo (doc, before);
  waymark_document_set_persona_entry (doc, maria, "goals", 0, "Order in 5 minutes");
  waymark_document_move_persona_entry (doc, maria, "goals", 0, 2);
  g_assert_cmpstrv (waymark_persona_get_list (maria, "goals"),
                    ((const char *[]) { "Cheap", "Evening slot", "Order in 5 minutes", NULL }));
  waymark_document_remove_persona_entry (doc, maria, "goals", 1);
  g_assert_cmpstrv (waymark_persona_get_list (maria, "goals"),
                    ((const char *[]) { "Cheap", "Order in 5 minutes", NULL }));
  waymark_document_insert_persona_entry (doc, maria, "behaviors", -1, "Orders at night");
  g_assert_cmpstrv (waymark_persona_get_list (maria, "behaviors"),
                    ((const char *[]) { "Orders at night", NULL }));
  for (guint i = 0; i < 5; i++)
    waymark_history_undo (waymark_document_get_history (doc));
  {
    g_autofree char *undone = test_util_dump (doc);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_finalize_object (doc);
}

static void
test_kpis (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkStage *stage = waymark_document_lookup_stage (doc, "st-a");
  g_autofree char *before = test_util_dump (doc);
  g_autoptr(WaymarkKpi) nps = waymark_kpi_new ("NPS", "+21", "+40");
  g_autoptr(WaymarkKpi) reach = waymark_kpi_new ("Reach", "130k", "150k");
  GPtrArray *kpis;

  waymark_document_insert_kpi (doc, stage, -1, nps);
  kpis = waymark_stage_get_kpis (stage);
  g_assert_cmpuint (kpis->len, ==, 2);
  g_assert_true (waymark_kpi_equal (g_ptr_array_index (kpis, 1), nps));
  assert_undo_redo (doc, before);

  waymark_document_set_kpi (doc, stage, 0, reach);
  g_assert_cmpstr (((WaymarkKpi *) g_ptr_array_index (waymark_stage_get_kpis (stage), 0))->value, ==, "130k");
  waymark_document_remove_kpi (doc, stage, 1);
  g_assert_cmpuint (waymark_stage_get_kpis (stage)->len, ==, 1);
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_history_undo (waymark_document_get_history (doc));
  {
    g_autofree char *undone = test_util_dump (doc);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_finalize_object (doc);
}

static void
test_modified (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, doc, "notify::modified");
  g_assert_false (waymark_document_get_modified (doc));
  waymark_document_add_stage (doc, "One", -1);
  waymark_document_add_stage (doc, "Two", -1);
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "modified");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (waymark_document_get_modified (doc));

  waymark_document_set_saved (doc);
  gt_signal_logger_assert_notify_emission_pop (logger, doc, "modified");
  g_assert_false (waymark_document_get_modified (doc));

  /* Undo away from the saved state and back to it. */
  waymark_history_undo (history);
  g_assert_true (waymark_document_get_modified (doc));
  waymark_history_redo (history);
  g_assert_false (waymark_document_get_modified (doc));

  /* Undo, then a new edit: the saved state is gone for good. */
  waymark_history_undo (history);
  waymark_document_add_stage (doc, "Three", -1);
  g_assert_true (waymark_document_get_modified (doc));
  g_assert_false (waymark_history_get_can_redo (history));
  waymark_history_undo (history);
  g_assert_true (waymark_document_get_modified (doc));

  /* A repaired document is unsaved even with nothing to undo. */
  waymark_history_clear (history);
  waymark_document_set_saved (doc);
  waymark_document_mark_unsaved (doc);
  g_assert_true (waymark_document_get_modified (doc));
  g_assert_false (waymark_history_get_can_undo (history));
  gt_signal_logger_free (g_steal_pointer (&logger));
  g_assert_finalize_object (doc);
}

/* A save runs while the user goes on editing: only the state that was
 * written becomes the saved one, even when typing continues in the same
 * field (which would otherwise fold into the saved step). */
static void
test_save_checkpoint (void)
{
  WaymarkDocument *doc = test_util_sample ();
  WaymarkHistory *history = waymark_document_get_history (doc);
  guint64 checkpoint;
  guint n_undo;

  waymark_document_set_string (doc, doc, "title", "Grocery");
  checkpoint = waymark_document_checkpoint (doc);
  n_undo = waymark_history_get_n_undo (history);

  /* Typing goes on in the title while the file is written. */
  waymark_document_set_string (doc, doc, "title", "Grocery run");
  g_assert_cmpuint (waymark_history_get_n_undo (history), ==, n_undo + 1);
  waymark_document_set_saved_at (doc, checkpoint);
  g_assert_true (waymark_document_get_modified (doc));

  /* Undoing the typing comes back to what is on disk. */
  waymark_history_undo (history);
  g_assert_cmpstr (waymark_document_get_title (doc), ==, "Grocery");
  g_assert_false (waymark_document_get_modified (doc));

  /* Nothing typed since: saved as it stands. */
  checkpoint = waymark_document_checkpoint (doc);
  waymark_document_set_saved_at (doc, checkpoint);
  g_assert_false (waymark_document_get_modified (doc));
  g_assert_finalize_object (doc);
}

static void
test_load_contents (void)
{
  WaymarkDocument *doc = test_util_sample ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  GListModel *cards = waymark_document_get_cards (doc);

  waymark_document_add_stage (doc, "One", -1);
  gt_signal_logger_connect (logger, cards, "items-changed");
  gt_signal_logger_connect (logger, doc, "changed");
  waymark_document_load_contents (doc, NULL, NULL, NULL, NULL);
  gt_signal_logger_assert_emission_pop (logger, cards, "items-changed", NULL, NULL, NULL);
  gt_signal_logger_assert_emission_pop (logger, doc, "changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpuint (g_list_model_get_n_items (cards), ==, 0);
  g_assert_false (waymark_history_get_can_undo (waymark_document_get_history (doc)));
  g_assert_null (waymark_document_lookup (doc, "c-a1"));
  gt_signal_logger_free (g_steal_pointer (&logger));
  g_assert_finalize_object (doc);
}

/* 20,000 cards: moving, removing and undoing stay linear (a quadratic
 * step would take minutes here). */
static void
test_many_cards (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  g_autofree char *before = NULL;
  const guint n = 20000;

  g_ptr_array_add (stages, waymark_stage_new ("s0", "A"));
  g_ptr_array_add (stages, waymark_stage_new ("s1", "B"));
  g_ptr_array_add (lanes, waymark_lane_new ("l0", "actions", "L"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_ptr_array_add (cards, waymark_card_new (id, i % 2 ? "s1" : "s0", "l0", id));
    }
  waymark_document_load_contents (doc, stages, lanes, cards, NULL);
  before = test_util_dump (doc);

  for (guint i = 0; i < n; i += 3)
    g_ptr_array_add (selection, g_ptr_array_index (cards, i));
  waymark_document_move_cards (doc, (WaymarkCard **) selection->pdata, selection->len, "s1", "l0", 10);
  g_ptr_array_unref (waymark_document_duplicate_cards (doc, (WaymarkCard **) selection->pdata,
                                                      selection->len));
  waymark_document_remove_cards (doc, (WaymarkCard **) selection->pdata, selection->len);
  g_assert_cmpuint (g_list_model_get_n_items (waymark_document_get_cards (doc)), ==, n);
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_history_undo (waymark_document_get_history (doc));
  {
    g_autofree char *after = test_util_dump (doc);
    g_assert_cmpstr (after, ==, before);
  }
  g_ptr_array_set_size (cards, 0);
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_new);
  g_test_add_func ("/document/lookup", test_lookup);
  g_test_add_func ("/document/set/string", test_set_string);
  g_test_add_func ("/document/set/coalesce", test_set_coalesce);
  g_test_add_func ("/document/set/coalesce-saved", test_set_coalesce_saved);
  g_test_add_func ("/document/set/coalesce-elements", test_set_coalesce_elements);
  g_test_add_func ("/document/set/string-step", test_set_string_step);
  g_test_add_func ("/document/set/other-types", test_set_other_types);
  g_test_add_func ("/document/set/emotion", test_emotion);
  g_test_add_func ("/document/stage/add-move", test_stage_add_move);
  g_test_add_func ("/document/stage/remove", test_stage_remove);
  g_test_add_func ("/document/lane/remove-move", test_lane_remove_move);
  g_test_add_func ("/document/card/add", test_card_add);
  g_test_add_func ("/document/card/remove", test_card_remove);
  g_test_add_func ("/document/card/duplicate", test_card_duplicate);
  g_test_add_func ("/document/card/move", test_card_move);
  g_test_add_func ("/document/card/links-personas", test_links_personas);
  g_test_add_func ("/document/persona/operations", test_persona_ops);
  g_test_add_func ("/document/stage/kpis", test_kpis);
  g_test_add_func ("/document/modified", test_modified);
  g_test_add_func ("/document/save-checkpoint", test_save_checkpoint);
  g_test_add_func ("/document/load-contents", test_load_contents);
  g_test_add_func ("/document/many-cards", test_many_cards);

  return g_test_run ();
}
