/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in templates: a table of what people see, and the .jmap
 * resources (data/templates/) read with the ordinary reader, then
 * translated: their texts reach the catalogue through the generated
 * waymark-template-strings.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "waymark-jmap-reader.h"
#include "waymark-kpi.h"
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

/* The German (or other) text for an English template text; the empty
 * string stays empty, as it is the catalogue's header. */
static const char *
translate (const char *text)
{
  if (text == NULL || *text == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

#define TRANSLATE(object, get, set) set (object, translate (get (object)))

static void
translate_stage (WaymarkStage *stage)
{
  GPtrArray *kpis = waymark_stage_get_kpis (stage);
  g_autoptr(GPtrArray) translated = waymark_kpi_array_new ();

  TRANSLATE (stage, waymark_stage_get_name, waymark_stage_set_name);
  TRANSLATE (stage, waymark_stage_get_description, waymark_stage_set_description);

  if (kpis->len == 0)
    return;
  for (guint i = 0; i < kpis->len; i++)
    {
      WaymarkKpi *kpi = waymark_kpi_copy (g_ptr_array_index (kpis, i));
      char *name = g_strdup (translate (kpi->name));
      char *value = g_strdup (translate (kpi->value));
      char *target = g_strdup (translate (kpi->target));

      g_free (kpi->name);
      g_free (kpi->value);
      g_free (kpi->target);
      kpi->name = name;
      kpi->value = value;
      kpi->target = target;
      g_ptr_array_add (translated, kpi);
    }
  waymark_stage_set_kpis (stage, translated);
}

static void
translate_persona (WaymarkPersona *persona)
{
  static const char * const lists[] = {
    "goals", "pain-points", "behaviors", "preferences",
  };

  TRANSLATE (persona, waymark_persona_get_name, waymark_persona_set_name);
  TRANSLATE (persona, waymark_persona_get_role, waymark_persona_set_role);
  TRANSLATE (persona, waymark_persona_get_quote, waymark_persona_set_quote);
  TRANSLATE (persona, waymark_persona_get_demographics, waymark_persona_set_demographics);
  TRANSLATE (persona, waymark_persona_get_evidence, waymark_persona_set_evidence);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char * const *entries = waymark_persona_get_list (persona, lists[i]);
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) translated = NULL;

      if (entries == NULL || entries[0] == NULL)
        continue;
      builder = g_strv_builder_new ();
      for (guint j = 0; entries[j] != NULL; j++)
        g_strv_builder_add (builder, translate (entries[j]));
      translated = g_strv_builder_end (builder);
      waymark_persona_set_list (persona, lists[i], (const char * const *) translated);
    }
}

/* Every text build-aux/extract-template-strings.py extracts, in place.
 * The model's own setters record no history (only the document's edit
 * commands do), so the map stays a fresh, unmodified one. */
static void
translate_document (WaymarkDocument *document)
{
  GListModel *list;

  TRANSLATE (document, waymark_document_get_title, waymark_document_set_title);
  TRANSLATE (document, waymark_document_get_description, waymark_document_set_description);

  list = waymark_document_get_stages (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (list, i);

      translate_stage (stage);
    }

  list = waymark_document_get_lanes (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (list, i);

      TRANSLATE (lane, waymark_lane_get_name, waymark_lane_set_name);
      TRANSLATE (lane, waymark_lane_get_description, waymark_lane_set_description);
    }

  list = waymark_document_get_cards (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (list, i);

      TRANSLATE (card, waymark_card_get_title, waymark_card_set_title);
      TRANSLATE (card, waymark_card_get_notes, waymark_card_set_notes);
      TRANSLATE (card, waymark_card_get_owner, waymark_card_set_owner);
      TRANSLATE (card, waymark_card_get_evidence, waymark_card_set_evidence);
    }

  list = waymark_document_get_personas (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (list, i);

      translate_persona (persona);
    }
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
  if (document == NULL)
    return NULL;
  if (repairs != NULL)
    g_warning ("The template “%s” needed repairs: %s", id, repairs[0]);
  translate_document (document);
  g_warn_if_fail (!waymark_document_get_modified (document));
  return document;
}
