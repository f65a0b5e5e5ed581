# bench/run --lean: the service as the Fargate lean task runs it, 0.25 CPU and 512 MB (cgroup v1, as root),
# through the image's entry point (its JVM flags, its AOT caches trained as the image build trains them); the load
# generator stays outside.
# Sourced by bench/run, which provides: java, jar, jvm_options, work, base, port, database_url, launch, note,
# scenario, start_service, now, seconds_since, cleanups, results in $work/results.txt.

lean_cpu_quota_us=25000      # of cpu.cfs_period_us=100000: a quarter of one CPU (Fargate's 256 CPU units)
lean_memory_bytes=$((512 * 1024 * 1024))
lean_p99_ms=${LEAN_P99_MS:-100}

lean_prepare() {
  [[ $(id -u) -eq 0 && -w /sys/fs/cgroup/cpu && -w /sys/fs/cgroup/memory ]] \
    || { echo "bench/run --lean: needs root and cgroup v1 (cpu, memory) to limit the service" >&2; exit 1; }
  local name="waymark-lean-$$"
  lean_cpu_cgroup=/sys/fs/cgroup/cpu/$name
  lean_memory_cgroup=/sys/fs/cgroup/memory/$name
  mkdir "$lean_cpu_cgroup" "$lean_memory_cgroup"
  cleanups+=("rmdir '$lean_cpu_cgroup' '$lean_memory_cgroup'")
  echo 100000 >"$lean_cpu_cgroup/cpu.cfs_period_us"
  echo "$lean_cpu_quota_us" >"$lean_cpu_cgroup/cpu.cfs_quota_us"
  echo "$lean_memory_bytes" >"$lean_memory_cgroup/memory.limit_in_bytes"
  [[ -f "$lean_memory_cgroup/memory.memsw.limit_in_bytes" ]] \
    && echo "$lean_memory_bytes" >"$lean_memory_cgroup/memory.memsw.limit_in_bytes"
  cat >"$work/in-lean-cgroup" <<EOF
#!/usr/bin/env bash
echo \$\$ >"$lean_cpu_cgroup/cgroup.procs"
echo \$\$ >"$lean_memory_cgroup/cgroup.procs"
exec "\$@"
EOF
  chmod +x "$work/in-lean-cgroup"

  # The image's layout (the jar extracted into its layers, as the Dockerfile does, with its entry point and JVM
  # flags beside it) and its AOT caches, trained by the entry point as the image build trains them: a cache is
  # only valid for these exact jar files.
  note "bench/run --lean: extracting the jar and training the AOT caches as the Dockerfile does"
  "$java" -Djarmode=tools -jar "$jar" extract --layers --destination "$work/layers" >/dev/null
  mkdir -p "$work/app"
  local layer
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -a "$work/layers/$layer/." "$work/app/"
  done
  [[ "$(basename "$jar")" == waymark.jar ]] || mv "$work/app/$(basename "$jar")" "$work/app/waymark.jar"
  cp scripts/container/waymark "$jvm_options" "$work/app/"
  # sqlite-jdbc's native library, out of its jar to where the image build puts it.
  (cd "$work" && "$(dirname "$java")/jar" xf "$work/app/lib/"sqlite-jdbc-*.jar \
    "org/sqlite/native/Linux/$HOSTTYPE/libsqlitejdbc.so" && mkdir -p app/native \
    && mv "org/sqlite/native/Linux/$HOSTTYPE" app/native/ && rm -r org)
  local path="$(dirname "$java"):$PATH"
  PATH="$path" "$work/app/waymark" train >"$work/aot-training.log" 2>&1 \
    || { cat "$work/aot-training.log" >&2; exit 1; }
  # The lean task's environment (scripts/container/lean.env, as infra sets it), unless LEAN_JAVA_OPTS says
  # otherwise for an experiment; it applies to the runs, not to the training, as in the image.
  local lean_options
  lean_options=$(sed -n 's/^JDK_JAVA_OPTIONS=//p' scripts/container/lean.env)
  launch=("$work/in-lean-cgroup" env "PATH=$path" "JDK_JAVA_OPTIONS=${LEAN_JAVA_OPTS-$lean_options}" "$work/app/waymark")
}

# Start-up in the lean limits: migrate (new database, then nothing to do) and serve (new database, then a
# restart), each from process start to exit or to /health and /health/ready; then the first minute of load.
lean_startup() {
  lean_startup_times
  lean_first_minute
}

# Leaves serve running after its restart.
lean_startup_times() {
  local db="$work/lean.db"
  database_url="sqlite:$db"
  lean_timed_migrate "migrate-new"
  lean_timed_migrate "migrate-nothing"
  rm -f "$db"*
  lean_timed_serve "serve-new"
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true
  lean_timed_serve "serve-restart"
}

lean_timed_migrate() {
  local t0
  t0=$(now)
  DATABASE_URL="$database_url" "${launch[@]}" migrate >"$work/$1.log" 2>&1 || { cat "$work/$1.log" >&2; exit 1; }
  printf '%-16s exit %6ss\n' "$1" "$(seconds_since "$t0")" >>"$work/startup.txt"
}

lean_timed_serve() {
  local health ready
  start_service serve "$work/$1.log"
  until curl -sf -o /dev/null --max-time 1 "$base/health"; do sleep 0.05; done
  health=$(seconds_since "$service_started")
  until curl -sf -o /dev/null --max-time 1 "$base/health/ready"; do sleep 0.05; done
  ready=$(seconds_since "$service_started")
  printf '%-16s /health %6ss  /health/ready %6ss\n' "$1" "$health" "$ready" >>"$work/startup.txt"
}

# Read-one throughput in 10 s slices from the moment serve is ready (the clock runs from process start), so the
# time the JIT needs to catch up shows; compared with the steady rate measured after the warm-up.
lean_first_minute() {
  seed
  local slice elapsed
  : >"$work/first-minute.txt"
  for slice in 1 2 3 4 5 6; do
    elapsed=$(seconds_since "$service_started")
    DURATION_OVERRIDE=10s CONNECTIONS_OVERRIDE=8 scenario "t+${elapsed%.*}s" GET "${read_one_url:-$base/api/v1/todos/$todo_id}" "" "" "$token" \
      >>"$work/first-minute.txt"
  done
}

# The highest rate (in steps of a quarter more) at which p99 stays under lean_p99_ms, for read-one and create.
lean_sustained() {
  local name rate line p99 best args
  for name in read-one create-todo; do
    if [[ $name == read-one ]]; then args=(GET "${read_one[@]}"); else args=(POST "${create[@]}"); fi
    rate=$(( $(rate_of "$name") / 4 ))
    ((rate > 0)) || rate=10
    best=""
    while :; do
      line=$(RATE=$rate CONNECTIONS_OVERRIDE=16 scenario "sustained-$name" "${args[@]}")
      p99=$(awk '{ print $4 }' <<<"$line")
      awk -v p="$p99" -v max="$lean_p99_ms" -v l="$line" 'BEGIN { split(l, f); exit !(p < max && f[5] == 0 && f[6] == 0) }' || break
      best=$line
      rate=$(( rate * 5 / 4 + 1 ))
    done
    [[ -n "$best" ]] && echo "$best"
  done
}

lean_report() {
  echo "Start-up in the lean limits (0.25 CPU, 512 MB), from process start:"
  cat "$work/startup.txt"
  local steady
  steady=$(rate_of read-one)
  echo "First minute of read-one after start (8 connections; steady rate $steady req/s):"
  awk -v steady="$steady" '{ printf "  %-10s %7s req/s  p99 %7s ms  %5.1f %% of steady\n", $1, $2, $4, 100 * $2 / steady }' \
    "$work/first-minute.txt"
}
