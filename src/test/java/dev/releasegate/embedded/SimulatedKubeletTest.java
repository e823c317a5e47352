package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@Integration
class SimulatedKubeletTest extends EmbeddedApiTestSupport {

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final String SELECTOR = MANAGED_BY + "=releasegate";

  @Test
  void bringsManagedDeploymentsUpAndDown() {
    String ns = newNamespace();
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, SELECTOR, Duration.ZERO).start()) {
      client.resource(managed(ns, "web", 3)).create();

      Deployment ready = awaitStatus(ns, "web", 3, 1L);
      assertThat(ready.getStatus().getConditions())
          .extracting(DeploymentCondition::getType, DeploymentCondition::getStatus)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("Available", "True"),
              org.assertj.core.groups.Tuple.tuple("Progressing", "True"));
      assertThat(ready.getStatus().getConditions())
          .filteredOn(c -> c.getType().equals("Progressing"))
          .extracting(DeploymentCondition::getReason)
          .containsExactly("NewReplicaSetAvailable");

      client.apps().deployments().inNamespace(ns).withName("web").scale(0);

      Deployment scaledDown = awaitStatus(ns, "web", 0, 2L);
      assertThat(scaledDown.getStatus().getReplicas()).isZero();
    }
  }

  @Test
  void leavesOtherDeploymentsAlone() {
    String ns = newNamespace();
    try (SimulatedKubelet kubelet = new SimulatedKubelet(client, SELECTOR, Duration.ZERO).start()) {
      client.resource(PatchesAndSubresourcesTest.deployment(ns, "unmanaged", 2)).create();
      client.resource(managed(ns, "managed", 2)).create();

      awaitStatus(ns, "managed", 2, 1L);
      // The informer never sees the unlabelled one (the selector is applied by the server), so
      // by the time the managed one is up, the unmanaged one has simply been ignored.
      assertThat(
              client.apps().deployments().inNamespace(ns).withName("unmanaged").get().getStatus())
          .isNull();
    }
  }

  @Test
  void skipsDeploymentsDeletedBeforeTheyBecomeReady() {
    String ns = newNamespace();
    try (SimulatedKubelet kubelet =
        new SimulatedKubelet(client, SELECTOR, Duration.ofMillis(200)).start()) {
      client.resource(managed(ns, "short-lived", 1)).create();
      client.apps().deployments().inNamespace(ns).withName("short-lived").delete();
      client.resource(managed(ns, "later", 1)).create();

      // Writes run in scheduling order, so once "later" is ready the write for "short-lived"
      // has been attempted and must not have resurrected it.
      awaitStatus(ns, "later", 1, 1L);
      assertThat(client.apps().deployments().inNamespace(ns).withName("short-lived").get())
          .isNull();
    }
  }

  @Test
  void writesOnlyWhenTheStatusLagsTheSpec() {
    Deployment deployment = managed("ns", "web", 2);
    deployment.getMetadata().setGeneration(4L);

    Deployment ready =
        new DeploymentBuilder(deployment)
            .withStatus(SimulatedKubelet.readyStatus(deployment).orElseThrow())
            .build();

    assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(4L);
    assertThat(ready.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(SimulatedKubelet.readyStatus(ready)).isEmpty();
  }

  private static Deployment awaitStatus(String ns, String name, int replicas, long generation) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> client.apps().deployments().inNamespace(ns).withName(name).get(),
            d ->
                d.getStatus() != null
                    && d.getStatus().getReadyReplicas() != null
                    && d.getStatus().getReadyReplicas() == replicas
                    && d.getStatus().getObservedGeneration() == generation);
  }

  private static Deployment managed(String ns, String name, int replicas) {
    return new DeploymentBuilder(PatchesAndSubresourcesTest.deployment(ns, name, replicas))
        .editMetadata()
        .addToLabels(MANAGED_BY, "releasegate")
        .endMetadata()
        .build();
  }
}
