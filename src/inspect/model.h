/* model.h — the message model: a logistic regression over the features of features.h, its
 * weights read from a data file (message-model.tsv) that tools/fit-message-model.py fits,
 * deterministically, on the development half of the labelled corpora. The file must name every
 * feature this build computes, once, and nothing else: a model fitted for other features is
 * refused (exit 2), never half-applied.
 *
 * Owns the weights; immutable once loaded (shared by every worker). */
#ifndef LW_MODEL_H
#define LW_MODEL_H

#include "features.h"

typedef struct message_model {
    float bias;
    float threshold;             /* decide "message" when the logit reaches it */
    float weights[FEATURE_COUNT];
    /* The most the language features could add to the logit (their weights where positive, at
     * their largest value 1): what a candidate must be within of the threshold for language
     * identification to be worth its cost. And the least (their negative weights at 1): how a
     * candidate whose language was not identified (beyond the budget) is scored, so that it
     * never counts more than it would have. */
    float language_headroom, language_floor;
    char source[160];            /* the file's "# fitted:" line, for -T */
} message_model;

/* Load `path`; on error *err names the file and line. */
lw_status message_model_load(const char *path, message_model *model, char *err, size_t errlen);

/* The model file to load: `explicit` when given, else MESSAGE_MODEL_FILE in the first of
 * `paths` (signature directories, or the directory of a signature file) that has one.
 * False when there is none. */
#define MESSAGE_MODEL_FILE "message-model.tsv"
bool message_model_find(const char *explicit_path, char *const *paths, size_t n_paths, char *out, size_t len);

/* bias + weights · x */
float message_model_logit(const message_model *model, const float x[FEATURE_COUNT]);

#endif
