package dev.releasegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate identities: status names each gate by its id, and only two wait past first traffic. */
class GateIdTest {

  @Test
  void eachGateHasOneLowerCaseNameThatReadsBack() {
    for (GateId gate : GateId.values()) {
      assertThat(gate.id()).matches("[a-z]+(-[a-z]+)*");
      assertThat(GateId.of(gate.id())).contains(gate);
      assertThat(gate.meaning()).isNotBlank().endsWith(".");
    }
    assertThat(GateId.of("signoffs-later")).isEmpty();
  }

  @Test
  void onlyTheLaterSignoffsAndTheRehearsalMayWaitUntilTheCandidateHasTraffic() {
    assertThat(List.of(GateId.values()))
        .filteredOn(GateId::afterTraffic)
        .containsExactlyInAnyOrder(GateId.SIGNOFFS_BEFORE_PROMOTION, GateId.ROLLBACK_REHEARSAL);
    assertThat(List.of(GateId.values()))
        .filteredOn(GateId::isSignoff)
        .containsExactlyInAnyOrder(
            GateId.SIGNOFFS_BEFORE_TRAFFIC, GateId.SIGNOFFS_BEFORE_PROMOTION);
    GateStatus unknown = new GateStatus("someone-elses", false, "?", List.of(), List.of());
    assertThat(unknown.afterTraffic()).as("an unknown gate holds traffic back").isFalse();
  }
}
