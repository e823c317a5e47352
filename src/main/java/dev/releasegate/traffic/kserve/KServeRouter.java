package dev.releasegate.traffic.kserve;

import dev.releasegate.api.v1alpha1.KServeRouting;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.lifecycle.TrafficState;
import dev.releasegate.lifecycle.TrafficTarget;
import dev.releasegate.traffic.TargetInformer;
import dev.releasegate.traffic.TrafficRouter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;

/**
 * Releases through an existing KServe InferenceService in Serverless mode, where KServe splits
 * traffic between its last rolled-out revision and the latest one by {@code
 * spec.predictor.canaryTrafficPercent}. A step puts the candidate's model into the predictor and
 * its weight into canaryTrafficPercent; promotion removes canaryTrafficPercent, so KServe rolls the
 * candidate out; a rollback mid-canary sets it to 0 and restores the approved model in one write
 * (KServe keeps the approved revision's traffic meanwhile). What is in force is read from KServe's
 * status, per revision.
 *
 * <p>After promotion the previous approved version is KServe's previous rolled-out revision: a
 * rollback in the observation period sets canaryTrafficPercent to 0 and leaves the model as it is,
 * which is KServe's own way back to that revision. Restoring the previous model there would make
 * KServe hand the traffic back to the rolled-back revision once the new one is ready, so the router
 * does not, and refuses a new canary until a person has rolled the approved model out again.
 */
public final class KServeRouter implements TrafficRouter {
  private final TargetInformer<GenericKubernetesResource> services =
      new TargetInformer<>(
          "serving.kserve.io/v1beta1",
          "InferenceService",
          () ->
              InformerEventSourceConfiguration.from(
                  new GroupVersionKind("serving.kserve.io", "v1beta1", "InferenceService"),
                  ModelRelease.class),
          KServeRouter::serviceName);

  @Override
  public TrafficState observe(ModelRelease release, Context<ModelRelease> context) {
    InferenceServiceSplit.Lookup lookup = InferenceServiceSplit.read(release, context, services);
    return lookup.block() != null ? TrafficState.blocked(lookup.block()) : lookup.split().state();
  }

  @Override
  public void apply(ModelRelease release, TrafficTarget target, Context<ModelRelease> context) {
    InferenceServiceSplit.Lookup lookup = InferenceServiceSplit.read(release, context, services);
    if (lookup.block() != null) {
      return;
    }
    InferenceServiceSplit split = lookup.split();
    PredictorPatch patch =
        new PredictorPatch(split.service)
            .annotation(ServiceRefusals.CLAIM, release.getMetadata().getName())
            .annotation(RevisionVersions.ANNOTATION, split.revisions.toJson());
    decide(split, target, patch);
    if (!patch.isEmpty()) {
      write(split, patch, context);
    }
  }

  /** What the predictor should hold for the target, as patch operations. */
  private static void decide(
      InferenceServiceSplit split, TrafficTarget target, PredictorPatch patch) {
    ModelSpec stable = target.stable();
    ModelSpec candidate = target.candidate();
    String held = split.held;
    if (target.rollback()) {
      if (candidate.version().equals(held)) {
        if (stable == null || split.rolledOut().filter(held::equals).isPresent()) {
          // Promoted, or nothing approved: KServe's own rollback pins its previous revision.
          patch.canary(0);
        } else {
          // Mid-canary: KServe keeps the approved revision at 100% while its model returns.
          patch.model(stable).canary(0);
        }
      }
      return;
    }
    if (candidate != null) {
      int weight = target.candidateWeight();
      if (stable == null) {
        if (weight > 0) {
          patch.model(candidate).noCanary(); // The first version rolls out in full.
        }
      } else if (weight > 0) {
        patch.model(candidate).canary(weight);
      } else if (candidate.version().equals(held)) {
        patch.canary(0); // Rehearsal, pause at 0, or a gate shut again: keep its revision.
      } else if (!stable.version().equals(held) && !split.pinned()) {
        patch.model(stable).canary(0); // Another candidate is withdrawn.
      }
      return;
    }
    if (stable.version().equals(held)) {
      if (split.service.canaryTrafficPercent() != null
          && split.service.current()
          && split.service.latestReady()) {
        patch.noCanary(); // Promotion: the latest ready revision runs the approved model.
      }
    } else if (split.pinned()) {
      patch.canary(0);
    } else if (held == null) {
      patch.model(stable).noCanary(); // A model the release does not know: roll out the approved.
    } else {
      patch.model(stable).canary(0); // A candidate withdrawn: the approved revision keeps serving.
    }
  }

  private void write(
      InferenceServiceSplit split, PredictorPatch patch, Context<ModelRelease> context) {
    GenericKubernetesResource before = split.service.resource;
    // Patched through the object already read, so the write is one request (a patch by name
    // alone has the client GET the InferenceService first).
    GenericKubernetesResource written =
        context.getClient().resource(before).patch(PatchContext.of(PatchType.JSON), patch.toJson());
    services.wrote(written, before);
  }

  /** The InferenceService a release names, to map its events to releases. */
  static String serviceName(ModelRelease release) {
    var spec = release.getSpec();
    if (spec == null || spec.canary() == null || spec.canary().trafficRouting() == null) {
      return null;
    }
    KServeRouting routing = spec.canary().trafficRouting().kserve();
    return routing == null ? null : routing.inferenceService();
  }
}
