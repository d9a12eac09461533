#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: valid JSON, the application id of
meson.build, the waymark command, the GNOME 47 (or newer) runtime and
SDK, Waymark built with Meson from this very directory, and no sandbox
holes beyond what a GTK app on Wayland or X11 with GPU drawing needs.
Files come and go through the portals (GtkFileChooserNative), so there
is no --filesystem.

Usage: check-flatpak.py SOURCE_ROOT
"""

import json
import os
import re
import sys

MANIFEST = os.path.join("flatpak", "io.github.waymark.Waymark.json")
ALLOWED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
MIN_RUNTIME = 47


def app_id_from_meson(root):
    with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
        match = re.search(r"^app_id\s*=\s*'([^']+)'", f.read(), re.M)
    return match.group(1) if match else None


def check(root):
    problems = []
    path = os.path.join(root, MANIFEST)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        return [f"{MANIFEST}: cannot be read as JSON: {e}"]
    if not isinstance(manifest, dict):
        return [f"{MANIFEST}: the top level must be an object"]

    app_id = app_id_from_meson(root)
    if app_id is None:
        problems.append("meson.build: no app_id = '…' line")
    # "app-id" is the older spelling of "id"; flatpak-builder takes both.
    manifest_id = manifest.get("id", manifest.get("app-id"))
    if manifest_id != app_id:
        problems.append(f"id is {manifest_id!r}, not the app id {app_id!r} of meson.build")
    if os.path.basename(path) != f"{app_id}.json":
        problems.append(f"the manifest should be named {app_id}.json")

    if manifest.get("command") != "waymark":
        problems.append(f"command is {manifest.get('command')!r}, not 'waymark'")
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append(f"runtime is {manifest.get('runtime')!r}, not 'org.gnome.Platform'")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append(f"sdk is {manifest.get('sdk')!r}, not 'org.gnome.Sdk'")
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"\d+", version) or int(version) < MIN_RUNTIME:
        problems.append(f"runtime-version is {version!r}; it must be {MIN_RUNTIME} or newer "
                        "(a GNOME release number, not master)")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list) or not all(isinstance(a, str) for a in finish_args):
        problems.append("finish-args must be a list of strings")
    else:
        for arg in finish_args:
            if arg not in ALLOWED_FINISH_ARGS:
                problems.append(f"finish-args: {arg} gives more than Waymark needs "
                                f"(allowed: {', '.join(sorted(ALLOWED_FINISH_ARGS))})")
        if len(set(finish_args)) != len(finish_args):
            problems.append("finish-args lists an argument twice")
        for needed in ("--share=ipc", "--socket=wayland", "--socket=fallback-x11"):
            if needed not in finish_args:
                problems.append(f"finish-args: {needed} is missing; the window cannot open")

    modules = manifest.get("modules", [])
    waymark = [m for m in modules if isinstance(m, dict) and m.get("name") == "waymark"]
    if len(waymark) != 1:
        problems.append("modules: there must be exactly one module named 'waymark'")
    else:
        module = waymark[0]
        if modules[-1] is not module:
            problems.append("modules: 'waymark' must come last, after what it depends on")
        if module.get("buildsystem") != "meson":
            problems.append("the waymark module must use buildsystem meson")
        sources = module.get("sources", [])
        dirs = [s for s in sources if isinstance(s, dict) and s.get("type") == "dir"]
        if len(sources) != 1 or len(dirs) != 1:
            problems.append("the waymark module must have one source, of type dir")
        else:
            source_dir = os.path.normpath(os.path.join(os.path.dirname(path), dirs[0].get("path", "")))
            if source_dir != os.path.normpath(root):
                problems.append(f"the dir source {dirs[0].get('path')!r} is not the project's "
                                "root (the manifest's folder is flatpak/)")
        if "-Dtests=false" not in module.get("config-opts", []):
            problems.append("the waymark module should build with -Dtests=false "
                            "(glib-testing is not in the GNOME runtime)")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = os.path.abspath(sys.argv[1])
    problems = check(root)
    for problem in problems:
        print(f"{MANIFEST}: {problem}" if not problem.startswith(MANIFEST) else problem)
    if problems:
        return 1
    print(f"{MANIFEST}: valid; finish-args within {sorted(ALLOWED_FINISH_ARGS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
