#!/usr/bin/env bash
# A stand-in for `coredns -conf Corefile` (CoreDNS cannot be installed here): it reads the zone, port,
# bind address and zone file out of the Corefile BetterDns generated and serves them with BIND, behaving
# as CoreDNS does towards its supervisor: runs in the foreground, logs to stdout/stderr, reloads on
# SIGUSR1, polls the zone file like `file … { reload 1s }` (here every 200 ms), exits on SIGTERM.
set -u
[ "${1:-}" = "-conf" ] || { echo "usage: coredns -conf Corefile" >&2; exit 2; }
corefile=$2
block=$(awk '$1 ~ /:[0-9]+$/ && $2 == "{" {print $1; exit}' "$corefile")
origin=${block%:*}
port=${block##*:}
address=$(awk '$1 == "bind" {print $2; exit}' "$corefile")
zonefile=$(awk '$1 == "file" {print $2; exit}' "$corefile")
[ -n "$origin" ] && [ -n "$port" ] && [ -n "$address" ] && [ -n "$zonefile" ] || { echo "cannot read $corefile" >&2; exit 1; }

rundir=$(mktemp -d)
cat > "$rundir/named.conf" <<CONF
options { directory "$rundir"; listen-on port $port { $address; }; listen-on-v6 { none; };
          recursion no; pid-file "$rundir/named.pid"; session-keyfile "$rundir/session.key"; };
controls { };
zone "$origin" { type primary; file "$zonefile"; };
CONF

named -g -c "$rundir/named.conf" &
server=$!
echo "[INFO] stand-in coredns: serving $origin on $address:$port from $zonefile (named pid $server)"
trap 'echo "[INFO] SIGUSR1: reloading"; kill -HUP $server' USR1
trap 'kill -TERM $server; wait $server; rm -rf "$rundir"; exit 0' TERM INT

seen=$(stat -c '%i %Y %s' "$zonefile" 2>/dev/null)
while kill -0 $server 2>/dev/null; do
  sleep 0.2 & wait $!
  now=$(stat -c '%i %Y %s' "$zonefile" 2>/dev/null)
  if [ "$now" != "$seen" ]; then
    seen=$now
    kill -HUP $server
  fi
done
wait $server
status=$?
rm -rf "$rundir"
exit $status
