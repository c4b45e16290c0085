# flowwire: packets and captures for the flow corpus. IP/TCP/UDP packets are built with scapy
# (valid checksums); link headers and the pcap / pcapng files are written here so that two runs
# give identical bytes. Also the small encoders the cases need (HTTP, WebSocket, HTTP/2+HPACK,
# protobuf, MessagePack, CBOR, Thrift, mail) written from their public specifications.
import base64
import hashlib
import json
import struct

from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.inet6 import IPv6
from scapy.packet import Raw

US = 1000000


def is_v6(addr):
    return ':' in addr


def mac_of(addr):
    h = hashlib.sha256(addr.encode()).digest()
    return bytes([0x02]) + h[:5]


ROUTER_MAC = bytes.fromhex('02aabbcc0001')


# ------------------------------------------------------------------------- capture files
class Capture:
    """Packets of one capture file: (time in µs, IP packet bytes, sender MAC, receiver MAC)."""

    LINKS = {'eth': 1, 'vlan': 1, 'sll': 113, 'raw': 101}

    def __init__(self, name, fmt='pcap', link='eth', tsres='us'):
        self.name, self.fmt, self.link, self.tsres = name, fmt, link, tsres
        self.pkts = []

    def add(self, t_us, ip_bytes, smac, dmac, v6):
        self.pkts.append((t_us, len(self.pkts), ip_bytes, smac, dmac, v6))

    def _frame(self, ip_bytes, smac, dmac, v6):
        et = 0x86dd if v6 else 0x0800
        if self.link == 'eth':
            return dmac + smac + struct.pack('!H', et) + ip_bytes
        if self.link == 'vlan':
            return dmac + smac + struct.pack('!HHH', 0x8100, 0x0064, et) + ip_bytes
        if self.link == 'sll':
            ptype = 4 if smac != ROUTER_MAC else 0
            return struct.pack('!HHH', ptype, 1, 6) + smac + b'\0\0' + struct.pack('!H', et) + ip_bytes
        return ip_bytes

    def write(self, path):
        pkts = sorted(self.pkts, key=lambda p: (p[0], p[1]))
        frames = [(p[0], self._frame(p[2], p[3], p[4], p[5])) for p in pkts]
        with open(path, 'wb') as f:
            if self.fmt == 'pcapng':
                self._write_pcapng(f, frames)
            else:
                self._write_pcap(f, frames)

    def _write_pcap(self, f, frames):
        ns = self.tsres == 'ns'
        f.write(struct.pack('<IHHiIII', 0xa1b23c4d if ns else 0xa1b2c3d4, 2, 4, 0, 0, 262144,
                            self.LINKS[self.link]))
        for t, fr in frames:
            sub = (t % US) * 1000 if ns else t % US
            f.write(struct.pack('<IIII', t // US, sub, len(fr), len(fr)) + fr)

    def _write_pcapng(self, f, frames):
        def block(btype, body):
            pad = (-len(body)) % 4
            total = 12 + len(body) + pad
            return struct.pack('<II', btype, total) + body + b'\0' * pad + struct.pack('<I', total)

        def opt(code, val):
            return struct.pack('<HH', code, len(val)) + val + b'\0' * ((-len(val)) % 4)
        app = b'leakwatch tests/detect/flows/make_flows.py'
        f.write(block(0x0A0D0D0A, struct.pack('<IHHq', 0x1A2B3C4D, 1, 0, -1) + opt(4, app) + opt(0, b'')))
        ns = self.tsres == 'ns'
        idb_opts = opt(2, b'tap0') + (opt(9, bytes([9])) if ns else b'') + opt(0, b'')
        f.write(block(1, struct.pack('<HHI', self.LINKS[self.link], 0, 262144) + idb_opts))
        for t, fr in frames:
            ts = t * 1000 if ns else t
            body = struct.pack('<IIIII', 0, ts >> 32, ts & 0xffffffff, len(fr), len(fr))
            body += fr + b'\0' * ((-len(fr)) % 4)
            f.write(block(6, body))


# ------------------------------------------------------------------------- flows
class Endpoint:
    def __init__(self, ip, port, home):
        self.ip, self.port, self.home = ip, port, home
        self.mac = mac_of(ip) if home else ROUTER_MAC
        self.ipid = int.from_bytes(hashlib.sha256(('id' + ip + str(port)).encode()).digest()[:2], 'big')
        self.ttl = 64 if home else 51


class Flow:
    """Common part of TCP and UDP flows: endpoints, clock (µs), the capture, visibility."""

    def __init__(self, cap, cli, srv, t, rtt=0.04, half=None):
        self.cap, self.c, self.s = cap, cli, srv
        self.t = int(t * US) if isinstance(t, float) else t
        self.rtt = int(rtt * US)
        self.half = half            # None, 'client' or 'server': which sender's packets are kept
        self.label = None
        self.proto = 'tcp'

    def _ip(self, src, dst, l4):
        if is_v6(src.ip):
            return IPv6(src=src.ip, dst=dst.ip, hlim=src.ttl) / l4
        src.ipid = (src.ipid + 1) & 0xffff
        return IP(src=src.ip, dst=dst.ip, id=src.ipid, flags='DF' if self.proto == 'tcp' else 0,
                  ttl=src.ttl) / l4

    def _emit(self, t, src, dst, l4):
        if self.half == 'client' and src is not self.c:
            return
        if self.half == 'server' and src is not self.s:
            return
        self.cap.add(t, bytes(self._ip(src, dst, l4)), src.mac, dst.mac, is_v6(src.ip))

    def latency(self, sender):
        """Delay between a packet and the earliest reply the tap can see from the other end."""
        receiver = self.s if sender is self.c else self.c
        return 150 if receiver.home else self.rtt

    def spec(self):
        def hp(e):
            return ('[%s]' % e.ip if is_v6(e.ip) else e.ip) + ':%d' % e.port
        return '%s>%s/%s' % (hp(self.c), hp(self.s), self.proto)

    def end_time(self):
        return self.t


class TcpFlow(Flow):
    def __init__(self, cap, cli, srv, t, rng, rtt=0.04, handshake=True, half=None, mss=1380):
        super().__init__(cap, cli, srv, t, rtt, half)
        self.seq = {id(cli): rng.getrandbits(32), id(srv): rng.getrandbits(32)}
        self.mss = mss
        self.pending = None         # (who should ack, time)
        self.win = {id(cli): 64240, id(srv): 65160}
        if handshake:
            self._handshake()
        self.win = {id(cli): 502, id(srv): 509}     # x128 after window scaling

    def _peer(self, who):
        return self.s if who is self.c else self.c

    def _seg(self, t, src, flags, data=b'', opts=None):
        dst = self._peer(src)
        l4 = TCP(sport=src.port, dport=dst.port, seq=self.seq[id(src)], ack=self.seq[id(dst)] if 'A' in flags else 0,
                 flags=flags, window=self.win[id(src)], options=opts or [])
        if data:
            l4 = l4 / Raw(data)
        self._emit(t, src, dst, l4)
        self.seq[id(src)] = (self.seq[id(src)] + len(data) + (1 if ('S' in flags or 'F' in flags) else 0)) & 0xffffffff

    def _handshake(self):
        c, s = self.c, self.s
        self._seg(self.t, c, 'S', opts=[('MSS', 1460), ('SAckOK', b''), ('WScale', 7)])
        self.t += self.latency(c)
        self._seg(self.t, s, 'SA', opts=[('MSS', 1400), ('SAckOK', b''), ('WScale', 7)])
        self.t += self.latency(s)
        self._seg(self.t, c, 'A')

    def _flush_ack(self, who, t):
        if self.pending:
            acker, ta = self.pending
            self.pending = None
            if acker is who and t - ta < 200000:
                return              # the data itself carries the acknowledgement
            self._seg(min(ta, t - 1), acker, 'A')

    def send(self, who, data, think=None):
        """who ('c' or 's') sends data `think` seconds after the previous packet."""
        src = self.c if who == 'c' else self.s
        if think is None:
            think = self.latency(self._peer(src)) / US + 0.0004
        t = self.t + int(think * US)
        self._flush_ack(src, t)
        for i in range(0, len(data), self.mss):
            chunk = data[i:i + self.mss]
            last = i + self.mss >= len(data)
            self._seg(t, src, 'PA' if last else 'A', chunk)
            t += 120 if src.home else 900
        self.t = t
        self.pending = (self._peer(src), t + self.latency(src))
        return self

    def c_(self, data, think=None):
        return self.send('c', data, think)

    def s_(self, data, think=None):
        return self.send('s', data, think)

    def close(self, who='c', think=0.05):
        src = self.c if who == 'c' else self.s
        t = self.t + int(think * US)
        self._flush_ack(None, t)
        self._seg(t, src, 'FA')
        t += self.latency(src)
        peer = self._peer(src)
        self._seg(t, peer, 'FA')
        t += self.latency(peer)
        self._seg(t, src, 'A')
        self.t = t
        return self

    def cut(self):
        """The capture ends with the flow still open (partial captures)."""
        if self.pending:
            acker, ta = self.pending
            self.pending = None
            self._seg(ta, acker, 'A')
            self.t = ta
        return self


class UdpFlow(Flow):
    def __init__(self, cap, cli, srv, t, rtt=0.04, half=None):
        super().__init__(cap, cli, srv, t, rtt, half)
        self.proto = 'udp'

    def send(self, who, data, think=None):
        src = self.c if who == 'c' else self.s
        dst = self.s if who == 'c' else self.c
        if think is None:
            think = self.latency(dst) / US + 0.0003
        self.t += int(think * US)
        self._emit(self.t, src, dst, UDP(sport=src.port, dport=dst.port) / Raw(data))
        return self

    def c_(self, data, think=None):
        return self.send('c', data, think)

    def s_(self, data, think=None):
        return self.send('s', data, think)


# ------------------------------------------------------------------------- HTTP and JSON
def jdump(obj, ascii_=False):
    return json.dumps(obj, ensure_ascii=ascii_, separators=(',', ':')).encode()


def http_req(method, path, host, headers=(), body=b'', ctype=None):
    h = ['%s %s HTTP/1.1' % (method, path), 'Host: ' + host]
    h += list(headers)
    if ctype:
        h.append('Content-Type: ' + ctype)
    if body or method in ('POST', 'PUT', 'PATCH'):
        h.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(h) + '\r\n\r\n').encode() + body


def http_resp(status, body=b'', ctype='application/json', headers=(), chunked=False):
    reason = {200: 'OK', 201: 'Created', 202: 'Accepted', 207: 'Multi-Status', 204: 'No Content', 400: 'Bad Request',
              401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
              429: 'Too Many Requests', 101: 'Switching Protocols', 500: 'Internal Server Error'}[status]
    h = ['HTTP/1.1 %d %s' % (status, reason), 'Date: Mon, 03 Mar 2025 09:00:00 GMT']
    if ctype and status not in (101, 204):
        h.append('Content-Type: ' + ctype)
    h += list(headers)
    if status in (101, 204):
        return ('\r\n'.join(h) + '\r\n\r\n').encode()
    if chunked:
        h.append('Transfer-Encoding: chunked')
        out = b''
        for i in range(0, len(body), 300):
            part = body[i:i + 300]
            out += b'%x\r\n' % len(part) + part + b'\r\n'
        return ('\r\n'.join(h) + '\r\n\r\n').encode() + out + b'0\r\n\r\n'
    h.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(h) + '\r\n\r\n').encode() + body


def urlenc(s):
    out = []
    for b in s.encode():
        c = chr(b)
        if c.isalnum() and b < 128 or c in '-._~':
            out.append(c)
        elif c == ' ':
            out.append('+')
        else:
            out.append('%%%02X' % b)
    return ''.join(out)


def form(pairs):
    return '&'.join('%s=%s' % (urlenc(k), urlenc(v)) for k, v in pairs).encode()


# ------------------------------------------------------------------------- WebSocket
def ws_frame(payload, opcode=1, mask=None, fin=True):
    if isinstance(payload, str):
        payload = payload.encode()
    b0 = (0x80 if fin else 0) | opcode
    n = len(payload)
    mbit = 0x80 if mask else 0
    if n < 126:
        hdr = bytes([b0, mbit | n])
    elif n < 65536:
        hdr = bytes([b0, mbit | 126]) + struct.pack('!H', n)
    else:
        hdr = bytes([b0, mbit | 127]) + struct.pack('!Q', n)
    if mask:
        payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        return hdr + mask + payload
    return hdr + payload


def ws_upgrade(path, host, rng, protocol=None, extra=()):
    key = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(16))).decode()
    hdrs = ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Key: ' + key,
            'Sec-WebSocket-Version: 13', 'Origin: http://%s' % host] + list(extra)
    if protocol:
        hdrs.append('Sec-WebSocket-Protocol: ' + protocol)
    acc = base64.b64encode(hashlib.sha1((key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').encode()).digest()).decode()
    rh = ['Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Accept: ' + acc]
    if protocol:
        rh.append('Sec-WebSocket-Protocol: ' + protocol)
    return http_req('GET', path, host, hdrs), http_resp(101, headers=rh)


# ------------------------------------------------------------------------- protobuf
def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7f
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def pb(fields):
    """fields: list of (number, value); str/bytes -> length-delimited, int -> varint,
    float -> fixed64 double, list -> nested message."""
    out = b''
    for num, v in fields:
        if isinstance(v, bool) or isinstance(v, int):
            out += varint(num << 3) + varint(v)
        elif isinstance(v, float):
            out += varint(num << 3 | 1) + struct.pack('<d', v)
        else:
            if isinstance(v, str):
                v = v.encode()
            elif isinstance(v, list):
                v = pb(v)
            out += varint(num << 3 | 2) + varint(len(v)) + v
    return out


def grpc_msg(msg):
    return b'\0' + struct.pack('!I', len(msg)) + msg


# ------------------------------------------------------------------------- MessagePack
def msgpack(o):
    if o is None:
        return b'\xc0'
    if o is True:
        return b'\xc3'
    if o is False:
        return b'\xc2'
    if isinstance(o, int):
        if 0 <= o < 128:
            return bytes([o])
        if -32 <= o < 0:
            return struct.pack('b', o)
        if 0 <= o < 1 << 16:
            return b'\xcd' + struct.pack('!H', o)
        if 0 <= o < 1 << 32:
            return b'\xce' + struct.pack('!I', o)
        return b'\xd3' + struct.pack('!q', o)
    if isinstance(o, float):
        return b'\xcb' + struct.pack('!d', o)
    if isinstance(o, str):
        b = o.encode()
        n = len(b)
        if n < 32:
            return bytes([0xa0 | n]) + b
        if n < 256:
            return b'\xd9' + bytes([n]) + b
        return b'\xda' + struct.pack('!H', n) + b
    if isinstance(o, bytes):
        return b'\xc4' + bytes([len(o)]) + o
    if isinstance(o, (list, tuple)):
        hdr = bytes([0x90 | len(o)]) if len(o) < 16 else b'\xdc' + struct.pack('!H', len(o))
        return hdr + b''.join(msgpack(x) for x in o)
    if isinstance(o, dict):
        hdr = bytes([0x80 | len(o)]) if len(o) < 16 else b'\xde' + struct.pack('!H', len(o))
        return hdr + b''.join(msgpack(k) + msgpack(v) for k, v in o.items())
    raise TypeError(type(o))


# ------------------------------------------------------------------------- CBOR (RFC 8949)
def _cbor_head(major, n):
    if n < 24:
        return bytes([major << 5 | n])
    if n < 256:
        return bytes([major << 5 | 24, n])
    if n < 65536:
        return bytes([major << 5 | 25]) + struct.pack('!H', n)
    if n < 1 << 32:
        return bytes([major << 5 | 26]) + struct.pack('!I', n)
    return bytes([major << 5 | 27]) + struct.pack('!Q', n)


def cbor(o):
    if o is None:
        return b'\xf6'
    if o is True:
        return b'\xf5'
    if o is False:
        return b'\xf4'
    if isinstance(o, int):
        return _cbor_head(0, o) if o >= 0 else _cbor_head(1, -1 - o)
    if isinstance(o, float):
        return b'\xfb' + struct.pack('!d', o)
    if isinstance(o, bytes):
        return _cbor_head(2, len(o)) + o
    if isinstance(o, str):
        b = o.encode()
        return _cbor_head(3, len(b)) + b
    if isinstance(o, (list, tuple)):
        return _cbor_head(4, len(o)) + b''.join(cbor(x) for x in o)
    if isinstance(o, dict):
        return _cbor_head(5, len(o)) + b''.join(cbor(k) + cbor(v) for k, v in o.items())
    raise TypeError(type(o))


# ------------------------------------------------------------------------- Thrift
T_STOP, T_BOOL, T_I32, T_I64, T_STRING, T_STRUCT, T_LIST = 0, 2, 8, 10, 11, 12, 15


def thrift_bin_struct(fields):
    """fields: list of (id, type, value) in the binary protocol."""
    out = b''
    for fid, ty, v in fields:
        out += struct.pack('!bh', ty, fid)
        if ty == T_STRING:
            b = v.encode() if isinstance(v, str) else v
            out += struct.pack('!i', len(b)) + b
        elif ty == T_I32:
            out += struct.pack('!i', v)
        elif ty == T_I64:
            out += struct.pack('!q', v)
        elif ty == T_BOOL:
            out += bytes([1 if v else 0])
        elif ty == T_STRUCT:
            out += thrift_bin_struct(v)
    return out + b'\0'


def thrift_bin_call(name, seqid, fields, mtype=1):
    n = name.encode()
    return struct.pack('!I', 0x80010000 | mtype) + struct.pack('!i', len(n)) + n + struct.pack('!i', seqid) + \
        thrift_bin_struct(fields)


def _zigzag(n):
    return (n << 1) ^ (n >> 63)


def thrift_compact_struct(fields):
    ctype = {T_STRING: 8, T_I32: 5, T_I64: 6, T_BOOL: 1, T_STRUCT: 12}
    out, last = b'', 0
    for fid, ty, v in fields:
        ct = ctype[ty]
        if ty == T_BOOL:
            ct = 1 if v else 2
        delta = fid - last
        out += bytes([delta << 4 | ct]) if 0 < delta <= 15 else bytes([ct]) + varint(_zigzag(fid))
        last = fid
        if ty == T_STRING:
            b = v.encode() if isinstance(v, str) else v
            out += varint(len(b)) + b
        elif ty in (T_I32, T_I64):
            out += varint(_zigzag(v))
        elif ty == T_STRUCT:
            out += thrift_compact_struct(v)
    return out + b'\0'


def thrift_compact_call(name, seqid, fields, mtype=1):
    n = name.encode()
    return bytes([0x82, (mtype << 5) | 1]) + varint(seqid) + varint(len(n)) + n + thrift_compact_struct(fields)


# ------------------------------------------------------------------------- HTTP/2 (RFC 9113, HPACK RFC 7541)
H2_PREFACE = b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'


def h2_frame(ftype, flags, stream, payload):
    return struct.pack('!I', len(payload))[1:] + bytes([ftype, flags]) + struct.pack('!I', stream) + payload


def hpack_int(n, prefix_bits, first):
    limit = (1 << prefix_bits) - 1
    if n < limit:
        return bytes([first | n])
    out = bytearray([first | limit])
    n -= limit
    while n >= 128:
        out.append(n % 128 + 128)
        n //= 128
    out.append(n)
    return bytes(out)


def hpack(headers):
    """Literal header fields without indexing, new names, no Huffman (RFC 7541 6.2.2)."""
    out = b''
    static = {':method': 2, ':path': 4, ':scheme': 6, ':status': 8, ':authority': 1}
    for k, v in headers:
        kb, vb = k.encode(), v.encode()
        if k in static:
            out += hpack_int(static[k], 4, 0x00)
        else:
            out += b'\x00' + hpack_int(len(kb), 7, 0) + kb
        out += hpack_int(len(vb), 7, 0) + vb
    return out


def h2_settings(ack=False):
    return h2_frame(4, 1, 0, b'') if ack else h2_frame(4, 0, 0, struct.pack('!HI', 3, 100) + struct.pack('!HI', 4, 65535))


# ------------------------------------------------------------------------- mail (RFC 5322, 2045, 2047)
def rfc2047(s, charset='utf-8'):
    try:
        s.encode('ascii')
        return s
    except UnicodeEncodeError:
        return '=?%s?B?%s?=' % (charset.upper(), base64.b64encode(s.encode(charset)).decode())


def qp(b):
    out, line = [], ''
    for byte in b:
        c = chr(byte)
        if c == '\n':
            out.append(line)
            line = ''
            continue
        enc = c if (33 <= byte <= 126 and c != '=') or c == ' ' else '=%02X' % byte
        if len(line) + len(enc) > 73:
            out.append(line + '=')
            line = ''
        line += enc
    out.append(line)
    return '\r\n'.join(out)


def mail(frm, to, subject, body, date, msgid, charset='utf-8', cte='8bit', extra=()):
    """An RFC 5322 message as bytes (CRLF lines), the body in the given charset and encoding."""
    raw = body.encode(charset)
    if cte == 'base64':
        b64 = base64.b64encode(raw).decode()
        enc = '\r\n'.join(b64[i:i + 76] for i in range(0, len(b64), 76))
    elif cte == 'quoted-printable':
        enc = qp(raw)
    else:
        enc = None
    hdr = ['From: %s' % frm, 'To: %s' % to, 'Subject: %s' % rfc2047(subject, 'utf-8'), 'Date: %s' % date,
           'Message-ID: <%s>' % msgid, 'MIME-Version: 1.0',
           'Content-Type: text/plain; charset=%s' % charset, 'Content-Transfer-Encoding: %s' % cte] + list(extra)
    head = '\r\n'.join(hdr).encode() + b'\r\n\r\n'
    if enc is None:
        return head + raw.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n') + b'\r\n'
    return head + enc.encode() + b'\r\n'


def dot_stuff(msg):
    lines = msg.split(b'\r\n')
    return b'\r\n'.join(b'.' + ln if ln.startswith(b'.') else ln for ln in lines)
