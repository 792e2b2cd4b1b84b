#!/bin/sh
# Trains the shipped prompt-attack classifier, models/prompt-attack.aigm, from the shared data
# (../shared/data/prompt-attacks, not committed) plus the project's own examples
# (data/prompt-attacks/aigis_examples.jsonl). Deterministic: same data + seed -> same bytes.
#   scripts/train-classifier.sh [BUILD_DIR] [DATA_DIR]
# After training, rebuild so the binary embeds the new model (cmake re-runs on its change).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/dev}
# ../shared next to the checkout (main) or two levels up (a worktree under wt/).
DATA=${2:-}
if [ -z "$DATA" ]; then
  DATA=$ROOT/../shared/data/prompt-attacks
  [ -d "$DATA" ] || DATA=$ROOT/../../shared/data/prompt-attacks
fi
if [ ! -d "$DATA" ]; then
  echo "train-classifier: data directory $DATA not found (see ../shared/data/README.md)" >&2
  exit 2
fi
/usr/bin/python3 "$ROOT/data/prompt-attacks/make_examples.py"
mkdir -p "$ROOT/models"
"$BUILD/src/cli/aigis" train --seed 1 --name prompt-attack --min-per-family 800 --fold-encoded --concepts 8 \
  --window 256 --stride 128 \
  --data "$DATA"/*.jsonl "$ROOT/data/prompt-attacks/aigis_examples.jsonl" \
  -o "$ROOT/models/prompt-attack.aigm"
