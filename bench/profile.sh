# PROFILE=1 bench/run ...: the service under Java Flight Recorder, so a change is chosen from where the time goes
# rather than from a guess. Sourced by bench/run, which provides: launch, java, service_pid, devices, note.
# The recordings are kept (bench/run's work directory is not): open them in JDK Mission Control, or `jfr view`.
# The scenarios record the whole run from start-up; --devices records each measured step on its own
# (bench/Devices.java, through jcmd), so its users' bcrypt hashes and the warm-up stay out of the profile.

profile_prepare() {
  profile_dir="$(mkdir -p "${PROFILE_DIR:-/tmp}/waymark-profile-$(date -u +%Y%m%dT%H%M%SZ)-$$" && cd "$_" && pwd)"
  profile_file="$profile_dir/run.jfr"
  [[ "$devices" == true ]] && return
  # settings=profile: method samples every 10 ms (20 ms in the default settings), locks held over 10 ms.
  local flag="-XX:StartFlightRecording=name=bench,settings=profile,dumponexit=true,filename=$profile_file"
  local i
  for i in "${!launch[@]}"; do
    # The lean task takes its flags through JDK_JAVA_OPTIONS already (scripts/container/lean.env).
    if [[ ${launch[$i]} == JDK_JAVA_OPTIONS=* ]]; then
      launch[$i]="${launch[$i]} $flag"
      return
    fi
  done
  launch=(env "JDK_JAVA_OPTIONS=$flag" "${launch[@]}")
}

# Stops the service (the recording is written as it exits) and prints the hottest methods and lock contention of
# the whole run, or with --devices of the last step measured (the heaviest load).
profile_report() {
  kill "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  local jfr_tool
  jfr_tool="$(dirname "$java")/jfr"
  [[ "$devices" == true ]] && profile_file=$(ls -v "$profile_dir"/devices-*.jfr 2>/dev/null | tail -n 1)
  [[ -s "$profile_file" ]] || { note "bench/run: no recording in $profile_dir"; return 1; }
  echo "Flight recordings in $profile_dir: $(cd "$profile_dir" && ls -v | tr '\n' ' ')"
  echo "Hot methods and contention of $(basename "$profile_file"):"
  "$jfr_tool" view --width 160 hot-methods "$profile_file" | head -n 30
  "$jfr_tool" view --width 160 contention-by-site "$profile_file" | head -n 15
}
