/* test_collect_host.c - collect_host() on fixture roots: the facts JSON it
 * writes, symlinks that must stay inside the root, files that must not
 * hang or be read whole (FIFO, device, oversized), and modes that git
 * cannot store, set here in a temporary copy. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "collect.h"
#include "facts.h"
#include "util.h"

#define FIXTURES "tests/fixtures/roots"

/* ---- helpers ---- */

static char *make_root(void)
{
	char tmpl[] = "/tmp/dockaudit-host-XXXXXX";
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return xstrdup(d);
}

static char *copy_fixture(const char *name)
{
	char *root = make_root();
	char *cmd = xasprintf("cp -a '" FIXTURES "/%s/.' '%s/'", name, root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return root;
}

static void remove_root(char *root)
{
	/* root always comes from mkdtemp under /tmp */
	assert_int_equal(strncmp(root, "/tmp/dockaudit-host-", 20), 0);
	char *cmd = xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(root);
}

static char *at(const char *root, const char *rel)
{
	return xasprintf("%s/%s", root, rel);
}

static void mkdirs(const char *root, const char *rel)
{
	char *p = at(root, rel);
	for (char *s = p + strlen(root) + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
	free(p);
}

static void write_file(const char *root, const char *rel, const void *data, size_t len)
{
	char *p = at(root, rel);
	char *slash = strrchr(rel, '/');
	if (slash) {
		char *dir = xstrndup(rel, (size_t)(slash - rel));
		mkdirs(root, dir);
		free(dir);
	}
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

static struct facts *collect(const char *root)
{
	struct facts *f = facts_new();
	struct collect_options o = { .root = root };
	alarm(20);   /* a hang (FIFO, device) fails the test instead of blocking it */
	collect_host(f, &o);
	alarm(0);
	return f;
}

static const char *status_of(const json_t *src)
{
	return json_string_value(json_object_get(src, "status"));
}

static const char *error_of(const json_t *src)
{
	return json_string_value(json_object_get(src, "error"));
}

static void assert_status(const json_t *src, const char *status)
{
	if (!src)
		fail_msg("source missing, expected %s", status);
	if (strcmp(status_of(src), status) != 0) {
		char *s = json_dumps(src, JSON_COMPACT);
		fail_msg("expected %s, got %s", status, s);
	}
}

static void assert_contains(const char *s, const char *needle)
{
	if (!s || !strstr(s, needle))
		fail_msg("'%s' does not contain '%s'", s ? s : "(null)", needle);
}

static const char *str_at(const json_t *arr, size_t i)
{
	return json_string_value(json_array_get(arr, i));
}

/* ---- the basic fixture ---- */

static void make_unix_socket(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	assert_true(strlen(path) < sizeof(a.sun_path));
	strcpy(a.sun_path, path);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	close(fd);
}

static void basic_identity_groups_dockerd(void **state)
{
	(void)state;
	char *root = copy_fixture("basic");
	struct facts *f = collect(root);

	assert_string_equal(json_string_value(facts_get(f, "collected.root")), root);
	assert_string_equal(json_string_value(facts_get(f, "collected.hostname")), "fixture-host");

	const json_t *g = facts_get(f, "host.groups");
	assert_status(g, "ok");
	assert_int_equal(json_dig_int(g, "docker.gid", -1), 999);
	const json_t *members = json_dig(g, "docker.members");
	assert_int_equal(json_array_size(members), 2);
	assert_string_equal(str_at(members, 0), "alice");
	assert_string_equal(str_at(members, 1), "carol");
	const json_t *primary = json_object_get(g, "docker_primary_users");
	assert_int_equal(json_array_size(primary), 1);
	assert_string_equal(str_at(primary, 0), "bob");

	/* the rootful dockerd is preferred over the rootless one found first */
	const json_t *d = facts_get(f, "host.dockerd");
	assert_status(d, "ok");
	assert_int_equal(json_dig_int(d, "pid", 0), 100);
	assert_int_equal(json_dig_int(d, "uid", -1), 0);
	assert_string_equal(json_dig_string(d, "exe"), "/usr/bin/dockerd");
	assert_string_equal(str_at(json_object_get(d, "argv"), 0), "/usr/bin/dockerd");
	const json_t *procs = json_object_get(d, "processes");
	assert_int_equal(json_array_size(procs), 2);   /* containerd and "notapid" are not */
	const json_t *rootless = json_array_get(procs, 0);
	assert_int_equal(json_dig_int(rootless, "pid", 0), 42);
	assert_int_equal(json_dig_int(rootless, "uid", -1), 1000);
	assert_true(json_is_null(json_object_get(rootless, "exe")));

	facts_free(f);
	remove_root(root);
}

static void basic_daemon_json_systemd_env(void **state)
{
	(void)state;
	char *root = copy_fixture("basic");
	struct facts *f = collect(root);

	/* --config-file of the running dockerd, not the default path */
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "ok");
	assert_string_equal(json_dig_string(dj, "path"), "/etc/docker/custom.json");
	const json_t *cfg = json_object_get(dj, "config");
	assert_true(json_is_false(json_object_get(cfg, "icc")));
	assert_non_null(json_object_get(cfg, "log-driver"));
	assert_true(json_is_null(json_object_get(cfg, "log-driver")));
	assert_int_equal(json_dig_int(cfg, "default-ulimits.nofile.Soft", 0), 64000);
	assert_null(json_object_get(cfg, "decoy"));

	const json_t *units = facts_get(f, "host.systemd");
	const json_t *svc = json_object_get(units, "docker.service");
	assert_status(svc, "ok");
	assert_string_equal(json_dig_string(svc, "path"), "/lib/systemd/system/docker.service");
	const json_t *dropins = json_object_get(svc, "dropins");
	assert_int_equal(json_array_size(dropins), 2);
	assert_string_equal(str_at(dropins, 0), "/etc/systemd/system/docker.service.d/10-override.conf");
	assert_string_equal(str_at(dropins, 1), "/usr/lib/systemd/system/docker.service.d/20-extra.conf");
	const json_t *exec = json_object_get(svc, "exec_start");
	assert_int_equal(json_array_size(exec), 1);
	const json_t *argv = json_array_get(exec, 0);
	assert_string_equal(str_at(argv, 0), "/usr/bin/dockerd");
	assert_string_equal(str_at(argv, 4), "unix:///run/from-unit.sock");
	assert_string_equal(str_at(argv, 6), "--label=team=a b");
	const json_t *envf = json_object_get(svc, "environment_files");
	assert_int_equal(json_array_size(envf), 2);
	assert_string_equal(str_at(envf, 0), "-/etc/default/docker");
	assert_false(json_dig_bool(svc, "masked", true));

	const json_t *sock = json_object_get(units, "docker.socket");
	assert_status(sock, "ok");
	assert_string_equal(str_at(json_object_get(sock, "listen_stream"), 0), "/run/docker.sock");
	const json_t *ctd = json_object_get(units, "containerd.service");
	assert_status(ctd, "ok");
	assert_true(json_dig_bool(ctd, "masked", false));

	const json_t *env = facts_get(f, "host.env_files");
	const json_t *def = json_object_get(env, "/etc/default/docker");
	assert_status(def, "ok");
	assert_string_equal(json_dig_string(def, "vars.DOCKER_OPTS"), "--icc=false -H unix:///run/x.sock");
	assert_string_equal(json_dig_string(def, "vars.FOO"), "bar baz");
	assert_status(json_object_get(env, "/etc/sysconfig/docker"), "absent");

	const json_t *mounts = facts_get(f, "host.mounts");
	assert_status(mounts, "ok");
	const json_t *entries = json_object_get(mounts, "entries");
	assert_int_equal(json_array_size(entries), 3);
	assert_string_equal(json_dig_string(json_array_get(entries, 1), "mount_point"), "/var/lib/docker");
	assert_string_equal(json_dig_string(json_array_get(entries, 1), "source"), "/dev/sdb1");
	assert_string_equal(json_dig_string(json_array_get(entries, 2), "mount_point"), "/mnt/my disk");

	facts_free(f);
	remove_root(root);
}

static const json_t *find_rule(const json_t *rules, const char *path)
{
	size_t i;
	const json_t *r;
	json_array_foreach(rules, i, r)
		if (strcmp(json_dig_string(r, "path"), path) == 0)
			return r;
	return NULL;
}

static void basic_audit(void **state)
{
	(void)state;
	char *root = copy_fixture("basic");
	struct facts *f = collect(root);

	const json_t *loaded = facts_get(f, "host.audit.loaded");
	assert_status(loaded, "absent");
	assert_string_equal(error_of(loaded), "not read: the root's /proc is not this kernel's");

	const json_t *af = facts_get(f, "host.audit.files");
	assert_status(af, "ok");
	const json_t *files = json_object_get(af, "files");
	assert_int_equal(json_array_size(files), 3);   /* README does not end in .rules */
	const json_t *rules = json_object_get(af, "rules");
	/* -D in rules.d does not wipe audit.rules: they are separate rule sets */
	const json_t *r = find_rule(rules, "/etc/docker/daemon.json");
	assert_non_null(r);
	assert_string_equal(json_dig_string(r, "file"), "/etc/audit/audit.rules");
	r = find_rule(rules, "/usr/bin/dockerd");
	assert_string_equal(json_dig_string(r, "perms"), "rwxa");
	assert_string_equal(json_dig_string(r, "kind"), "watch");
	/* -w on a directory is a recursive dir rule, as auditctl makes it */
	r = find_rule(rules, "/etc/docker");
	assert_string_equal(json_dig_string(r, "kind"), "dir");
	assert_string_equal(json_dig_string(r, "perms"), "wa");
	assert_int_equal(json_dig_int(r, "line", 0), 2);
	r = find_rule(rules, "/usr/bin/containerd");
	assert_string_equal(json_dig_string(r, "perms"), "x");
	r = find_rule(rules, "/var/lib/docker");
	assert_string_equal(json_dig_string(r, "kind"), "dir");
	r = find_rule(rules, "/etc/default/docker");
	assert_true(json_is_null(json_object_get(r, "key")));
	assert_null(find_rule(rules, "/run/containerd"));   /* removed by -W */
	assert_null(find_rule(rules, "/ignored"));
	const json_t *invalid = json_object_get(af, "invalid");
	assert_int_equal(json_array_size(invalid), 1);
	assert_int_equal(json_dig_int(json_array_get(invalid, 0), "line", 0), 7);

	facts_free(f);
	remove_root(root);
}

static void basic_file_stats(void **state)
{
	(void)state;
	char *root = copy_fixture("basic");
	/* what git cannot keep: modes, owners, sockets, an escaping symlink */
	char *p = at(root, "etc/docker/custom.json");
	assert_int_equal(chmod(p, 0600), 0);
	free(p);
	p = at(root, "etc/docker/tls/ca.pem");
	assert_int_equal(chown(p, 1000, 999), 0);
	free(p);
	p = at(root, "etc/docker/tls/cert.pem");
	assert_int_equal(chown(p, 4242, 4343), 0);
	free(p);
	p = at(root, "etc/docker/certs.d/registry.example:5000/client.key");
	assert_int_equal(chmod(p, 0400), 0);
	free(p);
	p = at(root, "etc/docker/certs.d/evil");
	assert_int_equal(symlink("/../../../../../../etc/passwd-not-here", p), 0);
	free(p);
	mkdirs(root, "run");
	p = at(root, "run/docker.sock");
	make_unix_socket(p);
	assert_int_equal(chmod(p, 0660), 0);
	assert_int_equal(chown(p, 0, 999), 0);
	free(p);

	struct facts *f = collect(root);
	const json_t *r = facts_file(f, "/etc/docker/custom.json");
	assert_status(r, "ok");
	assert_int_equal(json_dig_int(r, "mode", 0), 0600);
	assert_string_equal(json_dig_string(r, "type"), "file");
	assert_string_equal(json_dig_string(r, "owner"), "root");

	r = facts_file(f, "/etc/docker");
	assert_string_equal(json_dig_string(r, "type"), "dir");
	r = facts_file(f, "/etc/docker/tls/ca.pem");
	assert_int_equal(json_dig_int(r, "uid", -1), 1000);
	assert_string_equal(json_dig_string(r, "owner"), "alice");
	assert_string_equal(json_dig_string(r, "group"), "docker");
	r = facts_file(f, "/etc/docker/tls/cert.pem");
	assert_int_equal(json_dig_int(r, "uid", -1), 4242);
	assert_true(json_is_null(json_object_get(r, "owner")));
	assert_true(json_is_null(json_object_get(r, "group")));

	/* an absolute symlink resolves inside the root */
	r = facts_file(f, "/etc/docker/tls/key.pem");
	assert_status(r, "ok");
	assert_true(json_dig_bool(r, "symlink", false));
	assert_string_equal(json_dig_string(r, "link_target"), "/etc/docker/tls/real-key.pem");
	/* and so does a relative one with too many "..": data-root from daemon.json */
	r = facts_file(f, "/srv/docker");
	assert_status(r, "ok");
	assert_string_equal(json_dig_string(r, "type"), "dir");
	/* a loop is an error, not a hang (named by --tlscacert in dockerd's argv) */
	r = facts_file(f, "/etc/docker/loop-a");
	assert_status(r, "error");
	assert_contains(error_of(r), "Too many levels of symbolic links");
	assert_true(json_dig_bool(r, "symlink", false));

	r = facts_file(f, "/run/docker.sock");
	assert_status(r, "ok");
	assert_string_equal(json_dig_string(r, "type"), "socket");
	assert_int_equal(json_dig_int(r, "mode", 0), 0660);
	assert_string_equal(json_dig_string(r, "group"), "docker");
	assert_status(facts_file(f, "/var/run/docker.sock"), "absent");
	assert_status(facts_file(f, "/run/rootful.sock"), "absent");      /* dockerd -H */
	assert_status(facts_file(f, "/run/from-unit.sock"), "absent");    /* ExecStart -H */
	assert_status(facts_file(f, "/run/alt-docker.sock"), "absent");   /* daemon.json hosts */
	assert_null(facts_file(f, "0.0.0.0:2376"));
	/* the containerd socket daemon.json names, the one of the containerd
	 * dockerd starts itself, and the TLS files dockerd falls back to */
	assert_status(facts_file(f, "/run/ctr-custom.sock"), "absent");
	assert_status(facts_file(f, "/run/docker/containerd/containerd.sock"), "absent");
	assert_status(facts_file(f, "/srv/exec/containerd/containerd.sock"), "absent");
	assert_status(facts_file(f, "/root/.docker/ca.pem"), "absent");
	assert_status(facts_file(f, "/root/.docker/key.pem"), "absent");

	assert_status(facts_file(f, "/usr/bin/dockerd"), "ok");
	assert_int_equal(json_dig_int(facts_file(f, "/usr/bin/dockerd"), "mode", 0) & 0111, 0111);
	assert_status(facts_file(f, "/usr/local/bin/runc"), "absent");
	assert_status(facts_file(f, "/etc/containerd/config.toml"), "absent");
	assert_status(facts_file(f, "/etc/docker/daemon.json"), "ok");
	assert_status(facts_file(f, "/lib/systemd/system/docker.service"), "ok");
	assert_status(facts_file(f, "/lib/systemd/system/docker.socket"), "ok");
	assert_status(facts_file(f, "/etc/systemd/system/docker.service.d/10-override.conf"), "ok");
	assert_null(facts_file(f, "/usr/lib/systemd/system/docker.service.d/10-override.conf"));

	const json_t *certs = facts_get(f, "host.certs_d");
	assert_status(certs, "ok");
	assert_false(json_dig_bool(certs, "truncated", true));
	r = facts_file(f, "/etc/docker/certs.d/registry.example:5000/client.key");
	assert_int_equal(json_dig_int(r, "mode", 0), 0400);
	assert_status(facts_file(f, "/etc/docker/certs.d/registry.example:5000"), "ok");
	/* the escaping link lands inside the root, where its target is missing */
	r = facts_file(f, "/etc/docker/certs.d/evil");
	assert_status(r, "error");
	assert_true(json_dig_bool(r, "symlink", false));

	facts_free(f);
	remove_root(root);
}

/* ---- other roots, built here ---- */

static void empty_root(void **state)
{
	(void)state;
	char *root = make_root();
	struct facts *f = collect(root);
	assert_true(json_is_null(facts_get(f, "collected.hostname")));
	assert_status(facts_get(f, "host.groups"), "absent");
	assert_status(facts_get(f, "host.dockerd"), "absent");
	assert_int_equal(json_array_size(facts_get(f, "host.dockerd.processes")), 0);
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "absent");
	assert_string_equal(json_dig_string(dj, "path"), "/etc/docker/daemon.json");
	assert_status(json_object_get(facts_get(f, "host.systemd"), "docker.service"), "absent");
	assert_status(facts_get(f, "host.mounts"), "absent");
	assert_status(facts_get(f, "host.audit.files"), "absent");
	assert_status(facts_get(f, "host.certs_d"), "absent");
	assert_status(facts_file(f, "/etc/docker"), "absent");
	assert_contains(error_of(facts_file(f, "/etc/docker")), "does not exist");
	/* Another root's interfaces are not ours to read. */
	assert_status(facts_get(f, "host.network"), "absent");
	assert_string_equal(error_of(facts_get(f, "host.network")), "not collected with --root");
	facts_free(f);
	remove_root(root);
}

static const json_t *collect_daemon_json(char *root, struct facts **ret)
{
	*ret = collect(root);
	return facts_get(*ret, "host.daemon_json");
}

static void daemon_json_bad_files(void **state)
{
	(void)state;
	char *root = make_root();
	struct facts *f;
	const json_t *dj;
	mkdirs(root, "etc/docker");

	/* malformed: line and column in the error */
	write_text(root, "etc/docker/daemon.json", "{\n  \"icc\": false,\n  \"debug\": tru\n}\n");
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "cannot parse '/etc/docker/daemon.json': line 3, column");
	assert_string_equal(json_dig_string(dj, "path"), "/etc/docker/daemon.json");
	facts_free(f);

	/* duplicate keys */
	write_text(root, "etc/docker/daemon.json", "{\"icc\":true,\"icc\":false}");
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "duplicate");
	facts_free(f);

	/* not an object */
	write_text(root, "etc/docker/daemon.json", "[\"icc\"]");
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "object");
	facts_free(f);

	/* oversized */
	size_t big = 1024 * 1024 + 10;
	char *data = xmalloc(big);
	memset(data, ' ', big);
	data[0] = '{';
	data[big - 1] = '}';
	write_file(root, "etc/docker/daemon.json", data, big);
	free(data);
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "larger than 1 MiB");
	facts_free(f);

	char *p = at(root, "etc/docker/daemon.json");
	/* a FIFO: refused without blocking (alarm in collect() guards the hang) */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkfifo(p, 0644), 0);
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "not a regular file (fifo)");
	assert_string_equal(json_dig_string(facts_file(f, "/etc/docker/daemon.json"), "type"), "fifo");
	facts_free(f);

	/* a directory */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "Is a directory");
	facts_free(f);

	/* a symlink loop */
	assert_int_equal(rmdir(p), 0);
	assert_int_equal(symlink("daemon.json.loop", p), 0);
	char *q = at(root, "etc/docker/daemon.json.loop");
	assert_int_equal(symlink("daemon.json", q), 0);
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "error");
	assert_contains(error_of(dj), "Too many levels of symbolic links");
	assert_status(facts_file(f, "/etc/docker/daemon.json"), "error");
	facts_free(f);
	unlink(q);
	free(q);

	/* a symlink to /dev/zero: resolved inside the root, a device there is refused */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/dev/zero", p), 0);
	mkdirs(root, "dev");
	char *z = at(root, "dev/zero");
	bool have_dev = mknod(z, S_IFCHR | 0666, makedev(1, 5)) == 0;
	dj = collect_daemon_json(root, &f);
	if (have_dev) {
		assert_status(dj, "error");
		assert_contains(error_of(dj), "not a regular file (char)");
	} else {
		assert_status(dj, "absent");   /* no /dev/zero inside the root */
	}
	facts_free(f);
	free(z);

	/* a symlink to a good file, blank content is {} as dockerd treats it */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/etc/docker/real.json", p), 0);
	write_text(root, "etc/docker/real.json", "\xef\xbb\xbf \n");
	dj = collect_daemon_json(root, &f);
	assert_status(dj, "ok");
	assert_int_equal(json_object_size(json_object_get(dj, "config")), 0);
	facts_free(f);

	free(p);
	remove_root(root);
}

static void rootless_only_dockerd(void **state)
{
	(void)state;
	char *root = make_root();
	static const char cmdline[] = "dockerd\0--config-file=/etc/x.json\0";
	write_file(root, "proc/5/cmdline", cmdline, sizeof(cmdline) - 1);
	write_text(root, "proc/5/status", "Uid:\t1000\t1000\t1000\t1000\n");
	write_text(root, "proc/6/cmdline", "");          /* a kernel thread */
	write_file(root, "proc/9/cmdline", "\xff\xfe\0", 3);
	struct facts *f = collect(root);
	const json_t *d = facts_get(f, "host.dockerd");
	assert_status(d, "ok");
	assert_int_equal(json_dig_int(d, "pid", 0), 5);
	assert_int_equal(json_dig_int(d, "uid", -1), 1000);
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "absent");
	assert_string_equal(json_dig_string(dj, "path"), "/etc/x.json");
	facts_free(f);
	remove_root(root);
}

/* Several daemons: the one serving the engine socket is audited. */
static void dockerd_behind_the_engine_socket_is_preferred(void **state)
{
	(void)state;
	char *root = make_root();
	static const char plain[] = "/usr/bin/dockerd\0--icc=false\0";
	static const char scratch[] = "dockerd\0-H\0unix:///srv/d.sock\0--data-root\0/srv/data\0";
	write_file(root, "proc/5/cmdline", plain, sizeof(plain) - 1);
	write_text(root, "proc/5/status", "Uid:\t0\t0\t0\t0\n");
	write_file(root, "proc/7/cmdline", scratch, sizeof(scratch) - 1);
	write_text(root, "proc/7/status", "Uid:\t0\t0\t0\t0\n");

	const char *hosts[] = { NULL, "unix:///srv/d.sock", "unix:///var/run/docker.sock",
				"tcp://10.0.0.1:2376" };
	const int want[] = { 5, 7, 5, 5 };
	for (size_t i = 0; i < ARRAY_SIZE(hosts); i++) {
		struct facts *f = facts_new();
		struct collect_options o = { .root = root, .docker_host = hosts[i] };
		collect_host(f, &o);
		assert_int_equal(json_dig_int(facts_get(f, "host.dockerd"), "pid", 0), want[i]);
		assert_int_equal(json_array_size(json_dig(facts_get(f, "host.dockerd"), "processes")), 2);
		facts_free(f);
	}
	remove_root(root);
}

/* dockerd is stopped: the unit's --config-file still names daemon.json. */
static void config_file_from_unit_without_dockerd(void **state)
{
	(void)state;
	char *root = make_root();
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nExecStart=/usr/bin/dockerd --config-file /etc/docker/custom.json\n");
	write_text(root, "etc/docker/custom.json", "{\"icc\": false}");
	struct facts *f = collect(root);
	assert_status(facts_get(f, "host.dockerd"), "absent");
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "ok");
	assert_string_equal(json_dig_string(dj, "path"), "/etc/docker/custom.json");
	assert_false(json_dig_bool(dj, "config.icc", true));
	facts_free(f);
	remove_root(root);
}

/* dockerd is stopped and its --config-file comes from $DOCKER_OPTS in an
 * environment file the unit names, one outside the usual two. */
static void config_file_from_docker_opts(void **state)
{
	(void)state;
	char *root = make_root();
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nEnvironmentFile=-/etc/docker/env\n"
		   "ExecStart=/usr/bin/dockerd -H fd:// $DOCKER_OPTS\n");
	write_text(root, "etc/docker/env", "DOCKER_OPTS=\"--config-file=/srv/d.json --tlscacert /srv/ca.pem\"\n");
	write_text(root, "etc/docker/daemon.json", "{\"icc\": true}");
	write_text(root, "srv/d.json", "{\"icc\": false}");
	write_text(root, "srv/ca.pem", "x");
	struct facts *f = collect(root);
	assert_status(json_object_get(facts_get(f, "host.env_files"), "/etc/docker/env"), "ok");
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "ok");
	assert_string_equal(json_dig_string(dj, "path"), "/srv/d.json");
	assert_false(json_dig_bool(dj, "config.icc", true));
	/* the file 3.17/3.18 judge, and the TLS file $DOCKER_OPTS names, are stat'ed */
	assert_status(facts_file(f, "/srv/d.json"), "ok");
	assert_status(facts_file(f, "/srv/ca.pem"), "ok");
	facts_free(f);
	remove_root(root);
}

/* The binaries the units start are stat'ed wherever they live: 1.1.3 and
 * 1.1.14 judge what docker.service and containerd.service would run. */
static void unit_binaries_are_stated(void **state)
{
	(void)state;
	char *root = make_root();
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nExecStart=/opt/docker/bin/dockerd -H fd://\n");
	write_text(root, "etc/systemd/system/containerd.service",
		   "[Service]\nExecStart=-/opt/containerd/bin/containerd\n");
	write_text(root, "opt/docker/bin/dockerd", "x");
	struct facts *f = collect(root);
	assert_status(facts_file(f, "/opt/docker/bin/dockerd"), "ok");
	assert_status(facts_file(f, "/opt/containerd/bin/containerd"), "absent");
	facts_free(f);
	remove_root(root);
}

/* A relative --config-file is read from dockerd's working directory: the
 * running process's, else the unit's WorkingDirectory= (/ by default). */
static void config_file_relative(void **state)
{
	(void)state;
	char *root = make_root();
	static const char cmdline[] = "/usr/bin/dockerd\0--config-file\0conf/d.json\0";
	write_file(root, "proc/812/cmdline", cmdline, sizeof(cmdline) - 1);
	write_text(root, "proc/812/status", "Uid:\t0\t0\t0\t0\n");
	char *cwd = at(root, "proc/812/cwd");
	assert_int_equal(symlink("/srv", cwd), 0);
	write_text(root, "srv/conf/d.json", "{\"icc\": false}");
	write_text(root, "etc/docker/daemon.json", "{\"icc\": true}");
	struct facts *f = collect(root);
	const json_t *dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "ok");
	assert_string_equal(json_dig_string(dj, "path"), "/srv/conf/d.json");
	assert_string_equal(json_dig_string(dj, "given"), "conf/d.json");
	assert_string_equal(json_dig_string(facts_get(f, "host.dockerd"), "cwd"), "/srv");
	assert_false(json_dig_bool(dj, "config.icc", true));
	assert_status(facts_file(f, "/srv/conf/d.json"), "ok");
	facts_free(f);

	/* the working directory cannot be read: an error that says so */
	assert_int_equal(unlink(cwd), 0);
	f = collect(root);
	dj = facts_get(f, "host.daemon_json");
	assert_status(dj, "error");
	assert_contains(error_of(dj), "cannot read 'conf/d.json': a relative --config-file, and "
			"the running dockerd's working directory is unknown");
	facts_free(f);
	free(cwd);

	/* dockerd stopped: the unit's WorkingDirectory=, else / */
	char *proc = at(root, "proc");
	char *cmd = xasprintf("rm -rf '%s'", proc);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(proc);
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nWorkingDirectory=/srv\nExecStart=/usr/bin/dockerd --config-file=conf/d.json\n");
	f = collect(root);
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"), "/srv/conf/d.json");
	facts_free(f);
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nExecStart=/usr/bin/dockerd --config-file=srv/conf/d.json\n");
	f = collect(root);
	assert_string_equal(json_dig_string(facts_get(f, "host.daemon_json"), "path"), "/srv/conf/d.json");
	assert_status(facts_get(f, "host.daemon_json"), "ok");
	facts_free(f);
	remove_root(root);
}

static void systemd_priorities(void **state)
{
	(void)state;
	char *root = make_root();
	write_text(root, "etc/systemd/system/docker.service",
		   "[Service]\nExecStart=/usr/local/bin/dockerd --from-etc\n");
	write_text(root, "lib/systemd/system/docker.service",
		   "[Service]\nExecStart=/usr/bin/dockerd --from-lib\n");
	write_text(root, "run/systemd/system/docker.service.d/50-a.conf",
		   "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --a\n");
	write_text(root, "lib/systemd/system/docker.service.d/40-b.conf",
		   "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --b\n");
	mkdirs(root, "etc/systemd/system/docker.service.d");
	char *p = at(root, "etc/systemd/system/docker.service.d/50-a.conf");
	assert_int_equal(symlink("/dev/null", p), 0);   /* masks the /run drop-in of that name */
	free(p);
	write_text(root, "lib/systemd/system/docker.socket", "[Socket]\nListenStream=/run/d.sock\n");
	p = at(root, "etc/systemd/system/docker.socket");
	assert_int_equal(symlink("/dev/null", p), 0);
	free(p);

	struct facts *f = collect(root);
	const json_t *units = facts_get(f, "host.systemd");
	const json_t *svc = json_object_get(units, "docker.service");
	assert_status(svc, "ok");
	assert_string_equal(json_dig_string(svc, "path"), "/etc/systemd/system/docker.service");
	const json_t *exec = json_object_get(svc, "exec_start");
	assert_int_equal(json_array_size(exec), 1);
	assert_string_equal(str_at(json_array_get(exec, 0), 1), "--b");
	assert_int_equal(json_array_size(json_object_get(svc, "dropins")), 1);
	const json_t *sock = json_object_get(units, "docker.socket");
	assert_true(json_dig_bool(sock, "masked", false));
	assert_int_equal(json_array_size(json_object_get(sock, "listen_stream")), 0);
	assert_status(json_object_get(units, "containerd.service"), "absent");
	facts_free(f);
	remove_root(root);
}

static void certs_d_is_capped(void **state)
{
	(void)state;
	char *root = make_root();
	mkdirs(root, "etc/docker/certs.d/reg");
	for (int i = 0; i < 1100; i++) {
		char *rel = xasprintf("etc/docker/certs.d/reg/c%04d.crt", i);
		write_text(root, rel, "x");
		free(rel);
	}
	struct facts *f = collect(root);
	const json_t *c = facts_get(f, "host.certs_d");
	assert_status(c, "ok");
	assert_true(json_dig_bool(c, "truncated", false));
	assert_int_equal(json_array_size(json_object_get(c, "paths")), 1000);
	facts_free(f);
	remove_root(root);
}

/* host.swarm_ca (7.8): the root CA certificate under the data root the
 * engine reports, its file dates and the PEM's validity; absent when the
 * engine is remote or the file is not there; an error for a file that is
 * not a certificate. */
static const char swarm_ca_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBejCCASGgAwIBAgIUAw0fhQOZ/vXbAaZEK4YRsyTAe/MwCgYIKoZIzj0EAwIw\n"
	"EzERMA8GA1UEAwwIc3dhcm0tY2EwHhcNMjYxMjA0MDEyOTEyWhcNNDYxMTI5MDEy\n"
	"OTEyWjATMREwDwYDVQQDDAhzd2FybS1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH\n"
	"A0IABNdV3xFg70XD7tnqRaEu3EBXZLs9Ju1EeqA1uPPwm+5WxKTxBZiIeso/6U9A\n"
	"L9QRjeCXNLDfeDALNxox2pbW7AGjUzBRMB0GA1UdDgQWBBQwoBRtXLohK/r8q5QR\n"
	"Pa6PQdYlZDAfBgNVHSMEGDAWgBQwoBRtXLohK/r8q5QRPa6PQdYlZDAPBgNVHRMB\n"
	"Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIFHbtGJkfSuujM4wZqRqK/bwre3k\n"
	"idLlGR/2ca9eipZuAiAxdAhpyub3WmA9TPKJnwY4ebZhyjHPMGz9Bi9chUfTEQ==\n"
	"-----END CERTIFICATE-----\n";

static struct facts *collect_after_engine(const char *root, const char *endpoint,
					  const char *data_root)
{
	struct facts *f = facts_new();
	json_object_set_new(f->root, "engine",
			    json_pack("{s:s,s:s,s:{s:s}}", "status", "ok", "endpoint", endpoint,
				      "info", "DockerRootDir", data_root));
	struct collect_options o = { .root = root };
	alarm(20);
	collect_host_after_engine(f, &o);
	alarm(0);
	return f;
}

static void swarm_ca_dates(void **state)
{
	(void)state;
	char *root = make_root();
	mkdirs(root, "srv/docker/swarm/certificates");
	write_text(root, "srv/docker/swarm/certificates/swarm-root-ca.crt", swarm_ca_pem);
	char *p = at(root, "srv/docker/swarm/certificates/swarm-root-ca.crt");
	struct timespec times[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, p, times, 0), 0);
	free(p);

	struct facts *f = collect_after_engine(root, "unix:///var/run/docker.sock", "/srv/docker/");
	const json_t *ca = facts_get(f, "host.swarm_ca");
	assert_status(ca, "ok");
	assert_string_equal(json_dig_string(ca, "path"),
			    "/srv/docker/swarm/certificates/swarm-root-ca.crt");
	assert_int_equal(json_dig_int(ca, "mtime", -1), 1700000000);
	const json_t *cert = json_object_get(ca, "certificate");
	assert_status(cert, "ok");
	assert_int_equal(json_dig_int(cert, "not_before", -1), 1796347752);
	assert_int_equal(json_dig_int(cert, "not_after", -1), 1796347752 + 7300LL * 86400);
	assert_string_equal(json_dig_string(cert, "subject"), "/CN=swarm-ca");
	facts_free(f);

	/* not a certificate: the file's dates, the certificate's error */
	write_text(root, "srv/docker/swarm/certificates/swarm-root-ca.crt",
		   "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
	f = collect_after_engine(root, "unix:///var/run/docker.sock", "/srv/docker");
	ca = facts_get(f, "host.swarm_ca");
	assert_status(ca, "ok");
	assert_status(json_object_get(ca, "certificate"), "error");
	facts_free(f);

	/* a remote engine's data root is not on this host */
	f = collect_after_engine(root, "tcp://10.0.0.5:2376", "/srv/docker");
	assert_status(facts_get(f, "host.swarm_ca"), "absent");
	facts_free(f);

	/* no swarm: no certificate file */
	f = collect_after_engine(root, "unix:///var/run/docker.sock", "/var/lib/docker");
	ca = facts_get(f, "host.swarm_ca");
	assert_status(ca, "absent");
	assert_non_null(strstr(json_dig_string(ca, "error"), "does not exist"));
	facts_free(f);

	/* the engine not reached */
	f = facts_new();
	json_object_set_new(f->root, "engine", source_new_error("connection refused"));
	struct collect_options o = { .root = root };
	collect_host_after_engine(f, &o);
	assert_status(facts_get(f, "host.swarm_ca"), "absent");
	facts_free(f);
	remove_root(root);
}

/* host.audit_log (5.23, 5.24): the log auditd.conf names and its rotated
 * files, parsed for the docker client's exec commands, within a byte
 * limit that keeps the newest records; absent, a directory or a FIFO
 * where the log should be are said so and never hang. */
static struct facts *collect_limited_in(const char *root, size_t log_bytes, double seconds)
{
	struct facts *f = facts_new();
	struct collect_options o = { .root = root, .audit_log_bytes = log_bytes,
				     .audit_log_seconds = seconds };
	alarm(20);
	collect_host(f, &o);
	alarm(0);
	return f;
}

static struct facts *collect_limited(const char *root, size_t log_bytes)
{
	struct facts *f = facts_new();
	struct collect_options o = { .root = root, .audit_log_bytes = log_bytes };
	alarm(20);
	collect_host(f, &o);
	alarm(0);
	return f;
}

static void audit_log_collected(void **state)
{
	(void)state;
	char *root = copy_fixture("audit-log");
	struct facts *f = collect_limited(root, 0);
	const json_t *log = facts_get(f, "host.audit_log");
	assert_status(log, "ok");
	assert_string_equal(json_dig_string(log, "path"), "/srv/audit/docker-audit.log");
	assert_string_equal(json_dig_string(log, "config.log_file"), "/srv/audit/docker-audit.log");
	const json_t *files = json_object_get(log, "files");
	assert_int_equal(json_array_size(files), 2);
	assert_string_equal(json_dig_string(json_array_get(files, 1), "path"),
			    "/srv/audit/docker-audit.log.1");
	assert_true(json_is_null(json_object_get(log, "stopped_by")));
	assert_int_equal(json_dig_int(log, "docker_runs", -1), 6);
	assert_int_equal(json_dig_int(log, "docker_execs", -1), 5);
	const json_t *execs = json_object_get(log, "execs");
	assert_int_equal(json_array_size(execs), 5);
	assert_string_equal(str_at(json_object_get(json_array_get(execs, 0), "argv"), 6), "echo hi there");
	/* the rotated file comes after the current one: older */
	assert_string_equal(str_at(json_object_get(json_array_get(execs, 4), "argv"), 4), "old");
	facts_free(f);

	/* a byte limit: the newest part of the current file, from a line start */
	f = collect_limited(root, 1200);
	log = facts_get(f, "host.audit_log");
	assert_status(log, "ok");
	assert_string_equal(json_dig_string(log, "stopped_by"), "the byte limit");
	assert_int_equal(json_dig_int(log, "bytes_read", -1), 1200);
	files = json_object_get(log, "files");
	assert_int_equal(json_array_size(files), 1);
	assert_true(json_dig_int(json_array_get(files, 0), "from", 0) > 0);
	execs = json_object_get(log, "execs");
	assert_int_equal(json_array_size(execs), 1);
	assert_int_equal(json_dig_int(json_array_get(execs, 0), "serial", -1), 461);
	facts_free(f);

	/* a time limit already past: nothing read, and the evidence says why */
	f = collect_limited_in(root, 0, 1e-9);
	log = facts_get(f, "host.audit_log");
	assert_status(log, "ok");
	assert_string_equal(json_dig_string(log, "stopped_by"), "the time limit");
	assert_int_equal(json_dig_int(log, "bytes_read", -1), 0);
	assert_int_equal(json_array_size(json_object_get(log, "execs")), 0);
	facts_free(f);

	/* a rotated file that cannot be read is noted; the log still counts */
	char *p = at(root, "srv/audit/docker-audit.log.1");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
	f = collect_limited(root, 0);
	log = facts_get(f, "host.audit_log");
	assert_status(log, "ok");
	assert_non_null(strstr(json_dig_string(json_array_get(json_object_get(log, "files"), 1), "error"),
			       "not a regular file"));
	facts_free(f);

	/* the log a directory, then a FIFO: an error, at once */
	p = at(root, "srv/audit/docker-audit.log");
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0755), 0);
	f = collect_limited(root, 0);
	assert_status(facts_get(f, "host.audit_log"), "error");
	facts_free(f);
	assert_int_equal(rmdir(p), 0);
	assert_int_equal(mkfifo(p, 0644), 0);
	f = collect_limited(root, 0);
	assert_status(facts_get(f, "host.audit_log"), "error");
	facts_free(f);
	assert_int_equal(unlink(p), 0);
	free(p);

	/* none: absent, with the path auditd.conf names */
	f = collect_limited(root, 0);
	log = facts_get(f, "host.audit_log");
	assert_status(log, "absent");
	assert_string_equal(json_dig_string(log, "path"), "/srv/audit/docker-audit.log");
	facts_free(f);
	remove_root(root);

	/* no auditd.conf: the default path */
	root = make_root();
	f = collect_limited(root, 0);
	log = facts_get(f, "host.audit_log");
	assert_status(log, "absent");
	assert_string_equal(json_dig_string(log, "path"), "/var/log/audit/audit.log");
	assert_status(json_object_get(log, "config"), "absent");
	facts_free(f);
	remove_root(root);
}

/* The dockerd's own mounts and listeners are read when its /proc/PID has
 * them: from a container with the host's /proc under --root, /proc/self
 * is the container's, not the host's. */
static void mounts_and_listeners_are_the_dockerds(void **state)
{
	(void)state;
	char *root = copy_fixture("basic");
	write_text(root, "proc/100/mountinfo", "30 1 8:1 / / rw - ext4 /dev/vda1 rw\n"
		   "31 30 8:33 / /var/lib/docker rw - xfs /dev/sdc1 rw\n");
	write_text(root, "proc/100/net/tcp", "  sl  local_address rem_address   st\n"
		   "   0: 00000000:0909 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
	struct facts *f = collect(root);
	const json_t *mounts = facts_get(f, "host.mounts");
	assert_status(mounts, "ok");
	assert_string_equal(json_dig_string(mounts, "path"), "/proc/100/mountinfo");
	const json_t *entries = json_object_get(mounts, "entries");
	assert_int_equal(json_array_size(entries), 2);
	assert_string_equal(json_dig_string(json_array_get(entries, 1), "source"), "/dev/sdc1");
	const json_t *l = facts_get(f, "host.listeners");
	assert_status(l, "ok");
	assert_int_equal(json_array_size(json_object_get(l, "files")), 1);
	assert_string_equal(str_at(json_object_get(l, "files"), 0), "/proc/100/net/tcp");
	assert_int_equal(json_dig_int(json_array_get(json_object_get(l, "entries"), 0), "port", 0), 2313);
	facts_free(f);

	/* No dockerd: the reading process's own files, as before. */
	write_text(root, "proc/100/cmdline", "sleep");
	write_text(root, "proc/42/cmdline", "sleep");
	f = collect(root);
	assert_status(facts_get(f, "host.dockerd"), "absent");
	assert_string_equal(json_dig_string(facts_get(f, "host.mounts"), "path"), "/proc/self/mountinfo");
	assert_int_equal(json_array_size(json_object_get(facts_get(f, "host.mounts"), "entries")), 3);
	facts_free(f);
	remove_root(root);
}

/* A root whose /proc is this kernel's procfs (the host seen from a
 * container) has its loaded audit rules read, as the live root has. */
static void root_with_live_proc_reads_loaded_rules(void **state)
{
	(void)state;
	char *root = make_root();
	char *p = at(root, "proc");
	assert_int_equal(mkdir(p, 0755), 0);
	if (mount("/proc", p, NULL, MS_BIND, NULL) != 0) {
		free(p);
		remove_root(root);
		skip();   /* not root: nothing to bind-mount with */
	}
	struct facts *f = collect(root);
	const char *s = status_of(facts_get(f, "host.audit.loaded"));
	assert_non_null(s);
	/* ok where the audit subsystem answers, error with its reason where not;
	 * never "absent" */
	assert_true(strcmp(s, "ok") == 0 || strcmp(s, "error") == 0);
	facts_free(f);
	assert_int_equal(umount2(p, MNT_DETACH), 0);
	free(p);
	remove_root(root);
}

static void live_root(void **state)
{
	(void)state;
	struct facts *f = collect("/");
	assert_non_null(json_string_value(facts_get(f, "collected.hostname")));
	const json_t *loaded = facts_get(f, "host.audit.loaded");
	const char *s = status_of(loaded);
	assert_non_null(s);
	/* ok where the audit subsystem works, error with a reason where it does not */
	if (strcmp(s, "ok") == 0)
		assert_true(json_is_array(json_object_get(loaded, "rules")));
	else
		assert_string_equal(s, "error");
	assert_status(facts_get(f, "host.mounts"), "ok");

	/* Every interface but loopback, each with the four keys. */
	const json_t *net = facts_get(f, "host.network");
	assert_status(net, "ok");
	size_t i;
	const json_t *it;
	json_array_foreach(json_object_get(net, "interfaces"), i, it) {
		const char *name = json_string_value(json_object_get(it, "name"));
		assert_non_null(name);
		assert_string_not_equal(name, "lo");
		const json_t *mac = json_object_get(it, "mac");
		assert_true(json_is_null(mac) || strlen(json_string_value(mac)) == 17);
		assert_true(json_is_array(json_object_get(it, "ipv4")));
		assert_true(json_is_array(json_object_get(it, "ipv6")));
		const json_t *a;
		size_t k;
		json_array_foreach(json_object_get(it, "ipv4"), k, a)
			assert_string_not_equal(json_string_value(a), "127.0.0.1");
	}
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic_identity_groups_dockerd),
		cmocka_unit_test(basic_daemon_json_systemd_env),
		cmocka_unit_test(basic_audit),
		cmocka_unit_test(basic_file_stats),
		cmocka_unit_test(empty_root),
		cmocka_unit_test(daemon_json_bad_files),
		cmocka_unit_test(rootless_only_dockerd),
		cmocka_unit_test(config_file_from_unit_without_dockerd),
		cmocka_unit_test(config_file_from_docker_opts),
		cmocka_unit_test(config_file_relative),
		cmocka_unit_test(dockerd_behind_the_engine_socket_is_preferred),
		cmocka_unit_test(systemd_priorities),
		cmocka_unit_test(certs_d_is_capped),
		cmocka_unit_test(swarm_ca_dates),
		cmocka_unit_test(audit_log_collected),
		cmocka_unit_test(live_root),
		cmocka_unit_test(mounts_and_listeners_are_the_dockerds),
		cmocka_unit_test(root_with_live_proc_reads_loaded_rules),
		cmocka_unit_test(unit_binaries_are_stated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
