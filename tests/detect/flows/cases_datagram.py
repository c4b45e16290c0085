# cases_datagram: chat in UDP payloads with a small header and a human sentence: IP Messenger,
# custom LAN messengers (binary and JSON), game chat among game-state datagrams, SIP MESSAGE
# (RFC 3428), CoAP with CBOR, Zephyr notices, real-time text (RFC 4103, T.140 over RTP), UTF-16
# datagrams, an SMS relay verb. Negatives beside them: syslog, GELF, StatsD, game state, SIP
# keepalives, IPMsg presence, WireGuard-like ciphertext, DNS, UDP echo probes, CoAP sensors.
import struct

import caselib as C
import flowwire as W

FAM = 'datagram'
U = 'unfamiliar'


def ipmsg(k):
    legacy = k.lang == 'ja' and k.var % 2 == 0
    recv = k.var % 3 == 1
    f = k.udp(2425, device_server=recv, sport=2425)
    me, host = k.handle(), k.pick(['LAPTOP-7F2K', 'desk-03', 'MBP-Studio', 'PC-RECEPTION'])
    pno = k.rng.randrange(10 ** 6, 10 ** 9)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 4))):
        pno += k.rng.randrange(1, 50)
        cmd = 0x20 | 0x100 | (0 if legacy else 0x00800000)
        payload = ('1:%d:%s:%s:%d:' % (pno, me, host, cmd)).encode() + \
            (text.encode('cp932') if legacy else text.encode()) + b'\0'
        f.c_(payload, think=k.human() if i else 0.01)
        f.s_(('1:%d:%s:%s:%d:%d\0' % (pno + 1, k.handle(), 'PC-%s' % k.hexid(4).upper(), 0x21, pno)).encode())
    return C.pos('to_client' if recv else 'to_server', 'IP Messenger SENDMSG%s' % (' in Shift_JIS (cp932)' if legacy else ' UTF8OPT'))


def lan_bin(k):
    f = k.udp(k.pick([4444, 9876, 50000]))
    me = k.rng.getrandbits(32)
    seq = 0
    mode = k.var % 3
    for text in k.lines(k.rng.randrange(2, 5)):
        seq += 1
        mine = mode == 0 or (mode == 2 and k.rng.random() < 0.5)
        b = text.encode()
        pkt = b'LM' + bytes([1, 3]) + struct.pack('!II', seq, me if mine else me ^ 0xffff) + struct.pack('!H', len(b)) + b
        if mine:
            f.c_(pkt, think=k.human())
            f.s_(b'LM' + bytes([1, 4]) + struct.pack('!I', seq))
        else:
            f.s_(pkt, think=k.human())
            f.c_(b'LM' + bytes([1, 4]) + struct.pack('!I', seq), think=0.001)
    return C.pos(['to_server', 'to_client', '-'][mode], 'binary LAN-messenger header + UTF-8 text')


def json_udp(k):
    f = k.udp(9000)
    for text in k.lines(k.rng.randrange(1, 4)):
        f.c_(W.jdump({'op': 'say', 'ch': k.pick(['general', 'team', 'random']), 'msg': text, 'n': k.rng.randrange(10 ** 5)},
                     k.var % 2 == 1), think=k.human())
        f.s_(b'{"op":"ok"}')
    return C.pos('to_server', 'JSON datagram {op:say, msg}')


def game_chat(k):
    f = k.udp(k.pick([27015, 7777, 28960]), rtt=k.rng.uniform(0.02, 0.06))
    seq = 0
    pid = k.rng.randrange(1, 64)
    texts = [k.short()] + k.lines(k.rng.randrange(1, 3))
    chat_at = sorted(k.rng.sample(range(20, 290, 40), len(texts)))
    recv = k.var % 3 == 2
    ti = 0
    for tick in range(300):
        seq += 1
        pos = struct.pack('!fff', k.rng.uniform(-500, 500), k.rng.uniform(-500, 500), k.rng.uniform(0, 50))
        f.c_(b'\x01' + struct.pack('!HH', seq, seq - 1) + pos + bytes([k.rng.getrandbits(8) for _ in range(6)]), think=0.1)
        if tick % 3 == 0:
            f.s_(b'\x02' + struct.pack('!HH', seq, seq) + bytes(k.rng.getrandbits(8) for _ in range(30)), think=0.003)
        if ti < len(texts) and tick == chat_at[ti]:
            b = texts[ti].encode() + b'\0'
            if recv:
                f.s_(b'\x07' + struct.pack('!HBI', seq, 0, pid + 3) + b, think=0.004)
            else:
                f.c_(b'\x07' + struct.pack('!HBI', seq, 0, pid) + b, think=0.004)
            ti += 1
    return C.pos('to_client' if recv else 'to_server', 'game chat datagrams among %d state updates, 10 a second' % 300)


def sip_message(k):
    recv = k.var % 3 == 2
    f = k.udp(5060, device_server=recv, sport=5060)
    for i, text in enumerate(k.lines(k.rng.randrange(1, 3))):
        a, b = k.handles2()
        body = text.encode()
        branch = 'z9hG4bK' + k.hexid(10)
        call = k.hexid(16)
        hdr = ('MESSAGE sip:%s@example.org SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=%s\r\nMax-Forwards: 70\r\n'
               'From: <sip:%s@example.net>;tag=%s\r\nTo: <sip:%s@example.org>\r\nCall-ID: %s\r\nCSeq: %d MESSAGE\r\n'
               'Content-Type: text/plain;charset=UTF-8\r\nContent-Length: %d\r\n\r\n' % (
                   b, f.c.ip, branch, a, k.hexid(8), b, call, i + 1, len(body)))
        f.c_(hdr.encode() + body, think=k.human())
        f.s_(('SIP/2.0 202 Accepted\r\nVia: SIP/2.0/UDP %s:5060;branch=%s\r\nFrom: <sip:%s@example.net>;tag=x\r\n'
              'To: <sip:%s@example.org>;tag=%s\r\nCall-ID: %s\r\nCSeq: %d MESSAGE\r\nContent-Length: 0\r\n\r\n' % (
                  f.c.ip, branch, a, b, k.hexid(8), call, i + 1)).encode())
    return C.pos('to_client' if recv else 'to_server', 'SIP MESSAGE (RFC 3428) over UDP')


def coap_cbor(k):
    f = k.udp(5683)
    mid = k.rng.randrange(0, 60000)
    for text in k.lines(k.rng.randrange(1, 3)):
        mid += 1
        tok = struct.pack('!H', k.rng.getrandbits(16))
        opts = b'\xb4chat' + b'\x03msg' + b'\x11\x3c'
        f.c_(b'\x42\x02' + struct.pack('!H', mid) + tok + opts + b'\xff' + W.cbor({'to': k.hexid(6), 't': text}),
             think=k.human())
        f.s_(b'\x62\x41' + struct.pack('!H', mid) + tok)
    return C.pos('to_server', 'CoAP POST /chat/msg with a CBOR payload')


def zephyr(k):
    f = k.udp(2104, sport=k.rng.randrange(1024, 5000))
    me, peer = k.handles2()
    for text in k.lines(k.rng.randrange(1, 3)):
        uid = '0x%s 0x%s 0x%s' % (k.hexid(8).upper(), k.hexid(8).upper(), k.hexid(8).upper())
        fields = ['ZEPH0.2', '0x00000011', '0x00000002', uid, '0x%04X' % f.c.port, '0x00000000', '0x00000000', '',
                  'MESSAGE', 'personal', '', '%s@EXAMPLE.NET' % me, '%s@EXAMPLE.NET' % peer,
                  'Class $class, Instance $instance:\nTo: @bold($recipient) at $time $date\nFrom: @bold{$1 <$sender>}\n\n$2',
                  '0x%s' % k.hexid(8).upper(), uid, k.name()]
        f.c_('\0'.join(fields).encode() + b'\0' + text.encode() + b'\0', think=k.human())
        f.s_('\0'.join(['ZEPH0.2', '0x00000011', '0x00000003', uid, '0x%04X' % f.c.port] + [''] * 8).encode())
    return C.pos('to_server', 'Zephyr notice (NUL-separated header fields, signature, text)')


def rtt_t140(k):
    f = k.udp(k.rng.randrange(16384, 32767) & ~1, sport=k.rng.randrange(16384, 32767) & ~1)
    ssrc = k.rng.getrandbits(32)
    seq = k.rng.randrange(0, 60000)
    ts = k.rng.getrandbits(31)
    text = k.line() + '\u2028'
    i = 0
    first = True
    while i < len(text):
        n = k.rng.randrange(1, 4)
        chunk = text[i:i + n]
        i += n
        seq = (seq + 1) & 0xffff
        ts = (ts + 300) & 0xffffffff
        hdr = struct.pack('!BBHII', 0x80, (0x80 if first else 0) | 98, seq, ts, ssrc)
        f.c_(hdr + chunk.encode(), think=0.3 if not first else 0.01)
        first = False
    return C.pos('to_server', 'real-time text: T.140 over RTP, a few characters per packet')


def utf16_udp(k):
    f = k.udp(6000)
    for text in k.lines(k.rng.randrange(1, 3)):
        b = text.encode('utf-16-le')
        f.c_(struct.pack('<HHIH', 0x4d53, 2, k.rng.getrandbits(32), len(b) // 2) + b + b'\0\0', think=k.human())
    return C.pos('to_server', 'UTF-16LE text after a 10-byte header')


def sms_relay_udp(k):
    f = k.udp(7200)
    for text in k.lines(k.rng.randrange(1, 3)):
        num = '+%d' % k.pick([4915112345678, 447700900123, 33612345678, 819012345678])
        f.c_(('SEND %s "%s"\n' % (num, text.replace('"', "'"))).encode(), think=k.human())
        f.s_(b'OK %d\n' % k.rng.randrange(10 ** 4, 10 ** 5))
    return C.pos('to_server', 'SEND verb of an SMS relay over UDP')


# ---------------------------------------------------------------- negatives
def syslog_udp(k):
    f = k.udp(514)
    host = k.pick(['nas', 'router', 'cam-2', 'pi-hole'])
    msgs = ['sshd[%d]: Accepted publickey for admin from 192.168.1.23 port 52114 ssh2',
            'kernel: [%d.112] eth0: link up, 1000 Mbps, full duplex',
            'dnsmasq[%d]: query[A] ntp.example.org from 192.168.1.40',
            'CRON[%d]: (root) CMD (/usr/local/bin/backup.sh --quiet)',
            'smbd[%d]: user mira opened file Documents/taxes_2024.xlsx read-only']
    for m in msgs:
        f.c_(('<%d>Mar  3 09:%02d:%02d %s %s' % (k.pick([30, 86, 134, 38]), k.rng.randrange(60), k.rng.randrange(60), host,
                                                 m % k.rng.randrange(100, 30000))).encode(), think=k.human(0.5, 20))
    return C.neg('syslog (RFC 3164) over UDP')


def gelf_udp(k):
    f = k.udp(12201)
    for m in ['Connection reset by peer while reading response header', 'User 4711 sent a message to channel 88 in 38 ms',
              'Message queue depth above threshold: 1200 pending']:
        f.c_(W.jdump({'version': '1.1', 'host': 'app-%s' % k.hexid(3), 'short_message': m, 'timestamp': k.epoch_ms(f) / 1000,
                      'level': k.pick([3, 4, 6]), '_service': 'chat-backend'}), think=k.human(0.2, 5))
    return C.neg('GELF JSON log records', 'en')


def statsd(k):
    f = k.udp(8125)
    for _ in range(6):
        f.c_(('chat.messages.sent:%d|c\nchat.send.latency:%d|ms\nchat.ws.connections:%d|g' % (
            k.rng.randrange(1, 9), k.rng.randrange(5, 80), k.rng.randrange(100, 900))).encode(), think=10)
    return C.neg('StatsD metrics named after chat')


def game_state(k):
    f = k.udp(27015)
    for tick in range(120):
        f.c_(b'\x01' + struct.pack('!HH', tick, tick) + bytes(k.rng.getrandbits(8) for _ in range(18)), think=0.05)
        if tick % 3 == 0:
            f.s_(b'\x02' + struct.pack('!HH', tick, tick) + bytes(k.rng.getrandbits(8) for _ in range(30)), think=0.003)
    return C.neg('game state datagrams only')


def sip_keepalive(k):
    f = k.udp(5060, sport=5060)
    for i in range(3):
        call = k.hexid(16)
        f.c_(('OPTIONS sip:example.org SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060;branch=z9hG4bK%s\r\nMax-Forwards: 70\r\n'
              'From: <sip:%s@example.net>;tag=%s\r\nTo: <sip:example.org>\r\nCall-ID: %s\r\nCSeq: %d OPTIONS\r\n'
              'Content-Length: 0\r\n\r\n' % (f.c.ip, k.hexid(10), k.handle(), k.hexid(8), call, i + 1)).encode(), think=30)
        f.s_(('SIP/2.0 200 OK\r\nCall-ID: %s\r\nCSeq: %d OPTIONS\r\nAllow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE\r\n'
              'Content-Length: 0\r\n\r\n' % (call, i + 1)).encode())
    return C.neg('SIP OPTIONS keepalives')


def ipmsg_presence(k):
    f = k.udp(2425, sport=2425)
    pno = k.rng.randrange(10 ** 6, 10 ** 9)
    f.c_(('1:%d:%s:%s:%d:%s\0%s\0' % (pno, k.handle(), 'LAPTOP-%s' % k.hexid(4).upper(), 0x00800001, k.name('en'),
                                      'Accounting')).encode(), think=0.01)
    f.s_(('1:%d:%s:%s:%d:%s\0%s\0' % (pno + 1, k.handle(), 'PC-%s' % k.hexid(4).upper(), 0x00800003, k.name('en'),
                                      'Sales')).encode())
    return C.neg('IPMsg BR_ENTRY / ANSENTRY presence (nickname, group)')


def wireguard_like(k):
    f = k.udp(51820, sport=51820)
    f.c_(b'\x01\0\0\0' + bytes(k.rng.getrandbits(8) for _ in range(144)), think=0.01)
    f.s_(b'\x02\0\0\0' + bytes(k.rng.getrandbits(8) for _ in range(88)))
    for _ in range(8):
        f.c_(b'\x04\0\0\0' + bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(60, 400))), think=k.human(0.1, 3))
    return C.neg('WireGuard-shaped ciphertext')


def dns_lookup(k):
    f = k.udp(53)
    qid = k.rng.getrandbits(16)
    name = k.pick(['chat.example.net', 'messages.example.com', 'mail.example.org'])
    q = struct.pack('!HHHHHH', qid, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(p)]) + p.encode() for p in name.split('.')) + \
        b'\0' + struct.pack('!HH', 1, 1)
    f.c_(q, think=0.01)
    f.s_(struct.pack('!HHHHHH', qid, 0x8180, 1, 1, 0, 0) + q[12:] + b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 300, 4) +
         bytes([203, 0, 113, k.rng.randrange(2, 250)]))
    return C.neg('DNS lookup of a chat host name')


def udp_echo(k):
    f = k.udp(7, rtt=k.rng.uniform(0.002, 0.008))
    import flowtexts as T
    lang = k.pick(['en', 'de', 'fr', 'ja'])
    probe = T.CHAT[lang][0]
    for i in range(10):
        p = ('probe %d %s' % (i, probe)).encode()
        f.c_(p, think=1.0)
        f.s_(p)
    return C.neg('UDP echo of a fixed sentence, answered within one RTT (2-8 ms), every second', lang)


def coap_sensor(k):
    f = k.udp(5683)
    mid = k.rng.randrange(60000)
    for _ in range(4):
        mid += 1
        f.c_(b'\x42\x02' + struct.pack('!H', mid) + b'\x12\x34' + b'\xb7sensors' + b'\x11\x3c' + b'\xff' +
             W.cbor({'t': 21.25, 'h': 40, 'lux': 312}), think=15)
        f.s_(b'\x62\x44' + struct.pack('!H', mid) + b'\x12\x34')
    return C.neg('CoAP sensor readings')


def rtp_audio(k):
    f = k.udp(k.rng.randrange(16384, 32767) & ~1, sport=k.rng.randrange(16384, 32767) & ~1, rtt=0.03)
    ssrc, seq, ts = k.rng.getrandbits(32), k.rng.randrange(60000), k.rng.getrandbits(31)
    for i in range(100):
        seq, ts = (seq + 1) & 0xffff, (ts + 160) & 0xffffffff
        f.c_(struct.pack('!BBHII', 0x80, 8, seq, ts, ssrc) + bytes(k.rng.getrandbits(8) for _ in range(160)), think=0.02)
    return C.neg('RTP audio (G.711)')


def quic_like(k):
    f = k.udp(443)
    f.c_(b'\xc3\x00\x00\x00\x01\x08' + bytes(k.rng.getrandbits(8) for _ in range(1194)), think=0.01)
    f.s_(b'\xc1\x00\x00\x00\x01\x00\x08' + bytes(k.rng.getrandbits(8) for _ in range(1193)))
    for _ in range(6):
        f.c_(bytes([0x40 | k.rng.getrandbits(5)]) + bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(40, 300))),
             think=k.human(0.05, 2))
        f.s_(bytes([0x40 | k.rng.getrandbits(5)]) + bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(40, 1200))))
    return C.neg('QUIC-shaped ciphertext')


def ntp(k):
    f = k.udp(123, sport=123)
    for _ in range(3):
        f.c_(b'\x23' + b'\0' * 39 + struct.pack('!II', 3950000000 + k.rng.randrange(10 ** 6), k.rng.getrandbits(32)), think=64)
        f.s_(b'\x24\x02\x03\xe8' + bytes(k.rng.getrandbits(8) for _ in range(44)))
    return C.neg('NTP')


def a2s_info(k):
    f = k.udp(27015)
    f.c_(b'\xff\xff\xff\xffTSource Engine Query\x00', think=0.01)
    f.s_(b'\xff\xff\xff\xffI\x11' + b'Example Community | 24/7 Dust2 | FastDL\x00de_dust2\x00csgo\x00Counter-Strike: Global Offensive\x00'
         + struct.pack('<H', 730) + bytes([18, 32, 0, ord('d'), ord('l'), 0, 1]) + b'1.38.7.9\x00')
    return C.neg('game server info query (server name, map)')


def tftp(k):
    f = k.udp(69)
    f.c_(b'\x00\x01pxelinux.cfg/default\x00octet\x00blksize\x001468\x00', think=0.01)
    for blk in range(1, 4):
        f.s_(b'\x00\x03' + struct.pack('!H', blk) + (b'DEFAULT menu.c32\nPROMPT 0\nTIMEOUT 50\nLABEL debian\n  KERNEL vmlinuz\n'
                                                      b'  APPEND initrd=initrd.gz auto=true\n' * 3)[:300])
        f.c_(b'\x00\x04' + struct.pack('!H', blk), think=0.001)
    return C.neg('TFTP boot configuration download')


def snmp_get(k):
    f = k.udp(161)

    def tlv(t, v):
        return bytes([t, len(v)]) + v
    oid = tlv(6, b'\x2b\x06\x01\x02\x01\x01\x01\x00')
    req = tlv(0x30, tlv(2, b'\x01') + tlv(4, b'public') + tlv(0xa0, tlv(2, b'\x11') + tlv(2, b'\0') + tlv(2, b'\0') +
                                                                 tlv(0x30, tlv(0x30, oid + b'\x05\x00'))))
    f.c_(req, think=0.01)
    descr = b'Linux nas 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64'
    f.s_(tlv(0x30, tlv(2, b'\x01') + tlv(4, b'public') + tlv(0xa2, tlv(2, b'\x11') + tlv(2, b'\0') + tlv(2, b'\0') +
                                                               tlv(0x30, tlv(0x30, oid + tlv(4, descr))))))
    return C.neg('SNMP get of sysDescr')


def lan_heartbeat(k):
    f = k.udp(k.pick([4444, 9876]))
    host = k.pick(['LAPTOP-7F2K', 'desk-03', 'kitchen-tablet']).encode()
    for seq in range(6):
        f.c_(b'LM' + bytes([1, 1]) + struct.pack('!II', seq, k.rng.getrandbits(32)) + struct.pack('!H', len(host)) + host, think=10)
        f.s_(b'LM' + bytes([1, 2]) + struct.pack('!I', seq))
    return C.neg('LAN-messenger heartbeats carrying a host name')


def stun(k):
    f = k.udp(3478)
    for _ in range(3):
        tid = bytes(k.rng.getrandbits(8) for _ in range(12))
        sw = b'Example VoIP 2.4.1'
        attr = struct.pack('!HH', 0x8022, len(sw)) + sw + b'\0' * ((-len(sw)) % 4)
        f.c_(struct.pack('!HHI', 0x0001, len(attr), 0x2112A442) + tid + attr, think=k.human(5, 25))
        xma = struct.pack('!HHBBH', 0x0020, 8, 0, 1, 0x1234) + bytes(k.rng.getrandbits(8) for _ in range(4))
        f.s_(struct.pack('!HHI', 0x0101, len(xma), 0x2112A442) + tid + xma)
    return C.neg('STUN binding requests')


CASES = [
    (FAM, U, 'ipmsg', ipmsg, ['ja', 'ja'] + C.langs(4, 2)),
    (FAM, U, 'lan-bin', lan_bin, C.langs(5, 5)),
    (FAM, U, 'json-udp', json_udp, C.langs(3, 8)),
    (FAM, U, 'game-chat', game_chat, C.langs(6, 11) + ['sv', 'ru']),
    (FAM, U, 'sip-message', sip_message, C.langs(5, 14)),
    (FAM, U, 'coap-cbor', coap_cbor, C.langs(3, 17)),
    (FAM, U, 'zephyr', zephyr, C.langs(3, 20)),
    (FAM, U, 'rtt-t140', rtt_t140, C.langs(3, 23)),
    (FAM, U, 'utf16-udp', utf16_udp, C.langs(3, 26)),
    (FAM, U, 'sms-relay-udp', sms_relay_udp, C.langs(3, 1)),
    (FAM, U, 'syslog-udp', syslog_udp, ['-'] * 4),
    (FAM, U, 'gelf-udp', gelf_udp, ['-'] * 3),
    (FAM, U, 'statsd', statsd, ['-'] * 3),
    (FAM, U, 'game-state', game_state, ['-'] * 3),
    (FAM, U, 'sip-keepalive', sip_keepalive, ['-'] * 3),
    (FAM, U, 'ipmsg-presence', ipmsg_presence, ['-'] * 3),
    (FAM, U, 'wireguard-like', wireguard_like, ['-'] * 2),
    (FAM, U, 'dns-lookup', dns_lookup, ['-'] * 3),
    (FAM, U, 'udp-echo', udp_echo, ['-'] * 3),
    (FAM, U, 'coap-sensor', coap_sensor, ['-'] * 2),
    (FAM, U, 'rtp-audio', rtp_audio, ['-'] * 2),
    (FAM, U, 'quic-like', quic_like, ['-'] * 3),
    (FAM, U, 'ntp', ntp, ['-'] * 2),
    (FAM, U, 'a2s-info', a2s_info, ['-'] * 2),
    (FAM, U, 'tftp', tftp, ['-'] * 2),
    (FAM, U, 'snmp-get', snmp_get, ['-'] * 2),
    (FAM, U, 'lan-heartbeat', lan_heartbeat, ['-'] * 3),
    (FAM, U, 'stun', stun, ['-'] * 3),
]
