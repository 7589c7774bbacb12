/* accounts.h - /etc/passwd and /etc/group text (src/parse/accounts.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_ACCOUNTS_H
#define DOCKAUDIT_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

struct account {
	char *name;
	unsigned long id;          /* uid or gid */
	unsigned long gid;         /* passwd: primary gid; group: same as id */
	char **members;            /* group only: NULL-terminated, may be empty */
	char *home;                /* passwd only: the home directory, or NULL */
};

struct account_db {
	struct account *v;
	size_t n;
};

/* Parses passwd (is_group false) or group text; malformed lines skipped. */
void account_db_parse(struct account_db *db, const char *text, size_t len, bool is_group);
void account_db_free(struct account_db *db);
const struct account *account_db_by_id(const struct account_db *db, unsigned long id);
const struct account *account_db_by_name(const struct account_db *db, const char *name);

#endif
