#!/bin/sh
# Install the Debian packages jianbao builds and tests with, when missing.
# Called by make before the first compile; does nothing when all is there.
# Usage: scripts/deps.sh [bench]   (bench adds the benchmark tools)
set -eu

missing=""
need_pc() {   # pkg-config module, Debian package
  pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() {  # command, Debian package
  command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need_file() { # file, Debian package
  [ -e "$1" ] || missing="$missing $2"
}

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_pc harfbuzz libharfbuzz-dev
need_pc harfbuzz-subset libharfbuzz-dev
need_pc freetype2 libfreetype-dev
need_pc opencc libopencc-dev
need_pc icu-uc libicu-dev
need_pc libisal libisal-dev
need_pc gumbo libgumbo-dev
need_pc jansson libjansson-dev
need_file /usr/share/unicode/auxiliary/LineBreakTest.txt unicode-data
need_pc cmocka libcmocka-dev
need_file /usr/include/hpdf.h libhpdf-dev
need_file /usr/share/opencc/t2s.json libopencc-data
need_cmd opencc opencc
need_cmd pdftotext poppler-utils
need_cmd qpdf qpdf
need_cmd cmark cmark
need_cmd npm npm
need_cmd sha256sum coreutils
need_cmd python3 python3
need_cmd mandoc mandoc
need_cmd git git
need_file /usr/lib/python3/dist-packages/yaml/__init__.py python3-yaml
if [ "${1:-}" = valgrind ]; then
  need_cmd valgrind valgrind
fi
if [ "${1:-}" = fuzz ]; then
  need_cmd clang clang
  need_file /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a libclang-rt-14-dev
fi
if [ "${1:-}" = bench ]; then
  need_cmd hyperfine hyperfine
  need_file /usr/bin/time time
fi

if [ -n "$missing" ]; then
  # shellcheck disable=SC2086  # word splitting of the list is wanted
  set -- $(printf '%s\n' $missing | sort -u)
  echo "deps: installing $*"
  if [ "$(id -u)" != 0 ]; then
    echo "deps: need root to install: apt-get install $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet: update once on failure.
  apt-get install -y --no-install-recommends "$@" ||
    { apt-get update && apt-get install -y --no-install-recommends "$@"; }
fi

# The pdf stage relies on libharu 2.3.0's internal object layout.
v=$(dpkg-query -W -f '${Version}' libhpdf-dev 2>/dev/null || echo unknown)
case "$v" in
  2.3.0*) ;;
  *) echo "deps: libhpdf-dev $v found; jianbao needs 2.3.0" >&2; exit 1 ;;
esac
