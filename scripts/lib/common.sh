# Shared shell helpers of the scripts and the benchmark. Source it: . "$(dirname "$0")/lib/common.sh"
# Every helper binds 127.0.0.1 only.

# A TCP port free on 127.0.0.1 now (the kernel's choice).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Whether PORT can be bound on 127.0.0.1.
port_is_free() {
  python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# Waits until URL answers 200, at most SECONDS (default 120); returns 1 on timeout.
wait_http() {
  local url=$1 seconds=${2:-120}
  local deadline=$((SECONDS + seconds))
  until curl -sf -o /dev/null --max-time 2 "$url"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# The value of "field" in a flat JSON object read from stdin (enough for access_token and id).
json_field() {
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

# Removes Waymark's own artifacts (io/waymark) from the local Maven repository. An earlier `install` leaves
# them there, and then a build that forgot to build a module finds a stale copy instead of failing as it does
# on a new user's machine. They are only a cache of this repository's modules: any build makes them again.
forget_own_artifacts() {
  local local_repo
  local_repo="$(sed -n 's/.*-Dmaven\.repo\.local=\([^ ]*\).*/\1/p' <<<"${MAVEN_ARGS:-}")"
  local_repo="${local_repo:-$HOME/.m2/repository}"
  if [[ -d "$local_repo/io/waymark" ]]; then
    echo "removing $local_repo/io/waymark: a copy there would hide a missing build step" >&2
    rm -rf "$local_repo/io/waymark"
  fi
}
