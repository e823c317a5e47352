package dev.releasegate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.ObjectNames;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.lifecycle.Releases;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class ServingObjectsTest {

  private static ModelRelease withTemplate() {
    ModelReleaseSpec s = Releases.spec("1.1.0");
    var template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .addToLabels("team", "ml")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("server")
            .withImage("placeholder")
            .addNewEnv()
            .withName("MODEL_NAME")
            .withValue("stale")
            .endEnv()
            .addNewEnv()
            .withName("MODEL_MAX_TOKENS")
            .withValue("512")
            .endEnv()
            .addNewPort()
            .withName("grpc")
            .withContainerPort(9000)
            .endPort()
            .endContainer()
            .addNewContainer()
            .withName("sidecar")
            .withImage("proxy:1")
            .endContainer()
            .endSpec()
            .build();
    return Releases.release(Releases.with(s, "template", template));
  }

  @Test
  void theFirstContainerServesTheVersionAndKeepsTheTeamsSettings() {
    ModelRelease release = withTemplate();
    Deployment deployment =
        ServingObjects.render(release, release.getSpec().model(), ObjectNames.CANARY, 2);

    Container server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(server.getImage()).isEqualTo("registry.example.com/assistant:1.1.0");
    assertThat(server.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("MODEL_NAME", "assistant"),
            org.assertj.core.groups.Tuple.tuple("MODEL_VERSION", "1.1.0"),
            org.assertj.core.groups.Tuple.tuple("MODEL_URI", "s3://models/assistant/1.1.0"),
            org.assertj.core.groups.Tuple.tuple("MODEL_MAX_TOKENS", "512"));
    assertThat(server.getEnv()).filteredOn(e -> e.getName().equals("MODEL_NAME")).hasSize(1);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(1).getImage())
        .isEqualTo("proxy:1");
    assertThat(release.getSpec().template().getSpec().getContainers().get(0).getImage())
        .as("the spec is never modified")
        .isEqualTo("placeholder");
  }

  @Test
  void podsCarryReleaseAndVersionButNotTheTrackSoPromotionDoesNotRestartThem() {
    ModelRelease release = withTemplate();
    Deployment deployment =
        ServingObjects.render(release, release.getSpec().model(), ObjectNames.CANARY, 2);

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry(ObjectNames.TRACK, "canary")
        .containsEntry(ObjectNames.MANAGED_BY, "releasegate");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("team", "ml")
        .containsEntry(ObjectNames.RELEASE, "assistant")
        .containsEntry(ObjectNames.VERSION, "1.1.0")
        .doesNotContainKey(ObjectNames.TRACK);
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsOnlyKeys(ObjectNames.RELEASE, ObjectNames.VERSION);
    assertThat(deployment.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getController()).isTrue());

    Deployment promoted = ServingObjects.rescale(release, deployment, ObjectNames.STABLE, 4);
    assertThat(promoted.getSpec().getTemplate()).isEqualTo(deployment.getSpec().getTemplate());
    assertThat(promoted.getMetadata().getLabels()).containsEntry(ObjectNames.TRACK, "stable");
  }

  @Test
  void theServiceSelectsEveryVersionOfTheReleaseOnTheServingPorts() {
    var service = ServingObjects.service(withTemplate());
    assertThat(service.getSpec().getSelector()).containsOnlyKeys(ObjectNames.RELEASE);
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("grpc");
              assertThat(p.getPort()).isEqualTo(9000);
            });
    assertThat(ServingObjects.service(Releases.release("1.0.0")).getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
  }
}
