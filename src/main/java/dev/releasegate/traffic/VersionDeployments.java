package dev.releasegate.traffic;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A release's Deployments, one per model version, as the replica and Gateway API routers keep them.
 * A Deployment's pod template is rendered once for its version and then only scaled and relabelled,
 * so an approved version keeps running exactly what was approved; only the candidate follows the
 * spec's template.
 */
public final class VersionDeployments {
  private final ModelRelease release;
  private final Context<ModelRelease> context;
  private final Map<String, Deployment> byVersion = new HashMap<>();

  private VersionDeployments(ModelRelease release, Context<ModelRelease> context) {
    this.release = release;
    this.context = context;
    OwnedObjects.owned(context, Deployment.class).forEach(d -> byVersion.put(version(d), d));
  }

  /** The Deployments this release controls, as the informer's cache holds them. */
  public static VersionDeployments of(ModelRelease release, Context<ModelRelease> context) {
    return new VersionDeployments(release, context);
  }

  /** The Deployment labelled with this track, if any. */
  public Optional<Deployment> onTrack(String track) {
    return byVersion.values().stream()
        .filter(d -> track.equals(d.getMetadata().getLabels().get(ObjectNames.TRACK)))
        .findFirst();
  }

  /** Whether the release has no Deployment at all: no version has ever been given pods. */
  public boolean isEmpty() {
    return byVersion.isEmpty();
  }

  public Optional<Deployment> of(String version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  /**
   * Creates, rescales or re-renders one version's Deployment; returns what is now in force, empty
   * when the version needs no Deployment (no pods asked, or nothing to render it from).
   */
  public Optional<Deployment> place(ModelSpec model, String track, int replicas, Integer weight) {
    Deployment existing = byVersion.get(model.version());
    boolean renderable = model.image() != null;
    if (existing == null && (replicas == 0 || !renderable)) {
      return Optional.empty();
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
    if (existing != null) {
      // A version keeps the Deployment it started in, even one named before names ended in a
      // hash: renaming would start a second set of pods beside the first.
      desired.getMetadata().setName(existing.getMetadata().getName());
    }
    if (existing != null && !differs(existing, desired)) {
      return Optional.of(existing);
    }
    Deployment written = OwnedObjects.write(desired, existing, context, Deployment.class);
    byVersion.put(model.version(), written);
    return Optional.of(written);
  }

  /** Deletes every Deployment whose version is not kept. */
  public void deleteAllBut(java.util.Set<String> kept) {
    byVersion.values().stream()
        .filter(d -> !kept.contains(version(d)))
        .forEach(d -> context.getClient().resource(d).delete());
  }

  /** What runs now, for a decision that cannot say how many replicas it wants. */
  public int runningTotal() {
    return Math.max(1, byVersion.values().stream().mapToInt(VersionDeployments::replicas).sum());
  }

  public static String version(Deployment deployment) {
    return deployment.getMetadata().getLabels().get(ObjectNames.VERSION);
  }

  public static int replicas(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
  }

  /** Pods ready now, whatever the Deployment asks for. */
  public static int readyPods(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    return status == null ? 0 : Optional.ofNullable(status.getReadyReplicas()).orElse(0);
  }

  /** The weight the router was last asked to give this version, or -1. */
  public static int requestedWeight(Deployment deployment) {
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
  public static boolean ready(Deployment deployment) {
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

  private static boolean differs(Deployment existing, Deployment desired) {
    return !Objects.equals(existing.getSpec().getReplicas(), desired.getSpec().getReplicas())
        || !contains(existing.getMetadata().getLabels(), desired.getMetadata().getLabels())
        || !contains(
            existing.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations());
  }

  private static boolean contains(Map<String, String> actual, Map<String, String> wanted) {
    return actual != null && actual.entrySet().containsAll(wanted.entrySet());
  }
}
