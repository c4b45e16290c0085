/* features.c — the message model's features of one candidate unit (see features.h).
 *
 * Words that carry meaning across protocols — a key or verb that says "message", "chat",
 * "comment"; a key that says "title" or "error"; a key or a path segment that names a party
 * ("to", "room", "recipient") — are vocabularies that define what a feature means, so they
 * live here beside the code that reads them; how much each feature counts is the model's
 * (fitted weights in the model file), not this file's.
 *
 * Owns nothing: reads the doc, the per-unit facts and the flow context. */
#include "features.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#define FEATURE_NAME(e, name, label) name,
#define FEATURE_LABEL(e, name, label) label,
const char *const feature_names[FEATURE_COUNT] = {MESSAGE_FEATURES(FEATURE_NAME)};
const char *const feature_labels[FEATURE_COUNT] = {MESSAGE_FEATURES(FEATURE_LABEL)};
#undef FEATURE_NAME
#undef FEATURE_LABEL

#define FEATURE_SHORT_VALUE 32 /* sibling values longer than this are not words naming a type */

/* ---- vocabularies ----------------------------------------------------------------------------- */

/* Key, verb or path words that say "this is a message" (matched inside a key's stem). */
static const char *const message_words[] = {"text", "body", "message", "msg", "content", "comment", "caption",
                                            "reply", "chat", "sms", "tweet", "memo", "note", "say", "said", "post",
                                            "utterance", "prompt", "send", "whisper", "tell", "dm"};
/* Keys of descriptions, names and searches (matched inside the stem). */
static const char *const metadata_words[] = {"title", "description", "desc", "summary", "label", "tooltip",
                                             "placeholder", "hint", "query", "search", "name", "subject", "heading",
                                             "headline", "category", "tag", "keyword", "slug", "event", "action", "state"};
static const char *const error_words[] = {"error", "err", "exception", "fault", "reason", "detail", "warning",
                                          "stack", "trace"};
/* Stems (whole) of keys that name a person or a place of a conversation. */
static const char *const party_stems[] = {"to", "from", "cc", "bcc", "rcpt", "replyto", "sender", "recipient",
                                          "receiver", "author", "peer", "participant", "member", "nick", "room",
                                          "thread", "conversation", "chat", "channel", "group", "user", "username",
                                          "phone", "msisdn", "destination", "dest", "destaddr", "sourceaddr",
                                          "target", "contact", "buddy", "jid", "handle", "mention", "dm", "role"};
/* Stems of keys whose id-shaped values identify machines and requests, not people. */
static const char *const machine_id_stems[] = {"request", "trace", "correlation", "span", "transaction", "txn",
                                               "nonce", "etag", "checksum", "hash", "build", "version", "session",
                                               "device", "client", "app", "install", "tracking", "order", "product"};
static const char *const log_levels[] = {"trace", "debug", "info", "notice", "warn", "warning", "error",
                                         "fatal", "critical", "crit", "emerg", "verbose"};
/* Stems of keys that log records have (GELF, logstash/ECS, Datadog, Splunk HEC, OpenTelemetry). */
static const char *const log_stems[] = {"logger", "loglogger", "ddsource", "sourcetype", "facility", "shortmessage",
                                        "fullmessage", "severity", "loglevel", "severitytext", "severitynumber",
                                        "syslogseverity", "@timestamp", "@version"};
/* Stems of keys that a content-management system gives a page or an article (WordPress, Ghost,
 * Strapi, Drupal, Contentful): what is published to readers, not written to someone. */
static const char *const publishing_stems[] = {"template", "slug", "permalink", "layout", "excerpt", "menuorder",
                                               "publishedat", "publishat", "publishdate", "seotitle",
                                               "metadescription", "canonical", "revision", "pagetemplate"};
/* Stems of keys naming a language (Google's hl=, i18next's lng=). */
static const char *const locale_stems[] = {"hl", "lang", "language", "locale", "lng", "langcode", "languagecode",
                                           "uilang", "uilanguage"};
/* Values of a status key saying where a publication stands. */
static const char *const publish_states[] = {"publish", "published", "draft", "future", "scheduled", "unpublished",
                                             "archived", "trash", "inherit"};
static const char *const analytics_stems[] = {"event", "eventtype", "eventname", "anonymous", "distinct",
                                              "traits", "tracking", "ec", "ea", "el"};
/* (and forum software's: phpBB "mode=reply", vBulletin "do=postreply", Invision "act=Post") */
static const char *const type_stems[] = {"type", "kind", "action", "method", "cmd", "command", "op", "event",
                                         "verb", "t", "target", "", "mode", "do", "act"};
/* Path segments (and line verbs) that say messages are being sent or read. */
static const char *const path_words[] = {"message", "messages", "msg", "msgs", "chat", "chats", "send", "comment",
                                         "comments", "reply", "replies", "sms", "conversation", "conversations",
                                         "thread", "threads", "room", "rooms", "channel", "channels", "dm", "dms",
                                         "inbox", "webhook", "webhooks", "hooks", "im", "say", "talk", "post",
                                         "posts", "tweet", "tweets", "sendmessage", "privmsg", "whisper"};
/* Path segments after which an id names a party or a place. */
static const char *const path_party_words[] = {"room", "rooms", "channel", "channels", "chat", "chats",
                                               "conversation", "conversations", "thread", "threads", "user", "users",
                                               "dm", "dms", "group", "groups", "contact", "contacts", "to", "bot"};

/* Words people use when they write to each other — I, you, we, hello, thanks — in the languages
 * of the world's chat: interpersonal text has them, documents, UI strings and logs mostly not.
 * Spaced scripts match whole lower-cased tokens; scripts written without spaces match inside. */
static const char *const conversation_words[] = {
    /* en */ "i", "i'm", "im", "i'll", "me", "my", "we", "us", "our", "you", "your", "you're", "u", "ur", "ya", "hi",
    "hey", "hello", "thanks", "thx", "pls", "plz", "lol", "yeah", "yep", "nope", "sorry", "dear", "gonna", "wanna",
    /* de */ "ich", "mich", "mir", "mein", "meine", "wir", "uns", "du", "dich", "dir", "dein", "deine", "euch",
    "hallo", "danke", "tschüss", "servus", "moin", "lg",
    /* fr */ "je", "j'ai", "moi", "mon", "nous", "tu", "toi", "te", "ton", "tes", "vous", "salut", "bonjour",
    "merci", "coucou", "stp", "svp", "bisous", "ouais", "t'es",
    /* es, pt, it */ "yo", "mí", "tú", "ti", "usted", "vosotros", "hola", "gracias", "porfa", "vale", "besos", "oye",
    "você", "vc", "olá", "oi", "obrigado", "obrigada", "valeu", "beijos", "io", "noi", "voi", "ciao",
    "grazie", "dai", "baci",
    /* nl, sv, da, no, fi */ "ik", "mij", "mijn", "jij", "jou", "jouw", "jullie", "hoi", "bedankt", "doei",
    "groetjes", "jag", "mig", "vi", "oss", "dig", "hej", "tack", "jeg", "meg", "deg", "takk", "tak", "minä",
    "mä", "sinä", "sä", "moi", "kiitos",
    /* pl, cs, ro, hu */ "mnie", "ciebie", "cię", "cześć", "dzięki", "dziękuję", "siema", "já", "mě", "tebe",
    "ahoj", "díky", "mulțumesc", "mersi", "én", "nekem", "téged", "neked", "szia", "köszi", "köszönöm",
    /* ru, uk */ "я", "меня", "мне", "мой", "моя", "мы", "нас", "ты", "тебя", "тебе", "твой", "вы", "вас",
    "привет", "спасибо", "пожалуйста", "пока", "мене", "мені", "мій", "ти", "твій", "привіт", "дякую",
    /* el */ "εγώ", "μου", "εμείς", "εσύ", "σου", "εσείς", "γεια", "ευχαριστώ", "καλημέρα",
    /* tr */ "ben", "beni", "bana", "benim", "biz", "sen", "seni", "sana", "senin", "siz", "merhaba", "selam",
    "teşekkürler", "sağol", "tamam",
    /* ar, fa, he */ "أنا", "انا", "نحن", "أنت", "انت", "أنتم", "مرحبا", "شكرا", "السلام", "حبيبي", "لك", "لي",
    "من", "تو", "شما", "سلام", "مرسی", "ممنون", "אני", "אנחנו", "אתה", "את", "אתם", "שלום", "תודה", "היי", "לי",
    "לך",
    /* hi (and romanised), bn */ "मैं", "मुझे", "मेरा", "मेरी", "हम", "तुम", "आप", "नमस्ते", "धन्यवाद", "शुक्रिया",
    "mujhe", "mera", "tum", "aap", "yaar", "bhai", "আমি", "আমার", "আমরা", "তুমি", "তোমার", "আপনি",
    "ধন্যবাদ",
    /* vi, id, ms, tl, sw */ "tôi", "mình", "anh", "chị", "cảm", "ơn", "chào", "nhé", "aku", "saya",
    "gue", "gw", "kita", "kami", "kamu", "anda", "lu", "kau", "halo", "makasih", "terima", "kasih", "dong",
    "ako", "ikaw", "tayo", "salamat", "po", "mimi", "sisi", "wewe", "habari", "asante", "sawa", "jambo",
    "bạn", "nha", "ko", "mo", "kayo", "nyinyi", "rafiki",
    /* fi, et, lv, lt, is, ca, eu, af */ "mun", "mua", "sua", "hei", "moikka", "terve", "kiitti", "mina",
    "sina", "meie", "teie", "tere", "aitäh", "mēs", "jūs", "paldies", "sveiki", "čau", "aš", "mes", "ačiū",
    "labas", "ég", "þú", "jo", "nosaltres", "gràcies", "kaixo", "eskerrik", "ek", "jy", "dankie",
    /* sk, sl, hr, sr, bs, pl, cs, hu, ro */ "ja", "ty", "wy", "vy", "ďakujem", "vďaka", "hvala", "zdravo",
    "ćao", "dík", "sziasztok", "helló", "eu",
    /* bg, mk, sr, be, kk, uz, az, mn */ "аз", "ние", "вие", "благодаря", "здравей", "мерси", "јас", "ја",
    "ми", "ви", "хвала", "здраво", "благодарам", "дзякуй", "прывітанне", "мен", "сен", "біз", "сіз",
    "сәлем", "рахмет", "salom", "rahmat", "mən", "sən", "salam", "сайн", "баярлалаа",
    /* ka, hy, am */ "მე", "შენ", "ჩვენ", "თქვენ", "გამარჯობა", "მადლობა", "ես", "դու", "մենք", "դուք", "բարև",
    "շնորհակալություն", "እኔ", "አንተ", "አንቺ", "እኛ", "እናንተ", "ሰላም", "አመሰግናለሁ", "እሺ",
    /* ur, ps, ku */ "میں", "مجھے", "میرا", "میری", "ہم", "تم", "آپ", "شکریہ", "یار", "زه", "ته", "مننه",
    /* mr, ne, gu, pa, ta, te, kn, ml, si, or */ "मी", "मला", "माझा", "माझी", "तू", "तुम्ही", "आम्ही", "आपण", "मलाई",
    "तिमी", "हामी", "तपाईं", "હું", "મને", "તું", "તમે", "અમે", "આભાર", "ਮੈਂ", "ਤੂੰ", "ਤੁਸੀਂ", "ਅਸੀਂ",
    "ਧੰਨਵਾਦ", "நான்", "நீ", "நீங்கள்", "நாம்", "நாங்கள்", "எனக்கு", "உனக்கு", "நன்றி", "வணக்கம்", "నేను",
    "నువ్వు", "మీరు", "మేము", "మనం", "ధన్యవాదాలు", "ನಾನು", "ನೀನು", "ನೀವು", "ನಾವು", "ಧನ್ಯವಾದ", "ഞാൻ", "നീ",
    "നിങ്ങൾ", "ഞങ്ങൾ", "നമ്മൾ", "നന്ദി", "මම", "ඔයා", "ඔබ", "අපි", "ස්තූතියි", "ମୁଁ", "ତୁମେ", "ଧନ୍ୟବାଦ",
    /* ko (a word with its particle) */ "나는", "내가", "나도", "너는", "니가", "너도", "저는", "제가", "저도",
    "우리", "우리는", "우리가", "당신", "저희", "고마워", "고마워요", "감사합니다", "안녕", "안녕하세요"};
static const char *const conversation_infixes[] = {
    /* zh */ "我", "你", "您", "咱", "谢谢", "哈哈", "吗", "吧", "呢", "啊", "嘛",
    /* ja */ "私", "僕", "俺", "あなた", "君", "ありがとう", "よろしく", "お疲れ", "ごめん",
    "わたし", "あたし", "ぼく", "またね", "おはよう", "こんにちは",
    /* ko */ "ㅋㅋ", "ㅎㅎ", "ㅠㅠ", "ㅜㅜ",
    /* th, lo, km, my */ "ผม", "ฉัน", "เรา", "คุณ", "เธอ", "ครับ", "ค่ะ", "ขอบคุณ", "สวัสดี", "ຂ້ອຍ", "ເຈົ້າ", "ຂອບໃຈ",
    "ສະບາຍດີ", "ខ្ញុំ", "អ្នក", "យើង", "អរគុណ", "សួស្តី", "ကျွန်တော်", "ကျွန်မ", "ငါ", "နင်", "မင်း", "ခင်ဗျား",
    "ကျေးဇူး"};

#define FEATURE_WORD_TABLE 1024 /* open addressing over the hashes of conversation_words */

typedef struct feature_word_set {
    uint32_t hash[FEATURE_WORD_TABLE];
} feature_word_set;

static feature_word_set feature_words;
static pthread_once_t feature_words_once = PTHREAD_ONCE_INIT;

static uint32_t feature_hash(const uint8_t *d, size_t len);

static void feature_words_build(void)
{
    for (size_t i = 0; i < LW_ARRAY_LEN(conversation_words); i++) {
        uint32_t h = feature_hash((const uint8_t *)conversation_words[i], strlen(conversation_words[i])) | 1u;
        uint32_t k = h & (FEATURE_WORD_TABLE - 1);
        while (feature_words.hash[k] != 0 && feature_words.hash[k] != h)
            k = (k + 1) & (FEATURE_WORD_TABLE - 1);
        feature_words.hash[k] = h;
    }
}

static bool feature_is_conversation_word(const uint8_t *word, size_t len)
{
    uint32_t h = feature_hash(word, len) | 1u;
    for (uint32_t k = h & (FEATURE_WORD_TABLE - 1); feature_words.hash[k] != 0; k = (k + 1) & (FEATURE_WORD_TABLE - 1))
        if (feature_words.hash[k] == h)
            return true;
    return false;
}

/* Lower-case one code point of the common bicameral blocks (Latin, Latin-1, Latin Extended-A,
 * Greek, Cyrillic, Armenian). */
static uint32_t feature_lower(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) || (cp >= 0x391 && cp <= 0x3a9) ||
        (cp >= 0x410 && cp <= 0x42f))
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40f)
        return cp + 0x50;
    if (cp >= 0x531 && cp <= 0x556)
        return cp + 0x30;
    bool even_upper = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177);
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e);
    if ((even_upper && cp % 2 == 0) || (odd_upper && cp % 2 == 1))
        return cp + 1;
    return cp;
}

/* The share of a text's lines that read as source code: they end in ; { } or "):", or start with a
 * keyword of the common languages, or hold an operator no prose has (==, ->, ::, &&, +=). */
static float feature_code_lines(const uint8_t *d, size_t len)
{
    static const char *const starts[] = {"def ", "class ", "import ", "return", "#include", "function ", "var ",
                                         "let ", "const ", "if (", "for (", "while (", "public ", "private ",
                                         "static ", "func ", "package ", "from ", "} else", "try {", "catch ("};
    static const char *const operators[] = {"==", "->", "::", "&&", "||", "+=", "!=", "=>"};
    size_t lines = 0, code = 0;
    if (len > TEXT_SCAN_MAX)
        len = TEXT_SCAN_MAX;
    for (size_t at = 0; at < len;) {
        const uint8_t *nl = memchr(d + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - d) : len, s = at, e = end;
        while (s < e && (d[s] == ' ' || d[s] == '\t'))
            s++;
        while (e > s && (d[e - 1] == '\r' || d[e - 1] == ' '))
            e--;
        if (e > s) {
            bool is_code = strchr(";{}", d[e - 1]) != NULL || (e - s > 2 && d[e - 1] == ':' && d[e - 2] == ')');
            for (size_t k = 0; k < LW_ARRAY_LEN(starts) && !is_code; k++)
                is_code = e - s >= strlen(starts[k]) && memcmp(d + s, starts[k], strlen(starts[k])) == 0;
            for (size_t k = 0; k < LW_ARRAY_LEN(operators) && !is_code; k++)
                is_code = memmem(d + s, e - s, operators[k], 2) != NULL;
            lines++;
            code += is_code;
        }
        at = end + 1;
    }
    return lines ? (float)code / (float)lines : 0;
}

/* Does the text use a word people address each other with? */
static bool feature_has_conversation_word(const uint8_t *d, size_t len, const text_stats *s)
{
    pthread_once(&feature_words_once, feature_words_build);
    uint8_t word[64];
    size_t n = 0;
    if (len > TEXT_SCAN_MAX)
        len = TEXT_SCAN_MAX;
    bool hangul = false; /* Korean is written with spaces: its jamo laughter is an infix all the same */
    for (size_t i = 0; i <= len;) {
        uint32_t cp = ' ';
        size_t step = i < len ? text_utf8_next(d + i, len - i, &cp) : 1;
        if (step == 0)
            step = 1, cp = ' ';
        hangul |= cp >= 0x3131 && cp <= 0x318e;
        if (text_is_letter(cp) || cp == '\'' || cp == 0x2019) {
            if (n + 4 < sizeof word)
                n += text_put_utf8(word + n, cp == 0x2019 ? '\'' : feature_lower(cp));
        } else {
            if (n > 0 && feature_is_conversation_word(word, n))
                return true;
            n = 0;
        }
        i += step;
    }
    for (size_t k = 0; (s->unspaced > 0 || hangul) && k < LW_ARRAY_LEN(conversation_infixes); k++)
        if (memmem(d, len, conversation_infixes[k], strlen(conversation_infixes[k])) != NULL)
            return true;
    return false;
}

/* A bracketed tag first — "[DOWNLOAD]:", "[FIRING:1]", "[ERROR]", "[CI]": the way programs
 * start their notices and log lines; people do not open a chat line so. */
static bool feature_starts_with_tag(const uint8_t *d, size_t len)
{
    size_t i = 0, spaces = 0;
    while (i < len && (d[i] == ' ' || d[i] == '\t'))
        i++;
    if (i >= len || d[i] != '[')
        return false;
    size_t open = ++i;
    for (; i < len && i - open <= 24 && d[i] != ']'; i++)
        spaces += d[i] == ' ';
    return i < len && d[i] == ']' && i - open >= 2 && spaces <= 1;
}

static bool feature_in(const char *word, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(word, list[i]) == 0)
            return true;
    return false;
}

static bool feature_contains_any(const char *stem, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i][0] && strstr(stem, list[i]) != NULL)
            return true;
    return false;
}

/* Lower-case `key` without '_', '-', '.', ':' and without one trailing "ids", "id", "name" or "s". */
static void feature_key_stem(const char *key, char *out, size_t cap)
{
    static const char *const suffixes[] = {"ids", "id", "name", "s"};
    size_t n = 0;
    for (const char *c = key; *c && n + 1 < cap; c++)
        if (*c != '_' && *c != '-' && *c != '.' && *c != ':')
            out[n++] = (char)tolower((unsigned char)*c);
    out[n] = '\0';
    for (size_t i = 0; i < LW_ARRAY_LEN(suffixes); i++) {
        size_t sl = strlen(suffixes[i]);
        if (n <= sl + 1 || strcmp(out + n - sl, suffixes[i]) != 0)
            continue;
        if (sl > 1 || (out[n - 2] != 'u' && out[n - 2] != 's')) /* status, address: no plural */
            out[n - sl] = '\0';
        return;
    }
}

/* ---- value shapes ---------------------------------------------------------------------------- */

/* The characters of a short value, counted in one pass (ids, times, codes are short). */
typedef struct feature_shape {
    uint32_t len, digits, letters, upper, hex, dashes, dots, colons, slashes, underscores, spaces, at, plus, parens, t;
} feature_shape;

#define FEATURE_SHAPE_MAX 100 /* longer values are not ids, times or codes */

static bool feature_shape_of(const uint8_t *d, size_t len, feature_shape *s)
{
    memset(s, 0, sizeof *s);
    if (len == 0 || len > FEATURE_SHAPE_MAX)
        return false;
    s->len = (uint32_t)len;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = d[i];
        bool digit = c >= '0' && c <= '9', upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
        s->digits += digit;
        s->letters += upper || lower;
        s->upper += upper;
        s->hex += digit || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
        s->dashes += c == '-';
        s->dots += c == '.';
        s->colons += c == ':';
        s->slashes += c == '/';
        s->underscores += c == '_';
        s->spaces += c == ' ';
        s->at += c == '@';
        s->plus += c == '+';
        s->parens += c == '(' || c == ')';
        s->t += c == 'T';
    }
    return true;
}

/* Epoch seconds (a fraction allowed) or milliseconds, or an ISO-like date/time. */
static bool feature_is_time(const uint8_t *d, const feature_shape *s)
{
    if (s->len && s->digits + s->dots == s->len) {
        const uint8_t *dot = memchr(d, '.', s->len);
        size_t whole = dot ? (size_t)(dot - d) : s->len;
        return d[0] == '1' && s->dots <= 1 && (whole == 10 || (whole == 13 && !dot));
    }
    return s->len >= 8 && s->len <= 40 && s->digits * 2 >= s->len && s->colons + s->dashes + s->t + s->slashes >= 2;
}

/* An e-mail address or JID, a phone number, a UUID, a handle or a user id. */
static bool feature_is_person(const uint8_t *d, const feature_shape *s)
{
    size_t len = s->len;
    if (len < 2 || s->spaces)
        return false;
    const uint8_t *at = memchr(d, '@', len);
    if (at && at > d && memchr(at, '.', len - (size_t)(at - d)))
        return true;
    if ((d[0] == '@' || d[0] == '#') && len >= 3)
        return true;
    if (s->digits + s->plus + s->dashes + s->parens == len && s->digits >= 7 && s->digits <= 15)
        return true;
    if (len == 36 && s->dashes == 4 && s->hex + s->dashes == len)
        return true;
    return len <= 40 && s->letters && s->digits &&
           s->letters + s->digits + s->underscores + s->dashes + s->dots + s->colons == len;
}

/* A language or locale code ("de", "pt-BR", "zh_Hant"): what "target" or "to" of a translation
 * names, not a party. */
static bool feature_is_locale(const uint8_t *d, size_t len)
{
    size_t i = 0;
    while (i < len && d[i] >= 'a' && d[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (i == len)
        return true;
    size_t rest = len - i - 1;
    if ((d[i] != '-' && d[i] != '_') || rest < 2 || rest > 4)
        return false;
    for (size_t k = i + 1; k < len; k++)
        if (!isalpha(d[k]))
            return false;
    return true;
}

/* A status or error code: a number of three digits or more, or an UPPER_SNAKE_CASE word. */
static bool feature_is_error_code(const feature_shape *s)
{
    return (s->len >= 3 && s->digits == s->len) ||
           (s->len >= 4 && s->underscores && s->upper + s->digits + s->underscores == s->len);
}

static bool feature_is_url(const uint8_t *d, size_t len)
{
    return (len >= 7 && memmem(d, len, "://", 3)) || (len >= 4 && memcmp(d, "www.", 4) == 0);
}

static bool feature_equals_any(const uint8_t *d, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncasecmp((const char *)d, list[i], len) == 0)
            return true;
    return false;
}

/* A short value that names a message type or a send action: "message", "chat.postMessage". */
static bool feature_is_message_word(const uint8_t *d, size_t len)
{
    char low[FEATURE_SHORT_VALUE + 1];
    if (len == 0 || len > FEATURE_SHORT_VALUE || memchr(d, ' ', len))
        return false;
    for (size_t i = 0; i < len; i++)
        low[i] = (char)tolower(d[i]);
    low[len] = '\0';
    return feature_contains_any(low, message_words, LW_ARRAY_LEN(message_words));
}

/* ---- candidates ------------------------------------------------------------------------------ */

static bool feature_is_mail_proto(const char *proto)
{
    if (proto == NULL)
        return false;
    switch (proto[0]) {
    case 's': return strcmp(proto, "smtp") == 0;
    case 'p': return strcmp(proto, "pop3") == 0;
    case 'i': return strcmp(proto, "imap") == 0;
    case 'n': return strcmp(proto, "nntp") == 0;
    case 'm': return strcmp(proto, "mail") == 0;
    default: return false;
    }
}

/* HTTP start lines and headers, mail headers: context of a message, never its text. */
static bool feature_is_header(const inspect_unit *u)
{
    if (u->kind != LW_UNIT_FIELD || u->proto == NULL)
        return false;
    return (strcmp(u->proto, "http") == 0 && u->object_id == 0) || u->field[0] == ':' || feature_is_mail_proto(u->proto);
}

static uint32_t feature_hash(const uint8_t *d, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ d[i]) * 16777619u;
    return h;
}

static void feature_unit_facts(const inspect_unit *u, feature_unit *f, feature_key_cache *keys);

/* Requests and their party headers: each unit learns the start line that governs it. */
static void feature_mark_requests(const inspect_doc *doc, feature_unit *units)
{
    int32_t current = -1;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        const inspect_unit *u = &doc->units[i];
        bool head = u->kind == LW_UNIT_FIELD && u->proto != NULL && u->object_id == 0;
        bool http_head = head && strcmp(u->proto, "http") == 0;
        if (head && (strcmp(u->field, ":path") == 0 || strcmp(u->field, ":status") == 0)) /* HTTP, CoAP */
            current = (int32_t)i;
        else if (http_head && current >= 0 && u->field[0] != ':' && strcmp(u->field, "host") != 0 &&
                 strncmp(u->field, "content-", 8) != 0 && strcmp(u->field, "transfer-encoding") != 0 &&
                 strcmp(u->field, "upgrade") != 0)
            units[current].party_header = true; /* http.c emits only the party-naming extra headers */
        units[i].request = current;
    }
}

#define FEATURE_TABLE 8192 /* > 2 × LW_INSPECT_MAX_UNITS: open addressing stays short */

static uint32_t feature_key_of(const inspect_unit *u)
{
    uint32_t h = feature_hash((const uint8_t *)u->field, strlen(u->field)) ^ u->kind * 0x9e3779b9u;
    return h ^ (uint32_t)(uintptr_t)u->proto;
}

/* Per kind+key: how many distinct free texts and how many repeats (the doc's records of one
 * framing), texts that differ only in their numbers counting as repeats. Open addressing over a table twice the doc's size: cleared in proportion to it. */
static void feature_count_texts(const inspect_doc *doc, feature_unit *units)
{
    uint32_t seen[FEATURE_TABLE], keys[FEATURE_TABLE], distinct[FEATURE_TABLE], repeats[FEATURE_TABLE];
    int32_t key_slot[LW_INSPECT_MAX_UNITS];
    uint32_t size = 16, free_texts = 0;
    for (uint32_t i = 0; i < doc->n_units; i++)
        free_texts += units[i].free_text;
    if (free_texts == 0)
        return;
    while (size < 2 * free_texts && size < FEATURE_TABLE)
        size *= 2;
    memset(seen, 0, size * sizeof seen[0]);
    memset(keys, 0, size * sizeof keys[0]);
    memset(distinct, 0, size * sizeof distinct[0]);
    memset(repeats, 0, size * sizeof repeats[0]);
    for (uint32_t i = 0; i < doc->n_units; i++) {
        key_slot[i] = -1;
        if (!units[i].free_text)
            continue;
        uint32_t key = feature_key_of(&doc->units[i]) | 1u, text = (units[i].shape_hash ^ key * 31u) | 1u;
        uint32_t k = key & (size - 1), t = text & (size - 1);
        while (keys[k] != 0 && keys[k] != key)
            k = (k + 1) & (size - 1);
        keys[k] = key;
        while (seen[t] != 0 && seen[t] != text)
            t = (t + 1) & (size - 1);
        if (seen[t] == text)
            repeats[k]++;
        else
            distinct[k]++;
        seen[t] = text;
        key_slot[i] = (int32_t)k;
    }
    for (uint32_t i = 0; i < doc->n_units; i++)
        if (key_slot[i] >= 0) {
            units[i].key_distinct = (uint16_t)distinct[key_slot[i]];
            units[i].key_repeats = (uint16_t)repeats[key_slot[i]];
        }
}

/* A mail header of automatic mail: RFC 3834 Auto-Submitted (but "no"), Precedence: bulk/list/
 * junk, mailing-list headers. Told by the first letter before any comparison. */
static bool feature_is_automation_header(const inspect_unit *u)
{
    switch (u->field[0] | 0x20) {
    case 'a':
        return strcasecmp(u->field, "Auto-Submitted") == 0 &&
               !(u->len == 2 && strncasecmp((const char *)u->data, "no", 2) == 0);
    case 'p': return strcasecmp(u->field, "Precedence") == 0;
    case 'l': return strcasecmp(u->field, "List-Id") == 0 || strcasecmp(u->field, "List-Unsubscribe") == 0;
    case 'x': return strcasecmp(u->field, "X-Auto-Response-Suppress") == 0;
    default: return false;
    }
}

/* A program, not a person, sent this: a header of automatic mail or a no-reply sender address. */
static bool feature_says_automated(const inspect_unit *u)
{
    static const char *const senders[] = {"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply",
                                          "mailer-daemon", "postmaster@", "notifications@"};
    if (u->kind != LW_UNIT_FIELD || u->data == NULL || u->len > 256)
        return false;
    if (feature_is_automation_header(u))
        return true;
    if (!memchr(u->data, '@', u->len))
        return false;
    for (size_t i = 0; i < LW_ARRAY_LEN(senders); i++) {
        size_t n = strlen(senders[i]);
        for (size_t at = 0; at + n <= u->len; at++)
            if (strncasecmp((const char *)u->data + at, senders[i], n) == 0)
                return true;
    }
    return false;
}

/* A sender that names itself a bot: a sender's key ("username", "from", "author" …) whose value
 * ends in "bot" after a separator or as a capitalised word ("ci-bot", "deploy_bot", "AlertBot",
 * "github-actions[bot]"), never a surname ("Talbot"). Chat APIs show it beside a program's notices. */
static bool feature_names_bot(const inspect_unit *u)
{
    static const char *const sender_stems[] = {"from", "sender", "author", "user", "nick", "handle", "display", "name"};
    if (u->kind != LW_UNIT_FIELD || u->data == NULL || u->len < 4 || u->len > 64)
        return false;
    const uint8_t *d = u->data;
    size_t n = u->len;
    bool bracketed = n >= 6 && memcmp(d + n - 5, "[bot]", 5) == 0;
    bool suffixed = strncasecmp((const char *)d + n - 3, "bot", 3) == 0 &&
                    (memchr("-_. ", d[n - 4], 4) != NULL || (d[n - 3] == 'B' && d[n - 4] >= 'a' && d[n - 4] <= 'z'));
    if (!bracketed && !suffixed)
        return false;
    char stem[32];
    feature_key_stem(u->field, stem, sizeof stem);
    return feature_in(stem, sender_stems, LW_ARRAY_LEN(sender_stems));
}

/* The field's key stem is one of `stems`. */
static bool feature_key_in(const inspect_unit *u, const char *const *stems, size_t n)
{
    char stem[32];
    feature_key_stem(u->field, stem, sizeof stem);
    return feature_in(stem, stems, n);
}

/* A phone number: an optional '+' and 7 to 15 digits (E.164). */
static bool feature_is_phone_number(const uint8_t *d, size_t n)
{
    size_t i = n > 0 && d[0] == '+';
    if (n - i < 7 || n - i > 15)
        return false;
    for (; i < n; i++)
        if (d[i] < '0' || d[i] > '9')
            return false;
    return true;
}

/* GSM's alphanumeric originator (3GPP TS 23.040 TP-OA): at most 11 characters, a letter among them. */
static bool feature_is_sender_id(const uint8_t *d, size_t n)
{
    bool letter = false;
    if (n < 2 || n > 11)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool alpha = (d[i] | 0x20) >= 'a' && (d[i] | 0x20) <= 'z';
        if (!alpha && !(d[i] >= '0' && d[i] <= '9') && d[i] != ' ' && d[i] != '.' && d[i] != '-' && d[i] != '_')
            return false;
        letter |= alpha;
    }
    return letter;
}

/* An SMS from an alphanumeric sender id to a phone number, through an HTTP SMS API: a record's
 * sender ("from": "ExampleApp") beside a recipient that is a phone number. Only a business's
 * application sends from a name (it cannot be answered), as SMPP's source_addr says too. */
static bool feature_sms_from_sender_id(const inspect_doc *doc, uint32_t i)
{
    static const char *const senders[] = {"from", "sender", "source", "originator", "sourceaddr", "src"};
    static const char *const recipients[] = {"to", "recipient", "destination", "dest", "destaddr", "msisdn", "phone",
                                             "phonenumber", "number"};
    const inspect_unit *u = &doc->units[i];
    if (u->kind != LW_UNIT_FIELD || u->object_id == 0 || u->data == NULL || !feature_is_sender_id(u->data, u->len) ||
        !feature_key_in(u, senders, LW_ARRAY_LEN(senders)))
        return false;
    uint32_t from = i > 32 ? i - 32 : 0, to = i + 32 < doc->n_units ? i + 32 : doc->n_units;
    for (uint32_t j = from; j < to; j++) {
        const inspect_unit *r = &doc->units[j];
        if (j != i && r->object_id == u->object_id && r->kind == LW_UNIT_FIELD && r->data != NULL &&
            feature_is_phone_number(r->data, r->len) && feature_key_in(r, recipients, LW_ARRAY_LEN(recipients)))
            return true;
    }
    return false;
}

/* A field whose key says nothing, neither for nor against a message: a protobuf or Thrift field
 * number ("pb:2"), an array element (no key), a position. A named key that is not a message's
 * ("title", "description") is evidence against; an unnamed one is not. */
static bool feature_key_is_unnamed(const char *key)
{
    if (strncmp(key, "pb:", 3) == 0 || strncmp(key, "thrift:", 7) == 0)
        key = strchr(key, ':') + 1;
    while (*key >= '0' && *key <= '9')
        key++;
    return *key == '\0';
}

/* The sender declares itself a program, which no person's message does: RFC 3834's
 * Auto-Submitted: auto-generated / auto-replied (not auto-forwarded: a program forwarding a
 * person's mail, as archive journaling does), bulk mail (RFC 8058's List-Unsubscribe-Post),
 * a Usenet control message (RFC 5537 "Control: cancel <id>": news software acting on articles),
 * or an SMS from an alphanumeric sender id (SMPP
 * source_addr "ExampleBank": a business's application, never a phone; over HTTP APIs see
 * feature_sms_from_sender_id). */
static bool feature_says_program(const inspect_unit *u)
{
    if (u->kind != LW_UNIT_FIELD || u->data == NULL)
        return false;
    if ((u->field[0] | 0x20) == 'a' && strcasecmp(u->field, "Auto-Submitted") == 0)
        return (u->len >= 14 && strncasecmp((const char *)u->data, "auto-generated", 14) == 0) ||
               (u->len >= 12 && strncasecmp((const char *)u->data, "auto-replied", 12) == 0);
    /* bulk mail: one-click unsubscription (RFC 8058) is for mass senders only ("Precedence:
     * bulk" is not: vger's kernel lists, where people write, send it too) */
    if ((u->field[0] | 0x20) == 'l' && strcasecmp(u->field, "List-Unsubscribe-Post") == 0)
        return true;
    if ((u->field[0] | 0x20) == 'c' && strcasecmp(u->field, "Control") == 0)
        return true;
    if (u->proto == NULL || strcmp(u->proto, "smpp") != 0 || strcmp(u->field, "source_addr") != 0)
        return false;
    for (uint32_t i = 0; i < u->len; i++)
        if ((u->data[i] | 0x20) >= 'a' && (u->data[i] | 0x20) <= 'z')
            return true;
    return false;
}

/* Two letters (ASCII, or any byte of a multi-byte character) among the first bytes: ids, times
 * and numbers, most values of machine records, are let go without a scan. */
static bool feature_has_letters(const uint8_t *d, size_t len)
{
    size_t letters = 0;
    for (size_t i = 0; i < len && i < 64 && letters < 2; i++)
        letters += ((d[i] | 0x20) >= 'a' && (d[i] | 0x20) <= 'z') || d[i] >= 0x80;
    return letters >= 2;
}

static uint32_t feature_shape_hash(const uint8_t *d, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        bool digit = d[i] >= '0' && d[i] <= '9';
        if (digit && i > 0 && d[i - 1] >= '0' && d[i - 1] <= '9')
            continue;
        h = (h ^ (digit ? '#' : d[i])) * 16777619u;
    }
    return h;
}

/* One word under a key that names a party, a status or a kind ("to": "ravi", "status": "read",
 * "type": "message"), or a language code under a key naming a language ("hl": "lt"), is that
 * name or that value, never what someone said: no candidate. */
static bool feature_is_label_value(const inspect_unit *u, feature_unit *f)
{
    bool label = f->candidate && u->kind == LW_UNIT_FIELD && f->text.tokens <= 1 && f->text.words <= 1 && u->field[0] &&
                 ((f->key_facts & (FEATURE_KEY_PARTY | FEATURE_KEY_STATUS | FEATURE_KEY_TYPE)) ||
                  ((f->key_facts & FEATURE_KEY_LOCALE) && (f->value_facts & FEATURE_VALUE_LOCALE)));
    if (label)
        f->candidate = f->free_text = false;
    return label;
}

uint32_t features_prepare(const inspect_doc *doc, feature_unit *units, feature_key_cache *keys)
{
    uint32_t candidates = 0;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        const inspect_unit *u = &doc->units[i];
        feature_unit *f = &units[i];
        memset(f, 0, sizeof *f);
        if (u->data == NULL || u->len == 0 || u->kind == LW_UNIT_RAW || u->field[0] == ':' || feature_is_header(u) ||
            !feature_has_letters(u->data, u->len))
            continue;
        text_scan(u->data, u->len, &f->text);
        const text_stats *s = &f->text;
        f->candidate = s->letters >= 2 && s->invalid * 10 <= s->chars && s->machine_tokens < s->tokens;
        f->free_text = f->candidate && s->words >= 2;
        f->hash = feature_hash(u->data, u->len);
        f->shape_hash = feature_shape_hash(u->data, u->len);
        candidates += f->candidate;
    }
    for (uint32_t i = 0; i < doc->n_units; i++)
        if (doc->units[i].object_id != 0 || units[i].candidate) {
            feature_unit_facts(&doc->units[i], &units[i], keys);
            candidates -= feature_is_label_value(&doc->units[i], &units[i]);
        }
    feature_mark_requests(doc, units);
    feature_count_texts(doc, units);
    uint32_t lines = 0;
    bool automated = false, program = false;
    for (uint32_t i = 0; i < doc->n_units; i++) {
        lines += doc->units[i].kind == LW_UNIT_TEXT && doc->units[i].framing == LW_FRAMING_LINES;
        program |= feature_says_program(&doc->units[i]) || feature_sms_from_sender_id(doc, i);
        automated |= program || feature_says_automated(&doc->units[i]) || feature_names_bot(&doc->units[i]);
    }
    for (uint32_t i = 0; i < doc->n_units; i++) {
        units[i].doc_lines = (uint16_t)(lines < UINT16_MAX ? lines : UINT16_MAX);
        units[i].doc_automated = automated;
        units[i].doc_program = program;
    }
    return candidates;
}

/* ---- context ----------------------------------------------------------------------------------- */

typedef struct feature_siblings {
    bool party, time, url, log_level, error, analytics, message_word, publishing;
    uint32_t text_keys;
} feature_siblings;

/* What a key says, from its stem. */
static uint16_t feature_key_facts(const char *field)
{
    char stem[32];
    feature_key_stem(field, stem, sizeof stem);
    uint16_t k = 0;
    k |= feature_contains_any(stem, message_words, LW_ARRAY_LEN(message_words)) ? FEATURE_KEY_MESSAGE : 0;
    k |= feature_contains_any(stem, metadata_words, LW_ARRAY_LEN(metadata_words)) ? FEATURE_KEY_METADATA : 0;
    k |= feature_contains_any(stem, error_words, LW_ARRAY_LEN(error_words)) ? FEATURE_KEY_ERROR : 0;
    k |= feature_in(stem, party_stems, LW_ARRAY_LEN(party_stems)) ? FEATURE_KEY_PARTY : 0;
    k |= feature_in(stem, machine_id_stems, LW_ARRAY_LEN(machine_id_stems)) ? FEATURE_KEY_MACHINE_ID : 0;
    k |= feature_in(stem, analytics_stems, LW_ARRAY_LEN(analytics_stems)) ? FEATURE_KEY_ANALYTICS : 0;
    k |= feature_in(stem, type_stems, LW_ARRAY_LEN(type_stems)) ? FEATURE_KEY_TYPE : 0;
    k |= strcmp(stem, "code") == 0 || strcmp(stem, "status") == 0 || strcmp(stem, "statuscode") == 0 ||
                 strcmp(stem, "errno") == 0 ? FEATURE_KEY_STATUS : 0;
    k |= feature_in(stem, log_stems, LW_ARRAY_LEN(log_stems)) ? FEATURE_KEY_LOG : 0;
    k |= feature_in(stem, publishing_stems, LW_ARRAY_LEN(publishing_stems)) ? FEATURE_KEY_PUBLISHING : 0;
    k |= feature_in(stem, locale_stems, LW_ARRAY_LEN(locale_stems)) ? FEATURE_KEY_LOCALE : 0;
    return k;
}

static uint16_t feature_key_facts_cached(feature_key_cache *c, const char *field)
{
    size_t len = strlen(field);
    uint32_t slot = feature_hash((const uint8_t *)field, len) % FEATURE_KEY_CACHE_SLOTS;
    if (len >= sizeof c->field[slot]) /* too long to remember */
        return feature_key_facts(field);
    if (!c->used[slot] || strcmp(c->field[slot], field) != 0) {
        lw_strlcpy(c->field[slot], field, sizeof c->field[slot]);
        c->facts[slot] = feature_key_facts(field);
        c->used[slot] = true;
    }
    return c->facts[slot];
}

/* The facts of a key and of a value (its shape): once per unit. */
static void feature_unit_facts(const inspect_unit *u, feature_unit *f, feature_key_cache *keys)
{
    uint16_t k = feature_key_facts_cached(keys, u->field), v = 0;
    feature_shape shape;
    if (u->data != NULL && (u->kind == LW_UNIT_FIELD || u->kind == LW_UNIT_TEXT) && feature_shape_of(u->data, u->len, &shape)) {
        const uint8_t *d = u->data;
        size_t len = u->len;
        v |= feature_is_person(d, &shape) ? FEATURE_VALUE_PERSON : 0;
        v |= feature_is_time(d, &shape) ? FEATURE_VALUE_TIME : 0;
        v |= (shape.colons || shape.dots) && feature_is_url(d, len) ? FEATURE_VALUE_URL : 0;
        v |= (!shape.digits && len <= 8 && feature_equals_any(d, len, log_levels, LW_ARRAY_LEN(log_levels))) ||
                     ((k & FEATURE_KEY_LOG) && shape.digits == len && len <= 2) /* syslog 0-7, OTel 1-24 */
                 ? FEATURE_VALUE_LOG_LEVEL : 0;
        v |= feature_is_message_word(d, len) ? FEATURE_VALUE_MESSAGE_WORD : 0;
        v |= feature_is_error_code(&shape) ? FEATURE_VALUE_ERROR_CODE : 0;
        v |= !shape.digits && len <= 12 && feature_equals_any(d, len, publish_states, LW_ARRAY_LEN(publish_states))
                 ? FEATURE_VALUE_PUBLISH_STATE : 0;
        v |= len <= 8 && feature_is_locale(d, len) ? FEATURE_VALUE_LOCALE : 0;
    } else if (u->data != NULL) {
        v |= feature_is_url(u->data, u->len < FEATURE_SHAPE_MAX * 10 ? u->len : FEATURE_SHAPE_MAX * 10) ? FEATURE_VALUE_URL : 0;
    }
    f->key_facts = k;
    f->value_facts = v;
}

#define FEATURE_SIBLING_WINDOW 64 /* siblings looked at on each side: members of one record are adjacent */

static void feature_siblings_of(const inspect_doc *doc, const feature_unit *units, uint32_t self, feature_siblings *sb)
{
    const inspect_unit *me = &doc->units[self];
    const char *keys[16];
    memset(sb, 0, sizeof *sb);
    if (me->object_id == 0)
        return;
    uint32_t from = self > FEATURE_SIBLING_WINDOW ? self - FEATURE_SIBLING_WINDOW : 0;
    uint32_t to = self + FEATURE_SIBLING_WINDOW < doc->n_units ? self + FEATURE_SIBLING_WINDOW : doc->n_units;
    for (uint32_t j = from; j < to; j++) {
        const inspect_unit *u = &doc->units[j];
        if (u->object_id != me->object_id || u->data == NULL || (u->kind != LW_UNIT_FIELD && u->kind != LW_UNIT_TEXT))
            continue;
        bool known = !units[j].free_text || sb->text_keys >= LW_ARRAY_LEN(keys);
        for (uint32_t k = 0; k < sb->text_keys && !known; k++)
            known = strcmp(keys[k], u->field) == 0;
        if (!known)
            keys[sb->text_keys++] = u->field;
        if (j == self)
            continue;
        uint16_t k = units[j].key_facts, v = units[j].value_facts;
        sb->party |= ((k & FEATURE_KEY_PARTY) && !units[j].free_text && !(v & FEATURE_VALUE_LOCALE)) ||
                     (!(k & FEATURE_KEY_MACHINE_ID) && (v & FEATURE_VALUE_PERSON));
        sb->time |= (v & FEATURE_VALUE_TIME) != 0;
        sb->url |= (v & FEATURE_VALUE_URL) != 0;
        sb->log_level |= (v & FEATURE_VALUE_LOG_LEVEL) || (k & FEATURE_KEY_LOG);
        sb->error |= (k & FEATURE_KEY_ERROR) || ((k & FEATURE_KEY_STATUS) && (v & FEATURE_VALUE_ERROR_CODE));
        sb->analytics |= (k & FEATURE_KEY_ANALYTICS) != 0;
        sb->message_word |= (k & FEATURE_KEY_TYPE) && (v & FEATURE_VALUE_MESSAGE_WORD);
        sb->publishing |= (k & FEATURE_KEY_PUBLISHING) || ((k & FEATURE_KEY_STATUS) && (v & FEATURE_VALUE_PUBLISH_STATE));
    }
    /* GELF's "short_message" names a log record's text; SMPP's short_message (a MESSAGE unit) does not */
    sb->log_level |= me->kind == LW_UNIT_FIELD && (units[self].key_facts & FEATURE_KEY_LOG);
}

/* Distinct languages among the identified candidates of the unit's object (i18n bundles hold many). */
static uint32_t feature_object_languages(const inspect_doc *doc, const feature_unit *units, uint32_t self)
{
    const char *codes[8];
    uint32_t n = 0;
    uint16_t object = doc->units[self].object_id;
    for (uint32_t j = 0; object && j < doc->n_units && n < 8; j++) {
        if (doc->units[j].object_id != object || !units[j].lang_done || !units[j].lang.reliable)
            continue;
        bool known = false;
        for (uint32_t k = 0; k < n && !known; k++)
            known = strcmp(codes[k], units[j].lang.code) == 0;
        if (!known)
            codes[n++] = units[j].lang.code;
    }
    return n;
}

/* ---- the request around a unit ------------------------------------------------------------------ */

/* Next lower-cased word of a path or query (split at punctuation and camelCase humps). */
static size_t feature_path_word(const uint8_t *p, size_t len, size_t pos, char *word, size_t cap, size_t *start)
{
    while (pos < len && !isalnum(p[pos]))
        pos++;
    *start = pos;
    size_t n = 0;
    while (pos < len && isalnum(p[pos])) {
        if (n > 0 && isupper(p[pos]) && islower(p[pos - 1]))
            break;
        if (n + 1 < cap)
            word[n++] = (char)tolower(p[pos]);
        pos++;
    }
    word[n] = '\0';
    return pos;
}

static bool feature_is_id_segment(const uint8_t *p, size_t len)
{
    size_t digits = 0;
    for (size_t i = 0; i < len; i++)
        digits += p[i] >= '0' && p[i] <= '9';
    return len > 0 && (digits > 0 || p[0] == '@' || p[0] == '+' || p[0] == '!' || p[0] == '#' || len >= 16);
}

/* Path words saying "messages", and a party named in the path (an id after "rooms/") or the query. */
static void feature_path_semantics(const inspect_unit *path, bool *message, bool *party)
{
    const uint8_t *p = path->data;
    size_t len = path->len, pos = 0, start;
    const uint8_t *query = memchr(p, '?', len);
    size_t path_len = query ? (size_t)(query - p) : len;
    char word[32];
    bool after_party_word = false;
    while ((pos = feature_path_word(p, path_len, pos, word, sizeof word, &start)) > start) {
        *message |= feature_in(word, path_words, LW_ARRAY_LEN(path_words));
        if (after_party_word) {
            size_t seg_end = start;
            while (seg_end < path_len && p[seg_end] != '/')
                seg_end++;
            *party |= feature_is_id_segment(p + start, seg_end - start);
        }
        after_party_word = feature_in(word, path_party_words, LW_ARRAY_LEN(path_party_words));
    }
    for (size_t q = path_len; q < len;) { /* query keys naming a party: chat_id=, to=, recipient= */
        size_t key = q + 1, eq = key;
        while (eq < len && p[eq] != '=' && p[eq] != '&')
            eq++;
        char raw[32], stem[32];
        size_t n = eq - key < sizeof raw - 1 ? eq - key : sizeof raw - 1;
        memcpy(raw, p + key, n);
        raw[n] = '\0';
        feature_key_stem(raw, stem, sizeof stem);
        *party |= eq < len && p[eq] == '=' && feature_in(stem, party_stems, LW_ARRAY_LEN(party_stems));
        *message |= feature_contains_any(stem, message_words, LW_ARRAY_LEN(message_words));
        q = eq;
        while (q < len && p[q] != '&')
            q++;
    }
}

static bool feature_is_write(const inspect_unit *method)
{
    return method != NULL && ((method->len == 4 && memcmp(method->data, "POST", 4) == 0) ||
                              (method->len == 3 && memcmp(method->data, "PUT", 3) == 0) ||
                              (method->len == 7 && memcmp(method->data, "PUBLISH", 7) == 0) || /* a broker's */
                              (method->len == 5 && memcmp(method->data, "PATCH", 5) == 0));
}

/* ---- conversation ------------------------------------------------------------------------------ */

static void feature_conversation(const feature_unit *f, const message_context *ctx, float x[FEATURE_COUNT])
{
    uint32_t distinct = f->key_distinct, repeats = f->key_repeats;
    if (ctx != NULL) {
        distinct += ctx->prior_texts;
        repeats += ctx->prior_repeats;
        x[FEATURE_CONV_RECORDS] = fminf(1.0f, log2f(1.0f + ctx->records) / 6.0f);
        x[FEATURE_CONV_BOTH_SIDES] = ctx->peer_records > 0;
        x[FEATURE_CONV_HUMAN_GAPS] = ctx->records > 1 ? fminf(1.0f, (float)ctx->human_gaps / (float)(ctx->records - 1)) : 0;
        x[FEATURE_CONV_FAST_REPLIES] = ctx->records > 0 ? fminf(1.0f, (float)ctx->fast_replies / (float)ctx->records) : 0;
    }
    x[FEATURE_CONV_VARYING] = distinct > 1 ? fminf(1.0f, log2f((float)distinct) / 4.0f) : 0;
    /* A person sends a line at a time; a document or a listing arrives as many lines at once. */
    float records = ctx != NULL && ctx->records > 0 ? ctx->records : 1;
    x[FEATURE_CONV_LINES_PER_RECORD] = f->doc_lines > 1 ? fminf(1.0f, log2f(1.0f + f->doc_lines / records) / 5.0f) : 0;
    x[FEATURE_CONV_REPEATS] = distinct + repeats > 0 ? (float)repeats / (float)(distinct + repeats) : 0;
}

/* ---- the vector --------------------------------------------------------------------------------- */

static float feature_ratio(uint32_t part, uint32_t whole)
{
    return whole ? fminf(1.0f, (float)part / (float)whole) : 0;
}

static void feature_text(const text_stats *s, float x[FEATURE_COUNT])
{
    uint32_t visible = s->letters + s->digits + s->symbols + s->emoji;
    x[FEATURE_TEXT_CHARS] = fminf(1.0f, log2f(1.0f + s->chars) / 12.0f);
    x[FEATURE_TEXT_WORDS] = fminf(1.0f, log2f(1.0f + s->words) / 8.0f);
    x[FEATURE_TEXT_ONE_WORD] = s->words <= 1;
    x[FEATURE_TEXT_LETTERS] = feature_ratio(s->letters, visible);
    x[FEATURE_TEXT_DIGITS] = feature_ratio(s->digits, visible);
    x[FEATURE_TEXT_SYMBOLS] = feature_ratio(s->symbols, visible);
    x[FEATURE_TEXT_UPPER] = feature_ratio(s->upper, s->upper + s->lower);
    x[FEATURE_TEXT_MACHINE] = feature_ratio(s->machine_tokens, s->tokens);
    x[FEATURE_TEXT_TITLE_CASE] = s->cased_words >= 2 ? feature_ratio(s->capitalised, s->cased_words) : 0;
    x[FEATURE_TEXT_SENTENCE_END] = s->sentence_end;
    x[FEATURE_TEXT_QUESTION] = s->question_or_exclaim;
    x[FEATURE_TEXT_EMOJI] = s->emoji > 0;
    x[FEATURE_TEXT_LINES] = s->lines > 1 ? fminf(1.0f, log2f((float)s->lines) / 6.0f) : 0;
    x[FEATURE_TEXT_PARAGRAPHS] = s->paragraphs > 1 ? fminf(1.0f, log2f((float)s->paragraphs) / 4.0f) : 0;
    x[FEATURE_TEXT_PLACEHOLDER] = s->placeholder;
    x[FEATURE_TEXT_URL] = s->urls > 0;
    x[FEATURE_TEXT_MARKUP] = s->markup;
    x[FEATURE_TEXT_HEADING] = s->heading;
    x[FEATURE_TEXT_INVALID] = feature_ratio(s->invalid, s->chars);
    x[FEATURE_TEXT_STARTS_LOWER] = s->starts_lower;
    x[FEATURE_TEXT_ENDS_LABEL] = s->ends_label;
    x[FEATURE_TEXT_INFORMAL] = s->informal;
    x[FEATURE_TEXT_SENTENCES] = fminf(1.0f, log2f(1.0f + s->sentences) / 5.0f);
}

static void feature_language(const langid_result *l, uint32_t object_languages, float x[FEATURE_COUNT])
{
    x[FEATURE_LANG_KNOWN] = l->code[0] != '\0';
    x[FEATURE_LANG_RELIABLE] = l->reliable;
    x[FEATURE_LANG_SHARE] = l->percent / 100.0f;
    x[FEATURE_LANG_SCORE] = l->score > 0 ? fminf(1.0f, log2f(1.0f + l->score) / 2.0f) : 0;
    x[FEATURE_LANG_MIXED] = l->languages > 1;
    x[FEATURE_CTX_OBJECT_LANGUAGES] = object_languages > 1 ? fminf(1.0f, (float)(object_languages - 1) / 3.0f) : 0;
}

bool features_is_language(int feature)
{
    return (feature >= FEATURE_LANG_KNOWN && feature <= FEATURE_LANG_RELIABLE_EXTRACTED) ||
           feature == FEATURE_CTX_OBJECT_LANGUAGES;
}

bool features_is_context(int feature)
{
    return feature >= FEATURE_CTX_PROTOCOL_MESSAGE || feature == FEATURE_LANG_NONE_IN_BINARY ||
           feature == FEATURE_LANG_RELIABLE_EXTRACTED;
}

static void feature_context(const inspect_doc *doc, const feature_unit *units, uint32_t i, const message_context *ctx,
                            float x[FEATURE_COUNT])
{
    const inspect_unit *u = &doc->units[i];
    uint16_t key = units[i].key_facts;
    x[FEATURE_CTX_PROTOCOL_MESSAGE] = u->kind == LW_UNIT_MESSAGE;
    x[FEATURE_CTX_MAIL] = feature_is_mail_proto(u->proto);
    x[FEATURE_CTX_FIELD] = u->kind == LW_UNIT_FIELD;
    x[FEATURE_CTX_KEY_UNNAMED] = u->kind == LW_UNIT_FIELD && feature_key_is_unnamed(u->field);
    x[FEATURE_CTX_EXTRACTED] = u->kind == LW_UNIT_TEXT || u->framing != LW_FRAMING_STRUCTURED;
    x[FEATURE_CTX_BODY] = u->kind == LW_UNIT_BODY;
    /* "status": "read" is a state; a sentence under "status" is a status update, a post (Twitter's
     * and Mastodon's statuses, a messenger's status line) */
    bool status_update = u->kind == LW_UNIT_FIELD && strcasecmp(u->field, "status") == 0 && units[i].text.words >= 3;
    x[FEATURE_CTX_KEY_MESSAGE] = (key & FEATURE_KEY_MESSAGE) || status_update;
    x[FEATURE_CTX_KEY_METADATA] = (key & FEATURE_KEY_METADATA) || ((key & FEATURE_KEY_STATUS) && !status_update);
    x[FEATURE_CTX_KEY_ERROR] = (key & FEATURE_KEY_ERROR) != 0;
    x[FEATURE_CTX_KEY_PARTY] = u->kind == LW_UNIT_FIELD && (key & FEATURE_KEY_PARTY); /* "to": a name, not what was said */
    feature_siblings sb;
    feature_siblings_of(doc, units, i, &sb);
    x[FEATURE_CTX_SIBLING_PARTY] = sb.party;
    x[FEATURE_CTX_SIBLING_TIME] = sb.time;
    x[FEATURE_CTX_SIBLING_URL] = sb.url;
    x[FEATURE_CTX_SIBLING_LOG_LEVEL] = sb.log_level;
    x[FEATURE_CTX_SIBLING_ERROR] = sb.error;
    x[FEATURE_CTX_SIBLING_ANALYTICS] = sb.analytics;
    x[FEATURE_CTX_SIBLING_MESSAGE_WORD] = sb.message_word;
    x[FEATURE_CTX_SIBLING_PUBLISHING] = sb.publishing;
    x[FEATURE_CTX_OBJECT_TEXT_KEYS] = sb.text_keys > 1 ? fminf(1.0f, log2f((float)sb.text_keys) / 4.0f) : 0;
    x[FEATURE_CTX_AUTOMATED_SENDER] = units[i].doc_automated;
    const inspect_unit *start = units[i].request >= 0 ? &doc->units[units[i].request] : NULL;
    bool response = start != NULL && strcmp(start->field, ":status") == 0 &&
                    (u->proto == NULL || strcmp(u->proto, "websocket") != 0); /* frames after a 101 are no response body */
    const inspect_unit *path = start != NULL && !response ? start : NULL;
    const inspect_unit *method = path != NULL && units[i].request > 0 &&
                                 strcmp(doc->units[units[i].request - 1].field, ":method") == 0
                                     ? &doc->units[units[i].request - 1] : NULL;
    bool path_message = false, path_party = path != NULL && units[units[i].request].party_header;
    if (path != NULL)
        feature_path_semantics(path, &path_message, &path_party);
    if (u->framing == LW_FRAMING_LINES && u->kind == LW_UNIT_TEXT)
        path_message |= feature_in(u->field, path_words, LW_ARRAY_LEN(path_words)); /* a line's verb */
    x[FEATURE_CTX_PATH_MESSAGE] = path_message;
    /* A whole body of several lines sent to or from a path that does not speak of messages: a file
     * (a README, a script, an article), not the text of a chat API. */
    x[FEATURE_CTX_DOCUMENT_BODY] = u->kind == LW_UNIT_BODY && !path_message && units[i].text.lines > 2;
    /* Mails have paragraphs; elsewhere paragraphs make an article, a README, a help page. */
    x[FEATURE_CTX_PARAGRAPHS_OUTSIDE_MAIL] = !feature_is_mail_proto(u->proto) ? x[FEATURE_TEXT_PARAGRAPHS] : 0;
    x[FEATURE_CTX_PATH_PARTY] = path_party;
    x[FEATURE_CTX_WRITE_REQUEST] = feature_is_write(method);
    x[FEATURE_CTX_HTTP_RESPONSE] = response;
    x[FEATURE_CTX_BINARY_FRAMING] = u->framing == LW_FRAMING_BINARY || (u->layers & LW_LAYER_RECORD);
    x[FEATURE_CTX_LINE_FRAMING] = u->framing == LW_FRAMING_LINES;
    x[FEATURE_CTX_DATAGRAM] = ctx != NULL && ctx->datagram;
    /* Text found in a datagram that is most of it: a small header, then what someone wrote. */
    x[FEATURE_CTX_DATAGRAM_TEXT] = x[FEATURE_CTX_DATAGRAM] && x[FEATURE_CTX_EXTRACTED] && doc->bytes_inspected > 0
                                       ? fminf(1.0f, (float)u->len / (float)doc->bytes_inspected) : 0;
}

/* The language features of unit i. Where the extractor found the text (binary records, string
 * runs, lines of an unknown protocol), the identifier's verdict is most of what there is to go by:
 * text nobody recognises there is bytes that looked like letters, text in a known language there
 * was written by someone. */
static void feature_language_of_unit(const inspect_doc *doc, const feature_unit *units, uint32_t i,
                                     float x[FEATURE_COUNT])
{
    const inspect_unit *u = &doc->units[i];
    bool extracted = u->framing != LW_FRAMING_STRUCTURED || u->kind == LW_UNIT_TEXT;
    feature_language(&units[i].lang, feature_object_languages(doc, units, i), x);
    x[FEATURE_LANG_NONE_IN_BINARY] = u->framing == LW_FRAMING_BINARY && units[i].lang.code[0] == '\0';
    x[FEATURE_LANG_RELIABLE_EXTRACTED] = extracted && units[i].lang.reliable;
}

void features_language(const inspect_doc *doc, const feature_unit *units, uint32_t i, float x[FEATURE_COUNT])
{
    for (int k = 0; k < FEATURE_COUNT; k++)
        if (features_is_language(k))
            x[k] = 0;
    if (units[i].lang_done)
        feature_language_of_unit(doc, units, i, x);
}

void features_compute(const inspect_doc *doc, const feature_unit *units, uint32_t i, const message_context *ctx,
                      float x[FEATURE_COUNT])
{
    memset(x, 0, sizeof(float) * FEATURE_COUNT);
    feature_text(&units[i].text, x);
    if (units[i].lang_done)
        feature_language_of_unit(doc, units, i, x);
    x[FEATURE_TEXT_CONVERSATIONAL] = feature_has_conversation_word(doc->units[i].data, doc->units[i].len, &units[i].text);
    x[FEATURE_TEXT_TAG_PREFIX] = feature_starts_with_tag(doc->units[i].data, doc->units[i].len);
    x[FEATURE_TEXT_CODE] = units[i].text.lines > 1 ? feature_code_lines(doc->units[i].data, doc->units[i].len) : 0;
    feature_context(doc, units, i, ctx, x);
    feature_conversation(&units[i], ctx, x);
}
