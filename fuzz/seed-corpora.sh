#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's test data (the corpora are not committed):
#   catalog <- tests/corpus/**/*.yaml, tests/fixtures/catalogs/*.yaml, catalog.yaml
#   decode  <- tests/fixtures/samples/*.json (as `#<name>` + payload) and
#              generated-example/messages.jsonl (one host message per file)
#   import  <- tests/fixtures/pages/*
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=..

mkdir -p corpus/catalog corpus/decode corpus/import
for file in "$root"/tests/corpus/*/*.yaml "$root"/tests/fixtures/catalogs/*.yaml "$root"/catalog.yaml; do
    cp "$file" "corpus/catalog/$(basename "$(dirname "$file")")-$(basename "$file")"
done
for file in "$root"/tests/fixtures/samples/*.json; do
    name=$(basename "$file" .json)
    # The first line names the event; the rest is the payload.
    { printf '%s\n' "$name"; cat "$file"; } > "corpus/decode/$name"
done
n=0
while IFS= read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    n=$((n + 1))
    printf '\n%s' "$line" > "corpus/decode/message-$n"
done < "$root"/generated-example/messages.jsonl
cp "$root"/tests/fixtures/pages/* corpus/import/
echo "seeded: $(ls corpus/catalog | wc -l) catalog, $(ls corpus/decode | wc -l) decode, $(ls corpus/import | wc -l) import inputs"
