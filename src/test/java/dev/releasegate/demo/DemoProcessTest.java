package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.releasegate.bench.ChildJvm;
import dev.releasegate.testing.Integration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as a person runs it and stops it: nothing of it is left behind. */
@Integration
class DemoProcessTest {

  @Test
  void sigtermRemovesTheFolderTheDemoMadeForItself(@TempDir Path dir) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    try (ChildJvm demo =
        new ChildJvm(
            "demo",
            dir,
            List.of("-Djava.io.tmpdir=" + tmp),
            List.of("--api-port=0", "--http-port=0", "--no-story"),
            Map.of())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(demo.log).contains("operator log:") || !demo.alive());
      assertThat(Files.readString(demo.log)).contains("(removed at exit; --work-dir keeps it)");
      assertThat(folders(tmp))
          .anySatisfy(f -> assertThat(f.toString()).contains("releasegate-demo-"));

      assertThat(demo.stop(Duration.ofSeconds(20))).as(Files.readString(demo.log)).isTrue();
      assertThat(folders(tmp)).as(Files.readString(demo.log)).isEmpty();
    }
  }

  private static List<Path> folders(Path tmp) throws Exception {
    try (Stream<Path> entries = Files.list(tmp)) {
      return entries.filter(Files::isDirectory).toList();
    }
  }
}
