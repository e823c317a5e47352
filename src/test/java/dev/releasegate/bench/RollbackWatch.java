package dev.releasegate.bench;

import dev.releasegate.api.ObjectNames;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The independent client's view: a watch on the serving Deployments that notes the moment a
 * release's canary is at zero and its stable at full, for the releases whose kill switch was just
 * flipped. A rollback is judged from the Deployments' {@code spec.replicas}, the operator's (or the
 * floor's) write, not from pods becoming ready, so the kubelet's (simulated or KWOK's) pace is not
 * in it, on either API. It also tells when every Deployment has rolled out and rests.
 */
final class RollbackWatch implements AutoCloseable {
  private record Scale(int stable, int canary) {}

  private final int fullReplicas;
  private final Map<String, Scale> scales = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> armed = new ConcurrentHashMap<>();
  private final Set<String> rollingOut = ConcurrentHashMap.newKeySet();
  private final AtomicLong changes = new AtomicLong();
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
                  public void onDelete(Deployment d, boolean unknown) {
                    changes.incrementAndGet();
                    rollingOut.remove(id(d));
                  }
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
    changes.incrementAndGet();
    if (rolledOut(d)) {
      rollingOut.remove(id(d));
    } else {
      rollingOut.add(id(d));
    }
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

  /**
   * Whether every Deployment's status has caught up with its spec: the controller has seen the last
   * change, and exactly the wanted pods exist and are ready (none old, none starting).
   */
  private static boolean rolledOut(Deployment d) {
    int wanted = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
    DeploymentStatus status = Optional.ofNullable(d.getStatus()).orElseGet(DeploymentStatus::new);
    long generation = Optional.ofNullable(d.getMetadata().getGeneration()).orElse(0L);
    return Optional.ofNullable(status.getObservedGeneration()).orElse(0L) >= generation
        && Optional.ofNullable(status.getReplicas()).orElse(0) == wanted
        && Optional.ofNullable(status.getReadyReplicas()).orElse(0) == wanted;
  }

  private static String id(Deployment d) {
    return d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
  }

  /** Whether every Deployment seen so far has rolled out. */
  boolean allRolledOut() {
    return rollingOut.isEmpty();
  }

  /** How many times a Deployment was added, changed or deleted so far. */
  long changes() {
    return changes.get();
  }

  @Override
  public void close() {
    informer.close();
  }
}
