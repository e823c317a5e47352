package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;
import java.util.Optional;

/**
 * One model's path to production: which version should serve, who must sign for it, and how traffic
 * moves to it. The operator reads the spec and annotations and writes only the status.
 */
@Group(ModelRelease.GROUP)
@Version(ModelRelease.VERSION)
@ShortNames("mrel")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Stable", jsonPath = ".status.stable.version")
@AdditionalPrinterColumn(name = "Canary", jsonPath = ".status.canary.version")
@AdditionalPrinterColumn(
    name = "Weight",
    jsonPath = ".status.canary.weight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Gates", jsonPath = ".status.gateSummary")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
// -o wide adds short columns only: a message runs to several lines and would wrap every row; it
// is in describe and in status.message.
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.reason", priority = 1)
@AdditionalPrinterColumn(name = "Traffic", jsonPath = ".status.traffic.detail", priority = 1)
// The release's name is its Service's name, which a real API server accepts only as a DNS-1035
// label; refused here, the person applying it learns why at once instead of from a stalled release.
@ValidationRule(
    value =
        "size(self.metadata.name) <= 63"
            + " && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message =
        "metadata.name must be a DNS-1035 label: at most 63 lower-case letters, digits or '-',"
            + " starting with a letter and ending with a letter or digit (for example"
            + " claims-agent), because it names the release's Service")
@JsonClassDescription(
    "One model's path to production: which version should serve, who must sign for it, and how"
        + " traffic moves to it. People talk to it with annotations (sign-offs, kill switch,"
        + " pause, promote, retry); the operator writes only the status.")
// A spec or status that cannot be read leaves the release readable but marked (see the reader).
@JsonDeserialize(using = ModelReleaseReader.class)
public class ModelRelease extends CustomResource<ModelReleaseSpec, ModelReleaseStatus>
    implements Namespaced {
  public static final String GROUP = "releasegate.dev";
  public static final String VERSION = "v1alpha1";

  /**
   * Set by {@link ModelReleaseReader}, in memory only, on a release whose spec could not be read:
   * which field and why. The operator never writes it to the server.
   */
  public static final String UNREADABLE_SPEC = GROUP + "/unreadable-spec";

  /** Like {@link #UNREADABLE_SPEC}, for a status that could not be read. */
  public static final String UNREADABLE_STATUS = GROUP + "/unreadable-status";

  /** Why the spec could not be read, naming the field; empty when it was read (or absent). */
  public Optional<String> unreadableSpec() {
    return mark(UNREADABLE_SPEC);
  }

  /** Why the status could not be read, naming the field; empty when it was read (or absent). */
  public Optional<String> unreadableStatus() {
    return mark(UNREADABLE_STATUS);
  }

  private Optional<String> mark(String key) {
    Map<String, String> annotations = getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(key));
  }

  // Overridden only to describe the field, for kubectl explain.
  @Override
  @JsonPropertyDescription(
      "What the team wants released: the model version and how it is served, its owners and"
          + " release packet, the canary plan, the analysis that watches it and the observation"
          + " period after promotion. The operator never writes it.")
  public ModelReleaseSpec getSpec() {
    return super.getSpec();
  }

  // Overridden only to describe the field, for kubectl explain.
  @Override
  @JsonPropertyDescription(
      "What the operator found and did: the phase and why, each gate, the stable version and the"
          + " canary, the analysis, the last rollback and the approved versions' history.")
  public ModelReleaseStatus getStatus() {
    return super.getStatus();
  }
}
