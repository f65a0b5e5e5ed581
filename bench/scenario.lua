-- One wrk scenario, chosen by environment variables so that bench/run needs a single script:
--   NAME, METHOD, BODY_FILE (optional), CONTENT_TYPE (optional), TOKEN (optional),
--   RATE (optional): requests per second over all connections, held by a schedule per wrk thread: each request
--   waits for its slot, so slow answers do not lower the rate (wrk2-style, without wrk2's correction for
--   coordinated omission: a request waits for a free connection).
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

-- clock_ms(0): the wall clock (CLOCK_REALTIME), clock_ms(1): the monotonic clock, in milliseconds.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } waymark_timespec;
  int clock_gettime(int clock, waymark_timespec *now);
]]
local timespec = ffi.new("waymark_timespec")
function clock_ms(which)
  ffi.C.clock_gettime(which, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "")
if rate and rate > 0 then
  local threads = tonumber(os.getenv("THREADS") or "2")
  local interval_ms = threads * 1000 / rate -- this thread's share of the rate
  local next_slot
  delay = function()
    local now = clock_ms(1)
    next_slot = math.max((next_slot or now) + interval_ms, now - interval_ms)
    return math.max(0, math.floor(next_slot - now))
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("%-14s %9.0f %8.2f %8.2f %7d %7d\n", os.getenv("NAME"),
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
