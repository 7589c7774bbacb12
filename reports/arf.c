/* arf.c - ARF 1.1 (Asset Reporting Format): the XCCDF Benchmark as the
 * report request, the audited host as an asset, the TestResult as the report
 * about that asset, in the layout OpenSCAP 1.3.7 validates, lists and renders
 * (shared/xccdf/sample-arf.xml and NOTES.md, P6-P12).
 *
 * The Benchmark sits bare in the request's content (not wrapped in a source
 * data stream): split out again with `oscap ds rds-split`, it is a valid
 * XCCDF document (P9).  Both XCCDF parts come from the XCCDF writer
 * (xccdf_write.h), which streams and checks well-formedness as it goes. */
#include "report.h"
#include "report_util.h"
#include "xccdf_write.h"

#include <string.h>

#define NS_ARF "http://scap.nist.gov/schema/asset-reporting-format/1.1"
#define NS_CORE "http://scap.nist.gov/schema/reporting-core/1.1"
#define NS_ARFVOCAB "http://scap.nist.gov/specifications/arf/vocabulary/relationships/1.0#"
#define REQUEST_ID "collection1"
#define ASSET_ID "asset0"
#define REPORT_ID "xccdf1"

struct arf_ctx {
	const struct report_meta *meta;
	struct xccdf_doc *doc;
};

static void write_relationship(struct xw *x, const char *type, const char *ref)
{
	xw_start(x, "core:relationship");
	xw_attr(x, "type", type);
	xw_attr(x, "subject", REPORT_ID);
	xw_element(x, "core:ref", ref);
	xw_end(x);
}

/* oscap info lists the report only with both relationships (P11). */
static void write_relationships(struct xw *x)
{
	xw_start(x, "core:relationships");
	xw_attr(x, "xmlns:arfvocab", NS_ARFVOCAB);
	write_relationship(x, "arfvocab:createdFor", REQUEST_ID);
	write_relationship(x, "arfvocab:isAbout", ASSET_ID);
	xw_end(x);
}

static void write_connection(struct xw *x, const char *family, const char *ip, const char *mac)
{
	xw_start(x, "ai:connection");
	if (ip) {
		xw_start(x, "ai:ip-address");
		xw_element(x, family, ip);
		xw_end(x);
	}
	if (mac)
		xw_element(x, "ai:mac-address", mac);
	xw_end(x);
}

/* One connection per address, carrying its interface's MAC; an interface
 * with a MAC and no address is a connection with the MAC alone. */
static void write_connections(struct xw *x, const struct report_net *net)
{
	if (!net->n)
		return;
	xw_start(x, "ai:connections");
	for (size_t i = 0; i < net->n; i++) {
		const struct report_iface *it = &net->ifaces[i];
		for (size_t k = 0; k < it->n_ipv4; k++)
			write_connection(x, "ai:ip-v4", it->ipv4[k], it->mac);
		for (size_t k = 0; k < it->n_ipv6; k++)
			write_connection(x, "ai:ip-v6", it->ipv6[k], it->mac);
		if (!it->n_ipv4 && !it->n_ipv6)
			write_connection(x, NULL, NULL, it->mac);
	}
	xw_end(x);
}

/* The schema's order: connections, fqdn, hostname.  The host name goes in
 * only when it has the schema's shape; a dotted one is taken for the FQDN,
 * its first label for the host name.  (The TestResult's target keeps the
 * name whatever it is.) */
static void write_asset(struct xw *x, const struct arf_ctx *c)
{
	const char *hostname = c->meta->hostname;

	xw_start(x, "arf:assets");
	xw_start(x, "arf:asset");
	xw_attr(x, "id", ASSET_ID);
	xw_start(x, "ai:computing-device");
	write_connections(x, xccdf_doc_net(c->doc));
	if (report_hostname_valid(hostname)) {
		size_t label = strcspn(hostname, ".");
		if (hostname[label])
			xw_element(x, "ai:fqdn", hostname);
		char *short_name = xstrndup(hostname, label);
		xw_element(x, "ai:hostname", short_name);
		free(short_name);
	}
	xw_end(x);
	xw_end(x);
	xw_end(x);
}

static void arf_body(struct xw *x, void *ctx)
{
	const struct arf_ctx *c = ctx;

	xw_start(x, "arf:asset-report-collection");
	xw_attr(x, "xmlns:arf", NS_ARF);
	xw_attr(x, "xmlns:core", NS_CORE);
	xw_attr(x, "xmlns:ai", AI_NS);

	write_relationships(x);

	xw_start(x, "arf:report-requests");
	xw_start(x, "arf:report-request");
	xw_attr(x, "id", REQUEST_ID);
	xw_start(x, "arf:content");
	xccdf_write_benchmark(x, c->doc, false);
	xw_end(x);
	xw_end(x);
	xw_end(x);

	write_asset(x, c);

	xw_start(x, "arf:reports");
	xw_start(x, "arf:report");
	xw_attr(x, "id", REPORT_ID);
	xw_start(x, "arf:content");
	xccdf_write_test_result(x, c->doc, true, ASSET_ID);
	xw_end(x);
	xw_end(x);
	xw_end(x);

	xw_end(x);
}

static int arf_render(FILE *out, const struct report_meta *meta, const struct result_set *rs)
{
	struct arf_ctx c = { .meta = meta, .doc = xccdf_doc_new(meta, rs) };
	int ret = xw_stream(out, arf_body, &c);
	xccdf_doc_free(c.doc);
	return ret;
}

const struct report_format report_arf = {
	.name = "arf",
	.render = arf_render,
};
