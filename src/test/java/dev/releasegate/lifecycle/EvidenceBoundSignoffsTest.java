package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import dev.releasegate.gate.Evidence;
import dev.releasegate.gate.EvidenceDocument;
import dev.releasegate.gate.Signoff;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign-offs approve the packet they were given against, and go stale when it changes. */
class EvidenceBoundSignoffsTest {

  /** The walk's evidence with the runbook rewritten, as a team edits the ConfigMap. */
  private static Evidence runbookEdited(LifecycleWalk walk) {
    var documents = new HashMap<>(walk.evidence().documents());
    ConfigMapKey runbook = new ConfigMapKey(Releases.EVIDENCE, "runbook");
    documents.put(runbook, EvidenceDocument.read(runbook, "Page nobody.", "0".repeat(64)));
    return new Evidence(documents);
  }

  @Test
  void anEditAfterSigningMakesTheSignoffStaleNamingWhatChangedAndPrintsTheNewDigest() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.sign("1.0.0", List.of("product", "mlops", "security", "privacy", "support"));
    walk.settle();
    String signed = walk.release.getStatus().getPacketDigest().shortDigest();

    walk.evidence = runbookEdited(walk);
    walk.sign("1.0.0", List.of("business"));
    walk.settle();

    String now = walk.release.getStatus().getPacketDigest().shortDigest();
    assertThat(now).isNotEqualTo(signed);
    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    String message = walk.release.getStatus().getMessage();
    assertThat(message)
        .contains("security signed " + signed + ", now " + now + ": runbook changed")
        .contains(
            "\n  security: "
                + Printed.command(
                    "signoff.releasegate.dev/security", "version=1.0.0; digest=" + now))
        .doesNotContain("  business: ");

    walk.signAll("1.0.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    PacketRecord record = walk.packetRecords.get(walk.packetRecords.size() - 1);
    assertThat(record.packetDigest().shortDigest()).isEqualTo(now);
    assertThat(record.signoffs())
        .hasSize(6)
        .allSatisfy(s -> assertThat(s.digest()).isEqualTo(now))
        .allSatisfy(s -> assertThat(s.parts()).containsEntry("runbook", "000000000000"));
  }

  @Test
  void aSignoffWithoutDigestIsBoundToThePacketWhenFirstSeenAndStaleOnceItChanges() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    Releases.ALL_ROLES.stream()
        .filter(role -> !role.equals("business"))
        .forEach(
            role ->
                walk.annotate(
                    Signoff.ANNOTATION_PREFIX + role, Releases.signoff("1.0.0", role + "-owner")));
    walk.settle();

    SignoffRecord security =
        walk.release.getStatus().getSignoffs().stream()
            .filter(r -> r.role().equals("security"))
            .findFirst()
            .orElseThrow();
    assertThat(security.bound()).isTrue();
    assertThat(security.digest()).isEqualTo(walk.release.getStatus().getPacketDigest().digest());
    assertThat(security.parts()).isEqualTo(walk.release.getStatus().getPacketDigest().parts());

    walk.evidence = runbookEdited(walk);
    walk.annotate(
        Signoff.ANNOTATION_PREFIX + "business", Releases.signoff("1.0.0", "business-owner"));
    walk.settle();

    assertThat(walk.phase())
        .as("the edit came after five of them were bound")
        .isEqualTo(Phase.AwaitingGates);
    assertThat(walk.release.getStatus().getMessage())
        .contains("security signed sha256:")
        .contains("(bound when first seen, as it names no digest=)")
        .contains(": runbook changed");
    assertThat(walk.release.getStatus().getGates())
        .filteredOn(g -> g.name().equals("signoffs-before-traffic"))
        .singleElement()
        .satisfies(g -> assertThat(g.missing()).noneMatch(m -> m.startsWith("business")));
  }

  @Test
  void evidenceEditedAfterThePromotionLeavesTheServingVersionsGatesAsApproved() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.signAll("1.0.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    String approvedWith = walk.release.getStatus().getGateSummary();

    walk.evidence = runbookEdited(walk);
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getGateSummary()).isEqualTo(approvedWith);
  }
}
