package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static final CustomResourceDefinitionVersion VERSION =
      new CustomResourceDefinitionVersionBuilder()
          .withName("v1")
          .addNewAdditionalPrinterColumn()
          .withName("Phase")
          .withType("string")
          .withJsonPath(".status.phase")
          .endAdditionalPrinterColumn()
          .addNewAdditionalPrinterColumn()
          .withName("Weight")
          .withType("integer")
          .withJsonPath(".status.canary.weight")
          .endAdditionalPrinterColumn()
          .addNewAdditionalPrinterColumn()
          .withName("First")
          .withType("string")
          .withJsonPath(".status.conditions[0].type")
          .withPriority(1)
          .endAdditionalPrinterColumn()
          .build();

  @Test
  void printsNameDeclaredColumnsAndAge() throws Exception {
    JsonNode object =
        JSON.readTree(
            """
            {"metadata": {"name": "w1", "creationTimestamp": "2025-06-01T11:55:00Z"},
             "status": {"phase": "Canary", "canary": {"weight": 25},
                        "conditions": [{"type": "Ready"}]}}
            """);

    JsonNode table = table(object, "Metadata");

    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Phase", "Weight", "First", "Age");
    assertThat(table.path("columnDefinitions").get(3).path("priority").asInt()).isEqualTo(1);
    JsonNode row = table.path("rows").get(0);
    assertThat(row.path("cells").toString()).isEqualTo("[\"w1\",\"Canary\",25,\"Ready\",\"5m\"]");
    assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(row.path("object").path("metadata").path("name").asText()).isEqualTo("w1");
    assertThat(row.path("object").has("status")).isFalse();
  }

  @Test
  void missingValuesAreEmptyCellsAndObjectsFollowIncludeObject() throws Exception {
    JsonNode object =
        JSON.readTree("{\"metadata\": {\"name\": \"w2\"}, \"status\": {\"canary\": {}}}");

    JsonNode full = table(object, "Object");
    JsonNode none = table(object, "None");

    assertThat(full.path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"w2\",null,null,null,null]");
    assertThat(full.path("rows").get(0).path("object")).isEqualTo(object);
    assertThat(none.path("rows").get(0).has("object")).isFalse();
  }

  @Test
  void detectsTableRequestsInTheAcceptHeader() {
    assertThat(
            ServerSideTable.isRequested(
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"))
        .isTrue();
    assertThat(ServerSideTable.isRequested("application/json")).isFalse();
    assertThat(ServerSideTable.isRequested(null)).isFalse();
  }

  private static JsonNode table(JsonNode object, String includeObject) {
    return ServerSideTable.of(
        CustomResourceTable.columns(VERSION), List.of(object), "42", includeObject, NOW);
  }
}
