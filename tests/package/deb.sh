#!/usr/bin/env bash
# deb.sh — the Debian package: `dpkg-buildpackage -us -uc -b` on a copy of this checkout's
# tracked files (DEB_BUILD_OPTIONS=nocheck: make check runs elsewhere in the suite); lintian
# reports no error and no warning; the .deb holds exactly tests/package/leakwatch.files plus
# every file of signatures/ but its README (the packs, the message model); the configuration and the logrotate file are conffiles;
# the packaged unit is systemd/leakwatch.service and rates <= 2.0; and the package installs into
# an empty root (dpkg --root, maintainer scripts run with DPKG_ROOT): files in place, the
# leakwatch user created by systemd-sysusers, the binaries run, the pages render; then purges
# cleanly. Needs root, a git checkout, dpkg-dev, debhelper and lintian.
# Prints "N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/lw-deb-XXXXXX)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
trap 'rm -rf "$work"' EXIT
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit; }

for tool in dpkg-buildpackage dh lintian git systemd-sysusers systemd-analyze man; do
    command -v $tool >/dev/null || { echo "FAIL: $tool not installed"; fail=$((fail+1)); finish; }
done
[ "$(id -u)" -eq 0 ] || { echo "FAIL: deb.sh needs root (dpkg --root)"; fail=$((fail+1)); finish; }
git -C "$top" rev-parse --git-dir >/dev/null 2>&1 || { echo "FAIL: deb.sh needs a git checkout"; fail=$((fail+1)); finish; }

mkdir "$work/src"
(cd "$top" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - 2>/dev/null) | tar -C "$work/src" -xf -
(cd "$work/src" && DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1)
check "dpkg-buildpackage -us -uc -b builds the package" '[ $? -eq 0 ] || { tail -20 "$work/build.log"; false; }'
deb=$(ls "$work"/leakwatch_*_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || finish

lintian --pedantic "$work"/leakwatch_*.changes > "$work/lintian.txt" 2>&1
grep -v 'running with root privileges' "$work/lintian.txt" | sed 's/^/  lintian: /'
check "lintian: no error and no warning" '! grep -q "^[EW]: " "$work/lintian.txt"'

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort > "$work/got.files"
{ cat "$top/tests/package/leakwatch.files"
  for data in "$top"/signatures/*; do
      [ "$(basename "$data")" = README.md ] || echo "/usr/share/leakwatch/signatures/$(basename "$data")"
  done
} | sort -u > "$work/want.files"
check "the package holds exactly the expected files" \
    'diff "$work/want.files" "$work/got.files" >"$work/files.diff" || { cat "$work/files.diff"; false; }'
dpkg-deb -e "$deb" "$work/control"
check "the configuration and the logrotate file are conffiles" \
    '[ "$(sort "$work/control/conffiles" | tr "\n" " ")" = "/etc/leakwatch/leakwatch.yaml /etc/logrotate.d/leakwatch " ]'
dpkg-deb -x "$deb" "$work/content"
check "the packaged unit is systemd/leakwatch.service" 'cmp -s "$work/content/lib/systemd/system/leakwatch.service" "$top/systemd/leakwatch.service"'
score=$(systemd-analyze security --offline=true "$work/content/lib/systemd/system/leakwatch.service" 2>/dev/null |
        sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
check "the packaged unit rates $score <= 2.0" '[ -n "$score" ] && awk "BEGIN{exit !($score <= 2.0)}"'
check "the example configuration is conf/leakwatch.yaml" 'cmp -s "$work/content/etc/leakwatch/leakwatch.yaml" "$top/conf/leakwatch.yaml"'

# An empty root: dpkg's database and /etc only. Dependencies are the host's libraries.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
touch "$root/var/lib/dpkg/status"
: > "$root/etc/passwd"; : > "$root/etc/group"
dpkg --root="$root" --force-script-chrootless --force-depends -i "$deb" >"$work/install.log" 2>&1
check "dpkg --root installs it into an empty root" '[ $? -eq 0 ] || { cat "$work/install.log"; false; }'
check "the package is installed and its files are in place" \
    '[ "$(dpkg --root="$root" -s leakwatch 2>/dev/null | sed -n "s/^Status: //p")" = "install ok installed" ] &&
     [ -x "$root/usr/bin/leakwatch" ] && [ -f "$root/usr/lib/sysusers.d/leakwatch.conf" ]'
check "postinst created the leakwatch user (systemd-sysusers)" 'grep -q "^leakwatch:x:[0-9]*:[0-9]*:.*:/var/lib/leakwatch:" "$root/etc/passwd"'
check "the installed binaries run" \
    '"$root/usr/bin/leakwatch" -V | grep -q "^leakwatch " && "$root/usr/bin/leakwatch-tail" --help >/dev/null &&
     "$root/usr/bin/leakwatch-report" --help >/dev/null'
printf 'signatures:\n  paths: [%s/usr/share/leakwatch/signatures]\n' "$root" > "$work/t.yaml"
check "the installed signature packs load (leakwatch -T)" '"$root/usr/bin/leakwatch" -T -c "$work/t.yaml" | grep -q "^# loaded"'
bad=
for page in "$root"/usr/share/man/man*/*.gz; do
    warn=$(LC_ALL=C.UTF-8 MANROFFSEQ= MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null |
           grep -v "cannot adjust line\|can't break line")
    [ -z "$warn" ] || bad="$bad $(basename "$page"): $warn"
done
check "the five installed man pages render without warnings" '[ -z "$bad" ] && [ $(ls "$root"/usr/share/man/man*/*.gz | wc -l) -eq 5 ] || { echo "$bad"; false; }'
dpkg --root="$root" --force-script-chrootless --force-depends -P leakwatch >"$work/purge.log" 2>&1
check "dpkg -P purges it: no file left but the user" \
    '[ $? -eq 0 ] && [ -z "$(find "$root" -path "$root/var/lib/dpkg" -prune -o -path "$root/etc/passwd*" -prune \
       -o -path "$root/etc/group*" -prune -o -path "$root/etc/*shadow*" -prune -o -path "$root/etc/.pwd.lock" -prune \
       -o -type f -print)" ] || { cat "$work/purge.log"; find "$root" -type f | grep -v /var/lib/dpkg; false; }'
finish
