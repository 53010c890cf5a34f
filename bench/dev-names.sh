#!/usr/bin/env bash
# Names strict (Person, Organisation, Location of kind name) of an informant binary on the
# development sets: MEANTIME dev, UNER EWT, BTC's first 3,001 lines and the news dev half.
#   bash bench/dev-names.sh [BIN] [OUT]   (defaults: target/release/informant, /tmp/dev-names)
# Prints one line a set: micro P, R, F1, gold and predicted counts. Needs ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/informant}
OUT=${2:-/tmp/dev-names}
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/data" ]; then
  echo "dev-names: $SHARED/data is absent; nothing to score" >&2
  exit 0
fi
mkdir -p "$OUT"
head -n 3001 "$SHARED/data/ner-open/btc.jsonl" > "$OUT/btc3001-gold.jsonl"
for set in meantime:$SHARED/data/meantime/dev.jsonl ewt:$SHARED/data/ner-open/uner-ewt.jsonl \
  btc:$OUT/btc3001-gold.jsonl newsdev:crates/informant/tests/fixtures/news/dev-gold.jsonl; do
  n=${set%%:*}; g=${set#*:}
  "$BIN" extract --input jsonl "$g" > "$OUT/$n.jsonl"
  printf "%-9s " "$n"
  python3 bench/score-names.py "$g" "$OUT/$n.jsonl" | awk '/^micro/{print; exit}'
done
