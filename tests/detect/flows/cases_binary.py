# cases_binary: human text inside binary framing: protobuf (plain, gRPC over h2c, gRPC-web),
# MessagePack, SignalR (JSON and MessagePack hub protocols), CBOR, Thrift (binary and compact),
# UTF-16 strings, length-prefixed and TLV records of legacy IM and SMS gateways (OSCAR/AIM and ICQ
# ICBM, MSNP MSG, YMSG, Gadu-Gadu, SMPP submit_sm/deliver_sm, UCP/EMI). Written from the public
# protocol descriptions. Negatives: the same framings carrying telemetry, presence, keepalives,
# profiles, one-time codes.
import base64
import struct

import caselib as C
import flowtexts as T
import flowwire as W

FAM = 'binary-framing'
U = 'unfamiliar'


def _mask(k):
    return bytes(k.rng.getrandbits(8) for _ in range(4))


# ------------------------------------------------------------------------- protobuf family
def protobuf_http(k):
    f = k.tcp(80)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        msg = W.pb([(1, 'c-' + k.hexid(10)), (2, k.epoch_ms(f)), (3, text), (4, [(1, k.hexid(16)), (2, 3)])])
        f.c_(W.http_req('POST', '/v1/conversations/send', k.host(), [C.ua(k), 'Authorization: Bearer ' + k.hexid(40)],
                        msg, 'application/x-protobuf'), think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(200, W.pb([(1, k.hexid(12)), (2, k.epoch_ms(f))]), 'application/x-protobuf'))
    f.close()
    return C.pos('to_server', 'protobuf message over HTTP/1.1')


def _h2_open(k, f, path, host):
    f.c_(W.H2_PREFACE + W.h2_settings(), think=0.01)
    f.s_(W.h2_settings() + W.h2_settings(ack=True))
    f.c_(W.h2_settings(ack=True), think=0.001)
    hdr = W.hpack([(':method', 'POST'), (':scheme', 'http'), (':path', path), (':authority', host),
                   ('content-type', 'application/grpc'), ('te', 'trailers'), ('grpc-timeout', '10S'),
                   ('user-agent', 'grpc-java-okhttp/1.62.2')])
    return W.h2_frame(1, 0x4, 1, hdr)


def grpc_h2c(k):
    f = k.tcp(k.pick([50051, 8080, 9000]))
    host = k.host()
    recv = k.var % 3 == 2
    if not recv:
        texts = k.lines(1)
        hdr = _h2_open(k, f, '/chat.v1.Messenger/SendMessage', host)
        req = W.grpc_msg(W.pb([(1, 'room-' + k.hexid(6)), (2, [(1, texts[0]), (3, k.epoch_ms(f))])]))
        f.c_(hdr + W.h2_frame(0, 0x1, 1, req), think=0.002)
        f.s_(W.h2_frame(1, 0x4, 1, W.hpack([(':status', '200'), ('content-type', 'application/grpc')])) +
             W.h2_frame(0, 0, 1, W.grpc_msg(W.pb([(1, k.hexid(12))]))) +
             W.h2_frame(1, 0x5, 1, W.hpack([('grpc-status', '0')])))
        d = 'to_server'
    else:
        hdr = _h2_open(k, f, '/chat.v1.Messenger/Subscribe', host)
        f.c_(hdr + W.h2_frame(0, 0x1, 1, W.grpc_msg(W.pb([(1, 'room-' + k.hexid(6))]))), think=0.002)
        f.s_(W.h2_frame(1, 0x4, 1, W.hpack([(':status', '200'), ('content-type', 'application/grpc')])))
        for text in k.lines(k.rng.randrange(2, 4)):
            f.s_(W.h2_frame(0, 0, 1, W.grpc_msg(W.pb([(1, k.hexid(8)), (2, [(1, text), (3, k.epoch_ms(f))])]))),
                 think=k.human())
        f.s_(W.h2_frame(1, 0x5, 1, W.hpack([('grpc-status', '0')])), think=2)
        d = 'to_client'
    f.close()
    return C.pos(d, 'gRPC over cleartext HTTP/2 (h2c), %s' % ('server stream' if recv else 'unary send'))


def grpc_web(k):
    f = k.tcp(8080)
    text_mode = k.var % 2 == 1
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        body = W.grpc_msg(W.pb([(1, k.hexid(8)), (2, text)]))
        ctype = 'application/grpc-web-text' if text_mode else 'application/grpc-web+proto'
        if text_mode:
            body = base64.b64encode(body)
        f.c_(W.http_req('POST', '/chat.ChatService/PostMessage', k.host(),
                        [C.ua(k), 'X-Grpc-Web: 1', 'X-User-Agent: grpc-web-javascript/0.1'], body, ctype),
             think=0.01 if i == 0 else k.human())
        rb = W.grpc_msg(W.pb([(1, k.hexid(12))]))
        trailer = b'grpc-status:0\r\ngrpc-message:\r\n'
        rb += b'\x80' + struct.pack('!I', len(trailer)) + trailer
        f.s_(W.http_resp(200, base64.b64encode(rb) if text_mode else rb, ctype))
    f.close()
    return C.pos('to_server', 'gRPC-web over HTTP/1.1%s' % (' (base64 text mode)' if text_mode else ''))


def protobuf_ws(k):
    f = k.tcp(80)
    req, resp = W.ws_upgrade('/socket', k.host(), k.rng, 'v3.chat.proto')
    f.c_(req, think=0.01)
    f.s_(resp)
    for text in k.lines(k.rng.randrange(2, 4)):
        env = W.pb([(1, 2), (2, k.rng.randrange(1, 10 ** 6)), (5, [(1, 'g-' + k.hexid(8)), (4, text), (6, k.epoch_ms(f))])])
        f.c_(W.ws_frame(env, 2, _mask(k)), think=k.human())
        f.s_(W.ws_frame(W.pb([(1, 3), (2, k.rng.randrange(1, 10 ** 6))]), 2))
    f.close()
    return C.pos('to_server', 'protobuf envelopes in masked binary WebSocket frames')


# ------------------------------------------------------------------------- MessagePack, CBOR
def msgpack_http(k):
    f = k.tcp(80)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        body = W.msgpack({'t': 'msg', 'room': k.rng.randrange(100, 999), 'body': text, 'ts': k.epoch_ms(f)})
        f.c_(W.http_req('POST', '/m', k.host(), [C.ua(k)], body, k.pick(['application/msgpack', 'application/x-msgpack'])),
             think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(200, W.msgpack({'ok': True}), 'application/msgpack'))
    f.close()
    return C.pos('to_server', 'MessagePack map over HTTP')


def msgpack_ws(k):
    f = k.tcp(80)
    req, resp = W.ws_upgrade('/live', k.host(), k.rng)
    f.c_(req, think=0.01)
    f.s_(resp)
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(2, 4)):
        arr = [2, 'room-%d' % k.rng.randrange(10, 99), text, k.epoch_ms(f)]
        if recv:
            f.s_(W.ws_frame(W.msgpack(arr + [k.handle()]), 2), think=k.human())
        else:
            f.c_(W.ws_frame(W.msgpack(arr), 2, _mask(k)), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MessagePack arrays in binary WebSocket frames')


def cbor_http(k):
    f = k.tcp(80)
    text = k.line() if k.var % 2 else k.longmsg(2)
    f.c_(W.http_req('POST', '/api/m', k.host(), [C.ua(k)],
                    W.cbor({'room': k.hexid(6), 'msg': text, 'ts': k.epoch_ms(f) // 1000, 'att': None}), 'application/cbor'),
         think=0.01)
    f.s_(W.http_resp(201, W.cbor({'id': k.rng.randrange(10 ** 6)}), 'application/cbor'))
    f.close()
    return C.pos('to_server', 'CBOR map over HTTP')


# ------------------------------------------------------------------------- SignalR
def _signalr_open(k, f, proto):
    host = k.host()
    tok = base64.b64encode(bytes(k.rng.getrandbits(8) for _ in range(16))).decode().rstrip('=')
    f.c_(W.http_req('POST', '/chathub/negotiate?negotiateVersion=1', host, [C.ua(k), 'X-Requested-With: XMLHttpRequest']),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'negotiateVersion': 1, 'connectionId': k.hexid(22), 'connectionToken': tok,
                                   'availableTransports': [{'transport': 'WebSockets', 'transferFormats': ['Text', 'Binary']}]})))
    req, resp = W.ws_upgrade('/chathub?id=' + tok, host, k.rng)
    f.c_(req, think=0.005)
    f.s_(resp)
    f.c_(W.ws_frame(W.jdump({'protocol': proto, 'version': 1}) + b'\x1e', 1, _mask(k)), think=0.002)
    f.s_(W.ws_frame(b'{}\x1e'))


def signalr_json(k):
    f = k.tcp(80)
    _signalr_open(k, f, 'json')
    user = k.name()
    recv = k.var % 3 == 2
    for text in k.lines(k.rng.randrange(1, 4)):
        if recv:
            f.s_(W.ws_frame(W.jdump({'type': 1, 'target': 'ReceiveMessage', 'arguments': [k.name(), text]}) + b'\x1e'),
                 think=k.human())
        else:
            f.c_(W.ws_frame(W.jdump({'type': 1, 'invocationId': str(k.rng.randrange(9)), 'target': 'SendMessage',
                                     'arguments': [user, text]}) + b'\x1e', 1, _mask(k)), think=k.human())
            f.s_(W.ws_frame(b'{"type":3,"invocationId":"0","result":null}\x1e'))
    f.s_(W.ws_frame(b'{"type":6}\x1e'), think=15)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'SignalR JSON hub protocol over WebSocket')


def signalr_msgpack(k):
    f = k.tcp(80)
    _signalr_open(k, f, 'messagepack')
    user = k.handle()
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        if recv:
            m = W.msgpack([1, {}, None, 'ReceiveMessage', [k.handle(), text], []])
            f.s_(W.ws_frame(W.varint(len(m)) + m, 2), think=k.human())
        else:
            m = W.msgpack([1, {}, None, 'SendMessage', [user, text], []])
            f.c_(W.ws_frame(W.varint(len(m)) + m, 2, _mask(k)), think=k.human())
    p = W.msgpack([6])
    f.s_(W.ws_frame(W.varint(len(p)) + p, 2), think=15)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'SignalR MessagePack hub protocol (varint-prefixed)')


# ------------------------------------------------------------------------- Thrift
def thrift_binary(k):
    f = k.tcp(9090)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        call = W.thrift_bin_call('sendMessage', i + 1, [(1, W.T_STRING, 'conv-' + k.hexid(8)),
                                                       (2, W.T_STRUCT, [(1, W.T_STRING, text), (2, W.T_I64, k.epoch_ms(f))])])
        f.c_(struct.pack('!I', len(call)) + call, think=0.01 if i == 0 else k.human())
        rep = W.thrift_bin_call('sendMessage', i + 1, [(0, W.T_I64, k.rng.getrandbits(40))], mtype=2)
        f.s_(struct.pack('!I', len(rep)) + rep)
    f.close()
    return C.pos('to_server', 'Thrift binary protocol, framed transport')


def thrift_compact(k):
    f = k.tcp(80)
    text = k.line()
    call = W.thrift_compact_call('postNote', 1, [(1, W.T_STRING, k.hexid(8)), (3, W.T_STRING, text), (4, W.T_I32, 2)])
    f.c_(W.http_req('POST', '/thrift/messaging', k.host(), [C.ua(k)], call, 'application/x-thrift'), think=0.01)
    f.s_(W.http_resp(200, W.thrift_compact_call('postNote', 1, [(0, W.T_BOOL, True)], mtype=2), 'application/x-thrift'))
    f.close()
    return C.pos('to_server', 'Thrift compact protocol over HTTP')


# ------------------------------------------------------------------------- UTF-16
def utf16_json(k):
    f = k.tcp(80)
    be = k.var % 3 == 2
    text = k.line()
    doc = '\ufeff' + W.jdump({'recipient': k.hexid(8), 'text': text}).decode()
    body = doc.encode('utf-16-be' if be else 'utf-16-le')
    f.c_(W.http_req('POST', '/Messaging/Send.ashx', k.host(), ['User-Agent: LegacyClient/2.0 (Windows NT 6.1)'], body,
                    'application/json; charset=utf-16'), think=0.01)
    f.s_(W.http_resp(200, '\ufeff{"ok":true}'.encode('utf-16-le'), 'application/json; charset=utf-16'))
    f.close()
    return C.pos('to_server', 'JSON body in UTF-16%s' % ('BE' if be else 'LE'))


def utf16_tlv(k):
    f = k.tcp(6100)
    me = k.rng.randrange(10 ** 5, 10 ** 6)

    def rec(typ, payload):
        return struct.pack('<BH', typ, len(payload)) + payload
    f.c_(b'LMSG' + struct.pack('<HH', 3, 0) + rec(1, struct.pack('<I', me)) + rec(2, 'laptop'.encode('utf-16-le')),
         think=0.01)
    f.s_(b'LMSG' + struct.pack('<HH', 3, 1) + rec(0x7f, struct.pack('<I', 0)))
    mode = k.var % 3
    for text in k.lines(k.rng.randrange(2, 4)):
        mine = mode == 0 or (mode == 2 and k.rng.random() < 0.5)
        body = rec(1, struct.pack('<I', me if mine else me + 7)) + rec(5, struct.pack('<I', k.epoch_ms(f) // 1000)) + \
            rec(0x10, text.encode('utf-16-le'))
        pkt = b'LMSG' + struct.pack('<HH', 3, 0x20) + body
        if mine:
            f.c_(pkt, think=k.human())
            f.s_(b'LMSG' + struct.pack('<HH', 3, 0x21))
        else:
            f.s_(pkt, think=k.human())
            f.c_(b'LMSG' + struct.pack('<HH', 3, 0x21), think=0.002)
    f.close()
    return C.pos(['to_server', 'to_client', '-'][mode], 'custom TLV records with UTF-16LE text')


def lp_utf8(k):
    f = k.tcp(7777)
    seq = 0
    for text in k.lines(k.rng.randrange(2, 4)):
        seq += 1
        b = text.encode()
        rec = struct.pack('!BHI', 0x21, seq, k.epoch_ms(f) // 1000) + struct.pack('!H', len(b)) + b + \
            struct.pack('!BB', 0x05, 0)
        f.c_(struct.pack('!I', len(rec)) + rec, think=k.human())
        f.s_(struct.pack('!IBH', 3, 0x22, seq))
    f.close()
    return C.pos('to_server', '4-byte length-prefixed records with a UTF-8 text field')


# ------------------------------------------------------------------------- OSCAR (AIM, ICQ)
class Oscar:
    def __init__(self, k):
        self.k = k
        self.seq = {'c': k.rng.randrange(0, 0x7fff), 's': k.rng.randrange(0, 0x7fff)}
        self.req = 1

    def flap(self, who, chan, data):
        self.seq[who] = (self.seq[who] + 1) & 0xffff
        return struct.pack('!cBHH', b'*', chan, self.seq[who], len(data)) + data

    def snac(self, who, fam, sub, data):
        self.req += 1
        return self.flap(who, 2, struct.pack('!HHHI', fam, sub, 0, self.req) + data)


def tlv(t, v):
    return struct.pack('!HH', t, len(v)) + v


def icbm_text(text, charset):
    if charset == 2:
        enc = text.encode('utf-16-be')
    elif charset == 3:
        enc = text.encode('latin-1')
    else:
        enc = text.encode('ascii')
    frag1 = b'\x05\x01' + struct.pack('!H', 3) + b'\x01\x01\x02'
    frag2 = b'\x01\x01' + struct.pack('!H', 4 + len(enc)) + struct.pack('!HH', charset, 0) + enc
    return tlv(2, frag1 + frag2)


def _charset(text):
    if text.isascii():
        return 0
    try:
        text.encode('latin-1')
        return 3
    except UnicodeEncodeError:
        return 2


def oscar_im(k):
    icq = k.var % 3 == 2
    f = k.tcp(5190 if k.var % 4 != 1 else 443)
    o = Oscar(k)
    me = str(k.rng.randrange(10 ** 7, 10 ** 9)) if icq else k.handle() + str(k.rng.randrange(10, 99))
    buddy = str(k.rng.randrange(10 ** 7, 10 ** 9)) if icq else k.handle() + 'x'
    f.s_(o.flap('s', 1, b'\0\0\0\1'))
    f.c_(o.flap('c', 1, b'\0\0\0\1' + tlv(6, bytes(k.rng.getrandbits(8) for _ in range(256)))), think=0.01)
    f.s_(o.snac('s', 1, 3, struct.pack('!9H', 1, 2, 3, 4, 6, 8, 9, 0x13, 0x15)))
    f.c_(o.snac('c', 1, 0x17, struct.pack('!8H', 1, 4, 2, 1, 3, 1, 4, 1)), think=0.002)
    f.s_(o.snac('s', 1, 0x18, struct.pack('!8H', 1, 4, 2, 1, 3, 1, 4, 1)))
    f.c_(o.snac('c', 1, 2, struct.pack('!4H', 1, 4, 0x0110, 0x08e5)), think=0.002)
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        cs = 2 if icq and not text.isascii() else _charset(text)
        body = icbm_text('<HTML><BODY>%s</BODY></HTML>' % text if (not icq and cs == 0) else text, cs)
        cookie = bytes(k.rng.getrandbits(8) for _ in range(8))
        if recv:
            data = cookie + struct.pack('!H', 1) + bytes([len(buddy)]) + buddy.encode() + struct.pack('!HH', 0, 2) + \
                tlv(1, b'\0\x10') + tlv(6, b'\0\0\0\0') + body
            f.s_(o.snac('s', 4, 7, data), think=k.human())
        else:
            data = cookie + struct.pack('!H', 1) + bytes([len(buddy)]) + buddy.encode() + body + tlv(3, b'') + tlv(6, b'')
            f.c_(o.snac('c', 4, 6, data), think=k.human())
            f.s_(o.snac('s', 4, 0x0c, cookie + struct.pack('!H', 1) + bytes([len(buddy)]) + buddy.encode()))
    f.c_(o.flap('c', 5, b''), think=20)
    f.close()
    return C.pos('to_client' if recv else 'to_server', '%s ICBM channel 1 (FLAP/SNAC/TLV)%s' % (
        'ICQ' if icq else 'AIM', ', port 443 cleartext' if f.s.port == 443 else ''))


# ------------------------------------------------------------------------- MSNP, YMSG, Gadu-Gadu
def msnp_sb(k):
    f = k.tcp(1863)
    me, peer = k.handles2()
    me, peer = me + '@example.com', peer + '@example.net'
    f.c_(b'USR 1 %s %d.%d\r\n' % (me.encode(), k.rng.randrange(10 ** 7, 10 ** 8), k.rng.randrange(10 ** 9, 10 ** 10)),
         think=0.01)
    f.s_(b'USR 1 OK %s %s\r\n' % (me.encode(), k.name().encode()))
    f.c_(b'CAL 2 %s\r\n' % peer.encode(), think=0.002)
    f.s_(b'CAL 2 RINGING %d\r\n' % k.rng.randrange(10 ** 6, 10 ** 7))
    f.s_(b'JOI %s %s\r\n' % (peer.encode(), b'Buddy'), think=1.5)
    hdr = b'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Segoe%20UI; EF=; CO=0; CS=1; PF=0\r\n\r\n'
    tr = 3
    recv = k.var % 3 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        typing = b'MIME-Version: 1.0\r\nContent-Type: text/x-msmsgscontrol\r\nTypingUser: %s\r\n\r\n\r\n'
        if recv:
            t = typing % peer.encode()
            f.s_(b'MSG %s Buddy %d\r\n' % (peer.encode(), len(t)) + t, think=k.human(2, 10))
            p = hdr + text.encode()
            f.s_(b'MSG %s Buddy %d\r\n' % (peer.encode(), len(p)) + p, think=k.human(1, 6))
        else:
            t = typing % me.encode()
            f.c_(b'MSG %d U %d\r\n' % (tr, len(t)) + t, think=k.human(2, 10))
            tr += 1
            p = hdr + text.encode()
            f.c_(b'MSG %d A %d\r\n' % (tr, len(p)) + p, think=k.human(1, 6))
            f.s_(b'ACK %d\r\n' % tr)
            tr += 1
    f.c_(b'OUT\r\n', think=10)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MSNP switchboard MSG with a MIME header block')


def ymsg_pkt(service, session, kv, status=0):
    payload = b''.join(str(a).encode() + b'\xc0\x80' + (b if isinstance(b, bytes) else str(b).encode()) + b'\xc0\x80'
                       for a, b in kv)
    return b'YMSG' + struct.pack('!HHHHII', 0x0010, 0, len(payload), service, status, session) + payload


def ymsg(k):
    f = k.tcp(5050)
    me, peer = k.handles2()
    sess = k.rng.getrandbits(32)
    f.c_(ymsg_pkt(0x57, 0, [(1, me)]), think=0.01)
    f.s_(ymsg_pkt(0x57, sess, [(1, me), (94, k.hexid(24)), (13, 2)], 1))
    f.c_(ymsg_pkt(0x54, sess, [(0, me), (6, k.hexid(40)), (96, k.hexid(40)), (2, me), (2, 1), (135, '9.0.0.2162')]), think=0.02)
    f.s_(ymsg_pkt(0x55, sess, [(0, me), (1, me), (3, me)], 1))
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        if recv:
            f.s_(ymsg_pkt(0x06, sess, [(4, peer), (5, me), (14, text), (15, k.epoch_ms(f) // 1000), (97, 1)], 1),
                 think=k.human())
        else:
            f.c_(ymsg_pkt(0x06, sess, [(0, me), (1, me), (5, peer), (14, text), (97, 1), (63, ';0'), (64, 0)], 0x5a55aa56),
                 think=k.human())
    f.c_(ymsg_pkt(0x8a, sess, [(0, me)]), think=30)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'YMSG service 6 message, 0xC080-separated fields')


def gg_pkt(ptype, body):
    return struct.pack('<II', ptype, len(body)) + body


def gg_msg(text, plain_cs):
    html = ('<span style="color:#000000; font-family:\'MS Shell Dlg 2\'; font-size:9pt; ">%s</span>' % text).encode() + b'\0'
    try:
        plain = text.encode(plain_cs) + b'\0'
    except UnicodeEncodeError:
        plain = text.encode('utf-8') + b'\0'
    attrs = b'\x02\x06\x00\x00\x00\x08\x00\x00\x00'
    return html, plain, attrs


def gadu_gadu(k):
    f = k.tcp(8074 if k.var % 2 == 0 else 443)
    me, peer = k.rng.randrange(10 ** 6, 10 ** 8), k.rng.randrange(10 ** 6, 10 ** 8)
    f.s_(gg_pkt(0x0001, struct.pack('<I', k.rng.getrandbits(32))))
    ver = b'Gadu-Gadu Client build 10.1.1.11119'
    login = struct.pack('<I', me) + b'pl' + b'\x02' + bytes(k.rng.getrandbits(8) for _ in range(20)) + b'\0' * 44 + \
        struct.pack('<III', 0x0002, 0x00800001, 0x00000367) + b'\0' * 4 + struct.pack('<H', 0) + b'\0' * 4 + \
        struct.pack('<H', 0) + b'\xff\x64' + struct.pack('<I', len(ver)) + ver + struct.pack('<I', 0)
    f.c_(gg_pkt(0x0031, login), think=0.01)
    f.s_(gg_pkt(0x0035, struct.pack('<I', 1)))
    recv = k.var % 3 == 1
    seq = k.rng.randrange(1, 10 ** 6)
    for text in k.lines(k.rng.randrange(1, 4)):
        html, plain, attrs = gg_msg(text, 'cp1250')
        seq += 1
        if recv:
            hdr = struct.pack('<IIIIII', peer, seq, k.epoch_ms(f) // 1000, 0x08, 24 + len(html), 24 + len(html) + len(plain))
            f.s_(gg_pkt(0x002e, hdr + html + plain + attrs), think=k.human())
        else:
            hdr = struct.pack('<IIIII', peer, seq, 0x08, 20 + len(html), 20 + len(html) + len(plain))
            f.c_(gg_pkt(0x002d, hdr + html + plain + attrs), think=k.human())
            f.s_(gg_pkt(0x0005, struct.pack('<III', 0x02, peer, seq)))
    f.c_(gg_pkt(0x0008, b''), think=60)
    f.s_(gg_pkt(0x0007, b''))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'Gadu-Gadu SEND/RECV_MSG80: HTML UTF-8 + plain cp1250')


# ------------------------------------------------------------------------- SMS gateways: SMPP, UCP/EMI
def smpp_pdu(cmd, seq, body, status=0):
    return struct.pack('!IIII', 16 + len(body), cmd, status, seq) + body


def cstr(s):
    return s.encode() + b'\0'


def smpp_sm_body(src, dst, text, esm=0):
    if text.isascii():
        dc, enc = 0, text.encode('ascii')
    else:
        try:
            dc, enc = 3, text.encode('latin-1')
        except UnicodeEncodeError:
            dc, enc = 8, text.encode('utf-16-be')
    body = cstr('') + bytes([1, 1]) + cstr(src) + bytes([1, 1]) + cstr(dst) + bytes([esm, 0, 0]) + cstr('') + cstr('') + \
        bytes([1, 0, dc, 0])
    if len(enc) <= 140:
        return body + bytes([len(enc)]) + enc, dc
    return body + b'\0' + struct.pack('!HH', 0x0424, len(enc)) + enc, dc


def _msisdn(k):
    return '%d' % k.pick([4915112345678, 447700900123, 33612345678, 819012345678, 905321234567, 79161234567]) + \
        str(k.rng.randrange(10))


def smpp_submit(k):
    f = k.tcp(2775)
    seq = 1
    f.c_(smpp_pdu(0x00000002, seq, cstr('sms%s' % k.hexid(4)) + cstr(k.hexid(8)) + cstr('') + bytes([0x34, 0, 0]) + cstr('')),
         think=0.01)
    f.s_(smpp_pdu(0x80000002, seq, cstr('SMSC')))
    dcs = []
    for text in (k.lines(k.rng.randrange(1, 3)) if k.var % 3 else [k.longmsg(3)]):
        seq += 1
        body, dc = smpp_sm_body(_msisdn(k), _msisdn(k), text)
        dcs.append(dc)
        f.c_(smpp_pdu(0x00000004, seq, body), think=k.human(1, 20))
        f.s_(smpp_pdu(0x80000004, seq, cstr(k.hexid(10))))
    seq += 1
    f.c_(smpp_pdu(0x00000015, seq, b''), think=30)
    f.s_(smpp_pdu(0x80000015, seq, b''))
    f.close()
    return C.pos('to_server', 'SMPP submit_sm, data_coding %s' % ','.join(map(str, dcs)))


def smpp_deliver(k):
    f = k.tcp(2775)
    f.c_(smpp_pdu(0x00000001, 1, cstr('rx%s' % k.hexid(4)) + cstr(k.hexid(8)) + cstr('') + bytes([0x34, 0, 0]) + cstr('')),
         think=0.01)
    f.s_(smpp_pdu(0x80000001, 1, cstr('SMSC')))
    seq = k.rng.randrange(100, 1000)
    for text in k.lines(k.rng.randrange(1, 3)):
        seq += 1
        body, dc = smpp_sm_body(_msisdn(k), _msisdn(k), text)
        f.s_(smpp_pdu(0x00000005, seq, body), think=k.human())
        f.c_(smpp_pdu(0x80000005, seq, cstr('')), think=0.002)
    f.close()
    return C.pos('to_client', 'SMPP deliver_sm from the SMSC to the device')


def ucp_frame(trn, ot, fields, oper='O'):
    data = '/'.join(fields)
    body_wo_len = '%02d/%%05d/%s/%s/%s/' % (trn, oper, ot, data)
    total = len(body_wo_len % 0) + 2
    s = body_wo_len % total
    cs = '%02X' % (sum(s.encode('latin-1')) & 0xff)
    return b'\x02' + (s + cs).encode('latin-1') + b'\x03'


def ucp_emi(k):
    f = k.tcp(k.pick([3003, 9000, 5001]))
    sysid = '%d' % k.rng.randrange(10 ** 8, 10 ** 9)
    pwd = ''.join('%02X' % b for b in k.hexid(8).encode())
    f.c_(ucp_frame(1, '60', [sysid, '6', '5', '1', pwd, '', '0100', '', '', '', '', '']), think=0.01)
    f.s_(ucp_frame(1, '60', ['A', ''], 'R'))
    trn = 1
    for text in k.ascii_lines(k.rng.randrange(1, 3)):
        trn += 1
        amsg = ''.join('%02X' % b for b in text.encode('latin-1'))
        dst, src = _msisdn(k), sysid
        fields = [dst, src, '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '3', '', amsg] + [''] * 12
        f.c_(ucp_frame(trn, '51', fields), think=k.human(1, 20))
        f.s_(ucp_frame(trn, '51', ['A', '', '%s:%s' % (dst, k.now(f).strftime('%d%m%y%H%M%S'))], 'R'))
    f.close()
    return C.pos('to_server', 'UCP/EMI operation 51, message as IRA hex')


# ------------------------------------------------------------------------- negatives
def protobuf_telemetry(k):
    f = k.tcp(80)
    metrics = [(1, [(1, n), (2, float(k.rng.uniform(0, 100))), (3, 'host-%s' % k.hexid(4))])
               for n in ['cpu.load1', 'mem.used_pct', 'net.eth0.rx_bytes', 'disk.sda.util']]
    f.c_(W.http_req('POST', '/v1/metrics', k.host('telemetry', 'example.com'), ['User-Agent: agent/7.2'],
                    W.pb(metrics + [(9, k.epoch_ms(f))]), 'application/x-protobuf'), think=0.01)
    f.s_(W.http_resp(202, b'', 'application/x-protobuf'))
    f.close()
    return C.neg('protobuf metrics')


def grpc_health(k):
    f = k.tcp(50051)
    hdr = _h2_open(k, f, '/grpc.health.v1.Health/Check', k.host())
    f.c_(hdr + W.h2_frame(0, 0x1, 1, W.grpc_msg(W.pb([(1, 'chat.v1.Messenger')]))), think=0.002)
    f.s_(W.h2_frame(1, 0x4, 1, W.hpack([(':status', '200'), ('content-type', 'application/grpc')])) +
         W.h2_frame(0, 0, 1, W.grpc_msg(W.pb([(1, 1)]))) + W.h2_frame(1, 0x5, 1, W.hpack([('grpc-status', '0')])))
    f.close()
    return C.neg('gRPC health check over h2c')


def signalr_prices(k):
    f = k.tcp(80)
    _signalr_open(k, f, 'json')
    for i in range(8):
        f.s_(W.ws_frame(W.jdump({'type': 1, 'target': 'UpdatePrice',
                                 'arguments': ['EURUSD', round(1.08 + k.rng.uniform(-0.01, 0.01), 5), k.epoch_ms(f)]}) + b'\x1e'),
             think=0.25)
    f.c_(W.ws_frame(b'{"type":6}\x1e', 1, _mask(k)), think=5)
    f.close()
    return C.neg('SignalR price updates and pings')


def msgpack_metrics(k):
    f = k.tcp(24224)
    for i in range(5):
        rec = W.msgpack(['app.metrics', k.epoch_ms(f) // 1000, {'latency_ms': k.rng.randrange(5, 90), 'status': 200,
                                                                  'path': '/api/v1/items', 'bytes': k.rng.randrange(200, 5000)}])
        f.c_(rec, think=1.0)
    f.close()
    return C.neg('MessagePack (fluent forward) access metrics')


def oscar_presence(k):
    f = k.tcp(5190)
    o = Oscar(k)
    f.s_(o.flap('s', 1, b'\0\0\0\1'))
    f.c_(o.flap('c', 1, b'\0\0\0\1' + tlv(6, bytes(k.rng.getrandbits(8) for _ in range(256)))), think=0.01)
    f.c_(o.snac('c', 1, 6, b''), think=0.01)
    f.s_(o.snac('s', 1, 7, struct.pack('!H', 1) + struct.pack('!HIIIIIIIIB', 1, 80, 2500, 2000, 1500, 800, 3400, 6000, 0, 0)))
    for _ in range(3):
        b = k.handle() + str(k.rng.randrange(10, 99))
        f.s_(o.snac('s', 3, 0x0b, bytes([len(b)]) + b.encode() + struct.pack('!HH', 0, 2) + tlv(1, b'\0\x10') +
                    tlv(6, b'\0\0\0\0')), think=k.human(1, 20))
    f.c_(o.flap('c', 5, b''), think=30)
    f.close()
    return C.neg('OSCAR rate info, buddy-arrived presence, keepalive')


def smpp_otp(k):
    f = k.tcp(2775)
    f.c_(smpp_pdu(0x00000002, 1, cstr('otp%s' % k.hexid(4)) + cstr(k.hexid(8)) + cstr('') + bytes([0x34, 0, 0]) + cstr('')),
         think=0.01)
    f.s_(smpp_pdu(0x80000002, 1, cstr('SMSC')))
    lang, i = k.pick([('en', 2), ('de', 1), ('es', 1), ('ru', 1), ('tr', 1), ('pt', 1)])
    text = T.NOTIFY[lang][i]
    body, dc = smpp_sm_body('ExampleBank', _msisdn(k), text)
    f.c_(smpp_pdu(0x00000004, 2, body), think=0.05)
    f.s_(smpp_pdu(0x80000004, 2, cstr(k.hexid(10))))
    f.close()
    return C.neg('SMPP submit_sm of a one-time code written by a program', lang)


def thrift_profile(k):
    f = k.tcp(9090)
    call = W.thrift_bin_call('getProfile', 1, [(1, W.T_I64, k.rng.getrandbits(40))])
    f.c_(struct.pack('!I', len(call)) + call, think=0.01)
    rep = W.thrift_bin_call('getProfile', 1, [(0, W.T_STRUCT, [(1, W.T_STRING, k.name('en')), (2, W.T_STRING, k.handle() + '@example.com'),
                                                             (3, W.T_STRING, 'Lisbon'), (4, W.T_I32, 1987)])], mtype=2)
    f.s_(struct.pack('!I', len(rep)) + rep)
    f.close()
    return C.neg('Thrift profile lookup')


def utf16_paths(k):
    f = k.tcp(6100)
    paths = ['C:\\Users\\%s\\Documents\\invoice_%d.pdf' % (k.handle(), k.rng.randrange(1000)),
             'C:\\Users\\Public\\Pictures\\IMG_%04d.JPG' % k.rng.randrange(9999),
             'D:\\Backup\\2025-03\\db.bak', 'C:\\ProgramData\\SyncAgent\\state.json']
    for p in paths:
        b = p.encode('utf-16-le')
        f.c_(b'SYNC' + struct.pack('<HI', 7, len(b)) + b + struct.pack('<Q', k.rng.getrandbits(40)), think=0.05)
        f.s_(b'SYNC' + struct.pack('<HI', 8, 0))
    f.close()
    return C.neg('UTF-16LE file paths of a sync agent')


def cbor_sensor(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/ingest', k.host('iot', 'example.com'), ['User-Agent: esp-idf/5.1'],
                    W.cbor({'dev': k.hexid(12), 'temp': 21.5, 'hum': 44, 'co2': 612, 'fw': '1.4.2'}), 'application/cbor'),
         think=0.01)
    f.s_(W.http_resp(204))
    f.close()
    return C.neg('CBOR sensor record')


def gg_status(k):
    f = k.tcp(8074)
    f.s_(gg_pkt(0x0001, struct.pack('<I', k.rng.getrandbits(32))))
    for _ in range(3):
        f.c_(gg_pkt(0x0038, struct.pack('<III', 0x0002, 0x00800001, 0)), think=k.human(10, 40))
        f.c_(gg_pkt(0x0008, b''), think=60)
        f.s_(gg_pkt(0x0007, b''))
    f.close()
    return C.neg('Gadu-Gadu status changes and pings')


def random_5190(k):
    f = k.tcp(5190)
    for _ in range(4):
        f.c_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(80, 600))), think=k.human(1, 10))
        f.s_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(40, 300))))
    f.close()
    return C.neg('random bytes on the OSCAR port (encrypted look-alike)')


def smpp_dlr(k):
    f = k.tcp(2775)
    f.c_(smpp_pdu(0x00000001, 1, cstr('rx%s' % k.hexid(4)) + cstr(k.hexid(8)) + cstr('') + bytes([0x34, 0, 0]) + cstr('')),
         think=0.01)
    f.s_(smpp_pdu(0x80000001, 1, cstr('SMSC')))
    for i in range(k.rng.randrange(2, 4)):
        dlr = 'id:%s sub:001 dlvrd:001 submit date:2503030900 done date:2503030901 stat:%s err:000 text:' % (
            k.hexid(10), k.pick(['DELIVRD', 'DELIVRD', 'UNDELIV']))
        body, dc = smpp_sm_body(_msisdn(k), 'ExampleApp', dlr, esm=0x04)
        f.s_(smpp_pdu(0x00000005, 100 + i, body), think=k.human(1, 30))
        f.c_(smpp_pdu(0x80000005, 100 + i, cstr('')), think=0.002)
    f.close()
    return C.neg('SMPP delivery receipts (esm_class 0x04)')


def grpc_web_config(k):
    f = k.tcp(8080)
    f.c_(W.http_req('POST', '/config.v1.Config/Get', k.host(), [C.ua(k), 'X-Grpc-Web: 1'],
                    W.grpc_msg(W.pb([(1, 'android'), (2, '3.4.1')])), 'application/grpc-web+proto'), think=0.01)
    flags = [(1, [(1, n), (2, k.rng.random() < 0.5)]) for n in ['new_composer', 'voice_notes', 'stories_tab', 'e2e_backup']]
    f.s_(W.http_resp(200, W.grpc_msg(W.pb(flags + [(2, 3600)])), 'application/grpc-web+proto'))
    f.close()
    return C.neg('gRPC-web feature flags')


def msnp_presence(k):
    f = k.tcp(1863)
    me = k.handle() + '@example.com'
    f.c_(b'VER 1 MSNP15 CVR0\r\n', think=0.01)
    f.s_(b'VER 1 MSNP15\r\n')
    f.c_(b'CHG 2 NLN 0\r\n', think=0.5)
    f.s_(b'CHG 2 NLN 0\r\n')
    for _ in range(3):
        b = k.handle() + '@example.net'
        f.s_(b'ILN 2 %s %s 1 %s 0\r\n' % (k.pick([b'NLN', b'AWY', b'BSY']), b.encode(), b.split('@')[0].encode()),
             think=0.05)
    for _ in range(2):
        f.c_(b'PNG\r\n', think=45)
        f.s_(b'QNG 50\r\n')
    del me
    f.close()
    return C.neg('MSNP presence and pings')


def ymsg_keepalive(k):
    f = k.tcp(5050)
    sess = k.rng.getrandbits(32)
    me = k.handle()
    f.c_(ymsg_pkt(0x57, 0, [(1, me)]), think=0.01)
    f.s_(ymsg_pkt(0x57, sess, [(1, me), (94, k.hexid(24)), (13, 2)], 1))
    for _ in range(3):
        f.c_(ymsg_pkt(0x8a, sess, [(0, me)]), think=30)
        f.s_(ymsg_pkt(0x8a, sess, [(0, me)], 1))
    f.close()
    return C.neg('YMSG login and keepalives')


def protobuf_ws_typing(k):
    f = k.tcp(80)
    req, resp = W.ws_upgrade('/socket', k.host(), k.rng, 'v3.chat.proto')
    f.c_(req, think=0.01)
    f.s_(resp)
    for _ in range(5):
        f.c_(W.ws_frame(W.pb([(1, 7), (2, k.rng.randrange(10 ** 6)), (8, [(1, 'g-' + k.hexid(8)), (2, k.rng.randrange(2))])]), 2, _mask(k)),
             think=k.human(1, 6))
        f.s_(W.ws_frame(W.pb([(1, 9), (2, k.epoch_ms(f))]), 2))
    f.close()
    return C.neg('protobuf typing/presence frames over WebSocket')


def thrift_spans(k):
    f = k.tcp(14267)
    spans = [(1, W.T_STRING, k.pick(['POST /api/messages', 'db.query', 'cache.get', 'render.inbox'])) for _ in range(1)]
    call = W.thrift_bin_call('emitBatch', 1, [(1, W.T_STRUCT, [(1, W.T_STRING, 'chat-backend')] + spans +
                                                 [(2, W.T_I64, k.epoch_ms(f) * 1000), (3, W.T_I64, k.rng.randrange(100, 90000))])])
    f.c_(struct.pack('!I', len(call)) + call, think=0.01)
    f.close()
    return C.neg('Thrift tracing spans (operation names)')


def msgpack_rpc(k):
    f = k.tcp(18800)
    for i in range(3):
        f.c_(W.msgpack([0, i, k.pick(['get_status', 'list_jobs', 'ping']), []]), think=k.human(0.5, 5))
        f.s_(W.msgpack([1, i, None, {'uptime': k.rng.randrange(10 ** 6), 'jobs': k.rng.randrange(20), 'load': round(k.rng.random(), 2)}]))
    f.close()
    return C.neg('MessagePack-RPC status calls')


def protobuf_locations(k):
    f = k.tcp(80)
    fixes = [(1, [(1, 48.1 + k.rng.random() / 100), (2, 11.5 + k.rng.random() / 100), (3, k.epoch_ms(f) + i * 1000), (4, 'gps')])
             for i in range(10)]
    f.c_(W.http_req('POST', '/v2/locations', k.host('track', 'example.com'), [C.ua(k)], W.pb(fixes), 'application/x-protobuf'), think=0.01)
    f.s_(W.http_resp(204))
    f.close()
    return C.neg('protobuf location fixes')


def amqp_frame(ftype, chan, payload):
    return struct.pack('!BHI', ftype, chan, len(payload)) + payload + b'\xce'


def shortstr(s):
    b = s.encode() if isinstance(s, str) else s
    return bytes([len(b)]) + b


def longstr(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack('!I', len(b)) + b


def amqp_method(chan, cls, meth, args):
    return amqp_frame(1, chan, struct.pack('!HH', cls, meth) + args)


def _amqp_open(k, f):
    f.c_(b'AMQP\x00\x00\x09\x01', think=0.01)
    props = b'\x07product' + b'S' + longstr('RabbitMQ') + b'\x07version' + b'S' + longstr('3.12.13')
    f.s_(amqp_method(0, 10, 10, b'\x00\x09' + longstr(props) + longstr('PLAIN AMQPLAIN') + longstr('en_US')))
    f.c_(amqp_method(0, 10, 11, longstr(b'\x07product' + b'S' + longstr('pika')) + shortstr('PLAIN') +
                     longstr(b'\0' + k.handle().encode() + b'\0' + k.hexid(8).encode()) + shortstr('en_US')), think=0.002)
    f.s_(amqp_method(0, 10, 30, struct.pack('!HIH', 2047, 131072, 60)))
    f.c_(amqp_method(0, 10, 31, struct.pack('!HIH', 2047, 131072, 60)) + amqp_method(0, 10, 40, shortstr('/') + shortstr('') + b'\0'),
         think=0.001)
    f.s_(amqp_method(0, 10, 41, shortstr('')))
    f.c_(amqp_method(1, 20, 10, shortstr('')), think=0.001)
    f.s_(amqp_method(1, 20, 11, longstr('')))


def _amqp_publish(exchange, key, body, ctype):
    return amqp_method(1, 60, 40, struct.pack('!H', 0) + shortstr(exchange) + shortstr(key) + b'\0') + \
        amqp_frame(2, 1, struct.pack('!HHQH', 60, 0, len(body), 0x8000) + shortstr(ctype)) + amqp_frame(3, 1, body)


def amqp_publish(k):
    f = k.tcp(5672)
    _amqp_open(k, f)
    for text in k.lines(k.rng.randrange(1, 4)):
        body = text.encode() if k.var % 2 else W.jdump({'room': k.rng.randrange(99), 'text': text})
        f.c_(_amqp_publish('chat', 'room.%d' % k.rng.randrange(99), body, 'text/plain' if k.var % 2 else 'application/json'),
             think=k.human())
    f.close()
    return C.pos('to_server', 'AMQP 0-9-1 basic.publish with a chat body')


def amqp_metrics(k):
    f = k.tcp(5672)
    _amqp_open(k, f)
    for _ in range(4):
        f.c_(_amqp_publish('metrics', 'host.cpu', W.jdump({'cpu': round(k.rng.random(), 3), 'ts': k.epoch_ms(f)}), 'application/json'),
             think=5)
    f.close()
    return C.neg('AMQP metrics publishes')


CASES = [
    (FAM, U, 'protobuf-http', protobuf_http, C.langs(4, 0)),
    (FAM, U, 'grpc-h2c', grpc_h2c, C.langs(5, 3)),
    (FAM, U, 'grpc-web', grpc_web, C.langs(4, 6)),
    (FAM, U, 'protobuf-ws', protobuf_ws, C.langs(3, 9)),
    (FAM, U, 'msgpack-http', msgpack_http, C.langs(3, 12)),
    (FAM, U, 'msgpack-ws', msgpack_ws, C.langs(4, 15)),
    (FAM, U, 'cbor-http', cbor_http, C.langs(3, 18)),
    (FAM, U, 'signalr-json', signalr_json, C.langs(4, 21) + ['ru', 'sv']),
    (FAM, U, 'signalr-msgpack', signalr_msgpack, C.langs(4, 24)),
    (FAM, U, 'thrift-binary', thrift_binary, C.langs(3, 27)),
    (FAM, U, 'thrift-compact', thrift_compact, C.langs(2, 1)),
    (FAM, U, 'utf16-json', utf16_json, C.langs(3, 4)),
    (FAM, U, 'utf16-tlv', utf16_tlv, C.langs(3, 7)),
    (FAM, U, 'lp-utf8', lp_utf8, C.langs(3, 10)),
    (FAM, U, 'oscar-im', oscar_im, C.langs(5, 13)),
    (FAM, U, 'msnp-sb', msnp_sb, C.langs(4, 16)),
    (FAM, U, 'ymsg', ymsg, C.langs(4, 19)),
    (FAM, U, 'gadu-gadu', gadu_gadu, ['pl', 'pl', 'cs', 'hu']),
    (FAM, U, 'smpp-submit', smpp_submit, C.langs(4, 22)),
    (FAM, U, 'smpp-deliver', smpp_deliver, C.langs(4, 25)),
    (FAM, U, 'ucp-emi', ucp_emi, ['en', 'id', 'sw', 'nl']),
    (FAM, U, 'protobuf-telemetry', protobuf_telemetry, ['-'] * 3),
    (FAM, U, 'grpc-health', grpc_health, ['-'] * 3),
    (FAM, U, 'signalr-prices', signalr_prices, ['-'] * 3),
    (FAM, U, 'msgpack-metrics', msgpack_metrics, ['-'] * 3),
    (FAM, U, 'oscar-presence', oscar_presence, ['-'] * 3),
    (FAM, U, 'smpp-otp', smpp_otp, ['-'] * 4),
    (FAM, U, 'thrift-profile', thrift_profile, ['-'] * 3),
    (FAM, U, 'utf16-paths', utf16_paths, ['-'] * 3),
    (FAM, U, 'cbor-sensor', cbor_sensor, ['-'] * 2),
    (FAM, U, 'gg-status', gg_status, ['-'] * 2),
    (FAM, U, 'random-5190', random_5190, ['-'] * 3),
    (FAM, U, 'smpp-dlr', smpp_dlr, ['-'] * 3),
    (FAM, U, 'grpc-web-config', grpc_web_config, ['-'] * 3),
    (FAM, U, 'msnp-presence', msnp_presence, ['-'] * 3),
    (FAM, U, 'ymsg-keepalive', ymsg_keepalive, ['-'] * 2),
    (FAM, U, 'protobuf-ws-typing', protobuf_ws_typing, ['-'] * 3),
    (FAM, U, 'thrift-spans', thrift_spans, ['-'] * 3),
    (FAM, U, 'msgpack-rpc', msgpack_rpc, ['-'] * 3),
    (FAM, U, 'protobuf-locations', protobuf_locations, ['-'] * 2),
    (FAM, U, 'amqp-publish', amqp_publish, C.langs(4, 20)),
    (FAM, U, 'amqp-metrics', amqp_metrics, ['-'] * 2),
]
