package dev.releasegate.analysis;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server answering with a fixed status and body, recording request headers. */
final class FakeHttp implements AutoCloseable {
  private final HttpServer server;
  volatile int status = 200;
  volatile String body = "{}";
  final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  final List<String> queries = new CopyOnWriteArrayList<>();

  FakeHttp() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          headers.add(Map.copyOf(exchange.getRequestHeaders()));
          queries.add(exchange.getRequestURI().getRawQuery());
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
