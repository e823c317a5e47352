package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.releasegate.analysis.Measurement;
import dev.releasegate.api.v1alpha1.CanaryHistory;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.CanaryStepRecord;
import dev.releasegate.api.v1alpha1.MetricSummary;
import dev.releasegate.api.v1alpha1.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What actually happened in a canary, as status keeps it while it runs and the packet record keeps
 * it at promotion: the plan says how long each step should hold, the history how long it did and
 * why it moved on.
 */
class CanaryHistoryTest {

  @Test
  void pausesSkippedWithPromoteRecordEachStepsTimesAndWhoAsked() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    Instant start = walk.now;

    walk.advance(Duration.ofMinutes(1));
    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=1; by=sam");
    walk.settle();
    walk.advance(Duration.ofMinutes(1));
    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=2");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    PacketRecord record = lastRecord(walk);
    assertThat(record.canaryPlan().steps()).extracting(CanaryStep::pause).contains("10m", "30m");
    assertThat(record.canaryHistory().version()).isEqualTo("1.1.0");
    assertThat(record.canaryHistory().steps())
        .extracting(
            CanaryStepRecord::step,
            CanaryStepRecord::weight,
            CanaryStepRecord::pause,
            CanaryStepRecord::inForceAt,
            CanaryStepRecord::endedAt,
            CanaryStepRecord::ended,
            CanaryStepRecord::movedOn,
            CanaryStepRecord::by)
        .containsExactly(
            tuple(
                1,
                25,
                "10m",
                start,
                start.plus(Duration.ofMinutes(1)),
                "NextStep",
                "PauseSkipped",
                "sam"),
            tuple(
                2,
                50,
                "30m",
                start.plus(Duration.ofMinutes(1)),
                start.plus(Duration.ofMinutes(2)),
                "NextStep",
                "PauseSkipped",
                CanaryStepRecord.BY_NOT_KNOWN),
            tuple(
                3,
                100,
                null,
                start.plus(Duration.ofMinutes(2)),
                start.plus(Duration.ofMinutes(2)),
                "Promoted",
                "NoPause",
                null));
    assertThat(record.canaryHistory().steps())
        .extracting(CanaryStepRecord::request)
        .containsExactly("version=1.1.0; step=1; by=sam", "version=1.1.0; step=2", null);
    assertThat(walk.release.getStatus().getCanaryHistory())
        .as("status keeps what the record says until another version's canary starts")
        .isEqualTo(record.canaryHistory());
  }

  @Test
  void aPromoteWrittenBeforeTheStepIsInForceSkipsAPauseThatNeverRan() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; by=sam");
    walk.signAll("1.1.0");

    walk.settle();

    // The request names no step, so it skips the first step's pause the moment it is in force.
    CanaryStepRecord first = history(walk).get(0);
    assertThat(first.inForceAt()).isEqualTo(walk.now).isEqualTo(first.endedAt());
    assertThat(first.movedOn()).isEqualTo("PauseSkipped");
    assertThat(first.by()).isEqualTo("sam");
    assertThat(walk.canary().step()).isEqualTo(2);
  }

  @Test
  void aPauseThatElapsedSaysSoAndTheRunningStepHasNoEnd() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    Instant start = walk.now;

    walk.advance(Duration.ofMinutes(10));
    walk.settle();

    assertThat(history(walk))
        .extracting(
            CanaryStepRecord::run,
            CanaryStepRecord::step,
            CanaryStepRecord::inForceAt,
            CanaryStepRecord::endedAt,
            CanaryStepRecord::ended,
            CanaryStepRecord::movedOn,
            CanaryStepRecord::request,
            CanaryStepRecord::by)
        .containsExactly(
            tuple(1, 1, start, walk.now, "NextStep", "PauseElapsed", null, null),
            tuple(1, 2, walk.now, null, null, null, null, null));
    assertThat(history(walk).get(1).effectiveWeight()).isEqualTo(50);
  }

  @Test
  void aStepWithoutAPauseRecordsThePromoteItWaitedFor() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(
        Releases.spec("1.1.0", List.of(new CanaryStep(10, null), new CanaryStep(100, null))));
    walk.signAll("1.1.0");
    walk.settle();
    Instant start = walk.now;

    walk.advance(Duration.ofDays(2));
    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; by=oncall");
    walk.settle();

    assertThat(lastRecord(walk).canaryHistory().steps())
        .extracting(
            CanaryStepRecord::inForceAt,
            CanaryStepRecord::endedAt,
            CanaryStepRecord::ended,
            CanaryStepRecord::movedOn,
            CanaryStepRecord::by)
        .containsExactly(
            tuple(start, walk.now, "NextStep", "PromoteRequested", "oncall"),
            tuple(walk.now, walk.now, "Promoted", "NoPause", null));
  }

  @Test
  void eachStepSummarisesTheMeasurementsTakenWhileItsTrafficWasInForce() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.apply(AnalysisTest.withAnalysis("1.1.0", AnalysisTest.unsafe(0.02, 1, null, null, null)));
    // The share the candidate served when each measurement was taken: 25% is step 1, 50% step 2.
    List<Integer> servedAtEachMeasurement = new ArrayList<>();
    walk.metrics =
        query -> {
          int served = walk.traffic.effectiveWeight();
          servedAtEachMeasurement.add(served);
          // Step 1 reads 0.01 but once 0.03, within the failure limit; step 2 reads 0.018.
          double value = served == 50 ? 0.018 : servedAtEachMeasurement.size() == 4 ? 0.03 : 0.01;
          return Measurement.value(query, value);
        };
    walk.signAll("1.1.0");
    walk.settle();
    for (int minute = 0; minute < 25 && walk.phase() != Phase.Promoted; minute++) {
      walk.advance(Duration.ofMinutes(1));
      walk.settle();
    }

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    List<CanaryStepRecord> steps = lastRecord(walk).canaryHistory().steps();
    assertThat(steps).extracting(CanaryStepRecord::step).containsExactly(1, 2, 3);
    MetricSummary first = steps.get(0).analysis().get(0);
    assertThat(first.name()).isEqualTo("unsafe-output-rate");
    assertThat(first.threshold()).isEqualTo("<= 0.02");
    assertThat(first.worstValue()).isEqualTo(0.03);
    assertThat(first.breaches()).isEqualTo(1);
    assertThat((long) first.measurements())
        .isGreaterThan(5)
        .isEqualTo(servedAtEachMeasurement.stream().filter(w -> w == 25).count());
    MetricSummary second = steps.get(1).analysis().get(0);
    assertThat(second.worstValue()).isEqualTo(0.018);
    assertThat(second.breaches()).isZero();
    assertThat((long) second.measurements())
        .isGreaterThan(5)
        .isEqualTo(servedAtEachMeasurement.stream().filter(w -> w == 50).count());
    // The breach was long before the end of the pause, and healthy readings followed it.
    assertThat(steps.get(0).movedOn()).isEqualTo("PauseElapsed");
  }

  @Test
  void aStepThatWaitedForHealthyMeasurementsAfterItsPauseMovedOnBecauseTheAnalysisPassed() {
    double[] reading = {0.01};
    LifecycleWalk walk =
        AnalysisTest.canaryWith(
            query -> Measurement.value(query, reading[0]),
            AnalysisTest.unsafe(0.02, 5, null, null, null));
    walk.advance(Duration.ofMinutes(9));
    walk.settle();
    reading[0] = 0.03;
    walk.advance(Duration.ofMinutes(1));
    walk.settle();
    assertThat(walk.release.getStatus().getReason()).isEqualTo("AwaitingAnalysis");

    reading[0] = 0.01;
    walk.advance(Duration.ofMinutes(1));
    walk.settle();

    assertThat(walk.canary().step()).isEqualTo(2);
    CanaryStepRecord first = history(walk).get(0);
    assertThat(first.movedOn()).isEqualTo("AnalysisPassed");
    assertThat(first.endedAt()).isEqualTo(first.inForceAt().plus(Duration.ofMinutes(11)));
    assertThat(first.analysis())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.breaches()).isEqualTo(1);
              assertThat(m.worstValue()).isEqualTo(0.03);
            });
  }

  @Test
  void anEditedPlanEndsTheStepAndGoesOnInANewRun() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    Instant replannedAt = walk.now.plus(Duration.ofMinutes(5));
    walk.advance(Duration.ofMinutes(5));

    List<CanaryStep> plan =
        List.of(new CanaryStep(25, "10m"), new CanaryStep(40, "20m"), new CanaryStep(100, null));
    walk.apply(Releases.spec("1.1.0", plan));
    walk.signAll("1.1.0");
    walk.settle();
    walk.advance(Duration.ofMinutes(20));
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    PacketRecord record = lastRecord(walk);
    assertThat(record.canaryPlan().steps()).isEqualTo(plan);
    assertThat(record.canaryHistory().steps())
        .extracting(
            CanaryStepRecord::run,
            CanaryStepRecord::step,
            CanaryStepRecord::weight,
            CanaryStepRecord::pause,
            CanaryStepRecord::ended)
        .containsExactly(
            tuple(1, 1, 25, "10m", "NextStep"),
            tuple(1, 2, 50, "30m", "Replanned"),
            tuple(2, 2, 40, "20m", "NextStep"),
            tuple(2, 3, 100, null, "Promoted"));
    assertThat(record.canaryHistory().steps().get(1).endedAt()).isEqualTo(replannedAt);
    assertThat(record.canaryHistory().steps().get(2).inForceAt()).isEqualTo(replannedAt);
  }

  @Test
  void aRollbackEndsTheRunAndARetryStartsASecondOneBothInTheRecord() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    Instant start = walk.now;
    walk.advance(Duration.ofMinutes(5));
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "latency spike");
    walk.settle();
    walk.remove(ReleaseAnnotations.KILL_SWITCH);
    walk.advance(Duration.ofMinutes(5));
    walk.annotate(ReleaseAnnotations.RETRY, "1.1.0");
    walk.settle();

    assertThat(history(walk))
        .extracting(
            CanaryStepRecord::run,
            CanaryStepRecord::step,
            CanaryStepRecord::inForceAt,
            CanaryStepRecord::endedAt,
            CanaryStepRecord::ended)
        .containsExactly(
            tuple(1, 1, start, start.plus(Duration.ofMinutes(5)), "RolledBack"),
            tuple(2, 1, walk.now, null, null));
    assertThat(history(walk).get(0).detail()).isEqualTo("KillSwitch: latency spike");

    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    walk.advance(Duration.ofMinutes(30));
    walk.settle();
    assertThat(lastRecord(walk).canaryHistory().steps())
        .extracting(CanaryStepRecord::run, CanaryStepRecord::step, CanaryStepRecord::ended)
        .containsExactly(
            tuple(1, 1, "RolledBack"),
            tuple(2, 1, "NextStep"),
            tuple(2, 2, "NextStep"),
            tuple(2, 3, "Promoted"));
  }

  @Test
  void aLongKillSwitchReasonIsCutInTheHistoryAndInTheRollback() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    String reason = "paged: " + "latency ".repeat(100);

    walk.annotate(ReleaseAnnotations.KILL_SWITCH, reason);
    walk.settle();

    // An annotation may hold up to 256 KiB; status quotes what a person wrote only so far.
    assertThat(walk.release.getStatus().getLastRollback().trigger())
        .hasSize(StepRecords.DETAIL_LIMIT)
        .startsWith("paged: latency");
    assertThat(history(walk).get(0).detail())
        .hasSize(StepRecords.DETAIL_LIMIT)
        .startsWith("KillSwitch: paged: latency")
        .endsWith("…");
  }

  @Test
  void anInvalidSpecInterruptsTheStepAndTheFixStartsItAgain() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(3));
    walk.apply(Releases.spec("1.1.0", List.of(new CanaryStep(50, "1m"), new CanaryStep(20, null))));
    walk.settle();
    Instant interrupted = walk.now;
    walk.advance(Duration.ofMinutes(2));
    walk.apply(Releases.spec("1.1.0"));
    walk.settle();

    assertThat(history(walk))
        .extracting(
            CanaryStepRecord::run,
            CanaryStepRecord::step,
            CanaryStepRecord::endedAt,
            CanaryStepRecord::ended,
            CanaryStepRecord::detail)
        .containsExactly(
            tuple(1, 1, interrupted, "Interrupted", "InvalidSpec"), tuple(2, 1, null, null, null));
    assertThat(history(walk).get(1).inForceAt()).isEqualTo(walk.now);
  }

  @Test
  void aSignoffWithdrawnMidCanaryInterruptsTheStep() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(3));

    walk.remove("signoff.releasegate.dev/security");
    walk.settle();

    assertThat(history(walk))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.ended()).isEqualTo("Interrupted");
              assertThat(s.detail()).isEqualTo("AwaitingGates");
              assertThat(s.endedAt()).isEqualTo(walk.now);
            });
  }

  @Test
  void aSpecRevertedToTheApprovedVersionWithdrawsTheRunningStep() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(4));

    walk.newVersion("1.0.0");
    walk.settle();

    assertThat(walk.canary()).isNull();
    assertThat(walk.release.getStatus().getCanaryHistory().version()).isEqualTo("1.1.0");
    assertThat(history(walk))
        .extracting(CanaryStepRecord::endedAt, CanaryStepRecord::ended)
        .containsExactly(tuple(walk.now, "Withdrawn"));
  }

  @Test
  void theNextVersionsCanaryStartsAFreshHistory() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    walk.advance(Duration.ofMinutes(30));
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getCanaryHistory().version()).isEqualTo("1.1.0");

    walk.newVersion("1.2.0");
    walk.settle();
    assertThat(walk.release.getStatus().getCanaryHistory()).isEqualTo(CanaryHistory.start("1.2.0"));

    walk.signAll("1.2.0");
    walk.settle();
    assertThat(history(walk))
        .extracting(CanaryStepRecord::run, CanaryStepRecord::step, CanaryStepRecord::endedAt)
        .containsExactly(tuple(1, 1, null));
  }

  @Test
  void aFirstVersionRollsOutWithoutACanaryAndRecordsNoHistory() {
    LifecycleWalk walk = LifecycleWalk.of("1.0.0");
    walk.signAll("1.0.0");
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(lastRecord(walk).canaryHistory()).isNull();
    assertThat(walk.release.getStatus().getCanaryHistory()).isNull();
  }

  @Test
  void theHistoryKeepsItsNewestEntriesAndCountsThoseDropped() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    int rollbacks = CanaryHistory.LIMIT + 5;
    for (int attempt = 1; attempt <= rollbacks; attempt++) {
      walk.advance(Duration.ofMinutes(1));
      walk.annotate(ReleaseAnnotations.KILL_SWITCH, "true");
      walk.settle();
      walk.remove(ReleaseAnnotations.KILL_SWITCH);
      walk.annotate(ReleaseAnnotations.RETRY, "version=1.1.0; attempt=" + attempt);
      walk.settle();
    }

    CanaryHistory history = walk.release.getStatus().getCanaryHistory();
    // One entry per run: each rolled back at step 1, and the last one running.
    int entries = rollbacks + 1;
    assertThat(history.steps()).hasSize(CanaryHistory.LIMIT);
    assertThat(history.dropped()).isEqualTo(entries - CanaryHistory.LIMIT);
    assertThat(history.steps().get(0).run()).isEqualTo(entries - CanaryHistory.LIMIT + 1);
    assertThat(history.steps().get(CanaryHistory.LIMIT - 1))
        .satisfies(
            s -> {
              assertThat(s.run()).isEqualTo(entries);
              assertThat(s.endedAt()).isNull();
            });
  }

  private static List<CanaryStepRecord> history(LifecycleWalk walk) {
    return walk.release.getStatus().getCanaryHistory().steps();
  }

  private static PacketRecord lastRecord(LifecycleWalk walk) {
    return walk.packetRecords.get(walk.packetRecords.size() - 1);
  }
}
