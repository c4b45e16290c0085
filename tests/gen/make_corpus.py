#!/usr/bin/python3
"""make_corpus.py — deterministic, labelled synthetic captures for leakwatch's end-to-end tests.

Writes small pcaps (plus one pcapng, one Linux SLL2 and one raw-IP capture), labels.tsv (one row per
flow and expected alert: case, pcap, flow, expect, direction, verdict, note), messages.txt (every
human message text the captures carry, one per line, for the harness's redaction check),
signature_cases.tsv (every signature id of signatures/*.yaml with a case that must raise it and one
that must not) and, for captures that need one, a <pcap stem>.yaml config the harness passes with -c.
With --demo it writes only the README's demo capture (demo.pcap + demo.tsv) instead.

Only documentation / private addresses (and three GeoIP test-database addresses) are written into
the files; nothing is ever sent. Output depends on nothing but this file: fixed seeds, timestamps
and ISNs; running it twice gives byte-identical files.
Needs /usr/bin/python3 with python3-scapy (Debian), used only to build header bytes and checksums.
"""
import argparse
import base64
import gzip
import hashlib
import io
import ipaddress
import json
import os
import quopri
import random
import struct
import sys
import urllib.parse
import uuid
import zipfile
import zlib

from scapy.layers.dns import DNS, DNSQR, DNSRR
from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.inet6 import IPv6
from scapy.layers.l2 import Dot1AD, Dot1Q, Ether

P = struct.pack
T0 = 1746353553  # 2025-05-04T10:12:33Z
FIN, SYN, PSH, ACK = 0x01, 0x02, 0x08, 0x10
LINK_ETHERNET, LINK_RAW, LINK_SLL2 = 1, 101, 276

# ---------------------------------------------------------------- message texts (all are secrets)
MSG = {
    "en": "Hey Anna, are we still meeting for lunch tomorrow at noon? I can bring the draft of the quarterly report so we can go through it together.",
    "de": "Hallo Markus, ich habe die Unterlagen für das Treffen am Donnerstag fertig. Kannst du sie bitte noch einmal durchsehen, bevor ich sie verschicke?",
    "ru": "Привет, Лена! Я сегодня задержусь на работе, поэтому ужин начинайте без меня. Позвоню, когда выйду из офиса.",
    "el": "Καλημέρα Νίκο, θα είμαι στο γραφείο μετά τις δέκα. Μπορούμε να μιλήσουμε για το νέο έργο το απόγευμα;",
    "ar": "مرحبا يا أحمد، هل يمكنك أن ترسل لي التقرير قبل نهاية اليوم؟ أحتاج إلى مراجعته قبل الاجتماع غدا.",
    "he": "שלום דנה, הפגישה עם הלקוח נדחתה ליום שלישי. אני אשלח לך את המסמכים המעודכנים בערב.",
    "zh": "你好，明天下午三点的会议改到四点了，请通知团队的其他成员，谢谢你的帮助。",
    "ja": "お疲れさまです。明日の打ち合わせの資料を先ほど共有フォルダに入れましたので、時間があるときに確認してください。",
    "emoji": "Happy birthday Sam!! 🎉🎂 Hope you have an amazing day, see you at the party tonight 😄👍",
    "fr": "Salut Claire, je serai en retard ce soir parce que le train est bloqué à Lyon. Garde-moi une assiette s'il te plaît !",
    "es": "Hola Javier, ya hablé con el proveedor y dice que el pedido llegará el lunes por la mañana. Te aviso cuando lo tenga.",
    "it": "Ciao Giulia, ho prenotato il tavolo per le otto. Se fai tardi scrivimi e avviso il ristorante, va bene?",
    "pt": "Oi Pedro, consegui os ingressos para o show de sábado! Vamos nos encontrar na estação às sete horas.",
    "nl": "Hoi Sanne, kun jij morgen de kinderen van school halen? Ik heb een vergadering die waarschijnlijk uitloopt.",
    "pl": "Cześć Tomek, przesyłam ci notatki z wczorajszego spotkania. Daj znać, czy wszystko jest zrozumiałe.",
    "tr": "Merhaba Ayşe, toplantıyı yarın sabah saat dokuza aldık. Sunumu getirmeyi unutma lütfen.",
    "ko": "안녕하세요 민수씨, 내일 회의 자료를 이메일로 보내 드렸습니다. 확인 부탁드립니다.",
    "uk": "Добрий вечір, Олесю! Завтра зранку я привезу документи, а ввечері можемо піти в кіно.",
    "sv": "Hej Erik, jag har skickat fakturan till kunden nu. Säg till om du behöver något mer innan helgen.",
    "hi": "नमस्ते राहुल, कल की बैठक दोपहर तीन बजे होगी। कृपया सभी दस्तावेज़ साथ लेकर आना।",
    "en2": "Honestly I think we should tell the board before the press finds out, otherwise it will look like we tried to hide it.",
    "en3": "Can you call me when you land? The car will be waiting outside terminal two, the driver has a sign with your name.",
    "en4": "I sent the wire transfer this morning, please confirm with the bank that it arrived before you release the shipment.",
    "en5": "Meeting moved to the small conference room because the projector in the big one is broken again, sorry about that.",
    "en6": "Did you see the email from legal? They want all the contracts signed by Friday or the deal falls through.",
    "en7": "The kids loved the museum today, we stayed until closing and then had pizza by the river. Wish you were here!",
    "en8": "Please keep this between us for now, I am going to hand in my resignation next week after the bonus is paid.",
    "en9": "Server room key is in the top drawer of my desk, the alarm code is the usual one, just don't forget to lock up.",
    "de2": "Kannst du mir bitte bis heute Abend Bescheid geben, ob du am Wochenende Zeit hast? Wir wollen wandern gehen.",
    "ru2": "Коллеги, напоминаю, что отчёт нужно сдать до пятницы. Если есть вопросы, пишите мне напрямую.",
    "ja2": "今夜の飲み会は七時からです。場所は駅前の居酒屋なので、遅れる場合は連絡してください。",
    "zh2": "我已经把合同的最后版本发给你了，请在周五之前签字并寄回给我们公司。",
    "hist1": "Boarding now, the flight is on time. I will text you again when we land in Lisbon tonight.",
    "hist2": "Perfect, I will pick you up at arrivals. Do you want to grab dinner on the way home?",
    "gql": "Heads up: the vendor moved the contract signing to Thursday, can you clear your afternoon for it?",
    "forum": "I had the same problem with the router after the last update. Rolling back the firmware fixed it for me, "
             "but keep the old config file before you try it.",
    "heap1": "Reminder: the ambassador's schedule changed, the motorcade leaves at 0730 instead of 0800 tomorrow.",
    "heap2": "Got it, I will let the rest of the delegation know and update the shared calendar tonight.",
}


def chat_json(key, text, rng, extra=None):
    doc = {"sender": "u%d" % rng.randrange(1000, 9999), "recipient": "u%d" % rng.randrange(1000, 9999),
           "timestamp": T0 + rng.randrange(0, 3600), key: text}
    doc.update(extra or {})
    return json.dumps(doc, ensure_ascii=False).encode()


# ---------------------------------------------------------------- capture files
class Capture:
    """One output file: packets as (timestamp in µs, link-layer bytes)."""

    def __init__(self, name, link=LINK_ETHERNET, pcapng=False, start=T0):
        self.name, self.link, self.pcapng = name, link, pcapng
        self.usec = start * 1000000
        self.packets = []

    def add(self, frame, gap_us=1000):
        self.usec += gap_us
        self.packets.append((self.usec, frame))

    def write(self, directory):
        with open(os.path.join(directory, self.name), "wb") as out:
            out.write(self.pcapng_bytes() if self.pcapng else self.pcap_bytes())

    def pcap_bytes(self):
        parts = [P("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, self.link)]
        for usec, frame in self.packets:
            parts.append(P("<IIII", usec // 1000000, usec % 1000000, len(frame), len(frame)) + frame)
        return b"".join(parts)

    def pcapng_bytes(self):
        def block(kind, body):
            body += b"\0" * (-len(body) % 4)
            return P("<II", kind, len(body) + 12) + body + P("<I", len(body) + 12)
        parts = [block(0x0A0D0D0A, P("<IHHq", 0x1A2B3C4D, 1, 0, -1)),
                 block(1, P("<HHI", self.link, 0, 262144))]
        for usec, frame in self.packets:
            parts.append(block(6, P("<IIIII", 0, usec >> 32, usec & 0xFFFFFFFF, len(frame), len(frame)) + frame))
        return b"".join(parts)


def mac_of(ip):
    raw = ipaddress.ip_address(ip).packed[-4:]
    return "02:00:" + ":".join("%02x" % b for b in raw)


def frame(cap, src, dst, l4, vlans=(), outgoing=True):
    """Wrap an L4 scapy layer into IP(v6) and the capture's link layer; returns bytes."""
    l3 = (IPv6(src=src, dst=dst, hlim=64) if ":" in src else IP(src=src, dst=dst, ttl=64, id=len(cap.packets) & 0xFFFF)) / l4
    if cap.link == LINK_RAW:
        return bytes(l3)
    if cap.link == LINK_SLL2:
        ip = bytes(l3)
        ethertype = 0x86DD if ":" in src else 0x0800
        addr = bytes.fromhex(mac_of(src).replace(":", "")) + b"\0\0"
        return P(">HHIHBB", ethertype, 0, 2, 1, 4 if outgoing else 0, 6) + addr + ip
    eth = Ether(src=mac_of(src), dst=mac_of(dst))
    if len(vlans) == 2:
        eth = eth / Dot1AD(vlan=vlans[0]) / Dot1Q(vlan=vlans[1])
    elif len(vlans) == 1:
        eth = eth / Dot1Q(vlan=vlans[0])
    return bytes(eth / l3)


def isn_for(*key):
    return int.from_bytes(hashlib.sha256(repr(key).encode()).digest()[:4], "big")


class Tcp:
    """A TCP connection with correct sequence numbers: open(), send(side, data), close()."""

    def __init__(self, cap, cli, cport, srv, sport, vlans=()):
        self.cap, self.vlans = cap, vlans
        self.ends = {"c": (cli, cport), "s": (srv, sport)}
        self.seq = {"c": isn_for(cli, cport, srv, sport, "c"), "s": isn_for(cli, cport, srv, sport, "s")}

    def flow(self):
        fmt = lambda ip, port: ("[%s]:%d" if ":" in ip else "%s:%d") % (ip, port)
        return "%s>%s/tcp" % (fmt(*self.ends["c"]), fmt(*self.ends["s"]))

    def segment(self, side, flags, data=b"", seq=None, gap_us=1000, opts=()):
        other = "s" if side == "c" else "c"
        (src, sp), (dst, dp) = self.ends[side], self.ends[other]
        tcp = TCP(sport=sp, dport=dp, flags=flags, seq=self.seq[side] if seq is None else seq,
                  ack=self.seq[other] if flags & ACK else 0, window=64240, options=list(opts))
        self.cap.add(frame(self.cap, src, dst, tcp / data if data else tcp, self.vlans, side == "c"), gap_us)

    def open(self):
        self.segment("c", SYN, opts=[("MSS", 1460)], gap_us=20000)
        self.seq["c"] += 1
        self.segment("s", SYN | ACK, opts=[("MSS", 1460)])
        self.seq["s"] += 1
        self.segment("c", ACK)
        return self

    def send(self, side, data, mss=1400, ack=True):
        other = "s" if side == "c" else "c"
        for off in range(0, len(data), mss):
            chunk = data[off:off + mss]
            self.segment(side, PSH | ACK, chunk)
            self.seq[side] += len(chunk)
            if ack:
                self.segment(other, ACK, gap_us=200)
        return self

    def close(self):
        self.segment("c", FIN | ACK)
        self.seq["c"] += 1
        self.segment("s", FIN | ACK)
        self.seq["s"] += 1
        self.segment("c", ACK)


def udp(cap, src, sport, dst, dport, payload, vlans=()):
    cap.add(frame(cap, src, dst, UDP(sport=sport, dport=dport) / payload, vlans), 5000)


def dns_exchange(cap, client, cport, resolver, name, answer, qid):
    q = DNS(id=qid, rd=1, qd=DNSQR(qname=name, qtype="A"))
    udp(cap, client, cport, resolver, 53, q)
    r = DNS(id=qid, qr=1, rd=1, ra=1, qd=DNSQR(qname=name, qtype="A"),
            an=DNSRR(rrname=name, type="A", ttl=300, rdata=answer))
    udp(cap, resolver, 53, client, cport, r)
    return "%s:%d>%s:53/udp" % (client, cport, resolver)


# ---------------------------------------------------------------- application payloads
def http_request(method, path, host, body=b"", ctype=None, headers=()):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: " + host, "User-Agent: okhttp/4.9.3", "Accept: */*"]
    if ctype:
        lines.append("Content-Type: " + ctype)
    lines += list(headers)
    if body and not any(h.lower().startswith("transfer-encoding") for h in headers):
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def http_response(status, body=b"", ctype="application/json", headers=()):
    lines = ["HTTP/1.1 " + status, "Server: nginx", "Date: Sun, 04 May 2025 10:12:34 GMT"]
    if ctype:
        lines.append("Content-Type: " + ctype)
    lines += list(headers)
    lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def chunked(body, cuts):
    pieces, last = [], 0
    for cut in list(cuts) + [len(body)]:
        pieces.append(body[last:cut])
        last = cut
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces if p) + b"0\r\n\r\n"


def ws_frame(opcode, payload, mask=None, fin=True, rsv1=False):
    head = bytes([(0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode])
    m = 0x80 if mask else 0
    n = len(payload)
    head += bytes([m | n]) if n < 126 else bytes([m | 126]) + P(">H", n) if n < 65536 else bytes([m | 127]) + P(">Q", n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        head += mask
    return head + payload


def deflate_raw(data):
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    out = comp.compress(data) + comp.flush(zlib.Z_SYNC_FLUSH)
    return out[:-4]


def mqtt_varint(n):
    out = b""
    while True:
        b, n = n % 128, n // 128
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def mqtt_str(s):
    return P(">H", len(s)) + s


def mqtt_packet(kind, body):
    return bytes([kind]) + mqtt_varint(len(body)) + body


def mqtt_connect(client_id, v5=False):
    body = mqtt_str(b"MQTT") + bytes([5 if v5 else 4, 0x02]) + P(">H", 60) + (b"\0" if v5 else b"") + mqtt_str(client_id)
    return mqtt_packet(0x10, body)


def mqtt_publish(topic, payload, v5=False):
    props = b""
    if v5:
        props = b"\x01\x01" + b"\x03" + mqtt_str(b"text/plain")
        props = mqtt_varint(len(props)) + props
    return mqtt_packet(0x30, mqtt_str(topic) + props + payload)


def tls_client_hello(rng, sni=None):
    def ext(kind, data):
        return P(">HH", kind, len(data)) + data
    exts = b""
    if sni:
        name = sni.encode()
        entry = b"\0" + P(">H", len(name)) + name
        exts += ext(0, P(">H", len(entry)) + entry)
    exts += ext(0x000A, P(">HHHH", 6, 0x001D, 0x0017, 0x0018))
    exts += ext(0x000B, b"\x01\x00")
    exts += ext(0x000D, P(">H", 8) + P(">HHHH", 0x0403, 0x0804, 0x0401, 0x0503))
    exts += ext(0x0010, b"\x00\x0c\x02h2\x08http/1.1")
    exts += ext(0x002B, b"\x04\x03\x04\x03\x03")
    exts += ext(0x002D, b"\x01\x01")
    exts += ext(0x0033, P(">HHH", 36, 0x001D, 32) + rng.randbytes(32))
    body = (b"\x03\x03" + rng.randbytes(32) + b"\x20" + rng.randbytes(32) + P(">H", 8)
            + P(">HHHH", 0x1301, 0x1302, 0x1303, 0xC02F) + b"\x01\x00" + P(">H", len(exts)) + exts)
    hs = b"\x01" + P(">I", len(body))[1:] + body
    return b"\x16\x03\x01" + P(">H", len(hs)) + hs


def tls_server_hello(rng):
    exts = P(">HHH", 0x002B, 2, 0x0304) + P(">HHHH", 0x0033, 36, 0x001D, 32) + rng.randbytes(32)
    body = b"\x03\x03" + rng.randbytes(32) + b"\x20" + rng.randbytes(32) + P(">H", 0x1301) + b"\0" + P(">H", len(exts)) + exts
    hs = b"\x02" + P(">I", len(body))[1:] + body
    return b"\x16\x03\x03" + P(">H", len(hs)) + hs + b"\x14\x03\x03\x00\x01\x01"


def tls_records(rng, sizes):
    return b"".join(b"\x17\x03\x03" + P(">H", n) + rng.randbytes(n) for n in sizes)


def tls_session(t, rng, sni, upload=(300, 1200, 900), download=(2000, 700)):
    t.open()
    t.send("c", tls_client_hello(rng, sni))
    t.send("s", tls_server_hello(rng) + tls_records(rng, [rng.randrange(1500, 3000)]))
    t.send("c", tls_records(rng, [74] + list(upload)))
    t.send("s", tls_records(rng, download))
    t.close()


def hprof(rng, messages):
    """A small HPROF heap dump: header, UTF8 string records (chat JSON among class names), instance dumps."""
    out = b"JAVA PROFILE 1.0.2\0" + P(">IQ", 8, T0 * 1000)
    strings = [b"java/lang/String", b"com/telemessage/archive/MessageEntity", b"org/springframework/boot/Loader"]
    strings += [json.dumps({"from": "+1202555%04d" % i, "body": m, "ts": T0 - 3600 * i}, ensure_ascii=False).encode()
                for i, m in enumerate(messages)]
    for i, s in enumerate(strings):
        out += b"\x01" + P(">II", 0, 8 + len(s)) + P(">Q", 0x7F0000 + i) + s
    heap = b"".join(b"\x21" + P(">QIQIQ", 0x7F1000 + 24 * k, k, 0x7F0001, 8, rng.randrange(1 << 16)) for k in range(250))
    return out + b"\x1c" + P(">II", 0, len(heap)) + heap


# ---------------------------------------------------------------- the corpus
class Corpus:
    def __init__(self):
        self.captures, self.labels, self.configs = [], [], {}
        self.messages = set(MSG.values())

    def capture(self, name, **kw):
        cap = Capture(name, start=T0 + 600 * len(self.captures), **kw)
        self.captures.append(cap)
        return cap

    def label(self, case, cap, flow, expect, direction="-", verdict="-", note=""):
        self.labels.append((case, cap.name, flow, expect, direction, verdict, note))

    def write(self, directory, labels_name="labels.tsv", with_messages=True):
        os.makedirs(directory, exist_ok=True)
        for cap in self.captures:
            cap.write(directory)
        for name, text in self.configs.items():
            with open(os.path.join(directory, name), "w") as out:
                out.write(text)
        with open(os.path.join(directory, labels_name), "w", encoding="utf-8") as out:
            out.write("case\tpcap\tflow\texpect\tdirection\tverdict\tnote\n")
            for row in self.labels:
                out.write("\t".join(row) + "\n")
        if with_messages:
            with open(os.path.join(directory, "messages.txt"), "w", encoding="utf-8") as out:
                out.write("".join(m + "\n" for m in sorted(self.messages)))
            with open(os.path.join(directory, "signature_cases.tsv"), "w", encoding="utf-8") as out:
                out.write("id\tpositive\tnegative\txfail\n")
                for sid, pos, neg in SIGNATURE_CASES:
                    out.write("%d\t%s\t%s\t%s\n" % (sid, pos, neg, XFAIL.get(sid, "-")))


def dev(n):
    return "10.10.%d.%d" % (n // 200 + 1, 10 + n % 200)


def case_http_json(c, rng):
    cap = c.capture("http_json.pcap")
    variants = [("en", "text"), ("de", "body"), ("ru", "m"), ("el", "content"), ("ar", "msg"), ("he", "text"),
                ("zh", "content"), ("ja", "body"), ("emoji", "text"), ("fr", "message")]
    for i, (lang, key) in enumerate(variants):
        t = Tcp(cap, dev(i), 40000 + i, "203.0.113.%d" % (10 + i % 3), 80).open()
        body = chat_json(key, MSG[lang], rng)
        t.send("c", http_request("POST", "/api/v1/messages", "chat.example.net", body, "application/json; charset=utf-8"))
        t.send("s", http_response("201 Created", b'{"ok":true,"id":"m%d"}' % rng.randrange(10**6)))
        t.close()
        c.label("http-json/%s-%s" % (lang, key), cap, t.flow(), "plaintext_message", "to_server", "plaintext",
                "chat JSON POST, key '%s', %s text next to sender/recipient/timestamp" % (key, lang))
    t = Tcp(cap, dev(20), 40100, "203.0.113.12", 80).open()
    body = json.dumps({"conversation": {"id": 77, "participants": ["a", "b"]},
                       "message": {"type": "text", "content": {"text": MSG["es"]}, "client_ts": T0}},
                      ensure_ascii=False).encode()
    t.send("c", http_request("POST", "/v2/conversations/77/messages", "chat.example.net", body, "application/json"))
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("http-json/es-nested", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "text nested three objects deep")


def case_http_encoded(c, rng):
    cap = c.capture("http_encoded.pcap")
    host = "203.0.113.20"
    t = Tcp(cap, dev(30), 41000, host, 80).open()
    gz = gzip.compress(chat_json("text", MSG["de2"], rng), mtime=0)
    t.send("c", http_request("POST", "/api/send", "msg.example.org", gz, "application/json", ["Content-Encoding: gzip"]))
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("http-enc/gzip", cap, t.flow(), "plaintext_message", "to_server", "compressed", "gzip request body")

    t = Tcp(cap, dev(31), 41001, host, 80).open()
    body = chat_json("text", MSG["it"], rng)
    k = body.index(b'"text"') + 3
    t.send("c", http_request("POST", "/api/send", "msg.example.org", chunked(body, [k, k + 9, k + 30]),
                             "application/json", ["Transfer-Encoding: chunked"]), mss=60)
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("http-enc/chunked", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "chunked body, chunk boundaries split the key name \"text\" and the value; 60-byte segments")

    t = Tcp(cap, dev(32), 41002, host, 80).open()
    inner = base64.b64encode(chat_json("msg", MSG["pt"], rng)).decode()
    t.send("c", http_request("POST", "/sync", "msg.example.org", json.dumps({"v": 2, "payload": inner}).encode(),
                             "application/json"))
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("http-enc/base64", cap, t.flow(), "plaintext_message", "to_server", "encoded",
            "{\"payload\":\"<base64 of chat JSON>\"}")

    t = Tcp(cap, dev(33), 41003, host, 80).open()
    form = urllib.parse.urlencode({"to": "bob", "message": MSG["pl"], "csrf": "a81f0c"}).encode()
    t.send("c", http_request("POST", "/messages/send", "forum.example.org", form, "application/x-www-form-urlencoded"))
    t.send("s", http_response("302 Found", b"", None, ["Location: /messages"]))
    t.close()
    c.label("http-enc/form", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "form-urlencoded message= (percent-encoded UTF-8)")

    t = Tcp(cap, dev(34), 41004, host, 80).open()
    b = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    mp = ("--{b}\r\nContent-Disposition: form-data; name=\"recipient\"\r\n\r\nkarin\r\n"
          "--{b}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{m}\r\n"
          "--{b}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"\"\r\n"
          "Content-Type: application/octet-stream\r\n\r\n\r\n--{b}--\r\n").format(b=b, m=MSG["nl"]).encode()
    t.send("c", http_request("POST", "/compose", "mail.example.org", mp, "multipart/form-data; boundary=" + b))
    t.send("s", http_response("200 OK", b'{"sent":true}'))
    t.close()
    c.label("http-enc/multipart", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "multipart/form-data with a text field")


def ws_upgrade(t, host, path, deflate=False):
    ext = ["Sec-WebSocket-Extensions: permessage-deflate"] if deflate else []
    t.send("c", http_request("GET", path, host, headers=["Upgrade: websocket", "Connection: Upgrade",
                                                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                                                          "Sec-WebSocket-Version: 13"] + ext))
    t.send("s", ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n%s\r\n"
                 % ("Sec-WebSocket-Extensions: permessage-deflate\r\n" if deflate else "")).encode())


def case_websocket(c, rng):
    cap = c.capture("websocket.pcap")
    srv = "198.51.100.30"
    t = Tcp(cap, dev(40), 42000, srv, 80).open()
    ws_upgrade(t, "ws.chat.example.com", "/socket")
    t.send("c", ws_frame(1, chat_json("text", MSG["en2"], rng, {"type": "message"}), rng.randbytes(4)))
    t.send("s", ws_frame(1, b'{"type":"ack","id":1}'))
    t.send("c", ws_frame(1, chat_json("text", MSG["tr"], rng, {"type": "message"}), rng.randbytes(4)))
    t.close()
    c.label("ws/masked", cap, t.flow(), "plaintext_message", "to_server", "encoded",
            "Upgrade then masked client text frames with chat JSON")

    t = Tcp(cap, dev(41), 42001, srv, 80).open()
    ws_upgrade(t, "ws.chat.example.com", "/socket")
    msg = chat_json("body", MSG["uk"], rng)
    parts = [msg[:20], msg[20:55], msg[55:]]
    t.send("c", ws_frame(1, parts[0], rng.randbytes(4), fin=False)
            + ws_frame(0, parts[1], rng.randbytes(4), fin=False)
            + ws_frame(9, b"ping", rng.randbytes(4))
            + ws_frame(0, parts[2], rng.randbytes(4)))
    t.close()
    c.label("ws/fragmented", cap, t.flow(), "plaintext_message", "to_server", "encoded",
            "one message in three masked fragments with a ping interleaved")

    t = Tcp(cap, dev(42), 42002, srv, 80).open()
    ws_upgrade(t, "ws.chat.example.com", "/socket", deflate=True)
    t.send("c", ws_frame(1, deflate_raw(chat_json("text", MSG["sv"], rng)), rng.randbytes(4), rsv1=True))
    t.close()
    c.label("ws/deflate", cap, t.flow(), "plaintext_message", "to_server", "compressed",
            "permessage-deflate (RSV1) masked frame")

    t = Tcp(cap, dev(43), 42003, srv, 80).open()
    ws_upgrade(t, "ws.chat.example.com", "/inbox")
    t.send("c", ws_frame(1, b'{"type":"subscribe","channel":"inbox"}', rng.randbytes(4)))
    t.send("s", ws_frame(1, chat_json("text", MSG["en3"], rng, {"type": "message"})))
    t.close()
    c.label("ws/server-unmasked", cap, t.flow(), "plaintext_message", "to_client", "plaintext",
            "device only subscribes; the server pushes an unmasked chat frame to it")


def case_odd_ports(c, rng):
    cap = c.capture("odd_ports.pcap")
    t = Tcp(cap, dev(50), 43000, "192.0.2.40", 443).open()
    t.send("c", http_request("POST", "/chat/send", "192.0.2.40", chat_json("text", MSG["en4"], rng), "application/json"))
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("odd-port/http-on-443", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "cleartext HTTP chat POST on 443 (not TLS)")
    t = Tcp(cap, dev(51), 43001, "192.0.2.41", 31337).open()
    t.send("c", json.dumps({"op": "say", "room": "ops", "content": MSG["es"]}, ensure_ascii=False).encode() + b"\n")
    t.send("s", b'{"op":"ok"}\n')
    t.close()
    c.label("odd-port/json-lines-31337", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "line-delimited JSON chat on an unassigned port")
    t = Tcp(cap, dev(52), 43002, "192.0.2.42", 8000).open()
    t.send("s", b":irc.example.net 001 kim :Welcome\r\n")
    t.send("c", b"NICK kim\r\nUSER kim 0 * :Kim\r\nJOIN #lobby\r\nPRIVMSG #lobby :" + MSG["en5"].encode() + b"\r\n")
    t.close()
    c.label("odd-port/irc-8000", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "IRC on port 8000")
    # A game's chat lines among 400 binary state updates: the first comes after the 300th datagram,
    # past the budget of datagrams inspected one by one (only those that show words are then).
    noise = random.Random(53)  # its own generator: the captures after this one stay as they were
    for k in range(400):
        state = bytes([0x07, 0x01]) + struct.pack("<H", k) + noise.randbytes(36).replace(b" ", b"!")
        udp(cap, dev(53), 47777, "198.51.100.53", 7777, state)
        if k in (300, 380):
            said = MSG["hist1"] if k == 300 else MSG["en3"]
            udp(cap, dev(53), 47777, "198.51.100.53", 7777, b"\x07\x02" + struct.pack("<H", k) + said.encode() + b"\x00")
    c.label("odd-port/game-chat-udp", cap, "%s:47777>198.51.100.53:7777/udp" % dev(53), "plaintext_message", "to_server",
            "plaintext", "game chat datagrams after 300 binary state updates")
    # NTP clock packets are not read for text; a datagram to port 123 that is not one still is.
    for k in range(3):
        udp(cap, dev(54), 123, "192.0.2.123", 123, bytes([0x23, 0, 6, 0xe9]) + bytes(8) + b"LOCL" + struct.pack(">I", k) * 8)
        udp(cap, "192.0.2.123", 123, dev(54), 123, bytes([0x24, 2, 6, 0xe9]) + bytes(8) + b"GPS\0" + struct.pack(">I", k) * 8)
    c.label("odd-port/ntp-clock", cap, "%s:123>192.0.2.123:123/udp" % dev(54), "none", note="NTP client/server clock packets")
    said = json.dumps({"type": "chat", "from": "kim", "to": "ops", "text": MSG["en2"]}, ensure_ascii=False).encode()
    udp(cap, dev(55), 40123, "192.0.2.124", 123, said)
    c.label("odd-port/chat-to-udp-123", cap, "%s:40123>192.0.2.124:123/udp" % dev(55), "plaintext_message", "to_server",
            "plaintext", "a JSON chat datagram sent to the NTP port (not a 48-byte clock packet)")
    # A game whose every datagram is a zlib-compressed batch after a 5-byte header: a chat record
    # (type, length-prefixed name and text) in the 150th, past the datagrams inspected one by one.
    noise = random.Random(56)
    for k in range(200):
        batch = bytes([0x01]) + noise.randbytes(24)
        if k == 150:
            said = MSG["en4"].encode()
            batch += bytes([0x09, 3]) + b"kim" + bytes([len(said)]) + said
        udp(cap, dev(56), 47778, "198.51.100.56", 30120, b"\xfe" + struct.pack("<I", k) + zlib.compress(batch, 6))
    c.label("odd-port/game-zlib-udp", cap, "%s:47778>198.51.100.56:30120/udp" % dev(56), "plaintext_message", "to_server",
            "compressed", "a chat record inside the 150th zlib-compressed game datagram")


def case_protocols(c, rng):
    cap = c.capture("chat_protocols.pcap")
    t = Tcp(cap, dev(60), 44000, "198.51.100.60", 6667).open()
    t.send("c", b"NICK marta\r\nUSER marta 0 * :Marta\r\n")
    t.send("s", b":irc.example.net 001 marta :Welcome to the network marta\r\n:irc.example.net 376 marta :End of MOTD\r\n")
    t.send("c", b"JOIN #team\r\nPRIVMSG #team :" + MSG["en6"].encode() + b"\r\n")
    t.send("s", b":jonas!j@203.0.113.9 PRIVMSG #team :" + MSG["de"].encode() + b"\r\n")
    t.send("c", b"QUIT :bye\r\n")
    t.close()
    c.label("irc/privmsg", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "IRC PRIVMSG to a channel")
    c.label("irc/privmsg-inbound", cap, t.flow(), "plaintext_message", "to_client", "plaintext",
            "same flow: another user's PRIVMSG relayed to the device")

    t = Tcp(cap, dev(61), 44001, "198.51.100.61", 5222).open()
    t.send("c", b"<?xml version='1.0'?><stream:stream to='example.org' xmlns='jabber:client' "
                b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    t.send("s", b"<?xml version='1.0'?><stream:stream from='example.org' id='c2s_1' xmlns='jabber:client' "
                b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:features><mechanisms "
                b"xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>")
    t.send("c", b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGp1bGlldABzZWNyZXQ=</auth>")
    t.send("s", b"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
    t.send("c", ("<message to='romeo@example.org' type='chat' id='m1'><body>%s</body></message>" % MSG["fr"]).encode())
    t.close()
    c.label("xmpp/message-body", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "XMPP c2s without STARTTLS, <message><body>")

    for i, v5 in enumerate((False, True)):
        t = Tcp(cap, dev(62 + i), 44002 + i, "198.51.100.62", 1883).open()
        t.send("c", mqtt_connect(b"phone-%d" % i, v5))
        t.send("s", b"\x20\x03\x00\x00\x00" if v5 else b"\x20\x02\x00\x00")
        t.send("c", mqtt_publish(b"chat/rooms/family", (MSG["en7"] if i == 0 else MSG["ko"]).encode(), v5))
        t.close()
        c.label("mqtt/%s-publish" % ("v5" if v5 else "v311"), cap, t.flow(), "plaintext_message", "to_server",
                "plaintext", "MQTT %s PUBLISH of a human message" % ("5 (properties)" if v5 else "3.1.1"))

    t = Tcp(cap, dev(64), 44004, "198.51.100.64", 61613).open()
    t.send("c", b"CONNECT\naccept-version:1.2\nhost:broker.example.org\n\n\0")
    t.send("s", b"CONNECTED\nversion:1.2\n\n\0")
    t.send("c", b"SEND\ndestination:/topic/chat.general\ncontent-type:text/plain\n\n" + MSG["en8"].encode() + b"\0")
    t.close()
    c.label("stomp/send", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "STOMP SEND frame body")

    t = Tcp(cap, dev(65), 44005, "198.51.100.65", 6379).open()
    m = MSG["ru2"].encode()
    t.send("c", b"*3\r\n$7\r\nPUBLISH\r\n$12\r\nchat:general\r\n$%d\r\n%s\r\n" % (len(m), m))
    t.send("s", b":2\r\n")
    t.close()
    c.label("redis/publish", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "Redis PUBLISH to a chat channel")


def smtp_session(cap, n, mail, port=25):
    t = Tcp(cap, dev(n), 45000 + n, "198.51.100.25", port).open()
    t.send("s", b"220 mx.example.com ESMTP Postfix\r\n")
    t.send("c", b"EHLO laptop.home.example\r\n")
    t.send("s", b"250-mx.example.com\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
    t.send("c", b"MAIL FROM:<alice@home.example>\r\n")
    t.send("s", b"250 2.1.0 Ok\r\n")
    t.send("c", b"RCPT TO:<bob@example.com>\r\n")
    t.send("s", b"250 2.1.5 Ok\r\n")
    t.send("c", b"DATA\r\n")
    t.send("s", b"354 End data with <CR><LF>.<CR><LF>\r\n")
    t.send("c", mail.replace(b"\n", b"\r\n") + b"\r\n.\r\n")
    t.send("s", b"250 2.0.0 Ok: queued as 4F2A1\r\n")
    t.send("c", b"QUIT\r\n")
    t.send("s", b"221 2.0.0 Bye\r\n")
    t.close()
    return t


MAIL_HEAD = b"From: Alice <alice@home.example>\nTo: Bob <bob@example.com>\nSubject: %s\nDate: Sun, 4 May 2025 10:12:33 +0000\nMessage-ID: <%d@home.example>\nMIME-Version: 1.0\n"


def case_mail(c, rng):
    cap = c.capture("mail.pcap")
    body = MSG["en9"] + "\n\n" + MSG["en"] + "\n\nAlice\n"
    mails = [
        ("plain", "plaintext", MAIL_HEAD % (b"Keys", 1) + b"Content-Type: text/plain; charset=us-ascii\n\n" + body.encode()),
        ("quoted-printable", "plaintext", MAIL_HEAD % (b"Treffen", 2)
         + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
         + quopri.encodestring((MSG["de"] + "\n" + MSG["de2"] + "\n").encode())),
        ("base64", "encoded", MAIL_HEAD % (b"=?UTF-8?B?0J7RgtGH0ZHRgg==?=", 3)
         + b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
         + base64.encodebytes(MSG["ru"].encode())),
        ("multipart-alternative", "plaintext", MAIL_HEAD % (b"Dinner", 4)
         + b"Content-Type: multipart/alternative; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n"
         + MSG["it"].encode() + b"\n--b1\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>"
         + MSG["it"].encode() + b"</p></body></html>\n--b1--\n"),
        ("koi8-r", "plaintext", MAIL_HEAD % (b"Report", 5)
         + b"Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n" + MSG["ru2"].encode("koi8-r")),
        ("gb2312", "plaintext", MAIL_HEAD % (b"Contract", 6)
         + b"Content-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: 8bit\n\n" + MSG["zh2"].encode("gb2312")),
    ]
    for i, (name, verdict, mail) in enumerate(mails):
        t = smtp_session(cap, 70 + i, mail, 587 if i % 2 else 25)
        c.label("smtp/" + name, cap, t.flow(), "plaintext_message", "to_server", verdict, "SMTP DATA, %s body" % name)

    mail = MAIL_HEAD % (b"Weekend", 7) + b"Content-Type: text/plain; charset=utf-8\n\n" + (MSG["pt"] + "\n" + MSG["en3"]).encode()
    mail = mail.replace(b"\n", b"\r\n")
    t = Tcp(cap, dev(80), 45080, "192.0.2.110", 110).open()
    t.send("s", b"+OK POP3 ready\r\n")
    t.send("c", b"USER alice\r\n")
    t.send("s", b"+OK\r\n")
    t.send("c", b"PASS wonderland\r\n")
    t.send("s", b"+OK 1 messages\r\n")
    t.send("c", b"RETR 1\r\n")
    t.send("s", b"+OK %d octets\r\n" % len(mail) + mail + b"\r\n.\r\n")
    t.send("c", b"QUIT\r\n")
    t.send("s", b"+OK bye\r\n")
    t.close()
    c.label("pop3/retr", cap, t.flow(), "plaintext_message", "to_client", "plaintext", "POP3 RETR: mail flows to the device")

    mail = (MAIL_HEAD % (b"Notes", 8) + b"Content-Type: text/plain; charset=utf-8\n\n" + (MSG["es"] + "\n").encode()).replace(b"\n", b"\r\n")
    t = Tcp(cap, dev(81), 45081, "192.0.2.143", 143).open()
    t.send("s", b"* OK IMAP4rev1 ready\r\n")
    t.send("c", b"a1 LOGIN alice wonderland\r\n")
    t.send("s", b"a1 OK LOGIN completed\r\n")
    t.send("c", b"a2 SELECT INBOX\r\n")
    t.send("s", b"* 1 EXISTS\r\na2 OK [READ-WRITE] SELECT completed\r\n")
    t.send("c", b"a3 FETCH 1 BODY[]\r\n")
    t.send("s", b"* 1 FETCH (BODY[] {%d}\r\n" % len(mail) + mail + b")\r\na3 OK FETCH completed\r\n")
    t.send("c", b"a4 LOGOUT\r\n")
    t.send("s", b"* BYE\r\na4 OK\r\n")
    t.close()
    c.label("imap/fetch-body", cap, t.flow(), "plaintext_message", "to_client", "plaintext", "IMAP FETCH BODY[] literal")

    art = (b"Path: news.example.net!not-for-mail\nFrom: Karl <karl@example.net>\nNewsgroups: local.chat\n"
           b"Subject: Re: weekend\nMessage-ID: <n42@example.net>\n\n" + MSG["de2"].encode() + b"\n").replace(b"\n", b"\r\n")
    t = Tcp(cap, dev(82), 45082, "192.0.2.119", 119).open()
    t.send("s", b"200 news.example.net ready\r\n")
    t.send("c", b"GROUP local.chat\r\n")
    t.send("s", b"211 3 1 3 local.chat\r\n")
    t.send("c", b"ARTICLE 3\r\n")
    t.send("s", b"220 3 <n42@example.net> article\r\n" + art + b".\r\n")
    t.send("c", b"QUIT\r\n")
    t.send("s", b"205 bye\r\n")
    t.close()
    c.label("nntp/article", cap, t.flow(), "plaintext_message", "to_client", "plaintext", "NNTP ARTICLE to the device")


def case_tcp_tricky(c, rng):
    cap = c.capture("tcp_reorder.pcap")
    t = Tcp(cap, dev(90), 46000, "203.0.113.90", 80).open()
    data = http_request("POST", "/api/messages", "chat.example.net", chat_json("text", MSG["en2"], rng), "application/json")
    base, step = t.seq["c"], 7
    offsets = list(range(0, len(data), step))
    order = offsets[:]
    random.Random("reorder").shuffle(order)
    order.insert(5, order[2])                      # retransmission
    for off in order:
        t.segment("c", PSH | ACK, data[off:off + step], seq=base + off)
    t.segment("c", PSH | ACK, data[10:30], seq=base + 10)   # overlap, same bytes
    t.seq["c"] = base + len(data)
    t.segment("s", ACK)
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("tcp/reorder-overlap", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "HTTP chat POST in 7-byte segments sent in shuffled order, one retransmission, one consistent overlap")

    t = Tcp(cap, dev(91), 46001, "198.51.100.91", 6667)    # midstream: no handshake
    t.send("c", b"PRIVMSG #night :" + MSG["en5"].encode() + b"\r\n")
    t.send("s", b":lee!l@198.51.100.7 PRIVMSG #night :" + MSG["nl"].encode() + b"\r\n")
    t.send("c", b"PRIVMSG lee :" + MSG["en6"].encode() + b"\r\n")
    c.label("tcp/midstream-irc", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "IRC session picked up midstream: no SYN, no FIN")


def case_link_layers(c, rng):
    def chat_post(cap, cli, cport, srv, lang, vlans=()):
        t = Tcp(cap, cli, cport, srv, 80, vlans).open()
        t.send("c", http_request("POST", "/api/messages", "chat.example.net", chat_json("text", MSG[lang], rng), "application/json"))
        t.send("s", http_response("200 OK", b'{"ok":true}'))
        t.close()
        return t
    cap = c.capture("vlan.pcap")
    t = chat_post(cap, dev(100), 47000, "203.0.113.100", "en4", (100,))
    c.label("l2/vlan", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "802.1Q VLAN 100")
    t = chat_post(cap, dev(101), 47001, "203.0.113.100", "en7", (200, 100))
    c.label("l2/qinq", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "QinQ: 802.1ad 200 + 802.1Q 100")
    cap = c.capture("ipv6.pcap")
    t = chat_post(cap, "fd10:10::20", 47002, "2001:db8::80", "ja2")
    c.label("l2/ipv6", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "IPv6, device in fc00::/7")
    cap = c.capture("sll2.pcap", link=LINK_SLL2)
    t = Tcp(cap, dev(102), 47003, "198.51.100.66", 6667).open()
    t.send("c", b"NICK ola\r\nUSER ola 0 * :Ola\r\nPRIVMSG #fika :" + MSG["sv"].encode() + b"\r\n")
    t.close()
    c.label("l2/sll2", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "Linux cooked v2 (LINKTYPE 276), IRC")
    cap = c.capture("raw.pcap", link=LINK_RAW)
    t = chat_post(cap, dev(103), 47004, "203.0.113.101", "pl")
    c.label("l2/raw", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "LINKTYPE_RAW (101), no link header")
    cap = c.capture("pcapng.pcapng", pcapng=True)
    t = Tcp(cap, dev(104), 47005, "198.51.100.67", 5222).open()
    t.send("c", ("<stream:stream to='example.org' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                 "version='1.0'><message to='ana@example.org' type='chat'><body>%s</body></message>" % MSG["pt"]).encode())
    t.close()
    c.label("l2/pcapng", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "pcapng file, XMPP message")


def case_archives(c, rng):
    cap = c.capture("archive_tls.pcap")
    vendors = ["archive.telemessage.com", "capture.smarsh.com", "im.globalrelay.net", "api.leapxpert.com"]
    for i, sni in enumerate(vendors):
        t = Tcp(cap, dev(110 + i), 48000 + i, "203.0.113.%d" % (70 + i), 443)
        tls_session(t, rng, sni)
        c.label("archive/sni-" + sni.split(".")[-2], cap, t.flow(), "unapproved_archive", "to_server", "encrypted",
                "TLS ClientHello SNI " + sni)
    cap = c.capture("archive_dns.pcap")
    flow = dns_exchange(cap, dev(120), 53001, "10.10.0.1", "archive.telemessage.com", "203.0.113.77", 0x5151)
    c.label("archive/dns-lookup", cap, flow, "none", note="the DNS lookup itself must not alert (resolver is inside)")
    t = Tcp(cap, dev(120), 48010, "203.0.113.77", 443)
    tls_session(t, rng, None)
    c.label("archive/dns-then-no-sni", cap, t.flow(), "unapproved_archive", "to_server", "encrypted",
            "TLS without SNI to the address the same device resolved archive.telemessage.com to")
    t = Tcp(cap, dev(121), 48011, "203.0.113.77", 443)
    tls_session(t, rng, None)
    c.label("archive/other-device-no-dns", cap, t.flow(), "none", note="different device, never resolved the name: "
            "nothing ties the IP to the archive by name")
    cap = c.capture("archive_lookup_only.pcap")
    flow = dns_exchange(cap, dev(122), 53002, "192.0.2.53", "archive.telemessage.com", "203.0.113.77", 0x5252)
    c.label("archive/lookup-only", cap, flow, "none", note="external resolver, no following flow: a lookup is not a leak")
    cap = c.capture("archive_http.pcap")
    t = Tcp(cap, dev(123), 48020, "203.0.113.78", 80).open()
    t.send("c", http_request("GET", "/api/v1/status?device=sensor-7", "archive.telemessage.com"))
    t.send("s", http_response("200 OK", b'{"ok":true}'))
    t.close()
    c.label("archive/http-host", cap, t.flow(), "unapproved_archive", "to_server", "plaintext",
            "plain HTTP request, Host archive.telemessage.com: the name makes the alert, the bytes were readable")


APPROVED_YAML = """# policy for archive_approved.pcap (the harness passes it with -c)
policy:
  approved_archives:
    hosts: [archive.corp.example, "*.vault.example.gov"]
    cidrs: [192.0.2.128/25]
"""


def case_approved(c, rng):
    cap = c.capture("archive_approved.pcap")
    c.configs["archive_approved.yaml"] = APPROVED_YAML
    t = Tcp(cap, dev(130), 49000, "203.0.113.50", 80).open()
    t.send("c", http_request("POST", "/ingest/messages", "archive.corp.example", chat_json("text", MSG["en8"], rng), "application/json"))
    t.send("s", http_response("202 Accepted", b'{"queued":1}'))
    t.close()
    c.label("approved/http-by-host", cap, t.flow(), "cleartext_transport", "to_server", "plaintext",
            "chat JSON POST in clear to the approved archive.corp.example (Host)")
    t = Tcp(cap, dev(131), 49001, "192.0.2.200", 8080).open()
    t.send("c", http_request("POST", "/v1/capture", "192.0.2.200:8080", chat_json("body", MSG["fr"], rng), "application/json"))
    t.send("s", http_response("202 Accepted", b'{"queued":1}'))
    t.close()
    c.label("approved/http-by-cidr", cap, t.flow(), "cleartext_transport", "to_server", "plaintext",
            "chat JSON POST in clear to an approved address range")
    t = Tcp(cap, dev(132), 49002, "203.0.113.51", 443)
    tls_session(t, rng, "archive.corp.example")
    c.label("approved/tls-by-host", cap, t.flow(), "none", note="TLS to the approved archive: quiet")
    t = Tcp(cap, dev(133), 49003, "203.0.113.52", 443)
    tls_session(t, rng, "eu.vault.example.gov")
    c.label("approved/tls-wildcard", cap, t.flow(), "none", note="TLS to *.vault.example.gov (approved wildcard): quiet")


def case_heapdump(c, rng):
    cap = c.capture("heapdump.pcap")
    dump = hprof(rng, [MSG["heap1"], MSG["heap2"]])
    served = [("/actuator/heapdump", "81.2.69.142", dump, []),
              ("/management/heapdump", "89.160.20.112", gzip.compress(dump, mtime=0), ["Content-Encoding: gzip"]),
              ("/heapdump", "216.160.83.56", dump, [])]
    for i, (path, client, body, hdrs) in enumerate(served):
        t = Tcp(cap, client, 52000 + i, "10.10.5.20", 8080).open()
        t.send("c", http_request("GET", path, "archive.home.example:8080"))
        t.send("s", http_response("200 OK", body, "application/octet-stream",
                                  hdrs + ['Content-Disposition: attachment; filename="heapdump"']))
        t.close()
        c.label("exfil/heapdump" + path.replace("/", "-").replace("-heapdump", ""), cap, t.flow(),
                "archive_exfiltration", "to_server", "plaintext",
                "outside client downloads an HPROF heap dump from the inside server (device = server, sending)")
    t = Tcp(cap, "81.2.69.142", 52010, "10.10.5.20", 8080).open()
    t.send("c", http_request("GET", "/actuator/health", "archive.home.example:8080"))
    t.send("s", http_response("200 OK", b'{"status":"UP"}', "application/vnd.spring-boot.actuator.v3+json"))
    t.close()
    c.label("exfil/health-negative", cap, t.flow(), "none", note="actuator health probe from outside")


NEWS = ("<!DOCTYPE html><html><head><title>City council approves new tram line</title></head><body><article>"
        "<h1>City council approves new tram line</h1><p>The city council voted on Tuesday evening to approve the "
        "long-debated extension of the tram network to the northern districts, ending more than a decade of "
        "planning disputes. Construction is expected to begin next spring and to last roughly three years.</p>"
        "<p>Supporters argued that the line will cut commuting times for thousands of residents and reduce traffic "
        "in the old town, while critics questioned the cost estimates and the disruption during construction. "
        "The mayor said the project would be financed in part by regional and national transport funds.</p>"
        "<p>Local businesses along the planned route have asked for compensation during the building works, and "
        "the council promised a consultation process before the final timetable is published.</p></article>"
        "</body></html>")

CODE = '''#!/usr/bin/env python3
"""Resize every image in a folder and write thumbnails next to the originals."""
import os
import sys

from PIL import Image


def make_thumbnail(path, size=(256, 256)):
    # Keep the aspect ratio; PIL's thumbnail() never enlarges an image.
    with Image.open(path) as img:
        img.thumbnail(size)
        img.save(path + ".thumb.png")


if __name__ == "__main__":
    for name in sorted(os.listdir(sys.argv[1])):
        if name.lower().endswith((".jpg", ".png")):
            make_thumbnail(os.path.join(sys.argv[1], name))
'''


def jpeg_bytes(rng, n):
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43\x00"
            + rng.randbytes(64) + b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00" + rng.randbytes(n) + b"\xff\xd9")


def png_bytes(rng, n):
    raw = zlib.compress(rng.randbytes(n // 2) + bytes(n // 2), 9)
    chunk = lambda kind, data: P(">I", len(data)) + kind + data + P(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", P(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def zip_bytes(rng):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("report.csv", b"date,value\n" + b"".join(b"2025-05-%02d,%d\n" % (d, rng.randrange(1000)) for d in range(1, 29))),
                           ("blob.bin", rng.randbytes(3000))):
            info = zipfile.ZipInfo(name, date_time=(2025, 5, 4, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def post_flow(c, cap, n, srv, port, path, host, body, ctype, case, note, resp=b'{"ok":true}'):
    t = Tcp(cap, dev(n), 50000 + n, srv, port).open()
    t.send("c", http_request("POST", path, host, body, ctype))
    t.send("s", http_response("200 OK", resp))
    t.close()
    c.label(case, cap, t.flow(), "none", note=note)


def case_negatives(c, rng):
    cap = c.capture("neg_tls_ssh.pcap")
    for i, sni in enumerate(["www.example.com", "cdn.example.net", "updates.example.org"]):
        t = Tcp(cap, dev(140 + i), 51000 + i, "198.51.100.%d" % (140 + i), 443)
        tls_session(t, rng, sni, upload=(rng.randrange(200, 3000), 500), download=(9000, 4000))
        c.label("neg-tls/" + sni, cap, t.flow(), "none", note="TLS 1.3 handshake + random application records")
    t = Tcp(cap, dev(143), 51003, "198.51.100.143", 22).open()
    t.send("s", b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    t.send("c", b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
    for n in (1100, 300, 700, 1200):
        t.send("c", rng.randbytes(n))
        t.send("s", rng.randbytes(n + 40))
    t.close()
    c.label("neg-ssh/banner-random", cap, t.flow(), "none", note="SSH banners, then random bytes")
    t = Tcp(cap, dev(144), 51004, "198.51.100.144", 5222).open()
    t.send("c", b"WA\x05\x02" + rng.randbytes(120))
    t.send("s", rng.randbytes(300))
    t.send("c", rng.randbytes(240))
    t.send("s", rng.randbytes(500))
    t.close()
    c.label("neg-messenger/wa-5222", cap, t.flow(), "none", note="WhatsApp-like 'WA' prologue + Noise-like random on the XMPP port")

    cap = c.capture("neg_http.pcap")
    t = Tcp(cap, dev(150), 51010, "203.0.113.150", 80).open()
    t.send("c", http_request("GET", "/news/2025/05/tram-line.html", "news.example.com"))
    t.send("s", http_response("200 OK", NEWS.encode(), "text/html; charset=utf-8"))
    t.close()
    c.label("neg-http/news-page", cap, t.flow(), "none", note="HTML news article (prose) downloaded: a web page is not a message")
    t = Tcp(cap, dev(151), 51011, "203.0.113.151", 80).open()
    t.send("c", http_request("GET", "/", "example.com"))
    t.send("s", http_response("301 Moved Permanently", b"<html><body>Moved</body></html>", "text/html",
                              ["Location: https://www.example.com/"]))
    t.close()
    c.label("neg-http/redirect-301", cap, t.flow(), "none", note="HTTP 301 redirect")
    for i in range(3):
        body = json.dumps({"device": "thermostat-%d" % i, "cpu": 12.5 + i, "mem": 40 + i, "uptime": 86400 * (i + 1),
                           "msg": "OK", "status": "ok", "message": "heartbeat", "fw": "2.4.%d" % i}).encode()
        post_flow(c, cap, 152 + i, "203.0.113.152", 80, "/v1/telemetry", "telemetry.example.net", body, "application/json",
                  "neg-telemetry/json-%d" % i, "telemetry JSON with msg/message/status keys holding machine words")
    logs = "\n".join(json.dumps({"ts": "2025-05-04T10:%02d:00Z" % m, "level": "info", "logger": "app.worker",
                                 "message": "processed batch %d in %d ms, %d items, 0 errors" % (m, 20 + m, 100 + m)})
                     for m in range(20)).encode()
    post_flow(c, cap, 155, "203.0.113.155", 80, "/_bulk", "logs.example.net", logs, "application/x-ndjson",
              "neg-logs/json-lines", "JSON log shipping with message keys")
    post_flow(c, cap, 156, "203.0.113.156", 80, "/upload/thumbs.py", "code.example.org", CODE.encode(), "text/x-python",
              "neg-upload/source-code", "Python source file uploaded (comments and docstring are English)")
    post_flow(c, cap, 157, "203.0.113.156", 80, "/upload/photo.jpg", "img.example.org", jpeg_bytes(rng, 6000), "image/jpeg",
              "neg-upload/jpeg", "JPEG image upload")
    post_flow(c, cap, 158, "203.0.113.156", 80, "/upload/icon.png", "img.example.org", png_bytes(rng, 4000), "image/png",
              "neg-upload/png", "PNG image upload")
    post_flow(c, cap, 159, "203.0.113.156", 80, "/upload/data.zip", "files.example.org", zip_bytes(rng), "application/zip",
              "neg-upload/zip", "zip archive upload")
    blob = json.dumps({"id": "k9", "blob": base64.b64encode(rng.randbytes(1500)).decode(), "sig": rng.randbytes(32).hex()}).encode()
    post_flow(c, cap, 160, "203.0.113.156", 80, "/v1/backup", "api.example.org", blob, "application/json",
              "neg-json/base64-random", "base64 of random bytes inside JSON")

    cap = c.capture("neg_misc.pcap")
    for i, name in enumerate(["www.example.com", "mail.example.org", "time.example.net", "cdn.example.com"]):
        flow = dns_exchange(cap, dev(170 + i), 54000 + i, "192.0.2.53", name, "198.51.100.%d" % (200 + i), 0x1000 + i)
        c.label("neg-dns/" + name, cap, flow, "none", note="ordinary DNS lookup")
    lines = ["<30>May  4 10:12:%02d gw01 dhcpd[812]: DHCPACK on 10.10.1.%d to 02:00:0a:0a:01:%02x via eth1" % (s, s, s)
             for s in range(8)] + ["<13>May  4 10:13:0%d nas kernel: [123456.%d] eth0: link up, 1000 Mbps, full duplex" % (s, s)
                                   for s in range(4)]
    for i, line in enumerate(lines):
        udp(cap, dev(175), 51514, "192.0.2.51", 514, line.encode())
    c.label("neg-logs/syslog", cap, "%s:51514>192.0.2.51:514/udp" % dev(175), "none", note="syslog lines over UDP")
    t = Tcp(cap, dev(176), 51020, "198.51.100.176", 1883).open()
    t.send("c", mqtt_connect(b"sensor-kitchen"))
    t.send("s", b"\x20\x02\x00\x00")
    for k in range(5):
        t.send("c", mqtt_publish(b"home/kitchen/sensor", json.dumps({"temp": 21.0 + k / 10, "hum": 45 + k, "battery": 97,
                                                                     "msg": "ok"}).encode()))
    t.close()
    c.label("neg-mqtt/telemetry", cap, t.flow(), "none", note="MQTT sensor telemetry")
    t = Tcp(cap, dev(177), 51021, "198.51.100.177", 6667).open()
    t.send("c", b"NICK idle\r\nUSER idle 0 * :Idle\r\n")
    t.send("s", b":irc.example.net 001 idle :Welcome to the Example IRC Network idle\r\n"
                b":irc.example.net 005 idle CHANTYPES=# TARGMAX=NAMES:1,LIST:1,KICK:1,WHOIS:1,PRIVMSG:4,NOTICE:4 :are supported\r\n"
                b":irc.example.net 372 idle :- Please be nice to each other and follow the network rules.\r\n")
    t.send("c", b"JOIN #help\r\nMODE #help\r\nPING :irc.example.net\r\n")
    t.send("s", b":irc.example.net 332 idle #help :Support channel | read the FAQ before asking\r\nPONG :irc.example.net\r\n")
    t.send("c", b"QUIT :leaving\r\n")
    t.close()
    c.label("neg-irc/no-privmsg", cap, t.flow(), "none", note="IRC login/join/topic only; PRIVMSG appears only in the 005 line")


TRANSLATIONS = {
    "de": {"menu": {"file": "Datei", "open_recent": "Zuletzt geöffnete Dateien"},
           "dialogs": {"unsaved": "Sie haben ungespeicherte Änderungen. Möchten Sie diese vor dem Schließen speichern?",
                       "delete": "Sind Sie sicher, dass Sie {name} endgültig löschen möchten?",
                       "offline": "Keine Verbindung zum Server. Ihre Änderungen werden später synchronisiert."},
           "inbox": {"empty": "Sie haben noch keine Nachrichten, schreiben Sie Ihren Kollegen eine erste Nachricht.",
                     "new": "Sie haben {count} neue Nachrichten von {sender}"},
           "errors": {"quota": "Ihr Speicherplatz ist fast voll, bitte löschen Sie alte Dateien oder erweitern Sie Ihr Abo."}},
    "_meta": {"language": "de", "updated": "2025-05-01T08:00:00Z", "translator": "kim.lee@example.org"},
}

README = """# thumbs

Generate thumbnails for photo galleries. The tool walks a directory, reads every JPEG and PNG
image and writes a smaller copy next to it, keeping the aspect ratio.

## Install

    pip install thumbs

## Usage

Run `thumbs --size 256 ~/Pictures` and wait until it is done. Existing thumbnails are skipped,
so you can run it again after adding new photos. Please open an issue if something breaks.
"""

CONTACTS_CSV = "name,email,phone,notes\n" + "".join(
    "%s,%s@example.org,+49 30 5550%03d,%s\n" % (n, n.lower(), i, note) for i, (n, note) in enumerate([
        ("Anna", "met at the trade fair in March, interested in the enterprise plan"),
        ("Markus", "prefers phone calls in the morning, follow up after the summer break"),
        ("Lena", "asked for a quote for twenty licences and on-site training"),
        ("Javier", "existing customer since 2019, renewal due in October")]))


def case_hard(c, rng):
    """Hard cases: message lists in responses, GraphQL, a forum comment form (messages); an
    analytics beacon, a JSON config, a CSV and a Markdown upload, a translation file (not)."""
    cap = c.capture("hard_cases.pcap")
    srv = "203.0.113.180"
    t = Tcp(cap, dev(180), 56000, srv, 80).open()
    t.send("c", http_request("GET", "/api/rooms/12/messages?limit=2", "chat.example.net"))
    history = {"room": {"id": 12, "name": "family"}, "messages": [
        {"id": "m%d" % k, "author": {"id": "u%d" % (1001 + k), "display_name": name}, "text": MSG[key],
         "created_at": "2025-05-04T09:%02d:12Z" % (40 + k), "reactions": []}
        for k, (name, key) in enumerate([("Kim", "hist1"), ("Alex", "hist2")])], "has_more": False}
    t.send("s", http_response("200 OK", json.dumps(history).encode()))
    t.close()
    c.label("hard/chat-history-response", cap, t.flow(), "plaintext_message", "to_client", "plaintext",
            "chat app API: JSON response with a list of messages (author object, text, created_at)")

    t = Tcp(cap, dev(181), 56001, srv, 80).open()
    gql = {"operationName": "SendMessage", "variables": {"input": {"threadId": "general", "body": MSG["gql"]}},
           "query": "mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { id createdAt } }"}
    t.send("c", http_request("POST", "/graphql", "api.chat.example.net", json.dumps(gql).encode(), "application/json"))
    t.send("s", http_response("200 OK", b'{"data":{"sendMessage":{"id":"m88","createdAt":"2025-05-04T10:12:34Z"}}}'))
    t.close()
    c.label("hard/graphql-mutation", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "GraphQL mutation: message body two objects deep beside a threadId, query text is code")

    t = Tcp(cap, dev(182), 56002, srv, 80).open()
    form = urllib.parse.urlencode({"comment": MSG["forum"], "author": "Kim Lee", "email": "kim.lee@example.org", "url": "",
                                   "submit": "Post Comment", "comment_post_ID": "42", "comment_parent": "0"}).encode()
    t.send("c", http_request("POST", "/wp-comments-post.php", "blog.example.org", form, "application/x-www-form-urlencoded"))
    t.send("s", http_response("302 Found", b"", None, ["Location: /2025/05/router-update/#comment-17"]))
    t.close()
    c.label("hard/forum-comment-form", cap, t.flow(), "plaintext_message", "to_server", "plaintext",
            "form-encoded comment on a blog/forum (a post), with author and e-mail fields")

    beacon = {"batch": [{"type": "track", "event": "Article Read", "userId": "u82731", "anonymousId": str(uuid.UUID(int=rng.getrandbits(128))), "properties": {
        "title": "Ten tips for better sleep when the nights get shorter", "section": "Health",
        "cta_label": "Read the full story and share it with your friends"},
        "context": {"page": {"path": "/health/sleep-tips", "referrer": "https://www.example.com/",
                             "url": "https://news.example.com/health/sleep-tips"},
                    "userAgent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
        "timestamp": "2025-05-04T10:12:30.120Z"}], "sentAt": "2025-05-04T10:12:31.004Z"}
    post_flow(c, cap, 183, srv, 80, "/v1/batch", "analytics.example.net", json.dumps(beacon).encode(), "application/json",
              "hard/neg-analytics-beacon", "analytics track event: page title and button text beside user id and time")

    config = {"app": "notifier", "version": "3.2.1", "owner": "ops-team", "notify_email": "ops@example.org",
              "schedule": "0 3 * * *", "retention_days": 30, "enabled": True,
              "description": "Sends the nightly digest of failed backups to the operations team",
              "last_modified": "2025-05-02T16:20:00Z"}
    post_flow(c, cap, 184, srv, 80, "/api/v1/jobs/notifier/config", "ops.example.org",
              json.dumps(config, indent=2).encode(), "application/json", "hard/neg-json-config",
              "JSON config upload: a description sentence beside an e-mail and a time")

    b = "----formdata-8c1f27a3"
    csv_mp = ("--{b}\r\nContent-Disposition: form-data; name=\"list_id\"\r\n\r\nl2231\r\n"
              "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n"
              "Content-Type: text/csv\r\n\r\n{csv}\r\n--{b}--\r\n").format(b=b, csv=CONTACTS_CSV).encode()
    post_flow(c, cap, 185, srv, 80, "/lists/import", "crm.example.org", csv_mp, "multipart/form-data; boundary=" + b,
              "hard/neg-csv-upload", "CSV contact list (with prose notes) uploaded as a multipart file")

    t = Tcp(cap, dev(186), 56006, srv, 80).open()
    t.send("c", http_request("PUT", "/repo/thumbs/README.md?branch=main", "git.example.org", README.encode(), "text/markdown"))
    t.send("s", http_response("201 Created", b'{"path":"README.md","sha":"9f2c1a7"}'))
    t.close()
    c.label("hard/neg-markdown-upload", cap, t.flow(), "none", note="Markdown README uploaded (English prose)")

    post_flow(c, cap, 187, srv, 80, "/api/i18n/de.json", "l10n.example.org",
              json.dumps(TRANSLATIONS, ensure_ascii=False).encode(), "application/json", "hard/neg-translations",
              "translation strings JSON (German UI prose, a translator e-mail and a date)")

    t = Tcp(cap, dev(188), 56008, srv, 80).open()
    t.send("c", http_request("POST", "/v1/events", "api.example.net", b'{"event":"sync","n":3}', "application/json"))
    api_error = {"error": {"message": "You have sent too many requests in a short time, please slow down and try again later.",
                           "type": "rate_limit_exceeded", "code": 429, "request_id": "req_8f2a91c3b7"}}
    t.send("s", http_response("429 Too Many Requests", json.dumps(api_error).encode()))
    t.close()
    c.label("hard/neg-api-error", cap, t.flow(), "none",
            note="API error JSON: a human-worded error message beside a request id (machine text, not a message)")


def case_policy(c, rng):
    """Policy and rate-limit material (tests/e2e/policy_e2e.py): archive TLS to GeoIP test-database
    addresses, and the same chat POST repeated by one device to one server, the last an hour later."""
    cap = c.capture("policy.pcap")
    for i, (srv, country) in enumerate([("81.2.69.142", "GB"), ("216.160.83.56", "US")]):
        t = Tcp(cap, dev(140 + i), 48100 + i, srv, 443)
        tls_session(t, rng, "archive.telemessage.com")
        c.label("policy/archive-geo-" + country.lower(), cap, t.flow(), "unapproved_archive", "to_server", "encrypted",
                "TLS SNI archive.telemessage.com to a GeoIP test address (%s)" % country)
    body = chat_json("text", MSG["en5"], rng)
    for i in range(4):
        if i == 3:
            cap.usec += 3601 * 1000000
        t = Tcp(cap, dev(145), 48110 + i, "203.0.113.90", 80).open()
        t.send("c", http_request("POST", "/api/v1/messages", "chat.example.net", body, "application/json"))
        t.send("s", http_response("201 Created", b'{"ok":true}'))
        t.close()
        c.label("policy/repeat-%d" % (i + 1), cap, t.flow(), "plaintext_message", "to_server", "plaintext",
                "identical chat JSON POST, same device and server" + (", an hour after the others" if i == 3 else ""))


def export_body(keys, size):
    """A JSON export of message objects, at least `size` bytes; keys = (user, channel or None,
    text, time or event id) field names."""
    user, chan, text, stamp = keys
    texts = sorted(MSG.values())
    objs, total, k = [], 0, 0
    while total < size:
        o = {"type": "message", user: "U%07d" % (k % 41)}
        if chan:
            o[chan] = "C%07d" % (k % 5)
        o[stamp] = "$%d-%d" % (T0, k) if stamp == "event_id" else "%d.%06d" % (T0 - 60 * k, k)
        o[text] = texts[k % len(texts)]
        objs.append(o)
        total += len(json.dumps(o, ensure_ascii=False).encode()) + 2
        k += 1
    return json.dumps({"ok": True, "messages": objs}, ensure_ascii=False).encode()


def members_body(size):
    """Mattermost-style channel members (user_id, channel_id, no message), at least `size` bytes."""
    objs, k = [], 0
    while len(objs) * 190 < size:
        objs.append({"channel_id": "C%07d" % (k % 5), "user_id": "U%07d" % k, "roles": "channel_user",
                     "last_viewed_at": (T0 - k) * 1000, "msg_count": 1200 + k, "mention_count": k % 7,
                     "notify_props": {"desktop": "default", "email": "default", "push": "mention"}})
        k += 1
    body = json.dumps(objs).encode()
    assert len(body) >= size
    return body


SLACK = ("user", None, "text", "ts")
MATTERMOST = ("user_id", "channel_id", "message", "create_at")
MATRIX = ("sender", "room_id", "body", "event_id")
BULK = 80 * 1024         # body bytes: past min_bytes 49152 within the default 64 KiB reassembly depth
# signature id, a case whose flow must raise it, a case whose flow must not (signature_cases.tsv)
SIGNATURE_CASES = [
    (8700100, "irc/privmsg", "neg-irc/no-privmsg"),
    (8700101, "irc/privmsg-inbound", "sig/irc-server-notices"),
    (8700110, "xmpp/message-body", "sig/xmpp-roster-only"),
    (8700120, "mqtt/v311-publish", "neg-mqtt/telemetry"),
    (8700130, "stomp/send", "sig/stomp-machine-body"),
    (8700131, "redis/publish", "sig/redis-publish-telemetry"),
    (8700140, "ws/masked", "sig/ws-ticker"),
    (8700199, "odd-port/json-lines-31337", "sig/json-lines-machine"),
    (8700200, "smtp/plain", "sig/smtp-starttls"),
    (8700210, "pop3/retr", "sig/pop3-list-only"),
    (8700220, "imap/fetch-body", "sig/imap-header-fetch"),
    (8700230, "nntp/article", "sig/nntp-list-only"),
    (8700300, "http-json/en-text", "hard/neg-analytics-beacon"),
    (8700310, "hard/chat-history-response", "neg-http/news-page"),
    (8700400, "archive/sni-telemessage", "sig/sni-www-telemessage"),
    (8700401, "sig/sni-www-telemessage", "archive/sni-telemessage"),
    (8700410, "archive/sni-smarsh", "sig/sni-notsmarsh"),
    (8700420, "archive/sni-globalrelay", "sig/sni-globalrelay-org"),
    (8700430, "archive/sni-leapxpert", "sig/sni-leapxpert-lookalike"),
    (8700440, "sig/sni-thetalake", "sig/sni-thetalake-zendesk"),
    (8700450, "sig/sni-celltrust", "sig/sni-notcelltrust"),
    (8700460, "sig/sni-moviuscorp", "sig/sni-movius"),
    (8700470, "sig/sni-jatheon", "sig/sni-jatheon-lookalike"),
    (8700500, "exfil/heapdump-actuator", "sig/heapdump-downloaded"),
    (8700501, "exfil/heapdump-actuator", "exfil/health-negative"),
    (8700510, "sig/slack-export", "sig/slack-page-small"),
    (8700511, "sig/mattermost-export", "sig/mattermost-members"),
    (8700512, "sig/matrix-export", "sig/matrix-downloaded"),
]
XFAIL = {}  # signature id -> why it cannot fire end to end yet (the harness reports XFAIL)


ARCHIVE_NAMES = [  # (case, SNI, signature it must raise or None)
    ("sig/sni-www-telemessage", "www.telemessage.com", 8700401), ("sig/sni-thetalake", "api.thetalake.com", 8700440),
    ("sig/sni-celltrust", "sl2.celltrust.com", 8700450), ("sig/sni-moviuscorp", "multiline.moviuscorp.com", 8700460),
    ("sig/sni-jatheon", "app.jatheon.com", 8700470), ("sig/sni-notsmarsh", "notsmarsh.com", None),
    ("sig/sni-globalrelay-org", "globalrelay.org", None), ("sig/sni-leapxpert-lookalike", "api.leapxpert.com.example.net", None),
    ("sig/sni-thetalake-zendesk", "thetalake.zendesk.com", None), ("sig/sni-notcelltrust", "notcelltrust.com", None),
    ("sig/sni-movius", "movius.com", None), ("sig/sni-jatheon-lookalike", "jatheon.co", None),
]


def case_signatures(c, rng):
    """Positives and look-alike negatives for the signatures the cases above leave uncovered;
    signature_cases.tsv maps every signature id to one case that must raise it and one that must not."""
    cap = c.capture("signatures.pcap")
    for i, (case, sni, sid) in enumerate(ARCHIVE_NAMES):
        t = Tcp(cap, dev(220 + i), 57000 + i, "203.0.113.%d" % (200 + i), 443)
        tls_session(t, rng, sni, upload=(300,), download=(900,))
        if sid:
            c.label(case, cap, t.flow(), "unapproved_archive", "to_server", "encrypted", "TLS ClientHello SNI " + sni)
        else:
            c.label(case, cap, t.flow(), "none", note="TLS SNI %s: looks like an archive vendor's name, is not" % sni)

    t = Tcp(cap, dev(240), 57100, "198.51.100.60", 6667).open()
    t.send("s", b":irc.example.net NOTICE * :*** Looking up your hostname...\r\n"
                b":irc.example.net NOTICE * :*** Found your hostname\r\n")
    t.send("c", b"NICK rune\r\nUSER rune 0 * :Rune\r\n")
    t.send("s", b":irc.example.net 001 rune :Welcome to the Example IRC Network rune\r\n"
                b":irc.example.net NOTICE rune :*** You are connected using SSL cipher NONE\r\n")
    t.send("c", b"JOIN #help\r\nQUIT :bye\r\n")
    t.close()
    c.label("sig/irc-server-notices", cap, t.flow(), "none", note="IRC server NOTICE banners to the device, no PRIVMSG")

    t = Tcp(cap, dev(241), 57101, "198.51.100.61", 5222).open()
    t.send("c", b"<?xml version='1.0'?><stream:stream to='example.org' xmlns='jabber:client' "
                b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    t.send("s", b"<?xml version='1.0'?><stream:stream from='example.org' id='c2s_2' xmlns='jabber:client' "
                b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><stream:features/>")
    t.send("c", b"<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq><presence/>")
    t.send("s", b"<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='romeo@example.org' "
                b"name='Romeo' subscription='both'/></query></iq>")
    t.close()
    c.label("sig/xmpp-roster-only", cap, t.flow(), "none", note="XMPP roster query and presence, no <message>")

    t = Tcp(cap, dev(242), 57102, "198.51.100.64", 61613).open()
    t.send("c", b"CONNECT\naccept-version:1.2\nhost:broker.example.org\n\n\0")
    t.send("s", b"CONNECTED\nversion:1.2\n\n\0")
    for k in range(3):
        t.send("c", b"SEND\ndestination:/queue/metrics\ncontent-type:text/plain\n\nstatus=ok seq=%d load=0.%d2 "
                    b"queue_depth=%d\0" % (1932 + k, k, 17 + k))
    t.close()
    c.label("sig/stomp-machine-body", cap, t.flow(), "none", note="STOMP SEND frames of machine status lines")

    t = Tcp(cap, dev(243), 57103, "198.51.100.65", 6379).open()
    for k in range(3):
        m = json.dumps({"sensor": "door-%d" % k, "state": "closed", "battery": 90 + k, "ts": T0 + k}).encode()
        t.send("c", b"*3\r\n$7\r\nPUBLISH\r\n$13\r\nhome:sensors\r\n$%d\r\n%s\r\n" % (len(m), m))
        t.send("s", b":1\r\n")
    t.close()
    c.label("sig/redis-publish-telemetry", cap, t.flow(), "none", note="Redis PUBLISH of sensor JSON")

    t = Tcp(cap, dev(244), 57104, "198.51.100.31", 80).open()
    ws_upgrade(t, "ws.quotes.example.com", "/stream")
    t.send("c", ws_frame(1, b'{"action":"subscribe","symbols":["ACME","INIT"]}', rng.randbytes(4)))
    for k in range(4):
        t.send("s", ws_frame(1, json.dumps({"type": "tick", "symbol": "ACME", "price": 101.25 + k / 4, "volume": 300 + k,
                                            "ts": T0 + k}).encode()))
    t.close()
    c.label("sig/ws-ticker", cap, t.flow(), "none", note="WebSocket subscription and price ticks (JSON, no message)")

    t = Tcp(cap, dev(245), 57105, "192.0.2.41", 31337).open()
    for k in range(4):
        t.send("c", json.dumps({"op": "heartbeat", "node": "edge-%d" % k, "seq": 77 + k, "status": "ok"}).encode() + b"\n")
        t.send("s", b'{"op":"ok"}\n')
    t.close()
    c.label("sig/json-lines-machine", cap, t.flow(), "none", note="line-delimited JSON heartbeats on an unassigned port")

    t = Tcp(cap, dev(246), 57106, "198.51.100.25", 25).open()
    t.send("s", b"220 mx.example.com ESMTP Postfix\r\n")
    t.send("c", b"EHLO laptop.home.example\r\n")
    t.send("s", b"250-mx.example.com\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
    t.send("c", b"STARTTLS\r\n")
    t.send("s", b"220 2.0.0 Ready to start TLS\r\n")
    t.send("c", tls_client_hello(rng, "mx.example.com"))
    t.send("s", tls_server_hello(rng) + tls_records(rng, [1800]))
    t.send("c", tls_records(rng, [74, 600, 1300]))
    t.send("s", tls_records(rng, [200]))
    t.close()
    c.label("sig/smtp-starttls", cap, t.flow(), "none", note="SMTP that switches to TLS with STARTTLS before MAIL")

    t = Tcp(cap, dev(247), 57107, "192.0.2.110", 110).open()
    for cmd, reply in [(None, b"+OK POP3 ready"), (b"USER alice", b"+OK"), (b"PASS wonderland", b"+OK 2 messages"),
                       (b"STAT", b"+OK 2 2291"), (b"LIST", b"+OK 2 messages\r\n1 1120\r\n2 1171\r\n."),
                       (b"UIDL", b"+OK\r\n1 a81f0c11\r\n2 a81f0c12\r\n."), (b"QUIT", b"+OK bye")]:
        if cmd:
            t.send("c", cmd + b"\r\n")
        t.send("s", reply + b"\r\n")
    t.close()
    c.label("sig/pop3-list-only", cap, t.flow(), "none", note="POP3 STAT/LIST/UIDL, no RETR")

    heads = b"".join(b"* %d FETCH (BODY[HEADER.FIELDS (FROM DATE)] {%d}\r\n%s)\r\n" % (k, len(h), h) for k, h in enumerate(
        [b"From: Billing <billing@example.com>\r\nDate: Sat, 3 May 2025 08:00:00 +0000\r\n\r\n",
         b"From: Karl <karl@example.net>\r\nDate: Sun, 4 May 2025 09:41:07 +0000\r\n\r\n"], 1))
    t = Tcp(cap, dev(248), 57108, "192.0.2.143", 143).open()
    for cmd, reply in [(None, b"* OK IMAP4rev1 ready"), (b"a1 LOGIN alice wonderland", b"a1 OK LOGIN completed"),
                       (b"a2 SELECT INBOX", b"* 2 EXISTS\r\na2 OK [READ-WRITE] SELECT completed"),
                       (b"a3 FETCH 1:2 (BODY.PEEK[HEADER.FIELDS (FROM DATE)])", heads + b"a3 OK FETCH completed"),
                       (b"a4 LOGOUT", b"* BYE\r\na4 OK")]:
        if cmd:
            t.send("c", cmd + b"\r\n")
        t.send("s", reply + b"\r\n")
    t.close()
    c.label("sig/imap-header-fetch", cap, t.flow(), "none", note="IMAP FETCH of header fields only")

    t = Tcp(cap, dev(249), 57109, "192.0.2.119", 119).open()
    for cmd, reply in [(None, b"200 news.example.net ready"), (b"CAPABILITIES", b"101 list\r\nVERSION 2\r\nREADER\r\nLIST ACTIVE\r\n."),
                       (b"LIST ACTIVE local.*", b"215 list follows\r\nlocal.chat 3 1 y\r\nlocal.test 12 1 y\r\n."),
                       (b"GROUP local.chat", b"211 3 1 3 local.chat"), (b"QUIT", b"205 bye")]:
        if cmd:
            t.send("c", cmd + b"\r\n")
        t.send("s", reply + b"\r\n")
    t.close()
    c.label("sig/nntp-list-only", cap, t.flow(), "none", note="NNTP capabilities, group list, GROUP: no article")

    t = Tcp(cap, dev(250), 57110, "198.51.100.120", 8080).open()
    t.send("c", http_request("GET", "/actuator/heapdump", "diag.example.net:8080"))
    t.send("s", http_response("200 OK", hprof(rng, [MSG["heap2"]]), "application/octet-stream"))
    t.close()
    c.label("sig/heapdump-downloaded", cap, t.flow(), "none", note="the device downloads a heap dump from an outside server")


def export_flow(c, cap, n, path, body, device_serves):
    """An HTTP GET answered with a large JSON body: by an inside server to an outside client, or
    (device_serves False) by an outside server to the device. Returns the connection."""
    if device_serves:
        t = Tcp(cap, "198.51.100.%d" % (200 + n), 58000 + n, "10.10.5.%d" % (30 + n), 8080).open()
    else:
        t = Tcp(cap, dev(260 + n), 58000 + n, "198.51.100.%d" % (200 + n), 80).open()
    t.send("c", http_request("GET", path, "chat.example.net"))
    t.send("s", http_response("200 OK", body), ack=False)
    t.close()
    return t


def case_bulk_exports(c, rng):
    """Message exports of more than 256 KiB served by an inside chat server to outside clients
    (archive_exfiltration 8700510-8700512; each is chat in cleartext too), and near misses: a
    small page, a large list without message text, a large export downloaded by the device."""
    cap = c.capture("signatures_bulk.pcap")
    sent = ("plaintext_message", "to_server", "plaintext")
    rows = [("sig/slack-export", "/api/conversations.history?limit=1000", export_body(SLACK, BULK), True, sent,
             "Slack-style history (user, text, ts) of > 48 KiB served to an outside client"),
            ("sig/mattermost-export", "/api/v4/channels/c1/posts?per_page=1000", export_body(MATTERMOST, BULK), True, sent,
             "Mattermost posts (user_id, channel_id, message) of > 48 KiB served to an outside client"),
            ("sig/matrix-export", "/_matrix/client/v3/rooms/r1/messages?limit=1000", export_body(MATRIX, BULK), True, sent,
             "Matrix events (event_id, room_id, sender) of > 48 KiB served to an outside client"),
            ("sig/slack-page-small", "/api/conversations.history?limit=50", export_body(SLACK, 12 * 1024), True, sent,
             "Slack-style history page of 12 KiB served to an outside client: not bulk"),
            ("sig/mattermost-members", "/api/v4/channels/c1/members?per_page=2000", members_body(BULK), True,
             ("none", "-", "-"), "> 48 KiB of Mattermost channel members (user_id, channel_id, no message text)"),
            ("sig/matrix-downloaded", "/_matrix/client/v3/rooms/r1/messages?limit=1000", export_body(MATRIX, BULK), False,
             ("plaintext_message", "to_client", "plaintext"), "the device downloads > 256 KiB of Matrix events")]
    for n, (case, path, body, serves, (expect, direction, verdict), note) in enumerate(rows):
        t = export_flow(c, cap, n, path, body, serves)
        c.label(case, cap, t.flow(), expect, direction, verdict, note)


CASES = [case_http_json, case_http_encoded, case_websocket, case_odd_ports, case_protocols, case_mail,
         case_tcp_tricky, case_link_layers, case_archives, case_approved, case_heapdump, case_negatives,
         case_hard, case_policy, case_signatures, case_bulk_exports]


def build_corpus():
    c = Corpus()
    for case in CASES:
        case(c, random.Random(case.__name__))
    return c


def build_demo():
    """The README's demo: a few leaks among benign traffic, one Ethernet pcap."""
    c = Corpus()
    cap = c.capture("demo.pcap")
    rng = random.Random("demo")
    benign_hosts = ["www.example.com", "cdn.example.net", "api.example.org", "updates.example.org", "mail.example.org"]
    leaks = {5: "chat", 12: "irc", 19: "smtp", 26: "archive"}
    for i in range(32):
        d = dev(200 + i % 12)
        kind = leaks.get(i)
        if kind == "chat":
            t = Tcp(cap, d, 55000 + i, "203.0.113.10", 80).open()
            t.send("c", http_request("POST", "/api/v1/messages", "chat.example.net", chat_json("text", MSG["en"], rng), "application/json"))
            t.send("s", http_response("201 Created", b'{"ok":true}'))
            t.close()
            c.label("demo/chat-json", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "chat JSON POST")
        elif kind == "irc":
            t = Tcp(cap, d, 55000 + i, "198.51.100.60", 6667).open()
            t.send("c", b"NICK demo\r\nUSER demo 0 * :Demo\r\nJOIN #team\r\nPRIVMSG #team :" + MSG["en6"].encode() + b"\r\n")
            t.close()
            c.label("demo/irc", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "IRC PRIVMSG")
        elif kind == "smtp":
            mail = MAIL_HEAD % (b"Keys", 9) + b"Content-Type: text/plain\n\n" + MSG["en9"].encode() + b"\n"
            t = smtp_session(cap, 200 + i, mail)
            c.label("demo/smtp", cap, t.flow(), "plaintext_message", "to_server", "plaintext", "SMTP DATA")
        elif kind == "archive":
            t = Tcp(cap, d, 55000 + i, "203.0.113.70", 443)
            tls_session(t, rng, "archive.telemessage.com")
            c.label("demo/telemessage", cap, t.flow(), "unapproved_archive", "to_server", "encrypted", "TLS SNI archive.telemessage.com")
        elif i % 3 == 0:
            host = benign_hosts[i % len(benign_hosts)]
            flow = dns_exchange(cap, d, 53000 + i, "192.0.2.53", host, "198.51.100.%d" % (100 + i), 0x2000 + i)
            c.label("demo/benign-dns-%d" % i, cap, flow, "none", note="DNS lookup of " + host)
            t = Tcp(cap, d, 55000 + i, "198.51.100.%d" % (100 + i), 443)
            tls_session(t, rng, host, upload=(400, 900), download=(rng.randrange(2000, 6000), 1500))
            c.label("demo/benign-tls-%d" % i, cap, t.flow(), "none", note="TLS to " + host)
        elif i % 3 == 1:
            t = Tcp(cap, d, 55000 + i, "203.0.113.150", 80).open()
            t.send("c", http_request("GET", "/news/%d.html" % i, "news.example.com"))
            t.send("s", http_response("200 OK", NEWS.encode(), "text/html; charset=utf-8"))
            t.close()
            c.label("demo/benign-web-%d" % i, cap, t.flow(), "none", note="news page")
        else:
            body = json.dumps({"device": "cam-%d" % i, "cpu": i, "msg": "OK", "status": "ok"}).encode()
            t = Tcp(cap, d, 55000 + i, "203.0.113.152", 80).open()
            t.send("c", http_request("POST", "/v1/telemetry", "telemetry.example.net", body, "application/json"))
            t.send("s", http_response("200 OK", b'{"ok":true}'))
            t.close()
            c.label("demo/benign-telemetry-%d" % i, cap, t.flow(), "none", note="telemetry JSON")
    return c


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--out", help="output directory (default tests/gen/out, or tests/data with --demo)")
    ap.add_argument("--demo", action="store_true", help="write demo.pcap + demo.tsv only")
    args = ap.parse_args()
    if args.demo:
        out = args.out or os.path.join(here, "..", "data")
        build_demo().write(out, "demo.tsv", with_messages=False)
    else:
        build_corpus().write(args.out or os.path.join(here, "out"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
