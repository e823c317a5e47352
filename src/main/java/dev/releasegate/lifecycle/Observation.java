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
  static Outcome decide(Draft d) {
    ServingVersion stable = d.status.getStable();
    Instant end = ActiveAnalysis.observationEnd(d.spec, stable.approvedAt());
    TrafficTarget serving =
        TrafficTarget.stableOnly(stable.asModel(d.spec.model().name()), d.spec.replicasOrDefault());
    if (d.previous.getPhase() == Phase.Released || !d.now.isBefore(end)) {
      if (d.entering(Phase.Released, Reason.Released)) {
        d.status.setAnalysis(null);
      }
      Sentence why = new Sentence.Released(stable.version(), end);
      d.announceOnEntry(Phase.Released, why);
      return new Outcome.Hold(Phase.Released, why, serving);
    }
    Optional<ApprovedVersion> previous = d.previousApproved();
    Optional<ActiveAnalysis> active =
        ActiveAnalysis.of(d.spec, ActiveAnalysis.OBSERVATION, stable.version(), "stable");
    String cannotMeasure = null;
    if (active.isPresent()) {
      AnalysisRule.Verdict verdict = AnalysisRule.apply(d, active.get());
      Optional<String> breach = verdict.rollbackCause();
      if (breach.isPresent() && previous.isPresent()) {
        return new Outcome.RollBackPromoted(
            Reason.ObservationBreach, previous.get(), breach.get(), Outcome.Advice.TRY_AGAIN);
      }
      if (breach.isPresent()) {
        Sentence why = new Sentence.BreachWithNothingToReturnTo(breach.get(), stable.version());
        d.announceOnEntry(Phase.Promoted, why);
        return new Outcome.Hold(Phase.Promoted, why, serving);
      }
      verdict.nextDue().ifPresent(due -> d.requeueAfter(Duration.between(d.now, due)));
      cannotMeasure = verdict.errorHold().orElse(null);
    }
    Optional<ApprovedVersion> kept =
        previous.filter(p -> p.version().equals(d.traffic.previousVersion()));
    d.requeueAfter(Duration.between(d.now, end));
    return new Outcome.Hold(
        Phase.Promoted,
        new Sentence.Observing(
            stable.version(),
            end,
            kept.map(ApprovedVersion::version).orElse(null),
            d.traffic.previousPods(),
            cannotMeasure),
        previous
            .map(p -> serving.keeping(p.serving().asModel(d.spec.model().name()), warmReplicas(d)))
            .orElse(serving));
  }

  static int warmReplicas(Draft d) {
    return d.spec.rollback() == null || d.spec.rollback().warmReplicas() == null
        ? DEFAULT_WARM_REPLICAS
        : d.spec.rollback().warmReplicas();
  }
}
