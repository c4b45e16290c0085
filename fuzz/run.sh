#!/usr/bin/env bash
# run.sh SECONDS [HARNESS…] — runs each harness (all built ones by default) for SECONDS under
# libFuzzer, FUZZ_JOBS at a time (default 1), from the build tree (make fuzz runs it there).
# Each keeps a working corpus in fuzz/corpus/NAME, starting from the seeds of fuzz/seeds.py
# (made again when seeds.py changed);
# a finding (crash, leak, timeout over 10 s, more than 2 GiB) is written to fuzz/artifacts/NAME/
# and fails the harness. Prints one line a harness — executions, coverage (edges), features,
# corpus size — then "N passed, N failed"; exits 1 when any failed.
set -u
seconds=${1:?usage: fuzz/run.sh SECONDS [HARNESS...]}
shift
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=${FUZZ_JOBS:-1}
cd fuzz || exit 1
[ seeds/.done -nt "$src/fuzz/seeds.py" ] || { rm -rf seeds && /usr/bin/python3 "$src/fuzz/seeds.py" "$src" seeds > seeds.log && touch seeds/.done; } ||
    { echo "FAIL: seed generation (fuzz/seeds.log)"; exit 1; }
[ $# -gt 0 ] || set -- $(ls bin)
mkdir -p logs

max_len() {
    case $1 in engine) echo 131072;; dns) echo 4096;; reassembly) echo 16384;; *) echo 65536;; esac
}

one() {
    name=$1
    mkdir -p "corpus/$name" "artifacts/$name"
    seeds=seeds/${name%%-*}
    case $name in inspect*) seeds=seeds/$name;; esac
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$name")" \
        -print_final_stats=1 -artifact_prefix="artifacts/$name/" "corpus/$name" "$seeds" > "logs/$name.log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$name.log" | tail -1)
    last=$(grep -E '^#[0-9]+' "logs/$name.log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(ls "corpus/$name" | wc -l)
    if [ $rc -eq 0 ]; then verdict=PASS; else verdict=FAIL; fi
    echo "$verdict: $name ${seconds}s: ${execs:-0} execs, cov ${cov:-?}, ft ${ft:-?}, corpus $corp$( [ $rc -eq 0 ] ||
        echo ", exit $rc, see fuzz/logs/$name.log and fuzz/artifacts/$name/")"
}

running=0
for h in "$@"; do
    one "$h" > "logs/$h.result" &
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
results=$(for h in "$@"; do cat "logs/$h.result"; done)
echo "$results" | sort -k2
passed=$(echo "$results" | grep -c '^PASS')
failed=$(echo "$results" | grep -c '^FAIL')
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
