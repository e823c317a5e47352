package dev.releasegate.embedded;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the controllers and kubelets of a real cluster, which the embedded API server does
 * not have: it makes every matching Deployment become ready.
 *
 * <p>Whenever a Deployment's status lags its spec (an older {@code observedGeneration}, or replica
 * counts different from {@code spec.replicas}), it writes, after {@code readinessDelay}, a status
 * through the {@code /status} subresource with all replicas ready, available and updated and the
 * Available and Progressing conditions true. It only writes when the status differs, and ignores
 * Deployments deleted in the meantime.
 */
public final class SimulatedKubelet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);

  private final KubernetesClient client;
  private final String labelSelector;
  private final Duration readinessDelay;
  private final ScheduledExecutorService scheduler;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private volatile SharedIndexInformer<Deployment> informer;

  /**
   * @param client the client to watch and write through
   * @param labelSelector which Deployments to bring up, e.g. {@code
   *     app.kubernetes.io/managed-by=releasegate}
   * @param readinessDelay how long a Deployment takes to become ready ({@link Duration#ZERO} in
   *     tests)
   */
  public SimulatedKubelet(KubernetesClient client, String labelSelector, Duration readinessDelay) {
    this.client = Objects.requireNonNull(client);
    this.labelSelector = Objects.requireNonNull(labelSelector);
    this.readinessDelay = Objects.requireNonNull(readinessDelay);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "simulated-kubelet");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts watching Deployments in all namespaces; returns once the informer has synced. */
  public SimulatedKubelet start() {
    // Assigned before it runs: a handler may fire (and a zero-delay write read the store) at once.
    informer =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabelSelector(labelSelector)
            .runnableInformer(0)
            .addEventHandler(new OnChange());
    informer.run();
    return this;
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    scheduler.shutdownNow();
  }

  private final class OnChange implements ResourceEventHandler<Deployment> {
    @Override
    public void onAdd(Deployment deployment) {
      scheduleIfBehind(deployment);
    }

    @Override
    public void onUpdate(Deployment before, Deployment after) {
      scheduleIfBehind(after);
    }

    @Override
    public void onDelete(Deployment deployment, boolean finalStateUnknown) {
      // Nothing to do: a pending write finds the Deployment gone and skips it.
    }
  }

  private void scheduleIfBehind(Deployment deployment) {
    if (readyStatus(deployment).isEmpty()) {
      return;
    }
    String key = Cache.metaNamespaceKeyFunc(deployment);
    if (pending.add(key)) {
      scheduler.schedule(() -> bringUp(key), readinessDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void bringUp(String key) {
    pending.remove(key);
    Deployment latest = informer.getStore().getByKey(key);
    if (latest == null) {
      return;
    }
    readyStatus(latest).ifPresent(status -> writeStatus(latest, status));
  }

  private void writeStatus(Deployment deployment, DeploymentStatus status) {
    String patch = Serialization.asJson(Map.of("status", status));
    try {
      client
          .apps()
          .deployments()
          .inNamespace(deployment.getMetadata().getNamespace())
          .withName(deployment.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("Could not mark Deployment {} ready", Cache.metaNamespaceKeyFunc(deployment), e);
      }
    }
  }

  /** The ready status {@code deployment} should have, or empty if it already has it. */
  static Optional<DeploymentStatus> readyStatus(Deployment deployment) {
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(1L);
    // spec.replicas defaults to 1 on a real server; the mock applies no defaults.
    int replicas =
        deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
            ? 1
            : deployment.getSpec().getReplicas();
    DeploymentStatus current =
        Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
    boolean upToDate =
        Objects.equals(current.getObservedGeneration(), generation)
            && Objects.equals(current.getReplicas(), replicas)
            && Objects.equals(current.getReadyReplicas(), replicas)
            && Objects.equals(current.getAvailableReplicas(), replicas)
            && Objects.equals(current.getUpdatedReplicas(), replicas)
            && isTrue(current, "Available")
            && isTrue(current, "Progressing");
    if (upToDate) {
      return Optional.empty();
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return Optional.of(
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withConditions(
                condition(current, "Available", "MinimumReplicasAvailable", now),
                condition(current, "Progressing", "NewReplicaSetAvailable", now))
            .build());
  }

  private static boolean isTrue(DeploymentStatus status, String type) {
    return findCondition(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** A true condition, keeping the transition time of one that was already true. */
  private static DeploymentCondition condition(
      DeploymentStatus current, String type, String reason, String now) {
    String since =
        findCondition(current, type)
            .filter(c -> "True".equals(c.getStatus()))
            .map(DeploymentCondition::getLastTransitionTime)
            .orElse(now);
    return new DeploymentConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage("Simulated by releasegate's embedded kubelet")
        .withLastTransitionTime(since)
        .withLastUpdateTime(now)
        .build();
  }

  private static Optional<DeploymentCondition> findCondition(DeploymentStatus status, String type) {
    List<DeploymentCondition> conditions = status.getConditions();
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
