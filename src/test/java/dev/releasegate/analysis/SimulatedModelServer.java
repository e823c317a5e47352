package dev.releasegate.analysis;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the serving pods' /metrics: the Prometheus text format with the gauges a test sets,
 * one per release and track, as a model server would export them.
 */
final class SimulatedModelServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Double> unsafeOutputRatio = new ConcurrentHashMap<>();

  SimulatedModelServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/metrics",
        exchange -> {
          StringBuilder text = new StringBuilder("# TYPE model_unsafe_output_ratio gauge\n");
          unsafeOutputRatio.forEach(
              (key, value) -> {
                String[] releaseAndTrack = key.split("/");
                text.append("model_unsafe_output_ratio{release=\"")
                    .append(releaseAndTrack[0])
                    .append("\",track=\"")
                    .append(releaseAndTrack[1])
                    .append("\"} ")
                    .append(value)
                    .append('\n');
              });
          byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  void set(String release, String track, double ratio) {
    unsafeOutputRatio.put(release + "/" + track, ratio);
  }

  String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stops answering: every scrape fails from now on. */
  @Override
  public void close() {
    server.stop(0);
  }
}
