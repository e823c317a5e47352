package dev.releasegate.operator;

import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.ApiCall;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Drives the operator through every scenario its tests cover (evidence read, gates, sign-offs, a
 * first rollout, a packet record, canary steps, promotion with the old version removed, a kill
 * switch, leader election, and the same canary and kill switch through an HTTPRoute and an
 * InferenceService) and returns every call its own client made: the source the chart's RBAC is
 * checked against.
 */
final class OperatorApiCalls {
  static final String LEASE_NAMESPACE = "releasegate-system";

  private OperatorApiCalls() {}

  static Set<ApiCall> of(OperatorSettings settings) {
    try (OperatorHarness h =
        new OperatorHarness(
            settings
                .withIdentity("rbac")
                .withLeaderElection(LeaderElectionTest.lease("releasegate")))) {
      List<CanaryStep> steps = List.of(new CanaryStep(50, "1s"), new CanaryStep(100, null));
      h.promoted("assistant", Releases.spec("1.0.0", steps));
      h.signedCandidate("assistant", Releases.spec("1.1.0", steps));
      await()
          .atMost(OperatorHarness.WAIT)
          .until(
              () ->
                  h.release("assistant").get().getStatus().getStable().version().equals("1.1.0")
                      && h.deployments("assistant", "stable").size() == 1
                      && h.deployments("assistant", "canary").isEmpty());
      h.signedCandidate("assistant", Releases.spec("1.2.0", steps));
      await()
          .atMost(OperatorHarness.WAIT)
          .until(() -> h.replicas("assistant", "canary").equals(Map.of("1.2.0", 2)));
      h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "true"));
      h.awaitPhase("assistant", Phase.RolledBack);
      throughTheRouters(h);
      // The counter drains the server's request log a little behind the requests.
      AtomicReference<Set<ApiCall>> seen = new AtomicReference<>(Set.of());
      await()
          .pollInterval(Duration.ofMillis(300))
          .during(Duration.ofSeconds(1))
          .atMost(OperatorHarness.WAIT)
          .until(() -> seen.getAndSet(operatorCalls(h)).equals(seen.get()));
      return seen.get();
    }
  }

  /**
   * A canary and a kill switch through each router that routes through an object the release names
   * but does not own: the operator discovers the kind, watches it and patches only weights.
   */
  private static void throughTheRouters(OperatorHarness h) {
    h.api.installCrd("crds/httproutes.gateway.networking.k8s.io.yaml");
    h.api.installCrd("crds/inferenceservices.serving.kserve.io.yaml");
    try (SimulatedGateway gateway = new SimulatedGateway(h.client).start();
        SimulatedKServe kserve = new SimulatedKServe(h.client).start()) {
      h.client.resource(SimulatedGateway.route("chat-route", "chat")).create();
      h.client.resource(SimulatedKServe.inferenceService("ticket-isvc", Map.of())).create();
      CanaryStep[] steps = {new CanaryStep(50, "1h"), new CanaryStep(100, null)};
      h.promoted("chat", GatewayApiRoutingTest.spec("1.0.0", "chat-route", steps));
      h.promoted("ticket", KServeRoutingTest.spec("1.0.0", "ticket-isvc", steps));
      h.signedCandidate("chat", GatewayApiRoutingTest.spec("1.1.0", "chat-route", steps));
      h.signedCandidate("ticket", KServeRoutingTest.spec("1.1.0", "ticket-isvc", steps));
      for (String release : List.of("chat", "ticket")) {
        h.awaitStepInForce(release, 1);
        h.annotate(release, Map.of(ReleaseAnnotations.KILL_SWITCH, "true"));
        h.awaitPhase(release, Phase.RolledBack);
      }
    }
  }

  private static Set<ApiCall> operatorCalls(OperatorHarness h) {
    return h.api.requestCounter().calls().stream()
        .filter(c -> c.caller().equals(ReleasegateOperator.USER_AGENT))
        .collect(Collectors.toSet());
  }
}
