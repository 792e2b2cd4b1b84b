#!/usr/bin/env bash
# Regenerates src/guard/normalize/confusables_table.inc with Debian's ICU (libicu-dev, installed
# by scripts/install-deps.sh). The table is committed; the build does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
g++ -std=c++20 -O1 scripts/gen_confusables.cc -o "$tmp/gen" $(pkg-config --cflags --libs icu-uc icu-i18n)
"$tmp/gen" > src/guard/normalize/confusables_table.inc
