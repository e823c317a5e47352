package dev.releasegate.lifecycle;

import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The first days after promotion are part of the release: the analysis keeps watching the approved
 * version, the previous approved version stays ready to take the traffic back, and a breach returns
 * to it. When the period ends the release is Released and the previous version goes away.
 */
final class Observation {
  static final int DEFAULT_WARM_REPLICAS = 1;

  private Observation() {}

  /** Decides for a release whose spec asks for the approved, stable version. */
  static void apply(Draft d) {
    ServingVersion stable = d.status.getStable();
    Instant end = ActiveAnalysis.observationEnd(d.spec, stable.approvedAt());
    TrafficTarget serving =
        TrafficTarget.stableOnly(stable.asModel(d.spec.model().name()), d.spec.replicasOrDefault());
    if (d.previous.getPhase() == Phase.Released || !d.now.isBefore(end)) {
      String message =
          stable.version()
              + " is released: its observation period ended at "
              + Draft.time(end)
              + "; it serves all traffic.";
      if (d.entering(Phase.Released, Reason.Released)) {
        d.event(ReleaseEvent.of(Reason.Released, message));
        d.status.setAnalysis(null);
      }
      d.phase(Phase.Released, Reason.Released, message);
      d.traffic(serving);
      return;
    }
    Optional<ApprovedVersion> previous = d.previousApproved();
    Optional<ActiveAnalysis> active =
        ActiveAnalysis.of(d.spec, ActiveAnalysis.OBSERVATION, stable.version(), "stable");
    String watching = "";
    if (active.isPresent()) {
      AnalysisRule.Verdict verdict = AnalysisRule.apply(d, active.get());
      Optional<String> breach =
          verdict
              .breach()
              .or(() -> verdict.errorRollback() ? verdict.errorHold() : Optional.empty());
      if (breach.isPresent() && previous.isPresent()) {
        Rollbacks.promoted(
            d,
            Reason.ObservationBreach,
            previous.get(),
            breach.get(),
            () -> Rollbacks.retryHint(d, stable.version()));
        return;
      }
      if (breach.isPresent()) {
        String message =
            "Observation breach ("
                + breach.get()
                + "), but "
                + stable.version()
                + " is the only approved version, so it keeps serving: investigate, or apply a fixed version.";
        if (d.entering(Phase.Promoted, Reason.ObservationBreach)) {
          d.event(ReleaseEvent.of(Reason.ObservationBreach, message));
        }
        d.phase(Phase.Promoted, Reason.ObservationBreach, message);
        d.traffic(serving);
        return;
      }
      verdict.nextDue().ifPresent(due -> d.requeueAfter(Duration.between(d.now, due)));
      watching = verdict.errorHold().map(e -> " Analysis cannot measure: " + e + ".").orElse("");
    }
    int warm = warmReplicas(d);
    String ready =
        previous
            .filter(p -> p.version().equals(d.traffic.previousVersion()))
            .map(
                p ->
                    " "
                        + p.version()
                        + " is kept for a rollback, with "
                        + d.traffic.previousPods()
                        + (d.traffic.previousPods() == 1 ? " pod" : " pods")
                        + " ready.")
            .orElse("");
    d.phase(
        Phase.Promoted,
        Reason.Observing,
        stable.version()
            + " is the approved version and serves all traffic; it is observed until "
            + Draft.time(end)
            + "."
            + ready
            + watching);
    d.requeueAfter(Duration.between(d.now, end));
    d.traffic(
        previous
            .map(p -> serving.keeping(p.serving().asModel(d.spec.model().name()), warm))
            .orElse(serving));
  }

  static int warmReplicas(Draft d) {
    return d.spec.rollback() == null || d.spec.rollback().warmReplicas() == null
        ? DEFAULT_WARM_REPLICAS
        : d.spec.rollback().warmReplicas();
  }
}
