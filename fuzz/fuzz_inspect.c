/* fuzz_inspect.c — the inspect stage through its public interface (inspect.h, message.h):
 * inspect_run, message_assess and inspect_entropy on one direction and its peer. Built once
 * per application protocol with FUZZ_PROTO (nDPI's label, the hint the framework weighs) and
 * FUZZ_PORT (the responder port the probes see), which leans the choice of decoder that way
 * as far as the interface allows, and once unforced (no hint, ports from the input).
 * Input: a flags byte (bit 0 from the initiator, bit 1 a datagram, bit 2 a gap, bit 3 no peer
 * at all — NULL, as the engine passes it before the other direction has bytes, bit 4 typed
 * real-time text; the data is also read as one RTP packet by rtt_characters), the data's
 * length (2 bytes, little endian), the data, then the peer's bytes. */
#include "fuzz_util.h"
#include "inspect/inspect.h"
#include "inspect/message.h"

static inspector *fuzz_inspector;
static inspect_doc *fuzz_doc;
static message_assessor *fuzz_assessor;
static message_model fuzz_model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[LW_ERRBUF];
    (void)argc, (void)argv;
    fuzz_inspector = inspector_new(NULL);
    fuzz_doc = malloc(sizeof *fuzz_doc);
    fuzz_assessor = message_assessor_new();
    if (!fuzz_inspector || !fuzz_doc || !fuzz_assessor ||
        message_model_load(FUZZ_MODEL, &fuzz_model, err, sizeof err) != LW_OK)
        abort();
    return 0;
}

/* One run with nDPI's label `proto` and responder port `port` (NULL: unforced). */
static void fuzz_inspect_one(const uint8_t *data, size_t size, const char *proto, uint16_t port)
{
    size_t len = (size_t)(data[1] | data[2] << 8);
    if (len > size - 3)
        len = size - 3;
    inspect_input in = {
        .data = data + 3,
        .len = (uint32_t)len,
        .peer = data[0] & 8 ? NULL : data + 3 + len,
        .peer_len = data[0] & 8 ? 0 : (uint32_t)(size - 3 - len),
        .from_initiator = data[0] & 1,
        .is_datagram = (data[0] & 2) != 0,
        .gap = (data[0] & 4) != 0,
        .typed = (data[0] & 16) != 0,
        .l4proto = data[0] & 2 ? 17 : 6,
        .initiator_port = proto ? 40000 : (uint16_t)(data[0] << 8 | data[1]),
        .responder_port = proto ? port : (uint16_t)(data[2] << 8 | data[0]),
        .ndpi_proto = proto ? proto : "Unknown",
    };
    const uint8_t *chars;
    size_t typed;
    if (rtt_characters(in.data, in.len, &chars, &typed)) {
        if (chars < in.data || chars + typed > in.data + in.len)
            abort();
        fuzz_touch(chars, typed);
    }
    inspect_doc *doc = fuzz_doc;
    inspect_run(fuzz_inspector, &in, doc);
    if (doc->n_units > LW_INSPECT_MAX_UNITS)
        abort();
    for (uint32_t i = 0; i < doc->n_units; i++) {
        const inspect_unit *u = &doc->units[i];
        fuzz_touch(u->data, u->len);
        if (strnlen(u->field, sizeof u->field) == sizeof u->field)
            abort();
    }
    message_assessment msg;
    message_context ctx = {.datagram = in.is_datagram, .records = data[0] >> 3, .peer_records = data[0] >> 5};
    message_assess(fuzz_assessor, &fuzz_model, doc, &ctx, &msg);
    if (msg.n_text_units > sizeof msg.text_units / sizeof msg.text_units[0])
        abort();
    for (uint32_t i = 0; i < msg.n_text_units; i++)
        if (msg.text_units[i] >= doc->n_units)
            abort();
    inspect_entropy(doc, &in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
#if defined(FUZZ_PROTO)
    fuzz_inspect_one(data, size, FUZZ_PROTO, FUZZ_PORT);
#elif defined(FUZZ_EVERY_HINT) /* the regression replay: every lean the fuzzing builds have */
    static const struct { const char *proto; uint16_t port; } hints[] = {
        {"HTTP", 80}, {"WebSocket", 80}, {"SMTP", 25}, {"POP3", 110}, {"IMAP", 143}, {"NNTP", 119},
        {"XMPP", 5222}, {"IRC", 6667}, {"MQTT", 1883}, {"Redis", 6379}, {"STOMP", 61613}, {"Kafka", 9092},
        {"HTTP2", 50051}, {"Thrift", 9090}, {"NATS", 4222}, {"Zephyr", 2104}};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        fuzz_inspect_one(data, size, hints[i].proto, hints[i].port);
    fuzz_inspect_one(data, size, NULL, 0);
#else
    fuzz_inspect_one(data, size, NULL, 0);
#endif
    return 0;
}
