#!/usr/bin/env bash
# Benchmark (not a test): the 1,000-agreement portfolio, s75 against an older
# binary, run in turn — s75, peer, peer, s75, … — so that a machine that
# speeds up or slows down during the run (a shared VM does) weighs on both
# alike. bench-validate.sh runs all of one command's runs, then all of the
# other's: a drift between the two shows up as a difference.
#
#   S75_PEER=/path/to/older/s75 scripts/bench-portfolio-interleaved.sh [PAIRS]
#
# Prints each pair's wall-clock ratio and their median. S75_PEER_FLAGS as
# in bench-validate.sh (empty for a binary older than --no-cache).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${S75_PEER:?set S75_PEER to the binary to compare with}"
pairs=${1:-5}
peer_flags=${S75_PEER_FLAGS---no-cache}

cargo build --release --quiet
s75="$PWD/target/release/s75"
source scripts/lib/portfolio.sh
portfolio=target/bench-validate/portfolio
make_portfolio "$portfolio" agreements/coventry-cwpt-2019

# Wall-clock seconds of one run (it exits 1: the copies have findings).
run() {
  local start end
  start=$(date +%s.%N)
  (cd "$portfolio" && "$@" >/dev/null 2>&1) || true
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {print e - s}'
}

ratios=()
run "$s75" validate --format json --no-cache >/dev/null # warm the page cache
for i in $(seq "$pairs"); do
  if (( i % 2 )); then
    a=$(run "$s75" validate --format json --no-cache)
    # shellcheck disable=SC2086 # the flags are words
    b=$(run "$S75_PEER" validate --format json $peer_flags)
  else
    # shellcheck disable=SC2086
    b=$(run "$S75_PEER" validate --format json $peer_flags)
    a=$(run "$s75" validate --format json --no-cache)
  fi
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}')
  ratios+=("$r")
  printf 'pair %d: s75 %.2f s, peer %.2f s, s75 takes %.3fx as long\n' "$i" "$a" "$b" "$r"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}')
echo "portfolio, s75 ÷ peer (median of $pairs interleaved pairs): ${median}x"
