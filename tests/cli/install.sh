# make install into a DESTDIR, file by file; systemd-analyze verify on the
# installed units; the service's ExecStart, as installed, run once (on a
# facts fixture, with the state directory moved under the test's scratch
# directory) must leave a whole run set.  The same command line against a
# real dockerd, in the unit's sandbox, is tests/deploy/systemd.sh.
. tests/cli/lib.sh
BUILD=${BUILD:-build}
command -v make >/dev/null 2>&1 || { echo "make is not installed"; exit 77; }

# install_into DESTDIR PREFIX: the listing of what was installed, "mode path".
install_into() {
	make -s --no-print-directory BUILD="$BUILD" DESTDIR="$1" PREFIX="$2" install >"$T/make.log" 2>&1 ||
		{ cat "$T/make.log"; return 1; }
	(cd "$1" && find . -type f -printf '%m %p\n' | sort)
}

for prefix in /usr/local /usr; do
	D=$T/dest$(echo "$prefix" | tr / _)
	check "make install PREFIX=$prefix DESTDIR=..." install_into "$D" "$prefix" >"$T/listing" || continue
	install_into "$D" "$prefix" >"$T/listing"
	p=.$prefix
	{
		echo "755 $p/bin/dockaudit"
		echo "644 $p/lib/systemd/system/dockaudit.service"
		echo "644 $p/lib/systemd/system/dockaudit.timer"
		echo "644 $p/share/man/man8/dockaudit.8"
		for e in examples/*; do echo "644 $p/share/doc/dockaudit/examples/${e##*/}"; done
	} | sort >"$T/want"
	check "  exactly these files, with these modes" cmp -s "$T/listing" "$T/want" ||
		diff "$T/want" "$T/listing" | sed 's/^/     /'
	check "  the binary is the one built" cmp -s "$BUILD/dockaudit" "$D$prefix/bin/dockaudit"
	check "  the man page" cmp -s man/dockaudit.8 "$D$prefix/share/man/man8/dockaudit.8"
	for f in deploy/systemd/dockaudit.service deploy/systemd/dockaudit.timer examples/*; do
		case $f in deploy/*) d=lib/systemd/system ;; *) d=share/doc/dockaudit/examples ;; esac
		sed "s|/usr/local/bin/dockaudit|$prefix/bin/dockaudit|g" "$f" >"$T/expected"
		check "  $d/${f##*/}: the source with the binary at $prefix/bin" cmp -s "$T/expected" "$D$prefix/$d/${f##*/}"
	done
	check "  ExecStart names the installed binary" \
		grep -q "^ExecStart=$prefix/bin/dockaudit " "$D$prefix/lib/systemd/system/dockaudit.service"
	check "  the cron example too" grep -q "(\\?$prefix/bin/dockaudit --state-dir " "$D$prefix/share/doc/dockaudit/examples/dockaudit.cron"
	check "  no temporary file left" [ -z "$(find "$D" -name '*.tmp')" ]

	# systemd-analyze verify resolves the units' dependencies (timers.target,
	# sysinit.target ...) under --root: the distribution's units are copied
	# beside ours.  It must print nothing: an unknown or misspelt key is only
	# a warning, with exit status 0.
	if command -v systemd-analyze >/dev/null 2>&1; then
		mkdir -p "$D/lib/systemd"
		cp -a /lib/systemd/system "$D/lib/systemd/"
		MANPATH=$D$prefix/share/man systemd-analyze verify --root="$D" dockaudit.service dockaudit.timer \
			>"$T/verify" 2>&1
		rc=$?
		check "  systemd-analyze verify: exit 0 (was $rc)" [ $rc -eq 0 ]
		check "  systemd-analyze verify: no warning" [ ! -s "$T/verify" ]
		sed 's/^/     verify: /' "$T/verify"
		# The exposure score README "Nightly runs" states (2.1): a change
		# that loosens the sandbox raises it and fails here.
		MANPATH=$D$prefix/share/man systemd-analyze security --offline=yes --root="$D" dockaudit.service \
			>"$T/security" 2>&1
		score=$(sed -n 's/.*Overall exposure level for dockaudit.service: \([0-9.]*\).*/\1/p' "$T/security")
		check "  systemd-analyze security: exposure $score, at most 2.1" \
			awk "BEGIN { exit !(\"$score\" != \"\" && $score + 0 <= 2.1) }"
		# The check itself can fail: a misspelt key is reported.
		sed 's/^ProtectSystem=/ProtectSystm=/' "$D$prefix/lib/systemd/system/dockaudit.service" >"$T/bad.service"
		cp "$T/bad.service" "$D$prefix/lib/systemd/system/dockaudit-bad.service"
		MANPATH=$D$prefix/share/man systemd-analyze verify --root="$D" dockaudit-bad.service >"$T/verify" 2>&1
		check "  (a misspelt key would be reported)" grep -q "Unknown key 'ProtectSystm'" "$T/verify"
		rm -f "$D$prefix/lib/systemd/system/dockaudit-bad.service"
		rm -rf "$D/lib/systemd/system"
	else
		echo "skip systemd-analyze verify: systemd-analyze is not installed"
	fi
done

# The service's command line, as installed, run once: the binary from the
# DESTDIR, the state directory under $T, a facts fixture as the host.
D=$T/dest_usr_local
cmd=$(sed -n 's/^ExecStart=//p' "$D/usr/local/lib/systemd/system/dockaudit.service")
check "one ExecStart" [ "$(echo "$cmd" | wc -l)" -eq 1 ]
state=$(sed -n 's/^StateDirectory=//p' "$D/usr/local/lib/systemd/system/dockaudit.service")
check "StateDirectory=dockaudit" [ "$state" = dockaudit ]
check "ExecStart writes to the StateDirectory" sh -c "echo '$cmd' | grep -q -- '--state-dir /var/lib/$state '"
check "ReadWritePaths= is the state directory alone" \
	[ "$(sed -n 's/^ReadWritePaths=//p' "$D/usr/local/lib/systemd/system/dockaudit.service")" = "/var/lib/$state" ]
run_cmd=$(echo "$cmd" | sed "s|^/usr/local/bin/dockaudit|$D/usr/local/bin/dockaudit|; s|/var/lib/$state|$T/var-lib|g")
# shellcheck disable=SC2086 # the unit's words, split as systemd splits these (no quotes in it)
$run_cmd --facts tests/fixtures/facts/risky.json >"$T/out" 2>"$T/err"
rc=$?
check "the service's ExecStart ran (exit $rc: the fixture fails checks)" [ $rc -eq 1 ]
check "  one run set" [ "$(ls "$T/var-lib/runs" | wc -l)" -eq 1 ]
check "  latest names it" [ "$(readlink "$T/var-lib/latest")" = "runs/$(ls "$T/var-lib/runs")" ]
check "  with both reports" sh -c "jq -e '.results | length > 100' '$T/var-lib/latest/report.json' >/dev/null &&
	xmllint --noout '$T/var-lib/latest/report.xccdf.xml'"
check "  the text report for the journal, without colors" sh -c "grep -q Summary '$T/out' && ! grep -q \"$(printf '\033')\" '$T/out'"

# The cron example's command, as cron runs it (its \% are % to the shell):
# quiet when nothing newly fails, the report with its changes when
# something does.
cron=$(sed -n 's/^[0-9]* *[0-9]* *\* *\* *\* *root  //p' "$D/usr/local/share/doc/dockaudit/examples/dockaudit.cron" |
	sed 's/\\%/%/g')
check "one cron line" [ -n "$cron" ]
cron_run() {   # cron_run FACTS: the line with the binary, state dir and facts of the test
	c=$(printf '%s\n' "$cron" | sed "s|/usr/local/bin/dockaudit|$D/usr/local/bin/dockaudit --facts $1|; s|/var/lib/dockaudit|$T/cron-state|g")
	sh -c "$c"
}
cron_run tests/fixtures/facts/compliant.json >"$T/cron1" 2>&1
check "cron line, first run: failures are reported (nothing to compare with)" grep -q '^Changes: no previous report' "$T/cron1"
cron_run tests/fixtures/facts/compliant.json >"$T/cron2" 2>&1
check "  second run, nothing changed: silent" [ ! -s "$T/cron2" ]
cron_run tests/fixtures/facts/risky.json >"$T/cron3" 2>&1
check "  third run, new failures: the report and its changes" sh -c "grep -q '^Changes since ' '$T/cron3' && grep -q 'regressed' '$T/cron3'"
check "  three run sets" [ "$(ls "$T/cron-state/runs" | wc -l)" -eq 3 ]
finish
