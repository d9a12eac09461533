/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the model tests: a small sample map built in code,
 * and a dump of a document's whole state, so that "undo gives back
 * exactly what was there" is one string comparison. */
#pragma once

#include "waymark-document.h"

static inline void
test_util_dump_strv (GString            *out,
                     const char         *name,
                     const char * const *strv)
{
  g_string_append_printf (out, " %s=[", name);
  for (guint i = 0; strv[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", strv[i]);
  g_string_append (out, "]");
}

static inline void
test_util_dump_extras (GString *out,
                       GBytes  *extras)
{
  if (extras != NULL)
    g_string_append_printf (out, " extras=%.*s", (int) g_bytes_get_size (extras),
                            (const char *) g_bytes_get_data (extras, NULL));
}

/* Every field of every object, in list order. */
static inline char *
test_util_dump (WaymarkDocument *doc)
{
  GString *out = g_string_new (NULL);
  GListModel *list;
  static const char * const persona_lists[] = { "goals", "pain-points", "behaviors", "preferences" };

  g_string_append_printf (out, "map title=%s description=%s generator=%s created=%s modified=%s",
                          waymark_document_get_title (doc),
                          waymark_document_get_description (doc),
                          waymark_document_get_generator (doc),
                          waymark_document_get_created_time (doc),
                          waymark_document_get_modified_time (doc));
  test_util_dump_extras (out, waymark_document_get_extras (doc));
  g_string_append_c (out, '\n');

  list = waymark_document_get_stages (doc);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkStage) s = g_list_model_get_item (list, i);
      GPtrArray *kpis = waymark_stage_get_kpis (s);

      g_string_append_printf (out, "stage %s name=%s description=%s color=%s kpis=",
                              waymark_stage_get_id (s), waymark_stage_get_name (s),
                              waymark_stage_get_description (s), waymark_stage_get_color (s));
      for (guint k = 0; k < kpis->len; k++)
        {
          WaymarkKpi *kpi = g_ptr_array_index (kpis, k);
          g_string_append_printf (out, "(%s|%s|%s)", kpi->name, kpi->value, kpi->target);
        }
      test_util_dump_extras (out, waymark_stage_get_extras (s));
      g_string_append_c (out, '\n');
    }

  list = waymark_document_get_lanes (doc);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkLane) l = g_list_model_get_item (list, i);

      g_string_append_printf (out, "lane %s kind=%s name=%s description=%s",
                              waymark_lane_get_id (l), waymark_lane_get_kind (l),
                              waymark_lane_get_name (l), waymark_lane_get_description (l));
      test_util_dump_extras (out, waymark_lane_get_extras (l));
      g_string_append_c (out, '\n');
    }

  list = waymark_document_get_cards (doc);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkCard) c = g_list_model_get_item (list, i);

      g_string_append_printf (out,
                              "card %s stage=%s lane=%s title=%s notes=%s channel=%s emotion=%d/%d "
                              "priority=%s status=%s owner=%s mot=%d evidence=%s color=%s",
                              waymark_card_get_id (c), waymark_card_get_stage (c),
                              waymark_card_get_lane (c), waymark_card_get_title (c),
                              waymark_card_get_notes (c), waymark_card_get_channel (c),
                              waymark_card_get_has_emotion (c), waymark_card_get_emotion (c),
                              waymark_card_get_priority (c), waymark_card_get_status (c),
                              waymark_card_get_owner (c), waymark_card_get_moment_of_truth (c),
                              waymark_card_get_evidence (c), waymark_card_get_color (c));
      test_util_dump_strv (out, "personas", waymark_card_get_personas (c));
      test_util_dump_strv (out, "links", waymark_card_get_links (c));
      test_util_dump_extras (out, waymark_card_get_extras (c));
      g_string_append_c (out, '\n');
    }

  list = waymark_document_get_personas (doc);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkPersona) p = g_list_model_get_item (list, i);

      g_string_append_printf (out, "persona %s name=%s role=%s quote=%s color=%s demographics=%s "
                              "evidence=%s photo=%s",
                              waymark_persona_get_id (p), waymark_persona_get_name (p),
                              waymark_persona_get_role (p), waymark_persona_get_quote (p),
                              waymark_persona_get_color (p), waymark_persona_get_demographics (p),
                              waymark_persona_get_evidence (p), waymark_persona_get_photo (p));
      for (guint k = 0; k < G_N_ELEMENTS (persona_lists); k++)
        test_util_dump_strv (out, persona_lists[k],
                             waymark_persona_get_list (p, persona_lists[k]));
      test_util_dump_extras (out, waymark_persona_get_extras (p));
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* Three stages, three lanes, two personas and eight cards, some linked,
 * loaded without history: a saved, unmodified document. */
/* The document's whole state is exactly expected (a test_util_dump). */
#define test_util_assert_dump(doc, expected)                   \
  G_STMT_START {                                               \
    g_autofree char *dump_ = test_util_dump (doc);             \
    g_assert_cmpstr (dump_, ==, (expected));                   \
  } G_STMT_END

/* The document's history has one more step than n_undo_before, and
 * undoing that step gives back exactly before (a test_util_dump). */
#define test_util_assert_one_step_undone(doc, before, n_undo_before)            \
  G_STMT_START {                                                              \
    WaymarkHistory *history_ = waymark_document_get_history (doc);            \
    g_assert_cmpuint (waymark_history_get_n_undo (history_), ==, (n_undo_before) + 1); \
    g_assert_true (waymark_history_undo (history_));                          \
    test_util_assert_dump (doc, before);                                      \
  } G_STMT_END

static inline WaymarkDocument *
test_util_sample (void)
{
  WaymarkDocument *doc = waymark_document_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  WaymarkCard *card;
  WaymarkStage *stage;
  WaymarkPersona *persona;
  GPtrArray *kpis;
  static const char * const maria[] = { "p-maria", NULL };
  static const char * const link_t1[] = { "c-t1", NULL };
  static const char * const link_p1[] = { "c-p1", NULL };
  static const char * const goals[] = { "Order fast", "Evening slot", NULL };

  waymark_document_set_title (doc, "Sample");
  stage = waymark_stage_new ("st-a", "Awareness");
  kpis = waymark_kpi_array_new ();
  g_ptr_array_add (kpis, waymark_kpi_new ("Reach", "120k", "150k"));
  waymark_stage_set_kpis (stage, kpis);
  g_ptr_array_unref (kpis);
  g_ptr_array_add (stages, stage);
  g_ptr_array_add (stages, waymark_stage_new ("st-b", "Consideration"));
  g_ptr_array_add (stages, waymark_stage_new ("st-c", "Decision"));
  g_ptr_array_add (lanes, waymark_lane_new ("ln-act", "actions", "Actions"));
  g_ptr_array_add (lanes, waymark_lane_new ("ln-pain", "pain-points", "Pain points"));
  g_ptr_array_add (lanes, waymark_lane_new ("ln-emo", "emotions", "Emotions"));

  g_ptr_array_add (cards, waymark_card_new ("c-a1", "st-a", "ln-act", "A1"));
  g_ptr_array_add (cards, waymark_card_new ("c-a2", "st-a", "ln-act", "A2"));
  g_ptr_array_add (cards, waymark_card_new ("c-b1", "st-b", "ln-act", "B1"));
  card = waymark_card_new ("c-t1", "st-b", "ln-act", "T1");
  waymark_card_set_personas (card, maria);
  g_ptr_array_add (cards, card);
  card = waymark_card_new ("c-p1", "st-b", "ln-pain", "P1");
  waymark_card_set_links (card, link_t1);
  waymark_card_set_priority (card, "high");
  g_ptr_array_add (cards, card);
  card = waymark_card_new ("c-s1", "st-c", "ln-pain", "S1");
  waymark_card_set_links (card, link_p1);
  g_ptr_array_add (cards, card);
  card = waymark_card_new ("c-e1", "st-a", "ln-emo", "Curious");
  waymark_card_set_emotion (card, 1);
  g_ptr_array_add (cards, card);
  card = waymark_card_new ("c-e2", "st-b", "ln-emo", "Unsure");
  waymark_card_set_emotion (card, 0);
  waymark_card_set_personas (card, maria);
  g_ptr_array_add (cards, card);

  persona = waymark_persona_new ("p-maria", "Maria");
  waymark_persona_set_list (persona, "goals", goals);
  g_ptr_array_add (personas, persona);
  g_ptr_array_add (personas, waymark_persona_new ("p-george", "George"));

  waymark_document_load_contents (doc, stages, lanes, cards, personas);
  return doc;
}

static inline char *
test_util_cell_titles (WaymarkDocument *doc,
                       const char      *stage,
                       const char      *lane)
{
  g_autoptr(GPtrArray) cell = waymark_document_get_cell_cards (doc, stage, lane);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < cell->len; i++)
    g_string_append_printf (out, "%s%s", i ? "," : "",
                            waymark_card_get_title (g_ptr_array_index (cell, i)));
  return g_string_free (out, FALSE);
}
