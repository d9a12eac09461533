/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edits by name, for the crash-recovery test: waymark-recovery-app makes
 * them in the running application (its app.test-edit action), and the
 * test makes the same ones on its own copy of the map to know what the
 * recovered map must be. Ids of new objects are "PREFIX-N", so both
 * give the same bytes. */
#pragma once

#include "waymark-document.h"

/* "title:TEXT", "stage:NAME", "card:TITLE" (in the first stage and
 * lane) or "undo". FALSE for anything else. */
static inline gboolean
test_edit_apply (WaymarkDocument *document,
                 const char      *edit)
{
  if (g_str_has_prefix (edit, "title:"))
    waymark_document_set_string_step (document, document, "title", edit + strlen ("title:"));
  else if (g_str_has_prefix (edit, "stage:"))
    waymark_document_add_stage (document, edit + strlen ("stage:"), -1);
  else if (g_str_has_prefix (edit, "card:"))
    {
      g_autoptr(WaymarkStage) stage = g_list_model_get_item (waymark_document_get_stages (document), 0);
      g_autoptr(WaymarkLane) lane = g_list_model_get_item (waymark_document_get_lanes (document), 0);

      if (stage == NULL || lane == NULL)
        return FALSE;
      waymark_document_add_card (document, waymark_stage_get_id (stage), waymark_lane_get_id (lane),
                                 edit + strlen ("card:"), -1);
    }
  else if (g_str_equal (edit, "undo"))
    return waymark_history_undo (waymark_document_get_history (document));
  else
    return FALSE;
  return TRUE;
}
