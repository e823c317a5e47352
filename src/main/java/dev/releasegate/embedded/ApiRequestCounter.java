package dev.releasegate.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the embedded API server has received, per HTTP method and resource (e.g.
 * {@code "PATCH deployments"}, {@code "PUT modelreleases/status"}, {@code "WATCH deployments"},
 * {@code "GET /apis"} for non-resource paths), and which distinct {@link ApiCall}s were made.
 *
 * <p>Only the counters are kept, not the requests, so that memory stays bounded in a long-running
 * process. The server counts each request as it arrives, before answering it.
 */
public final class ApiRequestCounter {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Set<ApiCall> calls = ConcurrentHashMap.newKeySet();
  private final LongAdder total = new LongAdder();

  /** Total number of requests counted so far. */
  public long total() {
    return total.sum();
  }

  /** A sorted copy of the counts per {@code "METHOD resource"}. */
  public SortedMap<String, Long> snapshot() {
    SortedMap<String, Long> copy = new TreeMap<>();
    counts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  /**
   * Every distinct call received so far, in RBAC's terms. Distinct calls are few (one per verb,
   * resource, namespace and object), so the set stays small in a long-running demo.
   */
  public Set<ApiCall> calls() {
    return Set.copyOf(calls);
  }

  /** Counts one request received. */
  void count(RecordedRequest request) {
    String path = request.getPath();
    String resource =
        ResourcePath.parse(path)
            .map(ResourcePath::resource)
            .orElseGet(() -> ResourcePath.withoutQuery(path));
    counts.computeIfAbsent(verb(request) + " " + resource, k -> new LongAdder()).increment();
    calls.add(ApiCall.of(request));
    total.increment();
  }

  private static String verb(RecordedRequest request) {
    HttpMethod method = request.method();
    if (method == HttpMethod.GET && ResourcePath.isWatch(request.getPath())) {
      return "WATCH";
    }
    return method == null ? "OTHER" : method.name();
  }
}
