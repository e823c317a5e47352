package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.gate.Signoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a release's audit trail keeps of its life: each act once, with who did it, whatever the
 * Events a cluster has since expired.
 */
class AuditActsTest {

  @Test
  void aReleasesLifeIsKeptActByActWithWhoDidIt() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.audit.clear();

    walk.signAll("1.1.0");
    walk.settle();
    walk.annotate(ReleaseAnnotations.PAUSE, "reason=checking a report; by=dana");
    walk.settle();
    walk.annotate(ReleaseAnnotations.PAUSE, "false; by=dana");
    walk.settle();
    walk.annotate(ReleaseAnnotations.PROMOTE, "version=1.1.0; step=1; by=mei");
    walk.settle();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "reason=p99 latency 4s; by=dana");
    walk.settle();
    walk.annotate(ReleaseAnnotations.KILL_SWITCH, "false; by=dana");
    walk.annotate(ReleaseAnnotations.RETRY, "version=1.1.0; by=mei");
    walk.settle();

    assertThat(walk.audit)
        .extracting(AuditEntry::act, AuditEntry::version, AuditEntry::by)
        .containsExactly(
            tuple("Signed", "1.1.0", "business-owner"),
            tuple("Signed", "1.1.0", "mlops-owner"),
            tuple("Signed", "1.1.0", "privacy-owner"),
            tuple("Signed", "1.1.0", "product-owner"),
            tuple("Signed", "1.1.0", "security-owner"),
            tuple("Signed", "1.1.0", "support-owner"),
            tuple("Paused", "1.1.0", "dana"),
            tuple("Resumed", "1.1.0", "dana"),
            tuple("PauseSkipped", "1.1.0", "mei"),
            tuple("KillSwitch", "1.1.0", "dana"),
            tuple("Retry", "1.1.0", "mei"));
    assertThat(walk.audit)
        .filteredOn(a -> a.act().equals("KillSwitch"))
        .singleElement()
        .satisfies(a -> assertThat(a.detail()).contains("p99 latency 4s"));
  }

  @Test
  void aPromotionIsKeptWithNoOneBehindIt() {
    LifecycleWalk walk = LifecycleWalk.atFirstStep("1.0.0", "1.1.0");
    walk.audit.clear();
    for (int step = 0; step < 5 && walk.phase() != Phase.Promoted; step++) {
      walk.advance(Duration.ofMinutes(10));
      walk.settle();
    }
    assertThat(walk.phase()).isEqualTo(Phase.Promoted);

    assertThat(walk.audit)
        .filteredOn(a -> a.act().equals("Promoted"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.version()).isEqualTo("1.1.0");
              assertThat(a.by()).isNull();
              assertThat(a.detail()).contains("packet record is ConfigMap");
            });
  }

  @Test
  void aWithdrawnSignoffIsKeptAndOneOverwrittenByANewVersionIsOnlyTheNewSignoff() {
    LifecycleWalk walk = LifecycleWalk.promotedThenNewVersion("1.0.0", "1.1.0");
    walk.signAll("1.1.0");
    walk.settle();
    walk.audit.clear();

    walk.remove(Signoff.ANNOTATION_PREFIX + "privacy");
    walk.newVersion("1.2.0");
    walk.sign("1.2.0", java.util.List.of("product"));
    walk.settle();

    assertThat(walk.audit)
        .filteredOn(a -> a.act().equals("Signed") || a.act().equals("Withdrawn"))
        .satisfiesExactly(
            signed ->
                assertThat(signed.detail())
                    .as("bound, when first seen, to the digest in force")
                    .matches(
                        "product signed off 1\\.2\\.0 at packet digest sha256:[0-9a-f]{12}\\."),
            withdrawn ->
                assertThat(withdrawn.detail())
                    .isEqualTo("The privacy sign-off of 1.1.0 by privacy-owner was withdrawn."));
  }
}
