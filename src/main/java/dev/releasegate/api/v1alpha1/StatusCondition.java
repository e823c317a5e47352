package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Kubernetes condition, as metav1.Condition defines it, described for kubectl explain. */
public record StatusCondition(
    @JsonPropertyDescription("Ready, Reconciling or Stalled.") String type,
    @JsonPropertyDescription("True, False or Unknown.") String status,
    @JsonPropertyDescription("Why, as one CamelCase word.") String reason,
    @JsonPropertyDescription("What is happening, for people; set on the condition that is true.")
        String message,
    @JsonPropertyDescription("The metadata.generation this condition was computed from.")
        Long observedGeneration,
    @JsonPropertyDescription("When status last flipped, RFC 3339.") String lastTransitionTime) {}
