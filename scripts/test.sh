#!/usr/bin/env bash
# The test command (README): installs the external checkers the tests use
# (pdftotext, qpdf, Chromium, LibreOffice), then runs the whole test-suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
# Format drift fails CI cheaply before the long build.
cargo fmt --all -- --check
# Lint warnings fail the run too (the levels are Cargo.toml's [lints]).
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked --all-targets "$@"
