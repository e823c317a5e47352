package dev.releasegate.embedded;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch with a field selector, over WebSocket or plain HTTP ({@link HttpWatchStream}): the mock's
 * own watch of the whole collection (label selector and namespace still applied by the mock), with
 * every event it sends passed through {@link SelectedWatchEvents} first.
 *
 * <p>The mock's watch listener is a package-private class that sends through the socket it is
 * handed when the connection opens, so the way in is to hand it a socket that filters. Every
 * callback goes to the mock's listener with that same filtering socket.
 */
final class FieldSelectedWatch extends WebSocketListener {

  private final WebSocketListener mockWatch;
  private final SelectedWatchEvents events;
  private FilteringSocket socket;

  FieldSelectedWatch(WebSocketListener mockWatch, FieldSelector selector) {
    this.mockWatch = mockWatch;
    this.events = new SelectedWatchEvents(selector);
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    mockWatch.onBeforeAccept(filtering(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    mockWatch.onOpen(filtering(webSocket), response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    mockWatch.onMessage(filtering(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    mockWatch.onMessage(filtering(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    mockWatch.onClosing(filtering(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    mockWatch.onClosed(filtering(webSocket), code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable error, Response response) {
    mockWatch.onFailure(filtering(webSocket), error, response);
  }

  private synchronized WebSocket filtering(WebSocket webSocket) {
    if (socket == null || socket.connection != webSocket) {
      socket = new FilteringSocket(webSocket);
    }
    return socket;
  }

  /** The connection's socket, sending only what {@link SelectedWatchEvents} admits. */
  private final class FilteringSocket implements WebSocket {
    private final WebSocket connection;

    FilteringSocket(WebSocket connection) {
      this.connection = connection;
    }

    @Override
    public RecordedRequest request() {
      return connection.request();
    }

    @Override
    public boolean send(String text) {
      return events.admit(text).map(connection::send).orElse(true);
    }

    @Override
    public boolean send(byte[] bytes) {
      return connection.send(bytes);
    }

    @Override
    public boolean close(int code, String reason) {
      return connection.close(code, reason);
    }
  }
}
