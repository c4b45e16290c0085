#!/usr/bin/env bash
# pcap_live.sh — outputs.pcap on a live capture, on real sockets in two private network
# namespaces joined by a veth pair (device 10.10.0.2, outside server 203.0.113.1, as netns.sh).
# The device opens one IRC connection, sends a PRIVMSG and keeps the connection open: while
# leakwatch still runs, <alert_id>.pcap must appear (starting with the SYN, opening in tshark);
# the device then sends more lines, which must reach the file within seconds (appended a second
# after they came), still during the connection; after the close and SIGINT the file ends with
# both FINs and holds only that connection's packets. Needs root (ip netns) and tshark.
# Prints "N passed, N failed".
set -u
LW_BIN=${LW_BIN:-./leakwatch}
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
tag=lwp$$
dev=${tag}d; srv=${tag}s
work=$(mktemp -d)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
cleanup() {
    [ -n "${lw_pid:-}" ] && kill "$lw_pid" 2>/dev/null
    [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null
    [ -n "${dev_pid:-}" ] && kill "$dev_pid" 2>/dev/null
    ip netns del "$dev" 2>/dev/null; ip netns del "$srv" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ] || ! ip netns add "$dev" 2>/dev/null; then
    echo "FAIL: live capture test needs root and ip netns"
    echo "0 passed, 1 failed"
    exit 1
fi
ip netns add "$srv"
ip link add "${tag}a" type veth peer name "${tag}b"
ip link set "${tag}a" netns "$dev"; ip link set "${tag}b" netns "$srv"
ip -n "$dev" addr add 10.10.0.2/24 dev "${tag}a"
ip -n "$srv" addr add 203.0.113.1/24 dev "${tag}b"
for ns in "$dev" "$srv"; do ip -n "$ns" link set lo up; done
ip -n "$dev" link set "${tag}a" up; ip -n "$srv" link set "${tag}b" up
ip -n "$dev" route add 203.0.113.0/24 dev "${tag}a"
ip -n "$srv" route add 10.10.0.0/24 dev "${tag}b"

cat > "$work/lw.yaml" <<YAML
signatures:
  paths: [$top/signatures]
outputs:
  json: {path: "$work/alerts.json"}
  pcap: {dir: "$work/pcap"}
YAML
ip netns exec "$srv" "$LW_BIN" -c "$work/lw.yaml" -i "${tag}b" 2>"$work/lw.err" &
lw_pid=$!
ip netns exec "$srv" "$py" -c '
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("203.0.113.1", 6667)); s.listen(8)
def serve(c):
    while c.recv(65536): pass
    c.close()
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
' &
srv_pid=$!
sleep 1.5
# The device: one connection; the PRIVMSG, then (when told) ten more lines, then (when told) the close.
ip netns exec "$dev" "$py" -c '
import os, socket, sys, time
work = sys.argv[1]
def wait_for(name):
    for _ in range(200):
        if os.path.exists(os.path.join(work, name)):
            return
        time.sleep(0.05)
c = socket.create_connection(("203.0.113.1", 6667), timeout=5)
for line in [b"NICK alice\r\n", b"USER alice 0 * :Alice\r\n", b"JOIN #ops\r\n",
             b"PRIVMSG #ops :the quarterly numbers look bad, do not forward this to anyone\r\n"]:
    c.sendall(line); time.sleep(0.05)
wait_for("more")
for i in range(10):
    c.sendall(b"PING :keepalive-%d\r\n" % i); time.sleep(0.05)
wait_for("close")
c.close()
' "$work" &
dev_pid=$!

# packets NAME: "frames SYN-first FINs other-tuples" of a pcap file, by tshark
packets() {
    tshark -r "$1" -T fields -e tcp.flags.syn -e tcp.flags.fin -e tcp.srcport -e tcp.dstport 2>/dev/null |
        "$py" -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin]
other = sum(1 for r in rows if "6667" not in r[2:4])
print(len(rows), int(bool(rows) and rows[0][0] in ("1", "True")), sum(r[1] in ("1", "True") for r in rows), other)'
}
wait_file() { for _ in $(seq 100); do f=$(ls "$work"/pcap/*.pcap 2>/dev/null | head -1); [ -n "$f" ] && return 0; sleep 0.1; done; return 1; }

check "the alert's pcap file appears while the connection is open" wait_file
file=${f:-/nonexistent}
id=$(basename "$file" .pcap)
read -r n1 syn1 _ other1 < <(packets "$file")
check "tshark opens it; it starts with the SYN ($n1 packets)" '[ "${syn1:-0}" = 1 ] && [ "${n1:-0}" -ge 5 ]'
touch "$work/more"
n2=${n1:-0}
for _ in $(seq 50); do read -r n2 _ _ _ < <(packets "$file"); [ "$n2" -ge $((n1 + 10)) ] && break; sleep 0.1; done
check "later packets reach the file during the connection ($n1 → $n2)" '[ "$n2" -ge $((n1 + 10)) ]'
touch "$work/close"
wait "$dev_pid"; dev_pid=
sleep 1
kill -INT "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=
read -r n3 syn3 fin3 other3 < <(packets "$file")
check "leakwatch exits 0; the file ends with the connection's close: both FINs ($n3 packets)" '[ $rc -eq 0 ] && [ "${fin3:-0}" = 2 ]'
check "only the alerting connection's packets" '[ "${other3:-1}" = 0 ]'
check "the file is named by the alert's id" "grep -q '\"alert_id\":\"$id\"' '$work/alerts.json'"
check "the pcap stats count the file and no errors" \
    "$py -c 'import json,sys; r=[json.loads(l) for l in open(\"$work/alerts.json\")]; p=[x for x in r if x[\"event_type\"]==\"stats\"][-1][\"stats\"][\"pcap\"]; sys.exit(not (p[\"files\"]==1 and p[\"errors\"]==0 and p[\"packets_written\"]==$n3))'"
# The veth leaves the device's checksums to offload: leakwatch says so once, and nothing else.
check "stderr holds no more than the checksum-offload notice" \
    '! grep -v "^leakwatch: checksums: .* taken as checksum offload" "$work/lw.err"'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
