-- The soak's mixed load: each connection cycles through REQUESTS in turn. Statuses are counted
-- per thread and summed in done(), which prints one JSON line (wrk's totals, latency percentiles
-- in microseconds, and the count of every status seen); benchmarks/soak.sh reads it.
local AUTH = "Bearer dev-token"
local JSON = "application/json"

-- { method, path, headers, body, expected status }; the expected statuses are the share soak.sh checks
REQUESTS = {
  { "GET", "/plaintext", {}, nil, 200 },
  { "GET", "/json", {}, nil, 200 },
  { "GET", "/health", {}, nil, 200 },
  { "GET", "/api/v1/users", { Authorization = AUTH }, nil, 200 },
  { "GET", "/api/v1/users/1", { Authorization = AUTH, Accept = JSON }, nil, 200 },
  { "GET", "/api/v1/orders", { Authorization = AUTH }, nil, 200 },
  { "POST", "/api/v1/notifications", { Authorization = AUTH, ["Content-Type"] = JSON },
    '{"user_id": 1, "message": "soak"}', 201 },
  { "POST", "/api/v1/users", { Authorization = AUTH, ["Content-Type"] = JSON },
    '{"name": "", "email": "not-an-email", "password": "short"}', 400 },
  { "GET", "/api/v1/users/999999", { Authorization = AUTH }, nil, 404 },
  { "GET", "/api/v1/users", {}, nil, 401 },
  { "GET", "/no/such/route", {}, nil, 404 },
}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  requests = {}
  for i, r in ipairs(REQUESTS) do
    requests[i] = wrk.format(r[1], r[2], r[3], r[4])
  end
  next_request = 0
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests_)
  local totals = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do
      totals[status] = (totals[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(totals) do
    table.insert(parts, string.format('"%s":%d', status, n))
  end
  local expected = {}
  for i, r in ipairs(REQUESTS) do
    table.insert(expected, string.format('"%d %s %s":%d', i, r[1], r[2], r[5]))
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,'
      .. '"p50_us":%d,"p99_us":%d,"max_us":%d,"statuses":{%s},"mix":{%s}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, table.concat(parts, ","), table.concat(expected, ",")))
end
