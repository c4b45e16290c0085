"""eve_check.py — the EVE members of leakwatch's records, checked independently of leakwatch.

- Suricata's EVE JSON schema (tests/data/eve/, pinned), validated with python3-jsonschema after
  the members EVE does not define are removed at the top level, inside `alert` and inside `stats`
  (leakwatch's own: alert_id, leak, dest, device, alert.suppressed, its counters).
- Community ID v1 computed here from the record's 5-tuple (hashlib's SHA-1, the specification's
  byte layout), trusted only after it reproduced every TCP/UDP/SCTP/port-less ID of the
  specification's baseline (tests/data/community-id/baseline_deflt.json).
- The members the contract adds for SOC tools: host, pcap_filename (one of the replayed files) or
  in_iface, alert.action/gid/rev, lower-case app_proto, direction and flow{} consistent with the
  device-relative src_* and leak.direction, http.url without a query, verdict and entropy null
  only when no byte was seen.

Used by run_e2e.py (every record of every replay) and eve_e2e.py. Needs python3-jsonschema.
"""
import base64
import hashlib
import ipaddress
import json
import os
import struct

import jsonschema

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMA_PATH = os.path.join(TOP, "tests", "data", "eve", "suricata-eve-schema.json")
BASELINE_PATH = os.path.join(TOP, "tests", "data", "community-id", "baseline_deflt.json")
PROTO_NUMBERS = {"TCP": 6, "UDP": 17}
ICMP = (1, 58)


def community_id(saddr, daddr, sport, dport, proto, seed=0):
    """Community ID v1 of a flow (github.com/corelight/community-id-spec), ICMP excepted."""
    a, b = ipaddress.ip_address(saddr).packed, ipaddress.ip_address(daddr).packed
    ports = proto in (6, 17, 132)
    sport, dport = (sport or 0, dport or 0) if ports else (0, 0)
    if (a, sport) > (b, dport):
        a, b, sport, dport = b, a, dport, sport
    data = struct.pack("!H", seed) + a + b + struct.pack("!BB", proto, 0)
    if ports:
        data += struct.pack("!HH", sport, dport)
    return "1:" + base64.b64encode(hashlib.sha1(data).digest()).decode()


def baseline_errors():
    """Vectors of the specification this implementation does not reproduce (ICMP skipped)."""
    with open(BASELINE_PATH) as f:
        vectors = json.load(f)
    bad = [v for v in vectors if v["proto"] not in ICMP and
           community_id(v["saddr"], v["daddr"], v["sport"], v["dport"], v["proto"]) != v["communityid"]]
    return len([v for v in vectors if v["proto"] not in ICMP]), bad


class EveChecker:
    def __init__(self):
        with open(SCHEMA_PATH) as f:
            self.schema = json.load(f)
        cls = jsonschema.validators.validator_for(self.schema)
        cls.check_schema(self.schema)
        self.validator = cls(self.schema, format_checker=jsonschema.FormatChecker())
        props = self.schema["properties"]
        self.top = set(props)
        self.alert = set(props["alert"]["properties"])
        self.stats = set(props["stats"]["properties"])
        self.checked = 0
        self.removed = set()

    def eve_part(self, rec):
        """The record without the members EVE does not define (top, alert, stats)."""
        out = {k: v for k, v in rec.items() if k in self.top}
        self.removed.update(k for k in rec if k not in self.top)
        for key, known in (("alert", self.alert), ("stats", self.stats)):
            if isinstance(out.get(key), dict):
                self.removed.update(key + "." + k for k in out[key] if k not in known)
                out[key] = {k: v for k, v in out[key].items() if k in known}
        return out

    def schema_errors(self, rec):
        self.checked += 1
        return ["schema: %s at %s" % (e.message[:120], "/".join(str(p) for p in e.absolute_path) or "top")
                for e in self.validator.iter_errors(self.eve_part(rec))]

    def record_errors(self, rec, files=None, live_iface=None):
        """Everything wrong with one alert or stats record; files: the replayed captures."""
        errs = self.schema_errors(rec)
        host = rec.get("host")
        if not isinstance(host, str) or not host:
            errs.append("host missing")
        if rec.get("event_type") == "alert":
            errs += self.alert_errors(rec, files, live_iface)
        return errs

    def alert_errors(self, rec, files, live_iface):
        errs = []
        alert = rec.get("alert") or {}
        if alert.get("action") != "allowed" or not isinstance(alert.get("gid"), int) or \
                not isinstance(alert.get("rev"), int):
            errs.append("alert.action/gid/rev %r/%r/%r" % (alert.get("action"), alert.get("gid"), alert.get("rev")))
        sid = alert.get("signature_id")
        if not isinstance(sid, int) or 1000000 <= sid <= 1999999:
            errs.append("signature_id %r: the packs' ids stay out of the local-rules range" % sid)
        proto = rec.get("app_proto")
        if not isinstance(proto, str) or not proto or proto != proto.lower() or "." in proto:
            errs.append("app_proto %r is not a lower-case protocol name" % proto)
        try:
            want = community_id(rec["src_ip"], rec["dest_ip"], rec["src_port"], rec["dest_port"],
                                PROTO_NUMBERS[rec["proto"]])
        except (KeyError, ValueError, TypeError):
            want = None
        if rec.get("community_id") != want:
            errs.append("community_id %r, independently %r" % (rec.get("community_id"), want))
        if files is not None and rec.get("pcap_filename") not in files:
            errs.append("pcap_filename %r not one of %r" % (rec.get("pcap_filename"), files))
        if live_iface is not None and rec.get("in_iface") != live_iface:
            errs.append("in_iface %r, want %r" % (rec.get("in_iface"), live_iface))
        return errs + self.flow_errors(rec) + self.leak_errors(rec)

    @staticmethod
    def flow_errors(rec):
        flow, leak = rec.get("flow") or {}, rec.get("leak") or {}
        device = (rec.get("src_ip"), rec.get("src_port"))
        remote = (rec.get("dest_ip"), rec.get("dest_port"))
        ends = ((flow.get("src_ip"), flow.get("src_port")), (flow.get("dest_ip"), flow.get("dest_port")))
        if ends not in ((device, remote), (remote, device)):
            return ["flow endpoints %r are not the record's %r" % (ends, (device, remote))]
        device_initiates = ends[0] == device
        device_sends = leak.get("direction") == "to_server"
        if (rec.get("direction") == "to_server") != (device_initiates == device_sends):
            return ["direction %r contradicts leak.direction %r with the device %s" %
                    (rec.get("direction"), leak.get("direction"), "initiating" if device_initiates else "responding")]
        side = "toserver" if rec.get("direction") == "to_server" else "toclient"  # the end the alert's bytes came from
        if min(flow.get(k, 0) for k in ("pkts_" + side, "bytes_" + side)) < 1:
            return ["flow counters %r: the sending end (%s) sent nothing" % (flow, side)]
        return []

    @staticmethod
    def leak_errors(rec):
        errs = []
        leak, http = rec.get("leak") or {}, rec.get("http") or {}
        if "?" in http.get("url", "") or "#" in http.get("url", ""):
            errs.append("http.url carries a query or fragment")
        seen = leak.get("bytes_inspected", 0) > 0
        if seen != (leak.get("verdict") is not None) or seen != (leak.get("entropy") is not None):
            errs.append("verdict %r / entropy %r with %r bytes inspected" %
                        (leak.get("verdict"), leak.get("entropy"), leak.get("bytes_inspected")))
        if "ndpi_proto" not in leak:
            errs.append("leak.ndpi_proto missing")
        return errs


def initiator_errors(rec, initiator):
    """flow{} names the connection's initiator (host, port) as its src."""
    flow = rec.get("flow") or {}
    got = (flow.get("src_ip"), flow.get("src_port"))
    return [] if got == tuple(initiator) else ["flow.src %r is not the initiator %r" % (got, tuple(initiator))]

