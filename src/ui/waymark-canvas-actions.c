/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canvas's keyboard, actions ("canvas.*"), inline editor, clipboard
 * and context menus. Every change goes through a document operation, so
 * it can be undone and every view of the document follows. */
#include "config.h"

#include <glib/gi18n.h>

#include "waymark-canvas-private.h"
#include "waymark-jmap-reader.h"
#include "waymark-jmap-writer.h"

#define JMAP_MIME_TYPE "application/x-jmap"
#define NEW_CARD_HEIGHT 64.0
#define MAX_PASTED_CARDS 2000

/* ---- Targets of actions ---- */


gboolean
waymark_canvas_menu_is_open (WaymarkCanvas *self)
{
  return self->menu != NULL && gtk_widget_get_visible (self->menu);
}

/* What an action acts on: the context menu's target while it is open
 * (or its action runs), else the focused item. */
static Target
current_target (WaymarkCanvas *self)
{
  Target none = { TARGET_MAP, NULL, NULL, NULL };

  if (self->menu_target_valid)
    return self->menu_target;
  if (self->focus.kind != TARGET_NONE)
    {
      GtkWidget *item = g_hash_table_lookup (self->items, &self->focus);

      if (item != NULL)
        return self->focus;
    }
  return none;
}

/* The cell of a target, with the place after the target within it. */
static gboolean
target_cell (WaymarkCanvas *self,
             const Target  *t,
             guint         *stage,
             guint         *lane,
             int           *position)
{
  if (t->kind == TARGET_CARD)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, t->card);

      if (lc == NULL)
        return FALSE;
      *stage = lc->stage;
      *lane = lc->lane;
      *position = lc->position + 1;
      return TRUE;
    }
  if (t->kind == TARGET_CELL)
    {
      int i = waymark_canvas_stage_index (self, t->stage);
      int j = waymark_canvas_lane_index (self, t->lane);

      if (i < 0 || j < 0)
        return FALSE;
      *stage = i;
      *lane = j;
      *position = -1;
      return TRUE;
    }
  return FALSE;
}

static WaymarkHistory *
history (WaymarkCanvas *self)
{
  return waymark_document_get_history (self->document);
}

/* ---- Inline editor ---- */

static gboolean
is_emotion_lane (WaymarkCanvas *self,
                 guint          lane)
{
  return lane < waymark_layout_get_n_lanes (self->layout) &&
         waymark_layout_get_lane (self->layout, lane)->kind == WAYMARK_LANE_KIND_EMOTIONS;
}

/* Where a new card goes in its cell: the top of the position-th card,
 * or below the last. */
static double
insertion_y (WaymarkCanvas *self,
             guint          stage,
             guint          lane,
             int            position)
{
  const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, lane);
  WaymarkLayoutCard **cards;
  guint n = waymark_layout_get_cell_cards (self->layout, stage, lane, &cards);
  double y = ll->band.y + WAYMARK_LAYOUT_CELL_PAD_TOP;

  for (guint k = 0; k < n && (position < 0 || k < (guint) position); k++)
    y = cards[k]->rect.y + cards[k]->rect.height + WAYMARK_LAYOUT_CARD_SPACING;
  return y;
}

void
waymark_canvas_editor_rect (WaymarkCanvas *self,
                            WaymarkRect   *rect)
{
  const Target *t = &self->edit_target;

  *rect = (WaymarkRect) { 0, 0, 0, 0 };
  switch (self->edit_kind)
    {
    case EDIT_CARD:
      {
        WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, t->card);

        if (lc == NULL)
          return;
        if (lc->is_point)
          *rect = (WaymarkRect) { lc->point_x - 110, lc->point_y + WAYMARK_LAYOUT_EMOTION_RADIUS + 4,
                                  220, NEW_CARD_HEIGHT };
        else
          *rect = (WaymarkRect) { lc->rect.x, lc->rect.y, lc->rect.width, MAX (lc->rect.height, NEW_CARD_HEIGHT) };
      }
      break;
    case EDIT_NEW_CARD:
      {
        int i = waymark_canvas_stage_index (self, t->stage);
        int j = waymark_canvas_lane_index (self, t->lane);
        WaymarkRect cell;

        if (i < 0 || j < 0)
          return;
        waymark_layout_get_cell_rect (self->layout, i, j, &cell);
        if (is_emotion_lane (self, j))
          *rect = (WaymarkRect) { cell.x + WAYMARK_LAYOUT_CARD_INSET,
                                  waymark_layout_emotion_y (self->layout, j, 0) - NEW_CARD_HEIGHT / 2,
                                  cell.width - 2 * WAYMARK_LAYOUT_CARD_INSET, NEW_CARD_HEIGHT };
        else
          *rect = (WaymarkRect) { cell.x + WAYMARK_LAYOUT_CARD_INSET,
                                  insertion_y (self, i, j, self->edit_position),
                                  cell.width - 2 * WAYMARK_LAYOUT_CARD_INSET, NEW_CARD_HEIGHT };
      }
      break;
    case EDIT_STAGE:
      {
        int i = waymark_canvas_stage_index (self, t->stage);

        if (i >= 0)
          {
            const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, i);

            double dx, dy;

            waymark_canvas_sticky_offsets (self, &dx, &dy);
            *rect = (WaymarkRect) { ls->header.x + 6, ls->name.rect.y - 8 + dy, ls->header.width - 12,
                                    MAX (ls->name.rect.height + 16, 44) };
          }
      }
      break;
    case EDIT_LANE:
      {
        int j = waymark_canvas_lane_index (self, t->lane);

        if (j >= 0)
          {
            const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, j);

            double dx, dy;

            waymark_canvas_sticky_offsets (self, &dx, &dy);
            *rect = (WaymarkRect) { ll->header.x + 8 + dx, ll->name.rect.y - 8, ll->header.width - 16,
                                    MAX (ll->name.rect.height + 16, 44) };
          }
      }
      break;
    case EDIT_NONE:
    default:
      break;
    }
}

void
waymark_canvas_allocate_editor (WaymarkCanvas *self)
{
  WaymarkRect rect;
  double x, y;
  int min, height;
  GskTransform *transform;

  if (self->editor == NULL)
    return;
  waymark_canvas_editor_rect (self, &rect);
  waymark_canvas_map_to_widget (self, rect.x, rect.y, &x, &y);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, (int) rect.width, &height, NULL, NULL, NULL);
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y));
  transform = gsk_transform_scale (transform, self->zoom, self->zoom);
  gtk_widget_allocate (self->editor, MAX ((int) rect.width, min), MAX ((int) rect.height, height), -1, transform);
}

static void
open_gap (WaymarkCanvas *self,
          gboolean       open)
{
  int i, j;
  WaymarkLayoutCard **cards;
  guint n;

  if (self->edit_kind != EDIT_NEW_CARD)
    return;
  i = waymark_canvas_stage_index (self, self->edit_target.stage);
  j = waymark_canvas_lane_index (self, self->edit_target.lane);
  if (i < 0 || j < 0 || is_emotion_lane (self, j))
    return;
  n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);
  for (guint k = self->edit_position < 0 ? n : (guint) self->edit_position; k < n; k++)
    {
      GHashTable *offsets = self->offsets;
      Offset *o = g_hash_table_lookup (offsets, cards[k]->card);

      if (o == NULL)
        {
          if (!open)
            continue;
          o = g_new0 (Offset, 1);
          g_hash_table_insert (offsets, g_object_ref (cards[k]->card), o);
        }
      o->target_y = open ? NEW_CARD_HEIGHT + WAYMARK_LAYOUT_CARD_SPACING : 0;
      o->y = o->target_y;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void close_editor (WaymarkCanvas *self,
                          gboolean       commit,
                          gboolean       refocus);

static gboolean
editor_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       WaymarkCanvas         *self)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (state & GDK_SHIFT_MASK)
        return FALSE;
      close_editor (self, TRUE, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      close_editor (self, FALSE, TRUE);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      close_editor (self, TRUE, TRUE);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
editor_focus_check_cb (gpointer user_data)
{
  g_autoptr(WaymarkCanvas) self = user_data;
  GtkRoot *root;

  if (self->editor == NULL || self->edit_closing)
    return G_SOURCE_REMOVE;
  /* The window going to the background keeps its focus widget: the
   * edit goes on. Focus moved elsewhere in the window ends it. */
  root = gtk_widget_get_root (self->editor);
  if (root == NULL || gtk_root_get_focus (root) != self->editor)
    close_editor (self, TRUE, FALSE);
  return G_SOURCE_REMOVE;
}

static void
editor_focus_leave_cb (GtkEventControllerFocus *controller,
                       WaymarkCanvas           *self)
{
  if (!self->edit_closing)
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, editor_focus_check_cb, g_object_ref (self), NULL);
}

void
waymark_canvas_start_edit (WaymarkCanvas *self,
                           const Target  *target)
{
  GtkTextBuffer *buffer;
  GtkEventController *controller;
  const char *text = "";
  const char *label = NULL;
  EditKind kind;
  GtkTextIter start, end;

  if (self->document == NULL || self->drag != DRAG_NONE)
    return;
  if (self->edit_kind != EDIT_NONE)
    waymark_canvas_commit_edit (self);
  waymark_layout_update (self->layout);

  switch (target->kind)
    {
    case TARGET_CARD:
      kind = EDIT_CARD;
      text = waymark_card_get_title (target->card);
      label = _("Card title");
      break;
    case TARGET_CELL:
      kind = EDIT_NEW_CARD;
      label = _("New card title");
      break;
    case TARGET_STAGE:
      kind = EDIT_STAGE;
      text = waymark_stage_get_name (target->stage);
      label = _("Stage name");
      break;
    case TARGET_LANE:
      kind = EDIT_LANE;
      text = waymark_lane_get_name (target->lane);
      label = _("Lane name");
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      return;
    }

  self->edit_kind = kind;
  waymark_canvas_target_copy (&self->edit_target, target);

  self->editor = gtk_text_view_new ();
  gtk_widget_add_css_class (self->editor, "waymark-editor");
  if (kind == EDIT_STAGE || kind == EDIT_LANE)
    gtk_widget_add_css_class (self->editor, kind == EDIT_STAGE ? "stage" : "lane");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->editor), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_select_range (buffer, &end, &start);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (editor_focus_leave_cb), self);
  gtk_widget_add_controller (self->editor, controller);

  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
  open_gap (self, TRUE);
  {
    WaymarkRect rect;

    waymark_canvas_editor_rect (self, &rect);
    waymark_canvas_scroll_to_rect (self, &rect);
  }
  gtk_widget_grab_focus (self->editor);
  waymark_canvas_update_actions (self);
}

static char *
editor_text (WaymarkCanvas *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->editor));
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Titles and names are one paragraph. */
  g_strdelimit (text, "\r\n\t", ' ');
  return g_strstrip (text);
}

static void
close_editor (WaymarkCanvas *self,
              gboolean       commit,
              gboolean       refocus)
{
  g_autofree char *text = NULL;
  EditKind kind = self->edit_kind;
  /* The references move here, until the end. */
  Target target = self->edit_target;
  int position = self->edit_position;
  Target focus = target;
  gboolean had_focus;

  if (kind == EDIT_NONE || self->edit_closing)
    return;
  self->edit_closing = TRUE;
  text = editor_text (self);
  had_focus = gtk_widget_has_focus (self->editor) || refocus;
  open_gap (self, FALSE);
  self->edit_kind = EDIT_NONE;
  self->edit_target = (Target) { TARGET_NONE, NULL, NULL, NULL };
  gtk_widget_unparent (g_steal_pointer (&self->editor));

  if (commit && self->document != NULL)
    switch (kind)
      {
      case EDIT_CARD:
        if (!g_str_equal (text, waymark_card_get_title (target.card)))
          {
            waymark_document_set_string (self->document, target.card, "title", text);
            waymark_history_break_coalescing (history (self));
          }
        break;
      case EDIT_NEW_CARD:
        if (text[0] != '\0' && waymark_canvas_target_is_alive (self, &target))
          {
            WaymarkCard *card;

            waymark_history_begin_group (history (self), _("Add Card"));
            card = waymark_document_add_card (self->document, waymark_stage_get_id (target.stage),
                                              waymark_lane_get_id (target.lane), text, position);
            if (waymark_lane_get_kind_enum (target.lane) == WAYMARK_LANE_KIND_EMOTIONS)
              waymark_document_set_card_emotion (self->document, card, TRUE, 0);
            waymark_history_end_group (history (self));
            waymark_canvas_select_only (self, card);
            focus = (Target) { TARGET_CARD, card, NULL, NULL };
          }
        break;
      case EDIT_STAGE:
        if (!g_str_equal (text, waymark_stage_get_name (target.stage)))
          {
            waymark_document_set_string (self->document, target.stage, "name", text);
            waymark_history_break_coalescing (history (self));
          }
        break;
      case EDIT_LANE:
        if (!g_str_equal (text, waymark_lane_get_name (target.lane)))
          {
            waymark_document_set_string (self->document, target.lane, "name", text);
            waymark_history_break_coalescing (history (self));
          }
        break;
      case EDIT_NONE:
      default:
        break;
      }

  if (had_focus && gtk_widget_get_mapped (GTK_WIDGET (self)))
    waymark_canvas_focus_target (self, &focus);
  waymark_canvas_target_clear (&target);
  self->edit_closing = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  waymark_canvas_update_actions (self);
}

void
waymark_canvas_commit_edit (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  close_editor (self, TRUE, FALSE);
}

void
waymark_canvas_cancel_edit (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  close_editor (self, FALSE, FALSE);
}

GtkWidget *
waymark_canvas_get_editor (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->editor;
}

void
waymark_canvas_edit_card (WaymarkCanvas *self,
                          WaymarkCard   *card)
{
  Target t = { TARGET_CARD, card, NULL, NULL };

  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (WAYMARK_IS_CARD (card));

  if (!waymark_canvas_target_is_alive (self, &t))
    return;
  waymark_canvas_focus_target (self, &t);
  waymark_canvas_start_edit (self, &t);
}

void
waymark_canvas_new_card (WaymarkCanvas *self,
                         guint          stage,
                         guint          lane,
                         int            position)
{
  Target t = { TARGET_CELL, NULL, NULL, NULL };

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  waymark_layout_update (self->layout);
  t.stage = waymark_canvas_get_stage (self, stage);
  t.lane = waymark_canvas_get_lane (self, lane);
  if (t.stage == NULL || t.lane == NULL)
    return;
  waymark_canvas_focus_target (self, &t);
  self->edit_position = position;
  waymark_canvas_start_edit (self, &t);
  /* start_edit commits an edit in progress, which may reset the place. */
  self->edit_position = position;
  if (self->editor != NULL)
    {
      open_gap (self, TRUE);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
}

/* ---- Cards ---- */

static void
delete_cards (WaymarkCanvas *self,
              GPtrArray     *cards)
{
  WaymarkLayoutCard *first;
  Target next = { TARGET_NONE, NULL, NULL, NULL };

  if (cards->len == 0)
    return;
  /* Focus goes to the cell of the first card afterwards. */
  first = waymark_layout_get_card (self->layout, cards->pdata[0]);
  if (first != NULL)
    {
      next.kind = TARGET_CELL;
      next.stage = waymark_canvas_get_stage (self, first->stage);
      next.lane = waymark_canvas_get_lane (self, first->lane);
    }
  waymark_document_remove_cards (self->document, (WaymarkCard **) cards->pdata, cards->len);
  waymark_canvas_select_only (self, NULL);
  if (next.kind == TARGET_CELL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_autoptr(GPtrArray) left = waymark_document_get_cell_cards (self->document,
                                                                   waymark_stage_get_id (next.stage),
                                                                   waymark_lane_get_id (next.lane));
      waymark_layout_update (self->layout);
      if (left->len > 0)
        {
          guint at = MIN (first != NULL ? first->position : 0, left->len - 1);

          next = (Target) { TARGET_CARD, left->pdata[at], NULL, NULL };
          waymark_canvas_select_only (self, next.card);
        }
      waymark_canvas_focus_target (self, &next);
    }
}

static void
delete_stage_or_lane (WaymarkCanvas *self,
                      const Target  *t)
{
  g_autofree char *message = NULL;
  guint n_cards = 0;
  guint n = waymark_layout_get_n_cards (self->layout);
  const char *id = t->kind == TARGET_STAGE ? waymark_stage_get_id (t->stage) : waymark_lane_get_id (t->lane);
  const char *name;

  for (guint c = 0; c < n; c++)
    {
      WaymarkCard *card = waymark_layout_get_card_at (self->layout, c)->card;

      if (g_str_equal (t->kind == TARGET_STAGE ? waymark_card_get_stage (card) : waymark_card_get_lane (card), id))
        n_cards++;
    }

  if (t->kind == TARGET_STAGE)
    {
      g_autoptr(WaymarkStage) stage = g_object_ref (t->stage);

      name = waymark_stage_get_name (stage);
      if (n_cards > 0)
        /* Translators: a toast; %s is the stage's name, %u its number of cards. */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Stage “%s” deleted with %u card",
                                                "Stage “%s” deleted with %u cards", n_cards),
                                   waymark_canvas_display_name (name, _("Untitled stage")), n_cards);
      waymark_document_remove_stage (self->document, stage);
    }
  else
    {
      g_autoptr(WaymarkLane) lane = g_object_ref (t->lane);

      name = waymark_lane_get_name (lane);
      if (n_cards > 0)
        /* Translators: a toast; %s is the lane's name, %u its number of cards. */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Lane “%s” deleted with %u card",
                                                "Lane “%s” deleted with %u cards", n_cards),
                                   waymark_canvas_display_name (name, _("Untitled lane")), n_cards);
      waymark_document_remove_lane (self->document, lane);
    }
  if (message != NULL)
    waymark_canvas_show_toast (self, message, TRUE);
}

void
waymark_canvas_delete_target (WaymarkCanvas *self,
                              const Target  *t)
{
  switch (t->kind)
    {
    case TARGET_CARD:
    case TARGET_CELL:
      {
        g_autoptr(GPtrArray) cards = waymark_canvas_get_acted_cards (self);

        delete_cards (self, cards);
      }
      break;
    case TARGET_STAGE:
    case TARGET_LANE:
      delete_stage_or_lane (self, t);
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      {
        g_autoptr(GPtrArray) cards = waymark_canvas_get_selection (self);

        delete_cards (self, cards);
      }
      break;
    }
}

/* Moves the cards of one cell by a step: within the cell, then into the
 * neighbouring cell. FALSE when there is nowhere to go. */
static gboolean
move_cell_cards (WaymarkCanvas *self,
                 GPtrArray     *cards,
                 guint          stage,
                 guint          lane,
                 int            dx,
                 int            dy)
{
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);
  WaymarkLayoutCard **cell;
  guint n = waymark_layout_get_cell_cards (self->layout, stage, lane, &cell);
  g_autoptr(GHashTable) set = g_hash_table_new (NULL, NULL);
  guint before = 0, others = 0;
  gboolean found = FALSE;
  /* In emotion lanes the points of a cell run across: left and right
   * step through them, and up and down change the level. */
  gboolean across = is_emotion_lane (self, lane);
  int along = across ? dx : dy;
  int target_stage = stage, target_lane = lane;
  int position;

  for (guint k = 0; k < cards->len; k++)
    g_hash_table_add (set, cards->pdata[k]);
  for (guint k = 0; k < n; k++)
    {
      if (g_hash_table_contains (set, cell[k]->card))
        found = TRUE;
      else
        {
          if (!found)
            before++;
          others++;
        }
    }

  if (across && dy != 0)
    {
      /* Change the level while it can, then leave the lane. */
      gboolean moved = FALSE;

      for (guint k = 0; k < cards->len; k++)
        {
          WaymarkCard *card = cards->pdata[k];
          int emotion = waymark_card_get_has_emotion (card) ? waymark_card_get_emotion (card) : 0;
          int next = emotion - dy;

          if (next >= WAYMARK_EMOTION_MIN && next <= WAYMARK_EMOTION_MAX)
            {
              waymark_document_set_card_emotion (self->document, card, TRUE, next);
              moved = TRUE;
            }
        }
      if (moved)
        return TRUE;
    }

  if (along != 0 && (along < 0 ? before > 0 : before < others))
    position = before + along;
  else if (dx != 0)
    {
      target_stage = (int) stage + dx;
      if (target_stage < 0 || target_stage >= (int) n_stages)
        return FALSE;
      position = dx < 0 || across ? -1 : 0;
      /* Keep the height when going sideways. */
      if (!across)
        position = before;
    }
  else
    {
      target_lane = (int) lane + dy;
      if (target_lane < 0 || target_lane >= (int) n_lanes)
        return FALSE;
      position = dy < 0 ? -1 : 0;
    }

  waymark_document_move_cards (self->document, (WaymarkCard **) cards->pdata, cards->len,
                               waymark_stage_get_id (waymark_canvas_get_stage (self, target_stage)),
                               waymark_lane_get_id (waymark_canvas_get_lane (self, target_lane)),
                               position);
  if (is_emotion_lane (self, target_lane) && (guint) target_lane != lane)
    for (guint k = 0; k < cards->len; k++)
      if (!waymark_card_get_has_emotion (cards->pdata[k]))
        waymark_document_set_card_emotion (self->document, cards->pdata[k], TRUE, 0);
  return TRUE;
}

static gboolean
move_cards_by (WaymarkCanvas *self,
               int            dx,
               int            dy)
{
  g_autoptr(GPtrArray) cards = waymark_canvas_get_acted_cards (self);
  g_autoptr(GHashTable) cells = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean moved = TRUE;
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint before;

  if (cards->len == 0)
    return FALSE;
  cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint k = 0; k < cards->len; k++)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, cards->pdata[k]);
      gpointer cell;
      GPtrArray *group;

      if (lc == NULL)
        continue;
      cell = GUINT_TO_POINTER (lc->lane * n_stages + lc->stage + 1);
      group = g_hash_table_lookup (cells, cell);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (cells, cell, group);
        }
      g_ptr_array_add (group, lc->card);
    }

  before = waymark_history_get_n_undo (history (self));
  waymark_history_begin_group (history (self), cards->len == 1 ? _("Move Card") : _("Move Cards"));
  /* Cell by cell, from the layout of before the move. */
  {
    g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

    g_hash_table_iter_init (&iter, cells);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        guint cell = GPOINTER_TO_UINT (key) - 1;

        g_array_append_val (order, cell);
      }
    for (guint c = 0; c < order->len && moved; c++)
      {
        guint cell = g_array_index (order, guint, c);

        value = g_hash_table_lookup (cells, GUINT_TO_POINTER (cell + 1));
        moved = move_cell_cards (self, value, cell % n_stages, cell / n_stages, dx, dy);
        waymark_layout_update (self->layout);
      }
  }
  waymark_history_end_group (history (self));
  if (!moved && waymark_history_get_n_undo (history (self)) > before)
    /* Part of the selection could not go: take the whole step back. */
    waymark_history_undo (history (self));
  if (moved && self->focus.kind == TARGET_CARD)
    {
      Target focus = self->focus;

      waymark_canvas_focus_target (self, &focus);
    }
  if (!moved)
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

static void
duplicate_cards (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) cards = waymark_canvas_get_acted_cards (self);
  g_autoptr(GPtrArray) copies = NULL;

  if (cards->len == 0)
    return;
  copies = waymark_document_duplicate_cards (self->document, (WaymarkCard **) cards->pdata, cards->len);
  waymark_canvas_set_selection (self, (WaymarkCard **) copies->pdata, copies->len);
  if (copies->len > 0)
    {
      Target t = { TARGET_CARD, copies->pdata[0], NULL, NULL };

      waymark_canvas_focus_target (self, &t);
    }
}

static void
recolor_cards (WaymarkCanvas *self,
               const char    *color)
{
  g_autoptr(GPtrArray) cards = waymark_canvas_get_acted_cards (self);

  if (cards->len == 0)
    return;
  waymark_history_begin_group (history (self), cards->len == 1 ? _("Change Card Colour") : _("Change Card Colours"));
  for (guint k = 0; k < cards->len; k++)
    waymark_document_set_string (self->document, cards->pdata[k], "color", color);
  waymark_history_end_group (history (self));
  waymark_history_break_coalescing (history (self));
}

/* ---- Clipboard ---- */

static GBytes *
cards_to_jmap (WaymarkCanvas *self,
               GPtrArray     *cards)
{
  g_autoptr(WaymarkDocument) doc = waymark_document_new ();
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < cards->len; k++)
    g_hash_table_add (ids, (gpointer) waymark_card_get_id (cards->pdata[k]));

  for (guint k = 0; k < cards->len; k++)
    {
      WaymarkCard *card = cards->pdata[k];
      WaymarkStage *stage = waymark_document_lookup_stage (self->document, waymark_card_get_stage (card));
      WaymarkLane *lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (card));
      const char * const *links = waymark_card_get_links (card);
      const char * const *refs = waymark_card_get_personas (card);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) kept_links = NULL;
      WaymarkCard *copy;

      if (stage != NULL && g_hash_table_add (seen, (gpointer) waymark_stage_get_id (stage)))
        {
          WaymarkStage *s = waymark_stage_new (waymark_stage_get_id (stage), waymark_stage_get_name (stage));

          g_ptr_array_add (stages, s);
        }
      if (lane != NULL && g_hash_table_add (seen, (gpointer) waymark_lane_get_id (lane)))
        g_ptr_array_add (lanes, waymark_lane_new (waymark_lane_get_id (lane), waymark_lane_get_kind (lane),
                                                  waymark_lane_get_name (lane)));
      for (guint i = 0; refs[i] != NULL; i++)
        {
          WaymarkPersona *persona = waymark_document_lookup_persona (self->document, refs[i]);

          if (persona != NULL && g_hash_table_add (seen, (gpointer) waymark_persona_get_id (persona)))
            {
              WaymarkPersona *p = waymark_persona_new (waymark_persona_get_id (persona),
                                                       waymark_persona_get_name (persona));

              waymark_persona_set_color (p, waymark_persona_get_color (persona));
              g_ptr_array_add (personas, p);
            }
        }

      copy = waymark_card_copy (card, waymark_card_get_id (card));
      /* Links only within what is copied. */
      for (guint i = 0; links[i] != NULL; i++)
        if (g_hash_table_contains (ids, links[i]))
          g_strv_builder_add (kept, links[i]);
      kept_links = g_strv_builder_end (kept);
      waymark_card_set_links (copy, (const char * const *) kept_links);
      g_ptr_array_add (copies, copy);
    }

  waymark_document_set_title (doc, _("Copied cards"));
  waymark_document_load_contents (doc, stages, lanes, copies, personas);
  return waymark_jmap_write (doc);
}

static void
copy_cards (WaymarkCanvas *self,
            GPtrArray     *cards)
{
  g_autoptr(GBytes) jmap = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GdkContentProvider *providers[2];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (cards->len == 0)
    return;
  jmap = cards_to_jmap (self, cards);
  for (guint k = 0; k < cards->len; k++)
    g_string_append_printf (text, "%s\n", waymark_card_get_title (cards->pdata[k]));
  text_bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  providers[0] = gdk_content_provider_new_for_bytes (JMAP_MIME_TYPE, jmap);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes);
  provider = gdk_content_provider_new_union (providers, 2);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
}

typedef struct
{
  WaymarkCanvas *canvas;
  WaymarkDocument *document;
  Target target;
  gboolean has_target;
  char *mime_type;
} PasteData;

static void
paste_data_free (PasteData *data)
{
  g_clear_object (&data->canvas);
  g_clear_object (&data->document);
  waymark_canvas_target_clear (&data->target);
  g_free (data->mime_type);
  g_free (data);
}

/* The cell pasted cards go to when nothing is focused: their own cell if
 * this map has it, else a stage and lane of the same name, else the
 * first stage and a lane of the same kind, else the first lane. */
static gboolean
fallback_cell (WaymarkCanvas *self,
               WaymarkStage  *clip_stage,
               WaymarkLane   *clip_lane,
               WaymarkStage **stage,
               WaymarkLane  **lane)
{
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);

  if (n_stages == 0 || n_lanes == 0)
    return FALSE;
  *stage = clip_stage != NULL ? waymark_document_lookup_stage (self->document, waymark_stage_get_id (clip_stage)) : NULL;
  for (guint i = 0; *stage == NULL && clip_stage != NULL && i < n_stages; i++)
    if (g_str_equal (waymark_stage_get_name (waymark_canvas_get_stage (self, i)), waymark_stage_get_name (clip_stage)))
      *stage = waymark_canvas_get_stage (self, i);
  if (*stage == NULL)
    *stage = waymark_canvas_get_stage (self, 0);

  *lane = clip_lane != NULL ? waymark_document_lookup_lane (self->document, waymark_lane_get_id (clip_lane)) : NULL;
  for (guint j = 0; *lane == NULL && clip_lane != NULL && j < n_lanes; j++)
    if (g_str_equal (waymark_lane_get_name (waymark_canvas_get_lane (self, j)), waymark_lane_get_name (clip_lane)))
      *lane = waymark_canvas_get_lane (self, j);
  for (guint j = 0; *lane == NULL && clip_lane != NULL && j < n_lanes; j++)
    if (waymark_lane_get_kind_enum (waymark_canvas_get_lane (self, j)) == waymark_lane_get_kind_enum (clip_lane))
      *lane = waymark_canvas_get_lane (self, j);
  if (*lane == NULL)
    *lane = waymark_canvas_get_lane (self, 0);
  return TRUE;
}

static void
paste_cards (WaymarkCanvas *self,
             GPtrArray     *cards,
             PasteData     *data,
             WaymarkDocument *clip)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) pasted = g_ptr_array_new_with_free_func (g_object_unref);
  guint stage_i = 0, lane_i = 0;
  int position = -1;
  gboolean to_target = data->has_target && waymark_canvas_target_is_alive (self, &data->target) &&
                       target_cell (self, &data->target, &stage_i, &lane_i, &position);

  if (cards->len == 0)
    return;
  if (waymark_layout_get_n_stages (self->layout) == 0 || waymark_layout_get_n_lanes (self->layout) == 0)
    {
      waymark_canvas_show_toast (self, _("Add a stage and a lane before pasting cards"), FALSE);
      return;
    }

  for (guint k = 0; k < cards->len; k++)
    g_hash_table_insert (new_ids, g_strdup (waymark_card_get_id (cards->pdata[k])),
                         waymark_document_make_id (self->document, "card"));

  waymark_history_begin_group (history (self), cards->len == 1 ? _("Paste Card") : _("Paste Cards"));
  for (guint k = 0; k < cards->len; k++)
    {
      WaymarkCard *card = cards->pdata[k];
      WaymarkCard *copy = waymark_card_copy (card, g_hash_table_lookup (new_ids, waymark_card_get_id (card)));
      const char * const *links = waymark_card_get_links (card);
      const char * const *refs = waymark_card_get_personas (card);
      g_autoptr(GStrvBuilder) link_builder = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) persona_builder = g_strv_builder_new ();
      g_auto(GStrv) new_links = NULL;
      g_auto(GStrv) new_personas = NULL;
      WaymarkStage *stage = NULL;
      WaymarkLane *lane = NULL;

      for (guint i = 0; links[i] != NULL; i++)
        {
          const char *to = g_hash_table_lookup (new_ids, links[i]);

          if (to != NULL)
            g_strv_builder_add (link_builder, to);
          else if (clip == NULL && waymark_document_lookup_card (self->document, links[i]) != NULL)
            g_strv_builder_add (link_builder, links[i]);
        }
      new_links = g_strv_builder_end (link_builder);
      waymark_card_set_links (copy, (const char * const *) new_links);
      for (guint i = 0; refs[i] != NULL; i++)
        if (waymark_document_lookup_persona (self->document, refs[i]) != NULL)
          g_strv_builder_add (persona_builder, refs[i]);
      new_personas = g_strv_builder_end (persona_builder);
      waymark_card_set_personas (copy, (const char * const *) new_personas);

      if (to_target)
        {
          stage = waymark_canvas_get_stage (self, stage_i);
          lane = waymark_canvas_get_lane (self, lane_i);
        }
      else
        fallback_cell (self,
                       clip != NULL ? waymark_document_lookup_stage (clip, waymark_card_get_stage (card)) : NULL,
                       clip != NULL ? waymark_document_lookup_lane (clip, waymark_card_get_lane (card)) : NULL,
                       &stage, &lane);
      waymark_card_set_stage (copy, waymark_stage_get_id (stage));
      waymark_card_set_lane (copy, waymark_lane_get_id (lane));
      if (waymark_lane_get_kind_enum (lane) == WAYMARK_LANE_KIND_EMOTIONS && !waymark_card_get_has_emotion (copy))
        waymark_card_set_emotion (copy, 0);
      waymark_document_insert_card (self->document, copy, to_target && position >= 0 ? position + (int) k : -1);
      g_ptr_array_add (pasted, copy);
    }
  waymark_history_end_group (history (self));

  waymark_canvas_set_selection (self, (WaymarkCard **) pasted->pdata, pasted->len);
  {
    Target t = { TARGET_CARD, pasted->pdata[0], NULL, NULL };

    waymark_canvas_focus_target (self, &t);
  }
}

static void
paste_bytes (WaymarkCanvas *self,
             PasteData     *data,
             GBytes        *bytes)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->document == NULL || self->document != data->document)
    return;
  waymark_layout_update (self->layout);

  if (g_str_equal (data->mime_type, JMAP_MIME_TYPE))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WaymarkDocument) clip = waymark_jmap_read (bytes, NULL, &error);
      GListModel *list;

      if (clip == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not paste: %s"), error->message);

          waymark_canvas_show_toast (self, message, FALSE);
          return;
        }
      list = waymark_document_get_cards (clip);
      for (guint k = 0; k < g_list_model_get_n_items (list) && k < MAX_PASTED_CARDS; k++)
        g_ptr_array_add (cards, g_list_model_get_item (list, k));
      paste_cards (self, cards, data, clip);
    }
  else
    {
      gsize size;
      const char *text = g_bytes_get_data (bytes, &size);
      g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", size);
      g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);

      for (guint i = 0; lines[i] != NULL && cards->len < MAX_PASTED_CARDS; i++)
        {
          g_autofree char *id = g_strdup_printf ("clip-%u", i);
          char *line = g_strstrip (lines[i]);

          g_strdelimit (line, "\r\t", ' ');
          if (line[0] == '\0')
            continue;
          g_ptr_array_add (cards, waymark_card_new (id, "", "", line));
        }
      paste_cards (self, cards, data, NULL);
    }
}

static void
paste_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(GError) error = NULL;
  GOutputStream *memory = G_OUTPUT_STREAM (source);
  g_autoptr(GBytes) bytes = NULL;

  if (g_output_stream_splice_finish (memory, result, &error) < 0)
    {
      g_warning ("Could not read the clipboard: %s", error->message);
      paste_data_free (data);
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  if (g_bytes_get_size (bytes) > WAYMARK_JMAP_MAX_FILE_SIZE)
    waymark_canvas_show_toast (data->canvas, _("Could not paste: the clipboard holds too much"), FALSE);
  else
    paste_bytes (data->canvas, data, bytes);
  paste_data_free (data);
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PasteData *data = user_data;
  g_autoptr(GError) error = NULL;
  const char *mime_type = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, &mime_type, &error);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_debug ("Nothing to paste: %s", error->message);
      paste_data_free (data);
      return;
    }
  data->mime_type = g_strdup (mime_type);
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_spliced_cb, data);
}

static void
paste (WaymarkCanvas *self)
{
  static const char *mime_types[] = { JMAP_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", NULL };
  PasteData *data;
  Target t = current_target (self);

  if (self->document == NULL)
    return;
  data = g_new0 (PasteData, 1);
  data->canvas = g_object_ref (self);
  data->document = g_object_ref (self->document);
  if (t.kind == TARGET_CARD || t.kind == TARGET_CELL)
    {
      data->has_target = TRUE;
      waymark_canvas_target_copy (&data->target, &t);
    }
  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), mime_types,
                            G_PRIORITY_DEFAULT, NULL, paste_read_cb, data);
}

/* ---- Keyboard focus ---- */

static Target
cell_entry (WaymarkCanvas *self,
            guint          stage,
            guint          lane,
            int            index)
{
  WaymarkLayoutCard **cards;
  guint n = waymark_layout_get_cell_cards (self->layout, stage, lane, &cards);

  if (n == 0)
    return (Target) { TARGET_CELL, NULL, waymark_canvas_get_stage (self, stage), waymark_canvas_get_lane (self, lane) };
  if (index < 0)
    index = n - 1;
  return (Target) { TARGET_CARD, cards[MIN ((guint) index, n - 1)]->card, NULL, NULL };
}

/* The item next to the target in a direction; kind TARGET_NONE if none,
 * TARGET_MAP for the "+" buttons (*button is set). */
static Target
neighbour (WaymarkCanvas *self,
           const Target  *t,
           int            dx,
           int            dy,
           GtkWidget    **button)
{
  Target none = { TARGET_NONE, NULL, NULL, NULL };
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);
  guint stage = 0, lane = 0, position = 0, n = 0;
  gboolean across;

  *button = NULL;
  switch (t->kind)
    {
    case TARGET_STAGE:
      {
        int i = waymark_canvas_stage_index (self, t->stage);

        if (i < 0)
          return none;
        if (dx > 0 && (guint) i + 1 >= n_stages)
          *button = self->add_stage_button;
        else if (dx != 0 && i + dx >= 0)
          return (Target) { TARGET_STAGE, NULL, waymark_canvas_get_stage (self, i + dx), NULL };
        else if (dy > 0 && n_lanes > 0)
          return cell_entry (self, i, 0, 0);
        return none;
      }
    case TARGET_LANE:
      {
        int j = waymark_canvas_lane_index (self, t->lane);

        if (j < 0)
          return none;
        if (dy > 0 && (guint) j + 1 >= n_lanes)
          *button = self->add_lane_button;
        else if (dy != 0 && j + dy >= 0)
          return (Target) { TARGET_LANE, NULL, NULL, waymark_canvas_get_lane (self, j + dy) };
        else if (dx > 0 && n_stages > 0)
          return cell_entry (self, 0, j, 0);
        return none;
      }
    case TARGET_CARD:
      {
        WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, t->card);
        WaymarkLayoutCard **cards;

        if (lc == NULL)
          return none;
        stage = lc->stage;
        lane = lc->lane;
        position = lc->position;
        n = waymark_layout_get_cell_cards (self->layout, stage, lane, &cards);
      }
      break;
    case TARGET_CELL:
      {
        int i = waymark_canvas_stage_index (self, t->stage);
        int j = waymark_canvas_lane_index (self, t->lane);

        if (i < 0 || j < 0)
          return none;
        stage = i;
        lane = j;
      }
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      return none;
    }

  across = is_emotion_lane (self, lane);
  if (n > 0 && (across ? dx : dy) != 0)
    {
      int step = across ? dx : dy;

      if ((step < 0 && position > 0) || (step > 0 && position + 1 < n))
        return cell_entry (self, stage, lane, position + step);
    }
  if (dx < 0)
    return stage > 0 ? cell_entry (self, stage - 1, lane, across ? -1 : (int) position)
                     : (Target) { TARGET_LANE, NULL, NULL, waymark_canvas_get_lane (self, lane) };
  if (dx > 0)
    return stage + 1 < n_stages ? cell_entry (self, stage + 1, lane, across ? 0 : (int) position) : none;
  if (dy < 0)
    return lane > 0 ? cell_entry (self, stage, lane - 1, -1)
                    : (Target) { TARGET_STAGE, NULL, waymark_canvas_get_stage (self, stage), NULL };
  if (dy > 0)
    return lane + 1 < n_lanes ? cell_entry (self, stage, lane + 1, 0) : none;
  return none;
}

static gboolean
busy (WaymarkCanvas *self)
{
  return self->edit_kind != EDIT_NONE || waymark_canvas_menu_is_open (self) ||
         (self->drag != DRAG_NONE && self->drag != DRAG_PENDING) || self->document == NULL;
}

static gboolean
move_focus_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  int dx, dy;
  gboolean extend, keep;
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  GtkWidget *button = NULL;
  Target from, to;

  if (busy (self))
    return FALSE;
  g_variant_get (args, "(iibb)", &dx, &dy, &extend, &keep);
  waymark_layout_update (self->layout);

  if (focus_child == self->add_stage_button || focus_child == self->add_lane_button)
    {
      guint n;

      if (focus_child == self->add_stage_button && dx < 0 &&
          (n = waymark_layout_get_n_stages (self->layout)) > 0)
        to = (Target) { TARGET_STAGE, NULL, waymark_canvas_get_stage (self, n - 1), NULL };
      else if (focus_child == self->add_lane_button && dy < 0 &&
               (n = waymark_layout_get_n_lanes (self->layout)) > 0)
        to = (Target) { TARGET_LANE, NULL, NULL, waymark_canvas_get_lane (self, n - 1) };
      else
        return TRUE;
    }
  else
    {
      from = current_target (self);
      to = neighbour (self, &from, dx, dy, &button);
      if (button != NULL)
        {
          gtk_widget_grab_focus (button);
          return TRUE;
        }
    }
  if (to.kind == TARGET_NONE)
    {
      gtk_widget_error_bell (widget);
      return TRUE;
    }
  waymark_canvas_focus_target (self, &to);
  if (!keep)
    {
      if (to.kind == TARGET_CARD && extend)
        {
          g_autoptr(GPtrArray) cards = waymark_canvas_get_selection (self);

          g_ptr_array_add (cards, to.card);
          waymark_canvas_set_selection (self, (WaymarkCard **) cards->pdata, cards->len);
        }
      else if (!extend)
        waymark_canvas_select_only (self, to.kind == TARGET_CARD ? to.card : NULL);
    }
  return TRUE;
}

/* Alt+arrows: move the cards, or the stage or lane. */
static gboolean
move_item_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  Target t = current_target (self);
  int dx, dy;

  if (busy (self))
    return FALSE;
  g_variant_get (args, "(ii)", &dx, &dy);
  waymark_layout_update (self->layout);
  switch (t.kind)
    {
    case TARGET_CARD:
    case TARGET_CELL:
      return move_cards_by (self, dx, dy);
    case TARGET_STAGE:
      {
        int i = waymark_canvas_stage_index (self, t.stage);

        if (dx != 0 && i + dx >= 0 && i + dx < (int) waymark_layout_get_n_stages (self->layout))
          {
            waymark_document_move_stage (self->document, t.stage, i + dx);
            waymark_canvas_focus_target (self, &t);
          }
        else
          gtk_widget_error_bell (widget);
        return TRUE;
      }
    case TARGET_LANE:
      {
        int j = waymark_canvas_lane_index (self, t.lane);

        if (dy != 0 && j + dy >= 0 && j + dy < (int) waymark_layout_get_n_lanes (self->layout))
          {
            waymark_document_move_lane (self->document, t.lane, j + dy);
            waymark_canvas_focus_target (self, &t);
          }
        else
          gtk_widget_error_bell (widget);
        return TRUE;
      }
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      return FALSE;
    }
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  Target t = current_target (self);
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);

  if (busy (self) || focus_child == self->add_stage_button || focus_child == self->add_lane_button)
    return FALSE;
  if (t.kind == TARGET_CELL)
    {
      int i = waymark_canvas_stage_index (self, t.stage);
      int j = waymark_canvas_lane_index (self, t.lane);

      if (i >= 0 && j >= 0)
        waymark_canvas_new_card (self, i, j, -1);
      return TRUE;
    }
  if (t.kind == TARGET_MAP || t.kind == TARGET_NONE)
    return FALSE;
  waymark_canvas_start_edit (self, &t);
  return TRUE;
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  if (self->drag != DRAG_NONE && self->drag != DRAG_PENDING)
    {
      waymark_canvas_cancel_drag (self);
      return TRUE;
    }
  if (busy (self) || g_hash_table_size (self->selection) == 0)
    return FALSE;
  waymark_canvas_select_only (self, NULL);
  return TRUE;
}

static gboolean
toggle_selection_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  Target t = current_target (self);

  if (busy (self) || t.kind != TARGET_CARD)
    return FALSE;
  if (waymark_canvas_is_selected (self, t.card))
    {
      g_autoptr(GPtrArray) cards = waymark_canvas_get_selection (self);

      g_ptr_array_remove (cards, t.card);
      waymark_canvas_set_selection (self, (WaymarkCard **) cards->pdata, cards->len);
    }
  else
    {
      g_autoptr(GPtrArray) cards = waymark_canvas_get_selection (self);

      g_ptr_array_add (cards, t.card);
      waymark_canvas_set_selection (self, (WaymarkCard **) cards->pdata, cards->len);
    }
  return TRUE;
}

/* ---- Context menus ---- */

static void
menu_closed_cb (WaymarkCanvas *self);

static gboolean
clear_menu_target_cb (gpointer user_data)
{
  WaymarkCanvas *self = user_data;

  self->menu_idle = 0;
  self->menu_target_valid = FALSE;
  return G_SOURCE_REMOVE;
}

static void
menu_closed_cb (WaymarkCanvas *self)
{
  /* The menu's action runs after it closes: keep its target until then. */
  g_clear_handle_id (&self->menu_idle, g_source_remove);
  self->menu_idle = g_idle_add (clear_menu_target_cb, self);
}

static GMenuModel *
build_menu (WaymarkCanvas *self,
            const Target  *t)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = NULL;

  switch (t->kind)
    {
    case TARGET_CARD:
      {
        g_autoptr(GMenu) colours = g_menu_new ();

        section = g_menu_new ();
        g_menu_append (section, _("_Edit Title"), "canvas.edit");
        g_menu_append (section, _("De_tails"), "canvas.details");
        g_menu_append (section, _("Add Card _Below"), "canvas.add-card");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        g_clear_object (&section);

        section = g_menu_new ();
        g_menu_append (section, _("Cu_t"), "canvas.cut");
        g_menu_append (section, _("_Copy"), "canvas.copy");
        g_menu_append (section, _("_Paste"), "canvas.paste");
        g_menu_append (section, _("_Duplicate"), "canvas.duplicate");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        g_clear_object (&section);

        for (guint i = 0; i < waymark_card_colors_get_n (); i++)
          {
            g_autoptr(GMenuItem) item = g_menu_item_new (_(waymark_card_colors_get_name (i)), NULL);

            g_menu_item_set_action_and_target (item, "canvas.recolor", "s", waymark_card_colors_get_hex (i));
            g_menu_append_item (colours, item);
          }
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_("_Lane Colour"), NULL);

          g_menu_item_set_action_and_target (item, "canvas.recolor", "s", "");
          g_menu_append_item (colours, item);
        }
        section = g_menu_new ();
        g_menu_append_submenu (section, _("C_olour"), G_MENU_MODEL (colours));
        g_menu_append (section, _("_Select All"), "canvas.select-all");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        g_clear_object (&section);

        section = g_menu_new ();
        g_menu_append (section, _("_Delete"), "canvas.delete");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      }
      break;
    case TARGET_CELL:
      section = g_menu_new ();
      g_menu_append (section, _("_Add Card"), "canvas.add-card");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append (section, _("_Select All"), "canvas.select-all");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      break;
    case TARGET_STAGE:
      section = g_menu_new ();
      g_menu_append (section, _("_Rename Stage"), "canvas.edit");
      g_menu_append (section, _("Stage De_tails"), "canvas.details");
      g_menu_append (section, _("Add Stage _Before"), "canvas.insert::before");
      g_menu_append (section, _("Add Stage _After"), "canvas.insert::after");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      g_menu_append (section, _("Move _Left"), "canvas.move-header(-1)");
      g_menu_append (section, _("Move _Right"), "canvas.move-header(1)");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      g_menu_append (section, _("_Delete Stage"), "canvas.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      break;
    case TARGET_LANE:
      {
        g_autoptr(GMenu) kinds = g_menu_new ();

        for (guint k = 0; k < WAYMARK_N_LANE_KINDS; k++)
          {
            g_autoptr(GMenuItem) item = g_menu_item_new (waymark_lane_kind_get_label (k), NULL);

            g_menu_item_set_action_and_target (item, "canvas.set-lane-kind", "s", waymark_lane_kind_to_string (k));
            g_menu_append_item (kinds, item);
          }
        section = g_menu_new ();
        g_menu_append (section, _("_Rename Lane"), "canvas.edit");
        g_menu_append_submenu (section, _("_Kind"), G_MENU_MODEL (kinds));
        g_menu_append (section, _("Add Lane _Above"), "canvas.insert::before");
        g_menu_append (section, _("Add Lane _Below"), "canvas.insert::after");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        g_clear_object (&section);
        section = g_menu_new ();
        g_menu_append (section, _("Move _Up"), "canvas.move-header(-1)");
        g_menu_append (section, _("Move _Down"), "canvas.move-header(1)");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
        g_clear_object (&section);
        section = g_menu_new ();
        g_menu_append (section, _("_Delete Lane"), "canvas.delete");
        g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      }
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      section = g_menu_new ();
      g_menu_append (section, _("Add _Stage"), "canvas.add-stage");
      g_menu_append (section, _("Add _Lane"), "canvas.add-lane");
      g_menu_append (section, _("_Paste"), "canvas.paste");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      g_menu_append (section, _("Map De_tails"), "canvas.details");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      g_menu_append (section, _("Zoom _In"), "canvas.zoom-in");
      g_menu_append (section, _("Zoom _Out"), "canvas.zoom-out");
      g_menu_append (section, _("_Fit Map"), "canvas.zoom-fit");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      break;
    }
  return G_MENU_MODEL (menu);
}

void
waymark_canvas_open_menu (WaymarkCanvas *self,
                          const Target  *target,
                          double         x,
                          double         y)
{
  g_autoptr(GMenuModel) model = NULL;

  if (self->document == NULL)
    return;
  g_clear_handle_id (&self->menu_idle, g_source_remove);
  self->menu_target = *target;
  self->menu_target_valid = TRUE;
  waymark_canvas_update_actions (self);
  model = build_menu (self, target);
  if (self->menu == NULL)
    {
      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (menu_closed_cb), self);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  /* Inside the canvas: a point off screen has no monitor to place the
   * menu on. */
  x = CLAMP (x, 0, MAX (gtk_widget_get_width (GTK_WIDGET (self)) - 1, 0));
  y = CLAMP (y, 0, MAX (gtk_widget_get_height (GTK_WIDGET (self)) - 1, 0));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static gboolean
context_menu_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  Target t = current_target (self);
  WaymarkRect rect;
  double x, y;

  if (busy (self))
    return FALSE;
  waymark_layout_update (self->layout);
  if (t.kind == TARGET_MAP || t.kind == TARGET_NONE)
    {
      x = gtk_widget_get_width (widget) / 2.0;
      y = gtk_widget_get_height (widget) / 2.0;
    }
  else
    {
      /* The menu points at the item: bring it into view first. */
      waymark_canvas_target_rect (self, &t, &rect);
      waymark_canvas_scroll_to_rect (self, &rect);
      waymark_canvas_map_to_widget (self, rect.x + MIN (rect.width, 40), rect.y + MIN (rect.height, 24), &x, &y);
    }
  waymark_canvas_open_menu (self, &t, x, y);
  return TRUE;
}

/* ---- Actions ---- */

static WaymarkCanvas *
canvas_for_action (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  return self->document != NULL ? self : NULL;
}

static void
add_card_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  Target t;
  guint stage, lane;
  int position;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  waymark_layout_update (self->layout);
  if (!target_cell (self, &t, &stage, &lane, &position))
    {
      if (waymark_layout_get_n_stages (self->layout) == 0 || waymark_layout_get_n_lanes (self->layout) == 0)
        return;
      stage = lane = 0;
      position = -1;
    }
  waymark_canvas_new_card (self, stage, lane, position);
}

/* The details of the focused card or stage, the one selected card, or
 * else the map. */
static void
details_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  g_autoptr(GPtrArray) selection = NULL;
  gpointer object;
  Target t;

  if (self == NULL || self->document == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  selection = waymark_canvas_get_selection (self);
  if (t.kind == TARGET_CARD)
    object = t.card;
  else if (t.kind == TARGET_STAGE)
    object = t.stage;
  else if (selection->len == 1)
    object = g_ptr_array_index (selection, 0);
  else
    object = self->document;
  waymark_canvas_request_details (self, object);
}

static void
edit_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  Target t;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  if (t.kind == TARGET_CELL)
    activate_cb (widget, NULL, NULL);
  else if (t.kind != TARGET_MAP && t.kind != TARGET_NONE)
    {
      waymark_canvas_focus_target (self, &t);
      waymark_canvas_start_edit (self, &t);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  Target t;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  waymark_canvas_delete_target (self, &t);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);

  if (self != NULL)
    duplicate_cards (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  g_autoptr(GPtrArray) cards = NULL;

  if (self == NULL)
    return;
  cards = waymark_canvas_get_acted_cards (self);
  copy_cards (self, cards);
}

static void
cut_action (GtkWidget  *widget,
            const char *name,
            GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  g_autoptr(GPtrArray) cards = NULL;

  if (self == NULL)
    return;
  cards = waymark_canvas_get_acted_cards (self);
  if (cards->len == 0)
    return;
  copy_cards (self, cards);
  waymark_history_begin_group (history (self), cards->len == 1 ? _("Cut Card") : _("Cut Cards"));
  delete_cards (self, cards);
  waymark_history_end_group (history (self));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);

  if (self != NULL)
    paste (self);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint n;

  if (self == NULL)
    return;
  waymark_layout_update (self->layout);
  n = waymark_layout_get_n_cards (self->layout);
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (cards, waymark_layout_get_card_at (self->layout, c)->card);
  waymark_canvas_set_selection (self, (WaymarkCard **) cards->pdata, cards->len);
}

static void
recolor_action (GtkWidget  *widget,
                const char *name,
                GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  const char *color = g_variant_get_string (parameter, NULL);

  if (self == NULL || (color[0] != '\0' && !waymark_color_parse (color, &(WaymarkColor) { 0 })))
    return;
  recolor_cards (self, color);
  self->menu_target_valid = FALSE;
}

static void
add_stage_at (WaymarkCanvas *self,
              int            position)
{
  GListModel *stages = waymark_document_get_stages (self->document);
  g_autofree char *stage_name = NULL;
  WaymarkStage *stage;
  Target t = { TARGET_STAGE, NULL, NULL, NULL };

  /* Translators: the name of a new stage; %u is its position. */
  stage_name = g_strdup_printf (_("Stage %u"), g_list_model_get_n_items (stages) + 1);
  stage = waymark_document_add_stage (self->document, stage_name, position);
  t.stage = stage;
  waymark_layout_update (self->layout);
  waymark_canvas_focus_target (self, &t);
  waymark_canvas_start_edit (self, &t);
}

static void
add_lane_at (WaymarkCanvas *self,
             const char    *kind,
             int            position)
{
  GListModel *lanes = waymark_document_get_lanes (self->document);
  g_autofree char *lane_name = NULL;
  WaymarkLane *lane;
  Target t = { TARGET_LANE, NULL, NULL, NULL };
  WaymarkLaneKind k = waymark_lane_kind_from_string (kind);

  if (k != WAYMARK_LANE_KIND_TEXT)
    lane_name = g_strdup (waymark_lane_kind_get_label (k));
  else
    /* Translators: the name of a new lane; %u is its position. */
    lane_name = g_strdup_printf (_("Lane %u"), g_list_model_get_n_items (lanes) + 1);
  lane = waymark_document_add_lane (self->document, kind, lane_name, position);
  t.lane = lane;
  waymark_layout_update (self->layout);
  waymark_canvas_focus_target (self, &t);
  waymark_canvas_start_edit (self, &t);
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);

  if (self != NULL)
    add_stage_at (self, -1);
}

static void
add_lane_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);

  if (self != NULL)
    add_lane_at (self, parameter != NULL ? g_variant_get_string (parameter, NULL) : "text", -1);
}

static void
insert_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  gboolean after = g_str_equal (g_variant_get_string (parameter, NULL), "after");
  Target t;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  if (t.kind == TARGET_STAGE)
    add_stage_at (self, waymark_canvas_stage_index (self, t.stage) + (after ? 1 : 0));
  else if (t.kind == TARGET_LANE)
    add_lane_at (self, "text", waymark_canvas_lane_index (self, t.lane) + (after ? 1 : 0));
}

static void
move_header_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  int step = g_variant_get_int32 (parameter);
  Target t;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  if (t.kind == TARGET_STAGE || t.kind == TARGET_LANE)
    {
      g_autoptr(GVariant) args = g_variant_ref_sink (g_variant_new ("(ii)", t.kind == TARGET_STAGE ? step : 0,
                                                                    t.kind == TARGET_LANE ? step : 0));

      waymark_canvas_focus_target (self, &t);
      move_item_cb (widget, args, NULL);
    }
}

static void
set_lane_kind_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *parameter)
{
  WaymarkCanvas *self = canvas_for_action (widget);
  Target t;

  if (self == NULL)
    return;
  t = current_target (self);
  self->menu_target_valid = FALSE;
  if (t.kind == TARGET_LANE)
    waymark_document_set_string (self->document, t.lane, "kind", g_variant_get_string (parameter, NULL));
}

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  if (g_str_equal (name, "canvas.zoom-in"))
    waymark_canvas_zoom_in (self);
  else if (g_str_equal (name, "canvas.zoom-out"))
    waymark_canvas_zoom_out (self);
  else if (g_str_equal (name, "canvas.zoom-reset"))
    waymark_canvas_set_zoom (self, 1.0);
  else
    waymark_canvas_zoom_fit (self);
}

/* The keyboard paths as actions too, for menus and tests. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  move_focus_cb (widget, parameter, NULL);
}

static void
move_action (GtkWidget  *widget,
             const char *name,
             GVariant   *parameter)
{
  move_item_cb (widget, parameter, NULL);
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *parameter)
{
  context_menu_cb (widget, NULL, NULL);
}

void
waymark_canvas_update_actions (WaymarkCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_doc = self->document != NULL;
  gboolean editing = self->edit_kind != EDIT_NONE;
  Target t = current_target (self);
  gboolean has_cards = g_hash_table_size (self->selection) > 0 || t.kind == TARGET_CARD;
  gboolean header = t.kind == TARGET_STAGE || t.kind == TARGET_LANE;

  gtk_widget_action_set_enabled (widget, "canvas.add-card", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.details", has_doc && !editing && t.kind != TARGET_LANE && t.kind != TARGET_CELL);
  gtk_widget_action_set_enabled (widget, "canvas.edit", has_doc && !editing && t.kind != TARGET_MAP && t.kind != TARGET_NONE);
  gtk_widget_action_set_enabled (widget, "canvas.delete", has_doc && !editing && (has_cards || header));
  gtk_widget_action_set_enabled (widget, "canvas.duplicate", has_doc && !editing && has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.copy", has_doc && !editing && has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.cut", has_doc && !editing && has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.paste", has_doc && !editing);
  gtk_widget_action_set_enabled (widget, "canvas.recolor", has_doc && !editing && has_cards);
  gtk_widget_action_set_enabled (widget, "canvas.add-stage", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.add-lane", has_doc);
  gtk_widget_action_set_enabled (widget, "canvas.insert", has_doc && header);
  gtk_widget_action_set_enabled (widget, "canvas.move-header", has_doc && header);
  gtk_widget_action_set_enabled (widget, "canvas.set-lane-kind", has_doc && t.kind == TARGET_LANE);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-in", self->zoom < WAYMARK_CANVAS_ZOOM_MAX - 1e-3);
  gtk_widget_action_set_enabled (widget, "canvas.zoom-out", self->zoom > WAYMARK_CANVAS_ZOOM_MIN + 1e-3);
}

static void
add_arrow_bindings (GtkWidgetClass  *widget_class,
                    guint            keyval,
                    guint            kp_keyval,
                    int              dx,
                    int              dy)
{
  guint keys[2] = { keyval, kp_keyval };

  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_class_add_binding (widget_class, keys[i], 0, move_focus_cb, "(iibb)", dx, dy, FALSE, FALSE);
      gtk_widget_class_add_binding (widget_class, keys[i], GDK_SHIFT_MASK, move_focus_cb, "(iibb)", dx, dy, TRUE, FALSE);
      gtk_widget_class_add_binding (widget_class, keys[i], GDK_CONTROL_MASK, move_focus_cb, "(iibb)", dx, dy, FALSE, TRUE);
      gtk_widget_class_add_binding (widget_class, keys[i], GDK_ALT_MASK, move_item_cb, "(ii)", dx, dy);
    }
}

void
waymark_canvas_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.add-card", NULL, add_card_action);
  gtk_widget_class_install_action (widget_class, "canvas.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "canvas.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "canvas.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "canvas.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.recolor", "s", recolor_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-lane", NULL, add_lane_action);
  gtk_widget_class_install_action (widget_class, "canvas.insert", "s", insert_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-header", "i", move_header_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-lane-kind", "s", set_lane_kind_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "canvas.move-focus", "(iibb)", move_focus_action);
  gtk_widget_class_install_action (widget_class, "canvas.move", "(ii)", move_action);

  add_arrow_bindings (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0);
  add_arrow_bindings (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0);
  add_arrow_bindings (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1);
  add_arrow_bindings (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, activate_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, toggle_selection_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, context_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, context_menu_cb, NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "canvas.add-card", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "canvas.details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK, "canvas.details", NULL);
}
