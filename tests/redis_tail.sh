#!/bin/sh
# redis_tail.sh — leakwatch-tail against a private redis-server: the readable line of an alert
# (fields, alert id, IPv6 as [addr]:port, control characters neutralised), --json, --list,
# the filters (--device address or network, --category, --min-severity; bad values exit 2),
# consumer groups (--group/--consumer: the group is created, every printed entry is XACKed, a
# second run sees only new entries, entries left pending by a crashed consumer are printed
# again, entries trimmed while pending are reported and acknowledged), and a clean exit on
# SIGINT. Fails without redis-server or redis-cli. timeout --foreground: a signal to the whole
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
passed=0
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "PASS: $*"; passed=$((passed + 1)); }
rcli() { redis-cli -p "$port" "$@"; }
tail_for() { timeout --foreground -s INT "${secs:-1}" "$TAIL" -u "redis://127.0.0.1:$port" "$@"; }
# expect NAME WANT TAIL-ARGS…: the output of one run is exactly WANT
expect() {
    name=$1 want=$2; shift 2
    tail_for "$@" >"$dir/out" 2>"$dir/err"
    [ "$(cat "$dir/out")" = "$want" ] || fail "$name: got [$(cat "$dir/out")] want [$want] ($(cat "$dir/err"))"
    ok "$name"
}

a1='{"timestamp":"2025-05-04T10:12:33.123456+0000","event_type":"alert","alert_id":"a1","src_ip":"10.1.2.3","src_port":51834,"dest_ip":"203.0.113.7","dest_port":80,"proto":"TCP","app_proto":"http","alert":{"signature_id":8700101,"signature":"Chat \u001b[31m message","category":"plaintext_message","severity":1},"dest":{"host":"archive.example.net","country":"US","asn":null},"device":{"ip":"10.1.2.3","mac":null}}'
a2='{"timestamp":"2025-05-04T10:12:34.000001+0000","event_type":"alert","alert_id":"a2","src_ip":"2001:db8:a1::50","src_port":40000,"dest_ip":"2001:db8:ff::7","dest_port":443,"proto":"TCP","app_proto":"tls","alert":{"signature_id":8700400,"signature":"TeleMessage archive server (TM SGNL)","category":"unapproved_archive","severity":2},"dest":{"host":"archive.telemessage.com","country":null,"asn":null},"device":{"ip":"2001:db8:a1::50","mac":null}}'
a3='{"timestamp":"2025-05-04T10:12:35.000000+0000","event_type":"alert","alert_id":"a3","src_ip":"10.9.9.9","src_port":5000,"dest_ip":"198.51.100.9","dest_port":25,"proto":"TCP","app_proto":"smtp","alert":{"signature_id":8700200,"signature":"SMTP mail body in cleartext","category":"cleartext_transport","severity":3},"dest":{"host":null,"country":null,"asn":null},"device":{"ip":"10.9.9.9","mac":null}}'
stats='{"timestamp":"2025-05-04T10:12:36.000000+0000","event_type":"stats","stats":{"packets":1}}'
l1='2025-05-04T10:12:33.123456+0000 sev1 plaintext_message "Chat ?[31m message" 10.1.2.3:51834 → 203.0.113.7:80 (archive.example.net, US) http id=a1'
l2='2025-05-04T10:12:34.000001+0000 sev2 unapproved_archive "TeleMessage archive server (TM SGNL)" [2001:db8:a1::50]:40000 → [2001:db8:ff::7]:443 (archive.telemessage.com, -) tls id=a2'
l3='2025-05-04T10:12:35.000000+0000 sev3 cleartext_transport "SMTP mail body in cleartext" 10.9.9.9:5000 → 198.51.100.9:25 (-, -) smtp id=a3'
nl='
'
for rec in "$a1" "$a2" "$a3" "$stats"; do rcli XADD lw:t '*' eve "$rec" >/dev/null; done
rcli RPUSH lw:l "$a1" >/dev/null

expect "stream lines: fields, alert id, [v6]:port, stats raw" "$l1$nl$l2$nl$l3$nl$stats" -k lw:t --from-start
expect "--json" "$a1$nl$a2$nl$a3$nl$stats" -k lw:t --from-start --json
expect "--list" "$l1" -k lw:l --list --from-start
expect "--device address (stats records dropped by any filter)" "$l1" -k lw:t --from-start --device 10.1.2.3
expect "--device IPv6 written differently" "$l2" -k lw:t --from-start --device 2001:DB8:A1:0:0::50
expect "--device network" "$l1$nl$l3" -k lw:t --from-start --device 10.0.0.0/8
expect "--category" "$l2" -k lw:t --from-start --category unapproved_archive
expect "--min-severity 2: severities 1 and 2" "$l1$nl$l2" -k lw:t --from-start --min-severity 2
expect "filters combine" "$l3" -k lw:t --from-start --device 10.0.0.0/8 --min-severity 3 --category cleartext_transport
expect "--json keeps the filters" "$a2" -k lw:t --from-start --json --min-severity 2 --device ::/0
for bad in "--category nope" "--min-severity 0" "--min-severity 4" "--device 10.0.0.300" "--group g" \
           "--consumer c" "--list --group g --consumer c"; do
    # shellcheck disable=SC2086
    "$TAIL" -u "redis://127.0.0.1:$port" $bad >/dev/null 2>&1
    [ $? -eq 2 ] || fail "'$bad' should exit 2"
done
ok "bad filter values and incomplete group options exit 2"

# Consumer groups.
expect "--group: a new group from the start prints everything" "$l1$nl$l2$nl$l3$nl$stats" \
    -k lw:t --from-start --group soc --consumer c1
[ "$(rcli XINFO GROUPS lw:t | sed -n 2p)" = soc ] || fail "group soc not created"
[ "$(rcli XPENDING lw:t soc | head -1)" = 0 ] || fail "entries left pending: $(rcli XPENDING lw:t soc)"
ok "--group: the group exists and nothing is left pending (every entry XACKed)"
expect "--group: a second run of the group sees nothing old" "" -k lw:t --group soc --consumer c1
rcli XADD lw:t '*' eve "$a2" >/dev/null
rcli XREADGROUP GROUP soc c2 COUNT 1 STREAMS lw:t '>' >/dev/null   # c2 takes it and "crashes"
[ "$(rcli XPENDING lw:t soc | head -1)" = 1 ] || fail "setup: no pending entry"
expect "--group: a consumer prints what it left pending before, then XACKs it" "$l2" -k lw:t --group soc --consumer c2
[ "$(rcli XPENDING lw:t soc | head -1)" = 0 ] || fail "pending after redelivery: $(rcli XPENDING lw:t soc)"
ok "--group: nothing pending after the redelivery"
secs=2 expect "--group with filters: only what they keep is printed" "$l1" -k lw:t --group soc --consumer c1 \
    --min-severity 1 &
sleep 0.3
rcli XADD lw:t '*' eve "$a3" >/dev/null
rcli XADD lw:t '*' eve "$a1" >/dev/null
wait $! || exit 1
passed=$((passed + 1)) # counted in the background shell
[ "$(rcli XPENDING lw:t soc | head -1)" = 0 ] || fail "filtered entries left pending"
ok "--group: filtered-out entries are acknowledged too"
# Redis 7 semantics (doc/redis.md): trimming deletes an entry a consumer still has pending; the
# group keeps only its id, and XREADGROUP returns it without fields.
rcli XADD lw:t '*' eve "$a3" >/dev/null
rcli XREADGROUP GROUP soc c3 COUNT 1 STREAMS lw:t '>' >/dev/null
rcli XTRIM lw:t MAXLEN 0 >/dev/null
expect "--group: a pending entry trimmed away prints nothing" "" -k lw:t --group soc --consumer c3
grep -q "was trimmed from lw:t (MAXLEN) before it was acknowledged: lost to group soc" "$dir/err" ||
    fail "no trimmed-entry report: $(cat "$dir/err")"
[ "$(rcli XPENDING lw:t soc | head -1)" = 0 ] || fail "trimmed entry still pending"
ok "--group: a trimmed pending entry is reported on stderr and acknowledged"

"$TAIL" -u "redis://127.0.0.1:$port" -k lw:t >/dev/null &
tpid=$!
sleep 0.3
kill -INT $tpid
wait $tpid || fail "exit status $? after SIGINT"
"$TAIL" -u "redis://127.0.0.1:$port" -k lw:t --group soc --consumer c9 >/dev/null &
tpid=$!
sleep 0.3
kill -INT $tpid
wait $tpid || fail "group mode: exit status $? after SIGINT"
ok "SIGINT: a clean exit, stream and group mode"
echo "$passed passed, 0 failed"
