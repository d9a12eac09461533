/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkDocument: owns the map's objects and performs every edit as a
 * command recorded in its history.
 *
 * Cards live in one array whose order is the file's order (and so the
 * stacking order within a cell). Adding, removing, moving and duplicating
 * cards are all one primitive, place_cards(), which takes cards out of
 * the array and puts cards in at given final indices in a single O(n)
 * pass, and whose inverse is the same call with the indices swapped. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "waymark-document.h"
#include "waymark-history-private.h"
#include "waymark-model-private.h"

/* ---- WaymarkObjectList: a GListModel over a GPtrArray ---- */

#define WAYMARK_TYPE_OBJECT_LIST (waymark_object_list_get_type ())
G_DECLARE_FINAL_TYPE (WaymarkObjectList, waymark_object_list, WAYMARK, OBJECT_LIST, GObject)

struct _WaymarkObjectList
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *items;
};

static GType
waymark_object_list_get_item_type (GListModel *model)
{
  return WAYMARK_OBJECT_LIST (model)->item_type;
}

static guint
waymark_object_list_get_n_items (GListModel *model)
{
  return WAYMARK_OBJECT_LIST (model)->items->len;
}

static gpointer
waymark_object_list_get_item (GListModel *model,
                              guint       position)
{
  WaymarkObjectList *self = WAYMARK_OBJECT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
waymark_object_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = waymark_object_list_get_item_type;
  iface->get_n_items = waymark_object_list_get_n_items;
  iface->get_item = waymark_object_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (WaymarkObjectList, waymark_object_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      waymark_object_list_model_init))

static void
waymark_object_list_finalize (GObject *object)
{
  WaymarkObjectList *self = (WaymarkObjectList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (waymark_object_list_parent_class)->finalize (object);
}

static void
waymark_object_list_class_init (WaymarkObjectListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = waymark_object_list_finalize;
}

static void
waymark_object_list_init (WaymarkObjectList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static WaymarkObjectList *
waymark_object_list_new (GType item_type)
{
  WaymarkObjectList *self = g_object_new (WAYMARK_TYPE_OBJECT_LIST, NULL);

  self->item_type = item_type;
  return self;
}

/* ---- The document ---- */

struct _WaymarkDocument
{
  GObject            parent_instance;

  char              *title;
  char              *description;
  char              *generator;
  char              *created_time;
  char              *modified_time;
  GBytes            *extras;

  WaymarkObjectList *stages;
  WaymarkObjectList *lanes;
  WaymarkObjectList *cards;
  WaymarkObjectList *personas;

  /* id -> object, for the objects in the document; keys are the objects'
   * own id strings. */
  GHashTable        *by_id;
  /* Ids of removed objects, which undo may bring back: never reused. */
  GHashTable        *retired_ids;
  guint              id_counter;

  WaymarkHistory    *history;
  gboolean           modified;
};

G_DEFINE_FINAL_TYPE (WaymarkDocument, waymark_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_GENERATOR,
  PROP_CREATED_TIME,
  PROP_MODIFIED_TIME,
  PROP_EXTRAS,
  PROP_MODIFIED,
  PROP_HISTORY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
history_changed_cb (gpointer data,
                    gboolean content_changed)
{
  WaymarkDocument *self = data;
  gboolean modified = !waymark_history_is_at_saved (self->history);

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (content_changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
waymark_document_dispose (GObject *object)
{
  WaymarkDocument *self = (WaymarkDocument *) object;

  /* The history holds objects removed from the document; drop it first. */
  g_clear_object (&self->history);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->stages);
  g_clear_object (&self->lanes);
  g_clear_object (&self->cards);
  g_clear_object (&self->personas);

  G_OBJECT_CLASS (waymark_document_parent_class)->dispose (object);
}

static void
waymark_document_finalize (GObject *object)
{
  WaymarkDocument *self = (WaymarkDocument *) object;

  g_free (self->title);
  g_free (self->description);
  g_free (self->generator);
  g_free (self->created_time);
  g_free (self->modified_time);
  g_clear_pointer (&self->extras, g_bytes_unref);
  g_clear_pointer (&self->retired_ids, g_hash_table_unref);

  G_OBJECT_CLASS (waymark_document_parent_class)->finalize (object);
}

static void
waymark_document_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, WAYMARK_STR (self->title));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, WAYMARK_STR (self->description));
      break;
    case PROP_GENERATOR:
      g_value_set_string (value, WAYMARK_STR (self->generator));
      break;
    case PROP_CREATED_TIME:
      g_value_set_string (value, WAYMARK_STR (self->created_time));
      break;
    case PROP_MODIFIED_TIME:
      g_value_set_string (value, WAYMARK_STR (self->modified_time));
      break;
    case PROP_EXTRAS:
      g_value_set_boxed (value, self->extras);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_document_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WaymarkDocument *self = WAYMARK_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      waymark_document_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      waymark_document_set_description (self, g_value_get_string (value));
      break;
    case PROP_GENERATOR:
      waymark_document_set_generator (self, g_value_get_string (value));
      break;
    case PROP_CREATED_TIME:
      waymark_document_set_created_time (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED_TIME:
      waymark_document_set_modified_time (self, g_value_get_string (value));
      break;
    case PROP_EXTRAS:
      waymark_document_set_extras (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_document_class_init (WaymarkDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = waymark_document_dispose;
  object_class->finalize = waymark_document_finalize;
  object_class->get_property = waymark_document_get_property;
  object_class->set_property = waymark_document_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_GENERATOR] = g_param_spec_string ("generator", NULL, NULL, "", rw);
  properties[PROP_CREATED_TIME] = g_param_spec_string ("created-time", NULL, NULL, "", rw);
  properties[PROP_MODIFIED_TIME] = g_param_spec_string ("modified-time", NULL, NULL, "", rw);
  properties[PROP_EXTRAS] = g_param_spec_boxed ("extras", NULL, NULL, G_TYPE_BYTES, rw);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, WAYMARK_TYPE_HISTORY, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
waymark_document_init (WaymarkDocument *self)
{
  self->stages = waymark_object_list_new (WAYMARK_TYPE_STAGE);
  self->lanes = waymark_object_list_new (WAYMARK_TYPE_LANE);
  self->cards = waymark_object_list_new (WAYMARK_TYPE_CARD);
  self->personas = waymark_object_list_new (WAYMARK_TYPE_PERSONA);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->retired_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history = waymark_history_new (self, history_changed_cb);
}

WaymarkDocument *
waymark_document_new (void)
{
  return g_object_new (WAYMARK_TYPE_DOCUMENT, NULL);
}

GListModel *
waymark_document_get_stages (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->stages);
}

GListModel *
waymark_document_get_lanes (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->lanes);
}

GListModel *
waymark_document_get_cards (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->cards);
}

GListModel *
waymark_document_get_personas (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->personas);
}

WaymarkHistory *
waymark_document_get_history (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->history;
}

#define STRING_ACCESSORS(field, PROP) \
  const char * \
  waymark_document_get_##field (WaymarkDocument *self) \
  { \
    g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL); \
    return WAYMARK_STR (self->field); \
  } \
  void \
  waymark_document_set_##field (WaymarkDocument *self, \
                                const char      *value) \
  { \
    g_return_if_fail (WAYMARK_IS_DOCUMENT (self)); \
    if (waymark_field_set_string (&self->field, value)) \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]); \
  }

STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
STRING_ACCESSORS (generator, PROP_GENERATOR)
STRING_ACCESSORS (created_time, PROP_CREATED_TIME)
STRING_ACCESSORS (modified_time, PROP_MODIFIED_TIME)

GBytes *
waymark_document_get_extras (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  return self->extras;
}

void
waymark_document_set_extras (WaymarkDocument *self,
                             GBytes          *extras)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  if (waymark_field_set_bytes (&self->extras, extras))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRAS]);
}

/* ---- Ids ---- */

static const char *
object_id (gpointer object)
{
  if (WAYMARK_IS_CARD (object))
    return waymark_card_get_id (object);
  if (WAYMARK_IS_STAGE (object))
    return waymark_stage_get_id (object);
  if (WAYMARK_IS_LANE (object))
    return waymark_lane_get_id (object);
  if (WAYMARK_IS_PERSONA (object))
    return waymark_persona_get_id (object);
  return NULL;
}

static void
index_object (WaymarkDocument *self,
              gpointer         object)
{
  const char *id = object_id (object);

  g_hash_table_insert (self->by_id, (gpointer) id, object);
  g_hash_table_remove (self->retired_ids, id);
}

static void
unindex_object (WaymarkDocument *self,
                gpointer         object)
{
  const char *id = object_id (object);

  if (g_hash_table_lookup (self->by_id, id) == object)
    g_hash_table_remove (self->by_id, id);
  g_hash_table_add (self->retired_ids, g_strdup (id));
}

GObject *
waymark_document_lookup (WaymarkDocument *self,
                         const char      *id)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

#define TYPED_LOOKUP(Type, type, TYPE) \
  Type * \
  waymark_document_lookup_##type (WaymarkDocument *self, \
                                  const char      *id) \
  { \
    GObject *object = waymark_document_lookup (self, id); \
    return (object != NULL && G_TYPE_CHECK_INSTANCE_TYPE (object, TYPE)) ? (Type *) object : NULL; \
  }

TYPED_LOOKUP (WaymarkStage, stage, WAYMARK_TYPE_STAGE)
TYPED_LOOKUP (WaymarkLane, lane, WAYMARK_TYPE_LANE)
TYPED_LOOKUP (WaymarkCard, card, WAYMARK_TYPE_CARD)
TYPED_LOOKUP (WaymarkPersona, persona, WAYMARK_TYPE_PERSONA)

char *
waymark_document_make_id (WaymarkDocument *self,
                          const char      *prefix)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL && strlen (prefix) <= 40, NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("%s-%u", prefix, ++self->id_counter);

      if (!g_hash_table_contains (self->by_id, id) &&
          !g_hash_table_contains (self->retired_ids, id))
        return id;
      g_free (id);
    }
}

static WaymarkObjectList *
list_for_object (WaymarkDocument *self,
                 gpointer         object)
{
  if (WAYMARK_IS_CARD (object))
    return self->cards;
  if (WAYMARK_IS_STAGE (object))
    return self->stages;
  if (WAYMARK_IS_LANE (object))
    return self->lanes;
  if (WAYMARK_IS_PERSONA (object))
    return self->personas;
  return NULL;
}

int
waymark_document_index_of (WaymarkDocument *self,
                           gpointer         object)
{
  WaymarkObjectList *list;
  guint index;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), -1);

  list = list_for_object (self, object);
  if (list != NULL && g_ptr_array_find (list->items, object, &index))
    return index;
  return -1;
}

static gboolean
card_in_cell (WaymarkCard *card,
              const char  *stage_id,
              const char  *lane_id)
{
  return strcmp (waymark_card_get_stage (card), stage_id) == 0 &&
         strcmp (waymark_card_get_lane (card), lane_id) == 0;
}

GPtrArray *
waymark_document_get_cell_cards (WaymarkDocument *self,
                                 const char      *stage_id,
                                 const char      *lane_id)
{
  GPtrArray *result;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (stage_id != NULL && lane_id != NULL, NULL);

  result = g_ptr_array_new ();
  for (guint i = 0; i < self->cards->items->len; i++)
    {
      WaymarkCard *card = g_ptr_array_index (self->cards->items, i);

      if (card_in_cell (card, stage_id, lane_id))
        g_ptr_array_add (result, card);
    }
  return result;
}

/* ---- Loading ---- */

static void
replace_list (WaymarkDocument   *self,
              WaymarkObjectList *list,
              GPtrArray         *items)
{
  guint old_len = list->items->len;
  GPtrArray *fresh = g_ptr_array_new_full (items ? items->len : 0, g_object_unref);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      gpointer object = g_ptr_array_index (items, i);

      g_ptr_array_add (fresh, g_object_ref (object));
      index_object (self, object);
    }
  g_ptr_array_unref (list->items);
  list->items = fresh;
  if (old_len > 0 || fresh->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (list), 0, old_len, fresh->len);
}

void
waymark_document_load_contents (WaymarkDocument *self,
                                GPtrArray       *stages,
                                GPtrArray       *lanes,
                                GPtrArray       *cards,
                                GPtrArray       *personas)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_clear (self->history);
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->retired_ids);

  /* Cards last: views that react to the cards see their stages. */
  replace_list (self, self->stages, stages);
  replace_list (self, self->lanes, lanes);
  replace_list (self, self->personas, personas);
  replace_list (self, self->cards, cards);

  waymark_history_set_saved (self->history);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- Saved state ---- */

gboolean
waymark_document_get_modified (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

void
waymark_document_set_saved (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  waymark_history_set_saved (self->history);
}

guint64
waymark_document_checkpoint (WaymarkDocument *self)
{
  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), 0);
  return waymark_history_checkpoint (self->history);
}

void
waymark_document_set_saved_at (WaymarkDocument *self,
                               guint64          checkpoint)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  waymark_history_set_saved_at (self->history, checkpoint);
}

void
waymark_document_mark_unsaved (WaymarkDocument *self)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  waymark_history_set_unsaved (self->history);
}

/* ---- Command: set a property ---- */

typedef struct
{
  WaymarkCommand  parent;
  /* A ref, except on the document itself: the document owns its
   * history, and a ref would make a cycle. */
  GObject        *object;
  gboolean        is_document;
  GParamSpec     *pspec;
  GValue          old_value;
  GValue          new_value;
  /* For a list property (persona entries, KPIs): the element whose text
   * this edit changes, so that typing in one element coalesces as typing
   * in a string field does; -1 for other edits of the list. */
  int             element;
} SetCommand;

static void
set_apply (WaymarkCommand *command,
           gpointer        document)
{
  SetCommand *set = (SetCommand *) command;

  g_object_set_property (set->object, set->pspec->name, &set->new_value);
}

static void
set_revert (WaymarkCommand *command,
            gpointer        document)
{
  SetCommand *set = (SetCommand *) command;

  g_object_set_property (set->object, set->pspec->name, &set->old_value);
}

static void
set_free (WaymarkCommand *command)
{
  SetCommand *set = (SetCommand *) command;

  if (!set->is_document)
    g_object_unref (set->object);
  g_value_unset (&set->old_value);
  g_value_unset (&set->new_value);
  g_free (set);
}

static gboolean
set_merge (WaymarkCommand *command,
           WaymarkCommand *next)
{
  SetCommand *set = (SetCommand *) command;
  SetCommand *later = (SetCommand *) next;

  /* Typing in one field, or in one element of a list, is one step;
   * other kinds of values are not edited in bursts. */
  if (set->object != later->object || set->pspec != later->pspec)
    return FALSE;
  if (set->pspec->value_type != G_TYPE_STRING &&
      (set->element < 0 || set->element != later->element))
    return FALSE;
  g_value_copy (&later->new_value, &set->new_value);
  return TRUE;
}

static const WaymarkCommandClass set_class = {
  set_apply, set_revert, set_free, set_merge,
};

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (pspec->value_type == G_TYPE_STRING)
    return g_strcmp0 (WAYMARK_STR (g_value_get_string (a)),
                      WAYMARK_STR (g_value_get_string (b))) == 0;
  if (pspec->value_type == G_TYPE_STRV)
    return waymark_strv_equal0 (g_value_get_boxed (a), g_value_get_boxed (b));
  if (pspec->value_type == G_TYPE_PTR_ARRAY)
    return waymark_kpi_array_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (pspec->value_type == G_TYPE_BYTES)
    {
      GBytes *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);
      return (x == NULL || y == NULL) ? x == y : g_bytes_equal (x, y);
    }
  return g_param_values_cmp (pspec, a, b) == 0;
}

static const char *
edit_label (gpointer object)
{
  if (WAYMARK_IS_CARD (object))
    return _("Edit Card");
  if (WAYMARK_IS_STAGE (object))
    return _("Edit Stage");
  if (WAYMARK_IS_LANE (object))
    return _("Edit Lane");
  if (WAYMARK_IS_PERSONA (object))
    return _("Edit Persona");
  return _("Edit Map");
}

static gboolean
owns_object (WaymarkDocument *self,
             gpointer         object)
{
  const char *id;

  if (object == (gpointer) self)
    return TRUE;
  id = G_IS_OBJECT (object) ? object_id (object) : NULL;
  return id != NULL && g_hash_table_lookup (self->by_id, id) == object;
}

static void set_value_full (WaymarkDocument *self,
                            gpointer         object,
                            const char      *property,
                            const GValue    *value,
                            int              element);

void
waymark_document_set_value (WaymarkDocument *self,
                            gpointer         object,
                            const char      *property,
                            const GValue    *value)
{
  set_value_full (self, object, property, value, -1);
}

/* element: see SetCommand. */
static void
set_value_full (WaymarkDocument *self,
                gpointer         object,
                const char      *property,
                const GValue    *value,
                int              element)
{
  GParamSpec *pspec;
  SetCommand *set;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, object));
  g_return_if_fail (property != NULL && value != NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL);
  g_return_if_fail ((pspec->flags & G_PARAM_WRITABLE) != 0);
  g_return_if_fail ((pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0);
  g_return_if_fail (!(WAYMARK_IS_CARD (object) &&
                      (g_str_equal (pspec->name, "stage") ||
                       g_str_equal (pspec->name, "lane"))));

  if (WAYMARK_IS_CARD (object) &&
      (g_str_equal (pspec->name, "emotion") || g_str_equal (pspec->name, "has-emotion")))
    {
      WaymarkCard *card = object;
      gboolean is_emotion = g_str_equal (pspec->name, "emotion");
      GValue converted = G_VALUE_INIT;

      g_value_init (&converted, pspec->value_type);
      g_return_if_fail (g_value_transform (value, &converted));
      if (is_emotion)
        waymark_document_set_card_emotion (self, card, TRUE, g_value_get_int (&converted));
      else
        waymark_document_set_card_emotion (self, card, g_value_get_boolean (&converted),
                                           waymark_card_get_emotion (card));
      g_value_unset (&converted);
      return;
    }

  set = g_new0 (SetCommand, 1);
  set->parent.klass = &set_class;
  set->parent.label = edit_label (object);
  set->is_document = object == (gpointer) self;
  set->object = set->is_document ? object : g_object_ref (object);
  set->pspec = pspec;
  set->element = element;
  g_value_init (&set->old_value, pspec->value_type);
  g_value_init (&set->new_value, pspec->value_type);
  g_object_get_property (object, pspec->name, &set->old_value);
  if (!g_value_transform (value, &set->new_value))
    {
      g_critical ("Cannot store a %s in %s::%s", G_VALUE_TYPE_NAME (value),
                  G_OBJECT_TYPE_NAME (object), pspec->name);
      set_free (&set->parent);
      return;
    }
  if (values_equal (pspec, &set->old_value, &set->new_value))
    {
      set_free (&set->parent);
      return;
    }

  set_apply (&set->parent, self);
  waymark_history_push (self->history, &set->parent);
}

void
waymark_document_set_string (WaymarkDocument *self,
                             gpointer         object,
                             const char      *property,
                             const char      *value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_static_string (&v, value ? value : "");
  waymark_document_set_value (self, object, property, &v);
  g_value_unset (&v);
}

void
waymark_document_set_string_step (WaymarkDocument *self,
                                  gpointer         object,
                                  const char      *property,
                                  const char      *value)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));

  waymark_history_break_coalescing (self->history);
  waymark_document_set_string (self, object, property, value);
  waymark_history_break_coalescing (self->history);
}

void
waymark_document_set_int (WaymarkDocument *self,
                          gpointer         object,
                          const char      *property,
                          int              value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  waymark_document_set_value (self, object, property, &v);
}

void
waymark_document_set_boolean (WaymarkDocument *self,
                              gpointer         object,
                              const char      *property,
                              gboolean         value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  waymark_document_set_value (self, object, property, &v);
}

void
waymark_document_set_strv (WaymarkDocument    *self,
                           gpointer            object,
                           const char         *property,
                           const char * const *value)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, value);
  waymark_document_set_value (self, object, property, &v);
  g_value_unset (&v);
}

/* ---- Command: a card's emotion (two properties, one value) ---- */

typedef struct
{
  WaymarkCommand  parent;
  WaymarkCard    *card;
  gboolean        old_has, new_has;
  int             old_emotion, new_emotion;
} EmotionCommand;

static void
emotion_set (WaymarkCard *card,
             gboolean     has,
             int          emotion)
{
  if (has)
    waymark_card_set_emotion (card, emotion);
  else
    waymark_card_unset_emotion (card);
}

static void
emotion_apply (WaymarkCommand *command,
               gpointer        document)
{
  EmotionCommand *e = (EmotionCommand *) command;

  emotion_set (e->card, e->new_has, e->new_emotion);
}

static void
emotion_revert (WaymarkCommand *command,
                gpointer        document)
{
  EmotionCommand *e = (EmotionCommand *) command;

  emotion_set (e->card, e->old_has, e->old_emotion);
}

static void
emotion_free (WaymarkCommand *command)
{
  EmotionCommand *e = (EmotionCommand *) command;

  g_object_unref (e->card);
  g_free (e);
}

static const WaymarkCommandClass emotion_class = {
  emotion_apply, emotion_revert, emotion_free, NULL,
};

void
waymark_document_set_card_emotion (WaymarkDocument *self,
                                   WaymarkCard     *card,
                                   gboolean         has_emotion,
                                   int              emotion)
{
  EmotionCommand *e;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, card));

  has_emotion = !!has_emotion;
  emotion = has_emotion ? CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX) : 0;
  if (has_emotion == waymark_card_get_has_emotion (card) &&
      emotion == waymark_card_get_emotion (card))
    return;

  e = g_new0 (EmotionCommand, 1);
  e->parent.klass = &emotion_class;
  e->parent.label = _("Change Emotion");
  e->card = g_object_ref (card);
  e->old_has = waymark_card_get_has_emotion (card);
  e->old_emotion = waymark_card_get_emotion (card);
  e->new_has = has_emotion;
  e->new_emotion = emotion;
  emotion_apply (&e->parent, self);
  waymark_history_push (self->history, &e->parent);
}

/* ---- Command: insert, remove or move in the stage, lane or persona list ---- */

typedef struct
{
  WaymarkCommand  parent;
  GObject        *object;
  int             from;   /* -1: not in the list before */
  int             to;     /* -1: not in the list after */
} ListCommand;

static void
list_place (WaymarkDocument *self,
            GObject         *object,
            int              from,
            int              to)
{
  WaymarkObjectList *list = list_for_object (self, object);

  if (from >= 0 && to >= 0)
    {
      g_ptr_array_steal_index (list->items, from);
      g_ptr_array_insert (list->items, to, object);
      g_list_model_items_changed (G_LIST_MODEL (list), MIN (from, to),
                                  ABS (from - to) + 1, ABS (from - to) + 1);
    }
  else if (from >= 0)
    {
      g_object_ref (object);
      g_ptr_array_remove_index (list->items, from);
      unindex_object (self, object);
      g_list_model_items_changed (G_LIST_MODEL (list), from, 1, 0);
      g_object_unref (object);
    }
  else if (to >= 0)
    {
      g_ptr_array_insert (list->items, to, g_object_ref (object));
      index_object (self, object);
      g_list_model_items_changed (G_LIST_MODEL (list), to, 0, 1);
    }
}

static void
list_apply (WaymarkCommand *command,
            gpointer        document)
{
  ListCommand *l = (ListCommand *) command;

  list_place (document, l->object, l->from, l->to);
}

static void
list_revert (WaymarkCommand *command,
             gpointer        document)
{
  ListCommand *l = (ListCommand *) command;

  list_place (document, l->object, l->to, l->from);
}

static void
list_free (WaymarkCommand *command)
{
  ListCommand *l = (ListCommand *) command;

  g_object_unref (l->object);
  g_free (l);
}

static const WaymarkCommandClass list_class = {
  list_apply, list_revert, list_free, NULL,
};

static void
push_list_command (WaymarkDocument *self,
                   gpointer         object,
                   int              from,
                   int              to,
                   const char      *label)
{
  ListCommand *l = g_new0 (ListCommand, 1);

  l->parent.klass = &list_class;
  l->parent.label = label;
  l->object = g_object_ref (object);
  l->from = from;
  l->to = to;
  list_apply (&l->parent, self);
  waymark_history_push (self->history, &l->parent);
}

static void
insert_in_list (WaymarkDocument *self,
                gpointer         object,
                int              position,
                const char      *label)
{
  WaymarkObjectList *list = list_for_object (self, object);
  const char *id = object_id (object);

  g_return_if_fail (waymark_id_is_valid (id));
  g_return_if_fail (!g_hash_table_contains (self->by_id, id));

  if (position < 0 || (guint) position > list->items->len)
    position = list->items->len;
  push_list_command (self, object, -1, position, label);
}

static void
move_in_list (WaymarkDocument *self,
              gpointer         object,
              guint            position,
              const char      *label)
{
  WaymarkObjectList *list = list_for_object (self, object);
  int from = waymark_document_index_of (self, object);

  g_return_if_fail (from >= 0);

  position = MIN (position, list->items->len - 1);
  if ((guint) from != position)
    push_list_command (self, object, from, position, label);
}

/* ---- Command: place cards ---- */

typedef struct
{
  WaymarkCard *card;
  int          from;      /* index before, -1 if the card was not there */
  int          to;        /* index after, -1 if the card goes away */
  char        *from_stage, *from_lane;
  char        *to_stage, *to_lane;
} Placement;

typedef struct
{
  WaymarkCommand  parent;
  GArray         *placements;
} PlaceCommand;

typedef struct
{
  int          index;
  WaymarkCard *card;
} Insertion;

static int
compare_insertions (gconstpointer a,
                    gconstpointer b)
{
  const Insertion *x = a, *y = b;

  return (x->index > y->index) - (x->index < y->index);
}

/* Takes out the cards at the source indices and puts cards in at the
 * destination indices (indices of the final array), then tells the list
 * model about the one range that changed. O(n + m log m). */
static void
place_cards (WaymarkDocument *self,
             GArray          *placements,
             gboolean         forward)
{
  GPtrArray *old = self->cards->items;
  guint n_old = old->len, n_new, n_removed = 0;
  g_autofree gboolean *skip = g_new0 (gboolean, n_old + 1);
  g_autoptr(GArray) insertions = g_array_new (FALSE, FALSE, sizeof (Insertion));
  GPtrArray *fresh;
  int lo = G_MAXINT, max_old = -1, max_new = -1;
  guint j = 0, k = 0, tail_old, tail_new, common;

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      int src = forward ? p->from : p->to;
      int dst = forward ? p->to : p->from;

      if (src >= 0)
        {
          g_assert ((guint) src < n_old && g_ptr_array_index (old, src) == p->card);
          skip[src] = TRUE;
          n_removed++;
          lo = MIN (lo, src);
          max_old = MAX (max_old, src);
        }
      if (dst >= 0)
        {
          Insertion ins = { dst, p->card };

          g_array_append_val (insertions, ins);
          lo = MIN (lo, dst);
          max_new = MAX (max_new, dst);
        }
    }
  if (lo == G_MAXINT)
    return;

  g_array_sort (insertions, compare_insertions);
  n_new = n_old - n_removed + insertions->len;
  fresh = g_ptr_array_new_full (n_new, g_object_unref);
  for (guint pos = 0; pos < n_new; pos++)
    {
      if (j < insertions->len && g_array_index (insertions, Insertion, j).index == (int) pos)
        {
          g_ptr_array_add (fresh, g_object_ref (g_array_index (insertions, Insertion, j).card));
          j++;
        }
      else
        {
          while (k < n_old && skip[k])
            k++;
          g_assert (k < n_old);
          g_ptr_array_add (fresh, g_object_ref (g_ptr_array_index (old, k)));
          k++;
        }
    }
  g_assert (j == insertions->len);

  /* Keep the old array alive until the cards are re-indexed. */
  self->cards->items = fresh;

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      int src = forward ? p->from : p->to;
      int dst = forward ? p->to : p->from;

      if (dst < 0)
        unindex_object (self, p->card);
      else
        {
          if (src < 0)
            index_object (self, p->card);
          waymark_card_set_stage (p->card, forward ? p->to_stage : p->from_stage);
          waymark_card_set_lane (p->card, forward ? p->to_lane : p->from_lane);
        }
    }

  tail_old = max_old >= 0 ? n_old - 1 - max_old : n_old - MIN ((guint) lo, n_old);
  tail_new = max_new >= 0 ? n_new - 1 - max_new : n_new - MIN ((guint) lo, n_new);
  common = MIN (tail_old, tail_new);
  g_list_model_items_changed (G_LIST_MODEL (self->cards), lo,
                              n_old - lo - common, n_new - lo - common);
  g_ptr_array_unref (old);
}

static void
place_apply (WaymarkCommand *command,
             gpointer        document)
{
  place_cards (document, ((PlaceCommand *) command)->placements, TRUE);
}

static void
place_revert (WaymarkCommand *command,
              gpointer        document)
{
  place_cards (document, ((PlaceCommand *) command)->placements, FALSE);
}

static void
clear_placement (gpointer data)
{
  Placement *p = data;

  g_clear_object (&p->card);
  g_free (p->from_stage);
  g_free (p->from_lane);
  g_free (p->to_stage);
  g_free (p->to_lane);
}

static void
place_free (WaymarkCommand *command)
{
  PlaceCommand *place = (PlaceCommand *) command;

  g_array_unref (place->placements);
  g_free (place);
}

static const WaymarkCommandClass place_class = {
  place_apply, place_revert, place_free, NULL,
};

static PlaceCommand *
place_command_new (const char *label)
{
  PlaceCommand *place = g_new0 (PlaceCommand, 1);

  place->parent.klass = &place_class;
  place->parent.label = label;
  place->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_array_set_clear_func (place->placements, clear_placement);
  return place;
}

static void
place_command_add (PlaceCommand *place,
                   WaymarkCard  *card,
                   int           from,
                   int           to,
                   const char   *to_stage,
                   const char   *to_lane)
{
  Placement p = { 0, };

  p.card = g_object_ref (card);
  p.from = from;
  p.to = to;
  p.from_stage = g_strdup (waymark_card_get_stage (card));
  p.from_lane = g_strdup (waymark_card_get_lane (card));
  p.to_stage = g_strdup (to_stage ? to_stage : p.from_stage);
  p.to_lane = g_strdup (to_lane ? to_lane : p.from_lane);
  g_array_append_val (place->placements, p);
}

static void
place_command_run (WaymarkDocument *self,
                   PlaceCommand    *place)
{
  if (place->placements->len == 0)
    {
      place_free (&place->parent);
      return;
    }
  place_apply (&place->parent, self);
  waymark_history_push (self->history, &place->parent);
}

/* Index in the card array at which a card goes to be the position-th of
 * its cell, not counting the cards in exclude. When the cell has no other
 * card, fallback. */
static int
cell_insertion_index (WaymarkDocument *self,
                      const char      *stage_id,
                      const char      *lane_id,
                      int              position,
                      GHashTable      *exclude,
                      int              fallback)
{
  GPtrArray *items = self->cards->items;
  int count = 0, last = -1, rest = 0;

  for (guint i = 0; i < items->len; i++)
    {
      WaymarkCard *card = g_ptr_array_index (items, i);

      if (exclude != NULL && g_hash_table_contains (exclude, card))
        continue;
      if (card_in_cell (card, stage_id, lane_id))
        {
          if (count == position)
            return rest;
          count++;
          last = rest;
        }
      rest++;
    }
  return last >= 0 ? last + 1 : fallback;
}

void
waymark_document_insert_card (WaymarkDocument *self,
                              WaymarkCard     *card,
                              int              position)
{
  PlaceCommand *place;
  int index;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_CARD (card));
  g_return_if_fail (waymark_id_is_valid (waymark_card_get_id (card)));
  g_return_if_fail (!g_hash_table_contains (self->by_id, waymark_card_get_id (card)));
  g_return_if_fail (waymark_document_lookup_stage (self, waymark_card_get_stage (card)) != NULL);
  g_return_if_fail (waymark_document_lookup_lane (self, waymark_card_get_lane (card)) != NULL);

  index = cell_insertion_index (self, waymark_card_get_stage (card),
                                waymark_card_get_lane (card), position, NULL,
                                self->cards->items->len);
  place = place_command_new (_("Add Card"));
  place_command_add (place, card, -1, index, NULL, NULL);
  place_command_run (self, place);
}

WaymarkCard *
waymark_document_add_card (WaymarkDocument *self,
                           const char      *stage_id,
                           const char      *lane_id,
                           const char      *title,
                           int              position)
{
  g_autofree char *id = NULL;
  g_autoptr(WaymarkCard) card = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (waymark_document_lookup_stage (self, stage_id) != NULL, NULL);
  g_return_val_if_fail (waymark_document_lookup_lane (self, lane_id) != NULL, NULL);

  id = waymark_document_make_id (self, "card");
  card = waymark_card_new (id, stage_id, lane_id, title);
  waymark_document_insert_card (self, card, position);
  return card;
}

/* The cards of the set in document order, with their indices. */
static GArray *
find_cards (WaymarkDocument *self,
            WaymarkCard    **cards,
            guint            n_cards,
            GHashTable     **set_out)
{
  GHashTable *set = g_hash_table_new (NULL, NULL);
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Insertion));
  GPtrArray *items = self->cards->items;

  for (guint i = 0; i < n_cards; i++)
    if (owns_object (self, cards[i]) && WAYMARK_IS_CARD (cards[i]))
      g_hash_table_add (set, cards[i]);
    else
      g_critical ("%s: card %p is not in the document", G_STRFUNC, cards[i]);

  for (guint i = 0; i < items->len && found->len < g_hash_table_size (set); i++)
    if (g_hash_table_contains (set, g_ptr_array_index (items, i)))
      {
        Insertion f = { i, g_ptr_array_index (items, i) };
        g_array_append_val (found, f);
      }

  if (set_out != NULL)
    *set_out = set;
  else
    g_hash_table_unref (set);
  return found;
}

/* Drops links to the given ids from every other card. */
static void
drop_links_to (WaymarkDocument *self,
               GHashTable      *removed_ids,
               GHashTable      *skip)
{
  GPtrArray *items = self->cards->items;

  for (guint i = 0; i < items->len; i++)
    {
      WaymarkCard *card = g_ptr_array_index (items, i);
      const char * const *links = waymark_card_get_links (card);
      g_autoptr(GStrvBuilder) kept = NULL;
      g_auto(GStrv) kept_links = NULL;
      gboolean dropped = FALSE;

      if (links[0] == NULL || (skip != NULL && g_hash_table_contains (skip, card)))
        continue;

      kept = g_strv_builder_new ();
      for (guint l = 0; links[l] != NULL; l++)
        if (g_hash_table_contains (removed_ids, links[l]))
          dropped = TRUE;
        else
          g_strv_builder_add (kept, links[l]);
      if (!dropped)
        continue;
      kept_links = g_strv_builder_end (kept);
      waymark_document_set_strv (self, card, "links", (const char * const *) kept_links);
    }
}

void
waymark_document_remove_cards (WaymarkDocument *self,
                               WaymarkCard    **cards,
                               guint            n_cards)
{
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) found = NULL;
  PlaceCommand *place;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (cards != NULL || n_cards == 0);

  found = find_cards (self, cards, n_cards, &set);
  if (found->len == 0)
    return;

  waymark_history_begin_group (self->history,
                               found->len == 1 ? _("Delete Card") : _("Delete Cards"));
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (ids, (gpointer) waymark_card_get_id (g_array_index (found, Insertion, i).card));
  drop_links_to (self, ids, set);

  place = place_command_new (found->len == 1 ? _("Delete Card") : _("Delete Cards"));
  for (guint i = 0; i < found->len; i++)
    {
      Insertion *f = &g_array_index (found, Insertion, i);
      place_command_add (place, f->card, f->index, -1, NULL, NULL);
    }
  place_command_run (self, place);
  waymark_history_end_group (self->history);
}

void
waymark_document_remove_card (WaymarkDocument *self,
                              WaymarkCard     *card)
{
  waymark_document_remove_cards (self, &card, 1);
}

GPtrArray *
waymark_document_duplicate_cards (WaymarkDocument *self,
                                  WaymarkCard    **cards,
                                  guint            n_cards)
{
  g_autoptr(GArray) found = NULL;
  GPtrArray *copies;
  PlaceCommand *place;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (cards != NULL || n_cards == 0, NULL);

  copies = g_ptr_array_new ();
  found = find_cards (self, cards, n_cards, NULL);
  place = place_command_new (found->len == 1 ? _("Duplicate Card") : _("Duplicate Cards"));
  for (guint i = 0; i < found->len; i++)
    {
      Insertion *f = &g_array_index (found, Insertion, i);
      g_autofree char *id = waymark_document_make_id (self, "card");
      g_autoptr(WaymarkCard) copy = waymark_card_copy (f->card, id);

      /* Copies before this one shift it right by i. */
      place_command_add (place, copy, -1, f->index + i + 1, NULL, NULL);
      g_ptr_array_add (copies, copy);
    }
  place_command_run (self, place);
  return copies;
}

void
waymark_document_move_cards (WaymarkDocument *self,
                             WaymarkCard    **cards,
                             guint            n_cards,
                             const char      *stage_id,
                             const char      *lane_id,
                             int              position)
{
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GArray) found = NULL;
  PlaceCommand *place;
  int insert_at, first_rest = 0;
  gboolean changes = FALSE;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (cards != NULL || n_cards == 0);
  g_return_if_fail (waymark_document_lookup_stage (self, stage_id) != NULL);
  g_return_if_fail (waymark_document_lookup_lane (self, lane_id) != NULL);

  found = find_cards (self, cards, n_cards, &set);
  if (found->len == 0)
    return;

  /* Moving into a cell with no other card keeps the cards' place in the
   * file: only their cell changes. */
  first_rest = g_array_index (found, Insertion, 0).index;
  insert_at = cell_insertion_index (self, stage_id, lane_id, position, set, first_rest);

  place = place_command_new (found->len == 1 ? _("Move Card") : _("Move Cards"));
  for (guint i = 0; i < found->len; i++)
    {
      Insertion *f = &g_array_index (found, Insertion, i);
      int to = insert_at + i;

      if (to != f->index || !card_in_cell (f->card, stage_id, lane_id))
        changes = TRUE;
      place_command_add (place, f->card, f->index, to, stage_id, lane_id);
    }
  if (!changes)
    {
      place_free (&place->parent);
      return;
    }
  place_command_run (self, place);
}

/* ---- Links and personas on cards ---- */

static void
set_membership (WaymarkDocument *self,
                gpointer         object,
                const char      *property,
                const char * const *current,
                const char      *id,
                gboolean         member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  gboolean present = g_strv_contains (current, id);

  if (present == !!member)
    return;
  for (guint i = 0; current[i] != NULL; i++)
    if (!g_str_equal (current[i], id))
      g_strv_builder_add (builder, current[i]);
  if (member)
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  waymark_document_set_strv (self, object, property, (const char * const *) result);
}

void
waymark_document_link_cards (WaymarkDocument *self,
                             WaymarkCard     *from,
                             WaymarkCard     *to)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, from) && owns_object (self, to));
  g_return_if_fail (from != to);

  set_membership (self, from, "links", waymark_card_get_links (from),
                  waymark_card_get_id (to), TRUE);
}

void
waymark_document_unlink_cards (WaymarkDocument *self,
                               WaymarkCard     *from,
                               WaymarkCard     *to)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, from) && WAYMARK_IS_CARD (to));

  set_membership (self, from, "links", waymark_card_get_links (from),
                  waymark_card_get_id (to), FALSE);
}

void
waymark_document_set_card_persona (WaymarkDocument *self,
                                   WaymarkCard     *card,
                                   const char      *persona_id,
                                   gboolean         applies)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, card));
  g_return_if_fail (waymark_document_lookup_persona (self, persona_id) != NULL);

  set_membership (self, card, "personas", waymark_card_get_personas (card),
                  persona_id, applies);
}

/* ---- Stages, lanes, personas ---- */

void
waymark_document_insert_stage (WaymarkDocument *self,
                               WaymarkStage    *stage,
                               int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));
  insert_in_list (self, stage, position, _("Add Stage"));
}

void
waymark_document_insert_lane (WaymarkDocument *self,
                              WaymarkLane     *lane,
                              int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_LANE (lane));
  insert_in_list (self, lane, position, _("Add Lane"));
}

void
waymark_document_insert_persona (WaymarkDocument *self,
                                 WaymarkPersona  *persona,
                                 int              position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_PERSONA (persona));
  insert_in_list (self, persona, position, _("Add Persona"));
}

void
waymark_document_move_stage (WaymarkDocument *self,
                             WaymarkStage    *stage,
                             guint            position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));
  move_in_list (self, stage, position, _("Move Stage"));
}

void
waymark_document_move_lane (WaymarkDocument *self,
                            WaymarkLane     *lane,
                            guint            position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_LANE (lane));
  move_in_list (self, lane, position, _("Move Lane"));
}

void
waymark_document_move_persona (WaymarkDocument *self,
                               WaymarkPersona  *persona,
                               guint            position)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_PERSONA (persona));
  move_in_list (self, persona, position, _("Move Persona"));
}

/* Removes a stage or lane with the cards in it, as one step. */
static void
remove_axis (WaymarkDocument *self,
             gpointer         object,
             gboolean         is_stage,
             const char      *label)
{
  const char *id = object_id (object);
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  int index = waymark_document_index_of (self, object);

  g_return_if_fail (index >= 0);

  for (guint i = 0; i < self->cards->items->len; i++)
    {
      WaymarkCard *card = g_ptr_array_index (self->cards->items, i);
      const char *ref = is_stage ? waymark_card_get_stage (card) : waymark_card_get_lane (card);

      if (strcmp (ref, id) == 0)
        g_ptr_array_add (doomed, card);
    }

  waymark_history_begin_group (self->history, label);
  waymark_document_remove_cards (self, (WaymarkCard **) doomed->pdata, doomed->len);
  push_list_command (self, object, index, -1, label);
  waymark_history_end_group (self->history);
}

void
waymark_document_remove_stage (WaymarkDocument *self,
                               WaymarkStage    *stage)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_STAGE (stage));
  remove_axis (self, stage, TRUE, _("Delete Stage"));
}

void
waymark_document_remove_lane (WaymarkDocument *self,
                              WaymarkLane     *lane)
{
  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_LANE (lane));
  remove_axis (self, lane, FALSE, _("Delete Lane"));
}

void
waymark_document_remove_persona (WaymarkDocument *self,
                                 WaymarkPersona  *persona)
{
  const char *id;
  int index;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (WAYMARK_IS_PERSONA (persona));

  index = waymark_document_index_of (self, persona);
  g_return_if_fail (index >= 0);
  id = waymark_persona_get_id (persona);

  waymark_history_begin_group (self->history, _("Delete Persona"));
  for (guint i = 0; i < self->cards->items->len; i++)
    {
      WaymarkCard *card = g_ptr_array_index (self->cards->items, i);

      set_membership (self, card, "personas", waymark_card_get_personas (card), id, FALSE);
    }
  push_list_command (self, persona, index, -1, _("Delete Persona"));
  waymark_history_end_group (self->history);
}

WaymarkStage *
waymark_document_add_stage (WaymarkDocument *self,
                            const char      *name,
                            int              position)
{
  g_autofree char *id = NULL;
  g_autoptr(WaymarkStage) stage = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  id = waymark_document_make_id (self, "stage");
  stage = waymark_stage_new (id, name);
  waymark_document_insert_stage (self, stage, position);
  return stage;
}

WaymarkLane *
waymark_document_add_lane (WaymarkDocument *self,
                           const char      *kind,
                           const char      *name,
                           int              position)
{
  g_autofree char *id = NULL;
  g_autoptr(WaymarkLane) lane = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  id = waymark_document_make_id (self, "lane");
  lane = waymark_lane_new (id, kind, name);
  waymark_document_insert_lane (self, lane, position);
  return lane;
}

WaymarkPersona *
waymark_document_add_persona (WaymarkDocument *self,
                              const char      *name,
                              int              position)
{
  g_autofree char *id = NULL;
  g_autoptr(WaymarkPersona) persona = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (self), NULL);

  id = waymark_document_make_id (self, "persona");
  persona = waymark_persona_new (id, name);
  waymark_document_insert_persona (self, persona, position);
  return persona;
}

/* ---- Persona list entries ---- */

static GPtrArray *
persona_entries (WaymarkPersona *persona,
                 const char     *list)
{
  const char * const *entries = waymark_persona_get_list (persona, list);
  GPtrArray *array = g_ptr_array_new ();

  for (guint i = 0; entries[i] != NULL; i++)
    g_ptr_array_add (array, (gpointer) entries[i]);
  return array;
}

/* element: the entry whose text changed, or -1 (see SetCommand). */
static void
set_persona_entries (WaymarkDocument *self,
                     WaymarkPersona  *persona,
                     const char      *list,
                     GPtrArray       *entries,
                     int              element)
{
  GValue v = G_VALUE_INIT;

  g_ptr_array_add (entries, NULL);
  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, entries->pdata);
  set_value_full (self, persona, list, &v, element);
  g_value_unset (&v);
}

void
waymark_document_insert_persona_entry (WaymarkDocument *self,
                                       WaymarkPersona  *persona,
                                       const char      *list,
                                       int              position,
                                       const char      *text)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, persona) && WAYMARK_IS_PERSONA (persona));
  g_return_if_fail (waymark_persona_is_list_name (list));

  entries = persona_entries (persona, list);
  if (position < 0 || (guint) position > entries->len)
    position = entries->len;
  g_ptr_array_insert (entries, position, (gpointer) (text ? text : ""));
  set_persona_entries (self, persona, list, entries, -1);
}

void
waymark_document_set_persona_entry (WaymarkDocument *self,
                                    WaymarkPersona  *persona,
                                    const char      *list,
                                    guint            position,
                                    const char      *text)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, persona) && WAYMARK_IS_PERSONA (persona));
  g_return_if_fail (waymark_persona_is_list_name (list));

  entries = persona_entries (persona, list);
  g_return_if_fail (position < entries->len);
  entries->pdata[position] = (gpointer) (text ? text : "");
  set_persona_entries (self, persona, list, entries, (int) position);
}

void
waymark_document_remove_persona_entry (WaymarkDocument *self,
                                       WaymarkPersona  *persona,
                                       const char      *list,
                                       guint            position)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, persona) && WAYMARK_IS_PERSONA (persona));
  g_return_if_fail (waymark_persona_is_list_name (list));

  entries = persona_entries (persona, list);
  g_return_if_fail (position < entries->len);
  g_ptr_array_remove_index (entries, position);
  set_persona_entries (self, persona, list, entries, -1);
}

void
waymark_document_move_persona_entry (WaymarkDocument *self,
                                     WaymarkPersona  *persona,
                                     const char      *list,
                                     guint            from,
                                     guint            to)
{
  g_autoptr(GPtrArray) entries = NULL;
  gpointer entry;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, persona) && WAYMARK_IS_PERSONA (persona));
  g_return_if_fail (waymark_persona_is_list_name (list));

  entries = persona_entries (persona, list);
  g_return_if_fail (from < entries->len && to < entries->len);
  entry = g_ptr_array_steal_index (entries, from);
  g_ptr_array_insert (entries, to, entry);
  set_persona_entries (self, persona, list, entries, -1);
}

/* ---- KPIs ---- */

/* element: the KPI whose text changed, or -1 (see SetCommand). */
static void
set_kpis (WaymarkDocument *self,
          WaymarkStage    *stage,
          GPtrArray       *kpis,
          int              element)
{
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_PTR_ARRAY);
  g_value_set_boxed (&v, kpis);
  set_value_full (self, stage, "kpis", &v, element);
  g_value_unset (&v);
}

void
waymark_document_insert_kpi (WaymarkDocument  *self,
                             WaymarkStage     *stage,
                             int               position,
                             const WaymarkKpi *kpi)
{
  g_autoptr(GPtrArray) kpis = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, stage) && WAYMARK_IS_STAGE (stage));
  g_return_if_fail (kpi != NULL);

  kpis = waymark_kpi_array_copy (waymark_stage_get_kpis (stage));
  if (position < 0 || (guint) position > kpis->len)
    position = kpis->len;
  g_ptr_array_insert (kpis, position, waymark_kpi_copy (kpi));
  set_kpis (self, stage, kpis, -1);
}

void
waymark_document_set_kpi (WaymarkDocument  *self,
                          WaymarkStage     *stage,
                          guint             position,
                          const WaymarkKpi *kpi)
{
  g_autoptr(GPtrArray) kpis = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, stage) && WAYMARK_IS_STAGE (stage));
  g_return_if_fail (kpi != NULL);

  kpis = waymark_kpi_array_copy (waymark_stage_get_kpis (stage));
  g_return_if_fail (position < kpis->len);
  waymark_kpi_free (kpis->pdata[position]);
  kpis->pdata[position] = waymark_kpi_copy (kpi);
  set_kpis (self, stage, kpis, (int) position);
}

void
waymark_document_remove_kpi (WaymarkDocument *self,
                             WaymarkStage    *stage,
                             guint            position)
{
  g_autoptr(GPtrArray) kpis = NULL;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (self));
  g_return_if_fail (owns_object (self, stage) && WAYMARK_IS_STAGE (stage));

  kpis = waymark_kpi_array_copy (waymark_stage_get_kpis (stage));
  g_return_if_fail (position < kpis->len);
  g_ptr_array_remove_index (kpis, position);
  set_kpis (self, stage, kpis, -1);
}
