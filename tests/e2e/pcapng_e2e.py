#!/usr/bin/python3
"""pcapng_e2e.py — pcapng files whose interfaces have different link types (what
`dumpcap -i eth0 -i any` writes, and libpcap refuses) replay, and give the alerts and flows of
their per-interface split replayed separately.

From the generated corpus (tests/gen/make_corpus.py: Ethernet captures, one timeline) it writes
one pcapng with three interfaces: 0 Ethernet (microseconds), 1 Linux cooked SLL (nanoseconds,
frames rewritten from Ethernet), 2 Ethernet (2^-20 s units and an if_tsoffset). Frames go to an
interface by their home-network device, so that a device's DNS answers and flows stay on one
interface. Variants: the same in big-endian byte order, and with the second and third interface
described only after the first packets (libpcap reads those files only up to there). The split:
one classic pcap per interface, with the timestamps the resolution allows. Checks that tshark
reads the pcapng as written, then that leakwatch gives equal alerts (as sets of records, minus
the member that names the file) and equal packet/flow/alert counts for each variant, from
standard input, and with a BPF filter. Prints PASS/FAIL lines and "N passed, N failed".

Environment: LW_BIN, LW_TOP_SRCDIR, LW_E2E_TMP (scratch, kept when set).
"""
import collections
import ipaddress
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
BIN = os.environ.get("LW_BIN") or os.path.join(BUILD, "leakwatch")
HOME = [ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")]
FILE_MEMBERS = ("pcap_filename", "in_iface")
TSOFFSET = 1700000000

# interface: (link type, if_tsresol byte or None, if_tsoffset seconds)
INTERFACES = [(1, None, 0), (113, 9, 0), (1, 0x80 | 20, TSOFFSET)]

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": " + detail) if detail and not ok else ""))
    if ok:
        passed += 1
    else:
        failed += 1
    return ok


def read_pcap(path):
    data = open(path, "rb").read()
    magic, _, _, _, _, _, link = struct.unpack("<IHHiIII", data[:24])
    assert magic == 0xA1B2C3D4, path
    frames, off = [], 24
    while off < len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        frames.append((sec * 1000000 + usec, data[off + 16:off + 16 + incl], orig))
        off += 16 + incl
    return link, frames


def is_home(raw):
    a = ipaddress.ip_address(raw)
    return any(a in n for n in HOME)


def device_of(frame):
    """The home-network end of an Ethernet frame's IP packet; when both ends are home (a local
    resolver), the end with the higher port: the client."""
    ethertype = struct.unpack(">H", frame[12:14])[0]
    if ethertype == 0x0800:
        l4 = 14 + (frame[14] & 0x0F) * 4
        ends = [frame[26:30], frame[30:34]]
    elif ethertype == 0x86DD:
        l4 = 54
        ends = [frame[22:38], frame[38:54]]
    else:
        return None
    ports = struct.unpack(">HH", frame[l4:l4 + 4])
    home = [(port, e) for port, e in zip(ports, ends) if is_home(e)]
    return max(home or zip(ports, ends))[1]


def to_sll(frame, outgoing):
    """Linux cooked (SLL) header in place of the Ethernet one: packet type, ARPHRD_ETHER, source MAC."""
    return struct.pack(">HHH8sH", 4 if outgoing else 0, 1, 6, frame[6:12] + b"\0\0", struct.unpack(">H", frame[12:14])[0]) + frame[14:]


def stored_ts(usec, iface):
    """The timestamp units the interface stores, and the microseconds a reader gets back."""
    _, resol, offset = INTERFACES[iface]
    rel = usec - offset * 1000000
    if resol is None:
        units = 1000000
    elif resol & 0x80:
        units = 1 << (resol & 0x7F)
    else:
        units = 10 ** resol
    stored = rel * units // 1000000
    return stored, stored * 1000000 // units + offset * 1000000


class Pcapng:
    def __init__(self, big):
        self.e = ">" if big else "<"
        self.parts = []

    def block(self, btype, body):
        body += b"\0" * (-len(body) % 4)
        n = len(body) + 12
        self.parts.append(struct.pack(self.e + "II", btype, n) + body + struct.pack(self.e + "I", n))

    def shb(self):
        self.block(0x0A0D0D0A, struct.pack(self.e + "IHHq", 0x1A2B3C4D, 1, 0, -1))

    def idb(self, iface):
        link, resol, offset = INTERFACES[iface]
        opts = b""
        if resol is not None:
            opts += struct.pack(self.e + "HH", 9, 1) + bytes([resol]) + b"\0\0\0"
        if offset:
            opts += struct.pack(self.e + "HHq", 14, 8, offset)
        opts += struct.pack(self.e + "HH", 0, 0)
        self.block(1, struct.pack(self.e + "HHI", link, 0, 262144) + opts)

    def epb(self, iface, stored, frame, orig):
        self.block(6, struct.pack(self.e + "IIIII", iface, stored >> 32, stored & 0xFFFFFFFF, len(frame), orig) + frame)

    def custom(self):
        self.block(0x40000BAD, struct.pack(self.e + "I", 32473) + b"skipped")

    def bytes(self):
        return b"".join(self.parts)


def write_pcap(path, link, frames):
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, link))
        for usec, frame, orig in frames:
            out.write(struct.pack("<IIII", usec // 1000000, usec % 1000000, len(frame), orig) + frame)


def build(gen, scratch):
    """The mixed frames (interface, stored units, frame, original length) and the split files."""
    mixed, split = [], collections.defaultdict(list)
    sources = []
    for name in sorted(os.listdir(gen)):
        if not name.endswith(".pcap"):
            continue
        link, frames = read_pcap(os.path.join(gen, name))
        if link != 1 or any(device_of(f) is None for _, f, _ in frames):
            continue  # other link types, VLAN tags (SLL would drop them): not this test's business
        sources.append((frames[0][0], name, frames))
    # The corpus's captures start ten minutes apart: one timeline, without those lasting longer.
    sources = sorted(s for s in sources if s[2][-1][0] - s[0] < 600 * 1000000)
    for _, _, frames in sources:
        for usec, frame, orig in frames:
            dev = device_of(frame)
            iface = zlib.crc32(dev) % len(INTERFACES)
            if INTERFACES[iface][0] == 113:
                src_is_dev = frame[26:30] == dev if frame[12:14] == b"\x08\x00" else frame[22:38] == dev
                frame, orig = to_sll(frame, src_is_dev), orig + 2
            stored, back = stored_ts(usec, iface)
            mixed.append((iface, stored, frame, orig))
            split[iface].append((back, frame, orig))
    files = []
    for iface in sorted(split):
        path = os.path.join(scratch, "split%d.pcap" % iface)
        write_pcap(path, INTERFACES[iface][0], split[iface])
        files.append(path)
    return sources, mixed, files


def write_pcapng(path, mixed, big=False, late_idbs=False):
    ng = Pcapng(big)
    ng.shb()
    described = 1 if late_idbs else len(INTERFACES)
    for i in range(described):
        ng.idb(i)
    ng.custom()
    for iface, stored, frame, orig in mixed:
        while iface >= described:
            ng.idb(described)
            described += 1
        ng.epb(iface, stored, frame, orig)
    with open(path, "wb") as out:
        out.write(ng.bytes())


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, stdin=stdin, capture_output=True, timeout=600)
    records = [json.loads(line) for line in p.stdout.decode().splitlines() if line.strip()]
    return p.returncode, p.stderr.decode(errors="replace"), records


def summary(records):
    """Alerts as a sorted list of canonical JSON (without the file-naming member), and the counts."""
    alerts, counts = [], collections.Counter()
    for r in records:
        if r.get("event_type") == "stats":
            for k in ("packets", "flows", "alerts"):
                counts[k] += r["stats"][k]
        else:
            for k in FILE_MEMBERS:
                r.pop(k, None)
            alerts.append(json.dumps(r, sort_keys=True))
    return sorted(alerts), counts


def replay(config, files, extra=(), stdin=None):
    out = []
    for f in files:
        rc, err, records = run(["-c", config, "-r", f] + list(extra), stdin=stdin)
        if rc != 0:
            return None, "%s: exit %d: %s" % (os.path.basename(f), rc, err.strip())
        out += records
    return summary(out), ""


def tshark_interfaces(path):
    p = subprocess.run(["tshark", "-r", path, "-T", "fields", "-e", "frame.interface_id", "-e", "frame.time_epoch"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        return None
    rows = [line.split("\t") for line in p.stdout.splitlines()]
    return [(int(i), t) for i, t in rows if i]  # tshark lists the custom block as a frame without interface


def main():
    if not os.access(BIN, os.X_OK):
        print("FAIL  no leakwatch binary at %s" % BIN)
        return 1
    keep = os.environ.get("LW_E2E_TMP")
    scratch = keep or tempfile.mkdtemp(prefix="lw-pcapng-")
    os.makedirs(scratch, exist_ok=True)
    try:
        gen = os.path.join(scratch, "gen")
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "tests", "gen", "make_corpus.py"), "-o", gen],
                       check=True, stdout=subprocess.DEVNULL)
        sources, mixed, split = build(gen, scratch)
        per_iface = collections.Counter(i for i, _, _, _ in mixed)
        check(len(sources) >= 10 and all(per_iface[i] > 100 for i in range(len(INTERFACES))),
              "corpus: %d captures, frames per interface %s" % (len(sources), dict(per_iface)))
        config = os.path.join(scratch, "leakwatch.yaml")
        with open(config, "w") as c:
            c.write("signatures:\n  paths: [%s]\ngeoip:\n  country_db: %s\n  asn_db: %s\n" % (
                os.path.join(TOP, "signatures"), os.path.join(TOP, "tests/data/geoip/GeoLite2-Country-Test.mmdb"),
                os.path.join(TOP, "tests/data/geoip/GeoLite2-ASN-Test.mmdb")))

        variants = {"little-endian": {}, "big-endian": {"big": True}, "late interface blocks": {"late_idbs": True}}
        paths = {}
        for name, kw in variants.items():
            paths[name] = os.path.join(scratch, name.replace(" ", "-") + ".pcapng")
            write_pcapng(paths[name], mixed, **kw)

        want = [(i, None) for i, _, _, _ in mixed]
        seen = tshark_interfaces(paths["little-endian"])
        check(seen is not None and [i for i, _ in seen] == [i for i, _ in want],
              "tshark reads the mixed pcapng: %d frames on the interfaces written" % len(mixed))
        seen_be = tshark_interfaces(paths["big-endian"])
        check(seen_be == seen, "tshark reads the big-endian variant identically")

        expect, err = replay(config, split)
        check(expect is not None, "the per-interface split replays", err)
        if expect is None:
            return 1
        alerts, counts = expect
        check(len(alerts) >= 20 and counts["flows"] >= 50,
              "the split gives %d alerts, %d flows, %d packets" % (len(alerts), counts["flows"], counts["packets"]))
        check(counts["packets"] == len(mixed), "the split replays every frame")
        for name, path in paths.items():
            got, err = replay(config, [path])
            check(got == expect, "%s mixed pcapng: alerts and counts equal the split's" % name,
                  err or "%s vs %s; %d vs %d alerts" % (dict(got[1]), dict(counts), len(got[0]), len(alerts)))
        with open(paths["big-endian"], "rb") as stdin:
            got, err = replay(config, ["-"], stdin=stdin)
        check(got == expect, "big-endian mixed pcapng on standard input equals the split", err)

        bpf = ["-f", "tcp and not port 25"]
        expect_f, err = replay(config, split, bpf)
        got_f, err2 = replay(config, [paths["little-endian"]], bpf)
        check(expect_f is not None and got_f == expect_f and expect_f[1]["packets"] < counts["packets"],
              "with a BPF filter (compiled per link type) the mixed file equals the split", err or err2)
        rc, err, _ = run(["-c", config, "-r", paths["little-endian"], "-f", "tcp port"])
        check(rc == 2 and "bad filter" in err, "a bad filter is a usage error naming the file", "exit %d %s" % (rc, err))

        cut = os.path.join(scratch, "cut.pcapng")
        with open(paths["little-endian"], "rb") as src, open(cut, "wb") as dst:
            dst.write(src.read()[:os.path.getsize(paths["little-endian"]) // 2 + 3])
        rc, err, _ = run(["-c", config, "-r", cut])
        check(rc == 1 and "cut.pcapng" in err and "truncated" in err, "a truncated pcapng: exit 1 naming the file",
              "exit %d %s" % (rc, err.strip()))
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
