package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How traffic goes back to the last approved version, whatever sent it there: the kill switch, a
 * breached threshold, a failed rehearsal. One place records the rollback, says what happened and
 * what to do next, and asks the router for the stable-only traffic.
 */
final class Rollbacks {

  private Rollbacks() {}

  /**
   * The candidate loses all traffic; the stable version, if any, gets it all. {@code advice} says
   * what to do next; it is written once the requests this rollback uses up are acknowledged, so the
   * commands it prints are the ones status prints from then on.
   */
  static void candidate(
      Draft d, Reason reason, String candidate, String trigger, Supplier<String> advice) {
    ServingVersion stable = d.status.getStable();
    d.rolledBack(reason, candidate, stable == null ? null : stable.version(), trigger);
    d.status.setCanary(stopped(d, candidate));
    finish(d, reason, candidate, advice);
  }

  /** After promotion: the previous approved version, kept for this, serves again. */
  static void promoted(
      Draft d, Reason reason, ApprovedVersion previous, String trigger, Supplier<String> advice) {
    ServingVersion promoted = d.status.getStable();
    d.rolledBack(reason, promoted.version(), previous.version(), trigger);
    d.status.setHistory(
        d.status.getHistory().stream()
            .map(v -> v.version().equals(promoted.version()) ? v.rolledBack(d.now) : v)
            .toList());
    d.status.setStable(previous.serving());
    d.status.setCanary(stopped(d, promoted.version()));
    finish(d, reason, promoted.version(), advice);
  }

  private static void finish(Draft d, Reason reason, String from, Supplier<String> advice) {
    // A retry or promote written before this rollback was meant for an earlier state: it must
    // not bring the candidate back the moment the kill switch is cleared, nor skip a step of the
    // canary run again. Both are used up here, and status says so.
    StringBuilder ignored = new StringBuilder();
    for (String key : List.of(ReleaseAnnotations.RETRY, ReleaseAnnotations.PROMOTE)) {
      Optional<String> request =
          d.annotations
              .request(key)
              .filter(value -> !value.equals(d.status.getAcknowledged().get(key)));
      request.ifPresent(
          value -> {
            d.acknowledge(key, value);
            ignored.append(" ").append(key).append("=").append(value);
          });
    }
    String message = message(d.status.getLastRollback()) + " " + advice.get();
    if (!ignored.isEmpty()) {
      message +=
          " Ignored, as written before this rollback:" + ignored + "; write a new one to act.";
    }
    d.phase(Phase.RolledBack, reason, message);
    d.event(ReleaseEvent.of(reason, message));
    d.traffic(backToStable(d, from));
  }

  /** All traffic on the approved version; the rolled-back version keeps no pods. */
  static TrafficTarget backToStable(Draft d, String rolledBack) {
    ServingVersion stable = d.status.getStable();
    String name = modelName(d);
    return TrafficTarget.rollback(
        stable == null ? null : stable.asModel(name),
        new ModelSpec(name, rolledBack, null, null),
        replicas(d));
  }

  /** Why a rollback happened, as its record names it. */
  static Reason reason(RollbackRecord rollback) {
    return Reason.of(rollback.reason()).orElse(Reason.KillSwitch);
  }

  /** What a rollback did, in one sentence. */
  static String message(RollbackRecord rollback) {
    String trigger = rollback.trigger();
    String why =
        Reason.of(rollback.reason())
            .map(
                reason ->
                    switch (reason) {
                      case KillSwitch ->
                          "Kill switch ("
                              + trigger
                              + ")"
                              + (rollback.by() == null ? "" : ", pulled by " + rollback.by() + ",");
                      case RehearsalFailed -> "Rollback rehearsal failed (" + trigger + "):";
                      case AnalysisFailed -> "Analysis failed (" + trigger + "):";
                      case ObservationBreach -> "Observation breach (" + trigger + "):";
                      default -> null;
                    })
            .orElse(rollback.reason() + " (" + trigger + ")");
    String where =
        rollback.toVersion() == null
            ? "; no version was approved yet, so nothing serves."
            : ": traffic returned to " + rollback.toVersion() + ".";
    return why
        + " rolled back "
        + rollback.fromVersion()
        + " at "
        + Draft.time(rollback.at())
        + where;
  }

  /** How to try a rolled-back version again. */
  static String retryHint(Draft d, String version) {
    return "To try "
        + version
        + " again: "
        + retryCommand(d, version)
        + ", or apply a new version.";
  }

  /**
   * The command that retries a rolled-back version, and works when pasted: it overwrites any retry
   * already there, and names the version with a value that has not been used yet (a retry acts once
   * per value, and one present at the rollback counts as used).
   */
  static String retryCommand(Draft d, String version) {
    return Commands.freshRequest(d, ReleaseAnnotations.RETRY, "version=" + version);
  }

  private static CanaryStatus stopped(Draft d, String version) {
    int steps =
        d.spec != null && d.spec.canary() != null && d.spec.canary().steps() != null
            ? d.spec.canary().steps().size()
            : 0;
    return new CanaryStatus(version, 0, steps, 0, 0, null);
  }

  static String modelName(Draft d) {
    return d.spec != null && d.spec.model() != null ? d.spec.model().name() : d.name();
  }

  /** Full traffic's replica count; an invalid spec cannot say, so the router keeps what runs. */
  static Integer replicas(Draft d) {
    return d.spec != null && SpecCheck.check(d.spec).isEmpty() ? d.spec.replicasOrDefault() : null;
  }
}
