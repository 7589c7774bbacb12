/* audit.c - runs the selected checks of one benchmark version over the
 * facts.  The scope of a check decides how it runs: once for the host,
 * once per container (running ones; stopped ones too for the checks marked
 * stopped_too), once per image, or only when this node is in a swarm. */
#include "audit.h"
#include "profile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_model.h"
#include "installation.h"
#include "string_pool.h"

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

/* A per-object result once every object has its item: the status from
 * the items, the count as what was found ("none" when there are none). */
static void conclude_per_object(struct result *r, const char *none, const char *one,
				const char *many, const char *source)
{
	r->status = result_status_from_items(r);
	if (r->n_items == 0)
		result_set(r, STATUS_NOTAPPLICABLE, "%s", none);
	else
		summarise_items(r, r->n_items == 1 ? one : many);
	result_source(r, "%s", source);
}

/* Per-container checks run container by container: each container is
 * decoded into its model once, every selected container check reads it,
 * and it is freed before the next one is decoded, so the audit holds one
 * container_model at a time however many containers there are.  A live
 * audit is fed each container as its inspect (with its process list, exec
 * instances and current image) is complete, in list order, while the
 * collector is still working (include/collect.h, container_sink); only the
 * result items stay.  Whether the container checks could run at all (the
 * engine reached, the list read) is known only at the end: audit_finish()
 * then keeps the items or replaces them with the reason. */
struct audit {
	struct selection sel;
	const struct audit_options *opts;
	struct result_set rs;          /* one result per check of sel.version, in registry order */
	struct daemon_model daemon;
	struct host_model host;
	bool daemon_derived;
	struct image_set *images;      /* decoded in audit_finish(): engine.images comes last */
	size_t *container_checks;      /* indices into rs.results of the checks fed per container */
	size_t n_container_checks;
	size_t n_stopped_checks;       /* how many of them judge stopped containers too */
	struct buf detail;
};

/* What the container checks read of the daemon model comes from host.*
 * and engine.info, which the collector has complete before the first
 * container's inspect is asked, so a live audit derives it then.  The rest
 * of the model (the networks, the swarm) is collected later: audit_finish()
 * derives it again over the complete facts for the host and swarm checks.
 * (The host model reads "collected", written after the collection: it is
 * decoded in audit_finish() too.) */
static void derive_daemon(struct audit *a, const struct facts *f)
{
	if (!a->daemon_derived)
		daemon_model_derive(f, &a->daemon);
	a->daemon_derived = true;
}

struct audit *audit_begin(const struct selection *sel, const struct audit_options *opts)
{
	size_t total = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		total += registry_sections[s]->count;
	struct audit *a = xcalloc(1, sizeof(*a));
	a->sel = *sel;
	a->opts = opts;
	a->rs.results = xcalloc(total ? total : 1, sizeof(*a->rs.results));
	a->rs.strings = string_pool_new();
	a->container_checks = xcalloc(total ? total : 1, sizeof(*a->container_checks));
	a->detail = (struct buf)BUF_INIT;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			if (!check_id(c, sel->version))
				continue;
			size_t k = a->rs.count++;
			result_init(&a->rs.results[k], c);
			if (c->scope == SCOPE_CONTAINER && c->audit_container && selection_includes(sel, c)) {
				a->container_checks[a->n_container_checks++] = k;
				a->n_stopped_checks += c->stopped_too;
			}
		}
	}
	return a;
}

void audit_expect_containers(struct audit *a, size_t n)
{
	for (size_t k = 0; k < a->n_container_checks; k++)
		result_reserve_items(&a->rs.results[a->container_checks[k]], n);
}

/* The state of a container that is not running, from its item's "state"
 * (the container list's State: "exited", "created", "dead", ...), else
 * NULL: running, paused or restarting (what docker ps lists without
 * --all), or an item from a bundle that predates "state", which held
 * running containers only. */
static const char *stopped_state(const json_t *item)
{
	static const char *const running[] = { "running", "paused", "restarting", NULL };
	const char *state = json_string_value(json_object_get(item, "state"));
	return state && !str_in_list(state, running) ? state : NULL;
}

void audit_container(struct audit *a, const struct facts *f, const json_t *item,
		     const json_t *image_inspect)
{
	audit_container_decoded(a, f, item, NULL, image_inspect);
}

void audit_container_decoded(struct audit *a, const struct facts *f, const json_t *item,
			     const struct jnode *inspect, const json_t *image_inspect)
{
	const char *stopped = stopped_state(item);
	if (!a->n_container_checks || (stopped && (!a->n_stopped_checks || a->sel.running_only)))
		return;
	derive_daemon(a, f);
	const char *id = json_string_value(json_object_get(item, "id"));
	const char *name = json_string_value(json_object_get(item, "name"));
	const char *reason, *error = NULL;
	if (!name)
		name = id ? id : "(unnamed)";
	/* Every check's item names the container: one copy for all of them,
	 * and one of each evidence line that reads the same for many. */
	struct string_pool *pool = a->rs.strings;
	const char *object = string_pool_clean_line(pool, name);
	const char *shared_id = id ? string_pool_clean_line(pool, id) : NULL;
	const char *state = stopped ? string_pool_clean_line(pool, stopped) : NULL;
	if (stopped)
		image_inspect = NULL;      /* no check that reads it judges a stopped container */
	if (source_status(item, &reason) != SOURCE_OK)
		error = reason;
	else if (!json_is_object(json_object_get(item, "inspect")))
		error = "no inspect data for this container";
	struct container_model *model =
		error ? NULL
		: inspect ? model_decode_container_tape(item, inspect, image_inspect)
			  : model_decode_container(item, image_inspect);
	for (size_t k = 0; k < a->n_container_checks; k++) {
		struct result *r = &a->rs.results[a->container_checks[k]];
		if (stopped && !r->check->stopped_too)
			continue;
		if (!model) {
			result_add_item_shared(r, object, shared_id, STATUS_ERROR,
					       string_pool_clean(pool, error))->state = state;
			continue;
		}
		/* No ctx->images nor ctx->host: a live audit has not collected
		 * all they read yet (container checks read the model). */
		const struct check_ctx ctx = {
			.facts = f, .check = r->check, .version = a->sel.version, .options = a->opts,
			.daemon = &a->daemon,
		};
		buf_reset(&a->detail);
		enum status s = r->check->audit_container(&ctx, model, &a->detail);
		result_add_item_shared(r, object, shared_id, s,
				       a->detail.len ? string_pool_clean(pool, a->detail.data) : NULL)
			->state = state;
	}
	container_model_free(model);
}

/* Whether the check ran per container; otherwise r is filled with why not
 * (and holds no items). */
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

/* A container check's items at the end of the audit: summarised, or
 * dropped when the engine turned out unusable.  A check that judges
 * stopped containers too counts them ("3 containers, 1 stopped: ...") and
 * names those removed before their inspect; over running containers
 * alone it reads as the others do. */
static void conclude_containers(const struct check_ctx *ctx, const struct selection *sel,
				struct result *r)
{
	if (!container_check_ready(ctx, r)) {
		result_drop_items(r);
		return;
	}
	const char *source = "GET /containers/{id}/json";
	if (!ctx->check->stopped_too) {
		conclude_per_object(r, "no running containers", "running container",
				    "running containers", source);
		return;
	}
	size_t stopped = 0;
	for (size_t i = 0; i < r->n_items; i++)
		stopped += r->items[i].state != NULL;
	const json_t *containers = facts_get(ctx->facts, "engine.containers");
	bool running_only = sel->running_only ||
			    json_is_false(json_object_get(containers, "stopped_inspected"));
	if (!stopped) {
		conclude_per_object(r, running_only ? "no running containers" : "no containers",
				    "running container", "running containers", source);
	} else {
		char one[64], many[64];
		snprintf(one, sizeof(one), "container (%zu stopped)", stopped);
		snprintf(many, sizeof(many), "containers (%zu stopped)", stopped);
		conclude_per_object(r, "no containers", one, many, source);
	}
	const json_t *removed = json_object_get(containers, "removed");
	size_t n_removed = running_only ? 0 : json_array_size(removed);
	if (n_removed) {
		struct buf names = BUF_INIT;
		size_t i;
		const json_t *name;
		json_array_foreach(removed, i, name) {
			if (i == 10) {
				buf_printf(&names, ", ... (%zu in all)", n_removed);
				break;
			}
			char *clean = utf8_sanitize_line(json_is_string(name) ? json_string_value(name) : "?");
			buf_printf(&names, "%s%s", i ? ", " : "", clean);
			free(clean);
		}
		result_set(r, r->status, "%s; %zu stopped container(s) removed before their inspect, "
			   "not judged: %s", r->found ? r->found : "", n_removed, names.data);
		buf_free(&names);
	}
	if (running_only)
		result_set(r, r->status, "%s; stopped containers not judged (--containers running)",
			   r->found ? r->found : "");
}

/* A container check at the end of the audit: its containers concluded,
 * then its host-wide part (check.h), which settles the result. */
static void finish_container_check(const struct check_ctx *ctx, const struct selection *sel,
				   struct result *r)
{
	conclude_containers(ctx, sel, r);
	if (ctx->check->audit && ctx->check->audit_container)
		ctx->check->audit(ctx, r);
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

	conclude_per_object(r, "no images to audit", "image", "images",
			    "GET /images/{id}/json and /images/{id}/history");
	/* The benchmark audits every image on the host; say which were left out. */
	if (images->not_inspected.known && images->not_inspected.value > 0)
		result_set(r, r->status, "%s%s%lld more listed image(s) that no running container uses "
			   "were not inspected (--all-images inspects them)", r->found ? r->found : "",
			   r->found ? "; " : "", images->not_inspected.value);
}

static void run_swarm_check(const struct check_ctx *ctx, struct result *r)
{
	if (!engine_reached(ctx->facts, r))
		return;
	/* The swarm state as the daemon model decoded it from GET /info. */
	const struct swarm_model *swarm = &ctx->daemon->swarm;
	const char *state = swarm->local_node_state;
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
	if (!swarm->control_available) {
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

static void run_check(const struct check_ctx *ctx, const struct selection *sel, struct result *r)
{
	const struct check *c = ctx->check;
	switch (c->scope) {
	case SCOPE_CONTAINER:
		finish_container_check(ctx, sel, r);
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

void audit_finish(struct audit *a, const struct facts *f, struct result_set *ret)
{
	const struct selection *sel = &a->sel;
	if (a->daemon_derived)
		daemon_model_clear(&a->daemon);
	a->daemon_derived = false;
	derive_daemon(a, f);
	bool no_installation = docker_installation_absent(f);
	a->images = image_set_decode(f);
	host_model_decode(f, &a->daemon, &a->host);
	for (size_t k = 0; k < a->rs.count; k++) {
		struct result *r = &a->rs.results[k];
		const struct check *c = r->check;
		const struct check_section *sec = check_section_of(c);
		if (!selection_includes(sel, c)) {
			result_clear(r);
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
			result_clear(r);
			result_set(r, STATUS_NOTAPPLICABLE, "%s", INSTALLATION_ABSENT_REASON);
			result_source(r, "dockerd binaries, daemon.json, engine sockets, systemd units, "
					 "processes");
			continue;
		}
		const struct check_ctx ctx = {
			.facts = f, .check = c, .version = sel->version, .options = a->opts,
			.daemon = &a->daemon, .images = a->images, .host = &a->host,
		};
		run_check(&ctx, sel, r);
	}
	*ret = a->rs;
	result_set_count(ret);
	host_model_clear(&a->host);
	daemon_model_clear(&a->daemon);
	image_set_free(a->images);
	buf_free(&a->detail);
	free(a->container_checks);
	free(a);
}

void audit_run(const struct facts *f, const struct selection *sel,
	       const struct audit_options *opts, struct result_set *ret)
{
	struct audit *a = audit_begin(sel, opts);
	/* Each container's image among engine.images, by id: its inspect
	 * whenever it was read, as the live audit hands it over, even where
	 * the item is an error for a later request (its history). */
	json_t *images = json_object();
	size_t i;
	const json_t *item;
	json_array_foreach(json_object_get(facts_get(f, "engine.images"), "items"), i, item) {
		const char *id = json_string_value(json_object_get(item, "id"));
		const json_t *inspect = json_object_get(item, "inspect");
		if (id && !json_object_get(images, id) && json_is_object(inspect))
			json_object_set(images, id, (json_t *)inspect);
	}
	const json_t *containers = json_object_get(facts_get(f, "engine.containers"), "items");
	audit_expect_containers(a, json_array_size(containers));
	json_array_foreach(containers, i, item) {
		const char *image = json_dig_string(item, "inspect.Image");
		audit_container(a, f, item, image && !stopped_state(item) ? json_object_get(images, image)
									   : NULL);
	}
	json_decref(images);
	audit_finish(a, f, ret);
}
