package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every version after the first moves through canary steps against the approved version. */
class CanaryTest {
  private static final List<String> BEFORE_TRAFFIC =
      List.of("product", "mlops", "security", "privacy");

  @Test
  void newVersionGetsNoTrafficUntilItsPreTrafficSignoffsArePresent() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.traffic())
        .get()
        .satisfies(
            t -> {
              assertThat(t.stable().version()).isEqualTo("1.0.0");
              assertThat(t.candidate().version()).isEqualTo("1.1.0");
              assertThat(t.candidateWeight()).isZero();
            });
  }

  @Test
  void staleSignoffForThePreviousVersionDoesNotOpenTheGate() {
    // Every role signed 1.0.0 in promotedThenNewVersion; none of it counts for 1.1.0.
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    var gate =
        decision.status().getGates().stream()
            .filter(g -> g.name().equals("signoffs-before-traffic"))
            .findFirst()
            .orElseThrow();
    assertThat(gate.satisfied()).isFalse();
    assertThat(gate.stale()).contains("security signed 1.0.0, not 1.1.0");
  }

  @Test
  void walksEveryStepHoldingEachPauseFromWhenItsTrafficIsInForce() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.sign("1.1.0", BEFORE_TRAFFIC);

    Decision decision = walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.canary().weight()).isEqualTo(25);
    assertThat(walk.canary().stepStartedAt()).isEqualTo(walk.now);
    assertThat(decision.requeueAfter()).contains(Duration.ofMinutes(10));

    walk.advance(Duration.ofMinutes(9));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.last.requeueAfter()).contains(Duration.ofMinutes(1));

    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
    assertThat(walk.canary().weight()).isEqualTo(50);

    walk.advance(Duration.ofMinutes(30));
    walk.settle();
    // The last step gives all traffic: promotion sign-offs are needed first.
    assertThat(walk.phase()).isEqualTo(Phase.Paused);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingSignoffs");
    assertThat(walk.canary().weight()).isEqualTo(50);
    assertThat(walk.release.getStatus().getMessage()).contains("business");
    assertThat(walk.eventReasons())
        .as("the change to Paused is an Event")
        .endsWith("AwaitingSignoffs");

    walk.sign("1.1.0", List.of("business"));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");
    assertThat(walk.release.getStatus().getHistory())
        .extracting(v -> v.version())
        .containsExactly("1.1.0", "1.0.0");
    assertThat(walk.eventReasons())
        .containsSubsequence("CanaryStep", "CanaryStep", "CanaryStep", "Promoted");
  }

  @Test
  void aStepsPauseDoesNotStartUntilItsPodsAreReady() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.sign("1.1.0", BEFORE_TRAFFIC);
    walk.podsBecomeReady = false;

    walk.settle();
    walk.advance(Duration.ofHours(1));
    walk.settle();

    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.canary().stepStartedAt()).isNull();
    assertThat(walk.release.getStatus().getReason()).isEqualTo("ShiftingTraffic");

    walk.podsBecomeReady = true;
    walk.reconcile();
    walk.reconcile();
    assertThat(walk.canary().stepStartedAt()).isEqualTo(walk.now);
  }

  @Test
  void promoteAnnotationSkipsTheCurrentPauseOnceAndOnlyForItsVersion() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.sign("1.1.0", BEFORE_TRAFFIC);
    walk.settle();

    walk.annotate(ReleaseAnnotations.PROMOTE, "1.0.9");
    walk.settle();
    assertThat(walk.canary().step()).as("a promote for another version is ignored").isEqualTo(1);

    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; by=oncall");
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
    assertThat(walk.eventReasons()).contains("PauseSkipped");

    walk.settle();
    assertThat(walk.canary().step()).as("the same request acts once").isEqualTo(2);
    assertThat(walk.release.getStatus().getAcknowledged())
        .containsEntry(ReleaseAnnotations.PROMOTE, "version=1.1.0; by=oncall");

    walk.remove(ReleaseAnnotations.PROMOTE);
    walk.settle();
    assertThat(walk.release.getStatus().getAcknowledged())
        .doesNotContainKey(ReleaseAnnotations.PROMOTE);
  }

  @Test
  void thePrintedPromoteCommandSkipsEachStepsPauseWhenPastedAtThatStep() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");

    for (int step = 1; step <= 2; step++) {
      assertThat(walk.canary().step()).isEqualTo(step);
      String printed = walk.release.getStatus().getMessage();
      assertThat(printed)
          .contains(Printed.command(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=" + step));
      walk.annotate(
          ReleaseAnnotations.PROMOTE, Printed.value(printed, ReleaseAnnotations.PROMOTE, "mei"));
      walk.settle();
    }
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void aPromoteNamingAStepSkipsThatStepOnly() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");

    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=2");
    walk.settle();
    assertThat(walk.canary().step()).as("written for step 2, it waits at step 1").isEqualTo(1);

    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.phase()).as("then skips step 2's pause").isEqualTo(Phase.Promoted);
  }

  /** The value of {@code key="..."} in a printed command, as the shell would pass it. */
  @Test
  void aPromoteHeldBackByMissingSignoffsStillSkipsThePauseOnceTheyArrive() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.spec("1.1.0", List.of(new CanaryStep(50, "10m"), new CanaryStep(100, null))));
    walk.sign("1.1.0", BEFORE_TRAFFIC);
    walk.settle();

    walk.annotate(ReleaseAnnotations.PROMOTE, "1.1.0");
    walk.settle();
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingSignoffs");
    assertThat(walk.release.getStatus().getAcknowledged())
        .doesNotContainKey(ReleaseAnnotations.PROMOTE);

    walk.sign("1.1.0", List.of("business"));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void aStepWithoutPauseHoldsUntilPromoted() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.spec("1.1.0", List.of(new CanaryStep(10, null), new CanaryStep(100, null))));
    walk.signAll("1.1.0");

    walk.settle();
    walk.advance(Duration.ofDays(2));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Paused);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingPromote");
    assertThat(walk.release.getStatus().getMessage())
        .contains(Printed.command(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=1"));

    walk.annotate(ReleaseAnnotations.PROMOTE, "1.1.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void pauseAnnotationHoldsTheCurrentWeightUntilRemoved() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");

    walk.annotate(ReleaseAnnotations.PAUSE, "investigating latency");
    walk.advance(Duration.ofHours(3));
    Decision decision = walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Paused);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(25);

    walk.annotate(ReleaseAnnotations.PAUSE, "false");
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  @Test
  void aNewVersionMidCanaryRestartsTheCanaryForTheNewCandidate() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);

    walk.newVersion("1.2.0");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(walk.canary().version()).isEqualTo("1.2.0");
    assertThat(walk.canary().step()).isZero();
    assertThat(decision.traffic())
        .get()
        .satisfies(
            t -> {
              assertThat(t.stable().version()).isEqualTo("1.0.0");
              assertThat(t.candidate().version()).isEqualTo("1.2.0");
              assertThat(t.candidateWeight()).isZero();
            });
    assertThat(walk.eventReasons()).contains("CanaryRestarted");

    walk.signAll("1.2.0");
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(1);
  }

  @Test
  void aSignoffWithdrawnMidCanaryTakesTheCandidatesTrafficAway() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");

    walk.remove("signoff.releasegate.dev/security");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    assertThat(walk.eventReasons()).contains("GateClosed");
  }

  @Test
  void revertingTheSpecToTheApprovedVersionWithdrawsTheCandidate() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");

    walk.newVersion("1.0.0");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.canary()).isNull();
    assertThat(decision.traffic()).get().satisfies(t -> assertThat(t.candidate()).isNull());
    assertThat(walk.eventReasons()).contains("CandidateWithdrawn");
  }

  @Test
  void historyKeepsTheTenMostRecentApprovedVersions() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.signAll("1.0.0");
    walk.settle();
    for (int i = 1; i <= 11; i++) {
      String version = "1." + i + ".0";
      walk.apply(Releases.spec(version, List.of(new CanaryStep(100, null))));
      walk.signAll(version);
      walk.settle();
    }
    assertThat(walk.release.getStatus().getHistory()).hasSize(10);
    assertThat(walk.release.getStatus().getHistory().get(0).version()).isEqualTo("1.11.0");
  }

  @Test
  void aCandidateWithAllTrafficWhosePromotionSignoffIsWithdrawnStepsBack() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.spec("1.1.0", List.of(new CanaryStep(50, "10m"), new CanaryStep(100, "30m"))));
    walk.signAll("1.1.0");
    walk.settle();
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().weight()).isEqualTo(100);

    walk.remove(dev.releasegate.gate.Signoff.ANNOTATION_PREFIX + "business");
    Decision decision = walk.reconcile();

    assertThat(decision.status().getCanary().step()).isEqualTo(1);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(50);
    assertThat(decision.status().getPhase()).isEqualTo(Phase.Paused);
    assertThat(decision.status().getReason()).isEqualTo("AwaitingSignoffs");
    assertThat(decision.status().getMessage())
        .contains(
            "1.1.0 had all traffic before its promotion gates passed again: back to step 1/2");
    assertThat(decision.events()).extracting(ReleaseEvent::reason).contains("GateClosed");

    // Step 1 runs its pause again, and holds at 50% while the sign-off is missing.
    walk.settle();
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().weight()).isEqualTo(50);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingSignoffs");

    walk.sign("1.1.0", List.of("business"));
    walk.settle();
    walk.advance(Duration.ofMinutes(30));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void aPlanEditedMidCanaryGoesOnUnderTheNewPlan() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);

    walk.apply(
        Releases.spec("1.1.0", List.of(new CanaryStep(25, "10m"), new CanaryStep(100, null))));
    // The plan is part of what the owners approve: they sign the edited plan along with it.
    walk.signAll("1.1.0");
    walk.settle();

    assertThat(walk.eventReasons()).contains("CanaryReplanned");
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void aBumpThatForgetsTheUriGetsNoTrafficAndSaysWhich() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.with(
            Releases.spec("1.1.0"),
            "model",
            new dev.releasegate.api.v1alpha1.ModelSpec(
                "assistant",
                "1.1.0",
                "registry.example.com/assistant:1.1.0",
                "s3://models/assistant/1.0.0")));
    walk.signAll("1.1.0");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(walk.release.getStatus().getMessage())
        .contains(
            "spec.model.uri (s3://models/assistant/1.0.0) names 1.0.0, the approved version, while"
                + " spec.model.version is 1.1.0");
    assertThat(walk.release.getStatus().getGates())
        .anySatisfy(
            g -> {
              assertThat(g.name()).isEqualTo("model");
              assertThat(g.satisfied()).isFalse();
            });
  }
}
