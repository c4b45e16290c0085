# cases_familiar: the shapes every message detector is expected to know: HTTP/JSON chat APIs whose
# records name sender, recipient and time; WebSocket chat; SMTP, POP3, IMAP; IRC PRIVMSG; XMPP
# <body>; MQTT chat. Plus negatives in the same protocols (no message content).
import gzip
import zlib

import caselib as C
import flowtexts as T
import flowwire as W

FAM = 'familiar'


def http_json_send(k):
    host = k.host()
    f = k.tcp(k.pick([80, 80, 8080, 8000]))
    style = k.var % 4
    me, peer = k.names2()
    path = ['/api/v1/messages', '/v2/chat/send', '/conversations/%s/messages' % k.hexid(6), '/api/msg'][style]
    esc = k.var % 3 == 2
    n = k.rng.randrange(1, 4)
    for i, text in enumerate(k.lines(n) if k.var % 5 else [k.longmsg(3)]):
        body = W.jdump(C.chat_record(k, style, text, me, peer, f), esc)
        f.c_(W.http_req('POST', path, host, [C.ua(k), 'Accept: application/json', 'Authorization: Bearer ' + k.hexid(40)],
                        body, 'application/json; charset=utf-8'), think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(201, W.jdump({'id': k.uuid(), 'status': 'sent'})))
    f.close()
    return C.pos('to_server', 'POST %s, record style %d, %d message(s)%s' % (path, style, n, ', \\u escapes' if esc else ''))


def http_json_inbox(k):
    host = k.host()
    f = k.tcp(80)
    me = k.name()
    recs = []
    for text in k.lines(k.rng.randrange(2, 6)):
        recs.append(C.chat_record(k, k.var % 4, text, k.name(), me, f))
    body = W.jdump({'messages': recs, 'next': k.hexid(10)}, k.var % 2 == 1)
    f.c_(W.http_req('GET', '/api/v1/inbox?since=%d' % (k.epoch_ms(f) - 3600000), host,
                    [C.ua(k), 'Accept: application/json', 'Accept-Encoding: gzip', 'Cookie: sid=' + k.hexid(24)]),
         think=0.01)
    if k.var % 3 == 0:
        f.s_(W.http_resp(200, gzip.compress(body, mtime=0), 'application/json', ['Content-Encoding: gzip']))
        note = 'gzip'
    else:
        f.s_(W.http_resp(200, body, 'application/json; charset=utf-8', chunked=k.var % 3 == 1))
        note = 'chunked' if k.var % 3 == 1 else 'plain'
    f.close()
    return C.pos('to_client', 'GET inbox, %d records, %s' % (len(recs), note))


def websocket_chat(k):
    host = k.host()
    f = k.tcp(k.pick([80, 8080, 3000]))
    mode = k.var % 3           # 0 device sends, 1 device receives, 2 both
    deflate = k.var % 4 == 3
    req, resp = W.ws_upgrade('/ws/chat?room=%s' % k.hexid(4), host, k.rng,
                             extra=['Sec-WebSocket-Extensions: permessage-deflate'] if deflate else [])
    if deflate:
        resp = resp.replace(b'\r\n\r\n', b'\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n')
    f.c_(req, think=0.01)
    f.s_(resp)
    me, peer = k.names2()

    def frame(obj, masked):
        data = W.jdump(obj)
        mask = bytes(k.rng.getrandbits(8) for _ in range(4)) if masked else None
        if deflate:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = co.compress(data) + co.flush(zlib.Z_SYNC_FLUSH)
            data = data[:-4]
            fr = W.ws_frame(data, 1, mask)
            return bytes([fr[0] | 0x40]) + fr[1:]
        return W.ws_frame(data, 1, mask)
    for text in k.lines(k.rng.randrange(2, 5)):
        sender_is_me = mode == 0 or (mode == 2 and k.rng.random() < 0.5)
        rec = {'type': 'message', 'from': me if sender_is_me else peer, 'to': peer if sender_is_me else me,
               'ts': k.epoch_ms(f), 'text': text}
        if sender_is_me:
            f.c_(frame(rec, True), think=k.human())
            f.s_(frame({'type': 'ack', 'id': k.hexid(8)}, False))
        else:
            f.s_(frame(rec, False), think=k.human())
    f.close()
    d = ['to_server', 'to_client', '-'][mode]
    return C.pos(d, 'WebSocket JSON chat%s, %s' % (' permessage-deflate' if deflate else '',
                                                   ['device sends', 'device receives', 'both'][mode]))


def smtp_send(k):
    port = k.pick([25, 587, 2525])
    f = k.tcp(port)
    kind = k.var % 4
    charset = C.LEGACY_CHARSET.get(k.lang) if kind == 3 else 'utf-8'
    cte = ['8bit', 'quoted-printable', 'base64', None][kind]
    msg, frm, to = C.make_mail(k, cte=cte or ('8bit' if charset != 'iso-2022-jp' else '7bit'), charset=charset)
    C.smtp_session(k, f, msg, frm, [to], auth=port == 587)
    f.close()
    return C.pos('to_server', 'SMTP port %d, %s %s' % (port, charset, cte or 'legacy'))


def pop3_retr(k):
    f = k.tcp(110)
    msgs = [C.make_mail(k)[0] for _ in range(k.rng.randrange(1, 3))]
    C.pop3_session(k, f, msgs)
    f.close()
    return C.pos('to_client', 'POP3 RETR of %d mail(s)' % len(msgs))


def imap_fetch(k):
    f = k.tcp(143)
    msgs = [C.make_mail(k)[0]]
    item = ['BODY[]', 'UID', 'BODY.PEEK[TEXT]'][k.var % 3]
    if item == 'BODY.PEEK[TEXT]':
        msgs = [m.split(b'\r\n\r\n', 1)[1] for m in msgs]
    C.imap_fetch_session(k, f, msgs, item=item)
    f.close()
    return C.pos('to_client', 'IMAP FETCH %s' % item)


def imap_append(k):
    f = k.tcp(143)
    msg = C.make_mail(k)[0]
    f.s_(b'* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] ready.\r\n')
    f.c_(b'a1 LOGIN %s "%s"\r\n' % (k.handle().encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'a1 OK Logged in\r\n')
    f.c_(b'a2 APPEND Sent (\\Seen) {%d}\r\n' % len(msg), think=0.003)
    f.s_(b'+ OK\r\n')
    f.c_(msg + b'\r\n', think=0.001)
    f.s_(b'a2 OK [APPENDUID 1712345678 812] Append completed.\r\n')
    f.c_(b'a3 LOGOUT\r\n', think=0.003)
    f.s_(b'* BYE\r\na3 OK Logout completed.\r\n')
    f.close()
    return C.pos('to_server', 'IMAP APPEND to Sent')


def irc_privmsg(k):
    f = k.tcp(6667)
    nick, other = k.handles2()
    chan = '#' + k.pick(['lounge', 'family', 'climbing', 'ops-chat', 'bookclub'])
    C.irc_login(k, f, nick)
    C.irc_join(k, f, nick, chan, [other, 'ChanServ'])
    mode = k.var % 3
    for text in k.lines(k.rng.randrange(2, 5)):
        mine = mode == 0 or (mode == 2 and k.rng.random() < 0.5)
        target = chan if k.rng.random() < 0.7 else (other if mine else nick)
        if mine:
            f.c_(b'PRIVMSG %s :%s\r\n' % (target.encode(), text.encode()), think=k.human())
        else:
            f.s_(b':%s!~%s@203.0.113.9 PRIVMSG %s :%s\r\n' % (other.encode(), other.encode(), target.encode(),
                                                              text.encode()), think=k.human())
    f.s_(b'PING :irc.example.net\r\n', think=5)
    f.c_(b'PONG :irc.example.net\r\n', think=0.001)
    f.close()
    return C.pos(['to_server', 'to_client', '-'][mode], 'IRC PRIVMSG, %s' % ['device sends', 'device receives', 'both'][mode])


def xmpp_chat(k):
    f = k.tcp(5222)
    me, peer = k.handles2()
    C.xmpp_login(k, f, me)
    mode = k.var % 3
    for text in k.lines(k.rng.randrange(1, 4)):
        mine = mode == 0 or (mode == 2 and k.rng.random() < 0.5)
        if mine:
            f.c_(C.xmpp_message(k, '%s@example.net/phone' % me, '%s@example.org' % peer, text), think=k.human())
        else:
            f.s_(C.xmpp_message(k, '%s@example.org/desktop' % peer, '%s@example.net/phone' % me, text), think=k.human())
    f.c_(b'</stream:stream>', think=2)
    f.s_(b'</stream:stream>')
    f.close()
    return C.pos(['to_server', 'to_client', '-'][mode], 'XMPP <message><body>, %s' % ['sends', 'receives', 'both'][mode])


def mqtt_chat(k):
    f = k.tcp(1883)
    me, peer = k.handles2()
    room = k.pick(['family', 'team-7', 'house', 'friends'])
    f.c_(C.mqtt_connect('chat-%s' % k.hexid(6), me), think=0.01)
    f.s_(C.MQTT_CONNACK)
    f.c_(C.mqtt_subscribe('chat/%s/#' % room, 1), think=0.002)
    f.s_(C.mqtt_suback(1))
    mode = k.var % 2
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        rec = {'from': me if mode == 0 else peer, 'to': room, 'ts': k.epoch_ms(f) // 1000, 'text': text}
        payload = W.jdump(rec) if k.var % 4 < 2 else text.encode()
        topic = 'chat/%s/%s' % (room, rec['from'])
        if mode == 0:
            f.c_(C.mqtt_publish(topic, payload, 1, 10 + i), think=k.human())
            f.s_(C.mqtt_puback(10 + i))
        else:
            f.s_(C.mqtt_publish(topic, payload), think=k.human())
    f.c_(b'\xe0\x00', think=1)
    f.close()
    return C.pos(['to_server', 'to_client'][mode], 'MQTT PUBLISH chat, %s payload' % ('JSON' if k.var % 4 < 2 else 'text'))


# ---------------------------------------------------------------- negatives in familiar protocols
def irc_idle(k):
    f = k.tcp(6667)
    nick, other = k.handles2()
    C.irc_login(k, f, nick)
    C.irc_join(k, f, nick, '#' + k.pick(['lounge', 'debian', 'retro']), [other, 'bot'])
    f.c_(b'MODE #lounge\r\n', think=1)
    f.s_(b':irc.example.net 324 %s #lounge +nt\r\n' % nick.encode())
    for _ in range(3):
        f.s_(b'PING :irc.example.net\r\n', think=k.rng.uniform(30, 60))
        f.c_(b'PONG :irc.example.net\r\n', think=0.001)
    f.close()
    return C.neg('IRC registration, JOIN, PING/PONG only')


def xmpp_presence(k):
    f = k.tcp(5222)
    me, peer = k.handles2()
    C.xmpp_login(k, f, me)
    f.c_(b"<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>", think=0.01)
    f.s_(("<iq type='result' id='r1'><query xmlns='jabber:iq:roster'><item jid='%s@example.org' name='%s' "
          "subscription='both'><group>Friends</group></item></query></iq>" % (peer, peer)).encode())
    f.s_(("<presence from='%s@example.org/desktop'><show>away</show><priority>5</priority></presence>" % peer).encode())
    for i in range(3):
        f.c_(b"<iq type='get' id='p%d'><ping xmlns='urn:xmpp:ping'/></iq>" % i, think=30)
        f.s_(b"<iq type='result' id='p%d'/>" % i)
    f.close()
    return C.neg('XMPP login, roster, presence, pings')


def mqtt_telemetry(k):
    f = k.tcp(1883)
    f.c_(C.mqtt_connect('sensor-%s' % k.hexid(6)), think=0.01)
    f.s_(C.MQTT_CONNACK)
    room = k.pick(['kitchen', 'garage', 'attic'])
    for i in range(6):
        payload = W.jdump({'t': round(k.rng.uniform(17, 24), 2), 'rh': k.rng.randrange(30, 60),
                           'bat': 3.1, 'ts': k.epoch_ms(f) // 1000})
        f.c_(C.mqtt_publish('home/%s/climate' % room, payload), think=10)
    f.c_(b'\xc0\x00', think=5)
    f.s_(b'\xd0\x00')
    f.close()
    return C.neg('MQTT sensor telemetry')


def http_json_api(k):
    host = k.host('api', 'example.com')
    f = k.tcp(80)
    if k.var % 2:
        f.c_(W.http_req('GET', '/v1/forecast?lat=48.14&lon=11.58&days=3', host, [C.ua(k)]), think=0.01)
        days = [{'date': '2025-03-0%d' % (i + 4), 'tmin': k.rng.randrange(-2, 6), 'tmax': k.rng.randrange(8, 16),
                 'precip_mm': round(k.rng.uniform(0, 4), 1), 'wind_kmh': k.rng.randrange(5, 30)} for i in range(3)]
        f.s_(W.http_resp(200, W.jdump({'location': {'lat': 48.14, 'lon': 11.58}, 'daily': days})))
    else:
        f.c_(W.http_req('PATCH', '/api/me/settings', host, [C.ua(k)],
                        W.jdump({'theme': 'dark', 'notifications': {'email': False, 'push': True},
                                 'locale': 'en-GB', 'timezone': 'Europe/London'}), 'application/json'), think=0.01)
        f.s_(W.http_resp(200, W.jdump({'ok': True, 'updated_at': k.iso(f)})))
    f.close()
    return C.neg('HTTP JSON API without message content')


def pop3_stat(k):
    f = k.tcp(110)
    C.pop3_session(k, f, [b'x' * 2400], retr=False)
    f.close()
    return C.neg('POP3 login, STAT, LIST, no RETR')


def imap_flags(k):
    f = k.tcp(143)
    C.imap_fetch_session(k, f, [b'', b''], fetch=False)
    f.close()
    return C.neg('IMAP FETCH of flags and sizes only')


def websocket_ticker(k):
    f = k.tcp(80)
    req, resp = W.ws_upgrade('/stream/ticker', k.host('stream', 'example.com'), k.rng)
    f.c_(req, think=0.01)
    f.s_(resp)
    f.c_(W.ws_frame(W.jdump({'op': 'subscribe', 'channels': ['ticker.EUR-USD', 'ticker.BTC-EUR']}), 1,
                    bytes(k.rng.getrandbits(8) for _ in range(4))), think=0.01)
    p = 61234.5
    for i in range(15):
        p += k.rng.uniform(-20, 20)
        f.s_(W.ws_frame(W.jdump({'ch': 'ticker.BTC-EUR', 'p': round(p, 2), 'v': round(k.rng.uniform(0, 3), 4),
                                 'ts': k.epoch_ms(f)})), think=0.5)
    f.close()
    return C.neg('WebSocket price ticker')


def http_receipts(k):
    f = k.tcp(80)
    me, peer = k.handles2()
    for i in range(k.rng.randrange(2, 4)):
        body = W.jdump({'from': me, 'to': peer, 'ts': k.epoch_ms(f), 'status': 'read',
                        'ids': [k.hexid(10) for _ in range(3)]})
        f.c_(W.http_req('POST', '/api/v1/messages/receipts', k.host(), [C.ua(k)], body, 'application/json'),
             think=0.01 if i == 0 else k.human())
        f.s_(W.http_resp(204))
    f.close()
    return C.neg('read receipts: from/to/ts records without text')


def mqtt_presence(k):
    f = k.tcp(1883)
    me = k.handle()
    f.c_(C.mqtt_connect('chat-%s' % k.hexid(6), me), think=0.01)
    f.s_(C.MQTT_CONNACK)
    for st in ['online', 'away', 'online']:
        f.c_(C.mqtt_publish('presence/%s' % me, W.jdump({'user': me, 'status': st, 'last_seen': k.epoch_ms(f)})),
             think=k.human(20, 60))
    f.close()
    return C.neg('MQTT chat presence records')


def irc_services(k):
    f = k.tcp(6667)
    nick = k.handle()
    C.irc_login(k, f, nick)
    f.s_((':NickServ!NickServ@services.example.net NOTICE %s :This nickname is registered. Please choose a different '
          'nickname, or identify via /msg NickServ IDENTIFY <password>.\r\n' % nick).encode())
    f.c_(b'PRIVMSG NickServ :IDENTIFY %s\r\n' % k.hexid(10).encode(), think=k.human(3, 8))
    f.s_((':NickServ!NickServ@services.example.net NOTICE %s :You are now identified for %s.\r\n' % (nick, nick)).encode())
    f.s_((':ChanServ!ChanServ@services.example.net NOTICE %s :[#help] Welcome! Please read the channel rules at '
          'https://example.net/rules before asking.\r\n' % nick).encode(), think=1)
    f.close()
    return C.neg('IRC services NOTICEs written by programs, an IDENTIFY command', 'en')


def mqtt_discovery(k):
    f = k.tcp(1883)
    f.c_(C.mqtt_connect('bridge-%s' % k.hexid(6)), think=0.01)
    f.s_(C.MQTT_CONNACK)
    for name, dev in [('Kitchen Light', 'light'), ('Hallway Motion', 'binary_sensor'), ('Living Room Temperature', 'sensor')]:
        uid = k.hexid(8)
        f.c_(C.mqtt_publish('homeassistant/%s/%s/config' % (dev, uid), W.jdump(
            {'name': name, 'unique_id': uid, 'state_topic': 'zigbee/%s/state' % uid, 'device': {'manufacturer': 'Example',
                                                                                                 'model': 'ZB-%d' % k.rng.randrange(100, 999)}})),
             think=0.05)
    f.close()
    return C.neg('MQTT discovery configuration records')


def xmpp_vcard(k):
    f = k.tcp(5222)
    me, peer = k.handles2()
    C.xmpp_login(k, f, me)
    f.c_(("<iq type='get' to='%s@example.org' id='v1'><vCard xmlns='vcard-temp'/></iq>" % peer).encode(), think=0.2)
    f.s_(("<iq type='result' from='%s@example.org' id='v1'><vCard xmlns='vcard-temp'><FN>%s</FN><NICKNAME>%s</NICKNAME>"
          "<ORG><ORGNAME>Example Ltd</ORGNAME></ORG><TITLE>Engineer</TITLE></vCard></iq>" % (peer, k.name('en'), peer)).encode())
    f.c_(b"<iq type='get' to='example.net' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", think=0.1)
    f.s_(b"<iq type='result' from='example.net' id='d1'><query xmlns='http://jabber.org/protocol/disco#info'>"
         b"<identity category='server' type='im' name='Prosody'/><feature var='urn:xmpp:mam:2'/></query></iq>")
    f.close()
    return C.neg('XMPP vCard and service discovery')


def http_contacts(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/v1/contacts?limit=50', k.host(), [C.ua(k), 'Authorization: Bearer ' + k.hexid(40)]), think=0.01)
    lg = k.pick(['en', 'de', 'ja', 'ar', 'ru'])
    f.s_(W.http_resp(200, W.jdump({'contacts': [{'id': k.hexid(8), 'name': n, 'handle': '@' + k.handle(), 'online': k.rng.random() < 0.5,
                                                 'last_seen': k.iso(f)} for n in T.NAMES[lg]]})))
    f.close()
    return C.neg('contact list of a chat app (names, presence)')


def smtp_probe(k):
    f = k.tcp(25)
    f.s_(b'220 mx.example.net ESMTP ready\r\n')
    f.c_(b'EHLO monitor.example.com\r\n', think=0.002)
    f.s_(b'250-mx.example.net\r\n250-SIZE 35882577\r\n250 8BITMIME\r\n')
    f.c_(b'NOOP\r\n', think=0.002)
    f.s_(b'250 2.0.0 Ok\r\n')
    f.c_(b'QUIT\r\n', think=0.002)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.neg('SMTP availability probe without a mail')


def smtp_long_letter(k):
    f = k.tcp(k.pick([25, 587]))
    fn, tn = k.names2()
    g, c = T.GREET[k.lang]
    paras = T.LETTERS[k.lang]
    body = g.format(n=tn) + '\n\n' + '\n\n'.join(paras) + '\n\n' + c.format(n=fn) + '\n'
    frm, to = '%s@example.net' % k.handle(), '%s@example.org' % k.handle()
    msg = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), k.subject(), body, k.rfc5322(),
                 '%s@example.net' % k.hexid(16), 'utf-8', ['8bit', 'quoted-printable', 'base64'][k.var % 3])
    C.smtp_session(k, f, msg, frm, [to], auth=f.s.port == 587)
    f.close()
    return C.pos('to_server', 'a long personal letter (%d paragraphs) by SMTP' % len(paras))


def smtp_bdat(k):
    f = k.tcp(587)
    msg, frm, to = C.make_mail(k, cte='8bit')
    f.s_(b'220 smtp.example.net ESMTP\r\n')
    f.c_(b'EHLO laptop.home.arpa\r\n', think=0.002)
    f.s_(b'250-smtp.example.net\r\n250-CHUNKING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n')
    f.c_(b'MAIL FROM:<%s>\r\n' % frm.encode(), think=0.002)
    f.s_(b'250 2.1.0 Ok\r\n')
    f.c_(b'RCPT TO:<%s>\r\n' % to.encode(), think=0.002)
    f.s_(b'250 2.1.5 Ok\r\n')
    half = len(msg) // 2
    f.c_(b'BDAT %d\r\n' % half + msg[:half], think=0.002)
    f.s_(b'250 2.0.0 %d octets received\r\n' % half)
    f.c_(b'BDAT %d LAST\r\n' % (len(msg) - half) + msg[half:], think=0.002)
    f.s_(b'250 2.0.0 Ok: queued\r\n')
    f.c_(b'QUIT\r\n', think=0.002)
    f.s_(b'221 2.0.0 Bye\r\n')
    f.close()
    return C.pos('to_server', 'SMTP CHUNKING (BDAT instead of DATA)')


def pop3_top(k):
    f = k.tcp(110)
    msg = C.make_mail(k, cte='8bit')[0]
    head, body = msg.split(b'\r\n\r\n', 1)
    f.s_(b'+OK ready\r\n')
    f.c_(b'USER %s\r\n' % k.handle().encode(), think=0.01)
    f.s_(b'+OK\r\n')
    f.c_(b'PASS %s\r\n' % k.hexid(10).encode(), think=0.002)
    f.s_(b'+OK\r\n')
    f.c_(b'TOP 7 10\r\n', think=0.002)
    f.s_(b'+OK\r\n' + head + b'\r\n\r\n' + b'\r\n'.join(body.split(b'\r\n')[:10]) + b'\r\n.\r\n')
    f.c_(b'QUIT\r\n', think=0.002)
    f.s_(b'+OK\r\n')
    f.close()
    return C.pos('to_client', 'POP3 TOP (headers and the first lines of the body)')


def _bosh(k, rid, inner=b''):
    return (b"<body rid='%d' sid='%s' xmlns='http://jabber.org/protocol/httpbind'>" % (rid, k.hexid(16).encode()) + inner +
            b"</body>")


def xmpp_bosh(k):
    f = k.tcp(5280)
    me, peer = k.handles2()
    rid = k.rng.randrange(10 ** 6, 10 ** 7)
    host = k.host('xmpp', 'example.net')
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 3)):
        rid += 1
        if recv:
            f.c_(W.http_req('POST', '/http-bind', host, [C.ua(k)], _bosh(k, rid), 'text/xml; charset=utf-8'), think=0.05)
            st = C.xmpp_message(k, '%s@example.org/pc' % peer, '%s@example.net/web' % me, text)
            f.s_(W.http_resp(200, b"<body xmlns='http://jabber.org/protocol/httpbind'>" + st + b'</body>', 'text/xml'),
                 think=k.human())
        else:
            st = C.xmpp_message(k, '%s@example.net/web' % me, '%s@example.org' % peer, text)
            f.c_(W.http_req('POST', '/http-bind', host, [C.ua(k)], _bosh(k, rid, st), 'text/xml; charset=utf-8'), think=k.human())
            f.s_(W.http_resp(200, b"<body xmlns='http://jabber.org/protocol/httpbind'/>", 'text/xml'))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'XMPP over BOSH (HTTP long-poll <body> wrapper)')


def mqtt_ws(k):
    f = k.tcp(k.pick([8083, 9001, 80]))
    req, resp = W.ws_upgrade('/mqtt', k.host(), k.rng, 'mqtt')
    f.c_(req, think=0.01)
    f.s_(resp)
    m = lambda: bytes(k.rng.getrandbits(8) for _ in range(4))  # noqa: E731
    me = k.handle()
    f.c_(W.ws_frame(C.mqtt_connect('web-%s' % k.hexid(6), me), 2, m()), think=0.003)
    f.s_(W.ws_frame(C.MQTT_CONNACK, 2))
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        rec = W.jdump({'from': me, 'to': 'family', 'ts': k.epoch_ms(f) // 1000, 'text': text})
        f.c_(W.ws_frame(C.mqtt_publish('chat/family/%s' % me, rec, 1, i + 1), 2, m()), think=k.human())
        f.s_(W.ws_frame(C.mqtt_puback(i + 1), 2))
    f.close()
    return C.pos('to_server', 'MQTT over WebSocket (binary frames), chat JSON')


def bosh_poll(k):
    f = k.tcp(5280)
    rid = k.rng.randrange(10 ** 6, 10 ** 7)
    for i in range(4):
        f.c_(W.http_req('POST', '/http-bind', k.host('xmpp', 'example.net'), [C.ua(k)], _bosh(k, rid + i), 'text/xml'), think=0.05)
        f.s_(W.http_resp(200, b"<body xmlns='http://jabber.org/protocol/httpbind'/>", 'text/xml'), think=30)
    f.close()
    return C.neg('empty BOSH polls')


def mqtt_ws_telemetry(k):
    f = k.tcp(9001)
    req, resp = W.ws_upgrade('/mqtt', k.host(), k.rng, 'mqtt')
    f.c_(req, think=0.01)
    f.s_(resp)
    f.c_(W.ws_frame(C.mqtt_connect('dash-%s' % k.hexid(6)), 2, bytes(4)), think=0.003)
    f.s_(W.ws_frame(C.MQTT_CONNACK, 2))
    for _ in range(5):
        f.s_(W.ws_frame(C.mqtt_publish('home/energy', W.jdump({'w': k.rng.randrange(4000), 'v': 230.1})), 2), think=5)
    f.close()
    return C.neg('MQTT over WebSocket telemetry')


CASES = [
    (FAM, 'familiar', 'http-json-send', http_json_send, C.langs(10, 0)),
    (FAM, 'familiar', 'http-json-inbox', http_json_inbox, C.langs(6, 3)),
    (FAM, 'familiar', 'websocket-chat', websocket_chat, C.langs(8, 5)),
    (FAM, 'familiar', 'smtp-send', smtp_send, C.langs(10, 7)),
    (FAM, 'familiar', 'pop3-retr', pop3_retr, C.langs(6, 9)),
    (FAM, 'familiar', 'imap-fetch', imap_fetch, C.langs(6, 13)),
    (FAM, 'familiar', 'imap-append', imap_append, C.langs(3, 17)),
    (FAM, 'familiar', 'irc-privmsg', irc_privmsg, C.langs(6, 19)),
    (FAM, 'familiar', 'xmpp-chat', xmpp_chat, C.langs(6, 23)),
    (FAM, 'familiar', 'mqtt-chat', mqtt_chat, C.langs(6, 27)),
    (FAM, 'familiar', 'irc-idle', irc_idle, ['-'] * 7),
    (FAM, 'familiar', 'xmpp-presence', xmpp_presence, ['-'] * 7),
    (FAM, 'familiar', 'mqtt-telemetry', mqtt_telemetry, ['-'] * 6),
    (FAM, 'familiar', 'http-json-api', http_json_api, ['-'] * 10),
    (FAM, 'familiar', 'pop3-stat', pop3_stat, ['-'] * 5),
    (FAM, 'familiar', 'imap-flags', imap_flags, ['-'] * 5),
    (FAM, 'familiar', 'websocket-ticker', websocket_ticker, ['-'] * 5),
    (FAM, 'familiar', 'http-receipts', http_receipts, ['-'] * 6),
    (FAM, 'familiar', 'mqtt-presence', mqtt_presence, ['-'] * 4),
    (FAM, 'familiar', 'irc-services', irc_services, ['-'] * 4),
    (FAM, 'familiar', 'mqtt-discovery', mqtt_discovery, ['-'] * 3),
    (FAM, 'familiar', 'xmpp-vcard', xmpp_vcard, ['-'] * 3),
    (FAM, 'familiar', 'http-contacts', http_contacts, ['-'] * 4),
    (FAM, 'familiar', 'smtp-probe', smtp_probe, ['-'] * 3),
    (FAM, 'familiar', 'smtp-long-letter', smtp_long_letter, sorted(T.LETTERS)[:6]),
    (FAM, 'familiar', 'smtp-bdat', smtp_bdat, C.langs(4, 3)),
    (FAM, 'familiar', 'pop3-top', pop3_top, C.langs(4, 8)),
    (FAM, 'familiar', 'xmpp-bosh', xmpp_bosh, C.langs(4, 12)),
    (FAM, 'familiar', 'mqtt-ws', mqtt_ws, C.langs(4, 16)),
    (FAM, 'familiar', 'bosh-poll', bosh_poll, ['-'] * 3),
    (FAM, 'familiar', 'mqtt-ws-telemetry', mqtt_ws_telemetry, ['-'] * 3),
]
