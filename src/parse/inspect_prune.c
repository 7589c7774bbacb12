/* inspect_prune.c - the container inspect whitelist (see inspect_prune.h
 * and docs/facts.md).  A member whose rule has no sub-list is kept whole;
 * one with a sub-list keeps, when it is an object, only the listed members
 * (any other shape is kept as it is: the checks report odd shapes). */
#include "inspect_prune.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json_tape.h"
#include "util.h"

struct keep {
	const char *key;
	size_t len;                /* strlen(key): most names are told apart by it */
	const struct keep *sub;    /* NULL: the whole value */
};

#define KEEP(name) { name, sizeof(name) - 1, NULL }
#define KEEP_SUB(name, sub) { name, sizeof(name) - 1, sub }
#define KEEP_END { NULL, 0, NULL }

static const struct keep host_config[] = {
	KEEP("Binds"), KEEP("Mounts"), KEEP("VolumesFrom"), KEEP("VolumeDriver"),
	KEEP("NetworkMode"), KEEP("PortBindings"), KEEP("PublishAllPorts"),
	KEEP("Links"), KEEP("ExtraHosts"),
	KEEP("RestartPolicy"), KEEP("AutoRemove"),
	KEEP("Privileged"), KEEP("CapAdd"), KEEP("CapDrop"), KEEP("SecurityOpt"),
	KEEP("Devices"), KEEP("DeviceCgroupRules"), KEEP("DeviceRequests"),
	KEEP("ReadonlyRootfs"), KEEP("MaskedPaths"), KEEP("ReadonlyPaths"),
	KEEP("PidMode"), KEEP("IpcMode"), KEEP("UTSMode"), KEEP("UsernsMode"),
	KEEP("CgroupnsMode"), KEEP("Cgroup"), KEEP("CgroupParent"),
	KEEP("Memory"), KEEP("MemoryReservation"), KEEP("MemorySwap"),
	KEEP("OomKillDisable"), KEEP("OomScoreAdj"),
	KEEP("CpuShares"), KEEP("CpuQuota"), KEEP("CpuPeriod"), KEEP("NanoCpus"),
	KEEP("CpusetCpus"), KEEP("PidsLimit"), KEEP("Ulimits"),
	KEEP("ShmSize"), KEEP("Tmpfs"), KEEP("Sysctls"), KEEP("Init"),
	KEEP("Runtime"), KEEP("Isolation"), KEEP("LogConfig"), KEEP("GroupAdd"),
	KEEP_END,
};

static const struct keep config[] = {
	KEEP("Hostname"), KEEP("User"), KEEP("Env"), KEEP("Cmd"),
	KEEP("Entrypoint"), KEEP("Image"), KEEP("Healthcheck"),
	KEEP("ExposedPorts"), KEEP("Volumes"), KEEP("WorkingDir"),
	KEEP("StopSignal"),
	KEEP_END,
};

static const struct keep graph_driver[] = {
	KEEP("Name"),
	KEEP_END,
};

static const struct keep network_settings[] = {
	KEEP("Ports"), KEEP("Networks"),
	KEEP_END,
};

static const struct keep inspect[] = {
	KEEP("Id"), KEEP("Name"), KEEP("Created"), KEEP("Path"), KEEP("Args"),
	KEEP("State"), KEEP("Image"), KEEP("RestartCount"), KEEP("Driver"),
	KEEP("Platform"), KEEP("MountLabel"), KEEP("ProcessLabel"),
	KEEP("AppArmorProfile"), KEEP("ExecIDs"),
	KEEP_SUB("HostConfig", host_config), KEEP_SUB("GraphDriver", graph_driver), KEEP("Mounts"),
	KEEP_SUB("Config", config), KEEP_SUB("NetworkSettings", network_settings),
	KEEP_END,
};

/* What the typed container model (src/facts/model.c) and the collector
 * (src/collect/engine_collect.c) read of an inspect: a subset of the
 * above, for an audit that keeps no facts. */
static const struct keep host_config_model[] = {
	KEEP("Binds"), KEEP("Mounts"), KEEP("NetworkMode"), KEEP("PortBindings"),
	KEEP("PublishAllPorts"), KEEP("RestartPolicy"), KEEP("Privileged"),
	KEEP("CapAdd"), KEEP("CapDrop"), KEEP("SecurityOpt"), KEEP("Devices"),
	KEEP("ReadonlyRootfs"), KEEP("PidMode"), KEEP("IpcMode"), KEEP("UTSMode"),
	KEEP("UsernsMode"), KEEP("CgroupParent"), KEEP("Memory"), KEEP("CpuShares"),
	KEEP("CpuQuota"), KEEP("NanoCpus"), KEEP("PidsLimit"), KEEP("Ulimits"),
	KEEP_END,
};

static const struct keep config_model[] = {
	KEEP("User"), KEEP("Image"), KEEP("Healthcheck"),
	KEEP_END,
};

static const struct keep nothing[] = {
	KEEP_END,
};

/* Of the networks, whether the default bridge is one (its settings are
 * not read). */
static const struct keep networks_model[] = {
	KEEP_SUB("bridge", nothing),
	KEEP_END,
};

static const struct keep network_settings_model[] = {
	KEEP("Ports"), KEEP_SUB("Networks", networks_model),
	KEEP_END,
};

static const struct keep inspect_model[] = {
	KEEP("Name"), KEEP("State"), KEEP("Image"), KEEP("ProcessLabel"),
	KEEP("AppArmorProfile"), KEEP("ExecIDs"), KEEP_SUB("HostConfig", host_config_model),
	KEEP("Mounts"), KEEP_SUB("Config", config_model), KEEP_SUB("NetworkSettings", network_settings_model),
	KEEP_END,
};

static const struct keep *rule_for(const struct keep *rules, const char *key)
{
	for (; rules->key; rules++)
		if (strcmp(rules->key, key) == 0)
			return rules;
	return NULL;
}

static size_t prune(json_t *obj, const struct keep *rules)
{
	size_t removed = 0;
	const char *key;
	json_t *value;
	void *tmp;
	json_object_foreach_safe(obj, tmp, key, value) {
		const struct keep *rule = rule_for(rules, key);
		if (!rule) {
			json_object_del(obj, key);
			removed++;
		} else if (rule->sub && json_is_object(value))
			removed += prune(value, rule->sub);
	}
	return removed;
}

size_t inspect_prune(json_t *doc)
{
	if (!json_is_object(doc))
		return 0;
	return prune(doc, inspect);
}

size_t inspect_prune_to_model(json_t *doc)
{
	if (!json_is_object(doc))
		return 0;
	return prune(doc, inspect_model);
}

/* ---- the skim: the whitelist applied before anything is built ----
 *
 * A single pass over the response checks that the whole of it is JSON and
 * puts only the members the rules keep on a tape (json_tape.h): the
 * model's input as it is (inspect_parse_tape()), or made into jansson
 * values without jansson lexing the text again (skim_parse()).  Building
 * the dropped members (about 40% of an inspect) only to delete them, and
 * jansson's own lexer (about 200 instructions a byte on a small answer),
 * were most of what an audit spent per container.  Anything the pass does
 * not vouch for (a key with an escape, \u0000, a number jansson might find
 * out of range, very deep nesting, any syntax error) goes to jansson
 * whole, which then decides and says why. */

#define SKIM_MAX_DEPTH 1024      /* below jansson's 2048: deeper goes to jansson */
#define SKIM_NUMBER_MAX 18       /* longer numbers go to jansson (int64 and double range) */

struct skim {
	const char *p;
	const char *end;
	struct jtape *tape;        /* the kept values, built as they pass */
	int depth;
};

static void skim_ws(struct skim *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
		s->p++;
}

static bool hex4(const unsigned char *p, const unsigned char *end, unsigned *ret)
{
	unsigned v = 0;
	if (end - p < 4)
		return false;
	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*ret = v;
	return true;
}

/* At '"': a string jansson accepts (valid UTF-8, no control characters,
 * known escapes, paired surrogates, no NUL). */
/* How many bytes from p on are plain string text: not a quote, a
 * backslash, a control character nor part of a multi-byte sequence.  Most
 * of an inspect is plain ASCII, so eight bytes are tested at a time where
 * the byte order lets the first special byte be found from the mask. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* A plain load that may be unaligned (memcpy into a local would take its
 * address, and with it the stack protector's check on every call). */
typedef uint64_t __attribute__((may_alias, aligned(1))) unaligned_u64;
static inline uint64_t load_unaligned_u64(const unsigned char *p)
{
	return *(const unaligned_u64 *)p;
}
#endif

static size_t plain_run(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;
#ifdef __SSE2__
	/* Sixteen at a time: a byte below 0x20 as a signed char is a control
	 * character or part of a multi-byte sequence. */
	const __m128i quote16 = _mm_set1_epi8('"'), backslash16 = _mm_set1_epi8('\\');
	const __m128i space16 = _mm_set1_epi8(0x20);
	while (end - q >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		__m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote16),
							     _mm_cmpeq_epi8(v, backslash16)),
					       _mm_cmplt_epi8(v, space16));
		unsigned mask = (unsigned)_mm_movemask_epi8(special);
		if (mask)
			return (size_t)(q - p) + (size_t)__builtin_ctz(mask);
		q += 16;
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	while (end - q >= 8) {
		uint64_t w = load_unaligned_u64(q);
		uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
		/* The high bit of each byte that is special; a borrow can mark
		 * a byte only above one already marked, so the lowest is exact. */
		uint64_t special = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
				    ((w - ones * 0x20) & ~w) | w) & high;
		if (special)
			return (size_t)(q - p) + (size_t)__builtin_ctzll(special) / 8;
		q += 8;
	}
#endif
	while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
		q++;
	return (size_t)(q - p);
}

static bool skim_string(struct skim *s)
{
	const unsigned char *p = (const unsigned char *)s->p + 1;
	const unsigned char *end = (const unsigned char *)s->end;

	while (p < end) {
		p += plain_run(p, end);
		if (p >= end)
			break;
		unsigned char c = *p;
		if (c == '"') {
			s->p = (const char *)p + 1;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c < 0x80 && c != '\\') {
			p++;
			continue;
		}
		if (c == '\\') {
			if (++p >= end)
				return false;
			if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
				continue;
			}
			unsigned v, w2;
			if (*p != 'u' || !hex4(p + 1, end, &v) || v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
				return false;
			p += 5;
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &w2) ||
				    w2 < 0xDC00 || w2 > 0xDFFF)
					return false;
				p += 6;
			}
			continue;
		}
		size_t n;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		p += n + 1;
	}
	return false;
}

static bool skim_digits(struct skim *s)
{
	const char *start = s->p;
	while (s->p < s->end && *s->p >= '0' && *s->p <= '9')
		s->p++;
	return s->p > start;
}

/* RFC 8259's number grammar, short enough that jansson cannot find it out
 * of range. */
static bool skim_number(struct skim *s)
{
	const char *start = s->p;
	if (s->p < s->end && *s->p == '-')
		s->p++;
	if (s->p < s->end && *s->p == '0')
		s->p++;
	else if (!skim_digits(s))
		return false;
	if (s->p < s->end && *s->p == '.') {
		s->p++;
		if (!skim_digits(s))
			return false;
	}
	if (s->p < s->end && (*s->p == 'e' || *s->p == 'E')) {
		s->p++;
		if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
			s->p++;
		const char *exp = s->p;
		if (!skim_digits(s) || s->p - exp > 2)
			return false;
	}
	return s->p - start <= SKIM_NUMBER_MAX;
}

static bool skim_literal(struct skim *s, const char *word, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* ---- the tape: kept values built straight from the text ----
 *
 * tape_build() runs over a value the skim has just checked, so it trusts
 * the syntax: strings are well-formed (their escapes valid, their
 * surrogates paired, no \u0000) and numbers short.  It is given the end of
 * that value: the text after it is not checked yet (a number is read up
 * to a delimiter, and "2.5e10eeee" is not one number).  Its strings go to the
 * tape's text, which holds the whole response: each string's decoded
 * bytes and NUL are fewer than its quoted source. */

static const char *tape_text(struct jtape *t, const char *src, size_t n)
{
	char *dst = t->text + t->text_len;
	memcpy(dst, src, n);
	dst[n] = '\0';
	t->text_len += n + 1;
	return dst;
}

static unsigned hex4_trusted(const char *p)
{
	unsigned v = 0;
	hex4((const unsigned char *)p, (const unsigned char *)p + 4, &v);
	return v;
}

/* At '"': the decoded string onto the text; *pp past the closing quote. */
static const char *tape_string(struct jtape *t, const char **pp)
{
	const char *p = *pp + 1;
	const char *run = p;
	while (*p != '"' && *p != '\\')
		p++;
	if (*p == '"') {
		*pp = p + 1;
		return tape_text(t, run, (size_t)(p - run));
	}
	char *start = t->text + t->text_len, *dst = start;
	memcpy(dst, run, (size_t)(p - run));
	dst += p - run;
	for (;;) {
		while (*p != '"' && *p != '\\')
			*dst++ = *p++;
		if (*p == '"')
			break;
		p++;
		unsigned cp;
		switch (*p++) {
		case 'b': *dst++ = '\b'; continue;
		case 'f': *dst++ = '\f'; continue;
		case 'n': *dst++ = '\n'; continue;
		case 'r': *dst++ = '\r'; continue;
		case 't': *dst++ = '\t'; continue;
		case 'u':
			cp = hex4_trusted(p);
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4_trusted(p + 2) - 0xDC00);
				p += 6;
			}
			break;
		default:                  /* \" \\ \/ */
			*dst++ = p[-1];
			continue;
		}
		if (cp < 0x80) {
			*dst++ = (char)cp;
		} else if (cp < 0x800) {
			*dst++ = (char)(0xC0 | cp >> 6);
			*dst++ = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			*dst++ = (char)(0xE0 | cp >> 12);
			*dst++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*dst++ = (char)(0x80 | (cp & 0x3F));
		} else {
			*dst++ = (char)(0xF0 | cp >> 18);
			*dst++ = (char)(0x80 | (cp >> 12 & 0x3F));
			*dst++ = (char)(0x80 | (cp >> 6 & 0x3F));
			*dst++ = (char)(0x80 | (cp & 0x3F));
		}
	}
	*dst++ = '\0';
	t->text_len += (size_t)(dst - start);
	*pp = p + 1;
	return start;
}

static const char *tape_ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return p;
}

/* As jansson reads a number: an integer unless it has a fraction or an
 * exponent. */
static const char *tape_number(struct jtape *t, const char *p, const char *end)
{
	const char *start = p;
	bool real = false;
	while (p < end && p - start < SKIM_NUMBER_MAX &&
	       ((*p >= '0' && *p <= '9') || *p == '-' || *p == '+' || *p == '.' || *p == 'e' ||
		*p == 'E')) {
		real = real || *p == '.' || *p == 'e' || *p == 'E';
		p++;
	}
	if (real) {
		char copy[SKIM_NUMBER_MAX + 1];
		size_t n = (size_t)(p - start);
		memcpy(copy, start, n);
		copy[n] = '\0';
		jtape_add_scalar(t, JNODE_REAL, 0, strtod(copy, NULL));
	} else {
		bool negative = *start == '-';
		long long v = 0;
		for (const char *d = start + negative; d < p; d++)
			v = v * 10 + (*d - '0');
		jtape_add_scalar(t, JNODE_INTEGER, negative ? -v : v, 0);
	}
	return p;
}

/* The value at p (checked by the skim, ending by end) onto the tape,
 * whole; returns the end of it. */
static const char *tape_value(struct jtape *t, const char *p, const char *end)
{
	size_t opened;
	switch (*p) {
	case '{':
		opened = jtape_open(t, JNODE_OBJECT);
		p = tape_ws(p + 1);
		while (*p != '}') {
			jtape_add_key(t, tape_string(t, &p));
			p = tape_ws(tape_ws(p) + 1);          /* the ':' */
			p = tape_ws(tape_value(t, p, end));
			if (*p == ',')
				p = tape_ws(p + 1);
		}
		jtape_close(t, opened);
		return p + 1;
	case '[':
		opened = jtape_open(t, JNODE_ARRAY);
		p = tape_ws(p + 1);
		while (*p != ']') {
			p = tape_ws(tape_value(t, p, end));
			if (*p == ',')
				p = tape_ws(p + 1);
		}
		jtape_close(t, opened);
		return p + 1;
	case '"':
		jtape_add_string(t, tape_string(t, &p));
		return p;
	case 't':
		jtape_add_scalar(t, JNODE_TRUE, 0, 0);
		return p + 4;
	case 'f':
		jtape_add_scalar(t, JNODE_FALSE, 0, 0);
		return p + 5;
	case 'n':
		jtape_add_scalar(t, JNODE_NULL, 0, 0);
		return p + 4;
	default:
		return tape_number(t, p, end);
	}
}

static void tape_build(struct jtape *t, const char *start, const char *end)
{
	tape_value(t, start, end);
}

static bool skim_value(struct skim *s, const struct keep *sub, bool emit);

static const struct keep *rule_match(const struct keep *rules, const char *key, size_t n)
{
	for (; rules->key; rules++)
		if (rules->len == n && memcmp(rules->key, key, n) == 0)
			return rules;
	return NULL;
}

/* At '{'.  With rules: copies the members they keep (as text, or onto the
 * tape); without: only checks. */
static bool skim_object(struct skim *s, const struct keep *rules)
{
	if (++s->depth > SKIM_MAX_DEPTH)
		return false;
	s->p++;
	size_t opened = rules ? jtape_open(s->tape, JNODE_OBJECT) : 0;
	skim_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		goto done;
	}
	for (;;) {
		skim_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return false;
		const char *key = s->p;
		if (!skim_string(s))
			return false;
		size_t klen = (size_t)(s->p - key);        /* with both quotes */
		skim_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return false;
		s->p++;
		skim_ws(s);
		const struct keep *rule = NULL;
		if (rules) {
			/* An escaped key might spell a kept one: jansson decides. */
			if (memchr(key + 1, '\\', klen - 2))
				return false;
			rule = rule_match(rules, key + 1, klen - 2);
		}
		if (rule) {
			jtape_add_key(s->tape, tape_text(s->tape, key + 1, klen - 2));
			if (!skim_value(s, rule->sub, true))
				return false;
		} else if (!skim_value(s, NULL, false)) {
			return false;
		}
		skim_ws(s);
		if (s->p >= s->end)
			return false;
		if (*s->p == '}') {
			s->p++;
			break;
		}
		if (*s->p++ != ',')
			return false;
	}
done:
	if (rules)
		jtape_close(s->tape, opened);
	s->depth--;
	return true;
}

static bool skim_array(struct skim *s)
{
	if (++s->depth > SKIM_MAX_DEPTH)
		return false;
	s->p++;
	skim_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		s->depth--;
		return true;
	}
	for (;;) {
		skim_ws(s);
		if (!skim_value(s, NULL, false))
			return false;
		skim_ws(s);
		if (s->p >= s->end)
			return false;
		if (*s->p == ']') {
			s->p++;
			break;
		}
		if (*s->p++ != ',')
			return false;
	}
	s->depth--;
	return true;
}

/* One value at s->p (whitespace skipped).  emit: copy it to the output,
 * filtered by sub when it is an object and sub is given, else whole. */
static bool skim_value(struct skim *s, const struct keep *sub, bool emit)
{
	if (s->p >= s->end)
		return false;
	const char *start = s->p;
	bool ok;
	switch (*s->p) {
	case '{':
		if (emit && sub)
			return skim_object(s, sub);
		ok = skim_object(s, NULL);
		break;
	case '[':
		ok = skim_array(s);
		break;
	case '"':
		ok = skim_string(s);
		break;
	case 't':
		ok = skim_literal(s, "true", 4);
		break;
	case 'f':
		ok = skim_literal(s, "false", 5);
		break;
	case 'n':
		ok = skim_literal(s, "null", 4);
		break;
	default:
		ok = skim_number(s);
		break;
	}
	if (ok && emit)
		tape_build(s->tape, start, s->p);
	return ok;
}

/* At '[': each object element filtered by rules, anything else whole. */
static bool skim_list(struct skim *s, const struct keep *rules)
{
	s->depth++;
	s->p++;
	size_t opened = jtape_open(s->tape, JNODE_ARRAY);
	skim_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		goto done;
	}
	for (;;) {
		skim_ws(s);
		if (!skim_value(s, rules, true))
			return false;
		skim_ws(s);
		if (s->p >= s->end)
			return false;
		if (*s->p == ']') {
			s->p++;
			break;
		}
		if (*s->p++ != ',')
			return false;
	}
done:
	jtape_close(s->tape, opened);
	s->depth--;
	return true;
}

/* What a skimmed document must be. */
enum skim_shape {
	SKIM_ANY,        /* any value, kept whole */
	SKIM_OBJECT,     /* an object, filtered by the rules */
	SKIM_LIST,       /* an array, each object element filtered by the rules */
};

/* The skim of a whole document onto a new tape; NULL when jansson must
 * decide. */
static struct jtape *skim_document(const char *data, size_t len, const struct keep *rules,
				   enum skim_shape shape)
{
	struct jtape *t = xcalloc(1, sizeof(*t));
	/* Each kept string's decoded bytes and NUL are fewer than its quoted
	 * source, so the whole response is room enough. */
	t->text = xmalloc(len + 1);
	t->text_cap = len + 1;
	struct skim s = { data, data + len, t, 0 };
	skim_ws(&s);
	bool ok = s.p < s.end;
	if (ok && shape == SKIM_OBJECT)
		ok = *s.p == '{' && skim_object(&s, rules);
	else if (ok && shape == SKIM_LIST)
		ok = *s.p == '[' && skim_list(&s, rules);
	else if (ok)
		/* An object or an array: tape_build() trusts a number to end
		 * before the text does (a bare scalar is jansson's). */
		ok = (*s.p == '{' || *s.p == '[') && skim_value(&s, NULL, true);
	if (ok) {
		skim_ws(&s);
		if (s.p == s.end)
			return t;
	}
	jtape_free(t);
	return NULL;
}

/* The same as jansson values. */
static json_t *skim_parse(const char *data, size_t len, const struct keep *rules,
			  enum skim_shape shape)
{
	struct jtape *t = skim_document(data, len, rules, shape);
	json_t *doc = jnode_to_json(jtape_root(t));
	jtape_free(t);
	return doc;
}

json_t *json_parse_skimmed(const char *data, size_t len, json_error_t *error)
{
	json_t *doc = skim_parse(data, len, NULL, SKIM_ANY);
	return doc ? doc : json_loadb(data, len, JSON_DECODE_ANY, error);
}

static json_t *parse_pruned(const char *data, size_t len, const struct keep *rules,
			    json_error_t *error)
{
	json_t *doc = skim_parse(data, len, rules, SKIM_OBJECT);
	if (doc)
		return doc;
	/* Anything the skim does not vouch for: jansson decides, and says why. */
	doc = json_loadb(data, len, JSON_DECODE_ANY, error);
	if (json_is_object(doc))
		prune(doc, rules);
	return doc;
}

json_t *inspect_parse(const char *data, size_t len, json_error_t *error)
{
	return parse_pruned(data, len, inspect, error);
}


/* ---- the model's part of an inspect as a tape ---- */

/* v onto the tape, objects filtered by rules as prune() filters them. */
static void tape_from_json(struct jtape *t, const json_t *v, const struct keep *rules)
{
	size_t opened, i;
	const char *key;
	const json_t *e;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		opened = jtape_open(t, JNODE_OBJECT);
		json_object_foreach((json_t *)v, key, e) {
			const struct keep *rule = rules ? rule_for(rules, key) : NULL;
			if (rules && !rule)
				continue;
			jtape_add_key(t, key);
			tape_from_json(t, e, rule ? rule->sub : NULL);
		}
		jtape_close(t, opened);
		break;
	case JSON_ARRAY:
		opened = jtape_open(t, JNODE_ARRAY);
		json_array_foreach(v, i, e)
			tape_from_json(t, e, NULL);
		jtape_close(t, opened);
		break;
	case JSON_STRING:
		jtape_add_string(t, json_string_value(v));
		break;
	case JSON_INTEGER:
		jtape_add_scalar(t, JNODE_INTEGER, (long long)json_integer_value(v), 0);
		break;
	case JSON_REAL:
		jtape_add_scalar(t, JNODE_REAL, 0, json_real_value(v));
		break;
	case JSON_TRUE:
		jtape_add_scalar(t, JNODE_TRUE, 0, 0);
		break;
	case JSON_FALSE:
		jtape_add_scalar(t, JNODE_FALSE, 0, 0);
		break;
	case JSON_NULL:
		jtape_add_scalar(t, JNODE_NULL, 0, 0);
		break;
	}
}

struct jtape *inspect_tape_from_json(const json_t *doc)
{
	struct jtape *t = xcalloc(1, sizeof(*t));
	if (doc) {
		t->tree = json_incref((json_t *)doc);
		tape_from_json(t, doc, inspect_model);
	}
	return t;
}

struct jtape *inspect_parse_tape(const char *data, size_t len, json_error_t *error)
{
	struct jtape *t = skim_document(data, len, inspect_model, SKIM_OBJECT);
	if (t)
		return t;
	/* Anything the skim does not vouch for: jansson decides, and says why. */
	json_t *doc = json_loadb(data, len, JSON_DECODE_ANY, error);
	if (!doc)
		return NULL;
	t = inspect_tape_from_json(doc);
	json_decref(doc);
	return t;
}

/* What the collector itself reads of an inspect (engine_collect.c): a
 * subset of inspect_model. */
static const struct keep config_collector[] = {
	KEEP("Image"),
	KEEP_END,
};

/* Of State, what the collector reads: whether the container still runs
 * (its process list is not asked otherwise), its status then, and the
 * main process (whether /proc shows the container). */
static const struct keep state_collector[] = {
	KEEP("Running"), KEEP("Status"), KEEP("Pid"),
	KEEP_END,
};

static const struct keep inspect_collector[] = {
	KEEP("Name"), KEEP_SUB("State", state_collector), KEEP("Image"), KEEP("ExecIDs"),
	KEEP_SUB("Config", config_collector),
	KEEP_END,
};

static json_t *json_from_tape(const struct jnode *v, const struct keep *rules)
{
	if (!rules || !jnode_is_object(v))
		return jnode_to_json(v);
	/* Member by member: a duplicate key replaces the value in place, as
	 * jansson's parser does. */
	json_t *o = json_object();
	const struct jnode *end = v + v->span;
	for (const struct jnode *k = v + 1; k < end; k += 1 + k[1].span) {
		const struct keep *rule = rule_for(rules, k->v.s);
		if (rule)
			json_object_set_new_nocheck(o, k->v.s, json_from_tape(k + 1, rule->sub));
	}
	return o;
}

json_t *inspect_tape_collector_view(const struct jtape *t)
{
	return json_from_tape(jtape_root(t), inspect_collector);
}

/* What the model reads of an exec instance's inspect (the engine nests
 * the settings in ProcessConfig; the flat spelling is read too). */
static const struct keep process_config_model[] = {
	KEEP("entrypoint"), KEEP("user"), KEEP("privileged"),
	KEEP_END,
};

static const struct keep exec_model[] = {
	KEEP("ID"), KEEP("User"), KEEP("Privileged"),
	KEEP_SUB("ProcessConfig", process_config_model),
	KEEP_END,
};

size_t exec_prune_to_model(json_t *doc)
{
	if (!json_is_object(doc))
		return 0;
	return prune(doc, exec_model);
}

json_t *exec_parse_for_model(const char *data, size_t len, json_error_t *error)
{
	return parse_pruned(data, len, exec_model, error);
}

/* The members of a /containers/json entry the collector reads. */
static const struct keep list_entry[] = {
	KEEP("Id"), KEEP("Names"), KEEP("State"), KEEP("ImageID"),
	KEEP_END,
};

json_t *container_list_parse(const char *data, size_t len, json_error_t *error)
{
	json_t *doc = skim_parse(data, len, list_entry, SKIM_LIST);
	if (doc)
		return doc;
	doc = json_loadb(data, len, JSON_DECODE_ANY, error);
	if (json_is_array(doc)) {
		size_t i;
		json_t *entry;
		json_array_foreach(doc, i, entry)
			if (json_is_object(entry))
				prune(entry, list_entry);
	}
	return doc;
}
