#!/usr/bin/env bash
# The health benchmark side by side: the checker at a base commit and at the working tree, built into a
# temp directory and run alternately (base, new, base, new, ...) so both see the same machine load.
# Both use the working tree's benchmark harness (same targets, same output). Prints each run's
# steady-state and detection lines with the load average; compare the medians.
# Usage: benchmarks/health-checks-compare.sh BASE_COMMIT [runs=3] [records=10000] [interval s=10] [window s=30] [mix=all]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?base commit}
runs=${2:-3}
args=("${3:-10000}" "${4:-10}" "${5:-30}" "${6:-all}")
work=$(mktemp -d /tmp/health-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base-src"
git archive "$base" | tar -x -C "$work/base-src"
cp benchmarks/health-checks/*.cs "$work/base-src/benchmarks/health-checks/"
dotnet build -c Release -v q "$work/base-src/benchmarks/health-checks" -o "$work/base" > "$work/build-base.log" || { cat "$work/build-base.log"; exit 1; }
dotnet build -c Release -v q benchmarks/health-checks -o "$work/new" > "$work/build-new.log" || { cat "$work/build-new.log"; exit 1; }
for run in $(seq 1 "$runs"); do
    for side in base new; do
        echo "== $side, run $run, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
        dotnet "$work/$side/HealthChecks.dll" "${args[@]}" | grep -E "^(steady state|detection latency)"
    done
done
