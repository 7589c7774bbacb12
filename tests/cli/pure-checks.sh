# checks/pure.h keeps checks pure: a file in checks/ that reads a file,
# prints, or digs into the facts' JSON does not compile.  Shown on small
# files compiled the way the Makefile compiles checks/, and over the tree:
# every file of checks/ includes it and none opts out (the model decoders,
# daemon_model.c among them, live in src/facts/).
. tests/cli/lib.sh
CC=${CC:-cc}
FLAGS="-std=c11 -D_GNU_SOURCE -Iinclude -Ichecks $(pkg-config --cflags jansson libxml-2.0 2>/dev/null)"

# compiles NAME BODY [DEFINE]: 0 when a checks/-style file with BODY compiles
compiles() {
	{
		echo '#include "check.h"'
		[ -n "${3:-}" ] && echo "#define $3"
		echo '#include "pure.h"'
		echo "int f(const json_t *j, const struct facts *fx);"
		echo "int f(const json_t *j, const struct facts *fx) { (void)j; (void)fx; $2 }"
	} >"$T/$1.c"
	# shellcheck disable=SC2086 # FLAGS is a word list
	$CC $FLAGS -c "$T/$1.c" -o "$T/$1.o" 2>"$T/$1.err"
}

check "a check over the model compiles" compiles plain 'return 0;'
! compiles json 'return json_object_get(j, "x") != NULL;'
check "json_object_get is refused" grep -q 'poisoned "json_object_get"' "$T/json.err"
! compiles facts 'return facts_get(fx, "engine") != NULL;'
check "facts_get is refused" grep -q 'poisoned "facts_get"' "$T/facts.err"
! compiles foreach 'size_t i; json_t *v; json_array_foreach(j, i, v) (void)v; return 0;'
check "json_array_foreach is refused" grep -q 'poisoned' "$T/foreach.err"
! compiles io 'return fopen("/etc/passwd", "r") != NULL;'
check "fopen is refused" grep -q 'poisoned "fopen"' "$T/io.err"
! compiles env 'return getenv("HOME") != NULL;'
check "getenv is refused" grep -q 'poisoned "getenv"' "$T/env.err"
# The old opt-out of the daemon model's decoder is gone: defining it changes nothing.
! compiles old_optout 'return json_object_get(j, "x") != NULL;' CHECKS_DECODE_FACTS
check "CHECKS_DECODE_FACTS no longer opens the JSON accessors" \
	grep -q 'poisoned "json_object_get"' "$T/old_optout.err"

# Over the tree: every checks/*.c includes pure.h, none opts out, and
# the daemon model's decoder is in src/facts/ with the other decoders.
for f in checks/*.c; do
	check "$f includes pure.h" grep -q '^#include "pure.h"' "$f"
done
check "no file of checks/ opts out of the JSON ban" \
	test -z "$(grep -l 'CHECKS_DECODE_FACTS' checks/*.c checks/*.h)"
check "the daemon model's decoder is in src/facts/" test -f src/facts/daemon_model.c
check "checks/ holds no daemon model decoder" test ! -e checks/daemon_model.c
finish
