package dev.releasegate.gate;

import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.RiskTier;
import java.util.Optional;

/**
 * The version an evaluation report must be of: a report for another version proves nothing about
 * this one.
 *
 * @param version the candidate's spec.model.version
 * @param imageDigest the digest the candidate's image is pinned to ({@code image@sha256:...}), in
 *     lower case; null when the image is named by tag only, and then a report's modelDigest is not
 *     compared
 * @param highRisk whether the release is high-risk: there a report must name the version it
 *     evaluated; elsewhere a report that names none still counts, with a note
 */
public record EvalCandidate(String version, String imageDigest, boolean highRisk) {

  /** The candidate a spec names. */
  public static EvalCandidate of(ModelReleaseSpec spec) {
    String image = spec.model() == null ? null : spec.model().image();
    int at = image == null ? -1 : image.indexOf("@sha256:");
    return new EvalCandidate(
        spec.model() == null ? null : spec.model().version(),
        at < 0 ? null : image.substring(at + 1).toLowerCase(java.util.Locale.ROOT),
        RiskTier.parse(spec.riskTier()).orElse(RiskTier.STANDARD) == RiskTier.HIGH);
  }

  /**
   * Why a report that names {@code reportVersion} and {@code reportDigest} is not this candidate's,
   * as a fragment after "the evaluation report in X"; empty when it is.
   */
  Optional<String> notTheCandidates(String reportVersion, String reportDigest) {
    if (reportVersion == null) {
      return highRisk
          ? Optional.of(
              "names no modelVersion, and a high-risk release counts only a report that names the"
                  + " version it evaluated: add \"modelVersion\": \""
                  + version
                  + "\"")
          : Optional.empty();
    }
    if (!reportVersion.equals(version)) {
      return Optional.of(
          "evaluated version "
              + reportVersion
              + ", not the candidate "
              + version
              + ": a report for another version does not count, so point the spec at "
              + version
              + "'s report");
    }
    if (reportDigest != null
        && imageDigest != null
        && !reportDigest.toLowerCase(java.util.Locale.ROOT).equals(imageDigest)) {
      return Optional.of(
          "evaluated modelDigest "
              + reportDigest
              + ", not "
              + imageDigest
              + " that the candidate's image is pinned to");
    }
    return Optional.empty();
  }

  /** The note on a counted report that names no version (at the standard tier only). */
  Optional<String> unnamedNote(String reportVersion) {
    return reportVersion == null && !highRisk
        ? Optional.of(
            "the report names no modelVersion, so nothing shows it evaluated "
                + version
                + ": add \"modelVersion\": \""
                + version
                + "\" (a high-risk release does not count it)")
        : Optional.empty();
  }
}
