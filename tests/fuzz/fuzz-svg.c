/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SVG from a loaded map: whatever the map holds, the layout is computed
 * and the writer gives well-formed XML of a finite, positive size. The
 * options (theme, transparency, persona focus, a slide frame) are picked
 * from a hash of the input, so one input always draws the same way. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fuzz-common.h"
#include "waymark-layout.h"
#include "waymark-svg-writer.h"

/* Pango shapes every card's text; past this a single input takes seconds
 * and finds nothing more than smaller ones do. */
#define FUZZ_SVG_MAX_INPUT (256 * 1024)

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static guint32
hash_input (const uint8_t *data,
            size_t         size)
{
  guint32 h = 2166136261u;

  for (size_t i = 0; i < size; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

static const GMarkupParser no_parser = { NULL, };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  WaymarkDocument *document;
  WaymarkLayout *layout;
  WaymarkSvgOptions options;
  g_autofree char *svg = NULL;
  g_autofree char *persona_id = NULL;
  GMarkupParseContext *markup;
  GError *error = NULL;
  double width = -1, height = -1;
  guint32 pick;

  if (size > FUZZ_SVG_MAX_INPUT)
    return -1;
  document = fuzz_read (data, size, NULL);
  if (document == NULL)
    return 0;

  pick = hash_input (data, size);
  waymark_svg_options_init (&options);
  options.theme = pick & 3;
  options.transparent = (pick >> 2) & 1;
  if ((pick >> 3) & 1)
    {
      options.frame_width = 1920;
      options.frame_height = 1080;
    }
  layout = waymark_layout_new (document);
  if ((pick >> 4) & 1)
    {
      GListModel *personas = waymark_document_get_personas (document);

      if (g_list_model_get_n_items (personas) > 0)
        {
          g_autoptr(WaymarkPersona) persona = g_list_model_get_item (personas, 0);

          persona_id = g_strdup (waymark_persona_get_id (persona));
          options.persona_id = persona_id;
          waymark_layout_set_persona_focus (layout, persona_id);
        }
    }

  svg = waymark_svg_write (layout, &options, &width, &height);
  if (svg == NULL)
    fuzz_fail ("the SVG writer wrote nothing");
  if (!isfinite (width) || !isfinite (height) || width <= 0 || height <= 0)
    fuzz_fail ("the SVG has no finite, positive size");
  if (!g_utf8_validate (svg, -1, NULL))
    fuzz_fail ("the SVG is not UTF-8");

  /* Escaping: hostile text must not break the XML. */
  markup = g_markup_parse_context_new (&no_parser, 0, NULL, NULL);
  if (!g_markup_parse_context_parse (markup, svg, -1, &error) ||
      !g_markup_parse_context_end_parse (markup, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      fuzz_fail ("the SVG is not well-formed XML");
    }
  g_markup_parse_context_free (markup);

  g_object_unref (layout);
  g_object_unref (document);
  return 0;
}
