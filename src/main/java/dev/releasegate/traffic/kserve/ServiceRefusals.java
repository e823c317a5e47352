package dev.releasegate.traffic.kserve;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.lifecycle.TrafficBlock;
import java.util.Optional;

/**
 * Why an InferenceService cannot carry a release's canary: another release manages it, KServe would
 * ignore the canary weight, releasegate cannot tell where its model goes, or the candidate's model
 * is the approved one. Each refusal names the object and what to change.
 */
final class ServiceRefusals {
  /** The annotation that says which ModelRelease manages an InferenceService. */
  static final String CLAIM = "releasegate.dev/release";

  private ServiceRefusals() {}

  static Optional<TrafficBlock> check(ModelRelease release, InferenceService service) {
    String name = "InferenceService " + service.name();
    String claim = service.annotations().get(CLAIM);
    if (claim != null && !claim.equals(release.getMetadata().getName())) {
      return refuse(
          Reason.InferenceServiceOwnedByAnotherRelease,
          name
              + " is managed by ModelRelease "
              + claim
              + " (annotation "
              + CLAIM
              + "): one release per InferenceService. If that release is gone, remove the"
              + " annotation.");
    }
    if (service.rawMode().isPresent()) {
      return refuse(
          Reason.RawDeploymentMode,
          name
              + " runs in "
              + service.rawMode().get()
              + " mode, where KServe ignores canaryTrafficPercent and a new model takes all"
              + " traffic at once (kserve/kserve#5335); releasegate refuses rather than pretend to"
              + " run a canary. Run it in Serverless mode, or choose the gatewayAPI or replicas"
              + " router.");
    }
    if (service.form() == InferenceService.Form.UNSUPPORTED) {
      return refuse(
          Reason.UnsupportedPredictor,
          name
              + " has neither spec.predictor.model nor spec.predictor.containers; releasegate"
              + " sets the model's storageUri or the first container's image, not framework"
              + " fields such as spec.predictor.sklearn.");
    }
    boolean byUri = service.form() == InferenceService.Form.STORAGE_URI;
    if (byUri && release.getSpec().model().uri() == null) {
      return refuse(
          Reason.ModelUriMissing,
          name
              + " loads its model from spec.predictor.model.storageUri, so spec.model.uri is"
              + " required.");
    }
    return sameModelAsApproved(release, name, byUri);
  }

  /** A candidate whose model is the approved one's cannot be told apart by what KServe runs. */
  private static Optional<TrafficBlock> sameModelAsApproved(
      ModelRelease release, String name, boolean byUri) {
    ServingVersion approved = release.getStatus() == null ? null : release.getStatus().getStable();
    ModelSpec candidate = release.getSpec().model();
    if (approved == null || approved.version().equals(candidate.version())) {
      return Optional.empty();
    }
    String field = byUri ? "spec.model.uri" : "spec.model.image";
    String value = byUri ? candidate.uri() : candidate.image();
    if (value == null || !value.equals(byUri ? approved.uri() : approved.image())) {
      return Optional.empty();
    }
    return refuse(
        Reason.SameModelAsApproved,
        field
            + " of "
            + candidate.version()
            + " is "
            + value
            + ", the same as approved "
            + approved.version()
            + "'s: "
            + name
            + " would run the same model, so there is nothing to canary. Point "
            + field
            + " at the new model.");
  }

  private static Optional<TrafficBlock> refuse(Reason reason, String message) {
    return Optional.of(new TrafficBlock(reason, message));
  }
}
