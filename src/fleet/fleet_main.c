/* fleet_main.c - `dockaudit fleet`: its options, the reports read one at a
 * time into the summary, the fleet report written whole or not at all, and
 * the exit status (include/fleet.h).  Prints the errors of the subcommand,
 * as main.c does for the audit. */
#include "fleet.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

const struct fleet_format *fleet_format_find(const char *name)
{
	static const struct fleet_format *const formats[] = { &fleet_text, &fleet_json, &fleet_html };
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

static void fleet_usage(FILE *out)
{
	fputs("Usage: dockaudit fleet [OPTION]... REPORT.json...\n"
	      "Summarise many hosts' JSON reports (dockaudit --format json) in one fleet report.\n"
	      "\n"
	      "  -f, --format FMT       text (default), json or html\n"
	      "  -o, --output FILE      write the fleet report to FILE (whole or not at all)\n"
	      "      --max-age HOURS    call a report older than this stale\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "Every REPORT is a host; a missing or unreadable one is reported, not left out.\n"
	      "Exit status: 0 every host passed; 1 a host fails, or its report is missing,\n"
	      "unreadable, stale or of another benchmark version; 3 otherwise, when some host's\n"
	      "checks ended in error; 2 usage error or no fleet report written.\n",
	      out);
}

struct fleet_job {
	const struct fleet_format *format;
	const struct fleet *fleet;
};

static int render_fleet(FILE *out, void *arg)
{
	const struct fleet_job *job = arg;
	return job->format->render(out, job->fleet);
}

int fleet_main(int argc, char **argv)
{
	enum { OPT_MAX_AGE = 256 };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-age", required_argument, NULL, OPT_MAX_AGE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "text", *output = "-";
	double max_age = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_MAX_AGE: {
			char *end;
			errno = 0;
			max_age = strtod(optarg, &end);
			if (errno || end == optarg || *end || !isfinite(max_age) || !(max_age > 0)) {
				fprintf(stderr, "dockaudit fleet: invalid --max-age '%s' (hours, > 0)\n", optarg);
				return FLEET_EXIT_USAGE;
			}
			break;
		}
		case 'h':
			fleet_usage(stdout);
			return FLEET_EXIT_ALL_PASS;
		default:
			fleet_usage(stderr);
			return FLEET_EXIT_USAGE;
		}
	}
	const struct fleet_format *fmt = fleet_format_find(format);
	if (!fmt) {
		fprintf(stderr, "dockaudit fleet: unknown format '%s' (use text, json or html)\n", format);
		return FLEET_EXIT_USAGE;
	}
	if (optind >= argc) {
		fprintf(stderr, "dockaudit fleet: no report given\n");
		fleet_usage(stderr);
		return FLEET_EXIT_USAGE;
	}

	struct fleet_options opts = { .max_age_hours = max_age, .now = time_now() };
	struct fleet fl;
	fleet_init(&fl, &opts);
	/* Parsing the reports is nearly all of the work (jansson): one reader
	 * per CPU, up to FLEET_MAX_READERS. */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	fleet_add_files(&fl, argv + optind, (size_t)(argc - optind), cpus > 0 ? (unsigned)cpus : 1);
	for (size_t i = 0; i < fl.n_hosts; i++) {
		const struct fleet_host *h = &fl.hosts[i];
		if (h->error)
			fprintf(stderr, "dockaudit fleet: %s report '%s': %s\n",
				h->verdict == FLEET_HOST_MISSING ? "no" : "cannot read", h->path, h->error);
	}
	fleet_finish(&fl);
	struct fleet_job job = { fmt, &fl };
	int r = output_write_atomic(output, render_fleet, &job);
	int status = fleet_exit_status(&fl);
	if (r < 0) {
		fprintf(stderr, "dockaudit fleet: cannot write '%s': %s\n", output, strerror(-r));
		status = FLEET_EXIT_USAGE;
	}
	fleet_clear(&fl);
	return status;
}
