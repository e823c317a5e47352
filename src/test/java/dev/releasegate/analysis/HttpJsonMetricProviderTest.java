package dev.releasegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.MetricProviderKind;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpJsonMetricProviderTest {
  private final FakeHttp service = new FakeHttp();
  private final HttpJsonMetricProvider provider =
      new HttpJsonMetricProvider(
          HttpClient.newHttpClient(),
          Duration.ofSeconds(5),
          (namespace, secret) -> Map.of("Authorization", "Bearer t0ken"),
          ServiceAddresses.none());

  @AfterEach
  void stop() {
    service.close();
  }

  private MetricQuery query(String pointer, String secret) {
    return new MetricQuery(
        "drift",
        "1.1.0",
        "canary",
        MetricProviderKind.http,
        service.url() + "/scores",
        null,
        pointer,
        secret,
        "ml");
  }

  @Test
  void theNumberAtTheJsonPointerIsTheValue() {
    service.body = "{\"data\": {\"drift\": 0.12, \"text\": \"0.5\"}}";
    assertThat(provider.measure(query("/data/drift", null)).value()).isEqualTo(0.12);
    assertThat(provider.measure(query("/data/text", null)).value()).isEqualTo(0.5);
  }

  @Test
  void aMissingValueIsNoDataAndTextIsAnError() {
    service.body = "{\"data\": {\"label\": \"high\"}}";
    assertThat(provider.measure(query("/data/drift", null)).kind())
        .isEqualTo(Measurement.Kind.NO_DATA);
    assertThat(provider.measure(query("/data/label", null)).kind())
        .isEqualTo(Measurement.Kind.ERROR);
  }

  @Test
  void headersComeFromTheSecretAndNeverAppearInErrors() {
    service.status = 503;
    Measurement m = provider.measure(query("/x", "eval-token"));
    assertThat(service.headers.get(0)).containsEntry("Authorization", List.of("Bearer t0ken"));
    assertThat(m.detail()).doesNotContain("t0ken").contains("503");
  }
}
