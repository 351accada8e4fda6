#!/bin/sh
# Fetch pinned files (fonts, dictionaries) from the npm registry or from
# Debian packages, verify their SHA-256 sums against the lock file, and put
# only the files it names into DESTDIR (under their own names, or the
# name a line ends with). npm packages are cached in
# build/cache/.
# Usage: scripts/fetch.sh LOCKFILE DESTDIR
set -eu

lock=$1
dest=$2
cache=build/cache
mkdir -p "$cache" "$dest"

sha() { sha256sum "$1" | cut -d' ' -f1; }

fail() { echo "fetch: $*" >&2; exit 1; }

# Resolve a short package name to its cached, verified tarball.
tarball() {
  line=$(grep "^package $1 " "$lock") || fail "no package '$1' in $lock"
  # shellcheck disable=SC2086
  set -- $line
  name=$3 version=$4 want=$5
  file="$cache/$(echo "$name" | sed 's|^@||; s|/|-|')-$version.tgz"
  if [ ! -f "$file" ] || [ "$(sha "$file")" != "$want" ]; then
    rm -f "$file"
    echo "fetch: npm pack $name@$version" >&2
    (cd "$cache" && npm pack --silent "$name@$version" >/dev/null) ||
      fail "npm pack $name@$version failed"
    [ -f "$file" ] || fail "npm pack did not write $file"
  fi
  got=$(sha "$file")
  [ "$got" = "$want" ] || { rm -f "$file"; fail "$file: sha256 $got, expected $want"; }
  echo "$file"
}

# Fonts from Debian packages: installed at the pinned version, copied.
grep '^debian ' "$lock" | while read -r _ pkg version path want name; do
  out="$dest/${name:-$(basename "$path")}"
  if [ -f "$out" ] && [ "$(sha "$out")" = "$want" ]; then
    continue
  fi
  if [ ! -f "$path" ] || [ "$(sha "$path")" != "$want" ]; then
    [ "$(id -u)" = 0 ] || fail "need root to install $pkg=$version"
    echo "fetch: apt-get install $pkg=$version" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "$pkg=$version" >/dev/null ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends "$pkg=$version" >/dev/null; } ||
      fail "apt-get install $pkg=$version failed"
  fi
  got=$(sha "$path")
  [ "$got" = "$want" ] || fail "$path: sha256 $got, expected $want"
  cp "$path" "$out.tmp" && mv "$out.tmp" "$out"
  echo "fetch: $out verified" >&2
done

grep '^file ' "$lock" | while read -r _ pkg path want name; do
  out="$dest/${name:-$(basename "$path")}"
  if [ -f "$out" ] && [ "$(sha "$out")" = "$want" ]; then
    continue
  fi
  tgz=$(tarball "$pkg")
  tmp=$(mktemp -d)
  tar -xzf "$tgz" -C "$tmp" "package/$path" || { rm -rf "$tmp"; fail "$path not in $tgz"; }
  got=$(sha "$tmp/package/$path")
  if [ "$got" != "$want" ]; then
    rm -rf "$tmp"
    fail "$path: sha256 $got, expected $want"
  fi
  mv "$tmp/package/$path" "$out.tmp" && mv "$out.tmp" "$out"
  rm -rf "$tmp"
  echo "fetch: $out verified" >&2
done
