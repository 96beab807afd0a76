#!/usr/bin/env bash
# The main job on the bundled sample: set up, build, then map the Yuzhong district
# (samples/yuzhong/scenario.toml: façade levels per floor, a grid, two vertical sections and a
# noise volume, judged against GB 3096) and print where the outputs are and the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh
scripts/build.sh >/dev/null
out=out/yuzhong
build/cli/citynoise run samples/yuzhong/scenario.toml --out "$out"
echo
echo "Outputs in $out/:"
ls -1 "$out" | sed 's/^/  /'
echo
cat "$out/summary.md"
