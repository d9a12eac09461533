/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkCard: a note in a cell. There can be 100,000 of them, so the
 * plain string fields live in one array indexed by property and empty
 * strings cost nothing. */
#include "config.h"

#include <string.h>

#include "waymark-card.h"
#include "waymark-model-private.h"

enum {
  PROP_0,
  PROP_ID,
  /* Plain strings, stored in strings[] */
  PROP_STAGE,
  PROP_LANE,
  PROP_TITLE,
  PROP_NOTES,
  PROP_CHANNEL,
  PROP_PRIORITY,
  PROP_STATUS,
  PROP_OWNER,
  PROP_EVIDENCE,
  PROP_COLOR,
  /* The rest */
  PROP_EMOTION,
  PROP_HAS_EMOTION,
  PROP_PERSONAS,
  PROP_LINKS,
  PROP_MOMENT_OF_TRUTH,
  PROP_EXTRAS,
  N_PROPS
};

#define FIRST_STRING PROP_STAGE
#define N_STRINGS (PROP_COLOR - PROP_STAGE + 1)
#define STRING(self, prop) WAYMARK_STR ((self)->strings[(prop) - FIRST_STRING])

struct _WaymarkCard
{
  GObject   parent_instance;
  char     *id;
  char     *strings[N_STRINGS];
  char    **personas;
  char    **links;
  GBytes   *extras;
  gint8     emotion;
  guint     has_emotion : 1;
  guint     moment_of_truth : 1;
};

G_DEFINE_FINAL_TYPE (WaymarkCard, waymark_card, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
set_string (WaymarkCard *self,
            guint        prop,
            const char  *value)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));
  if (waymark_field_set_string (&self->strings[prop - FIRST_STRING], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
waymark_card_finalize (GObject *object)
{
  WaymarkCard *self = (WaymarkCard *) object;

  g_free (self->id);
  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  g_strfreev (self->personas);
  g_strfreev (self->links);
  g_clear_pointer (&self->extras, g_bytes_unref);

  G_OBJECT_CLASS (waymark_card_parent_class)->finalize (object);
}

static void
waymark_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WaymarkCard *self = WAYMARK_CARD (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    {
      g_value_set_string (value, STRING (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_EMOTION:
      g_value_set_int (value, self->emotion);
      break;
    case PROP_HAS_EMOTION:
      g_value_set_boolean (value, self->has_emotion);
      break;
    case PROP_PERSONAS:
      g_value_set_boxed (value, waymark_strv_or_empty (self->personas));
      break;
    case PROP_LINKS:
      g_value_set_boxed (value, waymark_strv_or_empty (self->links));
      break;
    case PROP_MOMENT_OF_TRUTH:
      g_value_set_boolean (value, self->moment_of_truth);
      break;
    case PROP_EXTRAS:
      g_value_set_boxed (value, self->extras);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WaymarkCard *self = WAYMARK_CARD (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    {
      set_string (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_EMOTION:
      waymark_card_set_emotion (self, g_value_get_int (value));
      break;
    case PROP_HAS_EMOTION:
      if (!g_value_get_boolean (value))
        waymark_card_unset_emotion (self);
      else if (!self->has_emotion)
        {
          self->has_emotion = TRUE;
          g_object_notify_by_pspec (object, properties[PROP_HAS_EMOTION]);
        }
      break;
    case PROP_PERSONAS:
      waymark_card_set_personas (self, g_value_get_boxed (value));
      break;
    case PROP_LINKS:
      waymark_card_set_links (self, g_value_get_boxed (value));
      break;
    case PROP_MOMENT_OF_TRUTH:
      waymark_card_set_moment_of_truth (self, g_value_get_boolean (value));
      break;
    case PROP_EXTRAS:
      waymark_card_set_extras (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_card_class_init (WaymarkCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const string_names[N_STRINGS] = {
    "stage", "lane", "title", "notes", "channel", "priority", "status",
    "owner", "evidence", "color",
  };

  object_class->finalize = waymark_card_finalize;
  object_class->get_property = waymark_card_get_property;
  object_class->set_property = waymark_card_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_STRINGS; i++)
    properties[FIRST_STRING + i] = g_param_spec_string (string_names[i], NULL, NULL, "", rw);
  properties[PROP_EMOTION] =
    g_param_spec_int ("emotion", NULL, NULL,
                      WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX, 0, rw);
  properties[PROP_HAS_EMOTION] = g_param_spec_boolean ("has-emotion", NULL, NULL, FALSE, rw);
  properties[PROP_PERSONAS] = g_param_spec_boxed ("personas", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_LINKS] = g_param_spec_boxed ("links", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_MOMENT_OF_TRUTH] =
    g_param_spec_boolean ("moment-of-truth", NULL, NULL, FALSE, rw);
  properties[PROP_EXTRAS] = g_param_spec_boxed ("extras", NULL, NULL, G_TYPE_BYTES, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_card_init (WaymarkCard *self)
{
}

WaymarkCard *
waymark_card_new (const char *id,
                  const char *stage,
                  const char *lane,
                  const char *title)
{
  WaymarkCard *self;

  g_return_val_if_fail (id != NULL, NULL);

  /* Not through the "id" property: readers make 100,000 of these. */
  self = g_object_new (WAYMARK_TYPE_CARD, NULL);
  self->id = g_strdup (id);
  waymark_field_set_string (&self->strings[PROP_STAGE - FIRST_STRING], stage);
  waymark_field_set_string (&self->strings[PROP_LANE - FIRST_STRING], lane);
  waymark_field_set_string (&self->strings[PROP_TITLE - FIRST_STRING], title);
  return self;
}

WaymarkCard *
waymark_card_copy (WaymarkCard *self,
                   const char  *new_id)
{
  WaymarkCard *copy;

  g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL);
  g_return_val_if_fail (new_id != NULL, NULL);

  copy = g_object_new (WAYMARK_TYPE_CARD, NULL);
  copy->id = g_strdup (new_id);
  for (guint i = 0; i < N_STRINGS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);
  copy->personas = g_strdupv (self->personas);
  copy->links = g_strdupv (self->links);
  copy->extras = self->extras ? g_bytes_ref (self->extras) : NULL;
  copy->emotion = self->emotion;
  copy->has_emotion = self->has_emotion;
  copy->moment_of_truth = self->moment_of_truth;
  return copy;
}

const char *
waymark_card_get_id (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL);
  return self->id;
}

#define STRING_ACCESSORS(field, PROP) \
  const char * \
  waymark_card_get_##field (WaymarkCard *self) \
  { \
    g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL); \
    return STRING (self, PROP); \
  } \
  void \
  waymark_card_set_##field (WaymarkCard *self, \
                            const char  *value) \
  { \
    set_string (self, PROP, value); \
  }

STRING_ACCESSORS (stage, PROP_STAGE)
STRING_ACCESSORS (lane, PROP_LANE)
STRING_ACCESSORS (title, PROP_TITLE)
STRING_ACCESSORS (notes, PROP_NOTES)
STRING_ACCESSORS (channel, PROP_CHANNEL)
STRING_ACCESSORS (priority, PROP_PRIORITY)
STRING_ACCESSORS (status, PROP_STATUS)
STRING_ACCESSORS (owner, PROP_OWNER)
STRING_ACCESSORS (evidence, PROP_EVIDENCE)
STRING_ACCESSORS (color, PROP_COLOR)

gboolean
waymark_card_get_has_emotion (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), FALSE);
  return self->has_emotion;
}

int
waymark_card_get_emotion (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), 0);
  return self->emotion;
}

void
waymark_card_set_emotion (WaymarkCard *self,
                          int          emotion)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));

  emotion = CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->emotion != emotion)
    {
      self->emotion = emotion;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMOTION]);
    }
  if (!self->has_emotion)
    {
      self->has_emotion = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EMOTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
waymark_card_unset_emotion (WaymarkCard *self)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->emotion != 0)
    {
      self->emotion = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMOTION]);
    }
  if (self->has_emotion)
    {
      self->has_emotion = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EMOTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
waymark_card_get_personas (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL);
  return waymark_strv_or_empty (self->personas);
}

void
waymark_card_set_personas (WaymarkCard        *self,
                           const char * const *personas)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));
  if (waymark_field_set_strv (&self->personas, personas))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONAS]);
}

const char * const *
waymark_card_get_links (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL);
  return waymark_strv_or_empty (self->links);
}

void
waymark_card_set_links (WaymarkCard        *self,
                        const char * const *links)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));
  if (waymark_field_set_strv (&self->links, links))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINKS]);
}

gboolean
waymark_card_get_moment_of_truth (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), FALSE);
  return self->moment_of_truth;
}

void
waymark_card_set_moment_of_truth (WaymarkCard *self,
                                  gboolean     moment_of_truth)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));

  moment_of_truth = !!moment_of_truth;
  if (self->moment_of_truth == (guint) moment_of_truth)
    return;
  self->moment_of_truth = moment_of_truth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOMENT_OF_TRUTH]);
}

GBytes *
waymark_card_get_extras (WaymarkCard *self)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), NULL);
  return self->extras;
}

void
waymark_card_set_extras (WaymarkCard *self,
                         GBytes      *extras)
{
  g_return_if_fail (WAYMARK_IS_CARD (self));
  if (waymark_field_set_bytes (&self->extras, extras))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRAS]);
}

gboolean
waymark_card_applies_to (WaymarkCard *self,
                         const char  *persona_id)
{
  g_return_val_if_fail (WAYMARK_IS_CARD (self), FALSE);

  if (self->personas == NULL || self->personas[0] == NULL)
    return TRUE;
  return persona_id != NULL && g_strv_contains ((const char * const *) self->personas, persona_id);
}

char *
waymark_text_fold (const char *text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normalized, -1);
}

static gboolean
field_matches (const char *field,
               const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (field[0] == '\0')
    return FALSE;
  folded = waymark_text_fold (field);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
waymark_card_matches (WaymarkCard *self,
                      const char  *folded_needle)
{
  static const int fields[] = { PROP_TITLE, PROP_NOTES, PROP_CHANNEL, PROP_PRIORITY,
                                PROP_STATUS, PROP_OWNER, PROP_EVIDENCE };
  g_autofree char *channel = NULL;

  g_return_val_if_fail (WAYMARK_IS_CARD (self), FALSE);
  g_return_val_if_fail (folded_needle != NULL, FALSE);

  if (folded_needle[0] == '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (field_matches (STRING (self, fields[i]), folded_needle))
      return TRUE;
  /* Channel and status values are written with hyphens ("mobile-app",
   * "in-progress") but read as words. */
  channel = g_strdup_printf ("%s %s", STRING (self, PROP_CHANNEL), STRING (self, PROP_STATUS));
  return field_matches (g_strdelimit (channel, "-", ' '), folded_needle);
}
