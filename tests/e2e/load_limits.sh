#!/bin/sh
# load_limits.sh — the hostile signature packs and configurations of issue 13
# (tests/data/signatures/hostile, made by make.py there) through the real binary (-T): each
# must fail with exit 2 and an error naming the file (and line:column where the YAML has one).
# Files over the size limit, FIFOs and devices are made here. Each run is measured with
# /usr/bin/time -v; the figures are printed (the README quotes them) and issue 13's bound is
# checked: under 2 s of CPU (user + system, the compiler child included) and under 100 MiB of
# peak RSS (1 GiB for an ASan build: shadow memory and quarantine). Wall time is only checked
# against 10 s, as a hang detector: on a shared host it measures the host.
# Writes only into the build tree.
srcdir=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${LW_TOP_BUILDDIR:-$(pwd)}
lw=${LW_BIN:-$builddir/leakwatch}
data=$srcdir/tests/data/signatures/hostile
work=$builddir/tests/e2e/load_limits.d
passed=0 failed=0

check() {  # check DESCRIPTION TEST-ARGS...
    d=$1; shift
    if [ "$@" ] 2>/dev/null; then echo "PASS: $d"; passed=$((passed + 1)); else echo "FAIL: $d"; failed=$((failed + 1)); fi
}

# run NAME WANT-EXIT WANT-TEXT CONFIG: leakwatch -T -c CONFIG, measured.
run() {
    rc=0
    timeout 20 /usr/bin/time -v -o "$work/time" "$lw" -T -c "$4" > /dev/null 2> "$work/stderr" || rc=$?
    secs=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$work/time")
    kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); print t[n] + 60 * t[n - 1] + 3600 * (n > 2 ? t[1] : 0)}' "$work/time")
    err=$(grep -v '^Command exited' "$work/stderr" | head -1)
    printf '%-22s exit %s  %5s s CPU  %5s s wall  %6s KiB  %s\n' "$1" "$rc" "${secs:-?}" "${wall:-?}" "${kib:-?}" \
        "$(echo "$err" | cut -c1-200)"
    check "$1: exit $rc is $2" "$rc" -eq "$2"
    case $err in *"$3"*) check "$1: error names '$3'" 1 -eq 1;; *) check "$1: error names '$3'" 0 -eq 1;; esac
    check "$1: ${secs:-?} CPU s < 2 s" "$(awk -v s="${secs:-99}" 'BEGIN {print (s < 2)}')" -eq 1
    check "$1: ${wall:-?} wall s < 10 s" "$(awk -v s="${wall:-99}" 'BEGIN {print (s < 10)}')" -eq 1
    check "$1: ${kib:-?} KiB < $max_kib KiB" "${kib:-9999999}" -lt "$max_kib"
}

# pack NAME WANT-EXIT WANT-TEXT PATH: a configuration whose only signature path is PATH.
pack() {
    printf 'signatures:\n  paths: ["%s"]\n' "$4" > "$work/$1.conf.yaml"
    run "$1" "$2" "$3" "$work/$1.conf.yaml"
}

[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time missing (Debian package time)"; exit 1; }
[ -f "$data/deep.yaml" ] || { echo "FAIL: $data missing"; exit 1; }
rm -rf "$work" && mkdir -p "$work/fifo-dir"
max_kib=102400
if grep -q __asan_init "$lw"; then max_kib=1048576; fi

pack defaults 0 "" "$srcdir/signatures"
pack deep.yaml 2 "deep.yaml:1:28: nested deeper than 16 levels" "$data/deep.yaml"
pack aliases.yaml 2 ": more than 100000 YAML nodes once aliases are expanded" "$data/aliases.yaml"
pack repeat.yaml 2 "repeat.yaml:9:9: regex \"a{1000}\": the 10000 content patterns take more than" "$data/repeat.yaml"
pack costly.yaml 2 "costly.yaml:19:9: regex \"(ab|cd){250}10\": the 20 content patterns take more than 0.5 CPU seconds or 64 MiB" "$data/costly.yaml"
pack compile-timeout.yaml 2 "compile-timeout.yaml:10:9: regex \"(ab|cd){25(ab|cd){250}10}17\": the 4 content patterns take more than 0.5 CPU seconds" \
    "$srcdir/tests/data/fuzz/signatures/compile-timeout.yaml"
pack huge-repeat.yaml 2 "huge-repeat.yaml:9:9: regex too large: 100000 positions" "$data/huge-repeat.yaml"
pack nested-groups.yaml 2 "nested-groups.yaml:9:9: regex groups nested deeper than 32 levels" "$data/nested-groups.yaml"
pack many-patterns.yaml 2 "many-patterns.yaml:10009:9: more than 10000 content patterns" "$data/many-patterns.yaml"
pack dup-alias.yaml 2 "dup-alias.yaml:2:11: duplicate signature id 5 (an alias repeats the signature defined here)" "$data/dup-alias.yaml"
pack anchors.yaml 2 "anchors.yaml:1:15794: more than 1000 anchors" "$data/anchors.yaml"
{ echo 'signatures: []'; head -c 1048576 /dev/zero | tr '\0' '#'; echo; } > "$work/big.yaml"
pack big.yaml 2 "big.yaml: larger than 1048576 bytes" "$work/big.yaml"
printf 'signatures: []\n' > "$work/fifo-dir/a.yaml"
mkfifo "$work/fifo-dir/b.yaml"
pack fifo-in-dir 2 "fifo-dir/b.yaml: not a regular file (a FIFO)" "$work/fifo-dir"
pack device 2 "/dev/zero: not a regular file (a character device)" /dev/zero
run config-deep.yaml 2 "config-deep.yaml:2:23: nested deeper than 16 levels" "$data/config-deep.yaml"
run config-laughs.yaml 2 ": more than 100000 YAML nodes once aliases are expanded" "$data/config-laughs.yaml"
run config-anchors.yaml 2 "config-anchors.yaml:3:26683: more than 1000 anchors" "$data/config-anchors.yaml"
run config-fifo 2 "fifo-dir/b.yaml: not a regular file (a FIFO)" "$work/fifo-dir/b.yaml"

[ $failed -ne 0 ] || rm -rf "$work"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
