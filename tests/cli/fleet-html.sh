# dockaudit fleet --format html in a real browser (Debian's chromium,
# headless): the page loads with no console message (a page with an injected
# script and an outside image shows that such messages are caught), the
# DOM has one matrix row per host and every in-page link has its target, no
# element came from a report's strings, and a screenshot shows the matrix
# (its cell colours cover real area).
. tests/cli/lib.sh
command -v jq >/dev/null 2>&1 || { echo "jq is needed"; exit 77; }
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "FAIL no chromium at $CHROMIUM (scripts/install-deps.sh test installs it)"; exit 1; }
F=tests/fixtures/facts

# browser ARGS...: chromium headless, offline, with a profile of its own.
browser() {
	prof=$(mktemp -d "$T/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --enable-logging=stderr --v=0 "$@"
}

"$DOCKAUDIT" --facts $F/compliant.json --format json -o "$T/compliant.json"
"$DOCKAUDIT" --facts $F/risky.json --format json -o "$T/risky.json"
"$DOCKAUDIT" --facts $F/hostile.json --format json -o "$T/hostile.json"
"$DOCKAUDIT" --facts $F/risky.json --format json --benchmark 1.6.0 -o "$T/v160.json"
expect_exit 1 "fleet html of five hosts" fleet --format html -o "$T/fleet.html" \
	"$T/compliant.json" "$T/risky.json" "$T/hostile.json" "$T/v160.json" "$T/missing.json"

# --- loads with no console message -------------------------------------------------
browser --dump-dom "file://$T/fleet.html" >"$T/dom.html" 2>"$T/console.log"
rc=$?
check "chromium loaded the page (exit $rc)" test $rc -eq 0 -a -s "$T/dom.html"
check "no console message" sh -c "! grep ':CONSOLE' '$T/console.log'"
# The control: the same page with an outside image and a script in it.
sed 's|<body>|<body><img src="http://192.0.2.1/x.png"><script>console.error("injected")</script>|' \
	"$T/fleet.html" >"$T/bad.html"
browser --dump-dom "file://$T/bad.html" >/dev/null 2>"$T/bad-console.log"
check "control: an injected script and image are blocked, and reported on the console" \
	grep -q ':CONSOLE.*Content Security Policy' "$T/bad-console.log"

# --- the DOM -------------------------------------------------------------------------
cat >"$T/dom.py" <<'EOF'
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.rows, self.tags, self.text = set(), [], 0, set(), []
        self.in_matrix = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "table" and "matrix" in a.get("class", ""):
            self.in_matrix = True
        if tag == "tr" and self.in_matrix and a.get("id", "").startswith("row"):
            self.rows += 1
    def handle_endtag(self, tag):
        if tag == "table":
            self.in_matrix = False
    def handle_data(self, data):
        self.text.append(data)

p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
missing = [l for l in p.links if l not in p.ids]
bad = sorted(p.tags & {"script", "img", "iframe", "object", "embed", "tag", "link"})
print("rows", p.rows)
print("links", len(p.links))
print("broken", len(missing), " ".join(missing[:5]))
print("foreign", " ".join(bad) or "none")
print("hostile_text", int(any('<tag a="x">&amp; & ]]>' in t for t in p.text)))
EOF
python3 "$T/dom.py" "$T/dom.html" >"$T/dom.txt" || echo "FAIL the DOM could not be parsed"
sed 's/^/     dom: /' "$T/dom.txt"
check "one matrix row per host (5)" grep -qx 'rows 5' "$T/dom.txt"
check "links to the hosts' failing checks" sh -c "[ \$(sed -n 's/^links //p' '$T/dom.txt') -gt 20 ]"
check "every in-page link has its target" grep -q '^broken 0' "$T/dom.txt"
check "no element from the reports' strings" grep -qx 'foreign none' "$T/dom.txt"
check "the hostile name is shown as text" grep -qx 'hostile_text 1' "$T/dom.txt"

# --- the screenshot shows the matrix ---------------------------------------------------
browser --window-size=1280,900 --screenshot="$T/shot.png" "file://$T/fleet.html" >/dev/null 2>"$T/shot.log"
check "screenshot written" [ -s "$T/shot.png" ]
# fail, error and attention (missing / other version) cell colours, then white
python3 tests/cli/pngstat.py "$T/shot.png" f8d0d0 fbe6b8 e0c8f0 ffffff >"$T/png.txt" 2>&1
set -- $(cat "$T/png.txt")
echo "     png: ${1:-?}x${2:-?}, ${3:-?} colours; fail $4, error $5, attention $6, white $7 pixels"
check "the screenshot is 1280x900" test "${1:-0}" = 1280 -a "${2:-0}" = 900
check "it is not blank (many colours)" [ "${3:-0}" -gt 100 ]
check "failing cells cover real area" [ "${4:-0}" -gt 5000 ]
check "error cells too" [ "${5:-0}" -gt 5000 ]
check "the missing and other-version rows too" [ "${6:-0}" -gt 5000 ]
check "mostly page, not all cells" [ "${7:-0}" -gt 300000 ]
[ -n "${KEEP_SCREENSHOT:-}" ] && cp "$T/shot.png" "$KEEP_SCREENSHOT"
finish
