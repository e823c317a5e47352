#!/usr/bin/env bash
# A guided tour of releasegate for a new user, against the running demo: the release the demo
# leaves for you (claims-agent) is signed by its six owners and promoted, a new version goes
# through its gates and into its canary, a pause is skipped, on-call pulls the kill switch, and the
# version is tried again. Every step prints the kubectl command it runs; where the release prints a
# command for a person (skip a pause, clear, retry), the tour pastes that command as printed.
#
# Start the demo (the README's first command), then in another terminal:
#   export KUBECONFIG=<the kubeconfig path the demo printed>
#   examples/tour.sh
#
# It changes claims-agent; restart the demo to take the tour again.
set -euo pipefail

release=${RELEASE:-claims-agent}
namespace=${NAMESPACE:-default}
wait_for=${WAIT:-90s}

say() { printf '\n== %s\n' "$*"; }
# Prints a command as a person would type it (quoted where the shell needs it), then runs it.
run() {
  local word shown=()
  for word in "$@"; do
    if [[ $word =~ ^[A-Za-z0-9._/:=,+@%-]+$ ]]; then
      shown+=("$word")
    else
      shown+=("'${word//\'/\'\\\'\'}'")
    fi
  done
  printf '$ %s\n' "${shown[*]}"
  "$@"
}
message() { kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.message}'; }
await_phase() {
  run kubectl wait mrel/"$release" -n "$namespace" --for=jsonpath='{.status.phase}'="$1" \
    --timeout="$wait_for"
}
await_reason() {
  run kubectl wait mrel/"$release" -n "$namespace" --for=jsonpath='{.status.reason}'="$1" \
    --timeout="$wait_for"
}
await_step() {
  run kubectl wait mrel/"$release" -n "$namespace" --for=jsonpath='{.status.canary.step}'="$1" \
    --timeout="$wait_for"
}
# The command status prints for a person that sets or removes ANNOTATION, as printed; the tour
# pastes it the way a person would (the shell reads its quotes). Status is the operator's own
# writing, and only a `kubectl annotate` on this release is taken from it.
paste_printed() {
  local annotation=$1 printed
  printed=$(message | grep -oE "kubectl annotate (--overwrite )?-n [a-z0-9-]+ mrel $release ${annotation//./\\.}(-|=(\"[^\"]*\"|[A-Za-z0-9._/:=+-]+))" | head -1) || true
  if [ -z "$printed" ]; then
    echo "tour: the release printed no command for $annotation; it says: $(message)" >&2
    exit 1
  fi
  printf '$ %s    # as printed in status.message\n' "$printed"
  eval "$printed"
}

# The tour starts where the demo leaves the release: nothing approved yet.
if ! kubectl get mrel "$release" -n "$namespace" >/dev/null; then
  echo "tour: no release $release in namespace $namespace: is the demo running, and KUBECONFIG the path it printed?" >&2
  exit 1
fi
if [ -n "$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.stable.version}')" ]; then
  echo "tour: $release already has an approved version (the tour was taken, or $release was signed): restart the demo to take the tour again" >&2
  exit 1
fi

say "Every release, and what $release waits for"
run kubectl get mrel -n "$namespace"
run kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.message}{"\n"}'

# Who you are to the API server: the acts below (freeze exception, kill switch) are written under
# this name, as an admission policy in a real cluster requires. The demo plays the six owners.
me=$(kubectl auth whoami -o jsonpath='{.status.userInfo.username}')
version=$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.spec.model.version}')
image=$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.spec.model.image}')
uri=$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.spec.model.uri}')

say "The six owners sign $version and the packet digest they reviewed, each for their own role"
run kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.packetDigest}{"\n"}'
digest=$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.packetDigest.shortDigest}')
run kubectl annotate --overwrite mrel "$release" -n "$namespace" \
  signoff.releasegate.dev/product="version=$version; digest=$digest; by=pat" \
  signoff.releasegate.dev/mlops="version=$version; digest=$digest; by=mo" \
  signoff.releasegate.dev/security="version=$version; digest=$digest; by=sam" \
  signoff.releasegate.dev/privacy="version=$version; digest=$digest; by=pri" \
  signoff.releasegate.dev/business="version=$version; digest=$digest; by=ben" \
  signoff.releasegate.dev/support="version=$version; digest=$digest; by=sky"
await_phase Promoted
run kubectl get mrel "$release" -n "$namespace"
run kubectl get cm -n "$namespace" -l "releasegate.dev/release=$release,releasegate.dev/version=$version" \
  -L releasegate.dev/version

next=${NEXT_VERSION:-$version-tour}
say "$next's eval report: a report names the version it evaluated, and $version's does not count for $next"
evidence=$(kubectl get mrel "$release" -n "$namespace" \
  -o jsonpath='{.spec.packet.artifacts[?(@.type=="evalReport")].configMapKeyRef.name}')
key=$(kubectl get mrel "$release" -n "$namespace" \
  -o jsonpath='{.spec.packet.artifacts[?(@.type=="evalReport")].configMapKeyRef.key}')
report=$(kubectl get cm "$evidence" -n "$namespace" -o jsonpath="{.data.$key}")
report=${report/\"modelVersion\": \"$version\"/\"modelVersion\": \"$next\"}
# The report as a JSON string: backslashes and quotes escaped, lines joined with \n.
escaped=$(printf '%s' "$report" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')
run kubectl patch cm "$evidence" -n "$namespace" --type=merge -p "{\"data\":{\"$key\":\"$escaped\"}}"
# What the operator shows for the report once it has read it: the first 12 hex of its SHA-256.
read_report=$(printf '%s' "$report" | sha256sum | cut -c1-12)

say "A new version, $next: a freeze exception, then version, image and uri together"
run kubectl annotate --overwrite mrel "$release" -n "$namespace" \
  releasegate.dev/freeze-exception="version=$next; by=$me"
run kubectl patch mrel "$release" -n "$namespace" --type=merge -p \
  "{\"spec\":{\"model\":{\"version\":\"$next\",\"image\":\"${image%:*}:$next\",\"uri\":\"${uri%/*}/$next\"}}}"
await_phase AwaitingGates
run kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.message}{"\n"}'

say "The owners who sign before any traffic sign $next and its packet; the canary starts"
run kubectl wait mrel/"$release" -n "$namespace" \
  --for=jsonpath='{.status.packetDigest.parts.'"$key"'}'="$read_report" --timeout="$wait_for"
digest=$(kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.packetDigest.shortDigest}')
run kubectl annotate --overwrite mrel "$release" -n "$namespace" \
  signoff.releasegate.dev/product="version=$next; digest=$digest; by=pat" \
  signoff.releasegate.dev/mlops="version=$next; digest=$digest; by=mo" \
  signoff.releasegate.dev/security="version=$next; digest=$digest; by=sam" \
  signoff.releasegate.dev/privacy="version=$next; digest=$digest; by=pri"
await_step 1
run kubectl get deploy -n "$namespace" -l "releasegate.dev/release=$release" \
  -L releasegate.dev/track,releasegate.dev/version

say "Skip step 1's pause with the command the release prints (the step is still measured first)"
await_reason StepPause
paste_printed releasegate.dev/promote
await_step 2
run kubectl get mrel "$release" -n "$namespace" -o wide

say "On-call pulls the kill switch"
run kubectl annotate --overwrite mrel "$release" -n "$namespace" \
  releasegate.dev/kill-switch="reason=unsafe answers in the canary; by=$me"
await_phase RolledBack
run kubectl get mrel "$release" -n "$namespace" -o wide
run kubectl get mrel "$release" -n "$namespace" -o jsonpath='{.status.message}{"\n"}'

say "Once it is understood: clear the switch, then retry $next as printed"
paste_printed releasegate.dev/kill-switch
paste_printed releasegate.dev/retry
await_step 1
run kubectl get mrel "$release" -n "$namespace" -o wide
run kubectl get events -n "$namespace" --field-selector "involvedObject.name=$release" \
  --sort-by=.lastTimestamp

say "Done: $next is back at its first step, and $version serves the rest."
