/* sprawl_checks.c - 6.1 and 6.2: too many unused images or stopped
 * containers, by the counts of the typed image set (image_model.h) and
 * the thresholds the user sets (--image-sprawl-threshold and friends). */
#include "sprawl_checks.h"

#include "evidence.h"

#include "pure.h"        /* last: no I/O below this line */

static bool count_known(struct maybe_int v)
{
	return v.known && v.value >= 0;
}

void audit_image_sprawl(const struct check_ctx *ctx, struct result *r)
{
	const struct image_set *images = ctx->images;
	if (!engine_part_ready(&images->engine, &images->source, "engine.images", "GET /images/json", r))
		return;
	long threshold = ctx->options ? ctx->options->image_sprawl_threshold : 100;
	result_expect(r, "at most %ld images used by no container", threshold);
	if (!count_known(images->unused_count) || !count_known(images->total)) {
		result_set(r, STATUS_ERROR, "the image counts were not collected");
		return;
	}
	long long unused = images->unused_count.value;
	result_set(r, unused > threshold ? STATUS_FAIL : STATUS_PASS,
		   "%lld of %lld image(s) are used by no container (threshold %ld)", unused,
		   images->total.value, threshold);
}

void audit_container_sprawl(const struct check_ctx *ctx, struct result *r)
{
	const struct container_counts *all = &ctx->images->containers;
	if (!engine_part_ready(&ctx->images->engine, &all->source, "engine.containers_all",
			       "GET /containers/json?all=1", r))
		return;
	long threshold = ctx->options ? ctx->options->container_sprawl_threshold : 25;
	result_expect(r, "at most %ld stopped containers", threshold);
	if (!count_known(all->stopped) || !count_known(all->total)) {
		result_set(r, STATUS_ERROR, "the container counts were not collected");
		return;
	}
	struct buf names = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < all->stopped_names.n; i++)
		evidence_list_add(&names, &n, "%s", all->stopped_names.v[i]);
	evidence_list_finish(&names, n);
	long long stopped = all->stopped.value;
	result_set(r, stopped > threshold ? STATUS_FAIL : STATUS_PASS,
		   "%lld of %lld container(s) are stopped (threshold %ld)%s%s", stopped,
		   all->total.value, threshold, n ? ": " : "", names.data);
	buf_free(&names);
}
