package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The commands status prints, pasted into the real kubectl from a kubeconfig whose namespace is not
 * the release's: each does what the message says, at every step and for every version.
 */
@ExtendWith(OperatorNeverRefused.class)
class PrintedCommandsIT {
  private static final String NAME = "assistant";
  private final Installation installation = Installation.shared();

  @Test
  void promoteAtEveryStepThenClearTheKillSwitchAndRetry() {
    Team team = new Team(installation, "printed");
    team.promoted(NAME, Releases.hourlySteps("1.0.0"));
    team.signedCandidate(NAME, Releases.hourlySteps("1.1.0"));

    for (int step = 1; step <= 2; step++) {
      String message = awaitReason(team, "StepPause", step);
      paste(message, ReleaseAnnotations.PROMOTE);
    }
    team.awaitPhase(NAME, Phase.Promoted);

    team.signedCandidate(NAME, Releases.hourlySteps("1.2.0"));
    awaitReason(team, "StepPause", 1);
    team.annotateAs("dana", NAME, Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=paged; by=dana"));
    String rolledBack = team.awaitPhase(NAME, Phase.RolledBack).getStatus().getMessage();

    paste(rolledBack, ReleaseAnnotations.KILL_SWITCH);
    assertThat(
            team.release(NAME)
                .get()
                .getMetadata()
                .getAnnotations()
                .get(ReleaseAnnotations.KILL_SWITCH))
        .as("turned off, saying who did")
        .isEqualTo("false; by=" + ControlPlane.ADMIN);
    paste(
        team.awaitPhase(NAME, Phase.RolledBack).getStatus().getMessage(), ReleaseAnnotations.RETRY);
    assertThat(awaitReason(team, "StepPause", 1)).contains("1.2.0");
  }

  @Test
  void grantAFreezeExceptionThenLiftAPauseAsPrinted() {
    Team team = new Team(installation, "printed-freeze");
    ModelReleaseSpec frozen =
        Releases.with(
            Releases.hourlySteps("1.0.0"), "observation", new ObservationSpec("720h", "168h"));
    team.promoted(NAME, frozen);
    team.signedCandidate(
        NAME,
        Releases.with(
            Releases.hourlySteps("1.1.0"), "observation", new ObservationSpec("720h", "168h")));

    String freeze = team.awaitPhase(NAME, Phase.AwaitingGates).getStatus().getMessage();
    assertThat(freeze).contains("waits for the change freeze");
    paste(freeze, ReleaseAnnotations.FREEZE_EXCEPTION);
    awaitReason(team, "StepPause", 1);

    team.annotateAs("dana", NAME, Map.of(ReleaseAnnotations.PAUSE, "by=dana"));
    String paused = awaitReason(team, "PauseAnnotation", 1);
    paste(paused, ReleaseAnnotations.PAUSE);
    assertThat(awaitReason(team, "StepPause", 1)).contains("1.1.0");
  }

  private String awaitReason(Team team, String reason, int step) {
    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease r = team.release(NAME).get();
              assertThat(r.getStatus().getReason())
                  .as("%s: %s", r.getStatus().getReason(), r.getStatus().getMessage())
                  .isEqualTo(reason);
              assertThat(r.getStatus().getCanary().step()).isEqualTo(step);
            });
    return team.release(NAME).get().getStatus().getMessage();
  }

  /** The command for {@code key} in the message, pasted into bash by the admin. */
  private void paste(String message, String key) {
    installation.admin.paste(Pasted.command(message, key)).assertSuccess();
  }
}
