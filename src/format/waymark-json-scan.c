/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The strict pre-scan. One pass, no recursion (so no stack to overflow);
 * it allocates only the member names of the open objects (pointers into
 * the data, decoded copies for names with escapes) and, rarely, a
 * cleaned copy of the data. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "waymark-format-error.h"
#include "waymark-json-scan.h"

/* A member name as json-glib will see it: the bytes between the quotes,
 * or, when it has escapes, its decoded text. */
typedef struct
{
  const char *name;
  gsize       length;
} Key;

/* One open container. An object's names are keys[first …]; past a few,
 * they are found through an open-addressing table of entries holding a
 * name's hash (high half) and its index + 1 (low half; 0: free). */
typedef struct
{
  char     close;
  guint    first;
  guint64 *table;
  guint32  mask;
} Level;

/* The message below names the limit. */
G_STATIC_ASSERT (WAYMARK_JSON_MAX_MEMBERS == 100000);

/* Beyond this many members an object's names are hashed, not compared
 * one by one; a map's own objects have fewer. */
#define LINEAR_KEYS 16

typedef struct
{
  const char   *start;
  const char   *p;
  const char   *end;
  const char   *line_start;
  int           line;
  GArray       *nul_escapes; /* offsets of "\u0000" to drop */
  Level         levels[WAYMARK_JSON_MAX_DEPTH];
  int           depth;
  GArray       *keys;        /* of Key, of the open objects */
  GStringChunk *decoded;     /* names with escapes, decoded */
  guint64       tree_bytes;  /* estimate of json-glib's tree */
} Scanner;

/* What json-glib 1.6 allocates, measured as resident memory:
 * every value is a JsonNode; scalars add a JsonValue, strings a copy;
 * an object its JsonObject and hash table; a member its key, hash slot
 * and list link; an array element a pointer. */
#define TREE_NODE    48
#define TREE_SCALAR  40
#define TREE_STRING  24
#define TREE_OBJECT  240
#define TREE_ARRAY   64
#define TREE_MEMBER  96
#define TREE_ELEMENT 8

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
grow_tree (Scanner  *s,
           guint64   bytes,
           GError  **error)
{
  s->tree_bytes += bytes;
  if (s->tree_bytes <= WAYMARK_JSON_MAX_TREE_BYTES)
    return TRUE;
  /* No position: it is the file as a whole that is too much. */
  waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_TOO_LARGE, 0, 0, NULL, "%s",
                            _("The file holds far too many values to be a journey map; "
                              "reading it would take more memory than any map needs."));
  return FALSE;
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

/* The text of a string with escapes, as json-glib decodes it, less the
 * "\u0000" escapes (dropped before json-glib sees them). The string was
 * checked by scan_string() already. */
static void
decode_string (GString    *out,
               const char *p,
               const char *end)
{
  while (p < end)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = read_u_escape (p, end);

            if (c >= 0xD800 && c <= 0xDBFF)
              {
                c = 0x10000 + ((c - 0xD800) << 10) + (read_u_escape (p + 6, end) - 0xDC00);
                p += 6;
              }
            if (c != 0)
              g_string_append_unichar (out, c);
            p += 6;
            continue;
          }
        default: /* " \ / */
          g_string_append_c (out, p[1]);
        }
      p += 2;
    }
}

static guint32
hash_key (const Key *key)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < key->length; i++)
    h = (h ^ (guchar) key->name[i]) * 16777619u;
  /* FNV's low bits depend only on the bytes' low bits ("1" and "a"
   * share them), and the table uses the low bits: mix (MurmurHash3's
   * finalizer). */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static gboolean
key_equal (const Key *a,
           const Key *b)
{
  return a->length == b->length && memcmp (a->name, b->name, a->length) == 0;
}

/* Puts an entry into the level's table, which has room. */
static void
table_insert (Level   *level,
              guint64  entry)
{
  for (guint32 slot = (entry >> 32) & level->mask;; slot = (slot + 1) & level->mask)
    if (level->table[slot] == 0)
      {
        level->table[slot] = entry;
        return;
      }
}

/* Whether the object at level already has a member of this name. If
 * not, and the level has a table, the name goes into it as keys[n]. */
static gboolean
has_key (Scanner   *s,
         Level     *level,
         const Key *key)
{
  guint n = s->keys->len - level->first;
  guint64 hash;

  if (level->table == NULL && n <= LINEAR_KEYS)
    {
      for (guint i = level->first; i < s->keys->len; i++)
        if (key_equal (&g_array_index (s->keys, Key, i), key))
          return TRUE;
      return FALSE;
    }
  /* At most half full, so that probes stay short. */
  if (level->table == NULL)
    {
      level->table = g_new0 (guint64, 4 * LINEAR_KEYS);
      level->mask = 4 * LINEAR_KEYS - 1;
      for (guint i = level->first; i < s->keys->len; i++)
        table_insert (level, ((guint64) hash_key (&g_array_index (s->keys, Key, i)) << 32) | (i + 1));
    }
  else if (2 * (gsize) n >= (gsize) level->mask + 1)
    {
      guint64 *old = level->table;
      gsize old_size = (gsize) level->mask + 1;

      level->table = g_new0 (guint64, 2 * old_size);
      level->mask = 2 * old_size - 1;
      for (gsize i = 0; i < old_size; i++)
        if (old[i] != 0)
          table_insert (level, old[i]);
      g_free (old);
    }

  hash = hash_key (key);
  for (guint32 slot = hash & level->mask; level->table[slot] != 0; slot = (slot + 1) & level->mask)
    if ((level->table[slot] >> 32) == hash &&
        key_equal (&g_array_index (s->keys, Key, (level->table[slot] & G_MAXUINT32) - 1), key))
      return TRUE;
  table_insert (level, (hash << 32) | (s->keys->len + 1));
  return FALSE;
}

/* An object key and its colon. */
static gboolean
scan_key (Scanner  *s,
          GError  **error)
{
  Level *level = &s->levels[s->depth - 1];
  const char *begin;
  Key key;

  skip_space (s);
  if (s->p >= s->end || *s->p != '"')
    {
      if (s->p < s->end)
        return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                     _("expected a member name in double quotes"), error);
      return fail_unexpected (s, error);
    }
  begin = s->p;
  if (!scan_string (s, error))
    return FALSE;

  /* json-glib keeps the last of two members of one name without a word,
   * so which one a reader sees is a guess: refuse instead. */
  key.name = begin + 1;
  key.length = s->p - begin - 2;
  if (memchr (key.name, '\\', key.length) != NULL)
    {
      GString *text = g_string_new (NULL);

      decode_string (text, key.name, key.name + key.length);
      if (s->decoded == NULL)
        s->decoded = g_string_chunk_new (4096);
      key.name = g_string_chunk_insert_len (s->decoded, text->str, text->len);
      key.length = text->len;
      g_string_free (text, TRUE);
    }
  if (s->keys->len - level->first >= WAYMARK_JSON_MAX_MEMBERS)
    return fail (s, begin, WAYMARK_FORMAT_ERROR_TOO_LARGE,
                 _("this object has more than 100,000 members, far more than a journey map needs"),
                 error);
  if (has_key (s, level, &key))
    return fail (s, begin, WAYMARK_FORMAT_ERROR_SYNTAX,
                 _("this member name appears twice in the same object; a name may be used only once"),
                 error);
  g_array_append_val (s->keys, key);
  if (!grow_tree (s, TREE_MEMBER + key.length, error))
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

static void
close_level (Scanner *s)
{
  Level *level = &s->levels[--s->depth];

  if (level->close == '}')
    g_array_set_size (s->keys, level->first);
  g_clear_pointer (&level->table, g_free);
}

static gboolean
scan_document (Scanner  *s,
               GError  **error)
{
  for (;;)
    {
      const char *begin;

      /* A value. */
      skip_space (s);
      if (s->p >= s->end)
        return fail_unexpected (s, error);

      if (!grow_tree (s, TREE_NODE + (s->depth > 0 && s->levels[s->depth - 1].close == ']'
                                      ? TREE_ELEMENT : 0), error))
        return FALSE;
      switch (*s->p)
        {
        case '{':
        case '[':
          {
            Level *level;

            if (s->depth == WAYMARK_JSON_MAX_DEPTH)
              return fail (s, s->p, WAYMARK_FORMAT_ERROR_TOO_DEEP,
                           _("the data is nested more than 64 levels deep"), error);
            if (!grow_tree (s, *s->p == '{' ? TREE_OBJECT : TREE_ARRAY, error))
              return FALSE;
            level = &s->levels[s->depth++];
            level->close = *s->p == '{' ? '}' : ']';
            level->first = s->keys->len;
            level->table = NULL;
            level->mask = 0;
            s->p++;
            skip_space (s);
            if (s->p < s->end && *s->p == level->close)
              {
                s->p++;
                close_level (s);
                break;
              }
            if (level->close == '}' && !scan_key (s, error))
              return FALSE;
            continue;
          }
        case '"':
          begin = s->p;
          if (!scan_string (s, error) ||
              !grow_tree (s, TREE_SCALAR + TREE_STRING + (s->p - begin), error))
            return FALSE;
          break;
        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (s, error) || !grow_tree (s, TREE_SCALAR, error))
            return FALSE;
          break;
        case 't': case 'f': case 'n':
          if (!scan_literal (s, error) || !grow_tree (s, TREE_SCALAR, error))
            return FALSE;
          break;
        default:
          return fail_bad_character (s, error);
        }

      /* After a value: close containers, or go on after a comma. */
      for (;;)
        {
          skip_space (s);
          if (s->depth == 0)
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
              if (s->levels[s->depth - 1].close == '}' && !scan_key (s, error))
                return FALSE;
              break;
            }
          if (*s->p == s->levels[s->depth - 1].close)
            {
              s->p++;
              close_level (s);
              continue;
            }
          return fail (s, s->p, WAYMARK_FORMAT_ERROR_SYNTAX,
                       s->levels[s->depth - 1].close == '}' ? _("expected “,” or “}”")
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
  gsize first, last;
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

  /* json-glib reads white space ten times slower than the scan: hand
   * it only what lies between the first and the last token. */
  first = s.p - data;
  last = length;
  while (last > first && (data[last - 1] == ' ' || data[last - 1] == '\n' ||
                          data[last - 1] == '\r' || data[last - 1] == '\t'))
    last--;

  s.nul_escapes = g_array_new (FALSE, FALSE, sizeof (gsize));
  s.keys = g_array_new (FALSE, FALSE, sizeof (Key));
  ok = scan_document (&s, error);
  while (s.depth > 0)
    close_level (&s);
  g_array_unref (s.keys);
  if (s.decoded != NULL)
    g_string_chunk_free (s.decoded);
  if (ok && s.nul_escapes->len > 0)
    {
      /* json-glib would cut the string at the NUL; control characters are
       * removed on load anyway, so drop the escapes here. */
      GString *clean = g_string_sized_new (last - first);
      gsize from = first;

      for (guint i = 0; i < s.nul_escapes->len; i++)
        {
          gsize at = g_array_index (s.nul_escapes, gsize, i);

          g_string_append_len (clean, data + from, at - from);
          from = at + 6;
        }
      g_string_append_len (clean, data + from, last - from);
      *json_length = clean->len;
      *owned = g_string_free (clean, FALSE);
      *json = *owned;
    }
  else if (ok)
    {
      *json = data + first;
      *json_length = last - first;
    }
  g_array_unref (s.nul_escapes);
  return ok;
}
