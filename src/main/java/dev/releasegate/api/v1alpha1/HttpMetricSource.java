package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A metric read from any HTTP endpoint that answers JSON, such as an eval service. */
public record HttpMetricSource(
    @JsonPropertyDescription(
            "The URL to GET; {{name}}, {{namespace}}, {{version}} and {{track}} are replaced.")
        @Required
        String url,
    @JsonPropertyDescription("A JSON pointer to the number in the answer, for example /data/value.")
        @Required
        String jsonPointer,
    @JsonPropertyDescription(
            "A Secret in the release's namespace whose keys are sent as HTTP headers (for a token)."
                + " Its values are never logged or shown in status.")
        String headersSecret) {}
