package dev.releasegate.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.docs.MarkdownPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health table of docs/operations.md is what the health check does: each phase it
 * names, run through the script as Argo CD runs it, comes out with the health of its row, and every
 * phase is in exactly one row.
 */
class ArgoCdHealthDocTest {

  /** The table of the GitOps section whose header is phase and Argo CD health. */
  private static MarkdownPage.Table table() {
    return MarkdownPage.read(Path.of("docs/operations.md")).tables().stream()
        .filter(t -> t.header().equals(List.of("phase", "Argo CD health")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("docs/operations.md has no Argo CD health table"));
  }

  @Test
  void everyPhaseIsInExactlyOneRow() {
    List<String> phases = new ArrayList<>();
    for (String cell : table().column("phase")) {
      phases.addAll(MarkdownPage.codeSpans(cell));
    }
    assertThat(phases)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Phase.values()).map(Phase::name).toList());
  }

  @Test
  void eachPhaseHasTheHealthOfItsRow() throws Exception {
    MarkdownPage.Table table = table();
    for (List<String> row : table.rows()) {
      String health = MarkdownPage.plain(row.get(1));
      for (String phase : MarkdownPage.codeSpans(row.get(0))) {
        assertThat(
                ArgoCdHealthTest.health(
                        ArgoCdHealthTest.release(
                            3, Map.of("phase", phase, "observedGeneration", 3)))
                    .get(0))
            .as("%s", phase)
            .isEqualTo(health);
      }
      if (row.get(0).contains("not yet observed")) {
        assertThat(
                ArgoCdHealthTest.health(
                        ArgoCdHealthTest.release(
                            4, Map.of("phase", "Promoted", "observedGeneration", 3)))
                    .get(0))
            .as("a spec not yet observed")
            .isEqualTo(health);
      }
    }
  }
}
