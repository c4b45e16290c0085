#!/usr/bin/python3
"""report_e2e.py — leakwatch-report rendered in a real browser (Debian's chromium, headless).

Input: the alerts of the demo capture (with outputs.pcap, so they have pcap files) and of the
generated corpus (tests/gen/make_corpus.py), plus a hostile file written here: alerts whose every
string field carries HTML/script injection, bidirectional overrides, invalid UTF-8, NUL and
10 000-character values, clear and sealed evidence whose text must never show, stats and other
records, and lines that are not JSON objects.

The page is loaded from a file:// URL in chromium driven over the DevTools protocol on a pipe
(--remote-debugging-pipe: no port, no websocket library), with the network, console and log
domains recording. Checks: the page renders (layout, the SVG timeline's bars); one row per
device and per destination and per alert; the totals by category and severity, every device's
and destination's counts, names, country and ASN, every alert's evidence labels equal what this
script computes from the same input; a pcap link on exactly the alerts that have a file, and
each link resolves to it; no request but the page itself, no console message, no log entry, no
script, image or frame element (the injections stayed text, the title unchanged); no message
text anywhere. Positive controls prove the harness sees what it must: a page with a remote
image and a console.error, and one whose inline script the page's CSP blocks. Also: --help names
every option, exit statuses. Prints PASS/FAIL lines and "N passed, N failed".

Environment: LW_BIN, LW_REPORT_BIN, LW_TOP_SRCDIR, LW_CHROMIUM (default: chromium), LW_E2E_TMP.
"""
import collections
import fcntl
import ipaddress
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch")
REPORT = os.environ.get("LW_REPORT_BIN") or os.path.join(BUILD, "leakwatch-report")
CHROMIUM = os.environ.get("LW_CHROMIUM") or shutil.which("chromium") or "chromium"
CATEGORIES = ["plaintext_message", "unapproved_archive", "cleartext_transport", "archive_exfiltration"]
SECRET = "ZZSECRETMESSAGETEXTZZ"
XSS = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + str(detail)[:600]) if detail and not ok else ""))
    if ok:
        passed += 1
    else:
        failed += 1
    return ok


# ---------------------------------------------------------------- chromium over a pipe
class Chromium:
    """Chromium with the DevTools protocol on fds 3 (commands in) and 4 (replies out)."""

    def __init__(self, profile):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
             "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf, self.next_id, self.events = b"", 0, []

    def _message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_chrome], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        for e in self.events:
            if e.get("method") == method:
                return e
        while True:
            m = self._message(deadline)
            self.events.append(m)
            if m.get("method") == method:
                return m

    def load(self, url):
        """Open url in a fresh tab with the network, console and log recorded; returns the session."""
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            self.call(domain + ".enable", session=session)
        self.call("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired")
        self.call("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 300))", "awaitPromise": True},
                  session=session)
        return session

    def evaluate(self, session, expression):
        r = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        if "exceptionDetails" in r:
            raise RuntimeError(r["exceptionDetails"])
        return r["result"].get("value")

    def requests(self):
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def messages(self):
        kinds = ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded")
        return [e for e in self.events if e.get("method") in kinds]

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except (TimeoutError, EOFError, RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


DOM = r"""JSON.stringify((() => {
  const rows = sel => [...document.querySelectorAll(sel)].map(tr => [...tr.cells].map(c => c.textContent));
  const svg = document.querySelector('#timeline-chart');
  return {
    title: document.title,
    height: document.body.scrollHeight, width: document.body.scrollWidth,
    totals: rows('#totals-table tbody tr'), total_all: rows('#totals-table tfoot tr'),
    totals_head: [...document.querySelectorAll('#totals-table thead th')].map(th => th.textContent),
    devices: rows('#devices-table tbody tr'), destinations: rows('#destinations-table tbody tr'),
    alerts: [...document.querySelectorAll('#alerts-table tbody tr')].map(tr => ({
      id: tr.id, cells: [...tr.cells].map(c => c.textContent),
      labels: [...tr.querySelectorAll('.label')].map(l => l.textContent),
      links: [...tr.querySelectorAll('a')].map(a => a.href)})),
    bars: svg ? svg.querySelectorAll('rect').length : -1,
    svg_box: svg ? [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height] : null,
    active: document.querySelectorAll('script, img, iframe, object, embed, link, audio, video, form').length,
    counts: Object.fromEntries(['lines', 'alerts-read', 'stats-skipped', 'other-skipped', 'bad-lines',
      'pcap-count', 'alert-count', 'device-count', 'destination-count'].map(
        id => [id, Number(document.getElementById(id).textContent)])),
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
  };
})())"""


# ---------------------------------------------------------------- inputs and expectations
def hostile_lines():
    long_name = "a" * 10000
    base = {"timestamp": "2025-05-04T11:00:00.000000+0000", "event_type": "alert", "flow_id": 1, "proto": "TCP",
            "src_port": 40000, "dest_port": 80, "app_proto": "http",
            "alert": {"signature_id": 8700101, "signature": XSS, "category": "plaintext_message", "severity": 1},
            "leak": {"direction": "to_server", "verdict": "plaintext", "entropy": 4.2, "bytes_inspected": 10,
                     "evidence": {"mode": "clear", "matched": [XSS, "json-key:text", "\u202egnp.exe"],
                                  "text": SECRET, "sealed": SECRET, "length": 21}},
            "dest": {"host": XSS, "country": "<b>X</b>", "asn": 64500, "as_org": "\u202eEvil\u0000Org"},
            "device": {"ip": "10.99.0.1", "mac": "00:11:22:33:44:55"}}
    lines = []
    for i in range(3):
        a = json.loads(json.dumps(base))
        a["alert_id"] = "00000000-0000-8000-8000-00000000000%d" % i
        a["src_ip"], a["dest_ip"] = "10.99.0.1", "203.0.113.%d" % (200 + i)
        lines.append(json.dumps(a))
    odd = json.loads(json.dumps(base))
    odd.update({"alert_id": '"><script>x()</script>', "src_ip": "10.99.0.2", "dest_ip": "2001:db8::66"})
    odd["alert"].update({"category": "<i>new_category</i>", "severity": 7, "signature": long_name})
    odd["device"] = {"ip": "10.99.0.2", "mac": None}
    odd["dest"]["host"] = long_name
    lines.append(json.dumps(odd))
    lines.append(json.dumps(odd).replace("10.99.0.2\"", "10.99.0.3\"").replace('"timestamp": "2025',
                                                                               '"timestamp": "not a time 2025'))
    lone = json.loads(json.dumps(base))
    lone.update({"alert_id": "00000000-0000-8000-8000-000000000009", "src_ip": "10.99.0.4", "dest_ip": "203.0.113.209"})
    lone["device"]["ip"], lone["dest"]["host"] = "10.99.0.4", "PLACEHOLDER"
    raw = json.dumps(lone).replace("PLACEHOLDER", "lone\\ud800surrogate")
    lines.append(raw.encode().replace(b"Evil", b"Ev\xff\xfeil").decode("latin-1"))  # invalid UTF-8
    lines += ['{"timestamp":"2025-05-04T11:00:01.000000+0000","event_type":"stats","stats":{"packets":1}}',
              '{"event_type":"flow"}', "not json at all", "[1,2,3]", '{"event_type":"alert"', "", "   ",
              "[" * 5000, '"just a string"']
    return lines


def expected(inputs):
    """What the page must say, computed from the input lines."""
    alerts, stats, other, bad, lines = [], 0, 0, 0, 0
    for path in inputs:
        for line in open(path, "rb").read().decode("utf-8", "replace").split("\n"):
            if not line.strip():
                continue
            lines += 1
            try:
                r = json.loads(line)
            except (ValueError, RecursionError):
                bad += 1
                continue
            if not isinstance(r, dict):
                bad += 1
            elif r.get("event_type") == "alert":
                alerts.append(r)
            elif r.get("event_type") == "stats":
                stats += 1
            else:
                other += 1
    return alerts, {"lines": lines, "alerts-read": len(alerts), "stats-skipped": stats, "other-skipped": other,
                    "bad-lines": bad}


def sev(a):
    s = a.get("alert", {}).get("severity")
    return s if s in (1, 2, 3) else 0


def shown(s):
    """The text the page shows for a field: unsafe characters replaced, 200 characters at most."""
    if s is None:
        return "\u2014"
    out = []
    for ch in s:
        cp = ord(ch)
        unsafe = cp < 0x20 or 0x7F <= cp < 0xA0 or cp in (0x061C, 0x200E, 0x200F) or 0x202A <= cp <= 0x202E \
            or 0x2066 <= cp <= 0x2069 or 0xD800 <= cp <= 0xDFFF
        out.append("\ufffd" if unsafe else ch)
    return "".join(out[:200]) + ("\u2026" if len(out) > 200 else "")


def addr_key(s):
    try:
        a = ipaddress.ip_address(s)
        return (0, a.version, a.packed)
    except ValueError:
        return (1, 0, s.encode())


def device_of(a):
    return (a.get("device") or {}).get("ip") or a.get("src_ip")


def main():
    for tool in (BIN, REPORT):
        if not os.access(tool, os.X_OK):
            print("FAIL  no binary at %s" % tool)
            return 1
    if not shutil.which(CHROMIUM):
        print("FAIL  no chromium (Debian: apt-get install chromium; tools/bootstrap.sh test installs it)")
        print("0 passed, 1 failed")
        return 1
    keep = os.environ.get("LW_E2E_TMP")
    scratch = keep or tempfile.mkdtemp(prefix="lw-report-")
    os.makedirs(scratch, exist_ok=True)
    browser = None
    try:
        gen = os.path.join(scratch, "gen")
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "tests", "gen", "make_corpus.py"), "-o", gen],
                       check=True, stdout=subprocess.DEVNULL)
        config = os.path.join(scratch, "lw.yaml")
        with open(config, "w") as c:
            c.write("signatures:\n  paths: [%s]\ngeoip:\n  country_db: %s\n  asn_db: %s\n" % (
                os.path.join(TOP, "signatures"), os.path.join(TOP, "tests/data/geoip/GeoLite2-Country-Test.mmdb"),
                os.path.join(TOP, "tests/data/geoip/GeoLite2-ASN-Test.mmdb")))
        site = os.path.join(scratch, "site")
        os.makedirs(site)
        demo_json, gen_json, hostile = (os.path.join(scratch, n) for n in ("demo.json", "gen.json", "hostile.json"))
        subprocess.run([BIN, "-c", config, "-r", os.path.join(TOP, "tests/data/demo.pcap"), "-o", "json:" + demo_json,
                        "-o", "pcap:" + os.path.join(site, "pcap")], check=True)
        with open(gen_json, "w") as out:
            for f in sorted(os.listdir(gen)):
                if f.endswith((".pcap", ".pcapng")):
                    subprocess.run([BIN, "-c", config, "-r", os.path.join(gen, f)], stdout=out, check=True)
        with open(hostile, "wb") as out:
            out.write("\n".join(hostile_lines()).encode("latin-1") + b"\n")
        inputs = [demo_json, gen_json, hostile]
        page = os.path.join(site, "report.html")
        p = subprocess.run([REPORT, "-o", page, "-p", os.path.join(site, "pcap")] + inputs, capture_output=True,
                           text=True)
        check(p.returncode == 0 and os.path.exists(page), "leakwatch-report writes the page", p.stderr)
        alerts, counts = expected(inputs)
        source = open(page, "rb").read().decode("utf-8")

        browser = Chromium(os.path.join(scratch, "profile"))
        session = browser.load("file://" + page)
        dom = json.loads(browser.evaluate(session, DOM))
        requests, messages = browser.requests(), browser.messages()

        check(dom["title"] == "leakwatch report" and dom["height"] > 2000 and dom["bars"] > 5 and
              dom["svg_box"] == [960, 190], "the page renders: %dx%d px, a 960x190 SVG timeline with %d bars" % (
                  dom["width"], dom["height"], dom["bars"]), {k: dom[k] for k in ("title", "height", "bars", "svg_box")})
        check(requests == ["file://" + page], "no request but the page itself", requests)
        check(not messages, "no console message, exception or log entry", messages[:3])
        check(dom["active"] == 0, "no script, image, frame, link or form element: the injections stayed text")
        check(SECRET not in source and SECRET not in dom["text"], "no message text (clear or sealed evidence)")
        check(XSS in dom["text"] and "<b>X</b>" in dom["text"],
              "hostile values are shown as the text they are")
        check(all(dom["counts"][k] == v for k, v in counts.items()), "input counts: %s" % counts,
              {k: dom["counts"][k] for k in counts})

        # totals by category and severity
        heads = dom["totals_head"]
        want_cats = CATEGORIES + [c for c in dict.fromkeys(a["alert"].get("category") for a in alerts)
                                  if c not in CATEGORIES]
        other_col = any(sev(a) == 0 for a in alerts)
        want_totals = []
        for c in want_cats:
            n = collections.Counter(sev(a) for a in alerts if a["alert"].get("category") == c)
            row = [shown(c)] + [str(n[s]) for s in (1, 2, 3)] + ([str(n[0])] if other_col else []) + \
                  [str(sum(n.values()))]
            want_totals.append(row)
        n = collections.Counter(sev(a) for a in alerts)
        want_all = [["all"] + [str(n[s]) for s in (1, 2, 3)] + ([str(n[0])] if other_col else []) + [str(len(alerts))]]
        check(dom["totals"] == want_totals and dom["total_all"] == want_all and ("other" in heads) == other_col,
              "totals by category and severity (%d alerts, %d categories)" % (len(alerts), len(want_cats)),
              (dom["totals"], want_totals, dom["total_all"], want_all))

        # devices
        by_device = collections.defaultdict(list)
        for a in alerts:
            by_device[device_of(a)].append(a)
        order = sorted(by_device, key=lambda d: (-len(by_device[d]), addr_key(d)))
        want_devices = []
        for d in order:
            group = by_device[d]
            mac = next((a["device"].get("mac") for a in group if (a.get("device") or {}).get("mac")), None)
            n = collections.Counter(sev(a) for a in group)
            dests = collections.Counter(a["dest_ip"] for a in group)
            listed = ", ".join("%s (%d)" % (shown(ip), k) for ip, k in sorted(dests.items(), key=lambda x: (-x[1], x[0])))
            want_devices.append([shown(d), shown(mac), str(len(group)), str(n[1]), str(n[2]), str(n[3]), listed])
        check(len(dom["devices"]) == len(by_device) == dom["counts"]["device-count"],
              "one row per device (%d)" % len(by_device), (len(dom["devices"]), len(by_device)))
        diff = [(g, w) for g, w in zip(dom["devices"], want_devices) if g != w]
        check(not diff and len(dom["devices"]) == len(want_devices),
              "every device: MAC, alerts by severity, destinations with counts", diff[:2])

        # destinations
        by_dest = collections.defaultdict(list)
        for a in alerts:
            by_dest[a["dest_ip"]].append(a)
        want_dests = []
        for d in sorted(by_dest, key=lambda d: (-len(by_dest[d]), addr_key(d))):
            group = by_dest[d]
            names = collections.Counter(a["dest"]["host"] for a in group if a["dest"].get("host"))
            ranked = sorted(names.items(), key=lambda x: (-x[1], x[0]))
            listed = ", ".join("%s (%d)" % (shown(h), k) for h, k in ranked[:5]) + \
                (" and %d more" % (len(ranked) - 5) if len(ranked) > 5 else "") if ranked else "\u2014"
            first = lambda key: next((a["dest"][key] for a in group if a["dest"].get(key) is not None), None)
            asn = first("asn")
            want_dests.append([shown(d), listed, shown(first("country")), "AS%d" % asn if asn is not None else "\u2014",
                               shown(first("as_org")), str(len(group)), str(len({device_of(a) for a in group}))])
        check(len(dom["destinations"]) == len(by_dest) == dom["counts"]["destination-count"],
              "one row per destination (%d)" % len(by_dest))
        diff = [(g, w) for g, w in zip(dom["destinations"], want_dests) if g != w]
        check(not diff, "every destination: names, country, ASN, AS organisation, alerts, devices", diff[:2])
        geo = [r for r in dom["destinations"] if r[2] not in ("\u2014", shown("<b>X</b>"))]
        check(len(geo) >= 3 and any(r[3] == "AS29518" and r[4] == "Bredband2 AB" for r in geo),
              "destinations carry GeoIP country and ASN (%d with a country)" % len(geo))

        # alerts
        check(len(dom["alerts"]) == len(alerts) == dom["counts"]["alert-count"],
              "one row per alert (%d)" % len(alerts), (len(dom["alerts"]), len(alerts)))
        by_id = {a.get("alert_id"): a for a in alerts}
        label_diff = [r["id"] for r in dom["alerts"] if r["id"] and
                      r["labels"] != [shown(l) for l in by_id[r["id"][6:]]["leak"]["evidence"]["matched"]]]
        check(not label_diff and sum(len(r["labels"]) for r in dom["alerts"]) > len(alerts),
              "every alert shows its evidence labels", label_diff[:3])
        pcaps = set(f[:-5] for f in os.listdir(os.path.join(site, "pcap")))
        linked = {r["id"][6:]: r["links"] for r in dom["alerts"] if r["links"]}
        resolved = all(len(l) == 1 and os.path.exists(urllib.parse.unquote(urllib.parse.urlparse(l[0]).path))
                       and os.path.basename(l[0]) == i + ".pcap" for i, l in linked.items())
        check(set(linked) == pcaps and len(pcaps) >= 4 and resolved and dom["counts"]["pcap-count"] == len(pcaps),
              "a pcap link on exactly the %d alerts with a file, each resolving to it" % len(pcaps),
              (sorted(linked), sorted(pcaps)))
        times = [r["cells"][0] for r in dom["alerts"]]
        check(times[:len(times) - 1] == sorted(times[:len(times) - 1]) and times[-1].startswith("not a time"),
              "alerts in time order, the one without a time last")

        # positive controls: the harness sees requests, console messages and CSP violations
        control = os.path.join(scratch, "control.html")
        with open(control, "w") as c:
            c.write('<!DOCTYPE html><title>c</title><img src="http://127.0.0.1:9/x.png">'
                    '<script>console.error("control")</script>')
        browser.load("file://" + control)
        check(any(u.startswith("http://127.0.0.1:9/") for u in browser.requests()) and browser.messages(),
              "control: a remote image and a console.error are seen", (browser.requests(), len(browser.messages())))
        csp = os.path.join(scratch, "csp.html")
        head = source[:source.index("<style>")]
        with open(csp, "w") as c:
            c.write(head + "</head><body><script>document.title='ran'</script></body></html>")
        session = browser.load("file://" + csp)
        check(browser.evaluate(session, "document.title") == "leakwatch report" and browser.messages(),
              "control: the page's Content-Security-Policy blocks an inline script, and that is seen")
    finally:
        if browser:
            browser.close()
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)

    # the command line
    help_text = subprocess.run([REPORT, "--help"], capture_output=True, text=True).stdout
    check(all(o in help_text for o in ("-o, --output", "-p, --pcap-dir", "-V, --version", "-h, --help", "Exit status")),
          "--help names every option and the exit statuses")
    rc = [subprocess.run([REPORT] + args, capture_output=True, stdin=subprocess.DEVNULL).returncode
          for args in ([], ["--bogus", "x"], ["/nonexistent/alerts.json"], ["-o", "/nonexistent/dir/r.html", "-"])]
    check(rc == [2, 2, 1, 1], "exit 2 without input or with a bad option, 1 for an unreadable input or output", rc)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
