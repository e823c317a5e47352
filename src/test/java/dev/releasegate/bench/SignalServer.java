package dev.releasegate.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The healthy signal every benchmark release's canary analysis reads over the HTTP/JSON provider,
 * so the steady state has the analysis' real cost in it: a measurement per release per interval,
 * and the status write that records it.
 */
final class SignalServer implements AutoCloseable {
  private static final byte[] HEALTHY = "{\"value\": 0.001}".getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final AtomicLong measurements = new AtomicLong();

  SignalServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          measurements.incrementAndGet();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, HEALTHY.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(HEALTHY);
          }
        });
    server.setExecutor(threads);
    server.start();
  }

  /** The URL template a release's metric names: one signal per release and track. */
  String urlTemplate() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/unsafe-output-rate?release={{name}}&track={{track}}";
  }

  /** Measurements answered so far. */
  long measurements() {
    return measurements.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
