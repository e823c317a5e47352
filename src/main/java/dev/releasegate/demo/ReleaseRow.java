package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;

/** One line of the live view: what on-call needs to see of a release at a glance. */
record ReleaseRow(
    String namespace,
    String name,
    String phase,
    String stable,
    String canary,
    String weight,
    String gates,
    String lastEvent) {

  static ReleaseRow of(ModelRelease release, String lastEvent) {
    ModelReleaseStatus status = release.getStatus();
    String phase = "-";
    String stable = "-";
    String canary = "-";
    String weight = "-";
    String gates = "-";
    if (status != null) {
      phase = status.getPhase() == null ? "-" : status.getPhase().name();
      stable = status.getStable() == null ? "-" : status.getStable().version();
      if (status.getCanary() != null) {
        canary = status.getCanary().version();
        weight = status.getCanary().weight() + "%";
      }
      gates = status.getGateSummary() == null ? "-" : status.getGateSummary();
    }
    return new ReleaseRow(
        release.getMetadata().getNamespace(),
        release.getMetadata().getName(),
        phase,
        stable,
        canary,
        weight,
        gates,
        lastEvent == null ? "" : lastEvent);
  }

  /** The row as one log line, for output that is not a terminal. */
  String asLine() {
    return namespace
        + "/"
        + name
        + " "
        + phase
        + " stable="
        + stable
        + " canary="
        + canary
        + " weight="
        + weight
        + " gates="
        + gates
        + (lastEvent.isEmpty() ? "" : " | " + lastEvent);
  }
}
