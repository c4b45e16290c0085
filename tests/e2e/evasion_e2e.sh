#!/bin/sh
# evasion_e2e.sh — the evasions of issue 13 through the real binary: a chat message posted over
# plain HTTP, hidden behind a harmless segment with a wrong checksum (checksum.pcap), behind an
# overlapping harmless copy with a right one (overlap.pcap), behind an RST with a wrong checksum
# (rst.pcap); and a message whose only segment has a wrong checksum (edited.pcap: edited and
# offloaded captures must not lose it). Every capture must raise the plaintext_message alert,
# with the stats record counting what happened; checksum.pcap also with capture.checksums:
# ignore (the two versions are inspected either way). Captures: tests/data/evasion (make.py).
srcdir=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${LW_TOP_BUILDDIR:-$(pwd)}
lw=${LW_BIN:-$builddir/leakwatch}
data=$srcdir/tests/data/evasion
work=$builddir/tests/e2e/evasion.d
passed=0 failed=0

check() {  # check DESCRIPTION TEST-ARGS...
    d=$1; shift
    if [ "$@" ] 2>/dev/null; then echo "PASS: $d"; passed=$((passed + 1)); else echo "FAIL: $d"; failed=$((failed + 1)); fi
}

# counter NAME: a counter of the stats record of the last replay.
counter() { grep '"event_type":"stats"' "$work/out.json" | tail -1 | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

# replay CAPTURE [CHECKSUMS]: sets rc and alerts (plaintext_message alerts of the device).
replay() {
    printf 'signatures:\n  paths: [%s/signatures]\ncapture:\n  checksums: %s\n' "$srcdir" "${2:-auto}" > "$work/c.yaml"
    rc=0
    "$lw" -c "$work/c.yaml" -r "$data/$1" > "$work/out.json" 2> "$work/stderr" || rc=$?
    alerts=$(grep -c '"src_ip":"10.5.5.5".*"category":"plaintext_message"' "$work/out.json")
}

[ -f "$data/checksum.pcap" ] || { echo "FAIL: $data missing"; exit 1; }
rm -rf "$work" && mkdir -p "$work"

replay checksum.pcap
check "checksum.pcap: exit $rc, $alerts message alert" "$rc$alerts" = 01
check "checksum.pcap: checksum_invalid $(counter checksum_invalid) = 1" "$(counter checksum_invalid)" -eq 1
check "checksum.pcap: the two copies disagree in $(counter overlaps_inconsistent) bytes" "$(counter overlaps_inconsistent)" -gt 0
check "checksum.pcap: the suspect bytes never filled the stream" "$(counter suspect_filled)" -eq 0
replay checksum.pcap ignore
check "checksum.pcap, checksums ignored: exit $rc, $alerts message alert" "$rc$alerts" = 01
replay overlap.pcap
check "overlap.pcap: exit $rc, $alerts message alert" "$rc$alerts" = 01
check "overlap.pcap: overlaps_inconsistent $(counter overlaps_inconsistent) > 0" "$(counter overlaps_inconsistent)" -gt 0
check "overlap.pcap: no wrong checksum ($(counter checksum_invalid))" "$(counter checksum_invalid)" -eq 0
replay rst.pcap
check "rst.pcap: exit $rc, $alerts message alert" "$rc$alerts" = 01
check "rst.pcap: checksum_invalid $(counter checksum_invalid) = 1" "$(counter checksum_invalid)" -eq 1
replay edited.pcap
check "edited.pcap: exit $rc, $alerts message alert" "$rc$alerts" = 01
check "edited.pcap: the suspect segment filled the stream ($(counter suspect_filled) bytes)" "$(counter suspect_filled)" -gt 0

[ $failed -ne 0 ] || rm -rf "$work"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
