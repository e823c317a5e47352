package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An approximation of Kubernetes' strategic merge patch ({@code
 * application/strategic-merge-patch+json}), which kubectl sends for built-in kinds (Deployments,
 * Services...) on {@code apply}, {@code annotate}, {@code label} and {@code patch}.
 *
 * <p>The real algorithm merges lists by a per-field "patch merge key" taken from the Go types or
 * the OpenAPI schema, which this server does not have. The approximation:
 *
 * <ul>
 *   <li>objects merge as in RFC 7386 ({@code null} deletes a key);
 *   <li>a list whose elements (in the patch and in the target) are all objects with a {@code name}
 *       is merged by {@code name} — the merge key of containers, env, volumes and volume devices —
 *       so {@code kubectl apply} changing one container's image does not wipe the rest; an element
 *       carrying {@code "$patch": "delete"} is removed;
 *   <li>every other list is replaced, as RFC 7386 does;
 *   <li>directive keys ({@code $setElementOrder/...}, {@code $retainKeys}, {@code
 *       $deleteFromPrimitiveList/...}) are dropped rather than interpreted.
 * </ul>
 *
 * Lists keyed by something else (ownerReferences by uid, conditions by type) are therefore
 * replaced.
 */
final class StrategicMergePatch {

  private static final String MERGE_KEY = "name";
  private static final String DIRECTIVE_PREFIX = "$";

  private StrategicMergePatch() {}

  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (patch.isArray() && target != null && target.isArray() && mergeableByName(target, patch)) {
      return mergeByName((ArrayNode) target, (ArrayNode) patch);
    }
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getKey().startsWith(DIRECTIVE_PREFIX)) {
        continue;
      }
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private static boolean mergeableByName(JsonNode target, JsonNode patch) {
    return allNamed(target) && allNamed(patch) && !patch.isEmpty();
  }

  private static boolean allNamed(JsonNode list) {
    for (JsonNode element : list) {
      if (!element.isObject() || !element.path(MERGE_KEY).isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static ArrayNode mergeByName(ArrayNode target, ArrayNode patch) {
    ArrayNode result = target.deepCopy();
    for (JsonNode patchElement : patch) {
      String name = patchElement.get(MERGE_KEY).asText();
      int index = indexOfName(result, name);
      boolean delete = "delete".equals(patchElement.path("$patch").asText());
      if (delete) {
        if (index >= 0) {
          result.remove(index);
        }
      } else if (index >= 0) {
        result.set(index, apply(result.get(index), patchElement));
      } else {
        result.add(apply(null, patchElement));
      }
    }
    return result;
  }

  private static int indexOfName(ArrayNode list, String name) {
    for (int i = 0; i < list.size(); i++) {
      if (name.equals(list.get(i).path(MERGE_KEY).asText())) {
        return i;
      }
    }
    return -1;
  }
}
