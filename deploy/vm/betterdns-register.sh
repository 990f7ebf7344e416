#!/bin/sh
# betterdns-register: a VM registers its A record with BetterDns at boot, proves it is alive, and
# deregisters on clean shutdown. POSIX sh and curl only (docs/vm-boot.md).
#
#   betterdns-register register     POST /a with retry until accepted, then GET /a/NAME?wait= until INSYNC
#   betterdns-register heartbeat    PUT /a/NAME/heartbeat once (for a heartbeat check; a timer repeats it)
#   betterdns-register heartbeats   heartbeat every BETTERDNS_HEARTBEAT_EVERY seconds, forever
#   betterdns-register deregister   DELETE /a/NAME (this VM's address only when BETTERDNS_IP is set)
#
# Settings (environment, e.g. from /etc/betterdns/vm.env):
#   BETTERDNS_URL          the API, e.g. http://10.0.0.2:5080 (required)
#   BETTERDNS_TOKEN        a VM token (betterdns token create), or BETTERDNS_TOKEN_FILE naming a file holding it
#   BETTERDNS_NAME         the name to register (default: the short host name)
#   BETTERDNS_IP           the address (default: left out, BetterDns takes the address the request comes from;
#                          another address must be listed in the token: betterdns token create --ips)
#   BETTERDNS_TTL          TTL in seconds (default: the zone's)
#   BETTERDNS_CHECK        the check as JSON, e.g. {"kind":"heartbeat","interval":"30s"} (default: none)
#   BETTERDNS_WAIT         how long one GET waits for INSYNC (default 10s)
#   BETTERDNS_SYNC_TIMEOUT give up waiting for INSYNC after this many seconds (default 120)
#   BETTERDNS_ATTEMPTS     attempts for each request before giving up (default 30; 0 = forever)
#   BETTERDNS_RETRY_MAX    longest pause between attempts in seconds (default 30; doubling from 1)
#   BETTERDNS_HEARTBEAT_EVERY  seconds between heartbeats for `heartbeats` (default 10)
# Exit status: 0 done; 1 refused for good (bad token, name not allowed, invalid request); 2 gave up retrying.

set -u

log() { printf 'betterdns-register: %s\n' "$*" >&2; }

die() { log "$2"; exit "$1"; }

url=${BETTERDNS_URL:-}
[ -n "$url" ] || die 1 "BETTERDNS_URL is not set"
url=${url%/}
token=${BETTERDNS_TOKEN:-}
if [ -z "$token" ] && [ -n "${BETTERDNS_TOKEN_FILE:-}" ]; then
    token=$(cat "$BETTERDNS_TOKEN_FILE") || die 1 "cannot read $BETTERDNS_TOKEN_FILE"
fi
[ -n "$token" ] || die 1 "set BETTERDNS_TOKEN or BETTERDNS_TOKEN_FILE"
name=${BETTERDNS_NAME:-$(hostname | cut -d. -f1)}
ip=${BETTERDNS_IP:-}
attempts=${BETTERDNS_ATTEMPTS:-30}
retry_max=${BETTERDNS_RETRY_MAX:-30}
body_file=$(mktemp) || exit 2
trap 'rm -f "$body_file"' EXIT INT TERM

# call METHOD PATH [JSON]: one request; sets $status (000 when nothing answered), the body is in $body_file.
call() {
    if [ $# -ge 3 ]; then
        status=$(curl -sS -o "$body_file" -w '%{http_code}' --connect-timeout 5 --max-time 60 -X "$1" \
            -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data "$3" "$url$2") || status=000
    else
        status=$(curl -sS -o "$body_file" -w '%{http_code}' --connect-timeout 5 --max-time 60 -X "$1" \
            -H "Authorization: Bearer $token" "$url$2") || status=000
    fi
}

# with_retry METHOD PATH [JSON]: repeats the call while the service is unreachable, busy (429) or failing
# (5xx), pausing 1, 2, 4 … up to BETTERDNS_RETRY_MAX seconds; returns at once on any other status.
with_retry() {
    try=1
    pause=1
    while :; do
        call "$@"
        case $status in
            000|408|429|5??) ;;
            *) return 0 ;;
        esac
        if [ "$attempts" -ne 0 ] && [ "$try" -ge "$attempts" ]; then
            die 2 "$1 $2: gave up after $try attempts (last status $status)"
        fi
        log "$1 $2: status $status, retrying in ${pause}s"
        sleep "$pause"
        try=$((try + 1))
        pause=$((pause * 2))
        [ "$pause" -le "$retry_max" ] || pause=$retry_max
    done
}

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

ip_query() { [ -n "$ip" ] && printf '?ip=%s' "$ip"; }

register() {
    body="{\"name\":$(json_string "$name")"
    [ -n "$ip" ] && body="$body,\"ip\":$(json_string "$ip")"
    [ -n "${BETTERDNS_TTL:-}" ] && body="$body,\"ttl\":$BETTERDNS_TTL"
    [ -n "${BETTERDNS_CHECK:-}" ] && body="$body,\"check\":$BETTERDNS_CHECK"
    body="$body}"
    with_retry POST /a "$body"
    case $status in
        200|201) log "registered $name (HTTP $status)" ;;
        *) die 1 "POST /a refused with HTTP $status: $(cat "$body_file")" ;;
    esac

    # ?wait= answers as soon as the DNS server serves every registration under the name (all INSYNC).
    deadline=$(( $(date +%s) + ${BETTERDNS_SYNC_TIMEOUT:-120} ))
    while :; do
        with_retry GET "/a/$name?wait=${BETTERDNS_WAIT:-10s}"
        if [ "$status" = 200 ] && grep -q '"INSYNC"' "$body_file" && ! grep -q '"PENDING"' "$body_file"; then
            log "$name is INSYNC: the DNS server answers with it"
            return 0
        fi
        [ "$(date +%s)" -lt "$deadline" ] || die 2 "$name is not INSYNC after ${BETTERDNS_SYNC_TIMEOUT:-120}s (HTTP $status: $(cat "$body_file"))"
    done
}

heartbeat() {
    with_retry PUT "/a/$name/heartbeat$(ip_query)"
    case $status in
        2??) return 0 ;;
        *) die 1 "heartbeat refused with HTTP $status: $(cat "$body_file")" ;;
    esac
}

deregister() {
    with_retry DELETE "/a/$name$(ip_query)"
    case $status in
        2??) log "deregistered $name" ;;
        404) log "$name was not registered" ;;
        *) die 1 "DELETE refused with HTTP $status: $(cat "$body_file")" ;;
    esac
}

case ${1:-} in
    register) register ;;
    heartbeat) heartbeat ;;
    heartbeats) while heartbeat; do sleep "${BETTERDNS_HEARTBEAT_EVERY:-10}"; done ;;
    deregister) deregister ;;
    *) die 1 "usage: betterdns-register register|heartbeat|heartbeats|deregister" ;;
esac
