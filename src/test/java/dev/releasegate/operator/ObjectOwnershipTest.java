package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release never adopts, changes or scales an object it did not create for itself, and the names
 * it derives never make two releases or two versions share one.
 */
@Integration
class ObjectOwnershipTest {
  private static final List<CanaryStep> FULL = List.of(new CanaryStep(100, null));
  private OperatorHarness h;

  @BeforeEach
  void start() {
    h = new OperatorHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void releasesAndVersionsWhoseNamesJoinAlikeEachGetTheirOwnDeployment() {
    h.promoted("a-b", Releases.spec("c", FULL));
    h.promoted("a", Releases.spec("b-c", FULL));

    assertThat(h.replicas("a-b", ObjectNames.STABLE)).isEqualTo(Map.of("c", 4));
    assertThat(h.replicas("a", ObjectNames.STABLE)).isEqualTo(Map.of("b-c", 4));
    assertThat(h.deployments("a", ObjectNames.STABLE).get(0).getSpec().getTemplate())
        .satisfies(
            t ->
                assertThat(t.getMetadata().getLabels())
                    .containsEntry("releasegate.dev/version", "b-c"));
  }

  @Test
  void twoVersionsThatReadAlikeAsADnsLabelNeverShareADeployment() {
    h.promoted("scorer", Releases.spec("1.0.0", FULL));
    h.signedCandidate(
        "scorer",
        Releases.spec("1-0-0", List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null))));
    h.awaitStepInForce("scorer", 1);

    assertThat(h.replicas("scorer", ObjectNames.STABLE)).isEqualTo(Map.of("1.0.0", 2));
    assertThat(h.replicas("scorer", ObjectNames.CANARY)).isEqualTo(Map.of("1-0-0", 2));
    assertThat(h.deployments("scorer", ObjectNames.STABLE))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as("the approved version keeps its image")
                    .endsWith(":1.0.0"));
    assertThat(h.deployments("scorer", ObjectNames.CANARY))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .endsWith(":1-0-0"));
  }

  @Test
  void aHandMadeServiceOfTheReleasesNameIsNeverTakenOver() {
    h.client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("claims")
                .withNamespace(OperatorHarness.NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app", "legacy-claims"))
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();

    h.create("claims", Releases.spec("1.0.0", FULL));
    h.annotate("claims", OperatorHarness.signoffs("1.0.0"));

    ModelRelease held = awaitReason("claims", Reason.ObjectNotOwned.name());
    assertThat(held.getStatus().getMessage())
        .contains("Service claims in namespace " + OperatorHarness.NAMESPACE)
        .contains("was not created by releasegate for this release")
        .contains("kubectl delete service claims -n " + OperatorHarness.NAMESPACE);
    assertThat(h.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("claims").get())
        .satisfies(
            s -> assertThat(s.getSpec().getSelector()).isEqualTo(Map.of("app", "legacy-claims")))
        .satisfies(s -> assertThat(s.getMetadata().getOwnerReferences()).isNullOrEmpty());
    assertThat(
            h.client.apps().deployments().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
        .as("no pod starts before the release has its Service")
        .isEmpty();

    // An object without releasegate's label brings no event when it goes: the release looks again
    // every minute, or at its next change, as here.
    h.client.services().inNamespace(OperatorHarness.NAMESPACE).withName("claims").delete();
    h.annotate("claims", Map.of("example.com/touched", "yes"));
    h.awaitPhase("claims", Phase.Promoted);
  }

  @Test
  void aDeploymentLeftByAnEarlierReleaseOfTheSameNameIsNeitherAdoptedNorScaled() {
    String earlier = UUID.randomUUID().toString();
    Deployment leftOver = leftOver("scorer", "1.0.0", earlier);

    h.create("scorer", Releases.spec("1.0.0", FULL));
    h.annotate("scorer", OperatorHarness.signoffs("1.0.0"));

    ModelRelease held = awaitReason("scorer", Reason.ObjectNotOwned.name());
    assertThat(held.getStatus().getMessage())
        .contains("Deployment " + leftOver.getMetadata().getName())
        .contains("belongs to an earlier ModelRelease scorer (uid " + earlier + ")")
        .contains(
            "kubectl delete deployment "
                + leftOver.getMetadata().getName()
                + " -n "
                + OperatorHarness.NAMESPACE);
    Deployment after =
        h.client
            .apps()
            .deployments()
            .inNamespace(OperatorHarness.NAMESPACE)
            .withName(leftOver.getMetadata().getName())
            .get();
    assertThat(after.getSpec().getReplicas()).isEqualTo(3);
    assertThat(after.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(earlier));

    // What the garbage collector does for a deleted owner: then the release goes on.
    h.client.resource(after).delete();
    h.awaitPhase("scorer", Phase.Promoted);
    assertThat(h.replicas("scorer", ObjectNames.STABLE)).isEqualTo(Map.of("1.0.0", 4));
  }

  /** The Deployment an earlier ModelRelease of this name made for a version, as it left it. */
  private Deployment leftOver(String release, String version, String earlierUid) {
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(ObjectNames.deployment(release, version))
            .withNamespace(OperatorHarness.NAMESPACE)
            .addToLabels(ObjectNames.MANAGED_BY, ObjectNames.MANAGER)
            .addToLabels(ObjectNames.RELEASE, release)
            .addToLabels(ObjectNames.VERSION, version)
            .addToLabels(ObjectNames.TRACK, ObjectNames.STABLE)
            .addNewOwnerReference()
            .withApiVersion("releasegate.dev/v1alpha1")
            .withKind("ModelRelease")
            .withName(release)
            .withUid(earlierUid)
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewSelector()
            .addToMatchLabels(ObjectNames.RELEASE, release)
            .addToMatchLabels(ObjectNames.VERSION, version)
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels(ObjectNames.RELEASE, release)
            .addToLabels(ObjectNames.VERSION, version)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("model-server")
            .withImage("registry.example/old:1.0.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return h.client.resource(deployment).create();
  }

  private ModelRelease awaitReason(String name, String reason) {
    await()
        .atMost(OperatorHarness.WAIT)
        .until(
            () -> {
              ModelRelease r = h.release(name).get();
              return r.getStatus() != null && reason.equals(r.getStatus().getReason());
            });
    return h.release(name).get();
  }
}
