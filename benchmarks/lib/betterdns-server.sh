# start_betterdns WORK HTTP_PORT BIN: runs the betterdns dll BIN in WORK (settings from BETTERDNS__* in the
# environment) with its log in WORK/server.log, sets server_pid, and returns once /healthz answers.
start_betterdns() {
  local work=$1 port=$2 bin=$3
  (cd "$work" && exec dotnet "$bin" --urls "http://127.0.0.1:$port") > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; return 1; }
    sleep 0.5
  done
  echo "betterdns did not answer /healthz within 60 s"; return 1
}
