/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The geometry of a journey map: where the title, the stage headers, the
 * lane bands, every card and the emotion curves go, in map units (pixels
 * at 100 % zoom). The canvas and the exporters both draw from it, so an
 * export looks like the screen. Text is measured with Pango through a
 * private context with fixed resolution and unhinted metrics, so the
 * geometry does not depend on the screen and scales linearly with zoom.
 *
 * GTK-free: it needs only the model, Pango and PangoCairo. */
#pragma once

#include <pango/pango.h>

#include "waymark-document.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} WaymarkRect;

gboolean waymark_rect_contains   (const WaymarkRect *rect,
                                  double             x,
                                  double             y);
gboolean waymark_rect_intersects (const WaymarkRect *a,
                                  const WaymarkRect *b);

/* The fonts of the map, one per role. */
typedef enum
{
  WAYMARK_FONT_MAP_TITLE,
  WAYMARK_FONT_MAP_DESCRIPTION,
  WAYMARK_FONT_LEGEND,
  WAYMARK_FONT_STAGE_NAME,
  WAYMARK_FONT_KPI,
  WAYMARK_FONT_LANE_NAME,
  WAYMARK_FONT_LANE_KIND,
  WAYMARK_FONT_CARD_TITLE,
  WAYMARK_FONT_CARD_META,
  WAYMARK_FONT_EMOTION_LABEL,
  WAYMARK_N_FONTS
} WaymarkFont;

/* A block of text: painters make it with waymark_layout_create_text()
 * and draw it at (rect.x, rect.y). */
typedef struct
{
  WaymarkRect  rect;
  WaymarkFont  font;
  /* NULL when there is nothing to show. */
  char        *text;
  /* 0 for no limit; longer text ends in an ellipsis. */
  int          max_lines;
  /* The text stands in for something empty ("Untitled"). */
  gboolean     placeholder;
} WaymarkText;

/* Geometry constants shared with painters. */
#define WAYMARK_LAYOUT_MARGIN           32.0
#define WAYMARK_LAYOUT_GAP              10.0
#define WAYMARK_LAYOUT_COLUMN_WIDTH    252.0
#define WAYMARK_LAYOUT_LANE_HEADER     190.0
#define WAYMARK_LAYOUT_CARD_RADIUS       8.0
#define WAYMARK_LAYOUT_HEADER_RADIUS    10.0
#define WAYMARK_LAYOUT_BAND_RADIUS       8.0
#define WAYMARK_LAYOUT_EMOTION_RADIUS   14.0
#define WAYMARK_LAYOUT_ADD_SIZE         36.0
/* Cards in a cell: inset from the column's sides, first card below the
 * top of the lane, space between stacked cards. */
#define WAYMARK_LAYOUT_CARD_INSET        6.0
#define WAYMARK_LAYOUT_CELL_PAD_TOP     10.0
#define WAYMARK_LAYOUT_CARD_SPACING      8.0

/* A KPI chip on a stage header: its text takes up to this many lines. */
#define WAYMARK_LAYOUT_KPI_LINES 2

typedef struct
{
  char        *text;
  WaymarkRect  rect;
  WaymarkRect  text_rect;
} WaymarkLayoutChip;

typedef struct
{
  WaymarkStage      *stage;
  /* The header card; all headers share one height. */
  WaymarkRect        header;
  /* The column under the header, down to the last lane. */
  WaymarkRect        column;
  WaymarkText        name;
  guint              n_chips;
  WaymarkLayoutChip *chips;
} WaymarkLayoutStage;

typedef struct
{
  WaymarkLane    *lane;
  WaymarkLaneKind kind;
  /* The tinted band across the whole map. */
  WaymarkRect     band;
  /* The part of the band left of the first column. */
  WaymarkRect     header;
  WaymarkText     name;
  /* The kind's icon (waymark_lane_kind_get_icon_name()) and name. */
  WaymarkRect     icon;
  WaymarkText     kind_label;
  /* Emotion lanes: the vertical range of the -2 … +2 scale. */
  double          scale_top;
  double          scale_bottom;
} WaymarkLayoutLane;

typedef struct
{
  WaymarkCard *card;
  guint        stage;
  guint        lane;
  /* Index within its cell's stack. */
  guint        position;
  /* The card's box; for an emotion point, the marker and its label. */
  WaymarkRect  rect;
  WaymarkText  title;
  /* Channel, priority, status, owner; text NULL when none. */
  WaymarkText  meta;
  /* Touchpoints with a channel: where its icon goes; width 0 if none. */
  WaymarkRect  icon;
  /* Where persona dots and the moment-of-truth star start (top right,
   * growing to the left). */
  double       marks_x;
  double       marks_y;
  /* Emotion lanes: the card is drawn as a point at (point_x, point_y). */
  gboolean     is_point;
  double       point_x;
  double       point_y;
  /* The title is shown with an ellipsis: the tooltip shows it whole. */
  gboolean     truncated;
} WaymarkLayoutCard;

typedef struct
{
  /* NULL: the curve of all cards of the lane. */
  WaymarkPersona *persona;
  guint           lane;
  /* Another persona has the focus: draw this one faintly. */
  gboolean        dimmed;
  guint           n_points;
  /* x0, y0, x1, y1, …; consecutive points are joined by a cubic whose
   * control points sit half-way across with the points' own y. */
  double         *points;
} WaymarkLayoutCurve;

typedef struct
{
  WaymarkPersona *persona;
  WaymarkRect     rect;
  WaymarkRect     dot;
  WaymarkText     name;
} WaymarkLayoutLegendItem;

typedef enum
{
  WAYMARK_HIT_NONE,
  WAYMARK_HIT_TITLE,
  WAYMARK_HIT_STAGE_HEADER,
  WAYMARK_HIT_LANE_HEADER,
  WAYMARK_HIT_CELL,
  WAYMARK_HIT_CARD,
  WAYMARK_HIT_ADD_STAGE,
  WAYMARK_HIT_ADD_LANE,
} WaymarkHitKind;

typedef struct
{
  WaymarkHitKind     kind;
  /* Indices, -1 when not part of the hit. */
  int                stage;
  int                lane;
  /* For WAYMARK_HIT_CARD. */
  WaymarkLayoutCard *card;
} WaymarkHit;

#define WAYMARK_TYPE_LAYOUT (waymark_layout_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkLayout, waymark_layout, WAYMARK, LAYOUT, GObject)

/* Follows the document: any change marks the layout out of date, and the
 * next waymark_layout_update() recomputes it. Text is measured again only
 * for cards whose text changed. Signal "invalidated" when it goes out of
 * date. Property "persona-focus": a persona id or NULL. */
WaymarkLayout     *waymark_layout_new              (WaymarkDocument *document);
WaymarkDocument   *waymark_layout_get_document     (WaymarkLayout   *self);
/* Brings the geometry up to date; TRUE if it was out of date. */
gboolean           waymark_layout_update           (WaymarkLayout   *self);
gboolean           waymark_layout_is_valid         (WaymarkLayout   *self);
/* Counts recomputations, for tests and benchmarks. */
guint              waymark_layout_get_generation   (WaymarkLayout   *self);

const char        *waymark_layout_get_persona_focus (WaymarkLayout  *self);
void               waymark_layout_set_persona_focus (WaymarkLayout  *self,
                                                     const char     *persona_id);

double             waymark_layout_get_width        (WaymarkLayout   *self);
double             waymark_layout_get_height       (WaymarkLayout   *self);

const WaymarkText *waymark_layout_get_title        (WaymarkLayout   *self);
const WaymarkText *waymark_layout_get_description  (WaymarkLayout   *self);
/* A line under the title (the date on an export); none by default. */
const char        *waymark_layout_get_subtitle_text (WaymarkLayout  *self);
void               waymark_layout_set_subtitle_text (WaymarkLayout  *self,
                                                     const char     *text);
const WaymarkText *waymark_layout_get_subtitle     (WaymarkLayout   *self);
guint              waymark_layout_get_n_legend_items (WaymarkLayout *self);
const WaymarkLayoutLegendItem *waymark_layout_get_legend_item (WaymarkLayout *self,
                                                               guint          i);

guint              waymark_layout_get_n_stages     (WaymarkLayout   *self);
const WaymarkLayoutStage *waymark_layout_get_stage (WaymarkLayout   *self,
                                                    guint            i);
guint              waymark_layout_get_n_lanes      (WaymarkLayout   *self);
const WaymarkLayoutLane *waymark_layout_get_lane   (WaymarkLayout   *self,
                                                    guint            i);
/* The "+" buttons after the last stage and below the last lane. */
const WaymarkRect *waymark_layout_get_add_stage    (WaymarkLayout   *self);
const WaymarkRect *waymark_layout_get_add_lane     (WaymarkLayout   *self);
/* The cell's rectangle: its column across its lane band. */
void               waymark_layout_get_cell_rect    (WaymarkLayout   *self,
                                                    guint            stage,
                                                    guint            lane,
                                                    WaymarkRect     *rect);

guint              waymark_layout_get_n_cards      (WaymarkLayout   *self);
/* In document order. */
WaymarkLayoutCard *waymark_layout_get_card_at      (WaymarkLayout   *self,
                                                    guint            i);
WaymarkLayoutCard *waymark_layout_get_card         (WaymarkLayout   *self,
                                                    WaymarkCard     *card);
/* The cards of one cell, in stacking order (may be 0). */
guint              waymark_layout_get_cell_cards   (WaymarkLayout   *self,
                                                    guint            stage,
                                                    guint            lane,
                                                    WaymarkLayoutCard ***cards);

/* Cells whose rectangle meets rect, as index ranges (end exclusive);
 * FALSE if none. */
gboolean           waymark_layout_get_cell_range   (WaymarkLayout     *self,
                                                    const WaymarkRect *rect,
                                                    guint             *stage_begin,
                                                    guint             *stage_end,
                                                    guint             *lane_begin,
                                                    guint             *lane_end);

guint              waymark_layout_get_n_curves     (WaymarkLayout   *self);
const WaymarkLayoutCurve *waymark_layout_get_curve (WaymarkLayout   *self,
                                                    guint            i);

/* What is at (x, y). */
void               waymark_layout_pick             (WaymarkLayout   *self,
                                                    double           x,
                                                    double           y,
                                                    WaymarkHit      *hit);
/* Where cards dropped at (x, y) land: the nearest cell, and the index in
 * its stack before which they go (ignoring the cards in skip, which are
 * the ones being moved). For an emotion lane, *emotion is the value the
 * height stands for; otherwise it is left alone. */
gboolean           waymark_layout_drop_target      (WaymarkLayout   *self,
                                                    double           x,
                                                    double           y,
                                                    GHashTable      *skip,
                                                    guint           *stage,
                                                    guint           *lane,
                                                    guint           *position,
                                                    int             *emotion);
/* The emotion value nearest to y in an emotion lane. */
int                waymark_layout_emotion_at       (WaymarkLayout   *self,
                                                    guint            lane,
                                                    double           y);
double             waymark_layout_emotion_y        (WaymarkLayout   *self,
                                                    guint            lane,
                                                    int              emotion);

/* Where the badges behind a card's priority and status go on its meta
 * line; width 0 for none (not set, or cut off by the ellipsis). */
void               waymark_layout_get_card_badges  (WaymarkLayout           *self,
                                                    const WaymarkLayoutCard *card,
                                                    WaymarkRect             *priority,
                                                    WaymarkRect             *status);

const PangoFontDescription *waymark_layout_get_font (WaymarkLayout  *self,
                                                     WaymarkFont     font);
/* A PangoLayout for the text, with its font, width, wrapping and
 * ellipsis, in the layout's own Pango context (transfer full). */
PangoLayout       *waymark_layout_create_text      (WaymarkLayout     *self,
                                                    const WaymarkText *text);
PangoContext      *waymark_layout_get_pango_context (WaymarkLayout  *self);

/* For people: "mobile app" for "mobile-app", free text as it is
 * (transfer none for known values; NULL for NULL). */
const char        *waymark_channel_get_label       (const char      *channel);
/* The format's known channel values ("website", …, "other"), in the
 * spec's order; anything else is free text. */
guint              waymark_channel_get_n_known     (void);
const char        *waymark_channel_get_known       (guint            i);
/* A symbolic icon name from the Adwaita icon theme. */
const char        *waymark_channel_get_icon_name   (const char      *channel);
const char        *waymark_priority_get_label      (const char      *priority);
const char        *waymark_status_get_label        (const char      *status);

G_END_DECLS
