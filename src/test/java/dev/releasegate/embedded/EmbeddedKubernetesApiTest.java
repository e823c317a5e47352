package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Integration
class EmbeddedKubernetesApiTest extends EmbeddedApiTestSupport {

  @Test
  void servesDiscoveryForBuiltInsAndInstalledCrds() {
    assertThat(client.getApiGroups().getGroups())
        .extracting(APIGroup::getName)
        .contains(
            "apps",
            "coordination.k8s.io",
            "apiextensions.k8s.io",
            "events.k8s.io",
            "authorization.k8s.io",
            "test.releasegate.dev");
    assertThat(client.getApiGroup("test.releasegate.dev").getPreferredVersion().getGroupVersion())
        .isEqualTo(WIDGET_API_VERSION);

    APIResource widgets = resource(WIDGET_API_VERSION, "widgets");
    assertThat(widgets.getKind()).isEqualTo("Widget");
    assertThat(widgets.getSingularName()).isEqualTo("widget");
    assertThat(widgets.getNamespaced()).isTrue();
    assertThat(widgets.getShortNames()).containsExactly("wdg");
    assertThat(widgets.getVerbs()).contains("get", "list", "watch", "create", "patch");
    assertThat(resource(WIDGET_API_VERSION, "widgets/status").getVerbs())
        .containsExactlyInAnyOrder("get", "patch", "update");

    assertThat(resource("apps/v1", "deployments").getShortNames()).containsExactly("deploy");
    assertThat(resource("v1", "services").getShortNames()).containsExactly("svc");
    assertThat(resource("v1", "namespaces").getNamespaced()).isFalse();
    assertThat(client.getApiResources("v1").getResources())
        .extracting(APIResource::getName)
        .contains("configmaps", "secrets", "events", "serviceaccounts", "endpoints", "pods");
  }

  @Test
  void answersNonResourceEndpointsInsteadOfListingEveryObject() throws Exception {
    assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("32");
    assertThat(get("/api")).contains("\"versions\":[\"v1\"]");
    assertThat(get("/healthz")).isEqualTo("ok");
    assertThat(status("/openapi/v2")).isEqualTo(404);
    assertThat(status("/apis/unknown.example.com/v1")).isEqualTo(404);
    assertThat(get("/apis/apps/v1/namespaces/nowhere/deployments/missing"))
        .contains("\"reason\":\"NotFound\"", "deployments.apps \\\"missing\\\" not found");
  }

  @Test
  void crudsACustomResource() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    GenericKubernetesResource stored = widgets().inNamespace(ns).withName("w1").get();
    assertThat(stored.getMetadata().getUid()).isNotBlank();
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);

    stored.setAdditionalProperty("spec", Map.of("size", "large"));
    GenericKubernetesResource updated = widgets().resource(stored).update();
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(widgets().inNamespace(ns).list().getItems()).hasSize(1);

    widgets().inNamespace(ns).withName("w1").delete();
    assertThat(widgets().inNamespace(ns).withName("w1").get()).isNull();
  }

  @Test
  void dryRunWritesStoreNothing() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    GenericKubernetesResource answer =
        widgets()
            .inNamespace(ns)
            .withName("w1")
            .dryRun()
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":\"huge\"}}");

    assertThat(answer.get("spec", "size").toString()).isEqualTo("huge");
    assertThat(widgets().inNamespace(ns).withName("w1").get().get("spec", "size").toString())
        .isEqualTo("small");
  }

  @Test
  void dryRunDeletesKeepTheObject() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    widgets().inNamespace(ns).withName("w1").dryRun().delete();

    assertThat(widgets().inNamespace(ns).withName("w1").get()).isNotNull();
  }

  @Test
  void grantsEveryAccessReview() {
    SelfSubjectRulesReview review =
        client
            .resource(
                new SelfSubjectRulesReviewBuilder()
                    .withNewSpec()
                    .withNamespace("x")
                    .endSpec()
                    .build())
            .create();

    assertThat(review.getStatus().getResourceRules())
        .extracting(ResourceRule::getVerbs, ResourceRule::getApiGroups, ResourceRule::getResources)
        .containsExactly(tuple(List.of("*"), List.of("*"), List.of("*")));
  }

  @Test
  void countsRequestsPerMethodAndResource() {
    String ns = newNamespace();
    long before = api.requestCounter().total();
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("counted")
                .endMetadata()
                .build())
        .create();
    client.configMaps().inNamespace(ns).withName("counted").get();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(api.requestCounter().snapshot())
                  .containsKeys("POST configmaps", "GET configmaps");
              assertThat(api.requestCounter().total()).isGreaterThanOrEqualTo(before + 2);
            });
  }

  @Test
  void writesAKubeconfigForThisServer(@TempDir Path dir) throws Exception {
    Path file = api.writeKubeconfig(dir.resolve("nested/kubeconfig"));

    Config config = Config.fromKubeconfig(Files.readString(file));
    assertThat(config.getMasterUrl()).startsWith(api.url());
    assertThat(config.getNamespace()).isEqualTo("default");
    assertThat(config.getCurrentContext().getName()).isEqualTo("releasegate-embedded");
  }

  @Test
  void installsACrdFromAStreamAndStopsCleanly() throws Exception {
    try (EmbeddedKubernetesApi other = EmbeddedKubernetesApi.start();
        var otherClient = other.newClient();
        var yaml = getClass().getClassLoader().getResourceAsStream(WIDGET_CRD)) {
      other.installCrd(yaml);
      assertThat(otherClient.getApiResources(WIDGET_API_VERSION).getResources()).isNotEmpty();
      assertThat(other.url()).isNotEqualTo(api.url());
    }
    assertThatThrownBy(() -> api.installCrd("embedded/missing.yaml"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void patchingAMissingObjectIsNotFound() {
    assertThatThrownBy(
            () ->
                widgets()
                    .inNamespace("nowhere")
                    .withName("missing")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
  }

  @Test
  void readsAYamlBodySentAsYaml() throws Exception {
    String ns = newNamespace();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(api.url() + "/api/v1/namespaces/" + ns + "/configmaps"))
                    .header("Content-Type", "application/yaml")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            """
                            apiVersion: v1
                            kind: ConfigMap
                            metadata:
                              name: from-yaml
                            data:
                              size: large
                            """))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(client.configMaps().inNamespace(ns).withName("from-yaml").get().getData())
        .containsEntry("size", "large");
  }

  @Test
  void rejectsProtobufBodiesWithAClearStatus() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/namespaces/x/configmaps"))
                    .header("Content-Type", "application/vnd.kubernetes.protobuf")
                    .POST(HttpRequest.BodyPublishers.ofString("k8s\u0000"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.body()).contains("JSON and YAML bodies only", "--dry-run=client -o yaml");
  }

  private static APIResource resource(String groupVersion, String name) {
    return client.getApiResources(groupVersion).getResources().stream()
        .filter(r -> r.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + groupVersion));
  }

  private static String get(String path) throws Exception {
    return send(path).body();
  }

  private static int status(String path) throws Exception {
    return send(path).statusCode();
  }

  private static HttpResponse<String> send(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(api.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
