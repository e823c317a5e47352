package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code scale} subresource of Deployments, ReplicaSets and StatefulSets: an {@code
 * autoscaling/v1 Scale} view of {@code spec.replicas}, which {@code kubectl scale} and the Fabric8
 * client's {@code scale(n)} read and patch.
 *
 * <p>The mock stores a write to {@code .../scale} as if it were the whole object and answers with
 * the Deployment, which kubectl cannot read as a Scale.
 */
final class ScaleSubresource {

  private static final Set<String> SCALABLE =
      Set.of("apps/deployments", "apps/replicasets", "apps/statefulsets");

  private ScaleSubresource() {}

  static boolean applies(ResourcePath path) {
    return "scale".equals(path.subresource())
        && SCALABLE.contains(path.group() + "/" + path.plural());
  }

  /** The Scale view of a stored object. */
  static ObjectNode of(JsonNode object) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode scale = nodes.objectNode();
    scale.put("apiVersion", "autoscaling/v1");
    scale.put("kind", "Scale");
    ObjectNode metadata = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion"}) {
      if (object.path("metadata").has(field)) {
        metadata.set(field, object.path("metadata").get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    status.put("selector", selector(object.path("spec").path("selector").path("matchLabels")));
    return scale;
  }

  /**
   * {@code object} with the replicas of {@code scale}, carrying its resourceVersion as
   * precondition.
   */
  static ObjectNode withReplicasOf(JsonNode object, JsonNode scale) {
    ObjectNode scaled = object.deepCopy();
    scaled.withObjectProperty("spec").put("replicas", scale.path("spec").path("replicas").asInt());
    String resourceVersion = scale.path("metadata").path("resourceVersion").asText("");
    if (!resourceVersion.isEmpty()) {
      scaled.withObjectProperty("metadata").put("resourceVersion", resourceVersion);
    }
    return scaled;
  }

  private static String selector(JsonNode matchLabels) {
    StringJoiner selector = new StringJoiner(",");
    for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
      selector.add(label.getKey() + "=" + label.getValue().asText());
    }
    return selector.toString();
  }
}
