package dev.releasegate.lifecycle;

import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.gate.GateReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A later version's canary: no traffic until the pre-traffic gates pass, then each step's weight,
 * held for the step's pause once it is in force, and promotion after the last step once the
 * promotion gates pass too.
 */
final class CanaryProgress {

  private CanaryProgress() {}

  static void apply(Draft d, GateReport gates) {
    ModelSpec candidate = d.spec.model();
    String version = candidate.version();
    List<CanaryStep> steps = d.spec.canary().steps();
    CanaryStatus canary = d.status.getCanary();

    if (!gates.openForTraffic()) {
      if (canary.step() > 0) {
        d.event(
            ReleaseEvent.of(
                Reason.GateClosed,
                version + " lost its traffic: a gate it had passed is shut again."));
      }
      d.status.setCanary(CanaryStatus.awaiting(version, steps.size()));
      if (!ChangeFreeze.holdsAlone(d, gates)) {
        d.phase(
            Phase.AwaitingGates,
            Reason.AwaitingGates,
            version
                + " gets no traffic until its gates pass. "
                + gates.shutReasons(true)
                + Commands.signHints(d, gates));
      }
      target(d, 0);
      return;
    }
    if (canary.step() == 0 && canary.steps() != steps.size()) {
      canary = CanaryStatus.awaiting(version, steps.size());
      d.status.setCanary(canary);
    }
    if (canary.step() > 0 && !planned(canary, steps)) {
      // The same version under an edited plan: the step it was at, or the new last one, with
      // the weight the plan now gives it.
      replan(d, gates, canary, steps);
      return;
    }
    if (canary.weight() >= 100 && !gates.openForPromotion()) {
      stepBack(d, gates, canary, steps);
      return;
    }
    AnalysisRule.Verdict analysis = null;
    if (canary.step() > 0) {
      Optional<ActiveAnalysis> active =
          ActiveAnalysis.of(d.spec, ActiveAnalysis.CANARY, version, "canary");
      if (active.isPresent()) {
        analysis = AnalysisRule.apply(d, active.get());
        if (rolledBackByAnalysis(d, version, analysis)) {
          return;
        }
        analysis.nextDue().ifPresent(due -> d.requeueAfter(Duration.between(d.now, due)));
      }
    }
    if (d.annotations.paused()) {
      d.phase(
          Phase.Paused,
          Reason.PauseAnnotation,
          "Paused by "
              + ReleaseAnnotations.asked(ReleaseAnnotations.PAUSE, d.annotations.pause().get())
              + " at "
              + where(canary)
              + "; to continue: "
              + Commands.turnOff(d, ReleaseAnnotations.PAUSE));
      target(d, Rehearsal.heldWeight(d, canary).orElse(canary.weight()));
      return;
    }
    if (canary.step() == 0) {
      enterStep(d, gates, 1);
      return;
    }
    if (Rehearsal.underWay(d, canary)) {
      // Traffic is where the rehearsal put it, not at the step's weight: the rehearsal decides.
      if (!gates.openForPromotion()) {
        d.status.setRehearsal(null);
        awaitPromotionGates(d, gates, canary);
      } else if (Rehearsal.advance(d, canary)) {
        Promotion.apply(d, gates);
      }
      return;
    }
    if (analysis != null && analysis.errorHold().isPresent()) {
      d.phase(
          Phase.Paused,
          Reason.AnalysisError,
          where(canary)
              + ": holding at "
              + canary.weight()
              + "% because "
              + analysis.errorHold().get()
              + ". The canary resumes when the metric can be measured again.");
      target(d, canary.weight());
      return;
    }
    if (!d.traffic.inForce(version, canary.weight())) {
      d.phase(
          Phase.Progressing,
          Reason.ShiftingTraffic,
          where(canary) + ": shifting traffic to " + version + "; waiting for it to be in force.");
      target(d, canary.weight());
      return;
    }
    if (canary.stepStartedAt() == null
        || canary.effectiveWeight() == null
        || canary.effectiveWeight() != d.traffic.effectiveWeight()) {
      Instant since = canary.stepStartedAt() == null ? d.now : canary.stepStartedAt();
      if (analysis != null && canary.stepStartedAt() == null) {
        // The step's own traffic is measured at once: look again as soon as this is written.
        d.requeueAfter(Duration.ZERO);
      }
      canary = canary.inForceSince(since, d.traffic.effectiveWeight());
      d.status.setCanary(canary);
    }
    CanaryStep step = steps.get(canary.step() - 1);
    boolean last = canary.step() == steps.size();
    CanaryStatus current = canary;
    Optional<String> skip =
        d.pendingRequest(ReleaseAnnotations.PROMOTE, canary.version())
            .filter(value -> ReleaseAnnotations.namesStep(value, current.step()));
    if (!pauseOver(d, canary, step, last, skip.isPresent())) {
      return;
    }
    if (analysis != null && !analysis.healthySince(canary.stepStartedAt())) {
      d.phase(
          Phase.Progressing,
          Reason.AwaitingAnalysis,
          where(canary)
              + ": the hold is over; the step advances when its measurements are healthy: "
              + analysis.waitingFor(canary.stepStartedAt())
              + ".");
      target(d, canary.weight());
      return;
    }
    // A promote request is used up only when the canary really moves on; held by a gate, it waits.
    if (!last) {
      if (enterStep(d, gates, canary.step() + 1)) {
        skip.ifPresent(value -> skipped(d, current, value));
        d.holdEnded(HoldEnd.of(d, current, step, last, skip, analysis != null));
      }
    } else if (!gates.openForPromotion()) {
      awaitPromotionGates(d, gates, canary);
    } else {
      skip.ifPresent(value -> skipped(d, current, value));
      d.holdEnded(HoldEnd.of(d, current, step, last, skip, analysis != null));
      if (!Rehearsal.required(d.spec, d.policy.requirements(d.spec))
          || Rehearsal.advance(d, canary)) {
        Promotion.apply(d, gates);
      }
    }
  }

  private static boolean planned(CanaryStatus canary, List<CanaryStep> steps) {
    return canary.steps() == steps.size()
        && canary.step() <= steps.size()
        && canary.weight() == steps.get(canary.step() - 1).weight();
  }

  private static void replan(
      Draft d, GateReport gates, CanaryStatus canary, List<CanaryStep> steps) {
    int step = Math.min(canary.step(), steps.size());
    d.stepEnded(CanaryStepRecord.REPLANNED);
    d.status.setCanary(canary.replanned(steps.size(), step, canary.weight()));
    d.status.setRehearsal(null);
    d.event(
        ReleaseEvent.of(
            Reason.CanaryReplanned,
            canary.version()
                + "'s canary plan changed: "
                + steps.size()
                + " steps now; it goes on at step "
                + step
                + "."));
    enterStep(d, gates, step);
  }

  /**
   * All traffic needs every promotion gate. One shut again (a sign-off withdrawn, or given to
   * another version) takes the candidate back to the step before, or to none.
   */
  private static void stepBack(
      Draft d, GateReport gates, CanaryStatus canary, List<CanaryStep> steps) {
    int back = canary.step() - 1;
    while (back > 0 && steps.get(back - 1).weight() >= 100) {
      back--;
    }
    int weight = back == 0 ? 0 : steps.get(back - 1).weight();
    d.status.setRehearsal(null);
    d.status.setCanary(canary.atStep(back, weight));
    String message =
        canary.version()
            + " had all traffic before its promotion gates passed again: back to "
            + (back == 0
                ? "no traffic"
                : "step " + back + "/" + canary.steps() + " at " + weight + "%")
            + ". "
            + gates.shutReasons(false)
            + Commands.signHints(d, gates);
    d.event(ReleaseEvent.of(Reason.GateClosed, message));
    d.phase(Phase.Paused, Reason.AwaitingSignoffs, message);
    target(d, weight);
  }

  /** A breach past a failure limit, or errors a metric says to roll back on: back to stable now. */
  private static boolean rolledBackByAnalysis(
      Draft d, String version, AnalysisRule.Verdict analysis) {
    Optional<String> cause =
        analysis
            .breach()
            .or(() -> analysis.errorRollback() ? analysis.errorHold() : Optional.empty());
    cause.ifPresent(
        trigger ->
            Rollbacks.candidate(
                d, Reason.AnalysisFailed, version, trigger, () -> Rollbacks.retryHint(d, version)));
    return cause.isPresent();
  }

  private static void skipped(Draft d, CanaryStatus canary, String request) {
    d.acknowledge(ReleaseAnnotations.PROMOTE, request);
    d.event(
        ReleaseEvent.of(
            Reason.PauseSkipped,
            where(canary)
                + ": pause skipped by "
                + ReleaseAnnotations.asked(ReleaseAnnotations.PROMOTE, request)
                + "."));
  }

  /**
   * Moves to a step, unless it would give the candidate all traffic before promotion's gates.
   * Returns whether it moved.
   */
  private static boolean enterStep(Draft d, GateReport gates, int number) {
    CanaryStep step = d.spec.canary().steps().get(number - 1);
    CanaryStatus current = d.status.getCanary();
    if (step.weight() == 100 && !gates.openForPromotion()) {
      awaitPromotionGates(d, gates, current);
      return false;
    }
    CanaryStatus next = current.atStep(number, step.weight());
    d.status.setCanary(next);
    String message =
        where(next)
            + ": "
            + step.weight()
            + "% of traffic to "
            + next.version()
            + "; waiting for it to be in force.";
    d.phase(Phase.Progressing, Reason.ShiftingTraffic, message);
    d.event(
        ReleaseEvent.of(
            Reason.CanaryStep,
            where(next) + ": " + step.weight() + "% of traffic to " + next.version() + "."));
    target(d, step.weight());
    return true;
  }

  /**
   * Whether the current step's hold is over: its pause has passed, or a promote request for this
   * version skips it. Sets the waiting state and the requeue when it is not.
   */
  private static boolean pauseOver(
      Draft d, CanaryStatus canary, CanaryStep step, boolean last, boolean promoted) {
    Optional<Duration> pause = Optional.ofNullable(step.pause()).flatMap(GoDuration::parse);
    Instant due = pause.map(p -> canary.stepStartedAt().plus(p)).orElse(null);
    if (promoted || (pause.isEmpty() ? last : !d.now.isBefore(due))) {
      return true;
    }
    target(d, canary.weight());
    String served = servedShare(d, canary);
    if (due != null) {
      d.phase(
          Phase.Progressing,
          Reason.StepPause,
          where(canary)
              + ": "
              + served
              + " on "
              + canary.version()
              + " since "
              + Draft.time(canary.stepStartedAt())
              + "; next step at "
              + Draft.time(due)
              + "."
              + unusedPromote(d, canary)
              + " To skip the wait: "
              + promoteHint(d, canary));
      d.requeueAfter(Duration.between(d.now, due));
    } else {
      d.phase(
          Phase.Paused,
          Reason.AwaitingPromote,
          where(canary)
              + ": "
              + served
              + " on "
              + canary.version()
              + "; this step holds until promoted."
              + unusedPromote(d, canary)
              + " To promote it: "
              + promoteHint(d, canary));
    }
    return false;
  }

  /**
   * Why a promote request that is there, and was not acted on, does nothing at this step: it names
   * another version or another step, or cannot be read. Empty when there is none.
   */
  private static String unusedPromote(Draft d, CanaryStatus canary) {
    return d.annotations
        .request(ReleaseAnnotations.PROMOTE)
        .filter(value -> !value.equals(d.status.getAcknowledged().get(ReleaseAnnotations.PROMOTE)))
        .filter(
            value ->
                !ReleaseAnnotations.names(value, canary.version())
                    || !ReleaseAnnotations.namesStep(value, canary.step()))
        .map(
            value ->
                " "
                    + ReleaseAnnotations.PROMOTE
                    + "="
                    + value
                    + " does nothing here: this is step "
                    + canary.step()
                    + " of "
                    + canary.version()
                    + ", and a promote names both (version=...; step=N).")
        .orElse("");
  }

  /**
   * The command that skips this step's hold. It names the step, so the same command printed at the
   * next step differs and is not taken for one already used, and it overwrites the request left
   * from an earlier step.
   */
  private static String promoteHint(Draft d, CanaryStatus canary) {
    String request = "version=" + canary.version() + "; step=" + canary.step();
    return Commands.freshRequest(d, ReleaseAnnotations.PROMOTE, request);
  }

  private static void awaitPromotionGates(Draft d, GateReport gates, CanaryStatus canary) {
    d.phase(
        Phase.Paused,
        Reason.AwaitingSignoffs,
        where(canary)
            + ": "
            + canary.version()
            + " cannot get all traffic yet. "
            + gates.shutReasons(false)
            + Commands.signHints(d, gates));
    target(d, canary.weight());
  }

  static void target(Draft d, int weight) {
    ModelSpec stable = d.status.getStable().asModel(d.spec.model().name());
    d.traffic(new TrafficTarget(stable, d.spec.model(), weight, d.spec.replicasOrDefault()));
  }

  private static String where(CanaryStatus canary) {
    return "Step " + canary.step() + "/" + canary.steps();
  }

  private static String servedShare(Draft d, CanaryStatus canary) {
    String share = canary.weight() + "% of traffic";
    if (canary.effectiveWeight() != null && canary.effectiveWeight() != canary.weight()) {
      share += " (" + canary.effectiveWeight() + "% served";
      share += d.traffic.detail() == null ? ")" : ": " + d.traffic.detail() + ")";
    }
    return share;
  }
}
