package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Table columns of a custom resource, which make {@code kubectl get <crd plural>} show the
 * CRD's printer columns: Name, the served version's {@code additionalPrinterColumns}, and Age
 * (unless a declared column already shows the creation timestamp).
 *
 * <p>A declared column's cell is the value at its JSONPath typed like the column; a missing or
 * mistyped value is an empty cell, as on a real server.
 */
final class CustomResourceTable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String CREATION_TIMESTAMP = ".metadata.creationTimestamp";

  private CustomResourceTable() {}

  static List<TableColumn> columns(CustomResourceDefinitionVersion version) {
    List<CustomResourceColumnDefinition> declared =
        version.getAdditionalPrinterColumns() == null
            ? List.of()
            : version.getAdditionalPrinterColumns();
    List<TableColumn> columns = new ArrayList<>();
    columns.add(TableColumn.nameColumn());
    declared.forEach(column -> columns.add(declaredColumn(column)));
    if (declared.stream().noneMatch(c -> CREATION_TIMESTAMP.equals(c.getJsonPath()))) {
      columns.add(TableColumn.ageColumn());
    }
    return columns;
  }

  private static TableColumn declaredColumn(CustomResourceColumnDefinition column) {
    String type = column.getType();
    String path = column.getJsonPath();
    return new TableColumn(
        column.getName(),
        type,
        column.getFormat(),
        column.getDescription() != null
            ? column.getDescription()
            : "Custom resource definition column (in JSONPath format): " + path,
        column.getPriority() == null ? 0 : column.getPriority(),
        (object, now) -> cell(type, DottedJsonPath.find(object, path), now));
  }

  /** A cell typed like the column, or null (an empty cell) when the value is absent or mistyped. */
  private static JsonNode cell(String type, Optional<JsonNode> found, Instant now) {
    if (found.isEmpty()) {
      return null;
    }
    JsonNode value = found.get();
    return switch (type) {
      case "integer" -> value.isNumber() ? NODES.numberNode(value.asLong()) : null;
      case "number" -> value.isNumber() ? NODES.numberNode(value.asDouble()) : null;
      case "boolean" -> value.isBoolean() ? value : null;
      case "date" ->
          value.isTextual() ? NODES.textNode(HumanDuration.since(value.asText(), now)) : null;
      default -> NODES.textNode(value.isValueNode() ? value.asText() : value.toString());
    };
  }
}
