#!/usr/bin/env bash
# Scores `informant extract --no-tagger` (patterns, gazetteers, rules: nothing learned from re3d)
# on the re3d documents with the project's scorer.
#   bash bench/score-re3d.sh [--types core|all|A,B]   (default: core)
# re3d keeps the determiner in names ("the United Nations"); informant's names leave it out
# (docs/spans.md), so both sides are scored with --ignore-determiners.
# The shipped tagger was trained on re3d: score it only held out by source,
#   cargo run --release -p informant-train -- loso --out DIR; python3 bench/score-loso.py DIR
#   (see docs/accuracy.md)
# Needs ../shared (the data and tools/score.py); prints the scorer's tables.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/data/re3d" ]; then
  echo "score-re3d: $SHARED/data/re3d is absent; nothing to score" >&2
  exit 0
fi
types=${2:-core}
[ "${1:-}" = "--types" ] || types=core
cargo build --release -q -p informant-cli
out=$(mktemp -d)
./target/release/informant extract --no-tagger --input jsonl "$SHARED"/data/re3d/*.jsonl > "$out/pred.jsonl"
if [ "$types" = all ]; then
  python3 "$SHARED/tools/score.py" "$SHARED"/data/re3d/*.jsonl --pred "$out/pred.jsonl" --ignore-determiners
else
  python3 "$SHARED/tools/score.py" "$SHARED"/data/re3d/*.jsonl --pred "$out/pred.jsonl" --types "$types" --ignore-determiners
fi
