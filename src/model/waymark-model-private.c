/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Field setters shared by the model's classes. */
#include "config.h"

#include <string.h>

#include "waymark-document.h"
#include "waymark-model-private.h"

gboolean
waymark_field_set_string (char       **field,
                          const char  *value)
{
  /* Empty strings are stored as NULL: most optional fields of most cards
   * are empty, and 100,000 cards should not cost a million mallocs. */
  if (value == NULL || *value == '\0')
    {
      if (*field == NULL)
        return FALSE;
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  if (*field != NULL && strcmp (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
waymark_strv_equal0 (const char * const *a,
                     const char * const *b)
{
  guint i;

  if (a == NULL)
    return b == NULL || b[0] == NULL;
  if (b == NULL)
    return a[0] == NULL;
  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return a[i] == NULL && b[i] == NULL;
}

gboolean
waymark_field_set_strv (char               ***field,
                        const char * const   *value)
{
  if (*field != NULL && waymark_strv_equal0 ((const char * const *) *field, value))
    return FALSE;
  g_strfreev (*field);
  *field = (value && value[0]) ? g_strdupv ((char **) value) : NULL;
  return TRUE;
}

gboolean
waymark_field_set_bytes (GBytes **field,
                         GBytes  *value)
{
  if (*field == value)
    return FALSE;
  if (*field != NULL && value != NULL && g_bytes_equal (*field, value))
    return FALSE;
  g_clear_pointer (field, g_bytes_unref);
  *field = value ? g_bytes_ref (value) : NULL;
  return TRUE;
}

const char * const *
waymark_strv_or_empty (char **strv)
{
  static const char * const empty[] = { NULL };

  return strv ? (const char * const *) strv : empty;
}

gboolean
waymark_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;
  len = strlen (id);
  if (len < 1 || len > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != ':' && *p != '-')
      return FALSE;
  return TRUE;
}
