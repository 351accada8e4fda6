#!/bin/sh
# make bench: time and memory of whole runs (SPEC §6). The seeds with
# hyperfine; generated corpora of 10 to 5,000 documents with /usr/bin/time
# (median wall, user and kernel time of several runs, peak resident
# memory), per stage from the build report; pages per second; growth
# against the previous size, of the wall time and of the user time (the
# kernel's share, mostly first touches of new memory, grows faster than the
# memory on these virtual machines).
set -eu
bin=${JIANBAO:-build/jianbao}
work=build/bench
mkdir -p "$work"
sizes=${BENCH_SIZES:-"10 100 1000 5000"}
runs=${BENCH_RUNS:-3}

echo "## seeds (5 documents)"
hyperfine -N --warmup 3 --runs 20 --export-json "$work/seeds.json" \
  "$bin -q -o $work/seeds.pdf seeds" >/dev/null
python3 - "$work/seeds.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("seeds: mean %.1f ms, median %.1f ms, min %.1f ms (against Typst: make bench-peer)"
      % (r["mean"] * 1e3, r["median"] * 1e3, r["min"] * 1e3))
PY

echo
sh tests/bench/html.sh

for kind in ${BENCH_KINDS:-redundant distinct diverse}; do
  echo
  echo "## $kind"
  echo "| documents | pages | wall s | user s | kernel s | peak MB | pages/s | time ratio | user ratio | size ratio | glossary words | slowest stages |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  prev=""
  prev_n=""
  prev_user=""
  for n in $sizes; do
    dir="$work/corpus-$kind-$n"
    [ -d "$dir" ] || python3 tests/bench/gen_corpus.py "$kind" "$n" seeds "$dir"
    r=$runs
    [ "$n" -ge 5000 ] && r=2
    : >"$work/times"
    i=0
    while [ "$i" -lt "$r" ]; do
      /usr/bin/time -f "%e %M %U %S" -a -o "$work/times" \
        "$bin" -q -o "$work/out.pdf" --json "$work/out.json" "$dir" 2>/dev/null || true
      i=$((i + 1))
    done
    pages=$(pdfinfo "$work/out.pdf" | awk '/^Pages/ {print $2}')
    python3 - "$work/times" "$work/out.json" "$n" "$pages" "${prev:-0}" "${prev_n:-0}" "${prev_user:-0}" >"$work/row" <<'PY'
import json, statistics, sys
times = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
wall = statistics.median(t[0] for t in times)
peak = max(t[1] for t in times) / 1024
user = statistics.median(t[2] for t in times)
kernel = statistics.median(t[3] for t in times)
report = json.load(open(sys.argv[2]))
stages = report["stage_ms"]
n, pages, prev, prev_n = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
prev_user = float(sys.argv[7])
top = ", ".join("%s %.0f ms" % kv for kv in sorted(stages.items(), key=lambda kv: -kv[1])[:3])
ratio = "%.1f" % (wall / prev) if prev else "-"
uratio = "%.1f" % (user / prev_user) if prev_user else "-"
size = "%.0f" % (n / prev_n) if prev_n else "-"
print("| %d | %d | %.2f | %.2f | %.2f | %.0f | %.0f | %s | %s | %s | %d | %s |"
      % (n, pages, wall, user, kernel, peak, pages / wall, ratio, uratio, size,
         report.get("glossary_words", 0), top))
print(wall, user)
PY
    head -1 "$work/row"
    prev=$(tail -1 "$work/row" | cut -d' ' -f1)
    prev_user=$(tail -1 "$work/row" | cut -d' ' -f2)
    prev_n=$n
  done
done
