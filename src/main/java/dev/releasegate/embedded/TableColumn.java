package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One column of a server-side Table: the definition kubectl takes its header from, and how each
 * object's cell is computed. Priority 0 columns always show; priority 1 columns only with {@code -o
 * wide}.
 */
record TableColumn(
    String name, String type, String format, String description, int priority, Cell cell) {

  /** One object's cell: a String, Number, Boolean or JsonNode, or null for an empty cell. */
  @FunctionalInterface
  interface Cell {
    Object of(JsonNode object, Instant now);
  }

  /** A column shown by default, without a format. */
  static TableColumn of(String name, String type, String description, Cell cell) {
    return new TableColumn(name, type, "", description, 0, cell);
  }

  /** The object's name, the first column of nearly every kind. */
  static TableColumn nameColumn() {
    return new TableColumn(
        "Name",
        "string",
        "name",
        "Name of the object.",
        0,
        (object, now) -> object.path("metadata").path("name").asText());
  }

  /** Time since the object was created, the last default column of nearly every kind. */
  static TableColumn ageColumn() {
    return of(
        "Age",
        "date",
        "Time since the object was created.",
        (object, now) -> {
          JsonNode created = object.path("metadata").path("creationTimestamp");
          return created.isTextual() ? HumanDuration.since(created.asText(), now) : null;
        });
  }

  /** This column, shown only with {@code -o wide}. */
  TableColumn wide() {
    return new TableColumn(name, type, format, description, 1, cell);
  }

  /** The column's entry in a Table's {@code columnDefinitions}. */
  ObjectNode definition() {
    ObjectNode definition = JsonNodeFactory.instance.objectNode();
    definition.put("name", name);
    definition.put("type", type);
    definition.put("format", format == null ? "" : format);
    definition.put("description", description);
    definition.put("priority", priority);
    return definition;
  }
}
