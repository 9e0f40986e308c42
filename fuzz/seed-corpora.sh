#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's test data (the corpora are not committed):
#   catalog <- tests/corpus/**/*.yaml, tests/fixtures/catalogs/*.yaml, catalog.yaml
#   decode  <- the examples of catalog.yaml (as `<name>` + payload, read from the JSON Schemas
#              `eventcat schema` exports) and
#              generated-example/messages.jsonl (one host message per file)
#   import  <- tests/fixtures/pages/*
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root=..

mkdir -p corpus/catalog corpus/decode corpus/import
for file in "$root"/tests/corpus/*/*.yaml "$root"/tests/fixtures/catalogs/*.yaml "$root"/catalog.yaml; do
    cp "$file" "corpus/catalog/$(basename "$(dirname "$file")")-$(basename "$file")"
done
schemas="$(mktemp -d)"
trap 'rm -rf "$schemas"' EXIT
cargo run -q --manifest-path "$root/Cargo.toml" -p eventcat-codegen --features cli -- \
    schema "$root/catalog.yaml" -o "$schemas" >/dev/null
# The first line names the event; the rest is the payload.
python3 - "$schemas" corpus/decode <<'PY'
import json, pathlib, sys
schemas, decode = map(pathlib.Path, sys.argv[1:])
for path in sorted(schemas.glob("schemas/*/*.schema.json")):
    schema = json.loads(path.read_text())
    for example in schema.get("examples", []):
        event = schema["x-eventcat-event"]
        (decode / event).write_text(event + "\n" + json.dumps(example, indent=2))
PY
n=0
while IFS= read -r line; do
    case "$line" in '' | '#'*) continue ;; esac
    n=$((n + 1))
    printf '\n%s' "$line" > "corpus/decode/message-$n"
done < "$root"/generated-example/messages.jsonl
cp "$root"/tests/fixtures/pages/* corpus/import/
echo "seeded: $(ls corpus/catalog | wc -l) catalog, $(ls corpus/decode | wc -l) decode, $(ls corpus/import | wc -l) import inputs"
