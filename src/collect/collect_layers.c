/* collect_layers.c - "setid" of each engine.images item: the setuid and
 * setgid regular files of the image, found by walking its layer
 * directories on the host (4.8).
 *
 * The directories come from the image inspect's GraphDriver.Data (overlay2,
 * overlay and fuse-overlayfs: UpperDir then the ':'-separated LowerDir, top
 * layer first; vfs: the directory the engine's layer database names for the
 * image's top layer, a whole copy of the image).  They are paths on the
 * engine's host: each is opened inside the root with openat2
 * (RESOLVE_IN_ROOT), and everything below it relative to an open directory
 * with O_NOFOLLOW, so no symlink is ever followed and nothing outside the
 * root is read.  Directories are opened O_RDONLY (O_NOATIME where allowed),
 * files are only stat'ed: the walk reads names and modes, never contents,
 * and writes nothing.
 *
 * Overlay layers are merged as the kernel would: a file of a lower layer is
 * left out when a higher layer has anything at its path (a copy with other
 * bits, a whiteout), a non-directory at one of its parent directories, an
 * opaque parent directory, or an AUFS-style ".wh." marker.
 *
 * Caps: directory entries per layer and per image, directory depth, and one
 * time budget for all images; past one the image says "truncated".  A layer
 * directory shared by several images is walked once. */
#include "collect.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "facts.h"
#include "util.h"
#include "host_text.h"

#define IMAGE_ENTRIES_MAX 200000
#define LAYER_ENTRIES_MAX 200000
#define DEPTH_MAX 64
#define SECONDS_MAX 10.0
#define LAYERS_PER_IMAGE_MAX 256
#define FILES_LISTED_MAX 1000
#define LAYER_FILES_MAX 10000       /* setid files kept per layer while walking */
#define LAYER_PATH_MAX 4096
#define ENGINE_ID_MAX 256
#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

struct setid_file {
	char *path;                 /* "/usr/bin/passwd" in the image, raw bytes */
	unsigned mode;              /* st_mode & 07777 */
	unsigned uid, gid;          /* as stored on the host */
};

/* One layer directory, walked once per audit. */
struct layer_scan {
	char *dir;                  /* path on the engine's host */
	struct setid_file *files;
	size_t n_files;
	size_t scanned;             /* directory entries read */
	size_t limit;               /* the entry cap it was walked with */
	const char *truncated_by;   /* NULL: complete; "entries", "depth" or "time" */
	char *error;                /* NULL, or why it could not be read */
};

struct layers_run {
	struct layer_limits lim;
	const char *root;
	int root_fd;
	double deadline;            /* monotonic seconds */
	struct layer_scan **scans;
	size_t n_scans;
	json_t *index;              /* dir -> position in scans */
};

struct walk {
	struct layers_run *run;
	struct layer_scan *scan;
	dev_t dev;                  /* the layer's file system: mounts are not entered */
	struct buf path;            /* the current directory in the image: "" or "/usr/bin" */
};

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* openat() of a subdirectory, never through a symlink.  O_NOATIME keeps the
 * walk from touching access times; only the owner or CAP_FOWNER may ask. */
static int open_subdir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, DIR_FLAGS | O_NOATIME);
	if (fd < 0 && errno == EPERM)
		fd = openat(dirfd, name, DIR_FLAGS);
	return fd >= 0 ? fd : -errno;
}

/* Opens `path` (absolute, on the engine's host) inside the root; `flags`
 * as for open().  Returns an fd or -errno. */
static int root_open(const struct layers_run *run, const char *path, int flags)
{
	struct open_how how = { .flags = (unsigned)(flags | O_CLOEXEC),
				.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS };
	for (int tries = 0; tries < 8; tries++) {
		long fd = syscall(SYS_openat2, run->root_fd, path, &how, sizeof(how));
		if (fd >= 0)
			return (int)fd;
		if (errno == EPERM && (how.flags & O_NOATIME)) {
			how.flags &= ~(unsigned)O_NOATIME;
			continue;
		}
		/* EAGAIN: a concurrent rename; the kernel asks us to retry. */
		if (errno != EAGAIN)
			break;
	}
	if (errno != ENOSYS)
		return -errno;
	/* Kernels before 5.6: a joined path, still without following the last
	 * component. */
	char *full = path_join_root(run->root, path);
	int fd = open(full, (flags & ~O_NOATIME) | O_CLOEXEC);
	int e = errno;
	free(full);
	return fd >= 0 ? fd : -e;
}

/* ---- walking one layer ---- */

static void walk_stop(struct walk *w, const char *why)
{
	if (!w->scan->truncated_by)
		w->scan->truncated_by = why;
}

static int walk_error(struct walk *w, const char *name, int e)
{
	if (!w->scan->error)
		w->scan->error = xasprintf("cannot read '%s%s%s%s': %s", w->scan->dir, w->path.data,
					   name ? "/" : "", name ? name : "", strerror(e));
	return -e;
}

static void walk_add(struct walk *w, const char *name, const struct stat *st)
{
	struct layer_scan *s = w->scan;
	s->files = xrealloc(s->files, (s->n_files + 1) * sizeof(*s->files));
	s->files[s->n_files++] = (struct setid_file){
		.path = xasprintf("%s/%s", w->path.data, name),
		.mode = (unsigned)(st->st_mode & 07777),
		.uid = (unsigned)st->st_uid,
		.gid = (unsigned)st->st_gid,
	};
}

/* Walks the directory open at fd (w->path in the image), depth levels
 * below the layer's top.  Takes fd.  Returns 0, or -errno when a directory
 * could not be read (scan->error says which); a cap only sets
 * truncated_by. */
static int walk_dir(struct walk *w, int fd, unsigned depth)
{
	struct layer_scan *s = w->scan;
	DIR *d = fdopendir(fd);
	if (!d) {
		int e = errno;
		close(fd);
		return walk_error(w, NULL, e);
	}
	int r = 0;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			if (errno)
				r = walk_error(w, NULL, errno);
			break;
		}
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (s->scanned >= s->limit) {
			walk_stop(w, "entries");
			break;
		}
		if (s->scanned % 1024 == 0 && mono_now() > w->run->deadline) {
			walk_stop(w, "time");
			break;
		}
		s->scanned++;
		/* Symlinks, devices (whiteouts among them), sockets and FIFOs
		 * are never setid regular files: no stat needed. */
		if (de->d_type != DT_REG && de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		struct stat st;
		if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno == ENOENT)
				continue;      /* removed while we read: not in the image any more */
			r = walk_error(w, name, errno);
			break;
		}
		if (S_ISREG(st.st_mode)) {
			/* ".wh.NAME" is an AUFS-style whiteout marker, not a file. */
			if (!(st.st_mode & (S_ISUID | S_ISGID)) || strncmp(name, ".wh.", 4) == 0)
				continue;
			if (s->n_files >= LAYER_FILES_MAX) {
				walk_stop(w, "files");
				break;
			}
			walk_add(w, name, &st);
			continue;
		}
		if (!S_ISDIR(st.st_mode) || st.st_dev != w->dev)
			continue;
		if (depth + 1 > w->run->lim.depth) {
			walk_stop(w, "depth");
			continue;
		}
		int sub = open_subdir(dirfd(d), name);
		if (sub == -ENOENT)
			continue;
		if (sub < 0) {
			r = walk_error(w, name, -sub);
			break;
		}
		size_t len = w->path.len;
		buf_printf(&w->path, "/%s", name);
		r = walk_dir(w, sub, depth + 1);
		w->path.len = len;
		w->path.data[len] = '\0';
		if (r < 0 || (s->truncated_by && strcmp(s->truncated_by, "depth") != 0))
			break;
	}
	closedir(d);
	return r;
}

static struct layer_scan *scan_layer_new(struct layers_run *run, const char *dir, size_t limit)
{
	struct layer_scan *s = xcalloc(1, sizeof(*s));
	s->dir = xstrdup(dir);
	s->limit = limit;
	int fd = root_open(run, dir, DIR_FLAGS | O_NOATIME);
	if (fd < 0) {
		s->error = xasprintf("cannot read layer directory '%s': %s", dir, strerror(-fd));
		return s;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		s->error = xasprintf("cannot read layer directory '%s': %s", dir, strerror(errno));
		close(fd);
		return s;
	}
	struct walk w = { .run = run, .scan = s, .dev = st.st_dev, .path = BUF_INIT };
	buf_puts(&w.path, "");
	walk_dir(&w, fd, 0);
	buf_free(&w.path);
	return s;
}

static void scan_free(struct layer_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_files; i++)
		free(s->files[i].path);
	free(s->files);
	free(s->dir);
	free(s->error);
	free(s);
}

/* The walk of `dir` with at most `limit` entries, from an earlier image
 * when that one is as good. */
static const struct layer_scan *scan_layer(struct layers_run *run, const char *dir, size_t limit)
{
	json_t *pos = json_object_get(run->index, dir);
	if (pos) {
		struct layer_scan **slot = &run->scans[json_integer_value(pos)];
		const char *t = (*slot)->truncated_by;
		/* Walking again helps only when the entry cap stopped it and
		 * this image allows more. */
		if (!t || strcmp(t, "entries") != 0 || (*slot)->limit >= limit)
			return *slot;
		/* The shorter walk stays in scans (an image may still point to
		 * it); the index names the new one. */
	}
	run->scans = xrealloc(run->scans, (run->n_scans + 1) * sizeof(*run->scans));
	run->scans[run->n_scans] = scan_layer_new(run, dir, limit);
	json_object_set_new(run->index, dir, json_integer((json_int_t)run->n_scans));
	return run->scans[run->n_scans++];
}

/* Reads the first line of a small regular file under the root, or NULL. */
static char *read_small(const struct layers_run *run, const char *path)
{
	int fd = root_open(run, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return NULL;
	struct stat st;
	char buf[ENGINE_ID_MAX];
	ssize_t len = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		return NULL;
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

/* ---- vfs: the layer directory from the engine's layer database ---- */

/* Layer chain IDs are SHA-256 digests (OpenSSL's libcrypto computes them).
 * vfs images have no GraphDriver.Data, so their directory is found
 * through the chain ID. */
static void sha256_hex(const char *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) || n != 32) {
		out[0] = '\0';
		return;
	}
	static const char hex[] = "0123456789abcdef";
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

static bool is_digest(const char *s)
{
	if (!s || strncmp(s, "sha256:", 7) != 0 || strlen(s) != 71)
		return false;
	for (const char *p = s + 7; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* The directory of a vfs image: its top layer's chain ID (diff IDs folded
 * with SHA-256, as the engine names layers) leads to the layer database's
 * cache-id, the name of the directory under vfs/dir.  vfs copies each layer
 * whole, so the top one is the image.  Returns the path or NULL with
 * *ret_error. */
static char *vfs_dir(const struct layers_run *run, const json_t *inspect, const char *data_root,
		     char **ret_error)
{
	const json_t *layers = json_dig(inspect, "RootFS.Layers");
	size_t n = json_array_size(layers);
	if (!data_root) {
		*ret_error = xstrdup("the engine did not report its data root (DockerRootDir), where "
				     "vfs layers are");
		return NULL;
	}
	if (n == 0 || n > LAYERS_PER_IMAGE_MAX) {
		*ret_error = xasprintf("cannot find the vfs layer directory: %zu layers in RootFS.Layers", n);
		return NULL;
	}
	char chain[72];
	for (size_t i = 0; i < n; i++) {
		const char *diff = json_string_value(json_array_get(layers, i));
		if (!is_digest(diff)) {
			*ret_error = xstrdup("cannot find the vfs layer directory: RootFS.Layers holds "
					     "something that is not a sha256 digest");
			return NULL;
		}
		if (i == 0) {
			memcpy(chain, diff, 72);
			continue;
		}
		char *text = xasprintf("%s %s", chain, diff);
		memcpy(chain, "sha256:", 7);
		sha256_hex(text, strlen(text), chain + 7);
		free(text);
	}
	char *id_path = xasprintf("%s/image/vfs/layerdb/sha256/%s/cache-id", data_root, chain + 7);
	char *cache_id = read_small(run, id_path);
	bool valid = cache_id && *cache_id && strlen(cache_id) <= 128 &&
		     strspn(cache_id, "0123456789abcdefghijklmnopqrstuvwxyz"
				      "ABCDEFGHIJKLMNOPQRSTUVWXYZ-_") == strlen(cache_id);
	char *dir = NULL;
	if (valid)
		dir = xasprintf("%s/vfs/dir/%s", data_root, cache_id);
	else
		*ret_error = xasprintf("cannot find the vfs layer directory: no valid '%s'", id_path);
	free(id_path);
	free(cache_id);
	return dir;
}

/* ---- merging the layers of one image ---- */

static bool dir_is_opaque(int fd)
{
	static const char *const attrs[] = { "trusted.overlay.opaque", "user.overlay.opaque" };
	for (size_t i = 0; i < ARRAY_SIZE(attrs); i++) {
		char v[2];
		if (fgetxattr(fd, attrs[i], v, sizeof(v)) == 1 && v[0] == 'y')
			return true;
	}
	struct stat st;
	return fstatat(fd, ".wh..wh..opq", &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* true when the layer open at layer_fd hides `path` ("/usr/bin/su") of a
 * layer below it.  What cannot be read does not hide: a file is reported
 * rather than missed. */
static bool layer_hides(int layer_fd, const char *path)
{
	char *copy = xstrdup(path);
	char *save = NULL;
	int cur = layer_fd;
	bool hidden = false;
	char *comp = strtok_r(copy, "/", &save);
	while (comp) {
		char *next = strtok_r(NULL, "/", &save);
		struct stat st;
		if (fstatat(cur, comp, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			char *wh = xasprintf(".wh.%s", comp);
			hidden = fstatat(cur, wh, &st, AT_SYMLINK_NOFOLLOW) == 0;
			free(wh);
			break;
		}
		/* Anything at the path itself (a copy, a whiteout), or a
		 * non-directory in place of a parent directory. */
		if (!next || !S_ISDIR(st.st_mode)) {
			hidden = true;
			break;
		}
		int fd = open_subdir(cur, comp);
		if (fd < 0)
			break;
		if (cur != layer_fd)
			close(cur);
		cur = fd;
		if (dir_is_opaque(cur)) {
			hidden = true;
			break;
		}
		comp = next;
	}
	if (cur != layer_fd)
		close(cur);
	free(copy);
	return hidden;
}

static int file_cmp(const void *a, const void *b)
{
	const struct setid_file *x = *(const struct setid_file *const *)a;
	const struct setid_file *y = *(const struct setid_file *const *)b;
	return strcmp(x->path, y->path);
}

/* The layer directories of an image, top first, or NULL with *ret_error. */
static char **layer_dirs(const struct layers_run *run, const json_t *inspect,
			 const char *data_root, size_t *ret_n, char **ret_error)
{
	const char *driver = json_dig_string(inspect, "GraphDriver.Name");
	const json_t *data = json_dig(inspect, "GraphDriver.Data");
	if (!driver || !*driver) {
		*ret_error = xstrdup("the engine reported no storage driver (GraphDriver.Name)");
		return NULL;
	}
	char **dirs = xcalloc(1, sizeof(char *));
	size_t n = 0;
	if (strcmp(driver, "overlay2") == 0 || strcmp(driver, "overlay") == 0 ||
	    strcmp(driver, "fuse-overlayfs") == 0) {
		/* "overlay" gives its bottom layer as RootDir. */
		static const char *const keys[] = { "UpperDir", "LowerDir", "RootDir" };
		for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
			const char *v = json_string_value(json_object_get(data, keys[k]));
			char **parts = NULL;
			size_t np = v ? strv_split(v, ':', &parts) : 0;
			for (size_t i = 0; i < np; i++) {
				if (!*parts[i])
					continue;
				dirs = xrealloc(dirs, (n + 2) * sizeof(char *));
				dirs[n++] = xstrdup(parts[i]);
				dirs[n] = NULL;
			}
			strv_free(parts);
		}
	} else if (strcmp(driver, "vfs") == 0) {
		/* dockerd reports no Data for vfs; another engine may give Dir. */
		const char *v = json_string_value(json_object_get(data, "Dir"));
		char *dir = v && *v ? xstrdup(v) : vfs_dir(run, inspect, data_root, ret_error);
		if (!dir) {
			strv_free(dirs);
			return NULL;
		}
		dirs = xrealloc(dirs, 2 * sizeof(char *));
		dirs[n++] = dir;
		dirs[n] = NULL;
	} else {
		char *clean = utf8_sanitize_line(driver);
		*ret_error = xasprintf("unsupported storage driver %.64s", clean);
		free(clean);
		strv_free(dirs);
		return NULL;
	}
	const char *bad = NULL;
	if (n == 0)
		*ret_error = xasprintf("the engine reported no layer directories for storage driver "
				       "%s (GraphDriver.Data)", driver);
	else if (n > LAYERS_PER_IMAGE_MAX)
		*ret_error = xasprintf("%zu layer directories: more than %d", n, LAYERS_PER_IMAGE_MAX);
	for (size_t i = 0; i < n && !bad && n <= LAYERS_PER_IMAGE_MAX; i++) {
		const char *p = dirs[i];
		size_t rl = data_root ? strlen(data_root) : 0;
		/* Only directories of the engine's own data root are read: a
		 * hostile engine cannot send the walk through /proc or /home. */
		if (p[0] != '/' || strlen(p) >= LAYER_PATH_MAX || strstr(p, "/../") ||
		    (strlen(p) >= 3 && strcmp(p + strlen(p) - 3, "/..") == 0))
			bad = "is not a clean absolute path";
		else if (data_root && (strncmp(p, data_root, rl) != 0 || (rl > 1 && p[rl] != '/')))
			bad = "is outside the engine's data root";
		if (bad) {
			char *clean = utf8_sanitize_line(p);
			*ret_error = xasprintf("layer directory '%.200s' %s", clean, bad);
			free(clean);
		}
	}
	if (n == 0 || n > LAYERS_PER_IMAGE_MAX || bad) {
		strv_free(dirs);
		return NULL;
	}
	*ret_n = n;
	return dirs;
}

static json_t *image_setid(struct layers_run *run, const json_t *inspect, const char *data_root)
{
	char *err = NULL;
	size_t n = 0;
	char **dirs = layer_dirs(run, inspect, data_root, &n, &err);
	if (!dirs) {
		json_t *s = source_new_error("%s", err);
		free(err);
		return s;
	}

	const struct layer_scan **scans = xcalloc(n, sizeof(*scans));
	size_t scanned = 0, walked = 0, n_found = 0;
	const char *truncated_by = NULL;
	for (size_t k = 0; k < n; k++) {
		if (scanned >= run->lim.image_entries) {
			truncated_by = "entries";
			break;
		}
		size_t left = run->lim.image_entries - scanned;
		scans[k] = scan_layer(run, dirs[k], left < run->lim.layer_entries ? left : run->lim.layer_entries);
		if (scans[k]->error) {
			json_t *s = source_new_error("%s", scans[k]->error);
			free(scans);
			strv_free(dirs);
			return s;
		}
		scanned += scans[k]->scanned;
		n_found += scans[k]->n_files;
		if (scans[k]->truncated_by && !truncated_by)
			truncated_by = scans[k]->truncated_by;
		walked = k + 1;
	}

	/* The files the image shows: each layer's, unless a layer above hides it. */
	const struct setid_file **files = xcalloc(n_found + 1, sizeof(*files));
	size_t nf = 0;
	int *fds = xcalloc(walked + 1, sizeof(int));
	for (size_t k = 0; k < walked; k++)
		fds[k] = -1;
	for (size_t k = 0; k < walked; k++) {
		for (size_t i = 0; i < scans[k]->n_files; i++) {
			/* Each lookup is a few syscalls per layer above: under the
			 * same time budget as the walk. */
			if (k > 0 && i % 256 == 0 && mono_now() > run->deadline) {
				if (!truncated_by)
					truncated_by = "time";
				break;
			}
			bool hidden = false;
			for (size_t u = 0; u < k && !hidden; u++) {
				if (fds[u] == -1)
					fds[u] = root_open(run, dirs[u], DIR_FLAGS);
				hidden = fds[u] >= 0 && layer_hides(fds[u], scans[k]->files[i].path);
			}
			if (!hidden)
				files[nf++] = &scans[k]->files[i];
		}
	}
	for (size_t k = 0; k < walked; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	free(fds);
	qsort(files, nf, sizeof(*files), file_cmp);
	if (nf > FILES_LISTED_MAX) {
		nf = FILES_LISTED_MAX;
		if (!truncated_by)
			truncated_by = "files";
	}

	json_t *list = json_array();
	for (size_t i = 0; i < nf; i++)
		json_array_append_new(list, json_pack("{s:o,s:I,s:I,s:I}", "path",
						      json_host_string(files[i]->path), "mode",
						      (json_int_t)files[i]->mode, "uid", (json_int_t)files[i]->uid,
						      "gid", (json_int_t)files[i]->gid));
	json_t *s = source_new_ok();
	json_object_set_new(s, "driver", json_string(json_dig_string(inspect, "GraphDriver.Name")));
	json_object_set_new(s, "layers", json_integer((json_int_t)n));
	json_object_set_new(s, "files", list);
	json_object_set_new(s, "scanned", json_integer((json_int_t)scanned));
	json_object_set_new(s, "truncated", json_boolean(truncated_by != NULL));
	if (truncated_by)
		json_object_set_new(s, "truncated_by", json_string(truncated_by));
	free(files);
	free(scans);
	strv_free(dirs);
	return s;
}

/* ---- is the engine's storage here? ---- */

/* msg made one line of valid UTF-8 (a cut in "%.200s" may split a
 * character); takes msg. */
static char *clean_line(char *msg)
{
	char *clean = utf8_sanitize_line(msg);
	free(msg);
	return clean;
}

/* NULL when the engine's layers can be read under the root, else why not
 * (a string the caller frees). */
static char *layers_not_here(const struct layers_run *run, const json_t *engine,
			     const char *data_root)
{
	const char *endpoint = json_string_value(json_object_get(engine, "endpoint"));
	if (endpoint && strncmp(endpoint, "unix://", 7) != 0)
		return clean_line(xasprintf("image layers are not on this host (the engine is reached "
					    "at %.200s)", endpoint));
	if (!data_root)
		return NULL;
	int fd = root_open(run, data_root, O_PATH | O_DIRECTORY);
	if (fd == -ENOENT || fd == -ENOTDIR)
		return clean_line(strcmp(run->root, "/") == 0
			? xasprintf("image layers are not on this host (the engine's data root '%.200s' "
				    "does not exist here)", data_root)
			: xasprintf("image layers are not on this host (the engine's data root '%.200s' "
				    "does not exist under '%.200s')", data_root, run->root));
	if (fd >= 0)
		close(fd);
	/* Since Engine 23 the data root holds the engine's ID: a data root
	 * here that belongs to another engine (a VM's, another host's) is
	 * not this one's. */
	const char *id = json_string_value(json_dig(engine, "info.ID"));
	char *path = xasprintf("%s/engine-id", data_root);
	char *stored = read_small(run, path);
	free(path);
	char *why = NULL;
	if (id && stored && *stored && strcmp(id, stored) != 0)
		why = clean_line(xasprintf("image layers are not on this host ('%.200s/engine-id' "
					   "names another engine)", data_root));
	free(stored);
	return why;
}

void collect_layers_limited(struct facts *f, const struct collect_options *opts,
			    const struct layer_limits *limits)
{
	const json_t *engine = facts_get(f, "engine");
	const json_t *images = facts_get(f, "engine.images");
	if (source_status(engine, NULL) != SOURCE_OK || source_status(images, NULL) != SOURCE_OK)
		return;

	struct layers_run run = {
		.lim = {
			.image_entries = limits && limits->image_entries ? limits->image_entries : IMAGE_ENTRIES_MAX,
			.layer_entries = limits && limits->layer_entries ? limits->layer_entries : LAYER_ENTRIES_MAX,
			.depth = limits && limits->depth ? limits->depth : DEPTH_MAX,
			.seconds = limits && limits->seconds > 0 ? limits->seconds : SECONDS_MAX,
		},
		.root = opts && opts->root && *opts->root ? opts->root : "/",
		.index = json_object(),
	};
	run.deadline = mono_now() + run.lim.seconds;
	run.root_fd = open(run.root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	int root_errno = errno;

	/* Only a clean absolute data root bounds the layer paths. */
	const char *dr = json_string_value(json_dig(engine, "info.DockerRootDir"));
	char *data_root = NULL;
	if (dr && dr[0] == '/' && !strstr(dr, "/..") && strlen(dr) < LAYER_PATH_MAX) {
		data_root = xstrdup(dr);
		for (size_t n = strlen(data_root); n > 1 && data_root[n - 1] == '/'; n--)
			data_root[n - 1] = '\0';
	}
	char *root_error = NULL, *absent = NULL;
	if (run.root_fd < 0)
		root_error = xasprintf("cannot open the root '%s': %s", run.root, strerror(root_errno));
	else
		absent = layers_not_here(&run, engine, data_root);

	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(images, "items"), i, item) {
		if (source_status(item, NULL) != SOURCE_OK || !json_is_object(json_object_get(item, "inspect")))
			continue;
		json_t *s;
		if (root_error)
			s = source_new_error("%s", root_error);
		else if (absent)
			s = source_new_absent(absent);
		else
			s = image_setid(&run, json_object_get(item, "inspect"), data_root);
		json_object_set_new(item, "setid", s);
	}

	free(root_error);
	free(absent);
	free(data_root);
	for (size_t k = 0; k < run.n_scans; k++)
		scan_free(run.scans[k]);
	free(run.scans);
	json_decref(run.index);
	if (run.root_fd >= 0)
		close(run.root_fd);
}

void collect_layers(struct facts *f, const struct collect_options *opts)
{
	collect_layers_limited(f, opts, NULL);
}
