/* mountinfo.c - /proc/PID/mountinfo lines (include/mountinfo.h). */
#include "mountinfo.h"

#include <errno.h>
#include <string.h>

#include "util.h"

char *mountinfo_unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n &&
		    s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' && s[i + 2] <= '7' &&
		    s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] = (char)((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

void mount_entry_clear(struct mount_entry *m)
{
	free(m->mount_point);
	free(m->root);
	free(m->source);
	free(m->fstype);
	free(m->options);
	free(m->dev);
	memset(m, 0, sizeof(*m));
}

int mountinfo_parse_line(const char *line, struct mount_entry *ret)
{
	memset(ret, 0, sizeof(*ret));
	const char *w[64];
	size_t wl[64];
	size_t n = 0;
	const char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '\n')
			break;
		if (n == ARRAY_SIZE(w))
			return -EINVAL;
		w[n] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		wl[n] = (size_t)(p - w[n]);
		n++;
	}
	/* id parent maj:min root mount-point options [optional...] - fstype source super */
	size_t sep = 6;
	while (sep < n && !(wl[sep] == 1 && w[sep][0] == '-'))
		sep++;
	if (n < 6 || sep + 2 >= n)
		return -EINVAL;
	ret->dev = mountinfo_unescape(w[2], wl[2]);
	ret->root = mountinfo_unescape(w[3], wl[3]);
	ret->mount_point = mountinfo_unescape(w[4], wl[4]);
	ret->options = mountinfo_unescape(w[5], wl[5]);
	ret->fstype = mountinfo_unescape(w[sep + 1], wl[sep + 1]);
	ret->source = mountinfo_unescape(w[sep + 2], wl[sep + 2]);
	return 0;
}
