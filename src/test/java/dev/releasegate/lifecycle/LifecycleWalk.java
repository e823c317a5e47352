package dev.releasegate.lifecycle;

import dev.releasegate.analysis.AnalysisPlan;
import dev.releasegate.analysis.Measurement;
import dev.releasegate.analysis.MetricQuery;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.PacketDigest;
import dev.releasegate.gate.Signoff;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Walks a release through the decider the way the reconciler would: decide, write the status back,
 * let a fake router put the requested traffic in force, and move a fake clock. Tests read as the
 * story of one release.
 */
final class LifecycleWalk {
  ChecklistPolicy policy = ChecklistPolicy.builtIn();
  final ModelRelease release;
  Instant now = Instant.parse("2026-11-27T03:00:00Z");
  TrafficState traffic = TrafficState.NONE;

  /** The accuracy the default evidence's eval report gives. */
  double accuracy = 0.91;

  /**
   * The evidence the reconciler would read when a test sets it; when null, the fixture's complete
   * evidence with an eval report of the version the spec names, as a team writes one per version.
   */
  Evidence evidence;

  /** What the reconciler reads now. */
  Evidence evidence() {
    return evidence != null
        ? evidence
        : Releases.evidence(release.getSpec().model().version(), accuracy);
  }

  /** Answers the analysis' due queries, as Prometheus would; by default nothing is configured. */
  java.util.function.Function<MetricQuery, Measurement> metrics =
      query -> Measurement.error(query, "no metrics in this test");

  /** Every query the walk measured, in order. */
  final List<MetricQuery> measured = new java.util.ArrayList<>();

  /** When false, the fake router's pods never become ready. */
  boolean podsBecomeReady = true;

  Decision last;

  /** Every packet record the walk's promotions asked to keep. */
  final List<PacketRecord> packetRecords = new java.util.ArrayList<>();

  /** Every act every reconcile of this walk added to the audit trail, in order. */
  final List<AuditEntry> audit = new java.util.ArrayList<>();

  /** Every event every reconcile of this walk asked for, in order. */
  final List<ReleaseEvent> events = new java.util.ArrayList<>();

  /**
   * Runs on every decision once it is applied, so a property test can check an invariant of each
   * decision the walk makes, not only of where the walk ends.
   */
  java.util.function.Consumer<Decision> onDecision = decision -> {};

  LifecycleWalk(ModelRelease release) {
    this.release = release;
  }

  /** A release whose second version is signed by every role and at its first canary step. */
  static LifecycleWalk atFirstStep(String first, String next) {
    LifecycleWalk walk = promotedThenNewVersion(first, next);
    walk.signAll(next);
    walk.settle();
    return walk;
  }

  /** A release whose first version is approved and serving, and a new version just applied. */
  static LifecycleWalk promotedThenNewVersion(String first, String next) {
    LifecycleWalk walk = of(first);
    walk.signAll(first);
    walk.settle();
    walk.events.clear();
    walk.newVersion(next);
    return walk;
  }

  static LifecycleWalk of(String version) {
    return new LifecycleWalk(Releases.release(version));
  }

  /** One reconcile: decide, then apply what was decided. */
  Decision reconcile() {
    List<MetricQuery> due = AnalysisPlan.due(release, now);
    measured.addAll(due);
    List<Measurement> measurements = due.stream().map(metrics).toList();
    Phase before = release.getStatus() == null ? null : release.getStatus().getPhase();
    last =
        new ReleaseDecider(policy)
            .decide(release, new Observations(traffic, evidence(), measurements), now);
    // Every walk checks the rule that each phase change is told as an Event.
    if (last.status().getPhase() != before && last.events().isEmpty()) {
      throw new AssertionError(
          "the change from " + before + " to " + last.status().getPhase() + " emitted no Event");
    }
    release.setStatus(last.status());
    events.addAll(last.events());
    audit.addAll(last.audit());
    last.packetRecord().ifPresent(packetRecords::add);
    last.traffic().ifPresent(this::putInForce);
    onDecision.accept(last);
    return last;
  }

  /** Reconciles until nothing changes any more, as events from the router would cause. */
  Decision settle() {
    return settleWithin(20);
  }

  /**
   * Reconciles until a reconcile changes neither status nor the traffic in force, and fails if that
   * takes more than {@code reconciles}: with its inputs held still, the loop must come to rest.
   */
  Decision settleWithin(int reconciles) {
    for (int i = 0; i < reconciles; i++) {
      TrafficState trafficBefore = traffic;
      String statusBefore = Serialization.asJson(release.getStatus());
      reconcile();
      if (trafficBefore.equals(traffic)
          && statusBefore.equals(Serialization.asJson(release.getStatus()))) {
        return last;
      }
    }
    throw new AssertionError(
        "the lifecycle did not settle within "
            + reconciles
            + " reconciles; last phase "
            + phase()
            + " ("
            + release.getStatus().getReason()
            + "), traffic "
            + traffic);
  }

  /** The versions this walk promoted, in order: the approved versions, as the tests saw them. */
  List<String> promotedVersions() {
    return packetRecords.stream().map(r -> r.model().version()).toList();
  }

  List<String> eventReasons() {
    return events.stream().map(ReleaseEvent::reason).toList();
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  dev.releasegate.api.v1alpha1.CanaryStatus canary() {
    return release.getStatus().getCanary();
  }

  Phase phase() {
    return release.getStatus().getPhase();
  }

  void annotate(String key, String value) {
    release.getMetadata().getAnnotations().put(key, value);
  }

  void remove(String key) {
    release.getMetadata().getAnnotations().remove(key);
  }

  /**
   * Each role signs as a reviewer who reads the packet now: the version, and the digest of the spec
   * and evidence as they are (what status.packetDigest shows once the operator has seen them).
   */
  void sign(String version, List<String> roles) {
    String digest = PacketDigest.of(release.getSpec(), evidence()).shortDigest();
    roles.forEach(
        role ->
            annotate(
                Signoff.ANNOTATION_PREFIX + role,
                "version=" + version + "; digest=" + digest + "; by=" + role + "-owner"));
  }

  void signAll(String version) {
    sign(version, Releases.ALL_ROLES);
  }

  /** A spec change, as kubectl apply or a GitOps sync makes it. */
  void apply(ModelReleaseSpec spec) {
    release.setSpec(spec);
    release.getMetadata().setGeneration(release.getMetadata().getGeneration() + 1);
  }

  void newVersion(String version) {
    apply(Releases.spec(version));
  }

  private void putInForce(TrafficTarget target) {
    String stable = target.stable() == null ? null : target.stable().version();
    String candidate = target.candidate() == null ? null : target.candidate().version();
    int weight = target.candidate() == null ? -1 : target.candidateWeight();
    traffic =
        new TrafficState(
            stable,
            candidate,
            weight,
            Math.max(weight, 0),
            podsBecomeReady,
            null,
            target.previous() == null ? null : target.previous().version(),
            target.previousReplicas());
  }
}
