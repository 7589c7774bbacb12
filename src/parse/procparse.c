/* procparse.c - /proc/PID/cgroup, stat, status and cmdline (include/procparse.h). */
#include "procparse.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static bool is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
	}
	return true;
}

/* The scope prefixes of the engines that name a container's cgroup
 * PREFIX<id>.scope: Docker's systemd driver, Podman, containerd's and
 * CRI-O's CRI plugins. */
static const char *const scope_prefixes[] = { "docker-", "libpod-", "cri-containerd-", "crio-" };

int cgroup_component_id(const char *comp, size_t len, char *ret_id)
{
	const char *hex = NULL;
	if (len == CONTAINER_ID_LEN) {
		hex = comp;
	} else {
		static const char scope[] = ".scope";
		const size_t scope_len = sizeof(scope) - 1;
		for (size_t i = 0; i < ARRAY_SIZE(scope_prefixes) && !hex; i++) {
			size_t p = strlen(scope_prefixes[i]);
			if (len == p + CONTAINER_ID_LEN + scope_len &&
			    memcmp(comp, scope_prefixes[i], p) == 0 &&
			    memcmp(comp + p + CONTAINER_ID_LEN, scope, scope_len) == 0)
				hex = comp + p;
		}
	}
	if (!hex || !is_lower_hex(hex, CONTAINER_ID_LEN))
		return -ENOENT;
	memcpy(ret_id, hex, CONTAINER_ID_LEN);
	ret_id[CONTAINER_ID_LEN] = '\0';
	return 0;
}

static void add_id(struct cgroup_ids *ids, const char *id)
{
	for (size_t i = 0; i < ids->n; i++)
		if (strcmp(ids->id[i], id) == 0)
			return;
	if (ids->n < CGROUP_IDS_MAX)
		memcpy(ids->id[ids->n++], id, CONTAINER_ID_LEN + 1);
}

/* The ids of one cgroup path (path[0..len)), component by component. */
static void path_ids(const char *path, size_t len, struct cgroup_ids *ids)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && path[i] == '/')
			i++;
		size_t start = i;
		while (i < len && path[i] != '/')
			i++;
		char id[CONTAINER_ID_LEN + 1];
		if (i > start && cgroup_component_id(path + start, i - start, id) == 0)
			add_id(ids, id);
	}
}

/* The line of text[0..len) that starts at *pos, without its newline, in
 * *ret_line and *ret_n; *pos moves past it.  False at the end. */
static bool next_line(const char *text, size_t len, size_t *pos, const char **ret_line,
		      size_t *ret_n)
{
	if (*pos >= len)
		return false;
	const char *line = text + *pos;
	const char *nl = memchr(line, '\n', len - *pos);
	size_t n = nl ? (size_t)(nl - line) : len - *pos;
	*pos += n + (nl ? 1 : 0);
	*ret_line = line;
	*ret_n = n;
	return true;
}

size_t cgroup_container_ids(const char *text, size_t len, struct cgroup_ids *ret)
{
	ret->n = 0;
	size_t pos = 0, n;
	const char *line;
	while (next_line(text, len, &pos, &line, &n)) {
		/* hierarchy-ID:controller-list:path; the path may hold ':' itself */
		const char *c1 = memchr(line, ':', n);
		const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(line + n - c1 - 1)) : NULL;
		if (!c2)
			continue;
		const char *path = c2 + 1;
		path_ids(path, (size_t)(line + n - path), ret);
	}
	return ret->n;
}

int proc_stat_parse(const char *text, size_t len, struct proc_stat *ret)
{
	const char *open = memchr(text, '(', len);
	const char *close = NULL;
	for (const char *p = text + len; p > text; p--) {
		if (p[-1] == ')') {
			close = p - 1;
			break;
		}
	}
	if (!open || !close || close < open)
		return -EINVAL;
	/* ") S 1234 ..." */
	const char *p = close + 1, *end = text + len;
	if (end - p < 4 || p[0] != ' ' || p[2] != ' ')
		return -EINVAL;
	char state = p[1];
	p += 3;
	size_t digits = 0;
	long ppid = 0;
	bool negative = false;
	if (p < end && *p == '-') {
		negative = true;
		p++;
	}
	while (p < end && *p >= '0' && *p <= '9' && digits < 10) {
		ppid = ppid * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (digits == 0 || (p < end && *p != ' ' && *p != '\n'))
		return -EINVAL;
	struct proc_stat st = { .ppid = negative ? -ppid : ppid, .state = state };
	size_t n = (size_t)(close - open - 1);
	if (n >= sizeof(st.comm))
		n = sizeof(st.comm) - 1;
	memcpy(st.comm, open + 1, n);
	st.comm[n] = '\0';
	*ret = st;
	return 0;
}

long proc_status_uid(const char *text, size_t len)
{
	size_t pos = 0, n;
	const char *line;
	while (next_line(text, len, &pos, &line, &n)) {
		if (n < 5 || memcmp(line, "Uid:", 4) != 0)
			continue;
		size_t j = 4;
		while (j < n && (line[j] == '\t' || line[j] == ' '))
			j++;
		long uid = 0;
		size_t digits = 0;
		while (j < n && line[j] >= '0' && line[j] <= '9' && digits < 10) {
			uid = uid * 10 + (line[j] - '0');
			j++;
			digits++;
		}
		if (digits == 0 || (j < n && line[j] != '\t' && line[j] != ' '))
			return -1;
		return uid;
	}
	return -1;
}

char *proc_cmdline_join(const char *data, size_t len, size_t max)
{
	while (len > 0 && data[len - 1] == '\0')
		len--;
	if (len == 0)
		return NULL;
	char *joined = xmalloc(len + 1);
	memcpy(joined, data, len);   /* not xstrndup: it would stop at the first NUL */
	joined[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (joined[i] == '\0')
			joined[i] = ' ';
	char *line = utf8_clip_line(joined, len, max);
	free(joined);
	return line;
}
