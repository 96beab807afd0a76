#!/usr/bin/env bash
# The run benchmark (README, Benchmarks): Lorient at full detail with lateral diffraction off and
# on, then the Yuzhong demo; one line of figures per run, from each run's summary.csv.
#   scripts/bench-run.sh [--threads N] [SCENARIO…]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=()
if [[ "${1:-}" == "--threads" ]]; then threads=(--threads "$2"); shift 2; fi
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(samples/lorient/scenario.toml samples/lorient/scenario-lateral.toml samples/yuzhong/scenario.toml)
cli=build/cli/citynoise
[[ -x $cli ]] || scripts/build.sh >/dev/null
out=$(mktemp -d)
printf '%-16s %9s %11s %9s %8s %11s %9s\n' scenario receivers paths wall_s threads ms/rec/core peak_MB
for s in "${scenarios[@]}"; do
  name=$(basename "$(dirname "$s")")-$(basename "$s" .toml)
  /usr/bin/time -f '%e %M' -o "$out/time" "$cli" run "$s" --out "$out/$name" --quiet "${threads[@]}" >/dev/null
  read -r wall rss <"$out/time"
  csv="$out/$name/summary.csv"
  get() { grep "^run,$1," "$csv" | cut -d, -f4; }
  receivers=$(get receivers); paths=$(get paths); compute=$(get compute_seconds); used=$(get threads)
  ms=$(awk -v c="$compute" -v t="$used" -v n="$receivers" 'BEGIN { printf "%.2f", 1000 * c * t / n }')
  printf '%-16s %9s %11s %9s %8s %11s %9s\n' "$name" "$receivers" "$paths" "$wall" "$used" "$ms" "$((rss / 1024))"
done
rm -rf "$out"
