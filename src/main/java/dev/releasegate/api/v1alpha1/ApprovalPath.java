package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How an action gets approved. */
public record ApprovalPath(
    @JsonPropertyDescription("True when a person approves each action before it takes effect.")
        Boolean humanApproval,
    @JsonPropertyDescription("Who approves (a role or a group).") String approvers,
    @JsonPropertyDescription("How the approval works, in a sentence.") String description) {

  /** Whether a person approves before the action takes effect. */
  public boolean human() {
    return Boolean.TRUE.equals(humanApproval);
  }
}
