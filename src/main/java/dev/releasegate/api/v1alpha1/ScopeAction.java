package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One action the system can take in the world. */
public record ScopeAction(
    @JsonPropertyDescription("The action, for example send-email or update-claim.") @Required
        String name,
    @JsonPropertyDescription(
            "True when the action changes something outside the system (sends, writes, pays,"
                + " deletes).")
        Boolean writesExternalSystem,
    @JsonPropertyDescription("Who or what approves the action before it takes effect.")
        ApprovalPath approvalPath) {

  /** Whether the action changes the world outside the system. */
  public boolean writes() {
    return Boolean.TRUE.equals(writesExternalSystem);
  }
}
