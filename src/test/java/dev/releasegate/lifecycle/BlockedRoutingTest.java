package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.StatusCondition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A router that cannot act holds the release where it is and names the problem; the lifecycle never
 * learns which router it was.
 */
class BlockedRoutingTest {
  private static final TrafficState ROUTE_MISSING =
      TrafficState.blocked(
          Reason.HTTPRouteNotFound, "HTTPRoute chat does not exist in namespace ml.");

  private static LifecycleWalk midCanary() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    assertThat(walk.canary().step()).isEqualTo(1);
    return walk;
  }

  private static String condition(Decision decision, String type) {
    return decision.status().getConditions().stream()
        .filter(c -> c.type().equals(type))
        .map(StatusCondition::status)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theReleaseHoldsItsPhaseAndStatusNamesTheProblem() {
    LifecycleWalk walk = midCanary();
    walk.traffic = ROUTE_MISSING;

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.Progressing);
    assertThat(decision.status().getReason()).isEqualTo("HTTPRouteNotFound");
    assertThat(decision.status().getMessage())
        .startsWith("HTTPRoute chat does not exist in namespace ml.")
        .contains("1.0.0 approved");
    assertThat(condition(decision, "Stalled")).isEqualTo("True");
    assertThat(condition(decision, "Reconciling")).isEqualTo("False");
    assertThat(decision.traffic()).as("nothing is asked of a router that cannot act").isEmpty();
    assertThat(decision.requeueAfter()).contains(BlockedRouting.RECHECK);
    assertThat(decision.status().getCanary().step()).isEqualTo(1);
    assertThat(decision.status().getTraffic().detail()).contains("HTTPRoute chat");
    assertThat(decision.events())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("HTTPRouteNotFound"));
  }

  @Test
  void theWarningIsRecordedOnceAndTheCanaryResumesWhenTheRouterCanActAgain() {
    LifecycleWalk walk = midCanary();
    walk.traffic = ROUTE_MISSING;
    walk.reconcile();
    walk.advance(Duration.ofMinutes(1));
    walk.reconcile();
    assertThat(walk.eventReasons()).containsOnlyOnce("HTTPRouteNotFound");

    walk.traffic = new TrafficState("1.0.0", "1.1.0", 25, 25, true, null);
    walk.advance(Duration.ofMinutes(10));
    walk.settle();

    assertThat(walk.phase()).isNotEqualTo(Phase.RolledBack);
    assertThat(walk.canary().step()).isEqualTo(2);
    assertThat(walk.release.getStatus().getConditions())
        .filteredOn(c -> c.type().equals("Stalled"))
        .singleElement()
        .extracting(StatusCondition::status)
        .isEqualTo("False");
  }

  @Test
  void aKillSwitchIsRecordedAndSaysItWaitsForTheRouter() {
    LifecycleWalk walk = midCanary();
    walk.traffic = ROUTE_MISSING;
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "p99 4s");

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getLastRollback().fromVersion()).isEqualTo("1.1.0");
    assertThat(decision.status().getMessage())
        .contains("The router cannot act yet (HTTPRouteNotFound)")
        .contains("applied as soon as it can");
    // The rollback is still asked for, so it happens the moment the router can act.
    assertThat(decision.traffic()).get().extracting(TrafficTarget::rollback).isEqualTo(true);
  }

  @Test
  void anInvalidSpecIsReportedBeforeARouterProblem() {
    LifecycleWalk walk = midCanary();
    walk.traffic = ROUTE_MISSING;
    walk.apply(Releases.with(walk.release.getSpec(), "replicas", 0));

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.Invalid);
  }
}
