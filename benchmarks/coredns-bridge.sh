#!/usr/bin/env bash
# BetterDns driving CoreDNS (Dns:Server=coredns) while registrations stream in, per apply strategy and zone
# size (issue 13). Uses the `coredns` on PATH if there is one, else the test stand-in
# (tests/BetterDns.ControllerTests/CoreDns/coredns-standin.py); the first line says which.
#
# Per row: the zone is preloaded with SIZE operator records, BetterDns starts CoreDNS, dnsperf asks CoreDNS
# for preloaded names at QPS queries/s, and REGISTRATIONS names are registered through POST /a, one a
# second. Before each registration the name is asked once (NXDOMAIN, which a denial cache would keep);
# after the 2xx, dig polls CoreDNS every 20 ms until it answers. Printed: visibility median / max after
# the 2xx, /readyz answers that were not 200 (sampled every 250 ms), CoreDNS's CPU (share of one core
# over the stream), and dnsperf's lost queries.
#
#   benchmarks/coredns-bridge.sh [SIZES] [STRATEGIES]      e.g. benchmarks/coredns-bridge.sh "10000 100000" "serial signal restart"
#   REGISTRATIONS=10 QPS=2000 BETTERDNS_DLL=path/to/betterdns.dll benchmarks/coredns-bridge.sh
#
# Needs: .NET 10 SDK, curl, dig, dnsperf (Debian: apt-get install dnsperf), python3 for the stand-in.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=${1:-10000 100000}
strategies=${2:-serial signal restart}
registrations=${REGISTRATIONS:-10}
qps=${QPS:-2000}
work=$(mktemp -d /tmp/betterdns-coredns-bridge.XXXXXX)
app=""; perf=""; sampler=""
cleanup() {
  for p in $sampler $perf $app; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=lib/preloaded-zone.sh
source "$repo/benchmarks/lib/preloaded-zone.sh"

if real=$(command -v coredns); then
  binary=$real; echo "coredns: $real ($("$real" -version 2>/dev/null | head -1))"
else
  binary=$work/coredns
  printf '#!/bin/sh\nexec python3 %s "$@"\n' "$repo/tests/BetterDns.ControllerTests/CoreDns/coredns-standin.py" > "$binary"
  chmod +x "$binary"; echo "coredns: the stand-in (no coredns on PATH)"
fi
command -v dnsperf >/dev/null || { echo "dnsperf is missing: apt-get install -y dnsperf" >&2; exit 1; }

# BETTERDNS_DLL=path/to/betterdns.dll skips the Release build (e.g. a test project's bin on a busy machine).
dll=${BETTERDNS_DLL:-}
if [ -z "$dll" ]; then
  dotnet build "$repo/src/BetterDns" -c Release --nologo -v q -o "$work/app" >/dev/null
  dll=$work/app/betterdns.dll
fi
fp() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
ticks=$(getconf CLK_TCK)

printf '%-8s %-8s %5s %13s %13s %12s %9s %14s\n' size strategy regs "median ms" "max ms" "readyz!=200" "cpu %" "lost queries"
for size in $sizes; do
  for strategy in $strategies; do
    run=$work/run-$size-$strategy; mkdir -p "$run/data"
    preloaded_zone "$size" > "$run/data/cluster.internal.zone"
    http=$(fp); dns=$(fp); ready=$(fp)
    (cd "$run" && exec env BETTERDNS__Storage__DataDirectory="$run/data" BETTERDNS__Dns__Server=coredns \
      BETTERDNS__Dns__ApplyStrategy="$strategy" BETTERDNS__Dns__CoreDns__Binary="$binary" \
      BETTERDNS__Dns__CoreDns__Listen="127.0.0.1:$dns" BETTERDNS__Dns__CoreDns__Ready="127.0.0.1:$ready" \
      BETTERDNS__Dns__CoreDns__Health= BETTERDNS__Dns__CoreDns__Metrics= BETTERDNS__Dns__CoreDns__LogQueries=false \
      BETTERDNS__RateLimit__Enabled=false BETTERDNS__Logging__LogLevel__Default=Warning \
      dotnet "$dll" --urls "http://127.0.0.1:$http") > "$run/server.log" 2>&1 &
    app=$!
    for _ in $(seq 1 240); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http/readyz")" = 200 ] && break; sleep 0.5; done
    coredns=$(pgrep -f -- "-conf $run/data/Corefile" | head -1)
    token=$(cd "$run" && BETTERDNS__Storage__DataDirectory="$run/data" dotnet "$dll" token create --sub bench --role admin --expires 1h)

    awk -v n="$size" 'BEGIN { srand(1); for (i = 0; i < 20000; i++) printf "pre-%d.cluster.internal A\n", int(rand() * n) }' > "$run/queries.txt"
    dnsperf -s 127.0.0.1 -p "$dns" -d "$run/queries.txt" -l $((registrations + 3)) -c 2 -Q "$qps" > "$run/dnsperf.txt" 2>&1 &
    perf=$!
    (while :; do curl -s -o /dev/null -m 2 -w '%{http_code}\n' "http://127.0.0.1:$http/readyz"; sleep 0.25; done) > "$run/readyz.txt" &
    sampler=$!
    sleep 1
    cpu_before=$(cpu_ticks "$coredns"); started=$(now_ms)
    : > "$run/visibility.txt"
    for i in $(seq 1 "$registrations"); do
      tick=$(now_ms); name=bench-$i
      dig @127.0.0.1 -p "$dns" "$name.cluster.internal" A +short +time=1 +tries=1 >/dev/null || true
      curl -fsS -o /dev/null -X POST "http://127.0.0.1:$http/a" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "{\"name\":\"$name\",\"ip\":\"10.250.0.$i\"}"
      created=$(now_ms)
      until [ -n "$(dig @127.0.0.1 -p "$dns" "$name.cluster.internal" A +short +time=1 +tries=1 2>/dev/null)" ]; do
        sleep 0.02
        [ $(( $(now_ms) - created )) -gt 30000 ] && break
      done
      echo $(( $(now_ms) - created )) >> "$run/visibility.txt"
      rest=$(( 1000 - ($(now_ms) - tick) )); [ "$rest" -gt 0 ] && sleep "0.$(printf '%03d' "$rest")"
    done
    elapsed=$(( $(now_ms) - started )); cpu_after=$(cpu_ticks "$coredns")
    still=$(pgrep -f -- "-conf $run/data/Corefile" | head -1 || true)
    kill "$sampler"; wait "$sampler" 2>/dev/null || true; sampler=""
    wait "$perf" || true; perf=""
    kill "$app"; wait "$app" 2>/dev/null || true; app=""

    read -r median max < <(sort -n "$run/visibility.txt" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)], v[NR]}')
    flaps=$(grep -cv '^200$' "$run/readyz.txt" || true); samples=$(wc -l < "$run/readyz.txt")
    cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$ticks" -v ms="$elapsed" 'BEGIN {printf "%.1f", 100 * t / hz / (ms / 1000)}')
    # A restarted CoreDNS is another process: its CPU is not one counter (restart replaces it per change).
    [ "$still" = "$coredns" ] || cpu="n/a"
    lost=$(awk '/Queries lost:/ {print $3}' "$run/dnsperf.txt"); sent=$(awk '/Queries sent:/ {print $3}' "$run/dnsperf.txt")
    restarts=$(grep -c 'killing it to restart it' "$run/server.log" || true)
    printf '%-8s %-8s %5s %13s %13s %12s %9s %14s%s\n' "$size" "$strategy" "$registrations" "$median" "$max" \
      "$flaps/$samples" "$cpu" "${lost:-?}/${sent:-?}" "$([ "$restarts" -gt 0 ] && echo "  ($restarts kills as hung)")"
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
