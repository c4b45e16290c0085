/* fuzz_engine.c — the whole pipeline on one capture file: the input is written to a memfd and
 * replayed through capture → engine (decode, flows, reassembly, nDPI, inspection, signatures,
 * policy, alerts rendered to /dev/null) with the default signature packs. The engine is made
 * once (nDPI's module and the pattern database take long to build) and every input ends with
 * engine_finish, which ends all its flows: each run starts with an empty flow table. */
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char yaml[512], err[LW_ERRBUF];
    int n = snprintf(yaml, sizeof yaml, "signatures: {paths: [\"%s\"]}\noutputs: {json: {path: /dev/null}}\n"
                     "reassembly: {memcap: 16MiB}\nflows: {max: 4096}\n", FUZZ_SIGNATURES);
    config_defaults(&fuzz_cfg);
    if (config_load(fuzz_file((const uint8_t *)yaml, (size_t)n), &fuzz_cfg, err, sizeof err) != LW_OK ||
        outputs_open(&fuzz_cfg, &fuzz_out, err, sizeof err) != LW_OK ||
        engine_new(&fuzz_cfg, fuzz_out, false, &fuzz_engine, err, sizeof err) != LW_OK) {
        fprintf(stderr, "fuzz_engine: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[LW_ERRBUF];
    char *files[] = {(char *)fuzz_file(data, size)};
    capture_options opt = {.files = files, .n_files = 1, .snaplen = 65535};
    capture *cap = NULL;
    if (capture_open(&opt, &cap, err, sizeof err) == LW_OK)
        capture_run(cap, engine_frame, fuzz_engine, err, sizeof err);
    capture_close(cap);
    engine_finish(fuzz_engine, 0, err, sizeof err);
    return 0;
}
