package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The GATES column counts one set of gates through a version's whole life. */
class GateSetTest {

  private static ModelReleaseSpec spec(String version) {
    return Releases.with(
        Releases.with(Releases.spec(version), "riskTier", "high"),
        "observation",
        new ObservationSpec("720h", "168h"));
  }

  @Test
  void eachVersionKeepsOneSetOfGatesFromItsFirstReconcileToAfterItsPromotion() {
    LifecycleWalk walk = new LifecycleWalk(Releases.release(spec("1.0.0")));
    Map<String, Set<Set<String>>> setsByVersion = new TreeMap<>();
    walk.onDecision =
        decision -> {
          if (decision.status().getGates() != null
              && decision.status().getPhase() != Phase.Invalid) {
            setsByVersion
                .computeIfAbsent(
                    walk.release.getSpec().model().version(), v -> new java.util.HashSet<>())
                .add(
                    decision.status().getGates().stream()
                        .map(GateStatus::name)
                        .collect(Collectors.toCollection(TreeSet::new)));
          }
        };
    walk.signAll("1.0.0");
    walk.settle();
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);

    walk.apply(spec("1.1.0"));
    walk.settle();
    assertThat(walk.release.getStatus().getMessage()).contains("waits for the change freeze");
    walk.annotate(ReleaseAnnotations.FREEZE_EXCEPTION, "1.1.0");
    walk.signAll("1.1.0");
    for (int i = 0; i < 12 && walk.phase() != Phase.Promoted; i++) {
      walk.advance(Duration.ofMinutes(30));
      walk.settle();
    }
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);
    walk.advance(Duration.ofHours(1));
    walk.settle();

    assertThat(setsByVersion.get("1.0.0")).as("1.0.0's gates").hasSize(1);
    assertThat(setsByVersion.get("1.1.0")).as("1.1.0's gates").hasSize(1);
    assertThat(setsByVersion.get("1.1.0").iterator().next())
        .contains("model", "canary-plan", GateId.CHANGE_FREEZE.id(), "rollback-rehearsal");
  }

  /** A release whose first version, under this test's spec, is signed and serving. */
  private static LifecycleWalk promoted(String version) {
    LifecycleWalk walk = new LifecycleWalk(Releases.release(spec(version)));
    walk.signAll(version);
    walk.settle();
    return walk;
  }

  @Test
  void theChangeFreezeIsAGateFromTheFirstReconcileNamingTheException() {
    LifecycleWalk walk = promoted("1.0.0");

    walk.apply(spec("1.1.0"));
    Decision first = walk.reconcile();

    assertThat(first.status().getGates())
        .filteredOn(g -> g.name().equals(GateId.CHANGE_FREEZE.id()))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.satisfied()).isFalse();
              assertThat(g.reason())
                  .contains("1.1.0 waits for the change freeze after 1.0.0's promotion")
                  .contains(Printed.command(ReleaseAnnotations.FREEZE_EXCEPTION, "version=1.1.0"));
            });
    assertThat(first.status().getMessage()).contains("waits for the change freeze");
  }

  @Test
  void aGitRevertToTheApprovedVersionShowsTheGatesItWasApprovedWith() {
    LifecycleWalk walk = promoted("1.0.0");
    walk.apply(spec("1.1.0"));
    walk.annotate(ReleaseAnnotations.FREEZE_EXCEPTION, "1.1.0");
    walk.signAll("1.1.0");
    walk.settle();
    for (int i = 0; i < 12 && walk.phase() != Phase.Promoted; i++) {
      walk.advance(Duration.ofMinutes(30));
      walk.settle();
    }
    assertThat(walk.release.getStatus().getStable().version()).isEqualTo("1.1.0");
    String approvedWith = walk.release.getStatus().getGateSummary();
    assertThat(approvedWith).matches("(\\d+)/\\1");

    // 1.2.0 arrives and is signed by everyone (overwriting their 1.1.0 sign-offs); mid-canary,
    // git reverts to 1.1.0.
    walk.apply(spec("1.2.0"));
    walk.annotate(ReleaseAnnotations.FREEZE_EXCEPTION, "1.2.0");
    walk.signAll("1.2.0");
    walk.settle();
    assertThat(walk.canary().step()).isEqualTo(1);
    walk.apply(spec("1.1.0"));
    walk.settle();

    assertThat(walk.phase()).as(walk.release.getStatus().getMessage()).isEqualTo(Phase.Promoted);
    assertThat(walk.release.getStatus().getGateSummary())
        .as(
            "1.1.0 was approved; its gates: %s",
            walk.release.getStatus().getGates().stream()
                .filter(g -> !g.satisfied())
                .map(g -> g.name() + ": " + g.reason())
                .toList())
        .isEqualTo(approvedWith);
  }
}
