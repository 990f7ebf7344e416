#!/usr/bin/env bash
# Runs benchmarks/registration-load.sh against two builds of betterdns alternately (A, B, A, B, ...), so
# both see the same shared machine, and prints each run, the medians and the ratio B/A.
# Usage: benchmarks/registration-load-compare.sh [--parallel] A.dll B.dll [runs=3] [duration_s=15]
# --parallel runs A and B at the same time instead (each with its own wrk): on a machine whose load
# swings from minute to minute, both then see exactly the same contention, so B/A is the number to read.
#   e.g. build main into a copy:  git -C /work/main archive HEAD | tar -x -C /tmp/base && dotnet build /tmp/base/src/BetterDns -c Release
#   then: benchmarks/registration-load-compare.sh /tmp/base/src/BetterDns/bin/Release/net10.0/betterdns.dll \
#                                                  src/BetterDns/bin/Release/net10.0/betterdns.dll
# Extra environment for one side only: A_ENV / B_ENV (e.g. B_ENV='DOTNET_GCgen0size=0x4000000').
set -euo pipefail
cd "$(dirname "$0")/.."
parallel=false
if [ "${1:-}" = "--parallel" ]; then parallel=true; shift; fi
a=$(realpath "$1")
b=$(realpath "$2")
runs=${3:-3}
duration=${4:-15}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { # side dll env run
  local log="$out/$1-$4.txt"
  # shellcheck disable=SC2086
  env BETTERDNS_DLL="$2" $3 benchmarks/registration-load.sh "$duration" > "$log" 2>&1 || { echo "$1 run $4 failed:"; tail -20 "$log"; exit 1; }
  local per_second p99 cpu load
  per_second=$(sed -nE 's/^RESULT .*per_second=([0-9]+).*/\1/p' "$log")
  p99=$(sed -nE 's/^RESULT .*p99_ms=([0-9.]+).*/\1/p' "$log")
  cpu=$(sed -nE 's/.* ([0-9.]+) ms per acknowledged registration.*/\1/p' "$log")
  load=$(sed -nE 's/.*load average now ([0-9.]+).*/\1/p' "$log")
  echo "$1 $4 $per_second $p99 $cpu $load" | tee -a "$out/results"
}

echo "side run registrations/s p99_ms cpu_ms_per_registration load_average"
for i in $(seq 1 "$runs"); do
  if $parallel; then
    run A "$a" "${A_ENV:-}" "$i" &
    run B "$b" "${B_ENV:-}" "$i" &
    wait
  else
    run A "$a" "${A_ENV:-}" "$i"
    run B "$b" "${B_ENV:-}" "$i"
  fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for side in A B; do
  rate=$(awk -v s=$side '$1 == s { print $3 }' "$out/results" | median)
  p99=$(awk -v s=$side '$1 == s { print $4 }' "$out/results" | median)
  cpu=$(awk -v s=$side '$1 == s { print $5 }' "$out/results" | median)
  echo "median $side: $rate registrations/s, p99 $p99 ms, $cpu ms CPU per registration"
  eval "rate_$side=$rate; p99_$side=$p99"
done
awk -v ra="$rate_A" -v rb="$rate_B" -v pa="$p99_A" -v pb="$p99_B" \
  'BEGIN { printf "B/A: registrations/s x%.2f, p99 x%.2f\n", ra ? rb / ra : 0, pa ? pb / pa : 0 }'
