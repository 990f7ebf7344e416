#!/usr/bin/env bash
# BetterDns vs PowerDNS Authoritative (issue 6): the same HTTP write load on both, in turn, in one run.
# Both serve the zone cluster.internal. preloaded with 100,000 A records; benchmarks/WriteLoad (N clients,
# fixed duration, mix of registrations of new names / address updates / deletes, default 60/30/10) drives
#   - BetterDns (Release build, temp data dir, embedded DNS server, rate limiting off, records-per-owner cap
#     raised): POST /a, PUT /a/{name}, DELETE /a/{name} with a VM token;
#   - PowerDNS 4.7 (pdns-server + gsqlite3, API on loopback, otherwise its defaults): PATCH of one rrset
#     (changetype REPLACE / DELETE), once with the zone's api_rectify on (the default: whole-zone rectify on
#     every PATCH) and once with it off (PowerDNS at its best).
# Each run reports acknowledged writes/s, errors by kind, p50/p99 latency of acknowledged writes, and the time
# from acknowledgement to the first DNS answer with the new address: after the load phase, registrations one at
# a time ("alone"; half by an in-process UDP query loop, half by starting `dig` per query as the issue measured),
# and, with several clients, sampled by one client during the load ("under load").
# Prints a markdown table (medians over rounds) and saves it under benchmarks/out/.
#
# Usage: benchmarks/powerdns-vs-betterdns.sh [duration_s=15] [rounds=3] [records=100000]
# Environment: CLIENTS="1 64"  MIX=60/30/10  RECTIFY_DURATION=8 (api_rectify-on runs, done once: <3 writes/s)
#              VISIBILITY_SAMPLES=20 (per run, alone and again under load)  WARMUP=3  KEEP_WORK=1 (keep the temp dir with both servers' logs)
#              SIDE_TURNS=6 (visibility alone, side by side: turns per server, VISIBILITY_SAMPLES registrations each)
# Needs root (or sudo) only to apt-get install pdns-server pdns-backend-sqlite3 sqlite3 when missing.
set -euo pipefail
# The whole script is one brace group: bash parses it completely before running, so editing the file during a run is safe.
{
cd "$(dirname "$0")/.."
. benchmarks/lib/preloaded-zone.sh
repo=$PWD

duration=${1:-15}
rounds=${2:-3}
records=${3:-100000}
clients_list=${CLIENTS:-1 64}
mix=${MIX:-60/30/10}
rectify_duration=${RECTIFY_DURATION:-8}
samples=${VISIBILITY_SAMPLES:-20}
warmup=${WARMUP:-3}
side_turns=${SIDE_TURNS:-6}
zone=cluster.internal.
api_key=bench-secret

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- PowerDNS from apt, with the package's own service kept off ------------------------------------------
install_powerdns() {
  local missing=()
  command -v pdns_server >/dev/null || missing+=(pdns-server)
  [ -f /usr/lib/x86_64-linux-gnu/pdns/libgsqlite3backend.so ] || ls /usr/lib/*/pdns/libgsqlite3backend.so >/dev/null 2>&1 \
    || missing+=(pdns-backend-sqlite3)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "installing ${missing[*]}"
  # policy-rc.d 101 = "do not start services" for the package scripts (restored afterwards).
  local policy=/usr/sbin/policy-rc.d placed=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy" && placed=yes
  fi
  $sudo apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >/dev/null \
    || { $sudo apt-get -o DPkg::Lock::Timeout=900 update >/dev/null && $sudo apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  [ -n "$placed" ] && $sudo rm -f "$policy"
  stop_packaged_pdns
}

# The Debian service (config in /etc/powerdns, pid in /run/pdns) would hold port 53 and the CPU; ours has its own dir.
stop_packaged_pdns() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    $sudo systemctl stop pdns.service 2>/dev/null || true
    $sudo systemctl disable pdns.service 2>/dev/null || true
  fi
  local pid
  for pidfile in /run/pdns/pdns.pid /var/run/pdns/pdns.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pdns_server ]; then
      log "stopping the packaged pdns_server (pid $pid)"
      $sudo kill "$pid" || true
    fi
  done
}

install_powerdns
stop_packaged_pdns
schema=$(ls /usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql 2>/dev/null || ls /usr/share/doc/pdns-backend-sqlite3/schema.sqlite3.sql)

# --- builds ---------------------------------------------------------------------------------------------
log "building BetterDns and WriteLoad (Release)"
dotnet build src/BetterDns -c Release --nologo -v q >/dev/null
dotnet build benchmarks/WriteLoad -c Release --nologo -v q >/dev/null
betterdns=$repo/src/BetterDns/bin/Release/net10.0/betterdns.dll
writeload=$repo/benchmarks/WriteLoad/bin/Release/net10.0/WriteLoad.dll

work=$(mktemp -d)
bd_pid="" pdns_pid=""
cleanup() {
  for pid in $bd_pid $pdns_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP_WORK:-}" ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # url pid logfile [header]
  for _ in $(seq 1 240); do
    curl -fs ${4:+-H "$4"} "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; return 1; }
    sleep 0.5
  done
  cat "$3" >&2; return 1
}
address_of() { awk -v i="$1" 'BEGIN { printf "10.%d.%d.%d", int(i / 62500), int(i / 250) % 250, i % 250 + 1 }'; }

# --- BetterDns: zone file with $records A records, embedded DNS ------------------------------------------
bd_http=$(free_port) bd_dns=$(free_port)
mkdir -p "$work/bd/data"
preloaded_zone "$records" > "$work/bd/data/cluster.internal.zone"
log "starting BetterDns (HTTP $bd_http, DNS $bd_dns)"
(
  cd "$work/bd"
  export BETTERDNS__Storage__DataDirectory="$work/bd/data" BETTERDNS__Dns__Server=embedded BETTERDNS__Dns__Listen="127.0.0.1:$bd_dns"
  export BETTERDNS__RateLimit__Enabled=false BETTERDNS__Registry__MaxRecordsPerOwner=100000000
  export BETTERDNS__Logging__LogLevel__Default=Warning
  exec dotnet "$betterdns" --urls "http://127.0.0.1:$bd_http"
) > "$work/bd/server.log" 2>&1 &
bd_pid=$!
wait_for "http://127.0.0.1:$bd_http/healthz" "$bd_pid" "$work/bd/server.log"
bd_token=$(cd "$work/bd" && BETTERDNS__Storage__DataDirectory="$work/bd/data" dotnet "$betterdns" token create --sub vm-load --names 'wl*' --ips 10.0.0.0/8 --expires 2h)

# --- PowerDNS: gsqlite3, API on loopback; the zone loaded by PATCHes of 10,000 rrsets ---------------------
pd_dns=$(free_port) pd_http=$(free_port)
mkdir -p "$work/pdns"
sqlite3 "$work/pdns/pdns.sqlite3" < "$schema"
cat > "$work/pdns/pdns.conf" <<EOF
launch=gsqlite3
gsqlite3-database=$work/pdns/pdns.sqlite3
local-address=127.0.0.1
local-port=$pd_dns
api=yes
api-key=$api_key
webserver=yes
webserver-address=127.0.0.1
webserver-port=$pd_http
webserver-allow-from=127.0.0.0/8
webserver-loglevel=none
socket-dir=$work/pdns
guardian=no
daemon=no
EOF
log "starting PowerDNS $(pdns_server --version 2>&1 | grep -o 'Authoritative Server [0-9.]*' | head -1) (DNS $pd_dns, API $pd_http)"
pdns_server --config-dir="$work/pdns" > "$work/pdns/server.log" 2>&1 &
pdns_pid=$!
pd_api=http://127.0.0.1:$pd_http/api/v1/servers/localhost
wait_for "$pd_api" "$pdns_pid" "$work/pdns/server.log" "X-API-Key: $api_key"
pd() { curl -fsS -H "X-API-Key: $api_key" -H 'Content-Type: application/json' "$@"; }
pd -X POST "$pd_api/zones" -d '{"name":"cluster.internal.","kind":"Native","api_rectify":false,
  "nameservers":["ns1.cluster.internal."],
  "rrsets":[{"name":"ns1.cluster.internal.","type":"A","ttl":60,"records":[{"content":"127.0.0.1","disabled":false}]}]}' >/dev/null
log "loading $records records into PowerDNS"
for ((first = 0; first < records; first += 10000)); do
  python3 - "$first" "$(( first + 10000 < records ? first + 10000 : records ))" > "$work/pdns/chunk.json" <<'PY'
import json, sys
first, end = int(sys.argv[1]), int(sys.argv[2])
print(json.dumps({"rrsets": [{"name": f"pre-{i}.cluster.internal.", "type": "A", "ttl": 60, "changetype": "REPLACE",
    "records": [{"content": f"10.{i // 62500}.{i // 250 % 250}.{i % 250 + 1}", "disabled": False}]} for i in range(first, end)]}))
PY
  pd -X PATCH "$pd_api/zones/$zone" --data-binary "@$work/pdns/chunk.json" >/dev/null
done
pd -X PUT "$pd_api/zones/$zone/rectify" >/dev/null
set_rectify() { pd -X PUT "$pd_api/zones/$zone" -d "{\"api_rectify\": $1}" >/dev/null; }

# Both answer the last preloaded name before anything is measured.
last=$((records - 1))
for port in "$bd_dns" "$pd_dns"; do
  answer=$(dig +short +tries=2 +time=2 -p "$port" @127.0.0.1 "pre-$last.$zone" A)
  [ "$answer" = "$(address_of "$last")" ] || { log "server on DNS port $port answers '$answer' for pre-$last"; exit 1; }
done
log "both servers answer pre-$last; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# --- runs -------------------------------------------------------------------------------------------------
results=$work/results.jsonl
run() { # label target clients duration warmup
  local label=$1 target=$2 clients=$3 seconds=$4 warm=$5 prefix
  prefix=wl$(printf '%s' "$label" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9')$RANDOM
  local common=(--clients "$clients" --duration "$seconds" --warmup "$warm" --mix "$mix" --prefix "$prefix"
    --visibility-samples "$samples" --zone "$zone" --label "$label" --out "$results" ${rate:+--rate "$rate"})
  if [ "$target" = betterdns ]; then
    dotnet "$writeload" --target betterdns --url "http://127.0.0.1:$bd_http" --dns "127.0.0.1:$bd_dns" --token "$bd_token" \
      --server-pid "$bd_pid" "${common[@]}"
  else
    dotnet "$writeload" --target powerdns --url "http://127.0.0.1:$pd_http" --dns "127.0.0.1:$pd_dns" --api-key "$api_key" \
      --server-pid "$pdns_pid" "${common[@]}"
  fi
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
set_rectify true
for clients in $clients_list; do
  run "PowerDNS api_rectify on|$clients" powerdns "$clients" "$rectify_duration" 1
done
set_rectify false
for round in $(seq 1 "$rounds"); do
  log "round $round of $rounds"
  for clients in $clients_list; do
    run "BetterDns|$clients" betterdns "$clients" "$duration" "$warmup"
    run "PowerDNS api_rectify off|$clients" powerdns "$clients" "$duration" "$warmup"
  done
done
# --- BetterDns under load at PowerDNS's rate ----------------------------------------------------------------
# Visibility under load depends on how busy the server is: BetterDns's own rows run at many times PowerDNS's
# write rate. One more BetterDns run, paced to the median rate PowerDNS achieved with the most clients, compares
# the two at the same load.
most=${clients_list##* }
pd_rate=$(python3 - "$results" "PowerDNS api_rectify off|$most" <<'PY'
import json, statistics, sys
rates = [r["writesPerSecond"] for r in map(json.loads, open(sys.argv[1])) if r["label"] == sys.argv[2]]
print(f"{statistics.median(rates):.1f}" if rates else "")
PY
)
if [ -n "$pd_rate" ] && [ "$most" -gt 1 ]; then
  log "BetterDns at $most clients paced to PowerDNS's $pd_rate writes/s"
  rate=$pd_rate run "BetterDns at PowerDNS's rate|$most" betterdns "$most" "$duration" "$warmup"
fi

# --- visibility alone, side by side -------------------------------------------------------------------------
# The rows above measure each server right after its own load phase, minutes apart: dig's start-up (most of the
# dig figure) follows whatever else the machine is doing then. Here the two servers take turns every few
# seconds (order alternating, PowerDNS at its best: api_rectify off), one registration at a time, so both
# see the same machine.
side_results=$work/side.jsonl
for turn in $(seq 1 "$side_turns"); do
  order="betterdns powerdns"
  [ $((turn % 2)) -eq 0 ] && order="powerdns betterdns"
  for target in $order; do
    label=BetterDns
    [ "$target" = powerdns ] && label="PowerDNS api_rectify off"
    results=$side_results run "$label|1" "$target" 1 0 0 >/dev/null
  done
done
log "side-by-side visibility: $side_turns turns each"
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- table ------------------------------------------------------------------------------------------------
mkdir -p benchmarks/out
table=benchmarks/out/powerdns-vs-betterdns-$(date -u +%Y%m%dT%H%M%SZ).md
python3 - "$results" "$load_start" "$load_end" "$duration" "$rounds" "$records" "$mix" "$rectify_duration" "$side_results" "$side_turns" > "$table" <<'PY'
import json, statistics, sys
path, load_start, load_end, duration, rounds, records, mix, rectify_duration, side_path, side_turns = sys.argv[1:]
runs = [json.loads(line) for line in open(path)]
side = [json.loads(line) for line in open(side_path)]
groups = {}
for r in runs:
    groups.setdefault(r["label"], []).append(r)

def med(values):
    values = [v for v in values if isinstance(v, (int, float)) and v == v]
    return statistics.median(values) if values else float("nan")

def fmt(v, digits=1):
    return "–" if v != v else f"{v:,.{digits}f}"

def vis(rs, phase, key):
    return med([r[phase][key] for r in rs])

rows = []
for label, rs in groups.items():
    server, clients = label.split("|")
    attempts = sum(r["acknowledged"] + r["errors"] for r in rs)
    errors = sum(r["errors"] for r in rs)
    kinds = {}
    for r in rs:
        for k, n in r["errorKinds"].items():
            kinds[k] = kinds.get(k, 0) + n
    cpu = med([r["serverCpuSeconds"] * 1000 / (r["acknowledged"] + r["late"]) if r["acknowledged"] + r["late"] else float("nan") for r in rs])
    rows.append(dict(server=server, clients=int(clients), runs=len(rs), wps=med([r["writesPerSecond"] for r in rs]),
        wps_all=[r["writesPerSecond"] for r in rs], errors=errors, attempts=attempts, kinds=kinds,
        p50=med([r["p50Ms"] for r in rs]), p99=med([r["p99Ms"] for r in rs]),
        q_udp=vis(rs, "quiet", "udpMedianMs"), q_udp_n=sum(r["quiet"]["udpSamples"] for r in rs),
        q_dig=vis(rs, "quiet", "digMedianMs"), q_dig_n=sum(r["quiet"]["digSamples"] for r in rs),
        q_lost=sum(r["quiet"]["notVisible"] for r in rs),
        l_udp=vis(rs, "underLoad", "udpMedianMs"), l_udp_n=sum(r["underLoad"]["udpSamples"] for r in rs),
        l_lost=sum(r["underLoad"]["notVisible"] for r in rs),
        cpu=cpu, load=", ".join(r["loadAverageAfter"].split()[0] for r in rs)))
order = {"BetterDns": 0, "BetterDns at PowerDNS's rate": 1, "PowerDNS api_rectify off": 2, "PowerDNS api_rectify on": 3}
rows.sort(key=lambda r: (order.get(r["server"], 9), r["clients"]))

def lost(n):
    return f", {n} unseen in 10 s" if n else ""

print(f"{records} preloaded A records; mix create/update/delete {mix}; BetterDns and PowerDNS api_rectify off: "
      f"{rounds} rounds of {duration} s per row (median shown, each round in brackets); api_rectify on: one run of {rectify_duration} s.")
print("Visibility = acknowledgement to the first DNS answer holding the new address; *alone*: one registration at a time "
      "after the load phase; *under load*: sampled by one of the clients during the load phase.")
print()
print("| server | clients | acknowledged writes/s | errors | p50 ms | p99 ms | visible alone, UDP loop, median ms | visible alone, dig, median ms | visible under load, UDP, median ms | server CPU ms/write | load avg (1 min) after each run |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    share = f"{r['errors']:,} ({100 * r['errors'] / r['attempts']:.1f}%)" if r["attempts"] else "0"
    all_runs = " [" + ", ".join(fmt(v, 0 if v >= 100 else 1) for v in r["wps_all"]) + "]" if r["runs"] > 1 else ""
    under = f"{fmt(r['l_udp'], 2)} (n={r['l_udp_n']}{lost(r['l_lost'])})" if r["l_udp_n"] or r["l_lost"] else "–"
    print(f"| {r['server']} | {r['clients']} | {fmt(r['wps'], 0 if r['wps'] >= 100 else 1)}{all_runs} | {share} | {fmt(r['p50'], 2)} | "
          f"{fmt(r['p99'], 2)} | {fmt(r['q_udp'], 2)} (n={r['q_udp_n']}{lost(r['q_lost'])}) | {fmt(r['q_dig'], 1)} (n={r['q_dig_n']}) | "
          f"{under} | {fmt(r['cpu'], 2)} | {r['load']} |")
print()
for r in rows:
    if r["kinds"]:
        top = sorted(r["kinds"].items(), key=lambda kv: -kv[1])[:3]
        print(f"- errors, {r['server']} at {r['clients']} clients: " + "; ".join(f"{n:,} × `{k}`" for k, n in top))

bd = [r for r in rows if r["server"] == "BetterDns"]
pd = [r for r in rows if r["server"].startswith("PowerDNS")]
if bd and pd:
    best_pd = max(pd, key=lambda r: r["wps"])
    bd_top = max(bd, key=lambda r: r["clients"])
    ratio = bd_top["wps"] / best_pd["wps"] if best_pd["wps"] else float("inf")
    bd_errors = sum(r["errors"] for r in bd)
    def best(values):
        values = [v for v in values if v == v]
        return min(values) if values else float("nan")
    def worst(values):
        values = [v for v in values if v == v]
        return max(values) if values else float("nan")
    bd_load, pd_load = worst(r["l_udp"] for r in bd), best(r["l_udp"] for r in pd)
    paced = [r for r in rows if r["server"] == "BetterDns at PowerDNS's rate"]
    pd_most = [r for r in pd if r["server"] == "PowerDNS api_rectify off" and r["clients"] == (paced[0]["clients"] if paced else -1)]
    print(f"- BetterDns at {bd_top['clients']} clients / PowerDNS's best ({best_pd['server']}, {best_pd['clients']} "
          f"client{'s' if best_pd['clients'] > 1 else ''}): **{ratio:.1f}×** (target ≥ 5×: {'met' if ratio >= 5 else 'NOT met'}).")
    print(f"- BetterDns errors: {bd_errors} (target 0: {'met' if bd_errors == 0 else 'NOT met'}).")
    print(f"- Visibility under load (UDP median, worst BetterDns row vs best PowerDNS row): {fmt(bd_load, 2)} ms vs {fmt(pd_load, 2)} ms "
          f"({'no slower' if bd_load <= pd_load else 'slower'}; the rows differ in write rate, see the table).")
    if paced and pd_most:
        a, b = paced[0], pd_most[0]
        print(f"- Visibility under load at the same rate ({a['clients']} clients, BetterDns paced to {fmt(a['wps'], 1)} writes/s, "
              f"PowerDNS {fmt(b['wps'], 1)}): {fmt(a['l_udp'], 2)} ms vs {fmt(b['l_udp'], 2)} ms "
              f"(target no slower: {'met' if a['l_udp'] <= b['l_udp'] else 'NOT met'}).")
print()
print(f"**Visibility alone, side by side** ({side_turns} turns per server, taking turns with the order alternating; "
      "each turn registers one name at a time and waits for its answer; medians over every turn's median):")
print()
print("| server | UDP loop, median ms | UDP loop, turn medians | dig, median ms | dig, turn medians | dig runs per sample | unseen in 10 s |")
print("|---|---:|---|---:|---|---:|---:|")
side_rows = {}
for r in side:
    side_rows.setdefault(r["label"].split("|")[0], []).append(r["quiet"])
for server, qs in sorted(side_rows.items()):
    side_rows[server] = dict(udp=med([q["udpMedianMs"] for q in qs]), dig=med([q["digMedianMs"] for q in qs]))
    print(f"| {server} | {fmt(side_rows[server]['udp'], 2)} | {', '.join(fmt(q['udpMedianMs'], 2) for q in qs)} | "
          f"{fmt(side_rows[server]['dig'], 1)} | {', '.join(fmt(q['digMedianMs'], 1) for q in qs)} | "
          f"{fmt(med([q['digQueriesPerSample'] for q in qs]), 2)} | {sum(q['notVisible'] for q in qs)} |")
print()
b, p = side_rows.get("BetterDns"), side_rows.get("PowerDNS api_rectify off")
if b and p:
    print(f"- Visibility alone, side by side: UDP {fmt(b['udp'], 2)} ms vs {fmt(p['udp'], 2)} ms, dig {fmt(b['dig'], 1)} ms vs "
          f"{fmt(p['dig'], 1)} ms (target no slower: {'met' if b['udp'] <= p['udp'] and b['dig'] <= p['dig'] else 'NOT met'}).")
print(f"- load average (1/5/15 min) at start {load_start}, at end {load_end}.")
PY
# PowerDNS answers a failed PATCH with a bare 500; its log says why.
{
  echo
  echo "PowerDNS log, most frequent error lines (digits folded):"
  grep -iE 'error|exception|locked|fail' "$work/pdns/server.log" \
    | sed -E 's/^[A-Z][a-z]{2} [0-9]{2} [0-9:]{8} //; s/.*Exception: //; s/RRSet [^ :]+/RRSet NAME/; s/[0-9]+/N/g' \
    | sort | uniq -c | sort -rn | head -5 | sed 's/^/    /'
} >> "$table"
cat "$table"
log "table saved to $table"
exit
}
