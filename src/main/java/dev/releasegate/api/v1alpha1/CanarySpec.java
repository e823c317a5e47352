package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How traffic moves from the stable version to a candidate. The API server refuses steps whose
 * weights do not rise (Kubernetes' lists library has isSorted; distinct weights make it strict).
 */
@ValidationRule(
    value =
        "!has(self.steps) || (self.steps.map(s, s.weight).isSorted()"
            + " && self.steps.all(a, self.steps.exists_one(b, b.weight == a.weight)))",
    message = "weights must rise strictly from step to step, for example 10, 50, 100",
    fieldPath = ".steps")
public record CanarySpec(
    @Size(max = 20)
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
