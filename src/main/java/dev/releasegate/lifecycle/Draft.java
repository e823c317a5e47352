package dev.releasegate.lifecycle;

import dev.releasegate.analysis.Measurement;
import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.PacketDigestStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PolicyStatus;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.api.v1alpha1.TrafficStatus;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.PacketDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decision being made for one reconcile: its inputs, and the status, traffic, events and
 * requeue it builds up from the outcome of the rule that decides.
 */
final class Draft {
  final ModelRelease release;
  final ModelReleaseSpec spec;
  final ModelReleaseStatus previous;
  final ReleaseAnnotations annotations;
  final TrafficState traffic;
  final Evidence evidence;

  /** The digest of what owners approve for the spec's version, as the evidence reads now. */
  final PacketDigest digest;

  /** What the metric providers answered for the analysis due this reconcile. */
  final List<Measurement> measurements;

  final ChecklistPolicy policy;

  /** What the analysis read in this decision, measurement by measurement, for the history. */
  final List<AnalysisRule.Reading> readings = new ArrayList<>();

  /** The decision's time, to the second, as status records it. */
  final Instant now;

  /** The decision's time to the millisecond, for measuring how long traffic took to move. */
  final Instant exactly;

  /**
   * The status being decided: it starts as a copy of the previous one, so what no rule decides this
   * time (the approved version, history, the last rollback, acknowledged requests) is carried over.
   */
  final ModelReleaseStatus status;

  private Sentence said;
  private TrafficTarget target;
  private boolean stalled;
  private final List<ReleaseEvent> events = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private Duration requeueAfter;
  private PacketRecord packetRecord;
  private HoldEnd holdEnded;
  private String stepEnded;

  Draft(ModelRelease release, Observations observations, ChecklistPolicy policy, Instant now) {
    this.release = release;
    this.spec = release.getSpec();
    this.previous = release.getStatus() == null ? new ModelReleaseStatus() : release.getStatus();
    this.annotations = new ReleaseAnnotations(release.getMetadata().getAnnotations());
    this.traffic = observations.traffic();
    this.evidence = observations.evidence();
    this.measurements = observations.measurements();
    this.policy = policy;
    this.exactly = now.truncatedTo(ChronoUnit.MILLIS);
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    this.status = previous.copy();
    this.digest = PacketDigest.of(spec, evidence);
    String version = spec == null || spec.model() == null ? null : spec.model().version();
    status.setPacketDigest(
        new PacketDigestStatus(
            version, digest.digest(), digest.shortDigest(), digest.shortParts()));
    status.setSignoffs(
        SignoffRecords.update(
            previous.getSignoffs(), annotations.annotations(), this.now, version, digest));
    status.setPolicy(new PolicyStatus(policy.source(), policy.notes()));
    status.setTraffic(reported(spec, traffic));
    // A request annotation that was removed is forgotten, so adding it again acts again.
    status.getAcknowledged().keySet().removeIf(key -> annotations.request(key).isEmpty());
  }

  String name() {
    return release.getMetadata().getName();
  }

  /** Sets phase, reason and message together: every state says why and what to do. */
  void state(Phase phase, Sentence why) {
    this.said = why;
    status.setPhase(phase);
    status.setReason(why.reason().name());
    status.setMessage(why.text());
  }

  /** What the state set last says. */
  Sentence said() {
    return said;
  }

  /**
   * Records the state a rule holds the release in as an Event when the release enters it: a state
   * kept across reconciles is announced once, though its phase does not change.
   */
  void announceOnEntry(Phase phase, Sentence why) {
    if (entering(phase, why.reason())) {
      event(why);
    }
  }

  boolean entering(Phase phase, Reason reason) {
    return previous.getPhase() != phase || !reason.name().equals(previous.getReason());
  }

  void traffic(TrafficTarget target) {
    this.target = target;
  }

  /** Traffic with the candidate at {@code weight} and the approved version carrying the rest. */
  TrafficTarget candidateAt(int weight) {
    ModelSpec stable = status.getStable().asModel(spec.model().name());
    return new TrafficTarget(stable, spec.model(), weight, spec.replicasOrDefault());
  }

  /** The release cannot move on without a person, whatever its phase (kstatus Stalled). */
  void stalled() {
    this.stalled = true;
  }

  void event(Sentence what) {
    event(what.reason(), what);
  }

  /**
   * An Event whose reason is not the sentence's own (a gate shut, told as the hold it causes). An
   * act the audit trail keeps ({@link AuditActs#KEPT}) is kept there too.
   */
  void event(Reason reason, Sentence what) {
    events.add(ReleaseEvent.of(reason, what.text()));
    if (AuditActs.KEPT.contains(reason)) {
      audit.add(
          new AuditEntry(
              exactly,
              reason.name(),
              what.about().orElseGet(this::version),
              what.actor().map(Draft::quoted).orElse(null),
              what.text()));
    }
  }

  /** The version the spec names; null when the spec names none. */
  private String version() {
    return spec == null || spec.model() == null ? null : spec.model().version();
  }

  void packetRecord(PacketRecord record) {
    this.packetRecord = record;
  }

  /** The canary moves on from its step: its hold ended, as the history records it. */
  void holdEnded(HoldEnd hold) {
    this.holdEnded = hold;
  }

  HoldEnd holdEnded() {
    return holdEnded;
  }

  /**
   * The canary's step ends in a way its traffic does not show (a promotion, an edited plan): one of
   * the {@code CanaryStepRecord} endings.
   */
  void stepEnded(String ending) {
    this.stepEnded = ending;
  }

  String stepEnded() {
    return stepEnded;
  }

  /** Asks to look again after this long, unless an earlier look is already asked for. */
  void requeueAfter(Duration delay) {
    Duration positive = delay.isNegative() ? Duration.ZERO : delay;
    this.requeueAfter =
        requeueAfter == null || positive.compareTo(requeueAfter) < 0 ? positive : requeueAfter;
  }

  /** Whether a one-shot request names this version and has not been acted on yet. */
  Optional<String> pendingRequest(String key, String version) {
    return annotations
        .request(key)
        .filter(value -> ReleaseAnnotations.names(value, version))
        .filter(value -> !value.equals(status.getAcknowledged().get(key)));
  }

  void acknowledge(String key, String value) {
    status.getAcknowledged().put(key, value);
  }

  void rolledBack(Reason reason, String from, String to, String trigger) {
    // Of the rollbacks, only the kill switch is a person's act, and its value says whose.
    String by =
        reason == Reason.KillSwitch
            ? annotations.killSwitchBy().map(Draft::quoted).orElse(null)
            : null;
    status.setLastRollback(new RollbackRecord(reason.name(), now, from, to, trigger, by));
  }

  /** The approved version before the stable one that was not itself rolled back, if any. */
  Optional<ApprovedVersion> previousApproved() {
    if (status.getStable() == null) {
      return Optional.empty();
    }
    return status.getHistory().stream()
        .filter(v -> v.rolledBackAt() == null)
        .filter(v -> !v.version().equals(status.getStable().version()))
        .findFirst();
  }

  Decision finish() {
    status.setCanaryHistory(StepRecords.of(this));
    announceTransition();
    status.setObservedGeneration(release.getMetadata().getGeneration());
    status.setLastTransitionTime(
        status.getPhase() == previous.getPhase() && previous.getLastTransitionTime() != null
            ? previous.getLastTransitionTime()
            : now);
    status.setConditions(KstatusConditions.of(status, previous, now, stalled));
    // Sign-offs were given before this decision acted on them; a pause is its outcome.
    List<AuditEntry> acts = new ArrayList<>(AuditActs.signoffs(this));
    acts.addAll(audit);
    acts.addAll(AuditActs.pause(this, version()));
    return new Decision(
        status,
        Optional.ofNullable(target),
        List.copyOf(events),
        Optional.ofNullable(requeueAfter),
        Optional.ofNullable(packetRecord),
        List.copyOf(acts));
  }

  /**
   * Every phase change is an Event, so {@code kubectl describe} and an event exporter tell the
   * whole story. A rule that already explained the change (CanaryStep, Promoted, KillSwitch) is
   * enough; otherwise the new phase's reason and message are the Event. Invalid and RolledBack are
   * warnings: a person must act.
   */
  private void announceTransition() {
    if (status.getPhase() == previous.getPhase() || !events.isEmpty()) {
      return;
    }
    boolean needsPerson =
        status.getPhase() == Phase.Invalid || status.getPhase() == Phase.RolledBack;
    events.add(
        new ReleaseEvent(
            needsPerson ? ReleaseEvent.Type.Warning : ReleaseEvent.Type.Normal,
            status.getReason(),
            status.getMessage()));
  }

  /** What the router reported, as status shows it. */
  private static TrafficStatus reported(ModelReleaseSpec spec, TrafficState traffic) {
    String router =
        TrafficRouting.of(
                spec == null || spec.canary() == null ? null : spec.canary().trafficRouting())
            .name();
    boolean candidate = traffic.candidateVersion() != null;
    return new TrafficStatus(
        router,
        traffic.stableVersion(),
        traffic.candidateVersion(),
        candidate ? traffic.effectiveWeight() : null,
        traffic.isBlocked() ? null : traffic.settled(),
        traffic.detail());
  }

  /**
   * A text a person wrote (a kill-switch reason, a request) as status quotes it: cut to {@link
   * StepRecords#DETAIL_LIMIT} characters, so an annotation of any size never grows status.
   */
  static String quoted(String text) {
    return text == null || text.length() <= StepRecords.DETAIL_LIMIT
        ? text
        : text.substring(0, StepRecords.DETAIL_LIMIT - 1) + "…";
  }

  static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
