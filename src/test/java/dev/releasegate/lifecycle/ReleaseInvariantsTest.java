package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.AnalysisMetric;
import dev.releasegate.api.v1alpha1.ApprovedVersion;
import dev.releasegate.api.v1alpha1.CanaryHistory;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.ModelSpec;
import dev.releasegate.api.v1alpha1.OwnerRole;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.cases.Coverage;
import dev.releasegate.cases.Draw;
import dev.releasegate.cases.GeneratedCases;
import dev.releasegate.gate.ChecklistPolicy;
import dev.releasegate.gate.Requirements;
import dev.releasegate.gate.Signoff;
import dev.releasegate.lifecycle.ReleaseStory.Action;
import dev.releasegate.lifecycle.ReleaseStory.Playback;
import dev.releasegate.lifecycle.ReleaseStory.VersionPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The release decision's invariants, over generated releases: whatever versions, sign-offs,
 * evidence, annotations, pod readiness, measurements and time do, in whatever order, traffic
 * reaches only a candidate whose gates pass, the kill switch leaves no candidate traffic, and the
 * loop comes to rest. Each story is played on a {@link LifecycleWalk}, the reconcile loop the
 * example tests use, so a counterexample can be replayed as one of them.
 *
 * <p>Each property runs a fixed number of generated stories (see {@link GeneratedCases}); a failure
 * prints its story's seed, the story, and the command that plays it again. Each also checks its
 * stories' coverage (canaries that got traffic, kill switches pulled mid-canary): a generator that
 * stopped reaching those states would make the property pass without testing anything, so it fails
 * instead.
 */
class ReleaseInvariantsTest {

  /**
   * Gates a canary may still have shut while it has part of the traffic: the promotion sign-offs
   * come before all traffic, and the rehearsal runs only at the last step.
   */
  private static final Set<String> AFTER_TRAFFIC =
      Set.of(GateId.SIGNOFFS_BEFORE_PROMOTION.id(), GateId.ROLLBACK_REHEARSAL.id());

  /**
   * Whenever a decision gives a candidate any traffic, the gates written in that same decision's
   * status stand open for it (for all traffic, the promotion sign-offs too; only the rehearsal, run
   * at the last step, may still be ahead), the story's own record agrees (complete evidence,
   * sign-offs naming exactly that version), and every stable or kept version in the target is one
   * this release approved.
   */
  @Test
  void trafficReachesOnlyACandidateWhoseGatesPass(TestInfo test) {
    Coverage coverage =
        GeneratedCases.of(test, 2500)
            .check(
                ReleaseInvariantsTest::story,
                (story, seen) -> {
                  AtomicBoolean canaryTraffic = new AtomicBoolean();
                  Playback playback =
                      playGated(
                          story,
                          decision ->
                              decision
                                  .traffic()
                                  .filter(t -> t.stable() != null && t.candidateWeight() > 0)
                                  .ifPresent(t -> canaryTraffic.set(true)));
                  seen.count("a canary got traffic", canaryTraffic.get());
                  seen.count(
                      "versions approved", Math.min(playback.walk.promotedVersions().size(), 2));
                });
    coverage.require("a canary got traffic", true, 15);
    coverage.require("versions approved", 0, 5);
    coverage.require("versions approved", 2, 2);
  }

  /**
   * Once the kill switch is set (any value but "false", the empty one too), whatever else happens
   * while it stays set, the settled loop gives no candidate traffic and serves an approved version,
   * or nothing when no version was ever approved.
   */
  @Test
  void theKillSwitchLeavesNoCandidateTrafficAndAnApprovedVersionServing(TestInfo test) {
    Coverage coverage =
        GeneratedCases.of(test, 1500)
            .check(
                KilledStory::generate,
                (story, seen) -> {
                  Playback playback = story.before().play();
                  seen.count("when the switch was set", killedWhen(playback));
                  playback.actAll(
                      story.killed(),
                      action -> {
                        playback.walk.settleWithin(ReleaseStory.SETTLE_LIMIT);
                        assertKilled(playback, action);
                      });
                });
    coverage.require("when the switch was set", "a canary had traffic", 5);
    coverage.require("when the switch was set", "nothing was approved", 5);
    coverage.require("when the switch was set", "an earlier approved version was kept", 1);
  }

  /**
   * With its inputs held still after any action, reconciling again and again reaches a reconcile
   * that changes neither status nor traffic within {@link ReleaseStory#SETTLE_LIMIT} reconciles,
   * and nothing the loop runs throws.
   */
  @Test
  void everyDecisionReturnsAndTheLoopComesToRest(TestInfo test) {
    Coverage coverage =
        GeneratedCases.of(test, 1000)
            .check(
                ReleaseInvariantsTest::story,
                (story, seen) -> {
                  ModelReleaseStatus status =
                      playSettlingAfterEachAction(story).walk.release.getStatus();
                  seen.count("ended in", status == null ? "not reconciled" : status.getPhase());
                });
    coverage.require("ended in", Phase.Progressing, 1);
    coverage.require("ended in", Phase.RolledBack, 1);
  }

  /**
   * The canary history follows the canary, whatever happens to it: at most {@link
   * CanaryHistory#LIMIT} entries, oldest first; only the last may be running, and one is exactly
   * while status has the candidate at a step, that very step; an entry starts no earlier than the
   * one before it ended and ends no earlier than its traffic came in force; within a run the steps
   * rise, one after the other, and only a move to the next step keeps the run. Every packet record
   * of a canary ends with the step that promoted it.
   */
  @Test
  void theCanaryHistoryRecordsEachStepInOrderWithoutOverlap(TestInfo test) {
    Coverage coverage =
        GeneratedCases.of(test, 1000)
            .check(
                ReleaseInvariantsTest::story,
                (story, seen) -> {
                  AtomicInteger runs = new AtomicInteger();
                  Playback playback = story.start();
                  playback.walk.onDecision =
                      decision -> {
                        assertHistory(decision.status());
                        CanaryHistory history = decision.status().getCanaryHistory();
                        if (history != null && !history.steps().isEmpty()) {
                          runs.accumulateAndGet(
                              history.steps().get(history.steps().size() - 1).run(), Math::max);
                        }
                      };
                  playback.actAll(story.actions(), action -> {});
                  playback.settleAtTheEnd();
                  playback.walk.packetRecords.forEach(
                      ReleaseInvariantsTest::assertRecordsItsCanary);
                  seen.count("canary runs", Math.min(runs.get(), 2));
                  seen.count(
                      "a canary was promoted",
                      playback.walk.packetRecords.stream()
                          .anyMatch(r -> r.evaluationBaseline() != null));
                });
    coverage.require("canary runs", 2, 2);
    coverage.require("a canary was promoted", true, 2);
  }

  /**
   * Found by {@link #trafficReachesOnlyACandidateWhoseGatesPass}: at a 100% step, the business
   * owner revokes; the candidate kept all traffic although the promotion sign-offs, required before
   * all traffic, no longer held. {@code CanaryProgress} checked them only when entering the 100%
   * step; afterwards {@code awaitPromotionGates} (and a pending step pause) re-asked for the step's
   * weight.
   */
  @Test
  void aPromotionSignoffRevokedAtFullTrafficTakesTheCandidateOffFullTraffic() {
    playGated(
        new ReleaseStory(
            List.of(plan("1.0.0", null), plan("1.1.0", null)),
            List.of(
                signAll(),
                new Action.Settle(),
                new Action.NextVersion(),
                signAll(),
                new Action.ReconcileOnce(),
                new Action.Revoke("business"),
                new Action.ReconcileOnce())),
        decision -> {});
  }

  /**
   * Found by {@link #everyDecisionReturnsAndTheLoopComesToRest}: the spec reverts to the approved
   * version, now with a metric watched during observation, while a newer candidate waited at its
   * gates. The decision started the observation analysis with no measurement planned (the plan read
   * the old phase), recording the metric with no {@code measuredAt}; the next {@code
   * AnalysisPlan.due} threw a NullPointerException on it, in every reconcile after.
   */
  @Test
  void revertingToTheApprovedVersionWithANewObservationMetricKeepsReconciling() {
    playSettlingAfterEachAction(
        new ReleaseStory(
            List.of(
                plan("1.0.0", null),
                plan("1.1.0", null),
                plan("1.0.0", AnalysisTest.unsafe(0.02, 0, null, null, "observation"))),
            List.of(signAll(), new Action.NextVersion(), new Action.NextVersion())));
  }

  /**
   * Found by {@link #everyDecisionReturnsAndTheLoopComesToRest}: at step 2 of 2, the same version
   * is applied again with a single step. The canary status kept step 2 because the version did not
   * change, and {@code CanaryProgress} read {@code steps.get(step - 1)}: decide threw
   * IndexOutOfBoundsException, in every reconcile after.
   */
  @Test
  void fewerStepsForTheSameVersionMidCanaryKeepsDeciding() {
    playSettlingAfterEachAction(
        new ReleaseStory(
            List.of(
                plan("1.0.0", null),
                new VersionPlan(
                    "1.1.0",
                    List.of(new CanaryStep(1, null), new CanaryStep(100, "30s")),
                    "standard",
                    null),
                plan("1.1.0", null)),
            List.of(
                signAll(),
                new Action.NextVersion(),
                signAll(),
                new Action.Promote(null, Action.Promote.Form.PLAIN),
                new Action.NextVersion())));
  }

  private static ReleaseStory story(Draw draw) {
    return new ReleaseStories(draw).story(24);
  }

  /** A story, then the kill switch set and what happens while it stays set. */
  record KilledStory(ReleaseStory before, List<Action> killed) {
    static KilledStory generate(Draw draw) {
      ReleaseStories stories = new ReleaseStories(draw);
      ReleaseStory before = stories.story(24);
      List<Action> killed = new ArrayList<>();
      killed.add(new Action.KillSwitchOn(stories.killSwitchValue()));
      killed.addAll(stories.actions(false, 8));
      return new KilledStory(before, killed);
    }

    /** The story, then the actions from the kill switch on, numbered afresh. */
    @Override
    public String toString() {
      return before + System.lineSeparator() + "then:" + ReleaseStory.numbered(killed);
    }
  }

  /** Plays a story, checking every decision of it with {@link #assertGated}, then settles. */
  private static Playback playGated(ReleaseStory story, Consumer<Decision> alsoOnDecision) {
    Playback playback = story.start();
    playback.walk.onDecision =
        decision -> {
          assertGated(playback, decision);
          alsoOnDecision.accept(decision);
        };
    playback.actAll(story.actions(), action -> {});
    playback.settleAtTheEnd();
    return playback;
  }

  /** Plays a story, letting the loop come to rest after every action. */
  private static Playback playSettlingAfterEachAction(ReleaseStory story) {
    Playback playback = story.start();
    playback.actAll(
        story.actions(), action -> playback.walk.settleWithin(ReleaseStory.SETTLE_LIMIT));
    return playback;
  }

  private static VersionPlan plan(String version, AnalysisMetric metric) {
    return new VersionPlan(version, List.of(new CanaryStep(100, null)), "standard", metric);
  }

  private static Action signAll() {
    return new Action.Sign(Releases.ALL_ROLES, null, "sam");
  }

  private static void assertGated(Playback playback, Decision decision) {
    if (decision.traffic().isEmpty()) {
      return;
    }
    TrafficTarget target = decision.traffic().get();
    ModelReleaseStatus status = decision.status();
    assertThat(target.candidateWeight()).isBetween(0, 100);
    if (target.candidate() != null && target.candidateWeight() > 0) {
      String candidate = target.candidate().version();
      boolean allTraffic = target.stable() == null || target.candidateWeight() == 100;
      assertThat(candidate)
          .as("the version given traffic is the one the spec asks for")
          .isEqualTo(playback.version());
      assertThat(status.getGates()).as("gates for %s", candidate).isNotEmpty();
      assertThat(
              status.getGates().stream()
                  .filter(g -> !g.satisfied())
                  .filter(g -> allTraffic ? !isRehearsal(g) : !AFTER_TRAFFIC.contains(g.name()))
                  .map(GateStatus::name))
          .as(
              "gates shut while %s gets %d%% (phase %s, %s)",
              candidate, target.candidateWeight(), status.getPhase(), status.getReason())
          .isEmpty();
      assertThat(playback.evidenceComplete())
          .as("%s gets traffic although an artifact is missing", candidate)
          .isTrue();
      assertThat(unsigned(playback, candidate, allTraffic))
          .as("roles that did not sign %s while it gets %d%%", candidate, target.candidateWeight())
          .isEmpty();
    }
    List<String> approved = approved(status);
    for (ModelSpec kept : Arrays.asList(target.stable(), target.previous())) {
      if (kept != null) {
        assertThat(approved).as("status history and stable").contains(kept.version());
        assertThat(playback.walk.promotedVersions())
            .as("versions this walk promoted")
            .contains(kept.version());
      }
    }
  }

  private static void assertHistory(ModelReleaseStatus status) {
    CanaryHistory history = status.getCanaryHistory();
    if (history == null) {
      return;
    }
    List<CanaryStepRecord> steps = history.steps();
    String where = "phase " + status.getPhase() + " (" + status.getReason() + "), history " + steps;
    assertThat(steps).as(where).hasSizeLessThanOrEqualTo(CanaryHistory.LIMIT);
    for (int i = 0; i < steps.size(); i++) {
      CanaryStepRecord step = steps.get(i);
      String entry = "entry " + (i + 1) + ", " + where;
      if (step.endedAt() == null) {
        assertThat(i).as("only the last entry runs: %s", entry).isEqualTo(steps.size() - 1);
      } else {
        assertThat(step.ended()).as("why it ended: %s", entry).isNotNull();
        if (step.inForceAt() != null) {
          assertThat(step.inForceAt()).as(entry).isBeforeOrEqualTo(step.endedAt());
        }
      }
      if (i == 0) {
        continue;
      }
      CanaryStepRecord before = steps.get(i - 1);
      Instant started = step.inForceAt() != null ? step.inForceAt() : step.endedAt();
      if (started != null) {
        assertThat(started)
            .as("starts after the entry before ended: %s", entry)
            .isAfterOrEqualTo(before.endedAt());
      }
      if (step.run() == before.run()) {
        assertThat(before.ended()).as(entry).isEqualTo(CanaryStepRecord.NEXT_STEP);
        assertThat(step.step()).as(entry).isEqualTo(before.step() + 1);
      } else {
        assertThat(step.run()).as(entry).isEqualTo(before.run() + 1);
        assertThat(before.ended()).as(entry).isNotEqualTo(CanaryStepRecord.NEXT_STEP);
      }
    }
    CanaryStatus canary = status.getCanary();
    if (canary != null) {
      assertThat(history.version()).as(where).isEqualTo(canary.version());
    }
    CanaryStepRecord last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    boolean atAStep = canary != null && canary.step() > 0 && status.getPhase() != Phase.Invalid;
    assertThat(last != null && last.endedAt() == null)
        .as("an entry runs while the canary is at step %s: %s", canary, where)
        .isEqualTo(atAStep);
    if (atAStep) {
      assertThat(last.step()).as(where).isEqualTo(canary.step());
      assertThat(last.weight()).as(where).isEqualTo(canary.weight());
      if (canary.stepStartedAt() != null) {
        assertThat(last.inForceAt()).as(where).isEqualTo(canary.stepStartedAt());
      }
    }
  }

  /** A version promoted after a canary keeps its whole history, ending with its promotion. */
  private static void assertRecordsItsCanary(PacketRecord record) {
    CanaryHistory history = record.canaryHistory();
    if (record.evaluationBaseline() == null) {
      assertThat(history).as("a first version has no canary").isNull();
      return;
    }
    assertThat(history.version()).isEqualTo(record.model().version());
    assertThat(history.steps()).as("%s's history", record.model().version()).isNotEmpty();
    assertThat(history.steps()).allSatisfy(s -> assertThat(s.endedAt()).isNotNull());
    CanaryStepRecord last = history.steps().get(history.steps().size() - 1);
    assertThat(last.ended()).isEqualTo(CanaryStepRecord.PROMOTED);
    assertThat(last.endedAt()).isEqualTo(record.promotedAt());
  }

  private static boolean isRehearsal(GateStatus gate) {
    return GateId.ROLLBACK_REHEARSAL.id().equals(gate.name());
  }

  /**
   * The roles the built-in checklist asks to sign before traffic (and, for all traffic, before
   * promotion) whose annotation does not name exactly this version: read from the annotations the
   * story wrote, not from the gates.
   */
  private static List<String> unsigned(Playback playback, String version, boolean allTraffic) {
    ModelReleaseSpec spec = playback.walk.release.getSpec();
    Requirements requirements = ChecklistPolicy.builtIn().requirements(spec);
    List<OwnerRole> roles = new ArrayList<>(requirements.signBeforeTraffic());
    if (allTraffic) {
      roles.addAll(requirements.signBeforePromotion());
    }
    var annotations = playback.walk.release.getMetadata().getAnnotations();
    return roles.stream()
        .map(OwnerRole::value)
        .filter(
            role -> {
              String value = annotations.get(Signoff.ANNOTATION_PREFIX + role);
              return value == null || !value.startsWith("version=" + version + ";");
            })
        .toList();
  }

  private static List<String> approved(ModelReleaseStatus status) {
    List<String> versions =
        new ArrayList<>(status.getHistory().stream().map(ApprovedVersion::version).toList());
    if (status.getStable() != null) {
      versions.add(status.getStable().version());
    }
    return versions;
  }

  /** Where a story stood when the kill switch was set, for the coverage check. */
  private static String killedWhen(Playback playback) {
    if (playback.walk.traffic.candidateWeight() > 0
        && playback.walk.traffic.stableVersion() != null) {
      return "a canary had traffic";
    }
    if (playback.walk.promotedVersions().isEmpty()) {
      return "nothing was approved";
    }
    return playback.walk.traffic.previousVersion() != null
        ? "an earlier approved version was kept"
        : "one version serving";
  }

  private static void assertKilled(Playback playback, Action after) {
    TrafficState inForce = playback.walk.traffic;
    ModelReleaseStatus status = playback.walk.release.getStatus();
    String where =
        "after " + after + ": phase " + status.getPhase() + " (" + status.getReason() + ")";
    assertThat(inForce.candidateWeight())
        .as("candidate weight in force, %s", where)
        .isLessThanOrEqualTo(0);
    assertThat(inForce.effectiveWeight()).as("candidate share in force, %s", where).isZero();
    playback
        .walk
        .last
        .traffic()
        .ifPresent(
            t -> assertThat(t.candidateWeight()).as("candidate weight asked, %s", where).isZero());
    List<String> promoted = playback.walk.promotedVersions();
    if (promoted.isEmpty()) {
      assertThat(inForce.stableVersion())
          .as("nothing was approved, yet something serves, %s", where)
          .isNull();
    } else {
      assertThat(inForce.stableVersion())
          .as("the version serving, %s", where)
          .isNotNull()
          .isIn(promoted)
          .isEqualTo(status.getStable().version());
    }
  }
}
