package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default router: one Deployment per model version behind one Service, with traffic split by
 * replica counts. A Deployment's pod template is rendered once for its version and then only
 * scaled, so the approved version keeps running exactly what was approved. Versions that are
 * neither stable nor candidate are deleted once the stable version is ready.
 */
public final class ReplicaRouter implements TrafficRouter {
  static final String FIELD_MANAGER = "releasegate";
  private static final String OWNED = ObjectNames.MANAGED_BY + "=" + ObjectNames.MANAGER;

  @Override
  public List<EventSource<?, ModelRelease>> eventSources(EventSourceContext<ModelRelease> context) {
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Deployment.class, ModelRelease.class)
                .withLabelSelector(OWNED)
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, ModelRelease.class)
                .withLabelSelector(OWNED)
                .build(),
            context));
  }

  @Override
  public TrafficState observe(ModelRelease release, Context<ModelRelease> context) {
    Optional<Deployment> stable = onTrack(context, ObjectNames.STABLE);
    Optional<Deployment> candidate = onTrack(context, ObjectNames.CANARY);
    Optional<Deployment> previous = onTrack(context, ObjectNames.PREVIOUS);
    if (stable.isEmpty() && candidate.isEmpty()) {
      return TrafficState.NONE;
    }
    int stableReplicas = stable.map(ReplicaRouter::replicas).orElse(0);
    int candidateReplicas = candidate.map(ReplicaRouter::replicas).orElse(0);
    ReplicaSplit split = new ReplicaSplit(stableReplicas, candidateReplicas);
    boolean settled =
        stable.map(ReplicaRouter::ready).orElse(true)
            && candidate.map(ReplicaRouter::ready).orElse(true);
    return new TrafficState(
        stable.map(ReplicaRouter::version).orElse(null),
        candidate.map(ReplicaRouter::version).orElse(null),
        candidate.map(ReplicaRouter::requestedWeight).orElse(-1),
        split.effectiveWeight(),
        settled,
        split.describe(),
        previous.map(ReplicaRouter::version).orElse(null),
        previous.map(ReplicaRouter::replicas).orElse(0));
  }

  @Override
  public void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context) {
    Map<String, Deployment> byVersion = new HashMap<>();
    context.getSecondaryResources(Deployment.class).forEach(d -> byVersion.put(version(d), d));
    int replicas = target.replicas() != null ? target.replicas() : runningTotal(byVersion);
    ReplicaSplit split =
        ReplicaSplit.of(replicas, target.candidateWeight(), target.stable() != null);

    Optional<Deployment> stable = Optional.empty();
    if (target.stable() != null) {
      stable =
          place(
              release,
              target.stable(),
              ObjectNames.STABLE,
              split.stable(),
              null,
              byVersion,
              context);
    }
    boolean stableReady = target.stable() == null || stable.map(ReplicaRouter::ready).orElse(false);
    if (target.previous() != null) {
      // Warm pods of the previous version would match the Service and take a share of traffic:
      // this router keeps its Deployment, with the template it was approved with, at zero, once
      // the new stable version carries everything.
      Deployment previous = byVersion.get(target.previous().version());
      int keep = stableReady || previous == null ? 0 : replicas(previous);
      place(release, target.previous(), ObjectNames.PREVIOUS, keep, null, byVersion, context);
    }
    if (target.candidate() != null) {
      place(
          release,
          target.candidate(),
          ObjectNames.CANARY,
          split.candidate(),
          target.candidateWeight(),
          byVersion,
          context);
    }
    if (stableReady) {
      byVersion.values().stream()
          .filter(d -> !isTarget(d, target))
          .forEach(d -> context.getClient().resource(d).delete());
    }
    ensureService(release, context);
  }

  /** Creates, rescales or re-renders one version's Deployment; returns what is now in force. */
  private Optional<Deployment> place(
      ModelRelease release,
      ModelSpec model,
      String track,
      int replicas,
      Integer weight,
      Map<String, Deployment> byVersion,
      Context<ModelRelease> context) {
    Deployment existing = byVersion.get(model.version());
    boolean renderable = model.image() != null;
    if (existing == null && (replicas == 0 || !renderable)) {
      return Optional.empty(); // A version with no pods needs no Deployment.
    }
    // The candidate follows the spec's template; any other Deployment keeps what it was rendered
    // with.
    Deployment desired =
        existing == null || (renderable && ObjectNames.CANARY.equals(track))
            ? ServingObjects.render(release, model, track, replicas)
            : ServingObjects.rescale(release, existing, track, replicas);
    if (weight != null) {
      desired.getMetadata().getAnnotations().put(ObjectNames.WEIGHT, String.valueOf(weight));
    }
    if (existing != null && !differs(existing, desired)) {
      return Optional.of(existing);
    }
    return Optional.of(write(desired, existing, context, Deployment.class));
  }

  private void ensureService(ModelRelease release, Context<ModelRelease> context) {
    Service desired = ServingObjects.service(release);
    Optional<Service> existing =
        context.getSecondaryResources(Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(desired.getMetadata().getName()))
            .findFirst();
    if (existing.isEmpty()
        || !Objects.equals(existing.get().getSpec().getSelector(), desired.getSpec().getSelector())
        || !Objects.equals(existing.get().getSpec().getPorts(), desired.getSpec().getPorts())) {
      write(desired, existing.orElse(null), context, Service.class);
    }
  }

  /** Server-side apply, then tell the informer so the next reconcile sees the write at once. */
  private static <R extends HasMetadata> R write(
      R desired, R existing, Context<ModelRelease> context, Class<R> type) {
    R written =
        context
            .getClient()
            .resource(desired)
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    var source =
        (InformerEventSource<R, ModelRelease>)
            context.eventSourceRetriever().getEventSourceFor(type);
    if (existing == null) {
      source.handleRecentResourceCreate(ResourceID.fromResource(written), written);
    } else {
      source.handleRecentResourceUpdate(ResourceID.fromResource(written), written, existing);
    }
    return written;
  }

  private static boolean differs(Deployment existing, Deployment desired) {
    return !Objects.equals(existing.getSpec().getReplicas(), desired.getSpec().getReplicas())
        || !contains(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
        || !contains(
            existing.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
    return actual != null && actual.entrySet().containsAll(wanted.entrySet());
  }

  private static boolean isTarget(Deployment deployment, TrafficTarget target) {
    String version = version(deployment);
    return (target.stable() != null && target.stable().version().equals(version))
        || (target.candidate() != null && target.candidate().version().equals(version))
        || (target.previous() != null && target.previous().version().equals(version));
  }

  private static Optional<Deployment> onTrack(Context<ModelRelease> context, String track) {
    return context.getSecondaryResources(Deployment.class).stream()
        .filter(d -> track.equals(d.getMetadata().getLabels().get(ObjectNames.TRACK)))
        .findFirst();
  }

  /** What runs now, for a decision that cannot say how many replicas it wants. */
  private static int runningTotal(Map<String, Deployment> byVersion) {
    return Math.max(1, byVersion.values().stream().mapToInt(ReplicaRouter::replicas).sum());
  }

  private static String version(Deployment deployment) {
    return deployment.getMetadata().getLabels().get(ObjectNames.VERSION);
  }

  private static int replicas(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }

  private static int requestedWeight(Deployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    try {
      return annotations == null
          ? -1
          : Integer.parseInt(annotations.getOrDefault(ObjectNames.WEIGHT, "-1"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Ready when the Deployment's controller has seen its latest spec and every pod is ready. */
  static boolean ready(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    if (status == null) {
      return replicas(deployment) == 0;
    }
    long generation = Optional.ofNullable(deployment.getMetadata().getGeneration()).orElse(0L);
    long observed = Optional.ofNullable(status.getObservedGeneration()).orElse(0L);
    int wanted = replicas(deployment);
    return observed >= generation
        && Optional.ofNullable(status.getReadyReplicas()).orElse(0) == wanted
        && Optional.ofNullable(status.getUpdatedReplicas()).orElse(0) >= wanted
        && Optional.ofNullable(status.getReplicas()).orElse(0) == wanted;
  }
}
