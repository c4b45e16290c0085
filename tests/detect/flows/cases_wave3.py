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
    return k.pick(X.NAMES[k.lang])


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
    return b'\x09\x01\x00' + W.varint(len(w)) + w + W.varint(len(b)) + b


def raknet_chat(k, chat=True):
    both = k.var % 2 == 0
    f = k.udp(19132)
    seq = {'c': 0, 's': 0}
    rel = {'c': 0, 's': 0}
    me = handle(k)

    def state(who):
        seq[who] += 1
        pl = b'\x13' + struct.pack('!Ifffh', k.rng.randrange(1, 64), *(k.rng.uniform(-200, 200) for _ in range(3)),
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
CASES = SO_CASES + BF_CASES + DG_CASES
