/* fuzz_signatures.c — the signature pack loader on one pack; a pack that loads is listed
 * (-T) and matched against a chat message that the inspect stage decoded once at start. */
#include "fuzz_util.h"
#include "signatures.h"

static inspector *fuzz_inspector; /* its arena holds the doc's units for the whole run */
static inspect_doc *fuzz_doc;
static message_assessment fuzz_msg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static const char request[] = "POST /api/messages HTTP/1.1\r\nHost: chat.example\r\n"
                                  "Content-Type: application/json\r\nContent-Length: 64\r\n\r\n"
                                  "{\"to\":\"alice@example.org\",\"text\":\"see you at the station at nine\"}";
    fuzz_inspector = inspector_new(NULL);
    fuzz_doc = malloc(sizeof *fuzz_doc);
    if (!fuzz_inspector || !fuzz_doc)
        abort();
    inspect_input input = {.data = (const uint8_t *)request, .len = sizeof request - 1, .from_initiator = true,
                           .l4proto = 6, .initiator_port = 40000, .responder_port = 80, .ndpi_proto = "HTTP"};
    inspect_run(fuzz_inspector, &input, fuzz_doc);
    char err[LW_ERRBUF];
    static message_model model;
    message_assessor *assessor = message_assessor_new();
    if (!assessor || message_model_load(FUZZ_SIGNATURES "/message-model.tsv", &model, err, sizeof err) != LW_OK)
        abort();
    message_assess(assessor, &model, fuzz_doc, NULL, &fuzz_msg);
    message_assessor_free(assessor);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[LW_ERRBUF];
    char *paths[] = {(char *)fuzz_file(data, size)};
    sig_set *s = NULL;
    if (sigset_load(paths, 1, &s, err, sizeof err) != LW_OK)
        return 0;
    sigset_print(s, fuzz_null_file());
    sig_scratch *sc = sigset_scratch_new(s);
    if (!sc)
        abort();
    sig_context ctx = {.doc = fuzz_doc, .msg = &fuzz_msg, .app_proto = "HTTP", .ndpi_proto = "HTTP",
                       .host = "ingest.archive.example.com", .l4proto = 6, .server_port = 80,
                       .device_sending = true, .from_initiator = true, .verdict = LW_VERDICT_PLAINTEXT,
                       .bytes = 200};
    sigset_match(s, sc, &ctx, NULL, NULL);
    ctx.doc = NULL, ctx.msg = NULL;
    sigset_match(s, sc, &ctx, NULL, NULL);
    sigset_scratch_free(sc);
    sigset_free(s);
    return 0;
}
