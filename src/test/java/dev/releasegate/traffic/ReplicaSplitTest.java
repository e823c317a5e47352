package dev.releasegate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicaSplitTest {

  @Test
  void weightsBecomeReplicaCountsOfTheSameTotal() {
    assertThat(ReplicaSplit.of(4, 25, true)).isEqualTo(new ReplicaSplit(3, 1));
    assertThat(ReplicaSplit.of(4, 50, true)).isEqualTo(new ReplicaSplit(2, 2));
    assertThat(ReplicaSplit.of(10, 30, true)).isEqualTo(new ReplicaSplit(7, 3));
  }

  @Test
  void zeroAndFullWeightLeaveOneVersionAlone() {
    assertThat(ReplicaSplit.of(4, 0, true)).isEqualTo(new ReplicaSplit(4, 0));
    assertThat(ReplicaSplit.of(4, 100, true)).isEqualTo(new ReplicaSplit(0, 4));
  }

  @Test
  void aSmallWeightStillGetsOnePodAndReportsItsRealShare() {
    ReplicaSplit split = ReplicaSplit.of(4, 5, true);
    assertThat(split).isEqualTo(new ReplicaSplit(3, 1));
    assertThat(split.effectiveWeight()).isEqualTo(25);
    assertThat(split.describe("1.2.0", "1.3.0")).isEqualTo("3 pods on 1.2.0, 1 on 1.3.0");
    assertThat(new ReplicaSplit(4, 0).describe("1.2.0", null))
        .isEqualTo("4 pods on 1.2.0, no candidate");
    assertThat(new ReplicaSplit(0, 1).describe(null, "1.0.0")).isEqualTo("1 pod on 1.0.0");
  }

  @Test
  void theStableNeverDropsOutBeforePromotion() {
    assertThat(ReplicaSplit.of(4, 95, true)).isEqualTo(new ReplicaSplit(1, 4));
    assertThat(ReplicaSplit.of(1, 25, true)).isEqualTo(new ReplicaSplit(1, 1));
  }

  @Test
  void withoutAStableTheCandidateRunsAllOrNothing() {
    assertThat(ReplicaSplit.of(4, 100, false)).isEqualTo(new ReplicaSplit(0, 4));
    assertThat(ReplicaSplit.of(4, 0, false)).isEqualTo(new ReplicaSplit(0, 0));
  }
}
