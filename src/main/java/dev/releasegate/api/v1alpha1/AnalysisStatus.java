package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/** What the watched signals said about one version, during its canary or its observation. */
public record AnalysisStatus(
    @JsonPropertyDescription("The version measured.") String version,
    @JsonPropertyDescription("canary or observation.") String during,
    @JsonPropertyDescription("When this analysis began.") Instant startedAt,
    @JsonPropertyDescription("Each metric's measurements so far.") List<MetricStatus> metrics) {}
