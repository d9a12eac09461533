/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkPersona: a profile the map is about. */
#include "config.h"

#include "waymark-model-private.h"
#include "waymark-persona.h"

enum {
  PROP_0,
  PROP_ID,
  /* Plain strings, stored in strings[] */
  PROP_NAME,
  PROP_ROLE,
  PROP_QUOTE,
  PROP_COLOR,
  PROP_DEMOGRAPHICS,
  PROP_EVIDENCE,
  PROP_PHOTO,
  /* Bullet lists, stored in lists[] */
  PROP_GOALS,
  PROP_PAIN_POINTS,
  PROP_BEHAVIORS,
  PROP_PREFERENCES,
  PROP_EXTRAS,
  N_PROPS
};

#define FIRST_STRING PROP_NAME
#define N_STRINGS (PROP_PHOTO - PROP_NAME + 1)
#define FIRST_LIST PROP_GOALS
#define N_LISTS (PROP_PREFERENCES - PROP_GOALS + 1)
#define STRING(self, prop) WAYMARK_STR ((self)->strings[(prop) - FIRST_STRING])

struct _WaymarkPersona
{
  GObject   parent_instance;
  char     *id;
  char     *strings[N_STRINGS];
  char    **lists[N_LISTS];
  GBytes   *extras;
};

G_DEFINE_FINAL_TYPE (WaymarkPersona, waymark_persona, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char * const list_names[N_LISTS] = {
  "goals", "pain-points", "behaviors", "preferences",
};

static int
list_index (const char *list)
{
  for (guint i = 0; list != NULL && i < N_LISTS; i++)
    if (g_str_equal (list, list_names[i]))
      return i;
  return -1;
}

gboolean
waymark_persona_is_list_name (const char *list)
{
  return list_index (list) >= 0;
}

static void
set_string (WaymarkPersona *self,
            guint           prop,
            const char     *value)
{
  g_return_if_fail (WAYMARK_IS_PERSONA (self));
  if (waymark_field_set_string (&self->strings[prop - FIRST_STRING], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
waymark_persona_finalize (GObject *object)
{
  WaymarkPersona *self = (WaymarkPersona *) object;

  g_free (self->id);
  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);
  for (guint i = 0; i < N_LISTS; i++)
    g_strfreev (self->lists[i]);
  g_clear_pointer (&self->extras, g_bytes_unref);

  G_OBJECT_CLASS (waymark_persona_parent_class)->finalize (object);
}

static void
waymark_persona_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    g_value_set_string (value, STRING (self, prop_id));
  else if (prop_id >= FIRST_LIST && prop_id < FIRST_LIST + N_LISTS)
    g_value_set_boxed (value, waymark_strv_or_empty (self->lists[prop_id - FIRST_LIST]));
  else if (prop_id == PROP_ID)
    g_value_set_string (value, self->id);
  else if (prop_id == PROP_EXTRAS)
    g_value_set_boxed (value, self->extras);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_persona_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WaymarkPersona *self = WAYMARK_PERSONA (object);

  if (prop_id >= FIRST_STRING && prop_id < FIRST_STRING + N_STRINGS)
    set_string (self, prop_id, g_value_get_string (value));
  else if (prop_id >= FIRST_LIST && prop_id < FIRST_LIST + N_LISTS)
    waymark_persona_set_list (self, list_names[prop_id - FIRST_LIST], g_value_get_boxed (value));
  else if (prop_id == PROP_ID)
    self->id = g_value_dup_string (value);
  else if (prop_id == PROP_EXTRAS)
    waymark_persona_set_extras (self, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
waymark_persona_class_init (WaymarkPersonaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  static const char * const string_names[N_STRINGS] = {
    "name", "role", "quote", "color", "demographics", "evidence", "photo",
  };

  object_class->finalize = waymark_persona_finalize;
  object_class->get_property = waymark_persona_get_property;
  object_class->set_property = waymark_persona_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  for (guint i = 0; i < N_STRINGS; i++)
    properties[FIRST_STRING + i] = g_param_spec_string (string_names[i], NULL, NULL, "", rw);
  for (guint i = 0; i < N_LISTS; i++)
    properties[FIRST_LIST + i] = g_param_spec_boxed (list_names[i], NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_EXTRAS] = g_param_spec_boxed ("extras", NULL, NULL, G_TYPE_BYTES, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_persona_init (WaymarkPersona *self)
{
}

WaymarkPersona *
waymark_persona_new (const char *id,
                     const char *name)
{
  WaymarkPersona *self;

  g_return_val_if_fail (id != NULL, NULL);

  /* Not through the "id" property: readers make 100,000 of these. */
  self = g_object_new (WAYMARK_TYPE_PERSONA, NULL);
  self->id = g_strdup (id);
  waymark_field_set_string (&self->strings[PROP_NAME - FIRST_STRING], name);
  return self;
}

const char *
waymark_persona_get_id (WaymarkPersona *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);
  return self->id;
}

#define STRING_ACCESSORS(field, PROP) \
  const char * \
  waymark_persona_get_##field (WaymarkPersona *self) \
  { \
    g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL); \
    return STRING (self, PROP); \
  } \
  void \
  waymark_persona_set_##field (WaymarkPersona *self, \
                               const char     *value) \
  { \
    set_string (self, PROP, value); \
  }

STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (role, PROP_ROLE)
STRING_ACCESSORS (quote, PROP_QUOTE)
STRING_ACCESSORS (color, PROP_COLOR)
STRING_ACCESSORS (demographics, PROP_DEMOGRAPHICS)
STRING_ACCESSORS (evidence, PROP_EVIDENCE)
STRING_ACCESSORS (photo, PROP_PHOTO)

const char * const *
waymark_persona_get_list (WaymarkPersona *self,
                          const char     *list)
{
  int i = list_index (list);

  g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);
  g_return_val_if_fail (i >= 0, NULL);
  return waymark_strv_or_empty (self->lists[i]);
}

void
waymark_persona_set_list (WaymarkPersona     *self,
                          const char         *list,
                          const char * const *entries)
{
  int i = list_index (list);

  g_return_if_fail (WAYMARK_IS_PERSONA (self));
  g_return_if_fail (i >= 0);
  if (waymark_field_set_strv (&self->lists[i], entries))
    g_object_notify_by_pspec (G_OBJECT (self), properties[FIRST_LIST + i]);
}

GBytes *
waymark_persona_get_extras (WaymarkPersona *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA (self), NULL);
  return self->extras;
}

void
waymark_persona_set_extras (WaymarkPersona *self,
                            GBytes         *extras)
{
  g_return_if_fail (WAYMARK_IS_PERSONA (self));
  if (waymark_field_set_bytes (&self->extras, extras))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRAS]);
}
