package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.embedded.Kubectl;
import dev.releasegate.operator.OperatorSettings;
import dev.releasegate.testing.Integration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour the README points a new user to (examples/tour.sh), run as they would run it: against
 * the demo, with the machine's kubectl and the kubeconfig the demo printed. It signs, goes through
 * a canary, pastes the commands the release prints (skip a pause, clear the kill switch, retry),
 * and waits with {@code kubectl wait}; any step that does not hold ends it non-zero.
 */
@Integration
class TourTest {
  private static final Duration LIMIT = Duration.ofMinutes(4);

  @Test
  void theTourRunsAgainstTheDemoFromStartToEnd(@TempDir Path dir) throws Exception {
    Kubectl.assertInstalled();
    ByteArrayOutputStream demoOutput = new ByteArrayOutputStream();
    try (EmbeddedDemo demo =
        EmbeddedDemo.start(
            new EmbeddedDemo.Options(
                0, dir, Path.of("examples"), Duration.ZERO, true, OperatorSettings.defaults()),
            new PrintStream(demoOutput, true, StandardCharsets.UTF_8),
            false)) {
      Path output = dir.resolve("tour.out");
      ProcessBuilder tour =
          new ProcessBuilder("bash", "examples/tour.sh")
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      tour.environment().put("KUBECONFIG", demo.kubeconfig().toString());
      tour.environment().put("HOME", dir.toString());
      Process process = tour.start();
      boolean ended = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String said = Files.readString(output, StandardCharsets.UTF_8);

      assertThat(ended).as("the tour ended within %s:%n%s", LIMIT, said).isTrue();
      assertThat(process.exitValue()).as("the tour failed:%n%s", said).isZero();
      assertThat(said)
          .contains("condition met")
          .contains("# as printed in status.message")
          .contains(
              "releasegate.dev/promote=\"version=1.2.0-tour; step=1; by=$(kubectl auth whoami")
          .contains("releasegate.dev/kill-switch=\"false; by=$(kubectl auth whoami")
          .contains("releasegate.dev/retry=\"version=1.2.0-tour; by=$(kubectl auth whoami")
          .as("the Events name who acted: the embedded API's one user")
          .contains("pause skipped by releasegate-embedded")
          .contains("pulled by releasegate-embedded")
          .contains("Done: 1.2.0-tour is back at its first step");

      // A second tour on the same demo stops at once, saying why, instead of timing out.
      Process again = tour.start();
      assertThat(again.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(again.exitValue()).isNotZero();
      assertThat(Files.readString(output, StandardCharsets.UTF_8))
          .contains("already has an approved version")
          .contains("restart the demo");

      // The README's other way in: edit an example and kubectl apply it, as written, with
      // kubectl's own validation and three-way merge and no warning about how it was applied.
      Kubectl kubectl = new Kubectl(demo.kubeconfig(), dir);
      Kubectl.Result apply =
          kubectl.run(
              "apply", "-f", Path.of("examples/triage-bot.yaml").toAbsolutePath().toString());
      assertThat(apply.exitCode()).as(apply.stderr()).isZero();
      assertThat(apply.stderr()).doesNotContain("last-applied-configuration");
      assertThat(apply.stdout()).contains("modelrelease.releasegate.dev/triage-bot");
    }
  }
}
