/* test_state_dir.c - run set names, their order, and pruning that keeps
 * the newest sets and the one `latest` names (include/state_dir.h).  The
 * kill and hostile-link cases are in tests/cli/state-dir.sh. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "state_dir.h"
#include "util.h"

static void stamps_are_utc_and_sortable(void **state)
{
	(void)state;
	char s[32];
	state_dir_stamp(0, s, sizeof s);
	assert_string_equal(s, "19700101T000000Z");
	state_dir_stamp(1796256000 + 3600 + 61, s, sizeof s);   /* 2026-12-03 01:01:01 UTC */
	assert_string_equal(s, "20261203T010101Z");
}

static void set_names_are_recognised_exactly(void **state)
{
	(void)state;
	assert_true(state_dir_is_set_name("20261203T010101Z"));
	assert_true(state_dir_is_set_name("20261203T010101Z-2"));
	assert_true(state_dir_is_set_name("20261203T010101Z-999"));
	assert_false(state_dir_is_set_name("20261203T010101Z-0"));
	assert_false(state_dir_is_set_name("20261203T010101Z-02"));
	assert_false(state_dir_is_set_name("20261203T010101Z-1000"));
	assert_false(state_dir_is_set_name("20261203T010101Z-"));
	assert_false(state_dir_is_set_name("20261203T010101"));
	assert_false(state_dir_is_set_name("20261203T01010AZ"));
	assert_false(state_dir_is_set_name("20261203X010101Z"));
	assert_false(state_dir_is_set_name(".incomplete.abc"));
	assert_false(state_dir_is_set_name("latest"));
	assert_false(state_dir_is_set_name("../20261203T010101Z"));
	assert_false(state_dir_is_set_name("20261203T010101Zx"));
}

static int write_text(FILE *out, void *arg)
{
	return fputs(arg, out) < 0 ? -EIO : 0;
}

static int write_failing(FILE *out, void *arg)
{
	(void)out;
	(void)arg;
	return -ENOSPC;
}

static char *make_scratch(void)
{
	char *tmpl = xstrdup("/tmp/test_state_dir.XXXXXX");
	assert_non_null(mkdtemp(tmpl));
	return tmpl;
}

static void remove_scratch(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static char *read_latest(const char *dir)
{
	char *p = xasprintf("%s/latest", dir);
	char buf[256];
	ssize_t n = readlink(p, buf, sizeof buf - 1);
	free(p);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return xstrdup(buf);
}

static void commit_orders_and_prunes(void **state)
{
	(void)state;
	char *dir = make_scratch();
	struct state_dir *sd = NULL;
	char *why = NULL;
	assert_int_equal(state_dir_open(dir, &sd, &why), 0);
	const struct state_file files[] = { { "report.json", write_text, (void *)"{}\n" } };
	/* Twelve runs in one second: STAMP, STAMP-2 ... STAMP-12, in that order. */
	char *name = NULL;
	for (int i = 0; i < 12; i++) {
		free(name);
		name = NULL;
		assert_int_equal(state_dir_commit(sd, 1796256000, files, 1, &name, &why), 0);
	}
	assert_string_equal(name, "20261203T000000Z-12");
	char *latest = read_latest(dir);
	assert_string_equal(latest, "runs/20261203T000000Z-12");
	free(latest);
	char **names = NULL;
	assert_int_equal(state_dir_list(sd, &names, &why), 12);
	assert_string_equal(names[0], "20261203T000000Z");
	assert_string_equal(names[1], "20261203T000000Z-2");
	assert_string_equal(names[9], "20261203T000000Z-10");
	assert_string_equal(names[11], "20261203T000000Z-12");
	strv_free(names);
	/* An older set by name that `latest` points to (a clock set back) is
	 * kept, and counts towards --keep. */
	free(name);
	name = NULL;
	assert_int_equal(state_dir_commit(sd, 1700000000, files, 1, &name, &why), 0);
	free(name);
	assert_int_equal(state_dir_prune(sd, 3, &why), 10);
	assert_int_equal(state_dir_list(sd, &names, &why), 3);
	assert_string_equal(names[0], "20231114T221320Z");
	assert_string_equal(names[1], "20261203T000000Z-11");
	assert_string_equal(names[2], "20261203T000000Z-12");
	strv_free(names);
	assert_int_equal(state_dir_prune(sd, 3, &why), 0);
	assert_int_equal(state_dir_prune(sd, 0, &why), -EINVAL);
	free(why);
	why = NULL;
	state_dir_close(sd);
	remove_scratch(dir);
	free(dir);
}

static void a_failed_writer_adds_no_set(void **state)
{
	(void)state;
	char *dir = make_scratch();
	struct state_dir *sd = NULL;
	char *why = NULL;
	assert_int_equal(state_dir_open(dir, &sd, &why), 0);
	const struct state_file good[] = { { "report.json", write_text, (void *)"{}\n" } };
	assert_int_equal(state_dir_commit(sd, 1796256000, good, 1, NULL, &why), 0);
	const struct state_file bad[] = {
		{ "report.json", write_text, (void *)"{}\n" },
		{ "report.xccdf.xml", write_failing, NULL },
	};
	assert_int_equal(state_dir_commit(sd, 1796259600, bad, 2, NULL, &why), -ENOSPC);
	assert_non_null(strstr(why, "report.xccdf.xml"));
	assert_non_null(strstr(why, "No space left on device"));
	free(why);
	char **names = NULL;
	assert_int_equal(state_dir_list(sd, &names, &why), 1);
	strv_free(names);
	char *latest = read_latest(dir);
	assert_string_equal(latest, "runs/20261203T000000Z");
	free(latest);
	state_dir_close(sd);
	/* Nothing but the lock, the link and runs/ is left. */
	char *cmd = xasprintf("test \"$(ls -A '%s' | tr '\\n' ' ')\" = '.lock latest runs '", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	remove_scratch(dir);
	free(dir);
}

static void a_second_opener_is_refused(void **state)
{
	(void)state;
	char *dir = make_scratch();
	struct state_dir *a = NULL, *b = NULL;
	char *why = NULL;
	assert_int_equal(state_dir_open(dir, &a, &why), 0);
	assert_int_equal(state_dir_open(dir, &b, &why), -EWOULDBLOCK);
	assert_non_null(strstr(why, "in use by another dockaudit run"));
	free(why);
	why = NULL;
	state_dir_close(a);
	assert_int_equal(state_dir_open(dir, &b, &why), 0);
	state_dir_close(b);
	state_dir_close(NULL);
	remove_scratch(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stamps_are_utc_and_sortable),
		cmocka_unit_test(set_names_are_recognised_exactly),
		cmocka_unit_test(commit_orders_and_prunes),
		cmocka_unit_test(a_failed_writer_adds_no_set),
		cmocka_unit_test(a_second_opener_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
