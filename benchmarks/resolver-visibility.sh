#!/usr/bin/env bash
# What clients see through a caching resolver (issue 18): the real `betterdns` (Release, embedded DNS
# server, every TTL setting at its default) with Debian's unbound in front (a stub zone; no cache setting
# changed). Measures, per sample:
#   new:  a name asked through unbound (NXDOMAIN, cached) and asked again every 10 ms while it registers:
#         2xx -> unbound answers it (negative if unbound answered before the client read its 2xx), and
#         first NXDOMAIN -> answer (under load the POST itself can outlast the 1 s negative TTL);
#   dead: a VM with a TCP check (interval 500ms x 3 failures, like the issue's), answered through unbound,
#         stops listening: death -> the server stops answering it (detection) and -> unbound stops (what clients see).
# Samples run concurrently (independent names), so the whole run takes well under a minute.
# Usage: benchmarks/resolver-visibility.sh [SAMPLES=10]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/lib/betterdns-server.sh
samples=${1:-10}
command -v unbound >/dev/null || { echo "unbound is missing (apt-get install unbound)"; exit 1; }
dotnet build src/BetterDns -c Release --nologo -v q >/dev/null
bin=$PWD/src/BetterDns/bin/Release/net10.0/betterdns.dll
work=$(mktemp -d)
server_pid="" unbound_pid=""
cleanup() {
  for pid in $unbound_pid $server_pid; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
http_port=$(free_port)
dns_port=$(free_port)
resolver_port=$(free_port)
export BETTERDNS__Storage__DataDirectory="$work/data" BETTERDNS__Dns__Listen="127.0.0.1:$dns_port" BETTERDNS__Dns__Server=embedded
export BETTERDNS__Logging__LogLevel__Default=Warning BETTERDNS__RateLimit__Enabled=false
start_betterdns "$work" "$http_port" "$bin"
# An admin token: the checked targets listen on loopback.
token=$(cd "$work" && dotnet "$bin" token create --sub bench-ops --role admin --expires 1h)

cat > "$work/unbound.conf" <<CONF
server:
    interface: 127.0.0.1
    port: $resolver_port
    do-ip6: no
    do-daemonize: no
    username: ""
    chroot: ""
    directory: "$work"
    pidfile: "$work/unbound.pid"
    use-syslog: no
    logfile: ""
    num-threads: 1
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    module-config: "iterator"
stub-zone:
    name: "cluster.internal."
    stub-addr: 127.0.0.1@$dns_port
CONF
unbound -d -c "$work/unbound.conf" > "$work/unbound.log" 2>&1 &
unbound_pid=$!

python3 - "$http_port" "$dns_port" "$resolver_port" "$token" "$samples" <<'PY'
import json, os, random, socket, statistics, sys, threading, time, urllib.request
sys.path.insert(0, "benchmarks/lib")
from dns_ask import ask
http_port, dns_port, resolver_port, token, samples = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])

def register(body):
    request = urllib.request.Request(f"http://127.0.0.1:{http_port}/a", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    with urllib.request.urlopen(request) as response:
        assert response.status in (200, 201), response.status
        return json.load(response)

def until(condition, limit=90):
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise TimeoutError("no change within %d s" % limit)
        time.sleep(0.01)

for _ in range(200):  # unbound up and reaching the server
    if ask(resolver_port, "cluster.internal.")[0] is not None:
        break
    time.sleep(0.05)

def new_name(i, out, asked_out):
    name, ip = f"new-{i}.cluster.internal.", f"127.0.91.{i + 1}"
    rcode, _ = ask(resolver_port, name)
    asked = time.perf_counter()
    assert rcode == 3, rcode  # NXDOMAIN, now in unbound's negative cache
    # A consumer that keeps asking (every 10 ms) while the VM registers: unbound refreshes its negative
    # entry whenever it expires, so at the 2xx anything from 0 to the whole negative TTL is left of it.
    answered = []
    def poll():
        while ip not in ask(resolver_port, name)[1]:
            time.sleep(0.01)
        answered.append(time.perf_counter())
    poller = threading.Thread(target=poll)
    poller.start()
    register({"name": f"new-{i}", "ip": ip})
    acknowledged = time.perf_counter()
    poller.join(90)
    out.append(answered[0] - acknowledged)
    asked_out.append(answered[0] - asked)

def dead_vm(i, detected, seen, ttls):
    name, ip = f"dead-{i}.cluster.internal.", f"127.0.92.{i + 1}"
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((ip, 0))
    listener.listen(64)
    record = register({"name": f"dead-{i}", "ip": ip, "check": {"kind": "tcp", "port": listener.getsockname()[1],
        "interval": "500ms", "timeout": "500ms", "failuresBeforeCritical": 3, "successesBeforePassing": 1}})
    ttls.append(record["ttl"])
    until(lambda: ip in ask(resolver_port, name)[1])
    time.sleep(random.uniform(1, 2))  # die at an arbitrary point of the resolver's cache period
    listener.close()
    died = time.perf_counter()
    marks = {}
    def gone(port, key):
        if key not in marks and ip not in ask(port, name)[1]:
            marks[key] = time.perf_counter() - died
        return key in marks
    until(lambda: gone(dns_port, "server") & gone(resolver_port, "resolver"))
    detected.append(marks["server"])
    seen.append(marks["resolver"])

def run(target, *lists):
    threads = [threading.Thread(target=target, args=(i, *lists)) for i in range(samples)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

new, asked, detected, seen, ttls = [], [], [], [], []
run(new_name, new, asked)
run(dead_vm, detected, seen, ttls)
assert len(new) == samples and len(seen) == samples, "a sample failed"
fmt = lambda xs: f"median {statistics.median(xs):.2f} s, min {min(xs):.2f}, max {max(xs):.2f}"
print(f"unbound {os.popen('unbound -V').readline().split()[1]} in front of the embedded server, defaults; {samples} samples each; load average {os.getloadavg()[0]:.1f}")
print(f"  name asked before it registered, 2xx -> answered through unbound: {fmt(new)}")
print(f"  the same, from the NXDOMAIN unbound cached -> answered (the negative TTL's share): {fmt(asked)}")
print(f"  VM died (tcp check 500ms x 3, served ttl {sorted(set(ttls))}), death -> server stops answering: {fmt(detected)}")
print(f"  VM died, death -> unbound stops answering (what clients see): {fmt(seen)}")
PY
