/* path.c - lexical path cleaning and comparison (include/path.h). */
#include "path.h"

#include <string.h>

#include "util.h"

char *path_clean(const char *path)
{
	if (!path || path[0] != '/')
		return NULL;
	size_t len = strlen(path);
	char *out = xmalloc(len + 2);
	size_t n = 0;
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		size_t seg = strcspn(p, "/");
		if (seg == 0)
			break;
		if (seg == 1 && p[0] == '.') {
			/* nothing */
		} else if (seg == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;   /* the slash before the dropped component */
		} else {
			out[n++] = '/';
			memcpy(out + n, p, seg);
			n += seg;
		}
		p += seg;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return out;
}

char *path_resolve(const char *dir, const char *rel)
{
	if (rel && rel[0] == '/')
		return path_clean(rel);
	if (!dir || dir[0] != '/' || !rel)
		return NULL;
	char *joined = xasprintf("%s/%s", dir, rel);
	char *out = path_clean(joined);
	free(joined);
	return out;
}

char *path_host_key(const char *path)
{
	char *clean = path_clean(path);
	if (!clean)
		return xstrdup(path);
	if (strcmp(clean, "/var/run") == 0 || strncmp(clean, "/var/run/", 9) == 0) {
		char *folded = xstrdup(clean + 4);
		free(clean);
		return folded;
	}
	return clean;
}

bool path_has_prefix(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	while (n > 1 && prefix[n - 1] == '/')
		n--;
	if (n == 1 && prefix[0] == '/')
		return path[0] == '/';
	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}
