#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The help is whole: every page and figure in help/C/ is installed (listed
# in help/meson.build) and every listed one exists; every xref leads to a
# page or section, every page is reached from the index, every figure a
# page shows exists, and every page id matches its file name.
# usage: check-help.sh HELP_C_DIR PAGE… --media FIGURE…
set -u
dir=$1
shift
command -v yelp-check >/dev/null || exit 77

pages=
media=
in_media=0
for arg in "$@"; do
  if [ "$arg" = --media ]; then in_media=1; continue; fi
  if [ $in_media = 1 ]; then media="$media $arg"; else pages="$pages $arg"; fi
done

status=0
fail () { echo "not ok: $*"; status=1; }

for f in $pages $media; do
  [ -f "$dir/$f" ] || fail "$f is listed in help/meson.build but missing"
done
for path in "$dir"/*.page "$dir"/figures/*; do
  [ -e "$path" ] || continue
  f=${path#"$dir"/}
  case " $pages $media " in
    *" $f "*) ;;
    *) fail "$f is not listed in help/meson.build, so it is not installed" ;;
  esac
done

for check in links orphans media ids; do
  out=$(cd "$dir" && yelp-check $check . 2>&1)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    fail "yelp-check $check:"
    printf '%s\n' "$out"
  fi
done

[ $status = 0 ] && echo "ok: $(echo $pages | wc -w) pages, $(echo $media | wc -w) figures"
exit $status
