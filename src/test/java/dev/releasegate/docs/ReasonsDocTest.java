package dev.releasegate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Reason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reasons of docs/concepts.md are the {@link Reason} vocabulary: the status reasons table and
 * the table of Events that are not a status reason together name every reason once, and each row's
 * Event type is the one the operator records it with.
 */
class ReasonsDocTest {
  private static final Path PAGE = Path.of("docs/concepts.md");

  private static MarkdownPage.Table statusReasons() {
    return MarkdownPage.read(PAGE).tableUnder("Reasons");
  }

  private static MarkdownPage.Table eventsOnly() {
    return MarkdownPage.read(PAGE).tableUnder("Events that are not a status reason");
  }

  @Test
  void theTwoTablesNameEveryReasonOnceAndNoOther() {
    List<String> named = new ArrayList<>();
    statusReasons().column("reason").forEach(cell -> named.addAll(MarkdownPage.codeSpans(cell)));
    eventsOnly().column("Event").forEach(cell -> named.addAll(MarkdownPage.codeSpans(cell)));

    assertThat(named)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Reason.values()).map(Reason::name).toList());
  }

  @Test
  void eachRowGivesTheEventTypeTheOperatorRecordsTheReasonWith() {
    assertTypes(statusReasons(), "reason", "Event");
    assertTypes(eventsOnly(), "Event", "type");
  }

  private static void assertTypes(MarkdownPage.Table table, String nameColumn, String typeColumn) {
    List<String> names = table.column(nameColumn);
    List<String> types = table.column(typeColumn);
    for (int i = 0; i < names.size(); i++) {
      if (MarkdownPage.plain(types.get(i)).startsWith("none")) {
        continue; // A reason only ever set together with another one's Event.
      }
      String documented = MarkdownPage.codeSpans(types.get(i)).get(0);
      for (String name : MarkdownPage.codeSpans(names.get(i))) {
        Reason reason = Reason.of(name).orElseThrow();
        assertThat(documented)
            .as("the Event type of %s", name)
            .isEqualTo(reason.warning() ? "Warning" : "Normal");
      }
    }
  }
}
