package dev.releasegate.traffic.kserve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the KServe router writes into an InferenceService, and how it tells versions apart. */
class PredictorPatchTest {

  private static InferenceService service(String predictor, Map<String, String> annotations) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(
            "{\"apiVersion\":\"serving.kserve.io/v1beta1\",\"kind\":\"InferenceService\","
                + "\"metadata\":{\"name\":\"chat\",\"namespace\":\"ml\",\"generation\":3},"
                + "\"spec\":{\"predictor\":"
                + predictor
                + "}}",
            GenericKubernetesResource.class);
    resource.getMetadata().setAnnotations(annotations);
    return InferenceService.of(resource);
  }

  private static final ModelSpec V2 = new ModelSpec("chat", "2.0.0", "img:2", "s3://chat/2");

  @Test
  void aStorageUriPredictorGetsTheModelUriAndOnlyWhatDiffers() {
    InferenceService service =
        service(
            "{\"canaryTrafficPercent\":10,\"model\":{\"modelFormat\":{\"name\":\"onnx\"},"
                + "\"storageUri\":\"s3://chat/1\"}}",
            Map.of());

    String patch =
        new PredictorPatch(service)
            .model(V2)
            .canary(10)
            .annotation("releasegate.dev/release", "chat")
            .annotation("releasegate.dev/revisions", "{}")
            .toJson();

    assertThat(patch)
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/spec/predictor/model/storageUri\",\"value\":\"s3://chat/2\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"releasegate.dev/release\":\"chat\"}},"
                + "{\"op\":\"add\",\"path\":\"/metadata/annotations/releasegate.dev~1revisions\",\"value\":\"{}\"}]");
  }

  @Test
  void aContainerPredictorGetsTheImageAndPromotionRemovesTheCanaryField() {
    InferenceService service =
        service(
            "{\"canaryTrafficPercent\":100,\"containers\":[{\"name\":\"kserve-container\",\"image\":\"img:1\"}]}",
            Map.of("releasegate.dev/release", "chat"));

    assertThat(new PredictorPatch(service).model(V2).noCanary().toJson())
        .isEqualTo(
            "[{\"op\":\"add\",\"path\":\"/spec/predictor/containers/0/image\",\"value\":\"img:2\"},"
                + "{\"op\":\"remove\",\"path\":\"/spec/predictor/canaryTrafficPercent\"}]");
    assertThat(new PredictorPatch(service).annotation("releasegate.dev/release", "chat").isEmpty())
        .isTrue();
  }

  @Test
  void revisionsRememberTheirVersionsNewestLast() {
    RevisionVersions revisions = RevisionVersions.read(Map.of());
    for (int i = 1; i <= 25; i++) {
      revisions = revisions.learning("chat-predictor-" + i, "1." + i);
    }
    RevisionVersions reread =
        RevisionVersions.read(Map.of(RevisionVersions.ANNOTATION, revisions.toJson()));

    assertThat(reread.versionOf("chat-predictor-25")).contains("1.25");
    assertThat(reread.versionOf("chat-predictor-6")).contains("1.6");
    assertThat(reread.versionOf("chat-predictor-5")).as("only the newest twenty").isEmpty();
    assertThat(RevisionVersions.read(Map.of(RevisionVersions.ANNOTATION, "not json")).toJson())
        .isEqualTo("{}");
  }

  @Test
  void rawDeploymentModeIsRecognisedUnderBothItsNames() {
    assertThat(service("{}", Map.of(InferenceService.DEPLOYMENT_MODE, "Standard")).rawMode())
        .contains("Standard");
    assertThat(service("{}", Map.of(InferenceService.DEPLOYMENT_MODE, "Serverless")).rawMode())
        .isEmpty();
  }
}
