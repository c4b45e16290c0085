/* model.h — the message model: a logistic regression over the features of features.h plus, when
 * the file declares them, a few hidden tanh units over the same features (what a sum of weights
 * cannot say: "a sentence, and no context at all", "many records, and none of them varying").
 * Its numbers are read from a data file (message-model.tsv) that tools/fit-message-model.py fits,
 * deterministically, on the development half of the labelled corpora. The file must name every
 * feature this build computes, once, and nothing else: a model fitted for other features is
 * refused (exit 2), never half-applied.
 *
 * Owns the weights; immutable once loaded (shared by every worker). */
#ifndef LW_MODEL_H
#define LW_MODEL_H

#include "features.h"

#define MODEL_MAX_HIDDEN 16

/* Per output (the logit, then each hidden unit's input): what the language features add to it
 * at most and at least, each feature anywhere in [0, 1]. */
typedef struct model_language_span {
    float up, down;
} model_language_span;

typedef struct message_model {
    float bias;
    float threshold;             /* decide "message" when the logit reaches it */
    float weights[FEATURE_COUNT];
    int n_hidden;                /* 0: a plain logistic regression */
    float hidden_bias[MODEL_MAX_HIDDEN], hidden_out[MODEL_MAX_HIDDEN];
    float hidden_in[FEATURE_COUNT][MODEL_MAX_HIDDEN];
    model_language_span language_linear, language_hidden[MODEL_MAX_HIDDEN];
    char source[160];            /* the file's "# fitted:" line, for -T */
} message_model;

/* Load `path`; on error *err names the file and line. */
lw_status message_model_load(const char *path, message_model *model, char *err, size_t errlen);

/* The model file to load: `explicit` when given, else MESSAGE_MODEL_FILE in the first of
 * `paths` (signature directories, or the directory of a signature file) that has one.
 * False when there is none. */
#define MESSAGE_MODEL_FILE "message-model.tsv"
bool message_model_find(const char *explicit_path, char *const *paths, size_t n_paths, char *out, size_t len);

/* bias + weights · x + Σ out_h · tanh(bias_h + in_h · x) */
float message_model_logit(const message_model *model, const float x[FEATURE_COUNT]);

/* The least and the most the logit can be whatever the language features of x are (each in
 * [0, 1]; their values in x are ignored): whether a candidate could reach the threshold once its
 * language is known, and how a candidate whose language was not identified (beyond the budget)
 * is scored, so that it never counts more than it would have. */
void message_model_language_range(const message_model *model, const float x[FEATURE_COUNT], float *least,
                                  float *most);

#endif
