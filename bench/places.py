#!/usr/bin/env python3
"""Seeds the people of bench/run's place scenarios through the API, several requests at a time.

  places.py BASE near USER PASSWORD COUNT
      registers USER, sends one position at the centre of a 55 km square, then creates COUNT to-dos with places
      spread evenly over the square; prints USER's token (the `near` scenario lists nearest first from there).
  places.py BASE walkers PREFIX PASSWORD USERS PLACES FILE
      registers USERS people, each with PLACES open to-dos along a route of their own (an east-west line, a
      place every 500 m, radius 100 m); writes one line per person to FILE: token, the route's latitude, its
      first longitude and the longitude step between places (bench/walk.lua walks them).
"""
import json
import random
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection

CENTRE = (51.5, -0.12)
SPREAD = (0.25, 0.4)  # degrees either side: ~55 km by 55 km at 51.5° N
WALK_LAT = 51.8
PLACE_STEP_LNG = 0.0072  # ~500 m at 51.8° N
local = threading.local()


def request(base, method, path, body=None, token=None, form=False):
    if not hasattr(local, "connection"):
        url = urllib.parse.urlparse(base)
        local.connection = HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
        body = urllib.parse.urlencode(body) if form else json.dumps(body)
    local.connection.request(method, path, body=body, headers=headers)
    response = local.connection.getresponse()
    data = response.read()
    if response.status >= 300:
        raise SystemExit(f"places.py: {method} {path} answered {response.status}: {data[:300]!r}")
    return json.loads(data) if data else None


def person(base, user, password):
    request(base, "POST", "/api/v1/users", {"user_name": user, "password": password})
    form = {"grant_type": "password", "username": user, "password": password}
    return request(base, "POST", "/api/v1/auth/token", form, form=True)["access_token"]


def todo(base, token, title, lat, lng):
    place = {"lat": round(lat, 6), "lng": round(lng, 6), "radius_m": 100}
    request(base, "POST", "/api/v1/todos", {"title": title, "place": place}, token)


def near(base, user, password, count):
    token = person(base, user, password)
    request(base, "POST", "/api/v1/locations",
            {"pings": [{"lat": CENTRE[0], "lng": CENTRE[1], "accuracy_m": 5}]}, token)
    rng = random.Random(7)
    with ThreadPoolExecutor(4) as pool:
        for future in [pool.submit(todo, base, token, f"place {i}",
                                   CENTRE[0] + rng.uniform(-SPREAD[0], SPREAD[0]),
                                   CENTRE[1] + rng.uniform(-SPREAD[1], SPREAD[1])) for i in range(count)]:
            future.result()
    print(token)


def walkers(base, prefix, password, users, places, path):
    def one(w):
        token = person(base, f"{prefix}-{w}", password)
        lat = WALK_LAT + w * 0.01  # ~1.1 km between routes: nobody's pings reach another's places
        for i in range(places):
            todo(base, token, f"stop {i}", lat, i * PLACE_STEP_LNG)
        return f"{token} {lat} 0 {PLACE_STEP_LNG}"

    with ThreadPoolExecutor(4) as pool:
        lines = list(pool.map(one, range(users)))
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    base, kind = sys.argv[1], sys.argv[2]
    if kind == "near":
        near(base, sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif kind == "walkers":
        walkers(base, sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7])
    else:
        raise SystemExit(__doc__)
