package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first version of a release: nothing approved yet, nothing to split traffic with. */
class FirstVersionTest {

  @Test
  void newReleaseWithoutSignoffsAwaitsGatesAndGetsNoPods() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    assertThat(decision.status().getGateSummary()).isEqualTo("4/6");
    assertThat(decision.status().getMessage())
        .contains("1.0.0")
        .contains("product", "mlops", "security", "privacy");
  }

  @Test
  void eachReviewerWhoseSignoffIsMissingGetsACommandOfTheirOwnOnALineOfItsOwn() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.sign("1.0.0", List.of("product", "mlops", "security"));
    walk.settle();

    String message = walk.release.getStatus().getMessage();
    assertThat(message)
        .contains(
            "\n  privacy: "
                + Printed.command(
                    "signoff.releasegate.dev/privacy",
                    "version=1.0.0; digest="
                        + walk.release.getStatus().getPacketDigest().shortDigest())
                + "\n")
        .contains("\n  business: ")
        .doesNotContain("  product: ")
        .as("no placeholder the shell would read as a redirection")
        .doesNotContain("<role>");
  }

  @Test
  void firstVersionRollsOutInFullOnceEveryGatePassesAndBecomesTheApprovedVersion() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.settle();

    walk.signAll("1.0.0");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(decision.status().getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.status().getCanary()).isNull();
    assertThat(decision.status().getHistory())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.version()).isEqualTo("1.0.0");
              assertThat(v.signoffs())
                  .contains("security=security-owner", "business=business-owner");
            });
    assertThat(decision.traffic())
        .get()
        .satisfies(
            t -> {
              assertThat(t.stable().version()).isEqualTo("1.0.0");
              assertThat(t.candidate()).isNull();
            });
    assertThat(walk.eventReasons()).containsSubsequence("RolloutStarted", "Promoted");
  }

  @Test
  void firstVersionWaitsForPromotionSignoffsBecauseItGoesStraightToFullTraffic() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.sign("1.0.0", List.of("product", "mlops", "security", "privacy"));

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    assertThat(decision.status().getMessage()).contains("business");
  }

  @Test
  void firstVersionIsApprovedOnlyWhenItsPodsAreReady() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.podsBecomeReady = false;
    walk.signAll("1.0.0");

    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.release.getStatus().getStable()).isNull();

    walk.podsBecomeReady = true;
    walk.reconcile();
    walk.reconcile();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void pauseAnnotationHoldsTheFirstRolloutBeforeItStarts() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.annotate(ReleaseAnnotations.PAUSE, "true");
    walk.signAll("1.0.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Paused);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    walk.remove(ReleaseAnnotations.PAUSE);
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }
}
