/* test_run_log.c - the --syslog summary line: fields, quoting, and that no
 * name can add a line or a control byte to the log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "run_log.h"

static void counts_report_and_exit_status(void **state)
{
	(void)state;
	struct run_summary s = { .audited = true, .waived = 1, .report = "/var/lib/dockaudit/r.json",
				 .format = "json", .exit_status = 1 };
	snprintf(s.host, sizeof(s.host), "web01");
	s.counts[STATUS_PASS] = 40;
	s.counts[STATUS_FAIL] = 12;
	s.counts[STATUS_NOTAPPLICABLE] = 50;
	s.counts[STATUS_NOTCHECKED] = 14;
	s.counts[STATUS_INFORMATIONAL] = 2;
	char *line = run_summary_line(&s);
	assert_string_equal(line, "summary host=web01 checks=118 pass=40 fail=12 error=0 "
				  "notapplicable=50 notchecked=14 informational=2 notselected=0 waived=1 "
				  "report=/var/lib/dockaudit/r.json format=json exit=1 result=failed");
	free(line);
}

static void set_report_follows_format(void **state)
{
	(void)state;
	struct run_summary s = { .audited = true, .format = "text", .exit_status = 0 };
	s.set_report = strdup("/var/lib/dockaudit/runs/20261203T011703Z/report.json");
	char *line = run_summary_line(&s);
	assert_non_null(strstr(line, " format=text set_report=/var/lib/dockaudit/runs/20261203T011703Z/report.json exit=0 "));
	assert_null(strstr(line, " report="));
	free(line);
	run_summary_clear(&s);
	assert_null(s.set_report);
	run_summary_clear(&s);   /* twice is harmless */
}

static void nothing_audited_says_why(void **state)
{
	(void)state;
	struct run_summary s = { .exit_status = 2, .problem = "cannot read facts" };
	char *line = run_summary_line(&s);
	assert_string_equal(line, "summary host=unknown exit=2 result=broken problem=\"cannot read facts\"");
	free(line);
}

static void values_are_quoted_and_escaped(void **state)
{
	(void)state;
	struct run_summary s = { .report = "/tmp/a b\"c=d\\e\nf", .exit_status = 0 };
	snprintf(s.host, sizeof(s.host), "evil\x1b[31m\r\nhost=forged");
	char *line = run_summary_line(&s);
	/* One line, no control byte, the quote and backslash escaped. */
	assert_null(strpbrk(line, "\n\r\x1b"));
	assert_non_null(strstr(line, " report=\"/tmp/a b\\\"c=d\\\\e f\" "));
	assert_non_null(strstr(line, " host=\"evil"));
	/* The forged pair stays inside the quoted value. */
	assert_non_null(strstr(line, " host=forged\" "));
	assert_non_null(strstr(line, "exit=0 result=compliant"));
	free(line);
}

static void empty_value_is_quoted(void **state)
{
	(void)state;
	struct run_summary s = { .format = "", .exit_status = 3 };
	char *line = run_summary_line(&s);
	assert_string_equal(line, "summary host=unknown format=\"\" exit=3 result=incomplete");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_report_and_exit_status),
		cmocka_unit_test(set_report_follows_format),
		cmocka_unit_test(nothing_audited_says_why),
		cmocka_unit_test(values_are_quoted_and_escaped),
		cmocka_unit_test(empty_value_is_quoted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
