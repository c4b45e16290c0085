#!/usr/bin/python3
"""Score a leakwatch binary's plaintext_message alerts against the labelled flow corpus.

    score.py [LEAKWATCH] [--out DIR] [--split dev|heldout|all] [--wave 1|2|3|4|5|all] [--json]
             [--min-precision P] [--min-recall R] [--jobs N]

LEAKWATCH defaults to $LW_BIN. DIR (default: out/ beside this script) holds the captures and
labels.tsv written by make_flows.py; the blind waves (make_flows.BLIND_WAVES, the third,
fourth and fifth) are in DIR-blind, which --wave 3, 4 and 5 read when DIR holds none of it. Each capture is replayed with a generated configuration: the
contract's default home networks, no approved archives, the repository's signatures/ directory.
Only plaintext_message alerts count. An alert matches a labelled flow by its 5-tuple in either
orientation; a flow labelled with a direction counts as found only when an alert on it has that
leak.direction (a wrong direction is a miss, and is listed as such).

Prints precision and recall per split, shape, family and language. Wrong flows are listed for
the dev split only; for heldout only counts per family and language are printed, so that nobody
tunes on held-out cases. Exit status: 0, or 1 when --min-precision/--min-recall are not met on
the selected split, or 2 on a usage or run error.
"""
import argparse
import ipaddress
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
CATEGORY = 'plaintext_message'
FLOW_RE = re.compile(r'^(\[[0-9a-fA-F:]+\]|[0-9.]+):(\d+)>(\[[0-9a-fA-F:]+\]|[0-9.]+):(\d+)/(tcp|udp)$')
CONFIG = """networks:
  home: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7]
signatures:
  paths: [%s]
"""


def die(msg):
    print('score.py: ' + msg, file=sys.stderr)
    sys.exit(2)


def norm_ip(s):
    return str(ipaddress.ip_address(s.strip('[]')))


def flow_key(proto, a, ap, b, bp):
    return (proto.lower(), frozenset([(norm_ip(a), int(ap)), (norm_ip(b), int(bp))]))


def wave_of(pcap):
    """waveN-*.pcap belongs to wave N (wave2-* … wave5-*); the first wave's files have no prefix."""
    return int(pcap[4:pcap.index('-')]) if pcap.startswith('wave') else 1


def read_labels(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        head = f.readline().rstrip('\n').split('\t')
        want = ['pcap', 'flow', 'expect', 'direction', 'family', 'shape', 'lang', 'split', 'note']
        if head != want:
            die('%s: unexpected header %r' % (path, head))
        for n, line in enumerate(f, 2):
            r = dict(zip(want, line.rstrip('\n').split('\t')))
            m = FLOW_RE.match(r.get('flow', ''))
            if len(r) != len(want) or not m:
                die('%s:%d: malformed line' % (path, n))
            r['key'] = flow_key(m.group(5), m.group(1), m.group(2), m.group(3), m.group(4))
            rows.append(r)
    return rows


def run_capture(binary, cfg, pcap):
    p = subprocess.run([binary, '-c', cfg, '-r', pcap, '-o', 'json:-'], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        die('%s on %s exited %d: %s' % (binary, pcap, p.returncode, p.stderr.decode(errors='replace').strip()))
    alerts = {}
    for line in p.stdout.decode('utf-8', errors='replace').splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get('event_type') != 'alert' or rec.get('alert', {}).get('category') != CATEGORY:
            continue
        key = flow_key(rec['proto'], rec['src_ip'], rec['src_port'], rec['dest_ip'], rec['dest_port'])
        alerts.setdefault(key, set()).add((rec.get('leak') or {}).get('direction'))
    return alerts


def judge(rows, alerts_by_pcap):
    for r in rows:
        dirs = alerts_by_pcap[r['pcap']].get(r['key'], set())
        r['alerted'] = sorted(d or '?' for d in dirs)
        if r['expect'] == CATEGORY:
            if not dirs:
                r['outcome'] = 'FN'
            elif r['direction'] == '-' or r['direction'] in dirs:
                r['outcome'] = 'TP'
            else:
                r['outcome'] = 'FN-dir'
        else:
            r['outcome'] = 'FP' if dirs else 'TN'
    labelled = {}
    for r in rows:
        labelled.setdefault(r['pcap'], set()).add(r['key'])
    stray = []
    for pcap, alerts in sorted(alerts_by_pcap.items()):
        for key in alerts:
            if key not in labelled.get(pcap, set()):
                stray.append('%s %s %s' % (pcap, key[0], ' '.join('%s:%d' % e for e in sorted(key[1]))))
    return stray


def metrics(rows):
    c = {o: sum(1 for r in rows if r['outcome'] == o) for o in ('TP', 'FN', 'FN-dir', 'FP', 'TN')}
    tp, fp = c['TP'], c['FP']
    pos = tp + c['FN'] + c['FN-dir']
    return {'flows': len(rows), 'positives': pos, 'tp': tp, 'fn': c['FN'], 'fn_direction': c['FN-dir'], 'fp': fp,
            'tn': c['TN'], 'precision': round(tp / (tp + fp), 4) if tp + fp else None,
            'recall': round(tp / pos, 4) if pos else None}


def grouped(rows, col):
    out = {}
    for v in sorted({r[col] for r in rows}):
        out[v] = metrics([r for r in rows if r[col] == v])
    return out


def fmt(v):
    return '   -  ' if v is None else '%6.3f' % v


def table(title, groups):
    lines = ['%s' % title, '  %-16s %6s %5s %5s %5s %5s %5s %6s %6s' % ('', 'flows', 'pos', 'TP', 'FN', 'dirFN', 'FP',
                                                                     'prec', 'recall')]
    for name, m in groups.items():
        lines.append('  %-16s %6d %5d %5d %5d %5d %5d %s %s' % (name, m['flows'], m['positives'], m['tp'], m['fn'],
                                                             m['fn_direction'], m['fp'], fmt(m['precision']),
                                                             fmt(m['recall'])))
    return '\n'.join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('binary', nargs='?', default=os.environ.get('LW_BIN'))
    ap.add_argument('--out', default=os.path.join(HERE, 'out'), help='directory with the captures and labels.tsv')
    ap.add_argument('--signatures', default=os.path.join(REPO, 'signatures'))
    ap.add_argument('--split', choices=['dev', 'heldout', 'all'], default='all')
    ap.add_argument('--wave', choices=['1', '2', '3', '4', '5', 'all'], default='all',
                    help='only the captures of one wave (waveN-*: wave N, each written after the earlier ones were scored)')
    ap.add_argument('--json', action='store_true', help='machine-readable output')
    ap.add_argument('--min-precision', type=float)
    ap.add_argument('--min-recall', type=float)
    ap.add_argument('--jobs', type=int, default=2)
    a = ap.parse_args()
    if not a.binary:
        die('no leakwatch binary: give its path or set LW_BIN')
    if not os.access(a.binary, os.X_OK):
        die('%s: not executable' % a.binary)
    labels = os.path.join(a.out, 'labels.tsv')
    if not os.path.exists(labels):
        die('%s: missing (run make_flows.py first)' % labels)
    if not os.path.isdir(a.signatures):
        die('%s: no signatures directory' % a.signatures)
    rows = read_labels(labels)
    blind = a.out.rstrip('/') + '-blind'
    if a.wave != 'all' and not any(wave_of(r['pcap']) == int(a.wave) for r in rows) and \
            os.path.exists(os.path.join(blind, 'labels.tsv')):
        a.out = blind               # a blind wave (make_flows.BLIND_WAVES) lives beside OUT
        rows = read_labels(os.path.join(blind, 'labels.tsv'))
    pcaps = sorted({r['pcap'] for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        cfg = os.path.join(tmp, 'leakwatch.yaml')
        with open(cfg, 'w') as f:
            f.write(CONFIG % json.dumps(os.path.abspath(a.signatures)))
        with ThreadPoolExecutor(max(1, a.jobs)) as ex:
            res = list(ex.map(lambda p: run_capture(a.binary, cfg, os.path.join(a.out, p)), pcaps))
    stray = judge(rows, dict(zip(pcaps, res)))
    sel = rows if a.split == 'all' else [r for r in rows if r['split'] == a.split]
    if a.wave != 'all':
        sel = [r for r in sel if wave_of(r['pcap']) == int(a.wave)]
    report = {
        'binary': a.binary, 'split': a.split, 'wave': a.wave, 'overall': metrics(sel),
        'by_split': grouped(sel, 'split'), 'by_shape': grouped(sel, 'shape'),
        'by_family': grouped(sel, 'family'), 'by_lang': grouped(sel, 'lang'),
        'by_shape_split': {'%s/%s' % (s, p): metrics([r for r in sel if r['shape'] == s and r['split'] == p])
                           for s in sorted({r['shape'] for r in sel}) for p in sorted({r['split'] for r in sel})},
        'unlabelled_alerts': stray,
        'dev_errors': [{'pcap': r['pcap'], 'flow': r['flow'], 'outcome': r['outcome'], 'expect': r['expect'],
                        'direction': r['direction'], 'alerted': r['alerted'], 'family': r['family'], 'lang': r['lang'],
                        'note': r['note']}
                       for r in sel if r['split'] == 'dev' and r['outcome'] not in ('TP', 'TN')],
        'heldout_error_counts': {},
    }
    held = [r for r in sel if r['split'] == 'heldout' and r['outcome'] not in ('TP', 'TN')]
    for col in ('family', 'lang'):
        cnt = {}
        for r in held:
            cnt.setdefault(r[col], {'FN': 0, 'FN-dir': 0, 'FP': 0})[r['outcome']] += 1
        report['heldout_error_counts']['by_' + col] = dict(sorted(cnt.items()))
    if a.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        o = report['overall']
        print('leakwatch %s on %d flows (%s split%s): plaintext_message precision %s recall %s' % (
            a.binary, o['flows'], a.split, '' if a.wave == 'all' else ', wave ' + a.wave, fmt(o['precision']).strip(),
            fmt(o['recall']).strip()))
        for title, key in (('by split', 'by_split'), ('by shape', 'by_shape'), ('by shape and split', 'by_shape_split'),
                           ('by family', 'by_family'), ('by language', 'by_lang')):
            print()
            print(table(title, report[key]))
        if stray:
            print('\nalerts on flows that are not labelled (%d):' % len(stray))
            for s in stray:
                print('  ' + s)
        if report['dev_errors']:
            print('\nwrong flows, dev split (%d):' % len(report['dev_errors']))
            for e in report['dev_errors']:
                print('  %-6s %s %s expect=%s/%s alerted=%s  %s' % (e['outcome'], e['pcap'], e['flow'], e['expect'],
                                                                   e['direction'], ','.join(e['alerted']) or '-', e['note']))
        if held:
            print('\nheldout errors (counts only): ' + '; '.join(
                '%s FN %d FN-dir %d FP %d' % (k, v['FN'], v['FN-dir'], v['FP'])
                for k, v in report['heldout_error_counts']['by_family'].items()))
            print('heldout errors by language: ' + ', '.join(
                '%s %d' % (k, sum(v.values())) for k, v in report['heldout_error_counts']['by_lang'].items()))
    o = report['overall']
    bad = []
    if a.min_precision is not None and (o['precision'] or 0) < a.min_precision:
        bad.append('precision %s < %s' % (o['precision'], a.min_precision))
    if a.min_recall is not None and (o['recall'] or 0) < a.min_recall:
        bad.append('recall %s < %s' % (o['recall'], a.min_recall))
    if bad:
        print('score.py: below threshold: ' + ', '.join(bad), file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
