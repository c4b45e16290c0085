/* protocol_samples.h — shared by the protocol decoder tests (test_mail.c,
 * test_chat_protocols.c): load a corpus conversation from tests/data/protocols/<name>.c|.s
 * (initiator's and responder's bytes), run one direction through inspect_run into tc_doc,
 * assess it with the committed message model, and look for labels and units. Included once per
 * test program. */
#ifndef LW_TEST_PROTOCOL_SAMPLES_H
#define LW_TEST_PROTOCOL_SAMPLES_H

typedef struct tc_sample {
    uint8_t *client, *server;
    size_t client_len, server_len;
    uint16_t client_port, server_port;
} tc_sample;

static inspector *tc_inspector;
static inspect_doc tc_doc;
static message_model tc_model;
static message_assessor *tc_assessor;

static uint8_t *tc_read(const char *name, const char *suffix, size_t *len)
{
    const char *top = getenv("LW_TOP_SRCDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/protocols/%s.%s", top ? top : ".", name, suffix);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    uint8_t *buf = malloc(64 * 1024);
    assert_non_null(buf);
    *len = fread(buf, 1, 64 * 1024, f);
    fclose(f);
    return buf;
}

static tc_sample tc_load(const char *name, uint16_t client_port, uint16_t server_port)
{
    tc_sample s = {.client_port = client_port, .server_port = server_port};
    s.client = tc_read(name, "c", &s.client_len);
    s.server = tc_read(name, "s", &s.server_len);
    return s;
}

static void tc_free(tc_sample *s)
{
    free(s->client);
    free(s->server);
}

/* Decode one direction (the first `len` bytes of it) into tc_doc. */
static void tc_run(const tc_sample *s, bool from_client, size_t len)
{
    inspect_input in = {
        .data = from_client ? s->client : s->server,
        .len = (uint32_t)len,
        .peer = from_client ? s->server : s->client,
        .peer_len = (uint32_t)(from_client ? s->server_len : s->client_len),
        .from_initiator = from_client,
        .l4proto = 6,
        .initiator_port = s->client_port,
        .responder_port = s->server_port,
        .ndpi_proto = "Unknown",
    };
    inspect_run(tc_inspector, &in, &tc_doc);
}

static void tc_assess(const tc_sample *s, bool from_client, message_assessment *a)
{
    tc_run(s, from_client, from_client ? s->client_len : s->server_len);
    message_assess(tc_assessor, &tc_model, &tc_doc, NULL, a);
}

static bool tc_has_label(const message_assessment *a, const char *label)
{
    for (uint32_t i = 0; i < a->n_matched; i++)
        if (strcmp(a->matched[i], label) == 0)
            return true;
    return false;
}

static const inspect_unit *tc_find_unit(inspect_unit_kind kind, const char *field)
{
    for (uint32_t i = 0; i < tc_doc.n_units; i++)
        if (tc_doc.units[i].kind == kind && strcmp(tc_doc.units[i].field, field) == 0)
            return &tc_doc.units[i];
    return NULL;
}

/* Group setup and teardown: one inspector for every test of the program. */
static int tc_setup(void **state)
{
    (void)state;
    char path[512], err[LW_ERRBUF];
    const char *top = getenv("LW_TOP_SRCDIR");
    snprintf(path, sizeof path, "%s/signatures/message-model.tsv", top ? top : ".");
    if (message_model_load(path, &tc_model, err, sizeof err) != LW_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    tc_inspector = inspector_new(NULL);
    tc_assessor = message_assessor_new();
    return tc_inspector && tc_assessor && sodium_init() >= 0 ? 0 : -1;
}

static int tc_teardown(void **state)
{
    (void)state;
    inspector_free(tc_inspector);
    message_assessor_free(tc_assessor);
    return 0;
}

#endif
