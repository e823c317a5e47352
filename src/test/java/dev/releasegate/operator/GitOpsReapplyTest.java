package dev.releasegate.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.CanaryStep;
import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.embedded.Kubectl;
import dev.releasegate.lifecycle.Releases;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitOps tool syncs the same manifest again and again (kubectl apply, as Argo CD does by
 * default). The operator never writes the spec, so a sync finds nothing to change and a canary in
 * flight goes on where it is.
 */
@Integration
class GitOpsReapplyTest {
  private static final List<CanaryStep> STEPS =
      List.of(new CanaryStep(25, "1h"), new CanaryStep(50, "1h"), new CanaryStep(100, null));

  private final OperatorHarness h = new OperatorHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  /** The manifest as it sits in git: spec and labels, no status, no sign-offs. */
  private static String manifest(String version, Map<String, String> annotations) {
    ModelRelease release = new ModelRelease();
    release.getMetadata().setName("assistant");
    release.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
    release.getMetadata().setLabels(Map.of("app.kubernetes.io/part-of", "assistant"));
    release.getMetadata().setAnnotations(annotations);
    release.setSpec(Releases.spec(version, STEPS));
    return Serialization.asYaml(release);
  }

  @Test
  void reapplyingTheSameManifestMidCanaryDoesNotRestartIt(@TempDir Path dir) {
    Kubectl.assertInstalled();
    Kubectl kubectl = new Kubectl(h.api.writeKubeconfig(dir.resolve("kubeconfig")), dir);
    Path v1 = kubectl.file("v1.yaml", manifest("1.0.0", Map.of()));
    kubectl.run("apply", "--validate=false", "-f", v1.toString()).assertSuccess();
    h.annotate("assistant", OperatorHarness.signoffs("1.0.0"));
    h.awaitPhase("assistant", Phase.Promoted);
    Path v2 = kubectl.file("v2.yaml", manifest("1.1.0", Map.of()));
    kubectl.run("apply", "--validate=false", "-f", v2.toString()).assertSuccess();
    h.annotate("assistant", OperatorHarness.signoffs("1.1.0"));
    h.awaitStepInForce("assistant", 1);
    ModelRelease before = h.release("assistant").get();
    long eventsBefore = events();

    kubectl.run("apply", "--validate=false", "-f", v2.toString()).assertSuccess();
    // Argo CD's sync also stamps its tracking annotation: an annotation change the operator sees.
    Path tracked =
        kubectl.file(
            "v2-tracked.yaml",
            manifest(
                "1.1.0",
                Map.of(
                    "argocd.argoproj.io/tracking-id",
                    "assistant:releasegate.dev/ModelRelease:ml/assistant")));
    kubectl.run("apply", "--validate=false", "-f", tracked.toString()).assertSuccess();

    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(OperatorHarness.WAIT)
        .untilAsserted(
            () -> {
              ModelRelease after = h.release("assistant").get();
              assertThat(after.getMetadata().getAnnotations())
                  .containsKey("argocd.argoproj.io/tracking-id")
                  .containsAllEntriesOf(OperatorHarness.signoffs("1.1.0"));
              assertThat(after.getMetadata().getGeneration())
                  .isEqualTo(before.getMetadata().getGeneration());
              assertThat(after.getSpec()).isEqualTo(before.getSpec());
              assertThat(after.getStatus().getCanary()).isEqualTo(before.getStatus().getCanary());
              assertThat(after.getStatus().getPhase()).isEqualTo(Phase.Progressing);
              assertThat(events()).as("no CanaryRestarted, no step again").isEqualTo(eventsBefore);
            });
  }

  private long events() {
    return h.client.v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
        .filter(e -> "assistant".equals(e.getInvolvedObject().getName()))
        .count();
  }
}
