package dev.releasegate.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/**
 * A release whose spec or status this operator cannot read is still read, marked with why, instead
 * of failing the read (which stops the informer, and JOSDK with it).
 */
class ModelReleaseReaderTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static String release(String weight, String phase) {
    return """
        {"apiVersion": "releasegate.dev/v1alpha1", "kind": "ModelRelease",
         "metadata": {"name": "claims-agent", "namespace": "ml", "resourceVersion": "7",
                      "annotations": {"releasegate.dev/pause": "true"}},
         "spec": {"systemType": "AgenticSystem",
                  "model": {"name": "claims-agent", "version": "1.2.0", "image": "c:1.2.0"},
                  "canary": {"steps": [{"weight": 25}, {"weight": 50}, {"weight": %s}]}},
         "status": {"phase": %s, "message": "waiting"}}
        """
        .formatted(weight, phase);
  }

  @Test
  void aReadableReleaseIsReadWhole() {
    ModelRelease read = SERIALIZATION.unmarshal(release("100", "\"Promoted\""), ModelRelease.class);

    assertThat(read.getSpec().canary().steps()).extracting(CanaryStep::weight).contains(100);
    assertThat(read.getStatus().getPhase()).isEqualTo(Phase.Promoted);
    assertThat(read.unreadableSpec()).isEmpty();
    assertThat(read.unreadableStatus()).isEmpty();
    assertThat(read.getMetadata().getAnnotations()).containsOnlyKeys("releasegate.dev/pause");
    assertThat(read.getApiVersion()).isEqualTo("releasegate.dev/v1alpha1");
    assertThat(read.getKind()).isEqualTo("ModelRelease");
  }

  @Test
  void anUnreadableSpecIsLeftOutAndNamed() {
    ModelRelease read =
        SERIALIZATION.unmarshal(release("\"lots\"", "\"Promoted\""), ModelRelease.class);

    assertThat(read.getSpec()).isNull();
    assertThat(read.unreadableSpec())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .startsWith("spec.canary.steps[2].weight: Cannot deserialize value of type")
                    .contains("from String \"lots\""));
    assertThat(read.getStatus().getMessage()).isEqualTo("waiting");
    assertThat(read.getMetadata().getName()).isEqualTo("claims-agent");
    assertThat(read.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(read.getMetadata().getAnnotations()).containsKey("releasegate.dev/pause");
  }

  @Test
  void anUnreadableStatusIsLeftOutAndNamed() {
    ModelRelease read =
        SERIALIZATION.unmarshal(release("100", "\"Celebrating\""), ModelRelease.class);

    assertThat(read.getStatus()).isNull();
    assertThat(read.getSpec()).isNotNull();
    assertThat(read.unreadableStatus())
        .hasValueSatisfying(p -> assertThat(p).startsWith("status.phase: "));
  }

  @Test
  void theMarkSurvivesTheCopyJosdkHandsTheReconciler() {
    ModelRelease read =
        SERIALIZATION.unmarshal(release("\"lots\"", "\"Promoted\""), ModelRelease.class);

    ModelRelease copy = SERIALIZATION.clone(read);

    assertThat(copy.unreadableSpec()).isEqualTo(read.unreadableSpec());
    assertThat(copy.getSpec()).isNull();
  }
}
