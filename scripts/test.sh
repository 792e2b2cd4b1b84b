#!/usr/bin/env bash
# The README's second command: installs, builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh dev
ctest --preset dev
