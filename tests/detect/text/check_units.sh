#!/bin/sh
# make check: the committed text-unit set is exactly what its generator writes (units.tsv,
# counts.tsv, the README counts block) and meets its promised minimums (units, languages,
# families, split). Fails, never skips, when python3 or a file is missing.
dir=${LW_TOP_SRCDIR:-$(dirname "$0")/../../..}/tests/detect/text
exec /usr/bin/python3 "$dir/make_units.py" --check
