#!/bin/sh
# Installs Prometheus + promtool (Debian package `prometheus`) for the integration tests, unless they
# are already on PATH. The tests start their own instances on random ports, so the packaged system
# service must not start (it would hold 0.0.0.0:9090): it is blocked during install and disabled after.
set -eu

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  echo "prometheus already installed: $(command -v prometheus) ($(prometheus --version 2>&1 | head -n 1))"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-prometheus: need root or sudo to apt-get install" >&2; exit 1; }
  SUDO="sudo"
fi

# A policy-rc.d answering 101 stops invoke-rc.d/deb-systemd-invoke from starting the service.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod 755 "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi

$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends prometheus

# Belt and braces: whatever the init system, make sure the packaged service is neither running nor enabled.
if [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
elif [ -x /etc/init.d/prometheus ]; then
  $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
  $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true
fi

prometheus --version 2>&1 | head -n 1
promtool --version 2>&1 | head -n 1
if pgrep -x prometheus >/dev/null 2>&1; then
  echo "install-prometheus: warning: a prometheus process is running: $(pgrep -a -x prometheus)" >&2
fi
