#!/bin/bash
# redis_maxlen.sh — stream trimming and consumer groups, through the real leakwatch binary and a
# private redis-server (Debian 12: 7.0.15) on a free loopback port. Measures what doc/redis.md
# says: `XADD … MAXLEN ~ N` keeps the stream near N entries and deletes entries a consumer group
# has delivered but not acknowledged — XPENDING keeps their ids, XREADGROUP (history) returns
# them without fields, leakwatch-tail --group reports them as lost — and `maxlen: 0` sends no
# MAXLEN at all, so nothing is trimmed. The server runs with stream-node-max-entries 10 so that
# "~" (which only drops whole nodes) acts on a few dozen entries.
# Prints PASS/FAIL lines and "N passed, N failed"; fails without redis-server or python3-scapy.
set -u
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || { echo "FAIL: redis-server not installed"; exit 1; }
/usr/bin/python3 -c 'import scapy' 2>/dev/null || { echo "FAIL: python3-scapy not installed"; exit 1; }
SRC=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
LW=${LW_BIN:-${LW_TOP_BUILDDIR:-.}/leakwatch}
TAIL=${LW_TOP_BUILDDIR:-$(dirname "$LW")}/leakwatch-tail
T=$(mktemp -d /tmp/lw-redis-maxlen-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
passed=0 failed=0
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --stream-node-max-entries 10 \
    --daemonize no >"$T/redis.log" 2>&1 &
rpid=$!
trap 'kill -9 $rpid 2>/dev/null; wait 2>/dev/null; rm -rf "$T"' EXIT
rcli() { timeout --foreground 5 redis-cli -h 127.0.0.1 -p "$port" "$@"; }
for i in $(seq 50); do [ "$(rcli ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
check() { local name=$1; shift; if "$@"; then echo "PASS: $name"; passed=$((passed + 1)); else echo "FAIL: $name"; failed=$((failed + 1)); fi; }

# CAPTURE N BASE: N chat posts, one alert each (tests/gen/make_corpus.py's builders).
cat >"$T/gen.py" <<'EOF'
import random, sys
sys.path.insert(0, sys.argv[1] + "/tests/gen")
import make_corpus as mc
out, n, base = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(base)
cap = mc.Capture(out.rsplit("/", 1)[1], start=mc.T0 + base)
for i in range(n):
    t = mc.Tcp(cap, mc.dev(i % 200), base + i, "203.0.113.20", 80).open()
    t.send("c", mc.http_request("POST", "/api/v1/messages", "chat.example.net", mc.chat_json("text", mc.MSG["en"], rng),
                                "application/json"))
    t.close()
cap.write(out.rsplit("/", 1)[0])
EOF
/usr/bin/python3 "$T/gen.py" "$SRC" "$T/a.pcap" 15 20000 && /usr/bin/python3 "$T/gen.py" "$SRC" "$T/b.pcap" 45 30000 ||
    { echo "FAIL: cannot generate the captures"; echo "0 passed, 1 failed"; exit 1; }
# replay CAPTURE KEY MAXLEN SPOOL: alerts to Redis (stream) and a JSON file
replay() {
    (cd "$SRC" && timeout --foreground 60 "$LW" -c conf/demo.yaml -r "$1" -o "json:$T/$4.json" \
        -o "redis://127.0.0.1:$port/0?key=$2&maxlen=$3&spool=$T/spool-$4") >/dev/null 2>"$T/$4.err"
}
alerts() { grep -c '"event_type":"alert"' "$1"; }

# ---- MAXLEN ~ 20 trims, pending entries included
rcli XGROUP CREATE lw:m soc '$' MKSTREAM >/dev/null
replay "$T/a.pcap" lw:m 20 a
n_a=$(alerts "$T/a.json")
check "run A: $n_a alerts, all in the stream (under maxlen)" [ "$n_a" = 15 -a "$(rcli XLEN lw:m)" = 15 ]
rcli XREADGROUP GROUP soc c1 COUNT 100 STREAMS lw:m '>' >/dev/null # delivered, never acknowledged
check "a consumer holds all $n_a entries pending" [ "$(rcli XPENDING lw:m soc | head -1)" = "$n_a" ]
replay "$T/b.pcap" lw:m 20 b
len=$(rcli XLEN lw:m)
n_b=$(alerts "$T/b.json")
check "run B: $n_b more alerts, the stream trimmed to about 20 (XLEN $len: 20 <= XLEN < 20 + one node of 10)" \
    [ "$n_b" = 45 -a "$len" -ge 20 -a "$len" -lt 30 ]
check "Redis 7: XPENDING still lists the $n_a ids trimming deleted" [ "$(rcli XPENDING lw:m soc | head -1)" = "$n_a" ]
rcli XREADGROUP GROUP soc c1 COUNT 100 STREAMS lw:m 0 >"$T/history"
check "XREADGROUP from 0 returns those ids without their fields: the alerts are gone" \
    [ "$(grep -c '^[0-9]*-[0-9]*$' "$T/history")" = "$n_a" -a "$(grep -c '"alert_id"' "$T/history")" = 0 ]
timeout --foreground -s INT 2 "$TAIL" -u "redis://127.0.0.1:$port" -k lw:m --group soc --consumer c1 >"$T/tail.out" 2>"$T/tail.err"
check "leakwatch-tail --group reports each of them as lost, prints the $len new ones, leaves nothing pending" \
    [ "$(grep -c 'before it was acknowledged: lost to group soc' "$T/tail.err")" = "$n_a" \
      -a "$(grep -c ' id=' "$T/tail.out")" = "$len" -a "$(rcli XPENDING lw:m soc | head -1)" = 0 ]

# ---- maxlen: 0 never trims
replay "$T/a.pcap" lw:z 0 z1
replay "$T/b.pcap" lw:z 0 z2
check "maxlen 0: all $((n_a + n_b)) alerts stay in the stream" [ "$(rcli XLEN lw:z)" = $((n_a + n_b)) ]
replay "$T/b.pcap" lw:y 20 y
check "the same 45 alerts with maxlen 20 leave fewer than 30 (the contrast)" [ "$(rcli XLEN lw:y)" -lt 30 ]
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
