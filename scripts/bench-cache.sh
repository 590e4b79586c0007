#!/usr/bin/env bash
# Benchmark (not a test): the findings cache on a portfolio of 1,000
# agreements, in one run: cold (--no-cache), warm with nothing changed, warm
# with one agreement changed before each run. Prints medians and ratios, and
# where a warm run spends its time; figures go in docs/performance.md.
#
# Needs: a release build (built here) and hyperfine (installed here if
# missing: Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."

work="$PWD/target/bench-cache"
mkdir -p "$work"
command -v hyperfine >/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo; $SUDO apt-get install -y -qq hyperfine >/dev/null; }

cargo build --release --quiet
s75="$PWD/target/release/s75"
agreement=agreements/coventry-cwpt-2019

# 1,000 copies of the real 2019 agreement (copy-000 … copy-999), as scripts/bench-validate.sh makes them.
source scripts/lib/portfolio.sh
portfolio="$work/portfolio"
make_portfolio "$portfolio" "$agreement"
cd "$portfolio"
rm -rf .s75_cache
changed=agreements/copy-500/agreement.md
cp "$changed" "$work/changed.orig"

for format in human json; do
  # (Each run exits 1: the copies have the 2019 agreement's findings.)
  run="$s75 validate --format $format"
  "$s75" validate --format "$format" >/dev/null 2>&1 || true # fill the cache
  hyperfine --warmup 1 --min-runs 5 -N --ignore-failure --export-json "$work/$format.json" \
    --command-name cold "$run --no-cache" \
    --command-name warm "$run" \
    --command-name "warm, one changed" --prepare "sh -c 'echo \"Appended [TBC].\" >> $changed'" "$run" \
    >/dev/null
  cp "$work/changed.orig" "$changed"
  "$s75" validate --format "$format" >/dev/null 2>&1 || true
  # Where a warm run with one agreement changed spends its time.
  echo "Appended [TBC]." >> "$changed"
  { S75_TIMINGS=1 "$s75" validate --format "$format" 2>&1 >/dev/null || true; } | sed "s/^/$format, one changed: /"
  cp "$work/changed.orig" "$changed"
done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
for fmt in ("human", "json"):
    r = {x["command"]: x["median"] for x in json.load(open(f"{work}/{fmt}.json"))["results"]}
    cold, warm, one = r["cold"], r["warm"], r["warm, one changed"]
    print(f"1,000 agreements, --format {fmt}: cold {cold:.2f} s, warm {warm:.2f} s ({cold/warm:.1f}x faster), "
          f"warm with one changed {one:.2f} s ({cold/one:.1f}x faster) (medians)")
PY
