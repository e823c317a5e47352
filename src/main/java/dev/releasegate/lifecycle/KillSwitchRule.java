package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
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
  private KillSwitchRule() {}

  static void apply(Draft d, boolean specValid) {
    String trigger = Draft.quoted(d.annotations.killSwitch().orElseThrow());
    if (d.previous.getPhase() == Phase.RolledBack && d.status.getLastRollback() != null) {
      hold(d);
      return;
    }
    CanaryStatus inFlight = d.status.getCanary();
    ServingVersion stable = d.status.getStable();
    if (inFlight != null) {
      Rollbacks.candidate(
          d,
          Reason.KillSwitch,
          inFlight.version(),
          trigger,
          () -> clearHint(d, inFlight.version()));
    } else if (specValid
        && (stable == null || !stable.version().equals(d.spec.model().version()))) {
      String version = d.spec.model().version();
      Rollbacks.candidate(d, Reason.KillSwitch, version, trigger, () -> clearHint(d, version));
    } else {
      Optional<ApprovedVersion> previous = d.previousApproved();
      if (previous.isPresent()) {
        Rollbacks.promoted(
            d, Reason.KillSwitch, previous.get(), trigger, () -> clearHint(d, stable.version()));
      } else {
        keepOnlyApproved(d, trigger);
      }
    }
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
    if (d.entering(phase, Reason.KillSwitchIgnored)) {
      d.event(ReleaseEvent.of(Reason.KillSwitchIgnored, message));
    }
    d.phase(phase, Reason.KillSwitchIgnored, message);
    if (stable != null) {
      d.traffic(
          TrafficTarget.stableOnly(stable.asModel(Rollbacks.modelName(d)), Rollbacks.replicas(d)));
    }
  }

  /** Already rolled back: keep it so, and say what waits for the switch to be cleared. */
  private static void hold(Draft d) {
    RollbackRecord rollback = d.status.getLastRollback();
    String message = Rollbacks.message(rollback);
    String wanted = d.spec == null || d.spec.model() == null ? null : d.spec.model().version();
    ServingVersion stable = d.status.getStable();
    if (wanted != null && stable != null && wanted.equals(stable.version())) {
      // A git revert to what serves: nothing to retry, only the switch to clear.
      message +=
          " The spec asks for "
              + wanted
              + ", which serves; clear the switch when the incident is over: "
              + clearCommand(d)
              + ".";
    } else if (wanted != null && !wanted.equals(rollback.fromVersion())) {
      // A new version was never rolled back: clearing the switch alone lets it start.
      message +=
          " "
              + wanted
              + " waits for the kill switch; it starts once the switch is cleared: "
              + clearCommand(d)
              + ".";
    } else {
      message += " " + clearHint(d, rollback.fromVersion());
    }
    d.phase(Phase.RolledBack, Rollbacks.reason(rollback), message);
    d.traffic(Rollbacks.backToStable(d, rollback.fromVersion()));
  }

  private static String clearCommand(Draft d) {
    return Commands.turnOff(d, ReleaseAnnotations.KILL_SWITCH);
  }

  private static String clearHint(Draft d, String version) {
    return "To release "
        + version
        + " again: clear the switch ("
        + clearCommand(d)
        + "), then "
        + Rollbacks.retryCommand(d, version)
        + ", or apply a new version.";
  }
}
