package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the router reported in force when the operator last looked. */
public record TrafficStatus(
    @JsonPropertyDescription("The router: replicas, gatewayAPI or kserve.") String router,
    @JsonPropertyDescription("The version the router reports on the stable side, if any.")
        String stable,
    @JsonPropertyDescription("The candidate version the router reports, if any.") String candidate,
    @JsonPropertyDescription(
            "The candidate's share of traffic in percent, as the router reports it in force (after"
                + " a rollback: 0).")
        Integer candidateWeight,
    @JsonPropertyDescription(
            "Whether what the router was last asked for is fully in force: pods ready, weights"
                + " written and accepted.")
        Boolean settled,
    @JsonPropertyDescription(
            "How the router realises it, or why it cannot, for people (for example the route's"
                + " two weights, or the InferenceService's traffic per revision).")
        String detail) {}
