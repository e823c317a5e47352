package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryHistory;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evidence read from ConfigMaps, and the packet record kept at promotion, on the embedded API. */
@Integration
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
  void aCanariedVersionsPacketRecordSaysWhatHappenedAtEachStepBesideThePlan() throws Exception {
    h.promoted("assistant", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.signedCandidate(
        "assistant",
        Releases.spec("1.1.0", List.of(new CanaryStep(25, "1h"), new CanaryStep(100, null))));
    h.awaitStepInForce("assistant", 1);

    h.annotate("assistant", Map.of(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=1; by=sam"));
    ModelRelease promoted = h.awaitPhase("assistant", Phase.Promoted);

    String name = ObjectNames.packetRecord("assistant", "1.1.0");
    ConfigMap record =
        h.client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
    JsonNode packet = Serialization.jsonMapper().readTree(record.getData().get("packet.json"));
    assertThat(packet.at("/canaryPlan/steps/0/pause").asText()).isEqualTo("1h");
    JsonNode history = packet.get("canaryHistory");
    assertThat(history.get("version").asText()).isEqualTo("1.1.0");
    assertThat(history.get("steps"))
        .extracting(
            s -> s.get("step").asInt(),
            s -> s.get("ended").asText(),
            s -> s.get("movedOn").asText(),
            s -> s.path("by").asText(null))
        .containsExactly(
            tuple(1, "NextStep", "PauseSkipped", "sam"), tuple(2, "Promoted", "NoPause", null));
    JsonNode first = history.at("/steps/0");
    assertThat(Instant.parse(first.get("endedAt").asText()))
        .as("the hour's pause was cut short")
        .isBefore(Instant.parse(first.get("inForceAt").asText()).plus(Duration.ofHours(1)));
    assertThat(promoted.getStatus().getCanaryHistory())
        .as("status, read back through the API, says the same")
        .isEqualTo(Serialization.jsonMapper().treeToValue(history, CanaryHistory.class));
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
