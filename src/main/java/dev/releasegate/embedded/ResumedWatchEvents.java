package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Optional;

/**
 * The events of a watch that resumes from a resourceVersion, as a real API server sends them: only
 * what changed after that version.
 *
 * <p>The store sends every watch the objects it holds when it opens, as ADDED. A client that lists
 * and then watches from the list's resourceVersion (kubectl get -w, every informer) already has the
 * objects that have not changed since, and kubectl get -w would print each of them twice. So until
 * the initial events have been sent, an ADDED of an object whose resourceVersion is not newer than
 * the one resumed from is dropped; after them every event passes, unread.
 *
 * <p>Only the stored objects' versions are compared, as the store keeps no history of changes: an
 * object deleted between the client's list and its watch is not reported, and one changed in
 * between arrives as ADDED rather than MODIFIED. A watch from no resourceVersion or from "0", or
 * one that asks for {@code sendInitialEvents}, gets every stored object, as from a real server.
 */
final class ResumedWatchEvents implements WatchEventFilter {

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private final long resumedFrom;
  private volatile boolean initial = true;

  private ResumedWatchEvents(long resumedFrom) {
    this.resumedFrom = resumedFrom;
  }

  /** The filter for a watch of {@code path}; empty when it wants every stored object first. */
  static Optional<WatchEventFilter> of(ResourcePath path) {
    if (path.parameter("sendInitialEvents").filter("true"::equals).isPresent()) {
      return Optional.empty();
    }
    return path.parameter("resourceVersion")
        .flatMap(ResumedWatchEvents::number)
        .filter(version -> version > 0)
        .map(ResumedWatchEvents::new);
  }

  @Override
  public Optional<String> admit(String event) {
    if (!initial) {
      return Optional.of(event);
    }
    try {
      JsonNode parsed = JSON.readTree(event);
      boolean known =
          parsed.path("type").asText().equals("ADDED")
              && number(parsed.path("object").path("metadata").path("resourceVersion").asText())
                  .filter(version -> version <= resumedFrom)
                  .isPresent();
      return known ? Optional.empty() : Optional.of(event);
    } catch (JsonProcessingException e) {
      return Optional.of(event);
    }
  }

  @Override
  public Optional<String> initialEventsSent() {
    initial = false;
    return Optional.empty();
  }

  /** The store's resourceVersions are numbers; anything else is nothing to compare. */
  private static Optional<Long> number(String resourceVersion) {
    try {
      return Optional.of(Long.parseLong(resourceVersion));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
