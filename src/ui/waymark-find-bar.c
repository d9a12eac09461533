/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "waymark-find-bar.h"

struct _WaymarkFindBar
{
  GtkWidget        parent_instance;

  GtkWidget       *search_bar;
  GtkWidget       *entry;
  GtkWidget       *count_label;
  GtkWidget       *previous_button;
  GtkWidget       *next_button;

  WaymarkCanvas   *canvas;
  gulong           canvas_document_id;
  WaymarkDocument *document;
  gulong           document_changed_id;

  /* The matches in map order (references held), and the current one's
   * index, or -1. */
  GPtrArray       *matches;
  int              current;
  guint            update_idle;
  /* The text the matches are for. */
  char            *searched;
};

G_DEFINE_FINAL_TYPE (WaymarkFindBar, waymark_find_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CANVAS,
  PROP_SEARCH_MODE_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Matching ---- */

typedef struct
{
  WaymarkCard *card;
  guint        stage, lane, index;
} Match;

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *x = a, *y = b;

  if (x->stage != y->stage)
    return x->stage < y->stage ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* The cards matching the entry, in map order: stage by stage, lane by
 * lane, and in stacking order within a cell (the document's order). */
static GPtrArray *
find_matches (WaymarkFindBar *self)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *needle = waymark_text_fold (text);
  g_autoptr(GArray) matches = NULL;
  GListModel *cards;

  g_free (self->searched);
  self->searched = g_strdup (text);
  if (self->document == NULL || needle[0] == '\0')
    return found;

  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  cards = waymark_document_get_cards (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (cards); i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (cards, i);
      Match m = { card, 0, 0, i };

      if (!waymark_card_matches (card, needle))
        continue;
      m.stage = waymark_document_index_of (self->document,
                                           waymark_document_lookup_stage (self->document, waymark_card_get_stage (card)));
      m.lane = waymark_document_index_of (self->document,
                                          waymark_document_lookup_lane (self->document, waymark_card_get_lane (card)));
      g_array_append_val (matches, m);
    }
  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len; i++)
    g_ptr_array_add (found, g_object_ref (g_array_index (matches, Match, i).card));
  return found;
}

static WaymarkCard *
current_card (WaymarkFindBar *self)
{
  return self->current >= 0 ? g_ptr_array_index (self->matches, self->current) : NULL;
}

static void
show_matches (WaymarkFindBar *self)
{
  g_autofree char *count = NULL;
  gboolean has_text = gtk_editable_get_text (GTK_EDITABLE (self->entry))[0] != '\0';
  gboolean open = waymark_find_bar_is_open (self);

  if (!has_text)
    count = g_strdup ("");
  else if (self->matches->len == 0)
    count = g_strdup (_("No matches"));
  else if (self->current < 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", self->matches->len),
                             self->matches->len);
  else
    /* Translators: the current match and how many there are, "3 of 12". */
    count = g_strdup_printf (_("%u of %u"), self->current + 1, self->matches->len);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  if (has_text && self->matches->len == 0)
    gtk_widget_add_css_class (self->entry, "error");
  else
    gtk_widget_remove_css_class (self->entry, "error");
  gtk_widget_set_sensitive (self->previous_button, self->matches->len > 0);
  gtk_widget_set_sensitive (self->next_button, self->matches->len > 0);

  if (self->canvas != NULL)
    {
      if (open && has_text)
        waymark_canvas_set_matches (self->canvas, (WaymarkCard **) self->matches->pdata,
                                    self->matches->len, current_card (self));
      else
        waymark_canvas_set_matches (self->canvas, NULL, 0, NULL);
    }
}

static void
reveal_current (WaymarkFindBar *self)
{
  WaymarkCard *card = current_card (self);

  if (card != NULL && self->canvas != NULL)
    waymark_canvas_reveal_card (self->canvas, card, FALSE);
}

/* Searches again. jump: the text changed, so the first match becomes
 * current and is shown; otherwise (the document changed) the current
 * match stays current while it matches, and the view stays put. */
static void
refresh (WaymarkFindBar *self,
         gboolean        jump)
{
  g_autoptr(WaymarkCard) previous = NULL;
  g_autoptr(GPtrArray) matches = find_matches (self);
  guint index;

  if (current_card (self) != NULL)
    previous = g_object_ref (current_card (self));
  g_ptr_array_unref (self->matches);
  self->matches = g_steal_pointer (&matches);

  if (jump)
    self->current = self->matches->len > 0 ? 0 : -1;
  else if (previous != NULL && g_ptr_array_find (self->matches, previous, &index))
    self->current = (int) index;
  else
    self->current = -1;

  show_matches (self);
  if (jump)
    reveal_current (self);
}

static void
move (WaymarkFindBar *self,
      int             step)
{
  int n;

  /* Enter right after typing: search first, and show the first match. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->searched) != 0)
    {
      waymark_find_bar_update (self);
      return;
    }
  g_clear_handle_id (&self->update_idle, g_source_remove);
  n = (int) self->matches->len;
  if (n == 0)
    return;
  if (self->current < 0)
    self->current = step > 0 ? 0 : n - 1;
  else
    self->current = (self->current + step + n) % n;
  show_matches (self);
  reveal_current (self);
}

void
waymark_find_bar_next (WaymarkFindBar *self)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));

  move (self, 1);
}

void
waymark_find_bar_previous (WaymarkFindBar *self)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));

  move (self, -1);
}

void
waymark_find_bar_update (WaymarkFindBar *self)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));

  g_clear_handle_id (&self->update_idle, g_source_remove);
  refresh (self, TRUE);
}

GPtrArray *
waymark_find_bar_get_matches (WaymarkFindBar *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (WAYMARK_IS_FIND_BAR (self), NULL);

  copy = g_ptr_array_new_full (self->matches->len, NULL);
  for (guint i = 0; i < self->matches->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (self->matches, i));
  return copy;
}

/* ---- Following the document ---- */

static gboolean
update_idle_cb (gpointer data)
{
  WaymarkFindBar *self = data;

  self->update_idle = 0;
  refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
document_changed_cb (WaymarkFindBar *self)
{
  /* One search per burst of edits, and none while the bar is closed. */
  if (waymark_find_bar_is_open (self) && self->update_idle == 0)
    self->update_idle = g_idle_add_full (G_PRIORITY_LOW, update_idle_cb, self, NULL);
}

static void
set_document (WaymarkFindBar  *self,
              WaymarkDocument *document)
{
  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->document_changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->document_changed_id = g_signal_connect_swapped (document, "changed",
                                                           G_CALLBACK (document_changed_cb), self);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  refresh (self, FALSE);
}

static void
canvas_document_cb (WaymarkFindBar *self)
{
  set_document (self, waymark_canvas_get_document (self->canvas));
}

/* ---- The bar ---- */

/* The entry says so a moment after typing stops; by then the search may
 * have run already (Enter runs it at once), and running it again would
 * jump back to the first match. */
static void
search_changed_cb (WaymarkFindBar *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), self->searched) != 0)
    waymark_find_bar_update (self);
}

static void
search_mode_cb (WaymarkFindBar *self)
{
  if (waymark_find_bar_is_open (self))
    refresh (self, FALSE);
  else
    {
      g_clear_handle_id (&self->update_idle, g_source_remove);
      show_matches (self);
      /* Back to the map, where the current match is selected. */
      if (self->canvas != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
        {
          WaymarkCard *card = current_card (self);

          if (card != NULL)
            waymark_canvas_reveal_card (self->canvas, card, TRUE);
          else
            gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              WaymarkFindBar        *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
      && (state & GDK_SHIFT_MASK))
    {
      waymark_find_bar_previous (self);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static void
waymark_find_bar_init (WaymarkFindBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->matches = g_ptr_array_new_with_free_func (g_object_unref);
  self->current = -1;

  self->entry = gtk_search_entry_new ();
  gtk_widget_set_size_request (self->entry, 280, -1);
  g_object_set (self->entry, "placeholder-text", _("Find cards"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find cards by their text"), -1);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (waymark_find_bar_next), self);
  g_signal_connect_swapped (self->entry, "next-match", G_CALLBACK (waymark_find_bar_next), self);
  g_signal_connect_swapped (self->entry, "previous-match", G_CALLBACK (waymark_find_bar_previous), self);
  g_signal_connect_swapped (self->entry, "stop-search", G_CALLBACK (waymark_find_bar_close), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
  gtk_widget_add_controller (self->entry, keys);

  self->count_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_add_css_class (self->count_label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (self->count_label), 10);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  /* Screen readers hear the count change. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matches"), -1);

  self->previous_button = icon_button ("go-up-symbolic", _("Previous Match"));
  self->next_button = icon_button ("go-down-symbolic", _("Next Match"));
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (waymark_find_bar_previous), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (waymark_find_bar_next), self);
  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), self->previous_button);
  gtk_box_append (GTK_BOX (nav), self->next_button);

  gtk_box_append (GTK_BOX (box), self->entry);
  gtk_box_append (GTK_BOX (box), nav);
  gtk_box_append (GTK_BOX (box), self->count_label);

  self->search_bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), box);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->entry));
  gtk_search_bar_set_show_close_button (GTK_SEARCH_BAR (self->search_bar), TRUE);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_cb), self);
  gtk_widget_set_parent (self->search_bar, GTK_WIDGET (self));

  show_matches (self);
}

void
waymark_find_bar_open (WaymarkFindBar *self)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->entry);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
waymark_find_bar_close (WaymarkFindBar *self)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

gboolean
waymark_find_bar_is_open (WaymarkFindBar *self)
{
  g_return_val_if_fail (WAYMARK_IS_FIND_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}

GtkEditable *
waymark_find_bar_get_entry (WaymarkFindBar *self)
{
  g_return_val_if_fail (WAYMARK_IS_FIND_BAR (self), NULL);

  return GTK_EDITABLE (self->entry);
}

WaymarkCanvas *
waymark_find_bar_get_canvas (WaymarkFindBar *self)
{
  g_return_val_if_fail (WAYMARK_IS_FIND_BAR (self), NULL);

  return self->canvas;
}

void
waymark_find_bar_set_canvas (WaymarkFindBar *self,
                             WaymarkCanvas  *canvas)
{
  g_return_if_fail (WAYMARK_IS_FIND_BAR (self));
  g_return_if_fail (canvas == NULL || WAYMARK_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;
  if (self->canvas != NULL)
    {
      waymark_canvas_set_matches (self->canvas, NULL, 0, NULL);
      g_clear_signal_handler (&self->canvas_document_id, self->canvas);
    }
  g_set_object (&self->canvas, canvas);
  if (canvas != NULL)
    self->canvas_document_id = g_signal_connect_swapped (canvas, "notify::document",
                                                         G_CALLBACK (canvas_document_cb), self);
  set_document (self, canvas != NULL ? waymark_canvas_get_document (canvas) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANVAS]);
}

static void
waymark_find_bar_dispose (GObject *object)
{
  WaymarkFindBar *self = WAYMARK_FIND_BAR (object);

  waymark_find_bar_set_canvas (self, NULL);
  g_clear_handle_id (&self->update_idle, g_source_remove);
  g_clear_pointer (&self->search_bar, gtk_widget_unparent);
  G_OBJECT_CLASS (waymark_find_bar_parent_class)->dispose (object);
}

static void
waymark_find_bar_finalize (GObject *object)
{
  WaymarkFindBar *self = WAYMARK_FIND_BAR (object);

  g_ptr_array_unref (self->matches);
  g_free (self->searched);
  G_OBJECT_CLASS (waymark_find_bar_parent_class)->finalize (object);
}

static void
waymark_find_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WaymarkFindBar *self = WAYMARK_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      g_value_set_object (value, self->canvas);
      break;
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, waymark_find_bar_is_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_find_bar_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WaymarkFindBar *self = WAYMARK_FIND_BAR (object);

  switch (prop_id)
    {
    case PROP_CANVAS:
      waymark_find_bar_set_canvas (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_find_bar_class_init (WaymarkFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_find_bar_dispose;
  object_class->finalize = waymark_find_bar_finalize;
  object_class->get_property = waymark_find_bar_get_property;
  object_class->set_property = waymark_find_bar_set_property;

  properties[PROP_CANVAS] =
    g_param_spec_object ("canvas", NULL, NULL, WAYMARK_TYPE_CANVAS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SEARCH);
}

GtkWidget *
waymark_find_bar_new (void)
{
  return g_object_new (WAYMARK_TYPE_FIND_BAR, NULL);
}
