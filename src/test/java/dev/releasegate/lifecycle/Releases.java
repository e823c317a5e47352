package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.HashMap;
import java.util.List;

/** Test fixtures: a complete, valid release and ways to change it. */
public final class Releases {
  public static final List<String> ALL_ROLES =
      List.of("product", "mlops", "security", "privacy", "business", "support");

  private Releases() {}

  public static List<Owner> owners() {
    return ALL_ROLES.stream().map(r -> new Owner(r, r + "-owner", r + "@example.com")).toList();
  }

  public static List<CanaryStep> steps() {
    return List.of(new CanaryStep(25, "10m"), new CanaryStep(50, "30m"), new CanaryStep(100, null));
  }

  public static ModelReleaseSpec spec(String version) {
    return spec(version, steps());
  }

  public static ModelReleaseSpec spec(String version, List<CanaryStep> steps) {
    return new ModelReleaseSpec(
        "FoundationModelWrapper",
        "standard",
        true,
        new ModelSpec(
            "assistant",
            version,
            "registry.example.com/assistant:" + version,
            "s3://models/assistant/" + version),
        null,
        4,
        owners(),
        new CanarySpec(steps, new TrafficRouting(null)));
  }

  public static ModelRelease release(String version) {
    return release(spec(version));
  }

  public static ModelRelease release(ModelReleaseSpec spec) {
    ModelRelease release = new ModelRelease();
    release.setMetadata(
        new ObjectMetaBuilder()
            .withName("assistant")
            .withNamespace("ml")
            .withUid("uid-1")
            .withGeneration(1L)
            .withAnnotations(new HashMap<>())
            .build());
    release.setSpec(spec);
    return release;
  }

  /** The sign-off annotation value a reviewer writes. */
  public static String signoff(String version, String by) {
    return "version=" + version + "; by=" + by;
  }
}
