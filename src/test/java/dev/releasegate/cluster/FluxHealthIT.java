package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a Flux Kustomization with {@code wait: true} reports for a release, by Flux's own health
 * check on the real control plane: it must neither time out nor report success while the release
 * waits on people, report success once the approved version serves, and wait while traffic moves.
 */
@ExtendWith(OperatorNeverRefused.class)
class FluxHealthIT {
  private static final String NAME = "assistant";

  /** Long enough that a wait ending before it ended because of what the release said. */
  private static final Duration KUSTOMIZATION_TIMEOUT = Duration.ofMinutes(2);

  private final Installation installation = Installation.shared();
  private final FluxHealth flux = new FluxHealth(installation.plane.kubeconfig(ControlPlane.ADMIN));

  @Test
  void waitingOnPeopleFailsEarlyWithTheReasonAndTheServingVersionIsReady() {
    Team team = new Team(installation, "flux-health");
    team.create(NAME, Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    team.awaitPhase(NAME, Phase.AwaitingGates);

    FluxHealth.Verdict awaitingSignoffs =
        flux.modelRelease(team.namespace, NAME, KUSTOMIZATION_TIMEOUT);
    assertThat(awaitingSignoffs.failedEarly()).as(awaitingSignoffs.output()).isTrue();
    assertThat(awaitingSignoffs.output())
        .as("Flux names the release; its status.message says what it waits for")
        .contains("ModelRelease/" + team.namespace + "/" + NAME + " status: 'Failed'");

    team.signAll(NAME, "1.0.0");
    team.awaitPhase(NAME, Phase.Promoted);
    FluxHealth.Verdict promoted = flux.modelRelease(team.namespace, NAME, KUSTOMIZATION_TIMEOUT);
    assertThat(promoted.ready()).as(promoted.output()).isTrue();

    // A step that holds until someone promotes it: waiting on a person again.
    team.signedCandidate(
        NAME, Releases.spec("1.1.0", List.of(new CanaryStep(25, null), new CanaryStep(100, null))));
    team.awaitPhase(NAME, Phase.Paused);
    FluxHealth.Verdict awaitingPromote =
        flux.modelRelease(team.namespace, NAME, KUSTOMIZATION_TIMEOUT);
    assertThat(awaitingPromote.failedEarly()).as(awaitingPromote.output()).isTrue();
  }

  @Test
  void aCanaryCountingDownItsPauseIsInProgress() {
    Team team = new Team(installation, "flux-health-canary");
    team.promoted(NAME, Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    team.signedCandidate(
        NAME, Releases.spec("1.1.0", List.of(new CanaryStep(25, "1h"), new CanaryStep(100, null))));
    team.awaitPhase(NAME, Phase.Progressing);

    // The operator moves on by itself when the pause ends: Flux waits, and a Kustomization whose
    // timeout is shorter than the canary reports a timeout (the docs say to allow for it).
    FluxHealth.Verdict progressing = flux.modelRelease(team.namespace, NAME, Duration.ofSeconds(5));
    assertThat(progressing.timedOut()).as(progressing.output()).isTrue();
    assertThat(progressing.output())
        .contains("ModelRelease/" + team.namespace + "/" + NAME + " status: 'InProgress'");
  }
}
