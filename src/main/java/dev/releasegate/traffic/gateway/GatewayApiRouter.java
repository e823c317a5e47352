package dev.releasegate.traffic.gateway;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import dev.releasegate.traffic.OwnedObjects;
import dev.releasegate.traffic.ServingObjects;
import dev.releasegate.traffic.TargetInformer;
import dev.releasegate.traffic.TrafficRouter;
import dev.releasegate.traffic.VersionDeployments;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Splits traffic with the weights of two backendRefs in a rule of an existing HTTPRoute. Each
 * version runs in its own Deployment; the Services {@code <release>-stable} and {@code
 * <release>-canary} each select one version's pods, and the route's rule sends exact percentages to
 * them. The stable version keeps all its replicas during a canary, so a rollback is one write to
 * the route; during the observation period the canary Service selects the previous version's warm
 * pods at weight 0, so a rollback then is one write to the stable Service.
 *
 * <p>Nothing ever sends traffic to pods that are not ready: a Service's selector moves to a version
 * once it is ready (for a rollback, once it has a ready pod), the canary Service's only while the
 * route gives it nothing, and the canary's weight rises only once its pods are ready. Every other
 * field of the route is left alone, and weights someone else edits are put back.
 */
public final class GatewayApiRouter implements TrafficRouter {
  private final TargetInformer<HTTPRoute> routes =
      new TargetInformer<>(
          "gateway.networking.k8s.io/v1",
          "HTTPRoute",
          () -> InformerEventSourceConfiguration.from(HTTPRoute.class, ModelRelease.class),
          GatewayApiRouter::routeName);

  @Override
  public TrafficState observe(ModelRelease release, Context<ModelRelease> context) {
    RouteSplit.Lookup lookup = RouteSplit.read(release, context, routes);
    return lookup.block() != null ? TrafficState.blocked(lookup.block()) : lookup.split().state();
  }

  @Override
  public void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context) {
    RouteSplit.Lookup lookup = RouteSplit.read(release, context, routes);
    if (lookup.block() != null) {
      return;
    }
    RouteSplit split = lookup.split();
    if (target.rollback()) {
      rollBack(split, target, context);
    } else {
      shift(split, target, context);
    }
    keepPrevious(split, target);
    deleteUnused(split, target);
  }

  /** A step, a promotion, a rehearsal: pods up first, then Services, then weights. */
  private void shift(RouteSplit split, TrafficTarget target, Context<ModelRelease> context) {
    int replicas = fullReplicas(split, target);
    ModelSpec stable = target.stable();
    ModelSpec candidate = target.candidate();
    if (stable != null) {
      split.deployments.place(stable, ObjectNames.STABLE, replicas, null);
    }
    if (candidate != null) {
      int pods =
          target.candidateWeight() > 0
              ? Math.max(1, (int) Math.ceil(replicas * target.candidateWeight() / 100.0))
              : split
                  .deployments
                  .of(candidate.version())
                  .map(VersionDeployments::replicas)
                  .orElse(0);
      split.deployments.place(candidate, ObjectNames.CANARY, pods, target.candidateWeight());
    }
    // The first version has no approved one before it: both Services select it.
    ModelSpec onStable = stable != null ? stable : candidate;
    if (onStable != null
        && (isReady(split, onStable.version(), false)
            || split.service(split.stableService).isEmpty())) {
      select(split, split.stableService, ObjectNames.STABLE, onStable.version(), context);
    }
    String onCanary =
        candidate != null
            ? candidate.version()
            : Optional.ofNullable(target.previous()).map(ModelSpec::version).orElse(null);
    if (onCanary != null && !onCanary.equals(split.selected(split.canaryService))) {
      // The canary Service changes versions only while the route gives it nothing, and its
      // share goes only to the stable Service once that serves the version it should.
      if (split.rule().canaryShare() > 0 && stableInPlace(split, onStable)) {
        setShare(split, 0, context);
      }
      if (split.rule().canaryShare() == 0 || split.service(split.canaryService).isEmpty()) {
        select(split, split.canaryService, ObjectNames.CANARY, onCanary, context);
      }
    }
    desiredShare(split, target)
        .filter(share -> !split.rule().weighs(share))
        .ifPresent(share -> setShare(split, share, context));
  }

  /** Kill switch, failed analysis or rehearsal: traffic back first, in one write, then pods. */
  private void rollBack(RouteSplit split, TrafficTarget target, Context<ModelRelease> context) {
    ModelSpec stable = target.stable();
    ModelSpec rolledBack = target.candidate();
    if (stable != null) {
      String version = stable.version();
      if (!version.equals(split.selected(split.stableService)) && isReady(split, version, true)) {
        // After promotion: the previous version's warm pods take everything at once.
        select(split, split.stableService, ObjectNames.STABLE, version, context);
      }
      if (!split.rule().weighs(0) && servesReadyPods(split, split.stableService)) {
        // Mid-canary: the stable version never lost its replicas.
        setShare(split, 0, context);
      }
      split.deployments.place(stable, ObjectNames.STABLE, fullReplicas(split, target), null);
    }
    String version = rolledBack.version();
    boolean carries =
        version.equals(split.selected(split.stableService))
            || (version.equals(split.selected(split.canaryService))
                && split.rule().canaryShare() > 0);
    if (stable == null || !carries) {
      split.deployments.place(rolledBack, ObjectNames.CANARY, 0, 0);
    }
  }

  /** The previous version keeps its warm pods once the stable Service no longer selects it. */
  private void keepPrevious(RouteSplit split, TrafficTarget target) {
    ModelSpec previous = target.previous();
    if (previous == null) {
      return;
    }
    int pods =
        previous.version().equals(split.selected(split.stableService))
            ? split.deployments.of(previous.version()).map(VersionDeployments::replicas).orElse(0)
            : target.previousReplicas();
    split.deployments.place(previous, ObjectNames.PREVIOUS, pods, null);
  }

  /** Versions the target does not name and no Service selects go, once the stable is ready. */
  private void deleteUnused(RouteSplit split, TrafficTarget target) {
    ModelSpec stable = target.stable();
    if (stable == null
        || !stable.version().equals(split.selected(split.stableService))
        || !isReady(split, stable.version(), false)) {
      return;
    }
    Set<String> kept = new HashSet<>();
    Stream.of(stable, target.candidate(), target.previous())
        .filter(Objects::nonNull)
        .forEach(m -> kept.add(m.version()));
    Stream.of(split.selected(split.stableService), split.selected(split.canaryService))
        .filter(Objects::nonNull)
        .forEach(kept::add);
    split.deployments.deleteAllBut(kept);
  }

  /**
   * The candidate's share to write now, or empty to leave the route as it is: its weight once its
   * pods are ready behind the canary Service, never more than it has until then, and nothing while
   * no ready pod could take the rest.
   */
  private static Optional<Integer> desiredShare(RouteSplit split, TrafficTarget target) {
    ModelSpec candidate = target.candidate();
    if (candidate == null) {
      // Promoted: the canary keeps its share until the stable Service serves the new version.
      return stableInPlace(split, target.stable()) ? Optional.of(0) : Optional.empty();
    }
    int weight = target.candidateWeight();
    boolean behindCanary = candidate.version().equals(split.selected(split.canaryService));
    boolean ready = isReady(split, candidate.version(), false);
    if (target.stable() == null) {
      return weight > 0 && behindCanary && ready ? Optional.of(weight) : Optional.empty();
    }
    if (!stableInPlace(split, target.stable())) {
      return Optional.empty();
    }
    if (behindCanary && ready) {
      return Optional.of(weight);
    }
    return Optional.of(Math.min(weight, behindCanary ? split.rule().canaryShare() : 0));
  }

  /** Whether a version's Deployment is ready (for a rollback: has any ready pod). */
  private static boolean isReady(RouteSplit split, String version, boolean anyPod) {
    Optional<Deployment> deployment = split.deployments.of(version);
    return deployment
        .map(d -> anyPod ? VersionDeployments.readyPods(d) > 0 : VersionDeployments.ready(d))
        .orElse(false);
  }

  /** Whether the stable Service selects {@code stable} and it has ready pods. */
  private static boolean stableInPlace(RouteSplit split, ModelSpec stable) {
    return stable != null
        && stable.version().equals(split.selected(split.stableService))
        && servesReadyPods(split, split.stableService);
  }

  private static boolean servesReadyPods(RouteSplit split, String service) {
    String version = split.selected(service);
    return version != null && isReady(split, version, true);
  }

  private static int fullReplicas(RouteSplit split, TrafficTarget target) {
    if (target.replicas() != null) {
      return target.replicas();
    }
    return split
        .deployments
        .onTrack(ObjectNames.STABLE)
        .map(VersionDeployments::replicas)
        .orElseGet(split.deployments::runningTotal);
  }

  /** Points a track Service at a version's pods (and keeps its ports), if it does not already. */
  private static void select(
      RouteSplit split, String name, String track, String version, Context<ModelRelease> context) {
    GatewayApiRouting routing = split.release.getSpec().canary().trafficRouting().gatewayAPI();
    Service desired = ServingObjects.trackService(split.release, track, version, routing.port());
    Optional<Service> existing = split.service(name);
    if (existing.isEmpty()
        || !Objects.equals(existing.get().getSpec().getSelector(), desired.getSpec().getSelector())
        || !Objects.equals(existing.get().getSpec().getPorts(), desired.getSpec().getPorts())) {
      OwnedObjects.write(desired, existing.orElse(null), context, Service.class);
    }
  }

  private void setShare(RouteSplit split, int share, Context<ModelRelease> context) {
    HTTPRoute before = split.rule().route();
    // Patched through the object already read, so the write is one request (a patch by name
    // alone has the client GET the route first).
    HTTPRoute written =
        context
            .getClient()
            .resource(before)
            .patch(PatchContext.of(PatchType.JSON), RouteWeights.patch(split.rule(), share));
    routes.wrote(written, before);
    split.routeWritten(written);
  }

  /** The route a release names, to map route events to releases. */
  static String routeName(ModelRelease release) {
    var spec = release.getSpec();
    if (spec == null || spec.canary() == null || spec.canary().trafficRouting() == null) {
      return null;
    }
    GatewayApiRouting routing = spec.canary().trafficRouting().gatewayAPI();
    return routing == null ? null : routing.httpRoute();
  }
}
