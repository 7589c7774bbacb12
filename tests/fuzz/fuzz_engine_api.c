/* fuzz_engine_api.c - Engine API answers of any shape, placed in the facts
 * the way collect_engine() places them, then the whole audit and all three
 * renderers over them: every check meets hostile documents.
 *
 * The input is split on FUZZ_SEP into the bodies of GET /version, /info,
 * the container inspects (a JSON array of inspect documents, or one
 * document), /networks, /images/json and /swarm.  A body that is not JSON
 * becomes an "error" source, as the client reports it. */
#include "fuzz.h"

#include "facts.h"
#include "host_text.h"

static json_t *parse(const uint8_t *p, size_t len)
{
	return json_loadb((const char *)p, len, JSON_DECODE_ANY, NULL);
}

static json_t *error_source(void)
{
	return source_new_error("response is not JSON");
}

/* /version, /info, /swarm: the object itself with "status" added. */
static json_t *object_source(json_t *doc)
{
	if (!json_is_object(doc)) {
		json_decref(doc);
		return source_new_error("unexpected response: not a JSON object");
	}
	json_object_set_new(doc, "status", json_string("ok"));
	return doc;
}

/* Lists: {"status":"ok","items":DOC}, whatever DOC is (a saved facts file
 * can hold anything, and the checks must cope). */
static json_t *list_source(json_t *doc)
{
	json_t *s = source_new_ok();
	json_object_set_new(s, "items", doc);
	return s;
}

static json_t *container_item(json_t *inspect, size_t i)
{
	const char *id = json_string_value(json_object_get(inspect, "Id"));
	const char *name = json_string_value(json_object_get(inspect, "Name"));
	char fallback[65];
	snprintf(fallback, sizeof(fallback), "%064zx", i);
	json_t *item = source_new_ok();
	json_object_set_new(item, "id", json_host_string(id ? id : fallback));
	json_object_set_new(item, "name", json_host_string(name ? (name[0] == '/' ? name + 1 : name)
								 : "unnamed"));
	json_object_set_new(item, "inspect", inspect);
	return item;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "version", "info", "containers", "networks", "images",
					     "swarm" };
	json_t *engine = source_new_ok();
	json_object_set_new(engine, "endpoint", json_string("unix:///var/run/docker.sock"));
	json_object_set_new(engine, "api_version", json_string("1.41"));

	const uint8_t *p = data, *end = data + size, *part;
	size_t len;
	for (size_t k = 0; k < ARRAY_SIZE(names) && fuzz_next_part(&p, end, &part, &len); k++) {
		json_t *doc = parse(part, len);
		json_t *src;
		if (!doc) {
			src = error_source();
		} else if (k == 0 || k == 1 || k == 5) {
			src = object_source(doc);
		} else if (k == 2) {
			json_t *items = json_array();
			if (json_is_array(doc)) {
				size_t i;
				json_t *v;
				json_array_foreach(doc, i, v)
					json_array_append_new(items, container_item(json_incref(v), i));
				json_decref(doc);
			} else {
				json_array_append_new(items, container_item(doc, 0));
			}
			src = list_source(items);
		} else {
			src = list_source(doc);
		}
		json_object_set_new(engine, names[k], src);
	}

	struct facts *f = facts_new();
	json_object_set_new(f->root, "engine", engine);
	json_object_set_new(f->root, "collected", json_pack("{s:s,s:s}", "root", "/", "hostname",
							    "fuzz"));
	fuzz_audit_and_render(f, (enum bench_version)(size % BENCH__MAX), NULL);
	facts_free(f);
	return 0;
}
