#!/usr/bin/env bash
# Benchmark (not a test): `s75 validate` on the real 2019 agreement against
# markdownlint-cli2 on the same Markdown, in one invocation, plus a
# 1,000-agreement portfolio. Prints times and ratios; figures go in docs/performance.md.
#
# Needs: a release build (built here), hyperfine and Node.js/npm (installed
# here if missing: Debian package, npm registry).
#
# S75_PEER=/path/to/an/older/s75 adds that binary to both measurements, in
# the same hyperfine runs, so a speed change is a ratio against the version
# before it rather than against a figure from another day. A binary older
# than the findings cache has no --no-cache: set S75_PEER_FLAGS= for it.
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/bench-validate
mkdir -p "$work"

command -v hyperfine >/dev/null || { SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo; $SUDO apt-get install -y -qq hyperfine >/dev/null; }
if [ ! -x "$work/node/node_modules/.bin/markdownlint-cli2" ]; then
  mkdir -p "$work/node"
  (cd "$work/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund markdownlint-cli2@0 >/dev/null)
fi
mdl="$PWD/$work/node/node_modules/.bin/markdownlint-cli2"

cargo build --release --quiet
s75="$PWD/target/release/s75"
agreement=agreements/coventry-cwpt-2019
peer=()
peer_portfolio=()
if [ -n "${S75_PEER:-}" ]; then
  peer_flags=${S75_PEER_FLAGS---no-cache}
  peer=(--command-name peer "$S75_PEER validate $agreement --format json $peer_flags")
  peer_portfolio=(--command-name "peer ×1000" "$S75_PEER validate --format json $peer_flags")
fi

# One agreement: s75 (all rules) vs markdownlint-cli2 (its default rules) on the same files.
hyperfine --warmup 3 --min-runs 20 -N --ignore-failure --export-json "$work/single.json" \
  --command-name s75 "$s75 validate $agreement --format json --no-cache" "${peer[@]}" \
  --command-name markdownlint-cli2 "$mdl $agreement/agreement.md $agreement/schedules/*.md" >/dev/null 2>&1 || \
hyperfine --warmup 3 --min-runs 20 --ignore-failure --export-json "$work/single.json" \
  --command-name s75 "$s75 validate $agreement --format json --no-cache" "${peer[@]}" \
  --command-name markdownlint-cli2 "$mdl '$agreement/**/*.md'" >/dev/null

# A portfolio of 1,000 copies, validated in one run (rayon across both cores).
source scripts/lib/portfolio.sh
portfolio="$work/portfolio"
make_portfolio "$portfolio" "$agreement"
(cd "$portfolio" && hyperfine --warmup 1 --min-runs 5 -N --ignore-failure --export-json ../portfolio.json \
  --command-name "s75 ×1000" "$s75 validate --format json --no-cache" "${peer_portfolio[@]}" >/dev/null)
# Where one more portfolio run spends its time: set-up (finding the agreements,
# s75.toml, packs), reading and checking (both cores), the report (one core).
# (It exits 1: the copies have the 2019 agreement's findings.)
(cd "$portfolio" && { S75_TIMINGS=1 "$s75" validate --format json --no-cache 2>&1 >/dev/null || true; } | sed 's/^s75 timing: /portfolio phase: /')

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
single = {r["command"]: r for r in json.load(open(f"{work}/single.json"))["results"]}
ports = {r["command"]: r for r in json.load(open(f"{work}/portfolio.json"))["results"]}
port = ports["s75 ×1000"]
# Medians: this is a shared VM, and a burst of load drags a mean about.
s, m = single["s75"]["median"], single["markdownlint-cli2"]["median"]
print(f"validate coventry-cwpt-2019:  s75 {s*1000:.1f} ms  markdownlint-cli2 {m*1000:.1f} ms  ratio {m/s:.1f}x faster")
p = port["median"]
print(f"portfolio of 1,000 agreements: s75 {p:.2f} s ({p:.2f} ms per agreement; "
      f"one validate of the same agreement takes {s / (p / 1000):.1f}x as long) (medians)")
if "peer" in single:
    ps, pp = single["peer"]["median"], ports["peer ×1000"]["median"]
    print(f"peer (S75_PEER), same runs:    validate {ps*1000:.1f} ms (s75 takes {s/ps:.2f}x as long); "
          f"portfolio {pp:.2f} s, {pp:.2f} ms per agreement (s75 takes {p/pp:.2f}x as long)")
PY
