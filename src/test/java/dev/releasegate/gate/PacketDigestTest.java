package dev.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.ScopeSpec;
import dev.releasegate.lifecycle.Releases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketDigestTest {
  private static final ModelReleaseSpec SPEC = Releases.spec("1.2.0");
  private static final Evidence EVIDENCE = Releases.evidence("1.2.0", 0.91);
  private static final PacketDigest DIGEST = PacketDigest.of(SPEC, EVIDENCE);

  @Test
  void theDigestIsSha256OfItsPartsAndShowsTwelveHexDigitsToType() {
    assertThat(DIGEST.digest()).matches("sha256:[0-9a-f]{64}");
    assertThat(DIGEST.shortDigest()).isEqualTo(DIGEST.digest().substring(0, 19));
    assertThat(DIGEST.parts())
        .containsKeys(
            "model",
            "systemType",
            "riskTier",
            "handlesPersonalData",
            "scope",
            "evaluation",
            "canary",
            "rollback",
            "analysis",
            "observation",
            "evalReport",
            "runbook",
            "securityFindings")
        .containsEntry("riskTier", "standard")
        .containsEntry("handlesPersonalData", "true");
    assertThat(DIGEST.shortParts().get("runbook")).hasSize(12);
    assertThat(PacketDigest.of(Releases.spec("1.2.0"), Releases.evidence("1.2.0", 0.91)))
        .as("the same spec and evidence, read again")
        .isEqualTo(DIGEST);
  }

  @Test
  void everyPartThatDecidesTheGatesChangesTheDigest() {
    Map<String, ModelReleaseSpec> edits =
        Map.of(
            "riskTier", Releases.with(SPEC, "riskTier", "high"),
            "systemType", Releases.with(SPEC, "systemType", "FineTunedModel"),
            "handlesPersonalData", Releases.with(SPEC, "handlesPersonalData", false),
            "scope",
                Releases.with(
                    SPEC,
                    "scope",
                    new ScopeSpec(List.of("tickets"), null, null, null, null, null, null)),
            "observation", Releases.with(SPEC, "observation", new ObservationSpec("720h", "168h")),
            "canary",
                Releases.spec(
                    "1.2.0", List.of(new dev.releasegate.api.v1alpha1.CanaryStep(100, null))),
            "model", Releases.spec("1.2.1"));
    edits.forEach(
        (part, spec) -> {
          PacketDigest edited = PacketDigest.of(spec, EVIDENCE);
          assertThat(edited.digest()).as(part).isNotEqualTo(DIGEST.digest());
          assertThat(DigestChanges.between(DIGEST.shortParts(), edited.parts()))
              .as(part)
              .startsWith(part + " ");
        });
  }

  @Test
  void editedOrUnreadableEvidenceChangesTheDigestAndANewFieldLeftOutDoesNot() {
    Map<ConfigMapKey, EvidenceDocument> documents = new HashMap<>(EVIDENCE.documents());
    ConfigMapKey runbook = new ConfigMapKey(Releases.EVIDENCE, "runbook");
    documents.put(runbook, EvidenceDocument.read(runbook, "Page nobody.", "0".repeat(64)));
    PacketDigest edited = PacketDigest.of(SPEC, new Evidence(documents));
    assertThat(DigestChanges.between(DIGEST.shortParts(), edited.parts()))
        .isEqualTo("runbook changed");

    documents.remove(runbook);
    PacketDigest unread = PacketDigest.of(SPEC, new Evidence(documents));
    assertThat(unread.complete()).isFalse();
    assertThat(DIGEST.complete()).isTrue();
    assertThat(DigestChanges.between(DIGEST.shortParts(), unread.parts()))
        .isEqualTo("runbook can no longer be read");

    assertThat(
            DigestChanges.between(
                DIGEST.shortParts(),
                PacketDigest.of(Releases.with(SPEC, "riskTier", "high"), EVIDENCE).parts()))
        .isEqualTo("riskTier raised from standard to high");
  }

  @Test
  void aSignoffMayNameTheFullDigestOrAPrefixOfAtLeastTwelveHexDigits() {
    assertThat(DIGEST.matches(DIGEST.digest())).isTrue();
    assertThat(DIGEST.matches(DIGEST.shortDigest())).isTrue();
    assertThat(DIGEST.matches(DIGEST.digest().substring(0, 18))).as("11 hex digits").isFalse();
    assertThat(DIGEST.matches(DIGEST.shortDigest().replace("sha256:", ""))).isFalse();
    assertThat(DIGEST.matches(null)).isFalse();
  }
}
