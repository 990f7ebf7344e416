#!/usr/bin/env bash
# Parse + write a generated zone (default 1,000,000 records, ~33 MB) with BetterDns and with BIND's
# named-compilezone, interleaved in the same run, and print the median wall time, peak RSS and ratio.
# Usage: benchmarks/zone-parse.sh [COUNT]     (RUNS=3 by default; output files go to benchmarks/out/;
#        PARALLEL=0 reads and formats in order; the default, PARALLEL=1, uses every core as `betterdns zone` does;
#        AOT=1 times a Native AOT build of the benchmark (no JIT at start-up) instead of the JIT build;
#        TOOL=1 times the shipped tool instead: `betterdns-zone print` (src/BetterDns.ZoneTool) published as Native AOT)
set -euo pipefail

COUNT=${1:-1000000}
RUNS=${RUNS:-3}
FLAGS=()
[ "${PARALLEL:-1}" = 1 ] && FLAGS=(--parallel)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/benchmarks/out"
ORIGIN=bench.test.
mkdir -p "$OUT"

if [ "${TOOL:-0}" = 1 ]; then
  # The shipped command-line tool, published as Native AOT: `betterdns-zone print FILE --origin ORIGIN > OUT`.
  dotnet publish -c Release -r linux-x64 -p:PublishAot=true "$ROOT/src/BetterDns.ZoneTool" -o "$OUT/tool" -nologo -v q > "$OUT/build.log"
  dotnet build -c Release "$ROOT/benchmarks/BetterDns.Benchmarks" -nologo -v q >> "$OUT/build.log"
  BENCH="$ROOT/benchmarks/BetterDns.Benchmarks/bin/Release/net10.0/BetterDns.Benchmarks"
elif [ "${AOT:-0}" = 1 ]; then
  dotnet publish -c Release -r linux-x64 -p:PublishAot=true "$ROOT/benchmarks/BetterDns.Benchmarks" -o "$OUT/aot" -nologo -v q > "$OUT/build.log"
  BENCH="$OUT/aot/BetterDns.Benchmarks"
else
  dotnet build -c Release "$ROOT/benchmarks/BetterDns.Benchmarks" -nologo -v q > "$OUT/build.log"
  BENCH="$ROOT/benchmarks/BetterDns.Benchmarks/bin/Release/net10.0/BetterDns.Benchmarks"
fi
ZONE="$OUT/db.bench.$COUNT"
[ -f "$ZONE" ] || "$BENCH" generate "$COUNT" "$ZONE" "$ORIGIN"

# Runs a command under /usr/bin/time -v and prints "SECONDS KILOBYTES".
measure() {
  /usr/bin/time -v "$@" > /dev/null 2> "$OUT/time.txt" || { cat "$OUT/time.txt" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
    /Maximum resident set size/ { kb = $2 }
    END { printf "%.2f %d\n", s, kb }' "$OUT/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$OUT/betterdns.txt"
: > "$OUT/bind.txt"
for run in $(seq "$RUNS"); do
  if [ "${TOOL:-0}" = 1 ]; then
    measure sh -c '"$0" print "$1" --origin "$2" > "$3"' "$OUT/tool/betterdns-zone" "$ZONE" "$ORIGIN" "$OUT/betterdns.out" >> "$OUT/betterdns.txt"
  else
    measure "$BENCH" parse-write "$ZONE" "$ORIGIN" "$OUT/betterdns.out" "${FLAGS[@]}" >> "$OUT/betterdns.txt"
  fi
  measure named-compilezone -q -i none -k ignore -o "$OUT/bind.out" "${ORIGIN%.}" "$ZONE" >> "$OUT/bind.txt"
  echo "run $run: betterdns $(tail -1 "$OUT/betterdns.txt"), bind $(tail -1 "$OUT/bind.txt") (s KB)" >&2
done

ours_s=$(cut -d' ' -f1 "$OUT/betterdns.txt" | median)
ours_kb=$(cut -d' ' -f2 "$OUT/betterdns.txt" | median)
bind_s=$(cut -d' ' -f1 "$OUT/bind.txt" | median)
bind_kb=$(cut -d' ' -f2 "$OUT/bind.txt" | median)
records=$(grep -vc '^\$' "$ZONE")
echo "zone: $records records, $(du -m "$ZONE" | cut -f1) MB, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
kind=$([ "${TOOL:-0}" = 1 ] && echo "betterdns-zone print, Native AOT" || { [ "${AOT:-0}" = 1 ] && echo "Native AOT" || echo JIT; })
echo "betterdns parse+write ($kind): ${ours_s} s, ${ours_kb} KB peak (median of $RUNS)"
echo "named-compilezone -o:  ${bind_s} s, ${bind_kb} KB peak (median of $RUNS)"
awk -v a="$ours_s" -v b="$bind_s" -v c="$ours_kb" -v d="$bind_kb" \
  'BEGIN { printf "ratio: %.3f x BIND wall time (target <= 0.25), %.2f x BIND peak memory (target <= 1)\n", a / b, c / d }'
