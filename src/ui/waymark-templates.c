/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in templates: a table of what people see, and the .jmap
 * resources (data/templates/) read with the ordinary reader. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-jmap-reader.h"
#include "waymark-templates.h"

#define TEMPLATES_PATH "/io/github/waymark/Waymark/templates/"

static const WaymarkTemplate templates[] = {
  {
    "customer-journey",
    N_("Customer Journey"),
    N_("Awareness to advocacy, with actions, touchpoints, emotions and KPIs"),
  },
  {
    "service-blueprint",
    N_("Service Blueprint"),
    N_("What customers see, and what happens backstage to deliver it"),
  },
  {
    "b2b-purchase",
    N_("B2B Purchase"),
    N_("A buying committee, from the problem to a decision everyone backs"),
  },
  {
    "employee-onboarding",
    N_("Employee Onboarding"),
    N_("A new hire’s first months, from the signed offer to day 90"),
  },
  {
    "blank",
    N_("Blank"),
    N_("An empty map: add your own stages and lanes"),
  },
};

guint
waymark_templates_get_n_items (void)
{
  return G_N_ELEMENTS (templates);
}

const WaymarkTemplate *
waymark_templates_get_item (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (templates), NULL);

  return &templates[position];
}

const WaymarkTemplate *
waymark_templates_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      if (g_str_equal (templates[i].id, id))
        return &templates[i];
    }
  return NULL;
}

WaymarkDocument *
waymark_templates_load (const char  *id,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) repairs = NULL;
  WaymarkDocument *document;

  g_return_val_if_fail (id != NULL, NULL);

  if (waymark_templates_lookup (id) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no template called “%s”"), id);
      return NULL;
    }

  path = g_strconcat (TEMPLATES_PATH, id, ".jmap", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  /* Read like any file: a template is a map, and tests check that it
   * needs no repair, so it starts unmodified like a new empty map. */
  document = waymark_jmap_read (bytes, &repairs, error);
  if (document != NULL && repairs != NULL)
    g_warning ("The template “%s” needed repairs: %s", id, repairs[0]);
  return document;
}
