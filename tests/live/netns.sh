#!/usr/bin/env bash
# netns.sh — live capture end to end, on real sockets in two private network namespaces
# joined by a veth pair: a home device (10.10.0.2) and an outside server (203.0.113.1 — a
# documentation address that exists only inside these namespaces). leakwatch captures on the
# server's veth with -i and a BPF filter; the device sends an IRC PRIVMSG and a chat JSON
# POST over plain TCP; the alerts and the stats record are checked. Needs root (ip netns).
# Prints "N passed, N failed".
set -u
LW_BIN=${LW_BIN:-./leakwatch}
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
tag=lw$$
dev=${tag}d; srv=${tag}s
work=$(mktemp -d)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
cleanup() {
    [ -n "${lw_pid:-}" ] && kill "$lw_pid" 2>/dev/null
    [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null
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
flows:
  idle_timeout: 2
YAML
ip netns exec "$srv" "$LW_BIN" -c "$work/lw.yaml" -i "${tag}b" -f "tcp" -o "json:$work/alerts.json" \
    2>"$work/lw.err" &
lw_pid=$!
# A server that accepts connections and reads until the peer closes.
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
ip netns exec "$dev" "$py" -c '
import socket, time
c = socket.create_connection(("203.0.113.1", 6667), timeout=5)
for line in [b"NICK alice\r\n", b"USER alice 0 * :Alice\r\n", b"JOIN #ops\r\n",
             b"PRIVMSG #ops :the quarterly numbers look bad, do not forward this to anyone\r\n", b"QUIT :bye\r\n"]:
    c.sendall(line); time.sleep(0.05)
c.close()
'
sleep 3
kill -INT "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=
check "leakwatch exits 0 after SIGINT" '[ $rc -eq 0 ]'
# The veth leaves the device's checksums to offload: leakwatch says so once, and nothing else.
check "stderr holds no more than the checksum-offload notice" \
    '! grep -v "^leakwatch: checksums: .* taken as checksum offload" "$work/lw.err"'
check "an IRC plaintext_message alert from the device" \
    "grep -q '\"category\":\"plaintext_message\"' '$work/alerts.json' && grep -q '\"src_ip\":\"10.10.0.2\"' '$work/alerts.json'"
check "the alert does not carry the message text" "! grep -q 'quarterly numbers' '$work/alerts.json'"
check "a stats record with packets and no drops" \
    "$py -c 'import json,sys; r=[json.loads(l) for l in open(\"$work/alerts.json\")]; s=[x for x in r if x[\"event_type\"]==\"stats\"][-1][\"stats\"]; sys.exit(not (s[\"packets\"]>=8 and s[\"drops\"]==0 and s[\"flows\"]>=1))'"
check "EVE members live: in_iface, valid schema, community_id (tests/e2e/eve_check.py)" \
    "LW_TOP_SRCDIR='$top' $py -c 'import json,sys; sys.path.insert(0,\"$top/tests/e2e\"); import eve_check; c=eve_check.EveChecker(); r=[json.loads(l) for l in open(\"$work/alerts.json\")]; e=[x for rec in r for x in c.record_errors(rec, None, \"${tag}b\" if rec[\"event_type\"]==\"alert\" else None)]; print(e[:3]) if e else 0; sys.exit(bool(e) or not r)'"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
