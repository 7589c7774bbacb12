/* engine_collect.c - the "engine.*" facts, endpoint by endpoint, over one
 * engine client (a few keep-alive connections) and within its deadline.
 *
 * Requests, in order (N running containers, E exec instances, R distinct
 * image references, U distinct images those containers use):
 *   /info, /containers/json?all=1 (one list serves engine.containers and
 *   engine.containers_all), per running container its inspect and, unless
 *   this host's /proc shows its processes (proc_table.h), its /top,
 *   /exec/{id}/json per exec instance, /images/json, /images/{ref}/json per
 *   reference, /images/{id}/json for a used image no reference resolved to,
 *   /images/{id}/history per used image, /networks, and the swarm lists on a
 *   manager.  Nothing is asked twice, and every response is parsed once and
 *   kept as a tree: items hold references to it, not copies. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collect.h"
#include "engine_client.h"
#include "facts.h"
#include "inspect_prune.h"
#include "proc_table.h"
#include "util.h"

/* Per-object responses (an inspect, a process list, a history) are small;
 * a large one is a sign of trouble and should not cost 64 MiB each. */
#define OBJECT_CAP ENGINE_MAX_SMALL_RESPONSE
#define STOPPED_NAMES_MAX 50

struct run {
	struct engine_client *c;
	const struct collect_options *opts;
	json_t *used_by;      /* image Id -> [running container names] */
	json_t *any_user;     /* image Id -> true, for every container, stopped too */
	json_t *image_docs;   /* image Id -> its inspect, from a reference lookup */
	json_t *refs;         /* reference -> {"id":...} or {"error":...} */
	struct proc_table *procs;   /* NULL: /proc not scanned or unreadable */
	char *procs_error;          /* why it is NULL after a scan */
};

/* An item or source for a failed request: {"status":"error",...,"error":msg}. */
static json_t *error_with(json_t *obj, const char *msg)
{
	char *clean = utf8_sanitize_line(msg);
	json_object_set_new(obj, "status", json_string("error"));
	json_object_set_new(obj, "error", json_string(clean));
	free(clean);
	return obj;
}

static json_t *item_error(const char *id, const char *name, const char *msg)
{
	json_t *j = json_object();
	json_object_set_new(j, "status", json_string("error"));
	json_object_set_new(j, "id", json_string(id ? id : ""));
	json_object_set_new(j, "name", json_string(name ? name : ""));
	return error_with(j, msg);
}

/* GET path into a source: an object gets "status":"ok" added (the schema
 * wants it on every source); any other shape is an error. */
static json_t *object_source(struct engine_client *c, const char *path, size_t cap)
{
	json_t *resp = NULL;
	char *err = NULL;
	if (engine_get_capped(c, path, cap, &resp, &err) < 0) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}
	if (!json_is_object(resp)) {
		json_decref(resp);
		return source_new_error("unexpected %s response: not a JSON object", path);
	}
	json_object_set_new(resp, "status", json_string("ok"));
	return resp;
}

/* GET path into {"status":"ok","items":[...the response array...]}. */
static json_t *array_source(struct engine_client *c, const char *path)
{
	json_t *resp = NULL;
	char *err = NULL;
	if (engine_get(c, path, &resp, &err) < 0) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}
	if (!json_is_array(resp)) {
		json_decref(resp);
		return source_new_error("unexpected %s response: not a JSON array", path);
	}
	json_t *s = source_new_ok();
	json_object_set_new(s, "items", resp);
	return s;
}

/* "/web" -> "web": the API prefixes container names with a slash. */
static const char *strip_slash(const char *name)
{
	return name && name[0] == '/' ? name + 1 : name;
}

/* The hex part of an image id ("sha256:<hex>" or bare hex), or NULL when it
 * is not one: only that part ever goes into a URL. */
static const char *image_hex(const char *id)
{
	if (!id)
		return NULL;
	if (strncmp(id, "sha256:", 7) == 0)
		id += 7;
	return engine_id_valid(id) ? id : NULL;
}

/* The states in which /containers/json without all=1 lists a container
 * (dockerd: Running is set).  An entry without a State is taken as running
 * so that it is inspected rather than silently skipped. */
static bool entry_running(const json_t *entry)
{
	static const char *const running[] = { "running", "paused", "restarting", NULL };
	const json_t *st = json_object_get(entry, "State");
	return !json_is_string(st) || str_in_list(json_string_value(st), running);
}

/* ---- containers ---- */

/* A response as a source: an object gets "status":"ok" added (the schema
 * wants it on every source); any other shape is an error.  Takes doc and
 * err. */
static json_t *object_source_from(const char *what, int rc, json_t *doc, char *err)
{
	if (rc < 0) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}
	free(err);
	if (!json_is_object(doc)) {
		json_decref(doc);
		return source_new_error("unexpected %s response: not a JSON object", what);
	}
	json_object_set_new(doc, "status", json_string("ok"));
	return doc;
}

/* One running container's requests in flight: its slot in list order is
 * filled when its inspect ends, whatever the order answers come in. */
struct container_job {
	struct run *r;
	json_t **slot;
	const char *id;       /* in the list, which outlives the job */
	const char *name;     /* from the list; NULL: the inspect's Name */
	char *why_engine;     /* owned: why /proc could not give the list (AUTO) */
};

/* /containers/{id}/top with the engine's default ps arguments.  A failure
 * is that container's evidence missing, which checks report as error. */
static void on_top(void *arg, int rc, json_t *doc, char *err)
{
	struct container_job *job = arg;
	char *path = xasprintf("/containers/%s/top", job->id);
	json_t *top = object_source_from(path, rc, doc, err);
	json_object_set_new(top, "source", json_string("engine"));
	if (job->why_engine)
		json_object_set_new(top, "proc_unavailable", json_string(job->why_engine));
	/* Replacing the placeholder keeps the item's member order. */
	json_object_set_new(*job->slot, "top", top);
	free(path);
	free(job->why_engine);
	job->why_engine = NULL;
}

/* The container's process list: from the scan of /proc when it can vouch
 * for the container, else (AUTO, TOP) a /top request.  A container the
 * inspect already shows stopped is not asked about: it stopped during the
 * audit, and that is its status. */
static void container_processes(struct container_job *job, json_t *item, const json_t *inspect)
{
	struct run *r = job->r;
	enum process_source mode = r->opts->process_source;
	const json_t *state = json_object_get(inspect, "State");
	if (json_is_false(json_object_get(state, "Running"))) {
		const char *st = json_string_value(json_object_get(state, "Status"));
		char *clean = utf8_clip_line(st ? st : "not running", strlen(st ? st : "not running"), 40);
		json_t *s = source_new_error("the container stopped during the audit (its state is now "
					     "'%s')", clean);
		free(clean);
		json_object_set_new(s, "source", json_string("none"));
		json_object_set_new(item, "top", s);
		return;
	}
	char *why = NULL;
	if (mode != PROCESS_SOURCE_TOP) {
		if (!r->procs) {
			why = xstrdup(r->procs_error ? r->procs_error : "/proc was not read");
		} else {
			long pid = (long)json_dig_int(state, "Pid", 0);
			json_t *list = proc_table_list(r->procs, job->id, pid, &why);
			if (list) {
				json_object_set_new(item, "top", list);
				return;
			}
		}
		if (mode == PROCESS_SOURCE_PROC) {
			json_t *s = source_new_error("this host's /proc does not show the container's "
						     "processes: %s", why);
			json_object_set_new(s, "source", json_string("proc"));
			json_object_set_new(item, "top", s);
			free(why);
			return;
		}
	}
	job->why_engine = why;
	char *path = xasprintf("/containers/%s/top", job->id);
	engine_submit(r->c, path, OBJECT_CAP, NULL, on_top, job);
	free(path);
}

static void on_exec(void *arg, int rc, json_t *doc, char *err)
{
	json_t *item = arg;
	if (rc < 0) {
		error_with(item, err);
	} else if (!json_is_object(doc)) {
		json_decref(doc);
		error_with(item, "unexpected exec inspect response: not a JSON object");
	} else {
		json_object_set_new(item, "status", json_string("ok"));
		json_object_set_new(item, "inspect", doc);
	}
	free(err);
}

static json_t *submit_execs(struct run *r, const json_t *inspect)
{
	json_t *execs = json_array();
	size_t i;
	json_t *e;

	json_array_foreach(json_object_get(inspect, "ExecIDs"), i, e) {
		const char *id = json_string_value(e);
		json_t *item = json_object();
		json_object_set_new(item, "id", json_string(id ? id : ""));
		json_array_append_new(execs, item);
		if (!engine_id_valid(id)) {
			error_with(item, "exec id is not hexadecimal");
			continue;
		}
		char *path = xasprintf("/exec/%s/json", id);
		engine_submit(r->c, path, OBJECT_CAP, NULL, on_exec, item);
		free(path);
	}
	return execs;
}

/* The inspect of one running container: the item, then its process list
 * and exec instances. */
static void on_inspect(void *arg, int rc, json_t *inspect, char *err)
{
	struct container_job *job = arg;
	const char *name = job->name;
	if (rc < 0) {
		*job->slot = item_error(job->id, name, err);
		free(err);
		return;
	}
	free(err);
	if (!json_is_object(inspect)) {
		json_decref(inspect);
		*job->slot = item_error(job->id, name, "unexpected inspect response: not a JSON object");
		return;
	}
	/* inspect_parse() kept only the fields checks read (docs/facts.md). */
	if (!name)
		name = strip_slash(json_string_value(json_object_get(inspect, "Name")));
	json_t *item = json_pack("{s:s,s:s,s:s,s:o}", "status", "ok", "id", job->id, "name",
				 name ? name : "", "inspect", inspect);
	json_object_set_new(item, "top", json_null());
	*job->slot = item;
	container_processes(job, item, inspect);
	json_object_set_new(item, "execs", submit_execs(job->r, inspect));
}

/* Queues the inspect of one running container, or fills its slot with
 * why it cannot be asked. */
static void submit_container(struct run *r, const json_t *entry, json_t **slot,
			     struct container_job *job)
{
	if (!json_is_object(entry)) {
		*slot = item_error("", "", "/containers/json entry is not a JSON object");
		return;
	}
	const char *id = json_string_value(json_object_get(entry, "Id"));
	const char *name = strip_slash(json_string_value(json_array_get(json_object_get(entry, "Names"), 0)));
	if (!id) {
		*slot = item_error("", name, "/containers/json entry has no Id");
		return;
	}
	if (!engine_id_valid(id)) {
		*slot = item_error(id, name, "container id is not hexadecimal");
		return;
	}
	*job = (struct container_job){ .r = r, .slot = slot, .id = id, .name = name };
	char *path = xasprintf("/containers/%s/json", id);
	engine_submit(r->c, path, ENGINE_MAX_RESPONSE, inspect_parse, on_inspect, job);
	free(path);
}

/* Which image each running container runs, for engine.images' used_by,
 * in list order. */
static void note_image_users(struct run *r, const json_t *items)
{
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item) {
		const char *image = json_string_value(json_object_get(json_object_get(item, "inspect"), "Image"));
		if (!image)
			continue;
		const char *name = json_string_value(json_object_get(item, "name"));
		json_t *users = json_object_get(r->used_by, image);
		if (!users) {
			users = json_array();
			json_object_set_new(r->used_by, image, users);
		}
		json_array_append_new(users, json_string(name ? name : ""));
		json_object_set_new(r->any_user, image, json_true());
	}
}

/* One image reference being resolved; res is its entry in r->refs. */
struct reference_job {
	struct run *r;
	json_t *res;
};

static void on_reference(void *arg, int rc, json_t *doc, char *err)
{
	struct reference_job *job = arg;
	struct run *r = job->r;
	json_t *res = job->res;
	free(job);
	const char *id = json_string_value(json_object_get(doc, "Id"));
	if (rc < 0) {
		char *clean = utf8_sanitize_line(err);
		json_object_set_new(res, "error", json_string(clean));
		free(clean);
	} else if (!json_is_object(doc) || !id) {
		json_object_set_new(res, "error", json_string("unexpected image inspect response: no Id"));
	} else {
		json_object_set_new(res, "id", json_string(id));
		json_object_set(r->image_docs, id, doc);
	}
	free(err);
	json_decref(doc);
}

/* What each container's image reference points to now: one request per
 * distinct reference, all in flight together.  The inspect it returns is
 * kept for engine.images, so the image is not asked for again by id. */
static void resolve_references(struct run *r, const json_t *items)
{
	size_t i;
	json_t *item;
	json_array_foreach(items, i, item) {
		const char *ref = json_string_value(json_object_get(json_object_get(json_object_get(item, "inspect"), "Config"), "Image"));
		if (!ref || json_object_get(r->refs, ref))
			continue;
		json_t *res = json_object();
		json_object_set_new(r->refs, ref, res);
		if (!engine_image_ref_valid(ref)) {
			json_object_set_new(res, "error", json_string("not a valid image reference"));
			continue;
		}
		char *esc = engine_url_escape(ref);
		char *path = xasprintf("/images/%s/json", esc);
		free(esc);
		struct reference_job *job = xmalloc(sizeof(*job));
		*job = (struct reference_job){ .r = r, .res = res };
		engine_submit(r->c, path, OBJECT_CAP, NULL, on_reference, job);
		free(path);
	}
	engine_run(r->c);
}

/* 5.28's evidence: the id the container's Config.Image names today, next
 * to the id it was created from ("Image" in its inspect). */
static void add_image_current(struct run *r, json_t *item)
{
	const char *ref = json_string_value(json_object_get(json_object_get(json_object_get(item, "inspect"), "Config"), "Image"));
	if (!ref)
		return;
	json_t *res = json_object_get(r->refs, ref);
	json_t *id = json_object_get(res, "id");
	/* Strings are shared, not copied: the trees are never modified after. */
	if (id)
		json_object_set(item, "image_current_id", id);
	else
		json_object_set(item, "image_current_error", json_object_get(res, "error"));
}

/* One pass over the root's /proc for the processes of every running
 * container of the list, before their inspects are asked: each inspect's
 * State.Pid then says whether this /proc shows that container. */
static void scan_processes(struct run *r, const json_t *list)
{
	if (r->opts->process_source == PROCESS_SOURCE_TOP)
		return;
	json_t *wanted = json_object();
	size_t i;
	const json_t *entry;
	json_array_foreach(list, i, entry) {
		const char *id = json_string_value(json_object_get(entry, "Id"));
		if (json_is_object(entry) && entry_running(entry) && id && strlen(id) == 64 &&
		    engine_id_valid(id))
			json_object_set_new(wanted, id, json_true());
	}
	if (json_object_size(wanted) > 0 &&
	    proc_table_scan(r->opts->root, wanted, &r->procs, &r->procs_error) < 0)
		r->procs = NULL;
	json_decref(wanted);
}

/* engine.containers (running ones, inspected) and engine.containers_all
 * (counts for every container) from a single list request. */
static void collect_containers(struct run *r, json_t *engine)
{
	json_t *list = NULL;
	char *err = NULL;
	if (engine_get_parsed(r->c, "/containers/json?all=1", ENGINE_MAX_RESPONSE, container_list_parse,
			      &list, &err) < 0) {
		json_object_set_new(engine, "containers", source_new_error("%s", err));
		json_object_set_new(engine, "containers_all", source_new_error("%s", err));
		free(err);
		return;
	}
	if (!json_is_array(list)) {
		json_decref(list);
		const char *msg = "unexpected /containers/json response: not a JSON array";
		json_object_set_new(engine, "containers", source_new_error("%s", msg));
		json_object_set_new(engine, "containers_all", source_new_error("%s", msg));
		return;
	}

	size_t n = json_array_size(list);
	json_t **slots = xcalloc(n ? n : 1, sizeof(*slots));
	struct container_job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	json_t *stopped_names = json_array();
	size_t running = 0, i;
	json_t *entry;
	scan_processes(r, list);
	json_array_foreach(list, i, entry) {
		const char *image_id = json_string_value(json_object_get(entry, "ImageID"));
		if (image_id)
			json_object_set_new(r->any_user, image_id, json_true());
		if (entry_running(entry)) {
			submit_container(r, entry, &slots[running], &jobs[running]);
			running++;
			continue;
		}
		if (json_array_size(stopped_names) < STOPPED_NAMES_MAX) {
			const char *name = strip_slash(json_string_value(json_array_get(json_object_get(entry, "Names"), 0)));
			json_array_append_new(stopped_names, json_string(name ? name : ""));
		}
	}
	/* Every inspect, process list and exec inspect, over the pool of
	 * connections; the list (ids and names) stays alive until they end. */
	engine_run(r->c);
	json_t *items = json_array();
	for (i = 0; i < running; i++) {
		json_array_append_new(items, slots[i]);
		free(jobs[i].why_engine);      /* set only when its /top never ran */
	}
	free(slots);
	free(jobs);
	proc_table_free(r->procs);
	r->procs = NULL;
	free(r->procs_error);
	r->procs_error = NULL;

	json_t *all = source_new_ok();
	json_object_set_new(all, "total", json_integer((json_int_t)n));
	json_object_set_new(all, "running", json_integer((json_int_t)running));
	json_object_set_new(all, "stopped", json_integer((json_int_t)(n - running)));
	json_object_set_new(all, "stopped_names", stopped_names);
	json_decref(list);

	note_image_users(r, items);
	/* After every inspect, so each reference is asked once however many
	 * containers share it. */
	resolve_references(r, items);
	json_array_foreach(items, i, entry) {
		if (strcmp(json_string_value(json_object_get(entry, "status")), "ok") == 0)
			add_image_current(r, entry);
	}
	json_t *s = source_new_ok();
	json_object_set_new(s, "items", items);
	json_object_set_new(engine, "containers", s);
	json_object_set_new(engine, "containers_all", all);
}

/* ---- images ---- */

/* RepoTags without the "<none>:<none>" placeholder of untagged images. */
static json_t *image_tags(const json_t *entry)
{
	json_t *tags = json_array();
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(entry, "RepoTags"), i, t) {
		if (json_is_string(t) && strcmp(json_string_value(t), "<none>:<none>") != 0)
			json_array_append(tags, t);
	}
	return tags;
}

/* One image item: inspect (reused from a reference lookup when there was
 * one) and history. */
static json_t *collect_image(struct run *r, const char *id, json_t *tags)
{
	json_t *item = json_object();
	json_object_set_new(item, "id", json_string(id));
	json_object_set_new(item, "tags", tags);
	json_t *users = json_object_get(r->used_by, id);
	json_object_set_new(item, "used_by", users ? json_incref(users) : json_array());

	const char *hex = image_hex(id);
	if (!hex)
		return error_with(item, "image id is not hexadecimal");

	char *err = NULL;
	json_t *inspect = json_object_get(r->image_docs, id);
	if (inspect) {
		json_incref(inspect);
	} else {
		char *path = xasprintf("/images/%s/json", hex);
		int rc = engine_get_capped(r->c, path, OBJECT_CAP, &inspect, &err);
		free(path);
		if (rc < 0)
			goto fail;
		if (!json_is_object(inspect)) {
			json_decref(inspect);
			return error_with(item, "unexpected image inspect response: not a JSON object");
		}
	}
	json_object_set_new(item, "inspect", inspect);

	char *path = xasprintf("/images/%s/history", hex);
	json_t *history = NULL;
	int rc = engine_get_capped(r->c, path, OBJECT_CAP, &history, &err);
	free(path);
	if (rc < 0)
		goto fail;
	if (!json_is_array(history)) {
		json_decref(history);
		return error_with(item, "unexpected image history response: not a JSON array");
	}
	json_object_set_new(item, "history", history);
	json_object_set_new(item, "status", json_string("ok"));
	return item;
fail:
	error_with(item, err);
	free(err);
	return item;
}

static json_t *collect_images(struct run *r)
{
	json_t *list = NULL;
	char *err = NULL;
	if (engine_get(r->c, "/images/json", &list, &err) < 0) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}
	if (!json_is_array(list)) {
		json_decref(list);
		return source_new_error("unexpected /images/json response: not a JSON array");
	}

	json_t *items = json_array();
	json_t *listed = json_object();
	size_t unused = 0, not_inspected = 0, i;
	json_t *entry;
	json_array_foreach(list, i, entry) {
		const char *id = json_string_value(json_object_get(entry, "Id"));
		if (!id) {
			json_array_append_new(items, error_with(json_object(), "/images/json entry has no Id"));
			continue;
		}
		json_object_set_new(listed, id, json_true());
		if (!json_object_get(r->any_user, id))
			unused++;
		if (json_object_get(r->used_by, id) || r->opts->all_images)
			json_array_append_new(items, collect_image(r, id, image_tags(entry)));
		else
			not_inspected++;
	}
	/* A running container's image the list left out (removed with -f
	 * since): still evidence for the container's checks. */
	const char *id;
	json_t *users;
	json_object_foreach(r->used_by, id, users) {
		if (!json_object_get(listed, id))
			json_array_append_new(items, collect_image(r, id, json_array()));
	}
	json_t *s = source_new_ok();
	json_object_set_new(s, "items", items);
	json_object_set_new(s, "unused_count", json_integer((json_int_t)unused));
	json_object_set_new(s, "not_inspected", json_integer((json_int_t)not_inspected));
	json_object_set_new(s, "total", json_integer((json_int_t)json_array_size(list)));
	json_decref(listed);
	json_decref(list);
	return s;
}

/* ---- swarm ---- */

static json_t *collect_swarm(struct run *r, const json_t *info)
{
	if (source_status(info, NULL) != SOURCE_OK)
		return source_new_error("swarm state unknown: engine info not available");
	const json_t *sw = json_object_get(info, "Swarm");
	const char *state = json_string_value(json_object_get(sw, "LocalNodeState"));
	json_t *s;
	if (!state || strcmp(state, "active") != 0)
		s = source_new_absent("swarm not active");
	else if (!json_is_true(json_object_get(sw, "ControlAvailable")))
		s = source_new_absent("this node is not a swarm manager");
	else {
		s = source_new_ok();
		json_object_set_new(s, "swarm", object_source(r->c, "/swarm", OBJECT_CAP));
		json_object_set_new(s, "nodes", array_source(r->c, "/nodes"));
		json_object_set_new(s, "services", array_source(r->c, "/services"));
		json_object_set_new(s, "secrets", array_source(r->c, "/secrets"));
	}
	json_object_set_new(s, "local_node_state", json_string(state ? state : ""));
	return s;
}

static void engine_collect_sources(struct engine_client *c, const struct collect_options *opts,
				   json_t *engine)
{
	struct run r = {
		.c = c,
		.opts = opts,
		.used_by = json_object(),
		.any_user = json_object(),
		.image_docs = json_object(),
		.refs = json_object(),
	};

	json_t *info = object_source(c, "/info", ENGINE_MAX_SMALL_RESPONSE);
	json_object_set_new(engine, "info", info);
	collect_containers(&r, engine);
	json_object_set_new(engine, "images", collect_images(&r));
	json_object_set_new(engine, "networks", array_source(c, "/networks"));
	json_object_set_new(engine, "swarm", collect_swarm(&r, info));

	json_decref(r.used_by);
	json_decref(r.any_user);
	json_decref(r.image_docs);
	json_decref(r.refs);
}

/* ---- the conversation: open, negotiate, every endpoint ---- */

static json_t *engine_failed(const char *endpoint, bool absent, const char *msg)
{
	json_t *e = absent ? source_new_absent(msg) : source_new_error("%s", msg);
	json_object_set_new(e, "endpoint", json_string(endpoint));
	return e;
}

static json_t *collect_engine_json(const struct collect_options *opts, const char *default_socket)
{
	const char *host = opts->docker_host;
	bool explicit_host = host && opts->docker_host_explicit;
	char *default_host = NULL;

	if (!host) {
		/* collect.h: NULL means DOCKER_HOST, else the default socket. */
		const char *env = getenv("DOCKER_HOST");
		if (env && *env) {
			host = env;
			explicit_host = true;
		}
	}
	if (!host) {
		default_host = xasprintf("unix://%s", default_socket);
		host = default_host;
	}
	char *endpoint = utf8_clip_line(host, strlen(host), 200);
	json_t *engine = NULL;
	struct engine_client *c = NULL;
	char *err = NULL;

	if (opts->skip_engine) {
		engine = engine_failed(endpoint, true, "engine not contacted (skipped on request)");
		goto out;
	}

	struct engine_options eo = {
		.host = host,
		.cert_path = opts->cert_path,
		.tls_verify = opts->tls_verify,
		.timeout = opts->timeout,
		.connections = opts->connections,
	};
	if (engine_open(&eo, &c, &err) < 0) {
		engine = engine_failed(endpoint, false, err);
		goto out;
	}
	const struct engine_endpoint *ep = engine_endpoint_of(c);
	if (ep->is_unix) {
		struct stat st;
		/* No socket at the default path simply means no engine here; at a
		 * path the user named it is an error. */
		if (stat(ep->socket_path, &st) < 0 && errno == ENOENT) {
			char *msg = xasprintf("no Docker engine socket at %s", ep->socket_path);
			engine = engine_failed(endpoint, !explicit_host, msg);
			free(msg);
			goto out;
		}
	}

	json_t *version = NULL;
	if (engine_negotiate(c, &version, &err) < 0) {
		engine = engine_failed(endpoint, false, err);
		goto out;
	}
	engine = source_new_ok();
	json_object_set_new(engine, "endpoint", json_string(endpoint));
	json_object_set_new(engine, "api_version", json_string(engine_api_version(c)));
	/* engine_negotiate() checked that it is an object. */
	json_object_set_new(version, "status", json_string("ok"));
	json_object_set_new(engine, "version", version);
	engine_collect_sources(c, opts, engine);
	json_object_set_new(engine, "requests", json_integer((json_int_t)engine_request_count(c)));
out:
	engine_close(c);
	free(err);
	free(endpoint);
	free(default_host);
	return engine;
}

void collect_engine_with_default(struct facts *f, const struct collect_options *opts,
				 const char *default_socket)
{
	json_t *engine = collect_engine_json(opts, default_socket);
	json_object_set_new(f->root, "engine", engine);
}

void collect_engine(struct facts *f, const struct collect_options *opts)
{
	collect_engine_with_default(f, opts, ENGINE_DEFAULT_SOCKET);
}
