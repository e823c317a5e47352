package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** Where the Gateway API router sets its weights. */
public record GatewayApiRouting(
    @JsonPropertyDescription(
            "The HTTPRoute, in the release's namespace, whose rule splits the traffic. It must"
                + " exist: releasegate never creates or deletes a route. The rule must have exactly"
                + " two backendRefs, to the Services <release>-stable and <release>-canary; only"
                + " their weights are ever changed, and an edit to them by anyone else is undone.")
        @Required
        String httpRoute,
    @JsonPropertyDescription(
            "Which rule of the route: its name (spec.rules[].name) or its index counting from 0."
                + " May be omitted when the route has a single rule.")
        String rule,
    @JsonPropertyDescription(
            "The port the <release>-stable and <release>-canary Services expose, which the rule's"
                + " backendRefs name. Default: the serving container's first port (8080 when the"
                + " template names none).")
        @Min(1)
        @Max(65535)
        Integer port) {}
