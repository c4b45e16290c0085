/* config.h — the configuration, parsed once from YAML (libyaml) into plain structs that
 * stages receive. Owns every string and array it holds; config_free releases them.
 * Unknown keys, wrong types and bad values are errors naming file:line:column. */
#ifndef LW_CONFIG_H
#define LW_CONFIG_H

#include <stdio.h>

#include "common.h"

typedef struct lw_string_list {
    char **items;
    size_t count;
} lw_string_list;

typedef struct lw_cidr_list {
    lw_cidr *items;
    size_t count;
} lw_cidr_list;

typedef enum lw_evidence_mode { LW_EVIDENCE_REDACTED = 0, LW_EVIDENCE_SEALED, LW_EVIDENCE_CLEAR } lw_evidence_mode;
typedef enum lw_checksums { LW_CHECKSUMS_AUTO = 0, LW_CHECKSUMS_VALIDATE, LW_CHECKSUMS_IGNORE } lw_checksums;
typedef enum lw_redis_mode { LW_REDIS_STREAM = 0, LW_REDIS_LIST, LW_REDIS_CHANNEL } lw_redis_mode;
typedef enum lw_fsync_policy { LW_FSYNC_NEVER = 0, LW_FSYNC_BATCH, LW_FSYNC_ALWAYS } lw_fsync_policy;
typedef enum lw_spool_overflow { LW_SPOOL_DROP_NEWEST = 0, LW_SPOOL_DROP_OLDEST } lw_spool_overflow;

typedef struct lw_redis_config {
    char *url;            /* redis://[[user]:pass@]host[:port][/db][?mode=…&key=…] or unix:///path,
                           * as given but with the password shown as "***" (safe to log) */
    char *host;           /* filled from url */
    int port;
    char *unix_path;      /* unix socket instead of host:port */
    char *user, *password;
    int db;
    lw_redis_mode mode;
    char *key;            /* default leakwatch:alerts */
    long maxlen;          /* stream MAXLEN ~; 0 = no trimming */
    char *spool_dir;      /* outputs.redis.spool */
    long spool_max_bytes; /* cap of the spool directory */
    lw_spool_overflow spool_overflow;
    lw_fsync_policy fsync;
    int batch;            /* records per pipelined batch */
    int timeout_ms;       /* connect and command timeout */
} lw_redis_config;

typedef struct lw_output_spec {
    enum { LW_OUT_JSON, LW_OUT_REDIS, LW_OUT_PCAP } kind; /* pcap: only from -o, moved into pcap_dir */
    char *path;           /* json: "-" or a file; pcap: the directory */
    lw_redis_config redis;
} lw_output_spec;

typedef struct lw_config {
    char *source;                  /* file loaded, or "(built-in defaults)" */

    lw_cidr_list home_networks;

    lw_string_list approved_hosts; /* exact, "*.suffix" wildcard */
    lw_cidr_list approved_cidrs;
    lw_string_list approved_countries; /* ISO codes */
    uint32_t *approved_asns;
    size_t approved_asn_count;
    lw_string_list allowed_countries;  /* empty = any */
    bool watch_internal;               /* policy.watch_internal: also report flows with both ends home */

    char *country_db, *asn_db;

    lw_string_list signature_paths;    /* files, or directories of .yaml packs */

    char *sensor_name;                 /* sensor.name: "host" of every record; NULL = host name */

    char *interface;                   /* capture.interface (-i wins) */
    lw_string_list interfaces;         /* capture.interfaces: several, as one timeline (-i wins) */
    uint32_t workers;                  /* capture.workers (-j wins); 0 = online CPUs, at most 8 */
    char *filter;                      /* capture.filter (-f wins) */
    int snaplen;
    bool promiscuous;
    int buffer_mib;
    lw_checksums checksums;            /* capture.checksums: validate, unless the capture shows offload */

    uint64_t flows_max;
    uint64_t flows_memcap;             /* all per-flow memory: entries, stages, nDPI state, streams */
    uint32_t idle_timeout_s;
    uint32_t tcp_closed_timeout_s;

    uint32_t reassembly_depth;         /* bytes per direction */
    uint64_t reassembly_memcap;

    uint32_t inspect_max_layers;       /* nested decodings (base64 in JSON in gzip …) */
    uint32_t inspect_inflate_limit;    /* bytes produced by one inflate */
    char *inspect_model;               /* inspect.model: the message model file; NULL = message-model.tsv
                                          beside the first signature path that has one */
    char *feature_dump;                /* --dump-features FILE (developers: model fitting); NULL = off */

    lw_evidence_mode evidence_mode;
    char *evidence_public_key;         /* base64 X25519 public key for sealed mode */
    uint32_t rate_limit_count;         /* alerts per (device, destination, signature) … */
    uint32_t rate_limit_interval_s;    /* … per this many seconds; 0 = no limit */

    lw_output_spec *outputs;
    size_t output_count;

    char *pcap_dir;                    /* outputs.pcap.dir: <alert_id>.pcap files; NULL = none */
    uint64_t pcap_max_bytes;           /* outputs.pcap.max_bytes: per file */

    uint32_t stats_interval_s;         /* live capture: periodic stats records */

    char *metrics_listen;              /* "host:port" of /metrics and /healthz, NULL = off */
} lw_config;

/* Fill `cfg` with built-in defaults (contract: RFC 1918 + RFC 4193 home, JSON to stdout). */
void config_defaults(lw_config *cfg);

/* Load YAML from `path` on top of what cfg holds (config_defaults first). On error returns
 * LW_ERR_USAGE with "file:line:column: message" in err; cfg is then partly updated but still
 * consistent, and config_free releases it. */
lw_status config_load(const char *path, lw_config *cfg, char *err, size_t errlen);

/* Parse an -o SPEC (json:-, json:PATH, redis://…, unix:///socket…) into an output spec
 * (redis settings the URL does not give take their defaults). Nothing is left allocated on error. */
lw_status config_parse_output(const char *spec, lw_output_spec *out, char *err, size_t errlen);
/* Release what config_parse_output allocated (for specs not handed to config_set_outputs). */
void config_output_free(lw_output_spec *out);
/* Parse a redis:// URL into rc (keeps fields the URL does not mention). */
lw_status config_parse_redis_url(const char *url, lw_redis_config *rc, char *err, size_t errlen);

/* Split a metrics.listen value, "HOST:PORT" or "[IPV6]:PORT" (port 1-65535; 0 when any_port,
 * for tests), into host and port. LW_ERR_USAGE with the reason in err. */
lw_status config_parse_listen(const char *spec, bool any_port, char *host, size_t hostlen, uint16_t *port, char *err,
                              size_t errlen);

/* Replace the configured outputs with `specs` (from -o); takes ownership. A pcap:DIR spec
 * replaces outputs.pcap.dir instead; without a json or redis spec the configured sinks stay. */
void config_set_outputs(lw_config *cfg, lw_output_spec *specs, size_t count);

/* The sensor's name, the "host" member of every record: sensor.name, else the machine's
 * host name (gethostname), else "localhost". Returns buf. */
const char *config_sensor_name(const lw_config *cfg, char *buf, size_t len);

/* Print the effective configuration (for -T). */
void config_print(const lw_config *cfg, FILE *out);

void config_free(lw_config *cfg);

#endif
