# pgbench ceilings for bench/run on PostgreSQL: the same row read by id and the same kind of row inserted, in the
# same database and table the service uses, with prepared statements (the best a client can do). Sourced by
# bench/run, which provides scenario variables (connections, duration, token, todo_id, base, work).

pgbench_ceilings() {
  local url=${database_url#postgresql://}
  local host_port=${url%%/*} database=${url#*/}
  database=${database%%\?*}
  local owner
  owner=$(curl -sf "$base/api/v1/auth/me" -H "Authorization: Bearer $token" | json_field id)
  cat >"$work/select.sql" <<SQL
SELECT id, owner_id, title, description, deadline, status, priority, created_at, updated_at, version
  FROM todos WHERE id = '$todo_id';
SQL
  cat >"$work/insert.sql" <<SQL
INSERT INTO todos (id, owner_id, title, description, deadline, status, priority, created_at, updated_at, version,
                   search_text)
VALUES (gen_random_uuid()::text, '$owner', 'bench', 'written by pgbench', NULL, 'pending', 3,
        (extract(epoch FROM now()) * 1000)::bigint, (extract(epoch FROM now()) * 1000)::bigint, 1,
        'bench' || chr(31) || 'written by pgbench');
SQL
  local name
  for name in select insert; do
    rm -f "$work/pgbench-$name".log*
    PGPASSWORD="${DATABASE_PASSWORD:-}" pgbench -n -M prepared -c "$connections" -j 2 -T "${duration%s}" \
      -l --log-prefix="$work/pgbench-$name.log" \
      -h "${host_port%%:*}" -p "${host_port##*:}" -U "${DATABASE_USER:-postgres}" -f "$work/$name.sql" "$database" \
      >"$work/pgbench-$name.txt" 2>&1 || { cat "$work/pgbench-$name.txt" >&2; return 1; }
    # Per-transaction logs: "client transaction latency_us script_no epoch epoch_us"; percentiles from them.
    cat "$work/pgbench-$name".log* | python3 -c '
import sys
name, tps = sys.argv[1], float(sys.argv[2])
latencies = sorted(int(line.split()[2]) for line in sys.stdin if line.strip())
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000
print(f"{name:<14} {tps:9.0f} {pick(0.50):8.2f} {pick(0.99):8.2f} {0:7d} {0:7d}")
' "pgbench-$name" "$(awk '/^tps = / { print $3 }' "$work/pgbench-$name.txt")"
  done
}
