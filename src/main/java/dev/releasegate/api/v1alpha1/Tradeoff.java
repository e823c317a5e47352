package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A regression the team accepts, and why. */
public record Tradeoff(
    @JsonPropertyDescription("The metric that regresses.") @Required String metric,
    @JsonPropertyDescription("Why it is acceptable, for the reviewers and the record.") @Required
        String justification) {}
