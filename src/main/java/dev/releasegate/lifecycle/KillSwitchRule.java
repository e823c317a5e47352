package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.util.Optional;

/**
 * {@code releasegate.dev/kill-switch}: traffic goes back to the last approved version in this very
 * decision, whatever the phase and even when the spec is invalid. It never takes away the only
 * approved version: with nothing earlier to return to, that version keeps serving and status says
 * so.
 */
final class KillSwitchRule {
  static final String REASON = "KillSwitch";

  private KillSwitchRule() {}

  static void apply(Draft d, boolean specValid) {
    String trigger = d.annotations.killSwitch().orElseThrow();
    if (d.previous.getPhase() == Phase.RolledBack && d.status.getLastRollback() != null) {
      hold(d);
      return;
    }
    CanaryStatus inFlight = d.status.getCanary();
    ServingVersion stable = d.status.getStable();
    if (inFlight != null) {
      rollBackCandidate(d, inFlight.version(), trigger);
    } else if (specValid
        && (stable == null || !stable.version().equals(d.spec.model().version()))) {
      rollBackCandidate(d, d.spec.model().version(), trigger);
    } else {
      Optional<ApprovedVersion> previous = d.previousApproved();
      if (previous.isPresent()) {
        rollBackPromoted(d, previous.get(), trigger);
      } else {
        keepOnlyApproved(d, trigger);
      }
    }
  }

  /** The candidate loses all traffic; the stable version, if any, gets it all. */
  private static void rollBackCandidate(Draft d, String candidate, String trigger) {
    ServingVersion stable = d.status.getStable();
    d.rolledBack(REASON, candidate, stable == null ? null : stable.version(), trigger);
    d.status.setCanary(stoppedCanary(d, candidate));
    finishRollback(d, candidate);
  }

  /** After promotion: the previous approved version, kept for this, serves again. */
  private static void rollBackPromoted(Draft d, ApprovedVersion previous, String trigger) {
    ServingVersion promoted = d.status.getStable();
    d.rolledBack(REASON, promoted.version(), previous.version(), trigger);
    d.status.setHistory(
        d.status.getHistory().stream()
            .map(v -> v.version().equals(promoted.version()) ? v.rolledBack(d.now) : v)
            .toList());
    d.status.setStable(previous.serving());
    d.status.setCanary(stoppedCanary(d, promoted.version()));
    finishRollback(d, promoted.version());
  }

  private static void finishRollback(Draft d, String from) {
    RollbackRecord rollback = d.status.getLastRollback();
    String message = rolledBackMessage(d, rollback) + clearHint(d, from);
    d.phase(Phase.RolledBack, REASON, message);
    d.event(ReleaseEvent.warning(REASON, message));
    d.traffic(backToStable(d, from));
  }

  private static void keepOnlyApproved(Draft d, String trigger) {
    ServingVersion stable = d.status.getStable();
    String message =
        stable == null
            ? "Kill switch is set (" + trigger + "), but nothing is deployed: nothing to roll back."
            : "Kill switch is set ("
                + trigger
                + "), but "
                + stable.version()
                + " is the only approved version, so it keeps serving: there is no earlier version"
                + " to return to.";
    Phase phase = d.previous.getPhase() == null ? Phase.Pending : d.previous.getPhase();
    if (d.entering(phase, "KillSwitchIgnored")) {
      d.event(ReleaseEvent.warning("KillSwitchIgnored", message));
    }
    d.phase(phase, "KillSwitchIgnored", message);
    if (stable != null) {
      d.traffic(TrafficTarget.stableOnly(stable.asModel(modelName(d)), replicas(d)));
    }
  }

  /** Already rolled back: keep it so, and say what waits for the switch to be cleared. */
  private static void hold(Draft d) {
    RollbackRecord rollback = d.status.getLastRollback();
    String message = rolledBackMessage(d, rollback);
    String wanted = d.spec == null || d.spec.model() == null ? null : d.spec.model().version();
    if (wanted != null && !wanted.equals(rollback.fromVersion())) {
      message += " " + wanted + " waits: the kill switch is still set." + clearHint(d, wanted);
    } else {
      message += clearHint(d, rollback.fromVersion());
    }
    d.phase(Phase.RolledBack, d.previous.getReason(), message);
    d.traffic(backToStable(d, rollback.fromVersion()));
  }

  /** All traffic on the approved version; the rolled-back candidate keeps no pods. */
  static TrafficTarget backToStable(Draft d, String candidate) {
    ServingVersion stable = d.status.getStable();
    String name = modelName(d);
    var candidateModel = new ModelSpec(name, candidate, null, null);
    return new TrafficTarget(
        stable == null ? null : stable.asModel(name), candidateModel, 0, replicas(d));
  }

  static String rolledBackMessage(Draft d, RollbackRecord rollback) {
    String why =
        switch (rollback.reason()) {
          case REASON -> "Kill switch (" + rollback.trigger() + ")";
          case Rehearsal.FAILED_REASON -> "Rollback rehearsal failed (" + rollback.trigger() + "):";
          default -> rollback.reason() + " (" + rollback.trigger() + ")";
        };
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

  private static String clearHint(Draft d, String version) {
    return " To release "
        + version
        + " again: clear the switch (kubectl annotate mrel "
        + d.name()
        + " "
        + ReleaseAnnotations.KILL_SWITCH
        + "-), then annotate "
        + ReleaseAnnotations.RETRY
        + "="
        + version
        + " or apply a new version.";
  }

  private static CanaryStatus stoppedCanary(Draft d, String version) {
    int steps =
        d.spec != null && d.spec.canary() != null && d.spec.canary().steps() != null
            ? d.spec.canary().steps().size()
            : 0;
    return new CanaryStatus(version, 0, steps, 0, 0, null);
  }

  private static String modelName(Draft d) {
    return d.spec != null && d.spec.model() != null ? d.spec.model().name() : d.name();
  }

  /** Full traffic's replica count; an invalid spec cannot say, so the router keeps what runs. */
  private static Integer replicas(Draft d) {
    return d.spec != null && SpecCheck.check(d.spec).isEmpty() ? d.spec.replicasOrDefault() : null;
  }
}
