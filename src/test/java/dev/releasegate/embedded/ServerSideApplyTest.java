package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side apply as the Fabric8 client (and so JOSDK) sends it. */
@Integration
class ServerSideApplyTest extends EmbeddedApiTestSupport {

  private static final String MANAGER = "releasegate-test";

  @Test
  void createsAMissingObject() {
    String ns = newNamespace();

    GenericKubernetesResource created = apply(widget(ns, "w1", Map.of("size", "small")));

    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
    assertThat(created.getMetadata().getManagedFields())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getManager()).isEqualTo(MANAGER);
              assertThat(entry.getOperation()).isEqualTo("Apply");
              assertThat(entry.getFieldsV1().getAdditionalProperties()).containsKey("f:spec");
            });
  }

  @Test
  void replacesAppliedSectionsAndKeepsTheRest() {
    String ns = newNamespace();
    GenericKubernetesResource first = widget(ns, "w1", Map.of("size", "small", "colour", "red"));
    first.getMetadata().setLabels(Map.of("team", "a"));
    first.getMetadata().setAnnotations(Map.of("keep", "me"));
    apply(first);
    setStatus(ns, "w1", Map.of("phase", "Canary"));
    GenericKubernetesResource before = widgets().inNamespace(ns).withName("w1").get();

    GenericKubernetesResource second = widget(ns, "w1", Map.of("size", "large"));
    second.getMetadata().setLabels(Map.of("team", "b", "tier", "gold"));
    GenericKubernetesResource after = apply(second);

    assertThat(after.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "large"));
    assertThat(after.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Canary"));
    assertThat(after.getMetadata().getLabels()).isEqualTo(Map.of("team", "b", "tier", "gold"));
    assertThat(after.getMetadata().getAnnotations()).containsEntry("keep", "me");
    assertThat(after.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(after.getMetadata().getCreationTimestamp())
        .isEqualTo(before.getMetadata().getCreationTimestamp());
  }

  @Test
  void reapplyingTheSameConfigurationChangesNothing() {
    String ns = newNamespace();
    GenericKubernetesResource first = apply(widget(ns, "w1", Map.of("size", "small")));

    GenericKubernetesResource again = apply(widget(ns, "w1", Map.of("size", "small")));

    assertThat(again.getMetadata().getResourceVersion())
        .isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(again.getMetadata().getManagedFields())
        .isEqualTo(first.getMetadata().getManagedFields());
  }

  @Test
  void mergesFinalizersAndReplacesOwnerReferences() {
    String ns = newNamespace();
    GenericKubernetesResource first = widget(ns, "w1", Map.of("size", "small"));
    first.getMetadata().setFinalizers(List.of("a.example.com/first"));
    apply(first);

    // What JOSDK sends to add its finalizer: metadata only.
    GenericKubernetesResource finalizerOnly = widget(ns, "w1", Map.of());
    finalizerOnly.getAdditionalProperties().remove("spec");
    finalizerOnly.getMetadata().setFinalizers(List.of("releasegate.dev/finalizer"));
    GenericKubernetesResource after = apply(finalizerOnly);

    assertThat(after.getMetadata().getFinalizers())
        .containsExactly("a.example.com/first", "releasegate.dev/finalizer");
    assertThat(after.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "small"));
    assertThat(after.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void applyToStatusReplacesOnlyTheStatus() {
    String ns = newNamespace();
    apply(widget(ns, "w1", Map.of("size", "small")));
    setStatus(ns, "w1", Map.of("phase", "Pending", "canary", Map.of("weight", 5)));

    GenericKubernetesResource statusApply = widget(ns, "w1", Map.of("size", "ignored"));
    statusApply.setAdditionalProperty("status", Map.of("phase", "Canary"));
    statusApply.getMetadata().setLabels(Map.of("ignored", "too"));
    GenericKubernetesResource after =
        widgets()
            .resource(statusApply)
            .subresource("status")
            .patch(
                new PatchContext.Builder()
                    .withPatchType(PatchType.SERVER_SIDE_APPLY)
                    .withFieldManager(MANAGER)
                    .withForce(true)
                    .build());

    assertThat(after.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Canary"));
    assertThat(after.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "small"));
    assertThat(after.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(after.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void aStaleResourceVersionConflicts() {
    String ns = newNamespace();
    GenericKubernetesResource created = apply(widget(ns, "w1", Map.of("size", "small")));
    apply(widget(ns, "w1", Map.of("size", "large")));

    GenericKubernetesResource stale = widget(ns, "w1", Map.of("size", "stale"));
    stale.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
    assertConflict(() -> apply(stale));

    stale.setAdditionalProperty("status", Map.of("phase", "Stale"));
    assertConflict(() -> widgets().resource(stale).updateStatus());
    assertConflict(
        () ->
            widgets()
                .resource(stale)
                .subresource("status")
                .patch(
                    new PatchContext.Builder()
                        .withPatchType(PatchType.SERVER_SIDE_APPLY)
                        .withFieldManager(MANAGER)
                        .withForce(true)
                        .build()));
    assertThat(widgets().inNamespace(ns).withName("w1").get().get("spec", "size").toString())
        .isEqualTo("large");
  }

  @Test
  void aResourceVersionOnCreateIsNoPrecondition() {
    // JOSDK's dependents set resourceVersion "1" to mean "create only if missing".
    String ns = newNamespace();
    GenericKubernetesResource createOnly = widget(ns, "w1", Map.of("size", "small"));
    createOnly.getMetadata().setResourceVersion("1");

    assertThat(apply(createOnly).getMetadata().getUid()).isNotBlank();
    assertConflict(() -> apply(createOnly));
  }

  @Test
  void acceptsYamlBodies() throws Exception {
    String ns = newNamespace();
    String yaml =
        """
        apiVersion: test.releasegate.dev/v1
        kind: Widget
        metadata:
          name: w1
        spec:
          size: yaml
        """;

    // kubectl may send YAML; the Fabric8 client always sends JSON (and GETs before a String patch).
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            api.url()
                                + "/apis/test.releasegate.dev/v1/namespaces/"
                                + ns
                                + "/widgets/w1?fieldManager=kubectl"))
                    .header("Content-Type", "application/apply-patch+yaml")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(yaml))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(widgets().inNamespace(ns).withName("w1").get().get("spec", "size").toString())
        .isEqualTo("yaml");
  }

  private static GenericKubernetesResource apply(GenericKubernetesResource resource) {
    return widgets().resource(resource).fieldManager(MANAGER).forceConflicts().serverSideApply();
  }

  private static void setStatus(String ns, String name, Map<String, Object> status) {
    GenericKubernetesResource current = widgets().inNamespace(ns).withName(name).get();
    current.setAdditionalProperty("status", status);
    widgets().resource(current).updateStatus();
  }

  private static void assertConflict(Runnable write) {
    assertThatThrownBy(write::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }
}
