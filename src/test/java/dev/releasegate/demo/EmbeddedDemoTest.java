package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, in process: the examples come up and the story plays them. */
class EmbeddedDemoTest {

  @Test
  void theDemoAppliesTheExamplesAndPrintsAKubeconfigThatReachesThem(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    try (EmbeddedDemo demo =
            EmbeddedDemo.start(
                new EmbeddedDemo.Options(0, dir, Path.of("examples"), Duration.ZERO, true),
                out,
                false);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(demo.kubeconfig())))
                .build()) {

      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .contains("kubeconfig: " + demo.kubeconfig());
      var releases = client.resources(ModelRelease.class).inNamespace("default");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> phase(releases.withName("support-summarizer").get()) == Phase.Promoted);
      assertThat(phase(releases.withName("claims-agent").get())).isEqualTo(Phase.AwaitingGates);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  buffer
                      .toString(StandardCharsets.UTF_8)
                      .contains("default/support-summarizer Promoted stable=2026.11.1"));
    }
  }

  private static Phase phase(ModelRelease release) {
    return release == null || release.getStatus() == null ? null : release.getStatus().getPhase();
  }
}
