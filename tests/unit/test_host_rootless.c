/* test_host_rootless.c - host.rootless and host.listeners: the parser of
 * /proc/net/tcp lines, and collect_host() on roots with a fake /proc, a
 * rootless dockerd and its user's daemon.json. */
#include <errno.h>
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

#include "collect.h"
#include "facts.h"
#include "proc_net.h"
#include "util.h"

/* ---- helpers ---- */

static char *make_root(void)
{
	char tmpl[] = "/tmp/dockaudit-rootless-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return xstrdup(d);
}

static void remove_root(char *root)
{
	assert_int_equal(strncmp(root, "/tmp/dockaudit-rootless-", 24), 0);
	char *cmd = xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(root);
}

static void write_file(const char *root, const char *rel, const void *data, size_t len)
{
	char *p = xasprintf("%s/%s", root, rel);
	char *cmd = xasprintf("mkdir -p \"$(dirname '%s')\"", p);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(p);
}

static void write_text(const char *root, const char *rel, const char *text)
{
	write_file(root, rel, text, strlen(text));
}

/* A fake dockerd process: cmdline (NUL-separated argv), status, environ. */
static void fake_process(const char *root, int pid, const char *const *argv, unsigned uid,
			 const char *const *env)
{
	struct buf b = BUF_INIT;
	for (const char *const *a = argv; *a; a++)
		buf_append(&b, *a, strlen(*a) + 1);
	char *rel = xasprintf("proc/%d/cmdline", pid);
	write_file(root, rel, b.data, b.len);
	free(rel);
	buf_free(&b);

	char *status = xasprintf("Name:\tdockerd\nUid:\t%u\t%u\t%u\t%u\n", uid, uid, uid, uid);
	rel = xasprintf("proc/%d/status", pid);
	write_text(root, rel, status);
	free(rel);
	free(status);

	for (const char *const *e = env; e && *e; e++)
		buf_append(&b, *e, strlen(*e) + 1);
	rel = xasprintf("proc/%d/environ", pid);
	write_file(root, rel, b.data ? b.data : "", b.len);
	free(rel);
	buf_free(&b);
}

static struct facts *collect(const char *root)
{
	struct facts *f = facts_new();
	struct collect_options o = { .root = root };
	alarm(20);
	collect_host(f, &o);
	alarm(0);
	return f;
}

static void assert_status(const json_t *src, const char *status)
{
	if (!src)
		fail_msg("source missing, expected %s", status);
	const char *s = json_string_value(json_object_get(src, "status"));
	if (!s || strcmp(s, status) != 0) {
		char *d = json_dumps(src, JSON_COMPACT);
		fail_msg("expected %s, got %s", status, d);
	}
}

/* The text the kernel prints for an address: each 32-bit word of the
 * network-order bytes as a native-endian number. */
static void kernel_hex(const unsigned char *bytes, size_t n, char *out)
{
	for (size_t w = 0; w < n / 4; w++) {
		uint32_t v;
		memcpy(&v, bytes + w * 4, 4);
		sprintf(out + w * 8, "%08X", (unsigned)v);
	}
}

static char *tcp_line(int sl, const unsigned char *addr, size_t n, unsigned port, unsigned state)
{
	char hex[33];
	char zeros[33];
	memset(zeros, '0', n * 2);
	zeros[n * 2] = '\0';
	kernel_hex(addr, n, hex);
	return xasprintf("  %d: %s:%04X %s:0000 %02X 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n",
			 sl, hex, port, zeros, state);
}

/* ---- the parser ---- */

static void parse_ipv4_lines(void **state)
{
	(void)state;
	struct tcp_listener l;
	const unsigned char any[4] = { 0, 0, 0, 0 }, lo[4] = { 127, 0, 0, 1 };
	char *line = tcp_line(0, any, 4, 2377, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, false, &l), 0);
	assert_string_equal(l.address, "0.0.0.0");
	assert_int_equal(l.port, 2377);
	assert_true(l.any);
	free(line);

	line = tcp_line(1, lo, 4, 53, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, false, &l), 0);
	assert_string_equal(l.address, "127.0.0.1");
	assert_false(l.any);
	free(line);

	line = tcp_line(2, lo, 4, 2377, 0x01);   /* ESTABLISHED */
	assert_int_equal(proc_net_tcp_parse_line(line, false, &l), -ENOENT);
	free(line);

	assert_int_equal(proc_net_tcp_parse_line("  sl  local_address rem_address   st tx_queue", false, &l),
			 -ENOENT);
	assert_int_equal(proc_net_tcp_parse_line("garbage", false, &l), -EINVAL);
	assert_int_equal(proc_net_tcp_parse_line("  0: 0100:0035 00000000:0000 0A", false, &l), -EINVAL);
	/* an IPv6 address in the IPv4 file is malformed */
	assert_int_equal(proc_net_tcp_parse_line("  0: 00000000000000000000000000000000:0929 "
						 "00000000000000000000000000000000:0000 0A", false, &l),
			 -EINVAL);
}

static void parse_ipv6_lines(void **state)
{
	(void)state;
	struct tcp_listener l;
	unsigned char any[16] = { 0 };
	unsigned char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 5 };
	unsigned char mapped_any[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0 };
	unsigned char lo[16] = { 0 };
	lo[15] = 1;
	unsigned char addr[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x42 };

	char *line = tcp_line(0, any, 16, 2377, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, true, &l), 0);
	assert_string_equal(l.address, "::");
	assert_true(l.any);
	assert_false(l.v4_mapped);
	free(line);

	line = tcp_line(1, mapped, 16, 2377, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, true, &l), 0);
	assert_string_equal(l.address, "::ffff:10.0.0.5");
	assert_true(l.v4_mapped);
	assert_false(l.any);
	free(line);

	line = tcp_line(2, mapped_any, 16, 80, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, true, &l), 0);
	assert_true(l.v4_mapped);
	assert_true(l.any);
	free(line);

	line = tcp_line(3, lo, 16, 631, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, true, &l), 0);
	assert_string_equal(l.address, "::1");
	assert_false(l.any);
	free(line);

	line = tcp_line(4, addr, 16, 443, 0x0A);
	assert_int_equal(proc_net_tcp_parse_line(line, true, &l), 0);
	assert_string_equal(l.address, "2001:db8::42");
	assert_int_equal(l.port, 443);
	free(line);
}

/* ---- collection ---- */

static const char *const passwd =
	"root:x:0:0:root:/root:/bin/bash\n"
	"alice:x:1000:1000:Alice:/home/alice:/bin/bash\n"
	"bob:x:1001:1001::/home/bob:/bin/sh\n";

static void rootless_running_daemon(void **state)
{
	(void)state;
	char *root = make_root();
	const char *argv[] = { "dockerd", "--rootless", NULL };
	const char *env[] = { "PATH=/usr/bin", "HOME=/home/alice", "XDG_RUNTIME_DIR=/run/user/1000", NULL };
	write_text(root, "etc/passwd", passwd);
	write_text(root, "etc/group", "root:x:0:\ndocker:x:999:\n");
	fake_process(root, 4321, argv, 1000, env);
	write_text(root, "run/user/1000/docker.sock", "");
	write_text(root, "home/alice/.config/docker/daemon.json", "{\"log-level\":\"debug\"}");
	write_text(root, "etc/docker/daemon.json", "{\"log-level\":\"info\"}");

	struct facts *f = collect(root);
	const json_t *rl = facts_get(f, "host.rootless");
	assert_status(rl, "ok");
	assert_int_equal(json_dig_int(rl, "uid", -1), 1000);
	assert_string_equal(json_dig_string(rl, "user"), "alice");
	assert_true(json_dig_bool(rl, "running", false));
	assert_string_equal(json_dig_string(rl, "socket"), "/run/user/1000/docker.sock");
	assert_string_equal(json_dig_string(rl, "daemon_json_path"), "/home/alice/.config/docker/daemon.json");
	/* the rootless daemon's own file is the one read */
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "ok");
	assert_string_equal(json_dig_string(dj, "path"), "/home/alice/.config/docker/daemon.json");
	assert_string_equal(json_dig_string(dj, "config.log-level"), "debug");
	assert_status(facts_file(f, "/run/user/1000/docker.sock"), "ok");
	assert_status(facts_file(f, "/home/alice/.config/docker/daemon.json"), "ok");
	facts_free(f);

	/* XDG_CONFIG_HOME moves the file; --config-file overrides both */
	const char *env2[] = { "XDG_CONFIG_HOME=/srv/alice-config", "XDG_RUNTIME_DIR=/tmp/xdg", NULL };
	fake_process(root, 4321, argv, 1000, env2);
	write_text(root, "srv/alice-config/docker/daemon.json", "{\"icc\":false}");
	f = collect(root);
	rl = facts_get(f, "host.rootless");
	assert_string_equal(json_dig_string(rl, "socket"), "/tmp/xdg/docker.sock");
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"),
			    "/srv/alice-config/docker/daemon.json");
	facts_free(f);

	const char *argv3[] = { "dockerd", "--config-file=/etc/docker/daemon.json", NULL };
	fake_process(root, 4321, argv3, 1000, env);
	f = collect(root);
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"), "/etc/docker/daemon.json");
	facts_free(f);
	remove_root(root);
}

static void rootful_daemon_is_not_rootless(void **state)
{
	(void)state;
	char *root = make_root();
	const char *argv[] = { "/usr/bin/dockerd", "-H", "fd://", NULL };
	write_text(root, "etc/passwd", passwd);
	fake_process(root, 812, argv, 0, NULL);
	/* a rootless daemon of another user runs too: the rootful one is audited */
	const char *argv2[] = { "dockerd", NULL };
	fake_process(root, 4321, argv2, 1000, NULL);
	write_text(root, "home/alice/.config/docker/daemon.json", "{}");
	struct facts *f = collect(root);
	assert_status(facts_get(f, "host.rootless"), "absent");
	assert_string_equal(json_dig_string(facts_get(f, "host.rootless"), "error"), "a dockerd runs as root");
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"), "/etc/docker/daemon.json");
	facts_free(f);
	remove_root(root);
}

static void rootless_socket_without_running_daemon(void **state)
{
	(void)state;
	char *root = make_root();
	write_text(root, "etc/passwd", passwd);
	char *proc = xasprintf("%s/proc", root);
	assert_int_equal(mkdir(proc, 0755), 0);
	free(proc);
	write_text(root, "run/user/1001/docker.sock", "");
	write_text(root, "run/user/1000/other", "");
	struct facts *f = collect(root);
	const json_t *rl = facts_get(f, "host.rootless");
	assert_status(rl, "ok");
	assert_int_equal(json_dig_int(rl, "uid", -1), 1001);
	assert_false(json_dig_bool(rl, "running", true));
	assert_string_equal(json_dig_string(rl, "daemon_json_path"), "/home/bob/.config/docker/daemon.json");
	/* not running: the system file stays the one read */
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"), "/etc/docker/daemon.json");
	facts_free(f);

	/* nothing at all */
	char *cmd = xasprintf("rm -rf '%s/run/user'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	f = collect(root);
	assert_status(facts_get(f, "host.rootless"), "absent");
	facts_free(f);
	remove_root(root);
}

static void listeners_from_proc_net(void **state)
{
	(void)state;
	char *root = make_root();
	struct facts *f = collect(root);
	assert_status(facts_get(f, "host.listeners"), "absent");
	facts_free(f);

	const char *header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
	const unsigned char any4[4] = { 0 }, lo4[4] = { 127, 0, 0, 1 };
	unsigned char any6[16] = { 0 };
	unsigned char mapped[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 9 };
	struct buf b = BUF_INIT;
	char *l;
	buf_puts(&b, header);
	buf_puts(&b, l = tcp_line(0, any4, 4, 2377, 0x0A));
	free(l);
	buf_puts(&b, l = tcp_line(1, any4, 4, 2377, 0x0A));   /* SO_REUSEPORT twin: listed once */
	free(l);
	buf_puts(&b, l = tcp_line(2, lo4, 4, 41234, 0x01));  /* a connection, not a listener */
	free(l);
	write_file(root, "proc/net/tcp", b.data, b.len);
	buf_free(&b);

	/* IPv6 disabled: tcp6 missing is fine */
	f = collect(root);
	const json_t *ls = facts_get(f, "host.listeners");
	assert_status(ls, "ok");
	assert_int_equal(json_array_size(json_object_get(ls, "entries")), 1);
	assert_int_equal(json_array_size(json_object_get(ls, "files")), 1);
	facts_free(f);

	buf_puts(&b, header);
	buf_puts(&b, l = tcp_line(0, any6, 16, 2377, 0x0A));
	free(l);
	buf_puts(&b, l = tcp_line(1, mapped, 16, 2376, 0x0A));
	free(l);
	write_file(root, "proc/net/tcp6", b.data, b.len);
	buf_free(&b);
	f = collect(root);
	ls = facts_get(f, "host.listeners");
	assert_status(ls, "ok");
	const json_t *e = json_object_get(ls, "entries");
	assert_int_equal(json_array_size(e), 3);
	assert_string_equal(json_dig_string(json_array_get(e, 0), "address"), "0.0.0.0");
	assert_string_equal(json_dig_string(json_array_get(e, 0), "proto"), "tcp");
	assert_string_equal(json_dig_string(json_array_get(e, 1), "address"), "::");
	assert_true(json_dig_bool(json_array_get(e, 1), "any", false));
	assert_int_equal(json_dig_int(json_array_get(e, 1), "port", 0), 2377);
	assert_string_equal(json_dig_string(json_array_get(e, 2), "address"), "::ffff:192.168.1.9");
	assert_true(json_dig_bool(json_array_get(e, 2), "v4_mapped", false));
	assert_false(json_dig_bool(json_array_get(e, 2), "any", true));
	facts_free(f);

	/* an unreadable tcp file is an error (a directory stands in for it) */
	char *p = xasprintf("%s/proc/net/tcp", root);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	f = collect(root);
	assert_status(facts_get(f, "host.listeners"), "error");
	facts_free(f);
	remove_root(root);
}

/* The live host: whatever it listens on, the facts are well formed. */
static void listeners_live(void **state)
{
	(void)state;
	struct facts *f = collect("/");
	const json_t *ls = facts_get(f, "host.listeners");
	assert_status(ls, "ok");
	size_t i;
	const json_t *e;
	json_array_foreach(json_object_get(ls, "entries"), i, e) {
		assert_non_null(json_dig_string(e, "address"));
		assert_true(json_dig_int(e, "port", -1) >= 0);
	}
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_ipv4_lines),
		cmocka_unit_test(parse_ipv6_lines),
		cmocka_unit_test(rootless_running_daemon),
		cmocka_unit_test(rootful_daemon_is_not_rootless),
		cmocka_unit_test(rootless_socket_without_running_daemon),
		cmocka_unit_test(listeners_from_proc_net),
		cmocka_unit_test(listeners_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
