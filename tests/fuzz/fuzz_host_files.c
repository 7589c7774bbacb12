/* fuzz_host_files.c - the line-oriented host files: the same bytes as
 * /proc/self/mountinfo, /etc/passwd, /etc/group and an environment file,
 * plus the text sanitiser every host string goes through. */
#include "fuzz.h"

#include "accounts.h"
#include "env_file.h"
#include "mountinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	free(utf8_sanitize((const char *)data, size));

	char *text = fuzz_strdup(data, size);
	free(utf8_sanitize_line(text));

	/* mountinfo, line by line as collect_mounts() splits it. */
	char *copy = xstrdup(text);
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct mount_entry m;
		if (mountinfo_parse_line(line, &m) == 0)
			mount_entry_clear(&m);
		free(mountinfo_unescape(line, strlen(line)));
	}
	free(copy);

	struct account_db passwd = { 0 }, group = { 0 };
	account_db_parse(&passwd, (const char *)data, size, false);
	account_db_parse(&group, (const char *)data, size, true);
	const struct account *g = account_db_by_name(&group, "docker");
	if (g) {
		for (char **m = g->members; m && *m; m++)
			account_db_by_name(&passwd, *m);
		account_db_by_id(&passwd, g->id);
	}
	account_db_by_id(&group, 0);
	account_db_free(&passwd);
	account_db_free(&group);

	json_decref(env_file_parse((const char *)data, size));
	free(text);
	return 0;
}
