package dev.releasegate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flux's own health check of applied objects (src/fluxhealth: fluxcd/pkg/ssa's WaitForSet on
 * kstatus, as kustomize-controller runs it for a Kustomization with {@code wait: true}), built by
 * the build before the real-cluster tests.
 */
final class FluxHealth {
  static final Path BINARY = Path.of("target/flux-health");

  /** What the health check said: "ready", or Flux's error, which the Kustomization reports. */
  record Verdict(boolean ready, String output) {
    boolean failedEarly() {
      return !ready && output.startsWith("failed early due to stalled resources");
    }

    boolean timedOut() {
      return !ready && output.startsWith("timeout waiting for");
    }
  }

  private final Path kubeconfig;

  FluxHealth(Path kubeconfig) {
    assertThat(Files.isExecutable(BINARY))
        .as("%s is built by `mvn verify` (src/fluxhealth/build.sh) before these tests", BINARY)
        .isTrue();
    this.kubeconfig = kubeconfig;
  }

  /** Waits for one ModelRelease as a Kustomization whose spec.timeout is {@code timeout}. */
  Verdict modelRelease(String namespace, String name, Duration timeout) {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY.toAbsolutePath().toString(),
                "-kubeconfig",
                kubeconfig.toString(),
                "-timeout",
                timeout.toSeconds() + "s",
                "-interval",
                "1s",
                "releasegate.dev/ModelRelease/" + namespace + "/" + name));
    try {
      Path output = Files.createTempFile("flux-health", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("flux-health outlived its own timeout: " + command);
      }
      String said = Files.readString(output, StandardCharsets.UTF_8).trim();
      Files.delete(output);
      return new Verdict(process.exitValue() == 0, said);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }
}
