#!/bin/sh
# End-to-end tests: the report built from seeds/ is checked with qpdf,
# pdffonts and pdftotext (check_pdf.py); the command line's exit codes;
# byte-identical rebuilds; bad input; a failed run leaves the old report.
set -u
bin=${JIANBAO:-build/jianbao}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. tests/lib.sh

# ---- the template ------------------------------------------------------------
# templates/briefing.conf sets and documents every key the parser knows.
# So does the Traditional edition's template.
keys=$(conf_keys)
expect "the parser knows more than 60 keys" test "$(echo "$keys" | wc -l)" -gt 60
for t in templates/briefing.conf templates/briefing-zh-Hant.conf; do
  missing=
  for k in $keys; do
    grep -qE "^$k =( |\$)" "$t" || missing="$missing $k"
  done
  expect "$t sets every key${missing:+ (missing:$missing)}" test -z "$missing"
done

# ---- the report -------------------------------------------------------------
"$bin" -q -o "$tmp/a.pdf" --json "$tmp/a.json" seeds 2>"$tmp/a.err"
expect "seeds compile with exit 0" test $? -eq 0
expect "no diagnostics on the seeds" test ! -s "$tmp/a.err"
expect "markdown written next to the PDF" test -s "$tmp/a.md"
pycheck "check_pdf.py" "$tmp/check.out" tests/e2e/check_pdf.py "$tmp/a.pdf"
pycheck "check_breaks.py" "$tmp/breaks.out" tests/e2e/check_breaks.py "$tmp/a.pdf"
pycheck "check_tags.py" "$tmp/tags.out" tests/e2e/check_tags.py "$tmp/a.pdf" "$tmp/a.md" zh-Hans
pycheck "check_meta.py" "$tmp/meta.out" tests/e2e/check_meta.py "$tmp/a.json"
pycheck "check_glossary.py" "$tmp/gloss.out" tests/e2e/check_glossary.py "$tmp/a.pdf" data/cedict_ts.u8
expect "build report is JSON with five documents" python3 -c "
import json,sys; d=json.load(open('$tmp/a.json'))
sys.exit(0 if len(d['documents'])==5 and d['totals']['pages']>=8 else 1)"
expect "markdown holds chapter headings and citations" \
  grep -q '^# 第 1 章 .*{#a0}' "$tmp/a.md"

# Reproducible: same inputs, same bytes.
"$bin" -q -o "$tmp/b.pdf" seeds
expect "two builds are byte-identical (PDF)" cmp -s "$tmp/a.pdf" "$tmp/b.pdf"
expect "two builds are byte-identical (markdown)" cmp -s "$tmp/a.md" "$tmp/b.md"
JIANBAO_THREADS=1 "$bin" -q -o "$tmp/one.pdf" seeds
expect "one thread or two: the same bytes" cmp -s "$tmp/a.pdf" "$tmp/one.pdf"
# The build's table of what t2s changes stands aside when OpenCC would read
# other files (a t2s.json in the working folder comes first): the
# characters are then learnt from OpenCC, with the same result.
mkdir "$tmp/own"
cp "$(pkg-config --variable=prefix opencc)/share/opencc/t2s.json" "$tmp/own/"
(cd "$tmp/own" && case $bin in /*) b=$bin ;; *) b=$OLDPWD/$bin ;; esac &&
  "$b" -q -t "$OLDPWD/templates/briefing.conf" -o "$tmp/own.pdf" "$OLDPWD/seeds")
expect "with t2s learnt from OpenCC: the same bytes" cmp -s "$tmp/a.pdf" "$tmp/own.pdf"
# A corpus large enough for clean to split its sources over two threads,
# with bad files in both halves: the same report and the same messages.
mkdir "$tmp/split"
for i in 0 1 2 3 4 5 6 7; do
  for f in seeds/*; do cp "$f" "$tmp/split/${i}_$(basename "$f")"; done
done
: >"$tmp/split/0_empty.txt"
printf 'x\n\303 bad\n' >"$tmp/split/7_bad.txt"
"$bin" -o "$tmp/split2.pdf" "$tmp/split" 2>"$tmp/split2.err"
JIANBAO_THREADS=1 "$bin" -o "$tmp/split1.pdf" "$tmp/split" 2>"$tmp/split1.err"
expect "one thread or two on 40 documents: same bytes, same messages" sh -c \
  "cmp -s '$tmp/split1.pdf' '$tmp/split2.pdf' && cmp -s '$tmp/split1.err' '$tmp/split2.err' &&
   grep -q '0_empty.txt: error: empty file' '$tmp/split2.err' && grep -q '7_bad.txt:2:1: error' '$tmp/split2.err'"
SOURCE_DATE_EPOCH=1700000000 "$bin" -q -o "$tmp/c.pdf" seeds
expect "SOURCE_DATE_EPOCH sets the PDF date" sh -c \
  "pdfinfo '$tmp/c.pdf' | grep -q 'CreationDate:.*Nov 14 .*2023'"
# The trailer's /ID hashes the content: equal for equal input, new when
# one document or the date changes.
mkdir "$tmp/four"
for f in seeds/*; do [ "$f" = "$(ls seeds/* | head -1)" ] || cp "$f" "$tmp/four/"; done
SOURCE_DATE_EPOCH=$(pdfinfo -isodates "$tmp/a.pdf" | awk '/CreationDate/ {print $2}' |
  xargs -I{} date -d {} +%s) "$bin" -q -o "$tmp/four.pdf" "$tmp/four"
pdf_id() { grep -ao '/ID \[ <[0-9A-F]*> <[0-9A-F]*> \]' "$1"; }
id_a=$(pdf_id "$tmp/a.pdf"); id_b=$(pdf_id "$tmp/b.pdf")
id_c=$(pdf_id "$tmp/c.pdf"); id_four=$(pdf_id "$tmp/four.pdf")
expect "the /ID follows the content (same input same ID; a document or the date changed, a new ID)" \
  sh -c "test -n '$id_a' && test '$id_a' = '$id_b' && test '$id_a' != '$id_c' && test -n '$id_four' && test '$id_a' != '$id_four'"

# ---- the zh-Hant edition ---------------------------------------------------------
"$bin" -q -t templates/briefing-zh-Hant.conf -o "$tmp/t.pdf" --json "$tmp/t.json" seeds 2>"$tmp/t.err"
expect "zh-Hant edition compiles with exit 0 and no diagnostics" \
  sh -c "test $? -eq 0 && test ! -s '$tmp/t.err'"
pycheck "check_edition.py" "$tmp/ed.out" tests/e2e/check_edition.py "$tmp/a.pdf" "$tmp/t.pdf" \
  "$tmp/t.md" "$tmp/t.json" seeds
pycheck "check_glossary.py (zh-Hant)" "$tmp/tg.out" tests/e2e/check_glossary.py "$tmp/t.pdf" data/cedict_ts.u8
expect "zh-Hant edition passes qpdf --check" sh -c "qpdf --check '$tmp/t.pdf' >/dev/null"
pycheck "check_breaks.py (zh-Hant)" "$tmp/tbreaks.out" tests/e2e/check_breaks.py "$tmp/t.pdf"
pycheck "check_tags.py (zh-Hant)" "$tmp/ttags.out" tests/e2e/check_tags.py "$tmp/t.pdf" "$tmp/t.md" zh-Hant
"$bin" -q -t templates/briefing-zh-Hant.conf -o "$tmp/t2.pdf" seeds
expect "two zh-Hant builds are byte-identical" cmp -s "$tmp/t.pdf" "$tmp/t2.pdf"
JIANBAO_THREADS=1 "$bin" -q -t templates/briefing-zh-Hant.conf -o "$tmp/t1.pdf" seeds
expect "zh-Hant, one thread or two (OpenCC batch split): the same bytes" cmp -s "$tmp/t.pdf" "$tmp/t1.pdf"
# Over 100 pages: several page batches deflate on the second thread, and
# dedup's signatures are split.
python3 tests/bench/gen_corpus.py distinct 40 seeds "$tmp/gen" >/dev/null
"$bin" -q -o "$tmp/gen2.pdf" "$tmp/gen"
JIANBAO_THREADS=1 "$bin" -q -o "$tmp/gen1.pdf" "$tmp/gen"
expect "one thread or two on 40 generated documents (100+ pages): the same bytes" sh -c \
  "cmp -s '$tmp/gen1.pdf' '$tmp/gen2.pdf' && test \$(pdfinfo '$tmp/gen2.pdf' | awk '/^Pages/ {print \$2}') -ge 100"
"$bin" -q --variant zh-Hant -o "$tmp/t3.pdf" seeds
expect "--variant zh-Hant alone uses the zh-Hant template" cmp -s "$tmp/t.pdf" "$tmp/t3.pdf"
"$bin" -q --variant zh-Hans -t templates/briefing-zh-Hant.conf -o "$tmp/t4.pdf" seeds
expect "--variant overrides the template's edition" sh -c \
  "pdftotext '$tmp/t4.pdf' - | tr -d ' \n' | grep -q '网络安全国际合作' &&
   ! pdftotext '$tmp/t4.pdf' - | tr -d ' \n' | grep -q '網絡安全國際合作與交流機制研究'"

# ---- script fidelity ---------------------------------------------------------------
# A Taiwan page, a Simplified page that repeats one of its paragraphs and
# names 周一平, and a template for the zh-Hant edition with a phrase file.
mkdir -p "$tmp/sf"
cat >"$tmp/sf/a.txt" <<'EOF2'
---
title: 周一平谈城市更新
source: 某某日报
date: 2024-05-01
---
记者周一平报道，城市更新正在改变老城区的面貌，越来越多的居民搬回了翻新后的老街区。

台湾与大陆的多家企业参与了这一轮更新，合作建设的社区服务平台已经投入使用。
EOF2
cat >"$tmp/sf/b.txt" <<'EOF2'
---
title: 隨著科技發展 台灣社區的新面貌
source: 某某新聞網
date: 2024-05-02
url: https://news.example.tw/a/1
---
隨著科技發展，台灣的社區服務意味著更多便利，民眾帶著手機就能辦理大部分事務。

台湾與大陆的多家企業參與了這一輪更新，合作建設的社區服務平台已經投入使用。
EOF2
mkdir -p "$tmp/sfc"
printf '周一平\t周一平\n' >"$tmp/sfc/names.txt"
printf 'edition = zh-Hant\nedition.phrases = names.txt\n' >"$tmp/sfc/t.conf"
"$bin" -q -o "$tmp/sf1.pdf" --json "$tmp/sf1.json" "$tmp/sf"
expect "a Taiwan document reads as Taiwan and converts with tw2s: 随着, 意味着, 带着" sh -c \
  "grep -q '随着科技发展，台湾的社区服务意味着更多便利，民众带着手机' '$tmp/sf1.md' &&
   grep -q '\"standard\": \"tw\"' '$tmp/sf1.json' && grep -q '\"opencc\": \"tw2s.json\"' '$tmp/sf1.json'"
"$bin" -q -t "$tmp/sfc/t.conf" -o "$tmp/sf2.pdf" "$tmp/sf" 2>"$tmp/sf2.err"
expect "the zh-Hant edition prints the Taiwan document's own text (隨著, 台灣, 平台)" \
  grep -q '^隨著科技發展，台灣的社區服務意味著更多便利，民眾帶著手機就能辦理大部分事務。' "$tmp/sf2.md"
expect "a paragraph merged from both keeps the Traditional source's text in the zh-Hant edition" sh -c \
  "grep -c '台湾與大陆的多家企業參與了這一輪更新' '$tmp/sf2.md' | grep -qx 1 &&
   ! grep -q '臺灣與大陸的多家企業' '$tmp/sf2.md'"
expect "a name the phrase file lists stays in the zh-Hant edition (周一平, not 週一平)" sh -c \
  "grep -q '記者周一平報道' '$tmp/sf2.md' && ! grep -q '週一平' '$tmp/sf2.md'"
printf 'edition = zh-Hant\n' >"$tmp/sfc/t0.conf"
"$bin" -q -t "$tmp/sfc/t0.conf" -o "$tmp/sf3.pdf" "$tmp/sf"
expect "without the phrase file OpenCC reads it as Monday (週一平)" grep -q '週一平' "$tmp/sf3.md"
expect "and the Simplified edition keeps the name too" grep -q '记者周一平报道' "$tmp/sf1.md"
expect "citations: a chapter cites its source once, in its source line; only the merged paragraph carries marks, both" sh -c \
  "test \$(grep -c '^> .*\[[0-9]\]\$' '$tmp/sf1.md') -eq 2 &&
   grep -q '已经投入使用。\[1\]\[2\]\$' '$tmp/sf1.md' &&
   test \$(grep -v '^>' '$tmp/sf1.md' | grep -c '\[[0-9]\]') -eq 1"
printf '周一平\t周一平\n\n周一平\t週一平\n' >"$tmp/sfc/bad.txt"
printf 'edition = zh-Hant\nedition.phrases = bad.txt\n' >"$tmp/sfc/tb.conf"
cp "$tmp/sf2.pdf" "$tmp/sf2.keep"
"$bin" -q -t "$tmp/sfc/tb.conf" -o "$tmp/sf2.pdf" "$tmp/sf" 2>"$tmp/sfb.err"
expect "a bad phrase file stops the run (exit 1), naming each bad line, the report intact" sh -c \
  "test $? -eq 1 && grep -q 'bad.txt:2: fatal: phrase file: empty line' '$tmp/sfb.err' &&
   grep -q 'bad.txt:3: fatal: phrase file: the phrase is listed twice' '$tmp/sfb.err' &&
   cmp -s '$tmp/sf2.pdf' '$tmp/sf2.keep'"

# ---- the markdown reads back as written (CommonMark) -------------------------------
mkdir -p "$tmp/mk"
cat >"$tmp/mk/a.txt" <<'EOF2'
---
title: 标记测试 *一* [二] <三>
source: 某某网
date: 2024-01-02
---
这段话里有星号*不是强调*、下划线_不是变量_、反引号`不是代码`、方括号[注1]、尖括号<不是标签>、&amp;不是实体、#不是话题#、竖线|不是表格、波浪线~~不是删除线~~和反斜杠\不是转义，都应原样保留。

第二段话同样很长，用来确保文章有足够的正文内容，并且不会因为长度太短而被当作页面的杂项而丢弃掉。
EOF2
"$bin" -q -o "$tmp/mk.pdf" "$tmp/mk" seeds
pycheck "check_md.py" "$tmp/md.out" tests/e2e/check_md.py "$tmp/mk.md" \
  '这段话里有星号*不是强调*、下划线_不是变量_、反引号`不是代码`、方括号[注1]、尖括号<不是标签>、&不是实体、#不是话题#、竖线|不是表格、波浪线~~不是删除线~~和反斜杠\不是转义，都应原样保留。' \
  '信息技术的飞速发展，让网络营造的虚拟空间与现实社会深度融合。'

# ---- the A5 handout template -------------------------------------------------------
"$bin" -q -t templates/a5-handout.conf -o "$tmp/h.pdf" seeds 2>"$tmp/h.err"
expect "a5-handout compiles with exit 0 and no diagnostics" \
  sh -c "test $? -eq 0 && test ! -s '$tmp/h.err'"
expect "a5-handout passes qpdf --check" sh -c "qpdf --check '$tmp/h.pdf' >/dev/null"
expect "a5-handout pages are A5 (148 x 210 mm)" sh -c \
  "pdfinfo '$tmp/h.pdf' | grep -q 'Page size: *419.5[0-9]* x 595.2[0-9]* pts'"
pdftotext "$tmp/h.pdf" "$tmp/h.txt"
expect "a5-handout has its own labels" sh -c \
  "grep -q 'In this handout' '$tmp/h.txt' && grep -q 'Vocabulary' '$tmp/h.txt' &&
   grep -q '材料 1' '$tmp/h.txt' && grep -q 'Reading 1' '$tmp/h.txt'"
expect "a5-handout has no appendix" sh -c "! grep -q 'Appendix' '$tmp/h.txt'"
expect "a5-handout body is set in Noto Sans SC only" sh -c \
  "pdffonts '$tmp/h.pdf' | tail -n +3 | awk '{print \$1}' | grep -v -q 'NotoSansSC' && exit 1 || exit 0"
pycheck "check_glossary.py (a5-handout)" "$tmp/hg.out" tests/e2e/check_glossary.py "$tmp/h.pdf" data/cedict_ts.u8
expect "a5-handout glossary has the template's 40 terms" grep -q "terms (40)" "$tmp/hg.out"
pycheck "check_tags.py (a5-handout)" "$tmp/htags.out" tests/e2e/check_tags.py "$tmp/h.pdf" "$tmp/h.md" zh-Hans

# ---- PDF/A-2u (the default) ------------------------------------------------------
pycheck "check_pdfa.py" "$tmp/pa.out" tests/e2e/check_pdfa.py "$tmp/a.pdf" data/sRGB.icc
pycheck "check_pdfa.py (zh-Hant)" "$tmp/pt.out" tests/e2e/check_pdfa.py "$tmp/t.pdf" data/sRGB.icc
pycheck "check_pdfa.py (a5-handout)" "$tmp/ph.out" tests/e2e/check_pdfa.py "$tmp/h.pdf" data/sRGB.icc
# Copies of the template in $tmp (its paths made absolute).
sed -e "s|= \.\./|= $PWD/|" templates/briefing.conf >"$tmp/abs.conf"
sed 's|^pdf.standard = .*|pdf.standard = none|' "$tmp/abs.conf" >"$tmp/std-none.conf"
"$bin" -q -t "$tmp/std-none.conf" -o "$tmp/np.pdf" seeds 2>/dev/null
expect "pdf.standard = none: a PDF 1.5 file that claims no PDF/A" sh -c \
  "head -c 8 '$tmp/np.pdf' | grep -q '%PDF-1.5' &&
   ! python3 tests/e2e/check_pdfa.py '$tmp/np.pdf' data/sRGB.icc >/dev/null"
pdftotext "$tmp/a.pdf" "$tmp/a.tx"
pdftotext "$tmp/np.pdf" "$tmp/np.tx"
expect "pdf.standard = none: the same text" cmp -s "$tmp/a.tx" "$tmp/np.tx"
sed "s|^pdf.output_profile = .*|pdf.output_profile = $PWD/seeds/$(ls seeds | head -1)|" \
  "$tmp/abs.conf" >"$tmp/bad.conf"
cp "$tmp/a.pdf" "$tmp/pa.pdf"
"$bin" -q -t "$tmp/bad.conf" -o "$tmp/pa.pdf" seeds 2>"$tmp/pa.err"
expect "a profile that is not an RGB ICC profile: exit 1, named, the previous PDF kept" sh -c \
  "test $? -eq 1 && grep -q 'not an RGB ICC profile' '$tmp/pa.err' && cmp -s '$tmp/pa.pdf' '$tmp/a.pdf'"
sed "s|^pdf.output_profile = .*|pdf.output_profile = /nonexistent.icc|" "$tmp/abs.conf" >"$tmp/bad.conf"
"$bin" -q -t "$tmp/bad.conf" -o "$tmp/pa.pdf" seeds 2>"$tmp/pa.err"
expect "a missing profile: exit 1, the template line named" sh -c \
  "test $? -eq 1 && grep -q 'bad.conf:[0-9]*: .*pdf.output_profile' '$tmp/pa.err'"
sed "s|^pdf.output_profile = .*|pdf.output_profile = /nonexistent.icc|" "$tmp/std-none.conf" >"$tmp/bad.conf"
"$bin" -q -t "$tmp/bad.conf" -o "$tmp/np.pdf" seeds 2>/dev/null
expect "without PDF/A the profile is not needed" test $? -eq 0

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

# Uncertain extraction is reported: on the seeds exactly what they lack
# (002 has no title line, 003 no date and no publisher).
"$bin" -o "$tmp/w.pdf" seeds 2>"$tmp/w.err"
expect "seeds warn only about the metadata they lack" sh -c "
  test \$(grep -c ': warning: ' '$tmp/w.err') -eq 3 &&
  grep -q '002_6d3311f39d628d28.txt:10: warning: title from weak evidence: first clause of the text' '$tmp/w.err' &&
  grep -q '003_a4e8ef4e5f959a1a.txt: warning: no publication date found' '$tmp/w.err' &&
  grep -q '003_a4e8ef4e5f959a1a.txt: warning: no publisher found' '$tmp/w.err'"
# --strict-metadata: a missing date is an error; the others still compile.
"$bin" --strict-metadata -o "$tmp/sm.pdf" --json "$tmp/sm.json" seeds 2>"$tmp/sm.err"
expect "--strict-metadata exits 1 and names the document" sh -c "
  test $? -eq 1 && grep -q '003_a4e8ef4e5f959a1a.txt: error: --strict-metadata: no date found' '$tmp/sm.err' &&
  test -s '$tmp/sm.pdf'"
expect "--strict-metadata leaves the document out" python3 -c "
import json,sys; d=json.load(open('$tmp/sm.json'))
s={x['file'].rsplit('/',1)[-1][:3]: x['skipped'] for x in d['documents']}
sys.exit(0 if s['003'] and not any(v for k,v in s.items() if k != '003') else 1)"

# More bad input, one case per file, each beside a good seed.
bad_case() { # name, file name, then the command that writes it
  name=$1 file=$2
  shift 2
  rm -rf "$tmp/case"
  mkdir "$tmp/case"
  cp seeds/004_* "$tmp/case/"
  "$@" "$tmp/case/$file"
}
bad_case "10 MB line" 020_long.txt sh -c 'head -c 10485760 /dev/zero | tr "\\0" "a" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "a 10 MB line: exit 1" test $? -eq 1
expect "a 10 MB line: named with its line and byte" \
  grep -q "020_long.txt:1: error: line too long for text, skipped.* at byte 0" "$tmp/case.err"
expect "a 10 MB line: the other document compiles" test -s "$tmp/case.pdf"

bad_case "unclosed front matter" 021_open.txt sh -c 'printf -- "---\ntitle: 标题\n网络安全国际合作需要各方共同努力，建立互信，加强沟通，形成合力。\n" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "unclosed front matter: a warning, exit 0" test $? -eq 0
expect "unclosed front matter: named with its line" \
  grep -q "021_open.txt:1: warning: front matter never closes" "$tmp/case.err"

bad_case "bad date" 022_date.txt sh -c 'printf -- "---\ndate: 2024-02-30\n---\n网络安全国际合作需要各方共同努力，建立互信，加强沟通，形成合力。\n" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "a date that is not a date: named with its line" \
  grep -q "022_date.txt:2: warning: not a date: \"2024-02-30\"" "$tmp/case.err"

bad_case "missing glyph" 023_glyph.txt sh -c 'printf "网络安全国际合作需要各方共同努力🧿，建立互信，加强沟通，形成合力。\n" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "a character no font has: exit 0, reported with file and line" \
  grep -q "023_glyph.txt:1: warning: character missing from every font: U+1F9FF" "$tmp/case.err"
expect "a character no font has: still in the text" sh -c \
  "pdftotext '$tmp/case.pdf' - | grep -q '努力🧿'"
pycheck "check_pdfa.py (a character no font has)" "$tmp/pg.out" tests/e2e/check_pdfa.py \
  "$tmp/case.pdf" data/sRGB.icc
expect "PDF/A: a character no font has is a drawn box, still in the text" sh -c \
  "pdftotext '$tmp/case.pdf' - | grep -q '努力🧿' &&
   qpdf --qdf --object-streams=disable '$tmp/case.pdf' - | grep -a -q ' re\$'"

bad_case "FIFO" 024_fifo.txt mkfifo
ln -s /nonexistent "$tmp/case/025_dangling.txt"
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "a FIFO and a dangling link: exit 1, the rest compiles" sh -c "test $? -eq 1 && test -s '$tmp/case.pdf'"
expect "a FIFO is named and not opened" grep -q "024_fifo.txt: error: not a regular file" "$tmp/case.err"
expect "a dangling link is named" grep -q "025_dangling.txt: error: cannot read file" "$tmp/case.err"
if [ "$(id -u)" != 0 ]; then
  bad_case "unreadable" 026_secret.txt cp seeds/000_456459ae4fa477de.txt
  chmod 000 "$tmp/case/026_secret.txt"
  "$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
  expect "an unreadable file is named" grep -q "026_secret.txt: error: cannot read file: Permission denied" "$tmp/case.err"
else
  # root reads everything: drop to nobody for this one case, with the
  # binary, fonts and a template copied where nobody can reach them (the
  # checkout itself may sit in a folder only root can enter).
  bad_case "unreadable" 026_secret.txt cp seeds/000_456459ae4fa477de.txt
  chmod 000 "$tmp/case/026_secret.txt"
  mkdir "$tmp/nobody"
  cp "$bin" fonts/*.ttf data/sRGB.icc "$tmp/nobody/"
  sed 's|\.\./fonts/||; s|\.\./data/sRGB|sRGB|; s|^glossary = yes|glossary = no|; /^glossary\.\(dictionary\|frequencies\) =/d' \
    templates/briefing.conf >"$tmp/nobody/t.conf"
  chmod -R a+rX "$tmp/nobody"
  chmod 777 "$tmp" "$tmp/case"
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$tmp/nobody/$(basename "$bin")" \
    -o "$tmp/case/out.pdf" -t "$tmp/nobody/t.conf" "$tmp/case" 2>"$tmp/case.err" || true
  expect "an unreadable file is named" grep -q "026_secret.txt: error: cannot read file: Permission denied" "$tmp/case.err"
fi

# ---- HTML seeds ------------------------------------------------------------------
# The same articles saved as text and as HTML, side by side: each pair is
# one chapter citing both; the page's metadata comes from its markup.
mkdir "$tmp/mix"
for f in 001_163 030_qq 017_guancha; do
  cp "tests/corpus/pages/$f.txt" "tests/corpus/html/$f.html" "$tmp/mix/"
done
"$bin" -q -o "$tmp/mix.pdf" --json "$tmp/mix.json" "$tmp/mix" 2>"$tmp/mix.err"
expect "text and HTML of the same articles compile, exit 0" test $? -eq 0
expect "a page and its text are one chapter citing both; the pairs' paragraphs are exact duplicates" \
  python3 - "$tmp/mix.json" "$tmp/mix.md" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
md = open(sys.argv[2], encoding='utf-8').read()
docs = {d['file'].rsplit('/', 1)[-1]: d for d in r['documents']}
ok = True
for stem in ('001_163', '030_qq'):
    h, t = docs[stem + '.html'], docs[stem + '.txt']
    # one of the pair is carried whole by the other, by exact duplicates
    whole = [d for d in (h, t) if d['blocks'] and d['merged'] == d['blocks']]
    if len(whole) != 1 or not whole[0]['merges'] or \
            any(m['kind'] not in ('exact', 'near') for m in whole[0]['merges']):
        ok = False
        continue
    kept = t if whole[0] is h else h
    src_line = re.search(r'^# \S+ %d \S+ .*\n\n> .*$' % kept['number'], md, re.M)
    cites = '[%d][%d]' % tuple(sorted((kept['number'], whole[0]['number'])))
    ok &= bool(src_line) and src_line.group(0).endswith(cites)
    ok &= not re.search(r'^# \S+ %d \S+ ' % whole[0]['number'], md, re.M)
    ok &= h['title']['origin'] == 'markup' and h['url']['origin'] in ('markup', 'none')
sys.exit(0 if ok else 1)
PY
pdftotext "$tmp/mix.pdf" "$tmp/mix.txt"
expect "the mixed report passes qpdf --check and holds the folded chapter's text" sh -c \
  "qpdf --check '$tmp/mix.pdf' >/dev/null && grep -q '儿歌一分钱被改成一元钱' '$tmp/mix.txt'"

bad_case "unknown charset" 027_page.html sh -c 'printf "<meta charset=\"x-unknown\"><p>\326\320\316\304</p>" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "an unknown charset: exit 1, named, the other document compiles" sh -c \
  "test $? -eq 1 && test -s '$tmp/case.pdf' &&
   grep -q '027_page.html: error: unknown charset, skipped: \"x-unknown\"' '$tmp/case.err'"
bad_case "JavaScript shell" 028_app.html sh -c 'printf "<html><head><script src=app.js></script></head><body><div id=app></div></body></html>" >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "a JavaScript shell: warned, skipped, the other document compiles" sh -c \
  "test $? -eq 1 && test -s '$tmp/case.pdf' &&
   grep -q '028_app.html: warning: no article text; the page may need JavaScript' '$tmp/case.err' &&
   grep -q '028_app.html: error: no article text left after cleaning, skipped: the page shows no text' '$tmp/case.err'"
bad_case "huge HTML page" 030_huge.html sh -c '{ printf "<html><body><p>"; head -c 34000000 /dev/zero | tr "\\0" "a"; } >"$1"' _
"$bin" -o "$tmp/case.pdf" "$tmp/case" 2>"$tmp/case.err"
expect "an HTML page over 32 MB: exit 1, named with the limit, the other document compiles" sh -c \
  "test $? -eq 1 && test -s '$tmp/case.pdf' &&
   grep -q '030_huge.html: error: cannot read file: an HTML page larger than 32 MB' '$tmp/case.err'"
bad_case "GBK page" 029_gbk.html sh -c 'printf "<html><head><meta charset=gb2312><title>\271\372\274\312\272\317\327\367</title></head><body><h1>\271\372\274\312\272\317\327\367</h1><p>2024\304\3523\324\3021\310\325 \300\264\324\264\243\272\304\263\304\263\310\325\261\250</p><p>\315\370\302\347\260\262\310\253\271\372\274\312\272\317\327\367\320\350\322\252\270\367\267\275\271\262\315\254\305\254\301\246\243\254\275\250\301\242\273\245\320\305\243\254\274\323\307\277\271\265\315\250\243\254\320\316\263\311\272\317\301\246\241\243</p></body></html>" >"$1"' _
"$bin" -o "$tmp/case.pdf" --json "$tmp/case.json" "$tmp/case" 2>"$tmp/case.err"
expect "a GB2312 page: decoded, its title from the markup, its text in the PDF" sh -c \
  "test $? -eq 0 && pdftotext '$tmp/case.pdf' - | grep -q '网络安全国际合作需要各方共同努力' &&
   grep -q '\"value\": \"国际合作\", \"origin\": \"markup\"' '$tmp/case.json'"

"$bin" -q -t "$tmp/none.conf" -o "$tmp/x.pdf" seeds 2>"$tmp/case.err"
expect "a missing template: exit 1, named" sh -c "test $? -eq 1 && grep -q 'none.conf: fatal: template: cannot open' '$tmp/case.err'"
printf 'font.body = nowhere.ttf\n' >"$tmp/nofont.conf"
"$bin" -q -t "$tmp/nofont.conf" -o "$tmp/x.pdf" seeds 2>"$tmp/case.err"
expect "a missing font: named with the template line" grep -q "nofont.conf:1: fatal: template: font.body" "$tmp/case.err"
expect "a missing font: nothing written" test ! -e "$tmp/x.pdf"

if [ "${E2E_LARGE:-1}" = 1 ]; then
  mkdir "$tmp/many"
  i=0
  for f in seeds/*; do cp "$f" "$tmp/many/s$i.txt"; i=$((i + 1)); done
  # 5,000 files: the five seeds a thousand times over.
  (cd "$tmp/many" && for k in $(seq 1 999); do for j in 0 1 2 3 4; do ln "s$j.txt" "c${k}_$j.txt"; done; done)
  "$bin" -q -o "$tmp/many.pdf" "$tmp/many" 2>"$tmp/many.err"
  expect "5,000 files compile" sh -c "test $? -eq 0 && test -s '$tmp/many.pdf' && test \$(ls '$tmp/many' | wc -l) -eq 5000"
  # Killed while it works: the previous report stays, nothing else appears.
  cp "$tmp/a.pdf" "$tmp/kill.pdf"
  before=$(ls "$tmp")
  "$bin" -q -o "$tmp/kill.pdf" "$tmp/many" 2>/dev/null &
  pid=$!
  sleep 1
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  expect "a killed run leaves the previous report" cmp -s "$tmp/a.pdf" "$tmp/kill.pdf"
  after=$(ls "$tmp")
  expect "a killed run leaves no file behind" test "$before" = "$after"
fi

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
# The disk fills as the last bytes are saved (a file-size limit just under
# the PDF's size; libharu writes those bytes in an unchecked fclose).
limit=$(( ($(stat -c %s "$tmp/a.pdf") - 1) / 1024 ))
cp "$tmp/a.pdf" "$tmp/full.pdf"
bash -c "trap '' XFSZ; ulimit -f $limit; exec \"\$0\" -q -o '$tmp/full.pdf' seeds" "$bin" 2>"$tmp/full.err"
expect "a PDF cut short at its end is refused: exit 1, message, previous report intact" sh -c \
  "test $? -eq 1 && grep -q 'full.pdf: fatal: cannot write output: the PDF was cut short' '$tmp/full.err' &&
   cmp -s '$tmp/a.pdf' '$tmp/full.pdf' && ! ls '$tmp' | grep -q 'full.pdf.tmp'"
# Full some kilobytes earlier (more than stdio buffers at the end): libharu
# sees the failed write.
bash -c "trap '' XFSZ; ulimit -f $((limit - 12)); exec \"\$0\" -q -o '$tmp/full.pdf' seeds" "$bin" 2>"$tmp/full2.err"
expect "a failed write while saving names the output and the reason, keeps the previous report" sh -c \
  "test $? -eq 1 && grep -q 'full.pdf: fatal: PDF writer: cannot save: File too large' '$tmp/full2.err' &&
   cmp -s '$tmp/a.pdf' '$tmp/full.pdf'"

summary e2e
