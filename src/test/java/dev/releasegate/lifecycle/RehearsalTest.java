package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RehearsalPhase;
import dev.releasegate.api.v1alpha1.RehearsalStatus;
import dev.releasegate.api.v1alpha1.RollbackSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Before full promotion the rollback is tried: candidate to 0%, stable carries all, and back. */
class RehearsalTest {
  private static final List<CanaryStep> STEPS =
      List.of(new CanaryStep(50, "10m"), new CanaryStep(100, null));

  private static ModelReleaseSpec rehearsed(String version) {
    ModelReleaseSpec s = Releases.spec(version, STEPS);
    return Releases.with(s, "rollback", new RollbackSpec(true, "2m", null));
  }

  /** The last step's traffic in force, the rehearsal about to start; pods stop becoming ready. */
  private static LifecycleWalk atLastStep() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(rehearsed("1.1.0"));
    walk.signAll("1.1.0");
    walk.settle();
    walk.advance(Duration.ofMinutes(10));
    walk.reconcile();
    assertThat(walk.canary().weight()).isEqualTo(100);
    walk.podsBecomeReady = false;
    return walk;
  }

  @Test
  void theRollbackIsRehearsedAndTimedBeforePromotion() {
    LifecycleWalk walk = atLastStep();

    Decision toStable = walk.reconcile();
    walk.reconcile();
    assertThat(walk.release.getStatus().getReason()).isEqualTo("RehearsingRollback");
    assertThat(toStable.traffic().orElseThrow().candidateWeight())
        .as("the rehearsal sends the candidate to 0%")
        .isZero();
    assertThat(walk.release.getStatus().getRehearsal().phase())
        .isEqualTo(RehearsalPhase.ReturningToStable.name());

    walk.now = walk.now.plusMillis(1500);
    walk.podsBecomeReady = true;
    walk.reconcile();
    walk.reconcile();
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    RehearsalStatus rehearsal = walk.release.getStatus().getRehearsal();
    assertThat(rehearsal.phase()).isEqualTo(RehearsalPhase.Passed.name());
    assertThat(rehearsal.returnedToStableMillis()).isEqualTo(1500);
    assertThat(walk.eventReasons())
        .containsSubsequence("RehearsalStarted", "RehearsalPassed", "Promoted");
    assertThat(
            walk.packetRecords
                .get(walk.packetRecords.size() - 1)
                .rehearsal()
                .returnedToStableMillis())
        .isEqualTo(1500);
  }

  @Test
  void aReturnSlowerThanTheLimitRollsTheCandidateBackInsteadOfPromotingIt() {
    LifecycleWalk walk = atLastStep();
    walk.settle();

    walk.advance(Duration.ofMinutes(3));
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getReason()).isEqualTo("RehearsalFailed");
    assertThat(decision.status().getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.status().getMessage())
        .contains(
            "did not carry all traffic within 2m",
            Printed.command(ReleaseAnnotations.RETRY, "version=1.1.0"));

    walk.podsBecomeReady = true;
    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.phase()).as("retried, rehearsed again, promoted").isEqualTo(Phase.Promoted);
  }

  @Test
  void theHighRiskTierRequiresARehearsalAndACarefulCanaryPlan() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    ModelReleaseSpec s = Releases.spec("1.1.0", STEPS);
    walk.apply(Releases.with(s, "riskTier", "high"));
    walk.signAll("1.1.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.status().getGates())
        .extracting(g -> g.name() + "=" + g.satisfied())
        .contains("canary-plan=false", "rollback-rehearsal=false");
    assertThat(decision.status().getMessage()).contains("at least 3");
  }

  @Test
  void aFirstVersionIsNotHeldToACanaryPlanItDoesNotUse() {
    ModelReleaseSpec s = Releases.spec("1.0.0", List.of(new CanaryStep(100, null)));
    LifecycleWalk walk = new LifecycleWalk(Releases.release(Releases.with(s, "riskTier", "high")));
    walk.signAll("1.0.0");

    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }
}
