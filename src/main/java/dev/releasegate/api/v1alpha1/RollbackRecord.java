package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** What a rollback did. */
public record RollbackRecord(
    @JsonPropertyDescription("Why: KillSwitch, AnalysisFailed, ObservationBreach or Aborted.")
        String reason,
    @JsonPropertyDescription("When traffic was sent back.") Instant at,
    @JsonPropertyDescription("The version that lost its traffic.") String fromVersion,
    @JsonPropertyDescription(
            "The approved version that got it back; empty when no version had been approved yet.")
        String toVersion,
    @JsonPropertyDescription("What triggered it, for example the kill-switch annotation's value.")
        String trigger) {}
