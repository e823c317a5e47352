package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.KServeRouting;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.StatusCondition;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KServe router end to end on the embedded API, with a simulated KServe controller: the
 * candidate's model and weight go into the InferenceService's predictor, and what is in force is
 * read from KServe's status.
 */
@Integration
class KServeRoutingTest {
  private static final String SERVICE = "assistant-isvc";
  private OperatorHarness h;
  private SimulatedKServe kserve;

  @BeforeEach
  void start() {
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() {
    if (kserve != null) {
      kserve.close();
    }
    h.close();
  }

  private void installKServe() {
    h.api.installCrd("crds/inferenceservices.serving.kserve.io.yaml");
    kserve = new SimulatedKServe(h.client).start();
  }

  private static ModelReleaseSpec spec(String version, CanaryStep... steps) {
    return spec(version, SERVICE, steps);
  }

  static ModelReleaseSpec spec(String version, String service, CanaryStep... steps) {
    return Releases.with(
        Releases.spec(version, List.of(steps)),
        "canary",
        new CanarySpec(List.of(steps), new TrafficRouting(null, null, new KServeRouting(service))));
  }

  private void createInferenceService(Map<String, String> annotations) {
    h.client.resource(SimulatedKServe.inferenceService(SERVICE, annotations)).create();
  }

  private Resource<GenericKubernetesResource> service() {
    return h.client
        .genericKubernetesResources(SimulatedKServe.API_VERSION, SimulatedKServe.KIND)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName(SERVICE);
  }

  private JsonNode predictor() {
    return Serialization.jsonMapper().valueToTree(service().get()).path("spec").path("predictor");
  }

  private String storageUri() {
    return predictor().path("model").path("storageUri").asText();
  }

  /** canaryTrafficPercent, or -1 when the predictor has none. */
  private int canary() {
    return predictor().path("canaryTrafficPercent").asInt(-1);
  }

  private void awaitPredictor(String version, int canary) {
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> storageUri().equals("s3://models/assistant/" + version) && canary() == canary);
  }

  private void awaitTraffic(String detail) {
    await()
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () ->
                assertThat(h.release("assistant").get().getStatus().getTraffic().detail())
                    .contains(detail));
  }

  /** 1.0.0 approved and rolled out by KServe; 1.1.0 applied and signed. */
  private void canaryOf110(CanaryStep... steps) {
    installKServe();
    createInferenceService(Map.of());
    h.create("assistant", spec("1.0.0", steps));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("assistant", Phase.Promoted);
    awaitPredictor("1.0.0", -1);
    h.setSpec("assistant", spec("1.1.0", steps));
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
  }

  @Test
  void theCanaryMovesCanaryTrafficPercentAndPromotionRemovesIt() {
    canaryOf110(new CanaryStep(10, "1h"), new CanaryStep(60, "1h"), new CanaryStep(100, null));

    awaitPredictor("1.1.0", 10);
    awaitTraffic("1.1.0 10%, 1.0.0 90%");
    assertThat(h.release("assistant").get().getStatus().getTraffic().candidateWeight())
        .isEqualTo(10);

    h.annotate("assistant", Map.of(ReleaseAnnotations.PROMOTE, "1.1.0"));
    awaitPredictor("1.1.0", 60);
    awaitTraffic("1.1.0 60%, 1.0.0 40%");

    h.annotate("assistant", Map.of(ReleaseAnnotations.PROMOTE, "version=1.1.0; by=on-call"));
    ModelRelease promoted = h.awaitPhase("assistant", Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
    awaitPredictor("1.1.0", -1);
    awaitTraffic("1.1.0 100%");

    // Only the model and the canary field were ever written: the team's fields are as they were.
    JsonNode predictor = predictor();
    assertThat(predictor.path("minReplicas").asInt()).isEqualTo(2);
    assertThat(predictor.path("model").path("modelFormat").path("name").asText())
        .isEqualTo("huggingface");
    assertThat(predictor.path("model").path("resources").path("requests").path("memory").asText())
        .isEqualTo("8Gi");
    assertThat(service().get().getMetadata().getLabels()).containsEntry("team", "assistants");
    assertThat(service().get().getMetadata().getAnnotations())
        .containsEntry("releasegate.dev/release", "assistant");
  }

  @Test
  void theKillSwitchMidCanaryRestoresTheApprovedModelInOneWrite() {
    canaryOf110(new CanaryStep(30, "1h"), new CanaryStep(100, null));
    awaitPredictor("1.1.0", 30);
    awaitTraffic("1.1.0 30%, 1.0.0 70%");
    long generation = service().get().getMetadata().getGeneration();

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "toxic outputs"));

    ModelRelease rolledBack = h.awaitPhase("assistant", Phase.RolledBack);
    assertThat(rolledBack.getStatus().getLastRollback().toVersion()).isEqualTo("1.0.0");
    awaitPredictor("1.0.0", 0);
    assertThat(service().get().getMetadata().getGeneration()).isEqualTo(generation + 1);
    // Status records what KServe reports after the rollback: everything on 1.0.0.
    awaitTraffic("1.0.0 100%");
    assertThat(h.release("assistant").get().getStatus().getTraffic().candidate()).isNull();
  }

  @Test
  void aRollbackAfterPromotionPinsKServesPreviousRevisionAndHoldsTheNextCanary() {
    canaryOf110(new CanaryStep(100, null));
    h.awaitPhase("assistant", Phase.Promoted);
    awaitPredictor("1.1.0", -1);
    awaitTraffic("1.1.0 100%");

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "access anomalies"));

    h.awaitPhase("assistant", Phase.RolledBack);
    // KServe's own rollback: canaryTrafficPercent 0 sends everything to the revision before.
    awaitPredictor("1.1.0", 0);
    awaitTraffic("1.0.0 100%");

    // A new version cannot canary against 1.0.0 while KServe counts 1.1.0 as rolled out.
    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "false"));
    h.setSpec("assistant", spec("1.2.0", new CanaryStep(100, null)));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> "KServeRolloutPinned".equals(reason("assistant")));
    assertThat(h.release("assistant").get().getStatus().getMessage())
        .contains("rolled-back 1.1.0", "Roll 1.0.0 out in full first");
    assertThat(storageUri()).isEqualTo("s3://models/assistant/1.1.0");
  }

  @Test
  void aNewVersionWithTheApprovedModelIsRefusedBeforeAnythingIsWritten() {
    installKServe();
    createInferenceService(Map.of());
    h.create("assistant", spec("1.0.0", new CanaryStep(100, null)));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("assistant", Phase.Promoted);
    awaitPredictor("1.0.0", -1);
    String resourceVersion = resourceVersionOnceKServeReported();

    ModelReleaseSpec sameUri = spec("1.0.1", new CanaryStep(100, null));
    h.setSpec(
        "assistant",
        Releases.with(
            sameUri,
            "model",
            new ModelSpec(
                "assistant",
                "1.0.1",
                "registry.example.com/assistant:1.0.1",
                "s3://models/assistant/1.0.0")));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> "SameModelAsApproved".equals(reason("assistant")));
    assertThat(h.release("assistant").get().getStatus().getMessage())
        .contains(
            "spec.model.uri of 1.0.1 is s3://models/assistant/1.0.0, the same as approved 1.0.0's");
    assertThat(service().get().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void rawDeploymentModeIsRefusedAndTheServiceLeftAlone() {
    installKServe();
    createInferenceService(Map.of("serving.kserve.io/deploymentMode", "RawDeployment"));
    String resourceVersion = resourceVersionOnceKServeReported();

    ModelRelease refused = refusedWith("RawDeploymentMode");

    assertThat(refused.getStatus().getMessage())
        .contains("ignores canaryTrafficPercent", "kserve/kserve#5335");
    assertThat(refused.getStatus().getConditions())
        .filteredOn(c -> c.type().equals("Stalled"))
        .singleElement()
        .extracting(StatusCondition::status)
        .isEqualTo("True");
    assertThat(service().get().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  @Test
  void aMissingInferenceServiceIsNamedAndNeverCreatedUntilItAppears() {
    installKServe();

    assertThat(refusedWith("InferenceServiceNotFound").getStatus().getMessage())
        .contains("InferenceService " + SERVICE + " does not exist in namespace ml");
    assertThat(service().get()).isNull();

    createInferenceService(Map.of());
    h.awaitPhase("assistant", Phase.Promoted);
    awaitPredictor("1.0.0", -1);
  }

  @Test
  void anInferenceServiceManagedByAnotherReleaseIsRefused() {
    installKServe();
    createInferenceService(Map.of("releasegate.dev/release", "fraud-scorer"));
    String resourceVersion = resourceVersionOnceKServeReported();

    assertThat(refusedWith("InferenceServiceOwnedByAnotherRelease").getStatus().getMessage())
        .contains("managed by ModelRelease fraud-scorer");
    assertThat(service().get().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  /** The first version, signed, held by the router for {@code reason}. */
  private ModelRelease refusedWith(String reason) {
    h.create("assistant", spec("1.0.0", new CanaryStep(100, null)));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    await().atMost(OperatorHarness.WAIT).until(() -> reason.equals(reason("assistant")));
    return h.release("assistant").get();
  }

  private String resourceVersionOnceKServeReported() {
    await().atMost(OperatorHarness.WAIT).until(() -> service().get().get("status") != null);
    return service().get().getMetadata().getResourceVersion();
  }

  private String reason(String release) {
    ModelRelease current = h.release(release).get();
    return current.getStatus() == null ? null : current.getStatus().getReason();
  }
}
