package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.GateReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole release lifecycle as one pure function: {@code (release, traffic in force, now) ->
 * decision}. No client, no clock, no sleeps: the reconciler gathers the inputs and applies the
 * result, and tests walk every transition by calling it with the time they choose.
 *
 * <p>The rules, in the order they take precedence: the kill switch; an invalid spec; a router that
 * cannot act; a spec that asks for the approved version; a rolled-back candidate waiting for a
 * retry; the candidate's gates; then the first version's full rollout or a later version's canary
 * steps.
 */
public final class ReleaseDecider {
  private final ChecklistPolicy policy;

  /** A decider that holds releases to this checklist policy. */
  public ReleaseDecider(ChecklistPolicy policy) {
    this.policy = policy;
  }

  /** Decides what to do with a release now, from what was observed of it. */
  public Decision decide(ModelRelease release, Observations observations, Instant now) {
    Draft d = new Draft(release, observations, policy, now);
    List<FieldError> errors = new ArrayList<>(SpecCheck.checkName(d.name()));
    errors.addAll(SpecCheck.check(d.spec));
    if (d.annotations.killSwitch().isPresent()) {
      settle(d, KillSwitchRule.decide(d, errors.isEmpty()));
      if (d.traffic.isBlocked()) {
        BlockedRouting.awaitRouter(d);
      }
    } else if (!errors.isEmpty()) {
      settle(d, invalid(d, errors));
    } else if (d.traffic.isBlocked()) {
      settle(d, BlockedRouting.decide(d));
    } else if (asksForStable(d)) {
      settle(d, serveStable(d));
    } else {
      settle(d, heldAfterRollback(d).orElseGet(() -> release(d)));
    }
    return d.finish();
  }

  /**
   * Decides for a release whose spec could not be read ({@link ModelRelease#unreadableSpec()}):
   * Invalid, saying which field and why, with nothing observed and nothing moved.
   *
   * <p>Unlike a spec that reads but is wrong, not even a canary's traffic is touched: the plan that
   * would say how to go back to the stable version is what cannot be read, and nothing was observed
   * of the traffic either, so status keeps what was last reported of it. A kill switch set on such
   * a release is not acted on until the spec reads again, and the message says so.
   */
  public Decision decideUnreadable(ModelRelease release, String problem, Instant now) {
    Draft d = new Draft(release, new Observations(TrafficState.NONE, Evidence.NONE), policy, now);
    d.status.setTraffic(d.previous.getTraffic());
    String stable = d.status.getStable() == null ? null : d.status.getStable().version();
    settle(
        d,
        new Outcome.Hold(
            Phase.Invalid,
            new Sentence.UnreadableSpec(problem, stable, d.annotations.killSwitch().isPresent()),
            null));
    return d.finish();
  }

  /** Carries out a rule's outcome: the state it names, or the promotion or rollback it asks for. */
  private static void settle(Draft d, Outcome outcome) {
    if (outcome instanceof Outcome.Hold hold) {
      d.state(hold.phase(), hold.why());
      if (hold.traffic() != null) {
        d.traffic(hold.traffic());
      }
    } else if (outcome instanceof Outcome.Promote promote) {
      Promotion.apply(d, promote.gates());
    } else if (outcome instanceof Outcome.RollBackCandidate back) {
      Rollbacks.candidate(d, back);
    } else if (outcome instanceof Outcome.RollBackPromoted back) {
      Rollbacks.promoted(d, back);
    }
  }

  private static Outcome invalid(Draft d, List<FieldError> errors) {
    ServingVersion stable = d.status.getStable();
    CanaryStatus canary = d.status.getCanary();
    CanaryStatus withdrawn = null;
    TrafficTarget traffic = null;
    if (stable != null && canary != null && canary.step() > 0) {
      // An incident: nothing can say whether the candidate is healthy (its analysis may be what
      // is invalid), so it gets no traffic until the spec is fixed; its step starts again then.
      withdrawn = canary;
      d.status.setCanary(canary.atStep(canary.step(), canary.weight()));
      traffic = Rollbacks.backToStable(d, canary.version());
    }
    Sentence why =
        new Sentence.InvalidSpec(errors, stable == null ? null : stable.version(), withdrawn);
    if (d.entering(Phase.Invalid, Reason.InvalidSpec)
        || !why.text().equals(d.previous.getMessage())) {
      d.event(why);
    }
    // Otherwise no traffic target: an invalid spec must not disturb what serves.
    return new Outcome.Hold(Phase.Invalid, why, traffic);
  }

  private static boolean asksForStable(Draft d) {
    ServingVersion stable = d.status.getStable();
    return stable != null && stable.version().equals(d.spec.model().version());
  }

  /** The spec names the approved version (after a promotion, or a revert in git). */
  private static Outcome serveStable(Draft d) {
    ServingVersion stable = d.status.getStable();
    CanaryStatus withdrawn = d.status.getCanary();
    if (withdrawn != null && !withdrawn.version().equals(stable.version())) {
      d.event(new Sentence.CandidateWithdrawn(withdrawn.version(), stable.version()));
    }
    d.status.setCanary(null);
    Gates.evaluate(d);
    return Observation.decide(d);
  }

  /**
   * A rolled-back candidate stays rolled back until a retry names it; clearing the kill switch
   * alone resumes nothing. Empty when the release should proceed (a retry, or a new version).
   */
  private static Optional<Outcome> heldAfterRollback(Draft d) {
    RollbackRecord rollback = d.status.getLastRollback();
    String version = d.spec.model().version();
    if (d.previous.getPhase() != Phase.RolledBack
        || rollback == null
        || !version.equals(rollback.fromVersion())) {
      return Optional.empty();
    }
    Optional<String> retry = d.pendingRequest(ReleaseAnnotations.RETRY, version);
    if (retry.isPresent()) {
      d.acknowledge(ReleaseAnnotations.RETRY, retry.get());
      d.status.setCanary(CanaryStatus.awaiting(version, d.spec.canary().steps().size()));
      // A fresh canary is judged afresh: the failures that rolled it back stay in the rollback
      // record and the Event, not in the new run's count.
      d.status.setAnalysis(null);
      d.event(new Sentence.Retry(version, retry.get()));
      return Optional.empty();
    }
    Optional<String> usedRetry =
        d.annotations
            .request(ReleaseAnnotations.RETRY)
            .filter(value -> ReleaseAnnotations.names(value, version));
    return Optional.of(
        new Outcome.Hold(
            Phase.RolledBack,
            new Sentence.StillRolledBack(
                rollback,
                usedRetry,
                new Sentence.Next.TryAgain(version, Rollbacks.retryCommand(d, version))),
            Rollbacks.backToStable(d, version)));
  }

  /** The candidate's way to traffic: gates, then a full rollout or canary steps. */
  private static Outcome release(Draft d) {
    ModelSpec candidate = d.spec.model();
    CanaryStatus canary = d.status.getCanary();
    if (canary == null || !canary.version().equals(candidate.version())) {
      if (canary != null && canary.step() > 0) {
        d.event(new Sentence.CanaryRestarted(candidate.version(), canary.version()));
      }
      d.status.setCanary(
          CanaryStatus.awaiting(candidate.version(), d.spec.canary().steps().size()));
    }
    GateReport gates = Gates.evaluate(d);
    return d.status.getStable() == null
        ? FirstRollout.decide(d, gates)
        : CanaryProgress.decide(d, gates);
  }
}
