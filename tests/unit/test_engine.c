/* test_engine.c - unit tests for the engine client's pure parts: host
 * parsing, id and version validation, and the collector's refusals that
 * need no server. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "collect.h"
#include "engine_client.h"
#include "facts.h"

static void check_endpoint(const char *host, bool tls, bool is_unix, const char *socket_path,
			   const char *base_url)
{
	struct engine_endpoint ep;
	char *err = NULL;
	assert_int_equal(engine_endpoint_parse(host, tls, &ep, &err), 0);
	assert_null(err);
	assert_int_equal(ep.is_unix, is_unix);
	if (socket_path)
		assert_string_equal(ep.socket_path, socket_path);
	else
		assert_null(ep.socket_path);
	assert_string_equal(ep.base_url, base_url);
	engine_endpoint_done(&ep);
}

static void test_endpoint_parse(void **state)
{
	(void)state;
	check_endpoint("unix:///var/run/docker.sock", false, true, "/var/run/docker.sock",
		       "http://localhost");
	check_endpoint("/run/user/1000/docker.sock", false, true, "/run/user/1000/docker.sock",
		       "http://localhost");
	check_endpoint("tcp://10.0.0.5:2375", false, false, NULL, "http://10.0.0.5:2375");
	check_endpoint("tcp://docker.example:2376", true, false, NULL, "https://docker.example:2376");
	check_endpoint("tcp://docker.example", false, false, NULL, "http://docker.example:2375");
	check_endpoint("tcp://docker.example", true, false, NULL, "https://docker.example:2376");
	check_endpoint("tcp://[::1]:2375", false, false, NULL, "http://[::1]:2375");
	check_endpoint("tcp://[::1]", false, false, NULL, "http://[::1]:2375");
	check_endpoint("tcp://h:2375/some/path", false, false, NULL, "http://h:2375");
}

static void test_endpoint_parse_bad(void **state)
{
	(void)state;
	const char *bad[] = { "", "ssh://u@h", "npipe:////./pipe/docker_engine", "unix://rel",
			      "tcp://", "tcp://a b:1", "tcp://u:p@h:1", "http://h:1", "fd://" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct engine_endpoint ep;
		char *err = NULL;
		assert_int_equal(engine_endpoint_parse(bad[i], false, &ep, &err), -EINVAL);
		assert_non_null(err);
		free(err);
	}
	/* longer than sun_path */
	char longp[200] = "unix:///";
	memset(longp + 8, 'a', 150);
	longp[158] = '\0';
	struct engine_endpoint ep;
	char *err = NULL;
	assert_int_equal(engine_endpoint_parse(longp, false, &ep, &err), -EINVAL);
	free(err);
}

static void test_id_valid(void **state)
{
	(void)state;
	assert_true(engine_id_valid("06d2c3afed00b4024ad131a1b86555ba20e3a18e3af9b55950d4631317c1c3ab"));
	assert_true(engine_id_valid("ABCdef0123"));
	assert_false(engine_id_valid(NULL));
	assert_false(engine_id_valid(""));
	assert_false(engine_id_valid("../info"));
	assert_false(engine_id_valid("abc/json"));
	assert_false(engine_id_valid("abc%2f"));
	assert_false(engine_id_valid("abc?x"));
	assert_false(engine_id_valid("web"));
	char longid[200];
	memset(longid, 'a', 129);
	longid[129] = '\0';
	assert_false(engine_id_valid(longid));
	longid[128] = '\0';
	assert_true(engine_id_valid(longid));
}

static void test_version_parse(void **state)
{
	(void)state;
	unsigned ma = 0, mi = 0;
	assert_int_equal(engine_version_parse("1.41", &ma, &mi), 0);
	assert_int_equal(ma, 1);
	assert_int_equal(mi, 41);
	assert_int_equal(engine_version_parse("1.5", &ma, &mi), 0);
	assert_int_equal(mi, 5);
	const char *bad[] = { "", "1", "1.", ".41", "1.41.2", "v1.41", "1.41 ", "1.41; x",
			      "99999.1", "-1.41", "1.+4" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(engine_version_parse(bad[i], NULL, NULL), -EINVAL);
	assert_int_equal(engine_version_parse(NULL, NULL, NULL), -EINVAL);
}

static void test_collect_skip_and_absent(void **state)
{
	(void)state;
	struct collect_options o = { .root = "/", .timeout = 1, .skip_engine = true };
	struct facts *f = facts_new();
	unsetenv("DOCKER_HOST");
	collect_engine_with_default(f, &o, "/nonexistent/docker.sock");
	assert_int_equal(source_status(facts_get(f, "engine"), NULL), SOURCE_ABSENT);

	o.skip_engine = false;
	collect_engine_with_default(f, &o, "/nonexistent/docker.sock");
	const char *why = NULL;
	assert_int_equal(source_status(facts_get(f, "engine"), &why), SOURCE_ABSENT);
	assert_string_equal(why, "no Docker engine socket at /nonexistent/docker.sock");

	o.docker_host = "unix:///nonexistent/docker.sock";
	o.docker_host_explicit = true;
	collect_engine(f, &o);
	assert_int_equal(source_status(facts_get(f, "engine"), &why), SOURCE_ERROR);
	assert_string_equal(json_dig_string(f->root, "engine.endpoint"), "unix:///nonexistent/docker.sock");

	o.docker_host = "ssh://root@host";
	collect_engine(f, &o);
	assert_int_equal(source_status(facts_get(f, "engine"), &why), SOURCE_ERROR);
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoint_parse),
		cmocka_unit_test(test_endpoint_parse_bad),
		cmocka_unit_test(test_id_valid),
		cmocka_unit_test(test_version_parse),
		cmocka_unit_test(test_collect_skip_and_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
