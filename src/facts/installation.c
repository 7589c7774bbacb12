/* installation.c - no Docker installation on the audited host, from the
 * facts (include/installation.h). */
#include "installation.h"

#include <stddef.h>

static bool absent(const json_t *source)
{
	return source_status(source, NULL) == SOURCE_ABSENT;
}

bool docker_installation_absent(const struct facts *f)
{
	static const char *const binaries[] = {
		"/usr/bin/dockerd", "/usr/sbin/dockerd", "/usr/local/bin/dockerd", "/usr/local/sbin/dockerd",
	};
	static const char *const sockets[] = { "/var/run/docker.sock", "/run/docker.sock" };
	for (size_t i = 0; i < sizeof(binaries) / sizeof(binaries[0]); i++)
		if (!absent(facts_file(f, binaries[i])))
			return false;
	for (size_t i = 0; i < sizeof(sockets) / sizeof(sockets[0]); i++)
		if (!absent(facts_file(f, sockets[i])))
			return false;
	const json_t *units = facts_get(f, "host.systemd");
	return absent(facts_get(f, "host.daemon_json")) &&
	       absent(json_object_get(units, "docker.service")) &&
	       absent(json_object_get(units, "docker.socket")) &&
	       absent(facts_get(f, "host.dockerd")) &&
	       absent(facts_get(f, "host.rootless")) &&
	       absent(facts_get(f, "engine"));
}
