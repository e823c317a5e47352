package dev.releasegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisPlanTest {

  @Test
  void queriesAreFilledWithTheReleasesValuesAndNothingElse() {
    assertThat(
            AnalysisPlan.render(
                "x{release=\"{{name}}\",ns=\"{{namespace}}\",v=\"{{version}}\",t=\"{{track}}\",o=\"{{other}}\"}",
                Map.of(
                    "name", "assistant", "namespace", "ml", "version", "1.1.0", "track", "canary")))
        .isEqualTo("x{release=\"assistant\",ns=\"ml\",v=\"1.1.0\",t=\"canary\",o=\"{{other}}\"}");
  }
}
