package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.StatusCondition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which kstatus condition is true for each phase and reason: the contract GitOps tools read. The
 * real-cluster test FluxHealthIT checks what Flux's own health check makes of it.
 */
class KstatusConditionsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
    // The approved version serves what the spec asks.
    "Promoted, Promoted, Ready",
    "Released, Released, Ready",
    // The operator works towards it on its own.
    "Pending, Pending, Reconciling",
    "Progressing, ShiftingTraffic, Reconciling",
    "Progressing, RehearsingRollback, Reconciling",
    "Paused, AnalysisError, Reconciling",
    // Waiting on people: Flux stops waiting and reports the reason instead of timing out.
    "AwaitingGates, AwaitingGates, Stalled",
    "AwaitingGates, ChangeFreeze, Stalled",
    "Paused, AwaitingPromote, Stalled",
    "Paused, AwaitingSignoffs, Stalled",
    "Paused, PauseAnnotation, Stalled",
    // A person must act.
    "RolledBack, KillSwitch, Stalled",
    "Invalid, InvalidSpec, Stalled",
  })
  void exactlyOneConditionIsTrue(Phase phase, String reason, String trueCondition) {
    ModelReleaseStatus status = new ModelReleaseStatus();
    status.setPhase(phase);
    status.setReason(reason);
    status.setMessage("what is happening");
    status.setObservedGeneration(3L);

    List<StatusCondition> conditions =
        KstatusConditions.of(status, new ModelReleaseStatus(), NOW, false);

    assertThat(conditions)
        .filteredOn(c -> c.status().equals("True"))
        .extracting(StatusCondition::type)
        .containsExactly(trueCondition);
    assertThat(conditions)
        .allSatisfy(
            c -> {
              assertThat(c.reason()).isEqualTo(reason);
              assertThat(c.observedGeneration()).isEqualTo(3L);
              assertThat(c.message())
                  .isEqualTo(c.status().equals("True") ? "what is happening" : null);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Promoted", "Progressing", "AwaitingGates"})
  void aRouterThatCannotActStallsWhateverThePhase(Phase phase) {
    ModelReleaseStatus status = new ModelReleaseStatus();
    status.setPhase(phase);
    status.setReason("RouteNotFound");

    assertThat(KstatusConditions.of(status, new ModelReleaseStatus(), NOW, true))
        .filteredOn(c -> c.status().equals("True"))
        .extracting(StatusCondition::type)
        .containsExactly("Stalled");
  }
}
