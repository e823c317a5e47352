package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.TrafficRouting;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Gateway API and KServe routers on the real control plane (see {@link RouterFixtures}): a
 * canary step, then the kill switch, through an HTTPRoute and through an InferenceService.
 */
@ExtendWith(OperatorNeverRefused.class)
class RoutersIT {
  private static final CanaryStep[] STEPS = {new CanaryStep(20, "1h"), new CanaryStep(100, null)};

  private final RouterFixtures routers = RouterFixtures.shared();
  private final Team team = routers.team;

  @Test
  void theGatewayApiRouterWeighsTheRouteForEachStepAndTheKillSwitchPutsItBack() {
    routers.createRoute("chat-route", "chat");
    TrafficRouting routing = RouterFixtures.httpRoute("chat-route");
    team.promoted("chat", RouterFixtures.spec("1.0.0", routing, STEPS));
    await().atMost(Team.WAIT).until(() -> routers.weights("chat-route").equals(List.of(100, 0)));

    team.signedCandidate("chat", RouterFixtures.spec("1.1.0", routing, STEPS));
    await().atMost(Team.WAIT).until(() -> routers.weights("chat-route").equals(List.of(80, 20)));
    // The stable version keeps every pod during the canary; the candidate has what 20% needs.
    team.awaitReadyPods("chat", Map.of("1.0.0", 4, "1.1.0", 1));

    team.annotateAs(
        "dana", "chat", Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=errors; by=dana"));
    team.awaitPhase("chat", Phase.RolledBack);
    await().atMost(Team.WAIT).until(() -> routers.weights("chat-route").equals(List.of(100, 0)));
  }

  @Test
  void theKServeRouterSetsTheCanaryShareAndTheKillSwitchTakesItAway() {
    routers.createInferenceService("ticket-isvc");
    TrafficRouting routing = RouterFixtures.inferenceService("ticket-isvc");
    team.promoted("ticket", RouterFixtures.spec("1.0.0", routing, STEPS));

    team.signedCandidate("ticket", RouterFixtures.spec("1.1.0", routing, STEPS));
    await()
        .atMost(Team.WAIT)
        .until(
            () -> routers.predictor("ticket-isvc").get("canaryTrafficPercent"),
            p -> p != null && p.equals(20));
    assertThat(routers.predictor("ticket-isvc").get("model").toString())
        .contains("s3://models/assistant/1.1.0");

    team.annotateAs(
        "dana", "ticket", Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=errors; by=dana"));
    team.awaitPhase("ticket", Phase.RolledBack);
    await()
        .atMost(Team.WAIT)
        .until(
            () -> routers.predictor("ticket-isvc").get("canaryTrafficPercent"),
            p -> p != null && p.equals(0));
  }
}
