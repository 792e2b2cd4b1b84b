#!/usr/bin/env bash
# Installs every Debian 12 package that aigis needs to build, test, fuzz and benchmark.
# Idempotent: packages already present are skipped, so a second run is quick and offline-safe.
set -euo pipefail

PKGS=(
  # toolchain
  build-essential g++ cmake ninja-build pkg-config git clang-14 libclang-rt-14-dev llvm-14 clang-format ccache
  # core libraries (their -dev packages also ship the static archives that the aigis executable
  # links: AIGIS_STATIC_DEPS, docs/architecture.md)
  libssl-dev zlib1g-dev libbz2-dev liblzma-dev libzstd-dev liblz4-dev libarchive-dev
  libvectorscan-dev libre2-dev libsimdjson-dev nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libspdlog-dev libfmt-dev libutf8proc-dev libicu-dev libhdf5-dev libprotobuf-dev protobuf-compiler
  libsqlite3-dev libfasttext-dev liblinear-dev libboost1.81-dev libpqxx-dev libhiredis-dev
  # servers the tests start themselves on loopback (never through systemd)
  postgresql redis-server
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # fixture generation and loader checks (real model files). Not python3-sklearn: in Debian 12 it
  # depends (via scipy -> pythran) on libboost1.74-dev, which conflicts with libboost1.81-dev that the
  # gateway needs. The committed sklearn fixtures were made with it; check_loads.py reports them skipped.
  python3 python3-numpy python3-torch python3-joblib python3-h5py python3-onnx python3-dill
  python3-jsonschema hyperfine
  # gateway benchmark (bench/gateway_bench.sh): load generator and a fixed fast upstream / proxy hop
  wrk nginx-light curl
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
