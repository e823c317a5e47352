package dev.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.api.v1alpha1.SignoffRecord;
import dev.releasegate.lifecycle.Releases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignoffGateTest {
  private static final ModelReleaseSpec SPEC = Releases.spec("1.2.0");
  private static final Requirements REQUIRED = ChecklistPolicy.builtIn().requirements(SPEC);

  private static final PacketDigest DIGEST = PacketDigest.of(SPEC, Releases.evidence(0.91));

  /** Each sign-off bound, as the operator binds one it sees first, to the current digest. */
  private static GateStatus beforeTraffic(Map<String, String> annotations) {
    List<SignoffRecord> records = new ArrayList<>();
    annotations.forEach(
        (key, value) ->
            Signoff.roleOf(key)
                .flatMap(role -> Signoff.parse(role, value))
                .ifPresent(
                    s ->
                        records.add(
                            new SignoffRecord(
                                s.role(),
                                s.version(),
                                s.by(),
                                Instant.EPOCH,
                                DIGEST.digest(),
                                true,
                                DIGEST.shortParts()))));
    return beforeTraffic(annotations, new SignoffBinding(DIGEST, records));
  }

  private static GateStatus beforeTraffic(Map<String, String> annotations, SignoffBinding binding) {
    return SignoffGate.evaluate(SPEC, REQUIRED, annotations, binding, SignoffStage.BEFORE_TRAFFIC);
  }

  @Test
  void aSignoffCountsOnlyForTheExactVersionItNames() {
    GateStatus gate =
        beforeTraffic(
            Map.of(
                "signoff.releasegate.dev/product", "version=1.2.0; by=pat",
                "signoff.releasegate.dev/mlops", "version=1.2.0; by=mo",
                "signoff.releasegate.dev/privacy", "version=1.2.0; by=pri",
                "signoff.releasegate.dev/security", "version=1.2.0-rc1; by=sam"));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing()).containsExactly("security (security-owner, security@example.com)");
    assertThat(gate.stale()).containsExactly("security signed 1.2.0-rc1, not 1.2.0");
    assertThat(gate.reason()).contains("security (security-owner, security@example.com)");
  }

  @Test
  void aSignoffWithoutVersionOrSignerDoesNotCount() {
    GateStatus gate =
        beforeTraffic(
            Map.of(
                "signoff.releasegate.dev/product", "approved",
                "signoff.releasegate.dev/mlops", "version=1.2.0",
                "signoff.releasegate.dev/security", "  VERSION = 1.2.0 ;BY= sam ",
                "signoff.releasegate.dev/privacy", "version=1.2.0; by=pri"));

    assertThat(gate.missing())
        .extracting(m -> m.split(" ")[0])
        .containsExactlyInAnyOrder("product", "mlops");
    assertThat(gate.stale())
        .anySatisfy(
            s ->
                assertThat(s)
                    .contains(
                        "write version=1.2.0; digest=" + DIGEST.shortDigest() + "; by=<you>"));
  }

  @Test
  void anAmbiguousOrOversizedSignoffDoesNotCountAndSaysWhy() {
    String document = "x".repeat(100_000);
    GateStatus gate =
        beforeTraffic(
            Map.of(
                "signoff.releasegate.dev/product",
                "version=1.1.0; version=1.2.0; by=pat",
                "signoff.releasegate.dev/mlops",
                "version=1.2.0; by=mo; by=sam",
                "signoff.releasegate.dev/privacy",
                "version=1.2.0; by=" + document,
                "signoff.releasegate.dev/security",
                "version=" + document + "; by=sam"));

    assertThat(gate.missing())
        .extracting(m -> m.split(" ")[0])
        .containsExactlyInAnyOrder("product", "mlops", "privacy", "security");
    assertThat(gate.stale())
        .containsExactlyInAnyOrder(
            "signoff.releasegate.dev/product names a version 2 times, which is ambiguous: write"
                + " version=1.2.0; digest="
                + DIGEST.shortDigest()
                + "; by=<you>",
            "signoff.releasegate.dev/mlops names a signer 2 times, which is ambiguous: write"
                + " version=1.2.0; digest="
                + DIGEST.shortDigest()
                + "; by=<you>",
            "signoff.releasegate.dev/privacy names a signer longer than 256 characters: write"
                + " version=1.2.0; digest="
                + DIGEST.shortDigest()
                + "; by=<you>",
            "signoff.releasegate.dev/security names a version longer than 63 characters: write"
                + " version=1.2.0; digest="
                + DIGEST.shortDigest()
                + "; by=<you>");
    assertThat(String.join("", gate.stale())).doesNotContain(document);
  }

  @Test
  void aSignoffForNoKnownRoleIsNamedInTheFirstGate() {
    Map<String, String> annotations =
        Map.of(
            "signoff.releasegate.dev/Security", "version=1.2.0; by=sam",
            "signoff.releasegate.dev/legal", "version=1.2.0; by=lee");

    assertThat(beforeTraffic(annotations).stale())
        .containsExactly(
            "signoff.releasegate.dev/Security names no reviewer role and counts for nothing: the"
                + " roles are product, mlops, security, privacy, business, support, in lower case",
            "signoff.releasegate.dev/legal names no reviewer role and counts for nothing: the"
                + " roles are product, mlops, security, privacy, business, support, in lower case");
    assertThat(SignoffGate.approving(SPEC, annotations)).as("nor recorded as approvals").isEmpty();
  }

  @Test
  void historyRecordsWhoApprovedTheVersion() {
    assertThat(
            SignoffGate.approving(
                SPEC,
                Map.of(
                    "signoff.releasegate.dev/security", "version=1.2.0; by=sam",
                    "signoff.releasegate.dev/product", "version=1.1.0; by=pat",
                    "team", "ml")))
        .containsExactly("security=sam");
  }

  @Test
  void ownersGateNamesEachMissingRoleAndUnreachableOwner() {
    var owners = new ArrayList<>(SPEC.owners());
    owners.removeIf(o -> o.role().equals("privacy"));
    owners.replaceAll(o -> o.role().equals("support") ? new Owner("support", "sky", " ") : o);
    ModelReleaseSpec spec = Releases.with(SPEC, "owners", owners);

    GateStatus gate = OwnersGate.evaluate(spec, ChecklistPolicy.builtIn().requirements(spec));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing())
        .containsExactly("privacy: no owner named in spec.owners", "support: sky has no contact");
  }

  /** The fixture's evidence with one key's content replaced, as a team edits a ConfigMap. */
  private static Evidence evidenceWith(String key, String content) {
    Map<ConfigMapKey, EvidenceDocument> documents = new HashMap<>();
    Map<String, String> data = new HashMap<>(Releases.evidenceData(0.91));
    data.put(key, content);
    data.forEach(
        (k, v) -> {
          ConfigMapKey ref = new ConfigMapKey(Releases.EVIDENCE, k);
          documents.put(ref, EvidenceDocument.read(ref, v, ObjectNames.digest(v)));
        });
    return new Evidence(documents);
  }

  private static SignoffRecord named(String role, String by, PacketDigest signed) {
    return new SignoffRecord(
        role, "1.2.0", by, Instant.EPOCH, signed.shortDigest(), null, signed.shortParts());
  }

  private static Map<String, String> allSigned(String securityValue) {
    return Map.of(
        "signoff.releasegate.dev/product",
            "version=1.2.0; digest=" + DIGEST.shortDigest() + "; by=pat",
        "signoff.releasegate.dev/mlops", "version=1.2.0; digest=" + DIGEST.digest() + "; by=mo",
        "signoff.releasegate.dev/privacy",
            "version=1.2.0; digest=" + DIGEST.shortDigest() + "; by=pri",
        "signoff.releasegate.dev/security", securityValue);
  }

  @Test
  void aSignoffNamingTheCurrentDigestInFullOrShortCounts() {
    GateStatus gate =
        beforeTraffic(
            allSigned(
                "version=1.2.0; digest="
                    + DIGEST.shortDigest().toUpperCase(Locale.ROOT).replace("SHA256", "sha256")
                    + "; by=sam"),
            new SignoffBinding(DIGEST, List.of()));

    assertThat(gate.satisfied()).isTrue();
    assertThat(gate.stale()).isEmpty();
  }

  @Test
  void aSignoffOfAnEarlierPacketIsStaleAndSaysWhatChanged() {
    PacketDigest signed =
        PacketDigest.of(Releases.with(SPEC, "riskTier", "high"), Releases.evidence(0.91));
    PacketDigest now = PacketDigest.of(SPEC, evidenceWith("runbook", "Page nobody."));
    Map<String, String> annotations =
        Map.of(
            "signoff.releasegate.dev/product",
                "version=1.2.0; digest=" + now.shortDigest() + "; by=pat",
            "signoff.releasegate.dev/mlops",
                "version=1.2.0; digest=" + now.shortDigest() + "; by=mo",
            "signoff.releasegate.dev/privacy",
                "version=1.2.0; digest=" + now.shortDigest() + "; by=pri",
            "signoff.releasegate.dev/security",
                "version=1.2.0; digest=" + signed.shortDigest() + "; by=sam");

    GateStatus gate =
        beforeTraffic(
            annotations, new SignoffBinding(now, List.of(named("security", "sam", signed))));

    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.missing()).containsExactly("security (security-owner, security@example.com)");
    assertThat(gate.stale())
        .containsExactly(
            "security signed "
                + signed.shortDigest()
                + ", now "
                + now.shortDigest()
                + ": riskTier lowered from high to standard, runbook changed");
  }

  @Test
  void aSignoffWrittenWithoutDigestCountsOnlyForThePacketItWasBoundTo() {
    PacketDigest now = PacketDigest.of(SPEC, evidenceWith("runbook", "Page nobody."));
    SignoffRecord bound =
        new SignoffRecord(
            "security", "1.2.0", "sam", Instant.EPOCH, DIGEST.digest(), true, DIGEST.shortParts());
    Map<String, String> annotations = new HashMap<>(allSigned("version=1.2.0; by=sam"));

    assertThat(beforeTraffic(annotations, new SignoffBinding(DIGEST, List.of(bound))).satisfied())
        .as("bound to the packet as it is")
        .isTrue();
    GateStatus changed = beforeTraffic(annotations, new SignoffBinding(now, List.of(bound)));
    assertThat(changed.satisfied()).isFalse();
    assertThat(changed.stale())
        .filteredOn(s -> s.startsWith("security"))
        .containsExactly(
            "security signed "
                + DIGEST.shortDigest()
                + "\u2026 (bound when first seen, as it names no digest=), now "
                + now.shortDigest()
                + ": runbook changed");
    GateStatus unbound = beforeTraffic(annotations, new SignoffBinding(DIGEST, List.of()));
    assertThat(unbound.missing()).extracting(m -> m.split(" ")[0]).containsExactly("security");
    assertThat(unbound.stale())
        .containsExactly(
            "security signed version 1.2.0 without digest=, which is bound to the packet only"
                + " once all of its evidence can be read");
  }

  @Test
  void aDigestTheOperatorNeverSawIsStaleWithoutGuessingWhatChanged() {
    String other = "sha256:" + "0".repeat(64);
    GateStatus gate =
        beforeTraffic(
            allSigned("version=1.2.0; digest=" + other + "; by=sam"),
            new SignoffBinding(DIGEST, List.of()));

    assertThat(gate.stale())
        .containsExactly(
            "security signed sha256:000000000000\u2026, now "
                + DIGEST.shortDigest()
                + ": the operator never saw that digest in force, so it cannot tell what changed");
  }

  @Test
  void aMalformedDigestDoesNotCountAndNamesTheField() {
    GateStatus gate =
        beforeTraffic(
            allSigned("version=1.2.0; digest=ab12; by=sam"), new SignoffBinding(DIGEST, List.of()));

    assertThat(gate.stale())
        .containsExactly(
            "signoff.releasegate.dev/security names digest=ab12, not sha256: and 12 to 64 hex"
                + " digits as status.packetDigest shows it: write version=1.2.0; digest="
                + DIGEST.shortDigest()
                + "; by=<you>");
  }
}
