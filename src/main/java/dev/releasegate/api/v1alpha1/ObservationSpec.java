package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.releasegate.api.GoDuration;
import io.fabric8.generator.annotation.Pattern;

/**
 * The first days after promotion are part of the release: analysis keeps watching, the previous
 * version stays ready to take the traffic back, and other changes wait.
 */
public record ObservationSpec(
    @JsonPropertyDescription(
            "How long analysis keeps watching after promotion before the release is Released"
                + " (default 720h, 30 days; 0s ends it at once).")
        @Pattern(GoDuration.PATTERN)
        String period,
    @JsonPropertyDescription(
            "How long after promotion a new version waits, unless annotated"
                + " releasegate.dev/freeze-exception=<version> (default 168h, 7 days; 0s: no freeze).")
        @Pattern(GoDuration.PATTERN)
        String freeze) {}
