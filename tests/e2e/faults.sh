#!/bin/sh
# Faults tried on a good report (make e2e): the disk filling at each
# output, SIGKILL and SIGTERM at random moments, a read-only output folder,
# two runs on one folder, a seed deleted or cut short while the folder is
# read, a folder of page debris. After each, the previous report (PDF,
# markdown, JSON) is byte-identical and no temporary file is left; where a
# run may finish instead, it writes exactly the same bytes.
set -u
bin=${JIANBAO:-build/jianbao}
tmp=$(mktemp -d)
trap 'umount "$tmp/ro" "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
. tests/lib.sh

# A corpus that takes long enough for a signal to land in each stage.
python3 tests/bench/gen_corpus.py distinct 30 seeds "$tmp/in" >/dev/null
mkdir "$tmp/out" "$tmp/keep"
run() { "$bin" -q -o "$tmp/out/b.pdf" --json "$tmp/out/b.json" "$@"; }
run "$tmp/in" || { echo "FAIL the good report"; exit 1; }
cp "$tmp/out/b.pdf" "$tmp/out/b.md" "$tmp/out/b.json" "$tmp/keep/"
# The previous report byte for byte, and nothing else in the folder.
intact() { # (quiet: say nothing when it fails)
  quiet=${1:-}
  cmp -s "$tmp/out/b.pdf" "$tmp/keep/b.pdf" && cmp -s "$tmp/out/b.md" "$tmp/keep/b.md" &&
    cmp -s "$tmp/out/b.json" "$tmp/keep/b.json" &&
    test "$(ls -A "$tmp/out" | sort | tr '\n' ' ')" = "b.json b.md b.pdf " || {
    [ -n "$quiet" ] && return 1
    echo "     in the folder: $(ls -A "$tmp/out" | tr '\n' ' ')"
    for f in b.pdf b.md b.json; do cmp "$tmp/out/$f" "$tmp/keep/$f" 2>&1 | sed 's/^/     /'; done
    return 1
  }
}
# The same, or the same report written again by a run that finished: the
# build report differs only in its timings, memory and notes. It is then the
# previous one for the next check.
settled() {
  intact quiet && return 0
  cmp -s "$tmp/out/b.pdf" "$tmp/keep/b.pdf" && cmp -s "$tmp/out/b.md" "$tmp/keep/b.md" &&
    test "$(ls -A "$tmp/out" | sort | tr '\n' ' ')" = "b.json b.md b.pdf " &&
    python3 - "$tmp/out/b.json" "$tmp/keep/b.json" <<'PY' && cp "$tmp/out/b.json" "$tmp/keep/b.json"
import json, sys
def strip(path):
    r = json.load(open(path))
    for k in ("stage_ms", "stage_peak_kb", "arena_bytes"):
        r.pop(k, None)
    # (a run that waited for the other says so in a note)
    r["diagnostics"] = [d for d in r["diagnostics"] if d["level"] != "note"]
    return r
sys.exit(0 if strip(sys.argv[1]) == strip(sys.argv[2]) else 1)
PY
}

# ---- the disk fills at each output ---------------------------------------------
# A small file system holding the good report, with room for the new PDF
# cut at half, or the PDF and half the markdown, or both and half the
# report: the outputs are written in that order. Without the rights to
# mount one, a file-size limit under the PDF's size fills it at the PDF.
pdf=$(stat -c %s "$tmp/keep/b.pdf"); md=$(stat -c %s "$tmp/keep/b.md")
json=$(stat -c %s "$tmp/keep/b.json")
old=$(( (pdf + md + json) / 4096 * 4096 + 3 * 4096 ))
mkdir "$tmp/full"
for at in pdf md json; do
  case $at in
  pdf) room=$((pdf / 2)) ;;
  md) room=$((pdf + md / 2)) ;;
  json) room=$((pdf + md + json / 2)) ;;
  esac
  if mount -t tmpfs -o size=$(( (old + room) / 1024 ))k tmpfs "$tmp/full" 2>/dev/null; then
    cp "$tmp/keep/"* "$tmp/full/"
    "$bin" -q -o "$tmp/full/b.pdf" --json "$tmp/full/b.json" "$tmp/in" 2>"$tmp/full.err"
    rc=$?
    expect "the disk full while the $at is written: exit 1, the output named, the report intact" sh -c \
      "test $rc -eq 1 && grep -q 'full/b.*fatal' '$tmp/full.err' &&
       cmp -s '$tmp/full/b.pdf' '$tmp/keep/b.pdf' && cmp -s '$tmp/full/b.md' '$tmp/keep/b.md' &&
       cmp -s '$tmp/full/b.json' '$tmp/keep/b.json' && test \$(ls -A '$tmp/full' | wc -l) -eq 3"
    umount "$tmp/full"
  elif [ $at = pdf ]; then
    bash -c "trap '' XFSZ; ulimit -f $((pdf / 2048)); exec \"\$0\" -q -o '$tmp/out/b.pdf' --json '$tmp/out/b.json' '$tmp/in'" \
      "$bin" 2>"$tmp/full.err"
    expect "the disk full while the PDF is written (file-size limit): exit 1, named" sh -c \
      "test $? -eq 1 && grep -q 'b.pdf: fatal' '$tmp/full.err'"
    expect "  ... the report byte-identical, nothing left behind" intact
  else
    bad "the disk full while the $at is written: no file system can be mounted here"
  fi
done

# ---- SIGKILL and SIGTERM at random moments ------------------------------------
start=$(date +%s%N)
run "$tmp/in"
span=$(( ($(date +%s%N) - start) / 1000 )) # microseconds of a whole run
settled
i=0
lost=0
recovered=0
mkdir "$tmp/debris"
for k in 1 2 3; do
  printf '首页\n\n新闻\n\n登录\n\n注册\n\n版权所有 某某网\n' >"$tmp/debris/p$k.txt"
done
while [ $i -lt 20 ]; do
  sig=KILL
  [ $((i % 2)) -eq 1 ] && sig=TERM
  delay=$(python3 -c "import random; print('%.6f' % (random.random() * $span / 1e6))")
  # (the binary itself in the background: a killed subshell would leave it running)
  "$bin" -q -o "$tmp/out/b.pdf" --json "$tmp/out/b.json" "$tmp/in" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -s $sig $pid 2>/dev/null
  wait $pid 2>/dev/null
  # A SIGKILL while the files are put in place leaves the previous ones
  # aside: the next run (here one that then compiles nothing) puts them back.
  if ! settled; then
    "$bin" -q -o "$tmp/out/b.pdf" --json "$tmp/out/b.json" "$tmp/debris" 2>/dev/null
    recovered=$((recovered + 1))
    settled || { lost=$((lost + 1)); echo "     lost after SIG$sig at ${delay}s"; }
  fi
  i=$((i + 1))
done
expect "20 runs killed (SIGKILL, SIGTERM) at random moments of a ${span} us run: the report intact each time ($recovered put back by the next run)" \
  test $lost -eq 0

# ---- a read-only output folder --------------------------------------------------
mkdir "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
  cp "$tmp/keep/"* "$tmp/ro/" && chmod a-w "$tmp/ro"
  ro=yes
elif mount -t tmpfs -o size=8m tmpfs "$tmp/ro" 2>/dev/null; then
  cp "$tmp/keep/"* "$tmp/ro/" && mount -o remount,ro "$tmp/ro" && ro=yes
else
  ro=no
fi
if [ "$ro" = yes ]; then
  "$bin" -q -o "$tmp/ro/b.pdf" --json "$tmp/ro/b.json" "$tmp/in" 2>"$tmp/ro.err"
  expect "a read-only output folder: exit 1, named, the report there intact" sh -c \
    "test $? -eq 1 && grep -q 'ro/b' '$tmp/ro.err' && cmp -s '$tmp/ro/b.pdf' '$tmp/keep/b.pdf' &&
     cmp -s '$tmp/ro/b.md' '$tmp/keep/b.md'"
else
  bad "a read-only output folder: this machine lets root neither drop write rights nor mount one"
fi

# ---- two runs on one folder -----------------------------------------------------
flock "$tmp/out" sleep 1 &
holder=$!
sleep 0.2
run --no-wait "$tmp/in" 2>"$tmp/busy.err"
expect "--no-wait while another run holds the folder: exit 1, named, the report intact" sh -c \
  "test $? -eq 1 && grep -q 'output folder busy: another run is writing this folder' '$tmp/busy.err'"
expect "  ... byte-identical" intact
t0=$(date +%s%N)
run "$tmp/in" 2>/dev/null
waited=$(( ($(date +%s%N) - t0) / 1000000 ))
wait $holder
expect "without --no-wait the run waits for the other (${waited} ms) and then writes the same report" sh -c \
  "test $waited -ge 500 && cmp -s '$tmp/out/b.pdf' '$tmp/keep/b.pdf'"
settled
"$bin" -q -o "$tmp/out/b.pdf" --json "$tmp/out/b.json" "$tmp/in" & a=$!
"$bin" -q -o "$tmp/out/b.pdf" --json "$tmp/out/b.json" "$tmp/in" & b=$!
wait $a; ra=$?
wait $b; rb=$?
expect "two runs at once on one folder: both exit 0, one after the other, the same report" sh -c \
  "test $ra -eq 0 && test $rb -eq 0" 
expect "  ... the same report, nothing left behind" settled

# ---- a seed deleted or cut short while the folder is read ------------------------
cp -r "$tmp/in" "$tmp/in2"
n=$(ls "$tmp/in2" | wc -l)
crashed=0
i=0
while [ $i -lt 10 ]; do
  rm -rf "$tmp/in3" && cp -r "$tmp/in2" "$tmp/in3"
  victim=$(ls "$tmp/in3" | sed -n "$((i * 3 % n + 1))p")
  "$bin" -q -o "$tmp/v.pdf" --json "$tmp/v.json" "$tmp/in3" 2>"$tmp/v.err" &
  pid=$!
  sleep "0.0$i"
  if [ $((i % 2)) -eq 0 ]; then rm -f "$tmp/in3/$victim"; else : >"$tmp/in3/$victim"; fi
  wait $pid
  rc=$?
  # exit 0 (read before), or 1 naming the document; never a crash, and the
  # other documents are in the report
  if [ $rc -gt 1 ] || { [ $rc -eq 1 ] && ! grep -q "$victim" "$tmp/v.err"; } ||
    [ "$(grep -c '"skipped": false' "$tmp/v.json")" -lt $((n - 1)) ]; then
    crashed=$((crashed + 1))
    echo "     rc=$rc after touching $victim"
  fi
  i=$((i + 1))
done
expect "a seed deleted or emptied while the folder is read (10 tries): named, the other documents compiled" \
  test $crashed -eq 0

# ---- a folder of page debris over a good report ----------------------------------
run "$tmp/debris" 2>"$tmp/debris.err"
expect "a folder of page debris: exit 1, 'no document could be compiled', the report intact" sh -c \
  "test $? -eq 1 && grep -q 'no document could be compiled; the previous report is kept' '$tmp/debris.err'"
expect "  ... byte-identical" intact
run --guard 50 $(ls -d "$tmp/in"/* | head -5) 2>"$tmp/guard.err"
expect "--guard 50 and a run of 5 documents over 30: refused, named, the report intact" sh -c \
  "test $? -eq 1 && grep -q -- '--guard: the previous report is kept' '$tmp/guard.err'"
expect "  ... byte-identical" intact

summary faults
