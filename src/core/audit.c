/* audit.c - runs the selected checks of one benchmark version over the
 * facts.  The scope of a check decides how it runs: once for the host,
 * once per running container, once per image, or only when this node is
 * in a swarm. */
#include "audit.h"
#include "profile.h"

#include <errno.h>
#include <string.h>

#include "host_model.h"
#include "installation.h"

/* "5" selects 5.1 ... 5.32, "1.1" selects 1.1.1 ... 1.1.18, "5.5" itself. */
static bool id_matches(const char *id, const char *pattern)
{
	size_t n = strlen(pattern);
	return strncmp(id, pattern, n) == 0 && (id[n] == '\0' || id[n] == '.');
}

static bool id_matches_any(const char *id, char **patterns)
{
	for (; patterns && *patterns; patterns++)
		if (id_matches(id, *patterns))
			return true;
	return false;
}

bool selection_includes(const struct selection *sel, const struct check *c)
{
	const char *id = check_id(c, sel->version);
	if (!id)
		return false;
	if (sel->profile ? !profile_selects(sel->profile, c) : sel->level == 1 && c->level > 1)
		return false;
	if (sel->only && !id_matches_any(id, sel->only))
		return false;
	if (id_matches_any(id, sel->skip))
		return false;
	return true;
}

static bool pattern_names_a_check(const char *pattern, enum bench_version v)
{
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const char *id = check_id(&sec->checks[i], v);
			if (id && id_matches(id, pattern))
				return true;
		}
	}
	return false;
}

int selection_validate(const struct selection *sel, const char **ret_bad)
{
	char **lists[] = { sel->only, sel->skip };
	for (size_t l = 0; l < ARRAY_SIZE(lists); l++)
		for (char **p = lists[l]; p && *p; p++)
			if (!pattern_names_a_check(*p, sel->version)) {
				*ret_bad = *p;
				return -EINVAL;
			}
	return 0;
}

/* The renderers show the check's manual_note next to a notchecked result,
 * so the result itself carries no text of its own. */
static void report_not_decided(const struct check *c, struct result *r)
{
	(void)c;
	result_set(r, STATUS_NOTCHECKED, NULL);
}

/* The engine as a whole: ok, or why engine checks cannot run.  Returns
 * true when the engine was reached; otherwise fills r. */
static bool engine_reached(const struct facts *f, struct result *r)
{
	const char *why;
	switch (source_status(facts_get(f, "engine"), &why)) {
	case SOURCE_OK:
		return true;
	case SOURCE_ABSENT:
		result_set(r, STATUS_NOTAPPLICABLE, "no Docker engine on this host: %s", why);
		break;
	case SOURCE_ERROR:
		result_set(r, STATUS_ERROR, "cannot query the Docker engine: %s", why);
		break;
	case SOURCE_MISSING:
		result_set(r, STATUS_ERROR, "the facts hold no Docker engine data");
		break;
	}
	result_source(r, "Docker Engine API");
	return false;
}

/* "4 running containers: 1 fail, 1 error, 2 pass": the items' statuses
 * counted, in the order a reader cares about. */
static void summarise_items(struct result *r, const char *what)
{
	static const enum status order[] = {
		STATUS_FAIL, STATUS_ERROR, STATUS_INFORMATIONAL, STATUS_NOTCHECKED,
		STATUS_NOTAPPLICABLE, STATUS_PASS,
	};
	size_t counts[STATUS__MAX] = { 0 };
	for (size_t i = 0; i < r->n_items; i++)
		counts[r->items[i].status]++;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%zu %s:", r->n_items, what);
	const char *sep = " ";
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		if (counts[order[i]]) {
			buf_printf(&b, "%s%zu %s", sep, counts[order[i]], status_name(order[i]));
			sep = ", ";
		}
	result_set(r, r->status, "%s", b.data);
	buf_free(&b);
}

/* Per-container checks run container by container: each container is
 * decoded into its model once, every selected container check reads it,
 * and it is freed before the next one is decoded, so the audit holds one
 * container_model at a time however many containers there are. */
struct pending_check {
	struct check_ctx ctx;
	struct result *r;
};

struct audit_state {
	struct daemon_model daemon;
	struct host_model host;
	struct pending_check *pending;
	size_t n_pending;
};

/* Whether the check runs per container; otherwise r is filled already. */
static bool container_check_ready(const struct check_ctx *ctx, struct result *r)
{
	if (!ctx->check->audit_container) {
		report_not_decided(ctx->check, r);
		return false;
	}
	if (!engine_reached(ctx->facts, r))
		return false;
	const char *why;
	if (source_status(facts_get(ctx->facts, "engine.containers"), &why) != SOURCE_OK) {
		result_set(r, STATUS_ERROR, "cannot list containers: %s", why);
		result_source(r, "GET /containers/json");
		return false;
	}
	return true;
}

static void evaluate_containers(const struct facts *f, const struct audit_state *st)
{
	if (!st->n_pending)
		return;
	struct buf detail = BUF_INIT;
	size_t i;
	const json_t *item;
	json_array_foreach(json_object_get(facts_get(f, "engine.containers"), "items"), i, item) {
		const char *id = json_string_value(json_object_get(item, "id"));
		const char *name = json_string_value(json_object_get(item, "name"));
		const char *reason, *error = NULL;
		if (!name)
			name = id ? id : "(unnamed)";
		if (source_status(item, &reason) != SOURCE_OK)
			error = reason;
		else if (!json_is_object(json_object_get(item, "inspect")))
			error = "no inspect data for this container";
		struct container_model *model = error ? NULL : model_decode_container(item);
		for (size_t k = 0; k < st->n_pending; k++) {
			const struct pending_check *p = &st->pending[k];
			if (!model) {
				result_add_item(p->r, name, id, STATUS_ERROR, error);
				continue;
			}
			buf_reset(&detail);
			enum status s = p->ctx.check->audit_container(&p->ctx, model, &detail);
			result_add_item(p->r, name, id, s, detail.len ? detail.data : NULL);
		}
		container_model_free(model);
	}
	buf_free(&detail);

	for (size_t k = 0; k < st->n_pending; k++) {
		struct result *r = st->pending[k].r;
		r->status = result_status_from_items(r);
		if (r->n_items == 0)
			result_set(r, STATUS_NOTAPPLICABLE, "no running containers");
		else
			summarise_items(r, r->n_items == 1 ? "running container" : "running containers");
		result_source(r, "GET /containers/{id}/json");
	}
}

static void run_image_check(const struct check_ctx *ctx, struct result *r)
{
	const struct check *c = ctx->check;
	const struct image_set *images = ctx->images;
	if (!engine_reached(ctx->facts, r))
		return;
	if (images->source.status != SOURCE_OK) {
		result_set(r, STATUS_ERROR, "cannot list images: %s", images->source.why);
		result_source(r, "GET /images/json");
		return;
	}
	struct buf detail = BUF_INIT;
	for (size_t i = 0; i < images->n; i++) {
		const struct image_model *img = &images->v[i];
		if (img->error) {
			result_add_item(r, img->name, img->id, STATUS_ERROR, img->error);
			continue;
		}
		buf_reset(&detail);
		enum status s = c->audit_image(ctx, img, &detail);
		result_add_item(r, img->name, img->id, s, detail.len ? detail.data : NULL);
	}
	buf_free(&detail);

	r->status = result_status_from_items(r);
	if (r->n_items == 0)
		result_set(r, STATUS_NOTAPPLICABLE, "no images to audit");
	else
		summarise_items(r, r->n_items == 1 ? "image" : "images");
	/* The benchmark audits every image on the host; say which were left out. */
	if (images->not_inspected.known && images->not_inspected.value > 0)
		result_set(r, r->status, "%s%s%lld more listed image(s) that no running container uses "
			   "were not inspected (--all-images inspects them)", r->found ? r->found : "",
			   r->found ? "; " : "", images->not_inspected.value);
	result_source(r, "GET /images/{id}/json and /images/{id}/history");
}

static void run_swarm_check(const struct check_ctx *ctx, struct result *r)
{
	if (!engine_reached(ctx->facts, r))
		return;
	const json_t *swarm = facts_get(ctx->facts, "engine.info.Swarm");
	const char *state = json_dig_string(swarm, "LocalNodeState");
	if (!state) {
		result_set(r, STATUS_ERROR, "the engine did not report its swarm state");
		result_source(r, "GET /info");
		return;
	}
	if (strcmp(state, "active") != 0) {
		result_set(r, STATUS_NOTAPPLICABLE, "swarm mode is not active (state: %s)", state);
		result_source(r, "GET /info: Swarm.LocalNodeState");
		return;
	}
	if (!json_dig_bool(swarm, "ControlAvailable", false)) {
		result_set(r, STATUS_NOTAPPLICABLE,
			   "this node is a swarm worker; audit a manager node for swarm settings");
		result_source(r, "GET /info: Swarm.ControlAvailable");
		return;
	}
	if (ctx->check->audit)
		ctx->check->audit(ctx, r);
	else
		report_not_decided(ctx->check, r);
}

static void run_check(struct audit_state *st, const struct check_ctx *ctx, struct result *r)
{
	const struct check *c = ctx->check;
	switch (c->scope) {
	case SCOPE_CONTAINER:
		if (container_check_ready(ctx, r))
			st->pending[st->n_pending++] = (struct pending_check){ *ctx, r };
		break;
	case SCOPE_SWARM:
		run_swarm_check(ctx, r);
		break;
	case SCOPE_IMAGE:
		if (c->audit_image) {
			run_image_check(ctx, r);
			break;
		}
		/* An image check without a per-image function runs as a host one. */
		/* fall through */
	case SCOPE_HOST:
		if (c->audit)
			c->audit(ctx, r);
		else
			report_not_decided(c, r);
		break;
	}
}

void audit_run(const struct facts *f, const struct selection *sel,
	       const struct audit_options *opts, struct result_set *ret)
{
	size_t total = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		total += registry_sections[s]->count;

	struct audit_state st = { .pending = xcalloc(total + 1, sizeof(*st.pending)) };
	daemon_model_derive(f, &st.daemon);
	struct image_set *images = image_set_decode(f);
	host_model_decode(f, &st.daemon, &st.host);

	memset(ret, 0, sizeof(*ret));
	ret->results = xcalloc(total, sizeof(*ret->results));
	bool no_installation = docker_installation_absent(f);
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			if (!check_id(c, sel->version))
				continue;
			struct result *r = &ret->results[ret->count++];
			result_init(r, c);
			if (!selection_includes(sel, c)) {
				if (sel->profile && !profile_selects(sel->profile, c))
					result_set(r, STATUS_NOTSELECTED, "not selected in profile %s",
						   sel->profile->id);
				else if (!sel->profile && sel->level == 1 && c->level > 1)
					result_set(r, STATUS_NOTSELECTED,
						   "level %u recommendation, outside the level 1 profile",
						   (unsigned)c->level);
				else
					result_set(r, STATUS_NOTSELECTED, "excluded by --check or --skip");
				continue;
			}
			if (no_installation && (sec->needs_installation || c->needs_installation)) {
				result_set(r, STATUS_NOTAPPLICABLE, "%s", INSTALLATION_ABSENT_REASON);
				result_source(r, "dockerd binaries, daemon.json, engine sockets, systemd units, "
						 "processes");
				continue;
			}
			const struct check_ctx ctx = {
				.facts = f, .check = c, .version = sel->version, .options = opts,
				.daemon = &st.daemon, .images = images, .host = &st.host,
			};
			run_check(&st, &ctx, r);
		}
	}
	evaluate_containers(f, &st);
	result_set_count(ret);
	free(st.pending);
	host_model_clear(&st.host);
	daemon_model_clear(&st.daemon);
	image_set_free(images);
}
