/* test_collect_layers.c - collect_layers() over layer directories built at
 * run time in a mkdtemp root: setuid and setgid files found, plain files
 * and symlinks not, overlay whiteouts, opaque directories and copies that
 * hide a lower layer's file, unreadable directories, the caps, and the
 * reasons an image's layers are not read.  The facts it writes then go
 * through the 4.8 check. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cmocka.h>

#include "audit.h"
#include "check.h"
#include "collect.h"
#include "facts.h"
#include "util.h"

#define DATA_ROOT "/var/lib/docker"
#define OVL DATA_ROOT "/overlay2"
#define ID_A "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define ID_B "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

/* ---- the fixture root ---- */

static char *root;

static char *at(const char *rel)
{
	return xasprintf("%s%s", root, rel);
}

static void mkdirs(const char *rel)
{
	char *p = at(rel);
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

/* A file with `mode` (chmod, so the umask does not drop setid bits). */
static void file(const char *rel, mode_t mode)
{
	char *p = at(rel);
	char *slash = strrchr(p, '/');
	*slash = '\0';
	mkdirs(p + strlen(root));
	*slash = '/';
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	assert_int_equal(chmod(p, mode), 0);
	free(p);
}

static void symlink_at(const char *target, const char *rel)
{
	char *p = at(rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

/* An overlay whiteout: a character device 0/0.  Without CAP_MKNOD, the
 * AUFS-style ".wh.NAME" marker, which hides just the same. */
static void whiteout(const char *dir, const char *name)
{
	char *p = xasprintf("%s%s/%s", root, dir, name);
	if (mknod(p, S_IFCHR | 0000, makedev(0, 0)) < 0) {
		free(p);
		p = xasprintf("%s%s/.wh.%s", root, dir, name);
		int fd = open(p, O_WRONLY | O_CREAT, 0);
		assert_true(fd >= 0);
		close(fd);
	}
	free(p);
}

/* An opaque directory: overlayfs's xattr where the file system takes it,
 * else the ".wh..wh..opq" marker. */
static void opaque(const char *rel)
{
	mkdirs(rel);
	char *p = at(rel);
	if (setxattr(p, "trusted.overlay.opaque", "y", 1, 0) < 0 &&
	    setxattr(p, "user.overlay.opaque", "y", 1, 0) < 0) {
		char *m = xasprintf("%s/.wh..wh..opq", p);
		int fd = open(m, O_WRONLY | O_CREAT, 0);
		assert_true(fd >= 0);
		close(fd);
		free(m);
	}
	free(p);
}

/* Layers of image A (overlay2), bottom first:
 *   L1  usr/bin/passwd 4755, usr/bin/wall 2755, usr/bin/plain 0755,
 *       usr/bin/su 4755, usr/bin/chsh 4755, opt/app/tool 4755, srv/x/y 4755,
 *       usr/sbin/both 6755
 *   L2  usr/bin/chsh 0755 (a copy without the bit), opt/app opaque,
 *       srv removed (whiteout), usr/bin/link -> passwd, etc-link -> /etc,
 *       usr/local/bin/newuid 4750
 *   L3  usr/bin/su removed (whiteout)
 * Visible setid files: passwd, wall, both, newuid. */
static void build_overlay(void)
{
	file(OVL "/l1/diff/usr/bin/passwd", 04755);
	file(OVL "/l1/diff/usr/bin/wall", 02755);
	file(OVL "/l1/diff/usr/bin/plain", 0755);
	file(OVL "/l1/diff/usr/bin/su", 04755);
	file(OVL "/l1/diff/usr/bin/chsh", 04755);
	file(OVL "/l1/diff/opt/app/tool", 04755);
	file(OVL "/l1/diff/srv/x/y", 04755);
	file(OVL "/l1/diff/usr/sbin/both", 06755);
	file(OVL "/l2/diff/usr/bin/chsh", 0755);
	opaque(OVL "/l2/diff/opt/app");
	file(OVL "/l2/diff/opt/app/other", 0644);
	mkdirs(OVL "/l2/diff");
	whiteout(OVL "/l2/diff", "srv");
	symlink_at("passwd", OVL "/l2/diff/usr/bin/link");
	symlink_at("/etc", OVL "/l2/diff/etc-link");
	file(OVL "/l2/diff/usr/local/bin/newuid", 04750);
	mkdirs(OVL "/l3/diff/usr/bin");
	whiteout(OVL "/l3/diff/usr/bin", "su");
	/* Outside the layers: a setuid file a followed symlink would reach. */
	file("/etc/outside-suid", 04755);
}

static int setup(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/dockaudit-layers-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	root = xstrdup(tmpl);
	chmod(root, 0755);        /* the unprivileged child must get in */
	build_overlay();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(strncmp(root, "/tmp/dockaudit-layers-", 22), 0);
	char *cmd = xasprintf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(root);
	return 0;
}

/* ---- facts documents ---- */

static json_t *overlay_data(const char *upper, const char *lower)
{
	json_t *d = json_object();
	if (upper)
		json_object_set_new(d, "UpperDir", json_string(upper));
	if (lower)
		json_object_set_new(d, "LowerDir", json_string(lower));
	return d;
}

static json_t *image(const char *id, const char *driver, json_t *data)
{
	return json_pack("{s:s,s:s,s:[s],s:{s:s,s:{s:s,s:o}},s:[],s:[s]}", "status", "ok", "id", id,
			 "tags", "app:1", "inspect", "Id", id, "GraphDriver", "Name", driver, "Data",
			 data, "history", "used_by", "web");
}

/* A facts document whose engine.images holds `items` (taken). */
static struct facts *facts_with(const char *endpoint, const char *data_root, json_t *items)
{
	struct facts *f = facts_new();
	json_t *info = json_pack("{s:s,s:s}", "status", "ok", "ID", "TEST:ENGINE");
	if (data_root)
		json_object_set_new(info, "DockerRootDir", json_string(data_root));
	json_t *engine = json_pack("{s:s,s:s,s:o,s:{s:s,s:o,s:i,s:i}}", "status", "ok", "endpoint",
				   endpoint, "info", info, "images", "status", "ok", "items", items,
				   "total", 1, "unused_count", 0);
	json_object_set_new(f->root, "engine", engine);
	return f;
}

static const json_t *setid_of(const struct facts *f, size_t i)
{
	return json_object_get(json_array_get(json_object_get(facts_get(f, "engine.images"), "items"), i),
			       "setid");
}

static struct facts *collect(struct facts *f, const struct layer_limits *lim)
{
	struct collect_options o = { .root = root };
	collect_layers_limited(f, &o, lim);
	return f;
}

static bool has_path(const json_t *setid, const char *path)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(setid, "files"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "path")), path) == 0)
			return true;
	return false;
}

static long long mode_of(const json_t *setid, const char *path)
{
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(setid, "files"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "path")), path) == 0)
			return json_integer_value(json_object_get(e, "mode"));
	return -1;
}

static const char *status_of(const json_t *src)
{
	return json_string_value(json_object_get(src, "status"));
}

static const char *error_of(const json_t *src)
{
	const char *e = json_string_value(json_object_get(src, "error"));
	return e ? e : "";
}

static json_t *items1(json_t *item)
{
	json_t *a = json_array();
	json_array_append_new(a, item);
	return a;
}

static const json_t *collect_one(struct facts **ret, const char *driver, json_t *data,
				 const struct layer_limits *lim)
{
	*ret = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT, items1(image(ID_A, driver, data))), lim);
	return setid_of(*ret, 0);
}

/* ---- tests ---- */

static void overlay_layers_merged(void **state)
{
	(void)state;
	struct facts *f;
	const json_t *s = collect_one(&f, "overlay2",
				      overlay_data(OVL "/l3/diff", OVL "/l2/diff:" OVL "/l1/diff"), NULL);
	assert_string_equal(status_of(s), "ok");
	assert_true(has_path(s, "/usr/bin/passwd"));
	assert_int_equal(mode_of(s, "/usr/bin/passwd"), 04755);
	assert_int_equal(mode_of(s, "/usr/bin/wall"), 02755);
	assert_int_equal(mode_of(s, "/usr/sbin/both"), 06755);
	assert_int_equal(mode_of(s, "/usr/local/bin/newuid"), 04750);
	assert_false(has_path(s, "/usr/bin/plain"));        /* no bit */
	assert_false(has_path(s, "/usr/bin/su"));           /* whiteout in L3 */
	assert_false(has_path(s, "/usr/bin/chsh"));         /* copied without the bit */
	assert_false(has_path(s, "/opt/app/tool"));         /* opaque directory above */
	assert_false(has_path(s, "/srv/x/y"));              /* parent removed above */
	assert_false(has_path(s, "/usr/bin/link"));         /* a symlink, not followed */
	assert_false(has_path(s, "/etc-link/outside-suid"));
	assert_int_equal(json_array_size(json_object_get(s, "files")), 4);
	/* Sorted by path. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(s, "files"), 0), "path")),
			    "/usr/bin/passwd");
	assert_false(json_is_true(json_object_get(s, "truncated")));
	assert_int_equal(json_integer_value(json_object_get(s, "layers")), 3);
	assert_true(json_integer_value(json_object_get(s, "scanned")) >= 20);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(s, "files"), 0), "uid")),
			 getuid());

	/* And the check: fail, listing them. */
	char *only[] = { (char *)"4.8", NULL };
	struct selection sel = { .version = BENCH_1_8_0, .level = 2, .only = only };
	struct audit_options ao = { .image_sprawl_threshold = 100, .container_sprawl_threshold = 25 };
	struct result_set rs;
	audit_run(f, &sel, &ao, &rs);
	const struct result *r = NULL;
	for (size_t i = 0; i < rs.count; i++)
		if (strcmp(check_id(rs.results[i].check, BENCH_1_8_0), "4.8") == 0)
			r = &rs.results[i];
	assert_non_null(r);
	assert_int_equal(r->status, STATUS_FAIL);
	assert_int_equal(r->n_items, 1);
	assert_non_null(strstr(r->items[0].detail, "/usr/bin/passwd (setuid, mode 4755"));
	assert_non_null(strstr(r->items[0].detail, "/usr/bin/wall (setgid"));
	assert_non_null(strstr(r->items[0].detail, "setuid+setgid"));
	result_set_free(&rs);
	facts_free(f);
}

static void lowest_layer_alone_shows_everything(void **state)
{
	(void)state;
	struct facts *f;
	const json_t *s = collect_one(&f, "overlay2", overlay_data(OVL "/l1/diff", NULL), NULL);
	assert_string_equal(status_of(s), "ok");
	assert_true(has_path(s, "/usr/bin/su"));
	assert_true(has_path(s, "/opt/app/tool"));
	assert_true(has_path(s, "/srv/x/y"));
	assert_int_equal(json_array_size(json_object_get(s, "files")), 7);
	facts_free(f);
}

static void vfs_dir_and_pass(void **state)
{
	(void)state;
	file(DATA_ROOT "/vfs/dir/clean/bin/sh", 0755);
	file(DATA_ROOT "/vfs/dir/clean/etc/passwd", 0644);
	struct facts *f;
	const json_t *s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/clean"), NULL);
	assert_string_equal(status_of(s), "ok");
	assert_int_equal(json_array_size(json_object_get(s, "files")), 0);
	assert_int_equal(json_integer_value(json_object_get(s, "scanned")), 4);
	assert_string_equal(json_string_value(json_object_get(s, "driver")), "vfs");
	facts_free(f);
}

/* `printf %s TEXT | sha256sum`, to check the collector's own SHA-256. */
static char *sha256_of(const char *text)
{
	char *cmd = xasprintf("printf '%%s' '%s' | sha256sum", text);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char hex[65] = "";
	assert_int_equal(fscanf(p, "%64s", hex), 1);
	pclose(p);
	free(cmd);
	return xstrdup(hex);
}

static void write_text(const char *rel, const char *text)
{
	char *p = at(rel);
	char *slash = strrchr(p, '/');
	*slash = '\0';
	mkdirs(p + strlen(root));
	*slash = '/';
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

#define DIFF1 "sha256:1111111111111111111111111111111111111111111111111111111111111111"
#define DIFF2 "sha256:2222222222222222222222222222222222222222222222222222222222222222"
#define DIFF3 "sha256:3333333333333333333333333333333333333333333333333333333333333333"

static json_t *vfs_image(const char *id, json_t *layers)
{
	json_t *item = image(id, "vfs", json_null());
	json_object_set_new(json_object_get(item, "inspect"), "RootFS",
			    json_pack("{s:s,s:o}", "Type", "layers", "Layers", layers));
	return item;
}

/* dockerd reports no GraphDriver.Data for vfs: the directory is found
 * through the layer database, by the top layer's chain ID. */
static void vfs_dir_from_layer_database(void **state)
{
	(void)state;
	char *c2 = sha256_of(DIFF1 " " DIFF2);
	char *t = xasprintf("sha256:%s " DIFF3, c2);
	char *c3 = sha256_of(t);
	free(t);
	char *rel = xasprintf(DATA_ROOT "/image/vfs/layerdb/sha256/%s/cache-id", c3);
	write_text(rel, "0123abcd");
	free(rel);
	rel = xasprintf(DATA_ROOT "/image/vfs/layerdb/sha256/%s/cache-id", DIFF1 + 7);
	write_text(rel, "base-id");
	free(rel);
	file(DATA_ROOT "/vfs/dir/0123abcd/usr/bin/top-suid", 04711);
	file(DATA_ROOT "/vfs/dir/base-id/usr/bin/base-suid", 04711);

	struct facts *f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
					     items1(vfs_image(ID_A, json_pack("[s,s,s]", DIFF1, DIFF2, DIFF3)))), NULL);
	const json_t *s = setid_of(f, 0);
	assert_string_equal(status_of(s), "ok");
	assert_true(has_path(s, "/usr/bin/top-suid"));
	assert_false(has_path(s, "/usr/bin/base-suid"));
	assert_int_equal(json_integer_value(json_object_get(s, "layers")), 1);
	facts_free(f);

	/* One layer: the chain ID is the diff ID. */
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
			       items1(vfs_image(ID_A, json_pack("[s]", DIFF1)))), NULL);
	assert_true(has_path(setid_of(f, 0), "/usr/bin/base-suid"));
	facts_free(f);

	/* Unknown to the layer database; a diff ID that is not a digest. */
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
			       items1(vfs_image(ID_A, json_pack("[s]", DIFF2)))), NULL);
	assert_string_equal(status_of(setid_of(f, 0)), "error");
	assert_non_null(strstr(error_of(setid_of(f, 0)), "cannot find the vfs layer directory: no valid '"));
	facts_free(f);
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
			       items1(vfs_image(ID_A, json_pack("[s]", "sha256:../../etc")))), NULL);
	assert_string_equal(status_of(setid_of(f, 0)), "error");
	assert_non_null(strstr(error_of(setid_of(f, 0)), "not a sha256 digest"));
	facts_free(f);
	free(c2);
	free(c3);
}

static void unsupported_driver_is_error(void **state)
{
	(void)state;
	struct facts *f;
	const json_t *s = collect_one(&f, "btrfs", json_object(), NULL);
	assert_string_equal(status_of(s), "error");
	assert_string_equal(error_of(s), "unsupported storage driver btrfs");
	facts_free(f);
	s = collect_one(&f, "overlay2", json_null(), NULL);
	assert_string_equal(status_of(s), "error");
	assert_non_null(strstr(error_of(s), "no layer directories"));
	facts_free(f);
}

static void layer_dir_symlink_not_followed(void **state)
{
	(void)state;
	symlink_at(OVL "/l1/diff", OVL "/sneaky");
	struct facts *f;
	const json_t *s = collect_one(&f, "overlay2", overlay_data(OVL "/sneaky", NULL), NULL);
	assert_string_equal(status_of(s), "error");
	/* O_DIRECTORY | O_NOFOLLOW on a symlink: ENOTDIR (or ELOOP). */
	assert_non_null(strstr(error_of(s), "cannot read layer directory '" OVL "/sneaky': "));
	facts_free(f);
}

static void layer_dirs_outside_data_root_refused(void **state)
{
	(void)state;
	struct facts *f;
	const json_t *s = collect_one(&f, "overlay2", overlay_data("/etc", NULL), NULL);
	assert_string_equal(status_of(s), "error");
	assert_non_null(strstr(error_of(s), "'/etc' is outside the engine's data root"));
	facts_free(f);
	s = collect_one(&f, "overlay2", overlay_data(OVL "/../../../../etc", NULL), NULL);
	assert_string_equal(status_of(s), "error");
	assert_non_null(strstr(error_of(s), "not a clean absolute path"));
	facts_free(f);
	s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "x/vfs"), NULL);
	assert_string_equal(status_of(s), "error");
	facts_free(f);
}

static void missing_layer_dir_is_error(void **state)
{
	(void)state;
	struct facts *f;
	const json_t *s = collect_one(&f, "overlay2", overlay_data(OVL "/gone/diff", NULL), NULL);
	assert_string_equal(status_of(s), "error");
	assert_non_null(strstr(error_of(s), "cannot read layer directory '" OVL "/gone/diff': No such file"));
	facts_free(f);
}

/* Run in a child without the power to read anything: as nobody when we
 * are root.  The facts come back through a pipe. */
static void unreadable_dir_is_error(void **state)
{
	(void)state;
	file(OVL "/locked/diff/secret/bin/x", 04755);
	char *secret = at(OVL "/locked/diff/secret");
	assert_int_equal(chmod(secret, 0700), 0);
	free(secret);

	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		if (geteuid() == 0 && (setgroups(0, NULL) < 0 || setresgid(65534, 65534, 65534) < 0 ||
				       setresuid(65534, 65534, 65534) < 0))
			_exit(3);
		struct facts *f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
						     items1(image(ID_A, "overlay2", overlay_data(OVL "/locked/diff", NULL)))),
					  NULL);
		char *s = facts_dump(f);
		ssize_t n = write(p[1], s, strlen(s));
		int rc = n == (ssize_t)strlen(s) ? 0 : 4;
		free(s);
		facts_free(f);
		_exit(rc);
	}
	close(p[1]);
	struct buf b = BUF_INIT;
	char chunk[4096];
	ssize_t n;
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		buf_append(&b, chunk, (size_t)n);
	close(p[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	struct facts *f;
	char *err = NULL;
	assert_int_equal(facts_load_buffer(b.data, b.len, &f, &err), 0);
	const json_t *s = setid_of(f, 0);
	assert_string_equal(status_of(s), "error");
	assert_non_null(strstr(error_of(s), "/locked/diff/secret': Permission denied"));
	facts_free(f);
	buf_free(&b);
}

static void deep_tree_stops_at_depth_cap(void **state)
{
	(void)state;
	file(DATA_ROOT "/vfs/dir/deep/a/b/c/d/e/f/g/h/i/j/k/l/deep-suid", 04755);
	file(DATA_ROOT "/vfs/dir/deep/shallow-suid", 04755);
	struct layer_limits lim = { .depth = 6 };
	struct facts *f;
	const json_t *s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/deep"), &lim);
	assert_string_equal(status_of(s), "ok");
	assert_true(json_is_true(json_object_get(s, "truncated")));
	assert_string_equal(json_string_value(json_object_get(s, "truncated_by")), "depth");
	assert_true(has_path(s, "/shallow-suid"));
	assert_false(has_path(s, "/a/b/c/d/e/f/g/h/i/j/k/l/deep-suid"));
	facts_free(f);
	/* With the default depth it is found. */
	s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/deep"), NULL);
	assert_true(has_path(s, "/a/b/c/d/e/f/g/h/i/j/k/l/deep-suid"));
	assert_false(json_is_true(json_object_get(s, "truncated")));
	facts_free(f);
}

static void entry_and_time_caps(void **state)
{
	(void)state;
	for (int i = 0; i < 40; i++) {
		char *rel = xasprintf(DATA_ROOT "/vfs/dir/wide/f%02d", i);
		file(rel, 0644);
		free(rel);
	}
	struct layer_limits lim = { .image_entries = 10 };
	struct facts *f;
	const json_t *s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/wide"), &lim);
	assert_string_equal(status_of(s), "ok");
	assert_true(json_is_true(json_object_get(s, "truncated")));
	assert_string_equal(json_string_value(json_object_get(s, "truncated_by")), "entries");
	assert_int_equal(json_integer_value(json_object_get(s, "scanned")), 10);
	facts_free(f);

	/* Per image: the overlay image's three layers hold more than 12. */
	lim = (struct layer_limits){ .image_entries = 12 };
	s = collect_one(&f, "overlay2", overlay_data(OVL "/l3/diff", OVL "/l2/diff:" OVL "/l1/diff"), &lim);
	assert_true(json_is_true(json_object_get(s, "truncated")));
	assert_true(json_integer_value(json_object_get(s, "scanned")) <= 12);
	facts_free(f);

	/* A walk the entry cap stopped is walked again for an image that may
	 * read more, and an image naming one directory twice is fine. */
	lim = (struct layer_limits){ .image_entries = 12 };
	json_t *items = json_array();
	json_array_append_new(items, image(ID_A, "overlay2", overlay_data(OVL "/l3/diff", OVL "/l2/diff:" OVL "/l1/diff")));
	json_array_append_new(items, image(ID_B, "overlay2", overlay_data(OVL "/l2/diff", OVL "/l2/diff")));
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT, items), &lim);
	assert_int_equal(json_integer_value(json_object_get(setid_of(f, 0), "scanned")), 12);
	assert_int_equal(json_integer_value(json_object_get(setid_of(f, 1), "scanned")), 12);
	assert_true(json_is_true(json_object_get(setid_of(f, 1), "truncated")));
	facts_free(f);

	lim = (struct layer_limits){ .seconds = 1e-9 };
	s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/wide"), &lim);
	assert_true(json_is_true(json_object_get(s, "truncated")));
	assert_string_equal(json_string_value(json_object_get(s, "truncated_by")), "time");
	facts_free(f);
}

static void shared_layers_and_two_images(void **state)
{
	(void)state;
	json_t *items = json_array();
	json_array_append_new(items, image(ID_A, "overlay2", overlay_data(OVL "/l3/diff", OVL "/l2/diff:" OVL "/l1/diff")));
	json_array_append_new(items, image(ID_B, "overlay2", overlay_data(OVL "/l2/diff", OVL "/l1/diff")));
	/* An item in error is left alone. */
	json_array_append_new(items, json_pack("{s:s,s:s,s:s}", "status", "error", "id", "x", "error", "HTTP 404"));
	struct facts *f = collect(facts_with("unix:///run/docker.sock", DATA_ROOT, items), NULL);
	const json_t *a = setid_of(f, 0), *b = setid_of(f, 1);
	assert_false(has_path(a, "/usr/bin/su"));
	assert_true(has_path(b, "/usr/bin/su"));             /* no L3 whiteout in B */
	assert_false(has_path(b, "/usr/bin/chsh"));
	assert_null(setid_of(f, 2));
	facts_free(f);
}

static void layers_not_on_this_host(void **state)
{
	(void)state;
	struct facts *f = collect(facts_with("tcp://10.0.0.5:2376", DATA_ROOT,
					     items1(image(ID_A, "overlay2", overlay_data(OVL "/l1/diff", NULL)))), NULL);
	const json_t *s = setid_of(f, 0);
	assert_string_equal(status_of(s), "absent");
	assert_string_equal(error_of(s), "image layers are not on this host (the engine is reached at tcp://10.0.0.5:2376)");
	facts_free(f);

	f = collect(facts_with("unix:///var/run/docker.sock", "/srv/docker-elsewhere",
			       items1(image(ID_A, "overlay2", overlay_data("/srv/docker-elsewhere/overlay2/x/diff", NULL)))), NULL);
	s = setid_of(f, 0);
	assert_string_equal(status_of(s), "absent");
	assert_non_null(strstr(error_of(s), "data root '/srv/docker-elsewhere' does not exist under"));
	facts_free(f);

	/* A data root that holds another engine's ID. */
	char *p = at(DATA_ROOT "/engine-id");
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs("OTHER:ENGINE\n", fp);
	fclose(fp);
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
			       items1(image(ID_A, "overlay2", overlay_data(OVL "/l1/diff", NULL)))), NULL);
	s = setid_of(f, 0);
	assert_string_equal(status_of(s), "absent");
	assert_non_null(strstr(error_of(s), "names another engine"));
	facts_free(f);
	/* Its own ID: read. */
	fp = fopen(p, "w");
	fputs("TEST:ENGINE\n", fp);
	fclose(fp);
	f = collect(facts_with("unix:///var/run/docker.sock", DATA_ROOT,
			       items1(image(ID_A, "overlay2", overlay_data(OVL "/l1/diff", NULL)))), NULL);
	assert_string_equal(status_of(setid_of(f, 0)), "ok");
	facts_free(f);
	unlink(p);
	free(p);

	/* No engine: nothing added. */
	f = facts_new();
	collect(f, NULL);
	assert_null(facts_get(f, "engine"));
	facts_free(f);
}

static void hostile_file_names_sanitised(void **state)
{
	(void)state;
	file(DATA_ROOT "/vfs/dir/hostile/bin/\x1b[31mred\xff", 04755);
	struct facts *f;
	const json_t *s = collect_one(&f, "vfs", json_pack("{s:s}", "Dir", DATA_ROOT "/vfs/dir/hostile"), NULL);
	assert_string_equal(status_of(s), "ok");
	const char *path = json_string_value(json_object_get(json_array_get(json_object_get(s, "files"), 0), "path"));
	assert_non_null(path);
	assert_null(strchr(path, '\x1b'));
	assert_non_null(strstr(path, "red"));
	facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlay_layers_merged),
		cmocka_unit_test(lowest_layer_alone_shows_everything),
		cmocka_unit_test(vfs_dir_and_pass),
		cmocka_unit_test(vfs_dir_from_layer_database),
		cmocka_unit_test(unsupported_driver_is_error),
		cmocka_unit_test(layer_dir_symlink_not_followed),
		cmocka_unit_test(layer_dirs_outside_data_root_refused),
		cmocka_unit_test(missing_layer_dir_is_error),
		cmocka_unit_test(unreadable_dir_is_error),
		cmocka_unit_test(deep_tree_stops_at_depth_cap),
		cmocka_unit_test(entry_and_time_caps),
		cmocka_unit_test(shared_layers_and_two_images),
		cmocka_unit_test(layers_not_on_this_host),
		cmocka_unit_test(hostile_file_names_sanitised),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
