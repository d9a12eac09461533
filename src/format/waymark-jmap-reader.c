/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The .jmap reader. Three steps: the strict scan (waymark-json-scan.c),
 * json-glib's parse, then two passes over the tree: the first settles
 * every object's id (so duplicates get fresh ids that clash with nothing
 * in the file), the second builds the objects, checks every member's
 * type and repairs what the format says to repair. All of it O(n). */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "waymark-json-emit.h"
#include "waymark-json-scan.h"
#include "waymark-jmap-reader.h"

#define MAX_STAGES   1000
#define MAX_LANES    1000
#define MAX_CARDS    1000000
#define MAX_PERSONAS 5000
#define MAX_PHOTO    (3 * 1024 * 1024)

typedef enum
{
  KIND_STAGE = 1,
  KIND_LANE,
  KIND_CARD,
  KIND_PERSONA,
} Kind;

typedef struct
{
  const char *array; /* "stages", or NULL for the root */
  guint       index;
} Where;

typedef struct
{
  Kind        kind;
  guint       index;
  const char *array;
} Duplicate;

typedef struct
{
  GPtrArray  *repairs;    /* of char * */
  GArray     *duplicates; /* of Duplicate, resolved once all ids are known */
  GHashTable *kinds;      /* id -> Kind; keys borrowed from the tree or from owned */
  GPtrArray  *owned;      /* fresh ids */
  /* The id each element of each array ends up with (borrowed). */
  const char **ids[5];
  WaymarkStage *recovered_stage;
  WaymarkLane  *recovered_lane;
} Reader;

static char *
path_for (const Where *where,
          const char  *member)
{
  if (where->array == NULL)
    return g_strdup (member);
  if (member == NULL)
    return g_strdup_printf ("%s[%u]", where->array, where->index);
  return g_strdup_printf ("%s[%u].%s", where->array, where->index, member);
}

static gboolean
invalid (const Where *where,
         const char  *member,
         GError     **error,
         const char  *message)
{
  g_autofree char *path = path_for (where, member);

  waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_INVALID, 0, 0, path, "%s", message);
  return FALSE;
}

static void
repair (Reader     *reader,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
repair (Reader     *reader,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (reader->repairs, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
is_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f);
}

/* Control characters other than tab and newline are removed on load.
 * Returns text itself when it has none, else a cleaned copy in *owned. */
static const char *
clean_text (const char  *text,
            char       **owned)
{
  const char *p;
  GString *clean;

  *owned = NULL;
  for (p = text; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f ||
          (c == 0xc2 && (unsigned char) p[1] >= 0x80 && (unsigned char) p[1] <= 0x9f))
        break;
    }
  if (*p == '\0')
    return text;

  clean = g_string_sized_new (strlen (text));
  for (p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_control (c))
        g_string_append_unichar (clean, c);
    }
  *owned = g_string_free (clean, FALSE);
  return *owned;
}

static gboolean
is_color (const char *text)
{
  if (strlen (text) != 7 || text[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A string member, cleaned. *owned receives an allocation when needed. */
static gboolean
get_text (JsonNode     *node,
          const Where  *where,
          const char   *member,
          const char  **text,
          char        **owned,
          GError      **error)
{
  *owned = NULL;
  if (node == NULL)
    {
      *text = "";
      return TRUE;
    }
  if (!is_string (node))
    return invalid (where, member, error, _("expected a text in quotes"));
  *text = clean_text (json_node_get_string (node), owned);
  return TRUE;
}

static gboolean
get_int (JsonNode    *node,
         const Where *where,
         const char  *member,
         gint64      *value,
         GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 &&
       json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return invalid (where, member, error, _("expected a number"));
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return invalid (where, member, error, _("expected a whole number, without a fraction or exponent"));
  *value = json_node_get_int (node);
  if (*value < G_MININT32 || *value > G_MAXINT32)
    return invalid (where, member, error, _("this number is outside the range a map can hold"));
  return TRUE;
}

static gboolean
get_bool (JsonNode    *node,
          const Where *where,
          const char  *member,
          gboolean    *value,
          GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (where, member, error, _("expected true or false"));
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* A list of strings, each cleaned; NULL node gives an empty list. */
static gboolean
get_strv (JsonNode     *node,
          const Where  *where,
          const char   *member,
          GStrv        *out,
          GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (where, member, error, _("expected a list in square brackets"));

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *owned = NULL;

      if (!is_string (element))
        {
          g_autofree char *item = g_strdup_printf ("%s[%u]", member, i);
          return invalid (where, item, error, _("expected a text in quotes"));
        }
      g_strv_builder_add (builder, clean_text (json_node_get_string (element), &owned));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Sorts an object's members into the known ones (by index in names) and
 * the unknown ones, which are kept as compact JSON text. */
static GBytes *
split_members (JsonObject         *object,
               const char * const *names,
               JsonNode          **known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  GString *extras = NULL;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      guint i;

      for (i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], name) == 0)
          break;
      if (names[i] != NULL)
        {
          known[i] = member;
          continue;
        }
      if (extras == NULL)
        extras = g_string_new ("{");
      else
        g_string_append_c (extras, ',');
      waymark_json_append_string (extras, name);
      g_string_append_c (extras, ':');
      waymark_json_append_node (extras, member, -1);
    }
  if (extras == NULL)
    return NULL;
  g_string_append_c (extras, '}');
  return g_string_free_to_bytes (extras);
}

static gboolean
require (JsonNode    *node,
         const Where *where,
         const char  *member,
         GError     **error)
{
  if (node != NULL)
    return TRUE;
  return invalid (where, member, error, _("this required member is missing"));
}

/* Sets a string property through a setter if the member is there. */
#define TEXT_MEMBER(node, member, setter, object) \
  G_STMT_START { \
    const char *_text; \
    g_autofree char *_owned = NULL; \
    if (!get_text ((node), where, (member), &_text, &_owned, error)) \
      return NULL; \
    if (*_text) \
      setter ((object), _text); \
  } G_STMT_END

static gboolean
color_member (Reader      *reader,
              JsonNode    *node,
              const Where *where,
              const char  *label,
              const char **color,
              char       **owned,
              GError     **error)
{
  g_autofree char *path = NULL;

  if (!get_text (node, where, "color", color, owned, error))
    return FALSE;
  if (**color == '\0' || is_color (*color))
    return TRUE;
  path = path_for (where, "color");
  repair (reader, _("“%s” (%s) had the colour “%s”, which is not of the form #rrggbb; it was ignored."),
          label, path, *color);
  *color = "";
  return TRUE;
}

/* ---- Pass 1: ids ---- */

static gboolean
settle_ids (Reader     *reader,
            JsonArray  *array,
            const char *name,
            Kind        kind,
            GError    **error)
{
  guint n = json_array_get_length (array);
  const char **ids = g_new0 (const char *, n + 1);

  reader->ids[kind] = ids;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      Where where = { name, i };
      JsonNode *id_node;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return invalid (&where, NULL, error, _("expected an object in curly brackets"));
      id_node = json_object_get_member (json_node_get_object (element), "id");
      if (id_node == NULL)
        return invalid (&where, "id", error, _("this required member is missing"));
      if (!is_string (id_node) || !waymark_id_is_valid (json_node_get_string (id_node)))
        return invalid (&where, "id", error,
                        _("an id must be 1 to 64 letters, digits or the characters _ . : -"));
      id = json_node_get_string (id_node);
      ids[i] = id;
      if (g_hash_table_contains (reader->kinds, id))
        {
          Duplicate d = { kind, i, name };
          g_array_append_val (reader->duplicates, d);
        }
      else
        g_hash_table_insert (reader->kinds, (gpointer) id, GINT_TO_POINTER (kind));
    }
  return TRUE;
}

/* Once every array's ids are in, every id of the file is known: a fresh
 * id for a duplicate can then clash with none. */
static void
resolve_duplicates (Reader *reader)
{
  for (guint d = 0; d < reader->duplicates->len; d++)
    {
      Duplicate *dup = &g_array_index (reader->duplicates, Duplicate, d);
      const char **ids = reader->ids[dup->kind];
      g_autofree char *base = g_strndup (ids[dup->index], 56);
      char *fresh = NULL;

      for (guint k = 2; fresh == NULL; k++)
        {
          fresh = g_strdup_printf ("%s-%u", base, k);
          if (g_hash_table_contains (reader->kinds, fresh))
            g_clear_pointer (&fresh, g_free);
        }
      g_ptr_array_add (reader->owned, fresh);
      repair (reader, _("%s[%u] had the id “%s”, which another object already has; it was given the id “%s”."),
              dup->array, dup->index, ids[dup->index], fresh);
      ids[dup->index] = fresh;
      g_hash_table_insert (reader->kinds, fresh, GINT_TO_POINTER (dup->kind));
    }
}

/* A fresh id for a recovered stage or lane, clashing with nothing. */
static const char *
fresh_id (Reader     *reader,
          const char *base,
          Kind        kind)
{
  char *id = g_strdup (base);

  for (guint k = 2; g_hash_table_contains (reader->kinds, id); k++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, k);
    }
  g_ptr_array_add (reader->owned, id);
  g_hash_table_insert (reader->kinds, id, GINT_TO_POINTER (kind));
  return id;
}

static gboolean
names_kind (Reader     *reader,
            const char *id,
            Kind        kind)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (reader->kinds, id)) == (int) kind;
}

/* ---- Pass 2: objects ---- */

static const char * const stage_members[] = { "id", "name", "description", "color", "kpis", NULL };
static const char * const kpi_members[] = { "name", "value", "target", NULL };

static WaymarkStage *
read_stage (Reader      *reader,
            JsonObject  *object,
            const Where *where,
            const char  *id,
            GError     **error)
{
  JsonNode *m[G_N_ELEMENTS (stage_members)] = { NULL, };
  g_autoptr(GBytes) extras = split_members (object, stage_members, m);
  g_autoptr(WaymarkStage) stage = NULL;
  const char *name, *color;
  g_autofree char *name_owned = NULL;
  g_autofree char *color_owned = NULL;

  if (!require (m[1], where, "name", error) ||
      !get_text (m[1], where, "name", &name, &name_owned, error))
    return NULL;
  stage = waymark_stage_new (id, name);
  TEXT_MEMBER (m[2], "description", waymark_stage_set_description, stage);
  if (!color_member (reader, m[3], where, name, &color, &color_owned, error))
    return NULL;
  waymark_stage_set_color (stage, color);
  waymark_stage_set_extras (stage, extras);

  if (m[4] != NULL)
    {
      g_autoptr(GPtrArray) kpis = waymark_kpi_array_new ();
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (m[4]))
        {
          invalid (where, "kpis", error, _("expected a list in square brackets"));
          return NULL;
        }
      array = json_node_get_array (m[4]);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonNode *k[G_N_ELEMENTS (kpi_members)] = { NULL, };
          g_autofree char *kpi_path = g_strdup_printf ("%s[%u].kpis[%u]", where->array, where->index, i);
          Where kpi_where = { NULL, 0 };
          const char *texts[3];
          g_autofree char *owned0 = NULL, *owned1 = NULL, *owned2 = NULL;
          g_autofree char *p0 = NULL, *p1 = NULL, *p2 = NULL;
          WaymarkKpi *kpi;
          GBytes *kpi_extras;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              invalid (&kpi_where, kpi_path, error, _("expected an object in curly brackets"));
              return NULL;
            }
          kpi_extras = split_members (json_node_get_object (element), kpi_members, k);
          p0 = g_strconcat (kpi_path, ".name", NULL);
          p1 = g_strconcat (kpi_path, ".value", NULL);
          p2 = g_strconcat (kpi_path, ".target", NULL);
          if (!require (k[0], &kpi_where, p0, error) ||
              !get_text (k[0], &kpi_where, p0, &texts[0], &owned0, error) ||
              !get_text (k[1], &kpi_where, p1, &texts[1], &owned1, error) ||
              !get_text (k[2], &kpi_where, p2, &texts[2], &owned2, error))
            {
              g_clear_pointer (&kpi_extras, g_bytes_unref);
              return NULL;
            }
          kpi = waymark_kpi_new (texts[0], texts[1], texts[2]);
          kpi->extras = kpi_extras;
          g_ptr_array_add (kpis, kpi);
        }
      if (kpis->len > 0)
        waymark_stage_set_kpis (stage, kpis);
    }
  return g_steal_pointer (&stage);
}

static const char * const lane_members[] = { "id", "kind", "name", "description", NULL };

static WaymarkLane *
read_lane (Reader      *reader,
           JsonObject  *object,
           const Where *where,
           const char  *id,
           GError     **error)
{
  JsonNode *m[G_N_ELEMENTS (lane_members)] = { NULL, };
  g_autoptr(GBytes) extras = split_members (object, lane_members, m);
  g_autoptr(WaymarkLane) lane = NULL;
  const char *kind, *name;
  g_autofree char *kind_owned = NULL;
  g_autofree char *name_owned = NULL;

  if (!require (m[1], where, "kind", error) ||
      !get_text (m[1], where, "kind", &kind, &kind_owned, error) ||
      !require (m[2], where, "name", error) ||
      !get_text (m[2], where, "name", &name, &name_owned, error))
    return NULL;
  if (*kind == '\0')
    {
      invalid (where, "kind", error, _("a lane kind may not be empty"));
      return NULL;
    }
  lane = waymark_lane_new (id, kind, name);
  TEXT_MEMBER (m[3], "description", waymark_lane_set_description, lane);
  waymark_lane_set_extras (lane, extras);
  return g_steal_pointer (&lane);
}

static const char * const persona_members[] = {
  "id", "name", "role", "quote", "color", "demographics", "goals", "pain-points",
  "behaviors", "preferences", "evidence", "photo", NULL
};

static WaymarkPersona *
read_persona (Reader      *reader,
              JsonObject  *object,
              const Where *where,
              const char  *id,
              GError     **error)
{
  JsonNode *m[G_N_ELEMENTS (persona_members)] = { NULL, };
  g_autoptr(GBytes) extras = split_members (object, persona_members, m);
  g_autoptr(WaymarkPersona) persona = NULL;
  const char *name, *color, *photo;
  g_autofree char *name_owned = NULL;
  g_autofree char *color_owned = NULL;
  g_autofree char *photo_owned = NULL;

  if (!require (m[1], where, "name", error) ||
      !get_text (m[1], where, "name", &name, &name_owned, error))
    return NULL;
  persona = waymark_persona_new (id, name);
  TEXT_MEMBER (m[2], "role", waymark_persona_set_role, persona);
  TEXT_MEMBER (m[3], "quote", waymark_persona_set_quote, persona);
  if (!color_member (reader, m[4], where, name, &color, &color_owned, error))
    return NULL;
  waymark_persona_set_color (persona, color);
  TEXT_MEMBER (m[5], "demographics", waymark_persona_set_demographics, persona);
  for (guint i = 6; i <= 9; i++)
    {
      g_auto(GStrv) list = NULL;

      if (!get_strv (m[i], where, persona_members[i], &list, error))
        return NULL;
      if (list != NULL)
        waymark_persona_set_list (persona, persona_members[i], (const char * const *) list);
    }
  TEXT_MEMBER (m[10], "evidence", waymark_persona_set_evidence, persona);

  if (!get_text (m[11], where, "photo", &photo, &photo_owned, error))
    return NULL;
  if (strlen (photo) > MAX_PHOTO)
    {
      invalid (where, "photo", error, _("the photo is larger than 3 MiB"));
      return NULL;
    }
  /* Only embedded images: a file or web address would make opening or
   * exporting a map reach outside it. */
  if (*photo != '\0' &&
      !g_str_has_prefix (photo, "data:image/png;base64,") &&
      !g_str_has_prefix (photo, "data:image/jpeg;base64,"))
    {
      g_autofree char *path = path_for (where, "photo");
      repair (reader, _("Persona “%s” (%s) had a photo that is not an embedded PNG or JPEG image; it was removed."),
              name, path);
      photo = "";
    }
  waymark_persona_set_photo (persona, photo);
  waymark_persona_set_extras (persona, extras);
  return g_steal_pointer (&persona);
}

static const char * const card_members[] = {
  "id", "stage", "lane", "title", "notes", "channel", "emotion", "personas", "links",
  "priority", "status", "owner", "moment-of-truth", "evidence", "color", NULL
};

/* Keeps the ids of the list that name an object of the kind. */
static GStrv
filter_refs (Reader      *reader,
             GStrv        ids,
             Kind         kind,
             const char  *title,
             const Where *where,
             const char  *member)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      if (names_kind (reader, ids[i], kind))
        {
          g_strv_builder_add (kept, ids[i]);
          continue;
        }
      path = path_for (where, member);
      if (kind == KIND_PERSONA)
        repair (reader, _("Card “%s” (%s) named a persona that does not exist (“%s”); the reference was removed."),
                title, path, ids[i]);
      else
        repair (reader, _("Card “%s” (%s) linked to a card that does not exist (“%s”); the link was removed."),
                title, path, ids[i]);
    }
  g_strfreev (ids);
  return g_strv_builder_end (kept);
}

static WaymarkCard *
read_card (Reader      *reader,
           JsonObject  *object,
           const Where *where,
           const char  *id,
           GPtrArray   *stages,
           GPtrArray   *lanes,
           GError     **error)
{
  JsonNode *m[G_N_ELEMENTS (card_members)] = { NULL, };
  g_autoptr(GBytes) extras = split_members (object, card_members, m);
  g_autoptr(WaymarkCard) card = NULL;
  const char *stage, *lane, *title, *color;
  g_autofree char *stage_owned = NULL;
  g_autofree char *lane_owned = NULL;
  g_autofree char *title_owned = NULL;
  g_autofree char *color_owned = NULL;

  if (!require (m[1], where, "stage", error) ||
      !get_text (m[1], where, "stage", &stage, &stage_owned, error) ||
      !require (m[2], where, "lane", error) ||
      !get_text (m[2], where, "lane", &lane, &lane_owned, error) ||
      !require (m[3], where, "title", error) ||
      !get_text (m[3], where, "title", &title, &title_owned, error))
    return NULL;

  if (!names_kind (reader, stage, KIND_STAGE))
    {
      g_autofree char *path = path_for (where, "stage");

      if (reader->recovered_stage == NULL)
        {
          reader->recovered_stage = waymark_stage_new (fresh_id (reader, "recovered", KIND_STAGE),
                                                       "Recovered");
          g_ptr_array_add (stages, reader->recovered_stage);
        }
      repair (reader, _("Card “%s” (%s) named a stage that does not exist (“%s”); it was moved to the stage “Recovered”."),
              title, path, stage);
      stage = waymark_stage_get_id (reader->recovered_stage);
    }
  if (!names_kind (reader, lane, KIND_LANE))
    {
      g_autofree char *path = path_for (where, "lane");

      if (reader->recovered_lane == NULL)
        {
          reader->recovered_lane = waymark_lane_new (fresh_id (reader, "recovered-lane", KIND_LANE),
                                                     "text", "Recovered");
          g_ptr_array_add (lanes, reader->recovered_lane);
        }
      repair (reader, _("Card “%s” (%s) named a lane that does not exist (“%s”); it was moved to the lane “Recovered”."),
              title, path, lane);
      lane = waymark_lane_get_id (reader->recovered_lane);
    }

  card = waymark_card_new (id, stage, lane, title);
  TEXT_MEMBER (m[4], "notes", waymark_card_set_notes, card);
  TEXT_MEMBER (m[5], "channel", waymark_card_set_channel, card);
  if (m[6] != NULL)
    {
      gint64 emotion;

      if (!get_int (m[6], where, "emotion", &emotion, error))
        return NULL;
      if (emotion < WAYMARK_EMOTION_MIN || emotion > WAYMARK_EMOTION_MAX)
        {
          g_autofree char *path = path_for (where, "emotion");
          gint64 clamped = CLAMP (emotion, WAYMARK_EMOTION_MIN, WAYMARK_EMOTION_MAX);

          /* Plain %lld and %d: xgettext cuts a msgid at G_GINT64_FORMAT. */
          repair (reader, _("Card “%s” (%s) had the emotion %lld, outside −2 to +2; it was set to %d."),
                  title, path, (long long) emotion, (int) clamped);
          emotion = clamped;
        }
      waymark_card_set_emotion (card, (int) emotion);
    }
  for (guint i = 7; i <= 8; i++)
    {
      g_auto(GStrv) refs = NULL;

      if (!get_strv (m[i], where, card_members[i], &refs, error))
        return NULL;
      if (refs == NULL)
        continue;
      refs = filter_refs (reader, g_steal_pointer (&refs), i == 7 ? KIND_PERSONA : KIND_CARD,
                          title, where, card_members[i]);
      if (i == 7)
        waymark_card_set_personas (card, (const char * const *) refs);
      else
        waymark_card_set_links (card, (const char * const *) refs);
    }
  TEXT_MEMBER (m[9], "priority", waymark_card_set_priority, card);
  TEXT_MEMBER (m[10], "status", waymark_card_set_status, card);
  TEXT_MEMBER (m[11], "owner", waymark_card_set_owner, card);
  if (m[12] != NULL)
    {
      gboolean mot;

      if (!get_bool (m[12], where, "moment-of-truth", &mot, error))
        return NULL;
      waymark_card_set_moment_of_truth (card, mot);
    }
  TEXT_MEMBER (m[13], "evidence", waymark_card_set_evidence, card);
  if (!color_member (reader, m[14], where, title, &color, &color_owned, error))
    return NULL;
  waymark_card_set_color (card, color);
  waymark_card_set_extras (card, extras);
  return g_steal_pointer (&card);
}

static const char * const root_members[] = {
  "jmap-format", "generator", "title", "description", "created", "modified",
  "stages", "lanes", "cards", "personas", NULL
};

static const struct
{
  guint       member;
  const char *name;
  Kind        kind;
  guint       limit;
} arrays[] = {
  { 6, "stages", KIND_STAGE, MAX_STAGES },
  { 7, "lanes", KIND_LANE, MAX_LANES },
  { 8, "cards", KIND_CARD, MAX_CARDS },
  { 9, "personas", KIND_PERSONA, MAX_PERSONAS },
};

static WaymarkDocument *
read_root (Reader   *reader,
           JsonNode *root,
           GError  **error)
{
  JsonNode *m[G_N_ELEMENTS (root_members)] = { NULL, };
  Where root_where = { NULL, 0 };
  const Where *where = &root_where;
  g_autoptr(GBytes) extras = NULL;
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lanes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) personas = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(WaymarkDocument) document = NULL;
  JsonArray *lists[4];
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "jmap-format"))
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_NOT_A_MAP, 0, 0, NULL, "%s",
                                _("This is not a journey map: it has no “jmap-format” member."));
      return NULL;
    }
  extras = split_members (json_node_get_object (root), root_members, m);

  if (!JSON_NODE_HOLDS_VALUE (m[0]) ||
      (json_node_get_value_type (m[0]) != G_TYPE_INT64 &&
       json_node_get_value_type (m[0]) != G_TYPE_DOUBLE))
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_NOT_A_MAP, 0, 0, "jmap-format", "%s",
                                _("This is not a journey map: the format version is not a number."));
      return NULL;
    }
  if (!get_int (m[0], where, "jmap-format", &version, error))
    return NULL;
  if (version > 1)
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_TOO_NEW, 0, 0, "jmap-format",
                                _("This map was made by a newer version of Waymark (format %d); update Waymark to open it."),
                                (int) version);
      return NULL;
    }
  if (version < 1)
    {
      invalid (where, "jmap-format", error, _("the format version must be 1"));
      return NULL;
    }

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    {
      JsonNode *node = m[arrays[a].member];

      if (!require (node, where, arrays[a].name, error))
        return NULL;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          invalid (where, arrays[a].name, error, _("expected a list in square brackets"));
          return NULL;
        }
      lists[a] = json_node_get_array (node);
      if (json_array_get_length (lists[a]) > arrays[a].limit)
        {
          g_autofree char *message =
            g_strdup_printf (_("a map may hold at most %u of these; this one has %u"),
                             arrays[a].limit, json_array_get_length (lists[a]));
          waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_TOO_LARGE, 0, 0, arrays[a].name,
                                    "%s", message);
          return NULL;
        }
    }
  if (!require (m[2], where, "title", error))
    return NULL;

  /* Pass 1, in file order: stages, lanes, cards, personas. */
  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    if (!settle_ids (reader, lists[a], arrays[a].name, arrays[a].kind, error))
      return NULL;
  resolve_duplicates (reader);

  /* Pass 2: personas before cards, which refer to them. */
  for (guint i = 0; i < json_array_get_length (lists[0]); i++)
    {
      Where w = { "stages", i };
      WaymarkStage *stage = read_stage (reader, json_array_get_object_element (lists[0], i), &w,
                                        reader->ids[KIND_STAGE][i], error);
      if (stage == NULL)
        return NULL;
      g_ptr_array_add (stages, stage);
    }
  for (guint i = 0; i < json_array_get_length (lists[1]); i++)
    {
      Where w = { "lanes", i };
      WaymarkLane *lane = read_lane (reader, json_array_get_object_element (lists[1], i), &w,
                                     reader->ids[KIND_LANE][i], error);
      if (lane == NULL)
        return NULL;
      g_ptr_array_add (lanes, lane);
    }
  for (guint i = 0; i < json_array_get_length (lists[3]); i++)
    {
      Where w = { "personas", i };
      WaymarkPersona *persona = read_persona (reader, json_array_get_object_element (lists[3], i), &w,
                                              reader->ids[KIND_PERSONA][i], error);
      if (persona == NULL)
        return NULL;
      g_ptr_array_add (personas, persona);
    }
  g_ptr_array_set_size (cards, 0);
  for (guint i = 0; i < json_array_get_length (lists[2]); i++)
    {
      Where w = { "cards", i };
      WaymarkCard *card = read_card (reader, json_array_get_object_element (lists[2], i), &w,
                                     reader->ids[KIND_CARD][i], stages, lanes, error);
      if (card == NULL)
        return NULL;
      g_ptr_array_add (cards, card);
    }

  document = waymark_document_new ();
  {
    static const guint text_members[] = { 1, 2, 3, 4, 5 };
    void (*setters[]) (WaymarkDocument *, const char *) = {
      waymark_document_set_generator, waymark_document_set_title,
      waymark_document_set_description, waymark_document_set_created_time,
      waymark_document_set_modified_time,
    };

    for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
      {
        const char *text;
        g_autofree char *owned = NULL;

        if (!get_text (m[text_members[i]], where, root_members[text_members[i]], &text, &owned, error))
          return NULL;
        setters[i] (document, text);
      }
  }
  waymark_document_set_extras (document, extras);
  /* The recovered stage and lane are owned by the arrays already. */
  waymark_document_load_contents (document, stages, lanes, cards, personas);
  return g_steal_pointer (&document);
}

WaymarkDocument *
waymark_jmap_read (GBytes   *contents,
                   char   ***repairs,
                   GError  **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autofree char *owned = NULL;
  const char *data, *json;
  gsize length, json_length;
  Reader reader = { 0, };
  WaymarkDocument *document;

  g_return_val_if_fail (contents != NULL, NULL);

  if (repairs != NULL)
    *repairs = NULL;

  data = g_bytes_get_data (contents, &length);
  if (length > WAYMARK_JMAP_MAX_FILE_SIZE)
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_TOO_LARGE, 0, 0, NULL, "%s",
                                _("The file is larger than 64 MiB, more than a journey map can be."));
      return NULL;
    }
  if (!waymark_json_scan (data ? data : "", length, &json, &json_length, &owned, error))
    return NULL;

  /* Not json_parser_new_immutable(): sealing hashes every node, 15 % of
   * the load, and the tree lives only for this call. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, json_length, &json_error))
    {
      /* The scan accepts only what json-glib parses; this is a last net. */
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_SYNTAX, 0, 0, NULL, "%s",
                                json_error->message);
      return NULL;
    }

  reader.repairs = g_ptr_array_new_with_free_func (g_free);
  reader.kinds = g_hash_table_new (g_str_hash, g_str_equal);
  reader.owned = g_ptr_array_new_with_free_func (g_free);
  reader.duplicates = g_array_new (FALSE, FALSE, sizeof (Duplicate));
  document = read_root (&reader, json_parser_get_root (parser), error);

  if (document != NULL)
    {
      if (reader.repairs->len > 0)
        waymark_document_mark_unsaved (document);
      if (repairs != NULL && reader.repairs->len > 0)
        {
          g_ptr_array_add (reader.repairs, NULL);
          *repairs = (char **) g_ptr_array_free (g_steal_pointer (&reader.repairs), FALSE);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (reader.ids); i++)
    g_free (reader.ids[i]);
  g_clear_pointer (&reader.repairs, g_ptr_array_unref);
  g_hash_table_unref (reader.kinds);
  g_ptr_array_unref (reader.owned);
  g_array_unref (reader.duplicates);
  return document;
}

WaymarkDocument *
waymark_jmap_read_file (GFile         *file,
                        GCancellable  *cancellable,
                        char        ***repairs,
                        GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (repairs != NULL)
    *repairs = NULL;
  name = g_file_get_parse_name (file);

  /* Refuse a huge file before reading it whole. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("Could not open “%s”: there is no such file."), name);
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not open “%s”: it is a folder, not a map."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > WAYMARK_JMAP_MAX_FILE_SIZE)
    {
      waymark_format_set_error (error, WAYMARK_FORMAT_ERROR_TOO_LARGE, 0, 0, NULL, "%s",
                                _("The file is larger than 64 MiB, more than a journey map can be."));
      return NULL;
    }
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not open “%s”: %s"), name, local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return waymark_jmap_read (bytes, repairs, error);
}

typedef struct
{
  WaymarkDocument  *document;
  char            **repairs;
} ReadResult;

static void
read_result_free (gpointer data)
{
  ReadResult *result = data;

  g_clear_object (&result->document);
  g_strfreev (result->repairs);
  g_free (result);
}

static void
read_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = task_data;
  ReadResult *result = g_new0 (ReadResult, 1);
  GError *error = NULL;

  result->document = waymark_jmap_read_file (file, cancellable, &result->repairs, &error);
  if (result->document == NULL)
    {
      read_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, read_result_free);
}

void
waymark_jmap_read_file_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_jmap_read_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_file_thread);
}

WaymarkDocument *
waymark_jmap_read_file_finish (GAsyncResult  *result,
                               char        ***repairs,
                               GError       **error)
{
  ReadResult *read;
  WaymarkDocument *document;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (repairs != NULL)
    *repairs = NULL;
  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return NULL;
  document = g_steal_pointer (&read->document);
  if (repairs != NULL)
    *repairs = g_steal_pointer (&read->repairs);
  read_result_free (read);
  return document;
}

/* ---- A map's title from the start of its file ----
 *
 * No more than a tokenizer over the first members: the buffer is only
 * the start of a file, so the full scan cannot run on it. */

static const char *
peek_skip_space (const char *p,
                 const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* p at the opening quote; returns what follows the closing one, or NULL
 * when the buffer ends first. */
static const char *
peek_skip_string (const char *p,
                  const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

static const char *
peek_skip_value (const char *p,
                 const char *end)
{
  int depth = 0;

  if (p >= end)
    return NULL;
  if (*p == '"')
    return peek_skip_string (p, end);
  if (*p != '{' && *p != '[')
    {
      /* A number, true, false or null. */
      while (p < end && strchr (",}] \t\r\n", *p) == NULL)
        p++;
      return p < end ? p : NULL;
    }

  while (p < end)
    {
      if (*p == '"')
        {
          p = peek_skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if (*p == '}' || *p == ']')
        {
          if (--depth == 0)
            return p + 1;
        }
      p++;
    }
  return NULL;
}

/* The JSON string literal from start to end, decoded by json-glib. */
static char *
peek_decode_string (const char *start,
                    const char *end)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = g_strdup_printf ("[%.*s]", (int) (end - start), start);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  if (json_array_get_length (array) != 1
      || json_node_get_value_type (json_array_get_element (array, 0)) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_array_get_string_element (array, 0));
}

char *
waymark_jmap_peek_title (const char *data,
                         gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = peek_skip_space (p, end);
  if (p >= end || *p != '{')
    return NULL;
  p++;

  while (TRUE)
    {
      const char *key;
      const char *key_end;

      p = peek_skip_space (p, end);
      if (p >= end || *p != '"')
        return NULL;
      key = p;
      key_end = peek_skip_string (p, end);
      if (key_end == NULL)
        return NULL;
      p = peek_skip_space (key_end, end);
      if (p >= end || *p != ':')
        return NULL;
      p = peek_skip_space (p + 1, end);

      if (key_end - key == 7 && memcmp (key, "\"title\"", 7) == 0)
        {
          const char *value_end;

          if (p >= end || *p != '"')
            return NULL;
          value_end = peek_skip_string (p, end);
          if (value_end == NULL)
            return NULL;
          return peek_decode_string (p, value_end);
        }

      p = peek_skip_value (p, end);
      if (p == NULL)
        return NULL;
      p = peek_skip_space (p, end);
      if (p >= end || *p != ',')
        return NULL;
      p++;
    }
}
