package dev.releasegate.lifecycle;

import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.api.v1alpha1.CanaryHistory;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.MetricResult;
import dev.releasegate.api.v1alpha1.MetricSummary;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The canary's history as a decision leaves it, for status and the packet record. It is derived
 * from the history before, the canary step before and after the decision, and the little a rule
 * notes that the statuses cannot show (how a step's hold ended, a promotion, an edited plan): so a
 * step that changes for any reason is recorded, even by a rule that knows nothing of the history.
 * Pure: computed from the decision's inputs, it is the same however often it is asked for.
 */
final class StepRecords {
  /**
   * A text longer than this (a kill switch's reason, a query, a promote request) is cut: each of up
   * to 40 entries carries its own, and status must stay small.
   */
  static final int DETAIL_LIMIT = 300;

  private StepRecords() {}

  /** The history after this decision; empty for a first version, which has no canary. */
  static CanaryHistory of(Draft d) {
    CanaryHistory history = d.previous.getCanaryHistory();
    if (d.previous.getStable() == null) {
      return history; // A first version rolls out in full: no canary, nothing to record.
    }
    CanaryStatus canary = d.status.getCanary();
    if (canary != null && (history == null || !history.version().equals(canary.version()))) {
      history = CanaryHistory.start(canary.version());
    }
    if (history == null) {
      return null;
    }
    List<CanaryStepRecord> steps = new ArrayList<>(history.steps());
    CanaryStepRecord last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    if (last != null && last.endedAt() == null) {
      last = ended(d, history.version(), progressed(d, history.version(), last));
      steps.set(steps.size() - 1, last);
    }
    if ((last == null || last.endedAt() != null) && takesAStep(d, history.version())) {
      steps.add(entered(d, canary, last));
    }
    int dropped = Math.max(0, steps.size() - CanaryHistory.LIMIT);
    return new CanaryHistory(
        history.version(), steps.subList(dropped, steps.size()), history.dropped() + dropped);
  }

  /** Whether the decision leaves the candidate at a step with traffic asked for it. */
  private static boolean takesAStep(Draft d, String version) {
    CanaryStatus canary = d.status.getCanary();
    return canary != null
        && canary.version().equals(version)
        && canary.step() > 0
        && d.status.getPhase() != Phase.Invalid
        && !CanaryStepRecord.PROMOTED.equals(d.stepEnded());
  }

  /** A step the canary has just entered: a new entry, in the same run unless it went back. */
  private static CanaryStepRecord entered(Draft d, CanaryStatus canary, CanaryStepRecord before) {
    int run =
        before == null
            ? 1
            : CanaryStepRecord.NEXT_STEP.equals(before.ended()) ? before.run() : before.run() + 1;
    List<CanaryStep> plan = d.spec.canary().steps();
    String pause = canary.step() <= plan.size() ? plan.get(canary.step() - 1).pause() : null;
    boolean inForce = canary.stepStartedAt() != null;
    return new CanaryStepRecord(
        run,
        canary.step(),
        canary.weight(),
        pause,
        inForce ? canary.effectiveWeight() : null,
        canary.stepStartedAt(),
        null,
        null,
        null,
        null,
        null,
        null,
        List.of());
  }

  /**
   * The running step with what this decision saw of it: when its traffic came in force, the share
   * served, how its hold ended, and the measurements taken while it was in force.
   */
  private static CanaryStepRecord progressed(Draft d, String version, CanaryStepRecord step) {
    HoldEnd hold = d.holdEnded();
    CanaryStatus seen =
        hold != null && sameStep(hold.step(), version, step) ? hold.step() : d.status.getCanary();
    Instant inForceAt = step.inForceAt();
    Integer effectiveWeight = step.effectiveWeight();
    if (sameStep(seen, version, step) && seen.stepStartedAt() != null) {
      inForceAt = seen.stepStartedAt();
      effectiveWeight = seen.effectiveWeight();
    }
    boolean movesOn =
        hold != null && sameStep(hold.step(), version, step) && step.movedOn() == null;
    String request = movesOn ? Draft.quoted(hold.request()) : step.request();
    return new CanaryStepRecord(
        step.run(),
        step.step(),
        step.weight(),
        step.pause(),
        effectiveWeight,
        inForceAt,
        null,
        null,
        movesOn ? hold.movedOn() : step.movedOn(),
        request,
        movesOn && request != null ? Draft.quoted(by(hold.request())) : step.by(),
        null,
        inForceAt == null ? step.analysis() : measured(d, version, step.analysis()));
  }

  /** The step ended by this decision, if it was. */
  private static CanaryStepRecord ended(Draft d, String version, CanaryStepRecord step) {
    CanaryStatus canary = d.status.getCanary();
    String ended = null;
    String detail = null;
    if (d.stepEnded() != null) {
      ended = d.stepEnded();
    } else if (d.status.getPhase() == Phase.RolledBack) {
      ended = CanaryStepRecord.ROLLED_BACK;
      RollbackRecord rollback = d.status.getLastRollback();
      detail =
          rollback == null
              ? null
              : rollback.reason()
                  + ": "
                  + rollback.trigger()
                  + (rollback.by() == null ? "" : ", by " + rollback.by());
    } else if (canary == null || !canary.version().equals(version)) {
      ended = CanaryStepRecord.WITHDRAWN;
    } else if (canary.step() > step.step()) {
      ended = CanaryStepRecord.NEXT_STEP;
    } else if (!sameStep(canary, version, step)
        || d.status.getPhase() == Phase.Invalid
        || (step.inForceAt() != null && canary.stepStartedAt() == null)) {
      ended = CanaryStepRecord.INTERRUPTED;
      detail = d.status.getReason();
    }
    if (ended == null) {
      return step;
    }
    return new CanaryStepRecord(
        step.run(),
        step.step(),
        step.weight(),
        step.pause(),
        step.effectiveWeight(),
        step.inForceAt(),
        d.now,
        ended,
        step.movedOn(),
        step.request(),
        step.by(),
        Draft.quoted(detail),
        step.analysis());
  }

  private static boolean sameStep(CanaryStatus canary, String version, CanaryStepRecord step) {
    return canary != null
        && canary.version().equals(version)
        && canary.step() == step.step()
        && canary.weight() == step.weight();
  }

  /** Who a promote request says asked, or that it does not say. */
  private static String by(String request) {
    return ReleaseAnnotations.by(request).orElse(CanaryStepRecord.BY_NOT_KNOWN);
  }

  /** The step's metric summaries with this decision's canary measurements of the version added. */
  private static List<MetricSummary> measured(Draft d, String version, List<MetricSummary> before) {
    List<MetricSummary> metrics = new ArrayList<>(before);
    for (AnalysisRule.Reading reading : d.readings) {
      if (!ActiveAnalysis.CANARY.equals(reading.window()) || !version.equals(reading.version())) {
        continue;
      }
      String name = reading.metric().name();
      int at = 0;
      while (at < metrics.size() && !metrics.get(at).name().equals(name)) {
        at++;
      }
      MetricSummary summary =
          at < metrics.size()
              ? metrics.get(at)
              : new MetricSummary(name, AnalysisRule.threshold(reading.metric()), 0, 0, 0, 0, null);
      MetricSummary added = add(summary, reading);
      if (at < metrics.size()) {
        metrics.set(at, added);
      } else {
        metrics.add(added);
      }
    }
    return metrics;
  }

  private static MetricSummary add(MetricSummary summary, AnalysisRule.Reading reading) {
    if (reading.result() == MetricResult.Error) {
      return new MetricSummary(
          summary.name(),
          summary.threshold(),
          summary.measurements(),
          summary.breaches(),
          summary.noData(),
          summary.errors() + 1,
          summary.worstValue());
    }
    Double worst = summary.worstValue();
    if (reading.value() != null
        && (worst == null
            || AnalysisRule.beyondThreshold(reading.metric(), reading.value())
                > AnalysisRule.beyondThreshold(reading.metric(), worst))) {
      worst = reading.value();
    }
    return new MetricSummary(
        summary.name(),
        summary.threshold(),
        summary.measurements() + 1,
        summary.breaches() + (reading.failed() ? 1 : 0),
        summary.noData() + (reading.result() == MetricResult.NoData ? 1 : 0),
        summary.errors(),
        worst);
  }
}
