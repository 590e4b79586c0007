#!/bin/sh
# Seeds each fuzz target's corpus from the agreements bundled with s75 and
# the test fixtures (copied, not committed: fuzz/corpus is ignored).
set -eu
cd "$(dirname "$0")"
root=..
mkdir -p corpus/metadata corpus/markdown_rules corpus/config corpus/import
for f in "$root"/agreements/*/agreement.toml "$root"/tests/fixtures/*/agreements/*/agreement.toml; do
    [ -f "$f" ] && cp "$f" "corpus/metadata/$(echo "${f#../}" | tr '/' '_')"
done
find "$root/agreements" "$root/tests/fixtures/clean" -name '*.md' | while read -r f; do
    cp "$f" "corpus/markdown_rules/$(echo "${f#../}" | tr '/' '_')"
done
for f in "$root"/s75.toml "$root"/tests/fixtures/*/s75.toml; do
    [ -f "$f" ] && cp "$f" "corpus/config/$(echo "${f#../}" | tr '/' '_')"
done
find "$root/tests/fixtures/seeds" "$root/agreements" -type f \( -name '*.txt' -o -name 'agreement.md' \) | while read -r f; do
    cp "$f" "corpus/import/$(echo "${f#../}" | tr '/' '_')"
done
for t in metadata markdown_rules config import; do
    echo "corpus/$t: $(ls "corpus/$t" | wc -l) files"
done
