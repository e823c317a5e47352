package dev.releasegate.traffic.kserve;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.TrafficBlock;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.traffic.TargetInformer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the KServe router reads of one release: its InferenceService, which version the predictor
 * holds, which version each revision runs, and the traffic KServe reports per version.
 */
final class InferenceServiceSplit {
  final ModelRelease release;
  final InferenceService service;

  /** The version whose model the predictor holds, or null when it holds none the release knows. */
  final String held;

  final RevisionVersions revisions;

  /** An InferenceService read, or why the router cannot act. */
  record Lookup(InferenceServiceSplit split, TrafficBlock block) {}

  private InferenceServiceSplit(
      ModelRelease release, InferenceService service, String held, RevisionVersions revisions) {
    this.release = release;
    this.service = service;
    this.held = held;
    this.revisions = revisions;
  }

  static Lookup read(
      ModelRelease release,
      Context<ModelRelease> context,
      TargetInformer<GenericKubernetesResource> services) {
    String wanted = release.getSpec().canary().trafficRouting().kserve().inferenceService();
    String namespace = release.getMetadata().getNamespace();
    if (!services.served(context)) {
      return blocked(
          Reason.KServeNotInstalled,
          "This cluster does not serve InferenceService (serving.kserve.io/v1beta1): install"
              + " KServe, or choose another router in spec.canary.trafficRouting.");
    }
    Optional<GenericKubernetesResource> found = services.get(namespace, wanted);
    if (found.isEmpty()) {
      return blocked(
          Reason.InferenceServiceNotFound,
          "InferenceService "
              + wanted
              + " does not exist in namespace "
              + namespace
              + ". releasegate never creates one: create it (Serverless mode) with the predictor"
              + " that serves this model, or fix spec.canary.trafficRouting.kserve.inferenceService.");
    }
    InferenceService service = InferenceService.of(found.get());
    Optional<TrafficBlock> refused = ServiceRefusals.check(release, service);
    if (refused.isPresent()) {
      return new Lookup(null, refused.get());
    }
    String held = ModelVersions.of(release).heldBy(service).orElse(null);
    RevisionVersions revisions = RevisionVersions.read(service.annotations());
    if (service.current() && held != null) {
      revisions = revisions.learning(service.revisions().latestCreatedRevision(), held);
    }
    InferenceServiceSplit split = new InferenceServiceSplit(release, service, held, revisions);
    return split
        .pinnedBlock()
        .map(block -> new Lookup(null, block))
        .orElse(new Lookup(split, null));
  }

  /** The approved version, or null before the first promotion. */
  String approved() {
    return release.getStatus() == null || release.getStatus().getStable() == null
        ? null
        : release.getStatus().getStable().version();
  }

  /** The version of the revision KServe last rolled out in full, if known. */
  Optional<String> rolledOut() {
    return revisions.versionOf(service.revisions().latestRolledoutRevision());
  }

  /**
   * Whether KServe still counts a rolled-back version as its last rolled-out one: after a rollback
   * in the observation period, canaryTrafficPercent 0 sends everything to the revision before it.
   */
  boolean pinned() {
    String approved = approved();
    return held != null
        && approved != null
        && !held.equals(approved)
        && rolledOut().filter(held::equals).isPresent();
  }

  TrafficState state() {
    String approved = approved();
    String candidate = held != null && !held.equals(approved) ? held : null;
    Integer canary = service.canaryTrafficPercent();
    int asked = candidate == null ? -1 : canary == null ? 100 : canary;
    Map<String, Integer> shares = shares();
    int effective = candidate == null ? 0 : shares.getOrDefault(candidate, 0);
    String stable =
        shares.entrySet().stream()
            .filter(e -> !e.getKey().equals(candidate) && e.getValue() > 0)
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(null);
    boolean settled =
        service.current()
            && service.ready()
            && service.latestReady()
            && (candidate == null ? !shares.isEmpty() : effective == asked);
    return new TrafficState(
        stable, candidate, asked, effective, settled, describe(shares), null, 0);
  }

  /** The traffic KServe reports, summed per version (a revision not learned counts by name). */
  Map<String, Integer> shares() {
    Map<String, Integer> shares = new LinkedHashMap<>();
    for (InferenceService.Traffic traffic : service.revisions().trafficOrEmpty()) {
      String version =
          revisions.versionOf(traffic.revisionName()).orElse("revision " + traffic.revisionName());
      int percent = traffic.percent() == null ? 0 : traffic.percent().intValue();
      shares.merge(version, percent, Integer::sum);
    }
    return shares;
  }

  private String describe(Map<String, Integer> shares) {
    String split =
        shares.isEmpty()
            ? "no traffic reported yet"
            : shares.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue() + "%")
                .collect(Collectors.joining(", "));
    String canary =
        service.canaryTrafficPercent() == null
            ? "no canaryTrafficPercent"
            : "canaryTrafficPercent " + service.canaryTrafficPercent();
    String acted =
        service.current()
            ? ""
            : "; KServe has not acted on generation " + service.generation() + " yet";
    return "InferenceService "
        + service.name()
        + " ("
        + Objects.requireNonNullElse(held, "an unknown model")
        + ", "
        + canary
        + "): "
        + split
        + acted;
  }

  /**
   * A new version's canary cannot start while KServe counts a rolled-back version as rolled out:
   * KServe would split the traffic between the new version and that one.
   */
  private Optional<TrafficBlock> pinnedBlock() {
    String wanted = release.getSpec().model().version();
    if (!pinned() || wanted.equals(held) || wanted.equals(approved())) {
      return Optional.empty();
    }
    return Optional.of(
        new TrafficBlock(
            Reason.KServeRolloutPinned,
            "InferenceService "
                + service.name()
                + " still counts rolled-back "
                + held
                + " as its last rolled-out revision (KServe serves "
                + approved()
                + " only because canaryTrafficPercent is 0), so a canary of "
                + wanted
                + " would share traffic with "
                + held
                + ". Roll "
                + approved()
                + " out in full first: set its model in the predictor and remove"
                + " canaryTrafficPercent ("
                + held
                + " serves until the new revision is ready); then the canary starts."));
  }

  private static Lookup blocked(Reason reason, String message) {
    return new Lookup(null, new TrafficBlock(reason, message));
  }
}
