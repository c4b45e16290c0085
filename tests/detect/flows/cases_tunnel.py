# cases_tunnel: (1) tunnels and partial captures: mail, IRC, XMPP and HTTP chat inside an HTTP
# CONNECT or SOCKS tunnel; captures that start mid-stream (no SYN: the first bytes are `RETR 20`,
# the middle of a JSON body, a relayed PRIVMSG, mail headers); captures holding only the server's
# or only the client's half. (2) The device as server: mail, chat and message history that a
# home server hands to, or takes from, an outside client (leak.direction is device-relative:
# to_server = the device sent it). Negatives: TLS in tunnels, downloads, listings, keepalives.
import struct

import caselib as C
import flowwire as W

FAM_T = 'tunnel-partial'
FAM_D = 'device-server'
U = 'unfamiliar'


def tls_client_hello(k, sni):
    name = sni.encode()
    sni_ext = struct.pack('!HHHBH', 0, len(name) + 5, len(name) + 3, 0, len(name)) + name
    exts = sni_ext + bytes.fromhex('002b0005040304 0303'.replace(' ', '')) + bytes.fromhex('000a000400020017'.replace(' ', '')) + \
        struct.pack('!HHHHH', 0x33, 38, 36, 0x1d, 32) + bytes(k.rng.getrandbits(8) for _ in range(32)) + \
        bytes.fromhex('000d00080006040308040401')
    suites = bytes.fromhex('130113021303c02bc02fc02cc030cca9cca8')
    body = b'\x03\x03' + bytes(k.rng.getrandbits(8) for _ in range(32)) + b'\x20' + \
        bytes(k.rng.getrandbits(8) for _ in range(32)) + struct.pack('!H', len(suites)) + suites + b'\x01\x00' + \
        struct.pack('!H', len(exts)) + exts
    hs = b'\x01' + struct.pack('!I', len(body))[1:] + body
    return b'\x16\x03\x01' + struct.pack('!H', len(hs)) + hs


def tls_exchange(k, f, sni, rounds=3):
    f.c_(tls_client_hello(k, sni), think=0.005)
    sh = b'\x02' + struct.pack('!I', 86)[1:] + b'\x03\x03' + bytes(k.rng.getrandbits(8) for _ in range(82))
    f.s_(b'\x16\x03\x03' + struct.pack('!H', len(sh)) + sh + b'\x14\x03\x03\x00\x01\x01' +
         b'\x17\x03\x03' + struct.pack('!H', 2400) + bytes(k.rng.getrandbits(8) for _ in range(2400)))
    f.c_(b'\x14\x03\x03\x00\x01\x01\x17\x03\x03\x00\x35' + bytes(k.rng.getrandbits(8) for _ in range(53)), think=0.002)
    for _ in range(rounds):
        n = k.rng.randrange(80, 900)
        f.c_(b'\x17\x03\x03' + struct.pack('!H', n) + bytes(k.rng.getrandbits(8) for _ in range(n)), think=k.human(0.2, 8))
        n = k.rng.randrange(100, 3000)
        f.s_(b'\x17\x03\x03' + struct.pack('!H', n) + bytes(k.rng.getrandbits(8) for _ in range(n)))


def _connect(k, f, target):
    f.c_(b'CONNECT %s HTTP/1.1\r\nHost: %s\r\nProxy-Connection: keep-alive\r\nUser-Agent: curl/8.5.0\r\n\r\n' % (
        target.encode(), target.encode()), think=0.01)
    f.s_(b'HTTP/1.1 200 Connection established\r\n\r\n')


def _socks5(k, f, host, port):
    f.c_(b'\x05\x01\x00', think=0.01)
    f.s_(b'\x05\x00')
    f.c_(b'\x05\x01\x00\x03' + bytes([len(host)]) + host.encode() + struct.pack('!H', port), think=0.001)
    f.s_(b'\x05\x00\x00\x01' + bytes([203, 0, 113, k.rng.randrange(2, 250)]) + struct.pack('!H', port))


def _tunnel(k, port, host):
    kind = k.var % 3
    f = k.tcp(k.pick([3128, 8080, 8888]) if kind < 2 else 1080)
    if kind < 2:
        _connect(k, f, '%s:%d' % (host, port))
    else:
        _socks5(k, f, host, port)
    return f, ['CONNECT', 'CONNECT', 'SOCKS5'][kind]


def tunnel_smtp(k):
    f, how = _tunnel(k, k.pick([25, 587]), 'mail.example.org')
    msg, frm, to = C.make_mail(k)
    C.smtp_session(k, f, msg, frm, [to])
    f.close()
    return C.pos('to_server', 'SMTP dialogue inside %s' % how)


def tunnel_pop3(k):
    f, how = _tunnel(k, 110, 'pop.example.net')
    C.pop3_session(k, f, [C.make_mail(k)[0]])
    f.close()
    return C.pos('to_client', 'POP3 RETR inside %s' % how)


def tunnel_irc(k):
    f, how = _tunnel(k, 6667, 'irc.example.net')
    nick, other = k.handles2()
    C.irc_login(k, f, nick)
    for text in k.lines(k.rng.randrange(1, 3)):
        f.c_(b'PRIVMSG %s :%s\r\n' % (other.encode(), text.encode()), think=k.human())
    f.close()
    return C.pos('to_server', 'IRC PRIVMSG inside %s' % how)


def tunnel_xmpp(k):
    f, how = _tunnel(k, 5222, 'xmpp.example.net')
    me, peer = k.handles2()
    C.xmpp_login(k, f, me)
    for text in k.lines(k.rng.randrange(1, 3)):
        f.s_(C.xmpp_message(k, '%s@example.org/pc' % peer, '%s@example.net/phone' % me, text), think=k.human())
    f.close()
    return C.pos('to_client', 'XMPP messages received inside %s' % how)


def tunnel_http_chat(k):
    f, how = _tunnel(k, 80, 'chat.example.com')
    text = k.line()
    f.c_(W.http_req('POST', '/api/rooms/%s/messages' % k.hexid(6), 'chat.example.com', [C.ua(k)],
                    W.jdump({'text': text}), 'application/json'), think=0.005)
    f.s_(W.http_resp(201, W.jdump({'id': k.hexid(10)})))
    f.close()
    return C.pos('to_server', 'plain HTTP chat POST inside %s' % how)


def mid_retr(k):
    f = k.tcp(110, handshake=False)
    msg = C.make_mail(k)[0]
    n = k.rng.randrange(3, 40)
    f.c_(b'RETR %d\r\n' % n, think=0.01)
    f.s_(b'+OK %d octets\r\n' % len(msg) + W.dot_stuff(msg) + b'.\r\n')
    f.c_(b'DELE %d\r\n' % n, think=0.003)
    f.s_(b'+OK Marked to be deleted.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK Logging out.\r\n')
    f.close()
    return C.pos('to_client', 'mid-stream POP3: the capture begins with RETR %d' % n)


def mid_json(k):
    recv = k.var % 2 == 0
    f = k.tcp(80, handshake=False)
    recs = [{'id': 'm%d' % (i + 90), 'created': k.iso(f), 'text': t} for i, t in enumerate(k.lines(k.rng.randrange(3, 6)))]
    body = W.jdump({'room': k.hexid(6), 'history': recs}, k.var % 4 == 1)
    cut = body.index(b'"text"', len(body) // 3) - k.rng.randrange(3, 20)
    if recv:
        f.s_(body[cut:], think=0.01)
        f.c_(W.http_req('GET', '/api/rooms/%s/history?before=m89' % k.hexid(6), k.host(), [C.ua(k)]), think=k.human(5, 20))
        f.s_(W.http_resp(200, W.jdump({'history': []})))
    else:
        f.c_(body[cut:], think=0.01)
        f.s_(W.http_resp(200, W.jdump({'ok': True})))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'mid-stream: capture begins inside a JSON %s body' % (
        'response' if recv else 'request'))


def mid_irc(k):
    f = k.tcp(6667, handshake=False)
    nick, other = k.handles2()
    chan = '#' + k.pick(['lounge', 'gamers', 'cooking'])
    for text in k.lines(k.rng.randrange(2, 4)):
        f.s_(b':%s!~%s@198.51.100.33 PRIVMSG %s :%s\r\n' % (other.encode(), other.encode(), chan.encode(), text.encode()),
             think=k.human())
    f.c_(b'PRIVMSG %s :%s\r\n' % (chan.encode(), k.short().encode()), think=k.human())
    f.cut()
    return C.pos('-', 'mid-stream IRC, no registration in the capture')


def mid_smtp(k):
    f = k.tcp(25, handshake=False)
    msg = C.make_mail(k, cte='8bit')[0]
    cut = msg.index(b'\r\nSubject:') + 2
    f.c_(W.dot_stuff(msg[cut:]) + b'.\r\n', think=0.01)
    f.s_(b'250 2.0.0 Ok: queued as %s\r\n' % k.hexid(10).upper().encode())
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.pos('to_server', 'mid-stream SMTP: capture begins inside the DATA headers')


def mid_imap(k):
    f = k.tcp(143, handshake=False)
    msg = C.make_mail(k, cte='8bit')[0]
    cut = msg.index(b'\r\n\r\n') - k.rng.randrange(5, 30)
    f.s_(msg[cut:] + b')\r\na7 OK Fetch completed.\r\n', think=0.01)
    f.c_(b'a8 IDLE\r\n', think=0.5)
    f.s_(b'+ idling\r\n')
    f.cut()
    return C.pos('to_client', 'mid-stream IMAP: capture begins inside a FETCH literal')


def half_server(k):
    kind = k.var % 3
    if kind == 0:
        f = k.tcp(110, half='server')
        C.pop3_session(k, f, [C.make_mail(k)[0]])
        note = 'POP3'
    elif kind == 1:
        f = k.tcp(80, half='server')
        recs = [{'from': k.name(), 'at': k.iso(f), 'text': t} for t in k.lines(3)]
        f.c_(W.http_req('GET', '/api/inbox', k.host(), [C.ua(k)]), think=0.01)
        f.s_(W.http_resp(200, W.jdump({'items': recs})))
        note = 'HTTP inbox JSON'
    else:
        f = k.tcp(6667, half='server')
        nick, other = k.handles2()
        C.irc_login(k, f, nick)
        for text in k.lines(2):
            f.s_(b':%s!u@h PRIVMSG %s :%s\r\n' % (other.encode(), nick.encode(), text.encode()), think=k.human())
        note = 'IRC'
    f.close()
    return C.pos('to_client', 'only the server\'s half captured: %s' % note)


def half_client(k):
    kind = k.var % 4
    if kind == 0:
        f = k.tcp(25, half='client')
        msg, frm, to = C.make_mail(k)
        C.smtp_session(k, f, msg, frm, [to])
        note = 'SMTP'
    elif kind == 1:
        f = k.tcp(80, half='client')
        req, resp = W.ws_upgrade('/ws', k.host(), k.rng)
        f.c_(req, think=0.01)
        f.s_(resp)
        for text in k.lines(2):
            f.c_(W.ws_frame(W.jdump({'type': 'message', 'text': text}), 1, bytes(k.rng.getrandbits(8) for _ in range(4))),
                 think=k.human())
        note = 'masked WebSocket frames'
    elif kind == 2:
        f = k.tcp(5222, half='client')
        me, peer = k.handles2()
        C.xmpp_login(k, f, me)
        for text in k.lines(2):
            f.c_(C.xmpp_message(k, '%s@example.net/phone' % me, '%s@example.org' % peer, text), think=k.human())
        note = 'XMPP'
    else:
        f = k.tcp(80, half='client')
        f.c_(W.http_req('POST', '/v1/messages', k.host(), [C.ua(k)], W.jdump({'content': k.line()}), 'application/json'),
             think=0.01)
        f.s_(W.http_resp(201, b'{}'))
        note = 'HTTP {content} POST'
    f.close()
    return C.pos('to_server', 'only the client\'s half captured: %s' % note)


# ---------------------------------------------------------------- tunnel / partial negatives
def tunnel_tls(k):
    f = k.tcp(3128 if k.var % 2 else 1080)
    host = k.pick(['chat.example.com', 'mail.example.org', 'www.example.net'])
    if k.var % 2:
        _connect(k, f, host + ':443')
    else:
        _socks5(k, f, host, 443)
    tls_exchange(k, f, host)
    f.close()
    return C.neg('TLS inside %s' % ('CONNECT' if k.var % 2 else 'SOCKS5'))


def tunnel_download(k):
    f = k.tcp(8080)
    _connect(k, f, 'cdn.example.com:80')
    f.c_(W.http_req('GET', '/static/app.3f9a1c.js', 'cdn.example.com', [C.ua(k)]), think=0.005)
    js = b'!function(e){"use strict";var t={};function n(r){if(t[r])return t[r].exports;var o=t[r]={i:r,l:!1,exports:{}};' \
         b'return e[r].call(o.exports,o,o.exports,n),o.l=!0,o.exports}n.m=e,n.c=t}([' + \
        b','.join(b'function(e,t){e.exports=%d}' % k.rng.randrange(10 ** 6) for _ in range(60)) + b']);'
    f.s_(W.http_resp(200, js, 'application/javascript'))
    f.close()
    return C.neg('JavaScript bundle fetched through CONNECT')


def mid_download(k):
    f = k.tcp(80, handshake=False)
    for _ in range(4):
        f.s_(bytes(k.rng.getrandbits(8) for _ in range(1380)), think=0.002)
    f.cut()
    return C.neg('mid-stream: the middle of an image download')


def half_server_news(k):
    import flowtexts as T
    lang = k.pick(sorted(T.NEWS))
    heads, lead = T.NEWS[lang]
    f = k.tcp(80, half='server')
    f.c_(W.http_req('GET', '/', 'news.example.com', [C.ua(k)]), think=0.01)
    html = '<!doctype html><html lang="%s"><head><title>%s</title></head><body><nav><a href="/">Home</a></nav><main>%s' \
           '<article><p>%s</p></article></main></body></html>' % (
               lang, heads[0], ''.join('<h2><a href="/a/%d">%s</a></h2>' % (i, h) for i, h in enumerate(heads)), lead)
    f.s_(W.http_resp(200, html.encode(), 'text/html; charset=utf-8'))
    f.close()
    return C.neg('only the server\'s half: a news front page', lang)


def half_client_beacon(k):
    f = k.tcp(80, half='client')
    for ev in ['page_view', 'chat_opened', 'scroll_depth']:
        f.c_(W.http_req('GET', '/collect?v=2&tid=G-%s&en=%s&dl=%s&sr=1920x1080' % (k.hexid(8).upper(), ev,
                                                                                W.urlenc('https://app.example.com/inbox')),
                        'stats.example.com', [C.ua(k)]), think=k.human(1, 10))
        f.s_(W.http_resp(204))
    f.close()
    return C.neg('only the client\'s half: analytics beacons')


def mid_pop3_list(k):
    f = k.tcp(110, handshake=False)
    f.c_(b'LIST\r\n', think=0.01)
    f.s_(b'+OK 4 messages:\r\n1 1204\r\n2 3381\r\n3 822\r\n4 19110\r\n.\r\n')
    f.c_(b'UIDL\r\n', think=0.003)
    f.s_(b'+OK\r\n' + b''.join(b'%d %s\r\n' % (i + 1, k.hexid(16).encode()) for i in range(4)) + b'.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK Bye\r\n')
    f.close()
    return C.neg('mid-stream POP3 listing without RETR')


# ---------------------------------------------------------------- device as server
def home_pop3(k):
    f = k.tcp(110, device_server=True)
    C.pop3_session(k, f, [C.make_mail(k)[0] for _ in range(k.rng.randrange(1, 3))])
    f.close()
    return C.pos('to_server', 'home POP3 server hands mail to an outside client')


def home_imap(k):
    f = k.tcp(143, device_server=True)
    C.imap_fetch_session(k, f, [C.make_mail(k)[0]], item=k.pick(['BODY[]', 'UID']))
    f.close()
    return C.pos('to_server', 'home IMAP server, FETCH by an outside client')


def home_http_history(k):
    f = k.tcp(k.pick([80, 8080, 8065]), device_server=True)
    recv = k.var % 3 == 2
    if recv:
        text = k.line()
        f.c_(W.http_req('POST', '/api/v4/posts', 'home.example.net', [C.ua(k), 'Authorization: Bearer ' + k.hexid(26)],
                        W.jdump({'channel_id': k.hexid(26), 'message': text}), 'application/json'), think=0.01)
        f.s_(W.http_resp(201, W.jdump({'id': k.hexid(26), 'create_at': k.epoch_ms(f)})))
        f.close()
        return C.pos('to_client', 'outside client posts a message to a home chat server')
    recs = [{'user_id': k.hexid(10), 'message': t, 'create_at': k.epoch_ms(f)} for t in k.lines(k.rng.randrange(2, 5))]
    f.c_(W.http_req('GET', '/api/v4/channels/%s/posts?page=0&per_page=30' % k.hexid(26), 'home.example.net', [C.ua(k)]),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'order': [k.hexid(8) for _ in recs], 'posts': recs})))
    f.close()
    return C.pos('to_server', 'home chat server returns message history to an outside client')


def home_smtp_in(k):
    f = k.tcp(25, device_server=True)
    msg, frm, to = C.make_mail(k)
    C.smtp_session(k, f, msg, frm, [to], port_name='mx.home.example', ehlo_host='out.example.org')
    f.close()
    return C.pos('to_client', 'an outside MTA delivers mail to a home SMTP server')


def home_bouncer(k):
    f = k.tcp(k.pick([6697, 6667, 7000]), device_server=True)
    nick, other = k.handles2()
    C.irc_login(k, f, nick, server='znc.home.example')
    chan = '#' + k.pick(['family', 'club'])
    f.s_(b':***!znc@znc.in PRIVMSG %s :Buffer Playback...\r\n' % chan.encode())
    for text in k.lines(k.rng.randrange(2, 4)):
        f.s_(b'@time=%s :%s!~%s@192.0.2.77 PRIVMSG %s :%s\r\n' % (k.iso(f).encode(), other.encode(), other.encode(),
                                                                   chan.encode(), text.encode()), think=0.001)
    f.s_(b':***!znc@znc.in PRIVMSG %s :Playback Complete.\r\n' % chan.encode())
    f.close()
    return C.pos('to_server', 'home IRC bouncer plays back the buffer to an outside client')


def home_xmpp(k):
    f = k.tcp(5222, device_server=True)
    me, peer = k.handles2()
    C.xmpp_login(k, f, me, domain='home.example')
    for text in k.lines(k.rng.randrange(1, 3)):
        f.s_(C.xmpp_message(k, '%s@home.example/tablet' % peer, '%s@home.example/phone' % me, text), think=k.human())
    f.close()
    return C.pos('to_server', 'home XMPP server delivers messages to an outside client')


def home_ws(k):
    f = k.tcp(8080, device_server=True)
    req, resp = W.ws_upgrade('/socket', 'home.example.net', k.rng)
    f.c_(req, think=0.01)
    f.s_(resp)
    for text in k.lines(k.rng.randrange(2, 4)):
        f.s_(W.ws_frame(W.jdump({'event': 'posted', 'data': {'message': text}})), think=k.human())
    f.close()
    return C.pos('to_server', 'home chat server pushes messages over WebSocket to an outside browser')


def home_mqtt(k):
    f = k.tcp(1883, device_server=True)
    f.c_(C.mqtt_connect('phone-%s' % k.hexid(6), k.handle()), think=0.01)
    f.s_(C.MQTT_CONNACK)
    f.c_(C.mqtt_subscribe('family/chat/#'), think=0.003)
    f.s_(C.mqtt_suback())
    for text in k.lines(k.rng.randrange(1, 3)):
        f.s_(C.mqtt_publish('family/chat/%s' % k.handle(), text.encode()), think=k.human())
    f.close()
    return C.pos('to_server', 'home MQTT broker publishes chat to an outside subscriber')


def home_status(k):
    f = k.tcp(80, device_server=True)
    f.c_(W.http_req('GET', '/status.php', 'cloud.home.example', [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'installed': True, 'maintenance': False, 'needsDbUpgrade': False,
                                   'version': '28.0.4.1', 'versionstring': '28.0.4', 'edition': '', 'productname': 'Nextcloud'})))
    f.c_(W.http_req('PROPFIND', '/remote.php/dav/files/%s/' % k.handle(), 'cloud.home.example', [C.ua(k), 'Depth: 1']),
         think=0.3)
    f.s_(W.http_resp(207, b'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">' + b''.join(
        b'<d:response><d:href>/remote.php/dav/files/u/%s</d:href></d:response>' % n
        for n in [b'Photos/', b'Documents/', b'Notes.md', b'budget-2025.ods']) + b'</d:multistatus>', 'application/xml'))
    f.close()
    return C.neg('home cloud status and a directory listing to an outside client')


def home_pop3_stat(k):
    f = k.tcp(110, device_server=True)
    C.pop3_session(k, f, [b'x' * 3000], retr=False)
    f.close()
    return C.neg('home POP3 server: login and STAT only')


def home_camera(k):
    f = k.tcp(8081, device_server=True)
    f.c_(W.http_req('GET', '/snapshot.jpg', 'cam.home.example', [C.ua(k)]), think=0.01)
    jpg = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' + bytes(k.rng.getrandbits(8) for _ in range(6000)) + b'\xff\xd9'
    f.s_(W.http_resp(200, jpg, 'image/jpeg'))
    f.close()
    return C.neg('home camera snapshot')


def home_mqtt_telemetry(k):
    f = k.tcp(1883, device_server=True)
    f.c_(C.mqtt_connect('dash-%s' % k.hexid(6)), think=0.01)
    f.s_(C.MQTT_CONNACK)
    for _ in range(5):
        f.s_(C.mqtt_publish('home/solar/power', W.jdump({'w': k.rng.randrange(0, 4000), 'kwh_today': 7.3})), think=5)
    f.close()
    return C.neg('home MQTT broker publishes telemetry')


def home_ssh(k):
    f = k.tcp(22, device_server=True)
    f.c_(b'SSH-2.0-OpenSSH_9.6\r\n', think=0.01)
    f.s_(b'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')
    for _ in range(4):
        f.c_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(60, 500))), think=k.human(0.1, 2))
        f.s_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(60, 900))))
    f.close()
    return C.neg('SSH to a home server')


def socks_image(k):
    f = k.tcp(1080)
    _socks5(k, f, 'img.example.com', 80)
    f.c_(W.http_req('GET', '/avatars/%s.png' % k.hexid(12), 'img.example.com', [C.ua(k)]), think=0.005)
    f.s_(W.http_resp(200, b'\x89PNG\r\n\x1a\n' + bytes(k.rng.getrandbits(8) for _ in range(3000)), 'image/png'))
    f.close()
    return C.neg('avatar image fetched through SOCKS5')


def mid_tls(k):
    f = k.tcp(k.pick([443, 5223, 993]), handshake=False)
    for _ in range(4):
        n = k.rng.randrange(60, 1300)
        f.c_(b'\x17\x03\x03' + struct.pack('!H', n) + bytes(k.rng.getrandbits(8) for _ in range(n)), think=k.human(0.3, 10))
        n = k.rng.randrange(60, 1300)
        f.s_(b'\x17\x03\x03' + struct.pack('!H', n) + bytes(k.rng.getrandbits(8) for _ in range(n)))
    f.cut()
    return C.neg('mid-stream TLS application data')


def tunnel_smtp_notice(k):
    f, how = _tunnel(k, 25, 'mail.example.org')
    msg = W.mail('Backup Daemon <root@nas.example.net>', 'admin@example.org', 'Backup report for nas',
                 'Backup job "nightly" finished at 03:12.\nFiles: 18211 (2.3 GB), errors: 0.\nNext run: 2025-03-04 02:00.\n',
                 k.rfc5322(), '%s@nas.example.net' % k.hexid(12), 'us-ascii', '7bit', ['Auto-Submitted: auto-generated'])
    C.smtp_session(k, f, msg, 'root@nas.example.net', ['admin@example.org'], ehlo_host='nas.example.net')
    f.close()
    return C.neg('program-written backup report mailed through %s' % how, 'en')


def mid_json_quotes(k):
    f = k.tcp(80, handshake=False)
    body = W.jdump({'quotes': [{'sym': s, 'bid': round(k.rng.uniform(10, 500), 2), 'ask': round(k.rng.uniform(10, 500), 2),
                                'ts': k.epoch_ms(f)} for s in ['EXA', 'MPLE', 'DOC', 'TEST', 'NETW', 'ORGX']]})
    f.s_(body[len(body) // 3:], think=0.01)
    f.cut()
    return C.neg('mid-stream JSON of stock quotes')


def half_client_get(k):
    f = k.tcp(80, half='client')
    for p in ['/', '/world', '/a/%d' % k.rng.randrange(1000), '/static/site.css']:
        f.c_(W.http_req('GET', p, 'news.example.com', [C.ua(k), 'Accept-Language: en-GB,en;q=0.9']), think=k.human(1, 15))
        f.s_(W.http_resp(200, b'<html></html>', 'text/html'))
    f.close()
    return C.neg('only the client\'s half: page requests')


def home_media(k):
    f = k.tcp(8096, device_server=True)
    f.c_(W.http_req('GET', '/Users/%s/Items?Recursive=true&IncludeItemTypes=Movie' % k.hexid(32), 'media.home.example',
                    [C.ua(k), 'X-Emby-Token: ' + k.hexid(32)]), think=0.01)
    items = [{'Name': n, 'ProductionYear': y, 'Overview': o} for n, y, o in [
        ('The Lighthouse Keeper', 2019, 'A retired sailor takes a job on a remote island and uncovers the history of the '
                                        'light and of the families who kept it.'),
        ('Salt and Stone', 2021, 'Three generations of a fishing family face the closure of their harbour.'),
        ('Night Train to Porto', 2016, 'A documentary following the last scheduled night train across the Iberian peninsula.')]]
    f.s_(W.http_resp(200, W.jdump({'Items': items, 'TotalRecordCount': len(items)})))
    f.close()
    return C.neg('home media server lists films with synopses', 'en')


def home_assistant(k):
    f = k.tcp(8123, device_server=True)
    f.c_(W.http_req('GET', '/api/states', 'ha.home.example', [C.ua(k), 'Authorization: Bearer ' + k.hexid(60)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump([{'entity_id': e, 'state': st, 'attributes': {'friendly_name': fn}} for e, st, fn in [
        ('light.kitchen', 'on', 'Kitchen Light'), ('sensor.outdoor_temperature', '7.4', 'Outdoor Temperature'),
        ('lock.front_door', 'locked', 'Front Door'), ('person.mira', 'home', 'Mira')]])))
    f.close()
    return C.neg('home automation states to an outside app')


def home_printer(k):
    f = k.tcp(631, device_server=True)
    ipp = b'\x02\x00\x00\x0b' + struct.pack('!I', 1) + b'\x01' + b'\x47\x00\x12attributes-charset\x00\x05utf-8' + b'\x03'
    f.c_(W.http_req('POST', '/ipp/print', 'printer.home.example', ['User-Agent: CUPS/2.4'], ipp, 'application/ipp'), think=0.01)
    attrs = b''.join(b'\x41' + struct.pack('!H', len(n)) + n + struct.pack('!H', len(v)) + v for n, v in [
        (b'printer-make-and-model', b'Example LaserJet 400 M401dn'), (b'printer-info', b'Office printer, 2nd floor'),
        (b'printer-state-message', b'Ready to print.')])
    f.s_(W.http_resp(200, b'\x02\x00\x00\x00' + struct.pack('!I', 1) + b'\x01\x04' + attrs + b'\x03', 'application/ipp'))
    f.close()
    return C.neg('IPP printer attributes from a home printer')


def socks4a_tls(k):
    f = k.tcp(1080)
    host = k.pick(['chat.example.com', 'api.example.net'])
    f.c_(b'\x04\x01' + struct.pack('!H', 443) + b'\0\0\0\x01' + b'user\0' + host.encode() + b'\0', think=0.01)
    f.s_(b'\x00\x5a' + struct.pack('!H', 443) + bytes([203, 0, 113, k.rng.randrange(2, 250)]))
    tls_exchange(k, f, host)
    f.close()
    return C.neg('TLS inside SOCKS4a')


def mid_http_headers(k):
    f = k.tcp(80, handshake=False)
    req = W.http_req('GET', '/inbox?page=2', 'mail.example.com', [C.ua(k), 'Cookie: sid=%s; theme=dark' % k.hexid(32),
                                                                  'Accept-Language: de-DE,de;q=0.9'])
    f.c_(req[req.index(b'\r\n') + 2:], think=0.01)
    f.s_(W.http_resp(204))
    f.close()
    return C.neg('mid-stream: request headers only')


def home_static(k):
    f = k.tcp(80, device_server=True)
    f.c_(W.http_req('GET', '/', k.pick(['192.0.2.10', 'home.example.net']), [C.ua(k)]), think=0.01)
    page = k.pick([b'<html><body><h1>It works!</h1><p>This is the default web page for this server.</p></body></html>',
                   b'<html><head><title>Router Login</title></head><body><form method="post" action="/login">'
                   b'<input name="username"><input type="password" name="password"><button>Log in</button></form></body></html>'])
    f.s_(W.http_resp(200, page, 'text/html'))
    f.close()
    return C.neg('home web server default / login page')


CASES = [
    (FAM_T, U, 'tunnel-smtp', tunnel_smtp, C.langs(5, 0)),
    (FAM_T, U, 'tunnel-pop3', tunnel_pop3, C.langs(4, 4)),
    (FAM_T, U, 'tunnel-irc', tunnel_irc, C.langs(3, 8)),
    (FAM_T, U, 'tunnel-xmpp', tunnel_xmpp, C.langs(3, 12)),
    (FAM_T, U, 'tunnel-http-chat', tunnel_http_chat, C.langs(3, 16)),
    (FAM_T, U, 'mid-retr', mid_retr, C.langs(4, 20)),
    (FAM_T, U, 'mid-json', mid_json, C.langs(5, 24) + ['ru']),
    (FAM_T, U, 'mid-irc', mid_irc, C.langs(3, 28)),
    (FAM_T, U, 'mid-smtp', mid_smtp, C.langs(3, 3)),
    (FAM_T, U, 'mid-imap', mid_imap, C.langs(3, 7)),
    (FAM_T, U, 'half-server', half_server, C.langs(6, 11)),
    (FAM_T, U, 'half-client', half_client, C.langs(6, 15)),
    (FAM_T, U, 'tunnel-tls', tunnel_tls, ['-'] * 6),
    (FAM_T, U, 'tunnel-download', tunnel_download, ['-'] * 3),
    (FAM_T, U, 'mid-download', mid_download, ['-'] * 3),
    (FAM_T, U, 'half-server-news', half_server_news, ['-'] * 3),
    (FAM_T, U, 'half-client-beacon', half_client_beacon, ['-'] * 3),
    (FAM_T, U, 'mid-pop3-list', mid_pop3_list, ['-'] * 3),
    (FAM_T, U, 'socks-image', socks_image, ['-'] * 2),
    (FAM_T, U, 'mid-tls', mid_tls, ['-'] * 3),
    (FAM_T, U, 'tunnel-smtp-notice', tunnel_smtp_notice, ['-'] * 3),
    (FAM_T, U, 'mid-json-quotes', mid_json_quotes, ['-'] * 2),
    (FAM_T, U, 'half-client-get', half_client_get, ['-'] * 2),
    (FAM_D, U, 'home-pop3', home_pop3, C.langs(4, 1)),
    (FAM_D, U, 'home-imap', home_imap, C.langs(4, 5)),
    (FAM_D, U, 'home-http-history', home_http_history, C.langs(6, 9)),
    (FAM_D, U, 'home-smtp-in', home_smtp_in, C.langs(4, 13)),
    (FAM_D, U, 'home-bouncer', home_bouncer, C.langs(3, 17)),
    (FAM_D, U, 'home-xmpp', home_xmpp, C.langs(3, 21)),
    (FAM_D, U, 'home-ws', home_ws, C.langs(3, 25)),
    (FAM_D, U, 'home-mqtt', home_mqtt, C.langs(3, 2)),
    (FAM_D, U, 'home-status', home_status, ['-'] * 4),
    (FAM_D, U, 'home-pop3-stat', home_pop3_stat, ['-'] * 4),
    (FAM_D, U, 'home-camera', home_camera, ['-'] * 3),
    (FAM_D, U, 'home-mqtt-telemetry', home_mqtt_telemetry, ['-'] * 3),
    (FAM_D, U, 'home-ssh', home_ssh, ['-'] * 3),
    (FAM_D, U, 'home-media', home_media, ['-'] * 3),
    (FAM_D, U, 'home-assistant', home_assistant, ['-'] * 2),
    (FAM_D, U, 'home-printer', home_printer, ['-'] * 2),
    (FAM_D, U, 'home-static', home_static, ['-'] * 4),
    (FAM_T, U, 'socks4a-tls', socks4a_tls, ['-'] * 3),
    (FAM_T, U, 'mid-http-headers', mid_http_headers, ['-'] * 3),
]
