package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The BOOKMARK a real API server sends after the initial events of a watch that asks for them
 * ({@code sendInitialEvents=true}, the "watch list" of client-go's WatchListClient feature): it
 * carries the resourceVersion the initial state was read at, and the annotation {@code
 * k8s.io/initial-events-end}. Such a client waits for it before it takes its initial state as
 * complete.
 *
 * <p>The resourceVersion is the store's when the initial events have been sent, read after the
 * store's lock is released; since the server handles every request on one event-loop thread, no
 * change comes in between.
 */
final class InitialEventsEnd implements WatchEventFilter {

  static final String ANNOTATION = "k8s.io/initial-events-end";

  private final String apiVersion;
  private final String kind;
  private final LongSupplier resourceVersion;

  private InitialEventsEnd(String apiVersion, String kind, LongSupplier resourceVersion) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.resourceVersion = resourceVersion;
  }

  /**
   * The filter for a watch of {@code path}, if it asks for initial events and bookmarks; a
   * bookmark's object names its kind ({@code kind}, empty for a resource discovery does not know),
   * without which a client cannot read it.
   */
  static Optional<WatchEventFilter> of(
      ResourcePath path, Optional<String> kind, LongSupplier resourceVersion) {
    boolean asked =
        path.parameter("sendInitialEvents").filter("true"::equals).isPresent()
            && path.parameter("allowWatchBookmarks").filter("true"::equals).isPresent();
    if (!asked || kind.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new InitialEventsEnd(path.groupVersion(), kind.get(), resourceVersion));
  }

  @Override
  public Optional<String> admit(String event) {
    return Optional.of(event);
  }

  @Override
  public Optional<String> initialEventsSent() {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", "BOOKMARK");
    ObjectNode object = event.putObject("object");
    object.put("kind", kind);
    object.put("apiVersion", apiVersion);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("resourceVersion", String.valueOf(resourceVersion.getAsLong()));
    metadata.putObject("annotations").put(ANNOTATION, "true");
    return Optional.of(event.toString());
  }
}
