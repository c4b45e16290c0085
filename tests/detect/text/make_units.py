#!/usr/bin/python3
"""Writes the labelled text-unit set: units.tsv, counts.tsv and the counts block of README.md.

The units come from the hand-written phrase banks in banks/*.txt (one file a language) and from
the machine-data generators below. Every unit belongs to a *group* (one source sentence or one
template with all its variants); the group key alone decides the split, so variants never
straddle dev and heldout. Nothing here reads a clock, the environment or a random source that
is not seeded from a group key: two runs give byte-identical files.

    make_units.py            regenerate units.tsv, counts.tsv and the README counts block
    make_units.py --check    regenerate in memory; exit 1 when a committed file differs from
                             what would be written, or when a minimum of the set is not met

Standard library only (/usr/bin/python3).
"""
import hashlib
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
BANKS = HERE / "banks"
UNITS = HERE / "units.tsv"
COUNTS = HERE / "counts.tsv"
README = HERE / "README.md"
README_BEGIN = "<!-- BEGIN counts: written by make_units.py, do not edit -->"
README_END = "<!-- END counts -->"

# The label is a function of the family: a family is either human messages or not.
MESSAGE_FAMILIES = (
    "chat-short", "chat", "chat-mixed", "chat-translit", "chat-emoji", "sms", "mail",
    "mail-subject", "auto-reply", "contact-form", "post", "comment", "review", "support-chat",
    "voice-note", "push-preview",
)
OTHER_FAMILIES = (
    "encyclopedia", "news", "product", "docs", "legal", "mail-boilerplate", "marketing",
    "ui-string", "notification-template", "bot-canned", "api-error", "log", "analytics-event",
    "code", "config", "machine", "metadata", "form-value", "note", "commit-message", "quote",
    "song-lyric", "subtitle", "literature", "recipe",
)
LABEL = {f: "message" for f in MESSAGE_FAMILIES}
LABEL.update({f: "other" for f in OTHER_FAMILIES})

REQUIRED_LANGS = ("en de fr es pt it nl sv pl ru uk el tr ar fa he hi bn th zh ja ko vi "
                  "id sw").split()
MIN_UNITS = 6000
MIN_LANGS = 24
MIN_UNITS_PER_REQUIRED_LANG = 150
DEV_SHARE = 0.60
STRATUM_MIN_GROUPS = 4   # a (family, language) with this many groups must reach both splits:
                         # when the hash puts them all on one side, write more lines (never
                         # move a group, so that no unit ever changes side)

# Families whose lines are short human writing that people also type sloppily.
SLOPPY_FAMILIES = {"chat-short", "chat", "chat-mixed", "chat-translit", "chat-emoji", "sms",
                   "comment", "post", "push-preview", "support-chat", "review"}
TEMPLATE_FAMILIES = {"notification-template", "log"}
CASELESS_LANGS = {"ar", "fa", "he", "hi", "bn", "th", "zh", "ja", "ko", "-"}
NO_TYPO_LANGS = {"zh", "ja", "ko", "th", "hi", "bn", "-"}
EMOJI = ("😂", "🤣", "❤️", "😍", "🙏", "👍", "😭", "🥺", "😅", "🔥", "✨", "😘", "🙈", "💪",
         "😊", "🤔", "👀", "💯", "😬", "🤦", "🙃", "🥲", "😁", "😩")


class BankError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Small deterministic helpers

def digest(key):
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def rng_for(key):
    return random.Random(int(digest(key)[:16], 16))


def split_of(group):
    """dev when the first 32 bits of the group key's SHA-256, as a fraction, are below 0.6."""
    return "dev" if int(digest(group)[:8], 16) / 2**32 < DEV_SHARE else "heldout"


def unescape(s):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1),
                                                                          "\\" + m.group(1)), s)


def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# ---------------------------------------------------------------------------------------------
# Variants of human writing: how people really type the same line

def upper_lang(text, lang):
    if lang in ("tr", "az"):
        text = text.replace("i", "İ").replace("ı", "I")
    if lang == "el":  # Greek capitals drop the accents
        text = unicodedata.normalize("NFC", "".join(
            c for c in unicodedata.normalize("NFD", text) if c not in "\u0301\u0342"))
    return text.upper()


def lower_lang(text, lang):
    if lang in ("tr", "az"):
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def strip_punct(text):
    kept = "".join("" if c in "'’" else c if not unicodedata.category(c).startswith("P")
                   or c in "@#" else " " for c in text)
    return re.sub(r"[ ]{2,}", " ", kept).strip()


def variant_lower(text, lang, rng):
    out = lower_lang(text, lang)
    return re.sub(r"[.!?。]+$", "", out)


def variant_typo(text, lang, rng):
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha() and unicodedata.category(c) != "Mn"]
    if len(letters) < 4:
        return text
    for _ in range(1 if len(letters) < 30 else 2):
        i = rng.choice(letters[:-1])
        op = rng.randrange(3)
        if op == 0 and i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == 1:
            chars[i] = ""
        else:
            chars[i] = chars[i] * 2
    return "".join(chars)


def variant_emoji(text, lang, rng):
    picks = "".join(rng.choice(EMOJI) for _ in range(rng.randint(1, 3)))
    return re.sub(r"[.。]$", "", text) + ("" if lang in ("zh", "ja") else " ") + picks


def variant_elongate(text, lang, rng):
    m = list(re.finditer(r"([aeiouyаеиоуяэыюεαοιυ])(?=\w?\W*$)", text, flags=re.I))
    if m:
        i = m[-1].start()
        return text[:i] + text[i] * rng.randint(3, 5) + text[i + 1:]
    return text + "!!!"


def variant_caps(text, lang, rng):
    return upper_lang(text, lang)


def variant_nopunct(text, lang, rng):
    return strip_punct(text)


CHATTY_FAMILIES = {"chat-short", "chat", "chat-mixed", "chat-translit", "chat-emoji", "comment"}


def sloppy_variants(text, lang, family, rng):
    kinds = ["nopunct", "emoji"] if family in CHATTY_FAMILIES else ["nopunct"]
    if lang not in CASELESS_LANGS:
        kinds.append("lower")
        if family in CHATTY_FAMILIES:
            kinds.append("elongate")
        if len(text) <= 100 and family not in ("push-preview", "support-chat"):
            kinds.append("caps")
    if lang not in NO_TYPO_LANGS:
        kinds.append("typo")
    if "\n" in text or len(text) > 400:
        kinds = [k for k in kinds if k in ("lower", "typo")]
    n = rng.choices((0, 1, 2), weights=(35, 45, 20))[0]
    out = []
    for kind in rng.sample(kinds, k=min(n, len(kinds))):
        out.append((kind, VARIANTS[kind](text, lang, rng)))
    return out


VARIANTS = {"lower": variant_lower, "typo": variant_typo, "emoji": variant_emoji,
            "elongate": variant_elongate, "caps": variant_caps, "nopunct": variant_nopunct}


# ---------------------------------------------------------------------------------------------
# Templates: notifications and log lines a program fills in

PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
RAW_SYNTAX = {
    "notification-template": ("{%s}", "{{%s}}", "%%{%s}", "${%s}", "%s", ":%s"),
    "log": ("%s", "{}", "{%s}"),
}


def money(rng, dec, thousands, currency):
    """An amount as the language's apps print it: "$240.18", "198,64 €", "550,000 円"."""
    if dec == "-":
        number = "{:,}".format(rng.randint(3, 900) * 1000).replace(",", thousands)
    else:
        number = "%d%s%02d" % (rng.randint(3, 900), dec, rng.randint(0, 99))
    symbol, _, where = currency.partition(" ")
    return symbol + number if where == "before" else number + " " + symbol


def fake_value(name, meta, rng):
    names = meta.get("names") or ["Alex", "Sam", "Kim"]
    dec = meta.get("decimal", ".")
    cur = meta.get("currency", "€")
    y, mo, d = rng.choice((2024, 2025)), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    values = {
        "name": lambda: rng.choice(names),
        "n": lambda: str(rng.randint(2, 48)),
        "count": lambda: str(rng.randint(2, 3000)),
        "id": lambda: str(rng.randint(10000, 99999999)),
        "order": lambda: str(rng.randint(100000, 9999999)),
        "code": lambda: "%06d" % rng.randint(0, 999999),
        "time": lambda: "%02d:%02d" % (hh, mm),
        "date": lambda: meta.get("datefmt", "%Y-%m-%d").replace("%Y", str(y)).replace(
            "%m", "%02d" % mo).replace("%d", "%02d" % d),
        "ts": lambda: "%d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (y, mo, d, hh, mm, ss,
                                                             rng.randint(0, 999)),
        "amount": lambda: money(rng, dec, meta.get("thousands", ","), cur),
        "pct": lambda: str(rng.randint(1, 99)),
        "ms": lambda: str(rng.choice((rng.randint(1, 80), rng.randint(80, 30000)))),
        "ip": lambda: "%d.%d.%d.%d" % (rng.choice((10, 172, 192, 203, 81, 34)),
                                       rng.randint(0, 255), rng.randint(0, 255),
                                       rng.randint(1, 254)),
        "port": lambda: str(rng.choice((443, 80, 5432, 6379, 8080, rng.randint(1024, 65535)))),
        "user": lambda: rng.choice(("jdoe", "svc-backup", "m.keller", "admin", "ops_bot",
                                    "t.nguyen", "root", "www-data", "ana.s", "deploy")),
        "host": lambda: rng.choice(("db-02", "web-7.eu-west", "cache01", "mx1.example.net",
                                    "k8s-node-3", "api.internal", "nas", "gw-fra-1")),
        "path": lambda: rng.choice(("/api/v2/users", "/var/lib/app/data.db", "/healthz",
                                    "/login", "/static/app.3f9a1c.js", "/etc/app/app.yaml",
                                    "/v1/orders/search", "/upload", "/metrics")),
        "file": lambda: rng.choice(("report.pdf", "IMG_4471.jpg", "backup.tar.gz", "notes.docx",
                                    "invoice_0425.pdf", "data.csv")),
        "level": lambda: rng.choice(("INFO", "WARN", "ERROR", "DEBUG", "info", "warning",
                                     "E", "I", "W")),
        "size": lambda: "%d%s%d MB" % (rng.randint(1, 900), dec, rng.randint(0, 9)),
        "version": lambda: "%d.%d.%d" % (rng.randint(0, 9), rng.randint(0, 30), rng.randint(0, 99)),
    }
    if name not in values:
        raise BankError("unknown placeholder {%s}" % name)
    return values[name]()


def template_variants(text, lang, family, meta, rng):
    syntax = rng.choice(RAW_SYNTAX[family])
    raw = PLACEHOLDER.sub(lambda m: syntax % m.group(1) if "%s" in syntax and syntax != "%s"
                          else syntax, text)
    filled = []
    for _ in range(2 if family == "notification-template" else 3):
        filled.append(PLACEHOLDER.sub(lambda m: fake_value(m.group(1), meta, rng), text))
    out = [("filled", filled[0])] + [("filled%d" % (i + 2), t) for i, t in enumerate(filled[1:])]
    if PLACEHOLDER.search(text) and rng.random() < 0.7:
        out.append(("raw", raw))
    return out


def ui_variants(text, lang, rng):
    out = []
    if lang not in CASELESS_LANGS and len(text) <= 24 and rng.random() < 0.25:
        out.append(("caps", upper_lang(text, lang)))
    if re.match(r"[A-Za-z]", text) and len(text) <= 30 and rng.random() < 0.15:
        out.append(("mnemonic", "&" + text))
    return out


def api_error_variants(text, lang, rng):
    if rng.random() < 0.4:
        code = rng.choice(("E%d" % rng.randint(1000, 9999), "ERR_%d" % rng.randint(10, 99),
                           str(rng.choice((400, 401, 403, 404, 409, 422, 429, 500, 503)))))
        return [("coded", "%s: %s" % (code, text))]
    return []


def variants_for(family, text, lang, meta, rng):
    """All units a bank line gives: the line itself (or its filled forms) and its variants."""
    if family in TEMPLATE_FAMILIES:
        return template_variants(text, lang, family, meta, rng)
    if PLACEHOLDER.search(text) and family not in ("code", "config", "machine"):
        raise BankError("placeholder outside a template family: %r" % text)
    out = [("orig", text)]
    if family in SLOPPY_FAMILIES:
        out += sloppy_variants(text, lang, family, rng)
    elif family == "ui-string":
        out += ui_variants(text, lang, rng)
    elif family == "api-error":
        out += api_error_variants(text, lang, rng)
    return out


# ---------------------------------------------------------------------------------------------
# Phrase banks

SECTION = re.compile(r"== ([a-z-]+)(?: lang=(\S+))? ==")


def parse_bank(path):
    """Returns (meta, [(family, lang, [(line_no, text)])]) for one bank file."""
    meta, sections, current = {}, [], None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.startswith("#|"):
            continue
        where = "%s:%d" % (path.name, n)
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            meta[key] = val
            continue
        m = SECTION.fullmatch(line)
        if m:
            family = m.group(1)
            if family != "names" and family not in LABEL:
                raise BankError("%s: unknown family %s" % (where, family))
            current = (family, m.group(2) or meta.get("lang"), [])
            sections.append(current)
            continue
        if current is None or not current[1]:
            raise BankError("%s: text before a section or without @lang" % where)
        current[2].append((where, unescape(line)))
    for family, _, lines in sections:
        if family == "names":
            meta["names"] = [t for _, t in lines]
    return meta, [s for s in sections if s[0] != "names"]


def bank_units(path):
    meta, sections = parse_bank(path)
    for family, lang, lines in sections:
        for where, text in lines:
            group = "%s|%s|%s" % (lang, family, text)
            rng = rng_for(group)
            for variant, unit in variants_for(family, text, lang, meta, rng):
                yield dict(group=group, family=family, lang=lang, variant=variant, text=unit,
                           where=where)


# ---------------------------------------------------------------------------------------------
# Machine data: written by programs, no human language (lang "-")

def _hex(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _b64(rng, nbytes, alphabet="+/"):
    import base64
    raw = bytes(rng.randrange(256) for _ in range(nbytes))
    out = base64.b64encode(raw).decode()
    return out.replace("+", alphabet[0]).replace("/", alphabet[1])


def _b64json(rng, obj):
    import base64
    return base64.urlsafe_b64encode(obj.encode()).decode().rstrip("=")


def _uuid(rng):
    h = _hex(rng, 32)
    h = h[:12] + "4" + h[13:16] + rng.choice("89ab") + h[17:]
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def _ts(rng):
    return (rng.randint(2023, 2026), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
            rng.randint(0, 59), rng.randint(0, 59))


def _word(rng):
    return rng.choice(("user", "item", "order", "sess", "img", "node", "tmp", "cfg", "dev", "acct",
                       "msg", "evt", "doc", "blob", "cart", "sku", "geo", "tile", "v2", "api"))


def _alnum(rng, n, alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"):
    return "".join(rng.choice(alphabet) for _ in range(n))


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def machine_templates():
    """name -> function(rng) giving one unit. Each name is a group (one template)."""
    t = {}
    t["md5"] = lambda r: _hex(r, 32)
    t["sha1"] = lambda r: _hex(r, 40)
    t["sha256"] = lambda r: _hex(r, 64)
    t["sha256-upper"] = lambda r: _hex(r, 64).upper()
    t["hexdump-bytes"] = lambda r: " ".join(_hex(r, 2) for _ in range(r.randint(8, 24)))
    t["hexdump-line"] = lambda r: "%08x  %s  |%s|" % (
        r.randrange(0, 1 << 20) * 16, " ".join(_hex(r, 2) for _ in range(16)),
        "".join(r.choice("....abcdefgh0123ABC{}\":") for _ in range(16)))
    t["hex-0x"] = lambda r: ", ".join("0x" + _hex(r, 2) for _ in range(r.randint(6, 16)))
    t["escaped-bytes"] = lambda r: "".join("\\x" + _hex(r, 2) for _ in range(r.randint(6, 20)))
    t["base64"] = lambda r: _b64(r, r.randint(12, 90))
    t["base64url"] = lambda r: _b64(r, r.randint(16, 48), "-_").rstrip("=")
    t["base64-json"] = lambda r: _b64json(r, '{"uid":%d,"exp":%d,"scope":"read write"}' % (
        r.randint(1, 99999), r.randint(1700000000, 1900000000)))
    t["jwt"] = lambda r: "%s.%s.%s" % (
        _b64json(r, '{"alg":"HS256","typ":"JWT"}'),
        _b64json(r, '{"sub":"%d","iat":%d}' % (r.randint(1, 10**6), r.randint(1700000000, 1800000000))),
        _b64(r, 32, "-_").rstrip("="))
    t["uuid"] = _uuid
    t["uuid-upper"] = lambda r: _uuid(r).upper()
    t["uuid-braces"] = lambda r: "{%s}" % _uuid(r).upper()
    t["ulid"] = lambda r: _alnum(r, 26, "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    t["object-id"] = lambda r: _hex(r, 24)
    t["token-alnum"] = lambda r: _alnum(r, r.choice((20, 32, 40)))
    t["prefixed-id"] = lambda r: "%s_%s" % (_word(r), _alnum(r, r.randint(10, 24)))
    t["url"] = lambda r: "https://%s.%s/%s/%s?%s=%s&page=%d" % (
        r.choice(("cdn", "api", "www", "static", "img", "m")),
        r.choice(("example.com", "example.org", "shop.example", "news.example.net")),
        _word(r), _alnum(r, 8, "abcdef0123456789"), _word(r), _alnum(r, 6), r.randint(1, 40))
    t["url-path"] = lambda r: "/%s/v%d/%s/%d/%s" % (_word(r), r.randint(1, 3), _word(r),
                                                    r.randint(1, 10**7), _word(r))
    t["query-string"] = lambda r: "&".join("%s=%s" % (_word(r), _alnum(r, r.randint(1, 12)))
                                           for _ in range(r.randint(2, 6)))
    t["url-encoded"] = lambda r: "q%3D" + "%2C".join(_alnum(r, 4) for _ in range(3)) + \
        "%26ts%3D" + str(r.randint(1700000000, 1800000000))
    t["http-request-line"] = lambda r: "%s /%s/%s?since=%d HTTP/1.1" % (
        r.choice(("GET", "POST", "PUT", "DELETE")), r.choice(("api/v2", "v1", "graphql", "rpc")),
        r.choice(("messages", "chats", "threads", "users", "sync", "inbox")),
        r.randint(1700000000, 1800000000))
    t["path-unix"] = lambda r: "/%s/%s/%s.%s" % (
        r.choice(("var/lib", "usr/share", "home/user/.cache", "tmp", "opt/app", "srv/data")),
        _word(r), _alnum(r, 8, "abcdef0123456789"), r.choice(("db", "json", "so.1", "log", "bin")))
    t["path-windows"] = lambda r: "C:\\%s\\%s\\%s.%s" % (
        r.choice(("Users\\Public", "Program Files\\App", "Windows\\Temp", "ProgramData")),
        _word(r), _alnum(r, 6), r.choice(("dll", "tmp", "exe", "dat")))
    t["iso-timestamp"] = lambda r: "%d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (_ts(r) + (r.randint(0, 999),))
    t["rfc2822-date"] = lambda r: "%s, %02d %s %d %02d:%02d:%02d +0000" % (
        r.choice(DAYS), r.randint(1, 28), r.choice(MONTHS), r.randint(2023, 2026),
        r.randint(0, 23), r.randint(0, 59), r.randint(0, 59))
    t["epoch"] = lambda r: str(r.randint(1600000000000, 1800000000000))
    t["version"] = lambda r: "%s%d.%d.%d%s" % (r.choice(("", "v")), r.randint(0, 12),
                                               r.randint(0, 40), r.randint(0, 200),
                                               r.choice(("", "-rc.1", "-beta.3", "+build.%d" % r.randint(1, 999))))
    t["json-fragment"] = lambda r: '{"id":%d,"ts":%d,"lat":%.4f,"lon":%.4f,"ok":%s}' % (
        r.randint(1, 10**6), r.randint(1700000000, 1800000000), r.uniform(-60, 60),
        r.uniform(-170, 170), r.choice(("true", "false")))
    t["json-ids"] = lambda r: '{"user_id":"%s","device":"%s","seq":%d}' % (
        _uuid(r), _hex(r, 16), r.randint(1, 9999))
    t["json-array"] = lambda r: "[" + ",".join(str(r.randint(-999, 9999)) for _ in range(r.randint(4, 14))) + "]"
    t["csv-row"] = lambda r: ",".join((str(r.randint(1, 99999)), "%d-%02d-%02d" % _ts(r)[:3],
                                       "%.2f" % r.uniform(0, 999), _alnum(r, 5).upper(),
                                       str(r.randint(0, 1))))
    t["tsv-row"] = lambda r: "\t".join((_hex(r, 8), str(r.randint(0, 65535)), "%.3f" % r.random(),
                                        r.choice(("TCP", "UDP")), str(r.randint(0, 1500))))
    t["ipv4"] = lambda r: "%d.%d.%d.%d" % tuple(r.randint(1, 254) for _ in range(4))
    t["ipv4-port"] = lambda r: "%d.%d.%d.%d:%d" % (tuple(r.randint(1, 254) for _ in range(4)) +
                                                   (r.randint(1024, 65535),))
    t["ipv6"] = lambda r: "2001:db8:%s::%s" % (":".join(_hex(r, 4) for _ in range(2)), _hex(r, 4))
    t["mac"] = lambda r: ":".join(_hex(r, 2) for _ in range(6))
    t["user-agent"] = lambda r: "Mozilla/5.0 (%s) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36" % (
        r.choice(("X11; Linux x86_64", "Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 10_15_7",
                  "Linux; Android 14; Pixel 7")), r.randint(110, 130), r.randint(1000, 6999), r.randint(10, 199))
    t["http-header"] = lambda r: r.choice((
        "Content-Type: application/json; charset=utf-8", "Accept-Encoding: gzip, deflate, br",
        "Cache-Control: no-cache, max-age=0", "Connection: keep-alive",
        "Content-Length: %d" % r.randint(0, 99999), "X-Request-Id: %s" % _uuid(r),
        "Authorization: Bearer %s" % _alnum(r, 32), "If-None-Match: W/\"%s\"" % _hex(r, 16),
        "Set-Cookie: sid=%s; Path=/; HttpOnly; SameSite=Lax" % _alnum(r, 24)))
    t["cookie"] = lambda r: "; ".join("%s=%s" % (_word(r) + "_" + _alnum(r, 2), _alnum(r, r.randint(4, 20)))
                                      for _ in range(r.randint(2, 5)))
    t["mime-boundary"] = lambda r: "------=_Part_%d_%d.%d" % (r.randint(1, 99999), r.randint(10**8, 10**9),
                                                              r.randint(10**12, 10**13))
    t["message-id"] = lambda r: "<%s.%d@%s>" % (_alnum(r, 16), r.randint(10**9, 10**10),
                                               r.choice(("mail.example.com", "mx.example.org", "localhost")))
    t["hostname"] = lambda r: "%s-%d.%s.%s.example.net" % (_word(r), r.randint(1, 99),
                                                          r.choice(("eu-west-1", "us-east-2", "ap-south-1")),
                                                          r.choice(("compute", "svc", "edge")))
    t["coordinates"] = lambda r: "%.6f,%.6f" % (r.uniform(-80, 80), r.uniform(-179, 179))
    t["numbers"] = lambda r: " ".join(str(r.randint(0, 4095)) for _ in range(r.randint(5, 15)))
    t["float-series"] = lambda r: ";".join("%.3f" % r.uniform(-5, 50) for _ in range(r.randint(4, 10)))
    t["base32-secret"] = lambda r: _alnum(r, 32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    t["percent-encoded-utf8"] = lambda r: "".join("%%%02X" % b for b in
                                                  r.choice(("Zürich", "東京", "Москва", "São Paulo", "القاهرة")).encode())
    t["color-values"] = lambda r: " ".join("#" + _hex(r, 6) for _ in range(r.randint(2, 6)))
    t["semver-range"] = lambda r: "%s%d.%d.%d" % (r.choice(("^", "~", ">=", "<")), r.randint(0, 9),
                                                 r.randint(0, 30), r.randint(0, 20))
    t["date-plain"] = lambda r: "%02d/%02d/%d %02d:%02d" % (r.randint(1, 28), r.randint(1, 12),
                                                            r.randint(2020, 2026), r.randint(0, 23), r.randint(0, 59))
    t["dns-answer"] = lambda r: "%s.example.com. %d IN A %d.%d.%d.%d" % (
        _word(r), r.choice((60, 300, 3600)), r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    t["sql-values"] = lambda r: "(%d,'%s',%d,'%d-%02d-%02d %02d:%02d:%02d')" % (
        (r.randint(1, 10**6), _hex(r, 12), r.randint(0, 3)) + _ts(r))
    t["protobuf-text"] = lambda r: "".join(r.choice(("\\b", "\\x12", "\\x1a", "\\n", "\\x08", "\\x10")) +
                                           _alnum(r, r.randint(0, 3)) for _ in range(r.randint(5, 12)))
    t["key-value-metrics"] = lambda r: " ".join("%s=%d" % (k, r.randint(0, 5000)) for k in
                                                r.sample(("rx", "tx", "rtt", "cwnd", "loss", "jit", "seq", "ack"), 4))
    t["emoji-shortcodes"] = lambda r: " ".join(":%s:" % r.choice(("smile", "thumbsup", "fire", "tada", "heart",
                                                                  "eyes", "wave")) for _ in range(r.randint(1, 4)))
    return t


def machine_units():
    for name, make in machine_templates().items():
        group = "-|machine|" + name
        rng = rng_for(group)
        seen = set()
        for i in range(40):
            text = make(rng)
            if text in seen:
                continue
            seen.add(text)
            yield dict(group=group, family="machine", lang="-", variant="%s%d" % (name, len(seen)),
                       text=text, where="make_units.py:" + name)
            if len(seen) == 8:
                break


# ---------------------------------------------------------------------------------------------
# The set, its split and its counts

def build():
    units, seen = [], {}
    sources = list(machine_units())
    for path in sorted(BANKS.glob("*.txt")):
        sources += list(bank_units(path))
    for u in sources:
        if u["text"] in seen:
            first = seen[u["text"]]
            if (u["variant"] == "orig" and first["variant"] == "orig" and
                    first["group"] != u["group"] and first["lang"] == u["lang"]):
                raise BankError("%s: duplicate of %s: %r" % (u["where"], first["where"], u["text"]))
            continue   # a variant, or a word two languages share, adds nothing the second time
        if not u["text"].strip():
            raise BankError("%s: empty unit" % u["where"])
        seen[u["text"]] = u
        u["label"] = LABEL[u["family"]]
        u["split"] = split_of(u["group"])
        u["id"] = "%s.%s.%s.%s" % (u["lang"] if u["lang"] != "-" else "xx", u["family"],
                                   digest(u["group"])[:8], u["variant"])
        units.append(u)
    units.sort(key=lambda u: (u["lang"], u["family"], u["where"].split(":")[0],
                              int(u["where"].split(":")[1]) if u["where"].split(":")[1].isdigit() else 0,
                              u["id"]))
    ids = set()
    for u in units:
        if u["id"] in ids:
            raise BankError("%s: duplicate id %s" % (u["where"], u["id"]))
        ids.add(u["id"])
    return units


def units_tsv(units):
    lines = ["id\tlabel\tfamily\tlang\tsplit\ttext"]
    lines += ["\t".join((u["id"], u["label"], u["family"], u["lang"], u["split"],
                        tsv_escape(u["text"]))) for u in units]
    return "\n".join(lines) + "\n"


def tally(units, key):
    table = {}
    for u in units:
        row = table.setdefault(key(u), {"units": 0, "message": 0, "other": 0, "dev": 0,
                                        "heldout": 0, "groups": set()})
        row["units"] += 1
        row[u["label"]] += 1
        row[u["split"]] += 1
        row["groups"].add(u["group"])
    return table


def counts_tsv(units):
    table = tally(units, lambda u: (u["family"], u["lang"]))
    lines = ["family\tlang\tlabel\tdev\theldout\tunits\tsources"]
    for (family, lang), row in sorted(table.items()):
        lines.append("\t".join((family, lang, LABEL[family], str(row["dev"]), str(row["heldout"]),
                                str(row["units"]), str(len(row["groups"])))))
    return "\n".join(lines) + "\n"


def markdown_table(title, table, first):
    out = ["| %s | units | message | other | dev | heldout | sources |" % first,
           "|---|---:|---:|---:|---:|---:|---:|"]
    total = {"units": 0, "message": 0, "other": 0, "dev": 0, "heldout": 0, "groups": 0}
    for key, row in sorted(table.items()):
        out.append("| %s | %d | %d | %d | %d | %d | %d |" % (
            key, row["units"], row["message"], row["other"], row["dev"], row["heldout"],
            len(row["groups"])))
        for k in total:
            total[k] += len(row["groups"]) if k == "groups" else row[k]
    out.append("| **all** | %d | %d | %d | %d | %d | %d |" % (
        total["units"], total["message"], total["other"], total["dev"], total["heldout"],
        total["groups"]))
    return ["**%s**" % title, ""] + out + [""]


def readme_block(units):
    by_lang = tally(units, lambda u: u["lang"])
    by_family = tally(units, lambda u: u["family"])
    by_variant = tally(units, lambda u: re.sub(r"\d+$", "", u["variant"])
                       if u["family"] != "machine" else "machine")
    lines = [README_BEGIN, ""]
    lines += markdown_table("Per language", by_lang, "lang (`-`: none)")
    lines += markdown_table("Per family", by_family, "family")
    lines += markdown_table("Per variant (the last part of the id)", by_variant, "variant")
    lines.append(README_END)
    return "\n".join(lines)


def readme_text(units):
    old = README.read_text(encoding="utf-8") if README.exists() else ""
    if README_BEGIN not in old or README_END not in old:
        raise BankError("README.md lacks the counts markers")
    head, rest = old.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    return head + readme_block(units) + tail


def minimums(units):
    """Every way the set can fall short of what it promises; empty when it does not."""
    problems = []
    if len(units) < MIN_UNITS:
        problems.append("%d units < %d" % (len(units), MIN_UNITS))
    by_lang = tally(units, lambda u: u["lang"])
    langs = [l for l in by_lang if l != "-"]
    if len(langs) < MIN_LANGS:
        problems.append("%d languages < %d" % (len(langs), MIN_LANGS))
    for lang in REQUIRED_LANGS:
        row = by_lang.get(lang)
        if not row or row["units"] < MIN_UNITS_PER_REQUIRED_LANG or not row["message"] or not row["other"]:
            problems.append("language %s: %s" % (lang, "missing" if not row else
                                                 "%d units, %d message, %d other" % (
                                                     row["units"], row["message"], row["other"])))
    families = {u["family"] for u in units}
    for family in ("chat-short", "chat", "chat-mixed", "chat-translit", "chat-emoji", "sms",
                   "mail", "post", "comment", "support-chat", "encyclopedia", "news", "product",
                   "docs", "legal", "ui-string", "notification-template", "api-error", "log",
                   "analytics-event", "code", "config", "machine", "metadata", "form-value"):
        if family not in families:
            problems.append("family %s missing" % family)
    variants = {re.sub(r"\d+$", "", u["variant"]) for u in units}
    for v in ("typo", "caps", "lower", "nopunct", "emoji"):
        if v not in variants:
            problems.append("variant %s missing" % v)
    dev = sum(u["split"] == "dev" for u in units) / max(1, len(units))
    if not 0.55 <= dev <= 0.65:
        problems.append("dev share %.3f outside 0.55-0.65" % dev)
    for (family, lang), row in tally(units, lambda u: (u["family"], u["lang"])).items():
        if len(row["groups"]) >= STRATUM_MIN_GROUPS and not (row["dev"] and row["heldout"]):
            problems.append("%s/%s in one split only" % (family, lang))
    for lang in REQUIRED_LANGS:
        if ("chat-short", lang) not in {(u["family"], u["lang"]) for u in units}:
            problems.append("chat-short missing for %s" % lang)
    words = [u for u in units if u["label"] == "message" and len(u["text"].split()) == 1]
    long_mail = [u for u in units if u["family"] == "mail" and u["text"].count("\n\n") >= 2]
    if not words or not long_mail:
        problems.append("messages do not span one word to multi-paragraph mail")
    return problems


def main(argv):
    check = "--check" in argv[1:]
    try:
        units = build()
        outputs = {UNITS: units_tsv(units), COUNTS: counts_tsv(units), README: readme_text(units)}
    except BankError as e:
        print("make_units.py: %s" % e, file=sys.stderr)
        return 1
    problems = minimums(units)
    for p in problems:
        print("make_units.py: minimum not met: %s" % p, file=sys.stderr)
    if check:
        for path, text in outputs.items():
            committed = path.read_text(encoding="utf-8") if path.exists() else None
            if committed != text:
                problems.append("%s differs from what make_units.py writes" % path.name)
                print("make_units.py: %s differs from what make_units.py writes "
                      "(run tests/detect/text/make_units.py and commit)" % path.name, file=sys.stderr)
    else:
        for path, text in outputs.items():
            path.write_text(text, encoding="utf-8")
    dev = sum(u["split"] == "dev" for u in units)
    print("make_units.py: %d units, %d languages, %d groups, dev %d / heldout %d%s" % (
        len(units), len({u["lang"] for u in units} - {"-"}), len({u["group"] for u in units}),
        dev, len(units) - dev, "" if not problems else ", %d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
