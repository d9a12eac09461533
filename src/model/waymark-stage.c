/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkStage: a column of the map. */
#include "config.h"

#include "waymark-kpi.h"
#include "waymark-model-private.h"
#include "waymark-stage.h"

struct _WaymarkStage
{
  GObject    parent_instance;
  char      *id;
  char      *name;
  char      *description;
  char      *color;
  GPtrArray *kpis;
  GBytes    *extras;
};

G_DEFINE_FINAL_TYPE (WaymarkStage, waymark_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_COLOR,
  PROP_KPIS,
  PROP_EXTRAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
waymark_stage_finalize (GObject *object)
{
  WaymarkStage *self = (WaymarkStage *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->color);
  g_clear_pointer (&self->kpis, g_ptr_array_unref);
  g_clear_pointer (&self->extras, g_bytes_unref);

  G_OBJECT_CLASS (waymark_stage_parent_class)->finalize (object);
}

static void
waymark_stage_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WaymarkStage *self = WAYMARK_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, WAYMARK_STR (self->name));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, WAYMARK_STR (self->description));
      break;
    case PROP_COLOR:
      g_value_set_string (value, WAYMARK_STR (self->color));
      break;
    case PROP_KPIS:
      g_value_set_boxed (value, waymark_stage_get_kpis (self));
      break;
    case PROP_EXTRAS:
      g_value_set_boxed (value, self->extras);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_stage_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WaymarkStage *self = WAYMARK_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      waymark_stage_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      waymark_stage_set_description (self, g_value_get_string (value));
      break;
    case PROP_COLOR:
      waymark_stage_set_color (self, g_value_get_string (value));
      break;
    case PROP_KPIS:
      waymark_stage_set_kpis (self, g_value_get_boxed (value));
      break;
    case PROP_EXTRAS:
      waymark_stage_set_extras (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_stage_class_init (WaymarkStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = waymark_stage_finalize;
  object_class->get_property = waymark_stage_get_property;
  object_class->set_property = waymark_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, "", rw);
  properties[PROP_KPIS] = g_param_spec_boxed ("kpis", NULL, NULL, G_TYPE_PTR_ARRAY, rw);
  properties[PROP_EXTRAS] = g_param_spec_boxed ("extras", NULL, NULL, G_TYPE_BYTES, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_stage_init (WaymarkStage *self)
{
}

WaymarkStage *
waymark_stage_new (const char *id,
                   const char *name)
{
  WaymarkStage *self;

  g_return_val_if_fail (id != NULL, NULL);

  /* Not through the "id" property: readers make 100,000 of these. */
  self = g_object_new (WAYMARK_TYPE_STAGE, NULL);
  self->id = g_strdup (id);
  waymark_stage_set_name (self, name);
  return self;
}

const char *
waymark_stage_get_id (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return self->id;
}

const char *
waymark_stage_get_name (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return WAYMARK_STR (self->name);
}

void
waymark_stage_set_name (WaymarkStage *self,
                        const char   *name)
{
  g_return_if_fail (WAYMARK_IS_STAGE (self));
  if (waymark_field_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
waymark_stage_get_description (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return WAYMARK_STR (self->description);
}

void
waymark_stage_set_description (WaymarkStage *self,
                               const char   *description)
{
  g_return_if_fail (WAYMARK_IS_STAGE (self));
  if (waymark_field_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
waymark_stage_get_color (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return WAYMARK_STR (self->color);
}

void
waymark_stage_set_color (WaymarkStage *self,
                         const char   *color)
{
  g_return_if_fail (WAYMARK_IS_STAGE (self));
  if (waymark_field_set_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

/* Never NULL: an empty array when the stage has no KPIs. */
GPtrArray *
waymark_stage_get_kpis (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  if (self->kpis == NULL)
    self->kpis = waymark_kpi_array_new ();
  return self->kpis;
}

void
waymark_stage_set_kpis (WaymarkStage *self,
                        GPtrArray    *kpis)
{
  g_return_if_fail (WAYMARK_IS_STAGE (self));

  if (waymark_kpi_array_equal (self->kpis, kpis))
    return;
  g_clear_pointer (&self->kpis, g_ptr_array_unref);
  self->kpis = kpis ? g_ptr_array_ref (kpis) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KPIS]);
}

GBytes *
waymark_stage_get_extras (WaymarkStage *self)
{
  g_return_val_if_fail (WAYMARK_IS_STAGE (self), NULL);
  return self->extras;
}

void
waymark_stage_set_extras (WaymarkStage *self,
                          GBytes       *extras)
{
  g_return_if_fail (WAYMARK_IS_STAGE (self));
  if (waymark_field_set_bytes (&self->extras, extras))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRAS]);
}
