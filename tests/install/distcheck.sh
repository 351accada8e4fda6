#!/bin/sh
# make distcheck: the release tarball builds and passes make test on its
# own, installs into a DESTDIR and into a prefix, and the installed binary
# run from / compiles the seeds into the same PDF as the unpacked tree's.
# The fetch cache (build/cache: npm tarballs checked by SHA-256) is copied
# in so the fonts are not downloaded again.
set -eu
dist=$1
here=$(pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
tar -xzf "$here/$dist.tar.gz" -C "$tmp"
cd "$tmp/$dist"
if [ -d "$here/build/cache" ]; then
  mkdir -p build/cache
  cp "$here"/build/cache/*.tgz build/cache/ 2>/dev/null || true
fi
make report
make test
make install DESTDIR="$tmp/dest"
prefix=$(sed -n 's/^PREFIX ?= //p' Makefile)
(cd / && JIANBAO_DATADIR="$tmp/dest$prefix/share/jianbao" \
  "$tmp/dest$prefix/bin/jianbao" -q -o "$tmp/staged.pdf" "$tmp/$dist/seeds")
cmp "$tmp/$dist/out/briefing.pdf" "$tmp/staged.pdf"
echo "distcheck: a DESTDIR install run from / gives the unpacked tree's PDF"
make install PREFIX="$tmp/prefix"
(cd / && env -u JIANBAO_DATADIR "$tmp/prefix/bin/jianbao" -q -o "$tmp/prefix.pdf" \
  "$tmp/$dist/seeds")
cmp "$tmp/$dist/out/briefing.pdf" "$tmp/prefix.pdf"
(cd / && "$tmp/prefix/bin/jianbao" -q -t a5-handout -o "$tmp/h.pdf" "$tmp/$dist/seeds")
(cd / && "$tmp/prefix/bin/jianbao" --list-templates) | grep -q "^a5-handout .*$tmp/prefix/share/jianbao/templates"
"$tmp/prefix/bin/jianbao" -V | grep -q "^jianbao $(sed -n 's/^#define JB_VERSION "\(.*\)"/\1/p' src/version.h)\$"
make uninstall PREFIX="$tmp/prefix"
test -z "$(find "$tmp/prefix" -type f)"
echo "distcheck: $dist builds, passes make test, installs (DESTDIR and prefix) and runs from /"
