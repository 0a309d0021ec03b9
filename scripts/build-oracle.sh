#!/usr/bin/env bash
# Builds test/chaos-mesh-oracle (Chaos Mesh's own webhook code as a test judge) into a cache keyed on its
# sources, and prints the binary's path. Builds only when the binary for these sources is missing.
# Cache: ${CHAOS_TEST_CACHE:-$HOME/.cache/chaos-test}/oracle/ (binaries and GOCACHE; modules: Go's module cache).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/test/chaos-mesh-oracle"
cache="${CHAOS_TEST_CACHE:-$HOME/.cache/chaos-test}/oracle"

go_bin="$(command -v go || true)"
[ -n "$go_bin" ] || [ ! -x /usr/local/go/bin/go ] || go_bin=/usr/local/go/bin/go
[ -n "$go_bin" ] || { echo "build-oracle: Go not found (PATH or /usr/local/go/bin): the Chaos Mesh oracle tests need Go >= 1.25" >&2; exit 1; }

# The key covers everything that changes the binary: module files, sources and the Go release.
key="$(cd "$src" && { cat go.mod go.sum; for f in $(ls ./*.go | LC_ALL=C sort); do echo "$f"; cat "$f"; done; "$go_bin" version; } | sha256sum | cut -c1-16)"
bin="$cache/bin-$key/oracle"

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9 # parallel test workers wait for one build instead of running several
if [ ! -x "$bin" ]; then
  echo "build-oracle: building $bin (first time: downloads the Chaos Mesh api module and compiles Kubernetes libraries, minutes)" >&2
  tmp="$cache/tmp-$$"
  mkdir -p "$tmp"
  (cd "$src" && GOCACHE="$cache/gocache" GOFLAGS="-mod=readonly -buildvcs=false" nice -n 10 "$go_bin" build -trimpath -o "$tmp/oracle" .) >&2
  # Other worktrees may be running older binaries: only prune ones unused for a week.
  find "$cache" -maxdepth 1 -name "bin-*" -mtime +7 -exec rm -rf {} + 2>/dev/null || true
  mkdir -p "$(dirname "$bin")"
  mv "$tmp/oracle" "$bin"
  rmdir "$tmp"
fi
echo "$bin"
