package dev.releasegate.bench;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mvn -Pbenchmark verify -Dreleases=1000 [-Dapi=real]}: runs the benchmark on the embedded
 * API (the default) or a real control plane and writes its figures as JSON and a Markdown table
 * under docs/benchmarks/results.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /** Runs it with the system properties the benchmark profile passes. */
  public static void main(String[] args) throws Exception {
    int releases = Integer.parseInt(System.getProperty("releases", "100"));
    String api = System.getProperty("api", "embedded");
    Duration steady = Duration.parse(System.getProperty("steady", "PT60S"));
    List<String> operatorJvm =
        List.of(System.getProperty("operatorJvm", "").split(" ")).stream()
            .filter(a -> !a.isBlank())
            .toList();
    Path out = Path.of(System.getProperty("out", "docs/benchmarks/results"));
    Benchmark.Settings defaults = Benchmark.Settings.forReleases(releases);
    if (operatorJvm.isEmpty()) {
      operatorJvm = defaults.operatorJvmArgs();
    }
    Benchmark.Settings settings =
        new Benchmark.Settings(
            releases,
            defaults.sample(),
            defaults.burstFraction(),
            steady,
            operatorJvm,
            api.equals("real") ? realTimeout(releases) : defaults.timeout());

    BenchmarkResult result = Benchmark.run(settings, api);
    write(result, settings, out);
    System.out.println(result.markdown(machine(), jvm(), LocalDate.now().toString()));
  }

  /**
   * Each wait's limit on a real control plane: its controller manager creates every pod at its
   * client's 20 requests a second, on the two cores the operator and etcd share.
   */
  private static Duration realTimeout(int releases) {
    return Duration.ofMinutes(Math.max(10, releases / 40));
  }

  static void write(BenchmarkResult result, Benchmark.Settings settings, Path out)
      throws IOException {
    Files.createDirectories(out);
    // The embedded runs keep their names; the others say their API.
    String stem =
        LocalDate.now()
            + "-n"
            + result.releases()
            + (result.api().equals("embedded") ? "" : "-" + result.api());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", LocalDate.now().toString());
    json.put("api", result.api());
    json.put("server", result.server());
    if (result.api().equals("real")) {
      json.put("kubernetesVersion", RealBenchmarkApi.kubernetesVersion());
    }
    json.put("machine", machine());
    json.put("jvm", jvm());
    json.put("operatorJvmArgs", settings.operatorJvmArgs());
    json.put("steadyWindowSeconds", settings.steadyWindow().toSeconds());
    json.put("result", result);
    json.put("p99RatioToFloor", result.p99RatioToFloor());
    Files.writeString(out.resolve(stem + ".json"), Serialization.asJson(json));
    Files.writeString(
        out.resolve(stem + ".md"),
        result.markdown(machine(), jvm(), LocalDate.now().toString()) + "\n");
  }

  static String machine() {
    int cores = Runtime.getRuntime().availableProcessors();
    String cpu = "";
    long memKb = 0;
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .orElse("");
      memKb =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .findFirst()
              .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
              .orElse(0L);
    } catch (IOException e) {
      // A machine without /proc still gets its core count reported.
    }
    return cores
        + " cores"
        + (cpu.isEmpty() ? "" : " (" + cpu + ")")
        + ", "
        + Math.round(memKb / 1048576.0)
        + " GiB";
  }

  static String jvm() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
  }
}
