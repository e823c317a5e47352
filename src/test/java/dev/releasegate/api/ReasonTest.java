package dev.releasegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The reasons vocabulary: what users see on the wire, and nothing in it that nothing says. */
class ReasonTest {

  @Test
  void onTheWireEachReasonIsOneCamelCaseWordAndReadsBack() {
    for (Reason reason : Reason.values()) {
      assertThat(reason.name()).matches("[A-Z][A-Za-z]+");
      assertThat(Reason.of(reason.name())).contains(reason);
      assertThat(reason.meaning()).as(reason.name()).isNotBlank().endsWith(".");
    }
    assertThat(Reason.of("NoSuchReason")).isEmpty();
    assertThat(Reason.of(null)).isEmpty();
  }

  @Test
  void onlyAReasonThatStopsAReleaseIsAWarning() {
    assertThat(Arrays.stream(Reason.values()).filter(Reason::warning))
        .allSatisfy(r -> assertThat(r.kind()).isEqualTo(Reason.Kind.STOP))
        .contains(Reason.KillSwitch, Reason.InvalidSpec, Reason.ObjectNotOwned);
    assertThat(Reason.AwaitingGates.warning()).isFalse();
  }

  @Test
  void everyReasonIsGivenSomewhereInTheOperator() throws IOException {
    String sources;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      sources =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(f -> !f.endsWith(Path.of("api/v1alpha1/Reason.java")))
              .map(ReasonTest::read)
              .collect(Collectors.joining("\n"));
    }
    assertThat(Reason.values())
        .as("a reason nothing gives is a stale row in the docs")
        .allSatisfy(r -> assertThat(sources).contains("Reason." + r.name()));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
