#!/bin/sh
# End-to-end tests: the report built from seeds/ is checked with qpdf,
# pdffonts and pdftotext (check_pdf.py); the command line's exit codes;
# byte-identical rebuilds; bad input; a failed run leaves the old report.
set -u
bin=${JIANBAO:-build/jianbao}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0

ok() { echo "ok   $1"; passes=$((passes + 1)); }
bad() { echo "FAIL $1"; failures=$((failures + 1)); }
expect() { # name, condition command...
  name=$1
  shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}

# ---- the report -------------------------------------------------------------
"$bin" -q -o "$tmp/a.pdf" --json "$tmp/a.json" seeds 2>"$tmp/a.err"
expect "seeds compile with exit 0" test $? -eq 0
expect "no diagnostics on the seeds" test ! -s "$tmp/a.err"
expect "markdown written next to the PDF" test -s "$tmp/a.md"
if python3 tests/e2e/check_pdf.py "$tmp/a.pdf" >"$tmp/check.out"; then
  ok "check_pdf.py: $(grep -c '^ok' "$tmp/check.out") checks of the PDF"
else
  bad "check_pdf.py"
fi
grep -v '^ok' "$tmp/check.out" || true
if python3 tests/e2e/check_meta.py "$tmp/a.json" >"$tmp/meta.out"; then
  ok "check_meta.py: $(grep -c '^ok' "$tmp/meta.out") metadata fields of the seeds"
else
  bad "check_meta.py"
fi
grep -v '^ok' "$tmp/meta.out" || true
expect "build report is JSON with five documents" python3 -c "
import json,sys; d=json.load(open('$tmp/a.json'))
sys.exit(0 if len(d['documents'])==5 and d['totals']['pages']>=8 else 1)"
expect "markdown holds chapter headings and citations" \
  grep -q '^# 第 1 章 .*{#a0}' "$tmp/a.md"

# Reproducible: same inputs, same bytes.
"$bin" -q -o "$tmp/b.pdf" seeds
expect "two builds are byte-identical (PDF)" cmp -s "$tmp/a.pdf" "$tmp/b.pdf"
expect "two builds are byte-identical (markdown)" cmp -s "$tmp/a.md" "$tmp/b.md"
SOURCE_DATE_EPOCH=1700000000 "$bin" -q -o "$tmp/c.pdf" seeds
expect "SOURCE_DATE_EPOCH sets the PDF date" sh -c \
  "pdfinfo '$tmp/c.pdf' | grep -q 'CreationDate:.*Nov 14 .*2023'"

# ---- command line -------------------------------------------------------------
"$bin" --help >"$tmp/help" 2>&1
expect "--help exits 0" test $? -eq 0
expect "--help shows usage" grep -q "Usage: jianbao" "$tmp/help"
"$bin" --version >"$tmp/ver" 2>&1
expect "--version exits 0" grep -q "^jianbao [0-9]" "$tmp/ver"
"$bin" --no-such-option >/dev/null 2>&1
expect "unknown option exits 2" test $? -eq 2
"$bin" --variant zh-XX >/dev/null 2>&1
expect "bad --variant exits 2" test $? -eq 2
"$bin" -o >/dev/null 2>&1
expect "missing option value exits 2" test $? -eq 2

# ---- bad input: reported, skipped, the rest compiles --------------------------
mkdir "$tmp/in"
cp seeds/000_* seeds/004_* "$tmp/in/"
: >"$tmp/in/010_empty.txt"
printf 'first line\nsecond \303 line\n' >"$tmp/in/011_bad_utf8.txt"
printf 'text\000binary' >"$tmp/in/012_binary.txt"
"$bin" -o "$tmp/in.pdf" "$tmp/in" 2>"$tmp/in.err"
expect "skipped documents give exit 1" test $? -eq 1
expect "the other documents still compile" test -s "$tmp/in.pdf"
expect "empty file named" grep -q "010_empty.txt: error: empty file" "$tmp/in.err"
expect "invalid UTF-8 named with line, column and byte" \
  grep -q "011_bad_utf8.txt:2:8: error: invalid UTF-8.* at byte 18" "$tmp/in.err"
expect "binary file named with byte offset" \
  grep -q "012_binary.txt:1: error: binary file.* at byte 4" "$tmp/in.err"
"$bin" -q --strict -o "$tmp/strict.pdf" "$tmp/in" 2>/dev/null
expect "--strict exits 1" test $? -eq 1
expect "--strict writes nothing" test ! -e "$tmp/strict.pdf"

# ---- nothing lost: a failing run keeps the previous report -------------------
cp "$tmp/a.pdf" "$tmp/keep.pdf"
printf 'title = x\nno_such_key = 1\n' >"$tmp/bad.conf"
"$bin" -q -t "$tmp/bad.conf" -o "$tmp/keep.pdf" seeds 2>"$tmp/bad.err"
expect "bad template exits 1" test $? -eq 1
expect "bad template names file and line" grep -q "bad.conf:2: fatal: template: unknown key" "$tmp/bad.err"
expect "previous report intact after a failed run" cmp -s "$tmp/a.pdf" "$tmp/keep.pdf"
expect "no temporary files left" sh -c "! ls '$tmp' | grep -q '\.tmp'"
"$bin" -q -o "$tmp/no/such/dir/x.pdf" seeds 2>/dev/null
expect "unwritable output folder exits 1" test $? -eq 1

echo "e2e: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
