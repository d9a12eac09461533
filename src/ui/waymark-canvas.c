/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map canvas: drawing, item widgets, scrolling, zoom, selection and
 * pointer gestures. Keyboard, actions, inline editing, clipboard and
 * context menus are in waymark-canvas-actions.c.
 *
 * Drawing: the canvas draws the map itself from the WaymarkLayout, only
 * what is in view, and keeps the render node of each card until the
 * layout changes, so scrolling and dragging record almost nothing.
 *
 * Items: for keyboard focus and screen readers, the cards, cells and
 * headers in view have small item widgets (WaymarkCanvasItem) placed over
 * them. They draw nothing and take no pointer events; the canvas draws
 * their focus ring. Items out of view are dropped, except the focused
 * one.
 *
 * Animation: the canvas remembers where it drew each card. When the next
 * layout puts a card elsewhere (a drop, a keyboard move, an undo, an edit
 * in a side panel), the card slides from where it was to its new place. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "waymark-canvas-private.h"
#include "waymark-resources.h"

#define DRAG_THRESHOLD      8.0
#define AUTOSCROLL_EDGE    48.0
#define AUTOSCROLL_SPEED 1400.0 /* pixels per second at the very edge */
#define ITEM_MARGIN       240.0 /* map units kept around the view */
#define SCROLL_MARGIN      24.0
#define ANIMATION_RATE     18.0 /* 1/s: how fast offsets settle */

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  PROP_PERSONA_FOCUS,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  SELECTION_CHANGED,
  DETAILS_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void waymark_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WaymarkCanvas, waymark_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      waymark_canvas_scrollable_init))

typedef struct
{
  GskRenderNode    *node;
  WaymarkPaintFlags flags;
} CachedNode;

static void
cached_node_free (gpointer data)
{
  CachedNode *cached = data;

  gsk_render_node_unref (cached->node);
  g_free (cached);
}

/* ---- Targets ---- */

gboolean
waymark_canvas_target_equal (const Target *a,
                             const Target *b)
{
  return a->kind == b->kind && a->card == b->card &&
         a->stage == b->stage && a->lane == b->lane;
}

static guint
target_hash (gconstpointer key)
{
  const Target *t = key;

  return t->kind * 7919u ^ g_direct_hash (t->card) ^
         g_direct_hash (t->stage) * 31u ^ g_direct_hash (t->lane) * 131u;
}

static gboolean
target_equal (gconstpointer a,
              gconstpointer b)
{
  return waymark_canvas_target_equal (a, b);
}

/* The target's objects are still in the document. */
gboolean
waymark_canvas_target_is_alive (WaymarkCanvas *self,
                 const Target  *t)
{
  WaymarkDocument *doc = self->document;

  if (doc == NULL)
    return FALSE;
  switch (t->kind)
    {
    case TARGET_CARD:
      return waymark_document_lookup_card (doc, waymark_card_get_id (t->card)) == t->card;
    case TARGET_CELL:
      return waymark_document_lookup_stage (doc, waymark_stage_get_id (t->stage)) == t->stage &&
             waymark_document_lookup_lane (doc, waymark_lane_get_id (t->lane)) == t->lane;
    case TARGET_STAGE:
      return waymark_document_lookup_stage (doc, waymark_stage_get_id (t->stage)) == t->stage;
    case TARGET_LANE:
      return waymark_document_lookup_lane (doc, waymark_lane_get_id (t->lane)) == t->lane;
    case TARGET_MAP:
      return TRUE;
    case TARGET_NONE:
    default:
      return FALSE;
    }
}

void
waymark_canvas_target_copy (Target       *dest,
                            const Target *src)
{
  dest->kind = src->kind;
  dest->card = src->card != NULL ? g_object_ref (src->card) : NULL;
  dest->stage = src->stage != NULL ? g_object_ref (src->stage) : NULL;
  dest->lane = src->lane != NULL ? g_object_ref (src->lane) : NULL;
}

void
waymark_canvas_target_clear (Target *target)
{
  g_clear_object (&target->card);
  g_clear_object (&target->stage);
  g_clear_object (&target->lane);
  target->kind = TARGET_NONE;
}

const char *
waymark_canvas_display_name (const char *name,
                             const char *fallback)
{
  return name != NULL && name[0] != '\0' ? name : fallback;
}

int
waymark_canvas_stage_index (WaymarkCanvas *self,
                            WaymarkStage  *stage)
{
  guint n = waymark_layout_get_n_stages (self->layout);

  for (guint i = 0; i < n; i++)
    if (waymark_layout_get_stage (self->layout, i)->stage == stage)
      return (int) i;
  return -1;
}

int
waymark_canvas_lane_index (WaymarkCanvas *self,
                           WaymarkLane   *lane)
{
  guint n = waymark_layout_get_n_lanes (self->layout);

  for (guint j = 0; j < n; j++)
    if (waymark_layout_get_lane (self->layout, j)->lane == lane)
      return (int) j;
  return -1;
}

WaymarkStage *
waymark_canvas_get_stage (WaymarkCanvas *self,
                          guint          i)
{
  if (i >= waymark_layout_get_n_stages (self->layout))
    return NULL;
  return waymark_layout_get_stage (self->layout, i)->stage;
}

WaymarkLane *
waymark_canvas_get_lane (WaymarkCanvas *self,
                         guint          j)
{
  if (j >= waymark_layout_get_n_lanes (self->layout))
    return NULL;
  return waymark_layout_get_lane (self->layout, j)->lane;
}

void
waymark_canvas_target_rect (WaymarkCanvas *self,
                            const Target  *t,
                            WaymarkRect   *rect)
{
  *rect = (WaymarkRect) { 0, 0, 0, 0 };
  switch (t->kind)
    {
    case TARGET_CARD:
      {
        WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, t->card);

        if (lc != NULL)
          *rect = lc->rect;
      }
      break;
    case TARGET_CELL:
      {
        int i = waymark_canvas_stage_index (self, t->stage);
        int j = waymark_canvas_lane_index (self, t->lane);

        if (i >= 0 && j >= 0)
          waymark_layout_get_cell_rect (self->layout, i, j, rect);
      }
      break;
    case TARGET_STAGE:
      {
        int i = waymark_canvas_stage_index (self, t->stage);

        if (i >= 0)
          {
            double dx, dy;

            waymark_canvas_sticky_offsets (self, &dx, &dy);
            *rect = waymark_layout_get_stage (self->layout, i)->header;
            rect->y += dy;
          }
      }
      break;
    case TARGET_LANE:
      {
        int j = waymark_canvas_lane_index (self, t->lane);

        if (j >= 0)
          {
            double dx, dy;

            waymark_canvas_sticky_offsets (self, &dx, &dy);
            *rect = waymark_layout_get_lane (self->layout, j)->header;
            rect->x += dx;
          }
      }
      break;
    case TARGET_MAP:
      *rect = waymark_layout_get_title (self->layout)->rect;
      break;
    case TARGET_NONE:
    default:
      break;
    }
}

/* ---- Item widgets ---- */

G_DEFINE_FINAL_TYPE (WaymarkCanvasItem, waymark_canvas_item, GTK_TYPE_WIDGET)

static void
waymark_canvas_item_state_flags_changed (GtkWidget     *widget,
                                         GtkStateFlags  previous)
{
  WaymarkCanvasItem *item = WAYMARK_CANVAS_ITEM (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkStateFlags now = gtk_widget_get_state_flags (widget);
  GtkStateFlags changed = (now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE);

  GTK_WIDGET_CLASS (waymark_canvas_item_parent_class)->state_flags_changed (widget, previous);

  if (changed == 0 || !WAYMARK_IS_CANVAS (parent))
    return;
  if (now & GTK_STATE_FLAG_FOCUSED)
    {
      WAYMARK_CANVAS (parent)->focus = item->target;
      waymark_canvas_update_actions (WAYMARK_CANVAS (parent));
    }
  gtk_widget_queue_draw (parent);
}

static void
waymark_canvas_item_finalize (GObject *object)
{
  WaymarkCanvasItem *item = WAYMARK_CANVAS_ITEM (object);

  waymark_canvas_target_clear (&item->target);
  G_OBJECT_CLASS (waymark_canvas_item_parent_class)->finalize (object);
}

static void
waymark_canvas_item_class_init (WaymarkCanvasItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = waymark_canvas_item_finalize;
  widget_class->state_flags_changed = waymark_canvas_item_state_flags_changed;
  gtk_widget_class_set_css_name (widget_class, "waymark-canvas-item");
}

static void
waymark_canvas_item_init (WaymarkCanvasItem *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
}

static void
item_update_label (WaymarkCanvas     *self,
                   WaymarkCanvasItem *item)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const Target *t = &item->target;

  if (item->label_generation == self->layout_generation && item->label_generation != 0)
    return;
  item->label_generation = self->layout_generation;

  switch (t->kind)
    {
    case TARGET_CARD:
      {
        WaymarkStage *stage = waymark_document_lookup_stage (self->document, waymark_card_get_stage (t->card));
        WaymarkLane *lane = waymark_document_lookup_lane (self->document, waymark_card_get_lane (t->card));
        WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, t->card);

        /* Translators: a card's accessible name: its title, its lane and
         * its stage, as in "Card: Checkout in the app, Touchpoints,
         * Decision". */
        label = g_strdup_printf (_("Card: %s, %s, %s"),
                                 waymark_canvas_display_name (waymark_card_get_title (t->card), _("Untitled card")),
                                 waymark_canvas_display_name (lane != NULL ? waymark_lane_get_name (lane) : NULL, _("Untitled lane")),
                                 waymark_canvas_display_name (stage != NULL ? waymark_stage_get_name (stage) : NULL, _("Untitled stage")));
        if (lc != NULL && lc->meta.text != NULL)
          description = g_strdup (lc->meta.text);
        if (waymark_card_get_has_emotion (t->card))
          {
            g_autofree char *old = g_steal_pointer (&description);

            /* Translators: an emotion card's value on the -2 … +2 scale. */
            description = g_strdup_printf (_("Emotion %+d%s%s"), waymark_card_get_emotion (t->card),
                                           old != NULL ? ", " : "", old != NULL ? old : "");
          }
      }
      break;
    case TARGET_CELL:
      {
        g_autoptr(GPtrArray) cards = waymark_document_get_cell_cards (self->document,
                                                                      waymark_stage_get_id (t->stage),
                                                                      waymark_lane_get_id (t->lane));
        const char *lane = waymark_canvas_display_name (waymark_lane_get_name (t->lane), _("Untitled lane"));
        const char *stage = waymark_canvas_display_name (waymark_stage_get_name (t->stage), _("Untitled stage"));

        if (cards->len == 0)
          /* Translators: an empty cell: lane, stage. */
          label = g_strdup_printf (_("%s, %s, empty"), lane, stage);
        else
          /* Translators: a cell: lane, stage, number of cards. */
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, %u card", "%s, %s, %u cards", cards->len),
                                   lane, stage, cards->len);
        description = g_strdup (_("Press Enter to add a card"));
      }
      break;
    case TARGET_STAGE:
      {
        int i = waymark_canvas_stage_index (self, t->stage);

        /* Translators: a stage column header. */
        label = g_strdup_printf (_("Stage: %s"), waymark_canvas_display_name (waymark_stage_get_name (t->stage), _("Untitled stage")));
        if (i >= 0)
          {
            const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, i);
            g_autoptr(GString) kpis = g_string_new (NULL);

            for (guint k = 0; k < ls->n_chips; k++)
              g_string_append_printf (kpis, "%s%s", k > 0 ? "; " : "", ls->chips[k].text);
            if (kpis->len > 0)
              description = g_string_free (g_steal_pointer (&kpis), FALSE);
          }
      }
      break;
    case TARGET_LANE:
      /* Translators: a lane row header: its name and its kind. */
      label = g_strdup_printf (_("Lane: %s, %s"),
                               waymark_canvas_display_name (waymark_lane_get_name (t->lane), _("Untitled lane")),
                               waymark_lane_kind_get_label (waymark_lane_get_kind_enum (t->lane)));
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      break;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : "",
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (t->kind == TARGET_CARD)
    gtk_accessible_update_state (GTK_ACCESSIBLE (item),
                                 GTK_ACCESSIBLE_STATE_SELECTED,
                                 g_hash_table_contains (self->selection, t->card),
                                 -1);
}

static GtkWidget *
lookup_item (WaymarkCanvas *self,
             const Target  *target)
{
  return g_hash_table_lookup (self->items, target);
}

GtkWidget *
waymark_canvas_ensure_item (WaymarkCanvas *self,
                            const Target  *target)
{
  WaymarkCanvasItem *item = (WaymarkCanvasItem *) lookup_item (self, target);
  GtkAccessibleRole role;

  if (item != NULL)
    {
      item_update_label (self, item);
      return GTK_WIDGET (item);
    }
  if (!waymark_canvas_target_is_alive (self, target) || target->kind == TARGET_MAP)
    return NULL;

  switch (target->kind)
    {
    case TARGET_CARD:
      role = GTK_ACCESSIBLE_ROLE_BUTTON;
      break;
    case TARGET_CELL:
      role = GTK_ACCESSIBLE_ROLE_GRID_CELL;
      break;
    case TARGET_STAGE:
      role = GTK_ACCESSIBLE_ROLE_COLUMN_HEADER;
      break;
    case TARGET_LANE:
      role = GTK_ACCESSIBLE_ROLE_ROW_HEADER;
      break;
    case TARGET_MAP:
    case TARGET_NONE:
    default:
      g_return_val_if_reached (NULL);
    }

  item = g_object_new (WAYMARK_TYPE_CANVAS_ITEM, "accessible-role", role, NULL);
  waymark_canvas_target_copy (&item->target, target);
  /* Before the add buttons, so that the reading order ends with them. */
  gtk_widget_insert_before (GTK_WIDGET (item), GTK_WIDGET (self), self->add_stage_button);
  g_hash_table_insert (self->items, &item->target, item);
  item_update_label (self, item);
  return GTK_WIDGET (item);
}

static void
remove_item (WaymarkCanvas *self,
             GtkWidget     *item)
{
  g_hash_table_remove (self->items, &WAYMARK_CANVAS_ITEM (item)->target);
  gtk_widget_unparent (item);
}

static gboolean
item_has_focus (GtkWidget *item)
{
  return item != NULL && (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_FOCUSED) != 0;
}

static gboolean
target_has_visible_focus (WaymarkCanvas *self,
                          const Target  *target)
{
  GtkWidget *item;

  if (self->focus.kind != target->kind || !waymark_canvas_target_equal (&self->focus, target))
    return FALSE;
  item = lookup_item (self, target);
  return item != NULL && (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_FOCUS_VISIBLE) &&
         (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_FOCUSED);
}

static void
focus_target_full (WaymarkCanvas *self,
                   const Target  *target,
                   gboolean       scroll)
{
  GtkWidget *item;
  WaymarkRect rect;

  waymark_layout_update (self->layout);
  item = waymark_canvas_ensure_item (self, target);
  if (item == NULL)
    return;
  self->focus = *target;
  if (scroll)
    {
      waymark_canvas_target_rect (self, target, &rect);
      waymark_canvas_scroll_to_rect (self, &rect);
    }
  gtk_widget_grab_focus (item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
waymark_canvas_focus_target (WaymarkCanvas *self,
                             const Target  *target)
{
  focus_target_full (self, target, TRUE);
}

/* ---- Geometry ---- */

/* Where the map's origin is in the widget: the scroll position, which
 * configure_adjustments() keeps at 0 when the map fits. */
static void
get_origin (WaymarkCanvas *self,
            double        *ox,
            double        *oy)
{
  *ox = self->hadjustment != NULL ? -gtk_adjustment_get_value (self->hadjustment) : 0;
  *oy = self->vadjustment != NULL ? -gtk_adjustment_get_value (self->vadjustment) : 0;
}

void
waymark_canvas_map_to_widget (WaymarkCanvas *self,
                              double         map_x,
                              double         map_y,
                              double        *x,
                              double        *y)
{
  double ox, oy;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  get_origin (self, &ox, &oy);
  *x = ox + map_x * self->zoom;
  *y = oy + map_y * self->zoom;
}

void
waymark_canvas_widget_to_map (WaymarkCanvas *self,
                              double         x,
                              double         y,
                              double        *map_x,
                              double        *map_y)
{
  double ox, oy;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  get_origin (self, &ox, &oy);
  *map_x = (x - ox) / self->zoom;
  *map_y = (y - oy) / self->zoom;
}

static void
get_visible_rect (WaymarkCanvas *self,
                  WaymarkRect   *rect)
{
  double x0, y0;

  waymark_canvas_widget_to_map (self, 0, 0, &x0, &y0);
  *rect = (WaymarkRect) { x0, y0,
                          gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                          gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom };
}

/* Headers stay in view: when the map scrolls down past the stage
 * headers they ride along the top of the view, and when it scrolls right
 * past the lane headers those ride along its left edge; both stop at the
 * end of the map. Offsets in map units, 0 when in place. */
void
waymark_canvas_sticky_offsets (WaymarkCanvas *self,
                               double        *dx,
                               double        *dy)
{
  WaymarkRect visible;
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);

  *dx = *dy = 0;
  if (n_stages == 0 || n_lanes == 0 || gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  get_visible_rect (self, &visible);
  {
    const WaymarkLayoutStage *first = waymark_layout_get_stage (self->layout, 0);
    const WaymarkLayoutLane *last = waymark_layout_get_lane (self->layout, n_lanes - 1);
    double limit = last->band.y + last->band.height - first->header.y - first->header.height;

    *dy = CLAMP (visible.y + 6 / self->zoom - first->header.y, 0, MAX (limit, 0));
  }
  {
    const WaymarkLayoutLane *first = waymark_layout_get_lane (self->layout, 0);
    const WaymarkLayoutStage *last = waymark_layout_get_stage (self->layout, n_stages - 1);
    double limit = last->header.x + last->header.width - first->header.x - first->header.width;

    *dx = CLAMP (visible.x + 6 / self->zoom - first->header.x, 0, MAX (limit, 0));
  }
}

/* What is at a map point, sticky headers first. */
static void
canvas_pick (WaymarkCanvas *self,
             double         mx,
             double         my,
             WaymarkHit    *hit)
{
  double dx, dy;
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);

  waymark_canvas_sticky_offsets (self, &dx, &dy);
  if (dy > 0)
    for (guint i = 0; i < n_stages; i++)
      {
        WaymarkRect r = waymark_layout_get_stage (self->layout, i)->header;

        r.y += dy;
        if (waymark_rect_contains (&r, mx, my))
          {
            *hit = (WaymarkHit) { WAYMARK_HIT_STAGE_HEADER, (int) i, -1, NULL };
            return;
          }
      }
  if (dx > 0)
    for (guint j = 0; j < n_lanes; j++)
      {
        WaymarkRect r = waymark_layout_get_lane (self->layout, j)->header;

        r.x += dx;
        if (waymark_rect_contains (&r, mx, my))
          {
            *hit = (WaymarkHit) { WAYMARK_HIT_LANE_HEADER, -1, (int) j, NULL };
            return;
          }
      }
  waymark_layout_pick (self->layout, mx, my, hit);
}

/* What is at a point in widget coordinates. */
static void
canvas_pick_at (WaymarkCanvas *self,
                double         x,
                double         y,
                WaymarkHit    *hit)
{
  double mx, my;

  waymark_canvas_widget_to_map (self, x, y, &mx, &my);
  canvas_pick (self, mx, my, hit);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page,
                      double         value)
{
  double upper = MAX (content, page);

  if (adjustment == NULL)
    return;
  value = CLAMP (value, 0, MAX (0, upper - page));
  gtk_adjustment_configure (adjustment, value, 0, upper,
                            MAX (page * 0.1, 1), MAX (page * 0.9, 1), page);
}

static void
configure_adjustments (WaymarkCanvas *self,
                       double         hvalue,
                       double         vvalue)
{
  configure_adjustment (self->hadjustment,
                        waymark_layout_get_width (self->layout) * self->zoom,
                        gtk_widget_get_width (GTK_WIDGET (self)), hvalue);
  configure_adjustment (self->vadjustment,
                        waymark_layout_get_height (self->layout) * self->zoom,
                        gtk_widget_get_height (GTK_WIDGET (self)), vvalue);
}

void
waymark_canvas_scroll_to_rect (WaymarkCanvas     *self,
                               const WaymarkRect *rect)
{
  double x0, y0, x1, y1;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double h, v;

  if (width <= 0 || height <= 0 || self->hadjustment == NULL || self->vadjustment == NULL)
    return;
  waymark_canvas_map_to_widget (self, rect->x, rect->y, &x0, &y0);
  waymark_canvas_map_to_widget (self, rect->x + rect->width, rect->y + rect->height, &x1, &y1);
  h = gtk_adjustment_get_value (self->hadjustment);
  v = gtk_adjustment_get_value (self->vadjustment);
  if (x1 - x0 + 2 * SCROLL_MARGIN > width || x0 < SCROLL_MARGIN)
    h += x0 - SCROLL_MARGIN;
  else if (x1 > width - SCROLL_MARGIN)
    h += x1 - (width - SCROLL_MARGIN);
  if (y1 - y0 + 2 * SCROLL_MARGIN > height || y0 < SCROLL_MARGIN)
    v += y0 - SCROLL_MARGIN;
  else if (y1 > height - SCROLL_MARGIN)
    v += y1 - (height - SCROLL_MARGIN);
  configure_adjustments (self, h, v);
}

/* ---- Animation ---- */

static gboolean
animations_enabled (WaymarkCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static gboolean autoscroll_step (WaymarkCanvas *self,
                                 double         seconds);
static void update_drag (WaymarkCanvas *self);

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double seconds = self->last_tick > 0 ? (now - self->last_tick) / (double) G_USEC_PER_SEC : 1 / 60.0;
  double k = 1 - exp (-ANIMATION_RATE * CLAMP (seconds, 0, 0.1));
  GHashTableIter iter;
  gpointer value;
  gboolean moving = FALSE;
  gboolean scrolling;

  self->last_tick = now;
  g_hash_table_iter_init (&iter, self->offsets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Offset *o = value;

      o->x += (o->target_x - o->x) * k;
      o->y += (o->target_y - o->y) * k;
      if (fabs (o->x - o->target_x) < 0.25 && fabs (o->y - o->target_y) < 0.25)
        {
          o->x = o->target_x;
          o->y = o->target_y;
          if (o->x == 0 && o->y == 0)
            g_hash_table_iter_remove (&iter);
        }
      else
        moving = TRUE;
    }
  scrolling = autoscroll_step (self, CLAMP (seconds, 0, 0.1));
  gtk_widget_queue_draw (widget);

  /* Offsets that reached their targets (the gap a held drag keeps open)
   * need no more frames; whoever changes a target calls ensure_ticking(). */
  if (moving || scrolling)
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  self->last_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
ensure_ticking (WaymarkCanvas *self)
{
  if (self->tick_id == 0)
    {
      self->last_tick = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
}

static Offset *
ensure_offset (WaymarkCanvas *self,
               WaymarkCard   *card)
{
  Offset *o = g_hash_table_lookup (self->offsets, card);

  if (o == NULL)
    {
      o = g_new0 (Offset, 1);
      g_hash_table_insert (self->offsets, g_object_ref (card), o);
    }
  return o;
}

/* Every card slides from where it was drawn to its new place. */
static void
animate_from_drawn (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean animate = animations_enabled (self) && gtk_widget_get_mapped (GTK_WIDGET (self));

  g_hash_table_iter_init (&iter, self->offsets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Offset *o = value;

      if (!animate || waymark_layout_get_card (self->layout, key) == NULL)
        g_hash_table_iter_remove (&iter);
      else
        o->target_x = o->target_y = 0;
    }
  if (!animate)
    {
      g_hash_table_remove_all (self->drawn);
      return;
    }

  g_hash_table_iter_init (&iter, self->drawn);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const WaymarkRect *old = value;
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, key);
      double dx, dy;

      if (lc == NULL)
        continue;
      dx = old->x - lc->rect.x;
      dy = old->y - lc->rect.y;
      if (fabs (dx) < 0.5 && fabs (dy) < 0.5)
        {
          g_hash_table_remove (self->offsets, key);
          continue;
        }
      /* A card that jumps across the map would streak over everything:
       * let far moves land at once. */
      if (fabs (dx) > 3000 || fabs (dy) > 3000)
        continue;
      {
        Offset *o = ensure_offset (self, key);

        o->x = dx;
        o->y = dy;
        o->target_x = o->target_y = 0;
      }
    }
  g_hash_table_remove_all (self->drawn);
  if (g_hash_table_size (self->offsets) > 0)
    ensure_ticking (self);
}

static void
remember_drawn (WaymarkCanvas     *self,
                WaymarkCard       *card,
                const WaymarkRect *rect)
{
  WaymarkRect *old = g_hash_table_lookup (self->drawn, card);

  if (old == NULL)
    {
      old = g_new (WaymarkRect, 1);
      g_hash_table_insert (self->drawn, g_object_ref (card), old);
    }
  *old = *rect;
}

/* ---- Following the layout ---- */

static void end_drag (WaymarkCanvas *self);

/* After the layout changed: drop what refers to objects that are gone,
 * and animate the cards to their new places. */
static void
sync_layout (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean selection_changed = FALSE;
  guint generation;
  g_autoptr(GPtrArray) dead = NULL;

  if (self->layout == NULL)
    return;
  waymark_layout_update (self->layout);
  generation = waymark_layout_get_generation (self->layout);
  if (generation == self->layout_generation)
    return;
  self->layout_generation = generation;

  g_hash_table_remove_all (self->nodes);
  self->links_valid = FALSE;

  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Target t = { TARGET_CARD, key, NULL, NULL };

      if (!waymark_canvas_target_is_alive (self, &t))
        {
          g_hash_table_iter_remove (&iter);
          selection_changed = TRUE;
        }
    }
  if (self->anchor != NULL && waymark_layout_get_card (self->layout, self->anchor) == NULL)
    g_clear_object (&self->anchor);
  if (self->hover_card != NULL && waymark_layout_get_card (self->layout, self->hover_card) == NULL)
    g_clear_object (&self->hover_card);
  self->hover.kind = WAYMARK_HIT_NONE;

  /* A drag or an edit whose objects went away (an undo from the menu,
   * a reload) ends. */
  if (self->drag == DRAG_CARDS)
    {
      for (guint i = 0; i < self->drag_cards->len; i++)
        if (waymark_layout_get_card (self->layout, self->drag_cards->pdata[i]) == NULL)
          {
            end_drag (self);
            break;
          }
    }
  else if ((self->drag == DRAG_STAGE && self->drag_index >= waymark_layout_get_n_stages (self->layout)) ||
           (self->drag == DRAG_LANE && self->drag_index >= waymark_layout_get_n_lanes (self->layout)))
    end_drag (self);
  else if (self->drag == DRAG_PENDING && self->press_card != NULL &&
           waymark_layout_get_card (self->layout, self->press_card) == NULL)
    end_drag (self);
  if (self->edit_kind != EDIT_NONE && !waymark_canvas_target_is_alive (self, &self->edit_target))
    waymark_canvas_cancel_edit (self);

  dead = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!waymark_canvas_target_is_alive (self, key))
      g_ptr_array_add (dead, value);
  for (guint i = 0; i < dead->len; i++)
    remove_item (self, dead->pdata[i]);
  if (!waymark_canvas_target_is_alive (self, &self->focus))
    self->focus.kind = TARGET_NONE;

  animate_from_drawn (self);

  if (selection_changed)
    waymark_canvas_selection_changed (self);
  waymark_canvas_update_actions (self);
}

/* Items are added and removed in the frame's update phase, never while
 * allocating: a child added during size_allocate leaves the ancestors
 * wanting a new allocation, and GTK skips drawing them for a frame. */
static void
mark_items_dirty (WaymarkCanvas *self)
{
  self->items_dirty = TRUE;
  if (self->frame_clock != NULL)
    gdk_frame_clock_request_phase (self->frame_clock, GDK_FRAME_CLOCK_PHASE_UPDATE);
}

static void reconcile_items (WaymarkCanvas *self);

static void
frame_update_cb (GdkFrameClock *clock,
                 WaymarkCanvas *self)
{
  sync_layout (self);
  if (self->items_dirty)
    {
      self->items_dirty = FALSE;
      reconcile_items (self);
    }
}

static void
layout_invalidated_cb (WaymarkCanvas *self)
{
  mark_items_dirty (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- Items in view ---- */

static void
want_item (WaymarkCanvas *self,
           const Target  *target)
{
  GtkWidget *item = waymark_canvas_ensure_item (self, target);

  if (item != NULL)
    WAYMARK_CANVAS_ITEM (item)->wanted = TRUE;
}

static void
reconcile_items (WaymarkCanvas *self)
{
  WaymarkRect visible;
  guint s0, s1, l0, l1;
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) unwanted = g_ptr_array_new ();
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);
  double sticky_x, sticky_y;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    WAYMARK_CANVAS_ITEM (value)->wanted = FALSE;

  get_visible_rect (self, &visible);
  visible.x -= ITEM_MARGIN;
  visible.y -= ITEM_MARGIN;
  visible.width += 2 * ITEM_MARGIN;
  visible.height += 2 * ITEM_MARGIN;

  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 &&
      waymark_layout_get_cell_range (self->layout, &visible, &s0, &s1, &l0, &l1))
    {
      for (guint j = l0; j < l1; j++)
        for (guint i = s0; i < s1; i++)
          {
            WaymarkLayoutCard **cards;
            guint n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);
            Target cell = { TARGET_CELL, NULL, waymark_canvas_get_stage (self, i), waymark_canvas_get_lane (self, j) };

            want_item (self, &cell);
            for (guint k = 0; k < n; k++)
              if (waymark_rect_intersects (&cards[k]->rect, &visible))
                {
                  Target t = { TARGET_CARD, cards[k]->card, NULL, NULL };

                  want_item (self, &t);
                }
          }
    }
  waymark_canvas_sticky_offsets (self, &sticky_x, &sticky_y);
  for (guint i = 0; i < n_stages; i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, i);
      WaymarkRect header = ls->header;

      header.y += sticky_y;
      if (waymark_rect_intersects (&header, &visible))
        {
          Target t = { TARGET_STAGE, NULL, ls->stage, NULL };

          want_item (self, &t);
        }
    }
  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, j);
      WaymarkRect header = ll->header;

      header.x += sticky_x;
      if (waymark_rect_intersects (&header, &visible))
        {
          Target t = { TARGET_LANE, NULL, NULL, ll->lane };

          want_item (self, &t);
        }
    }

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WaymarkCanvasItem *item = value;

      if (!item->wanted && !item_has_focus (GTK_WIDGET (item)) &&
          !waymark_canvas_target_equal (&item->target, &self->focus))
        g_ptr_array_add (unwanted, item);
    }
  for (guint i = 0; i < unwanted->len; i++)
    remove_item (self, unwanted->pdata[i]);
}

static void
allocate_at (WaymarkCanvas     *self,
             GtkWidget         *child,
             const WaymarkRect *rect,
             gboolean           scaled)
{
  double x, y;
  int min;
  GskTransform *transform;

  waymark_canvas_map_to_widget (self, rect->x, rect->y, &x, &y);
  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (x, y));
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  if (scaled)
    {
      transform = gsk_transform_scale (transform, self->zoom, self->zoom);
      gtk_widget_allocate (child, MAX (1, (int) ceil (rect->width)), MAX (1, (int) ceil (rect->height)),
                           -1, transform);
    }
  else
    gtk_widget_allocate (child, MAX (1, (int) ceil (rect->width * self->zoom)),
                         MAX (1, (int) ceil (rect->height * self->zoom)), -1, transform);
}

static void
waymark_canvas_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  GHashTableIter iter;
  gpointer value;

  waymark_layout_update (self->layout);
  configure_adjustments (self,
                         self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0,
                         self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0);
  if (width != self->last_width || height != self->last_height)
    {
      self->last_width = width;
      self->last_height = height;
      mark_items_dirty (self);
    }

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WaymarkCanvasItem *item = value;
      WaymarkRect rect;

      waymark_canvas_target_rect (self, &item->target, &rect);
      allocate_at (self, GTK_WIDGET (item), &rect, FALSE);
    }

  allocate_at (self, self->add_stage_button, waymark_layout_get_add_stage (self->layout), TRUE);
  allocate_at (self, self->add_lane_button, waymark_layout_get_add_lane (self->layout), TRUE);
  waymark_canvas_allocate_editor (self);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
waymark_canvas_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL
    ? waymark_layout_get_width (self->layout) : waymark_layout_get_height (self->layout);

  *minimum = 0;
  *natural = (int) MIN (ceil (size * self->zoom), 4000);
}

/* ---- Drawing ---- */

static void
init_painter (WaymarkCanvas  *self,
              WaymarkPainter *painter)
{
  painter->layout = self->layout;
  painter->document = self->document;
  painter->theme = waymark_theme_get_colors (self->theme);
  painter->widget = GTK_WIDGET (self);
  painter->zoom = self->zoom;
}

static WaymarkPaintFlags
card_flags (WaymarkCanvas *self,
            WaymarkCard   *card)
{
  WaymarkPaintFlags flags = 0;
  Target t = { TARGET_CARD, card, NULL, NULL };

  if (g_hash_table_contains (self->selection, card))
    flags |= WAYMARK_PAINT_SELECTED;
  if (card == self->hover_card && self->drag == DRAG_NONE)
    flags |= WAYMARK_PAINT_HOVER;
  if (target_has_visible_focus (self, &t))
    flags |= WAYMARK_PAINT_FOCUSED;
  if (card == self->drop_card)
    flags |= WAYMARK_PAINT_DROP;
  if (card == self->current_match)
    flags |= WAYMARK_PAINT_CURRENT;
  else if (self->matches != NULL && g_hash_table_contains (self->matches, card))
    flags |= WAYMARK_PAINT_MATCH;
  return flags;
}

static GskRenderNode *
card_node (WaymarkCanvas           *self,
           const WaymarkPainter    *painter,
           const WaymarkLayoutCard *lc,
           WaymarkPaintFlags        flags)
{
  CachedNode *cached = g_hash_table_lookup (self->nodes, lc->card);
  GtkSnapshot *snapshot;

  if (cached != NULL && cached->flags == flags)
    return cached->node;

  snapshot = gtk_snapshot_new ();
  waymark_paint_card (painter, snapshot, lc, flags);
  if (cached == NULL)
    {
      cached = g_new0 (CachedNode, 1);
      g_hash_table_insert (self->nodes, lc->card, cached);
    }
  else
    gsk_render_node_unref (cached->node);
  cached->node = gtk_snapshot_free_to_node (snapshot);
  cached->flags = flags;
  if (cached->node == NULL)
    cached->node = gsk_container_node_new (NULL, 0);
  return cached->node;
}

static gboolean
card_is_dimmed (WaymarkCanvas *self,
                WaymarkCard   *card)
{
  const char *focus = waymark_layout_get_persona_focus (self->layout);

  return focus != NULL && !waymark_card_applies_to (card, focus);
}

static void
draw_card (WaymarkCanvas           *self,
           const WaymarkPainter    *painter,
           GtkSnapshot             *snapshot,
           const WaymarkLayoutCard *lc,
           double                   dx,
           double                   dy,
           WaymarkPaintFlags        extra)
{
  GskRenderNode *node = card_node (self, painter, lc, card_flags (self, lc->card) | extra);
  gboolean dimmed = card_is_dimmed (self, lc->card);
  WaymarkRect drawn = { lc->rect.x + dx, lc->rect.y + dy, lc->rect.width, lc->rect.height };

  if (g_hash_table_size (self->drawn) < 20000)
    remember_drawn (self, lc->card, &drawn);
  if (dimmed)
    gtk_snapshot_push_opacity (snapshot, 0.3);
  if (dx != 0 || dy != 0)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dx, dy));
      gtk_snapshot_append_node (snapshot, node);
      gtk_snapshot_restore (snapshot);
    }
  else
    gtk_snapshot_append_node (snapshot, node);
  if (dimmed)
    gtk_snapshot_pop (snapshot);
}

static void
ensure_links (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n_cards;

  if (self->links_valid)
    return;
  self->links_valid = TRUE;
  g_ptr_array_set_size (self->links, 0);
  if (g_hash_table_size (self->selection) == 0)
    return;

  /* Links out of the selected cards. */
  g_hash_table_iter_init (&iter, self->selection);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char * const *links = waymark_card_get_links (key);

      for (guint i = 0; links[i] != NULL; i++)
        {
          WaymarkCard *to = waymark_document_lookup_card (self->document, links[i]);

          if (to != NULL && to != key)
            {
              g_ptr_array_add (self->links, key);
              g_ptr_array_add (self->links, to);
            }
        }
    }
  /* Links into them (from cards not selected: those are done). */
  n_cards = waymark_layout_get_n_cards (self->layout);
  for (guint c = 0; c < n_cards; c++)
    {
      WaymarkCard *from = waymark_layout_get_card_at (self->layout, c)->card;
      const char * const *links = waymark_card_get_links (from);

      if (links[0] == NULL || g_hash_table_contains (self->selection, from))
        continue;
      for (guint i = 0; links[i] != NULL; i++)
        {
          WaymarkCard *to = waymark_document_lookup_card (self->document, links[i]);

          if (to != NULL && g_hash_table_contains (self->selection, to))
            {
              g_ptr_array_add (self->links, from);
              g_ptr_array_add (self->links, to);
            }
        }
    }
}

static void
get_card_offset (WaymarkCanvas *self,
                 WaymarkCard   *card,
                 double        *dx,
                 double        *dy)
{
  Offset *o = g_hash_table_size (self->offsets) > 0 ? g_hash_table_lookup (self->offsets, card) : NULL;

  *dx = o != NULL ? o->x : 0;
  *dy = o != NULL ? o->y : 0;
}

/* Where the dragged cards are drawn: the one grabbed under the pointer,
 * the others in a small pile behind it. */
static void
draw_lifted_cards (WaymarkCanvas        *self,
                   const WaymarkPainter *painter,
                   GtkSnapshot          *snapshot)
{
  double mx, my;
  WaymarkLayoutCard *primary;
  guint shown = 0;
  int first;

  waymark_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  primary = waymark_layout_get_card (self->layout, self->press_card);
  if (primary == NULL)
    return;

  /* Paint the pile back to front; the grabbed card last. */
  first = MIN ((int) self->drag_cards->len, 4) - 1;
  for (int i = first; i >= 0; i--)
    {
      WaymarkCard *card = i == 0 ? self->press_card : NULL;
      WaymarkLayoutCard *lc;
      double x, y;

      if (card == NULL)
        {
          /* The i-th other card. */
          guint seen = 0;

          for (guint k = 0; k < self->drag_cards->len; k++)
            if (self->drag_cards->pdata[k] != self->press_card && ++seen == (guint) i)
              {
                card = self->drag_cards->pdata[k];
                break;
              }
        }
      lc = card != NULL ? waymark_layout_get_card (self->layout, card) : NULL;
      if (lc == NULL)
        continue;
      if (primary->is_point)
        {
          x = mx - self->grab_dx - (lc->point_x - lc->rect.x);
          y = my - self->grab_dy - (lc->point_y - lc->rect.y);
        }
      else
        {
          x = mx - self->grab_dx;
          y = my - self->grab_dy;
        }
      x += 7 * i;
      y += 7 * i;
      draw_card (self, painter, snapshot, lc, x - lc->rect.x, y - lc->rect.y, WAYMARK_PAINT_LIFTED);
      shown++;
    }

  /* Cards of the pile that are not drawn still come from here. */
  for (guint k = 0; k < self->drag_cards->len; k++)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, self->drag_cards->pdata[k]);
      WaymarkRect r;

      if (lc == NULL || g_hash_table_contains (self->drawn, lc->card) || shown == 0)
        continue;
      r = lc->rect;
      r.x = mx - self->grab_dx;
      r.y = my - self->grab_dy;
      remember_drawn (self, lc->card, &r);
    }
}

static void
draw_drop_slot (WaymarkCanvas        *self,
                const WaymarkPainter *painter,
                GtkSnapshot          *snapshot)
{
  const WaymarkLayoutLane *ll;
  GdkRGBA accent, wash;
  WaymarkRect cell;

  if (!self->drop_valid)
    return;
  gdk_rgba_from_waymark (&accent, &painter->theme->accent);
  wash = accent;
  wash.alpha = 0.12f;
  ll = waymark_layout_get_lane (self->layout, self->drop_lane);
  waymark_layout_get_cell_rect (self->layout, self->drop_stage, self->drop_lane, &cell);
  waymark_paint_cell (painter, snapshot, self->drop_stage, self->drop_lane, WAYMARK_PAINT_DROP);

  if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
    {
      /* The level the points will take. */
      double y = waymark_layout_emotion_y (self->layout, self->drop_lane, self->drop_emotion);
      graphene_rect_t line = GRAPHENE_RECT_INIT (cell.x + 10, y - 1.5, cell.width - 20, 3);

      gtk_snapshot_append_color (snapshot, &accent, &line);
    }
  else
    {
      /* An outline where the cards will go, in the gap the other cards
       * opened. */
      WaymarkLayoutCard **cards;
      guint n = waymark_layout_get_cell_cards (self->layout, self->drop_stage, self->drop_lane, &cards);
      double y = ll->band.y + WAYMARK_LAYOUT_CELL_PAD_TOP;
      double height = 0;
      guint others = 0;
      GskRoundedRect slot;
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA colors[4] = { accent, accent, accent, accent };

      for (guint k = 0; k < n; k++)
        {
          if (g_hash_table_contains (self->drag_skip, cards[k]->card))
            continue;
          if (others == self->drop_position)
            break;
          y += cards[k]->rect.height + WAYMARK_LAYOUT_CARD_SPACING;
          others++;
        }
      for (guint k = 0; k < self->drag_cards->len; k++)
        {
          WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, self->drag_cards->pdata[k]);

          if (lc != NULL)
            height += (lc->is_point ? 42 : lc->rect.height) + (k > 0 ? WAYMARK_LAYOUT_CARD_SPACING : 0);
        }
      gsk_rounded_rect_init_from_rect (&slot,
                                       &GRAPHENE_RECT_INIT (cell.x + WAYMARK_LAYOUT_CARD_INSET, y,
                                                            cell.width - 2 * WAYMARK_LAYOUT_CARD_INSET,
                                                            MIN (height, 400)),
                                       WAYMARK_LAYOUT_CARD_RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &slot);
      gtk_snapshot_append_color (snapshot, &wash, &slot.bounds);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_append_border (snapshot, &slot, widths, colors);
    }
}

static void
draw_header_drag (WaymarkCanvas        *self,
                  const WaymarkPainter *painter,
                  GtkSnapshot          *snapshot)
{
  double mx, my, px, py;
  double sticky_x, sticky_y;
  GdkRGBA accent;
  graphene_rect_t bar;

  waymark_canvas_sticky_offsets (self, &sticky_x, &sticky_y);
  waymark_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  waymark_canvas_widget_to_map (self, self->press_x, self->press_y, &px, &py);
  gdk_rgba_from_waymark (&accent, &painter->theme->accent);

  if (self->drag == DRAG_STAGE)
    {
      guint n = waymark_layout_get_n_stages (self->layout);
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, self->drag_index);
      double x;

      /* The bar sits in the gap before the stage now at the target
       * place (counting the others only). */
      if (self->drag_target >= n - 1)
        {
          const WaymarkLayoutStage *last = waymark_layout_get_stage (self->layout, n - 1);

          x = self->drag_index == n - 1 && n > 1
            ? waymark_layout_get_stage (self->layout, n - 1)->header.x + last->header.width + WAYMARK_LAYOUT_GAP / 2
            : last->header.x + last->header.width + WAYMARK_LAYOUT_GAP / 2;
        }
      else
        {
          guint at = self->drag_target >= self->drag_index ? self->drag_target + 1 : self->drag_target;

          x = waymark_layout_get_stage (self->layout, at)->header.x - WAYMARK_LAYOUT_GAP / 2;
        }
      bar = GRAPHENE_RECT_INIT (x - 2, ls->header.y + sticky_y, 4,
                                ls->column.y + ls->column.height - ls->header.y - sticky_y);
      gtk_snapshot_append_color (snapshot, &accent, &bar);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mx - px, sticky_y));
      gtk_snapshot_push_opacity (snapshot, 0.92);
      waymark_paint_stage_header (painter, snapshot, self->drag_index, WAYMARK_PAINT_LIFTED | WAYMARK_PAINT_SELECTED);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }
  else
    {
      guint n = waymark_layout_get_n_lanes (self->layout);
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, self->drag_index);
      double y;

      if (self->drag_target >= n - 1)
        {
          const WaymarkLayoutLane *last = waymark_layout_get_lane (self->layout, n - 1);

          y = last->band.y + last->band.height + 4;
        }
      else
        {
          guint at = self->drag_target >= self->drag_index ? self->drag_target + 1 : self->drag_target;

          y = waymark_layout_get_lane (self->layout, at)->band.y - 4;
        }
      bar = GRAPHENE_RECT_INIT (ll->band.x + sticky_x, y - 2, ll->band.width - sticky_x, 4);
      gtk_snapshot_append_color (snapshot, &accent, &bar);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (sticky_x, my - py));
      gtk_snapshot_push_opacity (snapshot, 0.92);
      waymark_paint_lane_header (painter, snapshot, self->drag_index, TRUE, WAYMARK_PAINT_SELECTED);
      gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }
}

static void
draw_headers (WaymarkCanvas        *self,
              const WaymarkPainter *painter,
              GtkSnapshot          *snapshot,
              const WaymarkRect    *visible)
{
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);
  double dx, dy;

  waymark_canvas_sticky_offsets (self, &dx, &dy);

  /* Lane headers, then stage headers over them where they meet. Riding
   * along an edge, they are opaque over the cards. */
  if (dx > 0)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (dx, 0));
    }
  for (guint j = 0; j < n_lanes; j++)
    {
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, j);
      Target t = { TARGET_LANE, NULL, NULL, ll->lane };
      WaymarkRect header = ll->header;
      WaymarkPaintFlags flags = 0;

      header.x += dx;
      if (!waymark_rect_intersects (&header, visible))
        continue;
      if (target_has_visible_focus (self, &t))
        flags |= WAYMARK_PAINT_FOCUSED;
      waymark_paint_lane_header (painter, snapshot, j, dx > 0, flags);
    }
  if (dx > 0)
    gtk_snapshot_restore (snapshot);

  if (dy > 0)
    {
      /* A strip of page behind them, so cards do not show between. */
      const WaymarkLayoutStage *first = waymark_layout_get_stage (self->layout, 0);
      const WaymarkLayoutStage *last = waymark_layout_get_stage (self->layout, n_stages - 1);
      GdkRGBA page;

      gdk_rgba_from_waymark (&page, &painter->theme->background);
      page.alpha = 0.92f;
      gtk_snapshot_append_color (snapshot, &page,
                                 &GRAPHENE_RECT_INIT (first->header.x - 6, visible->y,
                                                      last->header.x + last->header.width - first->header.x + 12,
                                                      first->header.y + dy - visible->y + first->header.height + 6));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, dy));
    }
  for (guint i = 0; i < n_stages; i++)
    {
      const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, i);
      Target t = { TARGET_STAGE, NULL, ls->stage, NULL };
      WaymarkRect header = ls->header;
      WaymarkPaintFlags flags = 0;

      header.y += dy;
      if (!waymark_rect_intersects (&header, visible))
        continue;
      if (target_has_visible_focus (self, &t))
        flags |= WAYMARK_PAINT_FOCUSED;
      if (self->drag == DRAG_STAGE && self->drag_index == i)
        gtk_snapshot_push_opacity (snapshot, 0.35);
      waymark_paint_stage_header (painter, snapshot, i, flags);
      if (self->drag == DRAG_STAGE && self->drag_index == i)
        gtk_snapshot_pop (snapshot);
    }
  if (dy > 0)
    gtk_snapshot_restore (snapshot);
}

static void
waymark_canvas_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  WaymarkPainter painter;
  WaymarkRect visible;
  GdkRGBA background;
  double ox, oy;
  guint s0, s1, l0, l1;
  guint n_stages, n_lanes;
  gboolean have_cells;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->layout == NULL || width <= 0 || height <= 0)
    return;
  waymark_layout_update (self->layout);
  if (waymark_layout_get_generation (self->layout) != self->nodes_generation)
    {
      g_hash_table_remove_all (self->nodes);
      self->nodes_generation = waymark_layout_get_generation (self->layout);
    }
  init_painter (self, &painter);
  gdk_rgba_from_waymark (&background, &painter.theme->background);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  get_origin (self, &ox, &oy);
  get_visible_rect (self, &visible);
  n_stages = waymark_layout_get_n_stages (self->layout);
  n_lanes = waymark_layout_get_n_lanes (self->layout);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ox, oy));
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);

  /* Recorded apart in map units, as the cards are: cairo drawing
   * appended under the zoom's scale lands misplaced on GTK 4.8. */
  if (self->background == NULL || self->background_generation != self->nodes_generation ||
      self->background_theme != self->theme)
    {
      GtkSnapshot *s = gtk_snapshot_new ();
      WaymarkRect all = { 0, 0, waymark_layout_get_width (self->layout), waymark_layout_get_height (self->layout) };

      waymark_paint_background (&painter, s, &all);
      g_clear_pointer (&self->background, gsk_render_node_unref);
      self->background = gtk_snapshot_free_to_node (s);
      self->background_generation = self->nodes_generation;
      self->background_theme = self->theme;
    }
  if (self->background != NULL)
    gtk_snapshot_append_node (snapshot, self->background);

  have_cells = waymark_layout_get_cell_range (self->layout, &visible, &s0, &s1, &l0, &l1);

  /* Cells that show something: the hovered one, the focused one. */
  if (self->hover.kind == WAYMARK_HIT_CELL && self->drag == DRAG_NONE &&
      (guint) self->hover.stage < n_stages && (guint) self->hover.lane < n_lanes)
    waymark_paint_cell (&painter, snapshot, self->hover.stage, self->hover.lane, WAYMARK_PAINT_HOVER);
  if (self->focus.kind == TARGET_CELL && target_has_visible_focus (self, &self->focus))
    {
      int i = waymark_canvas_stage_index (self, self->focus.stage);
      int j = waymark_canvas_lane_index (self, self->focus.lane);

      if (i >= 0 && j >= 0)
        waymark_paint_cell (&painter, snapshot, i, j, WAYMARK_PAINT_FOCUSED);
    }
  if (self->drag == DRAG_CARDS)
    draw_drop_slot (self, &painter, snapshot);

  /* Links of the selection, under the cards. */
  ensure_links (self);
  for (guint k = 0; k + 1 < self->links->len; k += 2)
    {
      WaymarkLayoutCard *from = waymark_layout_get_card (self->layout, self->links->pdata[k]);
      WaymarkLayoutCard *to = waymark_layout_get_card (self->layout, self->links->pdata[k + 1]);

      if (from != NULL && to != NULL)
        {
          GtkSnapshot *s = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;

          waymark_paint_link (&painter, s, from, to);
          node = gtk_snapshot_free_to_node (s);
          if (node != NULL)
            gtk_snapshot_append_node (snapshot, node);
        }
    }

  /* Cards. */
  if (have_cells)
    for (guint j = l0; j < l1; j++)
      for (guint i = s0; i < s1; i++)
        {
          WaymarkLayoutCard **cards;
          guint n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);

          for (guint k = 0; k < n; k++)
            {
              WaymarkLayoutCard *lc = cards[k];
              double dx, dy;
              WaymarkRect moved;

              if (self->drag == DRAG_CARDS && g_hash_table_contains (self->drag_skip, lc->card))
                continue;
              get_card_offset (self, lc->card, &dx, &dy);
              moved = (WaymarkRect) { lc->rect.x + dx, lc->rect.y + dy, lc->rect.width, lc->rect.height };
              if (!waymark_rect_intersects (&moved, &visible))
                continue;
              draw_card (self, &painter, snapshot, lc, dx, dy, 0);
            }
        }

  /* Cards sliding in from outside the view. */
  if (g_hash_table_size (self->offsets) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->offsets);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, key);
          Offset *o = value;
          WaymarkRect moved;
          WaymarkRect cell;

          if (lc == NULL || (self->drag == DRAG_CARDS && g_hash_table_contains (self->drag_skip, key)))
            continue;
          waymark_layout_get_cell_rect (self->layout, lc->stage, lc->lane, &cell);
          if (waymark_rect_intersects (&cell, &visible) && have_cells &&
              lc->stage >= s0 && lc->stage < s1 && lc->lane >= l0 && lc->lane < l1)
            continue;
          moved = (WaymarkRect) { lc->rect.x + o->x, lc->rect.y + o->y, lc->rect.width, lc->rect.height };
          if (waymark_rect_intersects (&moved, &visible))
            draw_card (self, &painter, snapshot, lc, o->x, o->y, 0);
        }
    }

  draw_headers (self, &painter, snapshot, &visible);

  if (self->drag == DRAG_CARDS)
    draw_lifted_cards (self, &painter, snapshot);
  else if (self->drag == DRAG_STAGE || self->drag == DRAG_LANE)
    draw_header_drag (self, &painter, snapshot);

  gtk_snapshot_restore (snapshot);

  if (self->drag == DRAG_RUBBER_BAND)
    {
      GdkRGBA accent, wash;
      GskRoundedRect band;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4];

      gdk_rgba_from_waymark (&accent, &painter.theme->accent);
      wash = accent;
      wash.alpha = 0.15f;
      for (guint k = 0; k < 4; k++)
        colors[k] = accent;
      gsk_rounded_rect_init_from_rect (&band,
                                       &GRAPHENE_RECT_INIT (MIN (self->press_x, self->pointer_x),
                                                            MIN (self->press_y, self->pointer_y),
                                                            fabs (self->pointer_x - self->press_x),
                                                            fabs (self->pointer_y - self->press_y)), 0);
      gtk_snapshot_append_color (snapshot, &wash, &band.bounds);
      gtk_snapshot_append_border (snapshot, &band, widths, colors);
    }

  gtk_widget_snapshot_child (widget, self->add_stage_button, snapshot);
  gtk_widget_snapshot_child (widget, self->add_lane_button, snapshot);
  if (self->editor != NULL)
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

/* ---- Selection ---- */

void
waymark_canvas_selection_changed (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  self->links_valid = FALSE;
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WaymarkCanvasItem *item = value;

      if (item->target.kind == TARGET_CARD)
        gtk_accessible_update_state (GTK_ACCESSIBLE (item),
                                     GTK_ACCESSIBLE_STATE_SELECTED,
                                     g_hash_table_contains (self->selection, item->target.card),
                                     -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  waymark_canvas_update_actions (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
select_card (WaymarkCanvas *self,
             WaymarkCard   *card)
{
  if (!g_hash_table_contains (self->selection, card))
    g_hash_table_add (self->selection, g_object_ref (card));
}

void
waymark_canvas_select_only (WaymarkCanvas *self,
                            WaymarkCard   *card)
{
  g_hash_table_remove_all (self->selection);
  if (card != NULL)
    select_card (self, card);
  g_set_object (&self->anchor, card);
  waymark_canvas_selection_changed (self);
}

GPtrArray *
waymark_canvas_get_selection (WaymarkCanvas *self)
{
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  result = g_ptr_array_new ();
  if (g_hash_table_size (self->selection) == 0)
    return result;
  waymark_layout_update (self->layout);
  n = waymark_layout_get_n_cards (self->layout);
  for (guint c = 0; c < n; c++)
    {
      WaymarkCard *card = waymark_layout_get_card_at (self->layout, c)->card;

      if (g_hash_table_contains (self->selection, card))
        g_ptr_array_add (result, card);
    }
  return result;
}

void
waymark_canvas_set_selection (WaymarkCanvas *self,
                              WaymarkCard  **cards,
                              guint          n_cards)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  g_hash_table_remove_all (self->selection);
  for (guint i = 0; i < n_cards; i++)
    select_card (self, cards[i]);
  {
    WaymarkCard *first = n_cards > 0 ? cards[0] : NULL;

    g_set_object (&self->anchor, first);
  }
  waymark_canvas_selection_changed (self);
}

gboolean
waymark_canvas_is_selected (WaymarkCanvas *self,
                            WaymarkCard   *card)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return g_hash_table_contains (self->selection, card);
}

GPtrArray *
waymark_canvas_get_acted_cards (WaymarkCanvas *self)
{
  GPtrArray *cards;

  if (g_hash_table_size (self->selection) > 0)
    return waymark_canvas_get_selection (self);
  cards = g_ptr_array_new ();
  if (self->focus.kind == TARGET_CARD && waymark_canvas_target_is_alive (self, &self->focus))
    g_ptr_array_add (cards, self->focus.card);
  return cards;
}

/* Shift+click: every card in the rectangle of cells from the anchor's
 * to this one; within one cell, the cards between the two. */
static void
select_range (WaymarkCanvas *self,
              WaymarkCard   *card)
{
  WaymarkLayoutCard *a = self->anchor != NULL ? waymark_layout_get_card (self->layout, self->anchor) : NULL;
  WaymarkLayoutCard *b = waymark_layout_get_card (self->layout, card);

  if (b == NULL)
    return;
  if (a == NULL)
    {
      waymark_canvas_select_only (self, card);
      return;
    }
  g_hash_table_remove_all (self->selection);
  if (a->stage == b->stage && a->lane == b->lane)
    {
      WaymarkLayoutCard **cards;
      guint n = waymark_layout_get_cell_cards (self->layout, a->stage, a->lane, &cards);

      for (guint k = MIN (a->position, b->position); k <= MAX (a->position, b->position) && k < n; k++)
        select_card (self, cards[k]->card);
    }
  else
    for (guint j = MIN (a->lane, b->lane); j <= MAX (a->lane, b->lane); j++)
      for (guint i = MIN (a->stage, b->stage); i <= MAX (a->stage, b->stage); i++)
        {
          WaymarkLayoutCard **cards;
          guint n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);

          for (guint k = 0; k < n; k++)
            select_card (self, cards[k]->card);
        }
  waymark_canvas_selection_changed (self);
}

static void
update_rubber_band (WaymarkCanvas *self)
{
  WaymarkRect band;
  double x0, y0, x1, y1;
  guint s0, s1, l0, l1;
  GHashTableIter iter;
  gpointer key;

  waymark_canvas_widget_to_map (self, MIN (self->press_x, self->pointer_x),
                                MIN (self->press_y, self->pointer_y), &x0, &y0);
  waymark_canvas_widget_to_map (self, MAX (self->press_x, self->pointer_x),
                                MAX (self->press_y, self->pointer_y), &x1, &y1);
  band = (WaymarkRect) { x0, y0, x1 - x0, y1 - y0 };

  g_hash_table_remove_all (self->selection);
  g_hash_table_iter_init (&iter, self->rubber_base);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    select_card (self, key);
  if (waymark_layout_get_cell_range (self->layout, &band, &s0, &s1, &l0, &l1))
    for (guint j = l0; j < l1; j++)
      for (guint i = s0; i < s1; i++)
        {
          WaymarkLayoutCard **cards;
          guint n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);

          for (guint k = 0; k < n; k++)
            if (waymark_rect_intersects (&cards[k]->rect, &band))
              select_card (self, cards[k]->card);
        }
  waymark_canvas_selection_changed (self);
}

/* ---- Zoom ---- */

static const double zoom_steps[] = {
  0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0
};

double
waymark_canvas_get_zoom (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
waymark_canvas_zoom_at (WaymarkCanvas *self,
                        double         zoom,
                        double         x,
                        double         y)
{
  double mx, my, ox, oy;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  zoom = CLAMP (zoom, WAYMARK_CANVAS_ZOOM_MIN, WAYMARK_CANVAS_ZOOM_MAX);
  if (fabs (zoom - self->zoom) < 1e-6)
    return;
  waymark_canvas_widget_to_map (self, x, y, &mx, &my);
  self->zoom = zoom;
  /* Keep (mx, my) under (x, y): the origin must become x - mx * zoom. */
  configure_adjustments (self, mx * zoom - x, my * zoom - y);
  get_origin (self, &ox, &oy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  mark_items_dirty (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  waymark_canvas_update_actions (self);
}

void
waymark_canvas_set_zoom (WaymarkCanvas *self,
                         double         zoom)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  waymark_canvas_zoom_at (self, zoom,
                          gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
waymark_canvas_zoom_in (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 1e-3)
      {
        waymark_canvas_set_zoom (self, zoom_steps[i]);
        return;
      }
}

void
waymark_canvas_zoom_out (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 1e-3)
      {
        waymark_canvas_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
}

void
waymark_canvas_zoom_fit (WaymarkCanvas *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  waymark_layout_update (self->layout);
  if (width <= 0 || height <= 0)
    return;
  zoom = MIN (width / waymark_layout_get_width (self->layout),
              height / waymark_layout_get_height (self->layout));
  self->zoom = CLAMP (zoom, WAYMARK_CANVAS_ZOOM_MIN, WAYMARK_CANVAS_ZOOM_MAX);
  configure_adjustments (self, 0, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  mark_items_dirty (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  waymark_canvas_update_actions (self);
}

/* ---- Pointer ---- */

static void
set_hover (WaymarkCanvas *self,
           double         x,
           double         y)
{
  WaymarkHit hit;
  WaymarkCard *card;

  canvas_pick_at (self, x, y, &hit);
  card = hit.kind == WAYMARK_HIT_CARD ? hit.card->card : NULL;
  if (card != self->hover_card || hit.kind != self->hover.kind ||
      hit.stage != self->hover.stage || hit.lane != self->hover.lane)
    {
      g_set_object (&self->hover_card, card);
      self->hover = hit;
      self->hover.card = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
clear_hover (WaymarkCanvas *self)
{
  if (self->hover_card != NULL || self->hover.kind != WAYMARK_HIT_NONE)
    {
      g_clear_object (&self->hover_card);
      self->hover.kind = WAYMARK_HIT_NONE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
set_drag_cursor (WaymarkCanvas *self)
{
  const char *name = NULL;

  switch (self->drag)
    {
    case DRAG_CARDS:
    case DRAG_STAGE:
    case DRAG_LANE:
    case DRAG_PAN:
      name = "grabbing";
      break;
    case DRAG_RUBBER_BAND:
      name = "crosshair";
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    default:
      name = self->space_held ? "grab" : NULL;
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Every card heads back to its place in the layout. */
static void
settle_offsets (WaymarkCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->offsets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Offset *o = value;

      o->target_x = o->target_y = 0;
    }
  if (g_hash_table_size (self->offsets) > 0)
    ensure_ticking (self);
}

static void
end_drag (WaymarkCanvas *self)
{
  if (self->drag == DRAG_CARDS)
    settle_offsets (self);
  self->drag = DRAG_NONE;
  self->drop_valid = FALSE;
  g_clear_pointer (&self->drag_cards, g_ptr_array_unref);
  g_clear_pointer (&self->drag_skip, g_hash_table_unref);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_object (&self->press_card);
  set_drag_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Opens a gap in the drop cell and closes the ones the dragged cards
 * left, by offsetting the other cards. */
static void
update_drop_offsets (WaymarkCanvas *self)
{
  g_autoptr(GHashTable) cells = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  double insert = 0;

  settle_offsets (self);
  for (guint k = 0; k < self->drag_cards->len; k++)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, self->drag_cards->pdata[k]);

      if (lc == NULL)
        continue;
      g_hash_table_add (cells, GUINT_TO_POINTER (lc->lane * n_stages + lc->stage + 1));
      insert += (lc->is_point ? 42 : lc->rect.height) + WAYMARK_LAYOUT_CARD_SPACING;
    }
  if (self->drop_valid)
    g_hash_table_add (cells, GUINT_TO_POINTER (self->drop_lane * n_stages + self->drop_stage + 1));

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint cell = GPOINTER_TO_UINT (key) - 1;
      guint i = cell % n_stages, j = cell / n_stages;
      const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, j);
      WaymarkLayoutCard **cards;
      guint n = waymark_layout_get_cell_cards (self->layout, i, j, &cards);
      gboolean is_drop = self->drop_valid && i == self->drop_stage && j == self->drop_lane;
      double y = ll->band.y + WAYMARK_LAYOUT_CELL_PAD_TOP;
      guint others = 0;

      if (ll->kind == WAYMARK_LANE_KIND_EMOTIONS)
        continue;
      for (guint k = 0; k < n; k++)
        {
          WaymarkLayoutCard *lc = cards[k];

          if (g_hash_table_contains (self->drag_skip, lc->card))
            continue;
          if (is_drop && others == self->drop_position)
            y += insert;
          if (fabs (y - lc->rect.y) > 0.1 || g_hash_table_contains (self->offsets, lc->card))
            {
              Offset *o = ensure_offset (self, lc->card);

              o->target_x = 0;
              o->target_y = y - lc->rect.y;
            }
          y += lc->rect.height + WAYMARK_LAYOUT_CARD_SPACING;
          others++;
        }
    }
  if (!animations_enabled (self))
    {
      g_hash_table_iter_init (&iter, self->offsets);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Offset *o = value;

          o->x = o->target_x;
          o->y = o->target_y;
        }
    }
  ensure_ticking (self);
}

static void
update_card_drop (WaymarkCanvas *self)
{
  double mx, my;
  guint stage, lane, position;
  int emotion = 0;
  gboolean valid;
  WaymarkLayoutCard *primary = waymark_layout_get_card (self->layout, self->press_card);

  waymark_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  valid = waymark_layout_drop_target (self->layout, mx, my, self->drag_skip,
                                      &stage, &lane, &position, &emotion);
  if (valid && primary != NULL && primary->is_point &&
      waymark_layout_get_lane (self->layout, lane)->kind == WAYMARK_LANE_KIND_EMOTIONS)
    /* A point's level follows the point, not the pointer's grip on it. */
    emotion = waymark_layout_emotion_at (self->layout, lane, my - self->grab_dy + (primary->point_y - primary->rect.y));

  if (valid == self->drop_valid && stage == self->drop_stage && lane == self->drop_lane &&
      position == self->drop_position && emotion == self->drop_emotion)
    return;
  self->drop_valid = valid;
  self->drop_stage = stage;
  self->drop_lane = lane;
  self->drop_position = position;
  self->drop_emotion = emotion;
  update_drop_offsets (self);
}

static void
update_header_target (WaymarkCanvas *self)
{
  double mx, my;
  guint target = 0;

  waymark_canvas_widget_to_map (self, self->pointer_x, self->pointer_y, &mx, &my);
  if (self->drag == DRAG_STAGE)
    {
      guint n = waymark_layout_get_n_stages (self->layout);

      for (guint i = 0; i < n; i++)
        {
          const WaymarkLayoutStage *ls = waymark_layout_get_stage (self->layout, i);

          if (i != self->drag_index && mx > ls->header.x + ls->header.width / 2)
            target++;
        }
    }
  else
    {
      guint n = waymark_layout_get_n_lanes (self->layout);

      for (guint j = 0; j < n; j++)
        {
          const WaymarkLayoutLane *ll = waymark_layout_get_lane (self->layout, j);

          if (j != self->drag_index && my > ll->band.y + ll->band.height / 2)
            target++;
        }
    }
  self->drag_target = target;
}

static void
update_drag (WaymarkCanvas *self)
{
  switch (self->drag)
    {
    case DRAG_CARDS:
      update_card_drop (self);
      break;
    case DRAG_STAGE:
    case DRAG_LANE:
      update_header_target (self);
      break;
    case DRAG_RUBBER_BAND:
      update_rubber_band (self);
      break;
    case DRAG_PAN:
      configure_adjustments (self,
                             self->pan_h - (self->pointer_x - self->press_x),
                             self->pan_v - (self->pointer_y - self->press_y));
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static double
edge_speed (double position,
            double size)
{
  if (position < AUTOSCROLL_EDGE)
    return -AUTOSCROLL_SPEED * MIN (1, (AUTOSCROLL_EDGE - position) / AUTOSCROLL_EDGE);
  if (position > size - AUTOSCROLL_EDGE)
    return AUTOSCROLL_SPEED * MIN (1, (position - (size - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE);
  return 0;
}

static gboolean
wants_autoscroll (WaymarkCanvas *self,
                  double        *dx,
                  double        *dy)
{
  if (self->drag != DRAG_CARDS && self->drag != DRAG_STAGE &&
      self->drag != DRAG_LANE && self->drag != DRAG_RUBBER_BAND)
    return FALSE;
  *dx = self->drag == DRAG_LANE ? 0 : edge_speed (self->pointer_x, gtk_widget_get_width (GTK_WIDGET (self)));
  *dy = self->drag == DRAG_STAGE ? 0 : edge_speed (self->pointer_y, gtk_widget_get_height (GTK_WIDGET (self)));
  return *dx != 0 || *dy != 0;
}

/* Scrolls while a drag holds the pointer near an edge; TRUE if it did. */
static gboolean
autoscroll_step (WaymarkCanvas *self,
                 double         seconds)
{
  double dx, dy, h, v;

  if (!wants_autoscroll (self, &dx, &dy) || self->hadjustment == NULL || self->vadjustment == NULL)
    return FALSE;
  h = gtk_adjustment_get_value (self->hadjustment);
  v = gtk_adjustment_get_value (self->vadjustment);
  configure_adjustments (self, h + dx * seconds, v + dy * seconds);
  /* At the end of the map there is nothing left to scroll: stop asking
   * for frames until the pointer moves again. */
  if (gtk_adjustment_get_value (self->hadjustment) == h &&
      gtk_adjustment_get_value (self->vadjustment) == v)
    return FALSE;
  if (self->drag == DRAG_RUBBER_BAND)
    {
      /* The band's start stays on the map point it started at. */
      self->press_x -= gtk_adjustment_get_value (self->hadjustment) - h;
      self->press_y -= gtk_adjustment_get_value (self->vadjustment) - v;
    }
  update_drag (self);
  return TRUE;
}

static void
start_card_drag (WaymarkCanvas *self)
{
  WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, self->press_card);
  double mx, my;

  if (lc == NULL)
    return;
  waymark_canvas_widget_to_map (self, self->press_x, self->press_y, &mx, &my);
  self->drag = DRAG_CARDS;
  if (g_hash_table_contains (self->selection, self->press_card))
    self->drag_cards = waymark_canvas_get_selection (self);
  else
    {
      self->drag_cards = g_ptr_array_new ();
      g_ptr_array_add (self->drag_cards, self->press_card);
    }
  g_ptr_array_set_free_func (self->drag_cards, g_object_unref);
  for (guint k = 0; k < self->drag_cards->len; k++)
    g_object_ref (self->drag_cards->pdata[k]);
  self->drag_skip = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < self->drag_cards->len; k++)
    g_hash_table_add (self->drag_skip, self->drag_cards->pdata[k]);
  self->grab_dx = mx - lc->rect.x;
  self->grab_dy = my - lc->rect.y;
  self->drop_valid = FALSE;
  self->drop_position = G_MAXUINT;
  update_card_drop (self);
}

static void
start_drag (WaymarkCanvas *self)
{
  switch (self->press_kind)
    {
    case WAYMARK_HIT_CARD:
      if (self->press_card != NULL)
        start_card_drag (self);
      break;
    case WAYMARK_HIT_STAGE_HEADER:
      self->drag = DRAG_STAGE;
      self->drag_index = self->press_stage;
      self->drag_target = self->press_stage;
      break;
    case WAYMARK_HIT_LANE_HEADER:
      self->drag = DRAG_LANE;
      self->drag_index = self->press_lane;
      self->drag_target = self->press_lane;
      break;
    case WAYMARK_HIT_NONE:
    case WAYMARK_HIT_TITLE:
    case WAYMARK_HIT_CELL:
    case WAYMARK_HIT_ADD_STAGE:
    case WAYMARK_HIT_ADD_LANE:
    default:
      self->drag = DRAG_RUBBER_BAND;
      self->rubber_base = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      if (self->press_state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, self->selection);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_hash_table_add (self->rubber_base, g_object_ref (key));
        }
      break;
    }
  if (self->drag == DRAG_PENDING)
    self->drag = DRAG_NONE;
  set_drag_cursor (self);
}

static void
double_click (WaymarkCanvas *self,
              WaymarkHit    *hit,
              double         mx,
              double         my)
{
  Target t = { TARGET_NONE, NULL, NULL, NULL };

  switch (hit->kind)
    {
    case WAYMARK_HIT_CARD:
      waymark_canvas_edit_card (self, hit->card->card);
      return;
    case WAYMARK_HIT_CELL:
      {
        guint stage, lane, position;
        int emotion;

        if (waymark_layout_drop_target (self->layout, mx, my, NULL, &stage, &lane, &position, &emotion))
          waymark_canvas_new_card (self, stage, lane, position);
      }
      return;
    case WAYMARK_HIT_STAGE_HEADER:
      t.kind = TARGET_STAGE;
      t.stage = waymark_canvas_get_stage (self, hit->stage);
      break;
    case WAYMARK_HIT_LANE_HEADER:
      t.kind = TARGET_LANE;
      t.lane = waymark_canvas_get_lane (self, hit->lane);
      break;
    case WAYMARK_HIT_TITLE:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.rename-map", NULL);
      return;
    case WAYMARK_HIT_NONE:
    case WAYMARK_HIT_ADD_STAGE:
    case WAYMARK_HIT_ADD_LANE:
    default:
      return;
    }
  waymark_canvas_start_edit (self, &t);
}

static Target
hit_target (WaymarkCanvas    *self,
            const WaymarkHit *hit)
{
  Target t = { TARGET_NONE, NULL, NULL, NULL };

  switch (hit->kind)
    {
    case WAYMARK_HIT_CARD:
      t.kind = TARGET_CARD;
      t.card = hit->card->card;
      break;
    case WAYMARK_HIT_CELL:
      t.kind = TARGET_CELL;
      t.stage = waymark_canvas_get_stage (self, hit->stage);
      t.lane = waymark_canvas_get_lane (self, hit->lane);
      break;
    case WAYMARK_HIT_STAGE_HEADER:
      t.kind = TARGET_STAGE;
      t.stage = waymark_canvas_get_stage (self, hit->stage);
      break;
    case WAYMARK_HIT_LANE_HEADER:
      t.kind = TARGET_LANE;
      t.lane = waymark_canvas_get_lane (self, hit->lane);
      break;
    case WAYMARK_HIT_TITLE:
    case WAYMARK_HIT_NONE:
    case WAYMARK_HIT_ADD_STAGE:
    case WAYMARK_HIT_ADD_LANE:
    default:
      t.kind = TARGET_MAP;
      break;
    }
  return t;
}

static void
pointer_press_button (WaymarkCanvas   *self,
                      double           x,
                      double           y,
                      int              n_press,
                      GdkModifierType  state,
                      guint            button)
{
  WaymarkHit hit;
  double mx, my;
  Target t;

  if (self->drag != DRAG_NONE)
    return;
  if (self->edit_kind != EDIT_NONE)
    waymark_canvas_commit_edit (self);
  sync_layout (self);
  waymark_canvas_widget_to_map (self, x, y, &mx, &my);
  canvas_pick (self, mx, my, &hit);
  t = hit_target (self, &hit);

  self->press_x = self->pointer_x = x;
  self->press_y = self->pointer_y = y;
  self->press_state = state;
  self->press_kind = hit.kind;
  self->press_stage = hit.stage;
  self->press_lane = hit.lane;
  {
    WaymarkCard *pressed = hit.kind == WAYMARK_HIT_CARD ? hit.card->card : NULL;

    g_set_object (&self->press_card, pressed);
  }

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      self->drag = DRAG_PAN;
      self->pan_h = self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
      self->pan_v = self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
      set_drag_cursor (self);
      return;
    }

  if (button == GDK_BUTTON_SECONDARY)
    {
      if (t.kind == TARGET_CARD && !g_hash_table_contains (self->selection, t.card))
        waymark_canvas_select_only (self, t.card);
      /* Not scrolled: the pointer stays on what it pressed. */
      if (t.kind != TARGET_MAP)
        focus_target_full (self, &t, FALSE);
      waymark_canvas_open_menu (self, &t, x, y);
      g_clear_object (&self->press_card);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY)
    return;

  if (n_press >= 2 && !(state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)))
    {
      double_click (self, &hit, mx, my);
      g_clear_object (&self->press_card);
      return;
    }

  self->drag = DRAG_PENDING;
  if (t.kind == TARGET_CARD)
    {
      if (state & GDK_SHIFT_MASK)
        select_range (self, t.card);
      else if (!(state & GDK_CONTROL_MASK) && !g_hash_table_contains (self->selection, t.card))
        waymark_canvas_select_only (self, t.card);
    }
  else if (!(state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) && g_hash_table_size (self->selection) > 0)
    waymark_canvas_select_only (self, NULL);
  if (t.kind != TARGET_MAP)
    focus_target_full (self, &t, FALSE);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

void
waymark_canvas_pointer_press (WaymarkCanvas   *self,
                              double           x,
                              double           y,
                              int              n_press,
                              GdkModifierType  state)
{
  guint button = GDK_BUTTON_PRIMARY;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (state & GDK_BUTTON2_MASK)
    button = GDK_BUTTON_MIDDLE;
  else if (state & GDK_BUTTON3_MASK)
    button = GDK_BUTTON_SECONDARY;
  pointer_press_button (self, x, y, n_press, state & ~(GDK_BUTTON1_MASK | GDK_BUTTON2_MASK | GDK_BUTTON3_MASK),
                        button);
}

void
waymark_canvas_pointer_motion (WaymarkCanvas *self,
                               double         x,
                               double         y)
{
  double dx, dy;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag == DRAG_NONE)
    {
      set_hover (self, x, y);
      return;
    }
  if (self->drag == DRAG_PENDING)
    {
      if (hypot (x - self->press_x, y - self->press_y) < DRAG_THRESHOLD)
        return;
      clear_hover (self);
      start_drag (self);
    }
  update_drag (self);
  if (wants_autoscroll (self, &dx, &dy))
    ensure_ticking (self);
}

static void
drop_cards (WaymarkCanvas *self)
{
  WaymarkHistory *history = waymark_document_get_history (self->document);
  WaymarkStage *stage = waymark_canvas_get_stage (self, self->drop_stage);
  WaymarkLane *lane = waymark_canvas_get_lane (self, self->drop_lane);
  g_autoptr(GPtrArray) cards = g_ptr_array_ref (self->drag_cards);
  gboolean emotions;

  if (!self->drop_valid || stage == NULL || lane == NULL)
    {
      waymark_canvas_cancel_drag (self);
      return;
    }
  emotions = waymark_lane_get_kind_enum (lane) == WAYMARK_LANE_KIND_EMOTIONS;
  /* Draw the lifted cards where they were dropped one last time, so
   * they slide from there into place. */
  self->drag = DRAG_NONE;
  waymark_history_begin_group (history, cards->len == 1 ? _("Move Card") : _("Move Cards"));
  waymark_document_move_cards (self->document, (WaymarkCard **) cards->pdata, cards->len,
                               waymark_stage_get_id (stage), waymark_lane_get_id (lane),
                               self->drop_position);
  if (emotions)
    for (guint k = 0; k < cards->len; k++)
      {
        WaymarkCard *card = cards->pdata[k];

        if (!waymark_card_get_has_emotion (card) || waymark_card_get_emotion (card) != self->drop_emotion)
          waymark_document_set_card_emotion (self->document, card, TRUE, self->drop_emotion);
      }
  waymark_history_end_group (history);
  self->drag = DRAG_CARDS;
  end_drag (self);
}

static void
click (WaymarkCanvas *self)
{
  if (self->press_kind != WAYMARK_HIT_CARD || self->press_card == NULL)
    return;
  if (self->press_state & GDK_CONTROL_MASK)
    {
      if (g_hash_table_contains (self->selection, self->press_card))
        g_hash_table_remove (self->selection, self->press_card);
      else
        select_card (self, self->press_card);
      g_set_object (&self->anchor, self->press_card);
      waymark_canvas_selection_changed (self);
    }
  else if (!(self->press_state & GDK_SHIFT_MASK))
    waymark_canvas_select_only (self, self->press_card);
}

void
waymark_canvas_pointer_release (WaymarkCanvas *self,
                                double         x,
                                double         y)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (self->drag == DRAG_NONE)
    return;
  waymark_canvas_pointer_motion (self, x, y);
  switch (self->drag)
    {
    case DRAG_PENDING:
      click (self);
      break;
    case DRAG_CARDS:
      drop_cards (self);
      return;
    case DRAG_STAGE:
      if (self->drag_target != self->drag_index)
        waymark_document_move_stage (self->document, waymark_canvas_get_stage (self, self->drag_index),
                                     self->drag_target);
      break;
    case DRAG_LANE:
      if (self->drag_target != self->drag_index)
        waymark_document_move_lane (self->document, waymark_canvas_get_lane (self, self->drag_index),
                                    self->drag_target);
      break;
    case DRAG_RUBBER_BAND:
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  end_drag (self);
  set_hover (self, x, y);
}

void
waymark_canvas_cancel_drag (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  switch (self->drag)
    {
    case DRAG_CARDS:
      /* The lifted cards were drawn at the pointer: they slide back. */
      animate_from_drawn (self);
      break;
    case DRAG_RUBBER_BAND:
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_remove_all (self->selection);
        g_hash_table_iter_init (&iter, self->rubber_base);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          select_card (self, key);
        waymark_canvas_selection_changed (self);
      }
      break;
    case DRAG_PAN:
      configure_adjustments (self, self->pan_h, self->pan_v);
      break;
    case DRAG_NONE:
    case DRAG_PENDING:
    case DRAG_STAGE:
    case DRAG_LANE:
    default:
      break;
    }
  end_drag (self);
}

gboolean
waymark_canvas_is_dragging (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return self->drag != DRAG_NONE && self->drag != DRAG_PENDING;
}

/* ---- Event controllers ---- */

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               WaymarkCanvas  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint32 time = gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (gesture));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  int double_click_time = 400, double_click_distance = 5;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-double-click-time", &double_click_time,
                "gtk-double-click-distance", &double_click_distance,
                NULL);
  if (button == GDK_BUTTON_PRIMARY && self->last_press_time > 0 &&
      time - self->last_press_time <= (guint32) double_click_time &&
      hypot (x - self->last_press_x, y - self->last_press_y) <= MAX (double_click_distance, 5))
    self->click_count++;
  else
    self->click_count = 1;
  self->last_press_time = time;
  self->last_press_x = x;
  self->last_press_y = y;

  if (event != NULL && gdk_event_triggers_context_menu (event))
    button = GDK_BUTTON_SECONDARY;
  pointer_press_button (self, x, y, self->click_count,
                        state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK), button);
  if (self->click_count >= 2)
    self->click_count = 0;
  if (self->drag != DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                WaymarkCanvas  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  waymark_canvas_pointer_motion (self, x + dx, y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             WaymarkCanvas  *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  waymark_canvas_pointer_release (self, x + dx, y + dy);
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                WaymarkCanvas    *self)
{
  if (self->drag != DRAG_NONE)
    waymark_canvas_cancel_drag (self);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           WaymarkCanvas            *self)
{
  if (self->drag == DRAG_NONE)
    set_hover (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          WaymarkCanvas            *self)
{
  if (self->drag == DRAG_NONE)
    clear_hover (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           WaymarkCanvas            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (!(state & GDK_CONTROL_MASK))
    return FALSE;
  if (event != NULL)
    {
      double ex, ey;
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

      if (gdk_event_get_position (event, &ex, &ey) && native != NULL)
        {
          graphene_point_t p;
          double nx, ny;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (ex - nx, ey - ny), &p))
            {
              x = p.x;
              y = p.y;
            }
        }
    }
  if (gdk_event_get_event_type (event) == GDK_SCROLL &&
      gdk_scroll_event_get_direction (event) == GDK_SCROLL_SMOOTH &&
      gdk_event_get_device (event) != NULL &&
      gdk_device_get_source (gdk_event_get_device (event)) == GDK_SOURCE_TOUCHPAD)
    dy *= 0.1;
  waymark_canvas_zoom_at (self, self->zoom * pow (1.1, -dy), x, y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               WaymarkCanvas    *self)
{
  self->zoom_begin = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       WaymarkCanvas  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  waymark_canvas_zoom_at (self, self->zoom_begin * scale, x, y);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WaymarkCanvas         *self)
{
  if (keyval == GDK_KEY_Escape && self->drag != DRAG_NONE && self->drag != DRAG_PENDING)
    {
      waymark_canvas_cancel_drag (self);
      return TRUE;
    }
  if (keyval == GDK_KEY_space && (state & gtk_accelerator_get_default_mod_mask ()) == 0 &&
      self->edit_kind == EDIT_NONE && !waymark_canvas_menu_is_open (self) &&
      GTK_IS_BUTTON (gtk_widget_get_focus_child (GTK_WIDGET (self))) == FALSE)
    {
      if (!self->space_held)
        {
          self->space_held = TRUE;
          set_drag_cursor (self);
        }
      return TRUE;
    }
  return FALSE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 WaymarkCanvas         *self)
{
  if (keyval == GDK_KEY_space && self->space_held)
    {
      self->space_held = FALSE;
      set_drag_cursor (self);
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                WaymarkCanvas           *self)
{
  if (self->space_held)
    {
      self->space_held = FALSE;
      set_drag_cursor (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
waymark_canvas_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  WaymarkCard *card = NULL;
  g_autoptr(GString) text = NULL;

  if (self->drag != DRAG_NONE && self->drag != DRAG_PENDING)
    return FALSE;
  if (keyboard_mode)
    card = self->focus.kind == TARGET_CARD ? self->focus.card : NULL;
  else
    {
      WaymarkHit hit;

      canvas_pick_at (self, x, y, &hit);
      if (hit.kind == WAYMARK_HIT_CARD)
        card = hit.card->card;
    }
  if (card == NULL || waymark_card_get_title (card)[0] == '\0')
    return FALSE;

  text = g_string_new (waymark_card_get_title (card));
  if (waymark_card_get_notes (card)[0] != '\0')
    {
      g_autofree char *notes = g_utf8_substring (waymark_card_get_notes (card), 0, 280);

      g_string_append_printf (text, "\n\n%s%s", notes,
                              g_utf8_strlen (waymark_card_get_notes (card), -1) > 280 ? "…" : "");
    }
  gtk_tooltip_set_text (tooltip, text->str);
  if (!keyboard_mode)
    {
      WaymarkLayoutCard *lc = waymark_layout_get_card (self->layout, card);
      double x0, y0, x1, y1;

      waymark_canvas_map_to_widget (self, lc->rect.x, lc->rect.y, &x0, &y0);
      waymark_canvas_map_to_widget (self, lc->rect.x + lc->rect.width, lc->rect.y + lc->rect.height, &x1, &y1);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) x0, (int) y0, (int) (x1 - x0), (int) (y1 - y0) });
    }
  return TRUE;
}

/* ---- Focus ---- */

static gboolean
first_target (WaymarkCanvas *self,
              Target        *t)
{
  guint n_stages = waymark_layout_get_n_stages (self->layout);
  guint n_lanes = waymark_layout_get_n_lanes (self->layout);

  if (n_stages > 0 && n_lanes > 0)
    {
      WaymarkLayoutCard **cards;

      if (waymark_layout_get_cell_cards (self->layout, 0, 0, &cards) > 0)
        *t = (Target) { TARGET_CARD, cards[0]->card, NULL, NULL };
      else
        *t = (Target) { TARGET_CELL, NULL, waymark_canvas_get_stage (self, 0), waymark_canvas_get_lane (self, 0) };
      return TRUE;
    }
  if (n_stages > 0)
    {
      *t = (Target) { TARGET_STAGE, NULL, waymark_canvas_get_stage (self, 0), NULL };
      return TRUE;
    }
  if (n_lanes > 0)
    {
      *t = (Target) { TARGET_LANE, NULL, NULL, waymark_canvas_get_lane (self, 0) };
      return TRUE;
    }
  return FALSE;
}

static gboolean
focus_inside (WaymarkCanvas *self)
{
  Target t;

  if (self->layout == NULL)
    return FALSE;
  waymark_layout_update (self->layout);
  if (waymark_canvas_target_is_alive (self, &self->focus) && self->focus.kind != TARGET_MAP)
    t = self->focus;
  else if (!first_target (self, &t))
    return gtk_widget_grab_focus (self->add_stage_button);
  waymark_canvas_focus_target (self, &t);
  return TRUE;
}

static gboolean
waymark_canvas_focus (GtkWidget        *widget,
                      GtkDirectionType  direction)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);
  GtkWidget *child = gtk_widget_get_focus_child (widget);

  /* The canvas is one stop in the Tab chain: arrows move inside it. */
  if (child != NULL)
    {
      if (child == self->editor)
        return gtk_widget_child_focus (child, direction);
      return FALSE;
    }
  return focus_inside (self);
}

static gboolean
waymark_canvas_grab_focus (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  if (gtk_widget_get_focus_child (widget) != NULL)
    return TRUE;
  return focus_inside (self);
}

static void
ensure_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (g_object_get_data (G_OBJECT (display), "waymark-canvas-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/waymark/Waymark/canvas.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "waymark-canvas-css", g_steal_pointer (&provider), g_object_unref);
}

static void
waymark_canvas_realize (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  ensure_style (widget);
  GTK_WIDGET_CLASS (waymark_canvas_parent_class)->realize (widget);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->update_handler = g_signal_connect (self->frame_clock, "update", G_CALLBACK (frame_update_cb), self);
  mark_items_dirty (self);
}

static void
waymark_canvas_unrealize (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  g_clear_signal_handler (&self->update_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
  GTK_WIDGET_CLASS (waymark_canvas_parent_class)->unrealize (widget);
}

/* A context menu closes with the canvas: left open while the window goes
 * away, GTK 4.8 later asks for the pointer over a surface that is gone. */
static void
waymark_canvas_unmap (GtkWidget *widget)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (widget);

  if (self->menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->menu));
  GTK_WIDGET_CLASS (waymark_canvas_parent_class)->unmap (widget);
}

/* ---- Document, theme, persona focus ---- */

static void
update_theme (WaymarkCanvas *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean contrast = adw_style_manager_get_high_contrast (manager);
  WaymarkTheme theme = contrast ? (dark ? WAYMARK_THEME_HIGH_CONTRAST_DARK : WAYMARK_THEME_HIGH_CONTRAST)
                                : (dark ? WAYMARK_THEME_DARK : WAYMARK_THEME_LIGHT);

  if (theme != self->theme)
    {
      self->theme = theme;
      g_hash_table_remove_all (self->nodes);
      g_clear_pointer (&self->background, gsk_render_node_unref);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

WaymarkDocument *
waymark_canvas_get_document (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->document;
}

WaymarkLayout *
waymark_canvas_get_layout (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->layout;
}

static void
clear_items (WaymarkCanvas *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  for (guint i = 0; i < all->len; i++)
    remove_item (self, all->pdata[i]);
}

void
waymark_canvas_set_document (WaymarkCanvas   *self,
                             WaymarkDocument *document)
{
  g_autofree char *focus = NULL;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (document == self->document && self->layout != NULL)
    return;

  if (self->edit_kind != EDIT_NONE)
    waymark_canvas_cancel_edit (self);
  if (self->drag != DRAG_NONE)
    end_drag (self);
  if (self->menu != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->menu));
  self->menu_target_valid = FALSE;

  if (self->layout != NULL)
    {
      focus = g_strdup (waymark_layout_get_persona_focus (self->layout));
      g_signal_handlers_disconnect_by_data (self->layout, self);
      g_clear_object (&self->layout);
    }
  clear_items (self);
  g_hash_table_remove_all (self->selection);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->current_match = NULL;
  self->drop_card = NULL;
  g_hash_table_remove_all (self->nodes);
  g_clear_pointer (&self->background, gsk_render_node_unref);
  g_hash_table_remove_all (self->offsets);
  g_hash_table_remove_all (self->drawn);
  g_clear_object (&self->anchor);
  g_clear_object (&self->hover_card);
  self->hover.kind = WAYMARK_HIT_NONE;
  self->focus.kind = TARGET_NONE;
  self->links_valid = FALSE;

  g_set_object (&self->document, document);
  if (self->document == NULL)
    {
      /* An empty document stands in, so the canvas always has a layout. */
      g_autoptr(WaymarkDocument) empty = waymark_document_new ();

      self->layout = waymark_layout_new (empty);
    }
  else
    self->layout = waymark_layout_new (document);
  if (focus != NULL)
    waymark_layout_set_persona_focus (self->layout, focus);
  g_signal_connect_swapped (self->layout, "invalidated", G_CALLBACK (layout_invalidated_cb), self);
  waymark_layout_update (self->layout);
  self->layout_generation = waymark_layout_get_generation (self->layout);
  if (self->hadjustment != NULL)
    configure_adjustments (self, 0, 0);

  mark_items_dirty (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  waymark_canvas_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  waymark_canvas_selection_changed (self);
}

const char *
waymark_canvas_get_persona_focus (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return waymark_layout_get_persona_focus (self->layout);
}

void
waymark_canvas_set_persona_focus (WaymarkCanvas *self,
                                  const char    *persona_id)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  if (g_strcmp0 (persona_id, waymark_layout_get_persona_focus (self->layout)) == 0)
    return;
  waymark_layout_set_persona_focus (self->layout, persona_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA_FOCUS]);
}

void
waymark_canvas_flush (WaymarkCanvas *self)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));

  sync_layout (self);
  reconcile_items (self);
}

GtkWidget *
waymark_canvas_get_card_item (WaymarkCanvas *self,
                              WaymarkCard   *card)
{
  Target t = { TARGET_CARD, card, NULL, NULL };
  WaymarkRect rect;

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  sync_layout (self);
  waymark_canvas_target_rect (self, &t, &rect);
  waymark_canvas_scroll_to_rect (self, &rect);
  return waymark_canvas_ensure_item (self, &t);
}

/* ---- Personas dropped on cards ---- */

/* The card at a widget point, or NULL. */
static WaymarkCard *
card_at (WaymarkCanvas *self,
         double         x,
         double         y)
{
  WaymarkHit hit;

  if (self->document == NULL)
    return NULL;
  sync_layout (self);
  canvas_pick_at (self, x, y, &hit);
  return hit.kind == WAYMARK_HIT_CARD ? hit.card->card : NULL;
}

static void
set_drop_card (WaymarkCanvas *self,
               WaymarkCard   *card)
{
  if (self->drop_card == card)
    return;
  self->drop_card = card;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
waymark_canvas_drop_persona (WaymarkCanvas  *self,
                             WaymarkPersona *persona,
                             double          x,
                             double          y)
{
  WaymarkCard *card;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *title = NULL;
  const char *id;
  WaymarkHistory *history;

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (WAYMARK_IS_PERSONA (persona), FALSE);

  set_drop_card (self, NULL);
  card = card_at (self, x, y);
  id = waymark_persona_get_id (persona);
  if (card == NULL || waymark_document_lookup_persona (self->document, id) != persona)
    return FALSE;

  /* Dropped on a selected card: it is for all of the selection. */
  if (g_hash_table_contains (self->selection, card))
    cards = waymark_canvas_get_selection (self);
  else
    {
      cards = g_ptr_array_new ();
      g_ptr_array_add (cards, card);
    }

  history = waymark_document_get_history (self->document);
  waymark_history_begin_group (history, _("Assign Persona"));
  for (guint i = 0; i < cards->len; i++)
    waymark_document_set_card_persona (self->document, g_ptr_array_index (cards, i), id, TRUE);
  waymark_history_end_group (history);

  if (cards->len == 1)
    /* Translators: a persona's name, then a card's title. */
    title = g_strdup_printf (_("“%s” assigned to “%s”"),
                             waymark_canvas_display_name (waymark_persona_get_name (persona), _("Unnamed persona")),
                             waymark_canvas_display_name (waymark_card_get_title (card), _("Untitled card")));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” assigned to %u card",
                                          "“%s” assigned to %u cards", cards->len),
                             waymark_canvas_display_name (waymark_persona_get_name (persona), _("Unnamed persona")),
                             cards->len);
  waymark_canvas_show_toast (self, title, TRUE);
  return TRUE;
}

static GdkDragAction
persona_drop_motion_cb (GtkDropTarget *target,
                        double         x,
                        double         y,
                        WaymarkCanvas *self)
{
  WaymarkCard *card = card_at (self, x, y);

  set_drop_card (self, card);
  return card != NULL ? GDK_ACTION_COPY : 0;
}

static void
persona_drop_leave_cb (GtkDropTarget *target,
                       WaymarkCanvas *self)
{
  set_drop_card (self, NULL);
}

static gboolean
persona_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 WaymarkCanvas *self)
{
  return waymark_canvas_drop_persona (self, g_value_get_object (value), x, y);
}

void
waymark_canvas_set_matches (WaymarkCanvas  *self,
                            WaymarkCard   **cards,
                            guint           n_cards,
                            WaymarkCard    *current)
{
  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (n_cards == 0 || cards != NULL);
  g_return_if_fail (current == NULL || WAYMARK_IS_CARD (current));

  g_clear_pointer (&self->matches, g_hash_table_unref);
  self->current_match = NULL;
  if (cards != NULL)
    {
      self->matches = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
      for (guint i = 0; i < n_cards; i++)
        g_hash_table_add (self->matches, g_object_ref (cards[i]));
      if (current != NULL && g_hash_table_contains (self->matches, current))
        self->current_match = current;
    }
  /* The card nodes are cached by their flags: a changed flag redraws
   * just that card. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
waymark_canvas_is_match (WaymarkCanvas *self,
                         WaymarkCard   *card)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), FALSE);

  return self->matches != NULL && g_hash_table_contains (self->matches, card);
}

WaymarkCard *
waymark_canvas_get_current_match (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  return self->current_match;
}

void
waymark_canvas_reveal_card (WaymarkCanvas *self,
                            WaymarkCard   *card,
                            gboolean       grab_focus)
{
  GtkWidget *item;

  g_return_if_fail (WAYMARK_IS_CANVAS (self));
  g_return_if_fail (WAYMARK_IS_CARD (card));

  waymark_canvas_set_selection (self, &card, 1);
  item = waymark_canvas_get_card_item (self, card);
  if (grab_focus && item != NULL)
    gtk_widget_grab_focus (item);
}

GtkWidget *
waymark_canvas_get_cell_item (WaymarkCanvas *self,
                              guint          stage,
                              guint          lane)
{
  Target t = { TARGET_CELL, NULL, NULL, NULL };

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  sync_layout (self);
  t.stage = waymark_canvas_get_stage (self, stage);
  t.lane = waymark_canvas_get_lane (self, lane);
  if (t.stage == NULL || t.lane == NULL)
    return NULL;
  return waymark_canvas_ensure_item (self, &t);
}

GtkWidget *
waymark_canvas_get_stage_item (WaymarkCanvas *self,
                               guint          stage)
{
  Target t = { TARGET_STAGE, NULL, NULL, NULL };

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  sync_layout (self);
  t.stage = waymark_canvas_get_stage (self, stage);
  return t.stage != NULL ? waymark_canvas_ensure_item (self, &t) : NULL;
}

GtkWidget *
waymark_canvas_get_lane_item (WaymarkCanvas *self,
                              guint          lane)
{
  Target t = { TARGET_LANE, NULL, NULL, NULL };

  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), NULL);

  sync_layout (self);
  t.lane = waymark_canvas_get_lane (self, lane);
  return t.lane != NULL ? waymark_canvas_ensure_item (self, &t) : NULL;
}

guint
waymark_canvas_get_n_items (WaymarkCanvas *self)
{
  g_return_val_if_fail (WAYMARK_IS_CANVAS (self), 0);

  return g_hash_table_size (self->items);
}

void
waymark_canvas_request_details (WaymarkCanvas *self,
                                gpointer       object)
{
  g_signal_emit (self, signals[DETAILS_REQUESTED], 0, object);
}

void
waymark_canvas_show_toast (WaymarkCanvas *self,
                           const char    *title,
                           gboolean       with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ---- GtkScrollable ---- */

static void
adjustment_value_changed_cb (WaymarkCanvas *self)
{
  mark_items_dirty (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (WaymarkCanvas  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == *slot && adjustment != NULL)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
waymark_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

/* ---- GObject ---- */

GtkWidget *
waymark_canvas_new (void)
{
  return g_object_new (WAYMARK_TYPE_CANVAS, NULL);
}

static void
waymark_canvas_dispose (GObject *object)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  if (self->edit_kind != EDIT_NONE)
    waymark_canvas_cancel_edit (self);
  end_drag (self);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->menu_idle, g_source_remove);
  if (self->menu != NULL)
    {
      gtk_widget_unparent (self->menu);
      self->menu = NULL;
    }
  if (self->items != NULL)
    clear_items (self);
  g_clear_pointer (&self->add_stage_button, gtk_widget_unparent);
  g_clear_pointer (&self->add_lane_button, gtk_widget_unparent);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->layout);
  g_clear_object (&self->document);
  g_clear_object (&self->anchor);
  g_clear_object (&self->hover_card);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  if (self->selection != NULL)
    g_hash_table_remove_all (self->selection);
  if (self->offsets != NULL)
    g_hash_table_remove_all (self->offsets);
  if (self->drawn != NULL)
    g_hash_table_remove_all (self->drawn);

  G_OBJECT_CLASS (waymark_canvas_parent_class)->dispose (object);
}

static void
waymark_canvas_finalize (GObject *object)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  g_hash_table_unref (self->selection);
  g_clear_pointer (&self->matches, g_hash_table_unref);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->nodes);
  g_hash_table_unref (self->offsets);
  g_hash_table_unref (self->drawn);
  g_ptr_array_unref (self->links);
  g_clear_pointer (&self->background, gsk_render_node_unref);
  G_OBJECT_CLASS (waymark_canvas_parent_class)->finalize (object);
}

static void
waymark_canvas_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_PERSONA_FOCUS:
      g_value_set_string (value, self->layout != NULL ? waymark_layout_get_persona_focus (self->layout) : NULL);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_canvas_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  WaymarkCanvas *self = WAYMARK_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_canvas_set_document (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      waymark_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_PERSONA_FOCUS:
      waymark_canvas_set_persona_focus (self, g_value_get_string (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_canvas_class_init (WaymarkCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_canvas_dispose;
  object_class->finalize = waymark_canvas_finalize;
  object_class->get_property = waymark_canvas_get_property;
  object_class->set_property = waymark_canvas_set_property;

  widget_class->realize = waymark_canvas_realize;
  widget_class->unrealize = waymark_canvas_unrealize;
  widget_class->unmap = waymark_canvas_unmap;
  widget_class->measure = waymark_canvas_measure;
  widget_class->size_allocate = waymark_canvas_size_allocate;
  widget_class->snapshot = waymark_canvas_snapshot;
  widget_class->query_tooltip = waymark_canvas_query_tooltip;
  widget_class->focus = waymark_canvas_focus;
  widget_class->grab_focus = waymark_canvas_grab_focus;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, WAYMARK_CANVAS_ZOOM_MIN, WAYMARK_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONA_FOCUS] =
    g_param_spec_string ("persona-focus", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DETAILS_REQUESTED] =
    g_signal_new ("details-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  waymark_canvas_class_init_actions (widget_class);

  /* canvas.css lives in the resources of this static library: referring
   * to them keeps them, and their registration, in every binary. */
  g_assert (waymark_get_resource () != NULL);

  gtk_widget_class_set_css_name (widget_class, "waymark-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static GtkWidget *
new_add_button (const char *tooltip,
                const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_add_css_class (button, "waymark-add-button");
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

static void
waymark_canvas_init (WaymarkCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag;
  GtkGesture *zoom;
  GtkEventController *controller;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->zoom = 1.0;
  self->selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->items = g_hash_table_new (target_hash, target_equal);
  self->nodes = g_hash_table_new_full (NULL, NULL, NULL, cached_node_free);
  self->offsets = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->drawn = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->links = g_ptr_array_new ();
  self->theme = (WaymarkTheme) -1;

  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_focusable (widget, FALSE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Journey map"),
                                  -1);

  self->add_stage_button = new_add_button (_("Add Stage"), "canvas.add-stage");
  gtk_widget_set_parent (self->add_stage_button, widget);
  self->add_lane_button = new_add_button (_("Add Lane"), "canvas.add-lane");
  gtk_widget_set_parent (self->add_lane_button, widget);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_drop_target_new (WAYMARK_TYPE_PERSONA, GDK_ACTION_COPY));
  g_signal_connect (controller, "motion", G_CALLBACK (persona_drop_motion_cb), self);
  g_signal_connect (controller, "enter", G_CALLBACK (persona_drop_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (persona_drop_leave_cb), self);
  g_signal_connect (controller, "drop", G_CALLBACK (persona_drop_cb), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  update_theme (self);

  waymark_canvas_set_document (self, NULL);
}
