#!/usr/bin/env bash
# Builds flux-health (main.go: Flux's own health check of applied objects) for the real-cluster
# tests, from the Go modules go.mod beside this file pins; once per version into a cache outside
# the repository, then reused. LINK (the argument) is pointed at the binary.
#
#   src/fluxhealth/build.sh target/flux-health
set -euo pipefail

link=${1:?usage: build.sh LINK}
here=$(cd "$(dirname "$0")" && pwd)
key=$( (cat "$here/go.mod" "$here/go.sum" "$here/main.go" "$here/build.sh") | sha256sum | cut -c1-12)
cache=${RELEASEGATE_FLUXHEALTH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/releasegate/fluxhealth}
out="$cache/$key"

if [ -x "$out/flux-health" ]; then
  echo "flux-health: reusing $out"
else
  # Go's own installer puts it in /usr/local/go, which a non-login shell's PATH may lack.
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "flux-health: go is not on PATH; the GitOps tests build Flux's health check from Go modules" >&2
    exit 1
  fi
  echo "flux-health: building Flux's health check (fluxcd/pkg/ssa) into $out; about a minute cold"
  start=$(date +%s)
  mkdir -p "$out"
  (cd "$here" && go build -o "$out/flux-health.partial" .)
  mv "$out/flux-health.partial" "$out/flux-health"
  echo "flux-health: built in $(( $(date +%s) - start )) s"
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$out/flux-health" "$link"
