package dev.releasegate.embedded;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the embedded API server has received, per HTTP method and resource (e.g.
 * {@code "PATCH deployments"}, {@code "PUT modelreleases/status"}, {@code "WATCH deployments"},
 * {@code "GET /apis"} for non-resource paths), and which distinct {@link ApiCall}s were made.
 *
 * <p>The mock's MockWebServer keeps every request it receives in an unbounded queue, which in a
 * long-running process is a memory leak. A daemon thread drains that queue and keeps only these
 * counters. Counting therefore lags the requests by a few milliseconds.
 */
public final class ApiRequestCounter implements AutoCloseable {

  private final MockWebServer server;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Set<ApiCall> calls = ConcurrentHashMap.newKeySet();
  private final LongAdder total = new LongAdder();
  private final Thread drainer;
  private volatile boolean running = true;

  ApiRequestCounter(MockWebServer server) {
    this.server = server;
    this.drainer = new Thread(this::drain, "embedded-api-request-counter");
    drainer.setDaemon(true);
    drainer.start();
  }

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

  /** Stops draining; requests received afterwards are neither counted nor kept. */
  @Override
  public void close() {
    running = false;
    drainer.interrupt();
    try {
      drainer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    while (running) {
      try {
        RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
        if (request != null) {
          count(request);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void count(RecordedRequest request) {
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
