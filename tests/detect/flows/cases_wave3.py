# cases_wave3: the corpus's third wave, written after the first two had been scored (and partly
# tuned on), so that detection can again be measured on traffic nobody has seen. Same rules as
# the earlier waves (the contract's definition of a message, issue 9's classes, written without
# reading the detector), shapes not in waves 1-2 and fresh texts (texts_wave3.py), its own
# capture files (wave3-*).
#   sender-outside: GraphQL over WebSocket (graphql-transport-ws), JSON Patch / merge-patch edits,
#     ASP.NET WebForms postbacks, chunked request bodies split inside characters, percent-encoded
#     bodies and path segments, Discord/Google-Chat-style webhooks, SSE with multi-line data.
#   binary-framing: netstrings, bencode, CBOR sequences with indefinite-length text, varint-
#     delimited protobuf with text in nested repeated fields, UTF-16 records counted in code units,
#     AMQP 1.0 transfers.
#   datagram: a mesh-radio UDP gateway, RakNet-style frame sets, OSC chatbox messages.
#   familiar: SMTPUTF8 from a home MTA, multipart mail in legacy charsets by submission with AUTH
#     LOGIN, IMAP APPEND with UTF8 literals, XMPP server-to-server with dialback.
#   line-protocol: IRCv3 multiline batches, Redis inline commands and RESP3 pushes, NNTP IHAVE and
#     streaming TAKETHIS, Spartan uploads, STOMP with legacy charsets and header escapes.
#   tunnel-partial: CONNECT to IMAP and NNTP, SOCKS4, mid-stream XMPP, the server's half of a
#     WebSocket chat, absolute-form requests to a forward proxy.
#   device-server: inbound XMPP s2s, a home NNTP server, home SSE streams, mail submitted to a
#     home MTA.
#   hard-negative: documentation pages, i18n files, CMS page saves, lyrics, problem+json errors,
#     journal uploads, chatbot widget texts, quotes of the day, search suggestions per keystroke,
#     analytics page titles, word lists, timed health sentences, order confirmations by SMTP.
import base64
import struct

import caselib as C
import flowwire as W
import texts_wave3 as X

WAVE = 3
U, F = 'unfamiliar', 'familiar'
NONE = ['-']


# ------------------------------------------------------------------------- texts
def rot(n, start, step=7):
    """n languages from the plan's rotation (step 7 is coprime to its 51 places: every one in turn)."""
    return [X.PLAN_ROTATION[(start + i * step) % len(X.PLAN_ROTATION)] for i in range(n)]


def lines(k, n, lang=None):
    lang = lang or k.lang
    pool = X.CHAT[lang]
    free = [i for i in range(len(pool)) if ('w3', lang, i) not in k._used_lines]
    if len(free) < n:
        free = list(range(len(pool)))
    idx = k.rng.sample(free, min(n, len(free)))
    for i in idx:
        k._used_lines.add(('w3', lang, i))
    return [pool[i] for i in idx]


def line(k, lang=None):
    return lines(k, 1, lang)[0]


def encodable(k, n, charset):
    """n lines of the kit's language that a legacy charset can carry (no emoji)."""
    pool = []
    for t in X.CHAT[k.lang]:
        try:
            t.encode(charset)
            pool.append(t)
        except UnicodeEncodeError:
            pass
    return k.rng.sample(pool, min(n, len(pool)))


def name(k):
    return k.pick(X.NAMES.get(k.lang, X.NAMES['en']))


def names2(k):
    a, b = k.rng.sample(X.NAMES[k.lang], 2)
    return a, b


def handle(k):
    return k.pick(X.HANDLES)


def handles2(k):
    a, b = k.rng.sample(X.HANDLES, 2)
    return a, b


def mailbody(k, to_name, from_name, n=None, texts=None):
    g, c = X.GREET[k.lang]
    body = texts or lines(k, n or k.rng.randrange(2, 4))
    return g.format(n=to_name) + '\n\n' + '\n\n'.join(body) + '\n\n' + c.format(n=from_name) + '\n'


def rnd(k, n):
    return bytes(k.rng.getrandbits(8) for _ in range(n))


def bearer(k):
    return 'Authorization: Bearer ' + base64.urlsafe_b64encode(k.hexid(40).encode()).decode().rstrip('=')


REASONS = {200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 302: 'Found', 402: 'Payment Required',
           101: 'Switching Protocols', 422: 'Unprocessable Entity'}


def resp(status, body=b'', ctype='application/json', headers=(), version='HTTP/1.1'):
    """An HTTP response with any of the statuses above (flowwire's knows fewer)."""
    h = ['%s %d %s' % (version, status, REASONS[status]), 'Date: Mon, 10 Mar 2025 09:00:00 GMT'] + list(headers)
    if body and ctype:
        h.append('Content-Type: ' + ctype)
    if status not in (101, 204, 304):
        h.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(h) + '\r\n\r\n').encode() + body


def http_post(k, f, method, path, host, body, ctype, status=201, rbody=b'', rctype='application/json', hdrs=(), think=None):
    f.c_(W.http_req(method, path, host, [C.ua(k), 'Accept: */*'] + list(hdrs), body, ctype),
         think=think if think is not None else k.human())
    f.s_(resp(status, rbody, rctype if rbody else None))


def chunks_of(k, data, lo, hi):
    """data cut into pieces of lo..hi bytes, wherever the cut falls (also inside a UTF-8 character)."""
    out, i = [], 0
    while i < len(data):
        n = k.rng.randrange(lo, hi + 1)
        out.append(data[i:i + n])
        i += n
    return out


def chunked(parts):
    return b''.join(b'%x\r\n' % len(p) + p + b'\r\n' for p in parts) + b'0\r\n\r\n'


def pct_all(s):
    """Every byte percent-encoded except the unreserved ASCII letters and digits (encodeURIComponent)."""
    return ''.join(chr(b) if (chr(b).isalnum() and b < 128) or chr(b) in '-_.!~*\'()' else '%%%02X' % b for b in s.encode())


def ws_c(k, obj):
    """A client WebSocket text frame (masked) of a JSON object."""
    return W.ws_frame(W.jdump(obj), 1, rnd(k, 4))


def ws_s(obj):
    return W.ws_frame(W.jdump(obj))


def xml(s):
    return C.xml_esc(s)


# ========================================================================= sender-outside
SO = 'sender-outside'


def graphql_ws(k):
    recv = k.var % 2 == 1
    host = k.pick(['gql.example.net', 'api.example.org', 'chat.example.com'])
    f = k.tcp(k.pick([80, 4000, 8080]))
    up, ok = W.ws_upgrade('/graphql', host, k.rng, 'graphql-transport-ws')
    f.c_(up, think=0.2)
    f.s_(ok)
    f.c_(ws_c(k, {'type': 'connection_init', 'payload': {'authToken': k.hexid(32)}}), think=0.003)
    f.s_(ws_s({'type': 'connection_ack'}))
    chan = k.hexid(12)
    if recv:
        f.c_(ws_c(k, {'id': '1', 'type': 'subscribe', 'payload': {
            'query': 'subscription OnMessage($channel: ID!) { messageAdded(channel: $channel) { id body authorId } }',
            'variables': {'channel': chan}}}), think=0.01)
        for t in lines(k, k.rng.randrange(2, 4)):
            f.s_(ws_s({'id': '1', 'type': 'next', 'payload': {'data': {'messageAdded': {
                'id': k.hexid(16), 'body': t, 'authorId': k.hexid(8)}}}}), think=k.human())
    else:
        for i, t in enumerate(lines(k, k.rng.randrange(1, 4))):
            op = str(i + 2)
            f.c_(ws_c(k, {'id': op, 'type': 'subscribe', 'payload': {
                'operationName': 'PostMessage',
                'query': 'mutation PostMessage($channel: ID!, $body: String!) { postMessage(channel: $channel, body: $body) '
                         '{ id createdAt } }', 'variables': {'channel': chan, 'body': t}}}), think=k.human() if i else 1.5)
            f.s_(ws_s({'id': op, 'type': 'next', 'payload': {'data': {'postMessage': {'id': k.hexid(16), 'createdAt': k.iso(f)}}}}))
            f.s_(ws_s({'id': op, 'type': 'complete'}), think=0.001)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'GraphQL over WebSocket (graphql-transport-ws): %s' % (
        'subscription next payloads {id, body, authorId}' if recv else 'mutation postMessage, text in variables.body'))


def graphql_ws_typing(k):
    f = k.tcp(8080)
    up, ok = W.ws_upgrade('/graphql', 'gql.example.net', k.rng, 'graphql-transport-ws')
    f.c_(up, think=0.2)
    f.s_(ok)
    f.c_(ws_c(k, {'type': 'connection_init', 'payload': {}}), think=0.003)
    f.s_(ws_s({'type': 'connection_ack'}))
    f.c_(ws_c(k, {'id': '1', 'type': 'subscribe', 'payload': {
        'query': 'subscription { typing(channel: "%s") { userId isTyping } presence { userId status } }' % k.hexid(12)}}))
    for i in range(k.rng.randrange(6, 12)):
        if i % 3 == 2:
            f.c_(ws_c(k, {'type': 'ping'}), think=k.human(5, 15))
            f.s_(ws_s({'type': 'pong'}))
        else:
            f.s_(ws_s({'id': '1', 'type': 'next', 'payload': {'data': k.pick([
                {'typing': {'userId': k.hexid(8), 'isTyping': k.rng.random() < 0.5}},
                {'presence': {'userId': k.hexid(8), 'status': k.pick(['online', 'away', 'offline'])}}])}}), think=k.human(1, 10))
    f.close()
    return C.neg('GraphQL over WebSocket: typing and presence events, ping/pong; no text')


def json_patch_edit(k):
    merge = k.var % 2 == 1
    f = k.tcp(80)
    tid, mid = k.hexid(10), k.hexid(14)
    f.c_(W.http_req('GET', '/v1/threads/%s/messages/%s' % (tid, mid), 'api.example.net', [C.ua(k), bearer(k)]), think=0.3)
    f.s_(resp(200, W.jdump({'id': mid, 'version': 3, 'editable': True})))
    t = line(k)
    if merge:
        body, ct = W.jdump({'body': t, 'edited': True}), 'application/merge-patch+json'
    else:
        body = W.jdump([{'op': 'test', 'path': '/version', 'value': 3}, {'op': 'replace', 'path': '/body', 'value': t},
                        {'op': 'add', 'path': '/flags/-', 'value': 'edited'}])
        ct = 'application/json-patch+json'
    http_post(k, f, 'PATCH', '/v1/threads/%s/messages/%s' % (tid, mid), 'api.example.net', body, ct, 200,
              W.jdump({'id': mid, 'version': 4}), hdrs=[bearer(k), 'If-Match: "v3"'], think=k.human(8, 30))
    f.close()
    return C.pos('to_server', 'an edited message sent as %s (PATCH of /body)' % ('JSON merge patch' if merge else 'JSON Patch'))


def json_patch_settings(k):
    f = k.tcp(80)
    if k.var % 2:
        body, ct = W.jdump({'locale': 'de-DE', 'timezone': 'Europe/Berlin', 'notifications': {'sound': 'chime'}}), \
            'application/merge-patch+json'
    else:
        body = W.jdump([{'op': 'replace', 'path': '/theme', 'value': 'dark'},
                        {'op': 'replace', 'path': '/notifications/preview', 'value': False}])
        ct = 'application/json-patch+json'
    http_post(k, f, 'PATCH', '/v1/me/settings', 'api.example.net', body, ct, 200, W.jdump({'version': 12}), hdrs=[bearer(k)],
              think=0.4)
    f.close()
    return C.neg('PATCH of user settings (theme, locale, notification sound)')


def aspnet_postback(k):
    f = k.tcp(80)
    tid = k.rng.randrange(1000, 9999)
    page = '/Forum/Thread.aspx?id=%d' % tid
    f.c_(W.http_req('GET', page, 'board.example.org', [C.ua(k)]), think=0.2)
    f.s_(resp(200, b'<html><body><form id="form1" method="post"><textarea name="ctl00$MainContent$txtReply"></textarea>'
              b'</form></body></html>', 'text/html; charset=utf-8', ['Set-Cookie: ASP.NET_SessionId=%s' % k.hexid(24)]))
    t = line(k) if k.var % 2 == 0 else ' '.join(lines(k, 2))
    body = W.form([('__EVENTTARGET', ''), ('__EVENTARGUMENT', ''),
                   ('__VIEWSTATE', base64.b64encode(rnd(k, k.rng.randrange(150, 400))).decode()),
                   ('__VIEWSTATEGENERATOR', k.hexid(8).upper()),
                   ('__EVENTVALIDATION', base64.b64encode(rnd(k, 90)).decode()),
                   ('ctl00$MainContent$txtReply', t), ('ctl00$MainContent$btnPost', 'Post reply')])
    f.c_(W.http_req('POST', page, 'board.example.org', [C.ua(k), 'Cookie: ASP.NET_SessionId=' + k.hexid(24)], body,
                    'application/x-www-form-urlencoded'), think=k.human(20, 60))
    f.s_(resp(302, b'', None, ['Location: %s#last' % page]))
    f.close()
    return C.pos('to_server', 'forum reply by ASP.NET WebForms postback (ctl00$MainContent$txtReply beside __VIEWSTATE)')


def chunked_req(k):
    f = k.tcp(k.pick([80, 8080]))
    conv = k.hexid(10)
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        body = W.jdump({'m': t, 'n': k.hexid(8)})
        hdr = ('POST /api/v2/c/%s/m HTTP/1.1\r\nHost: im.example.net\r\n%s\r\nContent-Type: application/json\r\n'
               'Transfer-Encoding: chunked\r\n\r\n' % (conv, C.ua(k))).encode()
        f.c_(hdr + chunked(chunks_of(k, body, 5, 13)), think=k.human() if i else 0.4)
        f.s_(resp(201, W.jdump({'ok': 1})))
    f.close()
    return C.pos('to_server', 'chat POST with a chunked request body; chunks of 5-13 bytes cut inside words and characters')


def pct_encoded(k):
    style = k.var % 3
    f = k.tcp(80)
    room = k.hexid(8)
    t = line(k)
    if style == 0:
        f.c_(W.http_req('GET', '/api/say/%s/%s' % (room, pct_all(t)), 'shout.example.net', [C.ua(k)]), think=0.5)
        what = 'the text as a percent-encoded path segment (GET /api/say/<room>/<text>)'
    elif style == 1:
        body = pct_all(t).encode()
        f.c_(W.http_req('POST', '/r/%s/post' % room, 'shout.example.net', [C.ua(k)], body, 'text/plain;charset=UTF-8'),
             think=0.5)
        what = 'a text/plain body that is nothing but the percent-encoded text'
    else:
        body = ('r=%s&u=%s&x=%s' % (room, handle(k), pct_all(t))).encode()
        f.c_(W.http_req('POST', '/sb.php', 'shout.example.net', [C.ua(k)], body, 'application/x-www-form-urlencoded'),
             think=0.5)
        what = 'a shoutbox form whose text key is one letter (x=), every non-alphanumeric byte percent-encoded'
    f.s_(resp(200, W.jdump({'ok': True, 'id': k.rng.randrange(10 ** 5, 10 ** 6)})))
    f.close()
    return C.pos('to_server', what)


def webhook_person(k):
    f = k.tcp(80)
    t = line(k)
    if k.var % 2 == 0:
        path = '/api/webhooks/%d/%s' % (k.rng.randrange(10 ** 17, 10 ** 18), k.hexid(40))
        body = {'content': t, 'username': name(k), 'allowed_mentions': {'parse': []}}
        host, what = 'hooks.example.com', 'Discord-style webhook {content, username}'
    else:
        path = '/v1/spaces/%s/messages?key=%s&token=%s&threadKey=%s' % (k.hexid(11), k.hexid(20), k.hexid(24), k.hexid(6))
        body = {'text': t}
        host, what = 'chat.example.com', 'Google-Chat-style space webhook {text} (thread and space in the query)'
    http_post(k, f, 'POST', path, host, W.jdump(body), 'application/json; charset=UTF-8', 200,
              W.jdump({'id': k.hexid(16)}), think=0.6)
    f.close()
    return C.pos('to_server', '%s from a phone shortcut posting what its owner typed to the family group' % what)


def webhook_bot(k):
    f = k.tcp(80)
    notice = X.BOT_NOTICES[k.var % len(X.BOT_NOTICES)].format(n=k.rng.randrange(100, 999))
    path = '/api/webhooks/%d/%s' % (k.rng.randrange(10 ** 17, 10 ** 18), k.hexid(40))
    body = {'username': 'homelab-bot', 'embeds': [{'title': notice.split(':')[0], 'description': notice,
                                                   'color': 15158332, 'timestamp': k.iso(f)}]}
    http_post(k, f, 'POST', path, 'hooks.example.com', W.jdump(body), 'application/json', 204, think=0.1)
    f.close()
    return C.neg('webhook notice written by a program (backup/build/camera/disk), embeds with a fixed template')


def sse_multiline(k):
    f = k.tcp(k.pick([80, 3000]))
    room = k.hexid(8)
    f.c_(W.http_req('GET', '/rooms/%s/stream' % room, 'live.example.net', [C.ua(k), 'Accept: text/event-stream',
                                                                            'Last-Event-ID: %d' % k.rng.randrange(900, 1000)]),
         think=0.2)
    head = b'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n'
    first = b': connected\n\nretry: 5000\n\n'
    f.s_(head + b'%x\r\n' % len(first) + first + b'\r\n')
    eid = k.rng.randrange(1000, 2000)
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        if i % 2 == 0:
            js = W.jdump({'room': room, 'text': t, 'ts': k.epoch_ms(f)}).decode()
            cut = js.index(',"text"') + 1
            cut2 = js.index(',"ts"') + 1
            ev = 'id: %d\nevent: chat\ndata: %s\ndata: %s\ndata: %s\n\n' % (eid + i, js[:cut], js[cut:cut2], js[cut2:])
        else:
            ev = 'id: %d\nevent: say\ndata: %s\n\n' % (eid + i, t)
        if k.rng.random() < 0.6:
            f.s_(b'd\r\n: keepalive\n\n\r\n', think=k.human(2, 10))
        ev = ev.encode()
        f.s_(b'%x\r\n' % len(ev) + ev + b'\r\n', think=k.human())
    f.cut()
    return C.pos('to_client', 'server-sent events (chunked): JSON split over several data: lines, plain-text data: events')


SO_CASES = [
    (SO, U, 'graphql-ws', graphql_ws, rot(6, 0)),
    (SO, U, 'json-patch-edit', json_patch_edit, rot(4, 6)),
    (SO, U, 'aspnet-postback', aspnet_postback, rot(4, 12)),
    (SO, U, 'chunked-req', chunked_req, rot(4, 18)),
    (SO, U, 'pct-encoded', pct_encoded, rot(6, 24)),
    (SO, U, 'webhook-person', webhook_person, rot(4, 30)),
    (SO, U, 'sse-multiline', sse_multiline, rot(4, 36)),
    (SO, U, 'graphql-ws-typing', graphql_ws_typing, NONE * 3),
    (SO, U, 'json-patch-settings', json_patch_settings, NONE * 2),
    (SO, U, 'webhook-bot', webhook_bot, ['en'] * 4),
]



# ========================================================================= binary-framing
BF = 'binary-framing'


def netstr(b):
    """A netstring (D. J. Bernstein): decimal length, colon, bytes, comma."""
    b = b.encode() if isinstance(b, str) else b
    return b'%d:' % len(b) + b + b','


def netstring_chat(k):
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([7070, 7071]))
    room = '#' + k.pick(['family', 'flat', 'climbing', 'choir'])
    f.c_(netstr(netstr('hello') + netstr(handle(k)) + netstr(k.hexid(16))), think=0.05)
    f.s_(netstr(netstr('ok') + netstr('v2')))
    for t in lines(k, k.rng.randrange(2, 4)):
        if recv:
            f.s_(netstr(netstr('msg') + netstr(room) + netstr(handle(k)) + netstr(t)), think=k.human())
            f.c_(netstr(netstr('ack') + netstr(k.hexid(6))))
        else:
            f.c_(netstr(netstr('say') + netstr(room) + netstr(t)), think=k.human())
            f.s_(netstr(netstr('ok') + netstr(k.hexid(6))))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'nested netstrings (verb, room, %stext)' % ('sender, ' if recv else ''))


def netstring_metrics(k):
    f = k.tcp(7070)
    for i in range(k.rng.randrange(8, 14)):
        f.c_(netstr(netstr('gauge') + netstr(k.pick(['cpu.load', 'mem.free', 'disk.used', 'temp.cpu'])) +
                    netstr('%.2f' % k.rng.uniform(0, 100))), think=10.0)
        f.s_(netstr(netstr('ok')))
    f.close()
    return C.neg('netstrings carrying gauges every 10 s')


def benc(o):
    """bencode (BitTorrent BEP 3): int, bytes/str, list, dict with sorted keys."""
    if isinstance(o, int):
        return b'i%de' % o
    if isinstance(o, str):
        o = o.encode()
    if isinstance(o, bytes):
        return b'%d:' % len(o) + o
    if isinstance(o, list):
        return b'l' + b''.join(benc(x) for x in o) + b'e'
    return b'd' + b''.join(benc(key) + benc(o[key]) for key in sorted(o)) + b'e'


def bencode_chat(k):
    both = k.var % 2 == 1
    f = k.tcp(k.rng.randrange(20000, 30000))
    frame = lambda d: struct.pack('!I', len(benc(d))) + benc(d)   # noqa: E731
    f.c_(frame({'t': 'hi', 'id': rnd(k, 20), 'v': 'ptchat 0.9'}), think=0.05)
    f.s_(frame({'t': 'hi', 'id': rnd(k, 20), 'v': 'ptchat 0.9'}))
    texts = lines(k, 3 if both else k.rng.randrange(1, 3))
    for i, t in enumerate(texts):
        rec = {'t': 'chat', 'room': rnd(k, 8), 'seq': i + 1, 'ts': k.epoch_ms(f) // 1000, 'text': t}
        if both and i % 2 == 1:
            f.s_(frame(rec), think=k.human())
            f.c_(frame({'t': 'ack', 'seq': i + 1}))
        else:
            f.c_(frame(rec), think=k.human())
            f.s_(frame({'t': 'ack', 'seq': i + 1}))
    f.close()
    return C.pos('-' if both else 'to_server', 'peer-to-peer chat: 4-byte length then a bencoded dict (text beside '
                 'binary ids)%s' % (', both peers write' if both else ''))


def cbor_head(major, n):
    return W._cbor_head(major, n)


def cbor_text_chunks(k, t):
    """An indefinite-length CBOR text string (0x7f ... 0xff) of definite chunks cut at character boundaries."""
    out, i = b'\x7f', 0
    while i < len(t):
        n = k.rng.randrange(2, 9)
        part = t[i:i + n].encode()
        out += cbor_head(3, len(part)) + part
        i += n
    return out + b'\xff'


def cbor_seq_chat(k):
    recv = k.var % 2 == 1
    f = k.tcp(7420)
    f.c_(W.cbor({'hello': 1, 'dev': k.hexid(12)}), think=0.05)
    f.s_(W.cbor({'ok': True}))
    for t in lines(k, k.rng.randrange(2, 4)):
        item = b'\xa4' + W.cbor(1) + W.cbor('msg') + W.cbor(2) + W.cbor(rnd(k, 8)) + W.cbor(3) + cbor_text_chunks(k, t) + \
            W.cbor(4) + b'\xc1' + W.cbor(k.epoch_ms(f) // 1000)
        if recv:
            f.s_(item, think=k.human())
            f.c_(W.cbor({'ack': k.rng.randrange(1000)}))
        else:
            f.c_(item, think=k.human())
            f.s_(W.cbor({'ack': k.rng.randrange(1000)}))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'CBOR sequence over TCP: map with integer keys, the text an '
                 'indefinite-length string of 2-8 character chunks, epoch tag')


def cbor_seq_sensor(k):
    f = k.tcp(7420)
    f.c_(W.cbor({'hello': 1, 'dev': k.hexid(12)}), think=0.05)
    f.s_(W.cbor({'ok': True}))
    for i in range(k.rng.randrange(8, 14)):
        f.c_(b'\xa4' + W.cbor(1) + W.cbor('obs') + W.cbor(2) + W.cbor(k.pick(['living room', 'garage', 'attic'])) +
             W.cbor(3) + W.cbor(round(k.rng.uniform(15, 28), 2)) + W.cbor(4) + b'\xc1' + W.cbor(k.epoch_ms(f) // 1000),
             think=30.0)
    f.close()
    return C.neg('CBOR sequence: room temperature observations every 30 s')


def pb_delim(msg):
    return W.varint(len(msg)) + msg


def pb_delimited(k):
    recv = k.var % 2 == 1
    f = k.tcp(9900)
    f.c_(pb_delim(W.pb([(1, 1), (2, k.hexid(16)), (3, 'android-14')])), think=0.05)
    f.s_(pb_delim(W.pb([(1, 1), (4, 200)])))
    texts = lines(k, k.rng.randrange(2, 4))
    items = []
    for t in texts:
        parts = [(1, [(1, k.lang), (2, t)])]
        if k.rng.random() < 0.5:
            parts.append((1, [(3, '@' + handle(k)), (4, 0)]))
        items.append((2, [(1, 1), (2, k.epoch_ms(f)), (3, parts), (5, rnd(k, 16))]))
    if recv:
        f.c_(pb_delim(W.pb([(1, 7), (6, k.hexid(10))])), think=0.5)
        f.s_(pb_delim(W.pb([(1, k.rng.randrange(100, 999))] + items)))
    else:
        for it in items:
            f.c_(pb_delim(W.pb([(1, k.rng.randrange(100, 999)), it])), think=k.human())
            f.s_(pb_delim(W.pb([(1, 2), (4, 200)])))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'varint-delimited protobuf: Envelope{repeated Item{Body{repeated '
                 'Part{lang, text}}}}%s' % (', a history page' if recv else ''))


def pb_inventory(k):
    f = k.tcp(9900)
    f.c_(pb_delim(W.pb([(1, 1), (2, k.hexid(16)), (3, 'hub-fw-2.4')])), think=0.05)
    f.s_(pb_delim(W.pb([(1, 1), (4, 200)])))
    devs = [(2, [(1, k.hexid(12)), (2, n), (3, m), (4, k.rng.randrange(0, 100))]) for n, m in
            [('Living room speaker', 'SX-200'), ('Kitchen light strip', 'LS-5'), ('Garage door', 'GD-1'),
             ('Front door lock', 'DL-9'), ("Kid's room lamp", 'LB-3')]]
    f.c_(pb_delim(W.pb([(1, 3)] + devs)), think=1.0)
    f.s_(pb_delim(W.pb([(1, 2), (4, 200)])))
    f.close()
    return C.neg('varint-delimited protobuf: a hub\'s device inventory (names, models, battery)', 'en')


def utf16_records(k):
    le = k.var % 2 == 0
    f = k.tcp(2301)
    enc = 'utf-16-le' if le else 'utf-16-be'
    p = '<' if le else '>'

    def rec(rtype, s):
        b = ((b'\xff\xfe' if le else b'') + s.encode(enc)) if rtype == 3 else s.encode(enc)
        return b'UC' + struct.pack(p + 'HH', rtype, len(b) // 2) + b

    f.c_(rec(1, handle(k)) + rec(2, k.hexid(8)), think=0.05)
    f.s_(b'UC' + struct.pack(p + 'HH', 0x81, 0))
    for t in lines(k, k.rng.randrange(2, 4)):
        f.c_(rec(2, k.hexid(8)) + rec(3, t), think=k.human())
        f.s_(b'UC' + struct.pack(p + 'HH', 0x83, 0))
    f.close()
    return C.pos('to_server', 'binary records with a length in UTF-16 code units, text %s' % (
        'UTF-16LE with a BOM' if le else 'UTF-16BE without BOM'))


# AMQP 1.0 (OASIS): described lists of primitive types.
def aq_str(s):
    b = s.encode()
    return (b'\xa1' + bytes([len(b)]) if len(b) < 256 else b'\xb1' + struct.pack('!I', len(b))) + b


def aq_sym(s):
    return b'\xa3' + bytes([len(s)]) + s.encode()


def aq_uint(n):
    return b'\x43' if n == 0 else (b'\x52' + bytes([n]) if n < 256 else b'\x70' + struct.pack('!I', n))


def aq_bin(b):
    return b'\xa0' + bytes([len(b)]) + b


def aq_list(items):
    body = b''.join(items)
    if len(body) + 1 < 256 and len(items) < 256:
        return b'\xc0' + bytes([len(body) + 1, len(items)]) + body
    return b'\xd0' + struct.pack('!II', len(body) + 4, len(items)) + body


def aq_map(pairs):
    body = b''.join(a + b for a, b in pairs)
    return b'\xc1' + bytes([len(body) + 1, 2 * len(pairs)]) + body


def aq_desc(code, value):
    return b'\x00\x53' + bytes([code]) + value


def aq_frame(perf, payload=b'', ch=0):
    body = perf + payload
    return struct.pack('!IBBH', len(body) + 8, 2, 0, ch) + body


NULL, TRUE, FALSE = b'\x40', b'\x41', b'\x42'


def amqp10_open(k, f, role_receiver, address):
    f.c_(b'AMQP\x00\x01\x00\x00', think=0.05)
    f.s_(b'AMQP\x00\x01\x00\x00')
    f.c_(aq_frame(aq_desc(0x10, aq_list([aq_str('app-' + k.hexid(8)), aq_str('mq.example.net')]))), think=0.002)
    f.s_(aq_frame(aq_desc(0x10, aq_list([aq_str('broker-' + k.hexid(6))]))))
    f.c_(aq_frame(aq_desc(0x11, aq_list([NULL, aq_uint(1), aq_uint(5000), aq_uint(5000)]))), think=0.002)
    f.s_(aq_frame(aq_desc(0x11, aq_list([b'\x60\x00\x00', aq_uint(1), aq_uint(5000), aq_uint(5000)]))))
    src = aq_desc(0x28, aq_list([aq_str(address)]))
    tgt = aq_desc(0x29, aq_list([aq_str(address)]))
    f.c_(aq_frame(aq_desc(0x12, aq_list([aq_str('link-' + k.hexid(6)), aq_uint(0), TRUE if role_receiver else FALSE,
                                         NULL, NULL, src, tgt]))), think=0.002)
    f.s_(aq_frame(aq_desc(0x12, aq_list([aq_str('link-' + k.hexid(6)), aq_uint(0), FALSE if role_receiver else TRUE,
                                         NULL, NULL, src, tgt]))))
    flow = aq_frame(aq_desc(0x13, aq_list([aq_uint(0), aq_uint(5000), aq_uint(0), aq_uint(5000), aq_uint(0),
                                           aq_uint(0), aq_uint(100)])))
    if role_receiver:
        f.c_(flow, think=0.002)
    else:
        f.s_(flow)


def amqp10_transfer(k, i, sections):
    perf = aq_desc(0x14, aq_list([aq_uint(0), aq_uint(i), aq_bin(struct.pack('!I', i)), aq_uint(0), TRUE]))
    return aq_frame(perf, sections)


def amqp10_chat(k):
    recv = k.var % 2 == 1
    f = k.tcp(5672)
    addr = '/exchanges/chat/room.%s' % k.hexid(6)
    amqp10_open(k, f, recv, addr)
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        props = aq_desc(0x73, aq_list([aq_str(k.uuid()), NULL, aq_str(addr)]))
        app = aq_desc(0x74, aq_map([(aq_str('kind'), aq_str('text')), (aq_str('from'), aq_str(handle(k)))]))
        body = aq_desc(0x77, aq_str(t)) if k.var % 4 < 2 else aq_desc(0x75, aq_bin(W.jdump({'text': t})[:255]))
        fr = amqp10_transfer(k, i, props + app + body)
        if recv:
            f.s_(fr, think=k.human())
        else:
            f.c_(fr, think=k.human())
            f.s_(aq_frame(aq_desc(0x15, aq_list([TRUE, aq_uint(i), NULL, TRUE, aq_desc(0x24, aq_list([]))]))))
    f.c_(aq_frame(aq_desc(0x18, aq_list([]))), think=0.5)
    f.s_(aq_frame(aq_desc(0x18, aq_list([]))))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'AMQP 1.0 transfers (%s), the text in an %s section' % (
        'the device receives' if recv else 'the device sends', 'amqp-value string' if k.var % 4 < 2 else 'data section (JSON)'))


def amqp10_metrics(k):
    f = k.tcp(5672)
    addr = '/queues/metrics'
    amqp10_open(k, f, False, addr)
    for i in range(k.rng.randrange(6, 10)):
        app = aq_desc(0x74, aq_map([(aq_str('host'), aq_str('nas01')), (aq_str('unit'), aq_str('celsius'))]))
        body = aq_desc(0x75, aq_bin(W.jdump({'metric': 'disk.temp', 'value': round(k.rng.uniform(30, 45), 1)})))
        f.c_(amqp10_transfer(k, i, app + body), think=15.0)
    f.close()
    return C.neg('AMQP 1.0 transfers of disk temperatures every 15 s')


BF_CASES = [
    (BF, U, 'netstring-chat', netstring_chat, rot(4, 2)),
    (BF, U, 'bencode-chat', bencode_chat, rot(4, 8)),
    (BF, U, 'cbor-seq-chat', cbor_seq_chat, rot(4, 14)),
    (BF, U, 'pb-delimited', pb_delimited, rot(4, 20)),
    (BF, U, 'utf16-records', utf16_records, rot(4, 26)),
    (BF, U, 'amqp10-chat', amqp10_chat, rot(4, 32)),
    (BF, U, 'netstring-metrics', netstring_metrics, NONE * 2),
    (BF, U, 'cbor-seq-sensor', cbor_seq_sensor, NONE * 2),
    (BF, U, 'pb-inventory', pb_inventory, NONE * 2),
    (BF, U, 'amqp10-metrics', amqp10_metrics, NONE * 2),
]


# ========================================================================= datagram
DG = 'datagram'


def mesh_hdr(k, dest, src):
    return struct.pack('<III', dest, src, k.rng.getrandbits(32)) + bytes([0x63, k.rng.randrange(256), 0, 0])


def mesh_udp(k):
    recv = k.var % 2 == 1
    f = k.udp(4403)
    me, peer = k.rng.getrandbits(32), k.rng.getrandbits(32)
    for t in lines(k, k.rng.randrange(2, 4)):
        data = W.pb([(1, 1), (2, t.encode())])
        if recv:
            f.s_(mesh_hdr(k, 0xffffffff, peer) + data, think=k.human())
            f.c_(mesh_hdr(k, peer, me) + W.pb([(1, 1), (4, 1)]))
        else:
            f.c_(mesh_hdr(k, 0xffffffff, me) + data, think=k.human())
            f.s_(mesh_hdr(k, me, 0) + W.pb([(1, 1), (4, 1)]))
    return C.pos('to_client' if recv else 'to_server', 'mesh-radio UDP gateway: 16-byte packet header, protobuf Data{portnum '
                 '1 (text), payload}%s' % (' relayed to the home node' if recv else ' from the home node'))


def mesh_position(k):
    f = k.udp(4403)
    me = k.rng.getrandbits(32)
    for i in range(k.rng.randrange(8, 14)):
        if i % 3 == 2:
            data = W.pb([(1, 67), (2, W.pb([(1, k.rng.randrange(60, 100)), (2, round(k.rng.uniform(3.6, 4.2), 2))]))])
        else:
            data = W.pb([(1, 3), (2, W.pb([(1, k.rng.randrange(-900000000, 900000000) & 0xffffffffffffffff),
                                           (2, k.rng.randrange(-1800000000, 1800000000) & 0xffffffffffffffff),
                                           (3, k.rng.randrange(0, 400))]))])
        f.c_(mesh_hdr(k, 0xffffffff, me) + data, think=60.0)
    return C.neg('mesh-radio UDP gateway: position and telemetry packets every 60 s')


def rak_frame(seq, flags, payload, idx=None):
    body = bytes([flags]) + struct.pack('!H', len(payload) * 8)
    if idx is not None:
        body += struct.pack('<I', idx)[:3] + struct.pack('<I', idx)[:3] + b'\x00'
    return b'\x84' + struct.pack('<I', seq)[:3] + body + payload


def rak_text(who, t):
    w, b = who.encode(), t.encode()
    return b'\x88\x01\x00' + W.varint(len(w)) + w + W.varint(len(b)) + b      # game packet ids from 0x86 (ID_USER_PACKET_ENUM)


def raknet_chat(k, chat=True):
    both = k.var % 2 == 0
    f = k.udp(19132)
    seq = {'c': 0, 's': 0}
    rel = {'c': 0, 's': 0}
    me = handle(k)

    def state(who):
        seq[who] += 1
        pl = b'\x87' + struct.pack('!Ifffh', k.rng.randrange(1, 64), *(k.rng.uniform(-200, 200) for _ in range(3)),
                                   k.rng.randrange(-180, 180))
        f.send(who, rak_frame(seq[who], 0x00, pl), think=0.1)

    def chat_(who, sender, t):
        seq[who] += 1
        rel[who] += 1
        f.send(who, rak_frame(seq[who], 0x60, rak_text(sender, t), rel[who]), think=0.1)
        other = 's' if who == 'c' else 'c'
        f.send(other, b'\xc0\x00\x01\x01' + struct.pack('<I', seq[who])[:3])

    texts = lines(k, k.rng.randrange(2, 4)) if chat else []
    for i in range(len(texts) if chat else 1):
        for _ in range(k.rng.randrange(40, 120)):
            state('c' if k.rng.random() < 0.5 else 's')
        if not chat:
            break
        if both and i % 2 == 0:
            chat_('c', me, texts[i])
        else:
            chat_('s', handle(k), texts[i])
    if not chat:
        return C.neg('RakNet-style game traffic: unreliable position frames both ways, no chat')
    return C.pos('-' if both else 'to_client', 'RakNet-style frame sets (24-bit sequence, reliable-ordered frame with a '
                 'text packet) among position frames%s' % (', chat both ways' if both else ', other players\' chat'))


def raknet_state(k):
    return raknet_chat(k, chat=False)


def osc_str(s):
    b = s.encode() + b'\0'
    return b + b'\0' * (-len(b) % 4)


def osc_msg(addr, tags, args=b''):
    return osc_str(addr) + osc_str(tags) + args


def osc_chatbox(k):
    f = k.udp(9000)
    for t in lines(k, k.rng.randrange(2, 4)):
        for _ in range(k.rng.randrange(3, 8)):
            f.c_(osc_msg('/avatar/parameters/%s' % k.pick(['MouthOpen', 'EarTwitch', 'Wave']), ',f',
                         struct.pack('!f', k.rng.random())), think=k.human(0.3, 3))
        m = osc_msg('/chatbox/typing', ',T')
        f.c_(m, think=0.5)
        m = osc_msg('/chatbox/input', ',sT', osc_str(t))
        if k.var % 2:
            m = b'#bundle\0' + struct.pack('!II', 0, 1) + struct.pack('!I', len(m)) + m
        f.c_(m, think=k.human())
    return C.pos('to_server', 'OSC over UDP to a remote venue relay: /chatbox/input ,sT <text>%s among avatar '
                 'parameters' % (' in a #bundle' if k.var % 2 else ''))


def osc_faders(k):
    f = k.udp(9000)
    for i in range(k.rng.randrange(30, 60)):
        if k.rng.random() < 0.8:
            m = osc_msg('/1/fader%d' % k.rng.randrange(1, 9), ',f', struct.pack('!f', k.rng.random()))
        else:
            m = osc_msg('/mixer/ch/%d/mute' % k.rng.randrange(1, 17), ',i', struct.pack('!i', k.rng.randrange(2)))
        f.c_(m, think=k.human(0.05, 2))
    return C.neg('OSC over UDP: mixer faders and mutes')


def dht_krpc(k):
    f = k.udp(6881)
    nid = rnd(k, 20)
    for i in range(k.rng.randrange(4, 8)):
        tid = struct.pack('!H', i)
        if i % 2:
            q = {'a': {'id': nid, 'info_hash': rnd(k, 20)}, 'q': 'get_peers', 't': tid, 'y': 'q'}
        else:
            q = {'a': {'id': nid}, 'q': 'ping', 't': tid, 'y': 'q'}
        f.c_(benc(q), think=k.human(1, 5))
        f.s_(benc({'r': {'id': rnd(k, 20), 'nodes': rnd(k, 26 * 4), 'token': rnd(k, 8)}, 't': tid, 'y': 'r'}))
    return C.neg('DHT KRPC (bencoded ping/get_peers) over UDP')


def lora_fwd(k):
    f = k.udp(1700)
    eui = rnd(k, 8)
    for i in range(k.rng.randrange(5, 9)):
        tok = rnd(k, 2)
        if i % 3 == 0:
            js = W.jdump({'stat': {'time': '2025-03-10 09:%02d:00 GMT' % i, 'lati': 52.1, 'long': 5.1, 'alti': 12, 'rxnb': i,
                                   'rxok': i, 'rxfw': i, 'ackr': 100.0, 'dwnb': 0, 'txnb': 0}})
        else:
            js = W.jdump({'rxpk': [{'tmst': k.rng.getrandbits(32), 'chan': 2, 'rfch': 1, 'freq': 868.5, 'stat': 1,
                                    'modu': 'LORA', 'datr': 'SF7BW125', 'codr': '4/5', 'rssi': -k.rng.randrange(40, 110),
                                    'lsnr': 7.5, 'size': 23, 'data': base64.b64encode(rnd(k, 23)).decode()}]})
        f.c_(b'\x02' + tok + b'\x00' + eui + js, think=k.human(5, 30))
        f.s_(b'\x02' + tok + b'\x01')
    return C.neg('LoRa packet forwarder PUSH_DATA: gateway stats and rxpk with encrypted base64 payloads')


DG_CASES = [
    (DG, U, 'mesh-udp', mesh_udp, rot(4, 4)),
    (DG, U, 'raknet-chat', raknet_chat, rot(4, 10)),
    (DG, U, 'osc-chatbox', osc_chatbox, rot(4, 16)),
    (DG, U, 'mesh-position', mesh_position, NONE * 2),
    (DG, U, 'raknet-state', raknet_state, NONE * 2),
    (DG, U, 'osc-faders', osc_faders, NONE * 2),
    (DG, U, 'dht-krpc', dht_krpc, NONE * 2),
    (DG, U, 'lora-fwd', lora_fwd, NONE * 2),
]


# ========================================================================= familiar
FA = 'familiar'


def utf8_mail(k, frm, to, fn, tn, extra=(), body=None):
    """An RFC 6532 message: raw UTF-8 in addresses, names and subject, 8bit UTF-8 body."""
    hdr = ['From: %s <%s>' % (fn, frm), 'To: %s <%s>' % (tn, to), 'Subject: %s' % k.pick(X.SUBJECTS[k.lang]),
           'Date: %s' % k.rfc5322(), 'Message-ID: <%s@%s>' % (k.hexid(18), frm.split('@')[1]), 'MIME-Version: 1.0',
           'Content-Type: text/plain; charset=utf-8; format=flowed', 'Content-Transfer-Encoding: 8bit'] + list(extra)
    body = body or mailbody(k, tn, fn)
    return ('\r\n'.join(hdr) + '\r\n\r\n' + body.replace('\n', '\r\n')).encode()


def smtp_utf8_mta(k):
    f = k.tcp(25)
    fn, tn = names2(k)
    frm = '%s@home.example.net' % fn.lower()
    to = '%s@example.org' % handle(k)
    f.s_(b'220 mx.example.org ESMTP ready\r\n')
    f.c_(b'EHLO mail.home.example.net\r\n', think=0.002)
    f.s_(b'250-mx.example.org\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-ENHANCEDSTATUSCODES\r\n250 SIZE 52428800\r\n')
    f.c_(b'MAIL FROM:<%s> SMTPUTF8 BODY=8BITMIME\r\n' % frm.encode(), think=0.002)
    f.s_(b'250 2.1.0 Ok\r\n')
    f.c_(b'RCPT TO:<%s>\r\n' % to.encode(), think=0.002)
    f.s_(b'250 2.1.5 Ok\r\n')
    f.c_(b'DATA\r\n', think=0.002)
    f.s_(b'354 End data with <CR><LF>.<CR><LF>\r\n')
    msg = utf8_mail(k, frm, to, fn, tn, ['Received: from laptop.home.arpa by mail.home.example.net with ESMTPSA; %s' % k.rfc5322()])
    f.c_(W.dot_stuff(msg) + b'\r\n.\r\n', think=0.002)
    f.s_(b'250 2.0.0 Ok: queued as %s\r\n' % k.hexid(11).upper().encode())
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.pos('to_server', 'a home MTA relays a personal mail to an outside MX: SMTPUTF8, UTF-8 local part and headers '
                 '(RFC 6532), 8bit body, no AUTH')


ALT_CHARSET = {'ja': ('iso-2022-jp', '7bit'), 'ru': ('koi8-r', 'quoted-printable'), 'ar': ('windows-1256', 'base64'),
               'el': ('iso-8859-7', 'quoted-printable'), 'he': ('iso-8859-8', 'quoted-printable'), 'uk': ('koi8-u', 'base64')}


def cte_encode(raw, cte):
    if cte == 'base64':
        b = base64.b64encode(raw).decode()
        return '\r\n'.join(b[i:i + 76] for i in range(0, len(b), 76)).encode()
    if cte == 'quoted-printable':
        return W.qp(raw).encode()
    return raw.replace(b'\n', b'\r\n')


def smtp_alt_charset(k):
    cs, cte = ALT_CHARSET[k.lang]
    texts = encodable(k, 2, cs)
    fn, tn = names2(k)
    fa, ta = handles2(k)
    body = mailbody(k, tn, fn, texts=texts)
    try:
        body.encode(cs)
    except UnicodeEncodeError:
        body = '\n\n'.join(texts) + '\n'
    html = '<html><body>' + ''.join('<p>%s</p>' % xml(p) for p in body.split('\n\n')) + '</body></html>'
    bnd = '=_alt_' + k.hexid(16)
    hdr = ['From: %s <%s@example.net>' % (W.rfc2047(fn), fa), 'To: %s <%s@example.com>' % (W.rfc2047(tn), ta),
           'Subject: %s' % W.rfc2047(k.pick(X.SUBJECTS[k.lang])), 'Date: %s' % k.rfc5322(),
           'Message-ID: <%s@example.net>' % k.hexid(20), 'MIME-Version: 1.0',
           'Content-Type: multipart/alternative; boundary="%s"' % bnd]
    msg = ('\r\n'.join(hdr) + '\r\n\r\n--%s\r\nContent-Type: text/plain; charset=%s\r\nContent-Transfer-Encoding: %s\r\n\r\n'
           % (bnd, cs, cte)).encode() + cte_encode(body.encode(cs), cte) + \
        ('\r\n--%s\r\nContent-Type: text/html; charset=%s\r\nContent-Transfer-Encoding: base64\r\n\r\n' % (bnd, cs)).encode() + \
        cte_encode(html.encode(cs), 'base64') + ('\r\n--%s--\r\n' % bnd).encode()
    f = k.tcp(587)
    f.s_(b'220 smtp.example.net ESMTP Submission\r\n')
    f.c_(b'EHLO [192.168.1.23]\r\n', think=0.002)
    f.s_(b'250-smtp.example.net\r\n250-AUTH LOGIN PLAIN\r\n250-8BITMIME\r\n250 SIZE 36700160\r\n')
    f.c_(b'AUTH LOGIN\r\n', think=0.002)
    f.s_(b'334 VXNlcm5hbWU6\r\n')
    f.c_(base64.b64encode(('%s@example.net' % fa).encode()) + b'\r\n', think=0.002)
    f.s_(b'334 UGFzc3dvcmQ6\r\n')
    f.c_(base64.b64encode(k.hexid(12).encode()) + b'\r\n', think=0.002)
    f.s_(b'235 2.7.0 Authentication successful\r\n')
    f.c_(b'MAIL FROM:<%s@example.net>\r\n' % fa.encode(), think=0.002)
    f.s_(b'250 2.1.0 Ok\r\n')
    f.c_(b'RCPT TO:<%s@example.com>\r\n' % ta.encode(), think=0.002)
    f.s_(b'250 2.1.5 Ok\r\n')
    f.c_(b'DATA\r\n', think=0.002)
    f.s_(b'354 Go ahead\r\n')
    f.c_(W.dot_stuff(msg) + b'.\r\n', think=0.002)
    f.s_(b'250 2.0.0 Ok: queued\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.pos('to_server', 'submission with AUTH LOGIN: multipart/alternative, text/plain %s %s and text/html base64 in '
                 'the same charset' % (cs, cte))


def imap_append_utf8(k):
    f = k.tcp(143)
    fn, tn = names2(k)
    frm, to = '%s@example.net' % fn.lower(), '%s@example.com' % handle(k)
    msg = utf8_mail(k, frm, to, fn, tn)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready\r\n')
    f.c_(b'a1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'a1 OK [CAPABILITY IMAP4rev1 LITERAL+ UTF8=ACCEPT ENABLE APPENDLIMIT=35651584 UIDPLUS] Logged in\r\n')
    f.c_(b'a2 ENABLE UTF8=ACCEPT\r\n', think=0.002)
    f.s_(b'* ENABLED UTF8=ACCEPT\r\na2 OK Enabled\r\n')
    f.c_(b'a3 APPEND Sent (\\Seen) UTF8 (~{%d+}\r\n' % len(msg) + msg + b')\r\n', think=0.3)
    f.s_(b'a3 OK [APPENDUID 1712345678 %d] Append completed.\r\n' % k.rng.randrange(100, 900))
    f.c_(b'a4 LOGOUT\r\n', think=0.01)
    f.s_(b'* BYE Logging out\r\na4 OK Logout completed.\r\n')
    f.close()
    return C.pos('to_server', 'IMAP APPEND of a sent mail to Sent after ENABLE UTF8=ACCEPT: UTF8 (~{n+} literal8, raw UTF-8 '
                 'headers')


def xmpp_s2s_stream(k, f, origin, target, initiator='c'):
    other = 's' if initiator == 'c' else 'c'
    f.send(initiator, ("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                       "xmlns='jabber:server' xmlns:db='jabber:server:dialback' xmlns:srv='jabber:server' from='%s' to='%s' "
                       "version='1.0'>" % (origin, target)).encode(), think=0.01)
    f.send(other, ("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server' "
                   "xmlns:db='jabber:server:dialback' id='%s' from='%s' to='%s' version='1.0'><stream:features><dialback "
                   "xmlns='urn:xmpp:features:dialback'/></stream:features>" % (k.hexid(16), target, origin)).encode())
    f.send(initiator, ("<db:result from='%s' to='%s'>%s</db:result>" % (origin, target, k.hexid(40))).encode(), think=0.003)
    f.send(other, ("<db:result from='%s' to='%s' type='valid'/>" % (target, origin)).encode())


def xmpp_s2s_chat(k, inbound=False):
    f = k.tcp(5269, device_server=inbound)
    home, away = 'home.example.net', k.pick(['example.org', 'jabber.example.com'])
    origin, target = (away, home) if inbound else (home, away)
    xmpp_s2s_stream(k, f, origin, target)
    a, b = handles2(k)
    prefixed = k.var % 2 == 1
    for t in lines(k, k.rng.randrange(2, 4)):
        if prefixed:
            st = ("<srv:message from='%s@%s/phone' to='%s@%s' type='chat' id='%s' xml:lang='%s'><srv:body>%s</srv:body>"
                  "</srv:message>" % (a, origin, b, target, k.hexid(8), k.lang, xml(t)))
        else:
            st = ("<message from='%s@%s/phone' to='%s@%s' type='chat' id='%s' xml:lang='%s'><body>%s</body><request "
                  "xmlns='urn:xmpp:receipts'/></message>" % (a, origin, b, target, k.hexid(8), k.lang, xml(t)))
        f.c_(st.encode(), think=k.human())
    f.c_(b'</stream:stream>', think=30.0)
    f.s_(b'</stream:stream>')
    f.close()
    return C.pos('to_client' if inbound else 'to_server', 'XMPP server-to-server (%s, dialback) carrying chat%s' % (
        'an outside server delivers to the home server' if inbound else 'the home server federates out',
        ' with namespace-prefixed stanzas (srv:message/srv:body)' if prefixed else ''))


def xmpp_s2s(k):
    return xmpp_s2s_chat(k)


def http_json_nested(k):
    recv = k.var % 2 == 1
    f = k.tcp(80)
    me, other = handles2(k)
    texts = lines(k, k.rng.randrange(1, 3))

    def env(frm, to, t):
        return {'envelope': {'from': {'handle': frm}, 'to': [{'handle': to}], 'sentAt': k.iso(f)},
                'content': {'parts': [{'kind': 'text', 'value': t}]}}
    if recv:
        f.c_(W.http_req('GET', '/api/v3/dm?since=%d' % (k.epoch_ms(f) - 3600000), 'dm.example.net', [C.ua(k), bearer(k)]),
             think=0.2)
        f.s_(resp(200, W.jdump({'items': [env(other, me, t) for t in texts], 'cursor': k.hexid(12)})))
    else:
        for i, t in enumerate(texts):
            http_post(k, f, 'POST', '/api/v3/dm', 'dm.example.net', W.jdump(env(me, other, t)), 'application/json', 201,
                      W.jdump({'id': k.hexid(16)}), hdrs=[bearer(k)], think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'JSON chat API, nested record: envelope{from, to[], sentAt}, '
                 'content.parts[{kind: text, value}] (%s)' % ('inbox download' if recv else 'send'))


def smtp_cron(k):
    f = k.tcp(587)
    out = ('sending incremental file list\nphotos/2025/03/\nphotos/2025/03/IMG_%04d.jpg\n\nsent %d bytes  received %d bytes  '
           '%d.%02d bytes/sec\ntotal size is %d  speedup is %d.%02d\n' % (
               k.rng.randrange(1000, 9999), k.rng.randrange(10 ** 6, 10 ** 8), k.rng.randrange(1000, 9999),
               k.rng.randrange(10 ** 4, 10 ** 6), k.rng.randrange(100), k.rng.randrange(10 ** 9, 10 ** 11),
               k.rng.randrange(1, 90), k.rng.randrange(100)))
    msg = W.mail('Cron Daemon <root@nas.home.example.net>', 'admin@example.org',
                 'Cron <root@nas> /usr/local/bin/backup.sh', out, k.rfc5322(), '%s@nas.home.example.net' % k.hexid(16),
                 'us-ascii', '7bit', ['Auto-Submitted: auto-generated', 'Precedence: bulk', 'X-Cron-Env: <SHELL=/bin/sh>',
                                      'X-Cron-Env: <HOME=/root>'])
    C.smtp_session(k, f, msg, 'root@nas.home.example.net', ['admin@example.org'], 'smtp.example.net', auth=True,
                   ehlo_host='nas.home.example.net')
    f.close()
    return C.neg('cron output mailed by a home NAS (Auto-Submitted: auto-generated): program text', 'en')


def imap_namespace(k):
    f = k.tcp(143)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 NAMESPACE QUOTA IDLE] ready\r\n')
    f.c_(b'a1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'a1 OK Logged in\r\n')
    f.c_(b'a2 NAMESPACE\r\n', think=0.002)
    f.s_(b'* NAMESPACE (("" "/")) NIL (("#shared/" "/"))\r\na2 OK Namespace completed.\r\n')
    f.c_(b'a3 LIST "" "*"\r\n', think=0.002)
    f.s_(b''.join(b'* LIST (\\HasNoChildren%s) "/" %s\r\n' % (fl, n) for fl, n in [
        (b'', b'INBOX'), (b' \\Sent', b'Sent'), (b' \\Drafts', b'Drafts'), (b' \\Trash', b'Trash'), (b'', b'Receipts')]) +
        b'a3 OK List completed.\r\n')
    f.c_(b'a4 GETQUOTAROOT INBOX\r\n', think=0.002)
    f.s_(b'* QUOTAROOT INBOX ""\r\n* QUOTA "" (STORAGE %d 1048576)\r\na4 OK Getquotaroot completed.\r\n' % k.rng.randrange(10 ** 4, 10 ** 6))
    f.c_(b'a5 STATUS INBOX (MESSAGES UNSEEN UIDNEXT)\r\n', think=0.002)
    f.s_(b'* STATUS INBOX (MESSAGES %d UNSEEN %d UIDNEXT %d)\r\na5 OK Status completed.\r\n' % (
        k.rng.randrange(100, 900), k.rng.randrange(0, 9), k.rng.randrange(1000, 9000)))
    f.c_(b'a6 IDLE\r\n', think=0.002)
    f.s_(b'+ idling\r\n')
    f.c_(b'DONE\r\n', think=29 * 60.0)
    f.s_(b'a6 OK Idle completed.\r\n')
    f.c_(b'a7 LOGOUT\r\n', think=0.01)
    f.s_(b'* BYE\r\na7 OK Logout completed.\r\n')
    f.close()
    return C.neg('IMAP NAMESPACE, LIST, GETQUOTAROOT, STATUS, IDLE: no message content')


FA_CASES = [
    (FA, F, 'smtp-utf8-mta', smtp_utf8_mta, rot(4, 5)),
    (FA, F, 'smtp-alt-charset', smtp_alt_charset, ['ja', 'ru', 'ar', 'el', 'he', 'uk']),
    (FA, F, 'imap-append-utf8', imap_append_utf8, rot(3, 11)),
    (FA, F, 'xmpp-s2s', xmpp_s2s, rot(4, 17)),
    (FA, F, 'http-json-nested', http_json_nested, rot(4, 23)),
    (FA, F, 'smtp-cron', smtp_cron, NONE * 3),
    (FA, F, 'imap-namespace', imap_namespace, NONE * 2),
]


# ========================================================================= line-protocol
LP = 'line-protocol'


def irc_multiline(k):
    f = k.tcp(6667)
    nick = handle(k).replace('.', '_')
    C.irc_login(k, f, nick, cap='draft/multiline batch message-tags server-time')
    chan = '#' + k.pick(['hikers', 'dinner-club', 'movers', 'gig-crew'])
    C.irc_join(k, f, nick, chan, [handle(k).replace('.', '_') for _ in range(3)])
    texts = lines(k, k.rng.randrange(2, 4))
    for i in range(0, len(texts), 2):
        first = texts[i]
        cut = max(1, len(first) // 2)
        ref = k.hexid(6).encode()
        c = chan.encode()
        out = b'BATCH +%s draft/multiline %s\r\n' % (ref, c)
        out += b'@batch=%s PRIVMSG %s :%s\r\n' % (ref, c, first[:cut].encode())
        out += b'@batch=%s;draft/multiline-concat PRIVMSG %s :%s\r\n' % (ref, c, first[cut:].encode())
        if i + 1 < len(texts):
            out += b'@batch=%s PRIVMSG %s :%s\r\n' % (ref, c, texts[i + 1].encode())
        out += b'BATCH -%s\r\n' % ref
        f.c_(out, think=k.human())
    f.c_(b'QUIT :bye\r\n', think=k.human())
    f.s_(b'ERROR :Closing Link: %s (Quit: bye)\r\n' % nick.encode())
    f.close()
    return C.pos('to_server', 'IRCv3 draft/multiline BATCH: tagged PRIVMSGs, one line cut in two with multiline-concat')


def redis_esc(t):
    return '"' + t.replace('\\', '\\\\').replace('"', '\\"') + '"'


def resp_bulk(b):
    b = b.encode() if isinstance(b, str) else b
    return b'$%d\r\n' % len(b) + b + b'\r\n'


def redis_inline(k):
    sub = k.var % 2 == 1
    f = k.tcp(6379)
    chan = 'chat:room:%d' % k.rng.randrange(10, 99)
    if sub:
        f.c_(b'*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n', think=0.01)
        f.s_(b'%3\r\n+server\r\n+redis\r\n+version\r\n+7.2.4\r\n+proto\r\n:3\r\n')
        f.c_(b'*2\r\n$9\r\nSUBSCRIBE\r\n' + resp_bulk(chan), think=0.003)
        f.s_(b'>3\r\n' + resp_bulk('subscribe') + resp_bulk(chan) + b':1\r\n')
        for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
            payload = t if k.var % 4 == 1 else W.jdump({'u': handle(k), 't': t}).decode()
            f.s_(b'>3\r\n' + resp_bulk('message') + resp_bulk(chan) + resp_bulk(payload), think=k.human())
    else:
        f.c_(b'AUTH %s\r\n' % k.hexid(16).encode(), think=0.01)
        f.s_(b'+OK\r\n')
        for t in lines(k, k.rng.randrange(2, 4)):
            f.c_(('PUBLISH %s %s\r\n' % (chan, redis_esc(t))).encode(), think=k.human())
            f.s_(b':%d\r\n' % k.rng.randrange(1, 4))
    f.close()
    return C.pos('to_client' if sub else 'to_server', 'Redis %s' % (
        'RESP3 push frames (>3 message) to a subscriber, %s payload' % ('plain' if k.var % 4 == 1 else 'JSON')
        if sub else 'inline commands: PUBLISH channel "quoted text" without RESP framing'))


def redis_session(k):
    f = k.tcp(6379)
    for i in range(k.rng.randrange(5, 9)):
        sid = k.hexid(24)
        f.c_(('SET session:%s %s EX 3600\r\n' % (sid, redis_esc(W.jdump({'uid': k.rng.randrange(1000), 'exp': k.epoch_ms(f)}).decode()))).encode(),
             think=k.human(0.5, 5))
        f.s_(b'+OK\r\n')
        f.c_(b'INCR ratelimit:%d\r\n' % k.rng.randrange(10 ** 6), think=0.001)
        f.s_(b':%d\r\n' % k.rng.randrange(1, 30))
    f.close()
    return C.neg('Redis inline commands: session JSON and rate-limit counters')


def news_article(k, frm_host, group, msgid, extra=(), body=None, subject=None):
    fn = name(k)
    hdr = ['Path: %s!not-for-mail' % frm_host, 'From: %s <%s@%s>' % (W.rfc2047(fn), handle(k), frm_host),
           'Newsgroups: %s' % group, 'Subject: %s' % W.rfc2047(subject or k.pick(X.SUBJECTS.get(k.lang, ['hi']))),
           'Date: %s' % k.rfc5322(), 'Message-ID: %s' % msgid, 'MIME-Version: 1.0',
           'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: 8bit'] + list(extra)
    body = body or '\n\n'.join(lines(k, 2)) + '\n\n-- \n' + fn + '\n'
    return ('\r\n'.join(hdr) + '\r\n\r\n' + body.replace('\n', '\r\n')).encode()


def nntp_ihave(k):
    stream = k.var % 2 == 1
    f = k.tcp(119)
    mid = '<%s@home.example.net>' % k.hexid(16)
    art = news_article(k, 'home.example.net', k.pick(['rec.example.outdoors', 'alt.example.cooking', 'local.example.music']), mid)
    f.s_(b'200 news.example.org InterNetNews server INN 2.7.1 ready (transit mode)\r\n')
    if stream:
        f.c_(b'MODE STREAM\r\n', think=0.01)
        f.s_(b'203 Streaming permitted\r\n')
        f.c_(b'CHECK %s\r\n' % mid.encode(), think=0.002)
        f.s_(b'238 %s\r\n' % mid.encode())
        f.c_(b'TAKETHIS %s\r\n' % mid.encode() + W.dot_stuff(art) + b'\r\n.\r\n', think=0.002)
        f.s_(b'239 %s\r\n' % mid.encode())
    else:
        f.c_(b'IHAVE %s\r\n' % mid.encode(), think=0.01)
        f.s_(b'335 Send it\r\n')
        f.c_(W.dot_stuff(art) + b'\r\n.\r\n', think=0.002)
        f.s_(b'235 Article transferred OK\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 Bye\r\n')
    f.close()
    return C.pos('to_server', 'a home news server feeds a person\'s post to its outside peer (%s)' % (
        'MODE STREAM, CHECK, TAKETHIS' if stream else 'IHAVE'))


def nntp_control(k):
    f = k.tcp(119)
    mid = '<cancel.%s@home.example.net>' % k.hexid(12)
    art = news_article(k, 'home.example.net', 'local.example.music', mid,
                       ['Control: cancel <%s@home.example.net>' % k.hexid(16), 'Approved: news@home.example.net'],
                       body='This message was cancelled from within the news server.\n', subject='cmsg cancel')
    f.s_(b'200 news.example.org InterNetNews server INN 2.7.1 ready (transit mode)\r\n')
    f.c_(b'IHAVE %s\r\n' % mid.encode(), think=0.01)
    f.s_(b'335 Send it\r\n')
    f.c_(W.dot_stuff(art) + b'\r\n.\r\n', think=0.002)
    f.s_(b'235 Article transferred OK\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 Bye\r\n')
    f.close()
    return C.neg('NNTP IHAVE of a cancel control message written by the news software', 'en')


def spartan_post(k):
    f = k.tcp(300)
    t = line(k) if k.var % 2 == 0 else '\n'.join(lines(k, 2))
    data = t.encode()
    f.c_(b'spartan.example.net /guestbook/sign %d\r\n' % len(data) + data, think=0.05)
    f.s_(b'3 /guestbook\r\n')
    f.close('s', think=0.01)
    return C.pos('to_server', 'Spartan protocol upload (host path length, then the text) of a guestbook entry')


def spartan_browse(k):
    f = k.tcp(300)
    f.c_(b'spartan.example.net /about.gmi 0\r\n', think=0.05)
    f.s_(b'2 text/gemini; charset=utf-8\r\n# About this capsule\n\nThis capsule is served from a small computer under a desk. '
         b'It hosts a guestbook, a list of hiking routes and notes about repairing old radios.\n\n=> /routes.gmi Hiking routes\n'
         b'=> /radios.gmi Radio notes\n=> /guestbook Guestbook\n')
    f.close('s', think=0.01)
    return C.neg('Spartan page fetch: a static about page (a document)', 'en')


STOMP_CHARSET = {'ru': 'windows-1251', 'uk': 'windows-1251', 'el': 'windows-1253', 'he': 'windows-1255', 'ar': 'windows-1256'}


def stomp_charset(k):
    cs = STOMP_CHARSET[k.lang]
    f = k.tcp(61613)
    f.c_(b'CONNECT\naccept-version:1.2\nhost:mq.example.net\nlogin:%s\npasscode:%s\n\n\0' % (
        handle(k).encode(), k.hexid(10).encode()), think=0.02)
    f.s_(b'CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:ExampleMQ/5.18\n\n\0')
    room = k.rng.randrange(10, 99)
    for i, t in enumerate(encodable(k, k.rng.randrange(2, 4), cs)):
        b = t.encode(cs)
        f.c_(b'SEND\ndestination:/topic/chat\\croom\\c%d\ncontent-type:text/plain;charset=%s\ncontent-length:%d\n'
             b'receipt:r%d\nx-from:%s\n\n' % (room, cs.encode(), len(b), i, handle(k).encode()) + b + b'\0', think=k.human())
        f.s_(b'RECEIPT\nreceipt-id:r%d\n\n\0' % i)
    f.c_(b'DISCONNECT\nreceipt:bye\n\n\0', think=1.0)
    f.s_(b'RECEIPT\nreceipt-id:bye\n\n\0')
    f.close()
    return C.pos('to_server', 'STOMP 1.2 SEND with content-type text/plain;charset=%s and escaped colons in the '
                 'destination header' % cs)


LP_CASES = [
    (LP, U, 'irc-multiline', irc_multiline, rot(4, 3)),
    (LP, U, 'redis-inline', redis_inline, rot(4, 9)),
    (LP, U, 'nntp-ihave', nntp_ihave, rot(4, 15)),
    (LP, U, 'spartan-post', spartan_post, rot(3, 21)),
    (LP, U, 'stomp-charset', stomp_charset, ['ru', 'uk', 'el', 'he']),
    (LP, U, 'redis-session', redis_session, NONE * 2),
    (LP, U, 'nntp-control', nntp_control, NONE * 2),
    (LP, U, 'spartan-browse', spartan_browse, NONE * 2),
]


# ========================================================================= tunnel-partial
TP = 'tunnel-partial'


def connect_to(k, f, target):
    f.c_(b'CONNECT %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: curl/8.5.0\r\n\r\n' % (target.encode(), target.encode()), think=0.05)
    f.s_(b'HTTP/1.1 200 Connection established\r\nVia: 1.1 proxy.example.net\r\n\r\n')


def nntp_post(k, f, greet=b'200 news.example.net NNTP Service Ready, posting allowed\r\n'):
    f.s_(greet)
    f.c_(b'MODE READER\r\n', think=0.01)
    f.s_(b'200 Posting allowed\r\n')
    f.c_(b'POST\r\n', think=0.01)
    f.s_(b'340 Send article to be posted\r\n')
    art = news_article(k, 'example.net', k.pick(['rec.example.outdoors', 'alt.example.cooking']), '<%s@example.net>' % k.hexid(14))
    f.c_(W.dot_stuff(art) + b'\r\n.\r\n', think=k.human(20, 60))
    f.s_(b'240 Article posted\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 closing connection\r\n')


def connect_imap_nntp(k):
    nntp = k.var % 2 == 1
    f = k.tcp(k.pick([3128, 8080]))
    if nntp:
        connect_to(k, f, 'news.example.net:119')
        nntp_post(k, f)
    else:
        connect_to(k, f, 'imap.example.org:143')
        fn, tn = names2(k)
        msg = utf8_mail(k, '%s@example.org' % handle(k), '%s@example.net' % handle(k), fn, tn)
        C.imap_fetch_session(k, f, [msg])
    f.close()
    return C.pos('to_server' if nntp else 'to_client', 'HTTP CONNECT tunnel to %s' % (
        'NNTP port 119: POST of a person\'s article' if nntp else 'IMAP port 143: FETCH BODY[] of a personal mail'))


def socks4_chat(k):
    kind = k.var % 3
    f = k.tcp(1080)
    port = [6667, 587, 5222][kind]
    ip = bytes([203, 0, 113, k.rng.randrange(2, 254)])
    f.c_(b'\x04\x01' + struct.pack('!H', port) + ip + handle(k).encode() + b'\0', think=0.05)
    f.s_(b'\x00\x5a' + struct.pack('!H', port) + ip)
    if kind == 0:
        nick = handle(k).replace('.', '_')
        C.irc_login(k, f, nick)
        chan = '#' + k.pick(['movers', 'hikers'])
        C.irc_join(k, f, nick, chan, [handle(k).replace('.', '_')])
        for t in lines(k, 2):
            f.c_(b'PRIVMSG %s :%s\r\n' % (chan.encode(), t.encode()), think=k.human())
        what = 'IRC PRIVMSG'
    elif kind == 1:
        fn, tn = names2(k)
        frm, to = '%s@example.net' % handle(k), '%s@example.com' % handle(k)
        C.smtp_session(k, f, utf8_mail(k, frm, to, fn, tn), frm, [to], 'smtp.example.net', auth=True)
        what = 'SMTP submission of a personal mail'
    else:
        me = handle(k)
        C.xmpp_login(k, f, me)
        for t in lines(k, 2):
            f.c_(C.xmpp_message(k, '%s@example.net/phone' % me, '%s@example.net' % handle(k), t), think=k.human())
        what = 'XMPP chat'
    f.close()
    return C.pos('to_server', 'SOCKS4 (IPv4 address, user id, no domain name) tunnel carrying %s' % what)


def xmpp_stanza(k, t, frm, to):
    return ("<message xmlns='jabber:client' from='%s' to='%s' type='chat' id='%s'><body>%s</body>"
            "<markable xmlns='urn:xmpp:chat-markers:0'/></message>" % (frm, to, k.hexid(10), xml(t))).encode()


def mid_xmpp(k):
    recv = k.var % 2 == 1
    f = k.tcp(5222, handshake=False)
    a, b = '%s@example.net/laptop' % handle(k), '%s@example.org' % handle(k)
    texts = lines(k, 3)
    head = xmpp_stanza(k, texts[0], b, a) if recv else xmpp_stanza(k, texts[0], a, b)
    part = head[k.rng.randrange(20, len(head) // 2):]
    (f.s_ if recv else f.c_)(part, think=0.01)
    for t in texts[1:]:
        if recv:
            f.s_(xmpp_stanza(k, t, b, a), think=k.human())
            f.c_(b"<r xmlns='urn:xmpp:sm:3'/>")
        else:
            f.c_(xmpp_stanza(k, t, a, b), think=k.human())
    f.cut()
    return C.pos('to_client' if recv else 'to_server', 'capture starts inside an XMPP stanza (no stream header, no '
                 'login), then whole <message> stanzas %s' % ('received' if recv else 'sent'))


def mid_xmpp_presence(k):
    f = k.tcp(5222, handshake=False)
    f.s_(b"ty>dnd</show><status/></presence>", think=0.01)
    for i in range(k.rng.randrange(5, 10)):
        if i % 2:
            f.c_(b"<iq type='get' id='%s'><ping xmlns='urn:xmpp:ping'/></iq>" % k.hexid(6).encode(), think=60.0)
            f.s_(b"<iq type='result' id='%s'/>" % k.hexid(6).encode())
        else:
            f.s_(b"<presence from='%s@example.org/phone'><show>%s</show></presence>" % (
                handle(k).encode(), k.pick([b'away', b'xa', b'chat', b'dnd'])), think=k.human(5, 60))
    f.cut()
    return C.neg('mid-stream XMPP: presence changes and pings only')


def half_ws_server(k):
    f = k.tcp(k.pick([80, 8080]), half='server')
    up, ok = W.ws_upgrade('/ws/chat', 'chat.example.net', k.rng)
    f.c_(up, think=0.2)
    f.s_(ok)
    f.s_(ws_s({'op': 'hello', 'heartbeat': 30000}))
    for t in lines(k, k.rng.randrange(2, 4)):
        f.s_(ws_s({'op': 'msg', 'd': {'ch': k.hexid(6), 'txt': t}}), think=k.human())
        f.c_(W.ws_frame(W.jdump({'op': 'seen'}), 1, rnd(k, 4)))
    f.cut()
    return C.pos('to_client', 'only the server\'s half of a WebSocket chat: the 101, then unmasked frames {op, d{ch, txt}}')


def half_ws_ticker(k):
    f = k.tcp(8080, half='server')
    up, ok = W.ws_upgrade('/ws/scores', 'live.example.net', k.rng)
    f.c_(up, think=0.2)
    f.s_(ok)
    for i in range(k.rng.randrange(10, 20)):
        f.s_(ws_s({'op': 'score', 'd': {'match': k.hexid(6), 'home': k.rng.randrange(5), 'away': k.rng.randrange(5),
                                        'minute': 10 + 4 * i}}), think=k.human(3, 20))
    f.cut()
    return C.neg('only the server\'s half of a WebSocket: live score updates')


def proxy_absolute(k):
    f = k.tcp(3128)
    room = k.hexid(8)
    for i, t in enumerate(lines(k, k.rng.randrange(1, 3))):
        f.c_(W.http_req('POST', 'http://chat.example.net/api/rooms/%s/messages' % room, 'chat.example.net',
                        [C.ua(k), 'Proxy-Connection: keep-alive', 'Cookie: s=' + k.hexid(20)], W.jdump({'text': t}),
                        'application/json'), think=k.human() if i else 0.3)
        f.s_(resp(201, W.jdump({'id': k.hexid(12)}), headers=['Via: 1.1 proxy.example.net (squid/6.6)']))
    f.close()
    return C.pos('to_server', 'absolute-form request to a forward proxy (POST http://host/path), {text} body')


def proxy_get_page(k):
    f = k.tcp(3128)
    f.c_(W.http_req('GET', 'http://docs.example.org/router/backup.html', 'docs.example.org', [C.ua(k), 'Proxy-Connection: keep-alive']),
         think=0.2)
    f.s_(resp(200, docs_html(k.lang if k.lang in X.DOCS else 'en'), 'text/html; charset=utf-8',
              ['Via: 1.1 proxy.example.net (squid/6.6)']))
    f.close()
    return C.neg('a documentation page fetched through a forward proxy (absolute-form GET)')


def connect_nntp_list(k):
    f = k.tcp(3128)
    connect_to(k, f, 'news.example.net:119')
    f.s_(b'200 news.example.net NNTP Service Ready\r\n')
    f.c_(b'LIST ACTIVE\r\n', think=0.01)
    f.s_(b'215 list of newsgroups follows\r\n' + b''.join(b'%s %010d %010d y\r\n' % (g, k.rng.randrange(1000, 9000), 1) for g in
                                                          [b'rec.example.outdoors', b'alt.example.cooking', b'local.example.music']) + b'.\r\n')
    f.c_(b'LIST NEWSGROUPS\r\n', think=0.01)
    f.s_(b'215 descriptions follow\r\nrec.example.outdoors\tHiking, climbing and camping.\r\nalt.example.cooking\tRecipes '
         b'and kitchen questions.\r\nlocal.example.music\tConcerts in the area.\r\n.\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 bye\r\n')
    f.close()
    return C.neg('HTTP CONNECT to NNTP: group list and descriptions only', 'en')


TP_CASES = [
    (TP, U, 'connect-imap-nntp', connect_imap_nntp, rot(4, 1)),
    (TP, U, 'socks4-chat', socks4_chat, rot(3, 7)),
    (TP, U, 'mid-xmpp', mid_xmpp, rot(4, 13)),
    (TP, U, 'half-ws-server', half_ws_server, rot(3, 19)),
    (TP, U, 'proxy-absolute', proxy_absolute, rot(3, 25)),
    (TP, U, 'mid-xmpp-presence', mid_xmpp_presence, NONE * 2),
    (TP, U, 'half-ws-ticker', half_ws_ticker, NONE * 2),
    (TP, U, 'proxy-get-page', proxy_get_page, ['en', 'ru']),
    (TP, U, 'connect-nntp-list', connect_nntp_list, NONE * 2),
]


# ========================================================================= device-server
DS = 'device-server'


def home_xmpp_s2s(k):
    return xmpp_s2s_chat(k, inbound=True)


def home_nntp(k):
    f = k.tcp(119, device_server=True)
    f.s_(b'200 news.home.example.net InterNetNews NNRP server INN 2.7.1 ready (posting ok)\r\n')
    f.c_(b'MODE READER\r\n', think=0.01)
    f.s_(b'200 Posting allowed\r\n')
    f.c_(b'GROUP local.example.family\r\n', think=0.01)
    f.s_(b'211 42 1 42 local.example.family\r\n')
    for i in range(k.rng.randrange(1, 3)):
        art = news_article(k, 'home.example.net', 'local.example.family', '<%s@home.example.net>' % k.hexid(14))
        f.c_(b'ARTICLE %d\r\n' % (40 + i), think=k.human(2, 20))
        f.s_(b'220 %d <%s@home.example.net> article\r\n' % (40 + i, k.hexid(14).encode()) + W.dot_stuff(art) + b'\r\n.\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 bye\r\n')
    f.close()
    return C.pos('to_server', 'a home NNTP server hands family-group articles to an outside reader (ARTICLE)')


def home_sse(k):
    f = k.tcp(k.pick([8008, 8448, 3000]), device_server=True)
    f.c_(W.http_req('GET', '/api/v1/events?room=%s' % k.hexid(8), 'home.example.net:8008', [C.ua(k), 'Accept: text/event-stream']),
         think=0.2)
    f.s_(b'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n')
    for t in lines(k, k.rng.randrange(2, 4)):
        f.s_(('event: message\ndata: %s\n\n' % W.jdump({'from': handle(k), 'text': t}).decode()).encode(), think=k.human())
    f.cut()
    return C.pos('to_server', 'a home chat server streams a room to an outside client as server-sent events')


def home_sse_sensors(k):
    f = k.tcp(8123, device_server=True)
    f.c_(W.http_req('GET', '/api/stream', 'home.example.net:8123', [C.ua(k), 'Accept: text/event-stream', bearer(k)]), think=0.2)
    f.s_(b'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n')
    for i in range(k.rng.randrange(8, 14)):
        f.s_(('data: %s\n\n' % W.jdump({'event_type': 'state_changed', 'data': {
            'entity_id': k.pick(['sensor.living_room_temperature', 'binary_sensor.front_door', 'light.kitchen']),
            'new_state': {'state': k.pick(['21.4', 'on', 'off', 'closed'])}}}).decode()).encode(), think=k.human(2, 30))
    f.cut()
    return C.neg('a home automation hub streams state changes as server-sent events')


def home_submission(k):
    f = k.tcp(587, device_server=True)
    fn, tn = names2(k)
    frm, to = '%s@home.example.net' % handle(k), '%s@example.org' % handle(k)
    msg = utf8_mail(k, frm, to, fn, tn)
    C.smtp_session(k, f, msg, frm, [to], 'mail.home.example.net', auth=True, ehlo_host='phone.example.com')
    f.close()
    return C.pos('to_client', 'an outside phone submits a personal mail to the home MTA (port 587, AUTH PLAIN)')


def home_nntp_list(k):
    f = k.tcp(119, device_server=True)
    f.s_(b'200 news.home.example.net InterNetNews NNRP server ready\r\n')
    f.c_(b'LIST ACTIVE\r\n', think=0.01)
    f.s_(b'215 list follows\r\nlocal.example.family 0000000042 0000000001 y\r\nlocal.example.recipes 0000000017 0000000001 y\r\n.\r\n')
    f.c_(b'GROUP local.example.family\r\n', think=0.01)
    f.s_(b'211 42 1 42 local.example.family\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 bye\r\n')
    f.close()
    return C.neg('a home NNTP server answers LIST ACTIVE and GROUP only')


DS_CASES = [
    (DS, U, 'home-xmpp-s2s', home_xmpp_s2s, rot(4, 29)),
    (DS, U, 'home-nntp', home_nntp, rot(3, 35)),
    (DS, U, 'home-sse', home_sse, rot(3, 41)),
    (DS, U, 'home-submission', home_submission, rot(3, 47)),
    (DS, U, 'home-sse-sensors', home_sse_sensors, NONE * 2),
    (DS, U, 'home-nntp-list', home_nntp_list, NONE * 2),
]


def docs_html(lang):
    title = {'en': 'Backups', 'de': 'Sicherungen', 'ja': 'バックアップ', 'es': 'Copias de seguridad', 'ru': 'Резервные копии'}[lang]
    return ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s – Router Manual</title></head><body>'
            '<nav><a href="/">Manual</a> › <a href="/system/">System</a></nav><main><h1>%s</h1>%s</main>'
            '<footer>© 2025 Example Networks</footer></body></html>' % (
                lang, title, title, ''.join('<p>%s</p>' % xml(p) for p in X.DOCS[lang]))).encode()


# ========================================================================= hard-negative
HN = 'hard-negative'


def get_doc(k, path, host, body, ctype, port=80, hdrs=()):
    f = k.tcp(port)
    f.c_(W.http_req('GET', path, host, [C.ua(k), 'Accept-Language: %s' % k.lang] + list(hdrs)), think=0.2)
    f.s_(resp(200, body, ctype))
    f.close()
    return f


def docs_page(k):
    get_doc(k, '/manual/%s/system/backup.html' % k.lang, 'docs.example.org', docs_html(k.lang), 'text/html; charset=utf-8')
    return C.neg('documentation page: a router manual\'s backup chapter, four paragraphs under headings and navigation')


I18N = {
    'de': [('compose.hint', 'Schreib etwas Nettes …'), ('recipe.save', 'Rezept speichern'), ('recipe.servings', 'Für {0} Personen'),
           ('error.offline', 'Keine Verbindung. Wir versuchen es gleich noch einmal.'), ('share.title', 'Mit Freunden teilen')],
    'ru': [('compose.hint', 'Напишите что-нибудь приятное…'), ('recipe.save', 'Сохранить рецепт'), ('recipe.servings', 'На {0} персон'),
           ('error.offline', 'Нет соединения. Скоро попробуем ещё раз.'), ('share.title', 'Поделиться с друзьями')],
    'ko': [('compose.hint', '따뜻한 한마디를 남겨 보세요…'), ('recipe.save', '레시피 저장'), ('recipe.servings', '{0}인분'),
           ('error.offline', '연결이 끊겼습니다. 잠시 후 다시 시도합니다.'), ('share.title', '친구와 공유하기')],
    'pt': [('compose.hint', 'Escreva algo gentil…'), ('recipe.save', 'Salvar receita'), ('recipe.servings', 'Serve {0} pessoas'),
           ('error.offline', 'Sem conexão. Vamos tentar de novo em instantes.'), ('share.title', 'Compartilhar com amigos')],
}


def i18n_files(k):
    style = k.var % 4
    strings = I18N[k.lang]
    if style == 0:
        body = ('# Generated by the translation service, do not edit\n' + ''.join(
            '%s=%s\n' % (key, ''.join(c if ord(c) < 128 else '\\u%04x' % ord(c) for c in v)) for key, v in strings)).encode()
        path, ct = '/i18n/messages_%s.properties' % k.lang, 'text/x-java-properties; charset=ISO-8859-1'
    elif style == 1:
        body = ('<?xml version="1.0" encoding="utf-8"?>\n<resources>\n' + ''.join(
            '    <string name="%s">%s</string>\n' % (key.replace('.', '_'), xml(v)) for key, v in strings) + '</resources>\n').encode()
        path, ct = '/res/values-%s/strings.xml' % k.lang, 'application/xml'
    elif style == 2:
        body = ''.join('/* %s */\n"%s" = "%s";\n' % (key, key, v) for key, v in strings).encode('utf-16')
        path, ct = '/%s.lproj/Localizable.strings' % k.lang, 'text/plain; charset=utf-16'
    else:
        body = W.jdump({k.lang: dict(strings)})
        path, ct = '/locales/%s.json' % k.lang, 'application/json'
    get_doc(k, path, 'cdn.example.com', body, ct)
    return C.neg('UI translation file download (%s)' % ['Java .properties with \\u escapes', 'Android strings.xml',
                                                        'iOS .strings in UTF-16', 'i18next JSON'][style])


def cms_page(k):
    title, paras = X.CMS_PAGE[k.lang]
    f = k.tcp(80)
    body = W.jdump({'title': title, 'status': 'publish', 'template': 'page-wide',
                    'content': ''.join('<!-- wp:paragraph --><p>%s</p><!-- /wp:paragraph -->' % xml(p) for p in paras)})
    http_post(k, f, 'POST', '/wp-json/wp/v2/pages/%d' % k.rng.randrange(10, 99), 'bakery.example.com', body, 'application/json',
              200, W.jdump({'id': 12, 'status': 'publish', 'link': 'https://bakery.example.com/hours/'}),
              hdrs=['X-WP-Nonce: ' + k.hexid(10)], think=1.0)
    f.close()
    return C.neg('CMS save of a static web page (a bakery\'s opening hours page, three paragraphs), not a post to anyone')


def lyrics_lrc(k):
    ls = X.LYRICS[k.lang]
    lrc = '[ti:%s]\n[ar:Example Band]\n[length:03:12]\n' % ls[0] + ''.join(
        '[%02d:%05.2f]%s\n' % ((12 + 7 * i) // 60, (12 + 7 * i) % 60 + 0.3, ln) for i, ln in enumerate(ls))
    get_doc(k, '/api/get?track_name=%s&artist_name=Example+Band' % W.urlenc(ls[0]), 'lyrics.example.net',
            W.jdump({'id': k.rng.randrange(10 ** 6), 'syncedLyrics': lrc, 'instrumental': False}), 'application/json')
    return C.neg('synced lyrics (LRC lines with timestamps) of a song: not a message')


def problem_json(k):
    title, detail = X.PROBLEMS[k.lang]
    f = k.tcp(80)
    http_post(k, f, 'POST', '/api/checkout', 'shop.example.com', W.jdump({'cart': k.hexid(10), 'method': 'card'}),
              'application/json', 402, W.jdump({'type': 'https://shop.example.com/problems/payment-declined', 'title': title,
                                                'status': 402, 'detail': detail, 'instance': '/orders/%s' % k.hexid(8)}),
              'application/problem+json', hdrs=['Accept-Language: ' + k.lang], think=0.5)
    f.close()
    return C.neg('RFC 7807 problem+json error worded for people (payment declined)')


def journal_upload(k):
    f = k.tcp(19532)
    ents = b''
    for i, m in enumerate(X.JOURNAL[k.lang]):
        ents += ('__CURSOR=s=%s;i=%x\n__REALTIME_TIMESTAMP=%d\n_HOSTNAME=nas\nPRIORITY=%d\n_SYSTEMD_UNIT=%s\nMESSAGE=%s\n\n' % (
            k.hexid(32), 0x1000 + i, k.epoch_ms(f) * 1000 + i, k.pick([4, 5, 6]),
            k.pick(['NetworkManager.service', 'backup.service', 'cups.service', 'smartd.service']), m)).encode()
    http_post(k, f, 'POST', '/upload', 'logs.example.net:19532', ents, 'application/vnd.fdo.journal', 202, think=0.3)
    f.close()
    return C.neg('systemd-journal-upload (journal export format) of localised system log messages')


def chatbot_widget(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/widget/v2/config?site=%s&lang=%s' % (k.hexid(10), k.lang), 'support.example.com', [C.ua(k)]), think=0.2)
    g = X.BOT_GREETING[k.lang]
    f.s_(resp(200, W.jdump({'bot': {'name': 'Pip', 'avatar': '/img/pip.png'}, 'greeting': g[0],
                            'quick_replies': [g[1]], 'fallback': g[2], 'theme': {'color': '#0a7'}})))
    f.close()
    return C.neg('a support widget\'s configuration: the chatbot\'s canned greeting and fallback texts, written once by '
                 'the company and served to every visitor (no person writes to anyone here)')


def qotd(k):
    if k.var % 3 == 2:
        f = k.udp(17)
        for i in range(k.rng.randrange(3, 6)):
            f.c_(b'\n', think=3600.0 if i else 0.1)
            f.s_(X.QUOTES[(k.var + i) % len(X.QUOTES)].encode() + b'\r\n')
        return C.neg('Quote of the Day (RFC 865) over UDP, polled hourly')
    f = k.tcp(17)
    f.s_(b'"' + X.QUOTES[k.var % len(X.QUOTES)].encode() + b'"\r\n', think=0.01)
    f.close('s', think=0.01)
    return C.neg('Quote of the Day (RFC 865) over TCP: a quote served by a program to whoever connects')


def suggest(k):
    f = k.tcp(80)
    q = X.SUGGEST[k.lang]
    cuts = sorted({min(len(q), n) for n in range(3, len(q) + 4, k.rng.randrange(2, 4))})
    for i, n in enumerate(cuts):
        f.c_(W.http_req('GET', '/complete/search?client=web&hl=%s&q=%s' % (k.lang, W.urlenc(q[:n])), 'search.example.com',
                        [C.ua(k)]), think=k.rng.uniform(0.12, 0.4) if i else 0.3)
        f.s_(resp(200, W.jdump([q[:n], [q[:n] + s for s in ['', ' 2025']], [], {}]), 'application/json; charset=utf-8'))
    f.close()
    return C.neg('search autocomplete: one request per keystroke while a query is typed (a search, not addressed to anyone)')


def matomo(k):
    f = k.tcp(80)
    for i, title in enumerate(X.PAGE_TITLES[k.lang]):
        f.c_(W.http_req('GET', '/matomo.php?idsite=3&rec=1&action_name=%s&url=%s&_id=%s&r=%d' % (
            W.urlenc(title), W.urlenc('https://library.example.org/p%d' % i), k.hexid(16), k.rng.randrange(10 ** 6)),
            'stats.example.org', [C.ua(k)]), think=k.human(5, 40) if i else 0.5)
        f.s_(resp(204))
    f.close()
    return C.neg('web-analytics hits carrying page titles (action_name)')


def wordlist(k):
    words = X.WORDS[k.lang].split()
    body = ('%d\n' % len(words) + '\n'.join(words) + '\n').encode()
    get_doc(k, '/dict/%s_%s.dic' % (k.lang, k.lang.upper()), 'dict.example.org', body, 'text/plain; charset=utf-8')
    return C.neg('spell-checker word list (one word a line)')


def health_probe(k):
    f = k.tcp(80) if k.var % 2 == 0 else k.udp(9999)
    for i in range(k.rng.randrange(8, 14)):
        if k.var % 2 == 0:
            f.c_(W.http_req('GET', '/status', 'status.example.net', ['User-Agent: uptime-agent/1.2']), think=30.0 if i else 0.1)
            f.s_(resp(200, b'All systems operational. Last incident resolved 12 days ago.', 'text/plain'))
        else:
            f.c_(b'heartbeat from home-gw: still here, nothing to report', think=15.0 if i else 0.1)
            f.s_(b'ack: see you in 15 seconds')
    if k.var % 2 == 0:
        f.close()
    return C.neg('fixed sentences repeated on a timer (%s), answered within one RTT' % (
        'HTTP status text every 30 s' if k.var % 2 == 0 else 'UDP heartbeat sentence every 15 s'))


def smtp_order(k):
    subj, text = X.ORDER[k.lang]
    n = '%d-%d' % (k.rng.randrange(100, 999), k.rng.randrange(10000, 99999))
    f = k.tcp(25, device_server=True)
    frm = 'noreply@shop.example.com'
    to = '%s@home.example.net' % handle(k)
    msg = W.mail('Example Shop <%s>' % frm, to, subj.format(n=n), text.format(n=n), k.rfc5322(),
                 '%s@shop.example.com' % k.hexid(20), 'utf-8', 'quoted-printable',
                 ['Auto-Submitted: auto-generated', 'X-Mailer: ShopMailer 4.1', 'Reply-To: <noreply@shop.example.com>'])
    C.smtp_session(k, f, msg, 'bounce-%s@shop.example.com' % k.hexid(8), [to], 'mail.home.example.net', ehlo_host='out.shop.example.com')
    f.close()
    return C.neg('order confirmation written by a shop\'s system (noreply, Auto-Submitted), delivered to a home SMTP server')


def phrasebook(k):
    pairs = X.PHRASEBOOK[k.lang]
    get_doc(k, '/packs/%s.json' % k.lang, 'travel.example.net',
            W.jdump({'pack': k.lang, 'version': 7, 'phrases': [{'en': a, k.lang: b} for a, b in pairs]}), 'application/json')
    return C.neg('a travel phrasebook pack: sentence pairs in English and the target language (reference content)')


def template_upload(k):
    f = k.tcp(80)
    http_post(k, f, 'PUT', '/v1/templates/appointment-confirmation', 'mailapi.example.net',
              W.jdump({'engine': 'jinja2', 'subject': '{{ clinic.name }}: appointment', 'text': X.TEMPLATES[k.lang]}),
              'application/json', 200, W.jdump({'version': k.rng.randrange(2, 20)}), hdrs=[bearer(k)], think=0.6)
    f.close()
    return C.neg('a mail template with placeholders uploaded to a mail service (written once, filled in by a program)')


HN_CASES = [
    (HN, U, 'docs-page', docs_page, ['en', 'de', 'ja', 'es', 'ru']),
    (HN, U, 'i18n-files', i18n_files, ['de', 'ru', 'ko', 'pt']),
    (HN, U, 'cms-page', cms_page, ['en', 'fr', 'pl']),
    (HN, U, 'lyrics-lrc', lyrics_lrc, ['en', 'es', 'ko']),
    (HN, U, 'problem-json', problem_json, ['en', 'fr', 'pt', 'ru', 'zh']),
    (HN, U, 'journal-upload', journal_upload, ['de', 'ja', 'fr']),
    (HN, U, 'chatbot-widget', chatbot_widget, ['en', 'es', 'ar', 'id']),
    (HN, U, 'qotd', qotd, ['en'] * 3),
    (HN, U, 'suggest', suggest, ['ru', 'ko', 'ar', 'pt', 'en']),
    (HN, U, 'matomo', matomo, ['de', 'it', 'vi']),
    (HN, U, 'wordlist', wordlist, ['fi', 'pl', 'sw']),
    (HN, U, 'health-probe', health_probe, ['en'] * 4),
    (HN, U, 'phrasebook', phrasebook, ['it', 'tr']),
    (HN, U, 'template-upload', template_upload, ['en', 'es']),
    (HN, F, 'smtp-order', smtp_order, ['en', 'de', 'it', 'ja']),
]


# ========================================================================= topology
TO = 'topology'


def lan_broadcast(k):
    src = k.home(v6=False)
    bcast = '.'.join(src.split('.')[:3] + ['255'])
    f = k.udp(2425, client_ip=src, server_ip=bcast, sport=2425)
    for i, t in enumerate(lines(k, k.rng.randrange(2, 4))):
        b = t.encode()
        f.c_(b'\xbe\xef\x01' + struct.pack('!HH', i + 1, len(b)) + handle(k).encode().ljust(12, b'\0') + b, think=k.human())
    return C.neg('internal: LAN chat datagrams (small binary header) to the subnet-directed broadcast address of a home '
                 '/24 - both ends in the home networks', k.lang)


def nohome_graphql(k):
    k.topology = 'nohome'
    lab = graphql_ws(k)
    return C.neg('no home end: both ends outside; %s' % lab['note'], k.lang)


def internal_amqp(k):
    k.topology = 'internal'
    lab = amqp10_chat(k)
    return C.neg('internal: both ends in the home networks; %s' % lab['note'], k.lang)


TO_CASES = [
    (TO, U, 'lan-broadcast', lan_broadcast, ['hy', 'sw', 'pl']),
    (TO, U, 'nohome-graphql', nohome_graphql, ['km', 'fi']),
    (TO, U, 'internal-amqp10', internal_amqp, ['si', 'pt']),
]

# ========================================================================= more shapes (second landing)
def http10_board(k):
    keys = [('nm', 'cm'), ('n', 't'), ('who', 'say')][k.var % 3]
    f = k.tcp(80)
    body = W.form([(keys[0], name(k)), (keys[1], line(k)), ('pw', k.hexid(4)), ('act', 'post')])
    f.c_(('POST /cgi-bin/board.cgi HTTP/1.0\r\nUser-Agent: Lynx/2.9.0 libwww-FM/2.14\r\nContent-Type: '
          'application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n' % len(body)).encode() + body, think=0.3)
    f.s_(b'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>Thanks, your note was added. '
         b'<a href="/board.html">Back</a></body></html>\n')
    f.close('s', think=0.01)
    return C.pos('to_server', 'HTTP/1.0 (no Host header, the server closes) CGI message-board post, short keys %s=/%s=' % keys)


GIF_1PX = (b'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00'
           b',\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;')


def http10_counter(k):
    f = k.tcp(80)
    f.c_(b'GET /cgi-bin/counter.cgi?page=index&digits=6 HTTP/1.0\r\nUser-Agent: Lynx/2.9.0\r\n\r\n', think=0.3)
    f.s_(b'HTTP/1.0 200 OK\r\nContent-Type: image/gif\r\n\r\n' + GIF_1PX)
    f.close('s', think=0.01)
    return C.neg('HTTP/1.0 hit-counter image from a CGI script')


BOT_USER = {
    'es': ["hola, mi pedido 4471 no ha llegado todavía", "quiero devolver unas zapatillas, me quedan pequeñas"],
    'ar': ["مرحبا، طلبي رقم 4471 لسا ما وصل", "بدي أرجّع الحذاء، طلع صغير علي"],
    'id': ["halo, pesanan 4471 aku belum sampai", "mau retur sepatu, kekecilan"],
}


def bot_chat(k):
    f = k.tcp(80)
    host = 'bot.example.com'
    f.c_(W.http_req('POST', '/v3/directline/conversations', host, [C.ua(k), bearer(k)], b'', 'application/json'), think=0.3)
    conv = k.hexid(22)
    f.s_(resp(201, W.jdump({'conversationId': conv, 'token': k.hexid(40), 'expires_in': 3600})))
    f.c_(W.http_req('GET', '/v3/directline/conversations/%s/activities' % conv, host, [C.ua(k), bearer(k)]), think=0.2)
    f.s_(resp(200, W.jdump({'activities': [{'type': 'message', 'from': {'id': 'bot', 'name': 'Pip'},
                                             'text': X.BOT_GREETING[k.lang][0]}], 'watermark': '1'})))
    for i, t in enumerate(BOT_USER[k.lang][:1 + k.var % 2]):
        http_post(k, f, 'POST', '/v3/directline/conversations/%s/activities' % conv, host,
                  W.jdump({'type': 'message', 'from': {'id': 'user-' + k.hexid(6)}, 'locale': k.lang, 'text': t}),
                  'application/json', 200, W.jdump({'id': '%s|%07d' % (conv, 2 * i + 2)}), hdrs=[bearer(k)], think=k.human())
        f.c_(W.http_req('GET', '/v3/directline/conversations/%s/activities?watermark=%d' % (conv, 2 * i + 2), host,
                        [C.ua(k), bearer(k)]), think=1.0)
        f.s_(resp(200, W.jdump({'activities': [{'type': 'message', 'from': {'id': 'bot', 'name': 'Pip'},
                                                 'text': X.BOT_GREETING[k.lang][2 if i else 1]}], 'watermark': str(2 * i + 3)})))
    f.close()
    return C.pos('to_server', 'a person writes to a support chatbot (Direct Line-style activities {type: message, text}); '
                 'the bot\'s canned replies come back')


def tlv_records(k):
    recv = k.var % 2 == 1
    wide = k.var % 4 >= 2
    f = k.tcp(6100)

    def tlv(t, v):
        v = v.encode() if isinstance(v, str) else v
        if wide or len(v) > 255:
            return bytes([0x80 | t]) + struct.pack('!I', len(v)) + v
        return bytes([t, len(v)]) + v

    def pkt(body):
        return b'\xa5\x5a' + struct.pack('!H', len(body)) + body

    f.c_(pkt(tlv(1, struct.pack('!I', k.rng.getrandbits(32))) + tlv(2, handle(k)) + tlv(9, k.hexid(16))), think=0.05)
    f.s_(pkt(tlv(0x10, b'\x00')))
    for t in lines(k, k.rng.randrange(2, 4)):
        rec = pkt(tlv(1, struct.pack('!I', k.rng.getrandbits(32))) + tlv(2, handle(k)) +
                  tlv(4, struct.pack('!I', k.epoch_ms(f) // 1000)) + tlv(3, t))
        if recv:
            f.s_(rec, think=k.human())
            f.c_(pkt(tlv(0x11, struct.pack('!H', k.rng.randrange(65536)))))
        else:
            f.c_(rec, think=k.human())
            f.s_(pkt(tlv(0x11, struct.pack('!H', k.rng.randrange(65536)))))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'TLV records (%s) inside a 2-byte-magic, 2-byte-length packet: '
                 'uin, nick, time, text' % ('type|0x80 with 4-byte big-endian lengths' if wide else '1-byte type, 1-byte length'))


def zz_long(n):
    return W.varint((n << 1) ^ (n >> 63))


def avro_str(s):
    b = s.encode()
    return zz_long(len(b)) + b


def avro_chat(k, chat=True):
    f = k.tcp(9010)
    fp = rnd(k, 8)
    f.c_(struct.pack('!I', 12) + b'HELLO' + rnd(k, 7), think=0.05)
    f.s_(struct.pack('!I', 2) + b'OK')
    n = k.rng.randrange(2, 4) if chat else k.rng.randrange(6, 10)
    texts = lines(k, n) if chat else []
    for i in range(n):
        if chat:
            reply = k.rng.random() < 0.4
            rec = b'\xc3\x01' + fp + avro_str('room-' + k.hexid(4)) + zz_long(k.epoch_ms(f)) + \
                (zz_long(1) + avro_str(k.hexid(12)) if reply else zz_long(0)) + avro_str(texts[i])
        else:
            rec = b'\xc3\x01' + fp + avro_str('sensor-' + k.hexid(4)) + zz_long(k.epoch_ms(f)) + \
                struct.pack('<d', k.rng.uniform(15, 30)) + struct.pack('<d', k.rng.uniform(20, 80))
        f.c_(struct.pack('!I', len(rec)) + rec, think=k.human() if chat else 60.0)
        f.s_(struct.pack('!I', 2) + b'OK')
    f.close()
    if not chat:
        return C.neg('Avro single-object records of temperature and humidity every 60 s')
    return C.pos('to_server', 'Avro single-object encoding (C3 01, schema fingerprint) in 4-byte frames: room, time, '
                 'optional reply-to, text (zigzag varint lengths)')


def avro_telemetry(k):
    return avro_chat(k, chat=False)


def zmtp_greeting(as_server):
    return b'\xff' + b'\0' * 8 + b'\x7f' + b'\x03\x00' + b'NULL'.ljust(20, b'\0') + bytes([as_server]) + b'\0' * 31


def zmtp_cmd(name, props):
    body = bytes([len(name)]) + name + b''.join(bytes([len(a)]) + a + struct.pack('!I', len(b)) + b for a, b in props)
    return b'\x04' + bytes([len(body)]) + body


def zmtp_frame(b, more=False):
    b = b.encode() if isinstance(b, str) else b
    if len(b) > 255:
        return bytes([0x02 | more]) + struct.pack('!Q', len(b)) + b
    return bytes([0x00 | more, len(b)]) + b


def zmtp_chat(k, chat=True):
    sub = chat and k.var % 2 == 1
    f = k.tcp(5556)
    f.c_(zmtp_greeting(0), think=0.05)
    f.s_(zmtp_greeting(1))
    f.c_(zmtp_cmd(b'READY', [(b'Socket-Type', b'SUB' if sub else b'PUB')]), think=0.002)
    f.s_(zmtp_cmd(b'READY', [(b'Socket-Type', b'PUB' if sub else b'XSUB')]))
    if not chat:
        for i in range(k.rng.randrange(20, 40)):
            f.c_(zmtp_frame('ticker.%s' % k.pick(['EURUSD', 'BTCEUR', 'GOLD']), True) +
                 zmtp_frame('%.4f' % k.rng.uniform(1, 100)), think=k.rng.uniform(0.2, 2))
        f.close()
        return C.neg('ZMTP 3.0 PUB of price ticks')
    topic = 'chat.%s' % k.pick(['family', 'hikers', 'flat'])
    if sub:
        f.c_(zmtp_frame(b'\x01' + topic.encode()), think=0.01)
    for t in lines(k, k.rng.randrange(2, 4)):
        msg = zmtp_frame(topic, True) + zmtp_frame(handle(k), True) + zmtp_frame(t)
        if sub:
            f.s_(msg, think=k.human())
        else:
            f.c_(msg, think=k.human())
    f.close()
    return C.pos('to_client' if sub else 'to_server', 'ZMTP 3.0 (ZeroMQ) %s: multipart messages topic, sender, text' % (
        'SUB receiving from an outside PUB' if sub else 'PUB sending to an outside forwarder'))


def zmtp_ticks(k):
    return zmtp_chat(k, chat=False)


def seqack_game(k, chat=True):
    both = chat and k.var % 2 == 0
    f = k.udp(k.rng.randrange(27000, 28000))
    st = {'c': [0, 0], 's': [0, 0]}             # next sequence, last received
    texts = lines(k, k.rng.randrange(2, 4)) if chat else []
    mid = [0]

    def packet(who, msgs):
        other = 's' if who == 'c' else 'c'
        seq = st[who][0]
        st[who][0] += 1
        st[other][1] = seq
        hdr = struct.pack('!IHHI', 0x5EAC0DE1, seq & 0xffff, st[who][1] & 0xffff, 0xffffffff)
        body = bytes([len(msgs)]) + b''.join(bytes([t]) + struct.pack('!HH', i, len(p)) + p for t, i, p in msgs)
        f.send(who, hdr + body, think=0.05)

    def state(who):
        packet(who, [(1, 0, rnd(k, 36))])

    rounds = len(texts) if chat else 1
    for r in range(rounds):
        for _ in range(k.rng.randrange(40, 160)):
            state('c' if k.rng.random() < 0.5 else 's')
        if not chat:
            break
        who = 'c' if (not both or r % 2 == 0) else 's'
        mid[0] += 1
        t = (handle(k) + ': ' + texts[r]) if who == 's' else texts[r]
        for _ in range(2):                      # a reliable message rides along until acknowledged
            packet(who, [(1, 0, rnd(k, 36)), (7, mid[0], t.encode())])
    if not chat:
        return C.neg('UDP game packets (protocol id, sequence, ack, ack bits): state only')
    return C.pos('-' if both else 'to_server', 'UDP game packets with protocol id, 16-bit sequence/ack and ack bits; a '
                 'reliable chat message repeated in two packets until acknowledged, among state%s' % (
                     ', both players write' if both else ''))


def seqack_state(k):
    return seqack_game(k, chat=False)


SO_CASES += [
    (SO, U, 'http10-board', http10_board, rot(3, 40)),
    (SO, U, 'bot-chat', bot_chat, ['es', 'ar', 'id']),
    (SO, U, 'http10-counter', http10_counter, NONE * 2),
]
BF_CASES += [
    (BF, U, 'tlv-records', tlv_records, rot(4, 38)),
    (BF, U, 'avro-chat', avro_chat, rot(3, 44)),
    (BF, U, 'zmtp-chat', zmtp_chat, rot(3, 50)),
    (BF, U, 'avro-telemetry', avro_telemetry, NONE * 2),
    (BF, U, 'zmtp-ticks', zmtp_ticks, NONE * 2),
]
DG_CASES += [
    (DG, U, 'seqack-game', seqack_game, rot(4, 46)),
    (DG, U, 'seqack-state', seqack_state, NONE * 2),
]

CASES = SO_CASES + BF_CASES + DG_CASES + FA_CASES + LP_CASES + TP_CASES + DS_CASES + HN_CASES + TO_CASES
