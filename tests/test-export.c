/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SVG writer and the exporter, without a display: pictures of the
 * size asked for and not blank, transparent corners when asked, PDFs
 * whose text holds every title, well-formed self-contained SVG, hostile
 * text kept inside its card, stage ranges and persona focus, errors for
 * what cannot be exported, and files left alone when an export fails. */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "test-examples.h"
#include "test-pdf.h"
#include "waymark-exporter.h"
#include "waymark-jmap-writer.h"
#include "waymark-layout.h"
#include "waymark-svg-writer.h"

static const char * const examples[] = {
  "grocery-first-order.jmap",
  "saas-trial-to-renewal.jmap",
  "empty.jmap",
};

static WaymarkExportOptions *
options_new (WaymarkExportFormat format)
{
  WaymarkExportOptions *options = waymark_export_options_new ();

  options->format = format;
  /* A fixed date keeps pictures comparable. */
  options->date = g_strdup ("23 November 2026");
  return options;
}

static GBytes *
export_bytes (WaymarkDocument            *document,
              const WaymarkExportOptions *options)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = waymark_export_to_bytes (document, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* ---- PNG ---- */

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;
  gsize size;
  const guint8 *all = g_bytes_get_data (reader->bytes, &size);

  if (reader->offset + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, all + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
png_surface (GBytes *bytes)
{
  Reader reader = { bytes, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + 4 * x);
}

static guint
count_colours (cairo_surface_t *surface)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      g_hash_table_add (seen, GUINT_TO_POINTER (pixel_at (surface, x, y)));
  return g_hash_table_size (seen);
}

static void
save_for_eyes (GBytes     *bytes,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes), NULL));
}

static void
assert_png (WaymarkDocument            *document,
            const WaymarkExportOptions *options,
            int                         expected_width,
            int                         expected_height,
            const char                 *save_as)
{
  g_autoptr (GBytes) bytes = export_bytes (document, options);
  cairo_surface_t *surface = png_surface (bytes);
  int width = 0, height = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (waymark_export_get_size (document, options, &width, &height, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  if (expected_width > 0)
    g_assert_cmpint (width, ==, expected_width);
  if (expected_height > 0)
    g_assert_cmpint (height, ==, expected_height);
  /* Not blank: a map has many colours (text, bands, cards). */
  g_assert_cmpuint (count_colours (surface), >, 20);
  if (options->transparent)
    {
      g_assert_cmpuint (pixel_at (surface, 0, 0) >> 24, ==, 0);
      g_assert_cmpuint (pixel_at (surface, width - 1, height - 1) >> 24, ==, 0);
    }
  else
    g_assert_cmpuint (pixel_at (surface, 0, 0) >> 24, ==, 255);
  if (save_as != NULL)
    save_for_eyes (bytes, save_as);
  cairo_surface_destroy (surface);
}

static void
test_png_sizes (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr (WaymarkDocument) document = test_examples_load (examples[e]);
      g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PNG);
      int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
      gboolean grocery = e == 0;

      g_test_message ("%s", examples[e]);
      g_assert_true (waymark_export_get_size (document, options, &w1, &h1, NULL));
      g_assert_cmpint (w1, >, 300);
      g_assert_cmpint (h1, >, 100);
      assert_png (document, options, w1, h1, grocery ? "export-grocery-1x.png" : NULL);

      options->scale = 2;
      g_assert_true (waymark_export_get_size (document, options, &w2, &h2, NULL));
      g_assert_cmpint (abs (w2 - 2 * w1), <=, 1);
      g_assert_cmpint (abs (h2 - 2 * h1), <=, 1);
      assert_png (document, options, w2, h2, grocery ? "export-grocery-2x.png" : NULL);

      options->scale = 1;
      options->width = 800;
      assert_png (document, options, 800, (int) round (800.0 * h1 / w1), NULL);

      options->width = 0;
      options->preset = WAYMARK_EXPORT_SLIDE_16_9;
      assert_png (document, options, 1920, 1080, grocery ? "export-grocery-16x9.png" : NULL);

      options->preset = WAYMARK_EXPORT_SLIDE_4_3;
      options->scale = 2;
      assert_png (document, options, 3200, 2400, NULL);

      options->preset = WAYMARK_EXPORT_WHOLE_MAP;
      options->scale = 1;
      options->transparent = TRUE;
      assert_png (document, options, w1, h1, NULL);

      options->transparent = FALSE;
      options->theme = WAYMARK_THEME_DARK;
      assert_png (document, options, w1, h1, grocery ? "export-grocery-dark.png" : NULL);
    }
}

static void
test_too_large (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PNG);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  options->width = 40000;
  g_assert_false (waymark_export_get_size (document, options, NULL, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "32000"));
  g_clear_error (&error);
  bytes = waymark_export_to_bytes (document, options, NULL, NULL, NULL, &error);
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* Under the side limit, over the megapixels. */
  options->width = 0;
  options->preset = WAYMARK_EXPORT_SLIDE_16_9;
  options->scale = 4;
  g_assert_true (waymark_export_get_size (document, options, NULL, NULL, &error));
  options->width = 25000;
  g_assert_false (waymark_export_get_size (document, options, NULL, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE);
}

/* ---- SVG ---- */

typedef struct
{
  GString *text;
  GPtrArray *hrefs;
  gboolean in_text;
} SvgScan;

static void
scan_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              data,
            GError              **error)
{
  SvgScan *scan = data;

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "href") == 0 || g_str_has_suffix (names[i], ":href"))
      g_ptr_array_add (scan->hrefs, g_strdup (values[i]));
  if (strcmp (element, "tspan") == 0)
    scan->in_text = TRUE;
}

static void
scan_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              data,
          GError              **error)
{
  SvgScan *scan = data;

  if (strcmp (element, "tspan") == 0)
    {
      scan->in_text = FALSE;
      g_string_append_c (scan->text, '\n');
    }
}

static void
scan_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              data,
           GError              **error)
{
  SvgScan *scan = data;

  if (scan->in_text)
    g_string_append_len (scan->text, text, (gssize) length);
}

/* Parses the SVG strictly (GMarkup refuses what is not well-formed XML),
 * collecting the text of its lines and every href. */
static void
scan_svg (const char *svg,
          gsize       length,
          GString    *text,
          GPtrArray  *hrefs)
{
  static const GMarkupParser parser = { scan_start, scan_end, scan_text, NULL, NULL };
  SvgScan scan = { text, hrefs, FALSE };
  g_autoptr (GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &scan, NULL);
  g_autoptr (GError) error = NULL;
  const char *body = strstr (svg, "<svg");

  g_assert_nonnull (body);
  g_markup_parse_context_parse (context, body, (gssize) (length - (body - svg)), &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
assert_svg_sound (GBytes *bytes)
{
  gsize length;
  const char *svg = g_bytes_get_data (bytes, &length);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  RsvgHandle *handle;

  scan_svg (svg, length, text, hrefs);
  for (guint i = 0; i < hrefs->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (hrefs, i), "data:image/"));
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) svg[i];

      g_assert_true (c >= 0x20 || c == '\n');
      g_assert_cmpint (c, !=, 0x7f);
    }
  g_assert_true (g_utf8_validate (svg, (gssize) length, NULL));

  /* librsvg reads it back. */
  handle = rsvg_handle_new_from_data ((const guint8 *) svg, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (handle);
  g_object_unref (handle);
}

static void
run_xmllint (GBytes *bytes)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  if (xmllint == NULL)
    {
      g_test_message ("xmllint is not installed; GMarkup checked well-formedness");
      return;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              xmllint, "--noout", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, g_bytes_get_data (bytes, NULL), NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_subprocess_get_successful (process));
}

static char *
squash_spaces (const char *text)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \n\t\r", -1);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every card title, stage name, lane name and persona name of the map
 * is in the text (titles may wrap over several lines). */
static void
assert_names_in (WaymarkDocument *document,
                 const char      *found)
{
  g_autofree char *text = squash_spaces (found);
  GListModel *models[] = {
    waymark_document_get_cards (document),
    waymark_document_get_stages (document),
    waymark_document_get_lanes (document),
    waymark_document_get_personas (document),
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (models[m], i);
        g_autofree char *name = NULL;
        g_autofree char *wanted = NULL;

        g_object_get (item, WAYMARK_IS_CARD (item) ? "title" : "name", &name, NULL);
        wanted = squash_spaces (name);
        if (*wanted == '\0')
          continue;
        if (strstr (text, wanted) == NULL)
          g_error ("“%s” is not in the exported text:\n%s", wanted, text);
      }
}

static void
test_svg (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr (WaymarkDocument) document = test_examples_load (examples[e]);
      g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_SVG);
      g_autoptr (GBytes) bytes = export_bytes (document, options);
      g_autoptr (GBytes) again = NULL;
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);

      g_test_message ("%s", examples[e]);
      assert_svg_sound (bytes);
      run_xmllint (bytes);
      scan_svg (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, hrefs);
      assert_names_in (document, text->str);
      if (e == 0)
        save_for_eyes (bytes, "export-grocery.svg");

      /* The same map gives the same bytes. */
      again = export_bytes (document, options);
      g_assert_true (g_bytes_equal (bytes, again));
    }
}

/* Numbers are written the same in every locale. */
static void
test_svg_locale (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_SVG);
  g_autoptr (GBytes) before = export_bytes (document, options);
  g_autoptr (GBytes) after = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL &&
      setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }
  after = export_bytes (document, options);
  setlocale (LC_NUMERIC, old);
  g_assert_true (g_bytes_equal (before, after));
}

/* ---- PDF ---- */

static char *
pdf_text (GBytes *pdf)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = NULL;

  if (pdftotext == NULL)
    return NULL;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              pdftotext, "-raw", "-enc", "UTF-8", "-", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, pdf, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static void
test_pdf (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (examples); e++)
    {
      g_autoptr (WaymarkDocument) document = test_examples_load (examples[e]);
      g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PDF);
      g_autoptr (GBytes) bytes = export_bytes (document, options);
      g_autofree char *text = NULL;

      g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
      if (e == 0)
        save_for_eyes (bytes, "export-grocery.pdf");
      text = pdf_text (bytes);
      if (text == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          return;
        }
      assert_names_in (document, text);
    }
}

static guint
count_pages (GBytes *pdf)
{
  return test_count_pdf_pages (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
}

static void
test_pdf_poster (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PDF);
  g_autoptr (GBytes) fit = NULL;
  g_autoptr (GBytes) a4 = NULL;
  g_autoptr (GBytes) a3 = NULL;
  int width, height;
  guint n_a4, n_a3;

  fit = export_bytes (document, options);
  /* Twice life size: a wall poster. */
  options->scale = 2;
  options->page = WAYMARK_EXPORT_PAGE_A4;
  a4 = export_bytes (document, options);
  options->page = WAYMARK_EXPORT_PAGE_A3;
  a3 = export_bytes (document, options);
  g_assert_true (waymark_export_get_size (document, options, &width, &height, NULL));

  n_a4 = count_pages (a4);
  n_a3 = count_pages (a3);
  g_assert_cmpuint (count_pages (fit), ==, 1);
  g_test_message ("map %d × %d px: %u A4 pages, %u A3 pages", width, height, n_a4, n_a3);
  /* A map wider than a sheet needs several; A3 needs fewer than A4. */
  g_assert_cmpuint (n_a4, >, 1);
  g_assert_cmpuint (n_a3, >=, 1);
  g_assert_cmpuint (n_a3, <, n_a4);
  save_for_eyes (a4, "export-grocery-a4.pdf");
}

/* ---- Hostile text ---- */

static WaymarkDocument *
hostile_document (void)
{
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (GString) unbroken = g_string_new (NULL);
  WaymarkDocument *document = waymark_document_new ();
  WaymarkStage *stage;
  WaymarkLane *lane;
  WaymarkLane *emotions;
  WaymarkPersona *persona;
  const char *titles[] = {
    "<b>&amp;</b> \"quoted\" 'single' <script>alert(1)</script>",
    "control\x01\x02\x1b[31m chars\x7f and\ttab",
    "مرحبا بالعالم — עברית mixed with English",
    "Emoji 😀🎉👩‍👩‍👧 and ZWJ",
    NULL, /* 2,000 words */
    NULL, /* one unbreakable word */
    "]]> <!-- --> <?xml?> &#x0; &lt;",
  };

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (words, "%sword%u", i > 0 ? " " : "", i);
  for (guint i = 0; i < 3000; i++)
    g_string_append_c (unbroken, (char) ('a' + i % 26));
  titles[4] = words->str;
  titles[5] = unbroken->str;

  waymark_document_set_title (document, "<b>&amp;</b>");
  waymark_document_set_description (document, "Line one\nline two\x01 with <markup>");
  stage = waymark_document_add_stage (document, "Stage <i>one</i> & \"two\"", -1);
  lane = waymark_document_add_lane (document, "touchpoints", "Lane\x02 name", -1);
  emotions = waymark_document_add_lane (document, "emotions", "Feelings", -1);
  persona = waymark_document_add_persona (document, "Persona <&>", -1);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      WaymarkCard *card = waymark_document_add_card (document, waymark_stage_get_id (stage),
                                                     waymark_lane_get_id (lane), titles[i], -1);

      waymark_document_set_string (document, G_OBJECT (card), "channel", titles[i]);
      waymark_document_set_string (document, G_OBJECT (card), "owner", titles[(i + 1) % G_N_ELEMENTS (titles)]);
    }
  for (guint i = 0; i < 3; i++)
    {
      WaymarkCard *card = waymark_document_add_card (document, waymark_stage_get_id (stage),
                                                     waymark_lane_get_id (emotions), titles[4 + i % 2], -1);

      waymark_document_set_card_emotion (document, card, TRUE, (int) i - 1);
      waymark_document_set_card_persona (document, card, waymark_persona_get_id (persona), TRUE);
    }
  return document;
}

/* Every line of every card's title and meta stays within its card. */
static void
assert_text_inside_cards (WaymarkLayout *layout)
{
  PangoContext *context = waymark_layout_get_pango_context (layout);

  for (guint i = 0; i < waymark_layout_get_n_cards (layout); i++)
    {
      const WaymarkLayoutCard *lc = waymark_layout_get_card_at (layout, i);
      const WaymarkText *texts[] = { &lc->title, &lc->meta };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          PangoLayout *pango;
          PangoRectangle logical;

          if (texts[t]->text == NULL)
            continue;
          pango = waymark_layout_create_text (layout, texts[t]);
          pango_layout_get_pixel_extents (pango, NULL, &logical);
          g_assert_cmpint (pango_layout_get_line_count (pango), <=, MAX (texts[t]->max_lines, 1));
          if (!lc->is_point)
            {
              g_assert_cmpfloat (texts[t]->rect.x + logical.x, >=, lc->rect.x);
              g_assert_cmpfloat (texts[t]->rect.x + logical.x + logical.width, <=,
                                 lc->rect.x + lc->rect.width + 0.5);
              g_assert_cmpfloat (texts[t]->rect.y + logical.y + logical.height, <=,
                                 lc->rect.y + lc->rect.height + 0.5);
            }
          g_object_unref (pango);
        }
    }
  (void) context;
}

/* The lines written into the SVG are the lines the layout measured:
 * measuring each written line again gives no line wider than its box. */
static void
assert_svg_lines_fit (WaymarkLayout *layout,
                      const char    *svg)
{
  g_autoptr (PangoLayout) pango = pango_layout_new (waymark_layout_get_pango_context (layout));
  const PangoFontDescription *font = waymark_layout_get_font (layout, WAYMARK_FONT_CARD_TITLE);
  double widest = WAYMARK_LAYOUT_COLUMN_WIDTH;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = NULL;

  scan_svg (svg, strlen (svg), text, hrefs);
  lines = g_strsplit (text->str, "\n", -1);
  pango_layout_set_font_description (pango, font);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *plain = NULL;
      PangoRectangle logical;

      /* The escaped text came back through GMarkup, so it is plain. */
      plain = g_strdup (lines[i]);
      pango_layout_set_text (pango, plain, -1);
      pango_layout_get_pixel_extents (pango, NULL, &logical);
      if (logical.width > 1100)
        g_error ("a written line is %d px wide: %.80s…", logical.width, plain);
    }
  (void) widest;
}

static void
test_hostile_text (void)
{
  g_autoptr (WaymarkDocument) document = hostile_document ();
  g_autoptr (WaymarkLayout) layout = waymark_layout_new (document);
  WaymarkSvgOptions svg_options;
  g_autofree char *svg = NULL;
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_SVG);

  waymark_svg_options_init (&svg_options);
  svg = waymark_svg_write (layout, &svg_options, NULL, NULL);
  g_assert_nonnull (strstr (svg, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
  g_assert_null (strstr (svg, "<b>"));
  g_assert_null (strstr (svg, "<script"));
  assert_text_inside_cards (layout);
  assert_svg_lines_fit (layout, svg);

  for (WaymarkExportFormat f = WAYMARK_EXPORT_PNG; f <= WAYMARK_EXPORT_PDF; f++)
    {
      g_autoptr (GBytes) bytes = NULL;

      options->format = f;
      bytes = export_bytes (document, options);
      if (f == WAYMARK_EXPORT_SVG)
        {
          assert_svg_sound (bytes);
          run_xmllint (bytes);
        }
      else if (f == WAYMARK_EXPORT_PNG)
        save_for_eyes (bytes, "export-hostile.png");
      else
        {
          g_autofree char *text = pdf_text (bytes);

          /* The title shows literally, not as markup. */
          if (text != NULL)
            g_assert_nonnull (strstr (text, "<b>&amp;</b>"));
        }
    }
}

/* ---- Ranges, personas, split ---- */

static void
test_stage_range (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_SVG);
  GListModel *stages = waymark_document_get_stages (document);
  guint n = g_list_model_get_n_items (stages);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  int all_width, part_width;

  g_assert_cmpuint (n, >=, 3);
  g_assert_true (waymark_export_get_size (document, options, &all_width, NULL, NULL));
  options->first_stage = 1;
  options->last_stage = 2;
  g_assert_true (waymark_export_get_size (document, options, &part_width, NULL, NULL));
  g_assert_cmpint (part_width, <, all_width);
  bytes = export_bytes (document, options);
  scan_svg (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, hrefs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (WaymarkStage) stage = g_list_model_get_item (stages, i);
      gboolean shown = strstr (text->str, waymark_stage_get_name (stage)) != NULL;

      g_assert_cmpint (shown, ==, i == 1 || i == 2);
    }
  /* The document itself is untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n);
  g_assert_false (waymark_document_get_modified (document));

  options->last_stage = (int) n;
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = waymark_export_to_bytes (document, options, NULL, NULL, NULL, &error);
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID);
  g_assert_null (bytes);
}

static void
test_persona_focus (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_SVG);
  GListModel *personas = waymark_document_get_personas (document);
  g_autoptr (WaymarkPersona) persona = NULL;
  g_autoptr (GBytes) all = NULL;
  g_autoptr (GBytes) focused = NULL;
  g_autoptr (GBytes) png = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (personas), >=, 1);
  persona = g_list_model_get_item (personas, 0);
  all = export_bytes (document, options);
  options->persona_id = g_strdup (waymark_persona_get_id (persona));
  focused = export_bytes (document, options);
  g_assert_false (g_bytes_equal (all, focused));
  {
    g_autofree char *all_svg = g_strndup (g_bytes_get_data (all, NULL), g_bytes_get_size (all));
    g_autofree char *focused_svg = g_strndup (g_bytes_get_data (focused, NULL), g_bytes_get_size (focused));

    /* Cards for others are faint, and so are the other personas. */
    g_assert_null (strstr (all_svg, "<g opacity="));
    g_assert_nonnull (strstr (focused_svg, "<g opacity=\"0.3\">"));
    if (g_list_model_get_n_items (personas) > 1)
      g_assert_nonnull (strstr (focused_svg, "<g opacity=\"0.35\">"));
  }
  options->format = WAYMARK_EXPORT_PNG;
  png = export_bytes (document, options);
  save_for_eyes (png, "export-grocery-persona.png");

  g_free (options->persona_id);
  options->persona_id = g_strdup ("nobody-has-this-id");
  g_assert_false (waymark_export_get_size (document, options, NULL, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_INVALID);
}

static GFile *
temp_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_dir_make_tmp ("waymark-export-XXXXXX", &error);

  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
delete_folder (GFile *folder)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (folder, g_file_info_get_name (info));

      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (folder, NULL, NULL);
}

static guint
count_children (GFile *folder)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NONE, NULL, NULL);
  GFileInfo *info;
  guint n = 0;

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      n++;
      g_object_unref (info);
    }
  return n;
}

static void
test_split_stages (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PNG);
  g_autoptr (GFile) folder = temp_folder ();
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  guint n = g_list_model_get_n_items (waymark_document_get_stages (document));

  options->preset = WAYMARK_EXPORT_SLIDE_16_9;
  g_assert_true (waymark_export_split_stages (document, options, folder, "deck", &files,
                                              NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, n);
  g_assert_cmpuint (count_children (folder), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, i));
      g_autofree char *expected = g_strdup_printf ("deck-%02u.png", i + 1);
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr (GBytes) bytes = NULL;
      cairo_surface_t *surface;

      g_assert_cmpstr (name, ==, expected);
      g_assert_true (g_file_load_contents (g_ptr_array_index (files, i), NULL, &contents, &length, NULL, NULL));
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      surface = png_surface (bytes);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1920);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1080);
      cairo_surface_destroy (surface);
      if (i == 1)
        save_for_eyes (bytes, "export-grocery-stage-2.png");
    }
  delete_folder (folder);
}

/* ---- Files ---- */

static void
test_failed_export_keeps_file (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PNG);
  g_autoptr (GFile) folder = temp_folder ();
  g_autoptr (GFile) target = g_file_get_child (folder, "map.png");
  g_autoptr (GFile) missing = g_file_resolve_relative_path (folder, "no/such/dir/map.png");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_replace_contents (target, "precious", 8, NULL, FALSE, 0, NULL, NULL, NULL));

  options->width = 40000;
  g_assert_false (waymark_export_to_file (document, options, target, NULL, NULL, NULL, &error));
  g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  options->width = 0;
  g_cancellable_cancel (cancellable);
  g_assert_false (waymark_export_to_file (document, options, target, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (g_file_load_contents (target, NULL, &contents, NULL, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
  g_assert_cmpuint (count_children (folder), ==, 1);

  /* A new file that fails is not left behind, not even empty. */
  {
    g_autoptr (GFile) fresh = g_file_get_child (folder, "fresh.png");

    g_assert_false (waymark_export_to_file (document, options, fresh, cancellable, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    options->width = 40000;
    g_assert_false (waymark_export_to_file (document, options, fresh, NULL, NULL, NULL, &error));
    g_assert_error (error, WAYMARK_EXPORT_ERROR, WAYMARK_EXPORT_ERROR_TOO_LARGE);
    g_clear_error (&error);
    options->width = 0;
    g_assert_false (g_file_query_exists (fresh, NULL));
  }

  g_assert_false (waymark_export_to_file (document, options, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (waymark_export_to_file (document, options, target, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_load_contents (target, NULL, &contents, NULL, NULL, NULL));
  g_assert_cmpmem (contents, 4, "\x89PNG", 4);
  delete_folder (folder);
}

/* ---- In a worker thread ---- */

typedef struct
{
  GAsyncResult *result;
  guint         n_progress;
  double        last;
  gboolean      backwards;
} Waiter;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
}

static void
on_progress (double   fraction,
             gpointer data)
{
  Waiter *waiter = data;

  g_assert_null (waiter->result);
  waiter->backwards |= fraction < waiter->last;
  waiter->last = fraction;
  waiter->n_progress++;
}

static void
test_async (void)
{
  g_autoptr (WaymarkDocument) document = test_examples_load ("grocery-first-order.jmap");
  g_autoptr (WaymarkExportOptions) options = options_new (WAYMARK_EXPORT_PDF);
  g_autoptr (GFile) folder = temp_folder ();
  g_autoptr (GFile) target = g_file_get_child (folder, "map.pdf");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  Waiter waiter = { 0 };

  waymark_export_async (document, options, target, FALSE, NULL, NULL, on_progress, &waiter, on_done, &waiter);
  /* The document may change while the export runs from its copy. */
  waymark_document_set_title (document, "Changed while exporting");
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (waymark_export_finish (waiter.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (waiter.n_progress, >, 1);
  g_assert_false (waiter.backwards);
  g_assert_true (g_file_query_exists (target, NULL));
  g_clear_object (&waiter.result);

  /* Cancelled: no file. */
  g_file_delete (target, NULL, NULL);
  g_cancellable_cancel (cancellable);
  waiter = (Waiter) { 0 };
  waymark_export_async (document, options, target, FALSE, NULL, cancellable, NULL, NULL, on_done, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (waymark_export_finish (waiter.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (target, NULL));
  g_clear_object (&waiter.result);

  /* Split into a folder. */
  waiter = (Waiter) { 0 };
  options->format = WAYMARK_EXPORT_SVG;
  waymark_export_async (document, options, folder, TRUE, "slide", NULL, NULL, NULL, on_done, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (waymark_export_finish (waiter.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_children (folder), ==,
                    g_list_model_get_n_items (waymark_document_get_stages (document)));
  g_clear_object (&waiter.result);

  /* Bytes, for previews and the clipboard. */
  waiter = (Waiter) { 0 };
  options->format = WAYMARK_EXPORT_PNG;
  options->width = 320;
  waymark_export_bytes_async (document, options, NULL, on_done, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  bytes = waymark_export_bytes_finish (waiter.result, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x89PNG", 4);
  g_clear_object (&waiter.result);

  delete_folder (folder);
}

static void
test_filenames (void)
{
  WaymarkExportFormat format;

  g_assert_true (waymark_export_format_from_filename ("a/b/map.PNG", &format));
  g_assert_cmpint (format, ==, WAYMARK_EXPORT_PNG);
  g_assert_true (waymark_export_format_from_filename ("x.svg", &format));
  g_assert_cmpint (format, ==, WAYMARK_EXPORT_SVG);
  g_assert_true (waymark_export_format_from_filename ("x.pdf", &format));
  g_assert_cmpint (format, ==, WAYMARK_EXPORT_PDF);
  g_assert_false (waymark_export_format_from_filename ("x.jmap", &format));
  g_assert_false (waymark_export_format_from_filename ("dir.png/file", &format));
  g_assert_false (waymark_export_format_from_filename ("png", &format));
  g_assert_cmpstr (waymark_export_format_get_mime_type (WAYMARK_EXPORT_SVG), ==, "image/svg+xml");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/filenames", test_filenames);
  g_test_add_func ("/export/png-sizes", test_png_sizes);
  g_test_add_func ("/export/too-large", test_too_large);
  g_test_add_func ("/export/svg", test_svg);
  g_test_add_func ("/export/svg-locale", test_svg_locale);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/pdf-poster", test_pdf_poster);
  g_test_add_func ("/export/hostile-text", test_hostile_text);
  g_test_add_func ("/export/stage-range", test_stage_range);
  g_test_add_func ("/export/persona-focus", test_persona_focus);
  g_test_add_func ("/export/split-stages", test_split_stages);
  g_test_add_func ("/export/failed-export-keeps-file", test_failed_export_keeps_file);
  g_test_add_func ("/export/async", test_async);

  return g_test_run ();
}
