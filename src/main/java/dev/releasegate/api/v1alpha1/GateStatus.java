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
        List<String> stale) {}
