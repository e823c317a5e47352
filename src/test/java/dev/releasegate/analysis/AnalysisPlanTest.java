package dev.releasegate.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

  @Test
  void releasesPromotedTogetherMeasureSpreadOverTheInterval() {
    Duration interval = Duration.ofMinutes(1);
    int[] perSixSeconds = new int[10];
    for (int i = 0; i < 1000; i++) {
      var release = new dev.releasegate.api.v1alpha1.ModelRelease();
      release.getMetadata().setNamespace("team");
      release.getMetadata().setName("release-" + i);
      Duration offset = AnalysisPlan.offset(release, interval);
      assertThat(offset).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval);
      perSixSeconds[(int) (offset.toMillis() / 6000)]++;
    }
    assertThat(java.util.Arrays.stream(perSixSeconds).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(60, 140));
  }
}
