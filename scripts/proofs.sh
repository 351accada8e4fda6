#!/bin/sh
# Render the pages a reviewer looks at first, for each edition: the cover,
# the first TOC page and the first glossary page, at 70 dpi, into
# out/proofs/<edition>-<page>.png.
# Usage: scripts/proofs.sh PDF...
set -eu
mkdir -p out/proofs
for pdf in "$@"; do
  name=$(basename "$pdf" .pdf)
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  glossary=
  p=3
  while [ "$p" -le "$pages" ]; do
    # A chapter opens with its English label on the first line.
    if pdftotext -f "$p" -l "$p" "$pdf" - | head -1 | grep -q 'Glossary\|Vocabulary'; then
      glossary=$p
      break
    fi
    p=$((p + 1))
  done
  for p in 1 2 $glossary; do
    pdftoppm -r 70 -png -f "$p" -l "$p" -singlefile "$pdf" "out/proofs/$name-$p"
  done
  echo "proofs: out/proofs/$name-{1,2${glossary:+,$glossary}}.png"
done
