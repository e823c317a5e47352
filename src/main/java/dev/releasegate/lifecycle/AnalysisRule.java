package dev.releasegate.lifecycle;

import dev.releasegate.analysis.ActiveAnalysis;
import dev.releasegate.analysis.AnalysisPlan;
import dev.releasegate.analysis.Measurement;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisStatus;
import dev.releasegate.api.v1alpha1.ErrorPolicy;
import dev.releasegate.api.v1alpha1.MetricResult;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.NoDataPolicy;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds this reconcile's measurements into the active analysis and says what they mean: a breach
 * past a metric's failure limit (roll back), query errors past their limit (hold, or roll back when
 * the metric says so), or whether every metric is healthy since a moment (a step may advance). No
 * data is never a success unless the metric says so.
 */
final class AnalysisRule {
  static final int DEFAULT_ERROR_LIMIT = 3;

  /** What the analysis says now. */
  record Verdict(
      AnalysisStatus status,
      Optional<String> breach,
      Optional<String> errorHold,
      boolean errorRollback,
      List<String> notHealthy,
      Optional<Instant> nextDue) {

    /**
     * Why the analysis rolls back, if it does: a breach past its failure limit, or errors of a
     * metric that says to roll back on them.
     */
    Optional<String> rollbackCause() {
      return breach.or(() -> errorRollback ? errorHold : Optional.empty());
    }

    /** Whether every metric's last measurement, taken at or after {@code since}, is healthy. */
    boolean healthySince(Instant since) {
      return notHealthy.isEmpty()
          && status.metrics().stream()
              .allMatch(m -> m.measuredAt() != null && !m.measuredAt().isBefore(since));
    }

    /** What a step that waits for its analysis is waiting for. */
    String waitingFor(Instant since) {
      List<String> waiting = new ArrayList<>(notHealthy);
      status.metrics().stream()
          .filter(m -> m.measuredAt() == null || m.measuredAt().isBefore(since))
          .forEach(
              m ->
                  waiting.add(
                      m.name() + " has not been measured since the step's traffic was in force"));
      return String.join("; ", waiting);
    }
  }

  /**
   * One measurement folded in this decision, as the canary history counts it.
   *
   * @param failed whether it counted as a failure (outside the threshold, or no data with onNoData
   *     fail)
   */
  record Reading(
      String version,
      String window,
      AnalysisMetric metric,
      MetricResult result,
      Double value,
      boolean failed) {

    static Reading of(
        ActiveAnalysis active, AnalysisMetric metric, MetricStatus before, MetricStatus after) {
      int failuresBefore = before == null ? 0 : before.failures();
      return new Reading(
          active.version(),
          active.window(),
          metric,
          MetricResult.of(after.lastResult()).orElse(MetricResult.Error),
          after.lastValue(),
          after.failures() > failuresBefore);
    }
  }

  private AnalysisRule() {}

  /** Applies the measurements for the analysis and records the result in the draft's status. */
  static Verdict apply(Draft d, ActiveAnalysis active) {
    AnalysisStatus previous = d.status.getAnalysis();
    boolean continues =
        previous != null
            && previous.version().equals(active.version())
            && previous.during().equals(active.window());
    List<MetricStatus> metrics = new ArrayList<>();
    Optional<String> breach = Optional.empty();
    Optional<String> errorHold = Optional.empty();
    boolean errorRollback = false;
    List<String> notHealthy = new ArrayList<>();
    Instant nextDue = null;
    for (AnalysisMetric metric : active.metrics()) {
      MetricStatus before = continues ? find(previous, metric.name()) : null;
      Optional<MetricStatus> folded =
          measurement(d, active, metric).map(m -> fold(metric, before, m, d.now));
      folded.ifPresent(now -> d.readings.add(Reading.of(active, metric, before, now)));
      MetricStatus after = folded.orElse(before);
      if (after == null) {
        after =
            new MetricStatus(metric.name(), null, threshold(metric), null, 0, 0, 0, 0, null, null);
      }
      metrics.add(after);
      int failureLimit = metric.failureLimit() == null ? 0 : metric.failureLimit();
      if (breach.isEmpty() && after.failures() > failureLimit) {
        breach =
            Optional.of(
                describeBreach(metric, after, failureLimit, measurement(d, active, metric)));
      }
      int errorLimit =
          metric.consecutiveErrorLimit() == null
              ? DEFAULT_ERROR_LIMIT
              : metric.consecutiveErrorLimit();
      if (errorHold.isEmpty() && after.consecutiveErrors() > errorLimit) {
        errorHold =
            Optional.of(
                metric.name()
                    + " failed "
                    + after.consecutiveErrors()
                    + " queries in a row (limit "
                    + errorLimit
                    + "; last: "
                    + after.lastError()
                    + ")");
        errorRollback =
            ErrorPolicy.parse(metric.onError()).orElse(ErrorPolicy.hold) == ErrorPolicy.rollback;
      }
      healthProblem(metric, after).ifPresent(notHealthy::add);
      // A measurement already due was started by this reconcile and wakes the release when it
      // is in: only a later one needs a requeue.
      Instant due =
          AnalysisPlan.dueAt(
              d.release,
              AnalysisPlan.windowStart(d.status, active),
              active,
              metric,
              after.measuredAt());
      if (due.isAfter(d.now)) {
        nextDue = nextDue == null || due.isBefore(nextDue) ? due : nextDue;
      }
    }
    AnalysisStatus status =
        new AnalysisStatus(
            active.version(),
            active.window(),
            continues ? previous.startedAt() : d.now,
            List.copyOf(metrics));
    d.status.setAnalysis(status);
    return new Verdict(
        status, breach, errorHold, errorRollback, notHealthy, Optional.ofNullable(nextDue));
  }

  private static Optional<Measurement> measurement(
      Draft d, ActiveAnalysis active, AnalysisMetric metric) {
    return d.measurements.stream()
        .filter(m -> m.query().metric().equals(metric.name()))
        .filter(
            m ->
                m.query().version().equals(active.version())
                    && m.query().window().equals(active.window()))
        .findFirst();
  }

  private static MetricStatus fold(
      AnalysisMetric metric, MetricStatus before, Measurement m, Instant at) {
    int successes = before == null ? 0 : before.successes();
    int failures = before == null ? 0 : before.failures();
    int noData = before == null ? 0 : before.noData();
    int errors = before == null ? 0 : before.consecutiveErrors();
    String lastError = before == null ? null : before.lastError();
    Double value = null;
    MetricResult result;
    switch (m.kind()) {
      case VALUE -> {
        value = m.value();
        boolean healthy = within(metric, value);
        result = healthy ? MetricResult.Success : MetricResult.Failure;
        successes += healthy ? 1 : 0;
        failures += healthy ? 0 : 1;
        errors = 0;
      }
      case NO_DATA -> {
        result = MetricResult.NoData;
        noData++;
        errors = 0;
        NoDataPolicy policy = NoDataPolicy.parse(metric.onNoData()).orElse(NoDataPolicy.hold);
        successes += policy == NoDataPolicy.pass ? 1 : 0;
        failures += policy == NoDataPolicy.fail ? 1 : 0;
        lastError = m.detail();
      }
      default -> {
        result = MetricResult.Error;
        errors++;
        lastError = m.detail();
      }
    }
    return new MetricStatus(
        metric.name(),
        value,
        threshold(metric),
        result.name(),
        successes,
        failures,
        noData,
        errors,
        lastError,
        at);
  }

  private static Optional<String> healthProblem(AnalysisMetric metric, MetricStatus status) {
    if (status.lastResult() == null) {
      return Optional.empty(); // Not measured yet: healthySince says so.
    }
    return switch (MetricResult.of(status.lastResult()).orElse(MetricResult.Failure)) {
      case Success -> Optional.empty();
      case NoData ->
          NoDataPolicy.parse(metric.onNoData()).orElse(NoDataPolicy.hold) == NoDataPolicy.pass
              ? Optional.empty()
              : Optional.of(
                  metric.name() + " has no data (" + status.lastError() + "; onNoData: hold)");
      case Error ->
          Optional.of(metric.name() + " could not be measured (" + status.lastError() + ")");
      case Failure ->
          Optional.of(
              metric.name()
                  + " = "
                  + format(status.lastValue())
                  + " is outside "
                  + status.threshold());
    };
  }

  static boolean within(AnalysisMetric metric, double value) {
    return (metric.max() == null || value <= metric.max())
        && (metric.min() == null || value >= metric.min());
  }

  /**
   * How far a value lies past the metric's threshold: positive outside, negative inside, so the
   * larger of two values' results is the worse value.
   */
  static double beyondThreshold(AnalysisMetric metric, double value) {
    double beyond = Double.NEGATIVE_INFINITY;
    if (metric.max() != null) {
      beyond = value - metric.max();
    }
    if (metric.min() != null) {
      beyond = Math.max(beyond, metric.min() - value);
    }
    return beyond;
  }

  static String threshold(AnalysisMetric metric) {
    if (metric.min() != null && metric.max() != null) {
      return format(metric.min()) + ".." + format(metric.max());
    }
    if (metric.max() != null) {
      return "<= " + format(metric.max());
    }
    return metric.min() != null ? ">= " + format(metric.min()) : "any value";
  }

  private static String describeBreach(
      AnalysisMetric metric, MetricStatus status, int limit, Optional<Measurement> last) {
    String value = status.lastValue() == null ? "no data" : format(status.lastValue());
    String query = last.map(m -> m.query().query()).orElse(metric.query());
    return metric.name()
        + " = "
        + value
        + ", outside "
        + status.threshold()
        + ", "
        + status.failures()
        + (status.failures() == 1 ? " failed measurement" : " failed measurements")
        + " (limit "
        + limit
        + "); query: "
        + query;
  }

  /** Four significant digits, no trailing zeros: 0.02, 0.041, 1, 850. */
  static String format(Double value) {
    if (value == null) {
      return "none";
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static MetricStatus find(AnalysisStatus status, String name) {
    return status.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }
}
