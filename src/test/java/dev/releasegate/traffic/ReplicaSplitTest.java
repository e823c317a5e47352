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
    assertThat(split.describe()).isEqualTo("1 of 4 pods");
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
