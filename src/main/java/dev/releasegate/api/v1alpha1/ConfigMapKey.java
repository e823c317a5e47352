package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap in the release's namespace. */
public record ConfigMapKey(
    @JsonPropertyDescription(
            "The ConfigMap's name. It must be labelled releasegate.dev/evidence=true so the"
                + " operator watches it.")
        @Required
        String name,
    @JsonPropertyDescription("The key whose value is the evidence.") @Required String key) {

  @Override
  public String toString() {
    return "ConfigMap " + name + " key " + key;
  }
}
