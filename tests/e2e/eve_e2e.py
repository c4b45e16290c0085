#!/usr/bin/python3
"""eve_e2e.py — the EVE members end to end, and the README's example records.

1. The demo, run exactly as `tools/bootstrap.sh demo` runs it (from the source tree:
   leakwatch -c conf/demo.yaml -r tests/data/demo.pcap), prints the README's example alert and
   stats record: every ```json block of README.md that holds an alert or a stats record must be
   one of the demo's records, member for member and in the same order (`--update` rewrites the
   blocks from the demo instead). Both kinds must be there.
2. Every record of the demo validates against Suricata's EVE schema (eve_check.py), with
   host = conf/demo.yaml's sensor.name and pcap_filename = the file as given.
3. Captures of the generated corpus (tests/gen/make_corpus.py, into a scratch directory):
   VLAN ids as EVE's array (one tag [100]; QinQ [200, 100], outer first), one file's alerts
   name that file, a device that is the server gets Suricata's initiator-relative flow{} and
   direction, http.url carries no query string, sensor.name reaches every record.

Prints PASS/FAIL per check and "N passed, N failed"; exit 1 on any failure (a missing input
included). Environment: LW_TOP_SRCDIR, LW_TOP_BUILDDIR (the binary), LW_BIN.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import eve_check  # noqa: E402

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(HERE, "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.path.abspath(os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch"))
DEMO = ["-c", "conf/demo.yaml", "-r", "tests/data/demo.pcap"]
BLOCK = re.compile(r"```json\n(.*?)```\n", re.S)


class Report:
    passed = failed = 0

    def check(self, ok, what, detail=""):
        print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + detail) if detail and not ok else ""))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def records(out):
    return [json.loads(line) for line in out.decode().splitlines()]


def run(args, cwd=TOP):
    proc = subprocess.run([BIN] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return proc.returncode, records(proc.stdout) if proc.returncode == 0 else [], proc.stderr.decode()


# ---------------------------------------------------------------- README blocks
def wrap(rec):
    """A record as the README shows it: members packed into lines of about 100 characters, an
    object that does not fit broken inside too; valid JSON either way (the test compares
    parsed records, member order included)."""
    def compact(v):
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    def pack(parts, pad):
        lines, line = [], ""
        for part in parts:
            if line and ("\n" in part or len(pad) + len(line) + len(part) > 100):
                lines.append(line)
                line = ""
            line = line + "," + part if line else part
        lines.append(line)
        return (",\n" + pad).join(lines)

    def members(obj, pad):
        parts = []
        for k, v in obj.items():
            if isinstance(v, dict) and len(pad) + len(k) + len(compact(v)) > 97:
                parts.append('"%s":{%s}' % (k, pack(members(v, pad + " " * (len(k) + 4)), pad + " " * (len(k) + 4))))
            else:
                parts.append('"%s":%s' % (k, compact(v)))
        return parts

    return "{" + pack(members(rec, " "), " ") + "}\n"


def readme_blocks(text):
    """(match, record) of every json block holding an alert or stats record."""
    found = []
    for m in BLOCK.finditer(text):
        try:
            rec = json.loads(m.group(1))
        except ValueError:
            continue
        if isinstance(rec, dict) and rec.get("event_type") in ("alert", "stats"):
            found.append((m, rec))
    return found


def demo_twin(rec, demo):
    """The demo record a README block shows: the alert with its alert_id, or the stats record."""
    for d in demo:
        if d.get("event_type") == rec.get("event_type") and d.get("alert_id") == rec.get("alert_id"):
            return d
    return None


def check_readme(report, demo, update):
    path = os.path.join(TOP, "README.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    blocks = readme_blocks(text)
    if update:
        for m, rec in reversed(blocks):
            twin = demo_twin(rec, demo) or next(d for d in demo if d["event_type"] == rec["event_type"])
            text = text[:m.start(1)] + wrap(twin) + text[m.end(1):]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        blocks = readme_blocks(text)
    kinds = sorted(rec["event_type"] for _, rec in blocks)
    report.check("alert" in kinds and "stats" in kinds, "README.md shows an example alert and stats record",
                 "found %r" % kinds)
    for _, rec in blocks:
        twin = demo_twin(rec, demo)
        same = twin is not None and json.dumps(twin) == json.dumps(rec)
        report.check(same, "README.md's example %s record is what the demo prints (%s)" % (rec["event_type"],
                     rec.get("alert_id", "stats")), "README and demo differ: run tests/e2e/eve_e2e.py --update, "
                     "review the diff. The demo prints:\n" + (wrap(twin) if twin else "(no such record)"))


# ---------------------------------------------------------------- the demo's records
def check_demo(report, demo, checker):
    sensor = re.search(r"(?m)^\s+name:\s*(\S+)", open(os.path.join(TOP, "conf", "demo.yaml")).read())
    bad = [(r.get("alert_id") or "stats", e) for r in demo for e in checker.record_errors(r, ["tests/data/demo.pcap"])]
    report.check(demo and not bad, "demo: %d records valid EVE, community_id, pcap_filename" % len(demo), repr(bad[:3]))
    hosts = {r.get("host") for r in demo}
    report.check(sensor and hosts == {sensor.group(1)}, "demo: host is conf/demo.yaml's sensor.name", repr(hosts))


# ---------------------------------------------------------------- generated captures
def gen_config(tmp):
    path = os.path.join(tmp, "gen.yaml")
    with open(path, "w") as f:
        f.write('sensor:\n  name: "tap \\"7\\""\nsignatures:\n  paths: ["%s/signatures"]\n' % TOP)
    return path


def check_generated(report, checker, tmp):
    gen = os.path.join(tmp, "gen")
    ok = subprocess.run([sys.executable, os.path.join(TOP, "tests", "gen", "make_corpus.py"), "-o", gen],
                        stdout=subprocess.DEVNULL).returncode == 0
    if not report.check(ok, "generated corpus written"):
        return
    conf = gen_config(tmp)
    by_file = {}
    for name in ("vlan.pcap", "heapdump.pcap", "archive_http.pcap", "http_json.pcap", "ipv6.pcap"):
        path = os.path.join(gen, name)
        rc, recs, err = run(["-c", conf, "-r", path])
        alerts = [r for r in recs if r["event_type"] == "alert"]
        by_file[name] = alerts
        bad = [e for r in recs for e in checker.record_errors(r, [path])]
        report.check(rc == 0 and alerts and not bad, "%s: %d alerts, every record valid EVE" % (name, len(alerts)),
                     "rc=%d %s %r" % (rc, err.strip()[-200:], bad[:3]))
        report.check(all(r.get("host") == 'tap "7"' for r in recs), "%s: host is sensor.name, escaped" % name)
    vlans = sorted(json.dumps(a.get("vlan"), separators=(",", ":")) for a in by_file["vlan.pcap"])
    report.check(vlans == ["[100]", "[200,100]"], "vlan.pcap: 802.1Q [100], QinQ [200,100] (outer first)", repr(vlans))
    report.check(all("vlan" not in a for a in by_file["http_json.pcap"]), "untagged frames: no vlan member")
    served = [a for a in by_file["heapdump.pcap"] if a["leak"]["direction"] == "to_server"
              and a["flow"]["src_ip"] == a["dest_ip"]]
    report.check(served and all(a["direction"] == "to_client" and a["flow"]["dest_port"] == a["src_port"] for a in served),
                 "heapdump.pcap: a device serving an outside client: flow{} starts at the client, direction "
                 "to_client, leak.direction to_server (%d alerts)" % len(served))
    http = by_file["archive_http.pcap"]
    report.check([a.get("http") for a in http] == [{"hostname": "archive.telemessage.com", "url": "/api/v1/status"}],
                 "archive_http.pcap: http.hostname and http.url without its query string", repr(http[:1]))
    report.check([(a["leak"]["verdict"], a["leak"]["bytes_inspected"] > 0) for a in http] == [("plaintext", True)],
                 "archive_http.pcap: a host-name alert over plain HTTP says the bytes were plaintext")


def main():
    update = "--update" in sys.argv[1:]
    report = Report()
    if not report.check(os.access(BIN, os.X_OK), "leakwatch binary at %s" % BIN):
        return 1
    checker = eve_check.EveChecker()
    rc, demo, err = run(DEMO)
    if report.check(rc == 0 and demo, "demo runs: leakwatch %s" % " ".join(DEMO), err.strip()[-300:]):
        check_readme(report, demo, update)
        check_demo(report, demo, checker)
    with tempfile.TemporaryDirectory(prefix="lw-eve-") as tmp:
        check_generated(report, checker, tmp)
    print("%d passed, %d failed" % (report.passed, report.failed))
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
