package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** The rollback rehearsal of one candidate version: the plan tried before it is needed. */
public record RehearsalStatus(
    @JsonPropertyDescription("The candidate version rehearsed.") String version,
    @JsonPropertyDescription("ReturningToStable, ReturningToCanary, Passed or Failed.")
        String phase,
    @JsonPropertyDescription("When the candidate's traffic was shifted to 0%.") Instant startedAt,
    @JsonPropertyDescription(
            "How long the stable version took to carry all traffic again, in milliseconds.")
        Long returnedToStableMillis,
    @JsonPropertyDescription("When the rehearsal ended.") Instant completedAt) {

  /** Whether this rehearsal passed for the version. */
  public boolean passedFor(String candidate) {
    return is(RehearsalPhase.Passed) && candidate.equals(version);
  }

  /** Whether the rehearsal is in this phase. */
  public boolean is(RehearsalPhase wanted) {
    return wanted.name().equals(phase);
  }
}
