#!/usr/bin/env bash
# Query throughput: the embedded DNS server against Knot, same zone, same query file, same run.
#
#   benchmarks/dns-query.sh [--runs N] [--names N] [--seconds N] [--clients N] [--receivers N] [--loop Threads|Async]
#
# Builds Release, generates a zone of N A records (bench.test.), serves it with the embedded server
# (benchmarks/dns/DnsQueryBench) and with knotd on another loopback port, then runs dnsperf against
# each in turn. Prints qps for both and the ratio per run, and the medians when --runs > 1.
# Needs: dotnet, knotd (apt: knot), dnsperf (apt: dnsperf), dig, python3.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=1 names=10000 seconds=10 clients=4 receivers=0 loop=Threads
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --names) names=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --receivers) receivers=$2; shift 2 ;;
    --loop) loop=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in dotnet knotd dnsperf dig python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y knot dnsperf bind9-dnsutils)" >&2; exit 1; }
done

work=$(mktemp -d)
embedded_pid="" knot_pid=""
cleanup() {
  [ -n "$embedded_pid" ] && kill "$embedded_pid" 2>/dev/null && wait "$embedded_pid" 2>/dev/null || true
  [ -n "$knot_pid" ] && kill "$knot_pid" 2>/dev/null && wait "$knot_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket
u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",0)); p=u.getsockname()[1]
t=socket.socket(); t.bind(("127.0.0.1",p)); print(p)'
}

wait_for_answer() { # port
  for _ in $(seq 1 100); do
    if dig @127.0.0.1 -p "$1" +tries=1 +time=1 +short host-0.bench.test A 2>/dev/null | grep -q '^10\.'; then return 0; fi
    sleep 0.1
  done
  echo "no answer on port $1" >&2; return 1
}

cpu_ticks() { # pid: user + system clock ticks so far
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Prints "qps lost cpu-us-per-query": the CPU cost per answer is steadier than qps on a shared machine.
qps() { # port label pid
  local before; before=$(cpu_ticks "$3")
  dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$seconds" -c "$clients" -Q 1000000 >"$work/$2.out" 2>&1 || true
  local after; after=$(cpu_ticks "$3")
  local value; value=$(awk '/Queries per second:/ {print $4}' "$work/$2.out")
  local lost; lost=$(awk '/Queries lost:/ {print $3}' "$work/$2.out")
  local completed; completed=$(awk '/Queries completed:/ {print $3}' "$work/$2.out")
  [ -n "$value" ] || { cat "$work/$2.out" >&2; echo "dnsperf failed against $2" >&2; exit 1; }
  local hz; hz=$(getconf CLK_TCK)
  echo "$value $lost $(awk -v t=$((after - before)) -v hz="$hz" -v n="$completed" 'BEGIN {printf "%.2f", t / hz * 1e6 / n}')"
}

echo "building Release..." >&2
dotnet build -c Release -v q --nologo benchmarks/dns/DnsQueryBench >/dev/null
bench_dll=benchmarks/dns/DnsQueryBench/bin/Release/net10.0/DnsQueryBench.dll

# The embedded server writes the zone file it serves, so Knot serves exactly the same records.
# Inline socket completions: the receive loop continues on the epoll thread instead of a thread-pool hop.
mkfifo "$work/stdin"
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_gcServer=0 \
  dotnet "$bench_dll" "$names" "$work/db.bench.test" 127.0.0.1:0 "$receivers" "$loop" <"$work/stdin" >"$work/embedded.log" 2>&1 &
embedded_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 1 200); do grep -q '^ready' "$work/embedded.log" 2>/dev/null && break; sleep 0.1; done
embedded_port=$(awk '/^ready/ {n=split($2,a,":"); print a[n]}' "$work/embedded.log")
[ -n "$embedded_port" ] || { cat "$work/embedded.log" >&2; exit 1; }

knot_port=$(free_port)
mkdir -p "$work/knot"
cat >"$work/knot/knot.conf" <<CONF
server:
  listen: 127.0.0.1@$knot_port
  rundir: $work/knot
  user: $(id -un):$(id -gn)
database:
  storage: $work/knot
zone:
  - domain: bench.test
    file: $work/db.bench.test
    zonefile-sync: -1
    journal-content: none
CONF
knotd -c "$work/knot/knot.conf" >"$work/knot.log" 2>&1 &
knot_pid=$!

wait_for_answer "$embedded_port"
wait_for_answer "$knot_port"

# The same shuffled query file for both: every name once (all answers are hits).
awk '/ A / {print $1, "A"}' "$work/db.bench.test" | shuf --random-source=<(yes) >"$work/queries.txt"

echo "zone: $names names; dnsperf: $seconds s, $clients clients; embedded on $embedded_port, knot on $knot_port" >&2
printf '%-4s %12s %12s %8s %22s\n' run embedded knot ratio 'cpu us/query (e, k)'
results=()
for run in $(seq 1 "$runs"); do
  read -r e_qps e_lost e_cpu < <(qps "$embedded_port" embedded "$embedded_pid")
  read -r k_qps k_lost k_cpu < <(qps "$knot_port" knot "$knot_pid")
  ratio=$(awk -v e="$e_qps" -v k="$k_qps" 'BEGIN {printf "%.2f", e / k}')
  printf '%-4s %12.0f %12.0f %8s %11s %10s   (lost: embedded %s, knot %s)\n' "$run" "$e_qps" "$k_qps" "$ratio" "$e_cpu" "$k_cpu" "$e_lost" "$k_lost"
  results+=("$e_qps $k_qps $ratio")
done

if [ "$runs" -gt 1 ]; then
  printf '%s\n' "${results[@]}" | awk '
    { e[NR]=$1; k[NR]=$2; r[NR]=$3 }
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END { printf "%-4s %12.0f %12.0f %8.2f\n", "med", median(e, NR), median(k, NR), median(r, NR) }'
fi
