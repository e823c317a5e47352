package dev.releasegate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.AnalysisStatus;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.lifecycle.Decision;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.lifecycle.TrafficState;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the reconciler records from each decision, as Prometheus scrapes it. */
class ReleaseMetricsTest {
  private static final String RELEASE = "release=\"assistant\"";
  private static final Instant T0 = Instant.parse("2026-11-27T03:00:00Z");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ReleaseMetrics metrics = new ReleaseMetrics(registry);
  private final ModelRelease release = Releases.release("1.1.0");

  private Scrape scrape() {
    return new Scrape(registry.scrape());
  }

  private static Decision decision(ModelReleaseStatus status) {
    return new Decision(
        status, Optional.empty(), List.of(), Optional.empty(), Optional.empty(), List.of());
  }

  private static ModelReleaseStatus status(Phase phase) {
    ModelReleaseStatus status = new ModelReleaseStatus();
    status.setPhase(phase);
    status.setLastTransitionTime(T0);
    return status;
  }

  private static ModelReleaseStatus rolledBack() {
    ModelReleaseStatus status = status(Phase.RolledBack);
    status.setLastRollback(new RollbackRecord("KillSwitch", T0, "1.1.0", "1.0.0", "true", null));
    return status;
  }

  private static TrafficState traffic(int candidateWeight, boolean settled) {
    return new TrafficState("1.0.0", "1.1.0", candidateWeight, candidateWeight, settled, null);
  }

  @Test
  void eachReleaseReportsItsPhaseCanaryWeightAndGates() {
    ModelReleaseStatus status = status(Phase.Progressing);
    status.setCanary(new CanaryStatus("1.1.0", 1, 3, 25, 25, T0));
    status.setGates(
        List.of(
            new GateStatus("owners", true, "ok", List.of(), List.of()),
            new GateStatus("packet", true, "ok", List.of(), List.of()),
            new GateStatus(
                "signoffs-before-traffic", false, "no", List.of("security"), List.of())));

    metrics.record(release, traffic(0, true), decision(status), T0);

    Scrape scrape = scrape();
    assertThat(scrape.value("releasegate_release_phase", RELEASE, "phase=\"Progressing\""))
        .contains(1.0);
    assertThat(scrape.value("releasegate_release_phase", RELEASE, "phase=\"AwaitingGates\""))
        .isEmpty();
    assertThat(scrape.value("releasegate_canary_weight_percent", RELEASE)).contains(25.0);
    assertThat(scrape.value("releasegate_gates_satisfied", RELEASE)).contains(2.0);
    assertThat(scrape.value("releasegate_gates_required", RELEASE)).contains(3.0);
    assertThat(scrape.value("releasegate_release_phase_transition_timestamp_seconds", RELEASE))
        .contains((double) T0.getEpochSecond());
  }

  @Test
  void aReleaseHasOnePhaseSeriesTheOneItIsIn() {
    metrics.record(release, traffic(0, true), decision(status(Phase.AwaitingGates)), T0);
    metrics.record(release, traffic(0, true), decision(status(Phase.Progressing)), T0);

    Scrape scrape = scrape();
    assertThat(scrape.value("releasegate_release_phase", RELEASE, "phase=\"Progressing\""))
        .contains(1.0);
    assertThat(scrape.value("releasegate_release_phase", RELEASE, "phase=\"AwaitingGates\""))
        .isEmpty();
  }

  @Test
  void theAnalysisLastValuesAreExportedPerMetric() {
    ModelReleaseStatus status = status(Phase.Progressing);
    status.setAnalysis(
        new AnalysisStatus(
            "1.1.0",
            "canary",
            T0,
            List.of(
                new MetricStatus(
                    "unsafe-output-rate", 0.031, "<= 0.02", "Failure", 0, 1, 0, 0, null, T0),
                new MetricStatus(
                    "tool-error-rate", null, "<= 0.05", "NoData", 0, 0, 1, 0, "no series", T0))));

    metrics.record(release, traffic(25, true), decision(status), T0);

    Scrape scrape = scrape();
    assertThat(scrape.value("releasegate_analysis_value", RELEASE, "metric=\"unsafe-output-rate\""))
        .contains(0.031);
    assertThat(scrape.value("releasegate_analysis_value", RELEASE, "metric=\"tool-error-rate\""))
        .hasValueSatisfying(v -> assertThat(v).isNaN());
  }

  @Test
  void aRollbackIsCountedOnceWithItsReason() {
    release.setStatus(status(Phase.Progressing));
    metrics.record(release, traffic(50, true), decision(rolledBack()), T0);
    release.setStatus(rolledBack());
    metrics.record(release, traffic(0, true), decision(rolledBack()), T0.plusSeconds(5));

    assertThat(scrape().value("releasegate_rollbacks_total", RELEASE, "reason=\"KillSwitch\""))
        .contains(1.0);
  }

  @Test
  void killSwitchReactionRunsFromFirstSightToTrafficObservedBackOnStable() {
    release.getMetadata().getAnnotations().put(ReleaseAnnotations.KILL_SWITCH, "p99 4s");
    release.setStatus(status(Phase.Progressing));

    metrics.record(release, traffic(50, true), decision(rolledBack()), T0);
    release.setStatus(rolledBack());
    metrics.record(release, traffic(0, false), decision(rolledBack()), T0.plusMillis(1500));
    assertThat(scrape().value("releasegate_kill_switch_reaction_seconds_count")).contains(0.0);

    metrics.record(release, traffic(0, true), decision(rolledBack()), T0.plusMillis(2500));
    metrics.record(release, traffic(0, true), decision(rolledBack()), T0.plusSeconds(60));

    Scrape scrape = scrape();
    assertThat(scrape.value("releasegate_kill_switch_reaction_seconds_count")).contains(1.0);
    assertThat(scrape.value("releasegate_kill_switch_reaction_seconds_sum")).contains(2.5);
    assertThat(scrape.value("releasegate_kill_switch_reaction_seconds_bucket", "le=\"2.0\""))
        .contains(0.0);
    assertThat(scrape.value("releasegate_kill_switch_reaction_seconds_bucket", "le=\"5.0\""))
        .contains(1.0);
  }

  @Test
  void aKillSwitchOnAnAlreadyRolledBackReleaseIsNotTimed() {
    release.getMetadata().getAnnotations().put(ReleaseAnnotations.KILL_SWITCH, "true");
    release.setStatus(rolledBack());

    metrics.record(release, traffic(0, true), decision(rolledBack()), T0);

    assertThat(scrape().value("releasegate_kill_switch_reaction_seconds_count")).contains(0.0);
  }

  @Test
  void aDeletedReleaseLeavesNoSeriesBehind() {
    release.setStatus(status(Phase.Progressing));
    metrics.record(release, traffic(50, true), decision(rolledBack()), T0);
    assertThat(scrape().mentions(RELEASE)).isTrue();

    metrics.cleanupDoneFor(ResourceID.fromResource(release), Map.of());

    assertThat(scrape().mentions(RELEASE)).as(scrape().toString()).isFalse();
  }
}
