/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkLayout, the geometry the canvas and the exporters share: on the
 * grocery example and on edge cases, the boxes must nest and not overlap,
 * the emotion scale must map both ways, hit testing and drop targets must
 * find what is drawn there, and edits must relayout only what changed. */
#include "config.h"

#include <string.h>

#include "test-examples.h"
#include "waymark-layout.h"

static gboolean
inside (const WaymarkRect *inner,
        const WaymarkRect *outer)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static void
assert_geometry (WaymarkLayout *layout)
{
  guint n_stages = waymark_layout_get_n_stages (layout);
  guint n_lanes = waymark_layout_get_n_lanes (layout);
  WaymarkRect map = { 0, 0, waymark_layout_get_width (layout), waymark_layout_get_height (layout) };

  for (guint i = 0; i < n_stages; i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (layout, i);

      g_assert_true (inside (&ls->header, &map));
      g_assert_cmpfloat (ls->header.height, ==, waymark_layout_get_stage (layout, 0)->header.height);
      if (i > 0)
        g_assert_cmpfloat (ls->header.x, >=, waymark_layout_get_stage (layout, i - 1)->header.x +
                                             waymark_layout_get_stage (layout, i - 1)->header.width);
      for (guint k = 0; k < ls->n_chips; k++)
        g_assert_true (inside (&ls->chips[k].rect, &ls->header));
    }
  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (layout, j);

      g_assert_true (inside (&ll->band, &map));
      g_assert_true (inside (&ll->header, &ll->band));
      if (j > 0)
        {
          const WaymarkLayoutLane *prev = waymark_layout_get_lane (layout, j - 1);

          g_assert_cmpfloat (ll->band.y, >=, prev->band.y + prev->band.height);
        }
    }

  for (guint j = 0; j < n_lanes; j++)
    for (guint i = 0; i < n_stages; i++)
      {
        WaymarkLayoutCard **cards;
        guint n = waymark_layout_get_cell_cards (layout, i, j, &cards);
        WaymarkRect cell;

        waymark_layout_get_cell_rect (layout, i, j, &cell);
        for (guint k = 0; k < n; k++)
          {
            WaymarkLayoutCard *lc = cards[k];

            g_assert_cmpuint (lc->stage, ==, i);
            g_assert_cmpuint (lc->lane, ==, j);
            g_assert_cmpuint (lc->position, ==, k);
            g_assert_true (waymark_layout_get_card (layout, lc->card) == lc);
            if (lc->is_point)
              {
                g_assert_true (waymark_rect_contains (&cell, lc->point_x, lc->point_y));
                continue;
              }
            /* In its cell, below the one before, text inside the card. */
            g_assert_true (inside (&lc->rect, &cell));
            g_assert_true (inside (&lc->title.rect, &lc->rect));
            if (k > 0 && !cards[k - 1]->is_point)
              g_assert_cmpfloat (lc->rect.y, >=, cards[k - 1]->rect.y + cards[k - 1]->rect.height);
          }
      }
}

static WaymarkLayoutCard *
card (WaymarkLayout   *layout,
      WaymarkDocument *doc,
      const char      *id)
{
  WaymarkLayoutCard *lc = waymark_layout_get_card (layout, waymark_document_lookup_card (doc, id));

  g_assert_nonnull (lc);
  return lc;
}

static void
test_grocery (void)
{
  g_autoptr(WaymarkDocument) doc = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (doc);
  WaymarkLayoutCard *lc;

  g_assert_true (waymark_layout_update (layout));
  g_assert_false (waymark_layout_update (layout));
  g_assert_cmpuint (waymark_layout_get_n_stages (layout), ==, 5);
  g_assert_cmpuint (waymark_layout_get_n_lanes (layout), ==, 7);
  g_assert_cmpuint (waymark_layout_get_n_cards (layout), ==, 30);
  g_assert_cmpuint (waymark_layout_get_n_legend_items (layout), ==, 2);
  g_assert_cmpstr (waymark_layout_get_title (layout)->text, ==, "Online grocery: the first order");
  assert_geometry (layout);

  /* Touchpoints with a channel have an icon and a meta line. */
  lc = card (layout, doc, "c-t5");
  g_assert_cmpfloat (lc->icon.width, >, 0);
  g_assert_nonnull (lc->meta.text);
  g_assert_false (lc->is_point);

  /* Emotion cards are points on the scale. */
  lc = card (layout, doc, "c-e3");
  g_assert_true (lc->is_point);
  g_assert_cmpfloat (lc->point_y, ==, waymark_layout_emotion_y (layout, 3, -2));
}

static void
test_emotion_scale (void)
{
  g_autoptr(WaymarkDocument) doc = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (doc);
  const WaymarkLayoutLane *ll;

  waymark_layout_update (layout);
  ll = waymark_layout_get_lane (layout, 3);
  g_assert_cmpint (ll->kind, ==, WAYMARK_LANE_KIND_EMOTIONS);
  for (int v = WAYMARK_EMOTION_MIN; v <= WAYMARK_EMOTION_MAX; v++)
    {
      double y = waymark_layout_emotion_y (layout, 3, v);

      g_assert_cmpint (waymark_layout_emotion_at (layout, 3, y), ==, v);
      g_assert_cmpint (waymark_layout_emotion_at (layout, 3, y + 3), ==, v);
      if (v > WAYMARK_EMOTION_MIN)
        g_assert_cmpfloat (y, <, waymark_layout_emotion_y (layout, 3, v - 1));
      g_assert_cmpfloat (y, >=, ll->scale_top);
      g_assert_cmpfloat (y, <=, ll->scale_bottom);
    }
  /* Beyond the scale is its end. */
  g_assert_cmpint (waymark_layout_emotion_at (layout, 3, ll->band.y - 500), ==, WAYMARK_EMOTION_MAX);
  g_assert_cmpint (waymark_layout_emotion_at (layout, 3, ll->band.y + 5000), ==, WAYMARK_EMOTION_MIN);

  /* Two personas with their own cards: a curve each; a focus dims the
   * other one. */
  g_assert_cmpuint (waymark_layout_get_n_curves (layout), >=, 2);
  waymark_layout_set_persona_focus (layout, "p-maria");
  waymark_layout_update (layout);
  for (guint c = 0; c < waymark_layout_get_n_curves (layout); c++)
    {
      const WaymarkLayoutCurve *curve = waymark_layout_get_curve (layout, c);

      g_assert_cmpuint (curve->n_points, >=, 2);
      if (curve->persona != NULL)
        g_assert_cmpint (curve->dimmed, ==, g_strcmp0 (waymark_persona_get_id (curve->persona), "p-maria") != 0);
    }
}

static void
test_pick_and_drop (void)
{
  g_autoptr(WaymarkDocument) doc = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (doc);
  g_autoptr(GHashTable) skip = g_hash_table_new (NULL, NULL);
  WaymarkLayoutCard *t1, *t2;
  const WaymarkLayoutStage *ls;
  const WaymarkLayoutLane *ll;
  WaymarkHit hit;
  WaymarkRect cell;
  guint stage, lane, position;
  int emotion = 99;

  waymark_layout_update (layout);
  for (guint c = 0; c < waymark_layout_get_n_cards (layout); c++)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card_at (layout, c);
      double x = lc->is_point ? lc->point_x : lc->rect.x + lc->rect.width / 2;
      double y = lc->is_point ? lc->point_y : lc->rect.y + lc->rect.height / 2;

      waymark_layout_pick (layout, x, y, &hit);
      g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CARD);
      g_assert_true (hit.card == lc);
    }

  ls = waymark_layout_get_stage (layout, 2);
  waymark_layout_pick (layout, ls->header.x + 20, ls->header.y + 20, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_STAGE_HEADER);
  g_assert_cmpint (hit.stage, ==, 2);
  ll = waymark_layout_get_lane (layout, 4);
  waymark_layout_pick (layout, ll->header.x + 20, ll->header.y + 20, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_LANE_HEADER);
  g_assert_cmpint (hit.lane, ==, 4);
  waymark_layout_get_cell_rect (layout, 0, 2, &cell);
  waymark_layout_pick (layout, cell.x + cell.width / 2, cell.y + cell.height / 2, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_CELL);
  g_assert_cmpint (hit.stage, ==, 0);
  g_assert_cmpint (hit.lane, ==, 2);
  waymark_layout_pick (layout, 40, 40, &hit);
  g_assert_cmpint (hit.kind, ==, WAYMARK_HIT_TITLE);

  /* Dropping on the top half of the second card goes before it; with the
   * first card left out (it is the one moving), that is place 0. */
  t1 = card (layout, doc, "c-t1");
  t2 = card (layout, doc, "c-t2");
  g_assert_true (waymark_layout_drop_target (layout, t2->rect.x + 10, t2->rect.y + 5, NULL,
                                             &stage, &lane, &position, &emotion));
  g_assert_cmpuint (stage, ==, 0);
  g_assert_cmpuint (lane, ==, 1);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpint (emotion, ==, 99);
  g_hash_table_add (skip, t1->card);
  g_assert_true (waymark_layout_drop_target (layout, t2->rect.x + 10, t2->rect.y + 5, skip,
                                             &stage, &lane, &position, &emotion));
  g_assert_cmpuint (position, ==, 0);

  /* Far right and far below land in the last column and lane. */
  g_assert_true (waymark_layout_drop_target (layout, 1e6, 1e6, NULL, &stage, &lane, &position, NULL));
  g_assert_cmpuint (stage, ==, 4);
  g_assert_cmpuint (lane, ==, 6);

  /* In the emotions lane the height is the emotion. */
  g_assert_true (waymark_layout_drop_target (layout, cell.x + 30, waymark_layout_emotion_y (layout, 3, 1),
                                             NULL, &stage, &lane, &position, &emotion));
  g_assert_cmpuint (lane, ==, 3);
  g_assert_cmpint (emotion, ==, 1);
}

static void
test_follows_edits (void)
{
  g_autoptr(WaymarkDocument) doc = test_examples_load ("grocery-first-order.jmap");
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (doc);
  WaymarkCard *c = waymark_document_lookup_card (doc, "c-a1");
  g_autoptr(GString) long_title = g_string_new (NULL);
  guint generation;
  WaymarkLayoutCard *lc;
  double short_height;

  waymark_layout_update (layout);
  generation = waymark_layout_get_generation (layout);
  short_height = card (layout, doc, "c-a1")->rect.height;

  waymark_document_set_string (doc, c, "title", "Renamed");
  g_assert_false (waymark_layout_is_valid (layout));
  g_assert_true (waymark_layout_update (layout));
  g_assert_cmpuint (waymark_layout_get_generation (layout), ==, generation + 1);
  g_assert_cmpstr (card (layout, doc, "c-a1")->title.text, ==, "Renamed");

  /* A 2,000-word title stays in its card, at most four lines, and says
   * it is cut. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (long_title, "word ");
  g_string_append (long_title, "Unbreakablewordwithoutanyspaceatallthatgoesonandonandonandonandon");
  waymark_document_set_string (doc, c, "title", long_title->str);
  waymark_layout_update (layout);
  lc = card (layout, doc, "c-a1");
  g_assert_true (lc->truncated);
  g_assert_cmpfloat (lc->rect.height, <, short_height * 3);
  g_assert_cmpint (lc->title.max_lines, >, 0);
  assert_geometry (layout);

  /* Stages and lanes come and go. */
  waymark_document_add_stage (doc, "Loyalty", -1);
  waymark_document_add_lane (doc, "text", "Notes", 0);
  waymark_layout_update (layout);
  g_assert_cmpuint (waymark_layout_get_n_stages (layout), ==, 6);
  g_assert_cmpuint (waymark_layout_get_n_lanes (layout), ==, 8);
  assert_geometry (layout);
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_history_undo (waymark_document_get_history (doc));
  waymark_layout_update (layout);
  g_assert_cmpuint (waymark_layout_get_n_stages (layout), ==, 5);
  g_assert_cmpuint (waymark_layout_get_n_lanes (layout), ==, 7);
}

/* The same map lays out the same, to the last digit: exports match the
 * screen and each other. */
static void
test_deterministic (void)
{
  g_autoptr(WaymarkDocument) doc = test_examples_load ("saas-trial-to-renewal.jmap");
  g_autoptr(WaymarkLayout) a = waymark_layout_new (doc);
  g_autoptr(WaymarkLayout) b = waymark_layout_new (doc);

  waymark_layout_update (a);
  waymark_layout_update (b);
  assert_geometry (a);
  g_assert_cmpfloat (waymark_layout_get_width (a), ==, waymark_layout_get_width (b));
  g_assert_cmpfloat (waymark_layout_get_height (a), ==, waymark_layout_get_height (b));
  for (guint c = 0; c < waymark_layout_get_n_cards (a); c++)
    {
      WaymarkLayoutCard *x = waymark_layout_get_card_at (a, c);
      WaymarkLayoutCard *y = waymark_layout_get_card_at (b, c);

      g_assert_true (memcmp (&x->rect, &y->rect, sizeof x->rect) == 0);
    }
}

static void
test_empty (void)
{
  g_autoptr(WaymarkDocument) doc = waymark_document_new ();
  g_autoptr(WaymarkLayout) layout = waymark_layout_new (doc);
  WaymarkHit hit;
  guint stage, lane, position;

  waymark_layout_update (layout);
  g_assert_cmpfloat (waymark_layout_get_width (layout), >, 0);
  g_assert_cmpfloat (waymark_layout_get_height (layout), >, 0);
  g_assert_true (waymark_layout_get_title (layout)->placeholder);
  g_assert_false (waymark_layout_drop_target (layout, 100, 100, NULL, &stage, &lane, &position, NULL));
  waymark_layout_pick (layout, 300, 300, &hit);
  g_assert_cmpint (hit.kind, !=, WAYMARK_HIT_CARD);
  assert_geometry (layout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/grocery", test_grocery);
  g_test_add_func ("/layout/emotion-scale", test_emotion_scale);
  g_test_add_func ("/layout/pick-and-drop", test_pick_and_drop);
  g_test_add_func ("/layout/follows-edits", test_follows_edits);
  g_test_add_func ("/layout/deterministic", test_deterministic);
  g_test_add_func ("/layout/empty", test_empty);

  return g_test_run ();
}
