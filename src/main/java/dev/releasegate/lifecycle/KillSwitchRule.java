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

  static Outcome decide(Draft d, boolean specValid) {
    String trigger = Draft.quoted(d.annotations.killSwitch().orElseThrow());
    if (d.previous.getPhase() == Phase.RolledBack && d.status.getLastRollback() != null) {
      return stillRolledBack(d);
    }
    CanaryStatus inFlight = d.status.getCanary();
    ServingVersion stable = d.status.getStable();
    if (inFlight != null) {
      return new Outcome.RollBackCandidate(
          Reason.KillSwitch, inFlight.version(), trigger, Outcome.Advice.CLEAR_THEN_RETRY);
    }
    if (specValid && (stable == null || !stable.version().equals(d.spec.model().version()))) {
      return new Outcome.RollBackCandidate(
          Reason.KillSwitch, d.spec.model().version(), trigger, Outcome.Advice.CLEAR_THEN_RETRY);
    }
    Optional<ApprovedVersion> previous = d.previousApproved();
    if (previous.isPresent()) {
      return new Outcome.RollBackPromoted(
          Reason.KillSwitch, previous.get(), trigger, Outcome.Advice.CLEAR_THEN_RETRY);
    }
    return keepOnlyApproved(d, trigger);
  }

  private static Outcome keepOnlyApproved(Draft d, String trigger) {
    ServingVersion stable = d.status.getStable();
    Sentence why =
        new Sentence.KillSwitchIgnored(trigger, stable == null ? null : stable.version());
    Phase phase = d.previous.getPhase() == null ? Phase.Pending : d.previous.getPhase();
    d.announceOnEntry(phase, why);
    return new Outcome.Hold(
        phase,
        why,
        stable == null
            ? null
            : TrafficTarget.stableOnly(
                stable.asModel(Rollbacks.modelName(d)), Rollbacks.replicas(d)));
  }

  /** Already rolled back: keep it so, and say what waits for the switch to be cleared. */
  private static Outcome stillRolledBack(Draft d) {
    RollbackRecord rollback = d.status.getLastRollback();
    String wanted = d.spec == null || d.spec.model() == null ? null : d.spec.model().version();
    ServingVersion stable = d.status.getStable();
    String clear = Commands.turnOff(d, ReleaseAnnotations.KILL_SWITCH);
    Sentence.Next next;
    if (wanted != null && stable != null && wanted.equals(stable.version())) {
      // A git revert to what serves: nothing to retry, only the switch to clear.
      next = new Sentence.Next.ClearWhenOver(wanted, clear);
    } else if (wanted != null && !wanted.equals(rollback.fromVersion())) {
      // A new version was never rolled back: clearing the switch alone lets it start.
      next = new Sentence.Next.StartsWhenCleared(wanted, clear);
    } else {
      next = Rollbacks.next(d, Outcome.Advice.CLEAR_THEN_RETRY, rollback.fromVersion());
    }
    return new Outcome.Hold(
        Phase.RolledBack,
        new Sentence.StillRolledBack(rollback, Optional.empty(), next),
        Rollbacks.backToStable(d, rollback.fromVersion()));
  }
}
