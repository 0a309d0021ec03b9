#!/usr/bin/env bash
# A real Kubernetes control plane on 127.0.0.1 for tests and for trying chaos by hand (test/cluster/README.md):
#   scripts/test-cluster.sh up DIR     build if needed, start etcd, kube-apiserver, kube-controller-manager,
#                                      kube-scheduler, pod-runner and chaos-mesh-sim; print KUBECONFIG=DIR/kubeconfig
#   scripts/test-cluster.sh down DIR   stop every process `up DIR` started
#   scripts/test-cluster.sh build      only build (prints the binaries' folder)
# Binaries and Go caches live in ${CHAOS_TEST_CACHE:-~/.cache/chaos-test}. With CHAOS_TEST_CLUSTER_PARENT=<pid>
# a watchdog runs `down DIR` once that process is gone (tests that crash leave nothing running).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${CHAOS_TEST_CACHE:-$HOME/.cache/chaos-test}
# shellcheck source=../test/cluster/sh/build.sh
source "$ROOT/test/cluster/sh/build.sh"
# shellcheck source=../test/cluster/sh/certs.sh
source "$ROOT/test/cluster/sh/certs.sh"
# shellcheck source=../test/cluster/sh/processes.sh
source "$ROOT/test/cluster/sh/processes.sh"

die() { echo "test-cluster: $*" >&2; exit 1; }

up() {
  local dir=$1 tool
  for tool in kubectl openssl curl node flock setsid; do
    command -v "$tool" >/dev/null || die "$tool is missing (needed to start the control plane)"
  done
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd)
  any_running "$dir" && die "$dir already has a running control plane (scripts/test-cluster.sh down $dir)"
  local bin; bin=$(cluster_bin) || die "cannot build the control plane"
  rm -rf "$dir/etcd" "$dir/logs" "$dir/pids" && mkdir -p "$dir/logs" "$dir/pids"
  CLUSTER_DIR=$dir
  UP_DONE=0
  trap '[ "$UP_DONE" = 1 ] || { echo "test-cluster: up failed; logs in $CLUSTER_DIR/logs" >&2; tail_logs "$CLUSTER_DIR"; down "$CLUSTER_DIR"; }' EXIT
  [ -f "$dir/pki/ca.crt" ] || make_pki "$dir"
  [ -z "${CHAOS_TEST_CLUSTER_PARENT:-}" ] || start_watchdog "$dir" "$CHAOS_TEST_CLUSTER_PARENT"

  start_etcd "$dir" "$bin"
  start_apiserver "$dir" "$bin"
  local url; url=$(cat "$dir/url")
  local who
  for who in admin controller-manager scheduler pod-runner chaos-mesh-sim; do
    write_kubeconfig "$dir" "$who" "$url" "$dir/$who.kubeconfig"
  done
  mv "$dir/admin.kubeconfig" "$dir/kubeconfig"
  export KUBECONFIG="$dir/kubeconfig"

  kubectl apply --server-side -f "$ROOT/crds/" >"$dir/logs/setup.log"
  kubectl wait --for condition=established --timeout=60s crd --all >>"$dir/logs/setup.log"
  start_process "$dir" kube-controller-manager "$bin/kube-controller-manager" \
    --kubeconfig="$dir/controller-manager.kubeconfig" --secure-port=0 --leader-elect=false \
    --use-service-account-credentials=true --service-account-private-key-file="$dir/pki/sa.key" \
    --root-ca-file="$dir/pki/ca.crt" --cluster-signing-cert-file="$dir/pki/ca.crt" --cluster-signing-key-file="$dir/pki/ca.key"
  start_process "$dir" kube-scheduler "$bin/kube-scheduler" \
    --kubeconfig="$dir/scheduler.kubeconfig" --secure-port=0 --leader-elect=false
  start_process "$dir" pod-runner "$bin/pod-runner" --kubeconfig="$dir/pod-runner.kubeconfig"
  kubectl apply --server-side -f "$ROOT/test/cluster/workloads.yaml" >>"$dir/logs/setup.log"
  start_process "$dir" chaos-mesh-sim "$bin/chaos-mesh-sim" --kubeconfig="$dir/chaos-mesh-sim.kubeconfig"

  wait_for "chaos-mesh-sim to watch the chaos kinds" 60 grep -qs "chaos-mesh-sim: ready" "$dir/logs/chaos-mesh-sim.log"
  wait_for "the materi-production pods to be Ready" 180 workloads_ready
  UP_DONE=1
  echo "KUBECONFIG=$dir/kubeconfig"
}

# Ready pods in materi-production: exactly api ×3, relay ×2, postgresql ×1, redis ×1.
workloads_ready() {
  local ready
  ready=$(kubectl get pods -n materi-production -o jsonpath='{range .items[*]}{.metadata.labels.app} {.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null) || return 1
  [ "$(echo "$ready" | grep ' True$' | awk '{print $1}' | sort | uniq -c | awk '{print $2 "=" $1}' | paste -sd,)" = "api=3,postgresql=1,redis=1,relay=2" ]
}

case "${1:-}" in
  watch) watchdog "$2" "$3" ;; # internal: started by `up` when CHAOS_TEST_CLUSTER_PARENT is set
  up) [ $# -eq 2 ] || die "usage: $0 up DIR"; up "$2" ;;
  down) [ $# -eq 2 ] || die "usage: $0 down DIR"; down "$(cd "$2" 2>/dev/null && pwd || echo "$2")" ;;
  build) cluster_bin ;;
  *) echo "usage: $0 up DIR | down DIR | build" >&2; exit 2 ;;
esac
