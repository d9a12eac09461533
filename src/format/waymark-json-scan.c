/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The strict pre-scan. One pass, no recursion (so no stack to overflow),
 * no allocation but the depth stack and, rarely, a cleaned copy. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "waymark-format-error.h"
#include "waymark-json-scan.h"

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  const char *line_start;
  int         line;
  GArray     *nul_escapes; /* offsets of "\u0000" to drop */
} Scanner;

static int
column_at (Scanner    *s,
           const char *at)
{
  /* The buffer is valid UTF-8 here (checked first), so count characters. */
  return (int) g_utf8_strlen (s->line_start, at - s->line_start) + 1;
}

static gboolean
fail (Scanner           *s,
      const char        *at,
      WaymarkFormatError code,
      const char        *message,
      GError           **error)
{
  waymark_format_set_error (error, code, s->line, column_at (s, at), NULL, "%s", message);
  return FALSE;
}

static gboolean
fail_unexpected (Scanner  *s,
                 GError  **error)
{
  if (s->p >= s->end)
    return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                 _("the file ends too early: it is truncated or not complete"), error);
  return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
               _("unexpected character; this is not valid JSON here"), error);
}

/* Outside strings only ASCII is JSON; a non-ASCII byte is a syntax error,
 * or an encoding error when it is not even UTF-8. */
static gboolean
fail_bad_character (Scanner  *s,
                    GError  **error)
{
  if (s->p < s->end && (unsigned char) *s->p >= 0x80)
    {
      gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);

      if (u == (gunichar) -1 || u == (gunichar) -2)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_ENCODING,
                     _("the file is not valid UTF-8 text"), error);
    }
  return fail_unexpected (s, error);
}

static void
skip_space (Scanner *s)
{
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '\n')
        {
          s->line++;
          s->line_start = s->p + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      s->p++;
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static int
read_u_escape (const char *p,
               const char *end)
{
  int value = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      int h = hex_value (p[i]);
      if (h < 0)
        return -1;
      value = value * 16 + h;
    }
  return value;
}

static gboolean
scan_string (Scanner  *s,
             GError  **error)
{
  s->p++; /* the opening quote */
  for (;;)
    {
      unsigned char c;

      if (s->p >= s->end)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("a text in quotes is not closed: the file ends inside it"), error);
      c = (unsigned char) *s->p;
      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("a control character (such as a line break) must be escaped inside quotes"),
                     error);
      if (c >= 0x80)
        {
          /* Validating here, only where non-ASCII text can be, costs a
           * third of a separate pass over the whole file. */
          gunichar u = g_utf8_get_char_validated (s->p, s->end - s->p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return fail (s, s->p, WAYMARK_FORMAT_ERROR_ENCODING,
                         _("the file is not valid UTF-8 text"), error);
          s->p = g_utf8_next_char (s->p);
          continue;
        }
      if (c != '\\')
        {
          s->p++;
          continue;
        }
      if (s->p + 1 >= s->end)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("the file ends inside an escape sequence"), error);
      switch (s->p[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          s->p += 2;
          break;
        case 'u':
          {
            int value = read_u_escape (s->p, s->end);

            if (value < 0)
              return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                           _("“\\u” must be followed by four hexadecimal digits"), error);
            if (value >= 0xDC00 && value <= 0xDFFF)
              return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                           _("a lone low surrogate escape is not a character"), error);
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                int low = read_u_escape (s->p + 6, s->end);

                if (low < 0xDC00 || low > 0xDFFF)
                  return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                               _("a high surrogate escape must be followed by a low one"), error);
                s->p += 12;
                break;
              }
            if (value == 0)
              {
                gsize offset = s->p - s->start;
                g_array_append_val (s->nul_escapes, offset);
              }
            s->p += 6;
          }
          break;
        default:
          return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                       _("unknown escape sequence after a backslash"), error);
        }
    }
}

static gboolean
is_digit (const Scanner *s,
          const char    *p)
{
  return p < s->end && *p >= '0' && *p <= '9';
}

static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  const char *begin = s->p;
  const char *digits;
  gboolean integer = TRUE;

  if (*s->p == '-')
    s->p++;
  digits = s->p;
  if (!is_digit (s, s->p))
    return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX, _("a number must start with a digit"), error);
  if (*s->p == '0')
    {
      s->p++;
      if (is_digit (s, s->p))
        return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("numbers may not start with a zero"), error);
    }
  else
    while (is_digit (s, s->p))
      s->p++;

  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      s->p++;
      if (!is_digit (s, s->p))
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("a decimal point must be followed by a digit"), error);
      while (is_digit (s, s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!is_digit (s, s->p))
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("an exponent must have digits"), error);
      while (is_digit (s, s->p))
        s->p++;
    }

  if (integer)
    {
      /* json-glib turns integers beyond 64 bits into -1 without a word. */
      gsize n = s->p - digits;
      const char *limit = *begin == '-' ? "9223372036854775808" : "9223372036854775807";

      if (n > 19 || (n == 19 && memcmp (digits, limit, 19) > 0))
        return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("this number is too large to be stored"), error);
    }
  else
    {
      char buffer[128];
      gsize n = s->p - begin;
      double value;

      if (n >= sizeof buffer)
        return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("this number is written with too many digits"), error);
      memcpy (buffer, begin, n);
      buffer[n] = '\0';
      value = g_ascii_strtod (buffer, NULL);
      if (!isfinite (value))
        return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("this number is too large to be stored"), error);
    }
  return TRUE;
}

static gboolean
scan_literal (Scanner  *s,
              GError  **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if ((gsize) (s->end - s->p) >= n && memcmp (s->p, literals[i], n) == 0)
        {
          s->p += n;
          return TRUE;
        }
    }
  return fail_unexpected (s, error);
}

/* An object key and its colon. */
static gboolean
scan_key (Scanner  *s,
          GError  **error)
{
  skip_space (s);
  if (s->p >= s->end || *s->p != '"')
    {
      if (s->p < s->end)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("expected a member name in double quotes"), error);
      return fail_unexpected (s, error);
    }
  if (!scan_string (s, error))
    return FALSE;
  skip_space (s);
  if (s->p >= s->end || *s->p != ':')
    {
      if (s->p < s->end)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("expected “:” after a member name"), error);
      return fail_unexpected (s, error);
    }
  s->p++;
  return TRUE;
}

static gboolean
scan_document (Scanner  *s,
               GError  **error)
{
  char stack[WAYMARK_JSON_MAX_DEPTH];
  int depth = 0;

  for (;;)
    {
      /* A value. */
      skip_space (s);
      if (s->p >= s->end)
        return fail_unexpected (s, error);

      switch (*s->p)
        {
        case '{':
        case '[':
          if (depth == WAYMARK_JSON_MAX_DEPTH)
            return fail (s, s->p, WAYMARK_FORMAT_ERROR_TOO_DEEP,
                         _("the data is nested more than 64 levels deep"), error);
          stack[depth++] = *s->p;
          s->p++;
          skip_space (s);
          if (s->p < s->end && *s->p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              s->p++;
              depth--;
              break;
            }
          if (stack[depth - 1] == '{' && !scan_key (s, error))
            return FALSE;
          continue;
        case '"':
          if (!scan_string (s, error))
            return FALSE;
          break;
        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (s, error))
            return FALSE;
          break;
        case 't': case 'f': case 'n':
          if (!scan_literal (s, error))
            return FALSE;
          break;
        default:
          return fail_bad_character (s, error);
        }

      /* After a value: close containers, or go on after a comma. */
      for (;;)
        {
          skip_space (s);
          if (depth == 0)
            {
              if (s->p < s->end)
                return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                             _("unexpected text after the end of the data"), error);
              return TRUE;
            }
          if (s->p >= s->end)
            return fail_unexpected (s, error);
          if (*s->p == ',')
            {
              s->p++;
              if (stack[depth - 1] == '{' && !scan_key (s, error))
                return FALSE;
              break;
            }
          if (*s->p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              s->p++;
              depth--;
              continue;
            }
          return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                       stack[depth - 1] == '{' ? _("expected “,” or “}”")
                                               : _("expected “,” or “]”"),
                       error);
        }
    }
}

static void
locate (const char *start,
        const char *at,
        int        *line,
        int        *column)
{
  const char *line_start = start;

  *line = 1;
  for (const char *p = start; p < at; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  /* Count characters up to the bad byte, which is where validity ends. */
  *column = (int) g_utf8_strlen (line_start, at - line_start) + 1;
}

gboolean
waymark_json_scan (const char  *data,
                   gsize        length,
                   const char **json,
                   gsize       *json_length,
                   char       **owned,
                   GError     **error)
{
  Scanner s = { 0, };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  *owned = NULL;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* A NUL byte means this is no text file: say so plainly. */
  {
    const char *nul = memchr (data, '\0', length);

    if (nul != NULL)
      {
        int line, column;

        locate (data, nul, &line, &column);
        waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_ENCODING, line, column, NULL,
                                  "%s", _("the file contains a NUL byte; it is not a text file"));
        return FALSE;
      }
  }

  s.start = s.p = s.line_start = data;
  s.end = data + length;
  s.line = 1;
  skip_space (&s);
  if (s.p >= s.end)
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_EMPTY, 0, 0, NULL,
                                "%s", _("The file is empty."));
      return FALSE;
    }

  s.nul_escapes = g_array_new (FALSE, FALSE, sizeof (gsize));
  ok = scan_document (&s, error);
  if (ok && s.nul_escapes->len > 0)
    {
      /* json-glib would cut the string at the NUL; control characters are
       * removed on load anyway, so drop the escapes here. */
      GString *clean = g_string_sized_new (length);
      gsize from = 0;

      for (guint i = 0; i < s.nul_escapes->len; i++)
        {
          gsize at = g_array_index (s.nul_escapes, gsize, i);

          g_string_append_len (clean, data + from, at - from);
          from = at + 6;
        }
      g_string_append_len (clean, data + from, length - from);
      *json_length = clean->len;
      *owned = g_string_free (clean, FALSE);
      *json = *owned;
    }
  else if (ok)
    {
      *json = data;
      *json_length = length;
    }
  g_array_unref (s.nul_escapes);
  return ok;
}
