package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.api.v1alpha1.ObservationSpec;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.ReleaseAnnotations;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator end to end on the embedded API: what a user sees through kubectl. */
@Integration
class ModelReleaseOperatorTest {
  private OperatorHarness h;

  @BeforeEach
  void start() {
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static ModelReleaseSpec spec(String version, CanaryStep... steps) {
    return Releases.spec(version, List.of(steps));
  }

  /** A release whose first version 1.0.0 is approved and serves on 4 replicas. */
  private void promotedFirstVersion(String name, CanaryStep... steps) {
    h.create(name, spec("1.0.0", steps));
    h.awaitPhase(name, Phase.AwaitingGates);
    h.annotate(name, OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase(name, Phase.Promoted);
  }

  @Test
  void theServiceComesWithTheFirstPods() {
    h.create("waiting", spec("1.0.0", new CanaryStep(100, null)));
    h.awaitPhase("waiting", Phase.AwaitingGates);
    assertThat(h.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("waiting").get())
        .isNull();

    h.annotate("waiting", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("waiting", Phase.Promoted);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () ->
                "4 pods on 1.0.0, no candidate"
                    .equals(h.release("waiting").get().getStatus().getTraffic().detail()));
    assertThat(h.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("waiting").get())
        .isNotNull();
  }

  @Test
  void aReleaseGoesFromGatesThroughEveryCanaryStepToPromotion() {
    promotedFirstVersion(
        "assistant", new CanaryStep(25, "1s"), new CanaryStep(50, "1s"), new CanaryStep(100, null));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 4));
    assertThat(
            h.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("assistant").get())
        .isNotNull();

    h.setSpec(
        "assistant",
        spec(
            "1.1.0",
            new CanaryStep(25, "1s"),
            new CanaryStep(50, "1s"),
            new CanaryStep(100, null)));
    ModelRelease awaiting = h.awaitPhase("assistant", Phase.AwaitingGates);
    assertThat(awaiting.getStatus().getCanary().version()).isEqualTo("1.1.0");
    assertThat(h.replicas("assistant", ObjectNames.CANARY).values()).allMatch(r -> r == 0);

    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.CANARY).equals(Map.of("1.1.0", 1)));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 3));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.CANARY).equals(Map.of("1.1.0", 2)));

    ModelRelease promoted = h.awaitPhase("assistant", Phase.Promoted);
    assertThat(promoted.getStatus().getStable().version()).isEqualTo("1.1.0");
    assertThat(promoted.getStatus().getHistory())
        .extracting(v -> v.version())
        .containsExactly("1.1.0", "1.0.0");
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.STABLE).equals(Map.of("1.1.0", 4)));
    // The version it replaced is kept, without pods, for a rollback during the observation period.
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.PREVIOUS).equals(Map.of("1.0.0", 0)));
    assertThat(promoted.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.type() + "=" + c.status()).isEqualTo("Ready=True"));
    assertThat(promoted.getStatus().getObservedGeneration())
        .isEqualTo(promoted.getMetadata().getGeneration());
  }

  @Test
  void theKillSwitchMidCanaryPutsAllTrafficBackOnTheApprovedVersion() {
    promotedFirstVersion("assistant", new CanaryStep(50, "1h"), new CanaryStep(100, null));
    h.setSpec("assistant", spec("1.1.0", new CanaryStep(50, "1h"), new CanaryStep(100, null)));
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.CANARY).equals(Map.of("1.1.0", 2)));

    h.annotate("assistant", Map.of(ReleaseAnnotations.KILL_SWITCH, "true"));

    ModelRelease rolledBack = h.awaitPhase("assistant", Phase.RolledBack);
    assertThat(rolledBack.getStatus().getReason()).isEqualTo("KillSwitch");
    assertThat(rolledBack.getStatus().getLastRollback().toVersion()).isEqualTo("1.0.0");
    assertThat(h.replicas("assistant", ObjectNames.CANARY)).containsExactly(Map.entry("1.1.0", 0));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.0.0", 4));
    await()
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () ->
                assertThat(events("assistant"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("KillSwitch");
                        }));
  }

  @Test
  void anOperatorRestartedMidCanaryResumesAtTheSameStep() {
    promotedFirstVersion(
        "assistant", new CanaryStep(25, "1h"), new CanaryStep(50, "1h"), new CanaryStep(100, null));
    h.setSpec(
        "assistant",
        spec(
            "1.1.0",
            new CanaryStep(25, "1h"),
            new CanaryStep(50, "1h"),
            new CanaryStep(100, null)));
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
    var stepStarted = h.awaitStepInForce("assistant", 1).stepStartedAt();

    h.stopOperator();
    h.startOperator();
    h.annotate("assistant", Map.of(ReleaseAnnotations.PROMOTE, "1.1.0"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () -> {
              var canary = h.release("assistant").get().getStatus().getCanary();
              return canary.step() == 2 && canary.stepStartedAt() != null;
            });
    assertThat(h.release("assistant").get().getStatus().getCanary().stepStartedAt())
        .isAfterOrEqualTo(stepStarted);
    assertThat(h.replicas("assistant", ObjectNames.CANARY)).containsExactly(Map.entry("1.1.0", 2));
  }

  @Test
  void thePreviousVersionIsKeptForARollbackUntilTheObservationPeriodEnds() {
    promotedFirstVersion("assistant", new CanaryStep(100, null));
    ModelReleaseSpec next =
        Releases.with(
            spec("1.1.0", new CanaryStep(100, null)),
            "observation",
            new ObservationSpec("4s", "0s"));
    h.setSpec("assistant", next);
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));

    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () ->
                "Observing".equals(h.release("assistant").get().getStatus().getReason())
                    && h.release("assistant")
                        .get()
                        .getStatus()
                        .getStable()
                        .version()
                        .equals("1.1.0"));
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.replicas("assistant", ObjectNames.PREVIOUS).equals(Map.of("1.0.0", 0)));
    assertThat(h.replicas("assistant", ObjectNames.STABLE)).containsExactly(Map.entry("1.1.0", 4));

    h.awaitPhase("assistant", Phase.Released);
    await()
        .atMost(OperatorHarness.WAIT)
        .until(() -> h.deployments("assistant", ObjectNames.PREVIOUS).isEmpty());
  }

  @Test
  void anInvalidSpecLeavesTheStableDeploymentUntouched() {
    promotedFirstVersion("assistant", new CanaryStep(50, "1h"), new CanaryStep(100, null));
    Deployment before = h.deployments("assistant", ObjectNames.STABLE).get(0);

    h.setSpec("assistant", spec("1.1.0", new CanaryStep(50, "1h"), new CanaryStep(20, null)));

    ModelRelease invalid = h.awaitPhase("assistant", Phase.Invalid);
    assertThat(invalid.getStatus().getMessage()).contains("spec.canary.steps[1].weight");
    assertThat(invalid.getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.type() + "=" + c.status()).isEqualTo("Stalled=True"));
    Deployment after = h.deployments("assistant", ObjectNames.STABLE).get(0);
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(
            h.client
                .apps()
                .deployments()
                .inNamespace(OperatorHarness.NAMESPACE)
                .withLabel(ObjectNames.RELEASE, "assistant")
                .list()
                .getItems())
        .hasSize(1);
  }

  private List<Event> events(String release) {
    return h.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> release.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
