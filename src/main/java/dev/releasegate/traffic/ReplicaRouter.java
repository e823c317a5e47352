package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The default router: one Deployment per model version behind one Service, with traffic split by
 * replica counts. Versions that are neither stable nor candidate are deleted once the stable
 * version is ready.
 */
public final class ReplicaRouter implements TrafficRouter {

  @Override
  public TrafficState observe(ModelRelease release, Context<ModelRelease> context) {
    VersionDeployments deployments = VersionDeployments.of(release, context);
    Optional<Deployment> stable = deployments.onTrack(ObjectNames.STABLE);
    Optional<Deployment> candidate = deployments.onTrack(ObjectNames.CANARY);
    Optional<Deployment> previous = deployments.onTrack(ObjectNames.PREVIOUS);
    if (stable.isEmpty() && candidate.isEmpty()) {
      return TrafficState.NONE;
    }
    int stableReplicas = stable.map(VersionDeployments::replicas).orElse(0);
    int candidateReplicas = candidate.map(VersionDeployments::replicas).orElse(0);
    ReplicaSplit split = new ReplicaSplit(stableReplicas, candidateReplicas);
    boolean settled =
        stable.map(VersionDeployments::ready).orElse(true)
            && candidate.map(VersionDeployments::ready).orElse(true);
    return new TrafficState(
        stable.map(VersionDeployments::version).orElse(null),
        candidate.map(VersionDeployments::version).orElse(null),
        candidate.map(VersionDeployments::requestedWeight).orElse(-1),
        split.effectiveWeight(),
        settled,
        split.describe(
            stable.map(VersionDeployments::version).orElse(null),
            candidate.map(VersionDeployments::version).orElse(null)),
        previous.map(VersionDeployments::version).orElse(null),
        previous.map(VersionDeployments::replicas).orElse(0));
  }

  @Override
  public void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context) {
    VersionDeployments deployments = VersionDeployments.of(release, context);
    int replicas = target.replicas() != null ? target.replicas() : deployments.runningTotal();
    ReplicaSplit split =
        ReplicaSplit.of(replicas, target.candidateWeight(), target.stable() != null);
    // The Service comes with the first pods: a release still waiting for its first sign-offs has
    // nothing to serve, and one write less per release when an operator starts on many of them.
    // It comes before them, so a Service of that name that is not the release's stops the release
    // before any pod starts.
    if (!deployments.isEmpty() || split.stable() + split.candidate() > 0) {
      ensureService(release, context);
    }

    Optional<Deployment> stable = Optional.empty();
    if (target.stable() != null) {
      stable = deployments.place(target.stable(), ObjectNames.STABLE, split.stable(), null);
    }
    boolean stableReady =
        target.stable() == null || stable.map(VersionDeployments::ready).orElse(false);
    if (target.previous() != null) {
      // Warm pods of the previous version would match the Service and take a share of traffic:
      // this router keeps its Deployment, with the template it was approved with, at zero, once
      // the new stable version carries everything.
      Optional<Deployment> previous = deployments.of(target.previous().version());
      int keep = stableReady ? 0 : previous.map(VersionDeployments::replicas).orElse(0);
      deployments.place(target.previous(), ObjectNames.PREVIOUS, keep, null);
    }
    if (target.candidate() != null) {
      deployments.place(
          target.candidate(), ObjectNames.CANARY, split.candidate(), target.candidateWeight());
    }
    if (stableReady) {
      deployments.deleteAllBut(versions(target));
    }
  }

  private static Set<String> versions(TrafficTarget target) {
    Set<String> versions = new HashSet<>();
    if (target.stable() != null) {
      versions.add(target.stable().version());
    }
    if (target.candidate() != null) {
      versions.add(target.candidate().version());
    }
    if (target.previous() != null) {
      versions.add(target.previous().version());
    }
    return versions;
  }

  private static void ensureService(ModelRelease release, Context<ModelRelease> context) {
    Service desired = ServingObjects.service(release);
    Optional<Service> existing = OwnedObjects.service(context, desired.getMetadata().getName());
    if (existing.isEmpty()
        || !Objects.equals(existing.get().getSpec().getSelector(), desired.getSpec().getSelector())
        || !Objects.equals(existing.get().getSpec().getPorts(), desired.getSpec().getPorts())) {
      OwnedObjects.write(desired, existing.orElse(null), context, Service.class);
    }
  }
}
