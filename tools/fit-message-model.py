#!/usr/bin/python3
"""fit-message-model.py — fit leakwatch's message model (signatures/message-model.tsv).

The model is a logistic regression over the features of src/inspect/features.h with HIDDEN tanh
units beside it (src/inspect/model.h). It is fitted on the *development* half of the labelled
corpora only; the held-out half is for reporting (tests/detect/evaluate.py) and never seen here:

  text   tests/detect/text/units.tsv (split dev): each text alone — instances labelled message /
         other (features by tools/lw-text-features), their context features left at zero: they
         teach what text reads like, the flows teach what its surroundings say;
  flows  tests/detect/flows (labels.tsv split dev, and of the blind waves beside it those in
         FITTED_BLIND_WAVES), tests/gen (the team's familiar shapes) and the real captures of
         REAL_CORPORA (tests/data/real, real2, real3; MANIFEST.tsv): every candidate unit of every
         flow direction (features by `leakwatch --dump-features`), grouped into bags. A bag of a
         direction that carries a message is positive when at least one of its units is a
         message (multiple-instance learning: the fit alternates between choosing each positive
         bag's most message-like unit and refitting); every unit of a bag without messages is
         negative, its most message-like units weighted most.

Text instances and flow bags weigh the same in total. First the linear part: L2-regularised
Newton iterations (numpy), with the sign constraints of POSITIVE/NEGATIVE. Then the hidden units,
started from small weights of a fixed seed beside that linear fit, and trained jointly with it by
full-batch Adam (HIDDEN_ROUNDS rounds of choosing each positive bag's unit, HIDDEN_STEPS steps
each): they learn what the features say together (a sentence with no context at all, many records
none of which vary) and the linear fit cannot. The same inputs give the same file. The decision threshold is the logit that
maximises a mean of the F1 scores of text units (weight 1) and flow directions (weight 3), scored
out of fold: every unit and bag by a fit on the groups it is not in (THRESHOLD_FOLDS folds, as
--cv), so the threshold is set on scores like those of traffic the model has not seen — the fit's
own scores of its training data flatter it and put the threshold too low. Near the top that mean
is flat and ragged: it is smoothed over THRESHOLD_WINDOW steps either side before its maximum is
taken, so that the threshold does not hop between neighbouring refits.

  tools/fit-message-model.py --top SRC --build BUILD [--out FILE] [--check] [--cv K] [--cache FILE]

--check fits and compares with the committed file instead of writing (exit 1 when they differ).
--cv K cross-validates instead: K folds of whole groups (a text family, a flow shape, a capture),
each scored by a fit on the others, pooled precision and recall printed per source; nothing is
written. --cache keeps the extracted features in a file between runs (features change with the
code: delete it after a change to src/inspect/).
"""
import argparse
import collections
import hashlib
import ipaddress
import json
import os
import pickle
import subprocess
import sys
import tempfile

import numpy as np

L2 = 0.3                 # ridge on the weights (not the bias), in units of the total sample weight
TEXT_SHARE = 1.0         # total weight of the text units relative to the flow bags'
THRESHOLD_FOLDS = 5      # folds of the out-of-fold scores the threshold is chosen on
THRESHOLD_WINDOW = 2     # the objective is averaged over this many 0.05 steps either side of each threshold
MIL_ROUNDS = 8
HIDDEN = 8               # tanh units beside the linear part: what features say together (0: a plain regression)
HIDDEN_L2 = 1e-3         # ridge on the hidden units' weights
HIDDEN_ROUNDS = 3        # choices of each positive bag's unit, each followed by HIDDEN_STEPS
HIDDEN_STEPS = 400       # full-batch Adam steps (learning rate HIDDEN_RATE) on the joint model
HIDDEN_RATE = 0.01
HIDDEN_SEED = 1          # the hidden units' starting weights: a fixed seed, so the same inputs give the same file
NEG_TOP = 3              # the most message-like units of a negative bag, weighted as much as a whole bag
NEG_REST_WEIGHT = 0.05   # every other unit of a negative bag
REAL_WEIGHT = 10.0       # a bag of real traffic (tests/data/real*) counts as this many generated ones
REAL_CORPORA = ("real", "real2", "real3", "real4", "real5")
FITTED_BLIND_WAVES = {3, 4, 5}  # the development half of these blind flow waves is fitted; the newest stays unseen
TEAM_WEIGHT = 2.0        # a bag of the team's own corpus (tests/gen: its hard cases) counts as this many
# Signs that what a feature means fixes, whatever a corpus happens to correlate with it: the fit
# keeps these weights on their side of zero (an active set: a weight that crosses is held at 0).
POSITIVE = ["ctx_protocol_message", "ctx_key_message", "ctx_path_message", "ctx_path_party", "ctx_sibling_party",
            "ctx_sibling_message_word", "text_conversational", "lang_reliable", "conv_both_sides",
            "conv_human_gaps", "conv_varying_text", "ctx_mail", "lang_reliable_extracted", "lang_known", "lang_share",
            "lang_score"]
NEGATIVE = ["ctx_sibling_log_level", "ctx_sibling_error", "ctx_sibling_analytics", "ctx_automated_sender",
            "ctx_object_languages", "ctx_key_error", "text_placeholder", "text_machine_tokens", "text_markup",
            "conv_repeated_text", "conv_fast_replies", "conv_lines_per_record", "lang_none_in_binary",
            "text_invalid", "ctx_sibling_url", "text_code_lines", "ctx_document_body",
            "ctx_paragraphs_outside_mail", "text_heading", "ctx_sibling_publishing"]
DEFAULT_HOME = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()[:16]


# ------------------------------------------------------------------ text units
def text_instances(args, model):
    units = os.path.join(args.top, "tests", "detect", "text", "units.tsv")
    tool = os.path.join(args.build, "tools", "lw-text-features")
    with open(units, "rb") as f:
        out = subprocess.run([tool, model], stdin=f, stdout=subprocess.PIPE, check=True).stdout.decode()
    lines = out.splitlines()
    header = lines[0].split("\t")
    first = header.index("language") + 1
    names = header[first:header.index("logit")]
    rows = []
    for line in lines[1:]:
        c = line.split("\t")
        if c[4] != "dev" or c[1] not in ("message", "other"):
            continue
        logit = float(c[header.index("logit")])
        if logit <= -99:
            continue  # not a candidate at all: nothing to fit
        values = [float(v) for v in c[first:first + len(names)]]  # the tool leaves their context at 0
        rows.append((c[1] == "message", values, "text:" + c[2]))
    return names, rows, sha256_of(units)


# ------------------------------------------------------------------ flow captures
def flow_key(text):
    """'a:1>b:2/tcp' -> ((a,1),(b,2),'tcp') with IPv6 brackets removed."""
    ends, proto = text.rsplit("/", 1)
    src, dst = ends.split(">")

    def end(e):
        host, port = e.rsplit(":", 1)
        return host.strip("[]"), int(port)
    return end(src), end(dst), proto.lower()


def same_flow(a, b):
    return a == b or (a[0] == b[1] and a[1] == b[0] and a[2] == b[2])


def write_config(path, home, signatures):
    with open(path, "w") as f:
        f.write("networks:\n  home: [%s]\n" % ", ".join('"%s"' % n for n in home))
        f.write('signatures:\n  paths: ["%s"]\n' % signatures)


def dump_features(args, pcap, home, scratch):
    conf = os.path.join(scratch, "fit.yaml")
    dump = os.path.join(scratch, "dump.tsv")
    write_config(conf, home, os.path.join(args.top, "signatures"))
    subprocess.run([os.path.join(args.build, "leakwatch"), "-r", pcap, "-c", conf, "-o", "json:/dev/null",
                    "--dump-features", dump], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(dump) as f:
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    first = header.index("length") + 1
    last = header.index("logit")
    bags = collections.defaultdict(list)
    for line in lines[1:]:
        c = line.split("\t")
        key = (flow_key(c[0]), int(c[1]), c[2] == "1")
        bags[key].append([float(v) for v in c[first:last]])
    return header[first:last], bags


def label_bags(dumped, labelled):
    """labelled: list of (flow_key, expect, direction[, group]). Returns (positive bags, negative
    bags), each bag (group, units): the group of its first labelled row."""
    pos, neg = [], []
    for (fk, _, device_sends), units in sorted(dumped.items(), key=lambda kv: repr(kv[0])):
        rows = [l for l in labelled if same_flow(l[0], fk)]
        if not rows:
            continue
        group = rows[0][3] if len(rows[0]) > 3 else None
        message_dirs = {r[2] for r in rows if r[1] == "plaintext_message"}
        if not message_dirs and all(r[1] == "none" for r in rows):
            neg.append((group, units))
        elif ("to_server" if device_sends else "to_client") in message_dirs:
            pos.append((group, units))
    return pos, neg


def read_tsv(path):
    with open(path) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    head = lines[0]
    return [dict(zip(head, l)) for l in lines[1:]]


def wave_of(pcap):
    """waveN-*.pcap is wave N; the first wave's files have no prefix (as make_flows.py names them)."""
    return int(pcap[4:pcap.index("-")]) if pcap.startswith("wave") else 1


def generated_corpus(args, scratch, name, script, labels_name, split_filter):
    """Captures and labels of a generator; for the flow corpus also the blind waves it writes
    beside its output whose development half the fit may read (FITTED_BLIND_WAVES)."""
    out = os.path.join(scratch, name)
    subprocess.run(["/usr/bin/python3", script, "-o", out], check=True, stdout=subprocess.DEVNULL)
    rows = [(out, row) for row in read_tsv(os.path.join(out, labels_name))]
    if split_filter and os.path.isdir(out + "-blind"):
        rows += [(out + "-blind", row) for row in read_tsv(os.path.join(out + "-blind", labels_name))
                 if wave_of(row["pcap"]) in FITTED_BLIND_WAVES]
    by_pcap = collections.defaultdict(list)
    for where, row in rows:
        if split_filter and row.get("split") != "dev":
            continue
        shape = row.get("note", "").split("/")
        group = "%s:%s" % (name, shape[1] if len(shape) > 2 else row["pcap"])
        by_pcap[os.path.join(where, row["pcap"])].append((flow_key(row["flow"]), row["expect"],
                                                           row.get("direction", "-"), group))
    return by_pcap


def flow_bags(args, scratch):
    names, pos, neg, digests = None, [], [], []
    sources = []
    flows_script = os.path.join(args.top, "tests", "detect", "flows", "make_flows.py")
    if os.path.exists(flows_script):
        sources.append(("generated", generated_corpus(args, scratch, "flows", flows_script, "labels.tsv", True)))
    sources.append(("team", generated_corpus(args, scratch, "gen", os.path.join(args.top, "tests", "gen",
                                                                              "make_corpus.py"), "labels.tsv", False)))
    for kind, by_pcap in sources:
        digests.append(hashlib.sha256(repr(sorted((os.path.basename(p), rows) for p, rows in by_pcap.items()))
                                      .encode()).hexdigest()[:16])  # the labels fitted, whatever else is beside them
        for path in sorted(by_pcap):
            home = DEFAULT_HOME
            conf_override = path.rsplit(".", 1)[0] + ".yaml"
            if os.path.exists(conf_override):
                continue  # policy captures (approved archives): not about messages
            names, dumped = dump_features(args, path, home, scratch)
            p, n = label_bags(dumped, by_pcap[path])
            pos += [(kind, g, b) for g, b in p]
            neg += [(kind, g, b) for g, b in n]
    for corpus in REAL_CORPORA:
        real_names, rp, rn, real_digest = real_corpus_bags(args, scratch, corpus)
        names = names or real_names
        pos, neg, digests = pos + rp, neg + rn, digests + [real_digest]
    return names, pos, neg, digests


def real_corpus_bags(args, scratch, name):
    """The real captures: a file expecting messages has its device end home (the end inside the
    default home networks, else the evidence flow's client); every other file's directions are
    negative with the default home networks."""
    corpus = os.path.join(args.top, "tests", "data", name)
    manifest = read_tsv(os.path.join(corpus, "MANIFEST.tsv"))
    pos, neg, names = [], [], None
    default = [ipaddress.ip_network(n) for n in DEFAULT_HOME]
    for row in manifest:
        path = os.path.join(corpus, row["file"])
        evidence = [flow_key(e.strip()) for e in row["evidence"].split(";") if e.strip() not in ("", "-")]
        if row["expect"] == "plaintext_message" and evidence:
            labelled, home = [], set()
            for e in evidence:
                snd, rcv = e[0][0], e[1][0]
                s_home = any(ipaddress.ip_address(snd) in n for n in default)
                r_home = any(ipaddress.ip_address(rcv) in n for n in default)
                device = snd if s_home and not r_home else rcv if r_home and not s_home else snd
                home.add(device + ("/128" if ":" in device else "/32"))
                labelled.append((e, "plaintext_message", "to_server" if device == snd else "to_client"))
            names, dumped = dump_features(args, path, sorted(home), scratch)
            p, _ = label_bags(dumped, labelled)
            pos += [("real", "%s:%s" % (name, row["file"]), b) for _, b in p]
        else:
            names, dumped = dump_features(args, path, DEFAULT_HOME, scratch)
            neg += [("real", "%s:%s" % (name, row["file"]), units)
                    for _, units in sorted(dumped.items(), key=lambda kv: repr(kv[0]))]
    return names, pos, neg, sha256_of(os.path.join(corpus, "MANIFEST.tsv"))


# ------------------------------------------------------------------ fitting
def fit_weighted(X, y, w, l2):
    """Newton iterations for L2-regularised weighted logistic regression; X has a bias column 0."""
    beta = np.zeros(X.shape[1])
    reg = np.full(X.shape[1], l2 * w.sum() / 1000.0)
    reg[0] = 0.0
    for _ in range(50):
        z = X @ beta
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = X.T @ (w * (p - y)) + reg * beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + np.diag(reg) + np.eye(X.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def with_bias(rows):
    return np.hstack([np.ones((len(rows), 1)), np.array(rows, dtype=float)])


def fit_signed(X, y, w, l2, names):
    """fit_weighted with the sign constraints of POSITIVE/NEGATIVE: columns whose weight lands on
    the wrong side are held at zero and the rest refitted, until none does."""
    held = set()
    while True:
        keep = [c for c in range(X.shape[1]) if c not in held]
        beta = np.zeros(X.shape[1])
        beta[keep] = fit_weighted(X[:, keep], y, w, l2)
        wrong = [c for c in range(1, X.shape[1]) if c not in held and
                 ((names[c - 1] in POSITIVE and beta[c] < 0) or (names[c - 1] in NEGATIVE and beta[c] > 0))]
        if not wrong:
            return beta
        held.update(wrong)


class Model:
    """The logit of rows X (a bias column first): beta · X plus, for each hidden unit h,
    out[h] · tanh(hidden_bias[h] + X[:, 1:] · hidden_in[:, h]) — src/inspect/model.c's formula."""

    def __init__(self, beta, hidden):
        rng = np.random.RandomState(HIDDEN_SEED)
        self.beta = beta.copy()
        self.hidden_in = rng.randn(len(beta) - 1, hidden) * 0.3
        self.hidden_bias = np.zeros(hidden)
        self.hidden_out = rng.randn(hidden) * 0.01  # starts as the linear fit: the units learn what it misses

    def score(self, X):
        return X @ self.beta + np.tanh(X[:, 1:] @ self.hidden_in + self.hidden_bias) @ self.hidden_out

    def train(self, X, y, w, l2_linear):
        """HIDDEN_STEPS of Adam on the weighted log loss, every part of the model at once."""
        w = w / w.sum()
        params = [self.beta, self.hidden_in, self.hidden_bias, self.hidden_out]
        first = [np.zeros_like(p) for p in params]
        second = [np.zeros_like(p) for p in params]
        ridge = np.full(len(self.beta), l2_linear)
        ridge[0] = 0.0
        for t in range(1, HIDDEN_STEPS + 1):
            act = np.tanh(X[:, 1:] @ self.hidden_in + self.hidden_bias)
            p = 1.0 / (1.0 + np.exp(-np.clip(X @ self.beta + act @ self.hidden_out, -30, 30)))
            g = w * (p - y)
            g_act = np.outer(g, self.hidden_out) * (1 - act * act)
            grads = [X.T @ g + ridge * self.beta, X[:, 1:].T @ g_act + HIDDEN_L2 * self.hidden_in, g_act.sum(0),
                     act.T @ g + HIDDEN_L2 * self.hidden_out]
            for i, (param, grad) in enumerate(zip(params, grads)):
                first[i] = 0.9 * first[i] + 0.1 * grad
                second[i] = 0.999 * second[i] + 0.001 * grad * grad
                param -= HIDDEN_RATE * (first[i] / (1 - 0.9 ** t)) / (np.sqrt(second[i] / (1 - 0.999 ** t)) + 1e-8)


def mil_rows(score, Xt, yt, text_weight, pos, neg, chosen):
    """The rows of one fit: the text units, each positive bag's most message-like unit by `score`
    (or by `chosen` when score is None), every unit of each negative bag (its most message-like
    ones weighted most)."""
    xs, ys, ws = [Xt], [yt], [np.full(len(yt), text_weight)]
    for i, (weight, b) in enumerate(pos):
        if score is not None:
            chosen[i] = int(np.argmax(score(b)))
        xs.append(b[chosen[i]:chosen[i] + 1])
        ys.append(np.ones(1))
        ws.append(np.full(1, weight))
    for weight, b in neg:
        order = np.argsort(-score(b), kind="stable") if score is not None else np.argsort(-b[:, 2], kind="stable")
        top = order[:NEG_TOP]
        weights = np.full(len(b), NEG_REST_WEIGHT * weight)
        weights[top] = weight / len(top)
        xs.append(b)
        ys.append(np.zeros(len(b)))
        ws.append(weights)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit(text_rows, pos_bags, neg_bags, names):
    """The linear fit (sign-constrained Newton, MIL_ROUNDS), then HIDDEN units trained jointly
    with it (HIDDEN_ROUNDS). Returns the Model and the fitted rows."""
    n_bags = len(pos_bags) + len(neg_bags)
    text_weight = TEXT_SHARE * n_bags / max(1, len(text_rows))
    Xt = with_bias([r[1] for r in text_rows])
    yt = np.array([1.0 if r[0] else 0.0 for r in text_rows])
    source_weight = {"real": REAL_WEIGHT, "team": TEAM_WEIGHT, "generated": 1.0}
    pos = [(source_weight[src], with_bias(b)) for src, _, b in pos_bags]
    neg = [(source_weight[src], with_bias(b)) for src, _, b in neg_bags]
    beta = None
    chosen = [0] * len(pos)
    for _ in range(MIL_ROUNDS):
        if beta is None:  # first round: the unit with the most words stands for its bag
            chosen = [int(np.argmax(b[:, 2])) if len(b) > 1 else 0 for _, b in pos]
        X, y, w = mil_rows(None if beta is None else (lambda b: b @ beta), Xt, yt, text_weight, pos, neg, chosen)
        new = fit_signed(X, y, w, L2, names)
        if beta is not None and np.max(np.abs(new - beta)) < 1e-4:
            beta = new
            break
        beta = new
    model = Model(beta, HIDDEN)
    for _ in range(HIDDEN_ROUNDS if HIDDEN else 0):
        X, y, w = mil_rows(model.score, Xt, yt, text_weight, pos, neg, chosen)
        model.train(X, y, w, L2 / 1000.0)
    return model, Xt, yt, [b for _, b in pos], [b for _, b in neg]


def f1(tp, fp, fn):
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def scores_at(threshold, model, Xt, yt, pos, neg):
    zt = model.score(Xt)
    t_tp = int(np.sum((zt >= threshold) & (yt == 1)))
    t_fp = int(np.sum((zt >= threshold) & (yt == 0)))
    t_fn = int(np.sum((zt < threshold) & (yt == 1)))
    b_tp = sum(1 for b in pos if np.max(model.score(b)) >= threshold)
    b_fn = len(pos) - b_tp
    b_fp = sum(1 for b in neg if np.max(model.score(b)) >= threshold)
    return (t_tp, t_fp, t_fn), (b_tp, b_fp, b_fn)


def choose_threshold(model, Xt, yt, pos, neg):
    return threshold_of(model.score(Xt), yt, [np.max(model.score(b)) for b in pos], [np.max(model.score(b)) for b in neg])


def threshold_of(zt, yt, pos_z, neg_z):
    """The logit maximising the weighted mean F1 of text units and flow bags, given their scores,
    once that curve is smoothed (a moving mean over THRESHOLD_WINDOW steps either side): its raw
    argmax hops between refits on its flat, ragged top. Of equal maxima the highest wins."""
    zt, pos_z, neg_z = np.asarray(zt), np.asarray(pos_z), np.asarray(neg_z)
    curve = []
    for t in np.arange(-3.0, 3.01, 0.05):
        a, b, c = int(np.sum((zt >= t) & (yt == 1))), int(np.sum((zt >= t) & (yt == 0))), int(np.sum((zt < t) & (yt == 1)))
        d, e = int(np.sum(pos_z >= t)), int(np.sum(neg_z >= t))
        value = (TEXT_SHARE * f1(a, b, c) + 3 * f1(d, e, len(pos_z) - d)) / (TEXT_SHARE + 3)  # flows weigh most: they are traffic
        curve.append((value, round(float(t), 2)))
    w = THRESHOLD_WINDOW
    smooth = [(sum(v for v, _ in curve[max(0, i - w):i + w + 1]) / len(curve[max(0, i - w):i + w + 1]), t)
              for i, (_, t) in enumerate(curve)]
    return max(smooth)[1]


def out_of_fold_threshold(names, text_rows, pos, neg, k):
    """The threshold chosen on out-of-fold scores (each fold scored by a fit on the others)."""
    zt, yt, pos_z, neg_z = [], [], [], []
    for fold in range(k):
        model, _, _, _, _ = fit([r for r in text_rows if fold_of(r[2], k) != fold],
                                [b for b in pos if fold_of(b[1], k) != fold], [b for b in neg if fold_of(b[1], k) != fold], names)
        for label, values, group in text_rows:
            if fold_of(group, k) == fold:
                zt.append(float(model.score(with_bias([values]))[0]))
                yt.append(1 if label else 0)
        for bags, out in ((pos, pos_z), (neg, neg_z)):
            out += [float(np.max(model.score(with_bias(b)))) for _, group, b in bags if fold_of(group, k) == fold]
    return threshold_of(zt, np.asarray(yt), pos_z, neg_z)


def fold_of(group, k):
    return int(hashlib.md5(group.encode()).hexdigest()[:8], 16) % k


def cross_validate(names, text_rows, pos, neg, k):
    """Fit on k-1 folds, score the k-th, for every fold: folds are whole groups (a text family, a
    flow shape, a capture), so each fold's shapes are ones its fit never saw. Prints pooled
    out-of-fold precision and recall for text units and flow-direction bags by source."""
    totals = collections.Counter()
    for fold in range(k):
        tr_text = [r for r in text_rows if fold_of(r[2], k) != fold]
        te_text = [r for r in text_rows if fold_of(r[2], k) == fold]
        tr_pos = [b for b in pos if fold_of(b[1], k) != fold]
        tr_neg = [b for b in neg if fold_of(b[1], k) != fold]
        model, Xt, yt, P, N = fit(tr_text, tr_pos, tr_neg, names)
        threshold = choose_threshold(model, Xt, yt, P, N)
        for label, values, _ in te_text:
            hit = float(model.score(with_bias([values]))[0]) >= threshold
            totals["text", "tp" if hit and label else "fp" if hit else "fn" if label else "tn"] += 1
        for bags, positive in ((pos, True), (neg, False)):
            for src, group, b in bags:
                if fold_of(group, k) != fold:
                    continue
                hit = float(np.max(model.score(with_bias(b)))) >= threshold
                totals[src, "tp" if hit and positive else "fp" if hit else "fn" if positive else "tn"] += 1
    for src in ("text", "generated", "team", "real"):
        t = {m: totals[src, m] for m in ("tp", "fp", "fn", "tn")}
        log("cv %-9s P %.3f R %.3f  (tp %d fp %d fn %d tn %d)" % (
            src, t["tp"] / max(1, t["tp"] + t["fp"]), t["tp"] / max(1, t["tp"] + t["fn"]), t["tp"], t["fp"], t["fn"], t["tn"]))


def render(names, model, threshold, digests, metrics):
    def row(values):
        return "\t".join("%.4f" % v for v in values)
    lines = ["# leakwatch message model: logistic regression over the features of src/inspect/features.h,",
             "# with %d hidden tanh units (each feature: its weight, then its inputs to the units)" % HIDDEN,
             "# fitted: tools/fit-message-model.py on the dev split; data %s" % " ".join(digests),
             "# dev: %s" % metrics,
             "threshold\t%.2f" % threshold,
             "bias\t%.4f" % model.beta[0]]
    if HIDDEN:
        lines += ["hidden\t%d" % HIDDEN, "hidden_bias\t" + row(model.hidden_bias), "hidden_out\t" + row(model.hidden_out)]
    lines += ["%s\t%s" % (n, row([model.beta[i + 1]] + list(model.hidden_in[i]))) for i, n in enumerate(names)]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--top", required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--out")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--text-share", type=float, default=TEXT_SHARE, help="weight of the text units (1: as the flows)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation over groups of the dev data; no file written")
    ap.add_argument("--cache", help="pickle of the extracted features: read when present, else written")
    args = ap.parse_args()
    globals().update(TEXT_SHARE=args.text_share, L2=args.l2)
    model = os.path.join(args.top, "signatures", "message-model.tsv")
    out = args.out or model
    with tempfile.TemporaryDirectory(prefix="lw-fit-") as scratch:
        if args.cache and os.path.exists(args.cache):
            with open(args.cache, "rb") as f:
                names, text_rows, text_digest, pos, neg, digests = pickle.load(f)
        else:
            log("text units …")
            names, text_rows, text_digest = text_instances(args, model)
            log("  %d dev units" % len(text_rows))
            log("flow captures …")
            flow_names, pos, neg, digests = flow_bags(args, scratch)
            log("  %d positive and %d negative dev bags" % (len(pos), len(neg)))
            if flow_names != names:
                sys.exit("feature names differ between lw-text-features and leakwatch")
            if args.cache:
                with open(args.cache, "wb") as f:
                    pickle.dump((names, text_rows, text_digest, pos, neg, digests), f)
        if args.cv:
            cross_validate(names, text_rows, pos, neg, args.cv)
            return
        threshold = out_of_fold_threshold(names, text_rows, pos, neg, THRESHOLD_FOLDS)
        log("threshold %.2f (out of fold)" % threshold)
        model_fit, Xt, yt, P, N = fit(text_rows, pos, neg, names)
        (a, b, c), (d, e, f) = scores_at(threshold, model_fit, Xt, yt, P, N)
        metrics = ("text P %.3f R %.3f (%d units), flow directions P %.3f R %.3f (%d+%d bags)"
                   % (a / max(1, a + b), a / max(1, a + c), len(yt), d / max(1, d + e), d / max(1, d + f), len(P), len(N)))
        log("dev: " + metrics)
        text = render(names, model_fit, threshold, [text_digest] + digests, metrics)
    if args.check:
        same = open(model).read() == text
        log("model file %s the fit" % ("matches" if same else "DIFFERS from"))
        sys.exit(0 if same else 1)
    with open(out, "w") as f:
        f.write(text)
    log("wrote " + out)


if __name__ == "__main__":
    main()
