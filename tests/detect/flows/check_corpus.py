#!/usr/bin/python3
"""make check: generate the labelled flow corpus and check that it is what its README says.

1. make_flows.py run twice (into $LW_TOP_BUILDDIR/tests/detect/flows/out, kept for score.py, and a
   scratch directory) writes byte-identical files, also in OUT-blind (the blind waves, see
   make_flows.BLIND_WAVES);
2. labels.tsv meets the minimums: >= 600 flows, 30-50 % positives, >= 20 languages over the
   positives, every family present with both splits (35-65 % dev), the unfamiliar positive
   classes each with >= 3 generators and >= 3 languages; and each later wave (wave2-* … wave5-*) on
   its own: >= 200 flows, 40-65 % positives, >= 30 languages over its positives, every positive
   family with positives in both splits from >= 3 generators;
3. README.md's count tables are the ones the generator computes;
4. every capture opens in `tshark -r` with exit status 0 and nothing on standard error but
   tshark's running-as-root notice, every IPv4/TCP/UDP checksum verifies, and the TCP/UDP flows
   tshark sees in each capture are exactly the labelled flows of that capture.
Never scores detection (score.py does, by hand). Missing python3-scapy or tshark is a failure.
"""
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_FLOWS, MIN_LANGS = 600, 20
MIN_WAVE_FLOWS, MIN_WAVE_LANGS = 200, 30       # each wave after the first, on its own
ROOT_NOTICE = re.compile(r'^Running as user "root" and group "root"\. This could be dangerous\.$')
FAMILIES = ['familiar', 'sender-outside', 'binary-framing', 'datagram', 'line-protocol', 'tunnel-partial',
            'device-server', 'hard-negative', 'topology']
POSITIVE_FAMILIES = ['familiar', 'sender-outside', 'binary-framing', 'datagram', 'line-protocol', 'tunnel-partial',
                     'device-server']

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL: ' + msg)


def generate(out):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE='1', PYTHONHASHSEED='random')
    p = subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'make_flows.py'), '-o', out], env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        print(p.stderr)
        sys.exit('FAIL: make_flows.py exited %d' % p.returncode)
    print(p.stdout.strip())


def check_identical(a, b):
    fa, fb = sorted(os.listdir(a)), sorted(os.listdir(b))
    if fa != fb:
        fail('the two runs wrote different file lists')
        return
    same, diff, err = filecmp.cmpfiles(a, b, fa, shallow=False)
    if diff or err:
        fail('the two runs differ in %s' % ', '.join(diff + err))
    else:
        print('ok: two runs wrote %d identical files' % len(same))


def read_labels(out):
    """The rows of OUT/labels.tsv and OUT-blind/labels.tsv, each with the directory it came from."""
    rows = []
    for d in (out, out + '-blind'):
        with open(os.path.join(d, 'labels.tsv'), encoding='utf-8') as f:
            head = f.readline().rstrip('\n').split('\t')
            rows += [dict(zip(head, ln.rstrip('\n').split('\t')), dir=d) for ln in f]
    return rows


def check_counts(rows):
    n = len(rows)
    pos = [r for r in rows if r['expect'] == 'plaintext_message']
    langs = {r['lang'] for r in pos}
    share = len(pos) / n if n else 0
    print('ok: %d flows, %d positives (%.0f %%), %d languages over the positives' % (n, len(pos), 100 * share, len(langs)))
    if n < MIN_FLOWS:
        fail('%d flows < %d' % (n, MIN_FLOWS))
    if not 0.30 <= share <= 0.50:
        fail('positive share %.2f outside 0.30-0.50' % share)
    if len(langs) < MIN_LANGS:
        fail('%d languages over the positives < %d' % (len(langs), MIN_LANGS))
    for fam in FAMILIES:
        fr = [r for r in rows if r['family'] == fam]
        dev = sum(1 for r in fr if r['split'] == 'dev')
        if not fr or not 0.35 <= dev / len(fr) <= 0.65:
            fail('family %s: %d flows, %d dev' % (fam, len(fr), dev))
    for fam in POSITIVE_FAMILIES:
        fp = [r for r in pos if r['family'] == fam]
        gens = {r['note'].split('/')[1] for r in fp}
        fl = {r['lang'] for r in fp}
        if len(gens) < 3 or len(fl) < 3:
            fail('family %s: positives from %d generators in %d languages' % (fam, len(gens), len(fl)))
        if fam != 'familiar' and not {r['split'] for r in fp} >= {'dev', 'heldout'}:
            fail('family %s: positives missing from a split' % fam)
    for r in rows:
        if r['expect'] not in ('plaintext_message', 'none', 'unapproved_archive') or \
                r['direction'] not in ('to_server', 'to_client', '-') or r['shape'] not in ('familiar', 'unfamiliar') or \
                r['split'] not in ('dev', 'heldout'):
            fail('bad label line: %r' % r)
            break


def wave_of(pcap):
    return int(pcap[4:pcap.index('-')]) if pcap.startswith('wave') else 1


def check_waves(rows):
    """Each later wave is a measurement on its own: big and varied enough to be read alone."""
    for wave in sorted({wave_of(r['pcap']) for r in rows} - {1}):
        wr = [r for r in rows if wave_of(r['pcap']) == wave]
        pos = [r for r in wr if r['expect'] == 'plaintext_message']
        langs = {r['lang'] for r in pos}
        print('ok: wave %d: %d flows, %d positives, %d languages over the positives' % (wave, len(wr), len(pos), len(langs)))
        if len(wr) < MIN_WAVE_FLOWS or not 0.40 <= len(pos) / len(wr) <= 0.65 or len(langs) < MIN_WAVE_LANGS:
            fail('wave %d: %d flows, %d positives, %d languages' % (wave, len(wr), len(pos), len(langs)))
        for fam in POSITIVE_FAMILIES:
            fp = [r for r in pos if r['family'] == fam]
            if {r['split'] for r in fp} != {'dev', 'heldout'} or len({r['note'].split('/')[1] for r in fp}) < 3:
                fail('wave %d, family %s: positives in splits %s from %d generators' % (
                    wave, fam, sorted({r['split'] for r in fp}), len({r['note'].split('/')[1] for r in fp})))


def ep(ip, port):
    return ('[%s]' % ip if ':' in ip else ip) + ':' + port


def tshark_flows(path):
    cmd = ['tshark', '-n', '-r', path, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE',
           '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=|',
           '-e', 'ip.src', '-e', 'ipv6.src', '-e', 'ip.dst', '-e', 'ipv6.dst', '-e', 'tcp.srcport', '-e', 'tcp.dstport',
           '-e', 'udp.srcport', '-e', 'udp.dstport', '-e', 'ip.checksum.status', '-e', 'tcp.checksum.status',
           '-e', 'udp.checksum.status']
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors='replace')
    errs = [ln for ln in p.stderr.splitlines() if ln.strip() and not ROOT_NOTICE.match(ln)]
    if p.returncode != 0 or errs:
        fail('tshark -r %s: exit %d %s' % (os.path.basename(path), p.returncode, ' / '.join(errs[:3])))
        return None
    flows, bad = set(), 0
    for ln in p.stdout.splitlines():
        f = (ln.split('|') + [''] * 11)[:11]
        src, dst = f[0] or f[1], f[2] or f[3]
        if f[4]:
            proto, sp, dp = 'tcp', f[4], f[5]
        elif f[6]:
            proto, sp, dp = 'udp', f[6], f[7]
        else:
            fail('%s: a packet that is neither TCP nor UDP' % os.path.basename(path))
            continue
        if any(s not in ('', '1') for s in f[8:11]) or (proto == 'tcp' and f[9] != '1') or (proto == 'udp' and f[10] != '1'):
            bad += 1
        flows.add(frozenset([(proto, ep(src, sp)), (proto, ep(dst, dp))]))
    if bad:
        fail('%s: %d packets with a checksum that does not verify' % (os.path.basename(path), bad))
    return flows


def label_flow(spec):
    m = re.match(r'^(.*):(\d+)>(.*):(\d+)/(tcp|udp)$', spec)
    a, ap, b, bp, proto = m.groups()
    return frozenset([(proto, '%s:%s' % (a, ap)), (proto, '%s:%s' % (b, bp))])


def check_captures(out, rows):
    pcaps = sorted(os.path.join(d, fn) for d in (out, out + '-blind') for fn in os.listdir(d)
                   if fn.endswith(('.pcap', '.pcapng')))
    labelled = {}
    for r in rows:
        labelled.setdefault(os.path.join(r['dir'], r['pcap']), set()).add(label_flow(r['flow']))
    if set(pcaps) != set(labelled):
        fail('captures and labels disagree: %s' % sorted(set(pcaps) ^ set(labelled)))
    with ThreadPoolExecutor(2) as ex:
        seen_all = list(ex.map(tshark_flows, pcaps))
    for path, seen in zip(pcaps, seen_all):
        fn = os.path.basename(path)
        if seen is not None and seen != labelled.get(path, set()):
            fail('%s: %d flows in the capture, %d labelled, %d differ' % (fn, len(seen), len(labelled.get(path, ())),
                                                                         len(seen ^ labelled.get(path, set()))))
    print('ok: %d captures checked with tshark (%d pcapng)' % (len(pcaps), sum(fn.endswith('.pcapng') for fn in pcaps)))


def check_readme(rows):
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True
    import make_flows
    cols = ['pcap', 'flow', 'expect', 'direction', 'family', 'shape', 'lang', 'split', 'note']
    with open(os.path.join(HERE, 'README.md'), encoding='utf-8') as f:
        block = make_flows.readme_block(f.read())
    if block != make_flows.counts_markdown([[r[c] for c in cols] for r in rows]):
        fail('README.md count tables differ from the corpus (run make_flows.py --update-readme)')
    else:
        print('ok: README.md count tables match the corpus')


def main():
    if shutil.which('tshark') is None:
        sys.exit('FAIL: tshark not found (Debian package tshark)')
    build = os.environ.get('LW_TOP_BUILDDIR') or os.path.normpath(os.path.join(HERE, '..', '..', '..'))
    out = os.path.join(build, 'tests', 'detect', 'flows', 'out')
    generate(out)
    with tempfile.TemporaryDirectory() as tmp:
        generate(os.path.join(tmp, 'out'))
        check_identical(out, os.path.join(tmp, 'out'))
        check_identical(out + '-blind', os.path.join(tmp, 'out-blind'))
    rows = read_labels(out)
    check_counts(rows)
    check_waves(rows)
    check_captures(out, rows)
    check_readme(rows)
    if failures:
        sys.exit('%d check(s) failed' % len(failures))
    print('corpus ok: %s' % out)


if __name__ == '__main__':
    main()
