package dev.releasegate.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.GateId;
import dev.releasegate.api.v1alpha1.GateStatus;
import dev.releasegate.api.v1alpha1.ModelReleaseSpec;
import dev.releasegate.docs.MarkdownPage;
import dev.releasegate.gate.GateReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The gates table of docs/concepts.md: its names are the gates the code knows, each stands before
 * the traffic the code says, and a first and a later version of a release have exactly the gates
 * the table gives them.
 */
class GatesDocTest {
  private static final String STAGE = "a later version needs it before";
  private static final String FIRST = "a first version has it";

  /** Each row of the table by gate name, in order. */
  private static Map<String, List<String>> rows() {
    MarkdownPage.Table table = MarkdownPage.read(Path.of("docs/concepts.md")).tableUnder("Gates");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> names = table.column("gate");
    for (int i = 0; i < names.size(); i++) {
      List<String> spans = MarkdownPage.codeSpans(names.get(i));
      assertThat(spans).as("a row names one gate: %s", names.get(i)).hasSize(1);
      List<String> row = new ArrayList<>();
      for (String column : table.header()) {
        row.add(table.column(column).get(i));
      }
      assertThat(rows.put(spans.get(0), row)).as("%s has one row", spans.get(0)).isNull();
    }
    return rows;
  }

  private static String cell(String gate, String column) {
    MarkdownPage.Table table = MarkdownPage.read(Path.of("docs/concepts.md")).tableUnder("Gates");
    return rows().get(gate).get(table.header().indexOf(column));
  }

  @Test
  void theTableNamesEveryGateTheCodeKnowsAndNoOther() {
    assertThat(rows().keySet()).containsExactlyInAnyOrderElementsOf(gateNamesInCode());
  }

  /** The gate names in the code: the gate identities status uses. */
  private static Set<String> gateNamesInCode() {
    return Arrays.stream(GateId.values())
        .map(GateId::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void eachGateStandsBeforeTheTrafficTheTableSays() {
    GateReport report = new GateReport(List.of(), null);
    for (String gate : rows().keySet()) {
      String stage = MarkdownPage.plain(cell(gate, STAGE));
      assertThat(stage).as(gate).isIn("any traffic", "full traffic");
      assertThat(report.beforeTraffic(new GateStatus(gate, false, "", List.of(), List.of())))
          .as("%s stands before %s", gate, stage)
          .isEqualTo(stage.equals("any traffic"));
    }
  }

  @Test
  void aFirstAndALaterVersionHaveTheGatesTheTableGivesThem() {
    ModelReleaseSpec first = highTier("1.0.0");
    LifecycleWalk walk = new LifecycleWalk(Releases.release(first));
    Set<String> firstGates = gates(walk.reconcile().status().getGates());
    walk.signAll("1.0.0");
    walk.settle();
    walk.apply(highTier("1.1.0"));
    Set<String> laterGates = gates(walk.reconcile().status().getGates());
    LifecycleWalk agent =
        new LifecycleWalk(
            Releases.release(Releases.with(highTier("1.0.0"), "systemType", "AgenticSystem")));
    Set<String> agentFirstGates = gates(agent.reconcile().status().getGates());

    assertThat(firstGates).as("a first version's gates").isEqualTo(saysFirst(false));
    assertThat(agentFirstGates).as("an agent's first version's gates").isEqualTo(saysFirst(true));
    assertThat(laterGates)
        .as("a later version's gates, high tier (so with the rehearsal)")
        .isEqualTo(
            rows().keySet().stream()
                .filter(g -> !agentsOnly(g))
                .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static ModelReleaseSpec highTier(String version) {
    return Releases.with(Releases.spec(version), "riskTier", "high");
  }

  private static boolean agentsOnly(String gate) {
    return cell(gate, FIRST).contains("agents only");
  }

  /** The gates the table says a first version has, for an agent or not. */
  private static Set<String> saysFirst(boolean agent) {
    Set<String> gates = new TreeSet<>();
    for (String gate : rows().keySet()) {
      String says = MarkdownPage.plain(cell(gate, FIRST));
      assertThat(says).as(gate).matches("(yes|no)\\b.*");
      if (says.startsWith("yes") && (agent || !agentsOnly(gate))) {
        gates.add(gate);
      }
    }
    return gates;
  }

  private static Set<String> gates(List<GateStatus> gates) {
    return gates.stream().map(GateStatus::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
