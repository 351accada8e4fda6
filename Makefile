# jianbao - see README.md. GNU make 4.3 or later.
#
#   make report   install what is missing, build, write out/briefing.pdf
#                 and out/briefing-zh-Hant.pdf
#   make proofs   render their cover, TOC and glossary pages as PNGs
#   make test     build and run the whole test suite (unit, end to end,
#                 the extraction floor of make eval, and the same under
#                 ASan+UBSan and valgrind: make check)
#   make eval     extraction scores on the labelled corpus tests/corpus
#   make fuzz     run each parser's libFuzzer target (FUZZ_SECONDS each)
#   make bench    time and memory on generated corpora
#   make          build build/jianbao only

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/jianbao
MANDIR ?= $(PREFIX)/share/man
# The release number, from the one place it is written.
VERSION := $(shell sed -n 's/^\#define JB_VERSION "\(.*\)"/\1/p' src/version.h)
CC ?= cc
CFLAGS ?= -O3 -g
# The program's own objects are optimised across files at link time (the
# small string and UTF-8 helpers inline into every stage); the sanitizer
# builds compile without it.
LTO ?= -flto=auto

PKGS := harfbuzz harfbuzz-subset freetype2 opencc icu-uc libisal gumbo jansson
WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Werror
DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DJB_DATADIR='"$(DATADIR)"' -Ibuild/gen

SRC := $(sort $(wildcard src/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:src/%.c=build/obj/%.o)
LIB_OBJ := $(LIB_SRC:src/%.c=build/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)

FONT_FILES := fonts/NotoSerifSC_400Regular.ttf fonts/NotoSerifSC_700Bold.ttf \
              fonts/NotoSansSC_400Regular.ttf fonts/NotoSansSC_700Bold.ttf \
              fonts/NotoSerifTC_400Regular.ttf fonts/NotoSerifTC_700Bold.ttf \
              fonts/NotoSansTC_400Regular.ttf fonts/NotoSansTC_700Bold.ttf \
              fonts/HanaMinA.ttf
FONT_LICENCES := fonts/OFL-NotoSerif.txt fonts/OFL-NotoSans.txt fonts/copyright-HanaMinA.txt
SEEDS := $(sort $(wildcard seeds/*))

.PHONY: all report proofs test unit e2e eval eval-html eval-check check tsan fuzz deps fonts data install uninstall clean distclean installcheck ci-recipes dist distcheck bench-peer FORCE

all: build/jianbao

# Library flags come from pkg-config after scripts/deps.sh has installed
# what is missing; make re-reads this file once it exists.
build/config.mk: scripts/deps.sh
	@mkdir -p build
	sh scripts/deps.sh
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS)) -lhpdf -lm -pthread"; \
	   echo "CMOCKA_CFLAGS := $$(pkg-config --cflags cmocka)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; } > $@.tmp
	@mv $@.tmp $@

ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
include build/config.mk
endif
# OpenCC's data folder, which the t2s table below is made from.
OPENCC_DATA ?= $(shell pkg-config --variable=prefix opencc)/share/opencc

ALL_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS)

deps: build/config.mk

build/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LTO) -MMD -MP -c $< -o $@

build/jianbao: $(OBJ)
	$(CC) $(CFLAGS) $(LTO) $(LDFLAGS) -o $@ $(OBJ) $(PKG_LIBS)

-include $(OBJ:.o=.d)

# What OpenCC's t2s changes, character by character, from the OpenCC data
# installed (convert.c uses it while those files stay the same); remade
# when they change.
build/gen/t2s_chars.inc: scripts/t2s-chars.py $(wildcard $(OPENCC_DATA)/t2s.json $(OPENCC_DATA)/TS*.ocd2) | build/config.mk
	@mkdir -p $(@D)
	python3 scripts/t2s-chars.py $(OPENCC_DATA) $@
build/obj/convert.o build-asan/obj/convert.o build-tsan/obj/convert.o build-fuzz/obj/convert.o: build/gen/t2s_chars.inc

# The compiled-in data folder: datadir.c and main.c are rebuilt when it
# changes (make install PREFIX=/usr).
build/datadir.stamp: FORCE
	@mkdir -p build
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
build/obj/datadir.o build/obj/main.o build-asan/obj/datadir.o build-asan/obj/main.o \
build-tsan/obj/datadir.o build-tsan/obj/main.o build-fuzz/obj/datadir.o: build/datadir.stamp

fonts: $(FONT_FILES)

$(FONT_FILES) $(FONT_LICENCES) &: fonts/fonts.lock scripts/fetch.sh | build/config.mk
	sh scripts/fetch.sh fonts/fonts.lock fonts
	@touch $(FONT_FILES) $(FONT_LICENCES)

DATA_FILES := data/cedict_ts.u8 data/dict.txt data/sRGB.icc
DATA_LICENCES := data/copyright-jieba.txt data/copyright-icc-profiles-free.txt

data: $(DATA_FILES)

$(DATA_FILES) $(DATA_LICENCES) &: data/data.lock scripts/fetch.sh | build/config.mk
	sh scripts/fetch.sh data/data.lock data
	@touch $(DATA_FILES) $(DATA_LICENCES)

# JIANBAO_FLAGS: more options for both runs (CI: --strict, --strict-metadata).
JIANBAO_FLAGS ?=

# The report is rebuilt when the binary, a seed (or the seed folder), the
# template or a font changes; otherwise make has nothing to do.
report: out/briefing.pdf out/briefing-zh-Hant.pdf

out/briefing.pdf out/briefing.md &: build/jianbao $(SEEDS) seeds templates/briefing.conf $(FONT_FILES) $(DATA_FILES)
	@mkdir -p out
	build/jianbao -q $(JIANBAO_FLAGS) -o out/briefing.pdf --json out/report.json seeds

# The Traditional edition, from the same seeds (its template sets
# edition = zh-Hant).
out/briefing-zh-Hant.pdf out/briefing-zh-Hant.md &: build/jianbao $(SEEDS) seeds templates/briefing-zh-Hant.conf $(FONT_FILES) $(DATA_FILES)
	@mkdir -p out
	build/jianbao -q $(JIANBAO_FLAGS) -t templates/briefing-zh-Hant.conf -o out/briefing-zh-Hant.pdf seeds

# Cover, TOC and first glossary page of each edition as PNGs, to look at.
proofs: out/briefing.pdf out/briefing-zh-Hant.pdf
	sh scripts/proofs.sh out/briefing.pdf out/briefing-zh-Hant.pdf

# ---- tests ----------------------------------------------------------------

build/tests/%: tests/unit/%.c $(LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LTO) $(CMOCKA_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

# UAX #14 conformance of the line breaker jianbao uses (ICU): its 22
# known misses are ICU's own tailoring of numbers (LB25), so more fails.
build/tests/lbtest: tests/linebreak/lbtest.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DUSE_ICU -o $@ $< $(PKG_LIBS)

LINEBREAKTEST := /usr/share/unicode/auxiliary/LineBreakTest.txt

unit: $(UNIT_BIN) build/tests/lbtest $(FONT_FILES) $(DATA_FILES)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done
	@echo "== LineBreakTest.txt (ICU)"; build/tests/lbtest $(LINEBREAKTEST) 22

e2e: build/jianbao $(FONT_FILES) $(DATA_FILES)
	sh tests/e2e/run.sh && sh tests/e2e/faults.sh

# Extraction on the labelled corpus of real pages (tests/corpus): make eval
# prints score.py's table for the text pages and make eval-html for the
# HTML pages they were made from (EVAL_FLAGS=--per-file for a line per
# page, CORPUS=dir for another corpus of the same form); make test fails
# when a rate falls below tests/eval/floor.txt or floor-html.txt.
CORPUS ?= tests/corpus
EVAL_FLAGS ?=

eval: build/jianbao $(FONT_FILES) $(DATA_FILES)
	@sh tests/eval/run.sh $(EVAL_FLAGS) $(CORPUS)

eval-html: build/jianbao $(FONT_FILES) $(DATA_FILES)
	@sh tests/eval/run.sh --html $(EVAL_FLAGS) $(CORPUS)

eval-check: build/jianbao $(FONT_FILES) $(DATA_FILES)
	sh tests/eval/run.sh --check tests/eval/floor.txt
	sh tests/eval/run.sh --html --check tests/eval/floor-html.txt

# The CI recipes of examples/ci, their shell steps run in a fresh clone.
ci-recipes: build/config.mk
	/usr/bin/python3 tests/ci/run_recipes.py .

test: unit e2e installcheck ci-recipes eval-check check

# ---- sanitizers and valgrind (make check) ---------------------------------
# The same sources built in build-asan/ with ASan and UBSan (and each arena
# allocation its own malloc, so overruns inside the arena are seen); the unit
# and end-to-end tests run on that build; then the report is built under
# valgrind, both editions, which must find no error and no leak.

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJ := $(SRC:src/%.c=build-asan/obj/%.o)
ASAN_LIB_OBJ := $(LIB_SRC:src/%.c=build-asan/obj/%.o)
ASAN_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

build-asan/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -DJB_ARENA_MALLOC -DJB_CHECK_MODEL -MMD -MP -c $< -o $@

build-asan/jianbao: $(ASAN_OBJ)
	$(CC) $(SAN) -o $@ $(ASAN_OBJ) $(PKG_LIBS)

build-asan/tests/%: tests/unit/%.c $(ASAN_LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) $(CMOCKA_CFLAGS) -Isrc -o $@ $< $(ASAN_LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

-include $(ASAN_OBJ:.o=.d)

# ThreadSanitizer: the same sources in build-tsan/; the unit tests (which
# run the two-thread paths beside one thread) and both editions of the
# seeds and of 40 generated documents with two threads must give no report.
TSAN := -fsanitize=thread -fno-omit-frame-pointer
TSAN_OBJ := $(SRC:src/%.c=build-tsan/obj/%.o)
TSAN_LIB_OBJ := $(LIB_SRC:src/%.c=build-tsan/obj/%.o)
TSAN_UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build-tsan/tests/%)
export TSAN_OPTIONS := halt_on_error=1:second_deadlock_stack=1

build-tsan/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TSAN) -O1 -MMD -MP -c $< -o $@

build-tsan/jianbao: $(TSAN_OBJ)
	$(CC) $(TSAN) -o $@ $(TSAN_OBJ) $(PKG_LIBS)

build-tsan/tests/%: tests/unit/%.c $(TSAN_LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TSAN) $(CMOCKA_CFLAGS) -Isrc -o $@ $< $(TSAN_LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

-include $(TSAN_OBJ:.o=.d)

tsan: $(TSAN_UNIT_BIN) build-tsan/jianbao $(FONT_FILES) $(DATA_FILES)
	@set -e; for t in $(TSAN_UNIT_BIN); do echo "== $$t (TSan)"; JIANBAO_THREADS=2 $$t; done
	@mkdir -p build/tsan && python3 tests/bench/gen_corpus.py distinct 40 seeds build/tsan/gen >/dev/null
	set -e; for t in briefing briefing-zh-Hant; do for in in seeds build/tsan/gen; do \
	  JIANBAO_THREADS=2 build-tsan/jianbao -q -t templates/$$t.conf -o build/tsan/$$t.pdf $$in; \
	done; done

check: $(ASAN_UNIT_BIN) build-asan/jianbao build/jianbao tsan $(FONT_FILES) $(DATA_FILES)
	@set -e; for t in $(ASAN_UNIT_BIN); do echo "== $$t (ASan+UBSan)"; $$t; done
	JIANBAO=build-asan/jianbao E2E_LARGE=0 sh tests/e2e/run.sh
	@command -v valgrind >/dev/null || sh scripts/deps.sh valgrind
	for t in briefing briefing-zh-Hant; do \
	  valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible -q \
	    build/jianbao -q -t templates/$$t.conf -o build/valgrind-$$t.pdf --json build/valgrind.json seeds \
	  || exit 1; done
	valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect,possible \
	  --errors-for-leak-kinds=definite,indirect,possible -q \
	  build/jianbao -q -o build/valgrind-html.pdf tests/corpus/html/001_163.html \
	  tests/corpus/html/030_qq.html tests/corpus/html/044_wechat.html tests/corpus/pages/001_163.txt

# ---- fuzzing (make fuzz) ---------------------------------------------------
# One libFuzzer target per parser, built with clang, each run for
# FUZZ_SECONDS on a corpus seeded from seeds/ and templates/; a crash is
# written to build-fuzz/ and fails the run.

FUZZ_SECONDS ?= 30
FUZZ_CC ?= clang
FUZZ_TARGETS := fuzz_ingest fuzz_html fuzz_clean fuzz_meta fuzz_phrases fuzz_mdout fuzz_section fuzz_conf
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
FUZZ_OBJ := $(LIB_SRC:src/%.c=build-fuzz/obj/%.o)
.SECONDARY: $(FUZZ_OBJ) $(ASAN_OBJ) $(TSAN_OBJ)

build-fuzz/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 $(DEFS) $(PKG_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

-include $(FUZZ_OBJ:.o=.d)

build-fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) -std=c11 $(DEFS) $(PKG_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -Isrc -o $@ $< \
	  $(FUZZ_OBJ) $(PKG_LIBS)

fuzz:
	@sh scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=build-fuzz/%)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  c=build-fuzz/corpus-$$t; mkdir -p $$c; \
	  if [ $$t = fuzz_conf ]; then cp templates/*.conf $$c/; \
	  elif [ $$t = fuzz_html ]; then cp tests/fuzz/html/* $$c/; else cp seeds/* $$c/; fi; \
	  echo "== $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	    -artifact_prefix=build-fuzz/$$t- -print_final_stats=1 $$c 2>&1 | \
	    grep -E "^(stat::number_of_executed_units|stat::peak_rss|==|SUMMARY|INFO: -max_total)" || true; \
	  if ls build-fuzz/$$t-crash-* build-fuzz/$$t-leak-* build-fuzz/$$t-timeout-* 2>/dev/null | grep -q .; then \
	    echo "$$t: failing input in build-fuzz/"; exit 1; fi; \
	done

# ---- install --------------------------------------------------------------
# The binary, the templates, the fonts and data it fetched with their lock
# files and licences, the compiled lexicon (written by the first report)
# and the man page. The binary looks in $(DATADIR) last (see --help).

INSTALL_FILES = $(BINDIR)/jianbao \
  $(addprefix $(DATADIR)/,$(wildcard templates/*.conf templates/phrases/*.txt) \
    $(FONT_FILES) $(FONT_LICENCES) fonts/fonts.lock \
    $(DATA_FILES) $(DATA_LICENCES) data/data.lock data/cedict_ts.u8.jblx) \
  $(MANDIR)/man1/jianbao.1

install: report
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates/phrases \
	  $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(MANDIR)/man1
	install -m 755 build/jianbao $(DESTDIR)$(BINDIR)/jianbao
	install -m 644 $(wildcard templates/*.conf) $(DESTDIR)$(DATADIR)/templates/
	install -m 644 $(wildcard templates/phrases/*.txt) $(DESTDIR)$(DATADIR)/templates/phrases/
	install -p -m 644 $(FONT_FILES) $(FONT_LICENCES) fonts/fonts.lock $(DESTDIR)$(DATADIR)/fonts/
	# -p: the lexicon is stamped with its dictionaries' times
	install -p -m 644 $(DATA_FILES) $(DATA_LICENCES) data/data.lock data/cedict_ts.u8.jblx \
	  $(DESTDIR)$(DATADIR)/data/
	install -m 644 man/jianbao.1 $(DESTDIR)$(MANDIR)/man1/jianbao.1

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALL_FILES))
	-rmdir $(DESTDIR)$(DATADIR)/templates/phrases $(DESTDIR)$(DATADIR)/templates \
	  $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/data $(DESTDIR)$(DATADIR) 2>/dev/null

# make install into a temporary DESTDIR, then the installed binary from /:
# the same PDF as the build tree's, templates by name, every place looked
# named; make uninstall leaves nothing.
installcheck: report build/jianbao
	sh tests/install/run.sh

# ---- Typst side by side (make bench-peer) -----------------------------------
# The seeds with jianbao and with Typst 0.14 (the npm package of its native
# compiler, pinned) on the same fonts, alternating; the README quotes the
# median pair ratio. BENCH_RUNS runs each (default 15).
TYPST_PEER := @myriaddreamin/typst-ts-node-compiler@0.7.0
BENCH_RUNS ?= 15

build/peer/node_modules/.installed: | build/config.mk
	@mkdir -p build/peer
	npm install --prefix build/peer --no-audit --no-fund --silent $(TYPST_PEER)
	@touch $@

bench-peer: build/jianbao out/briefing.pdf build/peer/node_modules/.installed
	cp tests/bench/peer/compile.mjs build/peer/compile.mjs
	node tests/bench/peer/md2typ.mjs out/briefing.md build/peer/briefing.typ
	python3 tests/bench/peer/bench.py $(BENCH_RUNS) build/jianbao build/peer fonts

# ---- release --------------------------------------------------------------
# make dist: jianbao-VERSION.tar.gz of the files git tracks, as they are in
# the working tree (sources, templates, tests, lock files; no fetched fonts
# or data), reproducible (sorted, owner 0, the last commit's time).
# make distcheck: unpack it in a temporary folder, build, make test, make
# install (into a DESTDIR and into a prefix), and run the installed binary
# from / on the seeds.
DIST := jianbao-$(VERSION)

dist:
	@git rev-parse --git-dir >/dev/null 2>&1 || { echo "make dist: needs the git checkout" >&2; exit 1; }
	rm -rf build/dist && mkdir -p build/dist/$(DIST)
	git ls-files -z | xargs -0 sh -c 'for f; do [ -e "$$f" ] && printf "%s\0" "$$f"; done' _ | \
	  xargs -0 cp --parents -t build/dist/$(DIST)
	tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$$(git log -1 --format=%ct) \
	  -C build/dist -cf - $(DIST) | gzip -n -9 >$(DIST).tar.gz.tmp
	mv $(DIST).tar.gz.tmp $(DIST).tar.gz
	@echo "wrote $(DIST).tar.gz"

distcheck: dist
	sh tests/install/distcheck.sh $(DIST)

clean:
	rm -rf build/obj build/tests build/jianbao build/config.mk build-asan build-tsan build-fuzz
	rm -f out/briefing.pdf out/briefing.md out/report.json

distclean: clean
	rm -rf build build-asan build-tsan build-fuzz
	rm -f $(FONT_FILES) $(FONT_LICENCES) $(DATA_FILES) $(DATA_LICENCES)

# ---- benchmarks -------------------------------------------------------------

# (At link time GCC inlines jb_buf_put into the harness's loops over
# random texts and warns that their length could be SIZE_MAX.)
build/bench/%: tests/bench/%.c $(LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LTO) -Wno-stringop-overflow -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS)

bench-html: build/jianbao $(FONT_FILES) $(DATA_FILES)
	sh tests/bench/html.sh

bench-dedup: build/bench/bench_dedup
	build/bench/bench_dedup seeds 100 1000 10000

bench: build/jianbao $(FONT_FILES) $(DATA_FILES) build/bench/bench_dedup
	@sh scripts/deps.sh bench
	sh tests/bench/run.sh
	@echo; echo "## dedup alone"; build/bench/bench_dedup seeds 100 1000 10000

.PHONY: bench bench-dedup bench-html
