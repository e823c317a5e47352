package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A watch's events with each object printed as a one-row {@code meta.k8s.io/v1 Table}, as a real
 * API server sends them when the watch asks for a Table ({@code kubectl get -w} does, so that its
 * rows have the same columns as the list it printed first).
 *
 * <p>As on a real server, only the first event's Table carries the column definitions; kubectl
 * prints them as a header once. Events without an object to print (BOOKMARK, ERROR) pass as they
 * are.
 */
final class TableWatchEvents implements WatchEventFilter {

  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private static final Set<String> OBJECT_EVENTS = Set.of("ADDED", "MODIFIED", "DELETED");

  private final List<TableColumn> columns;
  private final String includeObject;
  private final Clock clock;
  private boolean headerSent;

  /**
   * @param columns the resource's columns ({@link ServerSideTable#columnsFor})
   * @param includeObject the row object asked for: {@code Metadata}, {@code Object} or {@code None}
   * @param clock for the ages printed
   */
  TableWatchEvents(List<TableColumn> columns, String includeObject, Clock clock) {
    this.columns = columns;
    this.includeObject = includeObject;
    this.clock = clock;
  }

  @Override
  public synchronized Optional<String> admit(String event) {
    ObjectNode parsed;
    try {
      parsed = (ObjectNode) JSON.readTree(event);
    } catch (JsonProcessingException | ClassCastException e) {
      return Optional.of(event);
    }
    JsonNode object = parsed.path("object");
    if (!OBJECT_EVENTS.contains(parsed.path("type").asText()) || !object.isObject()) {
      return Optional.of(event);
    }
    ObjectNode table =
        ServerSideTable.of(
            columns,
            List.of(object),
            object.path("metadata").path("resourceVersion").asText(""),
            includeObject,
            clock.instant());
    if (headerSent) {
      table.remove("columnDefinitions");
    }
    headerSent = true;
    return Optional.of(parsed.set("object", table).toString());
  }
}
