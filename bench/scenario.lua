-- One wrk scenario, chosen by environment variables so that bench/run needs a single script:
--   METHOD, BODY_FILE (optional), TOKEN (optional), NAME.
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

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("%-14s %9.0f %8.2f %8.2f %7d %7d\n", os.getenv("NAME"),
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
