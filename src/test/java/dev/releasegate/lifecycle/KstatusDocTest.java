package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.ModelReleaseStatus;
import dev.releasegate.api.v1alpha1.Phase;
import dev.releasegate.api.v1alpha1.StatusCondition;
import dev.releasegate.docs.MarkdownPage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The conditions table of docs/concepts.md says which kstatus condition is true for each phase and
 * reason; {@link KstatusConditions} decides it. Each row is tried: with the reasons it names, or,
 * for "any", with a made-up reason and every reason the page's reasons table gives that phase.
 */
class KstatusDocTest {
  private static final MarkdownPage PAGE = MarkdownPage.read(Path.of("docs/concepts.md"));
  private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  private record Row(String phase, List<String> reasons, String condition) {
    boolean anyReason() {
      return reasons.isEmpty();
    }
  }

  private static List<Row> rows() {
    MarkdownPage.Table table = PAGE.tableUnder("Conditions");
    List<Row> rows = new ArrayList<>();
    for (List<String> cells : table.rows()) {
      List<String> phase = MarkdownPage.codeSpans(cells.get(0));
      List<String> condition = MarkdownPage.codeSpans(cells.get(2));
      assertThat(condition).as("one condition per row: %s", cells).hasSize(1);
      assertThat(phase.size() == 1 || cells.get(0).equals("any"))
          .as("a row names one phase, or any: %s", cells)
          .isTrue();
      rows.add(
          new Row(
              phase.isEmpty() ? null : phase.get(0),
              MarkdownPage.codeSpans(cells.get(1)),
              condition.get(0)));
    }
    return rows;
  }

  @Test
  void everyPhaseHasARowForAnyReasonOrAnyOtherReason() {
    List<Row> rows = rows();
    List<String> phasesWithAnyReason =
        rows.stream().filter(r -> r.phase() != null && r.anyReason()).map(Row::phase).toList();

    assertThat(phasesWithAnyReason)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Phase.values()).map(Phase::name).toList());
  }

  @Test
  void eachRowIsTheConditionTheOperatorSets() {
    List<Row> rows = rows();
    for (Row row : rows) {
      if (row.phase() == null) {
        // A router or a write that cannot act stalls the release whatever its phase.
        for (Phase phase : Phase.values()) {
          for (String reason : row.reasons()) {
            assertThat(trueCondition(phase, reason, true))
                .as("%s with %s", phase, reason)
                .isEqualTo(row.condition());
          }
        }
        continue;
      }
      Phase phase = Phase.valueOf(row.phase());
      Set<String> reasons = new HashSet<>(row.reasons());
      if (row.anyReason()) {
        reasons.add("AnyOtherReason");
        reasons.addAll(reasonsTableFor(row.phase()));
        rows.stream()
            .filter(other -> row.phase().equals(other.phase()))
            .forEach(other -> reasons.removeAll(other.reasons()));
      }
      for (String reason : reasons) {
        assertThat(trueCondition(phase, reason, false))
            .as("%s with reason %s", phase, reason)
            .isEqualTo(row.condition());
      }
    }
  }

  /** The reasons the reasons table gives a phase. */
  private static List<String> reasonsTableFor(String phase) {
    MarkdownPage.Table reasons = PAGE.tableUnder("Reasons");
    List<String> found = new ArrayList<>();
    for (List<String> cells : reasons.rows()) {
      if (MarkdownPage.codeSpans(cells.get(1)).contains(phase)) {
        found.add(MarkdownPage.codeSpans(cells.get(0)).get(0));
      }
    }
    return found;
  }

  private static String trueCondition(Phase phase, String reason, boolean stuck) {
    ModelReleaseStatus status = new ModelReleaseStatus();
    status.setPhase(phase);
    status.setReason(reason);
    List<StatusCondition> conditions =
        KstatusConditions.of(status, new ModelReleaseStatus(), NOW, stuck);
    List<String> trueOnes =
        conditions.stream()
            .filter(c -> c.status().equals("True"))
            .map(StatusCondition::type)
            .toList();
    assertThat(trueOnes).as("exactly one condition is true").hasSize(1);
    return trueOnes.get(0);
  }
}
