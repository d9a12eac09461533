/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WaymarkLane: a row of the map. The kind is kept as the string read from
 * the file, so that a kind from a newer format survives a save. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "waymark-lane.h"
#include "waymark-model-private.h"

struct _WaymarkLane
{
  GObject  parent_instance;
  char    *id;
  char    *kind;
  char    *name;
  char    *description;
  GBytes  *extras;
};

G_DEFINE_FINAL_TYPE (WaymarkLane, waymark_lane, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_EXTRAS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[WAYMARK_N_LANE_KINDS] = {
  "actions", "touchpoints", "thoughts", "emotions",
  "pain-points", "solutions", "backstage", "text",
};

WaymarkLaneKind
waymark_lane_kind_from_string (const char *kind)
{
  for (guint i = 0; kind != NULL && i < WAYMARK_N_LANE_KINDS; i++)
    if (g_str_equal (kind, kind_names[i]))
      return (WaymarkLaneKind) i;
  return WAYMARK_LANE_KIND_TEXT;
}

const char *
waymark_lane_kind_to_string (WaymarkLaneKind kind)
{
  g_return_val_if_fail (kind < WAYMARK_N_LANE_KINDS, "text");
  return kind_names[kind];
}

const char *
waymark_lane_kind_get_label (WaymarkLaneKind kind)
{
  switch (kind)
    {
    case WAYMARK_LANE_KIND_ACTIONS:
      return _("Customer actions");
    case WAYMARK_LANE_KIND_TOUCHPOINTS:
      return _("Touchpoints");
    case WAYMARK_LANE_KIND_THOUGHTS:
      return _("Thoughts");
    case WAYMARK_LANE_KIND_EMOTIONS:
      return _("Emotions");
    case WAYMARK_LANE_KIND_PAIN_POINTS:
      return _("Pain points");
    case WAYMARK_LANE_KIND_SOLUTIONS:
      return _("Solutions");
    case WAYMARK_LANE_KIND_BACKSTAGE:
      return _("Backstage");
    case WAYMARK_LANE_KIND_TEXT:
    default:
      return _("Text");
    }
}

static void
waymark_lane_finalize (GObject *object)
{
  WaymarkLane *self = (WaymarkLane *) object;

  g_free (self->id);
  g_free (self->kind);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->extras, g_bytes_unref);

  G_OBJECT_CLASS (waymark_lane_parent_class)->finalize (object);
}

static void
waymark_lane_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WaymarkLane *self = WAYMARK_LANE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, waymark_lane_get_kind (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, WAYMARK_STR (self->name));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, WAYMARK_STR (self->description));
      break;
    case PROP_EXTRAS:
      g_value_set_boxed (value, self->extras);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_lane_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WaymarkLane *self = WAYMARK_LANE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      waymark_lane_set_kind (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      waymark_lane_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      waymark_lane_set_description (self, g_value_get_string (value));
      break;
    case PROP_EXTRAS:
      waymark_lane_set_extras (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_lane_class_init (WaymarkLaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = waymark_lane_finalize;
  object_class->get_property = waymark_lane_get_property;
  object_class->set_property = waymark_lane_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "text", rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", rw);
  properties[PROP_EXTRAS] = g_param_spec_boxed ("extras", NULL, NULL, G_TYPE_BYTES, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
waymark_lane_init (WaymarkLane *self)
{
}

WaymarkLane *
waymark_lane_new (const char *id,
                  const char *kind,
                  const char *name)
{
  WaymarkLane *self;

  g_return_val_if_fail (id != NULL, NULL);

  /* Not through the "id" property: readers make 100,000 of these. */
  self = g_object_new (WAYMARK_TYPE_LANE, NULL);
  self->id = g_strdup (id);
  waymark_lane_set_kind (self, kind);
  waymark_lane_set_name (self, name);
  return self;
}

const char *
waymark_lane_get_id (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return self->id;
}

const char *
waymark_lane_get_kind (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return self->kind ? self->kind : "text";
}

WaymarkLaneKind
waymark_lane_get_kind_enum (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), WAYMARK_LANE_KIND_TEXT);
  return waymark_lane_kind_from_string (self->kind);
}

void
waymark_lane_set_kind (WaymarkLane *self,
                       const char  *kind)
{
  g_return_if_fail (WAYMARK_IS_LANE (self));
  if (kind == NULL || *kind == '\0')
    kind = "text";
  if (waymark_field_set_string (&self->kind, kind))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
waymark_lane_get_name (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return WAYMARK_STR (self->name);
}

void
waymark_lane_set_name (WaymarkLane *self,
                       const char  *name)
{
  g_return_if_fail (WAYMARK_IS_LANE (self));
  if (waymark_field_set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
waymark_lane_get_description (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return WAYMARK_STR (self->description);
}

void
waymark_lane_set_description (WaymarkLane *self,
                              const char  *description)
{
  g_return_if_fail (WAYMARK_IS_LANE (self));
  if (waymark_field_set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

GBytes *
waymark_lane_get_extras (WaymarkLane *self)
{
  g_return_val_if_fail (WAYMARK_IS_LANE (self), NULL);
  return self->extras;
}

void
waymark_lane_set_extras (WaymarkLane *self,
                         GBytes      *extras)
{
  g_return_if_fail (WAYMARK_IS_LANE (self));
  if (waymark_field_set_bytes (&self->extras, extras))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRAS]);
}
