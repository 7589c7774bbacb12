/* waiver_file.c - the waiver file (--waivers FILE): a YAML list of
 * accepted exceptions, read with libyaml's event parser into a
 * struct waiver_set.  Pure: the text comes in a buffer (src/waiver.c reads
 * the file).
 *
 * The grammar is deliberately small: one document holding a sequence of
 * flat mappings whose keys and values are plain or quoted scalars.
 * Anything else -- nested values, anchors and aliases, tags, a second
 * document, an unknown or repeated key -- is an error naming the line and
 * column, so a typo never silently widens or narrows what is waived. */
#include "waiver.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include <yaml.h>

/* Every key an entry may have. */
enum waiver_key {
	KEY_CHECK,
	KEY_OBJECT,
	KEY_REASON,
	KEY_OWNER,
	KEY_EXPIRES,
	KEY__MAX,
};

static const char *const key_names[KEY__MAX] = {
	[KEY_CHECK] = "check",
	[KEY_OBJECT] = "object",
	[KEY_REASON] = "reason",
	[KEY_OWNER] = "owner",
	[KEY_EXPIRES] = "expires",
};
_Static_assert(ARRAY_SIZE(key_names) == KEY__MAX, "a waiver key without a name");

/* The longest value a field may have: reasons are sentences, not essays. */
#define WAIVER_VALUE_MAX 4096

struct parse_state {
	const char *path;
	const char *text;
	size_t len;
	enum bench_version version;
	yaml_parser_t parser;
	char *error;                /* the first error, "PATH:LINE:COL: ..." */
	struct waiver_set *ws;
	size_t cap;
};

static void PRINTF_LIKE(3, 4) fail_at(struct parse_state *p, yaml_mark_t mark, const char *fmt, ...)
{
	if (p->error)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->error = xasprintf("%s:%zu:%zu: %s", p->path, mark.line + 1, mark.column + 1, msg);
	free(msg);
}

/* The next event; false (with the error set) when libyaml cannot go on. */
static bool next_event(struct parse_state *p, yaml_event_t *ev)
{
	if (yaml_parser_parse(&p->parser, ev))
		return true;
	yaml_mark_t mark = p->parser.problem_mark;
	if (p->parser.error == YAML_READER_ERROR) {
		/* The reader (bad UTF-8, control characters) gives a byte
		 * offset only: count the lines up to it. */
		size_t off = p->parser.problem_offset < p->len ? p->parser.problem_offset : p->len;
		mark.index = off;
		mark.line = 0;
		mark.column = 0;
		for (size_t i = 0; i < off; i++) {
			if (p->text[i] == '\n') {
				mark.line++;
				mark.column = 0;
			} else if (((unsigned char)p->text[i] & 0xc0) != 0x80)
				mark.column++;
		}
	}
	const char *problem = p->parser.problem ? p->parser.problem : "malformed YAML";
	/* libyaml's words for a tab where indentation is expected say nothing
	 * to someone who cannot see the tab. */
	if (mark.index < p->len && p->text[mark.index] == '\t') {
		fail_at(p, mark, "a tab: indent with spaces in YAML");
		return false;
	}
	if (p->parser.context)
		fail_at(p, mark, "not valid YAML: %s %s", problem, p->parser.context);
	else
		fail_at(p, mark, "not valid YAML: %s", problem);
	return false;
}

/* Anchors, aliases and tags are refused: a waiver file is written by hand
 * and read by auditors, and neither gains from them (while aliases are the
 * classic way to make a small YAML file expand into a huge one). */
static bool plain_node(struct parse_state *p, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		fail_at(p, ev->start_mark, "aliases (*%s) are not allowed in a waiver file",
			(const char *)ev->data.alias.anchor);
		return false;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		return true;
	}
	if (anchor) {
		fail_at(p, ev->start_mark, "anchors (&%s) are not allowed in a waiver file",
			(const char *)anchor);
		return false;
	}
	if (tag) {
		fail_at(p, ev->start_mark, "tags (%s) are not allowed in a waiver file", (const char *)tag);
		return false;
	}
	return true;
}

static bool is_null_scalar(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *v = (const char *)ev->data.scalar.value;
	return !*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	       strcmp(v, "NULL") == 0;
}

static const char *event_what(yaml_event_type_t t)
{
	switch (t) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SCALAR_EVENT:
		return "a single value";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "something else";
	}
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* "2027-03-31" (the end of that day, UTC) or an RFC 3339 time
 * "2027-03-31T12:00:00Z" / "...+02:00" (fractions of a second allowed and
 * ignored).  The date must exist: 2027-02-30 is refused. */
int waiver_parse_expiry(const char *s, double *ret)
{
	size_t len = strlen(s);
	if (len < 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
	    !all_digits(s + 8, 2))
		return -EINVAL;
	struct tm tm = { 0 };
	tm.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + two_digits(s + 2) - 1900;
	tm.tm_mon = two_digits(s + 5) - 1;
	tm.tm_mday = two_digits(s + 8);
	if (tm.tm_year + 1900 < 1970 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1)
		return -EINVAL;
	long offset = 0;
	bool date_only = len == 10;
	if (!date_only) {
		const char *t = s + 10;
		if ((*t != 'T' && *t != 't') || strlen(t) < 10 || !all_digits(t + 1, 2) || t[3] != ':' ||
		    !all_digits(t + 4, 2) || t[6] != ':' || !all_digits(t + 7, 2))
			return -EINVAL;
		tm.tm_hour = two_digits(t + 1);
		tm.tm_min = two_digits(t + 4);
		tm.tm_sec = two_digits(t + 7);
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
			return -EINVAL;
		const char *z = t + 9;
		if (*z == '.') {
			z++;
			if (*z < '0' || *z > '9')
				return -EINVAL;
			while (*z >= '0' && *z <= '9')
				z++;
		}
		if ((z[0] == 'Z' || z[0] == 'z') && !z[1])
			offset = 0;
		else if ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && all_digits(z + 1, 2) &&
			 z[3] == ':' && all_digits(z + 4, 2) && two_digits(z + 1) <= 23 &&
			 two_digits(z + 4) <= 59) {
			offset = (two_digits(z + 1) * 60L + two_digits(z + 4)) * 60L;
			if (z[0] == '-')
				offset = -offset;
		} else
			return -EINVAL;
	}
	struct tm check = tm;
	time_t when = timegm(&check);
	if (when == (time_t)-1 || check.tm_mday != tm.tm_mday || check.tm_mon != tm.tm_mon)
		return -EINVAL;
	/* A date lasts to its last second, UTC. */
	*ret = date_only ? (double)when + 86399 : (double)(when - offset);
	return 0;
}

/* The check a waiver names: its id in the selected version, or its slug
 * (the version-independent name, which may name a check this version does
 * not have).  NULL when neither. */
static const struct check *find_check(const char *ref, enum bench_version v)
{
	const struct check *c = registry_find(ref, v);
	if (c)
		return c;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++)
			if (strcmp(registry_sections[s]->checks[i].slug, ref) == 0)
				return &registry_sections[s]->checks[i];
	return NULL;
}

static const char *other_version_of(const char *ref, enum bench_version v)
{
	for (int o = 0; o < BENCH__MAX; o++)
		if (o != (int)v && registry_find(ref, (enum bench_version)o))
			return bench_version_name((enum bench_version)o);
	return NULL;
}

static bool same_object(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Validates one entry once its mapping has ended; values[] are owned by
 * the caller until they move into the set. */
static bool finish_entry(struct parse_state *p, yaml_mark_t start, char *values[KEY__MAX],
			 const yaml_mark_t marks[KEY__MAX])
{
	static const enum waiver_key required[] = { KEY_CHECK, KEY_REASON, KEY_OWNER, KEY_EXPIRES };
	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		if (!values[required[i]]) {
			fail_at(p, start, "this waiver has no '%s' (every waiver needs check, reason, owner and expires)",
				key_names[required[i]]);
			return false;
		}
	const char *ref = values[KEY_CHECK];
	const struct check *c = find_check(ref, p->version);
	if (!c) {
		const char *other = other_version_of(ref, p->version);
		if (other)
			fail_at(p, marks[KEY_CHECK], "no check '%s' in benchmark %s (it is a check of %s: name it by its version-independent name, see --list, or choose --benchmark)",
				ref, bench_version_name(p->version), other);
		else
			fail_at(p, marks[KEY_CHECK], "no check '%s' in benchmark %s (see --list)", ref,
				bench_version_name(p->version));
		return false;
	}
	if (values[KEY_OBJECT] && c->scope != SCOPE_CONTAINER && c->scope != SCOPE_IMAGE) {
		fail_at(p, marks[KEY_OBJECT], "check '%s' is about the host, not about containers or images: it takes no 'object'",
			ref);
		return false;
	}
	double expires_at;
	if (waiver_parse_expiry(values[KEY_EXPIRES], &expires_at) < 0) {
		fail_at(p, marks[KEY_EXPIRES], "'%s' is not a date (expires: YYYY-MM-DD, or an RFC 3339 time such as 2027-03-31T18:00:00Z)",
			values[KEY_EXPIRES]);
		return false;
	}
	for (size_t i = 0; i < p->ws->count; i++) {
		const struct waiver *o = &p->ws->waivers[i];
		if (o->check == c && same_object(o->object, values[KEY_OBJECT])) {
			fail_at(p, start, "a second waiver for check '%s'%s%s%s: the first is on line %u", ref,
				o->object ? " and object '" : "", o->object ? o->object : "",
				o->object ? "'" : "", o->line);
			return false;
		}
	}
	if (p->ws->count == WAIVER_FILE_MAX_ENTRIES) {
		fail_at(p, start, "more than %d waivers in one file", WAIVER_FILE_MAX_ENTRIES);
		return false;
	}
	if (p->ws->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->ws->waivers = xrealloc(p->ws->waivers, p->cap * sizeof(*p->ws->waivers));
	}
	struct waiver *w = &p->ws->waivers[p->ws->count++];
	memset(w, 0, sizeof(*w));
	w->line = (unsigned)start.line + 1;
	w->check = c;
	w->check_ref = values[KEY_CHECK];
	w->object = values[KEY_OBJECT];
	w->reason = values[KEY_REASON];
	w->owner = values[KEY_OWNER];
	w->expires = values[KEY_EXPIRES];
	w->expires_at = expires_at;
	w->state = WAIVER_UNUSED;
	for (int k = 0; k < KEY__MAX; k++)
		values[k] = NULL;
	return true;
}

/* One entry: the mapping's start event has been read. */
static bool parse_entry(struct parse_state *p, yaml_mark_t start)
{
	char *values[KEY__MAX] = { NULL };
	yaml_mark_t marks[KEY__MAX];
	memset(marks, 0, sizeof(marks));
	bool ok = false;
	for (;;) {
		yaml_event_t key;
		if (!next_event(p, &key))
			break;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			ok = finish_entry(p, start, values, marks);
			break;
		}
		if (!plain_node(p, &key)) {
			yaml_event_delete(&key);
			break;
		}
		if (key.type != YAML_SCALAR_EVENT) {
			fail_at(p, key.start_mark, "a key must be a word, not %s", event_what(key.type));
			yaml_event_delete(&key);
			break;
		}
		const char *name = (const char *)key.data.scalar.value;
		int k;
		for (k = 0; k < KEY__MAX && strcmp(name, key_names[k]) != 0; k++)
			;
		if (k == KEY__MAX) {
			char *clean = utf8_clip_line(name, key.data.scalar.length, 64);
			fail_at(p, key.start_mark, "unknown key '%s' (a waiver has check, object, reason, owner and expires)",
				clean);
			free(clean);
			yaml_event_delete(&key);
			break;
		}
		if (values[k]) {
			fail_at(p, key.start_mark, "'%s' is given twice in this waiver (first on line %zu)",
				key_names[k], marks[k].line + 1);
			yaml_event_delete(&key);
			break;
		}
		yaml_event_delete(&key);

		yaml_event_t val;
		if (!next_event(p, &val))
			break;
		if (!plain_node(p, &val)) {
			yaml_event_delete(&val);
			break;
		}
		if (val.type != YAML_SCALAR_EVENT) {
			fail_at(p, val.start_mark, "'%s' must be a single value, not %s", key_names[k],
				event_what(val.type));
			yaml_event_delete(&val);
			break;
		}
		const char *text = (const char *)val.data.scalar.value;
		size_t len = val.data.scalar.length;
		if (is_null_scalar(&val) || len == 0) {
			fail_at(p, val.start_mark, "'%s' is empty", key_names[k]);
			yaml_event_delete(&val);
			break;
		}
		if (len > WAIVER_VALUE_MAX || memchr(text, '\0', len)) {
			fail_at(p, val.start_mark, "'%s' is %s", key_names[k],
				len > WAIVER_VALUE_MAX ? "longer than 4096 bytes" : "not text");
			yaml_event_delete(&val);
			break;
		}
		/* One line each: a reason folded over lines in the file reads as
		 * one sentence in every report. */
		values[k] = utf8_sanitize_line(text);
		marks[k] = val.start_mark;
		yaml_event_delete(&val);
	}
	for (int k = 0; k < KEY__MAX; k++)
		free(values[k]);
	return ok;
}

/* The document's content: a list of entries, or nothing at all. */
static bool parse_document(struct parse_state *p)
{
	yaml_event_t ev;
	if (!next_event(p, &ev))
		return false;
	if (!plain_node(p, &ev)) {
		yaml_event_delete(&ev);
		return false;
	}
	if (is_null_scalar(&ev)) {      /* "---" alone, or only comments */
		yaml_event_delete(&ev);
		return true;
	}
	if (ev.type != YAML_SEQUENCE_START_EVENT) {
		fail_at(p, ev.start_mark, "a waiver file is a list of waivers (each line starting \"- \"), not %s",
			event_what(ev.type));
		yaml_event_delete(&ev);
		return false;
	}
	yaml_event_delete(&ev);
	for (;;) {
		if (!next_event(p, &ev))
			return false;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			return true;
		}
		if (!plain_node(p, &ev)) {
			yaml_event_delete(&ev);
			return false;
		}
		if (ev.type != YAML_MAPPING_START_EVENT) {
			fail_at(p, ev.start_mark, "each waiver is a set of 'key: value' lines, not %s",
				event_what(ev.type));
			yaml_event_delete(&ev);
			return false;
		}
		yaml_mark_t start = ev.start_mark;
		yaml_event_delete(&ev);
		if (!parse_entry(p, start))
			return false;
	}
}

static bool parse_stream(struct parse_state *p)
{
	yaml_event_t ev;
	if (!next_event(p, &ev))
		return false;
	yaml_event_delete(&ev);             /* STREAM-START */
	if (!next_event(p, &ev))
		return false;
	if (ev.type == YAML_STREAM_END_EVENT) {   /* an empty file: no waivers */
		yaml_event_delete(&ev);
		return true;
	}
	yaml_event_delete(&ev);             /* DOCUMENT-START */
	if (!parse_document(p))
		return false;
	if (!next_event(p, &ev))
		return false;
	yaml_event_delete(&ev);             /* DOCUMENT-END */
	if (!next_event(p, &ev))
		return false;
	bool ok = ev.type == YAML_STREAM_END_EVENT;
	if (!ok)
		fail_at(p, ev.start_mark, "a second YAML document: a waiver file holds one list");
	yaml_event_delete(&ev);
	return ok;
}

/* The destructor lives with the parser that builds the set. */
void waiver_set_free(struct waiver_set *ws)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->count; i++) {
		struct waiver *w = &ws->waivers[i];
		free(w->check_ref);
		free(w->object);
		free(w->reason);
		free(w->owner);
		free(w->expires);
	}
	free(ws->waivers);
	free(ws->path);
	free(ws);
}

int waiver_file_parse(const char *path, const char *text, size_t len, enum bench_version v,
		      struct waiver_set **ret, char **ret_error)
{
	if (len > WAIVER_FILE_MAX_BYTES) {
		if (ret_error)
			*ret_error = xasprintf("%s: larger than %d bytes; not a waiver file", path,
					       WAIVER_FILE_MAX_BYTES);
		return -EFBIG;
	}
	struct parse_state p = { .path = path, .text = text, .len = len, .version = v };
	p.ws = xcalloc(1, sizeof(*p.ws));
	p.ws->path = xstrdup(path);
	if (!yaml_parser_initialize(&p.parser)) {
		waiver_set_free(p.ws);
		return -ENOMEM;
	}
	yaml_parser_set_input_string(&p.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
	bool ok = parse_stream(&p);
	yaml_parser_delete(&p.parser);
	if (!ok) {
		waiver_set_free(p.ws);
		if (ret_error)
			*ret_error = p.error ? p.error : xasprintf("%s: not a waiver file", path);
		else
			free(p.error);
		return -EINVAL;
	}
	*ret = p.ws;
	return 0;
}
