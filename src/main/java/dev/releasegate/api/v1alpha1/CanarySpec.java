package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** How traffic moves from the stable version to a candidate. */
public record CanarySpec(
    @JsonPropertyDescription(
            "Traffic steps for every version after the first, in order. Weights rise strictly"
                + " and lie in 1..100. After the last step the candidate is promoted: it gets all"
                + " traffic and becomes the stable, last approved version.")
        List<CanaryStep> steps,
    @JsonPropertyDescription(
            "How a weight becomes traffic: replicas (the default: spec.replicas split between the"
                + " two versions behind one Service), gatewayAPI (the weights of an HTTPRoute rule)"
                + " or kserve (an InferenceService's canaryTrafficPercent). Set one.")
        TrafficRouting trafficRouting) {}
