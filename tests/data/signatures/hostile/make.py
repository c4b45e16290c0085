#!/usr/bin/python3
"""make.py — writes the hostile signature packs and configurations of issue 13 into this
directory (deterministic; run it again to regenerate; the outputs are committed). Each file
reproduces one finding; tests/e2e/load_limits.sh loads every one and checks the exit status,
the error and a generous hang bound. Files over 1 MiB and FIFOs are made by the test itself."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SIG = "- {id: %d, name: n, category: plaintext_message, severity: 1, description: d, conditions: %s}\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


def pack_of_patterns(patterns):
    """One signature whose content is every pattern in block style (one line each)."""
    head = "signatures:\n- id: 1\n  name: n\n  category: plaintext_message\n  severity: 1\n  description: d\n" \
           "  conditions:\n    content:\n"
    return head + "".join("      - %s\n" % p for p in patterns)


# 1. A 400 KB pack nested 200,000 levels deep (took over 20 s to load).
write("deep.yaml", "signatures: " + "[" * 200000 + "]" * 200000 + "\n")

# 2. Aliases: one signature holding 3,000 aliased patterns, then 2,999 aliases of that signature:
#    9 million patterns from 27 KB (1.9 GiB before failing on duplicate ids).
pats = "[&p {literal: abcd}" + ", *p" * 2999 + "]"
write("aliases.yaml", "signatures:\n- &s {id: 1, name: n, category: plaintext_message, severity: 1, "
      "description: d, conditions: {content: %s}}\n" % pats + "- *s\n" * 2999)

# 3. 10,000 copies of one bounded-repeat regex (42 s and 2.25 GiB to compile).
write("repeat.yaml", pack_of_patterns(['{regex: "a{1000}"}'] * 10000))

# 4. A few patterns that Hyperscan compiles out of proportion: twenty (ab|cd){250} (6.6 s).
write("costly.yaml", pack_of_patterns(['{regex: "(ab|cd){250}%d"}' % i for i in range(20)]))

# 5. One regex that unrolls to 100,000 positions.
write("huge-repeat.yaml", pack_of_patterns(['{regex: "[a-z]{100000}"}']))

# 6. Groups nested 10,000 deep in one regex (a recursive compiler's stack).
write("nested-groups.yaml", pack_of_patterns(["{regex: '%s'}" % ("(" * 10000 + "a" + ")" * 10000)]))

# 7. 10,001 literal patterns: one more than the set may hold.
write("many-patterns.yaml", pack_of_patterns(["{literal: p%d}" % i for i in range(10001)]))

# 8. A signature aliased again: its id is a duplicate at the first alias, refused as read.
write("dup-alias.yaml", "signatures:\n- &s {id: 5, name: n, category: plaintext_message, severity: 1, "
      "description: d, conditions: {message: true}}\n- *s\n")

# 9. 30,000 anchors and aliases (libyaml resolves each alias by a linear search: 2.4 s).
write("anchors.yaml", "signatures: [" + ", ".join("&a%d x, *a%d" % (i, i) for i in range(30000)) + "]\n")

# Configurations: the same kinds of bomb against the configuration loader (same limits).
write("config-deep.yaml", "networks:\n  home: " + "[" * 1000 + "]" * 1000 + "\n")
write("config-laughs.yaml", "policy:\n  approved_archives:\n    hosts: [" + ", ".join(
    "&h%d [%s]" % (i, ", ".join(["lol"] * 10 if i == 0 else ["*h%d" % (i - 1)] * 10)) for i in range(10)) + "]\n")
write("config-anchors.yaml", "policy:\n  approved_archives:\n    hosts: [" +
      ", ".join("&a%d x%d.example, *a%d" % (i, i, i) for i in range(1001)) + "]\n")
