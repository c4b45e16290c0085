# cases_negative: (1) hard negatives: text that reads well but is not a message: encyclopedia
# extracts, news pages, RSS, i18n bundles and UI-string uploads, package metadata, analytics events
# named after messaging, API errors, forms and searches, machine-timed echo/probe traffic,
# telemetry and logs, encrypted and compressed look-alikes, notifications written by programs,
# code pastes, exports, contacts, calendars. (2) Topology: real chat between two home addresses
# (internal: no alert by default) and between two outside addresses (no home end: only counted).
import base64
import gzip
import struct
import zlib

import caselib as C
import cases_api
import cases_datagram
import cases_familiar
import cases_tunnel
import flowtexts as T
import flowwire as W

FAM = 'hard-negative'
U = 'unfamiliar'


def encyclopedia_json(k):
    title, paras = T.ENCYCLOPEDIA[k.lang]
    up = k.var % 3 == 2
    f = k.tcp(80)
    doc = {'type': 'standard', 'title': title, 'lang': k.lang, 'extract': '\n\n'.join(paras),
           'content_urls': {'desktop': {'page': 'https://%s.wiki.example.org/wiki/%s' % (k.lang, W.urlenc(title))}}}
    if up:
        f.c_(W.http_req('POST', '/api/notes', k.host('notes', 'example.com'), [C.ua(k)],
                        W.jdump({'title': title, 'content': doc['extract'], 'folder': 'reading'}), 'application/json'),
             think=0.01)
        f.s_(W.http_resp(201, W.jdump({'id': k.hexid(10)})))
    else:
        f.c_(W.http_req('GET', '/api/rest_v1/page/summary/%s' % W.urlenc(title), '%s.wiki.example.org' % k.lang, [C.ua(k)]),
             think=0.01)
        f.s_(W.http_resp(200, W.jdump(doc, k.var % 2 == 1)))
    f.close()
    return C.neg('encyclopedia extract, %d paragraphs under one key%s' % (len(paras), ', uploaded to a notes service' if up else ''))


def encyclopedia_html(k):
    title, paras = T.ENCYCLOPEDIA[k.lang]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/wiki/%s' % W.urlenc(title), '%s.wiki.example.org' % k.lang, [C.ua(k)]), think=0.01)
    html = '<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head><body><h1>%s</h1>%s' \
           '<footer>CC BY-SA</footer></body></html>' % (k.lang, title, title, ''.join('<p>%s</p>' % p for p in paras))
    f.s_(W.http_resp(200, html.encode(), 'text/html; charset=UTF-8', chunked=True))
    f.close()
    return C.neg('encyclopedia article page (HTML)')


def i18n_bundle(k):
    multi = k.var % 2 == 0
    f = k.tcp(80)
    if multi:
        langs = sorted(T.UI)[k.var % 3:k.var % 3 + 6]
        bundle = {lg: dict(zip(T.UI_KEYS, T.UI[lg])) for lg in langs}
        lab = '-'
    else:
        lg = sorted(T.UI)[k.var % len(T.UI)]
        bundle = dict(zip(T.UI_KEYS, T.UI[lg]))
        langs, lab = [lg], lg
    f.c_(W.http_req('GET', '/locales/%s/messages.json' % ('all' if multi else langs[0]), k.host('static', 'example.com'),
                    [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump(bundle, k.var % 4 == 1), 'application/json'))
    f.close()
    return C.neg('i18n bundle of a messaging UI (%s)' % ('%d languages in one object' % len(langs) if multi else langs[0]), lab)


def ui_upload(k):
    lg = sorted(T.UI)[(k.var * 5) % len(T.UI)]
    f = k.tcp(80)
    strings = [{'key': key, 'source': src, 'translation': tr, 'lang': lg}
               for key, src, tr in zip(T.UI_KEYS, T.UI['en'], T.UI[lg])]
    f.c_(W.http_req('POST', '/api/v2/projects/%d/strings' % k.rng.randrange(100, 999), k.host('l10n', 'example.com'),
                    [C.ua(k), 'Authorization: Bearer ' + k.hexid(40)], W.jdump({'strings': strings}), 'application/json'),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'imported': len(strings), 'skipped': 0})))
    f.close()
    return C.neg('UI-string upload to a translation service (en + %s)' % lg, '-')


def package_meta(k):
    kind = k.var % 3
    name, summ, desc = T.PACKAGES[k.var % len(T.PACKAGES)]
    f = k.tcp(80)
    if kind == 0:
        f.c_(W.http_req('GET', '/%s' % name, 'registry.example.org', ['User-Agent: npm/10.2.4 node/v20.11.0']), think=0.01)
        body = W.jdump({'name': name, 'description': summ, 'dist-tags': {'latest': '2.3.1'},
                        'readme': '# %s\n\n%s\n\n## Install\n\n    npm install %s\n\n## Usage\n\nSee the examples folder.' % (
                            name, desc, name),
                        'maintainers': [{'name': k.handle(), 'email': '%s@example.com' % k.handle()}], 'license': 'MIT',
                        'versions': {'2.3.1': {'dependencies': {}, 'dist': {'shasum': k.hexid(40)}}}})
        f.s_(W.http_resp(200, body))
    elif kind == 1:
        f.c_(W.http_req('GET', '/pypi/%s/json' % name, 'pypi.example.org', ['User-Agent: pip/24.0']), think=0.01)
        f.s_(W.http_resp(200, W.jdump({'info': {'name': name, 'summary': summ, 'description': desc + '\n\nDocumentation is '
                                                'available online. Contributions are welcome; please open an issue first.',
                                                'author': k.name('en'), 'license': 'BSD-3-Clause', 'version': '1.0.4'},
                                       'urls': [{'filename': '%s-1.0.4.tar.gz' % name, 'size': 18233}]})))
    else:
        f.c_(W.http_req('GET', '/debian/dists/bookworm/main/binary-amd64/Packages', 'deb.example.org',
                        ['User-Agent: Debian APT-HTTP/1.3 (2.6.1)']), think=0.01)
        stanzas = []
        for n, s, d in T.PACKAGES:
            stanzas.append('Package: %s\nVersion: 1.%d-1\nArchitecture: amd64\nMaintainer: %s <%s@example.org>\n'
                           'Installed-Size: %d\nDescription: %s\n %s\n' % (n, k.rng.randrange(9), k.name('en'), k.handle(),
                                                                          k.rng.randrange(40, 900), s.rstrip('.'), d))
        f.s_(W.http_resp(200, '\n'.join(stanzas).encode(), 'text/plain'))
    f.close()
    return C.neg('package metadata (%s)' % ['npm-style JSON', 'PyPI-style JSON', 'Debian Packages'][kind], 'en')


def analytics(k):
    kind = k.var % 4
    f = k.tcp(80)
    uid = k.uuid()
    if kind == 0:
        ev = [{'type': 'track', 'event': 'Message Sent', 'userId': uid, 'timestamp': k.iso(f),
               'properties': {'conversation_type': 'direct', 'message_length': k.rng.randrange(5, 200),
                              'has_attachment': False, 'platform': 'web'}},
              {'type': 'track', 'event': 'Chat Opened', 'userId': uid, 'properties': {'unread': 3}}]
        f.c_(W.http_req('POST', '/v1/batch', 'api.segment.example.com', [C.ua(k)], W.jdump({'batch': ev}), 'application/json'),
             think=0.01)
        f.s_(W.http_resp(200, b'{"success":true}'))
    elif kind == 1:
        data = base64.b64encode(W.jdump([{'event': 'message_sent', 'properties': {'distinct_id': uid, 'token': k.hexid(32),
                                                                                   'chars': 42, '$os': 'Android'}}]))
        f.c_(W.http_req('POST', '/track/', 'mp.example.com', [C.ua(k)], W.form([('data', data.decode())]),
                        'application/x-www-form-urlencoded'), think=0.01)
        f.s_(W.http_resp(200, b'1', 'text/plain'))
    elif kind == 2:
        f.c_(W.http_req('POST', '/2/httpapi', 'amp.example.com', [C.ua(k)],
                        W.jdump({'api_key': k.hexid(32), 'events': [{'user_id': uid, 'event_type': 'chat_opened',
                                                                      'event_properties': {'source': 'notification'}},
                                                                     {'user_id': uid, 'event_type': 'Message Sent',
                                                                      'event_properties': {'length_bucket': '20-50'}}]}),
                        'application/json'), think=0.01)
        f.s_(W.http_resp(200, b'{"code":200}'))
    else:
        for en in ['message_sent', 'chat_opened', 'reaction_added']:
            f.c_(W.http_req('POST', '/g/collect?v=2&tid=G-%s&cid=%s&en=%s&ep.channel=dm' % (k.hexid(8).upper(), uid, en),
                            'region1.analytics.example.com', [C.ua(k)], b''), think=k.human(1, 8))
            f.s_(W.http_resp(204))
    f.close()
    return C.neg('analytics events named after messaging (%s)' % ['segment-style', 'mixpanel-style', 'amplitude-style', 'ga4-style'][kind])


def api_error(k):
    lg = sorted(T.API_ERRORS)[k.var % len(T.API_ERRORS)]
    f = k.tcp(80)
    msg = T.API_ERRORS[lg][k.var % len(T.API_ERRORS[lg])]
    f.c_(W.http_req('GET', '/api/channels/%s/permissions' % k.hexid(8), k.host(), [C.ua(k), 'Accept-Language: %s' % lg]),
         think=0.01)
    f.s_(W.http_resp(k.pick([403, 409, 429]), W.jdump({'error': {'code': 'E%d' % k.rng.randrange(1000, 9999), 'message': msg,
                                                                'request_id': k.uuid()}})))
    f.close()
    return C.neg('API error worded for people', lg)


def forms(k):
    kind = k.var % 4
    f = k.tcp(80)
    lab = '-'
    if kind == 0:
        f.c_(W.http_req('POST', '/login', k.host('www', 'example.com'), [C.ua(k)],
                        W.form([('username', k.handle()), ('password', k.hexid(12)), ('remember', 'on')]),
                        'application/x-www-form-urlencoded'), think=0.01)
        f.s_(W.http_resp(200, b'{"ok":true}'))
        note = 'login form'
    elif kind == 1:
        f.c_(W.http_req('POST', '/signup', k.host('www', 'example.com'), [C.ua(k)],
                        W.form([('first_name', k.name('en')), ('last_name', 'Jensen'), ('email', '%s@example.org' % k.handle()),
                                ('street', '12 Harbour Road'), ('city', 'Bristol'), ('postcode', 'BS1 4QA'),
                                ('phone', '+44 117 496 0123'), ('newsletter', 'no')]), 'application/x-www-form-urlencoded'),
             think=0.01)
        f.s_(W.http_resp(200, b'{"ok":true}'))
        note = 'signup form with name and address'
    elif kind == 2:
        lg = sorted(T.SEARCHES)[k.var % len(T.SEARCHES)]
        f.c_(W.http_req('GET', '/search?q=%s&hl=%s' % (W.urlenc(T.SEARCHES[lg]), lg), k.host('search', 'example.com'), [C.ua(k)]),
             think=0.01)
        f.s_(W.http_resp(200, b'<html><body><ol><li><a href="https://example.org/1">result</a></li></ol></body></html>',
                         'text/html'))
        note, lab = 'search query', lg
    else:
        f.c_(W.http_req('POST', '/checkout/address', k.host('shop', 'example.com'), [C.ua(k)],
                        W.jdump({'name': k.name('en'), 'line1': 'Hauptstraße 5', 'city': 'Leipzig', 'zip': '04109',
                                 'country': 'DE', 'delivery_notes': ''}), 'application/json'), think=0.01)
        f.s_(W.http_resp(200, b'{"valid":true}'))
        note = 'address form'
    f.close()
    return C.neg(note, lab)


def echo_probe(k):
    kind = k.var % 3
    lg = C.LANGS[(k.var * 7) % len(C.LANGS)]
    sentence = T.CHAT[lg][2]
    if kind < 2:
        f = k.tcp(7 if kind == 0 else 9000, rtt=k.rng.uniform(0.002, 0.01))
        for i in range(20):
            rec = ('%s\n' % sentence).encode() if kind == 0 else W.jdump({'seq': i, 'text': sentence}) + b'\n'
            f.c_(rec, think=0.25)
            f.s_(rec)
        note = 'TCP echo of one sentence, 20 times, 250 ms apart, answered within one RTT'
    else:
        f = k.tcp(80, rtt=k.rng.uniform(0.002, 0.01))
        for i in range(10):
            f.c_(W.http_req('POST', '/echo', k.host('probe', 'example.net'), ['User-Agent: uptime-probe/2.1'],
                            W.jdump({'text': sentence}), 'application/json'), think=1.0)
            f.s_(W.http_resp(200, W.jdump({'text': sentence, 'ms': 1})))
        note = 'HTTP echo probe repeating one sentence every second'
    f.close()
    return C.neg(note, lg)


def telemetry_logs(k):
    kind = k.var % 5
    if kind == 0:
        f = k.tcp(6514 if k.var % 2 else 601)
        for m in ['app[811]: message delivered to queue chat-out in 12 ms', 'app[811]: user session refreshed',
                  'app[811]: retrying delivery of message 88231 (attempt 2/5)']:
            line = '<134>1 %s gw-01 app 811 - - %s' % (k.iso(f), m.split(': ', 1)[1])
            f.c_(b'%d %s' % (len(line.encode()), line.encode()), think=k.human(0.5, 6))
        note = 'syslog over TCP (RFC 5424, octet counting)'
    elif kind == 1:
        f = k.tcp(5000)
        for m in ['Sent message to user 4711 in 38 ms', 'Message rejected: recipient blocked sender',
                  'Could not connect to push gateway, will retry in 30 seconds']:
            f.c_(W.jdump({'@timestamp': k.iso(f), 'level': k.pick(['INFO', 'WARN', 'ERROR']), 'logger': 'chat.delivery',
                          'message': m, 'thread': 'worker-3'}) + b'\n', think=k.human(0.3, 4))
        note = 'JSON log lines with "message" keys (logstash tcp)'
    elif kind == 2:
        f = k.tcp(3100)
        streams = [{'stream': {'app': 'chat', 'level': 'info'}, 'values': [[str(k.epoch_ms(f) * 10 ** 6 + i), l] for i, l in enumerate(
            ['level=info msg="message stored" room=42 bytes=118', 'level=info msg="websocket closed" code=1001'])]}]
        f.c_(W.http_req('POST', '/loki/api/v1/push', 'logs.example.com', ['User-Agent: promtail/2.9.4'],
                        W.jdump({'streams': streams}), 'application/json'), think=0.01)
        f.s_(W.http_resp(204))
        note = 'Loki push'
    elif kind == 3:
        f = k.tcp(9200)
        bulk = b''.join(W.jdump({'index': {'_index': 'logs-app'}}) + b'\n' +
                        W.jdump({'ts': k.iso(f), 'msg': m, 'level': 'info'}) + b'\n'
                        for m in ['Notification sent to device', 'Cache warmed in 2.3 s', 'Scheduled digest email queued'])
        f.c_(W.http_req('POST', '/_bulk', 'es.example.com', ['User-Agent: filebeat/8.12'], bulk, 'application/x-ndjson'), think=0.01)
        f.s_(W.http_resp(200, b'{"took":5,"errors":false}'))
        note = 'Elasticsearch bulk log documents'
    else:
        f = k.tcp(80)
        f.c_(W.http_req('POST', '/api/12/store/', 'errors.example.com', ['X-Sentry-Auth: Sentry sentry_key=' + k.hexid(32)],
                        W.jdump({'event_id': k.hexid(32), 'level': 'error', 'platform': 'python',
                                 'message': 'Failed to send message: upstream timed out after 30s',
                                 'exception': {'values': [{'type': 'TimeoutError', 'value': 'read timed out'}]}}),
                        'application/json'), think=0.01)
        f.s_(W.http_resp(200, W.jdump({'id': k.hexid(32)})))
        note = 'error-tracker event'
    f.close()
    return C.neg(note, 'en')


def encrypted(k):
    kind = k.var % 5
    if kind in (0, 1):
        port = [443, 5223, 6697, 993, 8443][k.var % 5] if kind == 0 else k.pick([5222, 6667, 1883, 80])
        f = k.tcp(port)
        cases_tunnel.tls_exchange(k, f, k.host(), rounds=k.rng.randrange(2, 6))
        note = 'TLS on port %d' % port
    elif kind == 2:
        f = k.tcp(k.pick([5222, 8080, 4000]))
        for _ in range(5):
            f.c_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(50, 700))), think=k.human(0.5, 10))
            f.s_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(50, 700))))
        note = 'random bytes (custom encryption)'
    elif kind == 3:
        f = k.tcp(k.pick([7777, 9000]))
        for _ in range(4):
            blob = zlib.compress(W.jdump({'k': [k.rng.random() for _ in range(40)]}), 9)
            f.c_(struct.pack('!I', len(blob)) + blob, think=k.human(0.5, 5))
        note = 'zlib-compressed records of numbers'
    else:
        f = k.tcp(22)
        f.c_(b'SSH-2.0-OpenSSH_9.6\r\n', think=0.01)
        f.s_(b'SSH-2.0-OpenSSH_9.2p1\r\n')
        for _ in range(5):
            f.c_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(36, 200))), think=k.human(0.1, 1))
            f.s_(bytes(k.rng.getrandbits(8) for _ in range(k.rng.randrange(36, 400))))
        note = 'SSH session'
    f.close()
    return C.neg(note)


def news_page(k):
    heads, lead = T.NEWS[k.lang]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/', 'news.example.com', [C.ua(k), 'Accept-Encoding: gzip']), think=0.01)
    html = '<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head><body><header><nav>' \
           '<a href="/">Home</a> | <a href="/world">World</a></nav></header><main>%s<section><p>%s</p></section></main>' \
           '<footer>&copy; 2025</footer></body></html>' % (
               k.lang, heads[0], ''.join('<article><h2><a href="/a/%d">%s</a></h2></article>' % (i, h) for i, h in enumerate(heads)),
               lead)
    if k.var % 2:
        f.s_(W.http_resp(200, gzip.compress(html.encode(), mtime=0), 'text/html; charset=utf-8', ['Content-Encoding: gzip']))
    else:
        f.s_(W.http_resp(200, html.encode(), 'text/html; charset=utf-8'))
    f.close()
    return C.neg('news front page%s' % (' (gzip)' if k.var % 2 else ''))


def notification(k):
    kind = k.var % 3
    lg = sorted(T.NOTIFY)[(k.var * 3) % len(T.NOTIFY)]
    texts = T.NOTIFY[lg]
    if kind == 0:
        f = k.tcp(80)
        f.c_(W.http_req('GET', '/v1/notifications?since=%d' % k.epoch_ms(f), k.host('push', 'example.com'), [C.ua(k)]), think=0.01)
        f.s_(W.http_resp(200, W.jdump({'notifications': [{'id': k.hexid(10), 'title': 'ExampleShop', 'body': t,
                                                            'category': 'transactional'} for t in texts[:2]]})))
        f.close()
        return C.neg('push notifications written by a program', lg)
    if kind == 1:
        f = k.tcp(25)
        body = '%s\n\n-- \nThis is an automated message. Please do not reply.\n' % '\n'.join(texts)
        msg = W.mail('ExampleShop <no-reply@shop.example.com>', '%s@example.org' % k.handle(), texts[0][:40], body,
                     k.rfc5322(), '%s@shop.example.com' % k.hexid(16), 'utf-8', 'quoted-printable',
                     ['Auto-Submitted: auto-generated', 'Precedence: bulk'])
        C.smtp_session(k, f, msg, 'no-reply@shop.example.com', ['%s@example.org' % k.handle()], ehlo_host='mailer-3.example.com')
        f.close()
        lab = C.neg('mail written by a program (Auto-Submitted, no-reply)', lg)
        lab['shape'] = 'familiar'
        return lab
    f = k.tcp(80)
    otp = [t for t in texts if any(ch.isdigit() for ch in t)][0]
    f.c_(W.http_req('POST', '/v1/sms', k.host('sms', 'example.com'), ['Authorization: Basic ' + base64.b64encode(
        b'AC' + k.hexid(16).encode() + b':x').decode()], W.jdump({'to': '+4915112345678', 'from': 'ExampleApp', 'text': otp}),
        'application/json'), think=0.01)
    f.s_(W.http_resp(201, W.jdump({'sid': k.hexid(16), 'status': 'queued'})))
    f.close()
    return C.neg('SMS API call carrying a program-written code/notice', lg)


def rss_feed(k):
    lg = sorted(T.NEWS)[k.var % len(T.NEWS)]
    heads, lead = T.NEWS[lg]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/feed.xml', 'news.example.com', ['User-Agent: FeedReader/3.2']), think=0.01)
    items = ''.join('<item><title>%s</title><link>https://news.example.com/a/%d</link><description>%s</description></item>'
                    % (h, i, lead if i == 0 else '') for i, h in enumerate(heads))
    f.s_(W.http_resp(200, ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example News</title>'
                           '%s</channel></rss>' % items).encode(), 'application/rss+xml'))
    f.close()
    return C.neg('RSS feed', lg)


def code_paste(k):
    f = k.tcp(80)
    code = 'def send_message(client, room, text):\n    """Post text to a room and return the id."""\n' \
           '    resp = client.post(f"/rooms/{room}/messages", json={"text": text})\n    resp.raise_for_status()\n' \
           '    return resp.json()["id"]\n'
    f.c_(W.http_req('POST', '/api/paste', k.host('paste', 'example.com'), [C.ua(k)],
                    W.jdump({'content': code, 'syntax': 'python', 'expire': '1d'}), 'application/json'), think=0.01)
    f.s_(W.http_resp(201, W.jdump({'url': 'https://paste.example.com/%s' % k.hexid(8)})))
    f.close()
    return C.neg('source code paste', 'en')


def csv_export(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/reports/orders.csv?month=2025-02', k.host('shop', 'example.com'), [C.ua(k)]), think=0.01)
    rows = 'order_id,date,customer,total_eur,status\n' + ''.join(
        '%d,2025-02-%02d,%s,%.2f,%s\n' % (40000 + i, i % 28 + 1, k.name('en'), k.rng.uniform(5, 300), k.pick(['paid', 'shipped']))
        for i in range(40))
    f.s_(W.http_resp(200, rows.encode(), 'text/csv'))
    f.close()
    return C.neg('CSV export')


def vcard_sync(k):
    f = k.tcp(80)
    cards = ''.join('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nTEL;TYPE=CELL:+49 151 %08d\r\nEMAIL:%s@example.org\r\n'
                    'ADR;TYPE=HOME:;;Lindenstr. %d;Berlin;;10969;DE\r\nEND:VCARD\r\n' % (
                        k.name('de'), k.rng.randrange(10 ** 8), k.handle(), k.rng.randrange(1, 90)) for _ in range(5))
    f.c_(W.http_req('PUT', '/dav/addressbooks/%s/default/%s.vcf' % (k.handle(), k.uuid()), k.host('dav', 'example.com'),
                    [C.ua(k)], cards.encode(), 'text/vcard'), think=0.01)
    f.s_(W.http_resp(201, b''))
    f.close()
    return C.neg('contacts upload (vCard)')


def ics_sync(k):
    f = k.tcp(80)
    ev = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Cal 1.0//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\nDTSTART:20250310T090000Z\r\n' \
         'DTEND:20250310T093000Z\r\nSUMMARY:Dentist\r\nLOCATION:Main St 4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' % k.uuid()
    f.c_(W.http_req('PUT', '/dav/calendars/%s/personal/%s.ics' % (k.handle(), k.uuid()), k.host('dav', 'example.com'),
                    [C.ua(k)], ev.encode(), 'text/calendar'), think=0.01)
    f.s_(W.http_resp(201, b''))
    f.close()
    return C.neg('calendar event upload (iCalendar)')


SRT = {
    'en': ["Where were you last night?", "I told you, I was at the station until the last train.",
           "Then why does the guard say he never saw you?", "Maybe he wasn't looking."],
    'fr': ["Tu étais où hier soir ?", "Je te l'ai dit, à la gare jusqu'au dernier train.",
           "Alors pourquoi le gardien dit qu'il ne t'a jamais vu ?", "Il ne regardait peut-être pas."],
    'es': ["¿Dónde estabas anoche?", "Ya te lo dije, en la estación hasta el último tren.",
           "¿Y por qué el guardia dice que no te vio?", "A lo mejor no estaba mirando."],
    'ja': ["昨夜はどこにいたの？", "言ったでしょ、終電まで駅にいたって。", "じゃあなぜ警備員はあなたを見ていないと言うの？", "見ていなかったんじゃない？"],
}


def subtitles(k):
    lg = sorted(SRT)[k.var % len(SRT)]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/subs/%s/s01e0%d.srt' % (lg, k.var + 1), k.host('cdn', 'example.com'), [C.ua(k)]), think=0.01)
    srt = ''.join('%d\n00:0%d:%02d,000 --> 00:0%d:%02d,500\n%s\n\n' % (i + 1, i, 10 + i, i, 12 + i, line)
                  for i, line in enumerate(SRT[lg]))
    f.s_(W.http_resp(200, srt.encode(), 'application/x-subrip'))
    f.close()
    return C.neg('film subtitles (scripted dialogue, not a message)', lg)


def product_multilang(k):
    f = k.tcp(80)
    desc = {'en': 'Lightweight waterproof jacket with taped seams and an adjustable hood.',
            'de': 'Leichte, wasserdichte Jacke mit verschweißten Nähten und verstellbarer Kapuze.',
            'fr': 'Veste imperméable légère avec coutures étanches et capuche réglable.',
            'es': 'Chaqueta impermeable ligera con costuras selladas y capucha ajustable.',
            'ja': 'シームテープ加工と調節可能なフード付きの軽量防水ジャケット。'}
    f.c_(W.http_req('GET', '/api/products/%d' % k.rng.randrange(10 ** 5), k.host('shop', 'example.com'), [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'sku': 'JK-%d' % k.rng.randrange(1000), 'price': {'EUR': 89.0},
                                   'name': {'en': 'Trail Jacket', 'de': 'Trail-Jacke', 'fr': 'Veste Trail'},
                                   'description': desc}, k.var % 2 == 1)))
    f.close()
    return C.neg('product record with descriptions in five languages')


HELP = {
    'en': ("How do I reset my password?", ["Open the app and tap Settings, then Account.", "Choose Reset password and follow the link we send to your email address.",
                                           "If the email does not arrive within a few minutes, check your spam folder."]),
    'de': ("Wie setze ich mein Passwort zurück?", ["Öffne die App und tippe auf Einstellungen und dann auf Konto.",
                                                  "Wähle Passwort zurücksetzen und folge dem Link in der E-Mail."]),
    'pt': ("Como redefinir a minha senha?", ["Abra o aplicativo e toque em Configurações e depois em Conta.",
                                             "Escolha Redefinir senha e siga o link enviado para o seu e-mail."]),
    'ko': ("비밀번호를 재설정하려면 어떻게 하나요?", ["앱을 열고 설정에서 계정을 누르세요.", "비밀번호 재설정을 선택하고 이메일로 받은 링크를 따라가세요."]),
}


def help_article(k):
    lg = sorted(HELP)[k.var % len(HELP)]
    title, paras = HELP[lg]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/api/v2/help_center/%s/articles/%d.json' % (lg, k.rng.randrange(10 ** 6)), k.host('help', 'example.com'),
                    [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'article': {'title': title, 'body': ''.join('<p>%s</p>' % p for p in paras), 'locale': lg,
                                               'section_id': k.rng.randrange(10 ** 6)}})))
    f.close()
    return C.neg('help-centre article', lg)


def app_listing(k):
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/lookup?id=%d&country=gb' % k.rng.randrange(10 ** 8, 10 ** 9), k.host('apps', 'example.com'), [C.ua(k)]),
         think=0.01)
    f.s_(W.http_resp(200, W.jdump({'results': [{'trackName': 'Example Messenger', 'version': '3.4.1',
                                                'description': 'Example Messenger keeps you close to the people who matter. '
                                                               'Send messages, photos and voice notes, create groups for family '
                                                               'and friends, and enjoy calls in crystal-clear quality.\n\n'
                                                               'FEATURES\n- Group chats with up to 500 members\n- Voice and '
                                                               'video calls\n- Dark mode',
                                                'releaseNotes': 'Bug fixes and performance improvements.',
                                                'averageUserRating': 4.6}]})))
    f.close()
    return C.neg('app-store listing of a messenger (marketing copy)', 'en')


def weather_text(k):
    lg, text = [('en', 'Cloudy with sunny intervals in the afternoon. Highs of 14 °C, light south-westerly winds.'),
                ('de', 'Wechselnd bewölkt, am Nachmittag einzelne Schauer. Höchstwerte um 12 Grad.'),
                ('fr', 'Ciel voilé le matin, éclaircies l\'après-midi. Maximales de 15 degrés.')][k.var % 3]
    f = k.tcp(80)
    f.c_(W.http_req('GET', '/v1/forecast/text?region=%d&lang=%s' % (k.rng.randrange(100), lg), k.host('weather', 'example.com'),
                    [C.ua(k)]), think=0.01)
    f.s_(W.http_resp(200, W.jdump({'issued': k.iso(f), 'region': 'North', 'text': text})))
    f.close()
    return C.neg('text weather forecast', lg)


# ---------------------------------------------------------------- topology: the same chat, no egress
TOPO_GENS = [cases_familiar.http_json_send, cases_familiar.irc_privmsg, cases_familiar.smtp_send,
             cases_familiar.xmpp_chat, cases_datagram.ipmsg, cases_familiar.websocket_chat, cases_api.room_type_text,
             cases_familiar.mqtt_chat, cases_familiar.pop3_retr, cases_datagram.sip_message]


def _topo(kind):
    def gen(k):
        k.topology = kind
        fn = TOPO_GENS[k.var % len(TOPO_GENS)]
        lab = fn(k)
        out = C.neg('%s; %s' % ('internal: both ends in the home networks' if kind == 'internal' else
                                'no home end: both ends outside', lab['note']), k.lang)
        if fn in (cases_datagram.ipmsg, cases_api.room_type_text, cases_datagram.sip_message):
            out['shape'] = 'unfamiliar'
        return out
    return gen


topo_internal = _topo('internal')
topo_nohome = _topo('nohome')

CASES = [
    (FAM, U, 'encyclopedia-json', encyclopedia_json, sorted(T.ENCYCLOPEDIA)),
    (FAM, U, 'encyclopedia-html', encyclopedia_html, ['en', 'ru', 'ja', 'ar', 'de']),
    (FAM, U, 'i18n-bundle', i18n_bundle, ['-'] * 10),
    (FAM, U, 'ui-upload', ui_upload, ['-'] * 5),
    (FAM, U, 'package-meta', package_meta, ['-'] * 10),
    (FAM, U, 'analytics', analytics, ['-'] * 14),
    (FAM, U, 'api-error', api_error, ['-'] * 10),
    (FAM, U, 'forms', forms, ['-'] * 20),
    (FAM, U, 'echo-probe', echo_probe, ['-'] * 14),
    (FAM, U, 'telemetry-logs', telemetry_logs, ['-'] * 18),
    (FAM, U, 'encrypted', encrypted, ['-'] * 18),
    (FAM, U, 'news-page', news_page, sorted(T.NEWS)),
    (FAM, U, 'notification', notification, ['-'] * 18),
    (FAM, U, 'rss-feed', rss_feed, ['-'] * 3),
    (FAM, U, 'code-paste', code_paste, ['-'] * 2),
    (FAM, U, 'csv-export', csv_export, ['-'] * 2),
    (FAM, U, 'vcard-sync', vcard_sync, ['-'] * 2),
    (FAM, U, 'ics-sync', ics_sync, ['-'] * 2),
    (FAM, U, 'subtitles', subtitles, ['-'] * 4),
    (FAM, U, 'product-multilang', product_multilang, ['-'] * 3),
    (FAM, U, 'help-article', help_article, ['-'] * 4),
    (FAM, U, 'app-listing', app_listing, ['-'] * 2),
    (FAM, U, 'weather-text', weather_text, ['-'] * 3),
    ('topology', 'familiar', 'internal', topo_internal, C.langs(40, 4, 7)),
    ('topology', 'familiar', 'no-home', topo_nohome, C.langs(30, 9, 13)),
]
