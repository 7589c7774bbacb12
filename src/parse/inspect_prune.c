/* inspect_prune.c - the container inspect whitelist (see inspect_prune.h
 * and docs/facts.md).  A member whose rule has no sub-list is kept whole;
 * one with a sub-list keeps, when it is an object, only the listed members
 * (any other shape is kept as it is: the checks report odd shapes). */
#include "inspect_prune.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct keep {
	const char *key;
	const struct keep *sub;    /* NULL: the whole value */
};

static const struct keep host_config[] = {
	{ "Binds", NULL }, { "Mounts", NULL }, { "VolumesFrom", NULL }, { "VolumeDriver", NULL },
	{ "NetworkMode", NULL }, { "PortBindings", NULL }, { "PublishAllPorts", NULL },
	{ "Links", NULL }, { "ExtraHosts", NULL },
	{ "RestartPolicy", NULL }, { "AutoRemove", NULL },
	{ "Privileged", NULL }, { "CapAdd", NULL }, { "CapDrop", NULL }, { "SecurityOpt", NULL },
	{ "Devices", NULL }, { "DeviceCgroupRules", NULL }, { "DeviceRequests", NULL },
	{ "ReadonlyRootfs", NULL }, { "MaskedPaths", NULL }, { "ReadonlyPaths", NULL },
	{ "PidMode", NULL }, { "IpcMode", NULL }, { "UTSMode", NULL }, { "UsernsMode", NULL },
	{ "CgroupnsMode", NULL }, { "Cgroup", NULL }, { "CgroupParent", NULL },
	{ "Memory", NULL }, { "MemoryReservation", NULL }, { "MemorySwap", NULL },
	{ "OomKillDisable", NULL }, { "OomScoreAdj", NULL },
	{ "CpuShares", NULL }, { "CpuQuota", NULL }, { "CpuPeriod", NULL }, { "NanoCpus", NULL },
	{ "CpusetCpus", NULL }, { "PidsLimit", NULL }, { "Ulimits", NULL },
	{ "ShmSize", NULL }, { "Tmpfs", NULL }, { "Sysctls", NULL }, { "Init", NULL },
	{ "Runtime", NULL }, { "Isolation", NULL }, { "LogConfig", NULL }, { "GroupAdd", NULL },
	{ NULL, NULL },
};

static const struct keep config[] = {
	{ "Hostname", NULL }, { "User", NULL }, { "Env", NULL }, { "Cmd", NULL },
	{ "Entrypoint", NULL }, { "Image", NULL }, { "Healthcheck", NULL },
	{ "ExposedPorts", NULL }, { "Volumes", NULL }, { "WorkingDir", NULL },
	{ "StopSignal", NULL },
	{ NULL, NULL },
};

static const struct keep graph_driver[] = {
	{ "Name", NULL },
	{ NULL, NULL },
};

static const struct keep network_settings[] = {
	{ "Ports", NULL }, { "Networks", NULL },
	{ NULL, NULL },
};

static const struct keep inspect[] = {
	{ "Id", NULL }, { "Name", NULL }, { "Created", NULL }, { "Path", NULL }, { "Args", NULL },
	{ "State", NULL }, { "Image", NULL }, { "RestartCount", NULL }, { "Driver", NULL },
	{ "Platform", NULL }, { "MountLabel", NULL }, { "ProcessLabel", NULL },
	{ "AppArmorProfile", NULL }, { "ExecIDs", NULL },
	{ "HostConfig", host_config }, { "GraphDriver", graph_driver }, { "Mounts", NULL },
	{ "Config", config }, { "NetworkSettings", network_settings },
	{ NULL, NULL },
};

/* What the typed container model (src/facts/model.c) and the collector
 * (src/collect/engine_collect.c) read of an inspect: a subset of the
 * above, for an audit that keeps no facts. */
static const struct keep host_config_model[] = {
	{ "Binds", NULL }, { "Mounts", NULL }, { "NetworkMode", NULL }, { "PortBindings", NULL },
	{ "PublishAllPorts", NULL }, { "RestartPolicy", NULL }, { "Privileged", NULL },
	{ "CapAdd", NULL }, { "CapDrop", NULL }, { "SecurityOpt", NULL }, { "Devices", NULL },
	{ "ReadonlyRootfs", NULL }, { "PidMode", NULL }, { "IpcMode", NULL }, { "UTSMode", NULL },
	{ "UsernsMode", NULL }, { "CgroupParent", NULL }, { "Memory", NULL }, { "CpuShares", NULL },
	{ "CpuQuota", NULL }, { "NanoCpus", NULL }, { "PidsLimit", NULL }, { "Ulimits", NULL },
	{ NULL, NULL },
};

static const struct keep config_model[] = {
	{ "User", NULL }, { "Image", NULL }, { "Healthcheck", NULL },
	{ NULL, NULL },
};

static const struct keep nothing[] = {
	{ NULL, NULL },
};

/* Of the networks, whether the default bridge is one (its settings are
 * not read). */
static const struct keep networks_model[] = {
	{ "bridge", nothing },
	{ NULL, NULL },
};

static const struct keep network_settings_model[] = {
	{ "Ports", NULL }, { "Networks", networks_model },
	{ NULL, NULL },
};

static const struct keep inspect_model[] = {
	{ "Name", NULL }, { "State", NULL }, { "Image", NULL }, { "ProcessLabel", NULL },
	{ "AppArmorProfile", NULL }, { "ExecIDs", NULL }, { "HostConfig", host_config_model },
	{ "Mounts", NULL }, { "Config", config_model }, { "NetworkSettings", network_settings_model },
	{ NULL, NULL },
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

/* ---- inspect_parse(): the whitelist applied before jansson builds ----
 *
 * A single pass over the response checks that the whole of it is JSON and
 * copies out only the members the rules keep; jansson then parses that
 * shorter text.  Building the dropped members (about 40% of an inspect)
 * only to delete them was most of the time an audit spends per container.
 * Anything the pass does not vouch for (a key with an escape, \u0000, a
 * number jansson might find out of range, very deep nesting, any syntax
 * error) goes to jansson whole, which then decides and says why. */

#define SKIM_MAX_DEPTH 1024      /* below jansson's 2048: deeper goes to jansson */
#define SKIM_NUMBER_MAX 18       /* longer numbers go to jansson (int64 and double range) */

struct skim {
	const char *p;
	const char *end;
	struct buf out;
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
static bool skim_string(struct skim *s)
{
	const unsigned char *p = (const unsigned char *)s->p + 1;
	const unsigned char *end = (const unsigned char *)s->end;

	while (p < end) {
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
			unsigned v, w;
			if (*p != 'u' || !hex4(p + 1, end, &v) || v == 0 || (v >= 0xDC00 && v <= 0xDFFF))
				return false;
			p += 5;
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, end, &w) ||
				    w < 0xDC00 || w > 0xDFFF)
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

static bool skim_value(struct skim *s, const struct keep *sub, bool emit);

static const struct keep *rule_match(const struct keep *rules, const char *key, size_t n)
{
	for (; rules->key; rules++)
		if (rules->key[0] == key[0] && strncmp(rules->key, key, n) == 0 && rules->key[n] == '\0')
			return rules;
	return NULL;
}

/* At '{'.  With rules: copies the members they keep; without: only checks. */
static bool skim_object(struct skim *s, const struct keep *rules)
{
	if (++s->depth > SKIM_MAX_DEPTH)
		return false;
	s->p++;
	if (rules)
		buf_append(&s->out, "{", 1);
	bool first = true;
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
			if (!first)
				buf_append(&s->out, ",", 1);
			first = false;
			buf_append(&s->out, key, klen);
			buf_append(&s->out, ":", 1);
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
		buf_append(&s->out, "}", 1);
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
		buf_append(&s->out, start, (size_t)(s->p - start));
	return ok;
}

/* At '[': each object element filtered by rules, anything else copied. */
static bool skim_list(struct skim *s, const struct keep *rules)
{
	s->depth++;
	s->p++;
	buf_append(&s->out, "[", 1);
	skim_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		goto done;
	}
	for (bool first = true;; first = false) {
		skim_ws(s);
		if (!first)
			buf_append(&s->out, ",", 1);
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
	buf_append(&s->out, "]", 1);
	s->depth--;
	return true;
}

/* The skim of a whole document: an object (or, with `list`, an array of
 * objects) filtered by rules; NULL when jansson must decide. */
static json_t *skim_parse(const char *data, size_t len, const struct keep *rules, bool list,
			  json_error_t *error)
{
	struct skim s = { data, data + len, BUF_INIT, 0 };
	/* The kept part is never longer than the whole. */
	s.out.data = xmalloc(len + 2);
	s.out.cap = len + 2;
	json_t *doc = NULL;
	skim_ws(&s);
	if (s.p < s.end && *s.p == (list ? '[' : '{') &&
	    (list ? skim_list(&s, rules) : skim_object(&s, rules))) {
		skim_ws(&s);
		if (s.p == s.end)
			doc = json_loadb(s.out.data, s.out.len, 0, error);
	}
	buf_free(&s.out);
	return doc;
}

static json_t *parse_pruned(const char *data, size_t len, const struct keep *rules,
			    json_error_t *error)
{
	json_t *doc = skim_parse(data, len, rules, false, error);
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

json_t *inspect_parse_for_model(const char *data, size_t len, json_error_t *error)
{
	return parse_pruned(data, len, inspect_model, error);
}

/* What the model reads of an exec instance's inspect (the engine nests
 * the settings in ProcessConfig; the flat spelling is read too). */
static const struct keep process_config_model[] = {
	{ "entrypoint", NULL }, { "user", NULL }, { "privileged", NULL },
	{ NULL, NULL },
};

static const struct keep exec_model[] = {
	{ "ID", NULL }, { "User", NULL }, { "Privileged", NULL },
	{ "ProcessConfig", process_config_model },
	{ NULL, NULL },
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
	{ "Id", NULL }, { "Names", NULL }, { "State", NULL }, { "ImageID", NULL },
	{ NULL, NULL },
};

json_t *container_list_parse(const char *data, size_t len, json_error_t *error)
{
	json_t *doc = skim_parse(data, len, list_entry, true, error);
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
