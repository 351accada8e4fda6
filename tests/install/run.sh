#!/bin/sh
# make install into a temporary DESTDIR, then run the installed binary from
# / (where no template, font or seed is at hand): the PDF equals the build
# tree's byte for byte; templates are found by name; --list-templates and
# --print-template work; a missing resource names every place looked; the
# man page is mandoc-lint clean and names every template key; make
# uninstall removes exactly what install wrote.
set -u
tree=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib.sh

dest=$tmp/dest
make --no-print-directory -s install DESTDIR="$dest" >"$tmp/install.log" 2>&1
expect "make install DESTDIR=... succeeds" test $? -eq 0
prefix=$(sed -n 's/^PREFIX ?= //p' Makefile)
bin=$dest$prefix/bin/jianbao
share=$dest$prefix/share/jianbao
expect "installs the binary, templates, fonts, data, lexicon and man page" sh -c "
  test -x '$bin' && test -f '$share/templates/briefing.conf' &&
  test -f '$share/templates/a5-handout.conf' && test -f '$share/templates/phrases/names.txt' &&
  test -f '$share/fonts/NotoSerifSC_400Regular.ttf' && test -f '$share/fonts/fonts.lock' &&
  test -f '$share/fonts/OFL-NotoSerif.txt' && test -f '$share/data/cedict_ts.u8' &&
  test -f '$share/data/cedict_ts.u8.jblx' && test -f '$share/data/data.lock' &&
  test -f '$share/data/sRGB.icc' && test -f '$dest$prefix/share/man/man1/jianbao.1'"

# The build tree's reports, made with the same templates.
build/jianbao -q -o "$tmp/tree.pdf" seeds
build/jianbao -q -t a5-handout -o "$tmp/tree-h.pdf" seeds

export JIANBAO_DATADIR="$share"
(cd / && "$bin" -q -o "$tmp/inst.pdf" "$tree/seeds")
expect "from /, the installed binary compiles the seeds (exit 0)" test $? -eq 0
expect "from /, the same PDF as the build tree's, byte for byte" cmp -s "$tmp/tree.pdf" "$tmp/inst.pdf"
(cd / && "$bin" -q -t a5-handout -o "$tmp/inst-h.pdf" "$tree/seeds")
expect "from /, -t a5-handout finds the template by name, the same PDF" \
  cmp -s "$tmp/tree-h.pdf" "$tmp/inst-h.pdf"
(cd / && "$bin" --list-templates) >"$tmp/list.txt"
expect "from /, --list-templates lists the three installed templates" sh -c "
  grep -q '^a5-handout  *$share/templates/a5-handout.conf' '$tmp/list.txt' &&
  grep -q '^briefing  *$share/templates/briefing.conf' '$tmp/list.txt' &&
  grep -q '^briefing-zh-Hant ' '$tmp/list.txt'"
(cd / && "$bin" --print-template a5-handout) >"$tmp/mine.conf"
once=yes
for k in $(conf_keys); do
  [ "$(grep -c "^$k =" "$tmp/mine.conf")" -eq 1 ] || once=
done
expect "--print-template gives every key, once" test -n "$once"
expect "--print-template paths are absolute, into the installed data" \
  grep -q "^font.body = $share/fonts/NotoSansSC_400Regular.ttf\$" "$tmp/mine.conf"
mkdir "$tmp/elsewhere"
cp "$tmp/mine.conf" "$tmp/elsewhere/mine.conf"
(cd / && env -u JIANBAO_DATADIR "$bin" -q -t "$tmp/elsewhere/mine.conf" -o "$tmp/mine.pdf" \
  "$tree/seeds")
expect "a printed template, copied elsewhere, builds the same handout with no data folder" \
  cmp -s "$tmp/tree-h.pdf" "$tmp/mine.pdf"
(cd / && env -u JIANBAO_DATADIR "$bin" -q --datadir "$share" -o "$tmp/dd.pdf" "$tree/seeds")
expect "--datadir DIR works as JIANBAO_DATADIR does" cmp -s "$tmp/tree.pdf" "$tmp/dd.pdf"

(cd / && JIANBAO_DATADIR=/nonexistent "$bin" -q -o "$tmp/none.pdf" "$tree/seeds") 2>"$tmp/err"
rc=$?
expect "a missing template: exit 1, nothing written" sh -c "test $rc -eq 1 && test ! -e '$tmp/none.pdf'"
expect "a missing template names every place looked" sh -c "
  grep -q '/nonexistent/templates/briefing.conf (JIANBAO_DATADIR)' '$tmp/err' &&
  grep -q '$prefix/share/jianbao/templates/briefing.conf (the installed data)' '$tmp/err'"
printf 'title = x\n' >"$tmp/bare.conf"
(cd / && JIANBAO_DATADIR=/nonexistent "$bin" -q -t "$tmp/bare.conf" -o "$tmp/none.pdf" \
  "$tree/seeds") 2>"$tmp/err"
expect "a missing default font names every place looked" \
  grep -q 'font.body not set, and the default is not found; looked in /nonexistent/fonts/NotoSerifSC_400Regular.ttf (JIANBAO_DATADIR), .*(the installed data)' "$tmp/err"
expect "the installed lexicon is used as it is (its stamp survived install)" \
  cmp -s data/cedict_ts.u8.jblx "$share/data/cedict_ts.u8.jblx"
unset JIANBAO_DATADIR
"$bin" --help | grep -q 'JIANBAO_DATADIR' && "$bin" --help | grep -q "$prefix/share/jianbao"
expect "--help names the places looked, in order, with the compiled-in folder" test $? -eq 0

expect "the man page is mandoc -Tlint clean" sh -c "mandoc -Tlint man/jianbao.1"
missing=
for k in $(conf_keys); do
  grep -qE "(Ic|,) $k( ,|\$)" man/jianbao.1 || missing="$missing $k"
done
expect "the man page names every template key${missing:+ (missing:$missing)}" test -z "$missing"

make --no-print-directory -s uninstall DESTDIR="$dest" >/dev/null 2>&1
left=$(find "$dest" -type f | head -5)
expect "make uninstall removes every file install wrote${left:+ (left: $left)}" test -z "$left"

summary install
