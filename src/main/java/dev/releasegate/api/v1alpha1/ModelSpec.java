package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The model artefact being released. */
public record ModelSpec(
    @JsonPropertyDescription("The model's name, as the team and its reviewers call it.") @Required
        String name,
    @JsonPropertyDescription(
            "The version being released. Sign-offs must name this exact version; a new value"
                + " starts a new release and restarts any canary in progress.")
        @Required
        String version,
    @JsonPropertyDescription("The serving image for this version.") @Required String image,
    @JsonPropertyDescription(
            "Where the serving pods load the weights from (for example s3://models/x/1.2.0);"
                + " passed to the pods as MODEL_URI.")
        String uri) {}
