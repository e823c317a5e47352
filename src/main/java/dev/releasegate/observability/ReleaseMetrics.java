package dev.releasegate.observability;

import dev.releasegate.api.v1alpha1.AnalysisStatus;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.MetricStatus;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.lifecycle.Decision;
import dev.releasegate.lifecycle.TrafficState;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * releasegate's own metrics, recorded by the reconciler from each {@link Decision} (the lifecycle
 * stays free of them): per release its phase, canary weight, gates satisfied and required and when
 * the phase last changed; rollbacks by reason; and the kill switch's reaction time.
 *
 * <p>Per-release series carry the labels {@code namespace} and {@code release}. They disappear when
 * the release is deleted: JOSDK calls {@link #cleanupDoneFor} for that, which is why this class is
 * also a JOSDK {@link Metrics}.
 *
 * <p>The analysis' last measured values are here too, as {@code
 * releasegate_analysis_value{namespace,release,metric}} (NaN when the last measurement had no
 * number), so dashboards show what the operator decided on.
 */
public final class ReleaseMetrics implements Metrics {
  static final String PHASE = "releasegate.release.phase";
  static final String PHASE_SINCE = "releasegate.release.phase.transition.timestamp";
  static final String CANARY_WEIGHT = "releasegate.canary.weight";
  static final String GATES_SATISFIED = "releasegate.gates.satisfied";
  static final String GATES_REQUIRED = "releasegate.gates.required";
  static final String ROLLBACKS = "releasegate.rollbacks";
  static final String KILL_SWITCH_REACTION = "releasegate.kill.switch.reaction";
  static final String ANALYSIS_VALUE = "releasegate.analysis.value";

  private final MeterRegistry registry;
  private final Map<ResourceID, ReleaseGauges> releases = new ConcurrentHashMap<>();

  /** Per release and metric name, the last value measured (held strongly for the gauge). */
  private final Map<ResourceID, Map<String, AtomicReference<Double>>> analysis =
      new ConcurrentHashMap<>();

  private final KillSwitchReaction killSwitch = new KillSwitchReaction();
  private final Timer killSwitchReaction;

  public ReleaseMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Buckets from "at once" to "an incident": the alert and the SLO are read off these.
    this.killSwitchReaction =
        Timer.builder(KILL_SWITCH_REACTION)
            .description(
                "From the first reconcile that sees releasegate.dev/kill-switch to traffic observed"
                    + " back on the approved version")
            .serviceLevelObjectives(
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(5))
            .register(registry);
  }

  /**
   * Records one reconcile.
   *
   * @param release the release as the reconcile read it
   * @param observed the traffic in force before the decision
   * @param decision what was decided
   * @param now when the reconcile started
   */
  public void record(ModelRelease release, TrafficState observed, Decision decision, Instant now) {
    ModelReleaseStatus status = decision.status();
    ResourceID id = ResourceID.fromResource(release);
    ReleaseGauges gauges = releases.computeIfAbsent(id, this::register);
    if (gauges.phase != status.getPhase()) {
      showPhase(id, gauges, status.getPhase());
    }
    gauges.set(status);
    recordAnalysis(id, status.getAnalysis());
    countRollback(release, status);
    killSwitch.observe(release, observed, decision, now).ifPresent(killSwitchReaction::record);
  }

  @Override
  public void cleanupDoneFor(ResourceID id, Map<String, Object> metadata) {
    releases.remove(id);
    analysis.remove(id);
    killSwitch.forget(id.getNamespace().orElse(""), id.getName());
    Tags tags = tags(id);
    List<Meter> owned =
        registry.getMeters().stream()
            .filter(m -> m.getId().getTags().containsAll(tags.stream().toList()))
            .toList();
    owned.forEach(registry::remove);
  }

  private void recordAnalysis(ResourceID id, AnalysisStatus status) {
    if (status == null) {
      return;
    }
    Map<String, AtomicReference<Double>> values =
        analysis.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
    for (MetricStatus metric : status.metrics()) {
      values
          .computeIfAbsent(
              metric.name(),
              name -> {
                AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
                Gauge.builder(ANALYSIS_VALUE, value, v -> v.get())
                    .description("The last value the release's analysis measured for a metric")
                    .tags(tags(id).and("metric", name))
                    .register(registry);
                return value;
              })
          .set(metric.lastValue() == null ? Double.NaN : metric.lastValue());
    }
  }

  private void countRollback(ModelRelease release, ModelReleaseStatus status) {
    RollbackRecord now = status.getLastRollback();
    RollbackRecord before =
        release.getStatus() == null ? null : release.getStatus().getLastRollback();
    if (now != null && !Objects.equals(now, before)) {
      Counter.builder(ROLLBACKS)
          .description("Rollbacks to the last approved version, by reason")
          .tags(tags(ResourceID.fromResource(release)).and("reason", now.reason()))
          .register(registry)
          .increment();
    }
  }

  private ReleaseGauges register(ResourceID id) {
    ReleaseGauges gauges = new ReleaseGauges();
    Tags tags = tags(id);
    Gauge.builder(PHASE_SINCE, gauges, g -> g.phaseSince)
        .description("When the release's phase last changed, from status.lastTransitionTime")
        .baseUnit("seconds")
        .tags(tags)
        .register(registry);
    Gauge.builder(CANARY_WEIGHT, gauges, g -> g.canaryWeight)
        .description("The traffic percentage the candidate's current step asks for")
        .baseUnit("percent")
        .tags(tags)
        .register(registry);
    Gauge.builder(GATES_SATISFIED, gauges, g -> g.gatesSatisfied)
        .description("Gates the candidate version has passed")
        .tags(tags)
        .register(registry);
    Gauge.builder(GATES_REQUIRED, gauges, g -> g.gatesRequired)
        .description("Gates the candidate version must pass")
        .tags(tags)
        .register(registry);
    return gauges;
  }

  /**
   * One series per release, for its current phase (as Argo Rollouts' {@code rollout_info} does): a
   * series for every phase of every release would be most of what a large installation exports, and
   * {@code releasegate_release_phase{phase="RolledBack"} == 1} asks the same question.
   */
  private void showPhase(ResourceID id, ReleaseGauges gauges, Phase now) {
    if (gauges.phaseGauge != null) {
      registry.remove(gauges.phaseGauge);
    }
    gauges.phaseGauge =
        now == null
            ? null
            : Gauge.builder(PHASE, () -> 1)
                .description("1, labelled with the release's current phase")
                .tags(tags(id).and("phase", now.name()))
                .register(registry);
  }

  private static Tags tags(ResourceID id) {
    return Tags.of("namespace", id.getNamespace().orElse(""), "release", id.getName());
  }

  /** The values the gauges read, held strongly here (Micrometer keeps gauges' state weakly). */
  private static final class ReleaseGauges {
    volatile Phase phase;

    /** The one phase series, for the phase above; replaced when the phase changes. */
    Gauge phaseGauge;

    volatile double phaseSince = Double.NaN;
    volatile int canaryWeight;
    volatile int gatesSatisfied;
    volatile int gatesRequired;

    void set(ModelReleaseStatus status) {
      phase = status.getPhase();
      phaseSince =
          status.getLastTransitionTime() == null
              ? Double.NaN
              : status.getLastTransitionTime().getEpochSecond();
      CanaryStatus canary = status.getCanary();
      canaryWeight = canary == null ? 0 : canary.weight();
      List<GateStatus> gates = status.getGates();
      gatesSatisfied = (int) gates.stream().filter(GateStatus::satisfied).count();
      gatesRequired = gates.size();
    }
  }
}
