package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The phases table of docs/concepts.md is the {@link Phase} enum: one row per value, and each row's
 * meaning is the value's own Javadoc, the text the API types and the CRD carry.
 */
class PhasesDocTest {
  private static final Path PAGE = Path.of("docs/concepts.md");
  private static final Path SOURCE =
      Path.of("src/main/java/dev/releasegate/api/v1alpha1/Phase.java");

  private static MarkdownPage.Table table() {
    return MarkdownPage.read(PAGE).tableUnder("Phases");
  }

  @Test
  void everyPhaseHasExactlyOneRowAndNoOtherRowIsThere() {
    List<String> named =
        table().column("phase").stream()
            .map(
                cell -> {
                  assertThat(MarkdownPage.codeSpans(cell))
                      .as("a row names one phase, in code: %s", cell)
                      .hasSize(1);
                  return MarkdownPage.codeSpans(cell).get(0);
                })
            .toList();

    assertThat(named)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Phase.values()).map(Phase::name).toList());
  }

  @Test
  void eachRowSaysWhatThePhasesJavadocSays() throws IOException {
    Map<String, String> javadoc = javadocOfEachValue();
    assertThat(javadoc).containsOnlyKeys(Arrays.stream(Phase.values()).map(Phase::name).toList());

    MarkdownPage.Table table = table();
    List<String> phases = table.column("phase");
    List<String> meanings = table.column("what it means");
    for (int i = 0; i < phases.size(); i++) {
      String phase = MarkdownPage.codeSpans(phases.get(i)).get(0);
      assertThat(MarkdownPage.plain(meanings.get(i)))
          .as("what %s means, as Phase.java says it", phase)
          .isEqualTo(javadoc.get(phase));
    }
  }

  /** Each enum value's Javadoc, one line, from the source. */
  private static Map<String, String> javadocOfEachValue() throws IOException {
    String source = Files.readString(SOURCE);
    String body = source.substring(source.indexOf('{', source.indexOf("enum Phase")) + 1);
    Matcher m = Pattern.compile("/\\*\\*(.*?)\\*/\\s*(\\w+)", Pattern.DOTALL).matcher(body);
    Map<String, String> docs = new LinkedHashMap<>();
    while (m.find()) {
      String text = m.group(1).replaceAll("(?m)^\\s*\\*", " ").replaceAll("\\s+", " ").trim();
      docs.put(m.group(2), text);
    }
    return docs;
  }
}
