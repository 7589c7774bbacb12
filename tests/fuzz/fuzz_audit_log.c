/* fuzz_audit_log.c - the audit log parser (libauparse fed from memory, as
 * the collector feeds it) over arbitrary text, in two pieces cut where the
 * first byte says, and docker_exec_parse() over every command it keeps. */
#include "fuzz.h"

#include "audit_log.h"
#include "docker_cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cut = size ? data[0] % (size + 1) : 0;
	struct audit_log_scan s;
	audit_log_scan_init(&s, 50);
	struct audit_log_parser *p = audit_log_parser_new(&s);
	if (p) {
		audit_log_parser_feed(p, (const char *)data, cut);
		audit_log_parser_feed(p, (const char *)data + cut, size - cut);
		audit_log_parser_finish(p);
	}
	for (size_t i = 0; i < s.n_execs; i++) {
		struct docker_exec_cmd cmd;
		if (docker_exec_parse(s.execs[i].argv, &cmd) && cmd.user)
			(void)strlen(cmd.user);
	}
	audit_log_scan_clear(&s);
	return 0;
}
