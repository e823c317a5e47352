package dev.releasegate.demo;

import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.UnaryOperator;

/**
 * The examples are written for a real cluster, with a real Prometheus address. In the demo their
 * analysis queries the simulated Prometheus instead; nothing else about them changes.
 */
final class DemoAdapter implements UnaryOperator<HasMetadata> {
  private final String prometheusAddress;

  DemoAdapter(String prometheusAddress) {
    this.prometheusAddress = prometheusAddress;
  }

  @Override
  public HasMetadata apply(HasMetadata item) {
    if (!"ModelRelease".equals(item.getKind())) {
      return item;
    }
    ModelRelease release =
        item instanceof ModelRelease typed
            ? typed
            : Serialization.jsonMapper().convertValue(item, ModelRelease.class);
    ModelReleaseSpec spec = release.getSpec();
    if (spec != null && spec.analysis() != null && spec.analysis().prometheus() != null) {
      AnalysisSpec analysis = spec.analysis();
      release.setSpec(
          spec.withAnalysis(
              new AnalysisSpec(
                  analysis.interval(),
                  new PrometheusProvider(prometheusAddress),
                  analysis.metrics())));
    }
    return release;
  }
}
