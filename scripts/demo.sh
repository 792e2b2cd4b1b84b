#!/usr/bin/env bash
# The README's first command: installs, builds, and scans the bundled examples (a benign and a
# malicious model). Findings are the point of the demo, so it exits 0 when the scan behaved as
# expected: benign file clean, malicious file flagged.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh dev
bin=build/dev/src/cli/aigis
echo
echo "== aigis scan examples/  (text report)"
set +e
"$bin" scan examples/
rc=$?
set -e
echo
echo "== exit code: $rc (1 = findings at or above --fail-on, as expected for the malicious example)"
"$bin" scan --format json examples/benign > /dev/null || { echo "demo: benign example not clean"; exit 1; }
if [[ $rc -ne 1 ]]; then
  echo "demo: expected exit code 1 for the folder with a malicious model, got $rc"
  exit 1
fi
echo "== SARIF for code scanning written to build/dev/demo.sarif"
"$bin" scan --format sarif --output build/dev/demo.sarif examples/ || true
echo
echo "== aigis serve: the gateway in front of the in-repo fake OpenAI upstream (loopback only)"
AIGIS_DEMO_PORT=${AIGIS_DEMO_PORT:-18080} AIGIS_DEMO_UPSTREAM_PORT=${AIGIS_DEMO_UPSTREAM_PORT:-18081} \
  bash examples/gateway/demo.sh "$PWD/build/dev"
echo "demo: ok"
