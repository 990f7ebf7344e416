-- wrk script for registration-load.sh: every request POSTs a new name (<prefix>-<thread>-<n>, prefix
-- from NAME_PREFIX, default "load") with its own address, so each one is a real registration.
local threads = {}
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  created = 0
  other = 0
  token = os.getenv("BETTERDNS_TOKEN")
  prefix = os.getenv("NAME_PREFIX") or "load"
end

function request()
  counter = counter + 1
  local name = string.format("%s-%d-%d", prefix, id, counter)
  local ip = string.format("10.%d.%d.%d", (prefix == "load" and 100 or 200) + id, math.floor(counter / 250) % 250, counter % 250 + 1)
  local body = string.format('{"name":"%s","ip":"%s","ttl":60}', name, ip)
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }
  return wrk.format("POST", "/a", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local acknowledged, refused = 0, 0
  for _, thread in ipairs(threads) do
    acknowledged = acknowledged + thread:get("created")
    refused = refused + thread:get("other")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("acknowledged registrations: %d in %.1f s = %.0f/s (other answers: %d, socket errors: %d)\n",
    acknowledged, seconds, acknowledged / seconds, refused,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("RESULT acknowledged=%d per_second=%.0f p99_ms=%.2f\n", acknowledged, acknowledged / seconds,
    latency:percentile(99) / 1000))
end
