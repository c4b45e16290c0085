#!/usr/bin/python3
"""policy_e2e.py — end-to-end proof of signatures, policy and evidence against the built binary.

Checks, each a PASS/FAIL line: (1) `-T` lists every signature id of signatures/*.yaml and a broken
pack or config exits 2 naming file:line:col; (2) SIGHUP reload while replaying from a FIFO: the new
approved archive silences its flows, a broken config is refused and the last good one keeps running;
(3) no message text in any output (JSON stdout, JSON file, Redis stream read back with redis-cli)
for the generated corpus and the real corpus with every address a device; (4) sealed evidence opens
with leakwatch-unseal and the right key only, clear shows the text, redacted none; (5) archive policy:
SNI and DNS-resolved names, approval by host and CIDR, allowed_countries, dest GeoIP fields;
(6) the rate limit suppresses repeats and reports the count on the next alert that passes.
Ends with "N passed, N failed"; exits 1 on a failure, a missing input (scapy, the binary, the real
corpus in tests/data/real) included.
Writes only into its scratch directory (LW_E2E_TMP or a fresh temporary one).

Environment: LW_BIN, LW_UNSEAL, LW_TOP_SRCDIR, LW_TOP_BUILDDIR,
LW_E2E_KEEP=1 keeps the scratch directory.
"""
import glob
import random
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(HERE, "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch")
UNSEAL = os.environ.get("LW_UNSEAL") or os.path.join(os.path.dirname(BIN), "leakwatch-unseal")
SIGS = os.path.join(TOP, "signatures")
GEOIP = os.path.join(TOP, "tests", "data", "geoip")
CORPUS = os.path.join(TOP, "tests", "data", "real")
# texts the real corpus carries in cleartext (tests/e2e/run_e2e.py); shorter than 8 bytes are not checked
CORPUS_STRINGS = ["test message", "hello websocket", "Hello MQTT", "Hi there :)", "Adjunto le remito",
                  "Ciao Ciccio", "This is a test mail", "Take into The would", "hai un nome ridicolo",
                  "documento/s correspondiente/s"]
TELEMESSAGE = "archive.telemessage.com"
PASSED = FAILED = 0


def check(ok, what, detail=""):
    global PASSED, FAILED
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + str(detail)) if detail and not ok else ""))
    sys.stdout.flush()
    if ok:
        PASSED += 1
    else:
        FAILED += 1
    return ok


# ---------------------------------------------------------------- running leakwatch
def config(path, home=None, approved_hosts=(), approved_cidrs=(), allowed_countries=(), extra="",
           watch_internal=False):
    lines = ["networks:", "  home: [%s]" % ", ".join('"%s"' % n for n in (home or ["10.0.0.0/8"])),
             "policy:", "  watch_internal: %s" % ("true" if watch_internal else "false"), "  approved_archives:",
             "    hosts: [%s]" % ", ".join('"%s"' % h for h in approved_hosts),
             "    cidrs: [%s]" % ", ".join('"%s"' % c for c in approved_cidrs),
             "  allowed_countries: [%s]" % ", ".join(allowed_countries),
             "geoip:", '  country_db: "%s/GeoLite2-Country-Test.mmdb"' % GEOIP,
             '  asn_db: "%s/GeoLite2-ASN-Test.mmdb"' % GEOIP,
             "signatures:", '  paths: ["%s"]' % SIGS]
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n" + extra)
    return path


def run(args, timeout=300):
    proc = subprocess.run([BIN] + args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def records(blob):
    out = []
    for line in blob.decode("utf-8", "replace").splitlines():
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError:
                out.append({"unparsed": line})
    return out


def alerts_of(blob, category=None):
    return [r for r in records(blob) if r.get("event_type") == "alert"
            and (category is None or r["alert"]["category"] == category)]


def replay(scratch, name, pcaps, **cfg):
    conf = config(os.path.join(scratch, name + ".yaml"), **cfg)
    args = sum((["-r", p] for p in pcaps), []) + ["-c", conf, "-o", "json:-"]
    rc, out, err = run(args)
    check(rc == 0, name + ": replay exits 0", "rc=%d %s" % (rc, err.strip()[-300:]))
    return out


def flow_key(rec):
    return "%s:%d>%s:%d" % (rec["src_ip"], rec["src_port"], rec["dest_ip"], rec["dest_port"])


# ---------------------------------------------------------------- 1. -T
def signature_ids_in_yaml():
    ids = []
    for path in sorted(glob.glob(os.path.join(SIGS, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            ids += [int(m) for m in re.findall(r"^\s*-\s*id:\s*(\d+)\s*$", f.read(), re.M)]
    return ids


def test_check_mode(scratch):
    conf = config(os.path.join(scratch, "check.yaml"))
    rc, out, err = run(["-T", "-c", conf])
    check(rc == 0, "-T: valid configuration exits 0", "rc=%d %s" % (rc, err.strip()))
    printed = {int(m) for m in re.findall(r"^\s+(\d{7})\s+\w+ sev=", out.decode(), re.M)}
    yaml_ids = signature_ids_in_yaml()
    check(len(yaml_ids) == len(set(yaml_ids)) and len(yaml_ids) >= 20, "-T: signature packs parsed (%d ids)" % len(yaml_ids))
    check(min(yaml_ids) == 8700100 and max(yaml_ids) == 8700512, "-T: default ids span 8700100..8700512",
          "%d..%d" % (min(yaml_ids), max(yaml_ids)))
    check(printed == set(yaml_ids), "-T: prints every signature id of signatures/*.yaml",
          "missing %s extra %s" % (sorted(set(yaml_ids) - printed), sorted(printed - set(yaml_ids))))
    m = re.search(r"signatures: (\d+) from", out.decode())
    check(m and int(m.group(1)) == len(yaml_ids), "-T: 'signatures: N from …' counts them all")

    def broken(name, pack, want_line):
        d = os.path.join(scratch, name)
        shutil.copytree(SIGS, d)
        bad = os.path.join(d, "zz-broken.yaml")
        with open(bad, "w") as f:
            f.write(pack)
        conf = config(os.path.join(scratch, name + ".yaml"))
        with open(conf) as f:
            text = f.read().replace(SIGS, d)
        with open(conf, "w") as f:
            f.write(text)
        rc, _, err = run(["-T", "-c", conf])
        m = re.search(re.escape(bad) + r":(\d+):(\d+)", err)
        check(rc == 2 and m and int(m.group(1)) == want_line,
              "-T: %s exits 2 with file:line:col (line %d)" % (name, want_line), "rc=%d stderr=%s" % (rc, err.strip()))

    broken("unknown-key", "signatures:\n  - id: 9000001\n    name: x\n    category: plaintext_message\n"
           "    severity: 2\n    colour: blue\n    conditions:\n      hosts: [a.example]\n", 6)
    broken("duplicate-id", "signatures:\n  - id: 8700400\n    name: again\n    category: unapproved_archive\n"
           "    severity: 2\n    conditions:\n      hosts: [b.example]\n", 2)
    conf = config(os.path.join(scratch, "badconf.yaml"), extra="alerts:\n  evidence:\n    mood: redacted\n")
    rc, _, err = run(["-T", "-c", conf])
    n = sum(1 for _ in open(conf))
    check(rc == 2 and re.search(re.escape(conf) + r":%d:\d+" % n, err),
          "-T: unknown config key exits 2 with file:line:col", "rc=%d %s" % (rc, err.strip()))


# ---------------------------------------------------------------- 2. SIGHUP reload
def pcap_parts(mc, phases):
    """Header + one bytes blob per phase; each phase is a list of (device, port, server, sni)."""
    cap = mc.Capture("hup.pcap", start=mc.T0)
    rng = random.Random("hup")
    bounds = []
    for phase in phases:
        for dev, port, srv, sni in phase:
            mc.tls_session(mc.Tcp(cap, dev, port, srv, 443), rng, sni)
        bounds.append(len(cap.packets))
    blob = cap.pcap_bytes()
    header, pos, parts, start = blob[:24], 24, [], 0
    for end in bounds:
        n = pos
        for usec, frame in cap.packets[start:end]:
            n += 16 + len(frame)
        parts.append(blob[pos:n])
        pos, start = n, end
    return header, parts


def drained(w, proc):
    """Wait until leakwatch has taken every byte written so far and sleeps on the next read.
    (Replayed alerts are flushed at the end only, so the output cannot tell.)"""
    import fcntl
    import struct
    import termios

    def pending():
        return struct.unpack("i", fcntl.ioctl(w.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]

    def sleeping():
        try:
            with open("/proc/%d/wchan" % proc.pid) as f:
                return "pipe" in f.read()
        except OSError:
            return True
    wait_for(lambda: pending() == 0 and sleeping())
    time.sleep(0.2)


def wait_for(pred, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def test_reload(scratch, mc, source):
    """Replay from a FIFO (-r FIFO) or a pipe (-r -), fed in three parts with SIGHUPs between them."""
    phases = [[("10.10.9.1", 40001, "203.0.113.70", TELEMESSAGE)],
              [("10.10.9.2", 40002, "203.0.113.70", TELEMESSAGE)],
              [("10.10.9.3", 40003, "203.0.113.70", TELEMESSAGE), ("10.10.9.4", 40004, "203.0.113.71", "capture.smarsh.com")]]
    header, parts = pcap_parts(mc, phases)
    tag = "reload (-r %s)" % ("FIFO" if source == "fifo" else "-")
    fifo, conf, out_path = (os.path.join(scratch, "hup-%s.%s" % (source, n)) for n in ("fifo", "yaml", "json"))
    config(conf)
    errf = open(os.path.join(scratch, "hup-%s.stderr" % source), "wb+")
    if source == "fifo":
        os.mkfifo(fifo)
    proc = subprocess.Popen([BIN, "-r", fifo if source == "fifo" else "-", "-c", conf, "-o", "json:" + out_path],
                            stdin=subprocess.PIPE if source == "stdin" else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=errf)
    stderr_text = lambda: open(errf.name, "rb").read().decode("utf-8", "replace")
    out_text = lambda: open(out_path, "rb").read() if os.path.exists(out_path) else b""
    try:
        w = open(fifo, "wb", buffering=0) if source == "fifo" else proc.stdin
        w.write(header + parts[0])
        w.flush()
        drained(w, proc)
        config(conf, approved_hosts=[TELEMESSAGE])
        proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        w.write(parts[1])
        w.flush()
        drained(w, proc)
        ok = wait_for(lambda: "reloaded" in stderr_text())
        check(ok and proc.poll() is None, tag + ": SIGHUP while blocked on the read reloads, process keeps running",
              "rc=%r stderr=%s" % (proc.poll(), stderr_text().strip()[-300:]))
        time.sleep(0.5)
        with open(conf, "a") as f:
            f.write("policy_typo: 1\n")
        proc.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        w.write(parts[2])
        w.close()
    except (BrokenPipeError, OSError) as e:
        print("INFO  %s: writer stopped: %s" % (tag, e))
    try:
        rc = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
    err = stderr_text()
    errf.close()
    check(rc == 0, tag + ": run exits 0 after two SIGHUPs", "rc=%d %s" % (rc, err.strip()[-300:]))
    failed = [l for l in err.splitlines() if "reload failed" in l or "policy_typo" in l]
    check(any("policy_typo" in l and re.search(re.escape(conf) + r":\d+:\d+", l) for l in failed) and
          any("reload failed" in l for l in failed), tag + ": broken config is refused on stderr with why (file:line:col)",
          err.strip()[-400:])
    by_src = {}
    for a in alerts_of(out_text(), "unapproved_archive"):
        by_src.setdefault(a["src_ip"], []).append(a)
    alive = "10.10.9.4" in by_src
    check("10.10.9.1" in by_src, tag + ": the first flow to %s, before any reload, is unapproved_archive" % TELEMESSAGE)
    check(alive, tag + ": after the refused reload signatures still fire (capture.smarsh.com)")
    check(alive and "10.10.9.2" not in by_src,
          tag + ": after approving %s by reload its next flow raises no unapproved_archive" % TELEMESSAGE,
          json.dumps(by_src.get("10.10.9.2"))[:300])
    check(alive and "10.10.9.3" not in by_src, tag + ": after the refused reload the last good config still approves it")


# ---------------------------------------------------------------- 3. redaction
def secrets(gen):
    with open(os.path.join(gen, "messages.txt"), encoding="utf-8") as f:
        texts = [l.rstrip("\n") for l in f if l.strip()]
    texts += CORPUS_STRINGS
    return [t for t in texts if len(t.encode()) >= 8]


def windows(text, size=16, step=8):
    """The text and overlapping pieces of it: a partial copy must not slip through either."""
    if len(text) <= size:
        return [text]
    return [text] + [text[i:i + size] for i in range(0, len(text) - size + 1, step)]


def leaks_in(blobs, texts):
    found = set()
    strings = []

    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                strings.append(k)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    raw = b"\n".join(blobs)
    for rec in records(raw):
        walk(rec)
    joined = "\n".join(strings)
    for t in texts:
        for piece in windows(t):
            if piece.encode() in raw or piece in joined:
                found.add(t)
                break
    return sorted(found)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_read(port, key):
    out = []
    for k in (key, key + ":stats"):
        kind = subprocess.run(["redis-cli", "-p", str(port), "TYPE", k], stdout=subprocess.PIPE).stdout.strip()
        cmd = {b"stream": ["XRANGE", k, "-", "+"], b"list": ["LRANGE", k, "0", "-1"]}.get(kind)
        if cmd:
            res = subprocess.run(["redis-cli", "-p", str(port), "--raw"] + cmd, stdout=subprocess.PIPE).stdout
            out += [l for l in res.splitlines() if l.startswith(b"{")]
    return out


def test_redaction(scratch, gen):
    captures = sorted(glob.glob(os.path.join(gen, "*.pcap*")))
    real = sorted(p for p in glob.glob(os.path.join(CORPUS, "*")) if p.endswith((".pcap", ".pcapng")))
    if not check(len(real) == 52, "redaction: the 52 captures of the real corpus in %s" % CORPUS, len(real)):
        return
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        check(False, "redaction: redis-server and redis-cli installed")
        return
    port = free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", scratch], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        up = wait_for(lambda: subprocess.run(["redis-cli", "-p", str(port), "PING"], stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL).stdout.strip() == b"PONG", 10)
        if not check(up, "redaction: private redis-server on 127.0.0.1:%d" % port):
            return
        key = "lwtest:alerts"
        conf = config(os.path.join(scratch, "redact.yaml"), home=["0.0.0.0/0", "::/0"], watch_internal=True,
                      extra="outputs:\n  redis: {url: \"redis://127.0.0.1:%d/0\", mode: stream, key: \"%s\", "
                            "spool: \"%s\"}\n" % (port, key, os.path.join(scratch, "spool")))
        stdout_blobs, file_blobs, bad_runs, n_alerts = [], [], [], 0
        for i, pcap in enumerate(captures + real):
            path = os.path.join(scratch, "redact-%03d.json" % i)
            rc, out, err = run(["-r", pcap, "-c", conf, "-o", "json:-", "-o", "json:" + path,
                                "-o", "redis://127.0.0.1:%d/0?mode=stream&key=%s&spool=%s"
                                % (port, key, os.path.join(scratch, "spool"))])
            if rc != 0:
                bad_runs.append("%s rc=%d %s" % (os.path.basename(pcap), rc, err.strip()[-200:]))
            stdout_blobs.append(out)
            file_blobs.append(open(path, "rb").read() if os.path.exists(path) else b"")
            n_alerts += len(alerts_of(out))
        check(not bad_runs, "redaction: %d captures replayed with every address a device, exit 0" % len(captures + real),
              "; ".join(bad_runs[:3]))
        redis_blobs = redis_read(port, key)
        n_file = sum(len(alerts_of(b)) for b in file_blobs)
        n_redis = len([r for r in records(b"\n".join(redis_blobs)) if r.get("event_type") == "alert"])
        check(n_alerts > 50 and n_file == n_alerts and n_redis == n_alerts,
              "redaction: the same %d alerts on stdout, in the JSON file and in the Redis stream" % n_alerts,
              "stdout %d file %d redis %d" % (n_alerts, n_file, n_redis))
        texts = secrets(gen)
        for name, blobs in (("stdout", stdout_blobs), ("JSON file", file_blobs), ("Redis stream", redis_blobs)):
            found = leaks_in(blobs, texts)
            check(not found, "redaction: no message text (%d texts, raw and JSON-unescaped) in %s" % (len(texts), name),
                  "; ".join(t[:50] for t in found[:4]))
        modes = {r["leak"]["evidence"]["mode"] for r in alerts_of(b"\n".join(stdout_blobs))}
        check(modes == {"redacted"}, "redaction: evidence.mode is redacted on every alert", modes)
    finally:
        redis.terminate()
        redis.wait(timeout=10)


# ---------------------------------------------------------------- 4. evidence modes
def test_evidence(scratch, gen, mc):
    prefix = os.path.join(scratch, "lab")
    r = subprocess.run([UNSEAL, "--keygen", prefix], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(r.returncode == 0 and os.path.exists(prefix + ".pub") and os.path.exists(prefix + ".key"),
          "evidence: leakwatch-unseal --keygen writes PREFIX.pub and PREFIX.key", r.stderr.decode().strip())
    pub = open(prefix + ".pub").read().strip()
    pcaps = [os.path.join(gen, p) for p in ("http_json.pcap", "http_encoded.pcap", "chat_protocols.pcap", "mail.pcap",
                                            "websocket.pcap")]
    sealed = replay(scratch, "sealed", pcaps, extra="alerts:\n  evidence:\n    mode: sealed\n    public_key: \"%s\"\n" % pub)
    msgs = alerts_of(sealed, "plaintext_message")
    check(len(msgs) >= 30 and all(isinstance(a["leak"]["evidence"].get("sealed"), str) and
                                  a["leak"]["evidence"]["mode"] == "sealed" for a in msgs),
          "evidence: all %d plaintext_message alerts carry evidence.sealed" % len(msgs))
    texts = secrets(gen)
    check(not leaks_in([sealed], texts), "evidence: sealed alerts carry no message text")
    sealed_path = os.path.join(scratch, "sealed.json")
    with open(sealed_path, "wb") as f:
        f.write(sealed)
    r = subprocess.run([UNSEAL, "-k", prefix + ".key", sealed_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    opened = {o["alert_id"]: o["evidence"].get("text", "") for o in records(r.stdout) if "alert_id" in o}
    check(r.returncode == 0 and set(opened) >= {a["alert_id"] for a in msgs},
          "evidence: leakwatch-unseal -k opens every sealed alert", "rc=%d opened %d of %d %s" %
          (r.returncode, len(opened), len(msgs), r.stderr.decode()[-200:]))
    # each opened text holds a generator message (at least a 24-character piece of one)
    unmatched = [aid for aid, t in opened.items() if not any(p in t for m in texts for p in windows(m, 24, 12))]
    check(opened and not unmatched, "evidence: every opened text contains a generator message text",
          "%d unmatched, e.g. %r" % (len(unmatched), opened.get(unmatched[0], "")[:80] if unmatched else ""))
    # flow by flow for http_json.pcap: case http-json/<lang>-<key> carries MSG[lang]
    want = {}
    with open(os.path.join(gen, "labels.tsv"), encoding="utf-8") as f:
        for row in f:
            case, pcap, flow = row.split("\t")[:3]
            if case.startswith("http-json/") and case != "http-json/es-nested":
                want[flow.split("/")[0]] = mc.MSG[case.split("/")[1].rsplit("-", 1)[0]]
    got = {flow_key(a): opened.get(a["alert_id"], "") for a in msgs if flow_key(a) in want}
    wrong = [k for k in want if want[k] not in got.get(k, "")]
    check(len(want) == 10 and not wrong, "evidence: each http-json flow opens to its own message (%d flows)" % len(want),
          wrong[:3])
    other = os.path.join(scratch, "other")
    subprocess.run([UNSEAL, "--keygen", other], stdout=subprocess.DEVNULL)
    r = subprocess.run([UNSEAL, "-k", other + ".key", sealed_path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(r.returncode != 0 and not leaks_in([r.stdout], texts), "evidence: a wrong key opens nothing and fails",
          "rc=%d" % r.returncode)
    clear = replay(scratch, "clear", pcaps[:1], extra="alerts:\n  evidence:\n    mode: clear\n")
    shown = [a for a in alerts_of(clear, "plaintext_message")
             if want.get(flow_key(a)) and want[flow_key(a)] in json.dumps(a, ensure_ascii=False)]
    check(len(shown) == 10 and len(leaks_in([clear], texts)) >= 10,
          "evidence: clear mode (lab) shows each message text (and the leak detector sees it)", "%d of 10" % len(shown))
    redacted = replay(scratch, "redacted", pcaps, extra="alerts:\n  evidence:\n    mode: redacted\n")
    ra = alerts_of(redacted, "plaintext_message")
    check(len(ra) == len(msgs) and not leaks_in([redacted], texts) and
          all("sealed" not in a["leak"]["evidence"] for a in ra), "evidence: redacted mode shows no text and no seal")


# ---------------------------------------------------------------- 5. archive policy
def test_archive_policy(scratch, gen):
    tls, dns, pol = (os.path.join(gen, p) for p in ("archive_tls.pcap", "archive_dns.pcap", "policy.pcap"))
    sni_flow, dns_flow = "10.10.1.120:48000>203.0.113.70:443", "10.10.1.130:48010>203.0.113.77:443"
    gb, us = "10.10.1.150:48100>81.2.69.142:443", "10.10.1.151:48101>216.160.83.56:443"

    def archive_flows(out):
        return {flow_key(a): a for a in alerts_of(out, "unapproved_archive")}

    base = archive_flows(replay(scratch, "archive-default", [tls, dns, pol]))
    for flow, how in ((sni_flow, "with SNI"), (dns_flow, "without SNI (DNS-resolved)")):
        a = base.get(flow)
        check(a and a["alert"]["signature_id"] == 8700400 and a["dest"]["host"] == TELEMESSAGE,
              "archive: TLS to %s %s is unapproved_archive (sid 8700400, dest.host)" % (TELEMESSAGE, how),
              json.dumps(a)[:300] if a else "no alert")
    check("10.10.1.131:48011>203.0.113.77:443" not in base, "archive: another device that never resolved the name is quiet")
    host_ok = archive_flows(replay(scratch, "archive-host", [tls, dns, pol], approved_hosts=[TELEMESSAGE]))
    check(sni_flow not in host_ok and dns_flow not in host_ok and gb not in host_ok,
          "archive: approved host silences SNI and DNS-resolved flows", sorted(host_ok))
    check("10.10.1.121:48001>203.0.113.71:443" in host_ok, "archive: other archive services still alert when one is approved")
    cidr_ok = archive_flows(replay(scratch, "archive-cidr", [tls, dns], approved_cidrs=["203.0.113.70/32", "203.0.113.77/32"]))
    check(sni_flow not in cidr_ok and dns_flow not in cidr_ok and len(cidr_ok) == 3,
          "archive: approved CIDRs silence both flows, the other three vendors alert", sorted(cidr_ok))
    geo = archive_flows(replay(scratch, "archive-country", [pol], approved_hosts=[TELEMESSAGE], allowed_countries=["US"]))
    check(gb in geo and us not in geo, "archive: approved host outside allowed_countries [US] alerts (GB), inside is quiet (US)",
          sorted(geo))
    geo_cidr = archive_flows(replay(scratch, "archive-country-cidr", [pol], approved_cidrs=["81.2.69.142/32", "216.160.83.56/32"],
                                    allowed_countries=["SE"]))
    check(gb in geo_cidr and us in geo_cidr, "archive: approved CIDR outside allowed_countries [SE] alerts", sorted(geo_cidr))
    d = base.get(gb, {}).get("dest", {})
    check(d.get("country") == "GB" and d.get("host") == TELEMESSAGE, "archive: dest.country GB from the country DB", d)
    d = base.get(us, {}).get("dest", {})
    check(d.get("country") == "US" and d.get("asn") == 209 and isinstance(d.get("as_org"), (str, type(None))),
          "archive: dest.country US, dest.asn 209 from the DBs", d)
    heap = alerts_of(replay(scratch, "archive-geo-asn", [os.path.join(gen, "heapdump.pcap")]), "archive_exfiltration")
    se = [a["dest"] for a in heap if a["dest_ip"] == "89.160.20.112"]
    check(se and se[0] == {"host": se[0]["host"], "country": "SE", "asn": 29518, "as_org": "Bredband2 AB"},
          "archive: dest.country/asn/as_org SE/29518/Bredband2 AB from the DBs", se)


# ---------------------------------------------------------------- 6. rate limit
def test_rate_limit(scratch, gen):
    pol = os.path.join(gen, "policy.pcap")
    out = replay(scratch, "rate", [pol], extra="alerts:\n  rate_limit:\n    count: 1\n    interval: 3600\n")
    rep = [a for a in alerts_of(out, "plaintext_message") if a["src_ip"] == "10.10.1.155"]
    ports = [a["src_port"] for a in rep]
    check(ports == [48110, 48113], "rate limit: count 1/3600 s passes the first repeat and the one an hour later", ports)
    check(rep and "suppressed" not in rep[0]["alert"], "rate limit: the first alert carries no suppressed count")
    check(len(rep) == 2 and rep[1]["alert"].get("suppressed") == 2,
          "rate limit: the next passing alert carries alert.suppressed = 2", rep[-1]["alert"] if rep else None)
    stats = [r for r in records(out) if r.get("event_type") == "stats"]
    check(stats and stats[0]["stats"].get("alerts_suppressed") == 2, "rate limit: stats.alerts_suppressed = 2")
    free = [a for a in alerts_of(replay(scratch, "rate-off", [pol]), "plaintext_message") if a["src_ip"] == "10.10.1.155"]
    check(len(free) == 4, "rate limit: without it all four repeats alert", len(free))


def main():
    try:
        import scapy.all  # noqa: F401  (make_corpus needs it)
    except ImportError:
        print("FAIL: /usr/bin/python3 cannot import scapy (Debian: apt-get install python3-scapy)")
        return 1
    if not os.access(BIN, os.X_OK):
        print("FAIL: no leakwatch binary at %s" % BIN)
        return 1
    sys.path.insert(0, os.path.join(TOP, "tests", "gen"))
    import make_corpus as mc
    scratch = os.environ.get("LW_E2E_TMP") or tempfile.mkdtemp(prefix="lw-policy-e2e-")
    os.makedirs(scratch, exist_ok=True)
    gen = os.path.join(scratch, "gen")
    mc.build_corpus().write(gen)
    try:
        for name, test in (("check", lambda: test_check_mode(scratch)), ("reload", lambda: test_reload(scratch, mc, "stdin")),
                           ("reload-fifo", lambda: test_reload(scratch, mc, "fifo")),
                           ("redaction", lambda: test_redaction(scratch, gen)),
                           ("evidence", lambda: test_evidence(scratch, gen, mc)),
                           ("archive", lambda: test_archive_policy(scratch, gen)),
                           ("rate", lambda: test_rate_limit(scratch, gen))):
            try:
                test()
            except Exception as e:  # a crash of the harness is a failure, not a skip
                check(False, name + ": test ran to the end", "%s: %s" % (type(e).__name__, e))
    finally:
        if not os.environ.get("LW_E2E_KEEP") and not os.environ.get("LW_E2E_TMP"):
            shutil.rmtree(scratch, ignore_errors=True)
    print("%d passed, %d failed" % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
