#!/usr/bin/env bash
# Benchmarks `s75 import` on a long Word file (release build); not a timed test.
#
# Builds a long .docx from the corpus's clean Word agreement
# (tests/fixtures/import/docx/clean-pool-2023-five-parties.docx): the body of
# its document.xml repeated COPIES times in a new zip (python3's zipfile), so
# numbering, styles and tables are Word's own. Prints the page count as
# LibreOffice lays it out (when soffice and pdfinfo are installed), the
# numbered paragraphs, and the median wall time of `s75 import` over RUNS
# runs. Target: under 1 s for 100 pages.
#
# Usage: scripts/bench-import-docx.sh [COPIES] [RUNS]   (default 12 copies, 10 runs)
set -euo pipefail

cd "$(dirname "$0")/.."
COPIES="${1:-12}"
RUNS="${2:-10}"
SRC=tests/fixtures/import/docx/clean-pool-2023-five-parties.docx

cargo build --release --quiet
S75="$PWD/target/release/s75"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LONG="$WORK/long-agreement.docx"

python3 - "$SRC" "$LONG" "$COPIES" <<'EOF'
import sys, zipfile
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
with zipfile.ZipFile(src) as z:
    parts = [(i, z.read(i.filename)) for i in z.infolist()]
out = []
for info, data in parts:
    if info.filename == "word/document.xml":
        doc = data.decode("utf-8")
        start = doc.index("<w:body>") + len("<w:body>")
        end = doc.rindex("<w:sectPr")
        data = (doc[:start] + doc[start:end] * copies + doc[end:]).encode("utf-8")
    out.append((info.filename, data))
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in out:
        z.writestr(name, data)
EOF

numbered=$(unzip -p "$LONG" word/document.xml | grep -o '<w:numPr>' | wc -l)
pages="?"
if command -v soffice >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
  soffice "-env:UserInstallation=file://$WORK/profile" --headless --convert-to pdf --outdir "$WORK" "$LONG" >/dev/null 2>&1 || true
  pages=$(pdfinfo "$WORK/long-agreement.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
fi
echo "input: $COPIES copies of the clean agreement's body: $pages pages (LibreOffice), $numbered numbered paragraphs, $(stat -c %s "$LONG") bytes"

# One import, to show what it read.
"$S75" import --id long-agreement --out "$WORK/out" --force "$LONG"

times=()
for ((i = 0; i < RUNS; i++)); do
  start=$(date +%s%N)
  "$S75" import --id long-agreement --out "$WORK/out" --force "$LONG" 2>/dev/null
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "s75 import: median ${median} ms over $RUNS runs (target < 1000 ms)"
