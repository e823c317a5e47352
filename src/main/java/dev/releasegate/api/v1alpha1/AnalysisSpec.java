package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.releasegate.api.GoDuration;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/**
 * The alert thresholds the operator watches: during the canary on the candidate, and for the
 * observation period after promotion on the newly approved version.
 */
public record AnalysisSpec(
    @JsonPropertyDescription(
            "How often each metric is measured unless it says otherwise (default 1m).")
        @Pattern(GoDuration.PATTERN)
        String interval,
    @JsonPropertyDescription(
            "The Prometheus server queried by metrics whose provider is prometheus.")
        PrometheusProvider prometheus,
    @JsonPropertyDescription(
            "The signals and their thresholds, for example the checklist's unsafe output rate, tool"
                + " error rate, drift in key scores and access anomalies.")
        List<AnalysisMetric> metrics) {}
