package dev.releasegate.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every reason the operator gives, in {@code status.reason}, in the kstatus conditions and as an
 * Event's reason: one word for each thing that can hold, move or stop a release, with the Event
 * type it is recorded with and what it means. On the wire a reason is its name, the CamelCase word
 * users already see; a new reason is added here, and docs/concepts.md lists them all (a test checks
 * the page against this enum).
 */
public enum Reason {
  // Waiting for gates and people.
  AwaitingGates(
      Kind.HOLD,
      "The candidate gets no traffic until its gates pass: sign-offs, evidence, evaluation, findings."),
  ChangeFreeze(
      Kind.HOLD,
      "A new version waits out the change freeze after the last promotion, unless an exception names it."),
  PauseAnnotation(Kind.HOLD, "The releasegate.dev/pause annotation holds the release where it is."),
  AwaitingPromote(Kind.HOLD, "A canary step without a pause holds until someone promotes it."),
  AwaitingSignoffs(
      Kind.HOLD,
      "Sign-offs needed before full traffic are missing; the canary holds at its weight."),

  // Moving on its own.
  AnalysisError(
      Kind.PROGRESS,
      "The metric sources did not answer; the step holds until they do, and the operator keeps asking."),
  FirstRollout(Kind.PROGRESS, "The first version rolls out to all replicas."),
  ShiftingTraffic(Kind.PROGRESS, "A canary step's traffic is being put in force."),
  StepPause(Kind.PROGRESS, "A canary step's pause is counting down."),
  AwaitingAnalysis(
      Kind.PROGRESS, "The step's hold is over; it advances once its measurements are healthy."),
  RehearsingRollback(Kind.PROGRESS, "The rollback is rehearsed before promotion."),

  // The approved version serves.
  Promoted(Kind.PROGRESS, "The candidate is the approved version and serves all traffic."),
  Observing(Kind.PROGRESS, "The promoted version is watched for its observation period."),
  Released(Kind.PROGRESS, "The observation period ended; the version is released."),

  // Traffic went back; a person decides what next.
  KillSwitch(
      Kind.STOP, "On-call pulled the kill switch; traffic went back to the approved version."),
  AnalysisFailed(
      Kind.STOP, "A canary metric breached its threshold past its limit; traffic went back."),
  RehearsalFailed(Kind.STOP, "The rollback rehearsal did not return in time; traffic went back."),
  ObservationBreach(
      Kind.STOP, "A metric breached during observation; the previous version serves again."),
  InvalidSpec(Kind.STOP, "The spec cannot be acted on; the serving version is left as it is."),

  // Events that tell what happened.
  RolloutStarted(Kind.PROGRESS, "The first version started rolling out."),
  CanaryStep(Kind.PROGRESS, "The canary entered a step."),
  PauseSkipped(Kind.PROGRESS, "A promote request cut a step's pause short."),
  CanaryReplanned(
      Kind.PROGRESS, "spec.canary was edited mid-canary; the canary continues on the new plan."),
  CanaryRestarted(
      Kind.PROGRESS, "A new version replaced the candidate mid-canary; it starts from its gates."),
  CandidateWithdrawn(
      Kind.PROGRESS, "The spec names the approved version again; the candidate is withdrawn."),
  Retry(Kind.PROGRESS, "A retry request brought a rolled-back version back to its first step."),
  RehearsalStarted(Kind.PROGRESS, "The rollback rehearsal started."),
  RehearsalPassed(Kind.PROGRESS, "The rollback rehearsal returned in time."),
  GateClosed(Kind.STOP, "A gate shut while the candidate had traffic; the canary steps back."),
  KillSwitchIgnored(Kind.STOP, "The kill switch was set where it cannot act; status says why."),

  // What the operator or a router cannot do; the release holds until a person fixes it.
  ObjectNotOwned(Kind.STOP, "An object the release would use belongs to someone else."),
  WriteRefused(Kind.STOP, "The API server refused one of the operator's writes."),
  GatewayAPINotInstalled(Kind.STOP, "The Gateway API CRDs are not installed."),
  HTTPRouteNotFound(Kind.STOP, "The HTTPRoute the release names does not exist."),
  HTTPRouteRuleNotFound(Kind.STOP, "No rule of the HTTPRoute routes to the release."),
  HTTPRouteRuleOwnedByAnotherRelease(Kind.STOP, "The HTTPRoute rule belongs to another release."),
  HTTPRouteRuleShared(Kind.STOP, "The HTTPRoute rule routes to more than this release."),
  BackendRefsMissing(Kind.STOP, "The HTTPRoute rule has no backendRefs to split."),
  BackendRefPortMismatch(Kind.STOP, "The HTTPRoute rule's backend port is not the release's."),
  KServeNotInstalled(Kind.STOP, "The KServe InferenceService CRD is not installed."),
  InferenceServiceNotFound(Kind.STOP, "The InferenceService the release names does not exist."),
  InferenceServiceOwnedByAnotherRelease(
      Kind.STOP, "The InferenceService belongs to another release."),
  RawDeploymentMode(
      Kind.STOP,
      "KServe runs the InferenceService in RawDeployment mode, which cannot split traffic."),
  UnsupportedPredictor(
      Kind.STOP, "The InferenceService's predictor is not one the router can point at a model."),
  ModelUriMissing(Kind.STOP, "The model has no uri for the InferenceService to load."),
  SameModelAsApproved(Kind.STOP, "The candidate names the same model as the approved version."),
  KServeRolloutPinned(
      Kind.STOP, "KServe holds the InferenceService's rollout where the router cannot move it.");

  /** What a reason does to a release, which decides its Event type. */
  public enum Kind {
    /** Waiting on people or a change freeze: nothing moves until they act or it ends. */
    HOLD,
    /** Moving, or arrived, on its own (a metric source that does not answer is asked again). */
    PROGRESS,
    /** Stopped or sent back: a person must look (a Warning Event). */
    STOP
  }

  private final Kind kind;
  private final String meaning;

  Reason(Kind kind, String meaning) {
    this.kind = kind;
    this.meaning = meaning;
  }

  public Kind kind() {
    return kind;
  }

  /** One sentence for the docs: what the reason says about the release. */
  public String meaning() {
    return meaning;
  }

  /** Whether its Event is a Warning: the release stopped or went back and a person must look. */
  public boolean warning() {
    return kind == Kind.STOP;
  }

  /** The reason a status or Event names, if it is one of these. */
  public static Optional<Reason> of(String name) {
    return Arrays.stream(values()).filter(r -> r.name().equals(name)).findFirst();
  }
}
