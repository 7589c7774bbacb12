/* target.c - the audited host's addresses, as the XML formats write them
 * (XCCDF target-address and target-facts, ARF's computing-device).
 *
 * host.network may come from a saved bundle, so every string is untrusted:
 * an address is kept only when it parses, and is then written from the
 * parsed bytes, never copied.  The asset identification schema accepts IPv6
 * only as eight groups, so that is the one form used everywhere. */
#include "report_util.h"

#include <arpa/inet.h>
#include <string.h>

#include "util.h"

/* Caps on what one bundle can make us write. */
#define NET_IFACES_MAX 256
#define NET_ADDRS_MAX 64

static bool is_hex(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* "aa:bb:cc:dd:ee:ff" in either case -> "AA:BB:CC:DD:EE:FF"; NULL when
 * it is anything else.  An all-zero MAC (tunnels, some virtual devices)
 * identifies nothing and is dropped too. */
static char *mac_canonical(const char *s)
{
	if (!s || strlen(s) != 17)
		return NULL;
	bool zero = true;
	for (size_t i = 0; i < 17; i++) {
		if (i % 3 == 2 ? s[i] != ':' : !is_hex(s[i]))
			return NULL;
		if (i % 3 != 2 && s[i] != '0')
			zero = false;
	}
	if (zero)
		return NULL;
	char *out = xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
	return out;
}

static char *ipv4_canonical(const char *s)
{
	struct in_addr a;
	char out[INET_ADDRSTRLEN];
	if (!s || inet_pton(AF_INET, s, &a) != 1 || !inet_ntop(AF_INET, &a, out, sizeof(out)))
		return NULL;
	return xstrdup(out);
}

/* Eight groups, lower case, no leading zeros: "fe80:0:0:0:fc:ff:fe00:1". */
static char *ipv6_canonical(const char *s)
{
	struct in6_addr a;
	if (!s || inet_pton(AF_INET6, s, &a) != 1)
		return NULL;
	const unsigned char *b = a.s6_addr;
	return xasprintf("%x:%x:%x:%x:%x:%x:%x:%x", b[0] << 8 | b[1], b[2] << 8 | b[3],
			 b[4] << 8 | b[5], b[6] << 8 | b[7], b[8] << 8 | b[9], b[10] << 8 | b[11],
			 b[12] << 8 | b[13], b[14] << 8 | b[15]);
}

static bool in_list(char *const *list, size_t n, const char *a)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], a) == 0)
			return true;
	return false;
}

/* Whether an address (canonical form) is already in the report: the same
 * address on two interfaces (a bridge and its port) is one target address. */
static bool net_has_addr(const struct report_net *net, const char *a)
{
	for (size_t i = 0; i < net->n; i++)
		if (in_list(net->ifaces[i].ipv4, net->ifaces[i].n_ipv4, a) ||
		    in_list(net->ifaces[i].ipv6, net->ifaces[i].n_ipv6, a))
			return true;
	return false;
}

static char **addr_list(const struct report_net *net, const json_t *arr,
			char *(*canonical)(const char *), size_t *ret_n)
{
	char **list = NULL;
	size_t n = 0, i;
	const json_t *v;

	*ret_n = 0;
	if (!json_is_array(arr))
		return NULL;
	json_array_foreach(arr, i, v) {
		if (n >= NET_ADDRS_MAX)
			break;
		char *a = canonical(json_string_value(v));
		if (!a)
			continue;
		if (net_has_addr(net, a) || in_list(list, n, a)) {
			free(a);
			continue;
		}
		list = xrealloc(list, (n + 1) * sizeof(*list));
		list[n++] = a;
	}
	*ret_n = n;
	return list;
}

void report_net_from_facts(const struct facts *f, struct report_net *ret)
{
	memset(ret, 0, sizeof(*ret));
	const json_t *net = f ? facts_get(f, "host.network") : NULL;
	const char *status = json_string_value(json_object_get(net, "status"));
	const json_t *ifaces = json_object_get(net, "interfaces");
	if (!status || strcmp(status, "ok") != 0 || !json_is_array(ifaces))
		return;

	size_t i;
	const json_t *it;
	json_array_foreach(ifaces, i, it) {
		if (ret->n >= NET_IFACES_MAX)
			break;
		if (!json_is_object(it))
			continue;
		struct report_iface iface = { .mac = mac_canonical(json_string_value(json_object_get(it, "mac"))) };
		iface.ipv4 = addr_list(ret, json_object_get(it, "ipv4"), ipv4_canonical, &iface.n_ipv4);
		iface.ipv6 = addr_list(ret, json_object_get(it, "ipv6"), ipv6_canonical, &iface.n_ipv6);
		if (!iface.mac && !iface.n_ipv4 && !iface.n_ipv6)
			continue;
		ret->ifaces = xrealloc(ret->ifaces, (ret->n + 1) * sizeof(*ret->ifaces));
		ret->ifaces[ret->n++] = iface;
	}
}

void report_net_free(struct report_net *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++) {
		struct report_iface *it = &n->ifaces[i];
		free(it->mac);
		for (size_t k = 0; k < it->n_ipv4; k++)
			free(it->ipv4[k]);
		for (size_t k = 0; k < it->n_ipv6; k++)
			free(it->ipv6[k]);
		free(it->ipv4);
		free(it->ipv6);
	}
	free(n->ifaces);
	memset(n, 0, sizeof(*n));
}

bool report_hostname_valid(const char *s)
{
	if (!s || !*s || strlen(s) > 253)
		return false;
	bool label_empty = true;
	for (const char *p = s; *p; p++) {
		char ch = *p;
		if (ch == '.') {
			if (label_empty)
				return false;
			label_empty = true;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '_' || ch == '-'))
			return false;
		label_empty = false;
	}
	return !label_empty;
}
