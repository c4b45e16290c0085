/* yamlfile.h — reading one YAML file under the limits every loader shares (the configuration
 * and the signature packs): a regular file (a FIFO or a device could block start-up and every
 * reload), at most YAMLFILE_MAX_BYTES, one document, nested at most YAMLFILE_MAX_DEPTH levels,
 * at most YAMLFILE_MAX_NODES nodes — counting each alias as a copy of what it names, so a
 * "billion laughs" document is refused before anything walks it — and at most
 * YAMLFILE_MAX_ANCHORS anchors (libyaml resolves each alias by a linear search of them).
 * Errors are one line, "FILE: message" or "FILE:LINE:COLUMN: message". Owns nothing after
 * it returns but the document it hands out. */
#ifndef LW_YAMLFILE_H
#define LW_YAMLFILE_H

#include <yaml.h>

#include "common.h"

#define YAMLFILE_MAX_BYTES (1u << 20)
#define YAMLFILE_MAX_DEPTH 16
#define YAMLFILE_MAX_NODES 100000
#define YAMLFILE_MAX_ANCHORS 1000

/* Read `path` and build its node tree into doc (release it with yaml_document_delete). An
 * empty file gives a document without a root node. On error returns LW_ERR_USAGE (or
 * LW_ERR_RUNTIME when memory ran out) with the message in err, and doc holds nothing. */
lw_status yamlfile_load(const char *path, yaml_document_t *doc, char *err, size_t errlen);

#endif
