# cases_wave2: the corpus's second wave, written after the first had been scored many times, so
# that detection can be measured on traffic nobody tuned on. Same rules as the first wave (the
# contract's definition of a message, issue 9's classes, written without reading the detector),
# new shapes and fresh texts (texts_wave2.py), its own capture files (wave2-*).
#   sender-outside: JSON:API and HAL replies (POST/PATCH/PUT), NDJSON outbox batches, SMS-gateway
#     forms with varied key names, support-desk and marketplace replies, dating-app messages,
#     email-send APIs, push-gateway payloads carrying what a person wrote.
#   binary-framing: nested protobuf with packed fields, MongoDB OP_MSG (BSON), Kafka produce
#     (record batch v2), MQTT 5 with properties, legacy IM headers with GBK/Big5/EUC-KR/cp125x
#     text, Cap'n Proto-like word-aligned messages.
#   datagram: LAN chat with unit-separated fields, syslog-wrapped chat relays, two game-engine
#     framings, walkie-talkie text, CoAP POST with JSON.
#   familiar: SMTP with pipelining/BDAT/folded headers, POP3 APOP/UIDL/TOP, IMAP literals split
#     across segments and partial fetches, XMPP stream management and message carbons.
#   line-protocol: LMTP, ZNC playback with server-time tags, SIP MESSAGE over TCP (also CPIM),
#     MSRP (RFC 4975), Gopher guestbook submissions.
#   tunnel-partial: captures starting inside a WebSocket frame, pipelined HTTP/1.1, CONNECT to
#     MQTT and STOMP ports, the server's half of IMAP, a chat post after 100 kB of other data.
#   device-server: home webmail, IMAP IDLE, Matrix federation transactions, XMPP MAM history,
#     POP3 UIDL from a home server.
#   hard-negative: multilingual wiki pages, article autosaves, product listings, translation
#     uploads, log shipping, analytics, error reports, CI and monitoring notices, Atom feeds,
#     searches, config pushes, periodic probes; bulk newsletters, auto-replies and DSNs by SMTP.
import base64
import hashlib
import struct

import caselib as C
import flowwire as W
import texts_wave2 as X

WAVE = 2
U, F = 'unfamiliar', 'familiar'


# ------------------------------------------------------------------------- texts
def rot(n, start, step=7):
    """n languages from the plan's rotation (step 7 is coprime to its 36 places: every one in turn)."""
    return [X.PLAN_ROTATION[(start + i * step) % len(X.PLAN_ROTATION)] for i in range(n)]


def lines(k, n, lang=None):
    lang = lang or k.lang
    pool = X.CHAT[lang]
    free = [i for i in range(len(pool)) if ('w2', lang, i) not in k._used_lines]
    if len(free) < n:
        free = list(range(len(pool)))
    idx = k.rng.sample(free, min(n, len(free)))
    for i in idx:
        k._used_lines.add(('w2', lang, i))
    return [pool[i] for i in idx]


def line(k, lang=None):
    return lines(k, 1, lang)[0]


def encodable(k, n, charset):
    """n lines of the kit's language that the legacy charset can carry (no emoji)."""
    pool = [t for t in X.CHAT[k.lang] if _encodes(t, charset)]
    return k.rng.sample(pool, min(n, len(pool)))


def _encodes(t, charset):
    try:
        t.encode(charset)
        return True
    except UnicodeEncodeError:
        return False


def joined(k, n):
    sep = '' if k.lang in ('zh', 'ja', 'th') else ' '
    return sep.join(lines(k, n))


def name(k):
    return k.pick(X.NAMES[k.lang])


def names2(k):
    a, b = k.rng.sample(X.NAMES[k.lang], 2)
    return a, b


def handle(k):
    return k.pick(X.HANDLES)


def handles2(k):
    a, b = k.rng.sample(X.HANDLES, 2)
    return a, b


def mailbody(k, to_name, from_name, n=None):
    g, c = X.GREET[k.lang]
    body = lines(k, n or k.rng.randrange(2, 4))
    return g.format(n=to_name) + '\n\n' + '\n\n'.join(body) + '\n\n' + c.format(n=from_name) + '\n'


def mail(k, extra=(), cte='8bit', charset='utf-8', frm=None, to=None, subject=None, body=None, names=None):
    fn, tn = names or names2(k)
    fa, ta = handles2(k)
    frm = frm or '%s@%s' % (fa, k.pick(['example.org', 'home.example.net', 'mx.example.com']))
    to = to or '%s@%s' % (ta, k.pick(['example.com', 'example.net', 'inbox.example.org']))
    subject = subject or k.pick(X.SUBJECTS.get(k.lang, ['hi']))
    body = body or mailbody(k, tn, fn)
    msg = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), subject, body, k.rfc5322(),
                 '%s.%s@%s' % (k.hexid(10), k.hexid(6), frm.split('@')[1]), charset, cte, extra)
    return msg, frm, to


def http_post(k, f, method, path, host, body, ctype, status=201, resp=b'', rctype='application/json', hdrs=(), think=None):
    f.c_(W.http_req(method, path, host, [C.ua(k), 'Accept: */*'] + list(hdrs), body, ctype),
         think=think if think is not None else k.human())
    f.s_(W.http_resp(status, resp, rctype if resp else None))


def bearer(k):
    return 'Authorization: Bearer ' + base64.urlsafe_b64encode(k.hexid(40).encode()).decode().rstrip('=')


# ------------------------------------------------------------------------- encoders
def bson(doc):
    """BSON (bsonspec.org): str, int (int32/int64), float, bool, None, dict, list, ('oid', 12 bytes),
    ('date', ms)."""
    out = b''
    for key, v in doc.items():
        kb = key.encode() + b'\0'
        if isinstance(v, bool):
            out += b'\x08' + kb + (b'\x01' if v else b'\x00')
        elif isinstance(v, int):
            out += (b'\x10' + kb + struct.pack('<i', v)) if -2 ** 31 <= v < 2 ** 31 else (b'\x12' + kb + struct.pack('<q', v))
        elif isinstance(v, float):
            out += b'\x01' + kb + struct.pack('<d', v)
        elif isinstance(v, str):
            b = v.encode() + b'\0'
            out += b'\x02' + kb + struct.pack('<i', len(b)) + b
        elif v is None:
            out += b'\x0a' + kb
        elif isinstance(v, dict):
            out += b'\x03' + kb + bson(v)
        elif isinstance(v, list):
            out += b'\x04' + kb + bson({str(i): x for i, x in enumerate(v)})
        elif isinstance(v, tuple) and v[0] == 'oid':
            out += b'\x07' + kb + v[1]
        elif isinstance(v, tuple) and v[0] == 'date':
            out += b'\x09' + kb + struct.pack('<q', v[1])
        else:
            raise TypeError(type(v))
    return struct.pack('<i', len(out) + 5) + out + b'\0'


def op_msg(req_id, resp_to, body, seq=None):
    """MongoDB OP_MSG (opcode 2013): a kind-0 body section and an optional kind-1 document sequence."""
    payload = struct.pack('<I', 0) + b'\x00' + bson(body)
    if seq:
        ident, docs = seq
        sec = ident.encode() + b'\0' + b''.join(bson(d) for d in docs)
        payload += b'\x01' + struct.pack('<i', len(sec) + 4) + sec
    return struct.pack('<iiii', len(payload) + 16, req_id, resp_to, 2013) + payload


_CRC32C = []
for _n in range(256):
    _c = _n
    for _ in range(8):
        _c = (_c >> 1) ^ 0x82F63B78 if _c & 1 else _c >> 1
    _CRC32C.append(_c)


def crc32c(data):
    c = 0xffffffff
    for b in data:
        c = _CRC32C[(c ^ b) & 0xff] ^ (c >> 8)
    return c ^ 0xffffffff


def zz(n):
    return W.varint((n << 1) ^ (n >> 63))


def kstr(s):
    b = s.encode()
    return struct.pack('!h', len(b)) + b


def kafka_batch(records, ts):
    """A Kafka RecordBatch v2 (magic 2, CRC-32C) of (key, value) records."""
    recs = b''
    for i, (key, val) in enumerate(records):
        body = b'\x00' + zz(i * 3) + zz(i) + (zz(-1) if key is None else zz(len(key)) + key) + zz(len(val)) + val + zz(0)
        recs += zz(len(body)) + body
    after_crc = struct.pack('!hiqqqhii', 0, len(records) - 1, ts, ts + 3 * (len(records) - 1), -1, -1, -1,
                            len(records)) + recs
    tail = struct.pack('!ib', -1, 2) + struct.pack('!I', crc32c(after_crc)) + after_crc
    return struct.pack('!qi', 0, len(tail)) + tail


def kafka_produce(corr, client, topic, partition, batch, acks=-1):
    body = struct.pack('!hhi', 0, 3, corr) + kstr(client) + struct.pack('!hhi', -1, acks, 30000) + \
        struct.pack('!i', 1) + kstr(topic) + struct.pack('!i', 1) + struct.pack('!ii', partition, len(batch)) + batch
    return struct.pack('!i', len(body)) + body


def kafka_produce_resp(corr, topic, partition, offset):
    body = struct.pack('!i', corr) + struct.pack('!i', 1) + kstr(topic) + struct.pack('!i', 1) + \
        struct.pack('!ihqq', partition, 0, offset, -1) + struct.pack('!i', 0)
    return struct.pack('!i', len(body)) + body


def kafka_apiversions(corr, client):
    body = struct.pack('!hhi', 18, 0, corr) + kstr(client)
    return struct.pack('!i', len(body)) + body


def kafka_apiversions_resp(corr):
    apis = [(0, 0, 9), (1, 0, 13), (3, 0, 12), (18, 0, 3)]
    body = struct.pack('!ih', corr, 0) + struct.pack('!i', len(apis)) + b''.join(struct.pack('!hhh', *a) for a in apis)
    return struct.pack('!i', len(body)) + body


def mqtt5_props(props):
    """MQTT 5 properties: (id, value); 0x01/0x17 byte, 0x11/0x02 int32, 0x21/0x22/0x23 int16, 0x26 user pair,
    strings otherwise."""
    out = b''
    for pid, v in props:
        out += bytes([pid])
        if pid in (0x01, 0x17, 0x24, 0x25):
            out += bytes([v])
        elif pid in (0x02, 0x11, 0x27):
            out += struct.pack('!I', v)
        elif pid in (0x21, 0x22, 0x23):
            out += struct.pack('!H', v)
        elif pid == 0x26:
            out += C.mqtt_str(v[0]) + C.mqtt_str(v[1])
        else:
            out += C.mqtt_str(v)
    return W.varint(len(out)) + out


def mqtt5_connect(client_id, user, props=()):
    vh = C.mqtt_str('MQTT') + bytes([5, 0xc2]) + struct.pack('!H', 45) + mqtt5_props(props)
    pl = C.mqtt_str(client_id) + C.mqtt_str(user) + C.mqtt_str('p' * 16)
    return b'\x10' + C.mqtt_remlen(len(vh) + len(pl)) + vh + pl


def mqtt5_connack():
    vh = b'\x00\x00' + mqtt5_props([(0x22, 10), (0x21, 20)])
    return b'\x20' + C.mqtt_remlen(len(vh)) + vh


def mqtt5_publish(topic, payload, props=(), qos=1, pid=1):
    vh = C.mqtt_str(topic) + (struct.pack('!H', pid) if qos else b'') + mqtt5_props(props)
    return bytes([0x30 | qos << 1]) + C.mqtt_remlen(len(vh) + len(payload)) + vh + payload


def mqtt5_subscribe(topic, pid):
    body = struct.pack('!H', pid) + b'\x00' + C.mqtt_str(topic) + b'\x01'
    return b'\x82' + C.mqtt_remlen(len(body)) + body


def mqtt5_suback(pid):
    return b'\x90\x04' + struct.pack('!H', pid) + b'\x00\x01'


def mqtt5_puback(pid):
    return b'\x40\x02' + struct.pack('!H', pid)


def capnp_message(ts, texts):
    """A single-segment Cap'n Proto message (stream framing): root struct of one data word (ts) and one
    pointer per text; each text a byte list with its NUL, padded to a word."""
    n = len(texts)
    words = [struct.pack('<Q', (n << 48) | (1 << 32) | 0)]      # root struct pointer, offset 0
    words.append(struct.pack('<Q', ts))
    blobs = [t.encode() + b'\0' for t in texts]
    blob_words = [(len(b) + 7) // 8 for b in blobs]
    for i in range(n):
        ptr_word = 2 + i
        target = 2 + n + sum(blob_words[:i])
        off = target - (ptr_word + 1)
        words.append(struct.pack('<Q', (len(blobs[i]) << 35) | (2 << 32) | ((off << 2) & 0xffffffff) | 1))
    seg = b''.join(words) + b''.join(b + b'\0' * (-len(b) % 8) for b in blobs)
    return struct.pack('<II', 0, len(seg) // 8) + seg


def coap_opts(opts):
    out, last = b'', 0
    for num, val in opts:
        d, ln = num - last, len(val)
        last = num

        def nib(x):
            return (x, b'') if x < 13 else ((13, bytes([x - 13])) if x < 269 else (14, struct.pack('!H', x - 269)))
        dn, dx = nib(d)
        ln_n, lx = nib(ln)
        out += bytes([dn << 4 | ln_n]) + dx + lx + val
    return out


def dns_name(n):
    return b''.join(bytes([len(p.encode())]) + p.encode() for p in n.split('.')) + b'\0'


def rnd(k, n):
    return bytes(k.rng.getrandbits(8) for _ in range(n))


# ========================================================================= sender-outside
SO = 'sender-outside'


def jsonapi_reply(k):
    mode = k.var % 3
    f = k.tcp(k.pick([80, 8080]))
    host = k.pick(['forum.example.net', 'tickets.example.org', 'app.example.com'])
    echo = k.var % 2 == 1
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        cid = k.rng.randrange(10000, 99999)
        if mode == 0:
            doc = {'data': {'type': 'comments', 'attributes': {'body': text},
                            'relationships': {'thread': {'data': {'type': 'threads', 'id': str(k.rng.randrange(100, 999))}}}}}
            method, path = 'POST', '/api/comments'
        elif mode == 1:
            doc = {'data': {'type': 'replies', 'id': str(cid), 'attributes': {'content': text, 'edited': True}}}
            method, path = 'PATCH', '/api/replies/%d' % cid
        else:
            doc = {'data': {'type': 'messages', 'id': k.uuid(), 'attributes': {'text': text}}}
            method, path = 'PUT', '/api/conversations/%s/messages/%s' % (k.hexid(8), doc['data']['id'])
        resp = {'data': {'type': doc['data']['type'], 'id': str(cid), 'attributes': dict(
            doc['data']['attributes'], **{'created-at': k.iso(f)}) if echo else {'created-at': k.iso(f)}},
            'links': {'self': '/api/%s/%d' % (doc['data']['type'], cid)}}
        http_post(k, f, method, path, host, W.jdump(doc, k.var % 4 == 3), 'application/vnd.api+json',
                  200 if method != 'POST' else 201, W.jdump(resp), 'application/vnd.api+json', [bearer(k)],
                  think=k.human() if i else 0.3)
    f.close()
    return C.pos('-' if echo else 'to_server', 'JSON:API %s of a %s%s' % (
        ['POST', 'PATCH', 'PUT'][mode], doc['data']['type'][:-1], ', the server echoes the attributes' if echo else ''))


def hal_reply(k):
    f = k.tcp(80)
    tid = k.rng.randrange(1000, 9999)
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        body = {'_links': {'thread': {'href': '/threads/%d' % tid}, 'in-reply-to': {'href': '/posts/%d' % (tid * 10 + i)}},
                'text': text}
        mid = k.rng.randrange(10 ** 5, 10 ** 6)
        resp = {'_links': {'self': {'href': '/posts/%d' % mid}, 'thread': {'href': '/threads/%d' % tid}}, 'id': mid,
                'state': 'published'}
        http_post(k, f, 'POST', '/threads/%d/posts' % tid, 'board.example.org', W.jdump(body), 'application/hal+json',
                  201, W.jdump(resp), 'application/hal+json', ['Cookie: sid=' + k.hexid(24)], think=k.human() if i else 0.2)
    f.close()
    return C.pos('to_server', 'HAL+JSON reply: _links to the thread, the text alone')


def ndjson_outbox(k):
    f = k.tcp(k.pick([80, 8000]))
    msgs = lines(k, k.rng.randrange(2, 5))
    conv = k.hexid(10)
    nd = b''.join(W.jdump({'cid': k.uuid(), 'op': 'send', 'conv': conv, 'queued': k.epoch_ms(f) - k.rng.randrange(60000, 900000),
                           't': t}) + b'\n' for t in msgs)
    f.c_(W.http_req('POST', '/sync/v1/outbox', 'sync.example.net', [C.ua(k), bearer(k)], nd, 'application/x-ndjson'),
         think=0.4)
    f.s_(W.http_resp(200, b''.join(W.jdump({'ok': True, 'seq': 8100 + i}) + b'\n' for i in range(len(msgs))),
                     'application/x-ndjson'))
    f.close()
    return C.pos('to_server', 'NDJSON batch of %d messages queued offline, sent in one request' % len(msgs))


SMS_STYLES = [
    ('/2010-04-01/Accounts/AC%s/Messages.json', [('To', '{to}'), ('From', '{frm}'), ('Body', '{text}')]),
    ('/sms/json', [('api_key', '{key}'), ('api_secret', '{sec}'), ('to', '{to}'), ('from', 'Home'), ('text', '{text}'), ('type', 'unicode')]),
    ('/api/send', [('msisdn', '{to}'), ('message', '{text}'), ('sender', '{frm}')]),
    ('/cgi-bin/sendsms', [('username', 'home'), ('password', '{sec}'), ('dest', '{to}'), ('msg', '{text}'), ('charset', 'UTF-8')]),
    ('/v1/messages', [('recipients', '{to}'), ('originator', '{frm}'), ('content', '{text}')]),
    ('/rest/sms', [('smsText', '{text}'), ('phone', '{to}'), ('senderId', 'HOME')]),
]


def sms_form(k):
    path, keys = SMS_STYLES[k.var % len(SMS_STYLES)]
    if '%s' in path:
        path = path % k.hexid(32)
    f = k.tcp(80)
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        vals = {'to': '+%d' % k.rng.randrange(10 ** 10, 10 ** 11), 'frm': '+%d' % k.rng.randrange(10 ** 10, 10 ** 11),
                'key': k.hexid(8), 'sec': k.hexid(16), 'text': text}
        body = W.form([(a, b.format(**vals)) for a, b in keys])
        auth = 'Authorization: Basic ' + base64.b64encode(('AC%s:%s' % (k.hexid(8), k.hexid(8))).encode()).decode()
        http_post(k, f, 'POST', path, k.pick(['sms.example.com', 'gw.example.net', 'api.example.org']), body,
                  'application/x-www-form-urlencoded', 201 if 'Accounts' in path else 200,
                  W.jdump({'status': 'queued', 'id': k.hexid(16), 'parts': 1}), hdrs=[auth], think=k.human() if i else 0.5)
    f.close()
    return C.pos('to_server', 'SMS gateway form, keys %s' % '/'.join(a for a, _ in keys))


SUPPORT = {
    'en': ["Hi, the replacement charger arrived but it's the wrong plug type (US, I'm in the UK). Can you swap it?",
           "Thanks, that worked! The app syncs again after the reinstall."],
    'de': ["Hallo, das Ersatzteil ist angekommen, aber es passt leider nicht. Können Sie mir ein anderes schicken?",
           "Danke für die schnelle Hilfe, jetzt funktioniert alles wieder."],
    'es': ["Hola, el pedido llegó con la caja rota y falta un tornillo. ¿Me podéis enviar otro?",
           "Gracias, ya me ha llegado el reembolso."],
    'tr': ["Merhaba, siparişim iki haftadır kargoda görünüyor, bir bilginiz var mı?",
           "Teşekkürler, sorun çözüldü."],
    'id': ["Halo kak, pesanan saya sudah sampai tapi warnanya beda dari yang saya pilih. Bisa ditukar?",
           "Makasih ya, refundnya sudah masuk."],
    'hi': ["नमस्ते, मेरा ऑर्डर दो हफ्ते से नहीं पहुँचा, कृपया स्टेटस बताइए।",
           "धन्यवाद, अब ऐप ठीक से चल रहा है।"],
    'pl': ["Dzień dobry, zamówienie przyszło uszkodzone, czy mogę prosić o wymianę?",
           "Dziękuję, wszystko już działa."],
    'vi': ["Chào shop, mình nhận hàng rồi nhưng bị thiếu một cái nắp, shop gửi bù giúp mình nhé.",
           "Cảm ơn shop, mình nhận được tiền hoàn rồi."],
}


def desk_reply(k):
    style = k.var % 3
    f = k.tcp(80)
    tid = k.rng.randrange(10000, 99999)
    text = SUPPORT[k.lang][k.var // 3 % 2]
    if style == 0:
        body = {'ticket': {'comment': {'body': text, 'public': True}, 'status': 'open'}}
        method, path = 'PUT', '/api/v2/tickets/%d.json' % tid
    elif style == 1:
        body = {'body': '<div>%s</div>' % C.xml_esc(text), 'cc_emails': []}
        method, path = 'POST', '/api/v2/tickets/%d/reply' % tid
    else:
        body = {'text': text, 'customer': {'id': k.rng.randrange(10 ** 6, 10 ** 7)}, 'status': 'active'}
        method, path = 'POST', '/v2/conversations/%d/reply' % tid
    http_post(k, f, method, path, 'help.example.com', W.jdump(body), 'application/json', 200 if style == 0 else 201,
              W.jdump({'id': k.rng.randrange(10 ** 8, 10 ** 9), 'ticket_id': tid}), hdrs=[bearer(k)], think=0.8)
    f.close()
    return C.pos('to_server', 'support-desk reply from the customer (%s %s)' % (method, path.split('/')[-1]))


MARKET = {
    'en': ["Hi! Is the bike still available? I could pick it up Saturday morning.", "Would you take 40 for it?"],
    'de': ["Hallo, ist das Sofa noch da? Ich könnte es morgen abholen.", "Geht auch 80 Euro?"],
    'fr': ["Bonjour, la poussette est toujours dispo ? Je peux passer ce soir.", "Vous accepteriez 60 € ?"],
    'nl': ["Hoi, is de kinderfiets nog beschikbaar? Ik kan zaterdag langskomen.", "Zou je 35 euro willen?"],
    'ko': ["안녕하세요, 의자 아직 판매 중인가요? 내일 저녁에 가지러 갈 수 있어요.", "3만원에 가능할까요?"],
    'ar': ["مرحبا، هل الغسالة لسا متوفرة؟ بقدر آجي آخذها بكرة", "بتقبل بـ ٢٠٠؟"],
    'sw': ["Habari, kitanda bado kipo? Naweza kuja kukichukua Jumamosi.", "Utakubali elfu thelathini?"],
    'sv': ["Hej! Finns soffbordet kvar? Jag kan hämta på lördag.", "Tar du 300 kr?"],
}


def market_msg(k):
    f = k.tcp(80)
    lid = k.rng.randrange(10 ** 7, 10 ** 8)
    texts = MARKET[k.lang]
    for i, text in enumerate(texts[:1 + k.var % 2]):
        body = {'listing_id': lid, 'note': text}
        if i:
            body['offer_cents'] = k.rng.randrange(20, 300) * 100
        http_post(k, f, 'POST', '/api/listings/%d/messages' % lid, 'market.example.net', W.jdump(body), 'application/json',
                  201, W.jdump({'thread_id': k.hexid(10), 'status': 'delivered'}), hdrs=['Cookie: s=' + k.hexid(20)],
                  think=k.human(20, 90) if i else 0.6)
    f.close()
    return C.pos('to_server', 'marketplace buyer-to-seller message about listing (note field)')


def dating_msg(k):
    f = k.tcp(80)
    match = k.hexid(24)
    recv = k.var % 2 == 1
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        if recv:
            f.c_(W.http_req('GET', '/v2/matches/%s/messages?count=20' % match, 'api.dating.example.com', [C.ua(k), bearer(k)]),
                 think=k.human() if i else 0.2)
            f.s_(W.http_resp(200, W.jdump({'data': {'messages': [{'_id': k.hexid(24), 'match_id': match,
                                                                      'sent_date': k.iso(f), 'message': text}]}})))
        else:
            http_post(k, f, 'POST', '/v2/matches/%s/messages' % match, 'api.dating.example.com',
                      W.jdump({'message': text, 'tempMessageId': str(k.rng.random())[2:]}), 'application/json', 200,
                      W.jdump({'_id': k.hexid(24), 'sent_date': k.iso(f)}), hdrs=[bearer(k)], think=k.human() if i else 0.2)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'dating-app match message (%s)' % ('fetched' if recv else 'sent'))


def email_api(k):
    style = k.var % 3
    f = k.tcp(80)
    fn, tn = names2(k)
    fa, ta = handles2(k)
    subj = k.pick(X.SUBJECTS[k.lang])
    text = mailbody(k, tn, fn, 2)
    html = '<p>' + '</p><p>'.join(C.xml_esc(p) for p in text.split('\n\n')) + '</p>'
    if style == 0:
        body = W.jdump({'personalizations': [{'to': [{'email': ta + '@example.com', 'name': tn}]}],
                        'from': {'email': fa + '@example.org', 'name': fn}, 'subject': subj,
                        'content': [{'type': 'text/plain', 'value': text}, {'type': 'text/html', 'value': html}]})
        path, ct = '/v3/mail/send', 'application/json'
    elif style == 1:
        body = W.jdump({'From': '%s <%s@example.org>' % (fn, fa), 'To': ta + '@example.com', 'Subject': subj,
                        'TextBody': text, 'HtmlBody': html, 'MessageStream': 'outbound'})
        path, ct = '/email', 'application/json'
    else:
        body = W.form([('from', '%s <%s@example.org>' % (fn, fa)), ('to', ta + '@example.com'), ('subject', subj),
                       ('text', text), ('html', html)])
        path, ct = '/v3/mg.example.org/messages', 'application/x-www-form-urlencoded'
    http_post(k, f, 'POST', path, 'mailapi.example.net', body, ct, 202 if style == 0 else 200,
              W.jdump({'id': '<%s@example.org>' % k.hexid(16), 'message': 'Queued'}), hdrs=[bearer(k)], think=0.5)
    f.close()
    return C.pos('to_server', 'email-send API with a personal letter (%s)' % ['personalizations JSON', 'TextBody/HtmlBody',
                                                                               'form fields'][style])


def push_person(k):
    f = k.tcp(k.pick([80, 5000]))
    a = name(k)
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        if k.var % 2 == 0:
            body = {'notification': {'event_id': '$' + k.hexid(32), 'room_id': '!%s:home.example.net' % k.hexid(12),
                                     'type': 'm.room.message', 'sender': '@%s:home.example.net' % handle(k),
                                     'sender_display_name': a, 'room_name': a,
                                     'content': {'msgtype': 'm.text', 'body': text}, 'counts': {'unread': i + 1},
                                     'devices': [{'app_id': 'net.example.chat', 'pushkey': k.hexid(64)}]}}
            path = '/_matrix/push/v1/notify'
        else:
            body = {'to': k.hexid(22) + ':' + k.hexid(60), 'priority': 'high',
                    'notification': {'title': a, 'body': text, 'tag': 'chat-' + k.hexid(6)},
                    'data': {'thread': k.hexid(8)}}
            path = '/fcm/send'
        http_post(k, f, 'POST', path, 'push.example.com', W.jdump(body), 'application/json', 200,
                  W.jdump({'rejected': []} if k.var % 2 == 0 else {'success': 1, 'failure': 0}), think=k.human() if i else 0.1)
    f.close()
    return C.pos('to_server', 'a home chat server pushes what a person wrote to a push gateway (%s)' % path)


# ---- negatives
def desk_status(k):
    f = k.tcp(80)
    tid = k.rng.randrange(10000, 99999)
    for i in range(k.rng.randrange(1, 3)):
        http_post(k, f, 'PUT', '/api/v2/tickets/%d.json' % (tid + i), 'help.example.com',
                  W.jdump({'ticket': {'status': k.pick(['solved', 'pending', 'on-hold']), 'priority': 'low',
                                      'tags': ['billing', 'eu'], 'assignee_id': k.rng.randrange(10 ** 6)}}),
                  'application/json', 200, W.jdump({'ticket': {'id': tid + i, 'updated_at': k.iso(f)}}), hdrs=[bearer(k)],
                  think=k.human(2, 10) if i else 0.3)
    f.close()
    return C.neg('support-desk status/priority/tags update, no text')


def jsonapi_read(k):
    f = k.tcp(80)
    cid = k.hexid(8)
    http_post(k, f, 'PATCH', '/api/conversations/%s' % cid, 'app.example.com',
              W.jdump({'data': {'type': 'conversations', 'id': cid, 'attributes': {'last-read-at': k.iso(f), 'muted': False,
                                                                                    'pinned': k.var % 2 == 0}}}),
              'application/vnd.api+json', 200, W.jdump({'meta': {'unread': 0}}), 'application/vnd.api+json', [bearer(k)], think=0.2)
    f.close()
    return C.neg('JSON:API PATCH of read marker and flags')


def email_api_receipt(k):
    f = k.tcp(80)
    order = k.rng.randrange(100000, 999999)
    text = ('Hello,\n\nThank you for your order #%d. Your parcel has been handed to the carrier and should arrive within '
            '2-3 working days. Track it at https://shop.example.com/t/%s\n\nThis is an automated message, please do not '
            'reply.\n' % (order, k.hexid(10)))
    body = W.jdump({'From': 'Example Shop <no-reply@shop.example.com>', 'To': handle(k) + '@example.net',
                    'Subject': 'Your order #%d has shipped' % order, 'TextBody': text, 'Tag': 'shipping-confirmation',
                    'Headers': [{'Name': 'Auto-Submitted', 'Value': 'auto-generated'}], 'MessageStream': 'transactional'})
    http_post(k, f, 'POST', '/email', 'mailapi.example.net', body, 'application/json', 200,
              W.jdump({'MessageID': k.uuid(), 'ErrorCode': 0}), think=0.05)
    f.close()
    return C.neg('email-send API: a shop\'s automated shipping confirmation', 'en')


def push_program(k):
    f = k.tcp(80)
    texts = ['Battery low on Front Door sensor (12%)', 'Your parcel is out for delivery',
             'Motion detected: Garden camera', 'Washing machine finished (Eco 40-60)']
    for i in range(k.rng.randrange(1, 3)):
        http_post(k, f, 'POST', '/fcm/send', 'push.example.com',
                  W.jdump({'to': k.hexid(22) + ':' + k.hexid(60), 'notification': {'title': 'Home', 'body': k.pick(texts)},
                           'data': {'event': k.pick(['battery', 'motion', 'appliance'])}}), 'application/json', 200,
                  W.jdump({'success': 1, 'failure': 0}), think=k.human(30, 300) if i else 0.05)
    f.close()
    return C.neg('push notification a home hub generates', 'en')


def sms_form_otp(k):
    path, keys = SMS_STYLES[(k.var + 1) % len(SMS_STYLES)]
    if '%s' in path:
        path = path % k.hexid(32)
    f = k.tcp(80)
    text = k.pick(['Your verification code is %06d. It expires in 10 minutes.', 'Ihr Bestätigungscode lautet %06d.',
                   'G-%06d is your login code. Do not share it.']) % k.rng.randrange(10 ** 6)
    vals = {'to': '+%d' % k.rng.randrange(10 ** 10, 10 ** 11), 'frm': 'VERIFY', 'key': k.hexid(8), 'sec': k.hexid(16), 'text': text}
    http_post(k, f, 'POST', path, 'sms.example.com', W.form([(a, b.format(**vals)) for a, b in keys]),
              'application/x-www-form-urlencoded', 200, W.jdump({'status': 'queued'}), think=0.05)
    f.close()
    return C.neg('SMS gateway form carrying a one-time code')


def hal_threads(k):
    f = k.tcp(80)
    items = [{'_links': {'self': {'href': '/threads/%d' % (4000 + i)}}, 'id': 4000 + i, 'posts': k.rng.randrange(1, 80),
              'last_post_at': k.iso(f), 'participants': [k.rng.randrange(10 ** 5) for _ in range(3)]} for i in range(8)]
    f.c_(W.http_req('GET', '/threads?page=2', 'board.example.org', [C.ua(k), 'Accept: application/hal+json']), think=0.2)
    f.s_(W.http_resp(200, W.jdump({'_links': {'next': {'href': '/threads?page=3'}}, '_embedded': {'threads': items},
                                   'total': 311}), 'application/hal+json'))
    f.close()
    return C.neg('HAL thread listing: ids, counts, times')


def ndjson_events(k):
    f = k.tcp(80)
    evs = [{'ev': e, 'ts': k.epoch_ms(f) + i * 137, 'screen': k.pick(['inbox', 'thread', 'compose']), 'dur_ms': k.rng.randrange(5, 900)}
           for i, e in enumerate(k.rng.sample(['tap_compose', 'scroll', 'keyboard_open', 'send_tapped', 'thread_open',
                                               'attachment_picker'], 5))]
    nd = b''.join(W.jdump(e) + b'\n' for e in evs)
    f.c_(W.http_req('POST', '/sync/v1/events', 'sync.example.net', [C.ua(k)], nd, 'application/x-ndjson'), think=0.3)
    f.s_(W.http_resp(204))
    f.close()
    return C.neg('NDJSON batch of UI events')


# ========================================================================= binary-framing
BF = 'binary-framing'


def pb_nested(k):
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8080]))
    conv = k.hexid(16)
    for i, text in enumerate(lines(k, k.rng.randrange(1, 3))):
        mentions = b''.join(W.varint(x) for x in sorted(k.rng.sample(range(0, 40), 2)))
        env = W.pb([(1, [(1, k.uuid()), (2, k.epoch_ms(f)), (4, b''.join(W.varint(x) for x in (1, 0, 3, 7)))]),
                    (2, [(1, [(1, text), (2, mentions)]), (3, k.rng.randrange(1, 5))]),
                    (5, conv), (6, [(1, handle(k)), (2, k.rng.randrange(10 ** 6))])])
        if recv:
            f.c_(W.http_req('GET', '/v2/conversations/%s/updates?since=%d' % (conv, k.epoch_ms(f) - 9000), 'im.example.com',
                            [C.ua(k), 'Accept: application/x-protobuf']), think=k.human() if i else 0.2)
            f.s_(W.http_resp(200, W.pb([(1, [(1, env)]), (2, k.rng.randrange(10 ** 6))]), 'application/x-protobuf'))
        else:
            http_post(k, f, 'POST', '/v2/conversations/%s:send' % conv, 'im.example.com', env, 'application/x-protobuf', 200,
                      W.pb([(1, k.uuid()), (2, k.epoch_ms(f))]), 'application/x-protobuf', [bearer(k)],
                      think=k.human() if i else 0.2)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'protobuf envelope: nested header with packed flags, text beside packed '
                 'mention offsets')


def bson_opmsg(k):
    recv = k.var % 2 == 1
    f = k.tcp(27017)
    req = k.rng.randrange(1, 1000)
    f.c_(op_msg(req, 0, {'hello': 1, 'client': {'driver': {'name': 'nodejs', 'version': '6.3.0'}}, '$db': 'admin'}), think=0.01)
    f.s_(op_msg(k.rng.randrange(10 ** 6), req, {'isWritablePrimary': True, 'maxWireVersion': 21, 'ok': 1.0}))
    room = k.hexid(8)
    texts = lines(k, k.rng.randrange(1, 4))
    if recv:
        req += 1
        docs = [{'_id': ('oid', rnd(k, 12)), 'room': room, 'from': handle(k), 'text': t,
                 'ts': ('date', k.epoch_ms(f) - 60000 * (len(texts) - j))} for j, t in enumerate(texts)]
        f.c_(op_msg(req, 0, {'find': 'messages', 'filter': {'room': room}, 'sort': {'ts': -1}, 'limit': 50, '$db': 'chat'}),
             think=0.3)
        f.s_(op_msg(k.rng.randrange(10 ** 6), req, {'cursor': {'firstBatch': docs, 'id': 0, 'ns': 'chat.messages'}, 'ok': 1.0}))
    else:
        for i, t in enumerate(texts):
            req += 1
            doc = {'_id': ('oid', rnd(k, 12)), 'room': room, 'from': handle(k), 'text': t, 'ts': ('date', k.epoch_ms(f))}
            f.c_(op_msg(req, 0, {'insert': 'messages', 'ordered': True, '$db': 'chat'}, ('documents', [doc])),
                 think=k.human() if i else 0.3)
            f.s_(op_msg(k.rng.randrange(10 ** 6), req, {'n': 1, 'ok': 1.0}))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MongoDB OP_MSG %s of chat documents (BSON)' % ('find reply' if recv else 'insert'))


def kafka_chat(k):
    f = k.tcp(9092)
    client = 'chat-bridge-%s' % k.hexid(4)
    f.c_(kafka_apiversions(1, client), think=0.01)
    f.s_(kafka_apiversions_resp(1))
    texts = lines(k, k.rng.randrange(1, 4))
    room = k.hexid(6)
    for i, t in enumerate(texts):
        val = W.jdump({'room': room, 'author': handle(k), 'body': t, 'ts': k.epoch_ms(f)}, k.var % 3 == 2)
        batch = kafka_batch([(room.encode(), val)], k.epoch_ms(f))
        f.c_(kafka_produce(2 + i, client, 'chat.messages', 3, batch), think=k.human() if i else 0.2)
        f.s_(kafka_produce_resp(2 + i, 'chat.messages', 3, 88100 + i))
    f.close()
    return C.pos('to_server', 'Kafka Produce v3, record batch v2 whose value is a chat JSON')


def mqtt5_chat(k):
    recv = k.var % 2 == 1
    f = k.tcp(1883)
    me = handle(k)
    f.c_(mqtt5_connect('phone-' + k.hexid(6), me, [(0x11, 3600)]), think=0.01)
    f.s_(mqtt5_connack())
    topic = 'dm/%s/%s' % (me, handle(k))
    pid = k.rng.randrange(1, 1000)
    if recv:
        f.c_(mqtt5_subscribe('dm/+/%s' % me, pid), think=0.002)
        f.s_(mqtt5_suback(pid))
    for i, t in enumerate(lines(k, k.rng.randrange(1, 4))):
        pid += 1
        props = [(0x01, 1), (0x03, 'text/plain; charset=utf-8'), (0x26, ('from', name(k))), (0x26, ('msg-id', k.hexid(12)))]
        if recv:
            f.s_(mqtt5_publish(topic, t.encode(), props, 1, pid), think=k.human())
            f.c_(mqtt5_puback(pid), think=0.002)
        else:
            f.c_(mqtt5_publish(topic, t.encode(), props, 1, pid), think=k.human() if i else 0.5)
            f.s_(mqtt5_puback(pid))
    f.c_(b'\xe0\x00', think=0.5)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MQTT 5 PUBLISH, plain-text payload with payload-format, content-type '
                 'and user properties')


LEGACY = {'zh': ['gbk', 'big5'], 'ko': ['cp949'], 'ru': ['cp1251'], 'uk': ['cp1251'], 'th': ['cp874'], 'ar': ['cp1256'],
          'he': ['cp1255'], 'el': ['cp1253'], 'tr': ['cp1254'], 'ja': ['euc-jp']}
TRAD = ["你澆花了嗎？羅勒都快枯了", "明天早上可以順路載我一下嗎？我的車在修", "考試過了！！！", "在我車座底下找到你的錢包了",
        "你知道阿傑要不要跟我們一起去婚禮嗎？"]


def legacy_im(k):
    cs = LEGACY[k.lang][k.var % 2] if k.lang == 'zh' else LEGACY[k.lang][0]
    f = k.tcp(k.pick([8000, 4000, 5190 + 20]))
    uin, peer = k.rng.randrange(10 ** 5, 10 ** 9), k.rng.randrange(10 ** 5, 10 ** 9)
    seq = k.rng.randrange(1, 60000)
    recv = k.var % 3 == 2

    def pkt(cmd, body):
        return b'\x02' + struct.pack('!HHHI', 0x1f0b, cmd, seq, uin) + body + b'\x03'
    f.c_(pkt(0x0022, struct.pack('!B', 16) + rnd(k, 16)), think=0.01)
    f.s_(b'\x02' + struct.pack('!HHH', 0x1f0b, 0x0022, seq) + b'\x00' + rnd(k, 24) + b'\x03')
    texts = k.rng.sample(TRAD, 2) if cs == 'big5' else encodable(k, 2, cs)
    for i, t in enumerate(texts):
        seq += 1
        enc = t.encode(cs, errors='strict')
        body = struct.pack('!IIHHI', uin if not recv else peer, peer if not recv else uin, 0x000b, len(enc) + 9,
                           k.epoch_ms(f) // 1000) + b'\x01' + struct.pack('!H', 0x86) + b'\x00\x00' + enc + b'\x00'
        if recv:
            f.s_(b'\x02' + struct.pack('!HHH', 0x1f0b, 0x0017, seq) + body + b'\x03', think=k.human())
            f.c_(pkt(0x0017, struct.pack('!I', seq)), think=0.003)
        else:
            f.c_(pkt(0x0016, body), think=k.human() if i else 1.0)
            f.s_(b'\x02' + struct.pack('!HHH', 0x1f0b, 0x0016, seq) + b'\x00\x03')
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'legacy IM binary header (0x02 ... 0x03, uin, seq) with %s text' % cs)


def capnp_chat(k):
    f = k.tcp(k.pick([4000, 7400, 9999]))
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        f.c_(capnp_message(k.epoch_ms(f), [handle(k), t]), think=k.human() if i else 0.2)
        f.s_(capnp_message(k.epoch_ms(f), ['ok']))
    f.close()
    return C.pos('to_server', 'Cap\'n Proto-like word-aligned message (segment table, struct, byte-list texts)')


# ---- negatives
def bson_metrics(k):
    f = k.tcp(27017)
    req = k.rng.randrange(1, 1000)
    for i in range(k.rng.randrange(2, 5)):
        req += 1
        doc = {'_id': ('oid', rnd(k, 12)), 'host': 'nas-%s' % k.hexid(3), 'cpu': round(k.rng.uniform(1, 90), 2),
               'mem_free_mb': k.rng.randrange(100, 8000), 'disks': [{'dev': 'sda', 'used': round(k.rng.random(), 3)}],
               'level': 'info', 'message': 'metrics snapshot', 'ts': ('date', k.epoch_ms(f))}
        f.c_(op_msg(req, 0, {'insert': 'metrics', 'ordered': False, '$db': 'mon'}, ('documents', [doc])), think=10.0 if i else 0.2)
        f.s_(op_msg(k.rng.randrange(10 ** 6), req, {'n': 1, 'ok': 1.0}))
    f.close()
    return C.neg('MongoDB OP_MSG inserts of host metrics every 10 s')


def kafka_clicks(k):
    f = k.tcp(9092)
    client = 'web-%s' % k.hexid(4)
    f.c_(kafka_apiversions(1, client), think=0.01)
    f.s_(kafka_apiversions_resp(1))
    recs = [(None, W.jdump({'event': k.pick(['page_view', 'add_to_cart', 'message_sent', 'search']), 'uid': k.hexid(10),
                            'path': k.pick(['/', '/inbox', '/p/4821', '/checkout']), 'ts': k.epoch_ms(f) + j}))
            for j in range(k.rng.randrange(3, 9))]
    f.c_(kafka_produce(2, client, 'clickstream', 0, kafka_batch(recs, k.epoch_ms(f)), acks=1), think=0.2)
    f.s_(kafka_produce_resp(2, 'clickstream', 0, 1200))
    f.close()
    return C.neg('Kafka produce of clickstream events')


def mqtt5_telemetry(k):
    f = k.tcp(1883)
    f.c_(mqtt5_connect('sensor-' + k.hexid(6), 'house'), think=0.01)
    f.s_(mqtt5_connack())
    pid = 1
    for i in range(k.rng.randrange(3, 7)):
        pid += 1
        f.c_(mqtt5_publish('house/%s/state' % k.pick(['kitchen', 'garage', 'attic']),
                           W.jdump({'t': round(k.rng.uniform(15, 25), 1), 'rh': k.rng.randrange(30, 70), 'bat': k.rng.randrange(20, 100)}),
                           [(0x01, 1), (0x03, 'application/json'), (0x26, ('fw', '1.4.2'))], 1, pid), think=30.0 if i else 0.1)
        f.s_(mqtt5_puback(pid))
    f.close()
    return C.neg('MQTT 5 sensor state with properties, every 30 s')


def pb_state(k):
    f = k.tcp(80)
    env = W.pb([(1, [(1, k.uuid()), (2, k.epoch_ms(f)), (4, b''.join(W.varint(x) for x in (2, 2, 0)))]),
                (3, [(1, 'Pixel 8'), (2, 'Android 14'), (3, 'net.example.chat/5.2.1'), (4, b''.join(W.varint(x) for x in range(8)))]),
                (4, [(1, k.rng.uniform(40, 60)), (2, k.rng.uniform(0, 20))])])
    http_post(k, f, 'POST', '/v2/devices:report', 'im.example.com', env, 'application/x-protobuf', 200, W.pb([(1, 1)]),
              'application/x-protobuf', think=0.2)
    f.close()
    return C.neg('protobuf device report: model, OS, version, packed counters, location')


def legacy_keepalive(k):
    f = k.tcp(8000)
    uin = k.rng.randrange(10 ** 5, 10 ** 9)
    for i in range(k.rng.randrange(3, 6)):
        f.c_(b'\x02' + struct.pack('!HHHI', 0x1f0b, 0x0002, i + 1, uin) + struct.pack('!I', uin) + b'\x03', think=60.0 if i else 0.1)
        f.s_(b'\x02' + struct.pack('!HHH', 0x1f0b, 0x0002, i + 1) + b'\x00' + rnd(k, 8) + b'\x03')
    f.close()
    return C.neg('legacy IM keepalives every 60 s')


def capnp_metrics(k):
    f = k.tcp(7400)
    for i in range(3):
        f.c_(capnp_message(k.epoch_ms(f), ['cpu=%d' % k.rng.randrange(100), 'node-%s' % k.hexid(4)]), think=5.0 if i else 0.2)
        f.s_(capnp_message(k.epoch_ms(f), ['ok']))
    f.close()
    return C.neg('Cap\'n Proto-like metric samples')


# ========================================================================= datagram
DG = 'datagram'


def lanchat_udp(k):
    mode = k.var % 3
    f = k.udp(6868, sport=6868)
    me, peer = handles2(k)
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        mine = mode == 0 or (mode == 2 and i % 2 == 0)
        mid = k.hexid(8).encode()
        a, b = (me, peer) if mine else (peer, me)
        pkt = b'LCH1\x1eMSG\x1f' + a.encode() + b'\x1f' + b.encode() + b'\x1f' + mid + b'\x1f' + t.encode() + b'\x1e'
        ack = b'LCH1\x1eACK\x1f' + mid + b'\x1e'
        if mine:
            f.c_(pkt, think=k.human() if i else 0.5)
            f.s_(ack)
        else:
            f.s_(pkt, think=k.human())
            f.c_(ack, think=0.001)
    return C.pos(['to_server', 'to_client', '-'][mode], 'LAN-chat datagrams: fields split by US (0x1f), records by RS (0x1e)')


def syslog_chat(k):
    f = k.udp(514)
    room = k.pick(['#family', '#flat-42', '#climbing', '#book-club'])
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        msg = '<14>1 %s bridge01 chatbridge %d relay [origin@32473 room="%s" net="matrix"] \ufeff<%s> %s' % (
            k.iso(f), 800 + i, room, name(k), t)
        f.c_(msg.encode(), think=k.human() if i else 0.3)
    return C.pos('to_server', 'RFC 5424 syslog from a chat bridge relaying the room\'s messages')


def game_engine(k):
    engine = k.var % 2
    recv = k.var % 4 >= 2
    f = k.udp(27015 if engine == 0 else 17091, rtt=k.rng.uniform(0.02, 0.06))
    texts = lines(k, k.rng.randrange(2, 4))
    at = sorted(k.rng.sample(range(15, 280, 30), len(texts)))
    seq, ti, peer = k.rng.randrange(1000, 9000), 0, k.rng.randrange(0, 4000)
    for tick in range(300):
        seq += 1
        if engine == 0:
            state = struct.pack('<iiBH', seq, seq - 2, 0, k.rng.getrandbits(16)) + rnd(k, 18)
        else:
            state = struct.pack('!HH', 0x8000 | peer, k.rng.getrandbits(16)) + bytes([0x86, 1]) + struct.pack('!HH', seq & 0xffff, 20) + rnd(k, 20)
        f.c_(state, think=0.1)
        if tick % 4 == 0:
            f.s_(rnd(k, 40), think=0.002)
        if ti < len(texts) and tick == at[ti]:
            t = texts[ti]
            if engine == 0:
                if recv:
                    pkt = struct.pack('<iiBH', seq, seq, 0, 0) + b'\x05' + struct.pack('<B', 3) + name(k).encode() + b'\0' + t.encode() + b'\0'
                else:
                    pkt = struct.pack('<iiBH', seq, seq - 1, 0, 0) + b'\x04' + ('say "%s"' % t).encode() + b'\0'
            else:
                body = b'\x0b\x00' + struct.pack('!H', len(t.encode())) + t.encode()
                pkt = struct.pack('!HH', 0x8000 | peer, k.rng.getrandbits(16)) + bytes([0x86, 0]) + \
                    struct.pack('!HH', seq & 0xffff, len(body)) + body
            if recv:
                f.s_(pkt, think=0.004)
            else:
                f.c_(pkt, think=0.004)
            ti += 1
    return C.pos('to_client' if recv else 'to_server', '%s game chat among 300 state datagrams' % (
        ['Source-like netchan (string command say / server text)', 'ENet-like reliable command'][engine]))


def walkie_udp(k):
    f = k.udp(7300, sport=7300)
    call = (handle(k).upper()[:8]).ljust(8).encode()
    ch = k.rng.randrange(1, 16)
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        b = t.encode()
        f.c_(b'WTLK' + bytes([2, ch, 0x54]) + call + struct.pack('!H', len(b)) + b, think=k.human() if i else 0.3)
        f.s_(b'WTLK' + bytes([2, ch, 0x41]) + call)
    return C.pos('to_server', 'walkie-talkie app text on a channel: magic, channel, callsign, length, text')


def coap_json(k):
    f = k.udp(5683)
    mid = k.rng.randrange(0, 60000)
    room = k.hexid(6)
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        mid += 1
        tok = rnd(k, 4)
        opts = coap_opts([(11, b'rooms'), (11, room.encode()), (11, b'messages'), (12, b'\x32')])
        f.c_(bytes([0x44, 0x02]) + struct.pack('!H', mid) + tok + opts + b'\xff' + W.jdump({'text': t}), think=k.human() if i else 0.2)
        f.s_(bytes([0x64, 0x41]) + struct.pack('!H', mid) + tok + coap_opts([(8, b'm'), (8, k.hexid(6).encode())]))
    return C.pos('to_server', 'CoAP confirmable POST rooms/<id>/messages, Content-Format 50 (JSON)')


# ---- negatives
def dtls_like(k):
    f = k.udp(k.pick([4433, 5684, 3478]))
    hello = b'\xfe\xfd' + rnd(k, 32) + b'\x00\x00' + b'\x00\x04\xc0\x2b\xc0\xae\x01\x00' + b'\x00\x00'
    hs = b'\x01' + struct.pack('!I', len(hello))[1:] + b'\x00\x00' + b'\x00\x00\x00' + struct.pack('!I', len(hello))[1:] + hello
    f.c_(b'\x16\xfe\xfd\x00\x00' + struct.pack('!IH', 0, 0)[:6] + struct.pack('!H', len(hs)) + hs, think=0.01)
    f.s_(b'\x16\xfe\xfd\x00\x00' + b'\x00' * 6 + struct.pack('!H', 300) + rnd(k, 300))
    for i in range(k.rng.randrange(6, 14)):
        n = k.rng.randrange(40, 400)
        f.c_(b'\x17\xfe\xfd\x00\x01' + struct.pack('!IH', 0, i + 1) + struct.pack('!H', n) + rnd(k, n), think=k.human(0.5, 20))
        if k.rng.random() < 0.6:
            n = k.rng.randrange(40, 400)
            f.s_(b'\x17\xfe\xfd\x00\x01' + struct.pack('!IH', 0, i + 1) + struct.pack('!H', n) + rnd(k, n))
    return C.neg('DTLS 1.2-shaped handshake then application_data records (ciphertext)')


def mdns_names(k):
    names = ['Hannah\'s MacBook Pro', 'Wohnzimmer Lautsprecher', 'Cuisine', 'ห้องนั่งเล่น TV', 'Sala de estar', '客厅音箱']
    dev = k.home(False)
    f = k.udp(5353, client_ip=dev, server_ip='224.0.0.251', sport=5353)
    for i in range(k.rng.randrange(2, 4)):
        nm = k.pick(names)
        inst = '%s._airplay._tcp.local' % nm
        rr = dns_name('_airplay._tcp.local') + struct.pack('!HHIH', 12, 1, 4500, len(dns_name(inst))) + dns_name(inst)
        txt = b''.join(bytes([len(x)]) + x for x in [b'model=AudioAccessory5,1', b'features=0x4A7FDFD5', b'srcvers=760.20.1'])
        rr += dns_name(inst) + struct.pack('!HHIH', 16, 0x8001, 4500, len(txt)) + txt
        f.c_(struct.pack('!HHHHHH', 0, 0x8400, 0, 2, 0, 0) + rr, think=k.human(1, 60) if i else 0.1)
    return C.neg('mDNS announcements with friendly device names')


def ssdp_notify(k):
    dev = k.home(False)
    f = k.udp(1900, client_ip=dev, server_ip='239.255.255.250')
    for i in range(k.rng.randrange(2, 4)):
        f.c_(('NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://%s:8008/'
              'ssdp/device-desc.xml\r\nNT: urn:dial-multiscreen-org:service:dial:1\r\nNTS: ssdp:alive\r\nSERVER: Linux/3.8.13, '
              'UPnP/1.0, Portable SDK for UPnP devices/1.6.18\r\nUSN: uuid:%s::urn:dial-multiscreen-org:service:dial:1\r\n'
              'X-Friendly-Name: %s\r\n\r\n' % (dev, k.uuid(), k.pick(['Living Room TV', 'Kinderzimmer', 'Bedroom speaker']))).encode(),
             think=k.human(20, 90) if i else 0.1)
    return C.neg('SSDP NOTIFY with a friendly name')


def walkie_beacon(k):
    f = k.udp(7300, sport=7300)
    call = (handle(k).upper()[:8]).ljust(8).encode()
    for i in range(k.rng.randrange(5, 10)):
        f.c_(b'WTLK' + bytes([2, k.rng.randrange(1, 16), 0x42]) + call + bytes([k.rng.randrange(20, 100)]) + b'READY', think=5.0 if i else 0.1)
        f.s_(b'WTLK' + bytes([2, 0, 0x41]) + call)
    return C.neg('walkie-talkie presence beacons every 5 s')


def game_engine_state(k):
    f = k.udp(27015, rtt=k.rng.uniform(0.02, 0.06))
    seq = k.rng.randrange(1000, 9000)
    for tick in range(200):
        seq += 1
        f.c_(struct.pack('<iiBH', seq, seq - 2, 0, k.rng.getrandbits(16)) + rnd(k, 18), think=0.1)
        if tick % 4 == 0:
            f.s_(rnd(k, 40), think=0.002)
        if tick == 100:
            f.c_(struct.pack('<iiBH', seq, seq - 1, 0, 0) + b'\x04' + b'cl_updaterate 66\0', think=0.004)
    return C.neg('game-engine datagrams: state and a console variable, no chat')


def syslog_bridge(k):
    f = k.udp(514)
    evs = ['connected to matrix homeserver', 'joined room %s' % k.pick(['#family', '#climbing']), 'reconnect in 5s',
           'rate limited, backing off 2s', 'message relayed id=%s' % k.hexid(10)]
    for i in range(k.rng.randrange(3, 6)):
        f.c_(('<%d>1 %s bridge01 chatbridge 812 - - %s' % (k.pick([14, 12, 15]), k.iso(f), k.pick(evs))).encode(),
             think=k.human(0.5, 30) if i else 0.1)
    return C.neg('syslog from a chat bridge: connection events, no message text')


# ========================================================================= familiar protocols, unusual dialogues
FA = 'familiar'


def folded_extra(k):
    refs = ' '.join('<%s@example.org>' % k.hexid(14) for _ in range(k.rng.randrange(3, 6)))
    words = refs.split(' ')
    return ['References: ' + '\r\n\t'.join(words),
            'Received: from laptop.home.arpa (unknown [10.0.0.23])\r\n\tby smtp.example.net (Postfix) with ESMTPSA id %s\r\n'
            '\tfor <x@example.com>; %s' % (k.hexid(10).upper(), k.rfc5322()),
            'X-Mailer: Example Mail 3.2 (long header line folded at a space as RFC 5322 section 2.2.3\r\n allows it)']


def smtp_pipeline(k):
    f = k.tcp(k.pick([25, 587]))
    msg, frm, to = mail(k, extra=folded_extra(k))
    to2 = '%s@example.net' % handle(k)
    f.s_(b'220 smtp.example.net ESMTP\r\n')
    f.c_(b'EHLO laptop.home.arpa\r\n', think=0.003)
    f.s_(b'250-smtp.example.net\r\n250-PIPELINING\r\n250-CHUNKING\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n'
         b'250 SIZE 52428800\r\n')
    if k.var % 2 == 0:
        f.c_(b'MAIL FROM:<%s> BODY=8BITMIME SMTPUTF8\r\nRCPT TO:<%s>\r\nRCPT TO:<%s>\r\nBDAT %d LAST\r\n' % (
            frm.encode(), to.encode(), to2.encode(), len(msg)) + msg, think=0.003)
        f.s_(b'250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n250 2.0.0 Ok: %d bytes queued as %s\r\n' % (len(msg), k.hexid(9).upper().encode()))
        note = 'MAIL/RCPT/RCPT/BDAT LAST pipelined in one write'
    else:
        f.c_(b'MAIL FROM:<%s> BODY=8BITMIME\r\nRCPT TO:<%s>\r\nRCPT TO:<%s>\r\nDATA\r\n' % (frm.encode(), to.encode(), to2.encode()),
             think=0.003)
        f.s_(b'250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 <%s>: Recipient address rejected\r\n354 End data with <CR><LF>.<CR><LF>\r\n'
             % to2.encode())
        f.c_(W.dot_stuff(msg) + b'.\r\nQUIT\r\n', think=0.002)
        f.s_(b'250 2.0.0 Ok: queued as %s\r\n221 2.0.0 Bye\r\n' % k.hexid(9).upper().encode())
        note = 'PIPELINING with a rejected recipient, DATA and QUIT in one write'
    f.close()
    return C.pos('to_server', 'SMTP %s, folded References/Received headers' % note)


def pop3_apop_session(k, f):
    ts = '<%d.%d@pop.example.net>' % (k.rng.randrange(1000, 99999), k.rng.randrange(10 ** 9))
    msgs = [mail(k, cte=k.pick(['8bit', 'quoted-printable']))[0] for _ in range(k.rng.randrange(1, 3))]
    f.s_(b'+OK POP3 ready %s\r\n' % ts.encode())
    f.c_(b'CAPA\r\n', think=0.01)
    f.s_(b'+OK Capability list follows\r\nTOP\r\nUIDL\r\nUSER\r\nPIPELINING\r\nRESP-CODES\r\n.\r\n')
    f.c_(b'APOP %s %s\r\n' % (handle(k).encode(), hashlib.md5((ts + 'secret').encode()).hexdigest().encode()), think=0.004)
    f.s_(b'+OK maildrop has %d messages\r\n' % (len(msgs) + 5))
    f.c_(b'UIDL\r\n', think=0.002)
    f.s_(b'+OK\r\n' + b''.join(b'%d %s\r\n' % (i + 1, k.hexid(16).encode()) for i in range(len(msgs) + 5)) + b'.\r\n')
    f.c_(b'TOP %d 0\r\n' % 6, think=0.002)
    f.s_(b'+OK\r\n' + msgs[0].split(b'\r\n\r\n')[0] + b'\r\n\r\n.\r\n')
    for i, m in enumerate(msgs):
        f.c_(b'RETR %d\r\nUIDL %d\r\n' % (i + 6, i + 6), think=0.003)
        f.s_(b'+OK %d octets\r\n' % len(m) + W.dot_stuff(m) + b'.\r\n+OK %d %s\r\n' % (i + 6, k.hexid(16).encode()))
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK bye\r\n')
    f.close()


def pop3_apop(k):
    pop3_apop_session(k, k.tcp(110))
    return C.pos('to_client', 'POP3 APOP login, CAPA, UIDL, TOP, pipelined RETR+UIDL')


def imap_split(k):
    f = k.tcp(143)
    m = mail(k)[0]
    body = m.split(b'\r\n\r\n', 1)[1]
    f.s_(b'* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] ready\r\n')
    f.c_(b'A1 LOGIN %s {8+}\r\n%s\r\n' % (handle(k).encode(), k.hexid(4).encode()), think=0.01)
    f.s_(b'A1 OK LOGIN completed\r\n')
    f.c_(b'A2 EXAMINE INBOX\r\n', think=0.002)
    f.s_(b'* 41 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\nA2 OK [READ-ONLY] EXAMINE completed\r\n')
    uid = k.rng.randrange(1000, 9000)
    if k.var % 2 == 0:
        f.c_(b'A3 UID FETCH %d (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)] BODY.PEEK[TEXT])\r\n' % uid, think=0.003)
        hdr = b'\r\n'.join(ln for ln in m.split(b'\r\n\r\n')[0].split(b'\r\n') if ln.startswith((b'From:', b'Subject:'))) + b'\r\n\r\n'
        lit = b'* 41 FETCH (UID %d BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}\r\n' % (uid, len(hdr)) + hdr + \
            b' BODY[TEXT] {%d}\r\n' % len(body) + body + b')\r\nA3 OK UID FETCH completed\r\n'
    else:
        part = body[:max(40, len(body) * 2 // 3)]
        f.c_(b'A3 UID FETCH %d (BODY.PEEK[1]<0.%d>)\r\n' % (uid, len(part)), think=0.003)
        lit = b'* 41 FETCH (UID %d BODY[1]<0> {%d}\r\n' % (uid, len(part)) + part + b')\r\nA3 OK UID FETCH completed\r\n'
    cuts = sorted(k.rng.sample(range(10, len(lit) - 10), 2))
    f.s_(lit[:cuts[0]])
    f.s_(lit[cuts[0]:cuts[1]], think=0.03)
    f.s_(lit[cuts[1]:], think=0.03)
    f.c_(b'A4 LOGOUT\r\n', think=0.2)
    f.s_(b'* BYE\r\nA4 OK LOGOUT completed\r\n')
    f.close()
    return C.pos('to_client', 'IMAP UID FETCH %s, the literal split over three server writes' % (
        'header fields + BODY[TEXT]' if k.var % 2 == 0 else 'of a partial body <0.n>'))


def xmpp_sm(k):
    me, peer = handles2(k)
    f = k.tcp(5222)
    C.xmpp_login(k, f, me)
    f.c_(b"<enable xmlns='urn:xmpp:sm:3' resume='true'/>", think=0.002)
    f.s_(b"<enabled xmlns='urn:xmpp:sm:3' id='%s' resume='true' max='300'/>" % k.hexid(16).encode())
    f.c_(b"<iq type='set' id='c1'><enable xmlns='urn:xmpp:carbons:2'/></iq>", think=0.002)
    f.s_(b"<iq type='result' id='c1'/>")
    mine, theirs = '%s@example.net' % me, '%s@example.org' % peer
    h = 3
    mode = k.var % 2
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        inner = ("<message xmlns='jabber:client' from='%s/laptop' to='%s' type='chat' id='%s'><body>%s</body></message>" % (
            mine, theirs, k.hexid(8), C.xml_esc(t)) if mode == 0 else
            "<message xmlns='jabber:client' from='%s/phone' to='%s' type='chat' id='%s'><body>%s</body></message>" % (
            theirs, mine, k.hexid(8), C.xml_esc(t)))
        kind = 'sent' if mode == 0 else 'received'
        f.s_(("<message from='%s' to='%s/phone' type='chat'><%s xmlns='urn:xmpp:carbons:2'><forwarded "
              "xmlns='urn:xmpp:forward:0'>%s</forwarded></%s></message>" % (mine, mine, kind, inner, kind)).encode(),
             think=k.human())
        h += 1
        f.s_(b"<r xmlns='urn:xmpp:sm:3'/>", think=0.001)
        f.c_(b"<a xmlns='urn:xmpp:sm:3' h='%d'/>" % h, think=0.002)
    f.c_(b"</stream:stream>", think=1.0)
    f.s_(b"</stream:stream>")
    f.close()
    return C.pos('to_client', 'XMPP stream management (r/a) with message carbons (%s)' % ('sent' if mode == 0 else 'received'))


# ---- negatives (familiar)
def xmpp_sm_only(k):
    me = handle(k)
    f = k.tcp(5222)
    C.xmpp_login(k, f, me)
    f.c_(b"<enable xmlns='urn:xmpp:sm:3' resume='true'/>", think=0.002)
    f.s_(b"<enabled xmlns='urn:xmpp:sm:3' id='%s' resume='true'/>" % k.hexid(16).encode())
    for i in range(k.rng.randrange(3, 6)):
        f.s_(b"<presence from='%s@example.org/phone'><show>away</show><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
             b"node='https://example.org/app' ver='%s'/></presence>" % (handle(k).encode(), k.hexid(12).encode()), think=k.human(5, 60))
        f.s_(b"<r xmlns='urn:xmpp:sm:3'/>", think=0.001)
        f.c_(b"<a xmlns='urn:xmpp:sm:3' h='%d'/>" % (i + 4), think=0.002)
    f.close()
    return C.neg('XMPP stream management acks and presence only')


def imap_structure(k):
    f = k.tcp(143)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n')
    f.c_(b'A1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(8).encode()), think=0.01)
    f.s_(b'A1 OK LOGIN completed\r\n')
    f.c_(b'A2 SELECT INBOX\r\n', think=0.002)
    f.s_(b'* 64 EXISTS\r\nA2 OK [READ-WRITE] SELECT completed\r\n')
    f.c_(b'A3 UID FETCH 1:* (FLAGS INTERNALDATE RFC822.SIZE BODYSTRUCTURE)\r\n', think=0.003)
    rows = b''.join(b'* %d FETCH (UID %d FLAGS (\\Seen) INTERNALDATE "03-Mar-2025 08:%02d:11 +0000" RFC822.SIZE %d BODYSTRUCTURE '
                    b'("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "8BIT" %d %d NIL NIL NIL NIL))\r\n' % (
                        i + 1, 900 + i, i % 60, 1500 + 37 * i, 400 + 11 * i, 9 + i % 7) for i in range(64))
    f.s_(rows + b'A3 OK UID FETCH completed\r\n')
    f.c_(b'A4 LOGOUT\r\n', think=0.2)
    f.s_(b'* BYE\r\nA4 OK LOGOUT completed\r\n')
    f.close()
    return C.neg('IMAP FETCH of flags, dates, sizes and BODYSTRUCTURE only')


def pop3_uidl_only(k):
    f = k.tcp(110)
    ts = '<%d.%d@pop.example.net>' % (k.rng.randrange(1000, 99999), k.rng.randrange(10 ** 9))
    f.s_(b'+OK POP3 ready %s\r\n' % ts.encode())
    f.c_(b'APOP %s %s\r\n' % (handle(k).encode(), hashlib.md5(ts.encode()).hexdigest().encode()), think=0.01)
    f.s_(b'+OK maildrop has 12 messages\r\n')
    f.c_(b'UIDL\r\n', think=0.002)
    f.s_(b'+OK\r\n' + b''.join(b'%d %s\r\n' % (i + 1, k.hexid(16).encode()) for i in range(12)) + b'.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK bye\r\n')
    f.close()
    return C.neg('POP3 APOP and UIDL only: nothing new to download')


# ---- hard negatives by SMTP (familiar shape)
HN = 'hard-negative'


def smtp_deliver(k, f, msg, frm, to):
    C.smtp_session(k, f, msg, frm, [to], port_name='mx.example.com', ehlo_host='mail.example.org')


def smtp_newsletter(k):
    subj, text = X.NEWSLETTER[k.lang]
    f = k.tcp(25, device_server=True)
    frm = 'news@garden.example.com'
    to = '%s@example.net' % handle(k)
    msg = W.mail('Example Garden <%s>' % frm, to, subj, text, k.rfc5322(), '%s@garden.example.com' % k.hexid(20), 'utf-8',
                 'quoted-printable', ['List-Unsubscribe: <https://garden.example.com/u/%s>, <mailto:unsub@garden.example.com>' % k.hexid(16),
                                      'List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'Precedence: bulk',
                                      'List-Id: Example Garden offers <offers.garden.example.com>', 'X-Campaign: spring-%s' % k.hexid(4)])
    smtp_deliver(k, f, msg, 'bounce-%s@garden.example.com' % k.hexid(8), to)
    f.close()
    return C.neg('marketing newsletter delivered to a home SMTP server: List-Unsubscribe, Precedence: bulk')


def smtp_autoreply(k):
    f = k.tcp(25)
    me, other = handles2(k)
    frm, to = '%s@example.org' % me, '%s@example.com' % other
    msg = W.mail('%s <%s>' % (me, frm), to, 'Automatic reply: %s' % k.pick(['invoice', 'Re: meeting', 'question']),
                 X.AUTOREPLY[k.lang], k.rfc5322(), '%s@example.org' % k.hexid(16), 'utf-8', '8bit',
                 ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All', 'In-Reply-To: <%s@example.com>' % k.hexid(12)])
    smtp_deliver(k, f, msg, '', to)
    f.close()
    return C.neg('out-of-office auto-reply (Auto-Submitted: auto-replied, null sender)')


def smtp_dsn(k):
    f = k.tcp(25)
    to = '%s@example.com' % handle(k)
    bnd = k.hexid(12)
    body = ('This is a MIME-encapsulated message.\r\n\r\n--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n'
            'This is the mail system at host mail.example.org.\r\n\r\nI\'m sorry to have to inform you that your message could '
            'not be delivered to one or more recipients.\r\n\r\n<%s@example.net>: host mx.example.net said: 550 5.1.1 '
            'User unknown\r\n\r\n--%s\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mail.example.org\r\n'
            'Final-Recipient: rfc822; %s@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--%s--\r\n' % (
                bnd, handle(k), bnd, handle(k), bnd))
    msg = ('From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\r\nTo: %s\r\nSubject: Undelivered Mail Returned to Sender\r\n'
           'Date: %s\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; '
           'report-type=delivery-status; boundary="%s"\r\n\r\n' % (to, k.rfc5322(), bnd) + body).encode()
    smtp_deliver(k, f, msg, '', to)
    f.close()
    return C.neg('delivery status notification (multipart/report) from MAILER-DAEMON', 'en')


# ========================================================================= line protocols
LP = 'line-protocol'


def lmtp(k):
    inbound = k.var % 2 == 1
    f = k.tcp(24, device_server=inbound)
    msg, frm, to = mail(k)
    to2 = '%s@example.net' % handle(k)
    f.s_(b'220 store.example.net LMTP server ready\r\n')
    f.c_(b'LHLO relay.example.org\r\n', think=0.002)
    f.s_(b'250-store.example.net\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n')
    f.c_(b'MAIL FROM:<%s>\r\nRCPT TO:<%s>\r\nRCPT TO:<%s>\r\nDATA\r\n' % (frm.encode(), to.encode(), to2.encode()), think=0.002)
    f.s_(b'250 2.1.0 OK\r\n250 2.1.5 OK\r\n250 2.1.5 OK\r\n354 Start mail input; end with <CRLF>.<CRLF>\r\n')
    f.c_(W.dot_stuff(msg) + b'.\r\n', think=0.002)
    f.s_(b'250 2.0.0 <%s> %s Saved\r\n452 4.2.2 <%s> Mailbox is full\r\n' % (to.encode(), k.hexid(12).encode(), to2.encode()))
    f.c_(b'QUIT\r\n', think=0.002)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.pos('to_client' if inbound else 'to_server', 'LMTP delivery (LHLO, one reply per recipient after DATA)')


def znc_playback(k):
    nick, other = handles2(k)
    f = k.tcp(k.pick([6667, 6697 - 1, 1025]))
    reply = k.var % 2 == 1
    caps = 'server-time batch znc.in/playback message-tags'
    C.irc_login(k, f, nick, server='bnc.example.net', cap=caps)
    chan = k.pick(['#family', '#flat-42', '#ultimate', '#kdrama'])
    bid = k.hexid(6)
    texts = lines(k, k.rng.randrange(3, 5))
    own = texts.pop() if reply else None
    out = b':bnc.example.net BATCH +%s chathistory %s\r\n' % (bid.encode(), chan.encode())
    for i, t in enumerate(texts):
        out += ('@batch=%s;time=2025-03-0%dT0%d:%02d:%02d.%03dZ :%s!%s@203.0.113.9 PRIVMSG %s :%s\r\n' % (
            bid, 2 + i // 2, 6 + i, k.rng.randrange(60), k.rng.randrange(60), k.rng.randrange(1000), other, other, chan, t)).encode()
    out += b':bnc.example.net BATCH -%s\r\n' % bid.encode()
    f.c_(b'PRIVMSG *playback :play %s 0\r\n' % chan.encode(), think=0.4)
    f.s_(out)
    if reply:
        f.c_(('PRIVMSG %s :%s\r\n' % (chan, own)).encode(), think=k.human(8, 40))
    f.c_(b'QUIT :detach\r\n', think=k.human(2, 10))
    f.s_(b'ERROR :Closing link\r\n')
    f.close()
    return C.pos('-' if reply else 'to_client', 'ZNC playback: BATCH chathistory of PRIVMSGs with server-time tags%s' % (
        ', then the user replies' if reply else ''))


def sip_tcp(k):
    f = k.tcp(5060, sport=k.rng.randrange(40000, 60000))
    me, peer = handles2(k)
    cpim = k.var % 2 == 1
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        if cpim:
            body = ('From: <sip:%s@example.net>\r\nTo: <sip:%s@example.org>\r\nDateTime: %s\r\n\r\nContent-Type: text/plain;'
                    'charset=utf-8\r\n\r\n%s' % (me, peer, k.iso(f), t)).encode()
            ctype = 'message/cpim'
        else:
            body, ctype = t.encode(), 'text/plain;charset=UTF-8'
        branch, call = 'z9hG4bK' + k.hexid(12), k.hexid(20)
        f.c_(('MESSAGE sip:%s@example.org SIP/2.0\r\nVia: SIP/2.0/TCP %s:%d;branch=%s\r\nMax-Forwards: 70\r\n'
              'From: "%s" <sip:%s@example.net>;tag=%s\r\nTo: <sip:%s@example.org>\r\nCall-ID: %s\r\nCSeq: %d MESSAGE\r\n'
              'Content-Type: %s\r\nContent-Length: %d\r\n\r\n' % (peer, f.c.ip, f.c.port, branch, name(k), me, k.hexid(8), peer,
                                                                  call, i + 1, ctype, len(body))).encode() + body,
             think=k.human() if i else 0.3)
        f.s_(('SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP %s:%d;branch=%s\r\nFrom: <sip:%s@example.net>;tag=x\r\nTo: <sip:%s@example.org>'
              ';tag=%s\r\nCall-ID: %s\r\nCSeq: %d MESSAGE\r\nContent-Length: 0\r\n\r\n' % (f.c.ip, f.c.port, branch, me, peer,
                                                                                          k.hexid(8), call, i + 1)).encode())
    f.close()
    return C.pos('to_server', 'SIP MESSAGE over TCP (%s)' % ('message/cpim wrapping text/plain' if cpim else 'text/plain'))


def msrp_frame(tid, to_path, from_path, mid, body, ctype='text/plain'):
    return ('MSRP %s SEND\r\nTo-Path: %s\r\nFrom-Path: %s\r\nMessage-ID: %s\r\nByte-Range: 1-%d/%d\r\nContent-Type: %s\r\n\r\n' % (
        tid, to_path, from_path, mid, len(body), len(body), ctype)).encode() + body + b'\r\n-------%s$\r\n' % tid.encode()


def msrp_ok(tid, to_path, from_path):
    return ('MSRP %s 200 OK\r\nTo-Path: %s\r\nFrom-Path: %s\r\n-------%s$\r\n' % (tid, to_path, from_path, tid)).encode()


def msrp_chat(k):
    f = k.tcp(2855)
    mine = 'msrp://%s:%d/%s;tcp' % (f.c.ip if ':' not in f.c.ip else '[%s]' % f.c.ip, f.c.port, k.hexid(10))
    theirs = 'msrp://relay.example.net:2855/%s;tcp' % k.hexid(10)
    mode = k.var % 3
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        out = mode == 0 or (mode == 2 and i % 2 == 0)
        tid = k.hexid(8)
        if out:
            f.c_(msrp_frame(tid, theirs, mine, k.hexid(10), t.encode()), think=k.human() if i else 0.4)
            f.s_(msrp_ok(tid, mine, theirs))
        else:
            f.s_(msrp_frame(tid, mine, theirs, k.hexid(10), t.encode()), think=k.human())
            f.c_(msrp_ok(tid, theirs, mine), think=0.002)
    f.close()
    return C.pos(['to_server', 'to_client', '-'][mode], 'MSRP (RFC 4975) SEND chunks with text/plain bodies')


def gopher_guestbook(k):
    f = k.tcp(70)
    t = line(k)
    f.c_(('/guestbook/sign\t%s: %s\r\n' % (name(k), t)).encode(), think=0.2)
    f.s_(b'iThanks, your note was added to the guestbook.\tfake\t(NULL)\t0\r\n1Back to the guestbook\t/guestbook\t'
         b'gopher.example.org\t70\r\n.\r\n')
    f.close()
    return C.pos('to_server', 'Gopher type-7 query: a guestbook note after the TAB')


# ---- negatives
def msrp_file(k):
    f = k.tcp(2855)
    mine = 'msrp://%s:%d/%s;tcp' % (f.c.ip if ':' not in f.c.ip else '[%s]' % f.c.ip, f.c.port, k.hexid(10))
    theirs = 'msrp://relay.example.net:2855/%s;tcp' % k.hexid(10)
    img = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00' + rnd(k, 2400)
    tid = k.hexid(8)
    f.c_(msrp_frame(tid, theirs, mine, k.hexid(10), img, 'image/jpeg'), think=0.4)
    f.s_(msrp_ok(tid, mine, theirs))
    f.close()
    return C.neg('MSRP SEND of a JPEG')


def sip_tcp_register(k):
    f = k.tcp(5060, sport=k.rng.randrange(40000, 60000))
    me = handle(k)
    for i in range(k.rng.randrange(2, 4)):
        branch, call = 'z9hG4bK' + k.hexid(12), k.hexid(20)
        f.c_(('REGISTER sip:example.net SIP/2.0\r\nVia: SIP/2.0/TCP %s:%d;branch=%s\r\nMax-Forwards: 70\r\nFrom: <sip:%s@example.net>'
              ';tag=%s\r\nTo: <sip:%s@example.net>\r\nCall-ID: %s\r\nCSeq: %d REGISTER\r\nContact: <sip:%s@%s:%d;transport=tcp>\r\n'
              'Expires: 600\r\nUser-Agent: Linphone/5.2\r\nContent-Length: 0\r\n\r\n' % (
                  f.c.ip, f.c.port, branch, me, k.hexid(8), me, call, i + 1, me, f.c.ip, f.c.port)).encode(), think=600.0 if i else 0.2)
        f.s_(('SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP %s:%d;branch=%s\r\nCall-ID: %s\r\nCSeq: %d REGISTER\r\nExpires: 600\r\n'
              'Content-Length: 0\r\n\r\n' % (f.c.ip, f.c.port, branch, call, i + 1)).encode())
    f.close()
    return C.neg('SIP REGISTER refreshes over TCP')


def gopher_browse(k):
    f = k.tcp(70)
    f.c_(b'/\r\n', think=0.2)
    menu = b''.join(b'%s%s\t/%s\tgopher.example.org\t70\r\n' % (t, s.encode(), s.lower().replace(' ', '-').encode())
                    for t, s in [(b'1', 'Phlog'), (b'0', 'About this server'), (b'1', 'Guestbook'), (b'7', 'Search the phlog'),
                                 (b'9', 'Photos archive')])
    f.s_(b'iWelcome to gopher.example.org\tfake\t(NULL)\t0\r\n' + menu + b'.\r\n')
    f.close()
    return C.neg('Gopher menu browsing')


def znc_status(k):
    nick = handle(k)
    f = k.tcp(6667)
    C.irc_login(k, f, nick, server='bnc.example.net')
    f.c_(b'PRIVMSG *status :ListNetworks\r\n', think=k.human(2, 8))
    f.s_(b':*status!znc@znc.in PRIVMSG %s :+-------+----+--------------+\r\n:*status!znc@znc.in PRIVMSG %s :| Network | OnIRC | IRC Server |\r\n'
         b':*status!znc@znc.in PRIVMSG %s :| libera | Yes | irc.example.net |\r\n' % (nick.encode(), nick.encode(), nick.encode()))
    f.c_(b'PING :bnc.example.net\r\n', think=90.0)
    f.s_(b':bnc.example.net PONG bnc.example.net :bnc.example.net\r\n')
    f.close()
    return C.neg('ZNC *status module: network table, PING')


# ========================================================================= tunnels and partial captures
TP = 'tunnel-partial'


def mid_ws(k):
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8080, 3000]), handshake=False)
    room = k.hexid(8)
    if recv:
        f.s_(W.ws_frame(W.jdump({'t': 'msg', 'room': room, 'from': name(k), 'body': line(k)}))[k.rng.randrange(9, 30):], think=0.01)
    else:
        mask = rnd(k, 4)
        f.c_(W.ws_frame(W.jdump({'t': 'typing', 'room': room}), 1, mask)[k.rng.randrange(7, 14):], think=0.01)
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        rec = W.jdump({'t': 'msg', 'room': room, 'body': t, 'nonce': k.hexid(10)})
        if recv:
            f.s_(W.ws_frame(W.jdump({'t': 'msg', 'room': room, 'from': name(k), 'body': t})), think=k.human())
        else:
            f.c_(W.ws_frame(rec, 1, rnd(k, 4)), think=k.human())
            f.s_(W.ws_frame(W.jdump({'t': 'ack', 'nonce': k.hexid(10)})))
    f.cut()
    return C.pos('to_client' if recv else 'to_server', 'capture starts inside a WebSocket frame (%s), then whole JSON chat '
                 'frames' % ('server, unmasked' if recv else 'client, masked'))


def http_pipelined(k):
    f = k.tcp(80)
    host = 'chat.example.org'
    room = k.hexid(8)
    t = line(k)
    reqs = W.http_req('GET', '/api/me', host, [C.ua(k), 'Cookie: s=' + k.hexid(20)]) + \
        W.http_req('POST', '/api/rooms/%s/messages' % room, host, ['Cookie: s=' + k.hexid(20)], W.jdump({'text': t}), 'application/json') + \
        W.http_req('GET', '/api/rooms/%s/unread' % room, host, ['Cookie: s=' + k.hexid(20)])
    f.c_(reqs, think=0.2)
    f.s_(W.http_resp(200, W.jdump({'id': k.rng.randrange(10 ** 6), 'handle': handle(k)})) +
         W.http_resp(201, W.jdump({'id': k.hexid(12), 'ok': True})) + W.http_resp(200, W.jdump({'unread': 0})))
    f.close()
    return C.pos('to_server', 'three pipelined HTTP/1.1 requests in one segment, the chat POST in the middle')


def connect_chat(k):
    kind = k.var % 2
    f = k.tcp(k.pick([3128, 8080]))
    target = 'broker.example.net:1883' if kind == 0 else 'mq.example.org:61613'
    f.c_(b'CONNECT %s HTTP/1.1\r\nHost: %s\r\nProxy-Authorization: Basic %s\r\n\r\n' % (
        target.encode(), target.encode(), base64.b64encode(b'home:' + k.hexid(6).encode())), think=0.01)
    f.s_(b'HTTP/1.1 200 Connection established\r\nProxy-Agent: squid/6.6\r\n\r\n')
    me = handle(k)
    if kind == 0:
        f.c_(C.mqtt_connect('app-' + k.hexid(6), me), think=0.005)
        f.s_(C.MQTT_CONNACK)
        for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
            f.c_(C.mqtt_publish('chat/%s/out' % me, W.jdump({'to': handle(k), 'text': t}), 1, i + 1), think=k.human() if i else 0.4)
            f.s_(C.mqtt_puback(i + 1))
    else:
        f.c_(b'CONNECT\naccept-version:1.2\nhost:mq.example.org\nlogin:%s\npasscode:%s\n\n\0' % (me.encode(), k.hexid(8).encode()),
             think=0.005)
        f.s_(b'CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0')
        for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
            b = t.encode()
            f.c_(b'SEND\ndestination:/queue/dm.%s\ncontent-type:text/plain;charset=utf-8\ncontent-length:%d\nreceipt:r%d\n\n' % (
                handle(k).encode(), len(b), i) + b + b'\0', think=k.human() if i else 0.4)
            f.s_(b'RECEIPT\nreceipt-id:r%d\n\n\0' % i)
    f.close()
    return C.pos('to_server', 'HTTP CONNECT to %s, then %s chat' % (target.split(':')[1], ['MQTT', 'STOMP'][kind]))


def imap_server_half(k):
    f = k.tcp(143, half='server')
    msgs = [mail(k)[0] for _ in range(k.rng.randrange(1, 3))]
    C.imap_fetch_session(k, f, msgs, item='UID')
    f.close()
    return C.pos('to_client', 'only the server\'s half of an IMAP session: untagged UID FETCH literals')


def after_100k(k):
    f = k.tcp(80)
    host = 'app.example.net'
    f.c_(W.http_req('GET', '/static/app.%s.js' % k.hexid(8), host, [C.ua(k), 'Accept-Encoding: identity']), think=0.1)
    if k.var % 2 == 0:
        idents = ['%s%d' % (k.pick('abcdefghxyz'), k.rng.randrange(999)) for _ in range(200)]
        js = ';'.join('function %s(%s){return %s(%d)+%s}' % (k.pick(idents), k.pick(idents), k.pick(idents), k.rng.randrange(10 ** 6),
                                                              k.pick(idents)) for _ in range(2600))
        body, ct = js.encode()[:110000], 'application/javascript'
    else:
        body, ct = b'\x89PNG\r\n\x1a\n' + rnd(k, 120000), 'image/png'
    f.s_(W.http_resp(200, body, ct))
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        http_post(k, f, 'POST', '/api/threads/%s/messages' % k.hexid(8), host, W.jdump({'text': t}), 'application/json', 201,
                  W.jdump({'ok': True}), hdrs=['Cookie: s=' + k.hexid(20)], think=k.human(20, 60))
    f.close()
    return C.pos('to_server', 'keep-alive flow: a %d kB download, then the chat POST' % (len(body) // 1000))


# ---- negatives
def mid_ws_state(k):
    f = k.tcp(8080, handshake=False)
    f.s_(W.ws_frame(rnd(k, 300), 2)[k.rng.randrange(20, 100):], think=0.01)
    for i in range(k.rng.randrange(20, 40)):
        f.s_(W.ws_frame(struct.pack('!HI', 7, i) + rnd(k, 60), 2), think=0.1)
        if i % 5 == 0:
            f.c_(W.ws_frame(struct.pack('!HI', 9, i) + rnd(k, 12), 2, rnd(k, 4)), think=0.005)
    f.cut()
    return C.neg('mid-stream WebSocket: binary game-state frames')


def http_pipelined_assets(k):
    f = k.tcp(80)
    paths = ['/css/site.%s.css' % k.hexid(6), '/img/logo.svg', '/fonts/inter.woff2']
    f.c_(b''.join(W.http_req('GET', p, 'www.example.com', [C.ua(k)]) for p in paths), think=0.1)
    f.s_(W.http_resp(200, b'body{margin:0;font-family:Inter,sans-serif}' * 20, 'text/css') +
         W.http_resp(200, b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
                     'image/svg+xml') + W.http_resp(200, b'wOF2' + rnd(k, 3000), 'font/woff2'))
    f.close()
    return C.neg('three pipelined GETs for static assets')


def connect_telemetry(k):
    f = k.tcp(3128)
    f.c_(b'CONNECT broker.example.net:1883 HTTP/1.1\r\nHost: broker.example.net:1883\r\n\r\n', think=0.01)
    f.s_(b'HTTP/1.1 200 Connection established\r\n\r\n')
    f.c_(C.mqtt_connect('meter-' + k.hexid(6)), think=0.005)
    f.s_(C.MQTT_CONNACK)
    for i in range(k.rng.randrange(3, 6)):
        f.c_(C.mqtt_publish('meter/%s/power' % k.hexid(4), W.jdump({'w': k.rng.randrange(100, 3000), 'kwh': round(k.rng.uniform(1000, 9000), 2)})),
             think=10.0 if i else 0.2)
    f.close()
    return C.neg('HTTP CONNECT to MQTT, power-meter telemetry')


def imap_half_list(k):
    f = k.tcp(143, half='server')
    C.imap_fetch_session(k, f, [b''] * 3, fetch=False)
    f.close()
    return C.neg('server half of IMAP: flags and sizes only')


def after_100k_beacon(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/static/app.%s.js' % k.hexid(8), 'app.example.net', [C.ua(k)]), think=0.1)
    f.s_(W.http_resp(200, rnd(k, 105000), 'application/octet-stream'))
    http_post(k, f, 'POST', '/collect', 'app.example.net', W.jdump({'e': 'page_ready', 'ms': k.rng.randrange(200, 3000),
                                                                     'sid': k.hexid(16)}), 'application/json', 204, think=2.0)
    f.close()
    return C.neg('a 105 kB download then an analytics beacon')


# ========================================================================= device as server
DS = 'device-server'


def home_webmail(k):
    f = k.tcp(k.pick([80, 8080]), device_server=True)
    for i in range(k.rng.randrange(1, 3)):
        fn, tn = names2(k)
        mid = k.rng.randrange(100, 9999)
        f.c_(W.http_req('GET', '/webmail/api/messages/%d?format=json' % mid, 'mail.home.example.net', [C.ua(k), 'Cookie: rc=' + k.hexid(20)]),
             think=k.human() if i else 0.3)
        f.s_(W.http_resp(200, W.jdump({'uid': mid, 'from': {'name': fn, 'addr': handle(k) + '@example.org'}, 'subject': k.pick(X.SUBJECTS[k.lang]),
                                       'date': k.rfc5322(), 'text_body': mailbody(k, tn, fn, 2), 'flags': ['\\Seen']})))
    f.close()
    return C.pos('to_server', 'a home webmail serves a message as JSON to an outside browser')


def home_imap_idle(k):
    f = k.tcp(143, device_server=True)
    m = mail(k)[0]
    f.s_(b'* OK [CAPABILITY IMAP4rev1 IDLE] home IMAP ready\r\n')
    f.c_(b'a1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(8).encode()), think=0.01)
    f.s_(b'a1 OK Logged in\r\n')
    f.c_(b'a2 SELECT INBOX\r\n', think=0.002)
    f.s_(b'* 17 EXISTS\r\na2 OK [READ-WRITE] Select completed\r\n')
    f.c_(b'a3 IDLE\r\n', think=0.002)
    f.s_(b'+ idling\r\n')
    f.s_(b'* 18 EXISTS\r\n', think=k.human(30, 200))
    f.c_(b'DONE\r\n', think=0.05)
    f.s_(b'a3 OK Idle completed\r\n')
    f.c_(b'a4 FETCH 18 (FLAGS BODY.PEEK[])\r\n', think=0.002)
    f.s_(b'* 18 FETCH (FLAGS () BODY[] {%d}\r\n' % len(m) + m + b')\r\na4 OK Fetch completed\r\n')
    f.close()
    return C.pos('to_server', 'home IMAP server: IDLE, new-mail EXISTS, FETCH BODY[] to an outside client')


def home_matrix_fed(k):
    inbound = k.var % 2 == 1
    f = k.tcp(8008, device_server=inbound)
    origin, dest = ('example.org', 'home.example.net') if inbound else ('home.example.net', 'example.org')
    room = '!%s:%s' % (k.hexid(12), origin)
    pdus = [{'type': 'm.room.message', 'room_id': room, 'sender': '@%s:%s' % (handle(k), origin), 'origin_server_ts': k.epoch_ms(f) + j,
             'content': {'msgtype': 'm.text', 'body': t}, 'depth': 300 + j, 'prev_events': ['$' + k.hexid(40)],
             'auth_events': ['$' + k.hexid(40)], 'hashes': {'sha256': k.hexid(43)},
             'signatures': {origin: {'ed25519:a_' + k.hexid(4): k.hexid(86)}}} for j, t in enumerate(lines(k, k.rng.randrange(1, 3)))]
    body = W.jdump({'origin': origin, 'origin_server_ts': k.epoch_ms(f), 'pdus': pdus, 'edus': []})
    f.c_(W.http_req('PUT', '/_matrix/federation/v1/send/%d' % k.epoch_ms(f), dest,
                    ['Authorization: X-Matrix origin="%s",destination="%s",key="ed25519:a_x",sig="%s"' % (origin, dest, k.hexid(86))],
                    body, 'application/json'), think=0.1)
    f.s_(W.http_resp(200, W.jdump({'pdus': {p['room_id']: {} for p in pdus}})))
    f.close()
    return C.pos('to_client' if inbound else 'to_server', 'Matrix federation /send/ transaction, %s' % (
        'an outside homeserver to the home one' if inbound else 'the home homeserver to an outside one'))


def home_xmpp_mam(k):
    f = k.tcp(5222, device_server=True)
    me, peer = handles2(k)
    C.xmpp_login(k, f, me, domain='home.example.net')
    qid = k.hexid(8)
    f.c_(("<iq type='set' id='q1'><query xmlns='urn:xmpp:mam:2' queryid='%s'><x xmlns='jabber:x:data' type='submit'><field "
          "var='FORM_TYPE'><value>urn:xmpp:mam:2</value></field><field var='with'><value>%s@home.example.net</value></field>"
          "</x></query></iq>" % (qid, peer)).encode(), think=0.4)
    out = b''
    for t in lines(k, k.rng.randrange(2, 5)):
        who = k.pick([me, peer])
        out += ("<message to='%s@home.example.net/laptop'><result xmlns='urn:xmpp:mam:2' queryid='%s' id='%s'><forwarded "
                "xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='%s'/><message from='%s@home.example.net' "
                "type='chat'><body>%s</body></message></forwarded></result></message>" % (
                    me, qid, k.hexid(12), k.iso(f), who, C.xml_esc(t))).encode()
    f.s_(out + b"<iq type='result' id='q1'><fin xmlns='urn:xmpp:mam:2' complete='true'/></iq>")
    f.c_(b'</stream:stream>', think=k.human(3, 20))
    f.s_(b'</stream:stream>')
    f.close()
    return C.pos('to_server', 'home XMPP server returns archived chat (MAM) to an outside client')


def home_pop3(k):
    pop3_apop_session(k, k.tcp(110, device_server=True))
    return C.pos('to_server', 'home POP3 server: APOP, UIDL, TOP, RETR to an outside client')


# ---- negatives
def home_webdav(k):
    f = k.tcp(80, device_server=True)
    f.c_(W.http_req('PROPFIND', '/remote.php/dav/files/%s/' % handle(k), 'cloud.home.example.net', [C.ua(k), 'Depth: 1'],
                    b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:allprop/></d:propfind>', 'application/xml'), think=0.2)
    items = ''.join('<d:response><d:href>/remote.php/dav/files/x/%s</d:href><d:propstat><d:prop><d:getlastmodified>%s'
                    '</d:getlastmodified><d:getcontentlength>%d</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK'
                    '</d:status></d:propstat></d:response>' % (n, k.rfc5322(), k.rng.randrange(10 ** 6))
                    for n in ['Photos/', 'Documents/', 'IMG_2041.jpg', 'taxes-2024.pdf', 'notes.md'])
    f.s_(W.http_resp(207, ('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">%s</d:multistatus>' % items).encode(), 'application/xml'))
    f.close()
    return C.neg('home WebDAV PROPFIND listing to an outside client')


def home_matrix_idle(k):
    f = k.tcp(8008, device_server=True)
    f.c_(W.http_req('GET', '/_matrix/client/versions', 'home.example.net', [C.ua(k)]), think=0.1)
    f.s_(W.http_resp(200, W.jdump({'versions': ['v1.1', 'v1.2', 'v1.3'], 'unstable_features': {'org.matrix.msc3916': True}})))
    for i in range(k.rng.randrange(2, 4)):
        f.c_(W.http_req('GET', '/_matrix/client/v3/sync?since=s%d&timeout=30000' % (900 + i), 'home.example.net', [bearer(k)]), think=0.05)
        f.s_(W.http_resp(200, W.jdump({'next_batch': 's%d' % (901 + i), 'rooms': {}, 'presence': {'events': []}})), think=30.0)
    f.close()
    return C.neg('home Matrix server: versions and empty long-poll syncs')


def home_xmpp_disco(k):
    f = k.tcp(5222, device_server=True)
    me = handle(k)
    C.xmpp_login(k, f, me, domain='home.example.net')
    f.c_(b"<iq type='get' id='d1' to='home.example.net'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", think=0.1)
    f.s_(b"<iq type='result' id='d1' from='home.example.net'><query xmlns='http://jabber.org/protocol/disco#info'><identity "
         b"category='server' type='im' name='Prosody'/><feature var='urn:xmpp:mam:2'/><feature var='urn:xmpp:carbons:2'/>"
         b"<feature var='urn:xmpp:sm:3'/></query></iq>")
    f.c_(b"<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>", think=0.05)
    f.s_(("<iq type='result' id='r1'><query xmlns='jabber:iq:roster'>%s</query></iq>" % ''.join(
        "<item jid='%s@example.org' subscription='both'/>" % h for h in k.rng.sample(X.HANDLES, 4))).encode())
    f.close()
    return C.neg('home XMPP server: disco#info and roster only')


# ========================================================================= hard negatives (unfamiliar shapes)
def wiki_multilang(k):
    f = k.tcp(80)
    langs = k.rng.sample(sorted(X.WIKI), k.rng.randrange(4, 8))
    page = {'title': 'Sourdough starter', 'slug': 'sourdough-starter',
            'translations': {lg: {'body': '\n\n'.join(X.WIKI[lg])} for lg in langs}, 'tags': ['baking', 'fermentation']}
    mode = k.var % 2
    if mode == 0:
        body, ct, path = W.jdump(page), 'application/json', '/api/notes/%s' % k.hexid(10)
    else:
        md = ''.join('## %s\n\n%s\n\n' % (lg, '\n\n'.join(X.WIKI[lg])) for lg in langs)
        body, ct, path = W.form([('title', 'Sourdough starter'), ('content', md), ('format', 'markdown')]), \
            'application/x-www-form-urlencoded', '/wiki/Sourdough_starter?action=submit'
    http_post(k, f, 'PUT' if mode == 0 else 'POST', path, 'notes.example.org', body, ct, 200, W.jdump({'saved': True}), think=0.5)
    f.close()
    return C.neg('a wiki page in %d languages posted to a notes service' % len(langs))


def article_autosave(k):
    f = k.tcp(80)
    paras = X.ARTICLE[k.lang]
    draft = k.hexid(12)
    for i in range(2, len(paras) + 1):
        http_post(k, f, 'PATCH', '/api/drafts/%s' % draft, 'blog.example.com',
                  W.jdump({'title': paras[0][:40], 'body_markdown': '\n\n'.join(paras[:i]), 'autosave': True, 'rev': i}),
                  'application/json', 200, W.jdump({'rev': i, 'saved_at': k.iso(f)}), hdrs=['Cookie: s=' + k.hexid(20)],
                  think=15.0 if i > 2 else 0.5)
    f.close()
    return C.neg('autosave of a how-to article draft every 15 s (growing text)', k.lang)


def product_listing(k):
    f = k.tcp(80)
    title, desc = X.PRODUCT[k.lang]
    http_post(k, f, 'PUT', '/api/listings/%d' % k.rng.randrange(10 ** 7, 10 ** 8), 'market.example.net',
              W.jdump({'title': title, 'description': desc, 'price_cents': k.rng.randrange(20, 200) * 100, 'condition': 'good',
                       'category': 'furniture/bedroom', 'photos': [k.hexid(16) for _ in range(3)]}), 'application/json', 200,
              W.jdump({'status': 'live'}), think=0.5)
    f.close()
    return C.neg('a seller\'s listing: title and product description', k.lang)


def catalog_upload(k):
    f = k.tcp(80)
    langs = k.rng.sample(sorted(X.CATALOG), k.rng.randrange(4, 9))
    mode = k.var % 3
    if mode == 0:
        body = W.jdump({lg: dict(zip(X.CATALOG_KEYS, X.CATALOG[lg])) for lg in langs})
        ct, path = 'application/json', '/api/v2/projects/%d/strings' % k.rng.randrange(1000)
    elif mode == 1:
        lg = langs[0]
        po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: %s\\n"\n\n' % lg + ''.join(
            'msgctxt "%s"\nmsgid "%s"\nmsgstr "%s"\n\n' % (key, en, tr) for key, en, tr in zip(X.CATALOG_KEYS, X.CATALOG['en'], X.CATALOG[lg]))
        bnd = '----lw' + k.hexid(16)
        body = ('--%s\r\nContent-Disposition: form-data; name="file"; filename="%s.po"\r\nContent-Type: text/x-gettext-translation'
                '\r\n\r\n%s\r\n--%s--\r\n' % (bnd, lg, po, bnd)).encode()
        ct, path = 'multipart/form-data; boundary=' + bnd, '/api/translations/upload'
        langs = [lg]
    else:
        units = ''.join('<trans-unit id="%s"><source>%s</source><target>%s</target></trans-unit>' % (key, C.xml_esc(en), C.xml_esc(tr))
                        for key, en, tr in zip(X.CATALOG_KEYS, X.CATALOG['en'], X.CATALOG[langs[0]]))
        body = ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2"><file source-language="en" target-language="%s" '
                'datatype="plaintext" original="app"><body>%s</body></file></xliff>' % (langs[0], units)).encode()
        ct, path = 'application/xliff+xml', '/api/xliff'
        langs = [langs[0]]
    http_post(k, f, 'POST', path, 'l10n.example.com', body, ct, 200, W.jdump({'imported': len(X.CATALOG_KEYS)}), hdrs=[bearer(k)], think=0.3)
    f.close()
    return C.neg('translation catalogue upload (%s)' % ['JSON, several languages', 'gettext .po', 'XLIFF'][mode],
                 langs[0] if len(langs) == 1 and langs[0] != 'en' else '-')


def log_ship(k):
    mode = k.var % 3
    evs = ['user %d sent message to room %s' % (k.rng.randrange(10 ** 5), k.hexid(6)), 'message delivered in %d ms' % k.rng.randrange(5, 900),
           'websocket closed: 1006', 'push token refreshed', 'failed to send message: upstream timeout']
    if mode == 0:
        f = k.tcp(24224)
        entries = [[k.epoch_ms(f) // 1000 + j, {'level': k.pick(['info', 'warn']), 'message': k.pick(evs), 'pod': 'chat-%s' % k.hexid(5)}]
                   for j in range(k.rng.randrange(3, 8))]
        f.c_(W.msgpack(['app.chat', entries, {'chunk': base64.b64encode(rnd(k, 16)).decode()}]), think=0.2)
        f.s_(W.msgpack({'ack': 'x'}))
        note = 'Fluentd forward (MessagePack) log entries'
    else:
        f = k.tcp(80)
        if mode == 1:
            body = W.jdump({'resourceLogs': [{'resource': {'attributes': [{'key': 'service.name', 'value': {'stringValue': 'chat-api'}}]},
                                              'scopeLogs': [{'logRecords': [{'timeUnixNano': str(k.epoch_ms(f) * 10 ** 6 + j), 'severityText': 'INFO',
                                                                             'body': {'stringValue': k.pick(evs)}} for j in range(4)]}]}]})
            path, note = '/v1/logs', 'OTLP/HTTP JSON logs'
        else:
            body = W.jdump([{'ddsource': 'nodejs', 'service': 'chat-api', 'hostname': 'web-3', 'status': 'info', 'message': k.pick(evs)}
                            for _ in range(4)])
            path, note = '/api/v2/logs', 'JSON array of log records'
        http_post(k, f, 'POST', path, 'logs.example.com', body, 'application/json', 202, think=0.2)
    f.close()
    return C.neg(note + ' whose messages talk about messages', 'en')


def analytics_batch(k):
    f = k.tcp(80)
    if k.var % 2 == 0:
        body = W.jdump({'batch': [{'type': 'track', 'event': e, 'userId': k.hexid(10), 'timestamp': k.iso(f),
                                   'properties': {'conversation_type': 'dm', 'length': k.rng.randrange(3, 300), 'has_emoji': True}}
                                  for e in ['Message Sent', 'Chat Opened', 'Reaction Added']], 'sentAt': k.iso(f)})
        path = '/v1/batch'
    else:
        body = W.jdump({'api_key': k.hexid(32), 'events': [{'event_type': e, 'user_id': handle(k), 'time': k.epoch_ms(f),
                                                              'event_properties': {'screen': 'chat', 'chars': k.rng.randrange(200)}}
                                                             for e in ['chat_opened', 'message_composed', 'message_sent']]})
        path = '/2/httpapi'
    http_post(k, f, 'POST', path, 'events.example.com', body, 'application/json', 200, W.jdump({'code': 200}), think=0.2)
    f.close()
    return C.neg('analytics batch: "Message Sent", "chat_opened" events with properties', 'en')


def error_report(k):
    f = k.tcp(80)
    eid = k.hexid(32)
    if k.var % 2 == 0:
        env = W.jdump({'event_id': eid, 'sent_at': k.iso(f)}) + b'\n' + W.jdump({'type': 'event'}) + b'\n' + W.jdump({
            'event_id': eid, 'level': 'error', 'platform': 'javascript', 'message': 'Failed to send message: network request timed out',
            'exception': {'values': [{'type': 'TypeError', 'value': "Cannot read properties of undefined (reading 'text')",
                                      'stacktrace': {'frames': [{'filename': 'app.js', 'function': 'sendMessage', 'lineno': 812}]}}]},
            'tags': {'release': '5.2.1'}}) + b'\n'
        path, ct = '/api/42/envelope/', 'application/x-sentry-envelope'
    else:
        env = W.jdump({'apiKey': k.hexid(32), 'events': [{'exceptions': [{'errorClass': 'MessageSendError',
                                                                          'message': 'Could not deliver message to recipient (HTTP 503)',
                                                                          'stacktrace': [{'file': 'ChatService.kt', 'lineNumber': 214, 'method': 'send'}]}],
                                                          'severity': 'warning', 'app': {'version': '5.2.1'}}]})
        path, ct = '/notify', 'application/json'
    http_post(k, f, 'POST', path, 'errors.example.com', env, ct, 200, W.jdump({'id': eid}), think=0.1)
    f.close()
    return C.neg('error report whose message fields name message sending', 'en')


def ci_notify(k):
    f = k.tcp(80)
    n = k.rng.randrange(1000, 99999)
    text = k.pick(['Pipeline #%d passed on main (3 min 12 s) :white_check_mark:', 'Build %d FAILED on feature/login: 2 tests failed',
                   'Deployed release %d to staging by ci-bot']) % n
    http_post(k, f, 'POST', '/hooks/%s' % k.hexid(24), 'chat.example.org', W.jdump({'username': 'CI', 'icon_emoji': ':robot:', 'text': text}),
              'application/json', 200, b'ok', 'text/plain', think=0.05)
    f.close()
    return C.neg('CI notification a program posts to a chat webhook', 'en')


def monitor_alert(k):
    f = k.tcp(80)
    body = {'receiver': 'chat', 'status': 'firing', 'alerts': [{'status': 'firing', 'labels': {'alertname': 'DiskSpaceLow', 'instance': 'nas01:9100',
                                                                                                  'severity': 'warning'},
                                                                  'annotations': {'summary': 'Disk space on nas01 below 10%',
                                                                                  'description': 'Only 8.2 GiB left on /srv (4% of 200 GiB).'},
                                                                  'startsAt': k.iso(f)}], 'groupKey': '{}:{alertname="DiskSpaceLow"}'}
    for i in range(k.rng.randrange(1, 3)):
        http_post(k, f, 'POST', '/hooks/alertmanager', 'chat.example.org', W.jdump(body), 'application/json', 200, think=300.0 if i else 0.1)
    f.close()
    return C.neg('Alertmanager webhook to a chat service (machine-written alert)', 'en')


def atom_feed(k):
    f = k.tcp(80)
    entries = ''.join('<entry><title>%s</title><link href="https://blog.example.org/%d"/><id>tag:blog.example.org,2025:%d</id>'
                      '<updated>%s</updated><summary>%s</summary></entry>' % (t, i, i, k.iso(f), C.xml_esc(s))
                      for i, (t, s) in enumerate([('Fixing a puncture', X.ARTICLE['en'][0]), ('Sourdough notes', X.WIKI['en'][0]),
                                                  ('Spring in the garden', 'Notes from the allotment: first broad beans are up.')]))
    f.c_(W.http_req('GET', '/feed.atom', 'blog.example.org', [C.ua(k), 'If-None-Match: "%s"' % k.hexid(8)]), think=0.1)
    f.s_(W.http_resp(200, ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example blog</title>'
                           '%s</feed>' % entries).encode(), 'application/atom+xml'))
    f.close()
    return C.neg('Atom feed download', 'en')


def search_q(k):
    f = k.tcp(80)
    q = X.SEARCHES[k.lang]
    if k.var % 2 == 0:
        f.c_(W.http_req('GET', '/search?q=%s&src=ios' % W.urlenc(q), 'search.example.com', [C.ua(k)]), think=0.1)
    else:
        f.c_(W.http_req('POST', '/api/search', 'search.example.com', [C.ua(k)], W.jdump({'query': q, 'page': 1}), 'application/json'),
             think=0.1)
    f.s_(W.http_resp(200, W.jdump({'results': [{'url': 'https://www.example.org/%s' % k.hexid(6), 'score': round(k.rng.random(), 3)}
                                               for _ in range(5)]})))
    f.close()
    return C.neg('a search query', k.lang)


def config_push(k):
    f = k.tcp(80)
    yaml = ('# home server config, edited %s\nserver:\n  name: home\n  listen: 0.0.0.0:8008\nlogging:\n  level: info\n'
            'retention:\n  messages_days: 365\nfeatures:\n  registration: false\n  url_previews: true\n' % k.iso(f))
    http_post(k, f, 'PUT', '/api/v1/configs/homeserver.yaml', 'git.example.com', yaml.encode(), 'application/yaml', 200,
              W.jdump({'commit': k.hexid(40), 'message': 'update homeserver.yaml'}), hdrs=[bearer(k)], think=0.3)
    f.close()
    return C.neg('a YAML config pushed to a config repository API', 'en')


def probe_sentence(k):
    f = k.tcp(k.pick([7, 9000, 4242]))
    pool = ['hello, is anybody there? just checking in', 'are you still awake over there?', 'ping from the cabin, all good here']
    for i in range(k.rng.randrange(6, 10)):
        s = pool[i % 3].encode() + b'\n'
        f.c_(s, think=30.0 if i else 0.1)
        f.s_(s)
    f.close()
    return C.neg('TCP probe: three fixed sentences in turn every 30 s, echoed within one RTT', 'en')


# ========================================================================= the plan
NONE = ['-']
CASES = [
    (SO, U, 'jsonapi-reply', jsonapi_reply, rot(4, 0)),
    (SO, U, 'hal-reply', hal_reply, rot(4, 6)),
    (SO, U, 'ndjson-outbox', ndjson_outbox, rot(4, 12)),
    (SO, U, 'sms-form', sms_form, rot(4, 18)),
    (SO, U, 'desk-reply', desk_reply, ['hi', 'tr', 'id', 'vi']),
    (SO, U, 'market-msg', market_msg, ['ko', 'sw', 'ar', 'sv']),
    (SO, U, 'dating-msg', dating_msg, rot(4, 24)),
    (SO, U, 'email-api', email_api, rot(3, 28)),
    (SO, U, 'push-person', push_person, rot(3, 3)),
    (SO, U, 'desk-status', desk_status, NONE * 3),
    (SO, U, 'jsonapi-read', jsonapi_read, NONE * 2),
    (SO, U, 'email-api-receipt', email_api_receipt, NONE * 2),
    (SO, U, 'push-program', push_program, NONE * 3),
    (SO, U, 'sms-form-otp', sms_form_otp, NONE * 3),
    (SO, U, 'hal-threads', hal_threads, NONE * 2),
    (SO, U, 'ndjson-events', ndjson_events, NONE * 3),

    (BF, U, 'pb-nested', pb_nested, rot(4, 9)),
    (BF, U, 'bson-opmsg', bson_opmsg, rot(4, 15)),
    (BF, U, 'kafka-chat', kafka_chat, rot(4, 21)),
    (BF, U, 'mqtt5-chat', mqtt5_chat, rot(4, 27)),
    (BF, U, 'legacy-im', legacy_im, ['zh', 'zh', 'ko', 'ru', 'th', 'he', 'el', 'ja']),
    (BF, U, 'capnp-chat', capnp_chat, rot(2, 2)),
    (BF, U, 'bson-metrics', bson_metrics, NONE * 2),
    (BF, U, 'kafka-clicks', kafka_clicks, NONE * 2),
    (BF, U, 'mqtt5-telemetry', mqtt5_telemetry, NONE * 2),
    (BF, U, 'pb-state', pb_state, NONE * 2),
    (BF, U, 'legacy-keepalive', legacy_keepalive, NONE * 2),
    (BF, U, 'capnp-metrics', capnp_metrics, NONE * 2),

    (DG, U, 'lanchat-udp', lanchat_udp, rot(4, 5)),
    (DG, U, 'syslog-chat', syslog_chat, rot(4, 11)),
    (DG, U, 'game-engine', game_engine, rot(6, 17)),
    (DG, U, 'walkie-udp', walkie_udp, rot(3, 23)),
    (DG, U, 'coap-json', coap_json, rot(3, 29)),
    (DG, U, 'dtls-like', dtls_like, NONE * 3),
    (DG, U, 'mdns-names', mdns_names, NONE * 2),
    (DG, U, 'ssdp-notify', ssdp_notify, NONE * 2),
    (DG, U, 'walkie-beacon', walkie_beacon, NONE * 2),
    (DG, U, 'game-engine-state', game_engine_state, NONE * 2),
    (DG, U, 'syslog-bridge', syslog_bridge, NONE * 3),

    (FA, F, 'smtp-pipeline', smtp_pipeline, rot(4, 1)),
    (FA, F, 'pop3-apop', pop3_apop, rot(4, 8)),
    (FA, F, 'imap-split', imap_split, rot(4, 14)),
    (FA, F, 'xmpp-sm-carbons', xmpp_sm, rot(4, 20)),
    (FA, F, 'xmpp-sm-only', xmpp_sm_only, NONE * 2),
    (FA, F, 'imap-structure', imap_structure, NONE * 2),
    (FA, F, 'pop3-uidl-only', pop3_uidl_only, NONE * 2),

    (LP, U, 'lmtp', lmtp, rot(4, 26)),
    (LP, U, 'znc-playback', znc_playback, rot(4, 31)),
    (LP, U, 'sip-tcp', sip_tcp, rot(3, 4)),
    (LP, U, 'msrp-chat', msrp_chat, rot(4, 10)),
    (LP, U, 'gopher-guestbook', gopher_guestbook, rot(3, 16)),
    (LP, U, 'msrp-file', msrp_file, NONE * 2),
    (LP, U, 'sip-tcp-register', sip_tcp_register, NONE * 2),
    (LP, U, 'gopher-browse', gopher_browse, NONE * 2),
    (LP, U, 'znc-status', znc_status, NONE * 2),

    (TP, U, 'mid-ws', mid_ws, rot(4, 22)),
    (TP, U, 'http-pipelined', http_pipelined, rot(4, 30)),
    (TP, U, 'connect-chat', connect_chat, rot(2, 7)),
    (TP, U, 'imap-server-half', imap_server_half, rot(2, 13)),
    (TP, U, 'after-100k', after_100k, rot(4, 19)),
    (TP, U, 'mid-ws-state', mid_ws_state, NONE * 2),
    (TP, U, 'http-pipelined-assets', http_pipelined_assets, NONE * 2),
    (TP, U, 'connect-telemetry', connect_telemetry, NONE * 2),
    (TP, U, 'imap-half-list', imap_half_list, NONE * 2),
    (TP, U, 'after-100k-beacon', after_100k_beacon, NONE * 2),

    (DS, U, 'home-webmail', home_webmail, rot(3, 25)),
    (DS, U, 'home-imap-idle', home_imap_idle, rot(3, 2)),
    (DS, U, 'home-matrix-fed', home_matrix_fed, rot(4, 9)),
    (DS, U, 'home-xmpp-mam', home_xmpp_mam, rot(2, 16)),
    (DS, U, 'home-pop3-uidl', home_pop3, rot(2, 28)),
    (DS, U, 'home-webdav', home_webdav, NONE * 2),
    (DS, U, 'home-matrix-idle', home_matrix_idle, NONE * 2),
    (DS, U, 'home-xmpp-disco', home_xmpp_disco, NONE * 2),

    (HN, F, 'smtp-newsletter', smtp_newsletter, ['en', 'de', 'fr', 'id']),
    (HN, F, 'smtp-autoreply', smtp_autoreply, ['en', 'nl', 'es', 'ko']),
    (HN, F, 'smtp-dsn', smtp_dsn, NONE * 2),
    (HN, U, 'wiki-multilang', wiki_multilang, NONE * 3),
    (HN, U, 'article-autosave', article_autosave, ['en', 'de', 'es']),
    (HN, U, 'product-listing', product_listing, ['ja', 'tr', 'th', 'pt']),
    (HN, U, 'catalog-upload', catalog_upload, NONE * 3),
    (HN, U, 'log-ship', log_ship, NONE * 3),
    (HN, U, 'analytics-batch', analytics_batch, NONE * 2),
    (HN, U, 'error-report', error_report, NONE * 2),
    (HN, U, 'ci-notify', ci_notify, NONE * 2),
    (HN, U, 'monitor-alert', monitor_alert, NONE * 2),
    (HN, U, 'atom-feed', atom_feed, NONE * 2),
    (HN, U, 'search-q', search_q, ['tr', 'hi', 'ta', 'fa']),
    (HN, U, 'config-push', config_push, NONE * 2),
    (HN, U, 'probe-sentence', probe_sentence, NONE * 2),
]
