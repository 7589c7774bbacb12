/* proc_net.h - lines of /proc/net/tcp and /proc/net/tcp6
 * (src/parse/proc_net.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_PROC_NET_H
#define DOCKAUDIT_PROC_NET_H

#include <stdbool.h>

struct tcp_listener {
	char address[48];          /* as inet_ntop writes it: "0.0.0.0", "::", "::ffff:10.0.0.1" */
	unsigned port;
	bool any;                  /* bound to every address: 0.0.0.0, :: or ::ffff:0.0.0.0 */
	bool v4_mapped;            /* an IPv6 socket on an IPv4-mapped address */
};

/* Parses one line of /proc/net/tcp (v6 false) or /proc/net/tcp6 (v6 true).
 * Returns 0 and fills *ret for a socket in LISTEN state (0A), -ENOENT for
 * the header line or another state, -EINVAL for a malformed line.  The
 * kernel prints each 32-bit word of the address as a native-endian number,
 * which is what is undone here. */
int proc_net_tcp_parse_line(const char *line, bool v6, struct tcp_listener *ret);

#endif
