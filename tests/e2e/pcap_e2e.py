#!/usr/bin/python3
"""pcap_e2e.py — outputs.pcap end to end: the packets of every alerting flow of a replay.

Replays the committed demo capture and every capture of the generated corpus
(tests/gen/make_corpus.py) with `outputs.pcap` and checks, for every alert: <dir>/<alert_id>.pcap
exists, tshark opens it, it holds only packets of the alert's 5-tuple, it starts with that
flow's first packet, and (when the replay's stats say nothing was cut) it holds every packet of
the flow, in order — packets compared by time and MD5 of the frame, as tshark reads them from
the replayed capture. Then: max_bytes (a small limit: every file within it, whole packets, still
starting with the first packet), `-o pcap:DIR` equal to the configuration key, the same files on
a second replay, and a directory that cannot exist (the replay goes on, alerts unchanged, one
log line, every file counted in stats.pcap.errors). Prints PASS/FAIL lines, "N passed, N failed".

Environment: LW_BIN, LW_TOP_SRCDIR, LW_E2E_TMP (scratch, kept when set).
"""
import concurrent.futures
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch")
FIELDS = ["frame.time_epoch", "frame.md5_hash", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
          "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport"]
SMALL = 1024

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + detail) if detail and not ok else ""))
    if ok:
        passed += 1
    else:
        failed += 1
    return ok


def tshark_packets(path):
    """[(time, md5, (addr, port), (addr, port), proto)] of a capture, innermost IP, or None."""
    p = subprocess.run(["tshark", "-r", path, "-o", "frame.generate_md5_hash:TRUE", "-T", "fields",
                        "-E", "occurrence=l"] + sum((["-e", f] for f in FIELDS), []),
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        return None
    out = []
    for line in p.stdout.splitlines():
        t, md5, s4, d4, s6, d6, ts, td, us, ud = (line.split("\t") + [""] * 10)[:10]
        proto = "TCP" if ts else "UDP" if us else None
        out.append((t, md5, (s4 or s6, ts or us), (d4 or d6, td or ud), proto))
    return out


def alert_tuple(a):
    return {(a["src_ip"], str(a["src_port"])), (a["dest_ip"], str(a["dest_port"]))}, a["proto"]


def flow_packets(packets, a):
    ends, proto = alert_tuple(a)
    return [p for p in packets if p[4] == proto and {p[2], p[3]} == ends]


def replay(config, capture, extra=()):
    p = subprocess.run([BIN, "-c", config, "-r", capture] + list(extra), capture_output=True, timeout=300)
    records = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
    alerts = [r for r in records if r.get("event_type") == "alert"]
    stats = [r["stats"] for r in records if r.get("event_type") == "stats"]
    return p.returncode, p.stderr.decode(errors="replace"), alerts, stats[-1] if stats else {}


def write_config(path, pcap_dir=None, max_bytes=None):
    with open(path, "w") as c:
        c.write("signatures:\n  paths: [%s]\n" % os.path.join(TOP, "signatures"))
        if pcap_dir:
            c.write("outputs:\n  json: {path: \"-\"}\n  pcap:\n    dir: %s\n" % pcap_dir)
            if max_bytes:
                c.write("    max_bytes: %d\n" % max_bytes)
    return path


class Case:
    """One capture replayed with outputs.pcap; its alerts and the packets behind them."""

    def __init__(self, capture, scratch, max_bytes=None):
        self.capture, self.name = capture, os.path.basename(capture)
        tag = self.name + ("-small" if max_bytes else "")
        self.dir = os.path.join(scratch, "pcap", tag)
        config = write_config(os.path.join(scratch, tag + ".yaml"), self.dir, max_bytes)
        self.rc, self.err, self.alerts, self.stats = replay(config, capture)


def check_files(case, source, limit=None):
    """Every alert's file against the source capture's packets of its flow."""
    problems, complete = [], case.stats.get("pcap", {}).get("packets_cut", -1) == 0 and not limit
    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for a in case.alerts:
            path = os.path.join(case.dir, a["alert_id"] + ".pcap")
            if not os.path.exists(path):
                problems.append("%s: no file" % a["alert_id"])
                continue
            jobs[a["alert_id"]] = (a, path, pool.submit(tshark_packets, path))
    for alert_id, (a, path, job) in jobs.items():
        got, want = job.result(), flow_packets(source, a)
        if got is None:
            problems.append("%s: tshark cannot read it" % alert_id)
        elif not got:
            problems.append("%s: no packets" % alert_id)
        elif any(p not in want for p in got):
            problems.append("%s: a packet not of the flow %s" % (alert_id, sorted(alert_tuple(a)[0])))
        elif got[0] != want[0]:
            problems.append("%s: does not start with the flow's first packet" % alert_id)
        elif complete and got != want:
            problems.append("%s: %d of the flow's %d packets" % (alert_id, len(got), len(want)))
        elif limit and os.path.getsize(path) > limit:
            problems.append("%s: %d bytes > max_bytes %d" % (alert_id, os.path.getsize(path), limit))
    return problems


def main():
    if not os.access(BIN, os.X_OK):
        print("FAIL  no leakwatch binary at %s" % BIN)
        return 1
    keep = os.environ.get("LW_E2E_TMP")
    scratch = keep or tempfile.mkdtemp(prefix="lw-pcap-")
    os.makedirs(scratch, exist_ok=True)
    try:
        gen = os.path.join(scratch, "gen")
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "tests", "gen", "make_corpus.py"), "-o", gen],
                       check=True, stdout=subprocess.DEVNULL)
        captures = [os.path.join(TOP, "tests", "data", "demo.pcap")] + sorted(
            os.path.join(gen, f) for f in os.listdir(gen) if f.endswith((".pcap", ".pcapng")))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            sources = dict(zip(captures, pool.map(tshark_packets, captures)))
        cases = [Case(c, scratch) for c in captures]

        total = sum(len(c.alerts) for c in cases)
        check(all(c.rc == 0 for c in cases) and total >= 60 and sum(1 for c in cases if c.alerts) >= 15,
              "%d replays with outputs.pcap: %d alerts" % (len(cases), total),
              "; ".join("%s exit %d %s" % (c.name, c.rc, c.err.strip()) for c in cases if c.rc))
        files = sum(c.stats.get("pcap", {}).get("files", 0) for c in cases)
        cut = sum(c.stats.get("pcap", {}).get("packets_cut", 0) for c in cases)
        check(files == total, "stats.pcap.files counts one file per alert (%d), %d packets cut" % (files, cut))
        problems = []
        for c in cases:
            problems += ["%s %s" % (c.name, p) for p in check_files(c, sources[c.capture])]
        check(not problems, "every alert's file opens in tshark, holds only its flow's packets from the first on",
              "; ".join(problems[:5]) + (" … %d problems" % len(problems) if len(problems) > 5 else ""))

        small = [Case(c, scratch, SMALL) for c in captures if any(x.capture == c and x.alerts for x in cases)]
        problems = []
        for c in small:
            problems += ["%s %s" % (c.name, p) for p in check_files(c, sources[c.capture], SMALL)]
        full = sum(c.stats.get("pcap", {}).get("files_full", 0) for c in small)
        check(not problems and full > 0, "max_bytes %d: every file within it, from the first packet on (%d flows "
              "reached it)" % (SMALL, full), "; ".join(problems[:5]))

        demo = cases[0]
        check(demo.alerts, "the demo alerts")
        again = os.path.join(scratch, "again")
        rc, err, alerts, stats = replay(write_config(os.path.join(scratch, "plain.yaml")), demo.capture,
                                        ["-o", "json:-", "-o", "pcap:" + again])
        names = sorted(os.listdir(demo.dir))
        same = rc == 0 and names == sorted(os.listdir(again)) and all(
            filecmp.cmp(os.path.join(demo.dir, n), os.path.join(again, n), shallow=False) for n in names)
        check(same and alerts == demo.alerts, "-o pcap:DIR writes the files outputs.pcap writes, byte for byte, "
              "on a second replay", err)

        blocker = os.path.join(scratch, "a-file")
        open(blocker, "w").close()
        config = write_config(os.path.join(scratch, "blocked.yaml"), os.path.join(blocker, "pcap"))
        rc, err, alerts, stats = replay(config, demo.capture, ("-j", "2"))
        lines = [l for l in err.splitlines() if "pcap" in l]
        check(rc == 0 and alerts == demo.alerts and len(lines) == 1 and
              stats.get("pcap", {}).get("errors") == len(alerts) + 2,
              "an impossible pcap directory, 2 workers: exit 0, the same alerts, one log line, every failure "
              "counted (each alert, each worker's directory)",
              "exit %d, %d alerts, log %r, stats %s" % (rc, len(alerts), lines, stats.get("pcap")))
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
