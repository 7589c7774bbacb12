# dockaudit - CIS Docker Benchmark auditor.
#   make            build ./dockaudit
#   make audit      install missing build packages, build, audit this host
#   make test       install missing test packages, run the whole suite
#   make asan       the suite under AddressSanitizer + UBSan
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show the commands

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
PKGS      := libcurl jansson libxml-2.0 audit

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

LIB_SRC   := $(wildcard src/*.c checks/*.c reports/*.c)
LIB_SRC   := $(filter-out src/main.c,$(LIB_SRC))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/src/main.o
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRC := $(wildcard tests/helpers/*.c)
HELPER_BIN := $(HELPER_SRC:tests/helpers/%.c=$(BUILD)/tests/helpers/%)
DEPS      := $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)

.PHONY: all audit test unit-test asan install clean deps test-deps bench fuzz

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

install: dockaudit
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man8
	install -m 0755 dockaudit $(DESTDIR)$(PREFIX)/bin/dockaudit
	install -m 0644 man/dockaudit.8 $(DESTDIR)$(PREFIX)/share/man/man8/dockaudit.8

clean:
	rm -rf build build-asan dockaudit

-include $(DEPS)
