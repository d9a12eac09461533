#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary DESTDIR and checks the tree a
distribution package would ship: the programs, the desktop integration
(each file where the desktop looks for it, consistent with the others),
the help, the translations and the examples. Prints TAP.

usage: test-install.py MESON BUILD_ROOT SOURCE_ROOT PREFIX APP_ID"""

import configparser
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

results = []


def check(name, ok, detail=''):
    results.append((name, bool(ok), detail))
    return ok


def linguas(path):
    """The language codes a LINGUAS file lists (comments and blanks skipped)."""
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except FileNotFoundError:
        return []
    codes = []
    for line in text.splitlines():
        line = line.split('#', 1)[0]
        codes.extend(line.split())
    return codes


def read_desktop(path):
    parser = configparser.RawConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding='utf-8')
    return parser


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def main():
    meson, build_root, source_root, prefix, app_id = sys.argv[1:6]
    destdir = tempfile.mkdtemp(prefix='waymark-install-')
    try:
        inspect(meson, build_root, source_root, prefix, app_id, destdir)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)

    print('1..%d' % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, name))
        if detail and not ok:
            for line in detail.rstrip().splitlines():
                print('# ' + line)
    return 0 if all(ok for _, ok, _ in results) else 1


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        return None
    return int.from_bytes(head[16:20], 'big'), int.from_bytes(head[20:24], 'big')


def check_screenshots(component, source_root):
    """Every screenshot the metainfo shows is committed in data/screenshots/,
    a PNG of the size it declares, small enough for software centres."""
    prefix = 'https://raw.githubusercontent.com/waymark/waymark/main/'
    images = list(component.iterfind('screenshots/screenshot/image'))
    check('the metainfo has screenshots', images)
    for image in images:
        url = image.text or ''
        rel = url[len(prefix):] if url.startswith(prefix) else None
        path = os.path.join(source_root, rel) if rel else None
        if not check('screenshot %s is in the repository' % url,
                     path and os.path.isfile(path), 'not under ' + prefix + ' or missing'):
            continue
        declared = (int(image.get('width', 0)), int(image.get('height', 0)))
        check('%s is a %d×%d PNG' % (rel, *declared), png_size(path) == declared,
              'actual: %r' % (png_size(path),))
        check('%s is under 400 KB' % rel, os.path.getsize(path) < 400 * 1024,
              '%d bytes' % os.path.getsize(path))


def inspect(meson, build_root, source_root, prefix, app_id, destdir):
    # No rebuild: meson test has built everything, and a rebuild here
    # would race with the tests running next to this one.
    install = run([meson, 'install', '-C', build_root, '--no-rebuild',
                   '--destdir', destdir, '--quiet'])
    if not check('meson install into a DESTDIR', install.returncode == 0, install.stdout):
        return

    root = destdir + prefix
    share = os.path.join(root, 'share')

    def has(rel, what=None):
        path = os.path.join(root, rel)
        return check(what or rel, os.path.exists(path), 'missing: ' + path)

    stray = []
    for dirpath, _, filenames in os.walk(destdir):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not path.startswith(root + os.sep):
                stray.append(path[len(destdir):])
    check('everything is installed under the prefix %s' % prefix, not stray, '\n'.join(stray))

    # The programs.
    for program in ('waymark', 'waymark-thumbnailer'):
        path = os.path.join(root, 'bin', program)
        check('bin/%s is an executable' % program,
              os.path.isfile(path) and os.access(path, os.X_OK), 'missing: ' + path)

    # The desktop entry: valid, its icon installed, its type defined.
    desktop = os.path.join(share, 'applications', app_id + '.desktop')
    if has('share/applications/%s.desktop' % app_id):
        validate = run(['desktop-file-validate', desktop])
        check('the installed desktop file validates',
              validate.returncode == 0 and 'error:' not in validate.stdout, validate.stdout)
        entry = read_desktop(desktop)['Desktop Entry']
        icon = entry.get('Icon', '')
        icons = glob.glob(os.path.join(share, 'icons', 'hicolor', '*', 'apps', icon + '.*'))
        check('the desktop file\'s Icon=%s is installed' % icon, icon and icons)
        check('the desktop file opens application/x-jmap',
              'application/x-jmap' in entry.get('MimeType', '').split(';'))
        exec_line = entry.get('Exec', '').split()
        check('the desktop file runs waymark from the prefix\'s bin',
              exec_line and os.path.isfile(os.path.join(root, 'bin', exec_line[0])),
              'Exec=' + entry.get('Exec', ''))
        if entry.get('DBusActivatable', 'false') == 'true':
            service = os.path.join(share, 'dbus-1', 'services', app_id + '.service')
            if check('D-Bus activatable: share/dbus-1/services/%s.service' % app_id,
                     os.path.exists(service), 'missing: ' + service):
                parsed = read_desktop(service)['D-BUS Service']
                service_exec = parsed.get('Exec', '').split()
                check('the D-Bus service is named %s' % app_id, parsed.get('Name') == app_id)
                check('the D-Bus service runs the installed waymark as a service',
                      service_exec[:1] == [os.path.join(prefix, 'bin', 'waymark')]
                      and '--gapplication-service' in service_exec,
                      'Exec=' + parsed.get('Exec', ''))

    # The icons: the app icon and its symbolic variant.
    has('share/icons/hicolor/scalable/apps/%s.svg' % app_id)
    has('share/icons/hicolor/symbolic/apps/%s-symbolic.svg' % app_id)

    # The metainfo: valid, and naming the desktop file and the MIME type.
    metainfo = os.path.join(share, 'metainfo', app_id + '.metainfo.xml')
    if has('share/metainfo/%s.metainfo.xml' % app_id):
        component = ET.parse(metainfo).getroot()
        check('the metainfo id is %s' % app_id, component.findtext('id') == app_id)
        check('the metainfo launches the installed desktop file',
              component.findtext('launchable') == app_id + '.desktop')
        check('the metainfo provides application/x-jmap',
              'application/x-jmap' in [m.text for m in component.iterfind('provides/mediatype')])
        check_screenshots(component, source_root)
        if shutil.which('appstreamcli'):
            validate = run(['appstreamcli', 'validate', '--no-net', metainfo])
            check('the installed metainfo validates', validate.returncode == 0, validate.stdout)

    # Desktop file, metainfo and icon as software centres put them together.
    if shutil.which('appstreamcli'):
        tree = run(['appstreamcli', 'validate-tree', '--no-net', root])
        check('appstreamcli validate-tree accepts the installed tree', tree.returncode == 0,
              tree.stdout)

    # The MIME type.
    mime = os.path.join(share, 'mime', 'packages', app_id + '.xml')
    if has('share/mime/packages/%s.xml' % app_id):
        ns = '{http://www.freedesktop.org/standards/shared-mime-info}'
        types = [t.get('type') for t in ET.parse(mime).getroot().iter(ns + 'mime-type')]
        check('the MIME package defines application/x-jmap', types == ['application/x-jmap'],
              repr(types))

    # The settings schema, valid where it is installed.
    schemas = os.path.join(share, 'glib-2.0', 'schemas')
    if has('share/glib-2.0/schemas/%s.gschema.xml' % app_id):
        compile_schemas = run(['glib-compile-schemas', '--strict', '--dry-run', schemas])
        check('the installed schema compiles', compile_schemas.returncode == 0,
              compile_schemas.stdout)

    # The thumbnailer entry, and the program it names.
    thumbnailer = os.path.join(share, 'thumbnailers', app_id + '.thumbnailer')
    if has('share/thumbnailers/%s.thumbnailer' % app_id):
        entry = read_desktop(thumbnailer)['Thumbnailer Entry']
        check('the thumbnailer\'s TryExec is installed',
              os.path.isfile(os.path.join(root, 'bin', entry.get('TryExec', ''))),
              'TryExec=' + entry.get('TryExec', ''))

    # The help, in every language help/LINGUAS lists.
    for lang in ['C'] + linguas(os.path.join(source_root, 'help', 'LINGUAS')):
        has('share/help/%s/waymark/index.page' % lang)

    # The translations po/LINGUAS lists.
    for lang in linguas(os.path.join(source_root, 'po', 'LINGUAS')):
        has('share/locale/%s/LC_MESSAGES/waymark.mo' % lang)

    # The examples.
    examples = os.path.join(share, 'waymark', 'examples')
    shipped = sorted(os.path.basename(p) for p in glob.glob(os.path.join(source_root, 'data', 'examples', '*.jmap')))
    installed = sorted(os.path.basename(p) for p in glob.glob(os.path.join(examples, '*.jmap')))
    check('the examples are installed to share/waymark/examples',
          shipped and installed == shipped, 'shipped %r, installed %r' % (shipped, installed))


if __name__ == '__main__':
    sys.exit(main())
