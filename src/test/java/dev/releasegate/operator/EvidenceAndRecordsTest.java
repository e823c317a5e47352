package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evidence read from ConfigMaps, and the packet record kept at promotion, on the embedded API. */
class EvidenceAndRecordsTest {
  private OperatorHarness h;

  @BeforeEach
  void start() {
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void putEvidence(Map<String, String> data) {
    h.putEvidence(Releases.EVIDENCE, data);
  }

  @Test
  void missingEvidenceIsNamedAndAddingItOpensTheGateWithoutTouchingTheRelease() {
    Map<String, String> incomplete = new LinkedHashMap<>(Releases.evidenceData(0.91));
    incomplete.remove("runbook");
    putEvidence(incomplete);
    h.create("assistant", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));

    ModelRelease waiting = h.awaitPhase("assistant", Phase.AwaitingGates);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.release("assistant").get().getStatus().getMessage().contains("runbook"));
    assertThat(h.release("assistant").get().getStatus().getMessage())
        .contains("ConfigMap assistant-evidence has no key runbook");
    assertThat(h.deployments("assistant", ObjectNames.CANARY)).isEmpty();

    putEvidence(Releases.evidenceData(0.91));

    h.awaitPhase("assistant", Phase.Promoted);
    assertThat(waiting.getMetadata().getGeneration())
        .isEqualTo(h.release("assistant").get().getMetadata().getGeneration());
  }

  private static final String RECORD = ObjectNames.packetRecord("assistant", "1.0.0");

  @Test
  void promotionKeepsAnImmutablePacketRecordThatDoesNotBelongToTheRelease() {
    h.create("assistant", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    ModelRelease promoted = h.awaitPhase("assistant", Phase.Promoted);

    assertThat(promoted.getStatus().getHistory().get(0).packetRecord()).isEqualTo(RECORD);
    ConfigMap record =
        h.client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(RECORD).get();
    assertThat(record.getImmutable()).isTrue();
    assertThat(record.getMetadata().getOwnerReferences())
        .as("kept when the release is deleted")
        .isEmpty();
    assertThat(record.getMetadata().getLabels())
        .containsEntry(ObjectNames.PACKET_RECORD, "true")
        .containsEntry(ObjectNames.RELEASE, "assistant")
        .containsEntry(ObjectNames.VERSION, "1.0.0");
    Map<?, ?> packet = Serialization.unmarshal(record.getData().get("packet.json"), Map.class);
    assertThat((List<?>) packet.get("signoffs")).hasSize(6);
    assertThat((List<?>) packet.get("artifacts")).hasSize(11);
  }

  @Test
  void aPacketRecordIsWrittenOnceAndNeverRewritten() {
    h.client
        .configMaps()
        .inNamespace(OperatorHarness.NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(RECORD)
                .withNamespace(OperatorHarness.NAMESPACE)
                .endMetadata()
                .withImmutable(true)
                .addToData("packet.json", "{\"written\": \"first\"}")
                .build())
        .create();
    h.create("assistant", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));

    h.awaitPhase("assistant", Phase.Promoted);

    assertThat(
            h.client
                .configMaps()
                .inNamespace(OperatorHarness.NAMESPACE)
                .withName(RECORD)
                .get()
                .getData()
                .get("packet.json"))
        .isEqualTo("{\"written\": \"first\"}");
  }
}
