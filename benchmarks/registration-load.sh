#!/usr/bin/env bash
# Load benchmark of the registration API (issue 3): the real `betterdns` (Release) on a temp data
# directory whose zone already holds 100,000 records; after a warm-up (WARMUP_SECONDS, default 15 s), wrk POSTs new names with
# 64 connections for ~15 s; prints acknowledged (durable) registrations per second and latency percentiles, then checks
# that every acknowledged registration is in the zone file.
# Target: >= 5,000 acknowledged registrations/s, p99 < 50 ms, on the 2-core machine.
# Usage: benchmarks/registration-load.sh [duration_s=15] [connections=64] [preloaded=100000]
# SERVER_LOG=/path keeps the server's log (e.g. with BETTERDNS__Logging__LogLevel__BetterDns.Registry=Debug).
# BETTERDNS_DLL=/path/to/betterdns.dll runs that build instead of building this tree (registration-load-compare.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib/preloaded-zone.sh

duration=${1:-15}
connections=${2:-64}
preloaded=${3:-100000}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }

if [ -n "${BETTERDNS_DLL:-}" ]; then
  bin=$(realpath "$BETTERDNS_DLL")
else
  dotnet build src/BetterDns -c Release --nologo -v q >/dev/null
  bin=$PWD/src/BetterDns/bin/Release/net10.0/betterdns.dll
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${SERVER_LOG:-}" ]; then cp "$work/server.log" "$SERVER_LOG" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A zone that already holds $preloaded A records (operator-written, so the registry keeps them as they are).
mkdir -p "$work/data"
preloaded_zone "$preloaded" > "$work/data/cluster.internal.zone"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export BETTERDNS__Storage__DataDirectory="$work/data"
export BETTERDNS__Registry__MaxRecordsPerOwner=10000000
# One subject drives the whole load: the per-token rate limit would measure itself, not the registry.
export BETTERDNS__RateLimit__Enabled=false
# The embedded DNS server on a free port: two servers can then run side by side (registration-load-compare.sh --parallel).
export BETTERDNS__Dns__Listen__0=127.0.0.1:0
export BETTERDNS__Logging__LogLevel__Default=${BETTERDNS__Logging__LogLevel__Default:-Warning}
(cd "$work" && exec dotnet "$bin" --urls "http://127.0.0.1:$port") > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done

token=$(cd "$work" && dotnet "$bin" token create --sub vm-load --names 'load-*,warm-*' --ips 10.0.0.0/8 --expires 1h)
admin=$(cd "$work" && dotnet "$bin" token create --sub bench --role admin --expires 1h)

# Warm-up: the JIT compiles and tiers up the whole request path before anything is measured. Profiles
# showed the tiering thread still taking 15-23% of the server's CPU in the first 10 s after a 5 s warm-up.
NAME_PREFIX=warm BETTERDNS_TOKEN="$token" wrk -t2 -c"$connections" -d"${WARMUP_SECONDS:-15}s" -s benchmarks/registration-load.lua \
  "http://127.0.0.1:$port" | sed -n 's/^acknowledged/warm-up: acknowledged/p'

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
ticks_before=$(cpu_ticks)
echo "betterdns on 127.0.0.1:$port, zone preloaded with $preloaded records; wrk -t2 -c$connections -d${duration}s"
BETTERDNS_TOKEN="$token" wrk -t2 -c"$connections" -d"${duration}s" --latency -s benchmarks/registration-load.lua \
  "http://127.0.0.1:$port" | tee "$work/wrk.txt"

ticks_after=$(cpu_ticks)
acknowledged=$(sed -nE 's/^RESULT acknowledged=([0-9]+).*/\1/p' "$work/wrk.txt")
per_second=$(sed -nE 's/^RESULT .*per_second=([0-9]+).*/\1/p' "$work/wrk.txt")
hz=$(getconf CLK_TCK)
awk -v t=$((ticks_after - ticks_before)) -v hz="$hz" -v n="$acknowledged" -v d="$duration" \
  'BEGIN { printf "server CPU: %.1f s in %d s (%.2f cores), %.3f ms per acknowledged registration; load average now %s\n", t / hz, d, t / hz / d, n ? 1000 * t / hz / n : 0, "'"$(cut -d' ' -f1 /proc/loadavg)"'" }'

# Anchor: the same server, client and token on GET /healthz (Kestrel + JWT validation, no work), so a
# busy machine moves both numbers together and the ratio stays comparable between runs.
anchor=$(wrk -t2 -c"$connections" -d5s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/healthz" \
  | sed -nE 's/^Requests\/sec: +([0-9.]+).*/\1/p')
awk -v r="$per_second" -v a="$anchor" 'BEGIN { printf "anchor GET /healthz with a token: %.0f/s; registrations/anchor = %.2f\n", a, a ? r / a : 0 }'

# Every acknowledged registration must be in the zone file exactly once. wrk stops counting with up to
# one request per connection still in flight; the server completes those too, so they may add records.
curl -fs -H "Authorization: Bearer $admin" -H 'Accept: text/dns' "http://127.0.0.1:$port/" > "$work/zone.txt"
in_zone=$(grep -c '^load-' "$work/zone.txt" || true)
distinct=$(awk '/^load-/ { print $1 }' "$work/zone.txt" | sort -u | wc -l)
echo "zone file: $in_zone load-* records ($distinct distinct names) for $acknowledged acknowledged registrations (+ up to $connections in flight)"
if [ "$distinct" -ne "$in_zone" ] || [ "$in_zone" -lt "$acknowledged" ] || [ "$in_zone" -gt $((acknowledged + connections)) ]; then
  echo "MISMATCH"; exit 1
fi
