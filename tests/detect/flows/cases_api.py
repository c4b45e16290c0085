# cases_api: chat APIs where the sender is outside the record. The body holds the text and little
# else ({"type":"message","text":…}, {"content":…}, a form field, a GraphQL variable, a JSON-RPC
# parameter); room, recipient and author sit in the URL path, headers, cookies or the session.
# Webhooks relaying what people wrote; bot APIs. Negatives: typing/read events, program-written
# webhook notifications, machine RPC, attachment-only posts.
import gzip

import caselib as C
import flowwire as W

FAM = 'sender-outside'
U = 'unfamiliar'


def _hdrs(k, extra=()):
    h = [C.ua(k), 'Accept: */*']
    kind = k.rng.randrange(3)
    if kind == 0:
        h.append('Authorization: Bearer ' + k.hexid(48))
    elif kind == 1:
        h.append('Cookie: session=%s; uid=%d' % (k.hexid(32), k.rng.randrange(10000, 99999)))
    else:
        h.append('X-Auth-Token: ' + k.hexid(40))
        h.append('X-User-Id: ' + k.hexid(16))
    return h + list(extra)


def _posts(k, f, host, method, path_fn, body_fn, ctype, n=None, resp=None):
    texts = k.lines(n or k.rng.randrange(1, 4)) if k.var % 4 != 3 else [k.longmsg(3)]
    for i, text in enumerate(texts):
        f.c_(W.http_req(method, path_fn(i), host, _hdrs(k), body_fn(text), ctype),
             think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(*(resp(i) if resp else (200, W.jdump({'ok': True, 'id': k.hexid(12)})))))
    return len(texts)


def room_type_text(k):
    f = k.tcp(k.pick([80, 8080]))
    room = k.pick(['general', 'r-%s' % k.hexid(6), 'family', '7781'])
    esc = k.var % 3 == 1
    n = _posts(k, f, k.host(), 'POST', lambda i: '/api/rooms/%s/messages' % room,
               lambda t: W.jdump({'type': 'message', 'text': t}, esc), 'application/json')
    f.close()
    return C.pos('to_server', '{type,text} body, room in path, %d post(s)%s' % (n, ', \\u escapes' if esc else ''))


def escaped_json(k):
    f = k.tcp(k.pick([80, 8080, 3000]))
    key = k.pick(['text', 'content', 'body', 'msg'])
    path = k.pick(['/api/chats/%s/send' % k.hexid(8), '/v1/dialogs/%d/messages' % k.rng.randrange(10 ** 6), '/im/post'])
    n = _posts(k, f, k.host(), 'POST', lambda i: path, lambda t: W.jdump({key: t, 'nonce': k.rng.randrange(10 ** 9)}, True),
               'application/json')
    f.close()
    return C.pos('to_server', 'only \\uXXXX escapes on the wire ({%s}), %d post(s)' % (key, n))


def matrix_send(k):
    f = k.tcp(8008)
    room = '!%s:example.org' % k.hexid(18)
    n = _posts(k, f, k.host('matrix', 'example.org'), 'PUT',
               lambda i: '/_matrix/client/v3/rooms/%s/send/m.room.message/m%d.%d' % (room, k.epoch_ms(f), i),
               lambda t: W.jdump({'msgtype': 'm.text', 'body': t}, k.var % 2 == 1), 'application/json',
               resp=lambda i: (200, W.jdump({'event_id': '$' + k.hexid(40)})))
    f.close()
    return C.pos('to_server', 'Matrix-style PUT m.room.message, %d event(s)' % n)


def content_only(k):
    f = k.tcp(80)
    chan = str(k.rng.randrange(10 ** 17, 10 ** 18))
    n = _posts(k, f, k.host(), 'POST', lambda i: '/api/v10/channels/%s/messages' % chan,
               lambda t: W.jdump({'content': t, 'nonce': k.hexid(16), 'tts': False}), 'application/json')
    f.close()
    return C.pos('to_server', '{content} body, channel id in path, %d post(s)' % n)


def slack_webhook(k):
    f = k.tcp(80)
    path = '/services/T%s/B%s/%s' % (k.hexid(8).upper(), k.hexid(8).upper(), k.hexid(24))
    blocks = k.var % 2 == 1

    def body(t):
        if blocks:
            return W.jdump({'blocks': [{'type': 'section', 'text': {'type': 'mrkdwn', 'text': t}}]})
        return W.jdump({'text': t})
    n = _posts(k, f, k.host('hooks', 'example.com'), 'POST', lambda i: path, body, 'application/json',
               resp=lambda i: (200, b'ok'))
    f.close()
    return C.pos('to_server', 'incoming webhook relaying a person\'s words (SMS/chat bridge)%s' % (', blocks' if blocks else ''))


def teams_webhook(k):
    f = k.tcp(80)
    path = '/webhookb2/%s@%s/IncomingWebhook/%s/%s' % (k.uuid(), k.uuid(), k.hexid(32), k.uuid())
    who = k.name()
    n = _posts(k, f, k.host('outlook', 'example.com'), 'POST', lambda i: path,
               lambda t: W.jdump({'@type': 'MessageCard', '@context': 'https://schema.org/extensions',
                                  'summary': who, 'text': t}), 'application/json', resp=lambda i: (200, b'1'))
    f.close()
    return C.pos('to_server', 'Teams-style connector card with a relayed message')


def mattermost_form(k):
    f = k.tcp(8065)
    n = _posts(k, f, k.host('mm', 'example.net'), 'POST', lambda i: '/hooks/%s' % k.hexid(26),
               lambda t: W.form([('payload', W.jdump({'text': t, 'channel': 'town-square'}).decode())]),
               'application/x-www-form-urlencoded', resp=lambda i: (200, b'ok'))
    f.close()
    return C.pos('to_server', 'Mattermost-style form payload={json}')


def telegram_get(k):
    f = k.tcp(80)
    tok = '%d:%s' % (k.rng.randrange(10 ** 9, 10 ** 10), k.hexid(35))
    chat = k.rng.randrange(10 ** 8, 10 ** 9)
    echo = k.var % 2 == 0
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        f.c_(W.http_req('GET', '/bot%s/sendMessage?chat_id=%d&text=%s' % (tok, chat, W.urlenc(text)),
                        k.host('bot', 'example.org'), [C.ua(k)]), think=0.01 if i == 0 else k.human())
        res = {'message_id': k.rng.randrange(100, 9999), 'date': k.epoch_ms(f) // 1000}
        if echo:
            res.update({'chat': {'id': chat, 'type': 'private'}, 'text': text})
        f.s_(W.http_resp(200, W.jdump({'ok': True, 'result': res})))
    f.close()
    return C.pos('-' if echo else 'to_server', 'bot API sendMessage, text in the query string%s' % (
        ', response echoes it' if echo else ''))


def telegram_form(k):
    f = k.tcp(80)
    tok = '%d:%s' % (k.rng.randrange(10 ** 9, 10 ** 10), k.hexid(35))
    n = _posts(k, f, k.host('bot', 'example.org'), 'POST', lambda i: '/bot%s/sendMessage' % tok,
               lambda t: W.form([('chat_id', str(k.rng.randrange(10 ** 8, 10 ** 9))), ('text', t),
                                 ('disable_notification', 'false')]),
               'application/x-www-form-urlencoded', resp=lambda i: (200, W.jdump({'ok': True, 'result': {'message_id': 77 + i}})))
    f.close()
    return C.pos('to_server', 'bot API sendMessage as a form')


def graphql_mutation(k):
    f = k.tcp(80)
    inline = k.var % 2 == 1

    def body(t):
        if inline:
            q = 'mutation { postComment(input: {threadId: "%s", text: %s}) { id createdAt } }' % (
                k.hexid(10), W.jdump(t).decode())
            return W.jdump({'query': q})
        return W.jdump({'operationName': 'SendMessage', 'variables': {'threadId': k.hexid(10), 'body': t},
                        'query': 'mutation SendMessage($threadId: ID!, $body: String!) { sendMessage(threadId: '
                                 '$threadId, body: $body) { id createdAt } }'})
    n = _posts(k, f, k.host(), 'POST', lambda i: '/graphql', body, 'application/json',
               resp=lambda i: (200, W.jdump({'data': {'sendMessage': {'id': k.hexid(10), 'createdAt': k.iso(f)}}})))
    f.close()
    return C.pos('to_server', 'GraphQL mutation, text %s' % ('inline in the query' if inline else 'in variables'))


def jsonrpc(k):
    raw = k.var % 2 == 1
    f = k.tcp(7000 if raw else 80)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        params = [k.pick(['room42', 'ops', 'dm:' + k.hexid(6)]), text] if k.var % 4 < 2 else \
            {'channel': k.hexid(8), 'text': text}
        req = W.jdump({'jsonrpc': '2.0', 'method': k.pick(['chat.postMessage', 'im.send', 'messages.add']),
                       'params': params, 'id': i + 1})
        if raw:
            f.c_(req + b'\n', think=0.01 if i == 0 else k.human())
            f.s_(W.jdump({'jsonrpc': '2.0', 'result': {'ok': True}, 'id': i + 1}) + b'\n')
        else:
            f.c_(W.http_req('POST', '/rpc', k.host(), _hdrs(k), req, 'application/json'), think=0.01 if i == 0 else k.human())
            f.s_(W.http_resp(200, W.jdump({'jsonrpc': '2.0', 'result': {'ok': True}, 'id': i + 1})))
    f.close()
    return C.pos('to_server', 'JSON-RPC 2.0 %s' % ('newline-delimited over raw TCP' if raw else 'over HTTP'))


def text_plain_reply(k):
    f = k.tcp(80)
    conv = k.rng.randrange(1000, 99999)
    n = _posts(k, f, k.host(), 'POST', lambda i: '/api/conversations/%d/reply' % conv,
               lambda t: t.encode(), 'text/plain; charset=utf-8', resp=lambda i: (204,))
    f.close()
    return C.pos('to_server', 'text/plain body, conversation in the path')


def multipart_msg(k):
    f = k.tcp(80)
    bnd = '----WebKitFormBoundary' + k.hexid(16)
    text = k.line()
    png = b'\x89PNG\r\n\x1a\n' + bytes(k.rng.getrandbits(8) for _ in range(300))
    parts = [('thread', k.hexid(8).encode(), None), ('body', text.encode(), None), ('file', png, 'IMG_0231.png')]
    body = b''
    for name, val, fn in parts:
        body += b'--' + bnd.encode() + b'\r\n'
        if fn:
            body += b'Content-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: image/png\r\n\r\n' % (
                name.encode(), fn.encode())
        else:
            body += b'Content-Disposition: form-data; name="%s"\r\n\r\n' % name.encode()
        body += val + b'\r\n'
    body += b'--' + bnd.encode() + b'--\r\n'
    f.c_(W.http_req('POST', '/messages/new', k.host(), _hdrs(k), body, 'multipart/form-data; boundary=' + bnd), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'ok': True})))
    f.close()
    return C.pos('to_server', 'multipart/form-data with a body field and a picture')


def sse_incoming(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/stream?room=%s' % k.hexid(6), k.host(), _hdrs(k, ['Accept: text/event-stream'])),
         think=0.01)
    f.s_(b'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n')
    for i, text in enumerate(k.lines(k.rng.randrange(2, 5))):
        ev = b'event: message\nid: %d\ndata: %s\n\n' % (i + 1, W.jdump({'text': text}))
        f.s_(b'%x\r\n' % len(ev) + ev + b'\r\n', think=k.human())
        if k.rng.random() < 0.5:
            ka = b': keepalive\n\n'
            f.s_(b'%x\r\n' % len(ka) + ka + b'\r\n', think=15)
    f.close()
    return C.pos('to_client', 'server-sent events carrying {text}')


def longpoll(k):
    f = k.tcp(80)
    cur = k.rng.randrange(1000, 9000)
    for i, text in enumerate(k.lines(k.rng.randrange(2, 4))):
        f.c_(W.http_req('GET', '/poll?cursor=%d' % cur, k.host(), _hdrs(k)), think=0.05)
        cur += 1
        f.s_(W.http_resp(200, W.jdump({'cursor': cur, 'events': [{'kind': 'msg', 'body': text}]})), think=k.human(5, 25))
    f.close()
    return C.pos('to_client', 'long-poll responses with {kind:msg, body}')


def query_string_send(k):
    f = k.tcp(80)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        f.c_(W.http_req('GET', '/send.php?u=%d&m=%s&t=%d' % (k.rng.randrange(100, 999), W.urlenc(text), k.epoch_ms(f)),
                        k.host(), [C.ua(k)]), think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(200, b'OK', 'text/plain'))
    f.close()
    return C.pos('to_server', 'text in a GET query parameter')


def gzip_json(k):
    f = k.tcp(80)
    text = k.line() if k.var % 2 else k.longmsg(2)
    body = gzip.compress(W.jdump({'text': text, 'client_ts': k.epoch_ms(f)}), mtime=0)
    f.c_(W.http_req('POST', '/v3/threads/%s/messages' % k.hexid(8), k.host(), _hdrs(k, ['Content-Encoding: gzip']),
                    body, 'application/json'), think=0.01)
    f.s_(W.http_resp(201, W.jdump({'id': k.hexid(12)})))
    f.close()
    return C.pos('to_server', 'gzip-encoded {text} body')


# ---------------------------------------------------------------- negatives
def typing_events(k):
    f = k.tcp(80)
    room = k.hexid(6)
    for i, ev in enumerate([{'type': 'typing', 'state': 'start'}, {'type': 'typing', 'state': 'stop'},
                            {'type': 'read', 'last_read': k.hexid(12)}]):
        f.c_(W.http_req('POST', '/api/rooms/%s/events' % room, k.host(), _hdrs(k), W.jdump(ev), 'application/json'),
             think=0.01 if i == 0 else k.human(2, 8))
        f.s_(W.http_resp(204))
    f.close()
    return C.neg('typing and read events, no text')


PROGRAM_NOTES = [
    "Deploy api-gateway v2.14.3 to production: succeeded (4m12s)",
    "[ALERT] disk /var at 91% on db-02 (threshold 90%)",
    "Nightly backup finished: 1,204 files, 3.2 GB, 0 errors",
    "New pull request #482 opened by dependabot: Bump lodash from 4.17.20 to 4.17.21",
    "Build #512 failed on main: 3 tests failed in tests/test_parser.py",
    "Certificate for www.example.com expires in 14 days",
]


def webhook_notification(k):
    f = k.tcp(80)
    path = '/services/T%s/B%s/%s' % (k.hexid(8).upper(), k.hexid(8).upper(), k.hexid(24))
    note = PROGRAM_NOTES[k.var % len(PROGRAM_NOTES)]
    f.c_(W.http_req('POST', path, k.host('hooks', 'example.com'), ['User-Agent: ci-notifier/1.4'],
                    W.jdump({'text': note, 'username': 'ci-bot', 'icon_emoji': ':robot_face:'}), 'application/json'),
         think=0.01)
    f.s_(W.http_resp(200, b'ok', 'text/plain'))
    f.close()
    return C.neg('webhook notification written by a program', 'en')


def graphql_query(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/graphql', k.host(), _hdrs(k),
                    W.jdump({'query': '{ viewer { id login settings { theme locale } unreadCount } }'}), 'application/json'),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'data': {'viewer': {'id': k.hexid(10), 'login': k.handle(),
                                                       'settings': {'theme': 'light', 'locale': 'de-DE'}, 'unreadCount': 4}}})))
    f.close()
    return C.neg('GraphQL query of settings')


def jsonrpc_machine(k):
    f = k.tcp(8545 if k.var % 2 else 7000)
    for i in range(4):
        req = W.jdump({'jsonrpc': '2.0', 'method': k.pick(['eth_getBalance', 'system.ping', 'status.get']),
                       'params': ['0x' + k.hexid(40), 'latest'], 'id': i + 1})
        f.c_(W.http_req('POST', '/', k.host(), [C.ua(k)], req, 'application/json'), think=2.0)
        f.s_(W.http_resp(200, W.jdump({'jsonrpc': '2.0', 'result': '0x%x' % k.rng.getrandbits(60), 'id': i + 1})))
    f.close()
    return C.neg('machine JSON-RPC calls')


def bot_api_admin(k):
    f = k.tcp(80)
    tok = '%d:%s' % (k.rng.randrange(10 ** 9, 10 ** 10), k.hexid(35))
    for meth in ['getMe', 'getUpdates?offset=0&timeout=0', 'setWebhook?url=https%3A%2F%2Fexample.com%2Fhook']:
        f.c_(W.http_req('GET', '/bot%s/%s' % (tok, meth), k.host('bot', 'example.org'), [C.ua(k)]), think=0.3)
        f.s_(W.http_resp(200, W.jdump({'ok': True, 'result': [] if 'Updates' in meth else True})))
    f.close()
    return C.neg('bot API administration calls, no text')


def attachment_only(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/api/v10/channels/%d/messages' % k.rng.randrange(10 ** 17, 10 ** 18), k.host(), _hdrs(k),
                    W.jdump({'content': '', 'attachments': [{'id': '0', 'filename': 'IMG_%04d.jpg' % k.rng.randrange(9999),
                                                             'uploaded_filename': k.uuid()}]}), 'application/json'),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'id': k.hexid(12)})))
    f.close()
    return C.neg('post with an attachment and empty content')


def reaction(k):
    f = k.tcp(80)
    for i in range(k.rng.randrange(1, 4)):
        f.c_(W.http_req('PUT', '/api/rooms/%s/messages/%s/reactions/%s' % (k.hexid(6), k.hexid(10), k.pick(['thumbsup', 'heart', 'laughing'])),
                        k.host(), _hdrs(k), W.jdump({'emoji': k.pick(['thumbsup', 'heart', 'tada'])}), 'application/json'),
             think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(204))
    f.close()
    return C.neg('emoji reactions by name, no text')


def room_list(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/rooms?joined=true', k.host(), _hdrs(k)), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'rooms': [{'id': k.hexid(8), 'name': n, 'unread': k.rng.randrange(0, 9), 'muted': False,
                                              'last_activity': k.iso(f)} for n in ['general', 'random', 'family', 'book-club']]})))
    f.close()
    return C.neg('room list (names, unread counts)')


BOT_ALERTS = [('en', 'Temperature alert: 31.2 °C in server room (threshold 30 °C)'),
              ('de', 'Warnung: Wasserstand im Keller über 5 cm (Sensor 3)'),
              ('ru', 'Внимание: датчик движения в гараже сработал в 03:14'),
              ('es', 'Aviso: la batería del sensor de la puerta está al 10 %'),
              ('en', 'Door sensor "Front door" opened at 14:02'),
              ('fr', 'Alerte : consommation électrique supérieure à 6 kW')]


def bot_alert(k):
    lang, text = BOT_ALERTS[k.var % len(BOT_ALERTS)]
    f = k.tcp(80)
    tok = '%d:%s' % (k.rng.randrange(10 ** 9, 10 ** 10), k.hexid(35))
    f.c_(W.http_req('POST', '/bot%s/sendMessage' % tok, k.host('bot', 'example.org'), ['User-Agent: home-automation/2024.3'],
                    W.form([('chat_id', str(k.rng.randrange(10 ** 8, 10 ** 9))), ('text', text)]),
                    'application/x-www-form-urlencoded'), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'ok': True, 'result': {'message_id': k.rng.randrange(1000)}})))
    f.close()
    return C.neg('bot sendMessage of an alert written by a program', lang)


def jsonrpc_markread(k):
    f = k.tcp(80)
    for i in range(3):
        f.c_(W.http_req('POST', '/rpc', k.host(), _hdrs(k), W.jdump({'jsonrpc': '2.0', 'method': 'chat.markRead',
                                                                     'params': {'room': k.hexid(8), 'upTo': k.hexid(12)}, 'id': i}),
                        'application/json'), think=k.human(2, 20))
        f.s_(W.http_resp(200, W.jdump({'jsonrpc': '2.0', 'result': True, 'id': i})))
    f.close()
    return C.neg('JSON-RPC mark-read calls')


def link_preview(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/api/unfurl', k.host(), _hdrs(k), W.jdump({'url': 'https://news.example.com/a/%d' % k.rng.randrange(10 ** 5)}),
                    'application/json'), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'title': 'Council approves new tram line to the harbour district', 'site_name': 'Example News',
                                   'description': 'The city council voted on Tuesday night to fund a four-kilometre tram extension.',
                                   'image': 'https://news.example.com/img/%s.jpg' % k.hexid(8)})))
    f.close()
    return C.neg('link preview (page title and description)', 'en')


def presence_heartbeat(k):
    f = k.tcp(80)
    for i in range(4):
        f.c_(W.http_req('POST', '/api/presence', k.host(), _hdrs(k), W.jdump({'status': k.pick(['active', 'idle']), 'client': 'web'}),
                        'application/json'), think=0.01 if i == 0 else 30)
        f.s_(W.http_resp(204))
    f.close()
    return C.neg('presence heartbeats every 30 s')


def push_register(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/api/v1/devices', k.host(), _hdrs(k), W.jdump({'platform': k.pick(['fcm', 'apns']), 'token': k.hexid(64),
                                                                          'app_version': '3.4.1', 'locale': 'pt-BR'}),
                    'application/json'), think=0.01)
    f.s_(W.http_resp(201, W.jdump({'device_id': k.uuid()})))
    f.close()
    return C.neg('push token registration')


CASES = [
    (FAM, U, 'room-type-text', room_type_text, C.langs(6, 1)),
    (FAM, U, 'escaped-json', escaped_json, ['ru', 'uk', 'ar', 'ru', 'zh', 'el']),
    (FAM, U, 'matrix-send', matrix_send, C.langs(4, 4)),
    (FAM, U, 'content-only', content_only, C.langs(5, 8)),
    (FAM, U, 'slack-webhook', slack_webhook, C.langs(4, 12)),
    (FAM, U, 'teams-webhook', teams_webhook, C.langs(3, 15)),
    (FAM, U, 'mattermost-form', mattermost_form, C.langs(3, 18)),
    (FAM, U, 'telegram-get', telegram_get, C.langs(4, 21)),
    (FAM, U, 'telegram-form', telegram_form, C.langs(4, 24)),
    (FAM, U, 'graphql-mutation', graphql_mutation, C.langs(4, 26)),
    (FAM, U, 'jsonrpc', jsonrpc, C.langs(5, 2)),
    (FAM, U, 'text-plain-reply', text_plain_reply, C.langs(4, 6)),
    (FAM, U, 'multipart-msg', multipart_msg, C.langs(3, 10)),
    (FAM, U, 'sse-incoming', sse_incoming, C.langs(4, 14)),
    (FAM, U, 'longpoll', longpoll, C.langs(3, 20)),
    (FAM, U, 'query-string-send', query_string_send, C.langs(3, 25)),
    (FAM, U, 'gzip-json', gzip_json, C.langs(3, 28)),
    (FAM, U, 'typing-events', typing_events, ['-'] * 8),
    (FAM, U, 'webhook-notification', webhook_notification, ['-'] * 8),
    (FAM, U, 'graphql-query', graphql_query, ['-'] * 5),
    (FAM, U, 'jsonrpc-machine', jsonrpc_machine, ['-'] * 5),
    (FAM, U, 'bot-api-admin', bot_api_admin, ['-'] * 4),
    (FAM, U, 'attachment-only', attachment_only, ['-'] * 5),
    (FAM, U, 'reaction', reaction, ['-'] * 3),
    (FAM, U, 'room-list', room_list, ['-'] * 3),
    (FAM, U, 'bot-alert', bot_alert, ['-'] * 8),
    (FAM, U, 'jsonrpc-markread', jsonrpc_markread, ['-'] * 3),
    (FAM, U, 'link-preview', link_preview, ['-'] * 5),
    (FAM, U, 'presence-heartbeat', presence_heartbeat, ['-'] * 4),
    (FAM, U, 'push-register', push_register, ['-'] * 3),
]
