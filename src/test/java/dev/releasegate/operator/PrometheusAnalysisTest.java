package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.analysis.PrometheusTestbed;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis against a real Prometheus scraping a simulated model server whose unsafe output
 * ratio each test controls: a good canary promotes, a climbing ratio rolls back, a scrape that
 * stops holds.
 */
@Integration
class PrometheusAnalysisTest {
  private static PrometheusTestbed testbed;
  private static OperatorHarness h;

  @BeforeAll
  static void start() {
    testbed = PrometheusTestbed.start();
    h = new OperatorHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
    testbed.close();
  }

  private static ModelReleaseSpec spec(String version) {
    return spec(version, "3s");
  }

  private static ModelReleaseSpec spec(String version, String firstPause) {
    AnalysisMetric unsafe = PrometheusTestbed.unsafeOutputRate(null);
    ModelReleaseSpec spec =
        Releases.spec(version, List.of(new CanaryStep(50, firstPause), new CanaryStep(100, null)));
    return Releases.with(
        spec,
        "analysis",
        new AnalysisSpec(
            "1s", new PrometheusProvider(testbed.prometheusAddress()), List.of(unsafe)));
  }

  /** The release's first version approved, its second signed and at its first canary step. */
  private static void canaryOf(String name) {
    canaryOf(name, "3s");
  }

  private static void canaryOf(String name, String firstPause) {
    h.create(name, spec("1.0.0", firstPause));
    h.annotate(name, OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase(name, Phase.Promoted);
    h.setSpec(name, spec("1.1.0", firstPause));
    h.annotate(name, OperatorHarness.signoffs("1.1.0"));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () -> {
              ModelRelease r = h.release(name).get();
              return r.getStatus().getCanary() != null && r.getStatus().getCanary().step() == 1;
            });
  }

  @Test
  void aGoodCanaryIsMeasuredAndPromoted() {
    testbed.set("good", "canary", 0.001);
    canaryOf("good");

    ModelRelease promoted = h.awaitPhase("good", Phase.Promoted, Duration.ofSeconds(60));

    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
  }

  @Test
  void aCanaryWhoseUnsafeOutputRateClimbsIsRolledBack() {
    testbed.set("climbing", "canary", 0.001);
    canaryOf("climbing");
    testbed.set("climbing", "canary", 0.09);

    ModelRelease rolledBack = h.awaitPhase("climbing", Phase.RolledBack, Duration.ofSeconds(60));

    assertThat(rolledBack.getStatus().getReason()).isEqualTo("AnalysisFailed");
    assertThat(rolledBack.getStatus().getMessage())
        .contains("unsafe-output-rate = 0.09", "<= 0.02");
    assertThat(h.replicas("climbing", "canary")).containsValue(0);
  }

  @Test
  void aCanaryWhoseScrapeStopsHoldsInsteadOfPromoting() {
    testbed.setOnStoppable("stopping", "canary", 0.001);
    canaryOf("stopping", "1h");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var analysis = h.release("stopping").get().getStatus().getAnalysis();
              return analysis != null && analysis.metrics().get(0).successes() > 0;
            });

    testbed.stopScrapes();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "NoData"
                    .equals(
                        h.release("stopping")
                            .get()
                            .getStatus()
                            .getAnalysis()
                            .metrics()
                            .get(0)
                            .lastResult()));

    // On-call skips the pause: the step may now advance, but only on healthy measurements.
    h.annotate("stopping", java.util.Map.of("releasegate.dev/promote", "1.1.0"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> "AwaitingAnalysis".equals(h.release("stopping").get().getStatus().getReason()));
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> h.release("stopping").get().getStatus().getCanary().step() == 1);
    assertThat(h.release("stopping").get().getStatus().getMessage())
        .contains("unsafe-output-rate has no data");
  }
}
