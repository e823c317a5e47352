package dev.releasegate.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Instant;
import java.util.List;

/** A version that was promoted, with what let it through. */
public record ApprovedVersion(
    @JsonPropertyDescription("The model version.") String version,
    @JsonPropertyDescription("Its serving image.") String image,
    @JsonPropertyDescription("Where its weights are loaded from.") String uri,
    @JsonPropertyDescription("When it was promoted.") Instant approvedAt,
    @JsonPropertyDescription("The sign-offs it was promoted with, as role=signer.")
        List<String> signoffs,
    @JsonPropertyDescription(
            "Its evaluation report, reduced to what the next version is compared against.")
        EvalSummary evaluation,
    @JsonPropertyDescription(
            "The immutable ConfigMap holding its release packet record: who signed, the"
                + " evidence and its digests, the evaluation comparison, the canary plan and what"
                + " happened in it.")
        String packetRecord,
    @JsonPropertyDescription("When it was rolled back after promotion, if it was.")
        Instant rolledBackAt) {

  /** This version as a serving version. */
  public ServingVersion serving() {
    return new ServingVersion(version, image, uri, approvedAt);
  }

  /** The same entry, marked as rolled back. */
  public ApprovedVersion rolledBack(Instant at) {
    return new ApprovedVersion(
        version, image, uri, approvedAt, signoffs, evaluation, packetRecord, at);
  }
}
