/* reload.h — what a reload (SIGHUP) can change: the keys that differ between the running and
 * the new configuration but take effect only at a restart (named in the reload's log line). */
#ifndef LW_RELOAD_H
#define LW_RELOAD_H

#include "common.h"
#include "config.h"

/* Settings the command line gave, which a configuration file cannot change. */
typedef struct reload_overrides {
    bool outputs;   /* -o */
    bool interface; /* -i */
    bool workers;   /* -j */
} reload_overrides;

/* Writes "flows.max, outputs.json.path" (or "" when none) to out. LW_ERR_RUNTIME when memory
 * ran out (out is then empty). */
lw_status reload_restart_keys(const lw_config *running, const lw_config *fresh, const reload_overrides *o, char *out,
                              size_t outlen);

#endif
