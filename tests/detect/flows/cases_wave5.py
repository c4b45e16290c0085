# cases_wave5: the corpus's fifth wave, written after the first four had been generated (and some of
# them scored and tuned on), so that detection can again be measured on traffic nobody has seen.
# Same rules as the earlier waves (the contract's definition of a message, issue 9's classes,
# written without reading the detector and without seeing any detection result), shapes not in
# waves 1-4 and fresh texts (texts_wave5.py), its own capture files (wave5-*).
#   familiar: multipart/alternative replies quoting the earlier mail (QP text, base64 HTML),
#     STARTTLS refused then cleartext submission, Outlook-style top-posted thread replies, POP3
#     PIPELINING (three RETRs in one write), lower-case IMAP with HEADER.FIELDS and a QP body part,
#     IRCv3 labeled-response + echo-message, XMPP MUC groupchat with XHTML-IM and delayed history,
#     MQTT with a will, DUP retransmissions and pings, a Go client's gzip + chunked chat POST,
#     fragmented WebSocket messages with control frames between the fragments, lower-case SMTP with
#     odd header casing and a folded Subject, pretty-printed JSON from a JavaScript client.
#   sender-outside: a bare JSON string body PUT to a path naming room and transaction, text/markdown
#     replies, a signed outgoing webhook of an invented chat product, the text in an RFC 8187
#     header, binary WebSocket frames of raw UTF-8, product reviews (posts), YAML bodies.
#   binary-framing: FlatBuffers-like tables, ASN.1 BER (UTF8String, BMPString), Thrift over HTTP,
#     Hessian 2 over HTTP, bincode frames, protobuf in MQTT payloads, CBOR over WebSocket.
#   datagram: AX.25 UI frames in KISS over UDP, a long text fragmented over several datagrams
#     (cut inside characters), CBOR pages to a paging gateway, MessagePack text beside voice.
#   line-protocol: PSYC, ICB, a tab-separated invented protocol, a key=value header line then
#     the text.
#   tunnel-partial: WebSocket chat inside HTTP CONNECT, mid-stream server-only POP3 and IRC,
#     client-only IMAP APPEND, a keep-alive forward-proxy connection reused across hosts.
#   device-server: a home IRC server, home POP3 with STLS refused, a home gRPC chat server (h2c),
#     home IMAP receiving APPENDs.
#   hard-negative: notes-to-self sync, essays to a grammar checker, parcel-locker SMS, GraphQL
#     errors, text-to-speech of a book, ASS subtitles, Fluent UI strings, dictionary entries, OCR
#     of a receipt, logfmt shipping, a TOML config, Snowplow events, geocoder searches, release
#     notes, review ratings without text, DMARC aggregate reports by SMTP.
import base64
import gzip
import hashlib
import json
import struct

import caselib as C
import flowwire as W
import texts_wave5 as X

WAVE = 5
U, F = 'unfamiliar', 'familiar'
NONE = ['-']
T = C.WaveTexts(X, 'w5')


def rot(n, start, step=7):
    """n languages from the plan's rotation (step 7 is coprime to its 53 places: every one in turn)."""
    return [X.PLAN_ROTATION[(start + i * step) % len(X.PLAN_ROTATION)] for i in range(n)]


def req(method, path, host, hdrs=(), body=b'', ctype=None):
    return W.http_req(method, path, host, list(hdrs), body, ctype)


def ok(body=b'', ctype='application/json', status=200, headers=()):
    return W.http_resp(status, body, ctype, headers)


def wc(k, payload, opcode=1, fin=True):
    return W.ws_frame(payload, opcode, C.rnd(k, 4), fin)


def ws_(payload, opcode=1, fin=True):
    return W.ws_frame(payload, opcode, None, fin)


def ws_open(k, f, path, host, protocol=None, extra=()):
    up, acc = W.ws_upgrade(path, host, k.rng, protocol, extra)
    f.c_(up, think=0.2)
    f.s_(acc)


def b64lines(raw):
    b = base64.b64encode(raw).decode()
    return '\r\n'.join(b[i:i + 76] for i in range(0, len(b), 76))


def crlf(s):
    return s.replace('\r\n', '\n').replace('\n', '\r\n')


def quoted(text, depth=1):
    return '\n'.join('>' * depth + (' ' + ln if ln else '') for ln in text.rstrip('\n').split('\n'))


def html_of(text):
    return '<html><body>' + ''.join('<p>%s</p>' % C.xml_esc(p) for p in text.split('\n') if p) + '</body></html>'


def alt_mail(k, headers, plain, html=None):
    """multipart/alternative: text/plain quoted-printable, text/html base64 (both UTF-8)."""
    bnd = '------------%s' % k.hexid(24)
    html = html if html is not None else html_of(plain)
    body = ('This is a multi-part message in MIME format.\r\n--%s\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\n'
            'Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n--%s\r\nContent-Type: text/html; charset=UTF-8\r\n'
            'Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--%s--\r\n' % (
                bnd, W.qp(plain.encode()), bnd, b64lines(html.encode()), bnd))
    head = '\r\n'.join(headers + ['MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="%s"' % bnd])
    return (head + '\r\n\r\n' + body).encode()


def addr(k, domain=None):
    return '%s@%s' % (T.handle(k), domain or k.pick(['example.net', 'example.org', 'mail.example.com']))


def mid(k, dom):
    return '<%s@%s>' % (k.uuid(), dom)


# ========================================================================= familiar
FA = 'familiar'


def smtp_dialogue(k, f, msg, frm, rcpts, ehlo='[192.168.1.23]', starttls=False, helo_fallback=False, server='smtp.example.net'):
    s = server.encode()
    f.s_(b'220 %s ESMTP Postfix (Debian/GNU)\r\n' % s)
    if helo_fallback:
        f.c_(b'EHLO %s\r\n' % ehlo.encode(), think=0.004)
        f.s_(b'502 5.5.2 Error: command not recognized\r\n')
        f.c_(b'HELO %s\r\n' % ehlo.encode(), think=0.003)
        f.s_(b'250 %s\r\n' % s)
    else:
        f.c_(b'EHLO %s\r\n' % ehlo.encode(), think=0.004)
        f.s_(b'250-%s\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250-ENHANCEDSTATUSCODES\r\n'
             b'250-8BITMIME\r\n250 DSN\r\n' % s)
    if starttls:
        f.c_(b'STARTTLS\r\n', think=0.003)
        f.s_(b'454 4.7.0 TLS not available due to local problem\r\n')
        f.c_(b'EHLO %s\r\n' % ehlo.encode(), think=0.003)
        f.s_(b'250-%s\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n' % s)
    if not helo_fallback:
        cred = base64.b64encode(b'\0' + frm.encode() + b'\0' + k.hexid(12).encode())
        f.c_(b'AUTH PLAIN ' + cred + b'\r\n', think=0.003)
        f.s_(b'235 2.7.0 Authentication successful\r\n')
    if msg is None:
        f.c_(b'QUIT\r\n', think=0.003)
        f.s_(b'221 2.0.0 Bye\r\n')
        return
    f.c_(b'MAIL FROM:<%s>\r\n' % frm.encode(), think=0.003)
    f.s_(b'250 2.1.0 Ok\r\n')
    for r in rcpts:
        f.c_(b'RCPT TO:<%s>\r\n' % r.encode(), think=0.002)
        f.s_(b'250 2.1.5 Ok\r\n')
    f.c_(b'DATA\r\n', think=0.002)
    f.s_(b'354 End data with <CR><LF>.<CR><LF>\r\n')
    f.c_(W.dot_stuff(msg) + b'\r\n.\r\n' if not msg.endswith(b'\r\n') else W.dot_stuff(msg) + b'.\r\n', think=0.002)
    f.s_(b'250 2.0.0 Ok: queued as %s\r\n' % k.hexid(11).upper().encode())
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'221 2.0.0 Bye\r\n')


def smtp_alt_reply(k):
    """A Thunderbird-style reply: multipart/alternative (QP text with the earlier mail quoted, base64 HTML)."""
    f = k.tcp(k.pick([587, 25]))
    fn, tn = T.names2(k)
    frm, to = addr(k), addr(k)
    earlier = T.mailbody(k, fn, tn, 2)
    mine = T.mailbody(k, tn, fn, 2)
    plain = mine + '\n' + ('%s, %s:' % (k.rfc5322(), tn)) + '\n' + quoted(earlier) + '\n'
    dom = frm.split('@')[1]
    parent = mid(k, 'example.org')
    hdrs = ['Message-ID: %s' % mid(k, dom), 'Date: %s' % k.rfc5322(), 'MIME-Version: 1.0',
            'User-Agent: Mozilla Thunderbird', 'Content-Language: %s' % k.lang, 'To: %s <%s>' % (W.rfc2047(tn), to),
            'From: %s <%s>' % (W.rfc2047(fn), frm), 'Subject: %s' % W.rfc2047('Re: ' + T.subject(k)),
            'In-Reply-To: %s' % parent, 'References: %s %s' % (mid(k, 'example.org'), parent)]
    msg = alt_mail(k, hdrs[:2] + hdrs[3:], plain)
    smtp_dialogue(k, f, msg, frm, [to])
    f.close()
    return C.pos('to_server', 'SMTP submission of a Thunderbird-style reply: multipart/alternative, text/plain QP with the '
                 'earlier mail quoted ("> "), text/html base64')


def smtp_starttls_refused(k, chat=True):
    """The server offers STARTTLS but refuses it (454); the client carries on in cleartext."""
    helo = k.var % 4 == 3
    f = k.tcp(25 if helo else 587)
    frm, to = addr(k), addr(k)
    msg = None
    if chat:
        fn, tn = T.names2(k)
        msg = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), T.subject(k),
                     T.mailbody(k, tn, fn), k.rfc5322(), k.uuid() + '@' + frm.split('@')[1], 'utf-8', '8bit',
                     ['X-Mailer: Sylpheed 3.7.0'])
    smtp_dialogue(k, f, msg, frm, [to], starttls=not helo, helo_fallback=helo)
    f.close()
    if not chat:
        return C.neg('SMTP: EHLO, STARTTLS refused (454), AUTH, QUIT: a client checking its account, no mail')
    return C.pos('to_server', 'SMTP %s, then a personal mail in cleartext' % (
        'EHLO refused (502) and HELO fallback' if helo else 'STARTTLS refused (454 4.7.0) and a second EHLO'))


def smtp_starttls_quit(k):
    return smtp_starttls_refused(k, chat=False)


def smtp_outlook_thread(k):
    """Outlook-style top-posted reply above '-----Original Message-----' (two earlier mails), base64 text/plain."""
    f = k.tcp(587)
    fn, tn = T.names2(k)
    frm, to = addr(k), addr(k)
    refs = ' '.join(mid(k, 'example.org') for _ in range(5))
    body = T.mailbody(k, tn, fn, 1)
    for who, whom in ((tn, fn), (fn, tn)):
        body += ('\n-----Original Message-----\nFrom: %s\nSent: %s\nTo: %s\nSubject: %s\n\n%s' % (
            who, k.rfc5322(), whom, T.subject(k), T.mailbody(k, whom, who, 1)))
    hdrs = ['From: %s <%s>' % (W.rfc2047(fn), frm), 'To: %s <%s>' % (W.rfc2047(tn), to),
            'Subject: %s' % W.rfc2047('RE: ' + T.subject(k)), 'Thread-Topic: %s' % W.rfc2047(T.subject(k)),
            'Thread-Index: %s' % base64.b64encode(C.rnd(k, 22)).decode(), 'Date: %s' % k.rfc5322(),
            'Message-ID: %s' % mid(k, frm.split('@')[1]), 'References: %s' % refs, 'In-Reply-To: %s' % refs.split()[-1],
            'X-Mailer: Microsoft Outlook 16.0', 'Content-Language: %s' % k.lang, 'MIME-Version: 1.0',
            'Content-Type: text/plain; charset="utf-8"', 'Content-Transfer-Encoding: base64']
    msg = ('\r\n'.join(hdrs) + '\r\n\r\n' + b64lines(crlf(body).encode()) + '\r\n').encode()
    smtp_dialogue(k, f, msg, frm, [to], ehlo='DESKTOP-%s' % k.hexid(7).upper())
    f.close()
    return C.pos('to_server', 'SMTP: an Outlook-style top-posted reply above two "-----Original Message-----" blocks, base64 '
                 'text/plain, five References')


def pop3_pipelined(k):
    """POP3 with PIPELINING (RFC 2449): three RETRs in one write, the answers back to back."""
    f = k.tcp(110)
    f.s_(b'+OK Dovecot ready.\r\n')
    f.c_(b'CAPA\r\n', think=0.01)
    f.s_(b'+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nUSER\r\nSASL PLAIN\r\n.\r\n')
    f.c_(b'USER %s\r\nPASS %s\r\n' % (T.handle(k).encode(), k.hexid(10).encode()), think=0.003)
    f.s_(b'+OK\r\n+OK Logged in.\r\n')
    f.c_(b'STAT\r\n', think=0.003)
    f.s_(b'+OK 3 %d\r\n' % k.rng.randrange(8000, 20000))
    out = b''
    for i in range(3):
        fn, tn = T.names2(k)
        frm, to = addr(k), addr(k)
        plain = T.mailbody(k, tn, fn, 1 if i else 2)
        m = alt_mail(k, ['Return-Path: <%s>' % frm, 'From: %s <%s>' % (W.rfc2047(fn), frm), 'To: <%s>' % to,
                         'Subject: %s' % W.rfc2047(T.subject(k)), 'Date: %s' % k.rfc5322(), 'Message-ID: %s' % mid(k, 'example.org')],
                     plain)
        out += b'+OK %d octets\r\n' % len(m) + W.dot_stuff(m) + b'.\r\n'
    f.c_(b'RETR 1\r\nRETR 2\r\nRETR 3\r\n', think=0.004)
    f.s_(out)
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'+OK Logging out.\r\n')
    f.close()
    return C.pos('to_client', 'POP3 CAPA with PIPELINING, USER+PASS in one write, RETR 1-3 in one write; multipart/alternative '
                 'mails (QP text, base64 HTML)')


def imap_sections(k, chat=True):
    """Lower-case IMAP (legal: commands are case-insensitive): ENVELOPE list, then HEADER.FIELDS + BODY.PEEK[1]."""
    f = k.tcp(143)
    f.s_(b'* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.\r\n')
    f.c_(b'x1 login %s %s\r\n' % (T.handle(k).encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'x1 OK Logged in\r\n')
    f.c_(b'x2 examine inbox\r\n', think=0.003)
    f.s_(b'* 41 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1699001122] UIDs valid\r\nx2 OK [READ-ONLY] Examine completed\r\n')
    if not chat:
        f.c_(b'x3 uid search unseen since 1-Mar-2025\r\n', think=0.003)
        f.s_(b'* SEARCH 4102 4107 4111\r\nx3 OK Search completed\r\n')
        f.c_(b'x4 status "Archive/2024" (messages unseen uidnext)\r\n', think=0.003)
        f.s_(b'* STATUS "Archive/2024" (MESSAGES 1834 UNSEEN 0 UIDNEXT 1835)\r\nx4 OK Status completed\r\n')
        f.c_(b'x5 logout\r\n', think=0.01)
        f.s_(b'* BYE Logging out\r\nx5 OK Logout completed.\r\n')
        f.close()
        return C.neg('lower-case IMAP: EXAMINE, UID SEARCH, STATUS only (no message content)')
    for i in range(k.rng.randrange(1, 3)):
        uid = 4100 + i * 7
        fn, tn = T.names2(k)
        plain = T.mailbody(k, tn, fn, 2)
        hdr = ('From: %s <%s>\r\nTo: %s\r\nSubject: %s\r\n\r\n' % (W.rfc2047(fn), addr(k), addr(k), W.rfc2047(T.subject(k)))).encode()
        part = crlf(W.qp(plain.encode())).encode()
        f.c_(b'x%d uid fetch %d (body.peek[header.fields (from to subject)] body.peek[1])\r\n' % (3 + i, uid), think=k.human(1, 8))
        f.s_(b'* %d FETCH (UID %d BODY[HEADER.FIELDS (FROM TO SUBJECT)] {%d}\r\n' % (30 + i, uid, len(hdr)) + hdr +
             b' BODY[1] {%d}\r\n' % len(part) + part + b')\r\nx%d OK Fetch completed\r\n' % (3 + i))
    f.c_(b'x9 logout\r\n', think=0.01)
    f.s_(b'* BYE Logging out\r\nx9 OK Logout completed.\r\n')
    f.close()
    return C.pos('to_client', 'lower-case IMAP UID FETCH of HEADER.FIELDS and BODY.PEEK[1] (the text/plain part, '
                 'quoted-printable) of multipart/alternative mail')


def imap_search_only(k):
    return imap_sections(k, chat=False)


def irc_labeled_echo(k):
    """IRCv3 labeled-response + echo-message: the client's tagged PRIVMSG comes back with msgid and time."""
    f = k.tcp(6667)
    me = T.nick(k)
    C.irc_login(k, f, me, cap='labeled-response echo-message message-tags server-time batch')
    chan = '#' + k.pick(['balcony-gardeners', 'street-42', 'cousins'])
    C.irc_join(k, f, me, chan, [T.nick(k), T.nick(k)])
    for i, t in enumerate(T.lines(k, 3)):
        if i % 2 == 0:
            lab = k.hexid(6)
            f.c_(b'@label=%s PRIVMSG %s :%s\r\n' % (lab.encode(), chan.encode(), t.encode()), think=k.human())
            f.s_(b'@label=%s;msgid=%s;time=%s :%s!~%s@192.0.2.55 PRIVMSG %s :%s\r\n' % (
                lab.encode(), k.hexid(16).encode(), k.iso(f).encode(), me.encode(), me.encode(), chan.encode(), t.encode()))
        else:
            o = T.nick(k)
            f.s_(b'@msgid=%s;time=%s :%s!~%s@203.0.113.80 PRIVMSG %s :%s\r\n' % (
                k.hexid(16).encode(), k.iso(f).encode(), o.encode(), o.encode(), chan.encode(), t.encode()), think=k.human())
    f.c_(b'QUIT :bye\r\n', think=k.human(2, 10))
    f.s_(b'ERROR :Closing Link: %s (Quit: bye)\r\n' % me.encode())
    f.close()
    return C.pos('-', 'IRCv3 labeled-response + echo-message: tagged PRIVMSGs sent and echoed with msgid/time, another '
                 'member\'s PRIVMSG received')


def xmpp_muc(k, chat=True):
    """XMPP multi-user chat: join presence, delayed history, groupchat messages with XHTML-IM bodies."""
    recv = k.var % 2 == 1
    f = k.tcp(5222)
    me = T.handle(k)
    C.xmpp_login(k, f, me)
    room = '%s@conference.example.net' % k.pick(['allotment', 'stairwell-b', 'wedding-crew'])
    f.c_(("<presence to='%s/%s'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='5'/></x></presence>" % (
        room, me)).encode(), think=0.3)
    f.s_(("<presence from='%s/%s' to='%s@example.net/phone'><x xmlns='http://jabber.org/protocol/muc#user'><item "
          "affiliation='member' role='participant'/><status code='110'/></x></presence>" % (room, me, me)).encode())
    if not chat:
        for i in range(k.rng.randrange(3, 5)):
            o = T.handle(k)
            f.s_(("<presence from='%s/%s'><show>%s</show><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' "
                  "role='participant'/></x></presence>" % (room, o, k.pick(['away', 'xa', 'dnd']))).encode(), think=k.human(20, 90))
        f.c_(b"</stream:stream>", think=5.0)
        f.close()
        return C.neg('XMPP MUC: join and occupants\' presence only')
    for i, t in enumerate(T.lines(k, 3)):
        o = T.handle(k)
        if recv or i == 0:
            delay = ("<delay xmlns='urn:xmpp:delay' stamp='%s' from='%s'/>" % (k.iso(), room)) if i == 0 else ''
            f.s_(("<message from='%s/%s' to='%s@example.net/phone' type='groupchat' xml:lang='%s'><body>%s</body>"
                  "<stanza-id xmlns='urn:xmpp:sid:0' id='%s' by='%s'/><occupant-id xmlns='urn:xmpp:occupant-id:0' id='%s'/>%s"
                  "</message>" % (room, o, me, k.lang, C.xml_esc(t), k.uuid(), room, k.hexid(20), delay)).encode(),
                 think=k.human() if i else 0.05)
        else:
            f.c_(("<message to='%s' type='groupchat' id='%s'><body>%s</body><html xmlns='http://jabber.org/protocol/xhtml-im'>"
                  "<body xmlns='http://www.w3.org/1999/xhtml'><p>%s</p></body></html></message>" % (
                      room, k.hexid(8), C.xml_esc(t), C.xml_esc(t))).encode(), think=k.human())
            f.s_(("<message from='%s/%s' to='%s@example.net/phone' type='groupchat'><body>%s</body></message>" % (
                room, me, me, C.xml_esc(t))).encode())
    f.c_(b"</stream:stream>", think=k.human(2, 8))
    f.close()
    if recv:
        return C.pos('to_client', 'XMPP MUC groupchat: delayed history and live messages from other occupants received')
    return C.pos('-', 'XMPP MUC groupchat: one delayed history message received, groupchat messages with XHTML-IM sent '
                 '(and reflected by the room)')


def xmpp_muc_presence(k):
    return xmpp_muc(k, chat=False)


def mqtt_connect_will(client_id, will_topic, will_msg, user):
    flags = 0xc0 | 0x04 | 0x20 | 0x08       # user, password, will flag, will retain, will QoS 1, clean session off
    vh = C.mqtt_str('MQTT') + bytes([4, flags]) + struct.pack('!H', 30)
    pl = C.mqtt_str(client_id) + C.mqtt_str(will_topic) + C.mqtt_str(will_msg) + C.mqtt_str(user) + C.mqtt_str('p' * 10)
    return b'\x10' + C.mqtt_remlen(len(vh) + len(pl)) + vh + pl


def mqtt_will(k, chat=True):
    """MQTT 3.1.1 with a last will, persistent session, pings; a QoS 1 chat publish retransmitted with DUP."""
    recv = k.var % 2 == 1
    f = k.tcp(1883)
    cid = 'mob-%s' % k.hexid(8)
    f.c_(mqtt_connect_will(cid, 'presence/%s' % cid, 'offline', T.handle(k)), think=0.02)
    f.s_(b'\x20\x02\x01\x00')                # session present
    f.c_(b'\xc0\x00', think=k.human(10, 25))
    f.s_(b'\xd0\x00')
    if not chat:
        for i in range(k.rng.randrange(3, 6)):
            f.c_(b'\xc0\x00', think=30.0)
            f.s_(b'\xd0\x00')
        f.c_(b'\xe0\x00', think=30.0)
        f.close()
        return C.neg('MQTT CONNECT with a last will ("offline"), PINGREQ/PINGRESP every 30 s, DISCONNECT: no chat')
    room = 'chat/rooms/%s' % k.hexid(6)
    a, b = T.names2(k)
    if recv:
        f.c_(C.mqtt_subscribe(room + '/#', 3), think=0.1)
        f.s_(C.mqtt_suback(3))
    for i, t in enumerate(T.lines(k, 3)):
        pid = 200 + i
        body = W.jdump({'from': b if recv else a, 'to': room.split('/')[-1], 'ts': k.epoch_ms(f), 'body': t})
        pkt = C.mqtt_publish(room + '/msg', body, qos=1, pid=pid)
        if recv:
            f.s_(pkt, think=k.human())
            f.c_(C.mqtt_puback(pid))
        else:
            f.c_(pkt, think=k.human())
            if i == 1:
                f.c_(bytes([pkt[0] | 0x08]) + pkt[1:], think=10.0)      # no PUBACK seen: resent with DUP
            f.s_(C.mqtt_puback(pid))
        f.c_(b'\xc0\x00', think=k.human(5, 15))
        f.s_(b'\xd0\x00')
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MQTT with a last will and a persistent session, pings between '
                 'QoS 1 chat publishes %s' % ('received' if recv else 'sent (one retransmitted with DUP)'))


def mqtt_will_only(k):
    return mqtt_will(k, chat=False)


def http_go_gzip(k):
    """A Go client's chat POST: Go's header order, gzip body sent with chunked transfer coding."""
    f = k.tcp(k.pick([80, 8080]))
    a, b = T.names2(k)
    for i, t in enumerate(T.lines(k, 2)):
        rec = C.chat_record(k, k.var % 4, t, a, b, f)
        z = gzip.compress(W.jdump(rec), mtime=0)
        cut = k.rng.randrange(10, max(11, len(z) - 5))
        body = b'%x\r\n' % cut + z[:cut] + b'\r\n' + b'%x\r\n' % (len(z) - cut) + z[cut:] + b'\r\n0\r\n\r\n'
        head = ('POST /v1/messages HTTP/1.1\r\nHost: chat.example.net\r\nUser-Agent: Go-http-client/1.1\r\n'
                'Transfer-Encoding: chunked\r\nAuthorization: Bearer %s\r\nContent-Encoding: gzip\r\n'
                'Content-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n' % k.hexid(32)).encode()
        f.c_(head + body, think=k.human() if i else 0.3)
        f.s_(ok(W.jdump({'id': k.uuid(), 'status': 'sent'}), status=201))
    f.close()
    return C.pos('to_server', 'chat records with from/to/time POSTed by a Go client: gzip Content-Encoding inside '
                 'chunked Transfer-Encoding')


def ws_fragmented(k, chat=True):
    """WebSocket chat records split into continuation frames, pings answered between the fragments."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8080, 3000]))
    ws_open(k, f, '/socket/v2', 'chat.example.net')
    if not chat:
        for i in range(k.rng.randrange(4, 7)):
            f.c_(wc(k, W.jdump({'type': 'ack', 'id': k.uuid(), 'state': k.pick(['delivered', 'read'])})), think=k.human())
            f.s_(ws_(W.jdump({'type': 'ack_ok', 'id': k.uuid()})))
        f.close()
        return C.neg('WebSocket: delivery and read acknowledgements (message ids only)')
    a, b = T.names2(k)
    for t in T.lines(k, 3):
        rec = W.jdump({'type': 'message', 'from': b if recv else a, 'to': a if recv else b, 'sent': k.iso(f), 'text': t})
        cuts = sorted(k.rng.sample(range(5, len(rec) - 2), 2))
        parts = [rec[:cuts[0]], rec[cuts[0]:cuts[1]], rec[cuts[1]:]]
        for j, p in enumerate(parts):
            op, fin = (1 if j == 0 else 0), j == 2
            if recv:
                f.s_(ws_(p, op, fin), think=k.human() if j == 0 else 0.002)
                if j == 0:
                    f.s_(ws_(b'', 9), think=0.001)
                    f.c_(wc(k, b'', 10))
            else:
                f.c_(wc(k, p, op, fin), think=k.human() if j == 0 else 0.002)
                if j == 0:
                    f.c_(wc(k, b'hb', 9), think=0.001)
                    f.s_(ws_(b'hb', 10))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'WebSocket chat records (from/to/time/text) fragmented into three '
                 'frames with a ping/pong between the fragments, %s' % ('received' if recv else 'sent'))


def ws_acks(k):
    return ws_fragmented(k, chat=False)


def pop3_stls(k, home=False, chat=True):
    """POP3 STLS refused (-ERR), then USER/PASS in cleartext."""
    f = k.tcp(110, device_server=home)
    f.s_(b'+OK POP3 ready\r\n')
    f.c_(b'CAPA\r\n', think=0.01)
    f.s_(b'+OK Capability list follows\r\nUSER\r\nUIDL\r\nTOP\r\nSTLS\r\n.\r\n')
    f.c_(b'STLS\r\n', think=0.003)
    f.s_(b'-ERR TLS not available now\r\n')
    f.c_(b'USER %s\r\n' % T.handle(k).encode(), think=0.003)
    f.s_(b'+OK\r\n')
    f.c_(b'PASS %s\r\n' % k.hexid(10).encode(), think=0.003)
    f.s_(b'+OK mailbox locked\r\n')
    if not chat:
        f.c_(b'STAT\r\n', think=0.003)
        f.s_(b'+OK 0 0\r\n')
        f.c_(b'QUIT\r\n', think=0.003)
        f.s_(b'+OK bye\r\n')
        f.close()
        return C.neg('POP3: CAPA, STLS refused, login, STAT of an empty mailbox%s' % (' on a home server' if home else ''))
    msgs = []
    for i in range(k.rng.randrange(1, 3)):
        fn, tn = T.names2(k)
        msgs.append(W.mail('%s <%s>' % (W.rfc2047(fn), addr(k)), '<%s>' % addr(k), T.subject(k), T.mailbody(k, tn, fn),
                           k.rfc5322(), k.uuid() + '@example.org', 'utf-8', k.pick(['8bit', 'quoted-printable'])))
    f.c_(b'STAT\r\n', think=0.003)
    f.s_(b'+OK %d %d\r\n' % (len(msgs), sum(len(m) for m in msgs)))
    for i, m in enumerate(msgs):
        f.c_(b'RETR %d\r\n' % (i + 1), think=0.004)
        f.s_(b'+OK\r\n' + W.dot_stuff(m) + b'.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK bye\r\n')
    f.close()
    return C.pos('to_server' if home else 'to_client', 'POP3 STLS refused (-ERR), login and RETR in cleartext%s' % (
        ' from a home server to an outside client' if home else ''))


def pop3_stls_empty(k):
    return pop3_stls(k, chat=False)


def smtp_lowercase(k, chat=True):
    """Lower-case SMTP verbs, a space after "MAIL FROM:", header names in odd case, a folded encoded-word Subject."""
    f = k.tcp(25)
    f.s_(b'220 mx.example.org ESMTP Exim 4.97 %s\r\n' % k.rfc5322().encode())
    f.c_(b'ehlo  home-pc\r\n', think=0.01)
    f.s_(b'250-mx.example.org Hello home-pc [192.0.2.1]\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 HELP\r\n')
    if not chat:
        for cmd, rep in ((b'vrfy postmaster', b'252 Administrative prohibition'), (b'expn staff', b'550 Administrative prohibition'),
                         (b'noop', b'250 OK'), (b'quit', b'221 mx.example.org closing connection')):
            f.c_(cmd + b'\r\n', think=0.01)
            f.s_(rep + b'\r\n')
        f.close()
        return C.neg('lower-case SMTP probe: ehlo, vrfy, expn, noop, quit (no mail)')
    fn, tn = T.names2(k)
    frm, to = addr(k), addr(k, 'example.org')
    subj = T.subject(k)
    half = len(subj) // 2
    subj = subj if subj.isascii() else W.rfc2047(subj[:half]) + '\r\n ' + W.rfc2047(subj[half:])
    hdrs = ['Received: from [127.0.0.1] (localhost)\r\n\tby home-pc with esmtp; %s' % k.rfc5322(),
            'FROM: %s <%s>' % (W.rfc2047(fn), frm), 'to:   %s <%s>' % (W.rfc2047(tn), to),
            'SUBJECT: %s' % subj, 'date: %s' % k.rfc5322(),
            'message-id: %s' % mid(k, frm.split('@')[1]), 'mime-version: 1.0', 'content-type: text/plain;\r\n  charset="utf-8"',
            'content-transfer-encoding: 8BIT']
    body = T.mailbody(k, tn, fn, 4)
    msg = ('\r\n'.join(hdrs) + '\r\n\r\n').encode() + crlf(body).encode()
    for cmd, rep in (('mail from: <%s>' % frm, '250 OK'), ('rcpt to: <%s>' % to, '250 Accepted'),
                     ('data', '354 Enter message, ending with "." on a line by itself')):
        f.c_(cmd.encode() + b'\r\n', think=0.01)
        f.s_(rep.encode() + b'\r\n')
    f.c_(W.dot_stuff(msg) + b'.\r\n', think=0.01)
    f.s_(b'250 OK id=1u%s-000%s-2Q\r\n' % (k.hexid(5).encode(), k.hexid(3).encode()))
    f.c_(b'quit\r\n', think=0.01)
    f.s_(b'221 mx.example.org closing connection\r\n')
    f.close()
    return C.pos('to_server', 'SMTP with lower-case verbs, "mail from: <…>" with a space, header names in odd case, a '
                 'folded encoded-word Subject, a four-paragraph letter')


def smtp_lowercase_probe(k):
    return smtp_lowercase(k, chat=False)


def http_pretty_json(k, chat=True):
    """A JavaScript client (lower-case header names, axios order) posting pretty-printed JSON chat records."""
    f = k.tcp(k.pick([80, 3000]))
    a, b = T.names2(k) if chat else ('', '')
    items = T.lines(k, 2) if chat else [None, None]
    for i, t in enumerate(items):
        if chat:
            rec = C.chat_record(k, (k.var + i) % 4, t, a, b, f)
        else:
            rec = {'settings': {'theme': k.pick(['dark', 'light']), 'enterToSend': True, 'fontSize': k.rng.randrange(12, 20)},
                   'updatedAt': k.iso(f)}
        body = json.dumps(rec, indent=2, ensure_ascii=k.var % 2 == 1).encode()
        head = ('POST /api/%s HTTP/1.1\r\naccept: application/json, text/plain, */*\r\ncontent-type: application/json\r\n'
                'authorization: Bearer %s\r\nuser-agent: axios/1.6.8\r\ncontent-length: %d\r\naccept-encoding: gzip, compress, '
                'deflate, br\r\nhost: app.example.net\r\nconnection: keep-alive\r\n\r\n' % (
                    'messages' if chat else 'me/settings', k.hexid(36), len(body))).encode()
        f.c_(head + body, think=k.human() if i else 0.3)
        f.s_(ok(W.jdump({'ok': True, 'id': k.uuid()}), status=201 if chat else 200))
    f.close()
    if not chat:
        return C.neg('the same JavaScript client saving its settings as pretty-printed JSON')
    return C.pos('to_server', 'chat records with sender/recipient/time as pretty-printed JSON (%s) from a JavaScript '
                 'client: lower-case header names, Host last' % ('\\u escapes' if k.var % 2 else 'UTF-8'))


def http_pretty_settings(k):
    return http_pretty_json(k, chat=False)


FA_CASES = [
    (FA, F, 'smtp-alt-reply', smtp_alt_reply, rot(6, 0)),
    (FA, F, 'smtp-starttls-refused', smtp_starttls_refused, rot(4, 3)),
    (FA, F, 'smtp-outlook-thread', smtp_outlook_thread, rot(4, 9)),
    (FA, F, 'pop3-pipelined', pop3_pipelined, rot(4, 15)),
    (FA, F, 'imap-sections', imap_sections, rot(4, 21)),
    (FA, F, 'irc-labeled-echo', irc_labeled_echo, rot(4, 27)),
    (FA, F, 'xmpp-muc', xmpp_muc, rot(4, 33)),
    (FA, F, 'mqtt-will', mqtt_will, rot(4, 39)),
    (FA, F, 'http-go-gzip', http_go_gzip, rot(4, 45)),
    (FA, F, 'ws-fragmented', ws_fragmented, rot(4, 51)),
    (FA, F, 'smtp-lowercase', smtp_lowercase, rot(4, 14)),
    (FA, F, 'http-pretty-json', http_pretty_json, rot(4, 20)),
    (FA, F, 'smtp-starttls-quit', smtp_starttls_quit, NONE * 2),
    (FA, F, 'imap-search-only', imap_search_only, NONE * 2),
    (FA, F, 'xmpp-muc-presence', xmpp_muc_presence, NONE * 2),
    (FA, F, 'mqtt-will-only', mqtt_will_only, NONE * 2),
    (FA, F, 'ws-acks', ws_acks, NONE * 2),
    (FA, F, 'pop3-stls-empty', pop3_stls_empty, NONE * 2),
    (FA, F, 'smtp-lowercase-probe', smtp_lowercase_probe, NONE * 2),
    (FA, F, 'http-pretty-settings', http_pretty_settings, NONE * 2),
]


# ========================================================================= sender outside the record
SO = 'sender-outside'


def so_bare_string(k):
    """PUT of a bare JSON string; room, transaction and author are only in the path and headers."""
    f = k.tcp(k.pick([80, 8008]))
    room = '!%s:example.net' % k.hexid(10)
    for i, t in enumerate(T.lines(k, 2)):
        txn = 'm%d.%d' % (k.epoch_ms(f), i)
        body = W.jdump(t)
        f.c_(req('PUT', '/api/v2/channels/%s/messages/%s' % (W.urlenc(room), txn), 'chat.example.net',
                 ['X-User-Id: u_%s' % k.hexid(8), 'Authorization: Bearer %s' % k.hexid(40), C.ua(k)], body, 'application/json'),
             think=k.human() if i else 0.3)
        f.s_(ok(W.jdump({'event_id': '$' + k.hexid(20)})))
    f.close()
    return C.pos('to_server', 'PUT of a bare JSON string (the body is only "…"); channel and transaction in the path, '
                 'author in a header')


def so_markdown(k):
    f = k.tcp(80)
    a, b = T.lines(k, 2)
    md = '**%s**\n\n%s\n' % (a, b) if k.var % 2 else '%s\n\n- %s\n' % (a, b)
    f.c_(req('POST', '/t/%s/%d/replies' % (k.pick(['balcony-garden', 'street-news', 'lost-and-found']), k.rng.randrange(900, 9000)),
             'forum.example.org', [C.ua(k), 'Cookie: _forum_session=%s' % k.hexid(32), 'X-CSRF-Token: %s' % k.hexid(24)],
             md.encode(), 'text/markdown; charset=utf-8'), think=0.5)
    f.s_(ok(W.jdump({'post_number': k.rng.randrange(2, 80), 'cooked': None}), status=201))
    f.close()
    return C.pos('to_server', 'a forum reply POSTed as a text/markdown body; thread in the path, author in the session cookie')


def so_signed_webhook(k, chat=True):
    """An invented chat product ("Larkspur") posting its signed outgoing webhook from a home server."""
    f = k.tcp(80)
    if chat:
        ev = {'event': 'message.created', 'data': {'thread': 'th_%s' % k.hexid(8), 'plain': T.line(k)}}
    else:
        ev = {'event': k.pick(['export.finished', 'member.joined']), 'data': {
            'thread': 'th_%s' % k.hexid(8), 'plain': k.pick(['Export of 3 channels finished (14.2 MB).',
                                                             'A new member joined the workspace.'])}}
    body = W.jdump(ev)
    sig = hashlib.sha256(b'secret' + body).hexdigest()
    f.c_(req('POST', '/in/%s' % k.hexid(20), 'hooks.example.com', ['User-Agent: Larkspur-Hookshot/2.1',
             'X-Larkspur-Event: %s' % ev['event'], 'X-Larkspur-Actor: %s' % ('u_' + k.hexid(6) if chat else 'system'),
             'X-Larkspur-Signature: sha256=%s' % sig, 'X-Larkspur-Delivery: %s' % k.uuid()], body, 'application/json'), think=0.8)
    f.s_(ok(b'', None, 204))
    f.close()
    if not chat:
        return C.neg('the same signed webhook carrying a program-written event (export finished / member joined)', 'en')
    return C.pos('to_server', 'a home chat server\'s signed outgoing webhook (invented product) relaying what a person '
                 'wrote: {event, data:{thread, plain}}; the author only in a header')


def so_webhook_system(k):
    return so_signed_webhook(k, chat=False)


def so_header_text(k):
    """The text travels in an RFC 8187 extended header value; the body is empty."""
    f = k.tcp(80)
    t = T.line(k)
    f.c_(req('POST', '/v1/nudge/%s' % T.handle(k), 'buzz.example.net', [C.ua(k), "Message*: UTF-8''%s" % ''.join(
        c if c.isascii() and c.isalnum() else ''.join('%%%02X' % x for x in c.encode()) for c in t),
        'Content-Length: 0']), think=0.4)
    f.s_(ok(W.jdump({'queued': True}), status=202))
    f.close()
    return C.pos('to_server', 'an empty POST whose text is an RFC 8187 header value (Message*: UTF-8\'\'%-encoded); '
                 'recipient in the path')


def so_ws_binary(k, chat=True):
    """Binary WebSocket frames of raw UTF-8 text; the room is the URL path."""
    recv = k.var % 2 == 1
    f = k.tcp(k.pick([80, 8081]))
    ws_open(k, f, '/ws/r/%s' % k.hexid(8), 'talk.example.org')
    if not chat:
        for i in range(k.rng.randrange(5, 9)):
            f.s_(ws_(b'\x01' + C.rnd(k, 8) + bytes([k.rng.randrange(0, 3)]), 2), think=k.human(5, 30))
        f.close()
        return C.neg('binary WebSocket frames of presence codes (type byte, user id, state)')
    for t in T.lines(k, 3):
        if recv:
            f.s_(ws_(t.encode(), 2), think=k.human())
        else:
            f.c_(wc(k, t.encode(), 2), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'binary (opcode 2) WebSocket frames that are only UTF-8 text, '
                 'the room in the path, %s' % ('received' if recv else 'sent'))


def so_ws_presence(k):
    return so_ws_binary(k, chat=False)


def so_review(k, text=True):
    f = k.tcp(80)
    sku = 'KT-%d' % k.rng.randrange(1000, 9999)
    if text:
        body = W.form([('rating', str(k.rng.randrange(3, 6))), ('nickname', T.handle(k)), ('review', X.REVIEW[k.lang]),
                       ('recommend', 'yes')])
        f.c_(req('POST', '/p/%s/reviews' % sku, 'shop.example.com', [C.ua(k), 'Cookie: sid=%s' % k.hexid(24)], body,
                 'application/x-www-form-urlencoded'), think=2.0)
    else:
        f.c_(req('POST', '/api/p/%s/rating' % sku, 'shop.example.com', [C.ua(k)], W.jdump({'stars': k.rng.randrange(1, 6)}),
                 'application/json'), think=2.0)
    f.s_(ok(W.jdump({'ok': True}), status=201))
    f.close()
    if not text:
        return C.neg('a star rating without any text')
    return C.pos('to_server', 'a product review a person wrote, posted to a shop\'s page (a post, like a blog comment)')


def so_rating_only(k):
    return so_review(k, text=False)


def so_yaml(k):
    f = k.tcp(80)
    t = T.line(k)
    body = 'room: r-%s\nsilent: false\ntext: |\n  %s\n' % (k.hexid(4), t)
    f.c_(req('POST', '/send', 'relay.example.net', [C.ua(k), 'X-Api-Key: %s' % k.hexid(32)], body.encode(),
             'application/yaml'), think=0.4)
    f.s_(ok(b'status: queued\n', 'application/yaml', 202))
    f.close()
    return C.pos('to_server', 'a YAML body (room, literal block scalar text) POSTed to a relay')


SO_CASES = [
    (SO, U, 'so-bare-string', so_bare_string, rot(4, 2)),
    (SO, U, 'so-markdown', so_markdown, rot(4, 8)),
    (SO, U, 'so-signed-webhook', so_signed_webhook, rot(4, 14)),
    (SO, U, 'so-header-text', so_header_text, rot(2, 20)),
    (SO, U, 'so-ws-binary', so_ws_binary, rot(4, 26)),
    (SO, U, 'so-review', so_review, ['sk', 'ja', 'bg', 'pt']),
    (SO, U, 'so-yaml', so_yaml, rot(2, 32)),
    (SO, U, 'so-webhook-system', so_webhook_system, ['en', 'en']),
    (SO, U, 'so-ws-presence', so_ws_presence, NONE * 2),
    (SO, U, 'so-rating-only', so_rating_only, NONE * 2),
]


# ========================================================================= binary framing
BF = 'binary-framing'


def fb_table(fields):
    """A FlatBuffers-like buffer: root offset, vtable, table of 32-bit slots, strings (length, bytes, NUL, padding)."""
    n = len(fields)
    vt_off, vt_size = 4, 4 + 2 * n
    pad = (4 - (vt_off + vt_size) % 4) % 4
    tbl = vt_off + vt_size + pad
    obj = 4 + 4 * n
    tail, slots = b'', b''
    for i, v in enumerate(fields):
        if isinstance(v, int):
            slots += struct.pack('<I', v & 0xffffffff)
            continue
        b = v.encode()
        slots += struct.pack('<I', tbl + obj + len(tail) - (tbl + 4 + 4 * i))
        s = struct.pack('<I', len(b)) + b + b'\0'
        tail += s + b'\0' * ((4 - len(s) % 4) % 4)
    vt = struct.pack('<HH', vt_size, obj) + b''.join(struct.pack('<H', 4 + 4 * i) for i in range(n))
    return struct.pack('<I', tbl) + vt + b'\0' * pad + struct.pack('<i', tbl - vt_off) + slots + tail


def bf_flatbuf(k, chat=True):
    recv = chat and k.var % 2 == 1
    f = k.tcp(7400)

    def fr(b):
        return struct.pack('<I', len(b)) + b
    f.c_(fr(fb_table([0, 'dev-%s' % k.hexid(8), k.hexid(32)])), think=0.05)
    f.s_(fr(fb_table([0, 'ok'])))
    if not chat:
        for i in range(k.rng.randrange(5, 9)):
            f.c_(fr(fb_table([7, 'thermo-%d' % (i % 3), k.rng.randrange(180, 260), 'ok'])), think=15.0)
        f.close()
        return C.neg('FlatBuffers-like frames of a thermostat (device, temperature, status)')
    conv = 'c-%s' % k.hexid(6)
    for t in T.lines(k, 3):
        if recv:
            f.s_(fr(fb_table([1, conv, k.epoch_ms(f) // 1000, t])), think=k.human())
            f.c_(fr(fb_table([2, conv])))
        else:
            f.c_(fr(fb_table([1, conv, k.epoch_ms(f) // 1000, t])), think=k.human())
            f.s_(fr(fb_table([2, conv])))
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'FlatBuffers-like tables (vtable, 32-bit slots, length-prefixed '
                 'strings) in 4-byte little-endian frames, %s' % ('received' if recv else 'sent'))


def bf_flatbuf_telemetry(k):
    return bf_flatbuf(k, chat=False)


def ber(tag, content):
    n = len(content)
    if n < 128:
        ln = bytes([n])
    elif n < 256:
        ln = b'\x81' + bytes([n])
    else:
        ln = b'\x82' + struct.pack('!H', n)
    return bytes([tag]) + ln + content


def ber_int(v):
    return ber(0x02, v.to_bytes(max(1, (v.bit_length() + 8) // 8), 'big'))


def bf_asn1(k, chat=True):
    """ASN.1 BER PDUs (APPLICATION 5 = a message: id, [0] room, UTF8String or BMPString text)."""
    bmp = k.var % 2 == 1
    f = k.tcp(4455)
    f.c_(ber(0x60, ber_int(1) + ber(0x04, T.handle(k).encode()) + ber(0x80, k.hexid(16).encode())), think=0.05)
    f.s_(ber(0x61, ber(0x0a, b'\x00')))
    if not chat:
        for i in range(k.rng.randrange(4, 8)):
            f.c_(ber(0x69, ber_int(i + 2) + ber(0x13, b'sensor-%d' % (i % 3)) + ber_int(k.rng.randrange(900, 1100)) +
                     ber_int(k.rng.randrange(20, 90))), think=30.0)
        f.close()
        return C.neg('ASN.1 BER PDUs carrying sensor readings (PrintableString names, INTEGERs)')
    room = 'room-%s' % k.hexid(4)
    for i, t in enumerate(T.lines(k, 3)):
        txt = ber(0x1e, t.encode('utf-16-be')) if bmp else ber(0x0c, t.encode())
        f.c_(ber(0x65, ber_int(100 + i) + ber(0x80, room.encode()) + txt), think=k.human())
        f.s_(ber(0x66, ber_int(100 + i) + ber(0x0a, b'\x00')))
    f.close()
    return C.pos('to_server', 'ASN.1 BER message PDUs, the text a %s' % ('BMPString (UTF-16BE)' if bmp else 'UTF8String'))


def bf_asn1_metrics(k):
    return bf_asn1(k, chat=False)


def bf_thrift_http(k):
    f = k.tcp(9090)
    room = 'grp-%s' % k.hexid(5)
    for i, t in enumerate(T.lines(k, 2)):
        body = W.thrift_bin_call('postMessage', i + 1, [(1, W.T_STRING, room), (2, W.T_STRING, t), (3, W.T_I64, k.epoch_ms(f))])
        f.c_(req('POST', '/thrift/chat', 'rpc.example.net', ['User-Agent: Python/THttpClient', 'Accept: application/x-thrift'],
                 body, 'application/x-thrift'), think=k.human() if i else 0.2)
        f.s_(ok(W.thrift_bin_call('postMessage', i + 1, [(0, W.T_STRING, k.hexid(12))], mtype=2), 'application/x-thrift'))
    f.close()
    return C.pos('to_server', 'Thrift binary protocol calls over HTTP (THttpClient, application/x-thrift): postMessage(room, text, ts)')


def hstr(s):
    n = len(s.encode('utf-16-le')) // 2
    b = s.encode()
    if n < 32:
        return bytes([n]) + b
    if n < 1024:
        return bytes([0x30 + (n >> 8), n & 0xff]) + b
    return b'S' + struct.pack('!H', n) + b


def bf_hessian(k, chat=True):
    """Hessian 2.0 calls over HTTP: 'H' 2 0, 'C' method, arg count, compact strings."""
    f = k.tcp(8080)
    if chat:
        calls = [('sendNote', [T.handle(k), t]) for t in T.lines(k, 2)]
    else:
        calls = [('putSetting', ['theme', 'dark']), ('putSetting', ['locale', 'en_GB']), ('putSetting', ['fontScale', '1.15'])]
    for i, (m, args) in enumerate(calls):
        body = b'H\x02\x00C' + hstr(m) + bytes([0x90 + len(args)]) + b''.join(hstr(a) for a in args)
        f.c_(req('POST', '/remoting/NoteService', 'app.example.com', ['User-Agent: Java/17.0.9'], body, 'x-application/hessian'),
             think=k.human() if chat and i else 0.3)
        f.s_(ok(b'H\x02\x00R' + hstr('ok'), 'x-application/hessian'))
    f.close()
    if not chat:
        return C.neg('Hessian 2.0 calls storing settings (key, value)')
    return C.pos('to_server', 'Hessian 2.0 calls over HTTP: sendNote(recipient, text) with compact strings')


def bf_hessian_config(k):
    return bf_hessian(k, chat=False)


def bstr(s):
    b = s.encode()
    return struct.pack('<Q', len(b)) + b


def bf_bincode(k, chat=True):
    """bincode-encoded enums (u32 variant, u64 lengths) in 4-byte big-endian frames, between game clients and a lobby."""
    recv = chat and k.var % 2 == 1
    f = k.tcp(9870)

    def fr(b):
        return struct.pack('!I', len(b)) + b
    f.c_(fr(struct.pack('<I', 0) + bstr(T.handle(k)) + struct.pack('<H', 3)), think=0.05)
    f.s_(fr(struct.pack('<I', 1) + struct.pack('<Q', k.rng.getrandbits(48))))
    if not chat:
        for i in range(k.rng.randrange(30, 60)):
            f.c_(fr(struct.pack('<I', 3) + bstr('player-7') + struct.pack('<fff', *(k.rng.uniform(-50, 50) for _ in range(3)))), think=0.1)
        f.close()
        return C.neg('bincode frames of player positions')
    for t in T.lines(k, 3):
        if recv:
            f.s_(fr(struct.pack('<I', 5) + bstr(T.handle(k)) + bstr(t) + struct.pack('<q', k.epoch_ms(f))), think=k.human())
        else:
            f.c_(fr(struct.pack('<I', 4) + bstr('lobby') + bstr(t)), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'bincode enums (u32 variant, u64 length strings) in a lobby '
                 'protocol, chat %s' % ('received' if recv else 'sent'))


def bf_bincode_state(k):
    return bf_bincode(k, chat=False)


def bf_mqtt_pb(k, chat=True):
    recv = k.var % 2 == 1
    f = k.tcp(1883)
    f.c_(C.mqtt_connect('app-%s' % k.hexid(10), T.handle(k)), think=0.02)
    f.s_(C.MQTT_CONNACK)
    if not chat:
        for i in range(k.rng.randrange(5, 8)):
            f.c_(C.mqtt_publish('t/%s' % k.hexid(6), W.pb([(1, k.rng.randrange(100)), (2, k.rng.uniform(0, 40)), (3, 'ok')])), think=20.0)
        f.close()
        return C.neg('MQTT publishes of protobuf telemetry (id, value, status)')
    room = k.hexid(8)
    if recv:
        f.c_(C.mqtt_subscribe('r/%s' % room, 4), think=0.05)
        f.s_(C.mqtt_suback(4))
    for i, t in enumerate(T.lines(k, 3)):
        p = W.pb([(1, room), (2, [(1, t), (2, k.epoch_ms(f))]), (3, k.rng.randrange(1, 1 << 30))])
        if recv:
            f.s_(C.mqtt_publish('r/%s' % room, p), think=k.human())
        else:
            f.c_(C.mqtt_publish('r/%s' % room, p), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'MQTT 3.1.1 publishes whose payload is a protobuf message '
                 '(room, nested {text, time}), %s' % ('received' if recv else 'sent'))


def bf_mqtt_pb_telemetry(k):
    return bf_mqtt_pb(k, chat=False)


def cbor_tagged(pairs):
    out = W._cbor_head(5, len(pairs))
    for key, v in pairs:
        out += W.cbor(key) + (b'\xc1' + W.cbor(v[1]) if isinstance(v, tuple) else W.cbor(v))
    return out


def bf_cbor_ws(k, chat=True):
    recv = k.var % 2 == 1
    f = k.tcp(80)
    ws_open(k, f, '/live', 'stream.example.net', 'cbor')
    if not chat:
        for i in range(k.rng.randrange(6, 10)):
            f.s_(ws_(cbor_tagged([('lux', round(k.rng.uniform(10, 900), 1)), ('at', ('t', k.epoch_ms(f) // 1000))]), 2), think=10.0)
        f.close()
        return C.neg('CBOR over WebSocket: light-sensor readings with tagged times')
    ch = 'ch-%s' % k.hexid(4)
    for t in T.lines(k, 3):
        fr = cbor_tagged([('c', ch), ('at', ('t', k.epoch_ms(f) // 1000)), ('m', t)])
        if recv:
            f.s_(ws_(fr, 2), think=k.human())
        else:
            f.c_(wc(k, fr, 2), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'CBOR maps in binary WebSocket frames (subprotocol cbor) with a '
                 'tag-1 time, %s' % ('received' if recv else 'sent'))


def bf_cbor_ws_sensor(k):
    return bf_cbor_ws(k, chat=False)


BF_CASES = [
    (BF, U, 'bf-flatbuf', bf_flatbuf, rot(4, 4)),
    (BF, U, 'bf-asn1', bf_asn1, rot(4, 10)),
    (BF, U, 'bf-thrift-http', bf_thrift_http, rot(3, 16)),
    (BF, U, 'bf-hessian', bf_hessian, rot(3, 22)),
    (BF, U, 'bf-bincode', bf_bincode, rot(3, 28)),
    (BF, U, 'bf-mqtt-pb', bf_mqtt_pb, rot(3, 34)),
    (BF, U, 'bf-cbor-ws', bf_cbor_ws, rot(3, 40)),
    (BF, U, 'bf-flatbuf-telemetry', bf_flatbuf_telemetry, NONE * 2),
    (BF, U, 'bf-asn1-metrics', bf_asn1_metrics, NONE * 2),
    (BF, U, 'bf-hessian-config', bf_hessian_config, NONE * 2),
    (BF, U, 'bf-bincode-state', bf_bincode_state, NONE * 2),
    (BF, U, 'bf-mqtt-pb-telemetry', bf_mqtt_pb_telemetry, NONE * 2),
    (BF, U, 'bf-cbor-ws-sensor', bf_cbor_ws_sensor, NONE * 2),
]


# ========================================================================= datagrams
DG = 'datagram'


def ax25_addr(call, ssid=0, last=False):
    return bytes(ord(c) << 1 for c in call.ljust(6)[:6]) + bytes([0x60 | ssid << 1 | (1 if last else 0)])


def kiss(frame):
    return b'\xc0\x00' + frame.replace(b'\xdb', b'\xdb\xdd').replace(b'\xc0', b'\xdb\xdc') + b'\xc0'


def dg_ax25(k, chat=True):
    """AX.25 UI frames (control 0x03, PID 0xF0) in KISS framing over UDP to a packet-radio gateway."""
    recv = chat and k.var % 2 == 1
    f = k.udp(10093)
    me, peer = k.pick(['DL2ABC', 'OK1XYZ', 'SP3KQ', 'LY2FN']), k.pick(['ES1TU', 'LZ1BB', 'YU1AA', 'OZ7HAM'])
    if not chat:
        for i in range(k.rng.randrange(5, 9)):
            info = ('!52%02d.%02dN/013%02d.%02dE#PHG2360 digi %s' % (k.rng.randrange(60), k.rng.randrange(100),
                    k.rng.randrange(60), k.rng.randrange(100), me)) if i % 2 == 0 else \
                'T#%03d,%03d,%03d,%03d,000,000,00000000' % (i, k.rng.randrange(256), k.rng.randrange(256), k.rng.randrange(256))
            f.c_(kiss(ax25_addr('APRS') + ax25_addr(me, 1, True) + b'\x03\xf0' + info.encode()), think=600.0 if i else 0.1)
        return C.neg('AX.25 UI beacons in KISS over UDP: positions and telemetry of a digipeater')
    for t in T.lines(k, 3):
        if recv:
            f.s_(kiss(ax25_addr(me) + ax25_addr(peer, 0, True) + b'\x03\xf0' + t.encode()), think=k.human())
        else:
            f.c_(kiss(ax25_addr(peer) + ax25_addr(me, 0, True) + b'\x03\xf0' + t.encode()), think=k.human())
    return C.pos('to_client' if recv else 'to_server', 'AX.25 UI frames (shifted callsigns, control 0x03, PID 0xF0) in '
                 'KISS framing over UDP, keyboard chat %s' % ('received' if recv else 'sent'))


def dg_ax25_beacon(k):
    return dg_ax25(k, chat=False)


def dg_frag(k, chat=True):
    """A long text cut into 40-70-byte fragments (inside characters) with a msg id / index / count header."""
    recv = chat and k.var % 2 == 1
    f = k.udp(k.pick([7070, 40400]))
    for n in range(2 if chat else 1):
        data = (' '.join(T.lines(k, 3))).encode() if chat else b'\xff\xd8\xff\xe0' + C.rnd(k, k.rng.randrange(900, 1400))
        parts, i = [], 0
        while i < len(data):
            step = k.rng.randrange(40, 71) if chat else 256
            parts.append(data[i:i + step])
            i += step
        mid_ = k.rng.getrandbits(32)
        for j, p in enumerate(parts):
            pkt = b'FRG1' + struct.pack('!IBB', mid_, j, len(parts)) + p
            if recv:
                f.s_(pkt, think=k.human() if j == 0 else 0.002)
            else:
                f.c_(pkt, think=(k.human() if chat else 0.2) if j == 0 else 0.002)
        ack = b'FAK1' + struct.pack('!I', mid_)
        (f.c_ if recv else f.s_)(ack)
    if not chat:
        return C.neg('a JPEG sent as 256-byte UDP fragments with the same header')
    return C.pos('to_client' if recv else 'to_server', 'long texts cut into 40-70-byte UDP fragments (cuts inside '
                 'characters), header magic/msg id/index/count, %s' % ('received' if recv else 'sent'))


def dg_frag_file(k):
    return dg_frag(k, chat=False)


def dg_pager(k, chat=True):
    """CBOR maps to a paging gateway over UDP: a capcode and the text."""
    f = k.udp(4630)
    texts = T.lines(k, 2) if chat else k.rng.sample(X.PAGER, 3)
    for i, t in enumerate(texts):
        f.c_(W.cbor({'cap': k.rng.randrange(1000000, 2000000), 'prio': 0 if chat else 2, 'msg': t}),
             think=k.human(20, 90) if i else 0.1)
        f.s_(W.cbor({'ok': True}))
    if not chat:
        return C.neg('fire-panel pages (written by the alarm system) as CBOR to a paging gateway', 'en')
    return C.pos('to_server', 'a person paging someone: CBOR {cap, prio, msg} datagrams to a paging gateway')


def dg_pager_alarm(k):
    return dg_pager(k, chat=False)


def dg_voice_text(k, chat=True):
    """A voice-chat server's UDP: 20 ms voice packets, and MessagePack [7, channel, text] for the text channel."""
    recv = chat and k.var % 2 == 1
    f = k.udp(9987)
    texts = T.lines(k, 2) if chat else []
    seq = 0
    for burst in range(3):
        for i in range(k.rng.randrange(40, 80)):
            seq += 1
            f.send(k.pick('cs'), b'\x01' + struct.pack('!H', seq) + C.rnd(k, 60), think=0.02)
        if burst < len(texts):
            pkt = W.msgpack([7, 'ch-%d' % k.rng.randrange(1, 5), texts[burst]])
            (f.s_ if recv else f.c_)(pkt, think=k.human(2, 6))
    if not chat:
        return C.neg('voice-chat UDP: encoded voice packets only')
    return C.pos('to_client' if recv else 'to_server', 'voice-chat UDP: MessagePack [7, channel, text] among 20 ms voice '
                 'packets, %s' % ('received' if recv else 'sent'))


def dg_voice_only(k):
    return dg_voice_text(k, chat=False)


DG_CASES = [
    (DG, U, 'dg-ax25', dg_ax25, rot(4, 6)),
    (DG, U, 'dg-frag', dg_frag, rot(4, 12)),
    (DG, U, 'dg-pager', dg_pager, rot(3, 18)),
    (DG, U, 'dg-voice-text', dg_voice_text, rot(3, 24)),
    (DG, U, 'dg-ax25-beacon', dg_ax25_beacon, NONE * 2),
    (DG, U, 'dg-frag-file', dg_frag_file, NONE * 2),
    (DG, U, 'dg-pager-alarm', dg_pager_alarm, ['en'] * 3),
    (DG, U, 'dg-voice-only', dg_voice_only, NONE * 2),
]


# ========================================================================= line protocols
LP = 'line-protocol'


def psyc(k, f, recv, chat=True, think=None):
    src, tgt = 'psyc://example.net/~%s' % T.handle(k), 'psyc://example.org/@%s' % k.pick(['balcony', 'stairwell', 'cousins'])
    if chat:
        t = T.line(k)
        pkt = ':_source\t%s\n:_target\t%s\n\n:_nick\t%s\n_message_public\n%s\n|\n' % (src, tgt, T.handle(k), t)
    else:
        pkt = ':_source\t%s\n:_target\t%s\n\n=_degree_availability\t%d\n_notice_presence_here\n|\n' % (src, tgt, k.rng.randrange(2, 8))
    (f.s_ if recv else f.c_)(pkt.encode(), think=think)


def lp_psyc(k, chat=True):
    """PSYC: routing variables, an empty line, entity variables, the method, the body, '|'."""
    recv = k.var % 2 == 1
    f = k.tcp(4404)
    f.c_(b'|\n', think=0.02)
    f.s_(b'|\n:_source\tpsyc://example.org/\n\n_status_circuit\n|\n')
    for i in range(3 if chat else k.rng.randrange(4, 7)):
        psyc(k, f, recv, chat, k.human() if chat else 60.0)
    f.close()
    if not chat:
        return C.neg('PSYC presence notices (_notice_presence_here) only')
    return C.pos('to_client' if recv else 'to_server', 'PSYC packets: _message_public with the text as body, %s' % (
        'received' if recv else 'sent'))


def lp_psyc_presence(k):
    return lp_psyc(k, chat=False)


def icb(ptype, *fields):
    data = ptype + b'\x01'.join(fields) + b'\x00'
    return bytes([len(data)]) + data


def icb_parts(t, limit=200):
    """A line longer than an ICB packet goes out as several open messages, cut between characters."""
    parts, cur = [], b''
    for ch in t:
        b = ch.encode()
        if len(cur) + len(b) > limit:
            parts.append(cur)
            cur = b''
        cur += b
    return parts + [cur]


def lp_icb(k, chat=True):
    """ICB (Internet Citizen's Band): a length byte, a type letter, fields separated by ^A."""
    recv = k.var % 2 == 1
    f = k.tcp(7326)
    me = T.nick(k).encode()
    f.s_(icb(b'j', b'1', b'icb.example.net', b'ICB Server v1.2c'))
    f.c_(icb(b'a', me, me, b'garden', b'login', b''), think=0.05)
    f.s_(icb(b'a') + icb(b'd', b'Status', b'You are now in group garden'))
    if not chat:
        f.c_(icb(b'h', b'w', b''), think=0.5)
        f.s_(b''.join(icb(b'i', b'wl', b' ', T.nick(k).encode(), b'%d' % k.rng.randrange(600), b'0', b'%d' % (1741000000 + i),
                          b'user', b'host.example.net', b'(nr)') for i in range(k.rng.randrange(3, 7))) + icb(b'i', b'co', b''))
        for i in range(3):
            f.s_(icb(b'l'), think=60.0)
            f.c_(icb(b'm'))
        f.close()
        return C.neg('ICB: login, who listing, server pings')
    for t in T.lines(k, 3):
        o = T.nick(k).encode()
        for j, part in enumerate(icb_parts(t)):
            if recv:
                f.s_(icb(b'b', o, part), think=k.human() if j == 0 else 0.01)
            else:
                f.c_(icb(b'b', part), think=k.human() if j == 0 else 0.3)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'ICB open messages (type b, ^A-separated fields, length byte), %s' % (
        'received' if recv else 'sent'))


def lp_icb_who(k):
    return lp_icb(k, chat=False)


def lp_tsv(k, chat=True):
    """An invented tab-separated protocol: HELLO, then M<TAB>seq<TAB>room<TAB>text lines acknowledged by A<TAB>seq."""
    f = k.tcp(7788)
    f.c_(b'HELLO\t1\t%s\n' % T.handle(k).encode(), think=0.02)
    f.s_(b'OK\t%s\n' % k.hexid(8).encode())
    room = 'r%d' % k.rng.randrange(100, 999)
    items = T.lines(k, 3) if chat else ['%.2f' % k.rng.uniform(0, 4) for _ in range(k.rng.randrange(5, 9))]
    for i, t in enumerate(items):
        f.c_(('%s\t%d\t%s\t%s\n' % ('M' if chat else 'G', i + 1, room if chat else 'cpu.load', t)).encode(),
             think=k.human() if chat else 10.0)
        f.s_(b'A\t%d\n' % (i + 1))
    f.c_(b'BYE\n', think=1.0)
    f.close()
    if not chat:
        return C.neg('the tab-separated protocol carrying gauge values')
    return C.pos('to_server', 'an invented tab-separated line protocol: M<TAB>seq<TAB>room<TAB>text, acknowledged')


def lp_tsv_metrics(k):
    return lp_tsv(k, chat=False)


def lp_kvlen(k, chat=True):
    """A key=value header line that gives the length, then that many bytes of text (no terminator)."""
    f = k.tcp(5599)
    for i in range(2 if chat else 4):
        if chat:
            body = T.line(k).encode()
            head = 'POST room=%s len=%d enc=utf-8\n' % (k.pick(['lobby', 'kitchen', 'family']), len(body))
        else:
            body = W.jdump({'node': 3, 'uptime': k.rng.randrange(10 ** 6), 'load': round(k.rng.uniform(0, 2), 2)})
            head = 'STATUS node=3 len=%d\n' % len(body)
        f.c_(head.encode() + body, think=k.human() if chat else 30.0)
        f.s_(b'OK id=%s\n' % k.hexid(10).encode())
    f.close()
    if not chat:
        return C.neg('the key=value/length protocol carrying node status JSON')
    return C.pos('to_server', 'a key=value header line (room, len, enc) then the text bytes, no terminator')


def lp_kvlen_status(k):
    return lp_kvlen(k, chat=False)


LP_CASES = [
    (LP, U, 'lp-psyc', lp_psyc, rot(4, 1)),
    (LP, U, 'lp-icb', lp_icb, rot(4, 7)),
    (LP, U, 'lp-tsv', lp_tsv, rot(4, 13)),
    (LP, U, 'lp-kvlen', lp_kvlen, rot(3, 19)),
    (LP, U, 'lp-psyc-presence', lp_psyc_presence, NONE * 2),
    (LP, U, 'lp-icb-who', lp_icb_who, NONE * 2),
    (LP, U, 'lp-tsv-metrics', lp_tsv_metrics, NONE * 2),
    (LP, U, 'lp-kvlen-status', lp_kvlen_status, NONE * 2),
]


# ========================================================================= tunnels and partial captures
TP = 'tunnel-partial'


def tls_records(k, n):
    out = b'\x16\x03\x01' + struct.pack('!H', 200) + b'\x01' + C.rnd(k, 199)
    return [out] + [b'\x17\x03\x03' + struct.pack('!H', m) + C.rnd(k, m) for m in (k.rng.randrange(40, 900) for _ in range(n))]


def tp_connect_ws(k, chat=True):
    f = k.tcp(k.pick([3128, 8080]))
    port = 80 if chat else 443
    f.c_(('CONNECT chat.example.net:%d HTTP/1.1\r\nHost: chat.example.net:%d\r\nProxy-Connection: keep-alive\r\n%s\r\n\r\n' % (
        port, port, C.ua(k))).encode(), think=0.1)
    f.s_(b'HTTP/1.1 200 Connection established\r\n\r\n')
    if not chat:
        recs = tls_records(k, 6)
        f.c_(recs[0], think=0.01)
        f.s_(b'\x16\x03\x03' + struct.pack('!H', 90) + C.rnd(k, 90))
        for i, r in enumerate(recs[1:]):
            (f.c_ if i % 2 == 0 else f.s_)(r, think=k.human(1, 10))
        f.close()
        return C.neg('HTTP CONNECT to port 443, then TLS records')
    ws_open(k, f, '/rt?room=%s' % k.hexid(6), 'chat.example.net')
    for t in T.lines(k, 3):
        f.c_(wc(k, W.jdump({'op': 'say', 'text': t})), think=k.human())
        f.s_(ws_(W.jdump({'op': 'ok', 'seq': k.rng.randrange(10 ** 6)})))
    f.close()
    return C.pos('to_server', 'HTTP CONNECT to port 80, then a WebSocket upgrade and {op:"say", text} frames inside the tunnel')


def tp_connect_wss(k):
    return tp_connect_ws(k, chat=False)


def tp_half_mid_pop3(k):
    """Only the server's half, starting inside a RETR answer (mid-body), then one more RETR answer."""
    f = k.tcp(110, handshake=False, half='server')
    fn, tn = T.names2(k)
    m1 = W.mail('%s <%s>' % (W.rfc2047(fn), addr(k)), addr(k), T.subject(k), T.mailbody(k, tn, fn, 3), k.rfc5322(),
                k.uuid() + '@example.net', 'utf-8', 'quoted-printable')
    start = m1.index(b'\r\n\r\n') + 4
    cut = k.rng.randrange(start, start + max(1, (len(m1) - start) // 3))
    f.s_(W.dot_stuff(m1)[cut:] + b'.\r\n', think=0.01)
    f.c_(b'RETR 8\r\n', think=0.01)
    m2 = W.mail('%s <%s>' % (W.rfc2047(tn), addr(k)), addr(k), T.subject(k), T.mailbody(k, fn, tn, 2), k.rfc5322(),
                k.uuid() + '@example.net', 'utf-8', '8bit')
    f.s_(b'+OK %d octets\r\n' % len(m2) + W.dot_stuff(m2) + b'.\r\n')
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'+OK Bye\r\n')
    f.cut()
    return C.pos('to_client', 'server\'s half only, starting inside a quoted-printable RETR answer (no greeting), then a '
                 'whole RETR answer')


def tp_half_mid_irc(k, chat=True):
    f = k.tcp(6667, handshake=False, half='server')
    me = T.nick(k)
    chan = '#' + k.pick(['tomatoes', 'block-c', 'strike-info'])
    if chat:
        for t in T.lines(k, 3):
            o = T.nick(k)
            f.s_((':%s!~%s@198.51.100.%d PRIVMSG %s :%s\r\n' % (o, o, k.rng.randrange(2, 250), chan, t)).encode(), think=k.human())
    else:
        f.s_((':irc.example.net 353 %s = %s :%s\r\n:irc.example.net 366 %s %s :End of /NAMES list.\r\n' % (
            me, chan, ' '.join(T.nick(k) for _ in range(6)), me, chan)).encode(), think=0.2)
        for i in range(k.rng.randrange(3, 6)):
            f.s_(b'PING :irc.example.net\r\n', think=90.0)
            f.c_(b'PONG :irc.example.net\r\n')
        f.s_((':ChanServ!ChanServ@services. MODE %s +v %s\r\n' % (chan, me)).encode(), think=3.0)
    f.cut()
    if not chat:
        return C.neg('server\'s half only, mid-stream IRC: NAMES, PING, MODE')
    return C.pos('to_client', 'server\'s half only, mid-stream IRC (no registration seen): channel PRIVMSGs relayed')


def tp_half_mid_irc_numerics(k):
    return tp_half_mid_irc(k, chat=False)


def tp_client_append(k):
    """Only the client's half of an IMAP session: APPEND of a sent mail as a LITERAL+ literal."""
    f = k.tcp(143, half='client')
    fn, tn = T.names2(k)
    frm, to = addr(k), addr(k)
    m = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), T.subject(k), T.mailbody(k, tn, fn),
               k.rfc5322(), k.uuid() + '@' + frm.split('@')[1], 'utf-8', k.pick(['8bit', 'base64']))
    f.c_(b'A001 LOGIN %s %s\r\n' % (T.handle(k).encode(), k.hexid(8).encode()), think=0.05)
    f.s_(b'A001 OK\r\n')
    f.c_(b'A002 APPEND Sent (\\Seen) {%d+}\r\n' % len(m) + m + b'\r\n', think=0.05)
    f.s_(b'A002 OK [APPENDUID 1 99] Append completed\r\n')
    f.c_(b'A003 LOGOUT\r\n', think=0.05)
    f.s_(b'* BYE\r\nA003 OK\r\n')
    f.close()
    return C.pos('to_server', 'client\'s half only: IMAP LOGIN and APPEND to Sent of a personal mail (LITERAL+ literal)')


def tp_proxy_keepalive(k, chat=True):
    """One keep-alive connection to a forward proxy, absolute-form requests for several hosts; one is a chat POST."""
    f = k.tcp(3128)
    reqs = [('GET', 'http://cdn.example.net/app.%s.js' % k.hexid(8), b'', None),
            ('GET', 'http://cdn.example.net/fonts/inter.woff2', b'', None)]
    if chat:
        t = T.line(k)
        reqs.insert(1, ('POST', 'http://im.example.org/api/rooms/%s/send' % k.hexid(6), W.jdump({'text': t}), 'application/json'))
    else:
        reqs.append(('GET', 'http://img.example.org/avatars/%s.png' % k.hexid(6), b'', None))
    for i, (m, url, body, ct) in enumerate(reqs):
        host = url.split('/')[2]
        h = ['%s %s HTTP/1.1' % (m, url), 'Host: ' + host, C.ua(k), 'Proxy-Connection: keep-alive']
        if ct:
            h += ['Content-Type: ' + ct, 'Content-Length: %d' % len(body)]
        f.c_(('\r\n'.join(h) + '\r\n\r\n').encode() + body, think=k.human(1, 5) if i else 0.1)
        rb = W.jdump({'ok': True}) if body else C.rnd(k, k.rng.randrange(800, 3000))
        f.s_(ok(rb, 'application/json' if body else 'application/octet-stream', headers=['Via: 1.1 proxy.example.net']))
    f.close()
    if not chat:
        return C.neg('absolute-form GETs of scripts, fonts and images through a forward proxy on one connection')
    return C.pos('to_server', 'one keep-alive forward-proxy connection: absolute-form requests to two hosts, the chat '
                 'POST {text} between asset GETs')


def tp_proxy_assets(k):
    return tp_proxy_keepalive(k, chat=False)


TP_CASES = [
    (TP, U, 'tp-connect-ws', tp_connect_ws, rot(4, 5)),
    (TP, U, 'tp-half-mid-pop3', tp_half_mid_pop3, rot(3, 11)),
    (TP, U, 'tp-half-mid-irc', tp_half_mid_irc, rot(3, 17)),
    (TP, U, 'tp-client-append', tp_client_append, rot(3, 23)),
    (TP, U, 'tp-proxy-keepalive', tp_proxy_keepalive, rot(3, 29)),
    (TP, U, 'tp-connect-wss', tp_connect_wss, NONE * 2),
    (TP, U, 'tp-half-mid-irc-numerics', tp_half_mid_irc_numerics, NONE * 2),
    (TP, U, 'tp-proxy-assets', tp_proxy_assets, NONE * 2),
]


# ========================================================================= device as server
DS = 'device-server'


def ds_home_ircd(k, chat=True):
    """An outside client on a home IRC server."""
    sends = k.var % 2 == 0
    f = k.tcp(6667, device_server=True)
    me = T.nick(k)
    C.irc_login(k, f, me, server='irc.home.example.net')
    chan = '#' + k.pick(['family', 'allotment', 'house'])
    C.irc_join(k, f, me, chan, [T.nick(k)])
    if not chat:
        f.c_(b'LIST\r\n', think=1.0)
        f.s_((':irc.home.example.net 322 %s %s 3 :\r\n:irc.home.example.net 323 %s :End of /LIST\r\n' % (me, chan, me)).encode())
        for i in range(k.rng.randrange(3, 6)):
            f.s_(b'PING :irc.home.example.net\r\n', think=120.0)
            f.c_(b'PONG :irc.home.example.net\r\n')
        f.close()
        return C.neg('an outside client on a home IRC server: registration, LIST and PINGs only')
    for t in T.lines(k, 3):
        if sends:
            o = T.nick(k)
            f.s_((':%s!~%s@10.0.0.%d PRIVMSG %s :%s\r\n' % (o, o, k.rng.randrange(2, 250), chan, t)).encode(), think=k.human())
        else:
            f.c_(('PRIVMSG %s :%s\r\n' % (chan, t)).encode(), think=k.human())
    f.close()
    return C.pos('to_server' if sends else 'to_client', 'a home IRC server with an outside client: %s' % (
        'channel PRIVMSGs of home users relayed to the outside client' if sends else 'the outside client\'s PRIVMSGs received'))


def ds_home_ircd_idle(k):
    return ds_home_ircd(k, chat=False)


def ds_home_pop3(k):
    return pop3_stls(k, home=True)


def grpc_headers(path):
    return W.hpack([(':method', 'POST'), (':scheme', 'http'), (':path', path), (':authority', 'home.example.net:50051'),
                    ('content-type', 'application/grpc'), ('te', 'trailers'), ('user-agent', 'grpc-go/1.62.1')])


def ds_home_grpc(k, chat=True):
    """A home gRPC chat server (h2c, prior knowledge) streaming messages to an outside client."""
    f = k.tcp(50051, device_server=True)
    f.c_(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + W.h2_settings(), think=0.02)
    f.s_(W.h2_settings() + W.h2_settings(ack=True))
    f.c_(W.h2_settings(ack=True), think=0.001)
    path = '/chat.v1.Rooms/Follow' if chat else '/grpc.health.v1.Health/Check'
    f.c_(W.h2_frame(1, 4, 1, grpc_headers(path)) + W.h2_frame(0, 1, 1, W.grpc_msg(W.pb([(1, 'room-%s' % k.hexid(4))]))), think=0.01)
    f.s_(W.h2_frame(1, 4, 1, W.hpack([(':status', '200'), ('content-type', 'application/grpc')])))
    if chat:
        for t in T.lines(k, 3):
            f.s_(W.h2_frame(0, 0, 1, W.grpc_msg(W.pb([(1, T.handle(k)), (2, t), (3, k.epoch_ms(f))]))), think=k.human())
    else:
        f.s_(W.h2_frame(0, 0, 1, W.grpc_msg(W.pb([(1, 1)]))), think=0.002)
    f.s_(W.h2_frame(1, 5, 1, W.hpack([('grpc-status', '0')])), think=0.01)
    f.close()
    if not chat:
        return C.neg('an outside monitor calling a home gRPC server\'s health check (SERVING)')
    return C.pos('to_server', 'a home gRPC chat server (h2c prior knowledge) streaming {author, text, time} messages to '
                 'an outside client')


def ds_home_grpc_health(k):
    return ds_home_grpc(k, chat=False)


def ds_home_imap_append(k):
    """An outside client APPENDs a sent mail to a home IMAP server (synchronising literal)."""
    f = k.tcp(143, device_server=True)
    fn, tn = T.names2(k)
    frm = addr(k, 'home.example.net')
    m = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), addr(k)), T.subject(k), T.mailbody(k, tn, fn),
               k.rfc5322(), k.uuid() + '@home.example.net', 'utf-8', 'quoted-printable')
    f.s_(b'* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] home IMAP ready\r\n')
    f.c_(b'1 LOGIN %s %s\r\n' % (T.handle(k).encode(), k.hexid(8).encode()), think=0.05)
    f.s_(b'1 OK Logged in\r\n')
    f.c_(b'2 APPEND "Sent Items" (\\Seen) "%s" {%d}\r\n' % (k.now().strftime('%d-%b-%Y %H:%M:%S +0000').encode(), len(m)), think=0.02)
    f.s_(b'+ Ready for literal data\r\n')
    f.c_(m + b'\r\n', think=0.001)
    f.s_(b'2 OK [APPENDUID 7 312] Append completed.\r\n')
    f.c_(b'3 LOGOUT\r\n', think=0.05)
    f.s_(b'* BYE Logging out\r\n3 OK Logout completed.\r\n')
    f.close()
    return C.pos('to_client', 'an outside mail client APPENDs a sent personal mail to a home IMAP server (synchronising literal)')


DS_CASES = [
    (DS, U, 'ds-home-ircd', ds_home_ircd, rot(4, 3)),
    (DS, U, 'ds-home-pop3-stls', ds_home_pop3, rot(3, 9)),
    (DS, U, 'ds-home-grpc', ds_home_grpc, rot(3, 15)),
    (DS, U, 'ds-home-imap-append', ds_home_imap_append, rot(3, 21)),
    (DS, U, 'ds-home-ircd-idle', ds_home_ircd_idle, NONE * 2),
    (DS, U, 'ds-home-grpc-health', ds_home_grpc_health, NONE * 2),
]


# ========================================================================= hard negatives
HN = 'hard-negative'


def hn_notes(k):
    f = k.tcp(80)
    text = X.NOTES[k.lang]
    for i in range(k.rng.randrange(2, 4)):
        f.c_(req('PUT', '/api/notes/%s' % k.hexid(12), 'notes.example.com', [C.ua(k), 'Authorization: Bearer %s' % k.hexid(40)],
                 W.jdump({'title': text.split('\n')[0], 'content': text, 'pinned': False, 'rev': i + 1}), 'application/json'),
             think=k.human(5, 20) if i else 0.4)
        f.s_(ok(W.jdump({'rev': i + 1, 'saved': True})))
    f.close()
    return C.neg('a notes app syncing a shopping/to-do list (written by a person to herself, addressed to no one)')


def hn_grammar(k):
    f = k.tcp(8081)
    f.c_(req('POST', '/v2/check', 'grammar.example.org', [C.ua(k)], W.form([('text', X.ESSAY[k.lang]), ('language', k.lang),
                                                                              ('enabledOnly', 'false')]),
             'application/x-www-form-urlencoded'), think=0.6)
    f.s_(ok(W.jdump({'software': {'name': 'checker', 'version': '6.4'}, 'matches': [
        {'offset': k.rng.randrange(10, 80), 'length': 5, 'rule': {'id': 'COMMA_PARENTHESIS_WHITESPACE'}}]})))
    f.close()
    return C.neg('a school essay paragraph sent to a grammar checker (a document)')


def hn_parcel_sms(k):
    f = k.tcp(80)
    for i in range(k.rng.randrange(2, 4)):
        text = X.PARCEL[k.lang].format(id=k.hexid(10).upper(), n=k.rng.randrange(100, 999), c=k.rng.randrange(100000, 999999))
        f.c_(req('POST', '/v1/sms', 'sms-api.example.com', ['User-Agent: parcelbox-notifier/3.2', 'X-Api-Key: %s' % k.hexid(32)],
                 W.jdump({'to': '+%d' % k.rng.randrange(10 ** 10, 10 ** 11), 'from': 'PARCELBOX', 'text': text}), 'application/json'),
             think=0.05 if i else 0.2)
        f.s_(ok(W.jdump({'id': k.uuid(), 'status': 'queued'}), status=202))
    f.close()
    return C.neg('parcel-locker notices written by a logistics system, sent through an SMS API (to, from, text)')


def hn_gql_errors(k):
    f = k.tcp(80)
    f.c_(req('POST', '/graphql', 'api.example.net', [C.ua(k)], W.jdump({'query': 'query($id:ID!){conversation(id:$id){messages{id}}}',
                                                                           'variables': {'id': k.hexid(10)}}), 'application/json'), think=0.3)
    errs = [{'message': m, 'extensions': {'code': c}} for m, c in zip(X.GQL_ERRORS[k.lang], ['FORBIDDEN', 'NOT_FOUND'])]
    f.s_(ok(W.jdump({'data': None, 'errors': errs})))
    f.close()
    return C.neg('GraphQL errors worded for people (written by a program), localised')


def hn_tts(k):
    f = k.tcp(80)
    f.c_(req('POST', '/v1/synthesize', 'tts.example.com', ['User-Agent: ReaderApp/5.1'], W.jdump({
        'text': X.TTS[k.lang], 'voice': '%s-standard-2' % k.lang, 'format': 'mp3', 'rate': 1.0}), 'application/json'), think=0.3)
    f.s_(ok(b'ID3\x04\x00' + C.rnd(k, k.rng.randrange(3000, 6000)), 'audio/mpeg'))
    f.close()
    return C.neg('a page of a book sent to a text-to-speech service by a reading app (a document)')


def hn_ass(k):
    lines = X.ASS[k.lang]
    ev = ''.join('Dialogue: 0,0:00:%02d.00,0:00:%02d.50,Default,,0,0,0,,%s\n' % (4 * i + 1, 4 * i + 4, t) for i, t in enumerate(lines))
    body = ('[Script Info]\nTitle: River fields\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\n'
            'Format: Name, Fontname, Fontsize, PrimaryColour, Bold, Italic, Alignment\nStyle: Default,Arial,54,&H00FFFFFF,0,0,2\n\n'
            '[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n' + ev).encode()
    f = k.tcp(80)
    f.c_(req('PUT', '/api/videos/%s/subtitles/%s.ass' % (k.hexid(8), k.lang), 'video.example.org', [C.ua(k)], body, 'text/x-ssa'),
         think=0.5)
    f.s_(ok(W.jdump({'ok': True}), status=201))
    f.close()
    return C.neg('Advanced SubStation Alpha subtitles of a documentary uploaded (scripted narration)')


def hn_fluent(k):
    body = ('# Messages for the chat screen\n' + '\n'.join(X.FLUENT[k.lang]) + '\n').encode()
    f = k.tcp(80)
    f.c_(req('PUT', '/api/projects/chatapp/locales/%s/main.ftl' % k.lang, 'l10n.example.com', [C.ua(k), 'Authorization: Token %s' % k.hexid(40)],
             body, 'text/plain; charset=utf-8'), think=0.5)
    f.s_(ok(W.jdump({'strings': len(X.FLUENT[k.lang]), 'updated': True})))
    f.close()
    return C.neg('Fluent (.ftl) UI strings of a chat app uploaded to a localisation platform')


def hn_dictionary(k):
    f = k.tcp(80)
    for i, (w, d) in enumerate(X.DICTIONARY[k.lang]):
        f.c_(req('GET', '/api/v1/entries/%s/%s' % (k.lang, W.urlenc(w)), 'dict.example.org', [C.ua(k)]), think=k.human(3, 20) if i else 0.3)
        f.s_(ok(W.jdump([{'word': w, 'meanings': [{'partOfSpeech': 'noun', 'definitions': [{'definition': d}]}]}])))
    f.close()
    return C.neg('dictionary entries fetched by a reading app (documents)')


def hn_ocr(k):
    f = k.tcp(80)
    f.c_(req('POST', '/v1/ocr', 'ocr.example.com', ['User-Agent: ScanIt/2.0 (Android 14)'], b'\xff\xd8\xff\xe0' + C.rnd(k, 4000),
             'image/jpeg'), think=0.4)
    f.s_(ok(W.jdump({'lang': k.lang, 'text': X.OCR[k.lang], 'confidence': 0.93})))
    f.close()
    return C.neg('a receipt photo and the text an OCR service recognised in it (a document)')


def hn_logfmt(k):
    f = k.tcp(3100)
    out = ''
    for i in range(k.rng.randrange(8, 14)):
        out += 'ts=%s level=%s msg="%s" room=%s latency_ms=%d\n' % (k.iso(), k.pick(['info', 'info', 'warn']), k.pick([
            'message delivered', 'message queued for offline user', 'push sent', 'read receipt stored', 'typing event dropped']),
            k.hexid(6), k.rng.randrange(1, 400))
    f.c_(req('POST', '/ingest', 'logs.example.net', ['User-Agent: vector/0.36'], out.encode(), 'text/plain'), think=0.2)
    f.s_(ok(b'', None, 204))
    f.close()
    return C.neg('logfmt lines of a chat server shipped to a log service (msg="message delivered" …)')


def hn_toml(k):
    body = ('# Chat bridge configuration\n# Messages from the family room are forwarded to the tablet in the kitchen.\n'
            '[bridge]\nroom = "family"\nforward_to = "kitchen-tablet"\nquiet_hours = "22:00-07:00"\n\n[notifications]\n'
            '# Say something nice when someone joins\nwelcome_text = "Welcome to the family room!"\nsound = true\n').encode()
    f = k.tcp(8500)
    f.c_(req('PUT', '/v1/kv/config/bridge.toml', 'config.example.net', ['User-Agent: confsync/1.1'], body, 'application/toml'), think=0.2)
    f.s_(ok(b'true'))
    f.close()
    return C.neg('a TOML configuration with comments pushed to a key/value store')


def hn_snowplow(k):
    f = k.tcp(80)
    ev = {'schema': 'iglu:com.example/message_sent/jsonschema/1-0-0', 'data': {'room_type': 'group', 'length': 42, 'has_emoji': True}}
    px = base64.urlsafe_b64encode(W.jdump({'schema': 'iglu:com.snowplowanalytics.snowplow/unstruct_event/jsonschema/1-0-0',
                                           'data': ev})).decode().rstrip('=')
    f.c_(req('GET', '/i?e=ue&ue_px=%s&p=mob&tv=andr-5.0.0&aid=chatapp&dtm=%d&duid=%s' % (px, k.epoch_ms(), k.uuid()), 'sp.example.com',
             [C.ua(k)]), think=0.2)
    f.s_(ok(b'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00'
            b'\x00\x02\x02D\x01\x00;', 'image/gif'))
    f.c_(req('POST', '/com.snowplowanalytics.snowplow/tp2', 'sp.example.com', [C.ua(k)], W.jdump({
        'schema': 'iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4', 'data': [
            {'e': 'pv', 'url': 'app://chat/rooms', 'page': 'Rooms', 'p': 'mob', 'tv': 'andr-5.0.0'},
            {'e': 'se', 'se_ca': 'chat', 'se_ac': 'message_sent', 'se_la': 'group', 'p': 'mob'}]}), 'application/json'),
         think=k.human(5, 30))
    f.s_(ok(b'ok', 'text/plain'))
    f.close()
    return C.neg('Snowplow tracker events (base64 ue_px, tp2 batch) named message_sent, page views')


def hn_geocode(k):
    f = k.tcp(80)
    for i, q in enumerate(['Strandvejen 12, 2900 Hellerup', 'Hlavná 5, Košice', 'Gedimino pr. 9, Vilnius']):
        f.c_(req('GET', '/search?q=%s&format=jsonv2&limit=1' % W.urlenc(q), 'geo.example.org', [C.ua(k)]), think=k.human(2, 8) if i else 0.3)
        f.s_(ok(W.jdump([{'display_name': q, 'lat': '%.5f' % k.rng.uniform(48, 56), 'lon': '%.5f' % k.rng.uniform(10, 26)}])))
    f.close()
    return C.neg('address searches sent to a geocoder')


def hn_release_notes(k):
    f = k.tcp(80)
    f.c_(req('GET', '/api/apps/chat/releases/latest?lang=%s' % k.lang, 'updates.example.com', ['User-Agent: ChatApp/7.2.0']), think=0.3)
    f.s_(ok(W.jdump({'version': '7.3.0', 'notes': X.RELEASE_NOTES[k.lang], 'size': 48213344})))
    f.close()
    return C.neg('an app\'s release notes fetched by its updater (written for every user, machine-served)')


def hn_dmarc(k):
    """A home mail server mailing a DMARC aggregate report (program-written, gzip XML attachment)."""
    f = k.tcp(25)
    bnd = '=_%s' % k.hexid(16)
    xml = ('<?xml version="1.0"?><feedback><report_metadata><org_name>home.example.net</org_name><report_id>%s</report_id>'
           '</report_metadata><record><row><source_ip>192.0.2.%d</source_ip><count>%d</count></row></record></feedback>' % (
               k.hexid(12), k.rng.randrange(2, 250), k.rng.randrange(1, 40))).encode()
    body = ('--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThis is an aggregate report from home.example.net.\r\n'
            '--%s\r\nContent-Type: application/gzip; name="example.org!home.example.net!1741046400!1741132799.xml.gz"\r\n'
            'Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n%s\r\n--%s--\r\n' % (
                bnd, bnd, b64lines(gzip.compress(xml, mtime=0)), bnd))
    msg = ('From: DMARC Reporter <noreply-dmarc@home.example.net>\r\nTo: dmarc-rua@example.org\r\nSubject: Report Domain: example.org '
           'Submitter: home.example.net Report-ID: <%s>\r\nDate: %s\r\nMessage-ID: %s\r\nAuto-Submitted: auto-generated\r\n'
           'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="%s"\r\n\r\n%s' % (
               k.hexid(12), k.rfc5322(), mid(k, 'home.example.net'), bnd, body)).encode()
    C.smtp_session(k, f, msg, 'noreply-dmarc@home.example.net', ['dmarc-rua@example.org'], 'mx.example.org',
                   ehlo_host='mail.home.example.net')
    f.close()
    return C.neg('a DMARC aggregate report (gzip XML attachment, Auto-Submitted) mailed by a home mail server', 'en')


HN_CASES = [
    (HN, U, 'hn-notes', hn_notes, ['en', 'de', 'da', 'ja']),
    (HN, U, 'hn-grammar', hn_grammar, ['en', 'fr', 'pl', 'lt']),
    (HN, U, 'hn-parcel-sms', hn_parcel_sms, ['en', 'pl', 'bg', 'et']),
    (HN, U, 'hn-gql-errors', hn_gql_errors, ['en', 'es', 'sk']),
    (HN, U, 'hn-tts', hn_tts, ['en', 'es', 'ms']),
    (HN, U, 'hn-ass', hn_ass, ['en', 'da']),
    (HN, U, 'hn-fluent', hn_fluent, ['en', 'lt', 'sr']),
    (HN, U, 'hn-dictionary', hn_dictionary, ['en', 'fr']),
    (HN, U, 'hn-ocr', hn_ocr, ['de', 'en']),
    (HN, U, 'hn-logfmt', hn_logfmt, NONE * 2),
    (HN, U, 'hn-toml', hn_toml, NONE * 2),
    (HN, U, 'hn-snowplow', hn_snowplow, NONE * 2),
    (HN, U, 'hn-geocode', hn_geocode, NONE * 2),
    (HN, U, 'hn-release-notes', hn_release_notes, ['en', 'de']),
    (HN, F, 'hn-smtp-dmarc', hn_dmarc, NONE * 2),
]


# ========================================================================= topology
TO = 'topology'


def to_internal_psyc(k):
    k.topology = 'internal'
    lab = lp_psyc(k)
    return C.neg('internal: both ends in the home networks; %s' % lab['note'], k.lang)


def to_nohome_icb(k):
    k.topology = 'nohome'
    lab = lp_icb(k)
    return C.neg('no home end: both ends outside; %s' % lab['note'], k.lang)


def to_internal_ax25(k):
    k.topology = 'internal'
    lab = dg_ax25(k)
    return C.neg('internal: both ends in the home networks; %s' % lab['note'], k.lang)


TO_CASES = [
    (TO, U, 'to-internal-psyc', to_internal_psyc, ['sk', 'ar']),
    (TO, U, 'to-nohome-icb', to_nohome_icb, ['lt', 'zh']),
    (TO, U, 'to-internal-ax25', to_internal_ax25, ['et', 'de']),
]

CASES = FA_CASES + SO_CASES + BF_CASES + DG_CASES + LP_CASES + TP_CASES + DS_CASES + HN_CASES + TO_CASES
