# Starting, watching and stopping the control plane's processes. Sourced by scripts/test-cluster.sh.
# Every process gets DIR in its command line; `down` checks it, so a reused pid is never signalled.
# chaos-mesh-webhook is started by the tests (test/support/chaos-mesh-webhook.ts) with its pid in DIR/pids/.

STOP_ORDER=(watchdog chaos-mesh-webhook chaos-mesh-sim pod-runner kube-scheduler kube-controller-manager kube-apiserver etcd)

start_process() {
  local dir=$1 name=$2; shift 2
  # setsid: a Ctrl-C meant for the caller does not reach the plane; `down` (or the watchdog) stops it
  setsid "$@" >"$dir/logs/$name.log" 2>&1 </dev/null &
  local pid=$! i
  echo "$pid" >"$dir/pids/$name.pid"
  STARTED+=("$name")
  # until the fork has exec'd, /proc/PID/cmdline is this script's, and `ours` would say "not running"
  for i in $(seq 50); do ours "$pid" "$dir" && return 0; kill -0 "$pid" 2>/dev/null || return 0; sleep 0.05; done
}

ours() { # ours PID DIR: alive and started for DIR
  [ -r "/proc/$1/cmdline" ] && tr '\0' '\n' <"/proc/$1/cmdline" | grep -qF -- "$2/"
}

pid_of() { [ -f "$1/pids/$2.pid" ] && cat "$1/pids/$2.pid"; }

alive() { local pid; pid=$(pid_of "$1" "$2") && ours "$pid" "$1"; }

any_running() { local n; for n in "${STOP_ORDER[@]}"; do alive "$1" "$n" && return 0; done; return 1; }

# N free loopback ports, held together while chosen so they differ; a lost race is retried by the caller.
free_ports() {
  node -e 'const net = require("net"); const n = +process.argv[1]; const s = [];
    (function next() { if (s.length === n) { console.log(s.map((x) => x.address().port).join(" ")); s.forEach((x) => x.close()); return; }
      const srv = net.createServer(); srv.listen(0, "127.0.0.1", () => { s.push(srv); next(); }); })();' "$1"
}

# wait_for WHAT SECONDS CMD...: until CMD succeeds; fails early when a started process has died.
wait_for() {
  local what=$1 limit=$2; shift 2
  local end=$((SECONDS + limit)) n
  until "$@"; do
    for n in "${STARTED[@]}"; do
      alive "$CLUSTER_DIR" "$n" || { echo "test-cluster: $n exited while waiting for $what" >&2; return 1; }
    done
    [ $SECONDS -lt $end ] || { echo "test-cluster: timed out after ${limit}s waiting for $what" >&2; return 1; }
    sleep 0.2
  done
}

STARTED=()

# start_server DIR NAME PORTS READY-CHECK CMD...: up to 3 tries with fresh ports ({P1} {P2} in CMD are replaced).
start_server() {
  local dir=$1 name=$2 nports=$3 check=$4; shift 4
  local attempt ports args a
  for attempt in 1 2 3; do
    read -r -a ports <<<"$(free_ports "$nports")"
    args=()
    for a in "$@"; do a=${a//\{P1\}/${ports[0]}}; args+=("${a//\{P2\}/${ports[1]:-}}"); done
    start_process "$dir" "$name" "${args[@]}"
    local end=$((SECONDS + 120))
    while alive "$dir" "$name" && [ $SECONDS -lt $end ]; do
      if "$check" "$dir" "${ports[0]}"; then echo "${ports[0]}"; return 0; fi
      sleep 0.2
    done
    stop_one "$dir" "$name"
    grep -q "address already in use" "$dir/logs/$name.log" || break
    echo "test-cluster: $name lost a port race, retrying" >&2
  done
  echo "test-cluster: $name did not start:" >&2; tail -20 "$dir/logs/$name.log" >&2
  return 1
}

etcd_ready() { curl -sf "http://127.0.0.1:$2/health" | grep -q '"health":"true"'; }
apiserver_ready() {
  [ "$(curl -sf --cacert "$1/pki/ca.crt" --cert "$1/pki/admin.crt" --key "$1/pki/admin.key" "https://127.0.0.1:$2/readyz")" = ok ]
}

start_etcd() {
  local port
  port=$(start_server "$1" etcd 2 etcd_ready "$2/etcd" --data-dir="$1/etcd" \
    --client-url="http://127.0.0.1:{P1}" --peer-url="http://127.0.0.1:{P2}")
  STARTED+=(etcd)
  echo "http://127.0.0.1:$port" >"$1/etcd-url"
}

start_apiserver() {
  local dir=$1 pki="$1/pki" port
  port=$(start_server "$dir" kube-apiserver 1 apiserver_ready "$2/kube-apiserver" \
    --etcd-servers="$(cat "$dir/etcd-url")" --bind-address=127.0.0.1 --secure-port="{P1}" \
    --advertise-address=127.0.0.1 --endpoint-reconciler-type=none \
    --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" --client-ca-file="$pki/ca.crt" \
    --authorization-mode=Node,RBAC --service-cluster-ip-range=10.96.0.0/16 --allow-privileged=true \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
    --shutdown-delay-duration=0s --profiling=false)
  STARTED+=(kube-apiserver)
  echo "https://127.0.0.1:$port" >"$dir/url"
}

stop_one() {
  local pid; pid=$(pid_of "$1" "$2") || return 0
  if ours "$pid" "$1" && [ "$pid" != "$$" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
}

# down DIR: clients first, then kube-apiserver, then etcd; SIGKILL whatever is left after 15s.
down() {
  local dir=$1 n pid end
  for group in "watchdog chaos-mesh-webhook chaos-mesh-sim pod-runner kube-scheduler kube-controller-manager" kube-apiserver etcd; do
    for n in $group; do stop_one "$dir" "$n"; done
    end=$((SECONDS + 15))
    for n in $group; do
      pid=$(pid_of "$dir" "$n") || continue
      [ "$pid" = "$$" ] && continue
      while ours "$pid" "$dir" && [ $SECONDS -lt $end ]; do sleep 0.1; done
      if ours "$pid" "$dir"; then kill -KILL "$pid" 2>/dev/null || true; fi
    done
  done
  rm -f "$dir"/pids/*.pid
}

start_watchdog() {
  # "$1/": like every process of the plane, the watchdog names DIR/ in its command line
  setsid bash "$ROOT/scripts/test-cluster.sh" watch "$1/" "$2" >"$1/logs/watchdog.log" 2>&1 </dev/null &
  echo $! >"$1/pids/watchdog.pid"
}

watchdog() {
  local dir=${1%/}
  while kill -0 "$2" 2>/dev/null; do sleep 2; done
  echo "test-cluster: process $2 is gone; stopping the control plane in $dir"
  down "$dir"
}

tail_logs() {
  local f
  for f in "$1"/logs/*.log; do [ -s "$f" ] && { echo "--- $f" >&2; tail -15 "$f" >&2; }; done
}
