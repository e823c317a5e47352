package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lifecycle end to end on the real control plane: Deployments rolled out by the real Deployment
 * controller, pods scheduled by the real scheduler and made Ready by KWOK, the Service's endpoints
 * from the real EndpointSlice controller, owned objects removed by the real garbage collector, and
 * every call of the operator authorised by RBAC as the chart grants it.
 */
@ExtendWith(OperatorNeverRefused.class)
class LifecycleIT {
  private static final String NAME = "assistant";
  private final Installation installation = Installation.shared();

  /** A release whose steps pause long enough for a test to see each one in force. */
  private static ModelReleaseSpec spec(String version) {
    return spec(version, "5s");
  }

  private static ModelReleaseSpec spec(String version, String pause) {
    return Releases.spec(
        version,
        List.of(new CanaryStep(25, pause), new CanaryStep(50, pause), new CanaryStep(100, null)));
  }

  @Test
  void aFirstVersionIsPromotedWithItsPodsReadyBehindTheService() {
    Team team = new Team(installation, "first-version");
    team.create(NAME, spec("1.0.0"));
    team.awaitPhase(NAME, Phase.AwaitingGates);
    assertThat(team.deployments(NAME)).as("no pods before the sign-offs").isEmpty();

    team.signAll(NAME, "1.0.0");
    ModelRelease promoted = team.awaitPhase(NAME, Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.0.0");
    team.awaitReadyPods(NAME, Map.of("1.0.0", 4));

    // The Service selects exactly those pods: the EndpointSlice controller lists four ready ones.
    await()
        .atMost(Team.WAIT)
        .until(
            () ->
                team
                        .admin()
                        .discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(team.namespace)
                        .withLabel("kubernetes.io/service-name", ObjectNames.service(NAME))
                        .list()
                        .getItems()
                        .stream()
                        .mapToLong(LifecycleIT::readyEndpoints)
                        .sum()
                    == 4);
  }

  @Test
  void aNewVersionGoesThroughEveryStepAndTheKillSwitchTakesTheNextOneBack() {
    Team team = new Team(installation, "canary");
    team.promoted(NAME, spec("1.0.0"));

    team.signedCandidate(NAME, spec("1.1.0"));
    // 25% of 4 pods, then 50%, then all of them; each step waits for its pods to be Ready.
    team.awaitReadyPods(NAME, Map.of("1.0.0", 3, "1.1.0", 1));
    team.awaitReadyPods(NAME, Map.of("1.0.0", 2, "1.1.0", 2));
    ModelRelease promoted = team.awaitPhase(NAME, Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
    team.awaitReadyPods(NAME, Map.of("1.1.0", 4));

    team.signedCandidate(NAME, spec("1.2.0", "1h"));
    team.awaitReadyPods(NAME, Map.of("1.1.0", 3, "1.2.0", 1));
    team.annotateAs(
        "dana", NAME, Map.of(ReleaseAnnotations.KILL_SWITCH, "reason=p99 latency 4s; by=dana"));
    ModelRelease rolledBack = team.awaitPhase(NAME, Phase.RolledBack);
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("KillSwitch");
    team.awaitReadyPods(NAME, Map.of("1.1.0", 4));
  }

  @Test
  void aStepThatRoundsToTheSamePodsAsTheLastIsInForceAtOnce() {
    Team team = new Team(installation, "same-split");
    team.promoted(NAME, Releases.spec("1.0.0", List.of(new CanaryStep(100, null))));
    // On 4 pods 25% and 30% are both one pod: entering step 2 changes no pod, so the Deployment
    // controller writes no status and no event follows the operator's own write.
    team.signedCandidate(
        NAME,
        Releases.spec(
            "1.1.0",
            List.of(
                new CanaryStep(25, "1s"), new CanaryStep(30, "1h"), new CanaryStep(100, null))));

    await()
        .atMost(Team.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease r = team.release(NAME).get();
              CanaryStatus canary = r.getStatus().getCanary();
              assertThat(canary != null && canary.step() == 2 && canary.stepStartedAt() != null)
                  .as(
                      "step 2 in force; %s: %s",
                      r.getStatus().getReason(), r.getStatus().getMessage())
                  .isTrue();
            });
    assertThat(team.readyPods(NAME)).isEqualTo(Map.of("1.0.0", 3, "1.1.0", 1));
  }

  @Test
  void deletingAReleaseLetsTheGarbageCollectorRemoveWhatItOwnedAndKeepsThePacketRecord() {
    Team team = new Team(installation, "deletion");
    team.promoted(NAME, spec("1.0.0"));
    team.awaitReadyPods(NAME, Map.of("1.0.0", 4));
    String record = ObjectNames.packetRecord(NAME, "1.0.0");
    await()
        .atMost(Team.WAIT)
        .until(
            () -> team.admin().configMaps().inNamespace(team.namespace).withName(record).get(),
            r -> r != null);

    team.release(NAME).delete();
    await()
        .atMost(Team.WAIT)
        .until(
            () ->
                team.deployments(NAME).isEmpty()
                    && team.readyPods(NAME).isEmpty()
                    && team.admin()
                            .services()
                            .inNamespace(team.namespace)
                            .withName(ObjectNames.service(NAME))
                            .get()
                        == null);
    ConfigMap kept = team.admin().configMaps().inNamespace(team.namespace).withName(record).get();
    assertThat(kept).as("the packet record outlives the release").isNotNull();
  }

  private static long readyEndpoints(EndpointSlice slice) {
    return slice.getEndpoints() == null
        ? 0
        : slice.getEndpoints().stream()
            .filter(
                e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
            .count();
  }
}
