package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows the stream of watch events of a collection to the objects a field selector matches, the
 * way a real API server's watch cache does: an object that starts to match arrives as ADDED, one
 * that stops matching as DELETED, and objects that never match are not sent at all.
 *
 * <p>It remembers which objects the watcher has been shown (by namespace and name), since the
 * mock's events carry only the new state. Unlike a real server, the DELETED sent when an object
 * stops matching carries its new state rather than the last matching one; watchers key on the name,
 * so they cannot tell. Events other than ADDED, MODIFIED and DELETED (BOOKMARK, ERROR) pass
 * unchanged. Called from one watch's sending thread; synchronised all the same.
 */
final class SelectedWatchEvents implements WatchEventFilter {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final FieldSelector selector;
  private final Set<String> shown = new HashSet<>();

  SelectedWatchEvents(FieldSelector selector) {
    this.selector = selector;
  }

  /** The event to send in place of {@code watchEvent} (a JSON WatchEvent), or empty to drop it. */
  @Override
  public synchronized Optional<String> admit(String watchEvent) {
    ObjectNode event;
    try {
      event = (ObjectNode) JSON.readTree(watchEvent);
    } catch (JsonProcessingException | ClassCastException e) {
      return Optional.of(watchEvent);
    }
    String type = event.path("type").asText();
    if (!type.equals("ADDED") && !type.equals("MODIFIED") && !type.equals("DELETED")) {
      return Optional.of(watchEvent);
    }
    JsonNode object = event.path("object");
    JsonNode metadata = object.path("metadata");
    String key = metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
    boolean wasShown = shown.contains(key);
    boolean matches = selector.matches(object);

    String sent;
    if (type.equals("DELETED")) {
      sent = wasShown || matches ? "DELETED" : null;
      shown.remove(key);
    } else if (matches) {
      sent = wasShown ? "MODIFIED" : "ADDED";
      shown.add(key);
    } else {
      sent = wasShown ? "DELETED" : null;
      shown.remove(key);
    }
    if (sent == null) {
      return Optional.empty();
    }
    return Optional.of(sent.equals(type) ? watchEvent : event.put("type", sent).toString());
  }
}
