package dev.releasegate.gate;

import static dev.releasegate.gate.EvidenceFixtures.evidence;
import static dev.releasegate.gate.EvidenceFixtures.key;
import static dev.releasegate.gate.EvidenceFixtures.read;
import static dev.releasegate.gate.EvidenceFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ArtifactType;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.PacketArtifact;
import dev.releasegate.api.v1alpha1.PacketSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PacketGateTest {
  private static final List<ArtifactType> REQUIRED =
      List.of(
          ArtifactType.modelCard,
          ArtifactType.evalReport,
          ArtifactType.riskReview,
          ArtifactType.securityFindings,
          ArtifactType.runbook,
          ArtifactType.promptBoundaries,
          ArtifactType.contentPolicy);

  /** Every required artifact in a ConfigMap key, with its content's digest declared. */
  private static final List<PacketArtifact> COMPLETE =
      REQUIRED.stream()
          .map(t -> new PacketArtifact(t.name(), key(t.name()), null, sha256(content(t))))
          .toList();

  private static final Evidence EVIDENCE =
      evidence(
          REQUIRED.stream()
              .map(t -> read(key(t.name()), content(t)))
              .toArray(EvidenceDocument[]::new));

  private static String content(ArtifactType type) {
    return "# " + type + "\nWhat reviewers read.\n";
  }

  private static PacketSpec packet(List<PacketArtifact> artifacts) {
    return new PacketSpec(artifacts);
  }

  private static List<PacketArtifact> completeWith(PacketArtifact replacement) {
    List<PacketArtifact> artifacts = new ArrayList<>(COMPLETE);
    artifacts.replaceAll(a -> a.type().equals(replacement.type()) ? replacement : a);
    return artifacts;
  }

  @Test
  void aCompletePacketWhoseDigestsMatchOpensTheGate() {
    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(COMPLETE), EVIDENCE);

    assertThat(gate.name()).isEqualTo("packet");
    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo("All 7 required artifacts are present and match their digests.");
    assertThat(gate.missing()).isEmpty();
    assertThat(gate.stale()).isEmpty();
  }

  @Test
  void eachRequiredArtifactNotInThePacketIsNamedOneByOne() {
    List<PacketArtifact> artifacts = new ArrayList<>(COMPLETE);
    artifacts.removeIf(a -> a.type().equals("runbook") || a.type().equals("riskReview"));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE);

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "riskReview: not in spec.packet.artifacts", "runbook: not in spec.packet.artifacts");
    assertThat(gate.reason())
        .isEqualTo(
            "The release packet is incomplete (2 of 7 required artifacts do not count):"
                + " riskReview: not in spec.packet.artifacts; runbook: not in"
                + " spec.packet.artifacts.");
  }

  @Test
  void withoutAPacketEveryRequiredArtifactIsMissing() {
    GateStatus gate = PacketGate.evaluate(REQUIRED, null, Evidence.NONE);

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .hasSize(7)
        .allMatch(m -> m.endsWith(": not in spec.packet.artifacts"));
  }

  @Test
  void anEmptyConfigMapKeyDoesNotCount() {
    Evidence evidence =
        evidence(
            REQUIRED.stream()
                .map(t -> read(key(t.name()), t == ArtifactType.modelCard ? "  \n" : content(t)))
                .toArray(EvidenceDocument[]::new));
    List<PacketArtifact> artifacts =
        completeWith(new PacketArtifact("modelCard", key("modelCard"), null, null));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), evidence);

    assertThat(gate.missing())
        .containsExactly("modelCard: ConfigMap release-evidence key modelCard is empty");
  }

  @Test
  void anUnreadableConfigMapKeyIsNamedWithTheReadersProblem() {
    Evidence evidence =
        evidence(
            REQUIRED.stream()
                .map(
                    t ->
                        t == ArtifactType.runbook
                            ? EvidenceDocument.unreadable(
                                key("runbook"), "ConfigMap release-evidence has no key runbook.")
                            : read(key(t.name()), content(t)))
                .toArray(EvidenceDocument[]::new));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(COMPLETE), evidence);

    assertThat(gate.missing())
        .containsExactly("runbook: ConfigMap release-evidence has no key runbook");
  }

  @Test
  void aConfigMapKeyNobodyReadCountsAsMissing() {
    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(COMPLETE), Evidence.NONE);

    assertThat(gate.missing())
        .hasSize(7)
        .contains("modelCard: ConfigMap release-evidence key modelCard was not read");
  }

  @Test
  void aDigestMismatchIsNamedWithBothDigests() {
    String declared = sha256("the model card reviewers signed");
    List<PacketArtifact> artifacts =
        completeWith(new PacketArtifact("modelCard", key("modelCard"), null, declared));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE);

    String actual = sha256(content(ArtifactType.modelCard));
    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "modelCard: sha256 "
                + declared.substring(0, 12)
                + "\u2026 declared, content is "
                + actual.substring(0, 12)
                + "\u2026");
  }

  @Test
  void aDigestMatchesWhateverItsCase() {
    String upper = sha256(content(ArtifactType.modelCard)).toUpperCase(Locale.ROOT);
    List<PacketArtifact> artifacts =
        completeWith(new PacketArtifact("modelCard", key("modelCard"), null, upper));

    assertThat(PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE).satisfied()).isTrue();
  }

  @Test
  void aUrlCountsOnlyWithItsSha256() {
    String url = "https://wiki.example.com/runbooks/assistant";
    List<PacketArtifact> recorded =
        completeWith(new PacketArtifact("runbook", null, url, sha256("runbook page")));
    List<PacketArtifact> undigested = completeWith(new PacketArtifact("runbook", null, url, null));

    assertThat(PacketGate.evaluate(REQUIRED, packet(recorded), EVIDENCE).satisfied()).isTrue();
    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(undigested), EVIDENCE);
    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly(
            "runbook: url "
                + url
                + " has no sha256, and a URL counts only with the digest reviewers saw");
  }

  @Test
  void anArtifactMustNameExactlyOneOfConfigMapKeyRefAndUrl() {
    List<PacketArtifact> artifacts = new ArrayList<>(COMPLETE);
    artifacts.replaceAll(
        a ->
            switch (a.type()) {
              case "modelCard" ->
                  new PacketArtifact("modelCard", key("modelCard"), "https://x", a.sha256());
              case "runbook" -> new PacketArtifact("runbook", null, null, a.sha256());
              default -> a;
            });

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE);

    assertThat(gate.missing())
        .containsExactly(
            "modelCard: names both a configMapKeyRef and a url; keep the one that holds it",
            "runbook: names neither a configMapKeyRef nor a url");
  }

  @Test
  void aBrokenArtifactThatIsNotRequiredIsNotedButDoesNotBlock() {
    List<PacketArtifact> artifacts = new ArrayList<>(COMPLETE);
    artifacts.add(new PacketArtifact("changeLog", null, "https://git.example.com/log", null));
    artifacts.add(new PacketArtifact("fallbackPlan", key("fallbackPlan"), null, null));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE);

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.stale())
        .containsExactly(
            "changeLog: url https://git.example.com/log has no sha256, and a URL counts only with"
                + " the digest reviewers saw",
            "fallbackPlan: ConfigMap release-evidence key fallbackPlan was not read");
  }

  @Test
  void anArtifactOfAnUnknownTypeIsNotedSoATypoIsFound() {
    List<PacketArtifact> artifacts = new ArrayList<>(COMPLETE);
    artifacts.removeIf(a -> a.type().equals("runbook"));
    artifacts.add(new PacketArtifact("runBook", key("runbook"), null, null));

    GateStatus gate = PacketGate.evaluate(REQUIRED, packet(artifacts), EVIDENCE);

    assertThat(gate.missing()).containsExactly("runbook: not in spec.packet.artifacts");
    assertThat(gate.stale())
        .containsExactly(
            "runBook: not an artifact type, so it counts for nothing (check the spelling)");
  }

  @Test
  void aReleaseThatRequiresNoArtifactsSaysSo() {
    GateStatus gate = PacketGate.evaluate(List.of(), null, Evidence.NONE);

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.reason())
        .isEqualTo("The checklist requires no packet artifacts for this release.");
  }
}
