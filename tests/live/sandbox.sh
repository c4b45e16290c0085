#!/usr/bin/env bash
# sandbox.sh — the unit's ExecStart under the unit's sandbox, without systemd: everything is
# read from systemd/leakwatch.service and rebuilt with namespaces, so a change to the unit is a
# change to what is tested. In a private mount namespace inside a network namespace:
# ProtectSystem=strict (every mount read-only), StateDirectory=/LogsDirectory=/RuntimeDirectory=
# (writable, owned by the service user, their modes), PrivateTmp=, ProtectHome=, the
# configuration at /etc/leakwatch/leakwatch.yaml (an overlay) and the binary where ExecStart's
# name is looked up; then User= (a uid of its own), CapabilityBoundingSet=/AmbientCapabilities=,
# NoNewPrivileges=, UMask= through setpriv, under strace. With a JSON file in /var/log/leakwatch,
# a Redis sink spooling in /var/lib/leakwatch/spool, evidence captures in /var/lib/leakwatch/pcap
# and metrics on, live on a veth: READY, an alert in every sink, /metrics and /healthz, the
# process's capabilities, a reload, logrotate with the packaged file, SIGTERM. The system calls
# and socket families it used must all be allowed by SystemCallFilter= and
# RestrictAddressFamilies= (which namespaces cannot apply). And systemd-analyze security
# --offline=true rates the unit <= 2.0. Needs root. Prints "N passed, N failed".
set -u
LW_BIN=$(realpath "${LW_BIN:-./leakwatch}")
top=$(cd "$(dirname "$0")/../.." && pwd)
unit=$top/systemd/leakwatch.service
py=/usr/bin/python3
tag=lx$$
dev=${tag}d; srv=${tag}s
work=$(mktemp -d /tmp/lw-sandbox-XXXXXX)
pass=0; fail=0
check() { if eval "$2"; then echo "PASS: $1"; pass=$((pass+1)); else echo "FAIL: $1"; fail=$((fail+1)); fi; }
cleanup() {
    [ -n "${lw_pid:-}" ] && kill -9 "$lw_pid" 2>/dev/null
    for p in ${bg_pids:-}; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    ip netns del "$dev" 2>/dev/null; ip netns del "$srv" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
wait_for() { local end=$(($(date +%s%N) + $1 * 1000000000)); until eval "$2"; do
    [ "$(date +%s%N)" -gt "$end" ] && return 1; sleep 0.05; done; }
# The value of a [Service] setting (the last one when repeated), or all of them with -a.
setting() { if [ "$1" = -a ]; then sed -n "s/^$2=//p" "$unit"; else sed -n "s/^$1=//p" "$unit" | tail -1; fi; }

if [ "$(id -u)" -ne 0 ] || ! ip netns add "$dev" 2>/dev/null; then
    echo "FAIL: the sandbox test needs root and ip netns"; echo "0 passed, 1 failed"; exit 1
fi
for tool in redis-server curl strace setpriv systemd-analyze logrotate; do
    command -v $tool >/dev/null || { echo "FAIL: $tool not installed"; echo "0 passed, 1 failed"; exit 1; }
done

score=$(systemd-analyze security --offline=true "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
check "systemd-analyze security --offline=true: $score <= 2.0" '[ -n "$score" ] && awk "BEGIN{exit !($score <= 2.0)}"'
check "the unit: Type=notify, WatchdogSec=, User=leakwatch, CAP_NET_RAW only" \
    '[ "$(setting Type)" = notify ] && [ -n "$(setting WatchdogSec)" ] && [ "$(setting User)" = leakwatch ] &&
     [ "$(setting CapabilityBoundingSet)" = CAP_NET_RAW ] && [ "$(setting AmbientCapabilities)" = CAP_NET_RAW ]'
check "the unit: state (spool, pcap), logs and runtime directories, ProtectSystem=strict" \
    '[ "$(setting StateDirectory)" = "leakwatch leakwatch/spool leakwatch/pcap" ] && [ "$(setting LogsDirectory)" = leakwatch ] &&
     [ "$(setting RuntimeDirectory)" = leakwatch ] && [ "$(setting ProtectSystem)" = strict ]'

ip netns add "$srv"
ip link add "${tag}a" type veth peer name "${tag}b"
ip link set "${tag}a" netns "$dev"; ip link set "${tag}b" netns "$srv"
ip -n "$dev" addr add 10.10.0.2/24 dev "${tag}a"
ip -n "$srv" addr add 203.0.113.1/24 dev "${tag}b"
for ns in "$dev" "$srv"; do ip -n "$ns" link set lo up; done
ip -n "$dev" link set "${tag}a" up; ip -n "$srv" link set "${tag}b" up
ip -n "$dev" route add 203.0.113.0/24 dev "${tag}a"
ip -n "$srv" route add 10.10.0.0/24 dev "${tag}b"
ip netns exec "$srv" redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no >/dev/null 2>&1 &
bg_pids="$!"
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
touch "$work/notify.log"
ip netns exec "$srv" "$py" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind("\0" + sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    while True:
        out.write(s.recv(4096).decode().replace("\n", " ") + "\n")
' "lw-notify-$tag" "$work/notify.log" &
bg_pids="$bg_pids $!"
irc() {
    ip netns exec "$dev" "$py" -c '
import socket, time
c = socket.create_connection(("203.0.113.1", 6667), timeout=5)
for line in [b"NICK alice\r\n", b"USER alice 0 * :Alice\r\n", b"JOIN #ops\r\n",
             b"PRIVMSG #ops :the quarterly numbers look bad, do not forward this to anyone\r\n", b"QUIT :bye\r\n"]:
    c.sendall(line); time.sleep(0.05)
c.close()
'
}

# The service user: a uid and gid no account uses (sysusers.d would allocate one).
uid=$(awk -F: 'BEGIN{u=61000} {used[$3]=1} END{while (used[u]) u++; print u}' /etc/passwd /etc/group)
# The configuration and the signature packs under /etc/leakwatch (an overlay): the checkout may
# be under /tmp, which PrivateTmp= hides.
mkdir -p "$work/etc-upper/leakwatch" "$work/etc-work"
cp -r "$top/signatures" "$work/etc-upper/leakwatch/signatures"
conf=$work/etc-upper/leakwatch/leakwatch.yaml
write_conf() {
    cat > "$conf" <<YAML
capture:
  interface: ${tag}b
$1
signatures:
  paths: [/etc/leakwatch/signatures]
metrics:
  listen: "127.0.0.1:9717"
outputs:
  json: {path: /var/log/leakwatch/alerts.json}
  redis: {url: "redis://127.0.0.1:6379/0"}
  pcap: {dir: /var/lib/leakwatch/pcap}
YAML
}
write_conf ""

# The sandbox, built in a new mount namespace by root, then entered by the service user.
cat > "$work/sandbox-inner.sh" <<'INNER'
set -eu
work=$1 uid=$2 bin=$3 notify=$4; shift 4
unit_text=$(cat "$UNIT") # read before PrivateTmp= may hide it
setting() { printf '%s\n' "$unit_text" | sed -n "s/^$1=//p" | tail -1; }
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=/etc,upperdir=$work/etc-upper,workdir=$work/etc-work" /etc
mount -t tmpfs -o mode=0755 tmpfs /usr/local/bin && cp "$bin" /usr/local/bin/leakwatch
for base in /var/lib /var/log /run; do mount -t tmpfs -o mode=0755 tmpfs "$base"; done
writable=""
for kind in State:/var/lib Logs:/var/log Runtime:/run; do
    mode=$(setting "${kind%%:*}DirectoryMode"); mode=${mode:-0755}
    for d in $(setting "${kind%%:*}Directory"); do
        mkdir -p "${kind#*:}/$d"; chown "$uid:$uid" "${kind#*:}/$d"; chmod "$mode" "${kind#*:}/$d"
        mount --bind "${kind#*:}/$d" "${kind#*:}/$d"; writable="$writable ${kind#*:}/$d"
    done
done
exec 8>>"$work/trace" 9>>"$work/lw.err"
[ "$(setting PrivateTmp)" = yes ] && for t in /tmp /var/tmp; do mount -t tmpfs -o mode=1777 tmpfs "$t"; writable="$writable $t"; done
[ "$(setting ProtectHome)" = yes ] && for h in /home /root; do [ -d "$h" ] && mount -t tmpfs -o ro,mode=0755 tmpfs "$h"; done
# ProtectSystem=strict: every mount read-only, but the API file systems and the writable ones.
awk '{print $5}' /proc/self/mountinfo | sort -u | while read -r m; do
    case " $writable " in *" $m "*) continue;; esac
    case "$m" in /proc|/proc/*|/sys|/sys/*|/dev|/dev/*) continue;; esac
    mount -o remount,bind,ro "$m" 2>/dev/null || true
done
caps=$(setting CapabilityBoundingSet | tr 'A-Z' 'a-z' | sed 's/cap_/+/g; s/ /,/g')
ambient=$(setting AmbientCapabilities | tr 'A-Z' 'a-z' | sed 's/cap_/+/g; s/ /,/g')
nnp=; [ "$(setting NoNewPrivileges)" = yes ] && nnp=--no-new-privs
umask "$(setting UMask)"
exec strace -f -qq -o '!cat >&8' setpriv --reuid="$uid" --regid="$uid" --clear-groups --inh-caps="-all,$ambient" \
    --ambient-caps="-all,$ambient" --bounding-set="-all,$caps" $nnp -- \
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin NOTIFY_SOCKET="@$notify" \
    WATCHDOG_USEC="$(($(setting WatchdogSec | tr -d s) * 1000000))" $(setting ExecStart) 2>&9
INNER
ip netns exec "$srv" env UNIT="$unit" unshare -m bash "$work/sandbox-inner.sh" "$work" "$uid" "$LW_BIN" "lw-notify-$tag" &
lw_pid=$!
metric() { ip netns exec "$srv" curl -s --max-time 5 http://127.0.0.1:9717/metrics | awk -v k="$1" '$1 == k {print $2}'; }
alerts_in() { local n; n=$(grep -c '"event_type":"alert"' "$1" 2>/dev/null); echo "${n:-0}"; }

check "READY=1 from inside the sandbox" 'wait_for 10 "grep -qx READY=1 $work/notify.log"'
# lw_pid became strace (ip netns exec, unshare and bash exec); leakwatch is its child.
wait_for 5 'pgrep -P "$lw_pid" -x leakwatch >/dev/null'
leak_pid=$(pgrep -P "$lw_pid" -x leakwatch)
if ! check "leakwatch runs in the sandbox" '[ -n "$leak_pid" ] && kill -0 "$leak_pid"'; then
    grep -a -v '^$' "$work/lw.err" | tail -5
    echo "$pass passed, $((fail + 1)) failed (the rest needs it running)"
    exit 1
fi
root=/proc/$leak_pid/root
check "it runs as the service user with CAP_NET_RAW alone (CapEff 0000000000002000)" \
    'grep -q "^Uid:.$uid" /proc/$leak_pid/status && grep -q "^CapEff:.0000000000002000$" /proc/$leak_pid/status &&
     grep -q "^CapBnd:.0000000000002000$" /proc/$leak_pid/status && grep -q "^NoNewPrivs:.1$" /proc/$leak_pid/status'
check "/healthz answers 200" '[ "$(ip netns exec "$srv" curl -s -o /dev/null -w %{http_code} http://127.0.0.1:9717/healthz)" = 200 ]'
irc
check "the alert is in /var/log/leakwatch/alerts.json" 'wait_for 5 "[ \$(alerts_in $root/var/log/leakwatch/alerts.json) -ge 1 ]"'
check "the JSON file is 0640, owned by the service user" \
    '[ "$(stat -c "%a %u" "$root/var/log/leakwatch/alerts.json")" = "640 $uid" ]'
check "the alert went to Redis through the spool in /var/lib/leakwatch/spool" \
    'wait_for 5 "[ \"\$(ip netns exec $srv redis-cli XLEN leakwatch:alerts)\" = 1 ]" && [ -f "$root/var/lib/leakwatch/spool/ack" ]'
alert_id=$(sed -n 's/.*"alert_id":"\([^"]*\)".*/\1/p' "$root/var/log/leakwatch/alerts.json" | head -1)
check "the alert's packets are in /var/lib/leakwatch/pcap/<alert_id>.pcap" \
    'wait_for 5 "[ -s $root/var/lib/leakwatch/pcap/$alert_id.pcap ]" && capinfos -c "$root/var/lib/leakwatch/pcap/$alert_id.pcap" >/dev/null'
# A scrape reads the snapshot of up to 250 ms ago.
metrics_ok() { [ "$(metric leakwatch_redis_connected)" = 1 ] && [ "$(metric leakwatch_packets_total)" -gt 0 ] &&
               [ "$(metric 'leakwatch_alerts_total{category="plaintext_message"}')" = 1 ]; }
check "/metrics: packets > 0, one alert, Redis connected" 'wait_for 3 metrics_ok'
check "the system outside its directories is read-only for it" \
    'grep -q " / .*ro[,]" /proc/$leak_pid/mountinfo && grep -q " /var/log/leakwatch .*rw[,]" /proc/$leak_pid/mountinfo'

write_conf $'  filter: "udp"'
kill -HUP "$leak_pid"
check "a reload inside the sandbox" 'wait_for 2 "grep -q \"configuration and signatures reloaded\" $work/lw.err"'
sleep 0.6 # the last packets of the previous chat reach the snapshot
packets=$(metric leakwatch_packets_total)
irc; sleep 1
check "the reloaded filter holds: a TCP chat is not captured" '[ -n "$packets" ] && [ "$(metric leakwatch_packets_total)" = "$packets" ]'
write_conf ""
kill -HUP "$leak_pid"; wait_for 2 '[ "$(grep -c reloaded "$work/lw.err")" -ge 2 ]'

# logrotate with the packaged file (its postrotate asks systemd; here the signal goes directly)
sed -e "s|systemctl kill .*leakwatch.service|kill -USR2 $leak_pid|" "$top/conf/leakwatch.logrotate" > "$root/run/leakwatch/lr.conf"
check "logrotate -f with the packaged file rotates alerts.json" \
    'nsenter -t "$leak_pid" -m logrotate -f -s /run/leakwatch/lr.state /run/leakwatch/lr.conf 2>"$work/lr.err" &&
     ls "$root"/var/log/leakwatch/alerts.json-* >/dev/null 2>&1 || { cat "$work/lr.err"; false; }'
irc
check "after logrotate the next alert starts a new alerts.json" 'wait_for 5 "[ \$(alerts_in $root/var/log/leakwatch/alerts.json) -eq 1 ]"'

kill -TERM "$leak_pid"; wait "$lw_pid"; rc=$?; lw_pid=
check "SIGTERM: exit 0, STOPPING=1" '[ $rc -eq 0 ] && grep -qx STOPPING=1 "$work/notify.log"'
check "standard error holds only the reload lines (and the checksum-offload notice a veth causes)" \
    '! grep -a -v -e "reloaded" -e "^leakwatch: checksums: .* taken as checksum offload" "$work/lw.err"'

# Seccomp and address families: what it used must be what the unit allows.
allowed=$(systemd-analyze syscall-filter --no-pager 2>/dev/null | "$py" -c '
import sys, re
groups, cur = {}, None
for line in sys.stdin:
    if line.startswith("@"):
        cur = groups.setdefault(line.split()[0], [])
    elif cur is not None and line.strip() and not line.strip().startswith("#"):
        cur.append(line.split()[0])
def expand(name, seen=()):
    out = set()
    for m in groups.get(name, [name]) if name.startswith("@") else [name]:
        out |= expand(m, seen + (name,)) if m.startswith("@") and m not in seen else {m}
    return out
allow = set()
for line in sys.argv[1:]:
    deny = line.startswith("~")
    names = set().union(*(expand(n) for n in line.lstrip("~").split()))
    allow = allow - names if deny else allow | names
print(" ".join(sorted(allow)))
' $(setting -a SystemCallFilter | sed 's/ /\\ /g' | tr '\n' ' ' | sed 's/\\ / /g'))
"$py" - "$work/trace" "$allowed" "$(setting RestrictAddressFamilies)" > "$work/seccomp.out" <<'PY'
import re, sys
trace, allowed, families = sys.argv[1], set(sys.argv[2].split()), set(sys.argv[3].split())
used, fams, started = set(), set(), False
for line in open(trace, errors="replace"):
    m = re.match(r"\d+\s+(?:<\.\.\. )?([a-z0-9_]+)[( ]", line)
    if not m:
        continue
    if not started:
        started = m.group(1) == "execve" and "/leakwatch\"" in line and line.rstrip().endswith("= 0")
        continue
    used.add(m.group(1))
    f = re.match(r"\d+\s+socket\((AF_[A-Z0-9]+)", line)
    if f:
        fams.add(f.group(1))
print("syscalls", len(used), "families", " ".join(sorted(fams)))
print("not allowed:", " ".join(sorted(used - allowed)) or "-")
print("families not allowed:", " ".join(sorted(fams - families)) or "-")
sys.exit(0 if started and used <= allowed and fams <= families else 1)
PY
cat "$work/seccomp.out"
traced=$(sed -n 's/^syscalls \([0-9]*\) .*/\1/p' "$work/seccomp.out")
check "every system call it made ($traced) is in SystemCallFilter= (expanded by systemd-analyze)" \
    '[ -n "$allowed" ] && [ "${traced:-0}" -gt 20 ] && [ "$(sed -n "s/^not allowed: //p" "$work/seccomp.out")" = - ]'
check "every socket family it opened is in RestrictAddressFamilies=" \
    '[ "${traced:-0}" -gt 20 ] && [ "$(sed -n "s/^families not allowed: //p" "$work/seccomp.out")" = - ]'
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
