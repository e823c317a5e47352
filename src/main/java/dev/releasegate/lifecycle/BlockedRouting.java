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

  static void apply(Draft d) {
    TrafficBlock block = d.traffic.blocked();
    ServingVersion stable = d.status.getStable();
    Gates.evaluate(d);
    Phase phase = d.previous.getPhase() == null ? Phase.Pending : d.previous.getPhase();
    String serving =
        stable == null
            ? "Nothing was approved yet, so nothing serves through releasegate."
            : "Traffic stays as the router last left it, with "
                + stable.version()
                + " approved; releasegate changes nothing until this is fixed.";
    String message = block.message() + " " + serving;
    if (d.entering(phase, block.reason())) {
      d.event(ReleaseEvent.of(block.reason(), message));
    }
    d.phase(phase, block.reason(), message);
    d.stalled();
    d.requeueAfter(RECHECK);
  }

  /** A rollback decided while the router cannot act is recorded, and status says it waits. */
  static void afterRollback(Draft d) {
    TrafficBlock block = d.traffic.blocked();
    d.status.setMessage(
        d.status.getMessage()
            + " The router cannot act yet ("
            + block.reason()
            + "): "
            + block.message()
            + " The rollback is applied as soon as it can.");
    d.stalled();
    d.requeueAfter(RECHECK);
  }
}
