package dev.releasegate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A releasegate process of its own (the embedded API, or the operator), so the benchmark measures
 * each one's memory apart and talks to them over loopback as a cluster would.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  public final Path log;

  public ChildJvm(
      String name, Path dir, List<String> jvmArgs, List<String> args, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.releasegate.Releasegate");
    command.addAll(args);
    log = dir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Resident memory in bytes, from the kernel's own account. */
  long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for " + pid());
  }

  /** Heap in use after a full collection (the live set), in bytes, as jcmd reports it. */
  long liveHeapBytes() {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // "garbage-first heap   total 262144K, used 41231K [..." (the first "used" is the whole heap)
    var matcher = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    if (!matcher.find()) {
      throw new IllegalStateException("jcmd GC.heap_info said: " + info);
    }
    return Long.parseLong(matcher.group(1)) * 1024;
  }

  /** The live objects by class, largest first, as jcmd reports them. */
  String classHistogram() {
    return jcmd("GC.class_histogram");
  }

  /** Where the process's memory goes, heap and beside it; only with -XX:NativeMemoryTracking. */
  String nativeMemory() {
    return jcmd("VM.native_memory summary");
  }

  private String jcmd(String command) {
    try {
      Process jcmd =
          new ProcessBuilder(
                  Stream.concat(
                          Stream.of(
                              Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                              String.valueOf(pid())),
                          Stream.of(command.split(" ")))
                      .toList())
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (!stop(Duration.ofSeconds(20))) {
      process.destroyForcibly().waitFor();
    }
  }

  /** SIGKILL, as a node that dies takes its processes: no shutdown hook runs. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends SIGTERM, as the kubelet does, and says whether the process ended within {@code grace}.
   */
  public boolean stop(Duration grace) throws InterruptedException {
    process.destroy();
    return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
  }
}
