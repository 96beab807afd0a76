#!/usr/bin/env bash
# The main job on the bundled data: set up, build, then run every bundled ISO/TR 17534-4 case
# through `citynoise case --use-profiles` and compare with its expected values
# (one line per case, then a summary).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-deps.sh
scripts/build.sh >/dev/null
cli=build/cli/citynoise
"$cli" conformance --run "$cli case --use-profiles {case}" tests/conformance/iso17534-4
