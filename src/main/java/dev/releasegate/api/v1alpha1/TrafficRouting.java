package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The traffic router; the default when nothing is set is {@code replicas}. */
public record TrafficRouting(
    @JsonPropertyDescription(
            "Split traffic by replica counts behind one Service (the default). A weight that"
                + " spec.replicas cannot represent exactly is rounded, and status says so.")
        ReplicaRouting replicas) {

  /** The router chosen by this setting; replicas is the only one so far. */
  @JsonIgnore
  public String router() {
    return "replicas";
  }
}
