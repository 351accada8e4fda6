# jianbao - see README.md. GNU make 4.3 or later.
#
#   make report   install what is missing, build, write out/briefing.pdf
#   make test     build and run the whole test suite
#   make          build build/jianbao only

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc
CFLAGS ?= -O2 -g

PKGS := harfbuzz harfbuzz-subset freetype2 opencc icu-uc
WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wwrite-strings -Werror
DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE

SRC := $(sort $(wildcard src/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:src/%.c=build/obj/%.o)
LIB_OBJ := $(LIB_SRC:src/%.c=build/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)

FONT_FILES := fonts/NotoSerifSC_400Regular.ttf fonts/NotoSerifSC_700Bold.ttf \
              fonts/NotoSansSC_400Regular.ttf fonts/NotoSansSC_700Bold.ttf \
              fonts/HanaMinA.ttf
SEEDS := $(sort $(wildcard seeds/*))

.PHONY: all report test unit e2e deps fonts install uninstall clean distclean

all: build/jianbao

# Library flags come from pkg-config after scripts/deps.sh has installed
# what is missing; make re-reads this file once it exists.
build/config.mk: scripts/deps.sh
	@mkdir -p build
	sh scripts/deps.sh
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS)) -lhpdf -lm"; \
	   echo "CMOCKA_CFLAGS := $$(pkg-config --cflags cmocka)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; } > $@.tmp
	@mv $@.tmp $@

ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
include build/config.mk
endif

ALL_CFLAGS = $(WARN) $(DEFS) $(PKG_CFLAGS) $(CFLAGS)

deps: build/config.mk

build/obj/%.o: src/%.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

build/jianbao: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(PKG_LIBS)

-include $(OBJ:.o=.d)

fonts: $(FONT_FILES)

$(FONT_FILES) &: fonts/fonts.lock scripts/fonts.sh | build/config.mk
	sh scripts/fonts.sh fonts/fonts.lock fonts
	@touch $(FONT_FILES)

# The report is rebuilt when the binary, a seed (or the seed folder), the
# template or a font changes; otherwise make has nothing to do.
report: out/briefing.pdf

out/briefing.pdf out/briefing.md &: build/jianbao $(SEEDS) seeds templates/briefing.conf $(FONT_FILES)
	@mkdir -p out
	build/jianbao -q -o out/briefing.pdf --json out/report.json seeds

# ---- tests ----------------------------------------------------------------

build/tests/%: tests/unit/%.c $(LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(CMOCKA_LIBS)

# UAX #14 conformance of the line breaker jianbao uses (ICU): its 22
# known misses are ICU's own tailoring of numbers (LB25), so more fails.
build/tests/lbtest: tests/linebreak/lbtest.c build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DUSE_ICU -o $@ $< $(PKG_LIBS)

LINEBREAKTEST := /usr/share/unicode/auxiliary/LineBreakTest.txt

unit: $(UNIT_BIN) build/tests/lbtest $(FONT_FILES)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done
	@echo "== LineBreakTest.txt (ICU)"; build/tests/lbtest $(LINEBREAKTEST) 22

e2e: build/jianbao $(FONT_FILES)
	sh tests/e2e/run.sh

test: unit e2e

# ---- install --------------------------------------------------------------

install: build/jianbao
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 build/jianbao $(DESTDIR)$(BINDIR)/jianbao

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jianbao

clean:
	rm -rf build/obj build/tests build/jianbao build/config.mk
	rm -f out/briefing.pdf out/briefing.md out/report.json

distclean: clean
	rm -rf build
	rm -f $(FONT_FILES)

# ---- benchmarks -------------------------------------------------------------

build/bench/%: tests/bench/%.c $(LIB_OBJ) build/config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJ) $(PKG_LIBS)

bench-dedup: build/bench/bench_dedup
	build/bench/bench_dedup seeds 100 1000 10000

bench: build/jianbao $(FONT_FILES) build/bench/bench_dedup
	@sh scripts/deps.sh bench
	sh tests/bench/run.sh
	@echo; echo "## dedup alone"; build/bench/bench_dedup seeds 100 1000 10000

.PHONY: bench bench-dedup
