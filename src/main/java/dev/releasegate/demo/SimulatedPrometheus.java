package dev.releasegate.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stand-in for Prometheus: it answers {@code /api/v1/query} for the examples' four
 * signals with simulated model-server values, healthy unless the story makes one climb. It does not
 * evaluate PromQL; it recognises a signal by its metric name and reads the release and track labels
 * from the query. Written by hand because the point is a scripted story, not a database.
 */
final class SimulatedPrometheus implements AutoCloseable {
  private static final Pattern RELEASE = Pattern.compile("release=\"([^\"]+)\"");
  private static final Pattern TRACK = Pattern.compile("track=\"([^\"]+)\"");

  /** A value that climbs from where it starts, as a bad model's unsafe output rate does. */
  private record Climb(double from, double perSecond, double max, Instant since) {
    double at(Instant now) {
      return Math.min(max, from + perSecond * Duration.between(since, now).toMillis() / 1000.0);
    }
  }

  private final HttpServer server;
  private final Clock clock;
  private final Map<String, Climb> climbing = new ConcurrentHashMap<>();

  SimulatedPrometheus(Clock clock) {
    this.clock = clock;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/v1/query", this::answer);
    server.start();
  }

  String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes a release's unsafe output rate on a track climb from now on. */
  void climbUnsafeOutputRate(String release, String track) {
    climbing.put(release + "/" + track, new Climb(0.004, 0.004, 0.09, clock.instant()));
  }

  private void answer(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    String query =
        raw == null
            ? ""
            : URLDecoder.decode(raw.replaceFirst("^query=", ""), StandardCharsets.UTF_8);
    String result =
        value(query)
            .map(
                v ->
                    "[{\"metric\":{},\"value\":["
                        + clock.millis() / 1000.0
                        + ",\""
                        + String.format(Locale.ROOT, "%.4f", v)
                        + "\"]}]")
            .orElse("[]");
    byte[] body =
        ("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  /** The simulated value of the signal a query asks for; empty for a query it does not know. */
  private Optional<Double> value(String query) {
    String key = label(RELEASE, query) + "/" + label(TRACK, query);
    if (query.contains("model_responses_flagged_total")) {
      Climb climb = climbing.get(key);
      return Optional.of(climb == null ? 0.004 : climb.at(clock.instant()));
    }
    if (query.contains("agent_tool_calls_total")) {
      return Optional.of(query.contains("unauthorized") ? 0.0 : 0.006);
    }
    if (query.contains("model_eval_score")) {
      return Optional.of(0.94);
    }
    if (query.contains("model_access_anomalies_total")) {
      return Optional.of(0.0);
    }
    return Optional.empty();
  }

  private static String label(Pattern pattern, String query) {
    Matcher m = pattern.matcher(query);
    return m.find() ? m.group(1) : "";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
