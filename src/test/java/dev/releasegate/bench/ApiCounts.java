package dev.releasegate.bench;

import dev.releasegate.embedded.StandaloneApi;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request counts by request ({@code "METHOD resource"} from the embedded API, {@code "verb
 * resource"} from a real API server's audit log).
 */
record ApiCounts(long total, Map<String, Long> byRequest) {

  /** Counts from a map of them. */
  static ApiCounts of(Map<String, Long> byRequest) {
    return new ApiCounts(
        byRequest.values().stream().mapToLong(Long::longValue).sum(), new TreeMap<>(byRequest));
  }

  /** The embedded API's request counts, as its process writes them each second. */
  static ApiCounts read(Path dir) {
    try {
      Map<?, ?> json =
          Serialization.unmarshal(
              Files.readString(dir.resolve(StandaloneApi.REQUEST_COUNTS)), Map.class);
      Map<String, Long> byRequest = new TreeMap<>();
      ((Map<?, ?>) json.get("byRequest"))
          .forEach((k, v) -> byRequest.put((String) k, ((Number) v).longValue()));
      return new ApiCounts(((Number) json.get("total")).longValue(), byRequest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Requests about releases, leaving out the leader election's Lease, which is per operator. */
  long releaseRequests() {
    return byRequest.entrySet().stream()
        .filter(e -> !isLease(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * Of those, the ones that change something: creates, patches, updates, deletes (as HTTP methods
   * or as the authorizer's verbs).
   */
  long releaseWrites() {
    return byRequest.entrySet().stream()
        .filter(e -> !isLease(e.getKey()) && isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static boolean isWrite(String key) {
    return key.matches("^(POST|PATCH|PUT|DELETE|create|patch|update|delete|deletecollection) .*");
  }

  /** The Lease's own traffic: the leader renewing its lease. */
  long leaseRequests() {
    return byRequest.entrySet().stream()
        .filter(e -> isLease(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static boolean isLease(String key) {
    return key.endsWith(" leases");
  }

  /** What happened between two readings. */
  Map<String, Long> minus(ApiCounts before) {
    Map<String, Long> delta = new TreeMap<>();
    byRequest.forEach(
        (k, v) -> {
          long d = v - before.byRequest().getOrDefault(k, 0L);
          if (d != 0) {
            delta.put(k, d);
          }
        });
    return delta;
  }
}
