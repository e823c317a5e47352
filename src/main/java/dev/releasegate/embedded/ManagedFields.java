package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Records a simplified {@code metadata.managedFields} entry for a server-side apply.
 *
 * <p>Why: JOSDK's {@code SSABasedGenericKubernetesResourceMatcher} decides whether a dependent
 * resource is up to date by pruning the actual object to the fields its field manager owns. With no
 * managedFields entry it always answers "does not match", so every reconcile would re-apply every
 * dependent — harmless but it inflates the API request counts this server reports.
 *
 * <p>The recorded {@code fieldsV1} is coarser than the real structured-merge-diff one: objects are
 * walked key by key ({@code f:key}), but lists are recorded as leaves (no {@code k:}/{@code v:}
 * entries), which the matcher reads as "compare the whole list". Identity fields (name, namespace,
 * resourceVersion...) are left out, as on a real server.
 */
final class ManagedFields {

  private static final Set<String> UNMANAGED_TOP_LEVEL = Set.of("apiVersion", "kind", "status");
  private static final Set<String> UNMANAGED_METADATA =
      Set.of(
          "name",
          "namespace",
          "generateName",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "selfLink");

  private ManagedFields() {}

  /**
   * Sets {@code manager}'s Apply entry on {@code target} to describe {@code applied}. The entry's
   * timestamp only changes when the owned field set changes, so re-applying the same configuration
   * leaves the object byte-for-byte equal (no new resourceVersion, no watch event).
   */
  static void recordApply(ObjectNode target, JsonNode applied, String manager) {
    ObjectNode fields = fieldsOf(applied, UNMANAGED_TOP_LEVEL);
    ObjectNode metadata = (ObjectNode) target.get("metadata");
    ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    JsonNode previous = null;
    for (JsonNode entry : metadata.path("managedFields")) {
      if (isApplyBy(entry, manager)) {
        previous = entry;
      } else {
        entries.add(entry);
      }
    }
    if (previous != null && fields.equals(previous.path("fieldsV1"))) {
      entries.add(previous);
    } else {
      entries.add(newEntry(manager, applied.path("apiVersion").asText(), fields));
    }
    metadata.set("managedFields", entries);
  }

  private static boolean isApplyBy(JsonNode entry, String manager) {
    return manager.equals(entry.path("manager").asText())
        && "Apply".equals(entry.path("operation").asText())
        && entry.path("subresource").asText().isEmpty();
  }

  private static ObjectNode newEntry(String manager, String apiVersion, ObjectNode fields) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("manager", manager);
    entry.put("operation", "Apply");
    entry.put("apiVersion", apiVersion);
    entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    entry.put("fieldsType", "FieldsV1");
    entry.set("fieldsV1", fields);
    return entry;
  }

  private static ObjectNode fieldsOf(JsonNode node, Set<String> skipped) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      if (skipped.contains(key) || field.getValue().isNull()) {
        continue;
      }
      JsonNode value = field.getValue();
      if (key.equals("metadata") && skipped == UNMANAGED_TOP_LEVEL) {
        ObjectNode metadataFields = fieldsOf(value, UNMANAGED_METADATA);
        if (!metadataFields.isEmpty()) {
          fields.set("f:metadata", metadataFields);
        }
      } else if (value.isObject()) {
        fields.set("f:" + key, fieldsOf(value, Set.of()));
      } else {
        fields.set("f:" + key, JsonNodeFactory.instance.objectNode());
      }
    }
    return fields;
  }
}
