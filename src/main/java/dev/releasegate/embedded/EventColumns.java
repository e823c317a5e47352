package dev.releasegate.embedded;

import static dev.releasegate.embedded.CellValues.age;
import static dev.releasegate.embedded.CellValues.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Table columns of core v1 Events, as a real server prints them: LAST SEEN, TYPE, REASON, OBJECT
 * ({@code kind/name} with the kind lowercased), MESSAGE, and with {@code -o wide} also the
 * subobject, source, first seen, count and the event's own name.
 */
final class EventColumns {

  private EventColumns() {}

  static List<TableColumn> events() {
    return List.of(
        TableColumn.of(
            "Last Seen",
            "string",
            "The time at which the most recent occurrence was recorded.",
            EventColumns::lastSeen),
        TableColumn.of("Type", "string", "Normal or Warning.", (e, now) -> text(e, "type")),
        TableColumn.of(
            "Reason", "string", "Why the event was generated.", (e, now) -> text(e, "reason")),
        TableColumn.of(
            "Object", "string", "The object this event is about.", (e, now) -> involvedObject(e)),
        TableColumn.of(
                "Subobject",
                "string",
                "The part of the object this event is about.",
                (e, now) -> text(e, "involvedObject.fieldPath", ""))
            .wide(),
        TableColumn.of(
                "Source", "string", "The component reporting this event.", (e, now) -> source(e))
            .wide(),
        TableColumn.of(
            "Message",
            "string",
            "A human-readable description of the event.",
            (e, now) -> text(e, "message", "").strip()),
        TableColumn.of(
                "First Seen",
                "string",
                "The time at which the event was first recorded.",
                (e, now) -> age(firstSeen(e), now))
            .wide(),
        TableColumn.of(
                "Count",
                "integer",
                "The number of times this event has occurred.",
                (e, now) -> Math.max(1, CellValues.count(e, "count")))
            .wide(),
        TableColumn.nameColumn().wide());
  }

  /** "deployment/web", or just the kind when the event names no object. */
  private static String involvedObject(JsonNode event) {
    String kind = text(event, "involvedObject.kind", "").toLowerCase(Locale.ROOT);
    String name = text(event, "involvedObject.name");
    return name == null ? kind : kind + "/" + name;
  }

  private static String firstSeen(JsonNode event) {
    return text(event, "firstTimestamp", text(event, "eventTime"));
  }

  private static Object lastSeen(JsonNode event, Instant now) {
    return age(text(event, "lastTimestamp", firstSeen(event)), now);
  }

  /** "component" or "component, host", falling back to the newer reportingComponent. */
  private static String source(JsonNode event) {
    String component = text(event, "source.component", text(event, "reportingComponent", ""));
    String host = text(event, "source.host");
    return host == null ? component : component + ", " + host;
  }
}
