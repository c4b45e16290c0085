# caselib: pieces the case modules share: language rotation, and protocol dialogues (SMTP, POP3,
# IMAP, IRC, XMPP, MQTT, HTTP chat records) that run over any TcpFlow, whichever end is home and
# whether the flow is direct, tunnelled or partially captured.
import base64
import struct

import flowtexts as T
import flowwire as W

POS = 'plaintext_message'
NONE = 'none'
LANGS = T.LANGS


def langs(n, start=0, step=11, pool=None):
    """n languages spread over the pool (29 is prime, so any step visits all)."""
    pool = pool or LANGS
    return [pool[(start + i * step) % len(pool)] for i in range(n)]


def pos(direction, note=''):
    return {'expect': POS, 'direction': direction, 'note': note}


def neg(note='', lang=None):
    d = {'expect': NONE, 'direction': '-', 'note': note}
    if lang is not None:
        d['lang'] = lang
    return d


# ------------------------------------------------------------------------- mail
LEGACY_CHARSET = {'ru': 'koi8-r', 'uk': 'koi8-u', 'ja': 'iso-2022-jp', 'zh': 'gb2312', 'ko': 'euc-kr',
                  'el': 'iso-8859-7', 'he': 'iso-8859-8', 'ar': 'windows-1256', 'tr': 'iso-8859-9',
                  'pl': 'iso-8859-2', 'cs': 'iso-8859-2', 'hu': 'iso-8859-2', 'th': 'tis-620',
                  'de': 'iso-8859-1', 'fr': 'iso-8859-15', 'es': 'iso-8859-1', 'fa': 'utf-8',
                  'ro': 'iso-8859-16'}


def make_mail(k, cte=None, charset=None, n=None, frm=None, to=None, subject=None):
    """A personal mail in the kit's language: (bytes, from address, to address)."""
    fn, tn = k.names2()
    fa, ta = k.handles2()
    frm = frm or '%s@%s' % (fa, k.pick(['example.net', 'example.org', 'mail.example.com']))
    to = to or '%s@%s' % (ta, k.pick(['example.com', 'example.org', 'post.example.net']))
    body = k.mailbody(tn, fn, n)
    charset = charset or 'utf-8'
    try:
        body.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset = 'utf-8'
    if cte is None:
        cte = k.pick(['8bit', 'quoted-printable', 'base64'])
    if charset == 'iso-2022-jp':
        cte = '7bit'
    msg = W.mail('%s <%s>' % (W.rfc2047(fn), frm), '%s <%s>' % (W.rfc2047(tn), to), subject or k.subject(),
                 body, k.rfc5322(), '%s@%s' % (k.hexid(16), frm.split('@')[1]), charset,
                 cte if cte != '7bit' else '7bit')
    return msg, frm, to


def smtp_session(k, f, msg, frm, rcpts, port_name='mx.example.net', auth=False, ehlo_host='laptop.home.arpa'):
    f.s_(b'220 %s ESMTP ready\r\n' % port_name.encode())
    f.c_(b'EHLO %s\r\n' % ehlo_host.encode(), think=0.002)
    f.s_(b'250-%s\r\n250-PIPELINING\r\n250-SIZE 35882577\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n'
         b'250 SMTPUTF8\r\n' % port_name.encode())
    if auth:
        cred = base64.b64encode(b'\0' + frm.encode() + b'\0' + k.hexid(10).encode())
        f.c_(b'AUTH PLAIN ' + cred + b'\r\n', think=0.003)
        f.s_(b'235 2.7.0 Authentication successful\r\n')
    f.c_(b'MAIL FROM:<%s> BODY=8BITMIME\r\n' % frm.encode(), think=0.002)
    f.s_(b'250 2.1.0 Ok\r\n')
    for r in rcpts:
        f.c_(b'RCPT TO:<%s>\r\n' % r.encode(), think=0.002)
        f.s_(b'250 2.1.5 Ok\r\n')
    f.c_(b'DATA\r\n', think=0.002)
    f.s_(b'354 End data with <CR><LF>.<CR><LF>\r\n')
    f.c_(W.dot_stuff(msg) + b'.\r\n', think=0.002)
    f.s_(b'250 2.0.0 Ok: queued as %s\r\n' % k.hexid(10).upper().encode())
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'221 2.0.0 Bye\r\n')


def pop3_session(k, f, msgs, retr=True, greet=True, login=True, dele=False):
    if greet:
        f.s_(b'+OK POP3 server ready <%s@pop.example.net>\r\n' % k.hexid(8).encode())
    if login:
        f.c_(b'USER %s\r\n' % k.handle().encode(), think=0.01)
        f.s_(b'+OK\r\n')
        f.c_(b'PASS %s\r\n' % k.hexid(12).encode(), think=0.002)
        f.s_(b'+OK Logged in.\r\n')
    total = sum(len(m) for m in msgs) + 4000
    f.c_(b'STAT\r\n', think=0.002)
    f.s_(b'+OK %d %d\r\n' % (len(msgs) + 3, total))
    f.c_(b'LIST\r\n', think=0.002)
    lst = b''.join(b'%d %d\r\n' % (i + 1, 1200 + 37 * i) for i in range(3)) + \
        b''.join(b'%d %d\r\n' % (i + 4, len(m)) for i, m in enumerate(msgs))
    f.s_(b'+OK %d messages:\r\n' % (len(msgs) + 3) + lst + b'.\r\n')
    if retr:
        for i, m in enumerate(msgs):
            f.c_(b'RETR %d\r\n' % (i + 4), think=0.003)
            f.s_(b'+OK %d octets\r\n' % len(m) + W.dot_stuff(m) + b'.\r\n')
            if dele:
                f.c_(b'DELE %d\r\n' % (i + 4), think=0.002)
                f.s_(b'+OK Marked to be deleted.\r\n')
    f.c_(b'QUIT\r\n', think=0.003)
    f.s_(b'+OK Logging out.\r\n')


def imap_fetch_session(k, f, msgs, fetch=True, item='BODY[]', greet=True):
    if greet:
        f.s_(b'* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN] ready.\r\n')
    f.c_(b'a1 LOGIN %s "%s"\r\n' % (k.handle().encode(), k.hexid(10).encode()), think=0.01)
    f.s_(b'a1 OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE] Logged in\r\n')
    f.c_(b'a2 SELECT INBOX\r\n', think=0.002)
    f.s_(b'* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n* %d EXISTS\r\n* 0 RECENT\r\n'
         b'* OK [UIDVALIDITY 1712345678] UIDs valid\r\n* OK [UIDNEXT %d] Predicted next UID\r\n'
         b'a2 OK [READ-WRITE] Select completed.\r\n' % (len(msgs) + 11, len(msgs) + 480))
    if fetch:
        for i, m in enumerate(msgs):
            n = 12 + i
            if item == 'UID':
                f.c_(b'a%d UID FETCH %d (UID RFC822.SIZE BODY.PEEK[])\r\n' % (3 + i, 470 + i), think=0.003)
                f.s_(b'* %d FETCH (UID %d RFC822.SIZE %d BODY[] {%d}\r\n' % (n, 470 + i, len(m), len(m)) + m +
                     b')\r\na%d OK Fetch completed.\r\n' % (3 + i))
            else:
                f.c_(b'a%d FETCH %d (FLAGS %s)\r\n' % (3 + i, n, item.encode()), think=0.003)
                f.s_(b'* %d FETCH (FLAGS (\\Seen) %s {%d}\r\n' % (n, item.encode(), len(m)) + m +
                     b')\r\na%d OK Fetch completed.\r\n' % (3 + i))
    else:
        f.c_(b'a3 FETCH 1:%d (FLAGS UID RFC822.SIZE)\r\n' % (len(msgs) + 11), think=0.003)
        f.s_(b''.join(b'* %d FETCH (FLAGS (\\Seen) UID %d RFC822.SIZE %d)\r\n' % (i + 1, 400 + i, 2000 + 91 * i)
                      for i in range(len(msgs) + 11)) + b'a3 OK Fetch completed.\r\n')
    f.c_(b'a9 LOGOUT\r\n', think=0.003)
    f.s_(b'* BYE Logging out\r\na9 OK Logout completed.\r\n')


# ------------------------------------------------------------------------- IRC
def irc_login(k, f, nick, server='irc.example.net', cap=None):
    if cap:
        f.c_(b'CAP LS 302\r\n', think=0.01)
        f.s_(b':%s CAP * LS :%s\r\n' % (server.encode(), cap.encode()))
        f.c_(b'CAP REQ :%s\r\n' % cap.encode(), think=0.002)
        f.s_(b':%s CAP * ACK :%s\r\n' % (server.encode(), cap.encode()))
        f.c_(b'NICK %s\r\nUSER %s 0 * :%s\r\nCAP END\r\n' % (nick.encode(), nick.encode(), nick.encode()), think=0.002)
    else:
        f.c_(b'NICK %s\r\nUSER %s 0 * :%s\r\n' % (nick.encode(), nick.encode(), nick.encode()), think=0.01)
    s = server.encode()
    n = nick.encode()
    f.s_(b':%s 001 %s :Welcome to the ExampleNet IRC Network %s\r\n:%s 002 %s :Your host is %s\r\n'
         b':%s 004 %s %s ircd-2.11 iowghraAsORTVSxNCWqBzvdHtGpI lvhopsmntikrRcaqOALQbSeIKVfMCuzNTGjZ\r\n'
         b':%s 005 %s CHANTYPES=# NICKLEN=30 CHANNELLEN=50 NETWORK=ExampleNet :are supported by this server\r\n'
         b':%s 422 %s :MOTD File is missing\r\n' % (s, n, n, s, n, s, s, n, s, s, n, s, n))


def irc_join(k, f, nick, chan, others):
    f.c_(b'JOIN %s\r\n' % chan.encode(), think=0.3)
    f.s_(b':%s!~%s@198.51.100.4 JOIN %s\r\n:irc.example.net 353 %s = %s :%s %s\r\n'
         b':irc.example.net 366 %s %s :End of /NAMES list.\r\n' % (
             nick.encode(), nick.encode(), chan.encode(), nick.encode(), chan.encode(), nick.encode(),
             ' '.join(others).encode(), nick.encode(), chan.encode()))


# ------------------------------------------------------------------------- XMPP
def xmpp_login(k, f, user, domain='example.net'):
    u, d = user.encode(), domain.encode()
    f.c_(b"<?xml version='1.0'?><stream:stream to='%s' xmlns='jabber:client' "
         b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>" % d, think=0.01)
    f.s_(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
         b"id='%s' from='%s' version='1.0' xml:lang='en'><stream:features><mechanisms "
         b"xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"
         % (k.hexid(12).encode(), d))
    cred = base64.b64encode(b'\0' + u + b'\0' + k.hexid(10).encode())
    f.c_(b"<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>%s</auth>" % cred, think=0.003)
    f.s_(b"<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
    f.c_(b"<stream:stream to='%s' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
         b"version='1.0'>" % d, think=0.002)
    f.s_(b"<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='%s' "
         b"from='%s' version='1.0'><stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
         b"</stream:features>" % (k.hexid(12).encode(), d))
    f.c_(b"<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>phone</resource>"
         b"</bind></iq>", think=0.002)
    f.s_(b"<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>%s@%s/phone</jid>"
         b"</bind></iq>" % (u, d))
    f.c_(b"<presence/>", think=0.01)


def xml_esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace("'", '&apos;')


def xmpp_message(k, frm, to, text, mtype='chat'):
    return ("<message from='%s' to='%s' type='%s' id='%s'><body>%s</body><active "
            "xmlns='http://jabber.org/protocol/chatstates'/></message>" % (
                frm, to, mtype, k.hexid(8), xml_esc(text))).encode()


# ------------------------------------------------------------------------- MQTT 3.1.1
def mqtt_remlen(n):
    out = bytearray()
    while True:
        b = n % 128
        n //= 128
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def mqtt_str(s):
    b = s.encode() if isinstance(s, str) else s
    return struct.pack('!H', len(b)) + b


def mqtt_connect(client_id, user=None):
    flags = 0x02 | (0xc0 if user else 0)
    vh = mqtt_str('MQTT') + bytes([4, flags]) + struct.pack('!H', 60)
    pl = mqtt_str(client_id) + (mqtt_str(user) + mqtt_str('x' * 12) if user else b'')
    return b'\x10' + mqtt_remlen(len(vh) + len(pl)) + vh + pl


MQTT_CONNACK = b'\x20\x02\x00\x00'


def mqtt_publish(topic, payload, qos=0, pid=1):
    vh = mqtt_str(topic) + (struct.pack('!H', pid) if qos else b'')
    return bytes([0x30 | qos << 1]) + mqtt_remlen(len(vh) + len(payload)) + vh + payload


def mqtt_subscribe(topic, pid=1):
    body = struct.pack('!H', pid) + mqtt_str(topic) + b'\x01'
    return b'\x82' + mqtt_remlen(len(body)) + body


def mqtt_suback(pid=1):
    return b'\x90\x03' + struct.pack('!H', pid) + b'\x01'


def mqtt_puback(pid):
    return b'\x40\x02' + struct.pack('!H', pid)


# ------------------------------------------------------------------------- HTTP chat pieces
def chat_record(k, style, text, frm, to, flow):
    """A message record with sender, recipient and time, in one of several API styles."""
    if style == 0:
        return {'from': frm, 'to': to, 'sent_at': k.iso(flow), 'text': text}
    if style == 1:
        return {'sender': {'id': k.hexid(8), 'name': frm}, 'recipient': {'id': k.hexid(8), 'name': to},
                'timestamp': k.epoch_ms(flow), 'message': text}
    if style == 2:
        return {'author': frm, 'conversation': 'dm-' + k.hexid(6), 'to': [to], 'created': k.iso(flow),
                'body': text, 'client_msg_id': k.uuid()}
    return {'msg': {'from': frm, 'to': [to], 'ts': k.epoch_ms(flow) // 1000, 'content': text, 'kind': 'text'}}


def ua(k):
    return 'User-Agent: ' + k.pick(['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
                                    'okhttp/4.12.0', 'ChatApp/3.4.1 (Android 14)',
                                    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15',
                                    'python-requests/2.31.0', 'Dalvik/2.1.0 (Linux; U; Android 13)'])


# ------------------------------------------------------------------------- later waves' texts, HTTP
class WaveTexts:
    """A later wave's text module (CHAT, NAMES, HANDLES, GREET, SUBJECTS) read for one case's kit;
    lines are drawn without repeats within a case (the kit remembers them under `tag`)."""

    def __init__(self, mod, tag):
        self.X, self.tag = mod, tag

    def lines(self, k, n, lang=None):
        lang = lang or k.lang
        pool = self.X.CHAT[lang]
        free = [i for i in range(len(pool)) if (self.tag, lang, i) not in k._used_lines]
        if len(free) < n:
            free = list(range(len(pool)))
        idx = k.rng.sample(free, min(n, len(free)))
        for i in idx:
            k._used_lines.add((self.tag, lang, i))
        return [pool[i] for i in idx]

    def line(self, k, lang=None):
        return self.lines(k, 1, lang)[0]

    def some(self, k, lo=1, hi=3):
        return self.lines(k, k.rng.randrange(lo, hi + 1))

    def names2(self, k):
        a, b = k.rng.sample(self.X.NAMES[k.lang], 2)
        return a, b

    def handle(self, k):
        return k.pick(self.X.HANDLES)

    def handles2(self, k):
        a, b = k.rng.sample(self.X.HANDLES, 2)
        return a, b

    def nick(self, k):
        return self.handle(k).replace('.', '_')

    def subject(self, k):
        return k.pick(self.X.SUBJECTS[k.lang])

    def mailbody(self, k, to_name, from_name, n=None, texts=None):
        g, c = self.X.GREET[k.lang]
        body = texts or self.lines(k, n or k.rng.randrange(2, 4))
        sep = '\n' if k.lang in ('zh', 'ja', 'th', 'lo') else '\n\n'
        return g.format(n=to_name) + '\n\n' + sep.join(body) + '\n\n' + c.format(n=from_name) + '\n'


def rnd(k, n):
    return bytes(k.rng.getrandbits(8) for _ in range(n))

