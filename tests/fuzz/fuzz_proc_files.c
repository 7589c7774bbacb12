/* fuzz_proc_files.c - the files of /proc/PID a process list is built from:
 * the same bytes as /proc/PID/cgroup, stat, status and cmdline. */
#include "fuzz.h"

#include "procparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct cgroup_ids ids;
	size_t n = cgroup_container_ids(text, size, &ids);
	if (n > CGROUP_IDS_MAX)
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (strlen(ids.id[i]) != CONTAINER_ID_LEN)
			__builtin_trap();

	struct proc_stat st;
	if (proc_stat_parse(text, size, &st) == 0 && strlen(st.comm) >= sizeof(st.comm))
		__builtin_trap();
	(void)proc_status_uid(text, size);
	free(proc_cmdline_join(text, size, 4096));
	free(proc_cmdline_join(text, size, 8));
	return 0;
}
