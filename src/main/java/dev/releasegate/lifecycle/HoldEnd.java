package dev.releasegate.lifecycle;

import dev.releasegate.api.GoDuration;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.Reason;
import java.time.Duration;
import java.util.Optional;

/**
 * How a canary step's hold ended, noted by the rule that moves the canary on, for the history.
 *
 * @param step the step as it stood then (its traffic may have come in force in that decision)
 * @param movedOn what let it move on, one of the {@link CanaryStepRecord} values
 * @param request the promote request that did, if one did
 */
record HoldEnd(CanaryStatus step, String movedOn, String request) {

  /**
   * What let the canary move on from a step: a promote request only when it cut a pause short or
   * ended a hold that had no pause (one written after the pause elapsed changed nothing); the
   * analysis when the step waited for healthy measurements after its hold.
   *
   * @param canary the step, in force
   * @param planned the plan's step
   * @param last whether it is the plan's last step
   * @param promote the promote request for this step, if there is one
   * @param analysed whether the step's metrics are measured
   */
  static HoldEnd of(
      Draft d,
      CanaryStatus canary,
      CanaryStep planned,
      boolean last,
      Optional<String> promote,
      boolean analysed) {
    Optional<Duration> pause = Optional.ofNullable(planned.pause()).flatMap(GoDuration::parse);
    if (promote.isPresent()
        && pause.isPresent()
        && d.now.isBefore(canary.stepStartedAt().plus(pause.get()))) {
      return new HoldEnd(canary, CanaryStepRecord.PAUSE_SKIPPED, promote.get());
    }
    if (promote.isPresent() && pause.isEmpty() && !last) {
      return new HoldEnd(canary, CanaryStepRecord.PROMOTE_REQUESTED, promote.get());
    }
    CanaryStatus before = d.previous.getCanary();
    if (analysed
        && Reason.AwaitingAnalysis.name().equals(d.previous.getReason())
        && before != null
        && before.step() == canary.step()) {
      return new HoldEnd(canary, CanaryStepRecord.ANALYSIS_PASSED, null);
    }
    return new HoldEnd(
        canary,
        pause.isPresent() ? CanaryStepRecord.PAUSE_ELAPSED : CanaryStepRecord.NO_PAUSE,
        null);
  }
}
