package dev.releasegate.lifecycle;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RehearsalPhase;
import dev.releasegate.api.v1alpha1.RehearsalStatus;
import dev.releasegate.gate.GateReport;
import dev.releasegate.gate.Requirements;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The rollback rehearsal: before full promotion, send the candidate's traffic back to the stable
 * version, time how long the stable takes to carry it all, and shift it back. The plan is tried
 * before it is needed; a return slower than the limit rolls the candidate back instead of promoting
 * it.
 */
final class Rehearsal {
  static final Duration DEFAULT_LIMIT = Duration.ofMinutes(5);

  private Rehearsal() {}

  /** Whether this release rehearses before promotion: the policy or the spec asks for it. */
  static boolean required(ModelReleaseSpec spec, Requirements requirements) {
    return requirements.rollbackRehearsal()
        || (spec.rollback() != null && Boolean.TRUE.equals(spec.rollback().rehearse()));
  }

  /** The rehearsal's gate as it stands for the candidate. */
  static GateStatus gate(Draft d) {
    RehearsalStatus rehearsal = d.status.getRehearsal();
    String version = d.spec.model().version();
    if (rehearsal != null && rehearsal.passedFor(version)) {
      return new GateStatus(
          GateId.ROLLBACK_REHEARSAL.id(),
          true,
          "Rolled back to "
              + d.status.getStable().version()
              + " in "
              + millis(rehearsal)
              + " and returned.",
          List.of(),
          List.of());
    }
    String state =
        rehearsal != null
                && version.equals(rehearsal.version())
                && rehearsal.is(RehearsalPhase.Failed)
            ? "The rehearsal failed: the return to the stable version took longer than "
                + describe(limit(d))
                + "."
            : "The rollback is rehearsed after the last step, before full promotion.";
    return new GateStatus(
        GateId.ROLLBACK_REHEARSAL.id(),
        false,
        state,
        List.of("rollback rehearsal for " + version),
        List.of());
  }

  /**
   * Runs the next part of the rehearsal: promotion on these gates once it has passed for the
   * candidate, a hold while it moves traffic, a rollback when the return was too slow.
   */
  static Outcome decide(Draft d, CanaryStatus canary, GateReport gates) {
    String version = canary.version();
    String stable = d.status.getStable().version();
    RehearsalStatus rehearsal = d.status.getRehearsal();
    if (rehearsal != null && rehearsal.passedFor(version)) {
      return new Outcome.Promote(gates);
    }
    if (rehearsal == null
        || !version.equals(rehearsal.version())
        || rehearsal.is(RehearsalPhase.Failed)) {
      rehearsal =
          new RehearsalStatus(
              version, RehearsalPhase.ReturningToStable.name(), d.exactly, null, null);
      d.event(new Sentence.RehearsalStarted(version, stable));
    }
    if (rehearsal.is(RehearsalPhase.ReturningToStable)) {
      Duration elapsed = Duration.between(rehearsal.startedAt(), d.exactly);
      if (d.traffic.inForce(version, 0)) {
        rehearsal =
            new RehearsalStatus(
                version,
                RehearsalPhase.ReturningToCanary.name(),
                rehearsal.startedAt(),
                elapsed.toMillis(),
                null);
      } else if (elapsed.compareTo(limit(d)) > 0) {
        d.status.setRehearsal(
            new RehearsalStatus(
                version, RehearsalPhase.Failed.name(), rehearsal.startedAt(), null, d.now));
        return new Outcome.RollBackCandidate(
            Reason.RehearsalFailed,
            version,
            stable + " did not carry all traffic within " + describe(limit(d)),
            Outcome.Advice.FIND_WHY_SLOW);
      } else {
        d.status.setRehearsal(rehearsal);
        d.requeueAfter(limit(d).minus(elapsed));
        return new Outcome.Hold(
            Phase.Progressing, new Sentence.ReturningToStable(version, stable), d.candidateAt(0));
      }
    }
    if (d.traffic.inForce(version, canary.weight())) {
      rehearsal =
          new RehearsalStatus(
              version,
              RehearsalPhase.Passed.name(),
              rehearsal.startedAt(),
              rehearsal.returnedToStableMillis(),
              d.now);
      d.status.setRehearsal(rehearsal);
      d.event(new Sentence.RehearsalPassed(stable, millis(rehearsal)));
      return new Outcome.Promote(gates);
    }
    d.status.setRehearsal(rehearsal);
    return new Outcome.Hold(
        Phase.Progressing,
        new Sentence.ReturningToCanary(millis(rehearsal), canary.weight(), version),
        d.candidateAt(canary.weight()));
  }

  /** Whether the candidate's rehearsal is moving its traffic right now. */
  static boolean underWay(Draft d, CanaryStatus canary) {
    RehearsalStatus rehearsal = d.status.getRehearsal();
    return rehearsal != null
        && canary.version().equals(rehearsal.version())
        && (rehearsal.is(RehearsalPhase.ReturningToStable)
            || rehearsal.is(RehearsalPhase.ReturningToCanary));
  }

  /** The weight the candidate should have while a rehearsal is where it is. */
  static Optional<Integer> heldWeight(Draft d, CanaryStatus canary) {
    RehearsalStatus rehearsal = d.status.getRehearsal();
    return underWay(d, canary) && rehearsal.is(RehearsalPhase.ReturningToStable)
        ? Optional.of(0)
        : Optional.empty();
  }

  private static Duration limit(Draft d) {
    return Optional.ofNullable(d.spec.rollback())
        .map(r -> r.rehearsalTimeout())
        .flatMap(GoDuration::parse)
        .orElse(DEFAULT_LIMIT);
  }

  private static String millis(RehearsalStatus rehearsal) {
    long ms = rehearsal.returnedToStableMillis() == null ? 0 : rehearsal.returnedToStableMillis();
    return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  private static String describe(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + "m" : duration.toSeconds() + "s";
  }
}
