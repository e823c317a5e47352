package dev.releasegate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTableTest {

  @Test
  void columnsAlignAndLongEventsAreCutToTheTerminalWidth() {
    String table =
        ReleaseTable.render(
            List.of(
                new ReleaseRow(
                    "default",
                    "fraud-scorer",
                    "Progressing",
                    "3.4.0",
                    "3.5.0",
                    "20%",
                    "2/3",
                    "recall-drift=0.94",
                    "CanaryStep: Step 1/4: 20% of traffic to 3.5.0."),
                new ReleaseRow(
                    "default",
                    "claims-agent",
                    "AwaitingGates",
                    "-",
                    "1.2.0",
                    "0%",
                    "1/3",
                    "-",
                    "")),
            110);

    List<String> lines = table.lines().toList();
    assertThat(lines.get(0))
        .startsWith(
            "NAMESPACE  NAME          PHASE          STABLE  CANARY  WEIGHT  GATES  ANALYSIS           LAST EVENT");
    assertThat(lines.get(1))
        .startsWith(
            "default    fraud-scorer  Progressing    3.4.0   3.5.0   20%     2/3    recall-drift=0.94  CanaryStep");
    assertThat(lines.get(1)).hasSize(110).endsWith("…");
    assertThat(lines.get(2))
        .isEqualTo("default    claims-agent  AwaitingGates  -       1.2.0   0%      1/3    -");
  }
}
