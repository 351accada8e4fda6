#!/usr/bin/env python3
"""Turn a jianbao build report (--json) and the markdown it wrote into the
input of tests/corpus/score.py: per seed file its title, date, source and
the text its chapter kept.

    adapter.py REPORT.json BRIEFING.md OUT.json

A chapter is the markdown from its "# 第 N 章" heading (N = the document's
"number" in the report) to the next top-level heading. The source line under
the heading ("> 来源 …") and the citation marks jianbao appends ("[3]") are
the briefing's frame, not text kept from the page, so they are left out; so
are heading anchors ("{#a12}"); CommonMark's backslash escapes are undone. A skipped document is absent from OUT.json
(the scorer counts it as missed)."""
import json
import os
import re
import sys

CHAPTER = re.compile(r'^# \S+ (\d+) \S+ ')
ANCHOR = re.compile(r' \{#a\d+\}$')
ESCAPE = re.compile(r'\\([!-/:-@\[-`{-~])')  # CommonMark's backslash escapes
CITES = re.compile(r'(?:\[\d+\])+(?:\s*\S*\d+\S*)?$')


def chapters(md):
    """Chapter number -> list of its lines (heading excluded)."""
    out, cur = {}, None
    for line in md.split('\n'):
        if line.startswith('# '):
            m = CHAPTER.match(line)
            cur = out.setdefault(int(m.group(1)), []) if m else None
            continue
        if cur is not None:
            cur.append(line)
    return out


def chapter_text(lines):
    kept, seen_text = [], False
    for line in lines:
        if not seen_text and line.startswith('> '):
            continue  # the source line under the chapter title
        if line.strip():
            seen_text = True
        line = ANCHOR.sub('', line)
        line = CITES.sub('', line) if not line.startswith('#') else line
        kept.append(ESCAPE.sub(r'\1', line))
    return '\n'.join(kept).strip() + '\n'


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__.split('\n\n')[1])
    report = json.load(open(argv[1], encoding='utf-8'))
    chs = chapters(open(argv[2], encoding='utf-8').read())
    out = {}
    for d in report['documents']:
        if d.get('skipped'):
            continue
        # an HTML page is scored as the text page of the same name
        name = re.sub(r'\.(?:x?html?|shtml)$', '.txt', os.path.basename(d['file']))
        out[name] = {
            'title': d['title']['value'],
            'date': d['date']['value'],
            'source': d['source']['value'],
            'text': chapter_text(chs.get(d['number'], [])),
        }
    json.dump(out, open(argv[3], 'w', encoding='utf-8'), ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main(sys.argv)
