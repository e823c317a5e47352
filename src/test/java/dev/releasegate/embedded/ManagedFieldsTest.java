package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void recordsObjectsKeyByKeyAndListsAsLeavesWithoutIdentityFields() throws Exception {
    JsonNode applied =
        JSON.readTree(
            """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "ns", "resourceVersion": "7",
                          "labels": {"app": "web"}, "ownerReferences": [{"uid": "1"}]},
             "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "app"}]}}},
             "status": {"replicas": 2}}
            """);
    ObjectNode target = (ObjectNode) JSON.readTree("{\"metadata\": {\"name\": \"web\"}}");

    ManagedFields.recordApply(target, applied, "releasegate");

    JsonNode entry = target.path("metadata").path("managedFields").get(0);
    assertThat(entry.path("manager").asText()).isEqualTo("releasegate");
    assertThat(entry.path("operation").asText()).isEqualTo("Apply");
    assertThat(entry.path("fieldsV1"))
        .isEqualTo(
            JSON.readTree(
                """
                {"f:metadata": {"f:labels": {"f:app": {}}, "f:ownerReferences": {}},
                 "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {}}}}}
                """));
  }

  @Test
  void keepsTheEntryWhenTheOwnedFieldsAreUnchanged() throws Exception {
    JsonNode applied = JSON.readTree("{\"apiVersion\": \"v1\", \"spec\": {\"a\": 1}}");
    ObjectNode target = (ObjectNode) JSON.readTree("{\"metadata\": {}}");
    ManagedFields.recordApply(target, applied, "m");
    JsonNode first = target.path("metadata").path("managedFields").deepCopy();

    ManagedFields.recordApply(target, JSON.readTree("{\"spec\": {\"a\": 2}}"), "m");
    assertThat(target.path("metadata").path("managedFields")).isEqualTo(first);

    ManagedFields.recordApply(target, JSON.readTree("{\"spec\": {\"b\": 2}}"), "other");
    assertThat(target.path("metadata").path("managedFields")).hasSize(2);
  }
}
