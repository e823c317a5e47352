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
import java.util.stream.Collectors;

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
      KillSwitchRule.apply(d, errors.isEmpty());
      if (d.traffic.isBlocked()) {
        BlockedRouting.afterRollback(d);
      }
    } else if (!errors.isEmpty()) {
      invalid(d, errors);
    } else if (d.traffic.isBlocked()) {
      BlockedRouting.apply(d);
    } else if (asksForStable(d)) {
      serveStable(d);
    } else if (!heldAfterRollback(d)) {
      release(d);
    }
    return d.finish();
  }

  /**
   * Decides for a release whose spec could not be read ({@link ModelRelease#unreadableSpec()}):
   * Invalid, saying which field and why, with nothing observed and nothing moved.
   */
  public Decision decideUnreadable(ModelRelease release, String problem, Instant now) {
    Draft d = new Draft(release, new Observations(TrafficState.NONE, Evidence.NONE), policy, now);
    UnreadableSpec.apply(d, problem);
    return d.finish();
  }

  private static void invalid(Draft d, List<FieldError> errors) {
    String serving =
        d.status.getStable() == null
            ? "Nothing was approved yet, so nothing is deployed."
            : "The serving version " + d.status.getStable().version() + " is left as it is.";
    CanaryStatus canary = d.status.getCanary();
    if (d.status.getStable() != null && canary != null && canary.step() > 0) {
      // An incident: nothing can say whether the candidate is healthy (its analysis may be what
      // is invalid), so it gets no traffic until the spec is fixed; its step starts again then.
      serving =
          canary.version()
              + " gets no traffic at step "
              + canary.step()
              + "/"
              + canary.steps()
              + " until the spec is fixed, and "
              + d.status.getStable().version()
              + " serves everything; then that step starts again.";
      d.status.setCanary(canary.atStep(canary.step(), canary.weight()));
      d.traffic(Rollbacks.backToStable(d, canary.version()));
    }
    String message =
        errors.stream().map(FieldError::toString).collect(Collectors.joining("; "))
            + ". "
            + serving
            + " Fix the spec to continue.";
    if (d.entering(Phase.Invalid, Reason.InvalidSpec) || !message.equals(d.previous.getMessage())) {
      d.event(ReleaseEvent.of(Reason.InvalidSpec, message));
    }
    d.phase(Phase.Invalid, Reason.InvalidSpec, message);
    // Otherwise no traffic target: an invalid spec must not disturb what serves.
  }

  private static boolean asksForStable(Draft d) {
    ServingVersion stable = d.status.getStable();
    return stable != null && stable.version().equals(d.spec.model().version());
  }

  /** The spec names the approved version (after a promotion, or a revert in git). */
  private static void serveStable(Draft d) {
    ServingVersion stable = d.status.getStable();
    CanaryStatus withdrawn = d.status.getCanary();
    if (withdrawn != null && !withdrawn.version().equals(stable.version())) {
      d.event(
          ReleaseEvent.of(
              Reason.CandidateWithdrawn,
              withdrawn.version()
                  + " is no longer asked for; "
                  + stable.version()
                  + " serves all traffic."));
    }
    d.status.setCanary(null);
    Gates.evaluate(d);
    Observation.apply(d);
  }

  /**
   * A rolled-back candidate stays rolled back until a retry names it; clearing the kill switch
   * alone resumes nothing. Returns false when the release should proceed (a retry, or a new
   * version).
   */
  private static boolean heldAfterRollback(Draft d) {
    RollbackRecord rollback = d.status.getLastRollback();
    String version = d.spec.model().version();
    if (d.previous.getPhase() != Phase.RolledBack
        || rollback == null
        || !version.equals(rollback.fromVersion())) {
      return false;
    }
    var retry = d.pendingRequest(ReleaseAnnotations.RETRY, version);
    if (retry.isPresent()) {
      d.acknowledge(ReleaseAnnotations.RETRY, retry.get());
      d.status.setCanary(CanaryStatus.awaiting(version, d.spec.canary().steps().size()));
      // A fresh canary is judged afresh: the failures that rolled it back stay in the rollback
      // record and the Event, not in the new run's count.
      d.status.setAnalysis(null);
      d.event(
          ReleaseEvent.of(
              Reason.Retry,
              "Retrying "
                  + version
                  + " from its first step, as "
                  + ReleaseAnnotations.asked(ReleaseAnnotations.RETRY, retry.get())
                  + " asks."));
      return false;
    }
    String unused =
        d.annotations
            .request(ReleaseAnnotations.RETRY)
            .filter(value -> ReleaseAnnotations.names(value, version))
            .map(
                value ->
                    " The retry already there ("
                        + value
                        + ") was written before this rollback or has been used, so it does not"
                        + " count again.")
            .orElse("");
    d.phase(
        Phase.RolledBack,
        Rollbacks.reason(rollback),
        Rollbacks.message(rollback) + unused + " " + Rollbacks.retryHint(d, version));
    d.traffic(Rollbacks.backToStable(d, version));
    return true;
  }

  /** The candidate's way to traffic: gates, then a full rollout or canary steps. */
  private static void release(Draft d) {
    ModelSpec candidate = d.spec.model();
    CanaryStatus canary = d.status.getCanary();
    if (canary == null || !canary.version().equals(candidate.version())) {
      if (canary != null && canary.step() > 0) {
        d.event(
            ReleaseEvent.of(
                Reason.CanaryRestarted,
                candidate.version()
                    + " replaced "
                    + canary.version()
                    + " mid-canary; "
                    + canary.version()
                    + " gets no more traffic and "
                    + candidate.version()
                    + " starts from its gates."));
      }
      d.status.setCanary(
          CanaryStatus.awaiting(candidate.version(), d.spec.canary().steps().size()));
    }
    GateReport gates = Gates.evaluate(d);
    if (d.status.getStable() == null) {
      FirstRollout.apply(d, gates);
    } else {
      CanaryProgress.apply(d, gates);
    }
  }
}
