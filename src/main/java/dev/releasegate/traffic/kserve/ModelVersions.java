package dev.releasegate.traffic.kserve;

import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model versions a release knows (the candidate, then every approved version), to tell which
 * one an InferenceService's predictor holds by its storage URI or image. Reading the spec rather
 * than a note of what releasegate last wrote also recognises a person's edit, such as a manual
 * return to an approved model.
 */
final class ModelVersions {
  private record Known(String version, String uri, String image) {}

  private final List<Known> known = new ArrayList<>();

  static ModelVersions of(ModelRelease release) {
    ModelVersions versions = new ModelVersions();
    if (release.getSpec() != null && release.getSpec().model() != null) {
      var model = release.getSpec().model();
      versions.known.add(new Known(model.version(), model.uri(), model.image()));
    }
    ModelReleaseStatus status = release.getStatus();
    if (status != null) {
      if (status.getStable() != null) {
        var stable = status.getStable();
        versions.known.add(new Known(stable.version(), stable.uri(), stable.image()));
      }
      for (ApprovedVersion approved : status.getHistory()) {
        versions.known.add(new Known(approved.version(), approved.uri(), approved.image()));
      }
    }
    return versions;
  }

  /** The version whose model the predictor holds, if the release knows it. */
  Optional<String> heldBy(InferenceService service) {
    String artifact = service.artifact();
    if (artifact == null) {
      return Optional.empty();
    }
    boolean byUri = service.form() == InferenceService.Form.STORAGE_URI;
    return known.stream()
        .filter(k -> artifact.equals(byUri ? k.uri() : k.image()))
        .map(Known::version)
        .findFirst();
  }
}
