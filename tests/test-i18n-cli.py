#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The German translation end to end, without a display: `waymark --help`
and an error message of `waymark --check`, run with LANGUAGE=de, must be
German, and English without it.

Only C.UTF-8 is needed, no generated de_DE locale: GNU gettext honours
LANGUAGE under any locale but "C"/"POSIX", and glibc 2.35+ has C.UTF-8
built in. The catalogue comes from the build directory through
WAYMARK_LOCALEDIR (BUILDDIR/po/de/LC_MESSAGES/waymark.mo).

The merged desktop entry, metainfo and MIME type, given after LOCALEDIR,
must carry the German strings (Comment[de]=…, xml:lang="de").

Usage: test-i18n-cli.py WAYMARK LOCALEDIR [MERGED-FILE…]
"""

import os
import re
import subprocess
import sys
import tempfile


def run(waymark, localedir, language, *args):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env["LC_ALL"] = "C.UTF-8"
    env["WAYMARK_LOCALEDIR"] = localedir
    if language:
        env["LANGUAGE"] = language
    result = subprocess.run([waymark, *args], env=env, capture_output=True,
                            text=True, encoding="utf-8", timeout=60)
    return result.returncode, result.stdout, result.stderr


def expect(failures, what, text, present, absent):
    wrong = [f"expected “{s}”" for s in present if s not in text]
    wrong += [f"did not expect “{s}”" for s in absent if s in text]
    if wrong:
        failures.append(f"{what}: " + "; ".join(wrong) + " in:\n" + text)


def check_merged_file(failures, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    name = os.path.basename(path)
    if name.endswith(".desktop"):
        for key in ("Comment", "Keywords"):
            if not re.search(rf"^{key}\[de\]=\S", text, re.M):
                failures.append(f"{name}: no German {key}[de]")
    elif 'xml:lang="de"' not in text:
        failures.append(f"{name}: no German (xml:lang=\"de\") element")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    waymark, localedir = sys.argv[1:3]
    mo = os.path.join(localedir, "de", "LC_MESSAGES", "waymark.mo")
    if not os.path.isfile(mo):
        print(f"{mo} was not built")
        return 1
    failures = []

    # Option descriptions, the summary and a placeholder from Waymark's
    # catalogue; "Aufruf:" proves GLib's own German is used alongside.
    status, out, err = run(waymark, localedir, "de", "--help")
    expect(failures, "waymark --help (de)", out,
           ["Die Version anzeigen und beenden",
            "Waymark bearbeitet Customer-Journey-Maps (.jmap-Dateien).",
            "--export=AUSGABE",
            "[DATEI…]"],
           ["Show the version and quit", "Waymark edits"])
    if status != 0:
        failures.append(f"waymark --help (de) exited with {status}: {err}")

    status, out, err = run(waymark, localedir, None, "--help")
    expect(failures, "waymark --help (C)", out,
           ["Show the version and quit", "--export=OUT"],
           ["Die Version anzeigen"])

    # A message built at run time in the format layer, with a placeholder.
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, "fehlt.jmap")
        status, out, err = run(waymark, localedir, "de", "--check", missing)
        expect(failures, "waymark --check (de)", out + err,
               [f"{missing}: Fehler: „{missing}“ konnte nicht geöffnet werden: "
                "Diese Datei gibt es nicht."],
               ["Could not open"])
        if status == 0:
            failures.append("waymark --check on a missing file succeeded")

        # Plural forms: --stages on a map with one stage.
        one_stage = os.path.join(tmp, "eine-phase.jmap")
        with open(one_stage, "w", encoding="utf-8") as f:
            f.write('{"jmap-format": 1, "title": "T", "stages": [{"id": "s1", "name": "Eins"}],'
                    ' "lanes": [], "cards": [], "personas": []}')
        out_png = os.path.join(tmp, "out.png")
        status, out, err = run(waymark, localedir, "de", f"--export={out_png}",
                               "--stages=2-3", one_stage)
        expect(failures, "waymark --export --stages (de)", err,
               ["Die Map hat 1 Phase; Phasen reichen von 1 bis 1"], ["the map has"])

    for path in sys.argv[3:]:
        check_merged_file(failures, path)

    for failure in failures:
        print(failure)
        print()
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("waymark speaks German with LANGUAGE=de and English without")
    return 0


if __name__ == "__main__":
    sys.exit(main())
