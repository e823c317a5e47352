package dev.releasegate.analysis;

import dev.releasegate.api.v1alpha1.MetricProviderKind;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** Measures due queries with the provider each names. */
public final class MetricProviders {
  /** No query may hold a worker longer than this. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Map<MetricProviderKind, MetricProvider> providers;

  public MetricProviders(Map<MetricProviderKind, MetricProvider> providers) {
    this.providers = Map.copyOf(providers);
  }

  /** Prometheus and HTTP/JSON over one JDK HTTP client. */
  public static MetricProviders standard(
      HttpJsonMetricProvider.Headers headers, ServiceAddresses addresses) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    return new MetricProviders(
        Map.of(
            MetricProviderKind.prometheus,
            new PrometheusMetricProvider(http, TIMEOUT, addresses),
            MetricProviderKind.http,
            new HttpJsonMetricProvider(http, TIMEOUT, headers, addresses)));
  }

  /** One query's answer; a provider that throws counts as a query error. */
  public Measurement measure(MetricQuery query) {
    MetricProvider provider = providers.get(query.provider());
    if (provider == null) {
      return Measurement.error(query, "no " + query.provider() + " provider");
    }
    try {
      return provider.measure(query);
    } catch (RuntimeException e) {
      // A provider bug must not stall the reconcile loop; it counts as a query error.
      return Measurement.error(query, e.toString());
    }
  }
}
