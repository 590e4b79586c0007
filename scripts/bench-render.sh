#!/usr/bin/env bash
# Benchmark (not a test): renders the full 2019 Coventry pack with `s75 render`
# (release build) and, from the same Markdown files, with pandoc → WeasyPrint
# in one pandoc invocation, then prints both times and the ratio.
# Target: s75 ≤ 1.5 s for the full pack and ≥ 5× faster than pandoc → WeasyPrint.
#
# Usage: scripts/bench-render.sh [AGREEMENT_DIR] [RUNS]
# Installs the Debian packages pandoc and weasyprint if they are missing.
set -euo pipefail

cd "$(dirname "$0")/.."
agreement="${1:-agreements/coventry-cwpt-2019}"
runs="${2:-3}"

if [ ! -f "$agreement/agreement.toml" ]; then
  echo "error: $agreement/agreement.toml not found" >&2
  exit 2
fi

need=()
command -v pandoc >/dev/null 2>&1 || need+=(pandoc)
command -v weasyprint >/dev/null 2>&1 || need+=(weasyprint)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} …" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "building s75 (release) …" >&2
cargo build --release --quiet
s75="$PWD/target/release/s75"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The same Markdown for both: the body, then each schedule file in the order
# agreement.toml lists them (local `file` or repository `shared` schedules).
inputs=("$agreement/agreement.md")
while IFS= read -r line; do
  case "$line" in
    file*) inputs+=("$agreement/$(sed -E 's/^file *= *"([^"]*)".*/\1/' <<<"$line")") ;;
    shared*) inputs+=("schedules/$(sed -E 's/^shared *= *"([^"]*)".*/\1/' <<<"$line")") ;;
  esac
done < <(grep -E '^(file|shared) *=' "$agreement/agreement.toml")
title="$(sed -nE 's/^title *= *"(.*)"$/\1/p' "$agreement/agreement.toml" | head -n 1)"

now() { date +%s.%N; }
# Best of $runs: the least disturbed run.
best() {
  local best_t="" t0 t1 t
  for _ in $(seq "$runs"); do
    t0=$(now)
    "$@" >/dev/null 2>&1 || { echo "error: failed: $*" >&2; "$@" >&2 || true; exit 2; }
    t1=$(now)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    if [ -z "$best_t" ] || awk -v a="$t" -v b="$best_t" 'BEGIN { exit !(a < b) }'; then best_t=$t; fi
  done
  echo "$best_t"
}

s75_t=$(best "$s75" render "$agreement" --format pdf --draft -o "$work/s75.pdf")
pandoc_t=$(best pandoc "${inputs[@]}" --from markdown --standalone --metadata "title=$title" \
  --pdf-engine=weasyprint -o "$work/pandoc.pdf")

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
ratio=$(awk -v a="$pandoc_t" -v b="$s75_t" 'BEGIN { printf "%.1f", a / b }')
echo "full pack: $agreement (${#inputs[@]} Markdown files), best of $runs runs"
printf '  s75 render (Typst):      %6.3f s  %s pages\n' "$s75_t" "$(pages "$work/s75.pdf" || echo ?)"
printf '  pandoc → WeasyPrint:     %6.3f s  %s pages\n' "$pandoc_t" "$(pages "$work/pandoc.pdf" || echo ?)"
echo "  ratio: s75 is ${ratio}× faster (target ≥ 5×; s75 target ≤ 1.5 s)"
ok=$(awk -v t="$s75_t" -v r="$ratio" 'BEGIN { print (t <= 1.5 && r >= 5) ? "yes" : "no" }')
echo "  targets met: $ok"
