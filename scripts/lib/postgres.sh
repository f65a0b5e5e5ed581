# A throw-away PostgreSQL server from Debian's package (apt-get install -y postgresql), for the local cluster and
# the benchmark. Source it after common.sh. Debian's package rather than the embedded-postgres binaries the
# service tests use: those live in a test jar in ~/.m2 only after a test run, while the package is one apt-get
# away and brings the unprivileged `postgres` user that PostgreSQL needs when this runs as root (CI does).

# The newest /usr/lib/postgresql/*/bin, or $PG_BIN.
find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -x "$dir/initdb" ]] || { echo "PostgreSQL server not found; apt-get install -y postgresql (or set PG_BIN)" >&2; return 1; }
  echo "$dir"
}

# PostgreSQL refuses to run as root; as root, run its tools as the `postgres` user.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres PG_BIN DIR PORT PASSWORD [SETTING=VALUE ...]: a new cluster in DIR owned by user `waymark`
# (scram-sha-256, PASSWORD) listening on 127.0.0.1:PORT only, with database `waymark`.
start_postgres() {
  local pg_bin=$1 dir=$2 port=$3 password=$4
  shift 4
  local options="-p $port -c listen_addresses=127.0.0.1 -k $dir"
  local setting
  for setting in "$@"; do options+=" -c $setting"; done
  mkdir -p "$dir"
  printf '%s\n' "$password" >"$dir/pwfile"
  [[ $(id -u) -eq 0 ]] && chown -R postgres: "$dir"
  chmod 700 "$dir"
  as_pg "$pg_bin/initdb" -D "$dir/data" -U waymark --pwfile="$dir/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$options" start >/dev/null \
    || { cat "$dir/postgres.log" >&2; return 1; }
  PGPASSWORD="$password" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U waymark waymark
}

# stop_postgres PG_BIN DIR: a fast shutdown, if it runs.
stop_postgres() {
  local pg_bin=$1 dir=$2
  [[ -f "$dir/data/postmaster.pid" ]] || return 0
  as_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
}
