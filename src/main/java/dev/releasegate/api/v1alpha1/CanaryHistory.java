package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What actually happened in a candidate's canary, step by step, beside spec.canary, which is only
 * the plan. Bounded: a plan has at most 20 steps, but a canary run again after a rollback or under
 * an edited plan adds entries, so only the newest {@link #LIMIT} are kept and {@code dropped}
 * counts the rest.
 */
public record CanaryHistory(
    @JsonPropertyDescription("The candidate version whose canary this is.") String version,
    @JsonPropertyDescription(
            "Each step the canary took, oldest first. A step taken again (after a rollback and a"
                + " retry, under an edited plan, or after its traffic was taken away) is a new"
                + " entry; the last entry has no endedAt while its step runs.")
        List<CanaryStepRecord> steps,
    @JsonPropertyDescription(
            "How many of the oldest entries were dropped to keep at most 40; 0 when the history"
                + " is complete.")
        int dropped) {

  /** How many entries are kept: two runs of the longest plan (20 steps, the CRD's limit). */
  public static final int LIMIT = 40;

  public CanaryHistory {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** A candidate's history before its canary takes a step. */
  public static CanaryHistory start(String version) {
    return new CanaryHistory(version, List.of(), 0);
  }
}
