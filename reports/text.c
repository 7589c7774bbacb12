/* text.c - the human report: checks grouped by section, the evidence and the
 * fix under each failure, a summary of counts at the end. */
#include "profile.h"
#include "report.h"
#include "installation.h"
#include "report_util.h"
#include "waiver.h"
#include "compare.h"

#include <errno.h>
#include <string.h>

#define ANSI_RESET "\033[0m"
#define ANSI_BOLD "\033[1m"
#define ANSI_RED_BOLD "\033[1;31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_MAGENTA_BOLD "\033[1;35m"
#define ANSI_CYAN "\033[36m"
#define ANSI_DIM "\033[2m"

/* Column where evidence lines start, under the title. */
#define DETAIL_INDENT "                   "

/* The report goes out in chunks of about TEXT_CHUNK bytes: a report of
 * 10,000 containers (17 MB) is never held whole. */
#define TEXT_CHUNK 65536

struct text_ctx {
	struct buf b;
	bool color;
	FILE *out;
	int err;            /* the first write error, as -errno */
};

/* Writes out what is buffered once there is a chunk of it (or all of it,
 * with force); after an error nothing more is written. */
static void text_flush(struct text_ctx *t, bool force)
{
	if (t->b.len < (force ? 1 : TEXT_CHUNK))
		return;
	if (!t->err && fwrite(t->b.data, 1, t->b.len, t->out) != t->b.len)
		t->err = errno ? -errno : -EIO;
	buf_reset(&t->b);
}

static const char *const status_tags[STATUS__MAX] = {
	[STATUS_PASS] = "[PASS]",
	[STATUS_FAIL] = "[FAIL]",
	[STATUS_ERROR] = "[ERROR]",
	[STATUS_NOTAPPLICABLE] = "[N/A]",
	[STATUS_NOTCHECKED] = "[MANUAL]",
	[STATUS_INFORMATIONAL] = "[INFO]",
	[STATUS_NOTSELECTED] = "[SKIP]",
};
_Static_assert(ARRAY_SIZE(status_tags) == STATUS__MAX, "a status without a tag");

static const char *const status_colors[STATUS__MAX] = {
	[STATUS_PASS] = ANSI_GREEN,
	[STATUS_FAIL] = ANSI_RED_BOLD,
	[STATUS_ERROR] = ANSI_MAGENTA_BOLD,
	[STATUS_NOTAPPLICABLE] = ANSI_DIM,
	[STATUS_NOTCHECKED] = ANSI_YELLOW,
	[STATUS_INFORMATIONAL] = ANSI_CYAN,
	[STATUS_NOTSELECTED] = ANSI_DIM,
};

static const char *const summary_names[STATUS__MAX] = {
	[STATUS_PASS] = "passed",
	[STATUS_FAIL] = "failed",
	[STATUS_ERROR] = "error",
	[STATUS_NOTAPPLICABLE] = "not applicable",
	[STATUS_NOTCHECKED] = "manual",
	[STATUS_INFORMATIONAL] = "informational",
	[STATUS_NOTSELECTED] = "not selected",
};

/* A result or item a waiver turned into a pass is shown as waived, not
 * as a pass: the reader must see that something was accepted. */
#define WAIVED_TAG "[WAIVED]"

static const char *tag_of(enum status s)
{
	return (unsigned)s < STATUS__MAX ? status_tags[s] : "[?]";
}

/* Appends untrusted text.  The text is made valid UTF-8 without control
 * characters first (which also removes the C1 controls a terminal would obey),
 * then every remaining byte below 0x20 or DEL is replaced once more, so no
 * ESC can reach the terminal whatever the caller passed.  A newline is kept
 * and followed by `indent` when indent is non-NULL; otherwise it becomes a
 * space. */
static void put_safe(struct text_ctx *t, const char *s, const char *indent)
{
	if (!s)
		return;
	/* Printable ASCII, most of any report, goes out as it is, in one
	 * piece (the sanitizer and the loop below would leave it so). */
	size_t n = 0;
	while ((unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7F)
		n++;
	if (s[n] == '\0') {
		buf_append(&t->b, s, n);
		return;
	}
	char *clean = utf8_sanitize(s, (size_t)-1);
	for (const unsigned char *p = (const unsigned char *)clean; *p; p++) {
		if (*p == '\n') {
			if (indent) {
				buf_puts(&t->b, "\n");
				buf_puts(&t->b, indent);
			} else
				buf_puts(&t->b, " ");
		} else if (*p == '\t')
			buf_puts(&t->b, " ");
		else if (*p < 0x20 || *p == 0x7F)
			buf_puts(&t->b, "?");
		else
			buf_append(&t->b, p, 1);
	}
	free(clean);
}

static void color_on(struct text_ctx *t, const char *ansi)
{
	if (t->color && ansi)
		buf_puts(&t->b, ansi);
}

static void color_off(struct text_ctx *t)
{
	if (t->color)
		buf_puts(&t->b, ANSI_RESET);
}

static void put_tag_text(struct text_ctx *t, const char *tag, const char *color)
{
	color_on(t, color);
	buf_puts(&t->b, tag);
	color_off(t);
	for (size_t n = strlen(tag); n < 9; n++)
		buf_puts(&t->b, " ");
}

static void put_tag(struct text_ctx *t, enum status s)
{
	const char *tag = tag_of(s);
	color_on(t, (unsigned)s < STATUS__MAX ? status_colors[s] : NULL);
	buf_puts(&t->b, tag);
	color_off(t);
	/* Pad to the widest tag, "[MANUAL]". */
	for (size_t n = strlen(tag); n < 9; n++)
		buf_puts(&t->b, " ");
}

static void put_field(struct text_ctx *t, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(&t->b, DETAIL_INDENT "%-10s", label);
	put_safe(t, value, DETAIL_INDENT "          ");
	buf_puts(&t->b, "\n");
}

/* "waiver:   waivers.yaml:12, alice@example.org, until 2027-03-31: the reason" */
static void put_waiver(struct text_ctx *t, const struct report_meta *meta, const struct waiver *w,
		       const char *indent)
{
	buf_printf(&t->b, "%s%-10s", indent, "waiver:");
	put_safe(t, meta->waivers ? meta->waivers->path : "?", NULL);
	buf_printf(&t->b, ":%u, ", w->line);
	put_safe(t, w->owner, NULL);
	buf_puts(&t->b, ", until ");
	put_safe(t, w->expires, NULL);
	buf_puts(&t->b, ": ");
	put_safe(t, w->reason, NULL);
	buf_puts(&t->b, "\n");
}

/* A short form of a container or image id for the eye; full ids are in JSON. */
static void put_short_id(struct text_ctx *t, const char *id)
{
	if (!id || !*id)
		return;
	char *clean = utf8_sanitize_line(id);
	if (strncmp(clean, "sha256:", 7) == 0)
		memmove(clean, clean + 7, strlen(clean + 7) + 1);
	if (strlen(clean) > 12)
		clean[12] = '\0';   /* put_safe() repairs a UTF-8 sequence cut here */
	buf_puts(&t->b, " (");
	put_safe(t, clean, NULL);
	buf_puts(&t->b, ")");
	free(clean);
}

/* " (exited)" after a container that is not running. */
static void put_state(struct text_ctx *t, const struct result_item *it)
{
	if (!it->state)
		return;
	buf_puts(&t->b, " (");
	put_safe(t, it->state, NULL);
	buf_puts(&t->b, ")");
}

static void put_items(struct text_ctx *t, const struct report_meta *meta, const struct result *r)
{
	size_t passed = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct result_item *it = &r->items[i];
		if (it->status == STATUS_PASS && !it->waiver) {
			passed++;
			continue;
		}
		buf_puts(&t->b, DETAIL_INDENT);
		if (it->waiver)
			put_tag_text(t, WAIVED_TAG, ANSI_YELLOW);
		else
			put_tag(t, it->status);
		put_safe(t, it->object, NULL);
		put_state(t, it);
		put_short_id(t, it->id);
		if (it->detail && *it->detail) {
			buf_puts(&t->b, ": ");
			put_safe(t, it->detail, DETAIL_INDENT "         ");
		}
		buf_puts(&t->b, "\n");
		if (it->waiver)
			put_waiver(t, meta, it->waiver, DETAIL_INDENT "         ");
		text_flush(t, false);
	}
	if (!passed)
		return;
	/* Passing objects stay compact: their names on one line. */
	buf_puts(&t->b, DETAIL_INDENT);
	put_tag(t, STATUS_PASS);
	size_t shown = 0;
	for (size_t i = 0; i < r->n_items; i++) {
		const struct result_item *it = &r->items[i];
		if (it->status != STATUS_PASS || it->waiver)
			continue;
		if (shown++)
			buf_puts(&t->b, ", ");
		put_safe(t, it->object && *it->object ? it->object : it->id, NULL);
		put_state(t, it);
		text_flush(t, false);
	}
	buf_puts(&t->b, "\n");
}

static void put_result(struct text_ctx *t, const struct report_meta *meta, const struct result *r)
{
	const struct check *c = r->check;
	const char *id = check_id(c, meta->version);

	/* Wholly waived: every failure it had was accepted. */
	bool waived = r->status == STATUS_PASS && result_waived(r);
	buf_puts(&t->b, "  ");
	if (waived)
		put_tag_text(t, WAIVED_TAG, ANSI_YELLOW);
	else
		put_tag(t, r->status);
	char *cid = utf8_sanitize_line(id ? id : "?");
	put_safe(t, cid, NULL);
	for (size_t n = strlen(cid); n < 8; n++)
		buf_puts(&t->b, " ");
	free(cid);
	if (r->status == STATUS_FAIL)
		color_on(t, ANSI_BOLD);
	put_safe(t, check_title(c, meta->version), NULL);
	if (r->status == STATUS_FAIL)
		color_off(t);
	buf_puts(&t->b, "\n");

	if (waived) {
		/* What was accepted, as a failure would show it. */
		put_field(t, "expected:", r->expected);
		put_field(t, "found:", r->found);
		put_field(t, "source:", r->source);
		if (r->waiver)
			put_waiver(t, meta, r->waiver, DETAIL_INDENT);
	} else switch (r->status) {
	case STATUS_FAIL:
	case STATUS_ERROR:
		put_field(t, "expected:", r->expected);
		put_field(t, "found:", r->found);
		put_field(t, "source:", r->source);
		put_field(t, "fix:", result_remediation(r));
		break;
	case STATUS_NOTCHECKED:
		put_field(t, "found:", r->found);
		put_field(t, "check:", c->manual_note);
		break;
	case STATUS_INFORMATIONAL:
		put_field(t, "found:", r->found);
		break;
	case STATUS_NOTAPPLICABLE:
		/* "Not applicable" alone cannot be told from a check that was
		 * never looked at: say why it does not apply. */
		put_field(t, "reason:", r->found);
		break;
	default:
		break;
	}
	put_items(t, meta, r);
}

/* What the waiver file did: counts, then every waiver that did nothing,
 * expired ones first (they are the ones to renew or remove). */
static void put_waivers(struct text_ctx *t, const struct waiver_set *ws)
{
	size_t states[WAIVER__STATE_MAX] = { 0 }, waived = 0;
	for (size_t i = 0; i < ws->count; i++) {
		if ((unsigned)ws->waivers[i].state < WAIVER__STATE_MAX)
			states[ws->waivers[i].state]++;
		waived += ws->waivers[i].waived;
	}
	buf_puts(&t->b, "\nWaivers:  ");
	put_safe(t, ws->path, NULL);
	buf_printf(&t->b, ": %zu applied (%zu result%s and object%s accepted), %zu unused, ",
		   states[WAIVER_APPLIED], waived, waived == 1 ? "" : "s", waived == 1 ? "" : "s",
		   states[WAIVER_UNUSED]);
	if (states[WAIVER_EXPIRED])
		color_on(t, ANSI_YELLOW);
	buf_printf(&t->b, "%zu expired", states[WAIVER_EXPIRED]);
	if (states[WAIVER_EXPIRED])
		color_off(t);
	buf_puts(&t->b, "\n");
	static const enum waiver_state shown[] = { WAIVER_EXPIRED, WAIVER_UNUSED };
	for (size_t k = 0; k < ARRAY_SIZE(shown); k++)
		for (size_t i = 0; i < ws->count; i++) {
			const struct waiver *w = &ws->waivers[i];
			if (w->state != shown[k])
				continue;
			buf_puts(&t->b, "  ");
			if (w->state == WAIVER_EXPIRED) {
				color_on(t, ANSI_YELLOW);
				buf_puts(&t->b, "warning: expired");
				color_off(t);
			} else
				buf_puts(&t->b, "unused:");
			buf_printf(&t->b, " line %u, check ", w->line);
			put_safe(t, w->check_ref, NULL);
			if (w->object) {
				buf_puts(&t->b, ", object ");
				put_safe(t, w->object, NULL);
			}
			buf_puts(&t->b, ", ");
			put_safe(t, w->owner, NULL);
			if (w->state == WAIVER_EXPIRED) {
				buf_puts(&t->b, ", expired ");
				put_safe(t, w->expires, NULL);
				buf_puts(&t->b, ": not applied\n");
			} else {
				buf_puts(&t->b, ": ");
				put_safe(t, w->note, NULL);
				buf_puts(&t->b, "\n");
			}
		}
}

static void put_summary(struct text_ctx *t, const struct result_set *rs)
{
	size_t counts[STATUS__MAX], waived = 0;
	report_count(rs, counts);
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].status == STATUS_PASS && result_waived(&rs->results[i]))
			waived++;

	buf_printf(&t->b, "\nSummary: %zu checks: ", rs->count);
	bool first = true;
	for (int s = 0; s < STATUS__MAX; s++) {
		if (!counts[s] && s != STATUS_PASS && s != STATUS_FAIL)
			continue;
		if (!first)
			buf_puts(&t->b, ", ");
		first = false;
		bool loud = counts[s] && (s == STATUS_FAIL || s == STATUS_ERROR);
		if (loud)
			color_on(t, status_colors[s]);
		buf_printf(&t->b, "%zu %s", counts[s], summary_names[s]);
		if (s == STATUS_PASS && waived)
			buf_printf(&t->b, " (%zu waived)", waived);
		if (loud)
			color_off(t);
	}
	buf_puts(&t->b, "\n");
}

/* "fail", or "none" for a status the other run did not have. */
static const char *status_or_none(enum status s)
{
	return s < STATUS__MAX ? status_name(s) : "none";
}

static void put_changed_objects(struct text_ctx *t, const char *label, const struct changed_object *o,
				size_t n, bool now)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(&t->b, "  %-17s", i == 0 ? label : "");
		put_safe(t, o[i].kind ? o[i].kind : "object", NULL);
		buf_puts(&t->b, " ");
		put_safe(t, o[i].object, NULL);
		buf_printf(&t->b, ": %zu result%s", o[i].n_results, o[i].n_results == 1 ? "" : "s");
		if (o[i].n_failing) {
			buf_puts(&t->b, ", ");
			if (now)
				color_on(t, ANSI_RED_BOLD);
			buf_printf(&t->b, "%zu %s", o[i].n_failing, now ? "fail" : "failed");
			if (now)
				color_off(t);
			buf_puts(&t->b, " (");
			size_t shown = 0;
			for (size_t k = 0; k < o[i].n_results; k++) {
				if (o[i].results[k].status != STATUS_FAIL)
					continue;
				if (shown++)
					buf_puts(&t->b, ", ");
				put_safe(t, o[i].results[k].check_id, NULL);
			}
			buf_puts(&t->b, ")");
		}
		buf_puts(&t->b, "\n");
	}
}

/* "ID (TITLE), tailoring file PATH (ID, version V)" of one run. */
static void put_saved_profile(struct text_ctx *t, const struct saved_profile *p)
{
	put_safe(t, p->id, NULL);
	if (p->title) {
		buf_puts(&t->b, " (");
		put_safe(t, p->title, NULL);
		buf_puts(&t->b, ")");
	}
	if (p->tailoring_path) {
		buf_puts(&t->b, ", tailoring file ");
		put_safe(t, p->tailoring_path, NULL);
		buf_puts(&t->b, " (");
		put_safe(t, p->tailoring_id ? p->tailoring_id : "?", NULL);
		buf_puts(&t->b, ", version ");
		put_safe(t, p->tailoring_version ? p->tailoring_version : "?", NULL);
		buf_puts(&t->b, ")");
	}
}

static void put_id_list(struct text_ctx *t, const char *label, char *const *ids, size_t n)
{
	if (!n)
		return;
	buf_printf(&t->b, "  %-17s", label);
	for (size_t i = 0; i < n; i++) {
		buf_puts(&t->b, i ? ", " : "");
		put_safe(t, ids[i], NULL);
	}
	buf_puts(&t->b, "\n");
}

/* The profile, values and selection that changed; true when it printed. */
static bool put_profile_change(struct text_ctx *t, const struct profile_comparison *pc)
{
	bool printed = false;
	if (pc->changed) {
		buf_printf(&t->b, "  %-17s", "profile:");
		put_saved_profile(t, pc->before);
		buf_printf(&t->b, "\n  %-17s-> ", "");
		put_saved_profile(t, pc->after);
		buf_puts(&t->b, "\n");
		printed = true;
	}
	for (size_t i = 0; i < pc->n_values; i++) {
		buf_printf(&t->b, "  %-17s", i ? "" : "values:");
		put_safe(t, pc->values[i].name, NULL);
		buf_puts(&t->b, " ");
		put_safe(t, pc->values[i].before ? (*pc->values[i].before ? pc->values[i].before : "(none)") : "(not set)", NULL);
		buf_puts(&t->b, " -> ");
		put_safe(t, pc->values[i].after ? (*pc->values[i].after ? pc->values[i].after : "(none)") : "(not set)", NULL);
		buf_puts(&t->b, "\n");
		printed = true;
	}
	put_id_list(t, "now selected:", pc->selected, pc->n_selected);
	put_id_list(t, "unselected:", pc->unselected, pc->n_unselected);
	return printed || pc->n_selected || pc->n_unselected;
}

/* --compare: "Changes since <time>", between the checks and the summary. */
static void put_comparison(struct text_ctx *t, const struct comparison *c)
{
	static const char *const labels[CHANGE__MAX] = {
		[CHANGE_NEWLY_FAILING] = "newly failing:",
		[CHANGE_NEWLY_PASSING] = "newly passing:",
		[CHANGE_ERROR_APPEARED] = "new errors:",
		[CHANGE_ERROR_GONE] = "errors gone:",
	};
	buf_puts(&t->b, "\n");
	color_on(t, ANSI_BOLD);
	if (c->state == COMPARISON_NO_PREVIOUS) {
		buf_puts(&t->b, "Changes: no previous report (");
		put_safe(t, c->previous_path, NULL);
		buf_puts(&t->b, " does not exist yet): nothing to compare with\n");
		color_off(t);
		return;
	}
	if (c->state == COMPARISON_ERROR) {
		buf_puts(&t->b, "Changes: not compared: ");
		color_off(t);
		put_safe(t, c->error, NULL);
		buf_puts(&t->b, "\n");
		return;
	}
	buf_puts(&t->b, "Changes since ");
	put_safe(t, c->previous_time, NULL);
	color_off(t);
	buf_puts(&t->b, " (");
	put_safe(t, c->previous_path, NULL);
	buf_puts(&t->b, ")\n");
	bool any = c->n_new_objects || c->n_vanished_objects;
	for (int k = 0; k < CHANGE__MAX; k++) {
		bool first = true;
		for (size_t i = 0; i < c->n_changes; i++) {
			const struct change *ch = &c->changes[i];
			if ((int)ch->kind != k)
				continue;
			any = true;
			buf_printf(&t->b, "  %-17s", first ? labels[k] : "");
			first = false;
			put_safe(t, ch->check_id, NULL);
			for (size_t n = strlen(ch->check_id); n < 8; n++)
				buf_puts(&t->b, " ");
			if (ch->object) {
				put_safe(t, ch->object, NULL);
				buf_puts(&t->b, ": ");
			}
			put_safe(t, ch->title, NULL);
			buf_printf(&t->b, " (%s -> ", status_or_none(ch->before));
			if (ch->after == STATUS_FAIL || ch->after == STATUS_ERROR)
				color_on(t, status_colors[ch->after]);
			buf_puts(&t->b, status_or_none(ch->after));
			if (ch->after == STATUS_FAIL || ch->after == STATUS_ERROR)
				color_off(t);
			buf_puts(&t->b, ch->waived ? ", waived)\n" : ")\n");
		}
	}
	put_changed_objects(t, "new:", c->new_objects, c->n_new_objects, true);
	put_changed_objects(t, "gone:", c->vanished_objects, c->n_vanished_objects, false);
	any |= put_profile_change(t, &c->profile);
	if (!any)
		buf_puts(&t->b, "  no change\n");
	if (c->regressed) {
		buf_puts(&t->b, "  ");
		color_on(t, ANSI_RED_BOLD);
		buf_puts(&t->b, "regressed");
		color_off(t);
		buf_puts(&t->b, ": something fails that did not before\n");
	}
}

static int text_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct text_ctx t = { .b = BUF_INIT, .color = meta->color, .out = out };
	char start[40], end[40];

	time_format_iso(meta->start_time, start, sizeof(start));
	time_format_iso(meta->end_time, end, sizeof(end));

	color_on(&t, ANSI_BOLD);
	buf_puts(&t.b, "dockaudit ");
	put_safe(&t, meta->tool_version ? meta->tool_version : "?", NULL);
	buf_printf(&t.b, " - CIS Docker Benchmark %s, level %d", bench_version_name(meta->version),
		   meta->level);
	color_off(&t);
	if (meta->profile) {
		/* The title and id come from the user's tailoring file. */
		buf_puts(&t.b, "\nprofile:  ");
		put_safe(&t, meta->profile->title, NULL);
		buf_puts(&t.b, " (");
		put_safe(&t, meta->profile->id, NULL);
		buf_puts(&t.b, ", from ");
		put_safe(&t, meta->profile->tailoring_path, NULL);
		buf_puts(&t.b, ")");
	}
	buf_puts(&t.b, "\nhost:     ");
	put_safe(&t, meta->hostname ? meta->hostname : "unknown", NULL);
	buf_puts(&t.b, "\nengine:   ");
	put_safe(&t, meta->engine_version ? meta->engine_version : "unknown", NULL);
	buf_printf(&t.b, "\nstarted:  %s\nfinished: %s\n", start, end);
	if (meta->facts && docker_installation_absent(meta->facts)) {
		/* Said first: it explains every notapplicable below. */
		buf_puts(&t.b, "\n");
		color_on(&t, ANSI_BOLD);
		buf_puts(&t.b, INSTALLATION_ABSENT_NOTICE);
		color_off(&t);
		buf_puts(&t.b, "\nThe daemon's checks do not apply.\n");
	}

	const struct check_section *current = NULL;
	bool any = false;
	for (size_t i = 0; i < rs->count; i++) {
		const struct result *r = &rs->results[i];
		/* What the user left out (--check, --skip, --level) is only
		 * counted in the summary: the report shows what was audited. */
		if (!r->check || r->status == STATUS_NOTSELECTED)
			continue;
		const struct check_section *sec = check_section_of(r->check);
		if (!any || sec != current) {
			buf_puts(&t.b, "\n");
			color_on(&t, ANSI_BOLD);
			if (sec) {
				put_safe(&t, sec->number, NULL);
				buf_puts(&t.b, " ");
				put_safe(&t, sec->title, NULL);
			} else
				buf_puts(&t.b, "Other checks");
			color_off(&t);
			buf_puts(&t.b, "\n");
			current = sec;
			any = true;
		}
		put_result(&t, meta, r);
		text_flush(&t, false);
	}
	if (meta->waivers)
		put_waivers(&t, meta->waivers);
	if (meta->comparison)
		put_comparison(&t, meta->comparison);
	put_summary(&t, rs);

	text_flush(&t, true);
	buf_free(&t.b);
	return t.err ? t.err : report_write_all(out, "", 0);
}

const struct report_format report_text = {
	.name = "text",
	.render = text_render,
};
