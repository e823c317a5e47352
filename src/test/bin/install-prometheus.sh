#!/usr/bin/env bash
# The analysis tests run a real Prometheus, Debian's package, on loopback. The build installs it
# when it is missing, so `mvn verify` passes on a fresh machine; where apt-get cannot run as root it
# says what to install instead.
set -euo pipefail
if [ -x /usr/bin/prometheus ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The analysis tests need Debian's prometheus package at /usr/bin/prometheus:" >&2
  echo "  sudo apt-get install -y --no-install-recommends prometheus" >&2
  exit 1
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends prometheus >/dev/null \
  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends prometheus >/dev/null; }
echo "prometheus: installed $(/usr/bin/prometheus --version 2>&1 | head -1) in $(( $(date +%s) - start )) s"
