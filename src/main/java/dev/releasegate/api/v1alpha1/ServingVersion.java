package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;

/** A version that has been approved and can serve all traffic. */
public record ServingVersion(
    @JsonPropertyDescription("The model version.") String version,
    @JsonPropertyDescription("Its serving image.") String image,
    @JsonPropertyDescription("Where its weights are loaded from.") String uri,
    @JsonPropertyDescription("When it was promoted.") Instant approvedAt) {

  /** The approved form of a candidate model. */
  public static ServingVersion approve(ModelSpec model, Instant at) {
    return new ServingVersion(model.version(), model.image(), model.uri(), at);
  }

  /** This version as a model spec, to render its pods again. */
  public ModelSpec asModel(String name) {
    return new ModelSpec(name, version, image, uri);
  }
}
