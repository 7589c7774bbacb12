/* engine_collect.c - the "engine.*" facts, endpoint by endpoint, over one
 * engine client (a few keep-alive connections) and within its deadline.
 *
 * Requests, in order (N running containers, S stopped ones, E exec
 * instances, R distinct image references, U distinct images the running
 * containers use):
 *   /info, /containers/json?all=1 (one list serves engine.containers and
 *   engine.containers_all), per container its inspect and, once a running
 *   one's is in: unless this host's /proc shows its processes
 *   (proc_table.h), its /top, /exec/{id}/json per exec instance and
 *   /images/{ref}/json for an image reference not asked before (a stopped
 *   container is judged only by the checks that read its inspect alone:
 *   nothing more is asked about it); then /images/json, /images/{id}/json
 *   for a used image no reference resolved to, /images/{id}/history per used
 *   image, /networks, and the swarm lists on a manager.  Nothing is asked
 *   twice, and every response is parsed once and kept as a tree: items hold
 *   references to it, not copies.
 *
 *   A container's item is complete when its inspect and every request
 *   that inspect led to have ended; complete items are handed on in list
 *   order (collect.h, container_sink) and, with a sink that does not keep
 *   them, freed at once: the engine client sends the requests a callback
 *   submits before the inspects still waiting, so only the few containers
 *   in flight are held at any time. */
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

struct container_job;
struct reference_job;
struct image_job;

struct run {
	struct engine_client *c;
	const struct collect_options *opts;
	const struct facts *f;      /* what the sink is shown: host.* and engine.info */
	json_t *used_by;      /* image Id -> [running container names] */
	json_t *any_user;     /* image Id -> true, for every container, stopped too */
	json_t *image_docs;   /* image Id -> its inspect, from a reference lookup or by id */
	json_t *image_errors; /* image Id -> why its inspect could not be read */
	json_t *refs;         /* reference -> {"id":...} or {"error":...} */
	struct proc_table *procs;   /* NULL: /proc not scanned or unreadable */
	char *procs_error;          /* why it is NULL after a scan */
	/* The containers to inspect, running and stopped, in list order;
	 * jobs[next_emit] is the next one to hand on.  items receives the kept
	 * ones. */
	struct container_job *jobs;
	size_t n_jobs, next_emit;
	json_t *items;
	/* Image references being resolved: refs[ref]["pending"] is the index
	 * into ref_jobs of the lookup the containers wait for. */
	struct reference_job **ref_jobs;
	size_t n_ref_jobs;
	/* Images asked for by id: image_pending[id] indexes image_jobs. */
	json_t *image_pending;
	struct image_job **image_jobs;
	size_t n_image_jobs;
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

/* state: the list's State of the container, NULL when it did not say. */
static json_t *item_error(const char *id, const char *name, const char *state, const char *msg)
{
	json_t *j = json_object();
	json_object_set_new(j, "status", json_string("error"));
	json_object_set_new(j, "id", json_string(id ? id : ""));
	json_object_set_new(j, "name", json_string(name ? name : ""));
	if (state)
		json_object_set_new(j, "state", json_string(state));
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

/* Whether docker info counts the container as stopped (ContainersStopped:
 * dockerd counts every state but running and paused, so a restarting
 * container is stopped there, though it is listed without all=1).  An
 * entry without a State is not counted: entry_running() inspects it. */
static bool entry_stopped(const json_t *entry)
{
	static const char *const not_stopped[] = { "running", "paused", NULL };
	const json_t *st = json_object_get(entry, "State");
	return json_is_string(st) && !str_in_list(json_string_value(st), not_stopped);
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

/* One container: its item is filled when its inspect ends, and it is
 * complete when pending (its requests still out: the inspect, and for a
 * running one /top, the exec inspects, its image reference's lookup)
 * drops to 0. */
struct container_job {
	struct run *r;
	json_t *item;         /* owned until handed on; NULL before the inspect ends,
			       * and for a stopped container that was removed */
	const char *id;       /* in the list, which outlives the job */
	const char *name;     /* from the list; NULL: the inspect's Name */
	const char *state;    /* the list's State; NULL when it has none */
	bool stopped;         /* not listed without all=1: its inspect only */
	bool removed;         /* stopped, and its inspect answered 404 */
	char *why_engine;     /* owned: why /proc could not give the list (AUTO) */
	/* owned: the model's part of the inspect, when the sink takes only the
	 * model (container_sink_model_only()); the item's "inspect" is then what the
	 * collector reads of it */
	struct jtape *model_inspect;
	size_t pending;
	bool image_asked;     /* the inspect of its image was looked for */
};

/* The containers waiting for one request (a reference lookup, an image
 * inspect): each counts it in its pending. */
struct waiting_list {
	struct container_job **v;
	size_t n;
};

/* One image reference being resolved; res is its entry in r->refs. */
struct reference_job {
	struct run *r;
	json_t *res;
	struct waiting_list waiting;
};

/* One image inspected by id, for the containers that run it. */
struct image_job {
	struct run *r;
	char *id;
	struct waiting_list waiting;
};

static void job_done(struct container_job *job);

static void wait_for(struct waiting_list *w, struct container_job *job)
{
	w->v = xrealloc(w->v, (w->n + 1) * sizeof(*w->v));
	w->v[w->n++] = job;
	job->pending++;
}

static void release_waiting(struct waiting_list *w)
{
	struct container_job **v = w->v;
	size_t n = w->n;
	*w = (struct waiting_list){ NULL, 0 };
	for (size_t i = 0; i < n; i++)
		job_done(v[i]);
	free(v);
}

/* Which image a running container runs, for engine.images' used_by. */
static void note_image_user(struct run *r, const json_t *item)
{
	const char *image = json_string_value(json_object_get(json_object_get(item, "inspect"), "Image"));
	if (!image)
		return;
	const char *name = json_string_value(json_object_get(item, "name"));
	json_t *users = json_object_get(r->used_by, image);
	if (!users) {
		users = json_array();
		json_object_set_new(r->used_by, image, users);
	}
	json_array_append_new(users, json_string(name ? name : ""));
	json_object_set_new(r->any_user, image, json_true());
}

static const char *image_reference(const json_t *item)
{
	return json_string_value(json_object_get(json_object_get(json_object_get(item, "inspect"), "Config"), "Image"));
}

/* 5.28's evidence: the id the container's Config.Image names today, next
 * to the id it was created from ("Image" in its inspect). */
static void add_image_current(struct run *r, json_t *item)
{
	const char *ref = image_reference(item);
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

static bool item_ok(const json_t *item)
{
	const char *status = json_string_value(json_object_get(item, "status"));
	return status && strcmp(status, "ok") == 0;
}

static const char *item_image(const json_t *item)
{
	return json_string_value(json_object_get(json_object_get(item, "inspect"), "Image"));
}

static void hand_on(struct run *r, struct container_job *job)
{
	json_t *item = job->item;
	job->item = NULL;
	if (!item)
		return;       /* a stopped container removed since the list */
	const json_t *image = NULL;
	/* A stopped container is judged on its inspect alone: no check that
	 * reads its image or what its reference names now runs over it, and
	 * used_by names running containers only. */
	if (!job->stopped && item_ok(item)) {
		add_image_current(r, item);
		note_image_user(r, item);
		const char *id = item_image(item);
		image = id ? json_object_get(r->image_docs, id) : NULL;
	}
	const struct container_sink *sink = r->opts->sink;
	struct jtape *model_inspect = job->model_inspect;
	job->model_inspect = NULL;
	if (sink)
		sink->container(sink->arg, r->f, item, jtape_root(model_inspect), image);
	jtape_free(model_inspect);
	if (!sink || sink->keep_items)
		json_array_append_new(r->items, item);
	else
		json_decref(item);
}

/* Hands on every complete container that no earlier one holds back. */
static void hand_on_ready(struct run *r)
{
	while (r->next_emit < r->n_jobs && r->jobs[r->next_emit].pending == 0)
		hand_on(r, &r->jobs[r->next_emit++]);
}

static void on_image(void *arg, int rc, json_t *doc, char *err)
{
	struct image_job *ij = arg;
	struct run *r = ij->r;
	json_object_del(r->image_pending, ij->id);
	if (rc < 0) {
		char *clean = utf8_sanitize_line(err);
		json_object_set_new(r->image_errors, ij->id, json_string(clean));
		free(clean);
	} else if (!json_is_object(doc)) {
		json_object_set_new(r->image_errors, ij->id,
				    json_string("unexpected image inspect response: not a JSON object"));
	} else {
		json_object_set(r->image_docs, ij->id, doc);
	}
	json_decref(doc);
	free(err);
	release_waiting(&ij->waiting);
}

/* The inspect of the image a container runs (4.1's evidence reads its
 * USER), once its reference lookup has ended: usually that lookup
 * returned it; otherwise it is asked by id, once per image, and kept for
 * engine.images (collect_image() asks nothing again). */
static void need_image(struct container_job *job)
{
	struct run *r = job->r;
	job->image_asked = true;
	if (!item_ok(job->item))
		return;
	const char *id = item_image(job->item);
	const char *hex = image_hex(id);
	if (!hex || json_object_get(r->image_docs, id) || json_object_get(r->image_errors, id))
		return;
	const json_t *pending = json_object_get(r->image_pending, id);
	if (pending) {
		wait_for(&r->image_jobs[json_integer_value(pending)]->waiting, job);
		return;
	}
	struct image_job *ij = xcalloc(1, sizeof(*ij));
	*ij = (struct image_job){ .r = r, .id = xstrdup(id) };
	r->image_jobs = xrealloc(r->image_jobs, (r->n_image_jobs + 1) * sizeof(*r->image_jobs));
	json_object_set_new(r->image_pending, id, json_integer((json_int_t)r->n_image_jobs));
	r->image_jobs[r->n_image_jobs++] = ij;
	wait_for(&ij->waiting, job);
	char *path = xasprintf("/images/%s/json", hex);
	engine_submit(r->c, path, OBJECT_CAP, NULL, on_image, ij);
	free(path);
}

static void job_done(struct container_job *job)
{
	if (--job->pending > 0)
		return;
	if (!job->image_asked) {
		need_image(job);
		if (job->pending > 0)
			return;
	}
	hand_on_ready(job->r);
}

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
	json_object_set_new(job->item, "top", top);
	free(path);
	free(job->why_engine);
	job->why_engine = NULL;
	job_done(job);
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
	job->pending++;
	engine_submit(r->c, path, OBJECT_CAP, NULL, on_top, job);
	free(path);
}

struct exec_job {
	struct container_job *container;
	json_t *item;         /* its entry in the container's "execs" */
};

static void on_exec(void *arg, int rc, json_t *doc, char *err)
{
	struct exec_job *x = arg;
	json_t *item = x->item;
	struct container_job *job = x->container;
	free(x);
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
	job_done(job);
}

static json_t *submit_execs(struct container_job *job, const json_t *inspect)
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
		struct exec_job *x = xmalloc(sizeof(*x));
		*x = (struct exec_job){ job, item };
		job->pending++;
		const struct container_sink *sink = job->r->opts->sink;
		engine_submit(job->r->c, path, OBJECT_CAP,
			      container_sink_model_only(sink) ? exec_parse_for_model : NULL, on_exec, x);
		free(path);
	}
	return execs;
}

static void on_reference(void *arg, int rc, json_t *doc, char *err)
{
	struct reference_job *ref = arg;
	struct run *r = ref->r;
	json_t *res = ref->res;
	const char *id = json_string_value(json_object_get(doc, "Id"));
	json_object_del(res, "pending");
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
	release_waiting(&ref->waiting);
}

/* What the container's image reference points to now: one request per
 * distinct reference, asked when the first container naming it comes in;
 * a container naming one still being asked waits for it.  The inspect it
 * returns is kept for engine.images, so the image is not asked for again
 * by id. */
static void resolve_reference(struct container_job *job, const json_t *item)
{
	struct run *r = job->r;
	const char *ref = image_reference(item);
	if (!ref)
		return;
	json_t *res = json_object_get(r->refs, ref);
	if (!res) {
		res = json_object();
		json_object_set_new(r->refs, ref, res);
		if (!engine_image_ref_valid(ref)) {
			json_object_set_new(res, "error", json_string("not a valid image reference"));
			return;
		}
		struct reference_job *rj = xcalloc(1, sizeof(*rj));
		*rj = (struct reference_job){ .r = r, .res = res };
		r->ref_jobs = xrealloc(r->ref_jobs, (r->n_ref_jobs + 1) * sizeof(*r->ref_jobs));
		json_object_set_new(res, "pending", json_integer((json_int_t)r->n_ref_jobs));
		r->ref_jobs[r->n_ref_jobs++] = rj;
		char *esc = engine_url_escape(ref);
		char *path = xasprintf("/images/%s/json", esc);
		free(esc);
		engine_submit(r->c, path, OBJECT_CAP, NULL, on_reference, rj);
		free(path);
	}
	const json_t *pending = json_object_get(res, "pending");
	if (!pending)
		return;
	wait_for(&r->ref_jobs[json_integer_value(pending)]->waiting, job);
}

/* The inspect of one running container: the item, then its process list,
 * exec instances and image reference. */
static void on_inspect(void *arg, int rc, json_t *inspect, char *err)
{
	struct container_job *job = arg;
	const char *name = job->name;
	if (job->stopped)
		job->image_asked = true;      /* nothing but the inspect */
	if (rc == -ENOENT && job->stopped) {
		/* Removed since the list (docker rm, or --rm when it exited):
		 * there is no container left to judge.  Named in
		 * engine.containers.removed, and by the checks' evidence. */
		job->removed = true;
		free(err);
		job_done(job);
		return;
	}
	if (rc < 0) {
		job->item = item_error(job->id, name, job->state, err);
		free(err);
		job_done(job);
		return;
	}
	free(err);
	if (!json_is_object(inspect)) {
		json_decref(inspect);
		job->item = item_error(job->id, name, job->state,
				       "unexpected inspect response: not a JSON object");
		job_done(job);
		return;
	}
	/* inspect_parse() kept only the fields checks read (docs/facts.md). */
	if (!name)
		name = strip_slash(json_string_value(json_object_get(inspect, "Name")));
	json_t *item = json_pack("{s:s,s:s,s:s}", "status", "ok", "id", job->id, "name",
				 name ? name : "");
	if (job->state)
		json_object_set_new(item, "state", json_string(job->state));
	json_object_set_new(item, "inspect", inspect);
	job->item = item;
	if (job->stopped) {
		job_done(job);
		return;
	}
	json_object_set_new(item, "top", json_null());
	container_processes(job, item, inspect);
	json_object_set_new(item, "execs", submit_execs(job, inspect));
	resolve_reference(job, item);
	job_done(job);
}

/* The inspect parsed for the model only (container_sink_model_only()): a
 * tape for the model, and what the collector reads of it as the item's
 * "inspect". */
static void on_inspect_tape(void *arg, int rc, void *doc, char *err)
{
	struct container_job *job = arg;
	struct jtape *t = doc;
	json_t *view = NULL;
	if (rc == 0) {
		view = inspect_tape_collector_view(t);
		if (json_is_object(view))
			job->model_inspect = t;
		else
			jtape_free(t);
	}
	on_inspect(job, rc, view, err);
}

static void *parse_inspect_tape(const char *data, size_t len, json_error_t *error)
{
	return inspect_parse_tape(data, len, error);
}

/* Queues the inspect of one container, or fills its item with why it
 * cannot be asked. */
static void submit_container(struct run *r, const json_t *entry, struct container_job *job)
{
	*job = (struct container_job){ .r = r };
	if (!json_is_object(entry)) {
		job->item = item_error("", "", NULL, "/containers/json entry is not a JSON object");
		return;
	}
	const char *id = json_string_value(json_object_get(entry, "Id"));
	const char *name = strip_slash(json_string_value(json_array_get(json_object_get(entry, "Names"), 0)));
	job->state = json_string_value(json_object_get(entry, "State"));
	job->stopped = !entry_running(entry);
	if (!id) {
		job->item = item_error("", name, job->state, "/containers/json entry has no Id");
		return;
	}
	if (!engine_id_valid(id)) {
		job->item = item_error(id, name, job->state, "container id is not hexadecimal");
		return;
	}
	job->id = id;
	job->name = name;
	job->pending = 1;
	char *path = xasprintf("/containers/%s/json", id);
	/* Items neither kept nor saved need only what the model reads. */
	if (container_sink_model_only(r->opts->sink))
		engine_submit_decoded(r->c, path, ENGINE_MAX_RESPONSE, parse_inspect_tape,
				      on_inspect_tape, job);
	else
		engine_submit(r->c, path, ENGINE_MAX_RESPONSE, inspect_parse, on_inspect, job);
	free(path);
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

/* engine.containers (every container, inspected; nothing more about a
 * stopped one) and engine.containers_all (counts for every container)
 * from a single list request. */
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
	r->jobs = xcalloc(n ? n : 1, sizeof(*r->jobs));
	r->items = json_array();
	json_t *stopped_names = json_array();
	size_t stopped = 0, i;
	json_t *entry;
	scan_processes(r, list);
	json_array_foreach(list, i, entry) {
		const char *image_id = json_string_value(json_object_get(entry, "ImageID"));
		if (image_id)
			json_object_set_new(r->any_user, image_id, json_true());
		if (!r->opts->running_only || entry_running(entry)) {
			submit_container(r, entry, &r->jobs[r->n_jobs]);
			r->n_jobs++;
		}
		if (!entry_stopped(entry))
			continue;
		stopped++;
		if (json_array_size(stopped_names) < STOPPED_NAMES_MAX) {
			const char *name = strip_slash(json_string_value(json_array_get(json_object_get(entry, "Names"), 0)));
			json_array_append_new(stopped_names, json_string(name ? name : ""));
		}
	}
	if (r->opts->sink && r->opts->sink->expect)
		r->opts->sink->expect(r->opts->sink->arg, r->n_jobs);
	/* Those the list itself made items of (a bad entry) at the front. */
	hand_on_ready(r);
	/* Every inspect, process list, exec inspect and reference lookup, over
	 * the pool of connections; the list (ids and names) stays alive until
	 * they end.  Every callback runs, so every container is complete. */
	engine_run(r->c);
	size_t n_jobs = r->n_jobs;
	for (i = 0; i < n_jobs; i++) {
		if (r->jobs[i].pending) {
			/* not reached: each submitted request ends in its callback */
			if (!r->jobs[i].item)
				r->jobs[i].item = item_error(r->jobs[i].id, r->jobs[i].name,
							     r->jobs[i].state,
							     "the engine conversation ended early");
			r->jobs[i].pending = 0;
		}
		r->jobs[i].image_asked = true;
	}
	hand_on_ready(r);
	/* In list order, whichever inspect answered first. */
	json_t *removed = json_array();
	for (i = 0; i < n_jobs; i++) {
		free(r->jobs[i].why_engine);      /* set only when its /top never ran */
		jtape_free(r->jobs[i].model_inspect);
		if (r->jobs[i].removed)
			json_array_append_new(removed, json_string(r->jobs[i].name ? r->jobs[i].name
										  : r->jobs[i].id));
	}
	free(r->jobs);
	r->jobs = NULL;
	r->n_jobs = r->next_emit = 0;
	for (i = 0; i < r->n_ref_jobs; i++) {
		free(r->ref_jobs[i]->waiting.v);
		free(r->ref_jobs[i]);
	}
	free(r->ref_jobs);
	r->ref_jobs = NULL;
	r->n_ref_jobs = 0;
	for (i = 0; i < r->n_image_jobs; i++) {
		free(r->image_jobs[i]->waiting.v);
		free(r->image_jobs[i]->id);
		free(r->image_jobs[i]);
	}
	free(r->image_jobs);
	r->image_jobs = NULL;
	r->n_image_jobs = 0;
	proc_table_free(r->procs);
	r->procs = NULL;
	free(r->procs_error);
	r->procs_error = NULL;

	json_t *all = source_new_ok();
	json_object_set_new(all, "total", json_integer((json_int_t)n));
	/* The counts of docker info: running and paused are not stopped. */
	json_object_set_new(all, "running", json_integer((json_int_t)(n - stopped)));
	json_object_set_new(all, "stopped", json_integer((json_int_t)stopped));
	json_object_set_new(all, "stopped_names", stopped_names);
	json_decref(list);

	json_t *s = source_new_ok();
	json_object_set_new(s, "items", r->items);
	r->items = NULL;
	if (r->opts->running_only)
		json_object_set_new(s, "stopped_inspected", json_false());
	else
		json_object_set(s, "removed", removed);
	json_decref(removed);
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
	const char *failed = json_string_value(json_object_get(r->image_errors, id));
	if (failed) {
		/* asked for a running container already (need_image()) */
		return error_with(item, failed);
	} else if (inspect) {
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
				   struct facts *f, json_t *engine)
{
	struct run r = {
		.c = c,
		.opts = opts,
		.f = f,
		.used_by = json_object(),
		.any_user = json_object(),
		.image_docs = json_object(),
		.image_errors = json_object(),
		.image_pending = json_object(),
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
	json_decref(r.image_errors);
	json_decref(r.image_pending);
	json_decref(r.refs);
}

/* ---- the conversation: open, negotiate, every endpoint ---- */

static json_t *engine_failed(const char *endpoint, bool absent, const char *msg)
{
	json_t *e = absent ? source_new_absent(msg) : source_new_error("%s", msg);
	json_object_set_new(e, "endpoint", json_string(endpoint));
	return e;
}

static json_t *collect_engine_json(struct facts *f, const struct collect_options *opts,
				   const char *default_socket)
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
	/* In the facts already, so that a container sink sees engine.info. */
	json_object_set(f->root, "engine", engine);
	engine_collect_sources(c, opts, f, engine);
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
	json_t *engine = collect_engine_json(f, opts, default_socket);
	json_object_set_new(f->root, "engine", engine);
}

void collect_engine(struct facts *f, const struct collect_options *opts)
{
	collect_engine_with_default(f, opts, ENGINE_DEFAULT_SOCKET);
}
