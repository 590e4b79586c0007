#!/usr/bin/env bash
# Benchmark (not a test): `s75 lsp` on the real 2019 agreement, driven over
# stdio as an editor drives it (scripts/lib/lsp_bench.py). Measures, after
# an edit to the body, the time until its diagnostics arrive (and until
# every file's have), and the time to answer hover and go-to-definition.
# Budgets (issue 20): diagnostics within 100 ms, hover/definition within 20 ms.
# Figures go in docs/performance.md.
#
# Needs: a release build (built here) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/bench-lsp
rm -rf "$work/repo"
mkdir -p "$work/repo/agreements"
cp -r agreements/coventry-cwpt-2019 "$work/repo/agreements/"

cargo build --release --quiet
python3 scripts/lib/lsp_bench.py "$PWD/target/release/s75" "$PWD/$work/repo" "${ROUNDS:-40}"
