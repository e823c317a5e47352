package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.releasegate.api.GoDuration;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One traffic step of a canary. */
public record CanaryStep(
    @JsonPropertyDescription("Percentage of traffic the candidate gets at this step (1..100).")
        @Required
        @Min(1)
        @Max(100)
        Integer weight,
    @JsonPropertyDescription(
            "How long to hold this step once its traffic is in force, as a Go duration (30s, 10m,"
                + " 1h30m). Omitted on the last step: promote at once. Omitted on any other step:"
                + " hold until annotated releasegate.dev/promote=<version>.")
        @Pattern(GoDuration.PATTERN)
        String pause) {}
