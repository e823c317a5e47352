package dev.releasegate.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Server-side apply ({@code application/apply-patch+yaml}) emulated for a single field manager.
 *
 * <p>A real server tracks which manager owns which field and merges by the schema's list types; the
 * mock server has neither, and rejects apply patches outright. Since releasegate's operator is the
 * only writer of what it applies, a simpler model is faithful enough:
 *
 * <ul>
 *   <li>every top-level section present in the applied configuration ({@code spec}, {@code
 *       data}...) replaces the stored one; absent sections are kept;
 *   <li>labels and annotations are merged, applied keys winning;
 *   <li>{@code ownerReferences} are replaced when given;
 *   <li>{@code finalizers} are merged as a set (what a real server does when another manager owns
 *       the other entries), so an apply never removes a finalizer;
 *   <li>identity and bookkeeping ({@code uid}, {@code creationTimestamp}, {@code status}...) are
 *       kept.
 * </ul>
 *
 * Optimistic locking ({@code metadata.resourceVersion} in the body) is checked by the caller, as
 * for every other write.
 */
final class ServerSideApply {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOT_SECTIONS = Set.of("apiVersion", "kind", "metadata");

  private ServerSideApply() {}

  /** Reads an applied configuration: Fabric8 sends JSON, kubectl may send YAML. */
  static ObjectNode parse(String body) throws JsonProcessingException {
    String trimmed = body.stripLeading();
    JsonNode node = (trimmed.startsWith("{") ? JSON : YAML).readTree(body);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the applied configuration must be an object");
    }
    return (ObjectNode) node;
  }

  /** The object to create when nothing is stored yet under {@code path}. */
  static ObjectNode asNewObject(ObjectNode applied, ResourcePath path, String manager) {
    ObjectNode created = applied.deepCopy();
    ObjectNode metadata = created.withObjectProperty("metadata");
    if (path.namespace() != null && !metadata.hasNonNull("namespace")) {
      metadata.put("namespace", path.namespace());
    }
    if (!metadata.hasNonNull("name")) {
      metadata.put("name", path.name());
    }
    // On create a resourceVersion is no precondition (JOSDK sets "1" to mean "create only").
    metadata.remove("resourceVersion");
    metadata.remove("managedFields");
    ManagedFields.recordApply(created, applied, manager);
    return created;
  }

  /** The object to store after applying {@code applied} to the main resource. */
  static ObjectNode onto(JsonNode current, ObjectNode applied, String manager) {
    ObjectNode result = current.deepCopy();
    for (Map.Entry<String, JsonNode> section : applied.properties()) {
      if (!NOT_SECTIONS.contains(section.getKey())) {
        result.set(section.getKey(), section.getValue().deepCopy());
      }
    }
    ObjectNode metadata = result.withObjectProperty("metadata");
    JsonNode appliedMetadata = applied.path("metadata");
    mergeMap(metadata, appliedMetadata, "labels");
    mergeMap(metadata, appliedMetadata, "annotations");
    if (appliedMetadata.has("ownerReferences")) {
      metadata.set("ownerReferences", appliedMetadata.get("ownerReferences").deepCopy());
    }
    mergeSet(metadata, appliedMetadata, "finalizers");
    copyPrecondition(metadata, appliedMetadata);
    ManagedFields.recordApply(result, applied, manager);
    return result;
  }

  /** The object to store after applying {@code applied} to the {@code status} subresource. */
  static ObjectNode ontoStatus(JsonNode current, ObjectNode applied) {
    ObjectNode result = current.deepCopy();
    if (applied.has("status")) {
      result.set("status", applied.get("status").deepCopy());
    }
    copyPrecondition(result.withObjectProperty("metadata"), applied.path("metadata"));
    return result;
  }

  private static void mergeMap(ObjectNode metadata, JsonNode appliedMetadata, String field) {
    JsonNode applied = appliedMetadata.path(field);
    if (applied.isObject() && !applied.isEmpty()) {
      metadata.withObjectProperty(field).setAll((ObjectNode) applied.deepCopy());
    }
  }

  private static void mergeSet(ObjectNode metadata, JsonNode appliedMetadata, String field) {
    JsonNode applied = appliedMetadata.path(field);
    if (!applied.isArray() || applied.isEmpty()) {
      return;
    }
    Set<String> union = new LinkedHashSet<>();
    metadata.path(field).forEach(value -> union.add(value.asText()));
    applied.forEach(value -> union.add(value.asText()));
    ArrayNode values = JsonNodeFactory.instance.arrayNode();
    union.forEach(values::add);
    metadata.set(field, values);
  }

  /** Carries the applied resourceVersion over so the caller's optimistic-lock check sees it. */
  private static void copyPrecondition(ObjectNode metadata, JsonNode appliedMetadata) {
    String resourceVersion = appliedMetadata.path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
  }
}
