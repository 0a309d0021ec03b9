# Builds the control plane's binaries into the cache, once per version of test/cluster's sources.
# Sourced by scripts/test-cluster.sh; prints nothing on stdout but the binary folder (cluster_bin).

CLUSTER_SRC="$ROOT/test/cluster"
BINARIES=(kube-apiserver kube-controller-manager kube-scheduler etcd pod-runner chaos-mesh-sim)

go_cmd() {
  if command -v go >/dev/null; then echo go; elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go; else
    echo "test-cluster: Go is missing (looked on PATH and in /usr/local/go/bin)" >&2; return 1; fi
}

# The cache key: the Go version and every file that decides what gets built.
source_key() {
  (cd "$CLUSTER_SRC" && { "$GO" version; find . -name '*.go' -o -name go.mod -o -name go.sum | LC_ALL=C sort | xargs sha256sum; } | sha256sum | cut -c1-16)
}

cluster_bin() {
  GO=$(go_cmd) || return 1
  local key; key=$(source_key)
  local bin="$CACHE/bin/$key"
  if have_all "$bin"; then echo "$bin"; return 0; fi
  mkdir -p "$CACHE"
  # one build at a time per cache; a parallel `up` waits here and then finds the binaries
  exec {lock}>"$CACHE/build.lock"
  flock "$lock"
  if ! have_all "$bin"; then build_into "$bin" || { flock -u "$lock"; return 1; }; fi
  flock -u "$lock"
  echo "$bin"
}

have_all() { local b; for b in "${BINARIES[@]}"; do [ -x "$1/$b" ] || return 1; done; }

build_into() {
  local bin=$1 tmp="$1.tmp.$$" k8s
  k8s=$(awk '$1 == "k8s.io/kubernetes" { print $2 }' "$CLUSTER_SRC/go.mod")
  local minor=${k8s#v1.}; minor=${minor%%.*}
  local v=k8s.io/component-base/version
  local ldflags="-s -w -X $v.gitVersion=$k8s -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean -X $v.buildDate=1970-01-01T00:00:00Z"
  echo "test-cluster: building the control plane ($k8s) into $bin — the first build takes a while; log: $CACHE/build.log" >&2
  local start=$SECONDS
  mkdir -p "$tmp"
  if ! (cd "$CLUSTER_SRC" && GOCACHE="$CACHE/gocache" GOMODCACHE="$CACHE/gomod" GOTOOLCHAIN=local GOFLAGS="-mod=readonly -buildvcs=false" \
        nice -n 10 "$GO" build -trimpath -ldflags "$ldflags" -o "$tmp/" \
        k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler \
        ./cmd/etcd ./cmd/pod-runner ./cmd/chaos-mesh-sim) >"$CACHE/build.log" 2>&1; then
    echo "test-cluster: build failed:" >&2; tail -40 "$CACHE/build.log" >&2; rm -rf "$tmp"; return 1
  fi
  rm -rf "$bin"; mv "$tmp" "$bin"
  echo "test-cluster: built in $((SECONDS - start))s" >&2
  # keep the 3 newest builds (other worktrees may use another version of the sources)
  ls -1dt "$CACHE"/bin/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
}
