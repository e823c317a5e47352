package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON merge patch as defined by RFC 7386 ({@code application/merge-patch+json}).
 *
 * <p>Written by hand because nothing on the classpath implements it: zjsonpatch (shaded in Fabric8)
 * only does RFC 6902 JSON Patch, and the mock server's own "merge" is Jackson's {@code
 * readerForUpdating}, which stores a {@code null} instead of deleting the key, so {@code kubectl
 * annotate x key-} would leave {@code key: null} behind.
 */
final class JsonMergePatch {

  private JsonMergePatch() {}

  /** Returns a new document: {@code target} with {@code patch} merged in; inputs are untouched. */
  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      // A patch that is not an object replaces the target wholesale.
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : patch.properties()) {
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
