package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/** One canary step as it happened: when its traffic was in force, how long, how it ended. */
public record CanaryStepRecord(
    @JsonPropertyDescription(
            "Which run of the canary the step belongs to: 1, then one more each time the canary"
                + " takes a step again rather than the next one (a retry after a rollback, an"
                + " edited plan, traffic taken away and given back). Within a run steps rise.")
        int run,
    @JsonPropertyDescription("The step's number in the plan it ran under, counting from 1.")
        int step,
    @JsonPropertyDescription("The traffic percentage the step asked for.") int weight,
    @JsonPropertyDescription(
            "The pause the plan gave the step, as written in spec.canary; empty for none.")
        String pause,
    @JsonPropertyDescription(
            "The traffic percentage the router actually gave the candidate at this step.")
        Integer effectiveWeight,
    @JsonPropertyDescription(
            "When the step's traffic was in force (its pause counts from here); empty when it"
                + " never was.")
        Instant inForceAt,
    @JsonPropertyDescription("When the step ended; empty while it runs.") Instant endedAt,
    @JsonPropertyDescription(
            "Why the step ended: NextStep, Promoted (the last step, the candidate became the"
                + " approved version), Replanned (spec.canary was edited mid-canary), RolledBack,"
                + " Interrupted (its traffic was taken away: an invalid spec, a gate shut again,"
                + " all traffic before the promotion sign-offs; detail says which) or Withdrawn"
                + " (the spec asked for another version). Empty while it runs.")
        String ended,
    @JsonPropertyDescription(
            "What let the canary move on from the step: PauseElapsed (its pause ran in full),"
                + " PauseSkipped (a releasegate.dev/promote request cut the pause short),"
                + " PromoteRequested (a step without a pause held until a promote request),"
                + " AnalysisPassed (the hold was over and the step waited for healthy"
                + " measurements) or NoPause (a last step without a pause). Empty while it holds.")
        String movedOn,
    @JsonPropertyDescription(
            "The releasegate.dev/promote value that skipped the pause or ended the hold, as"
                + " written.")
        String request,
    @JsonPropertyDescription(
            "Who asked, as the promote request's by= says: where the chart's admission policy is"
                + " installed the API server accepts no by= but the requester's own user name, and"
                + " elsewhere it is what the request claims; \"not known\" when it names no one.")
        String by,
    @JsonPropertyDescription(
            "For RolledBack, the rollback's reason and trigger; for Interrupted, the reason of the"
                + " phase that took the traffic away.")
        String detail,
    @JsonPropertyDescription(
            "Each canary metric's measurements taken while the step's traffic was in force (those"
                + " taken while it was still shifting count towards the failure limit, not here).")
        List<MetricSummary> analysis) {

  public static final String NEXT_STEP = "NextStep";
  public static final String PROMOTED = "Promoted";
  public static final String REPLANNED = "Replanned";
  public static final String ROLLED_BACK = "RolledBack";
  public static final String INTERRUPTED = "Interrupted";
  public static final String WITHDRAWN = "Withdrawn";

  public static final String PAUSE_ELAPSED = "PauseElapsed";
  public static final String PAUSE_SKIPPED = "PauseSkipped";
  public static final String PROMOTE_REQUESTED = "PromoteRequested";
  public static final String ANALYSIS_PASSED = "AnalysisPassed";
  public static final String NO_PAUSE = "NoPause";

  /** What {@code by} says of a promote request that names no one. */
  public static final String BY_NOT_KNOWN = "not known";

  public CanaryStepRecord {
    analysis = analysis == null ? List.of() : List.copyOf(analysis);
  }
}
