#!/usr/bin/env python3
"""Compare score.py's totals (--json-out) with a floor file and exit 1 if
any rate fell below its floor.

    floor.py METRICS.json FLOOR

FLOOR has one "measure percent" line per rate (# comments allowed): the
rates of the table the README quotes. A rate may rise; a change that
lowers one must say why and lower the floor with it."""
import json
import sys

RATES = {  # measure: (hits, rows) in score.py's totals
    'title': ('title_hit', 'title'),
    'date': ('date_hit', 'date'),
    'source': ('source_hit', 'source'),
    'body': ('body_hit', 'body'),
    'heading': ('heading_hit', 'heading'),
    'debris': ('debris_hit', 'debris'),
    'chars-R': (('body_chars_hit', 'heading_chars_hit'), ('body_chars', 'heading_chars')),
    'chars-P': ('text_chars_body', 'text_chars'),
}


def total(tot, keys):
    return sum(tot.get(k, 0) for k in ((keys,) if isinstance(keys, str) else keys))


def main(argv):
    tot = json.load(open(argv[1], encoding='utf-8'))['totals']
    failed = 0
    for ln, line in enumerate(open(argv[2], encoding='utf-8'), 1):
        line = line.split('#', 1)[0].strip()
        if not line:
            continue
        name, want = line.split()
        if name not in RATES:
            sys.exit('%s:%d: unknown measure %s' % (argv[2], ln, name))
        hits, rows = RATES[name]
        got = 100.0 * total(tot, hits) / max(1, total(tot, rows))
        ok = round(got, 1) >= float(want)
        failed += not ok
        print('%s eval %-8s %5.1f %% (floor %s %%)' % ('ok  ' if ok else 'FAIL', name, got, want))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
