# cases_wave4: the corpus's fourth wave, written after the first three had been scored (and partly
# tuned on), so that detection can again be measured on traffic nobody has seen. Same rules as the
# earlier waves (the contract's definition of a message, issue 9's classes, written without reading
# the detector and without seeing any detection result), shapes not in waves 1-3 and fresh texts
# (texts_wave4.py), its own capture files (wave4-*).
#   familiar: IRC over WebSocket (text.ircv3.net), XMPP over WebSocket (RFC 7395), SMTP replies in
#     format=flowed with quoted text, POP3 SASL AUTH and multipart/mixed mail with an attachment,
#     IMAP BINARY fetches (RFC 3516), MQTT QoS 2 publishes.
#   sender-outside: Nostr relay events, ActivityPub Create/Note deliveries, Mastodon-style status
#     forms, Matrix /sync timelines, Zulip-style message forms, batchexecute f.req positional
#     arrays, base64-wrapped JSON in a form field, deflate request bodies, HTML numeric character
#     references in a form, forms in legacy charsets, a person writing to an AI chat API.
#   binary-framing: Exchange ActiveSync WBXML (SendMail MIME opaque, Sync with a string table),
#     little-endian TLV with UTF-16LE text (no BOM), WAMP over WebSocket with MessagePack, a
#     gateway's zlib-stream compressed WebSocket frames, Source RCON, CoAP over TCP (RFC 8323),
#     Java object serialization.
#   datagram: MQTT-SN, SIP MESSAGE with multipart bodies, TFTP uploads of a chat log, zlib-
#     compressed game batches.
#   line-protocol: a Telnet BBS chat typed one character a packet with server echo, SMS by AT
#     commands over TCP (text mode, PDU mode UCS-2, +CMT), IRC DCC CHAT, NSQ.
#   tunnel-partial: HTTP/1.1 Upgrade to h2c, SOCKS5 with username/password and IPv6 or domain
#     targets, mid-stream MQTT, mid-stream chunked responses, PROXY protocol v1/v2 headers.
#   device-server: a home JMAP server, a home EWS endpoint, a home ActivityPub inbox, a home Nostr
#     relay.
#   hard-negative: WebVTT uploads, translation memories (TMX), ebook chapters, bot review
#     comments, machine-translation requests, CAP weather alerts, DNS TXT sentences, ManageSieve
#     vacation scripts, spam and calendar reminders by SMTP.
import base64
import struct
import zlib

import caselib as C
import flowwire as W
import texts_wave4 as X

WAVE = 4
U, F = 'unfamiliar', 'familiar'
NONE = ['-']


# ------------------------------------------------------------------------- texts
def rot(n, start, step=7):
    """n languages from the plan's rotation (step 7 is coprime to its 51 places: every one in turn)."""
    return [X.PLAN_ROTATION[(start + i * step) % len(X.PLAN_ROTATION)] for i in range(n)]


def lines(k, n, lang=None):
    lang = lang or k.lang
    pool = X.CHAT[lang]
    free = [i for i in range(len(pool)) if ('w4', lang, i) not in k._used_lines]
    if len(free) < n:
        free = list(range(len(pool)))
    idx = k.rng.sample(free, min(n, len(free)))
    for i in idx:
        k._used_lines.add(('w4', lang, i))
    return [pool[i] for i in idx]


def line(k, lang=None):
    return lines(k, 1, lang)[0]


def some(k, lo=1, hi=3):
    return lines(k, k.rng.randrange(lo, hi + 1))


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


def nick(k):
    return handle(k).replace('.', '_')


def mailbody(k, to_name, from_name, n=None, texts=None):
    g, c = X.GREET[k.lang]
    body = texts or lines(k, n or k.rng.randrange(2, 4))
    return g.format(n=to_name) + '\n\n' + '\n\n'.join(body) + '\n\n' + c.format(n=from_name) + '\n'


def utf8_mail(k, frm, to, fn, tn, extra=(), body=None, cte='8bit'):
    return W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), k.pick(X.SUBJECTS[k.lang]),
                  body or mailbody(k, tn, fn), k.rfc5322(), '%s@%s' % (k.hexid(16), frm.split('@')[1]), 'utf-8', cte,
                  list(extra))


def rnd(k, n):
    return bytes(k.rng.getrandbits(8) for _ in range(n))


def bearer(k):
    return 'Authorization: Bearer ' + base64.urlsafe_b64encode(k.hexid(40).encode()).decode().rstrip('=')


REASONS = {200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 101: 'Switching Protocols',
           207: 'Multi-Status'}


def resp(status, body=b'', ctype='application/json', headers=()):
    h = ['HTTP/1.1 %d %s' % (status, REASONS[status]), 'Date: Mon, 17 Mar 2025 09:00:00 GMT'] + list(headers)
    if body and ctype:
        h.append('Content-Type: ' + ctype)
    if status not in (101, 204):
        h.append('Content-Length: %d' % len(body))
    return ('\r\n'.join(h) + '\r\n\r\n').encode() + body


def post(k, f, method, path, host, body, ctype, status=200, rbody=b'', rctype='application/json', hdrs=(), think=None):
    f.c_(W.http_req(method, path, host, [C.ua(k), 'Accept: */*'] + list(hdrs), body, ctype),
         think=think if think is not None else k.human())
    f.s_(resp(status, rbody, rctype if rbody else None))


def ws_open(k, f, path, host, protocol=None, extra=()):
    up, ok = W.ws_upgrade(path, host, k.rng, protocol, extra)
    f.c_(up, think=0.2)
    f.s_(ok)


def wc(k, payload, opcode=1):
    """A client WebSocket frame (masked)."""
    return W.ws_frame(payload, opcode, rnd(k, 4))


def ws_(payload, opcode=1):
    return W.ws_frame(payload, opcode)


def xml(s):
    return C.xml_esc(s)


def hex64(k):
    return k.hexid(64)


# ========================================================================= familiar
FA = 'familiar'


def irc_ws(k, chat=True):
    """IRC over WebSocket (IRCv3 'text.ircv3.net': one IRC line a text frame, no CRLF)."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8097, 6680]))
    ws_open(k, f, '/webirc', 'irc.example.net', 'text.ircv3.net')
    me = nick(k)
    f.c_(wc(k, 'CAP LS 302'), think=0.01)
    f.s_(ws_(':irc.example.net CAP * LS :message-tags server-time echo-message'))
    f.c_(wc(k, 'NICK %s' % me), think=0.002)
    f.c_(wc(k, 'USER %s 0 * :%s' % (me, me)), think=0.001)
    f.c_(wc(k, 'CAP END'), think=0.001)
    f.s_(ws_(':irc.example.net 001 %s :Welcome to ExampleNet, %s' % (me, me)))
    f.s_(ws_(':irc.example.net 376 %s :End of /MOTD command.' % me), think=0.001)
    chan = '#' + k.pick(['family', 'parents-4b', 'flatmates'])
    f.c_(wc(k, 'JOIN %s' % chan), think=0.4)
    f.s_(ws_(':%s!~u@198.51.100.7 JOIN %s' % (me, chan)))
    if not chat:
        for i in range(k.rng.randrange(3, 6)):
            f.s_(ws_('PING :irc.example.net'), think=k.human(60, 120))
            f.c_(wc(k, 'PONG :irc.example.net'))
        f.close()
        return C.neg('IRC over WebSocket: CAP, NICK, JOIN and PING/PONG only')
    for t in some(k, 2, 3):
        if recv:
            f.s_(ws_('@time=%s :%s!~u@203.0.113.9 PRIVMSG %s :%s' % (k.iso(f), nick(k), chan, t)), think=k.human())
        else:
            f.c_(wc(k, 'PRIVMSG %s :%s' % (chan, t)), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'IRC over WebSocket (subprotocol text.ircv3.net, one line a '
                 'frame): PRIVMSG %s' % ('received with server-time tags' if recv else 'sent'))


def irc_ws_idle(k):
    return irc_ws(k, chat=False)


def xmpp_ws(k, chat=True):
    """XMPP over WebSocket (RFC 7395): <open/>/<close/> framing, one stanza a frame."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 5280, 5443]))
    ws_open(k, f, '/xmpp-websocket', 'xmpp.example.net', 'xmpp')
    me = handle(k)
    op = '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.net" version="1.0"/>'
    f.c_(wc(k, op), think=0.01)
    f.s_(ws_('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="example.net" id="%s" version="1.0" '
             'xml:lang="en"/>' % k.hexid(10)))
    f.s_(ws_('<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:'
             'xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms></stream:features>'), think=0.001)
    cred = base64.b64encode(b'\0' + me.encode() + b'\0' + k.hexid(10).encode()).decode()
    f.c_(wc(k, '<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">%s</auth>' % cred), think=0.003)
    f.s_(ws_('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>'))
    f.c_(wc(k, op), think=0.002)
    f.s_(ws_('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="example.net" id="%s" version="1.0"/>' % k.hexid(10)))
    f.c_(wc(k, '<iq type="set" id="b1" xmlns="jabber:client"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><resource>'
             'web</resource></bind></iq>'), think=0.002)
    f.s_(ws_('<iq type="result" id="b1" xmlns="jabber:client"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>'
             '%s@example.net/web</jid></bind></iq>' % me))
    f.c_(wc(k, '<presence xmlns="jabber:client"/>'), think=0.01)
    other = '%s@example.org' % handle(k)
    if not chat:
        f.c_(wc(k, '<iq type="get" id="r1" xmlns="jabber:client"><query xmlns="jabber:iq:roster"/></iq>'), think=0.01)
        f.s_(ws_('<iq type="result" id="r1" xmlns="jabber:client"><query xmlns="jabber:iq:roster"><item jid="%s" '
                 'subscription="both"/></query></iq>' % other))
        for i in range(k.rng.randrange(3, 6)):
            f.s_(ws_('<presence xmlns="jabber:client" from="%s/phone"><show>%s</show></presence>' % (
                other, k.pick(['away', 'chat', 'xa']))), think=k.human(10, 90))
        f.c_(wc(k, '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'), think=1.0)
        f.s_(ws_('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'))
        f.close()
        return C.neg('XMPP over WebSocket (RFC 7395): login, roster and presence only, then <close/>')
    for t in some(k, 1, 3):
        st = '<message xmlns="jabber:client" type="chat" to="%s" from="%s" id="%s"><body>%s</body></message>'
        if recv:
            f.s_(ws_(st % ('%s@example.net/web' % me, other + '/phone', k.hexid(8), xml(t))), think=k.human())
        else:
            f.c_(wc(k, st % (other, '%s@example.net/web' % me, k.hexid(8), xml(t))), think=k.human())
    f.c_(wc(k, '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'), think=2.0)
    f.s_(ws_('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'XMPP over WebSocket (RFC 7395 framing): <message><body> %s' % (
        'received' if recv else 'sent'))


def xmpp_ws_presence(k):
    return xmpp_ws(k, chat=False)


def flowed(text, width=40):
    """format=flowed (RFC 3676): soft line breaks end in a space."""
    out = []
    for para in text.split('\n'):
        words, cur = para.split(' '), ''
        for w in words:
            if cur and len(cur) + len(w) + 1 > width:
                out.append(cur + ' ')
                cur = w
            else:
                cur = (cur + ' ' + w) if cur else w
        out.append(cur)
    return '\n'.join(out)


def smtp_flowed_reply(k):
    fn, tn = names2(k)
    frm, to = '%s@example.net' % handle(k), '%s@example.org' % handle(k)
    mine, theirs = lines(k, 1), lines(k, 2)
    g, c = X.GREET[k.lang]
    quoted = '\n'.join('> ' + ln for ln in flowed('\n\n'.join(theirs)).split('\n'))
    body = flowed(g.format(n=tn) + '\n\n' + mine[0] + '\n\n' + c.format(n=fn)) + '\n\n%s <%s>:\n%s\n' % (tn, to, quoted)
    orig = '<%s@example.org>' % k.hexid(16)
    raw = body.encode()
    head = ['From: %s <%s>' % (W.rfc2047(fn), frm), 'To: %s <%s>' % (W.rfc2047(tn), to),
            'Subject: Re: %s' % W.rfc2047(k.pick(X.SUBJECTS[k.lang])), 'Date: %s' % k.rfc5322(),
            'Message-ID: <%s@example.net>' % k.hexid(16), 'In-Reply-To: %s' % orig, 'References: %s' % orig,
            'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8; format=flowed; delsp=no',
            'Content-Transfer-Encoding: 8bit', 'User-Agent: Mozilla Thunderbird']
    msg = '\r\n'.join(head).encode() + b'\r\n\r\n' + raw.replace(b'\n', b'\r\n') + b'\r\n'
    f = k.tcp(25)
    C.smtp_session(k, f, msg, frm, [to], 'mx.example.org', ehlo_host='mail.home.example.net')
    f.close()
    return C.pos('to_server', 'SMTP: a reply in format=flowed (soft breaks end in a space) above the quoted earlier mail '
                 '(In-Reply-To, "> " lines)')


def pop3_mixed(k):
    fn, tn = names2(k)
    frm = '%s@example.org' % handle(k)
    b = 'b_%s' % k.hexid(12)
    text = base64.encodebytes(mailbody(k, tn, fn).encode()).decode().replace('\n', '\r\n')
    att = base64.encodebytes(b'%PDF-1.7\n' + rnd(k, 600)).decode().replace('\n', '\r\n')
    msg = ('From: %s <%s>\r\nTo: %s@home.example.net\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@example.org>\r\n'
           'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="%s"\r\n\r\nThis is a multi-part message in '
           'MIME format.\r\n--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n'
           '%s--%s\r\nContent-Type: application/pdf; name="invitation.pdf"\r\nContent-Disposition: attachment; '
           'filename="invitation.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s--%s--\r\n' % (
               W.rfc2047(fn), frm, handle(k), W.rfc2047(k.pick(X.SUBJECTS[k.lang])), k.rfc5322(), k.hexid(16), b, b,
               text, b, att, b)).encode()
    f = k.tcp(110)
    f.s_(b'+OK Dovecot ready.\r\n')
    f.c_(b'CAPA\r\n', think=0.01)
    f.s_(b'+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSASL PLAIN\r\n.\r\n')
    f.c_(b'AUTH PLAIN\r\n', think=0.003)
    f.s_(b'+ \r\n')
    f.c_(base64.b64encode(b'\0' + handle(k).encode() + b'\0' + k.hexid(10).encode()) + b'\r\n', think=0.002)
    f.s_(b'+OK Logged in.\r\n')
    f.c_(b'STAT\r\n', think=0.002)
    f.s_(b'+OK 1 %d\r\n' % len(msg))
    f.c_(b'RETR 1\r\n', think=0.003)
    f.s_(b'+OK %d octets\r\n' % len(msg) + W.dot_stuff(msg) + b'.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK Logging out.\r\n')
    f.close()
    return C.pos('to_client', 'POP3 with CAPA and SASL AUTH PLAIN (continuation "+ "), RETR of multipart/mixed: base64 '
                 'text/plain part and a PDF attachment')


def imap_binary(k):
    fn, tn = names2(k)
    raw = mailbody(k, tn, fn).encode()
    f = k.tcp(143)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 BINARY UIDPLUS LITERAL+ AUTH=PLAIN] ready\r\n')
    f.c_(b'A1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'A1 OK Logged in\r\n')
    f.c_(b'A2 EXAMINE INBOX\r\n', think=0.002)
    f.s_(b'* 23 EXISTS\r\n* OK [UIDVALIDITY 1719000000] ok\r\nA2 OK [READ-ONLY] done\r\n')
    uid = k.rng.randrange(300, 900)
    f.c_(b'A3 UID FETCH %d (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)] BINARY.SIZE[1])\r\n' % uid, think=0.003)
    hdr = ('From: %s <%s@example.org>\r\nSubject: %s\r\n\r\n' % (W.rfc2047(fn), handle(k),
                                                               W.rfc2047(k.pick(X.SUBJECTS[k.lang])))).encode()
    f.s_(b'* 23 FETCH (UID %d BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}\r\n' % (uid, len(hdr)) + hdr +
         b' BINARY.SIZE[1] %d)\r\nA3 OK done\r\n' % len(raw))
    f.c_(b'A4 UID FETCH %d (BINARY.PEEK[1])\r\n' % uid, think=k.human(1, 4))
    f.s_(b'* 23 FETCH (UID %d BINARY[1] ~{%d}\r\n' % (uid, len(raw)) + raw + b')\r\nA4 OK done\r\n')
    f.c_(b'A5 LOGOUT\r\n', think=0.01)
    f.s_(b'* BYE\r\nA5 OK\r\n')
    f.close()
    return C.pos('to_client', 'IMAP BINARY (RFC 3516): BINARY.SIZE then BINARY.PEEK[1], the decoded text part as a ~{n} '
                 'literal')


def mqtt_qos2(k):
    recv = k.var % 2 == 1
    f = k.tcp(1883)
    me, other = handles2(k)
    f.c_(C.mqtt_connect('app-' + k.hexid(8), me), think=0.05)
    f.s_(C.MQTT_CONNACK)
    topic = 'dm/%s/%s' % ((other, me) if recv else (me, other))
    if recv:
        f.c_(C.mqtt_subscribe(topic, 1), think=0.01)
        f.s_(C.mqtt_suback(1))
    for i, t in enumerate(some(k, 1, 3)):
        pid = 100 + i
        pl = W.jdump({'from': other if recv else me, 'to': me if recv else other, 'ts': k.epoch_ms(f), 'text': t})
        if recv:
            f.s_(C.mqtt_publish(topic, pl, qos=2, pid=pid), think=k.human())
            f.c_(b'\x50\x02' + struct.pack('!H', pid))             # PUBREC
            f.s_(b'\x62\x02' + struct.pack('!H', pid))             # PUBREL
            f.c_(b'\x70\x02' + struct.pack('!H', pid))             # PUBCOMP
        else:
            f.c_(C.mqtt_publish(topic, pl, qos=2, pid=pid), think=k.human())
            f.s_(b'\x50\x02' + struct.pack('!H', pid))
            f.c_(b'\x62\x02' + struct.pack('!H', pid))
            f.s_(b'\x70\x02' + struct.pack('!H', pid))
    f.c_(b'\xe0\x00', think=1.0)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MQTT 3.1.1 QoS 2 chat publishes (PUBREC/PUBREL/PUBCOMP), '
                 'JSON {from, to, ts, text}')


def mqtt_qos2_telemetry(k):
    f = k.tcp(1883)
    f.c_(C.mqtt_connect('meter-' + k.hexid(6), 'meter'), think=0.05)
    f.s_(C.MQTT_CONNACK)
    for i in range(k.rng.randrange(6, 10)):
        pid = 200 + i
        f.c_(C.mqtt_publish('home/meter/%s' % k.hexid(4), W.jdump({'kwh': round(k.rng.uniform(1000, 9000), 3),
                                                                   'w': k.rng.randrange(80, 3000)}), qos=2, pid=pid), think=60.0)
        f.s_(b'\x50\x02' + struct.pack('!H', pid))
        f.c_(b'\x62\x02' + struct.pack('!H', pid))
        f.s_(b'\x70\x02' + struct.pack('!H', pid))
    f.close()
    return C.neg('MQTT 3.1.1 QoS 2 publishes of electricity meter readings every minute')


def imap_binary_image(k):
    f = k.tcp(143)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 BINARY AUTH=PLAIN] ready\r\n')
    f.c_(b'A1 LOGIN %s "%s"\r\n' % (handle(k).encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'A1 OK Logged in\r\n')
    f.c_(b'A2 EXAMINE INBOX\r\n', think=0.002)
    f.s_(b'* 9 EXISTS\r\nA2 OK [READ-ONLY] done\r\n')
    img = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00' + rnd(k, k.rng.randrange(3000, 6000)) + b'\xff\xd9'
    f.c_(b'A3 UID FETCH 77 (BINARY.PEEK[2])\r\n', think=0.5)
    f.s_(b'* 9 FETCH (UID 77 BINARY[2] ~{%d}\r\n' % len(img) + img + b')\r\nA3 OK done\r\n')
    f.c_(b'A4 LOGOUT\r\n', think=0.01)
    f.s_(b'* BYE\r\nA4 OK\r\n')
    f.close()
    return C.neg('IMAP BINARY.PEEK[2] of a JPEG attachment only')


FA_CASES = [
    (FA, F, 'irc-ws', irc_ws, rot(4, 0)),
    (FA, F, 'xmpp-ws', xmpp_ws, rot(4, 4)),
    (FA, F, 'smtp-flowed-reply', smtp_flowed_reply, rot(4, 8)),
    (FA, F, 'pop3-sasl-mixed', pop3_mixed, rot(3, 12)),
    (FA, F, 'imap-binary', imap_binary, rot(3, 16)),
    (FA, F, 'mqtt-qos2', mqtt_qos2, rot(4, 20)),
    (FA, F, 'irc-ws-idle', irc_ws_idle, NONE * 2),
    (FA, F, 'xmpp-ws-presence', xmpp_ws_presence, NONE * 2),
    (FA, F, 'mqtt-qos2-telemetry', mqtt_qos2_telemetry, NONE * 2),
    (FA, F, 'imap-binary-image', imap_binary_image, NONE * 2),
]


# ========================================================================= sender-outside
SO = 'sender-outside'


def nostr_event(k, kind, content, tags=()):
    return {'id': hex64(k), 'pubkey': hex64(k), 'created_at': k.epoch_ms() // 1000, 'kind': kind,
            'tags': [list(t) for t in tags], 'content': content, 'sig': k.hexid(128)}


def nostr_note(k):
    """Nostr (NIP-01): ["EVENT", {...kind 1...}] to a relay over WebSocket; or REQ and the relay's EVENTs."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 7777, 8008]))
    ws_open(k, f, '/', 'relay.example.net')
    if recv:
        sub = k.hexid(8)
        f.c_(wc(k, W.jdump(['REQ', sub, {'kinds': [1], '#p': [hex64(k)], 'limit': 20}])), think=0.05)
        for t in some(k, 2, 3):
            f.s_(ws_(W.jdump(['EVENT', sub, nostr_event(k, 1, t, [('p', hex64(k)), ('e', hex64(k), '', 'reply')])])),
                 think=k.human())
        f.s_(ws_(W.jdump(['EOSE', sub])), think=0.002)
    else:
        for t in some(k, 1, 2):
            ev = nostr_event(k, 1, t, [('e', hex64(k), 'ws://relay.example.net', 'root'), ('p', hex64(k))])
            f.c_(wc(k, W.jdump(['EVENT', ev])), think=k.human())
            f.s_(ws_(W.jdump(['OK', ev['id'], True, ''])))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'Nostr relay over WebSocket: %s' % (
        'REQ, then the relay\'s ["EVENT", sub, {kind 1 reply}] frames' if recv else '["EVENT", {kind 1 reply note}] published, '
        '["OK", id, true]'))


def nostr_meta(k):
    f = k.tcp(7777)
    ws_open(k, f, '/', 'relay.example.net')
    bio = X.BIO[k.lang]
    evs = [nostr_event(k, 0, W.jdump({'name': handle(k), 'about': bio, 'picture': 'http://img.example.net/%s.jpg' % k.hexid(8)}).decode()),
           nostr_event(k, 3, '', [('p', hex64(k)) for _ in range(k.rng.randrange(4, 9))]),
           nostr_event(k, 7, '+', [('e', hex64(k)), ('p', hex64(k))])]
    for ev in evs:
        f.c_(wc(k, W.jdump(['EVENT', ev])), think=k.human(1, 5))
        f.s_(ws_(W.jdump(['OK', ev['id'], True, ''])))
    f.close()
    return C.neg('Nostr: profile metadata (kind 0, a bio written once for everyone), contact list (kind 3), a "+" '
                 'reaction (kind 7)', k.lang)


def nostr_dm_enc(k):
    f = k.tcp(7777)
    ws_open(k, f, '/', 'relay.example.net')
    for i in range(k.rng.randrange(2, 4)):
        ct = base64.b64encode(rnd(k, k.rng.randrange(40, 160))).decode() + '?iv=' + base64.b64encode(rnd(k, 16)).decode()
        ev = nostr_event(k, 4, ct, [('p', hex64(k))])
        f.c_(wc(k, W.jdump(['EVENT', ev])), think=k.human())
        f.s_(ws_(W.jdump(['OK', ev['id'], True, ''])))
    f.close()
    return C.neg('Nostr kind 4 direct messages: content is ciphertext (base64 ?iv=), nothing readable')


AS_CTX = 'https://www.w3.org/ns/activitystreams'


def ap_note(k, actor, t, to):
    return {'@context': AS_CTX, 'id': '%s/statuses/%d/activity' % (actor, k.rng.randrange(10 ** 15, 10 ** 16)), 'type': 'Create',
            'actor': actor, 'published': k.iso(), 'to': [to], 'cc': [],
            'object': {'id': '%s/statuses/%d' % (actor, k.rng.randrange(10 ** 15, 10 ** 16)), 'type': 'Note',
                       'attributedTo': actor, 'to': [to], 'content': '<p><span class="h-card"><a href="%s">@%s</a></span> '
                       '%s</p>' % (to, handle(k), xml(t)), 'contentMap': {k.lang: '<p>%s</p>' % xml(t)}, 'tag': [
                           {'type': 'Mention', 'href': to}]}}


def ap_sig_headers(k, actor):
    return ['Date: Mon, 17 Mar 2025 09:00:00 GMT', 'Digest: SHA-256=' + base64.b64encode(rnd(k, 32)).decode(),
            'Signature: keyId="%s#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",'
            'signature="%s"' % (actor, base64.b64encode(rnd(k, 96)).decode())]


def activitypub_note(k):
    f = k.tcp(80)
    actor = 'http://social.home.example/users/%s' % handle(k)
    to = 'http://mastodon.example.org/users/%s' % handle(k)
    for i, t in enumerate(some(k, 1, 2)):
        post(k, f, 'POST', '/users/%s/inbox' % to.rsplit('/', 1)[1], 'mastodon.example.org',
             W.jdump(ap_note(k, actor, t, to)), 'application/activity+json', 202,
             hdrs=ap_sig_headers(k, actor), think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_server', 'ActivityPub: a home instance delivers Create{Note} (HTML content, contentMap, Mention) to '
                 'a remote inbox, HTTP-signed')


def ap_activities(k):
    f = k.tcp(80)
    actor = 'http://social.home.example/users/%s' % handle(k)
    for i, typ in enumerate(['Follow', 'Like', 'Announce', 'Undo']):
        act = {'@context': AS_CTX, 'id': '%s#%s-%s' % (actor, typ.lower(), k.hexid(8)), 'type': typ, 'actor': actor,
               'object': 'http://mastodon.example.org/users/%s/statuses/%d' % (handle(k), k.rng.randrange(10 ** 15, 10 ** 16))}
        post(k, f, 'POST', '/inbox', 'mastodon.example.org', W.jdump(act), 'application/activity+json', 202,
             hdrs=ap_sig_headers(k, actor), think=k.human(2, 30) if i else 0.3)
    f.close()
    return C.neg('ActivityPub Follow, Like, Announce and Undo deliveries (object URLs only)')


def mastodon_form(k):
    f = k.tcp(80)
    for i, t in enumerate(some(k, 1, 2)):
        body = W.form([('status', '@%s@example.org %s' % (handle(k), t)), ('visibility', k.pick(['direct', 'unlisted'])),
                       ('in_reply_to_id', str(k.rng.randrange(10 ** 17, 10 ** 18))), ('language', k.lang)])
        post(k, f, 'POST', '/api/v1/statuses', 'social.example.net', body, 'application/x-www-form-urlencoded', 200,
             W.jdump({'id': str(k.rng.randrange(10 ** 17, 10 ** 18)), 'visibility': 'direct', 'content': ''}),
             hdrs=[bearer(k), 'Idempotency-Key: ' + k.uuid()], think=k.human() if i else 0.4)
    f.close()
    return C.pos('to_server', 'Mastodon-style status POST as a form (status=@mention text, visibility, in_reply_to_id)')


def matrix_sync(k, chat=True):
    f = k.tcp(k.pick([80, 8008]))
    room = '!%s:example.org' % k.hexid(12)
    since = 's%d_%d' % (k.rng.randrange(10 ** 5), k.rng.randrange(10 ** 4))
    for i in range(k.rng.randrange(2, 4)):
        f.c_(W.http_req('GET', '/_matrix/client/v3/sync?since=%s&timeout=30000' % since, 'matrix.example.org',
                        [C.ua(k), bearer(k)]), think=0.05 if i else 0.3)
        if chat:
            evs = [{'type': 'm.room.message', 'sender': '@%s:example.org' % handle(k), 'event_id': '$' + k.hexid(22),
                    'origin_server_ts': k.epoch_ms(f), 'content': {'msgtype': 'm.text', 'body': t}} for t in some(k, 1, 2)]
            room_obj = {'timeline': {'events': evs, 'limited': False, 'prev_batch': 't' + k.hexid(6)},
                        'ephemeral': {'events': []}, 'unread_notifications': {'notification_count': len(evs)}}
        else:
            room_obj = {'timeline': {'events': []}, 'ephemeral': {'events': [
                {'type': 'm.typing', 'content': {'user_ids': ['@%s:example.org' % handle(k)]}},
                {'type': 'm.receipt', 'content': {'$' + k.hexid(22): {'m.read': {'@%s:example.org' % handle(k): {'ts': k.epoch_ms(f)}}}}}]}}
        since = 's%d_%d' % (k.rng.randrange(10 ** 5), k.rng.randrange(10 ** 4))
        f.s_(resp(200, W.jdump({'next_batch': since, 'rooms': {'join': {room: room_obj}},
                                'presence': {'events': [{'type': 'm.presence', 'sender': '@%s:example.org' % handle(k),
                                                         'content': {'presence': 'online'}}]}})),
             think=k.human(3, 25))
    f.close()
    if not chat:
        return C.neg('Matrix /sync long-poll replies: typing, read receipts and presence only')
    return C.pos('to_client', 'Matrix client /sync long-poll replies whose room timelines carry m.room.message events')


def matrix_sync_ephemeral(k):
    return matrix_sync(k, chat=False)


def zulip_form(k):
    f = k.tcp(80)
    auth = 'Authorization: Basic ' + base64.b64encode(('%s@example.net:%s' % (handle(k), k.hexid(32))).encode()).decode()
    for i, t in enumerate(some(k, 1, 3)):
        body = W.form([('type', k.pick(['stream', 'direct'])), ('to', k.pick(['family', '[%d]' % k.rng.randrange(10, 99)])),
                       ('topic', k.pick(X.SUBJECTS[k.lang])), ('content', t)])
        post(k, f, 'POST', '/api/v1/messages', 'team.example.net', body, 'application/x-www-form-urlencoded', 200,
             W.jdump({'id': k.rng.randrange(10 ** 6), 'msg': '', 'result': 'success'}), hdrs=[auth],
             think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_server', 'Zulip-style message form: type, to, topic, content (HTTP Basic API key)')


def batchexecute(k, chat=True):
    """Positional 'protojson' arrays with no keys: f.req=[[["rpcid","<JSON as a string>",null,"generic"]]]."""
    f = k.tcp(80)
    rpc = k.pick(['Xb3kQd', 'mT9pLe', 'qA2vWz'])
    for i in range(k.rng.randrange(1, 3)):
        if chat:
            inner = [['dm/%s' % k.hexid(10)], None, line(k), None, ['client-' + k.hexid(12)], [k.epoch_ms(f) * 1000]]
        else:
            inner = [None, [1, 0, 1], 'Europe/Vilnius', [['theme', 2], ['density', 1]], k.epoch_ms(f)]
        freq = W.jdump([[[rpc, W.jdump(inner).decode(), None, 'generic']]]).decode()
        body = W.form([('f.req', freq), ('at', 'AJ' + k.hexid(30) + ':' + str(k.epoch_ms(f)))]) + b'&'
        path = '/_/ChatUi/data/batchexecute?rpcids=%s&source-path=%%2Fu%%2F0%%2F&bl=boq_chat_%d&hl=%s&_reqid=%d&rt=c' % (
            rpc, k.rng.randrange(10 ** 7, 10 ** 8), k.lang if chat else 'en', k.rng.randrange(10 ** 5, 10 ** 6))
        rb = b")]}'\n\n" + b'%d\n' % (60 + i) + W.jdump([['wrb.fr', rpc, '[null,"%s"]' % k.hexid(16), None, None, None, 'generic']])
        post(k, f, 'POST', path, 'chat.example.com', body, 'application/x-www-form-urlencoded;charset=UTF-8', 200, rb,
             'application/json; charset=utf-8', hdrs=['X-Same-Domain: 1'], think=k.human() if i else 0.4)
    f.close()
    if not chat:
        return C.neg('batchexecute f.req with positional arrays: a settings update (flags, time zone, theme)')
    return C.pos('to_server', 'batchexecute form: f.req= positional arrays without keys, the message inside a JSON string '
                 'inside JSON, form-encoded')


def batchexecute_prefs(k):
    return batchexecute(k, chat=False)


def b64_field(k):
    f = k.tcp(80)
    for i, t in enumerate(some(k, 1, 2)):
        d = base64.b64encode(W.jdump({'t': t, 'c': k.hexid(8), 'ts': k.epoch_ms(f)})).decode()
        post(k, f, 'POST', '/m/push', 'im.example.com', W.form([('v', '3'), ('sid', k.hexid(20)), ('d', d)]),
             'application/x-www-form-urlencoded', 200, b'{"ok":1}', think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_server', 'form field d= holding base64 of a JSON {t, c, ts} record (the text in t)')


def deflate_body(k):
    f = k.tcp(80)
    thread = k.hexid(10)
    for i, t in enumerate(some(k, 1, 3)):
        body = zlib.compress(W.jdump({'thread': thread, 'body': t, 'nonce': k.hexid(8)}), 6)
        post(k, f, 'POST', '/api/threads/%s/posts' % thread, 'api.example.net', body, 'application/json', 201,
             W.jdump({'id': k.hexid(12)}), hdrs=['Content-Encoding: deflate', bearer(k)], think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_server', 'JSON chat POST with Content-Encoding: deflate (zlib stream), {thread, body}')


def entity_form(k):
    """A person types into a form on an ISO-8859-1 page: the browser sends what Latin-1 lacks as &#NNNN; references."""
    f = k.tcp(80)
    hexa = k.var % 2 == 1
    for i, t in enumerate(some(k, 1, 2)):
        raw = b''.join(ch.encode('latin-1') if ord(ch) < 256 else
                       (('&#x%x;' % ord(ch)) if hexa else ('&#%d;' % ord(ch))).encode() for ch in t)
        body = ('topic=%d&message=%s&post=Submit' % (k.rng.randrange(1000, 9999), pct_bytes(raw))).encode()
        f.c_(W.http_req('POST', '/board/reply.cgi', 'board.example.org', [C.ua(k), 'Referer: http://board.example.org/t/%d' %
                                                                            k.rng.randrange(100, 999)], body,
                        'application/x-www-form-urlencoded'), think=k.human() if i else 0.4)
        f.s_(b'HTTP/1.1 302 Found\r\nLocation: /board/t/%d\r\nContent-Length: 0\r\n\r\n' % k.rng.randrange(100, 999))
    f.close()
    return C.pos('to_server', 'forum reply form on an ISO-8859-1 page: Latin-1 bytes percent-encoded, every other character '
                 'as an HTML numeric character reference (%s)' % ('&#xHHHH;' if hexa else '&#NNNN;'))


LEGACY = {'ja': 'shift_jis', 'ko': 'euc-kr', 'zh': 'gb18030', 'ru': 'windows-1251', 'el': 'windows-1253',
          'tr': 'windows-1254', 'he': 'windows-1255', 'ar': 'windows-1256', 'vi': 'windows-1258', 'th': 'tis-620',
          'uk': 'koi8-u', 'pl': 'iso-8859-2'}


def pct_bytes(b):
    return ''.join(chr(x) if (chr(x).isalnum() and x < 128) or chr(x) in '-_.*' else ('+' if x == 32 else '%%%02X' % x)
                   for x in b)


def charset_form(k):
    cs = LEGACY[k.lang]
    if k.lang == 'zh' and k.var % 2:
        cs = 'big5'
    f = k.tcp(80)
    for i, t in enumerate(some(k, 1, 2)):
        raw = t.encode(cs, errors='xmlcharrefreplace')
        body = ('mode=reply&to=%d&msg=%s&send=1' % (k.rng.randrange(10 ** 5, 10 ** 6), pct_bytes(raw))).encode()
        post(k, f, 'POST', '/cgi-bin/msg.cgi', 'talk.example.org', body, 'application/x-www-form-urlencoded; charset=%s' % cs,
             200, ('<html><head><meta charset="%s"></head><body>OK</body></html>' % cs).encode(), 'text/html; charset=%s' % cs,
             think=k.human() if i else 0.4)
    f.close()
    return C.pos('to_server', 'message form percent-encoded in a legacy charset (%s; what it lacks as &#N;)' % cs)


def llm_chat(k):
    """A person writes to an AI chat API (the person's words are a message, the model's reply is machine text)."""
    f = k.tcp(k.pick([80, 8000, 11434]))
    t = line(k)
    body = W.jdump({'model': 'small-chat-1', 'stream': True, 'messages': [
        {'role': 'system', 'content': 'You are a helpful assistant.'}, {'role': 'user', 'content': t}]})
    f.c_(W.http_req('POST', '/v1/chat/completions', 'llm.example.net', [C.ua(k), bearer(k)], body, 'application/json'),
         think=0.4)
    out = b'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n'
    f.s_(out)
    for piece in ['Sure', '! Here', ' are a few', ' ideas', ' you could', ' try', '.']:
        ev = ('data: %s\n\n' % W.jdump({'id': 'cmpl-' + k.hexid(8), 'object': 'chat.completion.chunk',
                                        'choices': [{'index': 0, 'delta': {'content': piece}}]}).decode()).encode()
        f.s_(b'%x\r\n' % len(ev) + ev + b'\r\n', think=0.03)
    f.s_(b'e\r\ndata: [DONE]\n\n\r\n0\r\n\r\n', think=0.01)
    f.close()
    return C.pos('to_server', 'a person writes to an AI chat API (messages[role=user].content); the model streams '
                 'machine-written chunks back')


def llm_document(k):
    """An app sends a news article to an AI API to be summarised (a document, not a message)."""
    head, lead = X.NEWS[k.lang]
    f = k.tcp(8000)
    body = W.jdump({'model': 'small-chat-1', 'messages': [
        {'role': 'system', 'content': 'Summarise the article in three bullet points.'},
        {'role': 'user', 'content': head + '\n\n' + lead}]})
    post(k, f, 'POST', '/v1/chat/completions', 'llm.example.net', body, 'application/json', 200,
         W.jdump({'choices': [{'message': {'role': 'assistant', 'content': '- ' + head}}]}), hdrs=[bearer(k)], think=0.3)
    f.close()
    return C.neg('a reader app sends a news article to an AI API to be summarised (the user content is a news text)', k.lang)


def zulip_typing(k):
    f = k.tcp(80)
    auth = 'Authorization: Basic ' + base64.b64encode(('%s@example.net:%s' % (handle(k), k.hexid(32))).encode()).decode()
    for i in range(k.rng.randrange(4, 8)):
        post(k, f, 'POST', '/api/v1/typing', 'team.example.net', W.form([('op', k.pick(['start', 'stop'])),
                                                                          ('to', '[%d]' % k.rng.randrange(10, 99))]),
             'application/x-www-form-urlencoded', 200, b'{"msg":"","result":"success"}', hdrs=[auth], think=k.human(1, 10))
    f.close()
    return C.neg('Zulip-style typing notifications (op=start/stop, to=[id])')


SO_CASES = [
    (SO, U, 'nostr-note', nostr_note, rot(4, 1)),
    (SO, U, 'activitypub-note', activitypub_note, rot(3, 5)),
    (SO, U, 'mastodon-form', mastodon_form, rot(4, 9)),
    (SO, U, 'matrix-sync', matrix_sync, rot(3, 13)),
    (SO, U, 'zulip-form', zulip_form, rot(3, 17)),
    (SO, U, 'batchexecute', batchexecute, rot(4, 21)),
    (SO, U, 'b64-field', b64_field, rot(3, 25)),
    (SO, U, 'deflate-body', deflate_body, rot(3, 29)),
    (SO, U, 'entity-form', entity_form, ['uk', 'ne', 'he', 'az']),
    (SO, U, 'charset-form', charset_form, ['ja', 'ko', 'zh', 'ru', 'el', 'he']),
    (SO, U, 'llm-chat', llm_chat, rot(3, 37)),
    (SO, U, 'nostr-meta', nostr_meta, ['it', 'nl', 'en', 'ja']),
    (SO, U, 'nostr-dm-enc', nostr_dm_enc, NONE * 2),
    (SO, U, 'activitypub-activities', ap_activities, NONE * 2),
    (SO, U, 'matrix-sync-ephemeral', matrix_sync_ephemeral, NONE * 2),
    (SO, U, 'batchexecute-prefs', batchexecute_prefs, NONE * 2),
    (SO, U, 'llm-document', llm_document, ['de', 'fr']),
    (SO, U, 'zulip-typing', zulip_typing, NONE * 2),
]


# ========================================================================= binary-framing
BF = 'binary-framing'


def mbu(n):
    """WBXML mb_u_int32: 7-bit groups, most significant first, continuation bit on all but the last."""
    out = [n & 0x7f]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7f))
        n >>= 7
    return bytes(reversed(out))


def wb_tag(tok, *content):
    """A WBXML element: token with the content bit, its content, END."""
    if not content:
        return bytes([tok])
    return bytes([tok | 0x40]) + b''.join(content) + b'\x01'


def wb_str(s):
    return b'\x03' + s.encode() + b'\x00'


def wb_page(n):
    return b'\x00' + bytes([n])


def eas_post(k, f, cmd, body, rbody, think):
    path = '/Microsoft-Server-ActiveSync?Cmd=%s&User=%s&DeviceId=%s&DeviceType=Android' % (cmd, handle(k), k.hexid(16).upper())
    f.c_(W.http_req('POST', path, 'mail.example.net', [
        'User-Agent: Android-EAS/9.2', 'MS-ASProtocolVersion: 14.1', 'Authorization: Basic ' +
        base64.b64encode(('%s:%s' % (handle(k), k.hexid(8))).encode()).decode()], body, 'application/vnd.ms-sync.wbxml'),
        think=think)
    f.s_(resp(200, rbody, 'application/vnd.ms-sync.wbxml', ['MS-Server-ActiveSync: 15.1']))


def eas_wbxml(k):
    recv = k.var % 2 == 1
    f = k.tcp(80)
    fn, tn = names2(k)
    if not recv:
        frm, to = '%s@example.net' % handle(k), '%s@example.org' % handle(k)
        mime = utf8_mail(k, frm, to, fn, tn)
        body = b'\x03\x01\x6a\x00' + wb_page(21) + wb_tag(0x05, wb_tag(0x11, wb_str(k.uuid())), wb_tag(0x08),
                                                         wb_tag(0x10, b'\xc3' + mbu(len(mime)) + mime))
        eas_post(k, f, 'SendMail', body, b'', 0.3)
        f.close()
        return C.pos('to_server', 'Exchange ActiveSync SendMail: WBXML (code page ComposeMail), the RFC 5322 mail as OPAQUE')
    text = mailbody(k, tn, fn)
    strs = ['%s <%s@example.org>' % (fn, handle(k)), text, 'Inbox']
    table, offs = b'', []
    for s in strs:
        offs.append(len(table))
        table += s.encode() + b'\0'
    st = lambda i: b'\x83' + mbu(offs[i])                      # noqa: E731  STR_T: a string-table reference
    req = b'\x03\x01\x6a\x00' + wb_page(0) + wb_tag(0x05, wb_tag(0x1c, wb_tag(0x0f, wb_tag(0x0b, wb_str('%d' % k.rng.randrange(10 ** 6))),
                                                                              wb_tag(0x12, wb_str('5')))))
    add = wb_tag(0x07, wb_tag(0x0d, wb_str('5:%d' % k.rng.randrange(1, 99))), wb_tag(
        0x1d, wb_page(2), wb_tag(0x18, st(0)), wb_tag(0x14, wb_str(k.pick(X.SUBJECTS[k.lang]))),
        wb_tag(0x0f, wb_str(k.iso(f))), wb_tag(0x15, wb_str('0')),
        wb_page(17), wb_tag(0x0a, wb_tag(0x06, wb_str('1')), wb_tag(0x0c, wb_str(str(len(text.encode())))), wb_tag(0x0b, st(1))),
        wb_page(0)))
    rbody = b'\x03\x01\x6a' + mbu(len(table)) + table + wb_page(0) + wb_tag(0x05, wb_tag(0x1c, wb_tag(
        0x0f, wb_tag(0x0b, wb_str('%d' % k.rng.randrange(10 ** 6))), wb_tag(0x12, wb_str('5')), wb_tag(0x0e, wb_str('1')),
        wb_tag(0x16, add))))
    eas_post(k, f, 'Sync', req, rbody, 0.3)
    f.close()
    return C.pos('to_client', 'Exchange ActiveSync Sync response: WBXML with a string table; the mail body (AirSyncBase '
                 'Data) and sender are STR_T references into it')


def eas_foldersync(k):
    f = k.tcp(80)
    req = b'\x03\x01\x6a\x00' + wb_page(7) + wb_tag(0x16, wb_tag(0x12, wb_str('0')))
    folders = b''.join(wb_tag(0x0f, wb_tag(0x08, wb_str(str(i + 1))), wb_tag(0x09, wb_str('0')), wb_tag(0x07, wb_str(n)),
                              wb_tag(0x0a, wb_str(str(t)))) for i, (n, t) in enumerate(
        [('Inbox', 2), ('Drafts', 3), ('Deleted Items', 4), ('Sent Items', 5), ('Outbox', 6), ('Calendar', 8)]))
    rbody = b'\x03\x01\x6a\x00' + wb_page(7) + wb_tag(0x16, wb_tag(0x0c, wb_str('1')), wb_tag(0x12, wb_str(k.hexid(8))),
                                                      wb_tag(0x0e, wb_tag(0x17, wb_str('6')), folders))
    eas_post(k, f, 'FolderSync', req, rbody, 0.3)
    ping = b'\x03\x01\x6a\x00' + wb_page(13) + wb_tag(0x05, wb_tag(0x08, wb_str('480')))
    for i in range(k.rng.randrange(2, 4)):
        eas_post(k, f, 'Ping', ping, b'\x03\x01\x6a\x00' + wb_page(13) + wb_tag(0x05, wb_tag(0x07, wb_str('1'))), 480.0)
    f.close()
    return C.neg('Exchange ActiveSync FolderSync (folder names) and Ping heartbeats, WBXML')


def le_tlv(tag, value):
    return struct.pack('<HH', tag, len(value)) + value


def le_packet(ptype, seq, payload):
    return b'LM' + struct.pack('<HHI', ptype, seq, len(payload)) + payload


def tlv_le(k, chat=True):
    """A LAN-messenger-like protocol: 'LM', little-endian type/seq/length, then little-endian TLVs; text UTF-16LE, no BOM."""
    both = k.var % 3 == 2
    recv = k.var % 3 == 1
    f = k.tcp(k.pick([7001, 9339, 6060]))
    me, other = k.rng.randrange(10 ** 5, 10 ** 6), k.rng.randrange(10 ** 5, 10 ** 6)
    f.c_(le_packet(1, 1, le_tlv(1, struct.pack('<I', me)) + le_tlv(9, handle(k).encode('utf-16-le'))), think=0.05)
    f.s_(le_packet(2, 1, le_tlv(10, struct.pack('<I', 0))))
    seq = [2, 2]
    if not chat:
        for i in range(k.rng.randrange(6, 12)):
            f.c_(le_packet(0x10, seq[0], le_tlv(11, struct.pack('<IIH', k.epoch_ms(f) // 1000, i, 1)) + le_tlv(12, b'ONLINE')),
                 think=30.0)
            f.s_(le_packet(0x11, seq[1], le_tlv(11, struct.pack('<I', k.epoch_ms(f) // 1000))))
            seq[0] += 1
            seq[1] += 1
        f.close()
        return C.neg('little-endian TLV messenger: login and keepalives with a status code only')
    for i, t in enumerate(some(k, 2, 4)):
        out = both and i % 2 == 1 or recv
        frm, to = (other, me) if out else (me, other)
        pl = le_tlv(1, struct.pack('<I', frm)) + le_tlv(2, struct.pack('<I', to)) + \
            le_tlv(3, struct.pack('<Q', k.epoch_ms(f))) + le_tlv(4, t.encode('utf-16-le'))
        if out:
            f.s_(le_packet(0x20, seq[1], pl), think=k.human())
            f.c_(le_packet(0x21, seq[0], le_tlv(5, struct.pack('<H', seq[1]))))
        else:
            f.c_(le_packet(0x20, seq[0], pl), think=k.human())
            f.s_(le_packet(0x21, seq[1], le_tlv(5, struct.pack('<H', seq[0]))))
        seq[0] += 1
        seq[1] += 1
    f.close()
    return C.pos('-' if both else ('to_client' if recv else 'to_server'), 'little-endian length and TLV records, the text '
                 'UTF-16LE without BOM (%s)' % ('both ways' if both else 'received' if recv else 'sent'))


def tlv_le_keepalive(k):
    return tlv_le(k, chat=False)


def wamp_msgpack(k, chat=True):
    """WAMP v2 over WebSocket with the wamp.2.msgpack subprotocol (binary frames)."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([8080, 9000, 80]))
    ws_open(k, f, '/ws', 'router.example.net', 'wamp.2.msgpack')
    f.c_(wc(k, W.msgpack([1, 'realm1', {'roles': {'publisher': {}, 'subscriber': {}}}]), 2), think=0.01)
    f.s_(ws_(W.msgpack([2, k.rng.randrange(10 ** 9), {'roles': {'broker': {}}}]), 2))
    room = 'com.example.chat.room.%s' % k.hexid(6)
    if not chat:
        for i in range(k.rng.randrange(8, 14)):
            f.c_(wc(k, W.msgpack([16, 100 + i, {}, 'com.example.sensors.hall', [round(k.rng.uniform(18, 24), 2),
                                                                                 k.rng.randrange(30, 60)]]), 2), think=k.human(5, 15))
        f.close()
        return C.neg('WAMP (MessagePack) PUBLISH of sensor readings')
    if recv:
        f.c_(wc(k, W.msgpack([32, 1, {}, room]), 2), think=0.01)
        sub = k.rng.randrange(10 ** 9)
        f.s_(ws_(W.msgpack([33, 1, sub]), 2))
        for t in some(k, 2, 3):
            f.s_(ws_(W.msgpack([36, sub, k.rng.randrange(10 ** 9), {}, [t], {'from': handle(k)}]), 2), think=k.human())
    else:
        for i, t in enumerate(some(k, 1, 3)):
            f.c_(wc(k, W.msgpack([16, 10 + i, {'acknowledge': True}, room, [t], {'from': handle(k)}]), 2), think=k.human())
            f.s_(ws_(W.msgpack([17, 10 + i, k.rng.randrange(10 ** 9)]), 2))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'WAMP v2 over WebSocket, MessagePack serialisation: %s' % (
        'EVENT [36, sub, pub, {}, [text]]' if recv else 'PUBLISH [16, req, {}, topic, [text]]'))


def wamp_telemetry(k):
    return wamp_msgpack(k, chat=False)


def gateway_zlib(k, chat=True):
    """A chat gateway with transport compression: every server frame is a piece of one zlib stream (Z_SYNC_FLUSH)."""
    f = k.tcp(k.pick([80, 8080]))
    ws_open(k, f, '/?v=10&encoding=json&compress=zlib-stream', 'gateway.example.net')
    z = zlib.compressobj()
    seq = [0]

    def dispatch(t, d, think):
        seq[0] += 1
        raw = W.jdump({'op': 0, 's': seq[0], 't': t, 'd': d})
        f.s_(ws_(z.compress(raw) + z.flush(zlib.Z_SYNC_FLUSH), 2), think=think)
    f.s_(ws_(z.compress(W.jdump({'op': 10, 'd': {'heartbeat_interval': 41250}})) + z.flush(zlib.Z_SYNC_FLUSH), 2))
    f.c_(wc(k, W.jdump({'op': 2, 'd': {'token': k.hexid(40), 'properties': {'os': 'linux'}, 'intents': 33281}})), think=0.02)
    dispatch('READY', {'session_id': k.hexid(32), 'user': {'id': str(k.rng.randrange(10 ** 17, 10 ** 18))}}, None)
    chan = str(k.rng.randrange(10 ** 17, 10 ** 18))
    if chat:
        for t in some(k, 2, 3):
            dispatch('MESSAGE_CREATE', {'id': str(k.rng.randrange(10 ** 17, 10 ** 18)), 'channel_id': chan, 'content': t,
                                        'author': {'id': str(k.rng.randrange(10 ** 17, 10 ** 18)), 'username': handle(k)},
                                        'timestamp': k.iso(f)}, k.human())
            f.c_(wc(k, W.jdump({'op': 1, 'd': seq[0]})), think=k.human(1, 5))
    else:
        for i in range(k.rng.randrange(5, 9)):
            dispatch(k.pick(['PRESENCE_UPDATE', 'TYPING_START']), {'user_id': str(k.rng.randrange(10 ** 17, 10 ** 18)),
                                                                    'status': k.pick(['online', 'idle']), 'channel_id': chan},
                     k.human(2, 20))
            f.c_(wc(k, W.jdump({'op': 1, 'd': seq[0]})))
    f.close()
    if not chat:
        return C.neg('gateway WebSocket with zlib-stream compression: presence and typing dispatches, heartbeats')
    return C.pos('to_client', 'gateway WebSocket with zlib-stream transport compression: MESSAGE_CREATE dispatches '
                 '{content, author, channel_id} inside one compressed stream')


def gateway_presence(k):
    return gateway_zlib(k, chat=False)


def rcon_pkt(rid, ptype, body):
    b = body.encode() + b'\0\0'
    return struct.pack('<iii', len(b) + 8, rid, ptype) + b


def rcon_say(k, chat=True):
    """Source RCON (little-endian size, id, type, two NULs): an admin's say/broadcast to the players."""
    f = k.tcp(k.pick([27015, 25575, 28016]))
    f.c_(rcon_pkt(1, 3, k.hexid(12)), think=0.05)
    f.s_(rcon_pkt(1, 0, '') + rcon_pkt(1, 2, ''))
    if not chat:
        for i, cmd in enumerate(['status', 'listplayers', 'sv_maxplayers', 'status']):
            f.c_(rcon_pkt(10 + i, 2, cmd), think=k.human(2, 30))
            f.s_(rcon_pkt(10 + i, 0, 'hostname: Example Server\nplayers : %d humans, 0 bots (16 max)\nmap     : de_lake\n' %
                          k.rng.randrange(1, 16)))
        f.close()
        return C.neg('Source RCON: status and player list commands only')
    for i, t in enumerate(some(k, 1, 3)):
        f.c_(rcon_pkt(10 + i, 2, '%s %s' % (k.pick(['say', 'broadcast']), t)), think=k.human())
        f.s_(rcon_pkt(10 + i, 0, ''))
    f.close()
    return C.pos('to_server', 'Source RCON (little-endian packets): an admin\'s say/broadcast to the players')


def rcon_status(k):
    return rcon_say(k, chat=False)


def coap_tcp_msg(code, token, options, payload=b''):
    """CoAP over TCP (RFC 8323): Len/TKL nibble, extended length, Code, Token, Options, 0xFF, Payload."""
    opts, last = b'', 0
    for num, val in options:
        d = num - last
        last = num
        dn, dx = (d, b'') if d < 13 else (13, bytes([d - 13]))
        ln, lx = (len(val), b'') if len(val) < 13 else (13, bytes([len(val) - 13]))
        opts += bytes([dn << 4 | ln]) + dx + lx + val
    body = opts + (b'\xff' + payload if payload else b'')
    n = len(body)
    if n < 13:
        head = bytes([n << 4 | len(token)])
    elif n < 269:
        head = bytes([13 << 4 | len(token), n - 13])
    else:
        head = bytes([14 << 4 | len(token)]) + struct.pack('!H', n - 269)
    return head + bytes([code]) + token + body


def coap_tcp(k, chat=True):
    f = k.tcp(5683)
    f.c_(coap_tcp_msg(0xe1, b'', [(2, struct.pack('!H', 1152))]), think=0.05)      # 7.01 CSM, Max-Message-Size
    f.s_(coap_tcp_msg(0xe1, b'', []))
    room = k.hexid(6)
    items = some(k, 1, 3) if chat else range(k.rng.randrange(6, 12))
    for i, t in enumerate(items):
        tok = rnd(k, 4)
        if chat:
            opts = [(11, b'chat'), (11, b'rooms'), (11, room.encode()), (11, b'msgs'), (12, b'')]
            f.c_(coap_tcp_msg(0x02, tok, opts, t.encode()), think=k.human())
        else:
            opts = [(11, b'sensors'), (11, b'garage'), (12, bytes([60]))]
            f.c_(coap_tcp_msg(0x02, tok, opts, W.cbor({'t': round(k.rng.uniform(5, 15), 1), 'h': k.rng.randrange(40, 90)})),
                 think=60.0)
        f.s_(coap_tcp_msg(0x41, tok, []))
    f.close()
    if not chat:
        return C.neg('CoAP over TCP: CBOR sensor readings POSTed every minute')
    return C.pos('to_server', 'CoAP over TCP (RFC 8323): CSM, then POST chat/rooms/<id>/msgs with a text/plain payload')


def coap_tcp_sensor(k):
    return coap_tcp(k, chat=False)


def java_mutf8(s):
    """Java's modified UTF-8: supplementary characters as two 3-byte surrogates, NUL as C0 80."""
    out = bytearray()
    for u in struct.unpack('<%dH' % (len(s.encode('utf-16-le')) // 2), s.encode('utf-16-le')):
        if 0 < u < 0x80:
            out.append(u)
        elif u < 0x800:
            out += bytes([0xc0 | u >> 6, 0x80 | u & 0x3f])
        else:
            out += bytes([0xe0 | u >> 12, 0x80 | (u >> 6) & 0x3f, 0x80 | u & 0x3f])
    return bytes(out)


def java_chat_object(k, frm, text):
    cls = b'com.example.chat.ChatMessage'
    desc = b'\x72' + struct.pack('!H', len(cls)) + cls + struct.pack('!q', -7261402348237489153) + b'\x02' + \
        struct.pack('!H', 3) + b'J' + struct.pack('!H', 6) + b'sentAt' + \
        b'L' + struct.pack('!H', 4) + b'from' + b'\x74' + struct.pack('!H', 18) + b'Ljava/lang/String;' + \
        b'L' + struct.pack('!H', 4) + b'text' + b'\x71' + struct.pack('!I', 0x7e0001) + b'\x78\x70'
    fb, tb = java_mutf8(frm), java_mutf8(text)
    return b'\xac\xed\x00\x05\x73' + desc + struct.pack('!q', k.epoch_ms()) + b'\x74' + struct.pack('!H', len(fb)) + fb + \
        b'\x74' + struct.pack('!H', len(tb)) + tb


def java_serial(k):
    f = k.tcp(k.pick([4445, 9099, 1099]))
    for i, t in enumerate(some(k, 1, 3)):
        obj = java_chat_object(k, handle(k), t)
        f.c_(struct.pack('!I', len(obj)) + obj, think=k.human() if i else 0.1)
        f.s_(struct.pack('!I', 2) + b'OK')
    f.close()
    return C.pos('to_server', 'Java object serialization (ObjectOutputStream) of a ChatMessage {sentAt, from, text} in '
                 '4-byte frames; strings in modified UTF-8 (emoji as surrogate pairs)')


def java_serial_metrics(k):
    f = k.tcp(4445)
    for i in range(k.rng.randrange(5, 9)):
        obj = java_chat_object(k, 'node-%s' % k.hexid(4), 'cpu=%d;heap=%dM;gc=%d' % (
            k.rng.randrange(100), k.rng.randrange(200, 900), k.rng.randrange(50)))
        obj = obj.replace(b'com.example.chat.ChatMessage', b'com.example.mon.MetricSample')
        f.c_(struct.pack('!I', len(obj)) + obj, think=15.0 if i else 0.1)
        f.s_(struct.pack('!I', 2) + b'OK')
    f.close()
    return C.neg('Java object serialization of metric samples (key=value strings) every 15 s')


BF_CASES = [
    (BF, U, 'eas-wbxml', eas_wbxml, rot(4, 2)),
    (BF, U, 'tlv-le-utf16', tlv_le, rot(4, 6)),
    (BF, U, 'wamp-msgpack', wamp_msgpack, rot(4, 10)),
    (BF, U, 'gateway-zlib', gateway_zlib, rot(3, 14)),
    (BF, U, 'rcon-say', rcon_say, rot(3, 18)),
    (BF, U, 'coap-tcp', coap_tcp, rot(3, 22)),
    (BF, U, 'java-serial', java_serial, rot(3, 26)),
    (BF, U, 'eas-foldersync', eas_foldersync, NONE * 2),
    (BF, U, 'tlv-le-keepalive', tlv_le_keepalive, NONE * 2),
    (BF, U, 'wamp-telemetry', wamp_telemetry, NONE * 2),
    (BF, U, 'gateway-presence', gateway_presence, NONE * 2),
    (BF, U, 'rcon-status', rcon_status, NONE * 2),
    (BF, U, 'coap-tcp-sensor', coap_tcp_sensor, NONE * 2),
    (BF, U, 'java-serial-metrics', java_serial_metrics, NONE * 2),
]


# ========================================================================= datagram
DG = 'datagram'


def sn(mtype, body):
    """MQTT-SN message: length (1 byte, or 0x01 + 2 bytes), type, body."""
    n = len(body) + 2
    if n < 256:
        return bytes([n, mtype]) + body
    return b'\x01' + struct.pack('!H', n + 2) + bytes([mtype]) + body


def mqtt_sn(k, chat=True):
    recv = chat and k.var % 2 == 1
    f = k.udp(k.pick([1883, 1884, 10000]))
    f.c_(sn(0x04, b'\x04\x01' + struct.pack('!H', 300) + ('app-' + k.hexid(6)).encode()), think=0.05)    # CONNECT
    f.s_(sn(0x05, b'\x00'))                                                                              # CONNACK
    topic = ('chat/%s/%s' % (handle(k), handle(k))) if chat else 'sensors/%s/env' % k.hexid(4)
    tid = k.rng.randrange(1, 200)
    if recv:
        f.c_(sn(0x12, b'\x20' + struct.pack('!H', 1) + topic.encode()), think=0.01)                       # SUBSCRIBE qos1
        f.s_(sn(0x13, b'\x20' + struct.pack('!HHB', tid, 1, 0)))                                          # SUBACK
    else:
        f.c_(sn(0x0a, struct.pack('!HH', 0, 1) + topic.encode()), think=0.01)                             # REGISTER
        f.s_(sn(0x0b, struct.pack('!HHB', tid, 1, 0)))                                                    # REGACK
    items = some(k, 2, 3) if chat else range(k.rng.randrange(8, 15))
    for i, t in enumerate(items):
        mid = 2 + i
        data = t.encode() if chat else struct.pack('!hH', k.rng.randrange(150, 260), k.rng.randrange(300, 700))
        msg = sn(0x0c, b'\x20' + struct.pack('!HH', tid, mid) + data)                                    # PUBLISH qos1
        if recv:
            f.s_(msg, think=k.human())
            f.c_(sn(0x0d, struct.pack('!HHB', tid, mid, 0)))                                              # PUBACK
        else:
            f.c_(msg, think=k.human() if chat else 30.0)
            f.s_(sn(0x0d, struct.pack('!HHB', tid, mid, 0)))
    f.c_(sn(0x18, b''), think=1.0)                                                                        # DISCONNECT
    f.s_(sn(0x18, b''))
    if not chat:
        return C.neg('MQTT-SN over UDP: REGISTER and QoS 1 publishes of binary sensor values')
    return C.pos('to_client' if recv else 'to_server', 'MQTT-SN over UDP: %s, the payload the plain text' % (
        'SUBSCRIBE then the gateway\'s PUBLISH' if recv else 'REGISTER of a chat topic then QoS 1 PUBLISH'))


def mqtt_sn_sensor(k):
    return mqtt_sn(k, chat=False)


def sip_msg(k, frm, to, ctype, body, cseq):
    branch = 'z9hG4bK' + k.hexid(10)
    return ('MESSAGE sip:%s SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.20:5060;branch=%s;rport\r\nMax-Forwards: 70\r\n'
            'From: <sip:%s>;tag=%s\r\nTo: <sip:%s>\r\nCall-ID: %s\r\nCSeq: %d MESSAGE\r\nContent-Type: %s\r\n'
            'Content-Length: %d\r\n\r\n' % (to, branch, frm, k.hexid(8), to, k.hexid(16), cseq, ctype, len(body))).encode() + body


def sip_ok(k, cseq=1):
    return b'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK%s\r\nCSeq: %d MESSAGE\r\nContent-Length: 0\r\n\r\n' % (
        k.hexid(10).encode(), cseq)


def sip_multipart(k):
    recv = k.var % 2 == 1
    f = k.udp(5060, device_server=recv, sport=5060)
    a, b = '%s@example.net' % handle(k), '%s@example.org' % handle(k)
    for i, t in enumerate(some(k, 1, 3)):
        bnd = 'bnd' + k.hexid(8)
        body = ('--%s\r\nContent-Type: text/plain;charset=UTF-8\r\n\r\n%s\r\n--%s\r\nContent-Type: message/external-body; '
                'access-type="URL"; URL="http://media.example.net/%s.jpg"\r\n\r\nContent-Type: image/jpeg\r\n\r\n\r\n--%s--\r\n' % (
                    bnd, t, bnd, k.hexid(12), bnd)).encode()
        f.c_(sip_msg(k, b if recv else a, a if recv else b, 'multipart/mixed;boundary=%s' % bnd, body, i + 1),
             think=k.human() if i else 0.1)
        f.s_(sip_ok(k, i + 1))
    return C.pos('to_client' if recv else 'to_server', 'SIP MESSAGE over UDP with a multipart/mixed body (text/plain part '
                 'and a message/external-body picture reference)%s' % (', from an outside proxy to a home phone' if recv else ''))


def sip_iscomposing(k):
    f = k.udp(5060, sport=5060)
    for i in range(k.rng.randrange(4, 8)):
        st = k.pick(['active', 'idle'])
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing">'
                '<state>%s</state><contenttype>text/plain</contenttype><refresh>60</refresh></isComposing>' % st).encode()
        f.c_(sip_msg(k, '%s@example.net' % handle(k), '%s@example.org' % handle(k), 'application/im-iscomposing+xml', body, i + 1),
             think=k.human(2, 20) if i else 0.1)
        f.s_(sip_ok(k, i + 1))
    return C.neg('SIP MESSAGE over UDP carrying only is-composing indications (RFC 3994)')


def tftp_put(k, fname, data, mode=b'netascii'):
    """TFTP write: WRQ to port 69; the server answers from a new port (its TID), so the data is a second flow."""
    f1 = k.udp(69)
    f1.c_(b'\x00\x02' + fname.encode() + b'\0' + mode + b'\0', think=0.1)
    tid = k.rng.randrange(40000, 60000)
    f2 = k.udp(tid, client_ip=f1.c.ip, server_ip=f1.s.ip, sport=f1.c.port, at=(f1.t - k.t0) / W.US)
    f2.s_(b'\x00\x04\x00\x00')
    blocks = [data[i:i + 512] for i in range(0, len(data), 512)]
    if len(blocks[-1]) == 512:
        blocks.append(b'')
    for n, blk in enumerate(blocks, 1):
        f2.c_(b'\x00\x03' + struct.pack('!H', n) + blk)
        f2.s_(b'\x00\x04' + struct.pack('!H', n))
    return f1, f2


def tftp_chatlog(k):
    day = k.now().strftime('%Y-%m-%d')
    a, b = names2(k)
    log = ''.join('[%s %02d:%02d] %s: %s\r\n' % (day, 18 + i // 3, (7 * i) % 60, a if i % 2 == 0 else b, t)
                  for i, t in enumerate(lines(k, 6)))
    f1, f2 = tftp_put(k, 'backup/chat-%s-%s.txt' % (handle(k), day), log.encode())
    f1.label = {'expect': 'none', 'direction': '-', 'lang': '-', 'note': 'TFTP WRQ of a chat-log file: the request (file name) only; '
                'the data goes to the server\'s new port'}
    return C.pos('to_server', 'TFTP upload (netascii, 512-byte blocks to the server\'s new port) of a chat history log '
                 '"[time] name: text" to a backup host')


def tftp_firmware(k):
    f1 = k.udp(69)
    f1.c_(b'\x00\x01' + b'fw/cam-%s.bin' % k.hexid(4).encode() + b'\0octet\0', think=0.1)
    f2 = k.udp(k.rng.randrange(40000, 60000), client_ip=f1.c.ip, server_ip=f1.s.ip, sport=f1.c.port, at=(f1.t - k.t0) / W.US)
    for n in range(1, k.rng.randrange(6, 12)):
        f2.s_(b'\x00\x03' + struct.pack('!H', n) + rnd(k, 512))
        f2.c_(b'\x00\x04' + struct.pack('!H', n))
    f2.s_(b'\x00\x03' + struct.pack('!H', n + 1) + rnd(k, 100))
    f2.c_(b'\x00\x04' + struct.pack('!H', n + 1))
    f1.label = {'expect': 'none', 'direction': '-', 'note': 'TFTP RRQ of a camera firmware image (request only)'}
    return C.neg('TFTP download of a firmware image (binary blocks)')


def game_zlib(k, chat=True):
    """Game datagrams: id 0xfe = a zlib-compressed batch of sub-packets (varint lengths), one of them chat (0x09)."""
    both = chat and k.var % 2 == 1
    f = k.udp(k.pick([24642, 7777, 30120]))
    texts = some(k, 2, 3) if chat else []
    seq = [0, 0]

    def batch(who, subs):
        raw = b''.join(W.varint(len(s)) + s for s in subs)
        i = 0 if who == 'c' else 1
        seq[i] += 1
        f.send(who, b'\xfe' + struct.pack('<I', seq[i]) + zlib.compress(raw), think=0.05)

    def move(who):
        batch(who, [b'\x13' + struct.pack('<fffB', *(k.rng.uniform(-200, 200) for _ in range(3)), k.rng.randrange(256))
                    + rnd(k, 10)])
    for r in range(max(1, len(texts))):
        for _ in range(k.rng.randrange(30, 90)):
            move('c' if k.rng.random() < 0.5 else 's')
        if chat:
            who = 's' if both and r % 2 else 'c'
            t = texts[r].encode()
            name = handle(k).encode()
            batch(who, [b'\x09\x01' + W.varint(len(name)) + name + W.varint(len(t)) + t, b'\x13' + rnd(k, 23)])
    if not chat:
        return C.neg('game datagrams: zlib-compressed batches of movement sub-packets only')
    return C.pos('-' if both else 'to_server', 'game datagrams whose zlib-compressed batches hold a chat sub-packet '
                 '(type, name, text with varint lengths) among ~100 movement batches%s' % (', both players' if both else ''))


def game_zlib_state(k):
    return game_zlib(k, chat=False)


DG_CASES = [
    (DG, U, 'mqtt-sn', mqtt_sn, rot(4, 3)),
    (DG, U, 'sip-multipart', sip_multipart, rot(4, 7)),
    (DG, U, 'tftp-chatlog', tftp_chatlog, rot(3, 11)),
    (DG, U, 'game-zlib', game_zlib, rot(4, 15)),
    (DG, U, 'mqtt-sn-sensor', mqtt_sn_sensor, NONE * 2),
    (DG, U, 'sip-iscomposing', sip_iscomposing, NONE * 2),
    (DG, U, 'tftp-firmware', tftp_firmware, NONE * 2),
    (DG, U, 'game-zlib-state', game_zlib_state, NONE * 2),
]


# ========================================================================= line-protocol
LP = 'line-protocol'
IAC, WILL, WONT, DO, DONT, SB, SE = 255, 251, 252, 253, 254, 250, 240


def telnet_nego(k, f):
    f.s_(bytes([IAC, WILL, 1, IAC, WILL, 3, IAC, DO, 31, IAC, DO, 24]))
    f.c_(bytes([IAC, DO, 1, IAC, DO, 3, IAC, WILL, 31, IAC, SB, 31, 0, 80, 0, 24, IAC, SE, IAC, WONT, 24]), think=0.002)


def telnet_bbs(k, chat=True):
    """A Telnet BBS: the caller types one character a packet, the BBS echoes each one within one RTT."""
    f = k.tcp(23)
    telnet_nego(k, f)
    f.s_(b'\r\nTHE LIGHTHOUSE BBS\r\n\r\nlogin: ', think=0.05)
    me = nick(k)

    def typed(s):
        for ch in s:
            f.c_(ch.encode(), think=k.rng.uniform(0.09, 0.35))
            f.s_(ch.encode())
        f.c_(b'\r\0', think=k.rng.uniform(0.1, 0.4))
        f.s_(b'\r\n')
    typed(me)
    if not chat:
        f.s_(X.BBS_MENU.encode())
        for key in k.rng.sample('BFWMB', 3):
            typed(key)
            f.s_(X.BBS_MENU.encode(), think=0.01)
        typed('G')
        f.s_(b'\r\nNO CARRIER\r\n')
        f.close('s')
        return C.neg('Telnet BBS: the same menu screen served again and again, single-key choices echoed', 'en')
    f.s_(b'\r\nWelcome back, %s. Entering chat room 1 (3 callers).\r\n\r\n' % me.encode())
    for i, t in enumerate(some(k, 2, 3)):
        f.s_(('<%s> %s\r\n' % (nick(k), line(k))).encode(), think=k.human())
        typed(t)
        f.s_(('<%s> %s\r\n' % (me, t)).encode(), think=0.01)
    f.close()
    return C.pos('-', 'Telnet BBS chat room: IAC negotiation (WILL ECHO, SGA, NAWS), the caller types one character a '
                 'packet with server echo; other callers\' lines arrive between')


def bbs_menu(k):
    return telnet_bbs(k, chat=False)


def semi_octets(num):
    d = num.lstrip('+') + ('F' if len(num.lstrip('+')) % 2 else '')
    return bytes(int(d[i + 1] + d[i], 16) for i in range(0, len(d), 2))


def sms_pdus(num, text):
    """SMS-SUBMIT PDUs, UCS-2 (DCS 08), concatenated with a UDH when longer than 70 code units."""
    u = text.encode('utf-16-be')
    parts = [u] if len(u) <= 140 else [u[i:i + 134] for i in range(0, len(u), 134)]
    ref = sum(u) & 0xff
    out = []
    digits = num.lstrip('+')
    for i, p in enumerate(parts):
        udh = b'' if len(parts) == 1 else bytes([5, 0, 3, ref, len(parts), i + 1])
        first = 0x11 | (0x40 if udh else 0)
        tpdu = bytes([first, 0, len(digits), 0x91]) + semi_octets(num) + bytes([0, 8, 0xaa, len(udh) + len(p)]) + udh + p
        out.append(tpdu)
    return out


def at_cmgs(k):
    """SMS through a modem reached over TCP (a serial-to-TCP server): AT commands, text or PDU mode, or an incoming +CMT."""
    kind = k.var % 3
    f = k.tcp(k.pick([2000, 4001, 7000]))
    num = '+1555%07d' % k.rng.randrange(10 ** 7)

    def at(cmd, reply=b'\r\nOK\r\n', think=0.05):
        f.c_(cmd, think=think)
        f.s_(cmd + reply)                 # the modem echoes the command (ATE1)
    at(b'AT\r', think=0.1)
    t = line(k)
    if kind == 0:
        at(b'AT+CMGF=1\r')
        at(b'AT+CSCS="UTF-8"\r')
        f.c_(b'AT+CMGS="%s"\r' % num.encode(), think=0.05)
        f.s_(b'AT+CMGS="%s"\r\r\n> ' % num.encode())
        f.c_(t.encode() + b'\x1a', think=k.human(5, 30))
        f.s_(t.encode() + b'\r\n+CMGS: %d\r\n\r\nOK\r\n' % k.rng.randrange(1, 255))
        note = 'text mode: AT+CMGF=1, AT+CSCS="UTF-8", AT+CMGS then the text and Ctrl-Z'
        d = 'to_server'
    elif kind == 1:
        at(b'AT+CMGF=0\r')
        for pdu in sms_pdus(num, t):
            f.c_(b'AT+CMGS=%d\r' % len(pdu), think=0.3)
            f.s_(b'AT+CMGS=%d\r\r\n> ' % len(pdu))
            f.c_(b'00' + pdu.hex().upper().encode() + b'\x1a', think=0.05)
            f.s_(b'\r\n+CMGS: %d\r\n\r\nOK\r\n' % k.rng.randrange(1, 255))
        note = 'PDU mode: SMS-SUBMIT in hex, UCS-2 (DCS 08), concatenated with a UDH when long'
        d = 'to_server'
    else:
        at(b'AT+CMGF=1\r')
        at(b'AT+CNMI=2,2,0,0,0\r')
        for m in some(k, 1, 2):
            f.s_(b'\r\n+CMT: "%s",,"%s"\r\n' % (num.encode(), k.now(f).strftime('%y/%m/%d,%H:%M:%S+04').encode()) +
                 m.encode() + b'\r\n', think=k.human(20, 90))
            f.c_(b'AT+CNMA\r', think=0.05)
            f.s_(b'AT+CNMA\r\r\nOK\r\n')
        note = 'incoming SMS as +CMT unsolicited results (text mode, direct delivery)'
        d = 'to_client'
    f.close()
    return C.pos(d, 'SMS by AT commands to a modem over TCP, %s' % note)


def at_status(k):
    f = k.tcp(4001)
    for cmd, rep in [(b'ATI', b'Example Wireless EC25\r\nRevision: EC25EFAR06A09M4G'), (b'AT+CSQ', b'+CSQ: 21,99'),
                     (b'AT+CREG?', b'+CREG: 0,1'), (b'AT+COPS?', b'+COPS: 0,0,"Example Mobile",7'),
                     (b'AT+CPMS?', b'+CPMS: "SM",3,30,"SM",3,30,"SM",3,30')]:
        f.c_(cmd + b'\r', think=k.rng.uniform(0.05, 2.0))
        f.s_(cmd + b'\r\r\n' + rep + b'\r\n\r\nOK\r\n')
    f.close()
    return C.neg('AT commands over TCP to a modem: identification, signal, registration and storage queries')


def dcc_chat(k):
    """IRC DCC CHAT: a direct TCP connection between two clients carrying bare lines (and CTCP ACTION)."""
    home_listens = k.var % 2 == 1
    f = k.tcp(k.rng.randrange(1024, 5000) if home_listens else k.rng.randrange(49152, 65000), device_server=home_listens)
    for i, t in enumerate(some(k, 3, 4)):
        who = 'c' if i % 2 == 0 else 's'
        f.send(who, t.encode() + b'\n', think=k.human() if i else 0.5)
    f.send('s', b'\x01ACTION %s\x01\n' % k.pick([b'waves', b'laughs', b'nods']), think=k.human(2, 8))
    f.close()
    return C.pos('-', 'IRC DCC CHAT: a direct client-to-client TCP connection of bare text lines both ways (and a CTCP '
                 'ACTION)%s' % (', the home client listening' if home_listens else ''))


def nsq_frame(ftype, data):
    return struct.pack('!Ii', len(data) + 4, ftype) + data


def nsq_pub(k, chat=True):
    """NSQ TCP protocol V2: '  V2', IDENTIFY, PUB <topic>\\n + 4-byte size + body; or SUB/RDY and message frames."""
    recv = chat and k.var % 2 == 1
    f = k.tcp(4150)
    f.c_(b'  V2', think=0.05)
    ident = W.jdump({'client_id': handle(k), 'hostname': 'phone', 'user_agent': 'go-nsq/1.1.0', 'feature_negotiation': True})
    f.c_(b'IDENTIFY\n' + struct.pack('!I', len(ident)) + ident, think=0.001)
    f.s_(nsq_frame(0, W.jdump({'max_rdy_count': 2500, 'version': '1.2.1', 'msg_timeout': 60000})))
    topic = ('chat.room%d' % k.rng.randrange(1, 99)).encode() if chat else b'metrics.home'
    if recv:
        f.c_(b'SUB ' + topic + b' phone\n', think=0.01)
        f.s_(nsq_frame(0, b'OK'))
        f.c_(b'RDY 10\n', think=0.001)
        for t in some(k, 2, 3):
            mid = k.hexid(16).encode()
            f.s_(nsq_frame(2, struct.pack('!qH', k.epoch_ms(f) * 10 ** 6, 1) + mid + t.encode()), think=k.human())
            f.c_(b'FIN ' + mid + b'\n')
    else:
        items = some(k, 1, 3) if chat else range(k.rng.randrange(6, 12))
        for i, t in enumerate(items):
            body = (W.jdump({'u': handle(k), 'm': t}) if k.var % 4 < 2 else t.encode()) if chat else \
                W.jdump({'cpu': k.rng.randrange(100), 'mem': k.rng.randrange(100), 'ts': k.epoch_ms(f)})
            f.c_(b'PUB ' + topic + b'\n' + struct.pack('!I', len(body)) + body, think=k.human() if chat else 10.0)
            f.s_(nsq_frame(0, b'OK'))
    f.c_(b'CLS\n', think=0.5)
    f.s_(nsq_frame(0, b'CLOSE_WAIT'))
    f.close()
    if not chat:
        return C.neg('NSQ PUB of host metrics')
    return C.pos('to_client' if recv else 'to_server', 'NSQ (TCP protocol V2): %s' % (
        'SUB/RDY, message frames (timestamp, attempts, id, text body), FIN' if recv else 'PUB <topic> with a 4-byte size and '
        'the chat body'))


def nsq_stats(k):
    return nsq_pub(k, chat=False)


def dcc_send_file(k):
    f = k.tcp(k.rng.randrange(49152, 65000))
    data = b'\x89PNG\r\n\x1a\n' + rnd(k, k.rng.randrange(6000, 12000))
    got = 0
    for i in range(0, len(data), 4096):
        f.c_(data[i:i + 4096], think=0.002)
        got += len(data[i:i + 4096])
        f.s_(struct.pack('!I', got))            # DCC SEND: the receiver acknowledges the byte count
    f.close()
    return C.neg('IRC DCC SEND: a PNG file with 4-byte acknowledgements')


LP_CASES = [
    (LP, U, 'telnet-bbs', telnet_bbs, rot(4, 19)),
    (LP, U, 'at-cmgs', at_cmgs, rot(6, 23)),
    (LP, U, 'dcc-chat', dcc_chat, rot(4, 27)),
    (LP, U, 'nsq-pub', nsq_pub, rot(4, 31)),
    (LP, U, 'bbs-menu', bbs_menu, ['en'] * 2),
    (LP, U, 'at-status', at_status, NONE * 2),
    (LP, U, 'nsq-stats', nsq_stats, NONE * 2),
    (LP, U, 'dcc-send-file', dcc_send_file, NONE * 2),
]


# ========================================================================= tunnel-partial
TP = 'tunnel-partial'


def h2_headers(stream, headers, end=False):
    return W.h2_frame(1, 0x04 | (0x01 if end else 0), stream, W.hpack(headers))


def h2_data(stream, data, end=True):
    return W.h2_frame(0, 0x01 if end else 0, stream, data)


def h2c_upgrade(k, chat=True):
    """HTTP/1.1 Upgrade: h2c (RFC 7540 3.2): the first request answered over HTTP/2 on stream 1, then new streams."""
    f = k.tcp(80)
    host = k.pick(['chat.example.net', 'api.example.org'])
    settings = base64.urlsafe_b64encode(struct.pack('!HI', 3, 100) + struct.pack('!HI', 4, 65535)).decode().rstrip('=')
    f.c_(('GET /app HTTP/1.1\r\nHost: %s\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: %s\r\n'
          '%s\r\n\r\n' % (host, settings, C.ua(k))).encode(), think=0.2)
    f.s_(b'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n' + W.h2_settings() +
         h2_headers(1, [(':status', '200'), ('content-type', 'text/html')]) + h2_data(1, b'<!doctype html><div id=app></div>'))
    f.c_(W.H2_PREFACE + W.h2_settings() + W.h2_settings(ack=True), think=0.002)
    f.s_(W.h2_settings(ack=True))
    sid = 3
    if not chat:
        for p in ['/static/app.css', '/static/app.js', '/static/logo.svg']:
            f.c_(h2_headers(sid, [(':method', 'GET'), (':path', p), (':scheme', 'http'), (':authority', host)], end=True),
                 think=0.01)
            f.s_(h2_headers(sid, [(':status', '200'), ('content-type', 'text/css' if p.endswith('css') else 'application/javascript')]) +
                 h2_data(sid, b'/* build ' + k.hexid(8).encode() + b' */' + b'a{color:#0a7}' * k.rng.randrange(20, 80)))
            sid += 2
        f.close()
        return C.neg('HTTP/1.1 Upgrade to h2c, then static asset GETs over HTTP/2')
    thread = k.hexid(10)
    for t in some(k, 1, 3):
        body = W.jdump({'text': t, 'client_ts': k.epoch_ms(f)})
        f.c_(h2_headers(sid, [(':method', 'POST'), (':path', '/api/v2/threads/%s/messages' % thread), (':scheme', 'http'),
                              (':authority', host), ('content-type', 'application/json'), ('content-length', str(len(body)))])
             + h2_data(sid, body), think=k.human())
        f.s_(h2_headers(sid, [(':status', '201'), ('content-type', 'application/json')]) +
             h2_data(sid, W.jdump({'id': k.hexid(12)})))
        sid += 2
    f.close()
    return C.pos('to_server', 'HTTP/1.1 Upgrade: h2c, then chat POSTs {text} on new HTTP/2 streams (HEADERS + DATA)')


def h2c_assets(k):
    return h2c_upgrade(k, chat=False)


def socks5_userpass(k):
    stomp = k.var % 2 == 0
    f = k.tcp(1080)
    f.c_(b'\x05\x02\x00\x02', think=0.05)
    f.s_(b'\x05\x02')
    u, p = handle(k).encode(), k.hexid(10).encode()
    f.c_(b'\x01' + bytes([len(u)]) + u + bytes([len(p)]) + p, think=0.002)
    f.s_(b'\x01\x00')
    port = 61613 if stomp else 1883
    if k.var % 4 < 2:
        addr = b'\x04' + bytes.fromhex('20010db8%04x000000000000000000%02x' % (k.rng.randrange(1, 0xffff), k.rng.randrange(2, 250)))
    else:
        host = b'broker.example.net'
        addr = b'\x03' + bytes([len(host)]) + host
    f.c_(b'\x05\x01\x00' + addr + struct.pack('!H', port), think=0.002)
    f.s_(b'\x05\x00\x00\x01' + bytes([198, 51, 100, k.rng.randrange(2, 250)]) + struct.pack('!H', port))
    if stomp:
        f.c_(b'CONNECT\naccept-version:1.2\nhost:broker.example.net\nlogin:%s\npasscode:%s\n\n\0' % (u, p), think=0.01)
        f.s_(b'CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0')
        for t in some(k, 1, 3):
            b = t.encode()
            f.c_(b'SEND\ndestination:/topic/family.%s\ncontent-type:text/plain;charset=utf-8\ncontent-length:%d\n\n' % (
                k.hexid(4).encode(), len(b)) + b + b'\0', think=k.human())
        f.c_(b'DISCONNECT\nreceipt:77\n\n\0', think=0.5)
        f.s_(b'RECEIPT\nreceipt-id:77\n\n\0')
        d, what = 'to_server', 'STOMP SEND'
    else:
        f.c_(C.mqtt_connect('ph-' + k.hexid(6), u.decode()), think=0.01)
        f.s_(C.MQTT_CONNACK)
        topic = 'family/%s/chat' % k.hexid(4)
        f.c_(C.mqtt_subscribe(topic, 1), think=0.01)
        f.s_(C.mqtt_suback(1))
        for t in some(k, 1, 3):
            f.s_(C.mqtt_publish(topic, t.encode()), think=k.human())
        d, what = 'to_client', 'MQTT publishes received'
    f.close()
    return C.pos(d, 'SOCKS5 with username/password authentication (RFC 1929), target as %s: %s' % (
        'IPv6 address' if k.var % 4 < 2 else 'domain name', what))


def mid_mqtt(k, chat=True):
    """A capture that starts inside an MQTT PUBLISH (no SYN, no CONNECT): the tail of one payload, then whole packets."""
    recv = k.var % 2 == 1
    f = k.tcp(1883, handshake=False)
    topic = ('rooms/%s' % k.hexid(6)) if chat else 'home/boiler/state'
    items = some(k, 3, 4) if chat else [W.jdump({'flow_c': round(k.rng.uniform(30, 70), 1), 'burner': k.pick([True, False])}).decode()
                                        for _ in range(k.rng.randrange(6, 10))]
    first = C.mqtt_publish(topic, items[0].encode(), qos=1, pid=40)
    part = first[k.rng.randrange(len(first) // 2, len(first) - 2):]
    (f.s_ if recv else f.c_)(part, think=0.01)
    for i, t in enumerate(items[1:]):
        pkt = C.mqtt_publish(topic, t.encode(), qos=1, pid=41 + i)
        if recv:
            f.s_(pkt, think=k.human() if chat else 20.0)
            f.c_(C.mqtt_puback(41 + i))
        else:
            f.c_(pkt, think=k.human() if chat else 20.0)
            f.s_(C.mqtt_puback(41 + i))
    f.cut()
    if not chat:
        return C.neg('mid-stream MQTT: boiler state publishes only')
    return C.pos('to_client' if recv else 'to_server', 'capture starts inside an MQTT PUBLISH payload (no handshake, no '
                 'CONNECT), then whole QoS 1 chat publishes %s' % ('received' if recv else 'sent'))


def mid_mqtt_telemetry(k):
    return mid_mqtt(k, chat=False)


def mid_chunked(k):
    """A capture that starts inside a chunked HTTP response (a chat history page), then the next long-poll."""
    f = k.tcp(80, handshake=False)
    recs = [{'u': handle(k), 'at': k.iso(f), 't': t} for t in lines(k, 3)]
    body = W.jdump({'room': k.hexid(8), 'items': recs})
    chunks = [body[i:i + 90] for i in range(0, len(body), 90)]
    enc = b''.join(b'%x\r\n' % len(c) + c + b'\r\n' for c in chunks) + b'0\r\n\r\n'
    f.s_(enc[k.rng.randrange(5, 40):], think=0.01)
    f.c_(W.http_req('GET', '/api/rooms/poll?after=%s' % k.hexid(8), 'chat.example.net', [C.ua(k)]), think=0.05)
    more = W.jdump({'items': [{'u': handle(k), 'at': k.iso(f), 't': line(k)}]})
    f.s_(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
         b'%x\r\n' % len(more) + more + b'\r\n0\r\n\r\n', think=k.human())
    f.cut()
    return C.pos('to_client', 'capture starts inside a chunked HTTP response (no status line; chunk sizes in the stream) of '
                 'a chat history, then a long-poll reply')


def proxy_v2_header(k, src, dst, sport, dport, local=False):
    sig = b'\r\n\r\n\x00\r\nQUIT\n'
    if local:
        return sig + b'\x20\x00\x00\x00'
    addrs = bytes(int(x) for x in src.split('.')) + bytes(int(x) for x in dst.split('.')) + struct.pack('!HH', sport, dport)
    tlv = b'\x02' + struct.pack('!H', 16) + b'chat.example.net'
    return sig + b'\x21\x11' + struct.pack('!H', len(addrs) + len(tlv)) + addrs + tlv


def proxy_protocol(k, chat=True):
    """A home reverse proxy forwards a phone's connection to an outside backend, prefixed by a PROXY protocol header."""
    v1 = k.var % 2 == 1
    f = k.tcp(25 if v1 and chat else 8080, client_ip=k.home(v6=False), server_ip=k.ext(v6=False))
    client = '198.51.100.%d' % k.rng.randrange(2, 250)
    csport = k.eport()
    if not chat:
        for i in range(k.rng.randrange(4, 8)):
            f.c_(proxy_v2_header(k, '', '', 0, 0, local=True) + W.http_req('GET', '/healthz', 'backend'), think=10.0 if i else 0.1)
            f.s_(resp(200, b'ok', 'text/plain'))
        f.close()
        return C.neg('PROXY protocol v2 LOCAL health checks (GET /healthz)')
    if v1:
        f.c_(b'PROXY TCP4 %s %s %d 25\r\n' % (client.encode(), f.s.ip.encode(), csport), think=0.01)
        fn, tn = names2(k)
        frm, to = '%s@home.example.net' % handle(k), '%s@example.org' % handle(k)
        C.smtp_session(k, f, utf8_mail(k, frm, to, fn, tn), frm, [to], 'smtp.example.org', ehlo_host='relay.home.example.net')
        what = 'v1 text header, then an SMTP submission of a personal mail'
    else:
        hdr = proxy_v2_header(k, client, f.s.ip, csport, 8080)
        t = line(k)
        f.c_(hdr + W.http_req('POST', '/api/chats/%s/messages' % k.hexid(8), 'chat.example.net',
                              [C.ua(k), 'X-Forwarded-For: ' + client], W.jdump({'message': t}), 'application/json'), think=0.3)
        f.s_(resp(201, W.jdump({'id': k.hexid(10)})))
        what = 'v2 binary header (TCP4, authority TLV), then a chat POST {message}'
    f.close()
    return C.pos('to_server', 'PROXY protocol %s' % what)


def proxy_health(k):
    return proxy_protocol(k, chat=False)


def socks5_tls(k):
    f = k.tcp(1080)
    f.c_(b'\x05\x02\x00\x02', think=0.05)
    f.s_(b'\x05\x02')
    u, p = handle(k).encode(), k.hexid(10).encode()
    f.c_(b'\x01' + bytes([len(u)]) + u + bytes([len(p)]) + p, think=0.002)
    f.s_(b'\x01\x00')
    host = b'www.example.com'
    f.c_(b'\x05\x01\x00\x03' + bytes([len(host)]) + host + struct.pack('!H', 443), think=0.002)
    f.s_(b'\x05\x00\x00\x01' + bytes([203, 0, 113, k.rng.randrange(2, 250)]) + struct.pack('!H', 443))
    f.c_(b'\x16\x03\x01\x00\xc8\x01\x00\x00\xc4\x03\x03' + rnd(k, 196), think=0.01)
    f.s_(b'\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03' + rnd(k, 118) + b'\x14\x03\x03\x00\x01\x01' +
         b'\x17\x03\x03\x01\x00' + rnd(k, 256))
    for i in range(k.rng.randrange(3, 6)):
        n = k.rng.randrange(80, 1200)
        f.c_(b'\x17\x03\x03' + struct.pack('!H', n) + rnd(k, n), think=k.human(1, 20))
        n = k.rng.randrange(80, 1200)
        f.s_(b'\x17\x03\x03' + struct.pack('!H', n) + rnd(k, n))
    f.close()
    return C.neg('SOCKS5 with username/password to port 443: TLS records only')


def mid_chunked_feed(k):
    f = k.tcp(80, handshake=False)
    items = [{'id': k.hexid(8), 'price': round(k.rng.uniform(1, 500), 2), 'sku': 'SKU-%d' % k.rng.randrange(10 ** 5)}
             for _ in range(k.rng.randrange(12, 20))]
    body = W.jdump({'items': items})
    chunks = [body[i:i + 200] for i in range(0, len(body), 200)]
    enc = b''.join(b'%x\r\n' % len(c) + c + b'\r\n' for c in chunks) + b'0\r\n\r\n'
    f.s_(enc[k.rng.randrange(5, 60):], think=0.01)
    f.cut()
    return C.neg('capture starts inside a chunked HTTP response: a price list (ids, SKUs, prices)')


TP_CASES = [
    (TP, U, 'h2c-upgrade', h2c_upgrade, rot(4, 35)),
    (TP, U, 'socks5-userpass', socks5_userpass, rot(4, 39)),
    (TP, U, 'mid-mqtt', mid_mqtt, rot(4, 43)),
    (TP, U, 'mid-chunked', mid_chunked, rot(3, 47)),
    (TP, U, 'proxy-protocol', proxy_protocol, rot(4, 0, 5)),
    (TP, U, 'h2c-assets', h2c_assets, NONE * 2),
    (TP, U, 'mid-mqtt-telemetry', mid_mqtt_telemetry, NONE * 2),
    (TP, U, 'proxy-health', proxy_health, NONE * 2),
    (TP, U, 'socks5-tls', socks5_tls, NONE * 2),
    (TP, U, 'mid-chunked-feed', mid_chunked_feed, NONE * 2),
]


# ========================================================================= device-server
DS = 'device-server'
JMAP_USING = ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail', 'urn:ietf:params:jmap:submission']


def home_jmap(k):
    """A home JMAP server (RFC 8620/8621): Email/get handed to an outside client, or Email/set + EmailSubmission/set from it."""
    send = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8080]), device_server=True)
    acct = 'u' + k.hexid(8)
    fn, tn = names2(k)
    text = mailbody(k, tn, fn)
    f.c_(W.http_req('GET', '/.well-known/jmap', 'mail.home.example.net', [C.ua(k), bearer(k)]), think=0.2)
    f.s_(resp(200, W.jdump({'apiUrl': '/jmap/api/', 'accounts': {acct: {'name': '%s@home.example.net' % handle(k)}},
                            'primaryAccounts': {'urn:ietf:params:jmap:mail': acct}})))
    if send:
        call = {'using': JMAP_USING, 'methodCalls': [
            ['Email/set', {'accountId': acct, 'create': {'k1': {
                'mailboxIds': {'drafts': True}, 'from': [{'name': fn, 'email': '%s@home.example.net' % handle(k)}],
                'to': [{'name': tn, 'email': '%s@example.org' % handle(k)}], 'subject': k.pick(X.SUBJECTS[k.lang]),
                'bodyValues': {'b1': {'value': text}}, 'textBody': [{'partId': 'b1', 'type': 'text/plain'}]}}}, 'c1'],
            ['EmailSubmission/set', {'accountId': acct, 'create': {'s1': {'emailId': '#k1', 'identityId': 'i1'}}}, 'c2']]}
        post(k, f, 'POST', '/jmap/api/', 'mail.home.example.net', W.jdump(call), 'application/json', 200,
             W.jdump({'methodResponses': [['Email/set', {'created': {'k1': {'id': 'M' + k.hexid(10)}}}, 'c1'],
                                          ['EmailSubmission/set', {'created': {'s1': {'id': 'S' + k.hexid(8)}}}, 'c2']],
                      'sessionState': k.hexid(8)}), hdrs=[bearer(k)], think=k.human(20, 90))
    else:
        mid = 'M' + k.hexid(10)
        call = {'using': JMAP_USING[:2], 'methodCalls': [['Email/get', {'accountId': acct, 'ids': [mid], 'properties': [
            'from', 'subject', 'receivedAt', 'bodyValues', 'textBody'], 'fetchTextBodyValues': True}, 'c1']]}
        post(k, f, 'POST', '/jmap/api/', 'mail.home.example.net', W.jdump(call), 'application/json', 200,
             W.jdump({'methodResponses': [['Email/get', {'accountId': acct, 'state': k.hexid(6), 'list': [{
                 'id': mid, 'from': [{'name': fn, 'email': '%s@example.org' % handle(k)}],
                 'subject': k.pick(X.SUBJECTS[k.lang]), 'receivedAt': k.iso(f),
                 'bodyValues': {'1': {'value': text, 'isTruncated': False}}, 'textBody': [{'partId': '1', 'type': 'text/plain'}]}],
                 'notFound': []}, 'c1']], 'sessionState': k.hexid(8)}), hdrs=[bearer(k)], think=0.5)
    f.close()
    return C.pos('to_client' if send else 'to_server', 'a home JMAP server: %s' % (
        'an outside client creates and submits a mail (Email/set bodyValues + EmailSubmission/set)' if send else
        'Email/get with fetchTextBodyValues handed to an outside client'))


def home_jmap_mailboxes(k):
    f = k.tcp(8080, device_server=True)
    acct = 'u' + k.hexid(8)
    call = {'using': JMAP_USING[:2], 'methodCalls': [['Mailbox/get', {'accountId': acct, 'ids': None}, 'c1']]}
    mbs = [{'id': k.hexid(6), 'name': n, 'role': r, 'totalEmails': k.rng.randrange(0, 3000), 'unreadEmails': k.rng.randrange(0, 9)}
           for n, r in [('Inbox', 'inbox'), ('Drafts', 'drafts'), ('Sent', 'sent'), ('Trash', 'trash'), ('Receipts', None)]]
    post(k, f, 'POST', '/jmap/api/', 'mail.home.example.net', W.jdump(call), 'application/json', 200,
         W.jdump({'methodResponses': [['Mailbox/get', {'accountId': acct, 'list': mbs, 'state': k.hexid(6)}, 'c1']]}),
         hdrs=[bearer(k)], think=0.3)
    f.close()
    return C.neg('a home JMAP server answers Mailbox/get (names, roles, counts) only')


def home_ews(k):
    """A home Exchange Web Services endpoint: GetItem returns a mail to an outside client, or CreateItem sends one."""
    send = k.var % 2 == 1
    f = k.tcp(80, device_server=True)
    fn, tn = names2(k)
    text = mailbody(k, tn, fn)
    ns = ('xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/'
          '2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"')
    subj = xml(k.pick(X.SUBJECTS[k.lang]))
    if send:
        req = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope %s><soap:Body><m:CreateItem MessageDisposition='
               '"SendAndSaveCopy"><m:Items><t:Message><t:Subject>%s</t:Subject><t:Body BodyType="Text">%s</t:Body>'
               '<t:ToRecipients><t:Mailbox><t:EmailAddress>%s@example.org</t:EmailAddress></t:Mailbox></t:ToRecipients>'
               '</t:Message></m:Items></m:CreateItem></soap:Body></soap:Envelope>' % (ns, subj, xml(text), handle(k))).encode()
        rb = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
              '<m:CreateItemResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages"><m:ResponseMessages>'
              '<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
              '</m:CreateItemResponseMessage></m:ResponseMessages></m:CreateItemResponse></s:Body></s:Envelope>').encode()
        action = 'CreateItem'
    else:
        iid = base64.b64encode(rnd(k, 40)).decode()
        req = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope %s><soap:Body><m:GetItem><m:ItemShape><t:BaseShape>'
               'Default</t:BaseShape><t:BodyType>Text</t:BodyType></m:ItemShape><m:ItemIds><t:ItemId Id="%s"/></m:ItemIds>'
               '</m:GetItem></soap:Body></soap:Envelope>' % (ns, iid)).encode()
        rb = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
              '<m:GetItemResponse %s><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>'
              'NoError</m:ResponseCode><m:Items><t:Message><t:ItemId Id="%s"/><t:Subject>%s</t:Subject><t:Body BodyType="Text">'
              '%s</t:Body><t:DateTimeReceived>%s</t:DateTimeReceived><t:From><t:Mailbox><t:Name>%s</t:Name><t:EmailAddress>'
              '%s@example.org</t:EmailAddress></t:Mailbox></t:From></t:Message></m:Items></m:GetItemResponseMessage>'
              '</m:ResponseMessages></m:GetItemResponse></s:Body></s:Envelope>' % (
                  ns, iid, subj, xml(text), k.iso(f), xml(fn), handle(k))).encode()
        action = 'GetItem'
    f.c_(W.http_req('POST', '/EWS/Exchange.asmx', 'mail.home.example.net', [
        C.ua(k), 'SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/%s"' % action,
        'Authorization: Basic ' + base64.b64encode(('%s:%s' % (handle(k), k.hexid(8))).encode()).decode()], req,
        'text/xml; charset=utf-8'), think=k.human(20, 60) if send else 0.3)
    f.s_(resp(200, rb, 'text/xml; charset=utf-8'))
    f.close()
    return C.pos('to_client' if send else 'to_server', 'a home EWS endpoint (SOAP): %s' % (
        'an outside client sends a mail with CreateItem SendAndSaveCopy' if send else 'GetItem returns a mail body to an outside client'))


def home_ap_inbox(k):
    f = k.tcp(80, device_server=True)
    actor = 'http://mastodon.example.org/users/%s' % handle(k)
    to = 'http://social.home.example/users/%s' % handle(k)
    for i, t in enumerate(some(k, 1, 2)):
        post(k, f, 'POST', '/users/%s/inbox' % to.rsplit('/', 1)[1], 'social.home.example', W.jdump(ap_note(k, actor, t, to)),
             'application/activity+json', 202, hdrs=ap_sig_headers(k, actor), think=k.human() if i else 0.3)
    f.close()
    return C.pos('to_client', 'ActivityPub: an outside instance delivers Create{Note} to the inbox of a home instance')


def home_ap_actor(k):
    f = k.tcp(80, device_server=True)
    u = handle(k)
    f.c_(W.http_req('GET', '/.well-known/webfinger?resource=acct:%s@social.home.example' % u, 'social.home.example',
                    ['User-Agent: Mastodon/4.3.0', 'Accept: application/jrd+json']), think=0.2)
    f.s_(resp(200, W.jdump({'subject': 'acct:%s@social.home.example' % u, 'links': [
        {'rel': 'self', 'type': 'application/activity+json', 'href': 'http://social.home.example/users/%s' % u}]}),
        'application/jrd+json'))
    f.c_(W.http_req('GET', '/users/%s' % u, 'social.home.example', ['User-Agent: Mastodon/4.3.0',
                                                                    'Accept: application/activity+json']), think=0.05)
    f.s_(resp(200, W.jdump({'@context': AS_CTX, 'id': 'http://social.home.example/users/%s' % u, 'type': 'Person',
                            'preferredUsername': u, 'name': u, 'summary': '<p>%s</p>' % xml(X.BIO[k.lang]),
                            'inbox': 'http://social.home.example/users/%s/inbox' % u,
                            'publicKey': {'id': '#main-key', 'publicKeyPem': '-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----' %
                                          base64.b64encode(rnd(k, 160)).decode()}}), 'application/activity+json'))
    f.close()
    return C.neg('a home ActivityPub instance answers WebFinger and serves an actor document (a profile bio)', k.lang)


def home_nostr_relay(k):
    f = k.tcp(k.pick([7447, 8080]), device_server=True)
    ws_open(k, f, '/', 'relay.home.example')
    sub = k.hexid(8)
    f.c_(wc(k, W.jdump(['REQ', sub, {'kinds': [1], 'authors': [hex64(k)], 'limit': 50}])), think=0.05)
    for t in lines(k, 3):
        f.s_(ws_(W.jdump(['EVENT', sub, nostr_event(k, 1, t, [('p', hex64(k))])])), think=0.003)
    f.s_(ws_(W.jdump(['EOSE', sub])), think=0.002)
    f.c_(wc(k, W.jdump(['CLOSE', sub])), think=k.human(5, 30))
    f.close()
    return C.pos('to_server', 'a home Nostr relay sends stored kind 1 notes (["EVENT", sub, {...}]) to an outside client')


def home_ews_freebusy(k):
    f = k.tcp(80, device_server=True)
    req = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
           'xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/'
           'exchange/services/2006/types"><soap:Body><m:GetUserAvailabilityRequest><m:MailboxDataArray><t:MailboxData>'
           '<t:Email><t:Address>%s@home.example.net</t:Address></t:Email></t:MailboxData></m:MailboxDataArray>'
           '</m:GetUserAvailabilityRequest></soap:Body></soap:Envelope>' % handle(k)).encode()
    evs = ''.join('<t:CalendarEvent><t:StartTime>2025-03-%02dT%02d:00:00</t:StartTime><t:EndTime>2025-03-%02dT%02d:30:00'
                  '</t:EndTime><t:BusyType>Busy</t:BusyType></t:CalendarEvent>' % (d, h, d, h + 1)
                  for d, h in [(18, 9), (18, 14), (19, 11)])
    rb = ('<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
          '<GetUserAvailabilityResponse xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">'
          '<FreeBusyResponseArray><FreeBusyResponse><FreeBusyView><t:CalendarEventArray>%s</t:CalendarEventArray>'
          '</FreeBusyView></FreeBusyResponse></FreeBusyResponseArray></GetUserAvailabilityResponse></s:Body></s:Envelope>' % evs).encode()
    f.c_(W.http_req('POST', '/EWS/Exchange.asmx', 'mail.home.example.net', [C.ua(k)], req, 'text/xml; charset=utf-8'), think=0.3)
    f.s_(resp(200, rb, 'text/xml; charset=utf-8'))
    f.close()
    return C.neg('a home EWS endpoint answers GetUserAvailability (busy times only)')


DS_CASES = [
    (DS, U, 'home-jmap', home_jmap, rot(4, 41)),
    (DS, U, 'home-ews', home_ews, rot(3, 45)),
    (DS, U, 'home-ap-inbox', home_ap_inbox, rot(3, 49)),
    (DS, U, 'home-nostr-relay', home_nostr_relay, rot(3, 2, 5)),
    (DS, U, 'home-jmap-mailboxes', home_jmap_mailboxes, NONE * 2),
    (DS, U, 'home-ap-actor', home_ap_actor, ['nl', 'en']),
    (DS, U, 'home-ews-freebusy', home_ews_freebusy, NONE * 2),
]


# ========================================================================= hard-negative
HN = 'hard-negative'


def vtt_upload(k):
    cues = X.VTT[k.lang]
    vtt = 'WEBVTT\n\n' + ''.join('%d\n00:00:%02d.000 --> 00:00:%02d.500\n- %s\n\n' % (i + 1, 3 * i + 1, 3 * i + 3, c)
                                 for i, c in enumerate(cues))
    bnd = '----form' + k.hexid(12)
    body = ('--%s\r\nContent-Disposition: form-data; name="video_id"\r\n\r\n%s\r\n--%s\r\nContent-Disposition: form-data; '
            'name="file"; filename="short_%s.vtt"\r\nContent-Type: text/vtt\r\n\r\n%s\r\n--%s--\r\n' % (
                bnd, k.hexid(11), bnd, k.lang, vtt, bnd)).encode()
    f = k.tcp(80)
    post(k, f, 'POST', '/upload/captions', 'video.example.com', body, 'multipart/form-data; boundary=' + bnd, 201,
         b'{"status":"processing"}', hdrs=[bearer(k)], think=0.5)
    f.close()
    return C.neg('WebVTT subtitles of a short film uploaded with the video (scripted dialogue, not a message)')


def tmx_upload(k):
    tus = ''.join('<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="de"><seg>%s</seg></tuv></tu>' % (xml(a), xml(b))
                  for a, b in X.TMX)
    body = ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="cat" srclang="en" '
            'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/><body>%s</body></tmx>' % tus).encode()
    f = k.tcp(80)
    post(k, f, 'PUT', '/api/projects/hotel-site/tm/main.tmx', 'translate.example.net', body, 'application/x-tmx+xml', 204,
         hdrs=[bearer(k)], think=0.4)
    f.close()
    return C.neg('a translation memory (TMX: English-German segment pairs of a hotel\'s web pages) uploaded')


def epub_chapter(k):
    title, paras = X.EBOOK[k.lang]
    html = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xml:lang="%s"><head><title>%s'
            '</title><link rel="stylesheet" href="../Styles/book.css"/></head><body><h2 class="chapter">%s</h2>%s</body></html>' % (
                k.lang, title, title, ''.join('<p>%s</p>' % xml(p) for p in paras))).encode()
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/books/%s/OEBPS/Text/chapter03.xhtml' % k.hexid(8), 'reader.example.com', [C.ua(k)]), think=0.2)
    f.s_(resp(200, html, 'application/xhtml+xml'))
    f.close()
    return C.neg('an ebook chapter (a novel\'s XHTML) fetched by a reading app')


def ci_bot_review(k):
    f = k.tcp(3000)
    for i in range(k.rng.randrange(2, 4)):
        post(k, f, 'POST', '/api/v1/repos/home/%s/issues/%d/comments' % (k.pick(['lights', 'backup-scripts']), 412 + i),
             'git.example.net:3000', W.jdump({'body': X.BOT_REVIEW[(k.var + i) % len(X.BOT_REVIEW)]}), 'application/json', 201,
             W.jdump({'id': k.rng.randrange(10 ** 5)}), hdrs=['Authorization: token ' + k.hexid(40), 'User-Agent: coverage-bot/2.3'],
             think=k.human(1, 10) if i else 0.3)
    f.close()
    return C.neg('code-review comments posted by bots (coverage, lint, CI status, a CLA greeting)', 'en')


def translate_api(k):
    f = k.tcp(5000)
    q = X.TRANSLATE[k.lang]
    post(k, f, 'POST', '/translate', 'mt.example.net', W.jdump({'q': q, 'source': k.lang, 'target': 'en', 'format': 'text'}),
         'application/json', 200, W.jdump({'translatedText': 'Where can I buy a charging cable for my phone near here?'}),
         think=0.4)
    f.close()
    return C.neg('a sentence sent to a machine-translation API (typed to be translated; addressed to no one there)')


def cap_alert(k):
    head, desc = X.CAP[k.lang]
    body = ('<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>%s</identifier>'
            '<sender>warnings@met.example.gov</sender><sent>2025-03-17T10:00:00+00:00</sent><status>Actual</status>'
            '<msgType>Alert</msgType><scope>Public</scope><info><language>%s</language><category>Met</category><event>%s'
            '</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty><headline>%s</headline>'
            '<description>%s</description><area><areaDesc>District 4</areaDesc></area></info></alert>' % (
                k.hexid(16), k.lang, xml(head), xml(head), xml(desc))).encode()
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/cap/feed/latest.xml', 'alerts.example.gov', ['User-Agent: weather-widget/1.4']), think=0.2)
    f.s_(resp(200, body, 'application/cap+xml'))
    f.close()
    return C.neg('a Common Alerting Protocol (CAP 1.2) weather warning written by a weather service, fetched by a widget')


def dns_name(n):
    return b''.join(bytes([len(p)]) + p.encode() for p in n.split('.')) + b'\0'


def dns_txt(k):
    f = k.udp(53)
    txts = ['v=spf1 include:_spf.example.net ~all', 'This domain is parked. To reach the owner, use the contact form of the registrar.',
            'google-site-verification=' + k.hexid(43), 'Ask for help on the mailing list, not here.']
    for i, name in enumerate(['example.org', 'parked.example.net', 'example.com']):
        qid = k.rng.randrange(65536)
        q = struct.pack('!HHHHHH', qid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack('!HH', 16, 1)
        f.c_(q, think=k.human(1, 20) if i else 0.1)
        ans = b''
        picks = k.rng.sample(txts, 2)
        for t in picks:
            rd = bytes([len(t)]) + t.encode()
            ans += b'\xc0\x0c' + struct.pack('!HHIH', 16, 1, 300, len(rd)) + rd
        f.s_(struct.pack('!HHHHHH', qid, 0x8180, 1, len(picks), 0, 0) + dns_name(name) + struct.pack('!HH', 16, 1) + ans)
    return C.neg('DNS TXT lookups whose answers hold SPF, verification tokens and a sentence from the domain owner', 'en')


def sieve_vacation(k):
    """ManageSieve (RFC 5804): PUTSCRIPT of a vacation auto-reply (a template the server sends to whoever writes)."""
    f = k.tcp(4190)
    f.s_(b'"IMPLEMENTATION" "Dovecot Pigeonhole"\r\n"SIEVE" "fileinto vacation"\r\n"SASL" "PLAIN"\r\n"VERSION" "1.0"\r\nOK "ready"\r\n')
    cred = base64.b64encode(b'\0' + handle(k).encode() + b'\0' + k.hexid(10).encode())
    f.c_(b'AUTHENTICATE "PLAIN" "' + cred + b'"\r\n', think=0.05)
    f.s_(b'OK "Logged in."\r\n')
    script = ('require ["vacation"];\r\nvacation :days 7 :subject "Out of office" "%s";\r\n' % X.VACATION[k.lang]).encode()
    f.c_(b'PUTSCRIPT "vacation" {%d+}\r\n' % len(script) + script + b'\r\n', think=2.0)
    f.s_(b'OK "PUTSCRIPT completed."\r\n')
    f.c_(b'SETACTIVE "vacation"\r\n', think=0.05)
    f.s_(b'OK\r\n')
    f.c_(b'LOGOUT\r\n', think=0.05)
    f.s_(b'OK "Bye."\r\n')
    f.close()
    return C.neg('ManageSieve PUTSCRIPT of a vacation auto-reply (a template sent by the server to whoever writes)')


def smtp_spam(k):
    subj, text = X.SPAM[k.lang]
    f = k.tcp(25)
    frm = 'service@%s.example.com' % k.hexid(6)
    rcpts = ['%s%d@example.%s' % (k.pick(['info', 'anna', 'm.k', 'office', 'kontakt']), i, k.pick(['org', 'net', 'com']))
             for i in range(k.rng.randrange(15, 30))]
    msg = W.mail('Parcel Service <%s>' % frm, 'undisclosed-recipients:;', subj, text + '\n\nhttp://%s.example.com/pay\n' % k.hexid(8),
                 k.rfc5322(), '%s@%s' % (k.hexid(20), frm.split('@')[1]), 'utf-8', 'quoted-printable',
                 ['X-Mailer: PHPMailer 5.2.9', 'Precedence: bulk'])
    C.smtp_session(k, f, msg, frm, rcpts, 'mx.example.org', ehlo_host='ip-%s.home.example.net' % k.hexid(4))
    f.close()
    return C.neg('spam sent by a compromised home machine: one fraudulent parcel text to %d recipients' % len(rcpts))


def smtp_reminder(k):
    subj, text = X.REMINDER[k.lang]
    f = k.tcp(25, device_server=True)
    frm = 'calendar-noreply@cal.example.com'
    to = '%s@home.example.net' % handle(k)
    msg = W.mail('Calendar <%s>' % frm, to, subj, text, k.rfc5322(), '%s@cal.example.com' % k.hexid(20), 'utf-8', '8bit',
                 ['Auto-Submitted: auto-generated', 'X-Auto-Response-Suppress: All'])
    C.smtp_session(k, f, msg, 'bounces@cal.example.com', [to], 'mail.home.example.net', ehlo_host='out.cal.example.com')
    f.close()
    return C.neg('an event reminder written by a calendar server (Auto-Submitted), delivered to a home SMTP server')


HN_CASES = [
    (HN, U, 'vtt-upload', vtt_upload, ['en', 'es', 'fr']),
    (HN, U, 'tmx-upload', tmx_upload, NONE * 2),
    (HN, U, 'epub-chapter', epub_chapter, ['en', 'ru', 'it']),
    (HN, U, 'ci-bot-review', ci_bot_review, NONE * 3),
    (HN, U, 'translate-api', translate_api, ['de', 'ja', 'tr', 'pt']),
    (HN, U, 'cap-alert', cap_alert, ['en', 'es']),
    (HN, U, 'dns-txt', dns_txt, NONE * 3),
    (HN, U, 'sieve-vacation', sieve_vacation, ['en', 'de', 'pl']),
    (HN, F, 'smtp-spam', smtp_spam, ['en', 'fr', 'ru']),
    (HN, F, 'smtp-reminder', smtp_reminder, ['en', 'de']),
]


# ========================================================================= topology
TO = 'topology'


def internal_nostr(k):
    k.topology = 'internal'
    lab = nostr_note(k)
    return C.neg('internal: both ends in the home networks; %s' % lab['note'], k.lang)


def nohome_mqttsn(k):
    k.topology = 'nohome'
    lab = mqtt_sn(k)
    return C.neg('no home end: both ends outside; %s' % lab['note'], k.lang)


def internal_dcc(k):
    k.topology = 'internal'
    lab = dcc_chat(k)
    return C.neg('internal: both ends in the home networks; %s' % lab['note'], k.lang)


TO_CASES = [
    (TO, U, 'internal-nostr', internal_nostr, ['cy', 'hu']),
    (TO, U, 'nohome-mqttsn', nohome_mqttsn, ['zu', 'ko']),
    (TO, U, 'internal-dcc', internal_dcc, ['az', 'fr']),
]

CASES = SO_CASES + BF_CASES + DG_CASES + FA_CASES + LP_CASES + TP_CASES + DS_CASES + HN_CASES + TO_CASES
