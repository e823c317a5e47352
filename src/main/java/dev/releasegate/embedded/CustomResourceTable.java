package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing of custom resources as a {@code meta.k8s.io/v1 Table}, which is what makes
 * {@code kubectl get <crd plural>} show the CRD's printer columns.
 *
 * <p>kubectl asks for a Table through the Accept header ({@code
 * application/json;as=Table;v=v1;g=meta.k8s.io}); without one it can only print NAME and AGE.
 * Columns are Name, the served version's {@code additionalPrinterColumns}, and Age (unless a
 * declared column already shows the creation timestamp). A missing value is a {@code null} cell,
 * which kubectl prints as an empty cell. Rows carry the object as {@code PartialObjectMetadata}
 * unless {@code includeObject=Object} or {@code None} is requested, as a real server does.
 */
final class CustomResourceTable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String CREATION_TIMESTAMP = ".metadata.creationTimestamp";

  private CustomResourceTable() {}

  /** Whether an Accept header asks for server-side printing. */
  static boolean isRequested(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  static ObjectNode of(
      CustomResourceDefinitionVersion version,
      List<JsonNode> objects,
      String resourceVersion,
      String includeObject,
      Instant now) {
    List<CustomResourceColumnDefinition> declared =
        version.getAdditionalPrinterColumns() == null
            ? List.of()
            : version.getAdditionalPrinterColumns();
    boolean addAge = declared.stream().noneMatch(c -> CREATION_TIMESTAMP.equals(c.getJsonPath()));

    ArrayNode columns = NODES.arrayNode();
    columns.add(column("Name", "string", "name", "Name of the object.", 0));
    declared.forEach(
        c ->
            columns.add(
                column(
                    c.getName(),
                    c.getType(),
                    c.getFormat(),
                    c.getDescription() != null
                        ? c.getDescription()
                        : "Custom resource definition column (in JSONPath format): "
                            + c.getJsonPath(),
                    c.getPriority() == null ? 0 : c.getPriority())));
    if (addAge) {
      columns.add(column("Age", "date", null, "Time since the object was created.", 0));
    }

    ArrayNode rows = NODES.arrayNode();
    for (JsonNode object : objects) {
      ArrayNode cells = NODES.arrayNode();
      cells.add(object.path("metadata").path("name").asText());
      declared.forEach(
          c -> cells.add(cell(c.getType(), DottedJsonPath.find(object, c.getJsonPath()), now)));
      if (addAge) {
        cells.add(cell("date", DottedJsonPath.find(object, CREATION_TIMESTAMP), now));
      }
      ObjectNode row = NODES.objectNode();
      row.set("cells", cells);
      rowObject(object, includeObject).ifPresent(o -> row.set("object", o));
      rows.add(row);
    }

    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    table.set("columnDefinitions", columns);
    table.set("rows", rows);
    return table;
  }

  private static ObjectNode column(
      String name, String type, String format, String description, int priority) {
    ObjectNode column = NODES.objectNode();
    column.put("name", name);
    column.put("type", type);
    column.put("format", format == null ? "" : format);
    column.put("description", description);
    column.put("priority", priority);
    return column;
  }

  /** A cell typed like the column, or null (an empty cell) when the value is absent or mistyped. */
  private static JsonNode cell(String type, Optional<JsonNode> found, Instant now) {
    if (found.isEmpty()) {
      return NODES.nullNode();
    }
    JsonNode value = found.get();
    return switch (type) {
      case "integer" -> value.isNumber() ? NODES.numberNode(value.asLong()) : NODES.nullNode();
      case "number" -> value.isNumber() ? NODES.numberNode(value.asDouble()) : NODES.nullNode();
      case "boolean" -> value.isBoolean() ? value : NODES.nullNode();
      case "date" ->
          value.isTextual() ? NODES.textNode(age(value.asText(), now)) : NODES.nullNode();
      default -> NODES.textNode(value.isValueNode() ? value.asText() : value.toString());
    };
  }

  private static Optional<JsonNode> rowObject(JsonNode object, String includeObject) {
    if ("None".equals(includeObject)) {
      return Optional.empty();
    }
    if ("Object".equals(includeObject)) {
      return Optional.of(object);
    }
    ObjectNode partial = NODES.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", object.path("metadata"));
    return Optional.of(partial);
  }

  private static String age(String timestamp, Instant now) {
    try {
      return humanDuration(Duration.between(Instant.parse(timestamp), now));
    } catch (DateTimeParseException e) {
      return "<invalid>";
    }
  }

  /**
   * The compact age format kubectl users know ("42s", "3m12s", "5h", "12d"), following the
   * thresholds of apimachinery's HumanDuration. Hand-written: no Java library formats it this way.
   */
  static String humanDuration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      return withRemainder(days, "d", hours % 24, "h");
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    return days < 365 * 8 ? withRemainder(years, "y", days % 365, "d") : years + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
