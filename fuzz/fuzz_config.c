/* fuzz_config.c — the configuration loader: with the first byte even, the rest is a YAML file
 * loaded over the defaults and printed (-T); odd, it is an -o output spec (json:…, redis://…,
 * unix://…) parsed. */
#include "config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char err[LW_ERRBUF];
    if (data[0] & 1) {
        char *spec = strndup((const char *)data + 1, size - 1);
        lw_output_spec out;
        memset(&out, 0, sizeof out);
        if (spec && config_parse_output(spec, &out, err, sizeof err) == LW_OK)
            config_output_free(&out);
        free(spec);
        return 0;
    }
    lw_config cfg;
    config_defaults(&cfg);
    if (config_load(fuzz_file(data + 1, size - 1), &cfg, err, sizeof err) == LW_OK)
        config_print(&cfg, fuzz_null_file());
    config_free(&cfg);
    return 0;
}
