package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a real server does to a custom resource before validating it against a structural schema:
 * fields the schema does not name are dropped ("pruning"), and so are null fields the schema does
 * not declare {@code nullable}, so that neither reaches the store or a client that reads it.
 *
 * <p>Only {@code properties}, {@code additionalProperties} and {@code items} name fields in a
 * structural schema ({@code allOf}, {@code anyOf}, {@code oneOf} and {@code not} may only restrict
 * values), so they alone are followed. {@code x-kubernetes-preserve-unknown-fields: true} keeps a
 * node's unknown fields (its known ones are still pruned within); {@code
 * x-kubernetes-embedded-resource: true} keeps {@code apiVersion}, {@code kind} and {@code
 * metadata}, as the root always does. Defaulting, which a real server does next, is not emulated: a
 * null field with a {@code default} is dropped here and not defaulted.
 */
final class StructuralPruning {

  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private StructuralPruning() {}

  /**
   * Prunes {@code object}, a whole custom resource, in place against its CRD version's schema;
   * returns the unknown fields it dropped, as paths such as {@code spec.canary.steps[0].weigth}
   * (strict field validation refuses a write that has any).
   */
  static List<String> prune(ObjectNode object, JsonNode schema) {
    List<String> unknown = new ArrayList<>();
    pruneObject(object, schema, true, "", unknown);
    return unknown;
  }

  private static void prune(JsonNode value, JsonNode schema, String at, List<String> unknown) {
    if (value.isObject()) {
      pruneObject(
          (ObjectNode) value,
          schema,
          schema.path("x-kubernetes-embedded-resource").asBoolean(),
          at,
          unknown);
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        prune(value.get(i), schema.get("items"), at + "[" + i + "]", unknown);
      }
    }
  }

  private static void pruneObject(
      ObjectNode object, JsonNode schema, boolean isResource, String at, List<String> unknown) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean keepUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (isResource && RESOURCE_FIELDS.contains(field.getKey())) {
        continue;
      }
      JsonNode fieldSchema =
          properties.has(field.getKey())
              ? properties.get(field.getKey())
              : additional.isObject() ? additional : null;
      if (fieldSchema == null) {
        // Unknown: kept where the schema says so or allows any field (additionalProperties: true).
        if (!keepUnknown && !additional.asBoolean(false)) {
          unknown.add(at.isEmpty() ? field.getKey() : at + "." + field.getKey());
          fields.remove();
        }
      } else if (field.getValue().isNull()) {
        if (!fieldSchema.path("nullable").asBoolean()) {
          fields.remove();
        }
      } else {
        prune(
            field.getValue(),
            fieldSchema,
            at.isEmpty() ? field.getKey() : at + "." + field.getKey(),
            unknown);
      }
    }
  }
}
