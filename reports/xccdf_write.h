/* xccdf_write.h - the XCCDF writer in parts, for the renderers that embed
 * XCCDF in something larger (ARF).  Not a public interface.
 *
 * One writer, several callers: reports/xccdf.c writes the Benchmark with its
 * TestResult inside; reports/arf.c writes the same Benchmark without it into
 * an ARF report request and the TestResult alone into an ARF report. */
#ifndef DOCKAUDIT_XCCDF_WRITE_H
#define DOCKAUDIT_XCCDF_WRITE_H

#include <stdbool.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "report.h"
#include "report_util.h"

#define XCCDF_NS "http://checklists.nist.gov/xccdf/1.2"
#define AI_NS "http://scap.nist.gov/schema/asset-identification/1.1"

struct xsink;

/* A writer whose first failure, its own or its sink's, sticks; later calls
 * do nothing.  Every text and attribute is cleaned (valid UTF-8, no
 * character XML 1.0 forbids) before libxml2 sees it. */
struct xw {
	xmlTextWriterPtr w;
	int err;
	const struct xsink *sink;
};

void xw_start(struct xw *x, const char *name);
void xw_end(struct xw *x);
void xw_attr(struct xw *x, const char *name, const char *value);
void xw_text(struct xw *x, const char *text);
void xw_element(struct xw *x, const char *name, const char *text);     /* <name>text</name> */
void xw_empty(struct xw *x, const char *name, const char *attr, const char *value);

/* Streams one XML document to out: writes the XML declaration, calls
 * body(x, ctx) to write the root element, and checks every byte for
 * well-formedness on the way (a SAX push parser that keeps no tree).
 * Returns 0, -errno from the file, -EINVAL when the bytes were not
 * well-formed, or -ENOMEM. */
int xw_stream(FILE *out, void (*body)(struct xw *x, void *ctx), void *ctx);

/* The laid-out Benchmark of one run: rules, groups, ids.  Borrows meta and
 * rs, which must outlive it. */
struct xccdf_doc;

struct xccdf_doc *xccdf_doc_new(const struct report_meta *meta, const struct result_set *rs);
void xccdf_doc_free(struct xccdf_doc *d);

/* The target's addresses, as the TestResult writes them (borrowed). */
const struct report_net *xccdf_doc_net(const struct xccdf_doc *d);

/* The Benchmark element, declaring its namespaces; with_test_result puts the
 * TestResult in as its last child (the plain XCCDF layout). */
void xccdf_write_benchmark(struct xw *x, const struct xccdf_doc *d, bool with_test_result);

/* The TestResult element alone.  standalone: it declares the XCCDF
 * namespace itself (it is not inside a Benchmark).  asset_ref: when not
 * NULL, a target-id-ref to the ARF asset of that id. */
void xccdf_write_test_result(struct xw *x, const struct xccdf_doc *d, bool standalone,
			     const char *asset_ref);

#endif
