package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** One metric's measurements in an analysis. */
public record MetricStatus(
    @JsonPropertyDescription("The metric's name.") String name,
    @JsonPropertyDescription("The last value measured; empty when there was none.")
        Double lastValue,
    @JsonPropertyDescription("The healthy range, for example <= 0.02.") String threshold,
    @JsonPropertyDescription("The last measurement's result: Success, Failure, NoData or Error.")
        String lastResult,
    @JsonPropertyDescription("Measurements within the threshold.") int successes,
    @JsonPropertyDescription(
            "Measurements outside the threshold (and no-data ones when onNoData is fail).")
        int failures,
    @JsonPropertyDescription("Measurements that returned no data.") int noData,
    @JsonPropertyDescription("Query errors in a row, reset by any answer.") int consecutiveErrors,
    @JsonPropertyDescription("The last query error, if any.") String lastError,
    @JsonPropertyDescription("When it was last measured.") Instant measuredAt) {}
