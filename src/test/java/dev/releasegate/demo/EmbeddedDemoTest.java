package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.api.v1alpha1.ModelRelease;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.operator.OperatorSettings;
import dev.releasegate.testing.Integration;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, in process: the examples come up and the story plays them. */
@Integration
class EmbeddedDemoTest {

  @Test
  void theDemoAppliesTheExamplesAndPrintsAKubeconfigThatReachesThem(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    try (EmbeddedDemo demo =
            EmbeddedDemo.start(
                new EmbeddedDemo.Options(
                    0,
                    dir,
                    Path.of("examples"),
                    Duration.ZERO,
                    true,
                    OperatorSettings.defaults()
                        .withEndpoints(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))),
                out,
                false);
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(demo.kubeconfig())))
                .build()) {

      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .contains("kubeconfig: " + demo.kubeconfig());
      Matcher metrics =
          Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+/metrics)")
              .matcher(buffer.toString(StandardCharsets.UTF_8));
      assertThat(metrics.find()).as("the demo prints where its metrics are").isTrue();
      assertThat(
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(URI.create(metrics.group(1))).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body())
          .contains("releasegate_leader");
      assertThat(buffer.toString(StandardCharsets.UTF_8))
          .as("the demo prints the Prometheus it serves at the examples' address")
          .contains("prometheus: http://prometheus.monitoring.svc:9090 (simulated, at http://");
      var releases = client.resources(ModelRelease.class).inNamespace("default");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> phase(releases.withName("support-summarizer").get()) == Phase.Promoted);
      assertThat(phase(releases.withName("claims-agent").get())).isEqualTo(Phase.AwaitingGates);
      // The example is applied as written, and its observation measures the simulated Prometheus
      // at the address it names: values, not errors.
      ModelRelease summarizer = releases.withName("support-summarizer").get();
      assertThat(summarizer.getSpec().analysis().prometheus().address())
          .isEqualTo("http://prometheus.monitoring.svc:9090");
      await()
          .atMost(Duration.ofSeconds(45))
          .untilAsserted(
              () ->
                  assertThat(
                          releases.withName("support-summarizer").get().getStatus().getAnalysis())
                      .satisfies(
                          analysis ->
                              assertThat(analysis.metrics())
                                  .isNotEmpty()
                                  .allSatisfy(
                                      m ->
                                          assertThat(m.lastResult())
                                              .as("%s: %s", m.name(), m.lastError())
                                              .isEqualTo("Success"))));
      // docs/checklist-policy.md shows the refused example's message; it must stay what the
      // operator says.
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(words(releases.withName("triage-bot").get().getStatus().getMessage()))
                      .isEqualTo(words(docsBlockStartingWith("First version 0.9.0"))));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  buffer
                      .toString(StandardCharsets.UTF_8)
                      .contains("default/support-summarizer Promoted stable=2026.11.1"));
    }
  }

  private static String words(String text) {
    return String.join(" ", text.trim().split("\\s+"));
  }

  /** The code block of the checklist policy page ("What no looks like") that starts so. */
  private static String docsBlockStartingWith(String start) throws java.io.IOException {
    String page = Files.readString(Path.of("docs/checklist-policy.md"));
    int block = page.indexOf("```\n" + start);
    assertThat(block).as("docs/checklist-policy.md has a block starting %s", start).isNotNegative();
    int from = block + 4;
    return page.substring(from, page.indexOf("```", from));
  }

  private static Phase phase(ModelRelease release) {
    return release == null || release.getStatus() == null ? null : release.getStatus().getPhase();
  }
}
