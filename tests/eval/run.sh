#!/bin/sh
# Extraction quality on a labelled corpus of real news pages (make eval):
# compile the pages with the current build, turn the report and the
# markdown into the scorer's input (adapter.py), and print score.py's table.
#
#   tests/eval/run.sh [--per-file] [--html] [--check FLOOR] [CORPUS]
#
# CORPUS defaults to tests/corpus (pages/, html/, truth.tsv, score.py). The
# text pages are read, or with --html the HTML pages they were made from,
# scored against the same truth. With --check FLOOR, exit 1 when any rate
# is below the one FLOOR gives: make test guards the tables the README
# quotes this way.
set -u
bin=${JIANBAO:-build/jianbao}
per=
floor=
kind=pages
while [ $# -gt 0 ]; do
  case $1 in
  --per-file) per=--per-file; shift ;;
  --html) kind=html; shift ;;
  --check) floor=$2; shift 2 ;;
  *) break ;;
  esac
done
corpus=${1:-tests/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The corpus is real pages: warnings about them are expected; exit 1 is
# not (a page that cannot be compiled at all).
"$bin" -q -o "$tmp/c.pdf" --json "$tmp/c.json" "$corpus/$kind" 2>"$tmp/err" || {
  cat "$tmp/err" >&2
  echo "eval: jianbao failed on $corpus/$kind" >&2
  exit 1
}
python3 tests/eval/adapter.py "$tmp/c.json" "$tmp/c.md" "$tmp/s.json" || exit 1
python3 "$corpus/score.py" --truth "$corpus/truth.tsv" $per --json-out "$tmp/m.json" \
  "$tmp/s.json" || exit 1
# Script fidelity on the Traditional text pages (the HTML pages are all
# Simplified): the Simplified edition with t2s for every page to compare
# with, and the zh-Hant edition.
if [ "$kind" = pages ]; then
  printf 'convert.config = t2s.json\n' >"$tmp/t2s.conf"
  printf 'edition = zh-Hant\n' >"$tmp/hant.conf"
  "$bin" -q -t "$tmp/t2s.conf" -o "$tmp/t2s.pdf" --json "$tmp/t2s.json" "$corpus/pages" 2>/dev/null &&
    "$bin" -q -t "$tmp/hant.conf" -o "$tmp/h.pdf" --json "$tmp/h.json" "$corpus/pages" 2>/dev/null || {
    echo "eval: jianbao failed on $corpus/pages (t2s or zh-Hant)" >&2
    exit 1
  }
  python3 tests/eval/script.py "$corpus/truth.tsv" "$tmp/c.json" "$tmp/c.md" "$tmp/t2s.json" \
    "$tmp/t2s.md" "$tmp/h.json" "$tmp/h.md" ${floor:+--check} || exit 1
fi
[ -n "$floor" ] || exit 0
python3 tests/eval/floor.py "$tmp/m.json" "$floor"
