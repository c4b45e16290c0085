#!/usr/bin/env bash
# run.sh — replays a spread of real captures (every link type, the chat and mail ones, TLS,
# a malformed-ish pcapng) through the release binary under valgrind memcheck: any invalid
# read/write or definite leak fails. Prints "N passed, N failed".
set -u
LW_BIN=${LW_BIN:-./leakwatch}
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$top/tests/data/real
pass=0; fail=0
if ! command -v valgrind >/dev/null; then echo "FAIL: no valgrind"; echo "0 passed, 1 failed"; exit 1; fi
conf=$(mktemp); trap 'rm -f "$conf"' EXIT
printf 'signatures:\n  paths: [%s/signatures]\n' "$top" > "$conf"
for f in ndpi_jabber.pcap zeek_irc-basic.pcap ndpi_smtp.pcap ndpi_pop3.pcap ndpi_websocket.pcap \
         ndpi_KakaoTalk_chat.pcap zeek_redis_pubsub.pcap ndpi_http-crash-content-disposition.pcap \
         ndpi_443-curl.pcap zeek_mqtt.pcap ndpi_emotet.pcap; do
    [ -f "$corpus/$f" ] || { echo "FAIL: $f missing"; fail=$((fail+1)); continue; }
    if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --suppressions="$top/tests/valgrind/ld-so.supp" \
        "$LW_BIN" -c "$conf" -r "$corpus/$f" >/dev/null 2>"/tmp/lw-vg-$$.log"; then
        echo "PASS: valgrind $f"; pass=$((pass+1))
    else
        echo "FAIL: valgrind $f"; head -30 "/tmp/lw-vg-$$.log"; fail=$((fail+1))
    fi
    rm -f "/tmp/lw-vg-$$.log"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
