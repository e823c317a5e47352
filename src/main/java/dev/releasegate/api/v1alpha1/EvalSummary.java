package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** An evaluation report reduced to what the next version is compared against. */
public record EvalSummary(
    @JsonPropertyDescription("The fixed eval set's id.") String evalSetId,
    @JsonPropertyDescription("How many cases the eval set has.") Long evalSetSize,
    @JsonPropertyDescription("Metric name to value.") Map<String, Double> metrics) {}
