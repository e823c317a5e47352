package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasegate.api.v1alpha1.ConfigMapKey;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.EvidenceRefs;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router examples as a user applies them, on the embedded API with a simulated Gateway and
 * KServe: the first version rolls out, and the next one starts its canary through the router.
 */
@Integration
class RouterExamplesTest {
  private OperatorHarness h;
  private final List<AutoCloseable> controllers = new java.util.ArrayList<>();

  @BeforeEach
  void start() {
    h = new OperatorHarness();
    h.api.installCrd("crds/httproutes.gateway.networking.k8s.io.yaml");
    h.api.installCrd("crds/inferenceservices.serving.kserve.io.yaml");
    controllers.add(new SimulatedGateway(h.client).start());
    controllers.add(new SimulatedKServe(h.client).start());
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable controller : controllers) {
      controller.close();
    }
    h.close();
  }

  private void apply(String example) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("examples/routers", example))) {
      for (HasMetadata item : h.client.load(in).items()) {
        item.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        h.client.resource(item).create();
      }
    }
  }

  /** Signs {@code version} for every role and waits for it to be the approved version. */
  private void signAndAwaitPromotion(String release, String version) {
    h.annotate(release, OperatorHarness.signoffs(version));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () -> {
              ModelRelease r = h.release(release).get();
              return r.getStatus() != null
                  && r.getStatus().getPhase() == Phase.Promoted
                  && r.getStatus().getStable().version().equals(version);
            });
  }

  /**
   * A new version during the week's change freeze, with an exception for it, and signed: its
   * version, image and uri changed together.
   */
  private void nextVersion(String release, String version, String uri) {
    h.annotate(release, Map.of(ReleaseAnnotations.FREEZE_EXCEPTION, version));
    ModelReleaseSpec spec = h.release(release).get().getSpec();
    String image = spec.model().image();
    // The new version's eval report, as the team writes it: the last version's does not count.
    ConfigMapKey report = EvidenceRefs.evaluationReport(spec).orElseThrow();
    h.client
        .configMaps()
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName(report.name())
        .edit(
            cm -> {
              cm.getData()
                  .computeIfPresent(
                      report.key(),
                      (k, v) ->
                          v.replace(
                              "\"modelVersion\": \"" + spec.model().version() + "\"",
                              "\"modelVersion\": \"" + version + "\""));
              return cm;
            });
    h.mergePatch(
        release,
        Map.of(
            "spec",
            Map.of(
                "model",
                Map.of(
                    "version",
                    version,
                    "image",
                    image.substring(0, image.lastIndexOf(':') + 1) + version,
                    "uri",
                    uri))));
    h.annotate(release, OperatorHarness.signoffs(version));
  }

  @Test
  void theGatewayApiExampleRollsOutAndItsCanaryMovesTheChatRule() throws Exception {
    apply("chat-assistant-gateway-api.yaml");
    signAndAwaitPromotion("chat-assistant", "4.1.0");
    await().atMost(OperatorHarness.WAIT).until(() -> chatWeights().equals(List.of(100, 0)));

    nextVersion("chat-assistant", "4.2.0", "s3://models/chat-assistant/4.2.0");

    await().atMost(OperatorHarness.WAIT).until(() -> chatWeights().equals(List.of(95, 5)));
    HTTPRoute route = route();
    assertThat(route.getSpec().getRules().get(0).getBackendRefs())
        .as("the health rule is not the release's: untouched")
        .singleElement()
        .extracting(HTTPBackendRef::getWeight)
        .isNull();
  }

  @Test
  void theKServeExampleRollsOutAndItsCanarySetsCanaryTrafficPercent() throws Exception {
    apply("ticket-router-kserve.yaml");
    signAndAwaitPromotion("ticket-router", "2.3.0");
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () ->
                "s3://models/ticket-router/2.3.0"
                    .equals(predictor().path("model").path("storageUri").asText()));

    nextVersion("ticket-router", "2.4.0", "s3://models/ticket-router/2.4.0");

    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> predictor().path("canaryTrafficPercent").asInt() == 10);
    await()
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () ->
                assertThat(h.release("ticket-router").get().getStatus().getTraffic().detail())
                    .contains("2.4.0 10%, 2.3.0 90%"));
    assertThat(predictor().path("minReplicas").asInt()).isEqualTo(2);
  }

  private HTTPRoute route() {
    return h.client
        .resources(HTTPRoute.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName("chat-assistant")
        .get();
  }

  private List<Integer> chatWeights() {
    return route().getSpec().getRules().get(1).getBackendRefs().stream()
        .map(HTTPBackendRef::getWeight)
        .toList();
  }

  private JsonNode predictor() {
    return Serialization.jsonMapper()
        .valueToTree(
            h.client
                .genericKubernetesResources(SimulatedKServe.API_VERSION, SimulatedKServe.KIND)
                .inNamespace(OperatorHarness.NAMESPACE)
                .withName("ticket-router")
                .get())
        .path("spec")
        .path("predictor");
  }
}
