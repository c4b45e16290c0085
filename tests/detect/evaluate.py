#!/usr/bin/python3
"""evaluate.py — the message model measured on labelled data it was not fitted on.

    tests/detect/evaluate.py --build BUILD [--split heldout|dev] [--min-text-precision P] ...

1. Text units (tests/detect/text/units.tsv): every unit alone, scored on its text and language
   only (no context: the hardest case), with tools/lw-text-features' features and the committed
   model; precision/recall of "message" per family and per language.
2. Flows (tests/detect/flows): the corpus written from the contract by someone who had not read
   the detector, replayed through the real binary by its own scorer (score.py), whose figures are
   printed as they come (per shape, family, language).

The model is fitted on the dev split only (tools/fit-message-model.py); the held-out split is
reported, never fitted or tuned on, and its wrong cases are never listed (counts only).
Exit 1 when a --min-* threshold is not met (regression guards for make check).
"""
import argparse
import collections
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def text_units(build, split):
    """Each unit scored on its text and language alone (its context features at zero, as the fit
    sees text units): what the text itself says, the hardest case."""
    model = os.path.join(TOP, "signatures", "message-model.tsv")
    threshold = next(float(l.split("\t")[1]) for l in open(model) if l.startswith("threshold\t"))
    with open(os.path.join(TOP, "tests", "detect", "text", "units.tsv"), "rb") as f:
        out = subprocess.run([os.path.join(build, "tools", "lw-text-features"), model], stdin=f,
                             stdout=subprocess.PIPE, check=True).stdout.decode()
    lines = out.splitlines()
    head = lines[0].split("\t")
    first, logit = head.index("language") + 1, head.index("logit")
    fam, lang, total = collections.defaultdict(collections.Counter), collections.defaultdict(collections.Counter), collections.Counter()
    for line in lines[1:]:
        c = line.split("\t")
        if c[4] != split:
            continue
        z = float(c[logit])  # the tool's logit of the text alone (its context features at 0)
        said, gold = z > -99 and z >= threshold, c[1] == "message"
        outcome = "tp" if said and gold else "fp" if said else "fn" if gold else "tn"
        for table, key in ((fam, (c[1], c[2])), (lang, c[3])):
            table[key][outcome] += 1
        total[outcome] += 1
    return fam, lang, total


def print_text(fam, lang, total, split):
    p, r = pr(total["tp"], total["fp"], total["fn"])
    n = sum(total.values())
    print("text units [%s]: %d units, message precision %.3f recall %.3f, accuracy %.3f"
          % (split, n, p, r, (total["tp"] + total["tn"]) / max(1, n)))
    print("  %-9s %-24s %6s %8s" % ("label", "family", "units", "correct"))
    for (label, family), c in sorted(fam.items()):
        n = sum(c.values())
        print("  %-9s %-24s %6d %7.1f%%" % (label, family, n, 100.0 * (c["tp"] + c["tn"]) / n))
    print("  %-6s %6s %10s %10s %9s" % ("lang", "units", "precision", "recall", "accuracy"))
    for code, c in sorted(lang.items()):
        p, r = pr(c["tp"], c["fp"], c["fn"])
        n = sum(c.values())
        print("  %-6s %6d %10.3f %10.3f %8.1f%%" % (code, n, p, r, 100.0 * (c["tp"] + c["tn"]) / n))
    return pr(total["tp"], total["fp"], total["fn"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.environ.get("LW_TOP_BUILDDIR", "."))
    ap.add_argument("--split", choices=["heldout", "dev"], default="heldout")
    ap.add_argument("--min-text-precision", type=float)
    ap.add_argument("--min-text-recall", type=float)
    ap.add_argument("--min-flow-precision", type=float)
    ap.add_argument("--min-flow-recall", type=float)
    ap.add_argument("--min-wave", nargs=3, action="append", default=[], metavar=("WAVE", "PRECISION", "RECALL"),
                    help="floors of one blind wave alone (repeatable)")
    ap.add_argument("--skip-flows", action="store_true")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    failures = []
    fam, lang, total = text_units(build, args.split)
    p, r = print_text(fam, lang, total, args.split)
    if args.min_text_precision is not None and p < args.min_text_precision:
        failures.append("text precision %.3f < %.3f" % (p, args.min_text_precision))
    if args.min_text_recall is not None and r < args.min_text_recall:
        failures.append("text recall %.3f < %.3f" % (r, args.min_text_recall))
    if not args.skip_flows:
        flows = os.path.join(TOP, "tests", "detect", "flows")
        out = os.path.join(build, "tests", "detect", "flows", "out")
        if not os.path.exists(os.path.join(out, "labels.tsv")):
            subprocess.run(["/usr/bin/python3", os.path.join(flows, "make_flows.py"), "-o", out], check=True,
                           stdout=subprocess.DEVNULL)
        runs = [("waves 1-2", "all", args.min_flow_precision, args.min_flow_recall)]
        runs += [("wave " + w, w, float(p), float(r)) for w, p, r in args.min_wave]
        for name, wave, min_p, min_r in runs:
            cmd = ["/usr/bin/python3", os.path.join(flows, "score.py"), os.path.join(build, "leakwatch"), "--out", out,
                   "--split", args.split, "--wave", wave]
            cmd += ["--min-precision", str(min_p)] if min_p is not None else []
            cmd += ["--min-recall", str(min_r)] if min_r is not None else []
            print()
            sys.stdout.flush()
            if subprocess.run(cmd).returncode != 0:
                failures.append("flow corpus (%s) below its thresholds (see above)" % name)
    for f in failures:
        print("FAIL " + f)
    print("%d passed, %d failed" % (1 if not failures else 0, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
