#!/usr/bin/env bash
# Size budget (not a test): a 50 MB agreement body must validate in under
# 5 s and 1 GB of memory. Builds the body from the real 2019 agreement's
# clauses 2-42 (clause 1 defines the terms, once), repeated with fresh
# clause numbers (copy k adds 42k to each clause number), in a temp
# repository, and reports the release binary's wall and CPU time and
# maximum resident set size (GNU time).
#
# Clauses 2-42 define names inline, so the body defines the same names
# ~1,250 times at 50 MB; `terms` matching each definition at every use was
# quadratic. Figures (docs/performance.md, 2026-12-06, loaded machine):
# release before: 4 MB 1.96 s / 165 MB, 8 MB 4.4 s / 266 MB, 16 MB 8.9 s /
# 637 MB, 50 MB 3 min 21 s (20 s user + 7.8 s sys) / 3.7 GB. After, debug
# build: 50 MB 9.5 s user + 2.5 s sys / 1.07 GB (before, debug: 193 s /
# 3.85 GB), the same 26,122 findings, byte-identical:
# linear now, but memory (~21 bytes per byte of text) is still over budget.
#
# Usage: scripts/bench-large.sh [SIZE_MB]   (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb="${1:-50}"
s75="${S75:-$PWD/target/release/s75}"
[ -x "$s75" ] || cargo build --release --quiet
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time): apt-get install time" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src=agreements/coventry-cwpt-2019
dst="$work/agreements/coventry-cwpt-2019"
mkdir -p "$work/agreements"
cp -r "$src" "$dst"
: > "$work/s75.toml"

python3 - "$src/agreement.md" "$dst/agreement.md" "$size_mb" <<'PY'
import re, sys
src, dst, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(src, encoding="utf-8").read()
# The clauses after the definitions (an agreement defines its terms once):
# from clause 2 to the execution blocks.
start = text.index("\n## 2 ") + 1
end = text.index("This Agreement was", start) if "This Agreement was" in text[start:] else len(text)
head, clauses, tail = text[:start], text[start:end], text[end:]
number = re.compile(r"^(## )?(\d+)(?=[A-Z]?[. \t])", re.M)
target = size_mb * 1024 * 1024
parts, size, k = [head], len(head.encode()), 0
while size < target:
    copy = number.sub(lambda m: f"{m.group(1) or ''}{int(m.group(2)) + 42 * k}", clauses)
    parts.append(copy)
    size += len(copy.encode())
    k += 1
parts.append(tail)
open(dst, "w", encoding="utf-8").write("".join(parts))
print(f"body: {size / 1024 / 1024:.1f} MB, {k} copies of clauses 2-42", file=sys.stderr)
PY

cd "$work"
status=0
/usr/bin/time -v "$s75" validate --format json -o "$work/report.json" 2> "$work/time.txt" || status=$?
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
findings=$(grep -o '"code"' "$work/report.json" | wc -l || true)
echo "validate exit $status, $findings findings; wall $wall (CPU: user ${user} s, sys ${sys} s), max RSS $((rss_kb / 1024)) MB"
echo "budget: under 5 s and 1024 MB"
