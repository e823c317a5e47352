package dev.releasegate.lifecycle;

import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
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

  static Outcome decide(Draft d, GateReport gates) {
    String version = d.spec.model().version();
    List<CanaryStep> steps = d.spec.canary().steps();
    CanaryStatus canary = d.status.getCanary();

    if (!gates.openForTraffic()) {
      if (canary.step() > 0) {
        d.event(new Sentence.LostTraffic(version));
      }
      d.status.setCanary(CanaryStatus.awaiting(version, steps.size()));
      Sentence why =
          ChangeFreeze.holdingAlone(gates)
              .orElseGet(
                  () ->
                      new Sentence.AwaitingGates(
                          version, gates.shutReasons(true), Commands.signHints(d, gates)));
      return hold(d, Phase.AwaitingGates, why, 0);
    }
    if (canary.step() == 0 && canary.steps() != steps.size()) {
      canary = CanaryStatus.awaiting(version, steps.size());
      d.status.setCanary(canary);
    }
    if (canary.step() > 0 && !planned(canary, steps)) {
      // The same version under an edited plan: the step it was at, or the new last one, with
      // the weight the plan now gives it.
      return replan(d, gates, canary, steps);
    }
    if (canary.weight() >= 100 && !gates.openForPromotion()) {
      return stepBack(d, gates, canary, steps);
    }
    AnalysisRule.Verdict analysis = null;
    if (canary.step() > 0) {
      Optional<ActiveAnalysis> active =
          ActiveAnalysis.of(d.spec, ActiveAnalysis.CANARY, version, "canary");
      if (active.isPresent()) {
        analysis = AnalysisRule.apply(d, active.get());
        Optional<String> breach = analysis.rollbackCause();
        if (breach.isPresent()) {
          return new Outcome.RollBackCandidate(
              Reason.AnalysisFailed, version, breach.get(), Outcome.Advice.TRY_AGAIN);
        }
        analysis.nextDue().ifPresent(due -> d.requeueAfter(Duration.between(d.now, due)));
      }
    }
    if (d.annotations.paused()) {
      return hold(
          d,
          Phase.Paused,
          new Sentence.Paused(
              d.annotations.pause().orElseThrow(),
              canary,
              Commands.turnOff(d, ReleaseAnnotations.PAUSE)),
          Rehearsal.heldWeight(d, canary).orElse(canary.weight()));
    }
    if (canary.step() == 0) {
      return enterStep(d, gates, 1);
    }
    if (Rehearsal.underWay(d, canary)) {
      // Traffic is where the rehearsal put it, not at the step's weight: the rehearsal decides.
      if (!gates.openForPromotion()) {
        d.status.setRehearsal(null);
        return awaitPromotionGates(d, gates, canary);
      }
      return Rehearsal.decide(d, canary, gates);
    }
    if (analysis != null && analysis.errorHold().isPresent()) {
      return hold(
          d,
          Phase.Paused,
          new Sentence.AnalysisError(canary, analysis.errorHold().get()),
          canary.weight());
    }
    if (!d.traffic.inForce(version, canary.weight())) {
      return hold(d, Phase.Progressing, new Sentence.ShiftingTraffic(canary), canary.weight());
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
    Optional<Outcome> holding = stepHold(d, canary, step, last, skip.isPresent());
    if (holding.isPresent()) {
      return holding.get();
    }
    if (analysis != null && !analysis.healthySince(canary.stepStartedAt())) {
      return hold(
          d,
          Phase.Progressing,
          new Sentence.AwaitingAnalysis(canary, analysis.waitingFor(canary.stepStartedAt())),
          canary.weight());
    }
    // A promote request is used up only when the canary really moves on; held by a gate, it waits.
    if (!last) {
      if (awaitsPromotionGates(d, gates, canary.step() + 1)) {
        return awaitPromotionGates(d, gates, canary);
      }
      Outcome next = enterStep(d, gates, canary.step() + 1);
      skip.ifPresent(value -> skipped(d, current, value));
      d.holdEnded(HoldEnd.of(d, current, step, last, skip, analysis != null));
      return next;
    }
    if (!gates.openForPromotion()) {
      return awaitPromotionGates(d, gates, canary);
    }
    skip.ifPresent(value -> skipped(d, current, value));
    d.holdEnded(HoldEnd.of(d, current, step, last, skip, analysis != null));
    return Rehearsal.required(d.spec, d.policy.requirements(d.spec))
        ? Rehearsal.decide(d, canary, gates)
        : new Outcome.Promote(gates);
  }

  private static boolean planned(CanaryStatus canary, List<CanaryStep> steps) {
    return canary.steps() == steps.size()
        && canary.step() <= steps.size()
        && canary.weight() == steps.get(canary.step() - 1).weight();
  }

  private static Outcome replan(
      Draft d, GateReport gates, CanaryStatus canary, List<CanaryStep> steps) {
    int step = Math.min(canary.step(), steps.size());
    d.stepEnded(CanaryStepRecord.REPLANNED);
    d.status.setCanary(canary.replanned(steps.size(), step, canary.weight()));
    d.status.setRehearsal(null);
    d.event(new Sentence.Replanned(canary.version(), steps.size(), step));
    return enterStep(d, gates, step);
  }

  /**
   * All traffic needs every promotion gate. One shut again (a sign-off withdrawn, or given to
   * another version) takes the candidate back to the step before, or to none.
   */
  private static Outcome stepBack(
      Draft d, GateReport gates, CanaryStatus canary, List<CanaryStep> steps) {
    int back = canary.step() - 1;
    while (back > 0 && steps.get(back - 1).weight() >= 100) {
      back--;
    }
    int weight = back == 0 ? 0 : steps.get(back - 1).weight();
    d.status.setRehearsal(null);
    d.status.setCanary(canary.atStep(back, weight));
    Sentence why =
        new Sentence.SteppedBack(
            canary.version(),
            back,
            canary.steps(),
            weight,
            gates.shutReasons(false),
            Commands.signHints(d, gates));
    d.event(Reason.GateClosed, why);
    return hold(d, Phase.Paused, why, weight);
  }

  private static void skipped(Draft d, CanaryStatus canary, String request) {
    d.acknowledge(ReleaseAnnotations.PROMOTE, request);
    d.event(new Sentence.PauseSkipped(canary, request));
  }

  /**
   * Moves to a step, unless it would give the candidate all traffic before promotion's gates: then
   * the canary stays where it is, waiting for them.
   */
  private static Outcome enterStep(Draft d, GateReport gates, int number) {
    if (awaitsPromotionGates(d, gates, number)) {
      return awaitPromotionGates(d, gates, d.status.getCanary());
    }
    CanaryStep step = d.spec.canary().steps().get(number - 1);
    CanaryStatus next = d.status.getCanary().atStep(number, step.weight());
    d.status.setCanary(next);
    d.event(new Sentence.CanaryStep(next, false));
    return hold(d, Phase.Progressing, new Sentence.CanaryStep(next, true), step.weight());
  }

  /** Whether this step would give the candidate all traffic before promotion's gates pass. */
  private static boolean awaitsPromotionGates(Draft d, GateReport gates, int number) {
    return d.spec.canary().steps().get(number - 1).weight() == 100 && !gates.openForPromotion();
  }

  /**
   * The current step's hold, while its pause has not passed and no promote request for this version
   * and step skips it: empty when it is over.
   */
  private static Optional<Outcome> stepHold(
      Draft d, CanaryStatus canary, CanaryStep step, boolean last, boolean promoted) {
    Optional<Duration> pause = Optional.ofNullable(step.pause()).flatMap(GoDuration::parse);
    Instant due = pause.map(p -> canary.stepStartedAt().plus(p)).orElse(null);
    if (promoted || (pause.isEmpty() ? last : !d.now.isBefore(due))) {
      return Optional.empty();
    }
    if (due != null) {
      d.requeueAfter(Duration.between(d.now, due));
    }
    Sentence why =
        new Sentence.StepHold(
            canary, d.traffic.detail(), due, unusedPromote(d, canary), promoteCommand(d, canary));
    return Optional.of(
        hold(d, due == null ? Phase.Paused : Phase.Progressing, why, canary.weight()));
  }

  /**
   * A promote request that is there, was not acted on, and does nothing at this step: it names
   * another version or another step, or cannot be read.
   */
  private static Optional<String> unusedPromote(Draft d, CanaryStatus canary) {
    return d.annotations
        .request(ReleaseAnnotations.PROMOTE)
        .filter(value -> !value.equals(d.status.getAcknowledged().get(ReleaseAnnotations.PROMOTE)))
        .filter(
            value ->
                !ReleaseAnnotations.names(value, canary.version())
                    || !ReleaseAnnotations.namesStep(value, canary.step()));
  }

  /**
   * The command that skips this step's hold. It names the step, so the same command printed at the
   * next step differs and is not taken for one already used, and it overwrites the request left
   * from an earlier step.
   */
  private static String promoteCommand(Draft d, CanaryStatus canary) {
    String request = "version=" + canary.version() + "; step=" + canary.step();
    return Commands.freshRequest(d, ReleaseAnnotations.PROMOTE, request);
  }

  private static Outcome awaitPromotionGates(Draft d, GateReport gates, CanaryStatus canary) {
    return hold(
        d,
        Phase.Paused,
        new Sentence.AwaitingPromotionGates(
            canary, gates.shutReasons(false), Commands.signHints(d, gates)),
        canary.weight());
  }

  /** Holds in this phase with the candidate at {@code weight} beside the approved version. */
  private static Outcome hold(Draft d, Phase phase, Sentence why, int weight) {
    return new Outcome.Hold(phase, why, d.candidateAt(weight));
  }
}
