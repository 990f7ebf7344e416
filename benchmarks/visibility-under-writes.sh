#!/usr/bin/env bash
# Writes/s and visibility at 100,000 records while DNS is queried: benchmarks/WriteLoad (64 clients, mix
# 60/30/10, 10 s after a 3 s warm-up) against one betterdns (embedded DNS) whose zone file is preloaded,
# once per SAMPLES value (visibility samples per run; 0 = no DNS queries at all).
# Usage: SAMPLES="0 20" benchmarks/visibility-under-writes.sh path/to/betterdns.dll
set -euo pipefail
cd "$(dirname "$0")/.."
dll=$(realpath "$1")
dotnet build benchmarks/WriteLoad -c Release --nologo -v q >/dev/null
wl=$PWD/benchmarks/WriteLoad/bin/Release/net10.0/WriteLoad.dll
work=$(mktemp -d); pid=""
cleanup() { [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/data"
{ echo '$ORIGIN cluster.internal.'; echo '$TTL 60'; echo '@ 60 IN SOA ns1 hostmaster 2026010101 3600 600 1209600 60'; echo '  60 IN NS ns1'; echo 'ns1 60 IN A 127.0.0.1'
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "pre-%d 60 IN A 10.%d.%d.%d\n", i, int(i / 62500), int(i / 250) % 250, i % 250 + 1 }'; } > "$work/data/cluster.internal.zone"
fp() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
http=$(fp); dns=$(fp)
export BETTERDNS__Storage__DataDirectory="$work/data" BETTERDNS__Dns__Server=embedded BETTERDNS__Dns__Listen="127.0.0.1:$dns"
export BETTERDNS__RateLimit__Enabled=false BETTERDNS__Registry__MaxRecordsPerOwner=100000000 BETTERDNS__Logging__LogLevel__Default=Warning
(cd "$work" && exec dotnet "$dll" --urls "http://127.0.0.1:$http") > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$http/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
token=$(cd "$work" && dotnet "$dll" token create --sub vm-load --names 'wl*' --ips 10.0.0.0/8 --expires 1h)
for s in ${SAMPLES:-0 4}; do
  echo "visibility-samples $s, load $(cut -d' ' -f1 /proc/loadavg)"
  dotnet "$wl" --target betterdns --url "http://127.0.0.1:$http" --dns "127.0.0.1:$dns" --token "$token" --server-pid "$pid" \
    --clients 64 --duration 10 --warmup 3 --mix 60/30/10 --prefix "wl$s$RANDOM" --visibility-samples "$s" --zone cluster.internal. --label "s$s" 2>&1 | tail -4
done
