#!/usr/bin/env bash
# Installs dependencies (idempotent) and builds a preset (default: dev). Usage: build.sh [preset]
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"
bash scripts/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
