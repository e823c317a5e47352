package dev.releasegate.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One program of the control plane, running with its output in a log file of its own. */
final class ServerProcess implements AutoCloseable {
  final String name;
  final Path log;
  private final Process process;

  ServerProcess(String name, Path dir, List<String> command) {
    this.name = name;
    this.log = dir.resolve(name + ".log");
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The end of the log, for a failure message. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Fails with the program's last words when it has exited. */
  void assertAlive() {
    if (!alive()) {
      throw new IllegalStateException(
          name + " exited with " + process.exitValue() + "; the end of " + log + ":\n" + tail());
    }
  }

  /** SIGTERM, and SIGKILL if it has not stopped within ten seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
