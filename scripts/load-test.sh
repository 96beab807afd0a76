#!/usr/bin/env bash
# The service's load test (README, "Keeping maps"): the whole Yuzhong district at full detail
# (samples/yuzhong/scenario-full.toml, ~794 000 receivers; levels from a cheap run — reflection
# order 0, 60 m — since the service does not care how they were made) in a fresh SQLite store,
# served on a free localhost port, asked by 50 concurrent clients for 20 s (building and point
# queries); prints the latency percentiles. Bounded, localhost only; the folder is removed after.
#   scripts/load-test.sh [--clients 50] [--seconds 20] [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=50 seconds=20 keep=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --clients) clients=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: scripts/load-test.sh [--clients N] [--seconds S] [--keep DIR]" >&2; exit 2 ;;
  esac
done
cmake --build build --target citynoise load_service >/dev/null
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
scenario=samples/yuzhong/.load-test-$$.toml  # beside its base: a base's paths are relative to it
cleanup() {
  kill "${server:-}" 2>/dev/null || true
  rm -f "$scenario"
  [[ -n $keep ]] || rm -rf "$work"
}
trap cleanup EXIT
if [[ ! -f $work/maps.sqlite ]]; then
  cat >"$scenario" <<TOML
[scenario]
extends = "scenario-full.toml"
name = "yuzhong-full-cheap"

[calculation]
reflection_order = 0
max_distance = 60.0
TOML
  /usr/bin/time -f 'run: %e s, %M kB' build/cli/citynoise run "$scenario" --out "$work/result" --quiet
  rm -f "$scenario"
  build/cli/citynoise store init "$work/maps.sqlite"
  /usr/bin/time -f 'store add: %e s, %M kB' build/cli/citynoise store add "$work/maps.sqlite" "$work/result" --label "full detail"
fi
build/cli/citynoise serve "$work/maps.sqlite" --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "on http" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*:\([0-9]*\)/$|\1|p' "$work/serve.log")
version=$(build/cli/citynoise store list "$work/maps.sqlite" | tail -1 | awk '{ print $1 }')
build/tests/bench/load_service "$port" "${version:-1}" --clients "$clients" --seconds "$seconds"
