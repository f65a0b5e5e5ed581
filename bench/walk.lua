-- People walking past their to-dos' places: each request is a batch of 100 pings of one person (a phone's buffer
-- of 10 m steps), so a batch passes about two of their places and records arrivals and departures as it goes.
--   WALKERS_FILE: lines of "token latitude first-longitude place-step" (bench/places.py walkers writes them).
--   THREADS: wrk's -t (default 2). The people are split between the threads and taken in turn, so one person's
--   batches go out in order. A batch is recorded at the wall clock's milliseconds, after the person's last (the
--   service refuses pings more than 5 minutes ahead, and a batch before the last is a late buffer, replayed).
-- Everything else (the printed line, RATE) is scenario.lua's: bench/run runs from the repository's root.
dofile("bench/scenario.lua")

local STEP_LNG = 10 / 68830 -- 10 m of longitude at 51.8° N
local PINGS = 100

local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local people = {}
local turn = 0

function init(args)
  local threads = tonumber(os.getenv("THREADS") or "2")
  local index = 0
  for line in io.lines(os.getenv("WALKERS_FILE")) do
    local token, lat, lng, place_step = line:match("^(%S+) (%S+) (%S+) (%S+)$")
    if token and index % threads == id then
      table.insert(people, { token = token, lat = tonumber(lat), first = tonumber(lng),
        last = tonumber(lng) + 100 * tonumber(place_step), lng = tonumber(lng), at = 0 })
    end
    index = index + 1
  end
  assert(#people > 0, "walk.lua: no walkers for thread " .. id)
end

local function iso(ms)
  return os.date("!%Y-%m-%dT%H:%M:%S", math.floor(ms / 1000)) .. string.format(".%03dZ", ms % 1000)
end

function request()
  turn = turn % #people + 1
  local person = people[turn]
  local at = math.max(math.floor(clock_ms(0)) - PINGS, person.at + 1)
  local pings = {}
  for i = 1, PINGS do
    person.lng = person.lng + STEP_LNG
    if person.lng > person.last then
      person.lng = person.first -- back to the start of the route
    end
    pings[i] = string.format('{"lat":%.6f,"lng":%.6f,"accuracy_m":5,"recorded_at":"%s"}', person.lat, person.lng,
      iso(at + i - 1))
  end
  person.at = at + PINGS - 1
  local headers = { ["Authorization"] = "Bearer " .. person.token, ["Content-Type"] = "application/json" }
  return wrk.format("POST", "/api/v1/locations", headers, '{"pings":[' .. table.concat(pings, ",") .. "]}")
end
