#!/usr/bin/env bash
# workers.sh — several workers live, on real sockets: a sender namespace replays captures with
# tcpreplay over veth pairs into a sensor namespace where leakwatch captures (IPv6 off, no
# addresses: nothing on the links but what tcpreplay sends). Checks:
#  (a) -j 2 on one interface: the alerts of the offline replay of the same captures (a DNS
#      answer and the connection by address it names included), both workers got packets;
#  (b) -j 2 on two interfaces fed as the two ports of a tap (tcpprep splits client and server
#      sides): the same alerts again;
#  (c) a silent link: stats records keep coming, and a flow that can only be judged when it
#      ends (a SYN to an address the device resolved as an archive's name) alerts at its idle
#      timeout, with no packet after it;
#  (d) drops: a 1 MiB ring per worker, leakwatch stopped (SIGSTOP) while 6000 frames arrive:
#      the periodic stats record after SIGCONT says drops > 0 and packets + drops = the
#      frames sent = kernel_packets (the kernel's count, read by pcap_stats every interval);
#  (e) shutdown: frames still in the rings at SIGINT are processed or counted;
#  (f) an interface missing at start, then created, deleted and created again: one line each
#      way, traffic counted after each return, exit 0.
# Needs root, tcpreplay, python3-scapy. Prints "N passed, N failed".
set -u
LW_BIN=$(realpath "${LW_BIN:-./leakwatch}")
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
tag=lw$$
snd=${tag}c; sen=${tag}s
work=$(mktemp -d /tmp/lw-workers-XXXXXX)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
cleanup() {
    [ -n "${lw_pid:-}" ] && kill -9 "$lw_pid" 2>/dev/null
    wait 2>/dev/null
    ip netns del "$snd" 2>/dev/null; ip netns del "$sen" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
wait_for() { local end=$(($(date +%s%N) + $1 * 1000000000)); until eval "$2"; do
    [ "$(date +%s%N)" -gt "$end" ] && return 1; sleep 0.05; done; }

if [ "$(id -u)" -ne 0 ] || ! ip netns add "$snd" 2>/dev/null; then
    echo "FAIL: the workers live test needs root and ip netns"; echo "0 passed, 1 failed"; exit 1
fi
for tool in tcpreplay tcpprep; do
    command -v $tool >/dev/null || { echo "FAIL: $tool not installed (Debian: tcpreplay)"; echo "0 passed, 1 failed"; exit 1; }
done
ip netns add "$sen"
for ns in "$snd" "$sen"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$ns" link set lo up
done
# veth NAME: ${NAME}x in the sender namespace, NAME in the sensor's, both up.
veth() {
    ip link add "${1}x" type veth peer name "$1" || return 1
    ip link set "${1}x" netns "$snd"; ip link set "$1" netns "$sen"
    ip netns exec "$snd" sysctl -qw "net.ipv6.conf.${1}x.disable_ipv6=1" 2>/dev/null
    ip netns exec "$sen" sysctl -qw "net.ipv6.conf.$1.disable_ipv6=1" 2>/dev/null
    ip -n "$snd" link set "${1}x" up; ip -n "$sen" link set "$1" up
}
veth "${tag}1"; veth "${tag}2"
send() { ip netns exec "$snd" tcpreplay "$@" 2>&1; }
sent_of() { sed -n 's/.*Successful packets: *\([0-9]*\).*/\1/p' | tail -1; }

# ---- captures: the generated corpus, a chat flow left open, bulk UDP
"$py" "$top/tests/gen/make_corpus.py" -o "$work/gen" >/dev/null || { echo "FAIL: make_corpus.py"; echo "0 passed, 1 failed"; exit 1; }
"$py" - "$work" <<'EOF'
import sys
from scapy.all import DNS, DNSQR, DNSRR, Ether, IP, TCP, UDP, Raw, wrpcap
work = sys.argv[1]
mac = dict(src="02:00:0a:0a:00:02", dst="02:00:cb:00:71:01")
t = 1746353553.0
dns = Ether(**mac)/IP(src="192.0.2.53", dst="10.10.0.2")/UDP(sport=53, dport=33333)/DNS(id=7, qr=1,
    qd=DNSQR(qname="archive.telemessage.com"), an=DNSRR(rrname="archive.telemessage.com", ttl=300, rdata="203.0.113.70"))
syn = Ether(**mac)/IP(src="10.10.0.2", dst="203.0.113.70")/TCP(sport=41000, dport=443, flags="S", seq=1)
dns.time, syn.time = t, t + 0.05
wrpcap(work + "/open.pcap", [dns, syn])   # the name, then a connection without payload: judged when it ends
bulk = [Ether(**mac)/IP(src="10.20.%d.%d" % (i // 250, i % 250 + 1), dst="198.51.100.7")
        /UDP(sport=10000 + i, dport=9999)/Raw(b"x" * 1000) for i in range(6000)]
for i, p in enumerate(bulk):
    p.time = t + i * 0.0001
wrpcap(work + "/bulk.pcap", bulk)
EOF
cat > "$work/lw.yaml" <<YAML
signatures:
  paths: [$top/signatures]
flows:
  idle_timeout: 2
stats:
  interval: 1
YAML
tap_files="http_json.pcap chat_protocols.pcap archive_dns.pcap mail.pcap websocket.pcap"

# start_lw NAME ARGS…: leakwatch in the sensor namespace, records in $work/NAME.json
start_lw() {
    local name=$1; shift
    ip netns exec "$sen" "$LW_BIN" -c "$work/lw.yaml" -o "json:$work/$name.json" --stats "$@" 2>"$work/$name.err" &
    lw_pid=$!
}
stop_lw() { kill -INT "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=; }
# alerts FILE: one sorted line per alert: device, destination, signature.
alerts() { "$py" -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
for r in sorted((a["src_ip"], a["src_port"], a["dest_ip"], a["dest_port"], a["alert"]["signature_id"])
                for a in rows if a["event_type"] == "alert"):
    print(*r)' "$1"; }
# stat FILE KEY [N]: a counter of the N-th last stats record (default the last).
stat() { "$py" -c '
import json, sys
s = [json.loads(l)["stats"] for l in open(sys.argv[1]) if "\"event_type\":\"stats\"" in l][-int(sys.argv[3])]
v = s
for k in sys.argv[2].split("."):
    v = v[k]
print(v)' "$1" "$2" "${3:-1}"; }

offline=""
for f in $tap_files; do offline="$offline -r $work/gen/$f"; done
"$LW_BIN" -c "$work/lw.yaml" $offline -o "json:$work/offline.json" 2>/dev/null
alerts "$work/offline.json" >"$work/offline.alerts"

# ---- (a) two workers, one interface
start_lw a -i "${tag}1" -j 2
sleep 1
for f in $tap_files; do send -i "${tag}1x" --pps 2000 "$work/gen/$f" >/dev/null; done
sleep 3
stop_lw
alerts "$work/a.json" >"$work/a.alerts"
check "(a) -j 2: exit 0" '[ $rc -eq 0 ]'
check "(a) -j 2: the offline replay's $(wc -l <"$work/offline.alerts") alerts" \
    '[ -s "$work/offline.alerts" ] && cmp -s "$work/offline.alerts" "$work/a.alerts" || { diff "$work/offline.alerts" "$work/a.alerts"; false; }'
check "(a) -j 2: the DNS-named archive (archive_dns.pcap) alerts live too" \
    "grep -q '\"host\":\"archive.telemessage.com\"' '$work/a.json' || grep -q 'telemessage' '$work/a.json'"
check "(a) -j 2: both workers got packets ($(grep -o 'worker [01] *packets [0-9]*' "$work/a.err" | tr '\n' ' '))" \
    '[ "$(grep -cE "worker [01] +packets [1-9]" "$work/a.err")" -eq 2 ]'

# ---- (b) the two ports of a tap
tcpprep -a client -i "$work/gen/chat_protocols.pcap" -o "$work/cache" 2>/dev/null
"$LW_BIN" -c "$work/lw.yaml" -r "$work/gen/chat_protocols.pcap" -o "json:$work/tap-offline.json" 2>/dev/null
start_lw b -i "${tag}1" -i "${tag}2" -j 2
sleep 1
# 20 frames a second: the two ports' frames further apart than a ring block's 20 ms timeout, within
# which the merge may hand them on out of order (README: Several workers, Live). At 2000 a second
# it lost the MQTT alert about one run in three on a loaded host.
send -c "$work/cache" -i "${tag}1x" -I "${tag}2x" --pps 20 "$work/gen/chat_protocols.pcap" >"$work/b.send"
sleep 3
stop_lw
check "(b) two interfaces as one timeline: exit 0, $(sent_of <"$work/b.send") frames sent over both" '[ $rc -eq 0 ]'
check "(b) two interfaces: the offline replay's $(alerts "$work/tap-offline.json" | wc -l) alerts" \
    'alerts "$work/tap-offline.json" >"$work/tap-offline.alerts"; alerts "$work/b.json" >"$work/b.alerts";
     [ -s "$work/b.alerts" ] && cmp -s "$work/tap-offline.alerts" "$work/b.alerts" || { diff "$work/tap-offline.alerts" "$work/b.alerts"; false; }'

# ---- (c) a silent link
start_lw c -i "${tag}1" -j 2
sleep 1
send -i "${tag}1x" "$work/open.pcap" >/dev/null
wait_for 3 '[ "$(stat "$work/c.json" packets 2>/dev/null)" = 2 ]'
records=$(grep -c '"event_type":"stats"' "$work/c.json")
check "(c) the open flow: no alert before its idle timeout" "! grep -q '\"src_port\":41000' '$work/c.json'"
sleep 3.5
check "(c) silent link: stats records go on ($records, then $(grep -c '"event_type":"stats"' "$work/c.json")), no packet meanwhile" \
    '[ "$(grep -c "\"event_type\":\"stats\"" "$work/c.json")" -ge $((records + 3)) ] && [ "$(stat "$work/c.json" packets)" = 2 ]'
check "(c) the open flow's alert came from its idle timeout, with no packet after it, named by the DNS answer" \
    "grep '\"src_port\":41000' '$work/c.json' | grep -q 'archive.telemessage.com'"
stop_lw

# ---- (d) drops, counted by the kernel, in the periodic records
sed -i 's/^stats:/capture:\n  buffer_size: 1\nstats:/' "$work/lw.yaml"
start_lw d -i "${tag}1" -j 2
sleep 1
kill -STOP "$lw_pid"
sent=$(send -i "${tag}1x" --topspeed "$work/bulk.pcap" | sent_of)
kill -CONT "$lw_pid"
sleep 2.5
p=$(stat "$work/d.json" packets) d=$(stat "$work/d.json" drops) k=$(stat "$work/d.json" capture.kernel_packets)
kd=$(stat "$work/d.json" capture.kernel_drops)
check "(d) a periodic record: drops $d > 0, packets $p + drops = $sent sent = kernel_packets $k, kernel_drops = drops" \
    '[ "$d" -gt 0 ] && [ $((p + d)) -eq "$sent" ] && [ "$k" -eq "$sent" ] && [ "$kd" -eq "$d" ]'
stop_lw
check "(d) exit 0; --stats shows each worker's drops" \
    '[ $rc -eq 0 ] && [ "$(grep -cE "worker [01] .*dropped [0-9]+" "$work/d.err")" -eq 2 ]'

# ---- (e) shutdown with frames in the rings
start_lw e -i "${tag}1" -j 2
sleep 1
kill -STOP "$lw_pid"
sent=$(send -i "${tag}1x" --topspeed --limit=1500 "$work/bulk.pcap" | sent_of)
kill -CONT "$lw_pid"; kill -INT "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=
p=$(stat "$work/e.json" packets) d=$(stat "$work/e.json" drops)
check "(e) SIGINT with $sent frames waiting: exit 0, processed $p + dropped $d = sent" \
    '[ $rc -eq 0 ] && [ $((p + d)) -eq "$sent" ]'

# ---- (f) an interface that comes and goes
start_lw f -i "${tag}9" -j 2
check "(f) a missing interface: one line, no exit" \
    'wait_for 3 "grep -q \"${tag}9.*retrying every second\" \"$work/f.err\"" && kill -0 "$lw_pid"'
veth "${tag}9"
check "(f) created: capture resumed" "wait_for 3 \"grep -q '${tag}9: capture resumed' '$work/f.err'\""
sent=$(send -i "${tag}9x" --pps 5000 --limit=500 "$work/bulk.pcap" | sent_of)
check "(f) its $sent frames counted" "wait_for 3 '[ \"\$(stat \"$work/f.json\" packets 2>/dev/null)\" = 500 ]'"
ip -n "$sen" link del "${tag}9"
check "(f) deleted: one line, no exit" \
    'wait_for 3 "[ \$(grep -c \"retrying every second\" \"$work/f.err\") -ge 2 ]" && kill -0 "$lw_pid"'
veth "${tag}9"
check "(f) created again: resumed" "wait_for 4 '[ \$(grep -c \"${tag}9: capture resumed\" \"$work/f.err\") -ge 2 ]'"
send -i "${tag}9x" --pps 5000 --limit=500 "$work/bulk.pcap" >/dev/null
check "(f) its frames counted again" "wait_for 3 '[ \"\$(stat \"$work/f.json\" packets 2>/dev/null)\" = 1000 ]'"
stop_lw
check "(f) exit 0" '[ $rc -eq 0 ]'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
