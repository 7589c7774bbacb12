/* fuzz_inspect_parse.c - inspect_parse(), exec_parse_for_model(),
 * json_parse_skimmed() and container_list_parse() (the whitelists applied while parsing) against
 * what they replace, json_loadb() then pruning: the same document, or the
 * same error at the same place, for any input.  And inspect_parse_tape(),
 * the live audit's parse straight into the model's tape: the same document
 * and errors, and the same container model as model_decode_container()
 * decodes from the pruned tree (--facts). */
#include "fuzz.h"

#include <stdlib.h>

#include "inspect_prune.h"
#include "json_tape.h"
#include "model.h"

/* A /containers/json entry as the collector reads it. */
static void list_prune(json_t *list)
{
	static const char *const keep[] = { "Id", "Names", "State", "ImageID", NULL };
	size_t i;
	json_t *entry;
	json_array_foreach(list, i, entry) {
		const char *key;
		json_t *v;
		void *tmp;
		json_object_foreach_safe(entry, tmp, key, v) {
			if (!str_in_list(key, keep))
				json_object_del(entry, key);
		}
	}
}

static void same(json_t *fast, const json_error_t *e1, json_t *slow, const json_error_t *e2)
{
	if (!fast != !slow)
		abort();
	if (fast && !json_equal(fast, slow))
		abort();
	if (!fast && (e1->line != e2->line || e1->column != e2->column || strcmp(e1->text, e2->text) != 0))
		abort();
	json_decref(fast);
	json_decref(slow);
}

static char *describe(const struct container_model *c)
{
	struct buf b = BUF_INIT;
	container_model_describe(c, &b);
	container_model_free((struct container_model *)c);
	return buf_steal(&b);
}

static void same_tape(struct jtape *fast, const json_error_t *e1, json_t *slow,
		      const json_error_t *e2)
{
	if (!fast != !slow)
		abort();
	if (!fast) {
		if (e1->line != e2->line || e1->column != e2->column || strcmp(e1->text, e2->text) != 0)
			abort();
		return;
	}
	json_t *tree = jnode_to_json(jtape_root(fast));
	if (!json_equal(tree, slow))
		abort();
	json_decref(tree);
	if (json_is_object(slow)) {
		json_t *item = json_pack("{s:s,s:s,s:O}", "id", "0123", "name", "web", "inspect", slow);
		char *want = describe(model_decode_container(item, NULL));
		char *got = describe(model_decode_container_tape(item, jtape_root(fast), NULL));
		if (strcmp(want, got) != 0)
			abort();
		free(want);
		free(got);
		json_decref(item);
	}
	jtape_free(fast);
	json_decref(slow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* engine.c hands parsers a NUL-terminated body */
	char *text = fuzz_strdup(data, size);
	json_error_t e1, e2;
	json_t *fast = inspect_parse(text, size, &e1);
	json_t *slow = json_loadb(text, size, JSON_DECODE_ANY, &e2);
	inspect_prune(slow);
	same(fast, &e1, slow, &e2);

	struct jtape *tape = inspect_parse_tape(text, size, &e1);
	slow = json_loadb(text, size, JSON_DECODE_ANY, &e2);
	inspect_prune_to_model(slow);
	same_tape(tape, &e1, slow, &e2);

	fast = exec_parse_for_model(text, size, &e1);
	slow = json_loadb(text, size, JSON_DECODE_ANY, &e2);
	exec_prune_to_model(slow);
	same(fast, &e1, slow, &e2);

	fast = json_parse_skimmed(text, size, &e1);
	slow = json_loadb(text, size, JSON_DECODE_ANY, &e2);
	same(fast, &e1, slow, &e2);

	fast = container_list_parse(text, size, &e1);
	slow = json_loadb(text, size, JSON_DECODE_ANY, &e2);
	list_prune(slow);
	same(fast, &e1, slow, &e2);
	free(text);
	return 0;
}
