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
 * {@code mvn -Pbenchmark verify -Dreleases=1000}: runs the benchmark and writes its figures as JSON
 * and a Markdown table under docs/benchmarks/results.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    int releases = Integer.parseInt(System.getProperty("releases", "100"));
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
            defaults.timeout());

    BenchmarkResult result = Benchmark.run(settings);
    write(result, settings, out);
    System.out.println(result.markdown(machine(), jvm(), LocalDate.now().toString()));
  }

  static void write(BenchmarkResult result, Benchmark.Settings settings, Path out)
      throws IOException {
    Files.createDirectories(out);
    String stem = LocalDate.now() + "-n" + result.releases();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", LocalDate.now().toString());
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
