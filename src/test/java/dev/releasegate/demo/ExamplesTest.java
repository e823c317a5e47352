package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The examples read as their authors meant: YAML does not cut evidence short. */
class ExamplesTest {

  @Test
  void theClaimsAgentRunbookIsTheWholeLine() throws IOException {
    ConfigMap claims =
        evidenceConfigMaps().stream()
            .filter(c -> c.getMetadata().getName().equals("claims-agent-evidence"))
            .findFirst()
            .orElseThrow();
    assertThat(claims.getData().get("runbook"))
        .isEqualTo("Page #claims-support; flip the kill switch; handlers work without drafts.");
  }

  private static List<ConfigMap> evidenceConfigMaps() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .flatMap(ExamplesTest::objects)
          .filter(ConfigMap.class::isInstance)
          .map(ConfigMap.class::cast)
          .toList();
    }
  }

  private static Stream<HasMetadata> objects(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = Serialization.unmarshal(in);
      return parsed instanceof List<?> list
          ? list.stream().filter(HasMetadata.class::isInstance).map(HasMetadata.class::cast)
          : Stream.of((HasMetadata) parsed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
