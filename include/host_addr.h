/* host_addr.h - dockerd listen addresses ("unix:///run/docker.sock",
 * "tcp://0.0.0.0:2376") (src/parse/host_addr.c).  Pure.
 *
 * Ownership: strings and json_t references written to ret_* parameters or
 * into the structs below belong to the caller (free them with the matching
 * clear or free function, or json_decref()). */
#ifndef DOCKAUDIT_HOST_ADDR_H
#define DOCKAUDIT_HOST_ADDR_H

/* The path of a "unix://PATH" host address, or NULL (borrowed into addr). */
const char *host_addr_unix_path(const char *addr);

#endif
