package dev.releasegate.lifecycle;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ServingVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The checklist's first week: after a promotion, non-essential changes wait. A new version gets no
 * traffic until the freeze ends, unless {@code releasegate.dev/freeze-exception} names it.
 */
final class ChangeFreeze {
  static final Duration DEFAULT = Duration.ofDays(7);
  static final String REASON = "ChangeFreeze";

  private ChangeFreeze() {}

  /** Holds a new version that is frozen out; returns whether it did. */
  static boolean holds(Draft d, String version) {
    ServingVersion stable = d.status.getStable();
    Duration freeze =
        Optional.ofNullable(d.spec.observation())
            .map(o -> o.freeze())
            .flatMap(GoDuration::parseAllowingZero)
            .orElse(DEFAULT);
    Instant until = stable.approvedAt().plus(freeze);
    boolean excepted =
        d.annotations
            .request(ReleaseAnnotations.FREEZE_EXCEPTION)
            .filter(value -> ReleaseAnnotations.names(value, version))
            .isPresent();
    if (!d.now.isBefore(until) || excepted) {
      return false;
    }
    d.phase(
        Phase.AwaitingGates,
        REASON,
        version
            + " waits for the change freeze after "
            + stable.version()
            + "'s promotion, until "
            + Draft.time(until)
            + ". To release it now: "
            + Commands.annotate(d, ReleaseAnnotations.FREEZE_EXCEPTION, version));
    d.requeueAfter(Duration.between(d.now, until));
    CanaryProgress.target(d, 0);
    return true;
  }
}
