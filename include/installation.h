/* installation.h - whether the audited host has a Docker installation at
 * all, decided from the facts alone (src/facts/installation.c).  Pure.
 *
 * A host has none when every trace the collector looks for is positively
 * absent: no dockerd binary in /usr/bin, /usr/sbin, /usr/local/bin or
 * /usr/local/sbin, no daemon.json, no engine socket (/var/run/docker.sock,
 * /run/docker.sock, and no engine answering), no docker.service or
 * docker.socket unit, no dockerd process (rootless ones included).  Any of
 * them present, in error or not collected (an older bundle) counts as an
 * installation: absence is only claimed on evidence.  A dockerd that is
 * installed but stopped is an installation, and its configuration on disk
 * is audited as usual.
 *
 * On a host without one, the reports say so at the top, and the daemon's
 * checks (sections 2 and 3) and the data root's (1.1.1) are notapplicable
 * with INSTALLATION_ABSENT_REASON (src/core/audit.c). */
#ifndef DOCKAUDIT_INSTALLATION_H
#define DOCKAUDIT_INSTALLATION_H

#include <stdbool.h>

#include "facts.h"

#define INSTALLATION_ABSENT_REASON                                                            \
	"no Docker installation was found on this host (no dockerd binary, daemon.json, engine " \
	"socket, docker.service or docker.socket unit, or running dockerd)"

/* The same for the top of a report. */
#define INSTALLATION_ABSENT_NOTICE                                                          \
	"No Docker installation was found on this host: no dockerd binary, daemon.json, engine " \
	"socket, docker.service or docker.socket unit, or running dockerd."

/* true when the facts show no Docker installation (see above). */
bool docker_installation_absent(const struct facts *f);

#endif
