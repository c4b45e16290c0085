#!/usr/bin/python3
"""workers_e2e.py — whatever the number of workers, a replay writes the same records (CONTRACT.md: -j).

Replays every capture of the real corpus (tests/data/real, MANIFEST.tsv), every other capture
under tests/data (demo, evasion, flood, fuzz regressions), the generated corpus
(tests/gen/make_corpus.py) and the labelled flow corpus (tests/detect/flows/make_flows.py), both
written into a scratch directory, with -j 1, 2 and 4 — with the default home networks and with
every address home (the flow corpus, written for the default home networks, with those only) —
and checks for each capture that
  - every run exits 0 (a fuzz regression that is not a valid capture: with -j 1's status);
  - the alert lines are byte-identical as a multiset (alert_id included);
  - the alerts of each flow come in the same order;
  - the stats records are identical but for flows_peak, flow_mem_peak and reassembly.mem_peak, which are
    per-worker peaks summed, and classify_packets (how many packets nDPI needed: nDPI 4.2's
    module keeps LRU caches — STUN/Signal, Ookla, BitTorrent … — through which one flow
    shortens the classification of a later one of the same module; printed when it differs)
    (README, "Speed and scaling").
Then the same for the rate limit (policy.pcap, one alert per device, destination and signature an
hour: which alert passes and the suppressed counts it carries must not depend on N), for all
generated captures replayed as one multi-file timeline, and for standard input. A missing input
fails. Prints PASS/FAIL lines and "N passed, N failed"; exits 1 on any failure.

Environment: LW_BIN (binary), LW_TOP_SRCDIR, LW_TOP_BUILDDIR, LW_E2E_TMP (scratch).
"""
import collections
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.path.abspath(os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch"))
WORKERS = (1, 2, 4)
DEFAULT_HOME = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
ALL_HOME = ["0.0.0.0/0", "::/0"]
PER_WORKER = {("flows_peak",), ("flow_mem_peak",), ("reassembly", "mem_peak"), ("classify_packets",)}

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + str(detail)[:400]) if detail and not ok else ""))
    if ok:
        passed += 1
    else:
        failed += 1
    return ok


def config(scratch, name, home, extra=""):
    path = os.path.join(scratch, name)
    geo = os.path.join(TOP, "tests", "data", "geoip")
    with open(path, "w") as f:
        f.write("networks:\n  home: [%s]\n" % ", ".join('"%s"' % n for n in home))
        f.write('signatures:\n  paths: ["%s"]\n' % os.path.join(TOP, "signatures"))
        f.write('geoip:\n  country_db: "%s/GeoLite2-Country-Test.mmdb"\n  asn_db: "%s/GeoLite2-ASN-Test.mmdb"\n'
                % (geo, geo))
        f.write(extra)
    return path


def run(files, conf, workers, stdin_file=None):
    cmd = [BIN, "-c", conf, "-o", "json:-", "-j", str(workers)]
    for f in files:
        cmd += ["-r", f]
    with open(stdin_file or os.devnull, "rb") as stdin:
        proc = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def without_per_worker(rec):
    for path in PER_WORKER:
        obj = rec.get("stats", {})
        for key in path[:-1]:
            obj = obj.get(key, {})
        obj.pop(path[-1], None)
    return rec


def split(out):
    """Alert lines (as written), stats records (parsed, per-worker figures removed), alerts per
    flow, and nDPI's classify_packets."""
    alerts, stats, by_flow, classify = [], [], collections.defaultdict(list), None
    for line in out.splitlines():
        rec = json.loads(line)
        if rec.get("event_type") == "stats":
            classify = rec.get("stats", {}).get("classify_packets")
            stats.append(without_per_worker(rec))
        else:
            alerts.append(line)
            by_flow[rec.get("flow_id")].append(line)
    return collections.Counter(alerts), stats, dict(by_flow), classify


def compare(what, files, conf, stdin_file=None, any_status=False):
    """Run with every N; returns the number of alerts of -j 1 (None when a run failed).
    any_status: the exit status need not be 0, only the same for every N."""
    results, status = {}, None
    for n in WORKERS:
        rc, out, err = run(files, conf, n, stdin_file)
        status = rc if status is None and any_status else status
        if not check(rc == (status or 0), "%s -j %d: exit %d" % (what, n, status or 0),
                     "rc=%d %s" % (rc, err.strip()[-300:])):
            return None
        results[n] = split(out)
    base_alerts, base_stats, base_flows, base_classify = results[WORKERS[0]]
    for n in WORKERS[1:]:
        alerts, stats, flows, classify = results[n]
        if classify != base_classify:
            print("INFO  %s -j %d: nDPI classified with %s packets, -j 1 with %s (its per-module caches)"
                  % (what, n, classify, base_classify))
        diff = (base_alerts - alerts) + (alerts - base_alerts)
        check(not diff, "%s -j %d: the same %d alert lines as -j 1" % (what, n, sum(base_alerts.values())),
              "differ: " + "; ".join(list(diff)[:2]))
        check(flows == base_flows, "%s -j %d: each flow's alerts in the same order" % (what, n))
        check(stats == base_stats and len(stats) == 1, "%s -j %d: the same stats record (per-worker peaks aside)"
              % (what, n), json.dumps(stats)[:300] + " vs " + json.dumps(base_stats)[:300])
    return sum(base_alerts.values())


def real_captures():
    corpus = os.path.join(TOP, "tests", "data", "real")
    manifest = os.path.join(corpus, "MANIFEST.tsv")
    if not check(os.path.exists(manifest), "real corpus: %s exists" % manifest):
        return []
    with open(manifest, encoding="utf-8") as f:
        next(f)
        files = [os.path.join(corpus, line.split("\t")[0]) for line in f if line.strip()]
    missing = [p for p in files if not os.path.exists(p)]
    check(files and not missing, "real corpus: all %d captures of the manifest present" % len(files), missing[:3])
    return [p for p in files if os.path.exists(p)]


def other_captures(real):
    """Every capture under tests/data outside the real corpus."""
    found = []
    for root, _, names in os.walk(os.path.join(TOP, "tests", "data")):
        found += [os.path.join(root, n) for n in names if n.endswith((".pcap", ".pcapng"))]
    others = sorted(set(found) - set(real))
    check(len(others) >= 10, "tests/data: %d captures besides the real corpus" % len(others))
    return others


def flow_captures(scratch):
    """The labelled flow corpus of tests/detect/flows, generated."""
    out = os.path.join(scratch, "flows")
    proc = subprocess.run([sys.executable, os.path.join(TOP, "tests", "detect", "flows", "make_flows.py"), "-o", out],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not check(proc.returncode == 0, "flow corpus: make_flows.py runs", proc.stderr.decode()[-300:]):
        return []
    files = sorted(glob.glob(os.path.join(out, "*.pcap")) + glob.glob(os.path.join(out, "*.pcapng")))
    check(len(files) >= 50, "flow corpus: %d captures" % len(files))
    return files


def generated_captures(scratch):
    out = os.path.join(scratch, "gen")
    proc = subprocess.run([sys.executable, os.path.join(TOP, "tests", "gen", "make_corpus.py"), "-o", out],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not check(proc.returncode == 0, "generated corpus: make_corpus.py runs", proc.stderr.decode()[-300:]):
        return out, []
    files = sorted(glob.glob(os.path.join(out, "*.pcap")) + glob.glob(os.path.join(out, "*.pcapng")))
    check(len(files) >= 20, "generated corpus: %d captures" % len(files))
    return out, files


def main():
    if not os.access(BIN, os.X_OK):
        check(False, "leakwatch binary at %s" % BIN)
        return 1
    scratch = os.environ.get("LW_E2E_TMP") or tempfile.mkdtemp(prefix="lw-workers-")
    os.makedirs(scratch, exist_ok=True)
    try:
        confs = {"default-home": config(scratch, "default.yaml", DEFAULT_HOME),
                 "all-home": config(scratch, "all.yaml", ALL_HOME)}
        gen_dir, generated = generated_captures(scratch)
        real = real_captures()
        fuzz = os.path.join(TOP, "tests", "data", "fuzz") + os.sep
        total = 0
        for path in real + other_captures(real) + generated:
            for mode, conf in confs.items():
                sidecar = os.path.splitext(path)[0] + ".yaml"
                if os.path.exists(sidecar) and mode == "default-home":
                    with open(sidecar) as f:
                        conf = config(scratch, "sidecar.yaml", DEFAULT_HOME, f.read())
                total += compare("%s [%s]" % (os.path.relpath(path, TOP) if path.startswith(TOP) else
                                              os.path.basename(path), mode), [path], conf,
                                 any_status=path.startswith(fuzz)) or 0
        check(total >= 100, "the corpora raised %d alerts in all (the comparison is not empty)" % total)
        flow_total = 0
        for path in flow_captures(scratch):
            flow_total += compare("flows/%s [default-home]" % os.path.basename(path), [path],
                                  confs["default-home"]) or 0
        check(flow_total >= 50, "the flow corpus raised %d alerts in all (the comparison is not empty)" % flow_total)
        policy = os.path.join(gen_dir, "policy.pcap")
        if check(os.path.exists(policy), "generated policy.pcap exists"):
            limited = config(scratch, "rate.yaml", DEFAULT_HOME, "alerts:\n  rate_limit:\n    count: 1\n    interval: 3600\n")
            compare("policy.pcap with a rate limit", [policy], limited)
            rc, out, _ = run([policy], limited, 4)
            check(rc == 0 and '"suppressed":' in out, "policy.pcap with a rate limit, -j 4: an alert carries a suppressed count")
            compare("policy.pcap from standard input", ["-"], confs["default-home"], stdin_file=policy)
        if generated:
            compare("all %d generated captures as one timeline" % len(generated), generated, confs["all-home"])
    finally:
        if not os.environ.get("LW_E2E_TMP"):
            shutil.rmtree(scratch, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
