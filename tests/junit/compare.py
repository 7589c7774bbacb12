#!/usr/bin/env python3
"""compare.py JUNIT.xml REPORT.json: the JUnit report says what the JSON
report of the same audit says.

Every result of the JSON report is one testcase, in the testsuite of its
section, with the outcome its status maps to (fail: <failure>, error:
<error>, notapplicable/notchecked/notselected: <skipped>, pass and
informational: none); a failure or error carries the evidence, the fix and
every failing object; every count attribute equals what it counts.  Prints
each problem and exits 1 when there is one."""
import json
import sys
import xml.etree.ElementTree as ET

OUTCOME = {
    "pass": None, "informational": None, "fail": "failure", "error": "error",
    "notapplicable": "skipped", "notchecked": "skipped", "notselected": "skipped",
}
problems = []


def problem(msg):
    problems.append(msg)


def counts_of(cases):
    c = {"tests": len(cases), "failures": 0, "errors": 0, "skipped": 0}
    for tc in cases:
        for tag, key in (("failure", "failures"), ("error", "errors"), ("skipped", "skipped")):
            c[key] += len(tc.findall(tag))
    return c


def check_counts(elem, cases, what):
    for key, value in counts_of(cases).items():
        if elem.get(key) != str(value):
            problem(f"{what}: {key}={elem.get(key)!r}, but it holds {value}")


def main():
    root = ET.parse(sys.argv[1]).getroot()
    report = json.load(open(sys.argv[2], encoding="utf-8"))
    if root.tag != "testsuites":
        problem(f"root element is {root.tag}")
    suites = root.findall("testsuite")
    all_cases = [tc for s in suites for tc in s.findall("testcase")]
    check_counts(root, all_cases, "testsuites")
    for s in suites:
        check_counts(s, s.findall("testcase"), f"testsuite {s.get('name')!r}")

    # Expected totals from the JSON report's own counts.
    jc = report["counts"]
    want = {"tests": sum(jc.values()), "failures": jc["fail"], "errors": jc["error"],
            "skipped": jc["notapplicable"] + jc["notchecked"] + jc["notselected"]}
    for key, value in want.items():
        if root.get(key) != str(value):
            problem(f"testsuites {key}={root.get(key)!r}, the JSON report counts {value}")

    by_id = {}
    for s in suites:
        for tc in s.findall("testcase"):
            cid = tc.get("name", "").split(" ", 1)[0]
            if cid in by_id:
                problem(f"two testcases for {cid}")
            by_id[cid] = (s, tc)

    for r in report["results"]:
        cid, status = r["id"], r["status"]
        if cid not in by_id:
            problem(f"{cid}: no testcase")
            continue
        suite, tc = by_id.pop(cid)
        if not suite.get("name", "").startswith(r["section"] + " "):
            problem(f"{cid}: in suite {suite.get('name')!r}, section is {r['section']}")
        if not tc.get("name").endswith(" " + r["title"]):
            problem(f"{cid}: testcase name {tc.get('name')!r} lacks the title")
        outcomes = [e.tag for e in tc if e.tag in ("failure", "error", "skipped")]
        want_tag = OUTCOME[status]
        if outcomes != ([want_tag] if want_tag else []):
            problem(f"{cid}: status {status}, testcase has {outcomes}")
            continue
        ev = r.get("evidence") or {}
        if want_tag in ("failure", "error"):
            e = tc.find(want_tag)
            body = e.text or ""
            if e.get("type") != status:
                problem(f"{cid}: {want_tag} type {e.get('type')!r}")
            if not e.get("message"):
                problem(f"{cid}: {want_tag} without a message")
            for key in ("found", "expected", "source"):
                if ev.get(key) and ev[key] not in body:
                    problem(f"{cid}: {want_tag} body lacks the {key} evidence")
            if r.get("remediation") and r["remediation"] not in body:
                problem(f"{cid}: {want_tag} body lacks the remediation")
            for it in r.get("items") or []:
                if it["status"] in ("fail", "error") and (it.get("object") or "") not in body:
                    problem(f"{cid}: {want_tag} body lacks object {it.get('object')!r}")
        elif want_tag == "skipped":
            msg = tc.find("skipped").get("message") or ""
            if not msg:
                problem(f"{cid}: skipped without a reason")
            first = (ev.get("found") or "").split("\n")[0]
            if first and first not in msg:
                problem(f"{cid}: skipped message {msg!r} lacks the reason {first!r}")
        if status == "informational" and ev.get("found"):
            out = "".join(e.text or "" for e in tc.findall("system-out"))
            if ev["found"] not in out:
                problem(f"{cid}: informational evidence not in system-out")
    for cid in by_id:
        problem(f"{cid}: testcase with no result in the JSON report")

    for p in problems:
        print("     " + p)
    return 1 if problems else 0


sys.exit(main())
