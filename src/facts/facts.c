/* facts.c - the facts document: create, load, save, and safe accessors. */
#include "facts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "file_read.h"
#include "inspect_prune.h"
#include "util.h"

#define FACTS_MAX_BYTES (512u * 1024 * 1024)

struct facts *facts_new(void)
{
	struct facts *f = xcalloc(1, sizeof(*f));
	f->root = json_pack("{s:s}", "schema", FACTS_SCHEMA);
	if (!f->root)
		abort();
	return f;
}

void facts_free(struct facts *f)
{
	if (!f)
		return;
	json_decref(f->root);
	free(f);
}

/* A bundle read back holds what a live audit would have kept: the
 * collector prunes each inspect as it arrives (inspect_parse()), so a
 * bundle written by hand or by an older dockaudit is pruned the same way
 * here, and a check that reads a field the collector drops fails its
 * cases instead of passing them on data no live audit has. */
static void prune_container_inspects(json_t *root)
{
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(json_object_get(json_object_get(root, "engine"),
							   "containers"), "items"), i, item)
		inspect_prune(json_object_get(item, "inspect"));
}

int facts_load_buffer(const char *data, size_t len, struct facts **ret_facts, char **ret_error)
{
	json_error_t err;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		if (ret_error)
			*ret_error = xasprintf("not valid JSON at line %d, column %d: %s", err.line,
					       err.column, err.text);
		return -EINVAL;
	}
	const char *schema = json_string_value(json_object_get(root, "schema"));
	if (!json_is_object(root) || !schema || strcmp(schema, FACTS_SCHEMA) != 0) {
		json_decref(root);
		if (ret_error)
			*ret_error = xasprintf("not a facts bundle (expected \"schema\": \"%s\")",
					       FACTS_SCHEMA);
		return -EINVAL;
	}
	prune_container_inspects(root);
	struct facts *f = xcalloc(1, sizeof(*f));
	f->root = root;
	*ret_facts = f;
	return 0;
}

int facts_load(const char *path, struct facts **ret_facts, char **ret_error)
{
	struct buf b = BUF_INIT;
	mode_t mode = 0;
	int r = read_regular_file(path, FACTS_MAX_BYTES, &b, &mode);
	if (r == -EINVAL || r == -EFBIG) {
		if (ret_error)
			*ret_error = read_regular_error(r, FACTS_MAX_BYTES, mode);
		r = -EINVAL;
	}
	if (r == 0)
		r = facts_load_buffer(b.data ? b.data : "", b.len, ret_facts, ret_error);
	buf_free(&b);
	return r;
}

char *facts_dump(const struct facts *f)
{
	char *s = json_dumps(f->root, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (!s)
		abort();
	return s;
}

const json_t *json_dig(const json_t *obj, const char *dotted_path)
{
	const char *p = dotted_path;
	char key[DOTTED_KEY_MAX];
	int r;
	while (obj && (r = dotted_path_next(&p, key)) != 0) {
		if (r < 0 || !json_is_object(obj))
			return NULL;
		obj = json_object_get(obj, key);
	}
	return obj;
}

const char *json_dig_string(const json_t *obj, const char *dotted_path)
{
	return json_string_value(json_dig(obj, dotted_path));
}

bool json_dig_bool(const json_t *obj, const char *dotted_path, bool fallback)
{
	const json_t *v = json_dig(obj, dotted_path);
	return json_is_boolean(v) ? json_is_true(v) : fallback;
}

long long json_dig_int(const json_t *obj, const char *dotted_path, long long fallback)
{
	const json_t *v = json_dig(obj, dotted_path);
	return json_is_integer(v) ? (long long)json_integer_value(v) : fallback;
}

const json_t *facts_get(const struct facts *f, const char *dotted_path)
{
	return f ? json_dig(f->root, dotted_path) : NULL;
}

enum source_status source_status(const json_t *source, const char **ret_reason)
{
	const char *reason = "not collected";
	enum source_status s = SOURCE_MISSING;
	const char *st = json_string_value(json_object_get(source, "status"));

	if (json_is_object(source) && st) {
		const char *e = json_string_value(json_object_get(source, "error"));
		if (strcmp(st, "ok") == 0) {
			s = SOURCE_OK;
			reason = "";
		} else if (strcmp(st, "absent") == 0) {
			s = SOURCE_ABSENT;
			reason = e ? e : "absent";
		} else if (strcmp(st, "error") == 0) {
			s = SOURCE_ERROR;
			reason = e ? e : "unknown error";
		} else
			reason = "malformed source status";
	}
	if (ret_reason)
		*ret_reason = reason;
	return s;
}

const json_t *facts_file(const struct facts *f, const char *path)
{
	const json_t *files = facts_get(f, "host.files");
	return json_is_object(files) ? json_object_get(files, path) : NULL;
}

json_t *source_new_ok(void)
{
	return json_pack("{s:s}", "status", "ok");
}

json_t *source_new_absent(const char *reason)
{
	return json_pack("{s:s,s:s}", "status", "absent", "error", reason ? reason : "absent");
}

json_t *source_new_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	char *clean = utf8_sanitize_line(msg);
	json_t *j = json_pack("{s:s,s:s}", "status", "error", "error", clean);
	free(msg);
	free(clean);
	return j;
}
