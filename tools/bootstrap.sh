#!/usr/bin/env bash
# bootstrap.sh — the README's two commands for a fresh Debian 12 machine (run as root):
#   tools/bootstrap.sh demo   install what is missing, build, replay the bundled demo capture
#   tools/bootstrap.sh test   the same, then the whole test suite: unit + end-to-end (release
#                             build with -Werror), make distcheck, again under ASan+UBSan,
#                             valgrind replays, live capture in network namespaces and every
#                             libFuzzer harness for FUZZ_SECONDS (30) each; ends with
#                             "N passed, N failed"
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
mode=${1:-demo}
jobs=$(nproc 2>/dev/null || echo 2)

build_pkgs="build-essential autoconf automake libtool pkg-config libpcap-dev libndpi-dev
  libmaxminddb-dev libhiredis-dev libyaml-dev libvectorscan-dev libsodium-dev zlib1g-dev libgcrypt20-dev
  libcmocka-dev libcld2-dev libnghttp2-dev"
test_pkgs="redis-server python3 python3-scapy python3-cryptography python3-jsonschema tshark iproute2 valgrind
  libndpi-bin mmdb-bin time chromium clang libclang-rt-14-dev python3-numpy"
# the man pages (tools/md2man.py); the service tests (tests/live/service.sh, sandbox.sh) and
# the Debian package (tests/package/deb.sh)
build_pkgs="$build_pkgs python3"
test_pkgs="$test_pkgs curl strace logrotate systemd debhelper lintian dpkg-dev"
# the workers' live test (tests/live/workers.sh): tcpreplay and tcpprep
test_pkgs="$test_pkgs tcpreplay"

install_missing() {
    local missing=()
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "bootstrap: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "bootstrap: missing Debian packages (${missing[*]}): run as root or install them" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# build DIR [configure options…]
build() {
    local dir=$1; shift
    [ -x configure ] || autoreconf -fi >/dev/null
    mkdir -p "$dir"
    (cd "$dir" && { [ -f Makefile ] || "$top/configure" -q "$@"; } && make -s -j"$jobs")
}

# Sum the results of one `make check` run from its logs: cmocka case counts where a log has
# them, the harness's own "N passed, N failed" line where it prints one, else the test's
# PASS/FAIL verdict. A skipped test counts as failed: every input and tool is installed above.
count_results() {
    /usr/bin/python3 - "$1" <<'PY'
import glob, re, sys
passed = failed = 0
for trs in sorted(glob.glob(sys.argv[1] + "/tests/**/*.trs", recursive=True)):
    log = open(trs[:-4] + ".log", errors="replace").read()
    verdict = re.search(r":test-result: (\w+)", open(trs).read()).group(1)
    own = re.findall(r"^(?:\w+: )?(\d+) passed, (\d+) failed", log, re.M)
    ok = re.findall(r"\[  PASSED  \] (\d+) test", log)
    bad = re.findall(r"\[  FAILED  \] (\d+) test", log)
    if own:
        p, f = map(int, own[-1])
    elif ok or bad:
        p, f = sum(map(int, ok)), sum(map(int, bad))
    else:
        p, f = (1, 0) if verdict == "PASS" else (0, 1)
    if verdict != "PASS" and f == 0:
        f = 1
    passed += p; failed += f
print(passed, failed)
PY
}

total_pass=0; total_fail=0
add() { total_pass=$((total_pass + $1)); total_fail=$((total_fail + $2)); }

run_check() {
    local dir=$1 label=$2
    echo "== make check ($label)"
    if ! (cd "$dir" && make -s -j"$jobs" check >/dev/null 2>&1); then
        grep -h -E "^(FAIL|ERROR):" "$dir"/test-suite.log 2>/dev/null | head -20 || true
    fi
    read -r p f < <(count_results "$dir")
    echo "   $label: $p passed, $f failed"
    add "$p" "$f"
}

case "$mode" in
demo)
    install_missing $build_pkgs
    build build/release --enable-werror
    ./build/release/leakwatch -c conf/demo.yaml -r tests/data/demo.pcap --stats
    ;;
test)
    install_missing $build_pkgs $test_pkgs
    build build/release --enable-werror
    run_check build/release release
    echo "== make distcheck"
    if (cd build/release && make -s distcheck >distcheck.log 2>&1); then
        echo "   distcheck: passed"; add 1 0
    else
        grep -E "^(FAIL|ERROR)|Error" build/release/distcheck.log | head -10; add 0 1
    fi
    build build/asan --enable-werror --enable-sanitizers
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 run_check build/asan asan+ubsan
    for script in tests/valgrind/run.sh tests/live/netns.sh tests/live/pcap_live.sh tests/live/service.sh tests/live/sandbox.sh \
                  tests/package/deb.sh tests/live/workers.sh; do
        [ -x "$script" ] || { echo "FAIL: $script is missing or not executable"; add 0 1; continue; }
        echo "== $script"
        out=$(LW_BIN="$top/build/release/leakwatch" "$script" 2>&1) || true
        echo "$out" | tail -n 15
        line=$(echo "$out" | grep -E "^[0-9]+ passed, [0-9]+ failed" | tail -1)
        if [ -n "$line" ]; then
            add "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"
        else
            add 0 1
        fi
    done
    fuzz_seconds=${FUZZ_SECONDS:-30}
    echo "== make fuzz ($fuzz_seconds s a harness, libFuzzer + ASan + UBSan)"
    out=$(cd build/release && make -s -j"$jobs" fuzz FUZZ_SECONDS="$fuzz_seconds" FUZZ_JOBS="$jobs" 2>&1) || true
    echo "$out" | grep -E "^(PASS|FAIL):" || echo "$out" | tail -n 15
    line=$(echo "$out" | grep -E "^[0-9]+ passed, [0-9]+ failed" | tail -1)
    if [ -n "$line" ]; then
        add "$(echo "$line" | cut -d' ' -f1)" "$(echo "$line" | cut -d' ' -f3)"
    else
        add 0 1
    fi
    echo "$total_pass passed, $total_fail failed"
    [ "$total_fail" -eq 0 ]
    ;;
*)
    echo "usage: tools/bootstrap.sh demo|test" >&2
    exit 2
    ;;
esac
