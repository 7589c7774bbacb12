/* facts_spool.c - container items spooled to an unlinked file while a live
 * audit runs, spliced into the saved facts at the end (facts_spool.h). */
#include "facts_spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* As facts_dump(): the saved bundle reads the same whichever path wrote it. */
#define SPOOL_JSON_FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII)

struct facts_spool {
	FILE *file;
	size_t count;
	int error;              /* first errno of a write; 0 while all went well */
};

/* An unlinked read-write file in dir, or -errno. */
static int open_unlinked_in(const char *dir)
{
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	/* EOPNOTSUPP and the like: the filesystem has no O_TMPFILE. */
#endif
	char *tmpl = xasprintf("%s/.dockaudit-facts-spool.XXXXXX", dir);
	int t = mkostemp(tmpl, O_CLOEXEC);
	int e = errno;
	if (t >= 0)
		unlink(tmpl);
	free(tmpl);
	return t >= 0 ? t : -e;
}

/* The folder a file path names ("." for a bare name), caller frees. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

struct facts_spool *facts_spool_open(const char *near_path, int *ret_errno)
{
	int fd = -ENOENT;
	struct stat st;
	/* Beside a regular (or not yet existing) file; a device, pipe or "-"
	 * has no folder worth filling. */
	if (near_path && strcmp(near_path, "-") != 0 &&
	    (stat(near_path, &st) < 0 || S_ISREG(st.st_mode))) {
		char *dir = folder_of(near_path);
		fd = open_unlinked_in(dir);
		free(dir);
	}
	if (fd < 0) {
		const char *tmp = getenv("TMPDIR");
		fd = open_unlinked_in(tmp && *tmp ? tmp : "/tmp");
	}
	if (fd < 0) {
		*ret_errno = -fd;
		return NULL;
	}
	FILE *file = fdopen(fd, "w+");
	if (!file) {
		*ret_errno = errno;
		close(fd);
		return NULL;
	}
	struct facts_spool *s = xcalloc(1, sizeof(*s));
	s->file = file;
	return s;
}

void facts_spool_add(struct facts_spool *s, const json_t *item)
{
	if (s->error)
		return;
	errno = 0;
	if ((s->count && fputc(',', s->file) == EOF) ||
	    json_dumpf(item, s->file, SPOOL_JSON_FLAGS) != 0) {
		s->error = errno ? errno : EIO;
		return;
	}
	s->count++;
}

size_t facts_spool_count(const struct facts_spool *s)
{
	return s->count;
}

/* The spooled items, back from the file, as the body of a JSON array. */
static int copy_spool(struct facts_spool *s, FILE *out)
{
	if (fflush(s->file) != 0 || fseek(s->file, 0, SEEK_SET) != 0)
		return -errno;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), s->file)) > 0)
		if (fwrite(chunk, 1, n, out) != n)
			return -EIO;
	return ferror(s->file) ? -EIO : 0;
}

static int write_json(const json_t *v, FILE *out)
{
	return json_dumpf(v, out, SPOOL_JSON_FLAGS | JSON_ENCODE_ANY) == 0 ? 0 : -EIO;
}

/* obj with the member that `path` names from `depth` on replaced: its
 * last step by the spooled items, each step before it written member by
 * member so that the spliced array lands in its place. */
static int write_spliced(struct facts_spool *s, const json_t *obj, const char *const *path,
			 FILE *out)
{
	const char *key;
	json_t *value;
	bool first = true;
	if (fputc('{', out) == EOF)
		return -EIO;
	json_object_foreach((json_t *)obj, key, value) {
		json_t *k = json_string(key);
		int r = (!first && fputc(',', out) == EOF) ? -EIO : write_json(k, out);
		json_decref(k);
		if (r == 0 && fputc(':', out) == EOF)
			r = -EIO;
		if (r == 0) {
			bool on_path = strcmp(key, path[0]) == 0;
			if (on_path && !path[1] && json_is_array(value)) {
				r = fputc('[', out) == EOF ? -EIO : copy_spool(s, out);
				if (r == 0 && fputc(']', out) == EOF)
					r = -EIO;
			} else if (on_path && path[1] && json_is_object(value)) {
				r = write_spliced(s, value, path + 1, out);
			} else {
				r = write_json(value, out);
			}
		}
		if (r < 0)
			return r;
		first = false;
	}
	return fputc('}', out) == EOF ? -EIO : 0;
}

int facts_spool_write(struct facts_spool *s, const struct facts *f, FILE *out)
{
	if (s->error)
		return -s->error;
	static const char *const items_path[] = { "engine", "containers", "items", NULL };
	/* The collector leaves the array empty when it hands items on; one
	 * that holds items already is written as it is. */
	const json_t *kept = json_object_get(facts_get(f, "engine.containers"), "items");
	if (!s->count || !json_is_array(kept) || json_array_size(kept))
		return write_json(f->root, out);
	return write_spliced(s, f->root, items_path, out);
}

void facts_spool_free(struct facts_spool *s)
{
	if (!s)
		return;
	fclose(s->file);
	free(s);
}
