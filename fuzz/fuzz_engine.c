/* fuzz_engine.c — the whole pipeline on one capture file: the input is written to a memfd and
 * replayed through capture → engine (decode, flows, reassembly, nDPI, inspection, signatures,
 * policy, alerts rendered to /dev/null) with the default signature packs. The engine is made
 * once (nDPI's module and the pattern database take long to build), time advances with every
 * frame (flows expire as in a replay), and every input ends with engine_finish, which ends all
 * its flows: each run starts with an empty flow table. */
#include "capture.h"
#include "config.h"
#include "engine.h"
#include "fuzz_util.h"
#include "output.h"

#ifndef FUZZ_SIGNATURES
#error "FUZZ_SIGNATURES: the directory of the default signature packs"
#endif

static lw_config fuzz_cfg;
static outputs *fuzz_out;
static engine *fuzz_engine;

static lw_status fuzz_emit(void *user, const engine_record *r, char *err, size_t errlen)
{
    (void)user;
    return outputs_write(fuzz_out, LW_RECORD_ALERT, r->json, r->len, err, errlen);
}

static void fuzz_frame(void *user, const capture_frame *frame)
{
    engine_advance(user, frame->ts_us);
    engine_frame(user, frame);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char yaml[512], err[LW_ERRBUF];
    int n = snprintf(yaml, sizeof yaml, "signatures: {paths: [\"%s\"]}\noutputs: {json: {path: /dev/null}}\n"
                     "reassembly: {memcap: 16MiB}\nflows: {max: 4096}\n", FUZZ_SIGNATURES);
    config_defaults(&fuzz_cfg);
    if (config_load(fuzz_file((const uint8_t *)yaml, (size_t)n), &fuzz_cfg, err, sizeof err) != LW_OK ||
        outputs_open(&fuzz_cfg, &fuzz_out, err, sizeof err) != LW_OK ||
        engine_new(&fuzz_cfg, &(engine_options){false, fuzz_cfg.flows_max, fuzz_cfg.reassembly_memcap, fuzz_emit, NULL, stderr},
                   &fuzz_engine, err, sizeof err) != LW_OK) {
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
    engine_finish(fuzz_engine);
    capture_close(cap); /* after the engine let go of the frames (read in place) */
    return 0;
}
