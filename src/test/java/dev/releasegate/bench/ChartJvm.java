package dev.releasegate.bench;

import java.util.List;

/**
 * The JVM the chart's container runs: a heap of half its 768Mi limit, and its options. The
 * benchmark runs its operator with it, so its memory figures are the chart's. A class of its own so
 * that {@link ChartJvmTest} checks it against the chart without reaching the benchmark's processes.
 */
final class ChartJvm {
  static final List<String> OPTIONS =
      List.of(
          "-Xmx384m", "-XX:+UseG1GC", "-XX:+UseStringDeduplication", "-XX:+ExitOnOutOfMemoryError");

  private ChartJvm() {}
}
