package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's real kubectl against an embedded server, with a timeout. */
public final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");
  private static final long TIMEOUT_SECONDS = 30;

  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path workDir;

  public Kubectl(Path kubeconfig, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = workDir.resolve("kube-cache");
    this.workDir = workDir;
  }

  /** Fails (rather than skips) the tests when kubectl is missing: they exist to prove it works. */
  public static void assertInstalled() {
    assertThat(Files.isExecutable(BINARY))
        .as("these tests run the real kubectl, which must be installed at %s", BINARY)
        .isTrue();
  }

  /** What kubectl said. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertSuccess() {
      assertThat(exitCode).as("kubectl failed: %s%s", stdout, stderr).isZero();
      return this;
    }
  }

  public Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    try {
      Path stdout = Files.createTempFile(workDir, "kubectl", ".out");
      Path stderr = Files.createTempFile(workDir, "kubectl", ".err");
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl timed out after " + TIMEOUT_SECONDS + "s: " + command);
      }
      return new Result(
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  /** Writes {@code content} to a file in the work directory and returns its path. */
  public Path file(String name, String content) {
    try {
      return Files.writeString(workDir.resolve(name), content);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
