# cases_web: chat through web-application transports where the author is the session and the
# text sits in an event frame: Socket.IO (WebSocket and HTTP long-polling), Meteor DDP over SockJS
# (doubly-encoded JSON), Rails ActionCable (JSON inside a JSON string), Phoenix channels, XML-RPC,
# SOAP SMS gateways, comments and forum replies (posts), webmail JSON, long letters posted as
# {text}. Negatives: the same transports carrying pings, presence, subscriptions, system calls,
# balances, logins and folder lists.
import caselib as C
import flowtexts as T
import flowwire as W

FAM = 'sender-outside'
U = 'unfamiliar'


def _mask(k):
    return bytes(k.rng.getrandbits(8) for _ in range(4))


def _ws(k, f, path, proto=None):
    req, resp = W.ws_upgrade(path, k.host(), k.rng, proto, [C.ua(k), 'Cookie: sid=%s' % k.hexid(32)])
    f.c_(req, think=0.01)
    f.s_(resp)


def socketio_ws(k):
    f = k.tcp(k.pick([80, 3000, 8080]))
    _ws(k, f, '/socket.io/?EIO=4&transport=websocket')
    sid = k.hexid(20)
    f.s_(W.ws_frame(b'0{"sid":"%s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}' % sid.encode()))
    f.c_(W.ws_frame(b'40', 1, _mask(k)), think=0.003)
    f.s_(W.ws_frame(b'40{"sid":"%s"}' % k.hexid(20).encode()))
    recv = k.var % 3 == 2
    ev = k.pick(['chat message', 'message', 'send', 'msg:new'])
    for text in k.lines(k.rng.randrange(1, 4)):
        payload = [ev, {'room': k.pick(['lobby', 'r%d' % k.rng.randrange(99)]), 'text': text}] if k.var % 2 else [ev, text]
        if recv:
            f.s_(W.ws_frame(b'42' + W.jdump(payload)), think=k.human())
        else:
            f.c_(W.ws_frame(b'42' + W.jdump(payload), 1, _mask(k)), think=k.human())
        f.s_(W.ws_frame(b'2'), think=k.human(1, 5))
        f.c_(W.ws_frame(b'3', 1, _mask(k)), think=0.001)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'Socket.IO 42[event, …] frames over WebSocket')


def socketio_polling(k):
    f = k.tcp(80)
    host = k.host()
    sid = k.hexid(20)
    f.c_(W.http_req('GET', '/socket.io/?EIO=4&transport=polling&t=%s' % k.hexid(7), host, [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, b'0{"sid":"%s","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}' % sid.encode(),
                     'text/plain; charset=UTF-8'))
    f.c_(W.http_req('POST', '/socket.io/?EIO=4&transport=polling&sid=%s' % sid, host, [C.ua(k)], b'40',
                    'text/plain;charset=UTF-8'), think=0.005)
    f.s_(W.http_resp(200, b'ok', 'text/html'))
    for text in k.lines(k.rng.randrange(1, 3)):
        f.c_(W.http_req('POST', '/socket.io/?EIO=4&transport=polling&sid=%s' % sid, host, [C.ua(k)],
                        b'42' + W.jdump(['send', {'body': text}]), 'text/plain;charset=UTF-8'), think=k.human())
        f.s_(W.http_resp(200, b'ok', 'text/html'))
    f.close()
    return C.pos('to_server', 'Socket.IO over HTTP long-polling')


def _sockjs(k, f):
    _ws(k, f, '/sockjs/%d/%s/websocket' % (k.rng.randrange(100, 999), k.hexid(8)))
    f.s_(W.ws_frame(b'o'))
    f.c_(W.ws_frame(W.jdump([W.jdump({'msg': 'connect', 'version': '1', 'support': ['1', 'pre2', 'pre1']}).decode()]), 1, _mask(k)),
         think=0.005)
    f.s_(W.ws_frame(b'a' + W.jdump([W.jdump({'msg': 'connected', 'session': k.hexid(17)}).decode()])))


def ddp_sockjs(k):
    f = k.tcp(3000)
    _sockjs(k, f)
    rid = k.pick(['GENERAL', k.hexid(17)])
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        m = {'msg': 'method', 'method': 'sendMessage', 'id': str(i + 7),
             'params': [{'_id': k.hexid(17), 'rid': rid, 'msg': text}]}
        f.c_(W.ws_frame(W.jdump([W.jdump(m, k.var % 2 == 1).decode()]), 1, _mask(k)), think=k.human())
        f.s_(W.ws_frame(b'a' + W.jdump([W.jdump({'msg': 'updated', 'methods': [str(i + 7)]}).decode()])))
        f.s_(W.ws_frame(b'h'), think=k.human(5, 25))
    f.close()
    return C.pos('to_server', 'Meteor DDP sendMessage over SockJS (JSON inside a JSON string)')


def actioncable(k):
    f = k.tcp(80)
    _ws(k, f, '/cable', 'actioncable-v1-json')
    f.s_(W.ws_frame(b'{"type":"welcome"}'))
    ident = W.jdump({'channel': k.pick(['RoomChannel', 'ChatChannel']), 'room_id': k.rng.randrange(1, 500)}).decode()
    f.c_(W.ws_frame(W.jdump({'command': 'subscribe', 'identifier': ident}), 1, _mask(k)), think=0.003)
    f.s_(W.ws_frame(W.jdump({'identifier': ident, 'type': 'confirm_subscription'})))
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        if recv:
            f.s_(W.ws_frame(W.jdump({'identifier': ident, 'message': {'body': text, 'user_id': k.rng.randrange(1000)}})),
                 think=k.human())
        else:
            f.c_(W.ws_frame(W.jdump({'command': 'message', 'identifier': ident,
                                     'data': W.jdump({'body': text, 'action': 'speak'}).decode()}), 1, _mask(k)), think=k.human())
        f.s_(W.ws_frame(W.jdump({'type': 'ping', 'message': k.epoch_ms(f) // 1000})), think=3)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'Rails ActionCable (data is a JSON string)')


def phoenix(k):
    f = k.tcp(4000)
    _ws(k, f, '/socket/websocket?vsn=2.0.0')
    topic = 'room:%s' % k.pick(['lobby', 'family', str(k.rng.randrange(999))])
    f.c_(W.ws_frame(W.jdump(['3', '3', topic, 'phx_join', {}]), 1, _mask(k)), think=0.003)
    f.s_(W.ws_frame(W.jdump(['3', '3', topic, 'phx_reply', {'response': {}, 'status': 'ok'}])))
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        f.c_(W.ws_frame(W.jdump(['3', str(i + 4), topic, 'new_msg', {'body': text}]), 1, _mask(k)), think=k.human())
        f.c_(W.ws_frame(W.jdump([None, str(i + 40), 'phoenix', 'heartbeat', {}]), 1, _mask(k)), think=k.human(1, 20))
        f.s_(W.ws_frame(W.jdump([None, str(i + 40), 'phoenix', 'phx_reply', {'response': {}, 'status': 'ok'}])))
    f.close()
    return C.pos('to_server', 'Phoenix channel new_msg over WebSocket')


def xmlrpc(k):
    f = k.tcp(80)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        body = ('<?xml version="1.0"?><methodCall><methodName>chat.send</methodName><params>'
                '<param><value><string>%s</string></value></param><param><value><string>%s</string></value></param>'
                '</params></methodCall>' % (k.pick(['lobby', 'family', 'dm-%s' % k.hexid(4)]), C.xml_esc(text))).encode()
        f.c_(W.http_req('POST', '/RPC2', k.host(), ['User-Agent: xmlrpclib.py/1.0.1 (by www.pythonware.com)'], body, 'text/xml'),
             think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(200, b'<?xml version="1.0"?><methodResponse><params><param><value><int>%d</int></value></param>'
                              b'</params></methodResponse>' % k.rng.randrange(10 ** 6), 'text/xml'))
    f.close()
    return C.pos('to_server', 'XML-RPC chat.send(room, text)')


def soap_sms(k):
    f = k.tcp(80)
    text = k.line()
    body = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
            '<soap:Body><SendSMS xmlns="http://sms.example.com/"><Username>%s</Username><To>+%d</To><Message>%s</Message>'
            '</SendSMS></soap:Body></soap:Envelope>' % (k.handle(), k.pick([4915112345678, 447700900123, 819012345678]),
                                                        C.xml_esc(text))).encode()
    f.c_(W.http_req('POST', '/SmsService.asmx', k.host('sms', 'example.com'), ['SOAPAction: "http://sms.example.com/SendSMS"'],
                    body, 'text/xml; charset=utf-8'), think=0.01)
    f.s_(W.http_resp(200, b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/'
                          b'envelope/"><soap:Body><SendSMSResponse xmlns="http://sms.example.com/"><SendSMSResult>OK:%d'
                          b'</SendSMSResult></SendSMSResponse></soap:Body></soap:Envelope>' % k.rng.randrange(10 ** 6),
                     'text/xml; charset=utf-8'))
    f.close()
    return C.pos('to_server', 'SOAP SendSMS with a personal message')


def comment_post(k):
    f = k.tcp(80)
    forum = k.var % 2 == 1
    text = k.longmsg(2) if k.var % 3 == 0 else k.line()
    if forum:
        tid = k.rng.randrange(100, 99999)
        f.c_(W.http_req('POST', '/posting.php?mode=reply&t=%d' % tid, k.host('forum', 'example.org'),
                        [C.ua(k), 'Cookie: phpbb3_sid=%s' % k.hexid(32)],
                        W.form([('subject', 'Re: '), ('message', text), ('post', 'Submit'), ('form_token', k.hexid(40))]),
                        'application/x-www-form-urlencoded'), think=0.01)
        f.s_(W.http_resp(200, b'<html><body>This message has been posted successfully.</body></html>', 'text/html'))
    else:
        f.c_(W.http_req('POST', '/api/posts/%d/comments' % k.rng.randrange(10 ** 6), k.host('blog', 'example.com'),
                        [C.ua(k), 'Authorization: Bearer ' + k.hexid(40)], W.jdump({'body': text}), 'application/json'), think=0.01)
        f.s_(W.http_resp(201, W.jdump({'id': k.rng.randrange(10 ** 6), 'status': 'published'})))
    f.close()
    return C.pos('to_server', '%s (a post)' % ('forum reply form' if forum else 'comment {body}'))


def webmail_send(k):
    f = k.tcp(80)
    fn, tn = k.names2()
    body = k.mailbody(tn, fn, 2)
    html = ''.join('<div>%s</div>' % (C.xml_esc(ln) or '<br>') for ln in body.split('\n'))
    f.c_(W.http_req('POST', '/api/mail/send', k.host('webmail', 'example.net'), [C.ua(k), 'Cookie: mail_sess=%s' % k.hexid(32)],
                    W.jdump({'to': ['%s@example.org' % k.handle()], 'cc': [], 'subject': k.subject(), 'html': html,
                             'draft_id': k.hexid(12)}, k.var % 2 == 1), 'application/json'), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'queued': True, 'id': k.hexid(16)})))
    f.close()
    return C.pos('to_server', 'webmail JSON send with an HTML body')


def long_chat(k):
    f = k.tcp(80)
    paras = T.LETTERS[k.lang]
    text = '\n\n'.join(paras[:2 + k.var % 3])
    f.c_(W.http_req('POST', '/api/threads/%s/messages' % k.hexid(8), k.host(), [C.ua(k), 'Authorization: Bearer ' + k.hexid(40)],
                    W.jdump({'text': text}, k.var % 2 == 1), 'application/json'), think=0.01)
    f.s_(W.http_resp(201, W.jdump({'id': k.hexid(12)})))
    f.close()
    return C.pos('to_server', 'a long personal message (%d paragraphs) as {text}' % len(text.split('\n\n')))


# ---------------------------------------------------------------- negatives
def socketio_ping(k):
    f = k.tcp(80)
    _ws(k, f, '/socket.io/?EIO=4&transport=websocket')
    f.s_(W.ws_frame(b'0{"sid":"%s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}' % k.hexid(20).encode()))
    f.c_(W.ws_frame(b'40', 1, _mask(k)), think=0.003)
    f.s_(W.ws_frame(b'40{"sid":"%s"}' % k.hexid(20).encode()))
    for i in range(4):
        f.c_(W.ws_frame(b'42' + W.jdump(['typing', {'room': 'lobby', 'state': i % 2 == 0}]), 1, _mask(k)), think=k.human(1, 5))
        f.s_(W.ws_frame(b'42' + W.jdump(['presence', {'online': k.rng.randrange(2, 40)}])))
        f.s_(W.ws_frame(b'2'), think=25)
        f.c_(W.ws_frame(b'3', 1, _mask(k)), think=0.001)
    f.close()
    return C.neg('Socket.IO typing/presence events and pings')


def ddp_ping(k):
    f = k.tcp(3000)
    _sockjs(k, f)
    f.c_(W.ws_frame(W.jdump([W.jdump({'msg': 'sub', 'id': k.hexid(10), 'name': 'stream-notify-user', 'params': ['x/notification', False]}).decode()]),
                    1, _mask(k)), think=0.01)
    for _ in range(3):
        f.s_(W.ws_frame(b'a' + W.jdump([W.jdump({'msg': 'ping'}).decode()])), think=25)
        f.c_(W.ws_frame(W.jdump([W.jdump({'msg': 'pong'}).decode()]), 1, _mask(k)), think=0.002)
    f.close()
    return C.neg('DDP subscribe, ping/pong')


def actioncable_ping(k):
    f = k.tcp(80)
    _ws(k, f, '/cable', 'actioncable-v1-json')
    f.s_(W.ws_frame(b'{"type":"welcome"}'))
    for _ in range(5):
        f.s_(W.ws_frame(W.jdump({'type': 'ping', 'message': k.epoch_ms(f) // 1000})), think=3)
    f.close()
    return C.neg('ActionCable welcome and pings')


def xmlrpc_system(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/RPC2', k.host(), ['User-Agent: xmlrpclib.py/1.0.1'],
                    b'<?xml version="1.0"?><methodCall><methodName>system.listMethods</methodName><params/></methodCall>', 'text/xml'),
         think=0.01)
    f.s_(W.http_resp(200, b'<?xml version="1.0"?><methodResponse><params><param><value><array><data>' + b''.join(
        b'<value><string>%s</string></value>' % m for m in [b'chat.send', b'chat.history', b'system.listMethods', b'user.get']) +
        b'</data></array></value></param></params></methodResponse>', 'text/xml'))
    f.close()
    return C.neg('XML-RPC system.listMethods')


def soap_balance(k):
    f = k.tcp(80)
    f.c_(W.http_req('POST', '/SmsService.asmx', k.host('sms', 'example.com'), ['SOAPAction: "http://sms.example.com/GetBalance"'],
                    b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
                    b'<soap:Body><GetBalance xmlns="http://sms.example.com/"><Username>acme</Username></GetBalance></soap:Body>'
                    b'</soap:Envelope>', 'text/xml; charset=utf-8'), think=0.01)
    f.s_(W.http_resp(200, b'<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
                          b'<GetBalanceResponse xmlns="http://sms.example.com/"><GetBalanceResult>1240</GetBalanceResult>'
                          b'</GetBalanceResponse></soap:Body></soap:Envelope>', 'text/xml; charset=utf-8'))
    f.close()
    return C.neg('SOAP GetBalance of an SMS gateway')


def webmail_folders(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/mail/folders', k.host('webmail', 'example.net'), [C.ua(k), 'Cookie: mail_sess=%s' % k.hexid(32)]),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'folders': [{'name': n, 'unread': k.rng.randrange(0, 40), 'total': k.rng.randrange(40, 4000)}
                                               for n in ['INBOX', 'Sent', 'Drafts', 'Archive', 'Spam']]})))
    f.close()
    return C.neg('webmail folder list')


def message_meta(k):
    f = k.tcp(80)
    for i, ch in enumerate([{'pinned': True}, {'starred': True}, {'folder': 'archive'}]):
        f.c_(W.http_req('PATCH', '/api/messages/%s' % k.hexid(12), k.host(), [C.ua(k), 'Cookie: sid=%s' % k.hexid(32)], W.jdump(ch),
                        'application/json'), think=0.01 if i == 0 else k.human(2, 10))
        f.s_(W.http_resp(200, W.jdump({'ok': True, 'updated': k.iso(f)})))
    f.close()
    return C.neg('message metadata changes (pin, star, move)')


def avatar_upload(k):
    f = k.tcp(80)
    bnd = '----form' + k.hexid(12)
    body = ('--%s\r\nContent-Disposition: form-data; name="avatar"; filename="me.jpg"\r\nContent-Type: image/jpeg\r\n\r\n' % bnd).encode() + \
        b'\xff\xd8\xff\xe0' + bytes(k.rng.getrandbits(8) for _ in range(1500)) + ('\r\n--%s--\r\n' % bnd).encode()
    f.c_(W.http_req('POST', '/api/me/avatar', k.host(), [C.ua(k)], body, 'multipart/form-data; boundary=' + bnd), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'url': '/avatars/%s.jpg' % k.hexid(12)})))
    f.close()
    return C.neg('avatar upload (a picture, no text)')


def emoji_list(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/emoji.list', k.host(), [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'ok': True, 'emoji': {n: 'https://emoji.example.com/%s.png' % n for n in
                                                         ['party_parrot', 'shipit', 'thisisfine', 'coffee_time', 'lgtm']}})))
    f.close()
    return C.neg('custom emoji list')


CASES = [
    (FAM, U, 'socketio-ws', socketio_ws, C.langs(4, 2)),
    (FAM, U, 'socketio-polling', socketio_polling, C.langs(3, 6)),
    (FAM, U, 'ddp-sockjs', ddp_sockjs, C.langs(4, 10)),
    (FAM, U, 'actioncable', actioncable, C.langs(4, 14)),
    (FAM, U, 'phoenix', phoenix, C.langs(3, 18)),
    (FAM, U, 'xmlrpc', xmlrpc, C.langs(3, 22)),
    (FAM, U, 'soap-sms', soap_sms, C.langs(3, 26)),
    (FAM, U, 'comment-post', comment_post, C.langs(4, 1)),
    (FAM, U, 'webmail-send', webmail_send, C.langs(3, 5)),
    (FAM, U, 'long-chat', long_chat, sorted(T.LETTERS)[:4]),
    (FAM, U, 'socketio-ping', socketio_ping, ['-'] * 5),
    (FAM, U, 'ddp-ping', ddp_ping, ['-'] * 3),
    (FAM, U, 'actioncable-ping', actioncable_ping, ['-'] * 3),
    (FAM, U, 'xmlrpc-system', xmlrpc_system, ['-'] * 2),
    (FAM, U, 'soap-balance', soap_balance, ['-'] * 2),
    (FAM, U, 'webmail-folders', webmail_folders, ['-'] * 3),
    (FAM, U, 'message-meta', message_meta, ['-'] * 3),
    (FAM, U, 'avatar-upload', avatar_upload, ['-'] * 3),
    (FAM, U, 'emoji-list', emoji_list, ['-'] * 3),
]
