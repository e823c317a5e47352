#!/usr/bin/env bash
# The analysis tests run a real Prometheus, Debian's package, on loopback; they find it on the PATH.
# The build installs it when it is missing, so `mvn verify` passes on a fresh machine; where apt-get
# cannot run as root it says what to install instead.
set -euo pipefail
if command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The analysis tests need prometheus on the PATH (PATH=$PATH); Debian's package has it:" >&2
  echo "  sudo apt-get install -y --no-install-recommends prometheus" >&2
  exit 1
fi
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends prometheus >/dev/null \
  || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends prometheus >/dev/null; }
echo "prometheus: installed $(prometheus --version 2>&1 | head -1) in $(( $(date +%s) - start )) s"
