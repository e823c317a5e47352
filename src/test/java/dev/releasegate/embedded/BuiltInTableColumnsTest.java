package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The rows kubectl prints for built-in kinds, cell by cell, including the -o wide columns. */
class BuiltInTableColumnsTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final String CREATED = "\"creationTimestamp\": \"2025-06-01T11:59:00Z\"";

  @Test
  void deploymentsShowReadyOfDesiredAndTheirTemplateWhenWide() {
    JsonNode table =
        table(
            "deployments.apps",
            """
            {"metadata": {"name": "web", %s},
             "spec": {"replicas": 3,
                      "selector": {"matchLabels": {"app": "web"},
                                   "matchExpressions": [{"key": "track", "operator": "In",
                                                         "values": ["stable", "canary"]}]},
                      "template": {"spec": {"containers": [{"name": "app", "image": "app:1"},
                                                           {"name": "side", "image": "s:2"}]}}},
             "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}}
            """);

    assertThat(headers(table))
        .containsExactly(
            "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
    assertThat(wide(table)).containsExactly("Containers", "Images", "Selector");
    assertThat(cells(table))
        .isEqualTo(
            "[\"web\",\"2/3\",3,2,\"60s\",\"app,side\",\"app:1,s:2\","
                + "\"app=web,track in (canary,stable)\"]");
  }

  @Test
  void aDeploymentWithoutReplicasOrStatusWantsOneAndHasNone() {
    JsonNode table = table("deployments.apps", "{\"metadata\": {\"name\": \"web\", %s}}");

    assertThat(cells(table)).isEqualTo("[\"web\",\"0/1\",0,0,\"60s\",\"\",\"\",\"<none>\"]");
  }

  @Test
  void replicaSetsShowDesiredCurrentAndReady() {
    JsonNode table =
        table(
            "replicasets.apps",
            """
            {"metadata": {"name": "web-1", %s}, "spec": {"replicas": 2},
             "status": {"replicas": 2, "readyReplicas": 1}}
            """);

    assertThat(headers(table).subList(0, 5))
        .containsExactly("Name", "Desired", "Current", "Ready", "Age");
    assertThat(cells(table)).startsWith("[\"web-1\",2,2,1,\"60s\"");
  }

  @Test
  void servicesShowTypeAddressesAndPorts() {
    JsonNode table =
        table(
            "services",
            """
            {"metadata": {"name": "web", %s},
             "spec": {"selector": {"app": "web"},
                      "ports": [{"port": 8080, "targetPort": 8080},
                                {"port": 53, "protocol": "UDP", "nodePort": 30053}]}}
            """,
            """
            {"metadata": {"name": "lb", %s},
             "spec": {"type": "LoadBalancer", "clusterIP": "10.0.0.7"},
             "status": {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}}}
            """,
            """
            {"metadata": {"name": "pending", %s}, "spec": {"type": "LoadBalancer"}}
            """);

    assertThat(headers(table))
        .containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
    assertThat(rows(table))
        .containsExactly(
            "[\"web\",\"ClusterIP\",\"<none>\",\"<none>\",\"8080/TCP,53:30053/UDP\",\"60s\","
                + "\"app=web\"]",
            "[\"lb\",\"LoadBalancer\",\"10.0.0.7\",\"1.2.3.4\",\"<none>\",\"60s\",\"<none>\"]",
            "[\"pending\",\"LoadBalancer\",\"<none>\",\"<pending>\",\"<none>\",\"60s\",\"<none>\"]");
  }

  @Test
  void eventsShowWhenWhatAndAboutWhichObject() {
    JsonNode table =
        table(
            "events",
            """
            {"metadata": {"name": "web.17a", %s},
             "involvedObject": {"kind": "ModelRelease", "name": "web"},
             "type": "Warning", "reason": "KillSwitch", "message": " rolled back \\n",
             "firstTimestamp": "2025-06-01T11:00:00Z", "lastTimestamp": "2025-06-01T11:58:00Z",
             "count": 2, "source": {"component": "releasegate"}}
            """);

    assertThat(headers(table))
        .containsExactly(
            "Last Seen",
            "Type",
            "Reason",
            "Object",
            "Subobject",
            "Source",
            "Message",
            "First Seen",
            "Count",
            "Name");
    assertThat(wide(table)).containsExactly("Subobject", "Source", "First Seen", "Count", "Name");
    assertThat(cells(table))
        .isEqualTo(
            "[\"2m\",\"Warning\",\"KillSwitch\",\"modelrelease/web\",\"\",\"releasegate\","
                + "\"rolled back\",\"60m\",2,\"web.17a\"]");
  }

  @Test
  void namespacesConfigMapsAndSecretsShowTheirState() {
    assertThat(cells(table("namespaces", "{\"metadata\": {\"name\": \"ml\", %s}}")))
        .isEqualTo("[\"ml\",\"Active\",\"60s\"]");
    assertThat(
            cells(
                table(
                    "configmaps",
                    "{\"metadata\": {\"name\": \"c\", %s}, \"data\": {\"a\": \"1\", \"b\": \"2\"},"
                        + " \"binaryData\": {\"c\": \"AA==\"}}")))
        .isEqualTo("[\"c\",3,\"60s\"]");
    assertThat(
            cells(
                table(
                    "secrets",
                    "{\"metadata\": {\"name\": \"s\", %s}, \"type\": \"kubernetes.io/tls\","
                        + " \"data\": {\"tls.crt\": \"AA==\", \"tls.key\": \"AA==\"}}")))
        .isEqualTo("[\"s\",\"kubernetes.io/tls\",2,\"60s\"]");
    assertThat(cells(table("secrets", "{\"metadata\": {\"name\": \"s\", %s}}")))
        .isEqualTo("[\"s\",\"Opaque\",0,\"60s\"]");
  }

  @Test
  void podsShowReadyContainersStatusAndRestarts() {
    JsonNode table =
        table(
            "pods",
            """
            {"metadata": {"name": "web-1", %s},
             "spec": {"containers": [{"name": "app"}, {"name": "side"}], "nodeName": "n1"},
             "status": {"phase": "Running", "podIP": "10.1.1.1",
                        "containerStatuses": [
                          {"name": "app", "ready": true, "restartCount": 1},
                          {"name": "side", "ready": false, "restartCount": 2,
                           "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}}
            """);

    assertThat(cells(table))
        .isEqualTo("[\"web-1\",\"1/2\",\"CrashLoopBackOff\",3,\"60s\",\"10.1.1.1\",\"n1\"]");
  }

  @Test
  void onlyTheKindsItKnowsHaveColumns() {
    assertThat(BuiltInTableColumns.of("deployments.apps")).isPresent();
    assertThat(BuiltInTableColumns.of("customresourcedefinitions.apiextensions.k8s.io"))
        .isPresent();
    assertThat(BuiltInTableColumns.of("leases.coordination.k8s.io")).isEmpty();
    assertThat(BuiltInTableColumns.of("deployments")).isEmpty();
  }

  private static JsonNode table(String groupResource, String... objects) {
    List<JsonNode> parsed = List.of(objects).stream().map(o -> json(o.formatted(CREATED))).toList();
    return ServerSideTable.of(
        BuiltInTableColumns.of(groupResource).orElseThrow(), parsed, "1", "Metadata", NOW);
  }

  private static List<String> headers(JsonNode table) {
    return table.path("columnDefinitions").findValuesAsText("name");
  }

  private static List<String> wide(JsonNode table) {
    return StreamSupport.stream(table.path("columnDefinitions").spliterator(), false)
        .filter(column -> column.path("priority").asInt() == 1)
        .map(column -> column.path("name").asText())
        .toList();
  }

  private static String cells(JsonNode table) {
    return table.path("rows").get(0).path("cells").toString();
  }

  private static List<String> rows(JsonNode table) {
    return StreamSupport.stream(table.path("rows").spliterator(), false)
        .map(row -> row.path("cells").toString())
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
