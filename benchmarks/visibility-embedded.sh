#!/usr/bin/env bash
# Visibility with the embedded server (issue 4): time from the 201 of POST /a to the first DNS answer
# that contains the new address, through the real `betterdns` (Release) on loopback. The client is one
# Python process (HTTP with urllib, DNS as a raw UDP query), so no process start-up is counted.
# PRELOADED operator-written A records are in the zone before the server starts (like
# registration-load.sh), so the cost of a write to a large zone shows. BETTERDNS_DLL runs another build
# (e.g. a base build, for a side-by-side comparison).
# Usage: benchmarks/visibility-embedded.sh [REGISTRATIONS=50] [PRELOADED=0]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib/preloaded-zone.sh
count=${1:-50}
preloaded=${2:-0}
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
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$preloaded" -gt 0 ]; then
  mkdir -p "$work/data"
  preloaded_zone "$preloaded" > "$work/data/cluster.internal.zone"
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
http_port=$(free_port)
dns_port=$(free_port)
export BETTERDNS__Storage__DataDirectory="$work/data" BETTERDNS__Dns__Listen="127.0.0.1:$dns_port" BETTERDNS__Dns__Server=embedded
export BETTERDNS__Logging__LogLevel__Default=Warning
# One subject drives the whole load: the per-token rate limit would measure itself, not the registry.
export BETTERDNS__RateLimit__Enabled=false
(cd "$work" && exec dotnet "$bin" --urls "http://127.0.0.1:$http_port") > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
token=$(cd "$work" && dotnet "$bin" token create --sub vm-vis --names 'vis-*' --ips 10.0.0.0/8 --expires 1h)

python3 - "$http_port" "$dns_port" "$token" "$count" "$preloaded" <<'PY'
import json, os, socket, struct, sys, time, urllib.request, statistics, random
http_port, dns_port, token, count, preloaded = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

sys.path.insert(0, "benchmarks/lib")
from dns_ask import ask

def query(name):
    # A's in the answer; 0 on a timeout too (a server busy for over a second indexing a large zone): ask again.
    return len(ask(dns_port, name)[1])

# Warm-up: one registration answered, so the first measured one does not pay for start-up work.
body = json.dumps({"name": "vis-warm", "ip": "10.78.0.1", "ttl": 60}).encode()
urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{http_port}/a", data=body, method="POST",
    headers={"Content-Type": "application/json", "Authorization": "Bearer " + token}))
while query("vis-warm.cluster.internal.") == 0:
    pass

latencies = []
for i in range(count):
    body = json.dumps({"name": f"vis-{i}", "ip": f"10.77.{i // 250}.{i % 250 + 1}", "ttl": 60}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{http_port}/a", data=body, method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as response:
        assert response.status == 201, response.status
    acknowledged = time.perf_counter()
    while query(f"vis-{i}.cluster.internal.") == 0:
        pass
    latencies.append((time.perf_counter() - acknowledged) * 1000)
latencies.sort()
print(f"embedded: {preloaded} preloaded records, load average {os.getloadavg()[0]:.2f}; {count} registrations, 201 -> first answer ms: min {latencies[0]:.2f}  median {statistics.median(latencies):.2f}  "
      f"p90 {latencies[int(len(latencies) * 0.9) - 1]:.2f}  max {latencies[-1]:.2f}")
PY
