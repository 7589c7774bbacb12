/* accounts.c - /etc/passwd and /etc/group (include/accounts.h). */
#include "accounts.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

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
