/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing JSON text ourselves: json-glib's generator writes invalid JSON
 * for some doubles and is slower than a GString for the document. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A quoted, escaped JSON string (UTF-8 kept as it is, as Python's
 * json.dumps (ensure_ascii=False) does). */
void waymark_json_append_string (GString    *out,
                                 const char *text);
/* The node's value; level < 0 writes compact text, otherwise two-space
 * indented text whose closing bracket sits at that level. */
void waymark_json_append_node   (GString    *out,
                                 JsonNode   *node,
                                 int         level);
void waymark_json_append_indent (GString    *out,
                                 int         level);

G_END_DECLS
