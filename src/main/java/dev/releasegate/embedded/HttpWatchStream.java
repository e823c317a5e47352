package dev.releasegate.embedded;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A watch streamed over plain HTTP, as a real API server streams one to kubectl ({@code get -w},
 * {@code wait}, {@code rollout status}): a chunked {@code application/json} response with one JSON
 * WatchEvent per line, open until the client goes away or the request's {@code timeoutSeconds}
 * pass.
 *
 * <p>The dispatcher answers every watch with a WebSocket listener (a {@link StoreWatches} watch,
 * maybe behind a {@link FilteredWatch}), and this stream is the socket that listener sends through;
 * so a watch over HTTP gets the same events, in the same order, as one over WebSocket. When the
 * stream ends, from either side, the listener is told it closed, which lets the watch go.
 *
 * <p>Events are sent by the thread that made the change, while the event loop may be ending the
 * stream; sending and ending are therefore synchronised, and a send after the end is dropped.
 */
final class HttpWatchStream implements WebSocket {

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final RecordedRequest request;
  private final WebSocketListener watch;
  private final AtomicBoolean closed = new AtomicBoolean();
  private boolean ended;
  private volatile long timer = -1;

  private HttpWatchStream(
      Vertx vertx, HttpServerResponse response, RecordedRequest request, WebSocketListener watch) {
    this.vertx = vertx;
    this.response = response;
    this.request = request;
    this.watch = watch;
  }

  /** Starts streaming the watch the dispatcher answered {@code request} with. */
  static void open(
      Vertx vertx, HttpServerResponse response, RecordedRequest request, MockResponse answer) {
    HttpWatchStream stream =
        new HttpWatchStream(vertx, response, request, answer.getWebSocketListener());
    response.setStatusCode(200).putHeader("Content-Type", "application/json").setChunked(true);
    response.closeHandler(v -> stream.lost("the client went away"));
    response.exceptionHandler(error -> stream.lost(String.valueOf(error.getMessage())));
    // Sent now: a client waits for the headers before it reads events, and there may be none yet.
    response.writeHead();
    timeoutSeconds(request)
        .ifPresent(
            seconds ->
                stream.timer =
                    vertx.setTimer(
                        TimeUnit.SECONDS.toMillis(seconds),
                        id -> stream.close(1000, "timeoutSeconds passed")));
    try {
      stream.watch.onOpen(stream, answer);
    } catch (RuntimeException e) {
      stream.close(1011, "the watch failed to open");
      throw e;
    }
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public synchronized boolean send(String event) {
    return write(Buffer.buffer(event).appendString("\n"));
  }

  @Override
  public synchronized boolean send(byte[] bytes) {
    return write(Buffer.buffer(bytes));
  }

  /** Ends the stream, as the server: the response is ended and the watch let go. */
  @Override
  public boolean close(int code, String reason) {
    synchronized (this) {
      if (!ended) {
        ended = true;
        response.end();
      }
    }
    closed(code, reason);
    return true;
  }

  private boolean write(Buffer chunk) {
    if (ended) {
      return false;
    }
    try {
      response.write(chunk);
      return true;
    } catch (IllegalStateException e) {
      // The connection closed before its close handler ran; that handler lets the watch go.
      ended = true;
      return false;
    }
  }

  /** The client went away or the connection failed: nothing more can be written. */
  private void lost(String reason) {
    synchronized (this) {
      ended = true;
    }
    closed(1001, reason);
  }

  private void closed(int code, String reason) {
    if (closed.compareAndSet(false, true)) {
      vertx.cancelTimer(timer);
      watch.onClosed(this, code, reason);
    }
  }

  private static Optional<Long> timeoutSeconds(RecordedRequest request) {
    try {
      return ResourcePath.queryParameter(request.getPath(), "timeoutSeconds")
          .map(Long::parseLong)
          .filter(seconds -> seconds > 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
