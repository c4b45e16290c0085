#!/usr/bin/python3
"""make.py — writes the evasion captures of issue 13 into this directory (deterministic, scapy;
run it again to regenerate; the outputs are committed). A device (10.5.5.5) posts a JSON chat
message over plain HTTP to 203.0.113.80, and each capture tries to hide it from a monitor:

  checksum.pcap  a segment with harmless bytes and a wrong TCP checksum (the receiver drops it),
                 then the real message at the same sequence numbers;
  overlap.pcap   the same two copies, both with right checksums (receivers differ in which
                 copy they keep);
  rst.pcap       an RST with a wrong checksum before the message (the receiver ignores it);
  edited.pcap    the message's segment has a wrong checksum and nothing replaces it (what an
                 edited or anonymised capture looks like): the bytes must still be inspected.

tests/e2e/evasion_e2e.sh replays each and expects the plaintext_message alert."""
import os
from scapy.all import Ether, IP, TCP, Raw, wrpcap

HERE = os.path.dirname(os.path.abspath(__file__))
DEV, SRV, SPORT = "10.5.5.5", "203.0.113.80", 41000
T0 = 1746352800
BODY = (b'{"from":"alice@example.org","to":"bob@example.org","thread":"t-42",'
        b'"text":"The meeting moved to Thursday at the old office, bring the signed contract"}')
MESSAGE = (b"POST /api/v1/messages HTTP/1.1\r\nHost: chat.example.net\r\nContent-Type: application/json\r\n"
           b"Content-Length: %d\r\n\r\n" % len(BODY)) + BODY
HARMLESS = b"A" * len(MESSAGE)
ISN_C, ISN_S = 7000, 9000


def seg(t, out, flags, seq, ack, data=b"", bad=False):
    eth = Ether(src="02:00:0a:05:05:05", dst="02:00:00:00:00:01") if out else \
        Ether(src="02:00:00:00:00:01", dst="02:00:0a:05:05:05")
    ip = IP(src=DEV, dst=SRV) if out else IP(src=SRV, dst=DEV)
    tcp = TCP(sport=SPORT, dport=80, flags=flags, seq=seq, ack=ack) if out else \
        TCP(sport=80, dport=SPORT, flags=flags, seq=seq, ack=ack)
    p = eth / ip / tcp / (Raw(data) if data else b"")
    p = p.__class__(bytes(p))            # checksums computed
    if bad:
        p[TCP].chksum ^= 0x5a5a
        p = p.__class__(bytes(p))
    p.time = t
    return p


def conversation(before_message):
    s, a = ISN_C + 1, ISN_S + 1
    pkts = [seg(T0, True, "S", ISN_C, 0), seg(T0 + 0.01, False, "SA", ISN_S, s), seg(T0 + 0.02, True, "A", s, a)]
    pkts += before_message(s, a)
    end = s + len(MESSAGE)
    pkts += [seg(T0 + 0.10, False, "A", a, end), seg(T0 + 0.20, True, "FA", end, a),
             seg(T0 + 0.21, False, "FA", a, end + 1), seg(T0 + 0.22, True, "A", end + 1, a + 1)]
    return pkts


def write(name, before_message):
    wrpcap(os.path.join(HERE, name), conversation(before_message))


write("checksum.pcap", lambda s, a: [seg(T0 + 0.03, True, "PA", s, a, HARMLESS, bad=True),
                                     seg(T0 + 0.05, True, "PA", s, a, MESSAGE)])
write("overlap.pcap", lambda s, a: [seg(T0 + 0.03, True, "PA", s, a, HARMLESS),
                                    seg(T0 + 0.05, True, "PA", s, a, MESSAGE)])
write("rst.pcap", lambda s, a: [seg(T0 + 0.03, True, "R", s, 0, bad=True),
                                seg(T0 + 0.05, True, "PA", s, a, MESSAGE)])
write("edited.pcap", lambda s, a: [seg(T0 + 0.05, True, "PA", s, a, MESSAGE, bad=True)])
