package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the machine's real kubectl against an embedded server, with a timeout. */
public final class Kubectl {

  private static final String HOW_TO_GET =
      "these tests run the real kubectl: install it from the Kubernetes project"
          + " (https://kubernetes.io/docs/tasks/tools/)";
  private static final long TIMEOUT_SECONDS = 30;

  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path workDir;
  private final Map<String, String> environment;

  public Kubectl(Path kubeconfig, Path workDir) {
    this(kubeconfig, workDir, Map.of());
  }

  private Kubectl(Path kubeconfig, Path workDir, Map<String, String> environment) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = workDir.resolve("kube-cache");
    this.workDir = workDir;
    this.environment = environment;
  }

  /** This kubectl with one more environment variable, e.g. a client-go feature gate. */
  public Kubectl withEnvironment(String name, String value) {
    Map<String, String> more = new HashMap<>(environment);
    more.put(name, value);
    return new Kubectl(kubeconfig, workDir, Map.copyOf(more));
  }

  /** Fails (rather than skips) the tests when kubectl is missing: they exist to prove it works. */
  public static void assertInstalled() {
    binary();
  }

  private static Path binary() {
    return Tools.onPath("kubectl", HOW_TO_GET);
  }

  /** What kubectl said. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertSuccess() {
      assertThat(exitCode).as("kubectl failed: %s%s", stdout, stderr).isZero();
      return this;
    }
  }

  /** Runs kubectl to its end (at most 30 s) and returns what it said. */
  public Result run(String... args) {
    return start(args).awaitExit();
  }

  /**
   * Runs a command line as a person pastes it into bash (at most 30 s): the shell reads its quotes
   * and runs what it substitutes, such as {@code $(kubectl auth whoami ...)}, and every kubectl in
   * it acts as this kubeconfig's user.
   */
  public Result paste(String line) {
    binary();
    return start(List.of("bash", "-c", line)).awaitExit();
  }

  /** Starts kubectl and leaves it running, for a watch or a wait that the test then satisfies. */
  public Running start(String... args) {
    List<String> command = new ArrayList<>(List.of(binary().toString()));
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return start(command);
  }

  private Running start(List<String> command) {
    try {
      Path stdout = Files.createTempFile(workDir, "kubectl", ".out");
      Path stderr = Files.createTempFile(workDir, "kubectl", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      // For the kubectl a pasted line runs, which takes no flags from here.
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().put("KUBECACHEDIR", cacheDir.toString());
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new Running(command, process, stdout, stderr);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    }
  }

  /** A kubectl still running; closing it stops it as Ctrl-C would. */
  public static final class Running implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Running(List<String> command, Process process, Path stdout, Path stderr) {
      this.command = command;
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** What kubectl has printed so far. */
    public String stdout() {
      return read(stdout);
    }

    /** Waits (at most 30 s) for kubectl to exit by itself and returns what it said. */
    public Result awaitExit() {
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              "kubectl timed out after " + TIMEOUT_SECONDS + "s: " + command + "\n" + stdout());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted running " + command, e);
      }
      return new Result(process.exitValue(), read(stdout), read(stderr));
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
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
