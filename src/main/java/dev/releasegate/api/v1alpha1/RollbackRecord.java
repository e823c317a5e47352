package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** What a rollback did. */
public record RollbackRecord(
    @JsonPropertyDescription(
            "Why: KillSwitch, AnalysisFailed, RehearsalFailed or ObservationBreach.")
        String reason,
    @JsonPropertyDescription("When traffic was sent back.") Instant at,
    @JsonPropertyDescription("The version that lost its traffic.") String fromVersion,
    @JsonPropertyDescription(
            "The approved version that got it back; empty when no version had been approved yet.")
        String toVersion,
    @JsonPropertyDescription(
            "What triggered it: the kill switch's reason, the measurement that broke a threshold,"
                + " or why the rehearsal failed.")
        String trigger,
    @JsonPropertyDescription(
            "Who pulled the kill switch, as its by= says; where the chart's admission policy is"
                + " installed the API server accepts no by= but the requester's own user name. Empty"
                + " for an automatic rollback, and for a kill switch that names no one.")
        String by) {

  /**
   * Why, as the reason it names; a record from an older operator that names none reads as
   * KillSwitch.
   */
  public Reason cause() {
    return Reason.of(reason).orElse(Reason.KillSwitch);
  }
}
