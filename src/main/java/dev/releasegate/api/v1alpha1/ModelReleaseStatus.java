package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator observed and decided. All lifecycle state lives here, so an operator restarted
 * mid-canary resumes at the same step. Only the operator writes it.
 */
public class ModelReleaseStatus {
  @JsonPropertyDescription("Where the release stands in its lifecycle.")
  private Phase phase;

  @JsonPropertyDescription(
      "Why the release is in this phase, as one CamelCase word (for example KillSwitch,"
          + " AwaitingSignoffs, StepPause).")
  private String reason;

  @JsonPropertyDescription("What is happening and, when a person must act, what to do.")
  private String message;

  @JsonPropertyDescription("The metadata.generation this status was computed from.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready, Reconciling and Stalled, following the kstatus conventions that Argo CD and Flux"
          + " read.")
  private List<StatusCondition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The last approved version: it serves traffic outside a canary and every rollback returns"
          + " to it.")
  private ServingVersion stable;

  @JsonPropertyDescription(
      "The candidate version under release, its gates and its place in the canary steps.")
  private CanaryStatus canary;

  @JsonPropertyDescription(
      "What actually happened in the current or last candidate's canary, step by step: when each"
          + " step's traffic was in force, when and how it ended, who skipped a pause, what its"
          + " metrics measured. Kept until another version's canary starts; the packet record keeps"
          + " it at promotion.")
  private CanaryHistory canaryHistory;

  @JsonPropertyDescription(
      "What the traffic router reported in force when the operator last looked: the weights it"
          + " serves, whether they are settled, or why it cannot act.")
  private TrafficStatus traffic;

  @JsonPropertyDescription("Satisfied gates over required gates, for example 2/3.")
  private String gateSummary;

  @JsonPropertyDescription("Each gate of the candidate version, with what is missing.")
  private List<GateStatus> gates = new ArrayList<>();

  @JsonPropertyDescription(
      "The sign-offs on the release, one per role, with when the operator first saw each.")
  private List<SignoffRecord> signoffs = new ArrayList<>();

  @JsonPropertyDescription(
      "The digest of what owners approve for the spec's version: sign-offs name it as digest=.")
  private PacketDigestStatus packetDigest;

  @JsonPropertyDescription("The rollback rehearsal of the current or last candidate.")
  private RehearsalStatus rehearsal;

  @JsonPropertyDescription(
      "The watched signals of the current candidate during its canary, or of the approved version"
          + " during its observation period.")
  private AnalysisStatus analysis;

  @JsonPropertyDescription("The checklist policy the gates were evaluated against.")
  private PolicyStatus policy;

  @JsonPropertyDescription("Approved versions, newest first, at most ten.")
  private List<ApprovedVersion> history = new ArrayList<>();

  @JsonPropertyDescription("The most recent rollback: when, why, from which version to which.")
  private RollbackRecord lastRollback;

  @JsonPropertyDescription(
      "One-shot requests already acted on, by annotation (releasegate.dev/promote,"
          + " releasegate.dev/retry) and value. A request acts once per value; removing the"
          + " annotation forgets it.")
  private Map<String, String> acknowledged = new TreeMap<>();

  @JsonPropertyDescription("When the phase last changed.")
  private Instant lastTransitionTime;

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<StatusCondition> getConditions() {
    return conditions;
  }

  public void setConditions(List<StatusCondition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public ServingVersion getStable() {
    return stable;
  }

  public void setStable(ServingVersion stable) {
    this.stable = stable;
  }

  public CanaryStatus getCanary() {
    return canary;
  }

  public void setCanary(CanaryStatus canary) {
    this.canary = canary;
  }

  public CanaryHistory getCanaryHistory() {
    return canaryHistory;
  }

  public void setCanaryHistory(CanaryHistory canaryHistory) {
    this.canaryHistory = canaryHistory;
  }

  public TrafficStatus getTraffic() {
    return traffic;
  }

  public void setTraffic(TrafficStatus traffic) {
    this.traffic = traffic;
  }

  public String getGateSummary() {
    return gateSummary;
  }

  public void setGateSummary(String gateSummary) {
    this.gateSummary = gateSummary;
  }

  public List<GateStatus> getGates() {
    return gates;
  }

  public void setGates(List<GateStatus> gates) {
    this.gates = gates == null ? new ArrayList<>() : gates;
  }

  public List<SignoffRecord> getSignoffs() {
    return signoffs;
  }

  public void setSignoffs(List<SignoffRecord> signoffs) {
    this.signoffs = signoffs == null ? new ArrayList<>() : signoffs;
  }

  public PacketDigestStatus getPacketDigest() {
    return packetDigest;
  }

  public void setPacketDigest(PacketDigestStatus packetDigest) {
    this.packetDigest = packetDigest;
  }

  public RehearsalStatus getRehearsal() {
    return rehearsal;
  }

  public void setRehearsal(RehearsalStatus rehearsal) {
    this.rehearsal = rehearsal;
  }

  public AnalysisStatus getAnalysis() {
    return analysis;
  }

  public void setAnalysis(AnalysisStatus analysis) {
    this.analysis = analysis;
  }

  public PolicyStatus getPolicy() {
    return policy;
  }

  public void setPolicy(PolicyStatus policy) {
    this.policy = policy;
  }

  public List<ApprovedVersion> getHistory() {
    return history;
  }

  public void setHistory(List<ApprovedVersion> history) {
    this.history = history == null ? new ArrayList<>() : history;
  }

  public RollbackRecord getLastRollback() {
    return lastRollback;
  }

  public void setLastRollback(RollbackRecord lastRollback) {
    this.lastRollback = lastRollback;
  }

  public Map<String, String> getAcknowledged() {
    return acknowledged;
  }

  public void setAcknowledged(Map<String, String> acknowledged) {
    this.acknowledged = acknowledged == null ? new TreeMap<>() : new TreeMap<>(acknowledged);
  }

  public Instant getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(Instant lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  /**
   * This status as the next decision starts from it: every field carried over (collections copied,
   * their elements are immutable), for the decision to replace what it decides. A field added to
   * this class is added here too; {@code ModelReleaseStatusTest} fails until it is.
   */
  public ModelReleaseStatus copy() {
    ModelReleaseStatus copy = new ModelReleaseStatus();
    copy.setPhase(phase);
    copy.setReason(reason);
    copy.setMessage(message);
    copy.setObservedGeneration(observedGeneration);
    copy.setConditions(new ArrayList<>(conditions));
    copy.setStable(stable);
    copy.setCanary(canary);
    copy.setCanaryHistory(canaryHistory);
    copy.setTraffic(traffic);
    copy.setGateSummary(gateSummary);
    copy.setGates(new ArrayList<>(gates));
    copy.setSignoffs(new ArrayList<>(signoffs));
    copy.setPacketDigest(packetDigest);
    copy.setRehearsal(rehearsal);
    copy.setAnalysis(analysis);
    copy.setPolicy(policy);
    copy.setHistory(new ArrayList<>(history));
    copy.setLastRollback(lastRollback);
    copy.setAcknowledged(acknowledged);
    copy.setLastTransitionTime(lastTransitionTime);
    return copy;
  }
}
