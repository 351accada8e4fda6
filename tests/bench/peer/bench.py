#!/usr/bin/env python3
"""make bench-peer: the seeds with jianbao and with Typst, side by side.

usage: bench.py RUNS JIANBAO TYPST_DIR FONT_DIR

Both set the same text (Typst from jianbao's own markdown, made into a
Typst document by md2typ.mjs) with the same font files, as whole
processes, alternating (jianbao, Typst, jianbao, ...) after two warm-up
runs each, so a change in the machine's load falls on both. Prints each
side's median and the median of the pair ratios (Typst / jianbao), the
number the README quotes.
"""
import statistics
import subprocess
import sys
import time

runs, jianbao, peer, fonts = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
cmds = {
    "jianbao": [jianbao, "-q", "-o", peer + "/jianbao.pdf", "seeds"],
    "typst": ["node", peer + "/compile.mjs", peer + "/briefing.typ", peer + "/typst.pdf", fonts],
}


def once(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


for _ in range(2):
    for c in cmds.values():
        once(c)
times = {k: [] for k in cmds}
for _ in range(runs):
    for k, c in cmds.items():
        times[k].append(once(c))
ratios = [t / j for j, t in zip(times["jianbao"], times["typst"])]
for k, v in times.items():
    print("%-8s median %7.1f ms   min %7.1f ms   max %7.1f ms   (%d runs)"
          % (k, 1000 * statistics.median(v), 1000 * min(v), 1000 * max(v), len(v)))
print("ratio    Typst / jianbao: %.2fx (median of %d pair ratios; %.2fx to %.2fx)"
      % (statistics.median(ratios), len(ratios), min(ratios), max(ratios)))
