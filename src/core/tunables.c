/* tunables.c - the table of values the checks take (include/tunables.h). */
#include "tunables.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define VALUE_ID(name) "xccdf_org.dockaudit_value_" name

const struct tunable tunables[] = {
	{
		.name = "trusted_users",
		.id = VALUE_ID("trusted_users"),
		.option = "--trusted-users",
		.type = TUNABLE_LIST,
		.title = "Users trusted to control Docker",
		.description = "Comma-separated user names allowed in the docker group (1.1.2): any "
			       "other member fails. Empty: the members are listed for a person to judge.",
		.default_value = "",
		.check_slug = "docker_group_trusted_users",
	},
	{
		.name = "trusted_registries",
		.id = VALUE_ID("trusted_registries"),
		.option = "--trusted-registries",
		.type = TUNABLE_LIST,
		.title = "Trusted registries",
		.description = "Comma-separated registries, or registry/namespace prefixes such as "
			       "docker.io/library, that images may come from (4.2). Empty: the images "
			       "and their registries are listed for a person to judge.",
		.default_value = "",
		.check_slug = "image_trusted_base",
	},
	{
		.name = "max_unused_images",
		.id = VALUE_ID("max_unused_images"),
		.option = "--max-unused-images",
		.type = TUNABLE_COUNT,
		.title = "Unused images tolerated",
		.description = "How many images no container uses may stay on the host before 6.1 fails.",
		.default_value = "100",
		.choices = { { "strict", "10" }, { "lenient", "500" } },
		.check_slug = "image_sprawl_avoided",
	},
	{
		.name = "max_stopped_containers",
		.id = VALUE_ID("max_stopped_containers"),
		.option = "--max-stopped-containers",
		.type = TUNABLE_COUNT,
		.title = "Stopped containers tolerated",
		.description = "How many stopped containers may stay on the host before 6.2 fails.",
		.default_value = "25",
		.choices = { { "strict", "5" }, { "lenient", "100" } },
		.check_slug = "container_sprawl_avoided",
	},
};
const size_t tunable_count = ARRAY_SIZE(tunables);

const struct tunable *tunable_by_id(const char *id)
{
	for (size_t i = 0; id && i < tunable_count; i++)
		if (strcmp(tunables[i].id, id) == 0)
			return &tunables[i];
	return NULL;
}

size_t tunables_of_check(const struct check *c, const struct tunable **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < tunable_count; i++)
		if (c->slug && strcmp(tunables[i].check_slug, c->slug) == 0) {
			if (n < max)
				out[n] = &tunables[i];
			n++;
		}
	return n;
}

const char *tunable_selector_value(const struct tunable *t, const char *selector)
{
	if (!selector || !*selector)
		return t->default_value;
	for (size_t i = 0; i < ARRAY_SIZE(t->choices) && t->choices[i].selector; i++)
		if (strcmp(t->choices[i].selector, selector) == 0)
			return t->choices[i].value;
	return NULL;
}

static int parse_count(const char *s, long *ret)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < 0 || *s == '+' || *s == ' ')
		return -EINVAL;
	*ret = n;
	return 0;
}

int tunable_check_text(const struct tunable *t, const char *text, const char **why)
{
	long n;
	switch (t->type) {
	case TUNABLE_COUNT:
		if (parse_count(text, &n) < 0) {
			*why = "not a whole number >= 0";
			return -EINVAL;
		}
		return 0;
	case TUNABLE_LIST:
		for (const char *p = text; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == ' ') {
				*why = "names are separated by commas, without spaces or control characters";
				return -EINVAL;
			}
		return 0;
	}
	*why = "unknown type";
	return -EINVAL;
}

static char ***list_field(const struct tunable *t, struct audit_options *o)
{
	if (strcmp(t->name, "trusted_users") == 0)
		return &o->trusted_users;
	if (strcmp(t->name, "trusted_registries") == 0)
		return &o->trusted_registries;
	return NULL;
}

static long *count_field(const struct tunable *t, struct audit_options *o)
{
	if (strcmp(t->name, "max_unused_images") == 0)
		return &o->image_sprawl_threshold;
	if (strcmp(t->name, "max_stopped_containers") == 0)
		return &o->container_sprawl_threshold;
	return NULL;
}

int tunable_store(const struct tunable *t, const char *text, struct audit_options *o)
{
	const char *why;
	if (tunable_check_text(t, text, &why) < 0)
		return -EINVAL;
	if (t->type == TUNABLE_COUNT) {
		long *field = count_field(t, o);
		return field ? parse_count(text, field) : -EINVAL;
	}
	char ***field = list_field(t, o);
	if (!field)
		return -EINVAL;
	strv_free(*field);
	*field = NULL;
	/* An empty list is "none given": the check then asks a person. */
	char **v;
	if (strv_split(text, ',', &v) == 0)
		strv_free(v);
	else
		*field = v;
	return 0;
}

char *tunable_format(const struct tunable *t, const struct audit_options *o)
{
	if (strcmp(t->name, "max_unused_images") == 0)
		return xasprintf("%ld", o->image_sprawl_threshold);
	if (strcmp(t->name, "max_stopped_containers") == 0)
		return xasprintf("%ld", o->container_sprawl_threshold);
	char *const *list = strcmp(t->name, "trusted_users") == 0 ? o->trusted_users
			    : strcmp(t->name, "trusted_registries") == 0 ? o->trusted_registries : NULL;
	struct buf b = BUF_INIT;
	buf_puts(&b, "");
	for (char *const *p = list; p && *p; p++)
		buf_printf(&b, "%s%s", p == list ? "" : ",", *p);
	return buf_steal(&b);
}

void audit_options_init(struct audit_options *o)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < tunable_count; i++)
		tunable_store(&tunables[i], tunables[i].default_value, o);
}

void audit_options_clear(struct audit_options *o)
{
	strv_free(o->trusted_users);
	strv_free(o->trusted_registries);
	o->trusted_users = o->trusted_registries = NULL;
}
