/* SPDX-License-Identifier: GPL-3.0-or-later */
/* waymark --export to PNG, SVG and PDF and waymark-thumbnailer, run as a
 * user would, with no display, on every example map: sizes, options,
 * what the files hold (read back with cairo, pdftotext and xmllint) and
 * that failures leave nothing behind. */
#include "config.h"

#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "test-examples.h"
#include "test-run.h"

#define WAYMARK (g_getenv ("WAYMARK_BINARY"))
#define THUMBNAILER (g_getenv ("WAYMARK_THUMBNAILER"))

/* waymark ARGS… and it must succeed silently. */
#define export_ok(run, ...) G_STMT_START {                          \
    run_program ((run), WAYMARK, __VA_ARGS__, NULL);                \
    if ((run)->status != 0)                                         \
      g_test_message ("waymark said: %s", (run)->err);              \
    g_assert_cmpint ((run)->status, ==, 0);                         \
    g_assert_cmpstr ((run)->out, ==, "");                           \
    g_assert_cmpstr ((run)->err, ==, "");                           \
  } G_STMT_END

static char *
example_path (const char *name)
{
  return g_build_filename (g_getenv ("WAYMARK_EXAMPLES_DIR"), name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Removes a directory and the files in it (tests make no subfolders). */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The names in dir, sorted. */
static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
assert_dir_empty (const char *dir)
{
  g_autoptr(GPtrArray) names = list_dir (dir);

  if (names->len > 0)
    g_test_message ("left behind: %s", (const char *) names->pdata[0]);
  g_assert_cmpuint (names->len, ==, 0);
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* The size a PNG declares in its IHDR chunk. */
static void
png_size (const char *path,
          int        *width,
          int        *height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guchar *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = (int) read_be32 (data + 16);
  *height = (int) read_be32 (data + 20);
}

static cairo_surface_t *
png_load (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 ||
                 cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  return surface;
}

/* Premultiplied ARGB; a PNG without alpha loads as RGB24, opaque. */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface) + (gsize) x * 4);

  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    pixel |= 0xff000000;
  return pixel;
}

/* Distinct pixel values, counted up to limit. */
static guint
png_count_colours (const char *path,
                   guint       limit)
{
  cairo_surface_t *surface = png_load (path);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < height && g_hash_table_size (seen) < limit; y++)
    for (int x = 0; x < width && g_hash_table_size (seen) < limit; x++)
      g_hash_table_add (seen, GUINT_TO_POINTER (pixel_at (surface, x, y)));
  cairo_surface_destroy (surface);
  return g_hash_table_size (seen);
}

/* The four corner pixels. */
static void
png_corners (const char *path,
             guint32     corners[4])
{
  cairo_surface_t *surface = png_load (path);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  corners[0] = pixel_at (surface, 0, 0);
  corners[1] = pixel_at (surface, width - 1, 0);
  corners[2] = pixel_at (surface, 0, height - 1);
  corners[3] = pixel_at (surface, width - 1, height - 1);
  cairo_surface_destroy (surface);
}

static guint
luminance (guint32 pixel)
{
  return ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
}

/* The picture has this size, is not blank, and its corners are covered
 * by the background (a picture that does not fill its pixels exactly
 * must not leave a see-through edge). */
static void
assert_png (const char *path,
            int         width,
            int         height)
{
  guint32 corners[4];
  int w, h;

  png_size (path, &w, &h);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  g_assert_cmpuint (png_count_colours (path, 2), >, 1);
  png_corners (path, corners);
  for (guint i = 0; i < 4; i++)
    g_assert_cmphex (corners[i] >> 24, ==, 0xff);
}

static void
assert_close (int a,
              int b)
{
  g_assert_cmpint (ABS (a - b), <=, 1);
}

/* What the tests need to know of an example, read in-process. */
typedef struct
{
  guint      n_stages;
  guint      n_personas;
  char      *first_persona;
  GPtrArray *texts;
} ExampleInfo;

static void
example_info_clear (ExampleInfo *info)
{
  g_clear_pointer (&info->first_persona, g_free);
  g_clear_pointer (&info->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExampleInfo, example_info_clear)

static void
example_info_load (ExampleInfo *info,
                   const char  *name)
{
  g_autoptr(WaymarkDocument) document = test_examples_load (name);
  GListModel *list;

  info->texts = g_ptr_array_new_with_free_func (g_free);
  list = waymark_document_get_stages (document);
  info->n_stages = g_list_model_get_n_items (list);
  for (guint i = 0; i < info->n_stages; i++)
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (list, i);

      g_ptr_array_add (info->texts, g_strdup (waymark_stage_get_name (stage)));
    }
  list = waymark_document_get_cards (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkCard) card = g_list_model_get_item (list, i);

      g_ptr_array_add (info->texts, g_strdup (waymark_card_get_title (card)));
    }
  list = waymark_document_get_personas (document);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WaymarkPersona) persona = g_list_model_get_item (list, i);

      g_ptr_array_add (info->texts, g_strdup (waymark_persona_get_name (persona)));
      info->n_personas++;
      if (info->first_persona == NULL)
        info->first_persona = g_strdup (waymark_persona_get_id (persona));
    }
  g_assert_finalize_object (g_steal_pointer (&document));
}

static void
test_png_sizes (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *option = g_strconcat ("--export=", png, NULL);
  g_auto(Run) run = { 0, };
  int w1, h1, w, h;

  export_ok (&run, option, "--scale=1", input);
  png_size (png, &w1, &h1);
  g_assert_cmpint (w1, >, 100);
  g_assert_cmpint (h1, >, 50);
  assert_png (png, w1, h1);

  /* The default is 1×. */
  export_ok (&run, option, input);
  assert_png (png, w1, h1);

  export_ok (&run, option, "--scale=2", input);
  png_size (png, &w, &h);
  assert_close (w, 2 * w1);
  assert_close (h, 2 * h1);
  assert_png (png, w, h);

  export_ok (&run, option, "--width=800", input);
  png_size (png, &w, &h);
  g_assert_cmpint (w, ==, 800);
  assert_close (h, (int) (800.0 * h1 / w1 + 0.5));
  assert_png (png, w, h);

  export_ok (&run, option, "--preset=16:9", input);
  assert_png (png, 1920, 1080);
  export_ok (&run, option, "--preset=4:3", "--scale=2", input);
  assert_png (png, 3200, 2400);
  /* Upper-case extensions are the same format. */
  g_assert_cmpint (g_unlink (png), ==, 0);
  g_free (png);
  g_free (option);
  png = g_build_filename (dir, "x.PNG", NULL);
  option = g_strconcat ("--export=", png, NULL);
  export_ok (&run, option, "--preset=16:9", input);
  assert_png (png, 1920, 1080);

  remove_dir (dir);
}

static void
test_png_options (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *other = g_build_filename (dir, "y.png", NULL);
  g_autofree char *option = g_strconcat ("--export=", png, NULL);
  g_autofree char *other_option = g_strconcat ("--export=", other, NULL);
  g_auto(Run) run = { 0, };
  g_auto(ExampleInfo) info = { 0, };
  guint32 light[4], dark[4], corners[4];
  int w, h, w1, h1;

  example_info_load (&info, name);
  export_ok (&run, option, input);
  png_size (png, &w, &h);
  png_corners (png, light);

  /* --transparent: nothing drawn in the corners; otherwise opaque. */
  export_ok (&run, option, "--transparent", input);
  png_size (png, &w1, &h1);
  g_assert_cmpint (w1, ==, w);
  g_assert_cmpint (h1, ==, h);
  g_assert_cmpuint (png_count_colours (png, 2), >, 1);
  png_corners (png, corners);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmphex (light[i] >> 24, ==, 0xff);
      g_assert_cmphex (corners[i] >> 24, ==, 0);
    }

  export_ok (&run, option, "--theme=dark", input);
  assert_png (png, w, h);
  png_corners (png, dark);
  g_assert_cmpuint (luminance (dark[0]), <, luminance (light[0]));
  export_ok (&run, option, "--theme=light", input);
  png_corners (png, corners);
  g_assert_cmphex (corners[0], ==, light[0]);

  if (info.n_stages >= 2)
    {
      g_autofree char *last = g_strdup_printf ("--stages=%u", info.n_stages);
      g_autofree char *all = g_strdup_printf ("--stages=1-%u", info.n_stages);

      /* One stage is narrower than the map; 2 is 2-2. */
      export_ok (&run, option, "--stages=2", input);
      png_size (png, &w1, &h1);
      g_assert_cmpint (w1, <, w);
      assert_png (png, w1, h1);
      export_ok (&run, other_option, "--stages=2-2", input);
      assert_png (other, w1, h1);
      export_ok (&run, option, last, input);
      png_size (png, &w1, &h1);
      g_assert_cmpint (w1, <, w);
      export_ok (&run, option, all, input);
      assert_png (png, w, h);
    }

  if (info.first_persona != NULL)
    {
      g_autofree char *persona = g_strconcat ("--persona=", info.first_persona, NULL);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize la, lb;

      /* The persona's cards stand out, the others' fade: with more than
       * one persona, another picture of the same size. */
      export_ok (&run, option, input);
      export_ok (&run, other_option, persona, input);
      assert_png (other, w, h);
      g_assert_true (g_file_get_contents (png, &a, &la, NULL));
      g_assert_true (g_file_get_contents (other, &b, &lb, NULL));
      if (info.n_personas > 1)
        g_assert_false (la == lb && memcmp (a, b, la) == 0);
    }

  remove_dir (dir);
}

static void
test_split_stages (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *option = g_strconcat ("--export=", dir, G_DIR_SEPARATOR_S, "deck.png", NULL);
  g_auto(Run) run = { 0, };
  g_auto(ExampleInfo) info = { 0, };
  g_autoptr(GPtrArray) names = NULL;

  example_info_load (&info, name);
  if (info.n_stages == 0)
    {
      /* Nothing to split: an error, and no file. */
      run_program (&run, WAYMARK, option, "--split-stages", input, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, ": error: "));
      assert_dir_empty (dir);
      remove_dir (dir);
      return;
    }

  export_ok (&run, option, "--split-stages", input);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, info.n_stages);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("deck-%02u.png", i + 1);
      g_autofree char *path = g_build_filename (dir, expected, NULL);
      int w, h;

      g_assert_cmpstr (names->pdata[i], ==, expected);
      png_size (path, &w, &h);
      assert_png (path, w, h);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  if (info.n_stages >= 3)
    {
      g_clear_pointer (&names, g_ptr_array_unref);
      export_ok (&run, option, "--split-stages", "--stages=2-3", "--scale=2", input);
      names = list_dir (dir);
      g_assert_cmpuint (names->len, ==, 2);
      for (guint i = 0; i < names->len; i++)
        g_assert_true (g_str_has_prefix (names->pdata[i], "deck-") &&
                       g_str_has_suffix (names->pdata[i], ".png"));
    }
  remove_dir (dir);
}

static void
test_thumbnailer (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *uri = NULL;
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "thumb.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (input);
  g_auto(Run) run = { 0, };
  static const int sizes[] = { 256, 128, 1024 };

  uri = g_file_get_uri (file);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *size = g_strdup_printf ("%d", sizes[i]);
      int w, h;

      /* File managers pass a URI; people a path. */
      run_program (&run, THUMBNAILER, "-s", size, i % 2 ? uri : input, png, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      png_size (png, &w, &h);
      g_assert_cmpint (MAX (w, h), ==, sizes[i]);
      g_assert_cmpint (MIN (w, h), >, 0);
      assert_png (png, w, h);
      g_assert_cmpint (g_unlink (png), ==, 0);
    }
  remove_dir (dir);
}

/* A map taller than wide: one stage, a long stack of cards. Its height
 * is the larger side, so it is exactly SIZE. */
static void
test_thumbnailer_tall (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *map = g_build_filename (dir, "tall.jmap", NULL);
  g_autofree char *png = g_build_filename (dir, "thumb.png", NULL);
  g_autoptr(GString) contents = g_string_new ("{\"jmap-format\": 1, \"title\": \"Tall\","
                                              " \"stages\": [{\"id\": \"s\", \"name\": \"Only\"}],"
                                              " \"lanes\": [{\"id\": \"l\", \"kind\": \"actions\", \"name\": \"Acts\"}],"
                                              " \"cards\": [");
  g_auto(Run) run = { 0, };
  static const int sizes[] = { 128, 256, 100, 333 };

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (contents, "%s{\"id\": \"c%u\", \"stage\": \"s\", \"lane\": \"l\", \"title\": \"Card %u\"}",
                            i ? ", " : "", i, i);
  g_string_append (contents, "], \"personas\": []}");
  g_assert_true (g_file_set_contents (map, contents->str, -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *size = g_strdup_printf ("%d", sizes[i]);
      int w, h;

      run_program (&run, THUMBNAILER, "-s", size, map, png, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      png_size (png, &w, &h);
      g_assert_cmpint (h, >, w);
      g_assert_cmpint (h, ==, sizes[i]);
      assert_png (png, w, h);
    }
  remove_dir (dir);
}

/* Runs pdftotext on the PDF; NULL (and the test skipped) without it.
 * Runs of white space become one space, since text wraps. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autoptr(GRegex) space = NULL;
  g_auto(Run) run = { 0, };

  if (tool == NULL)
    {
      g_test_skip ("pdftotext is not installed (Debian: poppler-utils)");
      return NULL;
    }
  run_program (&run, tool, "-raw", "-enc", "UTF-8", pdf, "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  space = g_regex_new ("\\s+", 0, 0, NULL);
  return g_regex_replace_literal (space, run.out, -1, 0, " ", 0, NULL);
}

static char *
collapse_space (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static void
test_pdf_text (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *option = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0, };
  g_auto(ExampleInfo) info = { 0, };

  example_info_load (&info, name);
  export_ok (&run, option, input);
  text = pdf_text (pdf);
  if (text != NULL)
    for (guint i = 0; i < info.texts->len; i++)
      {
        g_autofree char *expected = collapse_space (info.texts->pdata[i]);

        if (strstr (text, expected) == NULL)
          g_test_message ("“%s” is not in the PDF's text: %s", expected, text);
        g_assert_nonnull (strstr (text, expected));
      }
  remove_dir (dir);
}

/* --page: one page the size of the map, or a poster of A4 or A3 pages. */
static void
test_pdf_pages (void)
{
  g_autofree char *input = example_path ("grocery-first-order.jmap");
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *option = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  static const struct
  {
    const char *page;
    const char *size;
    gboolean    several;
  } cases[] = {
    { "--page=fit", "Page size:", FALSE },
    { "--page=a4", "(A4)", TRUE },
    { "--page=a3", "(A3)", TRUE },
  };
  g_auto(Run) run = { 0, };

  if (pdfinfo == NULL)
    {
      g_test_skip ("pdfinfo is not installed (Debian: poppler-utils)");
      remove_dir (dir);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *pages;

      /* At 2× the map needs more than one A3 page too. */
      export_ok (&run, option, cases[i].page, "--scale=2", input);
      run_program (&run, pdfinfo, pdf, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, cases[i].size));
      pages = strstr (run.out, "Pages:");
      g_assert_nonnull (pages);
      if (cases[i].several)
        g_assert_cmpint (g_ascii_strtoll (pages + strlen ("Pages:"), NULL, 10), >, 1);
      else
        g_assert_cmpint (g_ascii_strtoll (pages + strlen ("Pages:"), NULL, 10), ==, 1);
    }
  remove_dir (dir);
}

/* Markup in the map is text: it must come out as typed. */
static void
test_pdf_markup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *map = g_build_filename (dir, "markup.jmap", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "x.svg", NULL);
  g_autofree char *option = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *svg_option = g_strconcat ("--export=", svg, NULL);
  g_autofree char *text = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_auto(Run) run = { 0, };
  static const char contents[] =
    "{\"jmap-format\": 1, \"title\": \"<b>&amp;</b>\","
    " \"stages\": [{\"id\": \"s1\", \"name\": \"a < b & \\\"c\\\"\"}],"
    " \"lanes\": [{\"id\": \"l1\", \"kind\": \"actions\", \"name\": \"]]> 'q'\"}],"
    " \"cards\": [{\"id\": \"c1\", \"stage\": \"s1\", \"lane\": \"l1\", \"title\": \"<script>x</script>\"}],"
    " \"personas\": []}";

  g_assert_true (g_file_set_contents (map, contents, -1, NULL));
  export_ok (&run, option, map);
  export_ok (&run, svg_option, map);
  if (xmllint != NULL)
    {
      run_program (&run, xmllint, "--noout", svg, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
    }
  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "<b>&amp;</b>"));
      g_assert_nonnull (strstr (text, "a < b & \"c\""));
      g_assert_nonnull (strstr (text, "<script>x</script>"));
    }
  remove_dir (dir);
}

/* Every href and url() of the SVG, which must stay inside it. */
static void
assert_self_contained (const char *svg)
{
  g_autoptr(GRegex) refs = g_regex_new ("(?:href\\s*=\\s*[\"']([^\"']*)[\"'])|(?:url\\(\\s*['\"]?([^)'\"]*))",
                                        G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match (refs, svg, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *href = g_match_info_fetch (match, 1);
      g_autofree char *url = g_match_info_fetch (match, 2);
      const char *target = href != NULL && *href != '\0' ? href : url;

      if (!g_str_has_prefix (target, "#") && !g_str_has_prefix (target, "data:"))
        g_test_message ("reference out of the SVG: “%s”", target);
      g_assert_true (g_str_has_prefix (target, "#") || g_str_has_prefix (target, "data:"));
      n++;
      g_match_info_next (match, NULL);
    }
  g_test_message ("%u references, all inside the SVG", n);
}

static void
test_svg (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input = example_path (name);
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "x.svg", NULL);
  g_autofree char *option = g_strconcat ("--export=", svg, NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0, };

  export_ok (&run, option, input);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  assert_self_contained (contents);

  export_ok (&run, option, "--theme=dark", "--transparent", "--preset=16:9", input);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  assert_self_contained (contents);

  if (xmllint == NULL)
    g_test_skip ("xmllint is not installed (Debian: libxml2-utils)");
  else
    {
      run_program (&run, xmllint, "--noout", svg, NULL);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
    }
  remove_dir (dir);
}

/* Fails with status 1, one "…: error: …" line mentioning what, and
 * nothing written to dir. */
static void
assert_export_fails (const char *dir,
                     const char *what,
                     const char *option,
                     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) run = { 0, };
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) WAYMARK);
  va_start (ap, option);
  for (arg = option; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  run_argv (&run, (const char * const *) args->pdata);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, ": error: "));
  g_assert_nonnull (strstr (run.err, what));
  /* One line. */
  g_assert_true (strchr (run.err, '\n') == run.err + strlen (run.err) - 1);
  assert_dir_empty (dir);
}

static void
test_errors (void)
{
  g_autofree char *grocery = example_path ("grocery-first-order.jmap");
  g_autofree char *dir = g_dir_make_tmp ("waymark-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "x.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  g_autofree char *option = g_strconcat ("--export=", png, NULL);
  g_autofree char *pdf_option = g_strconcat ("--export=", pdf, NULL);
  g_autofree char *gif_option = g_strconcat ("--export=", dir, G_DIR_SEPARATOR_S, "x.gif", NULL);
  g_autofree char *split_option = g_strconcat ("--export=", dir, G_DIR_SEPARATOR_S, "deck.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jmap", NULL);
  g_autofree char *missing_prefix = g_strconcat (missing, ": error: ", NULL);
  static const char * const bad_stages[] = {
    "--stages=0", "--stages=6", "--stages=3-2", "--stages=1-6", "--stages=x",
    "--stages=", "--stages=1-", "--stages=-2", "--stages=2-3-4", "--stages=1.5",
  };
  g_auto(Run) run = { 0, };

  assert_export_fails (dir, missing_prefix, option, missing, NULL);
  assert_export_fails (dir, missing_prefix, pdf_option, "--split-stages", missing, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_stages); i++)
    {
      assert_export_fails (dir, bad_stages[i], option, bad_stages[i], grocery, NULL);
      assert_export_fails (dir, bad_stages[i], split_option, "--split-stages", bad_stages[i], grocery, NULL);
    }
  assert_export_fails (dir, "nobody", option, "--persona=nobody", grocery, NULL);
  assert_export_fails (dir, "nobody", pdf_option, "--persona=nobody", grocery, NULL);
  assert_export_fails (dir, png, option, "--width=40000", grocery, NULL);
  assert_export_fails (dir, pdf, pdf_option, "--width=40000", grocery, NULL);
  assert_export_fails (dir, "deck.png", split_option, "--split-stages", "--width=40000", grocery, NULL);
  assert_export_fails (dir, ".gif", gif_option, grocery, NULL);

  /* A file that was there stays as it was. */
  g_assert_true (g_file_set_contents (png, "old", -1, NULL));
  run_program (&run, WAYMARK, option, "--width=40000", grocery, NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (png, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "old");
  }
  g_assert_cmpint (g_unlink (png), ==, 0);

  /* The thumbnailer: missing input, bad size, missing argument. */
  run_program (&run, THUMBNAILER, "-s", "128", missing, png, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, missing_prefix));
  run_program (&run, THUMBNAILER, "-s", "0", grocery, png, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  run_program (&run, THUMBNAILER, "-s", "128", grocery, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  assert_dir_empty (dir);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDir) examples = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  /* Set by meson test. */
  g_assert_nonnull (g_getenv ("WAYMARK_EXAMPLES_DIR"));
  g_assert_nonnull (g_getenv ("WAYMARK_BINARY"));
  g_assert_nonnull (g_getenv ("WAYMARK_THUMBNAILER"));

  /* Every example that ships, as it ships. */
  examples = g_dir_open (g_getenv ("WAYMARK_EXAMPLES_DIR"), 0, NULL);
  g_assert_nonnull (examples);
  while ((name = g_dir_read_name (examples)) != NULL)
    if (g_str_has_suffix (name, ".jmap"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >=, 3);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = names->pdata[i];
      g_autofree char *stem = g_strndup (file, strlen (file) - strlen (".jmap"));
      static const struct
      {
        const char    *path;
        GTestDataFunc  func;
      } tests[] = {
        { "/export/png/sizes/", test_png_sizes },
        { "/export/png/options/", test_png_options },
        { "/export/split-stages/", test_split_stages },
        { "/export/thumbnailer/", test_thumbnailer },
        { "/export/pdf/text/", test_pdf_text },
        { "/export/svg/", test_svg },
      };

      for (guint k = 0; k < G_N_ELEMENTS (tests); k++)
        {
          g_autofree char *path = g_strconcat (tests[k].path, stem, NULL);

          g_test_add_data_func (path, file, tests[k].func);
        }
    }
  g_test_add_func ("/export/thumbnailer/tall", test_thumbnailer_tall);
  g_test_add_func ("/export/pdf/markup", test_pdf_markup);
  g_test_add_func ("/export/pdf/pages", test_pdf_pages);
  g_test_add_func ("/export/errors", test_errors);

  return g_test_run ();
}
