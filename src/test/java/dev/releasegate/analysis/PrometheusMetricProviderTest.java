package dev.releasegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.MetricProviderKind;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricProviderTest {
  private final FakeHttp prometheus = new FakeHttp();
  private final PrometheusMetricProvider provider =
      new PrometheusMetricProvider(
          HttpClient.newHttpClient(), Duration.ofSeconds(5), ServiceAddresses.none());

  @AfterEach
  void stop() {
    prometheus.close();
  }

  private Measurement answer(String data) {
    prometheus.body = "{\"status\":\"success\",\"data\":" + data + "}";
    return provider.measure(query(prometheus.url()));
  }

  static MetricQuery query(String address) {
    return new MetricQuery(
        "unsafe",
        "1.1.0",
        "canary",
        MetricProviderKind.prometheus,
        "sum(rate(x{track=\"canary\"}[5m]))",
        address,
        null,
        null,
        "ml");
  }

  @Test
  void aVectorOfOneSeriesOrAScalarIsAValue() {
    assertThat(
            answer(
                "{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.7e9,\"0.031\"]}]}"))
        .extracting(Measurement::kind, Measurement::value)
        .containsExactly(Measurement.Kind.VALUE, 0.031);
    assertThat(answer("{\"resultType\":\"scalar\",\"result\":[1.7e9,\"2\"]}").value())
        .isEqualTo(2.0);
    assertThat(prometheus.queries.get(0))
        .isEqualTo("query=sum%28rate%28x%7Btrack%3D%22canary%22%7D%5B5m%5D%29%29");
  }

  @Test
  void aServiceNamedAsTheClusterNamesItIsReachedWhereThisProcessReachesIt() {
    prometheus.body =
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0.5\"]}}";
    PrometheusMetricProvider outsideTheCluster =
        new PrometheusMetricProvider(
            HttpClient.newHttpClient(),
            Duration.ofSeconds(5),
            ServiceAddresses.service("prometheus", "monitoring", 9090, prometheus.url()));

    for (String address :
        new String[] {
          "http://prometheus.monitoring.svc:9090",
          "http://prometheus.monitoring:9090/",
          "http://prometheus.monitoring.svc.cluster.local:9090"
        }) {
      assertThat(outsideTheCluster.measure(query(address)).value()).as(address).isEqualTo(0.5);
    }
    assertThat(prometheus.queries).hasSize(3);

    prometheus.close();
    assertThat(outsideTheCluster.measure(query("http://prometheus.monitoring.svc:9090")).detail())
        .as("status names the address the spec gives")
        .startsWith("Prometheus at http://prometheus.monitoring.svc:9090 did not answer");
    assertThat(outsideTheCluster.measure(query("http://prometheus.other.svc:9090")))
        .as("another Service is not reached there")
        .satisfies(m -> assertThat(m.kind()).isEqualTo(Measurement.Kind.ERROR))
        .satisfies(m -> assertThat(m.detail()).contains("prometheus.other.svc"));
  }

  @Test
  void noSeriesNanAndInfinityAreNoDataNeverZero() {
    assertThat(answer("{\"resultType\":\"vector\",\"result\":[]}").kind())
        .isEqualTo(Measurement.Kind.NO_DATA);
    assertThat(
            answer("{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"NaN\"]}]}")
                .kind())
        .isEqualTo(Measurement.Kind.NO_DATA);
    assertThat(answer("{\"resultType\":\"scalar\",\"result\":[1,\"+Inf\"]}").kind())
        .isEqualTo(Measurement.Kind.NO_DATA);
  }

  @Test
  void severalSeriesAreAnErrorThatAsksForAnAggregation() {
    Measurement m =
        answer(
            "{\"resultType\":\"vector\",\"result\":[{\"value\":[1,\"1\"]},{\"value\":[1,\"2\"]}]}");
    assertThat(m.kind()).isEqualTo(Measurement.Kind.ERROR);
    assertThat(m.detail()).contains("2 series", "sum");
  }

  @Test
  void aRefusedQueryOrAnUnreachableServerIsAnError() {
    prometheus.status = 400;
    prometheus.body =
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}";
    assertThat(provider.measure(query(prometheus.url())).detail())
        .isEqualTo("Prometheus answered 400: parse error at char 5");

    prometheus.close();
    Measurement unreachable = provider.measure(query(prometheus.url()));
    assertThat(unreachable.kind()).isEqualTo(Measurement.Kind.ERROR);
    assertThat(unreachable.detail())
        .isEqualTo(
            "Prometheus at " + prometheus.url() + " did not answer: the connection was refused");
    assertThat(provider.measure(query(null)).detail())
        .isEqualTo("spec.analysis.prometheus.address is not set");
  }

  @Test
  void aProviderThatThrowsCountsAsAQueryError() {
    MetricProviders providers =
        new MetricProviders(
            Map.of(
                MetricProviderKind.prometheus,
                q -> {
                  throw new IllegalStateException("bug");
                }));
    assertThat(providers.measure(query("http://x")).kind()).isEqualTo(Measurement.Kind.ERROR);
  }
}
