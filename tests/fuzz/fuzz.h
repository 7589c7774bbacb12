/* fuzz.h - shared by the fuzz targets in tests/fuzz/fuzz_*.c.
 *
 * Each target defines LLVMFuzzerTestOneInput().  `make fuzz` links it with
 * libFuzzer (clang); `make test` links it with replay.c (gcc) and replays
 * the seed corpus and every crash kept in tests/fuzz/crashes/.
 *
 * Inputs made of several documents (a unit and its drop-ins, the Engine
 * API's answers) are split on FUZZ_SEP, the ASCII record separator, which
 * never appears in the seeds' own text. */
#ifndef DOCKAUDIT_FUZZ_H
#define DOCKAUDIT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "facts.h"
#include "report.h"
#include "util.h"

#define FUZZ_SEP '\x1e'

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of data[0..size) (the parsers take C strings too). */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The next FUZZ_SEP-separated part of [*p, end): start and length.
 * Returns 0 when there is no part left. */
static inline int fuzz_next_part(const uint8_t **p, const uint8_t *end, const uint8_t **ret_start,
				 size_t *ret_len)
{
	if (!*p || *p > end)
		return 0;
	const uint8_t *start = *p;
	const uint8_t *sep = start < end ? memchr(start, FUZZ_SEP, (size_t)(end - start)) : NULL;
	*ret_start = start;
	*ret_len = (size_t)((sep ? sep : end) - start);
	*p = sep ? sep + 1 : NULL;
	return 1;
}

/* Where the renderers write: the bytes are not looked at, only produced. */
static inline FILE *fuzz_sink(void)
{
	static FILE *sink;
	if (!sink)
		sink = fopen("/dev/null", "w");
	return sink;
}

/* Runs the checks of `version` (only the sections in `only`, NULL for all)
 * over f and, when `render`, renders the results in every format as main()
 * does.  The parser targets skip rendering: it costs far more than the
 * parsing and the engine_api and facts targets cover it. */
static inline void fuzz_audit(const struct facts *f, enum bench_version version, char **only,
			      bool render)
{
	struct selection sel = { .version = version, .level = 2, .only = only, .skip = NULL };
	struct audit_options opts = { .image_sprawl_threshold = 2, .container_sprawl_threshold = 1 };
	struct result_set rs;
	audit_run(f, &sel, &opts, &rs);
	if (!render) {
		result_set_free(&rs);
		return;
	}
	const char *hostname = json_string_value(facts_get(f, "collected.hostname"));
	struct report_meta meta = {
		.tool_version = "fuzz",
		.version = version,
		.level = 2,
		.hostname = hostname ? hostname : "unknown",
		.engine_version = json_string_value(facts_get(f, "engine.version.Version")),
		.start_time = 1764168000.0,
		.end_time = 1764168001.0,
		.facts = f,
		.color = true,
		.user = "fuzz",
		.privileged = false,
	};
	const struct report_format *fmts[] = { &report_text, &report_json, &report_xccdf, &report_arf };
	FILE *out = fuzz_sink();
	for (size_t i = 0; out && i < ARRAY_SIZE(fmts); i++)
		fmts[i]->render(out, &meta, &rs);
	result_set_free(&rs);
}

static inline void fuzz_audit_and_render(const struct facts *f, enum bench_version version,
					 char **only)
{
	fuzz_audit(f, version, only, true);
}

#endif
