package dev.releasegate.operator;

import dev.releasegate.analysis.HttpJsonMetricProvider;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP headers for metric queries, read from a Secret's keys. Secrets are read directly (an
 * informer on every Secret would cache far more than the few a release names) and kept for a short
 * while, so a busy analysis does not read one per measurement. Values never leave this class except
 * as headers.
 */
final class SecretHeaders implements HttpJsonMetricProvider.Headers {
  private static final Duration KEEP = Duration.ofSeconds(30);

  private record Cached(Map<String, String> headers, Instant until) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  SecretHeaders(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public Map<String, String> of(String namespace, String secretName) {
    Instant now = clock.instant();
    Cached cached = cache.get(namespace + "/" + secretName);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.headers();
    }
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    if (secret == null) {
      throw new IllegalArgumentException(
          "Secret " + secretName + " (headers for a metric query) was not found in " + namespace);
    }
    Map<String, String> headers = new TreeMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  headers.put(
                      k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      headers.putAll(secret.getStringData());
    }
    cache.put(namespace + "/" + secretName, new Cached(Map.copyOf(headers), now.plus(KEEP)));
    return headers;
  }
}
