# cases_lines: line protocols outside the usual decoder list: a MIME-ish header block then the text;
# IRCv3 message tags before the command; the irregular whitespace, case and trailing forms RFC 1459
# allows; talk (characters as typed); custom MSG/SAY/TELL verbs; MUD "say" over telnet; STOMP, NATS
# and Redis pub/sub with chat payloads; APRS-IS messages; NNTP posts; memcached / beanstalkd
# storing chat; AOL TOC. Negatives: the same protocols carrying commands, metrics and caches.
import caselib as C
import flowwire as W

FAM = 'line-protocol'
U = 'unfamiliar'


def mime_block(k):
    f = k.tcp(k.pick([4040, 7070, 2001]))
    nl = '\n' if k.var % 2 else '\r\n'
    me, peer = k.handles2()
    f.c_(('HELLO %s%s' % (me, nl)).encode(), think=0.01)
    f.s_(('100 hi %s%s' % (me, nl)).encode())
    for text in k.lines(k.rng.randrange(1, 4)):
        b = text.encode()
        hdr = nl.join(['SEND v1', 'From: %s' % me, 'To: %s' % peer, 'Date: %s' % k.rfc5322(f),
                       'Content-Type: text/plain; charset=utf-8', 'Content-Length: %d' % len(b)]) + nl + nl
        f.c_(hdr.encode() + b, think=k.human())
        f.s_(('201 stored %s%s' % (k.hexid(6), nl)).encode())
    f.close()
    return C.pos('to_server', 'custom verb + MIME-ish header block + text%s' % (' (LF only)' if nl == '\n' else ''))


def ircv3_tags(k):
    f = k.tcp(6667)
    nick, other = k.handles2()
    chan = '#' + k.pick(['dev', 'lobby', 'garden', 'ffm'])
    C.irc_login(k, f, nick, cap='message-tags server-time')
    C.irc_join(k, f, nick, chan, [other])
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        if recv:
            f.s_(('@time=%s;msgid=%s;account=%s :%s!~%s@203.0.113.7 PRIVMSG %s :%s\r\n' % (
                k.iso(f), k.hexid(16), other, other, other, chan, text)).encode(), think=k.human())
        else:
            f.c_(('@label=%s;+draft/reply=%s PRIVMSG %s :%s\r\n' % (k.hexid(4), k.hexid(12), chan, text)).encode(),
                 think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'IRCv3 message tags before PRIVMSG')


def irc_irregular(k):
    f = k.tcp(k.pick([6667, 6668, 7000]))
    nick, other = k.handles2()
    nl = '\n' if k.var % 2 else '\r\n'
    f.c_(('nick %s%suser  %s  0  *  :%s%s' % (nick, nl, nick, nick, nl)).encode(), think=0.01)
    f.s_((':irc.example.net 001 %s :Welcome%s' % (nick, nl)).encode())
    f.c_(('join   #%s%s' % (k.pick(['linux', 'town', 'cafe']), nl)).encode(), think=0.5)
    recv = k.var % 3 == 2
    forms = ['privmsg   %s   :%s', 'PRIVMSG %s :\x01ACTION %s\x01', 'notice  %s  :%s', 'PrivMsg %s :%s  ']
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        form = forms[(k.var + i) % len(forms)]
        if recv:
            f.s_((':%s!u@h.example.org  %s%s' % (other, form % (nick, text), nl)).encode(), think=k.human())
        else:
            f.c_(((form % (other, text)) + nl).encode(), think=k.human())
    f.c_(('PRIVMSG %s ok%s' % (other, nl)).encode(), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'IRC with lower-case verbs, repeated spaces, NOTICE/ACTION%s' % (
        ', LF only' if nl == '\n' else ''))


def talk_chars(k):
    f = k.tcp(k.rng.randrange(1024, 5000))
    f.c_(b'\x7f\x15\x17', think=0.01)
    f.s_(b'\x7f\x15\x17')
    mode = k.var % 2
    for text in k.lines(k.rng.randrange(1, 3)):
        mine = mode == 0 or k.rng.random() < 0.5
        first = True
        for ch in text + '\n':
            b = ch.encode()
            if mine:
                f.c_(b, think=k.human(0.08, 0.35) if not first else k.human(2, 8))
            else:
                f.s_(b, think=k.human(0.08, 0.35) if not first else k.human(2, 8))
            first = False
    f.close()
    return C.pos('to_server' if mode == 0 else '-', 'talk: one character per segment as typed')


def custom_verbs(k):
    f = k.tcp(k.pick([5555, 4000, 9999]))
    me, peer = k.handles2()
    f.c_(b'HELLO %s\r\n' % me.encode(), think=0.01)
    f.s_(b'WELCOME %s 3 online\r\n' % me.encode())
    verb = ['MSG %s %s', 'SAY #lobby %s', 'TELL %s %s', 'WHISPER %s :%s'][k.var % 4]
    recv = k.var % 3 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        line = verb % (peer, text) if verb.count('%s') == 2 else verb % text
        if recv:
            f.s_(('FROM %s %s\r\n' % (peer, text)).encode(), think=k.human())
        else:
            f.c_((line + '\r\n').encode(), think=k.human())
            f.s_(b'OK\r\n')
    f.c_(b'BYE\r\n', think=3)
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'custom chat verb %s' % verb.split()[0])


IAC = b'\xff'


def mud_say(k):
    f = k.tcp(4000)
    f.s_(IAC + b'\xfb\x01' + IAC + b'\xfd\x18' + b'\r\nWelcome to Example MUD.\r\nBy what name do you wish to be known? ')
    me = k.handle().capitalize()
    f.c_(IAC + b'\xfd\x01' + IAC + b'\xfc\x18' + me.encode() + b'\r\n', think=3)
    f.s_(b'\r\nThe Village Square\r\nA worn fountain stands in the middle of the square. Exits: north, east, west.\r\n> ')
    other = k.handle().capitalize()
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        if i % 2 == 0:
            f.c_(('say %s\r\n' % text).encode(), think=k.human())
            f.s_(("You say '%s'\r\n> " % text).encode())
        else:
            f.s_(("%s says '%s'\r\n> " % (other, text)).encode(), think=k.human())
    f.c_(b'quit\r\n', think=4)
    f.s_(b'Goodbye.\r\n')
    f.close()
    return C.pos('-', 'MUD say over telnet (server echoes what was said)')


def stomp(k):
    f = k.tcp(61613)
    f.c_(b'CONNECT\naccept-version:1.2\nhost:chat.example.net\nlogin:%s\npasscode:%s\n\n\0' % (
        k.handle().encode(), k.hexid(8).encode()), think=0.01)
    f.s_(b'CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:ActiveMQ/5.18.3\n\n\0')
    dest = '/topic/chat.%s' % k.pick(['room1', 'family', 'support-7'])
    f.c_(b'SUBSCRIBE\nid:0\ndestination:%s\nack:auto\n\n\0' % dest.encode(), think=0.002)
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 4)):
        b = text.encode()
        if recv:
            f.s_(b'MESSAGE\nsubscription:0\nmessage-id:ID:%s\ndestination:%s\ncontent-type:text/plain;charset=utf-8\n'
                 b'content-length:%d\n\n' % (k.hexid(12).encode(), dest.encode(), len(b)) + b + b'\0', think=k.human())
        else:
            f.c_(b'SEND\ndestination:%s\ncontent-type:text/plain;charset=utf-8\ncontent-length:%d\n\n' % (
                dest.encode(), len(b)) + b + b'\0', think=k.human())
    f.c_(b'DISCONNECT\nreceipt:77\n\n\0', think=2)
    f.s_(b'RECEIPT\nreceipt-id:77\n\n\0')
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'STOMP %s with a text/plain chat body' % ('MESSAGE' if recv else 'SEND'))


def nats(k):
    f = k.tcp(4222)
    f.s_(b'INFO {"server_id":"%s","version":"2.10.11","proto":1,"headers":true,"max_payload":1048576}\r\n' %
         k.hexid(20).encode())
    f.c_(b'CONNECT {"verbose":false,"pedantic":false,"name":"chat-app","lang":"go","version":"1.31.0","protocol":1,'
         b'"headers":true}\r\nPING\r\n', think=0.005)
    f.s_(b'PONG\r\n')
    subj = 'chat.room.%d' % k.rng.randrange(1, 99)
    f.c_(b'SUB %s 1\r\n' % subj.encode(), think=0.002)
    style = k.var % 3
    for text in k.lines(k.rng.randrange(1, 4)):
        payload = W.jdump({'text': text}) if style == 0 else text.encode()
        if style == 2:
            h = b'NATS/1.0\r\nX-From: %s\r\n\r\n' % k.handle().encode()
            f.c_(b'HPUB %s %d %d\r\n' % (subj.encode(), len(h), len(h) + len(payload)) + h + payload + b'\r\n', think=k.human())
        elif style == 1:
            f.s_(b'MSG %s 1 %d\r\n' % (subj.encode(), len(payload)) + payload + b'\r\n', think=k.human())
        else:
            f.c_(b'PUB %s %d\r\n' % (subj.encode(), len(payload)) + payload + b'\r\n', think=k.human())
    f.close()
    return C.pos('to_client' if style == 1 else 'to_server', 'NATS %s' % ['PUB {text}', 'MSG text', 'HPUB with headers'][style])


def resp(*args):
    out = b'*%d\r\n' % len(args)
    for a in args:
        b = a.encode() if isinstance(a, str) else a
        out += b'$%d\r\n' % len(b) + b + b'\r\n'
    return out


def redis_pub(k):
    f = k.tcp(6379)
    chan = 'chat:%s' % k.pick(['lobby', 'room:42', 'dm:%s' % k.hexid(6)])
    style = k.var % 3
    f.c_(resp('AUTH', k.hexid(16)), think=0.01)
    f.s_(b'+OK\r\n')
    for text in k.lines(k.rng.randrange(1, 4)):
        if style == 0:
            f.c_(resp('PUBLISH', chan, text), think=k.human())
            f.s_(b':2\r\n')
        elif style == 1:
            f.s_(resp('message', chan, W.jdump({'u': k.handle(), 'm': text})), think=k.human())
        else:
            f.c_(resp('XADD', chan + ':stream', '*', 'user', k.handle(), 'text', text), think=k.human())
            f.s_(b'$15\r\n%d-0\r\n' % (k.epoch_ms(f) % 10 ** 13))
    f.close()
    return C.pos('to_client' if style == 1 else 'to_server', 'Redis %s' % ['PUBLISH', 'subscriber message', 'XADD'][style])


def aprs_is(k):
    f = k.tcp(14580)
    call = k.pick(['N0CALL-9', 'DL1ABC-7', 'PD2XYZ', 'YB0AA-5'])
    peer = k.pick(['W1ABC-7', 'ON4XX', 'G4ZZZ-2', '9V1AB'])
    f.s_(b'# aprsc 2.1.14-g5e22494\r\n')
    f.c_(('user %s pass -1 vers aprsdroid 1.6.2 filter m/50\r\n' % call).encode(), think=0.01)
    f.s_(('# logresp %s unverified, server T2EXAMPLE\r\n' % call).encode())
    texts = k.ascii_lines(k.rng.randrange(1, 3)) if k.lang != 'de' else k.lines(1)
    for i, text in enumerate(texts):
        f.c_(('%s>APDR16,TCPIP*::%-9s:%s{%d\r\n' % (call, peer, text[:67], i + 1)).encode(), think=k.human())
        f.s_(('%s>APRS,TCPIP*,qAC,T2EXAMPLE::%-9s:ack%d\r\n' % (peer, call, i + 1)).encode(), think=k.human(2, 10))
    f.close()
    return C.pos('to_server', 'APRS-IS message packets')


def nntp_post(k):
    f = k.tcp(119)
    f.s_(b'200 news.example.net InterNetNews NNRP server INN 2.7.1 ready (posting ok)\r\n')
    f.c_(b'MODE READER\r\n', think=0.01)
    f.s_(b'200 posting allowed\r\n')
    f.c_(b'POST\r\n', think=0.002)
    f.s_(b'340 Ok, recommended Message-ID <%s@news.example.net>\r\n' % k.hexid(12).encode())
    fn = k.name()
    body = '\r\n\r\n'.join(k.lines(k.rng.randrange(2, 4)))
    art = ('From: %s <%s@example.org>\r\nNewsgroups: %s\r\nSubject: %s\r\nContent-Type: text/plain; charset=UTF-8\r\n'
           'Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n' % (W.rfc2047(fn), k.handle(), k.pick(['misc.kids', 'rec.travel',
                                                                                               'alt.chat', 'de.talk.misc']),
                                                         W.rfc2047(k.subject()), body)).encode()
    f.c_(W.dot_stuff(art) + b'.\r\n', think=0.005)
    f.s_(b'240 Article received <%s@news.example.net>\r\n' % k.hexid(12).encode())
    f.c_(b'QUIT\r\n', think=0.01)
    f.s_(b'205 Bye!\r\n')
    f.close()
    return C.pos('to_server', 'NNTP POST of a newsgroup article')


def cache_queue(k):
    mem = k.var % 2 == 0
    f = k.tcp(11211 if mem else 11300)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        payload = W.jdump({'from': k.rng.randrange(1000, 9999), 'body': text}) if k.var % 4 < 2 else text.encode()
        if mem:
            f.c_(b'set chat:msg:%d 0 86400 %d\r\n' % (k.rng.randrange(10 ** 5), len(payload)) + payload + b'\r\n',
                 think=k.human() if i else 0.01)
            f.s_(b'STORED\r\n')
        else:
            if i == 0:
                f.c_(b'use chat-outbox\r\n', think=0.01)
                f.s_(b'USING chat-outbox\r\n')
            f.c_(b'put 1024 0 120 %d\r\n' % len(payload) + payload + b'\r\n', think=k.human())
            f.s_(b'INSERTED %d\r\n' % k.rng.randrange(100))
    f.close()
    return C.pos('to_server', '%s of a chat message' % ('memcached set' if mem else 'beanstalkd put'))


def toc_im(k):
    import struct
    f = k.tcp(k.pick([9898, 5190]))
    seq = {'c': k.rng.randrange(0, 30000), 's': k.rng.randrange(0, 30000)}

    def sflap(who, typ, data):
        seq[who] += 1
        return struct.pack('!cBHH', b'*', typ, seq[who], len(data)) + data
    me, peer = k.handles2()
    f.c_(b'FLAPON\r\n\r\n', think=0.01)
    f.s_(sflap('s', 1, b'\0\0\0\1'))
    f.c_(sflap('c', 1, b'\0\0\0\1\0\1' + struct.pack('!H', len(me)) + me.encode()), think=0.002)
    f.c_(sflap('c', 2, b'toc_signon login.oscar.example.net 5190 %s 0x%s english "TIC:TOC"\0' % (
        me.encode(), k.hexid(12).encode())), think=0.002)
    f.s_(sflap('s', 2, b'SIGN_ON:TOC1.0\0'))
    recv = k.var % 2 == 1
    for text in k.lines(k.rng.randrange(1, 3)):
        if recv:
            f.s_(sflap('s', 2, ('IM_IN:%s:F:%s\0' % (peer, text)).encode()), think=k.human())
        else:
            f.c_(sflap('c', 2, ('toc_send_im %s "%s"\0' % (peer, text.replace('"', '\\"'))).encode()), think=k.human())
    f.close()
    return C.pos('to_client' if recv else 'to_server', 'AOL TOC over SFLAP (ASCII commands)')


# ---------------------------------------------------------------- negatives
def ircv3_cap_only(k):
    f = k.tcp(6667)
    nick, other = k.handles2()
    C.irc_login(k, f, nick, cap='message-tags server-time batch')
    C.irc_join(k, f, nick, '#' + k.pick(['dev', 'lobby']), [other])
    for _ in range(3):
        f.s_(b'@time=%s PING :irc.example.net\r\n' % k.iso(f).encode(), think=45)
        f.c_(b'PONG :irc.example.net\r\n', think=0.001)
    f.close()
    return C.neg('IRCv3 CAP negotiation, JOIN, PING/PONG')


def stomp_metrics(k):
    f = k.tcp(61613)
    f.c_(b'CONNECT\naccept-version:1.2\nhost:mq.example.net\n\n\0', think=0.01)
    f.s_(b'CONNECTED\nversion:1.2\n\n\0')
    for _ in range(4):
        b = W.jdump({'host': 'web-%s' % k.hexid(2), 'cpu': round(k.rng.uniform(0, 1), 3), 'rss_mb': k.rng.randrange(100, 900)})
        f.c_(b'SEND\ndestination:/queue/metrics\ncontent-type:application/json\ncontent-length:%d\n\n' % len(b) + b + b'\0',
             think=10)
    f.close()
    return C.neg('STOMP metrics')


def nats_telemetry(k):
    f = k.tcp(4222)
    f.s_(b'INFO {"server_id":"%s","version":"2.10.11"}\r\n' % k.hexid(20).encode())
    f.c_(b'CONNECT {"verbose":false}\r\nPING\r\n', think=0.005)
    f.s_(b'PONG\r\n')
    for _ in range(5):
        p = W.jdump({'dev': k.hexid(8), 'v': round(k.rng.uniform(3.0, 4.2), 2), 'rssi': -k.rng.randrange(40, 90)})
        f.c_(b'PUB telemetry.battery %d\r\n' % len(p) + p + b'\r\n', think=5)
    f.close()
    return C.neg('NATS telemetry')


def redis_cache(k):
    f = k.tcp(6379)
    for _ in range(4):
        key = 'sess:%s' % k.hexid(24)
        f.c_(resp('SET', key, W.jdump({'uid': k.rng.randrange(10 ** 5), 'csrf': k.hexid(32), 'exp': k.epoch_ms(f) // 1000 + 3600}),
                  'EX', '3600'), think=k.human(0.1, 3))
        f.s_(b'+OK\r\n')
        f.c_(resp('HGETALL', 'user:%d' % k.rng.randrange(10 ** 5)), think=0.5)
        f.s_(resp('name', k.name('en'), 'plan', 'pro', 'locale', 'en-GB'))
    f.c_(resp('PUBLISH', 'jobs:events', W.jdump({'job': k.hexid(8), 'status': 'done', 'ms': 812})), think=1)
    f.s_(b':1\r\n')
    f.close()
    return C.neg('Redis session cache and job events')


def mud_moves(k):
    f = k.tcp(4000)
    f.s_(IAC + b'\xfb\x01' + b'\r\nWelcome to Example MUD.\r\nBy what name do you wish to be known? ')
    f.c_(k.handle().capitalize().encode() + b'\r\n', think=3)
    rooms = [b'The Village Square\r\nA worn fountain stands in the middle of the square. Exits: north, east, west.\r\n',
             b'North Road\r\nThe road is muddy and rutted by carts. Exits: north, south.\r\n',
             b'The Old Mill\r\nA waterwheel creaks slowly beside a heap of sacks. Exits: south.\r\n']
    for cmd, room in zip([b'look', b'north', b'north'], rooms):
        f.c_(cmd + b'\r\n', think=k.human(1, 5))
        f.s_(room + b'> ')
    f.c_(b'inventory\r\n', think=2)
    f.s_(b'You are carrying:\r\n  a brass lantern\r\n  a loaf of bread\r\n> ')
    f.close()
    return C.neg('MUD movement commands and room descriptions', 'en')


def telnet_cli(k):
    f = k.tcp(23)
    f.s_(IAC + b'\xfb\x01' + IAC + b'\xfb\x03' + b'\r\nUser Access Verification\r\n\r\nUsername: ')
    f.c_(b'admin\r\n', think=2)
    f.s_(b'Password: ')
    f.c_(k.hexid(8).encode() + b'\r\n', think=1.5)
    f.s_(b'\r\nedge-rtr1#')
    f.c_(b'show ip interface brief\r\n', think=3)
    f.s_(b'Interface              IP-Address      OK? Method Status                Protocol\r\n'
         b'GigabitEthernet0/0     192.0.2.1       YES NVRAM  up                    up\r\n'
         b'GigabitEthernet0/1     unassigned      YES NVRAM  administratively down down\r\nedge-rtr1#')
    f.close()
    return C.neg('telnet router CLI session')


def aprs_position(k):
    f = k.tcp(14580)
    f.s_(b'# aprsc 2.1.14-g5e22494\r\n')
    f.c_(b'user N0CALL-9 pass -1 vers aprsdroid 1.6.2\r\n', think=0.01)
    for _ in range(3):
        f.c_(b'N0CALL-9>APDR16,TCPIP*:=4903.%02dN/07201.%02dW>PHG2360/A=000%03d\r\n' % (
            k.rng.randrange(100), k.rng.randrange(100), k.rng.randrange(1000)), think=60)
    f.close()
    return C.neg('APRS position reports')


def nntp_list(k):
    f = k.tcp(119)
    f.s_(b'200 news.example.net InterNetNews NNRP server ready\r\n')
    f.c_(b'LIST ACTIVE rec.*\r\n', think=0.01)
    f.s_(b'215 list follows\r\nrec.travel 0000051234 0000049990 y\r\nrec.photo 0000012001 0000011876 y\r\n.\r\n')
    f.c_(b'GROUP rec.travel\r\n', think=0.5)
    f.s_(b'211 1244 49990 51234 rec.travel\r\n')
    f.c_(b'QUIT\r\n', think=1)
    f.s_(b'205 Bye!\r\n')
    f.close()
    return C.neg('NNTP group listing')


def verb_status(k):
    f = k.tcp(5555)
    for i in range(6):
        f.c_(b'PING %d\r\n' % i, think=5)
        f.s_(b'PONG %d\r\n' % i)
    f.c_(b'STATUS\r\n', think=1)
    f.s_(b'STATUS users=3 rooms=2 uptime=86311\r\n')
    f.close()
    return C.neg('custom verb protocol: PING/STATUS only')


def ftp_control(k):
    f = k.tcp(21)
    f.s_(b'220 (vsFTPd 3.0.3)\r\n')
    f.c_(b'USER %s\r\n' % k.handle().encode(), think=0.01)
    f.s_(b'331 Please specify the password.\r\n')
    f.c_(b'PASS %s\r\n' % k.hexid(10).encode(), think=0.002)
    f.s_(b'230 Login successful.\r\n')
    for cmd, rep in [(b'PWD', b'257 "/home/files" is the current directory'), (b'TYPE I', b'200 Switching to Binary mode.'),
                     (b'PASV', b'227 Entering Passive Mode (203,0,113,9,195,80).'),
                     (b'RETR invoices/2025-02.pdf', b'150 Opening BINARY mode data connection for invoices/2025-02.pdf (48211 bytes).\r\n226 Transfer complete.')]:
        f.c_(cmd + b'\r\n', think=0.05)
        f.s_(rep + b'\r\n')
    f.c_(b'QUIT\r\n', think=0.05)
    f.s_(b'221 Goodbye.\r\n')
    f.close()
    return C.neg('FTP control connection')


def mud_combat(k):
    f = k.tcp(4000)
    f.s_(b'\r\nWelcome back. You are standing in a dark cave.\r\n> ')
    f.c_(b'kill goblin\r\n', think=3)
    for line in [b'You attack the goblin!', b'The goblin hits you. [HP 41/50]', b'You hit the goblin hard.',
                 b'The goblin is dead! You gain 12 experience.', b'You get 3 gold coins from the corpse of the goblin.']:
        f.s_(line + b'\r\n> ', think=0.8)
    f.c_(b'rest\r\n', think=4)
    f.s_(b'You sit down and rest.\r\n> ')
    f.close()
    return C.neg('MUD combat messages written by the game', 'en')


def nats_request(k):
    f = k.tcp(4222)
    f.s_(b'INFO {"server_id":"%s","version":"2.10.11"}\r\n' % k.hexid(20).encode())
    f.c_(b'CONNECT {"verbose":false}\r\nSUB _INBOX.%s.* 1\r\n' % k.hexid(12).encode(), think=0.005)
    for _ in range(3):
        q = W.jdump({'id': k.rng.randrange(10 ** 5)})
        f.c_(b'PUB svc.users.get _INBOX.x.1 %d\r\n' % len(q) + q + b'\r\n', think=k.human(0.5, 5))
        r = W.jdump({'id': 1, 'name': k.name('en'), 'plan': 'free', 'created': k.iso(f)})
        f.s_(b'MSG _INBOX.x.1 1 %d\r\n' % len(r) + r + b'\r\n')
    f.close()
    return C.neg('NATS request/reply of user records')


def irc_ctcp_version(k):
    f = k.tcp(6667)
    nick, other = k.handles2()
    C.irc_login(k, f, nick)
    f.s_((':%s!u@h.example.org PRIVMSG %s :\x01VERSION\x01\r\n' % (other, nick)).encode(), think=2)
    f.c_(('NOTICE %s :\x01VERSION HexChat 2.16.1 / Linux 6.1.0 [x86_64/2.40GHz/SMP]\x01\r\n' % other).encode(), think=0.005)
    f.s_((':%s!u@h.example.org PRIVMSG %s :\x01TIME\x01\r\n' % (other, nick)).encode(), think=1)
    f.c_(('NOTICE %s :\x01TIME Mon Mar  3 09:12:44 2025\x01\r\n' % other).encode(), think=0.004)
    f.close()
    return C.neg('IRC CTCP VERSION/TIME replies written by the client program')


def redis_info(k):
    f = k.tcp(6379)
    f.c_(resp('INFO', 'server'), think=0.01)
    txt = ('# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux 6.1.0-18-amd64 x86_64\r\n'
           'arch_bits:64\r\ntcp_port:6379\r\nuptime_in_seconds:%d\r\nconfig_file:/etc/redis/redis.conf\r\n' % k.rng.randrange(10 ** 6)).encode()
    f.s_(b'$%d\r\n' % len(txt) + txt + b'\r\n')
    f.close()
    return C.neg('Redis INFO')


def memcached_stats(k):
    f = k.tcp(11211)
    f.c_(b'stats\r\n', think=0.01)
    f.s_(b''.join(b'STAT %s %d\r\n' % (n, k.rng.randrange(10 ** 6)) for n in [b'pid', b'uptime', b'curr_connections',
                                                                              b'get_hits', b'get_misses', b'bytes']) + b'END\r\n')
    f.c_(b'get chat:unread:%d\r\n' % k.rng.randrange(10 ** 5), think=0.3)
    f.s_(b'VALUE chat:unread:1 0 1\r\n7\r\nEND\r\n')
    f.close()
    return C.neg('memcached stats and a counter')


def _stomp_ws(k, f):
    req, resp = W.ws_upgrade('/ws/websocket', k.host(), k.rng, 'v12.stomp')
    f.c_(req, think=0.01)
    f.s_(resp)
    m = lambda: bytes(k.rng.getrandbits(8) for _ in range(4))  # noqa: E731
    f.c_(W.ws_frame(b'CONNECT\naccept-version:1.2,1.1\nheart-beat:10000,10000\n\n\0', 1, m()), think=0.003)
    f.s_(W.ws_frame(b'CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0'))
    f.c_(W.ws_frame(b'SUBSCRIBE\nid:sub-0\ndestination:/topic/public\n\n\0', 1, m()), think=0.002)
    return m


def stomp_ws(k):
    f = k.tcp(8080)
    m = _stomp_ws(k, f)
    for text in k.lines(k.rng.randrange(1, 4)):
        body = W.jdump({'sender': k.handle(), 'content': text, 'type': 'CHAT'})
        f.c_(W.ws_frame(b'SEND\ndestination:/app/chat.sendMessage\ncontent-length:%d\n\n' % len(body) + body + b'\0', 1, m()),
             think=k.human())
        f.s_(W.ws_frame(b'MESSAGE\ndestination:/topic/public\ncontent-type:application/json\nsubscription:sub-0\n'
                        b'message-id:%s\ncontent-length:%d\n\n' % (k.hexid(8).encode(), len(body)) + body + b'\0'))
    f.close()
    return C.pos('-', 'STOMP frames over WebSocket (the server broadcasts the message back)')


def stomp_ws_heartbeat(k):
    f = k.tcp(8080)
    m = _stomp_ws(k, f)
    for _ in range(6):
        f.c_(W.ws_frame(b'\n', 1, m()), think=10)
        f.s_(W.ws_frame(b'\n'))
    f.close()
    return C.neg('STOMP over WebSocket: connect, subscribe, heart-beats')


CASES = [
    (FAM, U, 'mime-block', mime_block, C.langs(5, 2)),
    (FAM, U, 'ircv3-tags', ircv3_tags, C.langs(5, 5)),
    (FAM, U, 'irc-irregular', irc_irregular, C.langs(6, 8)),
    (FAM, U, 'talk-chars', talk_chars, C.langs(3, 11)),
    (FAM, U, 'custom-verbs', custom_verbs, C.langs(5, 14)),
    (FAM, U, 'mud-say', mud_say, C.langs(3, 17)),
    (FAM, U, 'stomp', stomp, C.langs(4, 20) + ['ru', 'ja']),
    (FAM, U, 'nats', nats, C.langs(4, 23)),
    (FAM, U, 'redis-pub', redis_pub, C.langs(4, 26)),
    (FAM, U, 'aprs-is', aprs_is, ['en', 'id', 'sw', 'de']),
    (FAM, U, 'nntp-post', nntp_post, C.langs(3, 3)),
    (FAM, U, 'cache-queue', cache_queue, C.langs(4, 6)),
    (FAM, U, 'toc-im', toc_im, C.langs(3, 9)),
    (FAM, U, 'ircv3-cap-only', ircv3_cap_only, ['-'] * 3),
    (FAM, U, 'stomp-metrics', stomp_metrics, ['-'] * 3),
    (FAM, U, 'nats-telemetry', nats_telemetry, ['-'] * 3),
    (FAM, U, 'redis-cache', redis_cache, ['-'] * 3),
    (FAM, U, 'mud-moves', mud_moves, ['-'] * 3),
    (FAM, U, 'telnet-cli', telnet_cli, ['-'] * 2),
    (FAM, U, 'aprs-position', aprs_position, ['-'] * 2),
    (FAM, U, 'nntp-list', nntp_list, ['-'] * 2),
    (FAM, U, 'verb-status', verb_status, ['-'] * 2),
    (FAM, U, 'ftp-control', ftp_control, ['-'] * 3),
    (FAM, U, 'mud-combat', mud_combat, ['-'] * 2),
    (FAM, U, 'nats-request', nats_request, ['-'] * 3),
    (FAM, U, 'irc-ctcp-version', irc_ctcp_version, ['-'] * 3),
    (FAM, U, 'redis-info', redis_info, ['-'] * 2),
    (FAM, U, 'memcached-stats', memcached_stats, ['-'] * 3),
    (FAM, U, 'stomp-ws', stomp_ws, C.langs(4, 12)),
    (FAM, U, 'stomp-ws-heartbeat', stomp_ws_heartbeat, ['-'] * 2),
]
