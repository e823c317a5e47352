package dev.releasegate.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every figure of one benchmark run.
 *
 * @param api the API measured: {@code embedded} or {@code real}
 * @param server what that API was, with its version
 * @param steadyRequestsPerReleasePerMinute API requests per release per minute while the canaries
 *     rest and their analysis measures
 * @param steadyWritesPerReleasePerMinute of which writes
 * @param steadyMeasurementsPerReleasePerMinute the canary analysis' measurements in that time
 * @param steadyRequests what those requests were, by method (or verb) and resource
 * @param operatorErrors the operator's requests the API answered with an error over the whole run,
 *     by code, verb and resource; null where the API does not record answers (the embedded one)
 */
public record BenchmarkResult(
    String api,
    String server,
    int releases,
    int sample,
    int burst,
    Percentiles killSwitchOneAtATime,
    Percentiles killSwitchBurst,
    Percentiles floorOneAtATime,
    Percentiles floorBurst,
    double secondsToReconcileAllOnce,
    long operatorResidentBytes,
    long operatorLiveHeapBytes,
    double steadyRequestsPerReleasePerMinute,
    double steadyWritesPerReleasePerMinute,
    double steadyMeasurementsPerReleasePerMinute,
    double leaseRequestsPerMinute,
    Map<String, Long> steadyRequests,
    Map<String, Long> operatorErrors) {

  /** Kill-switch reaction over the floor, at the 99th percentile, one at a time. */
  public double p99RatioToFloor() {
    return killSwitchOneAtATime.p99() / floorOneAtATime.p99();
  }

  /** The Markdown table row set for this run. */
  String markdown(String machine, String jvm, String date) {
    return String.join(
        "\n",
        "| figure | N = " + releases + ", " + api + " API |",
        "|---|---|",
        "| kill switch, one at a time ("
            + sample
            + "): p50 / p95 / p99 / max | "
            + ms(killSwitchOneAtATime)
            + " |",
        "| floor, one at a time: p50 / p95 / p99 / max | " + ms(floorOneAtATime) + " |",
        "| p99 over the floor | " + String.format(Locale.ROOT, "%.2f×", p99RatioToFloor()) + " |",
        "| kill switch, burst of "
            + burst
            + " at once: p50 / p95 / p99 / max | "
            + ms(killSwitchBurst)
            + " |",
        "| floor, burst of " + burst + ": p50 / p95 / p99 / max | " + ms(floorBurst) + " |",
        "| operator start to every release reconciled once | "
            + String.format(Locale.ROOT, "%.1f s", secondsToReconcileAllOnce)
            + " |",
        "| operator resident memory / live heap | "
            + mib(operatorResidentBytes)
            + " / "
            + mib(operatorLiveHeapBytes)
            + " |",
        "| steady, canary analysis every "
            + Benchmark.ANALYSIS_INTERVAL
            + ": API requests / writes / measurements per release per minute | "
            + String.format(
                Locale.ROOT,
                "%.3f / %.3f / %.3f",
                steadyRequestsPerReleasePerMinute,
                steadyWritesPerReleasePerMinute,
                steadyMeasurementsPerReleasePerMinute)
            + " |",
        "| at rest: the leader's Lease requests per minute | "
            + String.format(Locale.ROOT, "%.1f", leaseRequestsPerMinute)
            + " |",
        "| the operator's requests answered with an error, whole run | " + errors() + " |",
        "",
        "API: "
            + server
            + ". A rollback counts when a watch sees the Deployments' spec.replicas (the operator's"
            + " or the floor's write) at 0 for the canary and full for the stable, not pods ready.",
        "",
        "Machine: " + machine + "; JVM: " + jvm + "; " + date + ".");
  }

  private String errors() {
    if (operatorErrors == null) {
      return "not recorded by this API";
    }
    return operatorErrors.isEmpty()
        ? "none"
        : operatorErrors.entrySet().stream()
            .map(e -> e.getValue() + " × " + e.getKey())
            .collect(Collectors.joining(", "));
  }

  private static String ms(Percentiles p) {
    return String.format(
        Locale.ROOT, "%.1f / %.1f / %.1f / %.1f ms", p.p50(), p.p95(), p.p99(), p.max());
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}
