package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Server-side printing: objects as a {@code meta.k8s.io/v1 Table}, which is how {@code kubectl get}
 * shows more than NAME and AGE.
 *
 * <p>kubectl asks for a Table through the Accept header ({@code
 * application/json;as=Table;v=v1;g=meta.k8s.io}); given plain JSON instead, it prints NAME and AGE
 * itself. Custom resources get their CRD's printer columns ({@link CustomResourceTable}), the
 * built-in kinds a real server's columns ({@link BuiltInTableColumns}); other kinds keep plain
 * JSON. Rows carry the object as {@code PartialObjectMetadata} (from which kubectl adds {@code -L}
 * and {@code --show-labels} columns) unless {@code includeObject=Object} or {@code None} is
 * requested, as a real server does.
 */
final class ServerSideTable {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private ServerSideTable() {}

  /** Whether an Accept header asks for server-side printing. */
  static boolean isRequested(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** The columns of {@code path}'s resource, or empty when it is printed from plain JSON. */
  static Optional<List<TableColumn>> columnsFor(
      ResourcePath path, Supplier<List<CustomResourceDefinition>> crds) {
    if (path.group() != null) {
      for (CustomResourceDefinition crd : crds.get()) {
        if (path.group().equals(crd.getSpec().getGroup())
            && path.plural().equals(crd.getSpec().getNames().getPlural())) {
          return crd.getSpec().getVersions().stream()
              .filter(version -> path.version().equals(version.getName()))
              .findFirst()
              .map(CustomResourceTable::columns);
        }
      }
    }
    return BuiltInTableColumns.of(path.groupResource());
  }

  /** The Table of {@code objects}, one row each, at {@code now} (for the ages). */
  static ObjectNode of(
      List<TableColumn> columns,
      List<JsonNode> objects,
      String resourceVersion,
      String includeObject,
      Instant now) {
    ArrayNode definitions = NODES.arrayNode();
    columns.forEach(column -> definitions.add(column.definition()));

    ArrayNode rows = NODES.arrayNode();
    for (JsonNode object : objects) {
      ArrayNode cells = NODES.arrayNode();
      for (TableColumn column : columns) {
        Object value = column.cell().of(object, now);
        cells.add(value == null ? NODES.nullNode() : JSON.valueToTree(value));
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
    table.set("columnDefinitions", definitions);
    table.set("rows", rows);
    return table;
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
}
