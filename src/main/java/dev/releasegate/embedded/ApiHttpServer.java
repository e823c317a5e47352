package dev.releasegate.embedded;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded API's HTTP server: Vert.x, as in the mock's own MockWebServer, handing every request
 * to the dispatcher as a {@link RecordedRequest} and writing back its {@link MockResponse}, with
 * two things the mock's HTTP handler cannot do.
 *
 * <ul>
 *   <li>It reads a request body however it is framed. The mock's handler reads one only when a
 *       Content-Length or Content-Type header announces it, and {@code kubectl create --raw -f}
 *       sends its file chunked, with neither.
 *   <li>It streams a watch over plain HTTP ({@link HttpWatchStream}) when the dispatcher answers a
 *       request without a WebSocket upgrade with a watch; the mock's handler can only send one
 *       whole response.
 * </ul>
 *
 * <p>WebSocket upgrades are served through the mock's own {@link ServerWebSocketHandler}. Every
 * request is reported to {@code received} (the request counter) before it is dispatched. Like the
 * mock's, the server handles its connections on one event-loop thread.
 */
final class ApiHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);
  private static final long START_STOP_TIMEOUT_SECONDS = 10;

  private final Vertx vertx = Vertx.vertx();
  private final Dispatcher dispatcher;
  private final Consumer<RecordedRequest> received;
  private HttpServer server;

  ApiHttpServer(Dispatcher dispatcher, Consumer<RecordedRequest> received) {
    this.dispatcher = dispatcher;
    this.received = received;
  }

  /** Listens on {@code address} and {@code port} (0 for a free one); returns the port. */
  int start(InetAddress address, int port) {
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setHost(address.getHostAddress())
                .setPort(port)
                .setHandle100ContinueAutomatically(true));
    server.requestHandler(this::handle);
    return await(server.listen(), "cannot listen on " + address + ":" + port).actualPort();
  }

  @Override
  public void close() {
    dispatcher.shutdown();
    if (server != null) {
      await(server.close(), "cannot stop the HTTP server");
    }
    await(vertx.close(), "cannot stop Vert.x");
  }

  private void handle(HttpServerRequest request) {
    if (isWebSocketUpgrade(request)) {
      // Answered at once: Vert.x refuses to upgrade a request whose end has been read, and an
      // upgrade carries no body.
      answer(request, null);
    } else {
      request
          .body()
          .onSuccess(body -> answer(request, body))
          .onFailure(error -> fail(request, error));
    }
  }

  /** The dispatcher's answer: a response, or a watch over WebSocket or, without upgrade, HTTP. */
  private void answer(HttpServerRequest request, Buffer body) {
    try {
      RecordedRequest recorded = recorded(request, body);
      MockResponse response = dispatch(recorded);
      if (response.getWebSocketListener() == null) {
        send(request.response(), response);
      } else if (isWebSocketUpgrade(request)) {
        request
            .toWebSocket()
            .onSuccess(new ServerWebSocketHandler(recorded, response))
            .onFailure(error -> fail(request, error));
      } else {
        HttpWatchStream.open(vertx, request.response(), recorded, response);
      }
    } catch (RuntimeException e) {
      fail(request, e);
    }
  }

  private MockResponse dispatch(RecordedRequest request) {
    received.accept(request);
    return dispatcher.dispatch(request);
  }

  private static RecordedRequest recorded(HttpServerRequest request, Buffer body) {
    return new RecordedRequest(
        request.version().alpnName().toUpperCase(Locale.ROOT),
        HttpMethod.fromVertx(request.method()),
        request.uri(),
        Headers.builder().addAll(request.headers()).build(),
        new io.fabric8.mockwebserver.http.Buffer(
            body == null || body.length() == 0 ? null : body.getBytes()));
  }

  private static void send(HttpServerResponse out, MockResponse response) {
    out.setStatusCode(response.code());
    response.getHeaders().toMultimap().forEach((name, values) -> out.headers().add(name, values));
    io.fabric8.mockwebserver.http.Buffer body = response.getBody();
    if (body != null && body.size() > 0) {
      out.end(Buffer.buffer(body.getBytes()));
    } else {
      out.end();
    }
  }

  private static void fail(HttpServerRequest request, Throwable error) {
    LOG.warn("Embedded API server failed on {} {}", request.method(), request.uri(), error);
    if (!request.response().headWritten()) {
      request.response().setStatusCode(500).end();
    }
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
  }

  private static <T> T await(Future<T> future, String failure) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(failure, e);
    }
  }
}
