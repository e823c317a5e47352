package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The model artefact being released. */
// The version labels its Deployment and pods, and a real API server accepts only label values.
@ValidationRule(
    value =
        "size(self.version) <= 63"
            + " && self.version.matches('^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$')",
    message =
        "version must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.',"
            + " starting and ending with a letter or digit (for example 1.2.0 or 2026.11.1),"
            + " because it labels the version's Deployment and pods",
    fieldPath = ".version")
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
