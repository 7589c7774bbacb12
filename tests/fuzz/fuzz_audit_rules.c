/* fuzz_audit_rules.c - audit rules: every line of the input through
 * audit_rule_parse_line() and audit_ruleset_apply(), as a whole rules file
 * is read, then the audit-rule checks of section 1 over the result.  An
 * input starting with "\x01" is instead a kernel rule record (struct
 * audit_rule_data) for audit_rule_from_data(). */
#include "fuzz.h"

#include <libaudit.h>

#include "audit_rules.h"

static void kernel_record(const uint8_t *data, size_t size)
{
	/* The kernel's buffer is aligned; give the decoder the same. */
	struct audit_rule_data *d = xcalloc(1, size + sizeof(*d));
	memcpy(d, data, size);
	struct audit_rule r;
	if (audit_rule_from_data(d, size, &r) == 0) {
		json_decref(audit_rule_to_json(&r));
		audit_rule_clear(&r);
	}
	free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 0 && data[0] == 1) {
		kernel_record(data + 1, size - 1);
		return 0;
	}
	char *text = fuzz_strdup(data, size);
	json_t *rules = json_array();
	json_t *invalid = json_array();
	unsigned lineno = 0;
	char *p = text;
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		struct audit_rule r;
		const char *why = NULL;
		if (audit_rule_parse_line(p, &r, &why) < 0) {
			json_array_append_new(invalid, json_pack("{s:s,s:I,s:s}", "file",
				"/etc/audit/rules.d/fuzz.rules", "line", (json_int_t)lineno, "error",
				why ? why : "?"));
		} else {
			json_decref(audit_rule_to_json(&r));
			audit_ruleset_apply(rules, &r, "/etc/audit/rules.d/fuzz.rules", lineno);
			audit_rule_clear(&r);
		}
		p = nl ? nl + 1 : NULL;
	}
	free(text);

	struct facts *f = facts_new();
	json_t *src = json_pack("{s:s,s:[s],s:O,s:O}", "status", "ok", "files",
				"/etc/audit/rules.d/fuzz.rules", "rules", rules, "invalid", invalid);
	/* The same rules as if loaded in the kernel, so both paths of 1.1.x run. */
	json_t *loaded = json_pack("{s:s,s:O}", "status", "ok", "rules", rules);
	json_t *audit = json_pack("{s:o,s:o}", "files", src, "loaded", loaded);
	json_object_set_new(f->root, "host", json_pack("{s:o}", "audit", audit));
	char s1[] = "1";
	char *sections[] = { s1, NULL };
	fuzz_audit(f, BENCH_1_8_0, sections, false);
	facts_free(f);
	json_decref(rules);
	json_decref(invalid);
	return 0;
}
