#!/bin/sh
# HTML pages through ingest and clean (make bench, make bench-html): the 49
# pages of tests/corpus/html and their text renderings, each folder
# compiled BENCH_HTML_RUNS times; the median of the two stages' time from
# the build report, as pages a second. The target is 200 HTML pages/s.
set -eu
bin=${JIANBAO:-build/jianbao}
work=build/bench
runs=${BENCH_HTML_RUNS:-9}
mkdir -p "$work"
echo "## HTML pages through ingest + clean ($runs runs each, median)"
echo "| input | pages | MB | ingest ms | clean ms | pages/s |"
echo "|---|---:|---:|---:|---:|---:|"
for kind in html pages; do
  dir=tests/corpus/$kind
  : >"$work/html-stages"
  i=0
  while [ "$i" -lt "$runs" ]; do
    "$bin" -q -o "$work/html.pdf" --json "$work/html.json" "$dir" 2>/dev/null || true
    python3 -c "
import json, sys
s = json.load(open('$work/html.json'))['stage_ms']
print(s['ingest'], s['clean'])" >>"$work/html-stages"
    i=$((i + 1))
  done
  python3 - "$work/html-stages" "$dir" "$kind" <<'PY'
import os, statistics, sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
files = [os.path.join(sys.argv[2], f) for f in os.listdir(sys.argv[2])]
mb = sum(os.path.getsize(f) for f in files) / 1e6
total = statistics.median(a + b for a, b in rows)
print("| %s | %d | %.1f | %.0f | %.0f | %.0f |" % (
    "HTML (" + sys.argv[2] + ")" if sys.argv[3] == "html" else "text renderings (" + sys.argv[2] + ")",
    len(files), mb, statistics.median(a for a, _ in rows), statistics.median(b for _, b in rows),
    len(files) / (total / 1e3)))
PY
done
