package dev.releasegate.lifecycle;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.gate.GateReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The checklist's first week: after a promotion, non-essential changes wait. A gate of every
 * version after the first, from its first reconcile: a new version gets no traffic until the freeze
 * ends, unless {@code releasegate.dev/freeze-exception} names it.
 */
final class ChangeFreeze {
  static final Duration DEFAULT = Duration.ofDays(7);

  private ChangeFreeze() {}

  /** The gate for the spec's version; asks to look again when the freeze ends by itself. */
  static GateStatus gate(Draft d) {
    ServingVersion stable = d.status.getStable();
    String version = d.spec.model().version();
    if (version.equals(stable.version())) {
      return new GateStatus(
          GateId.CHANGE_FREEZE.id(),
          true,
          version + " was released before its own freeze, which holds only later versions.",
          List.of(),
          List.of());
    }
    Instant until = freezeEnd(d);
    Optional<String> exception = exception(d, version);
    if (!d.now.isBefore(until) || exception.isPresent()) {
      return new GateStatus(
          GateId.CHANGE_FREEZE.id(),
          true,
          exception.isPresent() && d.now.isBefore(until)
              ? version
                  + " may be released during the change freeze after "
                  + stable.version()
                  + "'s promotion, as "
                  + ReleaseAnnotations.asked(ReleaseAnnotations.FREEZE_EXCEPTION, exception.get())
                  + " grants."
              : "No change freeze holds " + version + ".",
          List.of(),
          List.of());
    }
    d.requeueAfter(Duration.between(d.now, until));
    return new GateStatus(
        GateId.CHANGE_FREEZE.id(),
        false,
        message(d, version, until),
        List.of("the change freeze after " + stable.version() + "'s promotion"),
        List.of());
  }

  /**
   * The freeze's own sentence, when it is the only gate that keeps the version from traffic: the
   * release then waits for the freeze, not for people.
   */
  static Optional<Sentence> holdingAlone(GateReport gates) {
    boolean onlyTheFreeze =
        gates.gates().stream()
            .filter(g -> !g.satisfied())
            .allMatch(g -> g.is(GateId.CHANGE_FREEZE) || !gates.beforeTraffic(g));
    return gates
        .gate(GateId.CHANGE_FREEZE)
        .filter(g -> onlyTheFreeze && !g.satisfied())
        .map(g -> new Sentence.Frozen(g.reason()));
  }

  private static Instant freezeEnd(Draft d) {
    Duration freeze =
        Optional.ofNullable(d.spec.observation())
            .map(o -> o.freeze())
            .flatMap(GoDuration::parseAllowingZero)
            .orElse(DEFAULT);
    return d.status.getStable().approvedAt().plus(freeze);
  }

  /** The freeze exception that names this version, as written. */
  private static Optional<String> exception(Draft d, String version) {
    return d.annotations
        .request(ReleaseAnnotations.FREEZE_EXCEPTION)
        .filter(value -> ReleaseAnnotations.names(value, version));
  }

  private static String message(Draft d, String version, Instant until) {
    return version
        + " waits for the change freeze after "
        + d.status.getStable().version()
        + "'s promotion, until "
        + Draft.time(until)
        + ". To release it now: "
        + Commands.attributed(d, ReleaseAnnotations.FREEZE_EXCEPTION, "version=" + version);
  }
}
