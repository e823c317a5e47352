package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.analysis.PrometheusTestbed;
import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import dev.releasegate.lifecycle.Releases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The analysis on the real control plane, against a real Prometheus (Debian's package) scraping a
 * simulated model server whose unsafe output ratio each test sets: a canary that turns unsafe is
 * rolled back to pods that are Ready, and so is a promoted version that turns unsafe during its
 * observation period, to the previous approved version the operator kept for it.
 */
@ExtendWith(OperatorNeverRefused.class)
class AnalysisIT {
  private static final Installation installation = Installation.shared();
  private static PrometheusTestbed prometheus;
  private static Team team;

  @BeforeAll
  static void start() {
    prometheus = PrometheusTestbed.start();
    team = new Team(installation, "analysis");
  }

  @AfterAll
  static void stop() throws Exception {
    prometheus.close();
  }

  /** The checklist's unsafe output rate, measured every second on both tracks. */
  private static ModelReleaseSpec spec(String version) {
    AnalysisMetric unsafe = PrometheusTestbed.unsafeOutputRate("both");
    return Releases.with(
        Releases.spec(version, List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null))),
        "analysis",
        new AnalysisSpec(
            "1s", new PrometheusProvider(prometheus.prometheusAddress()), List.of(unsafe)));
  }

  /** 1.0.0 approved, 1.1.0 at its first step (half the pods), both healthy so far. */
  private static void healthyCanaryOf(String name) {
    prometheus.set(name, "stable", 0.001);
    prometheus.set(name, "canary", 0.001);
    team.promoted(name, spec("1.0.0"));
    team.signedCandidate(name, spec("1.1.0"));
    team.awaitReadyPods(name, Map.of("1.0.0", 2, "1.1.0", 2));
  }

  @Test
  void aCanaryWhoseUnsafeOutputRateClimbsIsRolledBack() {
    healthyCanaryOf("climbing");

    prometheus.set("climbing", "canary", 0.09);

    ModelRelease rolledBack = team.awaitPhase("climbing", Phase.RolledBack);
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("AnalysisFailed");
    assertThat(rolledBack.getStatus().getMessage())
        .contains("unsafe-output-rate = 0.09", "<= 0.02");
    team.awaitReadyPods("climbing", Map.of("1.0.0", 4));
  }

  @Test
  void aPromotedVersionThatTurnsUnsafeDuringObservationGoesBackToThePreviousOne() {
    healthyCanaryOf("observed");
    team.annotateAs("mei", "observed", Map.of("releasegate.dev/promote", "version=1.1.0; by=mei"));
    team.awaitPhase("observed", Phase.Promoted);
    team.awaitReadyPods("observed", Map.of("1.1.0", 4));

    prometheus.set("observed", "stable", 0.09);

    ModelRelease rolledBack = team.awaitPhase("observed", Phase.RolledBack);
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("ObservationBreach");
    assertThat(rolledBack.getStatus().getStable().version()).isEqualTo("1.0.0");
    team.awaitReadyPods("observed", Map.of("1.0.0", 4));
  }
}
