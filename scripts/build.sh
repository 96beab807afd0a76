#!/usr/bin/env bash
# Configures and builds citynoise (Release) in build/, with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCITYNOISE_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
