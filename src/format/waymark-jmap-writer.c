/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The .jmap writer: members in the order of the format's tables, then the
 * unknown members kept from reading, two-space indentation as Python's
 * json.dumps (indent=2) writes it, so that hand-made and generated files
 * are already canonical. */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "waymark-json-emit.h"
#include "waymark-jmap-writer.h"
#include "waymark-safe-save.h"

typedef struct
{
  GString *out;
  int      level;
  gboolean empty;
} Container;

static void
object_begin (Container *c,
              GString   *out,
              int        level)
{
  c->out = out;
  c->level = level;
  c->empty = TRUE;
  g_string_append_c (out, '{');
}

static void
object_key (Container  *c,
            const char *key)
{
  g_string_append (c->out, c->empty ? "\n" : ",\n");
  c->empty = FALSE;
  waymark_json_append_indent (c->out, c->level + 1);
  g_string_append_c (c->out, '"');
  g_string_append (c->out, key);
  g_string_append (c->out, "\": ");
}

static void
container_end (Container *c,
               char       close)
{
  if (!c->empty)
    {
      g_string_append_c (c->out, '\n');
      waymark_json_append_indent (c->out, c->level);
    }
  g_string_append_c (c->out, close);
}

static void
array_begin (Container *c,
             GString   *out,
             int        level)
{
  c->out = out;
  c->level = level;
  c->empty = TRUE;
  g_string_append_c (out, '[');
}

static void
array_item (Container *c)
{
  g_string_append (c->out, c->empty ? "\n" : ",\n");
  c->empty = FALSE;
  waymark_json_append_indent (c->out, c->level + 1);
}

/* Optional members are left out when empty. */
static void
text_member (Container  *c,
             const char *key,
             const char *value,
             gboolean    required)
{
  if (!required && (value == NULL || *value == '\0'))
    return;
  object_key (c, key);
  waymark_json_append_string (c->out, value ? value : "");
}

static void
strv_member (Container          *c,
             const char         *key,
             const char * const *values)
{
  Container array;

  if (values == NULL || values[0] == NULL)
    return;
  object_key (c, key);
  array_begin (&array, c->out, c->level + 1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      array_item (&array);
      waymark_json_append_string (c->out, values[i]);
    }
  container_end (&array, ']');
}

/* The unknown members, kept as compact JSON text by the reader. */
static void
extras_members (Container *c,
                GBytes    *extras)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gsize size;
  const char *data;

  if (extras == NULL)
    return;
  data = g_bytes_get_data (extras, &size);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_critical ("Unknown members that are not a JSON object were dropped");
      return;
    }
  json_object_iter_init_ordered (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_string_append (c->out, c->empty ? "\n" : ",\n");
      c->empty = FALSE;
      waymark_json_append_indent (c->out, c->level + 1);
      waymark_json_append_string (c->out, name);
      g_string_append (c->out, ": ");
      waymark_json_append_node (c->out, member, c->level + 1);
    }
}

static void
write_stage (GString      *out,
             WaymarkStage *stage,
             int           level)
{
  Container o;
  GPtrArray *kpis = waymark_stage_get_kpis (stage);

  object_begin (&o, out, level);
  text_member (&o, "id", waymark_stage_get_id (stage), TRUE);
  text_member (&o, "name", waymark_stage_get_name (stage), TRUE);
  text_member (&o, "description", waymark_stage_get_description (stage), FALSE);
  text_member (&o, "color", waymark_stage_get_color (stage), FALSE);
  if (kpis->len > 0)
    {
      Container array;

      object_key (&o, "kpis");
      array_begin (&array, out, level + 1);
      for (guint i = 0; i < kpis->len; i++)
        {
          WaymarkKpi *kpi = g_ptr_array_index (kpis, i);
          Container k;

          array_item (&array);
          object_begin (&k, out, level + 2);
          text_member (&k, "name", kpi->name, TRUE);
          text_member (&k, "value", kpi->value, FALSE);
          text_member (&k, "target", kpi->target, FALSE);
          extras_members (&k, kpi->extras);
          container_end (&k, '}');
        }
      container_end (&array, ']');
    }
  extras_members (&o, waymark_stage_get_extras (stage));
  container_end (&o, '}');
}

static void
write_lane (GString     *out,
            WaymarkLane *lane,
            int          level)
{
  Container o;

  object_begin (&o, out, level);
  text_member (&o, "id", waymark_lane_get_id (lane), TRUE);
  text_member (&o, "kind", waymark_lane_get_kind (lane), TRUE);
  text_member (&o, "name", waymark_lane_get_name (lane), TRUE);
  text_member (&o, "description", waymark_lane_get_description (lane), FALSE);
  extras_members (&o, waymark_lane_get_extras (lane));
  container_end (&o, '}');
}

static void
write_card (GString     *out,
            WaymarkCard *card,
            int          level)
{
  Container o;

  object_begin (&o, out, level);
  text_member (&o, "id", waymark_card_get_id (card), TRUE);
  text_member (&o, "stage", waymark_card_get_stage (card), TRUE);
  text_member (&o, "lane", waymark_card_get_lane (card), TRUE);
  text_member (&o, "title", waymark_card_get_title (card), TRUE);
  text_member (&o, "notes", waymark_card_get_notes (card), FALSE);
  text_member (&o, "channel", waymark_card_get_channel (card), FALSE);
  if (waymark_card_get_has_emotion (card))
    {
      object_key (&o, "emotion");
      g_string_append_printf (out, "%d", waymark_card_get_emotion (card));
    }
  strv_member (&o, "personas", waymark_card_get_personas (card));
  strv_member (&o, "links", waymark_card_get_links (card));
  text_member (&o, "priority", waymark_card_get_priority (card), FALSE);
  text_member (&o, "status", waymark_card_get_status (card), FALSE);
  text_member (&o, "owner", waymark_card_get_owner (card), FALSE);
  if (waymark_card_get_moment_of_truth (card))
    {
      object_key (&o, "moment-of-truth");
      g_string_append (out, "true");
    }
  text_member (&o, "evidence", waymark_card_get_evidence (card), FALSE);
  text_member (&o, "color", waymark_card_get_color (card), FALSE);
  extras_members (&o, waymark_card_get_extras (card));
  container_end (&o, '}');
}

static void
write_persona (GString        *out,
               WaymarkPersona *persona,
               int             level)
{
  static const char * const lists[] = { "goals", "pain-points", "behaviors", "preferences" };
  Container o;

  object_begin (&o, out, level);
  text_member (&o, "id", waymark_persona_get_id (persona), TRUE);
  text_member (&o, "name", waymark_persona_get_name (persona), TRUE);
  text_member (&o, "role", waymark_persona_get_role (persona), FALSE);
  text_member (&o, "quote", waymark_persona_get_quote (persona), FALSE);
  text_member (&o, "color", waymark_persona_get_color (persona), FALSE);
  text_member (&o, "demographics", waymark_persona_get_demographics (persona), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    strv_member (&o, lists[i], waymark_persona_get_list (persona, lists[i]));
  text_member (&o, "evidence", waymark_persona_get_evidence (persona), FALSE);
  text_member (&o, "photo", waymark_persona_get_photo (persona), FALSE);
  extras_members (&o, waymark_persona_get_extras (persona));
  container_end (&o, '}');
}

static void
list_member (Container  *root,
             const char *key,
             GListModel *list,
             void      (*write) (GString *, gpointer, int))
{
  Container array;
  guint n = g_list_model_get_n_items (list);

  object_key (root, key);
  array_begin (&array, root->out, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      array_item (&array);
      write (root->out, item, 2);
    }
  container_end (&array, ']');
}

GBytes *
waymark_jmap_write (WaymarkDocument *document)
{
  GListModel *cards;
  GString *out;
  Container root;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), NULL);

  /* About 250 bytes a card: one allocation for most maps. */
  cards = waymark_document_get_cards (document);
  out = g_string_sized_new (4096 + 256 * g_list_model_get_n_items (cards));

  object_begin (&root, out, 0);
  object_key (&root, "jmap-format");
  g_string_append (out, "1");
  text_member (&root, "generator", waymark_document_get_generator (document), FALSE);
  text_member (&root, "title", waymark_document_get_title (document), TRUE);
  text_member (&root, "description", waymark_document_get_description (document), FALSE);
  text_member (&root, "created", waymark_document_get_created_time (document), FALSE);
  text_member (&root, "modified", waymark_document_get_modified_time (document), FALSE);
  list_member (&root, "stages", waymark_document_get_stages (document),
               (void (*) (GString *, gpointer, int)) write_stage);
  list_member (&root, "lanes", waymark_document_get_lanes (document),
               (void (*) (GString *, gpointer, int)) write_lane);
  list_member (&root, "cards", cards,
               (void (*) (GString *, gpointer, int)) write_card);
  list_member (&root, "personas", waymark_document_get_personas (document),
               (void (*) (GString *, gpointer, int)) write_persona);
  extras_members (&root, waymark_document_get_extras (document));
  container_end (&root, '}');
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

static gboolean
replace_file (GFile         *file,
              GBytes        *bytes,
              const char    *expected_stamp,
              char         **new_stamp,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!waymark_safe_save (file, bytes, expected_stamp, new_stamp, cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not save “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
waymark_jmap_save_file (WaymarkDocument  *document,
                        GFile            *file,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (WAYMARK_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = waymark_jmap_write (document);
  return replace_file (file, bytes, NULL, NULL, cancellable, error);
}

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  char   *expected_stamp;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_free (save->expected_stamp);
  g_free (save);
}

static void
save_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;
  char *new_stamp = NULL;

  if (replace_file (save->file, save->bytes, save->expected_stamp, &new_stamp,
                    cancellable, &error))
    g_task_return_pointer (task, new_stamp ? new_stamp : g_strdup (""), g_free);
  else
    g_task_return_error (task, error);
}

void
waymark_jmap_save_file_async (WaymarkDocument     *document,
                              GFile               *file,
                              const char          *expected_stamp,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *save;

  g_return_if_fail (WAYMARK_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (file));

  save = g_new0 (SaveData, 1);
  save->file = g_object_ref (file);
  save->bytes = waymark_jmap_write (document);
  save->expected_stamp = g_strdup (expected_stamp);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, waymark_jmap_save_file_async);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_file_thread);
}

gboolean
waymark_jmap_save_file_finish (GAsyncResult  *result,
                               char         **new_stamp,
                               GError       **error)
{
  char *stamp;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  stamp = g_task_propagate_pointer (G_TASK (result), error);
  if (stamp == NULL)
    return FALSE;
  if (new_stamp != NULL && stamp[0] != '\0')
    *new_stamp = stamp;
  else
    g_free (stamp);
  return TRUE;
}
