#!/usr/bin/env bash
# Runs the Dockerfile's ENTRYPOINT + CMD (or its HEALTHCHECK) outside Docker, as `docker run` would: the
# runtime stage's ENV first, then the caller's BETTERDNS__* variables over it (like `docker run -e`), the
# image's paths mapped onto this machine. No Docker engine runs on the build machines; this checks what
# the image would run. Tested by ContainerEntrypointTests (against the CoreDNS stand-in).
#
#   APP=dir-with-betterdns DATA=data-dir COREDNS=coredns-binary deploy/container/run-entrypoint.sh [healthcheck]
#
# Mapped: /app -> $APP (a publish or build output holding the `betterdns` executable), /data -> $DATA,
# /usr/local/bin/coredns -> $COREDNS, /usr/bin/tini -> tini on PATH. The ports the image uses (53, 5080)
# need root or the image's file capability: override them, e.g. BETTERDNS__Urls=http://127.0.0.1:15080
# BETTERDNS__Dns__CoreDns__Listen=127.0.0.1:15053. `healthcheck` runs the HEALTHCHECK command against
# the port of BETTERDNS__Urls and exits with its status.
set -euo pipefail
dockerfile=${DOCKERFILE:-$(cd "$(dirname "$0")/../.." && pwd)/Dockerfile}
: "${APP:?APP: the directory holding the betterdns executable}" "${DATA:?DATA: the data directory}" "${COREDNS:?COREDNS: the coredns binary}"
tini=$(command -v tini) || { echo "tini is missing (Debian: apt-get install tini)" >&2; exit 1; }
# Outside Docker tini is not PID 1: as a subreaper it still reaps what BetterDns leaves behind.
export TINI_SUBREAPER=1

# The runtime stage: everything after its FROM line.
runtime=$(awk '/^FROM .* AS runtime$/ {on = 1} on' "$dockerfile")
map() { sed -e "s#/usr/local/bin/coredns#$COREDNS#g" -e "s#/usr/bin/tini#$tini#g" -e "s#/app/#$APP/#g" -e "s#=/data\$#=$DATA#g" -e "s#^/data\$#$DATA#g"; }
instruction() { # the JSON array of an instruction (one line), one element a line
  printf '%s\n' "$runtime" | sed -n "s/^$1 //p" | tail -n 1 | python3 -c 'import json, sys; print("\n".join(json.loads(sys.stdin.read())))'
}
healthcheck() { printf '%s\n' "$runtime" | awk '/^HEALTHCHECK / {on = 1} on && /^ *CMD \[/ {sub(/^ *CMD /, ""); print; exit}' | python3 -c 'import json, sys; print("\n".join(json.loads(sys.stdin.read())))'; }

# ENV KEY=VALUE \ … (values without spaces, as in the Dockerfile); the caller's variables win.
declare -A image_env=()
while read -r pair; do
  key=${pair%%=*}; image_env[$key]=$(printf '%s\n' "${pair#*=}" | map)
done < <(printf '%s\n' "$runtime" | awk '/^ENV / {on = 1} on {print; if ($0 !~ /\\$/) on = 0}' | tr -d '\\' | tr ' ' '\n' | grep '=')
for key in "${!image_env[@]}"; do
  [ -z "${!key+set}" ] && export "$key=${image_env[$key]}"
done

if [ "${1:-}" = healthcheck ]; then
  port=${BETTERDNS__Urls##*:}
  mapfile -t command < <(healthcheck | sed "s#127.0.0.1/5080#127.0.0.1/$port#")
else
  mapfile -t command < <({ instruction ENTRYPOINT; instruction CMD; } | map)
fi
cd "$APP"
exec "${command[@]}"
