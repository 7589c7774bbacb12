/* test_image_model.c - the image decoder fills the typed image set from
 * engine.images, engine.containers_all and collected.start of a facts
 * bundle (read through facts_load_buffer, as --facts and the cases are):
 * what is there, what is missing, and the names it gives images. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "image_model.h"

static struct facts *load(const char *text)
{
	struct facts *f = NULL;
	char *err = NULL;
	if (facts_load_buffer(text, strlen(text), &f, &err) < 0)
		fail_msg("bad test facts: %s", err);
	return f;
}

#define BUNDLE(engine) \
	"{\"schema\":\"dockaudit-facts/1\",\"collected\":{\"start\":1714000000.5}," \
	"\"engine\":{\"status\":\"ok\"," engine "}}"

static void fields_of_an_image(void **state)
{
	(void)state;
	struct facts *f = load(BUNDLE(
		"\"images\":{\"status\":\"ok\",\"total\":3,\"unused_count\":2,\"items\":[{"
		"\"status\":\"ok\",\"id\":\"sha256:0123456789abcdef\",\"tags\":[\"web:1\"],"
		"\"used_by\":[\"web\",7],\"inspect\":{\"RepoTags\":[\"web:1\"],"
		"\"RepoDigests\":[\"r.io/web@sha256:aa\"],\"Created\":\"2024-03-01T12:00:00Z\","
		"\"Size\":1048576,\"RootFS\":{\"Layers\":[\"a\",\"b\"]},"
		"\"Config\":{\"User\":\"app\",\"Env\":[\"A=b\"],"
		"\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]}}},"
		"\"history\":[{\"CreatedBy\":\"RUN x\"},{\"CreatedBy\":5}],"
		"\"setid\":{\"status\":\"ok\",\"files\":[{\"path\":\"/bin/su\",\"mode\":2541,"
		"\"uid\":0},{\"mode\":2541}],\"scanned\":10,\"layers\":1}}]},"
		"\"containers_all\":{\"status\":\"ok\",\"total\":4,\"running\":1,\"stopped\":3,"
		"\"stopped_names\":[\"old\"]}"));
	struct image_set *s = image_set_decode(f);
	assert_int_equal(s->engine.status, SOURCE_OK);
	assert_int_equal(s->source.status, SOURCE_OK);
	assert_true(s->total.known);
	assert_int_equal(s->total.value, 3);
	assert_int_equal(s->unused_count.value, 2);
	assert_true(s->collected_start_known);
	assert_int_equal(s->n, 1);
	const struct image_model *img = &s->v[0];
	assert_null(img->error);
	assert_string_equal(img->name, "web:1");
	assert_int_equal(img->used_by.n, 1);            /* the number is not a name */
	assert_string_equal(img->user, "app");
	assert_string_equal(img->healthcheck_kind, "CMD");
	assert_int_equal(img->env.n, 1);
	assert_int_equal(img->repo_digests.n, 1);
	assert_true(img->size.known);
	assert_int_equal(img->n_layers.value, 2);
	assert_true(img->history.known);
	assert_int_equal(img->history.n, 2);
	assert_string_equal(img->history.created_by[0], "RUN x");
	assert_null(img->history.created_by[1]);         /* kept, so entry numbers stay */
	assert_int_equal(img->setid.source.status, SOURCE_OK);
	assert_true(img->setid.files_known);
	assert_int_equal(img->setid.n_files, 1);
	assert_int_equal(img->setid.files[0].uid, 0);
	assert_int_equal(s->containers.source.status, SOURCE_OK);
	assert_int_equal(s->containers.stopped.value, 3);
	assert_string_equal(s->containers.stopped_names.v[0], "old");
	assert_ptr_equal(image_set_find(s, "sha256:0123456789abcdef"), img);
	assert_null(image_set_find(s, "sha256:ff"));
	assert_null(image_set_find(s, NULL));
	image_set_free(s);
	facts_free(f);
}

static void absent_data_is_explicit(void **state)
{
	(void)state;
	struct facts *f = load(BUNDLE(
		"\"images\":{\"status\":\"ok\",\"items\":["
		"{\"status\":\"ok\",\"id\":\"sha256:aaaabbbbccccdddd\",\"inspect\":{\"Size\":\"big\"},"
		"\"history\":{\"status\":\"error\",\"error\":\"HTTP 500\"}},"
		"{\"status\":\"error\",\"id\":\"sha256:eeee\",\"tags\":[],\"error\":\"HTTP 404\","
		"\"inspect\":{\"RepoTags\":[\"x:1\"]}},"
		"{\"status\":\"ok\",\"inspect\":{\"RepoTags\":[\"<none>:<none>\",\"y:2\"]}},"
		"{\"status\":\"ok\",\"id\":\"sha256:ffff\",\"tags\":\"?\"}]}"));
	struct image_set *s = image_set_decode(f);
	assert_false(s->total.known);                     /* counts not collected */
	assert_false(s->unused_count.known);
	assert_int_equal(s->containers.source.status, SOURCE_MISSING);
	assert_false(s->containers.stopped.known);
	assert_int_equal(s->n, 4);

	const struct image_model *a = &s->v[0];
	assert_string_equal(a->name, "aaaabbbbcccc");    /* no tags: the short id */
	assert_null(a->error);
	assert_false(a->has_config);
	assert_null(a->user);
	assert_null(a->healthcheck_kind);
	assert_null(a->created);
	assert_false(a->size.known);                      /* not a number */
	assert_false(a->n_layers.known);
	assert_false(a->history.known);
	assert_string_equal(a->history.error, "HTTP 500");
	assert_int_equal(a->setid.source.status, SOURCE_MISSING);
	assert_false(a->setid.files_known);

	const struct image_model *b = &s->v[1];
	assert_string_equal(b->error, "HTTP 404");
	assert_string_equal(b->name, "eeee");             /* an empty tag list is the item's word */

	assert_string_equal(s->v[2].name, "y:2");         /* no tag list: RepoTags, placeholder skipped */
	assert_null(s->v[2].id);
	assert_false(s->v[2].history.known);
	assert_null(s->v[2].history.error);               /* not collected */

	assert_string_equal(s->v[3].error, "no inspect data for this image");
	assert_true(s->v[3].tags.unreadable);
	image_set_free(s);
	facts_free(f);
}

static void sources_that_failed(void **state)
{
	(void)state;
	struct facts *f = load("{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\","
			       "\"images\":{\"status\":\"error\",\"error\":\"HTTP 500\","
			       "\"items\":[{\"status\":\"ok\",\"inspect\":{}}]},"
			       "\"containers_all\":{\"status\":\"error\",\"error\":\"timeout\"}}}");
	struct image_set *s = image_set_decode(f);
	assert_int_equal(s->source.status, SOURCE_ERROR);
	assert_string_equal(s->source.why, "HTTP 500");
	assert_int_equal(s->n, 0);                        /* a failed list's items are not audited */
	assert_false(s->collected_start_known);
	assert_string_equal(s->containers.source.why, "timeout");
	image_set_free(s);
	facts_free(f);

	f = load("{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"absent\","
		 "\"error\":\"no socket\"}}");
	s = image_set_decode(f);
	assert_int_equal(s->engine.status, SOURCE_ABSENT);
	assert_int_equal(s->source.status, SOURCE_MISSING);
	image_set_free(s);
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fields_of_an_image),
		cmocka_unit_test(absent_data_is_explicit),
		cmocka_unit_test(sources_that_failed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
