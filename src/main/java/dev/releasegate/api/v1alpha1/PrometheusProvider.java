package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where Prometheus' HTTP API answers. */
public record PrometheusProvider(
    @JsonPropertyDescription("Its base URL, for example http://prometheus.monitoring:9090.")
        @Required
        String address) {}
