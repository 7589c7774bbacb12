/* image_checks.c - section 4 checks decided from one image's typed model
 * (image_model.h): its config (User, Healthcheck, Env), tags and digests,
 * its build history (each entry's CreatedBy: the instruction that made the
 * layer) and the setuid/setgid files found in its layers. */
#include "image_checks.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "evidence.h"

#include "pure.h"        /* last: no I/O below this line */

/* Longest excerpt of an instruction shown in evidence. */
#define INSTR_EXCERPT 100

/* --- 4.1 non-root user --------------------------------------------------- */

/* The image's USER, as supporting evidence: "; the image sets no USER".
 * From the model (the collector hands the image's inspect with the
 * container: a live audit has no ctx->images yet). */
static void image_user_evidence(const struct container_model *c, const char *user,
				struct buf *detail)
{
	if (!c->image_inspected)
		return;
	const char *iuser = c->image_user;
	if (!iuser)
		buf_puts(detail, "; the image's inspect does not say its USER");
	else if (!*iuser)
		buf_puts(detail, "; the image sets no USER");
	else if (strcmp(iuser, user) == 0)
		buf_printf(detail, "; the image's USER is \"%s\"", iuser);
	else
		buf_printf(detail, "; the image's USER is \"%s\", replaced when the container was "
				   "started (--user)", iuser);
}

/* The container's main process (State.Pid) in its process list, or NULL
 * when the list does not show it. */
static const struct container_process *main_process(const struct container_model *c)
{
	if (c->top.status != SOURCE_OK || !c->main_pid.known || c->main_pid.value <= 0)
		return NULL;
	char pid[24];
	snprintf(pid, sizeof(pid), "%lld", c->main_pid.value);
	for (size_t i = 0; i < c->top.n; i++)
		if (strcmp(c->top.v[i].pid, pid) == 0)
			return &c->top.v[i];
	return NULL;
}

/* 4.1 as the benchmark audits it: the user each running container runs as.
 * Config.User of the container's inspect (the image's USER unless `docker
 * run --user` or compose's user: replaced it) says which user was asked
 * for; the benchmark reads the uid its main process runs as, so a main
 * process that the process list shows as root (host uid 0, root in the
 * container too) fails whatever name Config.User gives.  A non-zero host
 * uid does not prove the reverse: under a user namespace it may still be
 * root inside, so an empty or root Config.User fails on its own. */
enum status audit_container_non_root_user(const struct check_ctx *ctx,
					  const struct container_model *c,
					  struct buf *detail)
{
	const char *user = c->user;
	enum status s;
	if (!user) {
		/* the engine always reports it, "" included */
		buf_puts(detail, "the inspect does not say which user the container runs as "
				 "(no Config.User string)");
		return STATUS_ERROR;
	}
	if (!*user) {
		buf_puts(detail, "runs as root (Config.User is empty)");
		s = STATUS_FAIL;
	} else if (user_spec_is_root(user)) {
		buf_printf(detail, "runs as root (Config.User is \"%s\")", user);
		s = STATUS_FAIL;
	} else {
		const struct container_process *p = main_process(c);
		if (p && p->uid && user_spec_is_root(p->uid)) {
			buf_printf(detail, "Config.User is \"%s\", but its main process (PID %s) runs as "
					   "root (UID %s in its process list)", user, p->pid, p->uid);
			s = STATUS_FAIL;
		} else {
			buf_printf(detail, "runs as \"%s\"", user);
			s = STATUS_PASS;
		}
	}
	(void)ctx;
	image_user_evidence(c, user, detail);
	return s;
}

/* --- 4.6 HEALTHCHECK ----------------------------------------------------- */

IMAGE_CHECK(audit_image_healthcheck)
{
	(void)ctx;
	if (!img->has_config) {
		buf_puts(detail, "the image inspect has no Config: cannot tell whether it defines "
				 "a HEALTHCHECK");
		return STATUS_ERROR;
	}
	const char *kind = img->healthcheck_kind;
	if (!kind) {
		buf_puts(detail, "no HEALTHCHECK (Config.Healthcheck is not set)");
		return STATUS_FAIL;
	}
	if (strcmp(kind, "NONE") == 0) {
		buf_puts(detail, "HEALTHCHECK NONE turns the health check off");
		return STATUS_FAIL;
	}
	/* An empty Test inherits the base image's check, which is absent here
	 * if the merged config shows nothing else. */
	buf_printf(detail, "HEALTHCHECK defined (%s)", kind);
	return STATUS_PASS;
}

/* --- history ------------------------------------------------------------- */

enum instr { INSTR_NONE, INSTR_RUN, INSTR_ADD, INSTR_COPY, INSTR_ENV, INSTR_ARG, INSTR_OTHER };

static const char *instr_name(enum instr i)
{
	static const char *const names[] = {
		[INSTR_NONE] = "none", [INSTR_RUN] = "RUN", [INSTR_ADD] = "ADD",
		[INSTR_COPY] = "COPY", [INSTR_ENV] = "ENV", [INSTR_ARG] = "ARG",
		[INSTR_OTHER] = "other",
	};
	return names[i];
}

static bool starts_with_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	return strncmp(s, word, n) == 0 && (s[n] == ' ' || s[n] == '\t' || s[n] == '\0');
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The Dockerfile instruction a history entry's CreatedBy records, and in
 * *ret_args where its arguments start.  The classic builder writes
 * "/bin/sh -c #(nop)  ENV A=b" for metadata instructions, "/bin/sh -c CMD"
 * or "|2 A=b C=d /bin/sh -c CMD" (with build arguments) for RUN, and the
 * bare command for an exec-form RUN; BuildKit writes "RUN /bin/sh -c ...
 * # buildkit", "ADD src dst # buildkit" and so on. */
static enum instr instr_classify(const char *created_by, const char **ret_args)
{
	static const struct { const char *word; enum instr kind; } words[] = {
		{ "RUN", INSTR_RUN }, { "ADD", INSTR_ADD }, { "COPY", INSTR_COPY },
		{ "ENV", INSTR_ENV }, { "ARG", INSTR_ARG }, { "CMD", INSTR_OTHER },
		{ "ENTRYPOINT", INSTR_OTHER }, { "LABEL", INSTR_OTHER }, { "WORKDIR", INSTR_OTHER },
		{ "USER", INSTR_OTHER }, { "EXPOSE", INSTR_OTHER }, { "VOLUME", INSTR_OTHER },
		{ "HEALTHCHECK", INSTR_OTHER }, { "SHELL", INSTR_OTHER }, { "STOPSIGNAL", INSTR_OTHER },
		{ "ONBUILD", INSTR_OTHER }, { "MAINTAINER", INSTR_OTHER },
	};
	const char *s = skip_space(created_by);
	*ret_args = s;
	if (!*s)
		return INSTR_NONE;
	static const char nop[] = "/bin/sh -c #(nop)";
	bool metadata = strncmp(s, nop, sizeof(nop) - 1) == 0;
	if (metadata)
		s = skip_space(s + sizeof(nop) - 1);
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (starts_with_word(s, words[i].word)) {
			*ret_args = skip_space(s + strlen(words[i].word));
			return words[i].kind;
		}
	/* An unknown metadata instruction, or a shell or exec-form RUN. */
	return metadata ? INSTR_OTHER : INSTR_RUN;
}

/* The history, or NULL after writing why it cannot be read. */
static const struct image_history *image_history(const struct image_model *img,
						 struct buf *detail)
{
	const struct image_history *h = &img->history;
	if (h->known)
		return h;
	if (h->error)
		buf_printf(detail, "cannot read the image history: %s", h->error);
	else
		buf_puts(detail, "the image history was not collected");
	return NULL;
}

/* Words of a shell command line: split on blanks and the shell's control
 * characters.  A word's end is reported with *ret_segment_end when a
 * control character (; & | newline parentheses) follows it, so a caller
 * can tell simple commands apart.  Quotes are dropped, not interpreted: a
 * heuristic is all history text allows. */
struct word_iter {
	const char *p;
	char word[256];
	bool segment_end;
};

static bool is_control(char c)
{
	return c == ';' || c == '&' || c == '|' || c == '\n' || c == '(' || c == ')' || c == '`';
}

static bool word_next(struct word_iter *it)
{
	const char *p = it->p;
	it->segment_end = false;
	while (*p && (isspace((unsigned char)*p) || is_control(*p) || *p == '"' || *p == '\''))
		p++;
	if (!*p) {
		it->p = p;
		return false;
	}
	size_t n = 0;
	while (*p && !isspace((unsigned char)*p) && !is_control(*p)) {
		if (*p != '"' && *p != '\'' && n + 1 < sizeof(it->word))
			it->word[n++] = *p;
		p++;
	}
	it->word[n] = '\0';
	const char *q = p;
	while (*q == ' ' || *q == '\t')
		q++;
	it->segment_end = *q == '\0' || is_control(*q);
	it->p = p;
	return true;
}

static const char *basename_of(const char *w)
{
	const char *slash = strrchr(w, '/');
	return slash ? slash + 1 : w;
}

/* --- 4.7 package index update alone -------------------------------------- */

/* The entry of a NULL-terminated list equal to w, or NULL. */
static const char *word_in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(w, *list) == 0)
			return *list;
	return NULL;
}

/* What one RUN does with package managers: the first index update found
 * ("apt-get" "update"), and whether the same RUN also installs or
 * upgrades packages, which is what makes an update harmless. */
struct package_use {
	const char *update_manager;   /* static strings, NULL when none */
	const char *update_command;
	bool install;
};

/* Words that may come before a simple command's own name: variable
 * assignments, options, wrappers (sudo -E, env), the shell that runs a
 * RUN ("/bin/sh -c") and the build-argument count ("|2"). */
static bool command_prefix_word(const char *w)
{
	static const char *const wrappers[] = {
		"sudo", "env", "command", "exec", "nice", "nohup", "time", "sh", "bash", "ash",
		"dash", NULL,
	};
	if (w[0] == '-' || (w[0] != '=' && strchr(w, '=')))
		return true;
	if (strspn(w, "0123456789") == strlen(w))
		return true;
	return word_in(basename_of(w), wrappers) != NULL;
}

static void scan_package_commands(const char *run, struct package_use *ret)
{
	static const char *const managers[] = {
		"apt-get", "apt", "apk", "yum", "dnf", "microdnf", "tdnf", "zypper", NULL,
	};
	static const char *const updates[] = { "update", "makecache", "refresh", "ref", NULL };
	static const char *const installs[] = {
		"install", "add", "upgrade", "dist-upgrade", "full-upgrade", "reinstall", "in",
		"up", "dup", "groupinstall", "localinstall", "distro-sync", NULL,
	};
	struct word_iter it = { .p = run };
	const char *manager = NULL;
	bool at_command = true;   /* no command word seen yet in this segment */

	memset(ret, 0, sizeof(*ret));
	while (word_next(&it)) {
		const char *w = it.word;
		const char *cmd;
		if (!manager) {
			/* Only a command counts, not an argument: "echo apt-get update"
			 * updates nothing. */
			if (at_command && !command_prefix_word(w)) {
				manager = word_in(basename_of(w), managers);
				at_command = false;
			}
		} else if (w[0] != '-') {
			/* yum and dnf "update" upgrade packages too, but run alone they
			 * leave a cached layer that later builds reuse: count them as
			 * updates, as the benchmark does. */
			if ((cmd = word_in(w, updates))) {
				if (!ret->update_manager) {
					ret->update_manager = manager;
					ret->update_command = cmd;
				}
				manager = NULL;
			} else if (word_in(w, installs)) {
				ret->install = true;
				manager = NULL;
			}
		}
		if (it.segment_end) {
			manager = NULL;
			at_command = true;
		}
	}
}

IMAGE_CHECK(audit_image_no_lone_update)
{
	(void)ctx;
	const struct image_history *history = image_history(img, detail);
	if (!history)
		return STATUS_ERROR;
	struct buf hits = BUF_INIT;
	size_t n = 0, i, n_run = 0;
	for (i = 0; i < history->n; i++) {
		const char *args;
		const char *cb = history->created_by[i];
		if (!cb || instr_classify(cb, &args) != INSTR_RUN)
			continue;
		n_run++;
		struct package_use use;
		scan_package_commands(args, &use);
		if (use.update_manager && !use.install)
			evidence_list_add(&hits, &n, "'%s %s' alone in history entry %zu",
					  use.update_manager, use.update_command, i);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "package index updated without an install in the same RUN: %s",
			   hits.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no RUN updates a package index alone (%zu RUN instruction(s))",
			   n_run);
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

/* --- 4.9 ADD ------------------------------------------------------------- */

/* Shows an ADD's arguments without the "# buildkit" tag and without any
 * URL query string, which may carry a token. */
static void add_args_excerpt(struct buf *b, const char *args)
{
	size_t n = strcspn(args, "?#");
	char *copy = xstrndup(args, n);
	for (size_t k = strlen(copy); k > 0 && copy[k - 1] == ' '; k--)
		copy[k - 1] = '\0';
	evidence_excerpt(b, copy, INSTR_EXCERPT);
	free(copy);
}

IMAGE_CHECK(audit_image_copy_not_add)
{
	(void)ctx;
	const struct image_history *history = image_history(img, detail);
	if (!history)
		return STATUS_ERROR;
	size_t count = history->n;
	struct buf hits = BUF_INIT;
	size_t n = 0, i;
	bool base_add = false;
	for (i = 0; i < count; i++) {
		const char *args;
		const char *cb = history->created_by[i];
		if (!cb || instr_classify(cb, &args) != INSTR_ADD)
			continue;
		/* The oldest entry of an image built FROM scratch is the ADD that
		 * unpacks its root filesystem; that is how base images are made,
		 * and COPY cannot unpack the archive. */
		if (i + 1 == count) {
			base_add = true;
			continue;
		}
		struct buf one = BUF_INIT;
		add_args_excerpt(&one, args);
		evidence_list_add(&hits, &n, "history entry %zu: ADD %s", i, one.data ? one.data : "");
		buf_free(&one);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "ADD used: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no ADD instruction%s",
			   base_add ? " apart from the base layer's root filesystem" : "");
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

/* --- 4.10 secrets -------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool env_name_looks_secret(const char *name, size_t len)
{
	static const char *const marks[] = {
		"PASSWORD", "PASSWD", "SECRET", "API_KEY", "APIKEY", "ACCESS_KEY", "ACCESSKEY",
		"PRIVATE_KEY", "PRIVATEKEY", "CREDENTIAL", "AUTH_KEY", "SIGNING_KEY",
	};
	static const char *const safe_suffixes[] = { "_FILE", "_PATH", "_DIR", "_LOCATION" };
	char up[128];

	if (len == 0 || len >= sizeof(up))
		return false;
	for (size_t i = 0; i < len; i++)
		up[i] = (char)toupper((unsigned char)(name[i] == '-' || name[i] == '.' ? '_' : name[i]));
	up[len] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(safe_suffixes); i++)
		if (has_suffix(up, safe_suffixes[i]))
			return false;
	for (size_t i = 0; i < ARRAY_SIZE(marks); i++)
		if (strstr(up, marks[i]))
			return true;
	/* Whole parts: DB_PASS, MYSQL_PWD, GITHUB_TOKEN, but not PWD (the
	 * shell's working directory), PASSPORT_ID or TOKENIZERS_PARALLELISM. */
	size_t parts = 1;
	for (size_t i = 0; i < len; i++)
		parts += up[i] == '_';
	char *save = NULL;
	for (char *part = strtok_r(up, "_", &save); part; part = strtok_r(NULL, "_", &save)) {
		if (has_suffix(part, "TOKEN"))
			return true;
		if (parts > 1 && (strcmp(part, "PASS") == 0 || strcmp(part, "PWD") == 0))
			return true;
	}
	return false;
}

static bool is_name_char(char c, bool first)
{
	if (isalpha((unsigned char)c) || c == '_')
		return true;
	return !first && (isdigit((unsigned char)c) || c == '.' || c == '-');
}

/* "NAME=value" with a secret-looking NAME and a literal value: returns the
 * name's length, else 0.  Leading dashes (--password=x) are skipped by
 * the caller. */
static size_t secret_assignment(const char *w)
{
	size_t n = 0;
	while (w[n] && w[n] != '=' && is_name_char(w[n], n == 0))
		n++;
	if (n == 0 || w[n] != '=')
		return 0;
	const char *value = w + n + 1;
	/* Empty, or a reference to another variable: nothing baked in. */
	if (!*value || *value == '$')
		return 0;
	return env_name_looks_secret(w, n) ? n : 0;
}

/* Adds "where NAME=***" once per name and place. */
static void secret_add(struct buf *list, size_t *n, const char *where, const char *name, size_t len)
{
	char needle[160];
	snprintf(needle, sizeof(needle), "%s %.*s=***", where, (int)(len > 64 ? 64 : len), name);
	if (list->data && strstr(list->data, needle))
		return;
	evidence_list_add(list, n, "%s", needle);
}

size_t env_secrets_scan(const char *const *env, size_t n_env, const char *where,
			struct buf *list, size_t *n)
{
	size_t found = 0;
	for (size_t i = 0; i < n_env; i++) {
		const char *kv = env[i];
		size_t len = kv ? secret_assignment(kv) : 0;
		if (len) {
			secret_add(list, n, where, kv, len);
			found++;
		}
	}
	return found;
}

IMAGE_CHECK(audit_image_no_secrets)
{
	(void)ctx;
	const struct image_history *history = image_history(img, detail);
	if (!history)
		return STATUS_ERROR;
	struct buf hits = BUF_INIT;
	size_t n = 0, found = 0, i;
	found += env_secrets_scan(img->env.v, img->env.n, "Config.Env", &hits, &n);

	for (i = 0; i < history->n; i++) {
		const char *args;
		const char *cb = history->created_by[i];
		if (!cb)
			continue;
		enum instr kind = instr_classify(cb, &args);
		if (kind == INSTR_NONE || kind == INSTR_OTHER)
			continue;
		char where[48];
		snprintf(where, sizeof(where), "history entry %zu (%s)", i, instr_name(kind));
		/* The old "ENV NAME value" form has no '='. */
		size_t name_len = strcspn(args, " \t=");
		if (kind == INSTR_ENV && args[name_len] == ' ' && *skip_space(args + name_len) &&
		    env_name_looks_secret(args, name_len)) {
			secret_add(&hits, &n, where, args, name_len);
			found++;
		}
		/* Scan the whole text: a RUN's build arguments come before the
		 * shell ("|1 TOKEN=x /bin/sh -c ..."). */
		struct word_iter it = { .p = cb };
		while (word_next(&it)) {
			const char *w = it.word;
			while (*w == '-')
				w++;
			size_t len = secret_assignment(w);
			if (len) {
				secret_add(&hits, &n, where, w, len);
				found++;
			}
		}
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (found) {
		buf_printf(detail, "secret-looking values baked in (values hidden): %s", hits.data);
		s = STATUS_FAIL;
	} else {
		buf_puts(detail, "no secret-looking names with values in Config.Env or the history");
		s = STATUS_PASS;
	}
	buf_free(&hits);
	return s;
}

/* --- 4.2 trusted registries ---------------------------------------------- */

/* "nginx:1.25" -> "docker.io/library/nginx"; "ghcr.io/a/b@sha256:..." ->
 * "ghcr.io/a/b".  The registry is the first path component when it looks
 * like a host (has a dot or a port, or is localhost), as Docker decides. */
static char *reference_repository(const char *ref)
{
	size_t n = strcspn(ref, "@");
	char *r = xstrndup(ref, n);
	char *slash = strrchr(r, '/');
	char *colon = strrchr(slash ? slash : r, ':');
	if (colon)
		*colon = '\0';   /* the tag */
	char *first_end = strchr(r, '/');
	char *out;
	if (first_end) {
		size_t hn = (size_t)(first_end - r);
		bool host = memchr(r, '.', hn) || memchr(r, ':', hn) ||
			    (hn == 9 && strncmp(r, "localhost", 9) == 0);
		if (host) {
			for (size_t i = 0; i < hn; i++)
				r[i] = (char)tolower((unsigned char)r[i]);
			if ((hn == 15 && strncmp(r, "index.docker.io", 15) == 0) ||
			    (hn == 20 && strncmp(r, "registry-1.docker.io", 20) == 0))
				out = xasprintf("docker.io%s", first_end);
			else
				out = xstrdup(r);
		} else
			out = xasprintf("docker.io/%s", r);
	} else
		out = xasprintf("docker.io/library/%s", r);
	free(r);
	return out;
}

/* A trusted entry names a registry ("registry.example.com") or a part of
 * one ("docker.io/library" for official images only). */
static bool repository_trusted(const char *repo, char *const *trusted)
{
	for (; trusted && *trusted; trusted++) {
		char *entry = xstrdup(*trusted);
		size_t n = strlen(entry);
		while (n > 0 && entry[n - 1] == '/')
			entry[--n] = '\0';
		char *first_end = strchr(entry, '/');
		for (char *p = entry; *p && (!first_end || p < first_end); p++)
			*p = (char)tolower((unsigned char)*p);
		bool ok = n > 0 && strncmp(repo, entry, n) == 0 && (repo[n] == '\0' || repo[n] == '/');
		free(entry);
		if (ok)
			return true;
	}
	return false;
}

static void repository_registry(const char *repo, struct buf *b)
{
	buf_append(b, repo, strcspn(repo, "/"));
}

IMAGE_CHECK(audit_image_trusted_registry)
{
	const struct string_list *lists[] = { &img->tags, &img->repo_tags, &img->repo_digests };
	char *const *trusted = ctx->options ? ctx->options->trusted_registries : NULL;
	struct buf bad = BUF_INIT, good = BUF_INIT;
	size_t n_bad = 0, n_good = 0;
	char *seen_repos = xstrdup("\n");

	for (size_t l = 0; l < ARRAY_SIZE(lists); l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *ref = lists[l]->v[i];
			if (!ref || !*ref || strncmp(ref, "<none>", 6) == 0)
				continue;
			char *repo = reference_repository(ref);
			char *key = xasprintf("\n%s\n", repo);
			if (!strstr(seen_repos, key)) {
				char *more = xasprintf("%s%s\n", seen_repos, repo);
				free(seen_repos);
				seen_repos = more;
				struct buf reg = BUF_INIT;
				repository_registry(repo, &reg);
				if (trusted && !repository_trusted(repo, trusted))
					evidence_list_add(&bad, &n_bad, "%s (registry %s)", repo, reg.data);
				else
					evidence_list_add(&good, &n_good, "%s (registry %s)", repo, reg.data);
				buf_free(&reg);
			}
			free(key);
			free(repo);
		}
	}
	free(seen_repos);
	evidence_list_finish(&bad, n_bad);
	evidence_list_finish(&good, n_good);

	enum status s;
	if (n_bad + n_good == 0) {
		buf_puts(detail, "no tag or digest names a registry: built or imported on this host; "
				 "check the base image it was built from");
		s = trusted ? STATUS_INFORMATIONAL : STATUS_NOTCHECKED;
	} else if (!trusted) {
		buf_printf(detail, "from %s; no list of trusted registries given "
				   "(--trusted-registries)", good.data);
		s = STATUS_NOTCHECKED;
	} else if (n_bad) {
		buf_printf(detail, "from a registry not in the trusted list: %s", bad.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "from trusted registries only: %s", good.data);
		s = STATUS_PASS;
	}
	buf_free(&bad);
	buf_free(&good);
	return s;
}

/* --- evidence for a person: 4.3, 4.4, 4.8, 4.12 -------------------------- */

/* Seconds since the epoch of an RFC 3339 time as the engine writes it
 * ("2024-03-01T12:00:00.123456789Z", "...+02:00"); false when unreadable. */
static bool rfc3339_parse(const char *s, double *ret)
{
	struct tm tm = { 0 };
	int consumed = 0;
	if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6)
		return false;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	const char *p = s + consumed;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	long offset = 0;
	int oh, om;
	if (*p == '+' || *p == '-') {
		if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2)
			return false;
		offset = (oh * 3600L + om * 60L) * (*p == '-' ? -1 : 1);
	} else if (*p != 'Z')
		return false;
	time_t t = timegm(&tm);
	if (t == (time_t)-1)
		return false;
	*ret = (double)t - (double)offset;
	return true;
}

static void image_created(const struct check_ctx *ctx, const struct image_model *img,
			  struct buf *b)
{
	const char *created = img->created;
	double when, now = ctx->images->collected_start_known ? ctx->images->collected_start : 0;
	if (!created || !rfc3339_parse(created, &when)) {
		buf_puts(b, "creation date unknown");
		return;
	}
	char day[16];
	time_t t = (time_t)when;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	if (now > when)
		buf_printf(b, "created %s (%lld days before this audit)", day,
			   (long long)((now - when) / 86400.0));
	else
		buf_printf(b, "created %s", day);
}

static void image_used_by(const struct image_model *img, struct buf *b)
{
	struct buf names = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < img->used_by.n; i++)
		evidence_list_add(&names, &n, "%s", img->used_by.v[i]);
	evidence_list_finish(&names, n);
	if (n)
		buf_printf(b, "; used by %s", names.data);
	buf_free(&names);
}

/* 4.3 as the benchmark audits it: each running container's packages
 * (docker exec ... rpm -qa), which dockaudit does not exec to list.  The
 * running containers come from each image's used_by (the running
 * containers that run it), image by image; the item names the container
 * and the image, with the image's size and layers as a hint of how much
 * is installed. */
void audit_packages_per_container(const struct check_ctx *ctx, struct result *r)
{
	const struct image_set *images = ctx->images;
	if (!engine_part_ready(&images->engine, &images->source, "engine.images",
			       "GET /images/{id}/json (the images running containers use)", r))
		return;
	struct buf detail = BUF_INIT;
	for (size_t i = 0; i < images->n; i++) {
		const struct image_model *img = &images->v[i];
		buf_reset(&detail);
		buf_printf(&detail, "runs %s", img->name);
		if (img->error)
			buf_printf(&detail, "; its inspect could not be read: %s", img->error);
		else if (img->size.known && img->size.value >= 0)
			buf_printf(&detail, " (%lld MiB in %lld layer(s))", img->size.value >> 20,
				   img->n_layers.known ? img->n_layers.value : 0);
		else
			buf_printf(&detail, " (%lld layer(s), size unknown)",
				   img->n_layers.known ? img->n_layers.value : 0);
		for (size_t k = 0; k < img->used_by.n; k++)
			result_add_item(r, img->used_by.v[k], NULL, STATUS_NOTCHECKED, detail.data);
	}
	buf_free(&detail);
	if (!r->n_items)
		result_set(r, STATUS_NOTAPPLICABLE, "no running containers");
	else
		result_set(r, STATUS_NOTCHECKED, "%zu running container(s) whose packages a person "
			   "lists", r->n_items);
}

IMAGE_CHECK(audit_image_age_evidence)
{
	image_created(ctx, img, detail);
	image_used_by(img, detail);
	return STATUS_NOTCHECKED;
}

/* --- 4.8 setuid and setgid files ------------------------------------------- */

/* "setuid", "setgid" or "setuid+setgid" for a mode. */
static const char *setid_kind(long long mode)
{
	if ((mode & 06000) == 06000)
		return "setuid+setgid";
	return (mode & 04000) ? "setuid" : "setgid";
}

static const char *setid_stop_reason(const char *by)
{
	if (!by)
		return "a cap";
	if (strcmp(by, "entries") == 0)
		return "the cap on directory entries";
	if (strcmp(by, "depth") == 0)
		return "the cap on directory depth";
	if (strcmp(by, "time") == 0)
		return "the time limit";
	if (strcmp(by, "files") == 0)
		return "the cap on files listed";
	return "a cap";
}

/* Any setuid or setgid file fails: which of them the service needs is for
 * a person to say, and the evidence lists them (docs/checks.md). */
IMAGE_CHECK(audit_image_no_setid_files)
{
	(void)ctx;
	const struct image_setid *setid = &img->setid;
	const char *why = setid->source.why;
	switch (setid->source.status) {
	case SOURCE_MISSING:
		buf_puts(detail, "the image's layer directories were not read (no setid facts: "
				 "a bundle from an older dockaudit)");
		return STATUS_ERROR;
	case SOURCE_ABSENT:
		/* A remote engine: a person lists the files with docker run. */
		buf_printf(detail, "%s", why);
		image_used_by(img, detail);
		return STATUS_NOTCHECKED;
	case SOURCE_ERROR:
		buf_printf(detail, "cannot list setuid/setgid files: %s", why);
		return STATUS_ERROR;
	case SOURCE_OK:
		break;
	}

	long long scanned = setid->scanned;
	bool truncated = setid->truncated;
	const char *stop = setid_stop_reason(setid->truncated_by);
	if (!setid->files_known) {
		buf_puts(detail, "cannot list setuid/setgid files: the facts hold no file list");
		return STATUS_ERROR;
	}
	struct buf list = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < setid->n_files; i++) {
		const struct setid_file *f = &setid->files[i];
		struct buf one = BUF_INIT;
		evidence_excerpt(&one, f->path, 120);
		evidence_list_add(&list, &n, "%s (%s, mode %04llo, uid %lld)", one.data,
				  setid_kind(f->mode), (unsigned long long)(f->mode & 07777), f->uid);
		buf_free(&one);
	}
	evidence_list_finish(&list, n);
	enum status st;
	if (n) {
		buf_printf(detail, "%zu setuid/setgid file(s)%s: %s", n, truncated ? " or more" : "",
			   list.data);
		if (truncated)
			buf_printf(detail, "; the walk stopped at %s after %lld entries", stop, scanned);
		st = STATUS_FAIL;
	} else if (truncated) {
		buf_printf(detail, "no setuid/setgid file among the first %lld entries, but the walk "
				   "stopped at %s", scanned, stop);
		st = STATUS_ERROR;
	} else {
		buf_printf(detail, "no setuid/setgid file among %lld entries in %lld layer "
				   "director%s", scanned, setid->layers,
			   setid->layers == 1 ? "y" : "ies");
		st = STATUS_PASS;
	}
	buf_free(&list);
	image_used_by(img, detail);
	return st;
}

IMAGE_CHECK(audit_image_digest_evidence)
{
	(void)ctx;
	struct buf list = BUF_INIT;
	size_t n = 0;
	for (size_t i = 0; i < img->repo_digests.n; i++) {
		struct buf one = BUF_INIT;
		evidence_excerpt(&one, img->repo_digests.v[i], 120);
		evidence_list_add(&list, &n, "%s", one.data);
		buf_free(&one);
	}
	evidence_list_finish(&list, n);
	if (n)
		buf_printf(detail, "pulled by digest %s; whether its signature was verified is not "
				   "recorded by the engine", list.data);
	else
		buf_puts(detail, "no registry digest: built or imported on this host");
	buf_free(&list);
	return STATUS_NOTCHECKED;
}

/* --- 4.11 verification turned off ---------------------------------------- */

IMAGE_CHECK(audit_image_verified_installs)
{
	(void)ctx;
	/* Options that make a package manager or downloader accept what it
	 * cannot verify. */
	static const char *const unsafe[] = {
		"--allow-unauthenticated", "--allow-insecure-repositories", "AllowUnauthenticated",
		"--force-yes", "--nogpgcheck", "--no-gpg-check", "gpgcheck=0", "--allow-untrusted",
		"--no-check-certificate", "sslverify=0", "sslverify=false", "--trusted-host",
		"--insecure",
	};
	const struct image_history *history = image_history(img, detail);
	if (!history)
		return STATUS_ERROR;
	struct buf hits = BUF_INIT;
	size_t n = 0, i, n_run = 0;
	for (i = 0; i < history->n; i++) {
		const char *args;
		const char *cb = history->created_by[i];
		if (!cb || instr_classify(cb, &args) != INSTR_RUN)
			continue;
		n_run++;
		for (size_t k = 0; k < ARRAY_SIZE(unsafe); k++)
			if (strstr(args, unsafe[k]))
				evidence_list_add(&hits, &n, "%s in history entry %zu", unsafe[k], i);
	}
	evidence_list_finish(&hits, n);
	enum status s;
	if (n) {
		buf_printf(detail, "verification turned off: %s", hits.data);
		s = STATUS_FAIL;
	} else {
		buf_printf(detail, "no RUN turns package or download verification off (%zu RUN "
				   "instruction(s)); downloads checked by hand are not visible here",
			   n_run);
		s = STATUS_NOTCHECKED;
	}
	buf_free(&hits);
	return s;
}
