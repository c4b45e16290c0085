#!/bin/bash
# redis_e2e.sh — the Redis alert bus end to end, through the real leakwatch binary and a private
# redis-server on a free loopback port (AOF on, fsync always, in a temporary directory):
#   (a) stream, list and channel each carry exactly the alerts of a JSON sink of the same run, in
#       order, and the stats record on <key>:stats;
#   (b) a wrong AUTH password is one clear error line and exit status 1;
#   (c) Redis SIGKILLed in the middle of a slowly fed replay and restarted: no alert_id missing;
#   (d) Redis down for a whole run: exit 0, alerts spooled; the next run delivers them first;
#   (e) leakwatch SIGKILLed mid-run while Redis is down, and while it is frozen (SIGSTOP): the
#       next run delivers every alert the killed run had written;
#   (f) a spool cap too small: exit 0, the drops counted, everything else delivered.
# The captures are generated here (tests/gen/make_corpus.py's builders, python3-scapy).
# Prints PASS/FAIL lines and "N passed, N failed"; fails without redis-server or scapy.
# Every wait is bounded; timeout --foreground keeps sanitizer builds from hanging on exit.
# Talks to nothing but 127.0.0.1.
set -u
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || { echo "FAIL: redis-server not installed"; exit 1; }
/usr/bin/python3 -c 'import scapy' 2>/dev/null || { echo "FAIL: python3-scapy not installed"; exit 1; }
SRC=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
LW=${LW_BIN:-${LW_TOP_BUILDDIR:-.}/leakwatch}
T=$(mktemp -d /tmp/lw-redis-e2e-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rpid="" passed=0 failed=0
cleanup() {
    exec 2>/dev/null
    jobs -p | xargs -r kill -9 2>/dev/null
    [ -n "$rpid" ] && kill -9 "$rpid" 2>/dev/null
    wait 2>/dev/null
    [ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }

# wait_for SECONDS COMMAND…: poll every 50 ms.
wait_for() {
    local n=$(($1 * 20)); shift
    while [ "$n" -gt 0 ]; do "$@" >/dev/null 2>&1 && return 0; sleep 0.05; n=$((n - 1)); done
    return 1
}
rcli() { timeout --foreground 5 redis-cli --no-auth-warning -h 127.0.0.1 -p "$port" "$@"; }
redis_up() { [ "$(rcli ping 2>/dev/null)" = PONG ]; }
redis_start() {
    mkdir -p "$T/redis"
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always \
        --dir "$T/redis" --daemonize no >>"$T/redis.log" 2>&1 &
    rpid=$!
    wait_for 10 redis_up || { echo "redis-server did not start (see its log below)"; cat "$T/redis.log"; exit 1; }
}
redis_kill() { kill -9 "$rpid"; wait "$rpid" 2>/dev/null; rpid=""; }
url() { echo "redis://127.0.0.1:$port/0?mode=$1&key=$2&spool=$T/spool-$3"; }
lw() { timeout --foreground 30 "$LW" "$@"; }

# The alert_ids of JSON lines in a file, in order (stats records have none).
ids_of() { grep -o '"alert_id":"[^"]*"' "$@" | cut -d'"' -f4; }
# A counter of the Redis sink's --stats line in a stderr file.
counter() { grep '^redis://' "$1" | grep -o " $2 [0-9]*" | head -1 | cut -d' ' -f3; }

# Captures: A = 400 chat JSON posts, B = 60 others (other ports and times: other alert_ids);
# feed.py writes a capture to stdout slowly (CHUNK packets, then PAUSE seconds).
cat >"$T/gen.py" <<'EOF'
import random, sys
sys.path.insert(0, sys.argv[1] + "/tests/gen")
import make_corpus as mc
out, n, base = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(base)
cap = mc.Capture(out.rsplit("/", 1)[1], start=mc.T0 + base)
for i in range(n):
    t = mc.Tcp(cap, mc.dev(i % 400), base + i, "203.0.113.%d" % (10 + i % 3), 80).open()
    body = mc.chat_json("text", mc.MSG["en"], rng)
    t.send("c", mc.http_request("POST", "/api/v1/messages", "chat.example.net", body, "application/json"))
    t.send("s", mc.http_response("201 Created", b'{"ok":true}'))
    t.close()
cap.write(out.rsplit("/", 1)[0])
EOF
cat >"$T/feed.py" <<'EOF'
import struct, sys, time
data, chunk, pause = open(sys.argv[1], "rb").read(), int(sys.argv[2]), float(sys.argv[3])
out, off, n = sys.stdout.buffer, 24, 0
try:
    out.write(data[:24])
    while off < len(data):
        size = struct.unpack_from("<I", data, off + 8)[0]
        out.write(data[off:off + 16 + size])
        off, n = off + 16 + size, n + 1
        if n % chunk == 0:
            out.flush()
            time.sleep(pause)
    out.flush()
except BrokenPipeError:
    pass
EOF
/usr/bin/python3 "$T/gen.py" "$SRC" "$T/a.pcap" 400 20000 && /usr/bin/python3 "$T/gen.py" "$SRC" "$T/b.pcap" 60 30000 ||
    { echo "FAIL: cannot generate the captures"; echo "0 passed, 1 failed"; exit 1; }
feed() { /usr/bin/python3 "$T/feed.py" "$1" 100 0.1; } # 4,000 packets of A: about 4 s

conf() { # conf NAME KEY SPOOL [extra outputs.redis keys]: a config with a Redis and a JSON sink
    cat >"$T/$1.yaml" <<EOF
signatures:
  paths: [$SRC/signatures]
outputs:
  redis: {url: "redis://127.0.0.1:$port/0", key: "$2", spool: "$T/spool-$3"${4:+, $4}}
  json: {path: "$T/$1.json"}
EOF
}

redis_start

# ---- (a) every mode carries the JSON sink's alerts, in order, and the stats record
run_mode() { # run_mode MODE: leakwatch replays A into Redis and a JSON sink
    (cd "$SRC" && lw -c conf/demo.yaml -r "$T/a.pcap" -o "$(url "$1" "lw:a:$1" "a-$1")" -o "json:$T/a-$1.json" --stats) \
        >/dev/null 2>"$T/a-$1.err"
}
for mode in stream list; do
    run_mode "$mode"
    rc=$?
    ids_of "$T/a-$mode.json" >"$T/a-$mode.want"
    if [ "$mode" = stream ]; then rcli XRANGE "lw:a:$mode" - + ; else rcli LRANGE "lw:a:$mode" 0 -1; fi >"$T/a-$mode.redis"
    ids_of "$T/a-$mode.redis" >"$T/a-$mode.got"
    if [ "$mode" = stream ]; then stats=$(rcli XRANGE "lw:a:$mode:stats" - +); else stats=$(rcli LRANGE "lw:a:$mode:stats" 0 -1); fi
    check "(a) $mode: exit 0, the JSON sink's $(wc -l <"$T/a-$mode.want") alerts in order" \
        test "$rc" = 0 -a "$(wc -l <"$T/a-$mode.want")" = 400 -a -z "$(cmp "$T/a-$mode.want" "$T/a-$mode.got" 2>&1)"
    check "(a) $mode: one stats record on lw:a:$mode:stats" test "$(grep -c '"event_type":"stats"' <<<"$stats")" = 1
done

timeout --foreground 20 redis-cli -h 127.0.0.1 -p "$port" SUBSCRIBE lw:a:channel lw:a:channel:stats >"$T/a-channel.sub" 2>/dev/null &
subpid=$!
wait_for 5 sh -c "[ \"\$(redis-cli -h 127.0.0.1 -p $port PUBSUB NUMSUB lw:a:channel | tail -1)\" = 1 ]"
run_mode channel
rc=$?
wait_for 5 sh -c "[ \$(grep -c event_type '$T/a-channel.sub') -ge 401 ]"
kill "$subpid" 2>/dev/null; wait "$subpid" 2>/dev/null
ids_of "$T/a-channel.json" >"$T/a-channel.want"
awk '$0 == "message" { getline ch; getline msg; if (ch == "lw:a:channel") print msg }' "$T/a-channel.sub" >"$T/a-channel.alerts"
ids_of "$T/a-channel.alerts" >"$T/a-channel.got"
check "(a) channel: exit 0, a subscriber got the JSON sink's $(wc -l <"$T/a-channel.want") alerts in order" \
    test "$rc" = 0 -a "$(wc -l <"$T/a-channel.want")" = 400 -a -z "$(cmp "$T/a-channel.want" "$T/a-channel.got" 2>&1)"
check "(a) channel: one stats record on lw:a:channel:stats" \
    test "$(awk '$0 == "message" { getline ch; getline msg; if (ch == "lw:a:channel:stats") print msg }' "$T/a-channel.sub" | grep -c '"event_type":"stats"')" = 1

# ---- (b) a wrong password: one clear line, exit 1
rcli CONFIG SET requirepass s3cret >/dev/null
(cd "$SRC" && lw -c conf/demo.yaml -r tests/data/demo.pcap -o "redis://:wrong@127.0.0.1:$port/0?spool=$T/spool-b") >/dev/null 2>"$T/b.err"
rc=$?
rcli -a s3cret CONFIG SET requirepass "" >/dev/null
check "(b) wrong AUTH password: exit 1, one line naming the server and AUTH, no password: $(head -1 "$T/b.err")" \
    test "$rc" = 1 -a "$(wc -l <"$T/b.err")" = 1 -a -n "$(grep "redis://127.0.0.1:$port: AUTH failed: WRONGPASS" "$T/b.err")" \
    -a -z "$(grep -e wrong -e s3cret "$T/b.err")"

# ---- (c) Redis SIGKILLed in the middle of a replay, restarted later: no alert lost
(cd "$SRC" && feed "$T/a.pcap" | lw -c conf/demo.yaml -r - -o "$(url stream lw:c c)" -o "json:$T/c.json" --stats) \
    >/dev/null 2>"$T/c.err" &
lwjob=$!
wait_for 10 sh -c "[ \$(redis-cli -h 127.0.0.1 -p $port XLEN lw:c) -ge 50 ]"
before=$(rcli XLEN lw:c)
redis_kill
sleep 1
redis_start
after_restart=$(rcli XLEN lw:c)
wait_for 20 sh -c "! kill -0 $lwjob 2>/dev/null"
wait "$lwjob"
rc=$?
ids_of "$T/c.json" | sort -u >"$T/c.want"
rcli XRANGE lw:c - + | grep -o '"alert_id":"[^"]*"' | cut -d'"' -f4 | sort -u >"$T/c.got"
check "(c) Redis killed at $before of 400 alerts ($after_restart kept by its AOF), restarted: exit 0, all $(wc -l <"$T/c.got") alert_ids, $(counter "$T/c.err" reconnects) reconnects" \
    test "$rc" = 0 -a "$before" -lt 400 -a "$(wc -l <"$T/c.want")" = 400 -a -z "$(cmp "$T/c.want" "$T/c.got" 2>&1)" \
    -a "$(counter "$T/c.err" reconnects)" -ge 1

# ---- (d) Redis down for a whole run: spooled; the next run delivers them first
redis_kill
(cd "$SRC" && lw -c conf/demo.yaml -r "$T/a.pcap" -o "$(url stream lw:d d)" -o "json:$T/d1.json" --stats) >/dev/null 2>"$T/d1.err"
rc1=$?
redis_start
(cd "$SRC" && lw -c conf/demo.yaml -r "$T/b.pcap" -o "$(url stream lw:d d)" -o "json:$T/d2.json" --stats) >/dev/null 2>"$T/d2.err"
rc2=$?
cat "$T/d1.json" "$T/d2.json" | ids_of >"$T/d.want"
rcli XRANGE lw:d - + | grep -o '"alert_id":"[^"]*"' | cut -d'"' -f4 >"$T/d.got"
check "(d) Redis down: exit 0, $(counter "$T/d1.err" spooled) records spooled, left in spool" \
    test "$rc1" = 0 -a "$(counter "$T/d1.err" spooled)" = 401 -a "$(counter "$T/d1.err" delivered)" = 0 \
    -a -n "$(grep 'left in spool' "$T/d1.err")"
check "(d) next run: exit 0, $(counter "$T/d2.err" spool_replayed) spooled records first, then its own $(($(wc -l <"$T/d.want") - 400)) (all $(wc -l <"$T/d.got") in order)" \
    test "$rc2" = 0 -a "$(counter "$T/d2.err" spool_replayed)" = 401 -a "$(wc -l <"$T/d.want")" = 460 \
    -a -z "$(cmp "$T/d.want" "$T/d.got" 2>&1)" -a "$(rcli XLEN lw:d:stats)" = 2

# ---- (e) leakwatch SIGKILLed mid-run while Redis is down (then: frozen by SIGSTOP, so that
# batches hang in flight): the next run with Redis up delivers every alert the killed run wrote
killed_run() { # killed_run NAME: replay A slowly, SIGKILL leakwatch after 20+ alerts
    conf "$1" "lw:$1" "$1" "fsync: always"
    mkfifo "$T/$1.fifo"
    feed "$T/a.pcap" >"$T/$1.fifo" &
    "$LW" -c "$T/$1.yaml" -r - <"$T/$1.fifo" >/dev/null 2>"$T/$1-killed.err" &
    local pid=$!
    wait_for 10 sh -c "[ \$(grep -c alert_id '$T/$1.json' 2>/dev/null) -ge 20 ]"
    kill -9 "$pid"
    wait "$pid" 2>/dev/null
    ids_of "$T/$1.json" >"$T/$1.want" # complete lines only: a cut line has no closing quote
}
next_run() { # next_run NAME WHAT: replay B with Redis up, check the killed run's alerts arrived
    lw -c "$T/$1.yaml" -r "$T/b.pcap" --stats >/dev/null 2>"$T/$1.err"
    local rc=$? wrote missing
    rcli XRANGE "lw:$1" - + | grep -o '"alert_id":"[^"]*"' | cut -d'"' -f4 | sort -u >"$T/$1.got"
    wrote=$(wc -l <"$T/$1.want") missing=$(sort -u "$T/$1.want" | comm -23 - "$T/$1.got" | wc -l)
    check "(e) leakwatch killed ($2) after $wrote alerts in its JSON sink: next run exit 0, $(counter "$T/$1.err" spool_replayed) replayed, $missing missing" \
        test "$rc" = 0 -a "$wrote" -ge 20 -a "$wrote" -lt 400 -a "$missing" = 0
}
redis_kill
killed_run e
redis_start
next_run e "Redis down"
kill -STOP "$rpid"
killed_run e2
kill -CONT "$rpid"
next_run e2 "Redis frozen"

# ---- (f) a spool cap too small (1 MiB, ~1,300 alerts): exit 0, drops counted (drop_oldest)
redis_kill
conf f lw:f f "spool_max: 1048576, spool_overflow: drop_oldest"
spooled=0 dropped=0 rcs=""
for run in 1 2 3 4; do
    lw -c "$T/f.yaml" -r "$T/a.pcap" --stats >/dev/null 2>"$T/f$run.err"
    rcs="$rcs$?"
    spooled=$((spooled + $(counter "$T/f$run.err" spooled))) dropped=$((dropped + $(counter "$T/f$run.err" dropped)))
done
redis_start
lw -c "$T/f.yaml" -r "$T/b.pcap" --stats >/dev/null 2>"$T/f5.err"
rcs="$rcs$?"
stored=$(($(rcli XLEN lw:f) + $(rcli XLEN lw:f:stats)))
replayed=$(counter "$T/f5.err" spool_replayed)
# The fifth run appends its own 61 records to a spool still nearly full: drop_oldest may drop
# earlier runs' records before the sender delivers them (how many depends on who is faster),
# and a record the sender already has in flight is counted dropped and still delivered. So of
# the E records waiting, each is delivered or counted dropped (or both), none more than once.
dropped5=$(counter "$T/f5.err" dropped) waiting=$((spooled - dropped))
check "(f) 4 runs into a 1 MiB spool with Redis down: exit 0, $spooled spooled, $dropped dropped, $replayed of $waiting delivered later ($dropped5 dropped then)" \
    test "$rcs" = 00000 -a "$dropped" -gt 0 -a "$replayed" -le "$waiting" -a $((replayed + dropped5)) -ge "$waiting" \
    -a "$stored" -ge $((replayed + 1)) -a "$stored" -le $((waiting + 61)) \
    -a "$(rcli XRANGE lw:f - + | grep -o '"alert_id":"[^"]*"' | tail -1 | cut -d'"' -f4)" = "$(ids_of "$T/f.json" | tail -1)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
