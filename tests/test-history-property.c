/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The property that makes undo trustworthy: any sequence of edits, undone
 * completely, gives back the file byte for byte; redone completely, gives
 * the edited file byte for byte. The edits are random (GTest's seed is
 * printed, so a failure can be replayed with --seed). */
#include "config.h"

#include "test-util.h"
#include "waymark-document.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

static gpointer
random_item (GListModel *list)
{
  guint n = g_list_model_get_n_items (list);

  if (n == 0)
    return NULL;
  /* The document keeps its own ref; callers borrow. */
  {
    gpointer item = g_list_model_get_item (list, g_test_rand_int_range (0, n));
    g_object_unref (item);
    return item;
  }
}

static const char *
random_text (void)
{
  static const char * const texts[] = {
    "", "Checkout", "“Quoted” text", "Line one\nline two", "<b>&amp;",
    "Ünïcödé ✓", "tab\there", "A much longer piece of text that a facilitator typed",
  };
  return texts[g_test_rand_int_range (0, G_N_ELEMENTS (texts))];
}

static const char *
random_color (void)
{
  static const char * const colors[] = { "", "#3584e4", "#E01B24", "#000000" };
  return colors[g_test_rand_int_range (0, G_N_ELEMENTS (colors))];
}

static void
random_operation (WaymarkDocument *doc,
                  guint           *n_ops)
{
  GListModel *stages = waymark_document_get_stages (doc);
  GListModel *lanes = waymark_document_get_lanes (doc);
  GListModel *cards = waymark_document_get_cards (doc);
  GListModel *personas = waymark_document_get_personas (doc);
  WaymarkStage *stage = random_item (stages);
  WaymarkLane *lane = random_item (lanes);
  WaymarkCard *card = random_item (cards);
  WaymarkPersona *persona = random_item (personas);
  static const char * const card_fields[] = {
    "title", "notes", "channel", "priority", "status", "owner", "evidence", "color",
  };
  static const char * const persona_fields[] = {
    "name", "role", "quote", "color", "demographics", "evidence",
  };
  static const char * const lists[] = { "goals", "pain-points", "behaviors", "preferences" };
  static const char * const kinds[] = { "actions", "touchpoints", "emotions", "pain-points", "x-new-kind" };

  (*n_ops)++;
  switch (g_test_rand_int_range (0, 24))
    {
    case 0: case 1: case 2:
      if (card)
        {
          const char *field = card_fields[g_test_rand_int_range (0, G_N_ELEMENTS (card_fields))];

          /* The UI only ever stores #rrggbb colours; the reader would
           * rightly repair anything else. */
          waymark_document_set_string (doc, card, field,
                                       g_str_equal (field, "color") ? random_color () : random_text ());
        }
      break;
    case 3:
      if (card)
        waymark_document_set_card_emotion (doc, card, g_test_rand_bit (),
                                           g_test_rand_int_range (-2, 3));
      break;
    case 4:
      if (card)
        waymark_document_set_boolean (doc, card, "moment-of-truth", g_test_rand_bit ());
      break;
    case 5:
      if (stage && lane)
        waymark_document_add_card (doc, waymark_stage_get_id (stage), waymark_lane_get_id (lane),
                                   random_text (), g_test_rand_int_range (-1, 4));
      break;
    case 6:
      if (card)
        waymark_document_remove_card (doc, card);
      break;
    case 7: case 8:
      if (card && stage && lane)
        {
          WaymarkCard *sel[3] = { card, random_item (cards), random_item (cards) };
          guint n = g_test_rand_int_range (1, 4);

          waymark_document_move_cards (doc, sel, sel[1] == sel[0] || sel[2] == sel[0] || sel[1] == sel[2] ? 1 : n,
                                       waymark_stage_get_id (stage), waymark_lane_get_id (lane),
                                       g_test_rand_int_range (-1, 4));
        }
      break;
    case 9:
      if (card)
        {
          GPtrArray *copies = waymark_document_duplicate_cards (doc, &card, 1);
          g_ptr_array_unref (copies);
        }
      break;
    case 10:
      {
        WaymarkCard *other = random_item (cards);
        if (card && other && card != other)
          {
            if (g_test_rand_bit ())
              waymark_document_link_cards (doc, card, other);
            else
              waymark_document_unlink_cards (doc, card, other);
          }
      }
      break;
    case 11:
      if (card && persona)
        waymark_document_set_card_persona (doc, card, waymark_persona_get_id (persona), g_test_rand_bit ());
      break;
    case 12:
      waymark_document_add_stage (doc, random_text (), g_test_rand_int_range (-1, 6));
      break;
    case 13:
      /* Keep the map from emptying itself. */
      if (stage && g_list_model_get_n_items (stages) > 2 && g_test_rand_int_range (0, 4) == 0)
        waymark_document_remove_stage (doc, stage);
      break;
    case 14:
      if (stage)
        waymark_document_move_stage (doc, stage, g_test_rand_int_range (0, 6));
      break;
    case 15:
      waymark_document_add_lane (doc, kinds[g_test_rand_int_range (0, G_N_ELEMENTS (kinds))],
                                 random_text (), g_test_rand_int_range (-1, 6));
      break;
    case 16:
      if (lane && g_list_model_get_n_items (lanes) > 2 && g_test_rand_int_range (0, 4) == 0)
        waymark_document_remove_lane (doc, lane);
      else if (lane)
        waymark_document_move_lane (doc, lane, g_test_rand_int_range (0, 6));
      break;
    case 17:
      if (persona && g_test_rand_int_range (0, 3) == 0)
        waymark_document_remove_persona (doc, persona);
      else
        waymark_document_add_persona (doc, random_text (), -1);
      break;
    case 18:
      if (persona)
        {
          const char *field = persona_fields[g_test_rand_int_range (0, G_N_ELEMENTS (persona_fields))];

          waymark_document_set_string (doc, persona, field,
                                       g_str_equal (field, "color") ? random_color () : random_text ());
        }
      break;
    case 19:
      if (persona)
        {
          const char *list = lists[g_test_rand_int_range (0, G_N_ELEMENTS (lists))];
          guint n = g_strv_length ((char **) waymark_persona_get_list (persona, list));

          switch (n == 0 ? 0 : g_test_rand_int_range (0, 4))
            {
            case 0:
              waymark_document_insert_persona_entry (doc, persona, list, g_test_rand_int_range (-1, 3),
                                                     random_text ());
              break;
            case 1:
              waymark_document_remove_persona_entry (doc, persona, list, g_test_rand_int_range (0, n));
              break;
            case 2:
              waymark_document_move_persona_entry (doc, persona, list, g_test_rand_int_range (0, n),
                                                   g_test_rand_int_range (0, n));
              break;
            default:
              waymark_document_set_persona_entry (doc, persona, list, g_test_rand_int_range (0, n),
                                                  random_text ());
            }
        }
      break;
    case 20:
      if (stage)
        {
          guint n = waymark_stage_get_kpis (stage)->len;
          g_autoptr(WaymarkKpi) kpi = waymark_kpi_new (random_text (), "12 %", random_text ());

          if (n > 0 && g_test_rand_bit ())
            waymark_document_remove_kpi (doc, stage, g_test_rand_int_range (0, n));
          else if (n > 0 && g_test_rand_bit ())
            waymark_document_set_kpi (doc, stage, g_test_rand_int_range (0, n), kpi);
          else
            waymark_document_insert_kpi (doc, stage, -1, kpi);
        }
      break;
    case 21:
      waymark_document_set_string (doc, doc, g_test_rand_bit () ? "title" : "description", random_text ());
      break;
    case 22:
      if (stage)
        {
          if (g_test_rand_bit ())
            waymark_document_set_string (doc, stage, "name", random_text ());
          else
            waymark_document_set_string (doc, stage, "color", random_color ());
        }
      break;
    default:
      /* A gesture: a few edits as one step. */
      {
        WaymarkHistory *history = waymark_document_get_history (doc);
        guint n = g_test_rand_int_range (1, 4);

        waymark_history_begin_group (history, "Gesture");
        for (guint i = 0; i < n; i++)
          random_operation (doc, n_ops);
        waymark_history_end_group (history);
      }
    }

  if (g_test_rand_int_range (0, 10) == 0)
    waymark_history_break_coalescing (waymark_document_get_history (doc));
}

static void
test_random_undo_redo (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) loaded_bytes = NULL;
  g_autoptr(GBytes) edited = NULL;
  WaymarkDocument *doc;
  WaymarkHistory *history;
  guint n_ops = 0, n_undone = 0, n_redone = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  original = g_bytes_new_take (g_steal_pointer (&contents), length);
  doc = waymark_jmap_read (original, NULL, &error);
  g_assert_no_error (error);
  history = waymark_document_get_history (doc);

  /* The examples are in canonical form already. */
  loaded_bytes = waymark_jmap_write (doc);
  g_assert_true (g_bytes_equal (loaded_bytes, original));

  while (n_ops < 1000)
    random_operation (doc, &n_ops);
  edited = waymark_jmap_write (doc);
  g_assert_false (g_bytes_equal (edited, original));
  g_assert_true (waymark_document_get_modified (doc));

  while (waymark_history_undo (history))
    n_undone++;
  g_assert_cmpuint (n_undone, >, 100);
  {
    g_autoptr(GBytes) undone = waymark_jmap_write (doc);
    g_assert_cmpmem (g_bytes_get_data (undone, NULL), g_bytes_get_size (undone),
                     g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  }
  g_assert_false (waymark_document_get_modified (doc));

  while (waymark_history_redo (history))
    n_redone++;
  g_assert_cmpuint (n_redone, ==, n_undone);
  {
    g_autoptr(GBytes) redone = waymark_jmap_write (doc);
    g_assert_cmpmem (g_bytes_get_data (redone, NULL), g_bytes_get_size (redone),
                     g_bytes_get_data (edited, NULL), g_bytes_get_size (edited));
  }

  /* What was written can be read back. */
  {
    g_autoptr(WaymarkDocument) again = waymark_jmap_read (edited, NULL, &error);
    g_autoptr(GBytes) rewritten = NULL;

    g_assert_no_error (error);
    rewritten = waymark_jmap_write (again);
    g_assert_true (g_bytes_equal (rewritten, edited));
  }
  g_assert_finalize_object (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/history/random-undo-redo/grocery", "grocery-first-order.jmap",
                        test_random_undo_redo);
  g_test_add_data_func ("/history/random-undo-redo/saas", "saas-trial-to-renewal.jmap",
                        test_random_undo_redo);

  return g_test_run ();
}
