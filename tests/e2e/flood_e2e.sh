#!/bin/sh
# flood_e2e.sh — `make check`'s small twin of bench/flood: a 50,000-flow capture from the
# generator (bench/flood-gen, built from bench/flood.c; it writes a file, never sends) replayed
# with flows.max 5000 and a 4 MiB memcap, then with every flow kept and a 1 MiB memcap (the
# smallest, so the cap is hit). Checks that the table never holds more than flows.max, that every flow beyond it was
# evicted and counted, that reassembly stays under its memcap, exit 0. Then a SYN flood of
# 300,000 half-open flows (six seconds of them) between the handshake and the chat message of an
# established flow (tests/data/flood), with flows.memcap 32MiB: per-flow memory stays under
# it, the evictions are counted, and the established flow survives the flood (it is not seen
# twice) and raises its message alert. All within 20 s. Writes only into the build tree.
srcdir=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${LW_TOP_BUILDDIR:-$(pwd)}
lw=${LW_BIN:-$builddir/leakwatch}
gen=$builddir/bench/flood-gen
work=$builddir/tests/e2e/flood.d
flows=50000 flows_max=5000
passed=0 failed=0
start=$(date +%s)

check() {  # check DESCRIPTION TEST-ARGS...
    d=$1; shift
    if [ "$@" ] 2>/dev/null; then echo "PASS: $d"; passed=$((passed + 1)); else echo "FAIL: $d"; failed=$((failed + 1)); fi
}

# counter NAME: a counter of the stats record of the last replay.
counter() { grep '"event_type":"stats"' "$work/out.json" | tail -1 | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

# replay MEMCAP_MIB [FLOWS_MAX]: replays the capture, sets rc.
replay() {
    printf 'signatures:\n  paths: [%s/signatures]\nflows:\n  max: %s\nreassembly:\n  memcap: %sMiB\noutputs:\n  json: {path: "%s/out.json"}\n' \
        "$srcdir" "${2:-$flows_max}" "$1" "$work" > "$work/flood.yaml"
    rm -f "$work/out.json"
    rc=0
    "$lw" -c "$work/flood.yaml" -r "$work/flood.pcap" > /dev/null 2> "$work/stderr" || rc=$?
}

[ -x "$gen" ] || { echo "FAIL: $gen not built (make bench/flood-gen)"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
"$gen" -n $flows -o "$work/flood.pcap" || { echo "FAIL: generator"; exit 1; }

replay 4
check "memcap 4MiB: exit status $rc is 0" "$rc" -eq 0
check "memcap 4MiB: flows $(counter flows) = $flows" "$(counter flows)" = $flows
check "memcap 4MiB: flows_peak $(counter flows_peak) <= flows.max $flows_max" "$(counter flows_peak)" -le $flows_max
check "memcap 4MiB: flows_peak $(counter flows_peak) reached flows.max" "$(counter flows_peak)" -eq $flows_max
check "memcap 4MiB: flows_evicted $(counter flows_evicted) >= $((flows - flows_max))" "$(counter flows_evicted)" -ge $((flows - flows_max))
check "memcap 4MiB: mem_peak $(counter mem_peak) <= 4194304" "$(counter mem_peak)" -le 4194304

# Every flow kept (no eviction), so the open streams together need more than the 1 MiB cap.
replay 1 $flows
check "memcap 1MiB: exit status $rc is 0" "$rc" -eq 0
check "memcap 1MiB: memcap_hits $(counter memcap_hits) > 0" "$(counter memcap_hits)" -gt 0
check "memcap 1MiB: mem_peak $(counter mem_peak) <= 1048576" "$(counter mem_peak)" -le 1048576
check "memcap 1MiB: flows_peak $(counter flows_peak) <= flows.max $flows" "$(counter flows_peak)" -le $flows

# A SYN flood around an established flow, within flows.memcap.
"$gen" -n 300000 --syn-only -o "$work/syn.pcap" || { echo "FAIL: generator"; exit 1; }
printf 'signatures:\n  paths: [%s/signatures]\nflows:\n  memcap: 32MiB\noutputs:\n  json: {path: "%s/out.json"}\n' \
    "$srcdir" "$work" > "$work/syn.yaml"
rm -f "$work/out.json"
rc=0
"$lw" -c "$work/syn.yaml" -r "$srcdir/tests/data/flood/established-open.pcap" -r "$work/syn.pcap" \
    -r "$srcdir/tests/data/flood/established-message.pcap" > /dev/null 2> "$work/stderr" || rc=$?
check "SYN flood: exit status $rc is 0" "$rc" -eq 0
check "SYN flood: flow_mem_peak $(counter flow_mem_peak) <= flows.memcap 33554432" "$(counter flow_mem_peak)" -le 33554432
check "SYN flood: flows_evicted_memcap $(counter flows_evicted_memcap) > 0" "$(counter flows_evicted_memcap)" -gt 0
check "SYN flood: flows $(counter flows) = 300001 (the established flow was never evicted)" "$(counter flows)" -eq 300001
check "SYN flood: the established flow's message alert" "$(grep -c '"src_ip":"10.9.9.9".*"category":"plaintext_message"' "$work/out.json")" -eq 1

elapsed=$(($(date +%s) - start))
check "finished in $elapsed s (< 20 s)" $elapsed -lt 20
[ $failed -ne 0 ] || rm -rf "$work"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
