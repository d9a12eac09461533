/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The persona panel. The list is a GtkListBox bound to the document's
 * persona model, so rows come and go with it; each row follows its
 * persona's notify signals, and the card counts are recomputed in one
 * pass over the cards after every document change. The profile binds
 * its text fields with waymark-field-binding and rebuilds the bullet
 * lists from the persona's lists. Nothing keeps a persona that left the
 * document: the profile goes back to the list when its persona does. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "waymark-field-binding.h"
#include "waymark-palette.h"
#include "waymark-persona-avatar.h"
#include "waymark-persona-panel.h"
#include "waymark-resources.h"
#include "waymark-window.h"

/* Choose Photo refuses files larger than this before reading them. */
#define PHOTO_MAX_FILE_SIZE (64 * 1024 * 1024)
#define ROW_AVATAR_SIZE     40
#define SWATCH_SIZE         24

/* The bullet lists of a profile, in the order of the page. */
enum
{
  BULLETS_GOALS,
  BULLETS_PAIN_POINTS,
  BULLETS_BEHAVIORS,
  BULLETS_PREFERENCES,
  N_BULLET_LISTS
};

static const char * const bullet_list_names[N_BULLET_LISTS] = {
  "goals", "pain-points", "behaviors", "preferences",
};

typedef struct
{
  guint        kind;
  GtkListBox  *box;
  AdwEntryRow *add_row;
  /* An AdwEntryRow per entry, in the list's order, before add_row. */
  GPtrArray   *rows;
} BulletList;

/* ---- A row of the list ---- */

#define WAYMARK_TYPE_PERSONA_ROW (waymark_persona_row_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersonaRow, waymark_persona_row, WAYMARK, PERSONA_ROW, GtkListBoxRow)

struct _WaymarkPersonaRow
{
  GtkListBoxRow        parent_instance;

  /* A weak pointer: a drag may keep a row alive past its panel. */
  WaymarkPersonaPanel *panel;
  WaymarkPersona      *persona;
  gulong               notify_id;

  GtkWidget           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *role_label;
  GtkLabel            *count_label;
  GtkWidget           *focus_icon;
  GtkWidget           *menu_button;
  char                *accessible_label;
};

G_DEFINE_FINAL_TYPE (WaymarkPersonaRow, waymark_persona_row, GTK_TYPE_LIST_BOX_ROW)

/* ---- A text view that keeps its height ---- */

/* GTK 4.8's GtkTextView lays out wrapped text in an idle after it was
 * allocated, but does not ask for a new size when that changes its
 * height: outside a scrolled window the text stays clipped (or, for a
 * view created hidden, invisible). This one checks after layout. */

#define WAYMARK_TYPE_PERSONA_TEXT_VIEW (waymark_persona_text_view_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkPersonaTextView, waymark_persona_text_view, WAYMARK, PERSONA_TEXT_VIEW, GtkTextView)

struct _WaymarkPersonaTextView
{
  GtkTextView parent_instance;

  guint       check_id;
  int         last_height;
};

G_DEFINE_FINAL_TYPE (WaymarkPersonaTextView, waymark_persona_text_view, GTK_TYPE_TEXT_VIEW)

static gboolean
text_view_check_height (gpointer data)
{
  WaymarkPersonaTextView *self = data;
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int minimum, natural;

  self->check_id = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;

  /* The class's measure, not gtk_widget_measure(): that one answers from
   * the cache this works around. */
  GTK_WIDGET_CLASS (waymark_persona_text_view_parent_class)->measure (widget, GTK_ORIENTATION_VERTICAL,
                                                                       width, &minimum, &natural,
                                                                       NULL, NULL);
  /* Once per height, so that a parent that cannot give it never loops. */
  if (minimum != gtk_widget_get_height (widget) && minimum != self->last_height)
    {
      self->last_height = minimum;
      gtk_widget_queue_resize (widget);
    }
  return G_SOURCE_REMOVE;
}

static void
text_view_queue_check (WaymarkPersonaTextView *self)
{
  /* After the view's own layout idle (GDK_PRIORITY_REDRAW + 5). */
  if (self->check_id == 0)
    self->check_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, text_view_check_height, self, NULL);
}

static void
text_view_buffer_changed_cb (WaymarkPersonaTextView *self)
{
  self->last_height = -1;
  text_view_queue_check (self);
}

static void
text_view_notify_buffer_cb (WaymarkPersonaTextView *self)
{
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), "changed",
                           G_CALLBACK (text_view_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
waymark_persona_text_view_size_allocate (GtkWidget *widget,
                                         int        width,
                                         int        height,
                                         int        baseline)
{
  GTK_WIDGET_CLASS (waymark_persona_text_view_parent_class)->size_allocate (widget, width, height, baseline);
  text_view_queue_check (WAYMARK_PERSONA_TEXT_VIEW (widget));
}

static void
waymark_persona_text_view_dispose (GObject *object)
{
  WaymarkPersonaTextView *self = WAYMARK_PERSONA_TEXT_VIEW (object);

  g_clear_handle_id (&self->check_id, g_source_remove);

  G_OBJECT_CLASS (waymark_persona_text_view_parent_class)->dispose (object);
}

static void
waymark_persona_text_view_class_init (WaymarkPersonaTextViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = waymark_persona_text_view_dispose;
  GTK_WIDGET_CLASS (klass)->size_allocate = waymark_persona_text_view_size_allocate;
}

static void
waymark_persona_text_view_init (WaymarkPersonaTextView *self)
{
  self->last_height = -1;
  g_signal_connect (self, "notify::buffer", G_CALLBACK (text_view_notify_buffer_cb), NULL);
  text_view_notify_buffer_cb (self);
}

/* ---- The panel ---- */

struct _WaymarkPersonaPanel
{
  GtkWidget             parent_instance;

  /* Template children. */
  GtkStack             *stack;
  GtkStack             *list_stack;
  GtkListBox           *list_box;
  GtkWidget            *drag_hint;
  GtkWidget            *add_button;
  GtkWidget            *profile_page;
  GtkWidget            *back_button;
  GtkLabel             *profile_title;
  GtkMenuButton        *profile_menu_button;
  GtkScrolledWindow    *profile_scroller;
  WaymarkPersonaAvatar *profile_avatar;
  GtkWidget            *choose_photo_button;
  GtkWidget            *remove_photo_button;
  GtkLabel             *photo_error_label;
  GtkSwitch            *focus_switch;
  AdwActionRow         *focus_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *role_row;
  AdwEntryRow          *demographics_row;
  GtkTextView          *quote_view;
  GtkTextView          *evidence_view;
  GtkBox               *color_box;
  GtkListBox           *goals_list;
  GtkListBox           *pain_points_list;
  GtkListBox           *behaviors_list;
  GtkListBox           *preferences_list;

  WaymarkDocument      *document;
  gulong                document_changed_id;
  gulong                personas_changed_id;
  WaymarkCanvas        *canvas;
  gulong                canvas_focus_id;

  /* The persona of the profile page, or NULL. */
  WaymarkPersona       *persona;
  gulong                persona_notify_id;

  /* Cards naming each persona (id → count), and cards naming nobody,
   * which apply to everyone. */
  GHashTable           *counts;
  guint                 n_cards_for_all;

  GSimpleActionGroup   *actions;
  /* The Automatic swatch, then one per card colour. */
  GPtrArray            *swatches;
  BulletList            bullets[N_BULLET_LISTS];

  guint                 updating : 1;

  GCancellable         *cancellable;
  GtkNativeDialog      *photo_chooser;
  WaymarkPersona       *chooser_persona;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_CANVAS,
  PROP_PERSONA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkPersonaPanel, waymark_persona_panel, GTK_TYPE_WIDGET)

static void update_rows           (WaymarkPersonaPanel *self);
static void update_actions        (WaymarkPersonaPanel *self);
static void update_focus          (WaymarkPersonaPanel *self);
static void bullets_refresh       (WaymarkPersonaPanel *self,
                                   BulletList          *list);
static GMenuModel *persona_menu_new (WaymarkPersonaPanel *self,
                                     WaymarkPersona      *persona,
                                     gboolean             in_list);

/* ---- Helpers ---- */

/* The name on one line, or a stand-in for a persona without one. */
static char *
dup_display_name (WaymarkPersona *persona)
{
  const char *name = waymark_persona_get_name (persona);
  char *line;

  if (name[0] == '\0')
    return g_strdup (_("Unnamed Persona"));
  line = g_strdup (name);
  g_strdelimit (line, "\n\r\t", ' ');
  return line;
}

static const char *
focused_persona_id (WaymarkPersonaPanel *self)
{
  return self->canvas != NULL ? waymark_canvas_get_persona_focus (self->canvas) : NULL;
}

static gboolean
in_document (WaymarkPersonaPanel *self,
             WaymarkPersona      *persona)
{
  return self->document != NULL && persona != NULL &&
         waymark_document_index_of (self->document, persona) >= 0;
}

static guint
card_count (WaymarkPersonaPanel *self,
            const char          *persona_id)
{
  return self->n_cards_for_all +
         GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, persona_id));
}

/* One pass over the cards; a card's list names each persona once at
 * most (the reader and the document keep them unique). */
static void
recount (WaymarkPersonaPanel *self)
{
  GListModel *cards;
  guint n;

  g_hash_table_remove_all (self->counts);
  self->n_cards_for_all = 0;
  if (self->document == NULL)
    return;

  cards = waymark_document_get_cards (self->document);
  n = g_list_model_get_n_items (cards);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);
      const char * const *ids = waymark_card_get_personas (card);

      if (ids[0] == NULL)
        self->n_cards_for_all++;
      for (guint k = 0; ids[k] != NULL; k++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, ids[k]));

          /* Copies: rows look counts up during an undo, before the
           * "changed" that rebuilds the table, when cards may already
           * have new lists. */
          g_hash_table_insert (self->counts, g_strdup (ids[k]), GUINT_TO_POINTER (count + 1));
        }
    }
}

static void
show_toast (WaymarkPersonaPanel *self,
            const char          *title,
            gboolean             with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *markup = g_markup_escape_text (title, -1);
  AdwToast *toast;

  if (overlay == NULL && !WAYMARK_IS_WINDOW (root))
    return;

  toast = adw_toast_new (markup);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    waymark_window_add_toast (WAYMARK_WINDOW (root), toast);
}

static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* ---- List rows ---- */

static void
persona_row_update (WaymarkPersonaRow *row,
                    int                position)
{
  WaymarkPersonaPanel *panel = row->panel;
  g_autofree char *name = dup_display_name (row->persona);
  g_autofree char *cards = NULL;
  g_autofree char *label = NULL;
  const char *role = waymark_persona_get_role (row->persona);
  gboolean focused;
  guint count;

  if (panel == NULL)
    return;

  count = card_count (panel, waymark_persona_get_id (row->persona));
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", count), count);
  focused = g_strcmp0 (focused_persona_id (panel), waymark_persona_get_id (row->persona)) == 0;

  gtk_label_set_text (row->name_label, name);
  gtk_label_set_text (row->role_label, role);
  gtk_widget_set_visible (GTK_WIDGET (row->role_label), role[0] != '\0');
  gtk_label_set_text (row->count_label, cards);
  gtk_widget_set_visible (row->focus_icon, focused);
  if (position >= 0)
    waymark_persona_avatar_set_color_index (WAYMARK_PERSONA_AVATAR (row->avatar), position);

  /* Screen readers hear the whole row: who, what, how many cards. */
  if (role[0] != '\0')
    /* Translators: a persona in the list: name, role, "N cards". */
    label = g_strdup_printf (_("%s, %s, %s"), name, role, cards);
  else
    /* Translators: a persona in the list: name, "N cards". */
    label = g_strdup_printf (_("%s, %s"), name, cards);
  if (focused)
    {
      /* Translators: said after a persona the map focuses on. */
      char *with_focus = g_strdup_printf (_("%s, focused"), label);

      g_free (label);
      label = with_focus;
    }
  if (g_strcmp0 (label, row->accessible_label) != 0)
    {
      g_free (row->accessible_label);
      row->accessible_label = g_steal_pointer (&label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      row->accessible_label, -1);
    }
}

static void
row_persona_notify_cb (WaymarkPersona    *persona,
                       GParamSpec        *pspec,
                       WaymarkPersonaRow *row)
{
  if (g_strcmp0 (pspec->name, "name") == 0 || g_strcmp0 (pspec->name, "role") == 0)
    persona_row_update (row, -1);
}

static void
row_menu_popup_cb (GtkMenuButton *button,
                   gpointer       user_data)
{
  WaymarkPersonaRow *row = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (row->panel == NULL)
    return;
  /* Built when shown, so Move Up and Move Down fit the row's place now. */
  menu = persona_menu_new (row->panel, row->persona, TRUE);
  gtk_menu_button_set_menu_model (button, menu);
}

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource     *source,
                     double             x,
                     double             y,
                     WaymarkPersonaRow *row)
{
  return gdk_content_provider_new_typed (WAYMARK_TYPE_PERSONA, row->persona);
}

static void
row_drag_begin_cb (GtkDragSource     *source,
                   GdkDrag           *drag,
                   WaymarkPersonaRow *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row->avatar);

  gtk_drag_source_set_icon (source, icon, ROW_AVATAR_SIZE / 2, ROW_AVATAR_SIZE / 2);
}

static GdkDragAction
row_drop_enter_cb (GtkDropTarget     *target,
                   double             x,
                   double             y,
                   WaymarkPersonaRow *row)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (row));

  if (GTK_IS_LIST_BOX (box))
    gtk_list_box_drag_highlight_row (GTK_LIST_BOX (box), GTK_LIST_BOX_ROW (row));
  return GDK_ACTION_MOVE;
}

static void
row_drop_leave_cb (GtkDropTarget     *target,
                   WaymarkPersonaRow *row)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (row));

  if (GTK_IS_LIST_BOX (box))
    gtk_list_box_drag_unhighlight_row (GTK_LIST_BOX (box));
}

/* A persona dropped on a row takes that row's place. */
static gboolean
row_drop_cb (GtkDropTarget     *target,
             const GValue      *value,
             double             x,
             double             y,
             WaymarkPersonaRow *row)
{
  WaymarkPersonaPanel *panel = row->panel;
  WaymarkPersona *dragged = g_value_get_object (value);
  int from, to;

  row_drop_leave_cb (target, row);
  if (panel == NULL || panel->document == NULL || !WAYMARK_IS_PERSONA (dragged))
    return FALSE;
  from = waymark_document_index_of (panel->document, dragged);
  to = waymark_document_index_of (panel->document, row->persona);
  /* A persona of another map (another window) is not ours to move. */
  if (from < 0 || to < 0)
    return FALSE;
  if (from != to)
    waymark_document_move_persona (panel->document, dragged, to);
  return TRUE;
}

static void
waymark_persona_row_dispose (GObject *object)
{
  WaymarkPersonaRow *row = WAYMARK_PERSONA_ROW (object);

  if (row->persona != NULL)
    g_clear_signal_handler (&row->notify_id, row->persona);
  g_clear_object (&row->persona);
  if (row->panel != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (row->panel), (gpointer *) &row->panel);
      row->panel = NULL;
    }

  G_OBJECT_CLASS (waymark_persona_row_parent_class)->dispose (object);
}

static void
waymark_persona_row_finalize (GObject *object)
{
  WaymarkPersonaRow *row = WAYMARK_PERSONA_ROW (object);

  g_free (row->accessible_label);

  G_OBJECT_CLASS (waymark_persona_row_parent_class)->finalize (object);
}

static void
waymark_persona_row_class_init (WaymarkPersonaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = waymark_persona_row_dispose;
  object_class->finalize = waymark_persona_row_finalize;
}

static void
waymark_persona_row_init (WaymarkPersonaRow *row)
{
}

static GtkWidget *
persona_row_new (gpointer item,
                 gpointer user_data)
{
  WaymarkPersonaPanel *panel = user_data;
  WaymarkPersonaRow *row = g_object_new (WAYMARK_TYPE_PERSONA_ROW, NULL);
  GtkWidget *box, *labels, *label;
  GtkDragSource *source;
  GtkDropTarget *target;

  row->panel = panel;
  g_object_add_weak_pointer (G_OBJECT (panel), (gpointer *) &row->panel);
  row->persona = g_object_ref (item);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);

  row->avatar = waymark_persona_avatar_new (ROW_AVATAR_SIZE);
  waymark_persona_avatar_set_persona (WAYMARK_PERSONA_AVATAR (row->avatar), row->persona);
  gtk_box_append (GTK_BOX (box), row->avatar);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  /* Names like "Maria, the busy parent" are long for a sidebar: two
   * lines before they are cut. */
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  row->name_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (labels), label);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  row->role_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (labels), label);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  row->count_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (labels), label);
  gtk_box_append (GTK_BOX (box), labels);

  row->focus_icon = gtk_image_new_from_icon_name ("find-location-symbolic");
  gtk_widget_set_tooltip_text (row->focus_icon, _("The map focuses on this persona"));
  gtk_widget_add_css_class (row->focus_icon, "accent");
  gtk_box_append (GTK_BOX (box), row->focus_icon);

  row->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (row->menu_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (row->menu_button, _("Persona Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Persona Menu"), -1);
  gtk_widget_set_valign (row->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (row->menu_button, "flat");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (row->menu_button),
                                         row_menu_popup_cb, row, NULL);
  gtk_box_append (GTK_BOX (box), row->menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Dragging a row onto a card assigns the persona (the canvas's drop
   * target); onto another row, it reorders. */
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare_cb), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (row_drag_begin_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (WAYMARK_TYPE_PERSONA, GDK_ACTION_MOVE);
  g_signal_connect (target, "enter", G_CALLBACK (row_drop_enter_cb), row);
  g_signal_connect (target, "leave", G_CALLBACK (row_drop_leave_cb), row);
  g_signal_connect (target, "drop", G_CALLBACK (row_drop_cb), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (target));

  row->notify_id = g_signal_connect (row->persona, "notify", G_CALLBACK (row_persona_notify_cb), row);
  persona_row_update (row, waymark_document_index_of (panel->document, row->persona));
  return GTK_WIDGET (row);
}

static WaymarkPersonaRow *
find_row (WaymarkPersonaPanel *self,
          WaymarkPersona      *persona)
{
  int position = self->document != NULL ? waymark_document_index_of (self->document, persona) : -1;
  GtkListBoxRow *row = position >= 0 ? gtk_list_box_get_row_at_index (self->list_box, position) : NULL;

  return row != NULL && WAYMARK_IS_PERSONA_ROW (row) ? WAYMARK_PERSONA_ROW (row) : NULL;
}

static void
focus_row (WaymarkPersonaPanel *self,
           WaymarkPersona      *persona)
{
  WaymarkPersonaRow *row = find_row (self, persona);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
update_rows (WaymarkPersonaPanel *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (WAYMARK_IS_PERSONA_ROW (row))
      persona_row_update (WAYMARK_PERSONA_ROW (row), i);
}

static void
update_empty_state (WaymarkPersonaPanel *self)
{
  gboolean empty = self->document == NULL ||
                   g_list_model_get_n_items (waymark_document_get_personas (self->document)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "personas");
}

/* ---- Operations ---- */

static WaymarkPersona *
add_persona (WaymarkPersonaPanel *self)
{
  WaymarkPersona *persona;

  persona = waymark_document_add_persona (self->document, _("New Persona"), -1);
  waymark_persona_panel_show_persona (self, persona);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
  return persona;
}

/* A copy with a fresh id after the original. It applies to the cards
 * that name the original, so both start out on the same cards (cards
 * naming nobody apply to every persona anyway). */
static WaymarkPersona *
duplicate_persona (WaymarkPersonaPanel *self,
                   WaymarkPersona      *persona)
{
  WaymarkHistory *history = waymark_document_get_history (self->document);
  GListModel *cards = waymark_document_get_cards (self->document);
  g_autofree char *id = waymark_document_make_id (self->document, "persona");
  /* Translators: the name of a duplicated persona; %s is the original's. */
  g_autofree char *name = g_strdup_printf (_("%s (copy)"), waymark_persona_get_name (persona));
  g_autoptr(WaymarkPersona) copy = waymark_persona_new (id, name);
  const char *original = waymark_persona_get_id (persona);
  g_autoptr(GPtrArray) naming = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (cards);

  waymark_persona_set_role (copy, waymark_persona_get_role (persona));
  waymark_persona_set_quote (copy, waymark_persona_get_quote (persona));
  waymark_persona_set_color (copy, waymark_persona_get_color (persona));
  waymark_persona_set_demographics (copy, waymark_persona_get_demographics (persona));
  for (guint i = 0; i < N_BULLET_LISTS; i++)
    waymark_persona_set_list (copy, bullet_list_names[i],
                              waymark_persona_get_list (persona, bullet_list_names[i]));
  waymark_persona_set_evidence (copy, waymark_persona_get_evidence (persona));
  waymark_persona_set_photo (copy, waymark_persona_get_photo (persona));
  waymark_persona_set_extras (copy, waymark_persona_get_extras (persona));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);

      if (g_strv_contains (waymark_card_get_personas (card), original))
        g_ptr_array_add (naming, g_steal_pointer (&card));
    }

  waymark_history_begin_group (history, _("Duplicate Persona"));
  waymark_document_insert_persona (self->document, copy,
                                   waymark_document_index_of (self->document, persona) + 1);
  for (guint i = 0; i < naming->len; i++)
    waymark_document_set_card_persona (self->document, naming->pdata[i], id, TRUE);
  waymark_history_end_group (history);

  return copy;
}

static void
delete_persona (WaymarkPersonaPanel *self,
                WaymarkPersona      *persona)
{
  g_autofree char *name = dup_display_name (persona);
  g_autofree char *title = NULL;
  int position = waymark_document_index_of (self->document, persona);
  guint n;

  waymark_document_remove_persona (self->document, persona);

  /* Translators: a toast after deleting a persona; %s is its name. */
  title = g_strdup_printf (_("“%s” deleted"), name);
  show_toast (self, title, TRUE);

  /* Keyboard users stay in the list, on the next row. */
  n = g_list_model_get_n_items (waymark_document_get_personas (self->document));
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_box)) && n > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, MIN ((guint) position, n - 1));

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
move_persona (WaymarkPersonaPanel *self,
              WaymarkPersona      *persona,
              int                  delta)
{
  int position = waymark_document_index_of (self->document, persona);
  guint n = g_list_model_get_n_items (waymark_document_get_personas (self->document));
  gboolean had_focus;
  WaymarkPersonaRow *row;

  if (position < 0 || position + delta < 0 || (guint) (position + delta) >= n)
    return;

  row = find_row (self, persona);
  had_focus = row != NULL && gtk_widget_has_focus (GTK_WIDGET (row));
  waymark_document_move_persona (self->document, persona, position + delta);
  /* The list box replaced the rows that moved: keep the focus on the
   * persona, so Alt+Down can be pressed again. */
  if (had_focus)
    focus_row (self, persona);
}

/* ---- Persona focus ---- */

static void
set_focus (WaymarkPersonaPanel *self,
           const char          *persona_id)
{
  if (self->canvas != NULL)
    waymark_canvas_set_persona_focus (self->canvas, persona_id);
}

static void
update_focus (WaymarkPersonaPanel *self)
{
  const char *focus = focused_persona_id (self);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "focus");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (focus != NULL ? focus : ""));

  self->updating = TRUE;
  gtk_switch_set_active (self->focus_switch,
                         self->persona != NULL &&
                         g_strcmp0 (focus, waymark_persona_get_id (self->persona)) == 0);
  self->updating = FALSE;
  update_rows (self);
}

static void
canvas_focus_cb (WaymarkCanvas       *canvas,
                 GParamSpec          *pspec,
                 WaymarkPersonaPanel *self)
{
  update_focus (self);
}

static void
focus_switch_cb (GtkSwitch           *sw,
                 GParamSpec          *pspec,
                 WaymarkPersonaPanel *self)
{
  const char *id;

  if (self->updating || self->persona == NULL)
    return;
  id = waymark_persona_get_id (self->persona);
  if (gtk_switch_get_active (sw))
    set_focus (self, id);
  else if (g_strcmp0 (focused_persona_id (self), id) == 0)
    set_focus (self, NULL);
}

/* ---- Menus ---- */

static void
menu_append (GMenu      *menu,
             const char *label,
             const char *action,
             const char *persona_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action,
                                           persona_id != NULL ? g_variant_new_string (persona_id) : NULL);
  g_menu_append_item (menu, item);
}

static GMenuModel *
persona_menu_new (WaymarkPersonaPanel *self,
                  WaymarkPersona      *persona,
                  gboolean             in_list)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) order = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  const char *id = waymark_persona_get_id (persona);
  int position = self->document != NULL ? waymark_document_index_of (self->document, persona) : -1;
  guint n = self->document != NULL
            ? g_list_model_get_n_items (waymark_document_get_personas (self->document)) : 0;

  if (in_list)
    menu_append (first, _("_Edit Profile"), "persona.open", id);
  menu_append (first, _("_Focus on This Persona"), "persona.focus", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));

  if (position > 0)
    menu_append (order, _("Move _Up"), "persona.move-up", id);
  if (position >= 0 && (guint) position + 1 < n)
    menu_append (order, _("Move _Down"), "persona.move-down", id);
  if (g_menu_model_get_n_items (G_MENU_MODEL (order)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (order));

  menu_append (edit, _("D_uplicate"), "persona.duplicate", id);
  menu_append (edit, _("_Delete"), "persona.delete", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  return G_MENU_MODEL (menu);
}

static void
profile_menu_popup_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (self->persona == NULL)
    return;
  menu = persona_menu_new (self, self->persona, FALSE);
  gtk_menu_button_set_menu_model (button, menu);
}

/* ---- Colour swatches ---- */

static const char *
swatch_hex (guint i)
{
  return i == 0 ? "" : waymark_card_colors_get_hex (i - 1);
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  WaymarkPersonaPanel *self = user_data;
  GtkWidget *button = gtk_widget_get_parent (GTK_WIDGET (area));
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "swatch-index"));
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
  double r = MIN (width, height) / 2.0;
  int position = self->persona != NULL && self->document != NULL
                 ? waymark_document_index_of (self->document, self->persona) : 0;
  WaymarkColor color;

  waymark_persona_color (swatch_hex (i), MAX (position, 0), &color);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  if (i == 0)
    {
      /* Automatic: a ring in the colour the palette gives by position. */
      cairo_arc (cr, width / 2.0, height / 2.0, r - 2.5, 0, 2 * G_PI);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  if (active)
    {
      /* A check mark, dark on light colours and on the ring. */
      double luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;

      if (i == 0)
        cairo_set_source_rgb (cr, color.red, color.green, color.blue);
      else if (luminance > 0.6)
        cairo_set_source_rgba (cr, 0, 0, 0, 0.8);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_move_to (cr, width * 0.30, height * 0.52);
      cairo_line_to (cr, width * 0.44, height * 0.66);
      cairo_line_to (cr, width * 0.70, height * 0.36);
      cairo_stroke (cr);
    }
}

static void
update_swatches (WaymarkPersonaPanel *self)
{
  const char *color = self->persona != NULL ? waymark_persona_get_color (self->persona) : "";

  self->updating = TRUE;
  for (guint i = 0; i < self->swatches->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->swatches, i);

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    g_ascii_strcasecmp (color, swatch_hex (i)) == 0);
      gtk_widget_queue_draw (gtk_button_get_child (GTK_BUTTON (button)));
    }
  self->updating = FALSE;
}

static void
swatch_toggled_cb (GtkToggleButton     *button,
                   WaymarkPersonaPanel *self)
{
  guint i;

  if (self->updating)
    return;
  if (self->persona != NULL && gtk_toggle_button_get_active (button) &&
      g_ptr_array_find (self->swatches, button, &i))
    waymark_document_set_string (self->document, self->persona, "color", swatch_hex (i));
  /* Clicking the chosen colour again keeps it: show the persona's. */
  update_swatches (self);
}

static void
build_swatches (WaymarkPersonaPanel *self)
{
  guint n = waymark_card_colors_get_n () + 1;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *area = gtk_drawing_area_new ();
      const char *name = i == 0 ? _("Automatic Color") : waymark_card_colors_get_name (i - 1);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_SIZE);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_SIZE);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw, self, NULL);
      g_object_set_data (G_OBJECT (area), "swatch-index", GUINT_TO_POINTER (i));
      gtk_button_set_child (GTK_BUTTON (button), area);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "persona-swatch");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (button, "toggled", G_CALLBACK (swatch_toggled_cb), self);
      gtk_box_append (self->color_box, button);
      g_ptr_array_add (self->swatches, button);
    }
}

/* ---- Bullet lists ---- */

/* Each entry is a row holding a wrapping GtkTextView (the sidebar is
 * narrow, and an entry is often a sentence), a pair of reorder buttons
 * and a delete button. Enter moves on to the next entry. */

static BulletList *
bullet_list_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "waymark-bullet-list");
}

static GtkTextView *
bullet_view (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "waymark-bullet-view");
}

static char *
bullet_dup_text (GtkWidget *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (bullet_view (row));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
bullet_entry_label (guint kind,
                    guint number)
{
  switch (kind)
    {
    case BULLETS_GOALS:
      return g_strdup_printf (_("Goal %u"), number);
    case BULLETS_PAIN_POINTS:
      return g_strdup_printf (_("Pain Point %u"), number);
    case BULLETS_BEHAVIORS:
      return g_strdup_printf (_("Behavior %u"), number);
    default:
      return g_strdup_printf (_("Preference %u"), number);
    }
}

static const char *
bullet_add_title (guint kind)
{
  switch (kind)
    {
    case BULLETS_GOALS:
      return _("Add Goal");
    case BULLETS_PAIN_POINTS:
      return _("Add Pain Point");
    case BULLETS_BEHAVIORS:
      return _("Add Behavior");
    default:
      return _("Add Preference");
    }
}

/* The entry row of widget (a row or something in it) and its place. */
static gboolean
bullet_position (BulletList *list,
                 GtkWidget  *widget,
                 guint      *position)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_ptr_array_find (list->rows, w, position))
      return TRUE;
  return FALSE;
}

/* Typing in one entry is one undo step (the history coalesces edits of
 * one entry); leaving it, or reordering, ends the burst. */
static void
bullet_end_burst (WaymarkPersonaPanel *self)
{
  if (self->document != NULL)
    waymark_history_break_coalescing (waymark_document_get_history (self->document));
}

static void
bullet_changed_cb (GtkTextBuffer       *buffer,
                   WaymarkPersonaPanel *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (buffer), "waymark-bullet-row");
  BulletList *list = bullet_list_of (row);
  g_autofree char *text = NULL;
  const char * const *entries;
  guint position;

  if (self->updating || self->persona == NULL || !bullet_position (list, row, &position))
    return;
  entries = waymark_persona_get_list (self->persona, bullet_list_names[list->kind]);
  text = bullet_dup_text (row);
  if (position >= g_strv_length ((char **) entries) || g_strcmp0 (entries[position], text) == 0)
    return;

  waymark_document_set_persona_entry (self->document, self->persona,
                                      bullet_list_names[list->kind], position, text);
}

static void
bullet_focus_leave_cb (GtkEventControllerFocus *controller,
                       WaymarkPersonaPanel     *self)
{
  bullet_end_burst (self);
}

static void
bullet_focus_entry (BulletList *list,
                    guint       position)
{
  if (position < list->rows->len)
    gtk_widget_grab_focus (GTK_WIDGET (bullet_view (g_ptr_array_index (list->rows, position))));
  else
    gtk_widget_grab_focus (GTK_WIDGET (list->add_row));
}

static void
bullet_move (WaymarkPersonaPanel *self,
             BulletList          *list,
             guint                position,
             int                  delta,
             GtkWidget           *button)
{
  guint to;

  if (self->persona == NULL || (delta < 0 && position == 0) ||
      (delta > 0 && position + 1 >= list->rows->len))
    return;
  to = position + delta;
  bullet_end_burst (self);
  waymark_document_move_persona_entry (self->document, self->persona,
                                       bullet_list_names[list->kind], position, to);
  /* The rows stay and their texts move: the focus follows the entry,
   * onto the same button when a button moved it. */
  if (button != NULL)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, to);
      GtkWidget *same = g_object_get_data (G_OBJECT (row), gtk_widget_get_name (button));

      if (same != NULL && gtk_widget_get_sensitive (same))
        {
          gtk_widget_grab_focus (same);
          return;
        }
    }
  bullet_focus_entry (list, to);
}

static void
bullet_up_clicked_cb (GtkButton           *button,
                      WaymarkPersonaPanel *self)
{
  BulletList *list = bullet_list_of (GTK_WIDGET (button));
  guint position;

  if (bullet_position (list, GTK_WIDGET (button), &position))
    bullet_move (self, list, position, -1, GTK_WIDGET (button));
}

static void
bullet_down_clicked_cb (GtkButton           *button,
                        WaymarkPersonaPanel *self)
{
  BulletList *list = bullet_list_of (GTK_WIDGET (button));
  guint position;

  if (bullet_position (list, GTK_WIDGET (button), &position))
    bullet_move (self, list, position, 1, GTK_WIDGET (button));
}

static void
bullet_delete_clicked_cb (GtkButton           *button,
                          WaymarkPersonaPanel *self)
{
  BulletList *list = bullet_list_of (GTK_WIDGET (button));
  guint position;

  if (self->persona == NULL || !bullet_position (list, GTK_WIDGET (button), &position))
    return;
  bullet_end_burst (self);
  waymark_document_remove_persona_entry (self->document, self->persona,
                                         bullet_list_names[list->kind], position);
  bullet_focus_entry (list, position);
}

static gboolean
bullet_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       WaymarkPersonaPanel   *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  BulletList *list = bullet_list_of (view);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  guint position;

  if (!bullet_position (list, view, &position))
    return FALSE;

  /* An entry is one line: Enter moves on, to the next entry or to the
   * Add row. */
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter))
    {
      bullet_end_burst (self);
      bullet_focus_entry (list, position + 1);
      return TRUE;
    }
  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    {
      bullet_move (self, list, position, -1, NULL);
      return TRUE;
    }
  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    {
      bullet_move (self, list, position, 1, NULL);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
bullet_button_new (BulletList          *list,
                   const char          *icon_name,
                   const char          *label,
                   const char          *name,
                   GCallback            callback,
                   WaymarkPersonaPanel *self)
{
  GtkWidget *button = icon_button_new (icon_name, label);

  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "waymark-bullet-list", list);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
bullet_row_new (WaymarkPersonaPanel *self,
                BulletList          *list,
                const char          *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *arrows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = g_object_new (WAYMARK_TYPE_PERSONA_TEXT_VIEW, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkWidget *up, *down, *remove;
  GtkEventController *controller;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_object_set_data (G_OBJECT (row), "waymark-bullet-list", list);
  g_object_set_data (G_OBJECT (row), "waymark-bullet-view", view);

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 15);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 15);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_valign (view, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (view, "persona-bullet");
  g_object_set_data (G_OBJECT (view), "waymark-bullet-list", list);
  g_object_set_data (G_OBJECT (buffer), "waymark-bullet-row", row);
  gtk_box_append (GTK_BOX (box), view);

  up = bullet_button_new (list, "go-up-symbolic", _("Move Up"), "up",
                          G_CALLBACK (bullet_up_clicked_cb), self);
  down = bullet_button_new (list, "go-down-symbolic", _("Move Down"), "down",
                            G_CALLBACK (bullet_down_clicked_cb), self);
  remove = bullet_button_new (list, "user-trash-symbolic", _("Delete"), "delete",
                              G_CALLBACK (bullet_delete_clicked_cb), self);
  gtk_widget_set_valign (arrows, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (up, "persona-arrow");
  gtk_widget_add_css_class (down, "persona-arrow");
  gtk_box_append (GTK_BOX (arrows), up);
  gtk_box_append (GTK_BOX (arrows), down);
  gtk_box_append (GTK_BOX (box), arrows);
  gtk_widget_set_margin_end (remove, 6);
  gtk_box_append (GTK_BOX (box), remove);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (row), "down", down);
  g_object_set_data (G_OBJECT (row), "delete", remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_signal_connect (buffer, "changed", G_CALLBACK (bullet_changed_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (bullet_focus_leave_cb), self);
  gtk_widget_add_controller (view, controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (bullet_key_pressed_cb), self);
  gtk_widget_add_controller (view, controller);
  return row;
}

/* Labels and the ends of the list, after the rows changed. */
static void
bullet_update_rows (BulletList *list)
{
  for (guint i = 0; i < list->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (list->rows, i);
      g_autofree char *label = bullet_entry_label (list->kind, i + 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bullet_view (row)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "up"), i > 0);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "down"), i + 1 < list->rows->len);
    }
}

static void
bullets_refresh (WaymarkPersonaPanel *self,
                 BulletList          *list)
{
  const char * const *entries = self->persona != NULL
                                ? waymark_persona_get_list (self->persona, bullet_list_names[list->kind])
                                : NULL;
  guint n = entries != NULL ? g_strv_length ((char **) entries) : 0;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint focused = 0;
  gboolean had_focus = FALSE;

  self->updating = TRUE;
  if (n == list->rows->len)
    {
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *row = g_ptr_array_index (list->rows, i);
          g_autofree char *shown = bullet_dup_text (row);

          if (g_strcmp0 (shown, entries[i]) != 0)
            {
              GtkTextBuffer *buffer = gtk_text_view_get_buffer (bullet_view (row));
              GtkTextIter iter;
              int cursor;

              gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
              cursor = gtk_text_iter_get_offset (&iter);
              gtk_text_buffer_set_text (buffer, entries[i], -1);
              gtk_text_buffer_get_iter_at_offset (buffer, &iter,
                                                  MIN (cursor, (int) g_utf8_strlen (entries[i], -1)));
              gtk_text_buffer_place_cursor (buffer, &iter);
            }
        }
    }
  else
    {
      had_focus = focus != NULL && bullet_position (list, focus, &focused);
      for (guint i = 0; i < list->rows->len; i++)
        gtk_list_box_remove (list->box, g_ptr_array_index (list->rows, i));
      g_ptr_array_set_size (list->rows, 0);
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *row = bullet_row_new (self, list, entries[i]);

          gtk_list_box_insert (list->box, row, i);
          g_ptr_array_add (list->rows, row);
        }
      bullet_update_rows (list);
    }
  self->updating = FALSE;

  if (had_focus)
    bullet_focus_entry (list, MIN (focused, n));
}

static void
bullet_add_apply_cb (AdwEntryRow         *row,
                     WaymarkPersonaPanel *self)
{
  BulletList *list = bullet_list_of (GTK_WIDGET (row));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->persona == NULL || text[0] == '\0')
    return;
  bullet_end_burst (self);
  waymark_document_insert_persona_entry (self->document, self->persona,
                                         bullet_list_names[list->kind], -1, text);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
build_bullet_lists (WaymarkPersonaPanel *self)
{
  GtkListBox *boxes[N_BULLET_LISTS] = {
    self->goals_list, self->pain_points_list, self->behaviors_list, self->preferences_list,
  };

  for (guint i = 0; i < N_BULLET_LISTS; i++)
    {
      BulletList *list = &self->bullets[i];
      GtkWidget *add = adw_entry_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");

      list->kind = i;
      list->box = boxes[i];
      list->rows = g_ptr_array_new ();
      list->add_row = ADW_ENTRY_ROW (add);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), bullet_add_title (i));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
      gtk_widget_add_css_class (icon, "dim-label");
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (add), icon);
      g_object_set_data (G_OBJECT (add), "waymark-bullet-list", list);
      g_signal_connect (add, "apply", G_CALLBACK (bullet_add_apply_cb), self);
      gtk_list_box_append (list->box, add);
    }
}

/* ---- The profile page ---- */

static void
update_profile_title (WaymarkPersonaPanel *self)
{
  g_autofree char *name = self->persona != NULL ? dup_display_name (self->persona) : NULL;

  gtk_label_set_text (self->profile_title, name != NULL ? name : "");
}

static void
hide_photo_error (WaymarkPersonaPanel *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->photo_error_label), FALSE);
  gtk_label_set_text (self->photo_error_label, "");
}

static void
profile_persona_notify_cb (WaymarkPersona      *persona,
                           GParamSpec          *pspec,
                           WaymarkPersonaPanel *self)
{
  if (g_strcmp0 (pspec->name, "name") == 0)
    update_profile_title (self);
  else if (g_strcmp0 (pspec->name, "color") == 0)
    update_swatches (self);
  else if (g_strcmp0 (pspec->name, "photo") == 0)
    update_actions (self);
  else
    {
      for (guint i = 0; i < N_BULLET_LISTS; i++)
        if (g_strcmp0 (pspec->name, bullet_list_names[i]) == 0)
          bullets_refresh (self, &self->bullets[i]);
    }
}

static void
bind_profile (WaymarkPersonaPanel *self,
              WaymarkPersona      *persona)
{
  WaymarkDocument *document = persona != NULL ? self->document : NULL;
  gboolean changed = self->persona != persona;

  if (self->persona != NULL)
    g_clear_signal_handler (&self->persona_notify_id, self->persona);
  g_set_object (&self->persona, persona);

  waymark_field_bind_editable (GTK_EDITABLE (self->name_row), document, persona, "name");
  waymark_field_bind_editable (GTK_EDITABLE (self->role_row), document, persona, "role");
  waymark_field_bind_editable (GTK_EDITABLE (self->demographics_row), document, persona, "demographics");
  waymark_field_bind_text_view (self->quote_view, document, persona, "quote");
  waymark_field_bind_text_view (self->evidence_view, document, persona, "evidence");
  waymark_persona_avatar_set_persona (self->profile_avatar, persona);
  if (persona != NULL)
    {
      waymark_persona_avatar_set_color_index (self->profile_avatar,
                                              MAX (waymark_document_index_of (document, persona), 0));
      self->persona_notify_id = g_signal_connect (persona, "notify",
                                                  G_CALLBACK (profile_persona_notify_cb), self);
    }

  update_profile_title (self);
  update_swatches (self);
  for (guint i = 0; i < N_BULLET_LISTS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->bullets[i].add_row), "");
      bullets_refresh (self, &self->bullets[i]);
    }
  hide_photo_error (self);
  update_focus (self);
  update_actions (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

/* ---- Photos ---- */

typedef struct
{
  WaymarkPersona *persona;
  GFile          *file;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->persona);
  g_clear_object (&data->file);
  g_free (data);
}

/* GIO's messages name the whole path, which the panel already shows by
 * its name: the common cases get a shorter sentence. */
static void
return_file_error (GTask  *task,
                   GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The file does not exist."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("You are not allowed to read the file."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("This is a folder."));
  else
    {
      g_task_return_error (task, error);
      return;
    }
  g_error_free (error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;
  char *uri;

  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info == NULL)
    {
      return_file_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_file_info_get_size (info) > PHOTO_MAX_FILE_SIZE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file is larger than %d MB."),
                               PHOTO_MAX_FILE_SIZE / (1024 * 1024));
      return;
    }
  if (!g_file_load_contents (data->file, cancellable, &contents, &length, NULL, &error))
    {
      return_file_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = g_bytes_new_take (contents, length);

  pixbuf = waymark_persona_photo_load (bytes, WAYMARK_PERSONA_PHOTO_MAX_SIZE, FALSE, &error);
  uri = pixbuf != NULL ? waymark_persona_photo_encode (pixbuf, &error) : NULL;
  if (uri == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, uri, g_free);
}

static char *
dup_file_display_name (GFile *file)
{
  const char *path = g_file_peek_path (file);
  g_autofree char *parse_name = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);
  parse_name = g_file_get_parse_name (file);
  return g_path_get_basename (parse_name);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  WaymarkPersonaPanel *self = WAYMARK_PERSONA_PANEL (source_object);
  g_autoptr(GTask) outer = user_data;
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_task_propagate_pointer (G_TASK (result), &error);

  if (uri != NULL && !in_document (self, data->persona))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The persona was deleted."));

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->persona == data->persona)
        {
          g_autofree char *name = dup_file_display_name (data->file);
          /* Translators: %s is a file name, then why it cannot be used. */
          g_autofree char *message = g_strdup_printf (_("“%s” cannot be used as a photo. %s"),
                                                      name, error->message);

          gtk_label_set_text (self->photo_error_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->photo_error_label), TRUE);
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (self->persona == data->persona)
    hide_photo_error (self);
  /* A photo is set in one go, never typed: a step of its own. */
  waymark_document_set_string_step (self->document, data->persona, "photo", uri);
  g_task_return_boolean (outer, TRUE);
}

void
waymark_persona_panel_import_photo_async (WaymarkPersonaPanel *self,
                                          WaymarkPersona      *persona,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (WAYMARK_IS_PERSONA_PANEL (self));
  g_return_if_fail (WAYMARK_IS_PERSONA (persona));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, waymark_persona_panel_import_photo_async);
  if (!in_document (self, persona))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The persona is not in the panel's document");
      return;
    }
  if (self->persona == persona)
    hide_photo_error (self);

  data = g_new0 (ImportData, 1);
  data->persona = g_object_ref (persona);
  data->file = g_object_ref (file);
  /* The panel's cancellable too, so that a panel going away stops it. */
  task = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable,
                     import_done_cb, g_steal_pointer (&outer));
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
waymark_persona_panel_import_photo_finish (WaymarkPersonaPanel  *self,
                                           GAsyncResult         *result,
                                           GError              **error)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_PANEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
photo_chooser_response_cb (GtkNativeDialog     *chooser,
                           int                  response,
                           WaymarkPersonaPanel *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && in_document (self, self->chooser_persona))
    waymark_persona_panel_import_photo_async (self, self->chooser_persona, file, NULL, NULL, NULL);

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->photo_chooser);
  g_clear_object (&self->chooser_persona);
}

static void
choose_photo (WaymarkPersonaPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const types[] = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff",
  };
  GtkFileChooserNative *chooser;

  if (self->persona == NULL || self->photo_chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a Photo"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (photo_chooser_response_cb), self);

  self->photo_chooser = GTK_NATIVE_DIALOG (chooser);
  self->chooser_persona = g_object_ref (self->persona);
  gtk_native_dialog_show (self->photo_chooser);
}

/* ---- Actions ---- */

static WaymarkPersona *
persona_from_parameter (WaymarkPersonaPanel *self,
                        GVariant            *parameter)
{
  if (self->document == NULL || parameter == NULL)
    return NULL;
  return waymark_document_lookup_persona (self->document, g_variant_get_string (parameter, NULL));
}

static void
add_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;

  if (self->document != NULL)
    add_persona (self);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);

  if (persona != NULL)
    waymark_persona_panel_show_persona (self, persona);
}

static void
back_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  g_autoptr(WaymarkPersona) persona = self->persona != NULL ? g_object_ref (self->persona) : NULL;

  waymark_persona_panel_show_persona (self, NULL);
  if (persona != NULL)
    focus_row (self, persona);
}

static void
duplicate_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);
  WaymarkPersona *copy;

  if (persona == NULL)
    return;
  copy = duplicate_persona (self, persona);
  if (self->persona != NULL)
    waymark_persona_panel_show_persona (self, copy);
  else
    focus_row (self, copy);
}

static void
delete_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);

  if (persona != NULL)
    delete_persona (self, persona);
}

static void
move_up_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);

  if (persona != NULL)
    move_persona (self, persona, -1);
}

static void
move_down_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);

  if (persona != NULL)
    move_persona (self, persona, 1);
}

static void
focus_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;
  WaymarkPersona *persona = persona_from_parameter (self, parameter);
  const char *id;

  if (persona == NULL)
    return;
  /* The menu's radio item: choosing the focused persona again clears
   * the focus. */
  id = waymark_persona_get_id (persona);
  set_focus (self, g_strcmp0 (focused_persona_id (self), id) == 0 ? NULL : id);
}

static void
choose_photo_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  choose_photo (user_data);
}

static void
remove_photo_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  WaymarkPersonaPanel *self = user_data;

  if (self->persona == NULL)
    return;
  hide_photo_error (self);
  waymark_document_set_string_step (self->document, self->persona, "photo", "");
}

static void
update_actions (WaymarkPersonaPanel *self)
{
  static const char * const need_document[] = {
    "add", "open", "duplicate", "delete", "move-up", "move-down",
  };
  gboolean has_photo = self->persona != NULL && waymark_persona_get_photo (self->persona)[0] != '\0';
  GActionMap *map = G_ACTION_MAP (self->actions);

  for (guint i = 0; i < G_N_ELEMENTS (need_document); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, need_document[i])),
                                 self->document != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "focus")),
                               self->document != NULL && self->canvas != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "choose-photo")),
                               self->persona != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "remove-photo")),
                               has_photo);
  gtk_widget_set_visible (self->remove_photo_button, has_photo);
  /* Without a canvas there is no map to focus on or drag onto. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->focus_row), self->canvas != NULL);
  gtk_widget_set_visible (self->drag_hint, self->canvas != NULL);
}

static const GActionEntry action_entries[] = {
  { "add", add_action, NULL, NULL, NULL },
  { "open", open_action, "s", NULL, NULL },
  { "back", back_action, NULL, NULL, NULL },
  { "duplicate", duplicate_action, "s", NULL, NULL },
  { "delete", delete_action, "s", NULL, NULL },
  { "move-up", move_up_action, "s", NULL, NULL },
  { "move-down", move_down_action, "s", NULL, NULL },
  { "focus", focus_action, "s", "''", NULL },
  { "choose-photo", choose_photo_action, NULL, NULL, NULL },
  { "remove-photo", remove_photo_action, NULL, NULL, NULL },
};

/* ---- Following the document ---- */

static void
document_changed_cb (WaymarkDocument     *document,
                     WaymarkPersonaPanel *self)
{
  recount (self);
  update_rows (self);
  update_actions (self);
}

static void
personas_changed_cb (GListModel          *personas,
                     guint                position,
                     guint                removed,
                     guint                added,
                     WaymarkPersonaPanel *self)
{
  const char *focus = focused_persona_id (self);

  if (self->persona != NULL && !in_document (self, self->persona))
    waymark_persona_panel_show_persona (self, NULL);
  else if (self->persona != NULL)
    waymark_persona_avatar_set_color_index (self->profile_avatar,
                                            waymark_document_index_of (self->document, self->persona));

  /* A focus on a persona that is gone would dim the whole map. */
  if (focus != NULL && waymark_canvas_get_document (self->canvas) == self->document &&
      waymark_document_lookup_persona (self->document, focus) == NULL)
    set_focus (self, NULL);

  update_empty_state (self);
  update_rows (self);
  update_actions (self);
}

static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     WaymarkPersonaPanel   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  WaymarkPersona *persona;

  /* Only on a row itself: its menu button keeps its own keys. */
  if (self->document == NULL || !WAYMARK_IS_PERSONA_ROW (focus))
    return FALSE;
  persona = WAYMARK_PERSONA_ROW (focus)->persona;

  if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
    move_persona (self, persona, -1);
  else if (mods == GDK_ALT_MASK && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
    move_persona (self, persona, 1);
  else if (mods == 0 && (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete))
    delete_persona (self, persona);
  else
    return FALSE;
  return TRUE;
}

static void
row_activated_cb (GtkListBox          *box,
                  GtkListBoxRow       *row,
                  WaymarkPersonaPanel *self)
{
  if (WAYMARK_IS_PERSONA_ROW (row))
    waymark_persona_panel_show_persona (self, WAYMARK_PERSONA_ROW (row)->persona);
}

/* ---- Public API ---- */

GtkWidget *
waymark_persona_panel_new (void)
{
  return g_object_new (WAYMARK_TYPE_PERSONA_PANEL, NULL);
}

WaymarkDocument *
waymark_persona_panel_get_document (WaymarkPersonaPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_PANEL (self), NULL);

  return self->document;
}

void
waymark_persona_panel_set_document (WaymarkPersonaPanel *self,
                                    WaymarkDocument     *document)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_PANEL (self));
  g_return_if_fail (document == NULL || WAYMARK_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  bind_profile (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->personas_changed_id, waymark_document_get_personas (self->document));
      g_clear_signal_handler (&self->document_changed_id, self->document);
    }
  gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  g_set_object (&self->document, document);
  recount (self);
  if (document != NULL)
    {
      GListModel *personas = waymark_document_get_personas (document);

      /* The list box's own handler comes first, so that the rows exist
       * when personas_changed_cb updates them. */
      gtk_list_box_bind_model (self->list_box, personas, persona_row_new, self, NULL);
      self->personas_changed_id = g_signal_connect (personas, "items-changed",
                                                    G_CALLBACK (personas_changed_cb), self);
      self->document_changed_id = g_signal_connect (document, "changed",
                                                    G_CALLBACK (document_changed_cb), self);
    }

  update_empty_state (self);
  update_rows (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WaymarkCanvas *
waymark_persona_panel_get_canvas (WaymarkPersonaPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_PANEL (self), NULL);

  return self->canvas;
}

void
waymark_persona_panel_set_canvas (WaymarkPersonaPanel *self,
                                  WaymarkCanvas       *canvas)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_PANEL (self));
  g_return_if_fail (canvas == NULL || WAYMARK_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  /* By data: a canvas disposed with its window has dropped its handlers
   * already. */
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  self->canvas_focus_id = 0;
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    self->canvas_focus_id = g_signal_connect (canvas, "notify::persona-focus",
                                              G_CALLBACK (canvas_focus_cb), self);

  update_focus (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

void
waymark_persona_panel_show_persona (WaymarkPersonaPanel *self,
                                    WaymarkPersona      *persona)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_PANEL (self));
  g_return_if_fail (persona == NULL || in_document (self, persona));

  if (self->persona != persona)
    bind_profile (self, persona);
  if (persona != NULL)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->profile_scroller), 0);
      gtk_stack_set_visible_child_name (self->stack, "profile");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

WaymarkPersona *
waymark_persona_panel_get_persona (WaymarkPersonaPanel *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_PANEL (self), NULL);

  return self->persona;
}

guint
waymark_persona_panel_get_card_count (WaymarkPersonaPanel *self,
                                      WaymarkPersona      *persona)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_PANEL (self), 0);
  g_return_val_if_fail (WAYMARK_IS_PERSONA (persona), 0);

  return card_count (self, waymark_persona_get_id (persona));
}

/* ---- GObject ---- */

static void
waymark_persona_panel_dispose (GObject *object)
{
  WaymarkPersonaPanel *self = WAYMARK_PERSONA_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->photo_chooser != NULL)
    {
      gtk_native_dialog_destroy (self->photo_chooser);
      g_clear_object (&self->photo_chooser);
    }
  g_clear_object (&self->chooser_persona);

  if (self->stack != NULL)
    {
      waymark_persona_panel_set_canvas (self, NULL);
      waymark_persona_panel_set_document (self, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), WAYMARK_TYPE_PERSONA_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->actions != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (self), "persona", NULL);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (waymark_persona_panel_parent_class)->dispose (object);
}

static void
waymark_persona_panel_finalize (GObject *object)
{
  WaymarkPersonaPanel *self = WAYMARK_PERSONA_PANEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);
  for (guint i = 0; i < N_BULLET_LISTS; i++)
    g_clear_pointer (&self->bullets[i].rows, g_ptr_array_unref);

  G_OBJECT_CLASS (waymark_persona_panel_parent_class)->finalize (object);
}

static void
waymark_persona_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WaymarkPersonaPanel *self = WAYMARK_PERSONA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_PERSONA:
      g_value_set_object (value, self->persona);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_persona_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WaymarkPersonaPanel *self = WAYMARK_PERSONA_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      waymark_persona_panel_set_document (self, g_value_get_object (value));
      break;
    case PROP_CANVAS:
      waymark_persona_panel_set_canvas (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_persona_panel_class_init (WaymarkPersonaPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_persona_panel_dispose;
  object_class->finalize = waymark_persona_panel_finalize;
  object_class->get_property = waymark_persona_panel_get_property;
  object_class->set_property = waymark_persona_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, WAYMARK_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, WAYMARK_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSONA] =
    g_param_spec_object ("persona", NULL, NULL, WAYMARK_TYPE_PERSONA,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The resources live in a static library: referring to them keeps them,
   * and their registration, in every binary that uses the panel. */
  g_assert (waymark_get_resource () != NULL);
  g_type_ensure (WAYMARK_TYPE_PERSONA_AVATAR);
  g_type_ensure (WAYMARK_TYPE_PERSONA_TEXT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/waymark/Waymark/waymark-persona-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, drag_hint);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, profile_page);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, back_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, profile_title);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, profile_menu_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, profile_scroller);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, profile_avatar);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, choose_photo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, remove_photo_button);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, photo_error_label);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, focus_switch);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, focus_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, name_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, role_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, demographics_row);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, quote_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, evidence_view);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, color_box);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, goals_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, pain_points_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, behaviors_list);
  gtk_widget_class_bind_template_child (widget_class, WaymarkPersonaPanel, preferences_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "waymark-persona-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
waymark_persona_panel_init (WaymarkPersonaPanel *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Opaque, for a sidebar that slides over the map when folded. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "background");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Personas"), -1);

  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->swatches = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "persona", G_ACTION_GROUP (self->actions));

  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (row_activated_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), keys);

  gtk_menu_button_set_create_popup_func (self->profile_menu_button, profile_menu_popup_cb, self, NULL);
  g_signal_connect (self->focus_switch, "notify::active", G_CALLBACK (focus_switch_cb), self);

  build_swatches (self);
  build_bullet_lists (self);
  update_empty_state (self);
  update_focus (self);
  update_actions (self);
}
