# Building the real Dockerfile with podman on a machine that cannot pull public base images: scripts/container-test
# and scripts/task-definition-test. Source it after common.sh; the caller defines log and fail.
#
# The stand-in base images are a Debian rootfs from debootstrap plus the machine's JDK 25 at /opt/java/openjdk,
# as in the Temurin images, imported under the base images' exact names so that the Dockerfile builds unchanged
# with --pull=never. docs/container.md says what that proves and what it does not.
#
# Environment:
#   JDK_HOME            JDK copied into the stand-in images (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   WAYMARK_CACHE_DIR   keeps the debootstrap rootfs between runs (default ~/.cache/waymark-container-test)
#   DEBIAN_MIRROR       default http://deb.debian.org/debian

image_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jdk_home="${JDK_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cache_dir="${WAYMARK_CACHE_DIR:-$HOME/.cache/waymark-container-test}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export CONTAINERS_CONF="$image_repo_root/scripts/container/containers.conf"

# Must match the FROM lines of the Dockerfile; check_dockerfile_bases fails when they drift apart.
build_base="public.ecr.aws/docker/library/eclipse-temurin:25-jdk-noble"
runtime_base="public.ecr.aws/docker/library/eclipse-temurin:25-jre-noble"

ensure_tools() {
  local missing=()
  for tool in podman buildah runc debootstrap curl; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  ((${#missing[@]} == 0)) && return
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null || fail "missing ${missing[*]} and cannot apt-get install them"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman buildah runc debootstrap curl >/dev/null
}

check_dockerfile_bases() {
  local froms
  froms="$(grep -E '^FROM ' "$image_repo_root/Dockerfile" | sed -E 's/^FROM (--platform=[^ ]+ )?([^ ]+).*/\2/')"
  grep -qxF "$build_base" <<<"$froms" || fail "Dockerfile no longer uses $build_base"
  grep -qxF "$runtime_base" <<<"$froms" || fail "Dockerfile no longer uses $runtime_base"
}

# Minimal Debian, the same family and tools (bash, useradd, tar, gzip) as the Ubuntu-based Temurin images.
ensure_rootfs() {
  [[ -d "$cache_dir/rootfs" ]] && return
  mkdir -p "$cache_dir"
  rm -rf "$cache_dir/rootfs.tmp"
  log "debootstrap bookworm (first run only, ~2 min)"
  debootstrap --variant=minbase bookworm "$cache_dir/rootfs.tmp" "$mirror" >"$cache_dir/debootstrap.log" 2>&1 \
    || fail "debootstrap failed, see $cache_dir/debootstrap.log"
  rm -rf "$cache_dir/rootfs.tmp/var/cache/apt/archives/"*.deb "$cache_dir/rootfs.tmp/var/lib/apt/lists/"*
  mv "$cache_dir/rootfs.tmp" "$cache_dir/rootfs"
}

# One stand-in serves both names: the real JRE image is a subset of the JDK image, and what matters for
# the test is the Dockerfile's instructions, the JVM version and the OS tools it relies on.
ensure_stand_in_images() {
  local jdk_version marker
  jdk_version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jdk_home/release")"
  marker="$(podman image inspect --format '{{index .Config.Labels "waymark.stand-in.jdk"}}' "$runtime_base" 2>/dev/null || true)"
  if [[ "$marker" == "$jdk_version" ]] && podman image exists "$build_base"; then
    return
  fi
  log "assembling stand-in base images from $cache_dir/rootfs + $jdk_home"
  local staging
  staging="$(mktemp -d)"
  mkdir -p "$staging/opt/java"
  cp -a "$jdk_home" "$staging/opt/java/openjdk"
  # Debian's Temurin package links cacerts to /etc/ssl/certs (not in the rootfs); Temurin's images ship the file.
  local cacerts="$staging/opt/java/openjdk/lib/security/cacerts"
  [[ -L "$cacerts" ]] && cp --remove-destination "$(readlink -f "$jdk_home/lib/security/cacerts")" "$cacerts"
  # ./opt/java, not ./opt: the rootfs already has ./opt and podman import rejects duplicate entries.
  tar -cf "$staging/base.tar" -C "$cache_dir/rootfs" . -C "$staging" ./opt/java
  podman import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL waymark.stand-in.jdk=$jdk_version" \
    --change 'CMD ["bash"]' \
    "$staging/base.tar" "$runtime_base" >/dev/null 2>"$cache_dir/import.log" || { cat "$cache_dir/import.log" >&2; fail "podman import failed"; }
  podman tag "$runtime_base" "$build_base"
  rm -rf "$staging"
}

# build_image TAG: the stand-ins (when missing), then the real Dockerfile as TAG; prints the build's seconds.
build_image() {
  local tag=$1 start
  check_dockerfile_bases
  ensure_rootfs
  ensure_stand_in_images
  log "building $tag from $image_repo_root with --pull=never (build stage uses the host network for Maven Central)"
  start=$(date +%s)
  # --format docker keeps HEALTHCHECK, which the OCI image format has no field for.
  podman build --format docker --pull=never --network=host -t "$tag" -f "$image_repo_root/Dockerfile" "$image_repo_root" \
    >"$cache_dir/build.log" 2>&1 || { tail -40 "$cache_dir/build.log" >&2; fail "podman build failed"; }
  echo $(($(date +%s) - start))
}
