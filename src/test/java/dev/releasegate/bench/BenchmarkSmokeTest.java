package dev.releasegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.testing.Integration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark on 20 releases, so the harness cannot rot; the real runs are manual. */
@Integration
class BenchmarkSmokeTest {

  @Test
  void theHarnessMeasuresEveryFigureAndWritesItsResults(@TempDir Path out) throws Exception {
    Benchmark.Settings settings =
        new Benchmark.Settings(
            20, 5, 0.10, Duration.ofSeconds(3), List.of(), Duration.ofMinutes(2));

    BenchmarkResult result = Benchmark.run(settings);

    assertThat(result.killSwitchOneAtATime().count()).isEqualTo(5);
    assertThat(result.killSwitchBurst().count()).isEqualTo(2);
    assertThat(result.floorOneAtATime().count()).isEqualTo(5);
    assertThat(result.killSwitchOneAtATime().max()).isLessThan(30_000);
    assertThat(result.secondsToReconcileAllOnce()).isPositive();
    assertThat(result.operatorResidentBytes())
        .isGreaterThan(result.operatorLiveHeapBytes())
        .isPositive();
    assertThat(result.steadyRequestsPerReleasePerMinute()).isNotNegative();
    BenchmarkMain.write(result, settings, out);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(f -> f.endsWith("-n20.json"))
          .anyMatch(f -> f.endsWith("-n20.md"));
    }
  }
}
