package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Merge, JSON and strategic patches, status subresources and watches through the Fabric8 client.
 */
@Integration
class PatchesAndSubresourcesTest extends EmbeddedApiTestSupport {

  @Test
  void aMergePatchNullRemovesTheKey() {
    String ns = newNamespace();
    GenericKubernetesResource w = widget(ns, "w1", Map.of("size", "small"));
    w.getMetadata().setAnnotations(Map.of("releasegate.dev/kill", "true", "other", "x"));
    widgets().resource(w).create();

    GenericKubernetesResource patched =
        widgets()
            .inNamespace(ns)
            .withName("w1")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"releasegate.dev/kill\":null}}}");

    assertThat(patched.getMetadata().getAnnotations()).isEqualTo(Map.of("other", "x"));
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void aMergePatchToStatusWithAQueryStringChangesOnlyStatus() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    // Fabric8 adds no query string here; kubectl adds ?fieldManager=kubectl-patch (see
    // KubectlTest).
    GenericKubernetesResource patched =
        widgets()
            .inNamespace(ns)
            .withName("w1")
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"size\":\"ignored\"},\"status\":{\"phase\":\"Canary\"}}");

    assertThat(patched.get("status", "phase").toString()).isEqualTo("Canary");
    assertThat(patched.get("spec", "size").toString()).isEqualTo("small");
  }

  @Test
  void jsonPatchesApplyAndInvalidOnesAreUnprocessable() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    GenericKubernetesResource patched =
        widgets()
            .inNamespace(ns)
            .withName("w1")
            .patch(
                PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/spec/size\",\"value\":\"large\"}]");
    assertThat(patched.get("spec", "size").toString()).isEqualTo("large");
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

    assertThatThrownBy(
            () ->
                widgets()
                    .inNamespace(ns)
                    .withName("w1")
                    .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void builtInStatusIsASubresource() {
    String ns = newNamespace();
    Deployment created =
        client
            .resource(
                new DeploymentBuilder(deployment(ns, "web", 2))
                    .withNewStatus()
                    .withReplicas(42)
                    .endStatus()
                    .build())
            .create();
    assertThat(created.getStatus()).as("status is dropped on create").isNull();

    Deployment withStatus =
        client
            .resource(
                new DeploymentBuilder(created)
                    .editSpec()
                    .withReplicas(9)
                    .endSpec()
                    .withStatus(new DeploymentStatusBuilder().withReplicas(2).build())
                    .build())
            .updateStatus();
    assertThat(withStatus.getStatus().getReplicas()).isEqualTo(2);
    assertThat(withStatus.getSpec().getReplicas()).as("spec ignored on /status").isEqualTo(2);
    assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);

    Deployment scaled =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("web")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"replicas\":3},\"status\":{\"replicas\":99}}");
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
    assertThat(scaled.getStatus().getReplicas()).as("status ignored on main").isEqualTo(2);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
  }

  @Test
  void scaleIsASubresourceViewOfReplicas() {
    String ns = newNamespace();
    client.resource(deployment(ns, "web", 2)).create();
    var web = client.apps().deployments().inNamespace(ns).withName("web");

    Scale scale = web.scale();
    assertThat(scale.getKind()).isEqualTo("Scale");
    assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
    assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");

    web.scale(5);

    Deployment scaled = web.get();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
    assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(scaled.getSpec().getTemplate().getSpec().getContainers()).hasSize(2);
  }

  @Test
  void strategicMergePatchesMergeContainersByName() {
    String ns = newNamespace();
    client.resource(deployment(ns, "web", 1)).create();

    Deployment patched =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("web")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:2\"}]}}}}");

    var containers = patched.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).getImage()).isEqualTo("app:2");
    assertThat(containers.get(0).getPorts()).hasSize(1);
    assertThat(containers.get(1).getName()).isEqualTo("sidecar");
  }

  @Test
  void aStrategicMergePatchOfACustomResourceIsRefusedAsARealServerRefusesIt() {
    String ns = newNamespace();
    widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();

    assertThatThrownBy(
            () ->
                widgets()
                    .inNamespace(ns)
                    .withName("w1")
                    .patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE),
                        "{\"spec\":{\"size\":\"large\"}}"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(415);
              assertThat(e.getStatus().getMessage()).contains("application/merge-patch+json");
            });
    assertThat(widgets().inNamespace(ns).withName("w1").get().getAdditionalProperties())
        .extractingByKey("spec")
        .isEqualTo(Map.of("size", "small"));
  }

  @Test
  void anInformerSeesAddedModifiedAndDeleted() {
    String ns = newNamespace();
    List<String> events = new CopyOnWriteArrayList<>();
    try (SharedIndexInformer<GenericKubernetesResource> informer =
        widgets().inNamespace(ns).inform(recording(events))) {
      widgets().resource(widget(ns, "w1", Map.of("size", "small"))).create();
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("ADDED w1"));

      widgets()
          .inNamespace(ns)
          .withName("w1")
          .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"size\":\"large\"}}");
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("MODIFIED w1 large"));

      widgets().inNamespace(ns).withName("w1").delete();
      await().atMost(Duration.ofSeconds(5)).until(() -> events.contains("DELETED w1"));
      assertThat(informer.getStore().list()).isEmpty();
    }
  }

  private static ResourceEventHandler<GenericKubernetesResource> recording(List<String> events) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(GenericKubernetesResource obj) {
        events.add("ADDED " + obj.getMetadata().getName());
      }

      @Override
      public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
        events.add("MODIFIED " + newObj.getMetadata().getName() + " " + newObj.get("spec", "size"));
      }

      @Override
      public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
        events.add("DELETED " + obj.getMetadata().getName());
      }
    };
  }

  static Deployment deployment(String ns, String name, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app:1")
        .addNewPort()
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .addNewContainer()
        .withName("sidecar")
        .withImage("sidecar:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
