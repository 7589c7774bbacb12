/* waiver.c - accepted exceptions: the set, and what each waiver did. */
#include "waiver.h"

#include <stdlib.h>

static const char *const state_names[WAIVER__STATE_MAX] = {
	[WAIVER_APPLIED] = "applied",
	[WAIVER_UNUSED] = "unused",
	[WAIVER_EXPIRED] = "expired",
};
_Static_assert(ARRAY_SIZE(state_names) == WAIVER__STATE_MAX, "a waiver state without a name");

const char *waiver_state_name(enum waiver_state s)
{
	return (unsigned)s < WAIVER__STATE_MAX ? state_names[s] : "unknown";
}

void waiver_set_free(struct waiver_set *ws)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->count; i++) {
		struct waiver *w = &ws->waivers[i];
		free(w->check_ref);
		free(w->object);
		free(w->reason);
		free(w->owner);
		free(w->expires);
	}
	free(ws->waivers);
	free(ws->path);
	free(ws);
}
