/* image_model.c - decodes engine.images and engine.containers_all of the
 * facts bundle into the typed image model (image_model.h): the one place
 * that knows where in an image item, its inspect and its setid record each
 * field the section 4 and 6 checks use lives.  Strings stay in the facts
 * tree; only the arrays that list them are allocated here. */
#include "image_model.h"

#include <string.h>

#include "util.h"

static struct engine_part part_of(const json_t *source)
{
	struct engine_part p;
	p.status = source_status(source, &p.why);
	return p;
}

static struct maybe_int int_member(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return (struct maybe_int){ json_is_integer(v), json_is_integer(v) ? json_integer_value(v) : 0 };
}

/* The strings of a list, borrowed; other entries are skipped.  A member
 * that is there but not a list (nor null) is marked unreadable. */
static void string_list_of(const json_t *v, struct string_list *l)
{
	l->unreadable = v && !json_is_array(v) && !json_is_null(v);
	l->v = xcalloc(json_array_size(v) + 1, sizeof(*l->v));
	size_t i;
	const json_t *e;
	json_array_foreach(v, i, e)
		if (json_is_string(e))
			l->v[l->n++] = json_string_value(e);
}

static void history_of(const json_t *h, struct image_history *ret)
{
	ret->known = json_is_array(h);
	ret->created_by = xcalloc(json_array_size(h) + 1, sizeof(*ret->created_by));
	if (!ret->known) {
		const char *why;
		if (json_is_object(h) && source_status(h, &why) != SOURCE_OK)
			ret->error = why;
		return;
	}
	size_t i;
	const json_t *entry;
	json_array_foreach(h, i, entry)
		ret->created_by[ret->n++] = json_string_value(json_object_get(entry, "CreatedBy"));
}

static void setid_of(const json_t *s, struct image_setid *ret)
{
	ret->source = part_of(s);
	const json_t *files = json_object_get(s, "files");
	ret->files_known = ret->source.status == SOURCE_OK && json_is_array(files);
	ret->files = xcalloc(json_array_size(files) + 1, sizeof(*ret->files));
	if (!ret->files_known)
		return;
	ret->scanned = json_dig_int(s, "scanned", 0);
	ret->layers = json_dig_int(s, "layers", 0);
	ret->truncated = json_dig_bool(s, "truncated", false);
	ret->truncated_by = json_dig_string(s, "truncated_by");
	size_t i;
	const json_t *f;
	json_array_foreach(files, i, f) {
		const char *path = json_dig_string(f, "path");
		if (path)
			ret->files[ret->n_files++] = (struct setid_file){
				path, json_dig_int(f, "mode", 0), json_dig_int(f, "uid", -1),
			};
	}
}

/* An image's name in the report: its first tag (the item's tags, else
 * the inspect's RepoTags when the item has no tag list), else the short id. */
static const char *image_name(const json_t *item)
{
	const json_t *tags = json_object_get(item, "tags");
	if (!json_is_array(tags))
		tags = json_dig(item, "inspect.RepoTags");
	size_t i;
	const json_t *t;
	json_array_foreach(tags, i, t) {
		const char *tag = json_string_value(t);
		if (tag && *tag && strcmp(tag, "<none>:<none>") != 0)
			return xstrdup(tag);
	}
	const char *id = json_string_value(json_object_get(item, "id"));
	if (!id)
		return xstrdup("(unknown image)");
	if (strncmp(id, "sha256:", 7) == 0)
		id += 7;
	return xstrndup(id, strnlen(id, 12));
}

static void image_of(const json_t *item, struct image_model *img)
{
	const json_t *inspect = json_object_get(item, "inspect");
	const json_t *config = json_object_get(inspect, "Config");
	const char *why;

	img->id = json_string_value(json_object_get(item, "id"));
	string_list_of(json_object_get(item, "tags"), &img->tags);
	string_list_of(json_object_get(item, "used_by"), &img->used_by);
	string_list_of(json_object_get(inspect, "RepoTags"), &img->repo_tags);
	string_list_of(json_object_get(inspect, "RepoDigests"), &img->repo_digests);
	string_list_of(json_object_get(config, "Env"), &img->env);
	img->name = image_name(item);

	if (source_status(item, &why) != SOURCE_OK)
		img->error = why;
	else if (!json_is_object(inspect))
		img->error = "no inspect data for this image";

	img->has_config = json_is_object(config);
	img->user = json_string_value(json_object_get(config, "User"));
	img->healthcheck_kind = json_string_value(json_array_get(json_dig(config, "Healthcheck.Test"), 0));
	img->created = json_string_value(json_object_get(inspect, "Created"));
	img->size = int_member(inspect, "Size");
	const json_t *layers = json_dig(inspect, "RootFS.Layers");
	img->n_layers = (struct maybe_int){ json_is_array(layers), (long long)json_array_size(layers) };
	history_of(json_object_get(item, "history"), &img->history);
	setid_of(json_object_get(item, "setid"), &img->setid);
}

static void container_counts_of(const json_t *all, struct container_counts *ret)
{
	ret->source = part_of(all);
	ret->total = int_member(all, "total");
	ret->running = int_member(all, "running");
	ret->stopped = int_member(all, "stopped");
	string_list_of(json_object_get(all, "stopped_names"), &ret->stopped_names);
}

struct image_set *image_set_decode(const struct facts *f)
{
	struct image_set *s = xcalloc(1, sizeof(*s));
	const json_t *images = facts_get(f, "engine.images");
	s->engine = part_of(facts_get(f, "engine"));
	s->source = part_of(images);
	s->total = int_member(images, "total");
	s->unused_count = int_member(images, "unused_count");
	s->not_inspected = int_member(images, "not_inspected");
	const json_t *start = facts_get(f, "collected.start");
	s->collected_start_known = json_is_number(start);
	s->collected_start = json_number_value(start);

	const json_t *items = json_object_get(images, "items");
	s->v = xcalloc(json_array_size(items) + 1, sizeof(*s->v));
	if (s->source.status == SOURCE_OK) {
		size_t i;
		const json_t *item;
		json_array_foreach(items, i, item)
			image_of(item, &s->v[s->n++]);
	}
	container_counts_of(facts_get(f, "engine.containers_all"), &s->containers);
	return s;
}

static void string_list_clear(struct string_list *l)
{
	free(l->v);
}

void image_set_free(struct image_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		struct image_model *img = &s->v[i];
		free((char *)img->name);
		string_list_clear(&img->tags);
		string_list_clear(&img->used_by);
		string_list_clear(&img->repo_tags);
		string_list_clear(&img->repo_digests);
		string_list_clear(&img->env);
		free(img->history.created_by);
		free(img->setid.files);
	}
	free(s->v);
	string_list_clear(&s->containers.stopped_names);
	free(s);
}

const struct image_model *image_set_find(const struct image_set *s, const char *id)
{
	for (size_t i = 0; id && s && i < s->n; i++)
		if (s->v[i].id && strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	return NULL;
}
