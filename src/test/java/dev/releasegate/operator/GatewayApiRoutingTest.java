package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanarySpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.GatewayApiRouting;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RollbackSpec;
import dev.releasegate.api.v1alpha1.StatusCondition;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.api.v1alpha1.TrafficStatus;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Gateway API router end to end on the embedded API, with a simulated Gateway controller: the
 * route's two weights follow the canary, and nothing else of the route ever changes.
 */
@Integration
class GatewayApiRoutingTest {
  private static final String ROUTE = "assistant-route";
  private OperatorHarness h;
  private SimulatedGateway gateway;

  @BeforeEach
  void start() {
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    h.close();
  }

  private void installGatewayApi() {
    h.api.installCrd("crds/httproutes.gateway.networking.k8s.io.yaml");
    gateway = new SimulatedGateway(h.client).start();
  }

  static ModelReleaseSpec spec(String version, String route, CanaryStep... steps) {
    return Releases.with(
        Releases.spec(version, List.of(steps)),
        "canary",
        new CanarySpec(
            List.of(steps),
            new TrafficRouting(null, new GatewayApiRouting(route, null, null), null)));
  }

  private void createRoute(String name, String release) {
    h.client.resource(SimulatedGateway.route(name, release)).create();
  }

  private HTTPRoute route() {
    return h.client
        .resources(HTTPRoute.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName(ROUTE)
        .get();
  }

  /** The rule's weights, stable then canary. */
  private List<Integer> weights() {
    return route().getSpec().getRules().get(0).getBackendRefs().stream()
        .map(HTTPBackendRef::getWeight)
        .toList();
  }

  private String selects(String service) {
    return h.client
        .services()
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName(service)
        .get()
        .getSpec()
        .getSelector()
        .get(ObjectNames.VERSION);
  }

  /** Waits until status shows what the router reports, as {@code expected} checks it. */
  private void awaitTraffic(Consumer<TrafficStatus> expected) {
    await()
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () ->
                assertThat(h.release("assistant").get().getStatus().getTraffic())
                    .satisfies(expected));
  }

  private void awaitWeights(int stable, int canary) {
    await().atMost(OperatorHarness.WAIT).until(() -> weights().equals(List.of(stable, canary)));
  }

  /** 1.0.0 approved and serving through the route; returns the route's generation then. */
  private long firstVersionThroughTheRoute(CanaryStep... steps) {
    installGatewayApi();
    createRoute(ROUTE, "assistant");
    h.create("assistant", spec("1.0.0", ROUTE, steps));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("assistant", Phase.Promoted);
    awaitWeights(100, 0);
    return route().getMetadata().getGeneration();
  }

  /** 1.0.0 approved and serving through the route; 1.1.0 applied and signed. */
  private void canaryOf110(CanaryStep... steps) {
    firstVersionThroughTheRoute(steps);
    h.setSpec("assistant", spec("1.1.0", ROUTE, steps));
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
  }

  private void promote(String value) {
    h.annotate("assistant", Map.of(ReleaseAnnotations.PROMOTE, value));
  }

  @Test
  void theRouteWeightsFollowEachStepExactlyAndPromotionLeavesThePreviousVersionWarm() {
    canaryOf110(new CanaryStep(5, "1h"), new CanaryStep(50, "1h"), new CanaryStep(100, null));
    HTTPRoute before = route();

    awaitWeights(95, 5);
    // Exact percentages: 5% of 4 replicas is not representable by pods, but it is by weights.
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 4));
    assertThat(h.replicas("assistant", ObjectNames.CANARY)).containsExactly(Map.entry("1.1.0", 1));
    assertThat(selects("assistant-stable")).isEqualTo("1.0.0");
    assertThat(selects("assistant-canary")).isEqualTo("1.1.0");
    awaitTraffic(
        t -> {
          assertThat(t.router()).isEqualTo("gatewayAPI");
          assertThat(t.candidateWeight()).isEqualTo(5);
          assertThat(t.settled()).isTrue();
          assertThat(t.detail()).contains("assistant-canary (1.1.0) 5");
        });

    promote("1.1.0");
    awaitWeights(50, 50);
    assertThat(h.replicas("assistant", ObjectNames.CANARY)).containsExactly(Map.entry("1.1.0", 2));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 4));

    promote("version=1.1.0; by=on-call");
    ModelRelease promoted = h.awaitPhase("assistant", Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
    awaitWeights(100, 0);
    await().atMost(OperatorHarness.WAIT).until(() -> "1.1.0".equals(selects("assistant-stable")));
    // The previous version stays warm behind the canary Service, at weight 0.
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.PREVIOUS).equals(Map.of("1.0.0", 1)));
    assertThat(selects("assistant-canary")).isEqualTo("1.0.0");
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.1.0", 4));

    HTTPRouteRule rule = route().getSpec().getRules().get(0);
    HTTPRouteRule original = before.getSpec().getRules().get(0);
    assertThat(rule.getMatches()).isEqualTo(original.getMatches());
    assertThat(rule.getTimeouts()).isEqualTo(original.getTimeouts());
    assertThat(route().getSpec().getParentRefs()).isEqualTo(before.getSpec().getParentRefs());
    assertThat(route().getSpec().getHostnames()).containsExactly("assistant.example.com");
  }

  @Test
  void theKillSwitchMidCanaryPutsTheRouteBackInOneWrite() {
    canaryOf110(new CanaryStep(25, "1h"), new CanaryStep(100, null));
    awaitWeights(75, 25);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.release("assistant").get().getStatus().getCanary().stepStartedAt() != null);
    long generation = route().getMetadata().getGeneration();

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "p99 latency 4s"));

    ModelRelease rolledBack = h.awaitPhase("assistant", Phase.RolledBack);
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("KillSwitch");
    awaitWeights(100, 0);
    assertThat(route().getMetadata().getGeneration()).isEqualTo(generation + 1);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.CANARY).equals(Map.of("1.1.0", 0)));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 4));
    // Status records what the router reports after the rollback.
    awaitTraffic(
        t -> {
          assertThat(t.candidateWeight()).isZero();
          assertThat(t.detail())
              .contains("assistant-stable (1.0.0) 100", "assistant-canary (1.1.0) 0");
        });
  }

  @Test
  void aKillSwitchAfterPromotionMovesTheStableServiceToTheWarmPreviousVersion() {
    canaryOf110(new CanaryStep(100, null));
    h.awaitPhase("assistant", Phase.Promoted);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.PREVIOUS).equals(Map.of("1.0.0", 1)));
    awaitWeights(100, 0);
    long generation = route().getMetadata().getGeneration();

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "unsafe outputs"));

    h.awaitPhase("assistant", Phase.RolledBack);
    await().atMost(OperatorHarness.WAIT).until(() -> "1.0.0".equals(selects("assistant-stable")));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.STABLE).equals(Map.of("1.0.0", 4)));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.CANARY).equals(Map.of("1.1.0", 0)));
    // The route already gave the stable Service everything: it was not written at all.
    assertThat(weights()).containsExactly(100, 0);
    assertThat(route().getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void theRollbackRehearsalMovesOnlyTheWeightsThereAndBack() {
    long generation = firstVersionThroughTheRoute(new CanaryStep(100, null));

    ModelReleaseSpec rehearsed =
        Releases.with(
            spec("1.1.0", ROUTE, new CanaryStep(100, null)),
            "rollback",
            new RollbackSpec(true, "1m", 1));
    h.setSpec("assistant", rehearsed);
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));

    ModelRelease promoted =
        await()
            .atMost(OperatorHarness.WAIT)
            .until(
                () -> h.release("assistant").get(),
                r -> r.getStatus().getStable().version().equals("1.1.0"));
    assertThat(promoted.getStatus().getRehearsal().phase()).isEqualTo("Passed");
    assertThat(promoted.getStatus().getRehearsal().returnedToStableMillis()).isNotNull();
    awaitWeights(100, 0);
    // 100% to 1.1.0, back to 1.0.0 (the rehearsal), to 1.1.0 again, then promoted: four writes.
    assertThat(route().getMetadata().getGeneration()).isEqualTo(generation + 4);
  }

  @Test
  void weightsEditedBySomeoneElseAreRestoredAndTheirOtherEditsKept() {
    canaryOf110(new CanaryStep(25, "1h"), new CanaryStep(100, null));
    awaitWeights(75, 25);

    // Someone (a GitOps sync, a person with kubectl) sets the weights back and adds a header match.
    h.client
        .resources(HTTPRoute.class)
        .inNamespace(OperatorHarness.NAMESPACE)
        .withName(ROUTE)
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/0/weight\",\"value\":50},"
                + "{\"op\":\"replace\",\"path\":\"/spec/rules/0/backendRefs/1/weight\",\"value\":50},"
                + "{\"op\":\"add\",\"path\":\"/spec/rules/0/matches/0/headers\",\"value\":"
                + "[{\"name\":\"x-tenant\",\"value\":\"beta\"}]}]");

    awaitWeights(75, 25);
    assertThat(route().getSpec().getRules().get(0).getMatches().get(0).getHeaders())
        .singleElement()
        .satisfies(header -> assertThat(header.getName()).isEqualTo("x-tenant"));
    assertThat(h.release("assistant").get().getStatus().getPhase()).isEqualTo(Phase.Progressing);
  }

  @Test
  void aMissingRouteIsNamedInStatusAndNeverCreated() {
    installGatewayApi();
    h.create("assistant", spec("1.0.0", ROUTE, new CanaryStep(100, null)));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> "HTTPRouteNotFound".equals(reason("assistant")));
    ModelRelease blocked = h.release("assistant").get();
    assertThat(blocked.getStatus().getMessage())
        .contains("HTTPRoute " + ROUTE + " does not exist in namespace ml")
        .contains("assistant-stable", "assistant-canary");
    assertThat(blocked.getStatus().getConditions())
        .filteredOn(c -> c.type().equals("Stalled"))
        .singleElement()
        .extracting(StatusCondition::status)
        .isEqualTo("True");
    assertThat(route()).isNull();
    assertThat(h.deployments("assistant", ObjectNames.CANARY)).isEmpty();

    // The route appears: its informer brings the release back, and the first version rolls out.
    createRoute(ROUTE, "assistant");
    h.awaitPhase("assistant", Phase.Promoted);
    awaitWeights(100, 0);
  }

  @Test
  void aRuleThatAnotherReleaseSplitsIsRefused() {
    long generation = firstVersionThroughTheRoute(new CanaryStep(100, null));

    h.create("intruder", spec("1.0.0", ROUTE, new CanaryStep(100, null)));
    h.annotate("intruder", OperatorHarness.signoffs("1.0.0"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> "HTTPRouteRuleOwnedByAnotherRelease".equals(reason("intruder")));
    assertThat(h.release("intruder").get().getStatus().getMessage())
        .contains("ModelRelease assistant", "assistant-stable");
    assertThat(route().getMetadata().getGeneration()).isEqualTo(generation);
    assertThat(h.deployments("intruder", ObjectNames.CANARY)).isEmpty();
    assertThat(h.release("assistant").get().getStatus().getPhase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void aReleaseNamedLikeAnotherReleasesTrackServiceNeverTakesItOver() {
    firstVersionThroughTheRoute(new CanaryStep(100, null));

    h.create("assistant-stable", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.annotate("assistant-stable", OperatorHarness.signoffs("1.0.0"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> Reason.ObjectNotOwned.name().equals(reason("assistant-stable")));
    assertThat(h.release("assistant-stable").get().getStatus().getMessage())
        .contains("Service assistant-stable in namespace " + OperatorHarness.NAMESPACE)
        .contains("belongs to ModelRelease assistant");
    assertThat(selects("assistant-stable")).as("still the route's stable track").isEqualTo("1.0.0");
    assertThat(
            h.client
                .services()
                .inNamespace(OperatorHarness.NAMESPACE)
                .withName("assistant-stable")
                .get()
                .getSpec()
                .getSelector())
        .containsEntry(ObjectNames.RELEASE, "assistant");
    assertThat(h.deployments("assistant-stable", ObjectNames.STABLE)).isEmpty();
  }

  @Test
  void withoutGatewayApiInstalledTheReleaseSaysSoAndOthersRunOn() {
    h.create("assistant", spec("1.0.0", ROUTE, new CanaryStep(100, null)));
    h.create("plain", Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.annotate("plain", OperatorHarness.signoffs("1.0.0"));

    h.awaitPhase("plain", Phase.Promoted);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> "GatewayAPINotInstalled".equals(reason("assistant")));

    installGatewayApi();
    createRoute(ROUTE, "assistant");
    // Nothing tells the operator a CRD arrived; it looks again within a minute, or at any change.
    h.annotate("assistant", Map.of("example.com/nudge", "1"));
    h.awaitPhase("assistant", Phase.Promoted);
    awaitWeights(100, 0);
  }

  private String reason(String release) {
    ModelRelease current = h.release(release).get();
    return current.getStatus() == null ? null : current.getStatus().getReason();
  }
}
