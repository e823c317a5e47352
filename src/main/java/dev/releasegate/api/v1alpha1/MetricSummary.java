package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One metric's measurements over one canary step: how many counted, the worst, the breaches. */
public record MetricSummary(
    @JsonPropertyDescription("The metric's name.") String name,
    @JsonPropertyDescription("The healthy range, for example <= 0.02.") String threshold,
    @JsonPropertyDescription("Measurements that returned a value or no data.") int measurements,
    @JsonPropertyDescription(
            "Measurements outside the threshold (and no-data ones when onNoData is fail).")
        int breaches,
    @JsonPropertyDescription("Measurements that returned no data.") int noData,
    @JsonPropertyDescription("Queries that failed.") int errors,
    @JsonPropertyDescription(
            "The value furthest towards or past the threshold; empty when none was measured.")
        Double worstValue) {}
