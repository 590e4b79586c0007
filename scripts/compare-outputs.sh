#!/usr/bin/env bash
# Usage: scripts/compare-outputs.sh BASE_BIN NEW_BIN
#
# Runs the same commands with two s75 binaries and diffs what they print
# (standard output, standard error and exit code): a change meant to leave
# every finding alone (a refactor, a speed change) must leave these
# byte-identical. Covered: `validate --format json` and `--format sarif` on
# every bundled agreement and every test fixture repository, `matrix
# --format json` on every bundled agreement, and `diff --format json`
# from the 2019 agreement to the 2022 one. S75_TODAY is fixed, so date
# findings do not move with the calendar. Exit 0 when all are identical.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BASE_BIN NEW_BIN" >&2; exit 2; }
base=$(realpath "$1")
new=$(realpath "$2")
cd "$(dirname "$0")/.."
root=$PWD
export S75_TODAY=2026-11-24 NO_COLOR=1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run NAME DIR ARGS…: each binary's output of `s75 ARGS…` run in DIR.
run() {
  local name=$1 dir=$2
  shift 2
  for side in base new; do
    local bin=$base
    [ "$side" = new ] && bin=$new
    mkdir -p "$out/$side"
    local code=0
    (cd "$dir" && "$bin" "$@" >"$out/$side/$name.stdout" 2>"$out/$side/$name.stderr") || code=$?
    echo "$code" >"$out/$side/$name.exit"
  done
  count=$((count + 1))
}

count=0
for agreement in agreements/*/; do
  a=$(basename "$agreement")
  for format in json sarif; do
    run "validate-$a.$format" "$root" validate "agreements/$a" --format "$format"
  done
  run "matrix-$a.json" "$root" matrix "agreements/$a" --format json
done
run "validate-all.json" "$root" validate --format json
run "validate-all.sarif" "$root" validate --format sarif

# Every fixture repository (a folder with an s75.toml), checked as a whole from inside.
while IFS= read -r config; do
  repo=$(dirname "$config")
  name=$(echo "${repo#tests/fixtures/}" | tr / _)
  for format in json sarif; do
    run "validate-fixture-$name.$format" "$root/$repo" validate --format "$format"
  done
done < <(find tests/fixtures -name s75.toml | sort)

run "diff-2019-2022.json" "$root" diff agreements/coventry-cwpt-2019 agreements/coventry-cwpt-2022 --format json

if diff -r "$out/base" "$out/new"; then
  echo "identical: $count commands (stdout, stderr, exit code) with $base and $new"
else
  echo "DIFFERENT: see above" >&2
  exit 1
fi
