#!/usr/bin/python3
"""Generate the labelled flow corpus for measuring leakwatch's plaintext_message detection.

    make_flows.py [-o OUTDIR]          writes OUTDIR/*.pcap, *.pcapng and OUTDIR/labels.tsv, and the
                                       blind waves' captures and labels into OUTDIR-blind/
    make_flows.py --list               prints the case plan (family, generator, language, count)

Deterministic: fixed seeds (every case's random generator is seeded from its case id), fixed
timestamps, no dependence on hash randomisation; two runs write identical bytes. Nothing is sent
on any network: packets are built in memory (scapy) and written to files.

Labels: one line per TCP/UDP flow in every capture (see README.md for the columns). Written from
leakwatch's contract (CONTRACT.md: Egress, the alert record, leak.direction) and issue 9 only.
"""
import argparse
import datetime
import hashlib
import os
import random
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import flowtexts as T           # noqa: E402
import flowwire as W            # noqa: E402
import texts_wave2              # noqa: E402
import texts_wave3              # noqa: E402
import texts_wave4              # noqa: E402
import texts_wave5              # noqa: E402

EPOCH = 1740992400              # 2025-03-03T09:00:00Z: the first capture's first packet
CASES_PER_FILE = 16
# Waves written after the detector's regression floors were set, and scored by hand only
# (score.py --out OUTDIR-blind --wave 3, 4 or 5): their captures and labels go to OUTDIR-blind, beside
# OUTDIR, so that make check's regression guard (which reads OUTDIR) never scores them and a blind
# measurement stays blind. Moving a wave into OUTDIR is one edit here (and the guard's floors).
BLIND_WAVES = {3, 4, 5}
SPLIT_SALT = 'leakwatch-flows-split-v1/'
FAMILIES = ['familiar', 'sender-outside', 'binary-framing', 'datagram', 'line-protocol',
            'tunnel-partial', 'device-server', 'hard-negative', 'topology']

POS = 'plaintext_message'
NONE = 'none'


def split_of(spec):
    """Cases of one generator are paired (variants 2i, 2i+1); the hash of the pair decides which
    of the two is dev, so every generator, family and shape is split about 50/50 and a case keeps
    its split when cases are added."""
    pair = '%s/%s/%d' % (spec.family, spec.gen, spec.var // 2)
    bit = hashlib.sha256((SPLIT_SALT + pair).encode()).digest()[0] & 1
    return 'dev' if bit == spec.var % 2 else 'heldout'


class Kit:
    """What a case generator gets: its random generator, language, addresses, flows, texts."""

    def __init__(self, fileplan, case_id, lang, var, t0):
        self.fp, self.case_id, self.lang, self.var = fileplan, case_id, lang, var
        self.rng = random.Random(hashlib.sha256(case_id.encode()).hexdigest())
        self.t0 = t0
        self.v6 = self.rng.random() < 0.15
        self.flows = []
        self.topology = None            # 'internal' or 'nohome': both ends home / both outside
        self._used_lines = set()

    # ---- addresses and flows
    def home(self, v6=None):
        return self.fp.home(self.rng, self.v6 if v6 is None else v6)

    def ext(self, v6=None):
        v6 = self.v6 if v6 is None else v6
        if v6:
            return '2001:db8:%x::%x' % (self.rng.randrange(1, 0xffff), self.rng.randrange(2, 0xfff))
        net = self.rng.choice(['192.0.2', '198.51.100', '203.0.113'])
        return '%s.%d' % (net, self.rng.randrange(2, 254))

    def eport(self):
        return self.rng.randrange(32768, 61000)

    def _ends(self, port, device_server, client_ip, server_ip, sport):
        if client_ip is None and server_ip is None:
            if self.topology == 'internal':
                client_ip, server_ip = self.home(), self.home()
            elif self.topology == 'nohome':
                client_ip, server_ip = self.ext(), self.ext()
            else:
                dev, out = self.home(), self.ext()
                client_ip, server_ip = (out, dev) if device_server else (dev, out)
        c = W.Endpoint(client_ip, sport or self.eport(), self.fp.is_home(client_ip))
        s = W.Endpoint(server_ip, port, self.fp.is_home(server_ip))
        return c, s

    def tcp(self, port, device_server=False, handshake=True, half=None, rtt=None, at=0.0,
            client_ip=None, server_ip=None, sport=None, mss=1380):
        c, s = self._ends(port, device_server, client_ip, server_ip, sport)
        f = W.TcpFlow(self.fp.cap, c, s, self.t0 + int(at * W.US), self.rng,
                      rtt=rtt or self.rng.uniform(0.012, 0.09), handshake=handshake, half=half, mss=mss)
        self.flows.append(f)
        return f

    def udp(self, port, device_server=False, rtt=None, at=0.0, client_ip=None, server_ip=None, sport=None):
        c, s = self._ends(port, device_server, client_ip, server_ip, sport)
        f = W.UdpFlow(self.fp.cap, c, s, self.t0 + int(at * W.US), rtt=rtt or self.rng.uniform(0.012, 0.09))
        self.flows.append(f)
        return f

    # ---- randomness and time
    def pick(self, seq):
        return self.rng.choice(seq)

    def human(self, lo=3.0, hi=40.0):
        return self.rng.uniform(lo, hi)

    def hexid(self, n=12):
        return '%0*x' % (n, self.rng.getrandbits(4 * n))

    def uuid(self):
        h = self.hexid(32)
        return '%s-%s-4%s-a%s-%s' % (h[:8], h[8:12], h[13:16], h[17:20], h[20:])

    def now(self, flow=None):
        t = (flow.t if flow else self.t0) / W.US
        return datetime.datetime.fromtimestamp(t, datetime.timezone.utc)

    def iso(self, flow=None):
        return self.now(flow).strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (self.now(flow).microsecond // 1000)

    def epoch_ms(self, flow=None):
        return (flow.t if flow else self.t0) // 1000

    def rfc5322(self, flow=None):
        return self.now(flow).strftime('%a, %d %b %Y %H:%M:%S +0000')

    # ---- texts
    def lines(self, n, lang=None):
        pool = T.lines(lang or self.lang)
        free = [i for i in range(len(pool)) if (lang or self.lang, i) not in self._used_lines]
        if len(free) < n:
            free = list(range(len(pool)))
        idx = self.rng.sample(free, min(n, len(free)))
        for i in idx:
            self._used_lines.add((lang or self.lang, i))
        return [pool[i] for i in idx]

    def line(self, lang=None):
        return self.lines(1, lang)[0]

    def short(self, lang=None):
        pool = T.lines(lang or self.lang)
        return self.rng.choice(sorted(pool, key=len)[:4])

    def longmsg(self, n=3, lang=None):
        sep = '' if (lang or self.lang) in ('zh', 'ja') else ' '
        return sep.join(self.lines(n, lang))

    def ascii_lines(self, n):
        pool = [ln for ln in T.lines(self.lang) if ln.isascii()]
        return self.rng.sample(pool, min(n, len(pool)))

    def name(self, lang=None):
        return self.rng.choice(T.NAMES[lang or self.lang])

    def names2(self, lang=None):
        a, b = self.rng.sample(T.NAMES[lang or self.lang], 2)
        return a, b

    def handle(self):
        return self.rng.choice(T.HANDLES)

    def handles2(self):
        a, b = self.rng.sample(T.HANDLES, 2)
        return a, b

    def mailbody(self, to_name, from_name, n=None):
        g, c = T.GREET[self.lang]
        body = self.lines(n or self.rng.randrange(2, 4))
        sep = '\n' if self.lang in ('zh', 'ja', 'th') else '\n\n'
        return g.format(n=to_name) + '\n\n' + sep.join(body) + '\n\n' + c.format(n=from_name) + '\n'

    def subject(self):
        return self.rng.choice(T.SUBJECTS[self.lang])

    def host(self, *parts):
        return '.'.join(parts) if parts else self.rng.choice(
            ['chat.example.net', 'api.example.com', 'msg.example.org', 'im.example.net', 'app.example.com'])


class FilePlan:
    """One capture file: its format and link type, its clock and its address allocator."""

    FORMATS = [('pcap', 'eth', 'us'), ('pcapng', 'eth', 'us'), ('pcap', 'vlan', 'us'), ('pcap', 'sll', 'us'),
               ('pcapng', 'raw', 'ns'), ('pcap', 'eth', 'ns'), ('pcapng', 'sll', 'us'), ('pcap', 'raw', 'us')]

    def __init__(self, index, family, k, wave=1):
        fmt, link, tsres = self.FORMATS[index % len(self.FORMATS)]
        self.name = '%s%s-%02d.%s' % ('' if wave == 1 else 'wave%d-' % wave, family, k, fmt)
        self.cap = W.Capture(self.name, fmt, link, tsres)
        self.index = index
        self.clock = (EPOCH + index * 86400) * W.US
        self.n = 0

    def home(self, rng, v6):
        """A new home address, unique within this capture (at most 2,000 a capture)."""
        self.n += 1
        assert self.n < 2000
        n, f = self.n, self.index
        if v6:
            return 'fd%02x:%x:%x::%x' % (rng.randrange(0, 256), f + 1, n // 200 + 1, n % 200 + 10)
        kind = rng.randrange(3)
        if kind == 0:
            return '10.%d.%d.%d' % (f % 250 + 1, n // 200, n % 200 + 10)
        if kind == 1:
            return '172.%d.%d.%d' % (16 + f % 16, (f // 16 * 20) % 240 + n // 200 + 1, n % 200 + 10)
        return '192.168.%d.%d' % ((f * 4) % 252 + n // 200, n % 200 + 10)

    @staticmethod
    def is_home(ip):
        if ':' in ip:
            return ip.lower().startswith(('fc', 'fd'))
        a, b = (int(x) for x in ip.split('.')[:2])
        return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168)


# ------------------------------------------------------------------------- the plan
class Spec:
    def __init__(self, family, shape, gen, fn, lang, var, wave=1):
        self.family, self.shape, self.gen, self.fn, self.lang, self.var = family, shape, gen, fn, lang, var
        self.wave = wave
        self.case_id = '%s/%s/%s/%d' % (family, gen, lang, var)


def plan():
    import cases_familiar
    import cases_api
    import cases_binary
    import cases_datagram
    import cases_lines
    import cases_tunnel
    import cases_negative
    import cases_web
    import cases_wave2
    import cases_wave3
    import cases_wave4
    import cases_wave5
    specs = []
    for mod in (cases_familiar, cases_api, cases_binary, cases_datagram, cases_lines, cases_tunnel,
                cases_negative, cases_web, cases_wave2, cases_wave3, cases_wave4,
                cases_wave5):
        for family, shape, gen, fn, langs in mod.CASES:
            for var, lang in enumerate(langs):
                specs.append(Spec(family, shape, gen, fn, lang, var, getattr(mod, 'WAVE', 1)))
    ids = [s.case_id for s in specs]
    assert len(ids) == len(set(ids)), 'duplicate case ids'
    gens = {}
    for s in specs:
        gens.setdefault((s.family, s.gen), set()).add(s.wave)
    assert all(len(w) == 1 for w in gens.values()), 'a generator name used in two waves'
    return specs


def blind_dir(outdir):
    return outdir.rstrip('/') + '-blind'


def generate(outdir):
    specs = plan()
    dirs = {False: outdir, True: blind_dir(outdir)}
    for d in dirs.values():
        os.makedirs(d, exist_ok=True)
        for fn in os.listdir(d):
            if fn.endswith(('.pcap', '.pcapng')) or fn == 'labels.tsv':
                os.unlink(os.path.join(d, fn))
    rows = []
    file_index = 0
    # Each wave has its own capture files, after the earlier waves' (which stay byte-identical).
    for wave, family in [(w, fam) for w in sorted({s.wave for s in specs}) for fam in FAMILIES]:
        fam = [s for s in specs if s.family == family and s.wave == wave]
        for k in range(0, len(fam), CASES_PER_FILE):
            fp = FilePlan(file_index, family, k // CASES_PER_FILE + 1, wave)
            file_index += 1
            seen = set()
            for s in fam[k:k + CASES_PER_FILE]:
                kit = Kit(fp, s.case_id, s.lang, s.var, fp.clock)
                label = s.fn(kit)
                if not kit.flows:
                    raise SystemExit('case %s made no flow' % s.case_id)
                for f in kit.flows:
                    lab = dict(label)
                    lab.update(f.label or {})
                    key = tuple(sorted([(f.c.ip, f.c.port), (f.s.ip, f.s.port)])) + (f.proto,)
                    if key in seen:
                        raise SystemExit('5-tuple reused in %s: %s' % (fp.name, f.spec()))
                    seen.add(key)
                    check_label(s, f, lab)
                    rows.append([fp.name, f.spec(), lab['expect'], lab.get('direction', '-'), s.family,
                                 lab.get('shape', s.shape), lab.get('lang', s.lang), split_of(s),
                                 '%s: %s' % (s.case_id, lab.get('note', ''))])
                fp.clock = max(f.t for f in kit.flows) + 3 * W.US
            fp.cap.write(os.path.join(dirs[wave in BLIND_WAVES], fp.name))
    for blind, d in dirs.items():
        with open(os.path.join(d, 'labels.tsv'), 'w', encoding='utf-8') as f:
            f.write('pcap\tflow\texpect\tdirection\tfamily\tshape\tlang\tsplit\tnote\n')
            for r in rows:
                if (wave_of(r[0]) in BLIND_WAVES) == blind:
                    f.write('\t'.join(r) + '\n')
    return rows


def check_label(spec, flow, lab):
    assert lab['expect'] in (POS, NONE, 'unapproved_archive'), spec.case_id
    d = lab.get('direction', '-')
    assert d in ('to_server', 'to_client', '-'), spec.case_id
    if lab['expect'] == NONE:
        assert d == '-', spec.case_id
    lang = lab.get('lang', spec.lang)
    assert lang == '-' or lang in T.CHAT or lang in texts_wave2.CHAT or lang in texts_wave3.CHAT or \
        lang in texts_wave4.CHAT or lang in texts_wave5.CHAT, (spec.case_id, lang)
    assert lab.get('shape', spec.shape) in ('familiar', 'unfamiliar'), spec.case_id
    for v in lab.values():
        assert '\t' not in str(v) and '\n' not in str(v), spec.case_id


def wave_of(pcap):
    """The wave a capture file belongs to: waveN-*.pcap is N, the first wave's files have no prefix."""
    return int(pcap[4:pcap.index('-')]) if pcap.startswith('wave') else 1


def counts_markdown(rows):
    """The README's count tables, computed from the label rows."""
    def n(pred):
        return sum(1 for r in rows if pred(r))
    out = ['| family | shape | positives dev | positives heldout | negatives dev | negatives heldout | flows |',
           '|---|---|---:|---:|---:|---:|---:|']
    for fam in FAMILIES:
        for shape in ('familiar', 'unfamiliar'):
            fr = [r for r in rows if r[4] == fam and r[5] == shape]
            if not fr:
                continue
            c = [sum(1 for r in fr if (r[2] == POS) == p and r[7] == sp) for p in (True, False) for sp in ('dev', 'heldout')]
            out.append('| %s | %s | %d | %d | %d | %d | %d |' % (fam, shape, c[0], c[1], c[2], c[3], len(fr)))
    c = [n(lambda r, p=p, sp=sp: (r[2] == POS) == p and r[7] == sp) for p in (True, False) for sp in ('dev', 'heldout')]
    out.append('| **all** | | %d | %d | %d | %d | %d |' % (c[0], c[1], c[2], c[3], len(rows)))
    out += ['', '| language | positives dev | positives heldout | negatives dev | negatives heldout | families with positives |',
            '|---|---:|---:|---:|---:|---:|']
    for lang in sorted({r[6] for r in rows}, key=lambda x: (x == '-', x)):
        lr = [r for r in rows if r[6] == lang]
        c = [sum(1 for r in lr if (r[2] == POS) == p and r[7] == sp) for p in (True, False) for sp in ('dev', 'heldout')]
        fams = len({r[4] for r in lr if r[2] == POS})
        out.append('| %s | %d | %d | %d | %d | %d |' % ('`-` (none or mixed)' if lang == '-' else lang, c[0], c[1], c[2], c[3], fams))
    out += ['', '| wave | positives dev | positives heldout | negatives dev | negatives heldout | flows |',
            '|---|---:|---:|---:|---:|---:|']
    for wave in sorted({wave_of(r[0]) for r in rows}):
        wr = [r for r in rows if wave_of(r[0]) == wave]
        c = [sum(1 for r in wr if (r[2] == POS) == p and r[7] == sp) for p in (True, False) for sp in ('dev', 'heldout')]
        out.append('| %d | %d | %d | %d | %d | %d |' % (wave, c[0], c[1], c[2], c[3], len(wr)))
    out += ['', '| family | generators (positives / negatives) |', '|---|---|']
    for fam in FAMILIES:
        gens = {}
        for r in rows:
            if r[4] == fam:
                g = r[8].split('/')[1]
                gens.setdefault(g, [0, 0])[0 if r[2] == POS else 1] += 1
        out.append('| %s | %s |' % (fam, ', '.join('%s %d/%d' % (g, p, q) for g, (p, q) in gens.items())))
    return '\n'.join(out) + '\n'


README_BEGIN, README_END = '<!-- counts:begin (make_flows.py --update-readme) -->\n', '<!-- counts:end -->\n'


def readme_block(readme_text):
    a = readme_text.index(README_BEGIN) + len(README_BEGIN)
    return readme_text[a:readme_text.index(README_END)]


def update_readme(rows):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'README.md')
    text = open(path, encoding='utf-8').read()
    old = readme_block(text)
    text = text.replace(README_BEGIN + old + README_END, README_BEGIN + counts_markdown(rows) + README_END)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('-o', '--out', default=os.path.join(here, 'out'))
    ap.add_argument('--list', action='store_true', help='print the case plan and exit')
    ap.add_argument('--update-readme', action='store_true', help='rewrite the count tables in README.md')
    a = ap.parse_args()
    if a.list:
        for s in plan():
            print('%-15s %-10s %-28s %s' % (s.family, s.shape, s.gen, s.lang))
        return
    rows = generate(a.out)
    if a.update_readme:
        update_readme(rows)
    pos = sum(1 for r in rows if r[2] == POS)
    print('make_flows: %d flows (%d plaintext_message, %d none) in %d captures -> %s (blind waves %s: %s)' % (
        len(rows), pos, len(rows) - pos, len({r[0] for r in rows}), a.out,
        ','.join(str(w) for w in sorted(BLIND_WAVES)), blind_dir(a.out)))


if __name__ == '__main__':
    main()
