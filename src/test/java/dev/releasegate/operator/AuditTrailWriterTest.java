package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.lifecycle.AuditEntry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit trail keeps each act once, in order, and only its newest acts. */
class AuditTrailWriterTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:43:04Z");

  private static ModelRelease release(String resourceVersion) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName("assistant");
    release.getMetadata().setNamespace("ml");
    release.getMetadata().setUid("0b6e-uid");
    release.getMetadata().setResourceVersion(resourceVersion);
    return release;
  }

  private static ConfigMap trail(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("t")
        .endMetadata()
        .withData(data)
        .build();
  }

  private static final AuditEntry KILL =
      new AuditEntry(AT, "KillSwitch", "1.1.0", "dana", "Kill switch (p99) rolled back 1.1.0.");

  @Test
  void keysSortInTimeOrderAndNameTheAct() {
    Map<String, String> keyed =
        AuditTrailWriter.keyed(
            release("10"),
            List.of(KILL, new AuditEntry(AT.plusSeconds(1), "Retry", "1.1.0", "mei", "Retry.")));

    assertThat(keyed.keySet())
        .hasSize(2)
        .first()
        .asString()
        .matches("2026-12-01T10\\.43\\.04\\.000Z\\.00\\.KillSwitch\\.[0-9a-f]{10}");
    assertThat(keyed.values().iterator().next()).contains("\"by\":\"dana\"");
  }

  @Test
  void theSameDecisionMadeAgainOnTheSameObjectAddsNothing() {
    ConfigMap after =
        AuditTrailWriter.appended(
            trail(Map.of()), AuditTrailWriter.keyed(release("10"), List.of(KILL)));
    // Decided again a second later (a crash before status was written, or a new leader).
    AuditEntry again =
        new AuditEntry(AT.plusSeconds(1), KILL.act(), KILL.version(), KILL.by(), "x");
    ConfigMap twice =
        AuditTrailWriter.appended(after, AuditTrailWriter.keyed(release("10"), List.of(again)));
    ConfigMap later =
        AuditTrailWriter.appended(twice, AuditTrailWriter.keyed(release("11"), List.of(again)));

    assertThat(twice.getData()).isEqualTo(after.getData());
    assertThat(later.getData()).as("a later object's act is a new act").hasSize(2);
  }

  @Test
  void twoLikeActsOfOneDecisionAreBothKept() {
    AuditEntry product = new AuditEntry(AT, "Signed", "1.1.0", "lead", "product signed off 1.1.0.");
    AuditEntry privacy = new AuditEntry(AT, "Signed", "1.1.0", "lead", "privacy signed off 1.1.0.");

    assertThat(AuditTrailWriter.keyed(release("10"), List.of(product, privacy))).hasSize(2);
  }

  @Test
  void onlyTheNewestActsAreKept() {
    ConfigMap trail = trail(Map.of());
    for (int i = 0; i < AuditTrailWriter.LIMIT + 5; i++) {
      AuditEntry act = new AuditEntry(AT.plusSeconds(i), "Retry", "1.1.0", "mei", "Retry " + i);
      trail =
          AuditTrailWriter.appended(trail, AuditTrailWriter.keyed(release("r" + i), List.of(act)));
    }

    assertThat(trail.getData()).hasSize(AuditTrailWriter.LIMIT);
    assertThat(trail.getData().values().iterator().next()).contains("Retry 5\"");
  }

  @Test
  void aConfigMapNotLabelledAsTheReleasesTrailIsNotTheTrail() {
    ConfigMap someoneElses = trail(Map.of("forged", "{}"));
    ConfigMap ours = trail(Map.of());
    ours.getMetadata()
        .setLabels(
            Map.of(
                "releasegate.dev/audit-trail", "true",
                "app.kubernetes.io/managed-by", "releasegate",
                "releasegate.dev/release", "assistant"));

    assertThat(AuditTrailWriter.isTrailOf(someoneElses, release("1"))).isFalse();
    assertThat(AuditTrailWriter.isTrailOf(ours, release("1"))).isTrue();
  }
}
