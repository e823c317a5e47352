package dev.releasegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Owner;
import dev.releasegate.lifecycle.Releases;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignoffGateTest {
  private static final ModelReleaseSpec SPEC = Releases.spec("1.2.0");
  private static final Requirements REQUIRED = ChecklistPolicy.builtIn().requirements(SPEC);

  private static GateStatus beforeTraffic(Map<String, String> annotations) {
    return SignoffGate.evaluate(SPEC, REQUIRED, annotations, SignoffStage.BEFORE_TRAFFIC);
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
        .anySatisfy(s -> assertThat(s).contains("write version=1.2.0; by=<you>"));
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
                + " version=1.2.0; by=<you>",
            "signoff.releasegate.dev/mlops names a signer 2 times, which is ambiguous: write"
                + " version=1.2.0; by=<you>",
            "signoff.releasegate.dev/privacy names a signer longer than 256 characters: write"
                + " version=1.2.0; by=<you>",
            "signoff.releasegate.dev/security names a version longer than 63 characters: write"
                + " version=1.2.0; by=<you>");
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
}
