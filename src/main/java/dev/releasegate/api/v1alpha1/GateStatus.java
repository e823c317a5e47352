package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** One gate of the candidate version. */
public record GateStatus(
    @JsonPropertyDescription("The gate's name, for example signoffs-before-traffic.") String name,
    @JsonPropertyDescription("Whether the gate is open for this version.") boolean satisfied,
    @JsonPropertyDescription("Why, in a sentence a person can act on.") String reason,
    @JsonPropertyDescription("What is missing, one entry each.") List<String> missing,
    @JsonPropertyDescription(
            "Evidence that exists but does not count, for example a sign-off for another version.")
        List<String> stale) {

  /** Whether this is that gate. */
  public boolean is(GateId id) {
    return id.id().equals(name);
  }

  /** Whether the gate needs only pass once the candidate has traffic (see {@link GateId}). */
  public boolean afterTraffic() {
    return GateId.of(name).map(GateId::afterTraffic).orElse(false);
  }
}
