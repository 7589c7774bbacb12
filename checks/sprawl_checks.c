/* sprawl_checks.c - 6.1 and 6.2: too many unused images or stopped
 * containers, by the counts the engine collection records and the
 * thresholds the user sets (--image-sprawl-threshold and friends). */
#include "sprawl_checks.h"

#include "evidence.h"

#include "pure.h"        /* last: no I/O below this line */

/* A count field of a source; -1 when missing or not a number. */
static long long count_of(const json_t *src, const char *key)
{
	const json_t *v = json_object_get(src, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 ? json_integer_value(v) : -1;
}

void audit_image_sprawl(const struct check_ctx *ctx, struct result *r)
{
	const json_t *images = engine_source_get(ctx, "engine.images", "GET /images/json", r);
	if (!images)
		return;
	long long unused = count_of(images, "unused_count");
	long long total = count_of(images, "total");
	long threshold = ctx->options ? ctx->options->image_sprawl_threshold : 100;
	result_expect(r, "at most %ld images used by no container", threshold);
	if (unused < 0 || total < 0) {
		result_set(r, STATUS_ERROR, "the image counts were not collected");
		return;
	}
	result_set(r, unused > threshold ? STATUS_FAIL : STATUS_PASS,
		   "%lld of %lld image(s) are used by no container (threshold %ld)", unused, total,
		   threshold);
}

void audit_container_sprawl(const struct check_ctx *ctx, struct result *r)
{
	const json_t *all = engine_source_get(ctx, "engine.containers_all",
					      "GET /containers/json?all=1", r);
	if (!all)
		return;
	long long stopped = count_of(all, "stopped");
	long long total = count_of(all, "total");
	long threshold = ctx->options ? ctx->options->container_sprawl_threshold : 25;
	result_expect(r, "at most %ld stopped containers", threshold);
	if (stopped < 0 || total < 0) {
		result_set(r, STATUS_ERROR, "the container counts were not collected");
		return;
	}
	struct buf names = BUF_INIT;
	size_t n = 0, i;
	const json_t *name;
	json_array_foreach(json_object_get(all, "stopped_names"), i, name)
		if (json_string_value(name))
			evidence_list_add(&names, &n, "%s", json_string_value(name));
	evidence_list_finish(&names, n);
	result_set(r, stopped > threshold ? STATUS_FAIL : STATUS_PASS,
		   "%lld of %lld container(s) are stopped (threshold %ld)%s%s", stopped, total,
		   threshold, n ? ": " : "", names.data);
	buf_free(&names);
}
