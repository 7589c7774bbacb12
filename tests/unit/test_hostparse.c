/* test_hostparse.c - the pure host-file parsers on good and hostile input:
 * audit rule lines, systemd units, env files, accounts, mountinfo,
 * daemon.json and dockerd flags. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libaudit.h>
#include <linux/audit.h>

#include "facts.h"
#include "dockerd_argv.h"
#include "accounts.h"
#include "audit_rules.h"
#include "daemon_json.h"
#include "env_file.h"
#include "host_addr.h"
#include "mountinfo.h"
#include "systemd_unit.h"
#include "util.h"

/* ---- audit rule lines ---- */

static void parse_ok(const char *line, struct audit_rule *r)
{
	const char *why = NULL;
	int rc = audit_rule_parse_line(line, r, &why);
	if (rc != 0)
		fail_msg("'%s' rejected: %s", line, why ? why : "?");
}

static void assert_rule(const struct audit_rule *r, enum audit_line_action action,
			const char *path, const char *perms, const char *key, const char *kind)
{
	assert_int_equal(r->action, action);
	assert_string_equal(r->path, path);
	assert_string_equal(r->perms, perms);
	if (key)
		assert_string_equal(r->key, key);
	else
		assert_null(r->key);
	assert_string_equal(r->kind, kind);
}

static void audit_watch_syntax(void **state)
{
	(void)state;
	struct audit_rule r;
	parse_ok("-w /usr/bin/dockerd -p rwxa -k docker", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/usr/bin/dockerd", "rwxa", "docker", "watch");
	assert_true(r.watch_option);
	audit_rule_clear(&r);

	/* -p in any order is canonicalised; missing -k is fine */
	parse_ok("  -w /etc/docker/daemon.json -p aw", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/etc/docker/daemon.json", "wa", NULL, "watch");
	assert_true(r.watch_option);
	audit_rule_clear(&r);

	/* missing -p means every permission; trailing slash removed, nothing else */
	parse_ok("-w /etc/docker/ -k docker", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/etc/docker", "rwxa", "docker", "watch");
	assert_false(r.perms_given);
	audit_rule_clear(&r);

	parse_ok("-w /etc//docker/./x -k k", &r);
	assert_string_equal(r.path, "/etc//docker/./x");
	audit_rule_clear(&r);

	parse_ok("-w / -p x", &r);
	assert_string_equal(r.path, "/");
	audit_rule_clear(&r);

	/* options before the watch, quoting */
	parse_ok("-k \"my key\" -p 'wa' -w \"/srv/my docker\"", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/srv/my docker", "wa", "my key", "watch");
	audit_rule_clear(&r);

	/* a trailing comment */
	parse_ok("-w /run/containerd -p wa -k docker # runtime dir", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/run/containerd", "wa", "docker", "watch");
	audit_rule_clear(&r);
}

static void audit_syscall_syntax(void **state)
{
	(void)state;
	struct audit_rule r;
	/* conditions that narrow the rule are kept as written */
	parse_ok("-a always,exit -F path=/usr/bin/containerd -F perm=x -F auid>=1000 "
		 "-F auid!=unset -k docker", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/usr/bin/containerd", "x", "docker", "watch");
	assert_false(r.watch_option);
	assert_false(r.never);
	assert_null(r.syscalls);
	assert_non_null(r.conditions);
	assert_string_equal(r.conditions[0], "auid>=1000");
	assert_string_equal(r.conditions[1], "auid!=unset");
	assert_null(r.conditions[2]);
	audit_rule_clear(&r);

	/* exit,always order; key as a field; dir= is a recursive rule */
	parse_ok("-a exit,always -F dir=/var/lib/docker/ -F perm=wa -F key=docker", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/var/lib/docker", "wa", "docker", "dir");
	assert_null(r.conditions);
	audit_rule_clear(&r);

	/* no perm= means every permission; -S lists are kept, -A prepends */
	parse_ok("-A always,exit -F arch=b64 -S openat,truncate -S chmod "
		 "-F path=/etc/docker/daemon.json", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/etc/docker/daemon.json", "rwxa", NULL, "watch");
	assert_true(r.prepend);
	assert_string_equal(r.arch, "b64");
	assert_non_null(r.syscalls);
	assert_string_equal(r.syscalls[0], "openat");
	assert_string_equal(r.syscalls[1], "truncate");
	assert_string_equal(r.syscalls[2], "chmod");
	assert_null(r.syscalls[3]);
	assert_null(r.conditions);
	audit_rule_clear(&r);

	/* -S all is every system call */
	parse_ok("-a always,exit -S all -F dir=/etc/docker -F perm=wa", &r);
	assert_null(r.syscalls);
	audit_rule_clear(&r);

	/* never rules are kept, with a path or without one */
	parse_ok("-a never,exit -F path=/usr/bin/dockerd", &r);
	assert_rule(&r, AUDIT_LINE_ADD, "/usr/bin/dockerd", "rwxa", NULL, "watch");
	assert_true(r.never);
	audit_rule_clear(&r);
	parse_ok("-a never,exit -F arch=b64 -S adjtimex -F auid=unset -F uid=chrony", &r);
	assert_int_equal(r.action, AUDIT_LINE_ADD);
	assert_true(r.never);
	assert_null(r.path);
	assert_string_equal(r.kind, "syscall");
	assert_string_equal(r.syscalls[0], "adjtimex");
	assert_string_equal(r.conditions[1], "uid=chrony");
	audit_rule_clear(&r);

	/* not file rules */
	parse_ok("-a always,exit -F arch=b64 -S execve -k exec", &r);
	assert_int_equal(r.action, AUDIT_LINE_NONE);
	parse_ok("-a always,exclude -F msgtype=CWD", &r);
	assert_int_equal(r.action, AUDIT_LINE_NONE);
	parse_ok("-a never,task", &r);
	assert_int_equal(r.action, AUDIT_LINE_NONE);
	parse_ok("-a always,exit -F path!=/tmp -S open", &r);
	assert_int_equal(r.action, AUDIT_LINE_NONE);
	audit_rule_clear(&r);
}

/* The facts bundle carries rules as audit_rule_to_json() writes them and
 * the host model reads them back with audit_rule_from_json(): one
 * representation, so a rule must come back as it went. */
static void audit_rule_json_round_trip(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"-w /usr/bin/dockerd -p wa -k docker",
		"-a always,exit -F arch=b64 -S openat,chmod -F path=/etc/docker/daemon.json -F auid>=1000",
		"-a never,exit -F auid=1000",
		"-a always,exit -F dir=/var/lib/docker -F perm=r",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct audit_rule r, back;
		parse_ok(lines[i], &r);
		json_t *j = audit_rule_to_json(&r);
		audit_rule_from_json(j, &back);
		json_t *again = audit_rule_to_json(&back);
		assert_true(json_equal(j, again));
		assert_int_equal(back.never, r.never);
		assert_string_equal(back.kind, r.kind);
		json_decref(j);
		json_decref(again);
		audit_rule_clear(&r);
		audit_rule_clear(&back);
	}
	/* what a bundle leaves out reads as auditctl's defaults, and a list
	 * entry of the wrong type never widens the rule */
	json_t *o = json_pack("{s:s, s:[i]}", "path", "/etc/docker", "syscalls", 7);
	struct audit_rule r;
	audit_rule_from_json(o, &r);
	assert_string_equal(r.perms, "rwxa");
	assert_string_equal(r.kind, "watch");
	assert_false(r.never);
	assert_non_null(r.syscalls);
	assert_string_equal(r.syscalls[0], "?");
	assert_null(r.syscalls[1]);
	audit_rule_clear(&r);
	json_decref(o);
}

static void audit_control_lines(void **state)
{
	(void)state;
	struct audit_rule r;
	const char *blank[] = { "", "   ", "# a comment", "\t# -w /etc/docker -k x", "-b 8192",
				"-e 2", "-f 1", "--backlog_wait_time 60000", "-r 100" };
	for (size_t i = 0; i < ARRAY_SIZE(blank); i++) {
		parse_ok(blank[i], &r);
		assert_int_equal(r.action, AUDIT_LINE_NONE);
		audit_rule_clear(&r);
	}
	parse_ok("-D", &r);
	assert_int_equal(r.action, AUDIT_LINE_DELETE_ALL);
	assert_null(r.key);
	audit_rule_clear(&r);
	parse_ok("-D -k docker", &r);
	assert_int_equal(r.action, AUDIT_LINE_DELETE_ALL);
	assert_string_equal(r.key, "docker");
	audit_rule_clear(&r);

	parse_ok("-W /etc/docker -k docker", &r);
	assert_rule(&r, AUDIT_LINE_REMOVE, "/etc/docker", "rwxa", "docker", "watch");
	audit_rule_clear(&r);
	parse_ok("-d always,exit -F dir=/var/lib/docker -F perm=wa", &r);
	assert_rule(&r, AUDIT_LINE_REMOVE, "/var/lib/docker", "wa", NULL, "dir");
	audit_rule_clear(&r);
}

static void audit_garbage(void **state)
{
	(void)state;
	const char *bad[] = {
		"hello world",
		"-w",
		"-w relative/path -k x",
		"-w /etc/docker -p rwz",
		"-w /etc/docker -p rr",
		"-w /etc/docker -p ''",
		"-w /etc/docker -k",
		"-w \"/etc/docker -k x",
		"-a always -F path=/x",
		"-a sometimes,exit -F path=/x",
		"-a always,exit -F =x",
		"-a always,exit -F path>/x",
		"-a always,exit -F path=/x -F perm!=w",
		"-w /a -W /b",
		"-w /etc/docker extra",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct audit_rule r;
		const char *why = NULL;
		if (audit_rule_parse_line(bad[i], &r, &why) != -EINVAL)
			fail_msg("'%s' was accepted", bad[i]);
		assert_non_null(why);
		assert_null(r.path);
	}
}

static void apply(json_t *rules, const char *line, unsigned n)
{
	struct audit_rule r;
	parse_ok(line, &r);
	audit_ruleset_apply(rules, &r, "/etc/audit/rules.d/x.rules", n);
	audit_rule_clear(&r);
}

static void audit_ruleset_order(void **state)
{
	(void)state;
	json_t *rules = json_array();
	apply(rules, "-w /old -k old", 1);
	apply(rules, "-D", 2);
	assert_int_equal(json_array_size(rules), 0);
	apply(rules, "-w /etc/docker -p wa -k docker", 3);
	apply(rules, "-w /etc/docker -p x -k other", 4);
	apply(rules, "-w /usr/bin/dockerd -k docker", 5);
	apply(rules, "-w /run/containerd -k tmp", 6);
	assert_int_equal(json_array_size(rules), 4);
	/* -W with perms removes only the matching rule */
	apply(rules, "-W /etc/docker -p x", 7);
	assert_int_equal(json_array_size(rules), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rules, 0), "perms")), "wa");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rules, 0), "line")), 3);
	/* -D -k removes only that key */
	apply(rules, "-D -k tmp", 8);
	assert_int_equal(json_array_size(rules), 2);
	/* removal of a path that is not there is harmless; substrings do not match */
	apply(rules, "-W /etc/docker/daemon.json", 9);
	apply(rules, "-W /usr/bin/docker", 10);
	assert_int_equal(json_array_size(rules), 2);
	json_decref(rules);
}

static void audit_kernel_rule_decoding(void **state)
{
	(void)state;
	const char path[] = "/usr/bin/dockerd";
	const char key[] = "docker\001second";
	size_t pl = strlen(path), kl = sizeof(key) - 1;
	size_t size = sizeof(struct audit_rule_data) + pl + kl;
	struct audit_rule_data *d = calloc(1, size);
	d->flags = AUDIT_FILTER_EXIT;
	d->action = AUDIT_ALWAYS;
	d->field_count = 4;
	d->fields[0] = AUDIT_ARCH | AUDIT_EQUAL;      /* a number before the strings */
	d->values[0] = 0xc000003e;
	d->fields[1] = AUDIT_WATCH | AUDIT_EQUAL;
	d->values[1] = (unsigned)pl;
	d->fields[2] = AUDIT_PERM | AUDIT_EQUAL;
	d->values[2] = AUDIT_PERM_WRITE | AUDIT_PERM_ATTR;
	d->fields[3] = AUDIT_FILTERKEY | AUDIT_EQUAL;
	d->values[3] = (unsigned)kl;
	d->buflen = (unsigned)(pl + kl);
	memcpy(d->buf, path, pl);
	memcpy(d->buf + pl, key, kl);

	struct audit_rule r;
	assert_int_equal(audit_rule_from_data(d, size, &r), 0);
	assert_rule(&r, AUDIT_LINE_ADD, "/usr/bin/dockerd", "wa", "docker", "watch");
	audit_rule_clear(&r);

	d->fields[1] = AUDIT_DIR | AUDIT_EQUAL;
	d->fields[2] = AUDIT_PID | AUDIT_EQUAL;       /* no perm: every permission */
	assert_int_equal(audit_rule_from_data(d, size, &r), 0);
	assert_rule(&r, AUDIT_LINE_ADD, "/usr/bin/dockerd", "rwxa", "docker", "dir");
	audit_rule_clear(&r);

	/* truncated buffers and lying lengths are refused */
	assert_int_equal(audit_rule_from_data(d, size - 3, &r), -EINVAL);
	d->values[3] = 1000;
	assert_int_equal(audit_rule_from_data(d, size, &r), -EINVAL);
	d->values[3] = (unsigned)kl;
	d->field_count = 1000;
	assert_int_equal(audit_rule_from_data(d, size, &r), -EINVAL);
	d->field_count = 4;

	/* an always rule without a path is not ours */
	d->fields[1] = AUDIT_FILTERKEY | AUDIT_EQUAL;
	d->values[1] = (unsigned)pl;
	assert_int_equal(audit_rule_from_data(d, size, &r), -ENOENT);
	/* a never rule is kept: it may silence a file's rule */
	d->fields[1] = AUDIT_WATCH | AUDIT_EQUAL;
	d->action = AUDIT_NEVER;
	assert_int_equal(audit_rule_from_data(d, size, &r), 0);
	assert_true(r.never);
	assert_string_equal(r.path, "/usr/bin/dockerd");
	audit_rule_clear(&r);
	/* other lists are not */
	d->flags = AUDIT_FILTER_TASK;
	assert_int_equal(audit_rule_from_data(d, size, &r), -ENOENT);
	free(d);
}

/* Rules built with libaudit's own functions, as auditctl builds them
 * before sending them to the kernel, decode as they were written. */
static struct audit_rule_data *libaudit_rule(const char *const *fields, const char *syscall,
					     const char *watch)
{
	struct audit_rule_data *d = audit_rule_create_data();
	assert_non_null(d);
	if (watch)
		assert_int_equal(audit_add_watch_dir(AUDIT_WATCH, &d, watch), 0);
	if (syscall)
		assert_int_equal(audit_rule_syscallbyname_data(d, syscall), 0);
	for (; fields && *fields; fields++) {
		char *f = strdup(*fields);
		assert_int_equal(audit_rule_fieldpair_data(&d, f, AUDIT_FILTER_EXIT), 0);
		free(f);
	}
	d->flags = AUDIT_FILTER_EXIT;
	d->action = AUDIT_ALWAYS;
	return d;
}

static void audit_kernel_rules_from_libaudit(void **state)
{
	(void)state;
	struct audit_rule r;
	/* -w /etc/docker -p wa: every system call, no condition */
	const char *const perm_wa[] = { "perm=wa", NULL };
	struct audit_rule_data *d = libaudit_rule(perm_wa, NULL, "/etc/docker");
	assert_int_equal(audit_rule_from_data(d, sizeof(*d) + d->buflen, &r), 0);
	assert_rule(&r, AUDIT_LINE_ADD, "/etc/docker", "wa", NULL, "watch");
	assert_null(r.syscalls);
	assert_null(r.conditions);
	assert_null(r.arch);
	audit_rule_clear(&r);
	audit_rule_free_data(d);

	/* -a always,exit -F arch=b64 -S chmod -F path=... -F auid>=1000 */
	const char *const narrowed[] = { "arch=b64", "path=/usr/bin/dockerd", "auid>=1000", NULL };
	d = audit_rule_create_data();
	char *f0 = strdup(narrowed[0]);
	assert_int_equal(audit_rule_fieldpair_data(&d, f0, AUDIT_FILTER_EXIT), 0);
	free(f0);
	assert_int_equal(audit_rule_syscallbyname_data(d, "chmod"), 0);
	for (size_t i = 1; narrowed[i]; i++) {
		char *f = strdup(narrowed[i]);
		assert_int_equal(audit_rule_fieldpair_data(&d, f, AUDIT_FILTER_EXIT), 0);
		free(f);
	}
	d->flags = AUDIT_FILTER_EXIT;
	d->action = AUDIT_ALWAYS;
	assert_int_equal(audit_rule_from_data(d, sizeof(*d) + d->buflen, &r), 0);
	assert_string_equal(r.path, "/usr/bin/dockerd");
	assert_string_equal(r.arch, "x86_64");
	assert_non_null(r.syscalls);
	assert_string_equal(r.syscalls[0], "chmod");
	assert_null(r.syscalls[1]);
	assert_non_null(r.conditions);
	assert_string_equal(r.conditions[0], "auid>=1000");
	assert_null(r.conditions[1]);
	audit_rule_clear(&r);
	audit_rule_free_data(d);

	/* -S all is every system call */
	const char *const dir[] = { "dir=/var/lib/docker", "perm=wa", NULL };
	d = libaudit_rule(dir, "all", NULL);
	assert_int_equal(audit_rule_from_data(d, sizeof(*d) + d->buflen, &r), 0);
	assert_rule(&r, AUDIT_LINE_ADD, "/var/lib/docker", "wa", NULL, "dir");
	assert_null(r.syscalls);
	audit_rule_clear(&r);
	audit_rule_free_data(d);

	char out[5];
	audit_perms_from_mask(0, out);
	assert_string_equal(out, "");
	audit_perms_from_mask(0xf, out);
	assert_string_equal(out, "rwxa");
}

/* ---- systemd ---- */

static const char *argv_at(const json_t *cmds, size_t c, size_t i)
{
	return json_string_value(json_array_get(json_array_get(cmds, c), i));
}

static void systemd_exec_quoting(void **state)
{
	(void)state;
	json_t *c;
	assert_int_equal(unit_split_exec("-/usr/bin/dockerd -H fd:// \"--label=a b\" 'x\"y' "
					 "a\\x41\\tb 100%% \\;", &c), 0);
	assert_int_equal(json_array_size(c), 1);
	assert_string_equal(argv_at(c, 0, 0), "/usr/bin/dockerd");
	assert_string_equal(argv_at(c, 0, 1), "-H");
	assert_string_equal(argv_at(c, 0, 2), "fd://");
	assert_string_equal(argv_at(c, 0, 3), "--label=a b");
	assert_string_equal(argv_at(c, 0, 4), "x\"y");
	assert_string_equal(argv_at(c, 0, 5), "aA\tb");
	assert_string_equal(argv_at(c, 0, 6), "100%");
	assert_string_equal(argv_at(c, 0, 7), ";");
	json_decref(c);

	/* every prefix, '@' dropping the argv[0] override; ';' separates */
	assert_int_equal(unit_split_exec("!!@+:/usr/bin/dockerd my-dockerd -D ; -/bin/true x", &c), 0);
	assert_int_equal(json_array_size(c), 2);
	assert_string_equal(argv_at(c, 0, 0), "/usr/bin/dockerd");
	assert_string_equal(argv_at(c, 0, 1), "-D");
	assert_null(argv_at(c, 0, 2));
	assert_string_equal(argv_at(c, 1, 0), "/bin/true");
	assert_string_equal(argv_at(c, 1, 1), "x");
	json_decref(c);

	assert_int_equal(unit_split_exec("/usr/bin/dockerd \"unterminated", &c), -EINVAL);
	assert_int_equal(unit_split_exec("-@", &c), -EINVAL);
	assert_int_equal(unit_split_exec("; /bin/x", &c), -EINVAL);
}

static void systemd_dropins_reset(void **state)
{
	(void)state;
	struct unit_settings u;
	unit_settings_init(&u);
	const char main_unit[] =
		"[Unit]\nDescription=Docker\n\n[Service]\n"
		"# ExecStart=/not/this\n"
		"ExecStart=/usr/bin/dockerd -H fd:// \\\n"
		"  --containerd=/run/containerd/containerd.sock\n"
		"EnvironmentFile=-/etc/default/docker\n"
		"ListenStream=/not/a/service/key\n"
		"garbage line\n";
	unit_parse_text(&u, main_unit, strlen(main_unit));
	assert_int_equal(json_array_size(u.exec_start), 1);
	assert_string_equal(argv_at(u.exec_start, 0, 3),
			    "--containerd=/run/containerd/containerd.sock");
	assert_int_equal(json_array_size(u.listen_stream), 0);
	assert_int_equal(u.bad_lines, 1);

	const char dropin[] = "[Service]\r\nExecStart=\r\n"
			      "ExecStart=/usr/bin/dockerd --icc=false \"--label=x y\"\r\n"
			      "EnvironmentFile=\nEnvironmentFile=/etc/sysconfig/docker\n";
	unit_parse_text(&u, dropin, strlen(dropin));
	assert_int_equal(json_array_size(u.exec_start), 1);
	assert_string_equal(argv_at(u.exec_start, 0, 1), "--icc=false");
	assert_string_equal(argv_at(u.exec_start, 0, 2), "--label=x y");
	assert_int_equal(json_array_size(u.environment_files), 1);
	assert_string_equal(json_string_value(json_array_get(u.environment_files, 0)),
			    "/etc/sysconfig/docker");

	/* an unparseable ExecStart is ignored, the earlier one stays */
	const char bad[] = "[Service]\nExecStart=/x \"open\n";
	unit_parse_text(&u, bad, strlen(bad));
	assert_int_equal(json_array_size(u.exec_start), 1);
	assert_int_equal(u.bad_lines, 2);
	unit_settings_clear(&u);

	unit_settings_init(&u);
	const char sock[] = "[Socket]\nListenStream=/run/docker.sock\nListenStream=\n"
			    "ListenStream=/run/other.sock\nSocketMode=0660\n";
	unit_parse_text(&u, sock, sizeof(sock) - 1);
	assert_int_equal(json_array_size(u.listen_stream), 1);
	assert_string_equal(json_string_value(json_array_get(u.listen_stream, 0)), "/run/other.sock");
	unit_settings_clear(&u);
}

/* ---- env files ---- */

static void env_files(void **state)
{
	(void)state;
	const char text[] =
		"# Docker options\n"
		"DOCKER_OPTS=\"--icc=false -H unix:///run/x.sock\"\n"
		"export FOO='bar baz'\n"
		"  SPACED=plain # trailing comment\n"
		"ESC=\"a\\\"b\\\\c\"\n"
		"MULTI=\"one\\\ntwo\"\n"
		"not a var\n"
		"1BAD=x\n"
		"EMPTY=\n"
		"CONT=ab\\\ncd\n"
		"LAST=\"unterminated\n";
	json_t *v = env_file_parse(text, strlen(text));
	assert_string_equal(json_string_value(json_object_get(v, "DOCKER_OPTS")),
			    "--icc=false -H unix:///run/x.sock");
	assert_string_equal(json_string_value(json_object_get(v, "FOO")), "bar baz");
	assert_string_equal(json_string_value(json_object_get(v, "SPACED")), "plain");
	assert_string_equal(json_string_value(json_object_get(v, "ESC")), "a\"b\\c");
	assert_string_equal(json_string_value(json_object_get(v, "MULTI")), "onetwo");
	assert_string_equal(json_string_value(json_object_get(v, "EMPTY")), "");
	assert_string_equal(json_string_value(json_object_get(v, "CONT")), "abcd");
	assert_null(json_object_get(v, "1BAD"));
	assert_null(json_object_get(v, "LAST"));
	json_decref(v);

	/* invalid UTF-8 and control characters never reach the facts raw */
	v = env_file_parse("X=\xff\x1b[31m\n", 9);
	const char *x = json_string_value(json_object_get(v, "X"));
	assert_non_null(x);
	assert_null(strchr(x, '\x1b'));
	json_decref(v);
}

/* ---- accounts ---- */

static void accounts(void **state)
{
	(void)state;
	const char group[] = "root:x:0:\n#comment\ndocker:x:999:alice,,carol\nbad:x:notanumber:\n"
			     "+nis\nbob:x:1001:\n";
	const char passwd[] = "root:x:0:0:root:/root:/bin/bash\ncarol::1002:999::/home/c:/bin/sh\n"
			      "bob:x:1001:1001:Bob:/home/bob:/bin/sh\nshort:x:5\n";
	struct account_db g = { 0 }, p = { 0 };
	account_db_parse(&g, group, strlen(group), true);
	account_db_parse(&p, passwd, strlen(passwd), false);
	assert_int_equal(g.n, 3);
	const struct account *d = account_db_by_name(&g, "docker");
	assert_non_null(d);
	assert_int_equal(d->id, 999);
	assert_string_equal(d->members[0], "alice");
	assert_string_equal(d->members[1], "carol");
	assert_null(d->members[2]);
	assert_int_equal(p.n, 3);
	/* an empty password field must not shift the ids */
	const struct account *c = account_db_by_name(&p, "carol");
	assert_int_equal(c->id, 1002);
	assert_int_equal(c->gid, 999);
	assert_string_equal(account_db_by_id(&p, 0)->name, "root");
	assert_null(account_db_by_id(&p, 4242));
	account_db_free(&g);
	account_db_free(&p);
}

/* ---- mountinfo ---- */

static void mountinfo(void **state)
{
	(void)state;
	struct mount_entry m;
	assert_int_equal(mountinfo_parse_line("36 35 98:0 /mnt1 /var/lib/docker rw,noatime "
					      "master:1 shared:2 - ext4 /dev/sdb1 rw,errors=continue",
					      &m), 0);
	assert_string_equal(m.mount_point, "/var/lib/docker");
	assert_string_equal(m.root, "/mnt1");
	assert_string_equal(m.fstype, "ext4");
	assert_string_equal(m.source, "/dev/sdb1");
	assert_string_equal(m.options, "rw,noatime");
	mount_entry_clear(&m);

	assert_int_equal(mountinfo_parse_line("1 0 0:1 / /my\\040dir\\011x\\134y rw - tmpfs "
					      "my\\040src rw", &m), 0);
	assert_string_equal(m.mount_point, "/my dir\tx\\y");
	assert_string_equal(m.source, "my src");
	mount_entry_clear(&m);

	assert_int_equal(mountinfo_parse_line("1 0 0:1 / /x rw shared:1", &m), -EINVAL);
	assert_int_equal(mountinfo_parse_line("1 0 0:1 / /x rw - tmpfs", &m), -EINVAL);
	assert_int_equal(mountinfo_parse_line("", &m), -EINVAL);

	char *s = mountinfo_unescape("a\\04b\\999\\", 10);
	assert_string_equal(s, "a\\04b\\999\\");
	free(s);
}

/* ---- daemon.json ---- */

static void daemon_json(void **state)
{
	(void)state;
	json_t *c;
	char *err = NULL;
	const char one_line[] = "{\"icc\":false,\"log-driver\":null,\"default-ulimits\":"
				"{\"nofile\":{\"Name\":\"nofile\",\"Hard\":64000,\"Soft\":64000}}}";
	assert_int_equal(daemon_json_parse(one_line, strlen(one_line), &c, &err), 0);
	assert_true(json_is_false(json_object_get(c, "icc")));
	assert_true(json_is_null(json_object_get(c, "log-driver")));
	assert_int_equal(json_dig_int(c, "default-ulimits.nofile.Hard", 0), 64000);
	json_decref(c);

	/* BOM and blank files, as dockerd accepts them */
	assert_int_equal(daemon_json_parse("\xef\xbb\xbf{\"a\":1}", 10, &c, &err), 0);
	json_decref(c);
	assert_int_equal(daemon_json_parse(" \n\t", 3, &c, &err), 0);
	assert_int_equal(json_object_size(c), 0);
	json_decref(c);

	const char bad[] = "{\n  \"icc\": false,\n  \"debug\": tru\n}\n";
	assert_int_equal(daemon_json_parse(bad, strlen(bad), &c, &err), -EINVAL);
	assert_non_null(strstr(err, "line 3"));
	assert_non_null(strstr(err, "column"));
	free(err);

	assert_int_equal(daemon_json_parse("{\"a\":1,\"a\":2}", 13, &c, &err), -EINVAL);
	free(err);
	assert_int_equal(daemon_json_parse("[1,2]", 5, &c, &err), -EINVAL);
	assert_non_null(strstr(err, "object"));
	free(err);
	assert_int_equal(daemon_json_parse("{\"a\":1} x", 9, &c, &err), -EINVAL);
	free(err);
}

/* ---- dockerd flags ---- */

static void dockerd_flags(void **state)
{
	(void)state;
	json_t *argv = json_pack("[ssssssssssss]", "/usr/bin/dockerd", "-H", "fd://",
				 "--host=unix:///run/a.sock", "-Hunix:///run/b.sock",
				 "-H=tcp://0.0.0.0:2376", "--config-file", "/etc/x.json",
				 "--config-file=/etc/y.json", "--hostname-like", "--", "-H");
	json_t *opts = daemon_argv_parse(argv);
	json_t *v = json_object_get(opts, "hosts");
	assert_int_equal(json_array_size(v), 4);
	assert_string_equal(json_string_value(json_array_get(v, 1)), "unix:///run/a.sock");
	assert_string_equal(json_string_value(json_array_get(v, 2)), "unix:///run/b.sock");
	assert_string_equal(json_string_value(json_array_get(v, 3)), "tcp://0.0.0.0:2376");
	/* a value flag: the last one wins, as in dockerd */
	assert_string_equal(json_string_value(json_object_get(opts, "config-file")), "/etc/y.json");
	json_decref(opts);
	json_decref(argv);

	assert_string_equal(host_addr_unix_path("unix:///run/docker.sock"), "/run/docker.sock");
	assert_null(host_addr_unix_path("tcp://0.0.0.0:2375"));
	assert_null(host_addr_unix_path("unix://relative"));
	assert_null(host_addr_unix_path(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(audit_watch_syntax),
		cmocka_unit_test(audit_syscall_syntax),
		cmocka_unit_test(audit_rule_json_round_trip),
		cmocka_unit_test(audit_control_lines),
		cmocka_unit_test(audit_garbage),
		cmocka_unit_test(audit_ruleset_order),
		cmocka_unit_test(audit_kernel_rule_decoding),
		cmocka_unit_test(audit_kernel_rules_from_libaudit),
		cmocka_unit_test(systemd_exec_quoting),
		cmocka_unit_test(systemd_dropins_reset),
		cmocka_unit_test(env_files),
		cmocka_unit_test(accounts),
		cmocka_unit_test(mountinfo),
		cmocka_unit_test(daemon_json),
		cmocka_unit_test(dockerd_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
