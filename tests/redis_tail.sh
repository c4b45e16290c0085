#!/bin/sh
# redis_tail.sh — leakwatch-tail against a private redis-server: the readable line of an alert
# (fields, control characters neutralised), --json, --list, and a clean exit on SIGINT.
# Fails without redis-server or redis-cli. timeout --foreground: a signal to the whole
# process group can hang LeakSanitizer's exit-time check in sanitizer builds.
set -u
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || { echo "FAIL: redis-server not installed"; exit 1; }
TAIL=${LW_TOP_BUILDDIR:-.}/leakwatch-tail
dir=$(mktemp -d /tmp/lw-tail-test-XXXXXX)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fail() { echo "FAIL: $*"; exit 1; }

alert='{"timestamp":"2025-05-04T10:12:33.123456+0000","event_type":"alert","alert_id":"a1","src_ip":"10.1.2.3","src_port":51834,"dest_ip":"203.0.113.7","dest_port":80,"proto":"TCP","app_proto":"HTTP","alert":{"signature_id":8700101,"signature":"Chat \u001b[31m message","category":"plaintext_message","severity":1},"dest":{"host":"archive.example.net","country":"US","asn":null},"device":{"ip":"10.1.2.3","mac":null}}'
redis-cli -p "$port" XADD lw:t '*' eve "$alert" >/dev/null
redis-cli -p "$port" RPUSH lw:l "$alert" >/dev/null

timeout --foreground -s INT 1 "$TAIL" -u "redis://127.0.0.1:$port" -k lw:t --from-start >"$dir/out"
want='2025-05-04T10:12:33.123456+0000 sev1 plaintext_message "Chat ?[31m message" 10.1.2.3:51834 → 203.0.113.7:80 (archive.example.net, US) HTTP'
[ "$(cat "$dir/out")" = "$want" ] || fail "stream line: $(cat "$dir/out")"

timeout --foreground -s INT 1 "$TAIL" -u "redis://127.0.0.1:$port" -k lw:t --from-start --json >"$dir/out"
[ "$(cat "$dir/out")" = "$alert" ] || fail "--json: $(cat "$dir/out")"

timeout --foreground -s INT 1 "$TAIL" -u "redis://127.0.0.1:$port" -k lw:l --list --from-start >"$dir/out"
[ "$(cat "$dir/out")" = "$want" ] || fail "list line: $(cat "$dir/out")"

"$TAIL" -u "redis://127.0.0.1:$port" -k lw:t >/dev/null &
tpid=$!
sleep 0.3
kill -INT $tpid
wait $tpid || fail "exit status $? after SIGINT"
echo "PASS"
