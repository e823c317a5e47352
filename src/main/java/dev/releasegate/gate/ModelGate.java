package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether the model under release is one thing: a version bump that changes {@code version} but
 * leaves {@code image} or {@code uri} naming the approved version would serve the old model under
 * the new version's name, with sign-offs and a packet record that say otherwise.
 */
public final class ModelGate {

  private ModelGate() {}

  /**
   * @param model the candidate's model
   * @param approved the version that serves now, which the candidate replaces
   */
  public static GateStatus evaluate(ModelSpec model, String approved) {
    List<String> missing = new ArrayList<>();
    check("image", model.image(), model.version(), approved).ifPresent(missing::add);
    check("uri", model.uri(), model.version(), approved).ifPresent(missing::add);
    boolean satisfied = missing.isEmpty();
    String reason =
        satisfied
            ? "The model's image and uri do not name another version."
            : "The model is not one thing: "
                + String.join("; ", missing)
                + ". Change version, image and uri together.";
    return new GateStatus(GateId.MODEL.id(), satisfied, reason, missing, List.of());
  }

  private static Optional<String> check(
      String field, String value, String version, String approved) {
    if (value == null || approved.equals(version)) {
      return Optional.empty();
    }
    List<String> parts = Arrays.asList(value.split("[/:@]"));
    return parts.contains(approved) && !parts.contains(version)
        ? Optional.of(
            "spec.model."
                + field
                + " ("
                + value
                + ") names "
                + approved
                + ", the approved version, while spec.model.version is "
                + version)
        : Optional.empty();
  }
}
