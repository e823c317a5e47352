package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kill switch sends traffic back to the last approved version in the very next decision. */
class KillSwitchTest {

  private static LifecycleWalk midCanary() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    assertThat(walk.canary().weight()).isEqualTo(50);
    return walk;
  }

  @Test
  void aReasonOfAnySizeIsQuotedShortInStatus() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "x".repeat(120_000));
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(walk.release.getStatus().getLastRollback().trigger())
        .hasSize(StepRecords.DETAIL_LIMIT)
        .endsWith("…");
    assertThat(walk.release.getStatus().getMessage()).hasSizeLessThan(2_000);
  }

  @Test
  void midCanaryItRollsBackInOneDecision() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "unsafe output spike, paged by dana");

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getReason()).isEqualTo("KillSwitch");
    assertThat(decision.traffic())
        .get()
        .satisfies(
            t -> {
              assertThat(t.stable().version()).isEqualTo("1.0.0");
              assertThat(t.candidate().version()).isEqualTo("1.1.0");
              assertThat(t.candidateWeight()).isZero();
              assertThat(t.replicas()).isEqualTo(4);
            });
    RollbackRecord rollback = decision.status().getLastRollback();
    assertThat(rollback.reason()).isEqualTo("KillSwitch");
    assertThat(rollback.fromVersion()).isEqualTo("1.1.0");
    assertThat(rollback.toVersion()).isEqualTo("1.0.0");
    assertThat(rollback.trigger()).isEqualTo("unsafe output spike, paged by dana");
    assertThat(rollback.at()).isEqualTo(walk.now);
    assertThat(decision.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(ReleaseEvent.Type.Warning);
              assertThat(e.reason()).isEqualTo("KillSwitch");
            });
    assertThat(decision.status().getMessage())
        .contains("1.0.0", "1.1.0", Printed.command(ReleaseAnnotations.RETRY, "version=1.1.0"));
  }

  @Test
  void anEmptyValueIsSetTooAndSaysNoReasonWasGiven() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "");

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getReason()).isEqualTo("KillSwitch");
    assertThat(decision.traffic()).get().satisfies(t -> assertThat(t.candidateWeight()).isZero());
    assertThat(decision.status().getLastRollback().trigger()).isEqualTo("set with no reason given");
  }

  @Test
  void onlyFalseIsOff() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, " False ");

    assertThat(walk.reconcile().status().getPhase()).isNotEqualTo(Phase.RolledBack);
  }

  @Test
  void clearingTheKillSwitchAloneResumesNothing() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.advance(Duration.ofHours(1));
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    assertThat(walk.eventReasons()).containsOnlyOnce("KillSwitch");
  }

  @Test
  void aRetryNamingTheVersionRestartsItsCanaryOnce() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();
    walk.remove(ReleaseAnnotations.KILL_SWITCH);

    walk.annotate(ReleaseAnnotations.RETRY, "1.0.9");
    walk.settle();
    assertThat(walk.phase())
        .as("a retry for another version does nothing")
        .isEqualTo(Phase.RolledBack);

    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.canary().step()).isEqualTo(1);
    assertThat(walk.eventReasons()).contains("Retry");

    // Rolled back again: the retry already acted, so it does not restart the canary by itself.
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();
    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
  }

  /** The value of the promote command the message prints, as mei pastes it. */
  private static String printedPromote(LifecycleWalk walk) {
    return Printed.value(walk.release.getStatus().getMessage(), ReleaseAnnotations.PROMOTE, "mei");
  }

  @Test
  void afterARetryThePrintedPromoteIsANewValueAndSkipsThePauseAgain() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.annotate(ReleaseAnnotations.PROMOTE, printedPromote(walk));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();
    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(1);

    // The step-1 promote from the first run is still there: pasting the same value would change
    // nothing, so the message prints one that has not been used.
    String printed = printedPromote(walk);
    assertThat(printed).isEqualTo("version=1.1.0; step=1; attempt=2; by=mei");
    walk.annotate(ReleaseAnnotations.PROMOTE, printed);
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  private static String retryCommand(String message) {
    return Printed.value(message, ReleaseAnnotations.RETRY, "dana");
  }

  @Test
  void theRollbackEventAndStatusPrintTheSameRetryBeforeAndAfterTheNextLook() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.RETRY, "version=1.1.0; attempt=2");
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "errors, paged by dana");
    Decision rolledBack = walk.reconcile();
    String inEvent =
        rolledBack.events().stream()
            .filter(e -> e.reason().equals("KillSwitch"))
            .map(e -> retryCommand(e.message()))
            .findFirst()
            .orElseThrow();

    assertThat(retryCommand(rolledBack.status().getMessage())).isEqualTo(inEvent);
    walk.settle();
    assertThat(retryCommand(walk.release.getStatus().getMessage()))
        .as("on-call reads the same command in describe's Events and in status")
        .isEqualTo(inEvent);
  }

  @Test
  void aPromoteForAnotherStepOrVersionSaysItDoesNothing() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    for (String value : List.of("version=1.1.0; step=3", "version=9.9.9; step=1", "tomorrow")) {
      walk.annotate(ReleaseAnnotations.PROMOTE, value);
      walk.settle();
      assertThat(walk.canary().step()).as(value).isEqualTo(1);
      assertThat(walk.release.getStatus().getMessage())
          .contains(
              "releasegate.dev/promote=" + value + " does nothing here: this is step 1 of 1.1.0");
    }
    walk.annotate(ReleaseAnnotations.PROMOTE, printedPromote(walk));
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(2);
    assertThat(walk.release.getStatus().getMessage()).doesNotContain("does nothing here");
  }

  @Test
  void aPromoteWrittenBeforeTheRollbackSkipsNoStepOfTheCanaryRunAgain() {
    LifecycleWalk walk = midCanary();
    // Written for the pause of step 2, but the kill switch comes first.
    walk.apply(
        Releases.spec(
            "1.1.0",
            List.of(
                new CanaryStep(25, "10m"), new CanaryStep(50, "30m"), new CanaryStep(100, null))));
    walk.annotate(ReleaseAnnotations.PAUSE, "true");
    walk.settle();
    walk.annotate(ReleaseAnnotations.PROMOTE, "1.1.0");
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision rolledBack = walk.reconcile();
    assertThat(rolledBack.status().getMessage())
        .contains("Ignored, as written before this rollback: releasegate.dev/promote=1.1.0");
    assertThat(rolledBack.events())
        .anySatisfy(e -> assertThat(e.message()).contains("releasegate.dev/promote=1.1.0"));
    walk.settle();

    walk.remove(ReleaseAnnotations.PAUSE);
    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.annotate(ReleaseAnnotations.RETRY, "version=1.1.0; attempt=2");
    walk.settle();

    assertThat(walk.canary().step()).as("step 1's pause is not skipped").isEqualTo(1);
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.eventReasons()).doesNotContain("PauseSkipped");
  }

  @Test
  void aRetryWrittenBeforeTheRollbackDoesNotBringTheCandidateBack() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    Decision decision = walk.settle();

    assertThat(walk.phase())
        .as("clearing the switch alone resumes nothing")
        .isEqualTo(Phase.RolledBack);
    assertThat(decision.traffic()).get().extracting(TrafficTarget::candidateWeight).isEqualTo(0);
    assertThat(decision.status().getMessage())
        .contains("The retry already there (1.1.0) was written before this rollback")
        .contains(Printed.command(ReleaseAnnotations.RETRY, "version=1.1.0"));

    // The printed command, as a person pastes it, retries.
    walk.annotate(
        ReleaseAnnotations.RETRY,
        Printed.value(decision.status().getMessage(), ReleaseAnnotations.RETRY, "dana"));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
  }

  @Test
  void aRetryWaitsWhileTheKillSwitchIsSet() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
  }

  @Test
  void aNewVersionWaitsWhileTheSwitchIsSetAndProceedsWhenCleared() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.newVersion("1.2.0");
    walk.signAll("1.2.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(walk.release.getStatus().getMessage()).contains("1.2.0 waits");

    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.canary().version()).isEqualTo("1.2.0");
  }

  @Test
  void whileAwaitingGatesTheCandidateIsStoppedAndTheStableKeepsServing() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.settle();

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.reconcile();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getLastRollback().fromVersion()).isEqualTo("1.1.0");
    assertThat(decision.traffic().orElseThrow().stable().version()).isEqualTo("1.0.0");
  }

  @Test
  void whenPausedItRollsBack() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.PAUSE, "true");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Paused);

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.reconcile();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
  }

  @Test
  void duringTheFirstRolloutTheUnapprovedVersionIsScaledToNothing() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.podsBecomeReady = false;
    walk.signAll("1.0.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Progressing);

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.reconcile();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.traffic().orElseThrow().stable()).isNull();
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.status().getMessage()).contains("nothing serves");
  }

  @Test
  void beforeAnythingIsDeployedItStopsTheFirstVersionFromStarting() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.signAll("1.0.0");

    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(walk.release.getStatus().getStable()).isNull();
  }

  @Test
  void afterPromotionItReturnsToThePreviousApprovedVersion() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.spec("1.1.0", List.of(new dev.releasegate.api.v1alpha1.CanaryStep(100, null))));
    walk.signAll("1.1.0");
    walk.settle();
    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.reconcile();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.status().getHistory().get(0).rolledBackAt()).isEqualTo(walk.now);
    assertThat(decision.traffic().orElseThrow().stable().version()).isEqualTo("1.0.0");
    assertThat(decision.traffic().orElseThrow().candidate().version()).isEqualTo("1.1.0");
  }

  @Test
  void itNeverTakesAwayTheOnlyApprovedVersion() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.signAll("1.0.0");
    walk.settle();

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(decision.status().getReason()).isEqualTo("KillSwitchIgnored");
    assertThat(decision.traffic().orElseThrow().stable().version()).isEqualTo("1.0.0");
    assertThat(walk.eventReasons()).containsOnlyOnce("KillSwitchIgnored");
  }

  @Test
  void itWorksEvenWhenTheSpecIsInvalid() {
    LifecycleWalk walk = midCanary();
    walk.apply(
        Releases.spec("1.1.0", List.of(new dev.releasegate.api.v1alpha1.CanaryStep(500, null))));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Invalid);

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    Decision decision = walk.reconcile();

    assertThat(walk.phase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.traffic().orElseThrow().replicas())
        .as("the router keeps the running total")
        .isNull();
  }

  @Test
  void aNewVersionAppliedWhileTheSwitchIsSetWaitsOnlyForTheSwitch() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.apply(Releases.spec("1.2.0"));
    walk.settle();

    assertThat(walk.release.getStatus().getMessage())
        .contains(
            "1.2.0 waits for the kill switch; it starts once the switch is cleared: "
                + Printed.command(ReleaseAnnotations.KILL_SWITCH, "false"))
        .doesNotContain("retry=");
    walk.annotate(
        ReleaseAnnotations.KILL_SWITCH,
        Printed.value(
            walk.release.getStatus().getMessage(), ReleaseAnnotations.KILL_SWITCH, "dana"));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(walk.canary().version()).isEqualTo("1.2.0");
  }

  @Test
  void aGitRevertToTheServingVersionIsToldOnlyToClearTheSwitch() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
    walk.settle();

    walk.apply(Releases.spec("1.0.0"));
    walk.settle();

    assertThat(walk.release.getStatus().getMessage())
        .contains(
            "The spec asks for 1.0.0, which serves; clear the switch when the incident is over")
        .doesNotContain("retry");
  }
}
