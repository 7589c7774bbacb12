/* hostparse.c - small pure parsers for host files: environment files, the
 * account databases, mountinfo, daemon.json and dockerd's listen addresses.  Input is
 * treated as hostile: every string is sanitised before it enters the facts. */
#include "hostparse.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "util.h"

json_t *json_host_string(const char *s)
{
	if (!s)
		return json_null();
	char *clean = utf8_sanitize(s, (size_t)-1);
	json_t *j = json_string(clean);
	free(clean);
	return j ? j : json_string("");
}

/* ---- environment files ---- */

static bool is_name_start(char c)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static const char *skip_to_eol(const char *p, const char *end)
{
	while (p < end && *p != '\n')
		p++;
	return p < end ? p + 1 : p;
}

/* Reads a shell-style value at p; returns the position after it, or NULL
 * for an unterminated quote.  Stops at unquoted blank or newline. */
static const char *scan_value(const char *p, const char *end, struct buf *out)
{
	while (p < end && *p != '\n' && *p != ' ' && *p != '\t' && *p != '\r') {
		if (*p == '\\') {
			if (p + 1 < end && p[1] == '\n') {
				p += 2;     /* line continuation */
				continue;
			}
			if (p + 1 < end)
				buf_append(out, p + 1, 1);
			p += 2;
		} else if (*p == '\'') {
			const char *q = memchr(p + 1, '\'', (size_t)(end - p - 1));
			if (!q)
				return NULL;
			buf_append(out, p + 1, (size_t)(q - p - 1));
			p = q + 1;
		} else if (*p == '"') {
			p++;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end && strchr("\"\\$`\n", p[1])) {
					if (p[1] != '\n')
						buf_append(out, p + 1, 1);
					p += 2;
					continue;
				}
				buf_append(out, p, 1);
				p++;
			}
			if (p >= end)
				return NULL;
			p++;
		} else {
			buf_append(out, p, 1);
			p++;
		}
	}
	return p > end ? end : p;
}

json_t *env_file_parse(const char *text, size_t len)
{
	json_t *vars = json_object();
	const char *p = text, *end = text + len;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p + 7 <= end && strncmp(p, "export", 6) == 0 && (p[6] == ' ' || p[6] == '\t')) {
			p += 7;
			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
		}
		if (p >= end || !is_name_start(*p)) {
			p = skip_to_eol(p, end);
			continue;
		}
		const char *name = p;
		while (p < end && is_name_char(*p))
			p++;
		if (p >= end || *p != '=') {
			p = skip_to_eol(p, end);
			continue;
		}
		size_t name_len = (size_t)(p - name);
		p++;
		struct buf v = BUF_INIT;
		const char *after = scan_value(p, end, &v);
		if (!after) {
			/* Unterminated quote: the shell would fail; take nothing. */
			buf_free(&v);
			break;
		}
		char *key = xstrndup(name, name_len);
		char *val = buf_steal(&v);
		json_object_set_new(vars, key, json_host_string(val));
		free(key);
		free(val);
		p = skip_to_eol(after, end);
	}
	return vars;
}

/* ---- accounts ---- */

static bool parse_id(const char *s, unsigned long *ret)
{
	if (!*s || !isdigit((unsigned char)*s))
		return false;
	char *e;
	errno = 0;
	unsigned long v = strtoul(s, &e, 10);
	if (errno || *e)
		return false;
	*ret = v;
	return true;
}

/* Splits on ':' keeping empty fields (strv_split drops them, but an empty
 * password field must not shift the uid). Up to `max` fields; returns the
 * count.  The fields point into `line`, which is modified. */
static size_t split_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *c = strchr(p, ':');
		if (!c)
			break;
		*c = '\0';
		p = c + 1;
	}
	return n;
}

static void account_parse_line(struct account_db *db, char *line, bool is_group)
{
	char *f[8];
	size_t n = split_fields(line, f, ARRAY_SIZE(f));
	struct account a = { 0 };
	bool ok = false;
	if (f[0][0] && f[0][0] != '#' && f[0][0] != '+' && f[0][0] != '-') {
		if (is_group && n >= 3 && parse_id(f[2], &a.id)) {
			a.gid = a.id;
			strv_split(n >= 4 ? f[3] : "", ',', &a.members);
			ok = true;
		} else if (!is_group && n >= 4 && parse_id(f[2], &a.id) && parse_id(f[3], &a.gid)) {
			if (n >= 6 && f[5][0] == '/')
				a.home = xstrdup(f[5]);
			ok = true;
		}
	}
	if (ok) {
		a.name = xstrdup(f[0]);
		db->v = xrealloc(db->v, (db->n + 1) * sizeof(*db->v));
		db->v[db->n++] = a;
	}
}

void account_db_parse(struct account_db *db, const char *text, size_t len, bool is_group)
{
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && text[i] != '\n')
			i++;
		char *line = xstrndup(text + start, i - start);
		size_t l = strlen(line);
		if (l > 0 && line[l - 1] == '\r')
			line[l - 1] = '\0';
		account_parse_line(db, line, is_group);
		free(line);
		i++;
	}
}

void account_db_free(struct account_db *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->v[i].name);
		free(db->v[i].home);
		strv_free(db->v[i].members);
	}
	free(db->v);
	db->v = NULL;
	db->n = 0;
}

const struct account *account_db_by_id(const struct account_db *db, unsigned long id)
{
	for (size_t i = 0; i < db->n; i++)
		if (db->v[i].id == id)
			return &db->v[i];
	return NULL;
}

const struct account *account_db_by_name(const struct account_db *db, const char *name)
{
	for (size_t i = 0; i < db->n; i++)
		if (strcmp(db->v[i].name, name) == 0)
			return &db->v[i];
	return NULL;
}

/* ---- mountinfo ---- */

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

/* ---- daemon.json ---- */

int daemon_json_parse(const char *data, size_t len, json_t **ret_config, char **ret_error)
{
	/* dockerd strips a UTF-8 BOM and treats a blank file as no settings. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i == len) {
		*ret_config = json_object();
		return 0;
	}
	json_error_t err;
	json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	if (!j) {
		*ret_error = xasprintf("line %d, column %d: %s", err.line, err.column, err.text);
		return -EINVAL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		*ret_error = xstrdup("line 1, column 1: the top level must be a JSON object");
		return -EINVAL;
	}
	*ret_config = j;
	return 0;
}

/* ---- dockerd addresses ---- */

const char *host_addr_unix_path(const char *addr)
{
	if (!addr || strncmp(addr, "unix://", 7) != 0 || addr[7] != '/')
		return NULL;
	return addr + 7;
}

/* ---- /proc/net/tcp ---- */

#define TCP_LISTEN 0x0A

int proc_net_tcp_parse_line(const char *line, bool v6, struct tcp_listener *ret)
{
	char hex[40];
	unsigned port, state;
	int n = 0;
	memset(ret, 0, sizeof(*ret));
	if (strstr(line, "local_address"))
		return -ENOENT;
	/* "  0: 0100007F:0CEA 00000000:0000 0A ..." */
	if (sscanf(line, " %*[0-9]: %39[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x%n", hex, &port, &state, &n) != 3 ||
	    n == 0 || port > 65535)
		return -EINVAL;
	size_t len = strlen(hex);
	if (len != (v6 ? 32u : 8u))
		return -EINVAL;
	if (state != TCP_LISTEN)
		return -ENOENT;

	unsigned char bytes[16];
	for (size_t w = 0; w < len / 8; w++) {
		char word[9];
		memcpy(word, hex + w * 8, 8);
		word[8] = '\0';
		uint32_t v = (uint32_t)strtoul(word, NULL, 16);
		memcpy(bytes + w * 4, &v, 4);      /* native order, as the kernel printed it */
	}
	static const unsigned char mapped_prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char zero[16] = { 0 };
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, ret->address, sizeof(ret->address)))
		return -EINVAL;
	ret->port = port;
	if (v6) {
		ret->v4_mapped = memcmp(bytes, mapped_prefix, 12) == 0;
		ret->any = memcmp(bytes, zero, 16) == 0 ||
			   (ret->v4_mapped && memcmp(bytes + 12, zero, 4) == 0);
	} else {
		ret->any = memcmp(bytes, zero, 4) == 0;
	}
	return 0;
}
