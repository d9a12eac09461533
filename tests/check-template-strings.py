#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that src/ui/waymark-template-strings.c, which carries the texts
of the built-in templates to the message catalogue, matches
data/templates/*.jmap: it runs build-aux/extract-template-strings.py into
a temporary file and compares. A template changed without the C file
would show its new texts untranslated.

To fix a failure:
  build-aux/extract-template-strings.py
  meson compile -C BUILDDIR waymark-pot waymark-update-po
then translate the new messages in po/*.po.

Usage: check-template-strings.py SOURCE_ROOT
"""

import difflib
import os
import subprocess
import sys
import tempfile

COMMITTED = os.path.join("src", "ui", "waymark-template-strings.c")


def main(root):
    extractor = os.path.join(root, "build-aux", "extract-template-strings.py")
    committed = os.path.join(root, COMMITTED)

    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "waymark-template-strings.c")
        subprocess.run([sys.executable, extractor, root, fresh], check=True)
        with open(fresh, encoding="utf-8") as f:
            expected = f.read()

    try:
        with open(committed, encoding="utf-8") as f:
            actual = f.read()
    except FileNotFoundError:
        print(f"{COMMITTED} is missing: run build-aux/extract-template-strings.py")
        return 1

    if actual != expected:
        sys.stdout.writelines(difflib.unified_diff(
            actual.splitlines(True), expected.splitlines(True),
            COMMITTED, "extracted from data/templates"))
        print(f"\n{COMMITTED} is out of date: run build-aux/extract-template-strings.py,"
              " then update po/waymark.pot and the translations")
        return 1

    print(f"{COMMITTED} matches data/templates")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
