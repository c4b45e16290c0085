/* fuzz_engine.c — the whole pipeline on one capture file: the input is written to a memfd and
 * replayed through capture → engine (decode, flows, reassembly, nDPI, inspection, signatures,
 * policy, alert records rendered and dropped) with the default signature packs. The engine is made
 * once (nDPI's module and the pattern database take long to build), time advances with every
 * frame (flows expire as in a replay), and every input ends with engine_finish, which ends all
 * its flows: each run starts with an empty flow table. */
#include "capture.h"
#include "config.h"
#include "engine.h"
#include "fuzz_util.h"

#ifndef FUZZ_SIGNATURES
#error "FUZZ_SIGNATURES: the directory of the default signature packs"
#endif

static lw_config fuzz_cfg;
static engine *fuzz_engine;

/* Every alert record is read whole (it must be a complete string of its length), then dropped. */
static lw_status fuzz_emit(void *user, const engine_record *r, char *err, size_t errlen)
{
    (void)user, (void)err, (void)errlen;
    fuzz_touch(r->json, r->len);
    return LW_OK;
}

/* One engine, as one worker drives it: time advances to each frame, then the frame. */
static void fuzz_frame(void *user, const capture_frame *fr)
{
    engine_advance(user, fr->ts_us);
    engine_frame(user, fr);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char yaml[512], err[LW_ERRBUF];
    int n = snprintf(yaml, sizeof yaml, "signatures: {paths: [\"%s\"]}\n"
                     "reassembly: {memcap: 16MiB}\nflows: {max: 4096, memcap: 32MiB}\n", FUZZ_SIGNATURES);
    config_defaults(&fuzz_cfg);
    engine_options opt = {.flows_max = 4096, .reassembly_memcap = 16u << 20, .flows_memcap = 32u << 20,
                          .emit = fuzz_emit, .log = stderr};
    if (config_load(fuzz_file((const uint8_t *)yaml, (size_t)n), &fuzz_cfg, err, sizeof err) != LW_OK ||
        engine_new(&fuzz_cfg, &opt, &fuzz_engine, err, sizeof err) != LW_OK) {
        fprintf(stderr, "fuzz_engine: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[LW_ERRBUF];
    char *files[] = {(char *)fuzz_file(data, size)};
    capture_options opt = {.files = files, .n_files = 1};
    capture *cap = NULL;
    if (capture_open(&opt, &cap, err, sizeof err) == LW_OK)
        capture_run(cap, fuzz_frame, fuzz_engine, err, sizeof err);
    capture_close(cap);
    engine_finish(fuzz_engine);
    return 0;
}
