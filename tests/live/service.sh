#!/usr/bin/env bash
# service.sh — leakwatch as the service runs it, live on real sockets in two private network
# namespaces (a home device 10.10.0.2, an outside server 203.0.113.1 joined by a veth pair),
# with a JSON file, a Redis sink (a private redis-server inside the namespace), metrics on
# 127.0.0.1:9717 and a stand-in for systemd's notify socket (NOTIFY_SOCKET, WATCHDOG_USEC).
# Checks: READY, watchdog pings on a silent link, /healthz 200, /metrics with
# leakwatch_packets_total > 0 and leakwatch_kernel_drops_total after an IRC message, Redis
# connected; logrotate's mv + SIGUSR2 gives a new file that takes the next alert; 100 reloads
# (SIGHUP) each applied within a second on a silent link, RELOADING/READY around them; a new
# capture filter applies at once; the keys that need a restart are named; a full disk (a
# 64 KiB tmpfs in a private mount namespace) drops and counts records with one line each way,
# never exits, and the file keeps whole lines; SIGTERM: STOPPING, exit 0. Needs root.
# Prints "N passed, N failed".
set -u
if [ -z "${LW_MOUNT_NS:-}" ] && [ "$(id -u)" -eq 0 ]; then
    exec unshare -m env LW_MOUNT_NS=1 "$0" "$@" # the small tmpfs stays private to this test
fi
LW_BIN=$(realpath "${LW_BIN:-./leakwatch}")
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
tag=lw$$
dev=${tag}d; srv=${tag}s
work=$(mktemp -d /tmp/lw-service-XXXXXX)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
cleanup() {
    [ -n "${lw_pid:-}" ] && kill -9 "$lw_pid" 2>/dev/null
    for p in ${bg_pids:-}; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    umount "$work/small" 2>/dev/null
    ip netns del "$dev" 2>/dev/null; ip netns del "$srv" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# wait_for SECONDS COMMAND: poll every 50 ms until COMMAND succeeds.
wait_for() { local end=$(($(date +%s%N) + $1 * 1000000000)); until eval "$2"; do
    [ "$(date +%s%N)" -gt "$end" ] && return 1; sleep 0.05; done; }

if [ "$(id -u)" -ne 0 ] || ! ip netns add "$dev" 2>/dev/null; then
    echo "FAIL: the service test needs root and ip netns"; echo "0 passed, 1 failed"; exit 1
fi
for tool in redis-server curl; do
    command -v $tool >/dev/null || { echo "FAIL: $tool not installed"; echo "0 passed, 1 failed"; exit 1; }
done
mount --make-rprivate / 2>/dev/null
ip netns add "$srv"
ip link add "${tag}a" type veth peer name "${tag}b"
ip link set "${tag}a" netns "$dev"; ip link set "${tag}b" netns "$srv"
ip -n "$dev" addr add 10.10.0.2/24 dev "${tag}a"
ip -n "$srv" addr add 203.0.113.1/24 dev "${tag}b"
for ns in "$dev" "$srv"; do ip -n "$ns" link set lo up; done
ip -n "$dev" link set "${tag}a" up; ip -n "$srv" link set "${tag}b" up
ip -n "$dev" route add 203.0.113.0/24 dev "${tag}a"
ip -n "$srv" route add 10.10.0.0/24 dev "${tag}b"
in_srv() { ip netns exec "$srv" "$@"; }

mkdir -p "$work/small" "$work/spool"
touch "$work/notify.log"
mount -t tmpfs -o size=64k tmpfs "$work/small"
ip netns exec "$srv" redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
bg_pids="$!"
# The device's chat server and client, and the notify socket's listener.
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
bg_pids="$bg_pids $!"
"$py" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    while True:
        out.write(s.recv(4096).decode().replace("\n", " ") + "\n")
' "$work/notify.sock" "$work/notify.log" &
bg_pids="$bg_pids $!"
irc() { # one IRC session from the device: one alert
    ip netns exec "$dev" "$py" -c '
import socket, time
c = socket.create_connection(("203.0.113.1", 6667), timeout=5)
for line in [b"NICK alice\r\n", b"USER alice 0 * :Alice\r\n", b"JOIN #ops\r\n",
             b"PRIVMSG #ops :the quarterly numbers look bad, do not forward this to anyone\r\n", b"QUIT :bye\r\n"]:
    c.sendall(line); time.sleep(0.05)
c.close()
'
}
metric() { in_srv curl -s --max-time 5 http://127.0.0.1:9717/metrics | awk -v k="$1" '$1 == k {print $2}'; }
alerts_in() { local n; n=$(grep -c '"event_type":"alert"' "$1" 2>/dev/null); echo "${n:-0}"; }
reloads() { grep -c 'reloaded' "$work/lw.err"; }

conf=$work/lw.yaml
write_conf() { # write_conf [extra YAML lines]
    cat > "$conf" <<YAML
signatures:
  paths: [$top/signatures]
flows:
  idle_timeout: 2
stats:
  interval: 1
metrics:
  listen: "127.0.0.1:9717"
outputs:
  json: {path: "$work/alerts.json"}
  redis: {url: "redis://127.0.0.1:6379/0", spool: "$work/spool"}
$1
YAML
}
write_conf ""
wait_for 5 "in_srv redis-cli ping >/dev/null 2>&1"
ip netns exec "$srv" env NOTIFY_SOCKET="$work/notify.sock" WATCHDOG_USEC=1000000 "$LW_BIN" -c "$conf" -i "${tag}b" \
    2>"$work/lw.err" &
lw_pid=$!

check "READY=1 is sent" 'wait_for 5 "grep -qx READY=1 $work/notify.log"'
check "/healthz answers 200" '[ "$(in_srv curl -s -o /dev/null -w %{http_code} http://127.0.0.1:9717/healthz)" = 200 ]'
sleep 2.2
check "watchdog pings every half interval on a silent link (>= 3 in 2.2 s)" '[ "$(grep -c WATCHDOG=1 "$work/notify.log")" -ge 3 ]'
irc
check "an alert in the JSON file" 'wait_for 5 "[ \$(alerts_in $work/alerts.json) -ge 1 ]"'
# A scrape reads the snapshot of up to 250 ms ago.
check "/metrics: leakwatch_packets_total > 0" 'wait_for 2 "[ \$(metric leakwatch_packets_total) -gt 0 ]"'
check "/metrics: leakwatch_kernel_drops_total is there" '[ -n "$(metric leakwatch_kernel_drops_total)" ]'
one_alert() { [ "$(metric 'leakwatch_alerts_total{category="plaintext_message"}')" = 1 ]; }
check "/metrics: one plaintext_message alert" 'wait_for 2 one_alert'
check "/metrics: Redis connected" 'wait_for 3 "[ \"\$(metric leakwatch_redis_connected)\" = 1 ]"'
check "the alert went to Redis too" '[ "$(in_srv redis-cli XLEN leakwatch:alerts)" = 1 ]'

# logrotate: create + postrotate (SIGUSR2)
mv "$work/alerts.json" "$work/alerts.json.1"
kill -USR2 "$lw_pid"
wait_for 3 "[ -f $work/alerts.json ]"
irc
check "after mv + SIGUSR2 the next alert goes to a new file" 'wait_for 5 "[ \$(alerts_in $work/alerts.json) -eq 1 ]"'
check "the rotated file kept the first alert only" '[ "$(alerts_in "$work/alerts.json.1")" -eq 1 ]'

# 100 reloads on a silent link, each applied within a second
slow=0
for i in $(seq 100); do
    before=$(reloads); kill -HUP "$lw_pid"
    wait_for 1 "[ \$(reloads) -gt $before ]" || slow=$((slow+1))
done
check "100 reloads, each applied within a second (late: $slow)" '[ "$slow" -eq 0 ] && [ "$(reloads)" -eq 100 ]'
check "no reload refused" '! grep -q "refused\|reload failed" "$work/lw.err"'
check "RELOADING=1 (with MONOTONIC_USEC) and READY=1 around each reload" \
    '[ "$(grep -c "^RELOADING=1 MONOTONIC_USEC=" "$work/notify.log")" -eq 100 ] && [ "$(grep -cx READY=1 "$work/notify.log")" -eq 101 ]'
reloads_metric() { metric 'leakwatch_reloads_total{result="ok"}'; }
check "/metrics: leakwatch_reloads_total{result=\"ok\"} 100" 'wait_for 2 "[ \"\$(reloads_metric)\" = 100 ]"'

# the capture filter follows a reload at once
write_conf $'capture:\n  filter: "udp"'
kill -HUP "$lw_pid"; wait_for 1 '[ $(reloads) -eq 101 ]'
sleep 0.6 # the last packets of the previous chat reach the snapshot
packets=$(metric leakwatch_packets_total)
irc; sleep 1.5
check "with filter 'udp' reloaded, a TCP chat is not even captured" \
    '[ -n "$packets" ] && [ "$(metric leakwatch_packets_total)" = "$packets" ] && [ "$(alerts_in "$work/alerts.json")" -eq 1 ]'
write_conf $'capture:\n  filter: "tcp"\nreassembly:\n  depth: 32768'
kill -HUP "$lw_pid"; wait_for 1 '[ $(reloads) -eq 102 ]'
irc
check "with filter 'tcp' reloaded, the next chat alerts" 'wait_for 5 "[ \$(alerts_in $work/alerts.json) -eq 2 ]"'
check "the reload names the key that needs a restart (reassembly.depth)" \
    'tail -1 "$work/lw.err" | grep -q "reloaded; changed but kept until a restart: reassembly.depth$"'

# a full disk: the JSON file moves to a 64 KiB tmpfs that is then filled
write_conf ""
sed -i "s|path: \"$work/alerts.json\"|path: \"$work/small/alerts.json\"|" "$conf"
kill -TERM "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=
check "SIGTERM: exit 0" '[ $rc -eq 0 ]'
check "STOPPING=1 is sent" 'grep -qx STOPPING=1 "$work/notify.log"'
ip netns exec "$srv" env NOTIFY_SOCKET="$work/notify.sock" "$LW_BIN" -c "$conf" -i "${tag}b" 2>"$work/lw2.err" &
lw_pid=$!
wait_for 5 '[ -f $work/small/alerts.json ]'
head -c 70000 /dev/zero > "$work/small/filler" 2>/dev/null
irc; irc; sleep 2.5
check "disk full: still running" 'kill -0 "$lw_pid"'
check "disk full: one line says so" '[ "$(grep -c "disk full" "$work/lw2.err")" -eq 1 ]'
check "disk full: the records are counted as dropped" 'wait_for 2 "[ \$(metric leakwatch_output_dropped_total) -ge 2 ]"'
rm "$work/small/filler"
irc
check "room again: the next alert is written, and one line says so" \
    'wait_for 5 "[ \$(alerts_in $work/small/alerts.json) -ge 1 ]" && [ "$(grep -c "room again" "$work/lw2.err")" -eq 1 ]'
kill -INT "$lw_pid"; wait "$lw_pid"; rc=$?; lw_pid=
check "after the full disk: exit 0" '[ $rc -eq 0 ]'
check "the file holds whole JSON lines only" \
    "$py -c 'import json,sys; [json.loads(l) for l in open(\"$work/small/alerts.json\")]'"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
