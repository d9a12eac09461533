/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A strict RFC 8259 check that runs before json-glib parses a file, so
 * that nothing json-glib mishandles (deep nesting, huge integers, "\u0000",
 * duplicate member names, lenient syntax, inputs that would balloon into
 * gigabytes of tree) ever reaches it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib parses recursively; 64 levels is far more than a map needs
 * (it uses 5) and far less than any stack. */
#define WAYMARK_JSON_MAX_DEPTH 64

/* What json-glib's tree of an accepted file may cost, estimated from the
 * counts of values the scan sees. A 64 MiB map of real cards estimates
 * at well under half of it; 64 MiB of "{}," would take 7 GiB. */
#define WAYMARK_JSON_MAX_TREE_BYTES (G_GUINT64_CONSTANT (1) << 30)

/* Checks data (a UTF-8 byte order mark at the start is skipped). On
 * success, *json and *json_length are what to hand to json-glib: a slice
 * of data, or *owned, a copy with the "\u0000" escapes removed (json-glib
 * would cut the string there), which the caller frees.
 *
 * Beyond RFC 8259, it refuses: nesting deeper than WAYMARK_JSON_MAX_DEPTH,
 * integers outside int64 and numbers outside double range, lone UTF-16
 * surrogate escapes (they encode no character, and json-glib would turn
 * them into invalid UTF-8), an object naming the same member twice (json-glib
 * keeps the last value silently, and takes quadratic time doing it), and
 * files whose tree would exceed WAYMARK_JSON_MAX_TREE_BYTES.
 *
 * Errors are of WAYMARK_FORMAT_ERROR with line and column (1-based,
 * columns counted in characters), except the tree-size one. */
gboolean waymark_json_scan (const char  *data,
                            gsize        length,
                            const char **json,
                            gsize       *json_length,
                            char       **owned,
                            GError     **error);

G_END_DECLS
