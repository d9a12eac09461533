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
 * counts of values the scan sees (the estimate is within 10 % of the
 * resident memory json-glib 1.6 takes). A 64 MiB map of real cards
 * estimates at 400 to 600 MiB; 64 MiB of "{}," would take 6 GiB, of
 * "1," 3 GiB. Refusing early also bounds the time such files take. */
#define WAYMARK_JSON_MAX_TREE_BYTES (G_GUINT64_CONSTANT (1) << 30)

/* Members of one object. A map's objects have a few dozen; millions in
 * one object cost the scan's duplicate check and json-glib's hash table
 * a cache miss each, seconds for one 60 MiB file. */
#define WAYMARK_JSON_MAX_MEMBERS 100000

/* Checks data (a UTF-8 byte order mark at the start is skipped). On
 * success, *json and *json_length are what to hand to json-glib: a slice
 * of data, or *owned, a copy with the "\u0000" escapes removed (json-glib
 * would cut the string there), which the caller frees.
 *
 * Beyond RFC 8259, it refuses: nesting deeper than WAYMARK_JSON_MAX_DEPTH,
 * integers outside int64 and numbers outside double range, lone UTF-16
 * surrogate escapes (they encode no character, and json-glib would turn
 * them into invalid UTF-8), an object naming the same member twice (json-glib
 * keeps the last value silently, and takes quadratic time doing it), an
 * object of more than WAYMARK_JSON_MAX_MEMBERS members, and files whose
 * tree would exceed WAYMARK_JSON_MAX_TREE_BYTES (refused as
 * soon as the estimate passes it, before the rest is scanned).
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
