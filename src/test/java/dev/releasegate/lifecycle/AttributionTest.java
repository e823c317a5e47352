package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Who did what, where the release tells its story: the kill switch's by= in the rollback record,
 * its Event and the canary history; the promote, pause, retry and freeze exception's by= in their
 * Event or message. The values are what people write (or paste) with the admission policy
 * installed.
 */
class AttributionTest {

  private static LifecycleWalk midCanary() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.advance(Duration.ofMinutes(10));
    walk.settle();
    return walk;
  }

  @Test
  void theKillSwitchRecordsWhoPulledItAndWhy() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "reason=p99 latency 4s; by=dana");

    Decision decision = walk.reconcile();

    assertThat(decision.status().getLastRollback().trigger()).isEqualTo("p99 latency 4s");
    assertThat(decision.status().getLastRollback().by()).isEqualTo("dana");
    assertThat(decision.events())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .startsWith(
                        "Kill switch (p99 latency 4s), pulled by dana, rolled back 1.1.0 at "));
    walk.settle();
    assertThat(walk.release.getStatus().getCanaryHistory().steps())
        .last()
        .satisfies(s -> assertThat(s.detail()).isEqualTo("KillSwitch: p99 latency 4s, by dana"));
  }

  @Test
  void theOldFreeTextIsTheReasonAndNamesNoOne() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "error rate=5%, paged");

    Decision decision = walk.reconcile();

    assertThat(decision.status().getLastRollback().trigger()).isEqualTo("error rate=5%, paged");
    assertThat(decision.status().getLastRollback().by()).isNull();
    assertThat(decision.status().getMessage())
        .startsWith("Kill switch (error rate=5%, paged) rolled");
  }

  @Test
  void falseWithByTurnsTheSwitchOffAsThePrintedCommandDoes() {
    LifecycleWalk walk = midCanary();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "by=dana");
    walk.settle();
    assertThat(walk.release.getStatus().getLastRollback().trigger())
        .isEqualTo("set with no reason given");
    String message = walk.release.getStatus().getMessage();
    assertThat(message).contains(Printed.command(ReleaseAnnotations.KILL_SWITCH, "false"));

    walk.annotate(
        ReleaseAnnotations.KILL_SWITCH,
        Printed.value(message, ReleaseAnnotations.KILL_SWITCH, "dana"));
    walk.annotate(
        ReleaseAnnotations.RETRY, Printed.value(message, ReleaseAnnotations.RETRY, "mei"));
    walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Progressing);
    assertThat(walk.events)
        .filteredOn(e -> e.reason().equals("Retry"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo(
                        "Retrying 1.1.0 from its first step, as mei"
                            + " (releasegate.dev/retry=version=1.1.0; by=mei) asks."));
  }

  @Test
  void aSkippedPauseAndAPauseNameWhoAsked() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.annotate(ReleaseAnnotations.PAUSE, "reason=checking a report; by=dana");
    walk.settle();
    String paused = walk.release.getStatus().getMessage();
    assertThat(paused)
        .startsWith(
            "Paused by dana (releasegate.dev/pause=reason=checking a report; by=dana) at Step 1/3")
        .endsWith("to continue: " + Printed.command(ReleaseAnnotations.PAUSE, "false"));

    walk.annotate(
        ReleaseAnnotations.PAUSE, Printed.value(paused, ReleaseAnnotations.PAUSE, "dana"));
    walk.settle();
    assertThat(walk.release.getStatus().getReason()).isEqualTo("StepPause");
    walk.annotate(
        ReleaseAnnotations.PROMOTE,
        Printed.value(walk.release.getStatus().getMessage(), ReleaseAnnotations.PROMOTE, "mei"));
    walk.settle();

    assertThat(walk.events)
        .filteredOn(e -> e.reason().equals("PauseSkipped"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .isEqualTo(
                        "Step 1/3: pause skipped by mei"
                            + " (releasegate.dev/promote=version=1.1.0; step=1; by=mei)."));
  }

  @Test
  void aFreezeExceptionNamesWhoGrantedIt() {
    LifecycleWalk walk =
        new LifecycleWalk(
            Releases.release(
                Releases.with(
                    Releases.spec("1.0.0"), "observation", new ObservationSpec("720h", "168h"))));
    walk.signAll("1.0.0");
    walk.settle();
    walk.apply(
        Releases.with(Releases.spec("1.1.0"), "observation", new ObservationSpec("720h", "168h")));
    walk.signAll("1.1.0");
    walk.settle();
    walk.annotate(
        ReleaseAnnotations.FREEZE_EXCEPTION,
        Printed.value(
            walk.release.getStatus().getMessage(), ReleaseAnnotations.FREEZE_EXCEPTION, "bruno"));

    assertThat(walk.reconcile().status().getGates())
        .filteredOn(g -> g.name().equals(GateId.CHANGE_FREEZE.id()))
        .singleElement()
        .satisfies(
            g ->
                assertThat(g.reason())
                    .isEqualTo(
                        "1.1.0 may be released during the change freeze after 1.0.0's promotion,"
                            + " as bruno (releasegate.dev/freeze-exception=version=1.1.0; by=bruno)"
                            + " grants."));
  }
}
