package dev.releasegate.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text format), {@code /healthz} (liveness) and {@code /readyz}
 * (readiness) over plain HTTP.
 *
 * <p>The JDK's own {@code com.sun.net.httpserver} rather than a web framework: three GET endpoints
 * read by the kubelet and Prometheus need no routing, TLS or content negotiation, and the {@code
 * jdk.httpserver} module ships with every JDK 17, so the operator image gains no dependency and no
 * second thread model.
 */
public final class OperatorEndpoints implements AutoCloseable {
  /** The Prometheus text exposition format that {@code PrometheusMeterRegistry.scrape()} writes. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private OperatorEndpoints(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving at {@code address} (port 0: a free port).
   *
   * @param metrics the scrape, in Prometheus text format
   * @param live whether the process works (false: the kubelet restarts it)
   * @param ready whether it is ready (its caches are synced)
   */
  public static OperatorEndpoints start(
      InetSocketAddress address,
      Supplier<String> metrics,
      BooleanSupplier live,
      BooleanSupplier ready) {
    try {
      HttpServer server = HttpServer.create(address, 0);
      server.createContext("/metrics", e -> respond(e, 200, METRICS_CONTENT_TYPE, metrics));
      server.createContext("/healthz", e -> probe(e, live));
      server.createContext("/readyz", e -> probe(e, ready));
      // Two threads: a slow scrape never holds up a probe.
      ExecutorService executor =
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread thread = new Thread(r, "operator-endpoints");
                thread.setDaemon(true);
                return thread;
              });
      server.setExecutor(executor);
      server.start();
      return new OperatorEndpoints(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve /metrics and probes on " + address, e);
    }
  }

  /** The port served, useful when started on port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false;
    }
    String body = ok ? "ok\n" : "not ok\n";
    respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", () -> body);
  }

  /** Answers a GET or HEAD; the body is only computed for a GET (a scrape is not free). */
  private static void respond(
      HttpExchange exchange, int code, String contentType, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(code, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
