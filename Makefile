# dockaudit - CIS Docker Benchmark auditor.
#   make            build ./dockaudit
#   make audit      install missing build packages, build, audit this host
#   make test       install missing test packages, run the whole suite
#   make asan       the suite under AddressSanitizer + UBSan
#   make fuzz       build the libFuzzer targets (clang) into build-fuzz/ and run
#                   each for FUZZ_SECONDS (default 60); FUZZ_TARGETS="facts ..."
#   make bench      time full audits of 0 to 10,000 containers against the floor
#   make install    PREFIX=/usr/local DESTDIR= (binary, man page, systemd units,
#                   examples; SYSTEMD_UNITDIR=, EXAMPLEDIR= to move those)
#   make deb        the Debian package, into dist/ (deploy/debian/)
#   make deb-test   build it, lintian, install it into a scratch Debian root;
#                   then the nightly story in a booted root (tests/deploy/story.sh)
#   V=1             show the commands

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
# systemd reads units in /usr/local/lib/systemd/system and /usr/lib/systemd/system.
SYSTEMD_UNITDIR ?= $(PREFIX)/lib/systemd/system
EXAMPLEDIR ?= $(PREFIX)/share/doc/dockaudit/examples
UNIT_FILES := deploy/systemd/dockaudit.service deploy/systemd/dockaudit.timer
EXAMPLE_FILES = $(wildcard examples/*)
BUILD     ?= build
CC        ?= cc
PKGS      := libcurl jansson libxml-2.0 audit auparse libcrypto yaml-0.1

WARNINGS  := -Wall -Wextra -Wpedantic -Wformat=2 -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wwrite-strings -Wvla -Wimplicit-fallthrough \
             -Wno-format-nonliteral -fno-common
HARDEN    := -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
OPT       ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS  += -D_GNU_SOURCE -DDOCKAUDIT_VERSION='"$(VERSION)"' -Iinclude
CFLAGS    += -std=c11 $(OPT) $(WARNINGS) $(HARDEN) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS   += -pie -Wl,-z,relro,-z,now $(EXTRA_LDFLAGS)
LDLIBS    += $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC   := $(wildcard src/*.c src/*/*.c checks/*.c reports/*.c)
LIB_SRC   := $(filter-out src/main.c,$(LIB_SRC))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRC := $(wildcard tests/helpers/*.c)
HELPER_BIN := $(HELPER_SRC:tests/helpers/%.c=$(BUILD)/tests/helpers/%)
DEPS      := $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

.PHONY: all audit test unit-test asan install clean deps test-deps bench fuzz fuzz-build deb deb-test

all: dockaudit

dockaudit: $(BUILD)/dockaudit
	$(Q)cp $< $@

$(BUILD)/dockaudit: $(MAIN_OBJ) $(BUILD)/libdockaudit.a
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libdockaudit.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdockaudit.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(shell pkg-config --cflags cmocka) -Itests/unit $(LDFLAGS) \
		-o $@ $< $(BUILD)/libdockaudit.a $(LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/tests/helpers/%: tests/helpers/%.c $(BUILD)/libdockaudit.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libdockaudit.a $(LDLIBS)

# ---- fuzzing (tests/fuzz/) ----
# Each tests/fuzz/fuzz_NAME.c is a libFuzzer target.  `make fuzz` builds it
# with clang and runs it on a scratch copy of tests/fuzz/corpus/NAME (the
# repository is never written during a run; findings stay in the scratch
# directory it prints).  `make test` replays every corpus file and every
# crash kept in tests/fuzz/crashes/NAME through replay_NAME, built with $(CC).
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 65536
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_TARGETS ?= $(FUZZ_NAMES)
FUZZ_BIN     := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -std=c11 -O1 -g -fno-omit-frame-pointer $(WARNINGS) $(PKG_CFLAGS) $(FUZZ_SAN)
REPLAY_BIN   := $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/replay_%)

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_LIB_OBJ)
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_LIB_OBJ) $(PKG_LIBS) -lm

# Kept between runs: the library objects are intermediate to make.
.SECONDARY: $(FUZZ_LIB_OBJ)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	$(Q)for t in $(FUZZ_TARGETS); do \
		scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/dockaudit-fuzz-$$t.XXXXXX") || exit 2; \
		mkdir -p "$$scratch/corpus" && cp -r tests/fuzz/corpus/$$t/. "$$scratch/corpus/" || exit 2; \
		echo "  RUN     fuzz_$$t for $(FUZZ_SECONDS) s in $$scratch"; \
		supp=; [ -f tests/fuzz/lsan-$$t.supp ] && supp="suppressions=$$(pwd)/tests/fuzz/lsan-$$t.supp"; \
		LSAN_OPTIONS="$$supp$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}" \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$$scratch/" "$$scratch/corpus" >"$$scratch/log" 2>&1; \
		rc=$$?; tail -n 12 "$$scratch/log"; \
		if [ $$rc -ne 0 ]; then \
			echo "fuzz_$$t found a problem (exit $$rc): see $$scratch/log and $$scratch/crash-*;" \
				"after the fix keep the input in tests/fuzz/crashes/$$t/" >&2; exit 1; \
		fi; \
		rm -rf "$$scratch"; \
	done

$(BUILD)/tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/libdockaudit.a
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/libdockaudit.a $(LDLIBS)

unit-test: $(REPLAY_BIN)

# ---- benchmark (tests/bench/) ----
# `make bench` builds the normal (-O2) dockaudit, the replay engine, the
# floor client and runstat, then prints the table of tests/bench/bench.sh.
# BENCH_REAL=0 skips the real-dockerd sizes; see tests/bench/bench.sh.
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/tests/bench/%)

$(BUILD)/tests/bench/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

bench: $(BUILD)/dockaudit $(BENCH_BIN)
	$(Q)sh tests/bench/bench.sh $(BUILD)

deps:
	$(Q)sh scripts/install-deps.sh build

test-deps:
	$(Q)sh scripts/install-deps.sh test

audit: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)./dockaudit; rc=$$?; echo "dockaudit exited with status $$rc (see README: Exit status)"; [ $$rc -ne 2 ]

unit-test: $(BUILD)/dockaudit $(UNIT_BIN) $(HELPER_BIN)
	$(Q)sh tests/run-tests.sh $(BUILD)

test: test-deps
	$(Q)$(MAKE) --no-print-directory unit-test

asan: test-deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
		EXTRA_CFLAGS='-fsanitize=address,undefined -fno-sanitize-recover=all' \
		EXTRA_LDFLAGS='-fsanitize=address,undefined' \
		HARDEN='-fPIE' unit-test

# The units and the cron example name the binary as $(PREFIX)/bin/dockaudit.
install: $(BUILD)/dockaudit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8 \
		$(DESTDIR)$(SYSTEMD_UNITDIR) $(DESTDIR)$(EXAMPLEDIR)
	install -m 0755 $(BUILD)/dockaudit $(DESTDIR)$(PREFIX)/bin/dockaudit
	install -m 0644 man/dockaudit.8 $(DESTDIR)$(PREFIX)/share/man/man8/dockaudit.8
	for f in $(UNIT_FILES) $(EXAMPLE_FILES); do \
		case $$f in deploy/systemd/*) d=$(SYSTEMD_UNITDIR) ;; *) d=$(EXAMPLEDIR) ;; esac; \
		sed 's|/usr/local/bin/dockaudit|$(PREFIX)/bin/dockaudit|g' "$$f" >"$(DESTDIR)$$d/$${f##*/}.tmp" && \
		chmod 0644 "$(DESTDIR)$$d/$${f##*/}.tmp" && \
		mv "$(DESTDIR)$$d/$${f##*/}.tmp" "$(DESTDIR)$$d/$${f##*/}" || exit 1; \
	done

# ---- Debian package (deploy/debian/) ----
# `make deb` copies what the package is built from (no build output, no
# tests) into $(DEB_TREE) with deploy/debian as debian/ (its rules run
# `make install`, which installs the units of deploy/systemd and the
# examples), and runs
# dpkg-buildpackage there: everything it writes stays under $(BUILD)/deb
# (TMPDIR too), and nothing is downloaded.  The .deb is copied to $(DIST)
# (tests/deploy/deb.sh builds with BUILD and DIST in a scratch directory,
# read-only everywhere else and without a network).  The package's own make
# must not see this make's command line (BUILD=... would move its objects
# out of the tree): MAKEFLAGS is dropped.
DIST        ?= dist
DEB_TOP     := $(BUILD)/deb
DEB_TREE    := $(DEB_TOP)/dockaudit-$(VERSION)
DEB_SOURCES := Makefile README.md CHANGELOG.md include src checks reports man docs
DEB_ARCH     = $(shell dpkg-architecture -qDEB_HOST_ARCH)
DEB_FILE     = dockaudit_$(VERSION)_$(DEB_ARCH).deb

deb:
	$(Q)rm -rf $(DEB_TOP) && mkdir -p $(DEB_TREE) $(DEB_TOP)/tmp $(DIST)
	$(Q)cp -r $(DEB_SOURCES) $(DEB_TREE)/
	$(Q)cp -r deploy/debian $(DEB_TREE)/debian
	$(Q)mkdir -p $(DEB_TREE)/deploy && cp -r deploy/systemd $(DEB_TREE)/deploy/systemd
	$(Q)if [ -d examples ]; then cp -r examples $(DEB_TREE)/examples; fi
	@echo "  DEB     $(DIST)/$(DEB_FILE)"
	$(Q)top=$$(realpath $(DEB_TOP)) && cd $(DEB_TREE) && \
		env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL TMPDIR=$$top/tmp dpkg-buildpackage -b -us -uc >$$top/build.log 2>&1 || { tail -n 40 $$top/build.log; exit 1; }
	$(Q)cp $(DEB_TOP)/$(DEB_FILE) $(DIST)/

# Both run, whatever the first one's outcome; either failing fails the target.
deb-test:
	$(Q)sh tests/deploy/deb.sh; deb=$$?; sh tests/deploy/story.sh; story=$$?; [ $$deb = 0 ] && [ $$story = 0 ]

clean:
	rm -rf build build-asan dockaudit dist
	rm -rf $(FUZZ_BUILD)

-include $(DEPS)
