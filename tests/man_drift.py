#!/usr/bin/python3
"""man_drift.py — the man pages may not drift from the programs and the README.

Checks, each a PASS/FAIL line: every page is built and equals what tools/md2man.py makes of
its source now (doc/man/*.md, README sections included); man(1) renders it without the
warnings lintian reports; its NAME line is a whatis entry; for each program, the options its
--help prints and the options its page's OPTIONS section lists are the same set (a missing
binary fails); the configuration keys `leakwatch -T` prints and the keys of the README's
table (which leakwatch.yaml(5) includes) are the same set, and every one of them is in the
page. Ends with "N passed, N failed".

Environment: LW_TOP_SRCDIR, LW_TOP_BUILDDIR (as make check sets them).
"""
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.abspath(os.environ.get("LW_TOP_SRCDIR") or os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.path.abspath(os.environ.get("LW_TOP_BUILDDIR") or ".")
PAGES = {"leakwatch.8": "leakwatch", "leakwatch.yaml.5": None, "leakwatch-tail.1": "leakwatch-tail",
         "leakwatch-unseal.1": "leakwatch-unseal", "leakwatch-report.1": "leakwatch-report"}
OPTION = re.compile(r"(?<![\w/.-])(--[a-z][a-z0-9-]+|-[A-Za-z0-9])(?![\w-])")
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    print("%s  %s%s" % ("PASS" if ok else "FAIL", what, (": %s" % detail) if detail and not ok else ""))
    passed, failed = passed + bool(ok), failed + (not ok)
    return ok


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)


def help_options(binary):
    """Options in the usage, synopsis and option lines of --help (not in its prose, nor in
    examples of other programs)."""
    text = run([binary, "--help"]).stdout
    own = re.escape(os.path.basename(binary))
    lines = [l for l in text.splitlines() if re.match(r"\s*(usage:|-|\[|%s )" % own, l)]
    return set(OPTION.findall("\n".join(lines)))


def roff_text(line):
    line = re.sub(r"\\f[BIRP]", "", line).replace("\\-", "-").replace("\\&", "")
    return re.sub(r"\\\[u[0-9A-F]{4}\]|\\\(\w\w|\\e", " ", line)


def page_sections(path):
    sections, name = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r'\.SH "?([^"]*)"?$', line.strip())
        if m:
            name = m.group(1)
            sections[name] = []
        elif name:
            sections[name].append(line.rstrip("\n"))
    return sections


def page_options(path):
    """The options tagged (.TP) in the page's OPTIONS section."""
    lines = page_sections(path).get("OPTIONS", [])
    tags = [roff_text(lines[i + 1]) for i, l in enumerate(lines) if l == ".TP" and i + 1 < len(lines)]
    return set(OPTION.findall("\n".join(tags)))


def check_page(page, program):
    built = os.path.join(BUILD, "doc", "man", page)
    if not check(os.path.exists(built), "%s is built" % page):
        return
    fresh = run([sys.executable, os.path.join(TOP, "tools", "md2man.py"), os.path.join(TOP, "doc", "man", page + ".md"),
                 "--top", TOP, "--version", re.search(r'"leakwatch ([^"]+)"', open(built).readline()).group(1)])
    check(fresh.returncode == 0 and fresh.stdout == open(built, encoding="utf-8").read(),
          "%s is current with doc/man/%s.md and the README" % (page, page), fresh.stderr.strip())
    env = dict(os.environ, LC_ALL="C.UTF-8", MANROFFSEQ="", MANWIDTH="80")
    warn = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", built], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, universal_newlines=True).stderr
    warn = [w for w in warn.splitlines() if not re.search(r"can't break line|cannot adjust line", w)]
    check(not warn, "%s renders without warnings" % page, " | ".join(warn[:3]))
    whatis = [l for l in page_sections(built).get("NAME", []) if l and not l.startswith(".")]
    check(len(whatis) == 1 and re.match(r"[\w.-]+(\\-[\w.-]+)* \\- \S", whatis[0]), "%s has a whatis line" % page,
          whatis)
    if program:
        binary = os.path.join(BUILD, program)
        if not check(os.access(binary, os.X_OK), "%s is built" % program):
            return
        in_help, in_page = help_options(binary), page_options(built)
        check(in_help and in_help == in_page, "%s: --help and the page's OPTIONS list the same options" % program,
              "only in --help: %s; only in the page: %s" % (sorted(in_help - in_page), sorted(in_page - in_help)))


def printed_keys(text):
    """Leaf keys of `leakwatch -T`'s configuration: "a:\\n  b: 1" gives a.b."""
    keys, stack = set(), []
    for line in text.split("# loaded")[0].splitlines():
        m = re.match(r"( *)([a-z_]+):(.*)$", line)
        if not m:
            continue
        depth = len(m.group(1)) // 2
        stack[depth:] = [m.group(2)]
        if m.group(3).strip():
            keys.add(".".join(stack))
    return keys


def check_keys():
    binary = os.path.join(BUILD, "leakwatch")
    if not os.access(binary, os.X_OK):
        return check(False, "leakwatch is built")
    with tempfile.NamedTemporaryFile("w", suffix=".yaml") as conf:
        conf.write('signatures: {paths: ["%s/signatures"]}\nsensor: {name: s}\nmetrics: {listen: "127.0.0.1:9717"}\n'
                   'outputs:\n  json: {path: "-"}\n  redis: {url: "redis://127.0.0.1:6379"}\n  pcap: {dir: /tmp}\n' % TOP)
        conf.flush()
        out = run([binary, "-T", "-c", conf.name])
    if not check(out.returncode == 0, "leakwatch -T with every section", out.stderr.strip()):
        return
    code = printed_keys(out.stdout)
    readme = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
    table = set(re.findall(r"^\| `([a-z_]+\.[a-z_.]+)` \|", readme, re.M))
    check(code and code == table, "the README's key table and `leakwatch -T` name the same keys",
          "only printed: %s; only in the README: %s" % (sorted(code - table), sorted(table - code)))
    page = os.path.join(BUILD, "doc", "man", "leakwatch.yaml.5")
    text = roff_text(open(page, encoding="utf-8").read()) if os.path.exists(page) else ""
    missing = sorted(k for k in table if k not in text)
    check(text and not missing, "leakwatch.yaml(5) describes every key", missing)


def main():
    for page, program in PAGES.items():
        check_page(page, program)
    check_keys()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
