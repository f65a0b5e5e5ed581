-- One wrk scenario, chosen by environment variables so that bench/run needs a single script:
--   NAME, METHOD, BODY_FILE (optional), CONTENT_TYPE (optional), TOKEN (optional),
--   RATE (optional): requests per second over all connections; each connection then pauses between requests
--   (wrk2-style pacing, without wrk2's correction for coordinated omission).
-- Prints one line: name, requests/s, p50 ms, p99 ms, non-2xx answers, socket errors.
wrk.method = os.getenv("METHOD") or "GET"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "r"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "application/json"
end

local rate = tonumber(os.getenv("RATE") or "")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
if rate and rate > 0 then
  local pause_ms = connections * 1000 / rate
  delay = function() return pause_ms end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("%-14s %9.0f %8.2f %8.2f %7d %7d\n", os.getenv("NAME"),
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
