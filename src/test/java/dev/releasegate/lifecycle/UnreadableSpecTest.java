package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.ServingVersion;
import dev.releasegate.api.v1alpha1.TrafficStatus;
import dev.releasegate.gate.ChecklistPolicy;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A release whose spec cannot be read is Invalid, naming the field, and nothing else moves. */
class UnreadableSpecTest {

  private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
  private static final String PROBLEM =
      "spec.canary.steps[2].weight: Cannot deserialize value of type `java.lang.Integer` from"
          + " String \"lots\"";

  private final ReleaseDecider decider = new ReleaseDecider(ChecklistPolicy.builtIn());

  @Test
  void itIsInvalidNamingTheFieldAndItsTrafficIsLeftAsReported() {
    TrafficStatus traffic = new TrafficStatus("replicas", "1.0.0", "1.1.0", 50, true, "2+2");
    ModelRelease release = unreadable(Map.of(), traffic);

    Decision decision = decider.decideUnreadable(release, PROBLEM, NOW);

    ModelReleaseStatus status = decision.status();
    assertThat(status.getPhase()).isEqualTo(Phase.Invalid);
    assertThat(status.getReason()).isEqualTo("InvalidSpec");
    assertThat(status.getMessage())
        .isEqualTo(
            "The spec cannot be read: "
                + PROBLEM
                + ". Traffic is left as it is (1.0.0 approved). Fix the spec to continue.");
    assertThat(status.getTraffic()).isEqualTo(traffic);
    assertThat(status.getStable().version()).isEqualTo("1.0.0");
    assertThat(decision.traffic()).isEmpty();
    assertThat(status.getConditions())
        .anySatisfy(c -> assertThat(c.type() + "=" + c.status()).isEqualTo("Stalled=True"));
    assertThat(decision.events()).extracting(ReleaseEvent::reason).containsExactly("InvalidSpec");
  }

  @Test
  void aKillSwitchItCannotActOnIsSaid() {
    ModelRelease release =
        unreadable(Map.of(ReleaseAnnotations.KILL_SWITCH, "paged by dana"), null);

    String message = decider.decideUnreadable(release, PROBLEM, NOW).status().getMessage();

    assertThat(message).contains("The kill switch cannot be acted on until the spec can be read.");
  }

  private static ModelRelease unreadable(Map<String, String> annotations, TrafficStatus traffic) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName("assistant");
    release.getMetadata().setNamespace("ml");
    release.getMetadata().setAnnotations(annotations);
    ModelReleaseStatus status = new ModelReleaseStatus();
    status.setPhase(Phase.Promoted);
    status.setReason("Promoted");
    status.setStable(new ServingVersion("1.0.0", "assistant:1.0.0", null, NOW.minusSeconds(600)));
    status.setTraffic(traffic);
    release.setStatus(status);
    return release;
  }
}
