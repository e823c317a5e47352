#!/usr/bin/env bash
# Builds the control plane the real-cluster tests and the benchmark run on, from the Kubernetes
# project's own Go modules (go.mod beside this file pins them): etcd (a small main around its embed
# package), kube-apiserver, kube-controller-manager, kube-scheduler and KWOK; and takes the Gateway
# API and KServe CRDs from those projects' Go modules. Built once per version into a cache outside
# the repository and reused; LINK (the argument) is pointed at it.
#
#   src/controlplane/build.sh target/controlplane
set -euo pipefail

link=${1:?usage: build.sh LINK}
here=$(cd "$(dirname "$0")" && pwd)
gateway_api=v1.6.3
kserve=v0.17.0

kubernetes=$(awk '$1 == "k8s.io/kubernetes" {print $2}' "$here/go.mod")
key=$( (cat "$here/go.mod" "$here/go.sum" "$here/build.sh" "$here"/etcd/*.go) | sha256sum | cut -c1-12)
cache=${RELEASEGATE_CONTROLPLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/releasegate/controlplane}
out="$cache/$kubernetes-$key"

if [ -f "$out/complete" ]; then
  echo "control plane: Kubernetes $kubernetes, reusing $out (built in $(cat "$out/complete") s)"
else
  # Go's own installer puts it in /usr/local/go, which a non-login shell's PATH may lack.
  if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
    export PATH="/usr/local/go/bin:$PATH"
  fi
  if ! command -v go >/dev/null 2>&1; then
    echo "control plane: go is not on PATH; the real-cluster tests build Kubernetes from Go modules" >&2
    exit 1
  fi
  echo "control plane: building Kubernetes $kubernetes, etcd and KWOK from Go modules into $out"
  echo "control plane: a cold build takes about 5 minutes on 2 cores; later runs reuse it"
  start=$(date +%s)
  tmp="$out.partial"
  rm -rf "$tmp"
  mkdir -p "$tmp/bin" "$tmp/crds"
  minor=$(echo "$kubernetes" | cut -d. -f2)
  version_flags="-X k8s.io/component-base/version.gitVersion=$kubernetes"
  version_flags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor"
  version_flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  (
    cd "$here"
    go build -ldflags "$version_flags" -o "$tmp/bin/" \
      ./etcd \
      k8s.io/kubernetes/cmd/kube-apiserver \
      k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler \
      sigs.k8s.io/kwok/cmd/kwok
    module_dir() { go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }
    gateway=$(module_dir "sigs.k8s.io/gateway-api@$gateway_api")
    cp "$gateway/config/crd/standard/gateway.networking.k8s.io_httproutes.yaml" "$tmp/crds/"
    # KWOK's own "fast" stages: nodes Ready at once, pods Ready once scheduled, gone once deleted.
    kwok=$(go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)
    mkdir -p "$tmp/kwok"
    cp "$kwok"/kustomize/stage/node/fast/node-initialize.yaml \
      "$kwok"/kustomize/stage/node/heartbeat/node-heartbeat.yaml \
      "$kwok"/kustomize/stage/pod/fast/pod-ready.yaml \
      "$kwok"/kustomize/stage/pod/fast/pod-complete.yaml \
      "$kwok"/kustomize/stage/pod/fast/pod-delete.yaml "$tmp/kwok/"
    kserve_dir=$(module_dir "github.com/kserve/kserve@$kserve")
    cp "$kserve_dir/config/crd/full/serving.kserve.io_inferenceservices.yaml" "$tmp/crds/"
  )
  chmod -R u+w "$tmp"
  printf 'kubernetes=%s\ngateway-api=%s\nkserve=%s\n' "$kubernetes" "$gateway_api" "$kserve" > "$tmp/versions"
  echo $(( $(date +%s) - start )) > "$tmp/complete"
  rm -rf "$out"
  mv "$tmp" "$out"
  echo "control plane: built in $(cat "$out/complete") s"
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$out" "$link"
