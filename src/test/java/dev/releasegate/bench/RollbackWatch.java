package dev.releasegate.bench;

import dev.releasegate.api.ObjectNames;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The independent client's view: a watch on the serving Deployments that notes the moment a
 * release's canary is at zero and its stable at full, for the releases whose kill switch was just
 * flipped.
 */
final class RollbackWatch implements AutoCloseable {
  private record Scale(int stable, int canary) {}

  private final int fullReplicas;
  private final Map<String, Scale> scales = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> armed = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Deployment> informer;

  RollbackWatch(KubernetesClient client, int fullReplicas) {
    this.fullReplicas = fullReplicas;
    informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(ObjectNames.MANAGED_BY, ObjectNames.MANAGER)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Deployment d) {
                    seen(d);
                  }

                  @Override
                  public void onUpdate(Deployment old, Deployment d) {
                    seen(d);
                  }

                  @Override
                  public void onDelete(Deployment d, boolean unknown) {}
                });
  }

  /** Starts waiting for a release's rollback; completes with the nanoTime it is seen. */
  CompletableFuture<Long> arm(String namespace, String release) {
    CompletableFuture<Long> seen = new CompletableFuture<>();
    armed.put(namespace + "/" + release, seen);
    check(namespace + "/" + release);
    return seen;
  }

  private void seen(Deployment d) {
    long now = System.nanoTime();
    Map<String, String> labels = d.getMetadata().getLabels();
    String key = d.getMetadata().getNamespace() + "/" + labels.get(ObjectNames.RELEASE);
    int replicas = Optional.ofNullable(d.getSpec().getReplicas()).orElse(0);
    scales.compute(
        key,
        (k, s) -> {
          Scale scale = s == null ? new Scale(-1, -1) : s;
          return ObjectNames.CANARY.equals(labels.get(ObjectNames.TRACK))
              ? new Scale(scale.stable(), replicas)
              : ObjectNames.STABLE.equals(labels.get(ObjectNames.TRACK))
                  ? new Scale(replicas, scale.canary())
                  : scale;
        });
    check(key, now);
  }

  private void check(String key) {
    check(key, System.nanoTime());
  }

  private void check(String key, long at) {
    Scale scale = scales.get(key);
    CompletableFuture<Long> waiting = armed.get(key);
    if (waiting != null && scale != null && scale.canary() == 0 && scale.stable() == fullReplicas) {
      armed.remove(key);
      waiting.complete(at);
    }
  }

  /** Whether every given release is at its canary split now. */
  boolean splitFor(String namespace, String release) {
    Scale scale = scales.get(namespace + "/" + release);
    return scale != null && scale.canary() > 0 && scale.stable() > 0;
  }

  @Override
  public void close() {
    informer.close();
  }
}
