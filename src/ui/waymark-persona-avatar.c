/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The persona avatar draws itself (a rounded clip over a texture, or a
 * disc with Pango text) so that it needs no style sheet and takes any
 * "#rrggbb" colour. Photos come from documents, which may be hostile:
 * they are decoded through one bounded loader, at the size drawn. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "waymark-palette.h"
#include "waymark-persona-avatar.h"

/* Decoding refuses images larger than this, before allocating their
 * pixels: 64 megapixels covers any camera a persona photo comes from. */
#define PHOTO_MAX_PIXELS ((gint64) 64 * 1000 * 1000)
#define PHOTO_MAX_SIDE   30000
/* Data is fed to the loader in chunks, so that decoding stops soon after
 * the header showed the image is too large. */
#define PHOTO_CHUNK_SIZE (64 * 1024)

struct _WaymarkPersonaAvatar
{
  GtkWidget       parent_instance;

  WaymarkPersona *persona;
  gulong          notify_id;
  int             size;
  guint           color_index;

  /* The photo decoded for the size and scale drawn, or NULL (no photo,
   * or one that does not decode). */
  GdkTexture     *texture;
  char           *initials;
};

enum
{
  PROP_0,
  PROP_PERSONA,
  PROP_SIZE,
  PROP_COLOR_INDEX,
  PROP_SHOWS_PHOTO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (WaymarkPersonaAvatar, waymark_persona_avatar, GTK_TYPE_WIDGET)

/* ---- Photos ---- */

typedef struct
{
  int      max_side;
  gboolean cover;
  gboolean too_large;
} LoadLimits;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  LoadLimits      *limits)
{
  int side;

  if (width <= 0 || height <= 0 || width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE ||
      (gint64) width * height > PHOTO_MAX_PIXELS)
    {
      /* A zero size makes the loaders stop before allocating pixels
       * (as gdk_pixbuf_get_file_info() does). */
      limits->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  side = limits->cover ? MIN (width, height) : MAX (width, height);
  if (side > limits->max_side)
    {
      double scale = (double) limits->max_side / side;

      gdk_pixbuf_loader_set_size (loader,
                                  MAX (1, (int) (width * scale + 0.5)),
                                  MAX (1, (int) (height * scale + 0.5)));
    }
}

/* Recognizes the formats a photo may come in by their first bytes: only
 * these loaders see data from files and documents. */
static const char *
sniff_mime_type (const guint8 *data,
                 gsize         size)
{
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (size >= 2 && memcmp (data, "BM", 2) == 0)
    return "image/bmp";
  if (size >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return "image/tiff";
  return NULL;
}

GdkPixbuf *
waymark_persona_photo_load (GBytes    *data,
                            int        max_side,
                            gboolean   cover,
                            GError   **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  LoadLimits limits = { max_side, cover, FALSE };
  const guint8 *bytes;
  const char *mime_type;
  gsize size;
  int width, height, side;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (max_side > 0, NULL);

  bytes = g_bytes_get_data (data, &size);
  mime_type = size > 0 ? sniff_mime_type (bytes, size) : NULL;
  if (mime_type != NULL)
    loader = gdk_pixbuf_loader_new_with_mime_type (mime_type, NULL);
  if (loader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("This is not an image in a supported format (PNG, JPEG, GIF, BMP, TIFF or WebP)."));
      return NULL;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &limits);
  for (gsize offset = 0; ok && offset < size && !limits.too_large; offset += PHOTO_CHUNK_SIZE)
    ok = gdk_pixbuf_loader_write (loader, bytes + offset, MIN (PHOTO_CHUNK_SIZE, size - offset),
                                  &local_error);
  /* Closing reports truncated data; after an error it only cleans up. */
  if (ok && !limits.too_large)
    ok = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (limits.too_large)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The image is too large: at most %d megapixels can be used."),
                   (int) (PHOTO_MAX_PIXELS / 1000000));
      return NULL;
    }
  if (ok)
    pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  if (!ok || pixbuf == NULL)
    {
      /* The loaders' messages are technical ("Fatal error in PNG image
       * file: IHDR: CRC error"); they go to the log, not to the user. */
      g_debug ("Persona photo does not decode: %s",
               local_error != NULL ? local_error->message : "no image");
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The image is damaged or incomplete."));
      return NULL;
    }

  /* Loaders that cannot scale while decoding leave it to the end; check
   * rather than trust. */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  side = cover ? MIN (width, height) : MAX (width, height);
  if (side > max_side)
    {
      double scale = (double) max_side / side;
      GdkPixbuf *scaled = gdk_pixbuf_scale_simple (pixbuf,
                                                   MAX (1, (int) (width * scale + 0.5)),
                                                   MAX (1, (int) (height * scale + 0.5)),
                                                   GDK_INTERP_BILINEAR);

      if (scaled == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Not enough memory to scale the image."));
          return NULL;
        }
      g_set_object (&pixbuf, scaled);
      g_object_unref (scaled);
    }

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

GBytes *
waymark_persona_photo_parse_uri (const char *uri)
{
  const char *comma;
  guchar *decoded;
  gsize length;

  if (uri == NULL || !g_str_has_prefix (uri, "data:image/"))
    return NULL;
  comma = strchr (uri, ',');
  if (comma == NULL || comma - uri < 7 || strncmp (comma - 7, ";base64", 7) != 0)
    return NULL;

  decoded = g_base64_decode (comma + 1, &length);
  if (decoded == NULL || length == 0)
    {
      g_free (decoded);
      return NULL;
    }
  return g_bytes_new_take (decoded, length);
}

char *
waymark_persona_photo_encode (GdkPixbuf  *pixbuf,
                              GError    **error)
{
  g_autofree char *buffer = NULL;
  g_autofree char *base64 = NULL;
  gboolean alpha;
  gsize size;
  char *uri;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  if (alpha ? !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", error, NULL)
            : !gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "90", NULL))
    return NULL;

  base64 = g_base64_encode ((const guchar *) buffer, size);
  uri = g_strconcat (alpha ? "data:image/png;base64," : "data:image/jpeg;base64,", base64, NULL);
  if (strlen (uri) > WAYMARK_PERSONA_PHOTO_MAX_LENGTH)
    {
      g_free (uri);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The photo is too large to store in the map."));
      return NULL;
    }
  return uri;
}

/* ---- Initials ---- */

static gunichar
first_letter (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        return g_unichar_toupper (c);
    }
  return 0;
}

char *
waymark_persona_dup_initials (const char *name)
{
  g_autofree char *part = NULL;
  g_auto(GStrv) words = NULL;
  GString *initials = g_string_new (NULL);
  const char *comma;
  guint n_words;

  name = name != NULL ? name : "";
  comma = strchr (name, ',');
  part = comma != NULL && comma != name ? g_strndup (name, comma - name) : g_strdup (name);
  g_strdelimit (part, "\t\n\r", ' ');
  words = g_strsplit (g_strstrip (part), " ", -1);
  n_words = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[n_words++] = words[i];
    else
      g_free (words[i]);
  words[n_words] = NULL;

  if (n_words > 0)
    {
      gunichar c = first_letter (words[0]);

      if (c != 0)
        g_string_append_unichar (initials, c);
    }
  if (n_words > 1)
    {
      gunichar c = first_letter (words[n_words - 1]);

      if (c != 0)
        g_string_append_unichar (initials, c);
    }
  return g_string_free (initials, FALSE);
}

/* ---- Widget ---- */

static void
update_accessible (WaymarkPersonaAvatar *self)
{
  const char *name = self->persona != NULL ? waymark_persona_get_name (self->persona) : "";

  if (name[0] == '\0')
    name = _("Persona");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_texture (WaymarkPersonaAvatar *self)
{
  gboolean had = self->texture != NULL;
  const char *photo = self->persona != NULL ? waymark_persona_get_photo (self->persona) : NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_clear_object (&self->texture);
  bytes = photo != NULL && photo[0] != '\0' ? waymark_persona_photo_parse_uri (photo) : NULL;
  if (bytes != NULL)
    {
      int pixels = self->size * gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = waymark_persona_photo_load (bytes, MAX (pixels, 1), TRUE, &error);

      if (pixbuf != NULL)
        self->texture = gdk_texture_new_for_pixbuf (pixbuf);
      else
        g_debug ("Persona %s: photo not shown: %s",
                 waymark_persona_get_id (self->persona), error->message);
    }

  if (had != (self->texture != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWS_PHOTO]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_initials (WaymarkPersonaAvatar *self)
{
  g_free (self->initials);
  self->initials = waymark_persona_dup_initials (self->persona != NULL
                                                 ? waymark_persona_get_name (self->persona) : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
persona_notify_cb (WaymarkPersona       *persona,
                   GParamSpec           *pspec,
                   WaymarkPersonaAvatar *self)
{
  if (g_strcmp0 (pspec->name, "photo") == 0)
    update_texture (self);
  else if (g_strcmp0 (pspec->name, "name") == 0)
    {
      update_initials (self);
      update_accessible (self);
    }
  else if (g_strcmp0 (pspec->name, "color") == 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scale_factor_cb (WaymarkPersonaAvatar *self)
{
  if (self->texture != NULL)
    update_texture (self);
}

static void
waymark_persona_avatar_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (widget);

  *minimum = *natural = self->size;
}

static gboolean
is_light (const WaymarkColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue > 0.6;
}

static void
waymark_persona_avatar_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (widget);
  float size = self->size;
  float x = (gtk_widget_get_width (widget) - size) / 2;
  float y = (gtk_widget_get_height (widget) - size) / 2;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, size, size);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &bounds, size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);

  if (self->texture != NULL)
    {
      /* Cropped to the middle square, as portraits are framed. */
      float tw = gdk_texture_get_width (self->texture);
      float th = gdk_texture_get_height (self->texture);
      float scale = size / MIN (tw, th);

      gtk_snapshot_append_texture (snapshot, self->texture,
                                   &GRAPHENE_RECT_INIT (x + (size - tw * scale) / 2,
                                                        y + (size - th * scale) / 2,
                                                        tw * scale, th * scale));
    }
  else
    {
      WaymarkColor color;
      GdkRGBA background, ink;

      if (self->persona != NULL)
        waymark_persona_color (waymark_persona_get_color (self->persona), self->color_index, &color);
      else
        color = (WaymarkColor) { 0.6f, 0.6f, 0.62f, 1.0f };
      background = (GdkRGBA) { color.red, color.green, color.blue, 1.0f };
      gtk_snapshot_append_color (snapshot, &background, &bounds);

      if (self->initials != NULL && self->initials[0] != '\0')
        {
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->initials);
          PangoFontDescription *font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
          PangoRectangle ink_rect, logical;

          ink = is_light (&color) ? (GdkRGBA) { 0, 0, 0, 0.8f } : (GdkRGBA) { 1, 1, 1, 1 };
          pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
          pango_font_description_set_absolute_size (font, size * 0.4 * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          pango_font_description_free (font);
          pango_layout_get_pixel_extents (layout, &ink_rect, &logical);

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (x + (size - logical.width) / 2,
                                                        y + (size - ink_rect.height) / 2 - ink_rect.y));
          gtk_snapshot_append_layout (snapshot, layout, &ink);
          gtk_snapshot_restore (snapshot);
        }
    }

  gtk_snapshot_pop (snapshot);
}

static void
waymark_persona_avatar_dispose (GObject *object)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (object);

  if (self->persona != NULL)
    g_clear_signal_handler (&self->notify_id, self->persona);
  g_clear_object (&self->persona);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (waymark_persona_avatar_parent_class)->dispose (object);
}

static void
waymark_persona_avatar_finalize (GObject *object)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (object);

  g_free (self->initials);

  G_OBJECT_CLASS (waymark_persona_avatar_parent_class)->finalize (object);
}

static void
waymark_persona_avatar_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      g_value_set_object (value, self->persona);
      break;
    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;
    case PROP_COLOR_INDEX:
      g_value_set_uint (value, self->color_index);
      break;
    case PROP_SHOWS_PHOTO:
      g_value_set_boolean (value, self->texture != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_persona_avatar_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  WaymarkPersonaAvatar *self = WAYMARK_PERSONA_AVATAR (object);

  switch (prop_id)
    {
    case PROP_PERSONA:
      waymark_persona_avatar_set_persona (self, g_value_get_object (value));
      break;
    case PROP_SIZE:
      waymark_persona_avatar_set_size (self, g_value_get_int (value));
      break;
    case PROP_COLOR_INDEX:
      waymark_persona_avatar_set_color_index (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
waymark_persona_avatar_class_init (WaymarkPersonaAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = waymark_persona_avatar_dispose;
  object_class->finalize = waymark_persona_avatar_finalize;
  object_class->get_property = waymark_persona_avatar_get_property;
  object_class->set_property = waymark_persona_avatar_set_property;

  widget_class->measure = waymark_persona_avatar_measure;
  widget_class->snapshot = waymark_persona_avatar_snapshot;

  properties[PROP_PERSONA] =
    g_param_spec_object ("persona", NULL, NULL, WAYMARK_TYPE_PERSONA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL, 1, 1024, 40,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR_INDEX] =
    g_param_spec_uint ("color-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOWS_PHOTO] =
    g_param_spec_boolean ("shows-photo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "waymark-persona-avatar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
waymark_persona_avatar_init (WaymarkPersonaAvatar *self)
{
  self->size = 40;
  self->initials = g_strdup ("");
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_factor_cb), NULL);
  update_accessible (self);
}

GtkWidget *
waymark_persona_avatar_new (int size)
{
  return g_object_new (WAYMARK_TYPE_PERSONA_AVATAR, "size", size, NULL);
}

WaymarkPersona *
waymark_persona_avatar_get_persona (WaymarkPersonaAvatar *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_AVATAR (self), NULL);

  return self->persona;
}

void
waymark_persona_avatar_set_persona (WaymarkPersonaAvatar *self,
                                    WaymarkPersona       *persona)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_AVATAR (self));
  g_return_if_fail (persona == NULL || WAYMARK_IS_PERSONA (persona));

  if (self->persona == persona)
    return;

  if (self->persona != NULL)
    g_clear_signal_handler (&self->notify_id, self->persona);
  g_set_object (&self->persona, persona);
  if (persona != NULL)
    self->notify_id = g_signal_connect (persona, "notify", G_CALLBACK (persona_notify_cb), self);

  update_initials (self);
  update_texture (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSONA]);
}

int
waymark_persona_avatar_get_size (WaymarkPersonaAvatar *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_AVATAR (self), 0);

  return self->size;
}

void
waymark_persona_avatar_set_size (WaymarkPersonaAvatar *self,
                                 int                   size)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_AVATAR (self));
  g_return_if_fail (size > 0);

  if (self->size == size)
    return;
  self->size = size;
  if (self->texture != NULL)
    update_texture (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

guint
waymark_persona_avatar_get_color_index (WaymarkPersonaAvatar *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_AVATAR (self), 0);

  return self->color_index;
}

void
waymark_persona_avatar_set_color_index (WaymarkPersonaAvatar *self,
                                        guint                 color_index)
{
  g_return_if_fail (WAYMARK_IS_PERSONA_AVATAR (self));

  if (self->color_index == color_index)
    return;
  self->color_index = color_index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_INDEX]);
}

gboolean
waymark_persona_avatar_get_shows_photo (WaymarkPersonaAvatar *self)
{
  g_return_val_if_fail (WAYMARK_IS_PERSONA_AVATAR (self), FALSE);

  return self->texture != NULL;
}
