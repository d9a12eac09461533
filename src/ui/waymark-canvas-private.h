/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What waymark-canvas.c (drawing, items, pointer) and
 * waymark-canvas-actions.c (keyboard, actions, editing, clipboard,
 * menus) share. */
#pragma once

#include "waymark-canvas.h"
#include "waymark-canvas-paint.h"

G_BEGIN_DECLS

/* What an item widget, a menu or an action is about. Objects, not
 * indices, so that a target survives reordering. */
typedef enum
{
  TARGET_NONE,
  TARGET_CARD,
  TARGET_CELL,
  TARGET_STAGE,
  TARGET_LANE,
  TARGET_MAP,
} TargetKind;

typedef struct
{
  TargetKind kind;
  /* TARGET_CARD: the card; TARGET_CELL: stage and lane; TARGET_STAGE:
   * stage; TARGET_LANE: lane. Not owned. */
  WaymarkCard  *card;
  WaymarkStage *stage;
  WaymarkLane  *lane;
} Target;

#define WAYMARK_TYPE_CANVAS_ITEM (waymark_canvas_item_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCanvasItem, waymark_canvas_item, WAYMARK, CANVAS_ITEM, GtkWidget)

struct _WaymarkCanvasItem
{
  GtkWidget parent_instance;

  /* Holds references to the target's objects. */
  Target    target;
  /* The layout generation the accessible label was made for. */
  guint     label_generation;
  /* Set while reconciling: still wanted. */
  guint     wanted : 1;
};

typedef enum
{
  DRAG_NONE,
  /* Pressed, not yet past the threshold. */
  DRAG_PENDING,
  DRAG_CARDS,
  DRAG_STAGE,
  DRAG_LANE,
  DRAG_RUBBER_BAND,
  DRAG_PAN,
} DragKind;

typedef struct
{
  /* Where the card is drawn relative to its place in the layout, and
   * where that offset is heading. */
  double x, y;
  double target_x, target_y;
} Offset;

typedef enum
{
  EDIT_NONE,
  EDIT_CARD,
  EDIT_NEW_CARD,
  EDIT_STAGE,
  EDIT_LANE,
} EditKind;

struct _WaymarkCanvas
{
  GtkWidget            parent_instance;

  WaymarkDocument     *document;
  WaymarkLayout       *layout;
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  double               zoom;
  WaymarkTheme         theme;

  /* Card → card, references held. */
  GHashTable          *selection;
  /* Find's matches (card → card, references held; NULL when not
   * finding) and the current one (in matches). */
  GHashTable          *matches;
  WaymarkCard         *current_match;
  /* The card a persona dragged from a panel is over (not owned). */
  WaymarkCard         *drop_card;
  WaymarkCard         *anchor;
  /* Links drawn for the selection: pairs of cards, remade when the
   * layout or the selection changes. */
  GPtrArray           *links;
  gboolean             links_valid;

  /* Item widgets alive, keyed by their Target. */
  GHashTable          *items;
  /* The items need reconciling with the view, before the next layout. */
  gboolean             items_dirty;
  GdkFrameClock       *frame_clock;
  gulong               update_handler;
  int                  last_width, last_height;
  /* Where keyboard focus is, or was last, in the canvas. */
  Target               focus;
  GtkWidget           *add_stage_button;
  GtkWidget           *add_lane_button;

  /* Card → cached render node of the card, with its paint flags. */
  GHashTable          *nodes;
  guint                nodes_generation;
  /* The whole map's background (bands, scales, curves, title), recorded
   * once per layout and theme. */
  GskRenderNode       *background;
  guint                background_generation;
  WaymarkTheme         background_theme;
  guint                layout_generation;

  /* Card → Offset, for cards moving to their place; card → rect drawn
   * in the last frame, to animate what the next layout moves. */
  GHashTable          *offsets;
  GHashTable          *drawn;
  guint                tick_id;
  gint64               last_tick;

  /* Hover. */
  WaymarkHit           hover;
  WaymarkCard         *hover_card;

  /* Pointer gesture. */
  DragKind             drag;
  GdkModifierType      press_state;
  double               press_x, press_y;
  double               pointer_x, pointer_y;
  WaymarkHitKind       press_kind;
  int                  press_stage, press_lane;
  WaymarkCard         *press_card;
  gint64               last_press_time;
  double               last_press_x, last_press_y;
  int                  click_count;
  double               pan_h, pan_v;
  /* DRAG_CARDS */
  GPtrArray           *drag_cards;
  GHashTable          *drag_skip;
  double               grab_dx, grab_dy;
  gboolean             drop_valid;
  guint                drop_stage, drop_lane, drop_position;
  int                  drop_emotion;
  /* DRAG_STAGE, DRAG_LANE: the header's index and its new place. */
  guint                drag_index;
  guint                drag_target;
  /* DRAG_RUBBER_BAND: the selection before it. */
  GHashTable          *rubber_base;
  gboolean             space_held;
  double               zoom_begin;

  /* Inline editor. */
  GtkWidget           *editor;
  EditKind             edit_kind;
  Target               edit_target;
  int                  edit_position;
  gboolean             edit_closing;

  /* Context menu. */
  GtkWidget           *menu;
  Target               menu_target;
  gboolean             menu_target_valid;
  guint                menu_idle;
};

/* waymark-canvas.c */
gboolean   waymark_canvas_target_equal      (const Target   *a,
                                             const Target   *b);
/* dest takes references to src's objects; clear drops them. */
void       waymark_canvas_target_copy       (Target         *dest,
                                             const Target   *src);
void       waymark_canvas_target_clear      (Target         *target);
/* name, or fallback when it is empty ("Untitled stage"). */
const char *waymark_canvas_display_name     (const char     *name,
                                             const char     *fallback);
gboolean   waymark_canvas_target_is_alive   (WaymarkCanvas  *self,
                                             const Target   *target);
/* The item widget for the target, made if needed (it stays while it
 * has focus or until it leaves the view). */
GtkWidget *waymark_canvas_ensure_item       (WaymarkCanvas  *self,
                                             const Target   *target);
void       waymark_canvas_focus_target      (WaymarkCanvas  *self,
                                             const Target   *target);
/* Scrolls so that the map rectangle is in view. */
void       waymark_canvas_scroll_to_rect    (WaymarkCanvas     *self,
                                             const WaymarkRect *rect);
void       waymark_canvas_target_rect       (WaymarkCanvas  *self,
                                             const Target   *target,
                                             WaymarkRect    *rect);
/* How far the stage headers (dy) and lane headers (dx) are moved to stay
 * in view, in map units. */
void       waymark_canvas_sticky_offsets    (WaymarkCanvas  *self,
                                             double         *dx,
                                             double         *dy);
/* Index of a stage or lane in the document, or -1. */
int        waymark_canvas_stage_index       (WaymarkCanvas  *self,
                                             WaymarkStage   *stage);
int        waymark_canvas_lane_index        (WaymarkCanvas  *self,
                                             WaymarkLane    *lane);
WaymarkStage *waymark_canvas_get_stage      (WaymarkCanvas  *self,
                                             guint           i);
WaymarkLane  *waymark_canvas_get_lane       (WaymarkCanvas  *self,
                                             guint           i);
void       waymark_canvas_select_only       (WaymarkCanvas  *self,
                                             WaymarkCard    *card);
void       waymark_canvas_selection_changed (WaymarkCanvas  *self);
/* The selection in document order, or else the focused card. */
GPtrArray *waymark_canvas_get_acted_cards   (WaymarkCanvas  *self);
/* Emits "details-requested" for a card, a stage or the document. */
void       waymark_canvas_request_details   (WaymarkCanvas  *self,
                                             gpointer        object);
void       waymark_canvas_show_toast        (WaymarkCanvas  *self,
                                             const char     *title,
                                             gboolean        with_undo);

/* waymark-canvas-actions.c */
void       waymark_canvas_class_init_actions (GtkWidgetClass *widget_class);
void       waymark_canvas_update_actions    (WaymarkCanvas  *self);
void       waymark_canvas_open_menu         (WaymarkCanvas  *self,
                                             const Target   *target,
                                             double          x,
                                             double          y);
void       waymark_canvas_start_edit        (WaymarkCanvas  *self,
                                             const Target   *target);
void       waymark_canvas_allocate_editor   (WaymarkCanvas  *self);
/* Map rectangle the editor covers. */
void       waymark_canvas_editor_rect       (WaymarkCanvas  *self,
                                             WaymarkRect    *rect);
void       waymark_canvas_delete_target     (WaymarkCanvas  *self,
                                             const Target   *target);
gboolean   waymark_canvas_menu_is_open      (WaymarkCanvas  *self);

G_END_DECLS
