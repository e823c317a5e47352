package dev.releasegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.chart.Chart;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's memory figures are the chart's: its operator runs with the chart's JVM. */
class ChartJvmTest {

  @Test
  void theBenchmarkRunsTheOperatorWithTheChartsHeapAndOptions() {
    Container container =
        Chart.only(Chart.render(""), Deployment.class, Chart.RELEASE)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    List<String> chartOptions =
        Arrays.asList(
            container.getEnv().stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow()
                .split(" "));
    long limitMiB =
        Quantity.getAmountInBytes(container.getResources().getLimits().get("memory"))
                .longValueExact()
            / (1024 * 1024);

    String heapShare = "-XX:MaxRAMPercentage=";
    assertThat(ChartJvm.OPTIONS)
        .containsExactlyInAnyOrderElementsOf(
            chartOptions.stream()
                .map(
                    o ->
                        o.startsWith(heapShare)
                            ? "-Xmx"
                                + limitMiB * Long.parseLong(o.substring(heapShare.length())) / 100
                                + "m"
                            : o)
                .toList());
  }
}
