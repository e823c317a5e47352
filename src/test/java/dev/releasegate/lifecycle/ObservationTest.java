package dev.releasegate.lifecycle;

import static dev.releasegate.lifecycle.AnalysisTest.always;
import static dev.releasegate.lifecycle.AnalysisTest.unsafe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.AnalysisSpec;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.PrometheusProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 30 days after promotion, and the change freeze of the first week. */
class ObservationTest {

  private static ModelReleaseSpec observed(String version, String period, String freeze) {
    ModelReleaseSpec spec = Releases.spec(version, List.of(new CanaryStep(100, null)));
    spec =
        Releases.with(
            spec,
            "analysis",
            new AnalysisSpec(
                "1h",
                new PrometheusProvider("http://prometheus:9090"),
                List.of(unsafe(0.02, 0, null, null, "observation"))));
    return Releases.with(spec, "observation", new ObservationSpec(period, freeze));
  }

  /** 1.0.0 then 1.1.0 approved; 1.1.0 is under observation. */
  private static LifecycleWalk observing(String period) {
    LifecycleWalk walk = new LifecycleWalk(Releases.release(observed("1.0.0", period, "0s")));
    walk.metrics = always(0.0);
    walk.signAll("1.0.0");
    walk.settle();
    walk.apply(observed("1.1.0", period, "0s"));
    walk.signAll("1.1.0");
    walk.settle();
    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");
    return walk;
  }

  @Test
  void afterPromotionTheApprovedVersionIsObservedAndThePreviousKeptForARollback() {
    LifecycleWalk walk = observing("720h");

    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getReason()).isEqualTo("Observing");
    assertThat(walk.release.getStatus().getAnalysis().during()).isEqualTo("observation");
    assertThat(walk.release.getStatus().getAnalysis().version()).isEqualTo("1.1.0");
    // Its first measurement comes at the release's own point within the interval (1h), so
    // releases promoted together do not all query at once.
    assertThat(walk.measured).noneMatch(q -> q.window().equals("observation"));
    assertThat(walk.last.requeueAfter())
        .get()
        .satisfies(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofHours(1)));
    TrafficTarget target = walk.last.traffic().orElseThrow();
    assertThat(target.previous().version()).isEqualTo("1.0.0");
    assertThat(target.previousReplicas()).isEqualTo(1);
    assertThat(walk.release.getStatus().getMessage())
        .contains("observed until", "1.0.0 is kept for a rollback, with 1 pod ready");

    walk.advance(walk.last.requeueAfter().orElseThrow());
    walk.settle();
    assertThat(walk.measured)
        .last()
        .satisfies(q -> assertThat(q.window()).isEqualTo("observation"))
        .satisfies(q -> assertThat(q.query()).contains("track=\"stable\""));
  }

  @Test
  void aBreachDuringObservationReturnsToThePreviousApprovedVersion() {
    LifecycleWalk walk = observing("720h");
    walk.metrics = always(0.5);
    walk.advance(Duration.ofHours(1));

    Decision decision = walk.reconcile();

    assertThat(decision.status().getPhase()).isEqualTo(Phase.RolledBack);
    assertThat(decision.status().getReason()).isEqualTo("ObservationBreach");
    assertThat(decision.status().getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.traffic().orElseThrow().stable().version()).isEqualTo("1.0.0");
    assertThat(decision.traffic().orElseThrow().candidate().version()).isEqualTo("1.1.0");
    assertThat(decision.status().getHistory().get(0).rolledBackAt()).isEqualTo(walk.now);
  }

  @Test
  void whenThePeriodEndsTheReleaseIsReleasedAndThePreviousVersionGoesAway() {
    LifecycleWalk walk = observing("48h");
    walk.advance(Duration.ofHours(48));

    Decision decision = walk.settle();

    assertThat(walk.phase()).isEqualTo(Phase.Released);
    assertThat(decision.traffic().orElseThrow().previous()).isNull();
    assertThat(walk.eventReasons()).contains("Released");
    int measuredBefore = walk.measured.size();
    walk.advance(Duration.ofHours(5));
    walk.settle();
    assertThat(walk.measured).as("no more observation analysis").hasSize(measuredBefore);
  }

  /** 1.0.0 just approved with a week's freeze; 1.1.0 applied and signed. */
  private static LifecycleWalk frozenNewVersion() {
    LifecycleWalk walk = new LifecycleWalk(Releases.release(observed("1.0.0", "720h", "168h")));
    walk.metrics = always(0.0);
    walk.signAll("1.0.0");
    walk.settle();
    walk.apply(observed("1.1.0", "720h", "168h"));
    walk.signAll("1.1.0");
    walk.settle();
    return walk;
  }

  @Test
  void aNewVersionWaitsForTheFreezeUnlessAnExceptionNamesIt() {
    LifecycleWalk walk = frozenNewVersion();
    Decision decision = walk.last;
    assertThat(walk.phase()).isEqualTo(Phase.AwaitingGates);
    assertThat(decision.status().getReason()).isEqualTo("ChangeFreeze");
    assertThat(decision.status().getMessage())
        .contains(Printed.command(ReleaseAnnotations.FREEZE_EXCEPTION, "version=1.1.0"));
    assertThat(decision.traffic().orElseThrow().candidateWeight()).isZero();
    assertThat(decision.requeueAfter()).contains(Duration.ofHours(168));

    walk.annotate(ReleaseAnnotations.FREEZE_EXCEPTION, "1.0.9");
    walk.settle();
    assertThat(walk.release.getStatus().getReason())
        .as("an exception for another version")
        .isEqualTo("ChangeFreeze");

    walk.annotate(ReleaseAnnotations.FREEZE_EXCEPTION, "version=1.1.0; by=bruno");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
  }

  @Test
  void theFreezeEndsByItself() {
    LifecycleWalk walk = frozenNewVersion();

    walk.advance(Duration.ofHours(168));
    walk.settle();

    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");
  }
}
