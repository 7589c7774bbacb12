/* test_audit_log.c - the audit log parser (src/parse/audit_log.c, through
 * libauparse) on the fixture log with hex-encoded and split arguments, on
 * garbage, cut input and its caps; and the docker client's command line
 * as docker_exec_parse() reads it (src/parse/docker_cli.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit_log.h"
#include "docker_cli.h"
#include "file_read.h"
#include "util.h"

#define FIXTURE_LOG "tests/fixtures/roots/audit-log/srv/audit/docker-audit.log"

static struct buf read_fixture(const char *path)
{
	struct buf b = BUF_INIT;
	assert_int_equal(read_regular_file(path, 1024 * 1024, &b, NULL), 0);
	return b;
}

static void assert_argv(const struct audit_log_exec *x, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	assert_int_equal(x->argc, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(x->argv[i], want[i]);
	assert_null(x->argv[n]);
}

/* The fixture: five docker client runs, four of them exec commands; the
 * arguments with a space are hex, one long one comes in pieces; garbage
 * lines and cut records in between change nothing. */
static void fixture_log(void **state)
{
	(void)state;
	struct buf b = read_fixture(FIXTURE_LOG);
	struct audit_log_scan s;
	audit_log_scan_init(&s, 100);
	audit_log_scan_buffer(&s, b.data, b.len);
	assert_int_equal(s.docker_runs, 5);
	assert_int_equal(s.docker_execs, 4);
	assert_int_equal(s.n_execs, 4);

	const struct audit_log_exec *x = &s.execs[0];
	assert_argv(x, (const char *const[]){ "docker", "exec", "--privileged", "web", "sh", "-c",
					      "echo hi there", NULL });
	assert_true(x->time > 1714000000.1 && x->time < 1714000000.2);
	assert_int_equal(x->serial, 456);
	assert_int_equal(x->auid, 1000);
	assert_int_equal(x->uid, 0);
	assert_string_equal(x->exe, "/usr/bin/docker");
	assert_string_equal(x->key, "docker");
	assert_int_equal(x->argc_recorded, 7);
	assert_false(x->argv_truncated);

	/* the ENRICHED format's interpreted fields after the record */
	assert_argv(&s.execs[1], (const char *const[]){ "docker", "exec", "-u", "0", "db", "id", NULL });
	assert_int_equal(s.execs[1].auid, 1000);

	/* a5_len= a5[0]= a5[1]= ...: one argument again */
	char long_arg[128];
	snprintf(long_arg, sizeof(long_arg), "%.60s --privileged",
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	assert_argv(&s.execs[2], (const char *const[]){ "docker", "exec", "web", "sh", "-c",
							long_arg, NULL });

	/* a key-less rule's "(null)" is no key */
	assert_null(s.execs[3].key);
	assert_int_equal(s.execs[3].auid, 4294967295LL);
	audit_log_scan_clear(&s);
	buf_free(&b);
}

/* auditd's name_format puts "node=NAME " before each record. */
static void node_prefix(void **state)
{
	(void)state;
	static const char log[] =
		"node=web01 type=SYSCALL msg=audit(1714000000.000:9): arch=c000003e syscall=59 "
		"success=yes exit=0 auid=1000 uid=0 comm=\"docker\" exe=\"/usr/bin/docker\" key=\"docker\"\n"
		"node=web01 type=EXECVE msg=audit(1714000000.000:9): argc=3 a0=\"docker\" a1=\"exec\" "
		"a2=\"web\"\n"
		"node=web01 type=EOE msg=audit(1714000000.000:9): \n";
	struct audit_log_scan s;
	audit_log_scan_init(&s, 10);
	audit_log_scan_buffer(&s, log, sizeof(log) - 1);
	assert_int_equal(s.n_execs, 1);
	assert_string_equal(s.execs[0].argv[2], "web");
	assert_string_equal(s.execs[0].exe, "/usr/bin/docker");
	audit_log_scan_clear(&s);
}

/* Compose's plugin, as the docker client starts it, is a client too. */
static void compose_plugin(void **state)
{
	(void)state;
	static const char log[] =
		"type=SYSCALL msg=audit(1714000000.000:9): arch=c000003e syscall=59 success=yes exit=0 "
		"auid=1000 uid=0 comm=\"docker-compose\" "
		"exe=\"/usr/libexec/docker/cli-plugins/docker-compose\" key=\"docker\"\n"
		"type=EXECVE msg=audit(1714000000.000:9): argc=5 "
		"a0=\"/usr/libexec/docker/cli-plugins/docker-compose\" a1=\"compose\" a2=\"exec\" "
		"a3=\"--privileged\" a4=\"app\"\n"
		"type=EOE msg=audit(1714000000.000:9): \n";
	struct audit_log_scan s;
	audit_log_scan_init(&s, 10);
	audit_log_scan_buffer(&s, log, sizeof(log) - 1);
	assert_int_equal(s.docker_runs, 1);
	assert_int_equal(s.n_execs, 1);
	struct docker_exec_cmd cmd;
	assert_true(docker_exec_parse(s.execs[0].argv, &cmd));
	assert_true(cmd.privileged);
	assert_string_equal(cmd.container, "app");
	audit_log_scan_clear(&s);
}

/* Fed a byte at a time, the result is the same. */
static void fixture_fed_in_pieces(void **state)
{
	(void)state;
	struct buf b = read_fixture(FIXTURE_LOG);
	struct audit_log_scan s;
	audit_log_scan_init(&s, 100);
	struct audit_log_parser *p = audit_log_parser_new(&s);
	assert_non_null(p);
	for (size_t i = 0; i < b.len; i++)
		audit_log_parser_feed(p, b.data + i, 1);
	audit_log_parser_finish(p);
	assert_int_equal(s.docker_execs, 4);
	assert_int_equal(s.n_execs, 4);
	assert_string_equal(s.execs[0].argv[6], "echo hi there");
	audit_log_scan_clear(&s);
	buf_free(&b);
}

static const char good_event[] =
	"type=SYSCALL msg=audit(1714000000.000:9): arch=c000003e syscall=59 success=yes exit=0 "
	"auid=1000 uid=0 comm=\"docker\" exe=\"/usr/bin/docker\" key=\"docker\"\n"
	"type=EXECVE msg=audit(1714000000.000:9): argc=4 a0=\"docker\" a1=\"exec\" "
	"a2=\"--privileged\" a3=\"web\"\n"
	"type=EOE msg=audit(1714000000.000:9): \n";

/* Garbage never crashes the parser, yields no command, and a good event
 * after it is still found. */
static void garbage_lines(void **state)
{
	(void)state;
	static const char *const junk[] = {
		"",
		"\n\n\n",
		"garbage\n",
		"type=\n",
		"type=EXECVE\n",
		"type=EXECVE msg=audit(\n",
		"type=EXECVE msg=audit(1714000000.000:\n",
		"type=EXECVE msg=audit(1714000000.000:7): argc=3 a0=\"docker\" a1=\n",
		"type=EXECVE msg=audit(1714000000.000:7): argc=99999999999999999999 a0=\"docker\" a1=\"exec\"\n",
		"type=EXECVE msg=audit(1714000000.000:8): argc=2 a0=ZZZZ a1=\"exec\" a999999999999=\"x\"\n",
		"type=EXECVE msg=audit(1714000000.000:8): a0=\"docker\" a1=\"exec\" a1[0]=41 a1[99]=42 a1_len=-5\n",
		"type=EXECVE msg=audit(1714000000.000:8): a0=646F636B6572 a1=6578656 a2=\"\n",
		"type=SYSCALL msg=audit(1714000000.000:8): auid=-1 uid=abc exe=\n",
		"type=SYSCALL msg=audit(99999999999999999999.999:18446744073709551616): a0=1\n",
		"\x1d\x1d\x1d===\"\"\"\n",
		/* lines that made libauparse 3.0.9 lose memory (the fuzzer's
		 * finds): never given to it */
		"Ea msg=audit(1714000000.000:550\n",
		"type= msg=audit(1714000000.000:550\n",
		"E msg=audit(1aua5:550\n",
		"node= type=SYSCALL msg=audit(1714000000.000:9): a0=1\n",
		"type=EXECVE msg=audit(1714000000.000:10): argc=2 a0=\"docker\" a1=\"exec\"",  /* no newline */
	};
	for (size_t i = 0; i < ARRAY_SIZE(junk); i++) {
		struct audit_log_scan s;
		audit_log_scan_init(&s, 10);
		audit_log_scan_buffer(&s, junk[i], strlen(junk[i]));
		for (size_t k = 0; k < s.n_execs; k++)
			assert_non_null(s.execs[k].argv);
		audit_log_scan_clear(&s);

		/* the garbage, then a good event */
		struct buf b = BUF_INIT;
		buf_puts(&b, junk[i]);
		buf_puts(&b, "\n");
		buf_puts(&b, good_event);
		audit_log_scan_init(&s, 10);
		audit_log_scan_buffer(&s, b.data, b.len);
		bool found = false;
		for (size_t k = 0; k < s.n_execs; k++)
			found |= s.execs[k].serial == 9 && s.execs[k].argc == 4 &&
				 strcmp(s.execs[k].argv[2], "--privileged") == 0;
		if (!found)
			fail_msg("after junk %zu the good event is lost", i);
		audit_log_scan_clear(&s);
		buf_free(&b);
	}

	/* bytes that are not text at all */
	char noise[4096];
	unsigned x = 12345;
	for (size_t i = 0; i < sizeof(noise); i++) {
		x = x * 1103515245u + 12345u;
		noise[i] = (char)(x >> 16);
	}
	struct audit_log_scan s;
	audit_log_scan_init(&s, 10);
	audit_log_scan_buffer(&s, noise, sizeof(noise));
	audit_log_scan_clear(&s);
}

/* At most AUDIT_LOG_ARGS_MAX arguments and AUDIT_LOG_ARG_BYTES_MAX bytes
 * of each, however many EXECVE records the kernel split the command line
 * over; at most max_execs commands kept, all counted. */
static void caps(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	for (int e = 0; e < 3; e++) {
		buf_printf(&b, "type=SYSCALL msg=audit(1714000000.000:%d): arch=c000003e syscall=59 "
			   "success=yes exit=0 auid=1000 uid=0 comm=\"docker\" exe=\"/usr/bin/docker\" "
			   "key=\"docker\"\n", 20 + e);
		buf_printf(&b, "type=EXECVE msg=audit(1714000000.000:%d): argc=300 a0=\"docker\" a1=\"exec\"", 20 + e);
		for (int i = 2; i < 150; i++)
			buf_printf(&b, " a%d=\"x%d\"", i, i);
		buf_printf(&b, "\ntype=EXECVE msg=audit(1714000000.000:%d):", 20 + e);
		for (int i = 150; i < 300; i++)
			buf_printf(&b, " a%d=\"x%d\"", i, i);
		/* a3 again, in pieces over three more records: 3 x 2000 bytes */
		for (int k = 0; k < 3; k++) {
			buf_printf(&b, "\ntype=EXECVE msg=audit(1714000000.000:%d): a3_len=12000 a3[%d]=", 20 + e, k);
			for (int i = 0; i < 2000; i++)
				buf_puts(&b, "41");
		}
		buf_printf(&b, "\ntype=EOE msg=audit(1714000000.000:%d): \n", 20 + e);
	}
	struct audit_log_scan s;
	audit_log_scan_init(&s, 2);
	audit_log_scan_buffer(&s, b.data, b.len);
	assert_int_equal(s.docker_execs, 3);
	assert_int_equal(s.n_execs, 2);
	assert_int_equal(s.execs[0].argc, AUDIT_LOG_ARGS_MAX);
	assert_true(s.execs[0].argv_truncated);
	assert_int_equal(s.execs[0].argc_recorded, 300);
	assert_int_equal(strlen(s.execs[0].argv[3]), AUDIT_LOG_ARG_BYTES_MAX);
	assert_int_equal(strncmp(s.execs[0].argv[3], "x3AAAA", 6), 0);
	assert_string_equal(s.execs[0].argv[255], "x255");
	audit_log_scan_clear(&s);
	buf_free(&b);
}

/* ---- docker_exec_parse ---- */

struct exec_case {
	const char *const argv[12];
	bool is_exec, privileged;
	const char *user, *container;
};

static void docker_cli_exec(void **state)
{
	(void)state;
	static const struct exec_case cases[] = {
		{ { "docker", "exec", "--privileged", "web", "sh", NULL }, true, true, NULL, "web" },
		{ { "docker", "exec", "--privileged=false", "web", "sh", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "--privileged", "--privileged=0", "web", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "--privileged=true", "web", NULL }, true, true, NULL, "web" },
		{ { "docker", "exec", "web", "sh", "-c", "--privileged", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "web", "id", "-u", "0", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "-u", "0", "web", "id", NULL }, true, false, "0", "web" },
		{ { "docker", "exec", "-uroot", "web", NULL }, true, false, "root", "web" },
		{ { "docker", "exec", "-u=root", "web", NULL }, true, false, "root", "web" },
		{ { "docker", "exec", "-itu", "root", "web", "sh", NULL }, true, false, "root", "web" },
		{ { "docker", "exec", "-itu0:0", "web", NULL }, true, false, "0:0", "web" },
		{ { "docker", "exec", "--user", "app", "--user=root", "web", NULL }, true, false, "root", "web" },
		{ { "docker", "exec", "-e", "-u", "web", "sh", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "-w", "/tmp", "--env-file", "--privileged", "web", NULL }, true, false, NULL, "web" },
		{ { "docker", "exec", "--", "web", "sh", NULL }, true, false, NULL, "web" },
		{ { "/usr/bin/docker", "-H", "unix:///run/d.sock", "--tls", "exec", "-it", "--privileged", "db", NULL },
		  true, true, NULL, "db" },
		{ { "docker", "--context=prod", "-D", "container", "exec", "-u", "0", "db", NULL }, true, false, "0", "db" },
		{ { "docker", "compose", "exec", "--privileged", "app", "sh", NULL }, true, true, NULL, "app" },
		{ { "docker", "compose", "-f", "exec.yml", "-p", "prod", "exec", "-u", "0", "-T", "app", NULL },
		  true, false, "0", "app" },
		{ { "docker", "compose", "exec", "--index", "2", "app", "id", "-u", "root", NULL },
		  true, false, NULL, "app" },
		{ { "/usr/libexec/docker/cli-plugins/docker-compose", "compose", "exec", "--user=root", "db", NULL },
		  true, false, "root", "db" },
		{ { "docker-compose", "--project-name", "x", "exec", "--privileged", "web", NULL }, true, true, NULL, "web" },
		{ { "docker-compose", "run", "--privileged", "web", "exec", NULL }, false, false, NULL, NULL },
		{ { "docker", "compose", "-f", "exec", "ps", NULL }, false, false, NULL, NULL },
		{ { "docker", "-H", "exec", "ps", NULL }, false, false, NULL, NULL },
		{ { "docker", "ps", "exec", NULL }, false, false, NULL, NULL },
		{ { "docker", "run", "--privileged", "img", "exec", NULL }, false, false, NULL, NULL },
		{ { "docker", NULL }, false, false, NULL, NULL },
		{ { "docker", "exec", NULL }, true, false, NULL, NULL },
		{ { "docker", "exec", "-u", NULL }, true, false, NULL, NULL },
		{ { "docker", "exec", "--privileged", NULL }, true, true, NULL, NULL },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct exec_case *c = &cases[i];
		struct docker_exec_cmd cmd;
		bool is = docker_exec_parse((char *const *)c->argv, &cmd);
		if (is != c->is_exec)
			fail_msg("case %zu: exec %d, expected %d", i, is, c->is_exec);
		if (!is)
			continue;
		if (cmd.privileged != c->privileged)
			fail_msg("case %zu: privileged %d, expected %d", i, cmd.privileged, c->privileged);
		if (!!cmd.user != !!c->user || (c->user && strcmp(cmd.user, c->user) != 0))
			fail_msg("case %zu: user %s, expected %s", i, cmd.user ? cmd.user : "(none)",
				 c->user ? c->user : "(none)");
		if (!!cmd.container != !!c->container ||
		    (c->container && strcmp(cmd.container, c->container) != 0))
			fail_msg("case %zu: container %s, expected %s", i,
				 cmd.container ? cmd.container : "(none)", c->container ? c->container : "(none)");
	}
	struct docker_exec_cmd cmd;
	assert_false(docker_exec_parse(NULL, &cmd));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_log),
		cmocka_unit_test(fixture_fed_in_pieces),
		cmocka_unit_test(node_prefix),
		cmocka_unit_test(compose_plugin),
		cmocka_unit_test(garbage_lines),
		cmocka_unit_test(caps),
		cmocka_unit_test(docker_cli_exec),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
