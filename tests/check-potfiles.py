#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks po/POTFILES.in against the source tree.

Fails when a file with translatable strings is not listed (its strings
would never reach translators), and when POTFILES.in names a file that
does not exist (xgettext would stop, and `waymark-pot` with it).

Usage: check-potfiles.py SOURCE_ROOT
"""

import os
import re
import sys
import tempfile

# Where translatable sources live; tests/ and help/ (Mallard, translated
# through itstool per page) are not part of the message catalogue.
SCAN_DIRS = ("src", "data")

C_SUFFIXES = (".c", ".h")
# _( N_( C_( NC_( Q_( and the plural and context functions of GLib and
# gettext; \b keeps foo_( and GTK_( out.
C_MARKERS = re.compile(
    r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\("
    r"|\b(?:g_dngettext|g_dpgettext2?|g_dgettext|ngettext|dngettext|dgettext|pgettext)\s*\("
)
C_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.I)
# Elements that xgettext's ITS rules extract (gschema: summary and
# description; MIME: comment; metainfo: name, summary, description...).
GSCHEMA_MARKER = re.compile(r"<(?:summary|description)\b")
MIME_MARKER = re.compile(r"<comment\b")


def has_translatable_strings(path, text):
    name = os.path.basename(path)
    if name.endswith(C_SUFFIXES):
        return bool(C_MARKERS.search(C_COMMENTS.sub("", text)))
    if name.endswith(".ui"):
        return bool(UI_MARKER.search(text))
    if name.endswith(".desktop.in"):
        return True
    if name.endswith((".metainfo.xml.in", ".appdata.xml.in")):
        return True
    if name.endswith(".gschema.xml"):
        return bool(GSCHEMA_MARKER.search(text))
    if name.endswith(".mime.xml") or name.endswith(".mime.xml.in"):
        return bool(MIME_MARKER.search(text))
    return False


def read_potfiles(path):
    listed = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            # "[type: gettext/glade]file" names a file too.
            line = re.sub(r"^\[[^]]*\]\s*", "", line)
            listed.append((number, line))
    return listed


def check(root):
    potfiles = os.path.join(root, "po", "POTFILES.in")
    listed = read_potfiles(potfiles)
    listed_set = {name for _, name in listed}
    problems = []

    for number, name in listed:
        if not os.path.isfile(os.path.join(root, name)):
            problems.append(f"po/POTFILES.in:{number}: {name} does not exist")

    seen = set()
    for number, name in listed:
        if name in seen:
            problems.append(f"po/POTFILES.in:{number}: {name} is listed twice")
        seen.add(name)

    found = []
    for top in SCAN_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                relative = os.path.relpath(path, root).replace(os.sep, "/")
                try:
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                except (UnicodeDecodeError, OSError):
                    continue
                if has_translatable_strings(relative, text):
                    found.append(relative)
                    if relative not in listed_set:
                        problems.append(f"{relative} has translatable strings "
                                        "but is missing from po/POTFILES.in")

    return problems, found


def self_test():
    """The checker itself must catch both mistakes: run it on a small tree."""
    with tempfile.TemporaryDirectory() as root:
        files = {
            "po/POTFILES.in": "# comment\nsrc/listed.c\nsrc/gone.c\n",
            "src/listed.c": 'x = _("Listed");\n',
            "src/unlisted.c": 'x = g_dngettext (NULL, "%d map", "%d maps", n);\n',
            "src/comment-only.c": "/* _(\"not code\") */ int foo_(void);\n",
            "src/widget.ui": '<property name="label" translatable="yes">Hi</property>\n',
            "data/a.mime.xml": "<mime-type><comment>Map</comment></mime-type>\n",
            "data/a.gschema.xml": "<key name=\"k\" type=\"b\"><default>true</default></key>\n",
        }
        for name, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, name)), exist_ok=True)
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(text)
        problems, _ = check(root)
        expected = [
            "po/POTFILES.in:3: src/gone.c does not exist",
            "data/a.mime.xml has translatable strings but is missing from po/POTFILES.in",
            "src/unlisted.c has translatable strings but is missing from po/POTFILES.in",
            "src/widget.ui has translatable strings but is missing from po/POTFILES.in",
        ]
        if sorted(problems) != sorted(expected):
            print("self-test failed: the checker reported")
            for problem in problems:
                print("  " + problem)
            print("instead of")
            for problem in expected:
                print("  " + problem)
            return False
    return True


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    if not self_test():
        return 1
    problems, found = check(sys.argv[1])
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) with po/POTFILES.in")
        return 1
    print(f"po/POTFILES.in lists all {len(found)} files with translatable strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
