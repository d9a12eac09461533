/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map canvas: the surface a facilitator builds the map on. It draws
 * the map from a WaymarkLayout, keeps focusable, labelled item widgets
 * for the cards, cells and headers in view (only those, so that a map of
 * 10,000 cards scrolls smoothly), and turns pointer and keyboard gestures
 * into document operations. It follows the document through its signals
 * alone, so undo, side panels and reloads need no special cases.
 *
 * Put it in a GtkScrolledWindow: it is GtkScrollable. */
#pragma once

#include <gtk/gtk.h>

#include "waymark-document.h"
#include "waymark-layout.h"

G_BEGIN_DECLS

#define WAYMARK_CANVAS_ZOOM_MIN 0.25
#define WAYMARK_CANVAS_ZOOM_MAX 4.0

#define WAYMARK_TYPE_CANVAS (waymark_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkCanvas, waymark_canvas, WAYMARK, CANVAS, GtkWidget)

/* Properties: "document", "zoom", "persona-focus" (a persona id or NULL),
 * and GtkScrollable's. Signals "selection-changed", and
 * "details-requested" (GObject *object: a card, a stage or the document)
 * when the user asks for the details of what is focused or selected
 * (Alt+Return, "Details" in the context menus), for the window to show
 * them in its inspector. */
GtkWidget       *waymark_canvas_new               (void);
WaymarkDocument *waymark_canvas_get_document      (WaymarkCanvas   *self);
void             waymark_canvas_set_document      (WaymarkCanvas   *self,
                                                   WaymarkDocument *document);
WaymarkLayout   *waymark_canvas_get_layout        (WaymarkCanvas   *self);

double           waymark_canvas_get_zoom          (WaymarkCanvas   *self);
void             waymark_canvas_set_zoom          (WaymarkCanvas   *self,
                                                   double           zoom);
/* Keeps the map point under (x, y), in widget coordinates, in place. */
void             waymark_canvas_zoom_at           (WaymarkCanvas   *self,
                                                   double           zoom,
                                                   double           x,
                                                   double           y);
void             waymark_canvas_zoom_in           (WaymarkCanvas   *self);
void             waymark_canvas_zoom_out          (WaymarkCanvas   *self);
/* The whole map in view. */
void             waymark_canvas_zoom_fit          (WaymarkCanvas   *self);

const char      *waymark_canvas_get_persona_focus (WaymarkCanvas   *self);
void             waymark_canvas_set_persona_focus (WaymarkCanvas   *self,
                                                   const char      *persona_id);

/* The selected cards in document order (transfer container). */
GPtrArray       *waymark_canvas_get_selection     (WaymarkCanvas   *self);
void             waymark_canvas_set_selection     (WaymarkCanvas   *self,
                                                   WaymarkCard    **cards,
                                                   guint            n_cards);
gboolean         waymark_canvas_is_selected       (WaymarkCanvas   *self,
                                                   WaymarkCard     *card);

/* Brings the layout and the item widgets up to date now (they follow
 * the document at the next frame otherwise). */
void             waymark_canvas_flush             (WaymarkCanvas   *self);
/* Scrolls the card into view and returns its item widget. */
GtkWidget       *waymark_canvas_get_card_item     (WaymarkCanvas   *self,
                                                   WaymarkCard     *card);
/* A persona dropped at (x, y), widget coordinates, from a panel: assigns
 * it to the card there, or to every selected card when that card is
 * selected, as one undo step. FALSE when there is no card there. */
gboolean         waymark_canvas_drop_persona      (WaymarkCanvas   *self,
                                                   WaymarkPersona  *persona,
                                                   double           x,
                                                   double           y);
/* Find: highlights the cards (cards NULL: none, and not finding) and,
 * more strongly, current, one of them or NULL. */
void             waymark_canvas_set_matches       (WaymarkCanvas   *self,
                                                   WaymarkCard    **cards,
                                                   guint            n_cards,
                                                   WaymarkCard     *current);
gboolean         waymark_canvas_is_match          (WaymarkCanvas   *self,
                                                   WaymarkCard     *card);
WaymarkCard     *waymark_canvas_get_current_match (WaymarkCanvas   *self);
/* Selects only the card, scrolls it into view and, if asked, moves the
 * keyboard focus to it: for panels that list cards. */
void             waymark_canvas_reveal_card       (WaymarkCanvas   *self,
                                                   WaymarkCard     *card,
                                                   gboolean         grab_focus);
GtkWidget       *waymark_canvas_get_cell_item     (WaymarkCanvas   *self,
                                                   guint            stage,
                                                   guint            lane);
GtkWidget       *waymark_canvas_get_stage_item    (WaymarkCanvas   *self,
                                                   guint            stage);
GtkWidget       *waymark_canvas_get_lane_item     (WaymarkCanvas   *self,
                                                   guint            lane);
/* Item widgets alive now, for tests and benchmarks. */
guint            waymark_canvas_get_n_items       (WaymarkCanvas   *self);
/* Map point to widget point and back. */
void             waymark_canvas_map_to_widget     (WaymarkCanvas   *self,
                                                   double           map_x,
                                                   double           map_y,
                                                   double          *x,
                                                   double          *y);
void             waymark_canvas_widget_to_map     (WaymarkCanvas   *self,
                                                   double           x,
                                                   double           y,
                                                   double          *map_x,
                                                   double          *map_y);

/* The gesture code path, in widget coordinates; the pointer gestures
 * call these, and tests may too. A press starts nothing until the
 * pointer moves past the drag threshold. */
void             waymark_canvas_pointer_press     (WaymarkCanvas   *self,
                                                   double           x,
                                                   double           y,
                                                   int              n_press,
                                                   GdkModifierType  state);
void             waymark_canvas_pointer_motion    (WaymarkCanvas   *self,
                                                   double           x,
                                                   double           y);
void             waymark_canvas_pointer_release   (WaymarkCanvas   *self,
                                                   double           x,
                                                   double           y);
/* Escape during a drag. */
void             waymark_canvas_cancel_drag       (WaymarkCanvas   *self);
gboolean         waymark_canvas_is_dragging       (WaymarkCanvas   *self);

/* Inline editing of a card title, or a new card in a cell. */
void             waymark_canvas_edit_card         (WaymarkCanvas   *self,
                                                   WaymarkCard     *card);
void             waymark_canvas_new_card          (WaymarkCanvas   *self,
                                                   guint            stage,
                                                   guint            lane,
                                                   int              position);
/* The editor while editing, else NULL: a GtkText. */
GtkWidget       *waymark_canvas_get_editor        (WaymarkCanvas   *self);
void             waymark_canvas_commit_edit       (WaymarkCanvas   *self);
void             waymark_canvas_cancel_edit       (WaymarkCanvas   *self);

G_END_DECLS
