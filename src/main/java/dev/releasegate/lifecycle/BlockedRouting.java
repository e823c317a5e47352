package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.time.Duration;

/**
 * A router that cannot act (its HTTPRoute or InferenceService is missing, belongs to another
 * release, its CRD is not installed, or it cannot split traffic the way a canary needs) holds the
 * release where it is: the phase stays, nothing is asked of the router, the gates are still
 * evaluated, and status names the problem and sets Stalled, because only a person can fix it.
 */
final class BlockedRouting {
  /** How soon to look again: a CRD installed later brings no event to the operator. */
  static final Duration RECHECK = Duration.ofMinutes(1);

  private BlockedRouting() {}

  static Outcome decide(Draft d) {
    TrafficBlock block = d.traffic.blocked();
    ServingVersion stable = d.status.getStable();
    Gates.evaluate(d);
    Phase phase = d.previous.getPhase() == null ? Phase.Pending : d.previous.getPhase();
    Sentence why = new Sentence.RouterBlocked(block, stable == null ? null : stable.version());
    d.announceOnEntry(phase, why);
    d.stalled();
    d.requeueAfter(RECHECK);
    return new Outcome.Hold(phase, why, null);
  }

  /**
   * A kill switch decided while the router cannot act: its outcome is recorded (the rollback, or
   * why there is none), and status adds that it waits for the router.
   */
  static void awaitRouter(Draft d) {
    d.state(d.status.getPhase(), new Sentence.AwaitingRouter(d.said(), d.traffic.blocked()));
    d.stalled();
    d.requeueAfter(RECHECK);
  }
}
