#!/usr/bin/python3
"""seeds.py SRCDIR OUTDIR — writes the seed corpus of every fuzz harness into OUTDIR/<harness>/
from the project's own test data (tests/data: the demo and real captures, protocol samples,
configurations, signature packs) plus a few generated inputs (TCP segment sequences with
overlaps, reordering, retransmissions and bad checksums). Deterministic; standard library only
(reads pcap and pcapng itself)."""
import glob
import hashlib
import os
import random
import struct
import sys

SRC, OUT = sys.argv[1], sys.argv[2]
LINKTYPES = {1: 0, 113: 1, 276: 2, 12: 3, 14: 3, 101: 4, 228: 5, 229: 6, 0: 7, 108: 8}
INSPECT = ["inspect"] + ["inspect-" + p for p in
                         "http websocket smtp pop3 imap nntp xmpp irc mqtt redis stomp kafka coap smpp ipmsg oscar h2 amqp thrift nats zephyr modem".split()]


def put(harness, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def read_capture(path):
    """[(linktype, frame)] of a pcap or pcapng file."""
    raw = open(path, "rb").read()
    frames = []
    if raw[:4] == b"\x0a\x0d\x0d\x0a":
        pos, links, endian = 0, [], "<"
        while pos + 12 <= len(raw):
            btype = struct.unpack_from(endian + "I", raw, pos)[0]
            if btype == 0x0A0D0D0A:
                endian = "<" if raw[pos + 8:pos + 12] == b"\x4d\x3c\x2b\x1a" else ">"
                links = []
            blen = struct.unpack_from(endian + "I", raw, pos + 4)[0]
            if blen < 12 or pos + blen > len(raw):
                break
            if btype == 1:
                links.append(struct.unpack_from(endian + "H", raw, pos + 8)[0])
            elif btype == 6:
                iface, _, _, caplen = struct.unpack_from(endian + "IIII", raw, pos + 8)
                if iface < len(links):
                    frames.append((links[iface], raw[pos + 28:pos + 28 + caplen]))
            pos += blen
        return frames
    endian = "<" if raw[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    link = struct.unpack_from(endian + "I", raw, 20)[0]
    pos = 24
    while pos + 16 <= len(raw):
        caplen = struct.unpack_from(endian + "I", raw, pos + 8)[0]
        frames.append((link, raw[pos + 16:pos + 16 + caplen]))
        pos += 16 + caplen
    return frames


def pcap_file(link, frames):
    out = [struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, link)]
    for i, f in enumerate(frames):
        out.append(struct.pack("<IIII", 1746352800 + i, i, len(f), len(f)) + f)
    return b"".join(out)


def pcapng_file(link, frames):
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        return struct.pack("<II", btype, len(body) + 12) + body + struct.pack("<I", len(body) + 12)
    out = [block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)),
           block(1, struct.pack("<HHI", link, 0, 65535))]
    for i, f in enumerate(frames):
        ts = (1746352800 + i) * 1000000
        out.append(block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(f), len(f)) + f))
    return b"".join(out)


def l4(link, frame):
    """(proto, sport, dport, payload) of an Ethernet or raw IP frame, or None."""
    off = {1: 14, 113: 16, 276: 20, 12: 0, 14: 0, 101: 0}.get(link)
    if off is None or len(frame) < off + 20:
        return None
    if link == 1:
        while frame[12:14] == b"\x81\x00" and len(frame) > off + 4:
            frame = frame[:12] + frame[16:]
    ip = frame[off:]
    if ip[0] >> 4 == 4:
        hl, proto = (ip[0] & 15) * 4, ip[9]
    elif ip[0] >> 4 == 6 and len(ip) >= 40:
        hl, proto = 40, ip[6]
    else:
        return None
    t = ip[hl:]
    if proto == 17 and len(t) >= 8:
        return 17, struct.unpack(">H", t[:2])[0], struct.unpack(">H", t[2:4])[0], t[8:]
    if proto == 6 and len(t) >= 20:
        return 6, struct.unpack(">H", t[:2])[0], struct.unpack(">H", t[2:4])[0], t[(t[12] >> 4) * 4:]
    return None


def captures():
    for path in sorted(glob.glob(os.path.join(SRC, "tests/data/*.pcap*")) +
                       glob.glob(os.path.join(SRC, "tests/data/real/*.pcap*"))):
        try:
            yield path, read_capture(path)
        except (struct.error, IndexError):
            pass


def capture_seeds():
    for path, frames in captures():
        by_link = {}
        for link, f in frames:
            by_link.setdefault(link, []).append(f)
        for link, fs in by_link.items():
            for f in fs[:40]:
                if link in LINKTYPES:
                    put("decode", bytes([LINKTYPES[link]]) + f)
            head, size = [], 0
            for f in fs:
                if size + len(f) > 60000:
                    break
                head.append(f)
                size += len(f) + 16
            put("engine", pcap_file(link, head))
            put("engine", pcapng_file(link, head[:20]))
            for f in fs:
                x = l4(link, f)
                if x and x[0] == 17 and x[1] in (53, 5353) and x[3]:
                    put("dns", x[3])


def reassembly_seeds():
    """Segment sequences in fuzz_reassembly.c's format, deterministic."""
    rng = random.Random(13)
    message = b'POST /send HTTP/1.1\r\nHost: chat.example\r\nContent-Length: 40\r\n\r\n{"to":"bob","text":"meet at nine"}'
    for n in range(24):
        recs = [bytes([0x02, 0, 0, 0, 0])]  # SYN at offset 0: data from offset 1
        pieces, pos = [], 0
        while pos < len(message):
            step = rng.randint(1, 40)
            pieces.append((pos, message[pos:pos + step]))
            pos += step
        if n % 3 == 1:
            rng.shuffle(pieces)
        if n % 4 == 2:  # an overlapping copy with other bytes first
            s, d = pieces[len(pieces) // 2]
            pieces.insert(len(pieces) // 2, (s, bytes(b ^ 0x20 for b in d)))
        if n % 5 == 3:  # retransmissions
            pieces += pieces[:3]
        for s, d in pieces:
            flags = 0x18 | (0x80 if n % 7 == 6 else 0)
            recs.append(struct.pack(">BHBB", flags, s + 1, len(d), 0) + d)
        recs.append(struct.pack(">BHBB", 0x11, len(message) + 1, 0, 0))
        put("reassembly", bytes([0x10, n * 97 % 256, n * 13 % 256]) + b"".join(recs))


def text_seeds():
    pairs = []
    for c in sorted(glob.glob(os.path.join(SRC, "tests/data/protocols/*.c"))):
        s = c[:-2] + ".s"
        pairs.append((open(c, "rb").read(), open(s, "rb").read() if os.path.exists(s) else b""))
    ins = os.path.join(SRC, "tests/data/inspect")
    for req in sorted(glob.glob(os.path.join(ins, "*.req"))):
        resp = req[:-4] + ".resp"
        pairs.append((open(req, "rb").read(), open(resp, "rb").read() if os.path.exists(resp) else b""))
    for a, b in ((".cli", ".srv"), (".masked", ".unmasked")):
        for x in sorted(glob.glob(os.path.join(ins, "*" + a))):
            y = x[:-len(a)] + b
            pairs.append((open(x, "rb").read(), open(y, "rb").read() if os.path.exists(y) else b""))
    for client, server in pairs:
        client, server = client[:32768], server[:32768]
        for h in INSPECT:
            put(h, bytes([1]) + struct.pack("<H", len(client)) + client + server)
            put(h, bytes([0]) + struct.pack("<H", len(server)) + server + client)
        for blob in (client, server):
            for i in range(len(blob)):
                if blob[i:i + 1] in (b"{", b"[") and (i == 0 or blob[i - 1:i] in b"\n\r :="):
                    put("json", blob[i:i + 4096])

    # CoAP requests and a response as datagrams (flags: from the initiator, a datagram): Uri-Path
    # options, Content-Format 0, 50 and 60, an extended option delta, a payload marker
    coap = [b"\x42\x02\x12\x34\xaa\xbb\xb4chat\x04msgs\x11\x3c\xff\xa1\x64text\x6bsee you at 9",
            b"\x41\x03\x00\x01\x07\xb4room\x10\xff" + "wir sehen uns morgen".encode(),
            b"\x40\x02\x00\x02\xd1\x02\x01\xb3api\x11\x32\xff" + b'{"msg":"on my way"}',
            b"\x60\x45\x00\x01\xff" + b"ok"]
    for h in INSPECT:
        for c in coap:
            put(h, bytes([3]) + struct.pack("<H", len(c)) + c)

    # SMPP: a bind, submit_sm in UCS-2 and with a user data header, data_sm with message_payload,
    # a delivery receipt (flags: from the initiator, a stream)
    def smpp(command, body):
        return struct.pack(">IIII", 16 + len(body), command, 0, 7) + body
    addrs = b"\0\x01\x01" + b"4915112345678\0" + b"\x01\x01" + b"4917698765432\0"
    ucs2 = "Привет, bis gleich".encode("utf-16-be")
    stream = (smpp(9, b"APP\0pw\0\0\x34\0\0\0") +
              smpp(4, addrs + b"\0\0\0\0\0\x01\0\x08\0" + bytes([len(ucs2)]) + ucs2) +
              smpp(4, addrs + b"\x40\0\0\0\0\x01\0\0\0\x19\x05\x00\x03\x2a\x02\x01meet me at the gate") +
              smpp(0x103, addrs + b"\0\0\x03" + struct.pack(">HH", 0x0424, 9) + "Grüße 👋".encode("latin-1", "replace")[:9]) +
              smpp(5, addrs + b"\x04\0\0\0\0\0\0\0\0\x10id:7 stat:DELIVRD"))
    for h in INSPECT:
        put(h, bytes([1]) + struct.pack("<H", len(stream)) + stream)

    # OSCAR: a sign-on FLAP, an ICBM send with HTML in ASCII, an incoming one in UCS-2 after
    # user-info TLVs, a SNAC with the length-prefixed extra (flags 0x8000)
    def flap(chan, data, seq=[0]):
        seq[0] += 1
        return struct.pack(">cBHH", b"*", chan, seq[0], len(data)) + data
    def snac(fam, sub, data, flags=0):
        return flap(2, struct.pack(">HHHI", fam, sub, flags, 7) + data)
    def text_tlv(text, charset):
        enc = text.encode("utf-16-be" if charset == 2 else "ascii")
        frags = b"\x05\x01\x00\x01\x01" + b"\x01\x01" + struct.pack(">HHH", 4 + len(enc), charset, 0) + enc
        return struct.pack(">HH", 2, len(frags)) + frags
    oscar = (flap(1, b"\0\0\0\1") +
             snac(4, 6, b"12345678\0\x01\x05buddy" + text_tlv("<HTML><BODY>see you at nine</BODY></HTML>", 0)) +
             snac(4, 7, b"12345678\0\x01\x05buddy\0\0\0\x01\0\x01\0\x02\0\x10" + text_tlv("Привет, как дела?", 2)) +
             snac(4, 6, b"\0\x02\0\0" + b"12345678\0\x01\x03bob" + text_tlv("ok", 0), 0x8000) + flap(4, b""))
    for h in INSPECT:
        put(h, bytes([1]) + struct.pack("<H", len(oscar)) + oscar)

    # HTTP/2 (h2c) carrying gRPC: the client preface, SETTINGS, HEADERS in HPACK (RFC 7541: indexed
    # static entries, literals with incremental indexing and their dynamic-table reference in the
    # next block, the Huffman-coded C.4.1 block), padded DATA and CONTINUATION; the server's side
    # with trailers; the same after an HTTP/1.1 "Upgrade: h2c"
    def h2(ftype, flags, stream, payload):
        return struct.pack(">I", len(payload))[1:] + bytes([ftype, flags]) + struct.pack(">I", stream) + payload
    def lit(name, value, indexed=True):
        return bytes([0x40 if indexed else 0]) + bytes([len(name)]) + name + bytes([len(value)]) + value
    def grpc(text):
        pb = b"\x0a" + bytes([len(text)]) + text + b"\x10\x91\xd5\xe1\xd0\x06"
        return b"\0" + struct.pack(">I", len(pb)) + pb
    preface = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
    settings = h2(4, 0, 0, b"\0\x01\0\0\x10\0\0\x04\0\x01\0\0")
    call = (b"\x83\x86" + lit(b":path", b"/chat.v1.Messenger/SendMessage") + lit(b":authority", b"chat.example") +
            lit(b"content-type", b"application/grpc") + lit(b"x-user-id", b"4711", False))
    client = (preface + settings + h2(1, 4, 1, call) + h2(0, 1, 1, grpc("see you at the station at six".encode())) +
              h2(1, 0x20, 3, b"\0\0\0\0\x10" + b"\x83\x86\xbf") + h2(9, 4, 3, b"\xbe\xc0") +
              h2(0, 9, 3, b"\x04" + grpc("Привет, как дела?".encode()) + b"\0" * 4) +
              h2(1, 5, 5, bytes.fromhex("828684418cf1e3c2e5f23a6ba0ab90f4ff")))
    server = (settings + h2(4, 1, 0, b"") + h2(1, 4, 1, b"\x88" + lit(b"content-type", b"application/grpc")) +
              h2(0, 0, 1, grpc("ok".encode())) + h2(1, 5, 1, lit(b"grpc-status", b"0", False)))
    upgrade = (b"GET / HTTP/1.1\r\nHost: chat.example\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
               b"HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n")
    switching = b"HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
    for h in INSPECT:
        for a, b, flags in ((client, server, 1), (server, client, 0), (upgrade + client, switching + server, 1),
                            (switching + server, upgrade + client, 0)):
            put(h, bytes([flags]) + struct.pack("<H", len(a)) + a + b)

    # SMS through a modem's AT commands: PDU mode SMS-SUBMITs (GSM 7-bit; UCS-2 with a
    # concatenation header), text mode, and the modem's +CMT results
    client = (b"AT\r\nAT+CMGF=0\r\nAT+CMGS=23\r\n0011000B916407281553F80000AA0AE8329BFD4697D9EC37\x1a"
              b"AT+CMGS=41\r\n0051000B915155898539F50008AA1C050003CE02020068006F006F006C0020006800610061006C003F\x1a"
              b"AT+CMGF=1\r\nAT+CMGS=\"+15551234567\"\r\nsee you at the gate\x1a")
    modem = (b"AT\r\nOK\r\n\r\n+CMT: \"+15551234567\",,\"25/07/08,09:12:18+04\"\r\nbring the umbrella\r\n\r\n"
             b"+CMT: ,24\r\n07911326040000F0040B911346610089F60000208062917314080CC8329BFD06\r\nOK\r\n")
    for h in INSPECT:
        for a, b, flags in ((client, modem, 1), (modem, client, 0)):
            put(h, bytes([flags]) + struct.pack("<H", len(a)) + a + b)

    # IP Messenger datagrams: SENDMSG in UTF-8 and in CP932, a presence entry, an encrypted one
    for d in (b"1:812:anna:LAPTOP-7F:8388896:see you at the gate\0",
              b"1:813:taro:PC-01:288:" + "会議は三時からです".encode("cp932") + b"\0",
              b"1:814:bob:desk:8388609:Bob\0Sales\0", b"1_lbt6_0:815:eve:x:12583200:0a1b2c3d\0"):
        for h in INSPECT:
            put(h, bytes([3]) + struct.pack("<H", len(d)) + d)

    # AMQP 0-9-1: the protocol header, a basic.publish with a JSON body in two frames, a
    # heartbeat, a basic.deliver; TOC commands in FLAP frames
    def amqp(t, payload):
        return struct.pack(">BHI", t, 1, len(payload)) + payload + b"\xce"
    body = b'{"from":"ann","text":"are we still on for lunch?"}'
    wire = (b"AMQP\0\0\x09\x01" + amqp(1, b"\0\x3c\0\x28\0\0\x04chat\x07room.42\0") +
            amqp(2, b"\0\x3c\0\0" + struct.pack(">QH", len(body), 0x8000) + b"\x10application/json") +
            amqp(3, body[:20]) + amqp(3, body[20:]) + amqp(8, b"") +
            amqp(1, b"\0\x3c\0\x3c\x03ctg" + struct.pack(">Q", 7) + b"\0\x04chat\x07room.42"))
    toc = b"".join(struct.pack(">cBHH", b"*", 2, i, len(c) + 1) + c + b"\0" for i, c in enumerate(
        [b'toc_send_im bob "<HTML>lunch at \\"noon\\"?</HTML>"', b"IM_IN:bob:F:sure", b"CHAT_IN:12:carol:F:who else?"]))
    for h in INSPECT:
        put(h, bytes([1]) + struct.pack("<H", len(wire)) + wire)
        put(h, bytes([1]) + struct.pack("<H", len(toc)) + toc)

    # Real-time text: RTP packets (plain; RFC 2198 redundancy with the primary last) and typed
    # text as the engine strings it together (flag 16: a BOM, a backspace, a line separator)
    rtp = b"\x80\x62\x12\x34\0\0\x2b\x5c\xde\xad\xbe\xef"
    for d, flags in ((rtp + "hé".encode(), 3), (rtp[:1] + b"\x64" + rtp[2:] + b"\xe2\0\x0c\x02\x62ab" + b"c", 3),
                     ("\ufeffsee you x\bat nine\u2028ok".encode(), 3 | 16)):
        for h in INSPECT:
            put(h, bytes([flags]) + struct.pack("<H", len(d)) + d)

    # Thrift: a framed strict-binary call (nested struct, list, map, an i64) and its reply, the
    # unversioned form unframed, a compact call (deltas, a long field id, bool fields), one over HTTP
    def tb_str(fid, text):
        b = text.encode()
        return struct.pack(">bhi", 11, fid, len(b)) + b
    def tb_call(name, args, mtype=1):
        return struct.pack(">Ii", 0x80010000 | mtype, len(name)) + name + struct.pack(">i", 1) + args + b"\0"
    nested = b"\x0c\x00\x02" + tb_str(1, "on my way, see you soon") + struct.pack(">bhq", 10, 2, 1746353553123) + b"\0"
    lists = struct.pack(">bhbi", 15, 3, 11, 2) + struct.pack(">i", 5) + b"alice" + struct.pack(">i", 3) + b"bob"
    maps = struct.pack(">bhbbi", 13, 4, 11, 11, 1) + struct.pack(">i", 4) + b"text" + struct.pack(">i", 2) + b"hi"
    call = tb_call(b"sendMessage", tb_str(1, "conv-1") + nested + lists + maps)
    reply = tb_call(b"sendMessage", struct.pack(">bhq", 10, 0, 88123456789), 2)
    old = struct.pack(">i", 8) + b"postNote" + b"\x01" + struct.pack(">i", 7) + tb_str(3, "bis gleich") + b"\0"
    note = "Привет, как дела?".encode()
    compact = (b"\x82\x21\x01\x08postNote" + b"\x18\x08a1b2c3d4" + b"\x21" + b"\x1c\x18" + bytes([len(note)]) + note +
               b"\x00" + b"\x0b\x90\x03\x01\x88\x04mood\x05happy" + b"\x19\x35\x02\x04\x06\x00")
    http = (b"POST /thrift HTTP/1.1\r\nHost: a.example\r\nContent-Type: application/x-thrift\r\nContent-Length: %d\r\n\r\n"
            % len(old) + old)
    for h in INSPECT:
        for c, srv in ((struct.pack(">I", len(call)) + call, struct.pack(">I", len(reply)) + reply), (old, b""),
                       (compact, b""), (http, b"")):
            put(h, bytes([1]) + struct.pack("<H", len(c)) + c + srv)

    # NATS: the client's CONNECT, SUB, PUB of JSON, HPUB with headers; the server's INFO, MSG with a reply-to
    text = "see you at the gate"
    hdr = b"NATS/1.0\r\nX-From: alice\r\n\r\n"
    pub = b'{"text":"%s"}' % text.encode()
    client = (b'CONNECT {"verbose":false,"headers":true}\r\nPING\r\nSUB chat.room.42 1\r\n' +
              b"PUB chat.room.42 %d\r\n" % len(pub) + pub + b"\r\n" +
              b"HPUB chat.room.42 _INBOX.x %d %d\r\n" % (len(hdr), len(hdr) + len(text)) + hdr + text.encode() + b"\r\n")
    server = (b'INFO {"server_id":"NDX","headers":true}\r\n+OK\r\nPONG\r\n' +
              b"MSG chat.room.42 1 _INBOX.y %d\r\n" % len(text) + text.encode() + b"\r\n")
    for h in INSPECT:
        put(h, bytes([1]) + struct.pack("<H", len(client)) + client + server)
        put(h, bytes([0]) + struct.pack("<H", len(server)) + server + client)

    # Zephyr notices (datagrams): 17 header fields with a signature and the text, 19 with the text
    # alone, a subscription, a server ack
    def znotice(count, kind, cls, opcode, body):
        fields = ["ZEPH0.2", "0x%08X" % count, "0x%08X" % kind, "0x12AB34CD 0x5E6F7A8B 0x0000C0DE", "0x1F90",
                  "0x00000000", "0x00000000", "", cls, "personal", opcode, "alice@EXAMPLE.NET", "bob@EXAMPLE.NET",
                  "Class $class:\n$1 <$sender>\n$2", "0x1A2B3C4D", "", "0x12AB34CD 0x5E6F7A8B 0x0000C0DE",
                  "0x0A000001", "0x0000006A"][:count]
        return "\0".join(fields).encode() + b"\0" + body
    for d in (znotice(17, 2, "MESSAGE", "", b"Alice P. Hacker\0are you coming to lunch?\0"),
              znotice(19, 1, "chat", "", "gleich da".encode()),
              znotice(17, 2, "ZEPHYR_CTL", "SUBSCRIBE", b"MESSAGE\0*\0%me%\0"), znotice(17, 5, "MESSAGE", "", b"SENT")):
        for h in INSPECT:
            put(h, bytes([3]) + struct.pack("<H", len(d)) + d)

    # STOMP frames and NATS lines inside WebSocket messages (masked, as a client sends them)
    def ws(opcode, payload, mask=b"\x37\xfa\x21\x3d"):
        head = bytes([0x80 | opcode]) + (bytes([0x80 | len(payload)]) if len(payload) < 126 else b"\xfe" + struct.pack(">H", len(payload)))
        return head + mask + bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
    send = b'SEND\ndestination:/topic/chat\ncontent-type:application/json\n\n{"text":"see you at nine"}\0'
    upgrade = b"GET /ws HTTP/1.1\r\nHost: chat.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    stream = upgrade + ws(1, b"CONNECT\naccept-version:1.2\n\n\0") + ws(1, send) + ws(2, b"PUB chat.x 2\r\nhi\r\n")
    for h in INSPECT:
        put(h, bytes([1]) + struct.pack("<H", len(stream)) + stream)


def file_seeds():
    for y in sorted(glob.glob(os.path.join(SRC, "tests/data/config/*.yaml")) +
                    glob.glob(os.path.join(SRC, "conf/*.yaml"))):
        put("config", b"\0" + open(y, "rb").read())
    for spec in (b"json:-", b"json:/tmp/alerts.json", b"redis://127.0.0.1:6379/0?mode=stream&key=leakwatch:alerts",
                 b"redis://user:pa%40ss@[::1]:6380/2?mode=list&key=k&maxlen=10&spool=/tmp/s",
                 b"unix:///run/redis.sock?db=3&mode=channel", b"redis://:secret@host"):
        put("config", b"\1" + spec)
    for y in sorted(glob.glob(os.path.join(SRC, "signatures/*.yaml")) +
                    glob.glob(os.path.join(SRC, "tests/data/signatures/*.yaml")) +
                    glob.glob(os.path.join(SRC, "tests/data/signatures/*/*.yaml"))):
        data = open(y, "rb").read()
        if len(data) <= 65536:
            put("signatures", data)


def quic_seeds():
    """quic: the protected Initials of tests/data/quic as sent (mode byte 0), and Initial
    plaintexts for the harness to protect (1 = v1, 3 = v2): a ClientHello with SNI in one
    CRYPTO frame, in three out of order with PING and ACK frames, and cut short."""
    for path in sorted(glob.glob(os.path.join(SRC, "tests/data/quic/*.bin"))):
        put("quic", b"\0" + open(path, "rb").read())
    name = b"mail.example.net"
    sni = struct.pack(">HHHBH", 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    body = b"\x03\x03" + bytes(range(32)) + b"\0" + b"\x00\x02\x13\x01" + b"\x01\x00"
    body += struct.pack(">H", len(sni)) + sni
    hello = b"\x01" + len(body).to_bytes(3, "big") + body

    def crypto(off, data):
        return b"\x06" + bytes([off]) + bytes([0x40 | len(data) >> 8, len(data) & 0xff]) + data
    one = crypto(0, hello)
    scattered = crypto(40, hello[40:]) + b"\x01" + b"\x02\x05\x00\x01\x00\x01\x01" + crypto(0, hello[:40])
    for mode in (1, 3):
        for plain in (one, scattered, one[:len(one) // 2], b"\x03\x05\x00\x00\x00\x01\x02\x03" + one):
            put("quic", bytes([mode]) + plain + bytes(100))


capture_seeds()
quic_seeds()
reassembly_seeds()
text_seeds()
file_seeds()
for h in ["decode", "reassembly", "json", "dns", "config", "signatures", "engine", "quic"] + INSPECT:
    print("%-18s %5d seeds" % (h, len(os.listdir(os.path.join(OUT, h)))))
