#!/bin/sh
# e2e.sh — `make check` entry of the end-to-end test: regenerates the labelled captures into the
# build tree (tests/gen/out), then runs tests/e2e/run_e2e.py against the built binary.
# Fails when /usr/bin/python3 lacks scapy; never writes into the source tree.
set -e
srcdir=${LW_TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
builddir=${LW_TOP_BUILDDIR:-$(pwd)}
python=${LW_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import scapy.all' >/dev/null 2>&1; then
    echo "FAIL: $python cannot import scapy (Debian: apt-get install python3-scapy)"
    exit 1
fi
out=$builddir/tests/gen/out
"$python" "$srcdir/tests/gen/make_corpus.py" -o "$out"
LW_BIN=${LW_BIN:-$builddir/leakwatch} LW_GEN_OUT=$out LW_TOP_SRCDIR=$srcdir LW_TOP_BUILDDIR=$builddir \
    exec "$python" "$srcdir/tests/e2e/run_e2e.py"
