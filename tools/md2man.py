#!/usr/bin/python3
"""md2man.py — the man pages from their one source: doc/man/<page>.md, whose `@include FILE
"Heading"` lines pull that section of the README in verbatim, so a page says what the README
says. Turns the Markdown the project writes (headings, paragraphs, `-` and `1.` lists, code
spans and blocks, **bold**, *italic*, links, pipe tables, `term` + `:   text` definitions) into
man(7) roff on standard output. Tables become tagged paragraphs (first column the tag), which
read better on a terminal than wide tbl tables. Non-ASCII characters become \\[uXXXX].

usage: md2man.py PAGE.md [--version V] [--top DIR]     (DIR: where @include paths start)
"""
import argparse
import os
import re
import sys


def escape(text):
    """Roff-escape plain text (not yet formatted)."""
    text = text.replace("\\", "\\e")
    return "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in text)


def code(text):
    return escape(text).replace("-", "\\-").replace("'", "\\(aq").replace("`", "\\(ga")


INLINE = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])|\[([^\]]+)\]\(([^)]+)\)")


def inline(text):
    """Markdown inline markup to roff fonts; everything else escaped."""
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(escape(text[pos:m.start()]))
        if m.group(1) is not None:
            out.append("\\fB" + code(m.group(1)) + "\\fR")
        elif m.group(2) is not None:
            out.append("\\fB" + inline(m.group(2)) + "\\fR")
        elif m.group(3) is not None:
            out.append("\\fI" + inline(m.group(3)) + "\\fR")
        else:
            label, url = inline(m.group(4)), m.group(5)
            out.append(label if url.startswith("#") else "%s <%s>" % (label, escape(url)))
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def line_safe(roff):
    """A roff text line must not start with a control character."""
    return "\\&" + roff if roff[:1] in (".", "'") else roff


def section_of(path, heading):
    """The lines under `heading` (any level) up to the next heading of the same or a higher level."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"(#+) (.*)$", line)
        if m and m.group(2).strip() == heading:
            level, body = len(m.group(1)), []
            for rest in lines[i + 1:]:
                n = re.match(r"(#+) ", rest)
                if n and len(n.group(1)) <= level:
                    break
                body.append(rest)
            return level, body
    sys.exit("md2man: %s has no section '%s'" % (path, heading))


def expand(lines, top):
    """Replace @include lines by the README section, its headings shifted under ##."""
    out = []
    for line in lines:
        m = re.match(r'@include (\S+) "(.*)"$', line)
        if not m:
            out.append(line)
            continue
        level, body = section_of(os.path.join(top, m.group(1)), m.group(2))
        for b in body:
            h = re.match(r"(#+) (.*)$", b)
            out.append("#" * max(2, len(h.group(1)) - level + 2) + " " + h.group(2) if h else b)
    return out


class Page:
    def __init__(self):
        self.out = []

    def emit(self, *lines):
        self.out.extend(lines)

    def para(self, text, macro=".PP"):
        self.emit(macro, line_safe(inline(" ".join(t.strip() for t in text))))

    def code_block(self, lines):
        self.emit(".PP", ".RS 4", ".nf")
        self.emit(*(line_safe(code(l)) for l in lines))
        self.emit(".fi", ".RE")

    def table(self, rows):
        cells = [[c.replace("\\|", "|") for c in r] for r in self.split_rows(rows)]
        header, body = cells[0], cells[2:]
        for r in body:
            self.emit(".TP", line_safe(inline(r[0])))
            parts = ["%s: %s" % (header[i].capitalize(), r[i]) for i in range(1, len(r) - 1)] if len(r) > 2 else []
            text = "; ".join(parts) + (". " if parts else "") + r[-1]
            self.emit(line_safe(inline(text)))

    @staticmethod
    def split_rows(rows):
        """Cells split at | that are not escaped as \\|."""
        return [[c.strip() for c in re.split(r"(?<!\\)\|", r.strip().strip("|"))] for r in rows]


def convert(lines, title, section, version, manual):
    p = Page()
    p.emit('.TH %s %s "" "leakwatch %s" "%s"' % (title.upper(), section, version, manual))
    p.emit(".nh")  # paths, keys and options are never hyphenated
    i, in_name = 0, False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        h = re.match(r"(#+) (.*)$", line)
        if h:
            name = h.group(2).strip()
            in_name = len(h.group(1)) == 1 and name == "NAME"
            p.emit((".SH " if len(h.group(1)) == 1 else ".SS ") + '"%s"' % inline(name).replace('"', "\\(dq"))
            i += 1
            continue
        if line.lstrip().startswith("```"):
            indent, j = len(line) - len(line.lstrip()), i + 1
            while j < len(lines) and not lines[j].lstrip().startswith("```"):
                j += 1
            p.code_block([l[indent:] for l in lines[i + 1:j]])
            i = j + 1
            continue
        if line.startswith("    "):
            j = i
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                j += 1
            while not lines[j - 1].strip():
                j -= 1
            p.code_block([l[4:] for l in lines[i:j]])
            i = j
            continue
        if line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            p.table(lines[i:j])
            i = j
            continue
        item = re.match(r"(\s*)(- |\d+\. )(.*)$", line)
        if item:
            indent = len(item.group(1))
            text, j = [item.group(3)], i + 1
            while j < len(lines) and lines[j].strip() and not re.match(r"\s*(- |\d+\. |```)", lines[j]) \
                    and lines[j].startswith(" "):
                text.append(lines[j])
                j += 1
            bullet = "\\(bu" if item.group(2) == "- " else item.group(2).strip()
            if indent:
                p.emit(".RS 2")
            p.para(text, '.IP "%s" 4' % bullet)
            if indent:
                p.emit(".RE")
            i = j
            continue
        if i + 1 < len(lines) and lines[i + 1].startswith(":   "):
            p.emit(".TP", line_safe(inline(line.strip())))
            text, j = [lines[i + 1][4:]], i + 2
            while j < len(lines) and lines[j].startswith("    "):
                text.append(lines[j])
                j += 1
            p.emit(line_safe(inline(" ".join(t.strip() for t in text))))
            i = j
            continue
        text, j = [line], i + 1
        while j < len(lines) and lines[j].strip() and not re.match(r"(#+ |```|    |\||\s*- |\s*\d+\. )", lines[j]) \
                and not (j + 1 < len(lines) and lines[j + 1].startswith(":   ")):
            text.append(lines[j])
            j += 1
        if in_name:  # "name \- what it is": the whatis line
            name, _, what = " ".join(t.strip() for t in text).partition(" - ")
            p.emit(line_safe(code(name) + " \\- " + inline(what)))
        else:
            p.para(text)
        i = j
    return "\n".join(p.out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--version", default="dev")
    ap.add_argument("--top", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    a = ap.parse_args()
    lines = open(a.page, encoding="utf-8").read().split("\n")
    m = re.match(r"% (\S+)\((\w+)\) \| (.*)$", lines[0])
    if not m:
        sys.exit("md2man: %s: the first line must be '%% NAME(SECTION) | Manual title'" % a.page)
    sys.stdout.write(convert(expand(lines[1:], a.top), m.group(1), m.group(2), a.version, m.group(3)))


if __name__ == "__main__":
    main()
