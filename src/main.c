/* main.c - command line, the pipeline (collect -> audit -> render) and the
 * exit status.  The only place that prints errors. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pwd.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "audit.h"
#include "compare.h"
#include "collect.h"
#include "facts.h"
#include "facts_spool.h"
#include "fleet.h"
#include "output.h"
#include "profile.h"
#include "report.h"
#include "state_dir.h"
#include "waiver.h"
#include "tunables.h"
#include "xccdf_ids.h"
#include "run_log.h"

/* Exit status: see README "Exit status". */
enum {
	EXIT_COMPLIANT = 0,   /* no selected check failed and none ended in error */
	EXIT_FAILED = 1,      /* at least one selected check failed */
	EXIT_USAGE = 2,       /* bad usage, or nothing could be audited or written */
	EXIT_INCOMPLETE = 3,  /* nothing failed, but some checks ended in error */
};

/* --fail-on: which findings make a non-zero exit status (README "Exit status"). */
enum fail_on {
	FAIL_ON_ANY,          /* any failure (1) or error (3) */
	FAIL_ON_REGRESSION,   /* only what changed since --compare */
	FAIL_ON_NEVER,        /* 0 unless the job broke (2) */
};

struct options {
	const char *format;
	const char *output;
	const char *host;
	const char *root;
	const char *facts_in;
	const char *facts_out;
	const char *waivers;       /* --waivers FILE */
	enum bench_version version;
	int level;
	char **only;
	char **skip;
	double timeout;
	long connections;          /* 0: the engine client's default */
	const char *state_dir;     /* --state-dir: NULL writes no run set */
	long keep;                 /* --keep: run sets kept in state_dir */
	bool keep_given;
	const char *compare;       /* --compare FILE or "latest"; NULL: none */
	enum fail_on fail_on;
	enum process_source process_source;
	bool list;
	bool no_color;
	bool all_images;
	bool running_only;             /* --containers running */
	bool syslog;               /* --syslog: a summary line at the end (src/run_log.c) */
	struct audit_options audit;
	const char *tailoring_file;    /* --tailoring-file */
	const char *profile_id;        /* --profile */
	bool level_given;              /* --level was on the command line */
	/* Values given on the command line: they win over a profile's. */
	const struct tunable *cli_values[8];
	size_t n_cli_values;
};

static void usage(FILE *out)
{
	fputs("Usage: dockaudit [OPTION]...\n"
	      "       dockaudit fleet [OPTION]... REPORT.json...   (see dockaudit fleet --help)\n"
	      "Audit this Docker host against the CIS Docker Benchmark, or summarise many\n"
	      "hosts' JSON reports in one fleet report.\n"
	      "\n"
	      "  -f, --format FMT       text (default), json, xccdf, arf or junit\n"
	      "  -o, --output FILE      write the report to FILE (whole or not at all)\n"
	      "  -H, --host URL         Docker engine: unix:///path or tcp://host:port\n"
	      "                         (default: $DOCKER_HOST, else unix:///var/run/docker.sock)\n"
	      "      --root DIR         read host files under DIR instead of /\n"
	      "  -b, --benchmark VER    1.8.0 (default), 1.7.0 or 1.6.0\n"
	      "  -l, --level N          1: level-1 profile only; 2: everything (default)\n"
	      "  -c, --check IDS        run only these checks (comma separated; \"5\" = section 5)\n"
	      "  -s, --skip IDS         skip these checks\n"
	      "      --list             list the checks of the benchmark version and exit\n"
	      "      --save-facts FILE  save the collected facts as JSON\n"
	      "      --facts FILE       audit a saved facts bundle instead of this host\n"
	      "      --all-images       inspect every image, not only those containers use\n"
	      "      --containers WHICH all (default): stopped containers too, as the benchmark;\n"
	      "                         running: running containers only\n"
	      "      --trusted-users LIST        users allowed in the docker group (1.1.2)\n"
	      "      --trusted-registries LIST   registries images may come from (4.2)\n"
	      "      --max-unused-images N       unused images tolerated (6.1, default 100)\n"
	      "      --max-stopped-containers N  stopped containers tolerated (6.2, default 25)\n"
	      "      --tailoring-file FILE  an XCCDF 1.2 tailoring file (as oscap reads it)\n"
	      "      --profile ID       the profile to audit: one of the tailoring file's, or\n"
	      "                         " XCCDF_PROFILE_LEVEL1 " / level2\n"
	      "  -t, --timeout SEC      time limit for the Docker engine (default 30)\n"
	      "      --connections N    engine connections at once, 1-16 (default 4)\n"
	      "      --waivers FILE     accepted exceptions (YAML; see README \"Waivers\")\n"
	      "      --process-source S auto (default): containers' processes from /proc,\n"
	      "                         else the engine's /top; proc: /proc only; top: the engine\n"
	      "      --no-color         no colors in the text report (also NO_COLOR)\n"
	      "      --state-dir DIR    also write this run's JSON and XCCDF reports as a\n"
	      "                         dated set in DIR/runs, and point DIR/latest at it\n"
	      "      --keep N           run sets kept in --state-dir (default 30)\n"
	      "      --compare FILE     show what changed since a previous JSON report;\n"
	      "                         \"latest\": the newest set of --state-dir\n"
	      "                         (default " STATE_DIR_DEFAULT ")\n"
	      "      --fail-on WHAT     any (default), regression (only what newly fails\n"
	      "                         since --compare) or never (0 unless the job broke)\n"
	      "      --syslog           log a summary line (counts, report, exit status)\n"
	      "  -h, --help             show this help\n"
	      "  -V, --version          show the version\n"
	      "\n"
	      "Exit status: 0 nothing failed, 1 a check failed, 2 usage error or nothing\n"
	      "audited, 3 nothing failed but some checks could not be evaluated.  With\n"
	      "--fail-on regression: 1 something newly fails, 3 a new error, else 0.\n",
	      out);
}

static int parse_level(const char *s, int *ret)
{
	if (strcmp(s, "1") == 0 || strcmp(s, "2") == 0) {
		*ret = s[0] - '0';
		return 0;
	}
	return -EINVAL;
}

static int parse_count(const char *s, long *ret)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < 0)
		return -EINVAL;
	*ret = n;
	return 0;
}

static int parse_timeout(const char *s, double *ret)
{
	char *end;
	errno = 0;
	double t = strtod(s, &end);
	if (errno || end == s || *end || !(t > 0) || t > 86400)
		return -EINVAL;
	*ret = t;
	return 0;
}

/* Remembers that the command line set this value: it wins over a profile's. */
static void note_cli_value(struct options *o, const char *name)
{
	for (size_t i = 0; i < tunable_count; i++)
		if (strcmp(tunables[i].name, name) == 0 && o->n_cli_values < ARRAY_SIZE(o->cli_values))
			o->cli_values[o->n_cli_values++] = &tunables[i];
}

/* The profile the run audits (profile_choose()), its level into o->level
 * and its values into o->audit.  Returns -1 to continue, or an exit status. */
static int choose_profile(struct options *o, struct profile **ret)
{
	const struct profile_request req = {
		.profile_id = o->profile_id,
		.tailoring_file = o->tailoring_file,
		.level = o->level,
		.level_given = o->level_given,
		.version = o->version,
	};
	char *why = NULL;
	char *warning = NULL;
	int r = profile_choose(&req, &o->level, ret, &warning, &why);
	if (warning)
		fprintf(stderr, "dockaudit: warning: tailoring file %s\n", warning);
	free(warning);
	if (r < 0) {
		fprintf(stderr, "dockaudit: %s\n", why);
		free(why);
		return EXIT_USAGE;
	}
	if (*ret)
		profile_apply_values(*ret, &o->audit, o->cli_values, o->n_cli_values);
	return -1;
}

/* Returns -1 to continue, or an exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	enum {
		OPT_ROOT = 256, OPT_LIST, OPT_SAVE_FACTS, OPT_FACTS, OPT_NO_COLOR, OPT_ALL_IMAGES,
		OPT_TRUSTED_USERS, OPT_TRUSTED_REGISTRIES, OPT_MAX_UNUSED_IMAGES, OPT_MAX_STOPPED,
		OPT_CONNECTIONS, OPT_WAIVERS, OPT_STATE_DIR, OPT_KEEP, OPT_COMPARE, OPT_FAIL_ON,
		OPT_TAILORING_FILE, OPT_PROFILE,
		OPT_PROCESS_SOURCE, OPT_SYSLOG, OPT_CONTAINERS,
	};
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "host", required_argument, NULL, 'H' },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "benchmark", required_argument, NULL, 'b' },
		{ "level", required_argument, NULL, 'l' },
		{ "check", required_argument, NULL, 'c' },
		{ "skip", required_argument, NULL, 's' },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "save-facts", required_argument, NULL, OPT_SAVE_FACTS },
		{ "facts", required_argument, NULL, OPT_FACTS },
		{ "timeout", required_argument, NULL, 't' },
		{ "connections", required_argument, NULL, OPT_CONNECTIONS },
		{ "waivers", required_argument, NULL, OPT_WAIVERS },
		{ "process-source", required_argument, NULL, OPT_PROCESS_SOURCE },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "state-dir", required_argument, NULL, OPT_STATE_DIR },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "compare", required_argument, NULL, OPT_COMPARE },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "syslog", no_argument, NULL, OPT_SYSLOG },
		{ "all-images", no_argument, NULL, OPT_ALL_IMAGES },
		{ "containers", required_argument, NULL, OPT_CONTAINERS },
		{ "trusted-users", required_argument, NULL, OPT_TRUSTED_USERS },
		{ "trusted-registries", required_argument, NULL, OPT_TRUSTED_REGISTRIES },
		{ "max-unused-images", required_argument, NULL, OPT_MAX_UNUSED_IMAGES },
		{ "max-stopped-containers", required_argument, NULL, OPT_MAX_STOPPED },
		{ "tailoring-file", required_argument, NULL, OPT_TAILORING_FILE },
		{ "profile", required_argument, NULL, OPT_PROFILE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c, v;
	while ((c = getopt_long(argc, argv, "f:o:H:b:l:c:s:t:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'H':
			o->host = optarg;
			break;
		case OPT_ROOT:
			o->root = optarg;
			break;
		case 'b':
			if ((v = bench_version_from_name(optarg)) < 0) {
				fprintf(stderr, "dockaudit: unknown benchmark version '%s' (use 1.8.0, 1.7.0 or 1.6.0)\n", optarg);
				return EXIT_USAGE;
			}
			o->version = (enum bench_version)v;
			break;
		case 'l':
			if (parse_level(optarg, &o->level) < 0) {
				fprintf(stderr, "dockaudit: invalid level '%s' (use 1 or 2)\n", optarg);
				return EXIT_USAGE;
			}
			o->level_given = true;
			break;
		case 'c':
			strv_free(o->only);
			strv_split(optarg, ',', &o->only);
			break;
		case 's':
			strv_free(o->skip);
			strv_split(optarg, ',', &o->skip);
			break;
		case OPT_LIST:
			o->list = true;
			break;
		case OPT_SAVE_FACTS:
			o->facts_out = optarg;
			break;
		case OPT_FACTS:
			o->facts_in = optarg;
			break;
		case 't':
			if (parse_timeout(optarg, &o->timeout) < 0) {
				fprintf(stderr, "dockaudit: invalid timeout '%s' (seconds, > 0)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_PROCESS_SOURCE:
			if (strcmp(optarg, "auto") == 0)
				o->process_source = PROCESS_SOURCE_AUTO;
			else if (strcmp(optarg, "proc") == 0)
				o->process_source = PROCESS_SOURCE_PROC;
			else if (strcmp(optarg, "top") == 0)
				o->process_source = PROCESS_SOURCE_TOP;
			else {
				fprintf(stderr, "dockaudit: invalid process source '%s' (auto, proc or top)\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_CONNECTIONS:
			if (parse_count(optarg, &o->connections) < 0 || o->connections < 1 ||
			    o->connections > 16) {
				fprintf(stderr, "dockaudit: invalid number of connections '%s' (1 to 16)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_WAIVERS:
			o->waivers = optarg;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case OPT_STATE_DIR:
			if (!*optarg) {
				fprintf(stderr, "dockaudit: empty --state-dir\n");
				return EXIT_USAGE;
			}
			o->state_dir = optarg;
			break;
		case OPT_KEEP:
			if (parse_count(optarg, &o->keep) < 0 || o->keep < 1 || o->keep > STATE_DIR_KEEP_MAX) {
				fprintf(stderr, "dockaudit: invalid --keep '%s' (1 to %d run sets)\n", optarg,
					STATE_DIR_KEEP_MAX);
				return EXIT_USAGE;
			}
			o->keep_given = true;
			break;
		case OPT_COMPARE:
			if (!*optarg) {
				fprintf(stderr, "dockaudit: empty --compare (a JSON report, or latest)\n");
				return EXIT_USAGE;
			}
			o->compare = optarg;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "any") == 0)
				o->fail_on = FAIL_ON_ANY;
			else if (strcmp(optarg, "regression") == 0)
				o->fail_on = FAIL_ON_REGRESSION;
			else if (strcmp(optarg, "never") == 0)
				o->fail_on = FAIL_ON_NEVER;
			else {
				fprintf(stderr, "dockaudit: invalid --fail-on '%s' (use any, regression or never)\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_CONTAINERS:
			if (strcmp(optarg, "all") == 0)
				o->running_only = false;
			else if (strcmp(optarg, "running") == 0)
				o->running_only = true;
			else {
				fprintf(stderr, "dockaudit: invalid --containers '%s' (all or running)\n",
					optarg);
				return EXIT_USAGE;
			}
			break;
		case OPT_ALL_IMAGES:
			o->all_images = true;
			break;
		case OPT_SYSLOG:
			o->syslog = true;
			break;
		case OPT_TRUSTED_USERS:
			strv_free(o->audit.trusted_users);
			strv_split(optarg, ',', &o->audit.trusted_users);
			note_cli_value(o, "trusted_users");
			break;
		case OPT_TRUSTED_REGISTRIES:
			strv_free(o->audit.trusted_registries);
			strv_split(optarg, ',', &o->audit.trusted_registries);
			note_cli_value(o, "trusted_registries");
			break;
		case OPT_TAILORING_FILE:
			o->tailoring_file = optarg;
			break;
		case OPT_PROFILE:
			o->profile_id = optarg;
			break;
		case OPT_MAX_UNUSED_IMAGES:
		case OPT_MAX_STOPPED:
			if (parse_count(optarg, c == OPT_MAX_STOPPED ? &o->audit.container_sprawl_threshold
								    : &o->audit.image_sprawl_threshold) < 0) {
				fprintf(stderr, "dockaudit: invalid count '%s' (a number >= 0)\n", optarg);
				return EXIT_USAGE;
			}
			note_cli_value(o, c == OPT_MAX_STOPPED ? "max_stopped_containers" : "max_unused_images");
			break;
		case 'h':
			usage(stdout);
			return EXIT_COMPLIANT;
		case 'V':
			printf("dockaudit %s\n", DOCKAUDIT_VERSION);
			return EXIT_COMPLIANT;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "dockaudit: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (o->keep_given && !o->state_dir) {
		fprintf(stderr, "dockaudit: --keep needs --state-dir\n");
		return EXIT_USAGE;
	}
	if (o->fail_on == FAIL_ON_REGRESSION && !o->compare) {
		fprintf(stderr, "dockaudit: --fail-on regression needs --compare (FILE or latest)\n");
		return EXIT_USAGE;
	}
	if ((o->state_dir || o->compare) && o->list) {
		fprintf(stderr, "dockaudit: --list audits nothing; drop --state-dir and --compare\n");
		return EXIT_USAGE;
	}
	return -1;
}

struct render_job {
	const struct report_format *format;
	const struct report_meta *meta;
	const struct result_set *results;
	enum bench_version version;
	bool list_json;
};

static int render_report(FILE *out, void *arg)
{
	const struct render_job *job = arg;
	return job->format->render(out, job->meta, job->results);
}

static int render_list(FILE *out, void *arg)
{
	const struct render_job *job = arg;
	return job->list_json ? report_list_json(out, job->version) : report_list_text(out, job->version);
}

/* What --save-facts writes: the facts and, from a live audit, the
 * container items spooled while it ran (facts_spool.h). */
struct facts_job {
	const struct facts *facts;
	struct facts_spool *spool;      /* NULL: every item is in the facts */
};

static int write_facts(FILE *out, void *arg)
{
	const struct facts_job *job = arg;
	int r = 0;
	errno = 0;
	if (job->spool) {
		r = facts_spool_write(job->spool, job->facts, out);
	} else {
		char *s = facts_dump(job->facts);
		if (fputs(s, out) < 0)
			r = errno ? -errno : -EIO;
		free(s);
	}
	/* Flushed here so a full disk is reported as such, not as a bare EIO. */
	if (r == 0 && (fputc('\n', out) == EOF || fflush(out) != 0))
		r = errno ? -errno : -EIO;
	return r;
}

/* The live audit and, with --save-facts, the spool of its items. */
struct live_sink {
	struct audit *audit;
	struct facts_spool *spool;      /* NULL without --save-facts */
};

/* collect.h's container sink: each container is audited as soon as the
 * collector has it whole, spooled to disk with --save-facts, and dropped. */
static void audit_collected_container(void *arg, const struct facts *f, const json_t *item,
				      const struct jnode *inspect, const json_t *image_inspect)
{
	struct live_sink *live = arg;
	audit_container_decoded(live->audit, f, item, inspect, image_inspect);
	if (live->spool)
		facts_spool_add(live->spool, item);
}

static void expect_containers(void *arg, size_t running)
{
	struct live_sink *live = arg;
	audit_expect_containers(live->audit, running);
}

static struct facts *gather_facts(const struct options *o, const struct container_sink *sink,
				  double *ret_start, double *ret_end)
{
	const char *env_host = getenv("DOCKER_HOST");
	const char *cert_path = getenv("DOCKER_CERT_PATH");
	const char *tls_verify = getenv("DOCKER_TLS_VERIFY");
	struct collect_options co = {
		.root = o->root,
		.docker_host = o->host ? o->host : (env_host && *env_host ? env_host : NULL),
		.cert_path = cert_path && *cert_path ? cert_path : NULL,
		.tls_verify = tls_verify && *tls_verify && strcmp(tls_verify, "0") != 0,
		.timeout = o->timeout,
		.all_images = o->all_images,
		.running_only = o->running_only,
		.connections = (int)o->connections,
		.process_source = o->process_source,
		.sink = sink,
	};
	co.docker_host_explicit = co.docker_host != NULL;

	struct facts *f = facts_new();
	*ret_start = time_now();
	collect_host(f, &co);
	/* A host whose only daemon is rootless: talk to that daemon's socket
	 * unless the user named an engine.  Only on the live host (a --root
	 * fixture's sockets are not this host's). */
	char *rootless_host = NULL;
	const char *rootless_sock = json_string_value(facts_get(f, "host.rootless.socket"));
	if (!co.docker_host_explicit && strcmp(o->root, "/") == 0 && rootless_sock &&
	    source_status(facts_get(f, "host.rootless"), NULL) == SOURCE_OK &&
	    access("/var/run/docker.sock", F_OK) != 0) {
		rootless_host = xasprintf("unix://%s", rootless_sock);
		co.docker_host = rootless_host;
	}
	collect_engine(f, &co);
	collect_layers(f, &co);    /* 4.8: the images' layer directories, read-only */
	collect_host_after_engine(f, &co);   /* 7.8: the swarm CA under the data root */
	free(rootless_host);
	*ret_end = time_now();

	json_t *collected = json_object_get(f->root, "collected");
	if (!json_is_object(collected)) {
		collected = json_object();
		json_object_set_new(f->root, "collected", collected);
	}
	json_object_set_new(collected, "tool_version", json_string(DOCKAUDIT_VERSION));
	json_object_set_new(collected, "root", json_string(o->root));
	json_object_set_new(collected, "start", json_real(*ret_start));
	json_object_set_new(collected, "end", json_real(*ret_end));
	return f;
}

/* --state-dir: the run's JSON and XCCDF reports, rendered from the same
 * results, as one set; then the oldest sets beyond --keep go.  Returns 0
 * or an exit status; *ret_report (caller frees) is the set's JSON report
 * once the set is in runs/, else NULL. */
static int write_run_set(struct state_dir *sd, const struct options *o, const struct report_meta *meta,
			 const struct result_set *rs, char **ret_report)
{
	struct report_meta file_meta = *meta;
	file_meta.color = false;
	struct render_job json_job = { .format = &report_json, .meta = &file_meta, .results = rs };
	struct render_job xccdf_job = { .format = &report_xccdf, .meta = &file_meta, .results = rs };
	const struct state_file files[] = {
		{ "report.json", render_report, &json_job },
		{ "report.xccdf.xml", render_report, &xccdf_job },
	};
	char *why = NULL, *name = NULL;
	int r = state_dir_commit(sd, (time_t)meta->start_time, files, ARRAY_SIZE(files), &name, &why);
	if (name)   /* set only when the set is whole and `latest` names it */
		*ret_report = xasprintf("%s/" STATE_DIR_RUNS "/%s/report.json", o->state_dir, name);
	free(name);
	if (r < 0 || state_dir_prune(sd, (unsigned long)o->keep, &why) < 0) {
		fprintf(stderr, "dockaudit: %s\n", why);
		free(why);
		return EXIT_USAGE;
	}
	return 0;
}

static const char *current_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

static int exit_status_for(const struct result_set *rs)
{
	if (rs->counts[STATUS_FAIL])
		return EXIT_FAILED;
	if (rs->counts[STATUS_ERROR])
		return EXIT_INCOMPLETE;
	return EXIT_COMPLIANT;
}

/* The exit status under --fail-on (README "Exit status").  A comparison
 * that could not be made is a broken job whatever --fail-on says; with no
 * previous report at all (the first run) every failure is new, so
 * regression judges as any does. */
static int exit_status_policy(const struct options *o, const struct result_set *rs, const struct comparison *c)
{
	if (c && c->state == COMPARISON_ERROR)
		return EXIT_USAGE;
	switch (o->fail_on) {
	case FAIL_ON_NEVER:
		return EXIT_COMPLIANT;
	case FAIL_ON_REGRESSION:
		if (!c || c->state == COMPARISON_NO_PREVIOUS)
			return exit_status_for(rs);
		if (c->regressed)
			return EXIT_FAILED;
		return c->counts[CHANGE_ERROR_APPEARED] ? EXIT_INCOMPLETE : EXIT_COMPLIANT;
	case FAIL_ON_ANY:
	default:
		return exit_status_for(rs);
	}
}

/* --compare: reads the previous report before this run writes anything
 * (it may be the very file --output or --state-dir is about to replace).
 * *ret_prev is NULL when there is nothing to compare with; then
 * *ret_state says why and *ret_why (owned) what. */
static void load_previous(const struct options *o, struct saved_report **ret_prev, char **ret_path,
			  enum comparison_state *ret_state, char **ret_why)
{
	*ret_prev = NULL;
	*ret_why = NULL;
	char *path = NULL;
	if (strcmp(o->compare, "latest") == 0) {
		const char *dir = o->state_dir ? o->state_dir : STATE_DIR_DEFAULT;
		int r = state_dir_latest_file(dir, "report.json", &path, ret_why);
		if (r == -ENOENT) {
			*ret_path = xasprintf("%s/" STATE_DIR_LATEST, dir);
			*ret_state = COMPARISON_NO_PREVIOUS;
			return;
		}
		if (r < 0) {
			*ret_path = xasprintf("%s/" STATE_DIR_LATEST, dir);
			*ret_state = COMPARISON_ERROR;
			return;
		}
	} else {
		path = xstrdup(o->compare);
	}
	*ret_path = path;
	char *why = NULL;
	if (report_read_file(path, ret_prev, &why) < 0) {
		*ret_why = xasprintf("cannot read previous report '%s': %s", path, why ? why : "unknown error");
		free(why);
		*ret_state = COMPARISON_ERROR;
	} else {
		*ret_state = COMPARISON_DONE;
	}
}

/* What --syslog says of this run, from the results (the counts, the
 * failures a waiver accepted). */
static void summarize(struct run_summary *sum, const struct result_set *rs, const char *hostname)
{
	sum->audited = true;
	memcpy(sum->counts, rs->counts, sizeof(sum->counts));
	sum->waived = 0;
	for (size_t i = 0; i < rs->count; i++)
		sum->waived += result_waived(&rs->results[i]);
	snprintf(sum->host, sizeof(sum->host), "%s", hostname ? hostname : "");
}

/* sum: filled for --syslog as far as the run got. */
static int run_with(struct options *o, const struct profile *prof, struct run_summary *sum)
{
	const struct report_format *fmt = report_format_find(o->format);
	if (!fmt) {
		fprintf(stderr, "dockaudit: unknown format '%s' (use text, json, xccdf, arf or junit)\n", o->format);
		sum->problem = "unknown format";
		return EXIT_USAGE;
	}
	const char *out_path = o->output ? o->output : "-";
	sum->format = o->format;
	sum->report = strcmp(out_path, "-") != 0 ? out_path : NULL;

	if (o->list) {
		if (strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
			fprintf(stderr, "dockaudit: --list supports text and json\n");
			return EXIT_USAGE;
		}
		struct render_job job = { .version = o->version, .list_json = strcmp(o->format, "json") == 0 };
		int r = output_write_atomic(out_path, render_list, &job);
		if (r < 0) {
			fprintf(stderr, "dockaudit: cannot write '%s': %s\n", out_path, strerror(-r));
			return EXIT_USAGE;
		}
		return EXIT_COMPLIANT;
	}

	struct selection sel = { .version = o->version, .level = o->level, .profile = prof,
				 .only = o->only, .skip = o->skip, .running_only = o->running_only };
	const char *bad;
	if (selection_validate(&sel, &bad) < 0) {
		fprintf(stderr, "dockaudit: no check '%s' in benchmark %s (see --list)\n", bad,
			bench_version_name(o->version));
		sum->problem = "unknown check";
		return EXIT_USAGE;
	}

	/* Read before anything is collected or written: a waiver file that
	 * cannot be used is a usage error (exit 2), as a bad --check is. */
	struct waiver_set *ws = NULL;
	if (o->waivers) {
		char *why = NULL;
		if (waiver_file_load(o->waivers, o->version, &ws, &why) < 0) {
			fprintf(stderr, "dockaudit: cannot use waivers %s\n", why);
			free(why);
			sum->problem = "cannot use waivers";
			return EXIT_USAGE;
		}
	}

	/* Before the audit: an unusable state directory is a broken job. */
	struct state_dir *sd = NULL;
	if (o->state_dir) {
		char *why = NULL;
		if (state_dir_open(o->state_dir, &sd, &why) < 0) {
			fprintf(stderr, "dockaudit: %s\n", why);
			waiver_set_free(ws);
			free(why);
			return EXIT_USAGE;
		}
	}

	struct saved_report *prev = NULL;
	char *prev_path = NULL, *prev_why = NULL;
	enum comparison_state prev_state = COMPARISON_DONE;
	if (o->compare)
		load_previous(o, &prev, &prev_path, &prev_state, &prev_why);

	struct facts *f = NULL;
	double start, end;
	/* A live audit is begun before the collection, which feeds it each
	 * running container; a saved bundle is audited whole (audit_run). */
	struct audit *live = NULL;
	struct facts_spool *spool = NULL;
	if (o->facts_in) {
		char *why = NULL;
		int r = facts_load(o->facts_in, &f, &why);
		if (r < 0) {
			fprintf(stderr, "dockaudit: cannot read facts '%s': %s\n", o->facts_in,
				why ? why : strerror(-r));
			sum->problem = "cannot read facts";
			free(why);
			waiver_set_free(ws);
			state_dir_close(sd);
			saved_report_free(prev);
			free(prev_path);
			free(prev_why);
			return EXIT_USAGE;
		}
		start = end = time_now();
	} else {
		struct stat st;
		if (stat(o->root, &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "dockaudit: cannot use root '%s': %s\n", o->root,
				errno ? strerror(errno) : "Not a directory");
			waiver_set_free(ws);
			state_dir_close(sd);
			saved_report_free(prev);
			free(prev_path);
			free(prev_why);
			sum->problem = "cannot use root";
			return EXIT_USAGE;
		}
		if (o->facts_out) {
			int e = 0;
			if (!(spool = facts_spool_open(o->facts_out, &e))) {
				fprintf(stderr, "dockaudit: cannot write facts '%s': no temporary file "
					"for the containers: %s\n", o->facts_out, strerror(e));
				waiver_set_free(ws);
				state_dir_close(sd);
				saved_report_free(prev);
				free(prev_path);
				free(prev_why);
				sum->problem = "cannot write facts";
				return EXIT_USAGE;
			}
		}
		live = audit_begin(&sel, &o->audit);
		struct live_sink live_sink = { live, spool };
		struct container_sink sink = {
			.container = audit_collected_container, .arg = &live_sink,
			.expect = expect_containers,
			.full_items = spool != NULL,
		};
		f = gather_facts(o, &sink, &start, &end);
	}

	if (o->facts_out) {
		struct facts_job job = { f, spool };
		int r = output_write_atomic(o->facts_out, write_facts, &job);
		facts_spool_free(spool);
		spool = NULL;
		if (r < 0) {
			fprintf(stderr, "dockaudit: cannot write facts '%s': %s\n", o->facts_out, strerror(-r));
			sum->problem = "cannot write facts";
			if (live) {
				struct result_set unused;
				audit_finish(live, f, &unused);
				result_set_free(&unused);
			}
			facts_free(f);
			waiver_set_free(ws);
			state_dir_close(sd);
			saved_report_free(prev);
			free(prev_path);
			free(prev_why);
			return EXIT_USAGE;
		}
	}

	struct result_set rs;
	if (live)
		audit_finish(live, f, &rs);
	else
		audit_run(f, &sel, &o->audit, &rs);
	if (!o->facts_in)
		end = time_now();
	/* Expiry is judged against when the audit ran. */
	waiver_set_apply(ws, &rs, o->version, start);
	for (size_t i = 0; ws && i < ws->count; i++)
		if (ws->waivers[i].state == WAIVER_EXPIRED)
			fprintf(stderr, "dockaudit: warning: %s:%u: the waiver for check '%s' expired on %s; it was not applied\n",
				ws->path, ws->waivers[i].line, ws->waivers[i].check_ref, ws->waivers[i].expires);

	struct comparison cmp;
	if (o->compare) {
		if (prev) {
			comparison_compute(&cmp, prev_path, prev, &rs, o->version);
			struct saved_profile *now = saved_profile_of_run(prof, o->level, &o->audit);
			comparison_add_profile(&cmp, prev, now);
			saved_profile_free(now);
		} else
			comparison_set_state(&cmp, prev_state, prev_path, prev_why);
		if (cmp.state == COMPARISON_ERROR)
			fprintf(stderr, "dockaudit: not compared: %s\n", cmp.error);
		saved_report_free(prev);
		free(prev_path);
		free(prev_why);
	}

	const char *hostname = json_string_value(facts_get(f, "collected.hostname"));
	const char *color_env = getenv("NO_COLOR");
	struct report_meta meta = {
		.tool_version = DOCKAUDIT_VERSION,
		.version = o->version,
		.level = o->level,
		.hostname = hostname ? hostname : "unknown",
		.engine_version = json_string_value(facts_get(f, "engine.version.Version")),
		.start_time = start,
		.end_time = end,
		.facts = f,
		.color = !o->no_color && !(color_env && *color_env) && !o->output && isatty(STDOUT_FILENO),
		.user = current_user(),
		.privileged = geteuid() == 0,
		.waivers = ws,
		.comparison = o->compare ? &cmp : NULL,
		.profile = prof,
		.options = &o->audit,
	};
	struct render_job job = { .format = fmt, .meta = &meta, .results = &rs };
	int r = output_write_atomic(out_path, render_report, &job);
	int status = exit_status_policy(o, &rs, meta.comparison);
	if (r < 0) {
		fprintf(stderr, "dockaudit: cannot write report '%s': %s\n", out_path, strerror(-r));
		sum->problem = "cannot write report";
		status = EXIT_USAGE;
	}
	if (sd) {
		int k = write_run_set(sd, o, &meta, &rs, &sum->set_report);
		if (k)
			status = k;
		state_dir_close(sd);
	}
	if (o->compare)
		comparison_free(&cmp);
	summarize(sum, &rs, meta.hostname);
	result_set_free(&rs);
	waiver_set_free(ws);
	facts_free(f);
	return status;
}

static int run(struct options *o, struct run_summary *sum)
{
	struct profile *prof = NULL;
	int status = o->list ? -1 : choose_profile(o, &prof);
	if (status < 0)
		status = run_with(o, prof, sum);
	profile_free(prof);
	return status;
}

int main(int argc, char **argv)
{
	struct options o = {
		.format = "text",
		.root = "/",
		.version = BENCH_DEFAULT,
		.level = 2,
		.timeout = 30,
		.keep = STATE_DIR_KEEP_DEFAULT,
	};
	if (argc > 1 && strcmp(argv[1], "fleet") == 0)
		return fleet_main(argc - 1, argv + 1);
	audit_options_init(&o.audit);
	struct run_summary sum = { .exit_status = 0 };
	int status = parse_args(argc, argv, &o);
	if (status < 0) {
		status = run(&o, &sum);
		/* Logged whatever the outcome, and never changes it: syslog(3)
		 * has no failure to report. */
		if (o.syslog && !o.list) {
			sum.exit_status = status;
			run_summary_syslog(&sum);
		}
		run_summary_clear(&sum);
	}
	strv_free(o.only);
	strv_free(o.skip);
	audit_options_clear(&o.audit);
	/* The libraries' global state, released so that valgrind and
	 * LeakSanitizer see a clean exit (tests/e2e/valgrind.sh).  engine_open()
	 * calls curl_global_init() once; libcurl counts the calls, so this one
	 * cleanup pairs with it, and does nothing when no engine was opened. */
	curl_global_cleanup();
	xmlCleanupParser();
	return status;
}
