package dev.releasegate.embedded;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch whose events pass through a {@link WatchEventFilter} before the client gets them: the
 * store's watch of the collection ({@link StoreWatches}, which applies the namespace and label
 * selector), with every event it sends filtered first. The dispatcher filters watches by field
 * selector ({@link SelectedWatchEvents}), by the resourceVersion they resume from ({@link
 * ResumedWatchEvents}) and into Table rows ({@link TableWatchEvents}), and mark the end of the
 * initial events when asked to ({@link InitialEventsEnd}).
 *
 * <p>The store's watch sends through the socket it is handed when the connection opens, so the way
 * in is to hand it a socket that filters. Every callback goes to the store's watch with that same
 * filtering socket; the socket may be a WebSocket or a plain HTTP stream ({@link HttpWatchStream}).
 */
final class FilteredWatch extends WebSocketListener {

  private final WebSocketListener storeWatch;
  private final WatchEventFilter events;
  private FilteringSocket socket;

  FilteredWatch(WebSocketListener storeWatch, WatchEventFilter events) {
    this.storeWatch = storeWatch;
    this.events = events;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    storeWatch.onBeforeAccept(filtering(webSocket), response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    // The store's watch sends the objects already stored from within onOpen.
    storeWatch.onOpen(filtering(webSocket), response);
    events.initialEventsSent().ifPresent(webSocket::send);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    storeWatch.onMessage(filtering(webSocket), text);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    storeWatch.onMessage(filtering(webSocket), bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    storeWatch.onClosing(filtering(webSocket), code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    storeWatch.onClosed(filtering(webSocket), code, reason);
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable error, Response response) {
    storeWatch.onFailure(filtering(webSocket), error, response);
  }

  private synchronized WebSocket filtering(WebSocket webSocket) {
    if (socket == null || socket.connection != webSocket) {
      socket = new FilteringSocket(webSocket);
    }
    return socket;
  }

  /** The connection's socket, sending only what the filter admits, as it admits it. */
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
