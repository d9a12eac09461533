/* SPDX-License-Identifier: GPL-3.0-or-later */
/* JSON text for the writer and for the unknown members the reader keeps. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "waymark-json-emit.h"

void
waymark_json_append_indent (GString *out,
                            int      level)
{
  for (int i = 0; i < level; i++)
    g_string_append_len (out, "  ", 2);
}

void
waymark_json_append_string (GString    *out,
                            const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      const char *escape = NULL;
      char buffer[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\t': escape = "\\t"; break;
        case '\r': escape = "\\r"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, always with a
 * fraction or exponent so that it stays a double. */
static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* Never reached from a file (the scan refuses them), but never
       * write invalid JSON either. */
      g_string_append (out, "null");
      return;
    }
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

void
waymark_json_append_node (GString  *out,
                          JsonNode *node,
                          int       level)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          waymark_json_append_string (out, json_node_get_string (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (level >= 0)
              {
                g_string_append (out, i ? ",\n" : "\n");
                waymark_json_append_indent (out, level + 1);
              }
            else if (i)
              g_string_append_c (out, ',');
            waymark_json_append_node (out, json_array_get_element (array, i),
                                      level >= 0 ? level + 1 : -1);
          }
        if (n > 0 && level >= 0)
          {
            g_string_append_c (out, '\n');
            waymark_json_append_indent (out, level);
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (level >= 0)
              {
                g_string_append (out, first ? "\n" : ",\n");
                waymark_json_append_indent (out, level + 1);
              }
            else if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            waymark_json_append_string (out, name);
            g_string_append (out, level >= 0 ? ": " : ":");
            waymark_json_append_node (out, member, level >= 0 ? level + 1 : -1);
          }
        if (!first && level >= 0)
          {
            g_string_append_c (out, '\n');
            waymark_json_append_indent (out, level);
          }
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_string_append (out, "null");
    }
}
