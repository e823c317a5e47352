package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A release the operator cannot read (a string weight, stored while the CRD's schema allowed it) is
 * reported and left alone; the informer keeps running and the other releases go on. Before, the
 * informer stopped on it and JOSDK stopped the whole operator.
 */
@Integration
class UnreadableReleaseTest {

  private static final String CRD = "crds/modelreleases.releasegate.dev-v1.yml";

  private final OperatorHarness h = new OperatorHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void anUnreadableReleaseIsReportedAndTheOthersGoOn() {
    h.promoted("good", Releases.spec("1.0.0", steps()));

    writeUnreadable("bad");

    ModelRelease bad = h.awaitPhase("bad", Phase.Invalid);
    assertThat(bad.getStatus().getReason()).isEqualTo("InvalidSpec");
    assertThat(bad.getStatus().getMessage())
        .startsWith("The spec cannot be read: spec.canary.steps[0].weight: ")
        .contains("\"lots\"");
    assertThat(h.deployments("bad", "stable")).isEmpty();
    assertThat(h.operator().live()).isTrue();

    h.signedCandidate("good", Releases.spec("1.1.0", steps()));
    assertThat(h.awaitStepInForce("good", 1).version()).isEqualTo("1.1.0");
  }

  @Test
  void anOperatorStartingBesideAnUnreadableReleaseStartsAndActs() {
    h.promoted("good", Releases.spec("1.0.0", steps()));
    h.stopOperator();
    writeUnreadable("bad");

    h.startOperator();

    h.awaitPhase("bad", Phase.Invalid);
    h.signedCandidate("good", Releases.spec("1.1.0", steps()));
    assertThat(h.awaitStepInForce("good", 1).version()).isEqualTo("1.1.0");
  }

  private static List<CanaryStep> steps() {
    return List.of(new CanaryStep(50, "1h"), new CanaryStep(100, null));
  }

  /**
   * Stores a release with a string weight the way it happens on a cluster: the CRD's schema is
   * loosened (weight: int or string), the release written, the schema put back.
   */
  private void writeUnreadable(String name) {
    CustomResourceDefinition crd =
        h.client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("modelreleases.releasegate.dev")
            .get();
    JSONSchemaProps weight =
        crd.getSpec()
            .getVersions()
            .get(0)
            .getSchema()
            .getOpenAPIV3Schema()
            .getProperties()
            .get("spec")
            .getProperties()
            .get("canary")
            .getProperties()
            .get("steps")
            .getItems()
            .getSchema()
            .getProperties()
            .get("weight");
    weight.setType(null);
    weight.setMinimum(null);
    weight.setMaximum(null);
    weight.setXKubernetesIntOrString(true);
    h.client.resource(crd).update();

    GenericKubernetesResource release =
        Serialization.jsonMapper()
            .convertValue(
                h.client.resource(newRelease(name)).item(), GenericKubernetesResource.class);
    Map<String, Object> spec = (Map<String, Object>) release.getAdditionalProperties().get("spec");
    Map<String, Object> canary = (Map<String, Object>) spec.get("canary");
    ((List<Map<String, Object>>) canary.get("steps")).get(0).put("weight", "lots");
    h.client.resource(release).create();

    h.api.installCrd(CRD);
  }

  private static ModelRelease newRelease(String name) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName(name);
    release.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
    release.setSpec(Releases.spec("2.0.0", steps()));
    return release;
  }
}
