package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.analysis.Measurement;
import dev.releasegate.analysis.MetricQuery;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The canary's alert thresholds: measured each interval, a breach rolls back within one. */
class AnalysisTest {
  static final String UNSAFE_QUERY =
      "sum(rate(model_unsafe_outputs_total{release=\"{{name}}\",track=\"{{track}}\"}[5m]))";

  static AnalysisMetric unsafe(
      Double max, Integer failureLimit, String onNoData, String onError, String during) {
    return new AnalysisMetric(
        "unsafe-output-rate",
        null,
        UNSAFE_QUERY,
        null,
        max,
        null,
        failureLimit,
        null,
        onNoData,
        onError,
        during,
        null);
  }

  static ModelReleaseSpec withAnalysis(String version, AnalysisMetric... metrics) {
    return withAnalysis(
        Releases.spec(
            version,
            List.of(
                new CanaryStep(25, "10m"), new CanaryStep(50, "10m"), new CanaryStep(100, null))),
        metrics);
  }

  /** The spec watching these metrics every minute. */
  static ModelReleaseSpec withAnalysis(ModelReleaseSpec spec, AnalysisMetric... metrics) {
    return spec.withAnalysis(
        new AnalysisSpec("1m", new PrometheusProvider("http://prometheus:9090"), List.of(metrics)));
  }

  /** 1.0.0 approved; 1.1.0 signed and at its first step, measured by {@code metrics}. */
  static LifecycleWalk canaryWith(
      Function<MetricQuery, Measurement> metrics, AnalysisMetric... analysis) {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(withAnalysis("1.1.0", analysis));
    walk.metrics = metrics;
    walk.signAll("1.1.0");
    walk.settle();
    return walk;
  }

  static Function<MetricQuery, Measurement> always(double value) {
    return q -> Measurement.value(q, value);
  }

  private static MetricStatus metric(LifecycleWalk walk) {
    return walk.release.getStatus().getAnalysis().metrics().get(0);
  }

  @Test
  void healthyMeasurementsLetEveryStepAdvanceAndAreRecorded() {
    LifecycleWalk walk = canaryWith(always(0.01), unsafe(0.02, 0, null, null, null));
    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.measured)
        .extracting(MetricQuery::query)
        .contains(
            "sum(rate(model_unsafe_outputs_total{release=\"assistant\",track=\"canary\"}[5m]))");

    for (int minute = 0; minute < 25; minute++) {
      walk.advance(Duration.ofMinutes(1));
      walk.settle();
    }

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");
    var history = walk.packetRecords.get(walk.packetRecords.size() - 1);
    assertThat(history.model().version()).isEqualTo("1.1.0");
  }

  @Test
  void theAnalysisIsMeasuredOncePerIntervalAndKeptInStatus() {
    LifecycleWalk walk = canaryWith(always(0.01), unsafe(0.02, 0, null, null, null));
    int afterFirst = walk.measured.size();

    walk.advance(Duration.ofSeconds(30));
    walk.settle();
    assertThat(walk.measured).as("not due before its interval").hasSize(afterFirst);

    walk.advance(Duration.ofSeconds(30));
    walk.settle();
    assertThat(walk.measured).hasSize(afterFirst + 1);
    MetricStatus status = metric(walk);
    assertThat(status.lastValue()).isEqualTo(0.01);
    assertThat(status.threshold()).isEqualTo("<= 0.02");
    assertThat(status.lastResult()).isEqualTo("Success");
    assertThat(status.successes()).isEqualTo(afterFirst + 1);
    assertThat(status.measuredAt()).isEqualTo(walk.now);
    assertThat(walk.last.requeueAfter())
        .hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(1)));
  }

  @Test
  void aBreachRollsBackInTheReconcileThatMeasuresItNamingMetricValueThresholdAndQuery() {
    LifecycleWalk walk = canaryWith(always(0.01), unsafe(0.02, 0, null, null, null));
    walk.metrics = always(0.041);
    walk.advance(Duration.ofMinutes(1));

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getReason()).isEqualTo("AnalysisFailed");
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.status().getMessage())
        .contains(
            "unsafe-output-rate = 0.041",
            "<= 0.02",
            "model_unsafe_outputs_total",
            Printed.command(ReleaseAnnotations.RETRY, "version=1.1.0"));
    assertThat(decision.events())
        .extracting(ReleaseEvent::reason)
        .containsExactly("AnalysisFailed");
  }

  @Test
  void failuresWithinTheLimitAreToleratedAndOneMoreRollsBack() {
    LifecycleWalk walk = canaryWith(always(0.05), unsafe(0.02, 2, null, null, null));
    assertThat(metric(walk).failures()).isEqualTo(1);
    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.phase()).isNotEqualTo(Phase.RolledBack);
    assertThat(metric(walk).failures()).isEqualTo(2);

    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void anyUnauthorizedActionRollsBackOnTheFirstMeasurementAboveZero() {
    AnalysisMetric unauthorized =
        new AnalysisMetric(
            "unauthorized-actions",
            null,
            "sum(tool_unauthorized_total)",
            null,
            0.0,
            null,
            0,
            null,
            null,
            null,
            null,
            null);
    LifecycleWalk walk = canaryWith(always(0), unauthorized);
    assertThat(metric(walk).lastResult()).as("0 is within max 0").isEqualTo("Success");

    walk.metrics = always(1);
    walk.advance(Duration.ofMinutes(1));
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void boundaryValuesAreHealthy() {
    AnalysisMetric drift =
        new AnalysisMetric("accuracy", null, "q", null, 1.0, 0.9, 0, null, null, null, null, null);
    LifecycleWalk walk = canaryWith(always(0.9), drift);
    assertThat(metric(walk).lastResult()).isEqualTo("Success");
    assertThat(metric(walk).threshold()).isEqualTo("0.9..1");
    walk.metrics = always(0.8999);
    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void noDataHoldsTheStepInsteadOfPassingIt() {
    LifecycleWalk walk =
        canaryWith(
            q -> Measurement.noData(q, "the query returned no series"),
            unsafe(0.02, 0, null, null, null));

    for (int minute = 0; minute < 15; minute++) {
      walk.advance(Duration.ofMinutes(1));
      walk.settle();
    }

    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingAnalysis");
    assertThat(walk.release.getStatus().getMessage()).contains("unsafe-output-rate has no data");
    assertThat(metric(walk).failures()).isZero();

    walk.metrics = always(0.0);
    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  @Test
  void noDataCanBeAFailureOrAPassWhenTheMetricSaysSo() {
    LifecycleWalk failing =
        canaryWith(q -> Measurement.noData(q, "NaN"), unsafe(0.02, 0, "fail", null, null));
    assertThat(failing.phase()).isEqualTo(Phase.RolledBack);

    LifecycleWalk passing =
        canaryWith(q -> Measurement.noData(q, "NaN"), unsafe(0.02, 0, "pass", null, null));
    passing.advance(Duration.ofMinutes(10));
    passing.settle();
    assertThat(passing.canary().step()).isEqualTo(2);
  }

  @Test
  void queryErrorsHoldTheReleaseAfterTheirLimitAndAnAnswerResumesIt() {
    LifecycleWalk walk =
        canaryWith(
            q -> Measurement.error(q, "connection refused"), unsafe(0.02, 0, null, null, null));
    for (int minute = 0; minute < 3; minute++) {
      walk.advance(Duration.ofMinutes(1));
      walk.settle();
    }
    assertThat(walk.phase()).isEqualTo(Phase.Paused);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AnalysisError");
    assertThat(walk.release.getStatus().getMessage())
        .contains("failed 4 queries in a row", "connection refused");
    assertThat(walk.release.getStatus().getConditions())
        .anySatisfy(
            c ->
                assertThat(c.type() + "=" + c.status() + "/" + c.reason())
                    .isEqualTo("Reconciling=True/AnalysisError"));

    walk.metrics = always(0.0);
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  @Test
  void queryErrorsRollBackWhenTheMetricSaysSo() {
    LifecycleWalk walk =
        canaryWith(q -> Measurement.error(q, "503"), unsafe(0.02, 0, null, "rollback", null));
    for (int minute = 0; minute < 3; minute++) {
      walk.advance(Duration.ofMinutes(1));
      walk.settle();
    }
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(walk.release.getStatus().getLastRollback().trigger())
        .contains("failed 4 queries in a row");
  }

  @Test
  void aStepAdvancesOnlyOnMeasurementsTakenSinceItsTrafficWasInForce() {
    LifecycleWalk walk = canaryWith(always(0.01), unsafe(0.02, 0, null, null, null));
    var analysisBefore = walk.release.getStatus().getAnalysis();
    assertThat(analysisBefore.metrics().get(0).measuredAt())
        .isEqualTo(walk.canary().stepStartedAt());

    walk.metrics = q -> Measurement.noData(q, "scrape stopped");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().step()).as("the last answer was no data").isEqualTo(1);
  }

  @Test
  void aRetriedCanaryStartsItsAnalysisAfreshAndMeasuresEachStepOnceItIsInForce() {
    LifecycleWalk walk = canaryWith(always(0.041), unsafe(0.02, 0, null, null, null));
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);

    // The cause is fixed; a healthy candidate is retried and must not inherit the failure.
    walk.metrics = always(0.01);
    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(metric(walk).failures()).isZero();
    assertThat(metric(walk).measuredAt())
        .as("measured once the retried step's traffic was in force")
        .isAfterOrEqualTo(walk.canary().stepStartedAt());

    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=1");
    walk.settle();
    assertThat(walk.canary().step()).as("skipped without waiting an interval").isEqualTo(2);
  }
}
