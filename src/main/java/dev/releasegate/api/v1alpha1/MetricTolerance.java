package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** One compared metric. */
public record MetricTolerance(
    @JsonPropertyDescription("The metric's name in the report.") @Required String metric,
    @JsonPropertyDescription("higherIsBetter (accuracy) or lowerIsBetter (latency, bias gap).")
        @Required
        @SchemaFrom(type = MetricDirection.class)
        String direction,
    @JsonPropertyDescription(
            "How much worse than the last approved version it may get, in the metric's own unit"
                + " (0.01 for one point of accuracy). Default 0.")
        @Min(0)
        Double maxRegression) {

  /** The tolerance, absent meaning none. */
  public double allowance() {
    return maxRegression == null ? 0 : maxRegression;
  }
}
