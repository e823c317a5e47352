package dev.releasegate.bench;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor: what any operator pays to react to the kill switch on this API, and nothing more. A
 * bare Fabric8 informer sees the annotation and patches the two Deployments (stable to full, canary
 * to zero), the same writes the replicas router makes; no decision, no status, no Event.
 */
final class FloorOperator implements AutoCloseable {
  private final KubernetesClient client;
  private final int fullReplicas;
  private final Set<String> handled = ConcurrentHashMap.newKeySet();
  private final SharedIndexInformer<ModelRelease> informer;

  FloorOperator(KubernetesClient client, String namespace, int fullReplicas) {
    this.client = client;
    this.fullReplicas = fullReplicas;
    informer =
        client
            .resources(ModelRelease.class)
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ModelRelease r) {
                    react(r);
                  }

                  @Override
                  public void onUpdate(ModelRelease old, ModelRelease r) {
                    react(r);
                  }

                  @Override
                  public void onDelete(ModelRelease r, boolean unknown) {}
                });
  }

  private void react(ModelRelease release) {
    String name = release.getMetadata().getName();
    if (release.getMetadata().getAnnotations() == null
        || !release.getMetadata().getAnnotations().containsKey(ReleaseAnnotations.KILL_SWITCH)
        || !handled.add(release.getMetadata().getUid())) {
      return;
    }
    String ns = release.getMetadata().getNamespace();
    scale(ns, ObjectNames.deployment(name, Benchmark.STABLE_VERSION), fullReplicas);
    scale(ns, ObjectNames.deployment(name, Benchmark.CANARY_VERSION), 0);
  }

  /** One merge patch, from the object itself (a patch from a string makes the client GET first). */
  private void scale(String namespace, String deployment, int replicas) {
    Deployment patch =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(deployment)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .build();
    client.resource(patch).patch(PatchContext.of(PatchType.JSON_MERGE));
  }

  @Override
  public void close() {
    informer.close();
  }
}
